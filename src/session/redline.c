/* redline.c: the differences of two versions marked into the new one
 * (the redline annex) and written as text or JSON (see wpgen/diff.h). */
#include "session/diff_impl.h"

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

/* A removed row: where it goes back in the new version (its section, the
 * index of the activity it goes before), and its item in the delta. */
typedef struct removed_at {
	size_t sec, at, item;
} removed_at;

static int cmp_removed_at(const void *x, const void *y)
{
	const removed_at *a = x, *b = y;
	return a->sec != b->sec ? (a->sec > b->sec) - (a->sec < b->sec)
	       : a->at != b->at ? (a->at > b->at) - (a->at < b->at) : (a->item > b->item) - (a->item < b->item);
}

/* The k removed rows r[] of one section put back, marked deleted: the
 * section's activities and they, merged into a new array. Linear. */
static int put_back(wp_programme *new_, const wp_programme *old, const wp_delta *d, const removed_at *r, size_t k,
		    const char *author, const char *date)
{
	wp_section *s = &new_->sections[r[0].sec];
	size_t n = s->nactivities, j = 0, w = 0;
	wp_activity *v = mb_alloc(new_, (n + k) * sizeof *v);
	if (!v)
		return WP_ENOMEM;
	for (size_t pos = 0; pos <= n; pos++) {
		for (; j < k && (r[j].at <= pos || pos == n); j++) { /* (past the end: at the end) */
			const wp_delta_item *it = &d->items[r[j].item];
			const wp_section *os = &old->sections[it->old_section];
			const wp_activity *oa = &os->activities[it->old_index];
			wp_activity *a = &v[w++];
			memset(a, 0, sizeof *a);
			a->pos = oa->pos;
			if (!(a->fields = mb_alloc(new_, (s->ncolumns ? s->ncolumns : 1) * sizeof *a->fields)))
				return WP_ENOMEM;
			memset(a->fields, 0, (s->ncolumns ? s->ncolumns : 1) * sizeof *a->fields);
			for (size_t c = 0; c < s->ncolumns; c++) {
				int oc = wp_section_column(os, s->columns[c].key);
				if (oc >= 0 && field_mark(new_, &a->fields[c], &oa->fields[oc], WP_STYLE_DEL, author, date) != WP_OK)
					return WP_ENOMEM;
			}
			a->cells_written = (unsigned)s->ncolumns;
		}
		if (pos < n)
			v[w++] = s->activities[pos];
	}
	s->activities = v;
	s->nactivities = s->acap = n + k;
	return WP_OK;
}

/* The redline's summary line, said atop its annex: what changed since
 * the old version, in the words of the text report. */
static int summary_line(wp_programme *new_, const wp_programme *old, const wp_delta *d)
{
	char *sum = wp_delta_summary(d);
	const char *since = old->source ? old->source : "the earlier version";
	new_->changes = sum ? mb_printf(new_, "Changes since %s: %s. Deleted text is struck through, inserted text "
					      "underlined; an old number stands struck through beside the new one.",
					since, sum) : NULL;
	wp_free(sum);
	return new_->changes ? WP_OK : WP_ENOMEM;
}

int wp_delta_redline(wp_programme *new_, const wp_programme *old, const wp_delta *d, const char *author,
		    const char *date)
{
	if (summary_line(new_, old, d) != WP_OK)
		return WP_ENOMEM;
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
	/* removed rows, put back where they were: each section's activities
	 * and its removed rows merged in one pass (in the order of their
	 * places in the new version as read, then of the delta) */
	size_t nord = 0;
	for (size_t i = 0; i < d->n; i++)
		nord += (d->items[i].what & WP_DELTA_REMOVED) && d->items[i].new_section != NONE;
	if (!nord)
		return WP_OK;
	removed_at *ord = wp_malloc(nord * sizeof *ord);
	if (!ord)
		return WP_ENOMEM;
	nord = 0;
	for (size_t i = 0; i < d->n; i++)
		if ((d->items[i].what & WP_DELTA_REMOVED) && d->items[i].new_section != NONE)
			ord[nord++] = (removed_at){d->items[i].new_section, d->items[i].new_index, i};
	qsort(ord, nord, sizeof *ord, cmp_removed_at);
	int rc = WP_OK;
	for (size_t x = 0; rc == WP_OK && x < nord;) {
		size_t y = x;
		while (y < nord && ord[y].sec == ord[x].sec)
			y++;
		rc = put_back(new_, old, d, &ord[x], y - x, author, date);
		x = y;
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
void df_words(wp_buf *b, const char *t, int head)
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
			df_words(b, pc->text, 0);
		} else if (last) {
			df_words(b, pc->text, 1);
		} else if (nw <= 6) {
			esc_term(b, pc->text);
		} else {
			df_words(b, pc->text, 1);
			wp_buf_putc(b, ' ');
			df_words(b, pc->text, 0);
		}
	}
}

/* A title in the text report: its first 80 characters, an ellipsis
 * where it is cut (JSON has it whole). */
