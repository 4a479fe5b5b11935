/* check.c: the rule registry, the runner, and what rules share. Adding a
 * rule is one entry in the table below, one function, and its tests. */
#include "check_impl.h"
#include "alloc.h"
#include "util.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <assert.h>
#include <string.h>
#include <strings.h>

typedef struct entry {
	wp_rule rule;
	ck_rule_fn fn; /* NULL: reported by the reader */
} entry;

#define CHECK(id, fn, name, severity, source, explain) {{id, name, WP_##severity, "check", source, explain}, rule_##fn},
#define REPORT(id, phase, name, severity, source, explain) {{id, name, WP_##severity, phase, source, explain}, NULL},
static const entry registry[] = {
#include "rules.def"
};
#undef CHECK
#undef REPORT

#define NRULES (sizeof registry / sizeof registry[0])

const wp_rule *wp_rules(size_t *n)
{
	/* entry starts with its wp_rule, but the array is of entries: hand
	 * out a flat copy built once. */
	static wp_rule flat[NRULES];
	static int done;
	if (!done) {
		for (size_t i = 0; i < NRULES; i++)
			flat[i] = registry[i].rule;
		done = 1;
	}
	*n = NRULES;
	return flat;
}

const wp_rule *wp_rule_find(const char *id)
{
	size_t n;
	const wp_rule *r = wp_rules(&n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(r[i].id, id) == 0)
			return &r[i];
	return NULL;
}

const char *ck_cell(const ck_ctx *c, const wp_section *s, size_t i, int col)
{
	size_t k = (size_t)(s - c->p->sections);
	assert(k < c->p->nsections && i < s->nactivities && col >= 0 && (size_t)col < s->ncolumns);
	return c->cells[c->base[k] + i * s->ncolumns + (size_t)col];
}

/* Whether the profile makes a column mandatory (table.mandatory). */
static int mandatory(const ck_ctx *c, const char *key)
{
	size_t n;
	const char **cols = wp_profile_param_values(wp_profile_rule_find(c->prof, "table.mandatory"), "columns", &n);
	for (size_t i = 0; key && i < n; i++)
		if (cols[i] && !strcmp(cols[i], key))
			return 1;
	return 0;
}

const wp_row_facts *ck_row(const ck_ctx *c, const wp_section *s, size_t i)
{
	return wp_facts_row(c->facts, (size_t)(s - c->p->sections), i);
}

/* The cells of the activities not in the version the facts are of (rows
 * a tracked change deletes whole): nothing is said of them. Each row's
 * cells are one block; the blocks, sorted by address, are searched. */
typedef struct block {
	uintptr_t from, to;
} block;

static int cmp_block(const void *a, const void *b)
{
	const block *x = a, *y = b;
	return (x->from > y->from) - (x->from < y->from);
}

static int find_gone(ck_ctx *c)
{
	size_t n = c->facts->total.deleted + c->facts->total.inserted, at = 0;
	if (!n)
		return WP_OK;
	block *g = wp_malloc(n * sizeof *g);
	if (!g)
		return WP_ENOMEM;
	for (size_t k = 0; k < c->p->nsections; k++) {
		const wp_section *s = &c->p->sections[k];
		for (size_t i = 0; i < s->nactivities; i++)
			if (!ck_row(c, s, i)->counted && at < n)
				g[at++] = (block){(uintptr_t)s->activities[i].fields,
						  (uintptr_t)(s->activities[i].fields + s->ncolumns)};
	}
	qsort(g, at, sizeof *g, cmp_block);
	c->gone = g;
	c->ngone = at;
	return WP_OK;
}

