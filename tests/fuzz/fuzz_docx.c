/* fuzz_docx.c: the Word reader, as `wpgen check programme.docx` runs it.
 *
 * A mutated ZIP mostly fails its checksums, so the input is, as a rule,
 * the package's XML parts: word/document.xml, then (after each NUL byte)
 * numbering.xml, footnotes.xml, header1.xml and theme1.xml, each
 * replacing the part of tests/docx/common; they are packed (stored, not
 * deflated) into a .docx in memory. An input that starts as a ZIP or an
 * OLE file does (PK, D0 CF) is given as it is, for the package checks.
 * Then: opened through the document pipeline, checked, rendered to HTML,
 * and every finding must say where it is in the document.
 * Invariants: no crash, no leak; a read document's findings each have a
 * place in Word (where), and the HTML annex has no script. */
#include "fuzz_common.h"
#include "../live.h"

#include <zip.h>

static wp_env *env;

/* The common parts (tests/docx/common), read once. */
static const char *const part_names[] = {
	"[Content_Types].xml",	      "_rels/.rels",	       "word/_rels/document.xml.rels",
	"word/styles.xml",	      "word/numbering.xml",    "word/footnotes.xml",
	"word/header1.xml",	      "word/theme/theme1.xml",
};
enum { NPARTS = sizeof part_names / sizeof part_names[0] };
static char *part_text[NPARTS];
static size_t part_len[NPARTS];
/* Which common part the input's segments 1.. replace. */
static const int segment_part[] = {4, 5, 6, 7};

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 12, n = 0, got;
	char *b = malloc(cap);
	while (b && (got = fread(b + n, 1, cap - n, f)) > 0)
		if ((n += got) == cap) {
			char *nb = realloc(b, cap *= 2);
			if (!nb) {
				free(b);
				b = NULL;
			}
			b = nb;
		}
	fclose(f);
	*len = n;
	return b;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_load();
	if (wp_env_new(&env, ".") != WP_OK)
		fz_die("an environment");
	for (int i = 0; i < NPARTS; i++) {
		char path[256];
		snprintf(path, sizeof path, "tests/docx/common/%s", part_names[i]);
		if (!(part_text[i] = slurp(path, &part_len[i])))
			fz_die(path);
	}
	return 0;
}

/* Adds bytes as name to z, stored; 0 or -1. */
static int add(zip_t *z, const char *name, const void *buf, size_t len)
{
	zip_source_t *s = zip_source_buffer(z, buf, len, 0);
	zip_int64_t idx = s ? zip_file_add(z, name, s, ZIP_FL_ENC_UTF_8) : -1;
	if (idx < 0) {
		zip_source_free(s);
		return -1;
	}
	return zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
}

/* The package made of the input's segments over the common parts, in
 * *out (malloc'd); 0 or -1. */
static int pack(char **out, size_t *outlen, const uint8_t *data, size_t size)
{
	const char *seg[1 + sizeof segment_part / sizeof segment_part[0]];
	size_t seglen[sizeof seg / sizeof seg[0]];
	size_t nseg = 0, start = 0;
	for (size_t i = 0; i <= size && nseg < sizeof seg / sizeof seg[0]; i++)
		if (i == size || data[i] == 0) {
			seg[nseg] = (const char *)data + start;
			seglen[nseg++] = i - start;
			start = i + 1;
		}
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_t *z = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
	int rc = z ? 0 : -1;
	if (!z && src)
		zip_source_free(src);
	if (z)
		zip_source_keep(src);
	for (int i = 0; rc == 0 && i < NPARTS; i++) {
		const char *b = part_text[i];
		size_t n = part_len[i];
		for (size_t k = 1; k < nseg; k++)
			if (segment_part[k - 1] == i) {
				b = seg[k];
				n = seglen[k];
			}
		rc = add(z, part_names[i], b, n);
	}
	if (rc == 0)
		rc = add(z, "word/document.xml", seg[0], seglen[0]);
	if (z && (rc != 0 || zip_close(z) != 0)) {
		zip_discard(z);
		rc = -1;
	}
	*out = NULL;
	zip_stat_t st;
	if (rc == 0 && zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0) {
		*out = malloc(st.size ? st.size : 1);
		zip_int64_t got = *out ? zip_source_read(src, *out, st.size) : -1;
		zip_source_close(src);
		if (got < 0 || (zip_uint64_t)got != st.size) {
			free(*out);
			*out = NULL;
			rc = -1;
		}
		*outlen = st.size;
	} else {
		rc = -1;
	}
	if (z)
		zip_source_free(src);
	zip_error_fini(&ze);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *pkg = NULL;
	size_t len = size;
	const char *buf = (const char *)data;
	int raw = size >= 2 && ((data[0] == 'P' && data[1] == 'K') || (data[0] == 0xD0 && data[1] == 0xCF));
	if (!raw) {
		if (pack(&pkg, &len, data, size) != 0)
			abort(); /* packing a few buffers cannot fail */
		buf = pkg;
	}
	wp_diags d = {0};
	wp_doc *doc = NULL;
	wp_doc_opts o = {0};
	o.profile = "wco-working-body";
	o.check = 1;
	o.as_of = "2024-04-01";
	if (wp_doc_probe_mem(&doc, env, "fuzz.docx", buf, len, &o, &d) == WP_OK &&
	    wp_doc_load(doc, env, &o, &d) == WP_OK) {
		/* A .docx has no lines: each finding about it says where it is. */
		for (size_t i = 0; i < d.n; i++)
			if (!d.items[i].rule || !d.items[i].message ||
			    (d.items[i].file && !strcmp(d.items[i].file, "fuzz.docx") && d.items[i].line &&
			     !d.items[i].where))
				abort();
		char *html = NULL;
		size_t hlen = 0;
		if (wp_render(&html, &hlen, fz_html, doc->p, fz_profile, WP_XML_ANNOTATED, NULL, &d) == WP_OK) {
			char why[200];
			size_t live = html_live(html, hlen, why, sizeof why);
			if (live) {
				fprintf(stderr, "fuzz: live HTML: %s\n", live == (size_t)-1 ? "does not parse" : why);
				abort();
			}
			/* nor in the native writer's */
			char *nat = NULL;
			size_t nlen = 0;
			if (wp_write_html(&nat, &nlen, doc->p, doc->profile, doc->facts) == WP_OK &&
			    (live = html_live(nat, nlen, why, sizeof why)) != 0) {
				fprintf(stderr, "fuzz: live HTML from the native writer: %s\n", live == (size_t)-1 ? "does not parse" : why);
				abort();
			}
			free(nat);
		}
		free(html);
	}
	wp_doc_free(doc);
	wp_diags_clear(&d);
	free(pkg);
	return 0;
}
