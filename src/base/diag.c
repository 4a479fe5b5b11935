/* diag.c: the diagnostic list (see wpgen/diag.h). */
#include "wpgen/wpgen.h"
#include "base/alloc.h"
#include "base/util.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int wp_diags_add(wp_diags *d, const char *file, unsigned line, unsigned col,
		 wp_severity sev, const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = wp_diags_vadd(d, file, line, col, sev, rule, fmt, ap);
	va_end(ap);
	return rc;
}

int wp_diags_vadd(wp_diags *d, const char *file, unsigned line, unsigned col, wp_severity sev, const char *rule,
		  const char *fmt, va_list ap)
{
	wp_buf msg = {0};
	assert(rule != NULL);
	wp_buf_vprintf(&msg, fmt, ap);
	wp_buf_put(&msg, "", 0); /* an empty message is still a string */
	/* kept in a block of its size, not the buffer's (256 bytes at least):
	 * a programme can have a hundred thousand findings */
	char *message = msg.oom ? NULL : wp_malloc(msg.len + 1);
	if (message)
		memcpy(message, msg.data, msg.len + 1);
	wp_buf_free(&msg);
	char *fcopy = file ? wp_strdup(file) : NULL;
	if (!message || (file && !fcopy)) {
		wp_free(message);
		wp_free(fcopy);
		d->oom = 1;
		return WP_ENOMEM;
	}
	if (d->n == d->cap) {
		size_t ncap = d->cap ? d->cap * 2 : 16;
		wp_diag *p = wp_realloc(d->items, ncap * sizeof *p);
		if (!p) {
			wp_free(message);
			wp_free(fcopy);
			d->oom = 1;
			return WP_ENOMEM;
		}
		d->items = p;
		d->cap = ncap;
	}
	wp_diag *x = &d->items[d->n++];
	x->file = fcopy;
	x->line = line;
	x->col = col;
	x->end_line = line;
	x->end_col = col;
	x->severity = sev;
	x->rule = rule;
	x->message = message;
	x->fix_text = NULL;
	x->fix_off = x->fix_len = 0;
	x->where = NULL;
	x->accepted = NULL;
	if (sev == WP_ERROR)
		d->errors++;
	else if (sev == WP_WARNING)
		d->warnings++;
	return WP_OK;
}

int wp_diags_set_fix(wp_diags *d, unsigned end_line, unsigned end_col, size_t off, size_t len,
		     const char *replacement)
{
	if (!d->n)
		return WP_OK;
	wp_diag *x = &d->items[d->n - 1];
	x->end_line = end_line;
	x->end_col = end_col;
	if (!replacement)
		return WP_OK;
	x->fix_text = wp_strdup(replacement);
	if (!x->fix_text) {
		d->oom = 1;
		return WP_ENOMEM;
	}
	x->fix_off = off;
	x->fix_len = len;
	return WP_OK;
}

int wp_rule_matches(const char *rule, const char *const *ids, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t k = strlen(ids[i]);
		if (strncmp(rule, ids[i], k) == 0 && (rule[k] == '\0' || rule[k] == '.'))
			return 1;
	}
	return 0;
}

void wp_diags_filter(wp_diags *d, const char *const *ids, size_t n)
{
	wp_diags_filter_from(d, 0, ids, n);
}

void wp_diags_filter_from(wp_diags *d, size_t from, const char *const *ids, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < d->n; i++) {
		wp_diag *x = &d->items[i];
		if (i >= from && wp_rule_matches(x->rule, ids, n)) {
			wp_free((char *)x->file);
			wp_free(x->message);
			wp_free(x->fix_text);
			wp_free(x->where);
			wp_free(x->accepted);
			continue;
		}
		d->items[w++] = *x;
	}
	d->n = w;
	wp_diags_recount(d);
}

void wp_diags_recount(wp_diags *d)
{
	d->errors = d->warnings = d->accepted = 0;
	for (size_t i = 0; i < d->n; i++) {
		const wp_diag *x = &d->items[i];
		if (x->accepted)
			d->accepted++;
		else if (x->severity == WP_ERROR)
			d->errors++;
		else if (x->severity == WP_WARNING)
			d->warnings++;
	}
}

