/* html.c: the HTML annex, written from the model and its facts (see
 * wpgen/write.h). It is the reference of the annex's content; the
 * template templates/annex-html.xsl (the layout users copy and edit,
 * behind --template) is held to say the same (test_write_html). Every
 * colour, count, change and overdue mark comes from the facts; the
 * columns' widths from layout.c. This file:
 * the page, its style sheet, the title block, the sections' tables and
 * the notes. html_text.c writes text and inline content, html_status.c
 * where things stand, html_timeline.c a schedule's timeline. */
#include "write/html_impl.h"
#include "write/layout.h"
#include "base/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char css[] =
	"\n"
	":root{--ink:#1a1a1a;--muted:#5f6368;--rule:#b0b4ba;--head:#e8ecf1;--guide:#f6f7f9}\n"
	"*{box-sizing:border-box}\n"
	"body{font:13px/1.4 \"Liberation Sans\",Arial,Helvetica,sans-serif;color:var(--ink);margin:1.5rem;max-width:none}\n"
	".title-block{margin-bottom:1.2rem}\n"
	".annex-to{float:right;text-align:right;margin:0;color:var(--muted)}\n"
	"h1{font-size:1.35rem;margin:0 0 .3rem}\n"
	"h2{font-size:1.1rem;margin:1.6rem 0 .5rem}\n"
	".running-title,.period,.session{margin:.1rem 0;color:var(--muted)}\n"
	"table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem}\n"
	"th,td{border:1px solid var(--rule);padding:.3rem .4rem;vertical-align:top;text-align:left}\n"
	"thead th{background:var(--head);font-weight:600}\n"
	"td p,th p{margin:0}\n"
	"td p+p{margin-top:.45em}\n"
	"tbody.guidance td{background:var(--guide);color:var(--muted);font-style:italic;font-size:.92em}\n"
	"tbody.examples tr.label th{background:#fff8e1;font-weight:600;font-style:italic}\n"
	"tbody.examples td{background:#fffdf5;color:var(--muted);font-style:italic}\n"
	"tbody.activities tr:nth-child(even) td:not(.status){background:#fbfbfc}\n"
	"table.sized{table-layout:fixed}\n"
	"th,td{overflow-wrap:break-word;hyphens:auto}\n"
	".badge{display:inline-block;font-size:.78em;font-weight:600;padding:0 .3em;border-radius:2px;white-space:nowrap}\n"
	".badge.overdue{background:#fdecea;color:#a50e0e;border:1px solid #e6a5a5;margin-right:.3em}\n"
	".status-summary table.status{width:auto}\n"
	"table.status td.n,table.status th.n{text-align:right}\n"
	"table.status th[scope=row]{font-weight:normal}\n"
	"svg.bar{display:block;border:1px solid var(--rule)}\n"
	".legend{color:var(--muted);font-size:.92em;margin:.3rem 0 .8rem}\n"
	".print-only{display:none}\n"
	"@media screen{\n"
	"  thead th{position:sticky;top:0;z-index:1;box-shadow:0 1px 0 var(--rule)}\n"
	"  table.sized{table-layout:auto}\n"
	"}\n"
	".legend .key{margin-right:1.2em;white-space:nowrap}\n"
	".bar-key{display:inline-block;width:4px;height:1em;background:#b26a00;vertical-align:-.15em;margin-right:.3em}\n"
	".swatch{display:inline-block;width:.9em;height:.9em;border-radius:2px;vertical-align:-.1em;margin-right:.35em;border:1px solid rgba(0,0,0,.25)}\n"
	"td.status p{display:inline}\n"
	"td.status ins,td.status del,td.status .meaning{color:inherit;background:none}\n"
	".meaning{display:block;color:var(--muted);font-size:.9em}\n"
	"p.continued{border-left:2px dotted var(--rule);padding-left:.35em}\n"
	"ins{color:#0b6b2e;text-decoration:underline;background:#e6f4ea}\n"
	"del{color:#a50e0e;text-decoration:line-through}\n"
	"tr.changed>td:first-child{box-shadow:inset 4px 0 0 #b26a00}\n"
	"tbody tr.change-inserted td{background:#eef8f0}\n"
	"tbody tr.change-deleted td{background:#fdf1f1;color:#7a1f1f}\n"
	".fnref{text-decoration:none}\n"
	".footnotes p{margin:.35rem 0}\n"
	".footnotes{font-size:.92em;border-top:1px solid var(--rule);margin-top:1.5rem}\n"
	".intro p{margin:.2rem 0 .5rem}\n"
	"figure.timeline{margin:.4rem 0 1.2rem;overflow-x:auto}\n"
	"figure.timeline figcaption{color:var(--muted);font-size:.9em}\n"
	".report{border-left:3px solid #1565c0;padding:.1rem 0 .1rem .8rem;margin:.4rem 0 1rem}\n"
	".report h3{font-size:.95rem;margin:.2rem 0 .4rem;color:#1565c0}\n"
	".report.missing{border-left-color:#b26a00}\n"
	".report.missing h3{color:#b26a00}\n"
	".report .none{color:var(--muted);font-style:italic}\n"
	"@page{size:A4 landscape;margin:14mm 10mm 12mm}\n"
	"@media print{\n"
	"  body{margin:0;font-size:8pt;line-height:1.25}\n"
	"  th,td{padding:.15rem .2rem}\n"
	"  thead th{font-size:7.5pt}\n"
	"  *{print-color-adjust:exact;-webkit-print-color-adjust:exact}\n"
	"  thead{display:table-header-group}\n"
	"  tr{break-inside:avoid}\n"
	"  tbody.guidance tr,tr.label{break-after:avoid}\n"
	"  tbody.examples{break-inside:avoid}\n"
	"  td p{orphans:3;widows:3}\n"
	"  h2{break-after:avoid}\n"
	"  .status-summary,.legend{break-inside:avoid}\n"
	"  .print-only{display:block}\n"
	"  .continued{font-size:.85em;font-style:italic;color:var(--muted);margin-bottom:.3em}\n"
	"  tbody.activities tr:nth-child(even) td:not(.status){background:none}\n"
	"  a{color:inherit}\n"
	"}\n";


