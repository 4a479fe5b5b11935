/* test_diff.c: the word diff, the alignment of activities by content
 * (renumbered, moved, split, merged, retitled), the redline (accepted it is
 * the new version, rejected the old one), the reports; and the seed
 * against itself edited in known ways. */
#include "testutil.h"
#include "base/util.h" /* wp_buf */

/* The pieces as "=a b|-c|+d" for comparison. */
static char *pieces_str(const char *a, const char *b)
{
	wp_wd_piece *p = NULL;
	size_t n = 0;
	assert_int_equal(wp_word_diff(&p, &n, a, b), WP_OK);
	char *out = calloc(1, 4096);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(out, "|");
		strcat(out, p[i].op == WP_WD_SAME ? "=" : p[i].op == WP_WD_DEL ? "-" : "+");
		strcat(out, p[i].text);
	}
	/* the new text is the pieces kept and inserted, in order */
	char *re = calloc(1, 4096);
	for (size_t i = 0; i < n; i++)
		if (p[i].op != WP_WD_DEL)
			strcat(re, p[i].text + (!*re && p[i].text[0] == ' '));
	char *norm = calloc(1, 4096);
	for (const char *s = b; *s; s++) /* (b with white space as the diff writes it) */
		if (!(*s == ' ' && (!*norm || norm[strlen(norm) - 1] == ' ' || norm[strlen(norm) - 1] == '\n' ||
				    s[1] == '\n' || s[1] == ' ' || !s[1])))
			strncat(norm, s, 1);
	assert_string_equal(re, norm);
	free(re);
	free(norm);
	wp_wd_free(p, n);
	return out;
}

static void expect_pieces(const char *a, const char *b, const char *want)
{
	char *got = pieces_str(a, b);
	assert_string_equal(got, want);
	free(got);
}

static void test_diff__word_diff(void **state)
{
	(void)state;
	expect_pieces("a b c", "a b c", "=a b c");
	expect_pieces("", "", "");
	expect_pieces("", "new words", "+new words");
	expect_pieces("old words", "", "-old words");
	expect_pieces("In progress. A draft was discussed in April.", "In progress. The draft was discussed in May.",
		      "=In progress.|- A|+ The|= draft was discussed in|- April.|+ May.");
	expect_pieces("one two three four", "one three two four", "=one|- two|= three|+ two|= four");
	/* paragraphs and breaks are words: a new paragraph is an insertion */
	expect_pieces("first\n\nsecond", "first\n\nthird\n\nsecond", "=first\n\n|+third\n\n|=second");
	expect_pieces("a  b\tc", "a b c", "=a b c"); /* white space only separates */
	/* a long text rewritten whole: past the edit limit, one deletion and one insertion */
	char *a = malloc(60000), *b = malloc(60000);
	a[0] = b[0] = '\0';
	for (int i = 0; i < 5000; i++) {
		char w[16];
		snprintf(w, sizeof w, "a%d ", i);
		strcat(a, w);
		snprintf(w, sizeof w, "b%d ", i);
		strcat(b, w);
	}
	wp_wd_piece *p = NULL;
	size_t n = 0;
	assert_int_equal(wp_word_diff(&p, &n, a, b), WP_OK);
	assert_int_equal(n, 2);
	assert_int_equal(p[0].op, WP_WD_DEL);
	assert_int_equal(p[1].op, WP_WD_INS);
	wp_wd_free(p, n);
	free(a);
	free(b);
}

/* Words of s (split on spaces) into w[], at most max; their count. */
static size_t words_of(const char *s, char w[][8], size_t max)
{
	size_t n = 0;
	while (*s && n < max) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		size_t k = 0;
		while (*s && *s != ' ' && k < 7)
			w[n][k++] = *s++;
		w[n++][k] = '\0';
	}
	return n;
}

/* The word diff is a shortest edit script: on a thousand generated pairs
 * (small alphabets, so that many words repeat; empty, equal, disjoint),
 * the pieces give back both texts, and the words they delete and insert
 * are exactly N + M - 2 LCS (the LCS by dynamic programming). */
