/* format.h: diagnostics as text for people and for tools. */
#ifndef WPGEN_FORMAT_H
#define WPGEN_FORMAT_H

#include "wpgen/export.h"

#include <stddef.h>
#include "wpgen/diag.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { WP_FORMAT_GCC, WP_FORMAT_JSON, WP_FORMAT_SARIF, WP_FORMAT_GITHUB } wp_format;

/* Parses "gcc", "json", "sarif" or "github"; returns -1 for anything else. */
WP_API int wp_format_parse(const char *name);

/* Formats every diagnostic of d (sort it first):
 *  gcc     file:line:column: severity: message [rule], one a line
 *  json    [{"file","line","column","end_line","end_column","rule","severity","message"[,"fix"]}]
 *  sarif   a SARIF 2.1.0 log: rules in tool.driver.rules, partialFingerprints
 *  github  ::error file=…,line=…,col=…,title=rule::message
 * *out is malloc'd (free()). Returns WP_OK or WP_ENOMEM. */
WP_API int wp_format_diags(char **out, size_t *len, const wp_diags *d, wp_format format);

/* The same, with flags: WP_FORMAT_STATISTICS adds a count per rule, worst
 * first (errors, warnings, notes; the most frequent first): gcc lines
 * "COUNT  SEVERITY  RULE" after the findings; for JSON an object
 * {"findings": [...], "statistics": [{"rule", "severity", "count"}]};
 * for SARIF the run's properties.statistics; for GitHub notices. */
enum { WP_FORMAT_STATISTICS = 1 };
WP_API int wp_format_diags_ex(char **out, size_t *len, const wp_diags *d, wp_format format, unsigned flags);

#ifdef __cplusplus
}
#endif

#endif
