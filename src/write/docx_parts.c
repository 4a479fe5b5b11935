/* docx_parts.c: the Word annex's package (see docx.c for its body): the
 * styles (wpgen's, or a reference document's with wpgen's added where it
 * lacks them), the page (A4 landscape, or the reference's), the settings,
 * the footnotes, the page header (the annex block, then the title and
 * the session) and footer ("Page X of Y" in PAGE and NUMPAGES fields),
 * the document's metadata as custom properties (which the reader reads
 * back as front matter), the relationships and content types, zipped in
 * memory with libzip. The same programme makes the same bytes: no part
 * carries a time, and every entry is dated 1 January 1980. */
#include "write/docx_writer.h"
#include "read/docx_reader.h"
#include "base/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int part_static(dw_part *part, const char *name, const char *text)
{
	part->name = name;
	part->len = strlen(text);
	if (!(part->data = malloc(part->len + 1)))
		return WP_ENOMEM;
	memcpy(part->data, text, part->len + 1);
	return WP_OK;
}

/***** styles *****/

#define STYLE_P(id, name, rest) \
	"<w:style w:type=\"paragraph\" w:styleId=\"" id "\"><w:name w:val=\"" name "\"/>" rest "</w:style>"

/* wpgen's styles: Arial, 10 pt text, 8 pt tables, English (so that
 * automatic hyphenation knows the language). */
static const char *const styles_xml[] = {
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
	"<w:styles xmlns:w=\"" DW_W_NS "\">"
	"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:eastAsia=\"Arial\" "
	"w:cs=\"Arial\"/><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/><w:lang w:val=\"en-GB\"/></w:rPr></w:rPrDefault>"
	"<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>"
	"</w:docDefaults>",
	"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>",
	STYLE_P("Title", "Title", "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
		"<w:pPr><w:spacing w:after=\"240\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"28\"/></w:rPr>"),
	STYLE_P("Heading1", "heading 1", "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
		"<w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/></w:pPr>"
		"<w:rPr><w:b/><w:sz w:val=\"24\"/></w:rPr>"),
	STYLE_P("TableText", "Table Text", "<w:basedOn w:val=\"Normal\"/><w:qFormat/>"
		"<w:pPr><w:spacing w:after=\"40\" w:line=\"228\" w:lineRule=\"auto\"/></w:pPr><w:rPr><w:sz w:val=\"16\"/>"
		"<w:szCs w:val=\"16\"/></w:rPr>"),
	STYLE_P("TableHead", "Table Heading", "<w:basedOn w:val=\"TableText\"/><w:qFormat/><w:rPr><w:b/>"
		"<w:sz w:val=\"15\"/><w:szCs w:val=\"15\"/></w:rPr>"),
	STYLE_P("TableTextOnDark", "Table Text on a dark shade", "<w:basedOn w:val=\"TableText\"/>"
		"<w:rPr><w:color w:val=\"FFFFFF\"/></w:rPr>"),
	STYLE_P("Quote", "Quote", "<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:ind w:left=\"567\"/></w:pPr>"),
	STYLE_P(DW_STYLE_CHANGES, "wpgen: changes", "<w:basedOn w:val=\"Normal\"/><w:pPr><w:pBdr><w:left w:val=\"single\" "
		"w:sz=\"12\" w:space=\"6\" w:color=\"808080\"/></w:pBdr></w:pPr><w:rPr><w:i/></w:rPr>"),
	STYLE_P("FootnoteText", "footnote text", "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"0\"/></w:pPr>"
		"<w:rPr><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/></w:rPr>"),
	STYLE_P("Header", "header", "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"0\"/></w:pPr>"
		"<w:rPr><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/></w:rPr>"),
	STYLE_P(DW_STYLE_RUNNING, "wpgen: running head", "<w:basedOn w:val=\"Header\"/><w:pPr><w:jc w:val=\"right\"/></w:pPr>"),
	STYLE_P("Footer", "footer", "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"0\"/><w:jc w:val=\"center\"/>"
		"</w:pPr><w:rPr><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/></w:rPr>"),
	"<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph "
	"Font\"/></w:style>",
	"<w:style w:type=\"character\" w:styleId=\"FootnoteReference\"><w:name w:val=\"footnote reference\"/>"
	"<w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr></w:style>",
	"<w:style w:type=\"character\" w:styleId=\"VerbatimChar\"><w:name w:val=\"Verbatim Char\"/>"
	"<w:rPr><w:rFonts w:ascii=\"Courier New\" w:hAnsi=\"Courier New\" w:cs=\"Courier New\"/></w:rPr></w:style>",
	"<w:style w:type=\"character\" w:styleId=\"Hyperlink\"><w:name w:val=\"Hyperlink\"/>"
	"<w:rPr><w:color w:val=\"0563C1\"/><w:u w:val=\"single\"/></w:rPr></w:style>",
	"<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:tblPr>"
	"<w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" "
	"w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar>"
	"</w:tblPr></w:style>",
	"<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/>"
	"<w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:left "
	"w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
	"w:color=\"auto\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:insideH "
	"w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:insideV w:val=\"single\" w:sz=\"4\" "
	"w:space=\"0\" w:color=\"auto\"/></w:tblBorders><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/>"
	"<w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>",
	"<w:style w:type=\"table\" w:styleId=\"" DW_STYLE_STATUS "\"><w:name w:val=\"wpgen: status\"/>"
	"<w:basedOn w:val=\"TableGrid\"/></w:style>",
	"</w:styles>\n",
};

