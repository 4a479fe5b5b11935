/* docx_table.c: a Word document's tables as HTML tables (header rows,
 * merged cells, shading, rows inserted or deleted whole), its footnotes
 * and its page header (see docx_reader.h). */
#include "read/docx_reader.h"

/***** tables *****/

void dx_seg_head_free(conv *cv)
{
	for (size_t i = 0; i < cv->nseg_head; i++)
		wp_free(cv->seg_head[i]);
	wp_free(cv->seg_head);
	cv->seg_head = NULL;
	cv->nseg_head = 0;
}

void dx_table_begin(conv *cv)
{
	cv->tables++;
	cv->row = 0;
	cv->seg_rows = 0;
	dx_seg_head_free(cv);
	cv->in_head = 0;
	cv->body_open = 0;
	for (size_t i = 0; i < cv->nvmerge; i++) {
		wp_free(cv->vmerge[i]);
		cv->vmerge[i] = NULL;
	}
	place *pl = dx_place_add(cv, L_TABLE);
	if (pl)
		pl->table = cv->tables;
	dx_emits(cv, "<table>\n");
}

void dx_table_end(conv *cv)
{
	if (cv->in_head)
		dx_emits(cv, "</thead>\n");
	else if (cv->body_open)
		dx_emits(cv, "</tbody>\n");
	dx_emits(cv, "</table>\n\n");
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
		if (dx_is_w(c, "p")) {
			wp_buf one = {0};
			int heading;
			size_t lab = dx_para_inline(cv, c, &one, 1, row_del, row_ins, highlight, &heading);
			if (lab && *nparas == 0) {
				*first_label = 1;
				dx_list_vs_typed(cv, cv->label.data, one.data, lab + 1);
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
		} else if (dx_is_w(c, "tbl") || dx_is_w(c, "tr") || dx_is_w(c, "tc") || dx_is_w(c, "sdt") || dx_is_w(c, "sdtContent") ||
			   dx_is_w(c, "customXml")) {
			cell_paras(cv, c, b, row_del, row_ins, highlight, nparas, first_label);
		}
	}
}

/* The fill of a shaded cell, resolved: "RRGGBB", or "" for none. base: the
 * theme colour before its tint or shade, or "". */
static void cell_fill(conv *cv, const xmlNode *tc, char fill[7], char base[7])
{
	fill[0] = base[0] = '\0';
	const xmlNode *shd = dx_child(dx_child(tc, "tcPr"), "shd");
	if (!shd) /* else the first paragraph's shading */
		for (const xmlNode *p = tc->children; p && !shd; p = p->next)
			if (dx_is_w(p, "p"))
				shd = dx_child(dx_child(p, "pPr"), "shd");
	if (!shd)
		return;
	const char *tf = dx_wattr(shd, "themeFill"), *f = dx_wattr(shd, "fill");
	int slot = dx_theme_slot(tf);
	if (slot >= 0 && cv->th.rgb[slot][0]) {
		memcpy(base, cv->th.rgb[slot], 7);
		dx_tint_shade(fill, base, dx_wattr(shd, "themeFillTint"), dx_wattr(shd, "themeFillShade"));
		return;
	}
	if (dx_hex6(f)) {
		for (int i = 0; i < 6; i++)
			fill[i] = (char)toupper((unsigned char)f[i]);
		fill[6] = '\0';
		if (!strcmp(fill, "FFFFFF"))
			fill[0] = '\0'; /* white: no colour */
	}
}

/* A cell's HTML with an empty <span></span> every 4 MiB of text between
 * tags: libxml2's HTML parser keeps at most 10 MB of one text node (and
 * drops the rest); separate nodes, the cell reads whole. */
#define SPLIT_TEXT (4u << 20)
static void put_split(wp_buf *b, const char *s)
{
	size_t run = 0;
	int tag = 0, ent = 0;
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (!tag && !ent && run >= SPLIT_TEXT && (c & 0xC0) != 0x80 && c != '<') {
			wp_buf_puts(b, "<span></span>");
			run = 0;
		}
		wp_buf_putc(b, *p);
		if (c == '<')
			tag = 1;
		else if (c == '>' && tag)
			tag = 0, run = 0;
		else if (c == '&' && !tag)
			ent = 1;
		else if (c == ';' && ent)
			ent = 0;
		if (!tag)
			run++;
	}
}

