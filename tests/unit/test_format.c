/* test_format.c: findings as gcc lines, JSON, SARIF and GitHub workflow
 * commands, parsed back where a parser is at hand (libxml2 has none for
 * JSON: the shapes are checked by their text, and by jq in cli.sh). */
#include "testutil.h"

static char *fmt(const wp_diags *d, wp_format f)
{
	char *out;
	size_t len;
	assert_int_equal(wp_format_diags(&out, &len, d, f), WP_OK);
	assert_int_equal(strlen(out), len);
	return out;
}

static void sample(wp_diags *d)
{
	wp_diags_add(d, "a.md", 3, 7, WP_ERROR, "numbering.gap", "numbered 3 where \"2\" is expected\\");
	wp_diags_set_fix(d, 3, 9, 40, 2, "2.");
	wp_diags_add(d, "a.md", 0, 0, WP_WARNING, "io.read", "tab\there, 100%%, a:b,c\nnext line");
	wp_diags_add(d, "b.md", 1, 1, WP_NOTE, "dates.order", "ctrl \x01 char");
}

static void test_format__names(void **state)
{
	(void)state;
	assert_int_equal(wp_format_parse("gcc"), WP_FORMAT_GCC);
	assert_int_equal(wp_format_parse("json"), WP_FORMAT_JSON);
	assert_int_equal(wp_format_parse("sarif"), WP_FORMAT_SARIF);
	assert_int_equal(wp_format_parse("github"), WP_FORMAT_GITHUB);
	assert_int_equal(wp_format_parse("xml"), -1);
}

static void test_format__gcc(void **state)
{
	(void)state;
	wp_diags d = {0};
	sample(&d);
	char *out = fmt(&d, WP_FORMAT_GCC);
	assert_non_null(strstr(out, "a.md:3:7: error: numbered 3 where \"2\" is expected\\ [numbering.gap]\n"));
	assert_non_null(strstr(out, "a.md: warning: tab\there, 100%, a:b,c\\x0anext line [io.read]\n")); /* no :0:0 */
	assert_non_null(strstr(out, "b.md:1:1: note: ctrl \\x01 char")); /* shown, never obeyed */
	wp_diags e = {0};
	wp_diags_add(&e, "\x1b]0;title\x07.md", 1, 1, WP_ERROR, "io.read", "a \x1b[31mred\xc2\x9b text");
	char *o2 = fmt(&e, WP_FORMAT_GCC);
	assert_string_equal(o2, "\\x1b]0;title\\x07.md:1:1: error: a \\x1b[31mred\\u009b text [io.read]\n");
	free(o2);
	wp_diags_clear(&e);
	free(out);
	wp_diags_clear(&d);
}

static void test_format__json(void **state)
{
	(void)state;
	wp_diags d = {0};
	sample(&d);
	char *out = fmt(&d, WP_FORMAT_JSON);
	assert_true(out[0] == '[');
	assert_non_null(strstr(out, "{\"file\": \"a.md\", \"line\": 3, \"column\": 7, \"end_line\": 3, \"end_column\": 9, "
				    "\"rule\": \"numbering.gap\", \"severity\": \"error\", \"message\": "
				    "\"numbered 3 where \\\"2\\\" is expected\\\\\", \"fix\": {\"offset\": 40, \"length\": 2, "
				    "\"replacement\": \"2.\"}}"));
	assert_non_null(strstr(out, "\"tab\\there, 100%, a:b,c\\nnext line\""));
	assert_non_null(strstr(out, "\"ctrl \\u0001 char\""));
	free(out);
	wp_diags_clear(&d);
	out = fmt(&d, WP_FORMAT_JSON);
	assert_string_equal(out, "[]\n");
	free(out);
}

static void test_format__sarif(void **state)
{
	(void)state;
	wp_diags d = {0};
	sample(&d);
	char *out = fmt(&d, WP_FORMAT_SARIF);
	size_t n;
	const wp_rule *rules = wp_rules(&n);
	size_t gap = 0, io = 0;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(rules[i].id, "numbering.gap"))
			gap = i;
		if (!strcmp(rules[i].id, "io.read"))
			io = i;
	}
	char want[128];
	/* every result's ruleIndex points at its own rule, registered ones
	 * beyond the checks too (io.read was index 0, read.empty, once) */
	snprintf(want, sizeof want, "{\"ruleId\": \"numbering.gap\", \"ruleIndex\": %zu, \"level\": \"error\"", gap);
	assert_non_null(strstr(out, want));
	snprintf(want, sizeof want, "{\"ruleId\": \"io.read\", \"ruleIndex\": %zu, \"level\": \"warning\"", io);
	assert_non_null(strstr(out, want));
	assert_non_null(strstr(out, "\"region\": {\"startLine\": 3, \"startColumn\": 7, \"endLine\": 3, \"endColumn\": 9}"));
	assert_non_null(strstr(out, "\"version\": \"2.1.0\""));
	assert_non_null(strstr(out, "\"wpgenFinding/v2\": \""));
	/* an id that is not registered gets no index rather than a wrong one */
	wp_diags e = {0};
	wp_diags_add(&e, "c.md", 1, 1, WP_ERROR, "not.registered", "x");
	char *o2 = fmt(&e, WP_FORMAT_SARIF);
	assert_null(strstr(o2, "\"ruleId\": \"not.registered\", \"ruleIndex\""));
	free(o2);
	wp_diags_clear(&e);
	free(out);
	wp_diags_clear(&d);
}

