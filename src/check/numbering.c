/* numbering.c: numbering rules.
 *
 * A section's numbers are judged as a sequence its author edited: wpgen
 * finds the fewest edits that explain them and reports each edit once, at
 * its row, in words a secretary uses. The edits: a run of rows missing
 * ("rows 5 and 6 are missing: 4 is followed by 7"), a number used twice,
 * a number mistyped (the rows around it follow each other), two numbers
 * swapped, the numbering starting again; and, in a section its author
 * renumbered with tracked changes, the scars of that renumbering: old and
 * new numbers side by side once a conversion drops the deletion marks
 * ("12 11.", "44 13", "4110."), and rows deleted in the original that
 * keep their old plain number, a run of any length the renumbering passes
 * by. Each number cell has several readings (the number as written; an
 * old and a new number, two groups or one group cut in two; a row the
 * renumbering skips), and each reading several explanations; a small
 * dynamic programme over the rows, a few states a row, picks the cheapest
 * whole explanation. An explanation's edits follow one another: no finding
 * follows from another, and --fix writes what the explanation implies
 * (in a section without renumbering: a mistyped number, swapped numbers,
 * a missing one, and after rows gone missing the renumbering that closes
 * the gap; never a guess between two rows that claim one number). */
#include "check/rule.h"
#include "check/numbering.h"
#include "base/alloc.h"
#include "base/util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What a row's number says, once its section is explained. */
enum { N_OK, N_MISSING, N_INVALID, N_GAP, N_DUP, N_TYPO, N_SWAP, N_ORDER, N_MOVED, N_SKIPPED, N_DELETED, N_QUIET,
       N_ZERO };

typedef struct num {
	int status;        /* N_*: the edit that explains the row (N_QUIET: explained with the row before) */
	int remnant;       /* an old and a new number side by side, the new one as expected */
	int dot, cut;      /* ends with a dot; a remnant read from one group of digits ("4110.") */
	long old, now;     /* the reading's numbers (-1: none) */
	long expected;     /* the number expected at this row */
	long position;     /* 1-based among the rows the numbering counts */
	long prev;         /* the last number above (0: none) */
	long next;         /* the next row's number (-1: none) */
	long run;          /* N_GAP: numbers missing; N_SKIPPED: rows in the run */
	long last_old;     /* N_SKIPPED: the old number of the run's last row */
	long next_old, next_now; /* N_SKIPPED: the row after the run */
	int next_pair;
	unsigned twin;     /* N_DUP: the line of the row above with that number */
	int swap_with;     /* N_SWAP: the other row (index) */
	int hole;          /* N_MOVED: its number is missing above, where it belongs */
	long moved_from, moved_to; /* then the numbers its place is between (0: the start) */
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

/***** readings, explanations, and the cheapest whole one *****/

enum { R_TAKES, R_PLAIN, R_PAIR, R_CUT, R_SKIP, R_NONE };

typedef struct reading {
	int kind;
	long old, now; /* -1: none */
} reading;

/* What explains a row's number, given the number expected there. */
enum { F_OK, F_GAP, F_DUP, F_TYPO, F_SWAP, F_ORDER, F_MOVED, F_EXTRA, F_TAKES, F_SKIP, F_NONE, F_SWAPPED, F_SKIPPED,
       NFAULTS }; /* (F_ORDER at a section's first row numbered 0: the section numbered from 0) */

/* The cost of each edit: one edit is one finding; a run of missing or
 * skipped rows is one edit whatever its length. Ties go to the reading a
 * secretary would give first: rows gone missing before a mistyped number,
 * a row the renumbering skips before a number used twice. */
#define COST_GAP 10
#define COST_ZERO 10     /* a section numbered from 0: the rows after follow it */
#define COST_DUP 10
#define COST_TYPO 11
#define COST_SWAP 10
#define COST_ORDER 12
#define COST_MOVED 10    /* a row whose number belongs above: the rows after follow the ones before it */
#define COST_EXTRA 11    /* a row whose number comes later: the rows after follow the ones before it */
#define COST_TAKES 5     /* an empty or invalid cell: numbering.missing says so */
#define COST_SKIP 9      /* the first row of a run the renumbering skips */
#define COST_SKIP_MORE 1 /* each further row of that run */
#define COST_BROKEN 60   /* a skipped run or a swap no row completes */
#define COST_OLD 2       /* an old number off the old sequence */
#define COST_CUT 1       /* one group of digits read as two numbers */

#define MAX_STATES 8 /* the cheapest few states are kept at each row: enough, and linear */
#define MAX_READINGS 12

/* open: what the rows before leave to this one */
enum { OPEN_NONE, OPEN_SKIP, OPEN_SWAP };

typedef struct state {
	long e_new, e_old; /* the new and old numbers expected next */
	int open;
	int zero;          /* a row above is numbered 0 (the section numbered from 0) */
	long cost;
	unsigned char parent, choice; /* the previous row's state; this row's reading * NFAULTS + fault */
} state;

/* The readings of a cell. */
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
		for (size_t k = 1; k < len && !c->inserted && n < MAX_READINGS - 1; k++) {
			if (c->g[0][k] == '0' && k + 1 < len)
				continue; /* a new number has no leading zero */
			long o = 0, w = 0;
			for (size_t i = 0; i < k; i++)
				o = o * 10 + (c->g[0][i] - '0');
			for (size_t i = k; i < len; i++)
				w = w * 10 + (c->g[0][i] - '0');
			if (w) /* (no activity is numbered 0) */
				out[n++] = (reading){R_CUT, o, w};
		}
		if (may_skip && !c->inserted)
			out[n++] = (reading){R_SKIP, v, -1};
		break;
	}
	}
	return n;
}

