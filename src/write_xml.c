/* write_xml.c: the canonical XML of the model, built with libxml2's tree
 * API (so escaping is libxml2's job, not ours). Every template renders
 * from this document; its shape is documented in the README. */
#include "wpgen/wpgen.h"
#include "alloc.h"
#include "annex.h"
#include "builder.h"
#include "util.h"

#include <libxml/tree.h>
#include <stdio.h>
#include <math.h>
#include <string.h>

typedef struct writer {
	xmlDocPtr doc;
	xmlNsPtr ns;
	const wp_profile *prof;
	const wp_programme *p;
	int source; /* WP_XML_SOURCE: content only */
	int cell_marks; /* annotated, and the profile lets footnote marks stand in cells */
	int in_field;   /* writing a field's paragraphs */
	int oom;
} writer;

static xmlNodePtr elem(writer *w, xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr n = xmlNewDocNode(w->doc, w->ns, BAD_CAST name, NULL);
	if (!n) {
		w->oom = 1;
		return NULL;
	}
	if (text) {
		xmlNodePtr t = xmlNewDocText(w->doc, BAD_CAST text);
		if (!t || !xmlAddChild(n, t)) {
			xmlFreeNode(t);
			w->oom = 1;
		}
	}
	if (parent && !xmlAddChild(parent, n)) {
		xmlFreeNode(n);
		w->oom = 1;
		return NULL;
	}
	return n;
}

static void attr(writer *w, xmlNodePtr n, const char *name, const char *value)
{
	if (n && value && !xmlNewProp(n, BAD_CAST name, BAD_CAST value))
		w->oom = 1;
}

static void attr_uint(writer *w, xmlNodePtr n, const char *name, unsigned long v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lu", v);
	attr(w, n, name, buf);
}

static void pos_attrs(writer *w, xmlNodePtr n, wp_pos pos)
{
	if (pos.line && !w->source) {
		attr_uint(w, n, "line", pos.line);
		attr_uint(w, n, "col", pos.col);
	}
}


static void add_text(writer *w, xmlNodePtr at, const char *text, size_t len)
{
	xmlNodePtr t = xmlNewDocTextLen(w->doc, BAD_CAST text, (int)len);
	if (!t || !xmlAddChild(at, t)) {
		xmlFreeNode(t);
		w->oom = 1;
	}
}

int ax_next_mark(const wp_programme *p, const char *text, size_t len, size_t *i, size_t *start, size_t *end, int *mark)
{
	while (*i < len) {
		size_t l = 0;
		int m = -1;
		/* superscripts start with 0xC2 or 0xE2: skip the rest quickly */
		if ((unsigned char)text[*i] == 0xC2 || (unsigned char)text[*i] == 0xE2)
			m = wp_superscript_number(text + *i, len - *i, &l);
		if (!l) {
			(*i)++;
			continue;
		}
		int known = 0;
		for (size_t k = 0; k < p->nfootnotes && !known; k++)
			known = p->footnotes[k].mark == m;
		*start = *i;
		*i += l;
		if (known && m > 0) {
			*end = *i;
			*mark = m;
			return 1;
		}
	}
	return 0;
}

int ax_cell_marks(const wp_programme *p, const wp_profile *prof)
{
	return p->nfootnotes &&
	       strcmp(wp_profile_param_str(wp_profile_rule_find(prof, "footnote"), "in_cells", "false"), "true") == 0;
}

/* Text in a cell where footnote marks may stand: each run of superscript
 * digits that is the mark of a footnote becomes <ref mark="N">¹</ref>, so
 * that a template can link it to its note as it links a header's. */
static void write_marked_text(writer *w, xmlNodePtr at, const char *text, size_t len)
{
	size_t from = 0, i = 0, b, e;
	int mark;
	while (ax_next_mark(w->p, text, len, &i, &b, &e, &mark)) {
		if (b > from)
			add_text(w, at, text + from, b - from);
		xmlNodePtr ref = elem(w, at, "ref", NULL);
		attr_uint(w, ref, "mark", (unsigned long)mark);
		if (ref)
			add_text(w, ref, text + b, e - b);
		from = e;
	}
	if (from < len || !len)
		add_text(w, at, text + from, len - from);
}

