/* html_timeline.c: a dated schedule's timeline in the HTML annex: one
 * row a task, a mark on its due date (filled on the day; hollow in the
 * month when the day is still to be fixed), month bands, and the as-of
 * date as a dashed line (see html_impl.h). */
#include "write/html_impl.h"
#include "base/alloc.h"
#include "base/date.h"

#define TL_LEFT 300.0
#define TL_WIDTH 660.0
#define TL_ROW 20.0
#define TL_LABEL 48 /* characters of a task's label; a longer one is cut */

/* A cell's text, white space collapsed, into b: as the new version has it
 * (a date), or, for a label, as the version shown has it (with changes
 * shown, both marked: [-deleted-] {+inserted+}, never run together). */
static void cell(hw *w, wp_buf *b, const wp_field *f, int label)
{
	char *t = label && w->f->mode == WP_CHANGES_SHOW ? wp_field_text_marked(f) : wp_field_text_new(f);
	if (!t)
		w->oom = 1;
	hw_collapse(b, t ? t : "");
	wp_free(t);
}

typedef struct span {
	long first, last; /* months since year 0: the first one drawn minus one, the last */
	size_t dated;
} span;

/* The months the due dates span (the facts' due dates: the version's). */
static span months_of(const hw *w, const wp_section *s, size_t k)
{
	span m = {0, 0, 0};
	for (size_t i = 0; i < s->nactivities; i++) {
		const wp_row_facts *rf = wp_facts_row(w->f, k, i);
		if (!rf->due.y)
			continue;
		long at = (long)rf->due.y * 12 + rf->due.m - 1;
		if (!m.dated || at - 1 < m.first)
			m.first = at - 1;
		if (!m.dated || at > m.last)
			m.last = at;
		m.dated++;
	}
	return m;
}

static void bands(hw *w, span m, double mw, double h)
{
	static const char *const names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	wp_buf *b = w->b;
	for (long i = 0; i < m.last - m.first; i++) {
		long at = m.first + 1 + i; /* the month of band i */
		wp_buf_puts(b, "<rect");
		hw_num_attr(w, "x", TL_LEFT + (double)i * mw);
		hw_num_attr(w, "width", mw);
		hw_num_attr(w, "height", h - 30);
		wp_buf_printf(b, " y=\"22\" fill=\"%s\"></rect><text", i % 2 ? "#ffffff" : "#f4f6f9");
		hw_num_attr(w, "x", TL_LEFT + (double)i * mw + mw / 2);
		wp_buf_printf(b, " y=\"16\" text-anchor=\"middle\" font-size=\"10\" fill=\"#5f6368\">%s", names[at % 12]);
		if (at % 12 == 0 || i == 0)
			wp_buf_printf(b, " %ld", at / 12);
		wp_buf_puts(b, "</text>");
	}
}

/* The label of a task: its number and its first text column. */
static void label_of(hw *w, wp_buf *label, const wp_activity *a, int nk, int tk)
{
	wp_buf raw = {0}, t = {0};
	if (nk >= 0)
		cell(w, &t, &a->fields[nk], 1);
	wp_buf_puts(&raw, t.data ? t.data : "");
	wp_buf_putc(&raw, ' ');
	if (tk >= 0)
		cell(w, &t, &a->fields[tk], 1);
	wp_buf_puts(&raw, tk >= 0 && t.data ? t.data : "");
	hw_collapse(label, raw.data ? raw.data : "");
	if (raw.oom || t.oom || label->oom)
		w->oom = 1;
	wp_buf_free(&raw);
	wp_buf_free(&t);
}

