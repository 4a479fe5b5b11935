/* word_diff.c: what changed in a text, word by word, and how alike two
 * texts are (see wpgen/diff.h). */
#include "session/diff_impl.h"

/***** words *****/

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

/* Myers' O(ND) difference in linear space ("An O(ND) Difference
 * Algorithm and Its Variations", 1986, section 4b): the middle snake of
 * the shortest edit script, found from both ends at once, splits the
 * problem in two, each solved alike. Time O((N+M)·D), memory O(N+M): a
 * cell of 60,000 words with a few edits diffs in milliseconds. */
typedef struct myers_ctx {
	const tok *a, *b;
	long *vf, *vr, off;   /* furthest x on each diagonal, forward and from the end */
	char *ops;            /* '=', '-', '+': one per token, in order */
	size_t nops;
	long dmax;            /* an edit script longer than this is not worth one: over */
	int over;
} myers_ctx;

/* The middle snake of a[a0..a1) and b[b0..b1) (both non-empty, their
 * ends differing): from (*sx, *sy) to (*ex, *ey). Returns D, or -1 past
 * dmax. */
static long middle_snake(myers_ctx *c, long a0, long a1, long b0, long b1, long *sx, long *sy, long *ex, long *ey)
{
	const tok *a = c->a + a0, *b = c->b + b0;
	long N = a1 - a0, M = b1 - b0, delta = N - M, off = c->off;
	long *vf = c->vf, *vr = c->vr;
	int odd = (delta & 1) != 0;
	vf[off + 1] = 0;
	vr[off + 1] = 0;
	for (long d = 0; d <= (N + M + 1) / 2; d++) {
		if (2 * d - 1 > c->dmax)
			return -1;
		for (long k = -d; k <= d; k += 2) { /* forward */
			long x = (k == -d || (k != d && vf[off + k - 1] < vf[off + k + 1])) ? vf[off + k + 1] : vf[off + k - 1] + 1;
			long y = x - k, x0 = x, y0 = y;
			while (x < N && y < M && tok_eq(&a[x], &b[y]))
				x++, y++;
			vf[off + k] = x;
			long kr = delta - k;
			if (odd && kr >= -(d - 1) && kr <= d - 1 && x + vr[off + kr] >= N) {
				*sx = x0, *sy = y0, *ex = x, *ey = y;
				return 2 * d - 1;
			}
		}
		for (long k = -d; k <= d; k += 2) { /* from the end: x, y counted back */
			long x = (k == -d || (k != d && vr[off + k - 1] < vr[off + k + 1])) ? vr[off + k + 1] : vr[off + k - 1] + 1;
			long y = x - k, x0 = x, y0 = y;
			while (x < N && y < M && tok_eq(&a[N - 1 - x], &b[M - 1 - y]))
				x++, y++;
			vr[off + k] = x;
			long kf = delta - k;
			if (!odd && kf >= -d && kf <= d && x + vf[off + kf] >= N) {
				*sx = N - x, *sy = M - y, *ex = N - x0, *ey = M - y0;
				return 2 * d;
			}
		}
	}
	return -1; /* (not reached: the paths meet by then) */
}

static void put_ops(myers_ctx *c, char op, long n)
{
	while (n-- > 0)
		c->ops[c->nops++] = op;
}

static void compare(myers_ctx *c, long a0, long a1, long b0, long b1)
{
	long pre = 0, suf = 0;
	while (a0 + pre < a1 && b0 + pre < b1 && tok_eq(&c->a[a0 + pre], &c->b[b0 + pre]))
		pre++;
	put_ops(c, '=', pre);
	a0 += pre, b0 += pre;
	while (a1 - suf > a0 && b1 - suf > b0 && tok_eq(&c->a[a1 - 1 - suf], &c->b[b1 - 1 - suf]))
		suf++;
	a1 -= suf, b1 -= suf;
	if (a0 == a1) {
		put_ops(c, '+', b1 - b0);
	} else if (b0 == b1) {
		put_ops(c, '-', a1 - a0);
	} else {
		long sx, sy, ex, ey;
		if (middle_snake(c, a0, a1, b0, b1, &sx, &sy, &ex, &ey) < 0) {
			c->over = 1;
			return;
		}
		compare(c, a0, a0 + sx, b0, b0 + sy);
		if (c->over)
			return;
		put_ops(c, '=', ex - sx);
		compare(c, a0 + ex, a1, b0 + ey, b1);
	}
	put_ops(c, '=', suf);
}

