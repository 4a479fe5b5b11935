/* build.c: regenerating a tree of annexes (see wpgen/build.h).
 *
 * What is stale is decided by content, not timestamps: each output's key
 * is a hash of everything it depends on (the source, every file the
 * document read, the template, wpgen's version and the options), kept in
 * OUTDIR/.wpgen-state with a hash of what was written. A no-change build
 * writes nothing. Sources are opened with wp_doc_probe (the key) and
 * wp_doc_load (only when something changed), rendered by a pool of
 * threads, each output written atomically; the state and the index page
 * are written last.
 *
 * What keeps a build from losing anything:
 *  - the state is a line per source of percent-encoded fields (a tab or a
 *    newline in a name is %09 or %0A), read back exactly;
 *  - a path from the state is used only when it stays inside OUTDIR (no
 *    "..", no absolute path, no symbolic link on the way), and a file is
 *    removed only when it still holds what wpgen wrote (its hash);
 *  - stale outputs are removed only for sources gone from a folder the
 *    build was given: building one file leaves every other annex alone;
 *  - an output that would be one of the sources stops the build before
 *    anything is written;
 *  - OUTDIR is locked (flock): a second build waits;
 *  - each real folder is walked once (device and inode): symbolic links
 *    that loop are walked no further. */
#define _GNU_SOURCE /* (flock) */
#include "wpgen/wpgen.h"
#include "base/alloc.h"
#include "base/escape.h"
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
#define LOCK_FILE ".wpgen-lock"
#define STATE_MAGIC "wpgen-state 7" /* 5: the hash eight bytes at a step; 6: the index page's hash;
				      * 7: each source's stat and dependencies */
/* A source changed less than this before the build that reads it may
 * change again within one tick of the file system's clock, its stat
 * unchanged: its stat is not recorded, and the next build reads its bytes
 * (git's "racily clean"). */
#define RACY_NS 2000000000LL
#define MAX_DEPTH 64

static const char *const ext[3] = {"html", "md", "xml"};

/***** hashing *****/

/* A 64-bit hash of bytes, eight at a step (FNV-1a's prime and offset,
 * with a shift to mix the high bits down): a no-change build hashes every
 * source, and the byte-at-a-time FNV-1a was a third of its time. Keys and
 * content hashes, not a defence against anyone. */
static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	for (; n >= 8; s += 8, n -= 8) {
		uint64_t w;
		memcpy(&w, s, 8);
		h = (h ^ w) * 0x100000001b3ULL;
		h ^= h >> 31;
	}
	for (; n; n--)
		h = (h ^ *s++) * 0x100000001b3ULL;
	return h;
}

static uint64_t fnv_str(uint64_t h, const char *s)
{
	return fnv(h, s, strlen(s) + 1);
}

#define FNV0 0xcbf29ce484222325ULL

/* The hash of a file's bytes, or 0 when it cannot be read. */
static uint64_t file_hash(const char *path)
{
	char *buf;
	size_t len;
	if (wp_read_file(&buf, &len, path) != WP_OK)
		return 0;
	uint64_t h = fnv(FNV0, buf, len);
	wp_free(buf);
	return h ? h : 1;
}

/***** paths *****/

/* A path from the state or the walk is used below OUTDIR only when it is
 * relative, with no empty, "." or ".." part. */
static int safe_rel(const char *rel)
{
	if (!*rel || rel[0] == '/')
		return 0;
	for (const char *p = rel; *p;) {
		size_t n = strcspn(p, "/");
		if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		p += n + (p[n] == '/');
	}
	return 1;
}

/* The output of rel in format f: OUTDIR/rel-without-extension.f */
static char *out_path(const char *outdir, const char *rel, int f)
{
	assert(safe_rel(rel) && f >= 0 && f < 3);
	wp_buf b = {0};
	const char *dot = strrchr(rel, '.'), *slash = strrchr(rel, '/');
	size_t stem = dot && (!slash || dot > slash) ? (size_t)(dot - rel) : strlen(rel);
	wp_buf_printf(&b, "%s/%.*s.%s", outdir, (int)stem, rel, ext[f]);
	return wp_buf_detach(&b, NULL);
}

/* Whether path's folder is inside the real folder outreal (no symbolic
 * link leads out of it on the way). */
static int inside(const char *outreal, const char *path)
{
	char *copy = wp_strdup(path), *slash = copy ? strrchr(copy, '/') : NULL;
	int in = 0;
	if (slash) {
		*slash = '\0';
		char *real = realpath(copy, NULL);
		size_t n = strlen(outreal);
		in = real && !strncmp(real, outreal, n) && (real[n] == '\0' || real[n] == '/');
		free(real);
	}
	wp_free(copy);
	return in;
}

static int mkdirs(const char *path)
{
	char *p = wp_strdup(path);
	if (!p)
		return -1;
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) < 0 && errno != EEXIST) { /* the kernel applies the umask */
			wp_free(p);
			return -1;
		}
		*s = '/';
	}
	wp_free(p);
	return 0;
}

/***** the state of the last build *****/

typedef struct entry {
	char *src;        /* the source's real path */
	char *rel;        /* its path below the folder it was found in: names the outputs */
	unsigned formats;
	uint64_t key[3];  /* per output format: what it was built from */
	uint64_t hash[3]; /* and what it holds as wpgen wrote it */
	size_t errors, warnings, activities;
	char *kind, *title;
	char *status;     /* where things stand, in words ("1 green, 3 blue, ..."), or "" */
	char *findings;   /* its findings as check prints them (the first 50), or "", encoded
			   * as in the state: only the index page reads them */
	uint64_t sig;     /* the source's stat (device, inode, size, times) when it was read; 0: none */
	uint64_t text;    /* the hash of its bytes (a .docx: of its Markdown) */
	char *files;      /* the files it depends on (wp_doc.deps), each encoded, a space apart */
	int seen;         /* a source of this build */
} entry;

typedef struct state {
	entry *e;
	size_t n, cap;
	uint64_t index;  /* the hash of the index page written with it; 0: none */
	uint64_t env;    /* the hash of the data folder's profiles it was built with */
	int whole;       /* read line for line: writing it again gives the same bytes */
} state;

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const entry *)a)->rel, ((const entry *)b)->rel);
}

static void entry_free(entry *e)
{
	wp_free(e->src);
	wp_free(e->rel);
	wp_free(e->kind);
	wp_free(e->title);
	wp_free(e->status);
	wp_free(e->findings);
	wp_free(e->files);
}

static void state_free(state *s)
{
	for (size_t i = 0; i < s->n; i++)
		entry_free(&s->e[i]);
	wp_free(s->e);
	memset(s, 0, sizeof *s);
}

static entry *state_add(state *s)
{
	if (s->n == s->cap) {
		size_t nc = s->cap ? s->cap * 2 : 64;
		entry *e = wp_realloc(s->e, nc * sizeof *e);
		if (!e)
			return NULL;
		s->e = e;
		s->cap = nc;
	}
	memset(&s->e[s->n], 0, sizeof *s->e);
	return &s->e[s->n++];
}

static entry *state_find(state *s, const char *rel)
{
	entry key = {0};
	key.rel = (char *)rel;
	return s->n ? bsearch(&key, s->e, s->n, sizeof *s->e, cmp_entry) : NULL;
}