/* The state after a row read as r and explained by fault f, from p; 0
 * when f does not explain r there. */
static int apply(const state *p, const reading *r, int f, state *x)
{
	long e = p->e_new, v = r->now;
	*x = *p;
	x->open = OPEN_NONE;
	if (r->kind == R_NONE) { /* a deleted row: nothing changes */
		x->open = p->open;
		return f == F_NONE;
	}
	if (f == F_NONE)
		return 0;
	if (p->open == OPEN_SKIP && r->kind == R_SKIP) { /* the run goes on */
		if (f != F_SKIPPED)
			return 0;
		x->open = OPEN_SKIP;
		x->cost += COST_SKIP_MORE;
	} else if (p->open == OPEN_SWAP) { /* the second of two swapped numbers */
		if (f != F_SWAPPED)
			return 0;
		x->cost += v == e ? 0 : COST_BROKEN;
		x->e_new = e + 2;
	} else if (f == F_SKIPPED || f == F_SWAPPED) {
		return 0;
	} else if (r->kind == R_SKIP) {
		if (f != F_SKIP)
			return 0;
		x->open = OPEN_SKIP;
		x->cost += COST_SKIP;
	} else if (r->kind == R_TAKES) {
		if (f != F_TAKES)
			return 0;
		x->e_new = e + 1;
		x->cost += COST_TAKES;
	} else {
		if (p->open == OPEN_SKIP) /* a skipped run: the row after carries its number */
			x->cost += v == e ? 0 : COST_BROKEN;
		switch (f) {
		case F_OK:
			if (v != e)
				return 0;
			x->e_new = v + 1;
			break;
		case F_GAP:
			if (v <= e)
				return 0;
			x->e_new = v + 1, x->cost += COST_GAP;
			break;
		case F_DUP:
			if (v != e - 1 || (v < 1 && !p->zero)) /* (a number twice: a row above has it) */
				return 0;
			x->cost += COST_DUP;
			break;
		case F_TYPO:
			if (v == e)
				return 0;
			x->e_new = e + 1, x->cost += COST_TYPO;
			break;
		case F_SWAP:
			if (v != e + 1)
				return 0;
			x->open = OPEN_SWAP, x->cost += COST_SWAP;
			break;
		case F_ORDER:
			if (v == 0 && e == 1 && !p->zero) { /* numbered from 0: the rows after follow */
				x->e_new = 1, x->zero = 1, x->cost += COST_ZERO;
				break;
			}
			if (v >= e - 1)
				return 0;
			x->e_new = v + 1, x->cost += COST_ORDER;
			break;
		case F_MOVED:
			if (v >= e - 1)
				return 0;
			x->cost += COST_MOVED;
			break;
		case F_EXTRA:
			if (v <= e)
				return 0;
			x->cost += COST_EXTRA;
			break;
		default:
			return 0;
		}
	}
	if (r->old >= 0) {
		x->cost += r->old == p->e_old ? 0 : COST_OLD;
		x->e_old = r->old + 1;
	}
	x->cost += r->kind == R_CUT ? COST_CUT : 0;
	return 1;
}

