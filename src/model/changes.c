/* changes.c: tracked changes in the model. A run carries an insertion
 * (WP_STYLE_INS, or WP_STYLE_U where the profile says underline means
 * insertion, as in WCO documents) or a deletion (WP_STYLE_DEL). Accepting
 * gives the new version, rejecting the old one; showing keeps both. */
#include "wpgen/wpgen.h"
#include "base/alloc.h"
#include "model/assemble.h"
#include "base/util.h"

#include <string.h>

static unsigned ins_bits(int u_is_insertion)
{
	return WP_STYLE_INS | (u_is_insertion ? WP_STYLE_U : 0);
}

wp_change wp_activity_change(const wp_section *s, const wp_activity *a, int u_is_insertion)
{
	/* inserted: every run with text is marked inserted, and there is one;
	 * deleted: every one marked deleted. Most rows are neither, as their
	 * first run with text says: one pass, stopped there. */
	unsigned insb = ins_bits(u_is_insertion);
	int ins = 1, del = 1, any = 0;
	for (size_t i = 0; i < s->ncolumns; i++) {
		const wp_field *f = &a->fields[i];
		for (size_t p = 0; p < f->nparas; p++)
			for (size_t j = 0; j < f->paras[p].nruns; j++) {
				const wp_run *r = &f->paras[p].runs[j];
				size_t n = r->len;
				if (r->kind != WP_RUN_TEXT || (wp_trim(r->text, &n), n == 0))
					continue;
				any = 1;
				ins &= (r->style & insb) != 0;
				del &= (r->style & WP_STYLE_DEL) != 0;
				if (!ins && !del)
					return WP_CHANGE_NONE;
			}
	}
	return !any ? WP_CHANGE_NONE : ins ? WP_CHANGE_INSERTED : del ? WP_CHANGE_DELETED : WP_CHANGE_NONE;
}

/* Drops the runs marked drop, clears the marks keep, and mends the white
 * space where a run went ("a <del>b</del> c" -> "a c"). */
static void field_apply(wp_field *f, unsigned drop, unsigned keep)
{
	size_t np = 0;
	for (size_t i = 0; i < f->nparas; i++) {
		wp_para *p = &f->paras[i];
		size_t w = 0;
		for (size_t j = 0; j < p->nruns; j++) {
			wp_run r = p->runs[j];
			if (r.style & drop)
				continue;
			r.style &= ~keep;
			if (!(r.style & (WP_STYLE_INS | WP_STYLE_DEL)))
				r.author = r.date = NULL;
			if (w && r.kind == WP_RUN_TEXT && p->runs[w - 1].kind == WP_RUN_TEXT) {
				wp_run *l = &p->runs[w - 1];
				/* two spaces meet where a run was dropped */
				if (l->len && l->text[l->len - 1] == ' ' && r.len && r.text[0] == ' ') {
					r.text++;
					r.len--;
				}
			}
			if (r.kind == WP_RUN_TEXT && r.len == 0)
				continue;
			p->runs[w++] = r;
		}
		p->nruns = w;
		/* no space left at the paragraph's ends */
		while (p->nruns && p->runs[0].kind == WP_RUN_TEXT && p->runs[0].len && p->runs[0].text[0] == ' ') {
			p->runs[0].text++;
			if (!--p->runs[0].len)
				memmove(p->runs, p->runs + 1, --p->nruns * sizeof *p->runs);
		}
		if (p->nruns) {
			wp_run *l = &p->runs[p->nruns - 1];
			while (l->kind == WP_RUN_TEXT && l->len && l->text[l->len - 1] == ' ')
				l->len--;
		}
		if (p->nruns)
			f->paras[np++] = *p;
	}
	f->nparas = np;
}

static void rows_apply(wp_programme *p, wp_section *s, wp_activity *rows, size_t *n, int mode, int u_is_insertion,
		       unsigned drop, unsigned keep, int *oom)
{
	size_t w = 0;
	for (size_t i = 0; i < *n; i++) {
		wp_activity *a = &rows[i];
		int ch = wp_activity_change(s, a, u_is_insertion);
		if ((mode == WP_CHANGES_ACCEPT && ch == WP_CHANGE_DELETED) ||
		    (mode == WP_CHANGES_REJECT && ch == WP_CHANGE_INSERTED))
			continue; /* the row does not exist in this version */
		for (size_t k = 0; k < s->ncolumns; k++)
			field_apply(&a->fields[k], drop, keep);
		if (mb_activity_number(p, s, a) < 0) {
			*oom = 1;
			return;
		}
		rows[w++] = *a;
	}
	*n = w;
}

int wp_programme_changes(wp_programme *p, wp_changes_mode mode, int u_is_insertion)
{
	unsigned ins = ins_bits(u_is_insertion), drop, keep;
	int oom = 0;
	if (mode == WP_CHANGES_SHOW)
		return WP_OK;
	drop = mode == WP_CHANGES_ACCEPT ? WP_STYLE_DEL : ins;
	keep = mode == WP_CHANGES_ACCEPT ? ins : WP_STYLE_DEL;
	for (size_t k = 0; k < p->nsections && !oom; k++) {
		wp_section *s = &p->sections[k];
		rows_apply(p, s, s->activities, &s->nactivities, mode, u_is_insertion, drop, keep, &oom);
		rows_apply(p, s, s->examples, &s->nexamples, mode, u_is_insertion, drop, keep, &oom);
		if (s->guidance)
			for (size_t i = 0; i < s->ncolumns; i++)
				field_apply(&s->guidance[i], drop, keep);
		field_apply(&s->intro, drop, keep);
		field_apply(&s->notes, drop, keep);
	}
	field_apply(&p->preamble, drop, keep);
	for (size_t i = 0; i < p->nfootnotes; i++)
		field_apply(&p->footnotes[i].text, drop, keep);
	return oom ? WP_ENOMEM : WP_OK;
}
