/* model.c: queries over the model and its release (see wpgen/model.h). */
#include "wpgen/wpgen.h"
#include "base/alloc.h"
#include "base/date.h"
#include "base/util.h"

#include <stdio.h>
#include <string.h>

void wp_programme_free(wp_programme *p)
{
	if (!p)
		return;
	/* The programme struct lives in the arena that impl points to. */
	wp_arena *a = p->impl;
	wp_arena_free(a);
	wp_free(a);
}

const char *const wp_meta_keys[] = {"title", "body", "annex_to", "running_title", "period",
				     "session", "as_of", "profile", "plan", "programme", NULL};

int wp_date_valid(const char *s)
{
	return wp_iso_date(s, NULL);
}

/* A value a person could have typed: valid UTF-8, no control character
 * but tab and newline (a terminal or an XML writer would choke on one). */
static const char *bad_text(const char *v)
{
	const unsigned char *u = (const unsigned char *)v;
	for (size_t i = 0, n = strlen(v); i < n;) {
		size_t k = wp_utf8_valid(u + i, n - i);
		if (!k)
			return "is not UTF-8";
		if ((u[i] < 0x20 && u[i] != '\t' && u[i] != '\n') || u[i] == 0x7F || (u[i] == 0xC2 && k == 2 && u[i + 1] < 0xA0))
			return "holds a control character";
		i += k;
	}
	return NULL;
}

int wp_programme_set(wp_programme *p, const char *key, const char *value, const char **why)
{
	wp_arena *a = p->impl;
	const char **slot = NULL;
	*why = bad_text(value);
	if (*why)
		return WP_EINPUT;
	if (strcmp(key, "period") == 0) {
		int s, e;
		char end;
		if (sscanf(value, "%d-%d%c", &s, &e, &end) != 2 || s < 1900 || e < s || e - s > 50) {
			*why = "a period is two years, as 2022-2025";
			return WP_EINPUT;
		}
		p->period_start = s;
		p->period_end = e;
		p->explicit_meta |= WP_META_PERIOD;
		return WP_OK;
	}
	if (strcmp(key, "programme") == 0) {
		int yes = wp_yes_no(value);
		if (yes < 0) {
			*why = "say yes (a work programme, whatever its tables) or no (not one: a folder's build and check skip it)";
			return WP_EINPUT;
		}
		p->explicit_meta &= ~(unsigned)(WP_META_PROGRAMME | WP_META_NOT_PROGRAMME);
		p->explicit_meta |= yes ? WP_META_PROGRAMME : WP_META_NOT_PROGRAMME;
		return WP_OK;
	}
	if (strcmp(key, "as_of") == 0 && !wp_date_valid(value)) {
		*why = "a date is written YYYY-MM-DD (a day of that month)";
		return WP_EINPUT;
	}
	if (strcmp(key, "title") == 0)
		slot = &p->title;
	else if (strcmp(key, "body") == 0)
		slot = &p->body;
	else if (strcmp(key, "annex_to") == 0)
		slot = &p->annex_to;
	else if (strcmp(key, "running_title") == 0)
		slot = &p->running_title;
	else if (strcmp(key, "session") == 0)
		slot = &p->session;
	else if (strcmp(key, "as_of") == 0)
		slot = &p->as_of;
	else if (strcmp(key, "profile") == 0)
		slot = &p->profile;
	else if (strcmp(key, "plan") == 0)
		slot = &p->plan;
	if (!slot) {
		*why = "unknown key (title, body, annex_to, running_title, period, session, as_of, profile, plan, programme)";
		return WP_EINPUT;
	}
	char *v = wp_arena_strdup(a, value);
	if (!v)
		return WP_ENOMEM;
	*slot = v;
	if (slot == &p->profile)
		p->explicit_meta |= WP_META_PROFILE;
	return WP_OK;
}

int wp_programme_accept(wp_programme *p, const char *rule, const char *at, const char *why_text, wp_pos pos,
			const char **why)
{
	wp_arena *a = p->impl;
	const char *v[3] = {rule, at, why_text};
	static const char *const empty[3] = {"an acknowledgement names its rule (rule: ID)",
					     "an acknowledgement says where (at: I.12, or '*' for the whole document)",
					     "an acknowledgement gives its reason (why: TEXT)"};
	for (int i = 0; i < 3; i++) {
		if (!v[i] || !*v[i]) {
			*why = empty[i];
			return WP_EINPUT;
		}
		if ((*why = bad_text(v[i])) != NULL)
			return WP_EINPUT;
	}
	if (p->naccepts == p->acap) {
		size_t nc = p->acap ? 2 * p->acap : 4;
		wp_accept *g = wp_arena_alloc(a, nc * sizeof *g);
		if (!g)
			return WP_ENOMEM;
		if (p->naccepts)
			memcpy(g, p->accepts, p->naccepts * sizeof *g);
		p->accepts = g;
		p->acap = nc;
	}
	wp_accept *e = &p->accepts[p->naccepts];
	if (!(e->rule = wp_arena_strdup(a, rule)) || !(e->at = wp_arena_strdup(a, at)) ||
	    !(e->why = wp_arena_strdup(a, why_text)))
		return WP_ENOMEM;
	e->pos = pos;
	p->naccepts++;
	*why = NULL;
	return WP_OK;
}

