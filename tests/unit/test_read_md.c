/* test_read_md.c: the Markdown reader, one behaviour a test. */
#include "testutil.h"
#include <pthread.h>

#define ROW1 "| 1. | A | Y | Draft the guide | SP1 | Development | PTC | One officer | Guide adopted | 2024 | In progress. | Blue |\n"
#define ROW2 "| 2. | B | Y | Review the tool | SP2 | Update | PTC | Two officers | Tool revised | 2025 | Not started. | Red |\n"

/* Reads from several threads at once (as build workers do): each sees
 * strikethrough. cmark-gfm 0.29 shares one table of special characters
 * between parsers, and a parser freed in one thread once left another
 * reading "~~2.~~" as text. Runs first, when registration races too. */
static void *read_struck(void *arg)
{
	wp_profile *prof = arg;
	wp_programme *p = NULL;
	wp_diags d = {0};
	const char *md = HDR12 "| ~~1.~~ | A | Y | x | | | | | | | | |\n";
	int ok = wp_read_md(&p, md, strlen(md), "t.md", prof, &d) == WP_OK &&
		 (p->sections[0].activities[0].fields[0].paras[0].runs[0].style & WP_STYLE_DEL);
	wp_programme_free(p);
	wp_diags_clear(&d);
	return ok ? arg : NULL;
}

static void test_read_md__first_reads_in_threads_see_every_extension(void **state)
{
	(void)state;
	wp_profile *prof = test_profile();
	pthread_t t[16];
	for (int i = 0; i < 16; i++)
		assert_int_equal(pthread_create(&t[i], NULL, read_struck, prof), 0);
	for (int i = 0; i < 16; i++) {
		void *r;
		pthread_join(t[i], &r);
		assert_ptr_equal(r, prof);
	}
	wp_profile_free(prof);
}

static void test_read_md__title_and_heading_run_together(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = test_read("WORK PROGRAMME 2022-2025**I. Activities within a timeframe**\n\n" HDR12 ROW1, &d);
	assert_string_equal(p->title, "WORK PROGRAMME 2022-2025");
	assert_int_equal(p->period_start, 2022);
	assert_int_equal(p->period_end, 2025);
	assert_int_equal(p->nsections, 1);
	assert_string_equal(p->sections[0].numeral, "I");
	assert_string_equal(p->sections[0].title, "Activities within a timeframe");
	assert_string_equal(p->sections[0].kind, "timeframe");
	assert_int_equal(p->sections[0].nactivities, 1);
	assert_int_equal(d.n, 0);
	wp_programme_free(p);
	wp_diags_clear(&d);
	/* the same as a title heading, and with the bold as raw HTML (as the
	 * Word reader writes it): split alike */
	static const char *const forms[] = {
		"# WORK PROGRAMME 2022-2025**I. Activities within a timeframe**\n\n",
		"# WORK PROGRAMME 2022-2025<b>I. Activities within a timeframe</b>\n\n",
		"WORK PROGRAMME 2022-2025 <STRONG>I. Activities within a timeframe</STRONG>\n\n",
		"# WORK PROGRAMME 2022-2025 *I. Activities within a timeframe*\n\n",
	};
	for (size_t k = 0; k < sizeof forms / sizeof forms[0]; k++) {
		char src[512];
		snprintf(src, sizeof src, "%s%s%s", forms[k], HDR12, ROW1);
		p = test_read(src, &d);
		assert_string_equal(p->title, "WORK PROGRAMME 2022-2025");
		assert_int_equal(p->nsections, 1);
		assert_string_equal(p->sections[0].numeral, "I");
		assert_string_equal(p->sections[0].title, "Activities within a timeframe");
		assert_int_equal(d.n, 0);
		wp_programme_free(p);
		wp_diags_clear(&d);
	}
	/* a title ending in bold that is no heading stays whole */
	p = test_read("# WORK PROGRAMME <b>2022-2025</b>\n\n## I. Activities\n\n" HDR12 ROW1, &d);
	assert_string_equal(p->title, "WORK PROGRAMME 2022-2025");
	assert_int_equal(p->nsections, 1);
	assert_string_equal(p->sections[0].title, "Activities");
	wp_programme_free(p);
	wp_diags_clear(&d);
}

static void test_read_md__section_heading_paragraph_and_atx(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = test_read("# Title 2030-2031\n\nII. **Continuous work**\n\n" HDR11
				    "| 1. | A | Y | Act | SP1 | Maintenance | PTC | One | KPI | Continuous | Done |\n"
				    "\n## III. Third\n\n" HDR12 ROW1, &d);
	assert_string_equal(p->title, "Title 2030-2031");
	assert_int_equal(p->nsections, 2);
	assert_string_equal(p->sections[0].numeral, "II");
	assert_string_equal(p->sections[0].title, "Continuous work");
	assert_string_equal(p->sections[0].kind, "continuous");
	assert_int_equal(p->sections[0].columns[9].mark, 8);
	assert_string_equal(p->sections[0].columns[9].header, "Timeline");
	assert_string_equal(p->sections[1].numeral, "III");
	assert_string_equal(p->sections[1].kind, "timeframe");
	wp_programme_free(p);
	wp_diags_clear(&d);
}

static void test_read_md__header_marks_bind_columns(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = test_read(HDR12 ROW1, &d);
	const wp_section *s = &p->sections[0];
	assert_int_equal(s->ncolumns, 12);
	assert_string_equal(s->columns[2].header, "Link to the Strategic Plan");
	assert_int_equal(s->columns[2].mark, 1);
	assert_string_equal(s->columns[2].key, "link");
	assert_int_equal(s->columns[11].mark, 7);
	assert_int_equal(s->columns[0].mark, 0);
	assert_true(s->columns[11].roles & WP_ROLE_STATUS);
	assert_true(s->columns[0].roles & WP_ROLE_NUMBER);
	wp_programme_free(p);
	wp_diags_clear(&d);
}

