/* docx_text.c: a Word document's runs and paragraphs as the Markdown
 * the reader reads: styles, tracked changes with author and date, marks,
 * list labels, body paragraphs (see docx_reader.h). */
#include "read/docx_reader.h"

/***** the converter *****/

void dx_emit(conv *cv, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		cv->line += s[i] == '\n';
	wp_buf_put(&cv->out, s, n);
	if (cv->out.oom)
		cv->oom = 1;
}

void dx_emits(conv *cv, const char *s)
{
	dx_emit(cv, s, strlen(s));
}

place *dx_place_add(conv *cv, line_kind kind)
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
void dx_put_mark(wp_buf *b, int mark, int html)
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
	if (author && *author) { /* (Word needs an author: an empty one is none) */
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


/* <ins>/<del> around a whole cell (a row inserted or deleted). */
void dx_change_tag(wp_buf *b, const char *tag, const xmlNode *change)
{
	inl x = {NULL, b, 1, NULL, NULL, NULL, NULL, 0, 0};
	open_tag(&x, tag, dx_wattr(change, "author"), dx_wattr(change, "date"));
}

/* The paragraphs of the text boxes inside a drawing (w:txbxContent, at
 * any depth, whatever the drawing's own namespaces), as plain text. */
static void textbox_text(inl *x, const xmlNode *n, wp_buf *text)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (dx_is_w(c, "txbxContent")) {
			for (const xmlNode *p = c->children; p; p = p->next)
				if (dx_is_w(p, "p")) {
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

/* A run's toggle (or its alternative, as w:dstrike for w:strike): as the
 * run says, else as its character style says (-1: nothing), else off. */
static int inherit(const xmlNode *pr, const char *name, const char *alt, int from_style)
{
	int t = dx_toggle(pr, name);
	if (t < 0 && alt)
		t = dx_toggle(pr, alt);
	return t >= 0 ? t : from_style > 0;
}

/* One run: its properties around its text, breaks, tabs, marks. */
static void run(inl *x, const xmlNode *r)
{
	const xmlNode *pr = dx_child(r, "rPr");
	const char *rs = dx_wattr(dx_child(pr, "rStyle"), "val");
	/* direct formatting, else the run's character style ("Strong") */
	const style *cs = dx_style_find(&x->cv->st, rs);
	int b = inherit(pr, "b", NULL, cs ? cs->bold : -1), i = inherit(pr, "i", NULL, cs ? cs->italic : -1);
	/* (not a style's underline: the Hyperlink style's is a link's look, and
	 * underlining that says something, an insertion, is the run's own) */
	int s = inherit(pr, "strike", "dstrike", cs ? cs->strike : -1), u = inherit(pr, "u", NULL, -1);
	const char *va = dx_wattr(dx_child(pr, "vertAlign"), "val");
	int sup = va && !strcmp(va, "superscript");
	int code = rs && !strcmp(rs, "VerbatimChar"); /* (inline code, as pandoc and wpgen write it) */
	const char *hl = dx_wattr(dx_child(pr, "highlight"), "val");
	if (hl && strcmp(hl, "none") && !x->highlight && !(x->highlight = wp_strdup(hl)))
		x->cv->oom = 1;
	wp_buf text = {0};
	for (const xmlNode *c = r->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || !dx_w_ns(c->ns))
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
			const char *t = dx_wattr(c, "type");
			if (t && strcmp(t, "textWrapping"))
				continue; /* a page or column break: layout */
			wp_buf_putc(&text, '\n'); /* a line break, written below */
		} else if (!strcmp(nm, "drawing") || !strcmp(nm, "pict") || !strcmp(nm, "object")) {
			/* a text box's paragraphs are text of the cell (its picture is not) */
			textbox_text(x, c, &text);
		} else if (!strcmp(nm, "footnoteReference")) {
			const char *id = dx_wattr(c, "id");
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
	const char *tags[6];
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
	if (code)
		tags[nt++] = "code";
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
			dx_put_mark(x->b, mark, x->html);
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
		open_tag(x, kind, dx_wattr(n, "author"), dx_wattr(n, "date"));
	x->change = kind;
	x->author = dx_wattr(n, "author");
	x->date = dx_wattr(n, "date");
	dx_walk_inline(x, n);
	x->change = saved;
	x->author = sa;
	x->date = sd;
	if (!nested)
		wp_buf_printf(x->b, "</%s>", kind);
}

void dx_walk_inline(inl *x, const xmlNode *n)
{
	for (const xmlNode *c = n->children; c && !x->cv->oom; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *nm = (const char *)c->name;
		if (!dx_w_ns(c->ns)) {
			if (!strcmp(nm, "AlternateContent")) {
				/* mc: Word shows the first choice it understands, else the
				 * fallback; a choice whose runs wpgen reads is taken */
				size_t before = x->b->len;
				for (const xmlNode *f = c->children; f && x->b->len == before; f = f->next)
					if (f->type == XML_ELEMENT_NODE &&
					    (!strcmp((const char *)f->name, "Choice") || !strcmp((const char *)f->name, "Fallback")))
						dx_walk_inline(x, f);
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
			const rel *r = dx_rel_by_id(&x->cv->rels, dx_attr_ns(c, "id", R_NS, R_NS_STRICT));
			if (r && r->external && x->html) {
				wp_buf_puts(x->b, "<a href=\"");
				esc_html(x->b, r->target, strlen(r->target));
				wp_buf_puts(x->b, "\">");
				dx_walk_inline(x, c);
				wp_buf_puts(x->b, "</a>");
			} else if (r && r->external) {
				/* in a paragraph: a Markdown link, as the Markdown annex writes one */
				wp_buf_putc(x->b, '[');
				x->at_start = 0;
				dx_walk_inline(x, c);
				wp_buf_puts(x->b, "](<");
				esc_md(x->b, r->target, strlen(r->target), 1, 1);
				wp_buf_puts(x->b, ">)");
			} else {
				dx_walk_inline(x, c);
			}
		} else if (!strcmp(nm, "fldSimple") || !strcmp(nm, "smartTag") || !strcmp(nm, "customXml") ||
			   !strcmp(nm, "sdtContent") || !strcmp(nm, "bdo") || !strcmp(nm, "dir")) {
			dx_walk_inline(x, c);
		} else if (!strcmp(nm, "sdt")) {
			const xmlNode *content = dx_child(c, "sdtContent");
			if (content)
				dx_walk_inline(x, content);
		}
		/* pPr, bookmarks, comments' ranges, proofing marks: nothing shown */
	}
}

/* The paragraph's list number (numPr, or its style's), and whether its
 * mark is a tracked deletion or insertion. */
static void para_props(conv *cv, const xmlNode *p, long *num_id, int *ilvl, int *heading, int *mark_del, int *mark_ins)
{
	const xmlNode *pp = dx_child(p, "pPr");
	const style *s = dx_style_find(&cv->st, dx_wattr(dx_child(pp, "pStyle"), "val"));
	const xmlNode *np = dx_child(pp, "numPr");
	*heading = s ? s->heading : 0;
	*num_id = s ? s->num_id : 0;
	*ilvl = s ? s->ilvl : 0;
	if (np) {
		const char *id = dx_wattr(dx_child(np, "numId"), "val");
		if (id)
			*num_id = strtol(id, NULL, 10);
		long il;
		int got = dx_num_in(cv->k, cv->line, dx_child(np, "ilvl"), "val", 0, 8, "a paragraph's list level (w:ilvl)", &il);
		if (got)
			*ilvl = got > 0 ? (int)il : -1; /* (out of range: no list number, not level 0's) */
	}
	const xmlNode *rpr = dx_child(pp, "rPr");
	*mark_del = dx_child(rpr, "del") != NULL;
	*mark_ins = dx_child(rpr, "ins") != NULL;
}

/* A paragraph's text (inline markup included) into b; a list label
 * before it. Returns the label's length (0: none). */
size_t dx_para_inline(conv *cv, const xmlNode *p, wp_buf *b, int html, int row_del, int row_ins, char **highlight,
			  int *heading)
{
	long num_id;
	int ilvl, mark_del, mark_ins;
	para_props(cv, p, &num_id, &ilvl, heading, &mark_del, &mark_ins);
	int del = row_del || mark_del, ins = row_ins || mark_ins;
	dx_list_label(&cv->nb, num_id, ilvl, del, ins, &cv->label, &cv->old_label);
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
	dx_walk_inline(&x, p);
	if (highlight && x.highlight && !*highlight)
		*highlight = x.highlight;
	else
		wp_free(x.highlight);
	return lab;
}


/* "11." a list shows against "12." typed after it: which is meant? */
void dx_list_vs_typed(conv *cv, const char *label, const char *text, size_t lab)
{
	if (!label || !text || !isdigit((unsigned char)label[0]))
		return;
	char *typed = dx_plain(text + lab, 40);
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
char *dx_plain(const char *s, size_t max)
{
	wp_buf b = {0};
	int tag = 0, sup = 0, del = 0, cut = 0;
	for (; *s; s++) {
		if (b.len >= max && !tag && ((unsigned char)*s & 0xC0) != 0x80) { /* (never inside a character) */
			cut = 1;
			break;
		}
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
	char *r = wp_malloc(n + 4);
	if (r) {
		memcpy(r, t, n);
		memcpy(r + n, cut ? "\xE2\x80\xA6" : "", cut ? 4 : 1); /* (said cut: an ellipsis) */
	}
	wp_buf_free(&b);
	return r;
}

/***** body paragraphs *****/

void dx_body_para(conv *cv, const xmlNode *p)
{
	wp_buf b = {0};
	int heading;
	size_t lab = dx_para_inline(cv, p, &b, 0, 0, 0, NULL, &heading);
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
		dx_list_vs_typed(cv, cv->label.data, b.data, lab + 1);
	const char *ps = dx_pstyle(p);
	if (ps && !strcasecmp(ps, DX_STYLE_CHANGES)) /* wpgen's redline: its summary, annex furniture */
		dx_emits(cv, WP_CHANGES_MARK "\n\n");
	cv->paras++;
	place *pl = dx_place_add(cv, L_PARA);
	if (pl)
		pl->n = cv->paras;
	if (heading == -1 || (!cv->title_done && !cv->tables && heading <= 1)) {
		dx_emits(cv, "# ");
		cv->title_done = 1;
	} else if (heading > 0) {
		dx_emits(cv, "## ");
	}
	dx_emit(cv, b.data, b.len);
	dx_emits(cv, "\n\n");
	wp_buf_free(&b);
}