static void test_diff__word_diff_is_shortest(void **state)
{
	(void)state;
	unsigned seed = 12345;
	for (int round = 0; round < 1000; round++) {
		char a[400] = "", b[400] = "", wa[64][8], wb[64][8];
		size_t na = (seed = seed * 1103515245 + 12345) >> 16 & 31, nb = (seed = seed * 1103515245 + 12345) >> 16 & 31;
		int alpha = 2 + (int)((seed >> 8) % 5);
		for (size_t i = 0; i < na; i++) {
			seed = seed * 1103515245 + 12345;
			sprintf(a + strlen(a), "%s%c", i ? " " : "", 'a' + (int)((seed >> 16) % (unsigned)alpha));
		}
		for (size_t i = 0; i < nb; i++) {
			seed = seed * 1103515245 + 12345;
			sprintf(b + strlen(b), "%s%c", i ? " " : "", 'a' + (int)((seed >> 16) % (unsigned)alpha));
		}
		size_t n1 = words_of(a, wa, 64), n2 = words_of(b, wb, 64);
		static size_t L[65][65];
		for (size_t i = 0; i <= n1; i++)
			for (size_t j = 0; j <= n2; j++)
				L[i][j] = !i || !j ? 0 : !strcmp(wa[i - 1], wb[j - 1]) ? L[i - 1][j - 1] + 1
					: L[i - 1][j] > L[i][j - 1] ? L[i - 1][j] : L[i][j - 1];
		wp_wd_piece *p = NULL;
		size_t n = 0, edits = 0;
		assert_int_equal(wp_word_diff(&p, &n, a, b), WP_OK);
		char olda[800] = "", newb[800] = "";
		for (size_t i = 0; i < n; i++) {
			char w[64][8];
			size_t k = words_of(p[i].text, w, 64);
			if (p[i].op != WP_WD_SAME)
				edits += k;
			for (size_t j = 0; j < k; j++) {
				if (p[i].op != WP_WD_INS)
					sprintf(olda + strlen(olda), "%s%s", *olda ? " " : "", w[j]);
				if (p[i].op != WP_WD_DEL)
					sprintf(newb + strlen(newb), "%s%s", *newb ? " " : "", w[j]);
			}
		}
		assert_string_equal(olda, a);
		assert_string_equal(newb, b);
		if (edits != n1 + n2 - 2 * L[n1][n2])
			fail_msg("'%s' -> '%s': %zu words edited, the shortest is %zu", a, b, edits, n1 + n2 - 2 * L[n1][n2]);
		wp_wd_free(p, n);
	}
}

static void test_diff__similarity(void **state)
{
	(void)state;
	assert_true(wp_text_similarity("", "") == 1);
	assert_true(wp_text_similarity("Update the Guide", "update the guide.") == 1);
	assert_true(wp_text_similarity("a b", "c d") == 0);
	double s = wp_text_similarity("Revise the Guide on rail", "Revise the Guide on road");
	assert_true(s > 0.7 && s < 0.9);
}

#define ROW(n, act, prog, col) "| " n " | A | Y | " act " | SP1 | Update | PTC | One officer | Guide adopted | 2025 | " prog " | " col " |\n"

#define OLDP "# P\n\n## I. Activities\n\n" HDR12                                                     \
	ROW("1.", "Revise the Guide on Advance Cargo Information", "In progress. A draft was discussed.", "Blue") \
	ROW("2.", "Publish a compendium of fee models", "Not started.", "Red")                       \
	ROW("3.", "Develop a model agreement on trusted traders", "In progress.", "Blue")            \
	ROW("4.", "Carry out a survey on electronic seals", "Completed.", "Green")                    \
	ROW("5.", "Hold a global conference on border management", "Postponed.", "Red")              \
	"\n## II. Continuous\n\n" HDR12                                                              \
	ROW("1.", "Adopt the reports of the Projects Team", "Ongoing.", "Blue")                      \
	ROW("2.", "Keep the glossary of facilitation terms up to date", "Ongoing.", "Blue")

/* The same programme a session later: 2 removed, 3 renumbered only, 1's
 * progress changed, 4 moved after 5, a new activity 6, II.2 moved to I. */