/* By expectations first (so that equal ones are side by side), then
 * cost: the first of each run is the cheapest. */
static inline int cmp_key(const state *x, const state *y)
{
	if (x->e_new != y->e_new)
		return x->e_new < y->e_new ? -1 : 1;
	if (x->e_old != y->e_old)
		return x->e_old < y->e_old ? -1 : 1;
	if (x->open != y->open)
		return x->open - y->open;
	if (x->zero != y->zero)
		return x->zero - y->zero;
	return (x->cost > y->cost) - (x->cost < y->cost);
}

static inline int cmp_cost(const state *x, const state *y)
{
	if (x->cost != y->cost)
		return (x->cost > y->cost) - (x->cost < y->cost);
	return cmp_key(x, y); /* a fixed order for equal costs */
}

/* Sorts a row's few candidates, stably, by insertion (qsort's call per
 * comparison was most of the numbering rules' time); one function for
 * each order, each comparison called directly, so that it is inlined. */
#define SORT_STATES(name, cmp) \
	static void name(state *v, size_t n) \
	{ \
		for (size_t i = 1; i < n; i++) { \
			state x = v[i]; \
			size_t j = i; \
			for (; j > 0 && cmp(&v[j - 1], &x) > 0; j--) \
				v[j] = v[j - 1]; \
			v[j] = x; \
		} \
	}
SORT_STATES(sort_by_key, cmp_key)
SORT_STATES(sort_by_cost, cmp_cost)

/* The cheapest explanation of cells[0..n): each row's reading in best[]
 * and its fault in fault[]. Linear: a few states a row, two bytes each
 * kept to walk back. 0, or -1 when memory runs out. */