static void test_read_md__annex_block_and_running_title_are_furniture(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = test_read("Annex to\nDoc. XY0001\nRunning title 2024\n\n" HDR12 ROW1
				    "\nRunning title 2024\n\n" HDR12 ROW2
				    "\nAnnex to\nDoc. XY0001\nRunning title 2024\n\n" HDR12
				    "| 3. | A | Y | x | SP1 | Update | PTC | y | z | 2024 | p | |\n", &d);
	assert_string_equal(p->annex_to, "Doc. XY0001");
	assert_string_equal(p->running_title, "Running title 2024");
	assert_int_equal(p->stats.furniture, 3);
	assert_int_equal(p->stats.repeated_headers, 2);
	assert_int_equal(p->nsections, 1);
	assert_int_equal(p->sections[0].nactivities, 3);
	assert_int_equal(p->preamble.nparas, 0);
	assert_int_equal(p->sections[0].notes.nparas, 0);
	wp_programme_free(p);
	wp_diags_clear(&d);
}

static void test_read_md__footnotes_anywhere(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = test_read(HDR12 ROW1 "\n¹ First **bold** note.\n\n" HDR12 ROW2 "\n¹⁰ Tenth note.\n", &d);
	assert_int_equal(p->nfootnotes, 2);
	assert_int_equal(p->footnotes[0].mark, 1);
	char *t = wp_field_text(&p->footnotes[0].text);
	assert_string_equal(t, "First bold note.");
	free(t);
	assert_int_equal(p->footnotes[0].text.paras[0].runs[1].style, WP_STYLE_STRONG);
	assert_int_equal(p->footnotes[1].mark, 10);
	assert_int_equal(p->footnotes[0].pos.line, 5);
	wp_programme_free(p);
	wp_diags_clear(&d);
	/* a run of superscripts too long for a mark is prose, not a footnote
	 * (its number overflowed an int before: UBSan under make test-asan) */
	memset(&d, 0, sizeof d);
	p = test_read(HDR12 ROW1 "\n¹¹¹¹¹¹¹¹¹¹¹¹¹¹ Not a note.\n", &d);
	assert_int_equal(p->nfootnotes, 0);
	wp_programme_free(p);
	wp_diags_clear(&d);
}

static void test_read_md__guidance_row_and_examples_kept_apart(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = test_read(HDR12
				    "| | A=High B=Medium C=Low | Yes or No | What? | Which? | Type? | Who? | Team? | KPI? | When? | Status? | Colour? |\n"
				    "| EXAMPLE | | | | | | | | | | | |\n"
				    "| (Example) | A | Y | An example | SP1 | Development | PTC | One | KPI | 2020 | Completed. | |\n" ROW1,
				    &d);
	const wp_section *s = &p->sections[0];
	assert_non_null(s->guidance);
	char *t = wp_field_text(&s->guidance[1]);
	assert_string_equal(t, "A=High B=Medium C=Low");
	free(t);
	/* "EXAMPLE" alone in its row is the label over the examples, not one */
	assert_int_equal(s->nexamples, 1);
	assert_int_equal(p->stats.furniture, 1);
	assert_int_equal(s->nactivities, 1);
	assert_string_equal(s->activities[0].number, "1");
	wp_programme_free(p);
	wp_diags_clear(&d);
}

static void test_read_md__continuation_row_joins_progress(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = test_read(HDR12 ROW1 "\nRunning\n\n" HDR12
				    "| | | | | | | | | | | Second half of the progress. | |\n" ROW2, &d);
	const wp_section *s = &p->sections[0];
	assert_int_equal(s->nactivities, 2);
	assert_int_equal(p->stats.continuation_rows, 1);
	int k = wp_section_column(s, "progress");
	const wp_field *f = &s->activities[0].fields[k];
	assert_int_equal(f->nparas, 2);
	assert_true(f->paras[1].continued);
	assert_int_equal(f->paras[1].pos.line, 9);
	assert_int_equal(s->activities[0].continuations, 1);
	assert_field(p, 0, 0, "progress", "In progress.\n\nSecond half of the progress.");
	wp_programme_free(p);
	wp_diags_clear(&d);
}

static void test_read_md__orphan_continuation_is_kept_and_reported(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = test_read(HDR12
				    "| | | | | | | | | | | Text with no activity before it. | |\n", &d);
	assert_int_equal(p->sections[0].nactivities, 1);
	assert_int_equal(test_count_rule(&d, "table.orphan-continuation"), 1);
	assert_field(p, 0, 0, "progress", "Text with no activity before it.");
	wp_programme_free(p);
	wp_diags_clear(&d);
}

static void test_read_md__headerless_table_takes_section_columns(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = test_read(HDR12 ROW1 "\n| | | | | | | | | | | | |\n|--|--|--|--|--|--|--|--|--|--|--|--|\n" ROW2
				    "|--|--|--|--|--|--|--|--|--|--|--|--|\n", &d);
	assert_int_equal(p->stats.headerless_tables, 1);
	assert_int_equal(p->stats.furniture, 1); /* the stray rule row */
	assert_int_equal(p->nsections, 1);
	assert_int_equal(p->sections[0].nactivities, 2);
	assert_field(p, 0, 1, "activity", "Review the tool");
	assert_int_equal(d.n, 0);
	wp_programme_free(p);
	wp_diags_clear(&d);
}

static void test_read_md__headerless_table_first_is_an_error(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = test_read("| | |\n|--|--|\n| 1. | text |\n", &d);
	assert_int_equal(test_count_rule(&d, "table.headerless"), 1);
	assert_int_equal(p->sections[0].nactivities, 1);
	wp_programme_free(p);
	wp_diags_clear(&d);
}

static void test_read_md__headerless_table_of_other_width(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = test_read(HDR12 ROW1 "\n| | | |\n|--|--|--|\n| 2. | B | Y |\n", &d);
	const wp_diag *x = test_find_rule(&d, "table.columns");
	assert_non_null(x);
	assert_int_equal(x->line, 5);
	assert_non_null(strstr(x->message, "3 columns where its section has 12"));
	assert_int_equal(p->sections[0].nactivities, 2);
	wp_programme_free(p);
	wp_diags_clear(&d);
}

