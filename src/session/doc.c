/* doc.c: opening a document (see wpgen/doc.h): the one pipeline every
 * command and the build go through. Two stages: a probe that reads the
 * bytes and decides everything that can be decided without parsing (the
 * format, the profile, a report's plan: what a build's key is made of),
 * and a load that reads the programme, sets a report into its plan,
 * applies --set and a version of the tracked changes, and runs the rules. */
#define _POSIX_C_SOURCE 200809L
#include "wpgen/wpgen.h"
#include "base/alloc.h"
#include "session/accept.h"
#include "base/util.h"
#include "read/markdown.h"
#include "base/lazy.h"
#include "read/detect.h"
#include "read/source.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <assert.h>
#include <string.h>
#include <sys/stat.h>

#define DEFAULT_PROFILE "wco-working-body"

/***** the environment *****/

typedef struct cached {
	char *path;     /* the profile's file */
	wp_profile *prof;
} cached;

struct wp_env {
	char *datadir;
	pthread_mutex_t lock;
	cached *c;
	size_t n, cap;
	int listed;                 /* every profile of datadir loaded (wp_env_profiles) */
	const wp_profile **all;
	size_t nall;
	wp_schema *schema;
};

int wp_env_new(wp_env **out, const char *datadir)
{
	wp_env *e = wp_malloc(sizeof *e);
	*out = NULL;
	if (!e)
		return WP_ENOMEM;
	memset(e, 0, sizeof *e);
	e->datadir = wp_strdup(datadir);
	if (!e->datadir) {
		wp_free(e);
		return WP_ENOMEM;
	}
	pthread_mutex_init(&e->lock, NULL);
	*out = e;
	return WP_OK;
}

void wp_env_free(wp_env *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->n; i++) {
		wp_free(e->c[i].path);
		wp_profile_free(e->c[i].prof);
	}
	wp_free(e->c);
	wp_free(e->all);
	wp_schema_free(e->schema);
	pthread_mutex_destroy(&e->lock);
	wp_free(e->datadir);
	wp_free(e);
}

const char *wp_env_datadir(const wp_env *e)
{
	return e->datadir;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !strcmp(s + n - k, suffix);
}

/* The file a profile argument names: itself when it looks like a file,
 * else datadir/profiles/NAME.yaml. malloc'd. */
static char *profile_file(const wp_env *e, const char *arg)
{
	wp_buf b = {0};
	if (strchr(arg, '/') || ends_with(arg, ".yaml") || ends_with(arg, ".yml"))
		wp_buf_puts(&b, arg);
	else
		wp_buf_printf(&b, "%s/profiles/%s.yaml", e->datadir, arg);
	return wp_buf_detach(&b, NULL);
}

static int is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The cached profile loaded from path, loading it when it is not; the
 * lock is held. */
static int cache_get(wp_env *e, const char *path, const wp_profile **out, wp_diags *d)
{
	for (size_t i = 0; i < e->n; i++)
		if (!strcmp(e->c[i].path, path)) {
			*out = e->c[i].prof;
			return WP_OK;
		}
	if (e->n == e->cap) {
		size_t nc = e->cap ? e->cap * 2 : 8;
		cached *c = wp_realloc(e->c, nc * sizeof *c);
		if (!c)
			return WP_ENOMEM;
		e->c = c;
		e->cap = nc;
	}
	wp_profile *prof = NULL;
	int rc = wp_profile_load(&prof, path, d);
	if (rc != WP_OK)
		return rc;
	char *p = wp_strdup(path);
	if (!p) {
		wp_profile_free(prof);
		return WP_ENOMEM;
	}
	e->c[e->n++] = (cached){p, prof};
	*out = prof;
	return WP_OK;
}

