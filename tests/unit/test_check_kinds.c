/* test_check_kinds.c: the rules of the other kinds (joint work plan, dated
 * schedule, action points), each from a clean programme of that kind with
 * one thing broken, and the reader's part in them (extra month columns,
 * headings only). */
#include "testutil.h"

static wp_diags run_kind(const char *profile, const char *md)
{
	wp_diags d = {0};
	wp_profile *prof = test_profile_named(profile);
	wp_programme *p = NULL;
	assert_int_equal(wp_read_md(&p, md, strlen(md), "t.md", prof, &d), WP_OK);
	wp_check_opts o = {NULL, NULL, 0, 0, NULL};
	assert_int_equal(wp_check(p, prof, &o, &d), WP_OK);
	wp_programme_free(p);
	wp_profile_free(prof);
	return d;
}

/* rule fired n times, and nothing else did */
static void expect_kind(const char *profile, const char *md, const char *rule, size_t n)
{
	wp_diags d = run_kind(profile, md);
	if (test_count_rule(&d, rule) != n || d.n != n) {
		for (size_t i = 0; i < d.n; i++)
			fprintf(stderr, "  %u:%u %s [%s]\n", d.items[i].line, d.items[i].col, d.items[i].message, d.items[i].rule);
		fail_msg("%s: %zu findings of %zu, %zu expected", rule, test_count_rule(&d, rule), d.n, n);
	}
	wp_diags_clear(&d);
}

#define JWP_TOP "---\nperiod: 2019-2022\n---\n\n# Joint Work Plan\n\nIntro.\n\n"
#define AREA(n, t) "## " n ". " t "\n\nWhat the area is for.\n\n| No | Action | Time frame |\n|---|---|---|\n"
#define JWP_OK JWP_TOP AREA("1", "Joint events") "| 1.1 | Organize workshops | 2019-2022 |\n| 1.2 | Side events¹ | On going |\n" \
	"\n¹ At the plenaries.\n\n" AREA("2", "Sea containers") "| 2.1 | Raise awareness | 2020 |\n"

static void test_check_kinds__joint_plan_clean(void **state)
{
	(void)state;
	wp_diags d = run_kind("joint-work-plan", JWP_OK);
	for (size_t i = 0; i < d.n; i++)
		fprintf(stderr, "  %u:%u %s [%s]\n", d.items[i].line, d.items[i].col, d.items[i].message, d.items[i].rule);
	assert_int_equal(d.n, 0); /* the footnote in action 1.2 is the plan's own */
	wp_diags_clear(&d);
}

static void test_check_kinds__section_empty(void **state)
{
	(void)state;
	expect_kind("joint-work-plan", JWP_OK "\n## 3. Single Window\n\nNothing planned yet.\n", "section.empty", 1);
	expect_kind("action-points", "# AP\n\n## A\n\n| Action | Proposed time scale | Responsibility | Update/Feedback | "
		    "Notes/suggestions |\n|---|---|---|---|---|\n| a | 6 months | WCO | | |\n\n## B\n\nNo action yet.\n",
		    "section.empty", 1);
}

static void test_check_kinds__timeframe(void **state)
{
	(void)state;
	/* outside the period (2019-2022) */
	expect_kind("joint-work-plan", JWP_TOP AREA("1", "Events") "| 1.1 | Workshops | 2021-2023 |\n| 1.2 | More | 2018 |\n",
		    "timeframe.period", 2);
	/* not a time frame at all: a note */
	expect_kind("joint-work-plan", JWP_TOP AREA("1", "Events") "| 1.1 | Workshops | when possible |\n",
		    "timeframe.parse", 1);
	/* action points: durations, ongoing words and years are read; no period */
	expect_kind("action-points", "# AP\n\n## T\n\n| Action | Proposed time scale | Responsibility | Update/Feedback | Notes/suggestions |\n"
		    "|---|---|---|---|---|\n| a | 6 months | WCO | | |\n| b | On-going | WCO | | |\n| c | 2031 | WCO | | |\n"
		    "| d | next year | WCO | | |\n", "timeframe.parse", 1);
}

