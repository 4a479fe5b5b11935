/* test_write_docx.c: the Word annex, read back by wpgen's own .docx
 * reader: the same programme as the Markdown annex says (every heading,
 * cell with its styles, links and tracked changes with author and date,
 * note, footnote, the colours the facts read), on every sample, golden
 * source, fuzz regression and the seed, in each version of the tracked
 * changes, and on the corners of the layout; Word's revisions accept and
 * reject to the accepted and the earlier programme; hostile text makes a
 * valid package; the same programme makes the same bytes; a reference
 * document gives its styles and page; footnotes, shading and revised rows
 * are where Word looks for them; memory running out is clean. */
#include "differ.h"
#include "wpgen/docx.h"

#include <ctype.h>
#include <libxml/parser.h>
#include <zip.h>

static int setup(void **state)
{
	(void)state;
	return differ_setup("templates/annex-md.xsl");
}

/* A part of a package in memory (malloc'd, NUL-ended), or NULL. */
static char *part_of(const char *pkg, size_t len, const char *name)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(pkg, len, 0, &ze);
	zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	char *out = NULL;
	zip_stat_t st;
	if (z && zip_stat(z, name, 0, &st) == 0 && (out = malloc(st.size + 1)) != NULL) {
		zip_file_t *f = zip_fopen(z, name, 0);
		if (!f || zip_fread(f, out, st.size) != (zip_int64_t)st.size) {
			free(out);
			out = NULL;
		} else {
			out[st.size] = '\0';
		}
		if (f)
			zip_fclose(f);
	}
	if (z)
		zip_discard(z);
	else if (src)
		zip_source_free(src);
	return out;
}

/* A run's text as said: a soft line break is a space (Word has none); a
 * date of a day is that day at midnight (Word's w:date is a time). */
static void said_text(wp_buf *b, const char *s, size_t n)
{
	/* (and white space one space: an HTML table's cell, as the Word
	 * reader writes one, folds it; a pipe table's keeps it) */
	for (size_t i = 0; i < n; i++) {
		int sp = s[i] == ' ' || s[i] == '\n' || s[i] == '\t';
		if (sp && b->len && b->data[b->len - 1] == ' ')
			continue;
		wp_buf_putc(b, sp ? ' ' : s[i]);
	}
}

/* An author's letters and digits: the Markdown annex's pipe table keeps
 * no markup in one ("<b>"), the Word annex keeps it all. */
static void said_author(wp_buf *b, const char *a)
{
	for (; a && *a; a++)
		if (isalnum((unsigned char)*a))
			wp_buf_putc(b, *a);
}

/* A revision's date as Word keeps it: a day, or none. */
static const char *said_date(const char *d, char out[11])
{
	*out = '\0';
	if (d && strlen(d) >= 10 && d[4] == '-' && d[7] == '-')
		snprintf(out, 11, "%.10s", d);
	return out;
}

/* Runs with the same style, link and change joined; underlined text an
 * insertion where the profile says so. */
static void said_field(wp_buf *b, const char *what, const wp_field *f, int u_ins)
{
	wp_buf_printf(b, "%s:", what);
	for (size_t i = 0; i < f->nparas; i++) {
		wp_buf_puts(b, i ? " ¶ " : " ");
		unsigned last = ~0u;
		const wp_run *runs = f->paras[i].runs;
		size_t nr = f->paras[i].nruns;
		for (size_t j = 0; j < nr; j++) {
			const wp_run *r = &runs[j];
			unsigned st = r->style;
			/* (white space alone between two runs of one style has theirs:
			 * an HTML cell's reader joins them) */
			if (!st && j && j + 1 < nr && runs[j - 1].style && runs[j - 1].style == runs[j + 1].style &&
			    r->kind == WP_RUN_TEXT && r->len && strspn(r->text, " \n\t") == r->len)
				st = runs[j - 1].style;
			if (u_ins && (st & WP_STYLE_U))
				st = (st & ~(unsigned)WP_STYLE_U) | WP_STYLE_INS;
			if (r->kind == WP_RUN_TEXT && !r->len)
				continue;
			/* (a link on a line break links nothing a reader sees) */
			const char *href = r->kind == WP_RUN_BREAK ? NULL : r->href;
			if (st != last || href || r->author || r->date) {
				char date[11];
				wp_buf_printf(b, "{%u %s ", st, href ? href : "");
				said_author(b, r->author);
				wp_buf_printf(b, " %s}", said_date(r->date, date));
			}
			last = st;
			if (r->kind == WP_RUN_BREAK)
				wp_buf_puts(b, "<br>");
			else
				said_text(b, r->text, r->len);
		}
	}
	wp_buf_putc(b, '\n');
}

