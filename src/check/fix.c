/* fix.c: fixes applied to the source's bytes, and unified diffs of what
 * they change (check --fix, --fix --dry-run). */
#include "wpgen/wpgen.h"
#include "base/alloc.h"
#include "base/util.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/***** applying fixes *****/

typedef struct fixref {
	size_t off, len;
	const char *text;
} fixref;

static int cmp_fix(const void *a, const void *b)
{
	const fixref *x = a, *y = b;
	return (x->off > y->off) - (x->off < y->off);
}

int wp_fix_apply(char **out, size_t *outlen, size_t *applied, const char *file, const char *src, size_t len,
		 const wp_diags *d)
{
	fixref *fx = wp_malloc((d->n ? d->n : 1) * sizeof *fx);
	size_t n = 0, at = 0;
	wp_buf b = {0};
	*out = NULL;
	*applied = 0;
	if (!fx)
		return WP_ENOMEM;
	for (size_t i = 0; i < d->n; i++)
		if (d->items[i].fix_text && !d->items[i].accepted && /* (accepted: left as the committee wants it) */
		    d->items[i].fix_off + d->items[i].fix_len <= len && d->items[i].file &&
		    !strcmp(d->items[i].file, file))
			fx[n++] = (fixref){d->items[i].fix_off, d->items[i].fix_len, d->items[i].fix_text};
	qsort(fx, n, sizeof *fx, cmp_fix);
	for (size_t i = 0; i < n; i++) {
		assert(i == 0 || fx[i - 1].off <= fx[i].off);
		if (fx[i].off < at)
			continue; /* overlaps one already applied */
		wp_buf_put(&b, src + at, fx[i].off - at);
		wp_buf_puts(&b, fx[i].text);
		at = fx[i].off + fx[i].len;
		(*applied)++;
	}
	wp_buf_put(&b, src + at, len - at);
	wp_free(fx);
	*out = wp_buf_detach(&b, outlen);
	return *out ? WP_OK : WP_ENOMEM;
}

/***** unified diffs of fixes *****/

typedef struct lines {
	const char **s;
	size_t *len;
	size_t n;
} lines;

static int split_lines(lines *l, const char *t, size_t n)
{
	size_t cap = 64;
	l->n = 0;
	l->s = wp_malloc(cap * sizeof *l->s);
	l->len = wp_malloc(cap * sizeof *l->len);
	if (!l->s || !l->len)
		return WP_ENOMEM;
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(t + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - t) + 1 : n;
		if (l->n == cap) {
			cap *= 2;
			const char **s = wp_realloc(l->s, cap * sizeof *s);
			if (!s)
				return WP_ENOMEM;
			l->s = s;
			size_t *ln = wp_realloc(l->len, cap * sizeof *ln);
			if (!ln)
				return WP_ENOMEM;
			l->len = ln;
		}
		l->s[l->n] = t + i;
		l->len[l->n++] = e - i;
		i = e;
	}
	return WP_OK;
}

static void put_line(wp_buf *b, char tag, const char *s, size_t n)
{
	wp_buf_putc(b, tag);
	wp_buf_put(b, s, n);
	if (!n || s[n - 1] != '\n')
		wp_buf_puts(b, "\n\\ No newline at end of file\n");
}

/* Fixes replace text within lines, so line i of a is line i of b; a line
 * count that differs is diffed as one hunk. */
int wp_diff(char **out, const char *name, const char *a, size_t alen, const char *b, size_t blen)
{
	lines la = {0}, lb = {0};
	wp_buf o = {0};
	int rc = WP_ENOMEM;
	*out = NULL;
	if (split_lines(&la, a, alen) != WP_OK || split_lines(&lb, b, blen) != WP_OK)
		goto done;
	if (la.n != lb.n) {
		wp_buf_printf(&o, "--- a/%s\n+++ b/%s\n@@ -1,%zu +1,%zu @@\n", name, name, la.n, lb.n);
		for (size_t i = 0; i < la.n; i++)
			put_line(&o, '-', la.s[i], la.len[i]);
		for (size_t i = 0; i < lb.n; i++)
			put_line(&o, '+', lb.s[i], lb.len[i]);
	} else {
		size_t i = 0;
		int header = 0;
		while (i < la.n) {
			if (la.len[i] == lb.len[i] && memcmp(la.s[i], lb.s[i], la.len[i]) == 0) {
				i++;
				continue;
			}
			/* a hunk: from 3 lines before this change to 3 after the
			 * last change that is within 6 lines of the previous one */
			size_t start = i >= 3 ? i - 3 : 0, end = i, k = i;
			while (k < la.n) {
				if (!(la.len[k] == lb.len[k] && memcmp(la.s[k], lb.s[k], la.len[k]) == 0))
					end = k;
				else if (k - end > 6)
					break;
				k++;
			}
			size_t stop = end + 4 < la.n ? end + 4 : la.n;
			if (!header) {
				wp_buf_printf(&o, "--- a/%s\n+++ b/%s\n", name, name);
				header = 1;
			}
			wp_buf_printf(&o, "@@ -%zu,%zu +%zu,%zu @@\n", start + 1, stop - start, start + 1, stop - start);
			for (size_t j = start; j < stop; j++) {
				if (la.len[j] == lb.len[j] && memcmp(la.s[j], lb.s[j], la.len[j]) == 0) {
					put_line(&o, ' ', la.s[j], la.len[j]);
				} else {
					put_line(&o, '-', la.s[j], la.len[j]);
					put_line(&o, '+', lb.s[j], lb.len[j]);
				}
			}
			i = stop;
		}
	}
	*out = wp_buf_detach(&o, NULL);
	rc = *out ? WP_OK : WP_ENOMEM;
done:
	wp_free(la.s);
	wp_free(la.len);
	wp_free(lb.s);
	wp_free(lb.len);
	return rc;
}
