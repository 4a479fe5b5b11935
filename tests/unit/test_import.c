/* test_import.c: word-processor exports turned into Markdown sources, on
 * small exports written here and, as conformance, on the real exports in
 * ../shared/seeds (skipped, saying so, when they are absent). */
#include "testutil.h"

/* Imports buf as kind, reads the result back and checks it. */
static wp_programme *import_read(const char *k, const char *buf, size_t len, wp_import_stats *st, wp_diags *d,
				 char **md)
{
	size_t mlen;
	assert_int_equal(wp_import(md, &mlen, k, buf, len, "export.txt", NULL, 0, st, d), WP_OK);
	wp_profile *prof = test_profile_named(k);
	wp_programme *p = NULL;
	assert_int_equal(wp_read_md(&p, *md, mlen, "imported.md", prof, d), WP_OK);
	wp_check_opts o = {NULL, NULL, 0, 0};
	assert_int_equal(wp_check(p, prof, &o, d), WP_OK);
	wp_profile_free(prof);
	return p;
}

#define JOINT "Joint Work Plan between the Secretariats of\nOne Office and Another Forum\nAgreed on 2024-01-10\n\n" \
	"The plan covers three years, July 2024 \xE2\x80\x93 June 2027.\n\n" \
	"\t1. Joint events\nThe Secretariats hold events together.\n\n\tNo\n\tAction\n\tTime frame\n\n" \
	"\t1.1\n\tOrganize a workshop | with both\n\t2024-2025\n\n" \
	"\t1.2\n\tJoin the plenary[footnoteRef:1] as observers. [1:  The yearly plenary. ]\n\n\tOn going\n\n" \
	"\t2. Data exchange\n\n\tNo\n\tAction\n\tTime frame\n\n\t2.1\n\tMap the certificate\n\t2026\n"

static void test_import__joint_work_plan(void **state)
{
	(void)state;
	wp_import_stats st;
	wp_diags d = {0};
	char *md = NULL;
	wp_programme *p = import_read("joint-work-plan", JOINT, strlen(JOINT), &st, &d, &md);
	assert_int_equal(st.sections, 2);
	assert_int_equal(st.rows, 3);
	assert_int_equal(p->nsections, 2);
	assert_int_equal(p->sections[0].nactivities, 2);
	assert_int_equal(p->period_start, 2024);
	assert_int_equal(p->period_end, 2027);
	assert_string_equal(p->title, "Joint Work Plan between the Secretariats of One Office and Another Forum");
	/* the footnote: a mark in the action, its text after the table */
	assert_non_null(strstr(md, "| 1.2 | Join the plenary\xC2\xB9 as observers. | On going |"));
	assert_non_null(strstr(md, "\xC2\xB9 The yearly plenary."));
	assert_int_equal(p->nfootnotes, 1);
	assert_non_null(strstr(md, "workshop \\| with both")); /* a '|' stays in its cell */
	assert_int_equal(d.n, 0);
	wp_programme_free(p);
	free(md);
	wp_diags_clear(&d);
}

#define SCHED "Guidelines\nOn things\n(Item X on the Agenda)\n\nSome text.\n\nDraft outline\n" \
	"No\tTopic\tWriter\t\t\tPeer\t\n\t\t1\t2\t3\t1\t2\n1.\tIntroduction\tWCO\t\t\tBG 22/05\t\n\ta. Purpose\t\tDE\t\t\t\n\n" \
	"*) BG : Bulgaria;\n DE : Germany.\n\nAnnex II to\nDoc. PC0001\n\n" \
	"No.\tTasks\tDue By\t1\t2\t3\n\t\t\tJanuary\tFebruary\tMarch\n\t\t\t1\tKick off\t20/01/2022\tJan 20\t\t\n" \
	"2\tReview\t15/02/2022\t\tFeb 15\t\n3\tDraft\txx/03/2022\n4\tFinal\t\n????\n"

static void test_import__dated_schedule(void **state)
{
	(void)state;
	wp_import_stats st;
	wp_diags d = {0};
	char *md = NULL;
	wp_programme *p = import_read("dated-schedule", SCHED, strlen(SCHED), &st, &d, &md);
	assert_int_equal(st.sections, 2); /* outline topics */
	assert_int_equal(st.rows, 4);     /* tasks */
	assert_int_equal(p->nsections, 2);
	assert_string_equal(p->sections[1].kind, "tasks");
	assert_int_equal(p->sections[1].nactivities, 4);
	assert_string_equal(p->sections[1].columns[3].header, "1 January");
	assert_string_equal(p->annex_to, "Doc. PC0001");
	/* the first task, shifted three cells right, realigned and said so */
	assert_int_equal(test_count_rule(&d, "import.realigned"), 1);
	assert_non_null(strstr(md, "| 1 | Kick off | 20/01/2022 | Jan 20 |"));
	/* a line that is no task is named, not dropped */
	assert_int_equal(test_count_rule(&d, "import.unplaced"), 1);
	assert_int_equal(test_find_rule(&d, "import.unplaced")->line, 25);
	assert_int_equal(test_count_rule(&d, "dates.placeholder"), 1);
	assert_int_equal(test_count_rule(&d, "legend.undefined"), 0);
	wp_programme_free(p);
	free(md);
	wp_diags_clear(&d);
}