/* s inside a CSS string: \ " < > escaped (a title can close no style
 * element), control characters left out. */
static void put_css_string(wp_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			wp_buf_puts(b, "\\\\");
		else if (*s == '"')
			wp_buf_puts(b, "\\\"");
		else if (*s == '<')
			wp_buf_puts(b, "\\3c ");
		else if (*s == '>')
			wp_buf_puts(b, "\\3e ");
		else if ((unsigned char)*s >= 0x20 && *s != 0x7F)
			wp_buf_putc(b, *s);
	}
}

/* The running title, else at most n characters of the title, after sep;
 * white space collapsed. */
static void title_or_running(wp_buf *t, const wp_programme *p, const char *sep, size_t n)
{
	wp_buf raw = {0}, cut = {0};
	wp_buf_puts(&raw, p->running_title ? "" : sep);
	if (p->running_title) {
		wp_buf_puts(&raw, p->running_title);
		wp_buf_puts(&raw, sep);
	} else {
		hw_cut(&cut, p->title ? p->title : "", n);
		wp_buf_put(&raw, cut.data ? cut.data : "", cut.len);
	}
	hw_collapse(t, raw.data ? raw.data : "");
	if (raw.oom || cut.oom)
		t->oom = 1;
	wp_buf_free(&raw);
	wp_buf_free(&cut);
}

static int only(const char *s, const char *set)
{
	return s && strspn(s, set) == strlen(s);
}

