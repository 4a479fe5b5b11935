/* test_review.c: the review page. Every finding is listed once, and each
 * one about a cell is marked in that cell, linked both ways; a finding is
 * placed in the cell whose text holds it (or its row's number cell), one
 * about no cell is listed under the document; the counts per severity and
 * rule are the findings'; the one script is allowed by its hash and no
 * other source is; on every sample, golden source and the seed. (That it
 * runs, hides and shows, is tests/browser.sh's, in Chromium.) */
#include "testutil.h"
#include "base/util.h"

#include <glob.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

static double count(xmlDocPtr doc, const char *xpath)
{
	xmlXPathContextPtr cx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST xpath, cx);
	double n = r && r->type == XPATH_NUMBER ? r->floatval : -1;
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(cx);
	return n;
}

static char *review_of(wp_doc *doc, const wp_diags *d, size_t *len)
{
	char *out = NULL;
	assert_int_equal(wp_write_review(&out, len, doc->p, doc->profile, doc->facts, d), WP_OK);
	return out;
}

/* Every finding listed once and marked once where it has a cell; every
 * link has its target; the counts say the findings'. */
static void holds(const char *path)
{
	wp_env *env = NULL;
	wp_diags d = {0};
	wp_doc *doc = NULL;
	wp_doc_opts o = {0};
	o.check = 1;
	assert_int_equal(wp_env_new(&env, "."), WP_OK);
	if (wp_doc_open(&doc, env, path, &o, &d) != WP_OK || !doc->p) {
		wp_doc_free(doc);
		wp_env_free(env);
		wp_diags_clear(&d);
		return;
	}
	wp_diags_sort(&d);
	size_t len;
	char *html = review_of(doc, &d, &len);
	htmlDocPtr h = htmlReadMemory(html, (int)len, "review.html", "UTF-8", HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	assert_non_null(h);
	double listed = count(h, "count(//section[@class='review']//ol[@class='findings']/li)");
	double marked = count(h, "count(//td//ul[@class='marks']/li)");
	double apart = count(h, "count(//section[@class='review']//ol[@class='findings']/li[not(a)])");
	if (listed != (double)d.n || marked + apart != (double)d.n)
		fail_msg("%s: %zu findings, %g listed, %g marked in cells and %g apart", path, d.n, listed, marked, apart);
	/* both ways: a mark links to its item, its item back */
	assert_int_equal(count(h, "count(//td//ul[@class='marks']/li/a[substring(@href, 2) = "
				  "//ol[@class='findings']/li/@id])"), marked);
	assert_int_equal(count(h, "count(//ol[@class='findings']/li/a[substring(@href, 2) = //td//ul[@class='marks']/li/@id])"),
			 marked);
	/* every in-page link has its target */
	double links = count(h, "count(//a[starts-with(@href, '#')])"), targets = count(h, "count(//a[starts-with(@href, '#')]"
									      "[substring(@href, 2) = //@id])");
	if (links != targets)
		fail_msg("%s: %g in-page links, %g with a target", path, links, targets);
	/* a marked cell is flagged with its worst severity */
	assert_int_equal(count(h, "count(//td[.//ul[@class='marks']][not(contains(@class, 'flag-'))])"), 0);
	assert_int_equal(count(h, "count(//td[.//ul[@class='marks']/li[@data-sev='error']][not(contains(@class, 'flag-error'))])"), 0);
	/* the totals */
	char totals[128];
	snprintf(totals, sizeof totals, "count(//p[@class='totals'][starts-with(., '%zu error')])", d.errors);
	assert_int_equal(count(h, totals), 1);
	xmlFreeDoc(h);
	free(html);
	wp_doc_free(doc);
	wp_env_free(env);
	wp_diags_clear(&d);
}

static void test_review__every_finding_listed_and_marked_on_every_source(void **state)
{
	(void)state;
	const char *const globs[] = {"input/*.md", "input/*.xml", "input/*.docx", "tests/golden/*.md"};
	size_t n = 0;
	for (size_t g = 0; g < sizeof globs / sizeof *globs; g++) {
		glob_t gl;
		if (glob(globs[g], 0, NULL, &gl) != 0)
			continue;
		for (size_t i = 0; i < gl.gl_pathc; i++, n++)
			holds(gl.gl_pathv[i]);
		globfree(&gl);
	}
	assert_true(n >= 11);
	char seed[512];
	snprintf(seed, sizeof seed, "%s/ptc-work-programme-2022-2025.md", seeds_dir());
	FILE *f = fopen(seed, "r");
	if (f) {
		fclose(f);
		holds(seed);
	} else {
		printf("SKIPPED: no %s: the seed's review page was not checked\n", seed);
	}
}

/* A finding goes to the cell whose text holds it; one on a row's line
 * but in no cell to the row's number cell; one about the header or the
 * document to the list apart. */
static void test_review__findings_placed_by_position(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_profile *prof = test_profile();
	wp_programme *p = test_read("# T\n\n## I. S\n\n" HDR12 "| 1. | A | Y | first | SP1 | | | | | | | |\n"
				    "| 2. | B | Y | second | SP1 | | | | | | | |\n", &d);
	wp_diags_clear(&d);
	const wp_section *s = &p->sections[0];
	const wp_field *act2 = &s->activities[1].fields[3];
	wp_diags_add(&d, "test.md", act2->pos.line, act2->pos.col + 2, WP_ERROR, "x.in-cell", "in the cell");
	wp_diags_add(&d, "test.md", s->activities[0].pos.line, 0, WP_WARNING, "x.on-row", "on the row");
	wp_diags_add(&d, "test.md", 1, 1, WP_NOTE, "x.title", "on the title");
	wp_diags_add(&d, "other.yaml", act2->pos.line, act2->pos.col, WP_ERROR, "x.other", "in another file");
	size_t len;
	char *html = NULL;
	assert_int_equal(wp_write_review(&html, &len, p, prof, NULL, &d), WP_OK);
	htmlDocPtr h = htmlReadMemory(html, (int)len, "r.html", "UTF-8", HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	assert_int_equal(count(h, "count(//tr[@id='s1-a2']/td[contains(@class, 'k-activity')]//li[@data-rule='x.in-cell'])"), 1);
	assert_int_equal(count(h, "count(//tr[@id='s1-a2']/td[contains(@class, 'k-activity')][contains(@class, 'flag-error')])"), 1);
	assert_int_equal(count(h, "count(//tr[@id='s1-a1']/td[contains(@class, 'k-number')]//li[@data-rule='x.on-row'])"), 1);
	assert_int_equal(count(h, "count(//td//li[@data-rule='x.title' or @data-rule='x.other'])"), 0);
	assert_int_equal(count(h, "count(//ol[@class='findings']/li[@data-rule='x.title' or @data-rule='x.other'][not(a)])"), 2);
	/* the document's first, then by row */
	assert_int_equal(count(h, "count(//ol[@class='findings'][1]/li[@data-rule='x.title'])"), 1);
	assert_int_equal(count(h, "count(//h4[. = 'I.2'])"), 1);
	/* the counts: one rule a row, worst first */
	assert_int_equal(count(h, "count(//table[@class='counts']/tbody/tr)"), 4);
	assert_int_equal(count(h, "count(//table[@class='counts']/tbody/tr[1]/td[2][. = 'error'])"), 1);
	/* the filters: a checkbox a severity and a rule, hidden until the
	 * script shows them */
	assert_int_equal(count(h, "count(//fieldset[@class='filters'][@hidden]//input[@data-f='sev:error'])"), 1);
	assert_int_equal(count(h, "count(//fieldset[@class='filters']//input[starts-with(@data-f, 'rule:')])"), 4);
	xmlFreeDoc(h);
	/* one script, allowed by its hash; no other source of script */
	const char *sc = strstr(html, "<script>");
	assert_non_null(sc);
	assert_null(strstr(sc + 1, "<script"));
	assert_non_null(strstr(html, "script-src 'sha256-"));
	assert_null(strstr(html, "script-src 'unsafe"));
	assert_non_null(strstr(html, "default-src 'none'"));
	free(html);
	wp_programme_free(p);
	wp_profile_free(prof);
	wp_diags_clear(&d);
}

static int review_oom(char **out, size_t *len, const wp_programme *p, const wp_profile *prof)
{
	wp_diags d = {0};
	wp_diags_add(&d, "test.md", 6, 3, WP_ERROR, "x.y", "a finding");
	wp_diags_add(&d, "test.md", 1, 1, WP_NOTE, "x.z", "another");
	int rc = wp_write_review(out, len, p, prof, NULL, &d);
	wp_diags_clear(&d);
	return rc;
}

static void test_review__oom_is_clean(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_profile *prof = test_profile();
	wp_programme *p = test_read("# T\n\n## I. S\n\n" HDR12 "| 1. | A | Y | a | | | | | | | | Green |\n", &d);
	assert_true(test_writer_oom(review_oom, p, prof) > 5);
	wp_programme_free(p);
	wp_profile_free(prof);
	wp_diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_review__every_finding_listed_and_marked_on_every_source),
		cmocka_unit_test(test_review__findings_placed_by_position),
		cmocka_unit_test(test_review__oom_is_clean),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
