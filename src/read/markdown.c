/* markdown.c: the Markdown reader.
 *
 * Walks cmark-gfm's tree (tables and strikethrough extensions) and builds
 * the model. Work programmes reach us converted from word processors, so
 * the reader recognises what the conversion leaves behind: the page
 * furniture repeated at every page break, header-less tables on
 * continuation pages, rows split across pages, example rows, <p> and <u>
 * inside cells, and tables written as raw HTML (as Word-to-Markdown
 * converters write a table whose cells hold paragraphs), read with
 * libxml2's HTML parser like pipe tables. What it recognises as furniture
 * it counts; everything else ends up in the model, and a table it cannot
 * read as rows (a grid table, an HTML table without its end) is said.
 * It never judges content: that is the rules'.
 *
 * This file: the document, its blocks outside tables (headings, titles,
 * notes, footnotes) and front matter. md_fields.c builds fields from
 * inlines, md_table.c reads pipe tables, md_html_table.c HTML tables,
 * limits.c holds the pre-scan. */
#include "read/markdown.h"
#include "read/md_reader.h"
#include "read/md_cut.h"

/***** blocks outside tables *****/

/* "I. Activities ..." -> numeral "I", title "Activities ..."; areas of a
 * joint plan are numbered in arabic ("5. Area"). */
static int heading_numeral(const char *t, size_t *numlen, const char **title)
{
	size_t i = 0;
	if (isdigit((unsigned char)t[0]))
		while (isdigit((unsigned char)t[i]))
			i++;
	else
		while (t[i] && strchr("IVXLC", t[i]))
			i++;
	if (i == 0 || t[i] != '.' || !wp_is_space((unsigned char)t[i + 1]))
		return 0;
	*numlen = i;
	const char *s = t + i + 1;
	while (*s && wp_is_space((unsigned char)*s))
		s++;
	*title = s;
	return *s != '\0';
}

static void section_heading(reader *r, const char *text, wp_pos pos)
{
	size_t numlen;
	const char *title;
	size_t n = strlen(text);
	text = wp_trim(text, &n);
	wp_section *s = r->cur;
	/* A heading after a section that has nothing yet renames it. */
	if (!s || s->columns || s->title)
		s = md_section_new(r, pos);
	if (!s)
		return;
	s->pos = pos;
	if (heading_numeral(text, &numlen, &title)) {
		s->numeral = wp_arena_strndup(r->arena, text, numlen);
		s->title = wp_arena_strndup(r->arena, title, n - (size_t)(title - text));
	} else {
		s->title = wp_arena_strndup(r->arena, text, n);
	}
	if (!s->title)
		r->oom = 1;
}

static void set_title(reader *r, const char *text, wp_pos pos)
{
	size_t n = strlen(text);
	text = wp_trim(text, &n);
	r->p->title = wp_arena_strndup(r->arena, text, n);
	r->p->title_pos = pos;
	if (!r->p->title)
		r->oom = 1;
	else if (!(r->p->explicit_meta & WP_META_PERIOD))
		wp_text_period(r->p->title, 0, &r->p->period_start, &r->p->period_end);
}

/* The superscript mark at the start of a footnote paragraph, or 0. */
static int footnote_mark(const char *t, size_t *len)
{
	size_t i;
	int mark = wp_superscript_number(t, strlen(t), &i);
	if (mark <= 0 || !wp_is_space((unsigned char)t[i]))
		return 0;
	while (wp_is_space((unsigned char)t[i]))
		i++;
	*len = i;
	return mark;
}

/* Removes the first n bytes of a field's text (a footnote's mark). */
static void drop_prefix(wp_field *f, size_t n)
{
	if (!f->nparas)
		return;
	wp_para *p = &f->paras[0];
	while (n && p->nruns) {
		wp_run *x = &p->runs[0];
		if (x->len <= n) {
			n -= x->len;
			memmove(p->runs, p->runs + 1, (p->nruns - 1) * sizeof *p->runs);
			p->nruns--;
		} else {
			x->text += n;
			x->len -= n;
			n = 0;
		}
	}
	while (p->nruns && p->runs[0].kind == WP_RUN_TEXT) {
		size_t k = 0;
		while (k < p->runs[0].len && wp_is_space((unsigned char)p->runs[0].text[k]))
			k++;
		p->runs[0].text += k;
		p->runs[0].len -= k;
		if (p->runs[0].len)
			break;
		memmove(p->runs, p->runs + 1, (p->nruns - 1) * sizeof *p->runs);
		p->nruns--;
	}
}


