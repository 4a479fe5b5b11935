/* test_diag.c: the diagnostic list. */
#include "testutil.h"
#include "base/alloc.h"

static void test_diag__add_counts_and_copies(void **state)
{
	(void)state;
	wp_diags d = {0};
	char name[] = "a.md";
	assert_int_equal(wp_diags_add(&d, name, 3, 4, WP_ERROR, "r.one", "value %d", 42), WP_OK);
	wp_diags_add(&d, name, 1, 1, WP_WARNING, "r.two", "w");
	wp_diags_add(&d, name, 1, 1, WP_NOTE, "r.three", "n");
	name[0] = 'z';
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.warnings, 1);
	assert_string_equal(d.items[0].file, "a.md");
	assert_string_equal(d.items[0].message, "value 42");
	assert_string_equal(wp_severity_name(d.items[2].severity), "note");
	wp_diags_clear(&d);
	assert_int_equal(d.n, 0);
}

static void test_diag__long_message_kept_whole(void **state)
{
	(void)state;
	wp_diags d = {0};
	char big[3000];
	memset(big, 'm', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	wp_diags_add(&d, "f", 1, 1, WP_ERROR, "r", "%s", big);
	assert_int_equal(strlen(d.items[0].message), sizeof big - 1);
	wp_diags_clear(&d);
}

static void test_diag__sort_is_stable_by_position(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_diags_add(&d, "b.md", 1, 1, WP_ERROR, "r", "b1");
	wp_diags_add(&d, "a.md", 9, 1, WP_ERROR, "r", "a9");
	wp_diags_add(&d, "a.md", 2, 5, WP_ERROR, "r", "a2-first");
	wp_diags_add(&d, "a.md", 2, 5, WP_ERROR, "r", "a2-second");
	wp_diags_add(&d, "a.md", 2, 1, WP_ERROR, "r", "a2c1");
	wp_diags_sort(&d);
	const char *want[] = {"a2c1", "a2-first", "a2-second", "a9", "b1"};
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(d.items[i].message, want[i]);
	wp_diags_clear(&d);
}

static void test_diag__oom_flagged(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_alloc_fail_after(0);
	int rc = wp_diags_add(&d, "f", 1, 1, WP_ERROR, "r", "x");
	wp_alloc_fail_after(-1);
	assert_int_equal(rc, WP_ENOMEM);
	assert_true(d.oom);
	assert_int_equal(d.n, 0);
	wp_diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diag__add_counts_and_copies),
		cmocka_unit_test(test_diag__long_message_kept_whole),
		cmocka_unit_test(test_diag__sort_is_stable_by_position),
		cmocka_unit_test(test_diag__oom_flagged),
	};
	return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
