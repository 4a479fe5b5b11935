/* alloc.c: allocation wrappers with an optional failure countdown (see
 * wp_alloc_fail_after in wpgen/wpgen.h). */
#include "alloc.h"
#include "wpgen/wpgen.h"

#include <stdlib.h>
#include <string.h>

static long fail_countdown = -1; /* -1: never fail */

void wp_alloc_fail_after(long n)
{
	fail_countdown = n;
}

static int should_fail(void)
{
	if (fail_countdown < 0)
		return 0;
	if (fail_countdown == 0)
		return 1;
	fail_countdown--;
	return 0;
}

void *wp_malloc(size_t n)
{
	return should_fail() ? NULL : malloc(n ? n : 1);
}

void *wp_realloc(void *p, size_t n)
{
	return should_fail() ? NULL : realloc(p, n ? n : 1);
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
