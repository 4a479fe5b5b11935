/* profile.h: what a kind of work programme looks like, as data.
 *
 * A profile is a YAML file (profiles/NAME.yaml): the columns of each kind
 * of section, the markers the reader recognises, the colour map. Code asks
 * the profile; it never hard-codes a column name. */
#ifndef WPGEN_PROFILE_H
#define WPGEN_PROFILE_H

#include "wpgen/export.h"

#include <stddef.h>
#include "wpgen/diag.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct wp_profile_column {
	const char *key;
	const char *header;   /* the header text as the profile expects it */
	const char **aliases; /* other header texts accepted for it */
	size_t naliases;
	unsigned roles;       /* WP_ROLE_* */
} wp_profile_column;

typedef struct wp_profile_section {
	const char *kind;
	const char *heading; /* the usual heading text, for a section without one */
	wp_profile_column *columns;
	size_t ncolumns;
	const char *extra_key;  /* further columns of any number ("month": month.1, month.2, ...), or NULL */
	unsigned extra_roles;
} wp_profile_section;

typedef struct wp_profile_colour {
	const char *name;    /* "green" */
	const char *meaning; /* "Completed" */
	const char *css;     /* "#2e7d32" */
	const char **keywords; /* progress keywords this colour stands for */
	size_t nkeywords;
	const char **fills;    /* cell shadings of a Word original that mean it ("00B050") */
	size_t nfills;
	const char **highlights; /* Word highlight colours that mean it ("green") */
	size_t nhighlights;
} wp_profile_colour;

/* One parameter of a rule: a key and its values (a scalar is one value). */
typedef struct wp_profile_param {
	const char *key;
	const char **values;
	size_t nvalues;
} wp_profile_param;

/* A rule's settings in the profile's rules: mapping. */
typedef struct wp_profile_rule {
	const char *id;
	wp_profile_param *params;
	size_t nparams;
} wp_profile_rule;

typedef struct wp_profile {
	const char *name;
	const char *description;
	const char *annex_marker;      /* first line of the annex block, "Annex to" */
	const char **example_markers;  /* number cells that mark an example row */
	size_t nexample_markers;
	wp_profile_section *sections;
	size_t nsections;
	wp_profile_colour *colours;
	size_t ncolours;
	wp_profile_rule *rules;
	size_t nrules;
	int u_is_insertion;            /* "underline: insertion": <u> marks a tracked insertion */
	int narrative;                 /* sections of text, no tables (a progress report) */
	int headings_only;             /* only Markdown headings start sections, not "I. ..." paragraphs */
	const char *report_of;         /* a report: the kind of plan it reports on (a profile name) */
	const char *path;              /* the file it was loaded from */
	void *impl;
} wp_profile;

/* The names of the profiles in dir (NAME for each NAME.yaml), sorted:
 * free() each name and the array. */
WP_API size_t wp_profile_names(const char *dir, char ***names);

/* Loads a profile from a YAML file. On success *out is the caller's, to
 * free with wp_profile_free(). Problems go to diags with the file's
 * line:column; returns WP_OK, WP_EIO, WP_EINPUT or WP_ENOMEM. */
WP_API int wp_profile_load(wp_profile **out, const char *path, wp_diags *diags);
/* The same from memory; name is used in diagnostics. */
WP_API int wp_profile_parse(wp_profile **out, const char *buf, size_t len,
		     const char *name, wp_diags *diags);
WP_API void wp_profile_free(wp_profile *p);

/* The section kind, or NULL. */
WP_API const wp_profile_section *wp_profile_section_kind(const wp_profile *p, const char *kind);
/* The settings of rule id (or of its family, "numbering" for
 * "numbering.gap"), or NULL when the profile has none. */
WP_API const wp_profile_rule *wp_profile_rule_find(const wp_profile *p, const char *id);
/* The values of a rule's parameter (NULL and *n = 0 when absent). */
WP_API const char **wp_profile_param_values(const wp_profile_rule *r, const char *key, size_t *n);
/* The first value of a parameter, or dflt. */
WP_API const char *wp_profile_param_str(const wp_profile_rule *r, const char *key, const char *dflt);
/* The colour named (case-insensitive), or NULL. */
WP_API const wp_profile_colour *wp_profile_colour_find(const wp_profile *p, const char *name, size_t len);
/* The colour a Word cell's shading (fill "RRGGBB", or base: the theme
 * colour before its tint, may be NULL) or highlight (may be NULL) stands
 * for, or NULL. */
WP_API const wp_profile_colour *wp_profile_colour_of_fill(const wp_profile *p, const char *fill, const char *base,
						     const char *highlight);

#ifdef __cplusplus
}
#endif

#endif
