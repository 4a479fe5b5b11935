/* test_check.c: the rule set, one test per rule. Each starts from a clean
 * programme (no finding at all) and breaks one thing. */
#include "testutil.h"
#include "base/util.h"

#define TOP "TEST COMMITTEE (PTC) WORK PROGRAMME 2024-2025**I. Activities**\n\n" HDR12 \
	"| | A=High B=Medium C=Low | Y or N | | | | | | | | | |\n"
#define FOOT "\n¹ Link.\n\n² Activities.\n\n³ **SP1** - One; **SP2** - Two; **FA1** - Focus.\n\n" \
	"⁴ Types: \"Maintenance\", \"Update\" and \"Development\".\n\n⁵ Bodies.\n\n⁶ Progress.\n\n⁷ Colours.\n"
/* a clean row; R(number, column values...) */
#define ROW(n, prio, link, codes, type, bodies, timeline, progress, status) \
	"| " n " | " prio " | " link " | Do a thing | " codes " | " type " | " bodies " | One officer | KPI | " timeline " | " \
	progress " | " status " |\n"
#define OK1 ROW("1.", "A", "Y", "SP1", "Development", "PTC, Council", "2024", "In progress.", "Blue")
#define OK2 ROW("2.", "B", "N", "SP2 FA1", "Update", "PTC", "Spring 2025", "Completed.", "Green")

static wp_diags run(const char *md, const char *as_of, int fixes)
{
	wp_diags d = {0};
	wp_profile *prof = test_profile();
	wp_programme *p = NULL;
	assert_int_equal(wp_read_md(&p, md, strlen(md), "t.md", prof, &d), WP_OK);
	wp_check_opts o = {as_of, NULL, 0, fixes, NULL};
	assert_int_equal(wp_check(p, prof, &o, &d), WP_OK);
	wp_programme_free(p);
	wp_profile_free(prof);
	return d;
}

/* Asserts that rule fired n times and, when alone, that nothing else did
 * (but for link.no, which the clean row 2 triggers on purpose). */
static void expect(const char *md, const char *rule, size_t n, int alone)
{
	wp_diags d = run(md, NULL, 0);
	size_t got = test_count_rule(&d, rule);
	if (got != n || (alone && d.n != n + test_count_rule(&d, "link.no"))) {
		for (size_t i = 0; i < d.n; i++)
			fprintf(stderr, "  %u:%u %s [%s]\n", d.items[i].line, d.items[i].col, d.items[i].message, d.items[i].rule);
		fail_msg("%s: %zu findings, %zu expected", rule, got, n);
	}
	wp_diags_clear(&d);
}

static const char *fix_of(const wp_diags *d, const char *rule)
{
	const wp_diag *x = test_find_rule(d, rule);
	assert_non_null(x);
	return x->fix_text;
}

static void test_check__clean_programme_has_no_finding(void **state)
{
	(void)state;
	wp_diags d = run(TOP OK1 OK2 FOOT, "2024-01-01", 1);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.items[0].rule, "link.no");
	wp_diags_clear(&d);
}

static void test_check__registry_ids_unique_and_documented(void **state)
{
	(void)state;
	size_t n;
	const wp_rule *r = wp_rules(&n);
	assert_true(n >= 35);
	for (size_t i = 0; i < n; i++) {
		assert_non_null(r[i].explain);
		assert_non_null(r[i].source);
		assert_true(strchr(r[i].id, '.') != NULL);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(r[i].id, r[j].id);
		assert_ptr_equal(wp_rule_find(r[i].id), &r[i]);
	}
	assert_null(wp_rule_find("no.such-rule"));
}

static void test_check__numbering_missing(void **state)
{
	(void)state;
	expect(TOP OK1 ROW("", "B", "N", "SP2 FA1", "Update", "PTC", "2025", "Completed.", "Green") FOOT,
	       "numbering.missing", 1, 1);
	expect(TOP OK1 ROW("two.", "B", "N", "SP2 FA1", "Update", "PTC", "2025", "Completed.", "Green") FOOT,
	       "numbering.missing", 1, 1);
}

static void test_check__numbering_remnant(void **state)
{
	(void)state;
	expect(TOP OK1 ROW("3 2.", "B", "N", "SP2 FA1", "Update", "PTC", "2025", "Completed.", "Green") FOOT,
	       "numbering.remnant", 1, 1);
	wp_diags d = run(TOP OK1 ROW("42.", "B", "N", "SP2 FA1", "Update", "PTC", "2025", "Completed.", "Green") FOOT, NULL, 0);
	const wp_diag *x = test_find_rule(&d, "numbering.remnant");
	assert_non_null(x);
	assert_non_null(strstr(x->message, "old number 4 and new number 2"));
	assert_int_equal(x->severity, WP_WARNING); /* a scar with a clear fix */
	assert_string_equal(x->fix_text, "2.");
	wp_diags_clear(&d);
}

/* A programme of n rows whose number cells are nums[]. */
static char *numbered(const char *const *nums, size_t n)
{
	wp_buf b = {0};
	wp_buf_puts(&b, TOP);
	for (size_t i = 0; i < n; i++)
		wp_buf_printf(&b, "| %s | A | Y | Do a thing | SP1 | Development | PTC, Council | One officer | KPI | 2024 | "
			      "In progress. | Blue |\n", nums[i]);
	wp_buf_puts(&b, FOOT);
	return wp_buf_detach(&b, NULL);
}

/* The numbering is judged against the author's renumbering, not a row
 * count: the seed's shapes, a row the renumbering skips, and --fix that
 * keeps every number that agrees and renumbers around nothing. */