int wp_env_profile(wp_env *e, const char *arg, const wp_profile **out, wp_diags *d)
{
	char *path = profile_file(e, arg);
	int rc;
	*out = NULL;
	if (!path)
		return WP_ENOMEM;
	if (!is_file(path)) {
		int err = errno ? errno : ENOENT;
		if (strcmp(path, arg) != 0) /* a name */
			rc = wp_diags_add(d, arg, 0, 0, WP_ERROR, "profile.invalid", "no profile named '%s' (looked for %s)",
					  arg, path);
		else
			rc = wp_diags_add(d, arg, 0, 0, WP_ERROR, "profile.invalid", "cannot read the profile '%s': %s", arg,
					  strerror(err));
		wp_free(path);
		return rc == WP_OK ? WP_EUSAGE : WP_ENOMEM;
	}
	pthread_mutex_lock(&e->lock);
	rc = cache_get(e, path, out, d);
	pthread_mutex_unlock(&e->lock);
	wp_free(path);
	if (rc == WP_EIO)
		rc = WP_EUSAGE;
	return rc;
}

int wp_env_profiles(wp_env *e, const wp_profile *const **out, size_t *n)
{
	int rc = WP_OK;
	pthread_mutex_lock(&e->lock);
	if (!e->listed) {
		wp_buf dir = {0};
		char **names = NULL;
		wp_buf_printf(&dir, "%s/profiles", e->datadir);
		size_t k = dir.oom ? 0 : wp_profile_names(dir.data, &names);
		e->all = wp_malloc((k ? k : 1) * sizeof *e->all);
		if (!e->all || dir.oom)
			rc = WP_ENOMEM;
		for (size_t i = 0; i < k; i++) {
			wp_buf p = {0};
			wp_diags scratch = {0}; /* a profile that does not load is not a candidate */
			const wp_profile *prof = NULL;
			wp_buf_printf(&p, "%s/%s.yaml", dir.data, names[i]);
			if (rc == WP_OK && !p.oom && cache_get(e, p.data, &prof, &scratch) == WP_OK)
				e->all[e->nall++] = prof;
			else if (p.oom || scratch.oom)
				rc = WP_ENOMEM;
			wp_diags_clear(&scratch);
			wp_buf_free(&p);
			wp_free(names[i]);
		}
		wp_free(names);
		wp_buf_free(&dir);
		e->listed = rc == WP_OK;
	}
	*out = e->all;
	*n = e->nall;
	pthread_mutex_unlock(&e->lock);
	return rc;
}

static char *schema_file(const wp_env *e)
{
	wp_buf b = {0};
	wp_buf_printf(&b, "%s/schema/wpgen.rng", e->datadir);
	return wp_buf_detach(&b, NULL);
}

int wp_env_schema(wp_env *e, const wp_schema **out, wp_diags *d)
{
	int rc = WP_OK;
	pthread_mutex_lock(&e->lock);
	if (!e->schema) {
		char *path = schema_file(e);
		rc = path ? wp_schema_load(&e->schema, path, d) : WP_ENOMEM;
		wp_free(path);
	}
	*out = e->schema;
	pthread_mutex_unlock(&e->lock);
	return rc;
}

/***** a document *****/

typedef struct doc {
	wp_doc pub;                  /* first: a wp_doc * is a doc * */
	char *buf, *path, *name;
	char *plan_rel;              /* the plan a report's metadata names */
	unsigned plan_line;          /* where */
	char *plan_path;
	struct doc *plan;            /* the plan, probed (and loaded with the report) */
	wp_programme *own;           /* what this source read (a report: the report) */
	wp_facts *facts;             /* pub.facts */
	wp_docx_map *map;            /* a Word document: where each line of its Markdown is in it */
	char **deps;
	size_t ndeps, dcap;
	size_t fit;                  /* how many of its tables the chosen profile knows (SIZE_MAX: named) */
	int probed;
	const char **off;            /* the rules off: the caller's and the configuration's */
	wp_limits limits;            /* the caller's over the configuration's */
} doc;

static int add_dep(doc *x, const char *path)
{
	for (size_t i = 0; i < x->ndeps; i++)
		if (!strcmp(x->deps[i], path))
			return WP_OK;
	if (x->ndeps == x->dcap) {
		size_t nc = x->dcap ? x->dcap * 2 : 8;
		char **g = wp_realloc(x->deps, nc * sizeof *g);
		if (!g)
			return WP_ENOMEM;
		x->deps = g;
		x->dcap = nc;
	}
	if (!(x->deps[x->ndeps] = wp_strdup(path)))
		return WP_ENOMEM;
	x->ndeps++;
	x->pub.deps = (const char *const *)x->deps;
	x->pub.ndeps = x->ndeps;
	return WP_OK;
}

