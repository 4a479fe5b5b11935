/* write_html.c: the HTML annex written straight from the model.
 *
 * templates/annex-html.xsl is the reference of this layout and the way to
 * customise it (--template); this writer gives its bytes, as libxslt and
 * libxml2's HTML serialiser write them, without building the annotated
 * XML, running the template and serialising its result (test_write_html
 * holds the two together on every sample, golden source, fuzz regression
 * and the seed). Where the serialiser or XPath decide a byte, the writer
 * does as they do, and says so: text escaped as the serialiser escapes a
 * text node, attribute values as it escapes and quotes them (links
 * URI-escaped by libxml2's own xmlURIEscapeStr), numbers formatted as
 * XPath formats them, lengths and substrings counted in characters. What
 * the annotated XML holds beyond the model (column widths, print lines,
 * status colours, footnote marks in cells) comes from annex.h, which the
 * XML writer uses too. */
#include "wpgen/wpgen.h"
#include "base/alloc.h"
#include "write/layout.h"
#include "model/assemble.h"
#include "base/util.h"

#include <libxml/uri.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What a section's rows say, worked out once: their tracked change, when
 * they fell overdue, the lines they print to; and the counts of the
 * status summary. */
typedef struct row_info {
	long lines;
} row_info;

typedef struct sec_info {
	row_info *rows;       /* one per activity */
	unsigned *widths;     /* one per column */
	size_t *chars;        /* each cell's characters (ax_column_widths) */
	int sk;               /* the status column, or -1 */
	int nk;               /* the number column, or -1 */
} sec_info;

typedef struct hw {
	wp_buf *b;
	const wp_programme *p;
	const wp_profile *prof;
	const wp_facts *f;
	int marks;   /* footnote marks in cells are links */
	sec_info *secs;
	wp_buf scratch; /* attribute values being built */
	int oom;
} hw;

/***** what the serialiser and XPath do *****/

/* A text node's content: &, < and > as entities; control characters
 * other than tab, newline and carriage return dropped. */
static void put_text(wp_buf *b, const char *s, size_t n)
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
		else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			e = "";
		else
			continue;
		wp_buf_put(b, s + from, i - from);
		wp_buf_puts(b, e);
		from = i + 1;
	}
	wp_buf_put(b, s + from, n - from);
}

static void put_texts(wp_buf *b, const char *s)
{
	if (s)
		put_text(b, s, strlen(s));
}

/* An attribute's value as the HTML serialiser encodes it: as text, but
 * an '&{' up to the next '}' and a '<!--' up to its '-->' are kept as
 * they are (HTML 4's script macros and server-side includes). */
static void encode_attr(wp_buf *b, const char *s)
{
	for (const char *c = s; *c;) {
		const char *end;
		if (c[0] == '&' && c[1] == '{' && (end = strchr(c, '}'))) {
			wp_buf_put(b, c, (size_t)(end + 1 - c));
			c = end + 1;
		} else if (c[0] == '<' && c[1] == '!' && c[2] == '-' && c[3] == '-' && (end = strstr(c, "-->"))) {
			wp_buf_put(b, c, (size_t)(end + 3 - c));
			c = end + 3;
		} else {
			put_text(b, c, 1);
			c++;
		}
	}
}

/* ' name="value"', quoted as the serialiser quotes: in single quotes when
 * the value holds a '"' and no "'", else in double quotes with '"' as
 * &quot;. uri: a link, whose leading blanks go and whose other bytes
 * are URI-escaped. */
static void put_attr_as(hw *w, const char *name, const char *value, int uri)
{
	wp_buf v = {0}, *b = w->b;
	if (!value)
		value = "";
	if (!uri) { /* most values need nothing done */
		const unsigned char *c = (const unsigned char *)value;
		while (*c >= 0x20 && *c != '&' && *c != '<' && *c != '>' && *c != '"')
			c++;
		if (!*c) {
			wp_buf_putc(b, ' ');
			wp_buf_puts(b, name);
			wp_buf_puts(b, "=\"");
			wp_buf_put(b, value, (size_t)((const char *)c - value));
			wp_buf_putc(b, '"');
			return;
		}
	}
	char *esc = NULL;
	encode_attr(&v, value ? value : "");
	wp_buf_putc(&v, '\0');
	if (v.oom) {
		w->oom = 1;
		wp_buf_free(&v);
		return;
	}
	const char *s = v.data;
	if (uri) { /* (the serialiser drops leading blanks first: a link's
		    * target here is normalized already) */
		esc = (char *)xmlURIEscapeStr((const xmlChar *)s, (const xmlChar *)"@/:=?;#%&,+<>");
		if (!esc)
			w->oom = 1;
		else
			s = esc;
	}
	wp_buf_printf(b, " %s=", name);
	if (strchr(s, '"') && !strchr(s, '\'')) {
		wp_buf_putc(b, '\'');
		wp_buf_puts(b, s);
		wp_buf_putc(b, '\'');
	} else {
		wp_buf_putc(b, '"');
		for (const char *c = s; *c; c++)
			if (*c == '"')
				wp_buf_puts(b, "&quot;");
			else
				wp_buf_putc(b, *c);
		wp_buf_putc(b, '"');
	}
	xmlFree(esc);
	wp_buf_free(&v);
}

static void put_attr(hw *w, const char *name, const char *value)
{
	put_attr_as(w, name, value, 0);
}

/* A number as XPath writes it (xmlXPathFormatNumber's rules): an integer
 * plainly, else fifteen significant digits without trailing zeros,
 * exponent notation outside [1e-5, 1e9]. */
static void fmt_num(char *out, size_t size, double x)
{
	if (isnan(x)) {
		snprintf(out, size, "NaN");
	} else if (isinf(x)) {
		snprintf(out, size, x > 0 ? "Infinity" : "-Infinity");
	} else if (x == 0) {
		snprintf(out, size, "0");
	} else if (x > -2147483648.0 && x < 2147483648.0 && x == (double)(int)x) {
		snprintf(out, size, "%d", (int)x);
	} else {
		double a = fabs(x);
		char work[64];
		int n;
		if (a > 1e9 || a < 1e-5) {
			n = snprintf(work, sizeof work, "%*.*e", 15 + 5 + 1, 15 - 1, x);
			while (n > 0 && work[n] != 'e')
				n--;
		} else {
			int ip = (int)log10(a), fp = ip > 0 ? 15 - ip - 1 : 15 - ip;
			n = snprintf(work, sizeof work, "%0.*f", fp, x);
		}
		/* trailing zeros of the fraction go (before an exponent too) */
		char *after = work + n, *q = after;
		while (*(--q) == '0')
			;
		if (*q != '.')
			q++;
		memmove(q, after, strlen(after) + 1);
		const char *s = work;
		while (*s == ' ')
			s++;
		snprintf(out, size, "%s", s);
	}
}

