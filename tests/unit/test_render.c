/* test_render.c: annexes rendered by the XSLT templates. */
#include "testutil.h"
#include <sys/stat.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include "../live.h"

static char *render(const char *md, const char *tpl)
{
	wp_diags d = {0};
	wp_profile *prof = test_profile();
	wp_programme *p = test_read(md, &d);
	wp_template *t = NULL;
	char *out = NULL;
	size_t len;
	assert_int_equal(wp_template_load(&t, tpl, &d), WP_OK);
	assert_int_equal(wp_render(&out, &len, t, p, prof, strstr(tpl, "-md") ? WP_XML_SOURCE : WP_XML_ANNOTATED, NULL, &d),
			 WP_OK);
	assert_int_equal(strlen(out), len);
	wp_template_free(t);
	wp_programme_free(p);
	wp_profile_free(prof);
	wp_diags_clear(&d);
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
	/* where things stand first: one green, one red (its word, any case) */
	assert_int_equal(html_count(doc, "count(//section[@class='status-summary']//table)"), 1);
	assert_int_equal(html_count(doc, "count(//table[@class='status']/tbody/tr)"), 1);
	assert_int_equal(html_count(doc, "count(//table[@class='status']//svg//rect)"), 2);
	/* then one table, one header row, guidance and examples apart */
	assert_int_equal(html_count(doc, "count(//section[contains(@class, 'programme-section')]//table)"), 1);
	assert_int_equal(html_count(doc, "count(//section[contains(@class, 'programme-section')]//thead/tr)"), 1);
	assert_int_equal(html_count(doc, "count(//section[contains(@class, 'programme-section')]//thead/tr/th)"), 12);
	/* its columns sized from their content: twelve, summing to about 100 % */
	assert_int_equal(html_count(doc, "count(//table[@class='sized']/colgroup/col)"), 12);
	assert_int_equal(html_count(doc, "count(//tbody[@class='guidance']/tr)"), 1);
	assert_int_equal(html_count(doc, "count(//tbody[@class='examples']/tr[@class='example'])"), 1);
	assert_int_equal(html_count(doc, "count(//tbody[@class='activities']/tr)"), 2);
	/* header marks link to the footnotes at the end */
	assert_int_equal(html_count(doc, "count(//th/a[@href='#fn-1'])"), 1);
	assert_int_equal(html_count(doc, "count(//th/a[@href='#fn-2'])"), 0); /* no such note */
	assert_int_equal(html_count(doc, "count(//*[@id='fn-1'])"), 1);
	/* status: a cell shaded in its colour (the Word shading the profile
	 * names first), its word kept, no swatch */
	assert_int_equal(html_count(doc, "count(//td[contains(@class,'status c-green')])"), 2);
	assert_int_equal(html_count(doc, "count(//td[contains(@class,'c-green')]/span[@class='swatch'])"), 0);
	assert_non_null(strstr(html, "td.status.c-green{background:#00B050;color:#000000}"));
	assert_non_null(strstr(html, "td.status.c-red{background:#FF0000;color:#FFFFFF}"));
	/* and no rule of more weight paints over it (the even rows' tint, on
	 * screen and printed: white text on white) */
	assert_null(strstr(html, "nth-child(even) td{"));
	assert_non_null(strstr(html, "nth-child(even) td:not(.status){"));
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
		wp_diags_clear(&d);
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
	assert_null(strstr(md, "| EXAMPLE |")); /* a label, not an example: the annex draws its own */
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
	assert_int_equal(p->sections[0].nexamples, 0); /* (the source had a label row only) */
	assert_int_equal(p->sections[0].notes.nparas, 1);
	assert_int_equal(p->nfootnotes, 1);
	wp_programme_free(p);
	wp_diags_clear(&d);
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
	wp_diags_clear(&d);

	write_tmp("/tmp/wpgen-bad.xsl", "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>");
	assert_int_equal(wp_template_load(&t, "/tmp/wpgen-bad.xsl", &d), WP_EINPUT);
	assert_non_null(test_find_rule(&d, "template.invalid"));
	assert_null(t);
	wp_diags_clear(&d);

	write_tmp("/tmp/wpgen-stop.xsl",
		  "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
		  "<xsl:template match='/'><xsl:message terminate='yes'>stop here</xsl:message></xsl:template></xsl:stylesheet>");
	assert_int_equal(wp_template_load(&t, "/tmp/wpgen-stop.xsl", &d), WP_OK);
	wp_profile *prof = test_profile();
	wp_programme *p = test_read(HDR12 "| 1. | A | | | | | | | | | | |\n", &d);
	char *out = NULL;
	size_t len;
	assert_int_equal(wp_render(&out, &len, t, p, prof, WP_XML_ANNOTATED, NULL, &d), WP_EINPUT);
	const wp_diag *x = test_find_rule(&d, "template.failed");
	assert_non_null(x);
	assert_null(out);
	wp_template_free(t);
	wp_diags_clear(&d);

	/* a template may not write files */
	write_tmp("/tmp/wpgen-write.xsl",
		  "<xsl:stylesheet version='1.1' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
		  "<xsl:template match='/'><xsl:document href='/tmp/wpgen-written.txt' method='text'>x</xsl:document>"
		  "</xsl:template></xsl:stylesheet>");
	remove("/tmp/wpgen-written.txt");
	assert_int_equal(wp_template_load(&t, "/tmp/wpgen-write.xsl", &d), WP_OK);
	assert_int_equal(wp_render(&out, &len, t, p, prof, WP_XML_ANNOTATED, NULL, &d), WP_EINPUT);
	FILE *f = fopen("/tmp/wpgen-written.txt", "r");
	assert_null(f);
	wp_template_free(t);
	wp_programme_free(p);
	wp_profile_free(prof);
	wp_diags_clear(&d);
}