void wp_doc_free(wp_doc *pub)
{
	doc *x = (doc *)pub;
	if (!x)
		return;
	/* a report's p is its plan's programme, which shares the report's
	 * memory: the plan goes first, then the report */
	wp_facts_free(x->facts);
	wp_doc_free(x->plan ? &x->plan->pub : NULL);
	wp_programme_free(x->own);
	for (size_t i = 0; i < x->ndeps; i++)
		wp_free(x->deps[i]);
	wp_free(x->deps);
	wp_free(x->off);
	wp_free(x->plan_rel);
	wp_free(x->plan_path);
	wp_docx_map_free(x->map);
	wp_free(x->buf);
	wp_free(x->path);
	wp_free(x->name);
	wp_free(x);
}

/* The profile chosen, then every profile of the data folder: what the
 * choice depended on, whether or not each was parsed. */
static int deps_on_every_profile(doc *x, wp_env *env)
{
	wp_buf dir = {0};
	char **names = NULL;
	int rc = x->pub.source_profile->path ? add_dep(x, x->pub.source_profile->path) : WP_OK;
	wp_buf_printf(&dir, "%s/profiles", wp_env_datadir(env));
	size_t k = dir.oom ? 0 : wp_profile_names(dir.data, &names);
	if (dir.oom)
		rc = WP_ENOMEM;
	for (size_t i = 0; i < k; i++) {
		wp_buf path = {0};
		wp_buf_printf(&path, "%s/%s.yaml", dir.data, names[i]);
		if (rc == WP_OK)
			rc = path.oom ? WP_ENOMEM : add_dep(x, path.data);
		wp_buf_free(&path);
		wp_free(names[i]);
	}
	wp_free(names);
	wp_buf_free(&dir);
	return rc;
}

