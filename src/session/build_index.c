/* build_index.c: the build's index page, OUTDIR/index.html: every
 * programme with its annexes, counts and findings (see build_impl.h). */
#include "session/build_impl.h"

/***** the index page *****/

/* The relative link to an output: its path with each segment escaped. */
static void href(wp_buf *b, const char *rel, const char *e)
{
	size_t n = bd_stem_len(rel);
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)rel[i];
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || strchr("/-_.~", ch))
			wp_buf_putc(b, (char)ch);
		else
			wp_buf_printf(b, "%%%02X", ch);
	}
	wp_buf_printf(b, ".%s", e);
}

/* Worst first: the most errors, then warnings, then by path. */
static int cmp_worst(const void *a, const void *b)
{
	const entry *x = *(const entry *const *)a, *y = *(const entry *const *)b;
	if (x->errors != y->errors)
		return x->errors > y->errors ? -1 : 1;
	if (x->warnings != y->warnings)
		return x->warnings > y->warnings ? -1 : 1;
	return strcmp(x->rel, y->rel);
}

void bd_index_page(wp_buf *b, const state *st)
{
	/* the rows worst first (a copy of the state's order, which stays the
	 * sources' for the state file) */
	state sorted = *st, *s = &sorted;
	const entry **by = wp_malloc((st->n ? st->n : 1) * sizeof *by);
	entry *rows = wp_malloc((st->n ? st->n : 1) * sizeof *rows);
	if (!by || !rows) {
		wp_free(by);
		wp_free(rows);
		b->oom = 1;
		return;
	}
	for (size_t i = 0; i < st->n; i++)
		by[i] = &st->e[i];
	if (st->n)
		qsort(by, st->n, sizeof *by, cmp_worst);
	for (size_t i = 0; i < st->n; i++)
		rows[i] = *by[i]; /* (shallow: the strings stay the state's) */
	wp_free(by);
	sorted.e = rows;
	wp_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
		       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
		       "<title>Annexes</title><style>body{font:14px/1.4 Arial,sans-serif;margin:1.5rem}"
		       "table{border-collapse:collapse}th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}"
		       "th{background:#e8ecf1}td.n{text-align:right}.err{color:#a50e0e;font-weight:600}"
		       ".src{color:#5f6368;font-size:.85em}pre{white-space:pre-wrap;font-size:.85em;background:#f6f7f9;"
		       "padding:.5rem;border:1px solid #ddd}</style></head>\n"
		       "<body><h1>Annexes</h1>\n<table><thead><tr><th>Programme</th><th>Kind</th><th>Activities</th>"
		       "<th>Where things stand</th><th>Findings</th><th>Annexes</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < s->n; i++) {
		const entry *e = &s->e[i];
		const char *title = e->title && *e->title ? e->title : e->rel;
		wp_buf_puts(b, "<tr><td>");
		if (e->formats & 1u) {
			wp_buf_puts(b, "<a href=\"");
			href(b, e->rel, ext[0]);
			wp_buf_puts(b, "\">");
		}
		esc_html(b, title, strlen(title));
		wp_buf_puts(b, e->formats & 1u ? "</a>" : "");
		wp_buf_puts(b, "<div class=\"src\">");
		esc_html(b, e->rel, strlen(e->rel));
		wp_buf_puts(b, "</div></td><td>");
		esc_html(b, e->kind ? e->kind : "", e->kind ? strlen(e->kind) : 0);
		wp_buf_printf(b, "</td><td class=\"n\">%zu</td><td>", e->activities);
		esc_html(b, e->status ? e->status : "", e->status ? strlen(e->status) : 0);
		wp_buf_puts(b, "</td><td>");
		if (e->findings && *e->findings)
			wp_buf_printf(b, "<a href=\"#findings-%zu\">", i + 1);
		wp_buf_printf(b, "<span class=\"%s\">%zu %s</span>, %zu %s", e->errors ? "err" : "", e->errors,
			      e->errors == 1 ? "error" : "errors", e->warnings, e->warnings == 1 ? "warning" : "warnings");
		if (e->accepted) /* (apart: acknowledged in the source, not counted) */
			wp_buf_printf(b, "; <span class=\"acc\">%zu accepted</span>", e->accepted);
		wp_buf_puts(b, e->findings && *e->findings ? "</a>" : "");
		wp_buf_puts(b, "</td><td>");
		for (int f = 0; f < BD_NFORMATS; f++) {
			if (!(e->formats & (1u << f)))
				continue;
			wp_buf_puts(b, "<a href=\"");
			href(b, e->rel, ext[f]);
			wp_buf_printf(b, "\">%s</a> ", ext_label[f]);
		}
		wp_buf_puts(b, "</td></tr>\n");
	}
	wp_buf_puts(b, "</tbody></table>\n");
	/* the findings of each programme that has some, where its row links */
	int any = 0;
	for (size_t i = 0; i < s->n; i++) {
		const entry *e = &s->e[i];
		if (!e->findings || !*e->findings)
			continue;
		if (!any++)
			wp_buf_puts(b, "<h2>Findings</h2>\n");
		/* every one, folded: a programme's list is opened on demand */
		wp_buf_printf(b, "<details id=\"findings-%zu\"><summary>", i + 1);
		esc_html(b, e->title && *e->title ? e->title : e->rel, strlen(e->title && *e->title ? e->title : e->rel));
		wp_buf_printf(b, ": %zu %s, %zu %s", e->errors, e->errors == 1 ? "error" : "errors", e->warnings,
			      e->warnings == 1 ? "warning" : "warnings");
		if (e->accepted)
			wp_buf_printf(b, "; %zu accepted", e->accepted);
		if (e->formats & WP_OUT_REVIEW) {
			wp_buf_puts(b, " (<a href=\"");
			href(b, e->rel, ext[4]);
			wp_buf_puts(b, "\">each beside its cell</a>)");
		}
		wp_buf_puts(b, "</summary><pre>");
		char *text = bd_dec(e->findings, strlen(e->findings));
		if (!text)
			b->oom = 1; /* (the state's own encoding, read whole: only memory) */
		else
			esc_html(b, text, strlen(text));
		wp_free(text);
		wp_buf_puts(b, "</pre></details>\n");
	}
	wp_buf_puts(b, "</body></html>\n");
	wp_free(rows);
}

