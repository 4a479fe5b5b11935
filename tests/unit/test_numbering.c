/* test_numbering.c: numbering as the smallest explanation. A scenario
 * suite of sections a secretary might produce: each fault alone and in
 * pairs (rows missing, a number used twice, mistyped, swapped, out of
 * place, the numbering starting again, an empty or invalid number), at
 * the start, middle and end of a section, and renumbered sections with
 * their leftovers (old and new numbers side by side, one or more rows the
 * renumbering skips). Each expects exactly its findings, at their rows:
 * one a fault, none following from another. And --fix: on every scenario
 * whose faults have a fix, the fixed section reads clean. */
#include "testutil.h"
#include "base/util.h"

#define TOP "TEST COMMITTEE (PTC) WORK PROGRAMME 2024-2025\n\n## I. Activities\n\n" HDR12 \
	"| | A=High B=Medium C=Low | Y or N | | | | | | | | | |\n"
#define FOOT "\n¹ Link.\n\n² Activities.\n\n³ **SP1** - One.\n\n⁴ Types: \"Maintenance\", \"Update\" and " \
	"\"Development\".\n\n⁵ Bodies.\n\n⁶ Progress.\n\n⁷ Colours.\n"
#define FIRST_LINE 8 /* the line of the first row */

typedef struct want {
	const char *rule;
	int row;          /* 0-based */
	const char *says; /* a fragment of its message, or NULL */
} want;

typedef struct scenario {
	const char *name;
	const char *cells[16];
	want w[6];
	int fixable; /* --fix leaves the section clean */
} scenario;

#define END NULL

