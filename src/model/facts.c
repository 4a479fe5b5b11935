/* facts.c: what a programme says beyond its text, worked out once (see
 * wpgen/facts.h). Every reading of a cell here is of one version of the
 * tracked changes: the runs that version drops are skipped, never deleted
 * and inserted text run together. */
#include "wpgen/wpgen.h"
#include "base/alloc.h"
#include "base/date.h"
#include "base/util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct facts_impl {
	char *as_of;
	size_t *counts;    /* every wp_count's by_colour, in one block */
	wp_row_facts *rows; /* every section's rows and examples, in one block */
} facts_impl;

/* The styles a version leaves out. */
static unsigned dropped(wp_changes_mode mode, int u_is_insertion)
{
	if (mode == WP_CHANGES_REJECT)
		return WP_STYLE_INS | (u_is_insertion ? WP_STYLE_U : 0);
	return WP_STYLE_DEL;
}

/* A cell's text in a version, into b (emptied first): paragraphs and
 * breaks as spaces, every run of white space one space, none at either
 * end (as the rules read cells). */
static void version_text(wp_buf *b, const wp_field *f, unsigned drop)
{
	int space = 0, any = 0;
	b->len = 0;
	for (size_t i = 0; i < f->nparas; i++) {
		space |= i && any;
		for (size_t j = 0; j < f->paras[i].nruns; j++) {
			const wp_run *r = &f->paras[i].runs[j];
			if (r->kind == WP_RUN_BREAK) {
				space |= any;
				continue;
			}
			if (r->style & drop)
				continue;
			for (size_t k = 0; k < r->len; k++) {
				char ch = r->text[k];
				if (wp_is_space((unsigned char)ch)) {
					space |= any;
					continue;
				}
				if (space)
					wp_buf_putc(b, ' ');
				wp_buf_putc(b, ch);
				space = 0;
				any = 1;
			}
		}
	}
	wp_buf_put(b, "", 0);
}

/* The colour a cell's text names: its first word. */
static const wp_profile_colour *text_colour(const wp_profile *prof, const char *t)
{
	size_t n = 0;
	while ((t[n] >= 'a' && t[n] <= 'z') || (t[n] >= 'A' && t[n] <= 'Z'))
		n++;
	return n ? wp_profile_colour_find(prof, t, n) : NULL;
}

int wp_cell_colour(const wp_profile_colour **out, const wp_profile *prof, const wp_field *cell, wp_changes_mode mode)
{
	wp_buf b = {0};
	*out = NULL;
	version_text(&b, cell, dropped(mode, prof->u_is_insertion));
	if (b.oom) {
		wp_buf_free(&b);
		return WP_ENOMEM;
	}
	*out = text_colour(prof, b.data);
	wp_buf_free(&b);
	return WP_OK;
}

static int word_char(int c)
{
	return isalnum(c) || c >= 0x80;
}

/* Whether the keyword kw (n bytes) stands at s in text, as a word. */
static int keyword_at(const char *text, const char *s, const char *kw, size_t n)
{
	if (strncasecmp(s, kw, n) != 0)
		return 0;
	if (s > text && word_char((unsigned char)s[-1]) && word_char((unsigned char)kw[0]))
		return 0;
	return !(word_char((unsigned char)s[n]) && word_char((unsigned char)kw[n - 1]));
}

/* Where a progress text's opening words start: past white space,
 * punctuation and bullets ("- ", "• ", "(") and a "Status:" label. */
static const char *opening(const char *t)
{
	for (;;) {
		while (*t && !isalnum((unsigned char)*t) && (unsigned char)*t < 0x80)
			t++;
		if (!strncmp(t, "\xE2\x80\xA2", 3) || !strncmp(t, "\xE2\x80\x93", 3)) { /* a bullet, an en dash */
			t += 3;
			continue;
		}
		if (!strncasecmp(t, "status", 6) && (t[6] == ':' || (t[6] == ' ' && t[7] == ':'))) {
			t += 6;
			continue;
		}
		return t;
	}
}

