/* xml.c: the canonical XML of the model, written by libxml2 (so
 * escaping is libxml2's job, not ours) through one walk and two emitters:
 * a tree (wp_write_xml_doc: what the templates run over) and a stream
 * (wp_write_xml: --to xml and build's .xml, through xmlTextWriter, with
 * no tree in memory). The stream is laid out as libxml2 lays out the tree
 * (an element of elements one to a line, indented; one holding text as it
 * is). Its shape is documented in the README. */
#include "wpgen/wpgen.h"
#include "base/alloc.h"
#include "write/layout.h"
#include "model/assemble.h"
#include "base/util.h"

#include "base/lazy.h" /* libxml2, libxslt, libzip: loaded on first use */
#include <stdio.h>
#include <math.h>
#include <string.h>

/* What an element holds, for the stream's layout: elements only (one to
 * a line, indented), or text (as it is, to its end). */
enum { EM_BLOCK, EM_TEXT };

#define EM_DEPTH 64

typedef struct writer {
	/* the tree */
	xmlDocPtr doc;
	xmlNsPtr ns;
	xmlNodePtr at;          /* the element being written */
	/* the stream */
	xmlTextWriterPtr out;
	unsigned char kind[EM_DEPTH]; /* EM_* of each open element */
	unsigned char kids[EM_DEPTH]; /* whether it has a child element yet */
	size_t depth;
	const wp_profile *prof;
	const wp_programme *p;
	int source; /* WP_XML_SOURCE: content only */
	int cell_marks; /* annotated, and the profile lets footnote marks stand in cells */
	int in_field;   /* writing a field's paragraphs */
	const wp_facts *facts; /* annotated: what the programme says beyond its text */
	wp_facts *own_facts;   /* worked out here when none were given */
	int oom;
} writer;

/* A new line, indented to the depth of the open elements. */
static void newline(writer *w)
{
	char pad[2 * EM_DEPTH + 2];
	pad[0] = '\n';
	memset(pad + 1, ' ', 2 * w->depth);
	pad[1 + 2 * w->depth] = '\0';
	if (xmlTextWriterWriteRaw(w->out, BAD_CAST pad) < 0)
		w->oom = 1;
}

/* Opens an element in the one open now. kind: what it will hold. */
static void start(writer *w, const char *name, int kind)
{
	if (w->oom)
		return;
	if (w->out) {
		/* inside an element of elements, each child on its own line */
		if (w->depth)
			w->kids[w->depth - 1] = 1;
		if (w->depth && w->kind[w->depth - 1] == EM_BLOCK) {
			newline(w);
		}
		if (w->depth >= EM_DEPTH || xmlTextWriterStartElement(w->out, BAD_CAST name) < 0) {
			w->oom = 1;
			return;
		}
		w->kids[w->depth] = 0;
		w->kind[w->depth++] = (unsigned char)kind;
		if (w->depth == 1 && xmlTextWriterWriteAttribute(w->out, BAD_CAST "xmlns", BAD_CAST WP_XML_NS) < 0)
			w->oom = 1;
		return;
	}
	xmlNodePtr n = xmlNewDocNode(w->doc, w->ns, BAD_CAST name, NULL);
	if (!n) {
		w->oom = 1;
		return;
	}
	if (!w->at) {
		xmlDocSetRootElement(w->doc, n);
		w->ns = xmlNewNs(n, BAD_CAST WP_XML_NS, NULL);
		if (!w->ns)
			w->oom = 1;
		xmlSetNs(n, w->ns);
	} else if (!xmlAddChild(w->at, n)) {
		xmlFreeNode(n);
		w->oom = 1;
		return;
	}
	w->at = n;
}

static void end(writer *w)
{
	if (w->oom)
		return;
	if (w->out) {
		/* an element of elements that has some ends on a line of its own
		 * (one with none closes as <x/>) */
		w->depth--;
		if (w->kind[w->depth] == EM_BLOCK && w->kids[w->depth]) {
			newline(w);
		}
		if (xmlTextWriterEndElement(w->out) < 0)
			w->oom = 1;
		return;
	}
	w->at = w->at->parent && w->at->parent->type == XML_ELEMENT_NODE ? w->at->parent : NULL;
}

static void attr(writer *w, const char *name, const char *value)
{
	if (w->oom || !value)
		return;
	if (w->out ? xmlTextWriterWriteAttribute(w->out, BAD_CAST name, BAD_CAST value) < 0
		   : !xmlNewProp(w->at, BAD_CAST name, BAD_CAST value))
		w->oom = 1;
}

