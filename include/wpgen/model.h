/* model.h: a work programme as plain C data.
 *
 * programme -> sections -> activities -> fields -> paragraphs -> runs.
 * The model knows nothing of Markdown or XML. Every field and paragraph
 * keeps the source position it was read from. All memory of one programme
 * belongs to it and is released by wp_programme_free(). */
#ifndef WPGEN_MODEL_H
#define WPGEN_MODEL_H

#include "wpgen/export.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct wp_pos {
	unsigned line, col; /* 1-based; col counts code points; 0 = unknown */
} wp_pos;

/* Inline styles a run carries; combinable. */
enum {
	WP_STYLE_STRONG = 1 << 0,
	WP_STYLE_EM = 1 << 1,
	WP_STYLE_U = 1 << 2,     /* underlined (<u>); tracked insertion in WCO documents */
	WP_STYLE_INS = 1 << 3,   /* <ins> */
	WP_STYLE_DEL = 1 << 4,   /* <del>, ~~ */
	WP_STYLE_CODE = 1 << 5,  /* `code` */
};

typedef enum { WP_RUN_TEXT, WP_RUN_BREAK } wp_run_kind;

typedef struct wp_run {
	wp_run_kind kind;
	unsigned style;
	const char *text; /* UTF-8, NUL-terminated; "" for a break */
	size_t len;
	const char *href; /* a link's target, or NULL */
	const char *author, *date; /* of a tracked change (WP_STYLE_INS, _DEL), or NULL */
} wp_run;

typedef struct wp_para {
	wp_run *runs;
	size_t nruns, cap;
	wp_pos pos;
	int continued; /* came from a continuation row across a page break */
} wp_para;

/* A field: one cell of an activity, a footnote's text, or a note. */
typedef struct wp_field {
	wp_para *paras;
	size_t nparas, cap;
	wp_pos pos;
	wp_pos end;          /* just after the cell's text in the source */
	size_t src_off;      /* the cell's text in the source: bytes [src_off, src_off + src_len) */
	size_t src_len;
	int has_src;         /* src_off/src_len are known (a cell the author wrote) */
} wp_field;

/* Column roles the reader and the rules care about. */
enum {
	WP_ROLE_NUMBER = 1 << 0,       /* the activity's number */
	WP_ROLE_CONTINUATION = 1 << 1, /* empty in a row that continues the previous one */
	WP_ROLE_STATUS = 1 << 2,       /* the completion-status colour */
	WP_ROLE_DATE = 1 << 3,         /* a due date (dd/mm/yyyy): drawn on the schedule's timeline */
	WP_ROLE_MONTH = 1 << 4,        /* one of a schedule's month columns ("Jan 2025") */
};

typedef struct wp_column {
	const char *key;    /* the profile's key, e.g. "priority" */
	const char *header; /* header text as written, without its footnote mark */
	int mark;           /* footnote mark on the header, 0 when none */
	unsigned roles;
	wp_pos pos;         /* the header cell in the source */
} wp_column;

typedef struct wp_activity {
	wp_field *fields;   /* one per column of the section, in column order */
	const char *number; /* the number parsed ("18", "5.3") when unambiguous, else NULL */
	wp_pos pos;
	unsigned cells_written;  /* cells in the source row as the author wrote them */
	unsigned continuations;  /* continuation rows joined into this one */
} wp_activity;

typedef struct wp_section {
	const char *numeral; /* "I", "II", or NULL */
	const char *title;   /* heading text, or NULL */
	const char *kind;    /* the profile's section kind, or "unknown" */
	wp_pos pos;
	wp_column *columns;
	size_t ncolumns;
	wp_field *guidance;  /* ncolumns fields: the header's guidance row, or NULL */
	wp_activity *activities;
	size_t nactivities, acap;
	wp_activity *examples;
	size_t nexamples, ecap;
	wp_field intro;      /* paragraphs between its heading and its first table (an area's description) */
	wp_field notes;      /* paragraphs that stand between or after its tables */
	wp_field report;     /* a progress report's text on this area (see wp_report_merge) */
	int reported;        /* the report has a section on it */
} wp_section;

typedef struct wp_footnote {
	int mark;
	wp_pos pos;
	wp_field text;
} wp_footnote;

/* What the reader recognised and set aside; for reports and tests. */
typedef struct wp_read_stats {
	unsigned tables;
	unsigned headerless_tables;   /* continuation pages without a header row */
	unsigned repeated_headers;    /* header rows repeated at a page break */
	unsigned continuation_rows;   /* rows joined into the previous activity */
	unsigned furniture;           /* page furniture blocks dropped (annex lines, running titles, stray rules) */
	unsigned empty_rows;
} wp_read_stats;

/* Metadata given explicitly rather than found in the text. */
enum {
	WP_META_PERIOD = 1 << 0,
	WP_META_PROFILE = 1 << 1,
	WP_META_PROGRAMME = 1 << 2,    /* front matter 'programme: yes': a programme whatever its tables */
	WP_META_NOT_PROGRAMME = 1 << 3 /* 'programme: no': not one (a README): build and check on a folder skip it */
};

/* A finding the committee accepted, acknowledged in the source (front
 * matter accept:, an XML <accept>, a Word original's wpgen:accept
 * property): findings of that rule about that activity are listed as
 * accepted and not counted for the exit code. */
typedef struct wp_accept {
	const char *rule;    /* a rule id or family, as written */
	const char *at;      /* the activity as the document writes it, section and number ("I.12", "12"),
				or "*": the whole document */
	const char *why;     /* the reason, as written */
	wp_pos pos;          /* of the entry in the source (0: none) */
} wp_accept;

