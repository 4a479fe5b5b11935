/* diff.c: what changed between two versions of a programme (see diff.h):
 * a word diff (Myers), the alignment of activities by content, the
 * redline of the new version, and the text and JSON reports. */
#include "wpgen/wpgen.h"
#include "wpgen/diff.h"
#include "base/alloc.h"
#include "model/assemble.h"
#include "base/escape.h"
#include "base/util.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NONE ((size_t)-1)
#define MAX_EDITS 4000

/***** words *****/

typedef struct tok {
	const char *s;
	size_t n;
} tok;

/* The words of t: runs of non-space; "\n" (a break) and "\n\n" (a
 * paragraph) are words too. */
static int tokens(const char *t, tok **out, size_t *n)
{
	size_t cap = 16, k = 0;
	tok *v = wp_malloc(cap * sizeof *v);
	if (!v)
		return WP_ENOMEM;
	while (*t) {
		size_t nl = 0;
		while (*t == ' ' || *t == '\t' || *t == '\r' || *t == '\n')
			nl += *t++ == '\n';
		if (!*t)
			break;
		if (k + 2 > cap) {
			tok *g = wp_realloc(v, (cap *= 2) * sizeof *v);
			if (!g) {
				wp_free(v);
				return WP_ENOMEM;
			}
			v = g;
		}
		if (nl && k)
			v[k++] = (tok){nl > 1 ? "\n\n" : "\n", nl > 1 ? 2 : 1};
		const char *s = t;
		while (*t && *t != ' ' && *t != '\t' && *t != '\r' && *t != '\n')
			t++;
		v[k++] = (tok){s, (size_t)(t - s)};
	}
	*out = v;
	*n = k;
	return WP_OK;
}

static int tok_eq(const tok *a, const tok *b)
{
	return a->n == b->n && !memcmp(a->s, b->s, a->n);
}

/* Appends tokens v[0..n) to piece list (merging with the last piece of
 * the same op). */
typedef struct pieces {
	wp_wd_piece *v;
	size_t n, cap;
	wp_buf cur;
	wp_wd_op op;
	int open, oom;
} pieces;

static void pc_close(pieces *p)
{
	if (!p->open)
		return;
	p->open = 0;
	if (p->n == p->cap) {
		size_t nc = p->cap ? p->cap * 2 : 8;
		wp_wd_piece *g = wp_realloc(p->v, nc * sizeof *g);
		if (!g) {
			p->oom = 1;
			wp_buf_free(&p->cur);
			return;
		}
		p->v = g;
		p->cap = nc;
	}
	if (p->cur.oom)
		p->oom = 1;
	char *t = wp_buf_detach(&p->cur, NULL);
	if (!t) {
		p->oom = 1;
		return;
	}
	p->v[p->n++] = (wp_wd_piece){p->op, t};
}

static void pc_add(pieces *p, wp_wd_op op, const tok *t)
{
	if (p->open && p->op != op)
		pc_close(p);
	if (!p->open) {
		p->open = 1;
		p->op = op;
		wp_buf_puts(&p->cur, ""); /* (an empty piece is "") */
	}
	int brk = t->s[0] == '\n';
	/* a space between words: at the start of a piece when the piece
	 * before ends a word, as the text reads */
	if (!brk && p->cur.len && p->cur.data[p->cur.len - 1] != '\n')
		wp_buf_putc(&p->cur, ' ');
	else if (!brk && !p->cur.len && p->n && p->v[p->n - 1].text[0] &&
		 p->v[p->n - 1].text[strlen(p->v[p->n - 1].text) - 1] != '\n')
		wp_buf_putc(&p->cur, ' ');
	wp_buf_put(&p->cur, t->s, t->n);
}

void wp_wd_free(wp_wd_piece *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		wp_free(p[i].text);
	wp_free(p);
}

/* Myers: the shortest edit script of a[0..na) into b[0..nb), as ops
 * ('=', '-', '+') in *ops (one per token); -1 past MAX_EDITS, or on OOM
 * (*oom). */
static long myers(const tok *a, size_t na, const tok *b, size_t nb, char **ops, int *oom)
{
	long N = (long)na, M = (long)nb, MAX = N + M;
	if (MAX > 0 && (size_t)MAX > 2 * (size_t)MAX_EDITS + na + nb) /* cannot happen: bounded below */
		return -1;
	long dmax = MAX < MAX_EDITS ? MAX : MAX_EDITS;
	long *V = wp_malloc((size_t)(2 * dmax + 3) * sizeof *V);
	long **trace = wp_malloc((size_t)(dmax + 1) * sizeof *trace);
	long D = -1;
	if (!V || !trace) {
		*oom = 1;
		goto out;
	}
	long off = dmax + 1;
	V[off + 1] = 0;
	for (long d = 0; d <= dmax && D < 0; d++) {
		trace[d] = wp_malloc((size_t)(2 * d + 1) * sizeof **trace);
		if (!trace[d]) {
			*oom = 1;
			for (long e = 0; e < d; e++)
				wp_free(trace[e]);
			goto out;
		}
		for (long k = -d; k <= d; k += 2) {
			long x = (k == -d || (k != d && V[off + k - 1] < V[off + k + 1])) ? V[off + k + 1] : V[off + k - 1] + 1;
			long y = x - k;
			while (x < N && y < M && tok_eq(&a[x], &b[y]))
				x++, y++;
			V[off + k] = x;
			trace[d][k + d] = x;
			if (x >= N && y >= M) {
				D = d;
				break;
			}
		}
		if (D < 0 && d == dmax) {
			for (long e = 0; e <= d; e++)
				wp_free(trace[e]);
			goto out;
		}
	}
	/* back from (N, M) */
	char *o = wp_malloc((size_t)(N + M + 1));
	if (!o) {
		*oom = 1;
		for (long e = 0; e <= D; e++)
			wp_free(trace[e]);
		D = -1;
		goto out;
	}
	long len = 0, x = N, y = M;
	for (long d = D; d > 0; d--) {
		long k = x - y;
		const long *pv = trace[d - 1]; /* indexed k + (d - 1) */
		long pk = (k == -d || (k != d && pv[k - 1 + d - 1] < pv[k + 1 + d - 1])) ? k + 1 : k - 1;
		long px = pv[pk + d - 1], py = px - pk;
		long sx = pk == k + 1 ? px : px + 1; /* after the edit */
		while (x > sx)
			o[len++] = '=', x--, y--;
		o[len++] = pk == k + 1 ? '+' : '-';
		x = px;
		y = py;
	}
	while (x > 0)
		o[len++] = '=', x--, y--;
	for (long i = 0; i < len / 2; i++) {
		char c = o[i];
		o[i] = o[len - 1 - i];
		o[len - 1 - i] = c;
	}
	for (long e = 0; e <= D; e++)
		wp_free(trace[e]);
	*ops = o;
out:
	wp_free(V);
	wp_free(trace);
	return D;
}

