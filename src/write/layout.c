/* layout.c: what the annexes lay out beyond the model (see layout.h):
 * the share of a table's width each column's content asks for, the lines
 * a row takes printed, the footnote marks that stand in cells. */
#include "wpgen/wpgen.h"
#include "write/layout.h"
#include "model/assemble.h"
#include "base/alloc.h"
#include "base/util.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
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

static int hex6(const char *s)
{
	for (int i = 0; i < 6; i++)
		if (!s[i] || !strchr("0123456789abcdefABCDEF", s[i]))
			return 0;
	return !s[6];
}

int ax_colour_shade(const wp_profile_colour *c, char fill[7], char ink[7])
{
	const char *v = c && c->nfills && c->fills[0] && hex6(c->fills[0]) ? c->fills[0]
			: c && c->css && c->css[0] == '#' && hex6(c->css + 1) ? c->css + 1
									      : NULL;
	if (!v)
		return 0;
	unsigned rgb[3];
	for (int i = 0; i < 6; i++)
		fill[i] = (char)toupper((unsigned char)v[i]);
	fill[6] = '\0';
	for (int i = 0; i < 3; i++) {
		char two[3] = {fill[2 * i], fill[2 * i + 1], 0};
		rgb[i] = (unsigned)strtoul(two, NULL, 16);
	}
	/* relative luminance, roughly (sRGB weights, no gamma): under 0.45,
	 * white reads better */
	double y = (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]) / 255;
	memcpy(ink, y < 0.45 ? "FFFFFF" : "000000", 7);
	return 1;
}

int ax_cell_marks(const wp_programme *p, const wp_profile *prof)
{
	return p->nfootnotes &&
	       strcmp(wp_profile_param_str(wp_profile_rule_find(prof, "footnote"), "in_cells", "false"), "true") == 0;
}

static size_t measure(const wp_field *f, size_t *chars);
#define LINE_CHARS 154.0

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
 * A4 landscape at 8 pt (the HTML annex printed; the Word annex is the
 * same size): what the columns share) */

/* The longest word of t (characters) and its characters, added to
 * *chars. A line may end after a hyphen or a slash ("Sub-", "one/"): a
 * word ends there too. */
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
			if (*t == '-' || *t == '/') {
				longest = word > longest ? word : longest;
				word = 0;
			}
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
					if (c == '-' || c == '/') { /* (a line may end after it) */
						longest = word > longest ? word : longest;
						word = 0;
					}
				}
			}
		}
	}
	*chars += n;
	return word > longest ? word : longest;
}

/* The share of the table's width each column's content asks for, in
 * percent (annotated only), so that the table prints as short as it can.
 * A column needs its longest word (its cells', examples included, up to
 * 12 characters; its header's, printed smaller, up to 11; a line may end
 * after a hyphen or a slash)
 * and its padding: it starts at that. The rest of the line is then given
 * out a half percent at a time, each to the column whose widening
 * shortens the rows most: a row is as tall as its tallest cell (its
 * characters over its column's characters a line, and a line a
 * paragraph), so a step goes where the tallest cells are, and a column
 * of one letter stays as narrow as it needs. No column grows past 40 %
 * by a step (what no row can use is then shared as the text is: a table
 * of three columns gives its activity most of the line). Each step costs one pass over the rows (a row's tallest and
 * next tallest cells say what widening its tallest would save): linear
 * in the cells. When the needs exceed a printed line, each column gets
 * its need's share. widths[c] gets them (summing to 100); 0 when memory
 * ran out. */
