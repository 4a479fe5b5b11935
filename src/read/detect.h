/* read/detect.h: what detect.c offers beyond the public wpgen/detect.h.
 * Internal. */
#ifndef WP_READ_DETECT_H
#define WP_READ_DETECT_H

#include "wpgen/wpgen.h"

/* wp_profiles_fit, and the number of table headers the Markdown source
 * has (0 for XML): no profile can score more than that. */
size_t wp_profiles_fit_headers(const wp_profile *const *profs, size_t np, const char *buf, size_t len, size_t *score);

#endif
