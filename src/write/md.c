/* md.c: the Markdown annex (and convert's Markdown source) written from
 * the model and its facts; the reference of its content, which the
 * template templates/annex-md.xsl (behind --template) is held to
 * (test_write_md reads both back). What it writes:
 *
 *  - only a paragraph's plain text can start a line, and is escaped as a
 *    line's start (a styled run never starts a block);
 *  - adjacent plain runs are escaped as one string;
 *  - a run's link, then its styles in mb_styles order, nest outermost
 *    first; a plain line break is a <br> of its own;
 *  - the annex's status table from the facts. */
#include "wpgen/wpgen.h"
#include "base/alloc.h"
#include "model/assemble.h"
#include "base/escape.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct mdw {
	wp_buf *b;
	const wp_programme *p;
	int annex;       /* an annex (the template's $annex = 'yes') */
	int marker_brk;  /* the annex block's lines kept apart (hard breaks) */
	wp_buf plain;    /* adjacent plain runs, joined (put_para) */
} mdw;

static int is_plain(const wp_run *r)
{
	return r->kind == WP_RUN_TEXT && !r->style && !r->href;
}

static int xml_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int has_ink(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!xml_space(s[i]))
			return 1;
	return 0;
}


/* A run that is an element of its paragraph: its link and styles around
 * its text or break. cell: escaped for a table cell, else for a paragraph
 * (never at a line's start: see above). */
static void put_run(mdw *w, const wp_run *r, int cell)
{
	wp_buf *b = w->b;
	size_t i, n = sizeof mb_styles / sizeof mb_styles[0];
	if (r->href)
		wp_buf_putc(b, '[');
	for (i = 0; i < n; i++) {
		if (!(r->style & mb_styles[i].bit))
			continue;
		wp_buf_printf(b, "<%s", mb_styles[i].xml);
		if (mb_styles[i].bit & (WP_STYLE_INS | WP_STYLE_DEL)) {
			if (r->author) {
				wp_buf_puts(b, " data-author=\"");
				esc_md_attr(b, r->author);
				wp_buf_putc(b, '"');
			}
			if (r->date) {
				wp_buf_puts(b, " datetime=\"");
				esc_md_attr(b, r->date);
				wp_buf_putc(b, '"');
			}
		}
		wp_buf_putc(b, '>');
	}
	if (r->kind == WP_RUN_BREAK)
		wp_buf_puts(b, "<br>");
	else
		esc_md(b, r->text, r->len, cell, 0);
	for (i = n; i-- > 0;)
		if (r->style & mb_styles[i].bit)
			wp_buf_printf(b, "</%s>", mb_styles[i].xml);
	if (r->href) {
		wp_buf_puts(b, "](<");
		esc_md(b, r->href, strlen(r->href), 1, 1);
		wp_buf_puts(b, ">)");
	}
}

/* A paragraph's inline content. cell: in a table cell; else a paragraph,
 * whose first text node (there always is one) starts a line. Adjacent
 * plain runs are escaped as one string, as libxml2 merged them: in a
 * paragraph a newline in one starts a line in the next. */
static void put_para(mdw *w, const wp_para *pa, int cell)
{
	wp_buf *t = &w->plain;
	for (size_t j = 0;;) {
		int first = j == 0;
		t->len = 0;
		for (; j < pa->nruns && is_plain(&pa->runs[j]); j++)
			wp_buf_put(t, pa->runs[j].text, pa->runs[j].len);
		if (t->len)
			esc_md(w->b, t->data, t->len, cell, first);
		if (j == pa->nruns)
			break;
		const wp_run *r = &pa->runs[j++];
		if (r->kind == WP_RUN_BREAK && !r->style && !r->href)
			wp_buf_puts(w->b, "<br>");
		else
			put_run(w, r, cell);
	}
	if (t->oom)
		w->b->oom = 1;
}

static void put_blocks(mdw *w, const wp_field *f)
{
	for (size_t i = 0; i < f->nparas; i++) {
		put_para(w, &f->paras[i], 0);
		wp_buf_puts(w->b, "\n\n");
	}
}

/* The guidance cell in italics: one paragraph with text, not already a
 * single italic element with no other text. */
static int guidance_italic(const wp_field *f)
{
	if (f->nparas != 1)
		return 0;
	const wp_para *pa = &f->paras[0];
	size_t elems = 0;
	int ink = 0, i_child = 0, plain_ink = 0;
	for (size_t j = 0; j < pa->nruns; j++) {
		const wp_run *r = &pa->runs[j];
		int text_ink = r->kind == WP_RUN_TEXT && has_ink(r->text, r->len);
		ink |= text_ink;
		if (is_plain(r)) {
			plain_ink |= text_ink;
			continue;
		}
		elems++;
		i_child |= !r->href && !(r->style & WP_STYLE_STRONG) && (r->style & WP_STYLE_EM);
	}
	return ink && !(elems == 1 && i_child && !plain_ink);
}

