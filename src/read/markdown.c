/* read_md.c: the Markdown reader.
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
 * It never judges content: that is the rules'. */
#include "wpgen/wpgen.h"
#include "base/alloc.h"
#include "base/date.h"
#include "model/assemble.h"
#include "read/front_matter.h"
#include "read/markdown.h"
#include "read/source.h"
#include "base/util.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct span {
	size_t off, len; /* bytes into the source text, trimmed */
	size_t ws;       /* an empty cell: off is its interior's start, ws its width */
} span;

typedef struct reader {
	wp_arena *arena;
	wp_programme *p;
	const wp_profile *prof;
	wp_diags *diags;
	const char *name;
	wp_source src;
	wp_section *cur;
	int oom;

	/* the run being gathered (see run_flush) */
	wp_buf text;
	unsigned style;
	const char *href;
	const char *author, *date; /* of the open <ins>/<del> */
	int pending_change;        /* they changed since the run began */
	wp_field *field;
	wp_para *para;     /* open paragraph of field, or NULL */
	wp_pos next_pos;   /* position of the next paragraph to open */
	int depth[6];      /* open count per style bit */

	/* Memory alive across calls into cmark-gfm lives here or in the arena:
	 * such a call may jump back to wp_read_md_limits when an allocation
	 * fails (alloc.c), and only what the reader can find is freed. */
	wp_arena scratch;  /* texts of the block being read; emptied after each */
	wp_cmark_session cs;
	cmark_node *doc;
	int locked;        /* holds parse_lock */
	unsigned skip_to;  /* the last line of an HTML table read from the source: its nodes are passed */
	int status_table;  /* the next table is the status summary an annex shows: not the programme's */
	unsigned html_line0; /* the line an HTML fragment starts at */
	size_t html_off0;    /* and its byte offset in the source */
	struct {             /* the source's <table> ... </table> pairs, by offset */
		size_t (*at)[2];
		size_t n, cap;
		int done;
	} tables;
	struct fold {      /* a header finding, and how often a repeated header repeated it */
		size_t section, col;
		const char *text;
		size_t diag, count;
	} *folds;
	size_t nfolds, fcap;
	span *cells;       /* scratch: raw cells of the current row */
	size_t ncells, ccap;
	/* the last column worked out, so that the cells of a row, asked in
	 * order, are counted once and not each from the start of the line */
	unsigned col_line, col_byte, col_chars;
} reader;


/***** building fields *****/

static wp_pos pos_at(reader *r, int line, int bytecol)
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

static wp_pos node_pos(reader *r, cmark_node *n)
{
	return pos_at(r, cmark_node_get_start_line(n), cmark_node_get_start_column(n));
}

static wp_para *para_open(reader *r)
{
	r->para = mb_para_add(r->p, r->field, r->next_pos);
	if (!r->para)
		r->oom = 1;
	return r->para;
}

static void run_add(reader *r, wp_run_kind kind, const char *text, size_t len)
{
	if (mb_run_add(r->p, r->para, kind, text, len, r->style, r->href, r->author, r->date, 0) != WP_OK)
		r->oom = 1;
}

/* Moves the gathered text into a run of the open paragraph. */
static void run_flush(reader *r)
{
	if (r->text.len && r->para)
		run_add(r, WP_RUN_TEXT, r->text.data, r->text.len);
	if (r->text.oom)
		r->oom = 1;
	r->text.len = 0;
}

static void text_add(reader *r, const char *s, size_t n, unsigned style, const char *href)
{
	if (!n)
		return;
	if (!r->para) {
		size_t t = n;
		wp_trim(s, &t);
		if (!t)
			return; /* white space between paragraphs */
		if (!para_open(r))
			return;
	}
	if (style != r->style || href != r->href || r->pending_change) {
		run_flush(r);
		r->style = style;
		r->href = href;
		r->pending_change = 0;
	}
	wp_buf_put(&r->text, s, n);
}

/* Trims the paragraph's ends and drops it when nothing is left. */
static void para_close(reader *r)
{
	wp_para *p = r->para;
	run_flush(r);
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
static void field_begin(reader *r, wp_field *f, wp_pos pos)
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

static void field_end(reader *r)
{
	para_close(r);
	r->field = NULL;
}

static unsigned cur_style(reader *r)
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
		para_close(r);
		if (!closing)
			r->next_pos = node_pos(r, n);
		return 1;
	}
	if (strcmp(name, "br") == 0) {
		if (!r->para && !para_open(r))
			return 1;
		run_flush(r);
		run_add(r, WP_RUN_BREAK, "", 0);
		return 1;
	}
	if (strcmp(name, "ins") == 0 || strcmp(name, "del") == 0) {
		/* who and when: data-author="..." datetime="..." */
		run_flush(r);
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
static void inlines(reader *r, cmark_node *first, cmark_node *stop)
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
					r->next_pos = r->field->nparas ? node_pos(r, n) : r->next_pos;
				lit = cmark_node_get_literal(n);
				text_add(r, lit, strlen(lit), cur_style(r), r->href);
				break;
			case CMARK_NODE_CODE:
				lit = cmark_node_get_literal(n);
				text_add(r, lit, strlen(lit), cur_style(r) | WP_STYLE_CODE, r->href);
				break;
			case CMARK_NODE_SOFTBREAK:
				text_add(r, "\n", 1, cur_style(r), r->href);
				break;
			case CMARK_NODE_LINEBREAK:
				if (r->para) {
					run_flush(r);
					run_add(r, WP_RUN_BREAK, "", 0);
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
				run_flush(r);
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
					text_add(r, lit, strlen(lit), cur_style(r), r->href);
				break;
			default:
				if (strcmp(cmark_node_get_type_string(n), "strikethrough") == 0) {
					r->depth[4] += enter ? 1 : -1;
				} else if (enter && (lit = cmark_node_get_literal(n)) != NULL) {
					text_add(r, lit, strlen(lit), cur_style(r), r->href);
				}
				break;
			}
		}
		cmark_iter_free(it);
	}
}

/***** rows as the author wrote them *****/

/* Splits the raw line of a table row into cells, honouring backslash
 * escapes as GFM does; skips the first skip bytes (a container's prefix).
 * The cells land in r->cells, trimmed. */