static void test_check_kinds__action_points_required_fields(void **state)
{
	(void)state;
	expect_kind("action-points", "# AP\n\n## T\n\n| Action | Proposed time scale | Responsibility | Update/Feedback | Notes/suggestions |\n"
		    "|---|---|---|---|---|\n| a | 6 months | | | |\n| | 3 months | WCO | | |\n", "table.mandatory", 2);
}

#define SCHED_HEAD "# Schedule\n\n## Work plan\n\n| No. | Task | Due by | Jan 2025 | Feb 2025 | Mar 2025 |\n|---|---|---|---|---|---|\n"

static void test_check_kinds__dates(void **state)
{
	(void)state;
	expect_kind("dated-schedule", SCHED_HEAD "| 1 | a | 20/01/2025 | Jan 20 | | |\n| 2 | b | 15/02/2025 | | Feb 15 | |\n",
		    "dates.invalid", 0);
	expect_kind("dated-schedule", SCHED_HEAD "| 1 | a | 31/02/2025 | | | |\n| 2 | b | 2025-03-01 | | | |\n"
		    "| 3 | c | 29/02/2025 | | | |\n", "dates.invalid", 3);
	expect_kind("dated-schedule", SCHED_HEAD "| 1 | a | xx/03/2025 | | | |\n| 2 | b | 1?/03/2025 | | | |\n",
		    "dates.placeholder", 2);
	expect_kind("dated-schedule", SCHED_HEAD "| 1 | a | 20/02/2025 | | | |\n| 2 | b | 15/01/2025 | | | |\n"
		    "| 3 | c | 16/01/2025 | | | |\n| 4 | d | 21/02/2025 | | | |\n", "dates.order", 2);
}

static void test_check_kinds__month_columns(void **state)
{
	(void)state;
	/* the reader keys them month.1, month.2, ... with the month role */
	wp_diags d = {0};
	wp_profile *prof = test_profile_named("dated-schedule");
	wp_programme *p = NULL;
	const char *md = SCHED_HEAD "| 1 | a | 20/01/2025 | Jan 20 | | |\n";
	assert_int_equal(wp_read_md(&p, md, strlen(md), "t.md", prof, &d), WP_OK);
	assert_int_equal(p->sections[0].ncolumns, 6);
	assert_string_equal(p->sections[0].columns[4].key, "month.2");
	assert_true(p->sections[0].columns[4].roles & WP_ROLE_MONTH);
	assert_true(p->sections[0].columns[2].roles & WP_ROLE_DATE);
	wp_programme_free(p);
	wp_profile_free(prof);
	wp_diags_clear(&d);
#define MONTHS(h) "# S\n\n## W\n\n| No. | Task | Due by | " h " |\n|---|---|---|---|---|\n| 1 | a | 20/01/2025 | | |\n"
	expect_kind("dated-schedule", MONTHS("Dec 2025 | Jan 2026"), "months.sequence", 0);
	expect_kind("dated-schedule", MONTHS("Jan 2025 | Mar 2025"), "months.sequence", 1);
	expect_kind("dated-schedule", MONTHS("7 July | 9 August"), "months.sequence", 1);
	expect_kind("dated-schedule", MONTHS("2025-01 | 2025-02"), "months.sequence", 0);
	expect_kind("dated-schedule", MONTHS("Jan 2025 | Later"), "months.sequence", 1);
}

#define OUTLINE(w, r, legend) "# S\n\n## Outline\n\n| No. | Topic | Writers | Peer reviewers |\n|---|---|---|---|\n" \
	"| 1. | Intro | " w " | " r " |\n\n" legend