#define NEWP "# P\n\n## I. Activities\n\n" HDR12                                                     \
	ROW("1.", "Revise the Guide on Advance Cargo Information", "In progress. The draft was discussed in May.", "Blue") \
	ROW("2.", "Develop a model agreement on trusted traders", "In progress.", "Blue")            \
	ROW("3.", "Hold a global conference on border management", "Postponed.", "Red")              \
	ROW("4.", "Carry out a survey on electronic seals", "Completed.", "Green")                    \
	ROW("5.", "Keep the glossary of facilitation terms up to date", "Ongoing.", "Blue")          \
	ROW("6.", "Translate the single-window guide into Portuguese", "Not started.", "Red")          \
	"\n## II. Continuous\n\n" HDR12                                                              \
	ROW("1.", "Adopt the reports of the Projects Team", "Ongoing.", "Blue")

/* The delta of two programmes, each compared as accepted (the facts of
 * that version). */
static int delta_of(wp_delta *d, const wp_programme *o, const wp_programme *n)
{
	wp_profile *prof = test_profile();
	wp_facts *fo = NULL, *fn = NULL;
	int rc = wp_facts_new(&fo, o, prof, WP_CHANGES_ACCEPT, NULL);
	if (rc == WP_OK)
		rc = wp_facts_new(&fn, n, prof, WP_CHANGES_ACCEPT, NULL);
	if (rc == WP_OK)
		rc = wp_delta_compute(d, o, fo, n, fn);
	wp_facts_free(fo);
	wp_facts_free(fn);
	wp_profile_free(prof);
	return rc;
}

static const wp_delta_item *find(const wp_delta *d, const char *title)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->items[i].title, title))
			return &d->items[i];
	return NULL;
}

