/* model.c: queries over the model and its release (see wpgen/model.h). */
#include "wpgen/wpgen.h"
#include "alloc.h"
#include "util.h"

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

char *wp_field_text(const wp_field *f)
{
	wp_buf b = {0};
	for (size_t i = 0; i < f->nparas; i++) {
		if (i)
			wp_buf_put(&b, "\n\n", 2);
		for (size_t j = 0; j < f->paras[i].nruns; j++) {
			const wp_run *r = &f->paras[i].runs[j];
			if (r->kind == WP_RUN_BREAK)
				wp_buf_putc(&b, '\n');
			else
				wp_buf_put(&b, r->text, r->len);
		}
	}
	return wp_buf_detach(&b, NULL);
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
