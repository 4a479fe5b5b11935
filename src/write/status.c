/* status.c: where things stand, in words: the facts' counts per section
 * and colour as text, JSON or a Markdown table (see status.h). */
#include "wpgen/wpgen.h"
#include "wpgen/status.h"
#include "base/alloc.h"
#include "base/escape.h"
#include "base/util.h"
#include "write/status_table.h"

#include <stdlib.h>
#include <string.h>

/* "I", else the section's kind, else its place. */
static void section_name(wp_buf *b, const wp_programme *p, size_t k, int title)
{
	const wp_section *s = &p->sections[k];
	if (s->numeral)
		wp_buf_printf(b, "%s", s->numeral);
	else if (!title)
		wp_buf_printf(b, "%s", s->kind && strcmp(s->kind, "unknown") ? s->kind : "");
	if (title && s->title)
		wp_buf_printf(b, "%s%s", s->numeral ? ". " : "", s->title);
	if (!s->numeral && !(title && s->title) && !(s->kind && strcmp(s->kind, "unknown")))
		wp_buf_printf(b, "%zu", k + 1);
}

static void text_count(wp_buf *b, const wp_count *c, const wp_profile *prof, const char *as_of)
{
	wp_buf_printf(b, "%zu %s", c->activities, c->activities == 1 ? "activity" : "activities");
	if (!c->has_status)
		wp_buf_puts(b, ", no status column");
	for (size_t q = 0; c->has_status && q < prof->ncolours; q++)
		if (c->by_colour[q])
			wp_buf_printf(b, ", %zu %s", c->by_colour[q], prof->colours[q].name);
	if (c->has_status && c->none)
		wp_buf_printf(b, ", %zu without a colour", c->none);
	if (as_of)
		wp_buf_printf(b, ", %zu overdue at %s", c->overdue, as_of);
}

static void md_cell(wp_buf *b, const char *s)
{
	wp_buf_putc(b, ' ');
	esc_md(b, s, strlen(s), 1, 0);
	wp_buf_puts(b, " |");
}

/* The summary as a table of text (status_table.h): a header row, a row
 * a section with activities, the total last. */
static int st_put(st_table *t, wp_buf *cell)
{
	if (cell->oom || !(t->cells[t->n] = wp_buf_detach(cell, NULL))) {
		wp_buf_free(cell);
		return 0;
	}
	t->n++;
	return 1;
}

int st_table_make(st_table *t, const wp_facts *st, const wp_programme *p, const wp_profile *prof)
{
	size_t rows = 2;
	for (size_t k = 0; k < st->nsections; k++)
		rows += p->sections[k].nactivities != 0;
	memset(t, 0, sizeof *t);
	t->ncols = 3 + prof->ncolours + !!st->as_of;
	t->nrows = rows;
	if (!(t->cells = wp_malloc(rows * t->ncols * sizeof *t->cells)))
		return WP_ENOMEM;
	wp_buf c = {0};
	int ok = 1;
	ok = ok && (wp_buf_puts(&c, "Section"), st_put(t, &c));
	ok = ok && (wp_buf_puts(&c, "Activities"), st_put(t, &c));
	for (size_t q = 0; ok && q < prof->ncolours; q++) {
		wp_buf_printf(&c, "%s (%s)", prof->colours[q].meaning ? prof->colours[q].meaning : prof->colours[q].name,
			      prof->colours[q].name);
		ok = st_put(t, &c);
	}
	ok = ok && (wp_buf_puts(&c, "No colour"), st_put(t, &c));
	if (ok && st->as_of)
		ok = (wp_buf_printf(&c, "Overdue at %s", st->as_of), st_put(t, &c));
	for (size_t k = 0; ok && k <= st->nsections; k++) {
		const wp_count *n = k < st->nsections ? &st->sections[k].count : &st->total;
		if (k < st->nsections && !p->sections[k].nactivities)
			continue;
		if (k < st->nsections)
			section_name(&c, p, k, 1);
		else
			wp_buf_puts(&c, "All");
		ok = st_put(t, &c) && (wp_buf_printf(&c, "%zu", n->activities), st_put(t, &c));
		for (size_t q = 0; ok && q < prof->ncolours; q++) {
			if (n->has_status)
				wp_buf_printf(&c, "%zu", n->by_colour[q]);
			else
				wp_buf_puts(&c, "–");
			ok = st_put(t, &c);
		}
		if (ok && n->has_status)
			wp_buf_printf(&c, "%zu", n->none);
		else if (ok)
			wp_buf_puts(&c, "no status column");
		ok = ok && st_put(t, &c);
		if (ok && st->as_of)
			ok = (wp_buf_printf(&c, "%zu", n->overdue), st_put(t, &c));
	}
	if (!ok) {
		st_table_free(t);
		return WP_ENOMEM;
	}
	return WP_OK;
}

