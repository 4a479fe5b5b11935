/* xml.c: the XML reader. wpgen's XML is a source format as well as
 * the templates' input: read it safely, check it against the RELAX NG
 * schema, and turn it into the same model the Markdown reader builds.
 *
 * libxml2 is safe only with the right options: the document is parsed
 * from memory (xmlReadFile would decompress a small .xml without limit),
 * with XML_PARSE_NONET and without NOENT, DTDLOAD, DTDVALID, XINCLUDE or
 * HUGE; a DOCTYPE stops the parser at once (wpgen's format has none, and
 * that also stops entity bombs); errors come through a structured handler
 * and become diagnostics, never text from the library on stderr. */
#include "wpgen/wpgen.h"
#include "base/alloc.h"
#include "base/date.h"
#include "model/assemble.h"
#include "read/xml.h"
#include "base/util.h"

#include <errno.h>
#include "base/lazy.h" /* libxml2, libxslt, libzip: loaded on first use */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The longest text node read: libxml2's own default limit, which 2.9
 * does not apply to documents parsed from memory. */
#define WP_XML_MAX_TEXT (10u * 1000 * 1000)

struct wp_schema {
	xmlRelaxNGPtr rng;
};

/***** errors *****/

typedef struct sink {
	wp_diags *d;
	const char *name;
	const char *rule;
	size_t count;
} sink;

#define WP_MAX_XML_DIAGS 50

static void on_error(void *ctx, xmlErrorPtr e)
{
	sink *s = ctx;
	if (!e || !e->message || ++s->count > WP_MAX_XML_DIAGS)
		return;
	size_t n = strlen(e->message);
	if (n && e->message[n - 1] == '\n')
		n--;
	wp_diags_add(s->d, s->name, e->line > 0 ? (unsigned)e->line : 0, e->line > 0 ? (unsigned)(e->int2 > 0 ? e->int2 : 1) : 0,
		     e->level == XML_ERR_WARNING ? WP_WARNING : WP_ERROR, s->rule, "%.*s", (int)n, e->message);
}

int wp_schema_load(wp_schema **out, const char *path, wp_diags *diags)
{
	char *buf;
	size_t len;
	sink s = {diags, path, "schema.invalid", 0};
	int rc;
	*out = NULL;
	if ((rc = wp_lazy_need(WP_LAZY_XML, path, diags)) != WP_OK)
		return rc;
	rc = wp_read_file(&buf, &len, path);
	if (rc == WP_EIO) {
		wp_diags_add(diags, path, 0, 0, WP_ERROR, "io.read", "cannot read schema: %s", wp_read_why(errno));
		return rc;
	}
	if (rc != WP_OK)
		return rc;
	xmlRelaxNGParserCtxtPtr pc = len < INT_MAX ? xmlRelaxNGNewMemParserCtxt(buf, (int)len) : NULL;
	xmlRelaxNGPtr rng = NULL;
	if (pc) {
		xmlRelaxNGSetParserStructuredErrors(pc, on_error, &s);
		rng = xmlRelaxNGParse(pc);
		xmlRelaxNGFreeParserCtxt(pc);
	}
	wp_free(buf);
	if (!rng) {
		if (!s.count)
			wp_diags_add(diags, path, 0, 0, WP_ERROR, "schema.invalid", "not a RELAX NG schema");
		return WP_EINPUT;
	}
	*out = wp_malloc(sizeof **out);
	if (!*out) {
		xmlRelaxNGFree(rng);
		return WP_ENOMEM;
	}
	(*out)->rng = rng;
	return WP_OK;
}

void wp_schema_free(wp_schema *s)
{
	if (!s)
		return;
	xmlRelaxNGFree(s->rng);
	wp_free(s);
}

/***** parsing *****/

static void refuse_dtd(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	xmlParserCtxtPtr c = ctx;
	(void)name;
	(void)ext;
	(void)sys;
	*(int *)c->_private = 1;
	xmlStopParser(c);
}

/* libxml2 keeps an element's line in 16 bits: past line 65,535 every
 * element would be at 65,535. The start handler notes the parser's own
 * line (an int) in the element's _private, which pos_of reads. */