static void test_check__numbering_follows_the_renumbering(void **state)
{
	(void)state;
	/* as the seed's section I: "11." is skipped, "12 11." renumbered */
	const char *a[] = {"1.", "2.", "3.", "4.", "5 4.", "6 5.", "6.", "7."};
	/* no: the plain "4." is the row skipped, "5 4." carries its number */
	const char *b[] = {"1.", "2.", "3.", "4.", "54.", "65.", "76", "87.", "9 8.", "9."};
	for (int k = 0; k < 2; k++) {
		char *md = k ? numbered(b, 10) : numbered(a, 8);
		wp_diags d = run(md, NULL, 1);
		const wp_diag *x = test_find_rule(&d, "numbering.skipped");
		assert_non_null(x);
		assert_int_equal(test_count_rule(&d, "numbering.skipped"), 1);
		assert_non_null(strstr(x->message, "row numbered 4 is skipped by the renumbering (the next row is renumbered 5 → 4)"));
		assert_int_equal(x->line, 9); /* the row of "4." */
		assert_null(x->fix_text); /* only the author knows */
		assert_int_equal(test_count_rule(&d, "numbering.remnant"), k ? 5 : 2);
		/* nothing else: no gap, no order, no renumbering around */
		assert_int_equal(test_count_rule(&d, "numbering.gap") + test_count_rule(&d, "numbering.order") +
				 test_count_rule(&d, "numbering.duplicate") + test_count_rule(&d, "numbering.renumber"), 0);
		/* --fix writes the new numbers where old ones stand, nothing else */
		char *out;
		size_t len, applied;
		assert_int_equal(wp_fix_apply(&out, &len, &applied, "t.md", md, strlen(md), &d), WP_OK);
		assert_non_null(strstr(out, "| 4. | A |"));
		assert_non_null(strstr(out, k ? "| 8. | A | Y | Do a thing | SP1 | Development | PTC, Council | One officer | KPI | 2024 | In progress. | Blue |\n| 9. |"
					   : "| 4. | A | Y | Do a thing | SP1 | Development | PTC, Council | One officer | KPI | 2024 | In progress. | Blue |\n| 4. |"));
		assert_null(strstr(out, "| 5 4. |"));
		free(out);
		free(md);
		wp_diags_clear(&d);
	}
	/* a row is skipped only when the next carries its number: at the end,
	 * a number that does not follow is a gap */
	const char *g[] = {"1.", "2.", "3 2.", "4 3.", "5.", "6."};
	char *mg = numbered(g, 6);
	wp_diags dg = run(mg, NULL, 0);
	assert_int_equal(test_count_rule(&dg, "numbering.skipped"), 1); /* "2." */
	assert_int_equal(test_count_rule(&dg, "numbering.gap"), 1);     /* "5." where 4 is expected */
	assert_non_null(strstr(test_find_rule(&dg, "numbering.gap")->message, "row 4 is missing: 3 is followed by 5"));
	wp_diags_clear(&dg);
	free(mg);
	/* the seed's "1818": the new number written twice */
	char *md;
	wp_diags d;
	const char *e[] = {"1.", "22."};
	md = numbered(e, 2);
	d = run(md, NULL, 0);
	assert_non_null(strstr(test_find_rule(&d, "numbering.remnant")->message, "number 2 is written twice ('22.')"));
	wp_diags_clear(&d);
	free(md);
}

/* A section without renumbering keeps the plain rules: a duplicate is a
 * duplicate (not a skipped row), and --fix renumbers 1..n. */
static void test_check__numbering_without_renumbering(void **state)
{
	(void)state;
	const char *a[] = {"1.", "2.", "2.", "3."};
	char *md = numbered(a, 4);
	wp_diags d = run(md, NULL, 1);
	assert_int_equal(test_count_rule(&d, "numbering.duplicate"), 1);
	assert_int_equal(test_count_rule(&d, "numbering.skipped"), 0);
	/* which of the two is extra only the author knows: no fix, and the
	 * rows after them, which follow, are not renumbered */
	assert_non_null(strstr(test_find_rule(&d, "numbering.duplicate")->message, "(here and at line 7)"));
	assert_null(test_find_rule(&d, "numbering.duplicate")->fix_text);
	assert_int_equal(test_count_rule(&d, "numbering.renumber"), 0);
	wp_diags_clear(&d);
	free(md);
	/* numbers past any programme's are not numbers, and nothing overflows */
	const char *b[] = {"1.", "99999999999999999999.", "3."};
	md = numbered(b, 3);
	d = run(md, NULL, 1);
	assert_int_equal(test_count_rule(&d, "numbering.missing"), 1);
	wp_diags_clear(&d);
	free(md);
}

static void test_check__numbering_gap_duplicate_order(void **state)
{
	(void)state;
	expect(TOP OK1 ROW("3.", "B", "N", "SP2 FA1", "Update", "PTC", "2025", "Completed.", "Green") FOOT,
	       "numbering.gap", 1, 1);
	expect(TOP OK1 OK2 ROW("2.", "B", "Y", "SP2", "Update", "PTC", "2025", "Completed.", "Green") FOOT,
	       "numbering.duplicate", 1, 1);
	expect(TOP ROW("2.", "A", "Y", "SP1", "Development", "PTC, Council", "2024", "In progress.", "Blue")
		   ROW("3.", "B", "N", "SP2 FA1", "Update", "PTC", "2025", "Completed.", "Green")
		       ROW("1.", "B", "Y", "SP2", "Update", "PTC", "2025", "Completed.", "Green") FOOT,
	       "numbering.order", 1, 0);
	/* two numbers swapped: one finding, on the first, whose fix and the
	 * note after it swap them back (not a gap then an order) */
	wp_diags d = run(TOP OK1 ROW("3.", "B", "N", "SP2 FA1", "Update", "PTC", "2025", "Completed.", "Green")
				 ROW("2.", "B", "Y", "SP2", "Update", "PTC", "2025", "Completed.", "Green") FOOT, NULL, 1);
	assert_int_equal(test_count_rule(&d, "numbering.swapped"), 1);
	assert_int_equal(test_count_rule(&d, "numbering.gap") + test_count_rule(&d, "numbering.order"), 0);
	assert_non_null(strstr(test_find_rule(&d, "numbering.swapped")->message, "numbered 3, and the next row 2"));
	assert_string_equal(fix_of(&d, "numbering.swapped"), "2.");
	assert_string_equal(fix_of(&d, "numbering.renumber"), "3.");
	wp_diags_clear(&d);
}

