/* check.h: the rule set. Each rule has a stable id, a default severity,
 * the footnote or convention it comes from, and one function. Rules read
 * the model and the profile and add diagnostics (with a fix where one is
 * unambiguous); they never change the model. */
#ifndef WPGEN_CHECK_H
#define WPGEN_CHECK_H

#include "wpgen/export.h"

#include <stddef.h>
#include "wpgen/diag.h"
#include "wpgen/facts.h"
#include "wpgen/model.h"
#include "wpgen/profile.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct wp_rule {
	const char *id;       /* "numbering.gap" */
	const char *name;     /* a short name */
	wp_severity severity; /* its default severity */
	const char *phase;    /* who reports it: read, profile, check, render, report, import, build, io */
	const char *source;   /* where the rule comes from: "footnote 7", "reader", ... */
	const char *explain;  /* one line */
} wp_rule;

/* Every rule, and every other id a diagnostic carries, in a stable order
 * (the registry, src/rules.def); *n is their number. */
WP_API const wp_rule *wp_rules(size_t *n);
/* The rule with that id, or NULL. */
WP_API const wp_rule *wp_rule_find(const char *id);
/* Nonzero when id names a rule or a family of rules ("numbering" for
 * "numbering.gap"), as --disable, .wpgen.yaml and accept: take them. */
WP_API int wp_rule_known(const char *id);

typedef struct wp_check_opts {
	const char *as_of;          /* YYYY-MM-DD: the date overdue activities are judged at; NULL: none */
	const char *const *disable; /* rule ids or families not to run */
	size_t ndisable;
	int want_fixes;             /* also emit the notes that carry follow-on fixes (renumbering) */
	const wp_facts *facts;      /* p's facts (colours, keywords, overdue, rows in the version); NULL: worked
				       out for the check, of the accepted version at as_of */
} wp_check_opts;

/* Runs every rule the profile configures (and the generic ones) on p.
 * Returns WP_OK or WP_ENOMEM; findings go to d. */
WP_API int wp_check(const wp_programme *p, const wp_profile *profile, const wp_check_opts *o, wp_diags *d);

/* Applies the fixes in d that are about file (a diagnostic's file name)
 * to the source bytes src[0..len) that were read (fix offsets are of
 * those bytes). Overlapping fixes after the first are left out. *out is
 * malloc'd (free()); *applied says how many fixes were applied. Returns
 * WP_OK or WP_ENOMEM. */
WP_API int wp_fix_apply(char **out, size_t *outlen, size_t *applied, const char *file, const char *src, size_t len,
		 const wp_diags *d);

/* A unified diff (3 lines of context) from a to b, both of the same file
 * name; "" when they are equal. *out is malloc'd (free()). */
WP_API int wp_diff(char **out, const char *name, const char *a, size_t alen, const char *b, size_t blen);

#ifdef __cplusplus
}
#endif

#endif