static void start_element(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri, int nns,
			  const xmlChar **ns, int nattrs, int ndefaulted, const xmlChar **attrs)
{
	xmlParserCtxtPtr c = ctx;
	xmlSAX2StartElementNs(ctx, local, prefix, uri, nns, ns, nattrs, ndefaulted, attrs);
	if (c->node && c->input && c->input->line > 0)
		c->node->_private = (void *)(uintptr_t)c->input->line;
}

static xmlDocPtr parse(const char *buf, size_t len, const char *name, wp_diags *d)
{
	sink s = {d, name, "xml.parse", 0};
	int dtd = 0;
	xmlParserCtxtPtr c = xmlNewParserCtxt();
	xmlDocPtr doc;
	if (!c)
		return NULL;
	c->_private = &dtd;
	c->sax->internalSubset = refuse_dtd;
	c->sax->startElementNs = start_element;
	xmlSetStructuredErrorFunc(&s, on_error);
	doc = xmlCtxtReadMemory(c, buf, (int)len, name, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (dtd) {
		/* The parser stopped at the DOCTYPE: say why. */
		wp_diags_add(d, name, (unsigned)xmlSAX2GetLineNumber(c), 1, WP_ERROR, "xml.dtd",
			     "a document type declaration (DOCTYPE) is not allowed: wpgen's XML has none, "
			     "and entities from one could read files or expand without limit");
		if (doc)
			xmlFreeDoc(doc);
		doc = NULL;
	} else if (doc && !c->wellFormed) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(c);
	return doc;
}

/***** limits *****/

/* Attributes in one start tag. libxml2 2.9 adds each attribute to the end
 * of a list and compares it with every earlier one, so a tag with 100,000
 * attributes takes minutes; wpgen's elements have at most three. */
#define WP_XML_MAX_ATTRIBUTES 256

/* One linear pass over the bytes before libxml2 sees them: refuses a start
 * tag with too many attributes, at its line and column. Comments, CDATA
 * sections and processing instructions are skipped; quoted values may
 * hold any character. Returns 1 when refused. */
static const char *find(const char *p, size_t n, const char *needle, size_t k)
{
	const char *end = p + n;
	while (p + k <= end && (p = memchr(p, needle[0], (size_t)(end - p - k + 1))) != NULL) {
		if (!memcmp(p, needle, k))
			return p;
		p++;
	}
	return NULL;
}

int xml_too_many_attributes(const char *buf, size_t len, const char *name, wp_diags *d)
{
	const char *p = buf, *end = buf + len;
	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		const char *tag = p++, *close = NULL;
		size_t rest = (size_t)(end - p);
		if (rest >= 3 && !memcmp(p, "!--", 3))
			close = find(p + 3, rest - 3, "-->", 3);
		else if (rest >= 8 && !memcmp(p, "![CDATA[", 8))
			close = find(p + 8, rest - 8, "]]>", 3);
		else if (rest >= 1 && p[0] == '?')
			close = find(p + 1, rest - 1, "?>", 2);
		if (close || (rest >= 1 && (p[0] == '!' || p[0] == '?'))) {
			if (!close)
				return 0; /* unterminated: libxml2 says so */
			p = close + 1;
			continue;
		}
		size_t n = 0;
		char quote = 0;
		for (; p < end; p++) {
			if (quote) {
				if (*p == quote)
					quote = 0;
			} else if (*p == '"' || *p == '\'') {
				quote = *p;
			} else if (*p == '=') {
				n++;
			} else if (*p == '>' || *p == '<') {
				break;
			}
		}
		if (n > WP_XML_MAX_ATTRIBUTES) {
			if (!d)
				return 1;
			unsigned line = 1;
			const char *bol = buf;
			for (const char *q = buf; q < tag; q++)
				if (*q == '\n')
					line++, bol = q + 1;
			wp_diags_add(d, name, line, (unsigned)(tag - bol) + 1, WP_ERROR, "read.limit",
				     "an element with %zu attributes where wpgen reads at most %d; wpgen's elements "
				     "have at most three, and the XML parser slows down on such input",
				     n, WP_XML_MAX_ATTRIBUTES);
			return 1;
		}
	}
	return 0;
}


