/* md_reader.h: what the files of the Markdown reader share (markdown.c,
 * md_fields.c, md_table.c, md_html_table.c, limits.c): the reader's
 * state and the functions one calls in another. Internal. */
#ifndef WP_READ_MD_READER_H
#define WP_READ_MD_READER_H

#include "wpgen/wpgen.h"
#include "base/alloc.h"
#include "base/date.h"
#include "model/assemble.h"
#include "read/front_matter.h"
#include "read/md_table.h"
#include "read/source.h"
#include "base/util.h"
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include "base/lazy.h" /* libxml2, libxslt, libzip: loaded on first use */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct span {
	size_t off, len; /* bytes into the source text, trimmed */
	size_t ws;       /* an empty cell: off is its interior's start, ws its width */
} span;

typedef struct reader {
	wp_arena *arena;
	wp_programme *p;
	const wp_profile *prof;
	wp_diags *diags;
	const char *name;
	wp_source src;
	wp_section *cur;
	int oom;

	/* the run being gathered (see run_flush) */
	wp_buf text;
	unsigned style;
	const char *href;
	const char *author, *date; /* of the open <ins>/<del> */
	int pending_change;        /* they changed since the run began */
	wp_field *field;
	wp_para *para;     /* open paragraph of field, or NULL */
	wp_pos next_pos;   /* position of the next paragraph to open */
	int depth[6];      /* open count per style bit */

	/* Memory alive across calls into cmark-gfm lives here or in the arena:
	 * such a call may jump back to wp_read_md_limits when an allocation
	 * fails (alloc.c), and only what the reader can find is freed. */
	wp_arena scratch;  /* texts of the block being read; emptied after each */
	wp_cmark_session cs;
	cmark_node *doc;
	int locked;        /* holds parse_lock */
	unsigned line0;    /* the lines of the source before the piece being read (markdown.c) */
	unsigned skip_to;  /* the last line of an HTML table read from the source: its nodes are passed */
	int status_table;  /* the next table is the status summary an annex shows: not the programme's */
	int changes_para;  /* the next paragraph is a redline's summary of what changed: not the programme's */
	unsigned html_line0; /* the line an HTML fragment starts at */
	size_t html_off0;    /* and its byte offset in the source */
	struct {             /* the source's <table> ... </table> pairs, by offset */
		size_t (*at)[2];
		size_t n, cap;
		int done;
	} tables;
	struct fold {      /* a header finding, and how often a repeated header repeated it */
		size_t section, col;
		const char *text;
		size_t diag, count;
	} *folds;
	size_t nfolds, fcap;
	span *cells;       /* scratch: raw cells of the current row */
	size_t ncells, ccap;
	/* the last column worked out, so that the cells of a row, asked in
	 * order, are counted once and not each from the start of the line */
	unsigned col_line, col_byte, col_chars;
} reader;

typedef struct row {
	wp_field *fields; /* one per column of the section */
	size_t n;
	wp_pos pos;
	unsigned line;
	unsigned written;
} row;

/* An HTML table read as the parser builds it: rows are placed as soon as
 * they are whole and then freed, so a table of a hundred thousand rows
 * (a 50 MB Word original) costs a few rows' tree, not its whole. */
typedef struct htab {
	reader *r;
	htmlParserCtxtPtr ctxt;
	xmlNodePtr table;
	int started;      /* its header is placed */
	int may_guide;
	size_t ncols;     /* the header's columns */
	size_t *map;      /* grid column (colspans counted) -> column: the header's cells are the
			   * columns, each one whatever its colspan; NULL: the grid is the columns */
	size_t nmap;
} htab;

/* The source line node n starts at (cmark-gfm counts from its piece's
 * start); 0 when cmark-gfm gives none. */
static inline unsigned md_line(const reader *r, cmark_node *n)
{
	int l = cmark_node_get_start_line(n);
	return l > 0 ? (unsigned)l + r->line0 : 0;
}

unsigned md_cur_style(reader *r);
void md_field_begin(reader *r, wp_field *f, wp_pos pos);
void md_field_end(reader *r);
void md_inlines(reader *r, cmark_node *first, cmark_node *stop);
wp_pos md_node_pos(reader *r, cmark_node *n);
void md_para_close(reader *r);
wp_para *md_para_open(reader *r);
wp_pos md_pos_at(reader *r, int line, int bytecol);
void md_run_add(reader *r, wp_run_kind kind, const char *text, size_t len);
void md_run_flush(reader *r);
void md_text_add(reader *r, const char *s, size_t n, unsigned style, const char *href);
void md_cmark_failed(reader *r, wp_cmark_session *cs);
void md_fold_headers(reader *r);
int md_is_rule_cell(const char *s, size_t n);
int md_is_stray_rule(reader *r);
cmark_node *md_parse(reader *r, const char *text, size_t len, int tables);
int md_place_header(reader *r, char **hdr, int *marks, size_t n, wp_pos pos, const wp_pos *colpos, size_t skip);
void md_place_row(reader *r, row *wp, int *may_guide);
char *md_plain_of(reader *r, cmark_node *cell);
void md_read_table(reader *r, cmark_node *table);
char *md_scratch_text(reader *r, const wp_field *f);
wp_section *md_section_new(reader *r, wp_pos pos);
wp_field *md_text_home(reader *r);
size_t md_html_cells(xmlNodePtr tr, xmlNodePtr *cells, size_t max, size_t *span_total);
int md_html_table_block(reader *r, cmark_node *n);
void md_superscript(reader *r, const char *t);
int md_tag_at(const char *p, const char *end, const char *tag, size_t n);
int md_over_limits(reader *r, const wp_limits *lim);

#endif