size_t wp_programme_activities(const wp_programme *p)
{
	size_t n = 0;
	for (size_t i = 0; i < p->nsections; i++)
		n += p->sections[i].nactivities;
	return n;
}

size_t wp_programme_examples(const wp_programme *p)
{
	size_t n = 0;
	for (size_t i = 0; i < p->nsections; i++)
		n += p->sections[i].nexamples;
	return n;
}

static char *field_text(const wp_field *f, unsigned skip)
{
	wp_buf b = {0};
	for (size_t i = 0; i < f->nparas; i++) {
		if (i)
			wp_buf_put(&b, "\n\n", 2);
		for (size_t j = 0; j < f->paras[i].nruns; j++) {
			const wp_run *r = &f->paras[i].runs[j];
			if (r->kind == WP_RUN_BREAK)
				wp_buf_putc(&b, '\n');
			else if (!(r->style & skip))
				wp_buf_put(&b, r->text, r->len);
		}
	}
	return wp_buf_detach(&b, NULL);
}

char *wp_field_text(const wp_field *f)
{
	return field_text(f, 0);
}

char *wp_field_text_marked(const wp_field *f)
{
	wp_buf b = {0};
	for (size_t i = 0; i < f->nparas; i++) {
		if (i)
			wp_buf_put(&b, "\n\n", 2);
		for (size_t j = 0; j < f->paras[i].nruns; j++) {
			const wp_run *r = &f->paras[i].runs[j];
			int del = (r->style & WP_STYLE_DEL) != 0, ins = !del && (r->style & WP_STYLE_INS);
			if (r->kind == WP_RUN_BREAK) {
				wp_buf_putc(&b, '\n');
				continue;
			}
			wp_buf_puts(&b, del ? "[-" : ins ? "{+" : "");
			wp_buf_put(&b, r->text, r->len);
			wp_buf_puts(&b, del ? "-]" : ins ? "+}" : "");
		}
	}
	return wp_buf_detach(&b, NULL);
}

char *wp_field_text_new(const wp_field *f)
{
	return field_text(f, WP_STYLE_DEL);
}

char *wp_field_number_text(const wp_field *f)
{
	char *t = field_text(f, WP_STYLE_DEL);
	size_t n = t ? strlen(t) : 0;
	if (t && !(wp_trim(t, &n), n)) { /* deleted whole: the number it had */
		wp_free(t);
		t = field_text(f, 0);
	}
	return t;
}

int wp_field_is_empty(const wp_field *f)
{
	for (size_t i = 0; i < f->nparas; i++)
		for (size_t j = 0; j < f->paras[i].nruns; j++) {
			const wp_run *r = &f->paras[i].runs[j];
			size_t n = r->len;
			if (r->kind == WP_RUN_TEXT && (wp_trim(r->text, &n), n))
				return 0;
		}
	return 1;
}

int wp_section_column(const wp_section *s, const char *key)
{
	for (size_t i = 0; i < s->ncolumns; i++)
		if (s->columns[i].key && strcmp(s->columns[i].key, key) == 0)
			return (int)i;
	return -1;
}

int wp_section_role(const wp_section *s, unsigned role)
{
	for (size_t i = 0; i < s->ncolumns; i++)
		if (s->columns[i].roles & role)
			return (int)i;
	return -1;
}

char *wp_activity_name(const wp_section *s, const wp_activity *a)
{
	int nk = wp_section_role(s, WP_ROLE_NUMBER);
	char *num = nk >= 0 ? wp_field_number_text(&a->fields[nk]) : NULL;
	size_t n = num ? strlen(num) : 0;
	const char *t = num ? wp_trim(num, &n) : "";
	while (n && t[n - 1] == '.')
		n--;
	wp_buf name = {0};
	if (n)
		wp_buf_printf(&name, "%s%s%.*s", s->numeral ? s->numeral : "", s->numeral ? "." : "", (int)n, t);
	wp_free(num);
	if (!n || name.oom) {
		wp_buf_free(&name);
		return NULL;
	}
	return wp_buf_detach(&name, NULL);
}