static wp_pos pos_of(xmlNodePtr n)
{
	long line = n && n->type == XML_ELEMENT_NODE && n->_private ? (long)(uintptr_t)n->_private : xmlGetLineNo(n);
	return (wp_pos){line > 0 ? (unsigned)line : 0, line > 0 ? 1 : 0};
}

/* The characters of a text node that make it read otherwise than it is
 * written (bidi controls, line separators): said, and made harmless in
 * place, as the Markdown reader does. */
static void spoofing(xmlNodePtr c, wp_diags *d, const char *name, unsigned *said)
{
	unsigned char *s = c->content;
	size_t n = (size_t)xmlStrlen(c->content);
	for (size_t i = 0; i < n; i++) {
		unsigned cp;
		size_t k = s[i] >= 0xD8 ? wp_spoofing_char(s + i, n - i, &cp) : 0;
		if (!k)
			continue;
		wp_spoofing_neutralise(s + i, k, cp);
		if (++*said <= 20)
			wp_diags_add(d, name, c->parent ? pos_of(c->parent).line : 0, 1, WP_WARNING, "read.bidi",
				     "U+%04X (%s) makes text read otherwise than it is written: replaced by %s", cp,
				     wp_spoofing_name(cp), s[i] == ' ' ? "white space" : "U+FFFD");
		i += k - 1;
	}
}

/* Refuses a document with a text node over the limit (libxml2 2.9 does
 * not enforce its own on memory input), before anything is built; makes
 * spoofing characters harmless. */
static int text_too_long(xmlNodePtr n, wp_diags *d, const char *name)
{
	xmlNodePtr c = n;
	unsigned said = 0;
	while (c) {
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content &&
		    xmlStrlen(c->content) > (int)WP_XML_MAX_TEXT) {
			wp_diags_add(d, name, c->parent ? pos_of(c->parent).line : 0, 1, WP_ERROR, "xml.limit",
				     "a text of %d bytes is longer than the %u bytes wpgen reads in one XML text node",
				     xmlStrlen(c->content), WP_XML_MAX_TEXT);
			return 1;
		}
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
			spoofing(c, d, name, &said);
		/* depth first without recursion */
		if (c->children)
			c = c->children;
		else {
			while (c && !c->next && c != n)
				c = c->parent;
			if (!c || c == n)
				break;
			c = c->next;
		}
	}
	return 0;
}

/***** building the model *****/

typedef struct builder {
	wp_arena *arena;
	wp_programme *p;
	const wp_profile *prof;
	wp_diags *d;
	const char *name;
	int oom;
} builder;

static int is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && xmlStrcmp(n->ns->href, BAD_CAST WP_XML_NS) == 0 &&
	       xmlStrcmp(n->name, BAD_CAST name) == 0;
}


static char *text_of(builder *b, xmlNodePtr n)
{
	xmlChar *t = xmlNodeGetContent(n);
	char *s = t ? wp_arena_strdup(b->arena, (const char *)t) : wp_arena_strdup(b->arena, "");
	xmlFree(t);
	if (!s)
		b->oom = 1;
	return s;
}

static char *attr_of(builder *b, xmlNodePtr n, const char *name)
{
	xmlChar *t = xmlGetProp(n, BAD_CAST name);
	char *s = NULL;
	if (t) {
		s = wp_arena_strdup(b->arena, (const char *)t);
		if (!s)
			b->oom = 1;
		xmlFree(t);
	}
	return s;
}

static void run_add(builder *b, wp_para *pa, wp_run_kind kind, const char *text, unsigned style, const char *href,
		    const char *author, const char *date)
{
	size_t n = strlen(text);
	if (kind == WP_RUN_TEXT && !n)
		return;
	if (mb_run_add(b->p, pa, kind, text, n, style, href, author, date, 1) != WP_OK)
		b->oom = 1;
}

