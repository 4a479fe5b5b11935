/* layout.c: what the annexes lay out beyond the model (see layout.h):
 * the share of a table's width each column's content asks for, the lines
 * a row takes printed, the footnote marks that stand in cells. */
#include "wpgen/wpgen.h"
#include "write/layout.h"
#include "model/assemble.h"
#include "base/alloc.h"
#include "base/util.h"

#include <math.h>
#include <string.h>

int ax_next_mark(const wp_programme *p, const char *text, size_t len, size_t *i, size_t *start, size_t *end, int *mark)
{
	while (*i < len) {
		size_t l = 0;
		int m = -1;
		/* superscripts start with 0xC2 or 0xE2: skip the rest quickly */
		if ((unsigned char)text[*i] == 0xC2 || (unsigned char)text[*i] == 0xE2)
			m = wp_superscript_number(text + *i, len - *i, &l);
		if (!l) {
			(*i)++;
			continue;
		}
		int known = 0;
		for (size_t k = 0; k < p->nfootnotes && !known; k++)
			known = p->footnotes[k].mark == m;
		*start = *i;
		*i += l;
		if (known && m > 0) {
			*end = *i;
			*mark = m;
			return 1;
		}
	}
	return 0;
}

int ax_cell_marks(const wp_programme *p, const wp_profile *prof)
{
	return p->nfootnotes &&
	       strcmp(wp_profile_param_str(wp_profile_rule_find(prof, "footnote"), "in_cells", "false"), "true") == 0;
}

static size_t measure(const wp_field *f, size_t *chars);
#define LINE_CHARS 145.0

/* The lines the row's tallest cell takes printed, at the columns'
 * widths: its characters over the characters its column holds a line,
 * and a line a paragraph. -1 when memory ran out. */
long ax_print_lines(const wp_section *s, const wp_activity *a, const size_t *chars, const unsigned *widths)
{
	long most = 0;
	for (size_t c = 0; c < s->ncolumns; c++) {
		double per_line = (widths[c] ? widths[c] : 1) * LINE_CHARS / 100;
		long lines = (long)((double)chars[c] / per_line) + (long)a->fields[c].nparas;
		if (lines > most)
			most = lines;
	}
	return most;
}

/* rf: the row's facts (annotated), else NULL. */
/* (LINE_CHARS: the characters of a printed line across the whole table,
 * A4 landscape at 8.5 pt: what the columns share) */

/* The longest word of t (characters) and its characters, added to
 * *chars. */
static size_t longest_word(const char *t, size_t *chars)
{
	size_t longest = 0, word = 0;
	for (;; t++) {
		if (!*t || *t == ' ' || *t == '\n') {
			longest = word > longest ? word : longest;
			word = 0;
			if (!*t)
				break;
		} else if ((*t & 0xC0) != 0x80) {
			word++;
		}
		*chars += (*t & 0xC0) != 0x80;
	}
	return longest;
}

/* The same of a field's text as wp_field_text gives it (paragraphs apart
 * by a blank line, breaks as newlines), read run by run: nothing is
 * copied. */
static size_t measure(const wp_field *f, size_t *chars)
{
	/* (counted in locals: a store through chars could be to any char) */
	size_t longest = 0, word = 0, n = 0;
	for (size_t i = 0; i < f->nparas; i++) {
		if (i) {
			longest = word > longest ? word : longest;
			word = 0;
			n += 2;
		}
		for (size_t j = 0; j < f->paras[i].nruns; j++) {
			const wp_run *r = &f->paras[i].runs[j];
			if (r->kind == WP_RUN_BREAK) {
				longest = word > longest ? word : longest;
				word = 0;
				n++;
				continue;
			}
			const unsigned char *t = (const unsigned char *)r->text;
			for (size_t k = 0; k < r->len; k++) {
				unsigned char c = t[k];
				if (c == ' ' || c == '\n') {
					longest = word > longest ? word : longest;
					word = 0;
					n++;
				} else if ((c & 0xC0) != 0x80) {
					word++;
					n++;
				}
			}
		}
	}
	*chars += n;
	return word > longest ? word : longest;
}

/* The share of the table's width each column's content asks for, in
 * percent (annotated only). A column needs its longest word (its
 * header's, printed smaller, and its cells', examples included; up to 10
 * characters, a longer word is rare enough to break) and its padding; it
 * would like four times the square root of its cells' mean
 * length, so that a number or a priority stays narrow and the activity
 * and the progress get the room. When what they would like exceeds a
 * printed line, each gets what it needs and the rest is shared in
 * proportion to what each would like more. widths[c] gets them (summing
 * to about 100); 0 when memory ran out. */
int ax_column_widths(const wp_section *s, unsigned *widths, size_t *cell_chars)
{
	size_t n = s->ncolumns ? s->ncolumns : 1;
	double *need = wp_malloc(n * sizeof *need), *like = wp_malloc(n * sizeof *like), sn = 0, sl = 0;
	/* per column: its activities' characters (not the examples'), and
	 * the longest word of its cells, examples too */
	size_t *acc = wp_malloc(2 * n * sizeof *acc), *chars = acc, *longest = acc + n;
	int ok = need && like && acc;
	for (size_t c = 0; ok && c < 2 * n; c++)
		acc[c] = 0;
	/* row by row, as the cells lie in memory */
	for (size_t i = 0; ok && i < s->nactivities + s->nexamples; i++) {
		const wp_activity *a = i < s->nactivities ? &s->activities[i] : &s->examples[i - s->nactivities];
		for (size_t c = 0; c < s->ncolumns; c++) {
			size_t cc = 0;
			size_t lw = measure(&a->fields[c], &cc);
			if (i < s->nactivities)
				chars[c] += cc;
			if (cell_chars)
				cell_chars[i * s->ncolumns + c] = cc;
			if (lw > longest[c])
				longest[c] = lw;
		}
	}
	for (size_t c = 0; ok && c < s->ncolumns; c++) {
		size_t h = 0, hlong = longest_word(s->columns[c].header ? s->columns[c].header : "", &h);
		double mean = s->nactivities ? (double)chars[c] / (double)s->nactivities : 0;
		/* (a header is printed smaller: 7.5 pt for 8.5) */
		double hn = 0.88 * (double)(hlong > 10 ? 10 : hlong), cn = (double)(longest[c] > 10 ? 10 : longest[c]);
		need[c] = (hn > cn ? hn : cn) + 1.5;
		like[c] = 4 * sqrt(mean);
		if (like[c] < need[c])
			like[c] = need[c];
		sn += need[c];
		sl += like[c];
	}
	for (size_t c = 0; ok && c < s->ncolumns; c++) {
		double w;
		if (sl <= LINE_CHARS)
			w = like[c] / sl;
		else if (sn < LINE_CHARS)
			w = (need[c] + (LINE_CHARS - sn) * (like[c] - need[c]) / (sl - sn)) / LINE_CHARS;
		else
			w = need[c] / sn;
		widths[c] = (unsigned)(100 * w + 0.5);
	}
	wp_free(need);
	wp_free(like);
	wp_free(acc);
	return ok;
}
