/* accept.h: findings acknowledged in the source (accept.c): the entries
 * of a programme's accept: matched to its findings, which are marked
 * accepted; entries that name no rule wpgen has are accept.invalid, and
 * those that match nothing accept.stale. Internal to the library. */
#ifndef WP_SESSION_ACCEPT_H
#define WP_SESSION_ACCEPT_H

#include "wpgen/wpgen.h"

/* Marks the findings d holds from index from on that an entry of p's
 * accept: names (its rule, or a family of it; at its activity, or "*"),
 * those of file name only. An entry whose rule is off (off(rule, data)
 * nonzero) is not stale for matching nothing. WP_OK or WP_ENOMEM. */
int wp_accept_apply(const wp_programme *p, const char *name, wp_diags *d, size_t from,
		    int (*off)(const char *rule, void *data), void *data);

#endif