/* Every printed page: the reference, the running title, its number. */
static void page_boxes(hw *w, wp_buf *t)
{
	const wp_programme *p = w->p;
	wp_buf *b = w->b;
	wp_buf_puts(b, "@page{");
	if (p->annex_to) {
		hw_collapse(t, p->annex_to);
		wp_buf_puts(b, "@top-left{content:\"Annex to ");
		put_css_string(b, t->data ? t->data : "");
		wp_buf_puts(b, "\";font:8pt Arial,sans-serif;color:#5f6368}");
	}
	title_or_running(t, p, "", 160);
	if (t->len) {
		wp_buf_puts(b, "@top-right{content:\"");
		put_css_string(b, t->data);
		wp_buf_puts(b, "\";font:8pt Arial,sans-serif;color:#5f6368}");
	}
	wp_buf_puts(b, "@bottom-center{content:\"Page \" counter(page) \" of \" counter(pages);font:8pt Arial,sans-serif;"
		       "color:#5f6368}}\n");
}

static void put_head(hw *w)
{
	wp_buf *b = w->b, t = {0};
	wp_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
		       "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\">");
	if (w->rv) /* (its own policy: the one script it runs) */
		hw_review_head(w);
	else
		wp_buf_puts(b, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
			       "img-src data:; base-uri 'none'; form-action 'none'\">");
	wp_buf_puts(b, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		       "<meta name=\"generator\" content=\"wpgen\"><title>");
	title_or_running(&t, w->p, " ", 200);
	hw_text(b, t.data ? t.data : "", t.len);
	wp_buf_puts(b, "</title><style>");
	wp_buf_puts(b, css);
	page_boxes(w, &t);
	for (size_t i = 0; i < w->prof->ncolours; i++) {
		const wp_profile_colour *c = &w->prof->colours[i];
		/* only plain colour names and hex values reach the style sheet */
		char fill[7], ink[7];
		if (only(c->name ? c->name : "", "abcdefghijklmnopqrstuvwxyz") &&
		    only(c->css ? c->css : "", "#0123456789abcdefABCDEF") && ax_colour_shade(c, fill, ink))
			wp_buf_printf(b, ".c-%s .swatch{background:%s}td.status.c-%s{background:#%s;color:#%s}\n",
				      c->name ? c->name : "", c->css ? c->css : "", c->name ? c->name : "", fill, ink);
	}
	if (w->rv)
		hw_review_style(w);
	wp_buf_puts(b, "</style></head>");
	if (t.oom)
		w->oom = 1;
	wp_buf_free(&t);
}

static void put_title_block(hw *w)
{
	const wp_programme *p = w->p;
	wp_buf *b = w->b;
	wp_buf_puts(b, "<header class=\"title-block\">");
	if (p->annex_to) {
		wp_buf_puts(b, "<p class=\"annex-to\">Annex to<br>");
		hw_texts(b, p->annex_to);
		wp_buf_puts(b, "</p>");
	}
	wp_buf_puts(b, "<h1>");
	hw_texts(b, p->title);
	wp_buf_puts(b, "</h1>");
	if (p->running_title) {
		wp_buf_puts(b, "<p class=\"running-title\">");
		hw_texts(b, p->running_title);
		wp_buf_puts(b, "</p>");
	}
	if (p->session) {
		wp_buf_puts(b, "<p class=\"session\">For the ");
		hw_texts(b, p->session);
		wp_buf_puts(b, "</p>");
	}
	if (p->period_start || w->f->as_of) {
		wp_buf_puts(b, "<p class=\"period\">");
		if (p->period_start)
			wp_buf_printf(b, "Programme period %d–%d", p->period_start, p->period_end);
		if (p->period_start && w->f->as_of)
			wp_buf_puts(b, " · ");
		if (w->f->as_of) {
			wp_buf_puts(b, "Progress as of ");
			hw_texts(b, w->f->as_of);
		}
		wp_buf_puts(b, "</p>");
	}
	wp_buf_puts(b, "</header>");
}

