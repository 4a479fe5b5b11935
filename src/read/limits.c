/* limits.c: the reading limits (wpgen/read.h) and the linear pre-scan
 * that refuses what would make cmark-gfm slow, before it parses. */
#include "read/md_reader.h"

/***** limits: a linear pre-scan before the parser *****/

const wp_limits wp_limits_default = {64u << 20, 256, 2000, 32, 256, 10000, 256u << 20, (size_t)1 << 30, 200,
				     WP_INPUT_MAX_DEFAULT};

int wp_limits_set(wp_limits *l, const char *name, size_t value)
{
	if (!strcmp(name, "line"))
		l->line = value;
	else if (!strcmp(name, "columns"))
		l->columns = value;
	else if (!strcmp(name, "brackets"))
		l->brackets = value;
	else if (!strcmp(name, "depth"))
		l->depth = value;
	else if (!strcmp(name, "indent"))
		l->indent = value;
	else if (!strcmp(name, "emphasis"))
		l->emphasis = value;
	else if (!strcmp(name, "docx-part"))
		l->docx_part = value;
	else if (!strcmp(name, "docx-total"))
		l->docx_total = value;
	else if (!strcmp(name, "docx-ratio"))
		l->docx_ratio = value;
	else if (!strcmp(name, "input"))
		l->input = value;
	else
		return WP_EUSAGE;
	return WP_OK;
}

static size_t or_default(size_t v, size_t d)
{
	return v ? v : d;
}

/* The bytes over_limits counts or looks at. */
static const unsigned char limit_byte[256] = {
	['<'] = 1, ['\\'] = 1, ['|'] = 1, ['['] = 1, [']'] = 1, ['*'] = 1, ['_'] = 1, ['~'] = 1,
};

/* Refuses what would make cmark-gfm 0.29 slow and no programme needs.
 * One pass; returns 1 when the source is refused (with a diagnostic). */
int md_over_limits(reader *r, const wp_limits *lim)
{
	wp_limits l = wp_limits_default;
	if (lim) {
		l.line = or_default(lim->line, l.line);
		l.columns = or_default(lim->columns, l.columns);
		l.brackets = or_default(lim->brackets, l.brackets);
		l.depth = or_default(lim->depth, l.depth);
		l.indent = or_default(lim->indent, l.indent);
		l.emphasis = or_default(lim->emphasis, l.emphasis);
	}
	size_t brackets = 0, emphasis = 0;
	unsigned bracket_line = 0, emphasis_line = 0;
	/* an HTML table's cells in one row, as a pipe table's: <td> and <th>
	 * since the row's <tr>, inside a <table> (the HTML parser would build
	 * the whole row before wpgen sees it) */
	size_t tables = 0, md_html_cells = 0;
	for (unsigned line = 1; line <= r->src.nlines; line++) {
		size_t len, i = 0, pipes = 0, depth = 0, indent = 0;
		const char *s = wp_source_line(&r->src, line, &len);
		const char *what = NULL, *name = NULL;
		size_t got = 0, max = 0;
		if (len > l.line) {
			what = "bytes in one line", name = "line", got = len, max = l.line;
			goto refuse;
		}
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			indent += s[i++] == '\t' ? 4 : 1;
		if (indent > l.indent) {
			what = "leading spaces", name = "indent", got = indent, max = l.indent;
			goto refuse;
		}
		if (i == len) { /* a blank line ends a paragraph */
			brackets = emphasis = 0;
			continue;
		}
		/* quote and list markers at the start of the line */
		for (size_t k = i; k < len;) {
			if (s[k] == '>' || ((s[k] == '-' || s[k] == '*' || s[k] == '+') && k + 1 < len && s[k + 1] == ' '))
				depth++, k++;
			else if (s[k] == ' ' || s[k] == '\t')
				k++;
			else
				break;
		}
		if (depth > l.depth) {
			what = "nested quote or list markers", name = "depth", got = depth, max = l.depth;
			goto refuse;
		}
		for (; i < len; i++) {
			if (!limit_byte[(unsigned char)s[i]])
				continue; /* most bytes: one look-up */
			if (s[i] == '<') {
				const char *e = s + len, *t = s + i;
				if (md_tag_at(t, e, "<table", 6))
					tables++;
				else if (tables && md_tag_at(t, e, "</table", 7))
					tables--, md_html_cells = 0;
				else if (tables && (md_tag_at(t, e, "<tr", 3) || md_tag_at(t, e, "</tr", 4)))
					md_html_cells = 0;
				else if (tables && (md_tag_at(t, e, "<td", 3) || md_tag_at(t, e, "<th", 3)) && ++md_html_cells > l.columns) {
					what = "table cells in one row", name = "columns", got = md_html_cells, max = l.columns;
					/* (counted to the row's end on this line) */
					for (size_t k = i + 1; k < len; k++)
						if (s[k] == '<' && (md_tag_at(s + k, e, "<td", 3) || md_tag_at(s + k, e, "<th", 3)))
							got++;
						else if (s[k] == '<' && (md_tag_at(s + k, e, "</tr", 4) || md_tag_at(s + k, e, "<tr", 3)))
							break;
					goto refuse;
				}
			}
			if (s[i] == '\\' && i + 1 < len) {
				i++;
			} else if (s[i] == '|') {
				pipes++;
			} else if (s[i] == '[' || s[i] == ']') {
				if (!brackets)
					bracket_line = line;
				brackets++;
			} else if (s[i] == '*' || s[i] == '_' || s[i] == '~') {
				if (!emphasis)
					emphasis_line = line;
				emphasis++;
			}
		}
		if (emphasis > l.emphasis) {
			what = "'*', '_' and '~' in one paragraph", name = "emphasis", got = emphasis, max = l.emphasis;
			line = emphasis_line;
			goto refuse;
		}
		if (pipes > l.columns + 1) {
			what = "table cells in one row", name = "columns", got = pipes - 1, max = l.columns;
			goto refuse;
		}
		if (brackets > l.brackets) {
			what = "brackets ('[' or ']') in one paragraph", name = "brackets", got = brackets, max = l.brackets;
			line = bracket_line;
			goto refuse;
		}
		continue;
refuse:
		wp_diags_add(r->diags, r->name, line, 1, WP_ERROR, "read.limit",
			     "%zu %s where wpgen reads at most %zu (--limit %s=N raises it); no work programme needs "
			     "more, and the Markdown parser slows down on such input",
			     got, what, max, name);
		return 1;
	}
	return 0;
}