static void test_diff__alignment_by_content(void **state)
{
	(void)state;
	wp_diags dg = {0};
	wp_programme *o = test_read(OLDP, &dg), *n = test_read(NEWP, &dg);
	wp_delta d;
	assert_int_equal(delta_of(&d, o, n), WP_OK);
	const wp_delta_item *it = find(&d, "Revise the Guide");
	assert_non_null(it);
	assert_int_equal(it->what, WP_DELTA_CHANGED);
	assert_int_equal(it->nfields, 1);
	assert_string_equal(it->fields[0].key, "progress");
	it = find(&d, "compendium");
	assert_non_null(it);
	assert_int_equal(it->what, WP_DELTA_REMOVED);
	assert_string_equal(it->old_number, "2");
	it = find(&d, "model agreement");
	assert_int_equal(it->what, WP_DELTA_RENUMBERED); /* 3 -> 2: not a change of content */
	assert_string_equal(it->old_number, "3");
	assert_string_equal(it->new_number, "2");
	/* 4 and 5 swapped: one of them moved (the one off the longest run in order) */
	const wp_delta_item *seals = find(&d, "electronic seals"), *conf = find(&d, "global conference");
	assert_true(((seals ? seals->what : 0) | (conf ? conf->what : 0)) & WP_DELTA_MOVED);
	it = find(&d, "glossary");
	assert_true(it->what & WP_DELTA_MOVED);
	assert_int_equal(it->old_section, 1);
	assert_int_equal(it->new_section, 0);
	it = find(&d, "Portuguese");
	assert_int_equal(it->what, WP_DELTA_ADDED);
	assert_null(find(&d, "Projects Team")); /* the same, not listed */
	assert_int_equal(d.changed, 1);
	assert_int_equal(d.added, 1);
	assert_int_equal(d.removed, 1);
	assert_int_equal(d.same, 2); /* the Projects Team, and the survey (4 -> 4) */

	/* the text report */
	char *out = NULL;
	size_t len;
	assert_int_equal(wp_delta_format(&out, &len, &d, o, n, 0), WP_OK);
	assert_non_null(strstr(out, "changed    I.1 \xE2\x86\x92 I.1 \"Revise the Guide"));
	assert_non_null(strstr(out, "Progress: In progress. [-A-] {+The+} draft was [-discussed.-] {+discussed in May.+}\n"));
	assert_non_null(strstr(out, "removed    I.2 \"Publish a compendium of fee models\""));
	assert_non_null(strstr(out, "added      I.6 \"Translate"));
	assert_non_null(strstr(out, "1 changed, 1 added, 1 removed, "));
	free(out);
	/* JSON: the five lists */
	assert_int_equal(wp_delta_format(&out, &len, &d, o, n, 1), WP_OK);
	assert_non_null(strstr(out, "\"changed\": [\n    {\"section\": \"I\", \"old_number\": \"1\", \"new_number\": \"1\""));
	assert_non_null(strstr(out, "{\"op\": \"-\", \"text\": \" A\"}"));
	assert_non_null(strstr(out, "\"removed\": [\n    {\"section\": \"I\", \"old_number\": \"2\", \"new_number\": null"));
	assert_non_null(strstr(out, "\"summary\": {\"changed\": 1, \"added\": 1, \"removed\": 1"));
	free(out);

	/* the redline: accepted, the new version; rejected, the old one */
	assert_int_equal(wp_delta_redline(n, o, &d, "Secretariat", "2025-03-01"), WP_OK);
	assert_int_equal(n->sections[0].nactivities, 7); /* the removed one put back */
	char *t = test_field(n, 0, 1, "activity");
	assert_string_equal(t, "Publish a compendium of fee models");
	free(t);
	assert_int_equal(wp_activity_change(&n->sections[0], &n->sections[0].activities[1], 1), WP_CHANGE_DELETED);
	assert_int_equal(wp_activity_change(&n->sections[0], &n->sections[0].activities[6], 1), WP_CHANGE_INSERTED);
	const wp_field *pf = &n->sections[0].activities[0].fields[wp_section_column(&n->sections[0], "progress")];
	int del = 0, ins = 0;
	for (size_t r = 0; r < pf->paras[0].nruns; r++) {
		del += !!(pf->paras[0].runs[r].style & WP_STYLE_DEL);
		ins += !!(pf->paras[0].runs[r].style & WP_STYLE_INS);
		if (pf->paras[0].runs[r].style & (WP_STYLE_DEL | WP_STYLE_INS))
			assert_string_equal(pf->paras[0].runs[r].author, "Secretariat");
	}
	assert_int_equal(del, 2); /* "A", "discussed." */
	assert_int_equal(ins, 2); /* "The", "discussed in May." */
	wp_programme *acc = test_read(NEWP, &dg);
	assert_int_equal(wp_programme_changes(n, WP_CHANGES_ACCEPT, 1), WP_OK);
	/* (a renumbered row's number: "3. 2." accepted is "2.") */
	assert_same_cells(n, acc);
	wp_programme_free(acc);
	wp_delta_free(&d);
	wp_programme_free(o);
	wp_programme_free(n);
	wp_diags_clear(&dg);
}

/* A generated programme of n activities in one section: activity i has
 * the text "Activity i ..." (a long one when long), the status col. */
static char *gen_programme(size_t n, size_t skip_from, size_t skip_n, int long_title, size_t recolour)
{
	wp_buf b = {0};
	wp_buf_puts(&b, "# P\n\n## I. Activities\n\n" HDR12);
	size_t num = 0;
	for (size_t i = 1; i <= n; i++) {
		if (i >= skip_from && i < skip_from + skip_n)
			continue; /* deleted, and the rest renumbered */
		wp_buf_printf(&b, "| %zu. | A | Y | Activity %zu on %s | SP1 | Update | PTC | One officer | Guide adopted | 2025 | "
				  "In progress. | %s |\n",
			      ++num, i,
			      long_title && i == 3 ? "the long and careful revision of the Guide on Advance Cargo Information, "
						     "with every annex, the glossary and the training material that goes with it"
						   : "its subject",
			      i == recolour ? "Green" : "Blue");
	}
	return wp_buf_detach(&b, NULL);
}

/* One session's renumbering is one line per range ("I.6–20 → I.5–19"),
 * not one per row; JSON keeps whole titles (the text report shortens
 * them); a colour that changed is a status change, listed and counted;
 * the redline opens with the summary every report says; a thousand rows
 * removed are put back, each where it was. */
