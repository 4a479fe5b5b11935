/* build.c: regenerating a tree of annexes (see wpgen/build.h).
 *
 * What is stale is decided by content, not timestamps: each source's key
 * is a hash of everything its outputs depend on (the source, the profile,
 * the templates, the schema, wpgen's version and the options), kept with
 * its findings in OUTDIR/.wpgen-state. A no-change build writes nothing.
 * Sources are rendered by a pool of threads, each output written
 * atomically; the state and the index page are written last. */
#define _POSIX_C_SOURCE 200809L
#include "wpgen/wpgen.h"
#include "alloc.h"
#include "escape.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STATE_FILE ".wpgen-state"
#define MAX_DEPTH 64

static const char *const ext[3] = {"html", "md", "xml"};

/***** hashing *****/

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static uint64_t fnv_str(uint64_t h, const char *s)
{
	return fnv(h, s, strlen(s) + 1);
}

/* The hash of a file's bytes, or 0 when it cannot be read. */
static uint64_t file_hash(const char *path)
{
	char *buf;
	size_t len;
	if (wp_read_file(&buf, &len, path) != WP_OK)
		return 0;
	uint64_t h = fnv(0xcbf29ce484222325ULL, buf, len);
	wp_free(buf);
	return h;
}

/***** the state of the last build *****/

typedef struct entry {
	char *rel;        /* the source, relative to the folder it was found in */
	unsigned formats;
	uint64_t key[3];  /* per output format: what it was built from */
	size_t errors, warnings, activities;
	char *kind;
	int seen;         /* a source of this build */
} entry;

typedef struct state {
	entry *e;
	size_t n, cap;
} state;

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const entry *)a)->rel, ((const entry *)b)->rel);
}

static void state_free(state *s)
{
	for (size_t i = 0; i < s->n; i++) {
		wp_free(s->e[i].rel);
		wp_free(s->e[i].kind);
	}
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

/* Lines: rel TAB formats TAB key-html TAB key-md TAB key-xml TAB errors
 * TAB warnings TAB activities TAB kind */
static int state_read(state *s, const char *path)
{
	char *buf, *line, *save = NULL;
	size_t len;
	if (wp_read_file(&buf, &len, path) != WP_OK)
		return errno == ENOENT ? WP_OK : WP_EIO;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char rel[4096], kind[256];
		unsigned formats;
		unsigned long long k0, k1, k2;
		size_t e, w, a;
		if (sscanf(line, "%4095[^\t]\t%u\t%llx\t%llx\t%llx\t%zu\t%zu\t%zu\t%255[^\t\n]", rel, &formats, &k0, &k1,
			   &k2, &e, &w, &a, kind) != 9)
			continue; /* a damaged line: that source is rebuilt */
		entry *x = state_add(s);
		if (!x || !(x->rel = wp_strdup(rel)) || !(x->kind = wp_strdup(kind))) {
			wp_free(buf);
			return WP_ENOMEM;
		}
		x->formats = formats;
		x->key[0] = k0;
		x->key[1] = k1;
		x->key[2] = k2;
		x->errors = e;
		x->warnings = w;
		x->activities = a;
	}
	wp_free(buf);
	if (s->n)
		qsort(s->e, s->n, sizeof *s->e, cmp_entry);
	return WP_OK;
}

/***** sources *****/

typedef struct job {
	char *path;  /* to read */
	char *rel;   /* relative: names the outputs */
	/* results */
	int status;
	unsigned written;
	wp_diags diags;
	entry out;   /* the state entry to keep (out.kind: the job's own copy) */
} job;

typedef struct jobs {
	job *j;
	size_t n, cap;
} jobs;

static int is_source(const char *name)
{
	size_t n = strlen(name);
	return (n > 3 && strcmp(name + n - 3, ".md") == 0) || (n > 4 && strcmp(name + n - 4, ".xml") == 0);
}

static int add_job(jobs *js, const char *path, const char *rel)
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
	if (!j->path || !j->rel) {
		wp_free(j->path);
		wp_free(j->rel);
		return WP_ENOMEM;
	}
	js->n++;
	return WP_OK;
}