static void test_read_md__short_row_counted_as_written(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = test_read(HDR12 "| 1. | A | Y | Short row |\n", &d);
	const wp_diag *x = test_find_rule(&d, "table.cells");
	assert_non_null(x);
	assert_int_equal(x->severity, WP_ERROR);
	assert_int_equal(x->line, 3);
	assert_non_null(strstr(x->message, "4 cells"));
	assert_int_equal(p->sections[0].activities[0].cells_written, 4);
	wp_programme_free(p);
	wp_diags_clear(&d);
}

static void test_read_md__extra_cells_kept_in_last_column(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = test_read(HDR12 "| 1. | A | Y | a | SP1 | Update | PTC | t | k | 2024 | p | Green | *extra* cell |\n", &d);
	assert_int_equal(test_count_rule(&d, "table.cells"), 1);
	assert_int_equal(p->sections[0].activities[0].cells_written, 13);
	assert_field(p, 0, 0, "status", "Green\n\nextra cell");
	wp_programme_free(p);
	wp_diags_clear(&d);
}

static void test_read_md__inline_html_becomes_structure(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = test_read(HDR12 "| <u>1.</u> | A | Y | <p>Old text</p> <p>New <u>text</u></p> | SP1 | Update <u>ing</u> | "
					  "PTC | line<br>break | k | 2024 | <script>alert(1)</script> | |\n", &d);
	const wp_section *s = &p->sections[0];
	const wp_activity *a = &s->activities[0];
	assert_string_equal(a->number, "1");
	const wp_field *act = &a->fields[wp_section_column(s, "activity")];
	assert_int_equal(act->nparas, 2);
	assert_int_equal(act->paras[1].nruns, 2);
	assert_string_equal(act->paras[1].runs[1].text, "text");
	assert_int_equal(act->paras[1].runs[1].style, WP_STYLE_U);
	const wp_field *res = &a->fields[wp_section_column(s, "resources")];
	assert_int_equal(res->paras[0].nruns, 3);
	assert_int_equal(res->paras[0].runs[1].kind, WP_RUN_BREAK);
	/* Any other raw HTML is text, never markup. */
	assert_field(p, 0, 0, "progress", "<script>alert(1)</script>");
	assert_field(p, 0, 0, "task_type", "Update ing");
	wp_programme_free(p);
	wp_diags_clear(&d);
}

static void test_read_md__numbers_kept_as_written(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = test_read(HDR12
				    "| 12 11. | A | Y | a | | | | | | | | |\n"
				    "| 4110. | A | Y | a | | | | | | | | |\n"
				    "| 87 | A | Y | a | | | | | | | | |\n"
				    "| 5.3 | A | Y | a | | | | | | | | |\n"
				    "| 2726 . | A | Y | a | | | | | | | | |\n", &d);
	const wp_section *s = &p->sections[0];
	assert_int_equal(s->nactivities, 5);
	assert_null(s->activities[0].number);
	assert_field(p, 0, 0, "number", "12 11.");
	assert_string_equal(s->activities[1].number, "4110");
	assert_string_equal(s->activities[2].number, "87");
	assert_string_equal(s->activities[3].number, "5.3");
	assert_null(s->activities[4].number);
	wp_programme_free(p);
	wp_diags_clear(&d);
}

static void test_read_md__positions_point_into_source(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = test_read("Title\n\n" HDR12 "| 1. | Ä | Y | x | | | | | | | | |\n", &d);
	const wp_activity *a = &p->sections[0].activities[0];
	assert_int_equal(a->pos.line, 5);
	assert_int_equal(a->fields[0].pos.line, 5);
	assert_int_equal(a->fields[0].pos.col, 3);
	assert_int_equal(a->fields[1].pos.col, 8);
	/* columns count characters, not bytes: Ä is two bytes */
	assert_int_equal(a->fields[2].pos.col, 12);
	wp_programme_free(p);
	wp_diags_clear(&d);
}

static void test_read_md__notes_and_preamble_are_kept(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = test_read("Title\n\nA preamble paragraph.\n\n## I. Section\n\n" HDR12 ROW1
				    "\nA note between tables.\n\n- a list item\n\n<div>raw block</div>\n", &d);
	assert_int_equal(p->preamble.nparas, 1);
	assert_int_equal(p->sections[0].notes.nparas, 3);
	char *t = wp_field_text(&p->sections[0].notes);
	assert_string_equal(t, "A note between tables.\n\na list item\n\n<div>raw block</div>");
	free(t);
	wp_programme_free(p);
	wp_diags_clear(&d);
}

static void test_read_md__unknown_header_kept_with_warning(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = test_read("| Task | Owner |\n|---|---|\n| 1. | Me |\n", &d);
	assert_int_equal(test_count_rule(&d, "table.header"), 1);
	assert_string_equal(p->sections[0].kind, "unknown");
	assert_string_equal(p->sections[0].columns[1].header, "Owner");
	assert_string_equal(p->sections[0].columns[1].key, "col2");
	assert_int_equal(p->sections[0].nactivities, 1);
	wp_programme_free(p);
	wp_diags_clear(&d);
}

static void test_read_md__header_text_against_profile(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = test_read("| No. | Priority ranking | Link to the Strategic Plan | Activities | WCO Strategic Plan | "
				    "Type of task associated | Responsible body | Team resources | Key Performance Indicators | "
				    "Timeline ^a | Progress |\n|---|---|---|---|---|---|---|---|---|---|---|\n"
				    "| 1. | A | Y | a | b | c | d | e | f | g | h |\n", &d);
	const wp_diag *x = test_find_rule(&d, "table.header");
	assert_non_null(x);
	assert_int_equal(x->line, 1);
	assert_int_equal(x->col, 182);
	assert_string_equal(p->sections[0].kind, "continuous");
	wp_programme_free(p);
	wp_diags_clear(&d);
}

static void read_fails(const char *src, size_t len, const char *rule)
{
	wp_diags d = {0};
	wp_profile *prof = test_profile();
	wp_programme *p = (wp_programme *)1;
	assert_int_equal(wp_read_md(&p, src, len, "bad.md", prof, &d), WP_EINPUT);
	assert_null(p);
	assert_non_null(test_find_rule(&d, rule));
	wp_profile_free(prof);
	wp_diags_clear(&d);
}

