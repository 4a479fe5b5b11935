/* test_write_md.c: the native Markdown writer, the reference, and the
 * template templates/annex-md.xsl (run by libxslt) held to it: the same
 * content, as an annex and as convert's source (read back: every cell,
 * with its styles and tracked changes, every heading, note and footnote,
 * and the status table), on every sample, every golden source, the fuzz
 * regressions, the seed (when ../shared is there) and inputs written to
 * reach each corner of the layout. */
#include "differ.h"

static int setup(void **state)
{
	(void)state;
	return differ_setup("templates/annex-md.xsl");
}

static void said_field(wp_buf *b, const char *what, const wp_field *f)
{
	wp_buf_printf(b, "%s:", what);
	for (size_t i = 0; i < f->nparas; i++) {
		wp_buf_puts(b, i ? " ¶ " : " ");
		for (size_t j = 0; j < f->paras[i].nruns; j++) {
			const wp_run *r = &f->paras[i].runs[j];
			if (r->style || r->href)
				wp_buf_printf(b, "{%u%s%s}", r->style, r->href ? " " : "", r->href ? r->href : "");
			wp_buf_put(b, r->kind == WP_RUN_BREAK ? "<br>" : r->text, r->kind == WP_RUN_BREAK ? 4 : r->len);
		}
	}
	wp_buf_putc(b, '\n');
}

/* What a Markdown annex says, read back as a programme. */
static char *md_said(const char *out, size_t len, const wp_profile *prof)
{
	wp_buf b = {0};
	wp_diags d = {0};
	wp_programme *p = NULL;
	const char *st = strstr(out, WP_STATUS_MARK);
	if (st) {
		const char *end = strstr(st, "\n\n|");
		end = end ? strstr(end + 2, "\n\n") : NULL;
		wp_buf_put(&b, st, end ? (size_t)(end - st) : strlen(st));
		wp_buf_putc(&b, '\n');
	}
	if (wp_read_md(&p, out, len, "said.md", prof, &d) == WP_OK) {
		wp_buf_printf(&b, "title: %s\nannex: %s / %s\n", p->title ? p->title : "", p->annex_to ? p->annex_to : "",
			      p->running_title ? p->running_title : "");
		said_field(&b, "preamble", &p->preamble);
		for (size_t k = 0; k < p->nsections; k++) {
			const wp_section *s = &p->sections[k];
			wp_buf_printf(&b, "section %s %s\n", s->numeral ? s->numeral : "", s->title ? s->title : "");
			said_field(&b, "intro", &s->intro);
			for (size_t c = 0; c < s->ncolumns; c++)
				wp_buf_printf(&b, "column %s %d\n", s->columns[c].header ? s->columns[c].header : "", s->columns[c].mark);
			for (size_t c = 0; s->guidance && c < s->ncolumns; c++)
				said_field(&b, "guidance", &s->guidance[c]);
			for (size_t i = 0; i < s->nexamples; i++)
				for (size_t c = 0; c < s->ncolumns; c++)
					said_field(&b, "example", &s->examples[i].fields[c]);
			for (size_t i = 0; i < s->nactivities; i++)
				for (size_t c = 0; c < s->ncolumns; c++)
					said_field(&b, "cell", &s->activities[i].fields[c]);
			said_field(&b, "notes", &s->notes);
			said_field(&b, "report", &s->report);
		}
		for (size_t i = 0; i < p->nfootnotes; i++) {
			wp_buf_printf(&b, "footnote %d ", p->footnotes[i].mark);
			said_field(&b, "", &p->footnotes[i].text);
		}
	} else {
		wp_buf_puts(&b, "(not read back)\n");
		wp_buf_put(&b, out, len);
	}
	wp_programme_free(p);
	wp_diags_clear(&d);
	wp_buf_puts(&b, "");
	assert_false(b.oom);
	return wp_buf_detach(&b, NULL);
}

/* Both ways, as an annex and as a source. */
static void compare(const char *what, const wp_programme *p, const wp_profile *prof)
{
	for (int annex = 0; annex < 2; annex++) {
		wp_diags d = {0};
		char *want = NULL, *got = NULL;
		size_t wlen, glen;
		int rc = (annex ? wp_render_annex : wp_render)(&want, &wlen, tpl, p, prof, WP_XML_SOURCE, NULL, &d);
		assert_int_equal(rc, WP_OK);
		assert_int_equal(wp_write_md(&got, &glen, p, prof, annex, NULL), WP_OK);
		char name[512];
		snprintf(name, sizeof name, "%s (%s)", what, annex ? "annex" : "source");
		differ_same(name, want, wlen, got, glen, prof, md_said);
		/* and streamed, the same bytes */
		gathered g = {{0}, 0, 0};
		assert_int_equal(wp_write_md_stream(p, prof, annex, NULL, gather, &g), WP_OK);
		if (g.b.len != glen || memcmp(g.b.data, got, glen))
			fail_msg("%s: the streamed Markdown differs from the whole", name);
		wp_buf_free(&g.b);
		free(want);
		free(got);
		wp_diags_clear(&d);
	}
}

static void test_write_md__same_content_as_the_template_on_every_source(void **state)
{
	(void)state;
	differ_every_source(compare);
}

static void test_write_md__same_content_on_every_corner(void **state)
{
	(void)state;
	differ_every_corner(compare);
}

static void test_write_md__same_content_on_runs_side_by_side(void **state)
{
	(void)state;
	differ_hand_built_runs(compare);
}

static int md_annex(char **out, size_t *len, const wp_programme *p, const wp_profile *prof)
{
	return wp_write_md(out, len, p, prof, 1, NULL);
}

/* Every allocation that fails is WP_ENOMEM, with nothing returned and
 * nothing leaked (ASan checks the leaks in make test-asan). */
static void test_write_md__oom_is_clean(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_profile *prof = test_profile();
	wp_programme *p = test_read("---\nas_of: 2025-01-01\n---\n# T\n\n## I. S\n\n" HDR12
				    "| 1. | A | Y | <p>a</p><p>b</p> | | | | | | | 2024 | Green |\n", &d);
	long n = test_writer_oom(md_annex, p, prof);
	assert_true(n > 3); /* the status counts and the text allocate */
	wp_programme_free(p);
	wp_profile_free(prof);
	wp_diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write_md__same_content_as_the_template_on_every_source),
		cmocka_unit_test(test_write_md__same_content_on_every_corner),
		cmocka_unit_test(test_write_md__same_content_on_runs_side_by_side),
		cmocka_unit_test(test_write_md__oom_is_clean),
	};
	return cmocka_run_group_tests(tests, setup, differ_teardown);
}
