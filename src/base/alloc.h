/* alloc.h: the one place wpgen allocates through, its own code and the
 * libraries', so that a test can fail the Nth allocation and prove every
 * path cleans up. */
#ifndef WP_BASE_ALLOC_H
#define WP_BASE_ALLOC_H
#include <cmark-gfm.h>
#include <setjmp.h>
#include <stddef.h>

/* For tests (not installed): make the Nth allocation from now on fail
 * (0: the next one); -1 turns failures off. Not thread-safe; affects
 * wpgen's own allocations. */
void wp_alloc_fail_after(long n);

/* For tests: how many allocations were asked for so far in this thread
 * (wpgen's own, libxml2's and libxslt's, and cmark-gfm's while it parses).
 * The countdown fails wpgen's and cmark-gfm's, not libxml2's and
 * libxslt's: Debian 12's versions crash when one of theirs fails. */
unsigned long wp_alloc_calls(void);

void *wp_malloc(size_t n);
void *wp_realloc(void *p, size_t n);
void wp_free(void *p);
char *wp_strdup(const char *s);

/* Allocations that failed so far (injected or real). A library call
 * during which this grew may have lost data without saying so: the
 * caller reports WP_ENOMEM rather than trust its result. */
unsigned long wp_alloc_failures(void);

/* libxml2's allocator, counted (the countdown does not fail it: see
 * alloc.c); base/lazy.c installs it once libxml2 is loaded. */
void *wp_xml_malloc(size_t n);
void *wp_xml_realloc(void *p, size_t n);
char *wp_xml_strdup(const char *s);

/* cmark-gfm's allocations during one parse, tracked so that a failed one
 * can jump back (to jb, armed while the parser runs) and free them all.
 * Sessions nest (a cell parsed on its own inside a document's walk). */
typedef struct wp_cmark_session {
	jmp_buf jb;
	int armed;
	union {
		void *links[2];
		max_align_t align;
	} head; /* the list's sentinel, laid out as a block's header */
	struct wp_cmark_session *outer;
} wp_cmark_session;

cmark_mem *wp_cmark_mem(void);
void wp_cmark_begin(wp_cmark_session *s);
void wp_cmark_release(wp_cmark_session *s); /* frees every block of the session */
void wp_cmark_end(wp_cmark_session *s);

#endif
