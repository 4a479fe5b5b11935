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
	wp_check_opts o = {NULL, NULL, 0, 0, NULL};
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

#define SCHED "Guidelines\nOn things\n(Item X on the Agenda)\n\nSome text.\n\n" SCHED_ANNEXES
#define SCHED_ANNEXES "Draft outline\n" \
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
	/* action points with nothing in them: nothing imported, said */
	assert_int_equal(wp_import(&md, &len, "action-points", "x", 1, "a.txt", NULL, 0, &st, &d), WP_EINPUT);
	assert_int_equal(test_count_rule(&d, "import.empty"), 1);
	assert_int_equal(wp_import(&md, &len, "wco-working-body", "x", 1, "a.txt", NULL, 0, &st, &d), WP_EUSAGE);
	assert_int_equal(test_count_rule(&d, "import.unsupported"), 1);
	assert_null(md);
	wp_diags_clear(&d);
}

/* Action points as a word processor exports them: a cell starts at a tab
 * and may run over lines (a line without a tab goes on the cell), empty
 * cells are a lone tab, a theme is a short line alone between blank
 * lines; nothing marks a row's end: five cells a row. */
#define ACTIONS "Action Points\nRegional Workshop on Port Controls\n\nMombasa, 2-4 June 2025\n" \
	"\tAction\n\tProposed time scale\n\tResponsibility\n\tUpdate/Feedback\n\tNotes/suggestions\n\n" \
	"\tInformation exchange\n\n" \
	"\tAgree a model MoU on sharing | seizure data\n\t 6 months\n\tSecretariat\n\n" \
	"national focal points\n\t\n\tNeeds endorsement\nby each government.\n\n" \
	"\tPublish a contact list\n\tOngoing\n\tSecretariat\n\tDone in May.\n\t\n\n" \
	"\tCapacity building\n\n" \
	"\t\xC2\xB7 Regional workshops\n\n\xC2\xB7 Refresher courses\n\t12 months\n\tTraining Centre\n\t\n\t\n\n" \
	"\tSurvey the members\n\t3 months\n\tSecretariat\n"

static void test_import__action_points_draft(void **state)
{
	(void)state;
	wp_import_stats st;
	wp_diags d = {0};
	char *md = NULL;
	wp_programme *p = import_read("action-points", ACTIONS, strlen(ACTIONS), &st, &d, &md);
	assert_int_equal(st.sections, 2);
	assert_int_equal(st.rows, 4);
	assert_int_equal(p->nsections, 2);
	assert_string_equal(p->title, "Action Points: Regional Workshop on Port Controls");
	assert_string_equal(p->sections[0].title, "Information exchange");
	assert_int_equal(p->sections[0].nactivities, 2);
	assert_string_equal(p->sections[1].title, "Capacity building");
	assert_int_equal(p->sections[1].nactivities, 2);
	/* a cell's lines kept as lines, a '|' escaped, an empty cell empty */
	assert_non_null(strstr(md, "| Agree a model MoU on sharing \\| seizure data | 6 months | Secretariat<br>national focal "
				   "points |  | Needs endorsement<br>by each government. |\n"));
	assert_non_null(strstr(md, "| Publish a contact list | Ongoing | Secretariat | Done in May. |  |\n"));
	assert_non_null(strstr(md, "| - Regional workshops<br>- Refresher courses | 12 months | Training Centre |  |  |\n"));
	/* it says it is a draft; the last row, three cells, is named */
	assert_int_equal(test_count_rule(&d, "import.draft"), 1);
	assert_int_equal(test_count_rule(&d, "import.unplaced"), 1);
	assert_int_equal(test_find_rule(&d, "import.unplaced")->line, 38);
	assert_non_null(strstr(test_find_rule(&d, "import.unplaced")->message, "3 of the 5 cells"));
	assert_int_equal(d.errors, 0);
	wp_programme_free(p);
	free(md);
	wp_diags_clear(&d);
	/* a line before any cell: kept as a paragraph, and named */
	const char *stray = "Action Points\n\tAction\n\tResponsibility\n\nA stray line\n\tMeet\n\t2025\n\tSecretariat\n\t\n\t\n";
	size_t len;
	assert_int_equal(wp_import(&md, &len, "action-points", stray, strlen(stray), "a.txt", NULL, 0, &st, &d), WP_OK);
	assert_int_equal(test_count_rule(&d, "import.unplaced"), 1);
	assert_int_equal(test_find_rule(&d, "import.unplaced")->line, 5);
	assert_non_null(strstr(md, "\nA stray line\n"));
	assert_int_equal(st.rows, 1);
	free(md);
	wp_diags_clear(&d);
}

