/* docx.h: a Word document (.docx) read as wpgen's Markdown.
 *
 * What a work programme keeps only in Word comes through: tracked
 * changes (in runs and whole rows) as <ins>/<del> with author and date,
 * the numbers a list shows in the "No." column, cell shading (the
 * completion status) as data-fill on the cell, footnotes bound to their
 * marks, the running header as the annex block. Tables are written as
 * HTML tables, which the Markdown reader reads like pipe tables. A .docx
 * has no lines: a map from the Markdown's lines back to the document
 * (table, row, column, paragraph, footnote) lets each finding say where
 * it is in Word. */
#ifndef WPGEN_DOCX_H
#define WPGEN_DOCX_H

#include "wpgen/export.h"

#include <stddef.h>
#include "wpgen/diag.h"
#include "wpgen/read.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Whether buf looks like a Word package (a ZIP file) or like a legacy
 * Word or encrypted document (an OLE compound file): either is read by
 * wp_docx_to_md, which says what it is. */
WP_API int wp_docx_sniff(const char *buf, size_t len);

typedef struct wp_docx_map wp_docx_map;

/* The document at buf[0..len) (name: for diagnostics) as Markdown:
 * *md (malloc'd, NUL-terminated) and *mdlen, and *map (free with
 * wp_docx_map_free). The package is read with limits on each part's
 * size, the total inflated and the compression ratio, checked before
 * inflating (limits NULL: the defaults); its XML parts without network,
 * DTD or entities. Returns WP_OK, WP_EINPUT (not a Word document, or
 * refused: d says why) or WP_ENOMEM. */
WP_API int wp_docx_to_md(char **md, size_t *mdlen, wp_docx_map **map, const char *buf, size_t len, const char *name,
		  const wp_limits *limits, wp_diags *d);

/* Says where in the document each finding of d from index from on that
 * is about the file name lies ("table 2, row 5 (No. 12.), column
 * 'Progress'"), in its where; its line and column, the Markdown's, stay
 * for sorting, and the formats show where instead. Returns WP_OK or
 * WP_ENOMEM. */
WP_API int wp_docx_locate(const wp_docx_map *map, const char *name, wp_diags *d, size_t from);

WP_API void wp_docx_map_free(wp_docx_map *map);

#ifdef __cplusplus
}
#endif

#endif