static void put_uint(wp_buf *b, size_t v)
{
	char d[24];
	size_t n = 0;
	do
		d[sizeof d - ++n] = (char)('0' + v % 10);
	while ((v /= 10) && n < sizeof d);
	wp_buf_put(b, d + sizeof d - n, n);
}

static void put_num(wp_buf *b, double x)
{
	char s[64];
	fmt_num(s, sizeof s, x);
	wp_buf_puts(b, s);
}

static void put_num_attr(hw *w, const char *name, double x)
{
	char s[64];
	fmt_num(s, sizeof s, x);
	put_attr(w, name, s);
}

/* Ends b's text with a NUL, not counted in its length. */
static void terminate(wp_buf *b)
{
	wp_buf_putc(b, '\0');
	if (!b->oom)
		b->len--;
}

static int xml_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* XPath's normalize-space, into b (emptied first). */
static void normalize(wp_buf *b, const char *s)
{
	int gap = 0;
	b->len = 0;
	for (; s && *s; s++) {
		if (xml_space(*s)) {
			gap = b->len > 0;
			continue;
		}
		if (gap)
			wp_buf_putc(b, ' ');
		gap = 0;
		wp_buf_putc(b, *s);
	}
	terminate(b);
}

/* XPath's substring(s, start, len) (positions from 1, rounded), into b. */
static void substr(wp_buf *b, const char *s, double start, double len)
{
	double from = floor(start + 0.5), to = from + floor(len + 0.5);
	double pos = 0;
	b->len = 0;
	for (const char *c = s; *c; c++) {
		if (((unsigned char)*c & 0xC0) != 0x80)
			pos++;
		if (pos >= from && pos < to)
			wp_buf_putc(b, *c);
	}
	terminate(b);
}

/* XPath's number(s): a decimal with optional sign, blanks around it; else
 * NaN. */
static double number(const char *s)
{
	const char *c = s;
	double v = 0, scale = 1;
	int neg = 0, digits = 0;
	while (xml_space(*c))
		c++;
	if (*c == '-') {
		neg = 1;
		c++;
	}
	for (; *c >= '0' && *c <= '9'; c++, digits++)
		v = v * 10 + (*c - '0');
	if (*c == '.')
		for (c++; *c >= '0' && *c <= '9'; c++, digits++)
			v += (*c - '0') * (scale /= 10);
	while (xml_space(*c))
		c++;
	if (*c || !digits)
		return NAN;
	return neg ? -v : v;
}

/* The text of a field as XPath's string() gives it: every run's text,
 * paragraphs run together. */
static void field_string(wp_buf *b, const wp_field *f)
{
	b->len = 0;
	for (size_t i = 0; i < f->nparas; i++)
		for (size_t j = 0; j < f->paras[i].nruns; j++)
			if (f->paras[i].runs[j].kind == WP_RUN_TEXT)
				wp_buf_put(b, f->paras[i].runs[j].text, f->paras[i].runs[j].len);
	terminate(b);
}

static void lower_ascii(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}


/***** inline content *****/

static void put_mark_link(hw *w, int mark, const char *text, size_t len)
{
	char id[48], title[48];
	snprintf(id, sizeof id, "#fn-%lu", (unsigned long)mark);
	snprintf(title, sizeof title, "See note %lu", (unsigned long)mark);
	wp_buf_puts(w->b, "<a class=\"fnref\"");
	put_attr_as(w, "href", id, 1);
	put_attr(w, "title", title);
	wp_buf_putc(w->b, '>');
	put_text(w->b, text, len);
	wp_buf_puts(w->b, "</a>");
}

/* A run's text; in a table cell (where marks are links), each footnote
 * mark as a link to its note, but inside a link. */
static void put_run_text(hw *w, const wp_run *r, int cell, int in_link)
{
	if (!cell || !w->marks || in_link) {
		put_text(w->b, r->text, r->len);
		return;
	}
	size_t from = 0, i = 0, s, e;
	int mark;
	while (ax_next_mark(w->p, r->text, r->len, &i, &s, &e, &mark)) {
		put_text(w->b, r->text + from, s - from);
		put_mark_link(w, mark, r->text + s, e - s);
		from = e;
	}
	put_text(w->b, r->text + from, r->len - from);
}

/* Whether a link's target is kept: http, https, mailto or relative. */
static int safe_href(const char *h)
{
	char *lower = wp_strdup(h);
	if (!lower)
		return -1;
	lower_ascii(lower);
	const char *colon = strchr(lower, ':');
	int ok = !strncmp(lower, "http:", 5) || !strncmp(lower, "https:", 6) || !strncmp(lower, "mailto:", 7) ||
		 !colon || strcspn(lower, "/?#") < (size_t)(colon - lower);
	wp_free(lower);
	return ok;
}