static void test_read_md__bad_input_refused(void **state)
{
	(void)state;
	read_fails("", 0, "read.empty");
	read_fails(" \n\n\t\n", 5, "read.empty");
	read_fails("# Just a title\n\nSome words, no table.\n", 36, "read.no-table");
	read_fails("%PDF-1.7\n\x01\x02\x03", 12, "read.binary");
	char bin[4096];
	for (size_t i = 0; i < sizeof bin; i++)
		bin[i] = (char)((i * 7919) & 0xFF);
	read_fails(bin, sizeof bin, "read.binary");
}

static void test_read_md__invalid_utf8_and_nul_reported_rows_kept(void **state)
{
	(void)state;
	wp_diags d = {0};
	const char src[] = HDR12 "| 1. | A | Y | bad \xFF byte | | | | | | | | |\n"
			   "| 2. | A | Y | nul \0 here | | | | | | | | |\n" ROW2;
	wp_profile *prof = test_profile();
	wp_programme *p = NULL;
	assert_int_equal(wp_read_md(&p, src, sizeof src - 1, "t.md", prof, &d), WP_OK);
	const wp_diag *u = test_find_rule(&d, "read.invalid-utf8");
	const wp_diag *z = test_find_rule(&d, "read.nul-byte");
	assert_non_null(u);
	assert_non_null(z);
	assert_int_equal(u->line, 3);
	assert_int_equal(u->col, 20);
	assert_int_equal(z->line, 4);
	assert_int_equal(z->col, 20);
	assert_int_equal(p->sections[0].nactivities, 3);
	assert_field(p, 0, 0, "activity", "bad \xEF\xBF\xBD byte");
	assert_field(p, 0, 1, "activity", "nul \xEF\xBF\xBD here");
	wp_programme_free(p);
	wp_profile_free(prof);
	wp_diags_clear(&d);
}

static void test_read_md__huge_cell_read_whole(void **state)
{
	(void)state;
	size_t big = 5u << 20;
	size_t pre = strlen(HDR12 "| 1. | A | Y | ");
	char *src = malloc(pre + big + 64);
	strcpy(src, HDR12 "| 1. | A | Y | ");
	memset(src + pre, 'x', big);
	strcpy(src + pre + big, " | | | | | | | | |\n");
	wp_diags d = {0};
	wp_programme *p = test_read(src, &d);
	char *t = test_field(p, 0, 0, "activity");
	assert_int_equal(strlen(t), big);
	free(t);
	free(src);
	wp_programme_free(p);
	wp_diags_clear(&d);
}

static void test_read_md__deep_nesting_does_not_crash(void **state)
{
	(void)state;
	size_t n = 50000;
	char *src = malloc(n * 2 + 2048);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		src[k++] = '>';
		src[k++] = ' ';
	}
	strcpy(src + k, "deep\n\n" HDR12 ROW1);
	/* Over the default depth: refused at once, at its line. */
	wp_diags d = {0};
	wp_profile *prof = test_profile();
	wp_programme *p = NULL;
	assert_int_equal(wp_read_md(&p, src, strlen(src), "t.md", prof, &d), WP_EINPUT);
	assert_null(p);
	assert_int_equal(test_count_rule(&d, "read.limit"), 1);
	assert_int_equal(test_find_rule(&d, "read.limit")->line, 1);
	wp_diags_clear(&d);
	/* With the limit raised, the parser gets it and does not crash. */
	wp_limits l = {0};
	assert_int_equal(wp_limits_set(&l, "depth", n + 1), WP_OK);
	memset(&d, 0, sizeof d);
	assert_int_equal(wp_read_md_limits(&p, src, strlen(src), "t.md", prof, &l, &d), WP_OK);
	assert_int_equal(p->sections[0].nactivities, 1);
	wp_programme_free(p);
	wp_profile_free(prof);
	free(src);
	wp_diags_clear(&d);
}

/* Each limit: a source just at it is read, one over it is refused with
 * read.limit at the line where the excess is, and nothing is built. */
static void limit_case(const char *name, size_t max, const char *at, const char *over, unsigned line)
{
	wp_profile *prof = test_profile();
	wp_limits l = {0};
	wp_programme *p = NULL;
	wp_diags d = {0};
	assert_int_equal(wp_limits_set(&l, name, max), WP_OK);
	int rc = wp_read_md_limits(&p, at, strlen(at), "t.md", prof, &l, &d);
	for (size_t i = 0; rc != WP_OK && i < d.n; i++)
		fprintf(stderr, "%s: %u: %s\n", name, d.items[i].line, d.items[i].message);
	assert_int_equal(rc, WP_OK);
	assert_int_equal(test_count_rule(&d, "read.limit"), 0);
	wp_programme_free(p);
	wp_diags_clear(&d);
	memset(&d, 0, sizeof d);
	p = NULL;
	rc = wp_read_md_limits(&p, over, strlen(over), "t.md", prof, &l, &d);
	if (rc != WP_EINPUT)
		fprintf(stderr, "%s: not refused\n", name);
	assert_int_equal(rc, WP_EINPUT);
	assert_null(p);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.items[0].rule, "read.limit");
	assert_int_equal(d.items[0].line, line);
	char flag[40];
	snprintf(flag, sizeof flag, "--limit %s=N", name);
	assert_non_null(strstr(d.items[0].message, flag));
	wp_diags_clear(&d);
	wp_profile_free(prof);
}

