/* accept.c: findings acknowledged in the source (see accept.h). A finding
 * is about the activity whose row holds its line (the rows sorted by
 * their first line; a row runs to its last cell's end, and never into
 * the next row); the entries are sorted by where they point, so that
 * each finding is matched in log n. */
#include "session/accept.h"
#include "base/alloc.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

typedef struct row {
	unsigned first, last; /* its lines */
	const char *name;     /* "I.12", or NULL: not an activity (an example, the guidance row) */
	const char *alt;      /* its number as read, when the text has more ("21 20." read as 20): "I.20"; or NULL */
} row;

#define NOT_A_RULE ((size_t)-1) /* an entry's count when its rule is unknown */

typedef struct entry {
	const wp_accept *a;
	size_t *used;   /* its count of findings matched */
} entry;

static int cmp_row(const void *x, const void *y)
{
	const row *a = x, *b = y;
	return (a->first > b->first) - (a->first < b->first);
}

static int cmp_entry(const void *x, const void *y)
{
	const entry *a = x, *b = y;
	int c = strcmp(a->a->at, b->a->at);
	return c ? c : (a->a > b->a) - (a->a < b->a);
}

static unsigned last_line(const wp_activity *a, size_t ncolumns)
{
	unsigned last = a->pos.line;
	for (size_t c = 0; c < ncolumns; c++)
		if (a->fields[c].end.line > last)
			last = a->fields[c].end.line;
	return last;
}

static int rows_of(const wp_programme *p, row **out, size_t *n, wp_arena *names)
{
	size_t cap = 0;
	for (size_t k = 0; k < p->nsections; k++)
		cap += p->sections[k].nactivities + p->sections[k].nexamples + 2;
	cap += p->nfootnotes;
	row *r = wp_malloc((cap ? cap : 1) * sizeof *r);
	*out = r;
	*n = 0;
	if (!r)
		return WP_ENOMEM;
	/* boundaries: no finding there is an activity's */
	for (size_t i = 0; i < p->nfootnotes; i++)
		if (p->footnotes[i].pos.line)
			r[(*n)++] = (row){p->footnotes[i].pos.line, p->footnotes[i].pos.line, NULL, NULL};
	for (size_t k = 0; k < p->nsections; k++) {
		const wp_section *s = &p->sections[k];
		if (s->pos.line)
			r[(*n)++] = (row){s->pos.line, s->pos.line, NULL, NULL};
		if (s->guidance && s->guidance[0].pos.line)
			r[(*n)++] = (row){s->guidance[0].pos.line, s->guidance[0].pos.line, NULL, NULL};
		for (size_t i = 0; i < s->nexamples; i++)
			if (s->examples[i].pos.line)
				r[(*n)++] = (row){s->examples[i].pos.line, last_line(&s->examples[i], s->ncolumns), NULL, NULL};
		for (size_t i = 0; i < s->nactivities; i++) {
			const wp_activity *a = &s->activities[i];
			char *name = wp_activity_name(s, a);
			const char *kept = name ? wp_arena_strdup(names, name) : NULL;
			free(name);
			if (name && !kept)
				return WP_ENOMEM;
			wp_buf alt = {0};
			if (a->number)
				wp_buf_printf(&alt, "%s%s%s", s->numeral ? s->numeral : "", s->numeral ? "." : "", a->number);
			const char *other = alt.data && (!kept || strcmp(alt.data, kept)) ? wp_arena_strdup(names, alt.data) : NULL;
			int oom = alt.oom || (alt.data && !other && (!kept || strcmp(alt.data, kept)));
			wp_buf_free(&alt);
			if (oom)
				return WP_ENOMEM;
			if (a->pos.line)
				r[(*n)++] = (row){a->pos.line, last_line(a, s->ncolumns), kept, other};
		}
	}
	if (*n)
		qsort(r, *n, sizeof *r, cmp_row);
	return WP_OK;
}

/* The row a line is in, or NULL: a row runs to the next row or boundary
 * (the last to its last cell's end). */
