/* md_html_table.c: tables written as raw HTML, as Word-to-Markdown
 * converters write a table whose cells hold paragraphs: read with
 * libxml2's HTML parser, row by row, as pipe tables are (see
 * md_reader.h). */
#include "read/md_reader.h"

/***** HTML tables, as Word-to-Markdown converters write them *****/

/* A table whose cells hold several paragraphs is written by converters
 * (pandoc among them) as a raw HTML <table> in the Markdown: <colgroup>,
 * <thead> with <th> cells, <tbody> rows of <td> cells holding <p>s, marks
 * as <sup>. libxml2's HTML parser reads it; its rows and cells go through
 * the same placement as a pipe table's. */

static int is_el(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !xmlStrcasecmp(n->name, BAD_CAST name);
}

/* Where an element starts in the source, exactly. libxml2 keeps element
 * lines in 16 bits (a table past 65,535 lines would lose them) and no
 * columns, so the start handler notes each element's byte offset, plus
 * one, in its _private; the source's line table turns it into a line and
 * a column. */
static void html_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	htmlParserCtxtPtr c = ctx;
	xmlSAX2StartElement(ctx, name, atts);
	xmlParserInputPtr in = c->input;
	if (!c->node || !in || !in->cur || !in->base)
		return;
	const xmlChar *p = in->cur; /* at the tag's '>': back to its '<' */
	while (p > in->base && *p != '<')
		p--;
	c->node->_private = (void *)(uintptr_t)(in->consumed + (size_t)(p - in->base) + 1);
}