static void test_read_md__limits_refuse_before_parsing(void **state)
{
	(void)state;
	limit_case("line", 250, HDR12 ROW1, HDR12 ROW1 "\n" "x123456789x123456789x123456789x123456789x123456789"
		   "x123456789x123456789x123456789x123456789x123456789"
		   "x123456789x123456789x123456789x123456789x123456789x123456789x123456789x123456789"
		   "x123456789x123456789x123456789x123456789x123456789x123456789x123456789x123456789\n", 5);
	limit_case("columns", 12, HDR12 ROW1, HDR12 ROW1 "| 2. | A | Y | x | | | | | | | | | |\n", 4);
	/* an HTML table's row too (the HTML parser would build it whole):
	 * <td> and <th> since its <tr>, not <thead>, across lines */
	limit_case("columns", 3,
		   "<table><thead><tr><th>No.</th><th>A</th><th>B</th></tr></thead>\n<tr><td>1.</td><td>x</td>\n<td>y</td></tr></table>\n",
		   "<table><tr><th>No.</th><th>A</th></tr>\n<tr><td>1.</td><td>x</td>\n<td>y</td><td>z</td></tr></table>\n", 3);
	limit_case("brackets", 4, "[a] [b]\n\n" HDR12 ROW1, "[a] [b]\n[c\n\n" HDR12 ROW1, 1);
	limit_case("brackets", 4, "[a] [b]\n\n" HDR12 ROW1, "[a] [b]\n\n[a]\n[b] ]\n\n" HDR12 ROW1, 3);
	limit_case("depth", 3, "> > > a\n\n" HDR12 ROW1, "x\n\n> - > * a\n\n" HDR12 ROW1, 3);
	limit_case("indent", 8, "        a\n\n" HDR12 ROW1, "\t\t a\n\n" HDR12 ROW1, 1);
	limit_case("emphasis", 4, "**a**\n\n" HDR12 ROW1, "*a* _b_\nc *\n\n" HDR12 ROW1, 1);
	/* strikethrough goes through the same delimiter stack in cmark-gfm */
	limit_case("emphasis", 4, "~~a~~\n\n" HDR12 ROW1, "x\n\n~~a~~ ~\n\n" HDR12 ROW1, 3);
	/* An escaped character is not counted; a blank line ends a paragraph. */
	limit_case("emphasis", 4, "\\*\\*\\* **a**\n\n**b**\n\n" HDR12 ROW1, "**a**\n**b**\n\n" HDR12 ROW1, 1);
	/* The defaults read the real width of a programme and its footnotes. */
	wp_diags d = {0};
	wp_programme *p = test_read(HDR12 ROW1 ROW2, &d);
	assert_int_equal(d.n, 0);
	wp_programme_free(p);
	wp_diags_clear(&d);
	wp_limits l = {0};
	assert_int_equal(wp_limits_set(&l, "nesting", 3), WP_EUSAGE);
	assert_int_equal(wp_limits_default.columns, 256);
}

static void test_read_md__crlf_line_endings(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = test_read("| No. | Activities |\r\n|---|---|\r\n| 1. | x |\r\n| 2. | y |\r\n", &d);
	assert_int_equal(p->sections[0].nactivities, 2);
	assert_int_equal(p->sections[0].activities[1].cells_written, 2);
	assert_int_equal(test_count_rule(&d, "table.cells"), 0);
	wp_programme_free(p);
	wp_diags_clear(&d);
}

static void test_read_md__escaped_pipe_is_one_cell(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = test_read(HDR12 "| 1. | A | Y | a \\| b | | | | | | | | |\n", &d);
	assert_int_equal(p->sections[0].activities[0].cells_written, 12);
	assert_field(p, 0, 0, "activity", "a | b");
	assert_int_equal(d.n, 0);
	wp_programme_free(p);
	wp_diags_clear(&d);
}

/* A backslash escapes the byte after it, a backslash too: "\\\\|" ends a
 * cell, "\\\\\\|" does not; a last backslash after the last pipe is a cell
 * of its own (as cmark-gfm splits the row). */
static void test_read_md__backslashes_before_pipes(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = test_read(HDR12 "| 1. | A | Y | a \\\\| b | | | | | | | | |\n"
				    "| 2. | A | Y | t \\\\\\| x | | | | | | | | | \\\n", &d);
	assert_int_equal(p->sections[0].nactivities, 2);
	assert_int_equal(p->sections[0].activities[0].cells_written, 13);
	assert_int_equal(p->sections[0].activities[1].cells_written, 13);
	assert_field(p, 0, 1, "activity", "t \\| x");
	wp_programme_free(p);
	wp_diags_clear(&d);
}

/* Text between a heading and the section's first table is its intro
 * (an area's description); text after a table is a note. */
static void test_read_md__intro_before_the_table_notes_after(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = test_read("Title\n\n## I. Sec\n\nWhat the section is for.\n\n" HDR12 ROW1 "\nAfter the table.\n", &d);
	assert_int_equal(p->sections[0].intro.nparas, 1);
	assert_int_equal(p->sections[0].notes.nparas, 1);
	char *t = wp_field_text(&p->sections[0].intro);
	assert_string_equal(t, "What the section is for.");
	free(t);
	/* and the XML keeps them apart, intro before the columns */
	wp_profile *prof = test_profile();
	char *xml = NULL;
	size_t len;
	assert_int_equal(wp_write_xml(&xml, &len, p, prof, WP_XML_SOURCE, NULL), WP_OK);
	const char *i = strstr(xml, "<intro>"), *c = strstr(xml, "<columns>"), *n = strstr(xml, "<notes>");
	assert_true(i && c && n && i < c && c < n);
	free(xml);
	wp_profile_free(prof);
	wp_programme_free(p);
	wp_diags_clear(&d);
}

/***** HTML tables, as converters write them *****/

/* The header of HDR12 as pandoc writes a table whose cells hold
 * paragraphs: colgroup, thead of th, marks as <sup> or footnote links. */
#define HTML_HEAD                                                                                      \
	"<table>\n<colgroup>\n<col style=\"width: 8%\" />\n<col style=\"width: 8%\" />\n</colgroup>\n"   \
	"<thead>\n<tr class=\"header\">\n<th>No.</th>\n<th>Priority ranking</th>\n"                        \
	"<th>Link to the Strategic Plan <sup>1</sup></th>\n"                                             \
	"<th>Activities <a href=\"#fn2\" class=\"footnote-ref\" id=\"fnref2\" role=\"doc-noteref\"><sup>2</sup></a></th>\n" \
	"<th>WCO Strategic Plan ³</th>\n<th>Type of task associated ⁴</th>\n<th>Responsible body ⁵</th>\n" \
	"<th>Team resources</th>\n<th>Key Performance Indicators</th>\n<th>Timeline</th>\n"               \
	"<th>Progress ⁶</th>\n<th>Completion status ⁷</th>\n</tr>\n</thead>\n<tbody>\n"