int wp_word_diff(wp_wd_piece **out, size_t *n, const char *a, const char *b)
{
	tok *ta = NULL, *tb = NULL;
	size_t na = 0, nb = 0;
	pieces p = {0};
	char *ops = NULL;
	*out = NULL;
	*n = 0;
	if (tokens(a, &ta, &na) != WP_OK || tokens(b, &tb, &nb) != WP_OK) {
		wp_free(ta);
		return WP_ENOMEM;
	}
	/* the common start and end, then the middle */
	size_t pre = 0, suf = 0;
	while (pre < na && pre < nb && tok_eq(&ta[pre], &tb[pre]))
		pre++;
	while (suf < na - pre && suf < nb - pre && tok_eq(&ta[na - 1 - suf], &tb[nb - 1 - suf]))
		suf++;
	for (size_t i = 0; i < pre; i++)
		pc_add(&p, WP_WD_SAME, &ta[i]);
	const tok *ma = ta + pre, *mb = tb + pre;
	size_t mna = na - pre - suf, mnb = nb - pre - suf;
	long D = myers(ma, mna, mb, mnb, &ops, &p.oom);
	if (D >= 0) {
		size_t x = 0, y = 0;
		for (size_t i = 0; ops[i] == '=' || ops[i] == '-' || ops[i] == '+'; i++) {
			if (i >= mna + mnb)
				break;
			if (ops[i] == '=')
				pc_add(&p, WP_WD_SAME, &mb[y++]), x++;
			else if (ops[i] == '-')
				pc_add(&p, WP_WD_DEL, &ma[x++]);
			else
				pc_add(&p, WP_WD_INS, &mb[y++]);
			if (x == mna && y == mnb)
				break;
		}
	} else if (!p.oom) {
		/* too many edits to be worth a script: the middle replaced */
		for (size_t i = 0; i < mna; i++)
			pc_add(&p, WP_WD_DEL, &ma[i]);
		for (size_t i = 0; i < mnb; i++)
			pc_add(&p, WP_WD_INS, &mb[i]);
	}
	for (size_t i = nb - suf; i < nb; i++)
		pc_add(&p, WP_WD_SAME, &tb[i]);
	pc_close(&p);
	wp_free(ops);
	wp_free(ta);
	wp_free(tb);
	if (p.oom) {
		wp_buf_free(&p.cur);
		wp_wd_free(p.v, p.n);
		return WP_ENOMEM;
	}
	*out = p.v;
	*n = p.n;
	return WP_OK;
}

/***** similarity *****/

/* The hashes of t's words (letters and digits, case aside), sorted. */
static int word_hashes(const char *t, uint64_t **out, size_t *n)
{
	size_t cap = 16, k = 0;
	uint64_t *v = wp_malloc(cap * sizeof *v);
	if (!v)
		return WP_ENOMEM;
	const unsigned char *s = (const unsigned char *)t;
	while (*s) {
		while (*s && !(isalnum(*s) || *s >= 0x80))
			s++;
		if (!*s)
			break;
		uint64_t h = 1469598103934665603ULL;
		while (*s && (isalnum(*s) || *s >= 0x80))
			h = (h ^ (uint64_t)tolower(*s++)) * 1099511628211ULL;
		if (k == cap) {
			uint64_t *g = wp_realloc(v, (cap *= 2) * sizeof *v);
			if (!g) {
				wp_free(v);
				return WP_ENOMEM;
			}
			v = g;
		}
		v[k++] = h;
	}
	for (size_t i = 1; i < k; i++) /* (insertion sort: a cell has few words) */
		for (size_t j = i; j > 0 && v[j - 1] > v[j]; j--) {
			uint64_t x = v[j];
			v[j] = v[j - 1];
			v[j - 1] = x;
		}
	*out = v;
	*n = k;
	return WP_OK;
}

static double dice(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	if (!na && !nb)
		return 1;
	size_t i = 0, j = 0, common = 0;
	while (i < na && j < nb) {
		if (a[i] == b[j])
			common++, i++, j++;
		else if (a[i] < b[j])
			i++;
		else
			j++;
	}
	return 2.0 * (double)common / (double)(na + nb);
}

double wp_text_similarity(const char *a, const char *b)
{
	uint64_t *ha = NULL, *hb = NULL;
	size_t na = 0, nb = 0;
	double s = 0;
	if (word_hashes(a, &ha, &na) == WP_OK && word_hashes(b, &hb, &nb) == WP_OK)
		s = dice(ha, na, hb, nb);
	wp_free(ha);
	wp_free(hb);
	return s;
}

/***** the rows of a version *****/

/* One activity of a version, as compared: its cells' texts (the new
 * version's of each cell), by the column keys of the union. */
typedef struct row {
	size_t sec, idx;
	char **text;      /* per key of the union (NULL: no such column) */
	uint64_t **h;     /* per key: word hashes */
	size_t *nh;
	uint64_t *all;    /* every compared column's words, tagged by column, sorted */
	double *w;        /* their weights (rarer words weigh more) */
	size_t nall;
	double mass;      /* the sum of w */
	char *number;
	size_t pair;      /* the row aligned with it, or NONE */
	double sim;
} row;

typedef struct side {
	const wp_programme *p;
	row *rows;
	size_t n;
} side;

/* The keys compared: every column key of both versions, in the order they
 * first appear; which are the number and the status. */
typedef struct keys {
	const char **key, **header;
	unsigned *roles;
	size_t n, cap;
} keys;

static int keys_add(keys *k, const wp_column *c)
{
	for (size_t i = 0; i < k->n; i++)
		if (!strcmp(k->key[i], c->key))
			return WP_OK;
	if (k->n == k->cap) {
		size_t nc = k->cap ? 2 * k->cap : 16;
		const char **a = wp_realloc(k->key, nc * sizeof *a);
		if (!a)
			return WP_ENOMEM;
		k->key = a;
		const char **h = wp_realloc(k->header, nc * sizeof *h);
		if (!h)
			return WP_ENOMEM;
		k->header = h;
		unsigned *r = wp_realloc(k->roles, nc * sizeof *r);
		if (!r)
			return WP_ENOMEM;
		k->roles = r;
		k->cap = nc;
	}
	k->key[k->n] = c->key;
	k->header[k->n] = c->header;
	k->roles[k->n++] = c->roles;
	return WP_OK;
}