/* Chooses the source's profile (see wp_doc_opts.profile). */
static int choose_profile(doc *x, wp_env *env, const wp_doc_opts *o, wp_diags *d)
{
	wp_doc *p = &x->pub;
	const char *dflt = o->default_profile ? o->default_profile : DEFAULT_PROFILE;
	char *named = NULL;
	unsigned at = 1;
	int rc;

	x->fit = SIZE_MAX;
	if (o->profile) {
		/* one the command names: a wrong one is the command's error */
		p->choice = WP_CHOICE_OPTION;
		rc = wp_env_profile(env, o->profile, &p->source_profile, d);
		return rc == WP_EINPUT ? WP_EUSAGE : rc;
	}
	if (wp_peek_meta(&named, &at, x->buf, p->len, "profile") != WP_OK)
		return WP_ENOMEM;
	if (named) {
		wp_buf file = {0};
		if (!wp_plain_name(named)) {
			rc = wp_diags_add(d, p->name, at, 1, WP_ERROR, "read.profile",
					  "the source names the profile '%s', which is not a plain name (letters, digits, '-', '_', '.')",
					  named) == WP_OK ? WP_EINPUT : WP_ENOMEM;
			wp_free(named);
			return rc;
		}
		wp_buf_printf(&file, "%s/profiles/%s.yaml", wp_env_datadir(env), named);
		if (file.oom)
			rc = WP_ENOMEM;
		else if (!is_file(file.data))
			rc = wp_diags_add(d, p->name, at, 1, WP_ERROR, "read.profile",
					  "the source names the profile '%s', which wpgen does not have (wpgen profiles lists them)",
					  named) == WP_OK ? WP_EINPUT : WP_ENOMEM;
		else {
			p->choice = WP_CHOICE_NAMED;
			rc = wp_env_profile(env, named, &p->source_profile, d);
			if (rc == WP_EUSAGE)
				rc = WP_EINPUT; /* the source's mistake, not the command's */
		}
		wp_buf_free(&file);
		wp_free(named);
		return rc;
	}
	if (wp_config_profile(o->config)) {
		/* the project's choice: a wrong one is the configuration's error */
		p->choice = WP_CHOICE_CONFIG;
		rc = wp_env_profile(env, wp_config_profile(o->config), &p->source_profile, d);
		return rc == WP_EINPUT ? WP_EUSAGE : rc;
	}
	p->choice = WP_CHOICE_DEFAULT;
	rc = wp_env_profile(env, dflt, &p->source_profile, d);
	if (rc != WP_OK || o->no_pick)
		return rc;
	/* the default alone first: when it matches every table header of the
	 * source, no profile can score more (the default wins a tie), and the
	 * others are named as dependencies but not parsed */
	if (p->kind != WP_SOURCE_XML && !(p->kind == WP_SOURCE_DOCX && p->source_profile->report_of)) {
		size_t s0, headers = wp_profiles_fit_headers(&p->source_profile, 1, x->buf, p->len, &s0);
		if (headers && s0 == headers) {
			x->fit = s0;
			return deps_on_every_profile(x, env);
		}
	}
	/* none named: the profile whose structure the source fits best (the
	 * default wins a tie) */
	const wp_profile *const *all;
	size_t n, m = 0;
	if (wp_env_profiles(env, &all, &n) != WP_OK)
		return WP_ENOMEM;
	const wp_profile **cand = wp_malloc((n + 1) * sizeof *cand);
	size_t *score = wp_malloc((n + 1) * sizeof *score), k = 0;
	if (!cand || !score) {
		wp_free(cand);
		wp_free(score);
		return WP_ENOMEM;
	}
	cand[m++] = p->source_profile; /* the default first: it wins a tie */
	for (size_t i = 0; i < n; i++)
		if (all[i] != p->source_profile)
			cand[m++] = all[i];
	wp_profiles_fit(cand, m, x->buf, p->len, score);
	for (size_t i = 0; i < m; i++) /* a report names its plan in front matter, which Word has not */
		if (p->kind == WP_SOURCE_DOCX && cand[i]->report_of)
			score[i] = 0;
	for (size_t i = 1; i < m; i++)
		if (score[i] > score[k])
			k = i;
	if (k) {
		p->source_profile = cand[k];
		p->choice = WP_CHOICE_STRUCTURE;
	}
	x->fit = score[k];
	wp_free(cand);
	wp_free(score);
	/* picked among them all, it depends on them all (its own first) */
	if (p->source_profile->path)
		rc = add_dep(x, p->source_profile->path);
	for (size_t i = 0; i < n && rc == WP_OK; i++)
		if (all[i]->path)
			rc = add_dep(x, all[i]->path);
	return rc;
}

static int probe(doc **out, wp_env *env, const char *path, const char *name, char *buf, size_t len,
		 const wp_doc_opts *o, wp_diags *d);

/* The folder a report's plan must be in: opts' plan_root, else the
 * report's own folder; its real path (malloc'd), or NULL. */
static char *plan_root(const char *report, const char *given)
{
	if (given)
		return realpath(given, NULL);
	const char *slash = strrchr(report, '/');
	if (!slash)
		return realpath(".", NULL);
	if (slash == report)
		return realpath("/", NULL);
	wp_buf dir = {0};
	wp_buf_put(&dir, report, (size_t)(slash - report));
	char *r = dir.oom ? NULL : realpath(dir.data, NULL);
	wp_buf_free(&dir);
	return r;
}

/* Whether a Markdown source is a work programme at all: its front matter
 * says so ('programme: yes' or 'no'), it names a profile, or one of its
 * tables is headed as a section of its profile (a progress report: its
 * headings, and the plan it names). What build and check skip in a
 * folder they walk is not (a README, notes): wp_doc.not_programme. */
static int judge_programme(doc *x)
{
	char *said = NULL;
	unsigned at;
	int yes = -1;
	if ((x->pub.kind != WP_SOURCE_MARKDOWN && x->pub.kind != WP_SOURCE_DOCX) || wp_source_binary(x->buf, x->pub.len))
		return WP_OK; /* (a binary file named .md is read, and refused: read.binary) */
	if (wp_peek_meta(&said, &at, x->buf, x->pub.len, "programme") != WP_OK)
		return WP_ENOMEM;
	if (said)
		yes = wp_yes_no(said);
	wp_free(said);
	if (yes == 0)
		x->pub.not_programme = "its front matter says 'programme: no'";
	else if (yes < 0 && x->fit == 0)
		x->pub.not_programme = "it has no table of activities (no table is headed as a section of a profile "
				       "wpgen has) and names no profile";
	else if (yes < 0 && x->pub.source_profile->narrative && x->fit != SIZE_MAX && !x->plan_rel)
		x->pub.not_programme = "it has headings and no table, and names no plan it reports on";
	return WP_OK;
}