/* The XSS corpus: each payload in every place a source can put text (front
 * matter, title, section heading, header cells, every cell of an activity,
 * the guidance and example rows, footnotes), read back with an HTML parser
 * that counts live elements and attributes: none, ever. */
static const char *const xss[] = {
	"<script>alert(1)</script>",
	"<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
	"<img src=x onerror=alert(1)>",
	"<svg onload=alert(1)>",
	"<svg><script>alert(1)</script></svg>",
	"<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
	"<iframe src=javascript:alert(1)>",
	"<iframe srcdoc='<script>alert(1)</script>'>",
	"[a](javascript:alert(1))",
	"[a](JaVaScRiPt:alert(1))",
	"[a](&#106;avascript:alert(1))",
	"[a](javascript&colon;alert(1))",
	"[a](%6Aavascript:alert(1))",
	"[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
	"[a](vbscript:msgbox(1))",
	"[a]( javascript:alert(1))",
	"[a](<javascript:alert(1)>)",
	"<javascript:alert(1)>",
	"<data:text/html,<script>alert(1)</script>>",
	"![x](javascript:alert(1))",
	"![x](https://evil.example/track.png)",
	"<a href=\"javascript:alert(1)\">x</a>",
	"<a href='  javascript:alert(1)'>x</a>",
	"<a href=\"https://example.org\" onclick=\"alert(1)\">x</a>",
	"\"><script>alert(1)</script>",
	"' onmouseover='alert(1)",
	"\" onfocus=\"alert(1)\" autofocus=\"",
	"<style>body{background:url(javascript:alert(1))}</style>",
	"<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
	"<base href=//evil.example/>",
	"<form action=javascript:alert(1)><button>x</button></form>",
	"<object data=javascript:alert(1)></object>",
	"<embed src=javascript:alert(1)>",
	"<link rel=stylesheet href=//evil.example/x.css>",
	"<p style=\"background:url(javascript:alert(1))\">x</p>",
	"<u onclick=alert(1)>x</u>",
	"<ins datetime=x onfocus=alert(1) autofocus>x</ins>",
	"<del onmouseover=alert(1)>x</del>",
	"<br onload=alert(1)>",
	"<!--<script>alert(1)</script>-->",
	"<![CDATA[<script>alert(1)</script>]]>",
	"<?xml-stylesheet href=\"javascript:alert(1)\"?>",
	"&lt;script&gt;alert(1)&lt;/script&gt;",
	"&#60;script&#62;alert(1)&#60;/script&#62;",
	"`<script>alert(1)</script>`",
	"**<script>alert(1)</script>**",
	"www.example.org/<script>alert(1)</script>",
	"<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
	"<template><script>alert(1)</script></template>",
	"<xmp><script>alert(1)</script></xmp>",
	"<textarea><script>alert(1)</script></textarea>",
	"<input autofocus onfocus=alert(1)>",
	"<video><source onerror=alert(1)></video>",
	"<details open ontoggle=alert(1)>",
	"<a href=\"mailto:x@example.org?body=<script>\">mail</a>",
	/* text that reads otherwise than it is written (Trojan Source): bidi
	 * controls and separators, said (read.bidi) and never published */
	"\xE2\x80\xAE" "alert(1) txt.exe",
	"\xE2\x80\xAB\xE2\x80\xAD\xE2\x80\xAA\xE2\x80\xAC" "alert(1)",
	"\xE2\x81\xA6" "alert(1)\xE2\x81\xA9 \xE2\x81\xA7\xE2\x81\xA8" "x\xE2\x81\xA9",
	"alert(1)\xE2\x80\x8E\xE2\x80\x8F\xD8\x9C",
	"line\xE2\x80\xA8" "separator\xE2\x80\xA9" "alert(1)",
};

