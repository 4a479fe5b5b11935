/* check_numbering.c: numbering rules.
 *
 * A section's numbers are judged against the numbering its author meant.
 * Renumbering by tracked changes leaves old and new numbers side by side
 * once the deletion marks are lost in conversion ("12 11.", "44 13",
 * "4110.", "2726 ."), and rows deleted in the original keep their old
 * plain number. Each number cell therefore has several readings: the
 * number as written; an old and a new number (two groups, or one group cut
 * in two); or, in a section that shows renumbering, a row the renumbering
 * skips (deleted in the original). A small dynamic programme picks the
 * readings that make the new numbers run 1, 2, 3... with the fewest breaks
 * (a break costs most, a skipped row less, an old number that does not
 * follow the old sequence a little, a cut group less still), so that the
 * author's renumbering, not a row count, is what a number is judged by.
 * Sections without renumbering keep the plain rules: gaps, duplicates,
 * order, dots, and --fix renumbering 1..n. */
#include "check/rule.h"
#include "check/numbering.h"
#include "base/alloc.h"
#include "base/util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { N_OK, N_MISSING, N_INVALID, N_REMNANT, N_GAP, N_DUP, N_ORDER, N_DELETED, N_SKIPPED, N_SILENT };

typedef struct num {
	int status;
	long old, now, expected;
	int dot;       /* ends with a dot */
	int cut;       /* a remnant read from one group of digits ("4110.") */
	long position; /* 1-based place in the section */
	long next_old, next_now; /* a skipped row: the next row's reading (its evidence) */
	int next_pair;
	int nofix;     /* only the author knows which number is right */
	unsigned twin; /* a duplicate: the line of the other row */
} num;

/***** a number cell, as written *****/

enum { C_EMPTY, C_INVALID, C_ONE, C_TWO, C_DELETED };

typedef struct cell {
	int kind;
	char g[2][10]; /* digit groups of at most 9 digits */
	int dot, inserted;
} cell;

static void read_cell(const char *t, cell *c)
{
	size_t len = strlen(t), ng = 0;
	memset(c, 0, sizeof *c);
	if (!len) {
		c->kind = C_EMPTY;
		return;
	}
	c->dot = t[len - 1] == '.';
	for (size_t k = 0; k < len;) {
		if (isdigit((unsigned char)t[k])) {
			size_t g = 0;
			while (k < len && isdigit((unsigned char)t[k])) {
				if (g == 9 || ng == 2) { /* no activity is numbered so: not a number (and no overflow) */
					c->kind = C_INVALID;
					return;
				}
				c->g[ng][g++] = t[k++];
			}
			c->g[ng++][g] = '\0';
		} else if (t[k] == ' ' || t[k] == '.') {
			k++;
		} else {
			c->kind = C_INVALID;
			return;
		}
	}
	c->kind = ng == 0 ? C_INVALID : ng == 1 ? C_ONE : C_TWO;
}

/***** readings, and the best sequence of them *****/

enum { R_TAKES, R_PLAIN, R_PAIR, R_CUT, R_SKIP, R_NONE };

typedef struct reading {
	int kind;
	long old, now; /* -1: none */
} reading;

#define COST_BREAK 30 /* a new number that does not follow: a numbering error */
#define COST_SKIP 10  /* a row the renumbering skips */
#define COST_OLD 2    /* an old number off the old sequence */
#define COST_CUT 1    /* one group of digits read as two numbers */

#define MAX_STATES 8 /* the best few paths are kept at each row: enough, and linear */

typedef struct state {
	long e_new, e_old;
	int pending;     /* the row before was skipped: this one must carry its number */
	long cost;
	unsigned char parent, reading; /* the previous row's state, this row's reading */
} state;

/* What a row's states point back at, compactly: the readings are made
 * again from the cell when the best path is walked back. */
typedef struct back {
	unsigned char parent, reading;
} back;