/* What a programme says, with its facts' colours. */
static void said_programme(wp_buf *b, const wp_programme *p, const wp_profile *prof)
{
	int u = prof->u_is_insertion;
	wp_facts *f = NULL;
	assert_int_equal(wp_facts_new(&f, p, prof, WP_CHANGES_SHOW, p->as_of), WP_OK);
	wp_buf_printf(b, "title: %s\nannex: %s / %s\nsession %s as_of %s body %s\n", p->title ? p->title : "",
		      p->annex_to ? p->annex_to : "", p->running_title ? p->running_title : "", p->session ? p->session : "",
		      p->as_of ? p->as_of : "", p->body ? p->body : "");
	said_field(b, "preamble", &p->preamble, u);
	for (size_t k = 0; k < p->nsections; k++) {
		const wp_section *s = &p->sections[k];
		wp_buf_printf(b, "section %s %s\n", s->numeral ? s->numeral : "", s->title ? s->title : "");
		said_field(b, "intro", &s->intro, u);
		for (size_t c = 0; c < s->ncolumns; c++)
			wp_buf_printf(b, "column %s %d\n", s->columns[c].header ? s->columns[c].header : "", s->columns[c].mark);
		for (size_t c = 0; s->guidance && c < s->ncolumns; c++)
			said_field(b, "guidance", &s->guidance[c], u);
		for (size_t i = 0; i < s->nexamples; i++)
			for (size_t c = 0; c < s->ncolumns; c++)
				said_field(b, "example", &s->examples[i].fields[c], u);
		for (size_t i = 0; i < s->nactivities; i++) {
			const wp_row_facts *rf = wp_facts_row(f, k, i);
			wp_buf_printf(b, "activity %zu: %s, %s, change %d\n", i + 1, rf->colour ? rf->colour->name : "-",
				      rf->keyword ? rf->keyword : "-", (int)rf->change);
			for (size_t c = 0; c < s->ncolumns; c++)
				said_field(b, "cell", &s->activities[i].fields[c], u);
		}
		said_field(b, "notes", &s->notes, u);
	}
	for (size_t i = 0; i < p->nfootnotes; i++) {
		wp_buf_printf(b, "footnote %d ", p->footnotes[i].mark);
		said_field(b, "", &p->footnotes[i].text, u);
	}
	wp_facts_free(f);
}

/* Reads an annex back, Markdown or Word (a package starts "PK"), in a
 * version of its tracked changes. */
static wp_programme *read_back(const char *out, size_t len, const wp_profile *prof, wp_changes_mode mode)
{
	wp_diags d = {0};
	wp_programme *p = NULL;
	char *md = NULL;
	size_t mlen = len;
	wp_docx_map *map = NULL;
	int docx = len > 2 && out[0] == 'P' && out[1] == 'K';
	if (docx)
		assert_int_equal(wp_docx_to_md(&md, &mlen, &map, out, len, "said.docx", NULL, &d), WP_OK);
	int rc = wp_read_md(&p, docx ? md : out, mlen, "said.md", prof, &d);
	for (size_t i = 0; rc != WP_OK && i < d.n; i++)
		fprintf(stderr, "read back: %s\n", d.items[i].message);
	assert_int_equal(rc, WP_OK);
	if (mode != WP_CHANGES_SHOW)
		assert_int_equal(wp_programme_changes(p, mode, prof->u_is_insertion), WP_OK);
	free(md);
	wp_docx_map_free(map);
	wp_diags_clear(&d);
	return p;
}