/* The agenda item's own headings and bullets stay what they are. */
static void test_import__schedule_keeps_headings_and_bullets(void **state)
{
	(void)state;
	wp_import_stats st;
	wp_diags d = {0};
	char *md = NULL;
	static const char sched[] = "Guidelines\nOn things\n(Item X on the Agenda)\n\nI. Background\n\n"
				    " - take note of the plan;\n- 2. a numbered bullet\nIV. Not a heading.\n\n" SCHED_ANNEXES;
	wp_programme *p = import_read("dated-schedule", sched, strlen(sched), &st, &d, &md);
	assert_non_null(strstr(md, "\n## I. Background\n"));
	assert_non_null(strstr(md, "\nIV\\. Not a heading.\n"));
	assert_non_null(strstr(md, "\n- take note of the plan;\n"));
	assert_non_null(strstr(md, "\n- 2\\. a numbered bullet\n"));
	assert_null(strstr(md, "\\- take note"));
	assert_string_equal(p->sections[0].title, "Background");
	wp_programme_free(p);
	free(md);
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
	assert_int_equal(wp_render(&html, &hlen, t, p, prof, WP_XML_ANNOTATED, NULL, &d), WP_OK);
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
	/* the agenda item's headings (I. Background, II. Intersessional
	 * Developments), then the outline and the work plan */
	assert_int_equal(p->nsections, 4);
	assert_string_equal(p->sections[0].title, "Background");
	assert_int_equal(p->sections[0].nactivities, 0);
	assert_string_equal(p->sections[3].kind, "tasks");
	assert_int_equal(p->sections[3].nactivities, 33);
	assert_int_equal(p->sections[2].nactivities, st.sections);
	/* its bullets, a list */
	assert_non_null(strstr(md, "\n- performance measurement.\n"));
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
	assert_int_equal(wp_render(&html, &hlen, t, p, prof, WP_XML_ANNOTATED, NULL, &d), WP_OK);
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

static void test_import__seed_action_points(void **state)
{
	(void)state;
	size_t len;
	char *buf = seed("green-customs-action-points.txt", &len), *md = NULL;
	if (!buf)
		skip();
	wp_import_stats st;
	wp_diags d = {0};
	wp_programme *p = import_read("action-points", buf, len, &st, &d, &md);
	/* five themes, as the export shows them; every row five cells */
	assert_int_equal(st.sections, 5);
	assert_int_equal(st.rows, 16);
	static const size_t per_theme[] = {5, 1, 2, 4, 4};
	for (size_t k = 0; k < 5; k++)
		assert_int_equal(p->sections[k].nactivities, per_theme[k]);
	assert_string_equal(p->sections[1].title, "Capacity Building");
	assert_int_equal(test_count_rule(&d, "import.unplaced"), 0);
	assert_int_equal(test_count_rule(&d, "import.draft"), 1);
	/* what the original leaves empty: two responsibilities */
	assert_int_equal(test_count_rule(&d, "table.mandatory"), 2);
	/* every line of the export is in the draft: each cell's text */
	char *copy = strdup(buf);
	size_t lines = 0, found = 0;
	for (char *l = strtok(copy, "\n"); l; l = strtok(NULL, "\n")) {
		char *t = l;
		while (*t == '\t' || *t == ' ')
			t++;
		if (!strncmp(t, "\xC2\xB7 ", 3))
			t += 3;
		size_t n = strlen(t);
		while (n && (t[n - 1] == ' ' || t[n - 1] == '\r'))
			n--;
		t[n] = '\0';
		if (n < 4 || strstr(t, "  ")) /* (a doubled space is collapsed) */
			continue;
		lines++;
		found += strstr(md, t) != NULL || !strcmp(t, "Proposed Time scale"); /* (the header, as the profile spells it) */
	}
	assert_true(lines > 80);
	assert_int_equal(found, lines);
	free(copy);
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
		cmocka_unit_test(test_import__action_points_draft),
		cmocka_unit_test(test_import__schedule_keeps_headings_and_bullets),
		cmocka_unit_test(test_import__seed_action_points),
		cmocka_unit_test(test_import__seed_joint_work_plan),
		cmocka_unit_test(test_import__seed_dated_schedule),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
