/* layout.h: what the annexes lay out beyond the model (layout.c), worked
 * out in one place for the XML writer (xml.c, whose output the templates
 * read) and the native HTML writer (html.c), so that the two agree.
 * Internal. */
#ifndef WP_WRITE_LAYOUT_H
#define WP_WRITE_LAYOUT_H

#include <stddef.h>
#include "wpgen/model.h"
#include "wpgen/profile.h"

/* Printed, a page of a table holds about this many lines of text: a row
 * estimated taller says so (print-lines). */
#define AX_PAGE_LINES 40

/* The share of the table's width each column's content asks for, in
 * percent, into widths[ncolumns]; cell_chars (NULL, or room for
 * (nactivities + nexamples) * ncolumns) gets each cell's characters, the
 * activities' rows then the examples'. Returns 0 when memory ran out. */
int ax_column_widths(const wp_section *s, unsigned *widths, size_t *cell_chars);

/* The lines the row's tallest cell takes printed at those widths, from
 * its cells' characters (chars[ncolumns], as ax_column_widths gives). */
long ax_print_lines(const wp_section *s, const wp_activity *a, const size_t *chars, const unsigned *widths);

/* The shade a status cell of that colour is printed in, as every annex
 * shades it: the profile's first Word shading for the colour, else its
 * CSS colour, as "RRGGBB" into fill; into ink the text's colour on it,
 * black or white, whichever reads better. 0 when the colour has none. */
int ax_colour_shade(const wp_profile_colour *c, char fill[7], char ink[7]);

/* Whether footnote marks in table cells are links (<ref>): the profile
 * lets them stand there and the programme has footnotes. */
int ax_cell_marks(const wp_programme *p, const wp_profile *prof);

/* The next footnote mark in text[*i, len): a run of superscript digits
 * that spells the mark of one of p's footnotes. Returns 1 and its bytes
 * [*start, *end) and *mark, and moves *i past it; 0 when there is none
 * (then *i is len). */
int ax_next_mark(const wp_programme *p, const char *text, size_t len, size_t *i, size_t *start, size_t *end, int *mark);

#endif
