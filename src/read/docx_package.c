/* docx_package.c: a Word package opened from memory with libzip, each
 * part inflated only within the limits, its XML parsed without network,
 * DTD or entities; the relationships between parts (see docx_reader.h). */
#include "read/docx_reader.h"

static const unsigned char ole_magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

int wp_docx_sniff(const char *buf, size_t len)
{
	return (len >= 4 && !memcmp(buf, "PK\x03\x04", 4)) || (len >= 8 && !memcmp(buf, ole_magic, 8));
}

/***** the package *****/

int dx_pkg_say(pkg *k, const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = wp_diags_vadd(k->d, k->name, 0, 0, WP_ERROR, rule, fmt, ap);
	va_end(ap);
	return rc == WP_OK ? WP_EINPUT : WP_ENOMEM;
}

int dx_pkg_unreadable(pkg *k, const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = wp_diags_vadd(k->d, k->name, 0, 0, WP_ERROR, rule, fmt, ap);
	va_end(ap);
	return rc == WP_OK ? WP_EIO : WP_ENOMEM;
}

int dx_pkg_open(pkg *k, const char *buf, size_t len)
{
	zip_error_t err;
	zip_error_init(&err);
	if (len == 0)
		return dx_pkg_unreadable(k, "docx.invalid", "the file is empty: there is no Word document to read");
	if (len < 4 || memcmp(buf, "PK\x03\x04", 4) != 0) {
		if (!(len >= 8 && !memcmp(buf, ole_magic, 8)))
			return dx_pkg_unreadable(k, "docx.invalid", "this is not a Word document: a .docx is a ZIP package, and this file "
							  "is not one");
	}
	if (len >= 8 && !memcmp(buf, ole_magic, 8))
		return dx_pkg_unreadable(k, "docx.invalid",
			       "this is a Word 97-2003 document (.doc) or a password-protected .docx, not a .docx "
			       "wpgen can read: in Word, remove the password if there is one, then File > Save As > "
			       "Word Document (.docx)");
	zip_source_t *src = zip_source_buffer_create(buf, len, 0, &err);
	if (!src) {
		zip_error_fini(&err);
		return WP_ENOMEM;
	}
	k->zip = zip_open_from_source(src, ZIP_RDONLY, &err); /* (not ZIP_CHECKCONS: Word's own packages fail it) */
	if (!k->zip) {
		int code = zip_error_code_zip(&err);
		zip_source_free(src);
		zip_error_fini(&err);
		if (code == ZIP_ER_MEMORY)
			return WP_ENOMEM;
		return dx_pkg_unreadable(k, "docx.invalid", "this is not a Word document: it starts as a ZIP file, but %s",
			       code == ZIP_ER_NOZIP ? "it is not one" : zip_error_strerror(&err));
	}
	zip_error_fini(&err);
	return WP_OK;
}

/* Part p (a name in the package, without a leading '/'), inflated into a
 * malloc'd, NUL-terminated *out; *out NULL when the package has no such
 * part (an error unless optional). The limits hold before inflating. */
