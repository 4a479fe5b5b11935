/* report.h: a progress report read together with the plan it reports on. */
#ifndef WPGEN_REPORT_H
#define WPGEN_REPORT_H

#include "wpgen/export.h"

#include "wpgen/diag.h"
#include "wpgen/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A progress report read together with its plan: each report section's
 * text goes to the area it names (by "Area N" or an action's number in its
 * heading, by the words of the area's title or actions, or by the actions
 * its text names; see report.c) as the area's report, under the section's
 * own heading and number; sections before the first area that speak of
 * the plan as a whole follow the report's preamble. The report's title,
 * preamble and metadata become the plan's. Areas no section covers
 * (report.uncovered, at plan_name) and sections that name no area
 * (report.unknown-area) go to d; the text of those is kept too, as the
 * plan's own report (p->report), so that the annex drops nothing. The
 * plan shares the report's memory: free the report after the plan.
 * Returns WP_OK or WP_ENOMEM. */
WP_API int wp_report_merge(wp_programme *plan, const wp_programme *report, const char *plan_name, wp_diags *d);

/* Where the report at report_path finds the plan its metadata names
 * (relative to the report's folder unless absolute); malloc'd (free()),
 * NULL when out of memory. */
WP_API char *wp_plan_path(const char *report_path, const char *plan);

#ifdef __cplusplus
}
#endif

#endif