static void table_cell(conv *cv, row_state *rs, const xmlNode *tc)
{
	const xmlNode *tcpr = dx_child(tc, "tcPr");
	long span = 1;
	dx_num_in(cv->k, cv->line, dx_child(tcpr, "gridSpan"), "val", 1, 1000, "a cell's column span (w:gridSpan)", &span);
	const xmlNode *vm = dx_child(tcpr, "vMerge");
	const char *vmv = vm ? dx_wattr(vm, "val") : NULL;
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
			dx_change_tag(&b, "del", rs->del);
		if (rs->ins)
			dx_change_tag(&b, "ins", rs->ins);
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
	if (col == 0 && !rs->number && !(rs->number = dx_plain(text, 40)))
		cv->oom = 1;
	size_t at = rs->cell++;
	if ((rs->head || rs->first_is_head) && text[0]) {
		char *h = dx_plain(text, 200);
		if (h)
			slot_set(cv, &cv->heads, &cv->nheads, at, h);
		else
			cv->oom = 1;
	}
	place *pl = dx_place_add(cv, L_CELL);
	if (pl) {
		pl->table = cv->tables;
		pl->row = cv->row;
		pl->col = (unsigned)at + 1;
		if (at < cv->nheads && cv->heads[at] && !(pl->column = wp_strdup(cv->heads[at])))
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
	if (strlen(text) > SPLIT_TEXT)
		put_split(&td, text);
	else
		wp_buf_puts(&td, text);
	wp_buf_puts(&td, rs->head ? "</th>\n" : "</td>\n");
	if (td.oom)
		cv->oom = 1;
	else
		dx_emit(cv, td.data, td.len);
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
		if (dx_is_w(c, "tc"))
			table_cell(cv, rs, c);
		else if (dx_is_w(c, "sdt"))
			row_cells(cv, rs, dx_child(c, "sdtContent") ? dx_child(c, "sdtContent") : c);
		else if (dx_is_w(c, "customXml"))
			row_cells(cv, rs, c);
	}
}

/* Whether a first row without tblHeader reads as a header: its first
 * cell has text, and not a number. */
static int reads_as_header(const xmlNode *tr)
{
	for (const xmlNode *tc = tr->children; tc; tc = tc->next)
		if (dx_is_w(tc, "tc")) {
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

/***** tables a word processor merged *****/

/* The cells of a row in order, those inside content controls and custom
 * XML too: calls f on each. */
static void each_cell(const xmlNode *n, void (*f)(const xmlNode *tc, void *arg), void *arg)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (dx_is_w(c, "tc"))
			f(c, arg);
		else if (dx_is_w(c, "sdt"))
			each_cell(dx_child(c, "sdtContent") ? dx_child(c, "sdtContent") : c, f, arg);
		else if (dx_is_w(c, "customXml"))
			each_cell(c, f, arg);
	}
}

typedef struct edges {
	size_t *v, n, cap;
	int oom;
} edges;

static void add_edge(edges *e, size_t at)
{
	if (e->n == e->cap) {
		size_t nc = e->cap ? e->cap * 2 : 16;
		size_t *g = wp_realloc(e->v, nc * sizeof *g);
		if (!g) {
			e->oom = 1;
			return;
		}
		e->v = g;
		e->cap = nc;
	}
	e->v[e->n++] = at;
}

static void cell_edge(const xmlNode *tc, void *arg)
{
	edges *e = arg;
	long span = dx_int_attr(dx_child(dx_child(tc, "tcPr"), "gridSpan"), 1);
	add_edge(e, (e->n ? e->v[e->n - 1] : 0) + (size_t)(span >= 1 && span <= 1000 ? span : 1));
}

