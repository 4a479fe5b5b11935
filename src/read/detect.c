/* detect.c: what a source is before it is read (see wpgen/detect.h).
 * Nothing here parses by hand what a library reads: front matter goes to
 * libyaml (front_matter.c), XML to libxml2's streaming reader; the
 * table-header scan that picks a profile is a heuristic over lines, not a
 * Markdown parser. */
#include "wpgen/wpgen.h"
#include "wpgen/docx.h"
#include "base/alloc.h"
#include "read/front_matter.h"
#include "read/md_table.h"
#include "read/detect.h"
#include "read/xml.h"
#include "base/util.h"

#include <ctype.h>
#include <strings.h>
#include "base/lazy.h" /* libxml2, libxslt, libzip: loaded on first use */
#include <string.h>
#include <yaml.h>

static size_t bom(const char *buf, size_t len)
{
	return len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0;
}

/***** the format *****/

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n > k && !strcmp(s + n - k, suffix);
}

/* The first character that is not white space after a byte order mark. */
static const char *first_char(const char *buf, size_t len)
{
	const char *p = buf + bom(buf, len), *end = buf + len;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	return p < end ? p : NULL;
}

wp_source_kind wp_detect(const char *path, const char *buf, size_t len)
{
	const char *p = first_char(buf, len);
	size_t rest = p ? len - (size_t)(p - buf) : 0;
	/* by content: a Word package, an XML declaration or wpgen's root element */
	if (wp_docx_sniff(buf, len))
		return WP_SOURCE_DOCX;
	if (p && rest >= 5 && !memcmp(p, "<?xml", 5))
		return WP_SOURCE_XML;
	if (p && rest >= 10 && !memcmp(p, "<programme", 10) && (rest == 10 || strchr(" \t\r\n>/", p[10])))
		return WP_SOURCE_XML;
	/* by name */
	if (path && (ends_with(path, ".xml") || ends_with(path, ".XML")))
		return WP_SOURCE_XML;
	if (path && (ends_with(path, ".docx") || ends_with(path, ".DOCX")))
		return WP_SOURCE_DOCX; /* (an empty or cut file: the reader says what it is not) */
	return WP_SOURCE_MARKDOWN;
}

const char *wp_source_kind_name(wp_source_kind k)
{
	switch (k) {
	case WP_SOURCE_XML: return "XML";
	case WP_SOURCE_DOCX: return "Word";
	default: return "Markdown";
	}
}

/***** metadata before reading *****/

int wp_plain_name(const char *s)
{
	size_t n = strlen(s);
	if (!n || s[0] == '.')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '_' && s[i] != '.')
			return 0;
	return 1;
}

static void quiet(void *arg, xmlErrorPtr e)
{
	(void)arg;
	(void)e;
}

static void quiet_generic(void *arg, const char *fmt, ...)
{
	(void)arg;
	(void)fmt;
}

/* A sniff says nothing: libxml2 reports an encoding error with no parser
 * to report it through, on its generic channel (stderr) unless told. */
static void hush(int on)
{
	xmlSetStructuredErrorFunc(NULL, on ? quiet : NULL);
	xmlSetGenericErrorFunc(NULL, on ? quiet_generic : NULL);
}

/* libxml2's streaming reader over buf, with the XML reader's safe
 * options: no network, no DTD loading, no entity substitution. */
static xmlTextReaderPtr xml_reader(const char *buf, size_t len)
{
	if (wp_lazy_need(WP_LAZY_XML, NULL, NULL) != WP_OK)
		return NULL; /* (the reader says why) */
	if (len > 0x7fffffff || xml_too_many_attributes(buf, len, NULL, NULL))
		return NULL; /* the reader refuses it, and says why */
	xmlTextReaderPtr r = xmlReaderForMemory(buf, (int)len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	if (r) {
		xmlTextReaderSetStructuredErrorHandler(r, quiet, NULL);
		hush(1); /* (until the reader is freed: done_reader) */
	}
	return r;
}

static void done_reader(xmlTextReaderPtr r)
{
	xmlFreeTextReader(r);
	hush(0);
}

int wp_xml_is_wpgen(const char *buf, size_t len)
{
	xmlTextReaderPtr r = xml_reader(buf, len);
	int is = -1;
	if (!r)
		return -1;
	while (is < 0 && xmlTextReaderRead(r) == 1)
		if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT) {
			const xmlChar *ns = xmlTextReaderConstNamespaceUri(r);
			is = ns && !strcmp((const char *)ns, WP_XML_NS);
		}
	done_reader(r);
	return is;
}

