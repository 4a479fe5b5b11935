/* test_doc.c: the one document pipeline: probe (format, profile, plan,
 * what a document depends on) and load (read, report into plan, --set,
 * tracked changes, rules), for every way a document can be opened. */
#include "testutil.h"

#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/wpgen-doc-XXXXXX";
static wp_env *env;

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	return wp_env_new(&env, ".") == WP_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	wp_env_free(env);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static const char *tmp_path(const char *name)
{
	static char path[4][256];
	static int k;
	k = (k + 1) % 4;
	snprintf(path[k], sizeof path[k], "%s/%s", dir, name);
	return path[k];
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
}

static char *slurp(const char *path)
{
	char *buf;
	size_t len;
	assert_int_equal(wp_read_file(&buf, &len, path), WP_OK);
	return buf;
}

#define PLAN "---\nperiod: 2019-2022\n---\n" PLAN_BODY
#define PLAN_BODY "\n# Plan\n\n" \
	"## 1. Joint events\n\n| No | Action | Time frame |\n|---|---|---|\n| 1.1 | Workshops | 2020 |\n\n" \
	"## 2. Sea Containers\n\n| No | Action | Time frame |\n|---|---|---|\n| 2.1 | Raise awareness | 2020 |\n"

static void test_doc__profile_by_option_name_or_file(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_doc *doc = NULL;
	wp_doc_opts o = {0};
	o.profile = "joint-work-plan";
	write_file(tmp_path("plan.md"), PLAN);
	assert_int_equal(wp_doc_open(&doc, env, tmp_path("plan.md"), &o, &d), WP_OK);
	assert_int_equal(doc->choice, WP_CHOICE_OPTION);
	assert_string_equal(doc->profile->name, "joint-work-plan");
	assert_int_equal(doc->p->nsections, 2);
	wp_doc_free(doc);
	/* a profile file by any name: my.yml is a file, not profiles/my.yml.yaml */
	char *yaml = slurp("profiles/joint-work-plan.yaml");
	write_file(tmp_path("my.yml"), yaml);
	free(yaml);
	o.profile = tmp_path("my.yml");
	assert_int_equal(wp_doc_open(&doc, env, tmp_path("plan.md"), &o, &d), WP_OK);
	assert_string_equal(doc->profile->name, "joint-work-plan");
	assert_string_equal(doc->deps[0], tmp_path("my.yml"));
	wp_doc_free(doc);
	assert_int_equal(d.errors, 0);
	/* a name that is no profile, a file that is not there */
	o.profile = "nosuch";
	assert_int_equal(wp_doc_open(&doc, env, tmp_path("plan.md"), &o, &d), WP_EUSAGE);
	assert_null(doc);
	assert_non_null(strstr(test_find_rule(&d, "profile.invalid")->message, "no profile named 'nosuch'"));
	wp_diags_clear(&d);
	o.profile = tmp_path("none.yaml");
	assert_int_equal(wp_doc_open(&doc, env, tmp_path("plan.md"), &o, &d), WP_EUSAGE);
	assert_non_null(strstr(test_find_rule(&d, "profile.invalid")->message, "No such file"));
	wp_diags_clear(&d);
}

static void test_doc__profile_named_by_the_source_or_picked(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_doc *doc = NULL;
	wp_doc_opts o = {0};
	/* named */
	write_file(tmp_path("named.md"), "---\nprofile: joint-work-plan\nperiod: 2019-2022\n---\n" PLAN_BODY);
	assert_int_equal(wp_doc_open(&doc, env, tmp_path("named.md"), &o, &d), WP_OK);
	assert_int_equal(doc->choice, WP_CHOICE_NAMED);
	assert_string_equal(doc->profile->name, "joint-work-plan");
	wp_doc_free(doc);
	/* picked from its structure */
	write_file(tmp_path("plain.md"), PLAN);
	assert_int_equal(wp_doc_open(&doc, env, tmp_path("plain.md"), &o, &d), WP_OK);
	assert_int_equal(doc->choice, WP_CHOICE_STRUCTURE);
	assert_string_equal(doc->profile->name, "joint-work-plan");
	wp_doc_free(doc);
	/* no_pick: the default */
	o.no_pick = 1;
	assert_int_equal(wp_doc_probe(&doc, env, tmp_path("plain.md"), &o, &d), WP_OK);
	assert_int_equal(doc->choice, WP_CHOICE_DEFAULT);
	assert_string_equal(doc->source_profile->name, "wco-working-body");
	wp_doc_free(doc);
	assert_int_equal(d.n, 0);
	/* a name that is not plain, a name wpgen lacks: the source's error, at its line */
	write_file(tmp_path("bad.md"), "---\ntitle: x\nprofile: ../../etc/x\n---\n" PLAN_BODY);
	assert_int_equal(wp_doc_open(&doc, env, tmp_path("bad.md"), &o, &d), WP_EINPUT);
	assert_int_equal(test_find_rule(&d, "read.profile")->line, 3);
	assert_non_null(strstr(test_find_rule(&d, "read.profile")->message, "not a plain name"));
	wp_diags_clear(&d);
	write_file(tmp_path("typo.md"), "---\nprofile: joint-work-plans\n---\n" PLAN_BODY);
	assert_int_equal(wp_doc_open(&doc, env, tmp_path("typo.md"), &o, &d), WP_EINPUT);
	assert_non_null(strstr(test_find_rule(&d, "read.profile")->message, "which wpgen does not have"));
	wp_diags_clear(&d);
}

