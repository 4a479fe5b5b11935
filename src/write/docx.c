/* docx.c: the annex as a Word document (wpgen/write.h, wp_write_docx),
 * written from the model and its facts with libxml2's xmlTextWriter; the
 * package around it is docx_parts.c's. What it writes:
 *
 *  - the title (style Title), a redline's summary of what changed (style
 *    WpgenChanges), where things stand (a table of style WpgenStatus: the
 *    reader passes both, as it passes the Markdown annex's), the
 *    preamble;
 *  - a section: its heading (Heading1), its introduction, one table (the
 *    header row repeated on every page, w:tblHeader; every row kept on
 *    one page where it fits, w:cantSplit; column widths from the content,
 *    as the HTML annex has them: layout.c), its notes, a report's text;
 *  - the guidance row in italics, the examples shaded grey, the status
 *    cell shaded in its colour (the facts') with its text kept, so that a
 *    reader who prints in grey still reads the colour's name;
 *  - tracked changes as Word revisions: runs in w:ins and w:del (with
 *    w:delText), a row inserted or deleted whole marked in its w:trPr,
 *    author and date where the source has them: Word's Accept All gives
 *    the accepted annex, Reject All the earlier one;
 *  - footnotes as Word footnotes, their marks on the column headings,
 *    where Word's numbering (1, 2, 3 in the order of reference) gives the
 *    document's own marks; any other footnote (a mark repeated, out of
 *    order, or in a cell) as the Markdown annex writes it: its mark in
 *    superscript digits, its text a paragraph after the programme. */
#include "write/docx_writer.h"
#include "write/layout.h"
#include "write/status_table.h"
#include "base/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/***** tables *****/

static void cell_start(dw *w, long width, const char *fill)
{
	dw_start(w, "w:tc");
	dw_start(w, "w:tcPr");
	dw_start(w, "w:tcW");
	dw_attrl(w, "w:w", width);
	dw_attr(w, "w:type", "dxa");
	dw_end(w);
	if (fill) {
		dw_start(w, "w:shd");
		dw_attr(w, "w:val", "clear");
		dw_attr(w, "w:color", "auto");
		dw_attr(w, "w:fill", fill);
		dw_end(w);
	}
	dw_end(w);
}

/* A cell's paragraphs (a cell has one at least), in that style. */
static void cell_field(dw *w, const wp_field *f, int italic, const char *style)
{
	if (!f->nparas) {
		dw_para_start(w, style, NULL);
		dw_end(w);
		return;
	}
	dw_paras(w, f, style, italic);
}

static void table_start(dw *w, const long *widths, size_t n, const char *style)
{
	long total = 0;
	for (size_t c = 0; c < n; c++)
		total += widths[c];
	dw_start(w, "w:tbl");
	dw_start(w, "w:tblPr");
	dw_val(w, "w:tblStyle", style);
	dw_start(w, "w:tblW");
	dw_attrl(w, "w:w", total);
	dw_attr(w, "w:type", "dxa");
	dw_end(w);
	dw_start(w, "w:tblLayout");
	dw_attr(w, "w:type", "fixed");
	dw_end(w);
	dw_end(w);
	dw_start(w, "w:tblGrid");
	for (size_t c = 0; c < n; c++) {
		dw_start(w, "w:gridCol");
		dw_attrl(w, "w:w", widths[c]);
		dw_end(w);
	}
	dw_end(w);
}

/* A row's properties: kept on one page, repeated as a header, inserted
 * or deleted whole (a revision, with the author and date of the row's
 * first marked run). */
static void row_start(dw *w, int header, wp_change change, const wp_activity *a, size_t ncols)
{
	dw_start(w, "w:tr");
	dw_start(w, "w:trPr");
	dw_empty(w, "w:cantSplit");
	if (header)
		dw_empty(w, "w:tblHeader");
	if (change != WP_CHANGE_NONE) {
		const wp_run *by = NULL;
		unsigned want = change == WP_CHANGE_DELETED ? WP_STYLE_DEL : WP_STYLE_INS | (w->u_ins ? WP_STYLE_U : 0);
		for (size_t c = 0; a && !by && c < ncols; c++)
			for (size_t i = 0; !by && i < a->fields[c].nparas; i++)
				for (size_t j = 0; !by && j < a->fields[c].paras[i].nruns; j++)
					if (a->fields[c].paras[i].runs[j].style & want)
						by = &a->fields[c].paras[i].runs[j];
		dw_start(w, change == WP_CHANGE_DELETED ? "w:del" : "w:ins");
		dw_rev_attrs(w, by ? by->author : NULL, by ? by->date : NULL);
		dw_end(w);
	}
	dw_end(w);
}

