/* html_text.c: text in the HTML annex: escaping for text and attributes,
 * numbers, and a field's paragraphs and runs with their styles, tracked
 * changes, links and footnote marks (see html_impl.h). */
#include "write/html_impl.h"
#include "write/layout.h"
#include "model/assemble.h"
#include "base/alloc.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

void hw_text(wp_buf *b, const char *s, size_t n)
{
	size_t from = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *e;
		if (c == '&')
			e = "&amp;";
		else if (c == '<')
			e = "&lt;";
		else if (c == '>')
			e = "&gt;";
		else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
			e = "";
		else
			continue;
		wp_buf_put(b, s + from, i - from);
		wp_buf_puts(b, e);
		from = i + 1;
	}
	wp_buf_put(b, s + from, n - from);
}

void hw_texts(wp_buf *b, const char *s)
{
	if (s)
		hw_text(b, s, strlen(s));
}

static void attr_value(wp_buf *b, const char *s)
{
	size_t from = 0, i = 0;
	for (; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *e;
		if (c == '&')
			e = "&amp;";
		else if (c == '<')
			e = "&lt;";
		else if (c == '>')
			e = "&gt;";
		else if (c == '"')
			e = "&quot;";
		else if (c < 0x20 || c == 0x7F)
			e = c == '\t' || c == '\n' || c == '\r' ? " " : "";
		else
			continue;
		wp_buf_put(b, s + from, i - from);
		wp_buf_puts(b, e);
		from = i + 1;
	}
	wp_buf_put(b, s + from, i - from);
}

void hw_attr(hw *w, const char *name, const char *value)
{
	wp_buf_putc(w->b, ' ');
	wp_buf_puts(w->b, name);
	wp_buf_puts(w->b, "=\"");
	attr_value(w->b, value ? value : "");
	wp_buf_putc(w->b, '"');
}

void hw_href(hw *w, const char *name, const char *value)
{
	/* every byte but letters, digits, -_.!~*'() and the URI's own
	 * delimiters percent-encoded, as libxml2's xmlURIEscapeStr does */
	static const char hex[] = "0123456789ABCDEF";
	wp_buf esc = {0};
	for (const unsigned char *q = (const unsigned char *)(value ? value : ""); *q; q++) {
		if ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') ||
		    strchr("-_.!~*'()@/:=?;#%&,+", *q)) {
			wp_buf_putc(&esc, (char)*q);
		} else {
			wp_buf_putc(&esc, '%');
			wp_buf_putc(&esc, hex[*q >> 4]);
			wp_buf_putc(&esc, hex[*q & 15]);
		}
	}
	if (esc.oom) {
		w->oom = 1;
		wp_buf_free(&esc);
		return;
	}
	hw_attr(w, name, esc.data ? esc.data : "");
	wp_buf_free(&esc);
}

void hw_num(wp_buf *b, double x)
{
	char s[64];
	int n = snprintf(s, sizeof s, "%.2f", x);
	while (n > 0 && s[n - 1] == '0')
		s[--n] = '\0';
	if (n > 0 && s[n - 1] == '.')
		s[--n] = '\0';
	wp_buf_puts(b, strcmp(s, "-0") ? s : "0");
}

void hw_num_attr(hw *w, const char *name, double x)
{
	wp_buf_printf(w->b, " %s=\"", name);
	hw_num(w->b, x);
	wp_buf_putc(w->b, '"');
}

void hw_collapse(wp_buf *b, const char *s)
{
	int gap = 0;
	b->len = 0;
	for (; s && *s; s++) {
		if (wp_is_space((unsigned char)*s)) {
			gap = b->len > 0;
			continue;
		}
		if (gap)
			wp_buf_putc(b, ' ');
		gap = 0;
		wp_buf_putc(b, *s);
	}
	wp_buf_put(b, "", 0);
}

void hw_cut(wp_buf *b, const char *s, size_t n)
{
	size_t i = 0, chars = 0;
	for (; s[i] && (chars < n || ((unsigned char)s[i] & 0xC0) == 0x80); i++)
		chars += ((unsigned char)s[i] & 0xC0) != 0x80;
	b->len = 0;
	wp_buf_put(b, s, i);
}

void hw_mark_link(hw *w, int mark, const char *text, size_t len)
{
	char id[48], title[48];
	snprintf(id, sizeof id, "#fn-%d", mark);
	snprintf(title, sizeof title, "See note %d", mark);
	wp_buf_puts(w->b, "<a class=\"fnref\"");
	hw_attr(w, "href", id);
	hw_attr(w, "title", title);
	wp_buf_putc(w->b, '>');
	hw_text(w->b, text, len);
	wp_buf_puts(w->b, "</a>");
}

/* A run's text; in a table cell (where marks are links), each footnote
 * mark as a link to its note, but inside a link. */
