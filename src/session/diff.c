/* diff.c: what changed between two versions of a programme (see
 * wpgen/diff.h): the rows of each version, aligned by content, and the
 * differences. word_diff.c diffs texts word by word, redline.c marks the
 * differences into the new version and writes the reports. */
#include "session/diff_impl.h"


/***** the rows of a version *****/

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

/* A field's new text (no deleted runs), paragraphs as blank lines: the
 * run's own text when it is one run (most cells), else made in the arena. */
static char *side_text(side *sd, const wp_field *f)
{
	if (f->nparas == 1 && f->paras[0].nruns == 1 && f->paras[0].runs[0].kind == WP_RUN_TEXT &&
	    !(f->paras[0].runs[0].style & WP_STYLE_DEL) && !memchr(f->paras[0].runs[0].text, 0, f->paras[0].runs[0].len) &&
	    f->paras[0].runs[0].text[f->paras[0].runs[0].len] == '\0')
		return (char *)f->paras[0].runs[0].text;
	char *t = wp_field_text_new(f);
	char *copy = t ? wp_arena_strdup(&sd->arena, t) : NULL;
	wp_free(t);
	return copy;
}

static int side_read(side *sd, const wp_programme *p, const wp_facts *f, const keys *k)
{
	size_t n = wp_programme_activities(p);
	int rc = WP_OK;
	sd->p = p;
	sd->n = 0;
	sd->rows = wp_malloc((n ? n : 1) * sizeof *sd->rows);
	if (!sd->rows)
		return WP_ENOMEM;
	for (size_t si = 0; rc == WP_OK && si < p->nsections; si++) {
		const wp_section *s = &p->sections[si];
		for (size_t ai = 0; rc == WP_OK && ai < s->nactivities; ai++) {
			const wp_activity *a = &s->activities[ai];
			if (!wp_facts_row(f, si, ai)->counted)
				continue; /* not in this version */
			row *r = &sd->rows[sd->n++];
			memset(r, 0, sizeof *r);
			r->sec = si;
			r->idx = ai;
			r->pair = NONE;
			r->colour = wp_facts_row(f, si, ai)->colour;
			r->text = wp_arena_alloc(&sd->arena, k->n * sizeof *r->text);
			if (!r->text) {
				rc = WP_ENOMEM;
				break;
			}
			for (size_t c = 0; rc == WP_OK && c < k->n; c++) {
				int col = wp_section_column(s, k->key[c]);
				if (col < 0)
					continue;
				if (!(r->text[c] = side_text(sd, &a->fields[col]))) {
					rc = WP_ENOMEM;
					break;
				}
			}
			int nc = wp_section_role(s, WP_ROLE_NUMBER);
			if (rc == WP_OK && nc >= 0) {
				const char *t = side_text(sd, &a->fields[nc]);
				if (!t) {
					rc = WP_ENOMEM;
					break;
				}
				size_t len = strlen(t);
				const char *tt = wp_trim(t, &len);
				while (len && (tt[len - 1] == '.' || wp_is_space((unsigned char)tt[len - 1])))
					len--;
				if (!(r->number = wp_arena_strndup(&sd->arena, tt, len)))
					rc = WP_ENOMEM;
			}
		}
	}
	return rc;
}

static void side_free(side *sd, size_t nkeys)
{
	(void)nkeys;
	for (size_t i = 0; i < sd->n; i++) {
		wp_free(sd->rows[i].all);
		wp_free(sd->rows[i].w);
	}
	wp_free(sd->rows);
	wp_arena_free(&sd->arena);
}

static int compared(const keys *k, size_t c)
{
	return !(k->roles[c] & (WP_ROLE_NUMBER | WP_ROLE_STATUS));
}

/* The weighted Dice of two rows' words: each word (of a compared column,
 * tagged by its column) weighs its inverse document frequency over both
 * versions, so that what every row says (a priority "A", "Y", the body
 * "PTC") hardly counts and an activity's own words do. */
double df_similarity(const keys *k, const row *a, const row *b)
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

/* A row's key: the hash of its texts but the number's, each run of white
 * space one, as same_row compares them. */