static void add_note(reader *r, cmark_node *first, cmark_node *stop, wp_pos pos, unsigned style)
{
	wp_field *f = md_text_home(r);
	md_field_begin(r, f, pos);
	r->next_pos = pos;
	if (style)
		r->depth[5] = 1;
	md_inlines(r, first, stop);
	md_field_end(r);
}

static void add_literal_note(reader *r, cmark_node *n, unsigned style)
{
	wp_field *f = md_text_home(r);
	const char *lit = cmark_node_get_literal(n);
	size_t len = lit ? strlen(lit) : 0;
	wp_pos pos = md_node_pos(r, n);
	while (len && lit[len - 1] == '\n')
		len--;
	md_field_begin(r, f, pos);
	r->next_pos = pos;
	md_text_add(r, lit ? lit : "", len, style, NULL);
	md_field_end(r);
}

/* The span that ends a paragraph in bold or italics, after other text:
 * **...**, *...*, or <b>...</b> and its kin as raw HTML (as the Word
 * reader writes bold). Its first node, or NULL. */
static cmark_node *trailing_emphasis(cmark_node *n)
{
	cmark_node *first = cmark_node_first_child(n), *last = cmark_node_last_child(n);
	if (!last || last == first)
		return NULL;
	cmark_node_type t = cmark_node_get_type(last);
	if (t == CMARK_NODE_STRONG || t == CMARK_NODE_EMPH)
		return last;
	static const char *const tags[] = {"b", "strong", "i", "em"};
	const char *lit = t == CMARK_NODE_HTML_INLINE ? cmark_node_get_literal(last) : NULL;
	for (size_t k = 0; lit && k < sizeof tags / sizeof tags[0]; k++) {
		size_t len = strlen(tags[k]);
		if (lit[0] != '<' || lit[1] != '/' || strncasecmp(lit + 2, tags[k], len) || lit[2 + len] != '>' || lit[3 + len])
			continue;
		for (cmark_node *c = cmark_node_previous(last); c && c != first; c = cmark_node_previous(c)) {
			const char *o = cmark_node_get_type(c) == CMARK_NODE_HTML_INLINE ? cmark_node_get_literal(c) : NULL;
			if (o && o[0] == '<' && !strncasecmp(o + 1, tags[k], len) && o[1 + len] == '>' && !o[2 + len])
				return c;
		}
	}
	return NULL;
}

/* "TITLE 2022-2025**I. Activities ...**": a title and the first section
 * heading run together on one line (as in a Word original, where only the
 * bold tells them apart). Reads both and says 1; 0 if the paragraph is
 * not that. */
static int title_and_heading(reader *r, cmark_node *n, wp_pos pos)
{
	cmark_node *start = trailing_emphasis(n);
	if (!start)
		return 0;
	wp_field hf = {0};
	md_field_begin(r, &hf, pos);
	md_inlines(r, start, NULL);
	md_field_end(r);
	char *h = md_scratch_text(r, &hf);
	size_t numlen;
	const char *title;
	if (!h) {
		r->oom = 1;
		return 1;
	}
	if (!heading_numeral(h, &numlen, &title))
		return 0;
	wp_field head = {0};
	md_field_begin(r, &head, pos);
	md_inlines(r, cmark_node_first_child(n), start);
	md_field_end(r);
	char *t = md_scratch_text(r, &head);
	if (t && !r->p->title && !r->cur)
		set_title(r, t, pos);
	else if (t)
		add_note(r, cmark_node_first_child(n), start, pos, 0);
	section_heading(r, h, md_node_pos(r, start));
	return 1;
}