/* Whether s holds a character that makes text read otherwise (a bidi
 * control, U+2028/9): the bytes of U+061C, U+200E/F, U+202A-E, U+2066-9. */
static int has_spoofing(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i + 1 < n; i++) {
		if (u[i] == 0xD8 && u[i + 1] == 0x9C)
			return 1;
		if (i + 2 < n && u[i] == 0xE2 && ((u[i + 1] == 0x80 && ((u[i + 2] >= 0xAA && u[i + 2] <= 0xAE) ||
		    u[i + 2] == 0x8E || u[i + 2] == 0x8F || u[i + 2] == 0xA8 || u[i + 2] == 0xA9)) ||
		    (u[i + 1] == 0x81 && u[i + 2] >= 0xA6 && u[i + 2] <= 0xA9)))
			return 1;
	}
	return 0;
}

/* The live elements of a review page but its own: its one script (the
 * last element of its body) and its filters' checkboxes (the first
 * fieldset of class "filters"), taken out before counting. */
static size_t review_live(const char *html, size_t len, char *why, size_t whylen)
{
	char *copy = malloc(len + 1);
	assert_non_null(copy);
	memcpy(copy, html, len);
	copy[len] = '\0';
	char *last = NULL;
	for (char *x = copy; (x = strstr(x, "<script>")) != NULL; x++)
		last = x;
	char *end = last ? strstr(last, "</script></body>") : NULL;
	assert_non_null(end); /* its own is there, last */
	memmove(last, end + strlen("</script>"), strlen(end + strlen("</script>")) + 1);
	char *f = strstr(copy, "<fieldset class=\"filters\""), *fe = f ? strstr(f, "</fieldset>") : NULL;
	if (f && fe)
		memmove(f, fe + strlen("</fieldset>"), strlen(fe + strlen("</fieldset>")) + 1);
	size_t live = html_live(copy, strlen(copy), why, whylen);
	free(copy);
	return live;
}