/* The shortest edit script of a[0..na) into b[0..nb), as ops ('=', '-',
 * '+') in *ops (one per token); -1 past MAX_EDITS, or on OOM (*oom). */
static long myers(const tok *a, size_t na, const tok *b, size_t nb, char **ops, int *oom)
{
	long half = (long)((na + nb) / 2) + 2, cap = MAX_EDITS / 2 + 2;
	long L = half < cap ? half : cap;
	myers_ctx c = {a, b, NULL, NULL, L + 1, NULL, 0, MAX_EDITS, 0};
	c.vf = wp_malloc((size_t)(2 * L + 3) * sizeof *c.vf);
	c.vr = wp_malloc((size_t)(2 * L + 3) * sizeof *c.vr);
	c.ops = wp_malloc(na + nb + 1);
	long rc = -1;
	if (!c.vf || !c.vr || !c.ops) {
		*oom = 1;
	} else {
		compare(&c, 0, (long)na, 0, (long)nb);
		if (!c.over) {
			c.ops[c.nops] = '\0';
			*ops = c.ops;
			c.ops = NULL;
			rc = 0;
			for (size_t i = 0; i < c.nops; i++)
				rc += (*ops)[i] != '=';
		}
	}
	wp_free(c.vf);
	wp_free(c.vr);
	wp_free(c.ops);
	return rc;
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

static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return (a > b) - (a < b);
}

int df_next_word(const char **t, uint64_t *hash)
{
	const unsigned char *s = (const unsigned char *)*t;
	while (*s && !(isalnum(*s) || *s >= 0x80))
		s++;
	if (!*s) {
		*t = (const char *)s;
		return 0;
	}
	uint64_t h = WP_HASH0;
	while (*s && (isalnum(*s) || *s >= 0x80))
		h = wp_hash_byte(h, (unsigned char)tolower(*s++));
	*t = (const char *)s;
	*hash = h;
	return 1;
}

/* The hashes of t's words (letters and digits, case aside), sorted. */
int df_word_hashes(const char *t, uint64_t **out, size_t *n)
{
	size_t cap = 0;
	*out = NULL;
	int rc = df_word_hashes_in(t, out, &cap, n);
	if (rc != WP_OK) {
		wp_free(*out);
		*out = NULL;
	}
	return rc;
}

int df_word_hashes_in(const char *t, uint64_t **vec, size_t *vcap, size_t *n)
{
	size_t cap = *vcap, k = 0;
	uint64_t *v = *vec;
	if (!v || !cap) {
		cap = 16;
		if (!(v = wp_realloc(v, cap * sizeof *v)))
			return WP_ENOMEM;
		*vec = v;
		*vcap = cap;
	}
	const char *s = t;
	uint64_t h;
	while (df_next_word(&s, &h)) {
		if (k == cap) {
			uint64_t *g = wp_realloc(v, (cap *= 2) * sizeof *v);
			if (!g)
				return WP_ENOMEM;
			*vec = v = g;
			*vcap = cap;
		}
		v[k++] = h;
	}
	qsort(v, k, sizeof *v, cmp_u64); /* (n log n: a cell may hold 60,000 words) */
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
	if (df_word_hashes(a, &ha, &na) == WP_OK && df_word_hashes(b, &hb, &nb) == WP_OK)
		s = dice(ha, na, hb, nb);
	wp_free(ha);
	wp_free(hb);
	return s;
}