static void test_import__progress_report_and_refusals(void **state)
{
	(void)state;
	wp_import_stats st;
	wp_diags d = {0};
	char *md = NULL;
	size_t len;
	const char *rep = " OVERVIEW \n\nIntro line one\nline two.\n\n1. Agreement\n\nSigned in 2018.\n\n"
			  "2. Sea containers\n\nThe task force met:\n\n\xEF\x82\xB7 Inform the members\nof it;\n";
	assert_int_equal(wp_import(&md, &len, "progress-report", rep, strlen(rep), "r.txt", NULL, 0, &st, &d), WP_OK);
	assert_int_equal(st.sections, 2);
	assert_non_null(strstr(md, "## 2. Sea containers\n")); /* the report's own numbers kept */
	assert_non_null(strstr(md, "Intro line one line two."));
	assert_non_null(strstr(md, "\\- Inform the members of it;"));
	free(md);
	/* action points: too irregular, refused with the reason */
	assert_int_equal(wp_import(&md, &len, "action-points", "x", 1, "a.txt", NULL, 0, &st, &d), WP_EINPUT);
	assert_int_equal(test_count_rule(&d, "import.unsupported"), 1);
	assert_int_equal(wp_import(&md, &len, "wco-working-body", "x", 1, "a.txt", NULL, 0, &st, &d), WP_EUSAGE);
	assert_null(md);
	wp_diags_clear(&d);
}

/***** conformance on the real exports *****/

static char *seed(const char *file, size_t *len)
{
	char path[512];
	char *buf = NULL;
	snprintf(path, sizeof path, "%s/%s", seeds_dir(), file);
	if (wp_read_file(&buf, len, path) != WP_OK) {
		printf("SKIPPED: %s is absent; the import conformance test did not run\n", path);
		return NULL;
	}
	return buf;
}

static void test_import__seed_joint_work_plan(void **state)
{
	(void)state;
	size_t len;
	char *buf = seed("wco-ippc-joint-work-plan.txt", &len), *md = NULL;
	if (!buf)
		skip();
	wp_import_stats st;
	wp_diags d = {0};
	wp_programme *p = import_read("joint-work-plan", buf, len, &st, &d, &md);
	assert_int_equal(st.sections, 7);
	assert_int_equal(st.rows, 19);
	assert_int_equal(p->nsections, 7);
	assert_int_equal(wp_programme_activities(p), 19);
	static const size_t per_area[] = {4, 3, 2, 2, 5, 2, 1};
	for (size_t k = 0; k < 7; k++) {
		char num[4];
		snprintf(num, sizeof num, "%zu", k + 1);
		assert_string_equal(p->sections[k].numeral, num);
		assert_int_equal(p->sections[k].nactivities, per_area[k]);
	}
	assert_int_equal(p->period_start, 2019);
	assert_int_equal(p->period_end, 2022);
	assert_int_equal(p->nfootnotes, 1); /* the one inside action 5.5 */
	assert_int_equal(d.errors, 0);
	assert_int_equal(test_count_rule(&d, "import.unplaced"), 0);
	/* it renders */
	wp_template *t = NULL;
	wp_profile *prof = test_profile_named("joint-work-plan");
	char *html = NULL;
	size_t hlen;
	assert_int_equal(wp_template_load(&t, "templates/annex-html.xsl", &d), WP_OK);
	assert_int_equal(wp_render(&html, &hlen, t, p, prof, WP_XML_ANNOTATED, &d), WP_OK);
	assert_non_null(strstr(html, "Sea Containers"));
	free(html);
	wp_template_free(t);
	wp_profile_free(prof);
	wp_programme_free(p);
	free(md);
	free(buf);
	wp_diags_clear(&d);
}

static void test_import__seed_dated_schedule(void **state)
{
	(void)state;
	size_t len;
	char *buf = seed("customs-port-guidelines-ptc-item.txt", &len), *md = NULL;
	if (!buf)
		skip();
	wp_import_stats st;
	wp_diags d = {0};
	wp_programme *p = import_read("dated-schedule", buf, len, &st, &d, &md);
	assert_int_equal(st.rows, 33);
	assert_int_equal(p->nsections, 2);
	assert_string_equal(p->sections[1].kind, "tasks");
	assert_int_equal(p->sections[1].nactivities, 33);
	assert_int_equal(p->sections[0].nactivities, st.sections);
	/* what the real schedule breaks: month 8 skipped, xx/04/2023 */
	assert_int_equal(test_count_rule(&d, "months.sequence"), 1);
	assert_int_equal(test_count_rule(&d, "dates.placeholder"), 1);
	assert_int_equal(test_count_rule(&d, "dates.invalid"), 0);
	assert_int_equal(test_count_rule(&d, "legend.undefined"), 0);
	assert_int_equal(test_count_rule(&d, "import.unplaced"), 0);
	assert_int_equal(test_count_rule(&d, "import.realigned"), 1);
	wp_template *t = NULL;
	wp_profile *prof = test_profile_named("dated-schedule");
	char *html = NULL;
	size_t hlen;
	assert_int_equal(wp_template_load(&t, "templates/annex-html.xsl", &d), WP_OK);
	assert_int_equal(wp_render(&html, &hlen, t, p, prof, WP_XML_ANNOTATED, &d), WP_OK);
	/* the timeline: one milestone a task with a due date (tasks 2, 4 and 7 have none) */
	size_t marks = 0;
	for (const char *q = html; (q = strstr(q, "<path d=")) != NULL; q++)
		marks++;
	assert_int_equal(marks, 30);
	free(html);
	wp_template_free(t);
	wp_profile_free(prof);
	wp_programme_free(p);
	free(md);
	free(buf);
	wp_diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_import__joint_work_plan),
		cmocka_unit_test(test_import__dated_schedule),
		cmocka_unit_test(test_import__progress_report_and_refusals),
		cmocka_unit_test(test_import__seed_joint_work_plan),
		cmocka_unit_test(test_import__seed_dated_schedule),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