/* A report's plan: where its metadata says, probed with the report
 * profile's kind of plan unless the plan names its own. */
static int probe_plan(doc *x, wp_env *env, const wp_doc_opts *o, wp_diags *d)
{
	wp_doc *p = &x->pub;
	char *buf = NULL;
	size_t len = 0;
	int rc = wp_peek_meta(&x->plan_rel, &x->plan_line, x->buf, p->len, "plan");
	if (rc != WP_OK || !x->plan_rel)
		return rc; /* none: said when the report is loaded */
	if (!(x->plan_path = wp_plan_path(p->path, x->plan_rel)))
		return WP_ENOMEM;
	p->plan_path = x->plan_path;
	if ((rc = add_dep(x, x->plan_path)) != WP_OK)
		return rc;
	rc = wp_read_file_max(&buf, &len, x->plan_path, o->limits ? o->limits->input : 0);
	if (rc == WP_EIO)
		return wp_diags_add(d, p->name, x->plan_line, 1, WP_ERROR, "report.plan", "cannot read the plan '%s': %s",
				    x->plan_path, wp_read_why(errno)) == WP_OK ? WP_EINPUT : WP_ENOMEM;
	if (rc != WP_OK)
		return rc;
	/* The plan's text goes into the annex: it must be in the source tree
	 * (the report's folder, or the root a build was given), not anywhere
	 * a report's front matter points ("../../", "/etc/..."). */
	char *root = plan_root(p->path, o->plan_root), *real = realpath(x->plan_path, NULL);
	size_t rl = root ? strlen(root) : 0;
	int in = root && real && !strncmp(real, root, rl) && (real[rl] == '/' || !strcmp(root, "/"));
	if (!in && root && real)
		rc = wp_diags_add(d, p->name, x->plan_line, 1, WP_ERROR, "report.plan",
				  "the plan '%s' is outside '%s': a report's plan is in its source tree (--plan-root DIR "
				  "allows another)", x->plan_path, root) == WP_OK ? WP_EINPUT : WP_ENOMEM;
	else if (!root || !real)
		rc = WP_ENOMEM;
	free(root);
	free(real);
	if (rc != WP_OK) {
		wp_free(buf);
		return rc;
	}
	wp_doc_opts po = {0};
	po.default_profile = p->source_profile->report_of;
	po.no_pick = 1;
	po.limits = o->limits;
	rc = probe(&x->plan, env, x->plan_path, x->plan_path, buf, len, &po, d);
	if (rc == WP_EUSAGE)
		rc = wp_diags_add(d, p->name, x->plan_line, 1, WP_ERROR, "report.plan",
				  "cannot load the plan's profile '%s'", p->source_profile->report_of) == WP_OK ? WP_EINPUT
											 : WP_ENOMEM;
	for (size_t i = 0; rc == WP_OK && i < x->plan->ndeps; i++)
		rc = add_dep(x, x->plan->deps[i]);
	return rc;
}

