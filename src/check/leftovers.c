/* leftovers.c: what tracked changes leave in text when a conversion
 * drops their marks (tracked.leftover). Four shapes, each quoted with the
 * reading it suggests:
 *  - a word whose deleted first letter stayed: "fFree zone" (Free);
 *  - a capital split from its word: "T echnologies" (Technologies), said
 *    only when the document has the whole word elsewhere and not the rest;
 *  - a stray letter before the word it began: "m" ending a paragraph, the
 *    next starting "Maintain";
 *  - two openings side by side: "Take note of the Provide ...", "Take
 *    note of</p><p>Provide ...": a function word followed by an
 *    activity's opening verb, or a paragraph ending on a function word.
 * Only the first two have a fix, and only in a plain cell: their reading
 * is certain. Ordinary text does not match (every sample and the seeds'
 * texts are read in the tests). */
#include "check/rule.h"
#include "base/alloc.h"
#include "base/util.h"
#include "base/hash.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The document's words, lower-cased, each with its count, in an
 * open-addressed table: what "a word the document has" means. Made in one
 * pass, looked up in constant time (a sorted list, and a count by walking
 * a word's run in it, made check 75 % slower on a programme of 5,000
 * activities). */
typedef struct vocab_slot {
	const char *w; /* into text, NUL-terminated; NULL: empty */
	size_t count;
} vocab_slot;

typedef struct vocab {
	vocab_slot *s;
	size_t cap; /* a power of two, at most half full */
	char *text;
} vocab;

static size_t vocab_find(const vocab *v, const char *w)
{
	size_t i = (size_t)wp_hash_str(WP_HASH0, w) & (v->cap - 1);
	while (v->s[i].w && strcmp(v->s[i].w, w))
		i = (i + 1) & (v->cap - 1);
	return i;
}

static int vocab_make(ck_ctx *c, vocab *v)
{
	size_t total = 0;
	for (size_t k = 0; k < c->p->nsections; k++)
		for (size_t i = 0; i < c->p->sections[k].nactivities; i++)
			for (size_t j = 0; j < c->p->sections[k].ncolumns; j++)
				total += strlen(ck_cell(c, &c->p->sections[k], i, (int)j)) + 1;
	memset(v, 0, sizeof *v);
	size_t used = 0;
	v->cap = 1024;
	if (!(v->text = wp_malloc(total + 1)) || !(v->s = wp_malloc(v->cap * sizeof *v->s)))
		return WP_ENOMEM;
	memset(v->s, 0, v->cap * sizeof *v->s);
	char *o = v->text;
	for (size_t k = 0; k < c->p->nsections; k++)
		for (size_t i = 0; i < c->p->sections[k].nactivities; i++)
			for (size_t j = 0; j < c->p->sections[k].ncolumns; j++)
				for (const char *t = ck_cell(c, &c->p->sections[k], i, (int)j);;) {
					while (*t && !isalpha((unsigned char)*t))
						t++;
					if (!*t)
						break;
					char *w = o;
					while (isalpha((unsigned char)*t))
						*o++ = (char)tolower((unsigned char)*t++);
					*o++ = '\0';
					size_t at = vocab_find(v, w);
					if (!v->s[at].w && ++used * 2 > v->cap) { /* grow: at most half full */
						vocab g = {wp_malloc(2 * v->cap * sizeof *v->s), 2 * v->cap, v->text};
						if (!g.s)
							return WP_ENOMEM;
						memset(g.s, 0, g.cap * sizeof *g.s);
						for (size_t x = 0; x < v->cap; x++)
							if (v->s[x].w)
								g.s[vocab_find(&g, v->s[x].w)] = v->s[x];
						wp_free(v->s);
						*v = g;
						at = vocab_find(v, w);
					}
					if (!v->s[at].w)
						v->s[at].w = w;
					else
						o = w; /* known: one copy of each word is kept, not one per use */
					v->s[at].count++;
				}
	return WP_OK;
}

/* How many times the document has the word w[0..n) (case aside). */
static size_t vocab_count(const vocab *v, const char *w, size_t n)
{
	char buf[64];
	if (n >= sizeof buf)
		return 0; /* (no word of interest is that long) */
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)tolower((unsigned char)w[i]);
	buf[n] = '\0';
	return v->s[vocab_find(v, buf)].count;
}

/* Words that open an activity ("Provide capacity building ..."): a verb
 * of this list after "the", "of" or "to" is an opening left beside
 * another, not a name. (Verbs that are also nouns a programme names,
 * Review, Update, Support, Report, are not in it.) */
static const char *const openers[] = {
	"Adopt",      "Carry",     "Collect",  "Compile",   "Conduct",   "Consider", "Coordinate", "Develop",
	"Discuss",    "Encourage", "Endorse",  "Engage",    "Establish", "Explore",  "Facilitate", "Finalize",
	"Finalise",   "Hold",      "Identify", "Implement", "Maintain",  "Organize", "Organise",   "Prepare",
	"Promote",    "Provide",   "Publish",  "Revise",    "Share",     "Take",     "Undertake",
};