static void split_row(reader *r, unsigned line, size_t skip)
{
	size_t len, i, start;
	const char *l = wp_source_line(&r->src, line, &len);
	r->ncells = 0;
	if (!l)
		return;
	size_t base = (size_t)(l - r->src.text);
	i = skip < len ? skip : len;
	while (i < len && (l[i] == ' ' || l[i] == '\t'))
		i++;
	if (i < len && l[i] == '|')
		i++;
	start = i;
	/* the next pipe and the next backslash, each found again only once
	 * passed (so that the row is read once however they mix) */
	const char *pp = i < len ? memchr(l + i, '|', len - i) : NULL;
	const char *bs = i < len ? memchr(l + i, '\\', len - i) : NULL;
	for (;;) {
		if (pp && (size_t)(pp - l) < i)
			pp = i < len ? memchr(l + i, '|', len - i) : NULL;
		if (bs && (size_t)(bs - l) < i)
			bs = i < len ? memchr(l + i, '\\', len - i) : NULL;
		size_t next = pp ? (size_t)(pp - l) : len;
		if (bs && (size_t)(bs - l) < next)
			next = (size_t)(bs - l);
		i = next;
		int end = i >= len;
		if (!end && l[i] == '\\' && i + 1 < len) {
			i += 2;
			continue;
		}
		if (end || l[i] == '|') {
			size_t n = i - start;
			const char *c = wp_trim(l + start, &n);
			/* The text after the last pipe is a cell only if not blank. */
			if (!(end && n == 0 && r->ncells > 0)) {
				span *cells = r->cells;
				if (r->ncells == r->ccap) {
					size_t ncap = r->ccap ? r->ccap * 2 : 16;
					cells = wp_realloc(r->cells, ncap * sizeof *cells);
					if (!cells) {
						r->oom = 1;
						return;
					}
					r->cells = cells;
					r->ccap = ncap;
				}
				if (n)
					r->cells[r->ncells++] = (span){base + (size_t)(c - l), n, 0};
				else
					r->cells[r->ncells++] = (span){base + start, 0, i - start};
			}
			if (end)
				break;
			start = i + 1;
		}
		i++;
	}
}

static int is_rule_cell(const char *s, size_t n)
{
	size_t i = 0;
	if (n && s[0] == ':')
		i++;
	size_t dashes = 0;
	while (i < n && s[i] == '-') {
		i++;
		dashes++;
	}
	if (i < n && s[i] == ':')
		i++;
	return dashes > 0 && i == n;
}

/* A row of dashes under a header-less table's only row: a table border
 * from the conversion, not content. */
static int is_stray_rule(reader *r)
{
	int rules = 0;
	for (size_t i = 0; i < r->ncells; i++) {
		const char *s = r->src.text + r->cells[i].off;
		if (r->cells[i].len == 0)
			continue;
		if (!is_rule_cell(s, r->cells[i].len))
			return 0;
		rules++;
	}
	return rules > 0;
}

/***** headers, columns and sections *****/

/* The plain text of a field, in the scratch arena (NULL: out of memory). */
static char *scratch_text(reader *r, const wp_field *f)
{
	char *t = wp_field_text(f), *s = t ? wp_arena_strdup(&r->scratch, t) : NULL;
	wp_free(t);
	if (!s)
		r->oom = 1;
	return s;
}

static char *plain_of(reader *r, cmark_node *cell)
{
	wp_field f = {0};
	field_begin(r, &f, (wp_pos){0, 0});
	inlines(r, cmark_node_first_child(cell), NULL);
	field_end(r);
	return scratch_text(r, &f);
}

/* Splits a trailing footnote mark (" ¹", "³⁴") off a header text. */
int md_strip_mark(char *s)
{
	size_t n = strlen(s), end = n;
	int mark = 0, scale = 1, found = 0;
	while (end > 0) {
		size_t k = end >= 3 ? 3 : end, len;
		int d = -1;
		/* superscripts are 2 or 3 bytes long */
		for (size_t w = 2; w <= k; w++) {
			if (wp_superscript_digit(s + end - w, w, &len) >= 0 && len == w) {
				d = wp_superscript_digit(s + end - w, w, &len);
				break;
			}
		}
		if (d < 0)
			break;
		mark += d * scale;
		scale *= 10;
		end -= len;
		found = 1;
	}
	if (!found)
		return 0;
	while (end > 0 && wp_is_space((unsigned char)s[end - 1]))
		end--;
	s[end] = '\0';
	return mark;
}

/* Header texts compare ignoring case, runs of white space, and a final
 * colon or full stop. */
static int header_eq(const char *a, const char *b)
{
	for (;;) {
		while (*a && wp_is_space((unsigned char)*a) && (wp_is_space((unsigned char)a[1]) || !a[1]))
			a++;
		while (*b && wp_is_space((unsigned char)*b) && (wp_is_space((unsigned char)b[1]) || !b[1]))
			b++;
		if ((*a == ':' || *a == '.') && !a[1])
			a++;
		if ((*b == ':' || *b == '.') && !b[1])
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		int ca = wp_is_space((unsigned char)*a) ? ' ' : tolower((unsigned char)*a);
		int cb = wp_is_space((unsigned char)*b) ? ' ' : tolower((unsigned char)*b);
		if (ca != cb)
			return 0;
		a++;
		b++;
	}
}

static int column_matches(const wp_profile_column *c, const char *h)
{
	if (c->header && header_eq(c->header, h))
		return 1;
	for (size_t i = 0; i < c->naliases; i++)
		if (c->aliases[i] && header_eq(c->aliases[i], h))
			return 1;
	return 0;
}

/* The profile's section kind whose columns best match the header texts. */
const wp_profile_section *md_match_kind(const wp_profile *prof, char **hdr, size_t n, size_t *score)
{
	const wp_profile_section *best = NULL;
	*score = 0;
	for (size_t k = 0; k < prof->nsections; k++) {
		const wp_profile_section *s = &prof->sections[k];
		size_t sc = 0;
		if (s->ncolumns != n && !(s->extra_key && n > s->ncolumns))
			continue;
		for (size_t i = 0; i < s->ncolumns; i++)
			sc += column_matches(&s->columns[i], hdr[i]);
		/* extra columns (a schedule's months) only after every declared one */
		if (n > s->ncolumns && sc < s->ncolumns)
			continue;
		if (sc > *score) {
			*score = sc;
			best = s;
		}
	}
	return best && *score * 2 >= best->ncolumns ? best : NULL;
}

static wp_section *section_new(reader *r, wp_pos pos)
{
	r->cur = mb_section_add(r->p, pos);
	if (!r->cur)
		r->oom = 1;
	return r->cur;
}