/* wpgen's styles part, whole. */
static int styles_text(wp_buf *b)
{
	for (size_t i = 0; i < sizeof styles_xml / sizeof styles_xml[0]; i++)
		wp_buf_puts(b, styles_xml[i]);
	if (!b->oom)
		return WP_OK;
	wp_buf_free(b);
	return WP_ENOMEM;
}

static const char *style_id(const xmlNode *n)
{
	return dx_is_w(n, "style") ? dx_wattr(n, "styleId") : NULL;
}

/* The reference's styles with wpgen's added where it has no style of
 * that id. */
static int merge_styles(xmlDocPtr ref, dw_part *part)
{
	wp_buf text = {0};
	xmlDocPtr own = styles_text(&text) == WP_OK
				? xmlReadMemory(text.data, (int)text.len, "styles.xml", NULL, XML_PARSE_NONET)
				: NULL;
	wp_buf_free(&text);
	xmlNodePtr root = xmlDocGetRootElement(ref), mine = own ? xmlDocGetRootElement(own) : NULL;
	int rc = own && root && mine ? WP_OK : WP_ENOMEM;
	for (xmlNodePtr s = mine ? mine->children : NULL; rc == WP_OK && s; s = s->next) {
		const char *id = style_id(s);
		int have = 0;
		for (const xmlNode *r = root->children; id && r && !have; r = r->next)
			have = style_id(r) && !strcmp(style_id(r), id);
		if (!id || have)
			continue;
		xmlNodePtr copy = xmlDocCopyNode(s, ref, 1);
		if (!copy || !xmlAddChild(root, copy)) {
			xmlFreeNode(copy);
			rc = WP_ENOMEM;
		}
	}
	xmlChar *mem = NULL;
	int n = 0;
	if (rc == WP_OK) {
		xmlDocDumpMemoryEnc(ref, &mem, &n, "UTF-8");
		rc = mem ? WP_OK : WP_ENOMEM;
	}
	part->name = "word/styles.xml";
	part->data = NULL;
	if (rc == WP_OK && (part->data = malloc((size_t)n + 1)) != NULL) {
		memcpy(part->data, mem, (size_t)n);
		part->len = (size_t)n;
	} else if (rc == WP_OK) {
		rc = WP_ENOMEM;
	}
	xmlFree(mem);
	xmlFreeDoc(own);
	return rc;
}

/* A twips value of a reference's page, kept when it is reasonable. */
static void page_value(pkg *k, const xmlNode *n, const char *attr, long lo, long *out)
{
	long v;
	if (n && dx_num_in(k, 0, n, attr, lo, 31680 /* 22 inches, Word's largest page */, attr, &v) == 1)
		*out = v;
}

/* The reference document (pandoc's --reference-doc): its styles, and its
 * page size and margins from its last section. */
