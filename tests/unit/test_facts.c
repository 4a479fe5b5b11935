/* test_facts.c: the facts of a programme, and every output agreeing on
 * them.
 *
 * The facts module is checked against an oracle of its own: a generated
 * matrix of status cells (each colour, plain, inserted, deleted and
 * replaced by a tracked change; rows inserted and deleted whole; an
 * example) whose colour, count and overdue mark in each version of the
 * changes the test knows. The matrix is read as Markdown, as wpgen's XML
 * and as a Word original, in each version.
 *
 * Then every output is read back as a reader would and held to the facts:
 * the HTML annex (native and through its template: the status table, each
 * row's status colour, change and overdue mark), the Markdown annex
 * (native and template: the status table; read back, the same facts), the
 * annotated XML (its status counts and each activity's attributes), and
 * the status lines `check --summary` prints (text and JSON). On the
 * matrix, every sample in input/ and the seeds. */
#include "testutil.h"
#include "../docx_zip.h"
#include "base/util.h" /* wp_buf */

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <glob.h>
#include <sys/stat.h>
#include <unistd.h>

static const wp_changes_mode modes[] = {WP_CHANGES_SHOW, WP_CHANGES_ACCEPT, WP_CHANGES_REJECT};
static const char *const mode_names[] = {"show", "accept", "reject"};

static wp_env *env;
static wp_template *html_tpl, *md_tpl;

/***** the matrix *****/

enum form { PLAIN, INSERTED, DELETED, REPLACED, ROW_INSERTED, ROW_DELETED, NFORMS };
static const char *const form_names[] = {"plain", "inserted", "deleted", "replaced", "row inserted", "row deleted"};
static const char *const colours[] = {"Green", "Blue", "Red"};

typedef struct mcase {
	enum form form;
	int colour, before; /* indexes in colours; before: the replaced colour */
} mcase;

static size_t matrix(mcase *out)
{
	size_t n = 0;
	for (int c = 0; c < 3; c++)
		for (int f = 0; f < NFORMS; f++)
			out[n++] = (mcase){(enum form)f, c, (c + 1) % 3};
	return n;
}

/* The colour a case's status cell has in a version (-1: none), and
 * whether its row is in the version. */
static int want_colour(const mcase *m, wp_changes_mode mode)
{
	int old = mode == WP_CHANGES_REJECT;
	switch (m->form) {
	case PLAIN:
	case ROW_INSERTED:
	case ROW_DELETED:
		return m->colour;
	case INSERTED:
		return old ? -1 : m->colour;
	case DELETED:
		return old ? m->colour : -1;
	case REPLACED:
		return old ? m->before : m->colour;
	default:
		return -1;
	}
}

static int want_counted(const mcase *m, wp_changes_mode mode)
{
	if (m->form == ROW_INSERTED)
		return mode != WP_CHANGES_REJECT;
	if (m->form == ROW_DELETED)
		return mode == WP_CHANGES_REJECT;
	return 1;
}

/* Green rows are completed; the others are overdue at the matrix's as-of
 * date (their timeline ended in 2024). */
static int want_overdue(const mcase *m, wp_changes_mode mode)
{
	return want_counted(m, mode) && m->colour != 0;
}

static void md_status(wp_buf *b, const mcase *m)
{
	const char *c = colours[m->colour];
	switch (m->form) {
	case PLAIN:
		wp_buf_puts(b, c);
		break;
	case INSERTED:
		wp_buf_printf(b, "<ins>%s</ins>", c);
		break;
	case DELETED:
		wp_buf_printf(b, "<del>%s</del>", c);
		break;
	case REPLACED:
		wp_buf_printf(b, "<del>%s</del> <ins>%s</ins>", colours[m->before], c);
		break;
	default:
		break;
	}
}

/* The matrix as a Markdown programme: one row a case. */
static char *matrix_md(const mcase *cases, size_t n)
{
	wp_buf b = {0};
	wp_buf_puts(&b, "---\nas_of: 2025-06-30\nperiod: 2024-2027\n---\n# MATRIX COMMITTEE WORK PROGRAMME 2024-2027\n\n"
			"## I. Activities undertaken within a specific timeframe\n\n" HDR12
			"| (Example) | B | Y | An example | SP1 | Update | PTC | One | KPI | 2024 | Completed. | Green |\n");
	for (size_t i = 0; i < n; i++) {
		const mcase *m = &cases[i];
		const char *pre = m->form == ROW_INSERTED ? "<ins>" : m->form == ROW_DELETED ? "<del>" : "";
		const char *post = m->form == ROW_INSERTED ? "</ins>" : m->form == ROW_DELETED ? "</del>" : "";
		const char *progress = m->colour == 0 ? "Completed. Done." : m->colour == 1 ? "In progress. Late." : "Postponed.";
		wp_buf_printf(&b, "| %s%zu.%s | %sA%s | %sY%s | %sActivity %zu, %s %s%s | %sSP1%s | %sUpdate%s | %sPTC%s | %sOne%s | "
				  "%sKPI%s | %s2024%s | %s%s%s | ", pre, i + 1, post, pre, post, pre, post, pre, i + 1,
			      form_names[m->form], colours[m->colour], post, pre, post, pre, post, pre, post, pre, post, pre,
			      post, pre, post, pre, progress, post);
		if (m->form == ROW_INSERTED || m->form == ROW_DELETED)
			wp_buf_printf(&b, "%s%s%s", pre, colours[m->colour], post);
		else
			md_status(&b, m);
		wp_buf_puts(&b, " |\n");
	}
	wp_buf_puts(&b, "\n## II. Activities undertaken continuously\n\n" HDR11
			"| 1. | A | Y | Keep the glossary | SP1 | Maintenance | PTC | One | KPI | Continuous | Ongoing. |\n");
	assert_false(b.oom);
	return wp_buf_detach(&b, NULL);
}

