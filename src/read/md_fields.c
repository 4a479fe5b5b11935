/* md_fields.c: the Markdown reader's fields: paragraphs and runs built
 * from cmark-gfm's inlines and the HTML tags a converter leaves in cells
 * (see md_reader.h). */
#include "read/md_reader.h"

/***** building fields *****/

wp_pos md_pos_at(reader *r, int line, int bytecol)
{
	wp_pos pos = {(unsigned)(line > 0 ? line : 0), 0};
	size_t len;
	const char *l = line > 0 && bytecol > 0 ? wp_source_line(&r->src, (unsigned)line, &len) : NULL;
	if (!l) {
		pos.col = line > 0 ? (unsigned)(bytecol > 0 ? bytecol : 0) : 0;
		return pos;
	}
	unsigned b = (unsigned)bytecol - 1 < len ? (unsigned)bytecol - 1 : (unsigned)len; /* bytes before */
	if (r->col_line != (unsigned)line || r->col_byte > b) {
		r->col_line = (unsigned)line;
		r->col_byte = 0;
		r->col_chars = 0;
	}
	r->col_chars += (unsigned)wp_utf8_count(l + r->col_byte, b - r->col_byte);
	r->col_byte = b;
	pos.col = r->col_chars + 1;
	return pos;
}

wp_pos md_node_pos(reader *r, cmark_node *n)
{
	return md_pos_at(r, (int)md_line(r, n), cmark_node_get_start_column(n));
}

wp_para *md_para_open(reader *r)
{
	r->para = mb_para_add(r->p, r->field, r->next_pos);
	if (!r->para)
		r->oom = 1;
	return r->para;
}

void md_run_add(reader *r, wp_run_kind kind, const char *text, size_t len)
{
	if (mb_run_add(r->p, r->para, kind, text, len, r->style, r->href, r->author, r->date, 0) != WP_OK)
		r->oom = 1;
}

/* Moves the gathered text into a run of the open paragraph. */
void md_run_flush(reader *r)
{
	if (r->text.len && r->para)
		md_run_add(r, WP_RUN_TEXT, r->text.data, r->text.len);
	if (r->text.oom)
		r->oom = 1;
	r->text.len = 0;
}

void md_text_add(reader *r, const char *s, size_t n, unsigned style, const char *href)
{
	if (!n)
		return;
	if (!r->para) {
		size_t t = n;
		wp_trim(s, &t);
		if (!t)
			return; /* white space between paragraphs */
		if (!md_para_open(r))
			return;
	}
	if (style != r->style || href != r->href || r->pending_change) {
		md_run_flush(r);
		r->style = style;
		r->href = href;
		r->pending_change = 0;
	}
	wp_buf_put(&r->text, s, n);
}

/* Trims the paragraph's ends and drops it when nothing is left. */
void md_para_close(reader *r)
{
	wp_para *p = r->para;
	md_run_flush(r);
	r->para = NULL;
	if (!p)
		return;
	while (p->nruns) {
		wp_run *x = &p->runs[0];
		size_t n = x->len;
		const char *t = x->kind == WP_RUN_TEXT ? wp_trim(x->text, &n) : x->text;
		if (x->kind == WP_RUN_BREAK || n == 0) {
			memmove(p->runs, p->runs + 1, (p->nruns - 1) * sizeof *p->runs);
			p->nruns--;
			continue;
		}
		if (t != x->text) {
			x->len = x->len - (size_t)(t - x->text);
			x->text = t;
		}
		break;
	}
	while (p->nruns) {
		wp_run *x = &p->runs[p->nruns - 1];
		size_t n = x->len;
		if (x->kind == WP_RUN_BREAK) {
			p->nruns--;
			continue;
		}
		const char *t = x->text;
		while (n && wp_is_space((unsigned char)t[n - 1]))
			n--;
		if (n == 0) {
			p->nruns--;
			continue;
		}
		if (n != x->len) {
			((char *)x->text)[n] = '\0';
			x->len = n;
		}
		break;
	}
	if (!p->nruns)
		r->field->nparas--;
}

/* Starts gathering into field f; paragraphs opened get position pos. */
void md_field_begin(reader *r, wp_field *f, wp_pos pos)
{
	r->field = f;
	r->para = NULL;
	r->next_pos = pos;
	r->style = 0;
	r->href = NULL;
	r->text.len = 0;
	memset(r->depth, 0, sizeof r->depth);
	if (!f->pos.line)
		f->pos = pos;
}

void md_field_end(reader *r)
{
	md_para_close(r);
	r->field = NULL;
}

unsigned md_cur_style(reader *r)
{
	unsigned s = 0;
	for (int i = 0; i < 6; i++)
		if (r->depth[i] > 0)
			s |= 1u << i;
	return s;
}

/* The value of attribute name in a tag's text (after its name), with
 * &quot; &amp; &#124; decoded; an arena copy, or NULL. */
