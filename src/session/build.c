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
#include "session/build_impl.h"

/***** building one source *****/

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
	h = wp_hash_file(path);
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

/* A programme's findings for the index page: every one, as check prints
 * them, encoded as in the state. NULL when memory ran out. */
static char *findings_text(const wp_diags *d)
{
	wp_buf b = {0};
	char *t = NULL;
	size_t n;
	if (wp_format_diags(&t, &n, d, WP_FORMAT_GCC) != WP_OK)
		return NULL;
	wp_buf_put(&b, t, n);
	wp_free(t);
	wp_buf e = {0};
	if (!b.oom)
		bd_enc(&e, b.data ? b.data : "");
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
	if (!S_ISREG(st.st_mode) || !bd_inside(c->outreal, op) || !wrote || wp_hash_file(op) != wrote)
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
	uint64_t h = WP_HASH0;
	for (size_t i = 0; i < n && !oom; i++) {
		wp_buf path = {0};
		wp_buf_printf(&path, "%s/%s.yaml", dir.data, names[i]);
		uint64_t fh = path.oom ? 0 : wp_hash_file(path.data);
		oom = path.oom;
		h = wp_hash(wp_hash_str(h, names[i]), &fh, sizeof fh);
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
	uint64_t h = wp_hash(WP_HASH0, v, sizeof v);
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
		bd_enc(&b, doc->deps[i]);
	}
	return wp_buf_detach(&b, NULL);
}

/* A source's key: the hash of its bytes and of every file it depends on
 * (files as deps_text writes them). 0 when one cannot be decoded or
 * memory ran out: no key, the source is built. */
