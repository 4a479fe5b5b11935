/* diff_impl.h: what the files of `wpgen diff` share (diff.c,
 * word_diff.c, redline.c). Internal. */
#ifndef WP_SESSION_DIFF_IMPL_H
#define WP_SESSION_DIFF_IMPL_H

#include "wpgen/wpgen.h"
#include "wpgen/diff.h"
#include "base/alloc.h"
#include "model/assemble.h"
#include "base/escape.h"
#include "base/hash.h"
#include "base/util.h"
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* No row: an index that is none. */
#define NONE ((size_t)-1)
/* Past this many edits a word diff gives up on the middle. */
#define MAX_EDITS 4000



/* One activity of a version, as compared: its cells' texts (the new
 * version's of each cell), by the column keys of the union. */
typedef struct row {
	size_t sec, idx;
	char **text;      /* per key of the union (NULL: no such column) */
	uint64_t *all;    /* every compared column's words, tagged by column, sorted */
	double *w;        /* their weights (rarer words weigh more) */
	size_t nall;
	double mass;      /* the sum of w */
	char *number;
	size_t pair;      /* the row aligned with it, or NONE */
	double sim;
	const wp_profile_colour *colour; /* its completion status in its version (the facts'), or NULL */
	uint64_t key;     /* its texts but the number's, white space folded: rows that read the same share it */
} row;

typedef struct side {
	const wp_programme *p;
	row *rows;
	size_t n;
	wp_arena arena; /* the rows' texts, hashes and numbers */
} side;

/* The keys compared: every column key of both versions, in the order they
 * first appear; which are the number and the status. */
typedef struct keys {
	const char **key, **header;
	unsigned *roles;
	size_t n, cap;
} keys;

typedef struct cand {
	size_t i, j;
	double sim;
	long dist;
} cand;

typedef struct tok {
	const char *s;
	size_t n;
} tok;

/* Appends tokens v[0..n) to piece list (merging with the last piece of
 * the same op). */
typedef struct pieces {
	wp_wd_piece *v;
	size_t n, cap;
	wp_buf cur;
	wp_wd_op op;
	int open, oom;
} pieces;

double df_similarity(const keys *k, const row *a, const row *b);
int df_word_hashes(const char *t, uint64_t **out, size_t *n);
/* The hash of the next word of *t (letters and digits, case aside), *t
 * moved past it: 1, or 0 at the end. */
int df_next_word(const char **t, uint64_t *hash);
/* The same into *vec (of *vcap, grown as needed: the caller frees it),
 * reused from call to call. */
int df_word_hashes_in(const char *t, uint64_t **vec, size_t *vcap, size_t *n);
void df_words(wp_buf *b, const char *t, int head);

#endif
