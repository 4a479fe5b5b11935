/* differ.h: a template held to its native writer, the reference for
 * content: both render every sample, every golden source, the fuzz
 * regressions, the seed (when ../shared is there) and the files
 * WPGEN_DIFF_GLOB names (a fuzz corpus, say), each in every version of its
 * tracked changes, and must say the same: every cell, note, count and
 * colour, compared as text (differ_content), not the same bytes: the
 * template is the customisation layer users copy and edit, and neither
 * carries the other's accidents of layout. The test defines how a
 * programme is rendered both ways (a differ_fn that calls differ_same). */
#ifndef WP_DIFFER_H
#define WP_DIFFER_H

#include "testutil.h"
#include "base/util.h" /* wp_buf */

#include <glob.h>

typedef void (*differ_fn)(const char *what, const wp_programme *p, const wp_profile *prof);
/* What an output says, as text (malloc'd). */
typedef char *(*differ_content)(const char *out, size_t len, const wp_profile *prof);

static wp_env *differ_env;
static wp_template *tpl; /* the template held to the writer */

/* The environment and the template (cmocka group set-up and tear-down). */
static int differ_setup(const char *template_path)
{
	wp_diags d = {0};
	int rc = wp_env_new(&differ_env, ".");
	if (rc == WP_OK)
		rc = wp_template_load(&tpl, template_path, &d);
	wp_diags_clear(&d);
	return rc == WP_OK ? 0 : -1;
}

static int differ_teardown(void **state)
{
	(void)state;
	wp_template_free(tpl);
	wp_env_free(differ_env);
	return 0;
}

/* Fails naming the first line where the two say different things. */
static void differ_same(const char *what, const char *want, size_t wlen, const char *got, size_t glen,
			const wp_profile *prof, differ_content content)
{
	char *a = content(want, wlen, prof), *b = content(got, glen, prof);
	if (strcmp(a, b) != 0) {
		const char *x = a, *y = b;
		size_t line = 1;
		while (*x && *x == *y) {
			line += *x == '\n';
			x++, y++;
		}
		while (x > a && x[-1] != '\n')
			x--, y--;
		fail_msg("%s: the template and the native writer say different things at line %zu of what they say\n"
			 "template: %.200s\nnative:   %.200s", what, line, x, y);
	}
	free(a);
	free(b);
}

/* Opens path in each version of its tracked changes and compares; 0 when
 * it is not a programme wpgen reads (a fuzz regression may not be). */
static int differ_file(const char *path, differ_fn fn)
{
	static const wp_changes_mode modes[] = {WP_CHANGES_SHOW, WP_CHANGES_ACCEPT, WP_CHANGES_REJECT};
	int read = 0;
	for (size_t m = 0; m < 3; m++) {
		wp_diags d = {0};
		wp_doc *doc = NULL;
		wp_doc_opts o = {0};
		o.changes = modes[m];
		if (wp_doc_open(&doc, differ_env, path, &o, &d) == WP_OK && doc->p) {
			char what[512];
			snprintf(what, sizeof what, "%s, changes %zu", path, m);
			fn(what, doc->p, doc->profile);
			read = 1;
		}
		wp_doc_free(doc);
		wp_diags_clear(&d);
	}
	return read;
}

static size_t differ_glob(const char *pattern, differ_fn fn)
{
	glob_t g;
	size_t n = 0;
	if (glob(pattern, 0, NULL, &g) != 0)
		return 0;
	for (size_t i = 0; i < g.gl_pathc; i++)
		n += (size_t)differ_file(g.gl_pathv[i], fn);
	globfree(&g);
	return n;
}

/* Every source the writer is held to; says how many. */
static void differ_every_source(differ_fn fn)
{
	size_t n = differ_glob("input/*.md", fn) + differ_glob("input/*.xml", fn) + differ_glob("input/*.docx", fn);
	/* (the Word sample is made from its parts by make docx-samples) */
	assert_true(n >= 9);
	size_t golden = differ_glob("tests/golden/*.md", fn);
	assert_true(golden >= 2);
	n += golden + differ_glob("tests/fuzz/regress/read_md/*", fn) + differ_glob("tests/fuzz/regress/pipeline/*", fn) +
	     differ_glob("tests/fuzz/regress/read_xml/*", fn);
	char seed[512];
	snprintf(seed, sizeof seed, "%s/ptc-work-programme-2022-2025.md", seeds_dir());
	if (differ_file(seed, fn))
		n++;
	else
		printf("SKIPPED: no %s: the seed was not rendered both ways\n", seed);
	const char *extra = getenv("WPGEN_DIFF_GLOB");
	if (extra)
		n += differ_glob(extra, fn);
	printf("the template and the native writer said the same for %zu sources\n", n);
}

/* What a Markdown source can hold, in every place the layout treats
 * apart: front matter, the title block, headings, the guidance row (in
 * italics or already italic), several paragraphs in a cell, styles
 * nested and tracked changes with their author, links, breaks, text that
 * would start a block, notes and footnotes of several paragraphs. */
static void differ_every_corner(differ_fn compare)
{
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

/* Runs built by hand where no reader would build them, but a reader
 * could: plain runs side by side (a newline in one starts a line in the
 * next, as libxml2 merges their text nodes), a paragraph that starts
 * with a styled run, empty runs, a styled line break, a link on a
 * break. */
static void differ_hand_built_runs(differ_fn compare)
{
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

/* A streamed writer's bytes, gathered: calls counts the sink's calls; the
 * sink refuses the one numbered fail_at (0: none). */
typedef struct gathered {
	wp_buf b;
	size_t calls, fail_at;
} gathered;

static inline int gather(void *ctx, const char *data, size_t len)
{
	gathered *g = ctx;
	if (++g->calls == g->fail_at)
		return -1;
	wp_buf_put(&g->b, data, len);
	return 0;
}

#endif