/* Reports each header cell that is not the profile's text for its column.
 * A header repeated at every page break repeats its findings: those are
 * folded into the first (see fold_headers), one finding with a count. */
static void check_header(reader *r, const wp_profile_section *kind, char **hdr, size_t n, wp_pos pos,
			 size_t skip, int repeated, const wp_pos *colpos)
{
	if (!colpos)
		split_row(r, pos.line, skip);
	for (size_t i = 0; i < n && i < kind->ncolumns; i++) {
		if (column_matches(&kind->columns[i], hdr[i]))
			continue;
		size_t k = 0;
		while (repeated && k < r->nfolds && !(r->folds[k].section == r->p->nsections && r->folds[k].col == i &&
						     !strcmp(r->folds[k].text, hdr[i])))
			k++;
		if (repeated && k < r->nfolds) {
			r->folds[k].count++;
			continue;
		}
		if (r->nfolds == r->fcap) {
			size_t nc = r->fcap ? r->fcap * 2 : 8;
			struct fold *g = wp_realloc(r->folds, nc * sizeof *g);
			if (!g) {
				r->oom = 1;
				return;
			}
			r->folds = g;
			r->fcap = nc;
		}
		char *text = wp_arena_strdup(r->arena, hdr[i]);
		if (!text) {
			r->oom = 1;
			return;
		}
		r->folds[r->nfolds++] = (struct fold){r->p->nsections, i, text, r->diags->n, 0};
		wp_pos at = colpos ? colpos[i] : (wp_pos){pos.line, i < r->ncells ? wp_source_col(&r->src, pos.line,
				     (unsigned)(r->cells[i].off - r->src.line_start[pos.line - 1] + 1)) : pos.col};
		wp_diags_add(r->diags, r->name, at.line, at.col, WP_WARNING, "table.header",
			     "column %zu is headed '%s' where the profile expects '%s'", i + 1, hdr[i], kind->columns[i].header);
	}
}

/* The count of a header finding repeated on the headers repeated at page
 * breaks, in its first occurrence's message. */
static void fold_headers(reader *r)
{
	for (size_t k = 0; k < r->nfolds; k++) {
		wp_diag *x = r->folds[k].diag < r->diags->n ? &r->diags->items[r->folds[k].diag] : NULL;
		if (!x || !r->folds[k].count)
			continue;
		wp_buf m = {0};
		wp_buf_printf(&m, "%s, and on %zu repeated header%s", x->message, r->folds[k].count,
			      r->folds[k].count == 1 ? "" : "s");
		char *msg = wp_buf_detach(&m, NULL);
		if (!msg) {
			r->oom = 1;
			return;
		}
		wp_free(x->message);
		x->message = msg;
	}
}

/* Gives a section its columns from a header row. */
static void section_columns(reader *r, wp_section *s, char **hdr, int *marks, size_t n,
			    const wp_profile_section *kind, wp_pos pos, const wp_pos *colpos)
{
	s->columns = wp_arena_alloc(r->arena, n * sizeof *s->columns);
	if (!s->columns) {
		r->oom = 1;
		return;
	}
	s->ncolumns = n;
	/* The model owns its strings: it may outlive the profile. */
	if (kind && !(s->kind = wp_arena_strdup(r->arena, kind->kind)))
		r->oom = 1;
	if (!colpos)
		split_row(r, pos.line, pos.col ? pos.col - 1 : 0);
	for (size_t i = 0; i < n; i++) {
		wp_column *c = &s->columns[i];
		c->pos = colpos ? colpos[i] : pos;
		if (!colpos && i < r->ncells && pos.line)
			c->pos = pos_at(r, (int)pos.line, (int)(r->cells[i].off - r->src.line_start[pos.line - 1] + 1));
		c->header = wp_arena_strdup(r->arena, hdr[i]);
		c->mark = marks[i];
		if (kind && i >= kind->ncolumns) {
			c->key = mb_printf(r->p, "%s.%zu", kind->extra_key, i - kind->ncolumns + 1);
			c->roles = kind->extra_roles;
		} else if (kind) {
			c->key = wp_arena_strdup(r->arena, kind->columns[i].key);
			c->roles = kind->columns[i].roles;
		} else {
			c->key = mb_printf(r->p, "col%zu", i + 1);
			c->roles = i == 0 ? WP_ROLE_NUMBER | WP_ROLE_CONTINUATION : 0;
		}
		if (!c->header || !c->key)
			r->oom = 1;
	}
	if (!kind)
		wp_diags_add(r->diags, r->name, pos.line, pos.col, WP_WARNING, "table.header",
			     "this header row matches no section of profile '%s'; its columns are kept as written",
			     r->prof->name ? r->prof->name : "?");
}

/***** rows *****/

typedef struct row {
	wp_field *fields; /* one per column of the section */
	size_t n;
	wp_pos pos;
	unsigned line;
	unsigned written;
} row;

static int is_example(reader *r, const char *num)
{
	for (size_t i = 0; i < r->prof->nexample_markers; i++)
		if (r->prof->example_markers[i] && header_eq(r->prof->example_markers[i], num))
			return 1;
	return 0;
}

static int roles_empty(const wp_section *s, const row *w, unsigned role)
{
	int any = 0;
	for (size_t i = 0; i < s->ncolumns; i++) {
		if (!(s->columns[i].roles & role))
			continue;
		any = 1;
		if (!wp_field_is_empty(&w->fields[i]))
			return 0;
	}
	return any;
}

static int others_empty(const wp_section *s, const row *w, unsigned role)
{
	for (size_t i = 0; i < s->ncolumns; i++)
		if (!(s->columns[i].roles & role) && !wp_field_is_empty(&w->fields[i]))
			return 0;
	return 1;
}

static void join_continuation(reader *r, wp_activity *a, row *w)
{
	for (size_t i = 0; i < w->n; i++) {
		wp_field *to = &a->fields[i], *from = &w->fields[i];
		for (size_t k = 0; k < from->nparas; k++) {
			wp_para *paras = wp_arena_grow(r->arena, to->paras, &to->cap, to->nparas, sizeof *paras);
			if (!paras) {
				r->oom = 1;
				return;
			}
			to->paras = paras;
			to->paras[to->nparas] = from->paras[k];
			to->paras[to->nparas].continued = 1;
			if (!to->pos.line)
				to->pos = from->pos;
			to->nparas++;
		}
	}
	a->continuations++;
	r->p->stats.continuation_rows++;
}