/* The inline content of n, depth first; libxml2 bounds the depth. */
static void inlines(builder *b, wp_para *pa, xmlNodePtr n, unsigned style, const char *href, const char *author,
		    const char *date)
{
	for (xmlNodePtr c = n->children; c && !b->oom; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			run_add(b, pa, WP_RUN_TEXT, (const char *)c->content, style, href, author, date);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is(c, "br")) {
			run_add(b, pa, WP_RUN_BREAK, "", style, href, author, date);
			continue;
		}
		if (is(c, "a")) {
			inlines(b, pa, c, style, attr_of(b, c, "href"), author, date);
			continue;
		}
		if (is(c, "ref")) { /* a footnote mark in a cell: its text, ¹ */
			inlines(b, pa, c, style, href, author, date);
			continue;
		}
		unsigned bit = is(c, (const char *)c->name) ? mb_xml_style((const char *)c->name) : 0;
		if (bit) {
			const char *au = author, *dt = date;
			if (bit & (WP_STYLE_INS | WP_STYLE_DEL)) {
				char *x = attr_of(b, c, "author"), *y = attr_of(b, c, "date");
				au = x ? x : author;
				dt = y ? y : date;
			}
			inlines(b, pa, c, style | bit, href, au, dt);
		}
	}
}

/* The <p> children of n into field f. */
static void paras(builder *b, wp_field *f, xmlNodePtr n)
{
	f->pos = pos_of(n);
	for (xmlNodePtr c = n->children; c && !b->oom; c = c->next) {
		if (!is(c, "p"))
			continue;
		wp_para *pa = mb_para_add(b->p, f, pos_of(c));
		if (!pa) {
			b->oom = 1;
			return;
		}
		inlines(b, pa, c, 0, NULL, NULL, NULL);
	}
}

/* The <field> children of n into fields[ncolumns] by key. */
static wp_field *fields(builder *b, const wp_section *s, xmlNodePtr n)
{
	wp_field *fs = wp_arena_alloc(b->arena, (s->ncolumns ? s->ncolumns : 1) * sizeof *fs);
	unsigned char *seen = wp_arena_alloc(b->arena, s->ncolumns + 1);
	if (!fs || !seen) {
		b->oom = 1;
		return NULL;
	}
	for (size_t i = 0; i < s->ncolumns; i++)
		fs[i].pos = pos_of(n);
	for (xmlNodePtr c = n->children; c && !b->oom; c = c->next) {
		if (!is(c, "field"))
			continue;
		char *key = attr_of(b, c, "key");
		int k = key ? wp_section_column(s, key) : -1;
		if (k < 0) {
			wp_diags_add(b->d, b->name, pos_of(c).line, 1, WP_ERROR, "xml.field",
				     "field '%s' is not a column of this section", key ? key : "");
			continue;
		}
		if (seen[k]) {
			wp_diags_add(b->d, b->name, pos_of(c).line, 1, WP_ERROR, "xml.field",
				     "field '%s' is given twice", key);
			continue;
		}
		seen[k] = 1;
		paras(b, &fs[k], c);
	}
	return fs;
}

static void row(builder *b, wp_section *s, xmlNodePtr n, int example)
{
	wp_activity *a = mb_activity_add(b->p, s, example);
	if (!a) {
		b->oom = 1;
		return;
	}
	a->pos = pos_of(n);
	a->fields = fields(b, s, n);
	if (a->fields && mb_activity_number(b->p, s, a) < 0)
		b->oom = 1;
}