static int side_read(side *sd, const wp_programme *p, const wp_facts *f, const keys *k)
{
	size_t n = wp_programme_activities(p);
	sd->p = p;
	sd->n = 0;
	sd->rows = wp_malloc((n ? n : 1) * sizeof *sd->rows);
	if (!sd->rows)
		return WP_ENOMEM;
	for (size_t si = 0; si < p->nsections; si++) {
		const wp_section *s = &p->sections[si];
		for (size_t ai = 0; ai < s->nactivities; ai++) {
			const wp_activity *a = &s->activities[ai];
			if (!wp_facts_row(f, si, ai)->counted)
				continue; /* not in this version */
			row *r = &sd->rows[sd->n++];
			memset(r, 0, sizeof *r);
			r->sec = si;
			r->idx = ai;
			r->pair = NONE;
			r->text = wp_malloc(k->n * sizeof *r->text);
			r->h = wp_malloc(k->n * sizeof *r->h);
			r->nh = wp_malloc(k->n * sizeof *r->nh);
			if (!r->text || !r->h || !r->nh)
				return WP_ENOMEM;
			for (size_t c = 0; c < k->n; c++) {
				r->text[c] = NULL;
				r->h[c] = NULL;
				r->nh[c] = 0;
				int col = wp_section_column(s, k->key[c]);
				if (col < 0)
					continue;
				if (!(r->text[c] = wp_field_text_new(&a->fields[col])))
					return WP_ENOMEM;
				if (word_hashes(r->text[c], &r->h[c], &r->nh[c]) != WP_OK)
					return WP_ENOMEM;
			}
			int nc = wp_section_role(s, WP_ROLE_NUMBER);
			if (nc >= 0) {
				char *t = wp_field_text_new(&a->fields[nc]);
				if (!t)
					return WP_ENOMEM;
				size_t len = strlen(t);
				const char *tt = wp_trim(t, &len);
				while (len && (tt[len - 1] == '.' || wp_is_space((unsigned char)tt[len - 1])))
					len--;
				r->number = wp_malloc(len + 1);
				if (r->number) {
					memcpy(r->number, tt, len);
					r->number[len] = '\0';
				}
				free(t);
				if (!r->number)
					return WP_ENOMEM;
			}
		}
	}
	return WP_OK;
}

static void side_free(side *sd, size_t nkeys)
{
	for (size_t i = 0; i < sd->n; i++) {
		row *r = &sd->rows[i];
		for (size_t c = 0; r->text && c < nkeys; c++) {
			free(r->text[c]);
			if (r->h)
				wp_free(r->h[c]);
		}
		wp_free(r->text);
		wp_free(r->h);
		wp_free(r->nh);
		wp_free(r->all);
		wp_free(r->w);
		wp_free(r->number);
	}
	wp_free(sd->rows);
}

static int compared(const keys *k, size_t c)
{
	return !(k->roles[c] & (WP_ROLE_NUMBER | WP_ROLE_STATUS));
}

/* The weighted Dice of two rows' words: each word (of a compared column,
 * tagged by its column) weighs its inverse document frequency over both
 * versions, so that what every row says (a priority "A", "Y", the body
 * "PTC") hardly counts and an activity's own words do. */
static double similarity(const keys *k, const row *a, const row *b)
{
	(void)k;
	if (a->mass + b->mass <= 0)
		return 1;
	size_t i = 0, j = 0;
	double common = 0;
	while (i < a->nall && j < b->nall) {
		if (a->all[i] == b->all[j])
			common += a->w[i] + b->w[j], i++, j++;
		else if (a->all[i] < b->all[j])
			i++;
		else
			j++;
	}
	return common / (a->mass + b->mass);
}

static int u64_cmp(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return a < b ? -1 : a > b;
}

/* Each row's tagged words and their weights: idf = log((N + 1) / (df + 0.5))
 * over the N rows of both versions. */
static int weigh(side *o, side *n, const keys *k)
{
	side *sides[2] = {o, n};
	size_t total = 0, nrows = o->n + n->n;
	for (int q = 0; q < 2; q++)
		for (size_t i = 0; i < sides[q]->n; i++) {
			row *r = &sides[q]->rows[i];
			size_t m = 0;
			for (size_t c = 0; c < k->n; c++)
				m += compared(k, c) ? r->nh[c] : 0;
			r->all = wp_malloc((m ? m : 1) * sizeof *r->all);
			r->w = wp_malloc((m ? m : 1) * sizeof *r->w);
			if (!r->all || !r->w)
				return WP_ENOMEM;
			r->nall = 0;
			for (size_t c = 0; c < k->n; c++)
				for (size_t x = 0; compared(k, c) && x < r->nh[c]; x++)
					r->all[r->nall++] = r->h[c][x] ^ ((uint64_t)(c + 1) * 0x9E3779B97F4A7C15ULL);
			qsort(r->all, r->nall, sizeof *r->all, u64_cmp);
			total += r->nall;
		}
	/* document frequencies: each row's distinct words, counted */
	uint64_t *v = wp_malloc((total ? total : 1) * sizeof *v);
	if (!v)
		return WP_ENOMEM;
	size_t nv = 0;
	for (int q = 0; q < 2; q++)
		for (size_t i = 0; i < sides[q]->n; i++) {
			const row *r = &sides[q]->rows[i];
			for (size_t x = 0; x < r->nall; x++)
				if (!x || r->all[x] != r->all[x - 1])
					v[nv++] = r->all[x];
		}
	qsort(v, nv, sizeof *v, u64_cmp);
	for (int q = 0; q < 2; q++)
		for (size_t i = 0; i < sides[q]->n; i++) {
			row *r = &sides[q]->rows[i];
			r->mass = 0;
			for (size_t x = 0; x < r->nall; x++) {
				size_t lo = 0, hi = nv; /* the first of its run in v */
				while (lo < hi) {
					size_t mid = (lo + hi) / 2;
					if (v[mid] < r->all[x])
						lo = mid + 1;
					else
						hi = mid;
				}
				size_t df = 0;
				while (lo + df < nv && v[lo + df] == r->all[x])
					df++;
				r->w[x] = log(((double)nrows + 1) / ((double)df + 0.5));
				r->mass += r->w[x];
			}
		}
	wp_free(v);
	return WP_OK;
}