static int is_opener(const char *w, size_t n)
{
	for (size_t i = 0; i < sizeof openers / sizeof openers[0]; i++)
		if (strlen(openers[i]) == n && !strncmp(openers[i], w, n))
			return 1;
	return 0;
}

static int is_function_word(const char *w, size_t n)
{
	static const char *const fw[] = {"of", "the", "to", "for", "and", "with", "on", "in", "a", "an"};
	for (size_t i = 0; i < sizeof fw / sizeof fw[0]; i++)
		if (strlen(fw[i]) == n && !strncasecmp(fw[i], w, n))
			return 1;
	return 0;
}

/* A paragraph's text as the new version has it (no deleted runs),
 * breaks as spaces, into b. */
static void para_text(wp_buf *b, const wp_para *pa)
{
	b->len = 0;
	for (size_t j = 0; j < pa->nruns; j++) {
		const wp_run *r = &pa->runs[j];
		if (r->kind == WP_RUN_BREAK)
			wp_buf_putc(b, ' ');
		else if (!(r->style & WP_STYLE_DEL))
			wp_buf_put(b, r->text, r->len);
	}
	wp_buf_put(b, "", 0);
}

/* Up to n characters of t from at, for a message (a word is not cut). */
static int quote_len(const char *t, size_t at, size_t n)
{
	size_t e = at;
	while (t[e] && e - at < n)
		e++;
	while (t[e] && !isspace((unsigned char)t[e]) && (unsigned char)t[e] >= 0x80)
		e++; /* (not inside a character) */
	return (int)(e - at);
}

typedef struct lo {
	ck_ctx *c;
	const vocab *v;
	const wp_field *f;
	int plain;        /* the cell is one plain paragraph: a fix may rewrite it */
	const char *cell; /* its text as the rules read it */
} lo;

/* "fFree", "T echnologies": the word's reading, into fix (the cell with
 * it mended) when the cell is plain. */
static void fix_word(lo *x, wp_buf *fix, const char *bad, size_t n, const char *good)
{
	fix->len = 0;
	const char *at = x->plain ? strstr(x->cell, bad) : NULL;
	if (!at || n != strlen(bad))
		return;
	wp_buf_put(fix, x->cell, (size_t)(at - x->cell));
	wp_buf_puts(fix, good);
	wp_buf_puts(fix, at + n);
}

static void inside_words(lo *x, const char *t)
{
	wp_buf fix = {0};
	for (size_t i = 0; t[i]; i++) {
		int start = i == 0 || !isalpha((unsigned char)t[i - 1]);
		if (!start || !islower((unsigned char)t[i]))
			continue;
		/* "fFree": a lower-case letter, then the same letter as a capital
		 * opening a word */
		if (isupper((unsigned char)t[i + 1]) && tolower((unsigned char)t[i + 1]) == t[i] && islower((unsigned char)t[i + 2])) {
			size_t e = i + 2;
			while (isalpha((unsigned char)t[e]))
				e++;
			char bad[64], good[64];
			if (e - i < sizeof bad) {
				memcpy(bad, t + i, e - i), bad[e - i] = '\0';
				memcpy(good, t + i + 1, e - i - 1), good[e - i - 1] = '\0';
				fix_word(x, &fix, bad, e - i, good);
				ck_report_field(x->c, x->f, fix.len ? fix.data : NULL,
						"'%s' reads as '%s': the first letter of a deleted word left in by a tracked change?",
						bad, good);
			}
		}
	}
	/* "T echnologies": a capital alone (not "A" or "I"), then the rest of a
	 * word the document has whole */
	for (size_t i = 0; t[i]; i++) {
		int start = i == 0 || isspace((unsigned char)t[i - 1]) || t[i - 1] == '(';
		if (!start || !isupper((unsigned char)t[i]) || t[i + 1] != ' ' || t[i] == 'A' || t[i] == 'I' ||
		    !islower((unsigned char)t[i + 2]) || !islower((unsigned char)t[i + 3]))
			continue;
		size_t e = i + 2;
		while (isalpha((unsigned char)t[e]))
			e++;
		char joined[64], bad[64];
		size_t n = e - i - 1;
		if (n >= sizeof joined)
			continue;
		joined[0] = t[i];
		memcpy(joined + 1, t + i + 2, n - 1), joined[n] = '\0';
		/* the whole word elsewhere, its rest nowhere but here */
		if (!vocab_count(x->v, joined, n) || vocab_count(x->v, t + i + 2, n - 1) > 1)
			continue;
		memcpy(bad, t + i, e - i), bad[e - i] = '\0';
		fix_word(x, &fix, bad, e - i, joined);
		ck_report_field(x->c, x->f, fix.len ? fix.data : NULL,
				"'%s' reads as '%s': a capital split from its word by a tracked change?", bad, joined);
	}
	if (fix.oom)
		x->c->d->oom = 1;
	wp_buf_free(&fix);
}