/* Fields are percent-encoded: every byte but letters, digits and "._/-~+"
 * is %XX, so that a tab, a newline or a '%' in a name cannot be taken
 * for a separator. */
static int plain_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '/' ||
	       c == '-' || c == '~' || c == '+';
}

static void enc(wp_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)(s ? s : ""), *run = p;
	for (; *p; p++) {
		if (plain_byte(*p))
			continue;
		/* (runs of plain bytes copied at once: the state holds every
		 * programme's findings) */
		wp_buf_put(b, (const char *)run, (size_t)(p - run));
		char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
		wp_buf_put(b, e, 3);
		run = p + 1;
	}
	wp_buf_put(b, (const char *)run, (size_t)(p - run));
}

static int hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Decodes s[0..n) into o (n + 1 bytes; NULL: only checks). 0 when it is
 * not an encoding enc writes. */
static int dec_to(char *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		/* a run of plain bytes up to the next escape, copied at once */
		const char *pc = memchr(s + i, '%', n - i);
		size_t e = pc ? (size_t)(pc - s) : n;
		for (size_t k = i; k < e; k++)
			if ((unsigned char)s[k] <= ' ')
				return 0;
		if (o) {
			memcpy(o, s + i, e - i);
			o += e - i;
		}
		if (e == n)
			break;
		int hi = e + 2 < n ? hexval(s[e + 1]) : -1, lo = hi >= 0 ? hexval(s[e + 2]) : -1;
		if (lo < 0 || !(hi | lo))
			return 0; /* not an escape; or a NUL, never in a name */
		if (o)
			*o++ = (char)(hi * 16 + lo);
		i = e + 3;
	}
	if (o)
		*o = '\0';
	return 1;
}

/* s[0..n) decoded; NULL when it is not an encoding enc writes (or OOM). */
static char *dec(const char *s, size_t n)
{
	char *r = wp_malloc(n + 1); /* (decoding never lengthens) */
	if (r && !dec_to(r, s, n)) {
		wp_free(r);
		r = NULL;
	}
	return r;
}

static char *copy_n(const char *s, size_t n)
{
	char *r = wp_malloc(n + 1);
	if (r) {
		memcpy(r, s, n);
		r[n] = '\0';
	}
	return r;
}

static int num(const char *s, size_t n, unsigned long long *v, int base)
{
	char *end;
	if (!n || n > 20)
		return 0;
	char tmp[24];
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	errno = 0;
	*v = strtoull(tmp, &end, base);
	return !errno && *end == '\0' && tmp[0] != '-';
}

#define NFIELDS 19

/* One line: src rel formats key0 key1 key2 hash0 hash1 hash2 errors
 * warnings activities kind title status findings sig text files,
 * tab-separated. 1 when read. */
static int state_line(entry *x, const char *line, size_t len)
{
	const char *f[NFIELDS];
	size_t fl[NFIELDS], k = 0;
	for (size_t i = 0, start = 0; i <= len; i++)
		if (i == len || line[i] == '\t') {
			if (k == NFIELDS)
				return 0;
			f[k] = line + start;
			fl[k++] = i - start;
			start = i + 1;
		}
	unsigned long long v[10], sig, text;
	if (k != NFIELDS || !num(f[2], fl[2], &v[0], 10) || !num(f[16], fl[16], &sig, 16) || !num(f[17], fl[17], &text, 16))
		return 0;
	for (int i = 0; i < 9; i++)
		if (!num(f[3 + i], fl[3 + i], &v[1 + i], i < 6 ? 16 : 10))
			return 0;
	x->src = dec(f[0], fl[0]);
	x->rel = dec(f[1], fl[1]);
	x->kind = dec(f[12], fl[12]);
	x->title = dec(f[13], fl[13]);
	x->status = dec(f[14], fl[14]);
	x->findings = dec_to(NULL, f[15], fl[15]) ? copy_n(f[15], fl[15]) : NULL;
	x->files = copy_n(f[18], fl[18]); /* (kept encoded: decoded when used) */
	if (!x->src || !x->rel || !x->kind || !x->title || !x->status || !x->findings || !x->files || !safe_rel(x->rel) ||
	    v[0] > 7) {
		entry_free(x);
		return 0;
	}
	x->formats = (unsigned)v[0];
	for (int i = 0; i < 3; i++) {
		x->key[i] = v[1 + i];
		x->hash[i] = v[4 + i];
	}
	x->errors = v[7];
	x->warnings = v[8];
	x->activities = v[9];
	x->sig = sig;
	x->text = text;
	return 1;
}

/* Reads the state; a missing file, another format, a damaged line: those
 * sources are rebuilt, and nothing of theirs is removed. */
static int state_read(state *s, const char *path)
{
	char *buf;
	size_t len;
	if (wp_read_file(&buf, &len, path) != WP_OK)
		return errno == ENOENT ? WP_OK : WP_EIO;
	const char *p = buf, *end = buf + len;
	const char *nl = memchr(p, '\n', len);
	if (!nl || (size_t)(nl - p) != strlen(STATE_MAGIC) || memcmp(p, STATE_MAGIC, strlen(STATE_MAGIC))) {
		wp_free(buf); /* an older format: everything is rebuilt */
		return WP_OK;
	}
	/* the index page's hash, the profiles', then a line a source */
	unsigned long long ih, eh;
	int at = 0;
	s->whole = 1;
	p = nl + 1;
	if (sscanf(p, "index\t%16llx\nenv\t%16llx%n", &ih, &eh, &at) == 2 && p + at < end && p[at] == '\n') {
		s->index = ih;
		s->env = eh;
		nl = p + at;
	} else {
		s->whole = 0;
	}
	for (p = nl + 1; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		entry x = {0};
		if (!state_line(&x, p, (size_t)(nl - p))) {
			s->whole = 0;
			continue;
		}
		/* kept in order (the state is written sorted: each line goes at
		 * the end), so that state_find can search it */
		size_t lo = 0, hi = s->n;
		if (s->n && strcmp(s->e[s->n - 1].rel, x.rel) < 0)
			lo = s->n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (strcmp(s->e[mid].rel, x.rel) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < s->n)
			s->whole = 0; /* not in the order state_write writes */
		entry *e = lo < s->n && strcmp(s->e[lo].rel, x.rel) == 0 ? NULL : state_add(s);
		if (!e) {
			entry_free(&x);
			s->whole = 0;
			continue; /* a second line for one source: the first stands */
		}
		memmove(&s->e[lo + 1], &s->e[lo], (s->n - 1 - lo) * sizeof *s->e);
		s->e[lo] = x;
	}
	wp_free(buf);
	return WP_OK;
}