/* One row of 12 cells, one cell a line, as converters write them. */
static void html_row(char *buf, size_t size, const char *const cells[12])
{
	size_t n = (size_t)snprintf(buf, size, "<tr class=\"odd\">\n");
	for (int i = 0; i < 12; i++)
		n += (size_t)snprintf(buf + n, size - n, "<td>%s</td>\n", cells[i]);
	snprintf(buf + n, size - n, "</tr>\n");
}

static void test_read_md__html_table_reads_like_a_pipe_table(void **state)
{
	(void)state;
	static const char *const c1[12] = {"<p>12</p>\n<p>11.</p>", "A", "Y",
		"<p>Take note of</p>\n<p>Provide <u>updates</u> on the <del>old</del> guide</p>", "SP1",
		"Update", "PTC, Council", "One officer <br />\nand a consultant", "Guide &amp; tools adopted",
		"2024", "<p>In progress.</p>\n\n<p>Second   paragraph\nwrapped.</p>", "Blue"};
	static const char *const c2[12] = {"2.", "B", "Y", "Review the tool", "SP2", "Update", "PTC",
		"Two officers", "Tool revised", "2025", "Not started.", "Red"};
	char r1[2048], r2[1024], md[8192];
	html_row(r1, sizeof r1, c1);
	html_row(r2, sizeof r2, c2);
	snprintf(md, sizeof md, "Title\n\n**I. Activities**\n\n%s%s%s</tbody>\n</table>\n", HTML_HEAD, r1, r2);
	wp_diags d = {0}, e = {0};
	wp_programme *p = test_read(md, &d);
	wp_programme *q = test_read("Title\n\n**I. Activities**\n\n" HDR12
				    "| <p>12</p> <p>11.</p> | A | Y | <p>Take note of</p> <p>Provide <u>updates</u> on the "
				    "~~old~~ guide</p> | SP1 | Update | PTC, Council | One officer<br>and a consultant | "
				    "Guide & tools adopted | 2024 | <p>In progress.</p> <p>Second paragraph wrapped.</p> | Blue |\n" ROW2,
				    &e);
	for (size_t i = 0; i < d.n; i++)
		print_message("%u:%u %s %s\n", d.items[i].line, d.items[i].col, d.items[i].rule, d.items[i].message);
	assert_int_equal(d.n, 0);
	assert_int_equal(p->stats.tables, 1);
	assert_same_cells(q, p);
	const wp_section *s = &p->sections[0];
	assert_string_equal(s->kind, "timeframe");
	/* footnote marks bound from <sup> and from a footnote link */
	assert_int_equal(s->columns[2].mark, 1);
	assert_int_equal(s->columns[3].mark, 2);
	const wp_field *act = &s->activities[0].fields[wp_section_column(s, "activity")];
	assert_int_equal(act->nparas, 2);
	int u = 0, del = 0;
	for (size_t i = 0; i < act->paras[1].nruns; i++) {
		u |= act->paras[1].runs[i].style & WP_STYLE_U && !strcmp(act->paras[1].runs[i].text, "updates");
		del |= act->paras[1].runs[i].style & WP_STYLE_DEL && !strcmp(act->paras[1].runs[i].text, "old");
	}
	assert_true(u && del);
	const wp_field *res = &s->activities[0].fields[wp_section_column(s, "resources")];
	assert_int_equal(res->paras[0].runs[1].kind, WP_RUN_BREAK);
	wp_programme_free(p);
	wp_programme_free(q);
	wp_diags_clear(&d);
	wp_diags_clear(&e);
}

/* Between pipe tables, in one section, at exact positions: a finding
 * on a cell of an HTML table points at its <td>. */
static void test_read_md__html_table_among_pipe_tables(void **state)
{
	(void)state;
	static const char *const c3[12] = {"3.", "A", "Y", "x", "SP1", "Update", "PTC", "y", "z", "2024", "p", ""};
	char r3[1024], md[8192];
	html_row(r3, sizeof r3, c3);
	snprintf(md, sizeof md, HDR12 ROW1 "\n%s%s</tbody>\n</table>\n\n" HDR12 "| 4. | A | Y | w | | | | | | | | |\n",
		 HTML_HEAD, r3);
	wp_diags d = {0};
	wp_programme *p = test_read(md, &d);
	assert_int_equal(p->nsections, 1);
	assert_int_equal(p->stats.tables, 3);
	assert_int_equal(p->stats.repeated_headers, 2);
	const wp_section *s = &p->sections[0];
	assert_int_equal(s->nactivities, 3);
	assert_string_equal(s->activities[1].number, "3");
	assert_string_equal(s->activities[2].number, "4");
	/* line of "<td>A</td>" of the HTML row: count the lines before it */
	const char *at = strstr(md, "<td>3.</td>");
	unsigned line = 1;
	for (const char *q = md; q < at; q++)
		line += *q == '\n';
	const wp_field *prio = &s->activities[1].fields[wp_section_column(s, "priority")];
	assert_int_equal(s->activities[1].fields[0].pos.line, line);
	assert_int_equal(s->activities[1].fields[0].pos.col, 1);
	assert_int_equal(prio->pos.line, line + 1);
	assert_int_equal(prio->pos.col, 1);
	wp_programme_free(p);
	wp_diags_clear(&d);
}

/* Without thead: a first row of th, or of td reading as the profile's
 * headers, is the header; a first row of data makes a header-less table
 * that continues its section. */
