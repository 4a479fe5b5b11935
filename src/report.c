/* report.c: a progress report read together with the plan it reports on.
 * Each section of the report names an area of the plan, by "Area N" in
 * its heading or by a word of the area's title that no other area's title
 * has ("ePhyto", "containers"); its text is attached to that area. An
 * area no section names, and a section that names no area, are
 * reported. */
#include "wpgen/wpgen.h"
#include "alloc.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Words too common to name an area. */
static const char *const common[] = {"with", "from", "that", "this", "their", "other", "between", "within",
				     "into", "about", "area", "areas", "cooperation", "activities", NULL};

/* The next word of s (letters and digits, lowercased into w); NULL at the end. */
static const char *next_word(const char *s, char *w, size_t size)
{
	while (*s && !isalnum((unsigned char)*s))
		s++;
	if (!*s)
		return NULL;
	size_t n = 0;
	while (isalnum((unsigned char)*s) || (unsigned char)*s >= 0x80) {
		if (n + 1 < size)
			w[n++] = (char)tolower((unsigned char)*s);
		s++;
	}
	w[n] = '\0';
	return s;
}

static int distinctive(const char *w)
{
	if (strlen(w) < 4)
		return 0;
	for (const char *const *c = common; *c; c++)
		if (!strcmp(*c, w))
			return 0;
	return 1;
}

static int title_has(const char *title, const char *word)
{
	char w[64];
	for (const char *s = title ? title : ""; (s = next_word(s, w, sizeof w)) != NULL;)
		if (!strcmp(w, word))
			return 1;
	return 0;
}

/* The area (plan section index) a report heading names, or -1. */
static long area_of(const wp_programme *plan, const char *heading)
{
	const char *h = heading ? heading : "";
	/* "Area 5", "Area 5:", "area 5 -" */
	for (const char *s = h; *s; s++) {
		if ((s == h || !isalnum((unsigned char)s[-1])) && !strncasecmp(s, "area", 4)) {
			const char *q = s + 4;
			while (*q == ' ')
				q++;
			if (isdigit((unsigned char)*q)) {
				long n = strtol(q, NULL, 10);
				for (size_t k = 0; k < plan->nsections; k++)
					if (plan->sections[k].numeral && strtol(plan->sections[k].numeral, NULL, 10) == n)
						return (long)k;
			}
		}
	}
	/* a word of one area's title and of no other's */
	char w[64];
	for (const char *s = h; (s = next_word(s, w, sizeof w)) != NULL;) {
		if (!distinctive(w))
			continue;
		long found = -1;
		int count = 0;
		for (size_t k = 0; k < plan->nsections; k++)
			if (title_has(plan->sections[k].title, w))
				found = (long)k, count++;
		if (count == 1)
			return found;
	}
	return -1;
}

/* Appends a report section to a report field: its heading in bold, then
 * its text (shared with the report, which must outlive the plan). */
static int append_report(wp_arena *a, wp_field *f, const wp_section *rs, const char *heading)
{
	size_t need = f->nparas + 1 + rs->intro.nparas + rs->notes.nparas;
	wp_para *paras = wp_arena_alloc(a, need * sizeof *paras);
	wp_run *run = wp_arena_alloc(a, sizeof *run);
	char *text = wp_arena_strdup(a, rs->title ? rs->title : heading);
	if (!paras || !run || !text)
		return WP_ENOMEM;
	if (f->nparas)
		memcpy(paras, f->paras, f->nparas * sizeof *paras);
	*run = (wp_run){WP_RUN_TEXT, WP_STYLE_STRONG, text, strlen(text), NULL, NULL, NULL};
	paras[f->nparas] = (wp_para){run, 1, 1, rs->pos, 0};
	if (rs->intro.nparas)
		memcpy(paras + f->nparas + 1, rs->intro.paras, rs->intro.nparas * sizeof *paras);
	if (rs->notes.nparas)
		memcpy(paras + f->nparas + 1 + rs->intro.nparas, rs->notes.paras, rs->notes.nparas * sizeof *paras);
	if (!f->nparas)
		f->pos = rs->pos;
	f->paras = paras;
	f->nparas = f->cap = need;
	return WP_OK;
}

int wp_report_merge(wp_programme *plan, const wp_programme *report, const char *plan_name, wp_diags *d)
{
	wp_arena *a = plan->impl;
	for (size_t r = 0; r < report->nsections; r++) {
		const wp_section *rs = &report->sections[r];
		wp_buf hb = {0};
		wp_buf_printf(&hb, "%s%s%s", rs->numeral ? rs->numeral : "", rs->numeral ? ". " : "", rs->title ? rs->title : "");
		if (hb.oom) {
			wp_buf_free(&hb);
			return WP_ENOMEM;
		}
		const char *heading = hb.data;
		long k = area_of(plan, heading);
		if (k < 0 && wp_diags_add(d, report->source, rs->pos.line, rs->pos.col ? rs->pos.col : 1, WP_WARNING,
					  "report.unknown-area",
					  "section '%s' names no area of the plan (say \"Area N\" in its heading, or use "
					  "a word of the area's title); its text is shown after the areas", heading) != WP_OK) {
			wp_buf_free(&hb);
			return WP_ENOMEM;
		}
		/* an area's report, or the plan's own for a section that names none */
		int rc = append_report(a, k < 0 ? &plan->report : &plan->sections[k].report, rs, heading);
		wp_buf_free(&hb);
		if (rc != WP_OK)
			return WP_ENOMEM;
		if (k >= 0)
			plan->sections[k].reported = 1;
	}
	for (size_t k = 0; k < plan->nsections; k++) {
		const wp_section *s = &plan->sections[k];
		if (s->reported)
			continue;
		if (wp_diags_add(d, plan_name, s->pos.line, s->pos.col ? s->pos.col : 1, WP_WARNING, "report.uncovered",
				 "area %s '%s' is not covered by the progress report '%s'", s->numeral ? s->numeral : "?",
				 s->title ? s->title : "", report->source) != WP_OK)
			return WP_ENOMEM;
	}
	/* The annex is the report's: its title, preamble and metadata. */
	if (report->title)
		plan->title = report->title, plan->title_pos = report->title_pos;
	plan->preamble = report->preamble;
	if (report->session)
		plan->session = report->session;
	if (report->as_of)
		plan->as_of = report->as_of;
	if (report->annex_to)
		plan->annex_to = report->annex_to;
	if (!(plan->plan = wp_arena_strdup(a, plan_name)))
		return WP_ENOMEM;
	return WP_OK;
}

/***** reading the plan *****/

char *wp_plan_path(const char *report_path, const char *plan)
{
	const char *slash = strrchr(report_path, '/');
	size_t dl = slash && plan[0] != '/' ? (size_t)(slash - report_path + 1) : 0;
	char *p = wp_malloc(dl + strlen(plan) + 1);
	if (p) {
		memcpy(p, report_path, dl);
		strcpy(p + dl, plan);
	}
	return p;
}
