/* status.h: where things stand. Per section, the activities of the new
 * version by the colour of their completion status (the profile's
 * colours), those without one, and those overdue at an as-of date (the
 * rule timeline.overdue's reading of the timeline and the progress). */
#ifndef WPGEN_STATUS_H
#define WPGEN_STATUS_H

#include <stddef.h>
#include "wpgen/model.h"
#include "wpgen/profile.h"

typedef struct wp_status_count {
	int has_status;     /* the section has a status column (the total: one of them has) */
	size_t activities;
	size_t *by_colour;  /* one per colour of the profile, in its order */
	size_t none;        /* no colour of the profile */
	size_t overdue;     /* at as_of; 0 without one */
} wp_status_count;

typedef struct wp_status {
	size_t nsections, ncolours;
	wp_status_count *sections; /* one per section of the programme */
	wp_status_count total;
	const char *as_of;         /* as given (not copied), or NULL */
} wp_status;

/* Counts p's activities (a row a tracked change deletes whole is not in
 * the new version: not counted). as_of: YYYY-MM-DD, or NULL (no overdue
 * count). Returns WP_OK or WP_ENOMEM; free with wp_status_free. */
int wp_status_count_programme(wp_status *st, const wp_programme *p, const wp_profile *prof, const char *as_of);
void wp_status_free(wp_status *st);

/* The colour a status cell names in the new version (its first word:
 * "Green", "green - completed"), in *out, or NULL. WP_OK or WP_ENOMEM. */
int wp_status_colour(const wp_profile_colour **out, const wp_profile *prof, const wp_field *f);

/* Whether activity a of section s is overdue at as_of (its timeline's
 * latest date before as_of, its progress not done), by the profile's
 * timeline.overdue settings; end (11 bytes, or NULL) gets that date.
 * 1, 0, or -1 when memory ran out. */
int wp_activity_overdue(const wp_profile *prof, const wp_section *s, const wp_activity *a, const char *as_of,
			char end[11]);

/* The counts as one line of text ("I: 6 activities, 1 green, 3 blue, 2
 * red, 4 overdue at 2026-06-01; II: 4 activities, no status column"), as
 * a JSON array of sections (the last, "section": null, the total), or as
 * a Markdown table (what the Markdown annex shows). Returns WP_OK or
 * WP_ENOMEM. */
/* The comment the Markdown table opens with; the Markdown reader passes
 * the table after it (it is the annex's summary, not the programme's). */
#define WP_STATUS_MARK "<!-- wpgen: status summary -->"

typedef enum wp_status_format { WP_STATUS_TEXT, WP_STATUS_JSON, WP_STATUS_MD } wp_status_format;
int wp_status_write(char **out, size_t *len, const wp_status *st, const wp_programme *p, const wp_profile *prof,
		    wp_status_format fmt);

#endif