static int explain(const cell *cells, size_t n, int may_skip, reading *best, unsigned char *fault)
{
	typedef struct back {
		unsigned char parent, choice;
	} back;
	back *bk = wp_malloc((n ? n : 1) * MAX_STATES * sizeof *bk);
	state cur[MAX_STATES], cand[MAX_STATES * MAX_READINGS * NFAULTS];
	size_t ncur = 1;
	if (!bk)
		return -1;
	cur[0] = (state){1, 1, OPEN_NONE, 0, 0, 0, 0};
	for (size_t i = 0; i < n; i++) {
		size_t nc = 0;
		reading rs[MAX_READINGS];
		int nr = readings(&cells[i], may_skip, rs);
		for (size_t p = 0; p < ncur; p++)
			for (int k = 0; k < nr; k++)
				for (int f = 0; f < NFAULTS; f++) {
					state x;
					if (!apply(&cur[p], &rs[k], f, &x))
						continue;
					x.parent = (unsigned char)p;
					x.choice = (unsigned char)(k * NFAULTS + f);
					cand[nc++] = x;
				}
		/* one state for each set of expectations (the cheapest), then the
		 * cheapest few */
		sort_by_key(cand, nc);
		size_t u = 0;
		for (size_t j = 0; j < nc; j++)
			if (!u || cand[u - 1].e_new != cand[j].e_new || cand[u - 1].e_old != cand[j].e_old ||
			    cand[u - 1].open != cand[j].open || cand[u - 1].zero != cand[j].zero)
				cand[u++] = cand[j];
		sort_by_cost(cand, u);
		ncur = u < MAX_STATES ? u : MAX_STATES;
		memcpy(cur, cand, ncur * sizeof *cur);
		for (size_t j = 0; j < ncur; j++)
			bk[i * MAX_STATES + j] = (back){cur[j].parent, cur[j].choice};
	}
	/* the cheapest state at the end, a skip or swap left open costing as broken */
	size_t at = 0;
	for (size_t k = 0; k < ncur; k++) {
		long ck = cur[k].cost + (cur[k].open != OPEN_NONE ? COST_BROKEN : 0);
		long ca = cur[at].cost + (cur[at].open != OPEN_NONE ? COST_BROKEN : 0);
		if (ck < ca)
			at = k;
	}
	for (size_t i = n; i > 0; i--) {
		reading rs[MAX_READINGS];
		back b = bk[(i - 1) * MAX_STATES + at];
		readings(&cells[i - 1], may_skip, rs);
		best[i - 1] = rs[b.choice / NFAULTS];
		fault[i - 1] = (unsigned char)(b.choice % NFAULTS);
		at = b.parent;
	}
	wp_free(bk);
	return 0;
}

/* Whether an explanation shows its author's renumbering: an old and a new
 * number side by side where the new one is the number expected. */
static int shows_renumbering(const reading *best, const unsigned char *fault, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((best[i].kind == R_PAIR || best[i].kind == R_CUT) && fault[i] == F_OK)
			return 1;
	return 0;
}

typedef struct hole {
	long number;
	size_t row;
} hole;

static int cmp_hole(const void *a, const void *b)
{
	const hole *x = a, *y = b;
	if (x->number != y->number)
		return x->number < y->number ? -1 : 1;
	return (x->row > y->row) - (x->row < y->row);
}

/* A row out of place: a number missing from the sequence (a gap of one)
 * that stands elsewhere, where another is expected or none is, is one
 * edit, a row moved: said once, at the row, instead of a gap and a
 * mistyped or extra number. The holes are sorted and looked up: n log n. */
static void moved(num *out, size_t n)
{
	size_t nh = 0;
	for (size_t i = 0; i < n; i++)
		nh += out[i].status == N_GAP && out[i].run == 1;
	hole *h = nh ? wp_malloc(nh * sizeof *h) : NULL;
	if (!h)
		return; /* (none, or no memory: the gap and the number are said apart, still true) */
	nh = 0;
	for (size_t i = 0; i < n; i++)
		if (out[i].status == N_GAP && out[i].run == 1)
			h[nh++] = (hole){out[i].expected, i};
	qsort(h, nh, sizeof *h, cmp_hole);
	for (size_t i = 0; i < n; i++) {
		if (out[i].status != N_TYPO && out[i].status != N_MOVED)
			continue;
		size_t lo = 0, hi = nh;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (h[mid].number < out[i].now)
				lo = mid + 1;
			else
				hi = mid;
		}
		/* (a typo or a number below the one expected fills a hole above;
		 * a number above it, one below) */
		int ahead = out[i].now > out[i].expected;
		for (; lo < nh && h[lo].number == out[i].now; lo++) {
			num *g = &out[h[lo].row];
			if (g->status != N_GAP || (ahead ? h[lo].row < i : h[lo].row > i))
				continue;
			g->status = N_OK; /* it follows where the moved row was */
			out[i].status = N_MOVED;
			out[i].hole = 1;
			out[i].moved_from = g->prev, out[i].moved_to = g->now;
			break;
		}
	}
	wp_free(h);
}