static void test_diff__ranges_titles_status_summary(void **state)
{
	(void)state;
	wp_diags dg = {0};
	char *a = gen_programme(20, 0, 0, 1, 0), *b = gen_programme(20, 5, 1, 1, 3);
	wp_programme *o = test_read(a, &dg), *n = test_read(b, &dg);
	wp_delta d;
	assert_int_equal(delta_of(&d, o, n), WP_OK);
	assert_int_equal(d.removed, 1);
	assert_int_equal(d.renumbered, 15);
	assert_int_equal(d.status, 1);
	char *out = NULL, *sum = wp_delta_summary(&d);
	size_t len;
	assert_string_equal(sum, "0 changed, 0 added, 1 removed, 0 moved, 15 renumbered, 1 status change");
	assert_int_equal(wp_delta_format(&out, &len, &d, o, n, 0), WP_OK);
	assert_non_null(strstr(out, "renumbered I.6\xE2\x80\x93" "20 \xE2\x86\x92 I.5\xE2\x80\x93" "19 (15 activities, their text the same)\n"));
	assert_null(strstr(out, "renumbered I.7 "));
	assert_non_null(strstr(out, "status     I.3 \xE2\x86\x92 I.3 \"Activity 3 on the long and careful revision of the Guide on Advance Cargo Inform\xE2\x80\xA6\"\n"
				    "    completion status: blue (In progress) \xE2\x86\x92 green (Completed)\n"));
	assert_non_null(strstr(out, "\xE2\x80\xA6\"")); /* the long title, cut in text */
	assert_non_null(strstr(out, sum));
	free(out);
	assert_int_equal(wp_delta_format(&out, &len, &d, o, n, 1), WP_OK);
	assert_non_null(strstr(out, "with every annex, the glossary and the training material that goes with it\""));
	assert_non_null(strstr(out, "\"status_was\": \"blue\", \"status_now\": \"green\""));
	assert_non_null(strstr(out, "\"status\": 1, \"same\""));
	free(out);
	/* the redline opens with the summary */
	assert_int_equal(wp_delta_redline(n, o, &d, NULL, NULL), WP_OK);
	assert_non_null(n->changes);
	assert_non_null(strstr(n->changes, sum));
	assert_non_null(strstr(n->changes, "Changes since"));
	assert_int_equal(n->preamble.nparas, 0); /* (the annex's, not the programme's text) */
	free(sum);
	wp_delta_free(&d);
	wp_programme_free(o);
	wp_programme_free(n);
	free(a);
	free(b);
	/* many rows removed: each put back where it was, in order */
	a = gen_programme(3000, 0, 0, 0, 0);
	b = gen_programme(3000, 1000, 1000, 0, 0);
	o = test_read(a, &dg);
	n = test_read(b, &dg);
	assert_int_equal(delta_of(&d, o, n), WP_OK);
	assert_int_equal(d.removed, 1000);
	assert_int_equal(wp_delta_redline(n, o, &d, NULL, NULL), WP_OK);
	assert_int_equal(n->sections[0].nactivities, 3000);
	for (size_t i = 0; i < 3000; i += 250) {
		char want[64], *t = test_field(n, 0, i, "activity");
		snprintf(want, sizeof want, "Activity %zu on its subject", i + 1);
		assert_string_equal(t, want);
		free(t);
		assert_int_equal(wp_activity_change(&n->sections[0], &n->sections[0].activities[i], 1),
				 i >= 999 && i < 1999 ? WP_CHANGE_DELETED : WP_CHANGE_NONE);
	}
	wp_delta_free(&d);
	wp_programme_free(o);
	wp_programme_free(n);
	free(a);
	free(b);
	wp_diags_clear(&dg);
}

