/* test_date.c: the one place wpgen reads dates (base/date.c): ISO days,
 * due dates (dd/mm/yyyy, with a day still to be fixed), the years of a
 * free-text timeline and a programme's period. */
#include "testutil.h"
#include "base/date.h"

static void test_date__iso_days(void **state)
{
	(void)state;
	wp_ymd t;
	assert_int_equal(wp_iso_date("2024-02-29", &t), 1);
	assert_int_equal(t.y, 2024);
	assert_int_equal(t.m, 2);
	assert_int_equal(t.d, 29);
	assert_int_equal(wp_iso_date("2025-02-29", &t), 0); /* no such day */
	assert_int_equal(wp_iso_date("2025-13-01", &t), 0);
	assert_int_equal(wp_iso_date("2025-1-01", &t), 0);
	assert_int_equal(wp_iso_date("2025-01-01T00", &t), 0);
	assert_int_equal(wp_iso_date("1899-12-31", &t), 0);
	char out[11];
	wp_ymd d = {2026, 3, 7};
	wp_ymd_format(d, out);
	assert_string_equal(out, "2026-03-07");
}

static void test_date__due_dates_and_days_to_be_fixed(void **state)
{
	(void)state;
	wp_ymd t;
	/* a day */
	assert_int_equal(wp_dmy_date("15/03/2025", 10, &t), 1);
	assert_int_equal(wp_due_date("15/03/2025", 10, &t), 1);
	assert_int_equal(t.y, 2025);
	assert_int_equal(t.m, 3);
	assert_int_equal(t.d, 15);
	/* a placeholder for the day: the month is known, the day is not */
	assert_int_equal(wp_dmy_date("xx/04/2023", 10, &t), -1);
	assert_int_equal(wp_due_date("xx/04/2023", 10, &t), 1);
	assert_int_equal(t.y, 2023);
	assert_int_equal(t.m, 4);
	assert_int_equal(t.d, 0);
	assert_int_equal(wp_due_date("?\?/12/2030", 10, &t), 1);
	assert_int_equal(t.d, 0);
	/* no day of that month: drawn in its month, the day to be fixed */
	assert_int_equal(wp_dmy_date("31/02/2025", 10, &t), 0);
	assert_int_equal(wp_due_date("31/02/2025", 10, &t), 1);
	assert_int_equal(t.m, 2);
	assert_int_equal(t.d, 0);
	/* no month or year known, or no date at all */
	static const char *const none[] = {"xx/xx/2023", "01/13/2025", "01/00/2025", "15/03/1899", "15/03/25",
					   "15-03-2025", "ab/1234/56", "soon", "", "15/03/2025x"};
	for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
		assert_int_equal(wp_due_date(none[i], strlen(none[i]), &t), 0);
	/* only n bytes are read: a date inside a longer text */
	assert_int_equal(wp_due_date("15/03/20251", 10, &t), 1);
	assert_int_equal(t.y, 2025);
}

static void test_date__the_years_a_timeline_names(void **state)
{
	(void)state;
	wp_ymd t;
	assert_int_equal(wp_text_latest("Spring 2023 (PTC) June 2025 (Council)", &t), 1);
	assert_int_equal(t.y, 2025);
	assert_int_equal(t.m, 6);
	assert_int_equal(t.d, 30);
	assert_int_equal(wp_text_latest("Autumn 2024", &t), 1);
	assert_int_equal(t.m, 11);
	assert_int_equal(wp_text_latest("2024", &t), 1);
	assert_int_equal(t.m, 12);
	assert_int_equal(t.d, 31);
	assert_int_equal(wp_text_latest("Continuous", &t), 0);
	assert_int_equal(wp_text_latest("Doc. 12345", &t), 0); /* part of a longer number */
	assert_int_equal(wp_month_word("Sept", 4), 9);
	assert_int_equal(wp_month_word("jan", 3), 1);
	assert_int_equal(wp_month_word("ja", 2), 0);
	int a, b;
	assert_int_equal(wp_text_period("WORK PROGRAMME 2022-2025", 0, &a, &b), 1);
	assert_int_equal(a, 2022);
	assert_int_equal(b, 2025);
	assert_int_equal(wp_text_period("WORK PROGRAMME 2022 \xE2\x80\x93 2025", 0, &a, &b), 1);
	assert_int_equal(b, 2025);
	assert_int_equal(wp_text_period("WORK PROGRAMME 2025-2022", 0, &a, &b), 0);
	assert_int_equal(wp_text_period("July 2019 to June 2022", 1, &a, &b), 1);
	assert_int_equal(a, 2019);
	assert_int_equal(b, 2022);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date__iso_days),
		cmocka_unit_test(test_date__due_dates_and_days_to_be_fixed),
		cmocka_unit_test(test_date__the_years_a_timeline_names),
	};
	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