static void read_paragraph(reader *r, cmark_node *n, int heading_level)
{
	wp_pos pos = md_node_pos(r, n);
	wp_field tmp = {0};
	size_t mlen;
	char *text;

	md_field_begin(r, &tmp, pos);
	md_inlines(r, cmark_node_first_child(n), NULL);
	md_field_end(r);
	if (!(text = md_scratch_text(r, &tmp)))
		return;

	int mark = footnote_mark(text, &mlen);
	const char *marker = r->prof->annex_marker;
	size_t first_line = strcspn(text, "\n");

	if (heading_level == 1 && !r->p->title && !r->cur) {
		if (r->prof->headings_only || !title_and_heading(r, n, pos))
			set_title(r, text, pos);
	} else if (heading_level > 0) {
		section_heading(r, text, pos);
	} else if (mark) {
		wp_programme *p = r->p;
		wp_footnote *f = mb_footnote_add(p, mark, pos);
		if (!f) {
			r->oom = 1;
		} else {
			f->text = tmp;
			drop_prefix(&f->text, mlen);
		}
	} else if (marker && first_line == strlen(marker) && strncmp(text, marker, first_line) == 0) {
		/* The annex block at a page break: marker, document, running title. */
		char *l2 = text[first_line] ? text + first_line + 1 : NULL;
		char *l3 = l2 ? strchr(l2, '\n') : NULL;
		if (l3)
			*l3++ = '\0';
		if (l3 && strchr(l3, '\n'))
			*strchr(l3, '\n') = '\0';
		if (!r->p->annex_to && l2) {
			r->p->annex_to = wp_arena_strdup(r->arena, l2);
			if (l3)
				r->p->running_title = wp_arena_strdup(r->arena, l3);
		}
		r->p->stats.furniture++;
	} else if (r->p->running_title && strcmp(text, r->p->running_title) == 0) {
		r->p->stats.furniture++;
	} else {
		size_t numlen;
		const char *title;
		if (!r->prof->headings_only && heading_numeral(text, &numlen, &title)) {
			section_heading(r, text, pos);
		} else if (!r->prof->headings_only && title_and_heading(r, n, pos)) {
			/* (said) */
		} else if (!r->p->title && !r->cur) {
			set_title(r, text, pos);
		} else {
			add_note(r, cmark_node_first_child(n), NULL, pos, 0);
		}
	}
}

/***** front matter *****/

/* One acknowledgement of accept: (a mapping rule, at, why). */
static void accept_entry(reader *r, fm *f, yaml_node_t *n)
{
	const char *v[3] = {NULL, NULL, NULL};
	static const char *const keys[3] = {"rule", "at", "why"};
	char *own[3] = {NULL, NULL, NULL};
	unsigned line, col;
	fm_pos(n, &line, &col);
	if (n->type != YAML_MAPPING_NODE) {
		wp_diags_add(r->diags, r->name, line, col, WP_ERROR, "accept.invalid",
			     "an acknowledgement is a mapping: {rule: ID, at: I.12, why: TEXT}");
		return;
	}
	for (yaml_node_pair_t *pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top && !r->oom; pr++) {
		yaml_node_t *k = yaml_document_get_node(&f->doc, pr->key), *val = yaml_document_get_node(&f->doc, pr->value);
		unsigned kl, kc;
		int i = 0;
		fm_pos(k, &kl, &kc);
		while (i < 3 && !(k->type == YAML_SCALAR_NODE && k->data.scalar.length == strlen(keys[i]) &&
				  !memcmp(k->data.scalar.value, keys[i], strlen(keys[i]))))
			i++;
		if (i == 3) {
			wp_diags_add(r->diags, r->name, kl, kc, WP_WARNING, "meta.unknown-key",
				     "unknown key in an acknowledgement is ignored (rule, at, why)");
			continue;
		}
		if (val->type != YAML_SCALAR_NODE) {
			fm_pos(val, &kl, &kc);
			wp_diags_add(r->diags, r->name, kl, kc, WP_ERROR, "accept.invalid", "%s: a text, not a list or mapping",
				     keys[i]);
			continue;
		}
		if (memchr(val->data.scalar.value, 0, val->data.scalar.length)) { /* ("\0" in quotes) */
			fm_pos(val, &kl, &kc);
			wp_diags_add(r->diags, r->name, kl, kc, WP_ERROR, "accept.invalid", "%s: holds a NUL character", keys[i]);
			continue;
		}
		wp_free(own[i]);
		if (!(own[i] = wp_malloc(val->data.scalar.length + 1))) {
			r->oom = 1;
			break;
		}
		memcpy(own[i], val->data.scalar.value, val->data.scalar.length);
		own[i][val->data.scalar.length] = '\0';
		v[i] = own[i];
	}
	const char *why = NULL;
	int rc = r->oom ? WP_ENOMEM : wp_programme_accept(r->p, v[0], v[1], v[2], (wp_pos){line, col}, &why);
	if (rc == WP_ENOMEM)
		r->oom = 1;
	else if (rc != WP_OK)
		wp_diags_add(r->diags, r->name, line, col, WP_ERROR, "accept.invalid", "%s", why);
	for (int i = 0; i < 3; i++)
		wp_free(own[i]);
}

