/* test_seed.c: conformance on the real work programme in ../shared/seeds.
 * Properties, not bytes: counts, every cell present in both annexes, the
 * Markdown annex a fixed point. Skipped, saying so, when the seeds are
 * absent. */
#include "testutil.h"
#include "base/util.h"
#include <ctype.h>
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#define PTC "ptc-work-programme-2022-2025.md"

typedef struct seed {
	char *src;
	size_t len;
	char path[512];
	wp_profile *prof;
	wp_programme *p;
	wp_diags d;
} seed;

static int setup(void **state)
{
	static seed s;
	memset(&s, 0, sizeof s);
	snprintf(s.path, sizeof s.path, "%s/%s", seeds_dir(), PTC);
	if (wp_read_file(&s.src, &s.len, s.path) != WP_OK) {
		*state = NULL;
		return 0;
	}
	s.prof = test_profile();
	if (wp_read_md(&s.p, s.src, s.len, s.path, s.prof, &s.d) != WP_OK)
		return -1;
	*state = &s;
	return 0;
}

static int teardown(void **state)
{
	seed *s = *state;
	if (s) {
		wp_programme_free(s->p);
		wp_profile_free(s->prof);
		wp_diags_clear(&s->d);
		free(s->src);
	}
	return 0;
}

#define NEED_SEED(s)                                                                         \
	do {                                                                                 \
		if (!(s)) {                                                                  \
			printf("SKIPPED: %s/%s is absent; the conformance tests did not run\n", \
			       seeds_dir(), PTC);                                            \
			skip();                                                              \
		}                                                                            \
	} while (0)

static void test_seed__counts(void **state)
{
	seed *s = *state;
	NEED_SEED(s);
	const wp_programme *p = s->p;
	assert_int_equal(p->nsections, 2);
	assert_string_equal(p->sections[0].numeral, "I");
	assert_string_equal(p->sections[0].kind, "timeframe");
	assert_int_equal(p->sections[0].ncolumns, 12);
	assert_int_equal(p->sections[0].nactivities, 43);
	assert_string_equal(p->sections[1].numeral, "II");
	assert_string_equal(p->sections[1].kind, "continuous");
	assert_int_equal(p->sections[1].ncolumns, 11);
	assert_int_equal(p->sections[1].nactivities, 54);
	assert_int_equal(wp_programme_examples(p), 2); /* (the "EXAMPLE" label row is not one) */
	assert_int_equal(p->stats.headerless_tables, 4);
	assert_int_equal(p->stats.continuation_rows, 4);
	assert_int_equal(p->nfootnotes, 8);
	for (size_t i = 0; i < p->nfootnotes; i++)
		assert_int_equal(p->footnotes[i].mark, (int)i + 1);
	assert_non_null(p->sections[0].guidance);
	assert_non_null(p->sections[1].guidance);
	assert_non_null(p->title);
	assert_non_null(p->annex_to);
	assert_int_equal(p->period_start, 2022);
	assert_int_equal(p->period_end, 2025);
	assert_non_null(strstr(p->sections[0].title, "timeframe"));
	/* Page furniture never becomes content. */
	assert_int_equal(p->preamble.nparas, 0);
	assert_int_equal(p->sections[0].notes.nparas, 0);
	assert_int_equal(p->sections[1].notes.nparas, 0);
	/* Numbers as written: old and new side by side stay unparsed. */
	size_t unparsed = 0;
	for (size_t k = 0; k < 2; k++)
		for (size_t i = 0; i < p->sections[k].nactivities; i++)
			unparsed += p->sections[k].activities[i].number == NULL;
	assert_true(unparsed >= 6);
}

static void test_seed__expected_reader_diagnostics(void **state)
{
	seed *s = *state;
	NEED_SEED(s);
	/* The reader finds no broken table shape in it; what it reports is
	 * the 'Timeline ^a' header on the continuous section's later pages. */
	assert_int_equal(s->d.errors, 0);
	assert_int_equal(test_count_rule(&s->d, "table.cells"), 0);
	assert_int_equal(test_count_rule(&s->d, "table.header"), s->d.n);
	for (size_t i = 0; i < s->d.n; i++)
		assert_non_null(strstr(s->d.items[i].message, "Timeline ^a"));
}