/* "Take note of the Provide ...": a function word, then an opening verb. */
static void openings_inline(lo *x, const char *t)
{
	for (size_t i = 0; t[i]; i++) {
		if (i && !isspace((unsigned char)t[i - 1]))
			continue;
		size_t e = i;
		while (isalpha((unsigned char)t[e]))
			e++;
		if (e == i || !is_function_word(t + i, e - i) || t[e] != ' ' || !isupper((unsigned char)t[e + 1]))
			continue;
		size_t v = e + 1, ve = v;
		while (isalpha((unsigned char)t[ve]))
			ve++;
		if (!is_opener(t + v, ve - v) || isupper((unsigned char)t[v + 1]))
			continue;
		ck_report_field(x->c, x->f, NULL,
				"'%.*s' and '%.*s...' stand side by side: two openings, one left over from a tracked change?",
				(int)e, t, quote_len(t, v, 40), t + v);
		return; /* one a paragraph */
	}
}

/* The last word of t (its start and length). */
static size_t last_word(const char *t, size_t *start)
{
	size_t e = strlen(t);
	while (e && (isspace((unsigned char)t[e - 1])))
		e--;
	size_t s = e;
	while (s && isalpha((unsigned char)t[s - 1]))
		s--;
	*start = s;
	return e - s;
}

/* Across paragraphs: a stray letter before the word it began ("m", then
 * "Maintain ..."), an opening cut on a function word ("Take note of", then
 * "Provide ..."). Not across a page break (a continued paragraph: its
 * sentence runs on). */
static void across(lo *x, const char *a, const char *b)
{
	size_t s, n = last_word(a, &s), vl = 0;
	const char *w = b;
	while (*w && isspace((unsigned char)*w))
		w++;
	while (isalpha((unsigned char)w[vl]))
		vl++;
	if (!n || !vl)
		return;
	int alone = s == 0 || isspace((unsigned char)a[s - 1]);
	if (n == 1 && alone && tolower((unsigned char)a[s]) == tolower((unsigned char)*w) && vl > 1)
		ck_report_field(x->c, x->f, NULL,
				"'%c' stands alone before '%.*s...': the first letter of a deleted word, left in by a tracked "
				"change?", a[s], quote_len(w, 0, 30), w);
	else if (s > 0 && is_function_word(a + s, n) && is_opener(w, vl))
		ck_report_field(x->c, x->f, NULL,
				"'%.*s' ends on '%.*s' and the next paragraph opens '%.*s...': two openings, one left over "
				"from a tracked change?", quote_len(a, 0, 40), a, (int)n, a + s, quote_len(w, 0, 30), w);
}

/* p and q: the caller's, reused from field to field; a paragraph's text
 * made once (the next one's, made for across, is the next turn's). */
static void field_leftovers(lo *x, wp_buf *p, wp_buf *q)
{
	const wp_field *f = x->f;
	int made = 0; /* p holds paragraph i's text already */
	for (size_t i = 0; i < f->nparas; i++) {
		if (!made)
			para_text(p, &f->paras[i]);
		made = 0;
		if (p->oom)
			break;
		inside_words(x, p->data);
		openings_inline(x, p->data);
		if (i + 1 < f->nparas && !f->paras[i + 1].continued) {
			para_text(q, &f->paras[i + 1]);
			if (!q->oom) {
				across(x, p->data, q->data);
				wp_buf t = *p;
				*p = *q;
				*q = t;
				made = 1;
			}
		}
	}
	if (p->oom || q->oom)
		x->c->d->oom = 1;
}

/* Whether a field is one paragraph of plain text, as written (a fix may
 * rewrite the whole cell). */
static int plain(const wp_field *f)
{
	if (f->nparas != 1 || !f->has_src)
		return 0;
	for (size_t j = 0; j < f->paras[0].nruns; j++) {
		const wp_run *r = &f->paras[0].runs[j];
		if (r->kind != WP_RUN_TEXT || r->style || r->href || strpbrk(r->text, "\\&<>*_`|[]~!\n"))
			return 0;
	}
	return 1;
}

void rule_tracked_leftover(ck_ctx *c)
{
	vocab v;
	wp_buf p = {0}, q = {0};
	if (vocab_make(c, &v) != WP_OK) {
		c->d->oom = 1;
	} else {
		for (size_t k = 0; k < c->p->nsections; k++) {
			const wp_section *s = &c->p->sections[k];
			int nk = wp_section_role(s, WP_ROLE_NUMBER);
			for (size_t i = 0; i < s->nactivities; i++)
				for (size_t j = 0; j < s->ncolumns; j++) {
					if ((int)j == nk)
						continue;
					const wp_field *f = &s->activities[i].fields[j];
					lo x = {c, &v, f, plain(f), ck_cell(c, s, i, (int)j)};
					field_leftovers(&x, &p, &q);
				}
		}
	}
	wp_free(v.s);
	wp_free(v.text);
	wp_buf_free(&p);
	wp_buf_free(&q);
}