static wp_changes_mode said_mode = WP_CHANGES_SHOW;

static char *said(const char *out, size_t len, const wp_profile *prof)
{
	wp_buf b = {0};
	wp_programme *p = read_back(out, len, prof, said_mode);
	said_programme(&b, p, prof);
	wp_programme_free(p);
	wp_buf_puts(&b, "");
	assert_false(b.oom);
	return wp_buf_detach(&b, NULL);
}

/* The Word annex and the Markdown annex of p, read back, say the same;
 * and so do they once their tracked changes are accepted, or rejected
 * (Word's Accept All and Reject All). */
static void compare(const char *what, const wp_programme *p, const wp_profile *prof)
{
	char *md = NULL, *docx = NULL;
	size_t mlen, dlen;
	wp_diags d = {0};
	assert_int_equal(wp_write_md(&md, &mlen, p, prof, 1, NULL), WP_OK);
	assert_int_equal(wp_write_docx(&docx, &dlen, p, prof, NULL, NULL, &d), WP_OK);
	static const wp_changes_mode modes[] = {WP_CHANGES_SHOW, WP_CHANGES_ACCEPT, WP_CHANGES_REJECT};
	for (size_t m = 0; m < 3; m++) {
		char name[600];
		snprintf(name, sizeof name, "%s, read back %s", what, m == 0 ? "as it is" : m == 1 ? "accepted" : "rejected");
		said_mode = modes[m];
		differ_same(name, md, mlen, docx, dlen, prof, said);
	}
	said_mode = WP_CHANGES_SHOW;
	free(md);
	free(docx);
	wp_diags_clear(&d);
}

static void test_write_docx__reads_back_as_the_markdown_annex_on_every_source(void **state)
{
	(void)state;
	differ_every_source(compare);
}

static void test_write_docx__reads_back_on_every_corner(void **state)
{
	(void)state;
	differ_every_corner(compare);
	differ_hand_built_runs(compare);
}

static char *docx_of(const char *md, wp_profile *prof, size_t *len)
{
	wp_diags d = {0};
	wp_programme *p = NULL;
	char *out = NULL;
	assert_int_equal(wp_read_md(&p, md, strlen(md), "t.md", prof, &d), WP_OK);
	assert_int_equal(wp_write_docx(&out, len, p, prof, NULL, NULL, &d), WP_OK);
	wp_programme_free(p);
	wp_diags_clear(&d);
	return out;
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;
	for (const char *x = s; (x = strstr(x, what)) != NULL; x += strlen(what))
		n++;
	return n;
}

/* Every XML part parses strictly (no recovery), as Word parses it. */
static void valid_package(const char *pkg, size_t len)
{
	static const char *const parts[] = {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
					    "word/settings.xml", "word/footnotes.xml", "word/header1.xml", "word/footer1.xml",
					    "word/_rels/document.xml.rels", "docProps/core.xml", "docProps/custom.xml"};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		char *x = part_of(pkg, len, parts[i]);
		assert_non_null(x);
		xmlDocPtr doc = xmlReadMemory(x, (int)strlen(x), parts[i], NULL, XML_PARSE_NONET);
		if (!doc)
			fail_msg("%s is not well-formed", parts[i]);
		xmlFreeDoc(doc);
		free(x);
	}
}

/* Control characters, a cell of 32,000 characters, right-to-left text,
 * emoji, "]]>", markup and an author with quotes: a valid package, and the
 * text read back. */