static void write_run(writer *w, xmlNodePtr p, const wp_run *r)
{
	xmlNodePtr at = p;
	if (r->href) {
		at = elem(w, at, "a", NULL);
		attr(w, at, "href", r->href);
	}
	/* style bits as nested elements, outermost first */
	for (size_t i = 0; i < sizeof mb_styles / sizeof mb_styles[0] && at; i++)
		if (r->style & mb_styles[i].bit) {
			at = elem(w, at, mb_styles[i].xml, NULL);
			if (mb_styles[i].bit & (WP_STYLE_INS | WP_STYLE_DEL)) {
				attr(w, at, "author", r->author);
				attr(w, at, "date", r->date);
			}
		}
	if (!at)
		return;
	if (r->kind == WP_RUN_BREAK) {
		elem(w, at, "br", NULL);
		return;
	}
	if (w->cell_marks && w->in_field)
		write_marked_text(w, at, r->text, r->len);
	else
		add_text(w, at, r->text, r->len);
}

/* A field's paragraphs as <p> children of n. Paragraphs that do not
 * start where the field does (continuations) carry their own position. */
static void write_paras(writer *w, xmlNodePtr n, const wp_field *f)
{
	for (size_t i = 0; i < f->nparas && n; i++) {
		const wp_para *pa = &f->paras[i];
		xmlNodePtr p = elem(w, n, "p", NULL);
		/* libxml2 indents an element whose children are all elements
		 * ("<p><u>18.</u></p>"), which would add text to the paragraph;
		 * a text child, even empty, keeps it as written. */
		xmlNodePtr keep = p ? xmlNewDocTextLen(w->doc, BAD_CAST "", 0) : NULL;
		if (p && (!keep || !xmlAddChild(p, keep))) {
			xmlFreeNode(keep);
			w->oom = 1;
		}
		if (pa->continued && !w->source) {
			attr(w, p, "continued", "true");
			pos_attrs(w, p, pa->pos);
		}
		for (size_t j = 0; j < pa->nruns && p; j++)
			write_run(w, p, &pa->runs[j]);
	}
}

const wp_profile_colour *ax_status_colour(const wp_profile *prof, const wp_field *f, int *oom)
{
	/* the letters the cell's text starts with: its first paragraph's,
	 * up to a break or anything else */
	wp_buf t = {0};
	const wp_para *pa = f->nparas ? &f->paras[0] : NULL;
	for (size_t j = 0; pa && j < pa->nruns; j++) {
		const wp_run *r = &pa->runs[j];
		size_t n = 0;
		if (r->kind == WP_RUN_BREAK)
			break;
		while (n < r->len && ((r->text[n] >= 'a' && r->text[n] <= 'z') || (r->text[n] >= 'A' && r->text[n] <= 'Z')))
			n++;
		wp_buf_put(&t, r->text, n);
		if (n < r->len)
			break;
	}
	const wp_profile_colour *c = t.len ? wp_profile_colour_find(prof, t.data, t.len) : NULL;
	if (t.oom)
		*oom = 1;
	wp_buf_free(&t);
	return c;
}

/* colours: whether a status cell names its colour (not in the guidance row). */
static void write_fields(writer *w, xmlNodePtr n, const wp_section *s, const wp_field *fields, int colours)
{
	for (size_t i = 0; i < s->ncolumns && n; i++) {
		xmlNodePtr f = elem(w, n, "field", NULL);
		attr(w, f, "key", s->columns[i].key);
		pos_attrs(w, f, fields[i].pos);
		if (colours && !w->source && (s->columns[i].roles & WP_ROLE_STATUS)) {
			const wp_profile_colour *c = ax_status_colour(w->prof, &fields[i], &w->oom);
			if (c)
				attr(w, f, "colour", c->name);
		}
		w->in_field = 1;
		write_paras(w, f, &fields[i]);
		w->in_field = 0;
	}
}

static long measure(const wp_field *f, size_t *chars);
#define LINE_CHARS 145.0