static void state_write(wp_buf *b, const state *s)
{
	wp_buf_printf(b, STATE_MAGIC "\nindex\t%016llx\nenv\t%016llx\n", (unsigned long long)s->index,
		      (unsigned long long)s->env);
	for (size_t i = 0; i < s->n; i++) {
		const entry *e = &s->e[i];
		enc(b, e->src);
		wp_buf_putc(b, '\t');
		enc(b, e->rel);
		wp_buf_printf(b, "\t%u", e->formats);
		for (int f = 0; f < 3; f++)
			wp_buf_printf(b, "\t%016llx", (unsigned long long)e->key[f]);
		for (int f = 0; f < 3; f++)
			wp_buf_printf(b, "\t%016llx", (unsigned long long)e->hash[f]);
		wp_buf_printf(b, "\t%zu\t%zu\t%zu\t", e->errors, e->warnings, e->activities);
		enc(b, e->kind);
		wp_buf_putc(b, '\t');
		enc(b, e->title);
		wp_buf_putc(b, '\t');
		enc(b, e->status);
		wp_buf_putc(b, '\t');
		wp_buf_puts(b, e->findings ? e->findings : "");
		wp_buf_printf(b, "\t%016llx\t%016llx\t", (unsigned long long)e->sig, (unsigned long long)e->text);
		wp_buf_puts(b, e->files ? e->files : "");
		wp_buf_putc(b, '\n');
	}
	wp_buf_put(b, "", 0);
}

/***** sources *****/

typedef struct job {
	char *path;    /* to read */
	char *rel;     /* below the folder it was found in: names the outputs */
	char *real;    /* its real path */
	dev_t dev;
	ino_t ino;
	int clash;     /* another source writes the same annexes: not built */
	const char *root; /* the folder given it was found under (a report's plan is inside it), or NULL */
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

static int is_source(const char *name)
{
	size_t n = strlen(name);
	return (n > 3 && strcmp(name + n - 3, ".md") == 0) || (n > 4 && strcmp(name + n - 4, ".xml") == 0) ||
	       (n > 5 && strcmp(name + n - 5, ".docx") == 0);
}

static int add_job(jobs *js, const char *path, const char *rel, const struct stat *st)
{
	if (js->n == js->cap) {
		size_t nc = js->cap ? js->cap * 2 : 64;
		job *j = wp_realloc(js->j, nc * sizeof *j);
		if (!j)
			return WP_ENOMEM;
		js->j = j;
		js->cap = nc;
	}
	job *j = &js->j[js->n];
	memset(j, 0, sizeof *j);
	j->path = wp_strdup(path);
	j->rel = wp_strdup(rel);
	char *real = realpath(path, NULL);
	j->real = real ? wp_strdup(real) : wp_strdup(path);
	free(real);
	if (!j->path || !j->rel || !j->real) {
		wp_free(j->path);
		wp_free(j->rel);
		wp_free(j->real);
		return WP_ENOMEM;
	}
	j->dev = st->st_dev;
	j->ino = st->st_ino;
	js->n++;
	return WP_OK;
}

/* The real folders walked so far (device and inode): each once. */
typedef struct seen_dirs {
	struct {
		dev_t dev;
		ino_t ino;
	} *d;
	size_t n, cap;
} seen_dirs;

static int first_visit(seen_dirs *s, const struct stat *st)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->d[i].dev == st->st_dev && s->d[i].ino == st->st_ino)
			return 0;
	if (s->n == s->cap) {
		size_t nc = s->cap ? s->cap * 2 : 32;
		void *g = wp_realloc(s->d, nc * sizeof *s->d);
		if (!g)
			return -1;
		s->d = g;
		s->cap = nc;
	}
	s->d[s->n].dev = st->st_dev;
	s->d[s->n++].ino = st->st_ino;
	return 1;
}

/* Whether path, an .xml file met in a folder, is XML of another kind than
 * wpgen's (a Word part kept as text, a configuration file): its root
 * element is not in wpgen's namespace. A file that cannot be read, or
 * whose root cannot be, is left to the build, which says why. */
static int foreign_xml(const char *path)
{
	size_t n = strlen(path);
	char *buf;
	if (n < 4 || strcmp(path + n - 4, ".xml") || wp_read_file(&buf, &n, path) != WP_OK)
		return 0;
	int is = wp_xml_is_wpgen(buf, n);
	wp_free(buf);
	return is == 0;
}

/* Walks dir for sources; rel is the path below the folder given. */
static int walk(jobs *js, seen_dirs *seen, const char *dir, const char *rel, const char *skip, int depth, wp_diags *d)
{
	DIR *dp;
	struct dirent *de;
	int rc = WP_OK;
	if (depth > MAX_DEPTH)
		return wp_diags_add(d, dir, 0, 0, WP_WARNING, "build.depth", "folders nested deeper than %d are not walked",
				    MAX_DEPTH) == WP_OK ? WP_OK : WP_ENOMEM;
	dp = opendir(dir);
	if (!dp) {
		wp_diags_add(d, dir, 0, 0, WP_ERROR, "io.read", "cannot read folder: %s", strerror(errno));
		return WP_EIO;
	}
	while ((de = readdir(dp)) && rc == WP_OK) {
		if (de->d_name[0] == '.')
			continue; /* hidden files, . and .. */
		wp_buf p = {0}, r = {0};
		struct stat st;
		wp_buf_printf(&p, "%s/%s", dir, de->d_name);
		wp_buf_printf(&r, "%s%s%s", rel, *rel ? "/" : "", de->d_name);
		if (p.oom || r.oom) {
			rc = WP_ENOMEM;
		} else if (stat(p.data, &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				char *real = realpath(p.data, NULL);
				int skipped = skip && real && strcmp(real, skip) == 0, first = first_visit(seen, &st);
				free(real);
				if (first < 0)
					rc = WP_ENOMEM;
				else if (first && !skipped) /* a folder met again (a link loop): walked once */
					rc = walk(js, seen, p.data, r.data, skip, depth + 1, d);
			} else if (S_ISREG(st.st_mode) && is_source(de->d_name) && foreign_xml(p.data)) {
				rc = wp_diags_add(d, p.data, 0, 0, WP_NOTE, "build.foreign",
						  "not built: XML of another kind than a work programme (wpgen's namespace is not named)");
			} else if (S_ISREG(st.st_mode) && is_source(de->d_name)) {
				rc = add_job(js, p.data, r.data, &st);
			}
		}
		wp_buf_free(&p);
		wp_buf_free(&r);
	}
	closedir(dp);
	return rc;
}

static int cmp_job(const void *a, const void *b)
{
	return strcmp(((const job *)a)->rel, ((const job *)b)->rel);
}

/* The stem of rel (without its extension), for clashes. */
static size_t stem_len(const char *rel)
{
	const char *dot = strrchr(rel, '.'), *slash = strrchr(rel, '/');
	return dot && (!slash || dot > slash) ? (size_t)(dot - rel) : strlen(rel);
}

/* Is name a temporary that an atomic write left behind when the process
 * was killed: ".NAME.tmp.XXXXXX", NAME an annex, the index page or the
 * state file? */
static int is_stale_temp(const char *name)
{
	size_t n = strlen(name);
	if (n < 1 + 1 + 5 + 6 || name[0] != '.' || memcmp(name + n - 11, ".tmp.", 5) != 0)
		return 0;
	for (size_t i = n - 6; i < n; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') || (name[i] >= '0' && name[i] <= '9')))
			return 0;
	const char *const ends[] = {".html", ".md", ".xml", STATE_FILE};
	for (size_t k = 0; k < sizeof ends / sizeof *ends; k++) {
		size_t e = strlen(ends[k]), body = n - 11;
		if (body > e && !memcmp(name + body - e, ends[k], e))
			return 1;
	}
	return 0;
}

/* Removes what an interrupted build left behind in dir (one pass over the
 * folder; never an annex itself). The lock keeps another build's
 * temporaries out of the way. */
static void sweep_temps(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	if (!d)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] != '.' || !is_stale_temp(de->d_name))
			continue;
		wp_buf b = {0};
		wp_buf_printf(&b, "%s/%s", dir, de->d_name);
		if (!b.oom)
			unlink(b.data);
		wp_buf_free(&b);
	}
	closedir(d);
}