/* The readings of a cell (at most 12). */
static int readings(const cell *c, int may_skip, reading *out)
{
	int n = 0;
	switch (c->kind) {
	case C_DELETED:
		out[n++] = (reading){R_NONE, -1, -1};
		break;
	case C_EMPTY:
	case C_INVALID:
		out[n++] = (reading){R_TAKES, -1, -1}; /* it takes the next number */
		break;
	case C_TWO:
		out[n++] = (reading){R_PAIR, atol(c->g[0]), atol(c->g[1])};
		break;
	case C_ONE: {
		long v = atol(c->g[0]);
		out[n++] = (reading){R_PLAIN, c->inserted ? -1 : v, v};
		size_t len = strlen(c->g[0]);
		for (size_t k = 1; k < len && !c->inserted; k++) {
			if (c->g[0][k] == '0' && k + 1 < len)
				continue; /* a new number has no leading zero */
			long o = 0, w = 0;
			for (size_t i = 0; i < k; i++)
				o = o * 10 + (c->g[0][i] - '0');
			for (size_t i = k; i < len; i++)
				w = w * 10 + (c->g[0][i] - '0');
			out[n++] = (reading){R_CUT, o, w};
		}
		if (may_skip && !c->inserted)
			out[n++] = (reading){R_SKIP, v, -1};
		break;
	}
	}
	return n;
}

/* By expectations first (so that equal ones are side by side), then
 * cost: the first of each run is the cheapest. */
static int cmp_key(const void *a, const void *b)
{
	const state *x = a, *y = b;
	if (x->e_new != y->e_new)
		return x->e_new < y->e_new ? -1 : 1;
	if (x->e_old != y->e_old)
		return x->e_old < y->e_old ? -1 : 1;
	if (x->pending != y->pending)
		return x->pending - y->pending;
	return (x->cost > y->cost) - (x->cost < y->cost);
}

static int cmp_cost(const void *a, const void *b)
{
	const state *x = a, *y = b;
	if (x->cost != y->cost)
		return (x->cost > y->cost) - (x->cost < y->cost);
	return cmp_key(a, b); /* a fixed order for equal costs */
}

/* Sorts a row's few candidates (at most MAX_STATES * 12), stably, as
 * glibc's qsort does them: by insertion, the comparison inlined (qsort's
 * call per comparison was most of the numbering rules' time). */