static char *xss_source(const char *x)
{
	static const char *const fm_keys[] = {"title", "body", "annex_to", "running_title", "session"};
	size_t cap = 64 * 1024, n = 0;
	char *md = malloc(cap);
	assert_non_null(md);
#define PUT(...) (n += (size_t)snprintf(md + n, cap - n, __VA_ARGS__))
	PUT("---\n");
	for (size_t k = 0; k < sizeof fm_keys / sizeof *fm_keys; k++)
		PUT("%s: |-\n  %s\n", fm_keys[k], x);
	PUT("---\n\n%s WORK PROGRAMME 2024-2025\n\n## I. %s\n\n", x, x);
	PUT("| No. %s | Priority ranking | Link to the Strategic Plan ¹ | Activities ² %s | WCO Strategic Plan ³ | "
	    "Type of task associated ⁴ | Responsible body ⁵ | Team resources | Key Performance Indicators | "
	    "Timeline | Progress ⁶ | Completion status ⁷ %s |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n", x, x, x);
	PUT("| |");
	for (int c = 1; c < 12; c++)
		PUT(" %s |", x);
	PUT("\n| (Example) |");
	for (int c = 1; c < 12; c++)
		PUT(" %s |", x);
	for (int r = 1; r <= 2; r++) {
		PUT("\n| %d. %s |", r, x);
		for (int c = 1; c < 12; c++)
			PUT(" %s <u>%s</u> <ins>%s</ins> |", x, x, x);
	}
	PUT("\n| | %s |\n\n¹ %s\n\n[^2]: %s\n\n%s\n", x, x, x, x);
#undef PUT
	assert_true(n < cap);
	return md;
}