static void test_doc__what_a_document_depends_on(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_doc *doc = NULL;
	wp_doc_opts o = {0};
	assert_int_equal(wp_doc_probe(&doc, env, "input/ctfi-work-programme-2024-2027.md", &o, &d), WP_OK);
	assert_int_equal(doc->kind, WP_SOURCE_MARKDOWN);
	/* it names no profile: picked among them all, it depends on them all */
	assert_int_equal(doc->choice, WP_CHOICE_DEFAULT);
	assert_string_equal(doc->deps[0], "./profiles/wco-working-body.yaml");
	assert_int_equal(doc->ndeps, 5);
	assert_null(doc->p); /* a probe reads nothing but metadata */
	wp_doc_free(doc);
	assert_int_equal(wp_doc_probe(&doc, env, "input/timber-legality-joint-work-plan-2024-2027.xml", &o, &d), WP_OK);
	assert_int_equal(doc->kind, WP_SOURCE_XML);
	assert_int_equal(doc->ndeps, 2);
	assert_string_equal(doc->deps[1], "./schema/wpgen.rng");
	wp_doc_free(doc);
	assert_int_equal(d.n, 0);
}

static void test_doc__a_report_and_its_plan(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_doc *doc = NULL;
	wp_doc_opts o = {0};
	o.check = 1;
	const char *report = "---\nprofile: progress-report\nplan: plan-r.md\n---\n\n# Report\n\n## Area 1\n\nDone.\n";
	write_file(tmp_path("report.md"), report);
	/* no plan there: report.plan on the report, where it names the plan */
	assert_int_equal(wp_doc_open(&doc, env, tmp_path("report.md"), &o, &d), WP_EINPUT);
	const wp_diag *x = test_find_rule(&d, "report.plan");
	assert_non_null(x);
	assert_string_equal(x->file, tmp_path("report.md"));
	assert_int_equal(x->line, 3);
	assert_non_null(strstr(x->message, "cannot read the plan"));
	wp_diags_clear(&d);
	/* a plan that names its profile by a path: its own error, in the plan */
	write_file(tmp_path("plan-r.md"), "---\nperiod: 2019-2022\nprofile: ../profiles/joint-work-plan\n---\n\n# P\n");
	assert_int_equal(wp_doc_open(&doc, env, tmp_path("report.md"), &o, &d), WP_EINPUT);
	assert_string_equal(test_find_rule(&d, "read.profile")->file, tmp_path("plan-r.md"));
	assert_int_equal(test_find_rule(&d, "read.profile")->line, 3);
	wp_diags_clear(&d);
	/* the plan, read with the report profile's kind of plan, the report set in */
	write_file(tmp_path("plan-r.md"), PLAN);
	assert_int_equal(wp_doc_open(&doc, env, tmp_path("report.md"), &o, &d), WP_OK);
	assert_string_equal(doc->profile->name, "joint-work-plan");
	assert_string_equal(doc->source_profile->name, "progress-report");
	assert_non_null(doc->report);
	assert_int_equal(doc->p->nsections, 2);
	assert_true(doc->p->sections[0].reported);
	assert_string_equal(doc->p->title, "Report");
	assert_string_equal(doc->plan_path, tmp_path("plan-r.md"));
	/* it depends on the plan and the plan's profile too */
	int has_plan = 0, has_jwp = 0;
	for (size_t i = 0; i < doc->ndeps; i++) {
		has_plan |= !strcmp(doc->deps[i], tmp_path("plan-r.md"));
		has_jwp |= strstr(doc->deps[i], "joint-work-plan.yaml") != NULL;
	}
	assert_true(has_plan && has_jwp);
	assert_int_equal(test_count_rule(&d, "report.uncovered"), 1);
	wp_doc_free(doc);
	wp_diags_clear(&d);
	/* a report that names no plan */
	write_file(tmp_path("noplan.md"), "---\nprofile: progress-report\n---\n\n# Report\n\n## Area 1\n\nDone.\n");
	assert_int_equal(wp_doc_open(&doc, env, tmp_path("noplan.md"), &o, &d), WP_EINPUT);
	assert_non_null(strstr(test_find_rule(&d, "report.plan")->message, "plan: FILE"));
	wp_diags_clear(&d);
}

