/* test_write_html.c: the native HTML writer, the reference, and the
 * template templates/annex-html.xsl (run by libxslt) held to it: the same
 * content (every cell with its colour, every row's change, every heading,
 * note and count, compared as text) on every sample, every golden source,
 * the fuzz regressions, the seed (when ../shared is there) and inputs
 * written to reach each corner of the layout. WPGEN_DIFF_GLOB adds files
 * (a fuzz corpus, say). */
#include "differ.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

static int setup(void **state)
{
	(void)state;
	return differ_setup("templates/annex-html.xsl");
}

static int block(const char *n)
{
	static const char *const blocks[] = {"p", "h1", "h2", "h3", "li", "td", "th", "tr", "div", "section", "header",
					     "figcaption", "caption", "table", "tbody", "thead", "body", NULL};
	for (size_t i = 0; blocks[i]; i++)
		if (!strcmp(n, blocks[i]))
			return 1;
	return 0;
}

/* The class tokens that say something (a colour, a change, an overdue
 * mark, an example), in order. */
static void said_classes(wp_buf *b, xmlNodePtr n)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST "class");
	char *save = NULL, *copy = v ? strdup((const char *)v) : NULL;
	for (char *t = copy ? strtok_r(copy, " ", &save) : NULL; t; t = strtok_r(NULL, " ", &save))
		if (!strncmp(t, "c-", 2) || !strncmp(t, "change-", 7) || !strcmp(t, "overdue") || !strcmp(t, "example"))
			wp_buf_printf(b, " [%s]", t);
	free(copy);
	xmlFree(v);
}

/* A schedule's timeline as it reads: each label and title on its line,
 * each mark with its kind (filled: on the day; hollow: the day to be
 * fixed) and where it stands, to the nearest pixel, as the as-of line. */
static void said_svg(wp_buf *b, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)n->name;
		if (!strcmp(name, "text") || !strcmp(name, "title")) {
			xmlChar *t = xmlNodeGetContent(n);
			wp_buf_printf(b, "svg %s: %s\n", name, t ? (const char *)t : "");
			xmlFree(t);
		} else if (!strcmp(name, "path") || !strcmp(name, "line")) {
			xmlChar *d = xmlGetProp(n, BAD_CAST(name[0] == 'p' ? "d" : "x1"));
			xmlChar *fill = xmlGetProp(n, BAD_CAST "fill"), *dash = xmlGetProp(n, BAD_CAST "stroke-dasharray");
			const char *at = d ? (const char *)d + (name[0] == 'p') : "";
			if (name[0] == 'p' || dash)
				wp_buf_printf(b, "svg %s %s at %.0f\n", name[0] == 'p' ? "mark" : "as-of line",
					      fill ? (const char *)fill : "", strtod(at, NULL));
			xmlFree(d);
			xmlFree(fill);
			xmlFree(dash);
		}
		said_svg(b, n->children);
	}
}

/* Text as it reads: white space collapsed, each block on its line. */
static void said_walk(wp_buf *b, xmlNodePtr n, int *gap)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE) {
			for (const char *c = (const char *)n->content; c && *c; c++) {
				if (*c == ' ' || *c == '\n' || *c == '\t' || *c == '\r') {
					*gap = 1;
					continue;
				}
				if (*gap && b->len && b->data[b->len - 1] != '\n')
					wp_buf_putc(b, ' ');
				*gap = 0;
				wp_buf_putc(b, *c);
			}
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)n->name;
		if (!strcmp(name, "head") || !strcmp(name, "style") || !strcmp(name, "script"))
			continue;
		if (!strcmp(name, "svg")) {
			if (b->len && b->data[b->len - 1] != '\n')
				wp_buf_putc(b, '\n');
			said_svg(b, n->children);
			continue;
		}
		int blk = block(name);
		if (blk && b->len && b->data[b->len - 1] != '\n')
			wp_buf_putc(b, '\n');
		if (blk)
			*gap = 0;
		if (blk || !strcmp(name, "span") || !strcmp(name, "ins") || !strcmp(name, "del")) {
			size_t at = b->len;
			said_classes(b, n);
			if (b->len > at)
				wp_buf_putc(b, ' ');
		}
		said_walk(b, n->children, gap);
		if (blk && b->len && b->data[b->len - 1] != '\n')
			wp_buf_putc(b, '\n');
	}
}

static char *html_said(const char *out, size_t len, const wp_profile *prof)
{
	(void)prof;
	wp_buf b = {0};
	int gap = 0;
	htmlDocPtr doc = htmlReadMemory(out, (int)len, "annex.html", "UTF-8", HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
									      HTML_PARSE_NONET);
	assert_non_null(doc);
	said_walk(&b, xmlDocGetRootElement(doc), &gap);
	xmlFreeDoc(doc);
	wp_buf_puts(&b, "");
	assert_false(b.oom);
	return wp_buf_detach(&b, NULL);
}

