/* check_numbering.c: numbering rules. A section's numbers are read in
 * order against the sequence they should follow; what tracked changes
 * left behind ("12 11.", "4110.", "2726 .") is read as an old number and a
 * new one, taking the split whose new number fits the sequence. */
#include "check_impl.h"
#include "alloc.h"
#include "util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { N_OK, N_MISSING, N_INVALID, N_REMNANT, N_GAP, N_DUP, N_ORDER, N_DELETED };

typedef struct num {
	int status;
	long old, now, expected;
	int dot;       /* ends with a dot */
	long position; /* 1-based place in the section */
} num;

/* Splits "4110" into old and new so that new is nearest to expected
 * (within 2); returns 1 when such a split exists. */
static int split_remnant(const char *digits, size_t n, long expected, long *old, long *now)
{
	long best = -1, bold = 0, bdist = 3;
	for (size_t k = 1; k < n; k++) {
		if (digits[k] == '0' && k + 1 < n)
			continue; /* a new number has no leading zero */
		long o = 0, v = 0;
		for (size_t i = 0; i < k; i++)
			o = o * 10 + (digits[i] - '0');
		for (size_t i = k; i < n; i++)
			v = v * 10 + (digits[i] - '0');
		long dist = labs(v - expected);
		if (dist < bdist || (dist == bdist && best >= 0 && v > best)) {
			bdist = dist;
			best = v;
			bold = o;
		}
	}
	if (best < 0)
		return 0;
	*old = bold;
	*now = best;
	return 1;
}

/* Reads the numbers of section s; out has s->nactivities entries. A row
 * wholly deleted by a tracked change is not in the new version: it takes
 * no number. */
static void scan(const ck_ctx *c, const wp_section *s, int col, int u_is_insertion, num *out)
{
	long expected = 1, deleted = 0;
	size_t seen_cap = s->nactivities * 2 + 64;
	unsigned char *seen = calloc(seen_cap, 1);
	for (size_t i = 0; i < s->nactivities; i++) {
		num *n = &out[i];
		const char *t = ck_cell(c, s, i, col);
		memset(n, 0, sizeof *n);
		if (wp_activity_change(s, &s->activities[i], u_is_insertion) == WP_CHANGE_DELETED) {
			n->status = N_DELETED;
			deleted++;
			continue;
		}
		n->position = (long)i + 1 - deleted;
		n->expected = expected;
		if (!*t) {
			n->status = N_MISSING;
			expected++;
			continue;
		}
		/* digit groups, separated by spaces or dots only */
		char groups[4][10]; /* digit groups of at most 9 digits */
		size_t ng = 0, len = strlen(t);
		int bad = 0;
		n->dot = len && t[len - 1] == '.';
		for (size_t k = 0; k < len && !bad;) {
			if (isdigit((unsigned char)t[k])) {
				size_t g = 0;
				while (k < len && isdigit((unsigned char)t[k])) {
					if (g == 9) { /* no activity is numbered so: not a number (and no overflow) */
						bad = 1;
						break;
					}
					if (ng < 4)
						groups[ng][g] = t[k];
					g++;
					k++;
				}
				if (ng < 4)
					groups[ng][g] = '\0';
				ng++;
			} else if (t[k] == ' ' || t[k] == '.') {
				k++;
			} else {
				bad = 1;
				break;
			}
		}
		if (bad || ng == 0 || ng > 2) {
			n->status = N_INVALID;
			expected++;
			continue;
		}
		long v = strtol(groups[ng - 1], NULL, 10);
		if (ng == 2) {
			n->status = N_REMNANT;
			n->old = strtol(groups[0], NULL, 10);
			n->now = v;
		} else if (v == expected) {
			n->status = N_OK;
			n->now = v;
		} else if (v > expected + 2 && split_remnant(groups[0], strlen(groups[0]), expected, &n->old, &n->now)) {
			n->status = N_REMNANT;
		} else {
			n->now = v;
			if (v > expected)
				n->status = N_GAP;
			else if (v >= 0 && (size_t)v < seen_cap && seen && seen[v])
				n->status = N_DUP;
			else
				n->status = N_ORDER;
		}
		if (seen && n->now >= 0 && (size_t)n->now < seen_cap)
			seen[n->now] = 1;
		expected = n->now + 1;
	}
	free(seen);
}