/* Each section's column widths (see hw_section). */
static void sections_info(hw *w)
{
	const wp_programme *p = w->p;
	w->secs = wp_malloc((p->nsections ? p->nsections : 1) * sizeof *w->secs);
	if (!w->secs) {
		w->oom = 1;
		return;
	}
	memset(w->secs, 0, (p->nsections ? p->nsections : 1) * sizeof *w->secs);
	for (size_t k = 0; k < p->nsections && !w->oom; k++) {
		const wp_section *s = &p->sections[k];
		hw_section *si = &w->secs[k];
		si->nk = hw_role_column(s, WP_ROLE_NUMBER);
		si->widths = wp_malloc((s->ncolumns ? s->ncolumns : 1) * sizeof *si->widths);
		if (!si->widths || (s->ncolumns && !ax_column_widths(s, si->widths, NULL))) {
			w->oom = 1;
			break;
		}
	}
}

static void sections_free(hw *w)
{
	for (size_t k = 0; w->secs && k < w->p->nsections; k++)
		wp_free(w->secs[k].widths);
	wp_free(w->secs);
}

/* A row's class and title for its tracked changes (example: an example's
 * row, whose class says so first). */
static void put_change_class(hw *w, wp_change ch, int marked, int example)
{
	if (ch != WP_CHANGE_NONE) {
		const char *what = ch == WP_CHANGE_INSERTED ? "inserted" : "deleted";
		wp_buf_printf(w->b, " class=\"%schanged change-%s\" title=\"Row %s by a tracked change\"", example ? "example " : "",
			      what, what);
	} else if (marked) {
		wp_buf_puts(w->b, example ? " class=\"example changed\"" : " class=\"changed\"");
	} else if (example) {
		wp_buf_puts(w->b, " class=\"example\"");
	}
}

/* Whether the words of what (a colour's meaning) stand in the cell's
 * text, case aside. */
static int says(hw *w, const wp_field *f, const char *what)
{
	char *t = wp_field_text(f);
	if (!t) {
		w->oom = 1;
		return 1;
	}
	size_t n = strlen(what);
	int yes = !n;
	for (const char *c = t; *c && !yes; c++)
		yes = !strncasecmp(c, what, n);
	wp_free(t);
	return yes;
}

/* A cell. rf: its row's facts (NULL in the guidance row); long_row: the
 * row runs over a page; overdue: the day its timeline ended, or NULL. */
static void put_cell(hw *w, const wp_section *s, int nc, const wp_row_facts *rf, const wp_field *f, size_t c,
		     const char *overdue)
{
	wp_buf *b = w->b, *t = &w->scratch;
	int is_number = nc >= 0 && (size_t)nc == c;
	const wp_profile_colour *col = rf && (s->columns[c].roles & WP_ROLE_STATUS) ? rf->colour : NULL;
	t->len = 0;
	wp_buf_printf(t, "k-%s", s->columns[c].key);
	if (col)
		wp_buf_printf(t, " status c-%s", col->name);
	const char *flagged = w->rv ? hw_review_class(w, f) : NULL;
	if (flagged)
		wp_buf_printf(t, " %s", flagged);
	wp_buf_puts(b, "<td");
	hw_attr(w, "class", t->data ? t->data : "");
	wp_buf_putc(b, '>');
	if (overdue && is_number) {
		t->len = 0;
		wp_buf_printf(t, "The timeline ended by %s; the activity is not marked done at %s", overdue, w->f->as_of);
		wp_buf_puts(b, "<span class=\"badge overdue\"");
		hw_attr(w, "title", t->data ? t->data : "");
		wp_buf_puts(b, ">Overdue</span>");
	}
	hw_paras(w, f, 1);
	if (col && col->meaning && !says(w, f, col->meaning)) {
		wp_buf_puts(b, "<span class=\"meaning\">");
		hw_texts(b, col->meaning);
		wp_buf_puts(b, "</span>");
	}
	if (flagged)
		hw_review_cell(w, f);
	if (t->oom)
		w->oom = 1;
	wp_buf_puts(b, "</td>");
}

static int has_footnote(const wp_programme *p, int mark)
{
	for (size_t i = 0; i < p->nfootnotes; i++)
		if (p->footnotes[i].mark == mark)
			return 1;
	return 0;
}