void st_table_free(st_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->cells[i]);
	wp_free(t->cells);
	memset(t, 0, sizeof *t);
}

int wp_status_write(char **out, size_t *len, const wp_facts *st, const wp_programme *p, const wp_profile *prof,
		    wp_status_format fmt)
{
	wp_buf b = {0};
	if (fmt == WP_STATUS_TEXT) {
		for (size_t k = 0; k < st->nsections; k++) {
			if (!p->sections[k].nactivities)
				continue;
			if (b.len)
				wp_buf_puts(&b, "; ");
			section_name(&b, p, k, 0);
			wp_buf_puts(&b, ": ");
			text_count(&b, &st->sections[k].count, prof, st->as_of);
		}
		wp_buf_puts(&b, "");
	} else if (fmt == WP_STATUS_JSON) {
		wp_buf_puts(&b, "[");
		for (size_t k = 0; k <= st->nsections; k++) {
			const wp_count *c = k < st->nsections ? &st->sections[k].count : &st->total;
			wp_buf_puts(&b, k ? ", {\"section\": " : "{\"section\": ");
			if (k < st->nsections) {
				wp_buf n = {0};
				section_name(&n, p, k, 0);
				esc_json(&b, n.data ? n.data : "");
				wp_buf_free(&n);
			} else {
				wp_buf_puts(&b, "null"); /* the total */
			}
			wp_buf_printf(&b, ", \"activities\": %zu, \"status\": ", c->activities);
			if (c->has_status) {
				wp_buf_puts(&b, "{");
				for (size_t q = 0; q < prof->ncolours; q++) {
					wp_buf_puts(&b, q ? ", " : "");
					esc_json(&b, prof->colours[q].name);
					wp_buf_printf(&b, ": %zu", c->by_colour[q]);
				}
				wp_buf_printf(&b, "}, \"without_colour\": %zu", c->none);
			} else {
				wp_buf_puts(&b, "null"); /* no status column */
			}
			if (st->as_of)
				wp_buf_printf(&b, ", \"overdue\": %zu, \"as_of\": \"%s\"", c->overdue, st->as_of);
			wp_buf_puts(&b, "}");
		}
		wp_buf_puts(&b, "]");
	} else {
		/* a table the Markdown reader knows for what it is: the comment
		 * before it says so, and it is not read as a programme table */
		st_table t;
		if (st_table_make(&t, st, p, prof) != WP_OK) {
			wp_buf_free(&b);
			return WP_ENOMEM;
		}
		wp_buf_puts(&b, WP_STATUS_MARK "\n\n|");
		for (size_t c = 0; c < t.ncols; c++)
			md_cell(&b, st_cell(&t, 0, c));
		wp_buf_puts(&b, "\n|---|---:|");
		for (size_t c = 2; c < t.ncols; c++)
			wp_buf_puts(&b, "---:|");
		wp_buf_puts(&b, "\n");
		for (size_t r = 1; r < t.nrows; r++) {
			wp_buf_puts(&b, "|");
			if (r == t.nrows - 1)
				wp_buf_puts(&b, " **All** |"); /* the total */
			else
				md_cell(&b, st_cell(&t, r, 0));
			for (size_t c = 1; c < t.ncols; c++)
				md_cell(&b, st_cell(&t, r, c));
			wp_buf_puts(&b, "\n");
		}
		st_table_free(&t);
	}
	if (b.oom) {
		wp_buf_free(&b);
		return WP_ENOMEM;
	}
	*out = wp_buf_detach(&b, len);
	return *out ? WP_OK : WP_ENOMEM;
}