/* accept: a list of acknowledgements (or one). */
static void accept_list(reader *r, fm *f, const fm_item *it)
{
	yaml_node_t *n = it->node ? yaml_document_get_node(&f->doc, it->node) : NULL;
	if (!n || (n->type == YAML_SCALAR_NODE && n->data.scalar.length == 0))
		return; /* (accept: with nothing: none) */
	if (n->type == YAML_SEQUENCE_NODE) {
		for (yaml_node_item_t *i = n->data.sequence.items.start; i < n->data.sequence.items.top && !r->oom; i++)
			accept_entry(r, f, yaml_document_get_node(&f->doc, *i));
	} else if (n->type == YAML_MAPPING_NODE) {
		accept_entry(r, f, n);
	} else {
		wp_diags_add(r->diags, r->name, it->vline, it->vcol, WP_ERROR, "accept.invalid",
			     "accept: a list of acknowledgements, each {rule: ID, at: I.12, why: TEXT}");
	}
}

/* Sets the metadata of the front matter (read/front_matter.h), then blanks the block so
 * that cmark-gfm sees empty lines (positions of everything after it stay
 * true). */
static void front_matter(reader *r)
{
	fm f;
	if (fm_parse(&f, r->src.text, r->src.len) != WP_OK) {
		r->oom = 1;
		return;
	}
	if (!f.end)
		return;
	if (f.problem) {
		wp_diags_add(r->diags, r->name, f.pline, f.pcol, WP_ERROR, "meta.invalid", "front matter is not valid YAML: %s%s",
			     f.problem, strstr(f.problem, "alphabetic or numeric") ? " (a '*' alone is YAML's alias mark: quote it, "
			     "at: '*')" : "");
	} else if (f.not_mapping) {
		wp_diags_add(r->diags, r->name, 2, 1, WP_ERROR, "meta.invalid", "front matter is a mapping of 'key: value'");
	}
	for (size_t i = 0; i < f.n && !r->oom; i++) {
		const fm_item *it = &f.items[i];
		const char *why;
		if (it->key && !strcmp(it->key, "accept")) {
			accept_list(r, &f, it);
			continue;
		}
		if (!it->key || !it->value) {
			wp_diags_add(r->diags, r->name, it->line, it->col, WP_ERROR, "meta.invalid",
				     "front matter: '%s' takes a text, not a list or a mapping", it->key ? it->key : "?");
			continue;
		}
		int known = 0;
		for (const char *const *m = wp_meta_keys; *m; m++)
			known |= strcmp(*m, it->key) == 0;
		if (!known) {
			wp_diags_add(r->diags, r->name, it->line, it->col, WP_WARNING, "meta.unknown-key",
				     "unknown front-matter key '%s' is ignored", it->key);
			continue;
		}
		int rc = wp_programme_set(r->p, it->key, it->value, &why);
		if (rc == WP_ENOMEM)
			r->oom = 1;
		else if (rc != WP_OK)
			wp_diags_add(r->diags, r->name, it->vline, it->vcol, WP_ERROR, "meta.invalid", "%s: %s", it->key, why);
	}
	for (size_t k = 0; k < f.end_off && k < r->src.len; k++)
		if (r->src.text[k] != '\n')
			r->src.text[k] = ' ';
	fm_free(&f);
}

/* A grid table (+---+---+ borders, as pandoc writes a table whose cells
 * hold several paragraphs) is not Markdown wpgen reads as rows: CommonMark
 * makes it a paragraph. Said at its line, its text kept as a note. */
