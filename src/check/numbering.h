/* numbering.h: what the numbering rules keep between them (each
 * section's numbers read once), freed by the runner. Internal. */
#ifndef WP_CHECK_NUMBERING_H
#define WP_CHECK_NUMBERING_H

#include "check/rule.h"

/* Frees what the numbering rules kept (c->numbering). */
void ck_numbering_free(ck_ctx *c);

#endif