static void test_write_docx__hostile_text_makes_a_valid_package(void **state)
{
	(void)state;
	wp_buf md = {0};
	wp_profile *prof = test_profile();
	wp_buf_puts(&md, "---\nsession: \"]]> <x> & \\\"q\\\"\"\n---\n# T ]]> <w:p/> &amp;\n\n## I. S\n\n" HDR12 "| 1. | A | Y | ");
	for (int i = 0; i < 3200; i++)
		wp_buf_puts(&md, "abcdefghi ");
	wp_buf_puts(&md, "| \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 | \xf0\x9f\x9f\xa2\xf0\x9f\x87\xaa\xf0\x9f\x87\xba "
			 "| ]]> ]]&gt; | <ins data-author=\"a &quot;b&quot; &lt;c&gt;\">x</ins> | \x01\x02\x0b\x7f bell | "
			 "<w:t>raw</w:t> | | Green |\n");
	size_t len;
	char *out = docx_of(md.data, prof, &len);
	valid_package(out, len);
	wp_programme *p = read_back(out, len, prof, WP_CHANGES_SHOW);
	char *a = test_field(p, 0, 0, "activity");
	assert_int_equal(strlen(a), 32000 - 1);
	free(a);
	char *t = test_field(p, 0, 0, "plan_codes");
	assert_non_null(strstr(t, "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d"));
	free(t);
	t = test_field(p, 0, 0, "task_type");
	assert_non_null(strstr(t, "\xf0\x9f\x87\xaa\xf0\x9f\x87\xba"));
	free(t);
	t = test_field(p, 0, 0, "bodies");
	assert_string_equal(t, "]]> ]]>");
	free(t);
	t = test_field(p, 0, 0, "kpi");
	assert_string_equal(t, "bell");
	free(t);
	t = test_field(p, 0, 0, "timeline");
	assert_string_equal(t, "<w:t>raw</w:t>");
	free(t);
	assert_string_equal(p->session, "]]> <x> & \"q\"");
	wp_programme_free(p);
	free(out);
	wp_buf_free(&md);
	wp_profile_free(prof);
}

static void test_write_docx__the_same_programme_makes_the_same_bytes(void **state)
{
	(void)state;
	wp_profile *prof = test_profile();
	const char *md = "# T\n\n## I. S\n\n" HDR12 "| 1. | A | Y | [a](http://x) | | | | | | | | Green |\n";
	size_t l1, l2;
	char *a = docx_of(md, prof, &l1), *b = docx_of(md, prof, &l2);
	assert_int_equal(l1, l2);
	assert_memory_equal(a, b, l1);
	free(a);
	free(b);
	wp_profile_free(prof);
}

/* Footnotes are Word's when the headings' marks run 1, 2, 3 in the order
 * Word numbers them; a repeated or out-of-order mark makes them all
 * paragraphs, in their order; either way they read back. */
static void test_write_docx__footnotes_are_words_where_word_numbers_them_so(void **state)
{
	(void)state;
	wp_profile *prof = test_profile();
	size_t len;
	char *out = docx_of("# T\n\n## I. S\n\n" HDR12 "| 1. | A | Y | a | | | | | | | | |\n\n¹ One.\n\n² Two *b*.\n\n"
			    "³ Three.\n\n⁴ Four.\n\n⁵ Five.\n\n⁶ Six.\n\n⁷ Seven.\n", prof, &len);
	char *notes = part_of(out, len, "word/footnotes.xml"), *doc = part_of(out, len, "word/document.xml");
	assert_int_equal(count(notes, "<w:footnoteRef/>"), 7);
	assert_int_equal(count(doc, "<w:footnoteReference "), 7);
	assert_non_null(strstr(notes, "Two "));
	free(notes);
	free(doc);
	wp_programme *p = read_back(out, len, prof, WP_CHANGES_SHOW);
	assert_int_equal(p->nfootnotes, 7);
	assert_int_equal(p->sections[0].columns[2].mark, 1);
	wp_programme_free(p);
	free(out);
	/* footnote 1 is missing: marks 2.. cannot be Word's numbers */
	out = docx_of("# T\n\n## I. S\n\n" HDR12 "| 1. | A | Y | a | | | | | | | | |\n\n² Two.\n\n³ Three.\n", prof, &len);
	notes = part_of(out, len, "word/footnotes.xml");
	assert_int_equal(count(notes, "<w:footnoteRef/>"), 0);
	free(notes);
	p = read_back(out, len, prof, WP_CHANGES_SHOW);
	assert_int_equal(p->nfootnotes, 2);
	assert_int_equal(p->footnotes[0].mark, 2);
	assert_int_equal(p->sections[0].columns[3].mark, 2);
	wp_programme_free(p);
	free(out);
	wp_profile_free(prof);
}