int dw_reference(dw *w, const char *ref, size_t len, const char *name, const wp_limits *lim, wp_diags *d, dw_part *out_styles)
{
	pkg k = {NULL, name, d, wp_limits_default, 0};
	if (lim && lim->docx_part) /* (a field of 0: the default) */
		k.lim.docx_part = lim->docx_part;
	if (lim && lim->docx_total)
		k.lim.docx_total = lim->docx_total;
	if (lim && lim->docx_ratio)
		k.lim.docx_ratio = lim->docx_ratio;
	rels top = {0}, main = {0};
	xmlDocPtr st = NULL, doc = NULL;
	int rc = dx_pkg_open(&k, ref, len);
	const char *part = "word/document.xml";
	if (rc == WP_OK && (rc = dx_rels_read(&k, "", &top)) == WP_OK) {
		const rel *m = dx_rel_by_type(&top, "/officeDocument");
		if (m && !m->external)
			part = m->target;
		rc = dx_rels_read(&k, part, &main);
	}
	const rel *sr = rc == WP_OK ? dx_rel_by_type(&main, "/styles") : NULL;
	if (rc == WP_OK && (!sr || sr->external))
		rc = dx_pkg_unreadable(&k, "docx.reference", "the reference document has no styles part");
	if (rc == WP_OK && (st = dx_part_xml(&k, sr->target, 0, &rc)) != NULL)
		rc = merge_styles(st, out_styles);
	if (rc == WP_OK && (doc = dx_part_xml(&k, part, 0, &rc)) != NULL) {
		const xmlNode *body = dx_child(xmlDocGetRootElement(doc), "body"), *sect = dx_child(body, "sectPr");
		if (sect) {
			const xmlNode *sz = dx_child(sect, "pgSz"), *mar = dx_child(sect, "pgMar");
			page_value(&k, sz, "w", 1440, &w->page.w);
			page_value(&k, sz, "h", 1440, &w->page.h);
			const char *o = sz ? dx_wattr(sz, "orient") : NULL;
			w->page.landscape = o ? !strcmp(o, "landscape") : w->page.w > w->page.h;
			page_value(&k, mar, "top", 0, &w->page.top);
			page_value(&k, mar, "right", 0, &w->page.right);
			page_value(&k, mar, "bottom", 0, &w->page.bottom);
			page_value(&k, mar, "left", 0, &w->page.left);
			page_value(&k, mar, "header", 0, &w->page.header);
			page_value(&k, mar, "footer", 0, &w->page.footer);
			if (w->page.left + w->page.right > w->page.w - 1440) /* no room for a table: the margins are not taken */
				w->page.left = w->page.right = 851;
		}
	}
	if (doc)
		xmlFreeDoc(doc);
	if (st)
		xmlFreeDoc(st);
	dx_rels_free(&top);
	dx_rels_free(&main);
	if (k.zip)
		zip_discard(k.zip);
	return rc;
}

/***** the other parts *****/

static const char settings_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<w:settings xmlns:w=\"" DW_W_NS "\"><w:defaultTabStop w:val=\"709\"/><w:autoHyphenation/>"
	"<w:characterSpacingControl w:val=\"doNotCompress\"/>"
	"<w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>"
	"<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" "
	"w:val=\"15\"/></w:compat></w:settings>\n";

/* The footnotes Word numbers (docx.c chose them), after the two
 * separators Word wants. */
static int footnotes_part(dw *w, dw_part *part)
{
	if (dw_part_begin(w) != WP_OK)
		return WP_ENOMEM;
	dw_start(w, "w:footnotes");
	dw_attr(w, "xmlns:w", DW_W_NS);
	dw_attr(w, "xmlns:r", DW_R_NS);
	for (int sep = -1; sep <= 0; sep++) {
		dw_start(w, "w:footnote");
		dw_attr(w, "w:type", sep < 0 ? "separator" : "continuationSeparator");
		dw_attrl(w, "w:id", sep);
		dw_start(w, "w:p");
		dw_start(w, "w:pPr");
		dw_start(w, "w:spacing");
		dw_attr(w, "w:after", "0");
		dw_end(w);
		dw_end(w);
		dw_start(w, "w:r");
		dw_empty(w, sep < 0 ? "w:separator" : "w:continuationSeparator");
		dw_end(w);
		dw_end(w);
		dw_end(w);
	}
	for (size_t i = 0; i < w->p->nfootnotes; i++) {
		if (!w->real[i])
			continue;
		const wp_field *f = &w->p->footnotes[i].text;
		dw_start(w, "w:footnote");
		dw_attrl(w, "w:id", (long)i + 1);
		/* one paragraph, as the Markdown annex has a footnote: its
		 * paragraphs apart by two line breaks */
		dw_start(w, "w:p");
		dw_start(w, "w:pPr");
		dw_val(w, "w:pStyle", "FootnoteText");
		dw_end(w);
		dw_start(w, "w:r");
		dw_start(w, "w:rPr");
		dw_val(w, "w:rStyle", "FootnoteReference");
		dw_end(w);
		dw_empty(w, "w:footnoteRef");
		dw_end(w);
		dw_start(w, "w:r");
		dw_text(w, " ", 1, 0);
		dw_end(w);
		dw_note_runs(w, f);
		dw_end(w);
		dw_end(w);
	}
	dw_end(w);
	return dw_part_end(w, part, "word/footnotes.xml");
}

