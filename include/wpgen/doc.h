/* doc.h: opening a document, whatever it is. One call reads the source,
 * tells its format, picks its profile, reads it, reads the plan of a
 * progress report and sets the report in, applies --set metadata and a
 * version of its tracked changes, and runs the rules. Every command and
 * `wpgen build` open documents through it, and nothing else does. */
#ifndef WPGEN_DOC_H
#define WPGEN_DOC_H

#include "wpgen/export.h"

#include <stddef.h>
#include "wpgen/check.h"
#include "wpgen/config.h"
#include "wpgen/detect.h"
#include "wpgen/diag.h"
#include "wpgen/facts.h"
#include "wpgen/model.h"
#include "wpgen/profile.h"
#include "wpgen/read.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What documents share: the data folder (profiles/, schema/, templates/)
 * and what was loaded from it, once. Safe to use from several threads. */
typedef struct wp_env wp_env;

/* datadir is copied. Returns WP_OK or WP_ENOMEM; free with wp_env_free. */
WP_API int wp_env_new(wp_env **out, const char *datadir);
WP_API void wp_env_free(wp_env *e);
WP_API const char *wp_env_datadir(const wp_env *e);

/* A profile by name (datadir/profiles/NAME.yaml) or by file (a name with
 * a '/', or ending in .yaml or .yml), loaded once and kept by the env
 * (never free it). A missing or invalid profile is a profile.invalid
 * finding (and its YAML's own). Returns WP_OK, WP_EUSAGE (no such
 * profile), WP_EINPUT (not a valid profile) or WP_ENOMEM. */
WP_API int wp_env_profile(wp_env *e, const char *name_or_file, const wp_profile **out, wp_diags *d);
/* Every profile of datadir/profiles, sorted by name (kept by the env);
 * those that do not load are left out. Returns WP_OK or WP_ENOMEM. */
WP_API int wp_env_profiles(wp_env *e, const wp_profile *const **out, size_t *n);
/* datadir/schema/wpgen.rng, compiled once. WP_OK, WP_EIO, WP_EINPUT or
 * WP_ENOMEM (findings in d). */
WP_API int wp_env_schema(wp_env *e, const wp_schema **out, wp_diags *d);

/* The profile a document is read with came from: */
typedef enum wp_profile_choice {
	WP_CHOICE_DEFAULT,   /* the default profile: nothing said otherwise */
	WP_CHOICE_OPTION,    /* wp_doc_opts.profile (--profile) */
	WP_CHOICE_NAMED,     /* the source names it (front matter, XML root) */
	WP_CHOICE_STRUCTURE, /* its tables fit that profile best */
	WP_CHOICE_CONFIG,    /* the configuration in force (.wpgen.yaml profile:) names it */
} wp_profile_choice;

typedef struct wp_doc_opts {
	const char *profile;         /* a name or a file; NULL: the source's own, else picked by structure */
	const char *default_profile; /* NULL: wco-working-body */
	int no_pick;                 /* never pick by structure (a report's plan) */
	const wp_limits *limits;     /* NULL: the defaults */
	const char *const *set;      /* "KEY=VALUE" metadata, set after reading */
	size_t nset;
	wp_changes_mode changes;     /* the version of the tracked changes */
	int check;                   /* run the rules */
	const char *as_of;           /* for the rules; NULL: the document's own as_of */
	const char *const *disable;  /* rule ids or families: not run, and their findings dropped */
	size_t ndisable;
	int want_fixes;              /* the notes that carry follow-on fixes too (--fix) */
	const char *plan_root;       /* a report's plan must be in this folder; NULL: the report's own folder */
	/* The configuration in force (wpgen/config.h), or NULL. What the
	 * fields above say wins over it: profile (the source's own profile
	 * too), as_of, each limit set; disable adds to what it turns off, and
	 * enable takes back what it turns off. Its severities apply to the
	 * findings; its files are dependencies of the document. */
	const wp_config *config;
	const char *const *enable;   /* rule ids or families run even though the configuration turns them off */
	size_t nenable;
} wp_doc_opts;

