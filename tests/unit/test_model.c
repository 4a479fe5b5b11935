/* test_model.c: queries over the model. */
#include "testutil.h"

static void test_model__totals_and_lookups(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = test_read(HDR12 "| (Example) | A | Y | e | | | | | | | | |\n| 1. | A | Y | a | | | | | | | | |\n"
				    "\nII. Next\n\n" HDR11 "| 1. | A | Y | b | | | | | | | |\n| 2. | A | Y | c | | | | | | | |\n", &d);
	assert_int_equal(wp_programme_activities(p), 3);
	assert_int_equal(wp_programme_examples(p), 1);
	assert_int_equal(wp_section_column(&p->sections[1], "progress"), 10);
	assert_int_equal(wp_section_column(&p->sections[1], "status"), -1);
	assert_int_equal(wp_section_role(&p->sections[0], WP_ROLE_STATUS), 11);
	assert_int_equal(wp_section_role(&p->sections[1], WP_ROLE_STATUS), -1);
	wp_programme_free(p);
	wp_diags_clear(&d);
}

static void test_model__field_text_and_emptiness(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = test_read(HDR12 "| 1. | | Y | <p>one<br>two</p><p>three</p> | | | | | | | | |\n", &d);
	const wp_section *s = &p->sections[0];
	assert_true(wp_field_is_empty(&s->activities[0].fields[1]));
	assert_false(wp_field_is_empty(&s->activities[0].fields[3]));
	assert_field(p, 0, 0, "activity", "one\ntwo\n\nthree");
	wp_programme_free(p);
	wp_programme_free(NULL);
	wp_diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model__totals_and_lookups),
		cmocka_unit_test(test_model__field_text_and_emptiness),
	};
	return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