/* Whether the rows read the same (white space aside), number aside. */
static int same_text(const char *a, const char *b)
{
	a = a ? a : "";
	b = b ? b : "";
	for (;;) {
		while (wp_is_space((unsigned char)*a))
			a++;
		while (wp_is_space((unsigned char)*b))
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		if (*a != *b)
			return 0;
		int sa = wp_is_space((unsigned char)a[1]), sb = wp_is_space((unsigned char)b[1]);
		a++, b++;
		if (sa != sb && (*a && *b))
			return 0;
	}
}

static int same_row(const keys *k, const row *a, const row *b)
{
	for (size_t c = 0; c < k->n; c++)
		if (!(k->roles[c] & WP_ROLE_NUMBER) && !same_text(a->text[c], b->text[c]))
			return 0;
	return 1;
}

/* Which new section an old one is: the same kind and numeral, else the
 * same title, else the same place when both have as many sections. */
static size_t section_of(const wp_programme *o, size_t os, const wp_programme *n)
{
	const wp_section *a = &o->sections[os];
	for (size_t i = 0; i < n->nsections; i++) {
		const wp_section *b = &n->sections[i];
		if (a->numeral && b->numeral && !strcmp(a->numeral, b->numeral) && !strcmp(a->kind, b->kind))
			return i;
	}
	for (size_t i = 0; i < n->nsections; i++)
		if (a->title && n->sections[i].title && !strcmp(a->title, n->sections[i].title))
			return i;
	return o->nsections == n->nsections ? os : NONE;
}

typedef struct cand {
	size_t i, j;
	double sim;
	long dist;
} cand;

static int cand_cmp(const void *x, const void *y)
{
	const cand *a = x, *b = y;
	if (a->sim != b->sim)
		return a->sim < b->sim ? 1 : -1;
	if (a->dist != b->dist)
		return a->dist < b->dist ? -1 : 1;
	return a->i != b->i ? (a->i < b->i ? -1 : 1) : (a->j < b->j ? -1 : a->j > b->j);
}

/* Aligns rows: identical ones first (nearest in place), then the most
 * similar at or above the threshold; within matching sections when
 * within is set, else anywhere. */
static int align(side *o, side *n, const keys *k, const size_t *secmap, int exact, int within)
{
	size_t cap = 64, nc = 0;
	cand *c = wp_malloc(cap * sizeof *c);
	if (!c)
		return WP_ENOMEM;
	for (size_t i = 0; i < o->n; i++) {
		if (o->rows[i].pair != NONE)
			continue;
		for (size_t j = 0; j < n->n; j++) {
			if (n->rows[j].pair != NONE)
				continue;
			int same_sec = secmap[o->rows[i].sec] == n->rows[j].sec;
			if (within && !same_sec)
				continue;
			double s;
			if (exact) {
				if (!same_row(k, &o->rows[i], &n->rows[j]))
					continue;
				s = 1;
			} else {
				s = similarity(k, &o->rows[i], &n->rows[j]);
				if (s < WP_DELTA_THRESHOLD)
					continue;
			}
			if (nc == cap) {
				cand *g = wp_realloc(c, (cap *= 2) * sizeof *c);
				if (!g) {
					wp_free(c);
					return WP_ENOMEM;
				}
				c = g;
			}
			long d = (long)o->rows[i].idx - (long)n->rows[j].idx;
			c[nc++] = (cand){i, j, s, (same_sec ? 0 : 1000000) + (d < 0 ? -d : d)};
		}
	}
	qsort(c, nc, sizeof *c, cand_cmp);
	for (size_t x = 0; x < nc; x++) {
		row *a = &o->rows[c[x].i], *b = &n->rows[c[x].j];
		if (a->pair != NONE || b->pair != NONE)
			continue;
		a->pair = c[x].j;
		b->pair = c[x].i;
		a->sim = b->sim = c[x].sim;
	}
	wp_free(c);
	return WP_OK;
}

/***** the differences *****/

static char *title_of(const wp_programme *p, size_t sec, const row *r, const keys *k)
{
	static const char *const pref[] = {"activity", "action", "task", "topic", NULL};
	const char *t = NULL;
	for (size_t q = 0; pref[q] && !t; q++)
		for (size_t c = 0; c < k->n && !t; c++)
			if (!strcmp(k->key[c], pref[q]) && r->text[c] && *r->text[c])
				t = r->text[c];
	for (size_t c = 0; c < k->n && !t; c++) /* else the first text column */
		if (compared(k, c) && r->text[c] && strlen(r->text[c]) > 3)
			t = r->text[c];
	(void)p;
	(void)sec;
	wp_buf b = {0};
	size_t chars = 0;
	for (const char *s = t ? t : ""; *s && chars < 80; s++) {
		if ((*s & 0xC0) != 0x80)
			chars++;
		if (chars == 80 && (*s & 0xC0) != 0x80)
			break;
		if (*s == '\n' && b.len && b.data[b.len - 1] == ' ')
			continue;
		wp_buf_putc(&b, *s == '\n' ? ' ' : *s);
	}
	if (t && chars >= 80)
		wp_buf_puts(&b, "\xE2\x80\xA6");
	wp_buf_puts(&b, "");
	return wp_buf_detach(&b, NULL);
}

static wp_delta_item *item_add(wp_delta *d, size_t *cap)
{
	if (d->n == *cap) {
		size_t nc = *cap ? 2 * *cap : 16;
		wp_delta_item *g = wp_realloc(d->items, nc * sizeof *g);
		if (!g)
			return NULL;
		d->items = g;
		*cap = nc;
	}
	wp_delta_item *it = &d->items[d->n++];
	memset(it, 0, sizeof *it);
	it->old_section = it->old_index = it->new_section = it->new_index = NONE;
	return it;
}

static char *dup_or_null(const char *s)
{
	return s ? wp_strdup(s) : NULL;
}

/* A removed row, placed in the new version before next (a row of the
 * same section) or at the end of the section its own maps to. */