static void put_columns(hw *w, const wp_section *s, const hw_section *si)
{
	wp_buf *b = w->b, *t = &w->scratch;
	wp_buf_puts(b, "<table class=\"sized\"><colgroup>");
	for (size_t c = 0; c < s->ncolumns; c++) {
		t->len = 0;
		wp_buf_printf(t, "k-%s", s->columns[c].key);
		wp_buf_puts(b, "<col");
		hw_attr(w, "class", t->data ? t->data : "");
		wp_buf_printf(b, " style=\"width:%u%%\">", si->widths[c]);
	}
	wp_buf_puts(b, "</colgroup><thead><tr>");
	for (size_t c = 0; c < s->ncolumns; c++) {
		const wp_column *col = &s->columns[c];
		t->len = 0;
		wp_buf_printf(t, "k-%s", col->key);
		wp_buf_puts(b, "<th scope=\"col\"");
		hw_attr(w, "class", t->data ? t->data : "");
		wp_buf_putc(b, '>');
		hw_texts(b, col->header);
		if (col->mark) {
			wp_buf sup = {0};
			wp_buf_superscript(&sup, (unsigned long)col->mark);
			wp_buf_putc(b, ' ');
			if (has_footnote(w->p, col->mark))
				hw_mark_link(w, col->mark, sup.data ? sup.data : "", sup.len);
			else
				wp_buf_put(b, sup.data ? sup.data : "", sup.len);
			if (sup.oom)
				w->oom = 1;
			wp_buf_free(&sup);
		}
		wp_buf_puts(b, "</th>");
	}
	wp_buf_puts(b, "</tr></thead>");
	if (t->oom)
		w->oom = 1;
}

static void put_rows(hw *w, const wp_section *s, size_t k)
{
	wp_buf *b = w->b;
	const hw_section *si = &w->secs[k];
	if (s->guidance) {
		wp_buf_puts(b, "<tbody class=\"guidance\"><tr>");
		for (size_t c = 0; c < s->ncolumns; c++)
			put_cell(w, s, si->nk, NULL, &s->guidance[c], c, NULL);
		wp_buf_puts(b, "</tr></tbody>");
	}
	if (s->nexamples) {
		wp_buf_printf(b, "<tbody class=\"examples\"><tr class=\"label\"><th colspan=\"%zu\" scope=\"rowgroup\">"
			      "Example, not an activity of the programme</th></tr>", s->ncolumns);
		for (size_t i = 0; i < s->nexamples; i++) {
			const wp_row_facts *ex = wp_facts_example(w->f, k, i);
			wp_buf_puts(b, "<tr");
			put_change_class(w, ex->change, ex->marked, 1);
			wp_buf_putc(b, '>');
			for (size_t c = 0; c < s->ncolumns; c++)
				put_cell(w, s, si->nk, ex, &s->examples[i].fields[c], c, NULL);
			wp_buf_puts(b, "</tr>");
		}
		wp_buf_puts(b, "</tbody>");
	}
	wp_buf_puts(b, "<tbody class=\"activities\">");
	for (size_t i = 0; i < s->nactivities; i++) {
		const wp_row_facts *rf = wp_facts_row(w->f, k, i);
		wp_buf_printf(b, "<tr id=\"s%zu-a%zu\"", k + 1, i + 1);
		put_change_class(w, rf->change, rf->marked, 0);
		wp_buf_putc(b, '>');
		for (size_t c = 0; c < s->ncolumns; c++)
			put_cell(w, s, si->nk, rf, &s->activities[i].fields[c], c, rf->overdue ? rf->ended : NULL);
		wp_buf_puts(b, "</tr>");
	}
	wp_buf_puts(b, "</tbody></table>");
}

