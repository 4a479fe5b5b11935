/* xml.h: what the XML reader shares with detection, which peeks at
 * an XML source with libxml2 before it is read. Internal. */
#ifndef WP_READ_XML_H
#define WP_READ_XML_H

#include <stddef.h>
#include "wpgen/diag.h"

/* One linear pass: whether a start tag has more attributes than wpgen
 * reads (libxml2 2.9 is quadratic in them). With d, the refusal is a
 * read.limit finding at the tag (name: the source's). */
int xml_too_many_attributes(const char *buf, size_t len, const char *name, wp_diags *d);

#endif