/* Both ways. */
static void compare(const char *what, const wp_programme *p, const wp_profile *prof)
{
	wp_diags d = {0};
	char *want = NULL, *got = NULL;
	size_t wlen, glen;
	assert_int_equal(wp_render_annex(&want, &wlen, tpl, p, prof, WP_XML_ANNOTATED, NULL, &d), WP_OK);
	assert_int_equal(wp_write_html(&got, &glen, p, prof, NULL), WP_OK);
	differ_same(what, want, wlen, got, glen, prof, html_said);
	/* and streamed, the same bytes */
	gathered g = {{0}, 0, 0};
	assert_int_equal(wp_write_html_stream(p, prof, NULL, gather, &g), WP_OK);
	if (g.b.len != glen || memcmp(g.b.data, got, glen))
		fail_msg("%s: the streamed HTML differs from the whole", what);
	wp_buf_free(&g.b);
	free(want);
	free(got);
	wp_diags_clear(&d);
}

static void test_write_html__same_content_as_the_template_on_every_source(void **state)
{
	(void)state;
	differ_every_source(compare);
}

static void test_write_html__same_content_on_every_corner(void **state)
{
	(void)state;
	differ_every_corner(compare);
}

/* The schedule's timeline: a label cut at 48 characters, a day to be
 * fixed, a date that is none, the as-of line, dates changed by tracked
 * changes (the due dates are the facts', @due in the XML). */
static void test_write_html__same_content_on_timelines(void **state)
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
		/* a date changed by a tracked change: the months span the new one */
		"# S\n\n## Work plan\n\n| No. | Task | Due by |\n|---|---|---|\n"
		"| 1. | One | <del>28/02/2025</del><ins>15/03/2025</ins> |\n| 2. | Two | 01/04/2025 |\n"
		"| 3. | Three | <del>xx/01/2025</del> xx/05/2025 |\n| 4. | Four | 31/02/2025 |\n",
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
		assert_int_equal(wp_write_html(&out, &len, p, prof, NULL), WP_OK);
		drawn += strstr(out, "<figure class=\"timeline\">") != NULL;
		free(out);
		wp_programme_free(p);
		wp_profile_free(prof);
		wp_diags_clear(&d);
	}
	assert_int_equal(drawn, 4);
}

static void test_write_html__same_content_on_runs_side_by_side(void **state)
{
	(void)state;
	differ_hand_built_runs(compare);
}

/* A programme of 2,000 rows (an annex of some 700 kB) streamed: handed
 * over in pieces, the same bytes; a sink that refuses a piece stops the
 * writer (WP_EIO) and is not called again. */
static void test_write_html__streamed_in_pieces(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_buf src = {0};
	wp_buf_puts(&src, "# T\n\n## I. S\n\n" HDR12);
	for (int i = 1; i <= 2000; i++)
		wp_buf_printf(&src, "| %d. | A | Y | Activity %d, a text of some length to write | | | | | | | 2024 | Green |\n", i, i);
	wp_profile *prof = test_profile();
	wp_programme *p = test_read(src.data, &d);
	char *whole;
	size_t len;
	assert_int_equal(wp_write_html(&whole, &len, p, prof, NULL), WP_OK);
	assert_true(len > 4 * WP_BUF_SPILL);
	gathered g = {{0}, 0, 0};
	assert_int_equal(wp_write_html_stream(p, prof, NULL, gather, &g), WP_OK);
	assert_true(g.calls > 4);
	assert_int_equal(g.b.len, len);
	assert_memory_equal(g.b.data, whole, len);
	for (size_t at = 1; at <= 3; at++) {
		gathered f = {{0}, 0, at};
		assert_int_equal(wp_write_html_stream(p, prof, NULL, gather, &f), WP_EIO);
		assert_int_equal(f.calls, at);
		wp_buf_free(&f.b);
	}
	wp_buf_free(&g.b);
	free(whole);
	wp_buf_free(&src);
	wp_programme_free(p);
	wp_profile_free(prof);
	wp_diags_clear(&d);
}

static int html_annex(char **out, size_t *len, const wp_programme *p, const wp_profile *prof)
{
	return wp_write_html(out, len, p, prof, NULL);
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
	long n = test_writer_oom(html_annex, p, prof);
	assert_true(n > 3); /* the status counts and the text allocate */
	wp_programme_free(p);
	wp_profile_free(prof);
	wp_diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write_html__same_content_as_the_template_on_every_source),
		cmocka_unit_test(test_write_html__same_content_on_every_corner),
		cmocka_unit_test(test_write_html__same_content_on_runs_side_by_side),
		cmocka_unit_test(test_write_html__same_content_on_timelines),
		cmocka_unit_test(test_write_html__oom_is_clean),
		cmocka_unit_test(test_write_html__streamed_in_pieces),
	};
	return cmocka_run_group_tests(tests, setup, differ_teardown);
}
