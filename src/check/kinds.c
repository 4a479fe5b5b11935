/* kinds.c: the rules of the other kinds of programme (joint work
 * plans, dated schedules, action points), each configured by its profile:
 * areas with no action, time frames, due dates, month columns, and the
 * codes of a legend. */
#include "check/rule.h"
#include "base/alloc.h"
#include "base/date.h"
#include "base/util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/***** section.empty *****/

void rule_section_empty(ck_ctx *c)
{
	if (!c->cfg)
		return;
	const char *what = wp_profile_param_str(c->cfg, "what", "activity");
	for (size_t k = 0; k < c->p->nsections; k++) {
		const wp_section *s = &c->p->sections[k];
		if (!ck_kind(c, s) || s->nactivities)
			continue;
		ck_report(c, s->pos, "%s%s%s'%s' has no %s", s->numeral ? "area " : "", s->numeral ? s->numeral : "",
			  s->numeral ? " " : "", s->title ? s->title : "(untitled)", what);
	}
}

/* Two sections (areas) with one numeral. */
void rule_section_duplicate(ck_ctx *c)
{
	for (size_t i = 0; i < c->p->nsections; i++)
		for (size_t j = 0; j < i && c->p->sections[i].numeral; j++)
			if (c->p->sections[j].numeral && !strcmp(c->p->sections[j].numeral, c->p->sections[i].numeral)) {
				ck_report(c, c->p->sections[i].pos, "section %s is numbered as the one at line %u",
					  c->p->sections[i].numeral, c->p->sections[j].pos.line);
				break;
			}
}

/***** time frames *****/

/* What a time frame says: years (y0..y1), an ongoing word, or a duration. */
typedef struct span {
	int y0, y1;
	int ongoing, duration;
} span;

static int span_parse(ck_ctx *c, const char *t, span *sp)
{
	size_t nongoing = 0;
	const char **ongoing = wp_profile_param_values(c->cfg, "ongoing", &nongoing);
	memset(sp, 0, sizeof *sp);
	for (size_t i = 0; i < nongoing; i++)
		if (ck_find_word(t, ongoing[i]))
			sp->ongoing = 1;
	/* every year named (1900-2099) */
	for (const char *p = t; *p; p++) {
		if (!isdigit((unsigned char)p[0]) || (p > t && isdigit((unsigned char)p[-1])))
			continue;
		size_t n = 0;
		while (isdigit((unsigned char)p[n]))
			n++;
		if (n == 4) {
			int y = atoi(p);
			if (y >= 1900 && y <= 2099) {
				if (!sp->y0 || y < sp->y0)
					sp->y0 = y;
				if (y > sp->y1)
					sp->y1 = y;
			}
		}
	}
	/* "6 months", "12 months (...)", "2 weeks", "1 year" */
	static const char *const units[] = {"day", "week", "month", "year", NULL};
	for (const char *p = t; *p && !sp->duration; p++) {
		if (!isdigit((unsigned char)*p) || (p > t && isdigit((unsigned char)p[-1])))
			continue;
		const char *q = p;
		while (isdigit((unsigned char)*q))
			q++;
		while (*q == ' ')
			q++;
		for (size_t u = 0; units[u]; u++)
			if (ck_ieqn(q, units[u], strlen(units[u])))
				sp->duration = 1;
	}
	return sp->ongoing || sp->y0 || sp->duration;
}

static void timeframe_read(ck_ctx *c, const wp_section *s, const wp_activity *a, const wp_field *f, const char *t,
			   void *data)
{
	span sp;
	(void)s, (void)a, (void)data;
	if (t && *t && !span_parse(c, t, &sp))
		ck_report_field(c, f, NULL,
				"'%s' is not a time frame wpgen reads (a year, years, a month and year, "
				"a duration, or the profile's word for ongoing)", t);
}

void rule_timeframe_parse(ck_ctx *c)
{
	ck_each_cell(c, "time_frame", timeframe_read, NULL);
}

static void timeframe_within(ck_ctx *c, const wp_section *s, const wp_activity *a, const wp_field *f, const char *t,
			     void *data)
{
	span sp;
	(void)s, (void)a, (void)data;
	if (!t || !span_parse(c, t, &sp) || !sp.y0)
		return;
	if (sp.y0 < c->p->period_start || sp.y1 > c->p->period_end)
		ck_report_field(c, f, NULL, "'%s' reaches outside the plan's period %d-%d", t, c->p->period_start,
				c->p->period_end);
}

/* Four digits that are no year of a plan, in a time frame that names
 * years ("2026-2205"): the year reading above passes them over. */
