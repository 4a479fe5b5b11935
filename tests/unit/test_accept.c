/* test_accept.c: findings acknowledged in the source (src/session/
 * accept.c): front matter accept: entries matched to the findings of
 * their activity (or of the whole document), marked accepted and not
 * counted; an entry that matches nothing is stale, one that names no rule
 * is invalid; the entries survive Markdown, XML and Word. */
#include "testutil.h"
#include "base/util.h"

static wp_env *env;
static char *sample;

static int setup(void **state)
{
	(void)state;
	size_t len;
	if (wp_read_file(&sample, &len, "input/ctfi-work-programme-2024-2027.md") != WP_OK)
		return -1;
	/* activity I.2 without a link to the Strategic Plan: link.no */
	char *at = strstr(sample, "| 2. | B | Y |");
	if (!at)
		return -1;
	at[11] = 'N';
	return wp_env_new(&env, ".") == WP_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	free(sample);
	wp_env_free(env);
	return 0;
}

/* The sample under front matter fm, opened and checked. */
static wp_doc *open_with(const char *fm, wp_diags *d)
{
	wp_buf b = {0};
	wp_buf_printf(&b, "---\n%s---\n%s", fm, sample);
	wp_doc_opts o = {0};
	o.check = 1;
	wp_doc *doc = NULL;
	assert_int_equal(wp_doc_probe_mem(&doc, env, "x.md", b.data, b.len, &o, d), WP_OK);
	assert_int_equal(wp_doc_load(doc, env, &o, d), WP_OK);
	wp_buf_free(&b);
	return doc;
}

static size_t accepted(const wp_diags *d, const char *rule)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++)
		n += d->items[i].accepted && !strcmp(d->items[i].rule, rule);
	return n;
}

static void test_accept__matches_its_activity(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_doc *doc = open_with("", &d);
	assert_int_equal(test_count_rule(&d, "link.no"), 1);
	size_t warnings = d.warnings;
	assert_int_equal(d.accepted, 0);
	wp_doc_free(doc);
	wp_diags_clear(&d);
	/* by id, by family, and anywhere ('*'): each accepts it */
	static const char *const entries[] = {
		"accept:\n  - {rule: link.no, at: I.2, why: decided at the 12th session}\n",
		"accept:\n  - rule: link\n    at: I.2\n    why: decided at the 12th session\n",
		"accept: {rule: link.no, at: '*', why: decided at the 12th session}\n",
	};
	for (size_t i = 0; i < sizeof entries / sizeof entries[0]; i++) {
		doc = open_with(entries[i], &d);
		assert_int_equal(accepted(&d, "link.no"), 1);
		assert_int_equal(d.accepted, 1);
		assert_int_equal(d.warnings, warnings - 1); /* not counted */
		assert_int_equal(test_count_rule(&d, "accept.stale"), 0);
		const wp_diag *x = test_find_rule(&d, "link.no");
		assert_string_equal(x->accepted, "decided at the 12th session");
		assert_int_equal(doc->p->naccepts, 1);
		wp_doc_free(doc);
		wp_diags_clear(&d);
	}
}

static void test_accept__stale_and_invalid(void **state)
{
	(void)state;
	wp_diags d = {0};
	/* another activity, another rule, a rule wpgen lacks, a key missing */
	wp_doc *doc = open_with("accept:\n"
				"  - {rule: link.no, at: I.1, why: wrong row}\n"       /* line 3: stale */
				"  - {rule: priority.value, at: I.2, why: no such}\n"  /* 4: stale */
				"  - {rule: nosuch, at: I.2, why: x}\n"                /* 5: invalid */
				"  - {rule: link.no, at: I.2}\n"                       /* 6: no why */
				"  - just text\n",                                     /* 7: not a mapping */
				&d);
	assert_int_equal(accepted(&d, "link.no"), 0);
	assert_int_equal(test_count_rule(&d, "accept.stale"), 2);
	assert_int_equal(test_count_rule(&d, "accept.invalid"), 3);
	unsigned want_stale[] = {3, 4}, want_invalid[] = {5, 6, 7}, ks = 0, ki = 0;
	wp_diags_sort(&d);
	for (size_t i = 0; i < d.n; i++) {
		if (!strcmp(d.items[i].rule, "accept.stale")) {
			assert_int_equal(d.items[i].line, want_stale[ks++]);
			assert_int_equal(d.items[i].severity, WP_WARNING);
		} else if (!strcmp(d.items[i].rule, "accept.invalid")) {
			assert_int_equal(d.items[i].line, want_invalid[ki++]);
			assert_int_equal(d.items[i].severity, WP_ERROR);
		}
	}
	assert_non_null(strstr(test_find_rule(&d, "accept.stale")->message, "at I.1"));
	wp_doc_free(doc);
	wp_diags_clear(&d);
	/* an entry whose rule does not run is not stale */
	wp_buf b = {0};
	wp_buf_printf(&b, "---\naccept:\n  - {rule: priority, at: I.2, why: x}\n---\n%s", sample);
	const char *off[] = {"priority.value", "priority.spelling"};
	wp_doc_opts o = {0};
	o.check = 1;
	o.disable = off;
	o.ndisable = 2;
	assert_int_equal(wp_doc_probe_mem(&doc, env, "x.md", b.data, b.len, &o, &d), WP_OK);
	assert_int_equal(wp_doc_load(doc, env, &o, &d), WP_OK);
	assert_int_equal(test_count_rule(&d, "accept.stale"), 0);
	wp_doc_free(doc);
	wp_diags_clear(&d);
	wp_buf_free(&b);
	/* '*' unquoted is YAML's alias mark: said so */
	doc = NULL;
	wp_buf_printf(&b, "---\naccept:\n  - {rule: link.no, at: *, why: x}\n---\n%s", sample);
	o.ndisable = 0;
	assert_int_equal(wp_doc_probe_mem(&doc, env, "x.md", b.data, b.len, &o, &d), WP_OK);
	wp_doc_load(doc, env, &o, &d);
	const wp_diag *x = test_find_rule(&d, "meta.invalid");
	assert_non_null(x);
	assert_non_null(strstr(x->message, "quote it"));
	wp_doc_free(doc);
	wp_diags_clear(&d);
	wp_buf_free(&b);
}