static void section(builder *b, xmlNodePtr n)
{
	wp_section *s = mb_section_add(b->p, pos_of(n));
	if (!s) {
		b->oom = 1;
		return;
	}
	s->kind = attr_of(b, n, "kind");
	s->numeral = attr_of(b, n, "numeral");
	const wp_profile_section *kind = s->kind ? wp_profile_section_kind(b->prof, s->kind) : NULL;
	for (xmlNodePtr c = n->children; c && !b->oom; c = c->next) {
		if (is(c, "title")) {
			s->title = text_of(b, c);
		} else if (is(c, "columns")) {
			for (xmlNodePtr k = c->children; k; k = k->next)
				s->ncolumns += is(k, "column");
			s->columns = wp_arena_alloc(b->arena, (s->ncolumns ? s->ncolumns : 1) * sizeof *s->columns);
			if (!s->columns) {
				b->oom = 1;
				return;
			}
			size_t i = 0;
			for (xmlNodePtr k = c->children; k; k = k->next) {
				if (!is(k, "column"))
					continue;
				wp_column *col = &s->columns[i++];
				char *mark = attr_of(b, k, "mark"), *role = attr_of(b, k, "role");
				col->key = attr_of(b, k, "key");
				col->header = text_of(b, k);
				col->mark = mark ? atoi(mark) : 0;
				col->pos = pos_of(k);
				/* roles come from the profile when it knows the column */
				for (size_t j = 0; kind && j < kind->ncolumns; j++)
					if (kind->columns[j].key && col->key && strcmp(kind->columns[j].key, col->key) == 0)
						col->roles = kind->columns[j].roles;
				if (!col->roles && role)
					col->roles = strcmp(role, "number") == 0 ? WP_ROLE_NUMBER | WP_ROLE_CONTINUATION
						   : strcmp(role, "status") == 0 ? WP_ROLE_STATUS
						   : strcmp(role, "date") == 0 ? WP_ROLE_DATE
						   : strcmp(role, "month") == 0 ? WP_ROLE_MONTH : 0;
				/* extra columns (month.1, ...) take the profile's extra roles */
				for (size_t j = 0; kind && kind->extra_key && !col->roles && col->key && j < 1; j++) {
					size_t kl = strlen(kind->extra_key);
					if (!strncmp(col->key, kind->extra_key, kl) && col->key[kl] == '.')
						col->roles = kind->extra_roles;
				}
				for (size_t j = 0; j + 1 < i; j++)
					if (col->key && s->columns[j].key && strcmp(col->key, s->columns[j].key) == 0)
						wp_diags_add(b->d, b->name, col->pos.line, 1, WP_ERROR, "xml.field",
							     "column key '%s' is used twice", col->key);
			}
		} else if (is(c, "guidance")) {
			s->guidance = fields(b, s, c);
		} else if (is(c, "example")) {
			row(b, s, c, 1);
		} else if (is(c, "activity")) {
			row(b, s, c, 0);
		} else if (is(c, "intro")) {
			paras(b, &s->intro, c);
		} else if (is(c, "notes")) {
			paras(b, &s->notes, c);
		} else if (is(c, "report")) {
			paras(b, &s->report, c);
			s->reported = 1;
		}
	}
}

static void header(builder *b, xmlNodePtr h)
{
	static const struct { const char *element, *key; } map[] = {
		{"title", "title"}, {"body", "body"}, {"annex-to", "annex_to"}, {"running-title", "running_title"},
		{"session", "session"}, {"as-of", "as_of"}, {"plan", "plan"}, {"programme", "programme"},
	};
	for (xmlNodePtr c = h->children; c && !b->oom; c = c->next) {
		const char *why;
		if (is(c, "accept")) { /* an acknowledged finding */
			char *rule = attr_of(b, c, "rule"), *at = attr_of(b, c, "at"), *t = text_of(b, c);
			int rc = b->oom ? WP_ENOMEM : wp_programme_accept(b->p, rule, at, t, pos_of(c), &why);
			if (rc == WP_ENOMEM)
				b->oom = 1;
			else if (rc != WP_OK)
				wp_diags_add(b->d, b->name, pos_of(c).line, 1, WP_ERROR, "accept.invalid", "%s", why);
			continue;
		}
		if (is(c, "period")) {
			char *s = attr_of(b, c, "start"), *e = attr_of(b, c, "end"), v[48];
			snprintf(v, sizeof v, "%s-%s", s ? s : "", e ? e : "");
			if (wp_programme_set(b->p, "period", v, &why) != WP_OK)
				wp_diags_add(b->d, b->name, pos_of(c).line, 1, WP_ERROR, "meta.invalid", "period: %s", why);
			continue;
		}
		for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
			if (!is(c, map[i].element))
				continue;
			char *t = text_of(b, c);
			int rc = t ? wp_programme_set(b->p, map[i].key, t, &why) : WP_ENOMEM;
			if (rc == WP_ENOMEM)
				b->oom = 1;
			else if (rc != WP_OK)
				wp_diags_add(b->d, b->name, pos_of(c).line, 1, WP_ERROR, "meta.invalid", "%s: %s", map[i].key, why);
			if (i == 0)
				b->p->title_pos = pos_of(c);
		}
	}
}