/* An XML header's element for a metadata key: as_of -> as-of. */
static void element_name(char *out, size_t n, const char *key)
{
	size_t i = 0;
	for (; key[i] && i + 1 < n; i++)
		out[i] = key[i] == '_' ? '-' : key[i];
	out[i] = '\0';
}

/* The line of the reader's node (the parser itself reads ahead). */
static unsigned node_line(xmlTextReaderPtr r)
{
	long l = xmlGetLineNo(xmlTextReaderCurrentNode(r));
	return l > 0 ? (unsigned)l : 1;
}

static int peek_xml(char **value, unsigned *line, const char *buf, size_t len, const char *key)
{
	char want[32];
	xmlTextReaderPtr r = xml_reader(buf, len);
	int rc = WP_OK, in_header = 0;
	if (!r)
		return WP_OK; /* (out of memory too: the reader will say so) */
	element_name(want, sizeof want, key);
	while (xmlTextReaderRead(r) == 1) {
		int type = xmlTextReaderNodeType(r), depth = xmlTextReaderDepth(r);
		const char *name = (const char *)xmlTextReaderConstLocalName(r);
		if (type == XML_READER_TYPE_DOCUMENT_TYPE)
			break; /* refused when read; nothing to peek at */
		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		if (depth == 0) {
			if (!strcmp(key, "profile")) {
				xmlChar *v = xmlTextReaderGetAttribute(r, BAD_CAST "profile");
				if (v) {
					*value = wp_strdup((const char *)v);
					rc = *value ? WP_OK : WP_ENOMEM;
					if (line)
						*line = node_line(r);
					xmlFree(v);
				}
				break;
			}
			continue;
		}
		if (depth == 1) {
			in_header = !strcmp(name, "header");
			if (!in_header)
				break; /* the header comes first */
			continue;
		}
		if (depth == 2 && in_header && !strcmp(name, want)) {
			unsigned at = node_line(r);
			xmlChar *v = xmlTextReaderReadString(r);
			*value = wp_strdup(v ? (const char *)v : "");
			rc = *value ? WP_OK : WP_ENOMEM;
			if (line)
				*line = at;
			xmlFree(v);
			break;
		}
	}
	done_reader(r);
	return rc;
}

int wp_peek_meta(char **value, unsigned *line, const char *buf, size_t len, const char *key)
{
	*value = NULL;
	if (line)
		*line = 1;
	if (wp_detect(NULL, buf, len) == WP_SOURCE_XML)
		return peek_xml(value, line, buf, len, key);
	fm f;
	if (fm_parse(&f, buf, len) != WP_OK)
		return WP_ENOMEM;
	const fm_item *it = fm_get(&f, key);
	int rc = WP_OK;
	if (it && it->value) {
		*value = wp_strdup(it->value);
		rc = *value ? WP_OK : WP_ENOMEM;
	}
	if (it && line)
		*line = it->line;
	fm_free(&f);
	return rc;
}

/***** which profile a source fits *****/

/* XML: the sections of a kind each profile knows. */
static void fit_xml(const wp_profile *const *profs, size_t np, const char *buf, size_t len, size_t *score)
{
	xmlTextReaderPtr r = xml_reader(buf, len);
	if (!r)
		return;
	while (xmlTextReaderRead(r) == 1) {
		if (xmlTextReaderNodeType(r) == XML_READER_TYPE_DOCUMENT_TYPE)
			break;
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT || xmlTextReaderDepth(r) != 1 ||
		    strcmp((const char *)xmlTextReaderConstLocalName(r), "section") != 0)
			continue;
		xmlChar *kind = xmlTextReaderGetAttribute(r, BAD_CAST "kind");
		for (size_t k = 0; kind && k < np; k++)
			for (size_t s = 0; s < profs[k]->nsections; s++)
				if (profs[k]->sections[s].kind && !strcmp(profs[k]->sections[s].kind, (const char *)kind))
					score[k]++;
		xmlFree(kind);
	}
	done_reader(r);
}

static int delim_char(char c)
{
	return c == '|' || c == '-' || c == ':' || c == ' ' || c == '\t' || c == '\r';
}