/* Walks dir for sources; rel is the path below the folder given. */
static int walk(jobs *js, const char *dir, const char *rel, const char *skip, int depth, wp_diags *d)
{
	DIR *dp;
	struct dirent *de;
	int rc = WP_OK;
	if (depth > MAX_DEPTH) {
		wp_diags_add(d, dir, 0, 0, WP_WARNING, "build.depth", "folders nested deeper than %d are not walked", MAX_DEPTH);
		return WP_OK;
	}
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
			char real[4096];
			if (S_ISDIR(st.st_mode)) {
				if (!(skip && realpath(p.data, real) && strcmp(real, skip) == 0))
					rc = walk(js, p.data, r.data, skip, depth + 1, d);
			} else if (S_ISREG(st.st_mode) && is_source(de->d_name)) {
				rc = add_job(js, p.data, r.data);
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

/* The output of rel in format f: OUTDIR/rel-without-extension.f */
static char *out_path(const char *outdir, const char *rel, int f)
{
	wp_buf b = {0};
	const char *dot = strrchr(rel, '.');
	wp_buf_printf(&b, "%s/%.*s.%s", outdir, (int)(dot ? dot - rel : (long)strlen(rel)), rel, ext[f]);
	return wp_buf_detach(&b, NULL);
}

/* Is name a temporary that wp_write_file_atomic left behind when the
 * process was killed: ".NAME.tmp.XXXXXX", NAME an annex, the index page
 * or the state file? */
static int is_stale_temp(const char *name)
{
	size_t n = strlen(name);
	if (n < 1 + 1 + 5 + 6 || name[0] != '.' || memcmp(name + n - 11, ".tmp.", 5) != 0)
		return 0;
	for (size_t i = n - 6; i < n; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') ||
		      (name[i] >= '0' && name[i] <= '9')))
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
 * folder; never an annex itself). */
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

static int mkdirs(const char *path)
{
	char *p = wp_strdup(path);
	if (!p)
		return -1;
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) < 0 && errno != EEXIST) {
			wp_free(p);
			return -1;
		}
		*s = '/';
	}
	wp_free(p);
	return 0;
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
	wp_template *tpl[2];  /* html, md */
	uint64_t base;        /* hash of what every output depends on */
	uint64_t tplhash[3];  /* and what each format's depends on besides */
	state *old;
	jobs *js;
	dephash *deps;        /* the files sources depend on, hashed once */
	size_t ndeps, dcap;
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

static void kind_of(const wp_programme *p, char *buf, size_t n)
{
	size_t at = 0;
	buf[0] = '\0';
	at += (size_t)snprintf(buf, n, "%s", p->profile ? p->profile : "?");
	for (size_t i = 0; i < p->nsections && at < n; i++) {
		int dup = 0;
		for (size_t k = 0; k < i; k++)
			dup |= strcmp(p->sections[k].kind, p->sections[i].kind) == 0;
		if (!dup)
			at += (size_t)snprintf(buf + at, n - at, "%s%s", i ? "+" : ": ", p->sections[i].kind);
	}
	for (char *s = buf; *s; s++)
		if (*s == '\t' || *s == '\n')
			*s = ' ';
}

