/* test_builder.c: the one model builder both readers use. */
#include "testutil.h"
#include "base/alloc.h"
#include "model/assemble.h"

static void test_builder__style_names_in_one_table(void **state)
{
	(void)state;
	/* wpgen's XML elements, and the HTML tags a Markdown source writes */
	assert_int_equal(mb_xml_style("b"), WP_STYLE_STRONG);
	assert_int_equal(mb_xml_style("del"), WP_STYLE_DEL);
	assert_int_equal(mb_xml_style("strong"), 0);
	assert_int_equal(mb_html_style("strong"), WP_STYLE_STRONG);
	assert_int_equal(mb_html_style("b"), WP_STYLE_STRONG);
	assert_int_equal(mb_html_style("strike"), WP_STYLE_DEL);
	assert_int_equal(mb_html_style("s"), WP_STYLE_DEL);
	assert_int_equal(mb_html_style("script"), 0);
	/* every bit once, in bit order (the readers' depth counters rely on it) */
	for (size_t i = 0; i < 6; i++)
		assert_int_equal(mb_styles[i].bit, 1u << i);
}

static void test_builder__a_programme_built(void **state)
{
	(void)state;
	wp_programme *p = mb_programme_new("x.md", "wco-working-body");
	assert_non_null(p);
	assert_string_equal(p->source, "x.md");
	wp_section *s = mb_section_add(p, (wp_pos){3, 1});
	assert_string_equal(s->kind, "unknown");
	assert_int_equal(s->pos.line, 3);
	s->ncolumns = 1;
	s->columns = mb_alloc(p, sizeof *s->columns);
	s->columns[0].roles = WP_ROLE_NUMBER;
	wp_activity *a = mb_activity_add(p, s, 0);
	a->fields = mb_alloc(p, sizeof *a->fields);
	wp_para *pa = mb_para_add(p, &a->fields[0], (wp_pos){4, 2});
	assert_int_equal(mb_run_add(p, pa, WP_RUN_TEXT, "1", 1, 0, NULL, NULL, NULL, 1), WP_OK);
	assert_int_equal(mb_run_add(p, pa, WP_RUN_TEXT, "8.", 2, 0, NULL, NULL, NULL, 1), WP_OK);
	assert_int_equal(pa->nruns, 1); /* merged: nothing tells them apart */
	assert_string_equal(pa->runs[0].text, "18.");
	assert_int_equal(mb_run_add(p, pa, WP_RUN_TEXT, "x", 1, WP_STYLE_INS, NULL, "Ann", "2024", 1), WP_OK);
	assert_int_equal(pa->nruns, 2);
	assert_string_equal(pa->runs[1].author, "Ann");
	assert_int_equal(mb_run_add(p, pa, WP_RUN_TEXT, "y", 1, WP_STYLE_STRONG, NULL, "Ann", "2024", 0), WP_OK);
	assert_null(pa->runs[2].author); /* no change, no author */
	pa->nruns = 1;
	assert_int_equal(mb_activity_number(p, s, a), 0);
	assert_string_equal(a->number, "18");
	assert_int_equal(mb_activity_add(p, s, 1) != NULL, 1);
	assert_int_equal(s->nexamples, 1);
	assert_int_equal(s->nactivities, 1);
	wp_footnote *f = mb_footnote_add(p, 7, (wp_pos){9, 1});
	assert_int_equal(p->nfootnotes, 1);
	assert_int_equal(f->mark, 7);
	wp_programme_free(p);
}

static void test_builder__out_of_memory(void **state)
{
	(void)state;
	for (long n = 0; n < 6; n++) {
		wp_alloc_fail_after(n);
		wp_programme *p = mb_programme_new("x.md", "p");
		if (p) {
			wp_section *s = mb_section_add(p, (wp_pos){1, 1});
			if (s)
				mb_para_add(p, &s->intro, (wp_pos){1, 1});
		}
		wp_alloc_fail_after(-1);
		wp_programme_free(p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builder__style_names_in_one_table),
		cmocka_unit_test(test_builder__a_programme_built),
		cmocka_unit_test(test_builder__out_of_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
