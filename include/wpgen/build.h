/* build.h: regenerating every annex of a tree of sources, as a build
 * step: incremental (by content), parallel, deterministic and atomic. */
#ifndef WPGEN_BUILD_H
#define WPGEN_BUILD_H

#include <stddef.h>
#include "wpgen/diag.h"
#include "wpgen/profile.h"
#include "wpgen/read.h"

enum { WP_OUT_HTML = 1 << 0, WP_OUT_MD = 1 << 1, WP_OUT_XML = 1 << 2 };

/* What happened to one source. */
typedef struct wp_build_event {
	const char *source;   /* as found */
	int status;           /* WP_BUILD_* */
	unsigned written;     /* outputs written this time */
	size_t errors, warnings;
	const wp_diags *diags; /* this source's diagnostics (NULL when unchanged) */
	size_t done, total;   /* progress */
} wp_build_event;

enum { WP_BUILD_BUILT, WP_BUILD_UNCHANGED, WP_BUILD_FAILED, WP_BUILD_REMOVED };

typedef struct wp_build_opts {
	const char *outdir;         /* where the annexes go */
	unsigned formats;           /* WP_OUT_* */
	int jobs;                   /* threads; <= 0: one */
	int changes;                /* WP_CHANGES_* */
	int clean_failed;           /* remove the last good annex of a source that fails */
	const char *datadir;        /* templates/, profiles/, schema/ */
	const char *profile;        /* a profile name or file; NULL: the default or the source's own */
	const wp_limits *limits;    /* reading limits of Markdown sources; NULL: the defaults */
	/* Called from the building thread for each source, in no set order
	 * (serialised: one call at a time). */
	void (*progress)(const wp_build_event *e, void *data);
	void *data;
} wp_build_opts;

typedef struct wp_build_result {
	size_t sources, built, unchanged, failed, removed;
	size_t errors, warnings; /* over every source, unchanged ones included */
} wp_build_result;

/* Builds the annexes of every .md and .xml source under the given paths
 * (folders are walked; files are taken as they are). Outputs mirror each
 * source's place under the folder it was found in. Problems that are not
 * a source's (an unwritable OUTDIR) go to diags. Returns WP_OK (some
 * sources may still have failed: see *res), WP_EIO or WP_ENOMEM. */
int wp_build(const char *const *paths, size_t npaths, const wp_build_opts *o, wp_build_result *res, wp_diags *diags);

#endif
