/* fuzz_review.c: the review page of whatever a source holds, as `wpgen
 * review` writes it: read and checked through the document pipeline
 * (the wco-working-body profile), its findings placed on the cells.
 * Invariants: the page is written; nothing in it is live but its own
 * script (the last element of its body) and its filters' checkboxes, as
 * a browser would parse it; every finding is listed once. */
#include "fuzz_common.h"
#include "../live.h"

#include <libxml/xpath.h>

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

/* The items of the page's list of findings, as a browser parses it (the
 * text may hold anything that looks like one). */
static double items(const char *html, size_t len)
{
	htmlDocPtr doc = htmlReadMemory(html, (int)len, "review.html", "UTF-8",
					HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	if (!doc)
		return -1;
	xmlXPathContextPtr cx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r = cx ? xmlXPathEvalExpression(BAD_CAST "count(//section[@class='review']//ol[@class='findings']/li)", cx)
				 : NULL;
	double n = r && r->type == XPATH_NUMBER ? r->floatval : -1;
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(cx);
	xmlFreeDoc(doc);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	wp_diags d = {0};
	wp_doc *doc = NULL;
	wp_doc_opts o = {0};
	o.profile = "wco-working-body";
	o.check = 1;
	if (wp_doc_probe_mem(&doc, env, "fuzz.md", (const char *)data, size, &o, &d) != WP_OK ||
	    wp_doc_load(doc, env, &o, &d) != WP_OK || !doc->p) {
		wp_doc_free(doc);
		wp_diags_clear(&d);
		return 0;
	}
	wp_diags_sort(&d);
	char *html = NULL;
	size_t len = 0;
	if (wp_write_review(&html, &len, doc->p, doc->profile, doc->facts, &d) != WP_OK) {
		fprintf(stderr, "fuzz: the review page was not written\n");
		abort();
	}
	/* its own script and filters out, nothing live is left */
	char *copy = malloc(len + 1);
	if (!copy)
		abort();
	memcpy(copy, html, len);
	copy[len] = '\0';
	char *last = NULL;
	for (char *x = copy; (x = strstr(x, "<script>")) != NULL; x++)
		last = x;
	char *end = last ? strstr(last, "</script></body>") : NULL;
	if (!end) {
		fprintf(stderr, "fuzz: the review page's own script is not last\n");
		abort();
	}
	memmove(last, end + 9, strlen(end + 9) + 1);
	char *f = strstr(copy, "<fieldset class=\"filters\""), *fe = f ? strstr(f, "</fieldset>") : NULL;
	if (f && fe)
		memmove(f, fe + 11, strlen(fe + 11) + 1);
	char why[200];
	size_t live = html_live(copy, strlen(copy), why, sizeof why);
	if (live) {
		fprintf(stderr, "fuzz: live HTML on the review page: %s\n", live == (size_t)-1 ? "does not parse" : why);
		abort();
	}
	/* every finding listed once */
	double listed = items(html, len);
	if (listed != (double)d.n) {
		fprintf(stderr, "fuzz: %zu findings, %g listed\n", d.n, listed);
		abort();
	}
	free(copy);
	free(html);
	wp_doc_free(doc);
	wp_diags_clear(&d);
	return 0;
}