static void test_doc__set_changes_rules_and_io(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_doc *doc = NULL;
	wp_doc_opts o = {0};
	const char *set[] = {"session=PC \"x\": 2", "as_of=2025-01-01"};
	o.set = set;
	o.nset = 2;
	o.check = 1;
	assert_int_equal(wp_doc_open(&doc, env, "input/ctfi-work-programme-2024-2027.md", &o, &d), WP_OK);
	assert_string_equal(doc->p->session, "PC \"x\": 2");
	assert_string_equal(doc->p->as_of, "2025-01-01");
	wp_doc_free(doc);
	const char *bad[] = {"as_of=soon"};
	o.set = bad;
	o.nset = 1;
	assert_int_equal(wp_doc_open(&doc, env, "input/ctfi-work-programme-2024-2027.md", &o, &d), WP_EUSAGE);
	assert_non_null(strstr(test_find_rule(&d, "meta.invalid")->message, "YYYY-MM-DD"));
	wp_diags_clear(&d);
	o.nset = 0;
	/* rules run, and a disabled family is neither run nor reported */
	assert_int_equal(wp_doc_open(&doc, env, "tests/golden/scars.md", &o, &d), WP_OK);
	assert_true(test_count_rule(&d, "numbering.remnant") > 0);
	assert_true(test_count_rule(&d, "table.cells") > 0);
	wp_doc_free(doc);
	wp_diags_clear(&d);
	const char *off[] = {"numbering.remnant", "table.cells"};
	o.disable = off;
	o.ndisable = 2;
	assert_int_equal(wp_doc_open(&doc, env, "tests/golden/scars.md", &o, &d), WP_OK);
	assert_int_equal(test_count_rule(&d, "numbering.remnant"), 0);
	assert_int_equal(test_count_rule(&d, "table.cells"), 0); /* a reader's finding too */
	wp_doc_free(doc);
	wp_diags_clear(&d);
	o.ndisable = 0;
	/* a version of the tracked changes */
	o.changes = WP_CHANGES_REJECT;
	o.check = 0;
	assert_int_equal(wp_doc_open(&doc, env, "tests/golden/changes.md", &o, &d), WP_OK);
	size_t rejected = wp_programme_activities(doc->p);
	wp_doc_free(doc);
	o.changes = WP_CHANGES_SHOW;
	assert_int_equal(wp_doc_open(&doc, env, "tests/golden/changes.md", &o, &d), WP_OK);
	assert_true(wp_programme_activities(doc->p) > rejected);
	wp_doc_free(doc);
	/* a file that cannot be read is a finding, in every format */
	assert_int_equal(wp_doc_open(&doc, env, tmp_path("missing.md"), &o, &d), WP_EIO);
	assert_null(doc);
	const wp_diag *x = test_find_rule(&d, "io.read");
	assert_non_null(x);
	assert_int_equal(d.errors, 1);
	assert_non_null(strstr(x->message, "No such file or directory"));
	wp_diags_clear(&d);
}

static void test_doc__from_memory(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_doc *doc = NULL;
	wp_doc_opts o = {0};
	o.check = 1;
	char *md = slurp("input/joint-work-plan-2025-2028.md");
	assert_int_equal(wp_doc_probe_mem(&doc, env, "<import>", md, strlen(md), &o, &d), WP_OK);
	free(md); /* copied */
	assert_int_equal(wp_doc_load(doc, env, &o, &d), WP_OK);
	assert_string_equal(doc->name, "<import>");
	assert_string_equal(doc->profile->name, "joint-work-plan");
	assert_int_equal(wp_doc_load(doc, env, &o, &d), WP_EUSAGE); /* once */
	wp_doc_free(doc);
	wp_diags_clear(&d);
}