static void timeframe_bad_year(ck_ctx *c, const wp_section *s, const wp_activity *a, const wp_field *f, const char *t,
			       void *data)
{
	span sp;
	(void)s, (void)a, (void)data;
	if (!t || !span_parse(c, t, &sp) || !sp.y0)
		return;
	for (const char *p = t; *p; p++) {
		if (!isdigit((unsigned char)*p) || (p > t && isdigit((unsigned char)p[-1])))
			continue;
		size_t n = 0;
		while (isdigit((unsigned char)p[n]))
			n++;
		int y = n == 4 ? atoi(p) : 0;
		if (n == 4 && (y < 1900 || y > 2099)) {
			ck_report_field(c, f, NULL, "'%s' names %.4s, which is no year of a plan (1900-2099)", t, p);
			return;
		}
	}
}

void rule_timeframe_year(ck_ctx *c)
{
	ck_each_cell(c, "time_frame", timeframe_bad_year, NULL);
}

void rule_timeframe_period(ck_ctx *c)
{
	if (strcmp(wp_profile_param_str(c->cfg, "within", ""), "period") != 0)
		return;
	if (!c->p->period_start) {
		ck_idle(c, c->p->title_pos, "the plan's period is not known (front matter 'period:', as 2019-2022)");
		return;
	}
	ck_each_cell(c, "time_frame", timeframe_within, NULL);
}

/***** due dates *****/

/* dd/mm/yyyy: 1 and the day number (yyyymmdd) when valid, 0 when not a
 * date, -1 when a placeholder stands for part of it (xx/04/2023). */
static int date_parse(const char *t, long *ymd)
{
	wp_ymd d;
	int rc = wp_dmy_date(t, strlen(t), &d);
	if (rc == 1)
		*ymd = (long)d.y * 10000 + d.m * 100 + d.d;
	return rc;
}

static int date_column(ck_ctx *c, const wp_section *s)
{
	int col = ck_column(c, s, "due");
	return col >= 0 ? col : wp_section_role(s, WP_ROLE_DATE);
}

/* Reports each due date that date_parse judges as want (0: not a date,
 * -1: a placeholder), with what is wrong with it. */
static void report_dates(ck_ctx *c, int want, const char *what)
{
	if (!c->cfg)
		return;
	for (size_t k = 0; k < c->p->nsections; k++) {
		const wp_section *s = &c->p->sections[k];
		int col = date_column(c, s);
		for (size_t i = 0; col >= 0 && i < s->nactivities; i++) {
			const char *t = ck_cell(c, s, i, col);
			long ymd;
			if (t && *t && date_parse(t, &ymd) == want)
				ck_report_field(c, &s->activities[i].fields[col], NULL, "'%s' %s", t, what);
		}
	}
}

void rule_dates_invalid(ck_ctx *c)
{
	report_dates(c, 0, "is not a date of the form dd/mm/yyyy");
}

void rule_dates_placeholder(ck_ctx *c)
{
	report_dates(c, -1, "holds a placeholder, not a date: the day is still to be fixed");
}

void rule_dates_order(ck_ctx *c)
{
	if (!c->cfg)
		return;
	int ncol;
	for (size_t k = 0; k < c->p->nsections; k++) {
		const wp_section *s = &c->p->sections[k];
		int col = date_column(c, s);
		long last = 0;
		size_t last_i = 0;
		ncol = wp_section_role(s, WP_ROLE_NUMBER);
		for (size_t i = 0; col >= 0 && i < s->nactivities; i++) {
			const char *t = ck_cell(c, s, i, col);
			long ymd;
			if (!t || date_parse(t, &ymd) != 1)
				continue;
			if (last && ymd < last) {
				const char *me = ncol >= 0 ? ck_cell(c, s, i, ncol) : NULL;
				const char *prev = ncol >= 0 ? ck_cell(c, s, last_i, ncol) : NULL;
				ck_report_field(c, &s->activities[i].fields[col], NULL,
						"task %s is due %s, before task %s (due %02ld/%02ld/%ld) that precedes it",
						me && *me ? me : "?", t, prev && *prev ? prev : "?", last % 100, last / 100 % 100,
						last / 10000);
			}
			if (ymd >= last) {
				last = ymd;
				last_i = i;
			}
		}
	}
}

/***** month columns *****/


/* A month column's header: "Jan 2025", "January 2025", "2025-01", "7 July",
 * "July" or "7". *num: the column's own number or 0; *month: 1-12 or 0;
 * *year or 0. Returns 0 when it is none of these. */
static int month_parse(const char *h, int *num, int *month, int *year)
{
	*num = *month = *year = 0;
	int a, b;
	char end;
	if (sscanf(h, "%4d-%2d%c", &a, &b, &end) == 2 && a >= 1900 && b >= 1 && b <= 12) {
		*year = a;
		*month = b;
		return 1;
	}
	const char *p = h;
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		if (!*p)
			break;
		const char *w = p;
		while (*p && *p != ' ' && *p != ',')
			p++;
		size_t n = (size_t)(p - w);
		if (isdigit((unsigned char)*w)) {
			int v = atoi(w);
			for (size_t i = 0; i < n; i++)
				if (!isdigit((unsigned char)w[i]))
					return 0;
			if (n == 4 && v >= 1900)
				*year = v;
			else if (n <= 2 && !*num)
				*num = v;
			else
				return 0;
		} else {
			int m = wp_month_word(w, n);
			if (!m)
				return 0;
			*month = m;
		}
	}
	return *num || *month;
}

