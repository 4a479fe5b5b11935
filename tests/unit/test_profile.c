/* test_profile.c: profiles are data, loaded with libyaml. */
#include "testutil.h"

static void test_profile__shipped_profile_loads(void **state)
{
	(void)state;
	wp_profile *p = test_profile();
	assert_string_equal(p->name, "wco-working-body");
	assert_string_equal(p->annex_marker, "Annex to");
	assert_int_equal(p->nsections, 2);
	const wp_profile_section *t = wp_profile_section_kind(p, "timeframe");
	const wp_profile_section *c = wp_profile_section_kind(p, "continuous");
	assert_non_null(t);
	assert_non_null(c);
	assert_null(wp_profile_section_kind(p, "nope"));
	assert_int_equal(t->ncolumns, 12);
	assert_int_equal(c->ncolumns, 11);
	assert_string_equal(t->columns[11].key, "status");
	assert_true(t->columns[11].roles & WP_ROLE_STATUS);
	assert_true(t->columns[0].roles & WP_ROLE_NUMBER);
	assert_true(t->columns[1].roles & WP_ROLE_CONTINUATION);
	const wp_profile_colour *g = wp_profile_colour_find(p, "GREEN", 5);
	assert_non_null(g);
	assert_string_equal(g->meaning, "Completed");
	assert_null(wp_profile_colour_find(p, "purple", 6));
	wp_profile_free(p);
}

static int parse(const char *yaml, wp_diags *d, wp_profile **out)
{
	return wp_profile_parse(out, yaml, strlen(yaml), "p.yaml", d);
}

static void test_profile__errors_have_positions(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_profile *p = NULL;
	assert_int_equal(parse("name: [unclosed\n", &d, &p), WP_EINPUT);
	assert_null(p);
	assert_string_equal(d.items[0].rule, "profile.invalid");
	assert_int_equal(d.items[0].line, 2);
	wp_diags_clear(&d);

	assert_int_equal(parse("name: x\n", &d, &p), WP_EINPUT);
	assert_non_null(test_find_rule(&d, "profile.invalid"));
	wp_diags_clear(&d);

	assert_int_equal(parse("name: x\nsections:\n  - kind: a\n    columns:\n      - {key: k, header: H, roles: [flying]}\n",
			       &d, &p), WP_EINPUT);
	const wp_diag *x = test_find_rule(&d, "profile.invalid");
	assert_non_null(strstr(x->message, "flying"));
	assert_int_equal(x->line, 5);
	wp_diags_clear(&d);

	assert_int_equal(parse("name: x\nsections:\n  - kind: a\n    columns:\n      - {key: k, header: H}\n      - {key: k, header: J}\n",
			       &d, &p), WP_EINPUT);
	assert_non_null(strstr(test_find_rule(&d, "profile.invalid")->message, "twice"));
	wp_diags_clear(&d);

	assert_int_equal(parse("- a list\n", &d, &p), WP_EINPUT);
	wp_diags_clear(&d);
}

static void test_profile__unknown_key_warned(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_profile *p = NULL;
	assert_int_equal(parse("name: x\ncolor: red\nsections:\n  - kind: a\n    columns:\n      - {key: k, header: H}\n", &d, &p),
			 WP_OK);
	const wp_diag *x = test_find_rule(&d, "profile.unknown-key");
	assert_non_null(x);
	assert_int_equal(x->line, 2);
	assert_int_equal(x->severity, WP_WARNING);
	wp_profile_free(p);
	wp_diags_clear(&d);
}

static void test_profile__missing_file(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_profile *p = NULL;
	assert_int_equal(wp_profile_load(&p, "no/such/profile.yaml", &d), WP_EIO);
	assert_non_null(test_find_rule(&d, "io.read"));
	wp_diags_clear(&d);
}

static void test_profile__columns_come_from_profile_not_code(void **state)
{
	(void)state;
	/* A profile of another shape drives the reader: no column is built in. */
	wp_diags d = {0};
	wp_profile *prof = NULL;
	assert_int_equal(parse("name: tiny\nsections:\n  - kind: tasks\n    columns:\n"
			       "      - {key: id, header: Ref, roles: [number, continuation]}\n"
			       "      - {key: what, header: Task}\n", &d, &prof), WP_OK);
	wp_programme *p = NULL;
	const char *md = "| Ref | Task |\n|---|---|\n| 1. | Write |\n| | more |\n";
	assert_int_equal(wp_read_md(&p, md, strlen(md), "t.md", prof, &d), WP_OK);
	assert_string_equal(p->sections[0].kind, "tasks");
	assert_string_equal(p->sections[0].columns[1].key, "what");
	assert_int_equal(p->sections[0].nactivities, 1);
	assert_field(p, 0, 0, "what", "Write\n\nmore");
	assert_int_equal(d.n, 0);
	wp_programme_free(p);
	wp_profile_free(prof);
	wp_diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_profile__shipped_profile_loads),
		cmocka_unit_test(test_profile__errors_have_positions),
		cmocka_unit_test(test_profile__unknown_key_warned),
		cmocka_unit_test(test_profile__missing_file),
		cmocka_unit_test(test_profile__columns_come_from_profile_not_code),
	};
	return cmocka_run_group_tests_name("profile", tests, NULL, NULL);
}