static void test_check__numbering_renumber_with_fixes(void **state)
{
	(void)state;
	const char *md = TOP OK1 ROW("3.", "B", "N", "SP2 FA1", "Update", "PTC", "2025", "Completed.", "Green")
		ROW("4.", "B", "Y", "SP2", "Update", "PTC", "2025", "Completed.", "Green") FOOT;
	wp_diags d = run(md, NULL, 0);
	assert_int_equal(test_count_rule(&d, "numbering.renumber"), 0);
	wp_diags_clear(&d);
	d = run(md, NULL, 1);
	assert_string_equal(fix_of(&d, "numbering.gap"), "2.");
	assert_string_equal(fix_of(&d, "numbering.renumber"), "3.");
	assert_int_equal(test_find_rule(&d, "numbering.renumber")->severity, WP_NOTE);
	wp_diags_clear(&d);
}

static void test_check__numbering_dot_and_inserted(void **state)
{
	(void)state;
	expect(TOP OK1 ROW("2", "B", "N", "SP2 FA1", "Update", "PTC", "2025", "Completed.", "Green") FOOT,
	       "numbering.dot", 1, 1);
	expect(TOP OK1 ROW("<u>2.</u>", "B", "N", "SP2 FA1", "Update", "PTC", "2025", "Completed.", "Green") FOOT,
	       "numbering.inserted", 1, 1);
}

static void test_check__numbering_hierarchy(void **state)
{
	(void)state;
	const char *yaml = "name: plan\nsections:\n  - kind: area\n    columns:\n"
			   "      - {key: number, header: No., roles: [number, continuation]}\n"
			   "      - {key: action, header: Action}\n"
			   "rules:\n  numbering: {style: hierarchical}\n";
	const char *md = "## 5. Area five\n\n| No. | Action |\n|---|---|\n| 5.1 | a |\n| 5.2 | b |\n| 4.3 | c |\n| 5.5 | d |\n| x | e |\n";
	wp_diags d = {0};
	wp_profile *prof = NULL;
	wp_programme *p = NULL;
	assert_int_equal(wp_profile_parse(&prof, yaml, strlen(yaml), "p.yaml", &d), WP_OK);
	assert_int_equal(wp_read_md(&p, md, strlen(md), "t.md", prof, &d), WP_OK);
	assert_int_equal(wp_check(p, prof, NULL, &d), WP_OK);
	assert_int_equal(test_count_rule(&d, "numbering.hierarchy"), 3);
	assert_int_equal(test_count_rule(&d, "numbering.gap"), 0); /* the flat rules stand aside */
	assert_non_null(strstr(d.items[0].message, "under area 5"));
	assert_string_equal(d.items[0].fix_text, "5.3");
	wp_programme_free(p);
	wp_profile_free(prof);
	wp_diags_clear(&d);
}

static void test_check__table_mandatory(void **state)
{
	(void)state;
	expect(TOP OK1 "| 2. | B | N | | SP2 FA1 | Update | PTC | One | KPI | 2025 | Completed. | Green |\n" FOOT,
	       "table.mandatory", 1, 1);
}

static void test_check__link(void **state)
{
	(void)state;
	expect(TOP OK1 ROW("2.", "B", "Maybe", "SP2 FA1", "Update", "PTC", "2025", "Completed.", "Green") FOOT,
	       "link.value", 1, 0);
	expect(TOP OK1 ROW("2.", "B", "Yes", "SP2 FA1", "Update", "PTC", "2025", "Completed.", "Green") FOOT,
	       "link.no", 0, 0);
	expect(TOP OK1 OK2 FOOT, "link.no", 1, 0);
}

static void test_check__priority_from_guidance(void **state)
{
	(void)state;
	expect(TOP OK1 ROW("2.", "D", "N", "SP2 FA1", "Update", "PTC", "2025", "Completed.", "Green") FOOT,
	       "priority.value", 1, 1);
	wp_diags d = run(TOP OK1 ROW("2.", "b", "N", "SP2 FA1", "Update", "PTC", "2025", "Completed.", "Green") FOOT, NULL, 0);
	assert_string_equal(fix_of(&d, "priority.spelling"), "B");
	wp_diags_clear(&d);
	/* the guidance row is what defines the values */
	expect("T (PTC) 2024-2025\n\n" HDR12 "| | X=High Z=Low | | | | | | | | | | |\n" OK1 FOOT, "priority.value", 1, 1);
}

