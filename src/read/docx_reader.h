/* docx_reader.h: what the files of the Word reader share (docx.c,
 * docx_package.c, docx_styles.c, docx_text.c, docx_table.c): the
 * package, the converter's state and the functions one calls in another.
 * Internal. */
#ifndef WP_READ_DOCX_READER_H
#define WP_READ_DOCX_READER_H

#include "wpgen/wpgen.h"
#include "wpgen/docx.h"
#include "base/alloc.h"
#include "base/escape.h"
#include "base/util.h"
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "base/lazy.h" /* libxml2, libxslt, libzip: loaded on first use */

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_NS_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define R_NS_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships"
#define A_NS "http://schemas.openxmlformats.org/drawingml/2006/main"
#define A_NS_STRICT "http://purl.oclc.org/ooxml/drawingml/main"

typedef enum { L_PARA, L_TABLE, L_ROW, L_CELL, L_FOOTNOTE, L_HEADER, L_PROPERTY } line_kind;

typedef struct place {
	unsigned line;       /* the Markdown's line where it starts */
	line_kind kind;
	unsigned table, row; /* 1-based (L_TABLE, L_CELL) */
	unsigned col;        /* 1-based grid column (L_CELL) */
	unsigned n;          /* paragraph or footnote number */
	char *column;        /* the column's header text (a document property: its name), or NULL */
	char *number;        /* the row's first cell, or NULL */
} place;

struct wp_docx_map {
	place *v;
	size_t n, cap;
};

typedef struct pkg {
	zip_t *zip;
	const char *name; /* the document's file name, for diagnostics */
	wp_diags *d;
	wp_limits lim;
	size_t total;     /* bytes inflated so far */
} pkg;

typedef struct parse_errors {
	pkg *k;
	const char *part;
	int said, dtd;
} parse_errors;

typedef struct rel {
	char *id, *type, *target; /* target: a part name, or a URL when external */
	int external;
} rel;

typedef struct rels {
	rel *v;
	size_t n;
} rels;

typedef enum { F_DECIMAL, F_UPPER_ROMAN, F_LOWER_ROMAN, F_UPPER_LETTER, F_LOWER_LETTER, F_DECIMAL_ZERO, F_NONE } num_fmt;

typedef struct level {
	int start;
	num_fmt fmt;
	char *text;      /* "%1." */
	int is_list;     /* defined */
} level;

typedef struct abstract {
	long id;
	level lv[9];
	int now[9], was[9];       /* counters: the new version, the old */
	int now_on[9], was_on[9]; /* a level started */
} abstract;

typedef struct numdef {
	long id;
	size_t abs;               /* index in abstracts */
	int start_override[9];    /* -1: none */
	int overridden;           /* the override was applied */
} numdef;

typedef struct numbering {
	abstract *a;
	size_t na;
	numdef *n;
	size_t nn;
} numbering;

typedef struct style {
	char *id;
	int heading;      /* 0, or 1..9 for "heading N", -1 for "Title" */
	long num_id;      /* the list a style numbers its paragraphs with, 0: none */
	int ilvl;
	/* a character style's run properties ("Strong" is bold, as LibreOffice
	 * writes <strong>): -1 when it says nothing, else 0 or 1 */
	signed char bold, italic, strike;
	size_t order;     /* its place in styles.xml (the first of one id wins) */
} style;

typedef struct styles {
	style *v;         /* sorted by id, then order: looked up in log n */
	size_t n;
} styles;

typedef struct theme {
	char rgb[12][7];    /* per slot (dk1 lt1 dk2 lt2 accent1..6 hlink folHlink): "RRGGBB" or "" */
} theme;

typedef struct footnote {
	long id;     /* w:id in word/footnotes.xml */
	int mark;    /* its number in the document: the order of first reference */
} footnote;

typedef struct conv {
	pkg *k;
	wp_buf out;           /* the Markdown */
	unsigned line;        /* the line out ends on (1-based) */
	wp_docx_map *map;
	rels rels;            /* the main part's */
	numbering nb;
	styles st;
	theme th;
	xmlDocPtr notes;      /* word/footnotes.xml, or NULL */
	footnote *fn;
	size_t nfn, fncap;
	char *header_part;    /* the default page header's part */
	char *custom_part;    /* the custom document properties' part, or NULL */
	int table_pending;    /* a table started, not yet written: its properties may say what it is */
	unsigned paras, tables;
	int title_done;       /* a title has been written */
	int oom;
	/* the table being read */
	unsigned row;         /* rows read in it */
	int in_head;          /* inside <thead> */
	int body_open;        /* <tbody> written */
	char **heads;         /* its columns' header texts (from the last header row), per cell of a row */
	size_t nheads;
	char **vmerge;        /* per grid column: the cell a vertical merge continues, as written */
	size_t nvmerge;
	/* the part of the table read as one (a word processor that merges two
	 * adjacent tables keeps each one's columns over a grid common to both,
	 * and each one's header row) */
	unsigned seg_rows;    /* rows in it */
	size_t *seg;          /* the grid columns its cells start and end at, ascending */
	size_t nseg, segcap;
	char **seg_head;      /* its header row's cell texts, whitespace folded; NULL: none */
	size_t nseg_head;
	wp_buf label, old_label; /* scratch: a list label, and the old version's when it differs */
} conv;