/* What each row's number says, from the explanation. */
static void describe(const wp_section *s, int col, const cell *cells, const reading *best, const unsigned char *fault,
		     size_t n, num *out)
{
	state st = {1, 1, OPEN_NONE, 0, 0, 0, 0};
	long position = 0, prev = 0;
	unsigned prev_line = 0;
	size_t run = (size_t)-1, swap = (size_t)-1;
	memset(out, 0, n * sizeof *out);
	for (size_t i = 0; i < n; i++) {
		num *x = &out[i];
		const reading *r = &best[i];
		state nx;
		apply(&st, r, fault[i], &nx);
		x->dot = cells[i].dot;
		x->old = r->old;
		x->now = r->now;
		x->expected = st.e_new;
		x->prev = prev;
		x->next = -1;
		int was_zero = st.zero;
		st = nx;
		switch (fault[i]) {
		case F_NONE:
			x->status = N_DELETED;
			continue;
		case F_SKIP:
			x->status = N_SKIPPED;
			x->run = 1;
			x->last_old = r->old;
			run = i;
			continue;
		case F_SKIPPED:
			x->status = N_QUIET;
			out[run].run++;
			out[run].last_old = r->old;
			continue;
		case F_TAKES:
			x->status = cells[i].kind == C_EMPTY ? N_MISSING : N_INVALID;
			break;
		case F_OK:
			x->status = N_OK;
			x->remnant = r->kind == R_PAIR || r->kind == R_CUT;
			break;
		case F_GAP:
			x->status = N_GAP;
			x->run = r->now - x->expected;
			break;
		case F_DUP:
			x->status = N_DUP;
			x->twin = prev_line;
			break;
		case F_TYPO:
			x->status = N_TYPO;
			break;
		case F_SWAP:
			x->status = N_SWAP;
			swap = i;
			break;
		case F_SWAPPED:
			x->status = N_QUIET;
			out[swap].swap_with = (int)i;
			break;
		case F_ORDER:
			x->status = nx.zero && !was_zero ? N_ZERO : N_ORDER;
			break;
		case F_MOVED:
		case F_EXTRA:
			x->status = N_MOVED;
			break;
		}
		if (run != (size_t)-1) { /* the row after a skipped run: its evidence */
			out[run].next_old = r->old;
			out[run].next_now = r->now;
			out[run].next_pair = r->kind == R_PAIR || r->kind == R_CUT;
			run = (size_t)-1;
		}
		x->cut = r->kind == R_CUT;
		x->position = ++position;
		if (r->now >= 0 && fault[i] != F_MOVED && fault[i] != F_EXTRA) { /* (a row out of place is no landmark) */
			prev = r->now;
			prev_line = s->activities[i].fields[col].pos.line;
		}
	}
	moved(out, n);
	/* the number each row is followed by */
	long next = -1;
	for (size_t i = n; i-- > 0;) {
		if (!out[i].position) /* deleted, or skipped by the renumbering */
			continue;
		out[i].next = next;
		if (out[i].now >= 0)
			next = out[i].now;
	}
}

/* Reads the numbers of section s into out (s->nactivities entries): the
 * cheapest explanation, with rows the renumbering skips only where the
 * section shows renumbering. Returns whether it does, or -1 (out of
 * memory). A row wholly deleted by a tracked change is not in the new
 * version: it takes no number. */