static int removed_item(wp_delta *out, size_t *cap, const row *r, const wp_programme *old, const wp_programme *new_,
			const size_t *secmap, const row *next, const keys *k)
{
	wp_delta_item *it = item_add(out, cap);
	if (!it)
		return WP_ENOMEM;
	it->what = WP_DELTA_REMOVED;
	it->old_section = r->sec;
	it->old_index = r->idx;
	size_t ts = secmap[r->sec];
	if (ts == NONE)
		ts = next ? next->sec : new_->nsections ? new_->nsections - 1 : NONE;
	it->new_section = ts;
	if (ts != NONE)
		it->new_index = next && next->sec == ts ? next->idx : new_->sections[ts].nactivities;
	out->removed++;
	it->title = title_of(old, r->sec, r, k);
	if (!it->title || (r->number && !(it->old_number = wp_strdup(r->number))))
		return WP_ENOMEM;
	return WP_OK;
}

int wp_delta_compute(wp_delta *out, const wp_programme *old, const wp_facts *fold, const wp_programme *new_,
		     const wp_facts *fnew)
{
	keys k = {0};
	side o = {0}, n = {0};
	size_t *secmap = NULL, cap = 0;
	int rc = WP_OK;
	memset(out, 0, sizeof *out);
	for (size_t s = 0; rc == WP_OK && s < new_->nsections; s++)
		for (size_t c = 0; rc == WP_OK && c < new_->sections[s].ncolumns; c++)
			rc = keys_add(&k, &new_->sections[s].columns[c]);
	for (size_t s = 0; rc == WP_OK && s < old->nsections; s++)
		for (size_t c = 0; rc == WP_OK && c < old->sections[s].ncolumns; c++)
			rc = keys_add(&k, &old->sections[s].columns[c]);
	if (rc == WP_OK)
		rc = side_read(&o, old, fold, &k);
	if (rc == WP_OK)
		rc = side_read(&n, new_, fnew, &k);
	if (rc == WP_OK)
		rc = weigh(&o, &n, &k);
	if (rc == WP_OK && !(secmap = wp_malloc((old->nsections + 1) * sizeof *secmap)))
		rc = WP_ENOMEM;
	for (size_t s = 0; rc == WP_OK && s < old->nsections; s++)
		secmap[s] = section_of(old, s, new_);
	/* identical rows, then similar ones, within sections, then across */
	if (rc == WP_OK)
		rc = align(&o, &n, &k, secmap, 1, 1);
	if (rc == WP_OK)
		rc = align(&o, &n, &k, secmap, 1, 0);
	if (rc == WP_OK)
		rc = align(&o, &n, &k, secmap, 0, 1);
	if (rc == WP_OK)
		rc = align(&o, &n, &k, secmap, 0, 0);

	/* moved: to another section, or out of the order of the rows aligned
	 * within a section (those off a longest increasing run of old places) */
	char *moved = rc == WP_OK ? calloc(n.n + 1, 1) : NULL;
	if (rc == WP_OK && !moved)
		rc = WP_ENOMEM;
	if (rc == WP_OK) {
		size_t *tail = wp_malloc((n.n + 1) * sizeof *tail), *prev = wp_malloc((n.n + 1) * sizeof *prev);
		size_t *in = wp_malloc((n.n + 1) * sizeof *in);
		if (!tail || !prev || !in)
			rc = WP_ENOMEM;
		for (size_t s = 0; rc == WP_OK && s < new_->nsections; s++) {
			size_t m = 0, L = 0;
			for (size_t j = 0; j < n.n; j++) {
				const row *b = &n.rows[j];
				if (b->sec != s || b->pair == NONE)
					continue;
				if (secmap[o.rows[b->pair].sec] != s) {
					moved[j] = 1;
					continue;
				}
				in[m++] = j;
			}
			/* patience-style LIS on the old index, O(m log m) */
			for (size_t q = 0; q < m; q++) {
				size_t v = n.rows[in[q]].pair, lo = 0, hi = L;
				while (lo < hi) {
					size_t mid = (lo + hi) / 2;
					if (n.rows[in[tail[mid]]].pair < v)
						lo = mid + 1;
					else
						hi = mid;
				}
				prev[q] = lo ? tail[lo - 1] : NONE;
				tail[lo] = q;
				if (lo == L)
					L++;
			}
			char *keep = calloc(m + 1, 1);
			if (!keep) {
				rc = WP_ENOMEM;
				break;
			}
			for (size_t q = L ? tail[L - 1] : NONE; q != NONE; q = prev[q])
				keep[q] = 1;
			for (size_t q = 0; q < m; q++)
				if (!keep[q])
					moved[in[q]] = 1;
			free(keep);
		}
		wp_free(tail);
		wp_free(prev);
		wp_free(in);
	}

	/* the items, in the new order; a removed row after the row aligned
	 * with the old row before it, in the section of its own */
	char *listed = rc == WP_OK ? calloc(o.n + 1, 1) : NULL;
	if (rc == WP_OK && !listed)
		rc = WP_ENOMEM;
	for (size_t j = 0; rc == WP_OK && j <= n.n; j++) {
		size_t from = j == 0 ? 0 : n.rows[j - 1].pair + 1;
		for (size_t i = from; (j == 0 || n.rows[j - 1].pair != NONE) && rc == WP_OK && i < o.n && o.rows[i].pair == NONE; i++) {
			if (!listed[i])
				rc = removed_item(out, &cap, &o.rows[i], old, new_, secmap, j < n.n ? &n.rows[j] : NULL, &k);
			listed[i] = 1;
		}
		if (j == n.n && rc == WP_OK) /* the rest: at the end of their sections */
			for (size_t i = 0; rc == WP_OK && i < o.n; i++)
				if (o.rows[i].pair == NONE && !listed[i]) {
					rc = removed_item(out, &cap, &o.rows[i], old, new_, secmap, NULL, &k);
					listed[i] = 1;
				}
		if (j == n.n || rc != WP_OK)
			break;
		row *b = &n.rows[j];
		if (b->pair == NONE) {
			wp_delta_item *it = item_add(out, &cap);
			if (!it) {
				rc = WP_ENOMEM;
				break;
			}
			it->what = WP_DELTA_ADDED;
			it->new_section = b->sec;
			it->new_index = b->idx;
			it->new_number = dup_or_null(b->number);
			it->title = title_of(new_, b->sec, b, &k);
			if (!it->title)
				rc = WP_ENOMEM;
			out->added++;
			continue;
		}
		row *a = &o.rows[b->pair];
		unsigned what = 0;
		if (moved[j])
			what |= WP_DELTA_MOVED;
		if (!same_text(a->number, b->number))
			what |= WP_DELTA_RENUMBERED;
		for (size_t c = 0; c < k.n; c++)
			if (!(k.roles[c] & WP_ROLE_NUMBER) && !same_text(a->text[c], b->text[c]))
				what |= WP_DELTA_CHANGED;
		if (!what) {
			out->same++;
			continue;
		}
		wp_delta_item *it = item_add(out, &cap);
		if (!it) {
			rc = WP_ENOMEM;
			break;
		}
		it->what = what;
		it->old_section = a->sec;
		it->old_index = a->idx;
		it->new_section = b->sec;
		it->new_index = b->idx;
		it->similarity = b->sim;
		it->old_number = dup_or_null(a->number);
		it->new_number = dup_or_null(b->number);
		it->title = title_of(new_, b->sec, b, &k);
		if (!it->title || (a->number && !it->old_number) || (b->number && !it->new_number))
			rc = WP_ENOMEM;
		out->changed += !!(what & WP_DELTA_CHANGED);
		out->moved += !!(what & WP_DELTA_MOVED);
		out->renumbered += (what & (WP_DELTA_RENUMBERED | WP_DELTA_MOVED)) == WP_DELTA_RENUMBERED;
		if (!(what & WP_DELTA_CHANGED))
			continue;
		it->fields = wp_malloc(k.n * sizeof *it->fields);
		if (!it->fields) {
			rc = WP_ENOMEM;
			break;
		}
		for (size_t c = 0; rc == WP_OK && c < k.n; c++) {
			if ((k.roles[c] & WP_ROLE_NUMBER) || same_text(a->text[c], b->text[c]))
				continue;
			wp_delta_field *f = &it->fields[it->nfields++];
			f->key = k.key[c];
			f->header = k.header[c];
			rc = wp_word_diff(&f->pieces, &f->npieces, a->text[c] ? a->text[c] : "", b->text[c] ? b->text[c] : "");
		}
	}
	free(moved);
	free(listed);
	side_free(&o, k.n);
	side_free(&n, k.n);
	wp_free(secmap);
	wp_free(k.key);
	wp_free(k.header);
	wp_free(k.roles);
	if (rc != WP_OK)
		wp_delta_free(out);
	return rc;
}

