/* docx_xml.c: what the Word annex's parts are written with (docx.c the
 * body, docx_parts.c the other parts): libxml2's xmlTextWriter with its
 * failures remembered, text as Word holds it, runs with their styles,
 * links and revisions, paragraphs. */
#include "write/docx_writer.h"
#include "base/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/***** parts *****/

int dw_part_begin(dw *w)
{
	w->err = 0;
	if (!(w->buf = xmlBufferCreate()) || !(w->x = xmlNewTextWriterMemory(w->buf, 0))) {
		if (w->buf)
			xmlBufferFree(w->buf);
		w->buf = NULL;
		return WP_ENOMEM;
	}
	if (xmlTextWriterStartDocument(w->x, "1.0", "UTF-8", "yes") < 0)
		w->err = 1;
	return WP_OK;
}

int dw_part_end(dw *w, dw_part *part, const char *name)
{
	if (xmlTextWriterEndDocument(w->x) < 0)
		w->err = 1;
	xmlFreeTextWriter(w->x); /* (flushes into the buffer) */
	w->x = NULL;
	int rc = w->err ? WP_ENOMEM : WP_OK;
	part->name = name;
	part->data = NULL;
	part->len = 0;
	if (rc == WP_OK) {
		size_t n = (size_t)xmlBufferLength(w->buf);
		if ((part->data = malloc(n ? n : 1)) != NULL) {
			memcpy(part->data, xmlBufferContent(w->buf), n);
			part->len = n;
		} else {
			rc = WP_ENOMEM;
		}
	}
	xmlBufferFree(w->buf);
	w->buf = NULL;
	return rc;
}

/***** xmlTextWriter, failures remembered *****/

void dw_start(dw *w, const char *el)
{
	if (xmlTextWriterStartElement(w->x, BAD_CAST el) < 0)
		w->err = 1;
}

void dw_end(dw *w)
{
	if (xmlTextWriterEndElement(w->x) < 0)
		w->err = 1;
}

void dw_attr(dw *w, const char *name, const char *value)
{
	if (xmlTextWriterWriteAttribute(w->x, BAD_CAST name, BAD_CAST value) < 0)
		w->err = 1;
}

void dw_attrl(dw *w, const char *name, long value)
{
	char v[32];
	snprintf(v, sizeof v, "%ld", value);
	dw_attr(w, name, v);
}

void dw_val(dw *w, const char *el, const char *value)
{
	dw_start(w, el);
	dw_attr(w, "w:val", value);
	dw_end(w);
}

void dw_empty(dw *w, const char *el)
{
	dw_start(w, el);
	dw_end(w);
}

/* The length of the UTF-8 character at s (n bytes left) that XML 1.0
 * can hold, or 0 (a control character, a non-character U+FFFE/FFFF, a
 * surrogate or a malformed byte). */
static size_t xml_char(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	if (c < 0x80)
		return (c >= 0x20 && c != 0x7F) || c == '\t' || c == '\n' || c == '\r';
	if (c == 0xC2 && n > 1 && s[1] < 0xA0) /* C1 controls */
		return 0;
	size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
	if (!len || len > n || c > 0xF4)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	if (c == 0xED && s[1] >= 0xA0) /* surrogates */
		return 0;
	if (c == 0xEF && s[1] == 0xBF && (s[2] == 0xBE || s[2] == 0xBF))
		return 0;
	if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90))
		return 0; /* overlong, or past U+10FFFF */
	return len;
}

static void put_t(dw *w, const char *s, size_t n, int deleted)
{
	if (!n)
		return;
	dw_start(w, deleted ? "w:delText" : "w:t");
	dw_attr(w, "xml:space", "preserve");
	if (xmlTextWriterWriteRawLen(w->x, BAD_CAST "", 0) < 0)
		w->err = 1;
	/* escaped by the writer; characters XML cannot hold are replaced */
	size_t from = 0;
	for (size_t i = 0; i < n;) {
		size_t l = xml_char((const unsigned char *)s + i, n - i);
		if (l) {
			i += l;
			continue;
		}
		if (i > from && xmlTextWriterWriteFormatString(w->x, "%.*s", (int)(i - from), s + from) < 0)
			w->err = 1;
		/* a control character is a space, as the readers make it; what
		 * is no character, U+FFFD */
		unsigned char c = (unsigned char)s[i];
		int ctrl = c < 0x20 || c == 0x7F || (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] < 0xA0);
		if (xmlTextWriterWriteString(w->x, BAD_CAST (ctrl ? " " : "\xEF\xBF\xBD")) < 0)
			w->err = 1;
		i += c == 0xC2 && ctrl ? 2 : 1;
		while (!ctrl && i < n && ((unsigned char)s[i] & 0xC0) == 0x80) /* the rest of a malformed character */
			i++;
		from = i;
	}
	if (n > from && xmlTextWriterWriteFormatString(w->x, "%.*s", (int)(n - from), s + from) < 0)
		w->err = 1;
	dw_end(w);
}

void dw_text(dw *w, const char *s, size_t n, int deleted)
{
	size_t from = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			continue;
		put_t(w, s + from, i - from, deleted);
		if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
			i++;
		if (s[i] == '\t')
			dw_empty(w, "w:tab");
		else /* a line's end in the text is a soft break: a space, as Markdown shows it (a hard break is a run of its own) */
			put_t(w, " ", 1, deleted);
		from = i + 1;
	}
	put_t(w, s + from, n - from, deleted);
}

/***** runs and paragraphs *****/

/* A revision's date as Word's w:date wants it (xsd:dateTime), or NULL:
 * "2025-03-01" is that day at midnight UTC; what is no date is left out. */