/* Collapses white space, for comparing text across formats. */
static char *squash(const char *t)
{
	char *o = malloc(strlen(t) + 1), *w = o;
	int space = 0;
	for (; *t; t++) {
		if (isspace((unsigned char)*t)) {
			space = w != o;
			continue;
		}
		if (space)
			*w++ = ' ';
		space = 0;
		*w++ = *t;
	}
	*w = '\0';
	return o;
}

static char *render_with(seed *s, const char *tpl, const wp_programme *p)
{
	wp_template *t = NULL;
	char *out = NULL;
	size_t len;
	assert_int_equal(wp_template_load(&t, tpl, &s->d), WP_OK);
	assert_int_equal(wp_render(&out, &len, t, p, s->prof, strstr(tpl, "-md") ? WP_XML_SOURCE : WP_XML_ANNOTATED, NULL, &s->d), WP_OK);
	wp_template_free(t);
	return out;
}

static void each_para_in(const wp_programme *p, const char *hay, size_t *checked)
{
	for (size_t k = 0; k < p->nsections; k++) {
		const wp_section *sec = &p->sections[k];
		for (int ex = 0; ex < 2; ex++) {
			size_t n = ex ? sec->nexamples : sec->nactivities;
			const wp_activity *acts = ex ? sec->examples : sec->activities;
			for (size_t i = 0; i < n; i++)
				for (size_t c = 0; c < sec->ncolumns; c++) {
					const wp_field *f = &acts[i].fields[c];
					for (size_t q = 0; q < f->nparas; q++) {
						wp_field one = *f;
						one.paras = (wp_para *)&f->paras[q];
						one.nparas = 1;
						char *t = wp_field_text(&one), *sq = squash(t);
						if (!strstr(hay, sq))
							fail_msg("section %zu row %zu column %s: '%s' is missing", k + 1, i + 1,
								 sec->columns[c].key, sq);
						(*checked)++;
						free(t);
						free(sq);
					}
				}
		}
	}
}