static void put_run(hw *w, const wp_run *r, int cell)
{
	wp_buf *b = w->b;
	size_t n = sizeof mb_styles / sizeof mb_styles[0];
	int link = 0;
	wp_buf h = {0};
	if (r->href) {
		normalize(&h, r->href);
		int ok = h.oom ? -1 : safe_href(h.data);
		if (ok < 0)
			w->oom = 1;
		if (ok > 0) {
			wp_buf_puts(b, "<a");
			put_attr_as(w, "href", h.data, 1);
			wp_buf_putc(b, '>');
			link = 1;
		}
	}
	for (size_t i = 0; i < n; i++) {
		unsigned bit = mb_styles[i].bit;
		if (!(r->style & bit))
			continue;
		if (bit == WP_STYLE_STRONG)
			wp_buf_puts(b, "<strong>");
		else if (bit == WP_STYLE_EM)
			wp_buf_puts(b, "<em>");
		else if (bit == WP_STYLE_U)
			wp_buf_puts(b, w->prof->u_is_insertion ? "<ins>" : "<u>");
		else if (bit == WP_STYLE_CODE)
			wp_buf_puts(b, "<code>");
		else {
			wp_buf_puts(b, bit == WP_STYLE_INS ? "<ins" : "<del");
			if (r->author || r->date) {
				wp_buf t = {0}, nt = {0};
				wp_buf_printf(&t, "%s %s", r->author ? r->author : "", r->date ? r->date : "");
				normalize(&nt, t.data ? t.data : "");
				if (t.oom || nt.oom)
					w->oom = 1;
				put_attr(w, "title", nt.data ? nt.data : "");
				wp_buf_free(&t);
				wp_buf_free(&nt);
			}
			if (r->date)
				put_attr(w, "datetime", r->date);
			wp_buf_putc(b, '>');
		}
	}
	if (r->kind == WP_RUN_BREAK)
		wp_buf_puts(b, "<br>");
	else
		put_run_text(w, r, cell, r->href != NULL);
	for (size_t i = n; i-- > 0;) {
		unsigned bit = mb_styles[i].bit;
		if (!(r->style & bit))
			continue;
		wp_buf_puts(b, bit == WP_STYLE_STRONG ? "</strong>"
			       : bit == WP_STYLE_EM ? "</em>"
			       : bit == WP_STYLE_U ? (w->prof->u_is_insertion ? "</ins>" : "</u>")
			       : bit == WP_STYLE_CODE ? "</code>"
			       : bit == WP_STYLE_INS ? "</ins>" : "</del>");
	}
	if (link)
		wp_buf_puts(b, "</a>");
	wp_buf_free(&h);
}

static void put_inline(hw *w, const wp_para *pa, int cell)
{
	for (size_t j = 0; j < pa->nruns; j++)
		put_run(w, &pa->runs[j], cell);
}

static void put_paras(hw *w, const wp_field *f, int cell)
{
	for (size_t i = 0; i < f->nparas; i++) {
		const wp_para *pa = &f->paras[i];
		if (pa->continued)
			wp_buf_puts(w->b, "<p class=\"continued\" title=\"Continued from the previous page of the original\">");
		else
			wp_buf_puts(w->b, "<p>");
		put_inline(w, pa, cell);
		wp_buf_puts(w->b, "</p>");
	}
}

/***** the document *****/

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
	"tbody.activities tr:nth-child(even) td{background:#fbfbfc}\n"
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
	"  body{margin:0;font-size:8.5pt}\n"
	"  th,td{padding:.2rem .25rem}\n"
	"  thead th{font-size:7.5pt}\n"
	"  *{print-color-adjust:exact;-webkit-print-color-adjust:exact}\n"
	"  thead{display:table-header-group}\n"
	"  tr{break-inside:avoid}\n"
	"  td p{orphans:3;widows:3}\n"
	"  h2{break-after:avoid}\n"
	"  .status-summary,.legend{break-inside:avoid}\n"
	"  .print-only{display:block}\n"
	"  .continued{font-size:.85em;font-style:italic;color:var(--muted);margin-bottom:.3em}\n"
	"  tbody.activities tr:nth-child(even) td{background:none}\n"
	"  a{color:inherit}\n"
	"}\n";

/* s inside a CSS string: \ " < > escaped (a title can close no style
 * element). Style text is written as it is. */
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
		else
			wp_buf_putc(b, *s);
	}
}

/* The title, or the running title: at most n characters of the title
 * when there is no running title. */
static void title_or_running(wp_buf *t, const wp_programme *p, const char *sep, size_t n)
{
	wp_buf raw = {0};
	if (p->running_title) {
		wp_buf_printf(&raw, "%s%s", p->running_title, sep);
	} else {
		wp_buf_puts(&raw, sep);
		wp_buf sub = {0};
		substr(&sub, p->title ? p->title : "", 1, (double)n);
		wp_buf_puts(&raw, sub.data ? sub.data : "");
		if (sub.oom)
			raw.oom = 1;
		wp_buf_free(&sub);
	}
	normalize(t, raw.data ? raw.data : "");
	if (raw.oom)
		t->oom = 1;
	wp_buf_free(&raw);
}

static int only(const char *s, const char *set)
{
	return s && strspn(s, set) == strlen(s);
}

static void put_head(hw *w)
{
	const wp_programme *p = w->p;
	wp_buf *b = w->b, t = {0};
	wp_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
		       "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\">"
		       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
		       "img-src data:; base-uri 'none'; form-action 'none'\">"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		       "<meta name=\"generator\" content=\"wpgen\"><title>");
	title_or_running(&t, p, " ", 200);
	put_text(b, t.data ? t.data : "", t.len);
	wp_buf_puts(b, "</title><style>");
	wp_buf_puts(b, css);
	/* every printed page: the reference, the running title, its number */
	wp_buf_puts(b, "@page{");
	if (p->annex_to) {
		normalize(&t, p->annex_to);
		wp_buf_puts(b, "@top-left{content:\"Annex to ");
		put_css_string(b, t.data ? t.data : "");
		wp_buf_puts(b, "\";font:8pt Arial,sans-serif;color:#5f6368}");
	}
	title_or_running(&t, p, "", 160);
	if (t.len) {
		wp_buf_puts(b, "@top-right{content:\"");
		put_css_string(b, t.data);
		wp_buf_puts(b, "\";font:8pt Arial,sans-serif;color:#5f6368}");
	}
	wp_buf_puts(b, "@bottom-center{content:\"Page \" counter(page) \" of \" counter(pages);font:8pt Arial,sans-serif;"
		       "color:#5f6368}}\n");
	for (size_t i = 0; i < w->prof->ncolours; i++) {
		const wp_profile_colour *c = &w->prof->colours[i];
		/* only plain colour names and hex values reach the style sheet */
		if (only(c->name ? c->name : "", "abcdefghijklmnopqrstuvwxyz") &&
		    only(c->css ? c->css : "", "#0123456789abcdefABCDEF"))
			wp_buf_printf(b, ".c-%s .swatch{background:%s}td.c-%s{box-shadow:inset 4px 0 0 %s}\n", c->name ? c->name : "",
				      c->css ? c->css : "", c->name ? c->name : "", c->css ? c->css : "");
	}
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
		put_texts(b, p->annex_to);
		wp_buf_puts(b, "</p>");
	}
	wp_buf_puts(b, "<h1>");
	put_texts(b, p->title);
	wp_buf_puts(b, "</h1>");
	if (p->running_title) {
		wp_buf_puts(b, "<p class=\"running-title\">");
		put_texts(b, p->running_title);
		wp_buf_puts(b, "</p>");
	}
	if (p->session) {
		wp_buf_puts(b, "<p class=\"session\">For the ");
		put_texts(b, p->session);
		wp_buf_puts(b, "</p>");
	}
	if (p->period_start || p->as_of) {
		wp_buf_puts(b, "<p class=\"period\">");
		if (p->period_start)
			wp_buf_printf(b, "Programme period %lu–%lu", (unsigned long)p->period_start, (unsigned long)p->period_end);
		if (p->period_start && p->as_of)
			wp_buf_puts(b, " · ");
		if (p->as_of) {
			wp_buf_puts(b, "Progress as of ");
			put_texts(b, p->as_of);
		}
		wp_buf_puts(b, "</p>");
	}
	wp_buf_puts(b, "</header>");
}

