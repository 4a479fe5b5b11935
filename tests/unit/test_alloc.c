/* test_alloc.c: allocation, and what every path does when it fails. The
 * sweep fails the Nth allocation for every N across a whole pipeline
 * (profile, read, check, templates, HTML and Markdown annexes): each step
 * must end in WP_OK or WP_ENOMEM, never a crash; under `make test-asan`
 * leak detection proves each failure path frees what it took. */
#include "testutil.h"
#include "base/alloc.h"

#define SMALL "---\nsession: PC0799\nas_of: 2024-04-01\n---\n\nWORK PROGRAMME 2024-2025**I. Activities**\n\n" HDR12 \
	"| | guide | | | | | | | | | | |\n"                                                             \
	"| 1. | A | Y | Draft the <u>guide</u> [link](https://example.org) | SP1 | Development | PTC | One | "  \
	"Guide adopted | 2024 | In progress. | Blue |\n"                                                           \
	"| 2. | B | Y | Review | SP2 | Update | PTC | Two | Tool revised | 2025 | Not started. | Red | extra |\n"  \
	"| | continued |\n\n¹ A note.\n"

/* One run of the pipeline with the Nth allocation failing; returns the
 * number of allocations it asked for. Every step must succeed or say
 * WP_ENOMEM; a step that fails stops the run, as wpgen does. */
static unsigned long pipeline(long n, int *failed)
{
	wp_diags d = {0};
	wp_profile *prof = NULL;
	wp_programme *p = NULL;
	wp_template *th = NULL, *tm = NULL;
	char *out = NULL;
	size_t len;
	int rc;
	unsigned long before = wp_alloc_calls();
	wp_alloc_fail_after(n);
#define STEP(call)                                                                     \
	do {                                                                           \
		rc = (call);                                                           \
		if (rc != WP_OK) {                                                     \
			if (rc != WP_ENOMEM)                                           \
				fprintf(stderr, "N=%ld: %s gave %d\n", n, #call, rc);  \
			assert_int_equal(rc, WP_ENOMEM);                               \
			goto end;                                                      \
		}                                                                      \
	} while (0)
	STEP(wp_profile_load(&prof, "profiles/wco-working-body.yaml", &d));
	STEP(wp_read_md(&p, SMALL, strlen(SMALL), "small.md", prof, &d));
	wp_check_opts co = {"2024-04-01", NULL, 0, 1, NULL};
	STEP(wp_check(p, prof, &co, &d));
	STEP(wp_template_load(&th, "templates/annex-html.xsl", &d));
	STEP(wp_render(&out, &len, th, p, prof, WP_XML_ANNOTATED, NULL, &d));
	assert_non_null(strstr(out, "</html>"));
	free(out);
	out = NULL;
	STEP(wp_template_load(&tm, "templates/annex-md.xsl", &d));
	STEP(wp_render(&out, &len, tm, p, prof, WP_XML_SOURCE, NULL, &d));
	assert_non_null(strstr(out, "| 2. |"));
#undef STEP
end:
	*failed = rc != WP_OK;
	wp_alloc_fail_after(-1);
	free(out);
	wp_template_free(th);
	wp_template_free(tm);
	wp_programme_free(p);
	wp_profile_free(prof);
	wp_diags_clear(&d);
	return wp_alloc_calls() - before;
}

static void test_alloc__every_allocation_of_a_render_may_fail(void **state)
{
	(void)state;
	int failed;
	unsigned long total = pipeline(-1, &failed);
	assert_false(failed);
	assert_true(total > 1000); /* the libraries' allocations are counted too */
	/* Fail the 0th, 1st, ... allocation the countdown reaches, until a
	 * run has fewer: each run where one failed must say WP_ENOMEM. */
	long n = 0;
	for (;; n++) {
		unsigned long before = wp_alloc_failures();
		pipeline(n, &failed);
		int fired = wp_alloc_failures() != before;
		if (!fired)
			break;
		if (!failed)
			fprintf(stderr, "N=%ld: an allocation failed and the render went on\n", n);
		assert_true(failed);
	}
	fprintf(stderr, "# %lu allocations in a render (libxml2's and libxslt's included); "
		"each of the %ld of wpgen and cmark-gfm failed in turn: WP_ENOMEM every time\n", total, n);
	assert_true(n > 500);
}

static void test_alloc__countdown(void **state)
{
	(void)state;
	unsigned long c = wp_alloc_calls();
	wp_alloc_fail_after(1);
	char *a = wp_strdup("x");
	assert_non_null(a);
	assert_null(wp_strdup("y"));
	wp_alloc_fail_after(-1);
	char *b = wp_strdup("z");
	assert_non_null(b);
	assert_int_equal(wp_alloc_calls() - c, 3);
	free(a);
	free(b);
}

int main(void)
{
	wp_alloc_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc__countdown),
		cmocka_unit_test(test_alloc__every_allocation_of_a_render_may_fail),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
