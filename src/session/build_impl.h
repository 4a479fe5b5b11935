/* build_impl.h: what the files of `wpgen build` share (build.c,
 * build_state.c, build_walk.c, build_index.c): the state, the jobs, the
 * context, and the functions one calls in another. Internal. */
#ifndef WP_SESSION_BUILD_IMPL_H
#define WP_SESSION_BUILD_IMPL_H

#define _GNU_SOURCE /* (flock) */
#include "wpgen/wpgen.h"
#include "base/alloc.h"
#include "base/escape.h"
#include "base/hash.h"
#include "base/util.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <assert.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define STATE_FILE ".wpgen-state"
/* The sources' findings, which only the index page shows: beside the
 * state, so that a build that changes nothing reads a line a source and
 * not every finding of every source (50 MB for 1,000 copies of the seed) */
#define FINDINGS_FILE ".wpgen-findings"
#define FINDINGS_MAGIC "wpgen-findings"
#define FINDINGS_HEAD FINDINGS_MAGIC "\t%016llx\n" /* its first line: the magic and the hash of the rest */
#define LOCK_FILE ".wpgen-lock"
#define STATE_MAGIC "wpgen-state 11" /* 5: the hash eight bytes at a step; 6: the index page's hash;
				       * 7: each source's stat and dependencies; 8: the Word annex;
				       * 9: the review page, every finding; 10: accepted findings;
				       * 11: the findings in FINDINGS_FILE */
/* A source changed less than this before the build that reads it may
 * change again within one tick of the file system's clock, its stat
 * unchanged: its stat is not recorded, and the next build reads its bytes
 * (git's "racily clean"). */
#define RACY_NS 2000000000LL
#define MAX_DEPTH 64
#define STATE_MAX ((size_t)1 << 30) /* bytes of the build state read (a line a source) */

/* The outputs, in the order of their WP_OUT_* bits. */
#define BD_NFORMATS 5
static const char *const ext[BD_NFORMATS] = {"html", "md", "xml", "docx", "review.html"};
/* and their links' words on the index page */
static const char *const ext_label[BD_NFORMATS] = {"annex", "md", "xml", "docx", "review"};

typedef struct entry {
	char *src;        /* the source's real path */
	char *rel;        /* its path below the folder it was found in: names the outputs */
	unsigned formats;
	uint64_t key[BD_NFORMATS];  /* per output format: what it was built from */
	uint64_t hash[BD_NFORMATS]; /* and what it holds as wpgen wrote it */
	size_t errors, warnings, accepted, activities;
	char *kind, *title;
	char *status;     /* where things stand, in words ("1 green, 3 blue, ..."), or "" */
	char *findings;   /* its findings as check prints them (every one), or "", encoded
			   * as in the state: only the index page reads them; NULL while
			   * they are still in the last build's FINDINGS_FILE: */
	uint64_t foff, flen; /* there, at these bytes (bd_findings_load) */
	uint64_t sig;     /* the source's stat (device, inode, size, times) when it was read; 0: none */
	uint64_t text;    /* the hash of its bytes (a .docx: of its Markdown) */
	char *files;      /* the files it depends on (wp_doc.deps), each encoded, a space apart */
	int seen;         /* a source of this build (2: skipped, not a programme: its annexes go) */
} entry;

typedef struct state {
	entry *e;
	size_t n, cap;
	uint64_t index;  /* the hash of the index page written with it; 0: none */
	uint64_t isig;   /* and what stat said of it once settled (as a source's sig); 0: none */
	uint64_t env;    /* the hash of the data folder's profiles it was built with */
	uint64_t fhash;  /* the hash of FINDINGS_FILE's bytes after its first line, which names it */
	int whole;       /* read line for line: writing it again gives the same bytes */
} state;

