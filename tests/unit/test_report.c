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
	assert_int_equal(wp_write_xml(&xml, &len, plan, pp, WP_XML_SOURCE, NULL), WP_OK);
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

/* A plan of its own for the mapping cases: a title and preamble (the
 * plan's own vocabulary), areas with descriptions and actions. */
#define PLAN2 "---\nperiod: 2025-2028\n---\n\n# Joint Plan between the Seed Office and the Border Forum\n\n" \
	"The Memorandum signed in 2024 asks for a joint plan every three years.\n\n" \
	"## 1. Joint events\n\n| No | Action | Time frame |\n|---|---|---|\n" \
	"| 1.1 | Hold workshops for laboratories and Customs | 2025 |\n| 1.2 | Attend the meetings of each other's governing bodies | Ongoing |\n\n" \
	"## 2. Outreach\n\n| No | Action | Time frame |\n|---|---|---|\n" \
	"| 2.1 | Celebrate the World Day of Seed Diversity with a poster campaign in 2026 | 2026 |\n" \
	"| 2.2 | Keep a shared webpage | 2025-2028 |\n\n" \
	"## 3. Sea Containers\n\n| No | Action | Time frame |\n|---|---|---|\n| 3.1 | Check container cleanliness data | 2026 |\n\n" \
	"## 4. Single Window\n\n| No | Action | Time frame |\n|---|---|---|\n| 4.1 | Map seed certificates to the window | 2027 |\n"

typedef struct pair {
	wp_profile *pp, *rp;
	wp_programme *plan, *rep;
	wp_diags d;
} pair;

static void pair_merge(pair *x, const char *plan_md, const char *report_md)
{
	memset(x, 0, sizeof *x);
	x->plan = read_kind("joint-work-plan", plan_md, "plan.md", &x->pp, &x->d);
	x->rep = read_kind("progress-report", report_md, "report.md", &x->rp, &x->d);
	assert_int_equal(x->d.n, 0);
	assert_int_equal(wp_report_merge(x->plan, x->rep, "plan.md", &x->d), WP_OK);
}

static void pair_free(pair *x)
{
	wp_programme_free(x->plan);
	wp_programme_free(x->rep);
	wp_profile_free(x->pp);
	wp_profile_free(x->rp);
	wp_diags_clear(&x->d);
}

/* The first paragraph of a field: a report section's heading. */
static void assert_first_para(const wp_field *f, const char *want)
{
	assert_true(f->nparas > 0);
	wp_field one = *f;
	one.nparas = 1;
	char *t = wp_field_text(&one);
	assert_string_equal(t, want);
	free(t);
}

/* A heading in the words of an area's action, not of its title. */
static void test_report__a_heading_names_the_area_of_the_action_it_speaks_of(void **state)
{
	(void)state;
	pair x;
	pair_merge(&x, PLAN2, "# R\n\n## World Day of Seed Diversity 2026\n\nPosters went to forty offices.\n");
	assert_true(x.plan->sections[1].reported);
	assert_first_para(&x.plan->sections[1].report, "World Day of Seed Diversity 2026");
	assert_int_equal(test_count_rule(&x.d, "report.unknown-area"), 0);
	pair_free(&x);
}

/* Sections before the first area that speak of the plan as a whole are
 * the report's introduction; such a section later names no area. */
static void test_report__introductions_follow_the_preamble(void **state)
{
	(void)state;
	pair x;
	pair_merge(&x, PLAN2, "# R\n\nWhat the report is.\n\n## Memorandum\n\nSigned in 2024.\n\n## The Joint Plan\n\n"
			      "It has four areas.\n\n## Sea containers\n\nThe data was checked.\n\n## Background\n\nMore.\n");
	char *t = wp_field_text(&x.plan->preamble);
	assert_string_equal(t, "What the report is.\n\nMemorandum\n\nSigned in 2024.\n\nThe Joint Plan\n\nIt has four areas.");
	free(t);
	/* "joint" is in area 1's title, but it is the plan's own word */
	assert_false(x.plan->sections[0].reported);
	assert_true(x.plan->sections[2].reported);
	assert_int_equal(test_count_rule(&x.d, "report.unknown-area"), 1);
	assert_non_null(strstr(test_find_rule(&x.d, "report.unknown-area")->message, "'Background'"));
	/* the report's preamble is the report's still: nothing was written into it */
	assert_int_equal(x.rep->preamble.nparas, 1);
	pair_free(&x);
}

