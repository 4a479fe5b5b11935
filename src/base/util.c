/* util.c: arena, buffer and UTF-8 helpers (see util.h). */
#include "base/util.h"
#include "base/alloc.h"
#include "wpgen/wpgen.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <assert.h>
#include <string.h>
#include <strings.h>

struct wp_arena_chunk {
	wp_arena_chunk *next;
	max_align_t data[];
};

#define WP_ARENA_CHUNK (64 * 1024)

/* n bytes of the arena, not cleared: for a caller that writes them all. */
static void *arena_raw(wp_arena *a, size_t n)
{
	size_t align = _Alignof(max_align_t);
	n = (n + align - 1) / align * align;
	if (n == 0)
		n = align;
	if (!a->head || a->size - a->used < n) {
		size_t size = n > WP_ARENA_CHUNK / 4 ? n : WP_ARENA_CHUNK;
		wp_arena_chunk *c;
		if (size > (size_t)-1 - sizeof *c)
			return NULL;
		c = wp_malloc(sizeof *c + size);
		if (!c)
			return NULL;
		if (n > WP_ARENA_CHUNK / 4 && a->head) {
			/* A big block gets a chunk of its own behind the head,
			 * so the head's free room is not wasted. */
			c->next = a->head->next;
			a->head->next = c;
			return c->data;
		}
		c->next = a->head;
		a->head = c;
		a->size = size;
		a->used = 0;
	}
	void *p = (char *)a->head->data + a->used;
	a->used += n;
	return p;
}

void *wp_arena_alloc(wp_arena *a, size_t n)
{
	void *p = arena_raw(a, n);
	if (p)
		memset(p, 0, n);
	return p;
}

char *wp_arena_strndup(wp_arena *a, const char *s, size_t len)
{
	char *p = arena_raw(a, len + 1);
	if (!p)
		return NULL;
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *wp_arena_strdup(wp_arena *a, const char *s)
{
	return s ? wp_arena_strndup(a, s, strlen(s)) : NULL;
}

void *wp_arena_grow(wp_arena *a, void *arr, size_t *cap, size_t n, size_t elsize)
{
	if (n < *cap)
		return arr;
	size_t ncap = *cap ? *cap * 2 : 1; /* most fields hold one paragraph of one run */
	if (ncap > ((size_t)-1) / elsize)
		return NULL;
	void *p = arena_raw(a, ncap * elsize);
	if (!p)
		return NULL;
	if (n)
		memcpy(p, arr, n * elsize);
	memset((char *)p + n * elsize, 0, (ncap - n) * elsize); /* (the new room cleared, the copy not twice written) */
	*cap = ncap;
	return p;
}

size_t wp_arena_chunks(const wp_arena *a)
{
	size_t n = 0;
	for (const wp_arena_chunk *c = a->head; c; c = c->next)
		n++;
	return n;
}

void wp_arena_free(wp_arena *a)
{
	wp_arena_chunk *c = a->head;
	while (c) {
		wp_arena_chunk *next = c->next;
		wp_free(c);
		c = next;
	}
	a->head = NULL;
	a->used = a->size = 0;
}

int wp_buf_reserve(wp_buf *b, size_t extra)
{
	if (b->oom)
		return 0;
	if (b->len + extra + 1 <= b->cap)
		return 1;
	if (b->spill && b->len >= WP_BUF_SPILL) {
		if (b->spill(b->spill_ctx, b->data, b->len) != 0) {
			b->oom = 1;
			return 0;
		}
		b->len = 0;
		if (extra + 1 <= b->cap)
			return 1;
	}
	size_t ncap = b->cap ? b->cap : 256;
	while (ncap < b->len + extra + 1) {
		if (ncap > ((size_t)-1) / 2) {
			b->oom = 1;
			return 0;
		}
		ncap *= 2;
	}
	char *p = wp_realloc(b->data, ncap);
	if (!p) {
		b->oom = 1;
		return 0;
	}
	b->data = p;
	b->cap = ncap;
	return 1;
}

void wp_buf_puts(wp_buf *b, const char *s)
{
	wp_buf_put(b, s, strlen(s));
}

void wp_buf_vprintf(wp_buf *b, const char *fmt, va_list ap)
{
	va_list again;
	char small[256];
	va_copy(again, ap);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	if (n >= 0 && (size_t)n < sizeof small)
		wp_buf_put(b, small, (size_t)n);
	else if (n >= 0 && wp_buf_reserve(b, (size_t)n)) { /* the whole text, however long */
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, again);
		b->len += (size_t)n;
	}
	va_end(again);
}

