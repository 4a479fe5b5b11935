/* md_cut.c: where a Markdown text can be cut into pieces that cmark-gfm
 * parses, one after the other, exactly as it parses the whole.
 *
 * The Markdown reader parses a programme a piece at a time, so that
 * memory holds one piece's tree and not the whole document's (a 100x
 * programme's tree is fifteen times its size). A cut is allowed before a
 * line only when every block is closed there whatever follows:
 *   - the line before it is blank, which ends a paragraph, a table, a
 *     setext heading's chance and an HTML block of kinds 6 and 7;
 *   - the line starts in column 1 with a character that opens nothing
 *     that could belong to what is above: not a space or a tab (an
 *     indented line may continue a list item or an indented code block),
 *     not a list marker (a list goes on across blank lines), not '>';
 *   - no fenced code block and no HTML block of kinds 1 to 5 (comments,
 *     <script>, <pre>, <style>, <textarea>, <?...?>, <!X...>, CDATA)
 *     is open: they run across blank lines to their end marker;
 *   - no HTML <table> is open: the reader takes a table's source whole;
 *   - the text has no link reference definition ("[x]: url"), which
 *     acts on the whole document, and no lone CR, a line break to
 *     cmark-gfm and not to wp_source: such a text is never cut.
 * The scan errs on the safe side: anything it is unsure of only removes
 * cuts. The reader also checks each piece as cmark-gfm parsed it
 * (md_cut_suspect) and, if it ends in a code or HTML block, reads on to
 * the next cut before parsing. Internal. */
#include "read/md_cut.h"

#include <string.h>
#include <strings.h>

void md_cut_init(md_cut *c, const char *text, size_t len, const size_t *line_start, size_t nlines)
{
	memset(c, 0, sizeof *c);
	c->t = text;
	c->len = len;
	c->ls = line_start;
	c->nlines = nlines;
	for (const char *b = text; !c->never && (b = memchr(b, ']', len - (size_t)(b - text))) != NULL; b++)
		c->never = b + 1 < text + len && b[1] == ':';
	/* a lone CR ends a line for cmark-gfm and not for wp_source: the
	 * lines of a piece would not be the source's */
	for (const char *r = text; !c->never && (r = memchr(r, '\r', len - (size_t)(r - text))) != NULL; r++)
		c->never = r + 1 == text + len || r[1] != '\n';
}

static size_t line_end(const md_cut *c, size_t i)
{
	return i + 1 < c->nlines ? c->ls[i + 1] : c->len;
}

static int is_blank(const char *s, const char *e)
{
	for (; s < e; s++)
		if (!strchr(" \t\r\n", *s))
			return 0;
	return 1;
}

/* A list item's marker or a block quote's at the start of s. */
static int opens_container(const char *s, const char *e)
{
	const char *q = s;
	if (q < e && (*q == '-' || *q == '+' || *q == '*'))
		q++;
	else if (q < e && *q == '>')
		return 1;
	else {
		while (q < e && q - s < 9 && *q >= '0' && *q <= '9')
			q++;
		if (q == s || q == e || (*q != '.' && *q != ')'))
			return 0;
		q++;
	}
	return q == e || strchr(" \t\r\n", *q) != NULL;
}

/* The end marker of an HTML block of kinds 1 to 5 that the line
 * (indentation removed) opens, or NULL. */
static const char *html_opener(const char *s, const char *e)
{
	static const char *const raw[] = {"script", "pre", "style", "textarea"};
	static const char *const ends[] = {"</script>", "</pre>", "</style>", "</textarea>"};
	size_t n = (size_t)(e - s);
	if (n < 2 || s[0] != '<')
		return NULL;
	for (size_t k = 0; k < sizeof raw / sizeof raw[0]; k++) {
		size_t m = strlen(raw[k]);
		if (n >= m + 1 && !strncasecmp(s + 1, raw[k], m) && (n == m + 1 || strchr(" \t\r\n>", s[m + 1])))
			return ends[k];
	}
	if (n >= 4 && !memcmp(s, "<!--", 4))
		return "-->";
	if (s[1] == '?')
		return "?>";
	if (n >= 9 && !memcmp(s, "<![CDATA[", 9))
		return "]]>";
	if (s[1] == '!' && n >= 3 && ((s[2] >= 'A' && s[2] <= 'Z') || (s[2] >= 'a' && s[2] <= 'z')))
		return ">";
	return NULL;
}

static const char *find_ci(const char *s, const char *e, const char *needle)
{
	size_t m = strlen(needle);
	for (; (size_t)(e - s) >= m; s++)
		if (!strncasecmp(s, needle, m))
			return s;
	return NULL;
}

/* <table and </table on the line, as open minus closed. */
static long table_tags(const char *s, const char *e)
{
	long d = 0;
	for (const char *q = s; (q = memchr(q, '<', (size_t)(e - q))) != NULL; q++) {
		const char *t = q + 1 < e && q[1] == '/' ? q + 2 : q + 1;
		if ((size_t)(e - t) >= 5 && !strncasecmp(t, "table", 5) && (t + 5 == e || strchr(" \t\r\n>/", t[5])))
			d += t == q + 1 ? 1 : -1;
	}
	return d;
}

/* Takes line i into the state. */
static void scan_line(md_cut *c, size_t i)
{
	const char *s = c->t + c->ls[i], *e = c->t + line_end(c, i);
	const char *q = s;
	while (q < e && *q == ' ' && q - s < 4)
		q++;
	int indented = q - s > 3 || (q < e && *q == '\t');
	c->blank = is_blank(s, e);
	if (c->fence) {
		if (!indented && q < e && *q == c->fence) {
			size_t k = 0;
			while (q + k < e && q[k] == c->fence)
				k++;
			if (k >= c->fence_len && is_blank(q + k, e))
				c->fence = 0;
		}
		return;
	}
	if (c->html_end) {
		if (find_ci(s, e, c->html_end))
			c->html_end = NULL;
		return;
	}
	if (!indented && q < e && (*q == '`' || *q == '~')) {
		size_t k = 0;
		while (q + k < e && q[k] == *q)
			k++;
		if (k >= 3 && !(*q == '`' && memchr(q + k, '`', (size_t)(e - q - k)))) {
			c->fence = *q;
			c->fence_len = k;
			return;
		}
	}
	if (!indented) {
		const char *end = html_opener(q, e);
		if (end && !find_ci(q + 2, e, end)) {
			c->html_end = end;
			return;
		}
	}
	long d = table_tags(s, e);
	c->tables = d < 0 && (size_t)-d > c->tables ? 0 : (size_t)((long)c->tables + d);
}

size_t md_cut_next(md_cut *c, size_t min)
{
	if (c->never) {
		c->line = c->nlines;
		return c->len;
	}
	for (; c->line < c->nlines; c->line++) {
		size_t i = c->line, at = c->ls[i];
		const char *s = c->t + at, *e = c->t + line_end(c, i);
		if (i > 0 && at >= min && c->blank && !c->fence && !c->html_end && !c->tables && s < e &&
		    !strchr(" \t\r\n", *s) && !opens_container(s, e))
			return at;
		scan_line(c, i);
	}
	return c->len;
}
