/* template.c: annexes are XSLT templates over the canonical XML, run by
 * libxslt. A secretariat changes the layout by editing a template; no
 * recompilation. (The built-in annexes are written by write/html.c and
 * write/md.c, which the templates are held to for content.)
 * Templates may call two extension functions in the
 * namespace urn:wpgen:xslt:
 *   wp:yaml(string)     the string as a YAML scalar (front matter)
 *   wp:md-cell(string)  the string escaped for a GFM table cell
 *   wp:md-text(string [, at-line-start])  the string escaped for a Markdown
 *                       paragraph; at-line-start (default true) says whether
 *                       it begins a line, where block syntax must be escaped
 * so that reading the Markdown back gives the same text. */
#include "wpgen/wpgen.h"
#include "base/alloc.h"
#include "base/escape.h"
#include "base/util.h"

#include <errno.h>
#include "base/lazy.h" /* libxml2, libxslt, libzip: loaded on first use */
#include <pthread.h>
#include <string.h>

#define WP_XSLT_NS "urn:wpgen:xslt"

struct wp_template {
	xsltStylesheetPtr style;
	char *path;
};

/***** Markdown escaping *****/

/* Hands the buffer's text to XPath as the function's result. */
static void return_buf(xmlXPathParserContextPtr ctxt, wp_buf *b)
{
	wp_buf_put(b, "", 0);
	if (b->oom) {
		wp_buf_free(b);
		xmlXPathSetError(ctxt, XPATH_MEMORY_ERROR);
		return;
	}
	xmlXPathReturnString(ctxt, xmlStrdup(BAD_CAST b->data));
	wp_buf_free(b);
}

static void md_fn(xmlXPathParserContextPtr ctxt, int nargs, int cell)
{
	xmlChar *s;
	wp_buf b = {0};
	int line_start = 1;
	if (nargs != 1 && (cell || nargs != 2)) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	if (nargs == 2)
		line_start = xmlXPathPopBoolean(ctxt);
	s = xmlXPathPopString(ctxt);
	if (!s)
		return;
	esc_md(&b, (const char *)s, strlen((const char *)s), cell, line_start);
	xmlFree(s);
	return_buf(ctxt, &b);
}

static void md_cell(xmlXPathParserContextPtr ctxt, int nargs)
{
	md_fn(ctxt, nargs, 1);
}

static void md_text(xmlXPathParserContextPtr ctxt, int nargs)
{
	md_fn(ctxt, nargs, 0);
}

/* wp:yaml(s): s as a YAML scalar: plain when that is safe, else in
 * double quotes with escapes. */
static void yaml_fn(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlChar *s;
	wp_buf b = {0};
	if (nargs != 1) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	s = xmlXPathPopString(ctxt);
	if (!s)
		return;
	esc_yaml(&b, (const char *)s);
	xmlFree(s);
	return_buf(ctxt, &b);
}

/* wp:md-attr(s): s for a double-quoted attribute of an inline tag. */
static void md_attr(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlChar *s;
	wp_buf b = {0};
	if (nargs != 1) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	s = xmlXPathPopString(ctxt);
	if (!s)
		return;
	esc_md_attr(&b, (const char *)s);
	xmlFree(s);
	return_buf(ctxt, &b);
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static xsltDocLoaderFunc default_loader;

/* Every document libxslt loads for a template (xsl:import, xsl:include,
 * document()) is a local file, parsed without network, DTD or entities:
 * a template never reaches the network, at compile time nor at run time. */
static xmlDocPtr local_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt, xsltLoadType type)
{
	const char *u = (const char *)uri, *colon = u ? strstr(u, "://") : NULL;
	if (!u || (colon && !(colon - u == 4 && !strncmp(u, "file", 4))))
		return NULL;
	options |= XML_PARSE_NONET;
	options &= ~(XML_PARSE_NOENT | XML_PARSE_DTDLOAD | XML_PARSE_DTDATTR | XML_PARSE_DTDVALID | XML_PARSE_XINCLUDE);
	return default_loader(uri, dict, options, ctxt, type);
}