int wp_read_xml(wp_programme **out, const char *buf, size_t len, const char *name, const wp_profile *profile,
		const wp_schema *schema, wp_diags *diags)
{
	builder b = {0};
	xmlDocPtr doc;
	int rc = WP_OK;

	*out = NULL;
	{
		size_t n = len;
		wp_trim(buf, &n);
		if (!n) {
			wp_diags_add(diags, name, 1, 1, WP_ERROR, "read.empty",
				     "the document is empty: there is no work programme to read");
			return WP_EINPUT;
		}
	}
	if (len > INT_MAX) {
		wp_diags_add(diags, name, 0, 0, WP_ERROR, "xml.parse", "the document is larger than 2 GB");
		return WP_EINPUT;
	}
	if (xml_too_many_attributes(buf, len, name, diags))
		return WP_EINPUT;
	if ((rc = wp_lazy_need(WP_LAZY_XML, name, diags)) != WP_OK)
		return rc;
	doc = parse(buf, len, name, diags);
	if (!doc) {
		if (!diags->errors)
			wp_diags_add(diags, name, 0, 0, WP_ERROR, "xml.parse", "not a well-formed XML document");
		return diags->oom ? WP_ENOMEM : WP_EINPUT;
	}
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (root && text_too_long(root, diags, name)) {
		xmlFreeDoc(doc);
		return WP_EINPUT;
	}
	if (!is(root, "programme")) {
		wp_diags_add(diags, name, root ? pos_of(root).line : 0, 1, WP_ERROR, "xml.namespace",
			     "the root element is {%s}%s; a work programme is {" WP_XML_NS "}programme",
			     root && root->ns ? (const char *)root->ns->href : "", root ? (const char *)root->name : "");
		xmlFreeDoc(doc);
		return WP_EINPUT;
	}
	if (schema) {
		sink s = {diags, name, "xml.schema", 0};
		xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema->rng);
		if (!vc) {
			xmlFreeDoc(doc);
			return WP_ENOMEM;
		}
		xmlRelaxNGSetValidStructuredErrors(vc, on_error, &s);
		int valid = xmlRelaxNGValidateDoc(vc, doc);
		xmlRelaxNGFreeValidCtxt(vc);
		if (valid != 0) {
			if (!s.count)
				wp_diags_add(diags, name, 1, 1, WP_ERROR, "xml.schema", "the document does not match wpgen's schema");
			xmlFreeDoc(doc);
			return WP_EINPUT;
		}
	}

	b.p = mb_programme_new(name, profile->name);
	if (!b.p) {
		xmlFreeDoc(doc);
		return WP_ENOMEM;
	}
	b.arena = b.p->impl;
	b.prof = profile;
	b.d = diags;
	b.name = name;
	char *prof = attr_of(&b, root, "profile");
	if (prof)
		b.p->profile = prof;
	if (prof)
		b.p->explicit_meta |= WP_META_PROFILE;
	for (xmlNodePtr c = root->children; c && !b.oom; c = c->next) {
		if (is(c, "header"))
			header(&b, c);
		else if (is(c, "preamble"))
			paras(&b, &b.p->preamble, c);
		else if (is(c, "section"))
			section(&b, c);
		else if (is(c, "report"))
			paras(&b, &b.p->report, c);
		else if (is(c, "footnote")) {
			char *mark = attr_of(&b, c, "mark");
			wp_footnote *f = mb_footnote_add(b.p, mark ? atoi(mark) : 0, pos_of(c));
			if (!f) {
				b.oom = 1;
				break;
			}
			paras(&b, &f->text, c);
		}
	}
	if (!(b.p->explicit_meta & WP_META_PERIOD) && b.p->title)
		wp_text_period(b.p->title, 0, &b.p->period_start, &b.p->period_end);
	xmlFreeDoc(doc);
	if (b.oom || diags->oom)
		rc = WP_ENOMEM;
	if (rc != WP_OK) {
		wp_programme_free(b.p);
		return rc;
	}
	*out = b.p;
	return WP_OK;
}