int dx_pkg_read(pkg *k, const char *p, char **out, size_t *len, int optional)
{
	zip_stat_t st;
	*out = NULL;
	*len = 0;
	zip_int64_t i = zip_name_locate(k->zip, p, 0);
	if (i < 0)
		return optional ? WP_OK : dx_pkg_unreadable(k, "docx.invalid", "this is not a Word document: its package has no %s", p);
	zip_stat_init(&st);
	if (zip_stat_index(k->zip, (zip_uint64_t)i, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
		return dx_pkg_unreadable(k, "docx.invalid", "the package's entry %s cannot be read: %s", p, zip_strerror(k->zip));
	zip_uint64_t size = st.size, comp = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : size;
	if (size > k->lim.docx_part)
		return dx_pkg_say(k, "docx.limit",
			       "%s is %llu bytes inflated, over the %zu bytes wpgen reads in one part (--limit docx-part=N "
			       "raises it)", p, (unsigned long long)size, k->lim.docx_part);
	if (size > k->lim.docx_total - k->total)
		return dx_pkg_say(k, "docx.limit",
			       "the parts read so far and %s inflate to over %zu bytes (--limit docx-total=N raises it)", p,
			       k->lim.docx_total);
	if (size > (1u << 20) && size / (comp ? comp : 1) > k->lim.docx_ratio)
		return dx_pkg_say(k, "docx.limit",
			       "%s inflates %llu bytes from %llu, a ratio over %zu: a ZIP bomb, not a Word document "
			       "(--limit docx-ratio=N raises it)", p, (unsigned long long)size, (unsigned long long)comp,
			       k->lim.docx_ratio);
	char *buf = wp_malloc((size_t)size + 1);
	if (!buf)
		return WP_ENOMEM;
	zip_file_t *f = zip_fopen_index(k->zip, (zip_uint64_t)i, 0);
	if (!f) {
		wp_free(buf);
		return dx_pkg_unreadable(k, "docx.invalid", "the package's entry %s cannot be opened: %s", p, zip_strerror(k->zip));
	}
	zip_uint64_t got = 0;
	zip_int64_t n = 0;
	while (got < size && (n = zip_fread(f, buf + got, size - got)) > 0)
		got += (zip_uint64_t)n;
	char extra;
	int more = got == size && zip_fread(f, &extra, 1) > 0; /* never past its declared size */
	int bad = n < 0 || got != size || more;
	const char *why = n < 0 ? zip_file_strerror(f) : more ? "it is longer than its entry says" : "it is cut short";
	if (bad) {
		int rc = dx_pkg_unreadable(k, "docx.invalid", "the package's entry %s is damaged: %s", p, why);
		zip_fclose(f);
		wp_free(buf);
		return rc;
	}
	zip_fclose(f);
	buf[size] = '\0';
	k->total += (size_t)size;
	*out = buf;
	*len = (size_t)size;
	return WP_OK;
}

/* A part's name from a relationship's target, relative to the folder of
 * the part that has the relationship ("word/" for word/document.xml):
 * "footnotes.xml" -> "word/footnotes.xml", "/word/x.xml" -> "word/x.xml",
 * "../customXml/item1.xml" -> "customXml/item1.xml". malloc'd. */
static char *part_name(const char *base, const char *target)
{
	wp_buf b = {0};
	if (target[0] == '/') {
		target++;
	} else {
		const char *slash = strrchr(base, '/');
		if (slash)
			wp_buf_put(&b, base, (size_t)(slash - base + 1));
	}
	wp_buf_puts(&b, target);
	if (b.oom)
		return NULL;
	/* collapse "x/../" and "./" */
	char *s = b.data, *w = s;
	for (char *r = s; *r;) {
		if (!strncmp(r, "./", 2)) {
			r += 2;
		} else if (!strncmp(r, "../", 3)) {
			r += 3;
			if (w > s) {
				w--;
				while (w > s && w[-1] != '/')
					w--;
			}
		} else {
			while (*r && *r != '/')
				*w++ = *r++;
			if (*r)
				*w++ = *r++;
		}
	}
	*w = '\0';
	return b.data;
}

/***** XML *****/

int dx_w_ns(const xmlNs *ns)
{
	return ns && ns->href && (!strcmp((const char *)ns->href, W_NS) || !strcmp((const char *)ns->href, W_NS_STRICT));
}

int dx_is_w(const xmlNode *n, const char *local)
{
	return n && n->type == XML_ELEMENT_NODE && dx_w_ns(n->ns) && !strcmp((const char *)n->name, local);
}

/* The value of attribute local in namespace ns1 or ns2 (NULL: none), or
 * NULL; the attribute's own text, not a copy. */
const char *dx_attr_ns(const xmlNode *n, const char *local, const char *ns1, const char *ns2)
{
	for (const xmlAttr *a = n ? n->properties : NULL; a; a = a->next) {
		if (strcmp((const char *)a->name, local))
			continue;
		const char *href = a->ns && a->ns->href ? (const char *)a->ns->href : NULL;
		if (ns1 ? href && (!strcmp(href, ns1) || (ns2 && !strcmp(href, ns2))) : !href)
			return a->children && a->children->type == XML_TEXT_NODE ? (const char *)a->children->content : "";
	}
	return NULL;
}

const char *dx_wattr(const xmlNode *n, const char *local)
{
	return dx_attr_ns(n, local, W_NS, W_NS_STRICT);
}

const xmlNode *dx_child(const xmlNode *n, const char *local)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (dx_is_w(c, local))
			return c;
	return NULL;
}

const char *dx_pstyle(const xmlNode *p)
{
	const xmlNode *ps = dx_child(dx_child(p, "pPr"), "pStyle");
	return ps ? dx_wattr(ps, "val") : NULL;
}

/* A w:b, w:i ... toggle: present and not "0", "false" or "off". */
int dx_on(const xmlNode *n)
{
	if (!n)
		return 0;
	const char *v = dx_wattr(n, "val");
	return !v || !(!strcmp(v, "0") || !strcmp(v, "false") || !strcmp(v, "off") || !strcmp(v, "none"));
}

int dx_toggle(const xmlNode *pr, const char *name)
{
	const xmlNode *t = dx_child(pr, name);
	return t ? dx_on(t) : -1;
}

void dx_on_xml_error(void *ctx, xmlErrorPtr e)
{
	parse_errors *pe = ctx;
	if (!e || e->level < XML_ERR_ERROR || pe->said)
		return;
	pe->said = 1;
	size_t n = e->message ? strlen(e->message) : 0;
	while (n && e->message[n - 1] == '\n')
		n--;
	if (e->line > 0)
		dx_pkg_unreadable(pe->k, "docx.xml", "%s is not well-formed XML (line %d): %.*s", pe->part, e->line, (int)n,
			e->message ? e->message : "");
	else /* (an encoding error: no line) */
		dx_pkg_unreadable(pe->k, "docx.xml", "%s is not well-formed XML: %.*s", pe->part, (int)n, e->message ? e->message : "");
}

static void refuse_dtd(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	xmlParserCtxtPtr c = ctx;
	(void)name;
	(void)ext;
	(void)sys;
	((parse_errors *)c->_private)->dtd = 1;
	xmlStopParser(c);
}

/* libxml2's generic error channel, which would print on stderr. */
void dx_quiet_generic(void *arg, const char *fmt, ...)
{
	(void)arg;
	(void)fmt;
}

/* A small part parsed whole; NULL when it is absent (optional) or was
 * refused (*rc says which). */
xmlDocPtr dx_part_xml(pkg *k, const char *p, int optional, int *rc)
{
	char *buf;
	size_t len;
	*rc = dx_pkg_read(k, p, &buf, &len, optional);
	if (*rc != WP_OK || !buf)
		return NULL;
	if (len > INT32_MAX) {
		wp_free(buf);
		*rc = dx_pkg_say(k, "docx.limit", "%s is over 2 GB", p);
		return NULL;
	}
	parse_errors pe = {k, p, 0, 0};
	xmlParserCtxtPtr c = xmlNewParserCtxt();
	xmlDocPtr doc = NULL;
	if (!c) {
		wp_free(buf);
		*rc = WP_ENOMEM;
		return NULL;
	}
	c->_private = &pe;
	c->sax->internalSubset = refuse_dtd;
	xmlSetStructuredErrorFunc(&pe, dx_on_xml_error);
	xmlSetGenericErrorFunc(NULL, dx_quiet_generic);
	doc = xmlCtxtReadMemory(c, buf, (int)len, p, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_HUGE);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlSetGenericErrorFunc(NULL, NULL);
	if (pe.dtd && !pe.said)
		*rc = dx_pkg_unreadable(k, "docx.xml", "%s has a document type declaration (DOCTYPE): Word writes none, and entities "
					     "from one could read files or expand without limit", p);
	else if (!doc || !c->wellFormed || pe.said)
		*rc = pe.said ? WP_EIO : dx_pkg_unreadable(k, "docx.xml", "%s is not well-formed XML", p);
	if (*rc != WP_OK && doc) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(c);
	wp_free(buf);
	return doc;
}

/***** relationships *****/

void dx_rels_free(rels *r)
{
	for (size_t i = 0; i < r->n; i++) {
		wp_free(r->v[i].id);
		wp_free(r->v[i].type);
		wp_free(r->v[i].target);
	}
	wp_free(r->v);
	memset(r, 0, sizeof *r);
}

/* The relationships of part p ("" for the package's). */
int dx_rels_read(pkg *k, const char *p, rels *out)
{
	wp_buf name = {0};
	const char *slash = strrchr(p, '/');
	if (slash)
		wp_buf_put(&name, p, (size_t)(slash - p + 1));
	wp_buf_printf(&name, "_rels/%s.rels", slash ? slash + 1 : p);
	if (name.oom)
		return WP_ENOMEM;
	int rc;
	xmlDocPtr doc = dx_part_xml(k, name.data, 1, &rc);
	wp_buf_free(&name);
	memset(out, 0, sizeof *out);
	if (!doc)
		return rc;
	const xmlNode *root = xmlDocGetRootElement(doc);
	size_t n = 0;
	for (const xmlNode *c = root ? root->children : NULL; c; c = c->next)
		n += c->type == XML_ELEMENT_NODE;
	out->v = wp_malloc((n ? n : 1) * sizeof *out->v);
	rc = out->v ? WP_OK : WP_ENOMEM;
	for (const xmlNode *c = root ? root->children : NULL; rc == WP_OK && c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "Relationship"))
			continue;
		const char *id = dx_attr_ns(c, "Id", NULL, NULL), *type = dx_attr_ns(c, "Type", NULL, NULL),
			   *target = dx_attr_ns(c, "Target", NULL, NULL), *mode = dx_attr_ns(c, "TargetMode", NULL, NULL);
		if (!id || !type || !target)
			continue;
		rel *r = &out->v[out->n];
		r->external = mode && !strcmp(mode, "External");
		r->id = wp_strdup(id);
		r->type = wp_strdup(type);
		r->target = r->external ? wp_strdup(target) : part_name(p, target);
		out->n++;
		if (!r->id || !r->type || !r->target)
			rc = WP_ENOMEM;
	}
	xmlFreeDoc(doc);
	return rc;
}

const rel *dx_rel_by_type(const rels *r, const char *suffix)
{
	size_t sl = strlen(suffix);
	for (size_t i = 0; i < r->n; i++) {
		size_t tl = strlen(r->v[i].type);
		if (tl >= sl && !strcmp(r->v[i].type + tl - sl, suffix))
			return &r->v[i];
	}
	return NULL;
}

const rel *dx_rel_by_id(const rels *r, const char *id)
{
	for (size_t i = 0; id && i < r->n; i++)
		if (!strcmp(r->v[i].id, id))
			return &r->v[i];
	return NULL;
}