/* A Word run; change: NULL, "ins" or "del". */
static void docx_run(wp_buf *b, const char *text, const char *change)
{
	if (change)
		wp_buf_printf(b, "<w:%s w:id=\"9\" w:author=\"A. Secretary\" w:date=\"2025-03-04T10:00:00Z\">", change);
	wp_buf_printf(b, "<w:r><w:%s xml:space=\"preserve\">%s</w:%s></w:r>", change && !strcmp(change, "del") ? "delText" : "t",
		      text, change && !strcmp(change, "del") ? "delText" : "t");
	if (change)
		wp_buf_printf(b, "</w:%s>", change);
}

static void docx_cell(wp_buf *b, const char *text, const char *change, const char *fill)
{
	wp_buf_puts(b, "<w:tc>");
	if (fill)
		wp_buf_printf(b, "<w:tcPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"%s\"/></w:tcPr>", fill);
	wp_buf_puts(b, "<w:p>");
	if (text && *text)
		docx_run(b, text, change);
	wp_buf_puts(b, "</w:p></w:tc>");
}

static const char *const hdr12[] = {"No.", "Priority ranking", "Link to the Strategic Plan", "Activities",
				    "WCO Strategic Plan", "Type of task associated", "Responsible body", "Team resources",
				    "Key Performance Indicators", "Timeline", "Progress", "Completion status"};

/* The matrix as a Word document's body: the plain colours as the cells'
 * shading (as the committee's documents have them), the others as tracked
 * changes of the cell's words. */
static char *matrix_docx_body(const mcase *cases, size_t n)
{
	static const char *const fills[] = {"00B050", "0070C0", "FF0000"};
	wp_buf b = {0};
	wp_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document "
			"xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
			"<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>MATRIX COMMITTEE WORK PROGRAMME "
			"2024-2027</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>Activities "
			"undertaken within a specific timeframe</w:t></w:r></w:p><w:tbl><w:tblGrid>");
	for (int c = 0; c < 12; c++)
		wp_buf_puts(&b, "<w:gridCol w:w=\"1000\"/>");
	wp_buf_puts(&b, "</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>");
	for (int c = 0; c < 12; c++)
		docx_cell(&b, hdr12[c], NULL, NULL);
	wp_buf_puts(&b, "</w:tr><w:tr>");
	static const char *const example[] = {"(Example)", "B", "Y", "An example", "SP1", "Update", "PTC", "One", "KPI",
					      "2024", "Completed.", "Green"};
	for (int c = 0; c < 12; c++)
		docx_cell(&b, example[c], NULL, NULL);
	wp_buf_puts(&b, "</w:tr>");
	for (size_t i = 0; i < n; i++) {
		const mcase *m = &cases[i];
		const char *rc = m->form == ROW_INSERTED ? "ins" : m->form == ROW_DELETED ? "del" : NULL;
		char num[32], act[96];
		snprintf(num, sizeof num, "%zu.", i + 1);
		snprintf(act, sizeof act, "Activity %zu, %s %s", i + 1, form_names[m->form], colours[m->colour]);
		const char *progress = m->colour == 0 ? "Completed. Done." : m->colour == 1 ? "In progress. Late." : "Postponed.";
		const char *cells[11] = {num, "A", "Y", act, "SP1", "Update", "PTC", "One", "KPI", "2024", progress};
		wp_buf_puts(&b, "<w:tr>");
		if (rc)
			wp_buf_printf(&b, "<w:trPr><w:%s w:id=\"8\" w:author=\"A. Secretary\" w:date=\"2025-03-04T10:00:00Z\"/></w:trPr>",
				      rc);
		for (int c = 0; c < 11; c++)
			docx_cell(&b, cells[c], rc, NULL);
		switch (m->form) {
		case PLAIN:
			docx_cell(&b, "", NULL, fills[m->colour]);
			break;
		case ROW_INSERTED:
		case ROW_DELETED:
			docx_cell(&b, colours[m->colour], rc, NULL);
			break;
		case INSERTED:
		case DELETED:
			docx_cell(&b, colours[m->colour], m->form == INSERTED ? "ins" : "del", NULL);
			break;
		case REPLACED:
			wp_buf_puts(&b, "<w:tc><w:p>");
			docx_run(&b, colours[m->before], "del");
			docx_run(&b, " ", NULL);
			docx_run(&b, colours[m->colour], "ins");
			wp_buf_puts(&b, "</w:p></w:tc>");
			break;
		default:
			break;
		}
		wp_buf_puts(&b, "</w:tr>");
	}
	wp_buf_puts(&b, "</w:tbl><w:p/></w:body></w:document>\n");
	assert_false(b.oom);
	return wp_buf_detach(&b, NULL);
}