static void test_check__plan_codes(void **state)
{
	(void)state;
	expect(TOP OK1 ROW("2.", "B", "N", "SO1", "Update", "PTC", "2025", "Completed.", "Green") FOOT,
	       "plan-codes.unknown", 1, 1);
	expect(TOP OK1 ROW("2.", "B", "N", "The whole Strategic Plan", "Update", "PTC", "2025", "Completed.", "Green") FOOT,
	       "plan-codes.unknown", 0, 1);
	expect(TOP OK1 ROW("2.", "B", "N", "SP2/FA1", "Update", "PTC", "2025", "Completed.", "Green") FOOT,
	       "plan-codes.separator", 1, 1);
	wp_diags d = run(TOP OK1 ROW("2.", "B", "N", "SP2, FA1", "Update", "PTC", "2025", "Completed.", "Green") FOOT, NULL, 0);
	assert_string_equal(fix_of(&d, "plan-codes.separator"), "SP2 FA1");
	wp_diags_clear(&d);
}

/* The plan codes come from footnote 3 in any form a document gives them;
 * when it gives none, the rule says it cannot run (once), never falls
 * silent. */
static void test_check__plan_codes_from_any_footnote(void **state)
{
	(void)state;
	static const char *const forms[] = {
		"³ Strategic Processes (SPs): SP1 - One; SP2 - Two; Focus Areas (FAs) FA1 - Focus.\n",  /* plain, as Word has it */
		"³ SP1, SP2, FA1.\n",                                                               /* a list with commas */
		"³ SP1 – One. SP2 – Two. FA1 – Focus.\n",                                           /* en dashes */
		"³ **SP1** One; SP2: Two; *FA1* Focus.\n",                                         /* mixed */
	};
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		wp_buf md = {0};
		wp_buf_puts(&md, TOP OK1 ROW("2.", "B", "N", "SO1 FA1", "Update", "PTC", "2025", "Completed.", "Green"));
		wp_buf_puts(&md, "\n¹ Link.\n\n² Activities.\n\n");
		wp_buf_puts(&md, forms[i]);
		wp_buf_puts(&md, "\n⁴ Types: \"Maintenance\", \"Update\" and \"Development\".\n\n⁵ Bodies.\n\n⁶ Progress.\n\n⁷ Colours.\n");
		wp_diags d = run(md.data, NULL, 0);
		if (test_count_rule(&d, "plan-codes.unknown") != 1 || test_count_rule(&d, "check.idle"))
			fail_msg("footnote 3 written '%s': %zu unknown codes, %zu idle notes", forms[i],
				 test_count_rule(&d, "plan-codes.unknown"), test_count_rule(&d, "check.idle"));
		assert_non_null(strstr(test_find_rule(&d, "plan-codes.unknown")->message, "'SO1'"));
		wp_diags_clear(&d);
		wp_buf_free(&md);
	}
	/* no footnote 3, or one without a code: said once, as a note */
	wp_diags d = run(TOP OK1 ROW("2.", "B", "N", "SO1", "Update", "PTC", "2025", "Completed.", "Green")
			 "\n¹ Link.\n\n² Activities.\n", NULL, 0);
	assert_int_equal(test_count_rule(&d, "check.idle"), 1);
	assert_non_null(strstr(test_find_rule(&d, "check.idle")->message,
			       "plan-codes.unknown is not checked: footnote 3, which lists the plan codes, is not in the document"));
	assert_int_equal(test_find_rule(&d, "check.idle")->severity, WP_NOTE);
	wp_diags_clear(&d);
	d = run(TOP OK1 ROW("2.", "B", "N", "SO1", "Update", "PTC", "2025", "Completed.", "Green")
		"\n¹ Link.\n\n² Activities.\n\n³ The plan's processes and focus areas.\n", NULL, 0);
	assert_int_equal(test_count_rule(&d, "check.idle"), 1);
	assert_non_null(strstr(test_find_rule(&d, "check.idle")->message, "footnote 3 lists no plan code"));
	assert_int_equal(test_count_rule(&d, "plan-codes.separator"), 0); /* it still runs, and has nothing to say */
	wp_diags_clear(&d);
}

/* A rule that lacks what it reads says so: the working body's name, the
 * programme's period. The rules that need neither still run. */
static void test_check__rules_say_what_they_lack(void **state)
{
	(void)state;
	const char *md = "SOME COMMITTEE WORK PROGRAMME**I. Activities**\n\n" HDR12
			 "| | A=High B=Medium C=Low | Y or N | | | | | | | | | |\n"
			 ROW("1.", "A", "Y", "SP1", "Development", "PTC, Martians", "2024", "In progress.", "Blue") FOOT;
	wp_diags d = run(md, NULL, 0);
	assert_int_equal(test_count_rule(&d, "check.idle"), 2);
	int body = 0, period = 0;
	for (size_t i = 0; i < d.n; i++) {
		body |= !strcmp(d.items[i].rule, "check.idle") && strstr(d.items[i].message, "bodies.self is not checked: the working body");
		period |= !strcmp(d.items[i].rule, "check.idle") && strstr(d.items[i].message, "timeline.period is not checked: the programme's period");
	}
	assert_true(body && period);
	assert_int_equal(test_count_rule(&d, "bodies.unknown"), 1); /* it needs no working body */
	wp_diags_clear(&d);
}

/* What tracked changes leave in text: each shape found, quoted with its
 * reading; a fix only where the reading is certain; ordinary text left
 * alone. */