static const row *row_at(const row *r, size_t n, unsigned line)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r[mid].first <= line)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	const row *x = &r[lo - 1];
	unsigned end = lo < n ? r[lo].first - 1 : x->last;
	return line <= end ? x : NULL;
}

/* The first entry (of e[0..n), sorted) pointing at at, or n. */
static size_t first_at(const entry *e, size_t n, const char *at)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(e[mid].a->at, at) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Accepts finding i by the first entry pointing at at that names its rule. */
static int match(wp_diags *d, size_t i, entry *e, size_t n, const char *at)
{
	for (size_t k = first_at(e, n, at); k < n && !strcmp(e[k].a->at, at); k++) {
		const char *rule = e[k].a->rule;
		if (!wp_rule_matches(d->items[i].rule, &rule, 1))
			continue;
		(*e[k].used)++;
		return wp_diags_accept(d, i, e[k].a->why) == WP_OK ? 1 : -1;
	}
	return 0;
}

/* Nonzero when every rule of the id or family is off. */
static int all_off(const char *id, int (*off)(const char *, void *), void *data)
{
	size_t n;
	const wp_rule *rules = wp_rules(&n);
	int any = 0;
	for (size_t i = 0; i < n; i++)
		if (wp_rule_matches(rules[i].id, &id, 1)) {
			any = 1;
			if (!off || !off(rules[i].id, data))
				return 0;
		}
	return any;
}

int wp_accept_apply(const wp_programme *p, const char *name, wp_diags *d, size_t from,
		    int (*off)(const char *rule, void *data), void *data)
{
	row *rows = NULL;
	size_t nrows = 0, n = 0;
	wp_arena names = {0};
	int rc = WP_OK;
	if (!p->naccepts)
		return WP_OK;
	entry *e = wp_malloc(p->naccepts * sizeof *e);
	size_t *used = wp_malloc(p->naccepts * sizeof *used);
	if (!e || !used) {
		wp_free(e);
		wp_free(used);
		return WP_ENOMEM;
	}
	memset(used, 0, p->naccepts * sizeof *used);
	size_t bad_from = d->n; /* (the entries' own findings are not matched) */
	for (size_t i = 0; i < p->naccepts && rc == WP_OK; i++) {
		const wp_accept *a = &p->accepts[i];
		if (wp_rule_known(a->rule)) {
			e[n++] = (entry){a, &used[i]};
			continue;
		}
		used[i] = NOT_A_RULE; /* (said invalid: not stale too) */
		rc = wp_diags_add(d, name, a->pos.line, a->pos.col, WP_ERROR, "accept.invalid",
				  "accept: no rule or family of rules is named '%s' (see 'wpgen rules')", a->rule);
	}
	if (rc == WP_OK)
		rc = rows_of(p, &rows, &nrows, &names);
	if (rc == WP_OK && n)
		qsort(e, n, sizeof *e, cmp_entry);
	for (size_t i = from; rc == WP_OK && i < bad_from; i++) {
		const wp_diag *x = &d->items[i];
		if (x->accepted || !x->file || strcmp(x->file, name))
			continue;
		const row *at = x->line ? row_at(rows, nrows, x->line) : NULL;
		int m = at && at->name ? match(d, i, e, n, at->name) : 0;
		if (!m && at && at->alt)
			m = match(d, i, e, n, at->alt);
		if (!m)
			m = match(d, i, e, n, "*");
		if (m < 0)
			rc = WP_ENOMEM;
	}
	/* stale: in the document's order */
	for (size_t i = 0; rc == WP_OK && i < p->naccepts; i++) {
		const wp_accept *a = &p->accepts[i];
		if (used[i] || all_off(a->rule, off, data))
			continue;
		rc = wp_diags_add(d, name, a->pos.line, a->pos.col, WP_WARNING, "accept.stale",
				  "accept: nothing to acknowledge: the document gives no %s finding %s%s (fixed, renumbered or "
				  "removed?); remove the entry or correct it", a->rule, strcmp(a->at, "*") ? "at " : "anywhere",
				  strcmp(a->at, "*") ? a->at : "");
	}
	wp_free(rows);
	wp_free(e);
	wp_free(used);
	wp_arena_free(&names);
	return rc;
}