/* The first column with a role (as the XML names roles: number before
 * status), or -1. */
static int role_column(const wp_section *s, unsigned role)
{
	for (size_t c = 0; c < s->ncolumns; c++) {
		unsigned r = s->columns[c].roles;
		unsigned named = r & WP_ROLE_NUMBER ? WP_ROLE_NUMBER
			       : r & WP_ROLE_STATUS ? WP_ROLE_STATUS
			       : r & WP_ROLE_DATE ? WP_ROLE_DATE
			       : r & WP_ROLE_MONTH ? WP_ROLE_MONTH : 0;
		if (named == role)
			return (int)c;
	}
	return -1;
}

/* The colour of a row's cell (NULL when none): a status cell's, as the
 * facts have it. */
static const wp_profile_colour *cell_colour(const wp_section *s, const wp_row_facts *rf, size_t c)
{
	return rf && (s->columns[c].roles & WP_ROLE_STATUS) ? rf->colour : NULL;
}

/* Works out each section's widths and rows' printed lines (see sec_info). */
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
		sec_info *si = &w->secs[k];
		si->sk = role_column(s, WP_ROLE_STATUS);
		si->nk = role_column(s, WP_ROLE_NUMBER);
		si->rows = wp_malloc((s->nactivities ? s->nactivities : 1) * sizeof *si->rows);
		si->widths = wp_malloc((s->ncolumns ? s->ncolumns : 1) * sizeof *si->widths);
		si->chars = wp_malloc(((s->nactivities + s->nexamples) * s->ncolumns + 1) * sizeof *si->chars);
		if (!si->rows || !si->widths || !si->chars || (s->ncolumns && !ax_column_widths(s, si->widths, si->chars))) {
			w->oom = 1;
			break;
		}
		for (size_t i = 0; i < s->nactivities; i++)
			si->rows[i].lines = s->ncolumns ? ax_print_lines(s, &s->activities[i], si->chars + i * s->ncolumns, si->widths) : 0;
	}
}

static void sections_free(hw *w)
{
	for (size_t k = 0; w->secs && k < w->p->nsections; k++) {
		wp_free(w->secs[k].rows);
		wp_free(w->secs[k].widths);
		wp_free(w->secs[k].chars);
	}
	wp_free(w->secs);
}

static const char *meaning(const wp_profile_colour *c)
{
	return c->meaning ? c->meaning : "";
}

static void put_bar(hw *w, const wp_count *si, size_t n)
{
	wp_buf *b = w->b;
	const wp_profile *prof = w->prof;
	size_t none = si->none, before = 0;
	wp_buf_puts(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"160\" height=\"12\" viewBox=\"0 0 160 12\" "
		       "preserveAspectRatio=\"none\" role=\"img\" class=\"bar\"><title>");
	for (size_t i = 0; i < prof->ncolours; i++) {
		wp_buf_printf(b, "%zu ", si->by_colour[i]);
		put_texts(b, meaning(&prof->colours[i]));
		wp_buf_puts(b, "; ");
	}
	wp_buf_printf(b, "%zu without a colour</title>", none);
	for (size_t i = 0; i < prof->ncolours; i++) {
		const wp_profile_colour *c = &prof->colours[i];
		size_t k = si->by_colour[i];
		before += i ? si->by_colour[i - 1] : 0;
		if (!k)
			continue;
		wp_buf_puts(b, "<rect");
		put_num_attr(w, "x", 160.0 * (double)before / (double)n);
		put_attr(w, "y", "0");
		put_num_attr(w, "width", 160.0 * (double)k / (double)n);
		put_attr(w, "height", "12");
		wp_buf t = {0};
		wp_buf_printf(&t, "c-%s", c->name);
		put_attr(w, "class", t.data ? t.data : "");
		t.len = 0;
		if (only(c->css ? c->css : "", "#0123456789abcdefABCDEF"))
			substr(&t, c->css ? c->css : "", 1, 7);
		put_attr(w, "fill", t.data && t.len ? t.data : "");
		if (t.oom)
			w->oom = 1;
		wp_buf_free(&t);
		wp_buf_printf(b, "><title>%zu ", k);
		put_texts(b, meaning(c));
		wp_buf_puts(b, "</title></rect>");
	}
	if (none) {
		wp_buf_puts(b, "<rect");
		put_num_attr(w, "x", 160.0 * (double)(n - none) / (double)n);
		put_attr(w, "y", "0");
		put_num_attr(w, "width", 160.0 * (double)none / (double)n);
		wp_buf_printf(b, " height=\"12\" fill=\"#d0d3d8\"><title>%zu without a colour</title></rect>", none);
	}
	wp_buf_puts(b, "</svg>");
}