static void attr_uint(writer *w, const char *name, unsigned long v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lu", v);
	attr(w, name, buf);
}

static void pos_attrs(writer *w, wp_pos pos)
{
	if (pos.line && !w->source) {
		attr_uint(w, "line", pos.line);
		attr_uint(w, "col", pos.col);
	}
}

static void add_text(writer *w, const char *text, size_t len)
{
	if (w->oom)
		return;
	if (w->out) {
		/* (xmlTextWriter takes a string: a NUL cannot be in the model's text) */
		xmlChar *t = xmlStrndup(BAD_CAST text, (int)len);
		if (!t || xmlTextWriterWriteString(w->out, t) < 0)
			w->oom = 1;
		xmlFree(t);
		return;
	}
	xmlNodePtr t = xmlNewDocTextLen(w->doc, BAD_CAST text, (int)len);
	if (!t || !xmlAddChild(w->at, t)) {
		xmlFreeNode(t);
		w->oom = 1;
	}
}

/* An element holding text (none when text is NULL: then <x/>). */
static void text_elem(writer *w, const char *name, const char *text, wp_pos pos)
{
	start(w, name, EM_TEXT);
	pos_attrs(w, pos);
	if (text)
		add_text(w, text, strlen(text));
	end(w);
}

/* Text in a cell where footnote marks may stand: each run of superscript
 * digits that is the mark of a footnote becomes <ref mark="N">¹</ref>, so
 * that a template can link it to its note as it links a header's. */
static void write_marked_text(writer *w, const char *text, size_t len)
{
	size_t from = 0, i = 0, b, e;
	int mark;
	while (ax_next_mark(w->p, text, len, &i, &b, &e, &mark)) {
		if (b > from)
			add_text(w, text + from, b - from);
		start(w, "ref", EM_TEXT);
		attr_uint(w, "mark", (unsigned long)mark);
		add_text(w, text + b, e - b);
		end(w);
		from = e;
	}
	if (from < len || !len)
		add_text(w, text + from, len - from);
}

static void write_run(writer *w, const wp_run *r)
{
	size_t opened = 0;
	if (r->href) {
		start(w, "a", EM_TEXT);
		attr(w, "href", r->href);
		opened++;
	}
	/* style bits as nested elements, outermost first */
	for (size_t i = 0; i < sizeof mb_styles / sizeof mb_styles[0]; i++)
		if (r->style & mb_styles[i].bit) {
			start(w, mb_styles[i].xml, EM_TEXT);
			if (mb_styles[i].bit & (WP_STYLE_INS | WP_STYLE_DEL)) {
				attr(w, "author", r->author);
				attr(w, "date", r->date);
			}
			opened++;
		}
	if (r->kind == WP_RUN_BREAK) {
		start(w, "br", EM_TEXT);
		end(w);
	} else if (w->cell_marks && w->in_field) {
		write_marked_text(w, r->text, r->len);
	} else {
		add_text(w, r->text, r->len);
	}
	while (opened--)
		end(w);
}

/* A field's paragraphs as <p> elements. Paragraphs that do not start
 * where the field does (continuations) carry their own position. */
static void write_paras(writer *w, const wp_field *f)
{
	for (size_t i = 0; i < f->nparas && !w->oom; i++) {
		const wp_para *pa = &f->paras[i];
		start(w, "p", EM_TEXT);
		if (pa->continued && !w->source) {
			attr(w, "continued", "true");
			pos_attrs(w, pa->pos);
		}
		/* a text node first, even empty: libxml2 would indent a <p> of
		 * elements ("<p><u>18.</u></p>"), adding text to the paragraph */
		add_text(w, "", 0);
		for (size_t j = 0; j < pa->nruns; j++)
			write_run(w, &pa->runs[j]);
		end(w);
	}
}

/* An element of paragraphs. */
static void para_block(writer *w, const char *name, const wp_field *f)
{
	start(w, name, EM_BLOCK);
	write_paras(w, f);
	end(w);
}

/* rf: the row's facts (its status cell says its colour), or NULL (the
 * guidance row, the source flavour). */