/* The matrix as a .docx at path (over tests/docx/common). */
static void matrix_docx(const char *path, const mcase *cases, size_t n)
{
	char dir[] = "/tmp/wpgen-facts-XXXXXX", sub[256], file[300];
	assert_non_null(mkdtemp(dir));
	snprintf(sub, sizeof sub, "%s/word", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	snprintf(file, sizeof file, "%s/document.xml", sub);
	char *body = matrix_docx_body(cases, n);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fputs(body, f);
	fclose(f);
	free(body);
	const char *dirs[] = {"tests/docx/common", dir};
	assert_int_equal(docx_zip(path, dirs, 2), 0);
	unlink(file);
	rmdir(sub);
	rmdir(dir);
}

/***** reading the outputs back *****/

/* What an output says: per section with activities, its counts; per
 * activity (in order, every section), its colour, change and overdue
 * mark. -2: the output does not say. */
typedef struct said {
	size_t nsec;
	long sec[16][8]; /* activities, per colour..., without a colour (-1: no status column), overdue */
	size_t nrows;
	int *colour;     /* index in the profile's colours, -1 none */
	int *change;     /* wp_change */
	int *overdue;
} said;

static void said_free(said *s)
{
	free(s->colour);
	free(s->change);
	free(s->overdue);
	memset(s, 0, sizeof *s);
}

static int colour_index(const wp_profile *prof, const char *name, size_t n)
{
	const wp_profile_colour *c = wp_profile_colour_find(prof, name, n);
	return c ? (int)(c - prof->colours) : -1;
}

/* What the facts say, in the same shape. */
static void said_by_facts(said *s, const wp_programme *p, const wp_facts *f, const wp_profile *prof)
{
	size_t rows = 0;
	memset(s, 0, sizeof *s);
	for (size_t k = 0; k < p->nsections; k++)
		rows += p->sections[k].nactivities;
	s->colour = calloc(rows + 1, sizeof *s->colour);
	s->change = calloc(rows + 1, sizeof *s->change);
	s->overdue = calloc(rows + 1, sizeof *s->overdue);
	for (size_t k = 0; k < p->nsections; k++) {
		const wp_count *c = &f->sections[k].count;
		if (p->sections[k].nactivities && s->nsec < 16) {
			long *v = s->sec[s->nsec++];
			v[0] = (long)c->activities;
			for (size_t q = 0; q < prof->ncolours; q++)
				v[1 + q] = c->has_status ? (long)c->by_colour[q] : -1;
			v[1 + prof->ncolours] = c->has_status ? (long)c->none : -1;
			v[2 + prof->ncolours] = f->as_of ? (long)c->overdue : -2;
		}
		for (size_t i = 0; i < p->sections[k].nactivities; i++) {
			const wp_row_facts *r = wp_facts_row(f, k, i);
			s->colour[s->nrows] = r->colour ? (int)(r->colour - prof->colours) : -1;
			s->change[s->nrows] = (int)r->change;
			s->overdue[s->nrows++] = r->overdue;
		}
	}
}

static char *node_text(xmlNodePtr n)
{
	xmlChar *t = xmlNodeGetContent(n);
	char *s = strdup(t ? (const char *)t : "");
	xmlFree(t);
	/* white space collapsed */
	char *o = s;
	int sp = 0;
	for (const char *c = s; *c; c++) {
		if (*c == ' ' || *c == '\n' || *c == '\t') {
			sp = o > s;
			continue;
		}
		if (sp)
			*o++ = ' ';
		sp = 0;
		*o++ = *c;
	}
	*o = '\0';
	return s;
}

static int has_class(xmlNodePtr n, const char *cls)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST "class");
	int yes = 0;
	if (v) {
		size_t k = strlen(cls);
		for (const char *p = (const char *)v; (p = strstr(p, cls)) != NULL; p += k)
			if ((p == (const char *)v || p[-1] == ' ') && (p[k] == ' ' || !p[k]))
				yes = 1;
	}
	xmlFree(v);
	return yes;
}

static xmlXPathObjectPtr xp(xmlXPathContextPtr ctx, const char *expr)
{
	xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	assert_non_null(r);
	return r;
}

/* The HTML annex: the status table, and each activity's row. */
static void said_by_html(said *s, const char *html, size_t len, const wp_profile *prof)
{
	memset(s, 0, sizeof *s);
	htmlDocPtr doc = htmlReadMemory(html, (int)len, "annex.html", "UTF-8", HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
									       HTML_PARSE_NONET);
	assert_non_null(doc);
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r = xp(ctx, "//table[@class='status']/tbody/tr");
	int asof = 0;
	xmlXPathObjectPtr h = xp(ctx, "//table[@class='status']/thead/tr/th");
	for (int i = 0; h->nodesetval && i < h->nodesetval->nodeNr; i++) {
		char *t = node_text(h->nodesetval->nodeTab[i]);
		asof |= !strcmp(t, "Overdue");
		free(t);
	}
	xmlXPathFreeObject(h);
	for (int i = 0; r->nodesetval && i < r->nodesetval->nodeNr && s->nsec < 16; i++) {
		long *v = s->sec[s->nsec++];
		size_t at = 0;
		for (xmlNodePtr c = r->nodesetval->nodeTab[i]->children; c; c = c->next) {
			if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "td") || !has_class(c, "n"))
				continue;
			char *t = node_text(c);
			v[at++] = !strcmp(t, "–") || !strcmp(t, "no status column") ? -1 : strtol(t, NULL, 10);
			free(t);
		}
		assert_int_equal(at, 2 + prof->ncolours + asof);
		if (!asof)
			v[2 + prof->ncolours] = -2;
	}
	xmlXPathFreeObject(r);
	r = xp(ctx, "//tbody[@class='activities']/tr");
	int n = r->nodesetval ? r->nodesetval->nodeNr : 0;
	s->colour = calloc((size_t)n + 1, sizeof *s->colour);
	s->change = calloc((size_t)n + 1, sizeof *s->change);
	s->overdue = calloc((size_t)n + 1, sizeof *s->overdue);
	for (int i = 0; i < n; i++) {
		xmlNodePtr tr = r->nodesetval->nodeTab[i];
		s->change[i] = has_class(tr, "change-inserted") ? WP_CHANGE_INSERTED
			     : has_class(tr, "change-deleted")  ? WP_CHANGE_DELETED
								: WP_CHANGE_NONE;
		s->colour[i] = -1;
		ctx->node = tr;
		xmlXPathObjectPtr st = xp(ctx, "td[contains(concat(' ', @class, ' '), ' status ')]");
		if (st->nodesetval && st->nodesetval->nodeNr) {
			for (size_t q = 0; q < prof->ncolours; q++) {
				char cls[64];
				snprintf(cls, sizeof cls, "c-%s", prof->colours[q].name);
				if (has_class(st->nodesetval->nodeTab[0], cls))
					s->colour[i] = (int)q;
			}
		}
		xmlXPathFreeObject(st);
		st = xp(ctx, ".//span[contains(concat(' ', @class, ' '), ' overdue ')]");
		s->overdue[i] = st->nodesetval && st->nodesetval->nodeNr > 0;
		xmlXPathFreeObject(st);
	}
	s->nrows = (size_t)n;
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
}