static void task(hw *w, const wp_activity *a, const wp_row_facts *rf, size_t i, int dk, int nk, int tk, span m,
		 double mw)
{
	wp_buf *b = w->b, label = {0}, due = {0};
	double y = 34 + (double)i * TL_ROW;
	int d = rf->due.d;
	label_of(w, &label, a, nk, tk);
	wp_buf_puts(b, "<line");
	hw_num_attr(w, "x1", TL_LEFT);
	hw_num_attr(w, "x2", TL_LEFT + TL_WIDTH);
	hw_num_attr(w, "y1", y + 6);
	hw_num_attr(w, "y2", y + 6);
	wp_buf_puts(b, " stroke=\"#e3e6ea\"></line><text");
	hw_num_attr(w, "x", TL_LEFT - 6);
	hw_num_attr(w, "y", y + 10);
	wp_buf_puts(b, " text-anchor=\"end\" font-size=\"11\" fill=\"#1a1a1a\">");
	if (wp_utf8_count(label.data ? label.data : "", label.len) > TL_LABEL) { /* (its mark's title has it whole) */
		hw_cut(&due, label.data, TL_LABEL - 1);
		hw_text(b, due.data ? due.data : "", due.len);
		wp_buf_puts(b, "…");
	} else {
		hw_texts(b, label.data);
	}
	wp_buf_puts(b, "</text>");
	if (rf->due.y) /* (its text, for the mark's title) */
		cell(w, &due, &a->fields[dk], 0);
	if (rf->due.y && due.data) {
		double at = (double)((long)rf->due.y * 12 + rf->due.m - 1 - m.first - 1);
		double x = TL_LEFT + (d ? at + (double)(d - 1) / 31 : at + 0.5) * mw;
		wp_buf_puts(b, "<path d=\"M");
		hw_num(b, x);
		wp_buf_putc(b, ' ');
		hw_num(b, y);
		wp_buf_puts(b, d ? " l6 6 l-6 6 l-6 -6 z\" fill=\"#1565c0\"><title>"
				 : " l6 6 l-6 6 l-6 -6 z\" fill=\"#ffffff\" stroke=\"#b26a00\" stroke-width=\"1.5\"><title>");
		hw_texts(b, label.data);
		wp_buf_puts(b, ": due ");
		hw_texts(b, due.data);
		wp_buf_puts(b, d ? "</title></path>" : " (day to be fixed)</title></path>");
	}
	if (due.oom)
		w->oom = 1;
	wp_buf_free(&label);
	wp_buf_free(&due);
}

static void as_of_line(hw *w, span m, double mw, double h)
{
	wp_ymd t;
	if (!w->f->as_of || !wp_iso_date(w->f->as_of, &t))
		return;
	double at = (double)((long)t.y * 12 + t.m - 1 - m.first - 1) + (double)(t.d - 1) / 31;
	if (at < 0 || at > (double)(m.last - m.first))
		return;
	wp_buf *b = w->b;
	wp_buf_puts(b, "<line");
	hw_num_attr(w, "x1", TL_LEFT + at * mw);
	hw_num_attr(w, "x2", TL_LEFT + at * mw);
	hw_num_attr(w, "y2", h - 8);
	wp_buf_puts(b, " y1=\"22\" stroke=\"#c62828\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"></line><text");
	hw_num_attr(w, "x", TL_LEFT + at * mw + 3);
	hw_num_attr(w, "y", h - 2);
	wp_buf_puts(b, " font-size=\"10\" fill=\"#c62828\">as of ");
	hw_texts(b, w->f->as_of);
	wp_buf_puts(b, "</text>");
}

void hw_timeline(hw *w, const wp_section *s, size_t k)
{
	wp_buf *b = w->b;
	int dk = hw_role_column(s, WP_ROLE_DATE), nk = hw_role_column(s, WP_ROLE_NUMBER), tk = -1;
	for (size_t c = 0; c < s->ncolumns && tk < 0; c++)
		if (!(s->columns[c].roles & (WP_ROLE_NUMBER | WP_ROLE_STATUS | WP_ROLE_DATE | WP_ROLE_MONTH)))
			tk = (int)c;
	span m = months_of(w, s, k);
	if (!m.dated)
		return;
	size_t rows = s->nactivities;
	double mw = TL_WIDTH / (double)(m.last - m.first), h = 34 + (double)rows * TL_ROW + 8;
	wp_buf_puts(b, "<figure class=\"timeline\"><svg xmlns=\"http://www.w3.org/2000/svg\"");
	hw_num_attr(w, "width", TL_LEFT + TL_WIDTH + 10);
	hw_num_attr(w, "height", h);
	wp_buf_puts(b, " viewBox=\"0 0 ");
	hw_num(b, TL_LEFT + TL_WIDTH + 10);
	wp_buf_putc(b, ' ');
	hw_num(b, h);
	wp_buf_printf(b, "\" role=\"img\"><title>Schedule: %zu tasks, %ld months</title>", rows, m.last - m.first);
	bands(w, m, mw, h);
	for (size_t i = 0; i < rows; i++)
		task(w, &s->activities[i], wp_facts_row(w->f, k, i), i, dk, nk, tk, m, mw);
	as_of_line(w, m, mw, h);
	wp_buf_printf(b, "</svg><figcaption>Due dates of the %zu tasks: a filled mark on the day, a hollow one in the "
			 "month when the day is still to be fixed; the dashed line is the as-of date.</figcaption></figure>",
		      rows);
}
