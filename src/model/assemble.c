/* assemble.c: the one model builder (see model/assemble.h). */
#include "wpgen/wpgen.h"
#include "base/alloc.h"
#include "model/assemble.h"
#include "base/util.h"

#include <stdarg.h>
#include <assert.h>
#include <string.h>

const mb_style mb_styles[6] = {
	{WP_STYLE_STRONG, "b", {"strong", "b", NULL}},
	{WP_STYLE_EM, "i", {"em", "i", NULL}},
	{WP_STYLE_U, "u", {"u", NULL, NULL}},
	{WP_STYLE_INS, "ins", {"ins", NULL, NULL}},
	{WP_STYLE_DEL, "del", {"del", "s", "strike"}},
	{WP_STYLE_CODE, "code", {"code", NULL, NULL}},
};

unsigned mb_xml_style(const char *name)
{
	for (size_t i = 0; i < sizeof mb_styles / sizeof mb_styles[0]; i++)
		if (!strcmp(mb_styles[i].xml, name))
			return mb_styles[i].bit;
	return 0;
}

unsigned mb_html_style(const char *tag)
{
	for (size_t i = 0; i < sizeof mb_styles / sizeof mb_styles[0]; i++)
		for (size_t k = 0; k < 3 && mb_styles[i].html[k]; k++)
			if (!strcmp(mb_styles[i].html[k], tag))
				return mb_styles[i].bit;
	return 0;
}

wp_programme *mb_programme_new(const char *source, const char *profile)
{
	wp_arena *a = wp_malloc(sizeof *a);
	if (!a)
		return NULL;
	memset(a, 0, sizeof *a);
	wp_programme *p = wp_arena_alloc(a, sizeof *p);
	if (!p) {
		wp_free(a);
		return NULL;
	}
	p->impl = a;
	p->source = wp_arena_strdup(a, source);
	p->profile = wp_arena_strdup(a, profile ? profile : "");
	if (!p->source || !p->profile) {
		wp_programme_free(p);
		return NULL;
	}
	return p;
}

char *mb_strndup(wp_programme *p, const char *s, size_t n)
{
	return wp_arena_strndup(p->impl, s, n);
}

char *mb_strdup(wp_programme *p, const char *s)
{
	return wp_arena_strdup(p->impl, s);
}

char *mb_printf(wp_programme *p, const char *fmt, ...)
{
	wp_buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	wp_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	char *s = b.oom || !b.data ? NULL : wp_arena_strndup(p->impl, b.data, b.len);
	wp_buf_free(&b);
	return s;
}

void *mb_alloc(wp_programme *p, size_t n)
{
	return wp_arena_alloc(p->impl, n);
}

wp_section *mb_section_add(wp_programme *p, wp_pos pos)
{
	wp_section *s = wp_arena_grow(p->impl, p->sections, &p->scap, p->nsections, sizeof *s);
	if (!s)
		return NULL;
	p->sections = s;
	s = &p->sections[p->nsections++];
	memset(s, 0, sizeof *s);
	s->pos = pos;
	s->kind = "unknown";
	return s;
}

wp_activity *mb_activity_add(wp_programme *p, wp_section *s, int example)
{
	wp_activity **arr = example ? &s->examples : &s->activities;
	size_t *n = example ? &s->nexamples : &s->nactivities, *cap = example ? &s->ecap : &s->acap;
	wp_activity *a = wp_arena_grow(p->impl, *arr, cap, *n, sizeof *a);
	if (!a)
		return NULL;
	*arr = a;
	a = &a[(*n)++];
	memset(a, 0, sizeof *a);
	return a;
}

int mb_activity_number(wp_programme *p, const wp_section *s, wp_activity *a)
{
	int col = wp_section_role(s, WP_ROLE_NUMBER), oom = 0;
	if (col < 0 || !a->fields || wp_field_is_empty(&a->fields[col])) {
		a->number = NULL;
		return 0;
	}
	char *t = wp_field_number_text(&a->fields[col]);
	if (!t)
		return -1;
	a->number = wp_number_parse(p->impl, t, &oom);
	wp_free(t);
	return oom ? -1 : 0;
}

wp_para *mb_para_add(wp_programme *p, wp_field *f, wp_pos pos)
{
	wp_para *paras = wp_arena_grow(p->impl, f->paras, &f->cap, f->nparas, sizeof *paras);
	if (!paras)
		return NULL;
	f->paras = paras;
	wp_para *pa = &f->paras[f->nparas++];
	memset(pa, 0, sizeof *pa);
	pa->pos = pos;
	return pa;
}

int mb_run_add(wp_programme *p, wp_para *pa, wp_run_kind kind, const char *text, size_t len, unsigned style,
	       const char *href, const char *author, const char *date, int merge)
{
	assert(pa != NULL && (text != NULL || kind == WP_RUN_BREAK));
	if (kind == WP_RUN_BREAK)
		len = 0;
	if (merge && kind == WP_RUN_TEXT && pa->nruns) {
		wp_run *l = &pa->runs[pa->nruns - 1];
		if (l->kind == WP_RUN_TEXT && l->style == style && l->href == href && l->author == author && l->date == date) {
			char *t = wp_arena_alloc(p->impl, l->len + len + 1);
			if (!t)
				return WP_ENOMEM;
			memcpy(t, l->text, l->len);
			memcpy(t + l->len, text, len);
			t[l->len + len] = '\0';
			l->text = t;
			l->len += len;
			return WP_OK;
		}
	}
	wp_run *runs = wp_arena_grow(p->impl, pa->runs, &pa->cap, pa->nruns, sizeof *runs);
	char *t = wp_arena_strndup(p->impl, kind == WP_RUN_TEXT ? text : "", len);
	if (!runs || !t)
		return WP_ENOMEM;
	pa->runs = runs;
	int change = style & (WP_STYLE_INS | WP_STYLE_DEL);
	pa->runs[pa->nruns++] = (wp_run){kind, style, t, len, href, change ? author : NULL, change ? date : NULL};
	return WP_OK;
}

wp_footnote *mb_footnote_add(wp_programme *p, int mark, wp_pos pos)
{
	wp_footnote *f = wp_arena_grow(p->impl, p->footnotes, &p->fcap, p->nfootnotes, sizeof *f);
	if (!f)
		return NULL;
	p->footnotes = f;
	f = &p->footnotes[p->nfootnotes++];
	memset(f, 0, sizeof *f);
	f->mark = mark;
	f->pos = pos;
	return f;
}