/* An action's number in a heading names its area; one in the text covers
 * its area too, whose report says where. */
static void test_report__action_numbers_name_and_cover_areas(void **state)
{
	(void)state;
	pair x;
	pair_merge(&x, PLAN2, "# R\n\n## 2.2 Online presence\n\nIt is up.\n\n## Sea containers\n\n"
			      "The data was checked; the certificates of action 4.1 follow.\n");
	assert_true(x.plan->sections[1].reported);
	assert_first_para(&x.plan->sections[1].report, "2.2 Online presence"); /* by its number alone */
	assert_true(x.plan->sections[2].reported);
	assert_true(x.plan->sections[3].reported); /* named as action 4.1 */
	char *t = wp_field_text(&x.plan->sections[3].report);
	assert_string_equal(t, "Action 4.1 is reported in the report's section 'Sea containers'.");
	free(t);
	/* area 1 alone is not covered */
	assert_int_equal(test_count_rule(&x.d, "report.uncovered"), 1);
	assert_non_null(strstr(test_find_rule(&x.d, "report.uncovered")->message, "area 1 "));
	pair_free(&x);
}

/* A section whose heading names nothing, but whose text names an action. */
static void test_report__the_text_names_the_area_when_the_heading_does_not(void **state)
{
	(void)state;
	pair x;
	pair_merge(&x, PLAN2, "# R\n\n## Sea containers\n\nChecked.\n\n## Miscellaneous\n\nAs actions 1.1 and 1.2 foresee, "
			      "two workshops were held.\n");
	assert_true(x.plan->sections[0].reported);
	assert_first_para(&x.plan->sections[0].report, "Miscellaneous");
	assert_int_equal(test_count_rule(&x.d, "report.unknown-area"), 0);
	pair_free(&x);
}

/* The report's own section numbers stay in its headings. */
static void test_report__the_reports_numbers_are_kept(void **state)
{
	(void)state;
	pair x;
	pair_merge(&x, PLAN2, "# R\n\n## 7. Sea containers\n\nChecked.\n\n## 8. Single window\n\nMapped.\n");
	assert_first_para(&x.plan->sections[2].report, "7. Sea containers");
	assert_first_para(&x.plan->sections[3].report, "8. Single window");
	pair_free(&x);
}

/* Two areas that a heading's words fit as well: neither, and it says so;
 * one word of an action is not enough to name its area. */
static void test_report__a_tie_or_one_word_names_no_area(void **state)
{
	(void)state;
	pair x;
	/* "workshops", "laboratories" in action 1.1; "webpage", "shared" in 2.2 */
	pair_merge(&x, PLAN2, "# R\n\n## Sea containers\n\nChecked.\n\n## Shared webpage and laboratories workshops\n\n"
			      "Both.\n\n## Laboratories, laboratories\n\nVisited.\n\n## Shared webpage\n\nOnline.\n"); /* a word counts once */
	assert_false(x.plan->sections[0].reported);
	assert_true(x.plan->sections[1].reported); /* by "shared webpage", its two words */
	assert_first_para(&x.plan->sections[1].report, "Shared webpage");
	assert_int_equal(test_count_rule(&x.d, "report.unknown-area"), 2);
	assert_non_null(strstr(x.d.items[0].message, "'Shared webpage and laboratories workshops'"));
	assert_non_null(strstr(x.d.items[1].message, "'Laboratories, laboratories'"));
	pair_free(&x);
}

/* The real pair: the joint work plan and the overview that reports on it,
 * both imported from their exports in ../shared/seeds. */
