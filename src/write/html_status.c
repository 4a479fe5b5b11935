/* html_status.c: where things stand, in the HTML annex: per section the
 * activities by status colour, those without one and those overdue, as
 * the facts count them, each with a bar of the same counts in the colours
 * and with words (never colour alone); and the legend of the colours and
 * change marks (see html_impl.h). */
#include "write/html_impl.h"

#include <string.h>

static const char *meaning(const wp_profile_colour *c)
{
	return c->meaning ? c->meaning : "";
}

/* ' class="PREFIXname"', escaped (a profile names its colours). */
static void colour_class(hw *w, const char *prefix, const wp_profile_colour *c)
{
	wp_buf *t = &w->scratch;
	t->len = 0;
	wp_buf_puts(t, prefix);
	wp_buf_puts(t, c->name ? c->name : "");
	hw_attr(w, "class", t->data ? t->data : "");
	if (t->oom)
		w->oom = 1;
}

/* A colour's CSS when it is a plain hex value (no other text reaches the
 * page's attributes or style sheet), else "". */
static const char *hex_css(const wp_profile_colour *c)
{
	const char *s = c->css ? c->css : "";
	return s[0] == '#' && strspn(s + 1, "0123456789abcdefABCDEF") == strlen(s + 1) && strlen(s) <= 7 ? s : "";
}

/* One bar, 160 wide: each colour's share in turn, then the rows without
 * one, in grey. */
static void put_bar(hw *w, const wp_count *c)
{
	wp_buf *b = w->b;
	const wp_profile *prof = w->prof;
	double n = (double)c->activities;
	size_t before = 0;
	wp_buf_puts(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"160\" height=\"12\" viewBox=\"0 0 160 12\" "
		       "preserveAspectRatio=\"none\" role=\"img\" class=\"bar\"><title>");
	for (size_t i = 0; i < prof->ncolours; i++) {
		wp_buf_printf(b, "%zu ", c->by_colour[i]);
		hw_texts(b, meaning(&prof->colours[i]));
		wp_buf_puts(b, "; ");
	}
	wp_buf_printf(b, "%zu without a colour</title>", c->none);
	for (size_t i = 0; i < prof->ncolours; i++) {
		const wp_profile_colour *col = &prof->colours[i];
		size_t k = c->by_colour[i];
		if (k) {
			wp_buf_puts(b, "<rect");
			hw_num_attr(w, "x", 160.0 * (double)before / n);
			hw_num_attr(w, "width", 160.0 * (double)k / n);
			wp_buf_puts(b, " y=\"0\" height=\"12\"");
			colour_class(w, "c-", col);
			hw_attr(w, "fill", hex_css(col));
			wp_buf_printf(b, "><title>%zu ", k);
			hw_texts(b, meaning(col));
			wp_buf_puts(b, "</title></rect>");
		}
		before += k;
	}
	if (c->none) {
		wp_buf_puts(b, "<rect");
		hw_num_attr(w, "x", 160.0 * (double)(c->activities - c->none) / n);
		hw_num_attr(w, "width", 160.0 * (double)c->none / n);
		wp_buf_printf(b, " y=\"0\" height=\"12\" fill=\"#d0d3d8\"><title>%zu without a colour</title></rect>", c->none);
	}
	wp_buf_puts(b, "</svg>");
}

static void put_head_row(hw *w)
{
	wp_buf *b = w->b;
	const wp_profile *prof = w->prof;
	wp_buf_puts(b, "<thead><tr><th scope=\"col\">Section</th><th scope=\"col\" class=\"n\">Activities</th>");
	for (size_t i = 0; i < prof->ncolours; i++) {
		wp_buf_puts(b, "<th scope=\"col\"");
		colour_class(w, "n c-", &prof->colours[i]);
		wp_buf_puts(b, "><span class=\"swatch\" aria-hidden=\"true\"></span>");
		hw_texts(b, meaning(&prof->colours[i]));
		wp_buf_puts(b, "</th>");
	}
	wp_buf_puts(b, "<th scope=\"col\" class=\"n\">No colour</th>");
	if (w->f->as_of)
		wp_buf_puts(b, "<th scope=\"col\" class=\"n\">Overdue</th>");
	wp_buf_puts(b, "<th scope=\"col\" class=\"bar-col\">Share</th></tr></thead>");
}

void hw_status_summary(hw *w)
{
	const wp_programme *p = w->p;
	wp_buf *b = w->b;
	wp_buf_puts(b, "<section class=\"status-summary\"><h2>Where things stand");
	if (w->f->as_of) {
		wp_buf_puts(b, " at ");
		hw_texts(b, w->f->as_of);
	}
	wp_buf_puts(b, "</h2><table class=\"status\">");
	put_head_row(w);
	wp_buf_puts(b, "<tbody>");
	for (size_t k = 0; k < p->nsections; k++) {
		const wp_section *s = &p->sections[k];
		const wp_count *c = &w->f->sections[k].count;
		if (!s->nactivities)
			continue;
		wp_buf_puts(b, "<tr><th scope=\"row\">");
		if (s->numeral) {
			hw_texts(b, s->numeral);
			wp_buf_puts(b, ". ");
		}
		hw_texts(b, s->title);
		wp_buf_printf(b, "</th><td class=\"n\">%zu</td>", c->activities);
		for (size_t i = 0; i < w->prof->ncolours; i++)
			if (c->has_status)
				wp_buf_printf(b, "<td class=\"n\">%zu</td>", c->by_colour[i]);
			else
				wp_buf_puts(b, "<td class=\"n\">–</td>");
		if (c->has_status)
			wp_buf_printf(b, "<td class=\"n\">%zu</td>", c->none);
		else
			wp_buf_puts(b, "<td class=\"n\">no status column</td>");
		if (w->f->as_of)
			wp_buf_printf(b, "<td class=\"n\">%zu</td>", c->overdue);
		wp_buf_puts(b, "<td class=\"bar-col\">");
		if (c->has_status && c->activities)
			put_bar(w, c);
		wp_buf_puts(b, "</td></tr>");
	}
	wp_buf_puts(b, "</tbody></table></section>");
}

void hw_legend(hw *w)
{
	wp_buf *b = w->b;
	const wp_profile *prof = w->prof;
	int marks = w->f->any_change;
	if (!prof->ncolours && !marks)
		return;
	wp_buf_puts(b, "<p class=\"legend\">");
	for (size_t i = 0; i < prof->ncolours; i++) {
		wp_buf_puts(b, "<span");
		colour_class(w, "key c-", &prof->colours[i]);
		wp_buf_puts(b, "><span class=\"swatch\" aria-hidden=\"true\"></span>");
		hw_texts(b, prof->colours[i].name);
		wp_buf_puts(b, ": ");
		hw_texts(b, meaning(&prof->colours[i]));
		wp_buf_puts(b, "</span>");
	}
	if (marks)
		wp_buf_puts(b, "<span class=\"key\"><ins>inserted</ins></span><span class=\"key\"><del>deleted</del></span>"
			       "<span class=\"key\"><span class=\"bar-key\" aria-hidden=\"true\"></span>row with a change</span>");
	if (w->f->as_of && w->f->total.overdue) {
		wp_buf_puts(b, "<span class=\"key\"><span class=\"badge overdue\">Overdue</span> the timeline ended before ");
		hw_texts(b, w->f->as_of);
		wp_buf_puts(b, "</span>");
	}
	wp_buf_puts(b, "</p>");
}