static void put_status_summary(hw *w)
{
	const wp_programme *p = w->p;
	const wp_profile *prof = w->prof;
	wp_buf *b = w->b;
	wp_buf_puts(b, "<section class=\"status-summary\"><h2>Where things stand");
	if (p->as_of) {
		wp_buf_puts(b, " at ");
		put_texts(b, p->as_of);
	}
	wp_buf_puts(b, "</h2><table class=\"status\"><thead><tr><th scope=\"col\">Section</th><th scope=\"col\" class=\"n\">Activities</th>");
	for (size_t i = 0; i < prof->ncolours; i++) {
		wp_buf t = {0};
		wp_buf_printf(&t, "n c-%s", prof->colours[i].name);
		wp_buf_puts(b, "<th scope=\"col\"");
		put_attr(w, "class", t.data ? t.data : "");
		wp_buf_puts(b, "><span class=\"swatch\" aria-hidden=\"true\"></span>");
		put_texts(b, meaning(&prof->colours[i]));
		wp_buf_puts(b, "</th>");
		if (t.oom)
			w->oom = 1;
		wp_buf_free(&t);
	}
	wp_buf_puts(b, "<th scope=\"col\" class=\"n\">No colour</th>");
	if (p->as_of)
		wp_buf_puts(b, "<th scope=\"col\" class=\"n\">Overdue</th>");
	wp_buf_puts(b, "<th scope=\"col\" class=\"bar-col\">Share</th></tr></thead><tbody>");
	for (size_t k = 0; k < p->nsections; k++) {
		const wp_section *s = &p->sections[k];
		if (!s->nactivities)
			continue;
		const wp_count *si = &w->f->sections[k].count;
		size_t n = si->activities;
		int sk = si->has_status ? 0 : -1;
		wp_buf_puts(b, "<tr><th scope=\"row\">");
		if (s->numeral) {
			put_texts(b, s->numeral);
			wp_buf_puts(b, ". ");
		}
		put_texts(b, s->title);
		wp_buf_printf(b, "</th><td class=\"n\">%zu</td>", n);
		for (size_t i = 0; i < prof->ncolours; i++)
			if (sk >= 0)
				wp_buf_printf(b, "<td class=\"n\">%zu</td>", si->by_colour[i]);
			else
				wp_buf_puts(b, "<td class=\"n\">–</td>");
		if (sk >= 0)
			wp_buf_printf(b, "<td class=\"n\">%zu</td>", si->none);
		else
			wp_buf_puts(b, "<td class=\"n\">no status column</td>");
		if (p->as_of)
			wp_buf_printf(b, "<td class=\"n\">%zu</td>", si->overdue);
		wp_buf_puts(b, "<td class=\"bar-col\">");
		if (sk >= 0 && n > 0)
			put_bar(w, si, n);
		wp_buf_puts(b, "</td></tr>");
	}
	wp_buf_puts(b, "</tbody></table></section>");
}

