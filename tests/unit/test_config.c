/* test_config.c: .wpgen.yaml (src/session/config.c): found from a
 * source's folder up to the root, the nearest winning for each value,
 * root: true, --config's one file; every key; each wrong value and
 * unknown key a finding at its position; a file that is not YAML refused
 * with its position. */
#include "testutil.h"

#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/wpgen-config-XXXXXX";
static char *here;

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir) || !(here = getcwd(NULL, 0)))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	free(here);
	return system(cmd) == 0 ? 0 : -1;
}

static void put(const char *rel, const char *text)
{
	char path[512], *slash;
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	for (slash = strchr(path + strlen(dir) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0777);
		*slash = '/';
	}
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static const char *path(const char *rel)
{
	static char p[4][512]; /* (two in one call) */
	static int k;
	k = (k + 1) % 4;
	snprintf(p[k], sizeof p[k], "%s/%s", dir, rel);
	return p[k];
}

/* The value of key (and name) in force, or NULL. */
static const wp_config_value *value(const wp_config *c, const char *key, const char *name)
{
	size_t n;
	const wp_config_value *v = wp_config_values(c, &n);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].key, key) && (!name || (v[i].name && !strcmp(v[i].name, name))))
			return &v[i];
	return NULL;
}

static void test_config__nearest_wins(void **state)
{
	(void)state;
	put("t1/.wpgen.yaml", "profile: joint-work-plan\nas_of: 2025-06-30\nlimits: {line: 1000, columns: 40}\n"
			      "severity: {link.no: note, plan-codes: warning}\ndisable: [bodies, timeline.overdue]\n");
	put("t1/a/.wpgen.yaml", "as_of: 2026-01-31\nlimits: {line: 2000}\nenable: bodies.self\n"
				"severity: {link.no: error}\n");
	put("t1/a/b/x.md", "");
	wp_configs *cs;
	const wp_config *c;
	wp_diags d = {0};
	assert_int_equal(wp_configs_new(&cs), WP_OK);
	assert_int_equal(wp_configs_for(cs, path("t1/a/b/x.md"), path("t1"), &c, &d), WP_OK);
	assert_int_equal(d.n, 0);
	size_t nf;
	const char *const *files = wp_config_files(c, &nf);
	assert_int_equal(nf, 2); /* the farthest first */
	assert_non_null(strstr(files[0], "t1/.wpgen.yaml"));
	assert_non_null(strstr(files[1], "t1/a/.wpgen.yaml"));
	assert_string_equal(wp_config_profile(c), "joint-work-plan"); /* only the far one says it */
	assert_string_equal(wp_config_as_of(c), "2026-01-31");        /* the near one wins */
	const wp_config_value *v = value(c, "as_of", NULL);
	assert_int_equal(v->line, 1);
	assert_int_equal(v->col, 8);
	/* limits: per name, the nearest; the caller's over both */
	wp_limits over = {0}, l;
	wp_config_limits(c, &over, &l);
	assert_int_equal(l.line, 2000);
	assert_int_equal(l.columns, 40);
	over.columns = 7;
	wp_config_limits(c, &over, &l);
	assert_int_equal(l.columns, 7);
	assert_int_equal(l.line, 2000);
	/* severity: the nearest file that names the rule */
	assert_int_equal(wp_config_severity(c, "link.no"), WP_ERROR);
	assert_int_equal(wp_config_severity(c, "plan-codes.unknown"), WP_WARNING);
	assert_int_equal(wp_config_severity(c, "priority.value"), -1);
	/* disable and enable: each file in turn, its enable over its disable */
	assert_true(wp_config_disables(c, "bodies.unknown"));
	assert_false(wp_config_disables(c, "bodies.self"));
	assert_true(wp_config_disables(c, "timeline.overdue"));
	assert_false(wp_config_disables(c, "link.no"));
	/* a source in t1 itself: the far file only */
	put("t1/y.md", "");
	assert_int_equal(wp_configs_for(cs, path("t1/y.md"), path("t1"), &c, &d), WP_OK);
	assert_string_equal(wp_config_as_of(c), "2025-06-30");
	assert_int_equal(wp_config_severity(c, "link.no"), WP_NOTE);
	/* the root given stops the walk: a file above it does not apply */
	assert_int_equal(wp_configs_for(cs, path("t1/a/b/x.md"), path("t1/a/b"), &c, &d), WP_OK);
	assert_null(c);
	wp_configs_free(cs);
	wp_diags_clear(&d);
}