void wp_buf_printf(wp_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	wp_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *wp_buf_detach(wp_buf *b, size_t *len)
{
	char *p;
	if (b->oom) {
		wp_buf_free(b);
		return NULL;
	}
	if (!b->data) {
		if (!wp_buf_reserve(b, 0))
			return NULL;
		b->data[0] = '\0';
	}
	p = b->data;
	if (b->cap > 2 * (b->len + 1)) {
		/* kept, it holds what it holds: a cell's text of 10 bytes in a
		 * 256-byte buffer, for each of half a million cells, was most of
		 * a large programme's memory (a failed shrink keeps it as it is) */
		char *q = wp_realloc(p, b->len + 1);
		if (q)
			p = q;
	}
	if (len)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void wp_buf_free(wp_buf *b)
{
	wp_free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
}

const char *wp_number_parse(wp_arena *a, const char *t, int *oom)
{
	size_t n = strlen(t), i = 0;
	const char *s = wp_trim(t, &n);
	int digits = 0;
	while (i < n) {
		if (s[i] >= '0' && s[i] <= '9') {
			digits = 1;
			i++;
		} else if (s[i] == '.' && digits && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9') {
			i++;
		} else {
			break;
		}
	}
	size_t end = i;
	if (i < n && s[i] == '.')
		i++;
	if (!digits || i != n)
		return NULL;
	char *v = wp_arena_strndup(a, s, end);
	if (!v)
		*oom = 1;
	return v;
}

size_t wp_utf8_valid(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len;
	unsigned cp;
	if (c < 0x80)
		return c ? 1 : 0;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

size_t wp_utf8_count(const char *s, size_t n)
{
	/* n less the continuation bytes (10xxxxxx), eight bytes at a time: a
	 * byte's bit 6 shifted under its bit 7 */
	size_t cont = 0, i = 0;
	for (; n - i >= 8; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		cont += (size_t)__builtin_popcountll(w & ~(w << 1) & 0x8080808080808080ULL);
	}
	for (; i < n; i++)
		cont += ((unsigned char)s[i] & 0xC0) == 0x80;
	return n - cont;
}

int wp_superscript_digit(const char *s, size_t n, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n >= 2 && u[0] == 0xC2) {
		*len = 2;
		switch (u[1]) {
		case 0xB9: return 1;
		case 0xB2: return 2;
		case 0xB3: return 3;
		}
		return -1;
	}
	if (n >= 3 && u[0] == 0xE2 && u[1] == 0x81) {
		*len = 3;
		if (u[2] == 0xB0)
			return 0;
		if (u[2] >= 0xB4 && u[2] <= 0xB9)
			return u[2] - 0xB0;
	}
	return -1;
}

int wp_superscript_number(const char *s, size_t n, size_t *len)
{
	size_t i = 0, l, digits = 0;
	int v = 0, d;
	while (i < n && (d = wp_superscript_digit(s + i, n - i, &l)) >= 0) {
		if (++digits <= 6)
			v = v * 10 + d;
		i += l;
	}
	*len = i;
	return digits && digits <= 6 ? v : -1;
}

const char *wp_trim(const char *s, size_t *n)
{
	size_t len = *n;
	for (;;) {
		if (len && wp_is_space((unsigned char)*s)) {
			s++;
			len--;
		} else if (len >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) {
			s += 2;
			len -= 2;
		} else {
			break;
		}
	}
	for (;;) {
		if (len && wp_is_space((unsigned char)s[len - 1]))
			len--;
		else if (len >= 2 && (unsigned char)s[len - 2] == 0xC2 && (unsigned char)s[len - 1] == 0xA0)
			len -= 2;
		else
			break;
	}
	*n = len;
	return s;
}

void wp_buf_superscript(wp_buf *b, unsigned long n)
{
	static const char *const sup[10] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
	char num[24];
	snprintf(num, sizeof num, "%lu", n);
	for (const char *d = num; *d; d++)
		wp_buf_puts(b, sup[*d - '0']);
}

/* A yes or a no as a person writes one in front matter or --set: 1, 0,
 * or -1 for neither. */
int wp_yes_no(const char *v)
{
	static const char *const yes[] = {"yes", "true", "on", NULL}, *const no[] = {"no", "false", "off", NULL};
	for (int i = 0; yes[i]; i++)
		if (!strcasecmp(v, yes[i]))
			return 1;
	for (int i = 0; no[i]; i++)
		if (!strcasecmp(v, no[i]))
			return 0;
	return -1;
}

/* Characters that make text read otherwise than it is written: the
 * bidirectional controls (embeddings, overrides and isolates reorder what
 * follows; the marks steer it) and the line and paragraph separators
 * (a line break that no format shows as one). */
size_t wp_spoofing_char(const unsigned char *s, size_t n, unsigned *cp)
{
	if (n >= 2 && s[0] == 0xD8 && s[1] == 0x9C) {
		*cp = 0x061C; /* ARABIC LETTER MARK */
		return 2;
	}
	if (n < 3 || s[0] != 0xE2)
		return 0;
	unsigned c = ((unsigned)(s[0] & 0x0F) << 12) | ((unsigned)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
	if ((s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
		return 0;
	if (c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 ||
	    c == 0x2029) {
		*cp = c;
		return 3;
	}
	return 0;
}

const char *wp_spoofing_name(unsigned cp)
{
	switch (cp) {
	case 0x061C: return "arabic letter mark";
	case 0x200E: return "left-to-right mark";
	case 0x200F: return "right-to-left mark";
	case 0x202A: return "left-to-right embedding";
	case 0x202B: return "right-to-left embedding";
	case 0x202C: return "pop directional formatting";
	case 0x202D: return "left-to-right override";
	case 0x202E: return "right-to-left override";
	case 0x2066: return "left-to-right isolate";
	case 0x2067: return "right-to-left isolate";
	case 0x2068: return "first strong isolate";
	case 0x2069: return "pop directional isolate";
	case 0x2028: return "line separator";
	case 0x2029: return "paragraph separator";
	default: return "";
	}
}

void wp_spoofing_neutralise(unsigned char *s, size_t k, unsigned cp)
{
	/* a separator is white space; a control, a visible U+FFFD (same bytes
	 * as the 3-byte ones; the 2-byte mark, two spaces) */
	if (cp == 0x2028 || cp == 0x2029 || k != 3)
		memset(s, ' ', k);
	else
		memcpy(s, "\xEF\xBF\xBD", 3);
}

/* A buffer that spills to sink: the writer's failure, or the sink's. */
typedef struct stream {
	int (*sink)(void *ctx, const char *data, size_t len);
	void *ctx;
	int stopped;
} stream;

static int spill_to(void *ctx, const char *data, size_t len)
{
	stream *s = ctx;
	if (s->sink(s->ctx, data, len) != 0) {
		s->stopped = 1;
		return -1;
	}
	return 0;
}

int wp_buf_stream(wp_buf *b, int (*sink)(void *ctx, const char *data, size_t len), void *ctx,
		  int (*write)(wp_buf *b, const void *arg), const void *arg)
{
	stream s = {sink, ctx, 0};
	b->spill = spill_to;
	b->spill_ctx = &s;
	int rc = write(b, arg);
	if (rc == WP_OK && b->oom)
		rc = WP_ENOMEM;
	if (rc == WP_OK && !b->oom && b->len && spill_to(&s, b->data, b->len) != 0)
		rc = WP_EIO;
	if (s.stopped)
		rc = WP_EIO;
	wp_buf_free(b);
	return rc;
}
