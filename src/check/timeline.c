/* timeline.c: timelines against the programme's period and, with
 * --as-of, overdue activities. A timeline is free text ("Spring 2023,
 * 2024 and 2025 (PTC) June 2025 (Council)"); what is read of it is every
 * year, with the month or season written before it (date.h). Whether an
 * activity is overdue is a fact (facts.c): the rule says so. */
#include "check/rule.h"
#include "base/date.h"
#include "base/util.h"

typedef struct span_run {
	ck_ctx *c;
	const wp_field *f;
	int reported;
} span_run;

static void period_check(wp_ymd d, void *data)
{
	span_run *r = data;
	const wp_programme *p = r->c->p;
	if (!r->reported && (d.y < p->period_start || d.y > p->period_end)) {
		ck_report_field(r->c, r->f, NULL, "timeline names %d, outside the programme's period %d-%d", d.y,
				p->period_start, p->period_end);
		r->reported = 1;
	}
}

void rule_timeline_period(ck_ctx *c)
{
	if (!c->cfg)
		return;
	if (!c->p->period_start) {
		ck_idle(c, c->p->title_pos, "the programme's period is not known (not in its title, as 2022-2025, nor in "
			"front matter 'period:')");
		return;
	}
	for (size_t k = 0; k < c->p->nsections; k++) {
		const wp_section *s = &c->p->sections[k];
		int col = ck_column(c, s, "timeline");
		for (size_t i = 0; col >= 0 && i < s->nactivities; i++) {
			span_run r = {c, &s->activities[i].fields[col], 0};
			wp_text_years(ck_cell(c, s, i, col), period_check, &r);
		}
	}
}

void rule_timeline_overdue(ck_ctx *c)
{
	if (!c->cfg || !c->facts->as_of)
		return;
	for (size_t k = 0; k < c->p->nsections; k++) {
		const wp_section *s = &c->p->sections[k];
		int col = c->facts->sections[k].timeline_col;
		for (size_t i = 0; col >= 0 && i < s->nactivities; i++) {
			const wp_row_facts *rf = ck_row(c, s, i);
			if (rf->overdue)
				ck_report_field(c, &s->activities[i].fields[col], NULL,
						"the timeline ended by %s and the activity is %s at %s", rf->ended,
						rf->keyword ? rf->keyword : "not marked completed", c->facts->as_of);
		}
	}
}