static wp_activity *activity_add(reader *r, wp_section *s, int example)
{
	wp_activity *a = mb_activity_add(r->p, s, example);
	if (!a)
		r->oom = 1;
	return a;
}

/* cmark-gfm 0.29 is not safe to run in two threads at once: it registers
 * its extensions behind an unlocked flag, and attaching an extension to a
 * parser and freeing the parser add and remove the extension's characters
 * in one table shared by every parser ('~' for strikethrough). A build
 * worker freeing its parser while another parsed made the other read
 * "~~2.~~" as text. Parses are therefore serialised; the walk of the tree
 * that follows, most of the reader's work, is not. */
static pthread_once_t extensions_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t parse_lock = PTHREAD_MUTEX_INITIALIZER;

/* Parses text with cmark-gfm through wpgen's allocator (see alloc.c), in
 * the session the caller has armed: a failed allocation jumps back to it.
 * The tree belongs to that session; free it with cmark_node_free before
 * wp_cmark_end. */
static cmark_node *parse_md(reader *r, const char *text, size_t len, int tables)
{
	pthread_once(&extensions_once, cmark_gfm_core_extensions_ensure_registered);
	pthread_mutex_lock(&parse_lock);
	r->locked = 1;
	cmark_parser *ps = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, wp_cmark_mem());
	if (tables)
		cmark_parser_attach_syntax_extension(ps, cmark_find_syntax_extension("table"));
	cmark_parser_attach_syntax_extension(ps, cmark_find_syntax_extension("strikethrough"));
	cmark_parser_feed(ps, text, len);
	cmark_node *doc = cmark_parser_finish(ps);
	cmark_parser_free(ps);
	r->locked = 0;
	pthread_mutex_unlock(&parse_lock);
	return doc;
}

/* After a jump back from cmark-gfm (an allocation failed): the lock
 * released, the session's blocks freed. */
static void cmark_failed(reader *r, wp_cmark_session *cs)
{
	if (r->locked) {
		r->locked = 0;
		pthread_mutex_unlock(&parse_lock);
	}
	wp_cmark_release(cs);
	r->oom = 1;
}

/* Parses a cell that cmark-gfm dropped (beyond the header's count) on its
 * own, and appends its paragraphs to field f. */
static void extra_cell(reader *r, wp_field *f, span c, unsigned line)
{
	wp_cmark_session cs;
	cmark_node *volatile doc = NULL;
	wp_cmark_begin(&cs);
	if (setjmp(cs.jb)) {
		cmark_failed(r, &cs);
		wp_cmark_end(&cs);
		return;
	}
	cs.armed = 1;
	doc = parse_md(r, r->src.text + c.off, c.len, 0);
	size_t before = f->nparas;
	wp_pos at = pos_at(r, (int)line, (int)(c.off - r->src.line_start[line - 1] + 1));
	field_begin(r, f, at);
	r->next_pos = at;
	for (cmark_node *b = cmark_node_first_child(doc); b; b = cmark_node_next(b)) {
		para_close(r);
		inlines(r, cmark_node_first_child(b), NULL);
	}
	field_end(r);
	for (size_t k = before; k < f->nparas; k++)
		f->paras[k].pos = at;
	cmark_node_free(doc);
	cs.armed = 0;
	wp_cmark_end(&cs);
}

static void place_row(reader *r, row *wp, int *may_guide);

static void read_row(reader *r, cmark_node *rownode, size_t tcols, size_t skip, int *may_guide)
{
	wp_section *s = r->cur;
	unsigned line = (unsigned)cmark_node_get_start_line(rownode);
	row w = {0};

	if (line < 1 || line > r->src.nlines) /* cmark and wp_source count lines alike; never trust it blindly */
		line = line < 1 ? 1 : r->src.nlines;

	split_row(r, line, skip);
	if (r->oom)
		return;
	if (is_stray_rule(r)) {
		r->p->stats.furniture++;
		return;
	}
	w.n = s->ncolumns;
	w.line = line;
	w.written = (unsigned)r->ncells;
	w.fields = wp_arena_alloc(r->arena, (w.n ? w.n : 1) * sizeof *w.fields);
	if (!w.fields) {
		r->oom = 1;
		return;
	}
	size_t first_off = r->ncells ? r->cells[0].off : r->src.line_start[line - 1];
	w.pos = pos_at(r, (int)line, (int)(first_off - r->src.line_start[line - 1] + 1));

	/* Cells from cmark's tree, positions from the raw line. */
	size_t i = 0;
	for (cmark_node *cell = cmark_node_first_child(rownode); cell && i < w.n;
	     cell = cmark_node_next(cell), i++) {
		wp_pos pos = w.pos;
		if (i < r->ncells)
			pos = pos_at(r, (int)line, (int)(r->cells[i].off - r->src.line_start[line - 1] + 1));
		else if (r->ncells)
			pos = pos_at(r, (int)line, (int)(r->cells[r->ncells - 1].off + r->cells[r->ncells - 1].len
							  - r->src.line_start[line - 1] + 1));
		w.fields[i].pos = pos;
		if (i < r->ncells) {
			span c = r->cells[i];
			w.fields[i].has_src = 1;
			w.fields[i].src_off = c.off;
			w.fields[i].src_len = c.len ? c.len : c.ws;
			w.fields[i].end = pos_at(r, (int)line, (int)(c.off + c.len - r->src.line_start[line - 1] + 1));
		} else {
			w.fields[i].end = pos;
		}
		field_begin(r, &w.fields[i], pos);
		inlines(r, cmark_node_first_child(cell), NULL);
		field_end(r);
	}
	for (; i < w.n; i++)
		w.fields[i].pos = w.fields[i].end = w.pos;
	if (r->oom)
		return;

	/* Cells beyond the table's (or the section's) columns are kept at the
	 * end of the last column, never dropped. */
	size_t ncols = tcols < w.n ? tcols : w.n;
	if (r->ncells != ncols && w.n) {
		int all_empty = 1;
		for (size_t k = 0; k < r->ncells; k++)
			all_empty &= r->cells[k].len == 0;
		if (!all_empty) {
			wp_diags_add(r->diags, r->name, w.pos.line, w.pos.col, WP_ERROR, "table.cells",
				     r->ncells < ncols
					     ? "row has %zu cells where the header has %zu"
					     : "row has %zu cells where the header has %zu; the extra cells are kept at the end of the last column",
				     r->ncells, ncols);
			for (size_t k = ncols; k < r->ncells; k++)
				if (r->cells[k].len)
					extra_cell(r, &w.fields[w.n - 1], r->cells[k], line);
		}
	}

	place_row(r, &w, may_guide);
}