static uint64_t row_key(const keys *k, const row *r)
{
	uint64_t h = WP_HASH0;
	for (size_t c = 0; c < k->n; c++) {
		if (k->roles[c] & WP_ROLE_NUMBER)
			continue;
		const char *t = r->text[c] ? r->text[c] : "";
		int sp = 0, any = 0;
		for (; *t; t++) {
			if (wp_is_space((unsigned char)*t)) {
				sp = any;
				continue;
			}
			if (sp)
				h = wp_hash_byte(h, ' ');
			sp = 0;
			any = 1;
			h = wp_hash_byte(h, (unsigned char)*t);
		}
		h = wp_hash_byte(h, 0x1F); /* (between columns) */
	}
	return h;
}

/* Every row's key: all the exact passes need. */
static void key_rows(side *o, side *n, const keys *k)
{
	for (size_t i = 0; i < o->n; i++)
		o->rows[i].key = row_key(k, &o->rows[i]);
	for (size_t i = 0; i < n->n; i++)
		n->rows[i].key = row_key(k, &n->rows[i]);
}

static uint64_t tagged(uint64_t word, size_t c)
{
	return word ^ ((uint64_t)(c + 1) * 0x9E3779B97F4A7C15ULL);
}

/* A word of an unpaired row, and in how many rows of both versions it is. */
typedef struct df_slot {
	uint64_t word;
	size_t df, last; /* last: the row that counted it last (+1); 0: a free slot */
} df_slot;

static df_slot *df_find(df_slot *t, size_t cap, uint64_t word)
{
	size_t i = (size_t)((word ^ (word >> 29)) * 0xBF58476D1CE4E5B9ULL >> 17) & (cap - 1);
	while (t[i].last && t[i].word != word)
		i = (i + 1) & (cap - 1);
	return &t[i];
}

/* The words of the rows still unpaired (after the exact passes: the only
 * ones compared by their words), tagged by column and sorted, and their
 * weights: idf = log((N + 1) / (df + 0.5)) over the N rows of both
 * versions. Only their words' document frequencies are counted, over
 * every row, in one pass (sorting every row's words was a quarter of a
 * diff's time). */