/***** building one source *****/

typedef struct dephash {
	char *path;
	uint64_t h;
} dephash;

typedef struct ctx {
	const wp_build_opts *o;
	wp_env *env;
	wp_doc_opts dopt;     /* how every source is opened */
	uint64_t base;        /* hash of what every output depends on */
	uint64_t tplhash[3];  /* and what each format's depends on besides */
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

/* The hash of a file a source depends on (its profile, its plan, the
 * schema), read once per build. */
static uint64_t dep_hash(ctx *c, const char *path)
{
	uint64_t h = 0;
	int found = 0;
	pthread_mutex_lock(&c->lock);
	for (size_t i = 0; i < c->ndeps && !found; i++)
		if (!strcmp(c->deps[i].path, path))
			h = c->deps[i].h, found = 1;
	pthread_mutex_unlock(&c->lock);
	if (found)
		return h;
	h = file_hash(path);
	pthread_mutex_lock(&c->lock);
	if (c->ndeps == c->dcap) {
		size_t nc = c->dcap ? c->dcap * 2 : 16;
		dephash *g = wp_realloc(c->deps, nc * sizeof *g);
		if (g)
			c->deps = g, c->dcap = nc;
	}
	if (c->ndeps < c->dcap && (c->deps[c->ndeps].path = wp_strdup(path)) != NULL)
		c->deps[c->ndeps++].h = h;
	pthread_mutex_unlock(&c->lock);
	return h;
}

/* What kind of programme a document is, as its profile says it in words
 * ("Progress report on a joint work plan"; its description up to " ("). */
static char *kind_of(const wp_doc *doc)
{
	const wp_profile *pr = doc->source_profile;
	const char *d = pr->description ? pr->description : pr->name;
	size_t n = strstr(d, " (") ? (size_t)(strstr(d, " (") - d) : strlen(d);
	char *k = wp_malloc(n + 1);
	if (k) {
		memcpy(k, d, n);
		k[n] = '\0';
	}
	return k;
}

/* A programme's findings for the index page: the first 50 lines as check
 * prints them, then how many more, encoded as in the state. NULL when
 * memory ran out. */
static char *findings_text(const wp_diags *d)
{
	wp_diags first = *d;
	wp_buf b = {0};
	char *t = NULL;
	size_t n;
	if (first.n > 50)
		first.n = 50;
	if (wp_format_diags(&t, &n, &first, WP_FORMAT_GCC) != WP_OK)
		return NULL;
	wp_buf_put(&b, t, n);
	wp_free(t);
	if (d->n > 50)
		wp_buf_printf(&b, "and %zu more: wpgen check shows them all\n", d->n - 50);
	wp_buf e = {0};
	if (!b.oom)
		enc(&e, b.data ? b.data : "");
	e.oom |= b.oom; /* (the whole text, or none: never a cut one) */
	wp_buf_free(&b);
	wp_buf_puts(&e, "");
	return wp_buf_detach(&e, NULL);
}

/* Where a programme stands, in words, for the index page: its
 * activities by status colour ("1 green, 3 blue, 2 red, 4 without a
 * colour"), and overdue at its as-of date; "" without colours. NULL when
 * memory ran out. */
static char *status_words(const wp_programme *p, const wp_profile *prof, const wp_facts *f)
{
	const wp_count *t = &f->total;
	wp_buf b = {0};
	if (!prof->ncolours || !wp_programme_activities(p))
		return wp_strdup("");
	const char *sep = "";
	for (size_t q = 0; t->has_status && q < prof->ncolours; q++)
		if (t->by_colour[q]) {
			wp_buf_printf(&b, "%s%zu %s", sep, t->by_colour[q], prof->colours[q].name);
			sep = ", ";
		}
	if (t->none)
		wp_buf_printf(&b, "%s%zu without a colour", sep, t->none);
	if (!t->has_status)
		wp_buf_puts(&b, "no status column");
	if (f->as_of)
		wp_buf_printf(&b, "; %zu overdue at %s", t->overdue, f->as_of);
	wp_buf_puts(&b, "");
	if (b.oom) {
		wp_buf_free(&b);
		return NULL;
	}
	return wp_buf_detach(&b, NULL);
}

/* Removes an output of a source, only when it is inside OUTDIR, a file
 * (not a link), and holds what wpgen wrote. 1 removed, 0 not there,
 * -1 left in place. */
static int remove_output(const ctx *c, const char *op, uint64_t wrote)
{
	struct stat st;
	if (!op || lstat(op, &st) != 0)
		return 0;
	if (!S_ISREG(st.st_mode) || !inside(c->outreal, op) || !wrote || file_hash(op) != wrote)
		return -1;
	return unlink(op) == 0 ? 1 : -1;
}

/* The hash of the data folder's profiles, names and bytes: a source
 * whose profile is picked by structure depends on all of them. 0 when
 * memory ran out (no source is then taken as unchanged by its stat). */
static uint64_t profiles_hash(const char *datadir)
{
	wp_buf dir = {0};
	char **names = NULL;
	wp_buf_printf(&dir, "%s/profiles", datadir);
	size_t n = dir.oom ? 0 : wp_profile_names(dir.data, &names); /* (sorted) */
	int oom = dir.oom;
	uint64_t h = FNV0;
	for (size_t i = 0; i < n && !oom; i++) {
		wp_buf path = {0};
		wp_buf_printf(&path, "%s/%s.yaml", dir.data, names[i]);
		uint64_t fh = path.oom ? 0 : file_hash(path.data);
		oom = path.oom;
		h = fnv(fnv_str(h, names[i]), &fh, sizeof fh);
		wp_buf_free(&path);
	}
	for (size_t i = 0; i < n; i++)
		wp_free(names[i]);
	wp_free(names);
	wp_buf_free(&dir);
	return oom ? 0 : h ? h : 1;
}

/* A hash of what stat says of a source: new bytes change its size or its
 * modification time; a file put in its place, its inode. */
static uint64_t stat_sig(const struct stat *st)
{
	const long long v[7] = {(long long)st->st_dev, (long long)st->st_ino, (long long)st->st_size,
				(long long)st->st_mtim.tv_sec, st->st_mtim.tv_nsec, (long long)st->st_ctim.tv_sec,
				st->st_ctim.tv_nsec};
	uint64_t h = fnv(FNV0, v, sizeof v);
	return h ? h : 1;
}

/* The files a document depends on, each encoded, a space apart (NULL:
 * out of memory). */
static char *deps_text(const wp_doc *doc)
{
	wp_buf b = {0};
	for (size_t i = 0; i < doc->ndeps; i++) {
		if (i)
			wp_buf_putc(&b, ' ');
		enc(&b, doc->deps[i]);
	}
	return wp_buf_detach(&b, NULL);
}

/* A source's key: the hash of its bytes and of every file it depends on
 * (files as deps_text writes them). 0 when one cannot be decoded or
 * memory ran out: no key, the source is built. */
static uint64_t source_key(ctx *c, uint64_t text, const char *files)
{
	uint64_t key = fnv(c->base, &text, sizeof text);
	for (const char *p = files; *p;) {
		size_t n = strcspn(p, " ");
		char *dep = dec(p, n);
		if (!dep)
			return 0;
		uint64_t h = dep_hash(c, dep);
		key = fnv(fnv_str(key, dep), &h, sizeof h);
		wp_free(dep);
		p += n + (p[n] == ' ');
	}
	return key ? key : 1;
}

/* Each output's key set; which outputs are stale (their key changed, or
 * they are gone). */
static unsigned stale_outputs(ctx *c, job *j, const entry *prev, uint64_t key)
{
	unsigned stale = 0;
	for (int f = 0; f < 3; f++) {
		if (!(c->o->formats & (1u << f)))
			continue;
		j->out.key[f] = key ? fnv(key, &c->tplhash[f], sizeof c->tplhash[f]) : 0;
		char *op = out_path(c->o->outdir, j->rel, f);
		struct stat st;
		if (!prev || !key || prev->key[f] != j->out.key[f] || !op || stat(op, &st) != 0)
			stale |= 1u << f;
		wp_free(op);
	}
	return stale;
}

/* An unchanged source: what the last build found of it. */
static void keep_prev(job *j, const entry *prev)
{
	j->status = WP_BUILD_UNCHANGED;
	j->out.errors = prev->errors;
	j->out.warnings = prev->warnings;
	j->out.activities = prev->activities;
	j->out.kind = wp_strdup(prev->kind);
	j->out.title = wp_strdup(prev->title);
	j->out.status = wp_strdup(prev->status);
}

static void build_one(ctx *c, job *j)
{
	const wp_build_opts *o = c->o;
	wp_doc *doc = NULL;
	entry *prev = state_find(c->old, j->rel);
	char *text[3] = {NULL, NULL, NULL};
	size_t tlen[3] = {0, 0, 0};
	int rc;

	j->out.formats = o->formats;
	if (prev)
		memcpy(j->out.hash, prev->hash, sizeof j->out.hash);
	if (j->clash) {
		j->status = WP_BUILD_FAILED;
		goto done;
	}
	/* Unchanged by its stat: the same file, not written since, depending
	 * on files whose bytes are the same, the profiles the same. Nothing of
	 * it is read (a no-change build of a thousand programmes read and
	 * probed every one). */
	struct stat sst;
	uint64_t sig = 0;
	if (stat(j->path, &sst) == 0 &&
	    (long long)sst.st_mtim.tv_sec * 1000000000LL + sst.st_mtim.tv_nsec + RACY_NS < c->started)
		sig = stat_sig(&sst);
	if (prev && sig && prev->sig == sig && c->env_hash && c->old->env == c->env_hash) {
		uint64_t key = source_key(c, prev->text, prev->files);
		if (key && !stale_outputs(c, j, prev, key)) {
			j->out.sig = sig;
			j->out.text = prev->text;
			j->out.files = wp_strdup(prev->files);
			keep_prev(j, prev);
			goto done;
		}
	}
	wp_doc_opts dopt = c->dopt;
	if (!dopt.plan_root)
		dopt.plan_root = j->root;
	rc = wp_doc_probe(&doc, c->env, j->path, &dopt, &j->diags);
	if (rc != WP_OK) {
		j->status = WP_BUILD_FAILED;
		goto done;
	}
	/* the key: the source's bytes, and every file it depends on (its
	 * profiles; a report's plan and the plan's profile; the schema) */
	j->out.sig = sig;
	j->out.text = fnv(FNV0, doc->text, doc->len);
	j->out.files = deps_text(doc);
	uint64_t key = j->out.files ? source_key(c, j->out.text, j->out.files) : 0;
	unsigned stale = stale_outputs(c, j, prev, key);
	if (!stale && prev) {
		keep_prev(j, prev);
		goto done;
	}
	rc = wp_doc_load(doc, c->env, &dopt, &j->diags);
	if (rc != WP_OK) {
		j->status = WP_BUILD_FAILED;
		goto done;
	}
	const wp_programme *p = doc->p;
	wp_diags_sort(&j->diags);
	j->out.kind = kind_of(doc);
	j->out.title = wp_strdup(p->title ? p->title : "");
	j->out.activities = doc->facts->total.activities;
	j->out.status = status_words(p, doc->profile, doc->facts);
	if (!j->out.status)
		rc = WP_ENOMEM;
	j->out.errors = j->diags.errors;
	j->out.warnings = j->diags.warnings;
	/* render everything before writing anything */
	for (int f = 0; f < 3 && rc == WP_OK; f++) {
		if (!(stale & (1u << f)))
			continue;
		if (f == 2)
			rc = wp_write_xml(&text[f], &tlen[f], p, doc->profile, WP_XML_ANNOTATED, doc->facts);
		else
			rc = f == 1 ? wp_write_md(&text[f], &tlen[f], p, doc->profile, 1, doc->facts)
				    : wp_write_html(&text[f], &tlen[f], p, doc->profile, doc->facts);
	}
	for (int f = 0; f < 3 && rc == WP_OK; f++) {
		if (!text[f])
			continue;
		char *op = out_path(o->outdir, j->rel, f);
		int err = 0;
		if (!op || mkdirs(op) < 0)
			err = op ? errno : ENOMEM;
		else if (!inside(c->outreal, op))
			err = ELOOP; /* a symbolic link in the output folder leads out of it */
		else if (wp_write_file(op, text[f], tlen[f], WP_WRITE_NOFOLLOW) != WP_OK)
			err = errno;
		if (err) {
			wp_diags_add(&j->diags, op ? op : j->rel, 0, 0, WP_ERROR, "io.write", "cannot write: %s%s", strerror(err),
				     err == ELOOP ? " (a symbolic link is in the way; wpgen writes only inside the output folder)"
				     : err == EEXIST ? " (not a file wpgen wrote)" : "");
			rc = WP_EIO;
		} else {
			j->written++;
			j->out.hash[f] = fnv(FNV0, text[f], tlen[f]);
			j->out.hash[f] += !j->out.hash[f]; /* (0 means none) */
		}
		wp_free(op);
	}
	j->status = rc == WP_OK ? WP_BUILD_BUILT : WP_BUILD_FAILED;
done:
	for (int f = 0; f < 3; f++)
		wp_free(text[f]);
	if (j->status == WP_BUILD_FAILED) {
		j->out.sig = 0;
		/* the last good annex stays, unless asked otherwise */
		if (o->clean_failed && prev && !j->clash) {
			for (int f = 0; f < 3; f++) {
				char *op = out_path(o->outdir, j->rel, f);
				remove_output(c, op, prev->hash[f]);
				wp_free(op);
			}
		} else if (prev) {
			memset(j->out.key, 0, sizeof j->out.key); /* rebuild next time */
			j->out.formats = prev->formats;
			j->out.activities = prev->activities;
			wp_free(j->out.kind);
			wp_free(j->out.title);
			wp_free(j->out.status);
			j->out.kind = wp_strdup(prev->kind);
			j->out.title = wp_strdup(prev->title);
			j->out.status = wp_strdup(prev->status);
		}
		j->out.errors = j->diags.errors ? j->diags.errors : 1;
		j->out.warnings = j->diags.warnings;
	}
	/* its findings, for the index page (an unchanged source's, as they
	 * were: taken from the last state, whose entry is not used again) */
	wp_free(j->out.findings);
	if (j->status == WP_BUILD_UNCHANGED && prev) {
		j->out.findings = prev->findings;
		prev->findings = NULL;
	} else {
		j->out.findings = j->status == WP_BUILD_UNCHANGED ? wp_strdup("") : findings_text(&j->diags);
	}
	wp_doc_free(doc);
}

static void *worker(void *arg)
{
	ctx *c = arg;
	for (;;) {
		pthread_mutex_lock(&c->lock);
		size_t i = c->next < c->js->n ? c->next++ : c->js->n;
		pthread_mutex_unlock(&c->lock);
		if (i >= c->js->n)
			break;
		job *j = &c->js->j[i];
		build_one(c, j);
		pthread_mutex_lock(&c->lock);
		c->done++;
		if (c->o->progress) {
			wp_build_event e = {j->path, j->status, j->written, j->out.errors, j->out.warnings,
					    j->status == WP_BUILD_UNCHANGED ? NULL : &j->diags, c->done, c->js->n};
			c->o->progress(&e, c->o->data);
		}
		pthread_mutex_unlock(&c->lock);
		wp_diags_clear(&j->diags); /* printed: a thousand programmes' findings are not all kept */
	}
	return NULL;
}

/***** the index page *****/

/* The relative link to an output: its path with each segment escaped. */
static void href(wp_buf *b, const char *rel, const char *e)
{
	size_t n = stem_len(rel);
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)rel[i];
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || strchr("/-_.~", ch))
			wp_buf_putc(b, (char)ch);
		else
			wp_buf_printf(b, "%%%02X", ch);
	}
	wp_buf_printf(b, ".%s", e);
}