/* Whether a Markdown source is a programme at all (what build and check
 * skip in a folder): every way of saying so, each way of not being one,
 * and no false skip of a programme of any profile. */
static void test_doc__not_a_programme(void **state)
{
	(void)state;
	static const struct {
		const char *md;
		int programme;
	} cases[] = {
		{"# Notes\n\nSome text.\n", 0},                                              /* no table */
		{"# Notes\n\n| Rule | Meaning |\n|---|---|\n| a | b |\n", 0},               /* a table of something else */
		{"# Notes\n\n## A\n\ntext\n\n## B\n\nmore\n", 0},                        /* headings: a report without a plan */
		{"---\nprogramme: no\n---\n" PLAN_BODY, 0},                                  /* says so, tables or not */
		{"---\nprogramme: No\n---\n# x\n", 0},
		{"---\nprogramme: yes\n---\n# Notes\n\n| Rule | Meaning |\n|---|---|\n| a | b |\n", 1},
		{"---\nprofile: wco-working-body\n---\n# Notes\n", 1},                       /* names a profile */
		{PLAN_BODY, 1},                                                               /* a joint work plan's tables */
		{"# P\n\n| No. | Priority | Activity |\n|---|---|---|\n| 1 | High | x |\n", -1}, /* see below */
		{"---\nplan: plan.md\n---\n# Report\n\n## 1. Joint events\n\nDone.\n", 1}, /* a report with its plan */
		{"", 0},
		{"%PDF-1.7 a file named .md", 1}, /* binary: read, and refused (read.binary) */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		wp_diags d = {0};
		wp_doc *doc = NULL;
		wp_doc_opts o = {0};
		write_file(tmp_path("plan.md"), PLAN);
		write_file(tmp_path("n.md"), cases[i].md);
		assert_int_equal(wp_doc_probe(&doc, env, tmp_path("n.md"), &o, &d), WP_OK);
		if (cases[i].programme >= 0 && (doc->not_programme != NULL) != !cases[i].programme)
			fail_msg("case %zu: %s", i, doc->not_programme ? doc->not_programme : "a programme");
		if (cases[i].programme < 0) /* whatever its header, the verdict agrees with the reader's */
			assert_int_equal(doc->not_programme != NULL, wp_profile_fit(doc->profile, doc->text, doc->len) == 0);
		wp_doc_free(doc);
		wp_diags_clear(&d);
	}
	/* every sample and seed a programme, of whatever profile or format */
	const char *const files[] = {"input/ctfi-work-programme-2024-2027.md", "input/enforcement-work-programme-2025-2028.md",
				     "input/green-border-workshop-action-points.md", "input/joint-work-plan-2025-2028.md",
				     "input/seed-cooperation-progress-report.md", "input/seed-testing-guidelines-schedule.md",
				     "input/rkc-work-programme-2025-2028.docx", "input/timber-legality-joint-work-plan-2024-2027.xml",
				     "../shared/seeds/ptc-work-programme-2022-2025.md"};
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		wp_diags d = {0};
		wp_doc *doc = NULL;
		wp_doc_opts o = {0};
		if (access(files[i], R_OK) != 0)
			continue; /* (the seed: absent without ../shared) */
		assert_int_equal(wp_doc_probe(&doc, env, files[i], &o, &d), WP_OK);
		if (doc->not_programme)
			fail_msg("%s: %s", files[i], doc->not_programme);
		wp_doc_free(doc);
		wp_diags_clear(&d);
	}
	/* the key is metadata: it round-trips, and a value that is neither is an error */
	wp_diags d = {0};
	wp_doc *doc = NULL;
	wp_doc_opts o = {0};
	write_file(tmp_path("n.md"), "---\nprogramme: perhaps\n---\n" PLAN_BODY);
	assert_int_equal(wp_doc_open(&doc, env, tmp_path("n.md"), &o, &d), WP_OK);
	assert_null(doc->not_programme);
	assert_int_equal(d.errors, 1);
	assert_string_equal(d.items[0].rule, "meta.invalid");
	wp_doc_free(doc);
	wp_diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_doc__profile_by_option_name_or_file),
		cmocka_unit_test(test_doc__profile_named_by_the_source_or_picked),
		cmocka_unit_test(test_doc__what_a_document_depends_on),
		cmocka_unit_test(test_doc__a_report_and_its_plan),
		cmocka_unit_test(test_doc__set_changes_rules_and_io),
		cmocka_unit_test(test_doc__from_memory),
		cmocka_unit_test(test_doc__not_a_programme),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
