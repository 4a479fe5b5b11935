/* md_table.h: what the Markdown reader shares with detection (which
 * matches table headers against profiles without reading the source).
 * Internal to the library. */
#ifndef WP_READ_MD_TABLE_H
#define WP_READ_MD_TABLE_H

#include <stddef.h>
#include "wpgen/profile.h"

/* Splits a trailing footnote mark (" ¹", "³⁴") off a header text in
 * place; returns the mark, or 0 when there is none. */
int md_strip_mark(char *s);
/* The profile's section kind whose columns best match the n header
 * texts (at least half of them), or NULL; *score: how many matched. */
const wp_profile_section *md_match_kind(const wp_profile *prof, char **hdr, size_t n, size_t *score);

#endif