const char *wp_progress_keyword(const wp_profile *prof, const char *text, const wp_profile_colour **colour)
{
	/* The footnote writes it: the progress text opens with its status
	 * keyword ("Completed. The PTC endorsed..."); a keyword further on
	 * ("... will be completed in 2026") is not its status. At one place,
	 * the longest keyword wins, then the profile's order. */
	const char *s = opening(text), *best = NULL;
	size_t bl = 0;
	*colour = NULL;
	for (size_t i = 0; i < prof->ncolours; i++)
		for (size_t k = 0; k < prof->colours[i].nkeywords; k++) {
			const char *kw = prof->colours[i].keywords[k];
			size_t n = kw ? strlen(kw) : 0;
			if (n > bl && keyword_at(s, s, kw, n)) {
				best = kw, bl = n;
				*colour = &prof->colours[i];
			}
		}
	return best;
}

/* What every row of the programme is read with. */
typedef struct reader {
	const wp_programme *p;
	const wp_profile *prof;
	wp_changes_mode mode;
	unsigned drop;                 /* the version's left-out styles */
	unsigned change_styles;        /* the styles that mark a tracked change */
	const char *progress_key;      /* the progress column's key */
	const wp_profile_rule *overdue;/* the timeline rule's settings, or NULL */
	const char *timeline_key;
	wp_ymd as_of;
	int has_as_of;
	wp_buf text;                   /* scratch */
} reader;

static int field_marked(const wp_field *f, unsigned styles)
{
	for (size_t i = 0; i < f->nparas; i++)
		for (size_t j = 0; j < f->paras[i].nruns; j++)
			if (f->paras[i].runs[j].kind == WP_RUN_TEXT && (f->paras[i].runs[j].style & styles))
				return 1;
	return 0;
}

/* Whether the keyword says the activity is done (the timeline rule's
 * "done" list). */
static int done(const reader *r, const char *kw)
{
	size_t n;
	const char **v = wp_profile_param_values(r->overdue, "done", &n);
	for (size_t i = 0; kw && i < n; i++)
		if (v[i] && !strcasecmp(v[i], kw))
			return 1;
	return 0;
}

static void row_facts(reader *r, const wp_section_facts *sf, const wp_section *s, const wp_activity *a,
		      wp_row_facts *rf)
{
	const wp_profile *prof = r->prof;
	rf->change = wp_activity_change(s, a, prof->u_is_insertion);
	rf->counted = r->mode == WP_CHANGES_REJECT ? rf->change != WP_CHANGE_INSERTED : rf->change != WP_CHANGE_DELETED;
	for (size_t c = 0; c < s->ncolumns && !rf->marked; c++)
		rf->marked = field_marked(&a->fields[c], r->change_styles);
	/* a row not in the version is read as it stands in the other one (a
	 * deleted row shown struck keeps its colour); it is not counted */
	unsigned drop = rf->counted ? r->drop : dropped(r->mode == WP_CHANGES_REJECT ? WP_CHANGES_ACCEPT : WP_CHANGES_REJECT,
							  prof->u_is_insertion);
	if (sf->status_col >= 0) {
		const wp_field *f = &a->fields[sf->status_col];
		version_text(&r->text, f, drop);
		rf->colour = r->text.oom ? NULL : text_colour(prof, r->text.data);
		if (r->mode == WP_CHANGES_SHOW && rf->counted && field_marked(f, r->change_styles)) {
			version_text(&r->text, f, dropped(WP_CHANGES_REJECT, prof->u_is_insertion));
			const wp_profile_colour *was = r->text.oom ? NULL : text_colour(prof, r->text.data);
			rf->colour_changed = was != rf->colour;
			rf->colour_was = rf->colour_changed ? was : NULL;
		}
	}
	if (sf->progress_col >= 0) {
		version_text(&r->text, &a->fields[sf->progress_col], drop);
		rf->keyword = r->text.oom ? NULL : wp_progress_keyword(prof, r->text.data, &rf->keyword_colour);
	}
	if (sf->date_col >= 0) {
		wp_ymd due;
		version_text(&r->text, &a->fields[sf->date_col], r->drop);
		if (!r->text.oom && wp_due_date(r->text.data, r->text.len, &due))
			rf->due.y = due.y, rf->due.m = due.m, rf->due.d = due.d;
	}
	if (r->has_as_of && rf->counted && sf->timeline_col >= 0 && !done(r, rf->keyword)) {
		wp_ymd end;
		version_text(&r->text, &a->fields[sf->timeline_col], r->drop);
		if (!r->text.oom && wp_text_latest(r->text.data, &end) && wp_ymd_cmp(end, r->as_of) < 0) {
			rf->overdue = 1;
			wp_ymd_format(end, rf->ended);
		}
	}
}

