/* wpgen.h: the whole public API of libwpgen, and its version.
 *
 * libwpgen reads committee work programmes (Markdown, XML or Word),
 * checks them and renders annexes. It never prints, never exits and never reads the
 * environment: results come back through out-parameters and diagnostics go
 * into a list the caller owns. */
#ifndef WPGEN_H
#define WPGEN_H

#include "wpgen/export.h"

#define WPGEN_VERSION "0.1.0"

/* Return codes of every libwpgen function that can fail. */
enum {
	WP_OK = 0,
	WP_ENOMEM = -1,  /* out of memory */
	WP_EINPUT = -2,  /* the document cannot be used (diagnostics say why) */
	WP_EIO = -3,     /* a file could not be read or written */
	WP_EUSAGE = -4,  /* the call's arguments are wrong */
};

#ifdef __cplusplus
extern "C" {
#endif

/* Kept for compatibility; nothing to do. wpgen loads libxml2 when it
 * first needs it, and routes its allocations through wpgen's then. */
WP_API void wp_alloc_init(void);

#ifdef __cplusplus
}
#endif

#include "wpgen/diag.h"
#include "wpgen/model.h"
#include "wpgen/profile.h"
#include "wpgen/facts.h"
#include "wpgen/detect.h"
#include "wpgen/read.h"
#include "wpgen/docx.h"
#include "wpgen/diff.h"
#include "wpgen/status.h"
#include "wpgen/report.h"
#include "wpgen/import.h"
#include "wpgen/write.h"
#include "wpgen/io.h"
#include "wpgen/check.h"
#include "wpgen/format.h"
#include "wpgen/config.h"
#include "wpgen/doc.h"
#include "wpgen/build.h"

#endif