/* Places a row read from a table (pipe or HTML) in the current section:
 * an example, the guidance row, the rest of the previous activity across
 * a page break, or an activity. */
static void place_row(reader *r, row *wp, int *may_guide)
{
	wp_section *s = r->cur;
	row w = *wp;
	int empty = 1;
	for (size_t k = 0; k < w.n; k++)
		empty &= wp_field_is_empty(&w.fields[k]);
	if (empty) {
		r->p->stats.empty_rows++;
		return;
	}

	int numcol = wp_section_role(s, WP_ROLE_NUMBER);
	char *num = numcol >= 0 ? wp_field_number_text(&w.fields[numcol]) : NULL;
	if (numcol >= 0 && !num) {
		r->oom = 1;
		return;
	}
	int number_empty = numcol < 0 || wp_field_is_empty(&w.fields[numcol]);
	wp_activity *a = NULL;

	if (num && !number_empty && is_example(r, num) && others_empty(s, &w, WP_ROLE_NUMBER)) {
		/* "EXAMPLE" alone in its row: the label over the examples, which
		 * the annex draws itself; not an example */
		r->p->stats.furniture++;
	} else if (num && !number_empty && is_example(r, num)) {
		a = activity_add(r, s, 1);
		*may_guide = 0;
	} else if (numcol >= 0 && number_empty && *may_guide && !s->guidance && !s->nactivities && !s->nexamples &&
		   !roles_empty(s, &w, WP_ROLE_CONTINUATION)) {
		/* The header's second row: the question each column answers. */
		s->guidance = w.fields;
		*may_guide = 0;
	} else if (roles_empty(s, &w, WP_ROLE_CONTINUATION) && !others_empty(s, &w, WP_ROLE_CONTINUATION) &&
		   s->nactivities) {
		join_continuation(r, &s->activities[s->nactivities - 1], &w);
		*may_guide = 0;
	} else {
		if (roles_empty(s, &w, WP_ROLE_CONTINUATION))
			wp_diags_add(r->diags, r->name, w.pos.line, w.pos.col, WP_ERROR, "table.orphan-continuation",
				     "row continues an activity, but no activity precedes it in this section; kept as an activity");
		a = activity_add(r, s, 0);
		*may_guide = 0;
	}
	if (a) {
		a->fields = w.fields;
		a->pos = w.pos;
		a->cells_written = w.written;
		a->number = num && !number_empty ? wp_number_parse(r->arena, num, &r->oom) : NULL;
	}
	wp_free(num);
}

static int header_empty(char **hdr, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(hdr[i]);
		wp_trim(hdr[i], &len);
		if (len)
			return 0;
	}
	return 1;
}

/* The section a table's header puts its rows in: a header-less table
 * continues the current section (a page break); a header of another kind
 * (or the first) opens a section; the same header again is a repeated
 * page header, counted and compared with the profile. colpos: the header
 * cells' positions (NULL: from the raw line, skipping skip bytes).
 * Returns whether the next row may be the guidance row. */
static int place_header(reader *r, char **hdr, int *marks, size_t n, wp_pos pos, const wp_pos *colpos, size_t skip)
{
	int may_guide = 0;
	if (header_empty(hdr, n)) {
		r->p->stats.headerless_tables++;
		if (!r->cur || !r->cur->columns) {
			if (!r->cur && !section_new(r, pos))
				return 0;
			section_columns(r, r->cur, hdr, marks, n, NULL, pos, colpos);
			wp_diags_add(r->diags, r->name, pos.line, pos.col, WP_ERROR, "table.headerless",
				     "table without a header row where no section has given the columns");
		} else if (n != r->cur->ncolumns) {
			wp_diags_add(r->diags, r->name, pos.line, pos.col, WP_ERROR, "table.columns",
				     "table has %zu columns where its section has %zu", n, r->cur->ncolumns);
		}
		return 0;
	}
	size_t score;
	const wp_profile_section *kind = md_match_kind(r->prof, hdr, n, &score);
	wp_section *s = r->cur;
	if (kind)
		check_header(r, kind, hdr, n, pos, skip, s && s->columns && strcmp(s->kind, kind->kind) == 0 && s->ncolumns == n,
			     colpos);
	if (s && !s->columns) {
		section_columns(r, s, hdr, marks, n, kind, pos, colpos);
		may_guide = 1;
	} else if (s && kind && strcmp(s->kind, kind->kind) == 0 && s->ncolumns == n) {
		r->p->stats.repeated_headers++;
	} else if (s && !kind && s->ncolumns == n && strcmp(s->kind, "unknown") == 0) {
		r->p->stats.repeated_headers++;
	} else {
		if (!section_new(r, pos))
			return 0;
		section_columns(r, r->cur, hdr, marks, n, kind, pos, colpos);
		may_guide = 1;
	}
	return may_guide;
}

static void read_table(reader *r, cmark_node *table)
{
	cmark_node *hrow = cmark_node_first_child(table);
	size_t n = cmark_gfm_extensions_get_table_columns(table), i = 0;
	size_t skip = (size_t)(cmark_node_get_start_column(table) - 1);
	wp_pos pos = node_pos(r, table);
	char **hdr = wp_arena_alloc(&r->scratch, (n ? n : 1) * sizeof *hdr);
	int *marks = wp_arena_alloc(&r->scratch, (n ? n : 1) * sizeof *marks);
	int may_guide = 0;

	r->p->stats.tables++;
	if (!hdr || !marks) {
		r->oom = 1;
		goto done;
	}
	for (cmark_node *c = cmark_node_first_child(hrow); c && i < n; c = cmark_node_next(c), i++) {
		if (!(hdr[i] = plain_of(r, c)))
			goto done;
		marks[i] = md_strip_mark(hdr[i]);
	}
	n = i;

	may_guide = place_header(r, hdr, marks, n, pos, NULL, skip);
	if (r->oom)
		goto done;
	/* Each row's nodes are freed once it is read: the model grows as the
	 * parse tree shrinks, so the two are never whole at once. */
	for (cmark_node *rn = cmark_node_next(hrow), *next; rn && !r->oom; rn = next) {
		next = cmark_node_next(rn);
		read_row(r, rn, n, skip, &may_guide);
		cmark_node_free(rn);
	}
done:
	return; /* hdr and marks are the scratch arena's */
}

