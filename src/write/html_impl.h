/* html_impl.h: what the files of the HTML writer share (html.c,
 * html_text.c, html_status.c, html_timeline.c): the writer's state, text
 * and attribute escaping, inline content. Internal: hw_ is its prefix. */
#ifndef WP_WRITE_HTML_IMPL_H
#define WP_WRITE_HTML_IMPL_H

#include "wpgen/wpgen.h"
#include "base/util.h"

#include <stddef.h>

/* What a section's tables need worked out once: each column's share of
 * the width. */
typedef struct hw_section {
	unsigned *widths;     /* one per column */
	int nk;               /* the number column, or -1 */
} hw_section;

typedef struct hw_review hw_review; /* a review page's findings (review.c) */

typedef struct hw {
	wp_buf *b;
	const wp_programme *p;
	const wp_profile *prof;
	const wp_facts *f;
	int marks;            /* footnote marks in cells are links */
	hw_section *secs;
	wp_buf scratch;       /* attribute values being built */
	const hw_review *rv;  /* a review page: its findings, else NULL (the annex) */
	int oom;
} hw;

/* Text as HTML: &, < and > as entities, control characters but tab and
 * newlines dropped. */
void hw_text(wp_buf *b, const char *s, size_t n);
void hw_texts(wp_buf *b, const char *s);
/* ' name="value"', the value escaped for an attribute (NULL: ""). */
void hw_attr(hw *w, const char *name, const char *value);
/* The same for a link's target, URI-escaped. */
void hw_href(hw *w, const char *name, const char *value);
/* A number with at most two decimals, as an attribute or as text. */
void hw_num(wp_buf *b, double x);
void hw_num_attr(hw *w, const char *name, double x);
/* s with every run of white space one space, none at either end, into b
 * (emptied first). */
void hw_collapse(wp_buf *b, const char *s);
/* The first n characters of s, into b (emptied first). */
void hw_cut(wp_buf *b, const char *s, size_t n);
/* A run of paragraphs (cell: in a table cell, where footnote marks are
 * links), or one paragraph's runs. */
void hw_paras(hw *w, const wp_field *f, int cell);
void hw_inline(hw *w, const wp_para *pa, int cell);
/* A link to footnote mark, showing text. */
void hw_mark_link(hw *w, int mark, const char *text, size_t len);

/* The first column with a role (number before status), or -1. */
int hw_role_column(const wp_section *s, unsigned role);

/* The HTML annex, or with rv a review page (wp_write_html, wp_write_review). */
int hw_write(char **out, size_t *len, const wp_programme *p, const wp_profile *profile, const wp_facts *facts,
	     const hw_review *rv);

/* A review page's findings, placed on their cells (NULL: out of memory). */
hw_review *hw_review_new(const wp_programme *p, const wp_diags *findings);
void hw_review_free(hw_review *r);
/* A review page's parts (review.c): its policy in the head, its style,
 * the list of findings atop the body, its one script at the end; a
 * cell's class for its worst finding (NULL: none) and its findings
 * beside its text. */
void hw_review_head(hw *w);
void hw_review_style(hw *w);
void hw_review_panel(hw *w);
void hw_review_script(hw *w);
const char *hw_review_class(const hw *w, const wp_field *f);
void hw_review_cell(hw *w, const wp_field *f);

/* Where things stand (html_status.c): the summary table with its bars,
 * and the legend of colours and change marks. */
void hw_status_summary(hw *w);
void hw_legend(hw *w);

/* A dated schedule's timeline of due dates (html_timeline.c). */
void hw_timeline(hw *w, const wp_section *s, size_t k);

#endif
