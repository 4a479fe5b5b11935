/* fuzz_common.h: what the fuzz targets share: the profile, the schema and
 * the templates, loaded once from the source tree (make fuzz runs at its
 * top), and a diagnostics list freed after every input. */
#ifndef WPGEN_FUZZ_COMMON_H
#define WPGEN_FUZZ_COMMON_H

#include "wpgen/wpgen.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static wp_profile *fz_profile;
static wp_schema *fz_schema;
static wp_template *fz_html, *fz_md;

static inline void fz_die(const char *what)
{
	fprintf(stderr, "fuzz: cannot load %s (run from the top of the source tree)\n", what);
	abort();
}

static inline void fz_load(void)
{
	wp_diags d = {0};
	if (wp_profile_load(&fz_profile, "profiles/wco-working-body.yaml", &d) != WP_OK)
		fz_die("profiles/wco-working-body.yaml");
	if (wp_schema_load(&fz_schema, "schema/wpgen.rng", &d) != WP_OK)
		fz_die("schema/wpgen.rng");
	if (wp_template_load(&fz_html, "templates/annex-html.xsl", &d) != WP_OK)
		fz_die("templates/annex-html.xsl");
	if (wp_template_load(&fz_md, "templates/annex-md.xsl", &d) != WP_OK)
		fz_die("templates/annex-md.xsl");
	wp_diags_clear(&d);
}

/* Every diagnostic must point inside the input. */
static inline void fz_check_diags(const wp_diags *d, const uint8_t *data, size_t size)
{
	size_t lines = 1;
	for (size_t i = 0; i < size; i++) /* LF, CRLF or a lone CR */
		lines += data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'));
	for (size_t i = 0; i < d->n; i++) {
		if (d->items[i].line > lines + 1 || !d->items[i].rule || !d->items[i].message)
			abort();
		if (d->items[i].fix_text && d->items[i].fix_off + d->items[i].fix_len > size)
			abort();
	}
}

#endif
