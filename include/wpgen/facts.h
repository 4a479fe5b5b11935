/* facts.h: what a programme says beyond its text, worked out once.
 *
 * An activity's completion-status colour, its progress keyword, whether a
 * tracked change inserts or deletes its row, whether it is overdue at a
 * date, a schedule's due date, and the counts per section and colour: every writer (HTML,
 * Markdown, XML, the templates through the XML), every rule, the summary
 * of `check`, the build's index page and `wpgen diff` read them here and
 * never work them out on their own, so that no two outputs can disagree.
 *
 * Facts are of one version of the programme's tracked changes:
 *  - WP_CHANGES_ACCEPT and WP_CHANGES_SHOW: the programme as it will stand
 *    once its changes are accepted. "show" only differs in what a reader
 *    sees (both versions, marked); what is counted is the new version: a
 *    row a tracked change deletes whole is not counted, a status cell
 *    "<del>Red</del> <ins>Green</ins>" is green (and was red).
 *  - WP_CHANGES_REJECT: the programme as it stood before them.
 * Facts can be taken of a programme whose changes are still marked (the
 * version is then read from the marks) or of one they were applied to
 * (wp_programme_changes): both give the same facts. */
#ifndef WPGEN_FACTS_H
#define WPGEN_FACTS_H

#include "wpgen/export.h"

#include <stddef.h>
#include "wpgen/model.h"
#include "wpgen/profile.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct wp_row_facts {
	wp_change change;        /* the row is inserted or deleted whole by a tracked change */
	int counted;             /* the row is in the version: counted, checked, shown as an activity */
	int marked;              /* one of its cells holds a tracked change */
	const wp_profile_colour *colour;     /* its status cell's colour in the version (the cell's first
						word), or NULL */
	int colour_changed;      /* SHOW: a tracked change in the status cell changed its colour */
	const wp_profile_colour *colour_was; /* then the colour before (NULL: none); else NULL */
	const char *keyword;     /* the keyword its progress text opens with, as the profile spells it, or NULL */
	const wp_profile_colour *keyword_colour; /* the colour that keyword stands for */
	int overdue;             /* at the facts' as-of date (see wp_facts_new) */
	char ended[11];          /* YYYY-MM-DD: when overdue, the day its timeline ended; else "" */
	struct {
		int y, m, d;     /* a schedule's due date (its date column, dd/mm/yyyy) in the version: the
				    day is 0 when still to be fixed ("xx/04/2023"); all 0 without one */
	} due;
} wp_row_facts;

typedef struct wp_count {
	int has_status;          /* there is a status column (in the total: in some section) */
	size_t activities;       /* rows counted */
	size_t *by_colour;       /* of those, per colour of the profile, in its order */
	size_t none;             /* with a status column and no colour of the profile */
	size_t overdue;          /* at the as-of date (0 without one) */
	size_t inserted;         /* rows a tracked change inserts whole (counted in SHOW and ACCEPT) */
	size_t deleted;          /* rows a tracked change deletes whole (counted in REJECT only) */
	size_t status_changed;   /* SHOW: counted rows whose colour a tracked change changed */
} wp_count;

typedef struct wp_section_facts {
	int status_col;          /* the status column (its role), or -1 */
	int progress_col;        /* the column the progress keyword is read from, or -1 */
	int timeline_col;        /* the column the overdue dates are read from, or -1 */
	int date_col;            /* a schedule's due-date column (its role), or -1 */
	wp_row_facts *rows;      /* one per activity of the section */
	wp_row_facts *examples;  /* one per example */
	wp_count count;
} wp_section_facts;

typedef struct wp_facts {
	wp_changes_mode mode;
	const char *as_of;       /* YYYY-MM-DD, or NULL: nothing is overdue */
	size_t nsections, ncolours;
	wp_section_facts *sections; /* one per section of the programme */
	wp_count total;
	size_t examples;         /* examples in the version */
	int any_change;          /* some text anywhere (cells, notes, footnotes) holds a tracked change */
	void *impl;
} wp_facts;

/* Works out the facts of p in that version of its tracked changes, with
 * overdue activities judged at as_of (YYYY-MM-DD, copied; NULL: none is
 * overdue; a document's is p->as_of). p and prof must outlive the facts
 * (colours and keywords point into prof). Returns WP_OK (*out is the caller's: wp_facts_free) or
 * WP_ENOMEM (*out NULL). */
WP_API int wp_facts_new(wp_facts **out, const wp_programme *p, const wp_profile *prof, wp_changes_mode mode,
		 const char *as_of);
WP_API void wp_facts_free(wp_facts *f);

/* The facts of activity i of section k, and of example i. */
WP_API const wp_row_facts *wp_facts_row(const wp_facts *f, size_t k, size_t i);
WP_API const wp_row_facts *wp_facts_example(const wp_facts *f, size_t k, size_t i);

/* The colour a status cell names in a version: its first word ("Green",
 * "green - completed"), or NULL. Returns WP_OK or WP_ENOMEM. */
WP_API int wp_cell_colour(const wp_profile_colour **out, const wp_profile *prof, const wp_field *cell, wp_changes_mode mode);

/* The progress keyword text opens with, as the footnote writes it
 * ("Completed. The PTC endorsed..."; past punctuation, a bullet or a
 * "Status:" label), and its colour; NULL when it opens with none. */
WP_API const char *wp_progress_keyword(const wp_profile *prof, const char *text, const wp_profile_colour **colour);

#ifdef __cplusplus
}
#endif

#endif
