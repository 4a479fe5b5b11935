/* test_report.c: a progress report read with its plan. */
#include "testutil.h"


static wp_programme *read_kind(const char *profile, const char *md, const char *name, wp_profile **prof, wp_diags *d)
{
	char path[128];
	wp_programme *p = NULL;
	snprintf(path, sizeof path, "profiles/%s.yaml", profile);
	assert_int_equal(wp_profile_load(prof, path, d), WP_OK);
	assert_int_equal(wp_read_md(&p, md, strlen(md), name, *prof, d), WP_OK);
	return p;
}

#define PLAN "---\nperiod: 2019-2022\n---\n\n# Plan\n\n" \
	"## 1. Joint events\n\n| No | Action | Time frame |\n|---|---|---|\n| 1.1 | Workshops | 2020 |\n\n" \
	"## 2. Cooperation on Electronic Data Exchange (ePhyto)\n\n| No | Action | Time frame |\n|---|---|---|\n| 2.1 | Align | 2021 |\n\n" \
	"## 3. Sea Containers\n\n| No | Action | Time frame |\n|---|---|---|\n| 3.1 | Raise awareness | 2020 |\n\n" \
	"## 4. Single Window\n\n| No | Action | Time frame |\n|---|---|---|\n| 4.1 | Explore | 2020 |\n"
#define REPORT "---\nplan: plan.md\nsession: Board 2021\n---\n\n# Report on the plan\n\nIntro of the report.\n\n" \
	"## Area 1: what happened at events\n\nA workshop was held.\n\nAnother one is planned.\n\n" \
	"## IPPC ePhyto Project\n\nThe data model is aligned.\n\n" \
	"## Sea containers\n\nA task force met.\n\n" \
	"## Participation in meetings\n\nWe went to meetings.\n"

static void test_report__sections_go_to_the_areas_they_name(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_profile *pp = NULL, *rp = NULL;
	wp_programme *plan = read_kind("joint-work-plan", PLAN, "plan.md", &pp, &d);
	wp_programme *rep = read_kind("progress-report", REPORT, "report.md", &rp, &d);
	assert_int_equal(d.n, 0);
	assert_string_equal(rep->plan, "plan.md");
	assert_int_equal(rep->nsections, 4);
	assert_int_equal(wp_report_merge(plan, rep, "plan.md", &d), WP_OK);
	/* Area 1 by number, ePhyto and containers by a word only their area's title has */
	assert_true(plan->sections[0].reported);
	assert_int_equal(plan->sections[0].report.nparas, 3); /* the heading, then two paragraphs */
	assert_true(plan->sections[1].reported);
	assert_true(plan->sections[2].reported);
	char *t = wp_field_text(&plan->sections[2].report);
	assert_string_equal(t, "Sea containers\n\nA task force met.");
	free(t);
	/* area 4 is not covered; the last section names no area */
	assert_false(plan->sections[3].reported);
	assert_int_equal(test_count_rule(&d, "report.uncovered"), 1);
	assert_int_equal(test_find_rule(&d, "report.uncovered")->line, 25); /* "## 4. Single Window" */
	assert_string_equal(test_find_rule(&d, "report.uncovered")->file, "plan.md");
	assert_int_equal(test_count_rule(&d, "report.unknown-area"), 1);
	assert_string_equal(test_find_rule(&d, "report.unknown-area")->file, "report.md");
	/* whose text is not dropped: it is the plan's own report */
	assert_int_equal(plan->report.nparas, 2);
	t = wp_field_text(&plan->report);
	assert_string_equal(t, "Participation in meetings\n\nWe went to meetings.");
	free(t);
	/* the annex is the report's */
	assert_string_equal(plan->title, "Report on the plan");
	assert_string_equal(plan->session, "Board 2021");
	assert_string_equal(plan->plan, "plan.md");
	/* and its XML carries each area's report */
	char *xml = NULL;
	size_t len;
	assert_int_equal(wp_write_xml(&xml, &len, plan, pp, WP_XML_SOURCE), WP_OK);
	assert_non_null(strstr(xml, "<report>"));
	assert_non_null(strstr(xml, "<plan>plan.md</plan>"));
	/* the programme's own report follows the last section */
	const char *own = strstr(xml, "</section>\n  <report>");
	assert_non_null(own);
	assert_non_null(strstr(own, "We went to meetings."));
	free(xml);
	wp_programme_free(plan);
	wp_programme_free(rep);
	wp_profile_free(pp);
	wp_profile_free(rp);
	wp_diags_clear(&d);
}

static void test_report__a_word_two_areas_share_names_neither(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_profile *pp = NULL, *rp = NULL;
	wp_programme *plan = read_kind("joint-work-plan",
				       "# P\n\n## 1. Seed events\n\n| No | Action | Time frame |\n|---|---|---|\n| 1.1 | a | 2020 |\n\n"
				       "## 2. Seed certificates\n\n| No | Action | Time frame |\n|---|---|---|\n| 2.1 | b | 2020 |\n",
				       "plan.md", &pp, &d);
	wp_programme *rep = read_kind("progress-report", "# R\n\n## Seed work\n\nDone.\n\n## Certificates\n\nDone too.\n",
				      "report.md", &rp, &d);
	assert_int_equal(wp_report_merge(plan, rep, "plan.md", &d), WP_OK);
	assert_false(plan->sections[0].reported); /* "seed" is in both titles */
	assert_true(plan->sections[1].reported);
	assert_int_equal(test_count_rule(&d, "report.unknown-area"), 1);
	assert_int_equal(test_count_rule(&d, "report.uncovered"), 1);
	wp_programme_free(plan);
	wp_programme_free(rep);
	wp_profile_free(pp);
	wp_profile_free(rp);
	wp_diags_clear(&d);
}

static void test_report__plan_path(void **state)
{
	(void)state;
	char *p = wp_plan_path("reports/2021/report.md", "plan.md");
	assert_string_equal(p, "reports/2021/plan.md");
	free(p);
	p = wp_plan_path("report.md", "../plans/plan.md");
	assert_string_equal(p, "../plans/plan.md");
	free(p);
	p = wp_plan_path("reports/report.md", "/srv/plan.xml");
	assert_string_equal(p, "/srv/plan.xml");
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report__sections_go_to_the_areas_they_name),
		cmocka_unit_test(test_report__a_word_two_areas_share_names_neither),
		cmocka_unit_test(test_report__plan_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