static int weigh(side *o, side *n, const keys *k)
{
	side *sides[2] = {o, n};
	size_t nrows = o->n + n->n, words = 0;
	uint64_t *vec = NULL;
	size_t vcap = 0;
	for (int q = 0; q < 2; q++)
		for (size_t i = 0; i < sides[q]->n; i++) {
			row *r = &sides[q]->rows[i];
			if (r->pair != NONE)
				continue;
			size_t m = 0, nh;
			for (size_t c = 0; c < k->n; c++)
				for (const char *t = compared(k, c) && r->text[c] ? r->text[c] : ""; df_next_word(&t, &(uint64_t){0});)
					m++;
			r->all = wp_malloc((m ? m : 1) * sizeof *r->all);
			r->w = wp_malloc((m ? m : 1) * sizeof *r->w);
			if (!r->all || !r->w) {
				wp_free(vec);
				return WP_ENOMEM;
			}
			r->nall = 0;
			for (size_t c = 0; c < k->n; c++) {
				if (!compared(k, c) || !r->text[c])
					continue;
				if (df_word_hashes_in(r->text[c], &vec, &vcap, &nh) != WP_OK) {
					wp_free(vec);
					return WP_ENOMEM;
				}
				for (size_t x = 0; x < nh; x++)
					r->all[r->nall++] = tagged(vec[x], c);
			}
			qsort(r->all, r->nall, sizeof *r->all, u64_cmp);
			words += r->nall;
		}
	wp_free(vec);
	if (!words)
		return WP_OK;
	size_t cap = 16;
	while (cap < 2 * words)
		cap *= 2;
	df_slot *t = wp_malloc(cap * sizeof *t);
	if (!t)
		return WP_ENOMEM;
	memset(t, 0, cap * sizeof *t);
	for (int q = 0; q < 2; q++)
		for (size_t i = 0; i < sides[q]->n; i++)
			for (size_t x = 0; sides[q]->rows[i].pair == NONE && x < sides[q]->rows[i].nall; x++) {
				df_slot *e = df_find(t, cap, sides[q]->rows[i].all[x]);
				e->word = sides[q]->rows[i].all[x];
				e->last = SIZE_MAX; /* (taken; not yet counted) */
			}
	/* each row counts each of its words once */
	for (int q = 0, g = 0; q < 2; q++)
		for (size_t i = 0; i < sides[q]->n; i++, g++) {
			const row *r = &sides[q]->rows[i];
			uint64_t h;
			for (size_t c = 0; c < k->n; c++)
				for (const char *w = compared(k, c) && r->text[c] ? r->text[c] : ""; df_next_word(&w, &h);) {
					df_slot *e = df_find(t, cap, tagged(h, c));
					if (e->last && e->last != (size_t)g + 1) {
						e->df++;
						e->last = (size_t)g + 1;
					}
				}
		}
	for (int q = 0; q < 2; q++)
		for (size_t i = 0; i < sides[q]->n; i++) {
			row *r = &sides[q]->rows[i];
			if (r->pair != NONE)
				continue;
			r->mass = 0;
			for (size_t x = 0; x < r->nall; x++) {
				size_t df = df_find(t, cap, r->all[x])->df;
				r->w[x] = log(((double)nrows + 1) / ((double)df + 0.5));
				r->mass += r->w[x];
			}
		}
	wp_free(t);
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

static int cand_cmp(const void *x, const void *y)
{
	const cand *a = x, *b = y;
	if (a->sim != b->sim)
		return a->sim < b->sim ? 1 : -1;
	if (a->dist != b->dist)
		return a->dist < b->dist ? -1 : 1;
	return a->i != b->i ? (a->i < b->i ? -1 : 1) : (a->j < b->j ? -1 : a->j > b->j);
}

/* A word of a new row, for finding the rows an old one shares words with. */
typedef struct posting {
	uint64_t word;
	size_t j;
} posting;

static int posting_cmp(const void *x, const void *y)
{
	const posting *a = x, *b = y;
	return a->word != b->word ? (a->word < b->word ? -1 : 1) : (a->j > b->j) - (a->j < b->j);
}

/* What align finds candidates with, built once per pass. */
typedef struct finder {
	posting *by_key;   /* the unpaired new rows by key (word: the key) */
	size_t nkey;
	posting *by_word;  /* the unpaired new rows' rare words */
	size_t nword;
	size_t *sec_start; /* the new rows of section s: [sec_start[s], sec_start[s + 1]) */
	size_t *stamp;     /* per new row: the old row last offered it (+1) */
	double rare;       /* a word at or above this weight is rare: in at most RARE_DF rows */
} finder;

/* A word in more rows than this does not find candidates (the rows
 * around one in its section do); a key shared by more, the nearest. */
#define RARE_DF 64
#define WINDOW 16

static void finder_free(finder *f)
{
	wp_free(f->by_key);
	wp_free(f->by_word);
	wp_free(f->sec_start);
	wp_free(f->stamp);
}

static int finder_new(finder *f, const side *o, const side *n, const wp_programme *new_, int exact)
{
	memset(f, 0, sizeof *f);
	size_t words = 0;
	f->rare = log(((double)(o->n + n->n) + 1) / ((double)RARE_DF + 0.5));
	for (size_t j = 0; j < n->n; j++)
		for (size_t x = 0; !exact && n->rows[j].pair == NONE && x < n->rows[j].nall; x++)
			words += n->rows[j].w[x] >= f->rare;
	f->by_key = wp_malloc((n->n + 1) * sizeof *f->by_key);
	f->by_word = wp_malloc((words + 1) * sizeof *f->by_word);
	f->sec_start = wp_malloc((new_->nsections + 2) * sizeof *f->sec_start);
	f->stamp = wp_malloc((n->n + 1) * sizeof *f->stamp);
	if (!f->by_key || !f->by_word || !f->sec_start || !f->stamp)
		return WP_ENOMEM;
	memset(f->stamp, 0, (n->n + 1) * sizeof *f->stamp);
	for (size_t j = 0; j < n->n; j++) {
		const row *r = &n->rows[j];
		if (r->pair != NONE)
			continue;
		f->by_key[f->nkey++] = (posting){r->key, j};
		for (size_t x = 0; !exact && x < r->nall; x++)
			if (r->w[x] >= f->rare && (!x || r->all[x] != r->all[x - 1]))
				f->by_word[f->nword++] = (posting){r->all[x], j};
	}
	qsort(f->by_key, f->nkey, sizeof *f->by_key, posting_cmp);
	qsort(f->by_word, f->nword, sizeof *f->by_word, posting_cmp);
	/* (rows are in section order: each section's first) */
	size_t j = 0;
	for (size_t s = 0; s <= new_->nsections; s++) {
		while (j < n->n && n->rows[j].sec < s)
			j++;
		f->sec_start[s] = j;
	}
	f->sec_start[new_->nsections + 1] = n->n;
	return WP_OK;
}

/* The first posting of word in v[0..nv), or nv. */
static size_t first_posting(const posting *v, size_t nv, uint64_t word)
{
	size_t lo = 0, hi = nv;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (v[mid].word < word)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

typedef struct cands {
	cand *v;
	size_t n, cap;
} cands;

/* Offers new row j to old row i: a candidate when it qualifies. */
static int offer(cands *c, finder *f, const side *o, const side *n, const keys *k, const size_t *secmap, size_t i,
		 size_t j, int exact, int within)
{
	const row *a = &o->rows[i], *b = &n->rows[j];
	if (b->pair != NONE || f->stamp[j] == i + 1)
		return WP_OK;
	f->stamp[j] = i + 1;
	int same_sec = secmap[a->sec] == b->sec;
	if (within && !same_sec)
		return WP_OK;
	double s = 1;
	if (exact ? a->key != b->key || !same_row(k, a, b) : (s = df_similarity(k, a, b)) < WP_DELTA_THRESHOLD)
		return WP_OK;
	if (c->n == c->cap) {
		size_t nc = c->cap ? c->cap * 2 : 64;
		cand *g = wp_realloc(c->v, nc * sizeof *g);
		if (!g)
			return WP_ENOMEM;
		c->v = g;
		c->cap = nc;
	}
	long d = (long)a->idx - (long)b->idx;
	c->v[c->n++] = (cand){i, j, s, (same_sec ? 0 : 1000000) + (d < 0 ? -d : d)};
	return WP_OK;
}

/* The new rows an old row could be: those of its key (the nearest in
 * place when many share it), those sharing one of its rare words, and
 * those around its place in its section. Each once. */
static int offer_all(cands *c, finder *f, const side *o, const side *n, const keys *k, const size_t *secmap,
		     const wp_programme *new_, size_t i, int exact, int within)
{
	const row *a = &o->rows[i];
	int rc = WP_OK;
	size_t ms = secmap[a->sec];
	/* around its place: the same index, give or take, in its section */
	if (ms != NONE && ms < new_->nsections) {
		size_t s0 = f->sec_start[ms], s1 = f->sec_start[ms + 1];
		size_t at = s0 + (a->idx < s1 - s0 ? a->idx : s1 - s0);
		size_t lo = at > s0 + WINDOW ? at - WINDOW : s0, hi = at + WINDOW < s1 ? at + WINDOW : s1;
		for (size_t j = lo; rc == WP_OK && j < hi; j++)
			rc = offer(c, f, o, n, k, secmap, i, j, exact, within);
	}
	/* its key: every row that reads the same (a run of identical rows:
	 * the nearest WINDOW on either side of its place) */
	size_t p = first_posting(f->by_key, f->nkey, a->key), e = p;
	while (e < f->nkey && f->by_key[e].word == a->key)
		e++;
	if (e - p > 2 * WINDOW) {
		size_t lo = p, hi = e; /* the first at or after its place (postings are in row order) */
		size_t want = ms != NONE && ms < new_->nsections ? f->sec_start[ms] + a->idx : 0;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (f->by_key[mid].j < want)
				lo = mid + 1;
			else
				hi = mid;
		}
		p = lo > p + WINDOW ? lo - WINDOW : p;
		e = lo + WINDOW < e ? lo + WINDOW : e;
	}
	for (size_t x = p; rc == WP_OK && x < e; x++)
		rc = offer(c, f, o, n, k, secmap, i, f->by_key[x].j, exact, within);
	/* its rare words */
	for (size_t x = 0; !exact && rc == WP_OK && x < a->nall; x++) {
		if (a->w[x] < f->rare || (x && a->all[x] == a->all[x - 1]))
			continue;
		for (size_t q = first_posting(f->by_word, f->nword, a->all[x]);
		     rc == WP_OK && q < f->nword && f->by_word[q].word == a->all[x]; q++)
			rc = offer(c, f, o, n, k, secmap, i, f->by_word[q].j, exact, within);
	}
	return rc;
}

/* Identical rows at the same place of matching sections, paired: the
 * candidates the greedy pass below takes first (similarity 1, distance
 * 0, in the order of the old rows), found without gathering and sorting
 * every candidate of every row. Most rows of two versions are these. */
static void pair_in_place(side *o, side *n, const keys *k, const size_t *secmap, const wp_programme *new_)
{
	size_t *start = wp_malloc((new_->nsections + 1) * sizeof *start), j = 0;
	if (!start)
		return; /* (align finds them all the same) */
	for (size_t s = 0; s <= new_->nsections; s++) {
		while (j < n->n && n->rows[j].sec < s)
			j++;
		start[s] = j;
	}
	for (size_t i = 0; i < o->n; i++) {
		row *a = &o->rows[i];
		size_t ms = secmap[a->sec];
		if (a->pair != NONE || ms == NONE || ms >= new_->nsections || a->idx >= start[ms + 1] - start[ms])
			continue;
		row *b = &n->rows[start[ms] + a->idx];
		if (b->pair != NONE || b->key != a->key || !same_row(k, a, b))
			continue;
		a->pair = start[ms] + a->idx;
		b->pair = i;
		a->sim = b->sim = 1;
	}
	wp_free(start);
}

/* Aligns rows: identical ones first (nearest in place), then the most
 * similar at or above the threshold; within matching sections when
 * within is set, else anywhere. The candidates of each old row are found
 * (by key, rare words, place), not tried against every new row: n log n
 * in practice, where trying every pair was quadratic (8,000 rows: 2 s). */
static int align(side *o, side *n, const keys *k, const size_t *secmap, const wp_programme *new_, int exact,
		 int within)
{
	finder f;
	cands c = {0};
	if (exact)
		pair_in_place(o, n, k, secmap, new_);
	int rc = finder_new(&f, o, n, new_, exact);
	for (size_t i = 0; rc == WP_OK && i < o->n; i++)
		if (o->rows[i].pair == NONE)
			rc = offer_all(&c, &f, o, n, k, secmap, new_, i, exact, within);
	if (rc == WP_OK && c.n)
		qsort(c.v, c.n, sizeof *c.v, cand_cmp);
	for (size_t x = 0; rc == WP_OK && x < c.n; x++) {
		row *a = &o->rows[c.v[x].i], *b = &n->rows[c.v[x].j];
		if (a->pair != NONE || b->pair != NONE)
			continue;
		a->pair = c.v[x].j;
		b->pair = c.v[x].i;
		a->sim = b->sim = c.v[x].sim;
	}
	/* identical rows a run of them left unpaired (the nearest were taken):
	 * paired in order, key by key */
	for (size_t i = 0; rc == WP_OK && exact && i < o->n; i++) {
		row *a = &o->rows[i];
		if (a->pair != NONE)
			continue;
		for (size_t x = first_posting(f.by_key, f.nkey, a->key); x < f.nkey && f.by_key[x].word == a->key; x++) {
			row *b = &n->rows[f.by_key[x].j];
			if (b->pair != NONE || (within && secmap[a->sec] != b->sec) || !same_row(k, a, b))
				continue;
			a->pair = f.by_key[x].j;
			b->pair = i;
			a->sim = b->sim = 1;
			break;
		}
	}
	wp_free(c.v);
	finder_free(&f);
	return rc;
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
	wp_buf b = {0}; /* whole, its lines one (the text report shortens it, JSON does not) */
	for (const char *s = t ? t : ""; *s; s++) {
		if (*s == '\n' && b.len && b.data[b.len - 1] == ' ')
			continue;
		wp_buf_putc(&b, *s == '\n' ? ' ' : *s);
	}
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

/* moved: to another section, or out of the order of the rows aligned
 * within a section (those off a longest increasing run of old places,
 * found patience-style in m log m). moved[j] for each new row. */
static int find_moved(const side *o, const side *n, const wp_programme *new_, const size_t *secmap, char *moved)
{
	int rc = WP_OK;
	size_t *tail = wp_malloc((n->n + 1) * sizeof *tail), *prev = wp_malloc((n->n + 1) * sizeof *prev);
	size_t *in = wp_malloc((n->n + 1) * sizeof *in);
	char *keep = wp_malloc(n->n + 1);
	if (!tail || !prev || !in || !keep)
		rc = WP_ENOMEM;
	for (size_t s = 0; rc == WP_OK && s < new_->nsections; s++) {
		size_t m = 0, L = 0;
		for (size_t j = 0; j < n->n; j++) {
			const row *b = &n->rows[j];
			if (b->sec != s || b->pair == NONE)
				continue;
			if (secmap[o->rows[b->pair].sec] != s)
				moved[j] = 1;
			else
				in[m++] = j;
		}
		for (size_t q = 0; q < m; q++) {
			size_t v = n->rows[in[q]].pair, lo = 0, hi = L;
			while (lo < hi) {
				size_t mid = (lo + hi) / 2;
				if (n->rows[in[tail[mid]]].pair < v)
					lo = mid + 1;
				else
					hi = mid;
			}
			prev[q] = lo ? tail[lo - 1] : NONE;
			tail[lo] = q;
			if (lo == L)
				L++;
		}
		memset(keep, 0, m + 1);
		for (size_t q = L ? tail[L - 1] : NONE; q != NONE; q = prev[q])
			keep[q] = 1;
		for (size_t q = 0; q < m; q++)
			if (!keep[q])
				moved[in[q]] = 1;
	}
	wp_free(tail);
	wp_free(prev);
	wp_free(in);
	wp_free(keep);
	return rc;
}

/* An item for a new row no old row is aligned with. */
static int added_item(wp_delta *out, size_t *cap, const row *b, const wp_programme *new_, const keys *k)
{
	wp_delta_item *it = item_add(out, cap);
	if (!it)
		return WP_ENOMEM;
	it->what = WP_DELTA_ADDED;
	it->new_section = b->sec;
	it->new_index = b->idx;
	it->new_number = dup_or_null(b->number);
	it->title = title_of(new_, b->sec, b, k);
	out->added++;
	return it->title ? WP_OK : WP_ENOMEM;
}

/* An item for an aligned pair that differs (none when it does not): what
 * differs, and each changed field's word diff. */
static int pair_item(wp_delta *out, size_t *cap, const row *a, const row *b, int moved, const wp_programme *new_,
		     const keys *k)
{
	unsigned what = moved ? WP_DELTA_MOVED : 0;
	if (!same_text(a->number, b->number))
		what |= WP_DELTA_RENUMBERED;
	if (a->colour != b->colour && !(a->colour && b->colour && !strcmp(a->colour->name, b->colour->name)))
		what |= WP_DELTA_STATUS;
	/* (a status cell whose colour changed is a status change, not a change of text) */
	unsigned skip = WP_ROLE_NUMBER | ((what & WP_DELTA_STATUS) ? WP_ROLE_STATUS : 0);
	for (size_t c = 0; c < k->n; c++)
		if (!(k->roles[c] & skip) && !same_text(a->text[c], b->text[c]))
			what |= WP_DELTA_CHANGED;
	if (!what) {
		out->same++;
		return WP_OK;
	}
	wp_delta_item *it = item_add(out, cap);
	if (!it)
		return WP_ENOMEM;
	it->what = what;
	it->old_section = a->sec;
	it->old_index = a->idx;
	it->new_section = b->sec;
	it->new_index = b->idx;
	it->similarity = b->sim;
	it->old_number = dup_or_null(a->number);
	it->new_number = dup_or_null(b->number);
	it->title = title_of(new_, b->sec, b, k);
	if (!it->title || (a->number && !it->old_number) || (b->number && !it->new_number))
		return WP_ENOMEM;
	if (what & WP_DELTA_STATUS) {
		const wp_profile_colour *w = a->colour, *c = b->colour;
		if ((w && (!(it->status_was = wp_strdup(w->name)) ||
			   (w->meaning && !(it->status_was_meaning = wp_strdup(w->meaning))))) ||
		    (c && (!(it->status = wp_strdup(c->name)) || (c->meaning && !(it->status_meaning = wp_strdup(c->meaning))))))
			return WP_ENOMEM;
		out->status++;
	}
	out->changed += !!(what & WP_DELTA_CHANGED);
	out->moved += !!(what & WP_DELTA_MOVED);
	out->renumbered += (what & (WP_DELTA_RENUMBERED | WP_DELTA_MOVED)) == WP_DELTA_RENUMBERED;
	if (!(what & WP_DELTA_CHANGED))
		return WP_OK;
	if (!(it->fields = wp_malloc(k->n * sizeof *it->fields)))
		return WP_ENOMEM;
	for (size_t c = 0; c < k->n; c++) {
		if ((k->roles[c] & skip) || same_text(a->text[c], b->text[c]))
			continue;
		wp_delta_field *f = &it->fields[it->nfields++];
		f->key = k->key[c];
		f->header = k->header[c];
		int rc = wp_word_diff(&f->pieces, &f->npieces, a->text[c] ? a->text[c] : "", b->text[c] ? b->text[c] : "");
		if (rc != WP_OK)
			return rc;
	}
	return WP_OK;
}

/* The items, in the new order; a removed row after the row aligned with
 * the old row before it, in the section of its own; the rest at the end
 * of their sections. */
static int list_items(wp_delta *out, const side *o, const side *n, const char *moved, const wp_programme *old,
		      const wp_programme *new_, const size_t *secmap, const keys *k)
{
	size_t cap = 0;
	int rc = WP_OK;
	char *listed = wp_malloc(o->n + 1);
	if (!listed)
		return WP_ENOMEM;
	memset(listed, 0, o->n + 1);
	for (size_t j = 0; rc == WP_OK && j <= n->n; j++) {
		size_t from = j == 0 ? 0 : n->rows[j - 1].pair + 1;
		for (size_t i = from; (j == 0 || n->rows[j - 1].pair != NONE) && rc == WP_OK && i < o->n && o->rows[i].pair == NONE;
		     i++) {
			if (!listed[i])
				rc = removed_item(out, &cap, &o->rows[i], old, new_, secmap, j < n->n ? &n->rows[j] : NULL, k);
			listed[i] = 1;
		}
		if (j == n->n)
			break;
		const row *b = &n->rows[j];
		if (rc == WP_OK)
			rc = b->pair == NONE ? added_item(out, &cap, b, new_, k)
					     : pair_item(out, &cap, &o->rows[b->pair], b, moved[j], new_, k);
	}
	for (size_t i = 0; rc == WP_OK && i < o->n; i++)
		if (o->rows[i].pair == NONE && !listed[i]) {
			rc = removed_item(out, &cap, &o->rows[i], old, new_, secmap, NULL, k);
			listed[i] = 1;
		}
	wp_free(listed);
	return rc;
}

int wp_delta_compute(wp_delta *out, const wp_programme *old, const wp_facts *fold, const wp_programme *new_,
		     const wp_facts *fnew)
{
	keys k = {0};
	side o = {0}, n = {0};
	size_t *secmap = NULL;
	char *moved = NULL;
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
		key_rows(&o, &n, &k);
	if (rc == WP_OK && !(secmap = wp_malloc((old->nsections + 1) * sizeof *secmap)))
		rc = WP_ENOMEM;
	for (size_t s = 0; rc == WP_OK && s < old->nsections; s++)
		secmap[s] = section_of(old, s, new_);
	/* identical rows, then similar ones (the rows left, weighed by their
	 * words), within sections, then across */
	for (int pass = 0; pass < 4 && rc == WP_OK; pass++) {
		if (pass == 2)
			rc = weigh(&o, &n, &k);
		if (rc == WP_OK)
			rc = align(&o, &n, &k, secmap, new_, pass < 2, pass % 2 == 0);
	}
	if (rc == WP_OK && !(moved = wp_malloc(n.n + 1)))
		rc = WP_ENOMEM;
	if (rc == WP_OK) {
		memset(moved, 0, n.n + 1);
		rc = find_moved(&o, &n, new_, secmap, moved);
	}
	if (rc == WP_OK)
		rc = list_items(out, &o, &n, moved, old, new_, secmap, &k);
	wp_free(moved);
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
		wp_free(it->status_was);
		wp_free(it->status_was_meaning);
		wp_free(it->status);
		wp_free(it->status_meaning);
	}
	wp_free(d->items);
	memset(d, 0, sizeof *d);
}

