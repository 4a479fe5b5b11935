/* rule.h: what the rule functions share: the context they run in,
 * reporting, and text helpers (rule.c). Internal to the library: ck_ is
 * its prefix. */
#ifndef WP_CHECK_RULE_H
#define WP_CHECK_RULE_H

#include "wpgen/wpgen.h"
#include "base/util.h"

#include <stdint.h>

typedef struct ck_ctx {
	const wp_programme *p;
	const wp_profile *prof;
	const wp_check_opts *o;
	wp_diags *d;
	const wp_rule *rule;          /* the rule running */
	const wp_profile_rule *cfg;   /* its settings in the profile, or NULL */
	const char **cells;           /* every activity cell's text, collapsed, made once, */
	char *text;                   /*   in this one block */
	size_t *base;                 /* section k's cells start at cells[base[k]] */
	unsigned char **empty;        /* empty[k][col]: that column is empty on every activity of section k */
	const wp_facts *facts;        /* colours, keywords, overdue, the rows in the version (nothing is said of
					 a row not in it) */
	wp_facts *own_facts;          /* facts worked out for this check (none were given) */
	void *gone;                   /* the cells of rows not in the version, by address (the runner, check.c) */
	size_t ngone;
	void *numbering;              /* each section's numbers read once, for every numbering rule (numbering.c) */
} ck_ctx;

/* A row's cells, by address (ck_ctx.gone). */
typedef struct ck_block {
	uintptr_t from, to;
} ck_block;

/* Appends a cell's text as the rules read it, NUL-terminated: the new
 * version, paragraphs and breaks as spaces, white space collapsed. */
void ck_cell_text(wp_buf *b, const wp_field *f);

/* The facts of activity i of section s. */
const wp_row_facts *ck_row(const ck_ctx *c, const wp_section *s, size_t i);

/* The collapsed text of activity i's cell in column col of section k
 * (made once per check; not to be freed). */
const char *ck_cell(const ck_ctx *c, const wp_section *s, size_t i, int col);

typedef void (*ck_rule_fn)(ck_ctx *c);

/* Reports the running rule at pos. */
void ck_report(ck_ctx *c, wp_pos pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Reports the running rule on a field; fix, when not NULL, replaces the
 * field's whole cell in the source. */
void ck_report_field(ck_ctx *c, const wp_field *f, const char *fix, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The same with another rule id than the running one (for notes that
 * follow from the running rule). */
void ck_report_as(ck_ctx *c, const char *rule, const wp_field *f, const char *fix, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* The running rule cannot run for want of what it reads: a check.idle
 * note, "RULE is not checked: WHAT", at pos (0: the title). A rule says
 * so once; no check turns itself off silently. */
void ck_idle(ck_ctx *c, wp_pos pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The column the running rule looks at in section s: its "column"
 * setting, else dflt; -1 when the section has none. */
int ck_column(ck_ctx *c, const wp_section *s, const char *dflt);
/* Whether column col of s is empty on every activity (three or more):
 * table.empty-column says so once, and per-row rules leave it alone. */
int ck_column_empty(const ck_ctx *c, const wp_section *s, int col);
/* Calls fn on each activity's cell of the rule's column (default dflt),
 * its text collapsed, in the sections of the rule's kinds; nothing when
 * the profile does not configure the rule. */
typedef void (*ck_cell_fn)(ck_ctx *c, const wp_section *s, const wp_activity *a, const wp_field *f,
			   const char *text, void *data);
void ck_each_cell(ck_ctx *c, const char *dflt, ck_cell_fn fn, void *data);
/* Whether the running rule applies to a section kind ("kinds" setting). */
int ck_kind(ck_ctx *c, const wp_section *s);

/* Plain text of a field as the new version has it (deleted runs are not
 * read), white space collapsed and trimmed; malloc'd. */
char *ck_text(const wp_field *f);
int ck_ieq(const char *a, const char *b);              /* case-insensitive equality */
int ck_ieqn(const char *a, const char *b, size_t n);   /* first n bytes */
/* Finds needle as a whole word (case-insensitive); returns its start or NULL. */
const char *ck_find_word(const char *hay, const char *needle);
/* Whether every run of the field is underlined or inserted. */
int ck_field_all_style(const wp_field *f, unsigned style);
/* Whether some text run of f is marked with style. */
int ck_field_any_style(const wp_field *f, unsigned style);
/* The footnote with that mark, or NULL. */
const wp_footnote *ck_footnote_find(const wp_programme *p, int mark);

/* The rule functions, one per CHECK line of rules.def (check_*.c). */
#define CHECK(id, fn, name, severity, source, explain) void rule_##fn(ck_ctx *c);
#define REPORT(id, phase, name, severity, source, explain)
#include "check/rules.def"
#undef CHECK
#undef REPORT

/* A growable list of strings (copies), for lists a rule reads from the
 * profile or the document: no fixed number of entries, no fixed length. */
typedef struct ck_list {
	char **v;
	size_t n, cap;
	int oom;
} ck_list;
void ck_list_add(ck_list *l, const char *s, size_t n);
void ck_list_free(ck_list *l);
/* The list as "A, B or C", for messages. */
void ck_list_text(wp_buf *b, const char *const *v, size_t n);

#endif