/* A header row's cells, split at unescaped pipes, trimmed, their marks
 * stripped; in place in row. Returns the count (cells grows as needed),
 * or -1 when memory runs out. */
static long header_cells(char *row, char ***cells, size_t *cap)
{
	size_t n = 0;
	char *c = row;
	while (*c == ' ' || *c == '\t')
		c++;
	if (*c == '|')
		c++;
	while (*c) {
		char *e = c;
		while (*e && (*e != '|' || (e > c && e[-1] == '\\')))
			e++;
		int last = !*e;
		*e = '\0';
		size_t cl = strlen(c);
		char *cc = (char *)wp_trim(c, &cl);
		cc[cl] = '\0';
		if (!(last && !*cc)) {
			if (n == *cap) {
				size_t nc = *cap ? *cap * 2 : 32;
				char **g = wp_realloc(*cells, nc * sizeof *g);
				if (!g)
					return -1;
				*cells = g;
				*cap = nc;
			}
			md_strip_mark(cc);
			(*cells)[n++] = cc;
		}
		if (last)
			break;
		c = e + 1;
	}
	return (long)n;
}

/* The cells of an HTML table's first row (<th> or <td>), from t (at
 * "<table") on, as text: tags dropped, a <sup> mark with its digits, the
 * few entities a converter writes decoded; NUL-separated in row, pointed
 * to by cells. Returns the count, or -1 when memory runs out. Reads up to
 * the first </tr> only. */
static long html_header_cells(const char *t, const char *end, wp_buf *row, char ***cells, size_t *cap)
{
	static const struct {
		const char *e, *c;
	} ents[] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&nbsp;", " "}};
	size_t n = 0, scap = 0, *starts = NULL;
	int in_cell = 0, sup = 0;
	row->len = 0;
	int rows = 0;
	for (const char *p = t; p < end; p++) {
		if (*p == '<') {
			const char *q = p + 1;
			int closing = *q == '/';
			q += closing;
			/* the first row ends at its </tr>, or where the next row, table
			 * or the table's end starts: never further (linear over a
			 * source of many tables without ends) */
			int tr = !strncasecmp(q, "tr", 2) && !isalnum((unsigned char)q[2]);
			if ((tr && (closing || rows++)) || (p > t && !strncasecmp(q, "table", 5)))
				break;
			int cell = (!strncasecmp(q, "td", 2) || !strncasecmp(q, "th", 2)) && !isalnum((unsigned char)q[2]);
			if (!strncasecmp(q, "sup", 3) && !isalnum((unsigned char)q[3]))
				sup = !closing;
			if (cell && !closing) {
				if (in_cell)
					break; /* a cell in a cell: not a header row */
				if (n == scap) {
					size_t nc = scap ? scap * 2 : 16, *g = wp_realloc(starts, nc * sizeof *g);
					if (!g) {
						wp_free(starts);
						return -1;
					}
					starts = g;
					scap = nc;
				}
				starts[n++] = row->len;
				in_cell = 1;
			} else if (cell && closing && in_cell) {
				wp_buf_putc(row, '\0');
				in_cell = 0;
			}
			const char *gt = memchr(p, '>', (size_t)(end - p));
			if (!gt)
				break;
			p = gt;
			continue;
		}
		if (!in_cell || sup)
			continue;
		if (*p == '&') {
			size_t k = 0;
			while (k < sizeof ents / sizeof ents[0] && strncmp(p, ents[k].e, strlen(ents[k].e)))
				k++;
			if (k < sizeof ents / sizeof ents[0]) {
				wp_buf_puts(row, ents[k].c);
				p += strlen(ents[k].e) - 1;
				continue;
			}
		}
		wp_buf_putc(row, *p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p);
	}
	if (in_cell)
		wp_buf_putc(row, '\0');
	if (row->oom) {
		wp_free(starts);
		return -1;
	}
	if (n > *cap) {
		char **g = wp_realloc(*cells, n * sizeof *g);
		if (!g) {
			wp_free(starts);
			return -1;
		}
		*cells = g;
		*cap = n;
	}
	for (size_t i = 0; i < n; i++) {
		char *c = row->data + starts[i];
		size_t cl = strlen(c);
		char *cc = (char *)wp_trim(c, &cl);
		cc[cl] = '\0';
		md_strip_mark(cc);
		(*cells)[i] = cc;
	}
	wp_free(starts);
	return (long)n;
}

