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
 * each line is.
 *
 * This file: the whole conversion, the streamed main part and where a
 * finding is. docx_package.c opens the package and its XML parts,
 * docx_styles.c reads list numbering, styles and the theme, docx_text.c
 * turns runs and paragraphs into Markdown, docx_table.c tables, footnotes
 * and the page header. */
#include "read/docx_reader.h"

/***** the map: what each line of the Markdown is *****/

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

/***** the main part, streamed *****/

/* (the document's reader reports through on_xml_error too) */

/* libxml2 reports an encoding error with no parser to report it through:
 * to the structured handler when one is set, else on stderr; and
 * "xmlParseChunk: encoder error" on the generic channel. Both come here
 * (on) or go back to libxml2's defaults. */
static void catch_unbound(parse_errors *re, int dx_on)
{
	xmlSetStructuredErrorFunc(dx_on ? re : NULL, dx_on ? dx_on_xml_error : NULL);
	xmlSetGenericErrorFunc(NULL, dx_on ? dx_quiet_generic : NULL);
}

static int is_reader_w(xmlTextReaderPtr r, const char *local)
{
	const char *ns = (const char *)xmlTextReaderConstNamespaceUri(r);
	const char *nm = (const char *)xmlTextReaderConstLocalName(r);
	return ns && nm && (!strcmp(ns, W_NS) || !strcmp(ns, W_NS_STRICT)) && !strcmp(nm, local);
}

/* Begins a table that has not begun: wpgen's table of where things stand
 * (its properties name the style) is marked as the Markdown annex marks
 * it, so that it is passed over. */
static void table_now(conv *cv, const xmlNode *tblpr)
{
	if (!cv->table_pending)
		return;
	cv->table_pending = 0;
	const xmlNode *ts = dx_child(tblpr, "tblStyle");
	const char *id = ts ? dx_wattr(ts, "val") : NULL;
	if (id && !strcasecmp(id, DX_STYLE_STATUS)) /* (a word processor may change an id's case: "Wpgenstatus") */
		dx_emits(cv, WP_STATUS_MARK "\n\n");
	dx_table_begin(cv);
}

