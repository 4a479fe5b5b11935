/* diff.h: what changed between two versions of a programme.
 *
 * Activities are aligned by content, not by number (a programme is
 * renumbered between sessions): each pair's similarity is the mean, over
 * the columns either version fills (but the number and the status), of
 * the Dice coefficient of their words; pairs at or above
 * WP_DELTA_THRESHOLD are aligned, best first, identical rows before all,
 * within matching sections before across them. An aligned pair whose
 * section or order changed is moved; whose number changed, renumbered;
 * whose fields changed (the number aside), changed, each field with its
 * word changes. Both versions are compared as accepted (their own tracked
 * changes applied). */
#ifndef WPGEN_DIFF_H
#define WPGEN_DIFF_H

#include "wpgen/export.h"

#include <stddef.h>
#include "wpgen/facts.h"
#include "wpgen/model.h"
#include "wpgen/profile.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WP_DELTA_THRESHOLD 0.5

/* A word diff: pieces of text, each kept, deleted or inserted. */
typedef enum wp_wd_op { WP_WD_SAME, WP_WD_DEL, WP_WD_INS } wp_wd_op;
typedef struct wp_wd_piece {
	wp_wd_op op;
	char *text; /* words joined by single spaces; "\n" a line break, "\n\n" a paragraph */
} wp_wd_piece;

/* Diffs a and b word by word (Myers' O(ND) algorithm on words; line
 * breaks and paragraph breaks are words of their own, other white space
 * only separates). Past 4,000 edits the middle is one deletion and one
 * insertion. Returns WP_OK or WP_ENOMEM; free with wp_wd_free. */
WP_API int wp_word_diff(wp_wd_piece **out, size_t *n, const char *a, const char *b);
WP_API void wp_wd_free(wp_wd_piece *p, size_t n);

/* The similarity of two texts, 0..1: the Dice coefficient of their words
 * (case and punctuation aside); two empty texts are alike (1). */
WP_API double wp_text_similarity(const char *a, const char *b);

typedef struct wp_delta_field {
	const char *key, *header; /* the new version's column (else the old's) */
	wp_wd_piece *pieces;
	size_t npieces;
} wp_delta_field;

enum { WP_DELTA_CHANGED = 1, WP_DELTA_ADDED = 2, WP_DELTA_REMOVED = 4, WP_DELTA_MOVED = 8, WP_DELTA_RENUMBERED = 16,
       WP_DELTA_STATUS = 32 /* its completion status (colour) changed */ };

/* One activity that differs: added (only in new), removed (only in old),
 * or an aligned pair with any of changed, moved, renumbered. */
typedef struct wp_delta_item {
	unsigned what;                  /* WP_DELTA_* */
	size_t old_section, old_index;  /* (size_t)-1 when added */
	size_t new_section, new_index;  /* (size_t)-1 when removed */
	char *old_number, *new_number;  /* as written, or NULL */
	char *title;                    /* the activity's text, whole, on one line */
	double similarity;
	wp_delta_field *fields;          /* changed: each field that changed */
	size_t nfields;
	/* WP_DELTA_STATUS: the colours before and after, their names and meanings ("green", "Completed"),
	 * copied (the delta outlives the profile); a name NULL: no colour */
	char *status_was, *status_was_meaning, *status, *status_meaning;
} wp_delta_item;

typedef struct wp_delta {
	wp_delta_item *items;            /* in the new version's order, removed ones where they were */
	size_t n;
	size_t changed, added, removed, moved, renumbered, same;
	size_t status;                   /* activities whose completion status changed (WP_DELTA_STATUS) */
} wp_delta;

/* Compares old and new, each with its facts (the rows they count are
 * compared: a row its version does not hold is not). Neither is changed.
 * Returns WP_OK or WP_ENOMEM; free with wp_delta_free. */
WP_API int wp_delta_compute(wp_delta *out, const wp_programme *old, const wp_facts *fold, const wp_programme *new_,
		     const wp_facts *fnew);
WP_API void wp_delta_free(wp_delta *d);

/* Marks the differences into new_ (the redline annex): a changed field's
 * text becomes its word diff as tracked deletions and insertions, an
 * added activity is inserted whole, a removed one is put back where it
 * was, deleted whole (its columns by key). author and date (either NULL)
 * mark each change. Returns WP_OK or WP_ENOMEM. */
WP_API int wp_delta_redline(wp_programme *new_, const wp_programme *old, const wp_delta *d, const char *author,
		    const char *date);

/* The differences as text (one line per change, then a summary line) or
 * as JSON ({"changed": [...], "added": [...], "removed": [...], "moved":
 * [...], "renumbered": [...], "summary": {...}}). Returns WP_OK or
 * WP_ENOMEM; *out malloc'd. */
/* What changed, in one line every report says it in (the text report's
 * last line, the redline's opening paragraph, the command's summary):
 * "3 changed, 1 added, 1 removed, 0 moved, 14 renumbered, 2 status
 * changes". malloc'd (wp_free), or NULL when memory runs out. */
WP_API char *wp_delta_summary(const wp_delta *d);
WP_API int wp_delta_format(char **out, size_t *len, const wp_delta *d, const wp_programme *old, const wp_programme *new_,
		   int json);

#ifdef __cplusplus
}
#endif

#endif