static int hierarchical(ck_ctx *c)
{
	const char *style = wp_profile_param_str(wp_profile_rule_find(c->prof, "numbering"), "style", "plain");
	return strcmp(style, "hierarchical") == 0;
}

static int wants_dot(ck_ctx *c)
{
	const char *dot = wp_profile_param_str(wp_profile_rule_find(c->prof, "numbering"), "dot", "true");
	return strcmp(dot, "true") == 0 || strcmp(dot, "yes") == 0;
}

/* The number as the profile writes it at position pos, keeping an
 * underline that wraps the cell. */
static void canonical(ck_ctx *c, const wp_activity *a, int col, long pos, char *buf, size_t n)
{
	snprintf(buf, n, "%s%ld%s%s", ck_field_all_style(&a->fields[col], WP_STYLE_U) ? "<u>" : "", pos,
		 wants_dot(c) ? "." : "", ck_field_all_style(&a->fields[col], WP_STYLE_U) ? "</u>" : "");
}

/* Runs fn over each section's scan, for the flat (non-hierarchical) style. */
static void each(ck_ctx *c, void (*fn)(ck_ctx *, const wp_section *, int, const num *, size_t))
{
	if (hierarchical(c))
		return;
	for (size_t k = 0; k < c->p->nsections; k++) {
		const wp_section *s = &c->p->sections[k];
		int col = wp_section_role(s, WP_ROLE_NUMBER);
		if (col < 0 || !s->nactivities)
			continue;
		num *ns = malloc(s->nactivities * sizeof *ns);
		if (!ns) {
			c->d->oom = 1;
			return;
		}
		scan(c, s, col, c->prof->u_is_insertion, ns);
		fn(c, s, col, ns, s->nactivities);
		free(ns);
	}
}

static void report_status(ck_ctx *c, const wp_section *s, int col, const num *ns, size_t n, int status)
{
	char fix[48];
	for (size_t i = 0; i < n; i++) {
		const num *x = &ns[i];
		const wp_activity *a = &s->activities[i];
		if (x->status != status)
			continue;
		canonical(c, a, col, x->position, fix, sizeof fix);
		switch (status) {
		case N_MISSING:
			ck_report_field(c, &a->fields[col], fix, "activity %ld of section %s has no number",
					x->position, s->numeral ? s->numeral : "");
			break;
		case N_INVALID:
			ck_report_field(c, &a->fields[col], fix, "'%s' is not a number (%ld is expected)", ck_cell(c, s, i, col),
					x->expected);
			break;
		case N_REMNANT:
			ck_report_field(c, &a->fields[col], fix,
					"old number %ld and new number %ld stand side by side (tracked changes); %ld is expected here",
					x->old, x->now, x->expected);
			break;
		case N_GAP:
			if (x->now == x->expected + 1)
				ck_report_field(c, &a->fields[col], fix, "numbered %ld where %ld is expected: %ld is missing",
						x->now, x->expected, x->expected);
			else
				ck_report_field(c, &a->fields[col], fix, "numbered %ld where %ld is expected: %ld to %ld are missing",
						x->now, x->expected, x->expected, x->now - 1);
			break;
		case N_DUP:
			ck_report_field(c, &a->fields[col], fix, "number %ld is used twice in this section (%ld is expected)",
					x->now, x->expected);
			break;
		case N_ORDER:
			ck_report_field(c, &a->fields[col], fix, "numbered %ld after %ld: out of order (%ld is expected)",
					x->now, x->expected - 1, x->expected);
			break;
		}
	}
}

static void missing(ck_ctx *c, const wp_section *s, int col, const num *ns, size_t n)
{
	report_status(c, s, col, ns, n, N_MISSING);
	report_status(c, s, col, ns, n, N_INVALID);
}
static void remnant(ck_ctx *c, const wp_section *s, int col, const num *ns, size_t n)
{
	report_status(c, s, col, ns, n, N_REMNANT);
}
static void dup(ck_ctx *c, const wp_section *s, int col, const num *ns, size_t n)
{
	report_status(c, s, col, ns, n, N_DUP);
}
static void order(ck_ctx *c, const wp_section *s, int col, const num *ns, size_t n)
{
	report_status(c, s, col, ns, n, N_ORDER);
}

/* Gaps, and with --fix the renumbering of every number after the first
 * change, so that one pass leaves the section numbered 1..n. */