static void test_check__tracked_leftovers(void **state)
{
	(void)state;
	static const struct {
		const char *activity, *says, *fix;
	} cases[] = {
		{"Guidelines for fFree zone stakeholders", "'fFree' reads as 'Free'", "Guidelines for Free zone stakeholders"},
		{"Information and Communication T echnologies Guide (Technologies used)", "'T echnologies' reads as 'Technologies'",
		 "Information and Communication Technologies Guide (Technologies used)"},
		{"Take note of the Provide capacity building support", "'Take note of the' and 'Provide capacity", NULL},
		{"Take note of Share the national experiences", "'Take note of' and 'Share the national", NULL},
		{"<p>Take note of</p><p>Organize a regional conference</p>", "ends on 'of' and the next paragraph opens 'Organize", NULL},
		{"<p>Take note of the m</p><p>Maintain cooperation</p>", "'m' stands alone before 'Maintain cooperation", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		wp_buf md = {0};
		wp_buf_printf(&md, TOP OK1 "| 2. | B | N | %s | SP2 | Update | PTC | One | KPI | 2025 | Completed. | Green |\n" FOOT,
			      cases[i].activity);
		wp_diags d = run(md.data, NULL, 0);
		const wp_diag *x = test_find_rule(&d, "tracked.leftover");
		if (!x || !strstr(x->message, cases[i].says) || test_count_rule(&d, "tracked.leftover") != 1)
			fail_msg("'%s': %zu leftovers, the first saying '%s'", cases[i].activity, test_count_rule(&d, "tracked.leftover"),
				 x ? x->message : "");
		assert_int_equal(x->severity, WP_WARNING);
		if (cases[i].fix)
			assert_string_equal(x->fix_text, cases[i].fix);
		else
			assert_null(x->fix_text);
		wp_diags_clear(&d);
		wp_buf_free(&md);
	}
	/* ordinary text: names after "the", single letters that are words,
	 * brand names, a sentence cut across a page break */
	static const char *const ordinary[] = {
		"Take note of the reports of the Technical Experts Group",
		"A few Members took part in Annex D meetings",
		"Part I of the Study and Stage I of the work",
		"Support the eCommerce and iPhone projects of the Organization",
		"Review the Guide with the Council and the Policy Commission",
		"<p>Take note of the TEG-NII Work Programme</p><p>Discuss the results</p>",
		"A presentation by the Secretariat; a draft for the PTC",
	};
	for (size_t i = 0; i < sizeof ordinary / sizeof ordinary[0]; i++) {
		wp_buf md = {0};
		wp_buf_printf(&md, TOP OK1 "| 2. | B | N | %s | SP2 | Update | PTC | One | KPI | 2025 | Completed. | Green |\n" FOOT,
			      ordinary[i]);
		wp_diags d = run(md.data, NULL, 0);
		if (test_count_rule(&d, "tracked.leftover"))
			fail_msg("ordinary text '%s' read as a leftover: %s", ordinary[i], test_find_rule(&d, "tracked.leftover")->message);
		wp_diags_clear(&d);
		wp_buf_free(&md);
	}
}

static void test_check__task_type_near_miss_fixed(void **state)
{
	(void)state;
	wp_diags d = run(TOP OK1 ROW("2.", "B", "N", "SP2", "Updating", "PTC", "2025", "Completed.", "Green") FOOT, NULL, 0);
	assert_int_equal(test_count_rule(&d, "task-type.spelling"), 1);
	assert_string_equal(fix_of(&d, "task-type.spelling"), "Update");
	wp_diags_clear(&d);
	d = run(TOP OK1 ROW("2.", "B", "N", "SP2", "Update <u>ing</u>", "PTC", "2025", "Completed.", "Green") FOOT, NULL, 0);
	assert_string_equal(fix_of(&d, "task-type.spelling"), "Update");
	wp_diags_clear(&d);
	d = run(TOP OK1 ROW("2.", "B", "N", "SP2", "Frobbing", "PTC", "2025", "Completed.", "Green") FOOT, NULL, 0);
	assert_null(fix_of(&d, "task-type.value"));
	wp_diags_clear(&d);
}

static void test_check__bodies(void **state)
{
	(void)state;
	expect(TOP OK1 ROW("2.", "B", "N", "SP2", "Update", "CBC, Council", "2025", "Completed.", "Green") FOOT,
	       "bodies.self", 1, 1);
	expect(TOP OK1 ROW("2.", "B", "N", "SP2", "Update", "PTC, Martians", "2025", "Completed.", "Green") FOOT,
	       "bodies.unknown", 1, 1);
	wp_diags d = run(TOP OK1 ROW("2.", "B", "N", "SP2", "Update", "PTC PC Council", "2025", "Completed.", "Green") FOOT, NULL, 0);
	assert_int_equal(test_count_rule(&d, "bodies.separator"), 1);
	assert_int_equal(test_count_rule(&d, "bodies.unknown"), 0);
	assert_string_equal(fix_of(&d, "bodies.separator"), "PTC, PC, Council");
	wp_diags_clear(&d);
}

static void test_check__progress_and_status(void **state)
{
	(void)state;
	expect(TOP OK1 ROW("2.", "B", "N", "SP2", "Update", "PTC", "2025", "Some words.", "") FOOT,
	       "progress.keyword", 1, 1);
	expect(TOP OK1 ROW("2.", "B", "N", "SP2", "Update", "PTC", "2025", "Completed.", "Purple") FOOT,
	       "status.colour", 1, 1);
	expect(TOP OK1 ROW("2.", "B", "N", "SP2", "Update", "PTC", "2025", "In progress.", "Green") FOOT,
	       "status.agrees", 1, 1);
	expect(TOP OK1 ROW("2.", "B", "N", "SP2", "Update", "PTC", "2025", "Not started.", "red") FOOT,
	       "status.agrees", 0, 1);
	wp_diags d = run(TOP OK1 ROW("2.", "B", "N", "SP2", "Update", "PTC", "2025", "Postponed to 2025.", "") FOOT, NULL, 0);
	assert_int_equal(test_count_rule(&d, "status.missing"), 1);
	assert_string_equal(fix_of(&d, "status.missing"), " Red ");
	wp_diags_clear(&d);
	/* The keyword the text opens with names the status, in any case (as
	 * footnote 6 writes it); one further on is not its status, and one
	 * inside another word ("uncompleted") is no keyword. */
	d = run(TOP OK1 ROW("2.", "B", "N", "SP2", "Update", "PTC", "2025", "In PROGRESS; to be completed soon.", "")
		FOOT, NULL, 0);
	assert_string_equal(fix_of(&d, "status.missing"), " Blue ");
	wp_diags_clear(&d);
	d = run(TOP OK1 ROW("2.", "B", "N", "SP2", "Update", "PTC", "2025", "The work will be completed in 2026.", "")
		FOOT, NULL, 0);
	assert_int_equal(test_count_rule(&d, "progress.keyword"), 1);
	assert_int_equal(test_count_rule(&d, "status.missing"), 0);
	wp_diags_clear(&d);
	d = run(TOP OK1 ROW("2.", "B", "N", "SP2", "Update", "PTC", "2025", "Uncompleted, ongoingness.", "") FOOT, NULL, 0);
	assert_int_equal(test_count_rule(&d, "progress.keyword"), 1);
	wp_diags_clear(&d);
}

static void test_check__continuous_timeline(void **state)
{
	(void)state;
	const char *md = TOP OK1 "\nII. Continuous\n\n" HDR11
		"| 1. | A | Y | a | SP1 | Maintenance | PTC | o | k | Continuous | Ongoing. |\n"
		"| 2. | A | Y | a | SP1 | Maintenance | PTC | o | k | June 2024 | Ongoing. |\n"
		"| 3. | A | Y | a | SP1 | Maintenance | PTC | o | k | continuous | Ongoing. |\n" FOOT "\n⁸ Continuous.\n";
	wp_diags d = run(md, NULL, 0);
	/* "continuous" is how footnote 8 itself writes it: not a finding */
	assert_int_equal(test_count_rule(&d, "continuous.timeline"), 1);
	assert_int_equal(d.n, 1);
	assert_null(d.items[0].fix_text);
	wp_diags_clear(&d);
}

static void test_check__timeline_period_and_overdue(void **state)
{
	(void)state;
	expect(TOP OK1 ROW("2.", "B", "N", "SP2", "Update", "PTC", "June 2027 (Council)", "Completed.", "Green") FOOT,
	       "timeline.period", 1, 1);
	const char *md = TOP ROW("1.", "A", "Y", "SP1", "Update", "PTC", "Spring 2024 (PTC)", "In progress.", "Blue")
		ROW("2.", "A", "Y", "SP1", "Update", "PTC", "June 2024", "Completed.", "Green")
		ROW("3.", "A", "Y", "SP1", "Update", "PTC", "Spring/Autumn 2024", "In progress.", "Blue") FOOT;
	wp_diags d = run(md, NULL, 0);
	assert_int_equal(test_count_rule(&d, "timeline.overdue"), 0); /* no date, no judgement */
	wp_diags_clear(&d);
	d = run(md, "2024-07-01", 0);
	assert_int_equal(test_count_rule(&d, "timeline.overdue"), 1); /* spring is over; autumn is not */
	assert_non_null(strstr(test_find_rule(&d, "timeline.overdue")->message, "2024-05-31"));
	wp_diags_clear(&d);
	d = run(md, "2024-12-01", 0);
	assert_int_equal(test_count_rule(&d, "timeline.overdue"), 2);
	wp_diags_clear(&d);
}

static void test_check__footnotes(void **state)
{
	(void)state;
	expect(TOP OK1 "\n¹ L.\n\n² A.\n\n³ **SP1** - x.\n\n⁴ \"Development\".\n\n⁵ B.\n\n⁶ P.\n",
	       "footnote.undefined", 1, 1);
	expect(TOP OK1 FOOT "\n⁹ Nobody refers to this.\n", "footnote.unused", 1, 1);
	expect(TOP OK1 ROW("2.", "B", "N", "SP2", "Update", "PTC", "June 2024 ⁵ (Council)", "Completed.", "Green") FOOT,
	       "footnote.in-text", 1, 1);
}

static void test_check__disable_skips_rules(void **state)
{
	(void)state;
	const char *md = TOP OK1 ROW("3", "B", "N", "SO1", "Update", "PTC", "2025", "Completed.", "Green") FOOT;
	wp_diags d = {0};
	wp_profile *prof = test_profile();
	wp_programme *p = NULL;
	const char *off[] = {"numbering", "link.no"};
	assert_int_equal(wp_read_md(&p, md, strlen(md), "t.md", prof, &d), WP_OK);
	wp_check_opts o = {NULL, off, 2, 0, NULL};
	wp_check(p, prof, &o, &d);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.items[0].rule, "plan-codes.unknown");
	wp_programme_free(p);
	wp_profile_free(prof);
	wp_diags_clear(&d);
}

