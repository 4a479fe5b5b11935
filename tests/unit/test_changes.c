/* test_changes.c: tracked changes: show, accept, reject. */
#include "testutil.h"

#define SRC HDR12 \
	"| 1. | A | Y | Revise <del data-author=\"Sec\" datetime=\"2025-02-10\">the old</del> <ins data-author=\"Sec\" datetime=\"2025-02-10\">the new</ins> guide | SP1 | Update | PTC | One | K | 2025 | In progress. | Blue |\n" \
	"| <u>2.</u> | <u>B</u> | <u>Y</u> | <u>A new row</u> | | | | | | | | |\n" \
	"| ~~3.~~ | ~~B~~ | ~~Y~~ | ~~A dropped row~~ | | | | | | | | |\n" \
	"| <del>12</del> <ins>3.</ins> | B | Y | Keep <u>this</u> row | | | | | | | | |\n"

static wp_programme *version(int mode, int u_is_insertion)
{
	wp_diags d = {0};
	wp_programme *p = test_read(SRC, &d);
	assert_int_equal(wp_programme_changes(p, mode, u_is_insertion), WP_OK);
	wp_diags_clear(&d);
	return p;
}

static void test_changes__show_keeps_both(void **state)
{
	(void)state;
	wp_programme *p = version(WP_CHANGES_SHOW, 1);
	const wp_section *s = &p->sections[0];
	assert_int_equal(s->nactivities, 4);
	assert_int_equal(wp_activity_change(s, &s->activities[0], 1), WP_CHANGE_NONE);
	assert_int_equal(wp_activity_change(s, &s->activities[1], 1), WP_CHANGE_INSERTED);
	assert_int_equal(wp_activity_change(s, &s->activities[1], 0), WP_CHANGE_NONE); /* plain underline */
	assert_int_equal(wp_activity_change(s, &s->activities[2], 1), WP_CHANGE_DELETED);
	const wp_run *del = &s->activities[0].fields[3].paras[0].runs[1];
	assert_int_equal(del->style, WP_STYLE_DEL);
	assert_string_equal(del->author, "Sec");
	assert_string_equal(del->date, "2025-02-10");
	wp_programme_free(p);
}

static void test_changes__accept_gives_the_new_version(void **state)
{
	(void)state;
	wp_programme *p = version(WP_CHANGES_ACCEPT, 1);
	const wp_section *s = &p->sections[0];
	assert_int_equal(s->nactivities, 3); /* the deleted row is gone */
	assert_field(p, 0, 0, "activity", "Revise the new guide");
	assert_field(p, 0, 1, "activity", "A new row");
	assert_int_equal(s->activities[1].fields[3].paras[0].runs[0].style, 0);
	assert_string_equal(s->activities[1].number, "2");
	assert_field(p, 0, 2, "number", "3.");
	assert_string_equal(s->activities[2].number, "3");
	assert_field(p, 0, 2, "activity", "Keep this row");
	wp_programme_free(p);
}

static void test_changes__reject_gives_the_old_version(void **state)
{
	(void)state;
	wp_programme *p = version(WP_CHANGES_REJECT, 1);
	const wp_section *s = &p->sections[0];
	assert_int_equal(s->nactivities, 3); /* the inserted row is gone */
	assert_field(p, 0, 0, "activity", "Revise the old guide");
	assert_field(p, 0, 1, "activity", "A dropped row");
	assert_field(p, 0, 2, "number", "12");
	assert_field(p, 0, 2, "activity", "Keep row");
	wp_programme_free(p);
}

static void test_changes__plain_underline_is_kept(void **state)
{
	(void)state;
	wp_programme *p = version(WP_CHANGES_REJECT, 0);
	assert_int_equal(p->sections[0].nactivities, 4);
	assert_field(p, 0, 3, "activity", "Keep this row");
	wp_programme_free(p);
}

static char *render_md(const wp_programme *p)
{
	wp_diags d = {0};
	wp_profile *prof = test_profile();
	wp_template *t = NULL;
	char *out;
	size_t len;
	assert_int_equal(wp_template_load(&t, "templates/annex-md.xsl", &d), WP_OK);
	assert_int_equal(wp_render(&out, &len, t, p, prof, WP_XML_SOURCE, NULL, &d), WP_OK);
	wp_template_free(t);
	wp_profile_free(prof);
	wp_diags_clear(&d);
	return out;
}

static void test_changes__author_and_date_round_trip(void **state)
{
	(void)state;
	wp_programme *p = version(WP_CHANGES_SHOW, 1);
	char *md = render_md(p);
	assert_non_null(strstr(md, "<del data-author=\"Sec\" datetime=\"2025-02-10\">the old</del>"));
	/* through XML and back */
	wp_profile *prof = test_profile();
	wp_diags d = {0};
	char *xml;
	size_t len;
	assert_int_equal(wp_write_xml(&xml, &len, p, prof, WP_XML_SOURCE, NULL), WP_OK);
	assert_non_null(strstr(xml, "<ins author=\"Sec\" date=\"2025-02-10\">the new</ins>"));
	wp_programme *q = NULL;
	assert_int_equal(wp_read_xml(&q, xml, len, "x.xml", prof, NULL, &d), WP_OK);
	char *md2 = render_md(q);
	assert_string_equal(md, md2);
	free(md);
	free(md2);
	free(xml);
	wp_programme_free(q);
	wp_programme_free(p);
	wp_profile_free(prof);
	wp_diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_changes__show_keeps_both),
		cmocka_unit_test(test_changes__accept_gives_the_new_version),
		cmocka_unit_test(test_changes__reject_gives_the_old_version),
		cmocka_unit_test(test_changes__plain_underline_is_kept),
		cmocka_unit_test(test_changes__author_and_date_round_trip),
	};
	return cmocka_run_group_tests_name("changes", tests, NULL, NULL);
}