static void header_row(dw *w, const wp_section *s, const long *widths)
{
	row_start(w, 1, WP_CHANGE_NONE, NULL, 0);
	for (size_t c = 0; c < s->ncolumns; c++) {
		const wp_column *col = &s->columns[c];
		cell_start(w, widths[c], "D9D9D9");
		dw_para_start(w, "TableHead", NULL);
		dw_plain_run(w, col->header ? col->header : "", 1, 0);
		size_t k = 0;
		while (col->mark && k < w->p->nfootnotes && w->p->footnotes[k].mark != col->mark)
			k++;
		if (col->mark && k < w->p->nfootnotes && w->real[k] == 1) {
			/* its first reference: a Word footnote */
			w->real[k] = 2;
			dw_plain_run(w, " ", 0, 0);
			dw_start(w, "w:r");
			dw_start(w, "w:rPr");
			dw_val(w, "w:rStyle", "FootnoteReference");
			dw_end(w);
			dw_start(w, "w:footnoteReference");
			dw_attrl(w, "w:id", (long)k + 1);
			dw_end(w);
			dw_end(w);
		} else if (col->mark) {
			wp_buf m = {0};
			wp_buf_putc(&m, ' ');
			wp_buf_superscript(&m, (unsigned long)col->mark);
			if (m.oom)
				w->err = 1;
			else
				dw_plain_run(w, m.data, 0, 0);
			wp_buf_free(&m);
		}
		dw_end(w);
		dw_end(w);
	}
	dw_end(w);
}

/* A row of cells: an activity or an example (a, with its facts), or the
 * guidance (in italics). */
static void body_row(dw *w, const wp_section *s, const wp_field *fields, const long *widths, const wp_activity *a,
		     const wp_row_facts *rf, int example)
{
	int sc = wp_section_role(s, WP_ROLE_STATUS);
	row_start(w, 0, rf ? rf->change : WP_CHANGE_NONE, a, s->ncolumns);
	for (size_t c = 0; c < s->ncolumns; c++) {
		/* the status cell shaded in its colour, as every annex shades it
		 * (white text on a dark shade) */
		char fill[7], ink[7];
		int shaded = (int)c == sc && rf && rf->colour && ax_colour_shade(rf->colour, fill, ink);
		cell_start(w, widths[c], shaded ? fill : example ? "F2F2F2" : NULL);
		cell_field(w, &fields[c], !a, shaded && !strcmp(ink, "FFFFFF") ? "TableTextOnDark" : "TableText");
		dw_end(w);
	}
	dw_end(w);
}

/* The column widths in twips: the content's shares of the text width. */
static long *section_widths(dw *w, const wp_section *s)
{
	size_t n = s->ncolumns;
	unsigned *pc = wp_malloc(n * sizeof *pc);
	long *tw = wp_malloc(n * sizeof *tw), width = w->page.w - w->page.left - w->page.right, sum = 0;
	if (!pc || !tw || !ax_column_widths(s, pc, NULL)) {
		wp_free(pc);
		wp_free(tw);
		w->err = 1;
		return NULL;
	}
	for (size_t c = 0; c < n; c++)
		sum += pc[c] ? pc[c] : 1;
	for (size_t c = 0; c < n; c++)
		tw[c] = width * (long)(pc[c] ? pc[c] : 1) / (sum ? sum : 1);
	wp_free(pc);
	return tw;
}

static void put_table(dw *w, const wp_section *s, size_t k)
{
	long *widths = section_widths(w, s);
	if (!widths)
		return;
	table_start(w, widths, s->ncolumns, "TableGrid");
	header_row(w, s, widths);
	if (s->guidance)
		body_row(w, s, s->guidance, widths, NULL, NULL, 0);
	for (size_t i = 0; i < s->nexamples; i++)
		body_row(w, s, s->examples[i].fields, widths, &s->examples[i], wp_facts_example(w->f, k, i), 1);
	for (size_t i = 0; i < s->nactivities; i++)
		body_row(w, s, s->activities[i].fields, widths, &s->activities[i], wp_facts_row(w->f, k, i), 0);
	dw_end(w);
	wp_free(widths);
}

/* Where things stand: the facts' counts, as every annex has them
 * (status_table.h). */