static void count_row(wp_count *c, const wp_row_facts *rf, const wp_profile *prof)
{
	c->inserted += rf->change == WP_CHANGE_INSERTED;
	c->deleted += rf->change == WP_CHANGE_DELETED;
	if (!rf->counted)
		return;
	c->activities++;
	if (rf->colour)
		c->by_colour[rf->colour - prof->colours]++;
	else if (c->has_status)
		c->none++; /* (a section without a status column has no colour to lack) */
	c->overdue += (size_t)rf->overdue;
	c->status_changed += (size_t)rf->colour_changed;
}

/* Whether any text outside the activities holds a tracked change. */
static int other_marks(const wp_programme *p, unsigned st)
{
	if (field_marked(&p->preamble, st) || field_marked(&p->report, st))
		return 1;
	for (size_t i = 0; i < p->nfootnotes; i++)
		if (field_marked(&p->footnotes[i].text, st))
			return 1;
	for (size_t k = 0; k < p->nsections; k++) {
		const wp_section *s = &p->sections[k];
		if (field_marked(&s->intro, st) || field_marked(&s->notes, st) || (s->reported && field_marked(&s->report, st)))
			return 1;
		for (size_t c = 0; s->guidance && c < s->ncolumns; c++)
			if (field_marked(&s->guidance[c], st))
				return 1;
	}
	return 0;
}

static void section_facts(reader *r, wp_facts *f, size_t k)
{
	const wp_section *s = &r->p->sections[k];
	wp_section_facts *sf = &f->sections[k];
	sf->status_col = wp_section_role(s, WP_ROLE_STATUS);
	sf->progress_col = r->prof->ncolours ? wp_section_column(s, r->progress_key) : -1;
	sf->timeline_col = r->overdue ? wp_section_column(s, r->timeline_key) : -1;
	sf->date_col = wp_section_role(s, WP_ROLE_DATE);
	sf->count.has_status = sf->status_col >= 0;
	f->total.has_status |= sf->count.has_status;
	for (size_t i = 0; i < s->nactivities; i++) {
		row_facts(r, sf, s, &s->activities[i], &sf->rows[i]);
		count_row(&sf->count, &sf->rows[i], r->prof);
		f->any_change |= sf->rows[i].marked;
	}
	for (size_t i = 0; i < s->nexamples; i++) {
		wp_row_facts *ex = &sf->examples[i];
		ex->change = wp_activity_change(s, &s->examples[i], r->prof->u_is_insertion);
		ex->counted = r->mode == WP_CHANGES_REJECT ? ex->change != WP_CHANGE_INSERTED : ex->change != WP_CHANGE_DELETED;
		for (size_t c = 0; c < s->ncolumns && !ex->marked; c++)
			ex->marked = field_marked(&s->examples[i].fields[c], r->change_styles);
		if (sf->status_col >= 0 && wp_cell_colour(&ex->colour, r->prof, &s->examples[i].fields[sf->status_col],
							  r->mode) != WP_OK)
			r->text.oom = 1;
		f->examples += (size_t)ex->counted;
		f->any_change |= ex->marked;
	}
	wp_count *t = &f->total, *c = &sf->count;
	t->activities += c->activities;
	t->none += c->none;
	t->overdue += c->overdue;
	t->inserted += c->inserted;
	t->deleted += c->deleted;
	t->status_changed += c->status_changed;
	for (size_t q = 0; q < f->ncolours; q++)
		t->by_colour[q] += c->by_colour[q];
}