/* The annotated XML: its status counts and each activity's attributes. */
static void said_by_xml(said *s, const char *xml, size_t len, const wp_programme *p, const wp_profile *prof)
{
	memset(s, 0, sizeof *s);
	xmlDocPtr doc = xmlReadMemory(xml, (int)len, "annex.xml", NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathRegisterNs(ctx, BAD_CAST "w", BAD_CAST WP_XML_NS);
	xmlXPathObjectPtr r = xp(ctx, "/w:programme/w:status/w:count");
	for (int i = 0; r->nodesetval && i < r->nodesetval->nodeNr; i++) {
		xmlNodePtr c = r->nodesetval->nodeTab[i];
		xmlChar *sec = xmlGetProp(c, BAD_CAST "section");
		size_t k = (size_t)strtoul((const char *)sec, NULL, 10) - 1;
		xmlFree(sec);
		assert_true(k < p->nsections);
		if (!p->sections[k].nactivities)
			continue;
		long *v = s->sec[s->nsec++];
		for (size_t q = 0; q < prof->ncolours + 3; q++)
			v[q] = -1;
		xmlChar *a = xmlGetProp(c, BAD_CAST "activities"), *wc = xmlGetProp(c, BAD_CAST "without-colour"),
			*od = xmlGetProp(c, BAD_CAST "overdue");
		v[0] = strtol((const char *)a, NULL, 10);
		v[1 + prof->ncolours] = wc ? strtol((const char *)wc, NULL, 10) : -1;
		v[2 + prof->ncolours] = od ? strtol((const char *)od, NULL, 10) : -2;
		xmlFree(a);
		xmlFree(wc);
		xmlFree(od);
		for (xmlNodePtr e = c->children; e; e = e->next) {
			if (e->type != XML_ELEMENT_NODE)
				continue;
			xmlChar *nm = xmlGetProp(e, BAD_CAST "name"), *t = xmlNodeGetContent(e);
			int q = colour_index(prof, (const char *)nm, strlen((const char *)nm));
			assert_true(q >= 0);
			v[1 + q] = strtol((const char *)t, NULL, 10);
			xmlFree(nm);
			xmlFree(t);
		}
	}
	xmlXPathFreeObject(r);
	r = xp(ctx, "/w:programme/w:section/w:activity");
	int n = r->nodesetval ? r->nodesetval->nodeNr : 0;
	s->colour = calloc((size_t)n + 1, sizeof *s->colour);
	s->change = calloc((size_t)n + 1, sizeof *s->change);
	s->overdue = calloc((size_t)n + 1, sizeof *s->overdue);
	for (int i = 0; i < n; i++) {
		xmlNodePtr a = r->nodesetval->nodeTab[i];
		xmlChar *ch = xmlGetProp(a, BAD_CAST "change"), *od = xmlGetProp(a, BAD_CAST "overdue");
		s->change[i] = !ch ? WP_CHANGE_NONE : !strcmp((const char *)ch, "inserted") ? WP_CHANGE_INSERTED : WP_CHANGE_DELETED;
		s->overdue[i] = od != NULL;
		xmlFree(ch);
		xmlFree(od);
		s->colour[i] = -1;
		for (xmlNodePtr f = a->children; f; f = f->next) {
			xmlChar *c = f->type == XML_ELEMENT_NODE ? xmlGetProp(f, BAD_CAST "colour") : NULL;
			if (c)
				s->colour[i] = colour_index(prof, (const char *)c, strlen((const char *)c));
			xmlFree(c);
		}
	}
	s->nrows = (size_t)n;
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
}

/* The Markdown annex's status table (the rows of the sections; not the
 * total). */
static void said_by_md(said *s, const char *md, const wp_profile *prof)
{
	memset(s, 0, sizeof *s);
	const char *t = strstr(md, WP_STATUS_MARK);
	if (!t)
		return;
	t = strchr(t, '|');
	int asof = 0;
	const char *eol = strchr(t, '\n');
	asof = strstr(t, "Overdue at") && strstr(t, "Overdue at") < eol;
	t = strchr(eol + 1, '\n') + 1; /* past the delimiter row */
	for (; *t == '|'; t = strchr(t, '\n') + 1) {
		if (!strncmp(t, "| **All** |", 11))
			continue;
		long *v = s->sec[s->nsec++];
		const char *c = strchr(t + 1, '|') + 1; /* past the section's name */
		size_t at = 0;
		while (*c && *c != '\n') {
			const char *e = strchr(c, '|');
			char cell[64] = {0};
			size_t n = (size_t)(e - c) < sizeof cell - 1 ? (size_t)(e - c) : sizeof cell - 1;
			memcpy(cell, c, n);
			char *x = cell;
			while (*x == ' ')
				x++;
			v[at++] = !strncmp(x, "–", 3) || !strncmp(x, "no status column", 16) ? -1 : strtol(x, NULL, 10);
			c = e + 1;
		}
		assert_int_equal(at, 2 + prof->ncolours + asof);
		if (!asof)
			v[2 + prof->ncolours] = -2;
	}
}

/* s says what want says; rows too when s has any. */
static void agree(const char *what, const said *want, const said *s, size_t nvals, int rows)
{
	if (nvals && s->nsec != want->nsec)
		fail_msg("%s: %zu sections counted, the facts have %zu", what, s->nsec, want->nsec);
	for (size_t k = 0; nvals && k < want->nsec; k++)
		for (size_t q = 0; q < nvals; q++)
			if (s->sec[k][q] != want->sec[k][q])
				fail_msg("%s: section %zu, count %zu: %ld, the facts say %ld", what, k + 1, q, s->sec[k][q],
					 want->sec[k][q]);
	if (!rows)
		return;
	if (s->nrows != want->nrows)
		fail_msg("%s: %zu activities, the facts have %zu", what, s->nrows, want->nrows);
	for (size_t i = 0; i < want->nrows; i++)
		if (s->colour[i] != want->colour[i] || s->change[i] != want->change[i] || s->overdue[i] != want->overdue[i])
			fail_msg("%s: activity %zu: colour %d, change %d, overdue %d; the facts say %d, %d, %d", what, i + 1,
				 s->colour[i], s->change[i], s->overdue[i], want->colour[i], want->change[i], want->overdue[i]);
}

/* The status line check --summary prints holds the facts' counts. */
static void agree_status_text(const char *what, const wp_doc *doc)
{
	const wp_facts *f = doc->facts;
	char *t = NULL, *j = NULL;
	size_t len;
	assert_int_equal(wp_status_write(&t, &len, f, doc->p, doc->profile, WP_STATUS_TEXT), WP_OK);
	assert_int_equal(wp_status_write(&j, &len, f, doc->p, doc->profile, WP_STATUS_JSON), WP_OK);
	for (size_t k = 0; k < doc->p->nsections; k++) {
		const wp_count *c = &f->sections[k].count;
		char want[256];
		snprintf(want, sizeof want, "%zu %s", c->activities, c->activities == 1 ? "activity" : "activities");
		if (doc->p->sections[k].nactivities && !strstr(t, want))
			fail_msg("%s: the status line '%s' lacks '%s'", what, t, want);
		snprintf(want, sizeof want, "\"activities\": %zu, \"status\": ", c->activities);
		if (!strstr(j, want))
			fail_msg("%s: the status JSON '%s' lacks '%s'", what, j, want);
		for (size_t q = 0; c->has_status && q < doc->profile->ncolours; q++) {
			snprintf(want, sizeof want, "\"%s\": %zu", doc->profile->colours[q].name, c->by_colour[q]);
			if (!strstr(j, want))
				fail_msg("%s: the status JSON '%s' lacks '%s'", what, j, want);
		}
	}
	free(t);
	free(j);
}

/* Every output of doc agrees with its facts. */
static void agree_outputs(const char *what, wp_doc *doc)
{
	const wp_programme *p = doc->p;
	const wp_profile *prof = doc->profile;
	const wp_facts *f = doc->facts;
	size_t nvals = 3 + prof->ncolours;
	said want, got;
	char *out = NULL, msg[600];
	size_t len;
	wp_diags d = {0};
	said_by_facts(&want, p, f, prof);

	assert_int_equal(wp_write_html(&out, &len, p, prof, f), WP_OK);
	said_by_html(&got, out, len, prof);
	snprintf(msg, sizeof msg, "%s: the HTML annex", what);
	agree(msg, &want, &got, prof->ncolours ? nvals : 0, 1);
	said_free(&got);
	free(out);

	assert_int_equal(wp_render_annex(&out, &len, html_tpl, p, prof, WP_XML_ANNOTATED, f, &d), WP_OK);
	said_by_html(&got, out, len, prof);
	snprintf(msg, sizeof msg, "%s: the HTML annex through its template", what);
	agree(msg, &want, &got, prof->ncolours ? nvals : 0, 1);
	said_free(&got);
	free(out);

	assert_int_equal(wp_write_xml(&out, &len, p, prof, WP_XML_ANNOTATED, f), WP_OK);
	said_by_xml(&got, out, len, p, prof);
	snprintf(msg, sizeof msg, "%s: the XML", what);
	agree(msg, &want, &got, prof->ncolours ? nvals : 0, 1);
	said_free(&got);
	free(out);

	if (prof->ncolours && wp_programme_activities(p)) {
		for (int t = 0; t < 2; t++) {
			if (t == 0)
				assert_int_equal(wp_write_md(&out, &len, p, prof, 1, f), WP_OK);
			else
				assert_int_equal(wp_render_annex(&out, &len, md_tpl, p, prof, WP_XML_SOURCE, f, &d), WP_OK);
			said_by_md(&got, out, prof);
			snprintf(msg, sizeof msg, "%s: the Markdown annex%s", what, t ? " through its template" : "");
			agree(msg, &want, &got, nvals, 0);
			said_free(&got);
			/* read back, the annex has the same facts (not rejected: a row
			 * an insertion left empty but for a cell or two, its number
			 * gone, reads back as the rest of the row before it, as in
			 * the seed's section I) */
			wp_diags rd = {0};
			wp_programme *q = NULL;
			if (!doc->report && f->mode != WP_CHANGES_REJECT && wp_read_md(&q, out, len, "annex.md", prof, &rd) == WP_OK) {
				wp_facts *qf = NULL;
				assert_int_equal(wp_facts_new(&qf, q, prof, f->mode, f->as_of), WP_OK);
				said_by_facts(&got, q, qf, prof);
				snprintf(msg, sizeof msg, "%s: the Markdown annex%s read back", what, t ? " through its template" : "");
				agree(msg, &want, &got, nvals, 1);
				said_free(&got);
				wp_facts_free(qf);
			}
			wp_programme_free(q);
			wp_diags_clear(&rd);
			free(out);
		}
		agree_status_text(what, doc);
	}
	said_free(&want);
	wp_diags_clear(&d);
}

static wp_doc *open_mode_at(const char *path, wp_changes_mode mode, const char *as_of)
{
	wp_diags d = {0};
	wp_doc *doc = NULL;
	wp_doc_opts o = {0};
	o.changes = mode;
	o.as_of = as_of;
	o.check = 1;
	int rc = wp_doc_open(&doc, env, path, &o, &d);
	wp_diags_clear(&d);
	return rc == WP_OK ? doc : NULL;
}

static wp_doc *open_mode(const char *path, wp_changes_mode mode)
{
	return open_mode_at(path, mode, NULL);
}

/***** the tests *****/

/* The facts of the matrix are what the oracle says, read from Markdown,
 * XML or Word, in each version; and every output agrees with them. */
static void matrix_check(const char *path, const mcase *cases, size_t n)
{
	for (size_t m = 0; m < 3; m++) {
		/* (a Word original has no front matter: the date is given) */
		wp_doc *doc = open_mode_at(path, modes[m], "2025-06-30");
		if (!doc)
			fail_msg("%s: not read", path);
		const wp_section *s = &doc->p->sections[0];
		const wp_facts *f = doc->facts;
		size_t counted = 0, overdue = 0, by[3] = {0, 0, 0};
		/* accepted or rejected, the rows not in the version are gone */
		size_t row = 0;
		for (size_t i = 0; i < n; i++) {
			const mcase *c = &cases[i];
			int in = want_counted(c, modes[m]);
			if (modes[m] != WP_CHANGES_SHOW && !in)
				continue;
			assert_true(row < s->nactivities);
			const wp_row_facts *r = wp_facts_row(f, 0, row++);
			int want = want_colour(c, modes[m]);
			int got = r->colour ? (int)(r->colour - doc->profile->colours) : -1;
			if (got != want || r->counted != in || r->overdue != want_overdue(c, modes[m]))
				fail_msg("%s, %s: row %zu (%s %s): colour %d counted %d overdue %d; want %d %d %d", path,
					 mode_names[m], i + 1, form_names[c->form], colours[c->colour], got, r->counted,
					 r->overdue, want, in, want_overdue(c, modes[m]));
			if (modes[m] == WP_CHANGES_SHOW && c->form == REPLACED &&
			    (!r->colour_changed || !r->colour_was || r->colour_was - doc->profile->colours != c->before))
				fail_msg("%s: row %zu: the colour it was is not said", path, i + 1);
			counted += (size_t)in;
			overdue += (size_t)(in && want_overdue(c, modes[m]));
			if (in && want >= 0)
				by[want]++;
		}
		assert_int_equal(row, s->nactivities);
		assert_int_equal(f->sections[0].count.activities, counted);
		assert_int_equal(f->sections[0].count.overdue, overdue);
		for (int q = 0; q < 3; q++)
			assert_int_equal(f->sections[0].count.by_colour[q], by[q]);
		assert_int_equal(f->examples, 1);
		char what[512];
		snprintf(what, sizeof what, "%s, changes %s", path, mode_names[m]);
		agree_outputs(what, doc);
		wp_doc_free(doc);
	}
}

static void test_facts__matrix_in_markdown_xml_and_word(void **state)
{
	(void)state;
	mcase cases[3 * NFORMS];
	size_t n = matrix(cases);
	char *md = matrix_md(cases, n);
	char dir[] = "/tmp/wpgen-matrix-XXXXXX", mdp[256], xmlp[256], docxp[256];
	assert_non_null(mkdtemp(dir));
	snprintf(mdp, sizeof mdp, "%s/matrix.md", dir);
	snprintf(xmlp, sizeof xmlp, "%s/matrix.xml", dir);
	snprintf(docxp, sizeof docxp, "%s/matrix.docx", dir);
	FILE *f = fopen(mdp, "w");
	fputs(md, f);
	fclose(f);
	/* the XML source: the Markdown converted, its changes kept */
	wp_doc *doc = open_mode(mdp, WP_CHANGES_SHOW);
	assert_non_null(doc);
	char *xml = NULL;
	size_t len;
	assert_int_equal(wp_write_xml(&xml, &len, doc->p, doc->profile, WP_XML_SOURCE, NULL), WP_OK);
	f = fopen(xmlp, "w");
	fwrite(xml, 1, len, f);
	fclose(f);
	free(xml);
	wp_doc_free(doc);
	matrix_docx(docxp, cases, n);

	matrix_check(mdp, cases, n);
	matrix_check(xmlp, cases, n);
	matrix_check(docxp, cases, n);
	unlink(mdp);
	unlink(xmlp);
	unlink(docxp);
	rmdir(dir);
	free(md);
}

/* Facts taken of the programme with its changes marked, in a version, are
 * the facts of that version applied. */
static void test_facts__marked_or_applied_the_same(void **state)
{
	(void)state;
	mcase cases[3 * NFORMS];
	size_t n = matrix(cases);
	char *md = matrix_md(cases, n);
	wp_profile *prof = test_profile();
	for (size_t m = 1; m < 3; m++) {
		wp_diags d = {0};
		wp_programme *p = NULL, *q = NULL;
		wp_facts *fp = NULL, *fq = NULL;
		assert_int_equal(wp_read_md(&p, md, strlen(md), "m.md", prof, &d), WP_OK);
		assert_int_equal(wp_read_md(&q, md, strlen(md), "m.md", prof, &d), WP_OK);
		assert_int_equal(wp_programme_changes(q, modes[m], prof->u_is_insertion), WP_OK);
		assert_int_equal(wp_facts_new(&fp, p, prof, modes[m], "2025-06-30"), WP_OK);
		assert_int_equal(wp_facts_new(&fq, q, prof, modes[m], "2025-06-30"), WP_OK);
		assert_int_equal(fp->total.activities, fq->total.activities);
		assert_int_equal(fp->total.overdue, fq->total.overdue);
		assert_int_equal(fp->total.none, fq->total.none);
		for (size_t c = 0; c < prof->ncolours; c++)
			assert_int_equal(fp->total.by_colour[c], fq->total.by_colour[c]);
		wp_facts_free(fp);
		wp_facts_free(fq);
		wp_programme_free(p);
		wp_programme_free(q);
		wp_diags_clear(&d);
	}
	wp_profile_free(prof);
	free(md);
}

/* A status cell's colour is its first word, in the version asked. */
static void test_facts__cell_colour(void **state)
{
	(void)state;
	static const struct {
		const char *cell;
		const char *show, *reject;
	} cases[] = {
		{"Green", "green", "green"},
		{"green - completed", "green", "green"},
		{"Red - postponed", "red", "red"},
		{"<del>Red</del> <ins>Green</ins>", "green", "red"},
		{"<del>Blue</del> Red", "red", "blue"},
		{"<ins>Blue</ins>", "blue", NULL},
		{"<del>Blue</del>", NULL, "blue"},
		{"<u>Blue</u>", "blue", NULL}, /* underline is an insertion in this profile */
		{"Greenish", NULL, NULL},
		{"", NULL, NULL},
		{"Completed", NULL, NULL},
	};
	wp_profile *prof = test_profile();
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char md[1024];
		wp_diags d = {0};
		snprintf(md, sizeof md, "# T\n\n## I. S\n\n" HDR12 "| 1. | A | Y | a | SP1 | Update | PTC | x | y | 2025 | z | %s |\n",
			 cases[i].cell);
		wp_programme *p = test_read(md, &d);
		const wp_field *cell = &p->sections[0].activities[0].fields[11];
		const wp_profile_colour *c;
		assert_int_equal(wp_cell_colour(&c, prof, cell, WP_CHANGES_SHOW), WP_OK);
		if (!cases[i].show != !c || (c && strcmp(c->name, cases[i].show)))
			fail_msg("'%s' shown: %s, want %s", cases[i].cell, c ? c->name : "none", cases[i].show ? cases[i].show : "none");
		assert_int_equal(wp_cell_colour(&c, prof, cell, WP_CHANGES_REJECT), WP_OK);
		if (!cases[i].reject != !c || (c && strcmp(c->name, cases[i].reject)))
			fail_msg("'%s' rejected: %s, want %s", cases[i].cell, c ? c->name : "none",
				 cases[i].reject ? cases[i].reject : "none");
		wp_programme_free(p);
		wp_diags_clear(&d);
	}
	wp_profile_free(prof);
}

