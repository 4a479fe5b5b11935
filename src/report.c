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
		char heading[512];
		snprintf(heading, sizeof heading, "%s%s%s", rs->numeral ? rs->numeral : "", rs->numeral ? ". " : "",
			 rs->title ? rs->title : "");
		long k = area_of(plan, heading);
		if (k < 0 && wp_diags_add(d, report->source, rs->pos.line, rs->pos.col ? rs->pos.col : 1, WP_WARNING,
					  "report.unknown-area",
					  "section '%s' names no area of the plan (say \"Area N\" in its heading, or use "
					  "a word of the area's title); its text is shown after the areas", heading) != WP_OK)
			return WP_ENOMEM;
		/* an area's report, or the plan's own for a section that names none */
		if (append_report(a, k < 0 ? &plan->report : &plan->sections[k].report, rs, heading) != WP_OK)
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

int wp_looks_xml(const char *path, const char *buf, size_t len)
{
	size_t n = strlen(path), i = 0;
	if (n > 4 && strcmp(path + n - 4, ".xml") == 0)
		return 1;
	if (n > 3 && strcmp(path + n - 3, ".md") == 0)
		return 0;
	while (i < len && (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t'))
		i++;
	return i + 1 < len && buf[i] == '<' && (buf[i + 1] == '?' || buf[i + 1] == 'p');
}

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

const char *wp_plan_profile(char *out, size_t n, const char *buf, size_t len, const wp_profile *report_prof)
{
	int named = wp_peek_profile(out, n, buf, len, NULL);
	if (named)
		return named > 0 ? out : NULL;
	if (!report_prof->report_of || strlen(report_prof->report_of) >= n)
		return NULL;
	strcpy(out, report_prof->report_of);
	return out;
}

int wp_plan_read(wp_programme **plan, wp_profile **plan_prof, const wp_programme *report, const char *report_name,
		 unsigned report_line, const char *plan_path, const wp_profile *report_prof, const char *datadir, const wp_schema *schema,
		 const wp_limits *limits, wp_diags *d)
{
	char *buf = NULL, named[128];
	size_t len = 0;
	wp_buf path = {0};
	wp_schema *own = NULL;
	int rc = wp_read_file(&buf, &len, plan_path);
	*plan = NULL;
	*plan_prof = NULL;
	if (rc != WP_OK) {
		if (rc == WP_EIO)
			wp_diags_add(d, report_name, report_line ? report_line : 1, 1, WP_ERROR, "report.plan", "cannot read the plan '%s': %s",
				     plan_path, strerror(errno));
		return rc == WP_EIO ? WP_EINPUT : rc;
	}
	unsigned at = 1;
	if (wp_peek_profile(named, sizeof named, buf, len, &at) < 0) {
		wp_diags_add(d, plan_path, at, 1, WP_ERROR, "read.profile",
			     "the plan names the profile '%s', which is not a plain name (letters, digits, '-', '_', '.')",
			     named);
		rc = WP_EINPUT;
		goto done;
	}
	const char *pname = wp_plan_profile(named, sizeof named, buf, len, report_prof);
	if (!pname) {
		wp_diags_add(d, report_name, report_line ? report_line : 1, 1, WP_ERROR, "report.plan",
			     "the plan '%s' names no profile, and the report's profile no kind of plan", plan_path);
		rc = WP_EINPUT;
		goto done;
	}
	wp_buf_printf(&path, "%s/profiles/%s.yaml", datadir, pname);
	rc = path.oom ? WP_ENOMEM : wp_profile_load(plan_prof, path.data, d);
	if (rc == WP_EIO || rc == WP_EINPUT || rc == WP_EUSAGE) {
		wp_diags_add(d, report_name, report_line ? report_line : 1, 1, WP_ERROR, "report.plan", "cannot load the plan's profile '%s' (%s)",
			     pname, path.data);
		rc = WP_EINPUT;
	}
	if (rc != WP_OK)
		goto done;
	if (wp_looks_xml(plan_path, buf, len)) {
		if (!schema) {
			path.len = 0;
			wp_buf_printf(&path, "%s/schema/wpgen.rng", datadir);
			rc = path.oom ? WP_ENOMEM : wp_schema_load(&own, path.data, d);
			if (rc == WP_EIO)
				rc = WP_EINPUT;
			schema = own;
		}
		if (rc == WP_OK)
			rc = wp_read_xml(plan, buf, len, plan_path, *plan_prof, schema, d);
	} else {
		rc = wp_read_md_limits(plan, buf, len, plan_path, *plan_prof, limits, d);
	}
	if (rc == WP_OK)
		rc = wp_report_merge(*plan, report, plan_path, d);
done:
	if (rc != WP_OK) {
		wp_programme_free(*plan);
		wp_profile_free(*plan_prof);
		*plan = NULL;
		*plan_prof = NULL;
	}
	wp_schema_free(own);
	wp_buf_free(&path);
	wp_free(buf);
	return rc;
}