static void header_para(dw *w, const char *pstyle, const char *text)
{
	dw_start(w, "w:p");
	dw_start(w, "w:pPr");
	dw_val(w, "w:pStyle", pstyle);
	dw_end(w);
	dw_start(w, "w:r");
	dw_text(w, text, strlen(text), 0);
	dw_end(w);
	dw_end(w);
}

/* The page header: the annex block (its marker, the document, the running
 * title: what the reader reads as the annex block), then the title and
 * the session (style WpgenRunningHead, which the reader passes). */
static int header_part(dw *w, dw_part *part)
{
	const wp_programme *p = w->p;
	const char *marker = w->prof->annex_marker;
	int paras = 0;
	if (dw_part_begin(w) != WP_OK)
		return WP_ENOMEM;
	dw_start(w, "w:hdr");
	dw_attr(w, "xmlns:w", DW_W_NS);
	dw_attr(w, "xmlns:r", DW_R_NS);
	if (marker && *marker && p->annex_to) {
		header_para(w, "Header", marker);
		header_para(w, "Header", p->annex_to);
		if (p->running_title)
			header_para(w, "Header", p->running_title);
		paras = 1;
	}
	const char *title = p->title ? p->title : p->running_title;
	if (title || p->session) {
		wp_buf t = {0};
		wp_buf_printf(&t, "%s%s%s", title ? title : "", title && p->session ? " \u2013 " : "", p->session ? p->session : "");
		if (t.oom)
			w->err = 1;
		else
			header_para(w, DW_STYLE_RUNNING, t.data);
		wp_buf_free(&t);
		paras = 1;
	}
	if (!paras)
		dw_empty(w, "w:p");
	dw_end(w);
	return dw_part_end(w, part, "word/header1.xml");
}

static void field(dw *w, const char *instr, const char *shown)
{
	dw_start(w, "w:fldSimple");
	dw_attr(w, "w:instr", instr);
	dw_start(w, "w:r");
	dw_text(w, shown, strlen(shown), 0);
	dw_end(w);
	dw_end(w);
}

/* "Page X of Y", in fields the word processor fills in. */
static int footer_part(dw *w, dw_part *part)
{
	if (dw_part_begin(w) != WP_OK)
		return WP_ENOMEM;
	dw_start(w, "w:ftr");
	dw_attr(w, "xmlns:w", DW_W_NS);
	dw_attr(w, "xmlns:r", DW_R_NS);
	dw_start(w, "w:p");
	dw_start(w, "w:pPr");
	dw_val(w, "w:pStyle", "Footer");
	dw_end(w);
	dw_start(w, "w:r");
	dw_text(w, "Page ", 5, 0);
	dw_end(w);
	field(w, " PAGE ", "1");
	dw_start(w, "w:r");
	dw_text(w, " of ", 4, 0);
	dw_end(w);
	field(w, " NUMPAGES ", "1");
	dw_end(w);
	dw_end(w);
	return dw_part_end(w, part, "word/footer1.xml");
}

/* The metadata the Markdown annex keeps in its front matter, as custom
 * document properties "wpgen:KEY" (File > Properties > Custom in Word). */