static void test_check_kinds__legend(void **state)
{
	(void)state;
	expect_kind("dated-schedule", OUTLINE("WCO, BG", "DE 22/05", "*) BG : Bulgaria;\n\nDE : Germany.\n"),
		    "legend.undefined", 0);
	expect_kind("dated-schedule", OUTLINE("WCO, BG, XY", "FR 22/05", "*) BG : Bulgaria;\n\nDE : Germany.\n"),
		    "legend.undefined", 2);
}

static void test_check_kinds__footnote_marks_in_cells(void **state)
{
	(void)state;
	/* where the profile lets marks stand in cells, a cell's mark needs
	 * its footnote as a header's does; ¹ is then used by no one */
	const char *md = JWP_TOP AREA("1", "Joint events") "| 1.1 | Organize workshops | 2019-2022 |\n"
		"| 1.2 | Side events² | On going |\n\n¹ At the plenaries.\n";
	wp_diags d = run_kind("joint-work-plan", md);
	assert_int_equal(test_count_rule(&d, "footnote.undefined"), 1);
	const wp_diag *x = test_find_rule(&d, "footnote.undefined");
	assert_int_equal(x->line, 16); /* the row of action 1.2 */
	assert_non_null(strstr(x->message, "footnote 2"));
	assert_int_equal(test_count_rule(&d, "footnote.unused"), 1);
	wp_diags_clear(&d);
	/* a run of marks is one number: ¹² is footnote 12 */
	d = run_kind("joint-work-plan", JWP_TOP AREA("1", "Joint events") "| 1.1 | Workshops¹² | 2020 |\n\n¹ One.\n");
	assert_int_equal(test_count_rule(&d, "footnote.undefined"), 1);
	assert_non_null(strstr(test_find_rule(&d, "footnote.undefined")->message, "footnote 12"));
	wp_diags_clear(&d);
}

static void test_check_kinds__headings_only(void **state)
{
	(void)state;
	/* in a schedule, "I. Background" is text: sections start at headings */
	wp_diags d = {0};
	wp_profile *prof = test_profile_named("dated-schedule");
	wp_programme *p = NULL;
	const char *src = "# S\n\nI. Background\n\nThe committee met.\n\n## Work plan\n\n| No. | Task | Due by |\n|---|---|---|\n"
			  "| 1 | a | 20/01/2025 |\n";
	assert_int_equal(wp_read_md(&p, src, strlen(src), "t.md", prof, &d), WP_OK);
	assert_int_equal(p->nsections, 1);
	assert_string_equal(p->sections[0].title, "Work plan");
	wp_programme_free(p);
	wp_profile_free(prof);
	wp_diags_clear(&d);
}

/* Two areas with one numeral; a time frame naming no year of a plan. */
static void test_check_kinds__duplicates_and_years(void **state)
{
	(void)state;
	expect_kind("joint-work-plan", JWP_TOP AREA("1", "Events") "| 1.1 | Workshops | 2020 |\n\n" AREA("1", "Again")
			"| 1.1 | More | 2021 |\n", "section.duplicate", 1);
	expect_kind("joint-work-plan", JWP_TOP AREA("1", "Events") "| 1.1 | Workshops | 2020-2205 |\n", "timeframe.year", 1);
	expect_kind("joint-work-plan", JWP_TOP AREA("1", "Events") "| 1.1 | Workshops | 2020-2021 |\n| 1.2 | 1000 "
			"participants | 2021 |\n", "timeframe.year", 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_kinds__joint_plan_clean),
		cmocka_unit_test(test_check_kinds__section_empty),
		cmocka_unit_test(test_check_kinds__timeframe),
		cmocka_unit_test(test_check_kinds__action_points_required_fields),
		cmocka_unit_test(test_check_kinds__dates),
		cmocka_unit_test(test_check_kinds__month_columns),
		cmocka_unit_test(test_check_kinds__legend),
		cmocka_unit_test(test_check_kinds__duplicates_and_years),
		cmocka_unit_test(test_check_kinds__headings_only),
		cmocka_unit_test(test_check_kinds__footnote_marks_in_cells),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