static inline void sort_states(state *v, size_t n, int (*cmp)(const void *, const void *))
{
	for (size_t i = 1; i < n; i++) {
		state x = v[i];
		size_t j = i;
		for (; j > 0 && cmp(&v[j - 1], &x) > 0; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* The best readings of cells[0..n) into best[]; whether any reading is an
 * old and a new number that follows the new sequence (renumbering shows).
 * Linear: a few states a row, two bytes each kept to walk back. Returns
 * -1 when memory runs out. */
static int best_readings(const cell *cells, size_t n, int may_skip, reading *best)
{
	back *bk = wp_malloc((n ? n : 1) * MAX_STATES * sizeof *bk);
	state cur[MAX_STATES], cand[MAX_STATES * 12];
	size_t ncur = 1;
	if (!bk)
		return -1;
	cur[0] = (state){1, 1, 0, 0, 0, 0};
	for (size_t i = 0; i < n; i++) {
		size_t nc = 0;
		reading rs[12];
		int nr = readings(&cells[i], may_skip, rs);
		for (size_t p = 0; p < ncur; p++)
			for (int k = 0; k < nr; k++) {
				reading r = rs[k];
				state x = {cur[p].e_new, cur[p].e_old, 0, cur[p].cost, (unsigned char)p, (unsigned char)k};
				if (r.kind == R_NONE) { /* a deleted row: nothing changes */
					x.pending = cur[p].pending;
				} else if (cur[p].pending && (r.now != x.e_new || r.kind == R_SKIP)) {
					/* a skipped row is one whose number the next row carries */
					x.cost += COST_BREAK * 2;
				}
				if (r.kind == R_SKIP)
					x.pending = 1;
				if (r.kind == R_TAKES)
					x.e_new++, x.cost += COST_BREAK / 2;
				if (r.now >= 0) {
					x.cost += r.now == x.e_new ? 0 : COST_BREAK;
					x.e_new = r.now + 1;
				}
				if (r.old >= 0) {
					x.cost += r.old == x.e_old ? 0 : COST_OLD;
					x.e_old = r.old + 1;
				}
				x.cost += r.kind == R_CUT ? COST_CUT : r.kind == R_SKIP ? COST_SKIP : 0;
				cand[nc++] = x;
			}
		/* one state for each set of expectations (the cheapest), then the
		 * cheapest few */
		sort_states(cand, nc, cmp_key);
		size_t u = 0;
		for (size_t j = 0; j < nc; j++)
			if (!u || cand[u - 1].e_new != cand[j].e_new || cand[u - 1].e_old != cand[j].e_old ||
			    cand[u - 1].pending != cand[j].pending)
				cand[u++] = cand[j];
		sort_states(cand, u, cmp_cost);
		ncur = u < MAX_STATES ? u : MAX_STATES;
		memcpy(cur, cand, ncur * sizeof *cur);
		for (size_t j = 0; j < ncur; j++)
			bk[i * MAX_STATES + j] = (back){cur[j].parent, cur[j].reading};
	}
	/* the cheapest state at the end, a skip pending there costing as a break */
	size_t at = 0;
	for (size_t k = 0; k < ncur; k++) {
		long ck = cur[k].cost + (cur[k].pending ? COST_BREAK * 2 : 0);
		long ca = cur[at].cost + (cur[at].pending ? COST_BREAK * 2 : 0);
		if (ck < ca)
			at = k;
	}
	for (size_t i = n; i > 0; i--) {
		reading rs[12];
		back b = bk[(i - 1) * MAX_STATES + at];
		readings(&cells[i - 1], may_skip, rs);
		best[i - 1] = rs[b.reading];
		at = b.parent;
	}
	wp_free(bk);
	/* renumbering shows when an old and a new number follow the new sequence */
	int shows = 0;
	long e = 1;
	for (size_t i = 0; i < n; i++) {
		if ((best[i].kind == R_PAIR || best[i].kind == R_CUT) && best[i].now == e)
			shows = 1;
		if (best[i].now >= 0)
			e = best[i].now + 1;
		else if (best[i].kind == R_TAKES)
			e++;
	}
	return shows;
}

/* Reads the numbers of section s; out has s->nactivities entries.
 * Returns whether the section shows renumbering, or -1 (out of memory).
 * A row wholly deleted by a tracked change is not in the new version: it
 * takes no number. */
static int scan(const ck_ctx *c, const wp_section *s, int col, num *out)
{
	size_t n = s->nactivities;
	cell *cells = wp_malloc((n ? n : 1) * sizeof *cells);
	reading *best = wp_malloc((n ? n : 1) * sizeof *best);
	unsigned char *seen = NULL;
	int shows = -1;
	if (!cells || !best)
		goto done;
	for (size_t i = 0; i < n; i++) {
		read_cell(ck_cell(c, s, i, col), &cells[i]);
		if (ck_row(c, s, i)->change == WP_CHANGE_DELETED)
			cells[i].kind = C_DELETED;
		cells[i].inserted = ck_field_all_style(&s->activities[i].fields[col], WP_STYLE_U | WP_STYLE_INS);
	}
	if ((shows = best_readings(cells, n, 1, best)) < 0)
		goto done;
	/* what each reading says of its row */
	long expected = 1, deleted = 0, maxseen = 0;
	for (size_t i = 0; i < n; i++)
		if (best[i].now > maxseen)
			maxseen = best[i].now;
	seen = wp_malloc((size_t)(maxseen + 2));
	if (!seen) {
		shows = -1;
		goto done;
	}
	memset(seen, 0, (size_t)(maxseen + 2));
	memset(out, 0, n * sizeof *out);
	for (size_t i = 0; i < n; i++) {
		num *x = &out[i];
		const reading *r = &best[i];
		x->dot = cells[i].dot;
		if (cells[i].kind == C_DELETED) {
			x->status = N_DELETED;
			deleted++;
			continue;
		}
		x->position = (long)i + 1 - deleted;
		x->expected = expected;
		x->old = r->old;
		x->now = r->now;
		if (r->kind == R_TAKES) {
			x->status = cells[i].kind == C_EMPTY ? N_MISSING : N_INVALID;
			expected++;
			continue;
		}
		if (r->kind == R_SKIP) {
			size_t k = i + 1;
			while (k < n && best[k].kind == R_NONE)
				k++;
			x->next_old = best[k].old; /* (a skip always has a next row: see best_readings) */
			x->next_now = best[k].now;
			x->next_pair = best[k].kind == R_PAIR || best[k].kind == R_CUT;
			if (shows) { /* the renumbering passes this row by */
				x->status = N_SKIPPED;
				deleted++;
				continue;
			}
			/* no renumbering: a row out of the sequence the rows after it
			 * follow; which number is wrong, only the author knows */
			x->now = r->old;
			x->nofix = 1;
			if (x->now == x->next_now) {
				x->status = N_SILENT; /* the next row says it: number used twice */
				out[k].twin = s->activities[i].fields[col].pos.line;
			} else {
				x->status = x->now > expected ? N_GAP : x->now >= 0 && x->now <= maxseen && seen[x->now] ? N_DUP : N_ORDER;
				x->twin = 0;
			}
			deleted++;
			continue;
		}
		if (x->twin) {
			x->status = N_DUP;
			x->nofix = 1;
		} else if (r->now == expected)
			x->status = r->kind == R_PLAIN ? N_OK : N_REMNANT;
		else if (r->now > expected)
			x->status = N_GAP;
		else
			x->status = seen[r->now] ? N_DUP : N_ORDER;
		x->cut = r->kind == R_CUT;
		seen[r->now] = 1;
		expected = r->now + 1;
	}
done:
	wp_free(cells);
	wp_free(best);
	wp_free(seen);
	return shows;
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

/* The number as the profile writes it, keeping an underline that wraps
 * the cell (malloc'd). */
static char *canonical(ck_ctx *c, const wp_activity *a, int col, long v)
{
	wp_buf b = {0};
	int u = ck_field_all_style(&a->fields[col], WP_STYLE_U);
	wp_buf_printf(&b, "%s%ld%s%s", u ? "<u>" : "", v, wants_dot(c) ? "." : "", u ? "</u>" : "");
	if (b.oom)
		c->d->oom = 1;
	return wp_buf_detach(&b, NULL);
}

typedef void (*section_fn)(ck_ctx *, const wp_section *, int, const num *, size_t, int renumbered);

/* Each section's numbers, read once for all the numbering rules. */
typedef struct scans {
	num **ns;   /* per section, or NULL (no number column, no activity) */
	int *shows; /* per section: renumbering shows; -1 out of memory */
} scans;

void ck_numbering_free(ck_ctx *c)
{
	scans *sc = c->numbering;
	if (!sc)
		return;
	for (size_t k = 0; k < c->p->nsections; k++)
		wp_free(sc->ns[k]);
	wp_free(sc->ns);
	wp_free(sc->shows);
	wp_free(sc);
	c->numbering = NULL;
}

static scans *scans_of(ck_ctx *c)
{
	if (c->numbering)
		return c->numbering;
	scans *sc = wp_malloc(sizeof *sc);
	size_t n = c->p->nsections ? c->p->nsections : 1;
	if (!sc)
		return NULL;
	sc->ns = wp_malloc(n * sizeof *sc->ns);
	sc->shows = wp_malloc(n * sizeof *sc->shows);
	if (!sc->ns || !sc->shows) {
		wp_free(sc->ns);
		wp_free(sc->shows);
		wp_free(sc);
		return NULL;
	}
	memset(sc->ns, 0, n * sizeof *sc->ns);
	c->numbering = sc;
	for (size_t k = 0; k < c->p->nsections; k++) {
		const wp_section *s = &c->p->sections[k];
		int col = wp_section_role(s, WP_ROLE_NUMBER);
		sc->shows[k] = 0;
		if (col < 0 || !s->nactivities)
			continue;
		sc->ns[k] = wp_malloc(s->nactivities * sizeof *sc->ns[k]);
		sc->shows[k] = sc->ns[k] ? scan(c, s, col, sc->ns[k]) : -1;
		if (sc->shows[k] < 0) {
			wp_free(sc->ns[k]);
			sc->ns[k] = NULL;
			c->d->oom = 1;
		}
	}
	return sc;
}

/* Runs fn over each section's scan, for the flat (non-hierarchical) style. */
static void each(ck_ctx *c, section_fn fn)
{
	if (hierarchical(c))
		return;
	scans *sc = scans_of(c);
	if (!sc) {
		c->d->oom = 1;
		return;
	}
	for (size_t k = 0; k < c->p->nsections; k++)
		if (sc->ns[k])
			fn(c, &c->p->sections[k], wp_section_role(&c->p->sections[k], WP_ROLE_NUMBER), sc->ns[k],
			   c->p->sections[k].nactivities, sc->shows[k]);
}

static void report_status(ck_ctx *c, const wp_section *s, int col, const num *ns, size_t n, int status, int renumbered)
{
	for (size_t i = 0; i < n; i++) {
		const num *x = &ns[i];
		const wp_activity *a = &s->activities[i];
		const wp_field *f = &a->fields[col];
		if (x->status != status)
			continue;
		/* a fix where the number to write is known: in a renumbered
		 * section, only for a scar that agrees with the renumbering */
		char *fix = canonical(c, a, col, status == N_REMNANT ? x->now : x->position);
		const char *use = (renumbered && status != N_REMNANT) || x->nofix ? NULL : fix;
		switch (status) {
		case N_MISSING:
			ck_report_field(c, f, use, "activity %ld of section %s has no number", x->expected,
					s->numeral ? s->numeral : "");
			break;
		case N_INVALID:
			ck_report_field(c, f, use, "'%s' is not a number (%ld is expected)", ck_cell(c, s, i, col), x->expected);
			break;
		case N_REMNANT:
			if (x->old == x->now)
				ck_report_field(c, f, use, "number %ld is written twice ('%s'), left over from tracked changes", x->now,
						ck_cell(c, s, i, col));
			else
				ck_report_field(c, f, use,
						"old number %ld and new number %ld stand side by side (tracked changes): the new "
						"one follows the renumbering; remove the old one", x->old, x->now);
			break;
		case N_GAP:
			if (x->nofix)
				ck_report_field(c, f, NULL,
						"numbered %ld where %ld is expected, and the rows after it follow as if it were not "
						"there: a row out of place, or a number mistyped?", x->now, x->expected);
			else if (x->now == x->expected + 1)
				ck_report_field(c, f, use, "numbered %ld where %ld is expected: %ld is missing", x->now, x->expected,
						x->expected);
			else
				ck_report_field(c, f, use, "numbered %ld where %ld is expected: %ld to %ld are missing", x->now,
						x->expected, x->expected, x->now - 1);
			break;
		case N_DUP:
			if (x->twin)
				ck_report_field(c, f, use,
						"number %ld is used twice in this section (here and at line %u): one of the rows is "
						"extra, deleted in the original? mark it <del>, or renumber", x->now, x->twin);
			else
				ck_report_field(c, f, use, "number %ld is used twice in this section (%ld is expected)", x->now,
						x->expected);
			break;
		case N_ORDER:
			if (x->nofix)
				ck_report_field(c, f, NULL,
						"numbered %ld where %ld is expected, and the rows after it follow as if it were not "
						"there: a row out of place, or a number mistyped?", x->now, x->expected);
			else
				ck_report_field(c, f, use, "numbered %ld after %ld: out of order (%ld is expected)", x->now,
						x->expected - 1, x->expected);
			break;
		case N_SKIPPED:
			if (x->next_pair)
				ck_report_field(c, f, NULL,
						"row numbered %ld is skipped by the renumbering (the next row is renumbered %ld → %ld): "
						"deleted in the original? mark it <del>, or renumber", x->old, x->next_old, x->next_now);
			else
				ck_report_field(c, f, NULL,
						"row numbered %ld is skipped by the renumbering (the next row is numbered %ld): "
						"deleted in the original? mark it <del>, or renumber", x->old, x->next_now);
			break;
		}
		wp_free(fix);
	}
}

static void missing(ck_ctx *c, const wp_section *s, int col, const num *ns, size_t n, int renumbered)
{
	report_status(c, s, col, ns, n, N_MISSING, renumbered);
	report_status(c, s, col, ns, n, N_INVALID, renumbered);
}
static void remnant(ck_ctx *c, const wp_section *s, int col, const num *ns, size_t n, int renumbered)
{
	report_status(c, s, col, ns, n, N_REMNANT, renumbered);
}
static void skipped(ck_ctx *c, const wp_section *s, int col, const num *ns, size_t n, int renumbered)
{
	report_status(c, s, col, ns, n, N_SKIPPED, renumbered);
}
static void dup(ck_ctx *c, const wp_section *s, int col, const num *ns, size_t n, int renumbered)
{
	report_status(c, s, col, ns, n, N_DUP, renumbered);
}
static void order(ck_ctx *c, const wp_section *s, int col, const num *ns, size_t n, int renumbered)
{
	report_status(c, s, col, ns, n, N_ORDER, renumbered);
}

/* Gaps, and with --fix in a section without renumbering the renumbering
 * of every number after the first change, so that one pass leaves the
 * section numbered 1..n. A section that shows its author's renumbering
 * is never renumbered around. */
static void gap(ck_ctx *c, const wp_section *s, int col, const num *ns, size_t n, int renumbered)
{
	int changed = 0;
	report_status(c, s, col, ns, n, N_GAP, renumbered);
	if (!c->o->want_fixes || renumbered)
		return;
	for (size_t i = 0; i < n; i++) {
		if (ns[i].status == N_DELETED)
			continue;
		if (ns[i].status != N_OK) {
			changed |= !ns[i].nofix; /* renumbered around a number that is fixed, not one left to the author */
			continue;
		}
		if (changed && ns[i].now != ns[i].position) {
			char *fix = canonical(c, &s->activities[i], col, ns[i].position);
			ck_report_as(c, "numbering.renumber", &s->activities[i].fields[col], fix,
				     "renumbered %ld to follow the changes above", ns[i].position);
			wp_free(fix);
		}
	}
}

static void dot(ck_ctx *c, const wp_section *s, int col, const num *ns, size_t n, int renumbered)
{
	(void)renumbered;
	if (!wants_dot(c))
		return;
	for (size_t i = 0; i < n; i++) {
		if (ns[i].status != N_OK || ns[i].dot)
			continue;
		char *fix = canonical(c, &s->activities[i], col, ns[i].now);
		ck_report_field(c, &s->activities[i].fields[col], fix, "number %ld lacks its final dot", ns[i].now);
		wp_free(fix);
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
void rule_numbering_skipped(ck_ctx *c)
{
	each(c, skipped);
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
			if (ck_field_all_style(f, WP_STYLE_U))
				ck_report_field(c, f, NULL, "number is underlined: inserted by a tracked change still open");
			else if (ck_field_all_style(f, WP_STYLE_U | WP_STYLE_INS))
				ck_report_field(c, f, NULL, "number is a tracked insertion still open");
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

/* "5.3" or "5.3.": two numbers of at most 9 digits. */
static int dotted(const char *t, long *a, long *n)
{
	long *v[2] = {a, n};
	for (int k = 0; k < 2; k++) {
		size_t d = 0;
		*v[k] = 0;
		while (isdigit((unsigned char)*t) && d < 9)
			*v[k] = *v[k] * 10 + (*t++ - '0'), d++;
		if (!d || isdigit((unsigned char)*t))
			return 0;
		if (k == 0 && *t++ != '.')
			return 0;
	}
	return *t == '\0' || (t[0] == '.' && t[1] == '\0');
}

void rule_numbering_hierarchy(ck_ctx *c)
{
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
			int ok = t && dotted(t, &a, &n);
			wp_buf fix = {0};
			wp_buf_printf(&fix, "%ld.%zu", area, i + 1);
			if (fix.oom || !t)
				c->d->oom = 1;
			else if (!ok)
				ck_report_field(c, f, fix.data, "'%s' is not a number of the form %ld.n", t, area);
			else if (a != area)
				ck_report_field(c, f, fix.data, "%ld.%ld stands under area %ld: %s is expected", a, n, area, fix.data);
			else if (n != (long)i + 1)
				ck_report_field(c, f, fix.data, "%ld.%ld where %s is expected", a, n, fix.data);
			wp_buf_free(&fix);
			free(t);
		}
	}
}