static uint64_t source_key(ctx *c, const job *j, uint64_t text, const char *files)
{
	uint64_t key = wp_hash(c->base, &text, sizeof text);
	key = wp_hash(key, &j->cfgsig, sizeof j->cfgsig); /* (which configuration files apply) */
	for (const char *p = files; *p;) {
		size_t n = strcspn(p, " ");
		char *dep = bd_dec(p, n);
		if (!dep)
			return 0;
		uint64_t h = dep_hash(c, dep);
		key = wp_hash(wp_hash_str(key, dep), &h, sizeof h);
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
	for (int f = 0; f < BD_NFORMATS; f++) {
		if (!(c->o->formats & (1u << f)))
			continue;
		j->out.key[f] = key ? wp_hash(key, &c->tplhash[f], sizeof c->tplhash[f]) : 0;
		char *op = bd_out_path(c->o->outdir, j->rel, f);
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
	j->out.accepted = prev->accepted;
	j->out.activities = prev->activities;
	j->out.kind = wp_strdup(prev->kind);
	j->out.title = wp_strdup(prev->title);
	j->out.status = wp_strdup(prev->status);
}

/* Unchanged by its stat: the same file, not written since, depending on
 * files whose bytes are the same, the profiles the same. Nothing of it is
 * read (a no-change build of a thousand programmes read and probed every
 * one). 1 when kept so; *sig gets the stat to record (0: too recent). */
static int unchanged_by_stat(ctx *c, job *j, entry *prev, uint64_t *sig)
{
	struct stat sst;
	*sig = 0;
	if (stat(j->path, &sst) == 0 &&
	    (long long)sst.st_mtim.tv_sec * 1000000000LL + sst.st_mtim.tv_nsec + RACY_NS < c->started)
		*sig = stat_sig(&sst);
	if (!prev || !*sig || prev->sig != *sig || !c->env_hash || c->old->env != c->env_hash)
		return 0;
	uint64_t key = source_key(c, j, prev->text, prev->files);
	if (!key || stale_outputs(c, j, prev, key))
		return 0;
	j->out.sig = *sig;
	j->out.text = prev->text;
	j->out.files = wp_strdup(prev->files);
	keep_prev(j, prev);
	return 1;
}

/* The stale outputs of a loaded document, rendered all before any is
 * written. */
static int render_outputs(job *j, const wp_doc *doc, unsigned stale, char **text, size_t *tlen)
{
	const wp_programme *p = doc->p;
	int rc = WP_OK;
	wp_diags_sort(&j->diags);
	j->out.kind = kind_of(doc);
	j->out.title = wp_strdup(p->title ? p->title : "");
	j->out.activities = doc->facts->total.activities;
	j->out.status = status_words(p, doc->profile, doc->facts);
	if (!j->out.status || !j->out.kind || !j->out.title)
		rc = WP_ENOMEM;
	j->out.errors = j->diags.errors;
	j->out.warnings = j->diags.warnings;
	j->out.accepted = j->diags.accepted;
	for (int f = 0; f < BD_NFORMATS && rc == WP_OK; f++) {
		if (!(stale & (1u << f)))
			continue;
		if (f == 4) /* (its findings: all of the source's, as check gives them) */
			rc = wp_write_review(&text[f], &tlen[f], p, doc->profile, doc->facts, &j->diags);
		else if (f == 3)
			rc = wp_write_docx(&text[f], &tlen[f], p, doc->profile, doc->facts, NULL, &j->diags);
		else if (f == 2)
			rc = wp_write_xml(&text[f], &tlen[f], p, doc->profile, WP_XML_ANNOTATED, doc->facts);
		else
			rc = f == 1 ? wp_write_md(&text[f], &tlen[f], p, doc->profile, 1, doc->facts)
				    : wp_write_html(&text[f], &tlen[f], p, doc->profile, doc->facts);
	}
	return rc;
}

/* Each rendered output written, only inside OUTDIR. */
static int write_outputs(ctx *c, job *j, char **text, const size_t *tlen)
{
	int rc = WP_OK;
	for (int f = 0; f < BD_NFORMATS; f++) {
		if (!text[f])
			continue;
		char *op = bd_out_path(c->o->outdir, j->rel, f);
		int err = 0;
		if (!op || bd_mkdirs(op) < 0)
			err = op ? errno : ENOMEM;
		else if (!bd_inside(c->outreal, op))
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
			j->out.hash[f] = wp_hash(WP_HASH0, text[f], tlen[f]);
			j->out.hash[f] += !j->out.hash[f]; /* (0 means none) */
		}
		wp_free(op);
	}
	return rc;
}

/* A source that failed: the last good annex stays, unless asked
 * otherwise, and the next build tries again. */
static void failed_source(ctx *c, job *j, entry *prev)
{
	j->out.sig = 0;
	if (c->o->clean_failed && prev && !j->clash) {
		for (int f = 0; f < BD_NFORMATS; f++) {
			char *op = bd_out_path(c->o->outdir, j->rel, f);
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
	j->out.accepted = j->diags.accepted;
}

static void build_one(ctx *c, job *j)
{
	wp_doc *doc = NULL;
	entry *prev = bd_state_find(c->old, j->rel);
	char *text[BD_NFORMATS] = {NULL};
	size_t tlen[BD_NFORMATS] = {0};
	uint64_t sig;
	int rc = WP_OK;

	j->out.formats = c->o->formats;
	if (prev)
		memcpy(j->out.hash, prev->hash, sizeof j->out.hash);
	if (j->clash)
		j->status = WP_BUILD_FAILED;
	else if (!unchanged_by_stat(c, j, prev, &sig)) {
		wp_doc_opts dopt = c->dopt;
		dopt.config = j->config;
		if (!dopt.plan_root)
			dopt.plan_root = j->root;
		rc = wp_doc_probe(&doc, c->env, j->path, &dopt, &j->diags);
		if (rc == WP_OK && j->root && doc->not_programme) { /* (one given by name is built, and told) */
			j->status = WP_BUILD_SKIPPED;
			if (wp_diags_add(&j->diags, doc->name, 1, 1, WP_NOTE, "read.skipped",
					 "not a work programme: %s; skipped", doc->not_programme) != WP_OK)
				j->status = WP_BUILD_FAILED;
			wp_doc_free(doc);
			return;
		}
		/* the key: the source's bytes, and every file it depends on (its
		 * profiles; a report's plan and the plan's profile; the schema) */
		unsigned stale = 0;
		if (rc == WP_OK) {
			j->out.sig = sig;
			j->out.text = wp_hash(WP_HASH0, doc->text, doc->len);
			j->out.files = deps_text(doc);
			uint64_t key = j->out.files ? source_key(c, j, j->out.text, j->out.files) : 0;
			stale = stale_outputs(c, j, prev, key);
		}
		if (rc == WP_OK && !stale && prev) {
			keep_prev(j, prev);
		} else {
			if (rc == WP_OK)
				rc = wp_doc_load(doc, c->env, &dopt, &j->diags);
			if (rc == WP_OK)
				rc = render_outputs(j, doc, stale, text, tlen);
			if (rc == WP_OK)
				rc = write_outputs(c, j, text, tlen);
			j->status = rc == WP_OK ? WP_BUILD_BUILT : WP_BUILD_FAILED;
		}
	}
	for (int f = 0; f < BD_NFORMATS; f++)
		wp_free(text[f]);
	if (j->status == WP_BUILD_FAILED)
		failed_source(c, j, prev);
	/* its findings, for the index page (an unchanged source's, as they
	 * were: taken from the last state, whose entry is not used again) */
	wp_free(j->out.findings);
	if (j->status == WP_BUILD_UNCHANGED && prev) {
		/* (or where they are in the last FINDINGS_FILE: read only if the
		 * index page is made again) */
		j->out.findings = prev->findings;
		j->out.foff = prev->foff;
		j->out.flen = prev->flen;
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
			wp_build_event e = {j->path, j->status, j->written, j->out.errors, j->out.warnings, j->out.accepted,
					    j->status == WP_BUILD_UNCHANGED ? NULL : &j->diags, c->done, c->js->n};
			c->o->progress(&e, c->o->data);
		}
		pthread_mutex_unlock(&c->lock);
		wp_diags_clear(&j->diags); /* printed: a thousand programmes' findings are not all kept */
	}
	return NULL;
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
			wp_build_event e = {o->outdir, WP_BUILD_WAITING, 0, 0, 0, 0, NULL, 0, 0};
			o->progress(&e, o->data);
		}
		while (flock(fd, LOCK_EX) < 0 && errno == EINTR)
			;
	}
	wp_buf_free(&p);
	return fd;
}