void wp_profiles_fit(const wp_profile *const *profs, size_t np, const char *buf, size_t len, size_t *score)
{
	(void)wp_profiles_fit_headers(profs, np, buf, len, score);
}

size_t wp_profiles_fit_headers(const wp_profile *const *profs, size_t np, const char *buf, size_t len, size_t *score)
{
	size_t headers = 0, headings = 0;
	const char *end = buf + len, *line = buf, *prev = NULL, *seen = NULL;
	size_t prevlen = 0, seenlen = 0, cap = 0;
	unsigned char *seenmatch = np ? wp_malloc(np) : NULL; /* the last header's result: repeats cost nothing */
	char **cells = NULL;
	wp_buf row = {0};

	for (size_t k = 0; k < np; k++)
		score[k] = 0;
	if (wp_detect(NULL, buf, len) == WP_SOURCE_XML) {
		fit_xml(profs, np, buf, len, score);
		wp_free(seenmatch);
		return 0;
	}
	/* Markdown: each table header (a row over a delimiter row), split once
	 * and matched against each profile's kinds of section */
	while (line < end && (seenmatch || !np)) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		const char *le = nl ? nl : end, *t = line;
		while (t < le && (*t == ' ' || *t == '\t'))
			t++;
		if (t + 1 < le && t[0] == '#' && t[1] == '#')
			headings++;
		if (le - t >= 6 && !strncasecmp(t, "<table", 6) && (le - t == 6 || strchr(" \t\r>", t[6]))) {
			/* an HTML table (a converter's, a Word original's): its first row */
			long n = html_header_cells(t, end, &row, &cells, &cap);
			if (n < 0)
				break;
			headers++;
			for (size_t k = 0; k < np; k++) {
				size_t sc;
				score[k] += n && md_match_kind(profs[k], cells, (size_t)n, &sc) != NULL;
			}
			seen = NULL; /* the next pipe header is compared afresh */
		}
		int delim = t < le && (*t == '|' || *t == '-' || *t == ':'), dash = 0;
		for (const char *q = t; delim && q < le; q++) {
			delim = delim_char(*q);
			dash |= *q == '-';
		}
		if (delim && dash && prev && prevlen && seen && prevlen == seenlen && !memcmp(prev, seen, prevlen)) {
			headers++;
			for (size_t k = 0; k < np; k++)
				score[k] += seenmatch[k];
		} else if (delim && dash && prev && prevlen && memchr(prev, '|', prevlen)) {
			row.len = 0;
			wp_buf_put(&row, prev, prevlen);
			long n = row.oom ? -1 : header_cells(row.data, &cells, &cap);
			if (n < 0)
				break;
			headers++;
			for (size_t k = 0; k < np; k++) {
				size_t sc;
				seenmatch[k] = n && md_match_kind(profs[k], cells, (size_t)n, &sc) != NULL;
				score[k] += seenmatch[k];
			}
			seen = prev;
			seenlen = prevlen;
		}
		prev = line;
		prevlen = (size_t)(le - line);
		line = nl ? nl + 1 : end;
	}
	for (size_t k = 0; k < np; k++)
		if (!score[k] && profs[k]->narrative && !headers && headings)
			score[k] = 1;
	wp_buf_free(&row);
	wp_free(cells);
	wp_free(seenmatch);
	return headers;
}

int wp_profile_pick(const wp_profile *dflt, const wp_profile *const *others, size_t n, const char *buf, size_t len)
{
	const wp_profile **all = wp_malloc((n + 1) * sizeof *all);
	size_t *score = wp_malloc((n + 1) * sizeof *score);
	int pick = -1;
	if (all && score) {
		all[0] = dflt;
		if (n)
			memcpy(all + 1, others, n * sizeof *all);
		wp_profiles_fit(all, n + 1, buf, len, score);
		size_t best = score[0];
		for (size_t k = 0; k < n; k++)
			if (score[k + 1] > best) /* strictly: the default wins a tie */
				best = score[k + 1], pick = (int)k;
	}
	wp_free(all);
	wp_free(score);
	return pick;
}

size_t wp_profile_fit(const wp_profile *prof, const char *buf, size_t len)
{
	size_t score;
	wp_profiles_fit(&prof, 1, buf, len, &score);
	return score;
}