#define MOST_SHARE 0.40
#define STEP 0.005
int ax_column_widths(const wp_section *s, unsigned *widths, size_t *cell_chars)
{
	size_t n = s->ncolumns ? s->ncolumns : 1, rows = s->nactivities + s->nexamples;
	double *need = wp_malloc(n * sizeof *need), *w = wp_malloc(n * sizeof *w), *gain = wp_malloc(n * sizeof *gain), sn = 0;
	/* per column: the longest word of its cells; per cell: its
	 * characters and paragraphs */
	size_t *longest = wp_malloc(n * sizeof *longest), *cc = wp_malloc((rows ? rows : 1) * n * 2 * sizeof *cc);
	int ok = need && w && gain && longest && cc;
	for (size_t c = 0; ok && c < n; c++)
		longest[c] = 0;
	/* row by row, as the cells lie in memory */
	for (size_t i = 0; ok && i < rows; i++) {
		const wp_activity *a = i < s->nactivities ? &s->activities[i] : &s->examples[i - s->nactivities];
		for (size_t c = 0; c < s->ncolumns; c++) {
			size_t chars = 0, lw = measure(&a->fields[c], &chars);
			cc[2 * (i * n + c)] = chars;
			cc[2 * (i * n + c) + 1] = a->fields[c].nparas;
			if (cell_chars)
				cell_chars[i * s->ncolumns + c] = chars;
			if (lw > longest[c])
				longest[c] = lw;
		}
	}
	for (size_t c = 0; ok && c < s->ncolumns; c++) {
		size_t h = 0, hlong = longest_word(s->columns[c].header ? s->columns[c].header : "", &h);
		/* (a header is printed smaller: 7.5 pt for 8) */
		double hn = 0.94 * (double)(hlong > 11 ? 11 : hlong), cn = (double)(longest[c] > 12 ? 12 : longest[c]);
		need[c] = (hn > cn ? hn : cn) + 1.5;
		sn += need[c];
	}
	for (size_t c = 0; ok && c < s->ncolumns; c++)
		w[c] = sn >= LINE_CHARS ? need[c] / sn : need[c] / LINE_CHARS;
	for (double left = 1 - sn / LINE_CHARS; ok && left > 1e-9 && s->ncolumns;) {
		double step = left < STEP ? left : STEP;
		for (size_t c = 0; c < s->ncolumns; c++)
			gain[c] = 0;
		for (size_t i = 0; i < rows; i++) {
			const size_t *r = cc + 2 * i * n;
			double top = -1, next = 0;
			size_t at = 0;
			for (size_t c = 0; c < s->ncolumns; c++) {
				double lines = (double)r[2 * c] / (w[c] * LINE_CHARS) + (double)r[2 * c + 1];
				if (lines > top) {
					next = top > next ? top : next;
					top = lines;
					at = c;
				} else if (lines > next) {
					next = lines;
				}
			}
			double wider = (double)r[2 * at] / ((w[at] + step) * LINE_CHARS) + (double)r[2 * at + 1];
			gain[at] += top - (wider > next ? wider : next);
		}
		/* the best step, else (no row gains) the text's shares */
		size_t best = n;
		for (size_t c = 0; c < s->ncolumns; c++)
			if (w[c] + step <= MOST_SHARE && gain[c] > 1e-12 && (best == n || gain[c] > gain[best]))
				best = c;
		if (best == n) {
			double text = 0;
			size_t open = 0;
			for (size_t c = 0; c < s->ncolumns; c++)
				if (w[c] + step <= MOST_SHARE)
					open++;
			for (size_t i = 0; i < rows * n; i++)
				text += (double)cc[2 * i];
			for (size_t c = 0; c < s->ncolumns; c++) {
				double col = 0;
				for (size_t i = 0; i < rows; i++)
					col += (double)cc[2 * (i * n + c)];
				if (w[c] + step <= MOST_SHARE || !open)
					w[c] += text > 0 ? left * col / text : left / (double)(open ? open : s->ncolumns);
			}
			break;
		}
		w[best] += step;
		left -= step;
	}
	/* in whole percent summing to 100: what rounding left over goes to the
	 * widest (a table wider than the page is cut at its edge) */
	unsigned sum = 0;
	size_t widest = 0;
	for (size_t c = 0; ok && c < s->ncolumns; c++) {
		widths[c] = (unsigned)(100 * w[c] + 0.5);
		sum += widths[c];
		widest = widths[c] > widths[widest] ? c : widest;
	}
	if (ok && s->ncolumns && sum != 100 && (sum < 100 || widths[widest] > sum - 100))
		widths[widest] = widths[widest] + 100 - sum;
	wp_free(need);
	wp_free(w);
	wp_free(gain);
	wp_free(longest);
	wp_free(cc);
	return ok;
}