int bd_under(const roots *r, const char *src)
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
		for (int f = 0; f < BD_NFORMATS && rc == WP_OK; f++) {
			struct stat st;
			char *op = (o->formats & (1u << f)) ? bd_out_path(o->outdir, js->j[i].rel, f) : NULL;
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

/* One build, its phases' common state. */
typedef struct run {
	const wp_build_opts *o;
	wp_build_result *res;
	wp_diags *d;
	ctx c;
	jobs js;
	state old, now;
	seen_dirs seen;
	roots rt;
	char *outreal, *statepath;
	int lockfd;
} run;

/* The output folder, made and locked. */
static int open_outdir(run *r)
{
	const wp_build_opts *o = r->o;
	if (mkdir(o->outdir, 0777) < 0 && errno != EEXIST) {
		wp_diags_add(r->d, o->outdir, 0, 0, WP_ERROR, "io.write", "cannot make the output folder: %s", strerror(errno));
		return WP_EIO;
	}
	if (!(r->outreal = realpath(o->outdir, NULL))) {
		wp_diags_add(r->d, o->outdir, 0, 0, WP_ERROR, "io.write", "cannot use the output folder: %s", strerror(errno));
		return WP_EIO;
	}
	r->c.outreal = r->outreal;
	return (r->lockfd = lock_outdir(o, r->d)) < 0 ? WP_EIO : WP_OK;
}

/* The sources, in a fixed order; two that would write the same annexes:
 * the second is not built. */
static int find_sources(run *r, const char *const *paths, size_t npaths)
{
	int rc = WP_OK;
	jobs *js = &r->js;
	if (!(r->rt.dir = wp_malloc((npaths ? npaths : 1) * sizeof *r->rt.dir)))
		return WP_ENOMEM;
	for (size_t i = 0; i < npaths && rc == WP_OK; i++) {
		struct stat st;
		if (stat(paths[i], &st) < 0) {
			wp_diags_add(r->d, paths[i], 0, 0, WP_ERROR, "io.read", "cannot read: %s", strerror(errno));
			rc = WP_EIO;
		} else if (S_ISDIR(st.st_mode)) {
			char *real = realpath(paths[i], NULL);
			if (!real)
				rc = wp_diags_add(r->d, paths[i], 0, 0, WP_ERROR, "io.read", "cannot read: %s", strerror(errno)) == WP_OK
					     ? WP_EIO : WP_ENOMEM;
			else if (!(r->rt.dir[r->rt.n++] = wp_strdup(real)))
				rc = WP_ENOMEM;
			free(real);
			if (rc != WP_OK)
				break;
			size_t from = js->n;
			walk w = {js, &r->seen, r->outreal, r->rt.dir[r->rt.n - 1], r->o->follow_links, r->d, NULL, 0, 0};
			rc = bd_walk_tree(&w, paths[i], &st);
			for (size_t k = from; k < js->n; k++)
				js->j[k].root = r->rt.dir[r->rt.n - 1];
		} else {
			const char *base = strrchr(paths[i], '/');
			rc = bd_add_job(js, paths[i], base ? base + 1 : paths[i], &st);
		}
	}
	if (rc != WP_OK)
		return rc;
	if (js->n)
		qsort(js->j, js->n, sizeof *js->j, bd_cmp_job);
	for (size_t i = 1, last = 0; i < js->n; i++) {
		const char *a = js->j[last].rel, *b = js->j[i].rel;
		if (bd_stem_len(a) != bd_stem_len(b) || strncmp(a, b, bd_stem_len(a))) {
			last = i;
			continue;
		}
		js->j[i].clash = 1;
		wp_diags_add(&js->j[i].diags, js->j[i].path, 0, 0, WP_ERROR, "build.clash",
			     "'%s' and '%s' would write the same annexes; '%s' is left out", js->j[last].path, js->j[i].path,
			     js->j[i].path);
	}
	return outputs_over_sources(r->o, js, r->d);
}

/* What every source depends on besides its own files, how each is opened,
 * and the state of the last build. */
static int prepare(run *r)
{
	const wp_build_opts *o = r->o;
	ctx *c = &r->c;
	int rc;
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	c->started = (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
	c->base = wp_hash_str(WP_HASH0, WPGEN_VERSION);
	c->base = wp_hash(c->base, &o->formats, sizeof o->formats);
	c->base = wp_hash(c->base, &o->changes, sizeof o->changes);
	if (o->limits) /* a raised limit may let a refused source through */
		c->base = wp_hash(c->base, o->limits, sizeof *o->limits);
	if (o->as_of) /* the annexes say it, and count what is overdue at it */
		c->base = wp_hash_str(c->base, o->as_of);
	if ((rc = wp_env_new(&c->env, o->datadir)) != WP_OK)
		return rc;
	c->env_hash = r->now.env = profiles_hash(wp_env_datadir(c->env));
	c->dopt.profile = o->profile;
	c->dopt.limits = o->limits;
	c->dopt.changes = o->changes;
	c->dopt.check = 1;
	c->dopt.plan_root = o->plan_root;
	c->dopt.as_of = o->as_of;
	c->dopt.disable = o->disable;
	c->dopt.ndisable = o->ndisable;
	c->dopt.enable = o->enable;
	c->dopt.nenable = o->nenable;
	const wp_profile *prof; /* a profile the command names must load, before any source */
	if (o->profile && (rc = wp_env_profile(c->env, o->profile, &prof, r->d)) != WP_OK)
		return rc;
	for (int f = 0; f < 2; f++) {
		if (!(o->formats & (1u << f)))
			continue;
		/* (the annexes are written natively: a template's hash still
		 * keys its outputs, the layout users may have copied) */
		wp_buf tpl = {0};
		wp_buf_printf(&tpl, "%s/templates/annex-%s.xsl", o->datadir, ext[f]);
		int oom = !tpl.data;
		c->tplhash[f] = oom ? 0 : wp_hash_file(tpl.data);
		wp_buf_free(&tpl);
		if (oom)
			return WP_ENOMEM;
	}
	wp_buf sp = {0};
	wp_buf_printf(&sp, "%s/" STATE_FILE, o->outdir);
	r->statepath = wp_buf_detach(&sp, NULL);
	if (!r->statepath)
		return WP_ENOMEM;
	if ((rc = bd_state_read(&r->old, r->statepath)) == WP_EIO) {
		/* (wpgen's own file, not as it wrote it: said, and nothing written) */
		wp_diags_add(r->d, r->statepath, 0, 0, WP_ERROR, "io.read",
			     "the build state cannot be read: %s; if it is not wpgen's, move it away (a build without it "
			     "rebuilds everything)", wp_read_why(errno));
		return WP_EIO;
	}
	if (rc != WP_OK)
		return rc;
	c->o = o;
	c->old = &r->old;
	c->js = &r->js;
	return WP_OK;
}

/* Each source's configuration, here before any thread starts: a file
 * that cannot be read stops the build (its findings, once, in the
 * build's list). */
static int configure(run *r)
{
	ctx *c = &r->c;
	int rc = WP_OK;
	if (r->o->no_config)
		return WP_OK;
	if ((rc = wp_configs_new(&c->configs)) != WP_OK)
		return rc;
	for (size_t i = 0; i < r->js.n && rc == WP_OK; i++) {
		job *j = &r->js.j[i];
		size_t n;
		rc = r->o->config ? wp_configs_file(c->configs, r->o->config, &j->config, r->d)
				  : wp_configs_for(c->configs, j->path, j->root, &j->config, r->d);
		const char *const *files = wp_config_files(j->config, &n);
		for (size_t k = 0; k < n; k++)
			j->cfgsig = wp_hash_str(j->cfgsig ? j->cfgsig : WP_HASH0, files[k]);
	}
	return rc;
}

/* Renders every source, in parallel. */
static void render_all(run *r)
{
	int n = r->o->jobs > 0 ? r->o->jobs : 1;
	if ((size_t)n > r->js.n)
		n = r->js.n ? (int)r->js.n : 1;
	pthread_t *t = wp_malloc((size_t)n * sizeof *t);
	int started = 0;
	for (int i = 0; t && i < n; i++)
		if (pthread_create(&t[i], NULL, worker, &r->c) == 0)
			started++;
	if (!started)
		worker(&r->c); /* no threads: build here */
	for (int i = 0; i < started; i++)
		pthread_join(t[i], NULL);
	wp_free(t);
}

/* The new state: this build's sources. */
static int new_state(run *r)
{
	for (size_t i = 0; i < r->js.n; i++) {
		job *j = &r->js.j[i];
		entry *prev = bd_state_find(&r->old, j->rel);
		if (j->status == WP_BUILD_SKIPPED) { /* an annex made of it once is removed */
			r->res->skipped++;
			if (prev)
				prev->seen = 2;
			continue;
		}
		if (prev)
			prev->seen = 1;
		r->res->sources++;
		r->res->built += j->status == WP_BUILD_BUILT;
		r->res->unchanged += j->status == WP_BUILD_UNCHANGED;
		r->res->failed += j->status == WP_BUILD_FAILED;
		r->res->errors += j->out.errors;
		r->res->warnings += j->out.warnings;
		r->res->accepted += j->out.accepted;
		if (j->clash || (j->status == WP_BUILD_FAILED && (r->o->clean_failed || !prev)))
			continue;
		entry *e = bd_state_add(&r->now);
		if (!e)
			return WP_ENOMEM;
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
		if (!e->findings && !e->flen)
			e->findings = wp_strdup("");
		if (!e->src || !e->rel || !e->kind || !e->title || !e->status || (!e->findings && !e->flen))
			return WP_ENOMEM;
	}
	return WP_OK;
}

/* The sources of the last build not met in this one: gone from a folder
 * this build was given, their annexes are removed (if they are what wpgen
 * wrote); elsewhere, they are not this build's business and are kept as
 * they were. */
static int gone_sources(run *r)
{
	for (size_t i = 0; i < r->old.n; i++) {
		entry *e = &r->old.e[i];
		if (e->seen == 1)
			continue;
		if (!e->seen && (!bd_under(&r->rt, e->src) || access(e->src, F_OK) == 0)) {
			/* (no source of this build has its rel: not seen) */
			entry *k = bd_state_add(&r->now);
			if (!k)
				return WP_ENOMEM;
			*k = *e;
			memset(e, 0, sizeof *e);
			continue;
		}
		int removed = 0, left = 0;
		for (int f = 0; f < BD_NFORMATS; f++) {
			char *op = bd_safe_rel(e->rel) ? bd_out_path(r->o->outdir, e->rel, f) : NULL;
			int rm = remove_output(&r->c, op, e->hash[f]);
			removed += rm > 0;
			left += rm < 0;
			wp_free(op);
		}
		r->res->removed += removed > 0;
		r->res->kept += left > 0;
		if (r->o->progress) {
			wp_build_event ev = {e->src, left ? WP_BUILD_KEPT : WP_BUILD_REMOVED, 0, 0, 0, 0, NULL, 0, 0};
			r->o->progress(&ev, r->o->data);
		}
	}
	return WP_OK;
}

/* Temporaries of a build that was killed: in OUTDIR and in each folder an
 * annex of this build is in, once each. */
static void sweep(run *r)
{
	char *last = NULL;
	bd_sweep_temps(r->o->outdir);
	for (size_t i = 0; i < r->js.n; i++) {
		char *op = bd_out_path(r->o->outdir, r->js.j[i].rel, 0), *slash = op ? strrchr(op, '/') : NULL;
		int in = op && bd_inside(r->outreal, op);
		if (slash)
			*slash = '\0';
		if (in && (!last || strcmp(last, op) != 0) && strcmp(op, r->o->outdir) != 0)
			bd_sweep_temps(op);
		wp_free(last);
		last = op;
	}
	wp_free(last);
}

/* The index page and the state, each written only when it changed. */
static int write_index_and_state(run *r)
{
	wp_buf b = {0}, page = {0};
	int rc = WP_OK;
	if (r->now.n) /* none: an empty tree, or one whose every source failed */
		qsort(r->now.e, r->now.n, sizeof *r->now.e, bd_cmp_entry);
	wp_buf_printf(&page, "%s/index.html", r->o->outdir);
	/* Nothing changed, and the index page is the one last written: the
	 * state and the page would be written as they are (a no-change build
	 * of a thousand programmes spent a third of its time making them again
	 * to compare). */
	/* Whether the page there is the one last written: by what stat says
	 * of it when it was (hashing a thousand programmes' findings was most
	 * of a no-change build), else by its bytes. (Unlike a source's, the
	 * stat is trusted at once: the page is wpgen's; an edit by hand that
	 * keeps its size, inode and times to the nanosecond goes unseen.) */
	struct stat pst;
	int there = !page.oom && stat(page.data, &pst) == 0, same = 0;
	uint64_t psig = there ? stat_sig(&pst) : 0;
	if (there)
		same = (r->old.isig && psig == r->old.isig) || wp_hash_file(page.data) == r->old.index;
	r->now.isig = same ? psig : 0;
	if (same && psig == r->old.isig && bd_unchanged_build(&r->old, &r->now, r->js.n - r->res->unchanged - r->res->skipped)) {
		wp_buf_free(&page);
		return WP_OK;
	}
	/* the unchanged sources' findings, from the last build's file */
	size_t lost;
	if (bd_findings_load(&r->now, r->statepath, r->old.fhash, &lost) != WP_OK) {
		wp_buf_free(&page);
		return WP_ENOMEM;
	}
	if (lost)
		wp_diags_add(r->d, r->statepath, 0, 0, WP_WARNING, "io.read",
			     "the findings of %zu unchanged source%s were not in " FINDINGS_FILE " as the state says (the file "
			     "changed since): the index page lists none for them; remove the state to build everything again",
			     lost, lost == 1 ? "" : "s");
	bd_index_page(&b, &r->now);
	r->now.index = b.oom ? 0 : wp_hash(WP_HASH0, b.data, b.len);
	r->now.index += !r->now.index;
	if (b.oom || page.oom || bd_write_if_changed(page.data, b.data, b.len) != WP_OK) {
		wp_diags_add(r->d, page.data ? page.data : "index.html", 0, 0, WP_ERROR, "io.write",
			     "cannot write the index page: %s", strerror(errno));
		rc = b.oom || page.oom ? WP_ENOMEM : WP_EIO;
		r->now.index = 0; /* (written again next time) */
	}
	r->now.isig = r->now.index && stat(page.data, &pst) == 0 ? stat_sig(&pst) : 0; /* (as written, or kept) */
	wp_buf_free(&b);
	wp_buf fb = {0}, fp = {0};
	int fok = 1;
	bd_state_write(&b, &fb, &r->now);
	/* the findings, then the state that names them: a build stopped
	 * between the two leaves a state whose findings are not there, and
	 * the next build rebuilds everything */
	wp_buf_printf(&fp, "%s/" FINDINGS_FILE, r->o->outdir);
	if (fb.oom || fp.oom || bd_write_if_changed(fp.data, fb.data, fb.len) != WP_OK) {
		wp_diags_add(r->d, fp.data ? fp.data : FINDINGS_FILE, 0, 0, WP_ERROR, "io.write",
			     "cannot write the build's findings: %s", strerror(errno));
		rc = fb.oom || fp.oom ? WP_ENOMEM : WP_EIO;
		fok = 0; /* (and not the state that would name them) */
	}
	wp_buf_free(&fb);
	wp_buf_free(&fp);
	if (fok && (b.oom || bd_write_if_changed(r->statepath, b.data, b.len) != WP_OK)) {
		wp_diags_add(r->d, r->statepath, 0, 0, WP_ERROR, "io.write", "cannot write the build state: %s", strerror(errno));
		rc = b.oom ? WP_ENOMEM : WP_EIO;
	}
	wp_buf_free(&b);
	wp_buf_free(&page);
	return rc;
}

static void run_free(run *r)
{
	for (size_t i = 0; i < r->js.n; i++) {
		job *j = &r->js.j[i];
		bd_entry_free(&j->out);
		wp_diags_clear(&j->diags);
		wp_free(j->path);
		wp_free(j->rel);
		wp_free(j->real);
	}
	wp_free(r->js.j);
	for (size_t i = 0; i < r->rt.n; i++)
		wp_free(r->rt.dir[i]);
	wp_free(r->rt.dir);
	wp_free(r->seen.d);
	bd_state_free(&r->old);
	bd_state_free(&r->now);
	wp_free(r->statepath);
	for (size_t k = 0; k < r->c.ndeps; k++)
		wp_free(r->c.deps[k].path);
	wp_free(r->c.deps);
	wp_env_free(r->c.env);
	wp_configs_free(r->c.configs);
	pthread_mutex_destroy(&r->c.lock);
	if (r->lockfd >= 0)
		close(r->lockfd); /* the lock goes with it */
	free(r->outreal);
}

int wp_build(const char *const *paths, size_t npaths, const wp_build_opts *o, wp_build_result *res, wp_diags *d)
{
	run r;
	memset(&r, 0, sizeof r);
	memset(res, 0, sizeof *res);
	r.o = o;
	r.res = res;
	r.d = d;
	r.lockfd = -1;
	pthread_mutex_init(&r.c.lock, NULL);
	int rc = open_outdir(&r);
	if (rc == WP_OK)
		rc = find_sources(&r, paths, npaths);
	if (rc == WP_OK)
		rc = prepare(&r);
	if (rc == WP_OK)
		rc = configure(&r);
	if (rc == WP_OK) {
		render_all(&r);
		rc = new_state(&r);
	}
	if (rc == WP_OK)
		rc = gone_sources(&r);
	if (rc == WP_OK) {
		sweep(&r);
		rc = write_index_and_state(&r);
	}
	run_free(&r);
	return rc;
}
