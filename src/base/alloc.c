/* alloc.c: the one place wpgen allocates through, its own code and the
 * libraries' (libxml2 and libxslt through xmlMemSetup, cmark-gfm through
 * a cmark_mem), with an optional failure countdown for tests (see
 * wp_alloc_fail_after in wpgen/wpgen.h).
 *
 * cmark-gfm never checks what its allocator returns. Its allocations are
 * therefore tracked per parse (wp_cmark_session): when one fails while
 * the parser runs, the allocator jumps back to the session's setjmp, every
 * block of the parse is freed, and the reader reports WP_ENOMEM. The
 * reader arms its session for the parse and the walk of the tree alike, so
 * that node getters and iterators fail cleanly too (test_alloc fails each
 * of them in turn). */
#include "base/alloc.h"
#include "wpgen/wpgen.h"

#include <assert.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Per thread: a failure in one build worker says nothing of another's. */
static _Thread_local long fail_countdown = -1; /* -1: never fail */
static _Thread_local unsigned long calls;      /* allocations asked for so far */
static _Thread_local unsigned long failures;   /* of which failed */

void wp_alloc_fail_after(long n)
{
	fail_countdown = n;
}

unsigned long wp_alloc_calls(void)
{
	return calls;
}

unsigned long wp_alloc_failures(void)
{
	return failures;
}

static int should_fail(void)
{
	calls++;
	if (fail_countdown < 0)
		return 0;
	if (fail_countdown == 0) {
		failures++;
		return 1;
	}
	fail_countdown--;
	return 0;
}

void *wp_malloc(size_t n)
{
	void *p = should_fail() ? NULL : malloc(n ? n : 1);
	if (!p && fail_countdown != 0)
		failures++; /* a real one */
	return p;
}

void *wp_realloc(void *p, size_t n)
{
	void *q = should_fail() ? NULL : realloc(p, n ? n : 1);
	if (!q && fail_countdown != 0)
		failures++;
	return q;
}

void wp_free(void *p)
{
	free(p);
}

char *wp_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = wp_malloc(n);
	if (p)
		memcpy(p, s, n);
	return p;
}

/***** libxml2 and libxslt *****/

/* Debian 12's libxml2 (2.9.14) and libxslt (1.1.35) are not safe against
 * a failed allocation: upstream made libxml2 so only in 2.11 and 2.12, and
 * the sweep in test_alloc.c crashes in XPath evaluation when one fails.
 * Their allocations are therefore counted and a real failure is noted
 * (wp_alloc_failures), but the countdown does not fail them on purpose. */
void *wp_xml_malloc(size_t n)
{
	calls++;
	void *p = malloc(n ? n : 1);
	failures += !p;
	return p;
}

void *wp_xml_realloc(void *p, size_t n)
{
	calls++;
	void *q = realloc(p, n ? n : 1);
	failures += !q;
	return q;
}

char *wp_xml_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = wp_xml_malloc(n);
	if (p)
		memcpy(p, s, n);
	return p;
}

/* libxml2 is loaded when first used (base/lazy.c), and hooked then:
 * nothing to do before. Kept for the API. */
void wp_alloc_init(void)
{
}

/***** cmark-gfm *****/

/* Each block carries its links; the header keeps the payload aligned. */
typedef union blk {
	struct {
		union blk *prev, *next;
	} l;
	max_align_t align;
} blk;

static _Thread_local wp_cmark_session *current;

static void link_blk(blk *b)
{
	blk *head = (blk *)&current->head;
	b->l.prev = head;
	b->l.next = head->l.next;
	head->l.next->l.prev = b;
	head->l.next = b;
}

static void unlink_blk(blk *b)
{
	b->l.prev->l.next = b->l.next;
	b->l.next->l.prev = b->l.prev;
}

/* An allocation for cmark-gfm failed: back to the innermost armed session
 * (the blocks of any session inside it are freed on the way, as they can
 * no longer be reached). Every call into cmark-gfm runs in an armed
 * session (read/markdown.c); one that did not would be a bug in wpgen, and ends
 * the process as cmark's own allocator would, without a word on stderr
 * (the library never prints). */
static _Noreturn void cmark_oom(void)
{
	wp_cmark_session *s = current;
	while (s && !s->armed) {
		wp_cmark_release(s);
		s = s->outer;
	}
	assert(s != NULL && "cmark-gfm called outside an armed session");
	if (!s)
		abort();
	current = s;
	s->armed = 0;
	longjmp(s->jb, 1);
}

static void *cm_calloc(size_t n, size_t size)
{
	if (!current || (current->armed && should_fail()))
		cmark_oom();
	if (size && n > (SIZE_MAX - sizeof(blk)) / size)
		cmark_oom();
	blk *b = calloc(1, sizeof(blk) + n * size);
	if (!b)
		cmark_oom();
	link_blk(b);
	return b + 1;
}

static void *cm_realloc(void *p, size_t n)
{
	if (!p)
		return cm_calloc(1, n);
	if (!current || (current->armed && should_fail()) || n > SIZE_MAX - sizeof(blk))
		cmark_oom();
	blk *b = (blk *)p - 1;
	unlink_blk(b);
	blk *nb = realloc(b, sizeof(blk) + n);
	if (!nb) {
		link_blk(b);
		cmark_oom();
	}
	link_blk(nb);
	return nb + 1;
}

static void cm_free(void *p)
{
	if (!p)
		return;
	blk *b = (blk *)p - 1;
	unlink_blk(b);
	free(b);
}

static cmark_mem cm_mem = {cm_calloc, cm_realloc, cm_free};

cmark_mem *wp_cmark_mem(void)
{
	return &cm_mem;
}

void wp_cmark_begin(wp_cmark_session *s)
{
	blk *head = (blk *)&s->head;
	head->l.prev = head->l.next = head;
	s->armed = 0;
	s->outer = current;
	current = s;
}

void wp_cmark_release(wp_cmark_session *s)
{
	blk *head = (blk *)&s->head;
	while (head->l.next != head) {
		blk *b = head->l.next;
		unlink_blk(b);
		free(b);
	}
}

void wp_cmark_end(wp_cmark_session *s)
{
	wp_cmark_release(s); /* empty unless the caller leaked a tree */
	current = s->outer;
}