static const char *rev_date(const char *d, char buf[32])
{
	if (!d)
		return NULL;
	size_t n = strlen(d), i;
	static const char shape[] = "dddd-dd-dd";
	for (i = 0; i < 10 && i < n; i++)
		if (shape[i] == 'd' ? d[i] < '0' || d[i] > '9' : d[i] != '-')
			return NULL;
	if (n == 10) {
		snprintf(buf, 32, "%sT00:00:00Z", d);
		return buf;
	}
	static const char time[] = "Tdd:dd:dd";
	if (n < 19)
		return NULL;
	for (i = 0; i < 9; i++)
		if (time[i] == 'd' ? d[10 + i] < '0' || d[10 + i] > '9' : d[10 + i] != time[i])
			return NULL;
	for (i = 19; i < n; i++) /* a fraction, Z or an offset */
		if (!strchr("0123456789.:+-Z", d[i]))
			return NULL;
	return d; /* (whatever its length: nothing is cut) */
}

void dw_rev_attrs(dw *w, const char *author, const char *date)
{
	char buf[32];
	const char *dt = rev_date(date, buf);
	dw_attrl(w, "w:id", w->rev++);
	/* (Word needs an author; none is an empty one, which the reader
	 * reads as none) */
	dw_attr(w, "w:author", author ? author : "");
	if (dt)
		dw_attr(w, "w:date", dt);
}

/* The relationship id of a hyperlink's target. */
static const char *link_id(dw *w, const char *href, char id[32])
{
	size_t i = w->nlinks;
	if (w->nlinks && !strcmp(w->links[w->nlinks - 1], href))
		i = w->nlinks - 1; /* (the runs of one link) */
	if (i == w->nlinks) {
		char **v = w->links;
		if (w->nlinks == w->linkcap && !(v = wp_realloc(w->links, (w->linkcap = w->linkcap ? 2 * w->linkcap : 16) * sizeof *v))) {
			w->err = 1;
			return NULL;
		}
		w->links = v;
		if (!(w->links[w->nlinks] = wp_strdup(href))) {
			w->err = 1;
			return NULL;
		}
		w->nlinks++;
	}
	snprintf(id, 32, "rIdL%zu", i + 1);
	return id;
}

/* One run: its link, its revision, its properties, its text. */
void dw_run(dw *w, const wp_run *r, int bold, int italic)
{
	char id[32];
	const char *rid = r->href ? link_id(w, r->href, id) : NULL;
	/* (underlined text is an insertion where the profile says so) */
	int del = !!(r->style & WP_STYLE_DEL), ins = !del && ((r->style & WP_STYLE_INS) || (w->u_ins && (r->style & WP_STYLE_U)));
	if (rid) {
		dw_start(w, "w:hyperlink");
		dw_attr(w, "r:id", rid);
	}
	if (del || ins) {
		dw_start(w, del ? "w:del" : "w:ins");
		dw_rev_attrs(w, r->author, r->date);
	}
	dw_start(w, "w:r");
	unsigned st = r->style;
	if (bold || italic || (st & (WP_STYLE_STRONG | WP_STYLE_EM | WP_STYLE_CODE)) || ((st & WP_STYLE_U) && !w->u_ins) || rid) {
		dw_start(w, "w:rPr");
		if (st & WP_STYLE_CODE) /* (its name pandoc's too) */
			dw_val(w, "w:rStyle", "VerbatimChar");
		else if (rid)
			dw_val(w, "w:rStyle", "Hyperlink");
		if (bold || (st & WP_STYLE_STRONG))
			dw_empty(w, "w:b");
		if (italic || (st & WP_STYLE_EM))
			dw_empty(w, "w:i");
		if ((st & WP_STYLE_U) && !w->u_ins)
			dw_val(w, "w:u", "single");
		dw_end(w);
	}
	if (r->kind == WP_RUN_BREAK)
		dw_empty(w, "w:br");
	else
		dw_text(w, r->text, r->len, del);
	dw_end(w);
	if (del || ins)
		dw_end(w);
	if (rid)
		dw_end(w);
}

void dw_para_start(dw *w, const char *style, const char *align)
{
	dw_start(w, "w:p");
	if (style || align) {
		dw_start(w, "w:pPr");
		if (style)
			dw_val(w, "w:pStyle", style);
		if (align)
			dw_val(w, "w:jc", align);
		dw_end(w);
	}
}

void dw_plain_run(dw *w, const char *s, int bold, int italic)
{
	wp_run r = {WP_RUN_TEXT, 0, s, strlen(s), NULL, NULL, NULL};
	dw_run(w, &r, bold, italic);
}

/* A paragraph of plain text. */
void dw_text_para(dw *w, const char *style, const char *s, int bold, int italic)
{
	dw_para_start(w, style, NULL);
	dw_plain_run(w, s, bold, italic);
	dw_end(w);
}

void dw_para_runs(dw *w, const wp_para *pa, int italic)
{
	for (size_t j = 0; j < pa->nruns; j++)
		dw_run(w, &pa->runs[j], 0, italic);
}

void dw_paras(dw *w, const wp_field *f, const char *style, int italic)
{
	for (size_t i = 0; i < f->nparas; i++) {
		dw_para_start(w, style, NULL);
		dw_para_runs(w, &f->paras[i], italic);
		dw_end(w);
	}
}

void dw_note_runs(dw *w, const wp_field *f)
{
	for (size_t i = 0; i < f->nparas; i++) {
		if (i) {
			dw_start(w, "w:r");
			dw_empty(w, "w:br");
			dw_empty(w, "w:br");
			dw_end(w);
		}
		dw_para_runs(w, &f->paras[i], 0);
	}
}