static void test_diff__redline_rejected_is_the_old_version(void **state)
{
	(void)state;
	wp_diags dg = {0};
	wp_programme *o = test_read(OLDP, &dg), *n = test_read(NEWP, &dg);
	wp_delta d;
	assert_int_equal(delta_of(&d, o, n), WP_OK);
	assert_int_equal(wp_delta_redline(n, o, &d, NULL, NULL), WP_OK);
	assert_int_equal(wp_programme_changes(n, WP_CHANGES_REJECT, 1), WP_OK);
	/* the old rows, in the new version's order: the texts of every cell but
	 * the number are the old ones */
	wp_delta d2;
	assert_int_equal(delta_of(&d2, o, n), WP_OK);
	for (size_t i = 0; i < d2.n; i++)
		assert_false(d2.items[i].what & (WP_DELTA_CHANGED | WP_DELTA_ADDED | WP_DELTA_REMOVED));
	wp_delta_free(&d2);
	wp_delta_free(&d);
	wp_programme_free(o);
	wp_programme_free(n);
	wp_diags_clear(&dg);
}

/* Split (one activity becomes two), merged (two become one), retitled
 * (its text reworded, the other columns the same). */
static void test_diff__split_merged_retitled(void **state)
{
	(void)state;
	wp_diags dg = {0};
	const char *old = "# P\n\n## I. A\n\n" HDR12
		ROW("1.", "Revise and publish the Guide on rail and road cargo", "In progress.", "Blue")
		ROW("2.", "Survey the members on seals", "Completed.", "Green")
		ROW("3.", "Survey the members on scanners", "Completed.", "Green")
		ROW("4.", "Hold a conference on data", "Postponed.", "Red");
	const char *new_ = "# P\n\n## I. A\n\n" HDR12
		ROW("1.", "Revise the Guide on rail and road cargo", "In progress.", "Blue")
		ROW("2.", "Publish the Guide on rail and road cargo", "Not started.", "Red")
		ROW("3.", "Survey the members on seals and scanners", "Completed.", "Green")
		ROW("4.", "Hold a global conference on data-driven border management", "Postponed.", "Red");
	wp_programme *o = test_read(old, &dg), *n = test_read(new_, &dg);
	wp_delta d;
	assert_int_equal(delta_of(&d, o, n), WP_OK);
	/* split: the closer half aligned (changed), the other added */
	assert_int_equal(find(&d, "Revise the Guide")->what, WP_DELTA_CHANGED);
	assert_int_equal(find(&d, "Publish the Guide")->what, WP_DELTA_ADDED);
	/* merged: one of the two aligned, the other removed */
	const wp_delta_item *m = find(&d, "seals and scanners");
	assert_non_null(m);
	assert_int_equal(m->what, WP_DELTA_CHANGED);
	assert_int_equal(d.removed, 1);
	/* retitled: aligned by its other columns */
	const wp_delta_item *r = find(&d, "global conference");
	assert_int_equal(r->what, WP_DELTA_CHANGED);
	assert_string_equal(r->old_number, "4");
	assert_int_equal(d.added, 1);
	wp_delta_free(&d);
	wp_programme_free(o);
	wp_programme_free(n);
	wp_diags_clear(&dg);
}

/***** conformance: the seed against itself, edited in known ways *****/

static char *slurp(const char *path, size_t *len)
{
	char *buf = NULL;
	return wp_read_file(&buf, len, path) == WP_OK ? buf : NULL;
}