/* The status keyword is read from the progress text's opening words, as
 * footnote 6 writes it; one further on is not its status. */
static void test_facts__keyword_opens_the_progress(void **state)
{
	(void)state;
	static const struct {
		const char *text, *kw;
	} cases[] = {
		{"Completed. The PTC endorsed the Guide.", "Completed"},
		{"In progress: the first draft was discussed.", "In progress"},
		{"- Ongoing, with a report each session", "Ongoing"},
		{"\xE2\x80\xA2 Postponed to 2026", "Postponed"},
		{"Status: Not started.", "Not started"},
		{"(Completed)", "Completed"},
		{"completed in May", "Completed"}, /* case aside */
		{"The work will be completed in 2026.", NULL},
		{"Six workshops (AP completed in May 2022) remain.", NULL},
		{"Completedness is not a status", NULL},
		{"", NULL},
	};
	wp_profile *prof = test_profile();
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const wp_profile_colour *c;
		const char *kw = wp_progress_keyword(prof, cases[i].text, &c);
		if (!kw != !cases[i].kw || (kw && strcmp(kw, cases[i].kw)))
			fail_msg("'%s': keyword %s, want %s", cases[i].text, kw ? kw : "none", cases[i].kw ? cases[i].kw : "none");
		assert_true(!kw == !c);
	}
	wp_profile_free(prof);
}

