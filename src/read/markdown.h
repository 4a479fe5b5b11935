/* markdown.h: the Markdown reader's entry for the rest of wpgen, beyond
 * the public wp_read_md (wpgen/read.h). Internal. */
#ifndef WP_READ_MARKDOWN_H
#define WP_READ_MARKDOWN_H

#include "wpgen/wpgen.h"

/* wp_read_md_limits for the Markdown a Word document was converted to
 * (word: its messages speak of Word tables, not Markdown ones). */
int wp_read_md_from(wp_programme **out, const char *buf, size_t len, const char *name, const wp_profile *profile,
		    const wp_limits *limits, int word, wp_diags *diags);

/* For the tests: parse a Markdown text in pieces of at least n bytes
 * (0: the whole text at once); process-wide. The reader's output is the
 * same for every n (tests/pathological.sh's differential test). */
void wp_md_piece_bytes(size_t n);

#endif