static void test_read_md__html_table_header_in_first_row_or_none(void **state)
{
	(void)state;
	char md[8192];
	wp_diags d = {0};
	snprintf(md, sizeof md, "<table>\n<tr><td>No.</td><td>Priority ranking</td><td>Link to the Strategic Plan</td>"
		 "<td>Activities</td><td>WCO Strategic Plan</td><td>Type of task associated</td><td>Responsible body</td>"
		 "<td>Team resources</td><td>Key Performance Indicators</td><td>Timeline</td><td>Progress</td>"
		 "<td>Completion status</td></tr>\n<tr><td>1.</td><td>A</td><td>Y</td><td>x</td><td>SP1</td><td>Update</td>"
		 "<td>PTC</td><td>r</td><td>k</td><td>2024</td><td>p</td><td>Blue</td></tr>\n</table>\n\n"
		 "<table>\n<tr><td>2.</td><td>B</td><td>Y</td><td>y</td><td>SP1</td><td>Update</td>"
		 "<td>PTC</td><td>r</td><td>k</td><td>2024</td><td>p</td><td>Blue</td></tr>\n</table>\n");
	wp_programme *p = test_read(md, &d);
	assert_int_equal(d.n, 0);
	assert_int_equal(p->nsections, 1);
	assert_string_equal(p->sections[0].kind, "timeframe");
	assert_int_equal(p->sections[0].nactivities, 2);
	assert_int_equal(p->stats.headerless_tables, 1);
	assert_field(p, 0, 1, "activity", "y");
	wp_programme_free(p);
	wp_diags_clear(&d);
}

/* A title row above the header in thead is kept as a note, a row of
 * dashes (a pipe table's border carried into HTML) is furniture, cells
 * beyond the header are kept and said, a blank line inside the table
 * (which ends cmark's HTML block) does not end the table. */
static void test_read_md__html_table_title_row_dashes_extra_cells(void **state)
{
	(void)state;
	static const char *const c1[12] = {"1.", "A", "Y", "x", "SP1", "Update", "PTC", "y", "z", "2024", "p", ""};
	static const char *const dash[12] = {"------", "---", "---", "--", "", "---", "---", "--", "--", "--", "--", ""};
	char r1[1024], rd[1024], md[8192];
	html_row(r1, sizeof r1, c1);
	html_row(rd, sizeof rd, dash);
	snprintf(md, sizeof md, HDR12 "| 0. | A | Y | a | | | | | | | | |\n\n"
		 "<table>\n<thead>\n<tr><th colspan=\"12\">Annex: activities</th></tr>\n%s\n\n%s%s"
		 "<tr><td>2.</td><td>B</td><td>Y</td><td>w</td><td></td><td></td><td></td><td></td><td></td><td></td>"
		 "<td></td><td></td><td>one more</td></tr>\n</tbody></table>\n",
		 strstr(HTML_HEAD, "<tr class=\"header\">"), r1, rd);
	wp_diags d = {0};
	wp_programme *p = test_read(md, &d);
	const wp_section *s = &p->sections[0];
	assert_int_equal(s->nactivities, 3);
	assert_int_equal(p->stats.furniture, 1);
	char *t = wp_field_text(&s->notes);
	assert_string_equal(t, "Annex: activities");
	free(t);
	assert_int_equal(test_count_rule(&d, "table.cells"), 1);
	assert_non_null(strstr(test_find_rule(&d, "table.cells")->message, "kept at the end of the last column"));
	t = test_field(p, 0, 2, "status");
	assert_non_null(strstr(t, "one more"));
	free(t);
	wp_programme_free(p);
	wp_diags_clear(&d);
}

/* What wpgen cannot read as rows is said at its line, its text kept. */
/* libxml2 keeps 10 MB of one HTML text node and drops the rest without a
 * word: a cell that reaches it is said (read.limit), never cut short in
 * silence; a cell nested 200 deep is read (its text) without following
 * the nest down the stack. */
static void test_read_md__html_cell_limits_said(void **state)
{
	(void)state;
	size_t n = 11u * 1000 * 1000;
	char *md = malloc(n + 1024);
	size_t k = (size_t)sprintf(md, "%s\n<table>\n<tr><td>1.</td><td>", HDR12 ROW1);
	for (size_t i = 0; i < n / 5; i++, k += 5)
		memcpy(md + k, "word ", 5);
	strcpy(md + k, "</td></tr>\n</table>\n");
	wp_diags d = {0};
	wp_programme *p = test_read(md, &d);
	const wp_diag *x = test_find_rule(&d, "read.limit");
	assert_non_null(x);
	assert_non_null(strstr(x->message, "10 MB or more in one element of an HTML table"));
	wp_programme_free(p);
	wp_diags_clear(&d);
	k = (size_t)sprintf(md, "%s\n<table>\n<tr><td>2.</td><td>", HDR12 ROW1);
	for (int i = 0; i < 200; i++)
		k += (size_t)sprintf(md + k, "<b>");
	k += (size_t)sprintf(md + k, "deep text");
	for (int i = 0; i < 200; i++)
		k += (size_t)sprintf(md + k, "</b>");
	sprintf(md + k, "</td></tr>\n</table>\n");
	p = test_read(md, &d);
	assert_null(test_find_rule(&d, "read.table-unread"));
	assert_int_equal(p->sections[0].nactivities, 2);
	char *t = wp_field_text(&p->sections[0].activities[1].fields[1]);
	assert_string_equal(t, "deep text");
	free(t);
	wp_programme_free(p);
	wp_diags_clear(&d);
	free(md);
}