/* The lines the row's tallest cell takes printed, at the columns'
 * widths: its characters over the characters its column holds a line,
 * and a line a paragraph. -1 when memory ran out. */
long ax_print_lines(const wp_section *s, const wp_activity *a, const size_t *chars, const unsigned *widths)
{
	long most = 0;
	for (size_t c = 0; c < s->ncolumns; c++) {
		double per_line = (widths[c] ? widths[c] : 1) * LINE_CHARS / 100;
		long lines = (long)((double)chars[c] / per_line) + (long)a->fields[c].nparas;
		if (lines > most)
			most = lines;
	}
	return most;
}

static void write_activity(writer *w, xmlNodePtr sec, const char *name, const wp_section *s,
			   const wp_activity *a, const unsigned *widths, const size_t *chars)
{
	xmlNodePtr n = elem(w, sec, name, NULL);
	if (!w->source) {
		int ch = wp_activity_change(s, a, w->prof->u_is_insertion);
		if (ch != WP_CHANGE_NONE)
			attr(w, n, "change", ch == WP_CHANGE_INSERTED ? "inserted" : "deleted");
		attr(w, n, "number", a->number);
		pos_attrs(w, n, a->pos);
		if (a->cells_written)
			attr_uint(w, n, "cells", a->cells_written);
		if (a->continuations)
			attr_uint(w, n, "continuations", a->continuations);
		/* overdue at the as-of date: the day its timeline ended */
		char end[11];
		int late = w->p->as_of && strcmp(name, "activity") == 0 ? wp_activity_overdue(w->prof, s, a, w->p->as_of, end) : 0;
		if (late < 0)
			w->oom = 1;
		else if (late)
			attr(w, n, "overdue", end);
		/* a row taller than a printed page: it will be split, and says so */
		long lines = widths ? ax_print_lines(s, a, chars, widths) : 0;
		if (lines > AX_PAGE_LINES)
			attr_uint(w, n, "print-lines", (unsigned long)lines);
	}
	write_fields(w, n, s, a->fields, 1);
}

/* (LINE_CHARS: the characters of a printed line across the whole table,
 * A4 landscape at 8.5 pt: what the columns share) */

/* The longest word of t (characters) and its characters, added to
 * *chars. */
static size_t longest_word(const char *t, size_t *chars)
{
	size_t longest = 0, word = 0;
	for (;; t++) {
		if (!*t || *t == ' ' || *t == '\n') {
			longest = word > longest ? word : longest;
			word = 0;
			if (!*t)
				break;
		} else if ((*t & 0xC0) != 0x80) {
			word++;
		}
		*chars += (*t & 0xC0) != 0x80;
	}
	return longest;
}

/* The same of a field's text as wp_field_text gives it (paragraphs apart
 * by a blank line, breaks as newlines), read run by run: nothing is
 * copied. (Never fails; a long for the callers' -1.) */
static long measure(const wp_field *f, size_t *chars)
{
	size_t longest = 0, word = 0;
	for (size_t i = 0; i < f->nparas; i++) {
		if (i) {
			longest = word > longest ? word : longest;
			word = 0;
			*chars += 2;
		}
		for (size_t j = 0; j < f->paras[i].nruns; j++) {
			const wp_run *r = &f->paras[i].runs[j];
			if (r->kind == WP_RUN_BREAK) {
				longest = word > longest ? word : longest;
				word = 0;
				++*chars;
				continue;
			}
			for (size_t k = 0; k < r->len; k++) {
				char c = r->text[k];
				if (c == ' ' || c == '\n') {
					longest = word > longest ? word : longest;
					word = 0;
				} else if ((c & 0xC0) != 0x80) {
					word++;
				}
				*chars += (c & 0xC0) != 0x80;
			}
		}
	}
	return (long)(word > longest ? word : longest);
}