static int document_read(conv *cv, const char *part)
{
	char *buf;
	size_t len;
	int rc = dx_pkg_read(cv->k, part, &buf, &len, 0);
	if (rc != WP_OK)
		return rc;
	if (len > INT32_MAX) {
		wp_free(buf);
		return dx_pkg_say(cv->k, "docx.limit", "%s is over 2 GB", part);
	}
	xmlTextReaderPtr r = xmlReaderForMemory(buf, (int)len, part, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_HUGE);
	if (!r) {
		wp_free(buf);
		return WP_ENOMEM;
	}
	parse_errors re = {cv->k, part, 0, 0};
	xmlTextReaderSetStructuredErrorHandler(r, dx_on_xml_error, &re);
	catch_unbound(&re, 1);
	int ret = xmlTextReaderRead(r), tables = 0;
	while (ret == 1 && !cv->oom && !re.said) {
		int type = xmlTextReaderNodeType(r);
		if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
			rc = dx_pkg_unreadable(cv->k, "docx.xml", "%s has a document type declaration (DOCTYPE): Word writes none, and "
							"entities from one could read files or expand without limit", part);
			break;
		}
		if (type == XML_READER_TYPE_END_ELEMENT && is_reader_w(r, "tbl")) {
			if (--tables == 0) {
				table_now(cv, NULL);
				dx_table_end(cv);
			}
		} else if (type == XML_READER_TYPE_ELEMENT && !xmlTextReaderIsEmptyElement(r)) {
			int p = is_reader_w(r, "p"), tr = tables && is_reader_w(r, "tr"), sect = is_reader_w(r, "sectPr");
			if (is_reader_w(r, "tbl")) {
				if (tables++ == 0)
					cv->table_pending = 1; /* (begun once its properties are read) */
			} else if (tables == 1 && cv->table_pending && is_reader_w(r, "tblPr")) {
				xmlNodePtr n = xmlTextReaderExpand(r);
				if (!n)
					break;
				table_now(cv, n);
				ret = xmlTextReaderNext(r);
				continue;
			} else if (p || tr || sect) {
				if (tables)
					table_now(cv, NULL);
				xmlNodePtr n = xmlTextReaderExpand(r);
				if (!n)
					break;
				if (p && !tables) {
					dx_body_para(cv, n);
					/* a section break in a paragraph: its header */
					const xmlNode *sp = dx_child(dx_child(n, "pPr"), "sectPr");
					if (sp)
						sect = 1, n = (xmlNodePtr)sp;
				}
				if (tr)
					dx_table_row(cv, n);
				if (sect && !cv->header_part)
					for (const xmlNode *h = n->children; h; h = h->next) {
						const char *t = dx_is_w(h, "headerReference") ? dx_wattr(h, "type") : NULL;
						const rel *rl = t && !strcmp(t, "default")
								       ? dx_rel_by_id(&cv->rels, dx_attr_ns(h, "id", R_NS, R_NS_STRICT))
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
		rc = dx_pkg_unreadable(cv->k, "docx.xml", "%s is not well-formed XML", part);
	if (re.said && rc == WP_OK)
		rc = WP_EIO; /* (said: not well-formed) */
	while (tables-- > 0 && rc == WP_OK) {
		table_now(cv, NULL);
		dx_table_end(cv);
	}
	xmlFreeTextReader(r);
	catch_unbound(&re, 0);
	wp_free(buf);
	return cv->oom ? WP_ENOMEM : rc;
}

/***** the whole *****/

/* The parts the main part relates to: numbering, styles, theme,
 * footnotes. */
static int related_parts(conv *cv)
{
	int rc;
	const rel *r = dx_rel_by_type(&cv->rels, "/numbering");
	if ((rc = dx_numbering_read(cv->k, r && !r->external ? r->target : NULL, &cv->nb)) != WP_OK)
		return rc;
	r = dx_rel_by_type(&cv->rels, "/styles");
	if ((rc = dx_styles_read(cv->k, r && !r->external ? r->target : NULL, &cv->st)) != WP_OK)
		return rc;
	r = dx_rel_by_type(&cv->rels, "/theme");
	if ((rc = dx_theme_read(cv->k, r && !r->external ? r->target : NULL, &cv->th)) != WP_OK)
		return rc;
	r = dx_rel_by_type(&cv->rels, "/footnotes");
	if (r && !r->external && !(cv->notes = dx_part_xml(cv->k, r->target, 1, &rc)) && rc != WP_OK)
		return rc;
	return WP_OK;
}

/* The page header (found in the document's section properties) goes
 * before the document, which was read first: its places move first in the
 * map, the document's lines and findings (from dfrom on) shift down. */
static int header_first(conv *cv, const char *name, wp_diags *d, size_t dfrom)
{
	wp_buf body = cv->out;
	size_t nbody = cv->map->n;
	memset(&cv->out, 0, sizeof cv->out);
	cv->line = 1;
	int rc = dx_properties_write(cv);
	if (rc == WP_OK)
		rc = dx_header_write(cv);
	size_t nhead = cv->map->n - nbody;
	place *tmp = rc == WP_OK && nhead ? wp_malloc(nhead * sizeof *tmp) : NULL;
	if (rc == WP_OK && nhead && !tmp)
		rc = WP_ENOMEM;
	if (rc != WP_OK) {
		wp_buf_free(&body);
		return rc;
	}
	unsigned shift = cv->line - 1;
	if (nhead) {
		memcpy(tmp, cv->map->v + nbody, nhead * sizeof *tmp);
		memmove(cv->map->v + nhead, cv->map->v, nbody * sizeof *tmp);
		memcpy(cv->map->v, tmp, nhead * sizeof *tmp);
		wp_free(tmp);
	}
	for (size_t i = nhead; i < cv->map->n; i++)
		cv->map->v[i].line += shift;
	for (size_t i = dfrom; i < d->n; i++)
		if (d->items[i].line && d->items[i].file && !strcmp(d->items[i].file, name))
			d->items[i].line += shift;
	dx_emit(cv, body.data ? body.data : "", body.len);
	wp_buf_free(&body);
	return WP_OK;
}

static void conv_free(conv *cv)
{
	wp_buf_free(&cv->out);
	wp_buf_free(&cv->label);
	wp_buf_free(&cv->old_label);
	wp_docx_map_free(cv->map);
	dx_rels_free(&cv->rels);
	dx_numbering_free(&cv->nb);
	dx_styles_free(&cv->st);
	if (cv->notes)
		xmlFreeDoc(cv->notes);
	wp_free(cv->fn);
	wp_free(cv->header_part);
	wp_free(cv->custom_part);
	for (size_t i = 0; i < cv->nheads; i++)
		wp_free(cv->heads[i]);
	wp_free(cv->heads);
	for (size_t i = 0; i < cv->nvmerge; i++)
		wp_free(cv->vmerge[i]);
	wp_free(cv->vmerge);
	wp_free(cv->seg);
	dx_seg_head_free(cv);
}

int wp_docx_to_md(char **md, size_t *mdlen, wp_docx_map **map, const char *buf, size_t len, const char *name,
		  const wp_limits *limits, wp_diags *d)
{
	int lz = wp_lazy_need(WP_LAZY_ZIP, name, d);
	if (lz != WP_OK || (lz = wp_lazy_need(WP_LAZY_XML, name, d)) != WP_OK)
		return lz;
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
	const char *part = "word/document.xml";
	if ((rc = dx_pkg_open(&k, buf, len)) == WP_OK && (rc = dx_rels_read(&k, "", &top)) == WP_OK) {
		/* the main part: the package's officeDocument, else word/document.xml */
		const rel *main_rel = dx_rel_by_type(&top, "/officeDocument");
		if (main_rel && !main_rel->external)
			part = main_rel->target;
		const rel *props = dx_rel_by_type(&top, "/custom-properties");
		if (props && !props->external && !(cv.custom_part = wp_strdup(props->target)))
			rc = WP_ENOMEM;
		if (rc == WP_OK)
			rc = dx_rels_read(&k, part, &cv.rels);
	}
	if (rc == WP_OK && (rc = related_parts(&cv)) == WP_OK && (rc = document_read(&cv, part)) == WP_OK) {
		dx_footnotes_write(&cv);
		rc = cv.oom ? WP_ENOMEM : header_first(&cv, name, d, dfrom);
	}
	if (rc == WP_OK && !cv.tables && !cv.paras)
		rc = dx_pkg_say(&k, "docx.invalid", "the Word document has no text and no table");
	if (rc == WP_OK && cv.oom)
		rc = WP_ENOMEM;
	if (rc == WP_OK) {
		*md = wp_buf_detach(&cv.out, mdlen);
		*map = cv.map;
		cv.map = NULL;
		if (!*md)
			rc = WP_ENOMEM;
	}
	conv_free(&cv);
	dx_rels_free(&top);
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
	case L_PROPERTY:
		wp_buf_printf(b, "document property '%s'", p->column ? p->column : "");
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