static void put_legend(hw *w)
{
	wp_buf *b = w->b;
	const wp_profile *prof = w->prof;
	int marks = w->f->any_change;
	if (!prof->ncolours && !marks)
		return;
	wp_buf_puts(b, "<p class=\"legend\">");
	for (size_t i = 0; i < prof->ncolours; i++) {
		wp_buf t = {0};
		wp_buf_printf(&t, "key c-%s", prof->colours[i].name);
		wp_buf_puts(b, "<span");
		put_attr(w, "class", t.data ? t.data : "");
		wp_buf_puts(b, "><span class=\"swatch\" aria-hidden=\"true\"></span>");
		put_texts(b, prof->colours[i].name);
		wp_buf_puts(b, ": ");
		put_texts(b, meaning(&prof->colours[i]));
		wp_buf_puts(b, "</span>");
		if (t.oom)
			w->oom = 1;
		wp_buf_free(&t);
	}
	if (marks)
		wp_buf_puts(b, "<span class=\"key\"><ins>inserted</ins></span><span class=\"key\"><del>deleted</del></span>"
			       "<span class=\"key\"><span class=\"bar-key\" aria-hidden=\"true\"></span>row with a change</span>");
	if (w->p->as_of && w->f->total.overdue) {
		wp_buf_puts(b, "<span class=\"key\"><span class=\"badge overdue\">Overdue</span> the timeline ended before ");
		put_texts(b, w->p->as_of);
		wp_buf_puts(b, "</span>");
	}
	wp_buf_puts(b, "</p>");
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

/* A cell. row: the activity, or NULL in the guidance row; long: the row
 * runs over a page; colours: the cell may have a status colour. */
static void put_cell(hw *w, const wp_section *s, int nc, const wp_row_facts *rf, const wp_field *f, size_t c, int long_row,
		     const char *overdue)
{
	wp_buf *b = w->b;
	const char *key = s->columns[c].key;
	int is_number = nc >= 0 && strcmp(key, s->columns[nc].key) == 0;
	const wp_profile_colour *col = cell_colour(s, rf, c);
	wp_buf *t = &w->scratch;
	t->len = 0;
	wp_buf_puts(t, "k-");
	wp_buf_puts(t, key);
	if (col) {
		wp_buf_puts(t, " status c-");
		wp_buf_puts(t, col->name);
	}
	wp_buf_puts(b, "<td");
	put_attr(w, "class", t->data ? t->data : "");
	wp_buf_putc(b, '>');
	if (long_row && is_number)
		wp_buf_puts(b, "<span class=\"print-only continued\">(this row runs over more than one page; continued overleaf)</span>");
	if (overdue && is_number) {
		t->len = 0;
		wp_buf_printf(t, "The timeline ended by %s; the activity is not marked done at %s", overdue, w->p->as_of);
		wp_buf_puts(b, "<span class=\"badge overdue\"");
		put_attr(w, "title", t->data ? t->data : "");
		wp_buf_puts(b, ">Overdue</span>");
	}
	if (col)
		wp_buf_puts(b, "<span class=\"swatch\" aria-hidden=\"true\"></span>");
	put_paras(w, f, 1);
	if (col && col->meaning) {
		wp_buf m = {0};
		field_string(t, f);
		wp_buf_puts(&m, col->meaning);
		if (t->data && m.data) {
			lower_ascii(t->data);
			lower_ascii(m.data);
			if (!strstr(t->data, m.data)) {
				wp_buf_puts(b, "<span class=\"meaning\">");
				put_texts(b, col->meaning);
				wp_buf_puts(b, "</span>");
			}
		} else if (!m.data && !*col->meaning) {
			/* (contains(x, '') is true) */
		} else {
			w->oom = 1;
		}
		wp_buf_free(&m);
	}
	if (t->oom)
		w->oom = 1;
	wp_buf_puts(b, "</td>");
}

static void put_timeline(hw *w, const wp_section *s, size_t k);

static void put_section(hw *w, const wp_section *s, size_t k)
{
	wp_buf *b = w->b;
	wp_buf t = {0};
	wp_buf_printf(&t, "programme-section kind-%s", s->kind ? s->kind : "");
	wp_buf_puts(b, "<section");
	put_attr(w, "class", t.data ? t.data : "");
	wp_buf_putc(b, '>');
	if (s->title || s->numeral) {
		wp_buf_puts(b, "<h2>");
		if (s->numeral) {
			put_texts(b, s->numeral);
			wp_buf_puts(b, ". ");
		}
		put_texts(b, s->title);
		wp_buf_puts(b, "</h2>");
	}
	if (s->intro.nparas) {
		wp_buf_puts(b, "<div class=\"intro\">");
		put_paras(w, &s->intro, 0);
		wp_buf_puts(b, "</div>");
	}
	if (s->ncolumns) {
		const sec_info *si = &w->secs[k];
		const unsigned *widths = si->widths;
		wp_buf_puts(b, "<table class=\"sized\"><colgroup>");
		for (size_t c = 0; c < s->ncolumns; c++) {
			t.len = 0;
			wp_buf_printf(&t, "k-%s", s->columns[c].key);
			wp_buf_puts(b, "<col");
			put_attr(w, "class", t.data ? t.data : "");
			t.len = 0;
			wp_buf_printf(&t, "width:%u%%", widths[c]);
			put_attr(w, "style", t.data ? t.data : "");
			wp_buf_putc(b, '>');
		}
		wp_buf_puts(b, "</colgroup><thead><tr>");
		for (size_t c = 0; c < s->ncolumns; c++) {
			const wp_column *col = &s->columns[c];
			t.len = 0;
			wp_buf_printf(&t, "k-%s", col->key);
			wp_buf_puts(b, "<th scope=\"col\"");
			put_attr(w, "class", t.data ? t.data : "");
			wp_buf_putc(b, '>');
			put_texts(b, col->header);
			if (col->mark) {
				int has = 0;
				for (size_t i = 0; i < w->p->nfootnotes && !has; i++)
					has = (unsigned long)w->p->footnotes[i].mark == (unsigned long)col->mark;
				wp_buf_putc(b, ' ');
				if (has) {
					wp_buf sup = {0};
					wp_buf_superscript(&sup, (unsigned long)col->mark);
					put_mark_link(w, col->mark, sup.data ? sup.data : "", sup.len);
					if (sup.oom)
						w->oom = 1;
					wp_buf_free(&sup);
				} else {
					wp_buf_superscript(b, (unsigned long)col->mark);
				}
			}
			wp_buf_puts(b, "</th>");
		}
		wp_buf_puts(b, "</tr></thead>");
		if (s->guidance) {
			wp_buf_puts(b, "<tbody class=\"guidance\"><tr>");
			for (size_t c = 0; c < s->ncolumns; c++)
				put_cell(w, s, si->nk, NULL, &s->guidance[c], c, 0, NULL);
			wp_buf_puts(b, "</tr></tbody>");
		}
		if (s->nexamples) {
			wp_buf_printf(b, "<tbody class=\"examples\"><tr class=\"label\"><th colspan=\"%zu\" scope=\"rowgroup\">"
				      "Example, not an activity of the programme</th></tr>", s->ncolumns);
			for (size_t i = 0; i < s->nexamples; i++) {
				wp_buf_puts(b, "<tr");
				const wp_row_facts *ex = wp_facts_example(w->f, k, i);
				put_change_class(w, ex->change, ex->marked, 1);
				wp_buf_putc(b, '>');
				for (size_t c = 0; c < s->ncolumns; c++)
					put_cell(w, s, si->nk, ex, &s->examples[i].fields[c], c, 0, NULL);
				wp_buf_puts(b, "</tr>");
			}
			wp_buf_puts(b, "</tbody>");
		}
		wp_buf_puts(b, "<tbody class=\"activities\">");
		for (size_t i = 0; i < s->nactivities; i++) {
			const wp_activity *a = &s->activities[i];
			const row_info *r = &si->rows[i];
			const wp_row_facts *rf = wp_facts_row(w->f, k, i);
			wp_buf_puts(b, "<tr id=\"s");
			put_uint(b, k + 1);
			wp_buf_puts(b, "-a");
			put_uint(b, i + 1);
			wp_buf_putc(b, '"');
			put_change_class(w, rf->change, rf->marked, 0);
			wp_buf_putc(b, '>');
			for (size_t c = 0; c < s->ncolumns; c++)
				put_cell(w, s, si->nk, rf, &a->fields[c], c, r->lines > AX_PAGE_LINES, rf->overdue ? rf->ended : NULL);
			wp_buf_puts(b, "</tr>");
		}
		wp_buf_puts(b, "</tbody></table>");
	}
	if (role_column(s, WP_ROLE_DATE) >= 0)
		put_timeline(w, s, k);
	if (s->notes.nparas) {
		wp_buf_puts(b, "<div class=\"notes\">");
		put_paras(w, &s->notes, 0);
		wp_buf_puts(b, "</div>");
	}
	if (s->reported) {
		wp_buf_puts(b, "<div class=\"report\"><h3>Progress reported</h3>");
		put_paras(w, &s->report, 0);
		if (!s->report.nparas)
			wp_buf_puts(b, "<p class=\"none\">Nothing reported on this area.</p>");
		wp_buf_puts(b, "</div>");
	} else if (w->p->plan) {
		wp_buf_puts(b, "<div class=\"report missing\"><h3>Progress reported</h3><p class=\"none\">The report does not "
			       "cover this area.</p></div>");
	}
	wp_buf_puts(b, "</section>");
	if (t.oom)
		w->oom = 1;
	wp_buf_free(&t);
}

/***** the schedule's timeline *****/

#define TL_LEFT 300.0
#define TL_WIDTH 660.0
#define TL_ROW 20.0

/* A due date "dd/mm/yyyy" whose month and year are known: ten characters,
 * of which the last seven are six digits and a '/'. */
static int dated(const char *d)
{
	size_t n = strlen(d);
	if (wp_utf8_count(d, n) != 10)
		return 0;
	wp_buf t = {0};
	substr(&t, d, 4, INFINITY);
	int slashes = 0, other = 0;
	for (size_t i = 0; i < t.len; i++)
		if (t.data[i] == '/')
			slashes++;
		else if (t.data[i] < '0' || t.data[i] > '9')
			other = 1;
	wp_buf_free(&t);
	return slashes == 1 && !other;
}

/* substring(d, from, len) as a number. */
static double num_at(const char *d, double from, double len)
{
	wp_buf t = {0};
	substr(&t, d, from, len);
	double v = number(t.data ? t.data : "");
	wp_buf_free(&t);
	return v;
}

static double month_of(const char *d)
{
	return num_at(d, 7, 4) * 12 + num_at(d, 4, 2);
}

static void put_timeline(hw *w, const wp_section *s, size_t k)
{
	(void)k;
	wp_buf *b = w->b;
	int dk = role_column(s, WP_ROLE_DATE), nk = role_column(s, WP_ROLE_NUMBER), tk = -1;
	for (size_t c = 0; c < s->ncolumns && tk < 0; c++)
		if (!(s->columns[c].roles & (WP_ROLE_NUMBER | WP_ROLE_STATUS | WP_ROLE_DATE | WP_ROLE_MONTH)))
			tk = (int)c;
	wp_buf d = {0}, raw = {0};
	/* the first month (minus one) and the last, as the template sorts them:
	 * a month that is no number sorts first */
	double first = INFINITY, last = -INFINITY;
	int any = 0, nan_first = 0, all_nan = 1;
	for (size_t i = 0; i < s->nactivities; i++)
		for (size_t c = 0; c < s->ncolumns; c++) {
			if (strcmp(s->columns[c].key, s->columns[dk].key) != 0)
				continue;
			field_string(&raw, &s->activities[i].fields[c]);
			normalize(&d, raw.data ? raw.data : "");
			if (!d.data || !dated(d.data))
				continue;
			any = 1;
			double m = month_of(d.data);
			if (isnan(m)) {
				nan_first = 1;
				continue;
			}
			all_nan = 0;
			first = m < first ? m : first;
			last = m > last ? m : last;
		}
	if (!any) {
		wp_buf_free(&d);
		wp_buf_free(&raw);
		return;
	}
	/* (the template keeps each as text, and reads it back) */
	first = nan_first ? NAN : first - 1;
	last = all_nan ? NAN : last;
	double nm = last - first, mw = TL_WIDTH / nm;
	size_t rows = s->nactivities;
	double h = 34 + (double)rows * TL_ROW + 8;
	wp_buf_puts(b, "<figure class=\"timeline\"><svg xmlns=\"http://www.w3.org/2000/svg\"");
	put_num_attr(w, "width", TL_LEFT + TL_WIDTH + 10);
	put_num_attr(w, "height", h);
	wp_buf t = {0};
	wp_buf_puts(&t, "0 0 ");
	put_num(&t, TL_LEFT + TL_WIDTH + 10);
	wp_buf_putc(&t, ' ');
	put_num(&t, h);
	put_attr(w, "viewBox", t.data ? t.data : "");
	wp_buf_puts(b, " role=\"img\"><title>Schedule: ");
	put_num(b, (double)rows);
	wp_buf_puts(b, " tasks, ");
	put_num(b, nm);
	wp_buf_puts(b, " months</title>");
	/* month bands and labels: as many as the template finds elements to
	 * walk over */
	size_t elements = ax_element_count(w->p, w->prof);
	for (size_t i = 0; (double)i < nm && i < elements; i++) {
		double abs_ = first + (double)i, mo = fmod(abs_, 12) + 1;
		wp_buf_puts(b, "<rect");
		put_num_attr(w, "x", TL_LEFT + (double)i * mw);
		put_attr(w, "y", "22");
		put_num_attr(w, "width", mw);
		put_num_attr(w, "height", h - 30);
		put_attr(w, "fill", i % 2 ? "#ffffff" : "#f4f6f9");
		wp_buf_puts(b, "></rect><text");
		put_num_attr(w, "x", TL_LEFT + (double)i * mw + mw / 2);
		wp_buf_puts(b, " y=\"16\" text-anchor=\"middle\" font-size=\"10\" fill=\"#5f6368\">");
		substr(&t, "JanFebMarAprMayJunJulAugSepOctNovDec", 3 * mo - 2, 3);
		put_texts(b, t.data);
		if (mo == 1 || i == 0) {
			wp_buf_putc(b, ' ');
			put_num(b, floor(abs_ / 12));
		}
		wp_buf_puts(b, "</text>");
	}
	/* one row a task */
	for (size_t i = 0; i < rows; i++) {
		const wp_activity *a = &s->activities[i];
		double y = 34 + (double)i * TL_ROW;
		field_string(&raw, &a->fields[dk]);
		normalize(&d, raw.data ? raw.data : "");
		wp_buf lab = {0}, l = {0};
		if (nk >= 0)
			field_string(&raw, &a->fields[nk]);
		wp_buf_put(&lab, nk >= 0 && raw.data ? raw.data : "", nk >= 0 ? raw.len : 0);
		wp_buf_putc(&lab, ' ');
		if (tk >= 0) {
			field_string(&raw, &a->fields[tk]);
			wp_buf_put(&lab, raw.data ? raw.data : "", raw.len);
		}
		wp_buf_putc(&lab, '\0');
		normalize(&l, lab.data ? lab.data : "");
		const char *label = l.data ? l.data : "";
		wp_buf_puts(b, "<line");
		put_num_attr(w, "x1", TL_LEFT);
		put_num_attr(w, "x2", TL_LEFT + TL_WIDTH);
		put_num_attr(w, "y1", y + 6);
		put_num_attr(w, "y2", y + 6);
		wp_buf_puts(b, " stroke=\"#e3e6ea\"></line><text");
		put_num_attr(w, "x", TL_LEFT - 6);
		put_num_attr(w, "y", y + 10);
		wp_buf_puts(b, " text-anchor=\"end\" font-size=\"11\" fill=\"#1a1a1a\">");
		if (wp_utf8_count(label, strlen(label)) > 48) {
			substr(&t, label, 1, 47);
			put_texts(b, t.data);
			wp_buf_puts(b, "…");
		} else {
			put_texts(b, label);
		}
		wp_buf_puts(b, "</text>");
		const char *dd = d.data ? d.data : "";
		if (dated(dd)) {
			double m = month_of(dd) - 1 - first;
			wp_buf day = {0}, tt = {0};
			substr(&day, dd, 1, 2);
			int known = only(day.data ? day.data : "", "0123456789");
			double x = known ? TL_LEFT + (m + (number(day.data ? day.data : "") - 1) / 31) * mw : TL_LEFT + (m + 0.5) * mw;
			wp_buf_puts(&tt, "M");
			put_num(&tt, x);
			wp_buf_putc(&tt, ' ');
			put_num(&tt, y);
			wp_buf_puts(&tt, " l6 6 l-6 6 l-6 -6 z");
			wp_buf_puts(b, "<path");
			put_attr(w, "d", tt.data ? tt.data : "");
			if (known)
				wp_buf_puts(b, " fill=\"#1565c0\"><title>");
			else
				wp_buf_puts(b, " fill=\"#ffffff\" stroke=\"#b26a00\" stroke-width=\"1.5\"><title>");
			put_texts(b, label);
			wp_buf_puts(b, ": due ");
			put_texts(b, dd);
			if (!known)
				wp_buf_puts(b, " (day to be fixed)");
			wp_buf_puts(b, "</title></path>");
			if (day.oom || tt.oom)
				w->oom = 1;
			wp_buf_free(&day);
			wp_buf_free(&tt);
		}
		if (lab.oom || l.oom)
			w->oom = 1;
		wp_buf_free(&lab);
		wp_buf_free(&l);
	}
	/* the as-of date */
	normalize(&d, w->p->as_of ? w->p->as_of : "");
	const char *asof = d.data ? d.data : "";
	if (wp_utf8_count(asof, strlen(asof)) == 10) {
		double am = num_at(asof, 1, 4) * 12 + num_at(asof, 6, 2) - 1 - first + (num_at(asof, 9, 2) - 1) / 31;
		if (am >= 0 && am <= nm) {
			wp_buf_puts(b, "<line");
			put_num_attr(w, "x1", TL_LEFT + am * mw);
			put_num_attr(w, "x2", TL_LEFT + am * mw);
			put_attr(w, "y1", "22");
			put_num_attr(w, "y2", h - 8);
			wp_buf_puts(b, " stroke=\"#c62828\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"></line><text");
			put_num_attr(w, "x", TL_LEFT + am * mw + 3);
			put_num_attr(w, "y", h - 2);
			wp_buf_puts(b, " font-size=\"10\" fill=\"#c62828\">as of ");
			put_texts(b, asof);
			wp_buf_puts(b, "</text>");
		}
	}
	wp_buf_puts(b, "</svg><figcaption>Due dates of the ");
	put_num(b, (double)rows);
	wp_buf_puts(b, " tasks: a filled mark on the day, a hollow one in the month when the day is still to be fixed; the "
		       "dashed line is the as-of date.</figcaption></figure>");
	if (d.oom || raw.oom || t.oom)
		w->oom = 1;
	wp_buf_free(&d);
	wp_buf_free(&raw);
	wp_buf_free(&t);
}

static void put_footnotes(hw *w)
{
	const wp_programme *p = w->p;
	wp_buf *b = w->b;
	if (!p->nfootnotes)
		return;
	wp_buf_puts(b, "<section class=\"footnotes\"><h2>Notes</h2>");
	for (size_t i = 0; i < p->nfootnotes; i++) {
		const wp_footnote *f = &p->footnotes[i];
		size_t again = 0;
		for (size_t k = 0; k < i; k++)
			again += (unsigned long)p->footnotes[k].mark == (unsigned long)f->mark;
		/* a mark defined twice keeps ids unique: fn-1, fn-1-2 */
		char id[64];
		if (again)
			snprintf(id, sizeof id, "fn-%lu-%zu", (unsigned long)f->mark, again + 1);
		else
			snprintf(id, sizeof id, "fn-%lu", (unsigned long)f->mark);
		wp_buf_puts(b, "<p class=\"footnote\"");
		put_attr(w, "id", id);
		wp_buf_printf(b, "><sup>%lu</sup> ", (unsigned long)f->mark);
		for (size_t k = 0; k < f->text.nparas; k++) {
			if (k)
				wp_buf_puts(b, "<br>");
			put_inline(w, &f->text.paras[k], 0);
		}
		wp_buf_puts(b, "</p>");
	}
	wp_buf_puts(b, "</section>");
}

static int any_status_column(const wp_programme *p)
{
	int status = 0, activity = 0;
	for (size_t k = 0; k < p->nsections; k++) {
		status |= role_column(&p->sections[k], WP_ROLE_STATUS) >= 0;
		activity |= p->sections[k].nactivities > 0;
	}
	return status && activity;
}

int wp_write_html(char **out, size_t *len, const wp_programme *p, const wp_profile *profile, const wp_facts *facts)
{
	wp_buf b = {0};
	wp_facts *own = NULL;
	hw w = {.b = &b, .p = p, .prof = profile, .f = facts, .marks = ax_cell_marks(p, profile)};

	*out = NULL;
	*len = 0;
	if (!facts && wp_facts_new(&own, p, profile, WP_CHANGES_SHOW, p->as_of) != WP_OK)
		return WP_ENOMEM;
	if (!facts)
		w.f = own;
	sections_info(&w);
	if (w.oom) {
		sections_free(&w);
		wp_facts_free(own);
		return WP_ENOMEM;
	}
	put_head(&w);
	wp_buf_puts(&b, "<body>");
	put_title_block(&w);
	if (p->preamble.nparas) {
		wp_buf_puts(&b, "<div class=\"preamble\">");
		put_paras(&w, &p->preamble, 0);
		wp_buf_puts(&b, "</div>");
	}
	if (profile->ncolours && any_status_column(p))
		put_status_summary(&w);
	put_legend(&w);
	for (size_t k = 0; k < p->nsections && !w.oom; k++)
		put_section(&w, &p->sections[k], k);
	if (p->report.nparas) {
		wp_buf_puts(&b, "<section class=\"other-report\"><h2>Progress reported under no area of the plan</h2>"
				"<div class=\"report\">");
		put_paras(&w, &p->report, 0);
		wp_buf_puts(&b, "</div></section>");
	}
	put_footnotes(&w);
	wp_buf_puts(&b, "</body></html>\n");
	sections_free(&w);
	wp_facts_free(own);
	wp_buf_free(&w.scratch);
	if (w.oom) {
		wp_buf_free(&b);
		return WP_ENOMEM;
	}
	*out = wp_buf_detach(&b, len);
	return *out ? WP_OK : WP_ENOMEM;
}