static void short_title(wp_buf *b, const char *t)
{
	size_t chars = 0, at = 0;
	while (t[at] && chars < 80)
		chars += ((unsigned char)t[at++] & 0xC0) != 0x80;
	while (t[at] && ((unsigned char)t[at] & 0xC0) == 0x80)
		at++;
	char *c = wp_malloc(at + 1);
	if (!c) {
		b->oom = 1;
		return;
	}
	memcpy(c, t, at);
	c[at] = '\0';
	esc_term(b, c);
	wp_free(c);
	if (t[at])
		wp_buf_puts(b, "\xE2\x80\xA6");
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
	if (it->what & WP_DELTA_STATUS) {
		wp_buf_puts(b, ", \"status_was\": ");
		if (it->status_was)
			esc_json(b, it->status_was);
		else
			wp_buf_puts(b, "null");
		wp_buf_puts(b, ", \"status_now\": ");
		if (it->status)
			esc_json(b, it->status);
		else
			wp_buf_puts(b, "null");
	}
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

char *wp_delta_summary(const wp_delta *d)
{
	wp_buf b = {0};
	wp_buf_printf(&b, "%zu changed, %zu added, %zu removed, %zu moved, %zu renumbered, %zu status %s", d->changed,
		      d->added, d->removed, d->moved, d->renumbered, d->status, d->status == 1 ? "change" : "changes");
	return b.oom ? (wp_buf_free(&b), NULL) : wp_buf_detach(&b, NULL);
}

/* A colour as a reader says it: "green (Completed)", or "none". */
static void status_words(wp_buf *b, const char *name, const char *meaning)
{
	if (!name) {
		wp_buf_puts(b, "none");
		return;
	}
	esc_term(b, name);
	if (meaning) {
		wp_buf_puts(b, " (");
		esc_term(b, meaning);
		wp_buf_puts(b, ")");
	}
}

/* A plain number ("41"), or -1. */
static long plain_number(const char *s)
{
	char *end;
	long v = s && *s >= '0' && *s <= '9' ? strtol(s, &end, 10) : -1;
	return v >= 0 && !*end ? v : -1;
}

/* How many items from i on are only renumbered, in the same sections, by
 * one shift, their old numbers consecutive (at least 1: item i itself,
 * when it is one). */
static size_t renumbered_run(const wp_delta *d, size_t i)
{
	const wp_delta_item *a = &d->items[i];
	long o = plain_number(a->old_number), n = plain_number(a->new_number);
	if (a->what != WP_DELTA_RENUMBERED || o < 0 || n < 0)
		return 1;
	size_t k = 1;
	for (; i + k < d->n; k++) {
		const wp_delta_item *b = &d->items[i + k];
		if (b->what != WP_DELTA_RENUMBERED || b->old_section != a->old_section || b->new_section != a->new_section ||
		    plain_number(b->old_number) != o + (long)k || plain_number(b->new_number) != n + (long)k)
			break;
	}
	return k;
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
			     {"moved", WP_DELTA_MOVED}, {"renumbered", WP_DELTA_RENUMBERED}, {"status", WP_DELTA_STATUS}};
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
				  "\"renumbered\": %zu, \"status\": %zu, \"same\": %zu}\n}\n",
			      d->changed, d->added, d->removed, d->moved, d->renumbered, d->status, d->same);
	} else {
		for (size_t i = 0; i < d->n; i++) {
			const wp_delta_item *it = &d->items[i];
			size_t run = renumbered_run(d, i);
			if (run >= 3) { /* one line for a renumbered range: "II.11–24 → II.10–23" */
				const wp_delta_item *z = &d->items[i + run - 1];
				wp_buf_printf(&b, "%-10s ", "renumbered");
				where(&b, old, it->old_section, it->old_number);
				wp_buf_printf(&b, "\xE2\x80\x93%s \xE2\x86\x92 ", z->old_number);
				where(&b, new_, it->new_section, it->new_number);
				wp_buf_printf(&b, "\xE2\x80\x93%s (%zu activities, their text the same)\n", z->new_number, run);
				i += run - 1;
				continue;
			}
			const char *what = it->what & WP_DELTA_ADDED ? "added" : it->what & WP_DELTA_REMOVED ? "removed"
					   : it->what & WP_DELTA_CHANGED ? "changed" : it->what & WP_DELTA_MOVED ? "moved"
					   : it->what & WP_DELTA_RENUMBERED ? "renumbered" : "status";
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
			short_title(&b, it->title ? it->title : "");
			wp_buf_puts(&b, "\"\n");
			for (size_t f = 0; f < it->nfields; f++) {
				wp_buf_puts(&b, "    ");
				esc_term(&b, it->fields[f].header ? it->fields[f].header : it->fields[f].key);
				wp_buf_puts(&b, ": ");
				changes_text(&b, &it->fields[f]);
				wp_buf_putc(&b, '\n');
			}
			if (it->what & WP_DELTA_STATUS) {
				wp_buf_puts(&b, "    completion status: ");
				status_words(&b, it->status_was, it->status_was_meaning);
				wp_buf_puts(&b, " \xE2\x86\x92 ");
				status_words(&b, it->status, it->status_meaning);
				wp_buf_putc(&b, '\n');
			}
		}
		char *sum = wp_delta_summary(d);
		if (!sum)
			b.oom = 1;
		wp_buf_printf(&b, "%s\n", sum ? sum : "");
		wp_free(sum);
	}
	if (b.oom) {
		wp_buf_free(&b);
		return WP_ENOMEM;
	}
	*out = wp_buf_detach(&b, len);
	return *out ? WP_OK : WP_ENOMEM;
}