static void build_one(ctx *c, job *j)
{
	const wp_build_opts *o = c->o;
	wp_doc *doc = NULL;
	entry *prev = state_find(c->old, j->rel);
	int rc;

	j->out.rel = j->rel;
	j->out.formats = o->formats;
	rc = wp_doc_probe(&doc, c->env, j->path, &c->dopt, &j->diags);
	if (rc != WP_OK) {
		j->status = WP_BUILD_FAILED;
		goto done;
	}
	/* the key: the source, and every file it depends on (its profile; a
	 * report's plan and the plan's profile; the schema) */
	uint64_t key = fnv(c->base, doc->text, doc->len);
	for (size_t i = 0; i < doc->ndeps; i++) {
		uint64_t h = dep_hash(c, doc->deps[i]);
		key = fnv(fnv_str(key, doc->deps[i]), &h, sizeof h);
	}
	/* each output's key; an output is stale when its key changed or it is gone */
	unsigned stale = 0;
	for (int f = 0; f < 3; f++) {
		if (!(o->formats & (1u << f)))
			continue;
		j->out.key[f] = fnv(key, &c->tplhash[f], sizeof c->tplhash[f]);
		char *op = out_path(o->outdir, j->rel, f);
		struct stat st;
		if (!prev || prev->key[f] != j->out.key[f] || !op || stat(op, &st) != 0)
			stale |= 1u << f;
		wp_free(op);
	}
	if (!stale && prev) {
		j->status = WP_BUILD_UNCHANGED;
		j->out.errors = prev->errors;
		j->out.warnings = prev->warnings;
		j->out.activities = prev->activities;
		j->out.kind = wp_strdup(prev->kind ? prev->kind : "");
		goto done;
	}
	rc = wp_doc_load(doc, c->env, &c->dopt, &j->diags);
	if (rc != WP_OK) {
		j->status = WP_BUILD_FAILED;
		goto done;
	}
	const wp_programme *p = doc->p;
	wp_diags_sort(&j->diags);
	char kind[256];
	kind_of(p, kind, sizeof kind);
	j->out.kind = wp_strdup(kind);
	j->out.activities = wp_programme_activities(p);
	j->out.errors = j->diags.errors;
	j->out.warnings = j->diags.warnings;
	/* render everything before writing anything */
	char *text[3] = {NULL, NULL, NULL};
	size_t tlen[3] = {0, 0, 0};
	for (int f = 0; f < 3 && rc == WP_OK; f++) {
		if (!(stale & (1u << f)))
			continue;
		if (f == 2)
			rc = wp_write_xml(&text[f], &tlen[f], p, doc->profile, WP_XML_ANNOTATED);
		else
			rc = wp_render(&text[f], &tlen[f], c->tpl[f], p, doc->profile, f == 1 ? WP_XML_SOURCE : WP_XML_ANNOTATED,
				       &j->diags);
	}
	for (int f = 0; f < 3 && rc == WP_OK; f++) {
		if (!text[f])
			continue;
		char *op = out_path(o->outdir, j->rel, f);
		if (!op || mkdirs(op) < 0 || wp_write_file_atomic(op, text[f], tlen[f]) != WP_OK) {
			wp_diags_add(&j->diags, op ? op : j->rel, 0, 0, WP_ERROR, "io.write", "cannot write: %s", strerror(errno));
			rc = WP_EIO;
		} else {
			j->written++;
		}
		wp_free(op);
	}
	for (int f = 0; f < 3; f++)
		wp_free(text[f]);
	j->status = rc == WP_OK ? WP_BUILD_BUILT : WP_BUILD_FAILED;
done:
	if (j->status == WP_BUILD_FAILED) {
		/* the last good annex stays, unless asked otherwise */
		if (o->clean_failed) {
			for (int f = 0; f < 3; f++) {
				char *op = out_path(o->outdir, j->rel, f);
				if (op)
					unlink(op);
				wp_free(op);
			}
		} else if (prev) {
			memset(j->out.key, 0, sizeof j->out.key); /* rebuild next time */
			j->out.formats = prev->formats;
			j->out.activities = prev->activities;
			wp_free(j->out.kind);
			j->out.kind = wp_strdup(prev->kind ? prev->kind : "");
		}
		j->out.errors = j->diags.errors ? j->diags.errors : 1;
		j->out.warnings = j->diags.warnings;
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
	}
	return NULL;
}

/***** the index page *****/

/* The relative link to an output: its path with each segment escaped. */
static void href(wp_buf *b, const char *rel, const char *e)
{
	const char *dot = strrchr(rel, '.');
	size_t n = dot ? (size_t)(dot - rel) : strlen(rel);
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
		       "table{border-collapse:collapse}th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left}"
		       "th{background:#e8ecf1}td.n{text-align:right}.err{color:#a50e0e;font-weight:600}</style></head>\n"
		       "<body><h1>Annexes</h1>\n<table><thead><tr><th>Source</th><th>Kind</th><th>Activities</th>"
		       "<th>Errors</th><th>Warnings</th><th>Annexes</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < s->n; i++) {
		const entry *e = &s->e[i];
		wp_buf_puts(b, "<tr><td>");
		esc_html(b, e->rel, strlen(e->rel));
		wp_buf_puts(b, "</td><td>");
		esc_html(b, e->kind ? e->kind : "", e->kind ? strlen(e->kind) : 0);
		wp_buf_printf(b, "</td><td class=\"n\">%zu</td><td class=\"n%s\">%zu</td><td class=\"n\">%zu</td><td>",
			      e->activities, e->errors ? " err" : "", e->errors, e->warnings);
		for (int f = 0; f < 3; f++) {
			if (!(e->formats & (1u << f)))
				continue;
			wp_buf_puts(b, "<a href=\"");
			href(b, e->rel, ext[f]);
			wp_buf_printf(b, "\">%s</a> ", ext[f]);
		}
		wp_buf_puts(b, "</td></tr>\n");
	}
	wp_buf_puts(b, "</tbody></table></body></html>\n");
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
	return wp_write_file_atomic(path, data, len);
}