/* The share of the table's width each column's content asks for, in
 * percent (annotated only). A column needs its longest word (its
 * header's, printed smaller, and its cells', examples included; up to 10
 * characters, a longer word is rare enough to break) and its padding; it
 * would like four times the square root of its cells' mean
 * length, so that a number or a priority stays narrow and the activity
 * and the progress get the room. When what they would like exceeds a
 * printed line, each gets what it needs and the rest is shared in
 * proportion to what each would like more. widths[c] gets them (summing
 * to about 100); 0 when memory ran out. */
int ax_column_widths(const wp_section *s, unsigned *widths, size_t *cell_chars)
{
	size_t n = s->ncolumns ? s->ncolumns : 1;
	double *need = wp_malloc(n * sizeof *need), *like = wp_malloc(n * sizeof *like), sn = 0, sl = 0;
	int ok = need && like;
	for (size_t c = 0; ok && c < s->ncolumns; c++) {
		size_t chars = 0, hdr = 0, longest = 0;
		size_t hlong = longest_word(s->columns[c].header ? s->columns[c].header : "", &hdr);
		for (size_t i = 0; ok && i < s->nactivities + s->nexamples; i++) {
			const wp_activity *a = i < s->nactivities ? &s->activities[i] : &s->examples[i - s->nactivities];
			size_t cc = 0;
			long lw = measure(&a->fields[c], &cc);
			*(i < s->nactivities ? &chars : &hdr) += cc;
			if (cell_chars)
				cell_chars[i * s->ncolumns + c] = cc;
			ok = lw >= 0;
			if ((size_t)lw > longest)
				longest = (size_t)lw;
		}
		double mean = s->nactivities ? (double)chars / (double)s->nactivities : 0;
		/* (a header is printed smaller: 7.5 pt for 8.5) */
		double hn = 0.88 * (double)(hlong > 10 ? 10 : hlong), cn = (double)(longest > 10 ? 10 : longest);
		need[c] = (hn > cn ? hn : cn) + 1.5;
		like[c] = 4 * sqrt(mean);
		if (like[c] < need[c])
			like[c] = need[c];
		sn += need[c];
		sl += like[c];
	}
	for (size_t c = 0; ok && c < s->ncolumns; c++) {
		double w;
		if (sl <= LINE_CHARS)
			w = like[c] / sl;
		else if (sn < LINE_CHARS)
			w = (need[c] + (LINE_CHARS - sn) * (like[c] - need[c]) / (sl - sn)) / LINE_CHARS;
		else
			w = need[c] / sn;
		widths[c] = (unsigned)(100 * w + 0.5);
	}
	wp_free(need);
	wp_free(like);
	return ok;
}

static void write_section(writer *w, xmlNodePtr root, const wp_section *s)
{
	xmlNodePtr n = elem(w, root, "section", NULL);
	attr(w, n, "kind", s->kind);
	attr(w, n, "numeral", s->numeral);
	pos_attrs(w, n, s->pos);
	if (s->title)
		elem(w, n, "title", s->title);
	if (s->intro.nparas)
		write_paras(w, elem(w, n, "intro", NULL), &s->intro);
	xmlNodePtr cols = elem(w, n, "columns", NULL);
	unsigned *widths = NULL;
	size_t *chars = NULL; /* each cell's characters: activities, then examples */
	if (!w->source && s->ncolumns) {
		widths = wp_malloc(s->ncolumns * sizeof *widths);
		chars = wp_malloc((s->nactivities + s->nexamples + 1) * s->ncolumns * sizeof *chars);
		if (!widths || !chars || !ax_column_widths(s, widths, chars)) {
			w->oom = 1;
			wp_free(widths);
			widths = NULL;
		}
	}
	for (size_t i = 0; i < s->ncolumns && cols; i++) {
		const wp_column *c = &s->columns[i];
		xmlNodePtr col = elem(w, cols, "column", c->header);
		attr(w, col, "key", c->key);
		pos_attrs(w, col, c->pos);
		if (widths)
			attr_uint(w, col, "width", widths[i]);
		if (c->mark)
			attr_uint(w, col, "mark", (unsigned long)c->mark);
		if (c->roles & WP_ROLE_NUMBER)
			attr(w, col, "role", "number");
		else if (c->roles & WP_ROLE_STATUS)
			attr(w, col, "role", "status");
		else if (c->roles & WP_ROLE_DATE)
			attr(w, col, "role", "date");
		else if (c->roles & WP_ROLE_MONTH)
			attr(w, col, "role", "month");
	}
	if (s->guidance)
		write_fields(w, elem(w, n, "guidance", NULL), s, s->guidance, 0);
	for (size_t i = 0; i < s->nexamples; i++)
		write_activity(w, n, "example", s, &s->examples[i], widths,
			       widths ? chars + (s->nactivities + i) * s->ncolumns : NULL);
	for (size_t i = 0; i < s->nactivities; i++)
		write_activity(w, n, "activity", s, &s->activities[i], widths, widths ? chars + i * s->ncolumns : NULL);
	wp_free(widths);
	wp_free(chars);
	if (s->notes.nparas)
		write_paras(w, elem(w, n, "notes", NULL), &s->notes);
	if (s->reported)
		write_paras(w, elem(w, n, "report", NULL), &s->report);
}