static int custom_part(dw *w, dw_part *part, int *any)
{
	const wp_programme *p = w->p;
	char period[32] = "";
	unsigned said = p->explicit_meta & (WP_META_PROGRAMME | WP_META_NOT_PROGRAMME);
	if (p->period_start && (p->explicit_meta & WP_META_PERIOD))
		snprintf(period, sizeof period, "%d-%d", p->period_start, p->period_end);
	/* acknowledged findings: a YAML flow list of JSON strings (one line,
	 * which the reader puts back in front matter as it is) */
	wp_buf acc = {0};
	for (size_t i = 0; i < p->naccepts; i++) {
		wp_buf_puts(&acc, i ? ", {rule: " : "[{rule: ");
		esc_json(&acc, p->accepts[i].rule);
		wp_buf_puts(&acc, ", at: ");
		esc_json(&acc, p->accepts[i].at);
		wp_buf_puts(&acc, ", why: ");
		esc_json(&acc, p->accepts[i].why);
		wp_buf_puts(&acc, i + 1 == p->naccepts ? "}]" : "}");
	}
	if (acc.oom) {
		wp_buf_free(&acc);
		return WP_ENOMEM;
	}
	const char *keys[][2] = {
		{"profile", (p->explicit_meta & WP_META_PROFILE) ? p->profile : NULL},
		{"body", p->body},
		{"period", *period ? period : NULL},
		{"session", p->session},
		{"as_of", p->as_of},
		{"programme", said ? (said == WP_META_PROGRAMME ? "yes" : "no") : NULL},
		{"accept", acc.data},
	};
	long pid = 2;
	*any = 0;
	if (dw_part_begin(w) != WP_OK) {
		wp_buf_free(&acc);
		return WP_ENOMEM;
	}
	dw_start(w, "Properties");
	dw_attr(w, "xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties");
	dw_attr(w, "xmlns:vt", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes");
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (!keys[i][1])
			continue;
		char name[32];
		snprintf(name, sizeof name, "wpgen:%s", keys[i][0]);
		dw_start(w, "property");
		dw_attr(w, "fmtid", "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}");
		dw_attrl(w, "pid", pid++);
		dw_attr(w, "name", name);
		dw_start(w, "vt:lpwstr");
		if (xmlTextWriterWriteString(w->x, BAD_CAST keys[i][1]) < 0)
			w->err = 1;
		dw_end(w);
		dw_end(w);
		*any = 1;
	}
	dw_end(w);
	wp_buf_free(&acc);
	return dw_part_end(w, part, "docProps/custom.xml");
}