static void put_report(hw *w, const wp_section *s)
{
	wp_buf *b = w->b;
	if (s->reported) {
		wp_buf_puts(b, "<div class=\"report\"><h3>Progress reported</h3>");
		hw_paras(w, &s->report, 0);
		if (!s->report.nparas)
			wp_buf_puts(b, "<p class=\"none\">Nothing reported on this area.</p>");
		wp_buf_puts(b, "</div>");
	} else if (w->p->plan) {
		wp_buf_puts(b, "<div class=\"report missing\"><h3>Progress reported</h3><p class=\"none\">The report does not "
			       "cover this area.</p></div>");
	}
}

static void put_section(hw *w, const wp_section *s, size_t k)
{
	wp_buf *b = w->b, *t = &w->scratch;
	t->len = 0;
	wp_buf_printf(t, "programme-section kind-%s", s->kind ? s->kind : "");
	wp_buf_puts(b, "<section");
	hw_attr(w, "class", t->data ? t->data : "");
	wp_buf_putc(b, '>');
	if (s->title || s->numeral) {
		wp_buf_puts(b, "<h2>");
		if (s->numeral) {
			hw_texts(b, s->numeral);
			wp_buf_puts(b, ". ");
		}
		hw_texts(b, s->title);
		wp_buf_puts(b, "</h2>");
	}
	if (s->intro.nparas) {
		wp_buf_puts(b, "<div class=\"intro\">");
		hw_paras(w, &s->intro, 0);
		wp_buf_puts(b, "</div>");
	}
	if (s->ncolumns) {
		put_columns(w, s, &w->secs[k]);
		put_rows(w, s, k);
	}
	if (hw_role_column(s, WP_ROLE_DATE) >= 0)
		hw_timeline(w, s, k);
	if (s->notes.nparas) {
		wp_buf_puts(b, "<div class=\"notes\">");
		hw_paras(w, &s->notes, 0);
		wp_buf_puts(b, "</div>");
	}
	put_report(w, s);
	wp_buf_puts(b, "</section>");
	if (t->oom)
		w->oom = 1;
}

static int cmp_mark(const void *a, const void *b)
{
	const wp_footnote *x = *(const wp_footnote *const *)a, *y = *(const wp_footnote *const *)b;
	if (x->mark != y->mark)
		return x->mark < y->mark ? -1 : 1;
	return (x > y) - (x < y);
}

/* Each footnote's id: fn-N, and fn-N-2, fn-N-3 ... for a mark the
 * document defines again (so that ids stay unique); in n log n. */
