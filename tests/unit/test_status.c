/* test_status.c: where things stand: activities by status colour, without
 * one, overdue at an as-of date; rows deleted by a tracked change not
 * counted; a section without a status column said so; the three formats. */
#include "testutil.h"

#define R(n, tl, prog, col) "| " n " | A | Y | Act " n " | SP1 | Update | PTC | One | KPI | " tl " | " prog " | " col " |\n"

static const char src[] = "# P\n\n## I. Activities\n\n" HDR12
	R("1.", "2025", "Completed. Done.", "Green")
	R("2.", "Spring 2025", "In progress. Late.", "Blue")
	R("3.", "2027", "In progress. On time.", "Blue")
	R("4.", "2025", "Not started.", "")
	"| <del>5.</del> | <del>A</del> | <del>Y</del> | <del>Gone</del> | <del>SP1</del> | <del>Update</del> | <del>PTC</del> | "
	"<del>One</del> | <del>KPI</del> | <del>2024</del> | <del>Postponed.</del> | <del>Red</del> |\n"
	R("5.", "2026", "Postponed.", "Red - postponed")
	"\n## II. Continuous\n\n" HDR11
	"| 1. | A | Y | Keep | SP1 | Maintenance | PTC | One | KPI | Continuous | Ongoing. |\n";

static void test_status__counts(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = test_read(src, &d);
	wp_profile *prof = test_profile();
	wp_facts *st;
	assert_int_equal(wp_facts_new(&st, p, prof, WP_CHANGES_SHOW, "2026-01-01"), WP_OK);
	assert_int_equal(st->nsections, 2);
	assert_int_equal(st->ncolours, prof->ncolours);
	const wp_count *c = &st->sections[0].count;
	assert_true(c->has_status);
	assert_int_equal(c->activities, 5); /* the deleted row is not in the new version */
	size_t g = 0, b = 0, r = 0;
	for (size_t q = 0; q < prof->ncolours; q++) {
		if (!strcmp(prof->colours[q].name, "green"))
			g = c->by_colour[q];
		if (!strcmp(prof->colours[q].name, "blue"))
			b = c->by_colour[q];
		if (!strcmp(prof->colours[q].name, "red"))
			r = c->by_colour[q];
	}
	assert_int_equal(g, 1);
	assert_int_equal(b, 2);
	assert_int_equal(r, 1); /* "Red - postponed": its first word */
	assert_int_equal(c->none, 1);
	/* overdue at 2026-01-01: 2 (Spring 2025, in progress) and 4 (2025, not
	 * started); not 1 (completed), not 3 (2027) */
	assert_int_equal(c->overdue, 2);
	assert_int_equal(c->deleted, 1);
	assert_false(st->sections[1].count.has_status);
	assert_int_equal(st->sections[1].count.none, 0);
	assert_int_equal(st->total.activities, 6);
	assert_int_equal(st->total.none, 1);

	char *out = NULL;
	size_t len;
	assert_int_equal(wp_status_write(&out, &len, st, p, prof, WP_STATUS_TEXT), WP_OK);
	assert_string_equal(out, "I: 5 activities, 1 green, 2 blue, 1 red, 1 without a colour, 2 overdue at 2026-01-01; "
				 "II: 1 activity, no status column, 0 overdue at 2026-01-01");
	free(out);
	assert_int_equal(wp_status_write(&out, &len, st, p, prof, WP_STATUS_JSON), WP_OK);
	assert_non_null(strstr(out, "{\"section\": \"I\", \"activities\": 5, \"status\": {\"green\": 1, \"blue\": 2, \"red\": 1}, "
				    "\"without_colour\": 1, \"overdue\": 2, \"as_of\": \"2026-01-01\"}"));
	assert_non_null(strstr(out, "{\"section\": \"II\", \"activities\": 1, \"status\": null"));
	free(out);
	assert_int_equal(wp_status_write(&out, &len, st, p, prof, WP_STATUS_MD), WP_OK);
	assert_memory_equal(out, WP_STATUS_MARK "\n\n| Section |", strlen(WP_STATUS_MARK) + 13);
	assert_non_null(strstr(out, "| I. Activities | 5 | 1 | 2 | 1 | 1 | 2 |\n"));
	assert_non_null(strstr(out, "| II. Continuous | 1 | – | – | – | no status column | 0 |\n"));
	free(out);
	wp_facts_free(st);

	/* without an as-of date: nothing overdue, no such column */
	assert_int_equal(wp_facts_new(&st, p, prof, WP_CHANGES_SHOW, NULL), WP_OK);
	assert_int_equal(st->total.overdue, 0);
	assert_int_equal(wp_status_write(&out, &len, st, p, prof, WP_STATUS_MD), WP_OK);
	assert_null(strstr(out, "Overdue"));
	free(out);
	wp_facts_free(st);
	wp_profile_free(prof);
	wp_programme_free(p);
	wp_diags_clear(&d);
}

/* The Markdown annex shows the table; read back, it is not a table of the
 * programme, and rendering again gives the same bytes. */
static void test_status__annex_table_read_back(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = test_read(src, &d);
	wp_profile *prof = test_profile();
	wp_template *t = NULL;
	char *md = NULL, *md2 = NULL;
	size_t len, len2;
	assert_int_equal(wp_template_load(&t, "templates/annex-md.xsl", &d), WP_OK);
	assert_int_equal(wp_render_annex(&md, &len, t, p, prof, WP_XML_SOURCE, NULL, &d), WP_OK);
	assert_non_null(strstr(md, WP_STATUS_MARK));
	wp_programme *q = NULL;
	assert_int_equal(wp_read_md(&q, md, len, "annex.md", prof, &d), WP_OK);
	assert_int_equal(q->nsections, 2);
	assert_int_equal(wp_programme_activities(q), wp_programme_activities(p));
	assert_same_cells(p, q);
	assert_int_equal(wp_render_annex(&md2, &len2, t, q, prof, WP_XML_SOURCE, NULL, &d), WP_OK);
	assert_int_equal(len, len2);
	assert_memory_equal(md, md2, len);
	free(md2);
	/* the source (convert) has none */
	assert_int_equal(wp_render(&md2, &len2, t, p, prof, WP_XML_SOURCE, NULL, &d), WP_OK);
	assert_null(strstr(md2, WP_STATUS_MARK));
	free(md2);
	free(md);
	wp_programme_free(q);
	wp_template_free(t);
	wp_profile_free(prof);
	wp_programme_free(p);
	wp_diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status__counts),
		cmocka_unit_test(test_status__annex_table_read_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