static void test_diff__seed_edited(void **state)
{
	(void)state;
	char path[512];
	size_t len;
	snprintf(path, sizeof path, "%s/ptc-work-programme-2022-2025.md", seeds_dir());
	char *buf = slurp(path, &len);
	if (!buf) {
		printf("SKIPPED: %s is absent; the diff conformance test did not run\n", path);
		skip();
	}
	wp_profile *prof = test_profile();
	wp_diags dg = {0};
	wp_programme *o = NULL, *same = NULL, *n = NULL;
	assert_int_equal(wp_read_md(&o, buf, len, "seed.md", prof, &dg), WP_OK);
	assert_int_equal(wp_read_md(&same, buf, len, "seed.md", prof, &dg), WP_OK);
	wp_delta d;
	assert_int_equal(delta_of(&d, o, same), WP_OK);
	assert_int_equal(d.n, 0); /* the same: nothing */
	assert_int_equal(d.same, wp_programme_activities(o));
	wp_delta_free(&d);

	/* edited: in the first table, a row removed (its whole line), a word of
	 * another's progress changed, a third moved two rows down */
	const wp_section *s0 = &o->sections[0];
	size_t pick[3], np = 0;
	for (size_t i = 2; i + 3 < s0->nactivities && np < 3; i++)
		if (!s0->activities[i].continuations && !s0->activities[i + 1].continuations &&
		    !s0->activities[i + 2].continuations && s0->activities[i + 1].pos.line == s0->activities[i].pos.line + 1 &&
		    s0->activities[i + 2].pos.line == s0->activities[i].pos.line + 2 && (!np || i > pick[np - 1] + 3))
			pick[np++] = i;
	assert_int_equal(np, 3);
	char *vt = test_field(o, 0, pick[0], "activity");
	char *mt = test_field(o, 0, pick[2], "activity");
	unsigned rm = s0->activities[pick[0]].pos.line, ch = s0->activities[pick[1]].pos.line,
		 mv = s0->activities[pick[2]].pos.line;
	/* the lines, edited */
	char *ed = malloc(len + 64), *copy = strdup(buf);
	size_t elen = 0, nl = 0;
	char **lines = calloc(len + 2, sizeof *lines);
	for (char *q = copy, *e; q; q = e ? e + 1 : NULL) {
		e = strchr(q, '\n');
		if (e)
			*e = '\0';
		lines[++nl] = q;
		if (!e)
			break;
	}
	for (size_t l = 1; l <= nl; l++) {
		if (l == rm || l == mv)
			continue;
		const char *t = lines[l];
		char *x = NULL;
		if (l == ch) { /* the progress cell: after the eleventh '|' */
			const char *c = t;
			for (int k = 0; k < 10 && c; k++)
				c = strchr(c + 1, '|');
			assert_non_null(c);
			x = malloc(strlen(t) + 16);
			size_t at = (size_t)(c - t) + 1;
			memcpy(x, t, at);
			strcpy(x + at, " Revised:");
			strcat(x, t + at);
			t = x;
		}
		memcpy(ed + elen, t, strlen(t));
		elen += strlen(t);
		ed[elen++] = '\n';
		free(x);
		if (l == mv + 2) { /* the moved row, two rows further */
			memcpy(ed + elen, lines[mv], strlen(lines[mv]));
			elen += strlen(lines[mv]);
			ed[elen++] = '\n';
		}
	}
	ed[elen] = '\0';
	assert_int_equal(wp_read_md(&n, ed, elen, "seed2.md", prof, &dg), WP_OK);
	assert_int_equal(wp_programme_activities(n), wp_programme_activities(o) - 1);
	assert_int_equal(delta_of(&d, o, n), WP_OK);
	assert_int_equal(d.removed, 1);
	assert_int_equal(d.added, 0);
	assert_int_equal(d.changed, 1);
	assert_int_equal(d.moved, 1);
	for (size_t i = 0; i < d.n; i++) {
		const wp_delta_item *it = &d.items[i];
		if (it->what & WP_DELTA_REMOVED)
			assert_memory_equal(it->title, vt, 12); /* the row removed, named */
		if (it->what & WP_DELTA_MOVED)
			assert_memory_equal(it->title, mt, 12);
		if (it->what & WP_DELTA_CHANGED) {
			assert_int_equal(it->nfields, 1);
			assert_string_equal(it->fields[0].key, "progress");
			assert_int_equal(it->fields[0].pieces[0].op, WP_WD_INS);
			assert_string_equal(it->fields[0].pieces[0].text, "Revised:");
		}
	}
	free(mt);
	free(lines);
	free(copy);
	wp_delta_free(&d);
	free(vt);
	free(ed);
	wp_programme_free(n);
	wp_programme_free(o);
	wp_programme_free(same);
	wp_profile_free(prof);
	wp_diags_clear(&dg);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diff__word_diff),
		cmocka_unit_test(test_diff__word_diff_is_shortest),
		cmocka_unit_test(test_diff__similarity),
		cmocka_unit_test(test_diff__alignment_by_content),
		cmocka_unit_test(test_diff__ranges_titles_status_summary),
		cmocka_unit_test(test_diff__redline_rejected_is_the_old_version),
		cmocka_unit_test(test_diff__split_merged_retitled),
		cmocka_unit_test(test_diff__seed_edited),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