static void test_check__rules_only_read_the_profile(void **state)
{
	(void)state;
	/* A profile without rule settings runs only the generic rules. */
	const char *yaml = "name: bare\nsections:\n  - kind: t\n    columns:\n"
			   "      - {key: number, header: No., roles: [number, continuation]}\n"
			   "      - {key: link, header: Link}\n";
	const char *md = "| No. | Link |\n|---|---|\n| 1. | Maybe |\n";
	wp_diags d = {0};
	wp_profile *prof = NULL;
	wp_programme *p = NULL;
	assert_int_equal(wp_profile_parse(&prof, yaml, strlen(yaml), "p.yaml", &d), WP_OK);
	assert_int_equal(wp_read_md(&p, md, strlen(md), "t.md", prof, &d), WP_OK);
	wp_check(p, prof, NULL, &d);
	assert_int_equal(d.n, 0);
	wp_programme_free(p);
	wp_profile_free(prof);
	wp_diags_clear(&d);
}

static void test_check__fix_apply_and_diff(void **state)
{
	(void)state;
	const char *md = TOP OK1 ROW("3 2", "B", "N", "SP2/FA1", "Updating", "PTC", "2025", "Completed.", "") FOOT;
	wp_diags d = run(md, NULL, 1);
	char *out, *diff;
	size_t len, applied;
	assert_int_equal(wp_fix_apply(&out, &len, &applied, "t.md", md, strlen(md), &d), WP_OK);
	assert_int_equal(applied, 4);
	assert_non_null(strstr(out, "| 2. | B | N | Do a thing | SP2 FA1 | Update | PTC | One officer | KPI | 2025 | Completed. | Green |"));
	/* nothing else moved: "3 2" -> "2.", "/" -> " ", "Updating" -> "Update", "  " -> " Green " */
	assert_int_equal(len, strlen(md) - 1 + 0 - 2 + 5);
	wp_diags again = run(out, NULL, 1);
	assert_int_equal(again.n, 1); /* link.no, which has no fix */
	assert_int_equal(wp_diff(&diff, "t.md", md, strlen(md), out, len), WP_OK);
	assert_non_null(strstr(diff, "--- a/t.md\n+++ b/t.md\n@@ -4,7 +4,7 @@\n"));
	assert_non_null(strstr(diff, "\n-| 3 2 | B |"));
	assert_non_null(strstr(diff, "\n+| 2. | B |"));
	free(diff);
	assert_int_equal(wp_diff(&diff, "t.md", md, strlen(md), md, strlen(md)), WP_OK);
	assert_string_equal(diff, "");
	free(diff);
	free(out);
	wp_diags_clear(&again);
	wp_diags_clear(&d);
}