/* Whether every edge of a (ascending) is one of b's. Linear. */
static int edges_within(const size_t *a, size_t na, const size_t *b, size_t nb)
{
	size_t j = 0;
	for (size_t i = 0; i < na; i++) {
		while (j < nb && b[j] < a[i])
			j++;
		if (j == nb || b[j] != a[i])
			return 0;
	}
	return 1;
}

static char *folded(const xmlNode *tc)
{
	xmlChar *t = xmlNodeGetContent(tc);
	wp_buf b = {0};
	int sp = 0;
	for (const char *s = t ? (const char *)t : ""; *s; s++) {
		if (isspace((unsigned char)*s)) {
			sp = b.len > 0;
			continue;
		}
		if (sp)
			wp_buf_putc(&b, ' ');
		sp = 0;
		wp_buf_putc(&b, *s);
	}
	xmlFree(t);
	char *r = b.oom ? NULL : wp_strdup(b.data ? b.data : "");
	wp_buf_free(&b);
	return r;
}

typedef struct texts {
	char **v;
	size_t n, cap;
	int oom;
} texts;

static void cell_text(const xmlNode *tc, void *arg)
{
	texts *t = arg;
	if (t->n == t->cap) {
		size_t nc = t->cap ? t->cap * 2 : 16;
		char **g = wp_realloc(t->v, nc * sizeof *g);
		if (!g) {
			t->oom = 1;
			return;
		}
		t->v = g;
		t->cap = nc;
	}
	if (!(t->v[t->n++] = folded(tc)))
		t->oom = 1;
}

static void texts_free(texts *t)
{
	for (size_t i = 0; i < t->n; i++)
		wp_free(t->v[i]);
	wp_free(t->v);
}

/* Whether a row starts a part of its table that was a table of its own
 * before a word processor merged it with the one above: its cells' edges
 * cross the part's (neither the same columns nor some of them merged, nor
 * finer ones), or it repeats the part's header row word for word. Keeps
 * the part's edges up to date. */
static int starts_part(conv *cv, const xmlNode *tr)
{
	edges e = {0};
	long before = 0;
	dx_num_in(cv->k, cv->line, dx_child(dx_child(tr, "trPr"), "gridBefore"), "val", 0, 1000,
		  "a row's skipped grid columns (w:gridBefore)", &before);
	add_edge(&e, (size_t)before);
	each_cell(tr, cell_edge, &e);
	int part = 0;
	if (e.oom) {
		cv->oom = 1;
	} else if (cv->seg_rows && edges_within(e.v, e.n, cv->seg, cv->nseg)) {
		/* the part's columns, or some of them merged */
	} else if (cv->seg_rows && !edges_within(cv->seg, cv->nseg, e.v, e.n)) {
		part = 1; /* crossing edges */
	}
	if (!part && cv->seg_rows && cv->seg_head && !cv->oom) {
		texts t = {0};
		each_cell(tr, cell_text, &t);
		int same = !t.oom && t.n == cv->nseg_head && t.n > 1;
		for (size_t i = 0; same && i < t.n; i++)
			same = !strcmp(t.v[i], cv->seg_head[i]);
		cv->oom |= t.oom;
		texts_free(&t);
		part = same;
	}
	if (!cv->oom && (!cv->seg_rows || part || !edges_within(e.v, e.n, cv->seg, cv->nseg))) {
		wp_free(cv->seg); /* the part's edges: this row's (the first, or finer) */
		cv->seg = e.v;
		cv->nseg = e.n;
		cv->segcap = e.cap;
		e.v = NULL;
	}
	wp_free(e.v);
	return part;
}

/* Keeps a part's header row's texts, to know it when it is repeated.
 * Returns whether one has text. */
static int keep_head(conv *cv, const xmlNode *tr)
{
	texts t = {0};
	int any = 0;
	dx_seg_head_free(cv);
	each_cell(tr, cell_text, &t);
	if (t.oom) {
		cv->oom = 1;
		texts_free(&t);
		return 0;
	}
	for (size_t i = 0; i < t.n && !any; i++)
		any = t.v[i][0] != '\0';
	if (!any) {
		texts_free(&t);
		return 0;
	}
	cv->seg_head = t.v;
	cv->nseg_head = t.n;
	return 1;
}