static void test_render__xss_corpus_renders_inert(void **state)
{
	(void)state;
	wp_profile *prof = test_profile();
	wp_template *html_t = NULL, *md_t = NULL;
	wp_diags d = {0};
	assert_int_equal(wp_template_load(&html_t, "templates/annex-html.xsl", &d), WP_OK);
	assert_int_equal(wp_template_load(&md_t, "templates/annex-md.xsl", &d), WP_OK);
	size_t npay = sizeof xss / sizeof *xss;
	for (size_t i = 0; i < npay; i++) {
		char *md = xss_source(xss[i]);
		size_t nact = 0;
		for (int round = 0; round < 2; round++) {
			/* round 0: the source; round 1: the Markdown annex read again */
			wp_programme *p = NULL;
			wp_diags dd = {0};
			assert_int_equal(wp_read_md(&p, md, strlen(md), "xss.md", prof, &dd), WP_OK);
			/* nothing dropped on the way through the Markdown annex */
			if (round == 0)
				nact = p->sections[0].nactivities;
			if (p->nsections != 1 || p->sections[0].nactivities != nact)
				fprintf(stderr, "payload %zu (%s), round %d: %zu sections, %zu activities\n%s\n", i, xss[i],
					round, p->nsections, p->nsections ? p->sections[0].nactivities : 0, md);
			assert_int_equal(p->nsections, 1);
			assert_true(nact >= 2);
			assert_int_equal(p->sections[0].nactivities, nact);
			char *html = NULL, *out = NULL;
			size_t hlen = 0, olen = 0;
			assert_int_equal(wp_render(&html, &hlen, html_t, p, prof, WP_XML_ANNOTATED, NULL, &dd), WP_OK);
			char why[200];
			size_t live = html_live(html, hlen, why, sizeof why);
			if (live)
				fprintf(stderr, "payload %zu (%s), round %d: %zu live: %s\n", i, xss[i], round, live, why);
			assert_int_equal(live, 0);
			if (has_spoofing(html, hlen))
				fail_msg("payload %zu, round %d: a bidi control or separator reaches the HTML annex", i, round);
			if (round == 0 && has_spoofing(xss[i], strlen(xss[i])) && !test_find_rule(&dd, "read.bidi"))
				fail_msg("payload %zu: its bidi control or separator is not said (read.bidi)", i);
			/* the payload's text is there, inert (not dropped) */
			assert_non_null(strstr(html, "alert(1)") ? html : (strstr(xss[i], "alert") ? NULL : html));
			/* and on the review page, in its cells and in the findings that
			 * quote it (the rules run: their messages hold the payload) */
			char *rev = NULL;
			size_t rlen = 0;
			assert_int_equal(wp_check(p, prof, NULL, &dd), WP_OK);
			assert_int_equal(wp_write_review(&rev, &rlen, p, prof, NULL, &dd), WP_OK);
			live = review_live(rev, rlen, why, sizeof why);
			if (live)
				fprintf(stderr, "payload %zu (%s), round %d: %zu live on the review page: %s\n", i, xss[i], round, live, why);
			assert_int_equal(live, 0);
			free(rev);
			assert_int_equal(wp_render(&out, &olen, md_t, p, prof, WP_XML_SOURCE, NULL, &dd), WP_OK);
			assert_false(has_spoofing(out, olen));
			free(md);
			md = out;
			free(html);
			wp_programme_free(p);
			wp_diags_clear(&dd);
		}
		free(md);
	}
	/* The same from XML (valid against the schema): hrefs as only XML
	 * can write them, with character references and blanks. */
	wp_schema *schema = NULL;
	assert_int_equal(wp_schema_load(&schema, "schema/wpgen.rng", &d), WP_OK);
	static const char *const hrefs[] = {"javascript:alert(1)", " JAVASCRIPT:alert(1)", "java&#9;script:alert(1)",
					    "data:text/html,x", "vbscript:x", "https://example.org/ok"};
	for (size_t i = 0; i < sizeof hrefs / sizeof *hrefs; i++) {
		char xml[1024];
		snprintf(xml, sizeof xml,
			 "<programme xmlns=\"urn:wpgen:programme:1\"><header><title>&lt;script&gt;x</title></header>"
			 "<section kind=\"unknown\"><columns><column key=\"col1\" role=\"number\">No.</column>"
			 "<column key=\"col2\">Activities</column></columns><activity><field key=\"col1\"><p>1.</p></field>"
			 "<field key=\"col2\"><p><a href=\"%s\">x</a> &lt;img src=x onerror=alert(1)&gt;</p></field>"
			 "</activity></section></programme>",
			 hrefs[i]);
		wp_programme *p = NULL;
		wp_diags dd = {0};
		assert_int_equal(wp_read_xml(&p, xml, strlen(xml), "xss.xml", prof, schema, &dd), WP_OK);
		char *html = NULL;
		size_t hlen = 0;
		assert_int_equal(wp_render(&html, &hlen, html_t, p, prof, WP_XML_ANNOTATED, NULL, &dd), WP_OK);
		char why[200];
		size_t live = html_live(html, hlen, why, sizeof why);
		if (live)
			fprintf(stderr, "href %s: %s\n", hrefs[i], why);
		assert_int_equal(live, 0);
		assert_int_equal(!!strstr(html, "href=\"https://example.org/ok\""), i == 5);
		free(html);
		wp_programme_free(p);
		wp_diags_clear(&dd);
	}
	/* The counter itself sees what it must (it would pass anything if not). */
	static const char *const live_pages[] = {
		"<p><script>x</script></p>", "<p onclick=x>x</p>", "<a href=' jav&#x09;ascript:x'>x</a>",
		"<a href=\"data:text/html,x\">x</a>", "<iframe srcdoc=x></iframe>", "<meta http-equiv=refresh content=0>",
		"<style>a{}</style><style>b{}</style>", "<img src=x>", "<p style=\"background:url(x)\">x</p>",
	};
	for (size_t i = 0; i < sizeof live_pages / sizeof *live_pages; i++)
		assert_true(html_live(live_pages[i], strlen(live_pages[i]), NULL, 0) >= 1);
	assert_int_equal(html_live("<a href=\"#fn-1\">1</a><a href=\"https://x.org/?a=b:c\">x</a>", 55, NULL, 0), 0);
	wp_schema_free(schema);
	wp_template_free(html_t);
	wp_template_free(md_t);
	wp_profile_free(prof);
	wp_diags_clear(&d);
}