/***** the build *****/

int wp_build(const char *const *paths, size_t npaths, const wp_build_opts *o, wp_build_result *res, wp_diags *d)
{
	ctx c;
	jobs js = {0};
	state old = {0}, now = {0};
	char skip[4096] = "", *statepath = NULL;
	int rc = WP_OK;

	memset(res, 0, sizeof *res);
	memset(&c, 0, sizeof c);
	pthread_mutex_init(&c.lock, NULL);
	if (mkdir(o->outdir, 0777) < 0 && errno != EEXIST) {
		wp_diags_add(d, o->outdir, 0, 0, WP_ERROR, "io.write", "cannot make the output folder: %s", strerror(errno));
		rc = WP_EIO;
		goto done;
	}
	if (!realpath(o->outdir, skip))
		skip[0] = '\0';

	/* the sources, in a fixed order */
	for (size_t i = 0; i < npaths && rc == WP_OK; i++) {
		struct stat st;
		if (stat(paths[i], &st) < 0) {
			wp_diags_add(d, paths[i], 0, 0, WP_ERROR, "io.read", "cannot read: %s", strerror(errno));
			rc = WP_EIO;
		} else if (S_ISDIR(st.st_mode)) {
			rc = walk(&js, paths[i], "", skip[0] ? skip : NULL, 0, d);
		} else {
			const char *base = strrchr(paths[i], '/');
			rc = add_job(&js, paths[i], base ? base + 1 : paths[i]);
		}
	}
	if (rc != WP_OK)
		goto done;
	if (js.n)
		qsort(js.j, js.n, sizeof *js.j, cmp_job);
	for (size_t i = 1; i < js.n; i++) {
		const char *a = js.j[i - 1].rel, *b = js.j[i].rel;
		const char *da = strrchr(a, '.'), *db = strrchr(b, '.');
		if (da - a == db - b && strncmp(a, b, (size_t)(da - a)) == 0) {
			wp_diags_add(d, js.j[i].path, 0, 0, WP_ERROR, "build.clash",
				     "'%s' and '%s' would write the same annexes; '%s' is left out", a, b, b);
			wp_free(js.j[i].path);
			wp_free(js.j[i].rel);
			memmove(&js.j[i], &js.j[i + 1], (js.n - i - 1) * sizeof *js.j);
			js.n--;
			i--;
		}
	}

	/* what every source depends on besides its own files */
	c.base = fnv_str(0xcbf29ce484222325ULL, WPGEN_VERSION);
	c.base = fnv(c.base, &o->formats, sizeof o->formats);
	c.base = fnv(c.base, &o->changes, sizeof o->changes);
	if (o->limits) /* a raised limit may let a refused source through */
		c.base = fnv(c.base, o->limits, sizeof *o->limits);
	rc = wp_env_new(&c.env, o->datadir);
	if (rc != WP_OK)
		goto done;
	c.dopt.profile = o->profile;
	c.dopt.limits = o->limits;
	c.dopt.changes = o->changes;
	c.dopt.check = 1;
	if (o->profile) {
		/* a profile the command names must load, before any source */
		const wp_profile *prof;
		rc = wp_env_profile(c.env, o->profile, &prof, d);
		if (rc != WP_OK)
			goto done;
	}
	for (int f = 0; f < 2 && rc == WP_OK; f++) {
		if (!(o->formats & (1u << f)))
			continue;
		wp_buf t = {0};
		wp_buf_printf(&t, "%s/templates/annex-%s.xsl", o->datadir, ext[f]);
		rc = t.data ? wp_template_load(&c.tpl[f], t.data, d) : WP_ENOMEM;
		c.tplhash[f] = t.data ? file_hash(t.data) : 0;
		wp_buf_free(&t);
	}
	if (rc != WP_OK)
		goto done;

	wp_buf sp = {0};
	wp_buf_printf(&sp, "%s/" STATE_FILE, o->outdir);
	statepath = wp_buf_detach(&sp, NULL);
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

	/* the new state: this build's sources, then what was removed */
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
		if (j->status == WP_BUILD_FAILED && (o->clean_failed || !prev))
			continue;
		entry *e = state_add(&now);
		if (!e) {
			rc = WP_ENOMEM;
			goto done;
		}
		*e = j->out;
		e->rel = wp_strdup(j->rel);
		e->kind = wp_strdup(j->out.kind ? j->out.kind : "");
		if (!e->rel || !e->kind) {
			rc = WP_ENOMEM;
			goto done;
		}
	}
	for (size_t i = 0; i < old.n; i++) {
		if (old.e[i].seen)
			continue;
		for (int f = 0; f < 3; f++) {
			char *op = out_path(o->outdir, old.e[i].rel, f);
			if (op && unlink(op) == 0 && f == 0)
				res->removed++;
			wp_free(op);
		}
		if (o->progress) {
			wp_build_event e = {old.e[i].rel, WP_BUILD_REMOVED, 0, 0, 0, NULL, 0, 0};
			o->progress(&e, o->data);
		}
	}
	/* Temporaries of a build that was killed: in OUTDIR and in each
	 * folder an annex of this build is in, once each. */
	sweep_temps(o->outdir);
	{
		char *last = NULL;
		for (size_t i = 0; i < js.n; i++) {
			char *op = out_path(o->outdir, js.j[i].rel, 0), *slash = op ? strrchr(op, '/') : NULL;
			if (slash)
				*slash = '\0';
			if (op && (!last || strcmp(last, op) != 0) && strcmp(op, o->outdir) != 0)
				sweep_temps(op);
			wp_free(last);
			last = op;
		}
		wp_free(last);
	}
	if (now.n) /* none: an empty tree, or one whose every source failed */
		qsort(now.e, now.n, sizeof *now.e, cmp_entry);
	{
		wp_buf b = {0};
		for (size_t i = 0; i < now.n; i++)
			wp_buf_printf(&b, "%s\t%u\t%016llx\t%016llx\t%016llx\t%zu\t%zu\t%zu\t%s\n", now.e[i].rel,
				      now.e[i].formats, (unsigned long long)now.e[i].key[0], (unsigned long long)now.e[i].key[1],
				      (unsigned long long)now.e[i].key[2], now.e[i].errors, now.e[i].warnings,
				      now.e[i].activities, now.e[i].kind && *now.e[i].kind ? now.e[i].kind : "-");
		wp_buf_put(&b, "", 0);
		if (b.oom || write_if_changed(statepath, b.data, b.len) != WP_OK) {
			wp_diags_add(d, statepath, 0, 0, WP_ERROR, "io.write", "cannot write the build state: %s", strerror(errno));
			rc = b.oom ? WP_ENOMEM : WP_EIO;
		}
		wp_buf_free(&b);
		index_page(&b, &now);
		wp_buf sp2 = {0};
		wp_buf_printf(&sp2, "%s/index.html", o->outdir);
		if (rc == WP_OK && (b.oom || sp2.oom || write_if_changed(sp2.data, b.data, b.len) != WP_OK)) {
			wp_diags_add(d, sp2.data ? sp2.data : "index.html", 0, 0, WP_ERROR, "io.write",
				     "cannot write the index page: %s", strerror(errno));
			rc = WP_EIO;
		}
		wp_buf_free(&b);
		wp_buf_free(&sp2);
	}
done:
	for (size_t i = 0; i < js.n; i++) {
		job *j = &js.j[i];
		wp_free(j->out.kind); /* the job's own copy */
		wp_diags_clear(&j->diags);
		wp_free(j->path);
		wp_free(j->rel);
	}
	wp_free(js.j);
	state_free(&old);
	state_free(&now);
	wp_free(statepath);
	for (int f = 0; f < 2; f++)
		wp_template_free(c.tpl[f]);
	for (size_t k = 0; k < c.ndeps; k++)
		wp_free(c.deps[k].path);
	wp_free(c.deps);
	wp_env_free(c.env);
	pthread_mutex_destroy(&c.lock);
	return rc;
}