static void index_page(wp_buf *b, const state *s)
{
	wp_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
		       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
		       "<title>Annexes</title><style>body{font:14px/1.4 Arial,sans-serif;margin:1.5rem}"
		       "table{border-collapse:collapse}th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}"
		       "th{background:#e8ecf1}td.n{text-align:right}.err{color:#a50e0e;font-weight:600}"
		       ".src{color:#5f6368;font-size:.85em}pre{white-space:pre-wrap;font-size:.85em;background:#f6f7f9;"
		       "padding:.5rem;border:1px solid #ddd}</style></head>\n"
		       "<body><h1>Annexes</h1>\n<table><thead><tr><th>Programme</th><th>Kind</th><th>Activities</th>"
		       "<th>Where things stand</th><th>Findings</th><th>Annexes</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < s->n; i++) {
		const entry *e = &s->e[i];
		const char *title = e->title && *e->title ? e->title : e->rel;
		wp_buf_puts(b, "<tr><td>");
		if (e->formats & 1u) {
			wp_buf_puts(b, "<a href=\"");
			href(b, e->rel, ext[0]);
			wp_buf_puts(b, "\">");
		}
		esc_html(b, title, strlen(title));
		wp_buf_puts(b, e->formats & 1u ? "</a>" : "");
		wp_buf_puts(b, "<div class=\"src\">");
		esc_html(b, e->rel, strlen(e->rel));
		wp_buf_puts(b, "</div></td><td>");
		esc_html(b, e->kind ? e->kind : "", e->kind ? strlen(e->kind) : 0);
		wp_buf_printf(b, "</td><td class=\"n\">%zu</td><td>", e->activities);
		esc_html(b, e->status ? e->status : "", e->status ? strlen(e->status) : 0);
		wp_buf_puts(b, "</td><td>");
		if (e->findings && *e->findings)
			wp_buf_printf(b, "<a href=\"#findings-%zu\">", i + 1);
		wp_buf_printf(b, "<span class=\"%s\">%zu %s</span>, %zu %s", e->errors ? "err" : "", e->errors,
			      e->errors == 1 ? "error" : "errors", e->warnings, e->warnings == 1 ? "warning" : "warnings");
		wp_buf_puts(b, e->findings && *e->findings ? "</a>" : "");
		wp_buf_puts(b, "</td><td>");
		for (int f = 0; f < 3; f++) {
			if (!(e->formats & (1u << f)))
				continue;
			wp_buf_puts(b, "<a href=\"");
			href(b, e->rel, ext[f]);
			wp_buf_printf(b, "\">%s</a> ", ext[f]);
		}
		wp_buf_puts(b, "</td></tr>\n");
	}
	wp_buf_puts(b, "</tbody></table>\n");
	/* the findings of each programme that has some, where its row links */
	int any = 0;
	for (size_t i = 0; i < s->n; i++) {
		const entry *e = &s->e[i];
		if (!e->findings || !*e->findings)
			continue;
		if (!any++)
			wp_buf_puts(b, "<h2>Findings</h2>\n");
		wp_buf_printf(b, "<section id=\"findings-%zu\"><h3>", i + 1);
		esc_html(b, e->title && *e->title ? e->title : e->rel, strlen(e->title && *e->title ? e->title : e->rel));
		wp_buf_puts(b, "</h3><pre>");
		char *text = dec(e->findings, strlen(e->findings));
		if (!text)
			b->oom = 1; /* (the state's own encoding, read whole: only memory) */
		else
			esc_html(b, text, strlen(text));
		wp_free(text);
		wp_buf_puts(b, "</pre></section>\n");
	}
	wp_buf_puts(b, "</body></html>\n");
}