static void test_config__root_true_and_one_file(void **state)
{
	(void)state;
	put("t2/.wpgen.yaml", "as_of: 2025-06-30\ndisable: link\n");
	put("t2/sub/.wpgen.yaml", "root: true\nprofile: ../profiles/mine.yaml\n");
	put("t2/sub/x.md", "");
	wp_configs *cs;
	const wp_config *c;
	wp_diags d = {0};
	assert_int_equal(wp_configs_new(&cs), WP_OK);
	assert_int_equal(wp_configs_for(cs, path("t2/sub/x.md"), path("t2"), &c, &d), WP_OK);
	size_t nf;
	wp_config_files(c, &nf);
	assert_int_equal(nf, 1);
	assert_null(wp_config_as_of(c));
	assert_false(wp_config_disables(c, "link.no"));
	/* a profile file is relative to the configuration that names it */
	assert_non_null(strstr(wp_config_profile(c), "t2/sub/../profiles/mine.yaml"));
	/* --config: that file, and no other */
	assert_int_equal(wp_configs_file(cs, path("t2/.wpgen.yaml"), &c, &d), WP_OK);
	assert_string_equal(wp_config_as_of(c), "2025-06-30");
	assert_true(wp_config_disables(c, "link.no"));
	assert_int_equal(d.n, 0);
	wp_configs_free(cs);
	wp_diags_clear(&d);
}

static void test_config__bad_values_are_findings(void **state)
{
	(void)state;
	put("t3/.wpgen.yaml", "profil: x\n"                    /* 1: unknown key */
			      "as_of: 2025-02-30\n"             /* 2: no day */
			      "disable: [numbering, nosuch]\n"  /* 3: an unknown rule */
			      "severity: {link.no: fatal, zz: note}\n" /* 4: a bad level, an unknown rule */
			      "limits: {line: -3, width: 9, columns: 12}\n" /* 5 */
			      "root: maybe\n"                   /* 6 */
			      "enable: {a: b}\n");              /* 7: a mapping */
	put("t3/x.md", "");
	wp_configs *cs;
	const wp_config *c;
	wp_diags d = {0};
	assert_int_equal(wp_configs_new(&cs), WP_OK);
	assert_int_equal(wp_configs_for(cs, path("t3/x.md"), path("t3"), &c, &d), WP_OK);
	static const struct {
		unsigned line, col;
		const char *rule;
	} want[] = {
		{1, 1, "config.unknown-key"}, {2, 8, "config.value"}, {3, 22, "config.value"}, {4, 21, "config.value"},
		{4, 28, "config.value"},      {5, 16, "config.value"}, {5, 20, "config.value"}, {6, 7, "config.value"},
		{7, 9, "config.value"},
	};
	assert_int_equal(d.n, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < d.n; i++) {
		assert_int_equal(d.items[i].line, want[i].line);
		assert_int_equal(d.items[i].col, want[i].col);
		assert_string_equal(d.items[i].rule, want[i].rule);
		assert_non_null(strstr(d.items[i].file, ".wpgen.yaml"));
	}
	assert_int_equal(d.errors, 8);
	assert_int_equal(d.warnings, 1);
	/* what is right stays */
	assert_true(wp_config_disables(c, "numbering.gap"));
	wp_limits l;
	wp_config_limits(c, NULL, &l);
	assert_int_equal(l.columns, 12);
	assert_int_equal(l.line, 0);
	assert_null(wp_config_as_of(c));
	/* said once: the file is read once */
	assert_int_equal(wp_configs_for(cs, path("t3/x.md"), path("t3"), &c, &d), WP_OK);
	assert_int_equal(d.n, sizeof want / sizeof want[0]);
	wp_configs_free(cs);
	wp_diags_clear(&d);
}