static void test_seed__every_cell_in_html_annex(void **state)
{
	seed *s = *state;
	NEED_SEED(s);
	char *html = render_with(s, "templates/annex-html.xsl", s->p);
	htmlDocPtr doc = htmlReadMemory(html, (int)strlen(html), "a.html", "UTF-8",
					HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	assert_non_null(doc);
	xmlChar *text = xmlNodeGetContent(xmlDocGetRootElement(doc));
	char *hay = squash((char *)text);
	size_t checked = 0;
	each_para_in(s->p, hay, &checked);
	assert_true(checked > 900);
	xmlFree(text);
	free(hay);
	xmlFreeDoc(doc);
	free(html);
}

static void test_seed__md_annex_has_every_cell_and_is_a_fixed_point(void **state)
{
	seed *s = *state;
	NEED_SEED(s);
	char *md = render_with(s, "templates/annex-md.xsl", s->p);
	wp_programme *q = NULL;
	wp_diags d = {0};
	assert_int_equal(wp_read_md(&q, md, strlen(md), "annex.md", s->prof, &d), WP_OK);
	assert_int_equal(d.n, 0);
	/* the same programme, cell for cell */
	assert_string_equal(q->title, s->p->title);
	assert_string_equal(q->annex_to, s->p->annex_to);
	assert_int_equal(q->nfootnotes, s->p->nfootnotes);
	assert_same_cells(s->p, q);
	/* rendering the annex again gives the same bytes */
	char *md2 = render_with(s, "templates/annex-md.xsl", q);
	assert_int_equal(strlen(md2), strlen(md));
	assert_string_equal(md2, md);
	free(md2);
	free(md);
	wp_programme_free(q);
	wp_diags_clear(&d);
}

/* The figures "How numbering is judged" in the README quotes. */
static void test_seed__numbering_as_the_readme_says(void **state)
{
	seed *s = *state;
	NEED_SEED(s);
	wp_diags d = {0};
	wp_check_opts o = {NULL, NULL, 0, 1, NULL};
	assert_int_equal(wp_check(s->p, s->prof, &o, &d), WP_OK);
	assert_int_equal(test_count_rule(&d, "numbering.remnant"), 55); /* the pairs */
	assert_int_equal(test_count_rule(&d, "numbering.dot"), 2);
	size_t fixes = 0;
	for (size_t i = 0; i < d.n; i++)
		fixes += !strncmp(d.items[i].rule, "numbering.", 10) && d.items[i].fix_text != NULL;
	assert_int_equal(fixes, 57); /* "--fix then changes 57 number cells" */
	/* the rows the renumbering skips, as written, and the row after each */
	static const struct {
		size_t section;
		const char *row, *next;
	} skipped[] = {{0, "11.", "12 11."}, {1, "2.", "32."}, {1, "50", "5449"}};
	size_t k = 0;
	for (size_t i = 0; i < d.n; i++) {
		if (strcmp(d.items[i].rule, "numbering.skipped"))
			continue;
		assert_true(k < 3);
		const wp_section *sec = &s->p->sections[skipped[k].section];
		size_t a = 0;
		while (a < sec->nactivities && sec->activities[a].pos.line != d.items[i].line)
			a++;
		assert_true(a + 1 < sec->nactivities);
		char *t = test_field(s->p, skipped[k].section, a, "number");
		char *u = test_field(s->p, skipped[k].section, a + 1, "number");
		assert_string_equal(t, skipped[k].row);
		assert_string_equal(u, skipped[k].next);
		free(t);
		free(u);
		if (k == 0) /* section I runs 1..10 before it, plain */
			for (size_t x = 0; x < a; x++) {
				char want[24];
				snprintf(want, sizeof want, "%zu", x + 1);
				assert_string_equal(sec->activities[x].number, want);
			}
		k++;
	}
	assert_int_equal(k, 3);
	wp_diags_clear(&d);
}

/* The seed edited as a secretary might: one more number used twice
 * (section I's row 5 written "4."), a row of section I gone, two numbers
 * of section I swapped. Each edit is one finding at its row, and the
 * seed's own verdicts (its three rows the renumbering skips) stand. */
static char *seed_edit(const seed *s, const char *row, const char *as, int drop, const char *row2, const char *as2)
{
	wp_buf b = {0};
	int done = 0, done2 = 0;
	for (const char *l = s->src; *l;) {
		const char *e = strchr(l, '\n');
		size_t n = e ? (size_t)(e - l) + 1 : strlen(l);
		size_t rl = strlen(row), rl2 = row2 ? strlen(row2) : 0;
		if (!done && n > rl && !strncmp(l, row, rl)) {
			if (!drop) {
				wp_buf_puts(&b, as);
				wp_buf_put(&b, l + rl, n - rl);
			}
			done = 1;
		} else if (row2 && !done2 && n > rl2 && !strncmp(l, row2, rl2)) {
			wp_buf_puts(&b, as2);
			wp_buf_put(&b, l + rl2, n - rl2);
			done2 = 1;
		} else {
			wp_buf_put(&b, l, n);
		}
		l += n;
	}
	assert_true(done && (!row2 || done2));
	return wp_buf_detach(&b, NULL);
}

static void test_seed__numbering_beyond_the_seed(void **state)
{
	seed *s = *state;
	NEED_SEED(s);
	static const struct {
		const char *row, *as;
		int drop;
		const char *row2, *as2;
		const char *rule, *says;
	} edits[] = {
		{"| 5. |", "| 4. |", 0, NULL, NULL, "numbering.mistyped", "numbered 4 where 5 is expected: 4 is used twice, and 6 follows"},
		{"| 7. |", "", 1, NULL, NULL, "numbering.gap", "row 7 is missing: 6 is followed by 8"},
		{"| 8. |", "| 9. |", 0, "| 9. |", "| 8. |", "numbering.swapped", "numbered 9, and the next row 8"},
	};
	for (size_t k = 0; k < sizeof edits / sizeof edits[0]; k++) {
		char *src = seed_edit(s, edits[k].row, edits[k].as, edits[k].drop, edits[k].row2, edits[k].as2);
		wp_diags d = {0};
		wp_programme *p = NULL;
		assert_int_equal(wp_read_md(&p, src, strlen(src), "edited.md", s->prof, &d), WP_OK);
		wp_check_opts o = {NULL, NULL, 0, 0, NULL};
		assert_int_equal(wp_check(p, s->prof, &o, &d), WP_OK);
		const wp_diag *x = test_find_rule(&d, edits[k].rule);
		if (!x || !strstr(x->message, edits[k].says))
			fail_msg("the seed edited (%s -> %s): no %s saying '%s'", edits[k].row, edits[k].as, edits[k].rule, edits[k].says);
		assert_int_equal(test_count_rule(&d, edits[k].rule), 1);
		assert_int_equal(test_count_rule(&d, "numbering.skipped"), 3);
		size_t other = test_count_rule(&d, "numbering.gap") + test_count_rule(&d, "numbering.duplicate") +
			       test_count_rule(&d, "numbering.order") + test_count_rule(&d, "numbering.mistyped") +
			       test_count_rule(&d, "numbering.swapped");
		assert_int_equal(other, 1); /* the one edit, nothing following from it */
		wp_programme_free(p);
		wp_diags_clear(&d);
		free(src);
	}
}

/* The leftovers of tracked changes in the seed's text: about twenty
 * activities carry one, of each shape. */
static void test_seed__tracked_leftovers(void **state)
{
	seed *s = *state;
	NEED_SEED(s);
	wp_diags d = {0};
	wp_check_opts o = {NULL, NULL, 0, 0, NULL};
	assert_int_equal(wp_check(s->p, s->prof, &o, &d), WP_OK);
	size_t n = test_count_rule(&d, "tracked.leftover"), ffree = 0, split = 0, stray = 0, openings = 0;
	for (size_t i = 0; i < d.n; i++) {
		if (strcmp(d.items[i].rule, "tracked.leftover"))
			continue;
		const char *m = d.items[i].message;
		ffree += strstr(m, "'fFree' reads as 'Free'") != NULL;
		split += strstr(m, "'T echnologies' reads as 'Technologies'") != NULL;
		stray += strstr(m, "' stands alone before '") != NULL;
		openings += strstr(m, "two openings") != NULL;
	}
	assert_true(n >= 18 && n <= 24);
	assert_int_equal(ffree, 2);
	assert_int_equal(split, 1);
	assert_int_equal(stray, 2); /* "m" before "Maintain", "p" before "Promotion" */
	assert_int_equal(openings, n - 5);
	wp_diags_clear(&d);
}

/* The seed with every pipe table written as an HTML table, the way
 * Word-to-Markdown converters write them: cmark-gfm renders each table
 * (the <p> and <u> of its cells kept raw), with a <colgroup> and row
 * classes as pandoc adds them; the rest of the source as it is. */
static char *with_html_tables(const char *src, size_t len, size_t *ntables)
{
	cmark_gfm_core_extensions_ensure_registered();
	cmark_parser *ps = cmark_parser_new(CMARK_OPT_UNSAFE);
	cmark_parser_attach_syntax_extension(ps, cmark_find_syntax_extension("table"));
	cmark_parser_attach_syntax_extension(ps, cmark_find_syntax_extension("strikethrough"));
	cmark_parser_feed(ps, src, len);
	cmark_node *doc = cmark_parser_finish(ps);
	size_t cap = len * 3 + 4096, n = 0, done = 0; /* bytes of src copied */
	char *out = malloc(cap);
	const char *line1 = src; /* start of line 1; lines found by scanning */
	*ntables = 0;
	for (cmark_node *c = cmark_node_first_child(doc); c; c = cmark_node_next(c)) {
		if (strcmp(cmark_node_get_type_string(c), "table"))
			continue;
		/* the byte offsets of the table's first line and of the line after its last */
		int first = cmark_node_get_start_line(c), last = cmark_node_get_end_line(c), l = 1;
		size_t from = 0, to = len;
		for (size_t i = 0; i < len; i++)
			if (src[i] == '\n') {
				l++;
				if (l == first)
					from = i + 1;
				if (l == last + 1) {
					to = i + 1;
					break;
				}
			}
		char *html = cmark_render_html(c, CMARK_OPT_UNSAFE, cmark_parser_get_syntax_extensions(ps));
		const char *cg = "<colgroup>\n<col style=\"width: 8%\" />\n</colgroup>\n";
		size_t need = (from - done) + strlen(html) + strlen(cg) + strlen(html) / 4 + 16;
		if (n + need > cap)
			out = realloc(out, cap = (n + need) * 2);
		memcpy(out + n, line1 + done, from - done);
		n += from - done;
		for (const char *h = html; *h; h++) {
			if (!strncmp(h, "<table>\n", 8)) {
				n += (size_t)sprintf(out + n, "<table>\n%s", cg);
				h += 7;
			} else if (!strncmp(h, "<tr>", 4)) {
				n += (size_t)sprintf(out + n, "<tr class=\"odd\">");
				h += 3;
			} else {
				out[n++] = *h;
			}
		}
		free(html);
		done = to;
		(*ntables)++;
	}
	if (n + (len - done) + 1 > cap)
		out = realloc(out, cap = n + (len - done) + 1);
	memcpy(out + n, src + done, len - done);
	out[n + len - done] = '\0';
	cmark_node_free(doc);
	cmark_parser_free(ps);
	return out;
}

/* The seed read whole when its tables are HTML tables: the same
 * activities, every cell the same text, the same findings. */
static void test_seed__reads_whole_with_html_tables(void **state)
{
	seed *s = *state;
	NEED_SEED(s);
	size_t ntables;
	char *md = with_html_tables(s->src, s->len, &ntables);
	assert_true(ntables >= 30); /* every page of the seed is a table */
	assert_null(strstr(md, "|---"));
	wp_programme *q = NULL;
	wp_diags d = {0};
	assert_int_equal(wp_read_md(&q, md, strlen(md), "html.md", s->prof, &d), WP_OK);
	assert_int_equal(q->stats.tables, s->p->stats.tables);
	assert_int_equal(q->stats.headerless_tables, s->p->stats.headerless_tables);
	assert_int_equal(q->stats.repeated_headers, s->p->stats.repeated_headers);
	assert_int_equal(q->nsections, s->p->nsections);
	assert_int_equal(q->nfootnotes, s->p->nfootnotes);
	assert_same_cells(s->p, q);
	size_t cells = 0;
	for (size_t k = 0; k < q->nsections; k++) {
		const wp_section *a = &s->p->sections[k], *b = &q->sections[k];
		for (size_t c = 0; c < a->ncolumns; c++)
			assert_int_equal(b->columns[c].mark, a->columns[c].mark);
		cells += b->nactivities * b->ncolumns;
	}
	assert_int_equal(cells, 43 * 12 + 54 * 11);
	/* the reader's findings, rule for rule */
	assert_int_equal(d.n, s->d.n);
	for (size_t i = 0; i < d.n; i++)
		assert_string_equal(d.items[i].rule, s->d.items[i].rule);
	free(md);
	wp_programme_free(q);
	wp_diags_clear(&d);
}

/* A text with the two shapes of tracked.leftover that --fix mends mended,
 * in place: a lower-case letter before its own capital dropped, a capital
 * standing alone joined to the word after it. */
static void mend(char *t)
{
	char *o = t;
	for (char *p = t; *p; p++) {
		int start = p == t || !isalpha((unsigned char)p[-1]);
		if (start && islower((unsigned char)p[0]) && tolower((unsigned char)p[1]) == p[0] && isupper((unsigned char)p[1]))
			continue;
		*o++ = *p;
		if (start && isupper((unsigned char)p[0]) && p[1] == ' ' && islower((unsigned char)p[2]) && p[0] != 'A' && p[0] != 'I')
			p++;
	}
	*o = '\0';
}

/* --fix on the real document: only the fixed findings go, nothing else
 * changes. */
static void test_seed__fix_round_trip_loses_nothing(void **state)
{
	seed *s = *state;
	NEED_SEED(s);
	static const char *const fixed_rules[] = {"numbering.remnant", "numbering.duplicate",
						  "numbering.dot", "numbering.renumber",
						  "task-type.value", "task-type.spelling", "status.missing", "plan-codes.separator",
						  "bodies.separator"};
	const size_t nfixed = sizeof fixed_rules / sizeof fixed_rules[0];
	static const char *const fixed_keys[] = {"number", "task_type", "status", "plan_codes", "bodies"};
	wp_diags before = {0}, after = {0};
	wp_check_opts o = {NULL, NULL, 0, 1, NULL};
	wp_programme *q = NULL;
	char *out;
	size_t len, applied;

	assert_int_equal(wp_check(s->p, s->prof, &o, &before), WP_OK);
	assert_int_equal(wp_fix_apply(&out, &len, &applied, s->path, s->src, s->len, &before), WP_OK);
	assert_true(applied > 60);
	assert_int_equal(wp_read_md(&q, out, len, "fixed.md", s->prof, &after), WP_OK);
	assert_int_equal(wp_check(q, s->prof, &o, &after), WP_OK);

	size_t n;
	const wp_rule *rules = wp_rules(&n);
	for (size_t i = 0; i < n; i++) {
		size_t b = test_count_rule(&before, rules[i].id) + test_count_rule(&s->d, rules[i].id);
		size_t a = test_count_rule(&after, rules[i].id);
		if (!strcmp(rules[i].id, "tracked.leftover")) {
			/* those with a certain reading are fixed, the others stay */
			size_t fixable = 0;
			for (size_t x = 0; x < before.n; x++)
				fixable += !strcmp(before.items[x].rule, rules[i].id) && before.items[x].fix_text;
			if (fixable < 1 || a != b - fixable)
				fail_msg("%s: %zu findings before --fix (%zu fixable), %zu after", rules[i].id, b, fixable, a);
		} else if (!strcmp(rules[i].id, "numbering.skipped") || !strcmp(rules[i].id, "numbering.duplicate") ||
		    !strcmp(rules[i].id, "numbering.gap") || !strcmp(rules[i].id, "numbering.order")) {
			continue; /* below: the scars gone, a skipped row is a number used twice */
		} else if (wp_rule_matches(rules[i].id, fixed_rules, nfixed)) {
			if (a != 0)
				fail_msg("%s: %zu findings left after --fix", rules[i].id, a);
		} else if (a != b) {
			fail_msg("%s: %zu findings before --fix, %zu after", rules[i].id, b, a);
		}
	}
	/* every cell outside the fixed columns reads exactly as before */
	assert_int_equal(q->nsections, s->p->nsections);
	/* the numbers follow the secretariat's renumbering: 1..n but for the
	 * rows it skips (deleted in the original), which keep their number
	 * and their finding; no number that agreed was rewritten */
	assert_int_equal(test_count_rule(&before, "numbering.skipped"), 3);
	assert_int_equal(test_count_rule(&before, "numbering.duplicate"), 0);
	/* with the scars gone, nothing shows the renumbering any more: each
	 * skipped row is one finding, a number used twice with the row after
	 * it or a row the numbering passes by, named by its line, with no fix
	 * (only the author knows) */
	assert_int_equal(test_count_rule(&after, "numbering.skipped"), 0);
	assert_int_equal(test_count_rule(&after, "numbering.duplicate") + test_count_rule(&after, "numbering.gap") +
				 test_count_rule(&after, "numbering.order"), 3);
	for (size_t x = 0; x < after.n; x++)
		if (!strcmp(after.items[x].rule, "numbering.duplicate") || !strcmp(after.items[x].rule, "numbering.gap") ||
		    !strcmp(after.items[x].rule, "numbering.order")) {
			int named = 0;
			for (size_t y = 0; y < before.n; y++) {
				char at[32];
				snprintf(at, sizeof at, "at line %u)", before.items[y].line);
				named |= !strcmp(before.items[y].rule, "numbering.skipped") &&
					 (strstr(after.items[x].message, at) || after.items[x].line == before.items[y].line);
			}
			assert_true(named);
			assert_null(after.items[x].fix_text);
		}
	for (size_t k = 0; k < q->nsections; k++) {
		const wp_section *a = &s->p->sections[k], *b = &q->sections[k];
		assert_int_equal(b->nactivities, a->nactivities);
		long next = 1;
		for (size_t i = 0; i < a->nactivities; i++) {
			int skipped = 0;
			for (size_t x = 0; x < before.n; x++)
				skipped |= !strcmp(before.items[x].rule, "numbering.skipped") &&
					   before.items[x].line == a->activities[i].pos.line;
			char want[24];
			snprintf(want, sizeof want, "%ld", next);
			if (skipped) {
				assert_true(a->activities[i].number && b->activities[i].number);
				assert_string_equal(b->activities[i].number, a->activities[i].number);
			} else {
				assert_string_equal(b->activities[i].number, want);
				int scar = 0;
				for (size_t x = 0; x < before.n; x++)
					scar |= !strcmp(before.items[x].rule, "numbering.remnant") &&
						before.items[x].line == a->activities[i].pos.line;
				if (!scar) /* a plain number that agreed is as it was */
					assert_string_equal(a->activities[i].number, want);
				next++;
			}
			for (size_t c = 0; c < a->ncolumns; c++) {
				int fixed = 0;
				for (size_t f = 0; f < 5; f++)
					fixed |= strcmp(a->columns[c].key, fixed_keys[f]) == 0;
				char *x = wp_field_text(&a->activities[i].fields[c]);
				char *y = wp_field_text(&b->activities[i].fields[c]);
				if (!fixed) {
					/* but for the leftovers of tracked changes mended:
					 * "fFree" to "Free", "T echnologies" to "Technologies" */
					mend(x);
					mend(y);
					assert_string_equal(x, y);
				} else if (!strcmp(a->columns[c].key, "plan_codes") || !strcmp(a->columns[c].key, "bodies")) {
					/* separators fixed, every token kept */
					char *tx = test_tokens(x), *ty = test_tokens(y);
					assert_string_equal(tx, ty);
					free(tx);
					free(ty);
				}
				free(x);
				free(y);
			}
		}
	}
	/* and the file is the same length but for the fixes */
	assert_true(len > s->len - 400 && len < s->len + 2000);
	free(out);
	wp_programme_free(q);
	wp_diags_clear(&before);
	wp_diags_clear(&after);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed__counts),
		cmocka_unit_test(test_seed__expected_reader_diagnostics),
		cmocka_unit_test(test_seed__every_cell_in_html_annex),
		cmocka_unit_test(test_seed__md_annex_has_every_cell_and_is_a_fixed_point),
		cmocka_unit_test(test_seed__fix_round_trip_loses_nothing),
		cmocka_unit_test(test_seed__reads_whole_with_html_tables),
		cmocka_unit_test(test_seed__numbering_as_the_readme_says),
		cmocka_unit_test(test_seed__numbering_beyond_the_seed),
		cmocka_unit_test(test_seed__tracked_leftovers),
	};
	return cmocka_run_group_tests_name("seed", tests, setup, teardown);
}
