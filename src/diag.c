/* diag.c: the diagnostic list (see wpgen/diag.h). */
#include "wpgen/wpgen.h"
#include "alloc.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int wp_diags_add(wp_diags *d, const char *file, unsigned line, unsigned col,
		 wp_severity sev, const char *rule, const char *fmt, ...)
{
	wp_buf msg = {0};
	va_list ap;
	char small[512];
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n < sizeof small) {
		wp_buf_put(&msg, small, (size_t)n);
	} else {
		char *big = wp_malloc((size_t)n + 1);
		if (big) {
			va_start(ap, fmt);
			vsnprintf(big, (size_t)n + 1, fmt, ap);
			va_end(ap);
			wp_buf_put(&msg, big, (size_t)n);
			wp_free(big);
		} else {
			msg.oom = 1;
		}
	}
	char *message = wp_buf_detach(&msg, NULL);
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
	if (sev == WP_ERROR)
		d->errors++;
	else if (sev == WP_WARNING)
		d->warnings++;
	return WP_OK;
}

static int cmp_str(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

void wp_diags_sort(wp_diags *d)
{
	/* Insertion sort: stable, and diagnostics arrive nearly in order. */
	for (size_t i = 1; i < d->n; i++) {
		wp_diag x = d->items[i];
		size_t j = i;
		while (j > 0) {
			const wp_diag *y = &d->items[j - 1];
			int c = cmp_str(y->file, x.file);
			if (c == 0)
				c = (y->line > x.line) - (y->line < x.line);
			if (c == 0)
				c = (y->col > x.col) - (y->col < x.col);
			if (c <= 0)
				break;
			d->items[j] = d->items[j - 1];
			j--;
		}
		d->items[j] = x;
	}
}

void wp_diags_free(wp_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		wp_free((char *)d->items[i].file);
		wp_free(d->items[i].message);
	}
	wp_free(d->items);
	memset(d, 0, sizeof *d);
}

const char *wp_severity_name(wp_severity s)
{
	switch (s) {
	case WP_ERROR: return "error";
	case WP_WARNING: return "warning";
	default: return "note";
	}
}