void dx_table_row(conv *cv, const xmlNode *tr)
{
	const xmlNode *trpr = dx_child(tr, "trPr");
	row_state rs = {0};
	rs.head = dx_child(trpr, "tblHeader") && dx_on(dx_child(trpr, "tblHeader"));
	rs.del = dx_child(trpr, "del");
	rs.ins = dx_child(trpr, "ins");
	cv->row++;
	int part = starts_part(cv, tr);
	if (part) {
		/* written as the table it was (its rows keep their places in
		 * the Word table they are in now) */
		if (cv->in_head)
			dx_emits(cv, "</thead>\n");
		else if (cv->body_open)
			dx_emits(cv, "</tbody>\n");
		dx_emits(cv, "</table>\n\n<table>\n");
		cv->in_head = cv->body_open = 0;
		cv->seg_rows = 0;
		dx_seg_head_free(cv);
		for (size_t i = 0; i < cv->nvmerge; i++) {
			wp_free(cv->vmerge[i]);
			cv->vmerge[i] = NULL;
		}
	}
	cv->seg_rows++;
	rs.first_is_head = cv->seg_rows == 1 && !rs.head && reads_as_header(tr);
	int named = 0; /* a header row with text (an empty one continues the columns above) */
	if ((rs.head && cv->seg_rows == 1) || rs.first_is_head)
		named = keep_head(cv, tr);
	for (size_t i = 0; named && i < cv->nheads; i++) {
		wp_free(cv->heads[i]); /* the columns are this row's (a part's grid is its own) */
		cv->heads[i] = NULL;
	}
	if (rs.head && cv->seg_rows == 1) {
		dx_emits(cv, "<thead>\n");
		cv->in_head = 1;
	} else if (!rs.head && cv->in_head) {
		dx_emits(cv, "</thead>\n<tbody>\n");
		cv->in_head = 0;
		cv->body_open = 1;
	} else if (!rs.head && !cv->body_open && !cv->in_head) {
		dx_emits(cv, "<tbody>\n");
		cv->body_open = 1;
	}
	place *pl = dx_place_add(cv, L_ROW);
	if (pl) {
		pl->table = cv->tables;
		pl->row = cv->row;
	}
	dx_emits(cv, "<tr>\n");
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
	dx_emits(cv, "</tr>\n");
}

/***** footnotes, the page header *****/

/* The text of a footnote's paragraphs, its own mark (w:footnoteRef) left
 * out, as one Markdown paragraph after its number. */
void dx_footnotes_write(conv *cv)
{
	const xmlNode *root = cv->notes ? xmlDocGetRootElement(cv->notes) : NULL;
	for (size_t i = 0; i < cv->nfn && !cv->oom; i++) {
		const xmlNode *fn = NULL;
		for (const xmlNode *c = root ? root->children : NULL; c && !fn; c = c->next)
			if (dx_is_w(c, "footnote") && dx_wattr(c, "id") && strtol(dx_wattr(c, "id"), NULL, 10) == cv->fn[i].id)
				fn = c;
		place *pl = dx_place_add(cv, L_FOOTNOTE);
		if (pl)
			pl->n = (unsigned)cv->fn[i].mark;
		wp_buf b = {0};
		dx_put_mark(&b, cv->fn[i].mark, 0);
		wp_buf_putc(&b, ' ');
		if (!fn) {
			wp_buf_puts(&b, "(the note this mark refers to is not in word/footnotes.xml)");
		} else {
			size_t np = 0;
			for (const xmlNode *p = fn->children; p; p = p->next) {
				if (!dx_is_w(p, "p"))
					continue;
				if (np++)
					wp_buf_putc(&b, ' ');
				int heading;
				dx_para_inline(cv, p, &b, 0, 0, 0, NULL, &heading);
			}
		}
		if (b.oom)
			cv->oom = 1;
		else
			dx_emit(cv, b.data, b.len);
		dx_emits(cv, "\n\n");
		wp_buf_free(&b);
	}
}

