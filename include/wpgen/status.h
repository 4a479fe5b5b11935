/* status.h: where things stand, in words: per section, the activities
 * by the colour of their completion status (the profile's colours), those
 * without one, and those overdue at an as-of date, as the facts count
 * them (wpgen/facts.h). */
#ifndef WPGEN_STATUS_H
#define WPGEN_STATUS_H

#include "wpgen/export.h"

#include <stddef.h>
#include "wpgen/facts.h"
#include "wpgen/model.h"
#include "wpgen/profile.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The counts as one line of text ("I: 6 activities, 1 green, 3 blue, 2
 * red, 4 overdue at 2026-06-01; II: 4 activities, no status column"), as
 * a JSON array of sections (the last, "section": null, the total), or as
 * a Markdown table (what the Markdown annex shows). Returns WP_OK or
 * WP_ENOMEM. */
/* The comment the Markdown table opens with; the Markdown reader passes
 * the table after it (it is the annex's summary, not the programme's). */
#define WP_STATUS_MARK "<!-- wpgen: status summary -->"
/* The comment a redline's summary of what changed opens with (the
 * paragraph after it is annex furniture too). */
#define WP_CHANGES_MARK "<!-- wpgen: changes summary -->"

typedef enum wp_status_format { WP_STATUS_TEXT, WP_STATUS_JSON, WP_STATUS_MD } wp_status_format;
WP_API int wp_status_write(char **out, size_t *len, const wp_facts *f, const wp_programme *p, const wp_profile *prof,
		    wp_status_format fmt);

#ifdef __cplusplus
}
#endif

#endif
