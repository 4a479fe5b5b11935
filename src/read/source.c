/* source.c: sanitising and line-indexing a source text (see read/source.h). */
#include "read/source.h"
#include "wpgen/wpgen.h"
#include "base/alloc.h"
#include "base/util.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>

/* Diagnostics for replaced bytes beyond this many are summed up in one. */
#define WP_MAX_BYTE_DIAGS 20

static int looks_binary(const unsigned char *b, size_t len)
{
	static const struct { const char *magic; size_t n; } magics[] = {
		{"%PDF-", 5}, {"PK\x03\x04", 4}, {"\x89PNG", 4}, {"\xD0\xCF\x11\xE0", 4},
		{"\x7F" "ELF", 4}, {"\x1F\x8B", 2}, {"GIF8", 4}, {"\xFF\xD8\xFF", 3},
	};
	size_t bad = 0, n = len < 8192 ? len : 8192, i = 0;
	for (size_t k = 0; k < sizeof magics / sizeof magics[0]; k++)
		if (len >= magics[k].n && memcmp(b, magics[k].magic, magics[k].n) == 0)
			return 1;
	while (i < n) {
		size_t v = wp_utf8_valid(b + i, len - i);
		if (v == 0 || (b[i] < 0x20 && b[i] != '\t' && b[i] != '\n' && b[i] != '\r' && b[i] != '\f')) {
			bad++;
			i++;
		} else {
			i += v;
		}
	}
	/* Text written by a person has at most a few stray bytes. */
	return n >= 16 && bad * 10 > n;
}

/* Whether the eight bytes at u are all printable ASCII (0x20-0x7E). */
static int plain8(const unsigned char *u)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	uint64_t w;
	memcpy(&w, u, 8);
	/* a byte >= 0x80, a byte < 0x20, a byte 0x7F (each: the high bit of
	 * its byte in the result) */
	uint64_t del = w ^ (0x7F * ones);
	return !((w | ((w - 0x20 * ones) & ~w) | ((del - ones) & ~del)) & highs);
}

int wp_source_binary(const char *buf, size_t len)
{
	const unsigned char *u = (const unsigned char *)buf;
	size_t i = len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF ? 3 : 0;
	return looks_binary(u + i, len - i);
}

/* A character that cannot go on as it is, at u[i] (v: its UTF-8 length,
 * 0 when invalid): a control character (a Word export's form feeds, a
 * vertical tab, ESC: they would make XML that nothing reads, and echo raw
 * to a terminal) becomes a space; text that would read otherwise than it
 * is written (a right-to-left override, a line separator) becomes a
 * visible U+FFFD or white space. Said; its replacement, as many bytes,
 * into to[]. Returns the bytes it takes, or 0 for an ordinary character. */
static size_t special(wp_source *s, unsigned char to[3], const unsigned char *u, size_t i, size_t len, size_t v,
		      unsigned line, unsigned col, const char *name, wp_diags *diags)
{
	unsigned char c = u[i], *tmp = to;
	int ctrl = (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != 0) || c == 0x7F || (c == 0xC2 && v == 2 && u[i + 1] < 0xA0);
	unsigned cp;
	size_t k = !ctrl && v >= 2 ? wp_spoofing_char(u + i, len - i, &cp) : 0;
	if (ctrl) {
		cp = c == 0xC2 ? u[i + 1] : c;
		k = c == 0xC2 ? 2 : 1;
		memset(tmp, ' ', k);
	} else if (k) {
		memcpy(tmp, u + i, k);
		wp_spoofing_neutralise(tmp, k, cp);
	} else {
		return 0;
	}
	if (++s->controls <= WP_MAX_BYTE_DIAGS) {
		if (ctrl)
			wp_diags_add(diags, name, line, col, WP_WARNING, "read.control", "control character U+%04X%s replaced by a space",
				     cp, cp == 0x0C ? " (form feed)" : cp == 0x0B ? " (vertical tab)" : cp == 0x1B ? " (escape)" : "");
		else
			wp_diags_add(diags, name, line, col, WP_WARNING, "read.bidi",
				     "U+%04X (%s) makes text read otherwise than it is written: replaced by %s", cp,
				     wp_spoofing_name(cp), tmp[0] == ' ' ? "white space" : "U+FFFD");
	}
	return k;
}

