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

int wp_delta_redline(wp_programme *new_, const wp_programme *old, const wp_delta *d, const char *author,
		    const char *date)
{
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
	/* removed rows, put back: by place in the new version as read, last
	 * first, so that the places of the others hold */
	size_t *ord = wp_malloc((d->n + 1) * sizeof *ord), nord = 0;
	if (!ord)
		return WP_ENOMEM;
	for (size_t i = 0; i < d->n; i++)
		if ((d->items[i].what & WP_DELTA_REMOVED) && d->items[i].new_section != NONE)
			ord[nord++] = i;
	for (size_t x = 1; x < nord; x++) /* (stable insertion sort: few rows) */
		for (size_t y = x; y > 0; y--) {
			const wp_delta_item *p1 = &d->items[ord[y - 1]], *p2 = &d->items[ord[y]];
			if (p1->new_section < p2->new_section ||
			    (p1->new_section == p2->new_section && p1->new_index <= p2->new_index))
				break;
			size_t t = ord[y];
			ord[y] = ord[y - 1];
			ord[y - 1] = t;
		}
	int rc = WP_OK;
	for (size_t x = nord; rc == WP_OK && x-- > 0;) {
		const wp_delta_item *it = &d->items[ord[x]];
		wp_section *s = &new_->sections[it->new_section];
		const wp_section *os = &old->sections[it->old_section];
		const wp_activity *oa = &os->activities[it->old_index];
		size_t at = it->new_index; /* (an index of the new version as read) */
		if (!mb_activity_add(new_, s, 0)) {
			rc = WP_ENOMEM;
			break;
		}
		memmove(&s->activities[at + 1], &s->activities[at], (s->nactivities - 1 - at) * sizeof *s->activities);
		wp_activity *a = &s->activities[at];
		memset(a, 0, sizeof *a);
		a->pos = oa->pos;
		a->fields = mb_alloc(new_, (s->ncolumns ? s->ncolumns : 1) * sizeof *a->fields);
		if (!a->fields) {
			rc = WP_ENOMEM;
			break;
		}
		for (size_t c = 0; rc == WP_OK && c < s->ncolumns; c++) {
			int oc = wp_section_column(os, s->columns[c].key);
			if (oc >= 0)
				rc = field_mark(new_, &a->fields[c], &oa->fields[oc], WP_STYLE_DEL, author, date);
		}
		a->cells_written = (unsigned)s->ncolumns;
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

int wp_delta_format(char **out, size_t *len, const wp_delta *d, const wp_programme *old, const wp_programme *new_,
		   int json)
{
	wp_buf b = {0};
	if (json) {
		static const struct {
			const char *name;
			unsigned bit;
		} lists[] = {{"changed", WP_DELTA_CHANGED}, {"added", WP_DELTA_ADDED}, {"removed", WP_DELTA_REMOVED},
			     {"moved", WP_DELTA_MOVED}, {"renumbered", WP_DELTA_RENUMBERED}};
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
				  "\"renumbered\": %zu, \"same\": %zu}\n}\n",
			      d->changed, d->added, d->removed, d->moved, d->renumbered, d->same);
	} else {
		for (size_t i = 0; i < d->n; i++) {
			const wp_delta_item *it = &d->items[i];
			const char *what = it->what & WP_DELTA_ADDED ? "added" : it->what & WP_DELTA_REMOVED ? "removed"
					   : it->what & WP_DELTA_CHANGED ? "changed" : it->what & WP_DELTA_MOVED ? "moved"
					   : "renumbered";
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
			esc_term(&b, it->title ? it->title : "");
			wp_buf_puts(&b, "\"\n");
			for (size_t f = 0; f < it->nfields; f++) {
				wp_buf_puts(&b, "    ");
				esc_term(&b, it->fields[f].header ? it->fields[f].header : it->fields[f].key);
				wp_buf_puts(&b, ": ");
				changes_text(&b, &it->fields[f]);
				wp_buf_putc(&b, '\n');
			}
		}
		wp_buf_printf(&b, "%zu changed, %zu added, %zu removed, %zu moved, %zu renumbered\n", d->changed, d->added,
			      d->removed, d->moved, d->renumbered);
	}
	if (b.oom) {
		wp_buf_free(&b);
		return WP_ENOMEM;
	}
	*out = wp_buf_detach(&b, len);
	return *out ? WP_OK : WP_ENOMEM;
}
