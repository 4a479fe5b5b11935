/* import.h: a word processor's plain-text export turned into wpgen's
 * Markdown source of a kind. */
#ifndef WPGEN_IMPORT_H
#define WPGEN_IMPORT_H

#include "wpgen/export.h"

#include <stddef.h>
#include "wpgen/diag.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What an import placed: joint-work-plan areas and actions, dated-schedule
 * outline topics and tasks, progress-report sections (rows 0). */
typedef struct wp_import_stats {
	size_t sections, rows;
} wp_import_stats;

/* Turns a word processor's plain-text export (tab-separated cells) of a
 * programme of that kind (a profile name: joint-work-plan, dated-schedule,
 * progress-report) into wpgen's Markdown source; *out is malloc'd
 * (free()). set: KEY=VALUE metadata for its front matter (written as
 * YAML scalars; they win over what the export gives). Lines it could
 * not place are reported (import.unplaced).
 * Returns WP_OK, WP_EINPUT (action-points: too irregular), WP_EUSAGE (a
 * kind it does not import) or WP_ENOMEM. */
WP_API int wp_import(char **out, size_t *outlen, const char *kind, const char *buf, size_t len, const char *name,
	      const char *const *set, size_t nset, wp_import_stats *st, wp_diags *d);

#ifdef __cplusplus
}
#endif

#endif