int wp_source_init(wp_source *s, const char *buf, size_t len, const char *name, wp_diags *diags)
{
	const unsigned char *u = (const unsigned char *)buf;
	wp_buf out = {0};
	size_t i = 0, run = 0, cap = 0;
	unsigned line = 1, col = 1;

	memset(s, 0, sizeof *s);
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		i = 3;
	if (wp_source_binary(buf, len)) {
		s->binary = 1;
		return WP_OK;
	}
	wp_buf_put(&out, "", 0);
	run = i;
	while (i < len) {
		unsigned char c = u[i];
		if (c >= 0x20 && c < 0x7F) { /* most of a programme: plain ASCII, */
			i++;
			col++;
			while (len - i >= 8 && plain8(u + i)) /* eight bytes at a time */
				i += 8, col += 8;
			continue;
		}
		size_t v = c == 0 ? 0 : wp_utf8_valid(u + i, len - i);
		unsigned char to[3];
		size_t took = special(s, to, u, i, len, v, line, col, name, diags);
		if (took) { /* (said, and replaced in as many bytes: positions stay true) */
			wp_buf_put(&out, buf + run, i - run);
			wp_buf_put(&out, (const char *)to, took);
			i += took;
			run = i;
			col++;
			continue;
		}
		if (v == 0) {
			wp_buf_put(&out, buf + run, i - run);
			wp_buf_put(&out, "\xEF\xBF\xBD", 3);
			s->replaced++;
			if (s->replaced <= WP_MAX_BYTE_DIAGS)
				wp_diags_add(diags, name, line, col, WP_ERROR,
					     c == 0 ? "read.nul-byte" : "read.invalid-utf8",
					     c == 0 ? "NUL byte replaced by U+FFFD"
						    : "invalid UTF-8 byte 0x%02X replaced by U+FFFD", c);
			i++;
			run = i;
			col++;
			continue;
		}
		if (c == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
		i += v;
	}
	wp_buf_put(&out, buf + run, i - run);
	if (s->controls > WP_MAX_BYTE_DIAGS)
		wp_diags_add(diags, name, 0, 0, WP_WARNING, "read.control", "%u more control (or bidi) characters were replaced",
			     s->controls - WP_MAX_BYTE_DIAGS);
	if (s->replaced > WP_MAX_BYTE_DIAGS)
		wp_diags_add(diags, name, 0, 0, WP_ERROR, "read.invalid-utf8",
			     "%u more bytes that are not UTF-8 were replaced by U+FFFD",
			     s->replaced - WP_MAX_BYTE_DIAGS);
	if (out.oom) {
		wp_buf_free(&out);
		return WP_ENOMEM;
	}
	s->text = wp_buf_detach(&out, &s->len);
	if (!s->text)
		return WP_ENOMEM;

	/* Index the lines. */
	cap = 64;
	s->line_start = wp_malloc(cap * sizeof *s->line_start);
	if (!s->line_start) {
		wp_source_free(s);
		return WP_ENOMEM;
	}
	/* A line ends at LF, CRLF or a lone CR, as CommonMark says, so that
	 * cmark's line numbers are ours. */
	s->line_start[s->nlines++] = 0;
	/* (the text holds no NUL: strcspn finds each end, a word at a time) */
	for (size_t k = strcspn(s->text, "\r\n"); k < s->len; k += 1 + strcspn(s->text + k + 1, "\r\n")) {
		if (s->text[k] == '\r' && k + 1 < s->len && s->text[k + 1] == '\n')
			continue;
		if (s->nlines == cap) {
			size_t *p = wp_realloc(s->line_start, cap * 2 * sizeof *p);
			if (!p) {
				wp_source_free(s);
				return WP_ENOMEM;
			}
			s->line_start = p;
			cap *= 2;
		}
		s->line_start[s->nlines++] = k + 1;
	}
	return WP_OK;
}

void wp_source_free(wp_source *s)
{
	wp_free(s->text);
	wp_free(s->line_start);
	memset(s, 0, sizeof *s);
}

const char *wp_source_line(const wp_source *s, unsigned line, size_t *len)
{
	if (line == 0 || line > s->nlines)
		return NULL;
	size_t start = s->line_start[line - 1];
	size_t end = line < s->nlines ? s->line_start[line] - 1 : s->len;
	if (end > start && s->text[end - 1] == '\r')
		end--;
	*len = end - start;
	return s->text + start;
}

unsigned wp_source_col(const wp_source *s, unsigned line, unsigned bytecol)
{
	size_t len;
	const char *l = wp_source_line(s, line, &len);
	if (!l || bytecol == 0)
		return bytecol;
	size_t n = bytecol - 1 < len ? bytecol - 1 : len;
	return (unsigned)wp_utf8_count(l, n) + 1;
}

int wp_source_utf16(char **out, size_t *outlen, const char *buf, size_t len, const char *name, wp_diags *diags)
{
	const unsigned char *u = (const unsigned char *)buf;
	*out = NULL;
	*outlen = 0;
	if (len < 2 || !((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
		return WP_OK;
	/* (UTF-16LE, not UTF-16: the mark is read here, not written again) */
	iconv_t cd = iconv_open("UTF-8", u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE");
	if (cd == (iconv_t)-1)
		return WP_ENOMEM; /* glibc always has it: only memory can fail */
	/* UTF-16 to UTF-8 is at most 3 bytes for 2, so half again as long,
	 * plus U+FFFD for a last odd byte and the NUL */
	size_t cap = len / 2 * 3 + 8;
	char *dst = wp_malloc(cap);
	if (!dst) {
		iconv_close(cd);
		return WP_ENOMEM;
	}
	char *in = (char *)buf + 2, *o = dst;
	size_t inleft = len - 2, oleft = cap - 1;
	unsigned bad = 0, line = 1, col = 1;
	const char *counted = dst;
	while (inleft) {
		if (iconv(cd, &in, &inleft, &o, &oleft) != (size_t)-1)
			break;
		if (errno == E2BIG) /* cannot happen with cap above */
			break;
		/* EILSEQ (a lone surrogate) or EINVAL (a cut sequence at the end):
		 * U+FFFD for its two bytes (or the last one), and go on */
		for (; counted < o; counted++) { /* (col: characters, as the readers count) */
			if (*counted == '\n')
				line++, col = 1;
			else if ((*counted & 0xC0) != 0x80)
				col++;
		}
		if (++bad <= WP_MAX_BYTE_DIAGS)
			wp_diags_add(diags, name, line, col, WP_ERROR, "read.invalid-utf16",
				     "invalid UTF-16 (%s) replaced by U+FFFD", errno == EILSEQ ? "a lone surrogate" : "a cut sequence at the end");
		size_t skip = inleft < 2 ? inleft : 2;
		in += skip;
		inleft -= skip;
		memcpy(o, "\xEF\xBF\xBD", 3);
		o += 3;
		oleft -= 3;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	iconv_close(cd);
	if (bad > WP_MAX_BYTE_DIAGS)
		wp_diags_add(diags, name, 0, 0, WP_ERROR, "read.invalid-utf16",
			     "%u more invalid UTF-16 sequences were replaced by U+FFFD", bad - WP_MAX_BYTE_DIAGS);
	*o = '\0';
	*outlen = (size_t)(o - dst);
	*out = dst;
	return WP_OK;
}