static const char *tag_attr(reader *r, const char *s, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = s; *p && *p != '>'; p++) {
		if (strncmp(p, name, n) != 0 || p[n] != '=' || p[n + 1] != '"' || !wp_is_space((unsigned char)p[-1]))
			continue;
		const char *v = p + n + 2, *e = strchr(v, '"');
		if (!e)
			return NULL;
		wp_buf b = {0};
		for (const char *q = v; q < e; q++) {
			if (!strncmp(q, "&quot;", 6)) {
				wp_buf_putc(&b, '"');
				q += 5;
			} else if (!strncmp(q, "&amp;", 5)) {
				wp_buf_putc(&b, '&');
				q += 4;
			} else if (!strncmp(q, "&#124;", 6)) {
				wp_buf_putc(&b, '|');
				q += 5;
			} else {
				wp_buf_putc(&b, *q);
			}
		}
		char *out = b.data ? wp_arena_strndup(r->arena, b.data, b.len) : NULL;
		if (b.oom || (b.data && !out))
			r->oom = 1;
		wp_buf_free(&b);
		return out;
	}
	return NULL;
}

/* Recognises the inline HTML a word processor's export leaves in cells.
 * Returns 1 when it was one of ours (and acted on it), 0 for anything else,
 * which the caller keeps as text. Attributes are ignored, never passed on. */
static int html_tag(reader *r, cmark_node *n, const char *s)
{
	char name[16];
	size_t k = 0;
	int closing = 0;
	if (*s++ != '<')
		return 0;
	if (*s == '/') {
		closing = 1;
		s++;
	}
	while (isalpha((unsigned char)*s) && k < sizeof name - 1)
		name[k++] = (char)tolower((unsigned char)*s++);
	name[k] = '\0';
	if (!k || isalpha((unsigned char)*s))
		return 0;
	if (strcmp(name, "p") == 0) {
		md_para_close(r);
		if (!closing)
			r->next_pos = md_node_pos(r, n);
		return 1;
	}
	if (strcmp(name, "br") == 0) {
		if (!r->para && !md_para_open(r))
			return 1;
		md_run_flush(r);
		md_run_add(r, WP_RUN_BREAK, "", 0);
		return 1;
	}
	if (strcmp(name, "ins") == 0 || strcmp(name, "del") == 0) {
		/* who and when: data-author="..." datetime="..." */
		md_run_flush(r);
		r->pending_change = 1;
		r->author = closing ? NULL : tag_attr(r, s, "data-author");
		r->date = closing ? NULL : tag_attr(r, s, "datetime");
	}
	unsigned bit = mb_html_style(name);
	if (!bit)
		return 0;
	int i = __builtin_ctz(bit); /* depth[] is in style bit order */
	if (closing) {
		if (r->depth[i] > 0)
			r->depth[i]--;
	} else {
		r->depth[i]++;
	}
	return 1;
}

/* Gathers the inline content of the sibling nodes [first, stop) into the
 * current field. Walks each subtree with cmark's iterator, so a deeply
 * nested source cannot exhaust the C stack. */
void md_inlines(reader *r, cmark_node *first, cmark_node *stop)
{
	for (cmark_node *sib = first; sib && sib != stop && !r->oom; sib = cmark_node_next(sib)) {
		cmark_iter *it = cmark_iter_new(sib);
		cmark_event_type ev;
		if (!it) {
			r->oom = 1;
			return;
		}
		while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE && !r->oom) {
			cmark_node *n = cmark_iter_get_node(it);
			cmark_node_type t = cmark_node_get_type(n);
			int enter = ev == CMARK_EVENT_ENTER;
			const char *lit;
			switch (t) {
			case CMARK_NODE_TEXT:
				if (!r->para)
					r->next_pos = r->field->nparas ? md_node_pos(r, n) : r->next_pos;
				lit = cmark_node_get_literal(n);
				md_text_add(r, lit, strlen(lit), md_cur_style(r), r->href);
				break;
			case CMARK_NODE_CODE:
				lit = cmark_node_get_literal(n);
				md_text_add(r, lit, strlen(lit), md_cur_style(r) | WP_STYLE_CODE, r->href);
				break;
			case CMARK_NODE_SOFTBREAK:
				md_text_add(r, "\n", 1, md_cur_style(r), r->href);
				break;
			case CMARK_NODE_LINEBREAK:
				if (r->para) {
					md_run_flush(r);
					md_run_add(r, WP_RUN_BREAK, "", 0);
				}
				break;
			case CMARK_NODE_STRONG:
				r->depth[0] += enter ? 1 : -1;
				break;
			case CMARK_NODE_EMPH:
				r->depth[1] += enter ? 1 : -1;
				break;
			case CMARK_NODE_LINK:
			case CMARK_NODE_IMAGE:
				md_run_flush(r);
				if (enter) {
					r->href = wp_arena_strdup(r->arena, cmark_node_get_url(n));
					if (!r->href)
						r->oom = 1;
				} else {
					r->href = NULL;
				}
				break;
			case CMARK_NODE_HTML_INLINE:
				lit = cmark_node_get_literal(n);
				if (!html_tag(r, n, lit))
					md_text_add(r, lit, strlen(lit), md_cur_style(r), r->href);
				break;
			default:
				if (strcmp(cmark_node_get_type_string(n), "strikethrough") == 0) {
					r->depth[4] += enter ? 1 : -1;
				} else if (enter && (lit = cmark_node_get_literal(n)) != NULL) {
					md_text_add(r, lit, strlen(lit), md_cur_style(r), r->href);
				}
				break;
			}
		}
		cmark_iter_free(it);
	}
}