static wp_pos html_pos(reader *r, xmlNodePtr n)
{
	while (n && n->type != XML_ELEMENT_NODE)
		n = n->parent;
	uintptr_t at = n ? (uintptr_t)n->_private : 0;
	if (!at || r->html_off0 + at - 1 >= r->src.len)
		return (wp_pos){r->html_line0, 1};
	size_t off = r->html_off0 + at - 1, lo = 0, hi = r->src.nlines;
	while (hi - lo > 1) { /* the last line starting at or before off */
		size_t mid = lo + (hi - lo) / 2;
		if (r->src.line_start[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return md_pos_at(r, (int)lo + 1, (int)(off - r->src.line_start[lo]) + 1);
}

/* Text as a browser shows it: every run of white space one space. */
static void html_text(reader *r, const char *t)
{
	wp_buf b = {0};
	/* a space at the start of a line (of a paragraph, after a <br>) or
	 * after a space is not shown */
	int line_start = 1;
	if (r->para && r->text.len) {
		line_start = r->text.data[r->text.len - 1] == ' ';
	} else if (r->para && r->para->nruns) {
		const wp_run *x = &r->para->runs[r->para->nruns - 1];
		line_start = x->kind == WP_RUN_BREAK || (x->len && x->text[x->len - 1] == ' ');
	}
	for (const char *p = t; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			if (b.len ? b.data[b.len - 1] != ' ' : !line_start)
				wp_buf_putc(&b, ' ');
		} else {
			wp_buf_putc(&b, *p);
		}
	}
	if (b.oom)
		r->oom = 1;
	else if (b.len)
		md_text_add(r, b.data, b.len, md_cur_style(r), r->href);
	wp_buf_free(&b);
}

/* Digits as superscripts: a footnote mark ("8" -> "⁸"). */
void md_superscript(reader *r, const char *t)
{
	static const char *const sup[] = {"\u2070", "\u00B9", "\u00B2", "\u00B3", "\u2074",
					  "\u2075", "\u2076", "\u2077", "\u2078", "\u2079"};
	size_t n = strlen(t);
	const char *d = wp_trim(t, &n);
	for (size_t i = 0; i < n; i++)
		if (d[i] < '0' || d[i] > '9') {
			html_text(r, t); /* not a mark: as written */
			return;
		}
	for (size_t i = 0; i < n; i++)
		md_text_add(r, sup[d[i] - '0'], strlen(sup[d[i] - '0']), md_cur_style(r), r->href);
}

/* Elements nested deeper than this in a cell are read as their text (the
 * walk of a cell does not follow a nest down the stack, whatever depth
 * libxml2 allows). */
#define INLINE_DEPTH 128
/* libxml2 keeps at most this much of one text node without
 * XML_PARSE_HUGE, and drops the rest without a word: a text that reaches
 * it is said. (The Word reader splits a longer cell's text.) */
#define HTML_TEXT_MAX 10000000

static void html_inlines_at(reader *r, xmlNodePtr n, int depth);

static void html_inlines(reader *r, xmlNodePtr n)
{
	html_inlines_at(r, n, 0);
}

static void html_inlines_at(reader *r, xmlNodePtr n, int depth)
{
	if (depth > INLINE_DEPTH) { /* its text, whatever holds it (xmlNodeGetContent does not recurse) */
		xmlChar *t = xmlNodeGetContent(n);
		if (t)
			html_text(r, (const char *)t);
		xmlFree(t);
		return;
	}
	for (xmlNodePtr c = n->children; c && !r->oom; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (!r->para)
				r->next_pos = r->field->nparas ? html_pos(r, c->parent) : r->next_pos;
			if (c->content && xmlStrlen(c->content) >= HTML_TEXT_MAX - 1)
				wp_diags_add(r->diags, r->name, html_pos(r, c->parent).line, 1, WP_ERROR, "read.limit",
					     "a text of 10 MB or more in one element of an HTML table: libxml2 reads no more "
					     "of one, and what follows is lost; split the text (a paragraph a <p>)");
			html_text(r, (const char *)c->content);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)c->name;
		if (is_el(c, "p") || is_el(c, "div") || is_el(c, "li")) {
			md_para_close(r);
			r->next_pos = html_pos(r, c);
			html_inlines_at(r, c, depth + 1);
			md_para_close(r);
		} else if (is_el(c, "br")) {
			if (r->text.len && r->text.data[r->text.len - 1] == ' ')
				r->text.len--; /* a space before a line break is not shown either */
			if (r->para || md_para_open(r)) {
				md_run_flush(r);
				md_run_add(r, WP_RUN_BREAK, "", 0);
			}
		} else if (is_el(c, "sup")) {
			xmlChar *t = xmlNodeGetContent(c);
			md_superscript(r, t ? (const char *)t : "");
			xmlFree(t);
		} else if (is_el(c, "a")) {
			xmlChar *href = xmlGetProp(c, BAD_CAST "href");
			if (href && href[0] == '#' && !xmlStrncmp(href, BAD_CAST "#fn", 3)) {
				/* a footnote reference: its number is the mark */
				xmlChar *t = xmlNodeGetContent(c);
				md_superscript(r, t ? (const char *)t : "");
				xmlFree(t);
			} else {
				md_run_flush(r);
				r->href = href ? wp_arena_strdup(r->arena, (const char *)href) : NULL;
				if (href && !r->href)
					r->oom = 1;
				html_inlines_at(r, c, depth + 1);
				md_run_flush(r);
				r->href = NULL;
			}
			xmlFree(href);
		} else {
			unsigned bit = mb_html_style(name); /* libxml2's HTML parser lowercases names */
			if (bit & (WP_STYLE_INS | WP_STYLE_DEL)) {
				xmlChar *au = xmlGetProp(c, BAD_CAST "data-author"), *dt = xmlGetProp(c, BAD_CAST "datetime");
				md_run_flush(r);
				r->pending_change = 1;
				r->author = au ? wp_arena_strdup(r->arena, (const char *)au) : NULL;
				r->date = dt ? wp_arena_strdup(r->arena, (const char *)dt) : NULL;
				xmlFree(au);
				xmlFree(dt);
			}
			int i = bit ? __builtin_ctz(bit) : -1;
			if (i >= 0)
				r->depth[i]++;
			html_inlines_at(r, c, depth + 1); /* any other element: its text, never its markup */
			if (i >= 0)
				r->depth[i]--;
			if (bit & (WP_STYLE_INS | WP_STYLE_DEL)) {
				md_run_flush(r);
				r->pending_change = 1;
				r->author = r->date = NULL;
			}
		}
	}
}

/* A status cell of a Word original says its colour by its shading (or a
 * highlight; the .docx reader writes them as data-fill, data-fill-base
 * and data-highlight), not in words: its colour's name is its text, as an
 * author of the Markdown writes it. A shading that is none of the
 * profile's colours is said, with its value. */
static void shading_status(reader *r, xmlNodePtr cell, wp_field *f, wp_pos at)
{
	xmlChar *fill = xmlGetProp(cell, BAD_CAST "data-fill"), *base = xmlGetProp(cell, BAD_CAST "data-fill-base"),
		*hl = xmlGetProp(cell, BAD_CAST "data-highlight");
	if ((fill || hl) && wp_field_is_empty(f)) {
		const wp_profile_colour *c = wp_profile_colour_of_fill(r->prof, (const char *)fill, (const char *)base,
								       (const char *)hl);
		if (c && c->name && *c->name) {
			wp_buf name = {0};
			wp_buf_putc(&name, (char)toupper((unsigned char)c->name[0]));
			wp_buf_puts(&name, c->name + 1);
			/* in a row inserted or deleted whole, the colour is too */
			xmlNodePtr w = cell->children;
			while (w && w->type != XML_ELEMENT_NODE)
				w = w->next;
			unsigned style = is_el(w, "del") ? WP_STYLE_DEL : is_el(w, "ins") ? WP_STYLE_INS : 0;
			md_field_begin(r, f, at);
			if (style) {
				xmlChar *au = xmlGetProp(w, BAD_CAST "data-author"), *dt = xmlGetProp(w, BAD_CAST "datetime");
				r->pending_change = 1;
				r->author = au ? wp_arena_strdup(r->arena, (const char *)au) : NULL;
				r->date = dt ? wp_arena_strdup(r->arena, (const char *)dt) : NULL;
				xmlFree(au);
				xmlFree(dt);
			}
			if (!name.oom)
				md_text_add(r, name.data, name.len, style, NULL);
			md_field_end(r);
			r->author = r->date = NULL;
			r->oom |= name.oom;
			wp_buf_free(&name);
		} else {
			wp_buf names = {0};
			for (size_t i = 0; i < r->prof->ncolours; i++)
				wp_buf_printf(&names, "%s%s", i ? ", " : "", r->prof->colours[i].name);
			wp_diags_add(r->diags, r->name, at.line, at.col, WP_WARNING, "status.fill",
				     "the status cell is %s %s%s, which is none of the profile's colours (%s): its colour is "
				     "not read", fill ? "shaded" : "highlighted", fill ? "#" : "", fill ? (const char *)fill : (const char *)hl,
				     names.data ? names.data : "none");
			wp_buf_free(&names);
		}
	}
	xmlFree(fill);
	xmlFree(base);
	xmlFree(hl);
}

/* The columns a cell spans (colspan, 1 when absent or unreasonable). */
static size_t html_span(xmlNodePtr c)
{
	xmlChar *cs = xmlGetProp(c, BAD_CAST "colspan");
	long n = cs ? strtol((const char *)cs, NULL, 10) : 1;
	xmlFree(cs);
	return n >= 1 && n <= 1000 ? (size_t)n : 1;
}

/* The cells of a row (th and td), in order. */
size_t md_html_cells(xmlNodePtr tr, xmlNodePtr *cells, size_t max, size_t *span_total)
{
	size_t n = 0;
	*span_total = 0;
	for (xmlNodePtr c = tr->children; c; c = c->next) {
		if (!is_el(c, "td") && !is_el(c, "th"))
			continue;
		*span_total += html_span(c);
		if (cells && n < max)
			cells[n] = c;
		n++;
	}
	return n;
}

static int has_cells(xmlNodePtr tr)
{
	for (xmlNodePtr c = tr->children; c; c = c->next)
		if (is_el(c, "td") || is_el(c, "th"))
			return 1;
	return 0;
}


/* A row whose cells are only dashes: the border of a pipe table that a
 * converter carried into HTML, as is_stray_rule. */
static int html_stray_rule(xmlNodePtr *cells, size_t n)
{
	int rules = 0, other = 0;
	for (size_t i = 0; i < n && !other; i++) {
		xmlChar *t = xmlNodeGetContent(cells[i]);
		size_t len = t ? strlen((const char *)t) : 0;
		const char *s = t ? wp_trim((const char *)t, &len) : NULL;
		if (len) {
			if (md_is_rule_cell(s, len))
				rules++;
			else
				other = 1;
		}
		xmlFree(t);
	}
	return rules && !other;
}

static xmlNodePtr first_table(xmlNodePtr n)
{
	for (xmlNodePtr c = n; c; c = c->next) {
		if (is_el(c, "table"))
			return c;
		xmlNodePtr t = c->children ? first_table(c->children) : NULL;
		if (t)
			return t;
	}
	return NULL;
}

/* libxml2's HTML parser recovers from what browsers forgive, but stops at
 * a fatal error (elements nested past 256): what follows would be lost. */
static void html_error(void *ctx, xmlErrorPtr e)
{
	int *fatal = ctx;
	if (e && e->level == XML_ERR_FATAL)
		*fatal = 1;
}

/* Reads an HTML table from text (lines line0 on), as a pipe table is read.
 * Returns 0, and why in *why, when it is not a table wpgen can read. */
/* Whether n is still being built: the parser's current node is n or in it. */
static int html_open(const htab *h, xmlNodePtr n)
{
	for (xmlNodePtr c = h->ctxt->node; c; c = c->parent)
		if (c == n)
			return 1;
	return 0;
}

/* The table's rows that the parser has finished, in order, up to max;
 * *head: how many of them are thead's (all of thead's when it is closed,
 * else SIZE_MAX: not known yet). Rows already read are freed, so these
 * are the ones left. */
static size_t html_whole_rows(const htab *h, xmlNodePtr *rows, size_t max, size_t *head, int final)
{
	size_t n = 0;
	*head = 0;
	for (xmlNodePtr c = h->table->children; c && n < max; c = c->next) {
		if (is_el(c, "tr") && has_cells(c)) {
			if (!final && html_open(h, c))
				return n;
			rows[n++] = c;
		} else if (is_el(c, "thead") || is_el(c, "tbody") || is_el(c, "tfoot")) {
			int thead = is_el(c, "thead");
			for (xmlNodePtr t = c->children; t && n < max; t = t->next)
				if (is_el(t, "tr") && has_cells(t)) {
					if (!final && html_open(h, t)) {
						if (thead)
							*head = SIZE_MAX;
						return n;
					}
					rows[n++] = t;
					*head += thead;
				}
			if (thead && !final && html_open(h, c)) {
				*head = SIZE_MAX; /* thead goes on: more header rows may come */
				return n;
			}
		}
	}
	return n;
}

/* A row read: freed, with the white space before it, so that what is
 * left of the table stays a few nodes long (each drain walks it). */
static void html_free_row(xmlNodePtr tr)
{
	while (tr->prev && tr->prev->type == XML_TEXT_NODE) {
		xmlNodePtr t = tr->prev;
		xmlUnlinkNode(t);
		xmlFreeNode(t);
	}
	xmlUnlinkNode(tr);
	xmlFreeNode(tr);
}

/* Whether the header's cells are the columns rather than the grid: a
 * header row with a cell over several grid columns (a word processor that
 * merged two tables keeps each one's columns over a grid common to both),
 * or a header-less row of as many cells as its section has columns.
 * Sets h->map from the row's cells; 1 when it did. */
static int html_map(htab *h, xmlNodePtr *cells, size_t n, size_t spans, int header)
{
	reader *r = h->r;
	if (n == spans || (!header && !(r->cur && r->cur->ncolumns == n)))
		return 0;
	wp_free(h->map);
	h->nmap = 0;
	if (!(h->map = wp_malloc(spans * sizeof *h->map))) {
		r->oom = 1;
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		for (size_t k = html_span(cells[i]); k-- > 0 && h->nmap < spans;)
			h->map[h->nmap++] = i;
	return 1;
}

/* The header: thead's last row (rows above it in thead, a title over the
 * columns, are kept as a note), else the first row when its cells are th
 * or read as the profile's headers, else none: a header-less table
 * continuing its section, as a page of a pipe table. Returns the rows it
 * took, or -1 when memory ran out. */
static long html_header(htab *h, xmlNodePtr *rows, size_t nhead)
{
	reader *r = h->r;
	size_t hr = nhead ? nhead - 1 : 0, spans;
	for (size_t k = 0; k + 1 < nhead && !r->oom; k++) {
		wp_field *home = md_text_home(r);
		md_field_begin(r, home, html_pos(r, rows[k]));
		for (xmlNodePtr c = rows[k]->children; c; c = c->next)
			if (is_el(c, "th") || is_el(c, "td")) {
				md_para_close(r);
				r->next_pos = html_pos(r, c);
				html_inlines(r, c);
				md_para_close(r);
			}
		md_field_end(r);
	}
	size_t n = md_html_cells(rows[hr], NULL, 0, &spans), ncols = spans;
	char **hdr = wp_arena_alloc(&r->scratch, ncols * sizeof *hdr);
	int *marks = wp_arena_alloc(&r->scratch, ncols * sizeof *marks);
	wp_pos *colpos = wp_arena_alloc(&r->scratch, ncols * sizeof *colpos);
	xmlNodePtr *cells = wp_arena_alloc(&r->scratch, n * sizeof *cells);
	if (!hdr || !marks || !colpos || !cells) {
		r->oom = 1;
		return -1;
	}
	wp_pos pos = html_pos(r, rows[hr]);
	for (size_t i = 0; i < ncols; i++) {
		hdr[i] = "";
		marks[i] = 0;
		colpos[i] = pos;
	}
	md_html_cells(rows[hr], cells, n, &spans);
	int all_th = 1;
	for (size_t i = 0, col = 0; i < n && col < ncols; i++) {
		wp_field f = {0};
		md_field_begin(r, &f, html_pos(r, cells[i]));
		html_inlines(r, cells[i]);
		md_field_end(r);
		if (!(hdr[col] = md_scratch_text(r, &f)))
			return -1;
		marks[col] = md_strip_mark(hdr[col]);
		colpos[col] = html_pos(r, cells[i]);
		col += html_span(cells[i]);
		all_th &= is_el(cells[i], "th");
	}
	size_t score;
	if (n != spans) { /* one column a cell, its text where the cell starts */
		char **one = wp_arena_alloc(&r->scratch, n * sizeof *one);
		if (!one)
			return r->oom = 1, -1;
		for (size_t i = 0, col = 0; i < n; col += html_span(cells[i]), i++)
			one[i] = hdr[col];
		if ((nhead || all_th || md_match_kind(r->prof, one, n, &score)) ? html_map(h, cells, n, spans, 1)
										  : html_map(h, cells, n, spans, 0)) {
			nhead = nhead || all_th || md_match_kind(r->prof, one, n, &score);
			for (size_t i = 0, col = 0; i < n; col += html_span(cells[i]), i++) {
				hdr[i] = hdr[col];
				marks[i] = marks[col];
				colpos[i] = colpos[col];
			}
			ncols = n;
		}
	}
	if (!nhead && (all_th || md_match_kind(r->prof, hdr, ncols, &score)))
		nhead = 1;
	if (r->oom)
		return -1;
	if (!nhead)
		for (size_t i = 0; i < ncols; i++) {
			hdr[i] = "";
			marks[i] = 0;
			colpos[i] = pos;
		}
	h->ncols = ncols;
	h->may_guide = md_place_header(r, hdr, marks, ncols, pos, colpos, 0);
	h->started = 1;
	return (long)nhead;
}

/* The column of grid column g under the header's map (past the map: past
 * the columns, kept apart so that extra cells are counted). */
static size_t html_col(const htab *h, size_t g)
{
	return !h->map ? g : g < h->nmap ? h->map[g] : h->ncols + (g - h->nmap);
}

/* One row of the body, placed as a pipe table's. Returns 0 when the
 * section has no columns (never: a header has a cell, a section a column). */
static int html_row(htab *h, xmlNodePtr tr)
{
	reader *r = h->r;
	wp_section *s = r->cur;
	row w = {0};
	size_t spans;
	if (!s || !s->ncolumns)
		return 0;
	size_t nc = md_html_cells(tr, NULL, 0, &spans), written = spans;
	xmlNodePtr *rc = wp_malloc((nc ? nc : 1) * sizeof *rc);
	w.n = s->ncolumns;
	w.pos = html_pos(r, tr);
	w.line = w.pos.line;
	w.written = (unsigned)written;
	w.fields = wp_arena_alloc(r->arena, w.n * sizeof *w.fields);
	if (!rc || !w.fields) {
		wp_free(rc);
		r->oom = 1;
		return 1;
	}
	md_html_cells(tr, rc, nc, &spans);
	if (html_stray_rule(rc, nc)) {
		r->p->stats.furniture++;
		wp_free(rc);
		return 1;
	}
	size_t grid = 0, col = 0;
	int all_empty = 1;
	if (h->map) /* the columns the cells cover, the header's */
		written = nc ? html_col(h, spans - 1) + 1 : 0;
	for (size_t i = 0; i < nc; i++) {
		/* cells beyond the columns are kept at the end of the last one */
		col = html_col(h, grid);
		size_t to = col < w.n ? col : w.n - 1;
		wp_pos cp = html_pos(r, rc[i]);
		if (col < w.n)
			w.fields[to].pos = w.fields[to].end = cp;
		md_field_begin(r, &w.fields[to], cp);
		r->next_pos = cp;
		html_inlines(r, rc[i]);
		md_field_end(r);
		if (col < w.n && (s->columns[col].roles & WP_ROLE_STATUS))
			shading_status(r, rc[i], &w.fields[col], cp);
		xmlChar *t = xmlNodeGetContent(rc[i]);
		size_t tl = t ? strlen((const char *)t) : 0;
		all_empty &= !tl || !wp_trim((const char *)t, &tl) || !tl;
		xmlFree(t);
		grid += html_span(rc[i]);
	}
	wp_free(rc);
	for (size_t i = 0; i < w.n; i++)
		if (!w.fields[i].pos.line)
			w.fields[i].pos = w.fields[i].end = w.pos;
	size_t want = h->ncols < w.n ? h->ncols : w.n;
	if (written != want && !all_empty)
		wp_diags_add(r->diags, r->name, w.pos.line, w.pos.col, WP_ERROR, "table.cells",
			     written < want ? "row has %zu cells where the header has %zu"
					    : "row has %zu cells where the header has %zu; the extra cells are kept at the end of the last column",
			     written, want);
	if (!r->oom)
		md_place_row(r, &w, &h->may_guide);
	return 1;
}

/* Reads the rows the parser has finished since the last call; the header
 * once it is known. Returns 0 when the table cannot be read. */
static int html_drain(htab *h, int final)
{
	reader *r = h->r;
	xmlNodePtr rows[64];
	if (!h->table && h->ctxt->myDoc)
		h->table = first_table(xmlDocGetRootElement(h->ctxt->myDoc));
	if (!h->table)
		return 1;
	for (;;) {
		size_t head, n = html_whole_rows(h, rows, sizeof rows / sizeof rows[0], &head, final);
		if (!n || r->oom)
			return 1;
		if (!h->started) {
			/* the header needs thead whole, and a row after it (or the end) */
			if (head == SIZE_MAX || (!final && head >= n) || (!final && !head && n < 2))
				return 1;
			r->p->stats.tables++;
			long took = html_header(h, rows, head);
			if (took < 0)
				return 0;
			for (long k = 0; k < took; k++) /* the header's rows (and the title rows above it) */
				html_free_row(rows[k]);
			continue; /* the rows left, afresh */
		}
		for (size_t k = 0; k < n && !r->oom; k++) {
			if (!html_row(h, rows[k]))
				return 0;
			html_free_row(rows[k]);
		}
		wp_arena_free(&r->scratch); /* each row's texts: done with */
	}
}

/* Reads an HTML table from text (lines line0 on), as a pipe table is read.
 * Returns 0, and why in *why, when it is not a table wpgen can read. */
static int read_html_table(reader *r, const char *text, size_t len, unsigned line0, const char **why)
{
	htab h = {r, NULL, NULL, 0, 0, 0, NULL, 0};
	int fatal = 0, ok = 1;
	*why = "no row of cells";
	r->html_line0 = line0;
	r->html_off0 = (size_t)(text - r->src.text);
	h.ctxt = htmlCreatePushParserCtxt(NULL, NULL, NULL, 0, NULL, XML_CHAR_ENCODING_UTF8);
	if (!h.ctxt || !h.ctxt->sax) {
		r->oom = 1;
		if (h.ctxt)
			htmlFreeParserCtxt(h.ctxt);
		return 0;
	}
	/* (not XML_PARSE_HUGE: nesting without a limit makes libxml2's HTML
	 * parser quadratic; a text over its 10 MB is said, html_inlines_at) */
	htmlCtxtUseOptions(h.ctxt, HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NODEFDTD);
	h.ctxt->sax->startElement = html_start;
	xmlSetStructuredErrorFunc(&fatal, html_error);
	const size_t chunk = 64 << 10;
	for (size_t off = 0; ok && !fatal && !r->oom && (off < len || off == 0);) {
		size_t n = len - off < chunk ? len - off : chunk;
		/* A chunk ends after a tag's '>' (at a line's end when there is
		 * one): libxml2 2.9's HTML push parser, given a chunk that ends
		 * inside a start tag's quoted attribute, never finds that tag's
		 * end and stops building the tree until the last chunk. */
		if (off + n < len) {
			size_t cut = 0;
			for (size_t k = n; k > n / 2 && !cut; k--)
				if (text[off + k - 1] == '>' && (text[off + k] == '\n' || text[off + k] == '\r'))
					cut = k + 1;
			for (size_t k = n; k > n / 2 && !cut; k--)
				if (text[off + k - 1] == '>')
					cut = k;
			if (cut)
				n = cut;
		}
		int last = off + n >= len;
		htmlParseChunk(h.ctxt, text + off, (int)n, last);
		off += n;
		/* (a fatal error stops the parser, what follows unread: the table is not read) */
		if (!fatal)
			ok = html_drain(&h, last);
		if (last)
			break;
	}
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (fatal)
		*why = "its elements nest deeper than the 256 levels libxml2 reads";
	ok = ok && !fatal && !r->oom && h.started;
	wp_free(h.map);
	if (h.ctxt->myDoc)
		xmlFreeDoc(h.ctxt->myDoc);
	htmlFreeParserCtxt(h.ctxt);
	return ok;
}

int md_tag_at(const char *p, const char *end, const char *tag, size_t n)
{
	return (size_t)(end - p) > n && !strncasecmp(p, tag, n) && strchr(" \t\r\n/>", p[n]) && p[n];
}

/* Where the </table> closing the first <table> at or after off is, or
 * SIZE_MAX. The source's tables are matched once, with a stack, in one
 * pass: looking for each block's end from its start would be quadratic in
 * a source of many unclosed tables. */
static size_t html_table_close(reader *r, size_t off)
{
	if (!r->tables.done) {
		const char *text = r->src.text, *end = text + r->src.len;
		size_t *stack = NULL, depth = 0, cap = 0;
		r->tables.done = 1;
		for (const char *p = memchr(text, '<', r->src.len); p && !r->oom; p = memchr(p + 1, '<', (size_t)(end - p - 1))) {
			int open = md_tag_at(p, end, "<table", 6);
			if (!open && !(depth && md_tag_at(p, end, "</table", 7)))
				continue;
			if (open) {
				/* each open gets a slot; its close is filled in when found */
				if (r->tables.n == r->tables.cap) {
					size_t nc = r->tables.cap ? r->tables.cap * 2 : 16;
					size_t(*t)[2] = wp_realloc(r->tables.at, nc * sizeof *t);
					if (!t) {
						r->oom = 1;
						break;
					}
					r->tables.at = t;
					r->tables.cap = nc;
				}
				if (depth == cap) {
					size_t nc = cap ? cap * 2 : 16, *st = wp_realloc(stack, nc * sizeof *st);
					if (!st) {
						r->oom = 1;
						break;
					}
					stack = st;
					cap = nc;
				}
				r->tables.at[r->tables.n][0] = (size_t)(p - text);
				r->tables.at[r->tables.n][1] = SIZE_MAX;
				stack[depth++] = r->tables.n++;
			} else {
				r->tables.at[stack[--depth]][1] = (size_t)(p - text);
			}
		}
		wp_free(stack);
	}
	size_t lo = 0, hi = r->tables.n; /* the first open at or after off */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->tables.at[mid][0] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->tables.n ? r->tables.at[lo][1] : SIZE_MAX;
}

/* An HTML block that opens a table: the whole table from the source
 * (converters may leave blank lines in it, which end cmark's block), read
 * as a table. Returns 1 when it was one. */
int md_html_table_block(reader *r, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	while (lit && (*lit == ' ' || *lit == '\t'))
		lit++;
	if (!lit || strncasecmp(lit, "<table", 6) != 0 || (lit[6] && !strchr(" \t\r\n>", lit[6])))
		return 0;
	if (wp_lazy_need(WP_LAZY_XML, r->name, r->diags) != WP_OK)
		return 0; /* (said; its text is kept as a note) */
	unsigned line = md_line(r, n);
	if (line < 1 || line > r->src.nlines)
		return 0;
	const char *start = r->src.text + r->src.line_start[line - 1], *end = r->src.text + r->src.len;
	size_t at = html_table_close(r, (size_t)(start - r->src.text));
	if (r->oom)
		return 0;
	if (at == SIZE_MAX) {
		wp_diags_add(r->diags, r->name, line, (unsigned)cmark_node_get_start_column(n), WP_ERROR, "read.table-unread",
			     "an HTML table without its </table> is not read: its text is kept as a note");
		return 0;
	}
	const char *close = r->src.text + at;
	const char *gt = memchr(close, '>', (size_t)(end - close));
	const char *stop = gt ? gt + 1 : end;
	unsigned last = line;
	for (const char *q = start; q < stop; q++)
		last += *q == '\n';
	const char *why;
	if (!read_html_table(r, start, (size_t)(stop - start), line, &why)) {
		if (!r->oom)
			wp_diags_add(r->diags, r->name, line, (unsigned)cmark_node_get_start_column(n), WP_ERROR,
				     "read.table-unread", "an HTML table wpgen cannot read (%s): its text is kept as a note", why);
		return 0;
	}
	r->skip_to = last;
	return 1;
}

