/* escape.h: text made safe for the formats wpgen writes, in one place:
 * HTML, JSON, YAML scalars (front matter), and Markdown (a paragraph, a
 * GFM table cell, an inline tag's attribute) so that reading the
 * Markdown back gives the same text. Every writer, the XSLT extension
 * functions and the diagnostics' formats use these. Internal. */
#ifndef WP_BASE_ESCAPE_H
#define WP_BASE_ESCAPE_H

#include <stddef.h>
#include "base/util.h"

/* &, <, >, " as entities. */
void esc_html(wp_buf *b, const char *s, size_t n);
/* A JSON string, quotes included; control characters as \u escapes. */
void esc_json(wp_buf *b, const char *s);
/* A YAML scalar: plain when that is safe, else double-quoted with
 * escapes (control characters included). */
void esc_yaml(wp_buf *b, const char *s);
/* Markdown: what CommonMark/GFM would read as syntax is escaped. cell: a
 * GFM table cell (the pipe too, newlines as spaces); line_start: s
 * begins a line, where block syntax must be escaped. */
void esc_md(wp_buf *b, const char *s, size_t n, int cell, int line_start);
/* A double-quoted attribute of an inline tag in Markdown (<ins
 * data-author="...">): ", & and | as entities, < > and newlines as spaces. */
void esc_md_attr(wp_buf *b, const char *s);

/* Text for a terminal or a log: control characters (C0 but tab, DEL, C1)
 * as \\xHH or \\uHHHH, so that a source's ESC or OSC sequence is shown,
 * never obeyed. */
void esc_term(wp_buf *b, const char *s);

#endif