static size_t *footnote_ids(hw *w)
{
	const wp_programme *p = w->p;
	size_t n = p->nfootnotes, *again = wp_malloc((n ? n : 1) * sizeof *again);
	const wp_footnote **by = wp_malloc((n ? n : 1) * sizeof *by);
	if (!again || !by) {
		wp_free(again);
		wp_free(by);
		w->oom = 1;
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		by[i] = &p->footnotes[i];
	qsort(by, n, sizeof *by, cmp_mark);
	for (size_t i = 0; i < n; i++)
		again[by[i] - p->footnotes] = i && by[i - 1]->mark == by[i]->mark ? again[by[i - 1] - p->footnotes] + 1 : 0;
	wp_free(by);
	return again;
}

static void put_footnotes(hw *w)
{
	const wp_programme *p = w->p;
	wp_buf *b = w->b;
	size_t *again;
	if (!p->nfootnotes || !(again = footnote_ids(w)))
		return;
	wp_buf_puts(b, "<section class=\"footnotes\"><h2>Notes</h2>");
	for (size_t i = 0; i < p->nfootnotes; i++) {
		const wp_footnote *f = &p->footnotes[i];
		char id[64];
		if (again[i])
			snprintf(id, sizeof id, "fn-%d-%zu", f->mark, again[i] + 1);
		else
			snprintf(id, sizeof id, "fn-%d", f->mark);
		wp_buf_puts(b, "<p class=\"footnote\"");
		hw_attr(w, "id", id);
		wp_buf_printf(b, "><sup>%d</sup> ", f->mark);
		for (size_t k = 0; k < f->text.nparas; k++) {
			if (k)
				wp_buf_puts(b, "<br>");
			hw_inline(w, &f->text.paras[k], 0);
		}
		wp_buf_puts(b, "</p>");
	}
	wp_buf_puts(b, "</section>");
	wp_free(again);
}

static void put_body(hw *w)
{
	const wp_programme *p = w->p;
	wp_buf *b = w->b;
	wp_buf_puts(b, "<body>");
	put_title_block(w);
	if (w->rv)
		hw_review_panel(w);
	if (p->changes) { /* a redline's: what changed */
		wp_buf_puts(b, "<p class=\"changes-summary\">");
		hw_texts(b, p->changes);
		wp_buf_puts(b, "</p>");
	}
	if (p->preamble.nparas) {
		wp_buf_puts(b, "<div class=\"preamble\">");
		hw_paras(w, &p->preamble, 0);
		wp_buf_puts(b, "</div>");
	}
	if (w->prof->ncolours && w->f->total.has_status && wp_programme_activities(p))
		hw_status_summary(w);
	hw_legend(w);
	for (size_t k = 0; k < p->nsections && !w->oom; k++)
		put_section(w, &p->sections[k], k);
	if (p->report.nparas) {
		wp_buf_puts(b, "<section class=\"other-report\"><h2>Progress reported under no area of the plan</h2>"
			       "<div class=\"report\">");
		hw_paras(w, &p->report, 0);
		wp_buf_puts(b, "</div></section>");
	}
	put_footnotes(w);
	if (w->rv)
		hw_review_script(w);
	wp_buf_puts(b, "</body></html>\n");
}

/* The page into b (which may spill: base/util.h). */
static int hw_write_into(wp_buf *b, const wp_programme *p, const wp_profile *profile, const wp_facts *facts,
			 const hw_review *rv)
{
	wp_facts *own = NULL;
	hw w = {.b = b, .p = p, .prof = profile, .f = facts, .marks = ax_cell_marks(p, profile), .rv = rv};

	if (!facts && wp_facts_new(&own, p, profile, WP_CHANGES_SHOW, p->as_of) != WP_OK)
		return WP_ENOMEM;
	if (!facts)
		w.f = own;
	sections_info(&w);
	if (!w.oom) {
		put_head(&w);
		put_body(&w);
	}
	sections_free(&w);
	wp_facts_free(own);
	wp_buf_free(&w.scratch);
	return w.oom || b->oom ? WP_ENOMEM : WP_OK;
}

int hw_write(char **out, size_t *len, const wp_programme *p, const wp_profile *profile, const wp_facts *facts,
	     const hw_review *rv)
{
	wp_buf b = {0};
	*out = NULL;
	*len = 0;
	if (hw_write_into(&b, p, profile, facts, rv) != WP_OK) {
		wp_buf_free(&b);
		return WP_ENOMEM;
	}
	*out = wp_buf_detach(&b, len);
	return *out ? WP_OK : WP_ENOMEM;
}

typedef struct html_args {
	const wp_programme *p;
	const wp_profile *profile;
	const wp_facts *facts;
} html_args;

static int html_into(wp_buf *b, const void *arg)
{
	const html_args *a = arg;
	return hw_write_into(b, a->p, a->profile, a->facts, NULL);
}

int wp_write_html_stream(const wp_programme *p, const wp_profile *profile, const wp_facts *facts, wp_sink sink, void *ctx)
{
	wp_buf b = {0};
	html_args a = {p, profile, facts};
	return wp_buf_stream(&b, sink, ctx, html_into, &a);
}

int wp_write_html(char **out, size_t *len, const wp_programme *p, const wp_profile *profile, const wp_facts *facts)
{
	return hw_write(out, len, p, profile, facts, NULL);
}

int wp_write_review(char **out, size_t *len, const wp_programme *p, const wp_profile *profile, const wp_facts *facts,
		    const wp_diags *findings)
{
	hw_review *r = hw_review_new(p, findings);
	*out = NULL;
	*len = 0;
	int rc = r ? hw_write(out, len, p, profile, facts, r) : WP_ENOMEM;
	hw_review_free(r);
	return rc;
}