typedef struct wp_programme wp_programme;
struct wp_programme {
	const char *source;        /* the file name it was read from */
	const char *profile;       /* the profile's name */
	const char *title;
	wp_pos title_pos;
	const char *annex_to;      /* "Doc. PC0756" */
	const char *running_title; /* the title repeated at each page break */
	int period_start, period_end; /* years, 0 when unknown */
	const char *body;          /* the working body, "PTC" */
	const char *session;       /* the session the annex is for */
	const char *as_of;         /* YYYY-MM-DD: the date progress is reported at */
	const char *plan;          /* a progress report: the plan's source, relative to the report */
	const char *changes;       /* a redline: what changed since the earlier version, in words (set by
				      wp_delta_redline): shown atop the annex, not the programme's text
				      (the Markdown reader passes it, the XML source has it not) */
	unsigned explicit_meta;    /* WP_META_*: set by front matter, a header or --set */
	wp_accept *accepts;        /* findings accepted in the source, in its order */
	size_t naccepts, acap;
	wp_field preamble;
	wp_section *sections;
	size_t nsections, scap;
	wp_field report;           /* a report read with its plan: what it says under no area of the plan */
	wp_footnote *footnotes;
	size_t nfootnotes, fcap;
	wp_read_stats stats;
	unsigned src_skip;         /* bytes dropped at the start (a byte-order mark) */
	unsigned src_replaced;     /* bytes replaced by U+FFFD: source offsets are of the cleaned text */
	void *impl; /* the arena that owns all of the above */
};

/* Frees a programme and everything in it; NULL does nothing. */
WP_API void wp_programme_free(wp_programme *p);

/* Sets a metadata key (title, body, annex_to, running_title, period,
 * session, as_of, profile) from text, as front matter, an XML header or
 * --set do. Returns WP_OK, WP_EINPUT for an unknown key or a bad value
 * (a control character or invalid UTF-8 in any value, a date that is no
 * day; *why then says what is wrong; static), or WP_ENOMEM. */
WP_API int wp_programme_set(wp_programme *p, const char *key, const char *value, const char **why);
/* Adds an accepted finding (the strings are copied). Returns WP_OK,
 * WP_EINPUT when a string is empty or not text a person could type (*why
 * says which; static) or WP_ENOMEM. The rule id is checked where the
 * rules are known (wp_doc_load). */
WP_API int wp_programme_accept(wp_programme *p, const char *rule, const char *at, const char *why_text, wp_pos pos,
			       const char **why);
/* Whether s is a real date YYYY-MM-DD (1900-2099; 2025-02-31 is not). */
WP_API int wp_date_valid(const char *s);
/* The metadata keys, NULL-terminated. */
WP_API extern const char *const wp_meta_keys[];

/* Tracked changes: show both versions, accept (the new one) or reject
 * (the old one). */
typedef enum wp_changes_mode { WP_CHANGES_SHOW, WP_CHANGES_ACCEPT, WP_CHANGES_REJECT } wp_changes_mode;
typedef enum wp_change { WP_CHANGE_NONE, WP_CHANGE_INSERTED, WP_CHANGE_DELETED } wp_change;

/* Applies a version to p in place: accepting drops deleted text and
 * clears insertion marks, rejecting drops inserted text and clears
 * deletion marks; a row that is wholly inserted (or deleted) disappears
 * from the version it is not in. u_is_insertion: underlined text is an
 * insertion (the profile's "underline: insertion"). Returns WP_OK or
 * WP_ENOMEM. */
WP_API int wp_programme_changes(wp_programme *p, wp_changes_mode mode, int u_is_insertion);
/* Whether a row is wholly inserted or wholly deleted (WP_CHANGE_*). */
WP_API wp_change wp_activity_change(const wp_section *s, const wp_activity *a, int u_is_insertion);

/* Totals over all sections. */
WP_API size_t wp_programme_activities(const wp_programme *p);
WP_API size_t wp_programme_examples(const wp_programme *p);

/* The plain text of a field: paragraphs joined by "\n\n", breaks as "\n",
 * styles dropped. Returns malloc'd memory (free()), or NULL on OOM. */
WP_API char *wp_field_text(const wp_field *f);
/* The same as the new version has it: deleted runs (a tracked deletion,
 * struck text) left out. */
WP_API char *wp_field_text_new(const wp_field *f);
/* The same with both versions marked, as wpgen diff writes a change:
 * deleted text as [-text-], inserted as {+text+} (never run together:
 * what a label or a tooltip shows with changes shown). */
WP_API char *wp_field_text_marked(const wp_field *f);
/* A number cell's text: the new version's, or all of it when it is
 * deleted whole (a row deleted keeps the number it had). */
WP_API char *wp_field_number_text(const wp_field *f);
/* An activity's name as the document writes it, its section's numeral
 * and its number without the final dot ("I.12"; "12" in a section
 * without a numeral), as accept: entries name it and the review page
 * lists it. malloc'd (free()); NULL when it has no number (or memory ran
 * out). */
WP_API char *wp_activity_name(const wp_section *s, const wp_activity *a);
/* Nonzero when the field holds no text but white space. */
WP_API int wp_field_is_empty(const wp_field *f);
/* The index of the column with that key in a section, or -1. */
WP_API int wp_section_column(const wp_section *s, const char *key);
/* The index of the first column with that role, or -1. */
WP_API int wp_section_role(const wp_section *s, unsigned role);

#ifdef __cplusplus
}
#endif

#endif