/* The fingerprint of each result: the file, rule and message, not the
 * line; equal findings of a file numbered in their order; another file's
 * counted apart. (Counted by sorting: 20,000 equal findings take no
 * quadratic time.) */
static const char *print_of(const char *out, size_t k, char *buf, size_t n)
{
	const char *p = out;
	for (size_t i = 0; i <= k; i++) {
		p = strstr(p, "\"wpgenFinding/v2\": \"");
		assert_non_null(p);
		p += strlen("\"wpgenFinding/v2\": \"");
	}
	snprintf(buf, n, "%.*s", (int)strcspn(p, "\""), p);
	return buf;
}

static void test_format__fingerprints(void **state)
{
	(void)state;
	wp_diags d = {0}, e = {0};
	wp_diags_add(&d, "a.md", 3, 1, WP_ERROR, "numbering.gap", "same");
	wp_diags_add(&d, "a.md", 9, 1, WP_ERROR, "numbering.gap", "same");
	wp_diags_add(&d, "b.md", 9, 1, WP_ERROR, "numbering.gap", "same");
	wp_diags_add(&d, "a.md", 9, 1, WP_ERROR, "numbering.gap", "other");
	wp_diags_add(&e, "a.md", 30, 1, WP_ERROR, "numbering.gap", "same"); /* lines moved */
	char *out = fmt(&d, WP_FORMAT_SARIF), *moved = fmt(&e, WP_FORMAT_SARIF), a[64], b[64];
	assert_string_equal(print_of(out, 0, a, sizeof a), print_of(moved, 0, b, sizeof b));
	assert_non_null(strstr(a, ":1"));
	print_of(out, 1, b, sizeof b);
	assert_memory_equal(a, b, 16);
	assert_non_null(strstr(b, ":2"));
	print_of(out, 2, b, sizeof b); /* another file */
	assert_memory_not_equal(a, b, 16);
	assert_non_null(strstr(b, ":1"));
	print_of(out, 3, b, sizeof b); /* another message */
	assert_memory_not_equal(a, b, 16);
	free(out);
	free(moved);
	wp_diags_clear(&d);
	wp_diags_clear(&e);
	for (int i = 0; i < 20000; i++)
		wp_diags_add(&d, "a.md", (unsigned)i + 1, 1, WP_WARNING, "numbering.gap", "same");
	out = fmt(&d, WP_FORMAT_SARIF);
	assert_non_null(strstr(out, ":20000\""));
	free(out);
	wp_diags_clear(&d);
}

static void test_format__github(void **state)
{
	(void)state;
	wp_diags d = {0};
	sample(&d);
	char *out = fmt(&d, WP_FORMAT_GITHUB);
	assert_non_null(strstr(out, "::error file=a.md,line=3,col=7,title=numbering.gap::numbered 3"));
	/* %, CR and LF escaped in the message; : and , too in properties */
	assert_non_null(strstr(out, "::warning file=a.md,title=io.read::tab\there, 100%25, a:b,c%0Anext line\n"));
	assert_non_null(strstr(out, "::notice file=b.md,line=1,col=1,title=dates.order::ctrl \\x01 char"));
	free(out);
	wp_diags_clear(&d);
	wp_diags_add(&d, "x:y,z.md", 1, 1, WP_ERROR, "io.read", "m");
	out = fmt(&d, WP_FORMAT_GITHUB);
	assert_non_null(strstr(out, "file=x%3Ay%2Cz.md,"));
	free(out);
	wp_diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format__names),
		cmocka_unit_test(test_format__gcc),
		cmocka_unit_test(test_format__json),
		cmocka_unit_test(test_format__sarif),
		cmocka_unit_test(test_format__fingerprints),
		cmocka_unit_test(test_format__github),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