static void write_fields(writer *w, const wp_section *s, const wp_field *fields, const wp_row_facts *rf)
{
	for (size_t i = 0; i < s->ncolumns && !w->oom; i++) {
		start(w, "field", EM_BLOCK);
		attr(w, "key", s->columns[i].key);
		pos_attrs(w, fields[i].pos);
		if (rf && (s->columns[i].roles & WP_ROLE_STATUS)) {
			if (rf->colour)
				attr(w, "colour", rf->colour->name);
			if (rf->colour_changed)
				attr(w, "colour-was", rf->colour_was ? rf->colour_was->name : "");
		}
		w->in_field = 1;
		write_paras(w, &fields[i]);
		w->in_field = 0;
		end(w);
	}
}

static void write_activity(writer *w, const char *name, const wp_section *s, const wp_activity *a,
			   const wp_row_facts *rf, const unsigned *widths, const size_t *chars)
{
	start(w, name, EM_BLOCK);
	if (rf) {
		if (rf->change != WP_CHANGE_NONE)
			attr(w, "change", rf->change == WP_CHANGE_INSERTED ? "inserted" : "deleted");
		if (!rf->counted)
			attr(w, "counted", "no");
		attr(w, "number", a->number);
		pos_attrs(w, a->pos);
		if (a->cells_written)
			attr_uint(w, "cells", a->cells_written);
		if (a->continuations)
			attr_uint(w, "continuations", a->continuations);
		attr(w, "keyword", rf->keyword);
		/* overdue at the as-of date: the day its timeline ended */
		if (rf->overdue)
			attr(w, "overdue", rf->ended);
		/* a schedule's due date: YYYY-MM-DD, or YYYY-MM while the day is to be fixed */
		if (rf->due.y) {
			char due[16];
			snprintf(due, sizeof due, rf->due.d ? "%04d-%02d-%02d" : "%04d-%02d", rf->due.y, rf->due.m, rf->due.d);
			attr(w, "due", due);
		}
		/* a row taller than a printed page: it will be split, and says so */
		long lines = widths ? ax_print_lines(s, a, chars, widths) : 0;
		if (lines > AX_PAGE_LINES)
			attr_uint(w, "print-lines", (unsigned long)lines);
	}
	write_fields(w, s, a->fields, rf);
	end(w);
}

static void write_section(writer *w, const wp_section *s, size_t k)
{
	start(w, "section", EM_BLOCK);
	attr(w, "kind", s->kind);
	attr(w, "numeral", s->numeral);
	pos_attrs(w, s->pos);
	if (s->title)
		text_elem(w, "title", s->title, (wp_pos){0, 0});
	if (s->intro.nparas)
		para_block(w, "intro", &s->intro);
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
	start(w, "columns", EM_BLOCK);
	for (size_t i = 0; i < s->ncolumns; i++) {
		const wp_column *c = &s->columns[i];
		start(w, "column", EM_TEXT);
		attr(w, "key", c->key);
		pos_attrs(w, c->pos);
		if (widths)
			attr_uint(w, "width", widths[i]);
		if (c->mark)
			attr_uint(w, "mark", (unsigned long)c->mark);
		if (c->roles & WP_ROLE_NUMBER)
			attr(w, "role", "number");
		else if (c->roles & WP_ROLE_STATUS)
			attr(w, "role", "status");
		else if (c->roles & WP_ROLE_DATE)
			attr(w, "role", "date");
		else if (c->roles & WP_ROLE_MONTH)
			attr(w, "role", "month");
		if (c->header)
			add_text(w, c->header, strlen(c->header));
		end(w);
	}
	end(w);
	if (s->guidance) {
		start(w, "guidance", EM_BLOCK);
		write_fields(w, s, s->guidance, NULL);
		end(w);
	}
	for (size_t i = 0; i < s->nexamples; i++)
		write_activity(w, "example", s, &s->examples[i], w->facts ? wp_facts_example(w->facts, k, i) : NULL, widths,
			       widths ? chars + (s->nactivities + i) * s->ncolumns : NULL);
	for (size_t i = 0; i < s->nactivities; i++)
		write_activity(w, "activity", s, &s->activities[i], w->facts ? wp_facts_row(w->facts, k, i) : NULL, widths,
			       widths ? chars + i * s->ncolumns : NULL);
	wp_free(widths);
	wp_free(chars);
	if (s->notes.nparas)
		para_block(w, "notes", &s->notes);
	if (s->reported)
		para_block(w, "report", &s->report);
	end(w);
}

