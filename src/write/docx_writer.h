/* docx_writer.h: what the files of the Word writer share (docx_xml.c
 * writes XML, runs and paragraphs, docx_parts.c the parts but the body
 * and the package, docx.c the body and the whole). Internal. */
#ifndef WP_WRITE_DOCX_WRITER_H
#define WP_WRITE_DOCX_WRITER_H

#include "wpgen/wpgen.h"
#include "base/util.h"

#include "base/lazy.h" /* libxml2, libxslt, libzip: loaded on first use */

#define DW_W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DW_R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define DW_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

/* Styles the writer names, which a reference document may lack (they are
 * added then); the reader knows the last two as annex furniture. */
#define DW_STYLE_STATUS "WpgenStatus"       /* the table of where things stand */
#define DW_STYLE_CHANGES "WpgenChanges"     /* a redline's summary of what changed */
#define DW_STYLE_RUNNING "WpgenRunningHead" /* the page header's title and session */

/* The page: A4 landscape, or a reference document's. */
typedef struct dw_page {
	long w, h, top, right, bottom, left, header, footer; /* twips */
	int landscape;
} dw_page;

/* A part of the package being made. */
typedef struct dw_part {
	const char *name;
	char *data;
	size_t len;
} dw_part;

typedef struct dw {
	const wp_programme *p;
	const wp_profile *prof;
	const wp_facts *f;
	xmlBufferPtr buf;      /* the part being written */
	xmlTextWriterPtr x;
	int err;               /* a write failed (memory) */
	int u_ins;             /* underlined text is a tracked insertion (the profile's "underline: insertion") */
	long rev;              /* the next revision id (w:ins, w:del) */
	char **links;          /* hyperlink targets: relationship rIdL<i + 1> */
	size_t nlinks, linkcap;
	unsigned char *real;   /* per footnote of p: written as a Word footnote (its mark on a heading) */
	dw_page page;
	const char *date;      /* of a revision whose run has none, or NULL */
} dw;

/* Element and attribute helpers: a failure is remembered in w->err. */
void dw_start(dw *w, const char *el);
void dw_end(dw *w);
void dw_attr(dw *w, const char *name, const char *value);
void dw_attrl(dw *w, const char *name, long value);
/* <el w:val="value"/> */
void dw_val(dw *w, const char *el, const char *value);
void dw_empty(dw *w, const char *el);
/* Text in a run: tabs as w:tab, newlines (soft breaks) as spaces, and characters XML 1.0
 * cannot hold as U+FFFD; deleted: w:delText. */
void dw_text(dw *w, const char *s, size_t n, int deleted);

/* Begins and ends a part: *part gets the bytes (malloc'd). */
int dw_part_begin(dw *w);
int dw_part_end(dw *w, dw_part *part, const char *name);

/* A run: its link, its revision (w:ins, w:del with w:delText), bold,
 * italic, underline, code (style VerbatimChar), its text or break. */
void dw_run(dw *w, const wp_run *r, int bold, int italic);
void dw_plain_run(dw *w, const char *s, int bold, int italic);
/* A revision's w:id, w:author and w:date (a day: at midnight UTC). */
void dw_rev_attrs(dw *w, const char *author, const char *date);
/* Opens a w:p of that style and alignment (NULL: none). */
void dw_para_start(dw *w, const char *style, const char *align);
void dw_para_runs(dw *w, const wp_para *pa, int italic);
/* A paragraph of plain text. */
void dw_text_para(dw *w, const char *style, const char *s, int bold, int italic);
/* A field's paragraphs as Word paragraphs of that style (NULL: Normal). */
void dw_paras(dw *w, const wp_field *f, const char *style, int italic);

/* The document body (docx.c). */
int dw_document(dw *w, dw_part *part);
/* A footnote's text as runs of one paragraph, its paragraphs apart by
 * two line breaks (as the Markdown annex writes a footnote). */
void dw_note_runs(dw *w, const wp_field *f);
/* A reference document's styles (wpgen's added where it lacks them) into
 * *styles, and its page into w->page. WP_OK, WP_EIO (said in d: it cannot
 * be read) or WP_ENOMEM. */
int dw_reference(dw *w, const char *ref, size_t len, const char *name, const wp_limits *lim, wp_diags *d,
		 dw_part *styles);

/* The package's other parts and the ZIP (docx_parts.c). */
/* styles: the reference's (dw_reference), or NULL for wpgen's. */
int dw_package(dw *w, dw_part *document, dw_part *styles, char **out, size_t *len);

#endif