/* A schedule's due dates, in each version: the date a tracked change
 * made, the one it replaced, a day to be fixed, none. */
static void test_facts__due_dates_in_each_version(void **state)
{
	(void)state;
	static const char src[] = "# S\n\n## Work plan\n\n| No. | Task | Due by |\n|---|---|---|\n"
				  "| 1. | One | <del>28/02/2025</del><ins>15/03/2025</ins> |\n"
				  "| 2. | Two | <del>xx/01/2025</del> <ins>xx/05/2025</ins> |\n"
				  "| 3. | Three | soon |\n| 4. | Four | 01/04/2025 |\n";
	static const struct {
		wp_changes_mode mode;
		int due[4][3];
	} want[] = {
		{WP_CHANGES_SHOW, {{2025, 3, 15}, {2025, 5, 0}, {0, 0, 0}, {2025, 4, 1}}},
		{WP_CHANGES_ACCEPT, {{2025, 3, 15}, {2025, 5, 0}, {0, 0, 0}, {2025, 4, 1}}},
		{WP_CHANGES_REJECT, {{2025, 2, 28}, {2025, 1, 0}, {0, 0, 0}, {2025, 4, 1}}},
	};
	wp_profile *prof = test_profile_named("dated-schedule");
	wp_diags d = {0};
	wp_programme *p = NULL;
	assert_int_equal(wp_read_md(&p, src, strlen(src), "schedule.md", prof, &d), WP_OK);
	assert_int_equal(p->nsections, 1);
	for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
		wp_facts *f = NULL;
		assert_int_equal(wp_facts_new(&f, p, prof, want[k].mode, NULL), WP_OK);
		assert_true(f->sections[0].date_col >= 0);
		for (size_t i = 0; i < 4; i++) {
			const wp_row_facts *rf = wp_facts_row(f, 0, i);
			if (rf->due.y != want[k].due[i][0] || rf->due.m != want[k].due[i][1] || rf->due.d != want[k].due[i][2])
				fail_msg("mode %d, row %zu: due %d-%d-%d", (int)want[k].mode, i + 1, rf->due.y, rf->due.m, rf->due.d);
		}
		wp_facts_free(f);
	}
	wp_programme_free(p);
	wp_profile_free(prof);
	wp_diags_clear(&d);
}

