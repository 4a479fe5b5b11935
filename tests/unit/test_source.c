/* test_source.c: sanitising and indexing a source. */
#include "testutil.h"
#include "source.h"

static void test_source__lines_indexed_crlf_stripped(void **state)
{
	(void)state;
	wp_source s;
	wp_diags d = {0};
	size_t len;
	assert_int_equal(wp_source_init(&s, "one\r\ntwo\nthree", 14, "x", &d), WP_OK);
	assert_int_equal(s.nlines, 3);
	const char *l = wp_source_line(&s, 1, &len);
	assert_int_equal(len, 3);
	assert_memory_equal(l, "one", 3);
	l = wp_source_line(&s, 3, &len);
	assert_memory_equal(l, "three", 5);
	assert_null(wp_source_line(&s, 4, &len));
	assert_null(wp_source_line(&s, 0, &len));
	assert_int_equal(d.n, 0);
	wp_source_free(&s);
}

/* A lone CR ends a line, as in CommonMark: cmark's line numbers are
 * the source's (a fuzzer found a row read past the line index). */
static void test_source__lone_cr_ends_a_line(void **state)
{
	(void)state;
	wp_source s;
	wp_diags d = {0};
	size_t len;
	assert_int_equal(wp_source_init(&s, "a\rb\r\nc\r", 7, "x", &d), WP_OK);
	assert_int_equal(s.nlines, 4);
	const char *l = wp_source_line(&s, 2, &len);
	assert_int_equal(len, 1);
	assert_memory_equal(l, "b", 1);
	l = wp_source_line(&s, 3, &len);
	assert_int_equal(len, 1);
	assert_memory_equal(l, "c", 1);
	l = wp_source_line(&s, 4, &len);
	assert_int_equal(len, 0);
	wp_source_free(&s);
	/* And the reader puts a row after a lone CR on cmark's line. */
	wp_profile *prof = test_profile();
	wp_programme *p = NULL;
	const char *md = "x\r\r| No. | Activities |\n|---|---|\n| 1. | y |\n";
	assert_int_equal(wp_read_md(&p, md, strlen(md), "t.md", prof, &d), WP_OK);
	assert_int_equal(p->sections[0].activities[0].pos.line, 5);
	wp_programme_free(p);
	wp_profile_free(prof);
	wp_diags_clear(&d);
}

static void test_source__bom_dropped(void **state)
{
	(void)state;
	wp_source s;
	wp_diags d = {0};
	assert_int_equal(wp_source_init(&s, "\xEF\xBB\xBFhi", 5, "x", &d), WP_OK);
	assert_string_equal(s.text, "hi");
	wp_source_free(&s);
}

static void test_source__bad_bytes_replaced_with_positions(void **state)
{
	(void)state;
	wp_source s;
	wp_diags d = {0};
	assert_int_equal(wp_source_init(&s, "ab\nc\xC3\xA9\xFFz\0!", 10, "f.md", &d), WP_OK);
	assert_string_equal(s.text, "ab\nc\xC3\xA9\xEF\xBF\xBDz\xEF\xBF\xBD!");
	assert_int_equal(s.replaced, 2);
	assert_int_equal(d.n, 2);
	assert_string_equal(d.items[0].rule, "read.invalid-utf8");
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[0].col, 3);
	assert_string_equal(d.items[1].rule, "read.nul-byte");
	assert_int_equal(d.items[1].col, 5);
	assert_string_equal(d.items[1].file, "f.md");
	wp_diags_clear(&d);
	wp_source_free(&s);
}

static void test_source__many_bad_bytes_summed_up(void **state)
{
	(void)state;
	char buf[400];
	wp_source s;
	wp_diags d = {0};
	/* mostly text, with 30 stray bytes: reported, not called binary */
	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = i % 13 == 0 && i / 13 < 30 ? (char)0xFF : 'a';
	assert_int_equal(wp_source_init(&s, buf, sizeof buf, "x", &d), WP_OK);
	assert_false(s.binary);
	assert_int_equal(s.replaced, 30);
	assert_int_equal(d.n, 21);
	assert_non_null(strstr(d.items[20].message, "10 more"));
	wp_diags_clear(&d);
	wp_source_free(&s);
}

static void test_source__binary_detected(void **state)
{
	(void)state;
	wp_source s;
	wp_diags d = {0};
	assert_int_equal(wp_source_init(&s, "PK\x03\x04zipzipzip", 13, "x", &d), WP_OK);
	assert_true(s.binary);
	wp_source_free(&s);
	unsigned char noise[1000];
	for (size_t i = 0; i < sizeof noise; i++)
		noise[i] = (unsigned char)(i * 131 + 7);
	assert_int_equal(wp_source_init(&s, (char *)noise, sizeof noise, "x", &d), WP_OK);
	assert_true(s.binary);
	wp_source_free(&s);
	assert_int_equal(d.n, 0);
}

static void test_source__columns_count_characters(void **state)
{
	(void)state;
	wp_source s;
	wp_diags d = {0};
	assert_int_equal(wp_source_init(&s, "\xC3\xA9\xC3\xA9x", 5, "x", &d), WP_OK);
	assert_int_equal(wp_source_col(&s, 1, 5), 3);
	assert_int_equal(wp_source_col(&s, 1, 1), 1);
	wp_source_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_source__lines_indexed_crlf_stripped),
		cmocka_unit_test(test_source__lone_cr_ends_a_line),
		cmocka_unit_test(test_source__bom_dropped),
		cmocka_unit_test(test_source__bad_bytes_replaced_with_positions),
		cmocka_unit_test(test_source__many_bad_bytes_summed_up),
		cmocka_unit_test(test_source__binary_detected),
		cmocka_unit_test(test_source__columns_count_characters),
	};
	return cmocka_run_group_tests_name("source", tests, NULL, NULL);
}