static int core_part(dw *w, dw_part *part)
{
	if (dw_part_begin(w) != WP_OK)
		return WP_ENOMEM;
	dw_start(w, "cp:coreProperties");
	dw_attr(w, "xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
	dw_attr(w, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
	if (w->p->title) {
		dw_start(w, "dc:title");
		if (xmlTextWriterWriteString(w->x, BAD_CAST w->p->title) < 0)
			w->err = 1;
		dw_end(w);
	}
	dw_end(w);
	return dw_part_end(w, part, "docProps/core.xml");
}

static void relationship(dw *w, const char *id, const char *type, const char *target, int external)
{
	dw_start(w, "Relationship");
	dw_attr(w, "Id", id);
	dw_attr(w, "Type", type);
	dw_attr(w, "Target", target);
	if (external)
		dw_attr(w, "TargetMode", "External");
	dw_end(w);
}

/* The document's relationships: its parts, and each link's target. */
static int document_rels(dw *w, dw_part *part)
{
	static const char *const own[][3] = {
		{"rIdS", DW_REL "styles", "styles.xml"},       {"rIdT", DW_REL "settings", "settings.xml"},
		{"rIdN", DW_REL "footnotes", "footnotes.xml"}, {"rIdH", DW_REL "header", "header1.xml"},
		{"rIdF", DW_REL "footer", "footer1.xml"},
	};
	if (dw_part_begin(w) != WP_OK)
		return WP_ENOMEM;
	dw_start(w, "Relationships");
	dw_attr(w, "xmlns", "http://schemas.openxmlformats.org/package/2006/relationships");
	for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
		relationship(w, own[i][0], own[i][1], own[i][2], 0);
	for (size_t i = 0; i < w->nlinks; i++) {
		char id[32];
		snprintf(id, sizeof id, "rIdL%zu", i + 1);
		relationship(w, id, DW_REL "hyperlink", w->links[i], 1);
	}
	dw_end(w);
	return dw_part_end(w, part, "word/_rels/document.xml.rels");
}

#define CT_PART(name, type) "<Override PartName=\"" name "\" ContentType=\"" type "\"/>"
#define CT_WML "application/vnd.openxmlformats-officedocument.wordprocessingml."

static const char content_types[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	CT_PART("/word/document.xml", CT_WML "document.main+xml")
	CT_PART("/word/styles.xml", CT_WML "styles+xml")
	CT_PART("/word/settings.xml", CT_WML "settings+xml")
	CT_PART("/word/footnotes.xml", CT_WML "footnotes+xml")
	CT_PART("/word/header1.xml", CT_WML "header+xml")
	CT_PART("/word/footer1.xml", CT_WML "footer+xml")
	CT_PART("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml")
	CT_PART("/docProps/custom.xml", "application/vnd.openxmlformats-officedocument.custom-properties+xml")
	"</Types>\n";

static const char package_rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"" DW_REL "officeDocument\" Target=\"word/document.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
	"core-properties\" Target=\"docProps/core.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" DW_REL "custom-properties\" Target=\"docProps/custom.xml\"/>"
	"</Relationships>\n";

/***** the package *****/

/* The parts zipped in memory, in order ([Content_Types].xml first), each
 * dated 1 January 1980: the same parts make the same bytes. The parts'
 * data pass to libzip. */
static int zip_parts(dw_part *parts, size_t n, char **out, size_t *len)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_t *z = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
	int rc = z ? WP_OK : WP_ENOMEM;
	if (!z && src)
		zip_source_free(src);
	if (z)
		zip_source_keep(src);
	for (size_t i = 0; rc == WP_OK && i < n; i++) {
		zip_source_t *s = zip_source_buffer(z, parts[i].data, parts[i].len, 1);
		zip_int64_t at = s ? zip_file_add(z, parts[i].name, s, ZIP_FL_ENC_UTF_8) : -1;
		if (s && at < 0)
			zip_source_free(s);
		if (s)
			parts[i].data = NULL; /* libzip's now */
		if (at < 0 || zip_set_file_compression(z, (zip_uint64_t)at, ZIP_CM_DEFLATE, 9) < 0 ||
		    zip_file_set_dostime(z, (zip_uint64_t)at, 0, (0 << 9) | (1 << 5) | 1, 0) < 0)
			rc = WP_ENOMEM;
	}
	if (z && rc != WP_OK)
		zip_discard(z);
	else if (z && zip_close(z) < 0) {
		zip_discard(z);
		rc = WP_ENOMEM;
	}
	*out = NULL;
	if (rc == WP_OK && zip_source_open(src) == 0) {
		zip_int64_t size = -1;
		if (zip_source_seek(src, 0, SEEK_END) == 0)
			size = zip_source_tell(src);
		if (size < 0 || zip_source_seek(src, 0, SEEK_SET) != 0 || !(*out = malloc((size_t)size + 1)) ||
		    zip_source_read(src, *out, (zip_uint64_t)size) != size) {
			free(*out);
			*out = NULL;
			rc = WP_ENOMEM;
		} else {
			*len = (size_t)size;
		}
		zip_source_close(src);
	} else if (rc == WP_OK) {
		rc = WP_ENOMEM;
	}
	if (z)
		zip_source_free(src);
	return rc;
}

int dw_package(dw *w, dw_part *document, dw_part *own_styles, char **out, size_t *len)
{
	enum { N = 11 };
	dw_part parts[N] = {{0}};
	int any = 0, rc = part_static(&parts[0], "[Content_Types].xml", content_types);
	if (rc == WP_OK)
		rc = part_static(&parts[1], "_rels/.rels", package_rels);
	if (rc == WP_OK)
		rc = core_part(w, &parts[2]);
	if (rc == WP_OK)
		rc = custom_part(w, &parts[3], &any);
	if (rc == WP_OK) {
		parts[4] = *document;
		document->data = NULL;
		rc = document_rels(w, &parts[5]);
	}
	if (rc == WP_OK) {
		if (own_styles && own_styles->data) {
			parts[6] = *own_styles;
			own_styles->data = NULL;
		} else {
			wp_buf text = {0};
			if ((rc = styles_text(&text)) == WP_OK) {
				parts[6].name = "word/styles.xml";
				parts[6].data = wp_buf_detach(&text, &parts[6].len);
				rc = parts[6].data ? WP_OK : WP_ENOMEM;
			}
		}
	}
	if (rc == WP_OK)
		rc = part_static(&parts[7], "word/settings.xml", settings_xml);
	if (rc == WP_OK)
		rc = footnotes_part(w, &parts[8]);
	if (rc == WP_OK)
		rc = header_part(w, &parts[9]);
	if (rc == WP_OK)
		rc = footer_part(w, &parts[10]);
	(void)any; /* (an empty custom part is a valid one) */
	if (rc == WP_OK)
		rc = zip_parts(parts, N, out, len);
	for (size_t i = 0; i < N; i++)
		free(parts[i].data);
	return rc;
}