static void test_read_md__unreadable_tables_are_findings(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = test_read(HDR12 ROW1 "\n<table>\n<tr><td>2.</td><td>B</td>\n\nmore text\n", &d);
	const wp_diag *x = test_find_rule(&d, "read.table-unread");
	assert_non_null(x);
	assert_int_equal(x->line, 5);
	assert_non_null(strstr(x->message, "without its </table>"));
	assert_int_equal(p->sections[0].nactivities, 1);
	char *t = wp_field_text(&p->sections[0].notes);
	assert_non_null(strstr(t, "<td>2.</td>"));
	free(t);
	wp_programme_free(p);
	wp_diags_clear(&d);

	p = test_read(HDR12 ROW1 "\n+------+------+\n| No.  | Act. |\n+======+======+\n| 2.   | x    |\n+------+------+\n",
		      &d);
	x = test_find_rule(&d, "read.table-unread");
	assert_non_null(x);
	assert_int_equal(x->line, 5);
	assert_non_null(strstr(x->message, "grid table"));
	t = wp_field_text(&p->sections[0].notes);
	assert_non_null(strstr(t, "| 2.   | x    |"));
	free(t);
	wp_programme_free(p);
	wp_diags_clear(&d);

	/* elements nested past libxml2's 256 levels: it would stop there and
	 * drop the rest; the table is said and kept as text */
	char *deep = malloc(40 * 300 + 1024);
	size_t n = (size_t)sprintf(deep, "%s\n<table>\n<tr><td>2.</td><td>", HDR12 ROW1);
	for (int i = 0; i < 300; i++)
		n += (size_t)sprintf(deep + n, "<b>");
	n += (size_t)sprintf(deep + n, "deep text");
	for (int i = 0; i < 300; i++)
		n += (size_t)sprintf(deep + n, "</b>");
	sprintf(deep + n, "</td></tr>\n</table>\n");
	p = test_read(deep, &d);
	x = test_find_rule(&d, "read.table-unread");
	assert_non_null(x);
	assert_int_equal(x->line, 5);
	assert_non_null(strstr(x->message, "256"));
	t = wp_field_text(&p->sections[0].notes);
	assert_non_null(strstr(t, "deep text"));
	free(t);
	free(deep);
	wp_programme_free(p);
	wp_diags_clear(&d);

	/* a <table> with no row of cells */
	p = test_read(HDR12 ROW1 "\n<table>\n<caption>Nothing here</caption>\n</table>\n", &d);
	x = test_find_rule(&d, "read.table-unread");
	assert_non_null(x);
	assert_int_equal(x->line, 5);
	wp_programme_free(p);
	wp_diags_clear(&d);
}

/* libxml2 keeps element lines in 16 bits: positions past line 65,535 of
 * a table come from the reader's own offsets, exact. */
static void test_read_md__html_table_positions_past_65535_lines(void **state)
{
	(void)state;
	size_t blank = 140000;
	const char *tail = "<tr>\n<td>1.</td>\n<td>A</td>\n<td>Y</td><td>x</td><td></td><td></td><td></td><td></td>"
			   "<td></td><td></td><td></td><td></td></tr>\n</tbody>\n</table>\n";
	size_t hl = strlen(HTML_HEAD), tl = strlen(tail);
	char *md = malloc(hl + blank + tl + 1);
	memcpy(md, HTML_HEAD, hl);
	for (size_t i = 0; i < blank; i++)
		md[hl + i] = i % 2 ? '\n' : ' ';
	memcpy(md + hl + blank, tail, tl + 1);
	unsigned line = 1;
	for (const char *q = md; q < strstr(md, "<td>A</td>"); q++)
		line += *q == '\n';
	wp_profile *prof = test_profile();
	wp_programme *p = NULL;
	wp_diags d = {0};
	assert_int_equal(wp_read_md(&p, md, strlen(md), "big.md", prof, &d), WP_OK);
	const wp_section *s = &p->sections[0];
	assert_int_equal(s->nactivities, 1);
	assert_true(line > 65535);
	assert_int_equal(s->activities[0].fields[1].pos.line, line);
	assert_int_equal(s->activities[0].fields[1].pos.col, 1);
	assert_int_equal(s->activities[0].fields[3].pos.col, 11); /* after "<td>Y</td>" */
	wp_programme_free(p);
	wp_profile_free(prof);
	wp_diags_clear(&d);
	free(md);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_md__first_reads_in_threads_see_every_extension),
		cmocka_unit_test(test_read_md__title_and_heading_run_together),
		cmocka_unit_test(test_read_md__section_heading_paragraph_and_atx),
		cmocka_unit_test(test_read_md__header_marks_bind_columns),
		cmocka_unit_test(test_read_md__annex_block_and_running_title_are_furniture),
		cmocka_unit_test(test_read_md__footnotes_anywhere),
		cmocka_unit_test(test_read_md__guidance_row_and_examples_kept_apart),
		cmocka_unit_test(test_read_md__continuation_row_joins_progress),
		cmocka_unit_test(test_read_md__orphan_continuation_is_kept_and_reported),
		cmocka_unit_test(test_read_md__headerless_table_takes_section_columns),
		cmocka_unit_test(test_read_md__headerless_table_first_is_an_error),
		cmocka_unit_test(test_read_md__headerless_table_of_other_width),
		cmocka_unit_test(test_read_md__short_row_counted_as_written),
		cmocka_unit_test(test_read_md__extra_cells_kept_in_last_column),
		cmocka_unit_test(test_read_md__inline_html_becomes_structure),
		cmocka_unit_test(test_read_md__numbers_kept_as_written),
		cmocka_unit_test(test_read_md__positions_point_into_source),
		cmocka_unit_test(test_read_md__notes_and_preamble_are_kept),
		cmocka_unit_test(test_read_md__unknown_header_kept_with_warning),
		cmocka_unit_test(test_read_md__header_text_against_profile),
		cmocka_unit_test(test_read_md__bad_input_refused),
		cmocka_unit_test(test_read_md__invalid_utf8_and_nul_reported_rows_kept),
		cmocka_unit_test(test_read_md__huge_cell_read_whole),
		cmocka_unit_test(test_read_md__deep_nesting_does_not_crash),
		cmocka_unit_test(test_read_md__limits_refuse_before_parsing),
		cmocka_unit_test(test_read_md__intro_before_the_table_notes_after),
		cmocka_unit_test(test_read_md__crlf_line_endings),
		cmocka_unit_test(test_read_md__escaped_pipe_is_one_cell),
		cmocka_unit_test(test_read_md__backslashes_before_pipes),
		cmocka_unit_test(test_read_md__html_table_reads_like_a_pipe_table),
		cmocka_unit_test(test_read_md__html_table_among_pipe_tables),
		cmocka_unit_test(test_read_md__html_table_header_in_first_row_or_none),
		cmocka_unit_test(test_read_md__html_table_title_row_dashes_extra_cells),
		cmocka_unit_test(test_read_md__unreadable_tables_are_findings),
		cmocka_unit_test(test_read_md__html_cell_limits_said),
		cmocka_unit_test(test_read_md__html_table_positions_past_65535_lines),
	};
	return cmocka_run_group_tests_name("read_md", tests, NULL, NULL);
}
