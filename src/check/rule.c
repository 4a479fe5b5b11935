/* rule.c: what rule functions share (see rule.h): each cell's text and
 * facts, reporting a finding (never of a row not in the version), the
 * rule's column and kinds from the profile, and text helpers. */
#include "check/rule.h"
#include "base/alloc.h"
#include "base/util.h"

#include <assert.h>
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

const char *ck_cell(const ck_ctx *c, const wp_section *s, size_t i, int col)
{
	size_t k = (size_t)(s - c->p->sections);
	assert(k < c->p->nsections && i < s->nactivities && col >= 0 && (size_t)col < s->ncolumns);
	return c->cells[c->base[k] + i * s->ncolumns + (size_t)col];
}

const wp_row_facts *ck_row(const ck_ctx *c, const wp_section *s, size_t i)
{
	return wp_facts_row(c->facts, (size_t)(s - c->p->sections), i);
}

int ck_column_empty(const ck_ctx *c, const wp_section *s, int col)
{
	size_t k = (size_t)(s - c->p->sections);
	return col >= 0 && c->empty && c->empty[k][col];
}

static int gone(const ck_ctx *c, const wp_field *f)
{
	const ck_block *g = c->gone;
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
void ck_cell_text(wp_buf *b, const wp_field *f)
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

void ck_idle(ck_ctx *c, wp_pos pos, const char *fmt, ...)
{
	const wp_rule *r = wp_rule_find("check.idle");
	wp_buf what = {0};
	va_list ap;
	if (!r || wp_rule_matches("check.idle", c->o->disable, c->o->ndisable))
		return;
	va_start(ap, fmt);
	wp_buf_vprintf(&what, fmt, ap);
	va_end(ap);
	if (!pos.line)
		pos = c->p->title_pos.line ? c->p->title_pos : (wp_pos){1, 1};
	if (what.oom)
		c->d->oom = 1;
	else
		wp_diags_add(c->d, c->p->source, pos.line, pos.col ? pos.col : 1, r->severity, r->id,
			     "%s is not checked: %s", c->rule->id, what.data);
	wp_buf_free(&what);
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
	ck_cell_text(&b, f);
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

