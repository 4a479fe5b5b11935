/* read/source.h: a source text made safe to parse (valid UTF-8, no NUL bytes)
 * and indexed by line, so positions can be given as line:column. */
#ifndef WP_READ_SOURCE_H
#define WP_READ_SOURCE_H

#include <stddef.h>
#include "wpgen/diag.h"

typedef struct wp_source {
	char *text;          /* sanitised copy, NUL-terminated (wp_free) */
	size_t len;
	size_t *line_start;  /* byte offset of each line; line n is [n-1] */
	size_t nlines;
	unsigned replaced;   /* bytes replaced by U+FFFD */
	unsigned controls;   /* control characters replaced by spaces (same length) */
	int binary;          /* looks like a binary file, not text */
} wp_source;

/* Copies buf[0..len), dropping a UTF-8 byte-order mark and replacing each
 * invalid UTF-8 byte and NUL by U+FFFD with a diagnostic at its position,
 * and each control character (but tab, LF and CR) by a space for each of
 * its bytes, with a warning: the text keeps its length, so positions and
 * fixes stay true.
 * Returns WP_OK or WP_ENOMEM. */
/* Whether buf looks like a binary file (a PDF, an image, a ZIP), not text. */
int wp_source_binary(const char *buf, size_t len);
int wp_source_init(wp_source *s, const char *buf, size_t len, const char *name, wp_diags *diags);
void wp_source_free(wp_source *s);

/* A text that starts with a UTF-16 byte-order mark (Windows' "Unicode
 * text" exports), as UTF-8 in *out (wp_malloc'd, NUL-terminated) and
 * *outlen, decoded with iconv; each invalid sequence (a lone surrogate, a
 * last odd byte) is U+FFFD and an error read.invalid-utf16 at its line
 * (the first 20, then a count). Sets *out NULL when buf has no such mark.
 * Returns WP_OK or WP_ENOMEM. */
int wp_source_utf16(char **out, size_t *outlen, const char *buf, size_t len, const char *name, wp_diags *diags);

/* The bytes of line n (1-based), without its line ending; NULL if none. */
const char *wp_source_line(const wp_source *s, unsigned line, size_t *len);
/* The code-point column of byte column bytecol (1-based) on line. */
unsigned wp_source_col(const wp_source *s, unsigned line, unsigned bytecol);

#endif
