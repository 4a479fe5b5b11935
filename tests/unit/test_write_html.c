/* test_write_html.c: the native HTML writer against its reference, the
 * template templates/annex-html.xsl run by libxslt and serialised by
 * libxml2: the same bytes on every sample, every golden source, the fuzz
 * regressions, the seed (when ../shared is there) and inputs written to
 * reach each corner of the layout. WPGEN_DIFF_GLOB adds files (a fuzz
 * corpus, say). */
#include "testutil.h"

#include <glob.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "../../src/annex.h"

static wp_env *env;
static wp_template *tpl;

static int setup(void **state)
{
	(void)state;
	wp_diags d = {0};
	int rc = wp_env_new(&env, ".");
	if (rc == WP_OK)
		rc = wp_template_load(&tpl, "templates/annex-html.xsl", &d);
	wp_diags_clear(&d);
	return rc == WP_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	wp_template_free(tpl);
	wp_env_free(env);
	return 0;
}

/* Fails naming the first byte where the two differ, with its context. */
static void assert_same_bytes(const char *what, const char *want, size_t wlen, const char *got, size_t glen)
{
	if (wlen == glen && memcmp(want, got, wlen) == 0)
		return;
	size_t i = 0;
	while (i < wlen && i < glen && want[i] == got[i])
		i++;
	size_t from = i > 60 ? i - 60 : 0;
	fail_msg("%s: the native HTML differs from the template's at byte %zu\n"
		 "template: ...%.*s...\nnative:   ...%.*s...",
		 what, i, (int)((wlen < i + 60 ? wlen : i + 60) - from), want + from, (int)((glen < i + 60 ? glen : i + 60) - from),
		 got + from);
}

/* Both ways. */
static void compare(const char *what, const wp_programme *p, const wp_profile *prof)
{
	wp_diags d = {0};
	char *want = NULL, *got = NULL;
	size_t wlen, glen;
	assert_int_equal(wp_render_annex(&want, &wlen, tpl, p, prof, WP_XML_ANNOTATED, &d), WP_OK);
	assert_int_equal(wp_write_html(&got, &glen, p, prof), WP_OK);
	assert_same_bytes(what, want, wlen, got, glen);
	free(want);
	free(got);
	wp_diags_clear(&d);
}

/* Opens path in each version of its tracked changes and compares; 0 when
 * it is not a programme wpgen reads (a fuzz regression may not be). */
static int compare_file(const char *path)
{
	static const wp_changes_mode modes[] = {WP_CHANGES_SHOW, WP_CHANGES_ACCEPT, WP_CHANGES_REJECT};
	int read = 0;
	for (size_t m = 0; m < 3; m++) {
		wp_diags d = {0};
		wp_doc *doc = NULL;
		wp_doc_opts o = {0};
		o.changes = modes[m];
		if (wp_doc_open(&doc, env, path, &o, &d) == WP_OK && doc->p) {
			char what[512];
			snprintf(what, sizeof what, "%s, changes %zu", path, m);
			compare(what, doc->p, doc->profile);
			read = 1;
		}
		wp_doc_free(doc);
		wp_diags_clear(&d);
	}
	return read;
}

static size_t compare_glob(const char *pattern)
{
	glob_t g;
	size_t n = 0;
	if (glob(pattern, 0, NULL, &g) != 0)
		return 0;
	for (size_t i = 0; i < g.gl_pathc; i++)
		n += (size_t)compare_file(g.gl_pathv[i]);
	globfree(&g);
	return n;
}

