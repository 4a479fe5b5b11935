/* diag.h: diagnostics, the list of findings a library call adds to.
 * Positions are 1-based; columns count Unicode code points. */
#ifndef WPGEN_DIAG_H
#define WPGEN_DIAG_H

#include "wpgen/export.h"

#include <stdarg.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { WP_NOTE, WP_WARNING, WP_ERROR } wp_severity;

typedef struct wp_diag {
	const char *file;     /* owned by the list */
	unsigned line, col;   /* 0 when the finding is about the whole file */
	unsigned end_line, end_col;
	wp_severity severity;
	const char *rule;     /* a stable id such as "read.table-cells"; static */
	char *message;        /* owned by the list */
	/* A fix: replace source bytes [fix_off, fix_off + fix_len) by fix_text
	 * (NULL when there is no fix). Offsets are of the text as read. */
	char *fix_text;
	size_t fix_off, fix_len;
	/* Where the finding is when a source has no lines (a .docx: "table 2,
	 * row 5 (12.), column 'Progress'"), owned, or NULL. When set, it is
	 * what the formats show; line and col (of the text wpgen read the
	 * source as) only order the findings. */
	char *where;
	/* Acknowledged in the source (front matter accept:, a Word original's
	 * wpgen:accept property): the reason given, owned; else NULL. An
	 * accepted finding is not counted in errors or warnings. */
	char *accepted;
} wp_diag;

typedef struct wp_diags {
	wp_diag *items;
	size_t n, cap;
	size_t errors, warnings; /* of the findings not accepted */
	size_t accepted;         /* findings accepted (of any severity) */
	int oom;              /* a diagnostic was lost for want of memory */
} wp_diags;

/* Adds a diagnostic; the file name and message are copied. Returns WP_OK
 * or WP_ENOMEM (then the list's oom flag is set). */
WP_API int wp_diags_add(wp_diags *d, const char *file, unsigned line, unsigned col,
		 wp_severity sev, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
/* The same with a va_list. */
WP_API int wp_diags_vadd(wp_diags *d, const char *file, unsigned line, unsigned col, wp_severity sev, const char *rule,
		  const char *fmt, va_list ap) __attribute__((format(printf, 7, 0)));
/* Sets the end position and a fix (replacement may be NULL: no fix) of
 * the diagnostic added last. Returns WP_OK or WP_ENOMEM. */
WP_API int wp_diags_set_fix(wp_diags *d, unsigned end_line, unsigned end_col, size_t off, size_t len,
		     const char *replacement);
/* Removes the diagnostics whose rule is named in ids (an id, or a family
 * prefix such as "numbering" for "numbering.gap"). */
WP_API void wp_diags_filter(wp_diags *d, const char *const *ids, size_t n);
/* The same for the diagnostics from index from on. */
WP_API void wp_diags_filter_from(wp_diags *d, size_t from, const char *const *ids, size_t n);
/* Nonzero when rule matches an id or family prefix in ids. */
WP_API int wp_rule_matches(const char *rule, const char *const *ids, size_t n);
/* Marks item i accepted, for that reason (copied), and counts it apart.
 * Returns WP_OK or WP_ENOMEM. */
WP_API int wp_diags_accept(wp_diags *d, size_t i, const char *why);
/* Sets item i's severity, keeping the counts right. */
WP_API void wp_diags_set_severity(wp_diags *d, size_t i, wp_severity sev);
/* Counts errors, warnings and accepted findings again (after the caller
 * changed or dropped items). */
WP_API void wp_diags_recount(wp_diags *d);
/* Sorts by file, line, column, keeping the order of equal positions. */
WP_API void wp_diags_sort(wp_diags *d);
/* The same for the diagnostics from index from on. */
WP_API void wp_diags_sort_from(wp_diags *d, size_t from);
/* Frees what the list holds and leaves it empty (the struct itself is the
 * caller's, usually on its stack: hence clear, not free). */
WP_API void wp_diags_clear(wp_diags *d);
/* Moves every finding of from, in order, to the end of to, and their
 * counts; from is left empty. WP_OK, or WP_ENOMEM (to's oom flag set,
 * from's findings dropped). */
WP_API int wp_diags_move(wp_diags *to, wp_diags *from);
WP_API const char *wp_severity_name(wp_severity s);

#ifdef __cplusplus
}
#endif

#endif