/* The status cell shaded in its colour as the facts read it (a changed
 * colour: the new one), its name kept; a row inserted or deleted whole is
 * a revision of the row; underlined text (an insertion, for this
 * profile) is a w:ins, not an underline. */
static void test_write_docx__shading_and_revisions_where_word_looks(void **state)
{
	(void)state;
	wp_profile *prof = test_profile();
	size_t len;
	char *out = docx_of("# T\n\n## I. S\n\n" HDR12
			    "| 1. | A | Y | a | | | | | | | | Green |\n"
			    "| 2. | A | Y | b | | | | | | | | <del>Red</del> <ins>Blue</ins> |\n"
			    "| <ins data-author=\"Ann\" datetime=\"2025-03-01\">3.</ins> | <ins>A</ins> | <ins>Y</ins> | <ins>c</ins> "
			    "| | | | | | | | <ins>Red</ins> |\n"
			    "| <del>4.</del> | <del>A</del> | <del>Y</del> | <del>d</del> | | | | | | | | |\n"
			    "| 4. | A | Y | <u>e</u> <ins datetime=\"2025-03-02T10:11:12.123456789012345678+01:00\">f</ins> "
			    "| | | | | | | | Red |\n",
			    prof, &len);
	char *doc = part_of(out, len, "word/document.xml");
	assert_non_null(strstr(doc, "w:fill=\"00B050\"")); /* green */
	assert_int_equal(count(doc, "w:fill=\"0070C0\""), 1); /* blue, the new colour of row 2 */
	assert_int_equal(count(doc, "w:fill=\"FF0000\""), 2);
	assert_int_equal(count(doc, "<w:trPr><w:cantSplit/><w:ins "), 1);
	assert_non_null(strstr(doc, "w:author=\"Ann\" w:date=\"2025-03-01T00:00:00Z\"/></w:trPr>"));
	/* a date with all its fraction digits is kept whole */
	assert_non_null(strstr(doc, "w:date=\"2025-03-02T10:11:12.123456789012345678+01:00\""));
	assert_int_equal(count(doc, "<w:trPr><w:cantSplit/><w:del "), 1);
	assert_non_null(strstr(doc, "<w:delText xml:space=\"preserve\">Red</w:delText>"));
	assert_null(strstr(doc, "<w:u "));
	assert_non_null(strstr(doc, "<w:t xml:space=\"preserve\">e</w:t>"));
	/* read back accepted: rows 1, 2, 3 and 4 (e), no deleted one */
	wp_programme *p = read_back(out, len, prof, WP_CHANGES_ACCEPT);
	assert_int_equal(p->sections[0].nactivities, 4);
	char *t = test_field(p, 0, 2, "activity");
	assert_string_equal(t, "c");
	free(t);
	wp_programme_free(p);
	/* rejected: row 3 is gone, the deleted row is back */
	p = read_back(out, len, prof, WP_CHANGES_REJECT);
	assert_int_equal(p->sections[0].nactivities, 4);
	t = test_field(p, 0, 2, "activity");
	assert_string_equal(t, "d");
	free(t);
	t = test_field(p, 0, 3, "activity");
	assert_string_equal(t, "");
	free(t);
	wp_programme_free(p);
	free(doc);
	free(out);
	wp_profile_free(prof);
}

/* A package in memory of the first n parts (name, text) but the one named
 * skip (NULL: none); malloc'd. */
static char *zip_mem(const char *const (*parts)[2], size_t n, const char *skip, size_t *len)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	zip_source_keep(src);
	for (size_t i = 0; i < n; i++)
		if (!skip || strcmp(parts[i][0], skip))
			assert_true(zip_file_add(z, parts[i][0], zip_source_buffer(z, parts[i][1], strlen(parts[i][1]), 0), 0) >= 0);
	assert_int_equal(zip_close(z), 0);
	assert_int_equal(zip_source_open(src), 0);
	zip_source_seek(src, 0, SEEK_END);
	*len = (size_t)zip_source_tell(src);
	zip_source_seek(src, 0, SEEK_SET);
	char *out = malloc(*len);
	assert_non_null(out);
	assert_int_equal(zip_source_read(src, out, *len), (zip_int64_t)*len);
	zip_source_close(src);
	zip_source_free(src);
	return out;
}