static const scenario scenarios[] = {
	{"clean", {"1.", "2.", "3.", "4.", "5.", END}, {{0}}, 1},
	/* rows missing */
	{"one missing, middle", {"1.", "2.", "3.", "4.", "6.", "7.", "8.", END},
	 {{"numbering.gap", 4, "row 5 is missing: 4 is followed by 6"}}, 1},
	{"one missing, start", {"2.", "3.", "4.", "5.", END}, {{"numbering.gap", 0, "row 1 is missing: the section starts at 2"}}, 1},
	{"one missing, end", {"1.", "2.", "3.", "5.", END}, {{"numbering.gap", 3, "row 4 is missing: 3 is followed by 5"}}, 1},
	{"two missing", {"1.", "2.", "3.", "4.", "7.", "8.", "9.", END},
	 {{"numbering.gap", 4, "rows 5 and 6 are missing: 4 is followed by 7"}}, 1},
	{"three missing", {"1.", "2.", "3.", "7.", "8.", END}, {{"numbering.gap", 3, "rows 4 to 6 are missing: 3 is followed by 7"}}, 1},
	{"two missing at the start", {"3.", "4.", "5.", END}, {{"numbering.gap", 0, "rows 1 to 2 are missing: the section starts at 3"}}, 1},
	/* a number used twice: a row extra, or added without renumbering */
	{"used twice, middle", {"1.", "2.", "3.", "3.", "4.", "5.", END}, {{"numbering.duplicate", 3, "number 3 is used twice"}}, 0},
	{"used twice, start", {"1.", "1.", "2.", "3.", END}, {{"numbering.duplicate", 1, "(here and at line 8)"}}, 0},
	{"used twice, end", {"1.", "2.", "3.", "3.", END}, {{"numbering.duplicate", 3, "number 3 is used twice"}}, 0},
	/* mistyped: the rows around follow each other */
	{"mistyped, middle", {"1.", "2.", "3.", "9.", "5.", "6.", END},
	 {{"numbering.mistyped", 3, "numbered 9 where 4 is expected (3 comes before it, 5 after)"}}, 1},
	{"mistyped as the number above", {"1.", "2.", "3.", "4.", "4.", "6.", "7.", END},
	 {{"numbering.mistyped", 4, "numbered 4 where 5 is expected: 4 is used twice, and 6 follows"}}, 1},
	{"mistyped, start", {"7.", "2.", "3.", "4.", END}, {{"numbering.mistyped", 0, "numbered 7 where 1 is expected"}}, 1},
	{"mistyped, second", {"1.", "7.", "3.", "4.", END}, {{"numbering.mistyped", 1, "numbered 7 where 2 is expected"}}, 1},
	/* digits that read as an old and a new number run together are that (as the seed's "4110."): the same fix */
	{"mistyped, or digits run together", {"1.", "12.", "3.", "4.", END}, {{"numbering.remnant", 1, "old number 1 and new number 2"}}, 1},
	/* swapped */
	{"swapped, middle", {"1.", "2.", "4.", "3.", "5.", "6.", END},
	 {{"numbering.swapped", 2, "numbered 4, and the next row 3: the two numbers are swapped"}}, 1},
	{"swapped, start", {"2.", "1.", "3.", "4.", END}, {{"numbering.swapped", 0, "swapped"}}, 1},
	{"swapped, end", {"1.", "2.", "3.", "5.", "4.", END}, {{"numbering.swapped", 3, "swapped"}}, 1},
	/* out of place, starting again */
	{"out of place", {"1.", "2.", "4.", "5.", "3.", "6.", END},
	 {{"numbering.order", 4, "numbered 3 after 5: out of place (3 belongs between 2 and 4)"}}, 0},
	{"out of place, the first", {"2.", "3.", "1.", "4.", END}, {{"numbering.order", 2, "(1 belongs before 2)"}}, 0},
	{"out of place, ahead", {"1.", "2.", "5.", "3.", "4.", "6.", END},
	 {{"numbering.order", 2, "numbered 5 after 2: out of place (5 belongs between 4 and 6)"}}, 0},
	{"a row extra", {"1.", "2.", "9.", "3.", "4.", END},
	 {{"numbering.order", 2, "the rows after it follow as if it were not there: a row extra, or out of place?"}}, 0},
	{"starts again", {"1.", "2.", "3.", "4.", "1.", "2.", "3.", END},
	 {{"numbering.order", 4, "numbered 1 after 4: the numbering starts again"}}, 0},
	/* numbered from 0: one edit, and the rows after follow it; a 0 is no
	 * number used twice unless a row above has it */
	{"numbered from 0", {"0.", "1.", "2.", "3.", END},
	 {{"numbering.order", 0, "numbered 0: the section is numbered from 0, where its numbering starts at 1"}}, 1},
	{"numbered from 0, then a number used twice", {"0.", "0.", "1.", "2.", END},
	 {{"numbering.order", 0, "numbered from 0"}, {"numbering.duplicate", 1, "number 0 is used twice"}}, 0},
	{"0 mistyped, start", {"0.", "2.", "3.", "4.", END}, {{"numbering.mistyped", 0, "numbered 0 where 1 is expected: mistyped?"}}, 1},
	{"0 mistyped, middle", {"1.", "2.", "0.", "4.", END},
	 {{"numbering.mistyped", 2, "numbered 0 where 3 is expected (2 comes before it, 4 after)"}}, 1},
	/* no number */
	{"empty number", {"1.", "2.", "", "4.", END}, {{"numbering.missing", 2, "activity 3 of section I has no number"}}, 1},
	{"not a number", {"1.", "two.", "3.", END}, {{"numbering.missing", 1, "'two.' is not a number (2 is expected)"}}, 1},
	/* two faults */
	{"missing then swapped", {"1.", "2.", "3.", "5.", "6.", "8.", "7.", "9.", END},
	 {{"numbering.gap", 3, "row 4 is missing"}, {"numbering.swapped", 5, "swapped"}}, 1},
	{"used twice then missing", {"1.", "2.", "2.", "3.", "4.", "6.", "7.", END},
	 {{"numbering.duplicate", 2, NULL}, {"numbering.gap", 5, "row 5 is missing: 4 is followed by 6"}}, 0},
	{"mistyped then missing", {"1.", "2.", "9.", "4.", "5.", "7.", "8.", END},
	 {{"numbering.mistyped", 2, NULL}, {"numbering.gap", 5, "row 6 is missing"}}, 1},
	{"swapped then used twice", {"2.", "1.", "3.", "4.", "4.", "5.", END},
	 {{"numbering.swapped", 0, NULL}, {"numbering.duplicate", 4, NULL}}, 0},
	{"two gaps", {"1.", "3.", "4.", "6.", END}, {{"numbering.gap", 1, "row 2 is missing"}, {"numbering.gap", 3, "row 5 is missing"}}, 1},
	{"two mistyped", {"1.", "9.", "3.", "4.", "8.", "6.", END},
	 {{"numbering.mistyped", 1, NULL}, {"numbering.mistyped", 4, NULL}}, 1},
	{"empty then missing", {"", "2.", "3.", "5.", END},
	 {{"numbering.missing", 0, NULL}, {"numbering.gap", 3, "row 4 is missing"}}, 1},
	/* renumbered with tracked changes: the leftovers */
	{"renumbered, old numbers left", {"1.", "2.", "3.", "5 4.", "6 5.", "7 6.", END},
	 {{"numbering.remnant", 3, "old number 5 and new number 4"}, {"numbering.remnant", 4, NULL}, {"numbering.remnant", 5, NULL}}, 1},
	{"renumbered, digits run together", {"1.", "2.", "3.", "54.", "65.", END},
	 {{"numbering.remnant", 3, NULL}, {"numbering.remnant", 4, NULL}}, 1},
	{"renumbered, a row skipped", {"1.", "2.", "3.", "4.", "5 4.", "6 5.", END},
	 {{"numbering.skipped", 3, "row numbered 4 is skipped by the renumbering (the next row is renumbered 5 → 4)"},
	  {"numbering.remnant", 4, NULL},
	  {"numbering.remnant", 5, NULL}},
	 0},
	{"renumbered, two rows skipped", {"1.", "2.", "3.", "4.", "5.", "6 4.", "7 5.", END},
	 {{"numbering.skipped", 3, "rows numbered 4 and 5 are skipped by the renumbering (the next row is renumbered 6 → 4)"},
	  {"numbering.remnant", 5, NULL},
	  {"numbering.remnant", 6, NULL}},
	 0},
	{"renumbered, three rows skipped", {"1.", "2.", "3.", "4.", "5.", "6.", "7 4.", "8 5.", END},
	 {{"numbering.skipped", 3, "rows numbered 4 to 6 are skipped"}, {"numbering.remnant", 6, NULL}, {"numbering.remnant", 7, NULL}},
	 0},
	{"renumbered, the renumbering stops short", {"1.", "2.", "3 2.", "4 3.", "5.", "6.", END},
	 {{"numbering.skipped", 1, "row numbered 2 is skipped"},
	  {"numbering.remnant", 2, NULL},
	  {"numbering.remnant", 3, NULL},
	  {"numbering.gap", 4, "row 4 is missing: 3 is followed by 5"}},
	 0},
	{"renumbered, a number used twice", {"1.", "2.", "4 3.", "5 4.", "5 4.", "6 5.", END},
	 {{"numbering.remnant", 2, NULL},
	  {"numbering.remnant", 3, NULL},
	  {"numbering.duplicate", 4, "number 4 is used twice"},
	  {"numbering.remnant", 5, NULL}},
	 0},
	{"renumbered, a row skipped at the start", {"1.", "2 1.", "3 2.", "4 3.", END},
	 {{"numbering.skipped", 0, "row numbered 1 is skipped"},
	  {"numbering.remnant", 1, NULL},
	  {"numbering.remnant", 2, NULL},
	  {"numbering.remnant", 3, NULL}},
	 0},
};

