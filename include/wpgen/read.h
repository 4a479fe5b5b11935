/* read.h: readers turn a source into the model and nothing else. */
#ifndef WPGEN_READ_H
#define WPGEN_READ_H

#include <stddef.h>
#include "wpgen/diag.h"
#include "wpgen/model.h"
#include "wpgen/profile.h"

/* Reads a Markdown work programme from buf[0..len) (any bytes: invalid
 * UTF-8 and NUL bytes are reported and replaced by U+FFFD). name is the
 * file name used in the model and in diagnostics.
 *
 * Returns WP_OK with *out set (warnings and errors about the content may
 * be in diags; the caller frees *out with wp_programme_free), WP_EINPUT
 * when there is no work programme to speak of (empty, binary, no table:
 * *out is NULL and diags says why), or WP_ENOMEM. */
int wp_read_md(wp_programme **out, const char *buf, size_t len, const char *name,
	       const wp_profile *profile, wp_diags *diags);

/* A compiled RELAX NG schema (schema/wpgen.rng). */
typedef struct wp_schema wp_schema;

/* Compiles the schema at path; problems go to diags. The caller frees
 * *out with wp_schema_free. Returns WP_OK, WP_EIO or WP_EINPUT. */
int wp_schema_load(wp_schema **out, const char *path, wp_diags *diags);
void wp_schema_free(wp_schema *s);

/* Reads a work programme in wpgen's XML from buf[0..len). The document is
 * parsed from memory without network access, entity substitution, DTD
 * loading, XInclude or libxml2's "huge" limits; a document with a DTD is
 * refused. With a schema, it is validated first. Every problem is a
 * diagnostic with its line. Returns WP_OK with *out set (free with
 * wp_programme_free), WP_EINPUT (not read; diags says why) or WP_ENOMEM. */
int wp_read_xml(wp_programme **out, const char *buf, size_t len, const char *name, const wp_profile *profile,
		const wp_schema *schema, wp_diags *diags);

/* The profile a source names (XML: the root's profile attribute;
 * Markdown: "profile:" in its front matter), copied into out[0..n).
 * Returns 1 when it names one, else 0. */
int wp_peek_profile(char *out, size_t n, const char *buf, size_t len);

/* Reads a whole file (or standard input when path is "-") into memory.
 * *out is malloc'd and NUL-terminated (free()). Returns WP_OK, WP_EIO
 * (errno is kept) or WP_ENOMEM. */
int wp_read_file(char **out, size_t *len, const char *path);

#endif