/* A reference document: its styles win, wpgen's are added where it has
 * none of that id, its page and margins are taken; one that is not a
 * .docx is said and nothing is written. */
static void test_write_docx__reference_document(void **state)
{
	(void)state;
	static const char *const parts[][2] = {
		{"[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
		{"_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
				"<Relationship Id=\"r1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
				"Target=\"word/document.xml\"/></Relationships>"},
		{"word/_rels/document.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
				"<Relationship Id=\"r1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
				"Target=\"styles.xml\"/></Relationships>"},
		{"word/document.xml", "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
				"<w:body><w:p/><w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1000\" w:right=\"1100\" "
				"w:bottom=\"1200\" w:left=\"1300\" w:header=\"500\" w:footer=\"600\"/></w:sectPr></w:body></w:document>"},
		{"word/styles.xml", "<?xml version=\"1.0\"?><w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
				"<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:rPr><w:rFonts w:ascii=\"Georgia\"/>"
				"</w:rPr></w:style></w:styles>"},
	};
	size_t rlen;
	char *ref = zip_mem(parts, sizeof parts / sizeof parts[0], NULL, &rlen);

	wp_profile *prof = test_profile();
	wp_diags d = {0};
	wp_programme *p = test_read("# T\n\n## I. S\n\n" HDR12 "| 1. | A | Y | a | | | | | | | | |\n", &d);
	wp_limits zero = {0}; /* (zero fields: the defaults, as the command line passes them) */
	wp_docx_options o = {ref, rlen, "ref.docx", &zero};
	char *out = NULL;
	size_t len;
	assert_int_equal(wp_write_docx(&out, &len, p, prof, NULL, &o, &d), WP_OK);
	char *styles = part_of(out, len, "word/styles.xml"), *doc = part_of(out, len, "word/document.xml");
	assert_non_null(strstr(styles, "Georgia"));
	assert_int_equal(count(styles, "w:styleId=\"Heading1\""), 1);
	assert_non_null(strstr(styles, "w:styleId=\"TableText\""));
	assert_non_null(strstr(doc, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
	assert_non_null(strstr(doc, "w:top=\"1000\" w:right=\"1100\" w:bottom=\"1200\" w:left=\"1300\" w:header=\"500\" w:footer=\"600\""));
	/* the table fills the reference's text width */
	assert_non_null(strstr(doc, "<w:tblW w:w=\"9506\"") ? doc : strstr(doc, "<w:tblW w:w=\"950"));
	free(styles);
	free(doc);
	free(out);
	/* a .docx without styles: said, nothing written (the rels name no
	 * styles part) */
	size_t nlen;
	char *nostyles = zip_mem(parts, 4, "word/_rels/document.xml.rels", &nlen);
	o.reference = nostyles;
	o.reference_len = nlen;
	out = (char *)1;
	assert_int_equal(wp_write_docx(&out, &len, p, prof, NULL, &o, &d), WP_EIO);
	assert_null(out);
	assert_int_equal(test_count_rule(&d, "docx.reference"), 1);
	free(nostyles);
	/* not a .docx */
	o.reference = "not a zip";
	o.reference_len = 9;
	out = (char *)1;
	assert_int_equal(wp_write_docx(&out, &len, p, prof, NULL, &o, &d), WP_EIO);
	assert_null(out);
	assert_true(d.errors > 0);
	assert_non_null(strstr(d.items[d.n - 1].file, "ref.docx"));
	free(ref);
	wp_programme_free(p);
	wp_profile_free(prof);
	wp_diags_clear(&d);
}

static int docx_annex(char **out, size_t *len, const wp_programme *p, const wp_profile *prof)
{
	wp_diags d = {0};
	int rc = wp_write_docx(out, len, p, prof, NULL, NULL, &d);
	wp_diags_clear(&d);
	return rc;
}

static void test_write_docx__oom_is_clean(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_profile *prof = test_profile();
	wp_programme *p = test_read("---\nas_of: 2025-01-01\n---\n# T\n\n## I. S\n\n" HDR12
				    "| 1. | A | Y | <p>a</p><p>[b](http://x)</p> | | | | | | | 2024 | Green |\n\n¹ One.\n", &d);
	long n = test_writer_oom(docx_annex, p, prof);
	assert_true(n > 10);
	wp_programme_free(p);
	wp_profile_free(prof);
	wp_diags_clear(&d);
}

/* The package with each of wpgen's style ids re-cased as LibreOffice
 * saves them ("WpgenRunningHead" -> "Wpgenrunninghead"); malloc'd. */
static char *recased(const char *pkg, size_t len, size_t *outlen)
{
	static const char *const ids[][2] = {{"WpgenRunningHead", "Wpgenrunninghead"}, {"WpgenStatus", "Wpgenstatus"},
					     {"WpgenChanges", "Wpgenchanges"}};
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(pkg, len, 0, &ze);
	zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
	assert_non_null(z);
	zip_int64_t n = zip_get_num_entries(z, 0);
	const char *(*parts)[2] = calloc((size_t)n, sizeof *parts);
	char **texts = calloc((size_t)n, sizeof *texts);
	size_t changed = 0;
	for (zip_int64_t i = 0; i < n; i++) {
		const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
		char *t = part_of(pkg, len, name);
		assert_non_null(t);
		for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++)
			for (char *at = t; (at = strstr(at, ids[k][0])) != NULL; at += strlen(ids[k][0])) {
				memcpy(at, ids[k][1], strlen(ids[k][1]));
				changed++;
			}
		parts[i][0] = strdup(name);
		parts[i][1] = texts[i] = t;
	}
	zip_discard(z);
	assert_true(changed >= 2); /* (the running head, the status table: else this proves nothing) */
	char *out = zip_mem((const char *const (*)[2])parts, (size_t)n, NULL, outlen);
	for (zip_int64_t i = 0; i < n; i++) {
		free((char *)parts[i][0]);
		free(texts[i]);
	}
	free(parts);
	free(texts);
	return out;
}

/* A Word annex saved again by a word processor that changes the case of
 * style ids reads the same: its running head and its table of where
 * things stand are still wpgen's furniture. */
static void test_write_docx__style_ids_in_any_case(void **state)
{
	(void)state;
	wp_profile *prof = test_profile();
	size_t len, rlen;
	static const char md[] = "TEST COMMITTEE (TC) WORK PROGRAMME 2024-2025\n\n## I. Activities\n\n" HDR12
				 "| 1. | A | Y | Draft the guide | SP1 | Development | TC | One officer | Guide adopted | 2024 | "
				 "In progress. | Blue |\n";
	char *docx = docx_of(md, prof, &len), *again = recased(docx, len, &rlen);
	char *a = said(docx, len, prof), *b = said(again, rlen, prof);
	assert_string_equal(a, b);
	free(a);
	free(b);
	free(docx);
	free(again);
	wp_profile_free(prof);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write_docx__reads_back_as_the_markdown_annex_on_every_source),
		cmocka_unit_test(test_write_docx__reads_back_on_every_corner),
		cmocka_unit_test(test_write_docx__hostile_text_makes_a_valid_package),
		cmocka_unit_test(test_write_docx__the_same_programme_makes_the_same_bytes),
		cmocka_unit_test(test_write_docx__footnotes_are_words_where_word_numbers_them_so),
		cmocka_unit_test(test_write_docx__shading_and_revisions_where_word_looks),
		cmocka_unit_test(test_write_docx__reference_document),
		cmocka_unit_test(test_write_docx__style_ids_in_any_case),
		cmocka_unit_test(test_write_docx__oom_is_clean),
	};
	return cmocka_run_group_tests(tests, setup, differ_teardown);
}