/* An acknowledged finding: <accept rule="" at="">why</accept>. */
static void accept_elem(writer *w, const wp_accept *a)
{
	start(w, "accept", EM_TEXT);
	pos_attrs(w, a->pos);
	attr(w, "rule", a->rule);
	attr(w, "at", a->at);
	add_text(w, a->why, strlen(a->why));
	end(w);
}

static void write_header(writer *w, const wp_programme *p)
{
	start(w, "header", EM_BLOCK);
	if (p->title)
		text_elem(w, "title", p->title, p->title_pos);
	if (p->body)
		text_elem(w, "body", p->body, (wp_pos){0, 0});
	if (p->annex_to)
		text_elem(w, "annex-to", p->annex_to, (wp_pos){0, 0});
	if (p->running_title)
		text_elem(w, "running-title", p->running_title, (wp_pos){0, 0});
	if (p->period_start && (!w->source || (p->explicit_meta & WP_META_PERIOD))) {
		start(w, "period", EM_TEXT);
		attr_uint(w, "start", (unsigned long)p->period_start);
		attr_uint(w, "end", (unsigned long)p->period_end);
		end(w);
	}
	if (p->session)
		text_elem(w, "session", p->session, (wp_pos){0, 0});
	if (p->as_of)
		text_elem(w, "as-of", p->as_of, (wp_pos){0, 0});
	if (p->plan)
		text_elem(w, "plan", p->plan, (wp_pos){0, 0});
	if (p->explicit_meta & (WP_META_PROGRAMME | WP_META_NOT_PROGRAMME))
		text_elem(w, "programme", p->explicit_meta & WP_META_PROGRAMME ? "yes" : "no", (wp_pos){0, 0});
	for (size_t i = 0; i < p->naccepts; i++)
		accept_elem(w, &p->accepts[i]);
	if (p->changes && !w->source) /* (the annex's, not the programme's) */
		text_elem(w, "changes", p->changes, (wp_pos){0, 0});
	end(w);
}

static void write_count(writer *w, const char *name, const wp_count *c, size_t k)
{
	start(w, name, EM_BLOCK);
	if (k)
		attr_uint(w, "section", k);
	attr_uint(w, "activities", c->activities);
	if (c->has_status)
		attr_uint(w, "without-colour", c->none);
	else
		attr(w, "status-column", "no");
	if (w->facts->as_of)
		attr_uint(w, "overdue", c->overdue);
	if (c->inserted)
		attr_uint(w, "inserted", c->inserted);
	if (c->deleted)
		attr_uint(w, "deleted", c->deleted);
	if (c->status_changed)
		attr_uint(w, "status-changed", c->status_changed);
	for (size_t q = 0; c->has_status && q < w->prof->ncolours; q++) {
		start(w, "colour", EM_TEXT);
		attr(w, "name", w->prof->colours[q].name);
		char n[32];
		snprintf(n, sizeof n, "%zu", c->by_colour[q]);
		add_text(w, n, strlen(n));
		end(w);
	}
	end(w);
}

/* Where things stand, as the facts count it: per section (its place,
 * from 1), then the whole programme. What a template shows of the counts
 * it reads here; it never counts rows itself. */
static void write_status(writer *w)
{
	static const char *const modes[] = {"show", "accept", "reject"};
	start(w, "status", EM_BLOCK);
	attr(w, "changes", modes[w->facts->mode]);
	attr(w, "as-of", w->facts->as_of);
	for (size_t k = 0; k < w->facts->nsections; k++)
		write_count(w, "count", &w->facts->sections[k].count, k + 1);
	write_count(w, "total", &w->facts->total, 0);
	end(w);
}

/* The whole document, through w's emitter. */
static void write_programme(writer *w)
{
	const wp_programme *p = w->p;
	const wp_profile *profile = w->prof;
	start(w, "programme", EM_BLOCK);
	if (!w->source || (p->explicit_meta & WP_META_PROFILE))
		attr(w, "profile", p->profile);
	if (!w->source) {
		attr(w, "source", p->source);
		if (profile->u_is_insertion)
			attr(w, "underline", "insertion");
	}
	write_header(w, p);
	if (profile->ncolours && !w->source) {
		start(w, "colours", EM_BLOCK);
		for (size_t i = 0; i < profile->ncolours; i++) {
			start(w, "colour", EM_TEXT);
			attr(w, "name", profile->colours[i].name);
			attr(w, "css", profile->colours[i].css);
			char fill[7], ink[7];
			if (ax_colour_shade(&profile->colours[i], fill, ink)) {
				attr(w, "fill", fill);
				attr(w, "ink", ink);
			}
			if (profile->colours[i].meaning)
				add_text(w, profile->colours[i].meaning, strlen(profile->colours[i].meaning));
			end(w);
		}
		end(w);
	}
	if (p->preamble.nparas)
		para_block(w, "preamble", &p->preamble);
	if (w->facts && profile->ncolours)
		write_status(w);
	for (size_t i = 0; i < p->nsections && !w->oom; i++)
		write_section(w, &p->sections[i], i);
	if (p->report.nparas) /* what a report says under no area of its plan */
		para_block(w, "report", &p->report);
	for (size_t i = 0; i < p->nfootnotes && !w->oom; i++) {
		start(w, "footnote", EM_BLOCK);
		attr_uint(w, "mark", (unsigned long)p->footnotes[i].mark);
		pos_attrs(w, p->footnotes[i].pos);
		write_paras(w, &p->footnotes[i].text);
		end(w);
	}
	end(w);
}