static void test_write_html__same_bytes_as_the_template_on_every_source(void **state)
{
	(void)state;
	size_t n = compare_glob("input/*.md") + compare_glob("input/*.xml") + compare_glob("input/*.docx");
	/* (the Word sample is made from its parts by make docx-samples) */
	assert_true(n >= 9);
	size_t golden = compare_glob("tests/golden/*.md");
	assert_true(golden >= 2);
	n += golden + compare_glob("tests/fuzz/regress/read_md/*") + compare_glob("tests/fuzz/regress/pipeline/*") +
	     compare_glob("tests/fuzz/regress/read_xml/*");
	char seed[512];
	snprintf(seed, sizeof seed, "%s/ptc-work-programme-2022-2025.md", seeds_dir());
	if (compare_file(seed))
		n++;
	else
		printf("SKIPPED: no %s: the seed was not rendered both ways\n", seed);
	const char *extra = getenv("WPGEN_DIFF_GLOB");
	if (extra)
		n += compare_glob(extra);
	printf("the template and the native writer wrote the same bytes for %zu sources\n", n);
}

/* What a Markdown source can hold, in every place the layout treats
 * apart: front matter, the title block, headings, the guidance row (in
 * italics or already italic), several paragraphs in a cell, styles
 * nested and tracked changes with their author, links, breaks, text that
 * would start a block, notes and footnotes of several paragraphs. */
