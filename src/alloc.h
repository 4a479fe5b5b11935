/* alloc.h: the one place wpgen's own code allocates through, so that a test
 * can fail the Nth allocation and prove every path cleans up. */
#ifndef WP_ALLOC_H
#define WP_ALLOC_H
#include <stddef.h>

void *wp_malloc(size_t n);
void *wp_realloc(void *p, size_t n);
void wp_free(void *p);
char *wp_strdup(const char *s);

#endif