static void put_status(dw *w)
{
	st_table t;
	if (st_table_make(&t, w->f, w->p, w->prof) != WP_OK) {
		w->err = 1;
		return;
	}
	long width = w->page.w - w->page.left - w->page.right, *widths = wp_malloc(t.ncols * sizeof *widths);
	if (!widths) {
		st_table_free(&t);
		w->err = 1;
		return;
	}
	for (size_t c = 0; c < t.ncols; c++) /* the section's name gets a third */
		widths[c] = c ? (width - width / 3) / (long)(t.ncols - 1) : width / 3;
	table_start(w, widths, t.ncols, DW_STYLE_STATUS);
	for (size_t r = 0; r < t.nrows; r++) {
		row_start(w, r == 0, WP_CHANGE_NONE, NULL, 0);
		for (size_t c = 0; c < t.ncols; c++) {
			cell_start(w, widths[c], r == 0 ? "D9D9D9" : NULL);
			dw_para_start(w, "TableText", c ? "right" : NULL);
			dw_plain_run(w, st_cell(&t, r, c), r == 0 || r == t.nrows - 1, 0);
			dw_end(w);
			dw_end(w);
		}
		dw_end(w);
	}
	dw_end(w);
	wp_free(widths);
	st_table_free(&t);
}

/* A progress report's text on an area, as the Markdown annex quotes it. */
static void put_report(dw *w, const wp_field *f, const char *lead, const char *none)
{
	dw_text_para(w, "Quote", lead, 1, 0);
	if (f && f->nparas)
		dw_paras(w, f, "Quote", 0);
	else if (none)
		dw_text_para(w, "Quote", none, 0, 1);
}

static void put_section(dw *w, const wp_section *s, size_t k)
{
	if (s->title || s->numeral) {
		dw_para_start(w, "Heading1", NULL);
		if (s->numeral) {
			wp_buf h = {0};
			wp_buf_printf(&h, "%s. ", s->numeral);
			if (h.oom)
				w->err = 1;
			else
				dw_plain_run(w, h.data, 0, 0);
			wp_buf_free(&h);
		}
		if (s->title)
			dw_plain_run(w, s->title, 0, 0);
		dw_end(w);
	}
	dw_paras(w, &s->intro, NULL, 0);
	if (s->ncolumns) {
		put_table(w, s, k);
		dw_para_start(w, NULL, NULL); /* (two tables never touch: Word would join them) */
		dw_end(w);
	}
	dw_paras(w, &s->notes, NULL, 0);
	if (w->p->plan)
		put_report(w, s->reported ? &s->report : NULL, "Progress reported", "The report does not cover this area.");
}

/* A footnote written where Word's numbering would not give its mark: as
 * the Markdown annex writes it, its mark then its text, its paragraphs
 * apart by two line breaks. */
static void put_own_footnote(dw *w, const wp_footnote *fn)
{
	wp_buf m = {0};
	wp_buf_superscript(&m, (unsigned long)fn->mark);
	wp_buf_putc(&m, ' ');
	dw_para_start(w, NULL, NULL);
	if (m.oom)
		w->err = 1;
	else
		dw_plain_run(w, m.data, 0, 0);
	wp_buf_free(&m);
	dw_note_runs(w, &fn->text);
	dw_end(w);
}

/* Whether the footnotes are Word's: when every one has its mark on a
 * column heading and Word's numbering (1, 2, 3 ... in the order of first
 * reference) gives each its own mark. Else none is (a mark repeated, out
 * of order, or only in a cell): all are written as the Markdown annex
 * writes them, so that their order stays the document's. */
static void choose_footnotes(dw *w)
{
	const wp_programme *p = w->p;
	size_t found = 0;
	int next = 1, ok = 1;
	for (size_t k = 0; ok && k < p->nsections; k++)
		for (size_t c = 0; ok && c < p->sections[k].ncolumns; c++) {
			int m = p->sections[k].columns[c].mark;
			if (!m || m < next)
				continue; /* (none, or a mark met before: its superscript digits) */
			size_t i = 0;
			while (i < p->nfootnotes && p->footnotes[i].mark != m)
				i++;
			ok = m == next && i < p->nfootnotes && p->footnotes[i].mark == next;
			if (ok) {
				w->real[i] = 1;
				next++;
				found++;
			}
		}
	for (size_t i = 0; i < p->nfootnotes; i++)
		ok &= p->footnotes[i].mark == (int)i + 1; /* (in order, each once) */
	if (!ok || found != p->nfootnotes)
		memset(w->real, 0, p->nfootnotes);
}