/* Takes buf (malloc'd, NUL-terminated) whatever happens. */
static int probe(doc **out, wp_env *env, const char *path, const char *name, char *buf, size_t len,
		 const wp_doc_opts *o, wp_diags *d)
{
	doc *x = wp_malloc(sizeof *x);
	int rc = WP_OK;
	*out = NULL;
	if (!x) {
		wp_free(buf);
		return WP_ENOMEM;
	}
	memset(x, 0, sizeof *x);
	x->buf = buf;
	x->path = wp_strdup(path);
	x->name = wp_strdup(name);
	if (!x->path || !x->name) {
		wp_doc_free(&x->pub);
		return WP_ENOMEM;
	}
	x->pub.path = x->path;
	x->pub.name = x->name;
	x->pub.text = x->buf;
	x->pub.len = len;
	x->pub.kind = wp_detect(path, buf, len);
	if (x->pub.kind != WP_SOURCE_XML) {
		/* a Windows "Unicode text" export is text (XML in UTF-16 is
		 * libxml2's to decode, by its mark and declaration) */
		char *u8;
		size_t u8len;
		rc = wp_source_utf16(&u8, &u8len, buf, len, name, d);
		if (rc == WP_OK && u8) {
			wp_free(x->buf);
			x->buf = u8;
			x->pub.text = u8;
			x->pub.len = u8len;
			x->pub.utf16 = 1;
			x->pub.kind = wp_detect(path, u8, u8len);
		}
		if (rc != WP_OK) {
			wp_doc_free(&x->pub);
			return rc;
		}
		buf = x->buf;
		len = x->pub.len;
	}
	if (x->pub.kind == WP_SOURCE_DOCX) {
		/* read as the Markdown it is written as; every finding then says
		 * where it is in the document */
		char *md;
		size_t mlen, from = d->n;
		rc = wp_docx_to_md(&md, &mlen, &x->map, buf, len, name, o->limits, d);
		if (rc == WP_OK) {
			wp_free(x->buf);
			x->buf = md;
			x->pub.text = md;
			x->pub.len = mlen;
			rc = wp_docx_locate(x->map, name, d, from);
		}
		if (rc != WP_OK) {
			wp_doc_free(&x->pub);
			return rc;
		}
	}
	size_t nfiles;
	const char *const *files = wp_config_files(o->config, &nfiles);
	for (size_t i = 0; i < nfiles && rc == WP_OK; i++)
		rc = add_dep(x, files[i]);
	if (rc == WP_OK)
		rc = choose_profile(x, env, o, d);
	if (rc == WP_OK && x->pub.source_profile->path)
		rc = add_dep(x, x->pub.source_profile->path); /* (kept once, where it first came) */
	x->pub.profile = x->pub.source_profile;
	if (rc == WP_OK && x->pub.kind == WP_SOURCE_XML) {
		char *s = schema_file(env);
		rc = s ? add_dep(x, s) : WP_ENOMEM;
		wp_free(s);
	}
	if (rc == WP_OK && x->pub.source_profile->report_of)
		rc = probe_plan(x, env, o, d);
	if (rc == WP_OK)
		rc = judge_programme(x);
	if (rc != WP_OK) {
		wp_doc_free(&x->pub);
		return rc;
	}
	x->probed = 1;
	*out = x;
	return WP_OK;
}

/* The options with the configuration's under them: limits (in *lim). */
static const wp_doc_opts *with_limits(const wp_doc_opts *o, wp_doc_opts *eff, wp_limits *lim)
{
	if (!o->config)
		return o;
	*eff = *o;
	wp_config_limits(o->config, o->limits, lim);
	eff->limits = lim;
	return eff;
}

int wp_doc_probe(wp_doc **out, wp_env *env, const char *path, const wp_doc_opts *o, wp_diags *d)
{
	char *buf;
	size_t len;
	const char *name = strcmp(path, "-") ? path : "<stdin>";
	wp_doc_opts eff;
	wp_limits lim;
	o = with_limits(o, &eff, &lim);
	int rc = wp_read_file_max(&buf, &len, path, o->limits ? o->limits->input : 0);
	*out = NULL;
	if (rc == WP_EIO)
		return wp_diags_add(d, name, 0, 0, WP_ERROR, "io.read", "cannot read '%s': %s", path, wp_read_why(errno)) == WP_OK
			       ? WP_EIO : WP_ENOMEM;
	if (rc != WP_OK)
		return rc;
	return probe((doc **)out, env, path, name, buf, len, o, d);
}

int wp_doc_probe_mem(wp_doc **out, wp_env *env, const char *name, const char *buf, size_t len, const wp_doc_opts *o,
		     wp_diags *d)
{
	char *copy = wp_malloc(len + 1);
	wp_doc_opts eff;
	wp_limits lim;
	o = with_limits(o, &eff, &lim);
	*out = NULL;
	if (!copy)
		return WP_ENOMEM;
	memcpy(copy, buf, len);
	copy[len] = '\0';
	return probe((doc **)out, env, name, name, copy, len, o, d);
}

