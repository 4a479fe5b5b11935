/* config.h: a project's configuration, .wpgen.yaml. A tree of programmes
 * shares its choices in files named .wpgen.yaml: each source is checked
 * with the files found from its folder up to the root of the tree (the
 * folder given to build, or the current directory), the nearest file
 * winning for each value it sets. What the caller gives (the command line)
 * wins over every file.
 *
 *   root: true                 # stop here: no file above this one applies
 *   profile: wco-working-body  # a name, or a profile file (relative to this file)
 *   as_of: 2026-06-30          # judge overdue activities at this date
 *   disable: [timeline.overdue, bodies]   # rule ids or families not run
 *   enable: [bodies.self]      # run even though a disable names its family
 *   severity: {link.no: note, plan-codes: warning}
 *   limits: {line: 200000}     # the --limit names
 *
 * A file is read once (a wp_configs keeps it); its findings (an unknown
 * key: config.unknown-key; a wrong value: config.value, the value left
 * out) are added the first time. */
#ifndef WPGEN_CONFIG_H
#define WPGEN_CONFIG_H

#include "wpgen/export.h"

#include <stddef.h>
#include "wpgen/diag.h"
#include "wpgen/read.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WP_CONFIG_FILE ".wpgen.yaml"

/* The configuration in force for a source: what each file above it says,
 * merged. Owned by the wp_configs it came from. */
typedef struct wp_config wp_config;
/* The files of a tree, each read once, and the configuration of each
 * folder. Not for use from several threads at once. */
typedef struct wp_configs wp_configs;

WP_API int wp_configs_new(wp_configs **out);
WP_API void wp_configs_free(wp_configs *c);

/* The configuration in force for the source at path ("-": standard input,
 * as of the current directory): the .wpgen.yaml files of its folder and
 * of each folder above it up to root (NULL: the current directory), or
 * up to a file that says root: true. A source outside root has those of
 * its own folder only. *out is NULL when no file applies. Returns WP_OK,
 * WP_EUSAGE (a file is not YAML or not a mapping, or cannot be read:
 * config.invalid, with its position) or WP_ENOMEM. */
WP_API int wp_configs_for(wp_configs *c, const char *path, const char *root, const wp_config **out, wp_diags *d);
/* One file, and no other (--config FILE). Returns as wp_configs_for. */
WP_API int wp_configs_file(wp_configs *c, const char *file, const wp_config **out, wp_diags *d);

/* What a configuration says, each value with the file, line and column
 * it comes from (for wpgen config). */
typedef struct wp_config_value {
	const char *key;    /* "profile", "as_of", "disable", "enable", "severity", "limits" */
	const char *name;   /* disable, enable: the rule; severity, limits: the rule or the limit; else NULL */
	const char *value;  /* the value as it applies (a profile file: resolved) */
	const char *file;   /* where it was set */
	unsigned line, col;
} wp_config_value;

/* Every value in force, in the order of the keys above (within a key, as
 * the files list them, the farthest first); *n of them. */
WP_API const wp_config_value *wp_config_values(const wp_config *c, size_t *n);
/* The files read, the farthest first. */
WP_API const char *const *wp_config_files(const wp_config *c, size_t *n);

/* The values of one key (NULL when not set). */
WP_API const char *wp_config_profile(const wp_config *c);
WP_API const char *wp_config_as_of(const wp_config *c);
/* Its limits under the caller's: a field the caller set (nonzero) wins. */
WP_API void wp_config_limits(const wp_config *c, const wp_limits *over, wp_limits *out);
/* Whether the configuration turns rule id off (its disable and enable, the
 * nearest file winning). */
WP_API int wp_config_disables(const wp_config *c, const char *rule);
/* The severity it gives rule id (the longest id or family that matches;
 * the nearest file winning for equal ones); -1: none. */
WP_API int wp_config_severity(const wp_config *c, const char *rule);

#ifdef __cplusplus
}
#endif

#endif
