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
int df_word_hashes(const char *t, uint64_t **out, size_t *n)
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
		uint64_t h = WP_HASH0;
		while (*s && (isalnum(*s) || *s >= 0x80))
			h = wp_hash_byte(h, (unsigned char)tolower(*s++));
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
	if (df_word_hashes(a, &ha, &na) == WP_OK && df_word_hashes(b, &hb, &nb) == WP_OK)
		s = dice(ha, na, hb, nb);
	wp_free(ha);
	wp_free(hb);
	return s;
}