/* Reads the programme of a probed document, by its format. */
static int read_programme(doc *x, wp_env *env, const wp_doc_opts *o, wp_programme **p, wp_diags *d)
{
	const wp_doc *pub = &x->pub;
	if (pub->kind == WP_SOURCE_XML) {
		const wp_schema *schema;
		int rc = wp_lazy_need(WP_LAZY_XML, pub->name, d); /* (said of the source, not of the schema) */
		if (rc != WP_OK)
			return rc;
		rc = wp_env_schema(env, &schema, d);
		if (rc != WP_OK) /* (a schema that cannot be read is the document's error; libxml2 missing is not) */
			return rc == WP_ENOMEM || rc == WP_EIO ? rc : WP_EINPUT;
		return wp_read_xml(p, x->buf, pub->len, pub->name, pub->source_profile, schema, d);
	}
	return wp_read_md_from(p, x->buf, pub->len, pub->name, pub->source_profile, o->limits, pub->kind == WP_SOURCE_DOCX, d);
}

/* Sets "KEY=VALUE" metadata. */
static int set_meta(wp_programme *p, const wp_doc_opts *o, wp_diags *d)
{
	for (size_t i = 0; i < o->nset; i++) {
		const char *kv = o->set[i], *eq = strchr(kv, '='), *why = NULL;
		wp_buf key = {0};
		if (eq)
			wp_buf_put(&key, kv, (size_t)(eq - kv));
		if (key.oom) {
			wp_buf_free(&key);
			return WP_ENOMEM;
		}
		int rc = eq ? wp_programme_set(p, key.data, eq + 1, &why) : WP_EINPUT;
		wp_buf_free(&key);
		if (rc == WP_ENOMEM)
			return rc;
		if (rc != WP_OK)
			return wp_diags_add(d, "--set", 0, 0, WP_ERROR, "meta.invalid", "%s: %s", kv,
					    why ? why : "KEY=VALUE is expected") == WP_OK ? WP_EUSAGE : WP_ENOMEM;
	}
	/* --as-of: the date the annex says progress is as of, and its overdue
	 * marks are judged at (a date the command line checked) */
	if (o->as_of) {
		const char *why;
		int rc = wp_programme_set(p, "as_of", o->as_of, &why);
		if (rc != WP_OK)
			return rc == WP_ENOMEM ? rc : WP_EUSAGE;
	}
	return WP_OK;
}

static int load(wp_doc *pub, wp_env *env, const wp_doc_opts *o, wp_diags *d);

/* The options with the configuration's under them (see wp_doc_opts):
 * limits, as_of, and the rules off. WP_OK or WP_ENOMEM. */
static int effective(doc *x, const wp_doc_opts *o, wp_doc_opts *eff)
{
	size_t nr;
	const wp_rule *rules = wp_rules(&nr);
	*eff = *o;
	if (!o->config)
		return WP_OK;
	wp_config_limits(o->config, o->limits, &x->limits);
	eff->limits = &x->limits;
	if (!eff->as_of)
		eff->as_of = wp_config_as_of(o->config);
	wp_free(x->off);
	if (!(x->off = wp_malloc((o->ndisable + nr + 1) * sizeof *x->off)))
		return WP_ENOMEM;
	size_t n = 0;
	for (size_t i = 0; i < o->ndisable; i++)
		x->off[n++] = o->disable[i];
	for (size_t i = 0; i < nr; i++)
		if (wp_config_disables(o->config, rules[i].id) && !wp_rule_matches(rules[i].id, o->enable, o->nenable))
			x->off[n++] = rules[i].id;
	eff->disable = x->off;
	eff->ndisable = n;
	return WP_OK;
}

static int rule_off(const char *rule, void *data)
{
	const wp_doc_opts *o = data;
	return wp_rule_matches(rule, o->disable, o->ndisable);
}

