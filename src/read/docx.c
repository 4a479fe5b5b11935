/* docx.c: a Word document (.docx) read as wpgen's Markdown (see
 * wpgen/docx.h).
 *
 * The package is a ZIP file, opened from memory with libzip; each part is
 * inflated only after its declared size, the total so far and its
 * compression ratio pass the limits, and never past its declared size.
 * The small parts (relationships, numbering, footnotes, styles, theme,
 * headers) are parsed whole with libxml2; word/document.xml is streamed
 * with libxml2's reader, one paragraph or one table row at a time, so a
 * 50 MB document costs its rows' memory, not its whole tree's. No part is
 * parsed with network access, a DTD or entities.
 *
 * Output: the Markdown the one Markdown reader reads. Body paragraphs are
 * paragraphs (the first, or one styled Title, is the title; Heading
 * styles are headings), tables are HTML tables (rows marked as header
 * rows in <thead>), a cell's paragraphs <p>, its runs' bold, italic,
 * underline and strike <b> <i> <u> <s>, superscript <sup>, tracked
 * insertions and deletions (runs, moves, whole rows) <ins>/<del> with
 * data-author and datetime, a shaded cell data-fill (theme colours
 * resolved through the theme, tints and shades applied) and a highlight
 * data-highlight: the reader turns those into the status colour where
 * the column is the status. List numbers are computed as Word shows them
 * and written before the paragraph's text. Footnotes follow the
 * document as "¹ text" paragraphs, numbered in the order of their first
 * reference; the page header is the annex block before it. Each cell
 * and paragraph is one line of the Markdown, and the map remembers what
 * each line is. */
#include "wpgen/wpgen.h"
#include "wpgen/docx.h"
#include "base/alloc.h"
#include "base/escape.h"
#include "base/util.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <zip.h>

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_NS_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define R_NS_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships"
#define A_NS "http://schemas.openxmlformats.org/drawingml/2006/main"
#define A_NS_STRICT "http://purl.oclc.org/ooxml/drawingml/main"

static const unsigned char ole_magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

int wp_docx_sniff(const char *buf, size_t len)
{
	return (len >= 4 && !memcmp(buf, "PK\x03\x04", 4)) || (len >= 8 && !memcmp(buf, ole_magic, 8));
}

/***** the map: what each line of the Markdown is *****/

typedef enum { L_PARA, L_TABLE, L_ROW, L_CELL, L_FOOTNOTE, L_HEADER } line_kind;

typedef struct place {
	unsigned line;       /* the Markdown's line where it starts */
	line_kind kind;
	unsigned table, row; /* 1-based (L_TABLE, L_CELL) */
	unsigned col;        /* 1-based grid column (L_CELL) */
	unsigned n;          /* paragraph or footnote number */
	char *column;        /* the column's header text, or NULL */
	char *number;        /* the row's first cell, or NULL */
} place;

struct wp_docx_map {
	place *v;
	size_t n, cap;
};

void wp_docx_map_free(wp_docx_map *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++) {
		wp_free(m->v[i].column);
		wp_free(m->v[i].number);
	}
	wp_free(m->v);
	wp_free(m);
}

/***** the package *****/

typedef struct pkg {
	zip_t *zip;
	const char *name; /* the document's file name, for diagnostics */
	wp_diags *d;
	wp_limits lim;
	size_t total;     /* bytes inflated so far */
} pkg;

