/* footnotes.c: footnote marks. Every mark a header uses has a
 * definition, every definition is used, and a mark that has slipped into
 * a cell's text (a superscript digit after a date) is reported. */
#include "check/rule.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

/* Whether the profile lets footnote marks stand in cells (a joint work
 * plan's footnote inside an action): "footnote: {in_cells: true}". */
static int in_cells(ck_ctx *c)
{
	return c->cfg && strcmp(wp_profile_param_str(c->cfg, "in_cells", "false"), "true") == 0;
}

/* The next footnote mark in t[0..n) from *q on (a run of superscript
 * digits), or -1; *q is left just past it. */
static int next_mark(const char *t, size_t n, size_t *q)
{
	size_t len;
	while (*q < n) {
		/* superscripts start with 0xC2 or 0xE2: skip the rest quickly */
		if ((unsigned char)t[*q] != 0xC2 && (unsigned char)t[*q] != 0xE2) {
			(*q)++;
			continue;
		}
		int m = wp_superscript_number(t + *q, n - *q, &len);
		*q += len ? len : 1;
		if (m >= 0) /* (a run too long to be a mark is passed over) */
			return m;
	}
	return -1;
}

/* Calls fn on every footnote mark in every cell, in order, until fn
 * returns nonzero; returns that, or 0. */
typedef int (*mark_fn)(ck_ctx *c, const wp_section *s, size_t row, size_t col, int mark, void *data);

static int each_cell_mark(ck_ctx *c, mark_fn fn, void *data)
{
	for (size_t k = 0; k < c->p->nsections; k++) {
		const wp_section *s = &c->p->sections[k];
		for (size_t i = 0; i < s->nactivities; i++)
			for (size_t j = 0; j < s->ncolumns; j++) {
				const char *t = ck_cell(c, s, i, (int)j);
				size_t n = t ? strlen(t) : 0, q = 0;
				int m, r;
				while ((m = next_mark(t, n, &q)) >= 0)
					if ((r = fn(c, s, i, j, m, data)) != 0)
						return r;
			}
	}
	return 0;
}

static int is_mark(ck_ctx *c, const wp_section *s, size_t row, size_t col, int mark, void *data)
{
	(void)c, (void)s, (void)row, (void)col;
	return mark == *(const int *)data;
}

static int mark_used(ck_ctx *c, int mark)
{
	const wp_programme *p = c->p;
	for (size_t k = 0; k < p->nsections; k++)
		for (size_t i = 0; i < p->sections[k].ncolumns; i++)
			if (p->sections[k].columns[i].mark == mark)
				return 1;
	return in_cells(c) && each_cell_mark(c, is_mark, &mark);
}

static int undefined_in_cell(ck_ctx *c, const wp_section *s, size_t row, size_t col, int mark, void *data)
{
	(void)data;
	if (mark > 0 && !ck_footnote_find(c->p, mark))
		ck_report_field(c, &s->activities[row].fields[col], NULL,
				"the %s text refers to footnote %d, which is not defined", s->columns[col].header, mark);
	return 0;
}

void rule_footnote_undefined(ck_ctx *c)
{
	for (size_t k = 0; k < c->p->nsections; k++) {
		const wp_section *s = &c->p->sections[k];
		for (size_t i = 0; i < s->ncolumns; i++) {
			int m = s->columns[i].mark;
			if (m && !ck_footnote_find(c->p, m))
				ck_report(c, s->columns[i].pos,
					  "column '%s' refers to footnote %d, which is not defined", s->columns[i].header, m);
		}
	}
	/* where marks stand in cells, each of those needs its footnote too */
	if (in_cells(c))
		each_cell_mark(c, undefined_in_cell, NULL);
}

/* The first superscript mark in a field's text, with the words before it
 * (into ctx, whole, however long the run of marks). */
static int slipped_mark(const char *t, wp_buf *ctx)
{
	int found = 0;
	/* superscripts start with 0xC2 or 0xE2: strpbrk finds those (a word
	 * at a time), the rest of the text is never looked at */
	for (const char *p = strpbrk(t, "\xC2\xE2"); p; p = strpbrk(p + 1, "\xC2\xE2")) {
		size_t len, i = (size_t)(p - t), n = i + strnlen(p, 4);
		if (wp_superscript_digit(t + i, n - i, &len) < 0)
			continue;
		n = i + strlen(p);
		size_t st = i > 24 ? i - 24 : 0;
		while (st > 0 && (t[st] & 0xC0) == 0x80)
			st++;
		size_t e = i + len;
		while (e < n && wp_superscript_digit(t + e, n - e, &len) >= 0)
			e += len;
		ctx->len = 0;
		wp_buf_puts(ctx, st ? "..." : "");
		wp_buf_put(ctx, t + st, e - st);
		found = 1;
		break;
	}
	return found;
}

void rule_footnote_unused(ck_ctx *c)
{
	for (size_t i = 0; i < c->p->nfootnotes; i++) {
		const wp_footnote *f = &c->p->footnotes[i];
		if (!mark_used(c, f->mark))
			ck_report(c, f->pos, "footnote %d is defined but no column header%s refers to it", f->mark,
				  in_cells(c) ? " or cell" : "");
	}
}

void rule_footnote_in_text(ck_ctx *c)
{
	if (in_cells(c))
		return;
	wp_buf ctx = {0};
	for (size_t k = 0; k < c->p->nsections; k++) {
		const wp_section *s = &c->p->sections[k];
		for (size_t i = 0; i < s->nactivities; i++)
			for (size_t j = 0; j < s->ncolumns; j++)
				if (slipped_mark(ck_cell(c, s, i, (int)j), &ctx))
					ck_report_field(c, &s->activities[i].fields[j], NULL,
							"a footnote mark has slipped into the %s text: '%s'",
							s->columns[j].header, ctx.data ? ctx.data : "");
	}
	if (ctx.oom)
		c->d->oom = 1;
	wp_buf_free(&ctx);
}

/* A mark defined twice: which text it means is not known (and the HTML
 * annex would hold two notes of one id). */
void rule_footnote_duplicate(ck_ctx *c)
{
	for (size_t i = 0; i < c->p->nfootnotes; i++)
		for (size_t k = 0; k < i; k++)
			if (c->p->footnotes[k].mark == c->p->footnotes[i].mark) {
				ck_report(c, c->p->footnotes[i].pos, "footnote %d is defined twice (also at line %u)",
					  c->p->footnotes[i].mark, c->p->footnotes[k].pos.line);
				break;
			}
}