static char *section_of(const char *const *cells)
{
	wp_buf b = {0};
	wp_buf_puts(&b, TOP);
	for (size_t i = 0; cells[i]; i++)
		wp_buf_printf(&b, "| %s | A | Y | Do a thing | SP1 | Development | PTC | One officer | KPI | 2024 | In progress. | "
			      "Blue |\n", cells[i]);
	wp_buf_puts(&b, FOOT);
	return wp_buf_detach(&b, NULL);
}

static wp_diags check(const char *md, int fixes)
{
	wp_diags d = {0};
	wp_profile *prof = test_profile();
	wp_programme *p = NULL;
	assert_int_equal(wp_read_md(&p, md, strlen(md), "t.md", prof, &d), WP_OK);
	wp_check_opts o = {NULL, NULL, 0, fixes, NULL};
	assert_int_equal(wp_check(p, prof, &o, &d), WP_OK);
	wp_programme_free(p);
	wp_profile_free(prof);
	return d;
}

static int is_numbering(const wp_diag *x)
{
	return !strncmp(x->rule, "numbering.", 10) && strcmp(x->rule, "numbering.renumber") != 0;
}

static void dump(const char *name, const wp_diags *d)
{
	fprintf(stderr, "scenario '%s' found:\n", name);
	for (size_t i = 0; i < d->n; i++)
		if (is_numbering(&d->items[i]))
			fprintf(stderr, "  row %d: %s [%s]\n", (int)d->items[i].line - FIRST_LINE, d->items[i].message, d->items[i].rule);
}

