/* test_detect.c: what a source is before it is read: its format, the
 * metadata it gives about itself, the profile its structure fits. */
#include "testutil.h"

static void test_detect__format_by_content_then_name(void **state)
{
	(void)state;
	assert_int_equal(wp_detect("x.xml", "", 0), WP_SOURCE_XML);
	assert_int_equal(wp_detect("x.md", "<p>", 3), WP_SOURCE_MARKDOWN); /* raw HTML in Markdown */
	assert_int_equal(wp_detect("-", "\n <?xml", 7), WP_SOURCE_XML);
	assert_int_equal(wp_detect("x.md", "\xEF\xBB\xBF<?xml version", 16), WP_SOURCE_XML); /* content wins */
	assert_int_equal(wp_detect("-", "<programme xmlns=\"urn:wpgen:programme:1\">", 41), WP_SOURCE_XML);
	assert_int_equal(wp_detect("-", "<programmes>", 12), WP_SOURCE_MARKDOWN);
	assert_int_equal(wp_detect("-", "# T", 3), WP_SOURCE_MARKDOWN);
	assert_string_equal(wp_source_kind_name(WP_SOURCE_XML), "XML");
}

static char *peek(const char *src, const char *key, unsigned *line)
{
	char *v = NULL;
	assert_int_equal(wp_peek_meta(&v, line, src, strlen(src), key), WP_OK);
	return v;
}

static void test_detect__front_matter_peeked_with_libyaml(void **state)
{
	(void)state;
	unsigned at = 0;
	const char *fm = "---\nprofile: progress-report\nplan: \"plans/a b.md\"  # a comment\n---\n\nplan: not this\n";
	char *v = peek(fm, "plan", &at);
	assert_string_equal(v, "plans/a b.md"); /* quotes and comments as YAML reads them */
	assert_int_equal(at, 3);
	free(v);
	v = peek(fm, "profile", &at);
	assert_string_equal(v, "progress-report");
	assert_int_equal(at, 2);
	free(v);
	assert_null(peek(fm, "session", &at));
	assert_int_equal(at, 1);
	/* not front matter: a key in the body, an unclosed block, invalid YAML */
	assert_null(peek("---\ntitle: x\n---\n\nplan: body text\n", "plan", NULL));
	assert_null(peek("---\nplan: x\nno end\n", "plan", NULL));
	assert_null(peek("---\nplan: [x\n---\n", "plan", NULL));
	/* CRLF and a byte order mark */
	v = peek("\xEF\xBB\xBF---\r\nplan: p.md\r\n---\r\n", "plan", &at);
	assert_string_equal(v, "p.md");
	free(v);
	/* a long value is whole: no buffer cuts it */
	char big[5000];
	memcpy(big, "---\nplan: ", 10);
	memset(big + 10, 'a', 4000);
	memcpy(big + 4010, "\n---\n", 6);
	v = peek(big, "plan", NULL);
	assert_int_equal(strlen(v), 4000);
	free(v);
}

static void test_detect__xml_metadata_peeked_with_libxml2(void **state)
{
	(void)state;
	unsigned at = 0;
	const char *x = "<?xml version=\"1.0\"?>\n<programme xmlns=\"urn:wpgen:programme:1\"\n profile=\"dated-schedule\">\n"
			"<header>\n<title>T</title>\n<plan>p&amp;q.xml</plan>\n<as-of>2025-01-01</as-of></header>\n"
			"<section kind=\"x\"><title>not the header's</title></section></programme>";
	char *v = peek(x, "profile", &at);
	assert_string_equal(v, "dated-schedule");
	assert_int_equal(at, 3); /* where the root's start tag is read (libxml2 keeps no line for an attribute) */
	free(v);
	v = peek(x, "plan", &at);
	assert_string_equal(v, "p&q.xml"); /* entities as XML reads them */
	assert_int_equal(at, 6);
	free(v);
	v = peek(x, "as_of", NULL);
	assert_string_equal(v, "2025-01-01");
	free(v);
	assert_null(peek(x, "session", NULL));
	/* a DOCTYPE stops the peek (the reader refuses it) */
	assert_null(peek("<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY e \"x\">]><programme profile=\"&e;\"/>", "profile", NULL));
	/* not well-formed: nothing, no crash */
	assert_null(peek("<?xml version=\"1.0\"?><programme profile=", "profile", NULL));
}

