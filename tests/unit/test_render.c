/* test_render.c: annexes rendered by the XSLT templates. */
#include "testutil.h"
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

static char *render(const char *md, const char *tpl)
{
	wp_diags d = {0};
	wp_profile *prof = test_profile();
	wp_programme *p = test_read(md, &d);
	wp_template *t = NULL;
	char *out = NULL;
	size_t len;
	assert_int_equal(wp_template_load(&t, tpl, &d), WP_OK);
	assert_int_equal(wp_render(&out, &len, t, p, prof, strstr(tpl, "-md") ? WP_XML_SOURCE : WP_XML_ANNOTATED, &d),
			 WP_OK);
	assert_int_equal(strlen(out), len);
	wp_template_free(t);
	wp_programme_free(p);
	wp_profile_free(prof);
	wp_diags_free(&d);
	return out;
}

static double html_count(htmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr c = xmlXPathNewContext(doc);
	xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, c);
	double n = xmlXPathCastToNumber(o);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(c);
	return n;
}

#define HOSTILE "<script>alert(1)</script> <img src=x onerror=alert(2)> [js](javascript:alert(3)) [ok](https://example.org/a?b=1&c=2)"

static void test_render__html_annex_structure(void **state)
{
	(void)state;
	char *html = render("Title\n\nAnnex to\nDoc. Z9\nRun\n\n## I. Sec\n\n" HDR12
			    "| | guide | | | | | | | | | | |\n"
			    "| (Example) | A | Y | e | | | | | | | | Green |\n"
			    "| 1. | A | Y | a | | | | | | | | Green |\n"
			    "| 2. | A | Y | " HOSTILE " | | | | | | | | red |\n"
			    "\n¹ First note.\n", "templates/annex-html.xsl");
	assert_memory_equal(html, "<!DOCTYPE html>", 15);
	assert_non_null(strstr(html, "Content-Security-Policy"));
	assert_non_null(strstr(html, "default-src 'none'"));
	assert_non_null(strstr(html, "@page{size:A4 landscape"));
	assert_non_null(strstr(html, "thead{display:table-header-group}"));
	htmlDocPtr doc = htmlReadMemory(html, (int)strlen(html), "a.html", "UTF-8",
					HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	assert_non_null(doc);
	/* nothing live, whatever the cells said */
	assert_int_equal(html_count(doc, "count(//script)"), 0);
	assert_int_equal(html_count(doc, "count(//img)"), 0);
	assert_int_equal(html_count(doc, "count(//@*[starts-with(name(), 'on')])"), 0);
	assert_int_equal(html_count(doc, "count(//a[contains(@href, 'javascript')])"), 0);
	assert_int_equal(html_count(doc, "count(//a[@href='https://example.org/a?b=1&c=2'])"), 1);
	assert_non_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	/* one table, one header row, guidance and examples apart */
	assert_int_equal(html_count(doc, "count(//table)"), 1);
	assert_int_equal(html_count(doc, "count(//thead/tr)"), 1);
	assert_int_equal(html_count(doc, "count(//thead/tr/th)"), 12);
	assert_int_equal(html_count(doc, "count(//tbody[@class='guidance']/tr)"), 1);
	assert_int_equal(html_count(doc, "count(//tbody[@class='examples']/tr[@class='example'])"), 1);
	assert_int_equal(html_count(doc, "count(//tbody[@class='activities']/tr)"), 2);
	/* header marks link to the footnotes at the end */
	assert_int_equal(html_count(doc, "count(//th/a[@href='#fn-1'])"), 1);
	assert_int_equal(html_count(doc, "count(//th/a[@href='#fn-2'])"), 0); /* no such note */
	assert_int_equal(html_count(doc, "count(//*[@id='fn-1'])"), 1);
	/* status: colour and word */
	assert_int_equal(html_count(doc, "count(//td[contains(@class,'c-green')]/span[@class='swatch'])"), 2);
	assert_int_equal(html_count(doc, "count(//td[contains(@class,'c-red')]//span[@class='meaning'])"), 1);
	assert_int_equal(html_count(doc, "count(//tbody[@class='guidance']//span[@class='swatch'])"), 0);
	assert_non_null(strstr(html, ".c-green .swatch{background:#2e7d32}"));
	assert_non_null(strstr(html, "Doc. Z9"));
	xmlFreeDoc(doc);
	free(html);
}

/* Markdown out, Markdown in: the same text. */
static void test_render__md_escaping_reads_back(void **state)
{
	(void)state;
	const char *tricky[] = {
		"a \\| b", "*not em* _nor_ `code`", "\\<b\\>tag\\</b\\> &amp;amp; &lt;", "\\[x\\](y) !\\[i\\](j)",
		"1\\. looks like a list", "\\# hash", "~~not struck~~ \\~", "back\\\\slash", "<u>under</u> plain",
	};
	for (size_t i = 0; i < sizeof tricky / sizeof tricky[0]; i++) {
		char src[1024], *t1, *t2;
		snprintf(src, sizeof src, HDR12 "| 1. | A | Y | %s | | | | | | | | |\n", tricky[i]);
		wp_diags d = {0};
		wp_programme *p = test_read(src, &d);
		t1 = test_field(p, 0, 0, "activity");
		char *md = render(src, "templates/annex-md.xsl");
		wp_programme *q = test_read(md, &d);
		t2 = test_field(q, 0, 0, "activity");
		if (strcmp(t1, t2) != 0)
			fail_msg("'%s' read back as '%s' via:\n%s", t1, t2, md);
		char *md2 = render(md, "templates/annex-md.xsl");
		assert_string_equal(md, md2);
		free(t1);
		free(t2);
		free(md);
		free(md2);
		wp_programme_free(p);
		wp_programme_free(q);
		wp_diags_free(&d);
	}
}

static void test_render__md_annex_keeps_structure(void **state)
{
	(void)state;
	const char *src = "T 2024-2025**I. One**\n\n" HDR12 "| | g | | | | | | | | | | |\n"
			  "| EXAMPLE | | | | | | | | | | | |\n| 1. | A | Y | <p>a</p> <p>b</p> | | | | x<br>y | | | | Blue |\n"
			  "\nA note.\n\nII. Two\n\n" HDR11 "| 1. | B | N | c | | | | | | Continuous | |\n\n¹ Note **one**.\n";
	char *md = render(src, "templates/annex-md.xsl");
	assert_non_null(strstr(md, "# T 2024-2025\n\n## I. One\n\n| No. | Priority ranking | Link to the Strategic Plan ¹ |"));
	assert_non_null(strstr(md, "| EXAMPLE |"));
	assert_non_null(strstr(md, "| 1. | A | Y | <p>a</p> <p>b</p> |"));
	assert_non_null(strstr(md, "x<br>y"));
	assert_non_null(strstr(md, "\nA note.\n"));
	assert_non_null(strstr(md, "## II. Two"));
	assert_non_null(strstr(md, "Timeline ⁸"));
	assert_non_null(strstr(md, "¹ Note <b>one</b>.\n"));
	wp_diags d = {0};
	wp_programme *p = test_read(md, &d);
	assert_int_equal(d.n, 0);
	assert_int_equal(p->nsections, 2);
	assert_non_null(p->sections[0].guidance);
	assert_int_equal(p->sections[0].nexamples, 1);
	assert_int_equal(p->sections[0].notes.nparas, 1);
	assert_int_equal(p->nfootnotes, 1);
	wp_programme_free(p);
	wp_diags_free(&d);
	free(md);
}

static void write_tmp(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
}

static void test_render__template_errors(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_template *t = NULL;
	assert_int_equal(wp_template_load(&t, "no/such.xsl", &d), WP_EIO);
	assert_non_null(test_find_rule(&d, "io.read"));
	wp_diags_free(&d);

	write_tmp("/tmp/wpgen-bad.xsl", "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>");
	assert_int_equal(wp_template_load(&t, "/tmp/wpgen-bad.xsl", &d), WP_EINPUT);
	assert_non_null(test_find_rule(&d, "template.invalid"));
	assert_null(t);
	wp_diags_free(&d);

	write_tmp("/tmp/wpgen-stop.xsl",
		  "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
		  "<xsl:template match='/'><xsl:message terminate='yes'>stop here</xsl:message></xsl:template></xsl:stylesheet>");
	assert_int_equal(wp_template_load(&t, "/tmp/wpgen-stop.xsl", &d), WP_OK);
	wp_profile *prof = test_profile();
	wp_programme *p = test_read(HDR12 "| 1. | A | | | | | | | | | | |\n", &d);
	char *out = NULL;
	size_t len;
	assert_int_equal(wp_render(&out, &len, t, p, prof, WP_XML_ANNOTATED, &d), WP_EINPUT);
	const wp_diag *x = test_find_rule(&d, "template.failed");
	assert_non_null(x);
	assert_null(out);
	wp_template_free(t);
	wp_diags_free(&d);

	/* a template may not write files */
	write_tmp("/tmp/wpgen-write.xsl",
		  "<xsl:stylesheet version='1.1' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
		  "<xsl:template match='/'><xsl:document href='/tmp/wpgen-written.txt' method='text'>x</xsl:document>"
		  "</xsl:template></xsl:stylesheet>");
	remove("/tmp/wpgen-written.txt");
	assert_int_equal(wp_template_load(&t, "/tmp/wpgen-write.xsl", &d), WP_OK);
	assert_int_equal(wp_render(&out, &len, t, p, prof, WP_XML_ANNOTATED, &d), WP_EINPUT);
	FILE *f = fopen("/tmp/wpgen-written.txt", "r");
	assert_null(f);
	wp_template_free(t);
	wp_programme_free(p);
	wp_profile_free(prof);
	wp_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render__html_annex_structure),
		cmocka_unit_test(test_render__md_escaping_reads_back),
		cmocka_unit_test(test_render__md_annex_keeps_structure),
		cmocka_unit_test(test_render__template_errors),
	};
	return cmocka_run_group_tests_name("render", tests, NULL, NULL);
}
