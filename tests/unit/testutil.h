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
#include "base/alloc.h" /* the allocation-failure hook */

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

static inline int test_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The tokens of s between separators (space , ; / newline and "and"),
 * sorted, joined by one space: what a separator fix must keep. free() it. */
static inline char *test_tokens(const char *s)
{
	char *copy = strdup(s), **v = calloc(strlen(s) + 1, sizeof *v), *save = NULL;
	size_t n = 0, len = 1;
	for (char *t = strtok_r(copy, " ,;/\n", &save); t; t = strtok_r(NULL, " ,;/\n", &save))
		if (strcmp(t, "and"))
			v[n++] = t, len += strlen(t) + 1;
	qsort(v, n, sizeof *v, test_cmp_str);
	char *out = calloc(len, 1);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(out, " ");
		strcat(out, v[i]);
	}
	free(v);
	free(copy);
	return out;
}

/* a and b are the same programme, cell for cell: sections, activities,
 * examples, columns, and each activity's fields (text and paragraphs). */
static inline void assert_same_cells(const wp_programme *a, const wp_programme *b)
{
	assert_int_equal(b->nsections, a->nsections);
	for (size_t k = 0; k < a->nsections; k++) {
		const wp_section *x = &a->sections[k], *y = &b->sections[k];
		assert_int_equal(y->nactivities, x->nactivities);
		assert_int_equal(y->nexamples, x->nexamples);
		assert_int_equal(y->ncolumns, x->ncolumns);
		for (size_t i = 0; i < x->nactivities; i++)
			for (size_t c = 0; c < x->ncolumns; c++) {
				const wp_field *f = &x->activities[i].fields[c], *g = &y->activities[i].fields[c];
				char *t = wp_field_text(f), *u = wp_field_text(g);
				if (strcmp(t, u) || f->nparas != g->nparas)
					fail_msg("section %zu row %zu column %s: '%s' (%zu paragraphs) read as '%s' (%zu)", k + 1,
						 i + 1, x->columns[c].key, t, f->nparas, u, g->nparas);
				free(t);
				free(u);
			}
	}
}


/* A writer of a programme's text (wp_write_html, or one of the others
 * with its flavour bound). */
typedef int (*test_writer)(char **out, size_t *len, const wp_programme *p, const wp_profile *prof);

/* Fails wpgen's Nth allocation for N = 0, 1, ... until the writer gets
 * through: each failure must be WP_ENOMEM with nothing returned (ASan
 * checks the leaks). Returns the allocations it made. */
static inline long test_writer_oom(test_writer fn, const wp_programme *p, const wp_profile *prof)
{
	long n;
	for (n = 0; n < 100000; n++) {
		char *out = (char *)1;
		size_t len;
		wp_alloc_fail_after(n);
		int rc = fn(&out, &len, p, prof);
		wp_alloc_fail_after(-1);
		if (rc == WP_OK) {
			free(out);
			break;
		}
		assert_int_equal(rc, WP_ENOMEM);
		assert_null(out);
	}
	assert_true(n < 100000);
	return n;
}

#endif