static void write_header(writer *w, xmlNodePtr root, const wp_programme *p)
{
	xmlNodePtr h = elem(w, root, "header", NULL), n;
	if (p->title) {
		n = elem(w, h, "title", p->title);
		pos_attrs(w, n, p->title_pos);
	}
	if (p->body)
		elem(w, h, "body", p->body);
	if (p->annex_to)
		elem(w, h, "annex-to", p->annex_to);
	if (p->running_title)
		elem(w, h, "running-title", p->running_title);
	if (p->period_start && (!w->source || (p->explicit_meta & WP_META_PERIOD))) {
		n = elem(w, h, "period", NULL);
		attr_uint(w, n, "start", (unsigned long)p->period_start);
		attr_uint(w, n, "end", (unsigned long)p->period_end);
	}
	if (p->session)
		elem(w, h, "session", p->session);
	if (p->as_of)
		elem(w, h, "as-of", p->as_of);
	if (p->plan)
		elem(w, h, "plan", p->plan);
}

int wp_write_xml_doc(void **out, const wp_programme *p, const wp_profile *profile, wp_xml_flavour flavour)
{
	writer w = {0};
	xmlNodePtr root, n;

	*out = NULL;
	w.prof = profile;
	w.p = p;
	w.source = flavour == WP_XML_SOURCE;
	w.cell_marks = !w.source && ax_cell_marks(p, profile);
	w.doc = xmlNewDoc(BAD_CAST "1.0");
	if (!w.doc)
		return WP_ENOMEM;
	/* Element and attribute names interned once, as the parser does,
	 * instead of a copy in every node. */
	w.doc->dict = xmlDictCreate();
	if (!w.doc->dict) {
		xmlFreeDoc(w.doc);
		return WP_ENOMEM;
	}
	root = xmlNewDocNode(w.doc, NULL, BAD_CAST "programme", NULL);
	if (!root) {
		xmlFreeDoc(w.doc);
		return WP_ENOMEM;
	}
	xmlDocSetRootElement(w.doc, root);
	w.ns = xmlNewNs(root, BAD_CAST WP_XML_NS, NULL);
	if (!w.ns) {
		xmlFreeDoc(w.doc);
		return WP_ENOMEM;
	}
	xmlSetNs(root, w.ns);
	if (!w.source || (p->explicit_meta & WP_META_PROFILE))
		attr(&w, root, "profile", p->profile);
	if (!w.source) {
		attr(&w, root, "source", p->source);
		if (profile->u_is_insertion)
			attr(&w, root, "underline", "insertion");
	}
	write_header(&w, root, p);
	if (profile->ncolours && !w.source) {
		xmlNodePtr cs = elem(&w, root, "colours", NULL);
		for (size_t i = 0; i < profile->ncolours && cs; i++) {
			n = elem(&w, cs, "colour", profile->colours[i].meaning);
			attr(&w, n, "name", profile->colours[i].name);
			attr(&w, n, "css", profile->colours[i].css);
		}
	}
	if (p->preamble.nparas)
		write_paras(&w, elem(&w, root, "preamble", NULL), &p->preamble);
	for (size_t i = 0; i < p->nsections && !w.oom; i++)
		write_section(&w, root, &p->sections[i]);
	if (p->report.nparas) /* what a report says under no area of its plan */
		write_paras(&w, elem(&w, root, "report", NULL), &p->report);
	for (size_t i = 0; i < p->nfootnotes && !w.oom; i++) {
		n = elem(&w, root, "footnote", NULL);
		attr_uint(&w, n, "mark", (unsigned long)p->footnotes[i].mark);
		pos_attrs(&w, n, p->footnotes[i].pos);
		write_paras(&w, n, &p->footnotes[i].text);
	}
	if (w.oom) {
		xmlFreeDoc(w.doc);
		return WP_ENOMEM;
	}
	*out = w.doc;
	return WP_OK;
}