static void test_write_html__same_bytes_on_every_corner(void **state)
{
	(void)state;
	static const char *const cases[] = {
		"---\nprofile: wco-working-body\nbody: \"PTC: #1\"\nperiod: 2024-2026\nsession: 'PC \"x\"'\nas_of: 2025-03-01\n---\n"
		"# Title | with a pipe\n\nAnnex to\nDoc. *PC* 1\nRunning title\n\n"
		"Preamble\n\n# not a heading\n\n1. not a list\n\n## I. First\n\nIntro *text*\n\n" HDR12
		"| | *Question?* | guide **b** | *a* b | <b>x</b> | | x<br>y | <i>one</i><i>two</i> | | | | |\n"
		"| (Example) | A | Y | e | | | | | | | | |\n"
		"| 1. | A | Y | <p>first</p><p>second *it*</p> | **_both_** | <ins data-author=\"A &quot;B&quot;\" datetime=\"2024-01-02\">new</ins> "
		"| <del>old</del><ins>new</ins> | [a link](http://example.org/a|b) | <u>12</u> 11. | `code|x` | # hash<br>- dash | Green |\n"
		"| 2. | B | N | a\\|b \\* c | 1. x | <br>start | **b**<br>**c** | ~~gone~~ | &amp; &lt;x&gt; | | | Red |\n"
		"\nA note after the table\\\nwith a hard break, and **bold** at its end\n\n"
		"**1. bold** at a paragraph's start\n\n*# italic* too\n\n"
		"¹ First footnote.\n\n² Second *one*.\n",
		/* a guidance row in italics, then not: the layout keeps each */
		"## II. Second\n\n" HDR12 "| | *What?* | | **bold** only | plain | ***both*** | [*linked*](http://a) | | | | | |\n| 1. | A | Y | a | | | | | | | | |\n",
		/* what the serialiser keeps as it is in an attribute ('&{...}', a
		 * comment) and links of every kind */
		"## I. Marks\n\n" HDR12
		"| 1. | A | Y | <del data-author=\"x&amp;{y}z\">a</del> <ins data-author=\"&lt;!--c--&gt; it's\">b</ins> "
		"<ins data-author=\"&amp;{open\">c</ins> | [rel](a/b:c) [js](javascript:alert(1)) [m](MAILTO:x@y) "
		"[sp]( http://x/a%20b?c=d&e=f#g ) | | | | | | | Green |\n",
		/* a section of text only, and one with no numeral */
		"# T\n\n## I. Text only\n\nSome text\n\n## A heading with no numeral\n\n" HDR12
		"| 1. | A | Y | a | | | | | | | | |\n",
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		wp_diags d = {0};
		wp_profile *prof = test_profile();
		wp_programme *p = NULL;
		int rc = wp_read_md(&p, cases[i], strlen(cases[i]), "corner.md", prof, &d);
		for (size_t k = 0; rc != WP_OK && k < d.n; k++)
			fprintf(stderr, "corner case %zu: %s [%s]\n", i + 1, d.items[k].message, d.items[k].rule);
		assert_int_equal(rc, WP_OK);
		char what[64];
		snprintf(what, sizeof what, "corner case %zu", i + 1);
		compare(what, p, prof);
		wp_programme_free(p);
		wp_profile_free(prof);
		wp_diags_clear(&d);
	}
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
		assert_int_equal(wp_doc_open(&doc, env, g.gl_pathv[i], &o, &d), WP_OK);
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

/* Runs built by hand where no reader would build them, but a reader
 * could: plain runs side by side (a newline in one starts a line in the
 * next, as libxml2 merges their text nodes), a paragraph that starts
 * with a styled run, empty runs, a styled line break, a link on a
 * break. */
static void test_write_html__same_bytes_on_runs_side_by_side(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_profile *prof = test_profile();
	wp_programme *p = test_read("Title\n\nA paragraph.\n\n## I. S\n\n" HDR12 "| 1. | A | Y | a | | | | | | | | |\n", &d);
	static wp_run runs[] = {
		{WP_RUN_TEXT, 0, "line one\n", 9, NULL, NULL, NULL},
		{WP_RUN_TEXT, 0, "# two", 5, NULL, NULL, NULL},
		{WP_RUN_TEXT, WP_STYLE_STRONG, "b\n# x", 5, NULL, NULL, NULL},
		{WP_RUN_TEXT, 0, "", 0, NULL, NULL, NULL},
		{WP_RUN_TEXT, 0, "\n1. three", 9, NULL, NULL, NULL},
		{WP_RUN_BREAK, WP_STYLE_EM, "", 0, NULL, NULL, NULL},
		{WP_RUN_BREAK, 0, "", 0, "http://x", NULL, NULL},
		{WP_RUN_TEXT, WP_STYLE_DEL | WP_STYLE_CODE, "c|d\x01\x1f\te", 7, NULL, "Ann", NULL},
		/* (an XML source or a Word original can give an author any text) */
		{WP_RUN_TEXT, WP_STYLE_INS, "i", 1, NULL, "<!--c--> <b>", "2024"},
	};
	wp_para paras[3] = {{runs, 9, 9, {0, 0}, 0}, {runs + 2, 7, 7, {0, 0}, 0}, {runs + 3, 0, 0, {0, 0}, 0}};
	wp_field f = {paras, 3, 3, {0, 0}, {0, 0}, 0, 0, 0};
	p->preamble = f;
	p->sections[0].activities[0].fields[3] = f;
	p->sections[0].notes = f;
	compare("runs side by side", p, prof);
	/* a guidance cell of one styled break and nothing else */
	wp_field g[12];
	memset(g, 0, sizeof g);
	wp_para gp = {runs + 5, 1, 1, {0, 0}, 0};
	g[1].paras = &gp;
	g[1].nparas = 1;
	p->sections[0].guidance = g;
	compare("guidance of a break", p, prof);
	p->sections[0].guidance = NULL;
	memset(&p->preamble, 0, sizeof p->preamble);
	memset(&p->sections[0].notes, 0, sizeof p->sections[0].notes);
	memset(&p->sections[0].activities[0].fields[3], 0, sizeof(wp_field));
	wp_programme_free(p);
	wp_profile_free(prof);
	wp_diags_clear(&d);
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
	long n;
	for (n = 0; n < 10000; n++) {
		char *out = (char *)1;
		size_t len;
		wp_alloc_fail_after(n);
		int rc = wp_write_html(&out, &len, p, prof);
		wp_alloc_fail_after(-1);
		if (rc == WP_OK) {
			free(out);
			break;
		}
		assert_int_equal(rc, WP_ENOMEM);
		assert_null(out);
	}
	assert_true(n > 3); /* the status counts and the text allocate */
	assert_true(n < 10000);
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
	return cmocka_run_group_tests(tests, setup, teardown);
}
