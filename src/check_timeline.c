/* check_timeline.c: timelines against the programme's period and, with
 * --as-of, overdue activities. A timeline is free text ("Spring 2023,
 * 2024 and 2025 (PTC) June 2025 (Council)"); what is read of it is every
 * year, with the month or season written before it. */
#include "check_impl.h"
#include "util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct ymd {
	int y, m, d;
} ymd;

static const char *const months[] = {"january", "february", "march", "april", "may", "june", "july",
				     "august", "september", "october", "november", "december"};
static const int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

/* The last day that a word before a year names: a month, or a season. */
static int period_end(const char *w, size_t n, int *m)
{
	for (int i = 0; i < 12; i++)
		if ((n == strlen(months[i]) || (n == 3 && i != 4)) && strncasecmp(w, months[i], n) == 0 && n >= 3) {
			*m = i + 1;
			return 1;
		}
	static const struct { const char *name; int month; } seasons[] = {
		{"spring", 5}, {"summer", 8}, {"autumn", 11}, {"fall", 11}, {"winter", 2},
	};
	for (size_t i = 0; i < sizeof seasons / sizeof seasons[0]; i++)
		if (n == strlen(seasons[i].name) && strncasecmp(w, seasons[i].name, n) == 0) {
			*m = seasons[i].month;
			return 1;
		}
	return 0;
}

/* Calls fn for each year in t with the end of the period it names. */
static int each_date(const char *t, void (*fn)(ymd, void *), void *data)
{
	int found = 0;
	for (const char *p = t; *p; p++) {
		if (!(isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]) &&
		      isdigit((unsigned char)p[3])) ||
		    (p > t && isalnum((unsigned char)p[-1])) || isalnum((unsigned char)p[4]))
			continue;
		ymd d = {atoi(p), 12, 31};
		if (d.y < 1900 || d.y > 2199)
			continue;
		/* the word before it, through "/" ("Spring/Autumn 2023": Autumn) */
		const char *e = p;
		while (e > t && (e[-1] == ' ' || e[-1] == '-'))
			e--;
		const char *s = e;
		while (s > t && isalpha((unsigned char)s[-1]))
			s--;
		int m;
		if (e > s && period_end(s, (size_t)(e - s), &m)) {
			d.m = m;
			d.d = month_days[m - 1];
		}
		fn(d, data);
		found = 1;
		p += 3;
	}
	return found;
}

typedef struct span_run {
	ck_ctx *c;
	const wp_field *f;
	ymd latest;
	int outside, reported;
} span_run;

static void period_check(ymd d, void *data)
{
	span_run *r = data;
	const wp_programme *p = r->c->p;
	if (!r->reported && (d.y < p->period_start || d.y > p->period_end)) {
		ck_report_field(r->c, r->f, NULL, "timeline names %d, outside the programme's period %d-%d", d.y,
				p->period_start, p->period_end);
		r->reported = 1;
	}
}

static void latest(ymd d, void *data)
{
	span_run *r = data;
	if (d.y > r->latest.y || (d.y == r->latest.y && d.m > r->latest.m))
		r->latest = d;
}

void rule_timeline_period(ck_ctx *c)
{
	if (!c->cfg || !c->p->period_start)
		return;
	for (size_t k = 0; k < c->p->nsections; k++) {
		const wp_section *s = &c->p->sections[k];
		int col = ck_column(c, s, "timeline");
		for (size_t i = 0; col >= 0 && i < s->nactivities; i++) {
			span_run r = {c, &s->activities[i].fields[col], {0, 0, 0}, 0, 0};
			each_date(ck_cell(c, s, i, col), period_check, &r);
		}
	}
}

/* Whether activity a (of s) is overdue at as_of, by the profile's
 * timeline.overdue settings: the latest date its timeline names is
 * before as_of, and its progress does not say it is done. *end gets that
 * date, *kw the progress keyword (or NULL). 0 when the profile does not
 * configure the rule, or the timeline names no date. */
static int overdue(const wp_profile *prof, const wp_profile_rule *cfg, const wp_section *s, const char *t,
		   const char *pt, const char *as_of, ymd *end, const char **kw)
{
	ymd asof;
	size_t ndone;
	const char **done = wp_profile_param_values(cfg, "done", &ndone);
	*kw = NULL;
	(void)s;
	if (!cfg || !as_of || sscanf(as_of, "%d-%d-%d", &asof.y, &asof.m, &asof.d) != 3 || !t)
		return 0;
	const wp_profile_colour *colour;
	*kw = pt ? ck_progress_keyword(prof, pt, &colour) : NULL;
	for (size_t j = 0; *kw && j < ndone; j++)
		if (done[j] && ck_ieq(*kw, done[j]))
			return 0;
	span_run r = {NULL, NULL, {0, 0, 0}, 0, 0};
	if (!each_date(t, latest, &r))
		return 0;
	*end = r.latest;
	return r.latest.y < asof.y ||
	       (r.latest.y == asof.y && (r.latest.m < asof.m || (r.latest.m == asof.m && r.latest.d < asof.d)));
}

int wp_activity_overdue(const wp_profile *prof, const wp_section *s, const wp_activity *a, const char *as_of,
			char end[11])
{
	const wp_profile_rule *cfg = wp_profile_rule_find(prof, "timeline.overdue");
	int col = wp_section_column(s, wp_profile_param_str(cfg, "column", "timeline"));
	int pcol = wp_section_column(s, wp_profile_param_str(cfg, "progress", "progress"));
	if (!cfg || col < 0)
		return 0;
	char *t = ck_text(&a->fields[col]), *pt = pcol >= 0 ? ck_text(&a->fields[pcol]) : NULL;
	if (!t || (pcol >= 0 && !pt)) {
		free(t);
		free(pt);
		return -1;
	}
	ymd e = {0, 0, 0};
	const char *kw;
	int late = overdue(prof, cfg, s, t, pt, as_of, &e, &kw);
	if (late && end)
		snprintf(end, 11, "%04u-%02u-%02u", (unsigned)e.y % 10000u, (unsigned)e.m % 100u, (unsigned)e.d % 100u);
	free(t);
	free(pt);
	return late;
}

void rule_timeline_overdue(ck_ctx *c)
{
	if (!c->cfg || !c->o->as_of)
		return;
	for (size_t k = 0; k < c->p->nsections; k++) {
		const wp_section *s = &c->p->sections[k];
		int col = ck_column(c, s, "timeline");
		int pcol = wp_section_column(s, wp_profile_param_str(c->cfg, "progress", "progress"));
		for (size_t i = 0; col >= 0 && i < s->nactivities; i++) {
			ymd e;
			const char *kw;
			if (overdue(c->prof, c->cfg, s, ck_cell(c, s, i, col), pcol >= 0 ? ck_cell(c, s, i, pcol) : NULL,
				    c->o->as_of, &e, &kw))
				ck_report_field(c, &s->activities[i].fields[col], NULL,
						"the timeline ended by %04d-%02d-%02d and the activity is %s at %s", e.y, e.m,
						e.d, kw ? kw : "not marked completed", c->o->as_of);
		}
	}
}