int wp_doc_load(wp_doc *pub, wp_env *env, const wp_doc_opts *o, wp_diags *d)
{
	doc *x = (doc *)pub;
	size_t from = d->n;
	wp_doc_opts eff;
	int rc = effective(x, o, &eff);
	if (rc == WP_OK)
		rc = load(pub, env, &eff, d);
	/* a Word document's findings say where they are in it, whatever happened */
	if (x->map && wp_docx_locate(x->map, pub->name, d, from) != WP_OK)
		rc = WP_ENOMEM;
	/* the project's severities, then what the source acknowledges */
	for (size_t i = from; o->config && i < d->n; i++) {
		int sev = wp_config_severity(o->config, d->items[i].rule);
		if (sev >= 0)
			wp_diags_set_severity(d, i, (wp_severity)sev);
	}
	size_t said = d->n;
	if (rc == WP_OK && x->own &&
	    wp_accept_apply(x->own, pub->name, d, from, rule_off, &eff) != WP_OK)
		rc = WP_ENOMEM;
	/* (an acknowledgement's own findings: where it is in a Word document) */
	if (x->map && d->n > said && wp_docx_locate(x->map, pub->name, d, said) != WP_OK)
		rc = WP_ENOMEM;
	return rc;
}

static int load(wp_doc *pub, wp_env *env, const wp_doc_opts *o, wp_diags *d)
{
	doc *x = (doc *)pub;
	size_t from = d->n;
	wp_programme *p = NULL;
	int rc;

	if (!x->probed || pub->p)
		return WP_EUSAGE;
	assert(pub->source_profile != NULL && x->buf != NULL);
	rc = read_programme(x, env, o, &p, d);
	if (rc != WP_OK)
		return rc;
	pub->p = x->own = p;
	if (pub->source_profile->report_of) {
		/* the annex of a progress report is its plan with the report set in */
		if (!x->plan_rel) {
			rc = wp_diags_add(d, pub->name, 1, 1, WP_ERROR, "report.plan",
					  "a progress report names the plan it reports on: front matter 'plan: FILE' (relative to the report)");
			return rc == WP_OK ? WP_EINPUT : WP_ENOMEM;
		}
		wp_doc_opts po = {0};
		po.limits = o->limits;
		if (!x->plan)
			return WP_EINPUT; /* said when it was probed */
		rc = wp_doc_load(&x->plan->pub, env, &po, d);
		if (rc != WP_OK)
			return rc == WP_ENOMEM ? rc : WP_EINPUT;
		rc = wp_report_merge(x->plan->pub.p, p, x->plan_path, d);
		if (rc != WP_OK)
			return rc;
		pub->report = p;
		pub->p = p = x->plan->pub.p;
		pub->profile = x->plan->pub.source_profile;
	}
	if ((rc = set_meta(p, o, d)) != WP_OK)
		return rc;
	if (o->changes != WP_CHANGES_SHOW && (rc = wp_programme_changes(p, o->changes, pub->profile->u_is_insertion)) != WP_OK)
		return rc;
	/* what every writer and rule reads of it, worked out once (set_meta
	 * made --as-of p's as_of) */
	if ((rc = wp_facts_new(&x->facts, p, pub->profile, o->changes, p->as_of)) != WP_OK)
		return rc;
	pub->facts = x->facts;
	if (o->check) {
		wp_check_opts co = {p->as_of, o->disable, o->ndisable, o->want_fixes, x->facts};
		if ((rc = wp_check(p, pub->profile, &co, d)) != WP_OK)
			return rc;
	}
	if (o->ndisable)
		wp_diags_filter_from(d, from, o->disable, o->ndisable);
	return d->oom ? WP_ENOMEM : WP_OK;
}

int wp_doc_facts(wp_doc *pub, wp_changes_mode mode)
{
	doc *x = (doc *)pub;
	wp_facts *f;
	if (!pub->p)
		return WP_EUSAGE;
	if (wp_facts_new(&f, pub->p, pub->profile, mode, pub->p->as_of) != WP_OK)
		return WP_ENOMEM;
	wp_facts_free(x->facts);
	pub->facts = x->facts = f;
	return WP_OK;
}

int wp_doc_open(wp_doc **out, wp_env *env, const char *path, const wp_doc_opts *o, wp_diags *d)
{
	int rc = wp_doc_probe(out, env, path, o, d);
	if (rc == WP_OK && (rc = wp_doc_load(*out, env, o, d)) != WP_OK) {
		wp_doc_free(*out);
		*out = NULL;
	}
	return rc;
}
