/* test_md_cut.c: where the Markdown reader may cut a text into pieces
 * (src/read/md_cut.c). tests/pieces.sh checks that the reader's outputs
 * do not change; this checks the cuts themselves, constructs whose cut
 * would not show in today's outputs included. */
#include "testutil.h"
#include "read/md_cut.h"

/* The lines (1-based) before which text may be cut, as "3 7", every cut
 * asked for (min 1 past the last). */
static const char *cuts(const char *text)
{
	static char out[256];
	size_t ls[64], n = 0, len = strlen(text);
	ls[n++] = 0;
	for (size_t i = 0; i < len; i++)
		if (text[i] == '\n' && i + 1 < len)
			ls[n++] = i + 1;
	md_cut c;
	md_cut_init(&c, text, len, ls, n);
	out[0] = '\0';
	for (size_t at = md_cut_next(&c, 1); at < len; at = md_cut_next(&c, at + 1))
		snprintf(out + strlen(out), sizeof out - strlen(out), "%s%zu", out[0] ? " " : "", c.line + 1);
	return out;
}

static void test_md_cut__after_a_blank_line_before_a_block_in_column_one(void **state)
{
	(void)state;
	assert_string_equal(cuts("Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n| a | b |\n"), "3 7");
	assert_string_equal(cuts("para\nstill para\n| x |\n"), ""); /* no blank line */
	assert_string_equal(cuts("para\n\n  indented\n\n\tafter a tab\n\nnot\n"), "7");
}

static void test_md_cut__never_where_a_list_or_a_quote_may_go_on(void **state)
{
	(void)state;
	assert_string_equal(cuts("a\n\n- one\n\n- two\n\n+ three\n\n* four\n\nx\n"), "11");
	assert_string_equal(cuts("a\n\n1. one\n\n2) two\n\n123456789. nine\n\n1234567890. ten\n"), "9");
	assert_string_equal(cuts("a\n\n> q\n\n> r\n\n-not a marker\n"), "7");
}

static void test_md_cut__never_inside_fenced_code(void **state)
{
	(void)state;
	assert_string_equal(cuts("a\n\n```\n\nx\n\n```\n\ny\n"), "3 9");
	assert_string_equal(cuts("a\n\n~~~~\n\nx\n\n~~~\n\ny\n\n~~~~\n\nz\n"), "3 13");
	assert_string_equal(cuts("a\n\n``` info `with backtick`\n\nx\n"), "3 5"); /* not a fence: a code span */
	assert_string_equal(cuts("a\n\n```\n\nx\n"), "3"); /* never closed */
}

static void test_md_cut__never_inside_html_blocks_that_span_blank_lines(void **state)
{
	(void)state;
	assert_string_equal(cuts("a\n\n<!-- c\n\nx\n\n-->\n\ny\n"), "3 9");
	assert_string_equal(cuts("a\n\n<!-- one line -->\n\ny\n"), "3 5");
	assert_string_equal(cuts("a\n\n<SCRIPT>\n\nx\n</script>\n\ny\n"), "3 8");
	assert_string_equal(cuts("a\n\n<pre>\n\nx\n</pre>\n\n<style>\n\n</style>\n\n<textarea>\n\n</textarea>\n\nz\n"),
			    "3 8 12 16");
	assert_string_equal(cuts("a\n\n<?x\n\n?>\n\n<!DOC\n\n>\n\n<![CDATA[\n\n]]>\n\nz\n"), "3 7 11 15");
	assert_string_equal(cuts("a\n\n<div>\n\nx\n"), "3 5"); /* kind 6: ends at a blank line */
}

static void test_md_cut__never_inside_an_html_table(void **state)
{
	(void)state;
	assert_string_equal(cuts("a\n\n<table>\n\n<tr><td>x</td></tr>\n\n</TABLE>\n\ny\n"), "3 9");
	assert_string_equal(cuts("a\n\n<table><tr><td><table>\n\nx\n\n</table></td></tr>\n\ny\n\n</table>\n\nz\n"), "3 13");
	assert_string_equal(cuts("a\n\n<tables>\n\ny\n"), "3 5"); /* not a table */
}

static void test_md_cut__never_in_a_text_with_link_definitions_or_lone_crs(void **state)
{
	(void)state;
	assert_string_equal(cuts("a\n\nb\n\n[x]: /u\n"), "");
	assert_string_equal(cuts("a\r\n\r\nb\r\n"), "3");
	assert_string_equal(cuts("a\rb\n\nc\n"), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_md_cut__after_a_blank_line_before_a_block_in_column_one),
		cmocka_unit_test(test_md_cut__never_where_a_list_or_a_quote_may_go_on),
		cmocka_unit_test(test_md_cut__never_inside_fenced_code),
		cmocka_unit_test(test_md_cut__never_inside_html_blocks_that_span_blank_lines),
		cmocka_unit_test(test_md_cut__never_inside_an_html_table),
		cmocka_unit_test(test_md_cut__never_in_a_text_with_link_definitions_or_lone_crs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