static int writer_init(writer *w, const wp_programme *p, const wp_profile *profile, wp_xml_flavour flavour,
		       const wp_facts *facts)
{
	memset(w, 0, sizeof *w);
	w->prof = profile;
	w->p = p;
	w->source = flavour == WP_XML_SOURCE;
	w->cell_marks = !w->source && ax_cell_marks(p, profile);
	if (w->source)
		return WP_OK;
	if (!facts && wp_facts_new(&w->own_facts, p, profile, WP_CHANGES_SHOW, p->as_of) != WP_OK)
		return WP_ENOMEM;
	w->facts = facts ? facts : w->own_facts;
	return WP_OK;
}

int wp_write_xml_doc(void **out, const wp_programme *p, const wp_profile *profile, wp_xml_flavour flavour,
		     const wp_facts *facts)
{
	writer w;

	*out = NULL;
	if (wp_lazy_need(WP_LAZY_XML, NULL, NULL) != WP_OK)
		return WP_EIO;
	if (writer_init(&w, p, profile, flavour, facts) != WP_OK)
		return WP_ENOMEM;
	w.doc = xmlNewDoc(BAD_CAST "1.0");
	if (!w.doc) {
		wp_facts_free(w.own_facts);
		return WP_ENOMEM;
	}
	/* Element and attribute names interned once, as the parser does,
	 * instead of a copy in every node. */
	w.doc->dict = xmlDictCreate();
	if (!w.doc->dict) {
		xmlFreeDoc(w.doc);
		wp_facts_free(w.own_facts);
		return WP_ENOMEM;
	}
	write_programme(&w);
	wp_facts_free(w.own_facts);
	if (w.oom) {
		xmlFreeDoc(w.doc);
		return WP_ENOMEM;
	}
	*out = w.doc;
	return WP_OK;
}

/* The XML written as it is made, through xmlTextWriter into a buffer:
 * no tree in memory. */
int wp_write_xml(char **out, size_t *len, const wp_programme *p, const wp_profile *profile, wp_xml_flavour flavour,
		 const wp_facts *facts)
{
	writer w;
	xmlBufferPtr buf;

	*out = NULL;
	if (wp_lazy_need(WP_LAZY_XML, NULL, NULL) != WP_OK)
		return WP_EIO; /* (libxml2 cannot be loaded) */
	*len = 0;
	if (writer_init(&w, p, profile, flavour, facts) != WP_OK)
		return WP_ENOMEM;
	if (!(buf = xmlBufferCreate())) {
		wp_facts_free(w.own_facts);
		return WP_ENOMEM;
	}
	w.out = xmlNewTextWriterMemory(buf, 0);
	if (!w.out || xmlTextWriterStartDocument(w.out, "1.0", "UTF-8", NULL) < 0)
		w.oom = 1;
	write_programme(&w);
	if (!w.oom && (xmlTextWriterEndDocument(w.out) < 0 || xmlTextWriterFlush(w.out) < 0))
		w.oom = 1;
	if (w.out)
		xmlFreeTextWriter(w.out);
	wp_facts_free(w.own_facts);
	if (!w.oom) {
		/* libxml2 allocates through alloc.c (xmlMemSetup): its buffer is
		 * the caller's to free, with no copy */
		*len = (size_t)xmlBufferLength(buf);
		*out = (char *)xmlBufferDetach(buf);
	}
	xmlBufferFree(buf);
	if (!*out) {
		*len = 0;
		return WP_ENOMEM;
	}
	return WP_OK;
}