typedef struct wp_doc {
	const char *path;            /* as given; "-" is standard input */
	const char *name;            /* in diagnostics: the path, or "<stdin>" */
	const char *text;            /* the source's bytes, NUL-terminated (a .docx: its Markdown) */
	size_t len;
	wp_source_kind kind;
	int utf16;                   /* the source is UTF-16 text (text: as UTF-8) */
	const wp_profile *profile;   /* the profile p is read with (a report: its plan's); the env's */
	const wp_profile *source_profile; /* the profile the source itself is read with */
	wp_profile_choice choice;    /* how source_profile was chosen */
	wp_programme *p;             /* after wp_doc_load: the programme (a report: its plan, the report set in) */
	const wp_facts *facts;       /* after wp_doc_load: p's facts, in the version opts->changes names, at p's
					as-of date (what every writer and rule reads) */
	wp_programme *report;        /* a progress report as read, whose memory p shares; else NULL */
	const char *plan_path;       /* a report's plan, as found from the report; else NULL */
	const char *const *deps;     /* the files besides the source that the document depends on */
	size_t ndeps;                /*   (its profile, a report's plan and the plan's profile, the schema) */
	const char *not_programme;   /* after wp_doc_probe, for a Markdown or Word source that is not a work programme
					(no table headed as a section of a profile, names no profile; or front
					matter 'programme: no'): why, in words; else NULL. What build and
					check skip in a folder they walk; read, it would be a read.no-table error */
	void *impl;
} wp_doc;

/* Stage one: reads the source (path, or standard input for "-"), tells
 * its format, chooses its profile and, for a progress report, finds its
 * plan (and probes it). Nothing is parsed but metadata, so that a build
 * can decide from *out's text and deps whether anything changed.
 * Returns WP_OK (*out is the caller's: wp_doc_free), WP_EIO (the source
 * cannot be read: an io.read finding), WP_EINPUT (it names a profile
 * wpgen lacks or one that is not plain: read.profile), WP_EUSAGE
 * (opts->profile cannot be loaded: profile.invalid) or WP_ENOMEM. On
 * failure *out is NULL. */
WP_API int wp_doc_probe(wp_doc **out, wp_env *env, const char *path, const wp_doc_opts *o, wp_diags *d);
/* The same from memory: name is the source's name; buf is copied. */
WP_API int wp_doc_probe_mem(wp_doc **out, wp_env *env, const char *name, const char *buf, size_t len, const wp_doc_opts *o,
		     wp_diags *d);
/* Stage two: reads the programme (and a report's plan), sets --set
 * metadata, applies the version of tracked changes, works out the facts
 * (wpgen/facts.h), runs the rules, gives the findings the severities the
 * configuration sets, and marks accepted those the source acknowledges
 * (front matter accept:; wp_diag.accepted), with a warning for each
 * acknowledgement that matches nothing (accept.stale).
 * Returns WP_OK (doc->p is set; findings are in d), WP_EINPUT (no
 * programme could be read; d says why), WP_EUSAGE (a --set value is
 * wrong: meta.invalid) or WP_ENOMEM. */
WP_API int wp_doc_load(wp_doc *doc, wp_env *env, const wp_doc_opts *o, wp_diags *d);
/* Works out doc->facts again, in that version, after the caller changed
 * doc->p (a redline marked into it). WP_OK or WP_ENOMEM (the old facts
 * are then kept). */
WP_API int wp_doc_facts(wp_doc *doc, wp_changes_mode mode);
/* Both stages. On any failure *out is NULL. */
WP_API int wp_doc_open(wp_doc **out, wp_env *env, const char *path, const wp_doc_opts *o, wp_diags *d);
WP_API void wp_doc_free(wp_doc *doc);

#ifdef __cplusplus
}
#endif

#endif