static void put_row(mdw *w, const wp_section *s, const wp_field *fields, int guidance)
{
	wp_buf_putc(w->b, '|');
	for (size_t c = 0; c < s->ncolumns; c++) {
		const wp_field *f = &fields[c];
		wp_buf_putc(w->b, ' ');
		if (w->annex && guidance && guidance_italic(f)) {
			wp_buf_puts(w->b, "<i>");
			put_para(w, &f->paras[0], 1);
			wp_buf_puts(w->b, "</i>");
		} else if (f->nparas > 1) {
			for (size_t i = 0; i < f->nparas; i++) {
				wp_buf_puts(w->b, i ? " <p>" : "<p>");
				put_para(w, &f->paras[i], 1);
				wp_buf_puts(w->b, "</p>");
			}
		} else if (f->nparas) {
			put_para(w, &f->paras[0], 1);
		}
		wp_buf_puts(w->b, " |");
	}
	wp_buf_putc(w->b, '\n');
}

/* A progress report's paragraphs, quoted. */
static void put_quoted(mdw *w, const wp_field *f)
{
	for (size_t i = 0; i < f->nparas; i++) {
		wp_buf_puts(w->b, "> ");
		put_para(w, &f->paras[i], 0);
		wp_buf_puts(w->b, "\n>\n");
	}
}

static void put_cell_text(mdw *w, const char *s)
{
	if (s)
		esc_md(w->b, s, strlen(s), 1, 1);
}

static void put_section(mdw *w, const wp_section *s)
{
	wp_buf *b = w->b;
	if (s->title || s->numeral) {
		wp_buf_puts(b, "## ");
		if (s->numeral)
			wp_buf_printf(b, "%s. ", s->numeral);
		put_cell_text(w, s->title);
		wp_buf_puts(b, "\n\n");
	}
	put_blocks(w, &s->intro);
	if (s->ncolumns) {
		wp_buf_putc(b, '|');
		for (size_t c = 0; c < s->ncolumns; c++) {
			wp_buf_putc(b, ' ');
			put_cell_text(w, s->columns[c].header);
			if (s->columns[c].mark) {
				wp_buf_putc(b, ' ');
				wp_buf_superscript(b, (unsigned long)s->columns[c].mark);
			}
			wp_buf_puts(b, " |");
		}
		wp_buf_puts(b, "\n|");
		for (size_t c = 0; c < s->ncolumns; c++)
			wp_buf_puts(b, " --- |");
		wp_buf_putc(b, '\n');
		if (s->guidance)
			put_row(w, s, s->guidance, 1);
		for (size_t i = 0; i < s->nexamples; i++)
			put_row(w, s, s->examples[i].fields, 0);
		for (size_t i = 0; i < s->nactivities; i++)
			put_row(w, s, s->activities[i].fields, 0);
		wp_buf_putc(b, '\n');
	}
	put_blocks(w, &s->notes);
	if (w->p->plan) { /* a progress report read with its plan */
		wp_buf_puts(b, "> **Progress reported**\n>\n");
		if (s->reported && s->report.nparas)
			put_quoted(w, &s->report);
		else
			wp_buf_puts(b, "> *The report does not cover this area.*\n>\n");
		wp_buf_putc(b, '\n');
	}
}

static void put_yaml(wp_buf *b, const char *key, const char *value)
{
	wp_buf_printf(b, "%s: ", key);
	esc_yaml(b, value);
	wp_buf_putc(b, '\n');
}