/* The page header's paragraphs as lines of one paragraph: "Annex to",
 * the document reference, the running title; the Markdown reader knows
 * the block. Tabs in it separate lines too. */
int dx_header_write(conv *cv)
{
	int rc;
	if (!cv->header_part)
		return WP_OK;
	xmlDocPtr doc = dx_part_xml(cv->k, cv->header_part, 1, &rc);
	if (!doc)
		return rc;
	wp_buf b = {0};
	const xmlNode *root = xmlDocGetRootElement(doc);
	for (const xmlNode *p = root ? root->children : NULL; p; p = p->next) {
		const char *ps = dx_is_w(p, "p") ? dx_pstyle(p) : NULL;
		if (!dx_is_w(p, "p") || (ps && !strcasecmp(ps, DX_STYLE_RUNNING))) /* (wpgen's title and session) */
			continue;
		wp_buf one = {0};
		inl x = {cv, &one, 0, NULL, NULL, NULL, NULL, 1, 1}; /* tabs and breaks end lines */
		dx_walk_inline(&x, p);
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
		place *pl = dx_place_add(cv, L_HEADER);
		(void)pl;
		dx_emit(cv, b.data, b.len);
		dx_emits(cv, "\n\n");
	}
	if (b.oom)
		cv->oom = 1;
	wp_buf_free(&b);
	return cv->oom ? WP_ENOMEM : WP_OK;
}


/* The custom document properties wpgen's Word annex keeps its metadata
 * in ("wpgen:session" ...), as front matter: a line each, which the
 * Markdown reader checks as it checks any front matter. Other
 * properties are the document's own business. */
int dx_properties_write(conv *cv)
{
	static const char *const keys[] = {"profile", "body", "period", "session", "as_of", "programme", "accept"};
	int rc;
	if (!cv->custom_part)
		return WP_OK;
	xmlDocPtr doc = dx_part_xml(cv->k, cv->custom_part, 1, &rc);
	if (!doc)
		return rc;
	int open = 0;
	const xmlNode *root = xmlDocGetRootElement(doc);
	for (const xmlNode *pr = root ? root->children : NULL; pr && !cv->oom; pr = pr->next) {
		xmlChar *name = pr->type == XML_ELEMENT_NODE ? xmlGetProp(pr, BAD_CAST "name") : NULL;
		size_t k = 0;
		while (name && !strncmp((const char *)name, "wpgen:", 6) && k < sizeof keys / sizeof keys[0] &&
		       strcmp((const char *)name + 6, keys[k]))
			k++;
		if (!name || strncmp((const char *)name, "wpgen:", 6) || k == sizeof keys / sizeof keys[0]) {
			xmlFree(name);
			continue;
		}
		xmlChar *value = xmlNodeGetContent(pr);
		wp_buf b = {0};
		if (!open++)
			dx_emits(cv, "---\n");
		place *pl = dx_place_add(cv, L_PROPERTY);
		if (pl && !(pl->column = wp_strdup((const char *)name)))
			cv->oom = 1;
		wp_buf_printf(&b, "%s: ", keys[k]);
		const char *v = value ? (const char *)value : "";
		if (!strcmp(keys[k], "accept") && (*v == '[' || *v == '{') && !strpbrk(v, "\r\n"))
			wp_buf_puts(&b, v); /* a YAML flow list on one line: read as front matter reads it */
		else
			esc_yaml(&b, v);
		wp_buf_putc(&b, '\n');
		if (b.oom)
			cv->oom = 1;
		else
			dx_emit(cv, b.data, b.len);
		wp_buf_free(&b);
		xmlFree(value);
		xmlFree(name);
	}
	if (open)
		dx_emits(cv, "---\n");
	xmlFreeDoc(doc);
	return cv->oom ? WP_ENOMEM : WP_OK;
}