/* The other kinds put text in more places: a joint plan's area titles,
 * descriptions and actions (with a footnote in a cell), a progress
 * report's sections (one naming an area, one naming none), and a dated
 * schedule's tasks, which the HTML annex also draws as SVG labels. Each
 * payload everywhere; the HTML of the source and of its Markdown annex
 * read again holds nothing live. */
/* The corpus built as a tree: the build's index page (titles, paths,
 * findings quoting the payloads) and every review page stay inert. */
static void test_render__xss_corpus_in_a_build(void **state)
{
	(void)state;
	char dir[] = "/tmp/wpgen-xss-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char src[600], out[600], path[700];
	snprintf(src, sizeof src, "%s/src", dir);
	snprintf(out, sizeof out, "%s/out", dir);
	assert_int_equal(mkdir(src, 0700), 0);
	size_t npay = sizeof xss / sizeof *xss;
	for (size_t i = 0; i < npay; i++) {
		char *md = xss_source(xss[i]);
		snprintf(path, sizeof path, "%s/p%02zu.md", src, i);
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fputs(md, f);
		fclose(f);
		free(md);
	}
	wp_build_opts o = {0};
	wp_build_result res = {0};
	wp_diags d = {0};
	o.outdir = out;
	o.formats = WP_OUT_HTML | WP_OUT_REVIEW;
	o.datadir = ".";
	const char *paths[] = {src};
	assert_int_equal(wp_build(paths, 1, &o, &res, &d), WP_OK);
	assert_int_equal(res.built, npay);
	for (size_t i = 0; i <= npay; i++) {
		char *html = NULL;
		size_t len = 0;
		if (i == npay)
			snprintf(path, sizeof path, "%s/index.html", out);
		else
			snprintf(path, sizeof path, "%s/p%02zu.review.html", out, i);
		assert_int_equal(wp_read_file(&html, &len, path), WP_OK);
		char why[200];
		size_t live = i == npay ? html_live(html, len, why, sizeof why) : review_live(html, len, why, sizeof why);
		if (live)
			fail_msg("%s: %zu live: %s", path, live, why);
		wp_free(html);
	}
	wp_diags_clear(&d);
	char cmd[700];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void test_render__xss_corpus_other_kinds(void **state)
{
	(void)state;
	wp_profile *jp = test_profile_named("joint-work-plan"), *rp = test_profile_named("progress-report");
	wp_profile *sp = test_profile_named("dated-schedule");
	wp_template *html_t = NULL, *md_t = NULL;
	wp_diags d = {0};
	assert_int_equal(wp_template_load(&html_t, "templates/annex-html.xsl", &d), WP_OK);
	assert_int_equal(wp_template_load(&md_t, "templates/annex-md.xsl", &d), WP_OK);
	size_t cap = 16 * 1024;
	char *plan = malloc(cap), *report = malloc(cap), *sched = malloc(cap);
	assert_non_null(plan);
	assert_non_null(report);
	assert_non_null(sched);
	for (size_t i = 0; i < sizeof xss / sizeof *xss; i++) {
		const char *x = xss[i];
		snprintf(plan, cap,
			 "---\nperiod: 2025-2028\n---\n\n# Plan %s\n\n## 1. Events %s\n\n%s\n\n| No | Action | Time frame |\n"
			 "|---|---|---|\n| 1.1 | Meet %s¹ | 2026 |\n| 1.2 | %s | On going |\n\n¹ %s\n",
			 x, x, x, x, x, x);
		snprintf(report, cap,
			 "---\nplan: plan.md\nsession: |-\n  %s\n---\n\n# Report %s\n\n%s\n\n## Area 1 %s\n\n%s\n\n"
			 "## Elsewhere\n\n%s\n", /* (a payload's words in this heading could name area 1) */
			 x, x, x, x, x, x);
		snprintf(sched, cap,
			 "---\nas_of: 2025-03-01\nsession: |-\n  %s\n---\n\n# Schedule %s\n\n## Outline\n\n| No. | Topic | Writers | Peer reviewers |\n"
			 "|---|---|---|---|\n| 1. | %s | KE | NL |\n\n*) KE : Kenya %s;\n NL : Netherlands;\n\n## Work plan\n\n"
			 "| No. | Task | Due by | Jan 2025 | Feb 2025 |\n|---|---|---|---|---|\n"
			 "| 1 | Draft %s | 21/01/2025 | %s | |\n| 2 | %s | xx/02/2025 | | Feb |\n",
			 x, x, x, x, x, x, x);
		for (int kind = 0; kind < 2; kind++) {
			wp_programme *p = NULL, *rep = NULL;
			const wp_profile *prof = kind ? sp : jp;
			wp_diags dd = {0};
			const char *src = kind ? sched : plan;
			assert_int_equal(wp_read_md(&p, src, strlen(src), "x.md", prof, &dd), WP_OK);
			if (!kind) {
				assert_int_equal(wp_read_md(&rep, report, strlen(report), "r.md", rp, &dd), WP_OK);
				assert_int_equal(wp_report_merge(p, rep, "plan.md", &dd), WP_OK);
				assert_true(p->sections[0].reported);
				assert_true(p->report.nparas >= 1);
			}
			char *out = NULL;
			size_t olen = 0;
			for (int round = 0; round < 2; round++) {
				/* round 0: the source; round 1: its Markdown annex read again */
				char *html = NULL;
				size_t hlen = 0;
				assert_int_equal(wp_render(&html, &hlen, html_t, p, prof, WP_XML_ANNOTATED, NULL, &dd), WP_OK);
				char why[200];
				size_t live = html_live(html, hlen, why, sizeof why);
				if (live)
					fprintf(stderr, "%s, payload %zu (%s), round %d: %zu live: %s\n", kind ? "schedule" : "plan",
						i, x, round, live, why);
				assert_int_equal(live, 0);
				if (has_spoofing(html, hlen))
					fail_msg("payload %zu, round %d: a bidi control or separator reaches the HTML annex", i, round);
				/* the payload's text is there, inert: at least where it
				 * is plain text (the session, in front matter) */
				int text = strstr(x, "alert") != NULL;
				if (text && !strstr(html, "alert(1)"))
					fprintf(stderr, "%s, payload %zu (%s), round %d: the text is gone\n%s\n",
						kind ? "schedule" : "plan", i, x, round, round ? out : src);
				assert_true(!text || strstr(html, "alert(1)"));
				if (kind)
					assert_non_null(strstr(html, "<svg")); /* the timeline was drawn */
				free(html);
				if (round)
					break;
				assert_int_equal(wp_render(&out, &olen, md_t, p, prof, WP_XML_SOURCE, NULL, &dd), WP_OK);
			assert_false(has_spoofing(out, olen));
				wp_programme_free(p);
				p = NULL;
				assert_int_equal(wp_read_md(&p, out, olen, "annex.md", prof, &dd), WP_OK);
			}
			free(out);
			wp_programme_free(p);
			wp_programme_free(rep);
			wp_diags_clear(&dd);
		}
	}
	free(plan);
	free(report);
	free(sched);
	wp_template_free(html_t);
	wp_template_free(md_t);
	wp_profile_free(jp);
	wp_profile_free(rp);
	wp_profile_free(sp);
	wp_diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render__html_annex_structure),
		cmocka_unit_test(test_render__md_escaping_reads_back),
		cmocka_unit_test(test_render__md_annex_keeps_structure),
		cmocka_unit_test(test_render__template_errors),
		cmocka_unit_test(test_render__xss_corpus_renders_inert),
		cmocka_unit_test(test_render__xss_corpus_other_kinds),
		cmocka_unit_test(test_render__xss_corpus_in_a_build),
	};
	return cmocka_run_group_tests_name("render", tests, NULL, NULL);
}