void rule_months_sequence(ck_ctx *c)
{
	if (!c->cfg)
		return;
	for (size_t k = 0; k < c->p->nsections; k++) {
		const wp_section *s = &c->p->sections[k];
		int pn = 0, pm = 0, py = 0;
		const char *ph = NULL;
		for (size_t i = 0; i < s->ncolumns; i++) {
			const wp_column *col = &s->columns[i];
			if (!(col->roles & WP_ROLE_MONTH))
				continue;
			int n, m, y;
			const char *h = col->header ? col->header : "";
			if (!month_parse(h, &n, &m, &y)) {
				ck_report(c, col->pos, "month column '%s' names no month (\"Jan 2025\", \"2025-01\", \"7 July\")", h);
				ph = NULL;
				continue;
			}
			if (ph) {
				if (n && pn && n != pn + 1)
					ck_report(c, col->pos, "month column '%s' follows '%s': its number %s %d", h, ph,
						  n > pn + 1 ? "skips to" : "goes back to", n);
				else if (m && pm) {
					int want = pm % 12 + 1, wy = py ? py + (pm == 12) : 0;
					if (m != want || (y && wy && y != wy)) {
						wp_buf exp = {0};
						wp_buf_printf(&exp, "%c%s", toupper((unsigned char)wp_month_name(want)[0]),
							      wp_month_name(want) + 1);
						if (wy)
							wp_buf_printf(&exp, " %d", wy);
						if (exp.oom)
							c->d->oom = 1;
						else
							ck_report(c, col->pos, "month column '%s' follows '%s': %s is expected", h, ph, exp.data);
						wp_buf_free(&exp);
					}
				}
			}
			ph = h, pn = n, pm = m, py = y ? y : (py && m == 1 && pm == 12 ? py + 1 : py);
		}
	}
}

/***** legend codes *****/

/* The codes a legend defines: lines "CODE : Name" (an optional "*)"
 * first) in the text of any section and the preamble. */
static int legend_has(const wp_programme *p, const char *code, size_t n)
{
	const wp_field *fs[64];
	size_t nf = 0;
	fs[nf++] = &p->preamble;
	for (size_t k = 0; k < p->nsections && nf + 2 <= 64; k++) {
		fs[nf++] = &p->sections[k].intro;
		fs[nf++] = &p->sections[k].notes;
	}
	for (size_t f = 0; f < nf; f++) {
		char *t = wp_field_text(fs[f]);
		if (!t)
			continue;
		int found = 0;
		for (char *line = t; line && *line && !found;) {
			char *nl = strchr(line, '\n');
			if (nl)
				*nl = '\0';
			char *q = line;
			while (*q == ' ' || *q == '*' || *q == ')' || *q == '-')
				q++;
			size_t len = 0;
			while (isupper((unsigned char)q[len]))
				len++;
			char *r = q + len;
			while (*r == ' ')
				r++;
			if (len == n && !strncmp(q, code, n) && *r == ':')
				found = 1;
			line = nl ? nl + 1 : NULL;
		}
		free(t);
		if (found)
			return 1;
	}
	return 0;
}

void rule_legend_undefined(ck_ctx *c)
{
	if (!c->cfg)
		return;
	size_t ncols = 0, nknown = 0;
	const char **cols = wp_profile_param_values(c->cfg, "columns", &ncols);
	const char **known = wp_profile_param_values(c->cfg, "known", &nknown);
	for (size_t k = 0; k < c->p->nsections; k++) {
		const wp_section *s = &c->p->sections[k];
		for (size_t j = 0; j < ncols; j++) {
			int col = wp_section_column(s, cols[j]);
			for (size_t i = 0; col >= 0 && i < s->nactivities; i++) {
				const char *t = ck_cell(c, s, i, col);
				for (const char *p = t ? t : ""; *p;) {
					if (!isupper((unsigned char)*p) || (p > t && isalnum((unsigned char)p[-1]))) {
						p++;
						continue;
					}
					size_t n = 0;
					while (isupper((unsigned char)p[n]))
						n++;
					int word = !isalnum((unsigned char)p[n]) && n >= 2 && n <= 6;
					int ok = !word || legend_has(c->p, p, n);
					for (size_t q = 0; !ok && q < nknown; q++)
						ok = strlen(known[q]) == n && !strncmp(known[q], p, n);
					if (!ok)
						ck_report_field(c, &s->activities[i].fields[col], NULL,
								"'%.*s' in %s is not a code of the legend (a line 'CODE : Name' "
								"under the table)", (int)n, p, s->columns[col].header);
					p += n;
				}
			}
		}
	}
}
