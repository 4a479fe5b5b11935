/* testutil.h: helpers shared by the cmocka tests. Tests run from the top
 * of the source tree (make test does so). */
#ifndef WP_TESTUTIL_H
#define WP_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "wpgen/wpgen.h"

#define PROFILE_PATH "profiles/wco-working-body.yaml"

static inline wp_profile *test_profile(void)
{
	wp_diags d = {0};
	wp_profile *p = NULL;
	int rc = wp_profile_load(&p, PROFILE_PATH, &d);
	if (rc != WP_OK)
		for (size_t i = 0; i < d.n; i++)
			fprintf(stderr, "%s\n", d.items[i].message);
	assert_int_equal(rc, WP_OK);
	wp_diags_clear(&d);
	return p;
}

/* The shipped profile of that name (profiles/NAME.yaml). */
static inline wp_profile *test_profile_named(const char *name)
{
	char path[128];
	wp_diags d = {0};
	wp_profile *p = NULL;
	snprintf(path, sizeof path, "profiles/%s.yaml", name);
	assert_int_equal(wp_profile_load(&p, path, &d), WP_OK);
	wp_diags_clear(&d);
	return p;
}

/* Reads md with the shipped profile; diagnostics land in *d. */
static inline wp_programme *test_read(const char *md, wp_diags *d)
{
	wp_profile *prof = test_profile();
	wp_programme *p = NULL;
	int rc = wp_read_md(&p, md, strlen(md), "test.md", prof, d);
	wp_profile_free(prof);
	assert_int_equal(rc, WP_OK);
	return p;
}

/* The number of diagnostics with that rule id. */
static inline size_t test_count_rule(const wp_diags *d, const char *rule)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++)
		n += strcmp(d->items[i].rule, rule) == 0;
	return n;
}

static inline const wp_diag *test_find_rule(const wp_diags *d, const char *rule)
{
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->items[i].rule, rule) == 0)
			return &d->items[i];
	return NULL;
}

/* The plain text of field key of activity i of section s; free() it. */
static inline char *test_field(const wp_programme *p, size_t s, size_t i, const char *key)
{
	const wp_section *sec = &p->sections[s];
	int k = wp_section_column(sec, key);
	assert_true(k >= 0);
	assert_true(i < sec->nactivities);
	return wp_field_text(&sec->activities[i].fields[k]);
}

static inline void assert_field(const wp_programme *p, size_t s, size_t i, const char *key, const char *want)
{
	char *t = test_field(p, s, i, key);
	assert_string_equal(t, want);
	free(t);
}

/* Where the real documents are: $WPGEN_SEEDS or ../shared/seeds. */
static inline const char *seeds_dir(void)
{
	const char *e = getenv("WPGEN_SEEDS");
	return e && *e ? e : "../shared/seeds";
}

/* The header shared by the tests' small sources. */
#define HDR12 "| No. | Priority ranking | Link to the Strategic Plan ¹ | Activities ² | WCO Strategic Plan ³ | " \
	"Type of task associated ⁴ | Responsible body ⁵ | Team resources | Key Performance Indicators | Timeline | " \
	"Progress ⁶ | Completion status ⁷ |\n" \
	"|---|---|---|---|---|---|---|---|---|---|---|---|\n"
#define HDR11 "| No. | Priority ranking | Link to the Strategic Plan | Activities | WCO Strategic Plan | " \
	"Type of task associated | Responsible body | Team resources | Key Performance Indicators | Timeline ⁸ | " \
	"Progress |\n" \
	"|---|---|---|---|---|---|---|---|---|---|---|\n"

#endif