static void run_text(hw *w, const wp_run *r, int cell, int in_link)
{
	if (!cell || !w->marks || in_link) {
		hw_text(w->b, r->text, r->len);
		return;
	}
	size_t from = 0, i = 0, s, e;
	int mark;
	while (ax_next_mark(w->p, r->text, r->len, &i, &s, &e, &mark)) {
		hw_text(w->b, r->text + from, s - from);
		hw_mark_link(w, mark, r->text + s, e - s);
		from = e;
	}
	hw_text(w->b, r->text + from, r->len - from);
}

/* Whether a link's target is kept: http, https, mailto or relative. */
static int safe_href(const char *h)
{
	const char *colon = strchr(h, ':');
	return !strncasecmp(h, "http:", 5) || !strncasecmp(h, "https:", 6) || !strncasecmp(h, "mailto:", 7) || !colon ||
	       strcspn(h, "/?#") < (size_t)(colon - h);
}

static const char *open_tag(unsigned bit, int u_is_insertion)
{
	switch (bit) {
	case WP_STYLE_STRONG:
		return "strong";
	case WP_STYLE_EM:
		return "em";
	case WP_STYLE_U:
		return u_is_insertion ? "ins" : "u";
	case WP_STYLE_CODE:
		return "code";
	case WP_STYLE_INS:
		return "ins";
	default:
		return "del";
	}
}

/* A tracked change's tag: who made it and when, when known. */
static void change_tag(hw *w, const char *tag, const wp_run *r)
{
	wp_buf_printf(w->b, "<%s", tag);
	if (r->author || r->date) {
		wp_buf *t = &w->scratch, who = {0};
		wp_buf_printf(&who, "%s %s", r->author ? r->author : "", r->date ? r->date : "");
		hw_collapse(t, who.data ? who.data : "");
		hw_attr(w, "title", t->data ? t->data : "");
		if (who.oom || t->oom)
			w->oom = 1;
		wp_buf_free(&who);
	}
	if (r->date)
		hw_attr(w, "datetime", r->date);
	wp_buf_putc(w->b, '>');
}

static void put_run(hw *w, const wp_run *r, int cell)
{
	wp_buf *b = w->b;
	size_t n = sizeof mb_styles / sizeof mb_styles[0];
	int link = 0;
	if (r->href) {
		wp_buf h = {0};
		hw_collapse(&h, r->href);
		if (h.oom)
			w->oom = 1;
		else if (safe_href(h.data)) {
			wp_buf_puts(b, "<a");
			hw_href(w, "href", h.data);
			wp_buf_putc(b, '>');
			link = 1;
		}
		wp_buf_free(&h);
	}
	for (size_t i = 0; i < n; i++) {
		unsigned bit = mb_styles[i].bit;
		if (!(r->style & bit))
			continue;
		if (bit == WP_STYLE_INS || bit == WP_STYLE_DEL)
			change_tag(w, open_tag(bit, 0), r);
		else
			wp_buf_printf(b, "<%s>", open_tag(bit, w->prof->u_is_insertion));
	}
	if (r->kind == WP_RUN_BREAK)
		wp_buf_puts(b, "<br>");
	else
		run_text(w, r, cell, r->href != NULL);
	for (size_t i = n; i-- > 0;)
		if (r->style & mb_styles[i].bit)
			wp_buf_printf(b, "</%s>", open_tag(mb_styles[i].bit, w->prof->u_is_insertion));
	if (link)
		wp_buf_puts(b, "</a>");
}

void hw_inline(hw *w, const wp_para *pa, int cell)
{
	for (size_t j = 0; j < pa->nruns; j++)
		put_run(w, &pa->runs[j], cell);
}

void hw_paras(hw *w, const wp_field *f, int cell)
{
	for (size_t i = 0; i < f->nparas; i++) {
		const wp_para *pa = &f->paras[i];
		if (pa->continued)
			wp_buf_puts(w->b, "<p class=\"continued\" title=\"Continued from the previous page of the original\">");
		else
			wp_buf_puts(w->b, "<p>");
		hw_inline(w, pa, cell);
		wp_buf_puts(w->b, "</p>");
	}
}

int hw_role_column(const wp_section *s, unsigned role)
{
	for (size_t c = 0; c < s->ncolumns; c++) {
		unsigned r = s->columns[c].roles;
		unsigned named = r & WP_ROLE_NUMBER ? WP_ROLE_NUMBER
			       : r & WP_ROLE_STATUS ? WP_ROLE_STATUS
			       : r & WP_ROLE_DATE   ? WP_ROLE_DATE
			       : r & WP_ROLE_MONTH  ? WP_ROLE_MONTH
						    : 0;
		if (named == role)
			return (int)c;
	}
	return -1;
}