static void test_config__not_yaml_is_refused(void **state)
{
	(void)state;
	static const char *const bad[] = {"disable: [a, b\nas_of: 1\n", "- a list\n- not a mapping\n", "\"unclosed\n"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char rel[64];
		snprintf(rel, sizeof rel, "t4/%zu/.wpgen.yaml", i);
		put(rel, bad[i]);
		snprintf(rel, sizeof rel, "t4/%zu/x.md", i);
		put(rel, "");
		wp_configs *cs;
		const wp_config *c = (const wp_config *)1;
		wp_diags d = {0};
		assert_int_equal(wp_configs_new(&cs), WP_OK);
		assert_int_equal(wp_configs_for(cs, path(rel), path("t4"), &c, &d), WP_EUSAGE);
		assert_null(c);
		assert_int_equal(d.n, 1);
		assert_string_equal(d.items[0].rule, "config.invalid");
		assert_true(d.items[0].line >= 1);
		/* and again: still refused (said once) */
		assert_int_equal(wp_configs_for(cs, path(rel), path("t4"), &c, &d), WP_EUSAGE);
		assert_int_equal(d.n, 1);
		wp_configs_free(cs);
		wp_diags_clear(&d);
	}
	/* an empty file is no configuration, not an error */
	put("t4/e/.wpgen.yaml", "");
	put("t4/e/x.md", "");
	wp_configs *cs;
	const wp_config *c;
	wp_diags d = {0};
	assert_int_equal(wp_configs_new(&cs), WP_OK);
	assert_int_equal(wp_configs_for(cs, path("t4/e/x.md"), path("t4"), &c, &d), WP_OK);
	assert_int_equal(d.n, 0);
	wp_configs_free(cs);
	/* --config naming no file */
	assert_int_equal(wp_configs_new(&cs), WP_OK);
	assert_int_equal(wp_configs_file(cs, path("t4/none.yaml"), &c, &d), WP_EUSAGE);
	assert_string_equal(d.items[0].rule, "config.invalid");
	wp_configs_free(cs);
	wp_diags_clear(&d);
}

/* The configuration as a document is opened with it: the profile, as_of,
 * the rules off and the severities reach the findings; the command line's
 * --enable takes back what the file turns off. */
static void test_config__applied_to_a_document(void **state)
{
	(void)state;
	put("t5/.wpgen.yaml", "as_of: 2030-01-01\ndisable: timeline\nseverity: {priority: note}\n");
	char *md = NULL;
	size_t len;
	assert_int_equal(wp_read_file(&md, &len, "input/ctfi-work-programme-2024-2027.md"), WP_OK);
	/* a priority no guidance row allows: priority.value, an error */
	char *at = strstr(md, "| A |");
	assert_non_null(at);
	at[2] = 'Q';
	char p[512];
	snprintf(p, sizeof p, "%s/t5/x.md", dir);
	FILE *f = fopen(p, "w");
	fwrite(md, 1, len, f);
	fclose(f);
	free(md);
	wp_env *env;
	wp_configs *cs;
	const wp_config *c;
	wp_diags d = {0};
	assert_int_equal(wp_env_new(&env, "."), WP_OK);
	assert_int_equal(wp_configs_new(&cs), WP_OK);
	assert_int_equal(wp_configs_for(cs, p, path("t5"), &c, &d), WP_OK);
	wp_doc_opts o = {0};
	o.check = 1;
	o.config = c;
	wp_doc *doc;
	assert_int_equal(wp_doc_open(&doc, env, p, &o, &d), WP_OK);
	assert_string_equal(doc->p->as_of, "2030-01-01");
	assert_int_equal(test_count_rule(&d, "timeline.overdue"), 0);
	const wp_diag *x = test_find_rule(&d, "priority.value");
	assert_non_null(x);
	assert_int_equal(x->severity, WP_NOTE);
	assert_int_equal(d.errors, 0);
	int found = 0; /* the configuration is a dependency of the document */
	for (size_t i = 0; i < doc->ndeps; i++)
		found |= strstr(doc->deps[i], "t5/.wpgen.yaml") != NULL;
	assert_true(found);
	wp_doc_free(doc);
	wp_diags_clear(&d);
	/* --enable timeline: run after all; and --as-of wins over the file */
	const char *en[] = {"timeline"};
	o.enable = en;
	o.nenable = 1;
	o.as_of = "2031-12-31";
	assert_int_equal(wp_doc_open(&doc, env, p, &o, &d), WP_OK);
	assert_string_equal(doc->p->as_of, "2031-12-31");
	assert_true(test_count_rule(&d, "timeline.overdue") > 0);
	wp_doc_free(doc);
	wp_diags_clear(&d);
	wp_configs_free(cs);
	wp_env_free(env);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config__nearest_wins),
		cmocka_unit_test(test_config__root_true_and_one_file),
		cmocka_unit_test(test_config__bad_values_are_findings),
		cmocka_unit_test(test_config__not_yaml_is_refused),
		cmocka_unit_test(test_config__applied_to_a_document),
	};
	return cmocka_run_group_tests_name("config", tests, setup, teardown);
}
