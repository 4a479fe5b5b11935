/* test_source.c: sanitising and indexing a source. */
#include "testutil.h"
#include "read/source.h"

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

/* Windows' "Unicode text": UTF-16 with a byte-order mark, both orders;
 * a lone surrogate and a cut last byte are U+FFFD, said at their line. */
static void test_source__utf16_read_as_text(void **state)
{
	(void)state;
	wp_diags d = {0};
	char *out = NULL;
	size_t len = 0;
	/* "é|x\n€" little-endian, then big-endian */
	static const char le[] = "\xFF\xFE\xE9\x00|\x00x\x00\n\x00\xAC\x20";
	assert_int_equal(wp_source_utf16(&out, &len, le, sizeof le - 1, "x", &d), WP_OK);
	assert_non_null(out);
	assert_string_equal(out, "\xC3\xA9|x\n\xE2\x82\xAC");
	assert_int_equal(len, strlen(out));
	free(out);
	static const char be[] = "\xFE\xFF\x00\xE9\x00\n\xD8\x3D\xDE\x00"; /* é, LF, U+1F600 */
	assert_int_equal(wp_source_utf16(&out, &len, be, sizeof be - 1, "x", &d), WP_OK);
	assert_string_equal(out, "\xC3\xA9\n\xF0\x9F\x98\x80");
	free(out);
	assert_int_equal(d.n, 0);
	/* not UTF-16: left alone */
	assert_int_equal(wp_source_utf16(&out, &len, "abc", 3, "x", &d), WP_OK);
	assert_null(out);
	/* a lone low surrogate on line 2, and a last odd byte on line 3 */
	static const char bad[] = "\xFF\xFE" "a\x00\n\x00\x00\xDC" "b\x00\n\x00" "c";
	assert_int_equal(wp_source_utf16(&out, &len, bad, sizeof bad - 1, "x", &d), WP_OK);
	assert_string_equal(out, "a\n\xEF\xBF\xBD" "b\n\xEF\xBF\xBD");
	assert_int_equal(test_count_rule(&d, "read.invalid-utf16"), 2);
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[1].line, 3);
	assert_int_equal(d.errors, 2);
	free(out);
	wp_diags_clear(&d);
	/* many: twenty said, then a count */
	char many[2 + 2 * 30];
	many[0] = '\xFF', many[1] = '\xFE';
	for (int i = 0; i < 30; i++)
		many[2 + 2 * i] = 0, many[3 + 2 * i] = '\xDC';
	assert_int_equal(wp_source_utf16(&out, &len, many, sizeof many, "x", &d), WP_OK);
	assert_int_equal(len, 30 * 3);
	assert_int_equal(d.n, 21);
	assert_non_null(strstr(d.items[20].message, "10 more"));
	free(out);
	wp_diags_clear(&d);
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
		cmocka_unit_test(test_source__utf16_read_as_text),
	};
	return cmocka_run_group_tests_name("source", tests, NULL, NULL);
}