static void register_functions(void)
{
	default_loader = xsltDocDefaultLoader;
	xsltSetLoaderFunc(local_loader);
	/* the defaults every stylesheet compiles with: no network, no writes */
	xsltSecurityPrefsPtr sec = xsltNewSecurityPrefs();
	if (sec) {
		xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
		xsltSetSecurityPrefs(sec, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
		xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
		xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
		xsltSetDefaultSecurityPrefs(sec); /* kept for the process's life */
	}
	xsltRegisterExtModuleFunction(BAD_CAST "md-cell", BAD_CAST WP_XSLT_NS, md_cell);
	xsltRegisterExtModuleFunction(BAD_CAST "md-text", BAD_CAST WP_XSLT_NS, md_text);
	xsltRegisterExtModuleFunction(BAD_CAST "yaml", BAD_CAST WP_XSLT_NS, yaml_fn);
	xsltRegisterExtModuleFunction(BAD_CAST "md-attr", BAD_CAST WP_XSLT_NS, md_attr);
}

/***** errors from libxml2 and libxslt become diagnostics *****/

typedef struct errsink {
	wp_buf msg;
} errsink;

static void collect(void *ctx, const char *fmt, ...)
{
	errsink *e = ctx;
	va_list ap;
	va_start(ap, fmt);
	wp_buf_vprintf(&e->msg, fmt, ap);
	va_end(ap);
}

/* Adds what was collected as one diagnostic per non-blank line. */
static void flush_errors(errsink *e, wp_diags *d, const char *file, const char *rule)
{
	char *s = e->msg.data;
	while (s && *s) {
		char *nl = strchr(s, '\n');
		if (nl)
			*nl = '\0';
		size_t n = strlen(s);
		if (wp_trim(s, &n), n)
			wp_diags_add(d, file, 0, 0, WP_ERROR, rule, "%s", s);
		s = nl ? nl + 1 : NULL;
	}
	wp_buf_free(&e->msg);
}

static void structured(void *ctx, xmlErrorPtr err)
{
	errsink *e = ctx;
	if (err && err->message) {
		if (err->line > 0)
			wp_buf_printf(&e->msg, "line %d: ", err->line);
		wp_buf_puts(&e->msg, err->message);
		if (err->message[0] && err->message[strlen(err->message) - 1] != '\n')
			wp_buf_putc(&e->msg, '\n');
	}
}

/***** templates *****/

int wp_template_load(wp_template **out, const char *path, wp_diags *diags)
{
	*out = NULL;
	int lz = wp_lazy_need(WP_LAZY_XSLT, path, diags);
	if (lz != WP_OK)
		return lz;
	char *buf;
	size_t len;
	errsink e = {{0}};
	xmlDocPtr doc;
	int rc;
	unsigned long failed = wp_alloc_failures();

	*out = NULL;
	pthread_once(&once, register_functions);
	rc = wp_read_file(&buf, &len, path);
	if (rc == WP_EIO) {
		wp_diags_add(diags, path, 0, 0, WP_ERROR, "io.read", "cannot read template: %s", wp_read_why(errno));
		return rc;
	}
	if (rc != WP_OK)
		return rc;
	if (len > (size_t)0x7fffffff) {
		wp_free(buf);
		wp_diags_add(diags, path, 0, 0, WP_ERROR, "template.invalid", "template too large");
		return WP_EINPUT;
	}
	xmlSetStructuredErrorFunc(&e, structured);
	xsltSetGenericErrorFunc(&e, collect);
	/* Parsed from memory, never from the network. */
	doc = xmlReadMemory(buf, (int)len, path, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	wp_free(buf);
	xsltStylesheetPtr style = doc ? xsltParseStylesheetDoc(doc) : NULL;
	xmlSetStructuredErrorFunc(NULL, NULL);
	xsltSetGenericErrorFunc(NULL, NULL);
	if (wp_alloc_failures() != failed) {
		/* Out of memory somewhere in libxml2 or libxslt: whatever they
		 * built or said is not to be trusted. */
		if (style)
			xsltFreeStylesheet(style);
		else if (doc)
			xmlFreeDoc(doc);
		wp_buf_free(&e.msg);
		return WP_ENOMEM;
	}
	if (!style) {
		if (doc)
			xmlFreeDoc(doc);
		if (!e.msg.len)
			wp_buf_puts(&e.msg, "not a valid XSLT stylesheet");
		flush_errors(&e, diags, path, "template.invalid");
		return WP_EINPUT;
	}
	wp_buf_free(&e.msg);
	wp_template *t = wp_malloc(sizeof *t);
	char *p = wp_strdup(path);
	if (!t || !p) {
		wp_free(t);
		wp_free(p);
		xsltFreeStylesheet(style);
		return WP_ENOMEM;
	}
	t->style = style;
	t->path = p;
	*out = t;
	return WP_OK;
}

void wp_template_free(wp_template *t)
{
	if (!t)
		return;
	xsltFreeStylesheet(t->style);
	wp_free(t->path);
	wp_free(t);
}

static int render(char **out, size_t *len, const wp_template *t, const wp_programme *p, const wp_profile *profile,
		  wp_xml_flavour flavour, const wp_facts *facts, const char *status, wp_diags *diags);

int wp_render(char **out, size_t *len, const wp_template *t, const wp_programme *p,
	      const wp_profile *profile, wp_xml_flavour flavour, const wp_facts *facts, wp_diags *diags)
{
	return render(out, len, t, p, profile, flavour, facts, NULL, diags);
}

int wp_render_annex(char **out, size_t *len, const wp_template *t, const wp_programme *p,
		    const wp_profile *profile, wp_xml_flavour flavour, const wp_facts *facts, wp_diags *diags)
{
	char *status = NULL;
	size_t slen;
	wp_facts *own = NULL;
	int rc = WP_OK;
	if (!facts && (rc = wp_facts_new(&own, p, profile, WP_CHANGES_SHOW, p->as_of)) != WP_OK)
		return rc;
	if (!facts)
		facts = own;
	if (flavour == WP_XML_SOURCE && profile->ncolours && wp_programme_activities(p)) {
		rc = wp_status_write(&status, &slen, facts, p, profile, WP_STATUS_MD);
	} else if (flavour == WP_XML_SOURCE) {
		status = wp_strdup(""); /* (no summary; the other parameters still go) */
		rc = status ? WP_OK : WP_ENOMEM;
	}
	if (rc == WP_OK)
		rc = render(out, len, t, p, profile, flavour, facts, status, diags);
	free(status);
	wp_facts_free(own);
	return rc;
}

static int render(char **out, size_t *len, const wp_template *t, const wp_programme *p, const wp_profile *profile,
		  wp_xml_flavour flavour, const wp_facts *facts, const char *status, wp_diags *diags)
{
	void *vdoc;
	xmlDocPtr doc, res = NULL;
	xsltTransformContextPtr ctxt = NULL;
	xsltSecurityPrefsPtr sec = NULL;
	errsink e = {{0}};
	xmlChar *mem = NULL;
	int size = 0, rc;
	unsigned long failed = wp_alloc_failures();

	*out = NULL;
	*len = 0;
	rc = wp_write_xml_doc(&vdoc, p, profile, flavour, facts);
	if (rc != WP_OK)
		return rc;
	doc = vdoc;
	rc = WP_ENOMEM;
	ctxt = xsltNewTransformContext(t->style, doc);
	sec = xsltNewSecurityPrefs();
	if (!ctxt || !sec)
		goto done;
	/* A template reads what it likes of local files but writes nothing
	 * and fetches nothing. */
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
	xsltSetCtxtSecurityPrefs(sec, ctxt);
	xsltSetTransformErrorFunc(ctxt, &e, collect);
	/* the Markdown annex's status summary, and the words its reader knows
	 * the annex block by: strings (quoted as such) */
	if (status && (xsltQuoteOneUserParam(ctxt, BAD_CAST "status", BAD_CAST status) != 0 ||
		       xsltQuoteOneUserParam(ctxt, BAD_CAST "annex", BAD_CAST "yes") != 0))
		goto done;
	if (status && profile->annex_marker &&
	    xsltQuoteOneUserParam(ctxt, BAD_CAST "annex-marker", BAD_CAST profile->annex_marker) != 0)
		goto done;
	/* XPath and serialisation errors too: never libxml2's own stderr. */
	xmlSetStructuredErrorFunc(&e, structured);
	res = xsltApplyStylesheetUser(t->style, doc, NULL, NULL, NULL, ctxt);
	int state = ctxt->state;
	/* The result stands alone (its names are in the stylesheet's
	 * dictionary): the input and the context go before serialising, so
	 * that the two trees are never held with the text besides. */
	xsltFreeTransformContext(ctxt);
	ctxt = NULL;
	xmlFreeDoc(doc);
	doc = NULL;
	if (res && wp_alloc_failures() == failed && state == XSLT_STATE_OK)
		if (xsltSaveResultToString(&mem, &size, res, t->style) < 0)
			size = -1;
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (wp_alloc_failures() != failed)
		goto done; /* libxslt may have dropped output without an error */
	if (!res || state == XSLT_STATE_ERROR || state == XSLT_STATE_STOPPED) {
		if (!e.msg.len)
			wp_buf_puts(&e.msg, "the template failed");
		flush_errors(&e, diags, t->path, "template.failed");
		rc = WP_EINPUT;
		goto done;
	}
	if (size < 0)
		goto done;
	if (!mem) { /* an empty result */
		mem = xmlStrdup(BAD_CAST "");
		if (!mem)
			goto done;
	}
	/* libxml2 allocates through alloc.c (xmlMemSetup): its buffer is the
	 * caller's to wp_free, with no copy. */
	*out = (char *)mem;
	*len = (size_t)size;
	mem = NULL;
	rc = WP_OK;
done:
	wp_buf_free(&e.msg);
	xmlFree(mem);
	if (res)
		xmlFreeDoc(res);
	if (ctxt)
		xsltFreeTransformContext(ctxt);
	if (sec)
		xsltFreeSecurityPrefs(sec);
	if (doc)
		xmlFreeDoc(doc);
	return rc;
}