static void put_programme(mdw *w, const char *status)
{
	const wp_programme *p = w->p;
	wp_buf *b = w->b;
	const char *profile = (p->explicit_meta & WP_META_PROFILE) ? p->profile : NULL;
	int period = p->period_start && (p->explicit_meta & WP_META_PERIOD);
	unsigned said = p->explicit_meta & (WP_META_PROGRAMME | WP_META_NOT_PROGRAMME);
	if (profile || p->body || period || p->session || p->as_of || said || p->naccepts) {
		wp_buf_puts(b, "---\n");
		if (profile)
			put_yaml(b, "profile", profile);
		if (p->body)
			put_yaml(b, "body", p->body);
		if (period)
			wp_buf_printf(b, "period: %lu-%lu\n", (unsigned long)p->period_start, (unsigned long)p->period_end);
		if (p->session)
			put_yaml(b, "session", p->session);
		if (p->as_of)
			put_yaml(b, "as_of", p->as_of);
		if (said)
			put_yaml(b, "programme", said == WP_META_PROGRAMME ? "yes" : "no");
		if (p->naccepts)
			wp_buf_puts(b, "accept:\n");
		for (size_t i = 0; i < p->naccepts; i++) {
			put_yaml(b, "  - rule", p->accepts[i].rule);
			put_yaml(b, "    at", p->accepts[i].at);
			put_yaml(b, "    why", p->accepts[i].why);
		}
		wp_buf_puts(b, "---\n");
	}
	if (p->title) {
		wp_buf_puts(b, "# ");
		put_cell_text(w, p->title);
		wp_buf_puts(b, "\n\n");
	}
	if (p->annex_to) {
		const char *brk = w->marker_brk ? "\\" : "";
		wp_buf_printf(b, "Annex to%s\n", brk);
		esc_md(b, p->annex_to, strlen(p->annex_to), 0, 1);
		if (p->running_title) {
			wp_buf_printf(b, "%s\n", brk);
			esc_md(b, p->running_title, strlen(p->running_title), 0, 1);
		}
		wp_buf_puts(b, "\n\n");
	}
	if (p->changes) { /* a redline's: what changed, a paragraph the reader passes */
		wp_buf_puts(b, WP_CHANGES_MARK "\n\n");
		esc_md(b, p->changes, strlen(p->changes), 0, 1);
		wp_buf_puts(b, "\n\n");
	}
	if (status && *status) {
		wp_buf_puts(b, status);
		wp_buf_putc(b, '\n');
	}
	put_blocks(w, &p->preamble);
	for (size_t i = 0; i < p->nsections; i++)
		put_section(w, &p->sections[i]);
	if (p->report.nparas) { /* what a report says under no area of its plan */
		wp_buf_puts(b, "> **Progress reported under no area of the plan**\n>\n");
		put_quoted(w, &p->report);
		wp_buf_putc(b, '\n');
	}
	for (size_t i = 0; i < p->nfootnotes; i++) {
		const wp_field *f = &p->footnotes[i].text;
		wp_buf_superscript(b, (unsigned long)p->footnotes[i].mark);
		wp_buf_putc(b, ' ');
		for (size_t k = 0; k < f->nparas; k++) {
			if (k)
				wp_buf_puts(b, "<br><br>");
			put_para(w, &f->paras[k], 0);
		}
		wp_buf_puts(b, "\n\n");
	}
}

/* The annex into b (which may spill: base/util.h). */
static int md_write_into(wp_buf *b, const wp_programme *p, const wp_profile *profile, int annex, const wp_facts *facts)
{
	char *status = NULL;
	size_t slen;
	mdw w = {.b = b, .p = p, .annex = annex};
	int rc = WP_OK;

	if (annex) {
		/* where things stand, and the annex block's hard breaks: as
		 * wp_render_annex passes them to the template */
		w.marker_brk = profile->annex_marker && strcmp(profile->annex_marker, "Annex to") == 0;
		if (profile->ncolours && wp_programme_activities(p)) {
			wp_facts *own = NULL;
			if (!facts && (rc = wp_facts_new(&own, p, profile, WP_CHANGES_SHOW, p->as_of)) != WP_OK)
				return rc;
			rc = wp_status_write(&status, &slen, facts ? facts : own, p, profile, WP_STATUS_MD);
			wp_facts_free(own);
		}
	}
	if (rc != WP_OK)
		return rc;
	put_programme(&w, status);
	free(status);
	wp_buf_free(&w.plain);
	return b->oom ? WP_ENOMEM : WP_OK;
}

int wp_write_md(char **out, size_t *len, const wp_programme *p, const wp_profile *profile, int annex,
		const wp_facts *facts)
{
	wp_buf b = {0};
	*out = NULL;
	*len = 0;
	int rc = md_write_into(&b, p, profile, annex, facts);
	if (rc != WP_OK) {
		wp_buf_free(&b);
		return rc;
	}
	*out = wp_buf_detach(&b, len);
	return *out ? WP_OK : WP_ENOMEM;
}

typedef struct md_args {
	const wp_programme *p;
	const wp_profile *profile;
	int annex;
	const wp_facts *facts;
} md_args;

static int md_into(wp_buf *b, const void *arg)
{
	const md_args *a = arg;
	return md_write_into(b, a->p, a->profile, a->annex, a->facts);
}

int wp_write_md_stream(const wp_programme *p, const wp_profile *profile, int annex, const wp_facts *facts, wp_sink sink,
		       void *ctx)
{
	wp_buf b = {0};
	md_args a = {p, profile, annex, facts};
	return wp_buf_stream(&b, sink, ctx, md_into, &a);
}