static int pkg_say(pkg *k, const char *rule, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int pkg_say(pkg *k, const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = wp_diags_vadd(k->d, k->name, 0, 0, WP_ERROR, rule, fmt, ap);
	va_end(ap);
	return rc == WP_OK ? WP_EINPUT : WP_ENOMEM;
}

static int pkg_open(pkg *k, const char *buf, size_t len)
{
	zip_error_t err;
	zip_error_init(&err);
	if (len == 0)
		return pkg_say(k, "docx.invalid", "the file is empty: there is no Word document to read");
	if (len < 4 || memcmp(buf, "PK\x03\x04", 4) != 0) {
		if (!(len >= 8 && !memcmp(buf, ole_magic, 8)))
			return pkg_say(k, "docx.invalid", "this is not a Word document: a .docx is a ZIP package, and this file "
							  "is not one");
	}
	if (len >= 8 && !memcmp(buf, ole_magic, 8))
		return pkg_say(k, "docx.invalid",
			       "this is a Word 97-2003 document (.doc) or a password-protected .docx, not a .docx "
			       "wpgen can read: in Word, remove the password if there is one, then File > Save As > "
			       "Word Document (.docx)");
	zip_source_t *src = zip_source_buffer_create(buf, len, 0, &err);
	if (!src) {
		zip_error_fini(&err);
		return WP_ENOMEM;
	}
	k->zip = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
	if (!k->zip) {
		int code = zip_error_code_zip(&err);
		zip_source_free(src);
		zip_error_fini(&err);
		if (code == ZIP_ER_MEMORY)
			return WP_ENOMEM;
		return pkg_say(k, "docx.invalid", "this is not a Word document: it starts as a ZIP file, but %s",
			       code == ZIP_ER_NOZIP ? "it is not one" : zip_error_strerror(&err));
	}
	zip_error_fini(&err);
	return WP_OK;
}

/* Part p (a name in the package, without a leading '/'), inflated into a
 * malloc'd, NUL-terminated *out; *out NULL when the package has no such
 * part (an error unless optional). The limits hold before inflating. */
static int pkg_read(pkg *k, const char *p, char **out, size_t *len, int optional)
{
	zip_stat_t st;
	*out = NULL;
	*len = 0;
	zip_int64_t i = zip_name_locate(k->zip, p, 0);
	if (i < 0)
		return optional ? WP_OK : pkg_say(k, "docx.invalid", "this is not a Word document: its package has no %s", p);
	zip_stat_init(&st);
	if (zip_stat_index(k->zip, (zip_uint64_t)i, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
		return pkg_say(k, "docx.invalid", "the package's entry %s cannot be read: %s", p, zip_strerror(k->zip));
	zip_uint64_t size = st.size, comp = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : size;
	if (size > k->lim.docx_part)
		return pkg_say(k, "docx.limit",
			       "%s is %llu bytes inflated, over the %zu bytes wpgen reads in one part (--limit docx-part=N "
			       "raises it)", p, (unsigned long long)size, k->lim.docx_part);
	if (size > k->lim.docx_total - k->total)
		return pkg_say(k, "docx.limit",
			       "the parts read so far and %s inflate to over %zu bytes (--limit docx-total=N raises it)", p,
			       k->lim.docx_total);
	if (size > (1u << 20) && size / (comp ? comp : 1) > k->lim.docx_ratio)
		return pkg_say(k, "docx.limit",
			       "%s inflates %llu bytes from %llu, a ratio over %zu: a ZIP bomb, not a Word document "
			       "(--limit docx-ratio=N raises it)", p, (unsigned long long)size, (unsigned long long)comp,
			       k->lim.docx_ratio);
	char *buf = wp_malloc((size_t)size + 1);
	if (!buf)
		return WP_ENOMEM;
	zip_file_t *f = zip_fopen_index(k->zip, (zip_uint64_t)i, 0);
	if (!f) {
		wp_free(buf);
		return pkg_say(k, "docx.invalid", "the package's entry %s cannot be opened: %s", p, zip_strerror(k->zip));
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
		int rc = pkg_say(k, "docx.invalid", "the package's entry %s is damaged: %s", p, why);
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

static int w_ns(const xmlNs *ns)
{
	return ns && ns->href && (!strcmp((const char *)ns->href, W_NS) || !strcmp((const char *)ns->href, W_NS_STRICT));
}

static int is_w(const xmlNode *n, const char *local)
{
	return n && n->type == XML_ELEMENT_NODE && w_ns(n->ns) && !strcmp((const char *)n->name, local);
}

/* The value of attribute local in namespace ns1 or ns2 (NULL: none), or
 * NULL; the attribute's own text, not a copy. */
static const char *attr_ns(const xmlNode *n, const char *local, const char *ns1, const char *ns2)
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

static const char *wattr(const xmlNode *n, const char *local)
{
	return attr_ns(n, local, W_NS, W_NS_STRICT);
}

static const xmlNode *child(const xmlNode *n, const char *local)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (is_w(c, local))
			return c;
	return NULL;
}

/* A w:b, w:i ... toggle: present and not "0", "false" or "off". */
static int on(const xmlNode *n)
{
	if (!n)
		return 0;
	const char *v = wattr(n, "val");
	return !v || !(!strcmp(v, "0") || !strcmp(v, "false") || !strcmp(v, "off") || !strcmp(v, "none"));
}

typedef struct parse_errors {
	pkg *k;
	const char *part;
	int said, dtd;
} parse_errors;

static void on_xml_error(void *ctx, xmlErrorPtr e)
{
	parse_errors *pe = ctx;
	if (!e || e->level < XML_ERR_ERROR || pe->said)
		return;
	pe->said = 1;
	size_t n = e->message ? strlen(e->message) : 0;
	while (n && e->message[n - 1] == '\n')
		n--;
	if (e->line > 0)
		pkg_say(pe->k, "docx.xml", "%s is not well-formed XML (line %d): %.*s", pe->part, e->line, (int)n,
			e->message ? e->message : "");
	else /* (an encoding error: no line) */
		pkg_say(pe->k, "docx.xml", "%s is not well-formed XML: %.*s", pe->part, (int)n, e->message ? e->message : "");
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
static void quiet_generic(void *arg, const char *fmt, ...)
{
	(void)arg;
	(void)fmt;
}

/* A small part parsed whole; NULL when it is absent (optional) or was
 * refused (*rc says which). */
static xmlDocPtr part_xml(pkg *k, const char *p, int optional, int *rc)
{
	char *buf;
	size_t len;
	*rc = pkg_read(k, p, &buf, &len, optional);
	if (*rc != WP_OK || !buf)
		return NULL;
	if (len > INT32_MAX) {
		wp_free(buf);
		*rc = pkg_say(k, "docx.limit", "%s is over 2 GB", p);
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
	xmlSetStructuredErrorFunc(&pe, on_xml_error);
	xmlSetGenericErrorFunc(NULL, quiet_generic);
	doc = xmlCtxtReadMemory(c, buf, (int)len, p, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlSetGenericErrorFunc(NULL, NULL);
	if (pe.dtd && !pe.said)
		*rc = pkg_say(k, "docx.xml", "%s has a document type declaration (DOCTYPE): Word writes none, and entities "
					     "from one could read files or expand without limit", p);
	else if (!doc || !c->wellFormed || pe.said)
		*rc = pe.said ? WP_EINPUT : pkg_say(k, "docx.xml", "%s is not well-formed XML", p);
	if (*rc != WP_OK && doc) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(c);
	wp_free(buf);
	return doc;
}

/***** relationships *****/

typedef struct rel {
	char *id, *type, *target; /* target: a part name, or a URL when external */
	int external;
} rel;

typedef struct rels {
	rel *v;
	size_t n;
} rels;

static void rels_free(rels *r)
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
static int rels_read(pkg *k, const char *p, rels *out)
{
	wp_buf name = {0};
	const char *slash = strrchr(p, '/');
	if (slash)
		wp_buf_put(&name, p, (size_t)(slash - p + 1));
	wp_buf_printf(&name, "_rels/%s.rels", slash ? slash + 1 : p);
	if (name.oom)
		return WP_ENOMEM;
	int rc;
	xmlDocPtr doc = part_xml(k, name.data, 1, &rc);
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
		const char *id = attr_ns(c, "Id", NULL, NULL), *type = attr_ns(c, "Type", NULL, NULL),
			   *target = attr_ns(c, "Target", NULL, NULL), *mode = attr_ns(c, "TargetMode", NULL, NULL);
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

static const rel *rel_by_type(const rels *r, const char *suffix)
{
	size_t sl = strlen(suffix);
	for (size_t i = 0; i < r->n; i++) {
		size_t tl = strlen(r->v[i].type);
		if (tl >= sl && !strcmp(r->v[i].type + tl - sl, suffix))
			return &r->v[i];
	}
	return NULL;
}

static const rel *rel_by_id(const rels *r, const char *id)
{
	for (size_t i = 0; id && i < r->n; i++)
		if (!strcmp(r->v[i].id, id))
			return &r->v[i];
	return NULL;
}

/***** list numbering (word/numbering.xml) *****/

typedef enum { F_DECIMAL, F_UPPER_ROMAN, F_LOWER_ROMAN, F_UPPER_LETTER, F_LOWER_LETTER, F_DECIMAL_ZERO, F_NONE } num_fmt;

typedef struct level {
	int start;
	num_fmt fmt;
	char *text;      /* "%1." */
	int is_list;     /* defined */
} level;

typedef struct abstract {
	long id;
	level lv[9];
	int now[9], was[9];       /* counters: the new version, the old */
	int now_on[9], was_on[9]; /* a level started */
} abstract;

typedef struct numdef {
	long id;
	size_t abs;               /* index in abstracts */
	int start_override[9];    /* -1: none */
	int overridden;           /* the override was applied */
} numdef;

typedef struct numbering {
	abstract *a;
	size_t na;
	numdef *n;
	size_t nn;
} numbering;

static void numbering_free(numbering *nb)
{
	for (size_t i = 0; i < nb->na; i++)
		for (int l = 0; l < 9; l++)
			wp_free(nb->a[i].lv[l].text);
	wp_free(nb->a);
	wp_free(nb->n);
	memset(nb, 0, sizeof *nb);
}

static num_fmt fmt_of(const char *v)
{
	if (!v || !strcmp(v, "decimal"))
		return F_DECIMAL;
	if (!strcmp(v, "upperRoman"))
		return F_UPPER_ROMAN;
	if (!strcmp(v, "lowerRoman"))
		return F_LOWER_ROMAN;
	if (!strcmp(v, "upperLetter"))
		return F_UPPER_LETTER;
	if (!strcmp(v, "lowerLetter"))
		return F_LOWER_LETTER;
	if (!strcmp(v, "decimalZero"))
		return F_DECIMAL_ZERO;
	return F_NONE; /* bullet, none, and what wpgen does not draw */
}

static int int_attr(const xmlNode *n, int dflt)
{
	const char *v = wattr(n, "val");
	if (!v)
		return dflt;
	long x = strtol(v, NULL, 10);
	return x < -1000000 || x > 1000000 ? dflt : (int)x;
}

static void level_read(level *lv, const xmlNode *l)
{
	lv->is_list = 1;
	lv->start = int_attr(child(l, "start"), 1);
	lv->fmt = fmt_of(wattr(child(l, "numFmt"), "val"));
	const char *t = wattr(child(l, "lvlText"), "val");
	wp_free(lv->text);
	lv->text = t ? wp_strdup(t) : NULL;
}

static int numbering_read(pkg *k, const char *p, numbering *nb)
{
	int rc;
	memset(nb, 0, sizeof *nb);
	if (!p)
		return WP_OK;
	xmlDocPtr doc = part_xml(k, p, 1, &rc);
	if (!doc)
		return rc;
	const xmlNode *root = xmlDocGetRootElement(doc);
	size_t na = 0, nn = 0;
	for (const xmlNode *c = root ? root->children : NULL; c; c = c->next) {
		na += is_w(c, "abstractNum");
		nn += is_w(c, "num");
	}
	nb->a = wp_malloc((na ? na : 1) * sizeof *nb->a);
	nb->n = wp_malloc((nn ? nn : 1) * sizeof *nb->n);
	rc = nb->a && nb->n ? WP_OK : WP_ENOMEM;
	for (const xmlNode *c = root ? root->children : NULL; rc == WP_OK && c; c = c->next) {
		if (is_w(c, "abstractNum")) {
			abstract *a = &nb->a[nb->na++];
			memset(a, 0, sizeof *a);
			a->id = strtol(wattr(c, "abstractNumId") ? wattr(c, "abstractNumId") : "-1", NULL, 10);
			for (const xmlNode *l = c->children; l; l = l->next) {
				int il = is_w(l, "lvl") && wattr(l, "ilvl") ? atoi(wattr(l, "ilvl")) : -1;
				if (il >= 0 && il < 9)
					level_read(&a->lv[il], l);
			}
		}
	}
	for (const xmlNode *c = root ? root->children : NULL; rc == WP_OK && c; c = c->next) {
		if (!is_w(c, "num"))
			continue;
		numdef *d = &nb->n[nb->nn];
		memset(d, 0, sizeof *d);
		d->id = strtol(wattr(c, "numId") ? wattr(c, "numId") : "-1", NULL, 10);
		long aid = strtol(wattr(child(c, "abstractNumId"), "val") ? wattr(child(c, "abstractNumId"), "val") : "-1",
				  NULL, 10);
		size_t ai = 0;
		while (ai < nb->na && nb->a[ai].id != aid)
			ai++;
		if (ai == nb->na)
			continue; /* a num without its list: no numbers */
		d->abs = ai;
		for (int l = 0; l < 9; l++)
			d->start_override[l] = -1;
		for (const xmlNode *o = c->children; o; o = o->next) {
			int il = is_w(o, "lvlOverride") && wattr(o, "ilvl") ? atoi(wattr(o, "ilvl")) : -1;
			if (il < 0 || il >= 9)
				continue;
			const xmlNode *so = child(o, "startOverride");
			if (so)
				d->start_override[il] = int_attr(so, 1);
			const xmlNode *lv = child(o, "lvl");
			if (lv) {
				level_read(&nb->a[ai].lv[il], lv);
				if (!nb->a[ai].lv[il].text && lv)
					rc = WP_OK; /* a level without text shows nothing */
			}
		}
		nb->nn++;
	}
	xmlFreeDoc(doc);
	return rc;
}

static void roman(wp_buf *b, int v, int upper)
{
	static const struct {
		int v;
		const char *s;
	} r[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"},
		 {50, "l"},    {40, "xl"},  {10, "x"},  {9, "ix"},   {5, "v"},   {4, "iv"}, {1, "i"}};
	if (v <= 0 || v >= 4000) {
		wp_buf_printf(b, "%d", v);
		return;
	}
	for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
		while (v >= r[i].v) {
			for (const char *s = r[i].s; *s; s++)
				wp_buf_putc(b, upper ? (char)toupper((unsigned char)*s) : *s);
			v -= r[i].v;
		}
}

static void format_counter(wp_buf *b, int v, num_fmt f)
{
	switch (f) {
	case F_UPPER_ROMAN:
	case F_LOWER_ROMAN:
		roman(b, v, f == F_UPPER_ROMAN);
		break;
	case F_UPPER_LETTER:
	case F_LOWER_LETTER:
		if (v <= 0) {
			wp_buf_printf(b, "%d", v);
		} else { /* a..z, then aa..zz, as Word does */
			int times = (v - 1) / 26 + 1;
			char ch = (char)((f == F_UPPER_LETTER ? 'A' : 'a') + (v - 1) % 26);
			for (int i = 0; i < times; i++)
				wp_buf_putc(b, ch);
		}
		break;
	case F_DECIMAL_ZERO:
		wp_buf_printf(b, "%02d", v);
		break;
	case F_NONE:
		break;
	default:
		wp_buf_printf(b, "%d", v);
	}
}

static void label_of(const abstract *a, int ilvl, const int *cnt, wp_buf *label)
{
	for (const char *t = a->lv[ilvl].text; *t; t++) {
		if (t[0] == '%' && t[1] >= '1' && t[1] <= '9') {
			int l = t[1] - '1';
			format_counter(label, l <= ilvl ? cnt[l] : 0, a->lv[l].fmt == F_NONE ? F_DECIMAL : a->lv[l].fmt);
			t++;
		} else {
			wp_buf_putc(label, *t);
		}
	}
}

/* Counts paragraph (numId, ilvl) in the new version (unless deleted) and
 * in the old one (unless inserted); the labels it shows in each, in
 * *label ("11.", "I."; the new version's, the old's for a deleted one)
 * and *old (the old version's where the paragraph is in both and the
 * label differs there: a renumbering tracked changes made; else empty).
 * Empty labels for no list, a bullet, or an unknown list. */
static void list_label(numbering *nb, long num_id, int ilvl, int deleted, int inserted, wp_buf *label, wp_buf *old)
{
	label->len = old->len = 0;
	if (label->data)
		label->data[0] = '\0';
	if (old->data)
		old->data[0] = '\0';
	if (num_id <= 0 || ilvl < 0 || ilvl > 8)
		return;
	size_t i = 0;
	while (i < nb->nn && nb->n[i].id != num_id)
		i++;
	if (i == nb->nn)
		return;
	numdef *d = &nb->n[i];
	abstract *a = &nb->a[d->abs];
	if (!d->overridden) {
		/* a num that restarts its list: from its override on */
		d->overridden = 1;
		for (int l = 0; l < 9; l++)
			if (d->start_override[l] >= 0) {
				a->now_on[l] = a->was_on[l] = 0;
				a->lv[l].start = d->start_override[l];
			}
	}
	if (!deleted) {
		a->now[ilvl] = a->now_on[ilvl] ? a->now[ilvl] + 1 : a->lv[ilvl].start;
		a->now_on[ilvl] = 1;
		for (int l = ilvl + 1; l < 9; l++)
			a->now_on[l] = 0;
	}
	if (!inserted) {
		a->was[ilvl] = a->was_on[ilvl] ? a->was[ilvl] + 1 : a->lv[ilvl].start;
		a->was_on[ilvl] = 1;
		for (int l = ilvl + 1; l < 9; l++)
			a->was_on[l] = 0;
	}
	if (!a->lv[ilvl].is_list || a->lv[ilvl].fmt == F_NONE || !a->lv[ilvl].text)
		return;
	label_of(a, ilvl, deleted ? a->was : a->now, label);
	if (!deleted && !inserted) {
		label_of(a, ilvl, a->was, old);
		if (old->len == label->len && (!old->len || !memcmp(old->data, label->data, old->len)))
			old->len = 0;
	}
}

/***** styles and theme *****/

typedef struct style {
	char *id;
	int heading;      /* 0, or 1..9 for "heading N", -1 for "Title" */
	long num_id;      /* the list a style numbers its paragraphs with, 0: none */
	int ilvl;
} style;

typedef struct styles {
	style *v;
	size_t n;
} styles;

static void styles_free(styles *s)
{
	for (size_t i = 0; i < s->n; i++)
		wp_free(s->v[i].id);
	wp_free(s->v);
	memset(s, 0, sizeof *s);
}

static int styles_read(pkg *k, const char *p, styles *out)
{
	int rc;
	memset(out, 0, sizeof *out);
	if (!p)
		return WP_OK;
	xmlDocPtr doc = part_xml(k, p, 1, &rc);
	if (!doc)
		return rc;
	const xmlNode *root = xmlDocGetRootElement(doc);
	size_t n = 0;
	for (const xmlNode *c = root ? root->children : NULL; c; c = c->next)
		n += is_w(c, "style");
	out->v = wp_malloc((n ? n : 1) * sizeof *out->v);
	rc = out->v ? WP_OK : WP_ENOMEM;
	for (const xmlNode *c = root ? root->children : NULL; rc == WP_OK && c; c = c->next) {
		const char *id = is_w(c, "style") ? wattr(c, "styleId") : NULL;
		if (!id)
			continue;
		style *s = &out->v[out->n];
		memset(s, 0, sizeof *s);
		const char *nm = wattr(child(c, "name"), "val");
		if (nm && !strcasecmp(nm, "title"))
			s->heading = -1;
		else if (nm && !strncasecmp(nm, "heading ", 8) && nm[8] >= '1' && nm[8] <= '9' && !nm[9])
			s->heading = nm[8] - '0';
		const xmlNode *np = child(child(c, "pPr"), "numPr");
		s->num_id = np ? strtol(wattr(child(np, "numId"), "val") ? wattr(child(np, "numId"), "val") : "0", NULL, 10)
			       : 0;
		s->ilvl = np ? int_attr(child(np, "ilvl"), 0) : 0;
		if (!(s->id = wp_strdup(id)))
			rc = WP_ENOMEM;
		out->n++;
	}
	xmlFreeDoc(doc);
	return rc;
}

static const style *style_find(const styles *s, const char *id)
{
	for (size_t i = 0; id && i < s->n; i++)
		if (!strcmp(s->v[i].id, id))
			return &s->v[i];
	return NULL;
}

typedef struct theme {
	char rgb[12][7];    /* per slot (dk1 lt1 dk2 lt2 accent1..6 hlink folHlink): "RRGGBB" or "" */
} theme;

static const char *const theme_slots[12] = {"dk1",     "lt1",     "dk2",     "lt2",     "accent1", "accent2",
					    "accent3", "accent4", "accent5", "accent6", "hlink",   "folHlink"};

static int hex6(const char *v)
{
	if (!v || strlen(v) != 6)
		return 0;
	for (int i = 0; i < 6; i++)
		if (!isxdigit((unsigned char)v[i]))
			return 0;
	return 1;
}

static int theme_read(pkg *k, const char *p, theme *t)
{
	int rc;
	memset(t, 0, sizeof *t);
	if (!p)
		return WP_OK;
	xmlDocPtr doc = part_xml(k, p, 1, &rc);
	if (!doc)
		return rc;
	/* a:theme/a:themeElements/a:clrScheme/a:accent1/a:srgbClr@val */
	const xmlNode *n = xmlDocGetRootElement(doc);
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "themeElements"))
			for (const xmlNode *s = c->children; s; s = s->next)
				if (s->type == XML_ELEMENT_NODE && !strcmp((const char *)s->name, "clrScheme"))
					for (const xmlNode *col = s->children; col; col = col->next) {
						if (col->type != XML_ELEMENT_NODE)
							continue;
						for (int i = 0; i < 12; i++)
							if (!strcmp((const char *)col->name, theme_slots[i]))
								for (const xmlNode *v = col->children; v; v = v->next) {
									const char *rgb = v->type == XML_ELEMENT_NODE
												  ? attr_ns(v, !strcmp((const char *)v->name, "sysClr") ? "lastClr" : "val", NULL, NULL)
												  : NULL;
									if (hex6(rgb))
										memcpy(t->rgb[i], rgb, 7);
								}
					}
	xmlFreeDoc(doc);
	return WP_OK;
}

/* A w:themeFill name's slot: "accent6" -> 9; "text1"/"dark1" -> dk1 ... */
static int theme_slot(const char *v)
{
	static const struct {
		const char *name;
		int slot;
	} alias[] = {{"dark1", 0}, {"text1", 0}, {"light1", 1}, {"background1", 1}, {"dark2", 2}, {"text2", 2},
		     {"light2", 3}, {"background2", 3}, {"hyperlink", 10}, {"followedHyperlink", 11}};
	for (int i = 0; v && i < 12; i++)
		if (!strcmp(v, theme_slots[i]))
			return i;
	for (size_t i = 0; v && i < sizeof alias / sizeof alias[0]; i++)
		if (!strcmp(v, alias[i].name))
			return alias[i].slot;
	return -1;
}

/* A theme colour with w:themeFillTint (towards white) or ...Shade
 * (towards black), both hex bytes, as Word applies them. */
static void tint_shade(char out[7], const char *rgb, const char *tint, const char *shade)
{
	unsigned c[3];
	for (int i = 0; i < 3; i++) {
		char h[3] = {rgb[2 * i], rgb[2 * i + 1], 0};
		c[i] = (unsigned)strtoul(h, NULL, 16);
		if (tint && strlen(tint) == 2 && isxdigit((unsigned char)tint[0]) && isxdigit((unsigned char)tint[1])) {
			unsigned t = (unsigned)strtoul(tint, NULL, 16);
			c[i] = 255 - (255 - c[i]) * t / 255;
		}
		if (shade && strlen(shade) == 2 && isxdigit((unsigned char)shade[0]) && isxdigit((unsigned char)shade[1])) {
			unsigned s = (unsigned)strtoul(shade, NULL, 16);
			c[i] = c[i] * s / 255;
		}
	}
	snprintf(out, 7, "%02X%02X%02X", c[0] & 255, c[1] & 255, c[2] & 255);
}

/***** the converter *****/

typedef struct footnote {
	long id;     /* w:id in word/footnotes.xml */
	int mark;    /* its number in the document: the order of first reference */
} footnote;

typedef struct conv {
	pkg *k;
	wp_buf out;           /* the Markdown */
	unsigned line;        /* the line out ends on (1-based) */
	wp_docx_map *map;
	rels rels;            /* the main part's */
	numbering nb;
	styles st;
	theme th;
	xmlDocPtr notes;      /* word/footnotes.xml, or NULL */
	footnote *fn;
	size_t nfn, fncap;
	char *header_part;    /* the default page header's part */
	unsigned paras, tables;
	int title_done;       /* a title has been written */
	int oom;
	/* the table being read */
	unsigned row;         /* rows read in it */
	int in_head;          /* inside <thead> */
	int body_open;        /* <tbody> written */
	char **heads;         /* its columns' header texts (from the last header row), per grid column */
	size_t nheads;
	char **vmerge;        /* per grid column: the cell a vertical merge continues, as written */
	size_t nvmerge;
	wp_buf label, old_label; /* scratch: a list label, and the old version's when it differs */
} conv;

static void emit(conv *cv, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		cv->line += s[i] == '\n';
	wp_buf_put(&cv->out, s, n);
	if (cv->out.oom)
		cv->oom = 1;
}

static void emits(conv *cv, const char *s)
{
	emit(cv, s, strlen(s));
}

static place *place_add(conv *cv, line_kind kind)
{
	wp_docx_map *m = cv->map;
	if (m->n == m->cap) {
		size_t nc = m->cap ? m->cap * 2 : 64;
		place *v = wp_realloc(m->v, nc * sizeof *v);
		if (!v) {
			cv->oom = 1;
			return NULL;
		}
		m->v = v;
		m->cap = nc;
	}
	place *p = &m->v[m->n++];
	memset(p, 0, sizeof *p);
	p->line = cv->line;
	p->kind = kind;
	return p;
}

/* The mark a footnote reference shows: its number in order of first
 * reference. */
static int footnote_mark(conv *cv, long id)
{
	for (size_t i = 0; i < cv->nfn; i++)
		if (cv->fn[i].id == id)
			return cv->fn[i].mark;
	if (cv->nfn == cv->fncap) {
		size_t nc = cv->fncap ? cv->fncap * 2 : 16;
		footnote *f = wp_realloc(cv->fn, nc * sizeof *f);
		if (!f) {
			cv->oom = 1;
			return 0;
		}
		cv->fn = f;
		cv->fncap = nc;
	}
	cv->fn[cv->nfn].id = id;
	cv->fn[cv->nfn].mark = (int)cv->nfn + 1;
	return cv->fn[cv->nfn++].mark;
}

static const char *const sup_digit[10] = {"\u2070", "\u00B9", "\u00B2", "\u00B3", "\u2074",
					   "\u2075", "\u2076", "\u2077", "\u2078", "\u2079"};

/* A footnote mark: <sup>N</sup> in a cell, superscript digits in a
 * paragraph (the Markdown reader's two ways of writing one). */
static void put_mark(wp_buf *b, int mark, int html)
{
	if (html) {
		wp_buf_printf(b, "<sup>%d</sup>", mark);
		return;
	}
	char digits[16];
	int n = snprintf(digits, sizeof digits, "%d", mark);
	for (int i = 0; i < n; i++)
		wp_buf_puts(b, sup_digit[digits[i] - '0']);
}

/* Inline state while walking a paragraph's runs. */
typedef struct inl {
	conv *cv;
	wp_buf *b;
	int html;             /* a cell (HTML) or a paragraph (Markdown) */
	const char *change;   /* "ins", "del" or NULL: the tracked change around */
	const char *author, *date;
	char *highlight;      /* the first highlight colour met (malloc'd), for the cell */
	int at_start;         /* a Markdown paragraph's start: block syntax is escaped */
	int header;           /* the page header: tabs and breaks end lines */
} inl;

/* Text, escaped for where it goes; newlines become spaces (each cell
 * and paragraph is one line). */
static void put_text(inl *x, const char *s, size_t n)
{
	if (!n)
		return;
	if (x->html) {
		for (size_t i = 0; i < n;) {
			size_t j = i;
			while (j < n && s[j] != '\n' && s[j] != '\r')
				j++;
			esc_html(x->b, s + i, j - i);
			if (j < n) {
				wp_buf_putc(x->b, ' ');
				j++;
			}
			i = j;
		}
	} else {
		esc_md(x->b, s, n, 1, x->at_start); /* newlines as spaces */
		x->at_start = 0;
	}
}

static void open_tag(inl *x, const char *tag, const char *author, const char *date)
{
	wp_buf_printf(x->b, "<%s", tag);
	if (author) {
		wp_buf_puts(x->b, " data-author=\"");
		if (x->html)
			esc_html(x->b, author, strlen(author));
		else
			esc_md_attr(x->b, author);
		wp_buf_puts(x->b, "\"");
	}
	if (date) {
		wp_buf_puts(x->b, " datetime=\"");
		if (x->html)
			esc_html(x->b, date, strlen(date));
		else
			esc_md_attr(x->b, date);
		wp_buf_puts(x->b, "\"");
	}
	wp_buf_puts(x->b, ">");
}

static void walk_inline(inl *x, const xmlNode *n);

/* <ins>/<del> around a whole cell (a row inserted or deleted). */
static void change_tag(wp_buf *b, const char *tag, const xmlNode *change)
{
	inl x = {NULL, b, 1, NULL, NULL, NULL, NULL, 0, 0};
	open_tag(&x, tag, wattr(change, "author"), wattr(change, "date"));
}

/* The paragraphs of the text boxes inside a drawing (w:txbxContent, at
 * any depth, whatever the drawing's own namespaces), as plain text. */
static void textbox_text(inl *x, const xmlNode *n, wp_buf *text)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_w(c, "txbxContent")) {
			for (const xmlNode *p = c->children; p; p = p->next)
				if (is_w(p, "p")) {
					xmlChar *t = xmlNodeGetContent(p);
					if (t && *t) {
						if (text->len && text->data[text->len - 1] != ' ')
							wp_buf_putc(text, ' ');
						wp_buf_puts(text, (const char *)t);
					}
					xmlFree(t);
				}
		} else {
			textbox_text(x, c, text);
		}
	}
}

/* One run: its properties around its text, breaks, tabs, marks. */
static void run(inl *x, const xmlNode *r)
{
	const xmlNode *pr = child(r, "rPr");
	int b = on(child(pr, "b")), i = on(child(pr, "i")), s = on(child(pr, "strike")) || on(child(pr, "dstrike"));
	const xmlNode *un = child(pr, "u");
	int u = un && on(un);
	const char *va = wattr(child(pr, "vertAlign"), "val");
	int sup = va && !strcmp(va, "superscript");
	const char *hl = wattr(child(pr, "highlight"), "val");
	if (hl && strcmp(hl, "none") && !x->highlight && !(x->highlight = wp_strdup(hl)))
		x->cv->oom = 1;
	wp_buf text = {0};
	for (const xmlNode *c = r->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || !w_ns(c->ns))
			continue;
		/* (a field's code is w:instrText, its result runs of w:t: the
		 * result is read, the code is not) */
		const char *nm = (const char *)c->name;
		if (!strcmp(nm, "t") || !strcmp(nm, "delText")) {
			xmlChar *t = xmlNodeGetContent(c);
			if (t)
				wp_buf_puts(&text, (const char *)t);
			xmlFree(t);
		} else if (!strcmp(nm, "tab") || !strcmp(nm, "ptab")) {
			wp_buf_putc(&text, x->header ? '\n' : ' ');
		} else if (!strcmp(nm, "noBreakHyphen")) {
			wp_buf_putc(&text, '-');
		} else if (!strcmp(nm, "br") || !strcmp(nm, "cr")) {
			const char *t = wattr(c, "type");
			if (t && strcmp(t, "textWrapping"))
				continue; /* a page or column break: layout */
			wp_buf_putc(&text, '\n'); /* a line break, written below */
		} else if (!strcmp(nm, "drawing") || !strcmp(nm, "pict") || !strcmp(nm, "object")) {
			/* a text box's paragraphs are text of the cell (its picture is not) */
			textbox_text(x, c, &text);
		} else if (!strcmp(nm, "footnoteReference")) {
			const char *id = wattr(c, "id");
			int mark = id ? footnote_mark(x->cv, strtol(id, NULL, 10)) : 0;
			if (mark)
				wp_buf_printf(&text, "\x01%d\x02", mark); /* placed below, as a mark */
		}
	}
	if (text.oom) {
		x->cv->oom = 1;
		wp_buf_free(&text);
		return;
	}
	if (!text.len) {
		wp_buf_free(&text);
		return;
	}
	const char *tags[5];
	int nt = 0;
	if (b)
		tags[nt++] = "b";
	if (i)
		tags[nt++] = "i";
	if (u)
		tags[nt++] = "u";
	if (s)
		tags[nt++] = "s";
	if (sup && x->html)
		tags[nt++] = "sup";
	for (int k = 0; k < nt; k++)
		open_tag(x, tags[k], NULL, NULL);
	for (size_t p = 0; p < text.len;) {
		size_t q = p;
		while (q < text.len && text.data[q] != '\n' && text.data[q] != '\x01')
			q++;
		if (sup && !x->html) {
			/* superscript digits in a paragraph: the marks they stand for */
			for (size_t z = p; z < q; z++) {
				if (isdigit((unsigned char)text.data[z]))
					wp_buf_puts(x->b, sup_digit[text.data[z] - '0']);
				else
					put_text(x, text.data + z, 1);
			}
		} else {
			put_text(x, text.data + p, q - p);
		}
		if (q < text.len && text.data[q] == '\n') {
			wp_buf_puts(x->b, x->header ? "\n" : "<br>");
			x->at_start = x->header;
			q++;
		} else if (q < text.len && text.data[q] == '\x01') {
			int mark = (int)strtol(text.data + q + 1, NULL, 10);
			put_mark(x->b, mark, x->html);
			while (q < text.len && text.data[q] != '\x02')
				q++;
			q++;
		}
		p = q;
	}
	for (int k = nt - 1; k >= 0; k--)
		wp_buf_printf(x->b, "</%s>", tags[k]);
	wp_buf_free(&text);
}

/* A tracked change around runs: <ins>/<del> with its author and date. */
static void change(inl *x, const xmlNode *n, const char *kind)
{
	const char *saved = x->change, *sa = x->author, *sd = x->date;
	int nested = saved != NULL;
	if (!nested)
		open_tag(x, kind, wattr(n, "author"), wattr(n, "date"));
	x->change = kind;
	x->author = wattr(n, "author");
	x->date = wattr(n, "date");
	walk_inline(x, n);
	x->change = saved;
	x->author = sa;
	x->date = sd;
	if (!nested)
		wp_buf_printf(x->b, "</%s>", kind);
}

static void walk_inline(inl *x, const xmlNode *n)
{
	for (const xmlNode *c = n->children; c && !x->cv->oom; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *nm = (const char *)c->name;
		if (!w_ns(c->ns)) {
			if (!strcmp(nm, "AlternateContent")) {
				/* mc: Word shows the first choice it understands, else the
				 * fallback; a choice whose runs wpgen reads is taken */
				size_t before = x->b->len;
				for (const xmlNode *f = c->children; f && x->b->len == before; f = f->next)
					if (f->type == XML_ELEMENT_NODE &&
					    (!strcmp((const char *)f->name, "Choice") || !strcmp((const char *)f->name, "Fallback")))
						walk_inline(x, f);
			}
			continue;
		}
		if (!strcmp(nm, "r")) {
			run(x, c);
		} else if (!strcmp(nm, "ins") || !strcmp(nm, "moveTo")) {
			change(x, c, "ins");
		} else if (!strcmp(nm, "del") || !strcmp(nm, "moveFrom")) {
			change(x, c, "del");
		} else if (!strcmp(nm, "hyperlink")) {
			const rel *r = rel_by_id(&x->cv->rels, attr_ns(c, "id", R_NS, R_NS_STRICT));
			if (r && r->external && x->html) {
				wp_buf_puts(x->b, "<a href=\"");
				esc_html(x->b, r->target, strlen(r->target));
				wp_buf_puts(x->b, "\">");
				walk_inline(x, c);
				wp_buf_puts(x->b, "</a>");
			} else {
				walk_inline(x, c);
			}
		} else if (!strcmp(nm, "fldSimple") || !strcmp(nm, "smartTag") || !strcmp(nm, "customXml") ||
			   !strcmp(nm, "sdtContent") || !strcmp(nm, "bdo") || !strcmp(nm, "dir")) {
			walk_inline(x, c);
		} else if (!strcmp(nm, "sdt")) {
			const xmlNode *content = child(c, "sdtContent");
			if (content)
				walk_inline(x, content);
		}
		/* pPr, bookmarks, comments' ranges, proofing marks: nothing shown */
	}
}

/* The paragraph's list number (numPr, or its style's), and whether its
 * mark is a tracked deletion or insertion. */
static void para_props(conv *cv, const xmlNode *p, long *num_id, int *ilvl, int *heading, int *mark_del, int *mark_ins)
{
	const xmlNode *pp = child(p, "pPr");
	const style *s = style_find(&cv->st, wattr(child(pp, "pStyle"), "val"));
	const xmlNode *np = child(pp, "numPr");
	*heading = s ? s->heading : 0;
	*num_id = s ? s->num_id : 0;
	*ilvl = s ? s->ilvl : 0;
	if (np) {
		const char *id = wattr(child(np, "numId"), "val");
		if (id)
			*num_id = strtol(id, NULL, 10);
		if (child(np, "ilvl"))
			*ilvl = int_attr(child(np, "ilvl"), 0);
	}
	const xmlNode *rpr = child(pp, "rPr");
	*mark_del = child(rpr, "del") != NULL;
	*mark_ins = child(rpr, "ins") != NULL;
}

/* A paragraph's text (inline markup included) into b; a list label
 * before it. Returns the label's length (0: none). */
static size_t para_inline(conv *cv, const xmlNode *p, wp_buf *b, int html, int row_del, int row_ins, char **highlight,
			  int *heading)
{
	long num_id;
	int ilvl, mark_del, mark_ins;
	para_props(cv, p, &num_id, &ilvl, heading, &mark_del, &mark_ins);
	int del = row_del || mark_del, ins = row_ins || mark_ins;
	list_label(&cv->nb, num_id, ilvl, del, ins, &cv->label, &cv->old_label);
	if (cv->label.oom || cv->old_label.oom)
		cv->oom = 1;
	size_t lab = cv->label.len;
	if (lab) {
		/* rows inserted or deleted above renumber a list: the old number
		 * deleted, the new inserted, as a tracked renumbering reads */
		if (cv->old_label.len) {
			wp_buf_puts(b, "<del>");
			if (html)
				esc_html(b, cv->old_label.data, cv->old_label.len);
			else
				esc_md(b, cv->old_label.data, cv->old_label.len, 1, 0);
			wp_buf_puts(b, "</del><ins>");
		}
		if (html)
			esc_html(b, cv->label.data, lab);
		else
			esc_md(b, cv->label.data, lab, 1, !cv->old_label.len);
		if (cv->old_label.len)
			wp_buf_puts(b, "</ins>");
		wp_buf_putc(b, ' ');
	}
	/* inside a row inserted or deleted whole, the cell is already marked */
	inl x = {cv, b, html, row_del ? "del" : row_ins ? "ins" : NULL, NULL, NULL, NULL, !html && !lab, 0};
	walk_inline(&x, p);
	if (highlight && x.highlight && !*highlight)
		*highlight = x.highlight;
	else
		wp_free(x.highlight);
	return lab;
}

static char *plain(const char *s, size_t max);

/* "11." a list shows against "12." typed after it: which is meant? */
static void list_vs_typed(conv *cv, const char *label, const char *text, size_t lab)
{
	if (!label || !text || !isdigit((unsigned char)label[0]))
		return;
	char *typed = plain(text + lab, 40);
	if (!typed) {
		cv->oom = 1;
		return;
	}
	const char *t = typed;
	long l = strtol(label, NULL, 10), v = isdigit((unsigned char)*t) ? strtol(t, NULL, 10) : l;
	wp_free(typed);
	if (l != v)
		wp_diags_add(cv->k->d, cv->k->name, cv->line, 1, WP_WARNING, "docx.list-number",
			     "Word shows %s from its list numbering, and the text typed after it starts with %ld: the cell "
			     "reads both; delete the typed number, or take the paragraph out of the list", label, v);
}

/* Plain text of a fragment of HTML or Markdown markup as the new version
 * has it: tags, marks and deleted text dropped, entities as they are. For
 * headers and row numbers in locations. */
static char *plain(const char *s, size_t max)
{
	wp_buf b = {0};
	int tag = 0, sup = 0, del = 0;
	for (; *s && b.len < max; s++) {
		if (*s == '<') {
			tag = 1;
			if (!strncmp(s, "<sup>", 5))
				sup = 1;
			else if (!strncmp(s, "</sup>", 6))
				sup = 0;
			else if (!strncmp(s, "<del", 4) && (s[4] == '>' || s[4] == ' '))
				del++;
			else if (!strncmp(s, "</del>", 6) && del)
				del--;
		} else if (*s == '>' && tag) {
			tag = 0;
		} else if (!tag && !sup && !del && *s != '\\') {
			wp_buf_putc(&b, *s);
		}
	}
	size_t n = b.len;
	const char *t = b.data ? wp_trim(b.data, &n) : "";
	char *r = wp_malloc(n + 1);
	if (r) {
		memcpy(r, t, n);
		r[n] = '\0';
	}
	wp_buf_free(&b);
	return r;
}

/***** body paragraphs *****/

static void body_para(conv *cv, const xmlNode *p)
{
	wp_buf b = {0};
	int heading;
	size_t lab = para_inline(cv, p, &b, 0, 0, 0, NULL, &heading);
	size_t n = b.len;
	if (b.oom) {
		cv->oom = 1;
		wp_buf_free(&b);
		return;
	}
	if (!n || (wp_trim(b.data, &n), !n)) {
		wp_buf_free(&b);
		return; /* an empty paragraph: spacing */
	}
	if (lab)
		list_vs_typed(cv, cv->label.data, b.data, lab + 1);
	cv->paras++;
	place *pl = place_add(cv, L_PARA);
	if (pl)
		pl->n = cv->paras;
	if (heading == -1 || (!cv->title_done && !cv->tables && heading <= 1)) {
		emits(cv, "# ");
		cv->title_done = 1;
	} else if (heading > 0) {
		emits(cv, "## ");
	}
	emit(cv, b.data, b.len);
	emits(cv, "\n\n");
	wp_buf_free(&b);
}

/***** tables *****/

static void table_begin(conv *cv)
{
	cv->tables++;
	cv->row = 0;
	cv->in_head = 0;
	cv->body_open = 0;
	for (size_t i = 0; i < cv->nvmerge; i++) {
		wp_free(cv->vmerge[i]);
		cv->vmerge[i] = NULL;
	}
	place *pl = place_add(cv, L_TABLE);
	if (pl)
		pl->table = cv->tables;
	emits(cv, "<table>\n");
}

static void table_end(conv *cv)
{
	if (cv->in_head)
		emits(cv, "</thead>\n");
	else if (cv->body_open)
		emits(cv, "</tbody>\n");
	emits(cv, "</table>\n\n");
	cv->in_head = cv->body_open = 0;
}

/* Keeps s (malloc'd, taken) at index i of a growable array of strings. */
static void slot_set(conv *cv, char ***v, size_t *n, size_t i, char *s)
{
	if (i >= *n) {
		size_t nn = i + 8;
		char **g = wp_realloc(*v, nn * sizeof *g);
		if (!g) {
			cv->oom = 1;
			wp_free(s);
			return;
		}
		memset(g + *n, 0, (nn - *n) * sizeof *g);
		*v = g;
		*n = nn;
	}
	wp_free((*v)[i]);
	(*v)[i] = s;
}

/* A cell's content, its paragraphs as <p> when there are several; nested
 * tables' paragraphs as paragraphs of the cell. */
static void cell_paras(conv *cv, const xmlNode *tc, wp_buf *b, int row_del, int row_ins, char **highlight,
		       size_t *nparas, int *first_label)
{
	for (const xmlNode *c = tc->children; c && !cv->oom; c = c->next) {
		if (is_w(c, "p")) {
			wp_buf one = {0};
			int heading;
			size_t lab = para_inline(cv, c, &one, 1, row_del, row_ins, highlight, &heading);
			if (lab && *nparas == 0) {
				*first_label = 1;
				list_vs_typed(cv, cv->label.data, one.data, lab + 1);
			}
			size_t n = one.len;
			if (one.len && (wp_trim(one.data, &n), n)) {
				wp_buf_puts(b, "<p>");
				wp_buf_put(b, one.data, one.len);
				wp_buf_puts(b, "</p>");
				(*nparas)++;
			}
			if (one.oom)
				cv->oom = 1;
			wp_buf_free(&one);
		} else if (is_w(c, "tbl") || is_w(c, "tr") || is_w(c, "tc") || is_w(c, "sdt") || is_w(c, "sdtContent") ||
			   is_w(c, "customXml")) {
			cell_paras(cv, c, b, row_del, row_ins, highlight, nparas, first_label);
		}
	}
}

/* The fill of a shaded cell, resolved: "RRGGBB", or "" for none. base: the
 * theme colour before its tint or shade, or "". */
static void cell_fill(conv *cv, const xmlNode *tc, char fill[7], char base[7])
{
	fill[0] = base[0] = '\0';
	const xmlNode *shd = child(child(tc, "tcPr"), "shd");
	if (!shd) /* else the first paragraph's shading */
		for (const xmlNode *p = tc->children; p && !shd; p = p->next)
			if (is_w(p, "p"))
				shd = child(child(p, "pPr"), "shd");
	if (!shd)
		return;
	const char *tf = wattr(shd, "themeFill"), *f = wattr(shd, "fill");
	int slot = theme_slot(tf);
	if (slot >= 0 && cv->th.rgb[slot][0]) {
		memcpy(base, cv->th.rgb[slot], 7);
		tint_shade(fill, base, wattr(shd, "themeFillTint"), wattr(shd, "themeFillShade"));
		return;
	}
	if (hex6(f)) {
		for (int i = 0; i < 6; i++)
			fill[i] = (char)toupper((unsigned char)f[i]);
		fill[6] = '\0';
		if (!strcmp(fill, "FFFFFF"))
			fill[0] = '\0'; /* white: no colour */
	}
}

typedef struct row_state {
	int head;              /* a header row (tblHeader) */
	const xmlNode *del, *ins; /* the row's own tracked deletion or insertion */
	size_t col;            /* the next cell's grid column */
	char *number;          /* the text of its first cell */
	int first_is_head;     /* the first row reads as a header: its cells name the columns */
} row_state;

static void table_cell(conv *cv, row_state *rs, const xmlNode *tc)
{
	const xmlNode *tcpr = child(tc, "tcPr");
	long span = int_attr(child(tcpr, "gridSpan"), 1);
	if (span < 1 || span > 1000)
		span = 1;
	const xmlNode *vm = child(tcpr, "vMerge");
	const char *vmv = vm ? wattr(vm, "val") : NULL;
	int cont = vm && (!vmv || !strcmp(vmv, "continue"));
	size_t col = rs->col;
	wp_buf b = {0};
	char *hl = NULL, fill[7], base[7];
	if (cont && col < cv->nvmerge && cv->vmerge[col]) {
		wp_buf_puts(&b, cv->vmerge[col]); /* a merged cell's text, on each row it spans */
	} else {
		size_t np = 0;
		int labelled = 0;
		if (rs->del)
			change_tag(&b, "del", rs->del);
		if (rs->ins)
			change_tag(&b, "ins", rs->ins);
		size_t before = b.len;
		cell_paras(cv, tc, &b, rs->del != NULL, rs->ins != NULL, &hl, &np, &labelled);
		if (np == 1 && b.len >= before + 7) { /* one paragraph: its text, without <p> */
			memmove(b.data + before, b.data + before + 3, b.len - before - 3);
			b.len -= 7;
			b.data[b.len] = '\0';
		}
		if (rs->ins)
			wp_buf_puts(&b, "</ins>");
		if (rs->del)
			wp_buf_puts(&b, "</del>");
		if (vm && !b.oom) { /* a merge starts here */
			char *keep = wp_strdup(b.data ? b.data : "");
			if (keep)
				slot_set(cv, &cv->vmerge, &cv->nvmerge, col, keep);
			else
				cv->oom = 1;
		} else if (col < cv->nvmerge && cv->vmerge[col]) {
			wp_free(cv->vmerge[col]);
			cv->vmerge[col] = NULL;
		}
	}
	cell_fill(cv, tc, fill, base);
	if (b.oom)
		cv->oom = 1;
	const char *text = b.data ? b.data : "";
	if (col == 0 && !rs->number && !(rs->number = plain(text, 40)))
		cv->oom = 1;
	if ((rs->head || rs->first_is_head) && text[0]) {
		char *h = plain(text, 200);
		if (h)
			slot_set(cv, &cv->heads, &cv->nheads, col, h);
		else
			cv->oom = 1;
	}
	place *pl = place_add(cv, L_CELL);
	if (pl) {
		pl->table = cv->tables;
		pl->row = cv->row;
		pl->col = (unsigned)col + 1;
		if (col < cv->nheads && cv->heads[col] && !(pl->column = wp_strdup(cv->heads[col])))
			cv->oom = 1;
		if (rs->number && rs->number[0] && !(pl->number = wp_strdup(rs->number)))
			cv->oom = 1;
	}
	wp_buf td = {0};
	wp_buf_puts(&td, rs->head ? "<th" : "<td");
	if (span > 1)
		wp_buf_printf(&td, " colspan=\"%ld\"", span);
	if (fill[0])
		wp_buf_printf(&td, " data-fill=\"%s\"", fill);
	if (base[0])
		wp_buf_printf(&td, " data-fill-base=\"%s\"", base);
	if (hl) {
		wp_buf_puts(&td, " data-highlight=\"");
		esc_html(&td, hl, strlen(hl));
		wp_buf_puts(&td, "\"");
	}
	wp_buf_puts(&td, ">");
	wp_buf_puts(&td, text);
	wp_buf_puts(&td, rs->head ? "</th>\n" : "</td>\n");
	if (td.oom)
		cv->oom = 1;
	else
		emit(cv, td.data, td.len);
	wp_buf_free(&td);
	wp_buf_free(&b);
	wp_free(hl);
	rs->col += (size_t)span;
}

/* The cells of a row, those inside a content control (w:sdt) or custom
 * XML too. */
static void row_cells(conv *cv, row_state *rs, const xmlNode *n)
{
	for (const xmlNode *c = n->children; c && !cv->oom; c = c->next) {
		if (is_w(c, "tc"))
			table_cell(cv, rs, c);
		else if (is_w(c, "sdt"))
			row_cells(cv, rs, child(c, "sdtContent") ? child(c, "sdtContent") : c);
		else if (is_w(c, "customXml"))
			row_cells(cv, rs, c);
	}
}

/* Whether a first row without tblHeader reads as a header: its first
 * cell has text, and not a number. */
static int reads_as_header(const xmlNode *tr)
{
	for (const xmlNode *tc = tr->children; tc; tc = tc->next)
		if (is_w(tc, "tc")) {
			xmlChar *t = xmlNodeGetContent(tc);
			const char *s = t ? (const char *)t : "";
			while (*s == ' ')
				s++;
			int yes = *s && !isdigit((unsigned char)*s);
			xmlFree(t);
			return yes;
		}
	return 0;
}

static void table_row(conv *cv, const xmlNode *tr)
{
	const xmlNode *trpr = child(tr, "trPr");
	row_state rs = {0};
	rs.head = child(trpr, "tblHeader") && on(child(trpr, "tblHeader"));
	rs.del = child(trpr, "del");
	rs.ins = child(trpr, "ins");
	cv->row++;
	rs.first_is_head = cv->row == 1 && !rs.head && reads_as_header(tr);
	if (rs.head && cv->row == 1) {
		emits(cv, "<thead>\n");
		cv->in_head = 1;
	} else if (!rs.head && cv->in_head) {
		emits(cv, "</thead>\n<tbody>\n");
		cv->in_head = 0;
		cv->body_open = 1;
	} else if (!rs.head && !cv->body_open && !cv->in_head) {
		emits(cv, "<tbody>\n");
		cv->body_open = 1;
	}
	place *pl = place_add(cv, L_ROW);
	if (pl) {
		pl->table = cv->tables;
		pl->row = cv->row;
	}
	emits(cv, "<tr>\n");
	row_cells(cv, &rs, tr);
	/* the row's number, once its first cell is read, for its own place */
	if (pl && rs.number && rs.number[0] && cv->map->n) {
		place *rp = NULL;
		for (size_t i = cv->map->n; i-- > 0;)
			if (cv->map->v[i].kind == L_ROW) {
				rp = &cv->map->v[i];
				break;
			}
		if (rp && !rp->number && !(rp->number = wp_strdup(rs.number)))
			cv->oom = 1;
	}
	wp_free(rs.number);
	emits(cv, "</tr>\n");
}

/***** footnotes, the page header *****/

/* The text of a footnote's paragraphs, its own mark (w:footnoteRef) left
 * out, as one Markdown paragraph after its number. */
static void footnotes_write(conv *cv)
{
	const xmlNode *root = cv->notes ? xmlDocGetRootElement(cv->notes) : NULL;
	for (size_t i = 0; i < cv->nfn && !cv->oom; i++) {
		const xmlNode *fn = NULL;
		for (const xmlNode *c = root ? root->children : NULL; c && !fn; c = c->next)
			if (is_w(c, "footnote") && wattr(c, "id") && strtol(wattr(c, "id"), NULL, 10) == cv->fn[i].id)
				fn = c;
		place *pl = place_add(cv, L_FOOTNOTE);
		if (pl)
			pl->n = (unsigned)cv->fn[i].mark;
		wp_buf b = {0};
		put_mark(&b, cv->fn[i].mark, 0);
		wp_buf_putc(&b, ' ');
		if (!fn) {
			wp_buf_puts(&b, "(the note this mark refers to is not in word/footnotes.xml)");
		} else {
			size_t np = 0;
			for (const xmlNode *p = fn->children; p; p = p->next) {
				if (!is_w(p, "p"))
					continue;
				if (np++)
					wp_buf_putc(&b, ' ');
				int heading;
				para_inline(cv, p, &b, 0, 0, 0, NULL, &heading);
			}
		}
		if (b.oom)
			cv->oom = 1;
		else
			emit(cv, b.data, b.len);
		emits(cv, "\n\n");
		wp_buf_free(&b);
	}
}

/* The page header's paragraphs as lines of one paragraph: "Annex to",
 * the document reference, the running title; the Markdown reader knows
 * the block. Tabs in it separate lines too. */
static int header_write(conv *cv)
{
	int rc;
	if (!cv->header_part)
		return WP_OK;
	xmlDocPtr doc = part_xml(cv->k, cv->header_part, 1, &rc);
	if (!doc)
		return rc;
	wp_buf b = {0};
	const xmlNode *root = xmlDocGetRootElement(doc);
	for (const xmlNode *p = root ? root->children : NULL; p; p = p->next) {
		if (!is_w(p, "p"))
			continue;
		wp_buf one = {0};
		inl x = {cv, &one, 0, NULL, NULL, NULL, NULL, 1, 1}; /* tabs and breaks end lines */
		walk_inline(&x, p);
		wp_free(x.highlight);
		size_t n = one.len;
		if (one.len && (wp_trim(one.data, &n), n)) {
			if (b.len)
				wp_buf_putc(&b, '\n');
			wp_buf_put(&b, one.data, one.len);
		}
		wp_buf_free(&one);
	}
	xmlFreeDoc(doc);
	if (b.len) {
		place *pl = place_add(cv, L_HEADER);
		(void)pl;
		emit(cv, b.data, b.len);
		emits(cv, "\n\n");
	}
	if (b.oom)
		cv->oom = 1;
	wp_buf_free(&b);
	return cv->oom ? WP_ENOMEM : WP_OK;
}

/***** the main part, streamed *****/

/* (the document's reader reports through on_xml_error too) */

/* libxml2 reports an encoding error with no parser to report it through:
 * to the structured handler when one is set, else on stderr; and
 * "xmlParseChunk: encoder error" on the generic channel. Both come here
 * (on) or go back to libxml2's defaults. */
static void catch_unbound(parse_errors *re, int on)
{
	xmlSetStructuredErrorFunc(on ? re : NULL, on ? on_xml_error : NULL);
	xmlSetGenericErrorFunc(NULL, on ? quiet_generic : NULL);
}

static int is_reader_w(xmlTextReaderPtr r, const char *local)
{
	const char *ns = (const char *)xmlTextReaderConstNamespaceUri(r);
	const char *nm = (const char *)xmlTextReaderConstLocalName(r);
	return ns && nm && (!strcmp(ns, W_NS) || !strcmp(ns, W_NS_STRICT)) && !strcmp(nm, local);
}

static int document_read(conv *cv, const char *part)
{
	char *buf;
	size_t len;
	int rc = pkg_read(cv->k, part, &buf, &len, 0);
	if (rc != WP_OK)
		return rc;
	if (len > INT32_MAX) {
		wp_free(buf);
		return pkg_say(cv->k, "docx.limit", "%s is over 2 GB", part);
	}
	xmlTextReaderPtr r = xmlReaderForMemory(buf, (int)len, part, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	if (!r) {
		wp_free(buf);
		return WP_ENOMEM;
	}
	parse_errors re = {cv->k, part, 0, 0};
	xmlTextReaderSetStructuredErrorHandler(r, on_xml_error, &re);
	catch_unbound(&re, 1);
	int ret = xmlTextReaderRead(r), tables = 0;
	while (ret == 1 && !cv->oom && !re.said) {
		int type = xmlTextReaderNodeType(r);
		if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
			rc = pkg_say(cv->k, "docx.xml", "%s has a document type declaration (DOCTYPE): Word writes none, and "
							"entities from one could read files or expand without limit", part);
			break;
		}
		if (type == XML_READER_TYPE_END_ELEMENT && is_reader_w(r, "tbl")) {
			if (--tables == 0)
				table_end(cv);
		} else if (type == XML_READER_TYPE_ELEMENT && !xmlTextReaderIsEmptyElement(r)) {
			int p = is_reader_w(r, "p"), tr = tables && is_reader_w(r, "tr"), sect = is_reader_w(r, "sectPr");
			if (is_reader_w(r, "tbl")) {
				if (tables++ == 0)
					table_begin(cv);
			} else if (p || tr || sect) {
				xmlNodePtr n = xmlTextReaderExpand(r);
				if (!n)
					break;
				if (p && !tables) {
					body_para(cv, n);
					/* a section break in a paragraph: its header */
					const xmlNode *sp = child(child(n, "pPr"), "sectPr");
					if (sp)
						sect = 1, n = (xmlNodePtr)sp;
				}
				if (tr)
					table_row(cv, n);
				if (sect && !cv->header_part)
					for (const xmlNode *h = n->children; h; h = h->next) {
						const char *t = is_w(h, "headerReference") ? wattr(h, "type") : NULL;
						const rel *rl = t && !strcmp(t, "default")
								       ? rel_by_id(&cv->rels, attr_ns(h, "id", R_NS, R_NS_STRICT))
								       : NULL;
						if (rl && !rl->external && !(cv->header_part = wp_strdup(rl->target)))
							cv->oom = 1;
					}
				ret = xmlTextReaderNext(r);
				continue;
			}
		}
		ret = xmlTextReaderRead(r);
	}
	if (ret < 0 && !re.said && rc == WP_OK)
		rc = pkg_say(cv->k, "docx.xml", "%s is not well-formed XML", part);
	if (re.said && rc == WP_OK)
		rc = WP_EINPUT;
	while (tables-- > 0 && rc == WP_OK)
		table_end(cv);
	xmlFreeTextReader(r);
	catch_unbound(&re, 0);
	wp_free(buf);
	return cv->oom ? WP_ENOMEM : rc;
}

/***** the whole *****/

int wp_docx_to_md(char **md, size_t *mdlen, wp_docx_map **map, const char *buf, size_t len, const char *name,
		  const wp_limits *limits, wp_diags *d)
{
	pkg k = {NULL, name, d, wp_limits_default, 0};
	conv cv;
	rels top = {0};
	int rc;
	*md = NULL;
	*mdlen = 0;
	*map = NULL;
	if (limits) {
		if (limits->docx_part)
			k.lim.docx_part = limits->docx_part;
		if (limits->docx_total)
			k.lim.docx_total = limits->docx_total;
		if (limits->docx_ratio)
			k.lim.docx_ratio = limits->docx_ratio;
	}
	memset(&cv, 0, sizeof cv);
	cv.k = &k;
	cv.line = 1;
	size_t dfrom = d->n; /* the findings made while converting: their lines shift with the header's */
	if (!(cv.map = wp_malloc(sizeof *cv.map)))
		return WP_ENOMEM;
	memset(cv.map, 0, sizeof *cv.map);
	if ((rc = pkg_open(&k, buf, len)) != WP_OK)
		goto done;
	/* the main part: the package's officeDocument, else word/document.xml */
	if ((rc = rels_read(&k, "", &top)) != WP_OK)
		goto done;
	const rel *main_rel = rel_by_type(&top, "/officeDocument");
	const char *part = main_rel && !main_rel->external ? main_rel->target : "word/document.xml";
	if ((rc = rels_read(&k, part, &cv.rels)) != WP_OK)
		goto done;
	const rel *r;
	r = rel_by_type(&cv.rels, "/numbering");
	if ((rc = numbering_read(&k, r && !r->external ? r->target : NULL, &cv.nb)) != WP_OK)
		goto done;
	r = rel_by_type(&cv.rels, "/styles");
	if ((rc = styles_read(&k, r && !r->external ? r->target : NULL, &cv.st)) != WP_OK)
		goto done;
	r = rel_by_type(&cv.rels, "/theme");
	if ((rc = theme_read(&k, r && !r->external ? r->target : NULL, &cv.th)) != WP_OK)
		goto done;
	r = rel_by_type(&cv.rels, "/footnotes");
	if (r && !r->external && !(cv.notes = part_xml(&k, r->target, 1, &rc)) && rc != WP_OK)
		goto done;
	/* the document first, into a buffer of its own: the header (found in
	 * the document's section properties) goes before it */
	if ((rc = document_read(&cv, part)) != WP_OK)
		goto done;
	footnotes_write(&cv);
	if (cv.oom) {
		rc = WP_ENOMEM;
		goto done;
	}
	{
		wp_buf body = cv.out;
		size_t nbody = cv.map->n;
		memset(&cv.out, 0, sizeof cv.out);
		cv.line = 1;
		if ((rc = header_write(&cv)) != WP_OK) {
			wp_buf_free(&body);
			goto done;
		}
		/* the header's places came last: move them first, shift the rest */
		unsigned shift = cv.line - 1;
		size_t nhead = cv.map->n - nbody;
		if (nhead) {
			place *tmp = wp_malloc(nhead * sizeof *tmp);
			if (!tmp) {
				wp_buf_free(&body);
				rc = WP_ENOMEM;
				goto done;
			}
			memcpy(tmp, cv.map->v + nbody, nhead * sizeof *tmp);
			memmove(cv.map->v + nhead, cv.map->v, nbody * sizeof *tmp);
			memcpy(cv.map->v, tmp, nhead * sizeof *tmp);
			wp_free(tmp);
		}
		for (size_t i = nhead; i < cv.map->n; i++)
			cv.map->v[i].line += shift;
		for (size_t i = dfrom; i < d->n; i++)
			if (d->items[i].line && d->items[i].file && !strcmp(d->items[i].file, name))
				d->items[i].line += shift;
		emit(&cv, body.data ? body.data : "", body.len);
		wp_buf_free(&body);
	}
	if (!cv.tables && !cv.paras)
		rc = pkg_say(&k, "docx.invalid", "the Word document has no text and no table");
	if (cv.oom)
		rc = WP_ENOMEM;
done:
	if (rc == WP_OK) {
		*md = wp_buf_detach(&cv.out, mdlen);
		*map = cv.map;
		cv.map = NULL;
		if (!*md)
			rc = WP_ENOMEM;
	}
	wp_buf_free(&cv.out);
	wp_buf_free(&cv.label);
	wp_buf_free(&cv.old_label);
	wp_docx_map_free(cv.map);
	rels_free(&top);
	rels_free(&cv.rels);
	numbering_free(&cv.nb);
	styles_free(&cv.st);
	if (cv.notes)
		xmlFreeDoc(cv.notes);
	wp_free(cv.fn);
	wp_free(cv.header_part);
	for (size_t i = 0; i < cv.nheads; i++)
		wp_free(cv.heads[i]);
	wp_free(cv.heads);
	for (size_t i = 0; i < cv.nvmerge; i++)
		wp_free(cv.vmerge[i]);
	wp_free(cv.vmerge);
	if (k.zip)
		zip_discard(k.zip);
	return rc;
}

/***** where a finding is *****/

static void describe(wp_buf *b, const place *p)
{
	switch (p->kind) {
	case L_PARA:
		wp_buf_printf(b, "paragraph %u", p->n);
		break;
	case L_TABLE:
		wp_buf_printf(b, "table %u", p->table);
		break;
	case L_ROW:
		wp_buf_printf(b, "table %u, row %u", p->table, p->row);
		if (p->number)
			wp_buf_printf(b, " (%s)", p->number);
		break;
	case L_CELL:
		wp_buf_printf(b, "table %u, row %u", p->table, p->row);
		if (p->number && p->col > 1)
			wp_buf_printf(b, " (%s)", p->number);
		if (p->column)
			wp_buf_printf(b, ", column '%s'", p->column);
		else
			wp_buf_printf(b, ", column %u", p->col);
		break;
	case L_FOOTNOTE:
		wp_buf_printf(b, "footnote %u", p->n);
		break;
	case L_HEADER:
		wp_buf_puts(b, "page header");
		break;
	}
}

/* The place a line of the Markdown is in, or NULL. */
static const place *place_of(const wp_docx_map *map, unsigned line)
{
	size_t lo = 0, hi = map->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (map->v[mid].line <= line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? &map->v[lo - 1] : NULL;
}

/* A message that names another line ("here and at line 42", as the
 * rules write them) names its place instead. */
static int where_in_message(const wp_docx_map *map, wp_diag *x)
{
	const char *m = x->message, *at = strstr(m, "line ");
	if (!at || !isdigit((unsigned char)at[5]))
		return WP_OK;
	wp_buf b = {0};
	for (const char *s = m; *s;) {
		if (!strncmp(s, "line ", 5) && isdigit((unsigned char)s[5]) && (s == m || !isalnum((unsigned char)s[-1]))) {
			char *end;
			unsigned long l = strtoul(s + 5, &end, 10);
			const place *p = place_of(map, (unsigned)l);
			if (p) {
				describe(&b, p);
				s = end;
				continue;
			}
		}
		wp_buf_putc(&b, *s++);
	}
	if (b.oom)
		return WP_ENOMEM;
	wp_free(x->message);
	x->message = wp_buf_detach(&b, NULL);
	return x->message ? WP_OK : WP_ENOMEM;
}

int wp_docx_locate(const wp_docx_map *map, const char *name, wp_diags *d, size_t from)
{
	for (size_t i = from; i < d->n; i++) {
		wp_diag *x = &d->items[i];
		if (!x->file || strcmp(x->file, name) || !x->line || x->where)
			continue;
		const place *p = place_of(map, x->line); /* the last place starting at or before the line */
		wp_buf b = {0};
		if (!p)
			wp_buf_puts(&b, "the start of the document");
		else
			describe(&b, p);
		if (b.oom) {
			wp_buf_free(&b);
			return WP_ENOMEM;
		}
		x->where = wp_buf_detach(&b, NULL); /* line and col stay, for order: the formats show where */
		if (!x->where || where_in_message(map, x) != WP_OK)
			return WP_ENOMEM;
	}
	return WP_OK;
}