static void grid_table(reader *r, cmark_node *n)
{
	unsigned line = md_line(r, n);
	if (line < 1 || line >= r->src.nlines)
		return;
	const char *l = r->src.text + r->src.line_start[line - 1], *e = r->src.text + r->src.line_start[line];
	const char *l2 = e;
	while (l < e && *l == ' ')
		l++;
	if (e - l < 3 || l[0] != '+' || !strchr("-=:", l[1]))
		return;
	for (const char *q = l; q < e && *q != '\n' && *q != '\r'; q++)
		if (!strchr("+-=: ", *q))
			return;
	while (*l2 == ' ')
		l2++;
	if (*l2 != '|' && *l2 != '+')
		return;
	wp_diags_add(r->diags, r->name, line, (unsigned)(l - (r->src.text + r->src.line_start[line - 1])) + 1, WP_ERROR,
		     "read.table-unread", "a grid table (+---+ borders) is not read as rows: its text is kept as a note; "
		     "write it as a pipe table or an HTML <table>");
}

/***** the document *****/

static int read_doc(reader *r, cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	if (!it)
		return WP_ENOMEM;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE && !r->oom) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || n == doc)
			continue;
		int skip = 1;
		if (r->skip_to && md_line(r, n) <= r->skip_to) {
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT); /* the rest of an HTML table, read already */
			continue;
		}
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_PARAGRAPH:
			if (r->changes_para) { /* (counted with its mark) */
				r->changes_para = 0;
				cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
				continue;
			}
			grid_table(r, n);
			read_paragraph(r, n, 0);
			break;
		case CMARK_NODE_HEADING:
			read_paragraph(r, n, cmark_node_get_heading_level(n));
			break;
		case CMARK_NODE_HTML_BLOCK: {
			const char *lit = cmark_node_get_literal(n);
			if (lit && !strncmp(lit, WP_STATUS_MARK, strlen(WP_STATUS_MARK))) {
				r->status_table = 1; /* what wpgen's Markdown annex shows above the programme */
				r->p->stats.furniture++;
			} else if (lit && !strncmp(lit, WP_CHANGES_MARK, strlen(WP_CHANGES_MARK))) {
				r->changes_para = 1; /* a redline's summary line, above the programme */
				r->p->stats.furniture++;
			} else if (r->status_table && lit && !strncmp(lit, "<table", 6)) {
				r->status_table = 0; /* the summary as a Word annex has it (counted with its mark) */
			} else if (!md_html_table_block(r, n)) {
				add_literal_note(r, n, 0);
			}
			break;
		}
		case CMARK_NODE_CODE_BLOCK:
			add_literal_note(r, n, WP_STYLE_CODE);
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			r->p->stats.furniture++;
			break;
		default:
			if (strcmp(cmark_node_get_type_string(n), "table") == 0 && r->status_table)
				r->status_table = 0; /* (counted with its mark) */
			else if (strcmp(cmark_node_get_type_string(n), "table") == 0)
				md_read_table(r, n);
			else
				skip = 0; /* a container: walk into it */
			break;
		}
		if (skip) {
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			wp_arena_free(&r->scratch); /* the block's texts */
		}
	}
	cmark_iter_free(it);
	return r->oom ? WP_ENOMEM : WP_OK;
}

/* The size of the pieces a text is parsed in (md_cut.c): a piece's tree
 * is some fifteen times its size, and is freed once read. */
static size_t piece_bytes = 64 * 1024;

void wp_md_piece_bytes(size_t n)
{
	piece_bytes = n;
}

/* A piece that ends in a code or HTML block may have been cut inside it
 * (md_cut.c's scan is a model of cmark-gfm's, not cmark-gfm). */
static int suspect(cmark_node *doc)
{
	cmark_node *last = cmark_node_last_child(doc);
	cmark_node_type t = last ? cmark_node_get_type(last) : CMARK_NODE_NONE;
	return t == CMARK_NODE_CODE_BLOCK || t == CMARK_NODE_HTML_BLOCK;
}

/* The text parsed and read a piece at a time: memory holds the model and
 * one piece's tree, not the tree of the whole document. Each piece reads
 * on to a cut at least piece_bytes further (the whole text when that is
 * 0); a suspect piece is parsed again with twice the length. */
