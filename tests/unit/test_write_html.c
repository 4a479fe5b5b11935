/* test_write_html.c: the native HTML writer against its reference, the
 * template templates/annex-html.xsl run by libxslt and serialised by
 * libxml2: the same bytes on every sample, every golden source, the fuzz
 * regressions, the seed (when ../shared is there) and inputs written to
 * reach each corner of the layout. WPGEN_DIFF_GLOB adds files (a fuzz
 * corpus, say). */
#include "differ.h"

#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "../../src/annex.h"

static int setup(void **state)
{
	(void)state;
	return differ_setup("templates/annex-html.xsl");
}

/* Both ways. */
static void compare(const char *what, const wp_programme *p, const wp_profile *prof)
{
	wp_diags d = {0};
	char *want = NULL, *got = NULL;
	size_t wlen, glen;
	assert_int_equal(wp_render_annex(&want, &wlen, tpl, p, prof, WP_XML_ANNOTATED, &d), WP_OK);
	assert_int_equal(wp_write_html(&got, &glen, p, prof), WP_OK);
	differ_same(what, want, wlen, got, glen);
	free(want);
	free(got);
	wp_diags_clear(&d);
}

static void test_write_html__same_bytes_as_the_template_on_every_source(void **state)
{
	(void)state;
	differ_every_source(compare);
}

static void test_write_html__same_bytes_on_every_corner(void **state)
{
	(void)state;
	differ_every_corner(compare);
}

/* The schedule's timeline: a label cut at 48 characters, a day to be
 * fixed, a month XPath cannot read (the whole axis is then NaN, as the
 * template has it), more months than the document has elements (the
 * template draws a band per element it walks), the as-of line. */
static void test_write_html__same_bytes_on_timelines(void **state)
{
	(void)state;
	static const char *const cases[] = {
		"---\nas_of: 2031-01-15\n---\n# S\n\n## Work plan\n\n| No. | Task | Due by |\n|---|---|---|\n"
		"| 1. | A task with a label longer than forty-eight characters, to be cut | 15/01/2000 |\n"
		"| 2. | Day unknown | xx/12/2030 |\n| 3. | Not a date | soon |\n",
		"---\nas_of: 2025-03-01\n---\n# S\n\n## Work plan\n\n| No. | Task | Due by |\n|---|---|---|\n"
		"| 1. | Odd | ab/1234/56 |\n| 2. | Even | 01/02/2025 |\n",
		"# S\n\n## Work plan\n\n| No. | Task | Due by |\n|---|---|---|\n| 1. | One | 28/02/2025 |\n"
		"| 2. | Two | 01/04/2025 |\n",
	};
	size_t drawn = 0;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		wp_diags d = {0};
		wp_profile *prof = test_profile_named("dated-schedule");
		wp_programme *p = NULL;
		assert_int_equal(wp_read_md(&p, cases[i], strlen(cases[i]), "schedule.md", prof, &d), WP_OK);
		char what[64], *out = NULL;
		size_t len;
		snprintf(what, sizeof what, "timeline %zu", i + 1);
		compare(what, p, prof);
		assert_int_equal(wp_write_html(&out, &len, p, prof), WP_OK);
		drawn += strstr(out, "<figure class=\"timeline\">") != NULL;
		free(out);
		wp_programme_free(p);
		wp_profile_free(prof);
		wp_diags_clear(&d);
	}
	assert_int_equal(drawn, 3);
}

/* The elements the template walks are counted as the XML writer makes
 * them, on every sample. */
static void test_write_html__element_count(void **state)
{
	(void)state;
	glob_t g;
	assert_int_equal(glob("input/*.md", 0, NULL, &g), 0);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		wp_diags d = {0};
		wp_doc *doc = NULL;
		wp_doc_opts o = {0};
		assert_int_equal(wp_doc_open(&doc, differ_env, g.gl_pathv[i], &o, &d), WP_OK);
		void *x;
		assert_int_equal(wp_write_xml_doc(&x, doc->p, doc->profile, WP_XML_ANNOTATED), WP_OK);
		xmlXPathContextPtr ctx = xmlXPathNewContext(x);
		xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST "count(//*)", ctx);
		if ((size_t)r->floatval != ax_element_count(doc->p, doc->profile))
			fail_msg("%s: %zu elements counted, the XML has %.0f", g.gl_pathv[i], ax_element_count(doc->p, doc->profile),
				 r->floatval);
		xmlXPathFreeObject(r);
		xmlXPathFreeContext(ctx);
		xmlFreeDoc(x);
		wp_doc_free(doc);
		wp_diags_clear(&d);
	}
	globfree(&g);
}

static void test_write_html__same_bytes_on_runs_side_by_side(void **state)
{
	(void)state;
	differ_hand_built_runs(compare);
}

/* Every allocation that fails is WP_ENOMEM, with nothing returned and
 * nothing leaked (ASan checks the leaks in make test-asan). */
static void test_write_html__oom_is_clean(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_profile *prof = test_profile();
	wp_programme *p = test_read("---\nas_of: 2025-01-01\n---\n# T\n\n## I. S\n\n" HDR12
				    "| 1. | A | Y | <p>a</p><p>b</p> | | | | | | | 2024 | Green |\n", &d);
	long n = test_writer_oom(wp_write_html, p, prof);
	assert_true(n > 3); /* the status counts and the text allocate */
	wp_programme_free(p);
	wp_profile_free(prof);
	wp_diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write_html__same_bytes_as_the_template_on_every_source),
		cmocka_unit_test(test_write_html__same_bytes_on_every_corner),
		cmocka_unit_test(test_write_html__same_bytes_on_runs_side_by_side),
		cmocka_unit_test(test_write_html__same_bytes_on_timelines),
		cmocka_unit_test(test_write_html__element_count),
		cmocka_unit_test(test_write_html__oom_is_clean),
	};
	return cmocka_run_group_tests(tests, setup, differ_teardown);
}