static char *import_seed(const char *file, const char *kind, size_t *mlen)
{
	char path[512], *buf = NULL, *md = NULL;
	size_t len;
	wp_import_stats st;
	wp_diags d = {0};
	snprintf(path, sizeof path, "%s/%s", seeds_dir(), file);
	if (wp_read_file(&buf, &len, path) != WP_OK) {
		printf("SKIPPED: %s is absent; the report conformance test did not run\n", path);
		return NULL;
	}
	assert_int_equal(wp_import(&md, mlen, kind, buf, len, file, NULL, 0, &st, &d), WP_OK);
	free(buf);
	wp_diags_clear(&d);
	return md;
}

static void test_report__seed_pair_maps_as_its_reader_would(void **state)
{
	(void)state;
	size_t plen, rlen;
	char *plan_md = import_seed("wco-ippc-joint-work-plan.txt", "joint-work-plan", &plen);
	char *rep_md = plan_md ? import_seed("wco-ippc-collaboration-overview.txt", "progress-report", &rlen) : NULL;
	if (!rep_md) {
		free(plan_md);
		skip();
	}
	pair x;
	pair_merge(&x, plan_md, rep_md);
	assert_int_equal(x.rep->nsections, 8);
	assert_int_equal(x.plan->nsections, 7);
	/* Where each of the report's sections goes, by its place in the
	 * report (the seed's words stay in the seed): the agreement and the
	 * plan (1, 2) are the introduction; containers (3) go to area 5,
	 * ePhyto (4) to area 4, e-commerce (5) to area 3, the year of plant
	 * health (6) to area 2, whose action 2.1 it is; the IPPC at WCO
	 * meetings (8) to area 1 (action 1.4). The WCO at the CPM (7) names
	 * no area: "participation" is in actions of areas 1 and 7, and "CPM"
	 * is the plan's own word. */
	static const long want[] = {-2, -2, 4, 3, 2, 1, -1, 0};
	char *pre = wp_field_text(&x.plan->preamble), *other = wp_field_text(&x.plan->report);
	for (size_t r = 0; r < 8; r++) {
		const wp_section *rs = &x.rep->sections[r];
		char heading[256];
		snprintf(heading, sizeof heading, "%s. %s", rs->numeral, rs->title); /* the report's own numbers */
		assert_int_equal(strtol(rs->numeral, NULL, 10), (long)r + 1);
		if (want[r] == -2) {
			char *at = strstr(pre, heading);
			assert_non_null(at);
			assert_true(at > pre && at[-1] == '\n');
		} else if (want[r] == -1) {
			assert_non_null(strstr(other, heading));
			assert_int_equal(test_find_rule(&x.d, "report.unknown-area")->line, rs->pos.line);
		} else {
			assert_true(x.plan->sections[want[r]].reported);
			assert_first_para(&x.plan->sections[want[r]].report, heading);
		}
	}
	free(pre);
	free(other);
	assert_int_equal(test_count_rule(&x.d, "report.unknown-area"), 1);
	/* single window and time release study are named in the report only
	 * in its list of the plan's areas: not covered, rightly */
	assert_int_equal(test_count_rule(&x.d, "report.uncovered"), 2);
	assert_false(x.plan->sections[5].reported);
	assert_false(x.plan->sections[6].reported);
	pair_free(&x);
	free(plan_md);
	free(rep_md);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report__sections_go_to_the_areas_they_name),
		cmocka_unit_test(test_report__a_word_two_areas_share_names_neither),
		cmocka_unit_test(test_report__plan_path),
		cmocka_unit_test(test_report__a_heading_names_the_area_of_the_action_it_speaks_of),
		cmocka_unit_test(test_report__introductions_follow_the_preamble),
		cmocka_unit_test(test_report__action_numbers_name_and_cover_areas),
		cmocka_unit_test(test_report__the_text_names_the_area_when_the_heading_does_not),
		cmocka_unit_test(test_report__the_reports_numbers_are_kept),
		cmocka_unit_test(test_report__a_tie_or_one_word_names_no_area),
		cmocka_unit_test(test_report__seed_pair_maps_as_its_reader_would),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