static int read_pieces(reader *r)
{
	md_cut cut;
	size_t from = 0, from_line = 0;
	int rc = WP_OK;
	md_cut_init(&cut, r->src.text, r->src.len, r->src.line_start, r->src.nlines);
	while (rc == WP_OK && (from < r->src.len || from == 0)) {
		size_t want = piece_bytes && piece_bytes < r->src.len - from ? from + piece_bytes : r->src.len, to;
		for (;;) {
			to = md_cut_next(&cut, want);
			r->doc = md_parse(r, r->src.text + from, to - from, 1);
			if (to == r->src.len || !suspect(r->doc))
				break;
			cmark_node_free(r->doc);
			r->doc = NULL;
			want = to + (to - from);
		}
		r->line0 = (unsigned)from_line;
		rc = read_doc(r, r->doc);
		cmark_node_free(r->doc);
		r->doc = NULL;
		from = to;
		from_line = cut.line;
		if (to == r->src.len)
			break;
	}
	r->line0 = 0;
	return rc;
}

int wp_read_md(wp_programme **out, const char *buf, size_t len, const char *name,
	       const wp_profile *profile, wp_diags *diags)
{
	return wp_read_md_limits(out, buf, len, name, profile, NULL, diags);
}

int wp_read_md_limits(wp_programme **out, const char *buf, size_t len, const char *name,
		      const wp_profile *profile, const wp_limits *limits, wp_diags *diags)
{
	return wp_read_md_from(out, buf, len, name, profile, limits, 0, diags);
}

int wp_read_md_from(wp_programme **out, const char *buf, size_t len, const char *name, const wp_profile *profile,
		    const wp_limits *limits, int word, wp_diags *diags)
{
	/* On the heap: what a jump back from cmark-gfm finds must not live in
	 * this frame's registers. */
	reader *r = wp_malloc(sizeof *r);
	int rc;

	*out = NULL;
	if (!r)
		return WP_ENOMEM;
	memset(r, 0, sizeof *r);
	r->prof = profile;
	r->diags = diags;
	r->name = name;
	rc = wp_source_init(&r->src, buf, len, name, diags);
	if (rc != WP_OK)
		goto done;
	if (r->src.binary) {
		wp_diags_add(diags, name, 0, 0, WP_ERROR, "read.binary", "this is binary data, not a work programme in Markdown");
		rc = WP_EINPUT;
		goto done;
	}
	if (md_over_limits(r, limits)) {
		rc = WP_EINPUT;
		goto done;
	}
	size_t n = r->src.len;
	wp_trim(r->src.text, &n);
	if (n == 0) {
		wp_diags_add(diags, name, 1, 1, WP_ERROR, "read.empty", "the document is empty: there is no work programme to read");
		rc = WP_EINPUT;
		goto done;
	}
	if (!(r->p = mb_programme_new(name, profile->name))) {
		rc = WP_ENOMEM;
		goto done;
	}
	r->arena = r->p->impl;
	r->p->src_skip = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	r->p->src_replaced = r->src.replaced;
	front_matter(r);
	if (r->oom) {
		rc = WP_ENOMEM;
		goto done;
	}
	/* Every call into cmark-gfm, parse and walk, runs in an armed session:
	 * an allocation that fails in it comes back here, with every block of
	 * the parse freed. */
	wp_cmark_begin(&r->cs);
	if (setjmp(r->cs.jb)) {
		md_cmark_failed(r, &r->cs);
		r->doc = NULL;
		rc = WP_ENOMEM;
		goto end;
	}
	r->cs.armed = 1;
	rc = read_pieces(r);
	md_fold_headers(r);
	r->cs.armed = 0;
	if (rc == WP_OK && r->p->stats.tables == 0 && !profile->narrative) {
		wp_diags_add(diags, name, 1, 1, WP_ERROR, "read.no-table",
			     word ? "no work-programme table found: a programme is a Word table of activities (a header row "
				    "of its columns, a row per activity), and this document has none"
				  : "no work-programme table found: a programme is a Markdown table of activities");
		rc = WP_EINPUT;
	}
end:
	wp_cmark_end(&r->cs);
done:
	wp_arena_free(&r->scratch);
	wp_free(r->folds);
	wp_free(r->tables.at);
	wp_buf_free(&r->text);
	wp_free(r->cells);
	wp_source_free(&r->src);
	if (rc == WP_OK && diags->oom)
		rc = WP_ENOMEM;
	if (rc == WP_OK)
		*out = r->p;
	else
		wp_programme_free(r->p);
	wp_free(r);
	return rc;
}
