/* md_table.c: the Markdown reader's pipe tables: each row rescanned as
 * the author wrote it, headers matched to the profile's columns and
 * sections, rows placed as activities, examples, guidance, or the rest of
 * an activity across a page break (see md_reader.h). */
#include "read/md_reader.h"

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

int md_is_rule_cell(const char *s, size_t n)
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
int md_is_stray_rule(reader *r)
{
	int rules = 0;
	for (size_t i = 0; i < r->ncells; i++) {
		const char *s = r->src.text + r->cells[i].off;
		if (r->cells[i].len == 0)
			continue;
		if (!md_is_rule_cell(s, r->cells[i].len))
			return 0;
		rules++;
	}
	return rules > 0;
}

/***** headers, columns and sections *****/

/* The plain text of a field, in the scratch arena (NULL: out of memory). */
char *md_scratch_text(reader *r, const wp_field *f)
{
	char *t = wp_field_text(f), *s = t ? wp_arena_strdup(&r->scratch, t) : NULL;
	wp_free(t);
	if (!s)
		r->oom = 1;
	return s;
}

char *md_plain_of(reader *r, cmark_node *cell)
{
	wp_field f = {0};
	md_field_begin(r, &f, (wp_pos){0, 0});
	md_inlines(r, cmark_node_first_child(cell), NULL);
	md_field_end(r);
	return md_scratch_text(r, &f);
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

wp_section *md_section_new(reader *r, wp_pos pos)
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
void md_fold_headers(reader *r)
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
			c->pos = md_pos_at(r, (int)pos.line, (int)(r->cells[i].off - r->src.line_start[pos.line - 1] + 1));
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
cmark_node *md_parse(reader *r, const char *text, size_t len, int tables)
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
void md_cmark_failed(reader *r, wp_cmark_session *cs)
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
		md_cmark_failed(r, &cs);
		wp_cmark_end(&cs);
		return;
	}
	cs.armed = 1;
	unsigned line0 = r->line0;
	r->line0 = 0; /* (the cell's own lines, as they always were) */
	doc = md_parse(r, r->src.text + c.off, c.len, 0);
	size_t before = f->nparas;
	wp_pos at = md_pos_at(r, (int)line, (int)(c.off - r->src.line_start[line - 1] + 1));
	md_field_begin(r, f, at);
	r->next_pos = at;
	for (cmark_node *b = cmark_node_first_child(doc); b; b = cmark_node_next(b)) {
		md_para_close(r);
		md_inlines(r, cmark_node_first_child(b), NULL);
	}
	md_field_end(r);
	for (size_t k = before; k < f->nparas; k++)
		f->paras[k].pos = at;
	cmark_node_free(doc);
	r->line0 = line0;
	cs.armed = 0;
	wp_cmark_end(&cs);
}


static void read_row(reader *r, cmark_node *rownode, size_t tcols, size_t skip, int *may_guide)
{
	wp_section *s = r->cur;
	unsigned line = md_line(r, rownode);
	row w = {0};

	if (line < 1 || line > r->src.nlines) /* cmark and wp_source count lines alike; never trust it blindly */
		line = line < 1 ? 1 : r->src.nlines;

	split_row(r, line, skip);
	if (r->oom)
		return;
	if (md_is_stray_rule(r)) {
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
	w.pos = md_pos_at(r, (int)line, (int)(first_off - r->src.line_start[line - 1] + 1));

	/* Cells from cmark's tree, positions from the raw line. */
	size_t i = 0;
	for (cmark_node *cell = cmark_node_first_child(rownode); cell && i < w.n;
	     cell = cmark_node_next(cell), i++) {
		wp_pos pos = w.pos;
		if (i < r->ncells)
			pos = md_pos_at(r, (int)line, (int)(r->cells[i].off - r->src.line_start[line - 1] + 1));
		else if (r->ncells)
			pos = md_pos_at(r, (int)line, (int)(r->cells[r->ncells - 1].off + r->cells[r->ncells - 1].len
							  - r->src.line_start[line - 1] + 1));
		w.fields[i].pos = pos;
		if (i < r->ncells) {
			span c = r->cells[i];
			w.fields[i].has_src = 1;
			w.fields[i].src_off = c.off;
			w.fields[i].src_len = c.len ? c.len : c.ws;
			w.fields[i].end = md_pos_at(r, (int)line, (int)(c.off + c.len - r->src.line_start[line - 1] + 1));
		} else {
			w.fields[i].end = pos;
		}
		md_field_begin(r, &w.fields[i], pos);
		md_inlines(r, cmark_node_first_child(cell), NULL);
		md_field_end(r);
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

	md_place_row(r, &w, may_guide);
}

/* Places a row read from a table (pipe or HTML) in the current section:
 * an example, the guidance row, the rest of the previous activity across
 * a page break, or an activity. */
void md_place_row(reader *r, row *wp, int *may_guide)
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
int md_place_header(reader *r, char **hdr, int *marks, size_t n, wp_pos pos, const wp_pos *colpos, size_t skip)
{
	int may_guide = 0;
	if (header_empty(hdr, n)) {
		r->p->stats.headerless_tables++;
		if (!r->cur || !r->cur->columns) {
			if (!r->cur && !md_section_new(r, pos))
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
		if (!md_section_new(r, pos))
			return 0;
		section_columns(r, r->cur, hdr, marks, n, kind, pos, colpos);
		may_guide = 1;
	}
	return may_guide;
}

void md_read_table(reader *r, cmark_node *table)
{
	cmark_node *hrow = cmark_node_first_child(table);
	size_t n = cmark_gfm_extensions_get_table_columns(table), i = 0;
	size_t skip = (size_t)(cmark_node_get_start_column(table) - 1);
	wp_pos pos = md_node_pos(r, table);
	char **hdr = wp_arena_alloc(&r->scratch, (n ? n : 1) * sizeof *hdr);
	int *marks = wp_arena_alloc(&r->scratch, (n ? n : 1) * sizeof *marks);
	int may_guide = 0;

	r->p->stats.tables++;
	if (!hdr || !marks) {
		r->oom = 1;
		goto done;
	}
	for (cmark_node *c = cmark_node_first_child(hrow); c && i < n; c = cmark_node_next(c), i++) {
		if (!(hdr[i] = md_plain_of(r, c)))
			goto done;
		marks[i] = md_strip_mark(hdr[i]);
	}
	n = i;

	may_guide = md_place_header(r, hdr, marks, n, pos, NULL, skip);
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
wp_field *md_text_home(reader *r)
{
	return !r->cur ? &r->p->preamble : r->cur->columns ? &r->cur->notes : &r->cur->intro;
}

