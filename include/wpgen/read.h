/* read.h: readers turn a source into the model and nothing else. */
#ifndef WPGEN_READ_H
#define WPGEN_READ_H

#include "wpgen/export.h"

#include <stddef.h>
#include "wpgen/diag.h"
#include "wpgen/model.h"
#include "wpgen/profile.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What the Markdown reader refuses before parsing. Debian 12's cmark-gfm
 * (0.29.0.gfm.6) is quadratic on some crafted inputs; a linear pre-scan
 * refuses what no work programme needs, so one bad file cannot stall a
 * build. Zero in a field means its default. */
typedef struct wp_limits {
	size_t line;      /* bytes in one line (default 64 MiB; a 5 MB cell is fine) */
	size_t columns;   /* cells in one table row (default 256) */
	size_t brackets;  /* '[' and ']' in one paragraph (default 2,000) */
	size_t depth;     /* block quotes or list markers nested on one line (default 32) */
	size_t indent;    /* leading spaces of a line (default 256) */
	size_t emphasis;  /* '*', '_' and '~' in one paragraph (default 10,000) */
	/* A Word package (.docx), checked before inflating: */
	size_t docx_part;  /* bytes of one part inflated (default 256 MiB) */
	size_t docx_total; /* bytes of all the parts read (default 1 GiB) */
	size_t docx_ratio; /* inflated / compressed for a part over 1 MiB (default 200) */
	size_t input;      /* bytes of any file read whole (a source, standard input, a plan) (default 512 MiB) */
} wp_limits;

/* The defaults, and a limit set by name ("columns", ..., "docx-part",
 * "docx-total", "docx-ratio", "input"): WP_OK or WP_EUSAGE for an unknown name. */
WP_API extern const wp_limits wp_limits_default;
WP_API int wp_limits_set(wp_limits *l, const char *name, size_t value);

/* wp_read_md with limits other than the defaults (NULL: the defaults). */
WP_API int wp_read_md_limits(wp_programme **out, const char *buf, size_t len, const char *name,
		      const wp_profile *profile, const wp_limits *limits, wp_diags *diags);

/* Reads a Markdown work programme from buf[0..len) (any bytes: invalid
 * UTF-8 and NUL bytes are reported and replaced by U+FFFD). name is the
 * file name used in the model and in diagnostics.
 *
 * Returns WP_OK with *out set (warnings and errors about the content may
 * be in diags; the caller frees *out with wp_programme_free), WP_EINPUT
 * when there is no work programme to speak of (empty, binary, no table:
 * *out is NULL and diags says why), or WP_ENOMEM. */
WP_API int wp_read_md(wp_programme **out, const char *buf, size_t len, const char *name,
	       const wp_profile *profile, wp_diags *diags);

/* A compiled RELAX NG schema (schema/wpgen.rng). */
typedef struct wp_schema wp_schema;

/* Compiles the schema at path; problems go to diags. The caller frees
 * *out with wp_schema_free. Returns WP_OK, WP_EIO or WP_EINPUT. */
WP_API int wp_schema_load(wp_schema **out, const char *path, wp_diags *diags);
WP_API void wp_schema_free(wp_schema *s);

/* Reads a work programme in wpgen's XML from buf[0..len). The document is
 * parsed from memory without network access, entity substitution, DTD
 * loading, XInclude or libxml2's "huge" limits; a document with a DTD is
 * refused. With a schema, it is validated first. Every problem is a
 * diagnostic with its line. Returns WP_OK with *out set (free with
 * wp_programme_free), WP_EINPUT (not read; diags says why) or WP_ENOMEM. */
WP_API int wp_read_xml(wp_programme **out, const char *buf, size_t len, const char *name, const wp_profile *profile,
		const wp_schema *schema, wp_diags *diags);

#ifdef __cplusplus
}
#endif

#endif