static void test_check__overlapping_fixes_apply_once(void **state)
{
	(void)state;
	wp_diags d = {0};
	char *out;
	size_t len, applied;
	wp_diags_add(&d, "f", 1, 1, WP_ERROR, "r", "a");
	wp_diags_set_fix(&d, 1, 4, 0, 3, "XYZ");
	wp_diags_add(&d, "f", 1, 2, WP_ERROR, "r", "b");
	wp_diags_set_fix(&d, 1, 3, 1, 1, "Q");
	assert_int_equal(wp_fix_apply(&out, &len, &applied, "f", "abcdef", 6, &d), WP_OK);
	assert_string_equal(out, "XYZdef");
	assert_int_equal(applied, 1);
	free(out);
	wp_diags_clear(&d);
}

/* --fix keeps every token of a cell, however long: 120 plan codes with
 * odd separators, 60 bodies run together (a fixed buffer kept 63 codes
 * and printed "0 errors"). */
static void test_check__fix_keeps_every_token(void **state)
{
	(void)state;
	wp_buf codes = {0}, bodies = {0}, md = {0};
	for (int i = 0; i < 120; i++)
		wp_buf_printf(&codes, "%s%s", i ? (i % 3 ? "/" : ", ") : "", i % 2 ? "SP1" : "FA1");
	for (int i = 0; i < 60; i++)
		wp_buf_printf(&bodies, "%s%s", i ? " " : "", i % 2 ? "Council" : "PTC");
	wp_buf_puts(&md, TOP);
	wp_buf_puts(&md, "| 1. | A | Y | Do a thing | ");
	wp_buf_puts(&md, codes.data);
	wp_buf_puts(&md, " | Development | ");
	wp_buf_puts(&md, bodies.data);
	wp_buf_puts(&md, " | One officer | KPI | 2024 | In progress. | Blue |\n" FOOT);
	wp_diags d = run(md.data, NULL, 1);
	assert_int_equal(test_count_rule(&d, "plan-codes.separator"), 1);
	assert_int_equal(test_count_rule(&d, "bodies.separator"), 1);
	char *out;
	size_t len, applied;
	assert_int_equal(wp_fix_apply(&out, &len, &applied, "t.md", md.data, md.len, &d), WP_OK);
	assert_int_equal(applied, 2);
	/* the fixed cells, read back: every token there, in order */
	wp_diags d2 = {0};
	wp_profile *prof = test_profile();
	wp_programme *p = NULL;
	assert_int_equal(wp_read_md(&p, out, len, "fixed.md", prof, &d2), WP_OK);
	char *got = test_field(p, 0, 0, "plan_codes"), *want = test_tokens(codes.data), *have = test_tokens(got);
	assert_string_equal(have, want);
	assert_null(strpbrk(got, ",/")); /* and separated the profile's way */
	free(got);
	free(want);
	free(have);
	got = test_field(p, 0, 0, "bodies");
	want = test_tokens(bodies.data);
	have = test_tokens(got);
	assert_string_equal(have, want);
	assert_int_equal(strlen(got), bodies.len + 59); /* ", " for each " " */
	free(got);
	free(want);
	free(have);
	wp_check_opts o = {NULL, NULL, 0, 0, NULL};
	assert_int_equal(wp_check(p, prof, &o, &d2), WP_OK);
	assert_int_equal(test_count_rule(&d2, "plan-codes.separator") + test_count_rule(&d2, "bodies.separator"), 0);
	wp_programme_free(p);
	wp_profile_free(prof);
	wp_diags_clear(&d2);
	free(out);
	wp_diags_clear(&d);
	wp_buf_free(&codes);
	wp_buf_free(&bodies);
	wp_buf_free(&md);
}

/* A column empty on every activity: one finding at its header, and none
 * per row (15 status.missing on the seed, where Word's colours were lost). */