void wp_delta_free(wp_delta *d)
{
	for (size_t i = 0; i < d->n; i++) {
		wp_delta_item *it = &d->items[i];
		for (size_t f = 0; f < it->nfields; f++)
			wp_wd_free(it->fields[f].pieces, it->fields[f].npieces);
		wp_free(it->fields);
		wp_free(it->old_number);
		wp_free(it->new_number);
		wp_free(it->title);
	}
	wp_free(d->items);
	memset(d, 0, sizeof *d);
}

/***** the redline *****/

/* Text into paragraph runs of field f (new paragraphs at "\n\n", breaks
 * at "\n"), with style. */
static int put_text(wp_programme *p, wp_field *f, wp_para **pa, const char *t, unsigned style, const char *author,
		    const char *date)
{
	while (*t) {
		if (t[0] == '\n' && t[1] == '\n') {
			if (!(*pa = mb_para_add(p, f, f->pos)))
				return WP_ENOMEM;
			t += 2;
			continue;
		}
		if (!*pa && !(*pa = mb_para_add(p, f, f->pos)))
			return WP_ENOMEM;
		if (*t == '\n') {
			if (mb_run_add(p, *pa, WP_RUN_BREAK, "", 0, style, NULL, author, date, 0) != WP_OK)
				return WP_ENOMEM;
			t++;
			continue;
		}
		size_t n = strcspn(t, "\n");
		if (mb_run_add(p, *pa, WP_RUN_TEXT, t, n, style, NULL, style ? author : NULL, style ? date : NULL, 1) !=
		    WP_OK)
			return WP_ENOMEM;
		t += n;
	}
	return WP_OK;
}

/* Field f of p rewritten as the word diff. */
static int field_redline(wp_programme *p, wp_field *f, const wp_delta_field *df, const char *author, const char *date)
{
	wp_field nf = *f;
	nf.paras = NULL;
	nf.nparas = nf.cap = 0;
	wp_para *pa = NULL;
	for (size_t i = 0; i < df->npieces; i++) {
		const wp_wd_piece *pc = &df->pieces[i];
		unsigned st = pc->op == WP_WD_DEL ? WP_STYLE_DEL : pc->op == WP_WD_INS ? WP_STYLE_INS : 0;
		const char *t = pc->text;
		if (st && *t == ' ') { /* the space between words: not a change */
			if (put_text(p, &nf, &pa, " ", 0, author, date) != WP_OK)
				return WP_ENOMEM;
			t++;
		}
		if (put_text(p, &nf, &pa, t, st, author, date) != WP_OK)
			return WP_ENOMEM;
	}
	*f = nf;
	return WP_OK;
}

/* Every run of field f (of p) marked with style (a row added or removed
 * whole); copied from src when src is another programme's field. */
static int field_mark(wp_programme *p, wp_field *f, const wp_field *src, unsigned style, const char *author,
		      const char *date)
{
	wp_field nf = *f;
	nf.paras = NULL;
	nf.nparas = nf.cap = 0;
	for (size_t i = 0; i < src->nparas; i++) {
		wp_para *pa = mb_para_add(p, &nf, src->paras[i].pos);
		if (!pa)
			return WP_ENOMEM;
		for (size_t r = 0; r < src->paras[i].nruns; r++) {
			const wp_run *ru = &src->paras[i].runs[r];
			if (ru->style & (style == WP_STYLE_DEL ? WP_STYLE_INS : WP_STYLE_DEL))
				continue;
			if (mb_run_add(p, pa, ru->kind, ru->text, ru->len, (ru->style & ~(WP_STYLE_INS | WP_STYLE_DEL)) | style,
				       ru->href, author, date, 0) != WP_OK)
				return WP_ENOMEM;
		}
	}
	*f = nf;
	return WP_OK;
}

static int has_text(const wp_field *f)
{
	for (size_t i = 0; i < f->nparas; i++)
		if (f->paras[i].nruns)
			return 1;
	return 0;
}

