/* test_write_md.c: the native Markdown writer against its reference, the
 * template templates/annex-md.xsl run by libxslt: the same bytes, as an
 * annex and as convert's source, on every sample, every golden source,
 * the fuzz regressions, the seed (when ../shared is there) and inputs
 * written to reach each corner of the layout. */
#include "differ.h"

static int setup(void **state)
{
	(void)state;
	return differ_setup("templates/annex-md.xsl");
}

/* Both ways, as an annex and as a source. */
static void compare(const char *what, const wp_programme *p, const wp_profile *prof)
{
	for (int annex = 0; annex < 2; annex++) {
		wp_diags d = {0};
		char *want = NULL, *got = NULL;
		size_t wlen, glen;
		int rc = (annex ? wp_render_annex : wp_render)(&want, &wlen, tpl, p, prof, WP_XML_SOURCE, &d);
		assert_int_equal(rc, WP_OK);
		assert_int_equal(wp_write_md(&got, &glen, p, prof, annex), WP_OK);
		char name[512];
		snprintf(name, sizeof name, "%s (%s)", what, annex ? "annex" : "source");
		differ_same(name, want, wlen, got, glen);
		free(want);
		free(got);
		wp_diags_clear(&d);
	}
}

static void test_write_md__same_bytes_as_the_template_on_every_source(void **state)
{
	(void)state;
	differ_every_source(compare);
}

static void test_write_md__same_bytes_on_every_corner(void **state)
{
	(void)state;
	differ_every_corner(compare);
}

static void test_write_md__same_bytes_on_runs_side_by_side(void **state)
{
	(void)state;
	differ_hand_built_runs(compare);
}

static int md_annex(char **out, size_t *len, const wp_programme *p, const wp_profile *prof)
{
	return wp_write_md(out, len, p, prof, 1);
}

/* Every allocation that fails is WP_ENOMEM, with nothing returned and
 * nothing leaked (ASan checks the leaks in make test-asan). */
static void test_write_md__oom_is_clean(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_profile *prof = test_profile();
	wp_programme *p = test_read("---\nas_of: 2025-01-01\n---\n# T\n\n## I. S\n\n" HDR12
				    "| 1. | A | Y | <p>a</p><p>b</p> | | | | | | | 2024 | Green |\n", &d);
	long n = test_writer_oom(md_annex, p, prof);
	assert_true(n > 3); /* the status counts and the text allocate */
	wp_programme_free(p);
	wp_profile_free(prof);
	wp_diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write_md__same_bytes_as_the_template_on_every_source),
		cmocka_unit_test(test_write_md__same_bytes_on_every_corner),
		cmocka_unit_test(test_write_md__same_bytes_on_runs_side_by_side),
		cmocka_unit_test(test_write_md__oom_is_clean),
	};
	return cmocka_run_group_tests(tests, setup, differ_teardown);
}
