/* util.h: private helpers shared by the library: an arena for the model,
 * a growable byte buffer, and small UTF-8 and text functions. */
#ifndef WP_BASE_UTIL_H
#define WP_BASE_UTIL_H

#include <stddef.h>
#include <stdarg.h>
#include <string.h>

/***** arena: every allocation of one model, freed at once *****/

typedef struct wp_arena_chunk wp_arena_chunk;
typedef struct wp_arena {
	wp_arena_chunk *head;
	size_t used, size; /* of head */
} wp_arena;

/* Returns zeroed memory owned by the arena, or NULL when out of memory. */
void *wp_arena_alloc(wp_arena *a, size_t n);
/* A copy of s[0..len) with a NUL after it, owned by the arena; NULL on OOM. */
char *wp_arena_strndup(wp_arena *a, const char *s, size_t len);
char *wp_arena_strdup(wp_arena *a, const char *s);
/* Makes room for one more element in an arena array of *n elements and
 * *cap capacity; returns the (possibly moved) array or NULL on OOM. */
void *wp_arena_grow(wp_arena *a, void *arr, size_t *cap, size_t n, size_t elsize);
void wp_arena_free(wp_arena *a);
/* The number of chunks the arena holds (for tests). */
size_t wp_arena_chunks(const wp_arena *a);

/***** buffer: a growable, NUL-terminated byte string *****/

typedef struct wp_buf {
	char *data;
	size_t len, cap;
	int oom; /* set once an allocation failed (or the spill did); later appends do nothing */
	/* When set, a buffer that holds WP_BUF_SPILL bytes or more hands them
	 * to spill (which returns 0, or -1 on failure: oom is set) and starts
	 * again empty, instead of growing: an output written as it is made.
	 * A writer into such a buffer only appends, never looks back. */
	int (*spill)(void *ctx, const char *data, size_t len);
	void *spill_ctx;
} wp_buf;

#define WP_BUF_SPILL ((size_t)64 << 10)

/* Runs write(b, arg) with b spilling to sink, then hands sink the rest,
 * and frees b: an output streamed as it is made. WP_OK; write's error;
 * WP_ENOMEM; or WP_EIO when sink returned non-zero (then it stopped
 * being called). */
int wp_buf_stream(wp_buf *b, int (*sink)(void *ctx, const char *data, size_t len), void *ctx,
		  int (*write)(wp_buf *b, const void *arg), const void *arg);

/* Makes room for extra more bytes and the NUL; 0 (and oom set) when it
 * cannot. The slow path of the appends below. */
int wp_buf_reserve(wp_buf *b, size_t extra);

/* Appending is most of what the writers do: inline, the room checked once. */
static inline void wp_buf_put(wp_buf *b, const char *s, size_t n)
{
	if (b->oom || (b->len + n + 1 > b->cap && !wp_buf_reserve(b, n)))
		return;
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static inline void wp_buf_putc(wp_buf *b, char c)
{
	if (b->oom || (b->len + 2 > b->cap && !wp_buf_reserve(b, 1)))
		return;
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void wp_buf_puts(wp_buf *b, const char *s);
void wp_buf_printf(wp_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void wp_buf_vprintf(wp_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Hands the bytes to the caller (free() them); the buffer is left empty. */
char *wp_buf_detach(wp_buf *b, size_t *len);
void wp_buf_free(wp_buf *b);

/***** text *****/

/* "18." -> "18", "5.3" -> "5.3" (arena copy); NULL for anything else
 * ("12 11.", letters) or on OOM (*oom is then set). */
const char *wp_number_parse(wp_arena *a, const char *text, int *oom);

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
size_t wp_utf8_valid(const unsigned char *s, size_t n);
/* Number of code points in s[0..n), counting each invalid byte as one. */
size_t wp_utf8_count(const char *s, size_t n);
/* If s starts with a Unicode superscript digit, its value (0-9) and its
 * byte length in *len; otherwise -1. */
int wp_superscript_digit(const char *s, size_t n, size_t *len);
/* The number a run of superscript digits at s spells (a footnote mark),
 * and the run's byte length in *len (0 when there is none). -1 when there
 * is no run, or when it is longer than six digits: no note is numbered so,
 * and the number would not fit. */
int wp_superscript_number(const char *s, size_t n, size_t *len);
/* Appends n in superscript digits (a footnote mark as the annexes write
 * it: ¹²). */
void wp_buf_superscript(wp_buf *b, unsigned long n);
/* ASCII white space: space, tab, LF, VT, FF, CR. */
static inline int wp_is_space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}
/* Trims ASCII white space and U+00A0 from both ends of s[0..*n). */
const char *wp_trim(const char *s, size_t *n);

/* yes, true, on: 1; no, false, off: 0 (any case); else -1. */
int wp_yes_no(const char *v);

/* A character at s (n bytes left) that makes text read otherwise than
 * written: a bidi control (U+061C, U+200E/F, U+202A-E, U+2066-9) or a line
 * or paragraph separator (U+2028/9). Its length (its code point in *cp),
 * or 0. wp_spoofing_name: its name in words. */
size_t wp_spoofing_char(const unsigned char *s, size_t n, unsigned *cp);
const char *wp_spoofing_name(unsigned cp);
/* The k bytes of such a character made harmless in place, as many bytes:
 * a separator white space, a control a visible U+FFFD. */
void wp_spoofing_neutralise(unsigned char *s, size_t k, unsigned cp);

#endif