/* The entries go through every format wpgen writes a source in, and
 * accept the same findings read back. */
static void test_accept__survive_every_format(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_doc *doc = open_with("accept:\n  - {rule: link.no, at: I.2, why: \"decided, at \\\"12\\\": yes\"}\n", &d);
	assert_int_equal(d.accepted, 1);
	char *out[3] = {NULL, NULL, NULL};
	size_t len[3];
	assert_int_equal(wp_write_md(&out[0], &len[0], doc->p, doc->profile, 0, doc->facts), WP_OK);
	assert_int_equal(wp_write_xml(&out[1], &len[1], doc->p, doc->profile, WP_XML_SOURCE, doc->facts), WP_OK);
	wp_docx_options x = {0};
	assert_int_equal(wp_write_docx(&out[2], &len[2], doc->p, doc->profile, doc->facts, &x, &d), WP_OK);
	wp_doc_free(doc);
	static const char *const names[3] = {"y.md", "y.xml", "y.docx"};
	for (int f = 0; f < 3; f++) {
		wp_diags e = {0};
		wp_doc_opts o = {0};
		o.check = 1;
		assert_int_equal(wp_doc_probe_mem(&doc, env, names[f], out[f], len[f], &o, &e), WP_OK);
		assert_int_equal(wp_doc_load(doc, env, &o, &e), WP_OK);
		assert_int_equal(doc->p->naccepts, 1);
		assert_string_equal(doc->p->accepts[0].why, "decided, at \"12\": yes");
		assert_string_equal(doc->p->accepts[0].at, "I.2");
		assert_int_equal(accepted(&e, "link.no"), 1);
		assert_int_equal(test_count_rule(&e, "accept.stale"), 0);
		wp_doc_free(doc);
		wp_diags_clear(&e);
		free(out[f]);
	}
	wp_diags_clear(&d);
}

/* In a Word original an acknowledgement's own finding says where it is
 * (the document property), as every finding of a .docx does. */
static void test_accept__stale_in_word_says_where(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_doc *doc = open_with("accept:\n  - {rule: link.no, at: I.9, why: old}\n", &d);
	assert_int_equal(test_count_rule(&d, "accept.stale"), 1);
	char *out;
	size_t len;
	wp_docx_options x = {0};
	assert_int_equal(wp_write_docx(&out, &len, doc->p, doc->profile, doc->facts, &x, &d), WP_OK);
	wp_doc_free(doc);
	wp_diags_clear(&d);
	wp_doc_opts o = {0};
	o.check = 1;
	assert_int_equal(wp_doc_probe_mem(&doc, env, "y.docx", out, len, &o, &d), WP_OK);
	assert_int_equal(wp_doc_load(doc, env, &o, &d), WP_OK);
	const wp_diag *st = test_find_rule(&d, "accept.stale");
	assert_non_null(st);
	assert_non_null(st->where);
	assert_non_null(strstr(st->where, "wpgen:accept"));
	wp_doc_free(doc);
	wp_diags_clear(&d);
	free(out);
}

/* --fix leaves an accepted finding as the committee wants it. */
static void test_accept__fix_leaves_it(void **state)
{
	(void)state;
	const char *src = "abc";
	wp_diags d = {0};
	wp_diags_add(&d, "x.md", 1, 1, WP_WARNING, "priority.spelling", "written otherwise");
	wp_diags_set_fix(&d, 1, 2, 0, 1, "A");
	char *out;
	size_t len, applied;
	assert_int_equal(wp_fix_apply(&out, &len, &applied, "x.md", src, 3, &d), WP_OK);
	assert_int_equal(applied, 1);
	free(out);
	assert_int_equal(wp_diags_accept(&d, 0, "the committee writes it so"), WP_OK);
	assert_int_equal(d.warnings, 0);
	assert_int_equal(d.accepted, 1);
	assert_int_equal(wp_fix_apply(&out, &len, &applied, "x.md", src, 3, &d), WP_OK);
	assert_int_equal(applied, 0);
	assert_memory_equal(out, "abc", 3);
	free(out);
	/* a severity changed on an accepted finding leaves the counts alone */
	wp_diags_set_severity(&d, 0, WP_ERROR);
	assert_int_equal(d.errors, 0);
	assert_int_equal(d.accepted, 1);
	wp_diags_recount(&d);
	assert_int_equal(d.errors, 0);
	assert_int_equal(d.accepted, 1);
	wp_diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accept__matches_its_activity),
		cmocka_unit_test(test_accept__stale_and_invalid),
		cmocka_unit_test(test_accept__survive_every_format),
		cmocka_unit_test(test_accept__stale_in_word_says_where),
		cmocka_unit_test(test_accept__fix_leaves_it),
	};
	return cmocka_run_group_tests_name("accept", tests, setup, teardown);
}