/* The blocks every section's facts live in. */
static int facts_alloc(wp_facts *f, facts_impl *x, const wp_programme *p, size_t ncolours)
{
	size_t rows = 0, nc = ncolours ? ncolours : 1;
	for (size_t k = 0; k < p->nsections; k++)
		rows += p->sections[k].nactivities + p->sections[k].nexamples;
	f->sections = wp_malloc((p->nsections ? p->nsections : 1) * sizeof *f->sections);
	x->counts = wp_malloc((p->nsections + 1) * nc * sizeof *x->counts);
	x->rows = wp_malloc((rows ? rows : 1) * sizeof *x->rows);
	if (!f->sections || !x->counts || !x->rows)
		return WP_ENOMEM;
	memset(f->sections, 0, (p->nsections ? p->nsections : 1) * sizeof *f->sections);
	memset(x->counts, 0, (p->nsections + 1) * nc * sizeof *x->counts);
	memset(x->rows, 0, (rows ? rows : 1) * sizeof *x->rows);
	f->total.by_colour = x->counts + p->nsections * nc;
	for (size_t k = 0, at = 0; k < p->nsections; k++) {
		f->sections[k].count.by_colour = x->counts + k * nc;
		f->sections[k].rows = x->rows + at;
		at += p->sections[k].nactivities;
		f->sections[k].examples = x->rows + at;
		at += p->sections[k].nexamples;
	}
	f->nsections = p->nsections;
	return WP_OK;
}

int wp_facts_new(wp_facts **out, const wp_programme *p, const wp_profile *prof, wp_changes_mode mode,
		 const char *as_of)
{
	wp_facts *f = wp_malloc(sizeof *f);
	facts_impl *x = wp_malloc(sizeof *x);
	*out = NULL;
	if (!f || !x) {
		wp_free(f);
		wp_free(x);
		return WP_ENOMEM;
	}
	memset(f, 0, sizeof *f);
	memset(x, 0, sizeof *x);
	f->impl = x;
	f->mode = mode;
	f->ncolours = prof->ncolours;
	reader r = {p, prof, mode, dropped(mode, prof->u_is_insertion),
		    WP_STYLE_INS | WP_STYLE_DEL | (prof->u_is_insertion ? WP_STYLE_U : 0), NULL, NULL, NULL,
		    {0, 0, 0}, 0, {0}};
	r.progress_key = wp_profile_param_str(wp_profile_rule_find(prof, "progress"), "column", "progress");
	r.overdue = wp_profile_rule_find(prof, "timeline.overdue");
	r.timeline_key = wp_profile_param_str(r.overdue, "column", "timeline");
	if (as_of && wp_iso_date(as_of, &r.as_of)) {
		r.has_as_of = 1;
		if (!(x->as_of = wp_strdup(as_of)))
			goto oom;
		f->as_of = x->as_of;
	}
	if (facts_alloc(f, x, p, prof->ncolours) != WP_OK)
		goto oom;
	for (size_t k = 0; k < p->nsections && !r.text.oom; k++)
		section_facts(&r, f, k);
	if (r.text.oom)
		goto oom;
	f->any_change |= other_marks(p, r.change_styles);
	wp_buf_free(&r.text);
	*out = f;
	return WP_OK;
oom:
	wp_buf_free(&r.text);
	wp_facts_free(f);
	return WP_ENOMEM;
}

void wp_facts_free(wp_facts *f)
{
	if (!f)
		return;
	facts_impl *x = f->impl;
	if (x) {
		wp_free(x->as_of);
		wp_free(x->counts);
		wp_free(x->rows);
		wp_free(x);
	}
	wp_free(f->sections);
	wp_free(f);
}

const wp_row_facts *wp_facts_row(const wp_facts *f, size_t k, size_t i)
{
	return &f->sections[k].rows[i];
}

const wp_row_facts *wp_facts_example(const wp_facts *f, size_t k, size_t i)
{
	return &f->sections[k].examples[i];
}
