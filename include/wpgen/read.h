/* read.h: readers turn a source into the model and nothing else. */
#ifndef WPGEN_READ_H
#define WPGEN_READ_H

#include <stddef.h>
#include "wpgen/diag.h"
#include "wpgen/model.h"
#include "wpgen/profile.h"

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
} wp_limits;

/* The defaults, and a limit set by name ("columns", ...): WP_OK or
 * WP_EUSAGE for an unknown name. */
extern const wp_limits wp_limits_default;
int wp_limits_set(wp_limits *l, const char *name, size_t value);

/* What an import placed: joint-work-plan areas and actions, dated-schedule
 * outline topics and tasks, progress-report sections (rows 0). */
typedef struct wp_import_stats {
	size_t sections, rows;
} wp_import_stats;

/* Turns a word processor's plain-text export (tab-separated cells) of a
 * programme of that kind (a profile name: joint-work-plan, dated-schedule,
 * progress-report) into wpgen's Markdown source; *out is malloc'd
 * (free()). Lines it could not place are reported (import.unplaced).
 * Returns WP_OK, WP_EINPUT (action-points: too irregular), WP_EUSAGE (a
 * kind it does not import) or WP_ENOMEM. */
int wp_import(char **out, size_t *outlen, const char *kind, const char *buf, size_t len, const char *name,
	      wp_import_stats *st, wp_diags *d);

/* wp_read_md with limits other than the defaults (NULL: the defaults). */
int wp_read_md_limits(wp_programme **out, const char *buf, size_t len, const char *name,
		      const wp_profile *profile, const wp_limits *limits, wp_diags *diags);

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
 * Markdown: "profile:" in its front matter), copied into out[0..n), and
 * its line into *line (when line is not NULL). Returns 1 when it names
 * one, 0 when it names none, and -1 when the name is not plain (letters,
 * digits, '-', '_', '.', not starting with '.'), which a caller refuses
 * (read.profile): a source must not point at a file elsewhere ("../x",
 * "/etc/x"). The name is then in out, cut to fit. */
int wp_peek_profile(char *out, size_t n, const char *buf, size_t len, unsigned *line);
/* How well a source fits a profile, without reading it: the number of
 * its table headers (XML: sections) of a kind the profile knows; for a
 * narrative profile, 1 when the source has headings and no table. One
 * linear pass. */
size_t wp_profile_fit(const wp_profile *prof, const char *buf, size_t len);
/* The same for np profiles at once, in one pass: score[k] for profs[k]. */
void wp_profiles_fit(const wp_profile *const *profs, size_t np, const char *buf, size_t len, size_t *score);
/* The profile among others that a source fits better than dflt, which
 * wins a tie: its index, or -1 for dflt (or when memory runs out). */
int wp_profile_pick(const wp_profile *dflt, const wp_profile *const *others, size_t n, const char *buf, size_t len);
/* The same for a progress report's plan (front matter plan:, or <plan> in
 * an XML header): 1 and the value in out, or 0. */
int wp_peek_plan(char *out, size_t n, const char *buf, size_t len);
/* The line of a metadata key in a source (front matter "key:", or <key>
 * in an XML header), for a diagnostic about its value; 1 when not found. */
unsigned wp_meta_line(const char *buf, size_t len, const char *key);

/* Whether a source is wpgen's XML rather than Markdown: by its name
 * (.xml, .md), else by its first bytes. */
int wp_looks_xml(const char *path, const char *buf, size_t len);

/* A progress report's plan. wp_plan_path: where the report at report_path
 * finds the plan its front matter names (relative to the report's folder
 * unless absolute); malloc'd (free()), NULL when out of memory.
 * wp_plan_profile: the profile the plan is read with, into out[0..n): the
 * one the plan's own metadata names, else the report profile's report_of.
 * Returns out, or NULL when neither names one. */
char *wp_plan_path(const char *report_path, const char *plan);
const char *wp_plan_profile(char *out, size_t n, const char *buf, size_t len, const wp_profile *report_prof);
/* Reads the plan at plan_path, with its profile (above) from
 * datadir/profiles and, for an XML plan, schema (or datadir/schema when
 * schema is NULL), and sets the report into it (wp_report_merge). A plan
 * that cannot be read, or whose profile cannot be loaded, is a report.plan
 * error on the report (report_name, at report_line: where it names the
 * plan, see wp_meta_line). On WP_OK *plan and *plan_prof
 * are the caller's (free the report after the plan). Returns WP_OK,
 * WP_EINPUT or WP_ENOMEM. */
int wp_plan_read(wp_programme **plan, wp_profile **plan_prof, const wp_programme *report, const char *report_name,
		 unsigned report_line, const char *plan_path, const wp_profile *report_prof, const char *datadir, const wp_schema *schema,
		 const wp_limits *limits, wp_diags *d);

/* Reads a whole file (or standard input when path is "-") into memory.
 * *out is malloc'd and NUL-terminated (free()). Returns WP_OK, WP_EIO
 * (errno is kept) or WP_ENOMEM. */
int wp_read_file(char **out, size_t *len, const char *path);

#endif