static void test_check__empty_column_is_one_finding(void **state)
{
	(void)state;
	const char *md = TOP ROW("1.", "A", "Y", "SP1", "Development", "PTC, Council", "2024", "In progress.", "")
		ROW("2.", "B", "Y", "SP2", "Update", "PTC", "2025", "Completed.", "")
		ROW("3.", "B", "Y", "SP2", "Update", "PTC", "2025", "Postponed.", "") FOOT;
	wp_diags d = run(md, NULL, 0);
	assert_int_equal(test_count_rule(&d, "table.empty-column"), 1);
	const wp_diag *x = test_find_rule(&d, "table.empty-column");
	assert_int_equal(x->line, 3); /* the header */
	assert_non_null(strstr(x->message, "'Completion status' is empty on every one of the 3 activities"));
	assert_non_null(strstr(x->message, "lost when the document was exported from Word"));
	assert_int_equal(test_count_rule(&d, "status.missing"), 0);
	wp_diags_clear(&d);
	/* one row filled: the column is not empty, the rows speak for themselves */
	md = TOP ROW("1.", "A", "Y", "SP1", "Development", "PTC, Council", "2024", "In progress.", "Blue")
		ROW("2.", "B", "Y", "SP2", "Update", "PTC", "2025", "Completed.", "")
		ROW("3.", "B", "Y", "SP2", "Update", "PTC", "2025", "Postponed.", "") FOOT;
	d = run(md, NULL, 0);
	assert_int_equal(test_count_rule(&d, "table.empty-column"), 0);
	assert_int_equal(test_count_rule(&d, "status.missing"), 2);
	wp_diags_clear(&d);
}

/* A near miss is a warning with its fix; anything else an error. */
static void test_check__spelling_apart_from_value(void **state)
{
	(void)state;
	wp_diags d = run(TOP OK1 ROW("2.", "b", "N", "SP2 FA1", "Updating", "PTC", "2025", "Completed.", "Green") FOOT, NULL, 0);
	assert_int_equal(test_find_rule(&d, "task-type.spelling")->severity, WP_WARNING);
	assert_string_equal(test_find_rule(&d, "task-type.spelling")->fix_text, "Update");
	assert_int_equal(test_find_rule(&d, "priority.spelling")->severity, WP_WARNING);
	assert_string_equal(test_find_rule(&d, "priority.spelling")->fix_text, "B");
	assert_int_equal(test_count_rule(&d, "task-type.value") + test_count_rule(&d, "priority.value"), 0);
	wp_diags_clear(&d);
	d = run(TOP OK1 ROW("2.", "D", "N", "SP2 FA1", "Redesign", "PTC", "2025", "Completed.", "Green") FOOT, NULL, 0);
	assert_int_equal(test_find_rule(&d, "task-type.value")->severity, WP_ERROR);
	assert_int_equal(test_count_rule(&d, "priority.value"), 1);
	assert_int_equal(test_count_rule(&d, "task-type.spelling") + test_count_rule(&d, "priority.spelling"), 0);
	wp_diags_clear(&d);
}

/* A footnote defined twice: an error, and the HTML annex keeps its ids unique. */
static void test_check__footnote_defined_twice(void **state)
{
	(void)state;
	wp_diags d = run(TOP OK1 FOOT "\n¹ Another first note.\n", NULL, 0);
	assert_int_equal(test_count_rule(&d, "footnote.duplicate"), 1);
	assert_non_null(strstr(test_find_rule(&d, "footnote.duplicate")->message, "footnote 1 is defined twice"));
	wp_diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check__clean_programme_has_no_finding),
		cmocka_unit_test(test_check__registry_ids_unique_and_documented),
		cmocka_unit_test(test_check__numbering_missing),
		cmocka_unit_test(test_check__numbering_remnant),
		cmocka_unit_test(test_check__numbering_follows_the_renumbering),
		cmocka_unit_test(test_check__numbering_without_renumbering),
		cmocka_unit_test(test_check__numbering_gap_duplicate_order),
		cmocka_unit_test(test_check__numbering_renumber_with_fixes),
		cmocka_unit_test(test_check__numbering_dot_and_inserted),
		cmocka_unit_test(test_check__numbering_hierarchy),
		cmocka_unit_test(test_check__table_mandatory),
		cmocka_unit_test(test_check__link),
		cmocka_unit_test(test_check__priority_from_guidance),
		cmocka_unit_test(test_check__plan_codes),
		cmocka_unit_test(test_check__plan_codes_from_any_footnote),
		cmocka_unit_test(test_check__rules_say_what_they_lack),
		cmocka_unit_test(test_check__tracked_leftovers),
		cmocka_unit_test(test_check__task_type_near_miss_fixed),
		cmocka_unit_test(test_check__bodies),
		cmocka_unit_test(test_check__progress_and_status),
		cmocka_unit_test(test_check__continuous_timeline),
		cmocka_unit_test(test_check__timeline_period_and_overdue),
		cmocka_unit_test(test_check__footnotes),
		cmocka_unit_test(test_check__disable_skips_rules),
		cmocka_unit_test(test_check__rules_only_read_the_profile),
		cmocka_unit_test(test_check__fix_apply_and_diff),
		cmocka_unit_test(test_check__fix_keeps_every_token),
		cmocka_unit_test(test_check__empty_column_is_one_finding),
		cmocka_unit_test(test_check__spelling_apart_from_value),
		cmocka_unit_test(test_check__footnote_defined_twice),
		cmocka_unit_test(test_check__overlapping_fixes_apply_once),
	};
	return cmocka_run_group_tests_name("check", tests, NULL, NULL);
}