static void test_detect__plain_names(void **state)
{
	(void)state;
	assert_true(wp_plain_name("joint-work-plan"));
	assert_true(wp_plain_name("v2.1_x"));
	assert_false(wp_plain_name("../x"));
	assert_false(wp_plain_name("/etc/x"));
	assert_false(wp_plain_name(".hidden"));
	assert_false(wp_plain_name(""));
	assert_false(wp_plain_name("a b"));
}

static void test_detect__profile_fit(void **state)
{
	(void)state;
	wp_profile *wco = test_profile(), *jwp = test_profile_named("joint-work-plan"),
		   *rep = test_profile_named("progress-report");
	const char *ptc = "| No. | Priority ranking | Link to the Strategic Plan | Activities | WCO Strategic Plan | "
			  "Type of task associated | Responsible body | Team resources | Key Performance Indicators | "
			  "Timeline | Progress | Completion status |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n"
			  "| 1. | A | Y | x | SP1 | Update | PTC | a | b | 2025 | c | |\n";
	const char *plan = "# P\n\n## 1. A\n\n| No | Action | Time frame |\n|---|---|---|\n| 1.1 | x | 2020 |\n\n"
			   "## 2. B\n\n| No | Action | Time frame |\n|---|---|---|\n| 2.1 | y | 2021 |\n";
	const char *report = "# R\n\n## Area 1\n\nText.\n";
	const char *xml = "<programme xmlns=\"urn:wpgen:programme:1\"><header/><section kind=\"area\"/>"
			  "<section kind=\"area\"><activity/></section></programme>";
	assert_int_equal(wp_profile_fit(wco, ptc, strlen(ptc)), 1);
	assert_int_equal(wp_profile_fit(jwp, ptc, strlen(ptc)), 0);
	assert_int_equal(wp_profile_fit(jwp, plan, strlen(plan)), 2);
	assert_int_equal(wp_profile_fit(wco, plan, strlen(plan)), 0);
	assert_int_equal(wp_profile_fit(rep, report, strlen(report)), 1);
	assert_int_equal(wp_profile_fit(rep, plan, strlen(plan)), 0);
	assert_int_equal(wp_profile_fit(jwp, xml, strlen(xml)), 2);
	assert_int_equal(wp_profile_fit(wco, xml, strlen(xml)), 0);
	const wp_profile *others[] = {jwp, rep};
	assert_int_equal(wp_profile_pick(wco, others, 2, plan, strlen(plan)), 0);
	assert_int_equal(wp_profile_pick(wco, others, 2, ptc, strlen(ptc)), -1);
	assert_int_equal(wp_profile_pick(wco, others, 2, "no table", 8), -1); /* the default wins a tie */
	/* a schedule over 80 months: a header wider than any fixed array is
	 * matched whole (it was cut at 64 cells, and fitted nothing) */
	wp_profile *ds = test_profile_named("dated-schedule");
	char wide[4096] = "| No. | Task | Due by |";
	for (int m = 0; m < 80; m++)
		snprintf(wide + strlen(wide), sizeof wide - strlen(wide), " M%d |", m);
	strcat(wide, "\n|---|---|---|");
	for (int m = 0; m < 80; m++)
		strcat(wide, "---|");
	strcat(wide, "\n");
	assert_int_equal(wp_profile_fit(ds, wide, strlen(wide)), 1);
	wp_profile_free(ds);
	wp_profile_free(wco);
	wp_profile_free(jwp);
	wp_profile_free(rep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_detect__format_by_content_then_name),
		cmocka_unit_test(test_detect__front_matter_peeked_with_libyaml),
		cmocka_unit_test(test_detect__xml_metadata_peeked_with_libxml2),
		cmocka_unit_test(test_detect__plain_names),
		cmocka_unit_test(test_detect__profile_fit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