static int gone(const ck_ctx *c, const wp_field *f)
{
	const block *g = c->gone;
	uintptr_t a = (uintptr_t)f;
	size_t lo = 0, hi = c->ngone;
	while (f && lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a < g[mid].from)
			hi = mid;
		else if (a >= g[mid].to)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

/* Appends a cell's text as the rules read it, NUL-terminated: the new
 * version (no deleted text), paragraphs and breaks as spaces, every run of
 * white space one space, none at either end. */
static void cell_text(wp_buf *b, const wp_field *f)
{
	int space = 0, any = 0;
	for (size_t i = 0; i < f->nparas; i++) {
		space |= i && any;
		for (size_t j = 0; j < f->paras[i].nruns; j++) {
			const wp_run *r = &f->paras[i].runs[j];
			if (r->kind == WP_RUN_BREAK) {
				space |= any;
				continue;
			}
			/* the run takes at most its bytes and a space before them:
			 * room made once, then written byte by byte */
			if ((r->style & WP_STYLE_DEL) || !wp_buf_reserve(b, r->len + 1))
				continue;
			char *o = b->data + b->len;
			for (size_t k = 0; k < r->len; k++) {
				char ch = r->text[k];
				if (wp_is_space((unsigned char)ch)) {
					space |= any;
					continue;
				}
				if (space)
					*o++ = ' ';
				*o++ = ch;
				space = 0;
				any = 1;
			}
			b->len = (size_t)(o - b->data);
		}
	}
	wp_buf_putc(b, '\0');
}

/* Every rule reads cell texts; they are made once, not once a rule, into
 * one block. */
static int make_cells(ck_ctx *c)
{
	size_t total = 0;
	if (find_gone(c) != WP_OK)
		return WP_ENOMEM;
	c->base = wp_malloc((c->p->nsections + 1) * sizeof *c->base);
	if (!c->base)
		return WP_ENOMEM;
	for (size_t k = 0; k < c->p->nsections; k++) {
		c->base[k] = total;
		total += c->p->sections[k].nactivities * c->p->sections[k].ncolumns;
	}
	c->base[c->p->nsections] = total;
	c->cells = wp_malloc((total ? total : 1) * sizeof *c->cells);
	if (!c->cells)
		return WP_ENOMEM;
	/* offsets first: the block moves as it grows */
	size_t *off = wp_malloc((total ? total : 1) * sizeof *off), at = 0;
	wp_buf b = {0};
	if (!off)
		return WP_ENOMEM;
	for (size_t k = 0; k < c->p->nsections; k++) {
		const wp_section *s = &c->p->sections[k];
		for (size_t i = 0; i < s->nactivities; i++)
			for (size_t j = 0; j < s->ncolumns; j++) {
				off[at++] = b.len;
				cell_text(&b, &s->activities[i].fields[j]);
			}
	}
	c->text = b.oom ? NULL : wp_buf_detach(&b, NULL);
	for (size_t i = 0; c->text && i < at; i++)
		c->cells[i] = c->text + off[i];
	wp_buf_free(&b);
	wp_free(off);
	if (!c->text) {
		wp_free(c->cells);
		c->cells = NULL;
		return WP_ENOMEM;
	}
	c->base[c->p->nsections] = at;
	/* the columns empty on every activity of their section */
	c->empty = wp_malloc((c->p->nsections + 1) * sizeof *c->empty);
	if (!c->empty)
		return WP_ENOMEM;
	memset(c->empty, 0, (c->p->nsections + 1) * sizeof *c->empty);
	for (size_t k = 0; k < c->p->nsections; k++) {
		const wp_section *s = &c->p->sections[k];
		c->empty[k] = wp_malloc(s->ncolumns + 1);
		if (!c->empty[k])
			return WP_ENOMEM;
		for (size_t j = 0; j < s->ncolumns; j++) {
			/* only a column that must be filled: the completion status, or
			 * one the profile makes mandatory (an optional column, a
			 * schedule's months, may well be empty) */
			int empty = s->nactivities >= 3 && ((s->columns[j].roles & WP_ROLE_STATUS) || mandatory(c, s->columns[j].key));
			for (size_t i = 0; i < s->nactivities && empty; i++)
				empty = !*c->cells[c->base[k] + i * s->ncolumns + j];
			c->empty[k][j] = (unsigned char)empty;
		}
	}
	return WP_OK;
}

int ck_column_empty(const ck_ctx *c, const wp_section *s, int col)
{
	size_t k = (size_t)(s - c->p->sections);
	return col >= 0 && c->empty && c->empty[k][col];
}

/* A column empty on every activity of its section (three or more): one
 * finding at its header, and what it likely means. */
void rule_table_empty_column(ck_ctx *c)
{
	for (size_t k = 0; k < c->p->nsections; k++) {
		const wp_section *s = &c->p->sections[k];
		for (size_t j = 0; j < s->ncolumns; j++)
			if (c->empty[k][j])
				ck_report(c, s->columns[j].pos,
					  "column '%s' is empty on every one of the %zu activities of section %s: %s; per-row "
					  "findings on it are left out", s->columns[j].header, s->nactivities,
					  s->numeral ? s->numeral : s->kind,
					  (s->columns[j].roles & WP_ROLE_STATUS)
						  ? "its colour codes were likely lost when the document was exported from "
						    "Word (a cell's shading is no text); check the original, or fill them in"
						  : "nothing was filled in, or it was lost in conversion");
	}
}

static void free_cells(ck_ctx *c)
{
	wp_free(c->text);
	wp_free(c->cells);
	wp_free(c->base);
	wp_free(c->gone);
	wp_facts_free(c->own_facts);
	for (size_t k = 0; c->empty && k < c->p->nsections; k++)
		wp_free(c->empty[k]);
	wp_free(c->empty);
	ck_numbering_free(c);
}

int wp_check(const wp_programme *p, const wp_profile *profile, const wp_check_opts *o, wp_diags *d)
{
	static const wp_check_opts none = {0};
	ck_ctx c = {.p = p, .prof = profile, .o = o ? o : &none, .d = d};
	c.facts = c.o->facts;
	if (!c.facts) {
		if (wp_facts_new(&c.own_facts, p, profile, WP_CHANGES_ACCEPT, c.o->as_of) != WP_OK)
			return WP_ENOMEM;
		c.facts = c.own_facts;
	}
	if (make_cells(&c) != WP_OK) {
		/* what was made is freed below; the count is where it stopped */
		d->oom = 1;
	}
	for (size_t i = 0; i < NRULES && !d->oom; i++) {
		if (!registry[i].fn || wp_rule_matches(registry[i].rule.id, c.o->disable, c.o->ndisable))
			continue;
		c.rule = wp_rule_find(registry[i].rule.id);
		c.cfg = wp_profile_rule_find(profile, c.rule->id);
		registry[i].fn(&c);
	}
	free_cells(&c);
	return d->oom ? WP_ENOMEM : WP_OK;
}

/***** reporting *****/

static void vreport(ck_ctx *c, const char *rule, wp_severity sev, wp_pos pos, const wp_field *f, const char *fix,
		    const char *fmt, va_list ap)
{
	if (gone(c, f))
		return; /* a row deleted whole: not in the new version */
	if (wp_diags_vadd(c->d, c->p->source, pos.line, pos.col, sev, rule, fmt, ap) != WP_OK)
		return;
	if (f) {
		/* a fix rewrites the whole cell: not one whose deleted text it would drop */
		int fixable = fix && f->has_src && !c->p->src_replaced && !ck_field_any_style(f, WP_STYLE_DEL);
		wp_buf spaced = {0};
		/* An empty cell's span is its interior, spaces and all. */
		if (fixable && wp_field_is_empty(f)) {
			wp_buf_printf(&spaced, " %s ", fix);
			if (spaced.oom)
				c->d->oom = 1;
			fix = spaced.data;
		}
		wp_diags_set_fix(c->d, f->end.line ? f->end.line : pos.line, f->end.line ? f->end.col : pos.col,
				 f->src_off + c->p->src_skip, f->src_len, fixable ? fix : NULL);
		wp_buf_free(&spaced);
	}
}

void ck_report(ck_ctx *c, wp_pos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(c, c->rule->id, c->rule->severity, pos, NULL, NULL, fmt, ap);
	va_end(ap);
}

void ck_report_field(ck_ctx *c, const wp_field *f, const char *fix, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(c, c->rule->id, c->rule->severity, f->pos, f, fix, fmt, ap);
	va_end(ap);
}

void ck_report_as(ck_ctx *c, const char *rule, const wp_field *f, const char *fix, const char *fmt, ...)
{
	const wp_rule *r = wp_rule_find(rule);
	va_list ap;
	if (!r || wp_rule_matches(rule, c->o->disable, c->o->ndisable))
		return;
	va_start(ap, fmt);
	vreport(c, r->id, r->severity, f->pos, f, fix, fmt, ap);
	va_end(ap);
}

/***** what rules share *****/

int ck_column(ck_ctx *c, const wp_section *s, const char *dflt)
{
	return wp_section_column(s, wp_profile_param_str(c->cfg, "column", dflt));
}

int ck_kind(ck_ctx *c, const wp_section *s)
{
	size_t n;
	const char **kinds = wp_profile_param_values(c->cfg, "kinds", &n);
	if (!n)
		return 1;
	for (size_t i = 0; i < n; i++)
		if (kinds[i] && s->kind && strcmp(kinds[i], s->kind) == 0)
			return 1;
	return 0;
}

void ck_each_cell(ck_ctx *c, const char *dflt, ck_cell_fn fn, void *data)
{
	if (!c->cfg)
		return;
	for (size_t k = 0; k < c->p->nsections; k++) {
		const wp_section *s = &c->p->sections[k];
		int col = ck_column(c, s, dflt);
		if (col < 0 || !ck_kind(c, s))
			continue;
		for (size_t i = 0; i < s->nactivities; i++)
			fn(c, s, &s->activities[i], &s->activities[i].fields[col], ck_cell(c, s, i, col), data);
	}
}

char *ck_text(const wp_field *f)
{
	wp_buf b = {0};
	cell_text(&b, f);
	return wp_buf_detach(&b, NULL);
}

int ck_ieq(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0;
}

int ck_ieqn(const char *a, const char *b, size_t n)
{
	return strncasecmp(a, b, n) == 0;
}

static int word_char(int c)
{
	return isalnum(c) || c >= 0x80;
}

/* Whether the word needle (n bytes) stands at s, in hay, on its own. */
static int word_at(const char *hay, const char *s, const char *needle, size_t n)
{
	if (tolower((unsigned char)*s) != tolower((unsigned char)needle[0]) || strncasecmp(s, needle, n) != 0)
		return 0;
	if (s > hay && word_char((unsigned char)s[-1]) && word_char((unsigned char)needle[0]))
		return 0;
	if (word_char((unsigned char)s[n]) && word_char((unsigned char)needle[n - 1]))
		return 0;
	return 1;
}

const char *ck_find_word(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	if (!n)
		return NULL;
	for (const char *s = hay; *s; s++)
		if (word_at(hay, s, needle, n))
			return s;
	return NULL;
}

int ck_field_all_style(const wp_field *f, unsigned style)
{
	int any = 0;
	for (size_t i = 0; i < f->nparas; i++)
		for (size_t j = 0; j < f->paras[i].nruns; j++) {
			const wp_run *r = &f->paras[i].runs[j];
			if (r->kind != WP_RUN_TEXT)
				continue;
			if (!(r->style & style))
				return 0;
			any = 1;
		}
	return any;
}

int ck_field_any_style(const wp_field *f, unsigned style)
{
	for (size_t i = 0; i < f->nparas; i++)
		for (size_t j = 0; j < f->paras[i].nruns; j++)
			if (f->paras[i].runs[j].kind == WP_RUN_TEXT && (f->paras[i].runs[j].style & style))
				return 1;
	return 0;
}

const wp_footnote *ck_footnote_find(const wp_programme *p, int mark)
{
	for (size_t i = 0; i < p->nfootnotes; i++)
		if (p->footnotes[i].mark == mark)
			return &p->footnotes[i];
	return NULL;
}

/***** lists *****/

void ck_list_add(ck_list *l, const char *s, size_t n)
{
	if (l->oom)
		return;
	if (l->n == l->cap) {
		size_t nc = l->cap ? l->cap * 2 : 16;
		char **g = wp_realloc(l->v, nc * sizeof *g);
		if (!g) {
			l->oom = 1;
			return;
		}
		l->v = g;
		l->cap = nc;
	}
	char *copy = wp_malloc(n + 1);
	if (!copy) {
		l->oom = 1;
		return;
	}
	memcpy(copy, s, n);
	copy[n] = '\0';
	l->v[l->n++] = copy;
}

void ck_list_free(ck_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		wp_free(l->v[i]);
	wp_free(l->v);
	memset(l, 0, sizeof *l);
}

void ck_list_text(wp_buf *b, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		wp_buf_printf(b, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ", v[i] ? v[i] : "");
	wp_buf_put(b, "", 0);
}

/***** applying fixes *****/

typedef struct fixref {
	size_t off, len;
	const char *text;
} fixref;

static int cmp_fix(const void *a, const void *b)
{
	const fixref *x = a, *y = b;
	return (x->off > y->off) - (x->off < y->off);
}

int wp_fix_apply(char **out, size_t *outlen, size_t *applied, const char *file, const char *src, size_t len,
		 const wp_diags *d)
{
	fixref *fx = wp_malloc((d->n ? d->n : 1) * sizeof *fx);
	size_t n = 0, at = 0;
	wp_buf b = {0};
	*out = NULL;
	*applied = 0;
	if (!fx)
		return WP_ENOMEM;
	for (size_t i = 0; i < d->n; i++)
		if (d->items[i].fix_text && d->items[i].fix_off + d->items[i].fix_len <= len && d->items[i].file &&
		    !strcmp(d->items[i].file, file))
			fx[n++] = (fixref){d->items[i].fix_off, d->items[i].fix_len, d->items[i].fix_text};
	qsort(fx, n, sizeof *fx, cmp_fix);
	for (size_t i = 0; i < n; i++) {
		assert(i == 0 || fx[i - 1].off <= fx[i].off);
		if (fx[i].off < at)
			continue; /* overlaps one already applied */
		wp_buf_put(&b, src + at, fx[i].off - at);
		wp_buf_puts(&b, fx[i].text);
		at = fx[i].off + fx[i].len;
		(*applied)++;
	}
	wp_buf_put(&b, src + at, len - at);
	wp_free(fx);
	*out = wp_buf_detach(&b, outlen);
	return *out ? WP_OK : WP_ENOMEM;
}

/***** unified diffs of fixes *****/

typedef struct lines {
	const char **s;
	size_t *len;
	size_t n;
} lines;

static int split_lines(lines *l, const char *t, size_t n)
{
	size_t cap = 64;
	l->n = 0;
	l->s = wp_malloc(cap * sizeof *l->s);
	l->len = wp_malloc(cap * sizeof *l->len);
	if (!l->s || !l->len)
		return WP_ENOMEM;
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(t + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - t) + 1 : n;
		if (l->n == cap) {
			cap *= 2;
			const char **s = wp_realloc(l->s, cap * sizeof *s);
			if (!s)
				return WP_ENOMEM;
			l->s = s;
			size_t *ln = wp_realloc(l->len, cap * sizeof *ln);
			if (!ln)
				return WP_ENOMEM;
			l->len = ln;
		}
		l->s[l->n] = t + i;
		l->len[l->n++] = e - i;
		i = e;
	}
	return WP_OK;
}

static void put_line(wp_buf *b, char tag, const char *s, size_t n)
{
	wp_buf_putc(b, tag);
	wp_buf_put(b, s, n);
	if (!n || s[n - 1] != '\n')
		wp_buf_puts(b, "\n\\ No newline at end of file\n");
}

/* Fixes replace text within lines, so line i of a is line i of b; a line
 * count that differs is diffed as one hunk. */
int wp_diff(char **out, const char *name, const char *a, size_t alen, const char *b, size_t blen)
{
	lines la = {0}, lb = {0};
	wp_buf o = {0};
	int rc = WP_ENOMEM;
	*out = NULL;
	if (split_lines(&la, a, alen) != WP_OK || split_lines(&lb, b, blen) != WP_OK)
		goto done;
	if (la.n != lb.n) {
		wp_buf_printf(&o, "--- a/%s\n+++ b/%s\n@@ -1,%zu +1,%zu @@\n", name, name, la.n, lb.n);
		for (size_t i = 0; i < la.n; i++)
			put_line(&o, '-', la.s[i], la.len[i]);
		for (size_t i = 0; i < lb.n; i++)
			put_line(&o, '+', lb.s[i], lb.len[i]);
	} else {
		size_t i = 0;
		int header = 0;
		while (i < la.n) {
			if (la.len[i] == lb.len[i] && memcmp(la.s[i], lb.s[i], la.len[i]) == 0) {
				i++;
				continue;
			}
			/* a hunk: from 3 lines before this change to 3 after the
			 * last change that is within 6 lines of the previous one */
			size_t start = i >= 3 ? i - 3 : 0, end = i, k = i;
			while (k < la.n) {
				if (!(la.len[k] == lb.len[k] && memcmp(la.s[k], lb.s[k], la.len[k]) == 0))
					end = k;
				else if (k - end > 6)
					break;
				k++;
			}
			size_t stop = end + 4 < la.n ? end + 4 : la.n;
			if (!header) {
				wp_buf_printf(&o, "--- a/%s\n+++ b/%s\n", name, name);
				header = 1;
			}
			wp_buf_printf(&o, "@@ -%zu,%zu +%zu,%zu @@\n", start + 1, stop - start, start + 1, stop - start);
			for (size_t j = start; j < stop; j++) {
				if (la.len[j] == lb.len[j] && memcmp(la.s[j], lb.s[j], la.len[j]) == 0) {
					put_line(&o, ' ', la.s[j], la.len[j]);
				} else {
					put_line(&o, '-', la.s[j], la.len[j]);
					put_line(&o, '+', lb.s[j], lb.len[j]);
				}
			}
			i = stop;
		}
	}
	*out = wp_buf_detach(&o, NULL);
	rc = *out ? WP_OK : WP_ENOMEM;
done:
	wp_free(la.s);
	wp_free(la.len);
	wp_free(lb.s);
	wp_free(lb.len);
	return rc;
}
