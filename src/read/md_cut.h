/* md_cut.h: where a Markdown text can be cut into pieces that cmark-gfm
 * parses one after the other exactly as it parses the whole (md_cut.c
 * says when that holds). Internal. */
#ifndef WP_READ_MD_CUT_H
#define WP_READ_MD_CUT_H

#include <stddef.h>

typedef struct md_cut {
	const char *t;
	size_t len;
	const size_t *ls; /* byte offset of each line (read/source.h) */
	size_t nlines;
	size_t line;      /* the next line to look at, 0-based */
	int never;        /* a link reference definition may be there: one piece */
	int blank;        /* the line before `line` is blank */
	char fence;       /* an open fenced code block's character, or 0 */
	size_t fence_len;
	const char *html_end; /* an open HTML block's end marker (kinds 1 to 5) */
	size_t tables;    /* open HTML <table> elements */
} md_cut;

/* Starts a scan of text[0..len), whose lines start at line_start[0..nlines). */
void md_cut_init(md_cut *c, const char *text, size_t len, const size_t *line_start, size_t nlines);
/* The byte offset of the first cut at or after min that follows the last
 * one returned, or len when there is none. Each call scans on from the
 * line it stopped at: a whole text is scanned once. */
size_t md_cut_next(md_cut *c, size_t min);

#endif