/* Writes path only when its content changes (so a no-change build
 * touches nothing). */
static int write_if_changed(const char *path, const char *data, size_t len)
{
	char *old;
	size_t olen;
	if (wp_read_file(&old, &olen, path) == WP_OK) {
		int same = olen == len && memcmp(old, data, len) == 0;
		wp_free(old);
		if (same)
			return WP_OK;
	}
	return wp_write_file(path, data, len, WP_WRITE_NOFOLLOW);
}

/* Whether this build's state is the last one's, entry for entry, and that
 * was read whole: written again, it would be the same bytes. Every source
 * of the build was unchanged (built counts those that were not): their
 * findings were taken from the last state as they were. */
static int unchanged_build(const state *old, const state *now, size_t built)
{
	if (built || !old->whole || !old->index || old->n != now->n || old->env != now->env)
		return 0;
	for (size_t i = 0; i < now->n; i++) {
		const entry *a = &old->e[i], *b = &now->e[i];
		if (strcmp(a->src, b->src) || strcmp(a->rel, b->rel) || a->formats != b->formats ||
		    memcmp(a->key, b->key, sizeof a->key) || memcmp(a->hash, b->hash, sizeof a->hash) ||
		    a->errors != b->errors || a->warnings != b->warnings || a->activities != b->activities ||
		    strcmp(a->kind, b->kind) || strcmp(a->title, b->title) || strcmp(a->status, b->status) ||
		    a->sig != b->sig || a->text != b->text ||
		    strcmp(a->files ? a->files : "", b->files ? b->files : ""))
			return 0;
	}
	return 1;
}

/***** the build *****/

/* Takes the output folder's lock, waiting (and saying so) while another
 * build holds it. The descriptor, or -1. */