/* Inline state while walking a paragraph's runs. */
typedef struct inl {
	conv *cv;
	wp_buf *b;
	int html;             /* a cell (HTML) or a paragraph (Markdown) */
	const char *change;   /* "ins", "del" or NULL: the tracked change around */
	const char *author, *date;
	char *highlight;      /* the first highlight colour met (malloc'd), for the cell */
	int at_start;         /* a Markdown paragraph's start: block syntax is escaped */
	int header;           /* the page header: tabs and breaks end lines */
} inl;

typedef struct row_state {
	int head;              /* a header row (tblHeader) */
	const xmlNode *del, *ins; /* the row's own tracked deletion or insertion */
	size_t col;            /* the next cell's grid column */
	size_t cell;           /* the next cell's place in the row (its column, as a reader counts them) */
	char *number;          /* the text of its first cell */
	int first_is_head;     /* the first row reads as a header: its cells name the columns */
} row_state;

/* Styles wpgen's Word annex gives its furniture (write/docx_writer.h):
 * a table of where things stand, a redline's summary, the page header's
 * title and session. */
#define DX_STYLE_STATUS "WpgenStatus"
#define DX_STYLE_CHANGES "WpgenChanges"
#define DX_STYLE_RUNNING "WpgenRunningHead"
/* A paragraph's style id, or NULL. */
const char *dx_pstyle(const xmlNode *p);
/* The custom properties "wpgen:KEY" (profile, body, period, session,
 * as_of, programme) as front matter, first. */
int dx_properties_write(conv *cv);
const char *dx_attr_ns(const xmlNode *n, const char *local, const char *ns1, const char *ns2);
const xmlNode *dx_child(const xmlNode *n, const char *local);
int dx_is_w(const xmlNode *n, const char *local);
int dx_on(const xmlNode *n);
/* A run-properties toggle (pr's w:b, w:i, ...): its value, or -1 when pr
 * does not say. */
int dx_toggle(const xmlNode *pr, const char *name);
void dx_on_xml_error(void *ctx, xmlErrorPtr e);
xmlDocPtr dx_part_xml(pkg *k, const char *p, int optional, int *rc);
int dx_pkg_open(pkg *k, const char *buf, size_t len);
int dx_pkg_read(pkg *k, const char *p, char **out, size_t *len, int optional);
int dx_pkg_say(pkg *k, const char *rule, const char *fmt, ...);
/* The same for a package that cannot be read at all (not a ZIP, a
 * password, a damaged part): WP_EIO, so that the command exits 2. */
int dx_pkg_unreadable(pkg *k, const char *rule, const char *fmt, ...);
void dx_quiet_generic(void *arg, const char *fmt, ...);
const rel *dx_rel_by_id(const rels *r, const char *id);
const rel *dx_rel_by_type(const rels *r, const char *suffix);
void dx_rels_free(rels *r);
int dx_rels_read(pkg *k, const char *p, rels *out);
int dx_w_ns(const xmlNs *ns);
const char *dx_wattr(const xmlNode *n, const char *local);
int dx_hex6(const char *v);
int dx_int_attr(const xmlNode *n, int dflt);
/* Attribute attr of n (a w: attribute) as an integer from lo to hi into
 * *out: 1; absent: 0 (*out untouched); not a number or out of range:
 * said (docx.value: what, its value, the range; at line, a line of the
 * Markdown or 0 for a part), -1. */
int dx_num_in(pkg *k, unsigned line, const xmlNode *n, const char *attr, long lo, long hi, const char *what, long *out);
void dx_list_label(numbering *nb, long num_id, int ilvl, int deleted, int inserted, wp_buf *label, wp_buf *old);
void dx_numbering_free(numbering *nb);
int dx_numbering_read(pkg *k, const char *p, numbering *nb);
const style *dx_style_find(const styles *s, const char *id);
void dx_styles_free(styles *s);
int dx_styles_read(pkg *k, const char *p, styles *out);
int dx_theme_read(pkg *k, const char *p, theme *t);
int dx_theme_slot(const char *v);
void dx_tint_shade(char out[7], const char *rgb, const char *tint, const char *shade);
void dx_body_para(conv *cv, const xmlNode *p);
void dx_change_tag(wp_buf *b, const char *tag, const xmlNode *change);
void dx_emit(conv *cv, const char *s, size_t n);
void dx_emits(conv *cv, const char *s);
void dx_list_vs_typed(conv *cv, const char *label, const char *text, size_t lab);
size_t dx_para_inline(conv *cv, const xmlNode *p, wp_buf *b, int html, int row_del, int row_ins, char **highlight,
			  int *heading);
place *dx_place_add(conv *cv, line_kind kind);
/* (at most max bytes of text, cut between characters, an ellipsis said where it is cut) */
char *dx_plain(const char *s, size_t max);
void dx_put_mark(wp_buf *b, int mark, int html);
void dx_walk_inline(inl *x, const xmlNode *n);
void dx_footnotes_write(conv *cv);
int dx_header_write(conv *cv);
void dx_table_begin(conv *cv);
void dx_table_end(conv *cv);
void dx_table_row(conv *cv, const xmlNode *tr);
void dx_seg_head_free(conv *cv);

#endif
