/* status_table.h: where things stand as a table of text, made once from
 * the facts for every writer that shows it as a table (the Markdown
 * annex's, the Word annex's). Internal. */
#ifndef WP_WRITE_STATUS_TABLE_H
#define WP_WRITE_STATUS_TABLE_H

#include <stddef.h>
#include "wpgen/facts.h"
#include "wpgen/model.h"
#include "wpgen/profile.h"

/* nrows rows of ncols cells, row by row: the header ("Section",
 * "Activities", a column a colour, "No colour", "Overdue at DATE" with
 * an as-of date), a row a section with activities, the total ("All")
 * last. Columns from the second on are counts. */
typedef struct st_table {
	char **cells;
	size_t nrows, ncols, n;
} st_table;

/* Returns WP_OK or WP_ENOMEM (t then empty). */
int st_table_make(st_table *t, const wp_facts *st, const wp_programme *p, const wp_profile *prof);
void st_table_free(st_table *t);

static inline const char *st_cell(const st_table *t, size_t row, size_t col)
{
	return t->cells[row * t->ncols + col];
}

#endif