static int scan(const ck_ctx *c, const wp_section *s, int col, num *out)
{
	size_t n = s->nactivities;
	cell *cells = wp_malloc((n ? n : 1) * sizeof *cells);
	reading *best = wp_malloc((n ? n : 1) * sizeof *best);
	unsigned char *fault = wp_malloc(n ? n : 1);
	int shows = -1;
	if (!cells || !best || !fault)
		goto done;
	for (size_t i = 0; i < n; i++) {
		read_cell(ck_cell(c, s, i, col), &cells[i]);
		if (ck_row(c, s, i)->change == WP_CHANGE_DELETED)
			cells[i].kind = C_DELETED;
		cells[i].inserted = ck_field_all_style(&s->activities[i].fields[col], WP_STYLE_U | WP_STYLE_INS);
	}
	if (explain(cells, n, 0, best, fault) < 0)
		goto done;
	shows = shows_renumbering(best, fault, n);
	if (shows && explain(cells, n, 1, best, fault) < 0) {
		shows = -1;
		goto done;
	}
	describe(s, col, cells, best, fault, n, out);
done:
	wp_free(cells);
	wp_free(best);
	wp_free(fault);
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

/* The section as a secretary names it: "I", its title, else its place. */
static void section_name(wp_buf *b, const ck_ctx *c, const wp_section *s)
{
	if (s->numeral)
		wp_buf_puts(b, s->numeral);
	else if (s->title)
		wp_buf_printf(b, "'%s'", s->title);
	else
		wp_buf_printf(b, "%zu", (size_t)(s - c->p->sections) + 1);
}

/* The number a row's fix writes: in a section without renumbering, once
 * a gap above is closed, the row's place; else what the explanation says
 * stood there. 0: no fix (a renumbered section, where only the author's
 * renumbering counts, or a row only the author can place). */
typedef struct fixer {
	int renumbered, shifting, stopped;
	const char *shifted_by; /* the rule whose finding began the shifting: it notes the rows after */
} fixer;

static long fix_value(const fixer *fx, const num *x, long explained)
{
	if (fx->renumbered || fx->stopped)
		return 0;
	return fx->shifting ? x->position : explained;
}

static void say_gap(ck_ctx *c, const wp_field *f, const num *x, const char *fix)
{
	long a = x->expected, z = x->now - 1;
	if (x->position == 1 && x->run == 1)
		ck_report_field(c, f, fix, "row %ld is missing: the section starts at %ld", a, x->now);
	else if (x->position == 1)
		ck_report_field(c, f, fix, "rows %ld to %ld are missing: the section starts at %ld", a, z, x->now);
	else if (x->run == 1)
		ck_report_field(c, f, fix, "row %ld is missing: %ld is followed by %ld", a, x->prev, x->now);
	else if (x->run == 2)
		ck_report_field(c, f, fix, "rows %ld and %ld are missing: %ld is followed by %ld", a, z, x->prev, x->now);
	else
		ck_report_field(c, f, fix, "rows %ld to %ld are missing: %ld is followed by %ld", a, z, x->prev, x->now);
}

static void say_typo(ck_ctx *c, const wp_field *f, const num *x, const char *fix)
{
	if (x->position > 1 && x->now == x->prev && x->next >= 0)
		ck_report_field(c, f, fix, "numbered %ld where %ld is expected: %ld is used twice, and %ld follows", x->now,
				x->expected, x->now, x->next);
	else if (x->next >= 0 && x->prev)
		ck_report_field(c, f, fix, "numbered %ld where %ld is expected (%ld comes before it, %ld after): mistyped?",
				x->now, x->expected, x->prev, x->next);
	else if (x->prev)
		ck_report_field(c, f, fix, "numbered %ld where %ld is expected after %ld: mistyped?", x->now, x->expected, x->prev);
	else
		ck_report_field(c, f, fix, "numbered %ld where %ld is expected: mistyped?", x->now, x->expected);
}

static void say_skipped(ck_ctx *c, const wp_field *f, const num *x)
{
	char next[96];
	if (x->next_pair)
		snprintf(next, sizeof next, "the next row is renumbered %ld → %ld", x->next_old, x->next_now);
	else
		snprintf(next, sizeof next, "the next row is numbered %ld", x->next_now);
	if (x->run == 1)
		ck_report_field(c, f, NULL, "row numbered %ld is skipped by the renumbering (%s): deleted in the original? mark "
				"it <del>, or renumber", x->old, next);
	else
		ck_report_field(c, f, NULL, "rows numbered %ld %s %ld are skipped by the renumbering (%s): deleted in the "
				"original? mark them <del>, or renumber", x->old, x->run == 2 ? "and" : "to", x->last_old, next);
}

/* What rule says a row's status (remnants and dots are said apart). */
static const char *rule_of(int status)
{
	switch (status) {
	case N_MISSING:
	case N_INVALID:
		return "numbering.missing";
	case N_GAP:
		return "numbering.gap";
	case N_DUP:
		return "numbering.duplicate";
	case N_TYPO:
		return "numbering.mistyped";
	case N_SWAP:
		return "numbering.swapped";
	case N_ORDER:
	case N_MOVED:
	case N_ZERO:
		return "numbering.order";
	case N_SKIPPED:
		return "numbering.skipped";
	default:
		return NULL;
	}
}

/* The finding a row's status makes, if the running rule is its rule. */
static void say(ck_ctx *c, const wp_section *s, int col, size_t i, const num *ns, const char *fix)
{
	const num *x = &ns[i];
	const wp_field *f = &s->activities[i].fields[col];
	const char *rule = rule_of(x->status);
	if (!rule || strcmp(rule, c->rule->id) != 0)
		return;
	wp_buf name = {0};
	switch (x->status) {
	case N_MISSING:
		section_name(&name, c, s);
		ck_report_field(c, f, fix, "activity %ld of section %s has no number", x->expected, name.data ? name.data : "");
		break;
	case N_INVALID:
		ck_report_field(c, f, fix, "'%s' is not a number (%ld is expected)", ck_cell(c, s, i, col), x->expected);
		break;
	case N_GAP:
		say_gap(c, f, x, fix);
		break;
	case N_DUP:
		ck_report_field(c, f, NULL, "number %ld is used twice in this section (here and at line %u): one of the two "
				"rows is extra, or was added without renumbering", x->now, x->twin);
		break;
	case N_TYPO:
		say_typo(c, f, x, fix);
		break;
	case N_SWAP:
		ck_report_field(c, f, fix, "numbered %ld, and the next row %ld: the two numbers are swapped", x->now,
				ns[x->swap_with].now);
		break;
	case N_ORDER:
		ck_report_field(c, f, NULL, "numbered %ld after %ld: the numbering starts again", x->now, x->prev);
		break;
	case N_ZERO:
		ck_report_field(c, f, fix, "numbered 0: the section is numbered from 0, where its numbering starts at 1");
		break;
	case N_MOVED:
		if (!x->hole && x->now < x->expected)
			ck_report_field(c, f, NULL, "numbered %ld after %ld, where %ld is expected: %ld is used above (a row out "
					"of place, or mistyped?)", x->now, x->prev, x->expected, x->now);
		else if (!x->hole)
			ck_report_field(c, f, NULL, "numbered %ld after %ld, where %ld is expected, and the rows after it "
					"follow as if it were not there: a row extra, or out of place?", x->now, x->prev,
					x->expected);
		else if (x->moved_from)
			ck_report_field(c, f, NULL, "numbered %ld after %ld: out of place (%ld belongs between %ld and %ld)",
					x->now, x->prev, x->now, x->moved_from, x->moved_to);
		else
			ck_report_field(c, f, NULL, "numbered %ld after %ld: out of place (%ld belongs before %ld)", x->now,
					x->prev, x->now, x->moved_to);
		break;
	case N_SKIPPED:
		say_skipped(c, f, x);
		break;
	}
	if (name.oom)
		c->d->oom = 1;
	wp_buf_free(&name);
}

/* Every finding of the running numbering rule in a section, each with
 * the fix the explanation implies; with --fix, the renumbering it implies
 * too (numbering.renumber notes, made by the rule whose finding began it:
 * the gap rule, or the order rule for a section numbered from 0). */
static void section_rule(ck_ctx *c, const wp_section *s, int col, const num *ns, size_t n, int renumbered)
{
	fixer fx = {renumbered, 0, 0, NULL};
	/* the notes that carry the fixes a finding implies beyond its own
	 * cell: the rows after a gap or a section numbered from 0 (by the
	 * rule that said it), the second of two swapped numbers (by the swap
	 * rule) */
	int swapped = c->o->want_fixes && !strcmp(c->rule->id, "numbering.swapped");
	for (size_t i = 0; i < n; i++) {
		const num *x = &ns[i];
		const wp_activity *a = &s->activities[i];
		long v = 0;
		switch (x->status) {
		case N_MISSING:
		case N_INVALID:
		case N_TYPO:
		case N_SWAP:
		case N_GAP:
		case N_ZERO:
			v = fix_value(&fx, x, x->expected);
			if ((x->status == N_GAP || x->status == N_ZERO) && v && !fx.shifting) {
				fx.shifting = 1;
				fx.shifted_by = rule_of(x->status);
			}
			break;
		case N_QUIET: /* the second of two swapped numbers */
			v = x->position ? fix_value(&fx, x, x->expected + 1) : 0;
			break;
		case N_OK:
			v = fx.shifting && !fx.stopped && x->now != x->position ? x->position : 0;
			break;
		case N_DUP:
		case N_ORDER:
		case N_MOVED:
		case N_SKIPPED:
			fx.stopped = 1; /* only the author knows what follows: nothing renumbered after */
			break;
		}
		if (x->remnant && !strcmp(c->rule->id, "numbering.remnant")) {
			char *fix = canonical(c, a, col, x->now);
			if (x->old == x->now)
				ck_report_field(c, &a->fields[col], fix, "number %ld is written twice ('%s'), left over from tracked "
						"changes", x->now, ck_cell(c, s, i, col));
			else
				ck_report_field(c, &a->fields[col], fix, "old number %ld and new number %ld stand side by side "
						"(tracked changes): the new one follows the renumbering; remove the old one",
						x->old, x->now);
			wp_free(fix);
		}
		char *fix = v ? canonical(c, a, col, v) : NULL;
		if (x->status == N_OK || x->status == N_QUIET) {
			int after_shift = c->o->want_fixes && fx.shifted_by && !strcmp(c->rule->id, fx.shifted_by);
			if (fix && ((x->status == N_QUIET && swapped) || (x->status == N_OK && after_shift && !x->remnant)))
				ck_report_as(c, "numbering.renumber", &a->fields[col], fix, "renumbered %ld %s", v,
					     x->status == N_QUIET ? "with the number swapped above" : "to follow the changes above");
		} else {
			say(c, s, col, i, ns, fix);
		}
		wp_free(fix);
	}
}

static void dot(ck_ctx *c, const wp_section *s, int col, const num *ns, size_t n, int renumbered)
{
	(void)renumbered;
	if (!wants_dot(c))
		return;
	for (size_t i = 0; i < n; i++) {
		if (ns[i].status != N_OK || ns[i].remnant || ns[i].dot)
			continue;
		char *fix = canonical(c, &s->activities[i], col, ns[i].now);
		ck_report_field(c, &s->activities[i].fields[col], fix, "number %ld lacks its final dot", ns[i].now);
		wp_free(fix);
	}
}

void rule_numbering_missing(ck_ctx *c)
{
	each(c, section_rule);
}
void rule_numbering_remnant(ck_ctx *c)
{
	each(c, section_rule);
}
void rule_numbering_skipped(ck_ctx *c)
{
	each(c, section_rule);
}
void rule_numbering_gap(ck_ctx *c)
{
	each(c, section_rule);
}
void rule_numbering_duplicate(ck_ctx *c)
{
	each(c, section_rule);
}
void rule_numbering_mistyped(ck_ctx *c)
{
	each(c, section_rule);
}
void rule_numbering_swapped(ck_ctx *c)
{
	each(c, section_rule);
}
void rule_numbering_order(ck_ctx *c)
{
	each(c, section_rule);
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