/* Every sample and every seed, in each version: the outputs agree. */
static void test_facts__every_output_agrees_on_every_source(void **state)
{
	(void)state;
	static const char *const patterns[] = {"input/*.md", "input/*.xml", "input/*.docx", "tests/golden/*.md"};
	size_t files = 0;
	for (size_t g = 0; g < sizeof patterns / sizeof patterns[0]; g++) {
		glob_t gl;
		if (glob(patterns[g], 0, NULL, &gl) != 0)
			continue;
		for (size_t i = 0; i < gl.gl_pathc; i++)
			for (size_t m = 0; m < 3; m++) {
				wp_doc *doc = open_mode(gl.gl_pathv[i], modes[m]);
				if (!doc)
					continue;
				char what[512];
				snprintf(what, sizeof what, "%s, changes %s", gl.gl_pathv[i], mode_names[m]);
				agree_outputs(what, doc);
				wp_doc_free(doc);
				files += m == 0;
			}
		globfree(&gl);
	}
	if (files < 11)
		fail_msg("%zu sources read, not the 11 samples (is input/*.docx made?)", files);
	char seed[512];
	snprintf(seed, sizeof seed, "%s/ptc-work-programme-2022-2025.md", seeds_dir());
	if (access(seed, R_OK) != 0) {
		printf("SKIPPED: %s is absent: the seed's outputs were not compared\n", seed);
		return;
	}
	for (size_t m = 0; m < 3; m++) {
		wp_doc *doc = open_mode(seed, modes[m]);
		assert_non_null(doc);
		char what[600];
		snprintf(what, sizeof what, "%s, changes %s", seed, mode_names[m]);
		agree_outputs(what, doc);
		wp_doc_free(doc);
	}
}

static int setup(void **state)
{
	(void)state;
	wp_diags d = {0};
	int rc = wp_env_new(&env, ".");
	if (rc == WP_OK)
		rc = wp_template_load(&html_tpl, "templates/annex-html.xsl", &d);
	if (rc == WP_OK)
		rc = wp_template_load(&md_tpl, "templates/annex-md.xsl", &d);
	wp_diags_clear(&d);
	return rc == WP_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	wp_template_free(html_tpl);
	wp_template_free(md_tpl);
	wp_env_free(env);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_facts__cell_colour),
		cmocka_unit_test(test_facts__keyword_opens_the_progress),
		cmocka_unit_test(test_facts__due_dates_in_each_version),
		cmocka_unit_test(test_facts__marked_or_applied_the_same),
		cmocka_unit_test(test_facts__matrix_in_markdown_xml_and_word),
		cmocka_unit_test(test_facts__every_output_agrees_on_every_source),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