int wp_write_xml(char **out, size_t *len, const wp_programme *p, const wp_profile *profile, wp_xml_flavour flavour)
{
	void *doc;
	xmlChar *mem = NULL;
	int size = 0;
	int rc = wp_write_xml_doc(&doc, p, profile, flavour);

	*out = NULL;
	*len = 0;
	if (rc != WP_OK)
		return rc;
	xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 1);
	xmlFreeDoc(doc);
	if (!mem)
		return WP_ENOMEM;
	*out = wp_malloc((size_t)size + 1);
	if (*out) {
		memcpy(*out, mem, (size_t)size);
		(*out)[size] = '\0';
		*len = (size_t)size;
	}
	xmlFree(mem);
	return *out ? WP_OK : WP_ENOMEM;
}

/* ax_element_count: the elements wp_write_xml_doc makes (annotated),
 * counted as it makes them. */
static size_t count_paras(const wp_programme *p, const wp_field *f, int marks)
{
	size_t n = 0;
	for (size_t i = 0; i < f->nparas; i++) {
		n++;
		for (size_t j = 0; j < f->paras[i].nruns; j++) {
			const wp_run *r = &f->paras[i].runs[j];
			n += r->href != NULL;
			for (size_t k = 0; k < sizeof mb_styles / sizeof mb_styles[0]; k++)
				n += (r->style & mb_styles[k].bit) != 0;
			if (r->kind == WP_RUN_BREAK) {
				n++;
			} else if (marks) {
				size_t at = 0, b, e;
				int m;
				while (ax_next_mark(p, r->text, r->len, &at, &b, &e, &m))
					n++;
			}
		}
	}
	return n;
}

size_t ax_element_count(const wp_programme *p, const wp_profile *prof)
{
	int marks = ax_cell_marks(p, prof);
	size_t n = 2; /* programme, header */
	n += !!p->title + !!p->body + !!p->annex_to + !!p->running_title + !!p->period_start + !!p->session +
	     !!p->as_of + !!p->plan;
	if (prof->ncolours)
		n += 1 + prof->ncolours;
	if (p->preamble.nparas)
		n += 1 + count_paras(p, &p->preamble, 0);
	for (size_t i = 0; i < p->nsections; i++) {
		const wp_section *s = &p->sections[i];
		n += 2 + !!s->title + s->ncolumns; /* section, title, columns */
		if (s->intro.nparas)
			n += 1 + count_paras(p, &s->intro, 0);
		for (size_t r = 0; r < s->nexamples + s->nactivities + !!s->guidance; r++) {
			const wp_field *fields = r < s->nexamples ? s->examples[r].fields
					       : r < s->nexamples + s->nactivities ? s->activities[r - s->nexamples].fields
					       : s->guidance;
			n += 1 + s->ncolumns;
			for (size_t c = 0; c < s->ncolumns; c++)
				n += count_paras(p, &fields[c], marks);
		}
		if (s->notes.nparas)
			n += 1 + count_paras(p, &s->notes, 0);
		if (s->reported)
			n += 1 + count_paras(p, &s->report, 0);
	}
	if (p->report.nparas)
		n += 1 + count_paras(p, &p->report, 0);
	for (size_t i = 0; i < p->nfootnotes; i++)
		n += 1 + count_paras(p, &p->footnotes[i].text, 0);
	return n;
}