typedef struct job {
	char *path;    /* to read */
	char *rel;     /* below the folder it was found in: names the outputs */
	char *real;    /* its real path */
	dev_t dev;
	ino_t ino;
	int clash;     /* another source writes the same annexes: not built */
	const char *root; /* the folder given it was found under (a report's plan is inside it), or NULL */
	const wp_config *config; /* its configuration, or NULL */
	uint64_t cfgsig;  /* which configuration files apply to it (a new one rebuilds it) */
	/* results */
	wp_build_status status;
	unsigned written;
	wp_diags diags;
	entry out;     /* the state entry to keep */
} job;

typedef struct jobs {
	job *j;
	size_t n, cap;
} jobs;

/* The real folders walked so far (device and inode): each once. */
typedef struct seen_dirs {
	struct {
		dev_t dev;
		ino_t ino;
		int used;
	} *d;
	size_t n, cap; /* cap: a power of two */
} seen_dirs;

/* A walk of the folders given: where sources are gathered, the tree's
 * real root (links that leave it are not followed), the output folder
 * (never walked). */
typedef struct walk_link {
	char *path, *rel, *dir; /* the link, below the folder given, the folder it is in */
	int depth;
} walk_link;

typedef struct walk {
	jobs *js;
	seen_dirs *seen;
	const char *skip;  /* the output folder's real path */
	const char *root;  /* the real path of the folder given */
	int follow_out;    /* follow links out of the tree too */
	wp_diags *d;
	walk_link *links;  /* links to folders, walked once the real tree is */
	size_t nlinks, caplinks;
} walk;

typedef struct dephash {
	char *path;
	uint64_t h;
} dephash;

typedef struct ctx {
	const wp_build_opts *o;
	wp_env *env;
	wp_doc_opts dopt;     /* how every source is opened */
	wp_configs *configs;  /* the configuration files, each read once */
	uint64_t base;        /* hash of what every output depends on */
	uint64_t tplhash[BD_NFORMATS];  /* and what each format's depends on besides */
	const char *outreal;  /* OUTDIR's real path */
	state *old;
	jobs *js;
	dephash *deps;        /* the files sources depend on, hashed once */
	size_t ndeps, dcap;
	uint64_t env_hash;    /* the hash of the data folder's profiles (one may be picked by structure) */
	long long started;    /* when this build started, ns since the epoch */
	size_t next, done;
	pthread_mutex_t lock;
} ctx;

/* The roots this build was asked about: real paths of its folders (where
 * a source that is gone has its annexes removed) and of its files. */
typedef struct roots {
	char **dir;
	size_t n;
} roots;

int bd_under(const roots *r, const char *src);
int bd_cmp_entry(const void *a, const void *b);
char *bd_dec(const char *s, size_t n);
void bd_enc(wp_buf *b, const char *s);
void bd_entry_free(entry *e);
int bd_inside(const char *outreal, const char *path);
int bd_mkdirs(const char *path);
char *bd_out_path(const char *outdir, const char *rel, int f);
int bd_safe_rel(const char *rel);
entry *bd_state_add(state *s);
entry *bd_state_find(state *s, const char *rel);
void bd_state_free(state *s);
int bd_state_read(state *s, const char *path);
/* The findings of s's entries still in the last build's FINDINGS_FILE
 * beside the state at path, whose hash is fhash (the last state's), read
 * in; an entry whose findings are lost (the file changed since) gets ""
 * and counts in *lost. WP_OK or WP_ENOMEM. */
int bd_findings_load(state *s, const char *path, uint64_t fhash, size_t *lost);
/* The state into b and the findings into fb, which names them (its hash
 * in the state); every entry's findings loaded. */
void bd_state_write(wp_buf *b, wp_buf *fb, state *s);
int bd_add_job(jobs *js, const char *path, const char *rel, const struct stat *st);
int bd_cmp_job(const void *a, const void *b);
int bd_first_visit(seen_dirs *s, const struct stat *st);
size_t bd_stem_len(const char *rel);
void bd_sweep_temps(const char *dir);
int bd_walk_tree(walk *w, const char *dir, const struct stat *st);
void bd_index_page(wp_buf *b, const state *s);
int bd_unchanged_build(const state *old, const state *now, size_t built);
int bd_write_if_changed(const char *path, const char *data, size_t len);

#endif
