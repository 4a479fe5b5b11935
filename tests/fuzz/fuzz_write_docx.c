/* fuzz_write_docx.c: the Word annex of whatever a source holds. The input
 * is read as a source (Markdown, wpgen's XML or a .docx, as wpgen render
 * reads it, with the wco-working-body profile), its Word annex written in
 * each version of its tracked changes, and read back. Invariants: the
 * writer succeeds (a programme always has a Word annex), the package is
 * one the reader opens (every part well-formed XML: a control character,
 * a surrogate or "]]>" in the text never breaks it), and what it reads as
 * reads without a crash. (That it is the same programme is
 * test_write_docx's, on every sample and corner.) */
#include "fuzz_common.h"
#include "wpgen/docx.h"

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

static void one(const char *buf, size_t len, wp_changes_mode mode)
{
	wp_diags d = {0};
	wp_doc *doc = NULL;
	wp_doc_opts o = {0};
	o.profile = "wco-working-body";
	o.changes = mode;
	if (wp_doc_probe_mem(&doc, env, "fuzz.md", buf, len, &o, &d) != WP_OK || wp_doc_load(doc, env, &o, &d) != WP_OK ||
	    !doc->p) {
		wp_doc_free(doc);
		wp_diags_clear(&d);
		return;
	}
	char *out = NULL, *md = NULL;
	size_t olen = 0, mlen = 0;
	int rc = wp_write_docx(&out, &olen, doc->p, doc->profile, doc->facts, NULL, &d);
	if (rc != WP_OK) {
		fprintf(stderr, "fuzz: the Word annex was not written (%d)\n", rc);
		abort();
	}
	wp_diags d2 = {0};
	wp_docx_map *map = NULL;
	if (wp_docx_to_md(&md, &mlen, &map, out, olen, "annex.docx", NULL, &d2) != WP_OK) {
		for (size_t i = 0; i < d2.n; i++)
			fprintf(stderr, "fuzz: %s\n", d2.items[i].message);
		fprintf(stderr, "fuzz: the Word annex does not read back\n");
		abort();
	}
	/* and the Markdown it reads as is a source the reader takes whole */
	wp_programme *q = NULL;
	wp_read_md(&q, md, mlen, "annex.md", doc->profile, &d2);
	wp_programme_free(q);
	wp_docx_map_free(map);
	wp_diags_clear(&d2);
	free(md);
	free(out);
	wp_doc_free(doc);
	wp_diags_clear(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	one((const char *)data, size, WP_CHANGES_SHOW);
	one((const char *)data, size, WP_CHANGES_ACCEPT);
	return 0;
}