int wp_diags_accept(wp_diags *d, size_t i, const char *why)
{
	wp_diag *x = &d->items[i];
	char *copy = wp_strdup(why ? why : "");
	if (!copy) {
		d->oom = 1;
		return WP_ENOMEM;
	}
	if (!x->accepted) {
		d->errors -= x->severity == WP_ERROR;
		d->warnings -= x->severity == WP_WARNING;
		d->accepted++;
	}
	wp_free(x->accepted);
	x->accepted = copy;
	return WP_OK;
}

void wp_diags_set_severity(wp_diags *d, size_t i, wp_severity sev)
{
	wp_diag *x = &d->items[i];
	if (!x->accepted) {
		d->errors -= x->severity == WP_ERROR;
		d->warnings -= x->severity == WP_WARNING;
		d->errors += sev == WP_ERROR;
		d->warnings += sev == WP_WARNING;
	}
	x->severity = sev;
}

static int cmp_str(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int diag_cmp(const wp_diag *y, const wp_diag *x)
{
	int c = cmp_str(y->file, x->file);
	if (c == 0)
		c = (y->line > x->line) - (y->line < x->line);
	if (c == 0)
		c = (y->col > x->col) - (y->col < x->col);
	return c;
}

static void insertion(wp_diag *items, size_t n);

void wp_diags_sort(wp_diags *d)
{
	wp_diags_sort_from(d, 0);
}

void wp_diags_sort_from(wp_diags *d, size_t from)
{
	/* A stable merge sort: rules report in rule order, not line order. */
	size_t n = d->n - (from < d->n ? from : d->n);
	wp_diag *a, *tmp;
	if (n < 2) /* (and no pointer arithmetic on an empty list's NULL) */
		return;
	a = d->items + from;
	tmp = wp_malloc(n * sizeof *tmp);
	if (!tmp) {
		insertion(a, n);
		return;
	}
	for (size_t w = 1; w < n; w *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * w) {
			size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				tmp[k++] = diag_cmp(&a[j], &a[i]) < 0 ? a[j++] : a[i++];
			while (i < mid)
				tmp[k++] = a[i++];
			while (j < hi)
				tmp[k++] = a[j++];
		}
		memcpy(a, tmp, n * sizeof *a);
	}
	wp_free(tmp);
}

static void insertion(wp_diag *items, size_t n)
{
	/* Insertion sort: stable; the fallback when memory is short. */
	for (size_t i = 1; i < n; i++) {
		wp_diag x = items[i];
		size_t j = i;
		while (j > 0 && diag_cmp(&items[j - 1], &x) > 0) {
			items[j] = items[j - 1];
			j--;
		}
		items[j] = x;
	}
}

void wp_diags_clear(wp_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		wp_free((char *)d->items[i].file);
		wp_free(d->items[i].message);
		wp_free(d->items[i].fix_text);
		wp_free(d->items[i].where);
		wp_free(d->items[i].accepted);
	}
	wp_free(d->items);
	memset(d, 0, sizeof *d);
}

int wp_diags_move(wp_diags *to, wp_diags *from)
{
	int rc = WP_OK;
	to->oom |= from->oom;
	if (from->n && to->n + from->n > to->cap) {
		wp_diag *g = wp_realloc(to->items, (to->n + from->n) * sizeof *g);
		if (!g) {
			to->oom = 1;
			wp_diags_clear(from);
			return WP_ENOMEM;
		}
		to->items = g;
		to->cap = to->n + from->n;
	}
	if (from->n)
		memcpy(to->items + to->n, from->items, from->n * sizeof *from->items);
	to->n += from->n;
	to->errors += from->errors;
	to->warnings += from->warnings;
	to->accepted += from->accepted;
	wp_free(from->items);
	memset(from, 0, sizeof *from);
	return rc;
}

const char *wp_severity_name(wp_severity s)
{
	switch (s) {
	case WP_ERROR: return "error";
	case WP_WARNING: return "warning";
	default: return "note";
	}
}
