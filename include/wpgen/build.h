/* build.h: regenerating every annex of a tree of sources, as a build
 * step: incremental (by content), parallel, deterministic and atomic, and
 * safe: a build writes and removes nothing but its own outputs inside
 * the output folder it was given. */
#ifndef WPGEN_BUILD_H
#define WPGEN_BUILD_H

#include "wpgen/export.h"

#include <stddef.h>
#include "wpgen/diag.h"
#include "wpgen/model.h"
#include "wpgen/read.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The outputs: the HTML, Markdown and Word annexes, the XML, and the
 * review page (FILE.review.html: the annex with every finding beside its
 * cell). */
enum { WP_OUT_HTML = 1 << 0, WP_OUT_MD = 1 << 1, WP_OUT_XML = 1 << 2, WP_OUT_DOCX = 1 << 3, WP_OUT_REVIEW = 1 << 4 };

typedef enum wp_build_status {
	WP_BUILD_BUILT,     /* its outputs were written */
	WP_BUILD_UNCHANGED, /* nothing it depends on changed: nothing written */
	WP_BUILD_FAILED,    /* it could not be read or written; its last good annex stays */
	WP_BUILD_REMOVED,   /* a source gone from a folder given: its annexes were removed */
	WP_BUILD_KEPT,      /* such a source's annex was not what wpgen wrote: left in place */
	WP_BUILD_WAITING,   /* another build holds the output folder: waiting for it */
	WP_BUILD_SKIPPED,   /* Markdown found in a folder that is not a programme (a read.skipped note;
			     * wp_doc.not_programme): not built; an annex an earlier build made of it is removed */
} wp_build_status;

/* What happened to one source. */
typedef struct wp_build_event {
	const char *source;    /* as found (the output folder, for WP_BUILD_WAITING) */
	wp_build_status status;
	unsigned written;      /* outputs written this time */
	size_t errors, warnings, accepted;
	const wp_diags *diags; /* this source's findings (NULL when unchanged); freed after the call */
	size_t done, total;    /* progress */
} wp_build_event;

typedef struct wp_build_opts {
	const char *outdir;         /* where the annexes go */
	unsigned formats;           /* WP_OUT_* */
	int jobs;                   /* threads; <= 0: one */
	wp_changes_mode changes;
	int clean_failed;           /* remove the last good annex of a source that fails */
	const char *datadir;        /* templates/, profiles/, schema/ */
	const char *profile;        /* a profile name or file; NULL: the default or the source's own */
	const wp_limits *limits;    /* reading limits of Markdown sources; NULL: the defaults */
	const char *plan_root;      /* a report's plan must be inside it; NULL: the folder given it was found under */
	const char *as_of;          /* YYYY-MM-DD: progress as of, overdue judged at (as render --as-of); NULL: each source's own */
	int follow_links;           /* follow symbolic links that lead out of a folder given (else: not, with a note) */
	/* The configuration (wpgen/config.h): each source's .wpgen.yaml files,
	 * from its folder up to the folder given it was found under (a file
	 * given by name: up to the current directory); config: this file for
	 * every source instead; no_config: none. A file that cannot be read
	 * (not YAML) stops the build before anything is built (WP_EUSAGE). */
	const char *config;
	int no_config;
	const char *const *enable;  /* rule ids or families run even though a configuration turns them off */
	size_t nenable;
	const char *const *disable; /* rule ids or families not run */
	size_t ndisable;
	/* Called from the building thread for each source, in no set order
	 * (serialised: one call at a time). */
	void (*progress)(const wp_build_event *e, void *data);
	void *data;
} wp_build_opts;

typedef struct wp_build_result {
	size_t sources, built, unchanged, failed, removed, kept;
	size_t skipped;          /* not programmes (not in sources) */
	size_t errors, warnings; /* over every source, unchanged ones included */
	size_t accepted;         /* findings the sources acknowledge (front matter accept:), apart */
} wp_build_result;

/* Builds the annexes of every .md and .xml source under the given paths
 * (folders are walked, each real folder once; files are taken as they
 * are). Outputs mirror each source's place under the folder it was found
 * in. The output folder is locked for the build (another build waits).
 * What a build removes: the annexes of sources that no longer exist
 * under a folder it was given, inside the output folder, and only when
 * they are what wpgen wrote. A build that would write over one of its
 * sources writes nothing (a build.source finding). Problems that are not a
 * source's (an unwritable OUTDIR) go to diags. Returns WP_OK (some
 * sources may still have failed: see *res), WP_EUSAGE (an output would be
 * a source), WP_EIO or WP_ENOMEM. */
WP_API int wp_build(const char *const *paths, size_t npaths, const wp_build_opts *o, wp_build_result *res, wp_diags *diags);

/* The sources (.md, .xml, .docx) under a folder, as a build finds them:
 * each real folder walked once, hidden files and XML of another kind left
 * out, links that lead out of it not followed unless follow_links (each
 * said in diags, as notes), in the order of their paths. *out is an array
 * of *n paths, each dir/..., freed with wp_sources_free. Returns WP_OK,
 * WP_EIO (dir cannot be read: an io.read finding) or WP_ENOMEM. */
WP_API int wp_sources_find(char ***out, size_t *n, const char *dir, int follow_links, wp_diags *diags);
WP_API void wp_sources_free(char **paths, size_t n);

#ifdef __cplusplus
}
#endif

#endif