/* Exactly the findings the scenario expects, each at its row. */
static void test_numbering__each_fault_once_at_its_row(void **state)
{
	(void)state;
	size_t total = 0;
	for (size_t k = 0; k < sizeof scenarios / sizeof scenarios[0]; k++) {
		const scenario *sc = &scenarios[k];
		char *md = section_of(sc->cells);
		wp_diags d = check(md, 0);
		size_t nwant = 0, got = 0;
		for (; nwant < 6 && sc->w[nwant].rule; nwant++) {
			const want *w = &sc->w[nwant];
			const wp_diag *hit = NULL;
			for (size_t i = 0; i < d.n && !hit; i++)
				if (!strcmp(d.items[i].rule, w->rule) && (int)d.items[i].line - FIRST_LINE == w->row)
					hit = &d.items[i];
			if (!hit || (w->says && !strstr(hit->message, w->says))) {
				dump(sc->name, &d);
				fail_msg("scenario '%s': no %s at row %d%s%s", sc->name, w->rule, w->row, w->says ? " saying " : "",
					 w->says ? w->says : "");
			}
		}
		for (size_t i = 0; i < d.n; i++)
			got += is_numbering(&d.items[i]);
		if (got != nwant) {
			dump(sc->name, &d);
			fail_msg("scenario '%s': %zu numbering findings, %zu expected", sc->name, got, nwant);
		}
		total++;
		wp_diags_clear(&d);
		free(md);
	}
	assert_true(total >= 30);
}

/* --fix writes what the explanation implies: the fixed section reads
 * clean; where only the author knows, nothing is guessed. */
static void test_numbering__fix_leaves_the_section_clean(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof scenarios / sizeof scenarios[0]; k++) {
		const scenario *sc = &scenarios[k];
		char *md = section_of(sc->cells), *out = NULL;
		wp_diags d = check(md, 1);
		size_t len, applied;
		assert_int_equal(wp_fix_apply(&out, &len, &applied, "t.md", md, strlen(md), &d), WP_OK);
		wp_diags again = check(out, 0);
		size_t left = 0, kept_old = 0;
		for (size_t i = 0; i < again.n; i++)
			left += is_numbering(&again.items[i]);
		for (size_t i = 0; i < d.n; i++)
			kept_old += !strcmp(d.items[i].rule, "numbering.skipped") || !strcmp(d.items[i].rule, "numbering.duplicate") ||
				    !strcmp(d.items[i].rule, "numbering.order");
		if (sc->fixable && left) {
			dump(sc->name, &again);
			fail_msg("scenario '%s': %zu numbering findings after --fix", sc->name, left);
		}
		if (!sc->fixable && !kept_old)
			fail_msg("scenario '%s' is not fixable, yet nothing it finds is left to the author", sc->name);
		wp_diags_clear(&again);
		wp_diags_clear(&d);
		free(out);
		free(md);
	}
}

/* A section of thousands of rows with faults spread through it is
 * explained in linear time: the states a row are bounded. */
static void test_numbering__a_long_section_is_explained(void **state)
{
	(void)state;
	wp_buf b = {0};
	wp_buf_puts(&b, TOP);
	long v = 1;
	size_t n = 20000, faults = 0;
	for (size_t i = 0; i < n; i++) {
		long w = v;
		if (i % 1000 == 500)
			w = v + 1, v++, faults++; /* a row missing */
		wp_buf_printf(&b, "| %ld. | A | Y | Do a thing | SP1 | Development | PTC | One | KPI | 2024 | In progress. | Blue |\n", w);
		v++;
	}
	wp_buf_puts(&b, FOOT);
	wp_diags d = check(b.data, 0);
	assert_int_equal(test_count_rule(&d, "numbering.gap"), faults);
	wp_diags_clear(&d);
	wp_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbering__each_fault_once_at_its_row),
		cmocka_unit_test(test_numbering__fix_leaves_the_section_clean),
		cmocka_unit_test(test_numbering__a_long_section_is_explained),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