/* Writes path only when its content changes (so a no-change build
 * touches nothing). */
int bd_write_if_changed(const char *path, const char *data, size_t len)
{
	char *old;
	size_t olen;
	if (wp_read_file(&old, &olen, path) == WP_OK) {
		int same = olen == len && memcmp(old, data, len) == 0;
		wp_free(old);
		if (same)
			return WP_OK;
	}
	return wp_write_file(path, data, len, WP_WRITE_NOFOLLOW);
}

/* Whether this build's state is the last one's, entry for entry, and that
 * was read whole: written again, it would be the same bytes. Every source
 * of the build was unchanged (built counts those that were not): their
 * findings were taken from the last state as they were. */
int bd_unchanged_build(const state *old, const state *now, size_t built)
{
	if (built || !old->whole || !old->index || old->n != now->n || old->env != now->env)
		return 0;
	for (size_t i = 0; i < now->n; i++) {
		const entry *a = &old->e[i], *b = &now->e[i];
		if (strcmp(a->src, b->src) || strcmp(a->rel, b->rel) || a->formats != b->formats ||
		    memcmp(a->key, b->key, sizeof a->key) || memcmp(a->hash, b->hash, sizeof a->hash) ||
		    a->errors != b->errors || a->warnings != b->warnings || a->activities != b->activities ||
		    a->accepted != b->accepted ||
		    strcmp(a->kind, b->kind) || strcmp(a->title, b->title) || strcmp(a->status, b->status) ||
		    a->sig != b->sig || a->text != b->text ||
		    strcmp(a->files ? a->files : "", b->files ? b->files : ""))
			return 0;
	}
	return 1;
}