static void put_sect(dw *w)
{
	const dw_page *pg = &w->page;
	dw_start(w, "w:sectPr");
	dw_start(w, "w:headerReference");
	dw_attr(w, "w:type", "default");
	dw_attr(w, "r:id", "rIdH");
	dw_end(w);
	dw_start(w, "w:footerReference");
	dw_attr(w, "w:type", "default");
	dw_attr(w, "r:id", "rIdF");
	dw_end(w);
	dw_start(w, "w:pgSz");
	dw_attrl(w, "w:w", pg->w);
	dw_attrl(w, "w:h", pg->h);
	if (pg->landscape)
		dw_attr(w, "w:orient", "landscape");
	dw_end(w);
	dw_start(w, "w:pgMar");
	dw_attrl(w, "w:top", pg->top);
	dw_attrl(w, "w:right", pg->right);
	dw_attrl(w, "w:bottom", pg->bottom);
	dw_attrl(w, "w:left", pg->left);
	dw_attrl(w, "w:header", pg->header);
	dw_attrl(w, "w:footer", pg->footer);
	dw_attr(w, "w:gutter", "0");
	dw_end(w);
	dw_end(w);
}

int dw_document(dw *w, dw_part *part)
{
	const wp_programme *p = w->p;
	if (!(w->real = wp_malloc(p->nfootnotes + 1))) /* (the caller frees it) */
		return WP_ENOMEM;
	memset(w->real, 0, p->nfootnotes + 1);
	choose_footnotes(w);
	if (dw_part_begin(w) != WP_OK)
		return WP_ENOMEM;
	dw_start(w, "w:document");
	dw_attr(w, "xmlns:w", DW_W_NS);
	dw_attr(w, "xmlns:r", DW_R_NS);
	dw_start(w, "w:body");
	if (p->title)
		dw_text_para(w, "Title", p->title, 0, 0);
	if (p->annex_to && !(w->prof->annex_marker && *w->prof->annex_marker)) {
		/* no marker to put in the page header: here, as the Markdown annex has it */
		dw_para_start(w, NULL, NULL);
		dw_plain_run(w, "Annex to ", 0, 0);
		dw_plain_run(w, p->annex_to, 0, 0);
		if (p->running_title) {
			dw_plain_run(w, " ", 0, 0);
			dw_plain_run(w, p->running_title, 0, 0);
		}
		dw_end(w);
	}
	if (p->changes)
		dw_text_para(w, DW_STYLE_CHANGES, p->changes, 0, 1);
	if (w->prof->ncolours && wp_programme_activities(p))
		put_status(w);
	dw_paras(w, &p->preamble, NULL, 0);
	for (size_t k = 0; k < p->nsections; k++)
		put_section(w, &p->sections[k], k);
	if (p->report.nparas)
		put_report(w, &p->report, "Progress reported under no area of the plan", NULL);
	for (size_t i = 0; i < p->nfootnotes; i++)
		if (!w->real[i])
			put_own_footnote(w, &p->footnotes[i]);
	put_sect(w);
	dw_end(w);
	dw_end(w);
	return dw_part_end(w, part, "word/document.xml");
}

int wp_write_docx(char **out, size_t *len, const wp_programme *p, const wp_profile *profile, const wp_facts *facts,
		  const wp_docx_options *opt, wp_diags *d)
{
	wp_facts *own = NULL;
	dw w = {0};
	dw_part doc = {0}, styles = {0};
	int rc = WP_OK;
	*out = NULL;
	*len = 0;
	if ((rc = wp_lazy_need(WP_LAZY_ZIP, p->source, d)) != WP_OK || (rc = wp_lazy_need(WP_LAZY_XML, p->source, d)) != WP_OK)
		return rc;
	if (!facts && (rc = wp_facts_new(&own, p, profile, WP_CHANGES_SHOW, p->as_of)) != WP_OK)
		return rc;
	w.p = p;
	w.prof = profile;
	w.f = facts ? facts : own;
	w.u_ins = profile->u_is_insertion;
	w.rev = 1;
	/* A4 landscape, margins of 1.5 cm, header and footer 0.75 cm from the edge */
	w.page = (dw_page){16838, 11906, 851, 851, 851, 851, 425, 425, 1};
	if (opt && opt->reference)
		rc = dw_reference(&w, opt->reference, opt->reference_len, opt->reference_name ? opt->reference_name : "the reference document",
				  opt->limits, d, &styles);
	if (rc == WP_OK)
		rc = dw_document(&w, &doc);
	if (rc == WP_OK)
		rc = dw_package(&w, &doc, styles.data ? &styles : NULL, out, len);
	if (w.x)
		xmlFreeTextWriter(w.x);
	if (w.buf)
		xmlBufferFree(w.buf);
	free(doc.data);
	free(styles.data);
	for (size_t i = 0; i < w.nlinks; i++)
		wp_free(w.links[i]);
	wp_free(w.links);
	wp_free(w.real);
	wp_facts_free(own);
	return rc;
}
