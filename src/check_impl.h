/* check_impl.h: what the rule functions share: the context they run in,
 * reporting, and text helpers. */
#ifndef WP_CHECK_IMPL_H
#define WP_CHECK_IMPL_H

#include "wpgen/wpgen.h"

typedef struct wp_ctx {
	const wp_programme *p;
	const wp_profile *prof;
	const wp_check_opts *o;
	wp_diags *d;
	const wp_rule *rule;          /* the rule running */
	const wp_profile_rule *cfg;   /* its settings in the profile, or NULL */
	char **cells;                 /* every activity cell's text, collapsed, made once */
	size_t *base;                 /* section k's cells start at cells[base[k]] */
} wp_ctx;

/* The collapsed text of activity i's cell in column col of section k
 * (made once per check; not to be freed). */
const char *wp_cell(const wp_ctx *c, const wp_section *s, size_t i, int col);

typedef void (*wp_rule_fn)(wp_ctx *c);

/* Reports the running rule at pos. */
void wp_report(wp_ctx *c, wp_pos pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Reports the running rule on a field; fix, when not NULL, replaces the
 * field's whole cell in the source. */
void wp_report_field(wp_ctx *c, const wp_field *f, const char *fix, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The same with another rule id than the running one (for notes that
 * follow from the running rule). */
void wp_report_as(wp_ctx *c, const char *rule, const wp_field *f, const char *fix, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* The column the running rule looks at in section s: its "column"
 * setting, else dflt; -1 when the section has none. */
int wp_rule_column(wp_ctx *c, const wp_section *s, const char *dflt);
/* Calls fn on each activity's cell of the rule's column (default dflt),
 * its text collapsed, in the sections of the rule's kinds; nothing when
 * the profile does not configure the rule. */
typedef void (*wp_cell_fn)(wp_ctx *c, const wp_section *s, const wp_activity *a, const wp_field *f,
			   const char *text, void *data);
void wp_each_cell(wp_ctx *c, const char *dflt, wp_cell_fn fn, void *data);
/* Whether the running rule applies to a section kind ("kinds" setting). */
int wp_rule_kind(wp_ctx *c, const wp_section *s);

/* Plain text of a field with white space collapsed and trimmed; malloc'd. */
char *wp_text(const wp_field *f);
int wp_ieq(const char *a, const char *b);              /* case-insensitive equality */
int wp_ieqn(const char *a, const char *b, size_t n);   /* first n bytes */
/* Finds needle as a whole word (case-insensitive); returns its start or NULL. */
const char *wp_find_word(const char *hay, const char *needle);
/* Whether every run of the field is underlined or inserted. */
int wp_field_all_style(const wp_field *f, unsigned style);
/* The footnote with that mark, or NULL. */
const wp_footnote *wp_footnote_find(const wp_programme *p, int mark);

/* The rule families, one file each. */
void wp_rule_numbering_missing(wp_ctx *c);
void wp_rule_numbering_remnant(wp_ctx *c);
void wp_rule_numbering_gap(wp_ctx *c);
void wp_rule_numbering_duplicate(wp_ctx *c);
void wp_rule_numbering_order(wp_ctx *c);
void wp_rule_numbering_dot(wp_ctx *c);
void wp_rule_numbering_inserted(wp_ctx *c);
void wp_rule_numbering_hierarchy(wp_ctx *c);
void wp_rule_table_mandatory(wp_ctx *c);
void wp_rule_link_value(wp_ctx *c);
void wp_rule_link_no(wp_ctx *c);
void wp_rule_priority_value(wp_ctx *c);
void wp_rule_plan_codes_unknown(wp_ctx *c);
void wp_rule_plan_codes_separator(wp_ctx *c);
void wp_rule_task_type_value(wp_ctx *c);
void wp_rule_bodies_self(wp_ctx *c);
void wp_rule_bodies_unknown(wp_ctx *c);
void wp_rule_bodies_separator(wp_ctx *c);
void wp_rule_progress_keyword(wp_ctx *c);
void wp_rule_status_colour(wp_ctx *c);
void wp_rule_status_agrees(wp_ctx *c);
void wp_rule_status_missing(wp_ctx *c);
void wp_rule_continuous_timeline(wp_ctx *c);
void wp_rule_timeline_period(wp_ctx *c);
void wp_rule_timeline_overdue(wp_ctx *c);
void wp_rule_footnote_undefined(wp_ctx *c);
void wp_rule_section_empty(wp_ctx *c);
void wp_rule_timeframe_parse(wp_ctx *c);
void wp_rule_timeframe_period(wp_ctx *c);
void wp_rule_dates_invalid(wp_ctx *c);
void wp_rule_dates_placeholder(wp_ctx *c);
void wp_rule_dates_order(wp_ctx *c);
void wp_rule_months_sequence(wp_ctx *c);
void wp_rule_legend_undefined(wp_ctx *c);
void wp_rule_footnote_unused(wp_ctx *c);
void wp_rule_footnote_in_text(wp_ctx *c);

/* Shared by the status rules: the first progress keyword in text (as the
 * profile's colours list them), or NULL; *colour gets its colour. */
const char *wp_progress_keyword(const wp_profile *prof, const char *text, const wp_profile_colour **colour);

#endif