int wp_delta_redline(wp_programme *new_, const wp_programme *old, const wp_delta *d, const char *author,
		    const char *date)
{
	/* changed fields and added rows first: their places do not move */
	for (size_t i = 0; i < d->n; i++) {
		const wp_delta_item *it = &d->items[i];
		if (it->what & WP_DELTA_REMOVED)
			continue;
		wp_section *s = &new_->sections[it->new_section];
		wp_activity *a = &s->activities[it->new_index];
		if (it->what & WP_DELTA_ADDED) {
			for (size_t c = 0; c < s->ncolumns; c++)
				if (has_text(&a->fields[c]) &&
				    field_mark(new_, &a->fields[c], &a->fields[c], WP_STYLE_INS, author, date) != WP_OK)
					return WP_ENOMEM;
			continue;
		}
		for (size_t f = 0; f < it->nfields; f++) {
			int c = wp_section_column(s, it->fields[f].key);
			if (c >= 0 && field_redline(new_, &a->fields[c], &it->fields[f], author, date) != WP_OK)
				return WP_ENOMEM;
		}
		/* an old number beside the new one: renumbered */
		int nc = wp_section_role(s, WP_ROLE_NUMBER);
		if ((it->what & (WP_DELTA_RENUMBERED | WP_DELTA_MOVED)) && nc >= 0 && it->old_number) {
			wp_field *f = &a->fields[nc];
			wp_field nf = *f;
			nf.paras = NULL;
			nf.nparas = nf.cap = 0;
			wp_para *pa = mb_para_add(new_, &nf, f->pos);
			char *on = pa ? mb_printf(new_, "%s.", it->old_number) : NULL;
			char *nn = on ? mb_printf(new_, "%s.", it->new_number ? it->new_number : "") : NULL;
			if (!nn || mb_run_add(new_, pa, WP_RUN_TEXT, on, strlen(on), WP_STYLE_DEL, NULL, author, date, 0) != WP_OK ||
			    mb_run_add(new_, pa, WP_RUN_TEXT, " ", 1, 0, NULL, NULL, NULL, 0) != WP_OK ||
			    mb_run_add(new_, pa, WP_RUN_TEXT, nn, strlen(nn), WP_STYLE_INS, NULL, author, date, 0) != WP_OK)
				return WP_ENOMEM;
			*f = nf;
		}
	}
	/* removed rows, put back: by place in the new version as read, last
	 * first, so that the places of the others hold */
	size_t *ord = wp_malloc((d->n + 1) * sizeof *ord), nord = 0;
	if (!ord)
		return WP_ENOMEM;
	for (size_t i = 0; i < d->n; i++)
		if ((d->items[i].what & WP_DELTA_REMOVED) && d->items[i].new_section != NONE)
			ord[nord++] = i;
	for (size_t x = 1; x < nord; x++) /* (stable insertion sort: few rows) */
		for (size_t y = x; y > 0; y--) {
			const wp_delta_item *p1 = &d->items[ord[y - 1]], *p2 = &d->items[ord[y]];
			if (p1->new_section < p2->new_section ||
			    (p1->new_section == p2->new_section && p1->new_index <= p2->new_index))
				break;
			size_t t = ord[y];
			ord[y] = ord[y - 1];
			ord[y - 1] = t;
		}
	int rc = WP_OK;
	for (size_t x = nord; rc == WP_OK && x-- > 0;) {
		const wp_delta_item *it = &d->items[ord[x]];
		wp_section *s = &new_->sections[it->new_section];
		const wp_section *os = &old->sections[it->old_section];
		const wp_activity *oa = &os->activities[it->old_index];
		size_t at = it->new_index; /* (an index of the new version as read) */
		if (!mb_activity_add(new_, s, 0)) {
			rc = WP_ENOMEM;
			break;
		}
		memmove(&s->activities[at + 1], &s->activities[at], (s->nactivities - 1 - at) * sizeof *s->activities);
		wp_activity *a = &s->activities[at];
		memset(a, 0, sizeof *a);
		a->pos = oa->pos;
		a->fields = mb_alloc(new_, (s->ncolumns ? s->ncolumns : 1) * sizeof *a->fields);
		if (!a->fields) {
			rc = WP_ENOMEM;
			break;
		}
		for (size_t c = 0; rc == WP_OK && c < s->ncolumns; c++) {
			int oc = wp_section_column(os, s->columns[c].key);
			if (oc >= 0)
				rc = field_mark(new_, &a->fields[c], &oa->fields[oc], WP_STYLE_DEL, author, date);
		}
		a->cells_written = (unsigned)s->ncolumns;
	}
	wp_free(ord);
	return rc;
}

/***** reports *****/

/* "I.12" (the section's numeral, else its place) */
static void where(wp_buf *b, const wp_programme *p, size_t sec, const char *number)
{
	if (sec != NONE && sec < p->nsections) {
		if (p->sections[sec].numeral)
			wp_buf_printf(b, "%s.", p->sections[sec].numeral);
		else
			wp_buf_printf(b, "%zu.", sec + 1);
	}
	wp_buf_puts(b, number ? number : "-");
}

/* The first (head) or last words of t, at most three. */
static void words(wp_buf *b, const char *t, int head)
{
	size_t n = strlen(t), w = 0, q;
	if (head) {
		for (q = 0; q < n; q++)
			if (t[q] == ' ' && ++w == 3)
				break;
		char *c = wp_strdup(t);
		if (c) {
			c[q] = '\0';
			esc_term(b, c);
			wp_free(c);
		}
		if (q < n)
			wp_buf_puts(b, " \xE2\x80\xA6");
		return;
	}
	for (q = n; q > 0; q--)
		if (t[q - 1] == ' ' && ++w == 3)
			break;
	if (q > 0)
		wp_buf_puts(b, "\xE2\x80\xA6 ");
	esc_term(b, t + q);
}

/* The word changes of a field, with three words of context around each:
 * "… was discussed in [-April-]{+May+} 2026; comments …". */
static void changes_text(wp_buf *b, const wp_delta_field *f)
{
	for (size_t i = 0; i < f->npieces; i++) {
		const wp_wd_piece *pc = &f->pieces[i];
		if (pc->op != WP_WD_SAME) {
			const char *t = pc->text;
			if (*t == ' ') /* the space between words: outside the marks */
				wp_buf_putc(b, *t++);
			wp_buf_puts(b, pc->op == WP_WD_DEL ? "[-" : "{+");
			esc_term(b, t);
			wp_buf_puts(b, pc->op == WP_WD_DEL ? "-]" : "+}");
			continue;
		}
		size_t nw = 1;
		for (const char *t = pc->text; *t; t++)
			nw += *t == ' ';
		int first = i == 0, last = i + 1 == f->npieces;
		if (first && last) {
			esc_term(b, pc->text);
		} else if (first) {
			words(b, pc->text, 0);
		} else if (last) {
			words(b, pc->text, 1);
		} else if (nw <= 6) {
			esc_term(b, pc->text);
		} else {
			words(b, pc->text, 1);
			wp_buf_putc(b, ' ');
			words(b, pc->text, 0);
		}
	}
}

