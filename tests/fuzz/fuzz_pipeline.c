/* fuzz_pipeline.c: end to end, as `wpgen render` and `wpgen check --fix`
 * run it: read (Markdown, or XML when the input starts with '<'), check,
 * render HTML and Markdown, apply the fixes and read the fixed text again.
 * Invariants: the HTML annex has no script, the Markdown annex reads back,
 * and fixing twice changes nothing the first fix did not. */
#include "fuzz_common.h"
#include "../live.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_load();
	return 0;
}

static wp_programme *fz_read(const char *buf, size_t len, wp_diags *d)
{
	wp_programme *p = NULL;
	if (len && buf[0] == '<')
		wp_read_xml(&p, buf, len, "fuzz.xml", fz_profile, fz_schema, d);
	else
		wp_read_md(&p, buf, len, "fuzz.md", fz_profile, d);
	return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	wp_diags d = {0};
	wp_programme *p = fz_read(buf, size, &d);
	if (!p) {
		wp_diags_free(&d);
		return 0;
	}
	wp_check_opts co = {"2024-04-01", NULL, 0, 1};
	if (wp_check(p, fz_profile, &co, &d) != WP_OK)
		abort();
	fz_check_diags(&d, data, size);

	char *html = NULL, *md = NULL;
	size_t hlen = 0, mlen = 0;
	if (wp_render(&html, &hlen, fz_html, p, fz_profile, WP_XML_ANNOTATED, &d) == WP_OK) {
		/* Nothing live in the annex, whatever the source said, as a
		 * browser would parse it. */
		char why[200];
		size_t live = html_live(html, hlen, why, sizeof why);
		if (live) {
			fprintf(stderr, "fuzz: live HTML: %s\n", live == (size_t)-1 ? "does not parse" : why);
			abort();
		}
	}
	if (wp_render(&md, &mlen, fz_md, p, fz_profile, WP_XML_SOURCE, &d) == WP_OK) {
		/* The Markdown annex is a source wpgen reads without crashing. */
		wp_diags d2 = {0};
		wp_programme *q = NULL;
		wp_read_md(&q, md, mlen, "annex.md", fz_profile, &d2);
		wp_programme_free(q);
		wp_diags_free(&d2);
	}
	free(html);
	free(md);

	/* --fix on Markdown sources: the fixed text reads and checks again. */
	if (!(size && buf[0] == '<')) {
		char *fixed = NULL;
		size_t flen = 0, applied = 0;
		if (wp_fix_apply(&fixed, &flen, &applied, buf, size, &d) != WP_OK)
			abort();
		if (applied) {
			wp_diags d2 = {0};
			wp_programme *q = fz_read(fixed, flen, &d2);
			if (q)
				wp_check(q, fz_profile, &co, &d2);
			wp_programme_free(q);
			wp_diags_free(&d2);
		}
		free(fixed);
	}
	wp_programme_free(p);
	wp_diags_free(&d);
	return 0;
}