static void gap(ck_ctx *c, const wp_section *s, int col, const num *ns, size_t n)
{
	char fix[48];
	int changed = 0;
	report_status(c, s, col, ns, n, N_GAP);
	if (!c->o->want_fixes)
		return;
	for (size_t i = 0; i < n; i++) {
		if (ns[i].status == N_DELETED)
			continue;
		if (ns[i].status != N_OK) {
			changed = 1;
			continue;
		}
		if (changed && ns[i].now != ns[i].position) {
			canonical(c, &s->activities[i], col, ns[i].position, fix, sizeof fix);
			ck_report_as(c, "numbering.renumber", &s->activities[i].fields[col], fix,
				     "renumbered %ld to follow the changes above", ns[i].position);
		}
	}
}

static void dot(ck_ctx *c, const wp_section *s, int col, const num *ns, size_t n)
{
	char fix[48];
	if (!wants_dot(c))
		return;
	for (size_t i = 0; i < n; i++) {
		if (ns[i].status != N_OK || ns[i].dot)
			continue;
		canonical(c, &s->activities[i], col, ns[i].now, fix, sizeof fix);
		ck_report_field(c, &s->activities[i].fields[col], fix, "number %ld lacks its final dot", ns[i].now);
	}
}

void rule_numbering_missing(ck_ctx *c)
{
	each(c, missing);
}
void rule_numbering_remnant(ck_ctx *c)
{
	each(c, remnant);
}
void rule_numbering_gap(ck_ctx *c)
{
	each(c, gap);
}
void rule_numbering_duplicate(ck_ctx *c)
{
	each(c, dup);
}
void rule_numbering_order(ck_ctx *c)
{
	each(c, order);
}
void rule_numbering_dot(ck_ctx *c)
{
	each(c, dot);
}

void rule_numbering_inserted(ck_ctx *c)
{
	for (size_t k = 0; k < c->p->nsections; k++) {
		const wp_section *s = &c->p->sections[k];
		int col = wp_section_role(s, WP_ROLE_NUMBER);
		for (size_t i = 0; col >= 0 && i < s->nactivities; i++) {
			const wp_field *f = &s->activities[i].fields[col];
			if (ck_field_all_style(f, WP_STYLE_U | WP_STYLE_INS))
				ck_report_field(c, f, NULL, "number is underlined: inserted by a tracked change still open");
		}
	}
}

/* "5.3" in area 5: the area is the section's numeral (arabic or roman). */
static long numeral_value(const char *s)
{
	long v = 0, prev = 0;
	if (!s)
		return 0;
	if (isdigit((unsigned char)*s))
		return strtol(s, NULL, 10);
	for (size_t i = strlen(s); i-- > 0;) {
		long d = s[i] == 'I' ? 1 : s[i] == 'V' ? 5 : s[i] == 'X' ? 10 : s[i] == 'L' ? 50 : s[i] == 'C' ? 100 : 0;
		v += d < prev ? -d : d;
		if (d > prev)
			prev = d;
	}
	return v;
}

void rule_numbering_hierarchy(ck_ctx *c)
{
	char fix[48];
	if (!hierarchical(c))
		return;
	for (size_t k = 0; k < c->p->nsections; k++) {
		const wp_section *s = &c->p->sections[k];
		int col = wp_section_role(s, WP_ROLE_NUMBER);
		long area = numeral_value(s->numeral);
		if (!area)
			area = (long)k + 1;
		for (size_t i = 0; col >= 0 && i < s->nactivities; i++) {
			const wp_field *f = &s->activities[i].fields[col];
			char *t = ck_text(f);
			long a = -1, n = -1;
			char rest[8] = "";
			int got = t ? sscanf(t, "%ld.%ld%7s", &a, &n, rest) : 0;
			snprintf(fix, sizeof fix, "%ld.%zu", area, i + 1);
			if (got < 2 || (rest[0] && strcmp(rest, ".") != 0))
				ck_report_field(c, f, fix, "'%s' is not a number of the form %ld.n", t ? t : "", area);
			else if (a != area)
				ck_report_field(c, f, fix, "%ld.%ld stands under area %ld: %s is expected", a, n, area, fix);
			else if (n != (long)i + 1)
				ck_report_field(c, f, fix, "%ld.%ld where %s is expected", a, n, fix);
			free(t);
		}
	}
}