/* Where text outside tables goes: the preamble before any section, a
 * section's intro before its first table, its notes after. */
static wp_field *text_home(reader *r)
{
	return !r->cur ? &r->p->preamble : r->cur->columns ? &r->cur->notes : &r->cur->intro;
}

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
	return pos_at(r, (int)lo + 1, (int)(off - r->src.line_start[lo]) + 1);
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
		text_add(r, b.data, b.len, cur_style(r), r->href);
	wp_buf_free(&b);
}

/* Digits as superscripts: a footnote mark ("8" -> "⁸"). */
static void superscript(reader *r, const char *t)
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
		text_add(r, sup[d[i] - '0'], strlen(sup[d[i] - '0']), cur_style(r), r->href);
}

static void html_inlines(reader *r, xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c && !r->oom; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (!r->para)
				r->next_pos = r->field->nparas ? html_pos(r, c->parent) : r->next_pos;
			html_text(r, (const char *)c->content);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)c->name;
		if (is_el(c, "p") || is_el(c, "div") || is_el(c, "li")) {
			para_close(r);
			r->next_pos = html_pos(r, c);
			html_inlines(r, c);
			para_close(r);
		} else if (is_el(c, "br")) {
			if (r->text.len && r->text.data[r->text.len - 1] == ' ')
				r->text.len--; /* a space before a line break is not shown either */
			if (r->para || para_open(r)) {
				run_flush(r);
				run_add(r, WP_RUN_BREAK, "", 0);
			}
		} else if (is_el(c, "sup")) {
			xmlChar *t = xmlNodeGetContent(c);
			superscript(r, t ? (const char *)t : "");
			xmlFree(t);
		} else if (is_el(c, "a")) {
			xmlChar *href = xmlGetProp(c, BAD_CAST "href");
			if (href && href[0] == '#' && !xmlStrncmp(href, BAD_CAST "#fn", 3)) {
				/* a footnote reference: its number is the mark */
				xmlChar *t = xmlNodeGetContent(c);
				superscript(r, t ? (const char *)t : "");
				xmlFree(t);
			} else {
				run_flush(r);
				r->href = href ? wp_arena_strdup(r->arena, (const char *)href) : NULL;
				if (href && !r->href)
					r->oom = 1;
				html_inlines(r, c);
				run_flush(r);
				r->href = NULL;
			}
			xmlFree(href);
		} else {
			unsigned bit = mb_html_style(name); /* libxml2's HTML parser lowercases names */
			if (bit & (WP_STYLE_INS | WP_STYLE_DEL)) {
				xmlChar *au = xmlGetProp(c, BAD_CAST "data-author"), *dt = xmlGetProp(c, BAD_CAST "datetime");
				run_flush(r);
				r->pending_change = 1;
				r->author = au ? wp_arena_strdup(r->arena, (const char *)au) : NULL;
				r->date = dt ? wp_arena_strdup(r->arena, (const char *)dt) : NULL;
				xmlFree(au);
				xmlFree(dt);
			}
			int i = bit ? __builtin_ctz(bit) : -1;
			if (i >= 0)
				r->depth[i]++;
			html_inlines(r, c); /* any other element: its text, never its markup */
			if (i >= 0)
				r->depth[i]--;
			if (bit & (WP_STYLE_INS | WP_STYLE_DEL)) {
				run_flush(r);
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
			field_begin(r, f, at);
			if (style) {
				xmlChar *au = xmlGetProp(w, BAD_CAST "data-author"), *dt = xmlGetProp(w, BAD_CAST "datetime");
				r->pending_change = 1;
				r->author = au ? wp_arena_strdup(r->arena, (const char *)au) : NULL;
				r->date = dt ? wp_arena_strdup(r->arena, (const char *)dt) : NULL;
				xmlFree(au);
				xmlFree(dt);
			}
			if (!name.oom)
				text_add(r, name.data, name.len, style, NULL);
			field_end(r);
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
static size_t html_cells(xmlNodePtr tr, xmlNodePtr *cells, size_t max, size_t *span_total)
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
			if (is_rule_cell(s, len))
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
/* An HTML table read as the parser builds it: rows are placed as soon as
 * they are whole and then freed, so a table of a hundred thousand rows
 * (a 50 MB Word original) costs a few rows' tree, not its whole. */
typedef struct htab {
	reader *r;
	htmlParserCtxtPtr ctxt;
	xmlNodePtr table;
	int started;      /* its header is placed */
	int may_guide;
	size_t ncols;     /* the header's columns (spans counted) */
} htab;

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
		wp_field *home = text_home(r);
		field_begin(r, home, html_pos(r, rows[k]));
		for (xmlNodePtr c = rows[k]->children; c; c = c->next)
			if (is_el(c, "th") || is_el(c, "td")) {
				para_close(r);
				r->next_pos = html_pos(r, c);
				html_inlines(r, c);
				para_close(r);
			}
		field_end(r);
	}
	size_t n = html_cells(rows[hr], NULL, 0, &spans), ncols = spans;
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
	html_cells(rows[hr], cells, n, &spans);
	int all_th = 1;
	for (size_t i = 0, col = 0; i < n && col < ncols; i++) {
		wp_field f = {0};
		field_begin(r, &f, html_pos(r, cells[i]));
		html_inlines(r, cells[i]);
		field_end(r);
		if (!(hdr[col] = scratch_text(r, &f)))
			return -1;
		marks[col] = md_strip_mark(hdr[col]);
		colpos[col] = html_pos(r, cells[i]);
		col += html_span(cells[i]);
		all_th &= is_el(cells[i], "th");
	}
	size_t score;
	if (!nhead && (all_th || md_match_kind(r->prof, hdr, ncols, &score)))
		nhead = 1;
	if (!nhead)
		for (size_t i = 0; i < ncols; i++) {
			hdr[i] = "";
			marks[i] = 0;
			colpos[i] = pos;
		}
	h->ncols = ncols;
	h->may_guide = place_header(r, hdr, marks, ncols, pos, colpos, 0);
	h->started = 1;
	return (long)nhead;
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
	size_t nc = html_cells(tr, NULL, 0, &spans), written = spans;
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
	html_cells(tr, rc, nc, &spans);
	if (html_stray_rule(rc, nc)) {
		r->p->stats.furniture++;
		wp_free(rc);
		return 1;
	}
	size_t col = 0;
	int all_empty = 1;
	for (size_t i = 0; i < nc; i++) {
		/* cells beyond the columns are kept at the end of the last one */
		size_t to = col < w.n ? col : w.n - 1;
		wp_pos cp = html_pos(r, rc[i]);
		if (col < w.n)
			w.fields[to].pos = w.fields[to].end = cp;
		field_begin(r, &w.fields[to], cp);
		r->next_pos = cp;
		html_inlines(r, rc[i]);
		field_end(r);
		if (col < w.n && (s->columns[col].roles & WP_ROLE_STATUS))
			shading_status(r, rc[i], &w.fields[col], cp);
		xmlChar *t = xmlNodeGetContent(rc[i]);
		size_t tl = t ? strlen((const char *)t) : 0;
		all_empty &= !tl || !wp_trim((const char *)t, &tl) || !tl;
		xmlFree(t);
		col += html_span(rc[i]);
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
		place_row(r, &w, &h->may_guide);
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
	htab h = {r, NULL, NULL, 0, 0, 0};
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
	if (h.ctxt->myDoc)
		xmlFreeDoc(h.ctxt->myDoc);
	htmlFreeParserCtxt(h.ctxt);
	return ok;
}

static int tag_at(const char *p, const char *end, const char *tag, size_t n)
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
			int open = tag_at(p, end, "<table", 6);
			if (!open && !(depth && tag_at(p, end, "</table", 7)))
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
static int html_table_block(reader *r, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	while (lit && (*lit == ' ' || *lit == '\t'))
		lit++;
	if (!lit || strncasecmp(lit, "<table", 6) != 0 || (lit[6] && !strchr(" \t\r\n>", lit[6])))
		return 0;
	unsigned line = (unsigned)cmark_node_get_start_line(n);
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
		s = section_new(r, pos);
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
	wp_field *f = text_home(r);
	field_begin(r, f, pos);
	r->next_pos = pos;
	if (style)
		r->depth[5] = 1;
	inlines(r, first, stop);
	field_end(r);
}

static void add_literal_note(reader *r, cmark_node *n, unsigned style)
{
	wp_field *f = text_home(r);
	const char *lit = cmark_node_get_literal(n);
	size_t len = lit ? strlen(lit) : 0;
	wp_pos pos = node_pos(r, n);
	while (len && lit[len - 1] == '\n')
		len--;
	field_begin(r, f, pos);
	r->next_pos = pos;
	text_add(r, lit ? lit : "", len, style, NULL);
	field_end(r);
}

static void read_paragraph(reader *r, cmark_node *n, int heading_level)
{
	wp_pos pos = node_pos(r, n);
	wp_field tmp = {0};
	size_t mlen;
	char *text;

	field_begin(r, &tmp, pos);
	inlines(r, cmark_node_first_child(n), NULL);
	field_end(r);
	if (!(text = scratch_text(r, &tmp)))
		return;

	int mark = footnote_mark(text, &mlen);
	const char *marker = r->prof->annex_marker;
	size_t first_line = strcspn(text, "\n");

	if (heading_level == 1 && !r->p->title && !r->cur) {
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
		cmark_node *last = cmark_node_last_child(n);
		cmark_node_type lt = last ? cmark_node_get_type(last) : CMARK_NODE_NONE;
		if (!r->prof->headings_only && heading_numeral(text, &numlen, &title)) {
			section_heading(r, text, pos);
		} else if (!r->prof->headings_only && (lt == CMARK_NODE_STRONG || lt == CMARK_NODE_EMPH) && last != cmark_node_first_child(n)) {
			/* "TITLE 2022-2025**I. Activities ...**": a title and the first
			 * section heading run together on one line. */
			char *h = plain_of(r, last);
			if (!h) {
				r->oom = 1;
			} else if (heading_numeral(h, &numlen, &title)) {
				wp_field head = {0};
				field_begin(r, &head, pos);
				inlines(r, cmark_node_first_child(n), last);
				field_end(r);
				char *t = scratch_text(r, &head);
				if (t && !r->p->title && !r->cur)
					set_title(r, t, pos);
				else if (t)
					add_note(r, cmark_node_first_child(n), last, pos, 0);
				section_heading(r, h, node_pos(r, last));
			} else if (!r->p->title && !r->cur) {
				set_title(r, text, pos);
			} else {
				add_note(r, cmark_node_first_child(n), NULL, pos, 0);
			}
		} else if (!r->p->title && !r->cur) {
			set_title(r, text, pos);
		} else {
			add_note(r, cmark_node_first_child(n), NULL, pos, 0);
		}
	}
}

/***** limits: a linear pre-scan before the parser *****/

const wp_limits wp_limits_default = {64u << 20, 256, 2000, 32, 256, 10000, 256u << 20, (size_t)1 << 30, 200};

int wp_limits_set(wp_limits *l, const char *name, size_t value)
{
	if (!strcmp(name, "line"))
		l->line = value;
	else if (!strcmp(name, "columns"))
		l->columns = value;
	else if (!strcmp(name, "brackets"))
		l->brackets = value;
	else if (!strcmp(name, "depth"))
		l->depth = value;
	else if (!strcmp(name, "indent"))
		l->indent = value;
	else if (!strcmp(name, "emphasis"))
		l->emphasis = value;
	else if (!strcmp(name, "docx-part"))
		l->docx_part = value;
	else if (!strcmp(name, "docx-total"))
		l->docx_total = value;
	else if (!strcmp(name, "docx-ratio"))
		l->docx_ratio = value;
	else
		return WP_EUSAGE;
	return WP_OK;
}

static size_t or_default(size_t v, size_t d)
{
	return v ? v : d;
}

/* The bytes over_limits counts or looks at. */
static const unsigned char limit_byte[256] = {
	['<'] = 1, ['\\'] = 1, ['|'] = 1, ['['] = 1, [']'] = 1, ['*'] = 1, ['_'] = 1, ['~'] = 1,
};

/* Refuses what would make cmark-gfm 0.29 slow and no programme needs.
 * One pass; returns 1 when the source is refused (with a diagnostic). */
static int over_limits(reader *r, const wp_limits *lim)
{
	wp_limits l = wp_limits_default;
	if (lim) {
		l.line = or_default(lim->line, l.line);
		l.columns = or_default(lim->columns, l.columns);
		l.brackets = or_default(lim->brackets, l.brackets);
		l.depth = or_default(lim->depth, l.depth);
		l.indent = or_default(lim->indent, l.indent);
		l.emphasis = or_default(lim->emphasis, l.emphasis);
	}
	size_t brackets = 0, emphasis = 0;
	unsigned bracket_line = 0, emphasis_line = 0;
	/* an HTML table's cells in one row, as a pipe table's: <td> and <th>
	 * since the row's <tr>, inside a <table> (the HTML parser would build
	 * the whole row before wpgen sees it) */
	size_t tables = 0, html_cells = 0;
	for (unsigned line = 1; line <= r->src.nlines; line++) {
		size_t len, i = 0, pipes = 0, depth = 0, indent = 0;
		const char *s = wp_source_line(&r->src, line, &len);
		const char *what = NULL, *name = NULL;
		size_t got = 0, max = 0;
		if (len > l.line) {
			what = "bytes in one line", name = "line", got = len, max = l.line;
			goto refuse;
		}
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			indent += s[i++] == '\t' ? 4 : 1;
		if (indent > l.indent) {
			what = "leading spaces", name = "indent", got = indent, max = l.indent;
			goto refuse;
		}
		if (i == len) { /* a blank line ends a paragraph */
			brackets = emphasis = 0;
			continue;
		}
		/* quote and list markers at the start of the line */
		for (size_t k = i; k < len;) {
			if (s[k] == '>' || ((s[k] == '-' || s[k] == '*' || s[k] == '+') && k + 1 < len && s[k + 1] == ' '))
				depth++, k++;
			else if (s[k] == ' ' || s[k] == '\t')
				k++;
			else
				break;
		}
		if (depth > l.depth) {
			what = "nested quote or list markers", name = "depth", got = depth, max = l.depth;
			goto refuse;
		}
		for (; i < len; i++) {
			if (!limit_byte[(unsigned char)s[i]])
				continue; /* most bytes: one look-up */
			if (s[i] == '<') {
				const char *e = s + len, *t = s + i;
				if (tag_at(t, e, "<table", 6))
					tables++;
				else if (tables && tag_at(t, e, "</table", 7))
					tables--, html_cells = 0;
				else if (tables && (tag_at(t, e, "<tr", 3) || tag_at(t, e, "</tr", 4)))
					html_cells = 0;
				else if (tables && (tag_at(t, e, "<td", 3) || tag_at(t, e, "<th", 3)) && ++html_cells > l.columns) {
					what = "table cells in one row", name = "columns", got = html_cells, max = l.columns;
					/* (counted to the row's end on this line) */
					for (size_t k = i + 1; k < len; k++)
						if (s[k] == '<' && (tag_at(s + k, e, "<td", 3) || tag_at(s + k, e, "<th", 3)))
							got++;
						else if (s[k] == '<' && (tag_at(s + k, e, "</tr", 4) || tag_at(s + k, e, "<tr", 3)))
							break;
					goto refuse;
				}
			}
			if (s[i] == '\\' && i + 1 < len) {
				i++;
			} else if (s[i] == '|') {
				pipes++;
			} else if (s[i] == '[' || s[i] == ']') {
				if (!brackets)
					bracket_line = line;
				brackets++;
			} else if (s[i] == '*' || s[i] == '_' || s[i] == '~') {
				if (!emphasis)
					emphasis_line = line;
				emphasis++;
			}
		}
		if (emphasis > l.emphasis) {
			what = "'*', '_' and '~' in one paragraph", name = "emphasis", got = emphasis, max = l.emphasis;
			line = emphasis_line;
			goto refuse;
		}
		if (pipes > l.columns + 1) {
			what = "table cells in one row", name = "columns", got = pipes - 1, max = l.columns;
			goto refuse;
		}
		if (brackets > l.brackets) {
			what = "brackets ('[' or ']') in one paragraph", name = "brackets", got = brackets, max = l.brackets;
			line = bracket_line;
			goto refuse;
		}
		continue;
refuse:
		wp_diags_add(r->diags, r->name, line, 1, WP_ERROR, "read.limit",
			     "%zu %s where wpgen reads at most %zu (--limit %s=N raises it); no work programme needs "
			     "more, and the Markdown parser slows down on such input",
			     got, what, max, name);
		return 1;
	}
	return 0;
}

/***** front matter *****/

/* Sets the metadata of the front matter (meta.h), then blanks the block so
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
		wp_diags_add(r->diags, r->name, f.pline, f.pcol, WP_ERROR, "meta.invalid", "front matter is not valid YAML: %s",
			     f.problem);
	} else if (f.not_mapping) {
		wp_diags_add(r->diags, r->name, 2, 1, WP_ERROR, "meta.invalid", "front matter holds 'key: value' lines only");
	}
	for (size_t i = 0; i < f.n && !r->oom; i++) {
		const fm_item *it = &f.items[i];
		const char *why;
		if (!it->key || !it->value) {
			wp_diags_add(r->diags, r->name, it->line, it->col, WP_ERROR, "meta.invalid",
				     "front matter holds 'key: value' lines only");
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
	unsigned line = (unsigned)cmark_node_get_start_line(n);
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
		if (r->skip_to && (unsigned)cmark_node_get_start_line(n) <= r->skip_to) {
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT); /* the rest of an HTML table, read already */
			continue;
		}
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_PARAGRAPH:
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
			} else if (!html_table_block(r, n)) {
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
				read_table(r, n);
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

int wp_read_md(wp_programme **out, const char *buf, size_t len, const char *name,
	       const wp_profile *profile, wp_diags *diags)
{
	return wp_read_md_limits(out, buf, len, name, profile, NULL, diags);
}

int wp_read_md_limits(wp_programme **out, const char *buf, size_t len, const char *name,
		      const wp_profile *profile, const wp_limits *limits, wp_diags *diags)
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
	if (over_limits(r, limits)) {
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
		cmark_failed(r, &r->cs);
		r->doc = NULL;
		rc = WP_ENOMEM;
		goto end;
	}
	r->cs.armed = 1;
	r->doc = parse_md(r, r->src.text, r->src.len, 1);
	rc = read_doc(r, r->doc);
	fold_headers(r);
	cmark_node_free(r->doc);
	r->doc = NULL;
	r->cs.armed = 0;
	if (rc == WP_OK && r->p->stats.tables == 0 && !profile->narrative) {
		wp_diags_add(diags, name, 1, 1, WP_ERROR, "read.no-table",
			     "no work-programme table found: a programme is a Markdown table of activities");
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