static int lock_outdir(const wp_build_opts *o, wp_diags *d)
{
	wp_buf p = {0};
	wp_buf_printf(&p, "%s/" LOCK_FILE, o->outdir);
	int fd = p.oom ? -1 : open(p.data, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
	if (fd < 0)
		wp_diags_add(d, p.data ? p.data : o->outdir, 0, 0, WP_ERROR, "io.write", "cannot lock the output folder: %s",
			     strerror(errno));
	else if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if (o->progress) {
			wp_build_event e = {o->outdir, WP_BUILD_WAITING, 0, 0, 0, NULL, 0, 0};
			o->progress(&e, o->data);
		}
		while (flock(fd, LOCK_EX) < 0 && errno == EINTR)
			;
	}
	wp_buf_free(&p);
	return fd;
}

/* The roots this build was asked about: real paths of its folders (where
 * a source that is gone has its annexes removed) and of its files. */
typedef struct roots {
	char **dir;
	size_t n;
} roots;

static int under(const roots *r, const char *src)
{
	for (size_t i = 0; i < r->n; i++) {
		size_t n = strlen(r->dir[i]);
		if (!strncmp(src, r->dir[i], n) && src[n] == '/')
			return 1;
	}
	return 0;
}

static int cmp_devino(const void *a, const void *b)
{
	const job *x = a, *y = b;
	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

/* An output that is one of the sources (the same file: device and
 * inode) stops the build before anything is written. */
static int outputs_over_sources(const wp_build_opts *o, const jobs *js, wp_diags *d)
{
	job *byino = js->n ? wp_malloc(js->n * sizeof *byino) : NULL;
	int rc = WP_OK;
	if (js->n && !byino)
		return WP_ENOMEM;
	if (js->n)
		memcpy(byino, js->j, js->n * sizeof *byino);
	if (js->n)
		qsort(byino, js->n, sizeof *byino, cmp_devino);
	for (size_t i = 0; i < js->n && rc == WP_OK; i++)
		for (int f = 0; f < 3 && rc == WP_OK; f++) {
			struct stat st;
			char *op = (o->formats & (1u << f)) ? out_path(o->outdir, js->j[i].rel, f) : NULL;
			if (op && stat(op, &st) == 0) {
				job key;
				key.dev = st.st_dev;
				key.ino = st.st_ino;
				const job *hit = bsearch(&key, byino, js->n, sizeof *byino, cmp_devino);
				if (hit) {
					wp_diags_add(d, op, 0, 0, WP_ERROR, "build.source",
						     "the annex of '%s' would be written over the source '%s': nothing is built "
						     "(choose an output folder apart from the sources)", js->j[i].path, hit->path);
					rc = WP_EUSAGE;
				}
			}
			wp_free(op);
		}
	wp_free(byino);
	return rc;
}

int wp_build(const char *const *paths, size_t npaths, const wp_build_opts *o, wp_build_result *res, wp_diags *d)
{
	ctx c;
	jobs js = {0};
	state old = {0}, now = {0};
	seen_dirs seen = {0};
	roots rt = {0};
	char *outreal = NULL, *statepath = NULL;
	int rc = WP_OK, lockfd = -1;

	memset(res, 0, sizeof *res);
	memset(&c, 0, sizeof c);
	pthread_mutex_init(&c.lock, NULL);
	if (mkdir(o->outdir, 0777) < 0 && errno != EEXIST) {
		wp_diags_add(d, o->outdir, 0, 0, WP_ERROR, "io.write", "cannot make the output folder: %s", strerror(errno));
		rc = WP_EIO;
		goto done;
	}
	if (!(outreal = realpath(o->outdir, NULL))) {
		wp_diags_add(d, o->outdir, 0, 0, WP_ERROR, "io.write", "cannot use the output folder: %s", strerror(errno));
		rc = WP_EIO;
		goto done;
	}
	c.outreal = outreal;
	if ((lockfd = lock_outdir(o, d)) < 0) {
		rc = WP_EIO;
		goto done;
	}

	/* the sources, in a fixed order */
	rt.dir = wp_malloc((npaths ? npaths : 1) * sizeof *rt.dir);
	if (!rt.dir) {
		rc = WP_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < npaths && rc == WP_OK; i++) {
		struct stat st;
		if (stat(paths[i], &st) < 0) {
			wp_diags_add(d, paths[i], 0, 0, WP_ERROR, "io.read", "cannot read: %s", strerror(errno));
			rc = WP_EIO;
		} else if (S_ISDIR(st.st_mode)) {
			char *real = realpath(paths[i], NULL);
			if (real && !(rt.dir[rt.n++] = wp_strdup(real)))
				rc = WP_ENOMEM;
			free(real);
			size_t from = js.n;
			if (rc == WP_OK && first_visit(&seen, &st) > 0)
				rc = walk(&js, &seen, paths[i], "", outreal, 0, d);
			for (size_t k = from; k < js.n; k++)
				js.j[k].root = rt.dir[rt.n - 1];
		} else {
			const char *base = strrchr(paths[i], '/');
			rc = add_job(&js, paths[i], base ? base + 1 : paths[i], &st);
		}
	}
	if (rc != WP_OK)
		goto done;
	if (js.n)
		qsort(js.j, js.n, sizeof *js.j, cmp_job);
	/* two sources that would write the same annexes: the second is not built */
	for (size_t i = 1, last = 0; i < js.n; i++) {
		const char *a = js.j[last].rel, *b = js.j[i].rel;
		if (stem_len(a) != stem_len(b) || strncmp(a, b, stem_len(a))) {
			last = i;
			continue;
		}
		js.j[i].clash = 1;
		wp_diags_add(&js.j[i].diags, js.j[i].path, 0, 0, WP_ERROR, "build.clash",
			     "'%s' and '%s' would write the same annexes; '%s' is left out", js.j[last].path, js.j[i].path,
			     js.j[i].path);
	}
	if ((rc = outputs_over_sources(o, &js, d)) != WP_OK)
		goto done;

	/* what every source depends on besides its own files */
	{
		struct timespec t;
		clock_gettime(CLOCK_REALTIME, &t);
		c.started = (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
	}
	c.base = fnv_str(FNV0, WPGEN_VERSION);
	c.base = fnv(c.base, &o->formats, sizeof o->formats);
	c.base = fnv(c.base, &o->changes, sizeof o->changes);
	if (o->limits) /* a raised limit may let a refused source through */
		c.base = fnv(c.base, o->limits, sizeof *o->limits);
	if (o->as_of) /* the annexes say it, and count what is overdue at it */
		c.base = fnv_str(c.base, o->as_of);
	if ((rc = wp_env_new(&c.env, o->datadir)) != WP_OK)
		goto done;
	c.env_hash = now.env = profiles_hash(wp_env_datadir(c.env));
	c.dopt.profile = o->profile;
	c.dopt.limits = o->limits;
	c.dopt.changes = o->changes;
	c.dopt.check = 1;
	c.dopt.plan_root = o->plan_root;
	c.dopt.as_of = o->as_of;
	if (o->profile) {
		/* a profile the command names must load, before any source */
		const wp_profile *prof;
		if ((rc = wp_env_profile(c.env, o->profile, &prof, d)) != WP_OK)
			goto done;
	}
	for (int f = 0; f < 2 && rc == WP_OK; f++) {
		if (!(o->formats & (1u << f)))
			continue;
		wp_buf t = {0};
		wp_buf_printf(&t, "%s/templates/annex-%s.xsl", o->datadir, ext[f]);
		/* (the annexes are written natively, in their templates'
		 * layouts: a template's hash still keys its outputs) */
		rc = t.data ? WP_OK : WP_ENOMEM;
		c.tplhash[f] = t.data ? file_hash(t.data) : 0;
		wp_buf_free(&t);
	}
	if (rc != WP_OK)
		goto done;
	{
		wp_buf sp = {0};
		wp_buf_printf(&sp, "%s/" STATE_FILE, o->outdir);
		statepath = wp_buf_detach(&sp, NULL);
	}
	if (!statepath || state_read(&old, statepath) == WP_ENOMEM) {
		rc = WP_ENOMEM;
		goto done;
	}

	/* render, in parallel */
	c.o = o;
	c.old = &old;
	c.js = &js;
	{
		int n = o->jobs > 0 ? o->jobs : 1;
		if ((size_t)n > js.n)
			n = js.n ? (int)js.n : 1;
		pthread_t *t = wp_malloc((size_t)n * sizeof *t);
		int started = 0;
		for (int i = 0; t && i < n; i++)
			if (pthread_create(&t[i], NULL, worker, &c) == 0)
				started++;
		if (!started)
			worker(&c); /* no threads: build here */
		for (int i = 0; i < started; i++)
			pthread_join(t[i], NULL);
		wp_free(t);
	}

	/* the new state: this build's sources */
	for (size_t i = 0; i < js.n; i++) {
		job *j = &js.j[i];
		entry *prev = state_find(&old, j->rel);
		if (prev)
			prev->seen = 1;
		res->sources++;
		res->built += j->status == WP_BUILD_BUILT;
		res->unchanged += j->status == WP_BUILD_UNCHANGED;
		res->failed += j->status == WP_BUILD_FAILED;
		res->errors += j->out.errors;
		res->warnings += j->out.warnings;
		if (j->clash || (j->status == WP_BUILD_FAILED && (o->clean_failed || !prev)))
			continue;
		entry *e = state_add(&now);
		if (!e) {
			rc = WP_ENOMEM;
			goto done;
		}
		*e = j->out;
		memset(&j->out, 0, sizeof j->out);
		e->src = wp_strdup(j->real);
		e->rel = wp_strdup(j->rel);
		if (!e->kind)
			e->kind = wp_strdup("");
		if (!e->title)
			e->title = wp_strdup("");
		if (!e->status)
			e->status = wp_strdup("");
		if (!e->findings)
			e->findings = wp_strdup("");
		if (!e->src || !e->rel || !e->kind || !e->title || !e->status || !e->findings) {
			rc = WP_ENOMEM;
			goto done;
		}
	}
	/* the sources of the last build not met in this one: gone from a folder
	 * this build was given, their annexes are removed (if they are what
	 * wpgen wrote); elsewhere, they are not this build's business and are
	 * kept as they were */
	for (size_t i = 0; i < old.n; i++) {
		entry *e = &old.e[i];
		if (e->seen)
			continue;
		if (!under(&rt, e->src) || access(e->src, F_OK) == 0) {
			/* (no source of this build has its rel: not seen) */
			entry *k = state_add(&now);
			if (!k) {
				rc = WP_ENOMEM;
				goto done;
			}
			*k = *e;
			memset(e, 0, sizeof *e);
			continue;
		}
		int removed = 0, left = 0;
		for (int f = 0; f < 3; f++) {
			char *op = safe_rel(e->rel) ? out_path(o->outdir, e->rel, f) : NULL;
			int r = remove_output(&c, op, e->hash[f]);
			removed += r > 0;
			left += r < 0;
			wp_free(op);
		}
		res->removed += removed > 0;
		res->kept += left > 0;
		if (o->progress) {
			wp_build_event ev = {e->src, left ? WP_BUILD_KEPT : WP_BUILD_REMOVED, 0, 0, 0, NULL, 0, 0};
			o->progress(&ev, o->data);
		}
	}
	/* Temporaries of a build that was killed: in OUTDIR and in each
	 * folder an annex of this build is in, once each. */
	sweep_temps(o->outdir);
	{
		char *last = NULL;
		for (size_t i = 0; i < js.n; i++) {
			char *op = out_path(o->outdir, js.j[i].rel, 0), *slash = op ? strrchr(op, '/') : NULL;
			int in = op && inside(outreal, op);
			if (slash)
				*slash = '\0';
			if (in && (!last || strcmp(last, op) != 0) && strcmp(op, o->outdir) != 0)
				sweep_temps(op);
			wp_free(last);
			last = op;
		}
		wp_free(last);
	}
	if (now.n) /* none: an empty tree, or one whose every source failed */
		qsort(now.e, now.n, sizeof *now.e, cmp_entry);
	{
		wp_buf b = {0}, sp2 = {0};
		wp_buf_printf(&sp2, "%s/index.html", o->outdir);
		/* Nothing changed, and the index page is the one last written:
		 * the state and the page would be written as they are (a
		 * no-change build of a thousand programmes spent a third of its
		 * time making them again to compare). */
		if (!sp2.oom && unchanged_build(&old, &now, js.n - res->unchanged) && file_hash(sp2.data) == old.index)
			goto written;
		index_page(&b, &now);
		now.index = b.oom ? 0 : fnv(FNV0, b.data, b.len);
		now.index += !now.index;
		if (b.oom || sp2.oom || write_if_changed(sp2.data, b.data, b.len) != WP_OK) {
			wp_diags_add(d, sp2.data ? sp2.data : "index.html", 0, 0, WP_ERROR, "io.write",
				     "cannot write the index page: %s", strerror(errno));
			rc = b.oom || sp2.oom ? WP_ENOMEM : WP_EIO;
			now.index = 0; /* (written again next time) */
		}
		wp_buf_free(&b);
		state_write(&b, &now);
		if (b.oom || write_if_changed(statepath, b.data, b.len) != WP_OK) {
			wp_diags_add(d, statepath, 0, 0, WP_ERROR, "io.write", "cannot write the build state: %s", strerror(errno));
			rc = b.oom ? WP_ENOMEM : WP_EIO;
		}
written:
		wp_buf_free(&b);
		wp_buf_free(&sp2);
	}
done:
	for (size_t i = 0; i < js.n; i++) {
		job *j = &js.j[i];
		entry_free(&j->out);
		wp_diags_clear(&j->diags);
		wp_free(j->path);
		wp_free(j->rel);
		wp_free(j->real);
	}
	wp_free(js.j);
	for (size_t i = 0; i < rt.n; i++)
		wp_free(rt.dir[i]);
	wp_free(rt.dir);
	wp_free(seen.d);
	state_free(&old);
	state_free(&now);
	wp_free(statepath);
	for (size_t k = 0; k < c.ndeps; k++)
		wp_free(c.deps[k].path);
	wp_free(c.deps);
	wp_env_free(c.env);
	pthread_mutex_destroy(&c.lock);
	if (lockfd >= 0)
		close(lockfd); /* the lock goes with it */
	free(outreal);
	return rc;
}