static void json_pieces(wp_buf *b, const wp_delta_field *f)
{
	wp_buf_puts(b, "[");
	for (size_t i = 0; i < f->npieces; i++) {
		wp_buf_printf(b, "%s{\"op\": \"%s\", \"text\": ", i ? ", " : "",
			      f->pieces[i].op == WP_WD_SAME ? "=" : f->pieces[i].op == WP_WD_DEL ? "-" : "+");
		esc_json(b, f->pieces[i].text);
		wp_buf_puts(b, "}");
	}
	wp_buf_puts(b, "]");
}

static void json_section(wp_buf *b, const wp_programme *p, size_t sec)
{
	if (sec == NONE || sec >= p->nsections) {
		wp_buf_puts(b, "null");
		return;
	}
	const wp_section *s = &p->sections[sec];
	if (s->numeral)
		esc_json(b, s->numeral);
	else if (s->title)
		esc_json(b, s->title);
	else
		wp_buf_printf(b, "\"%zu\"", sec + 1);
}

static void json_item(wp_buf *b, const wp_delta_item *it, const wp_programme *old, const wp_programme *new_, int fields)
{
	wp_buf_puts(b, "{\"section\": ");
	json_section(b, it->what & WP_DELTA_REMOVED ? old : new_, it->what & WP_DELTA_REMOVED ? it->old_section : it->new_section);
	if (it->what & WP_DELTA_MOVED) {
		wp_buf_puts(b, ", \"old_section\": ");
		json_section(b, old, it->old_section);
	}
	wp_buf_puts(b, ", \"old_number\": ");
	if (it->old_number)
		esc_json(b, it->old_number);
	else
		wp_buf_puts(b, "null");
	wp_buf_puts(b, ", \"new_number\": ");
	if (it->new_number)
		esc_json(b, it->new_number);
	else
		wp_buf_puts(b, "null");
	wp_buf_puts(b, ", \"title\": ");
	esc_json(b, it->title ? it->title : "");
	if (!(it->what & (WP_DELTA_ADDED | WP_DELTA_REMOVED)))
		wp_buf_printf(b, ", \"similarity\": %.2f", it->similarity);
	if (fields) {
		wp_buf_puts(b, ", \"fields\": [");
		for (size_t f = 0; f < it->nfields; f++) {
			wp_buf_printf(b, "%s{\"key\": ", f ? ", " : "");
			esc_json(b, it->fields[f].key);
			wp_buf_puts(b, ", \"header\": ");
			esc_json(b, it->fields[f].header ? it->fields[f].header : "");
			wp_buf_puts(b, ", \"changes\": ");
			json_pieces(b, &it->fields[f]);
			wp_buf_puts(b, "}");
		}
		wp_buf_puts(b, "]");
	}
	wp_buf_puts(b, "}");
}

int wp_delta_format(char **out, size_t *len, const wp_delta *d, const wp_programme *old, const wp_programme *new_,
		   int json)
{
	wp_buf b = {0};
	if (json) {
		static const struct {
			const char *name;
			unsigned bit;
		} lists[] = {{"changed", WP_DELTA_CHANGED}, {"added", WP_DELTA_ADDED}, {"removed", WP_DELTA_REMOVED},
			     {"moved", WP_DELTA_MOVED}, {"renumbered", WP_DELTA_RENUMBERED}};
		wp_buf_puts(&b, "{");
		for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
			wp_buf_printf(&b, "%s\n  \"%s\": [", l ? "," : "", lists[l].name);
			size_t k = 0;
			for (size_t i = 0; i < d->n; i++) {
				const wp_delta_item *it = &d->items[i];
				if (!(it->what & lists[l].bit))
					continue;
				/* (a moved row is listed as moved, not renumbered too) */
				if (lists[l].bit == WP_DELTA_RENUMBERED && (it->what & WP_DELTA_MOVED))
					continue;
				wp_buf_puts(&b, k++ ? ",\n    " : "\n    ");
				json_item(&b, it, old, new_, lists[l].bit == WP_DELTA_CHANGED);
			}
			wp_buf_puts(&b, k ? "\n  ]" : "]");
		}
		wp_buf_printf(&b, ",\n  \"summary\": {\"changed\": %zu, \"added\": %zu, \"removed\": %zu, \"moved\": %zu, "
				  "\"renumbered\": %zu, \"same\": %zu}\n}\n",
			      d->changed, d->added, d->removed, d->moved, d->renumbered, d->same);
	} else {
		for (size_t i = 0; i < d->n; i++) {
			const wp_delta_item *it = &d->items[i];
			const char *what = it->what & WP_DELTA_ADDED ? "added" : it->what & WP_DELTA_REMOVED ? "removed"
					   : it->what & WP_DELTA_CHANGED ? "changed" : it->what & WP_DELTA_MOVED ? "moved"
					   : "renumbered";
			wp_buf_printf(&b, "%-10s ", what);
			if (!(it->what & WP_DELTA_ADDED))
				where(&b, old, it->old_section, it->old_number);
			if (!(it->what & (WP_DELTA_ADDED | WP_DELTA_REMOVED)))
				wp_buf_puts(&b, " \xE2\x86\x92 ");
			if (!(it->what & WP_DELTA_REMOVED))
				where(&b, new_, it->new_section, it->new_number);
			if ((it->what & WP_DELTA_CHANGED) && (it->what & WP_DELTA_MOVED))
				wp_buf_puts(&b, " (moved)");
			wp_buf_puts(&b, " \"");
			esc_term(&b, it->title ? it->title : "");
			wp_buf_puts(&b, "\"\n");
			for (size_t f = 0; f < it->nfields; f++) {
				wp_buf_puts(&b, "    ");
				esc_term(&b, it->fields[f].header ? it->fields[f].header : it->fields[f].key);
				wp_buf_puts(&b, ": ");
				changes_text(&b, &it->fields[f]);
				wp_buf_putc(&b, '\n');
			}
		}
		wp_buf_printf(&b, "%zu changed, %zu added, %zu removed, %zu moved, %zu renumbered\n", d->changed, d->added,
			      d->removed, d->moved, d->renumbered);
	}
	if (b.oom) {
		wp_buf_free(&b);
		return WP_ENOMEM;
	}
	*out = wp_buf_detach(&b, len);
	return *out ? WP_OK : WP_ENOMEM;
}
