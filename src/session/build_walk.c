/* build_walk.c: the sources of a build, found by walking the folders it
 * was given (see build_impl.h). */
#include "session/build_impl.h"
#include "base/hash.h"

/***** sources *****/

static int is_source(const char *name)
{
	size_t n = strlen(name);
	return (n > 3 && strcmp(name + n - 3, ".md") == 0) || (n > 4 && strcmp(name + n - 4, ".xml") == 0) ||
	       (n > 5 && strcmp(name + n - 5, ".docx") == 0);
}

int bd_add_job(jobs *js, const char *path, const char *rel, const struct stat *st)
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

/* The folders walked so far, by device and inode, in an open-addressed
 * table (each real folder is walked once; looking one up is constant). */
static size_t slot_of(const seen_dirs *s, dev_t dev, ino_t ino)
{
	uint64_t h = wp_hash(wp_hash(WP_HASH0, &dev, sizeof dev), &ino, sizeof ino);
	size_t i = (size_t)h & (s->cap - 1);
	while (s->d[i].used && (s->d[i].dev != dev || s->d[i].ino != ino))
		i = (i + 1) & (s->cap - 1);
	return i;
}

int bd_first_visit(seen_dirs *s, const struct stat *st)
{
	if ((s->n + 1) * 2 > s->cap) { /* at most half full */
		seen_dirs g = {NULL, 0, s->cap ? s->cap * 2 : 64};
		if (!(g.d = wp_malloc(g.cap * sizeof *g.d)))
			return -1;
		memset(g.d, 0, g.cap * sizeof *g.d);
		for (size_t i = 0; i < s->cap; i++)
			if (s->d[i].used)
				g.d[slot_of(&g, s->d[i].dev, s->d[i].ino)] = s->d[i];
		g.n = s->n;
		wp_free(s->d);
		*s = g;
	}
	size_t i = slot_of(s, st->st_dev, st->st_ino);
	if (s->d[i].used)
		return 0;
	s->d[i].dev = st->st_dev;
	s->d[i].ino = st->st_ino;
	s->d[i].used = 1;
	s->n++;
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

/* Whether real is root or inside it. */
static int within(const char *root, const char *real)
{
	size_t n = strlen(root);
	return !strncmp(real, root, n) && (real[n] == '/' || real[n] == '\0' || !strcmp(root, "/"));
}

/* A symbolic link met in the walk: followed only when it resolves inside
 * the tree (unless the build allows more); said otherwise. 1: follow. */
static int link_ok(walk *w, const char *path, int *rc)
{
	char *real = realpath(path, NULL);
	int ok = real && (w->follow_out || within(w->root, real));
	if (!ok)
		*rc = wp_diags_add(w->d, path, 0, 0, WP_NOTE, "build.link",
				   real ? "a symbolic link to '%s', outside the tree '%s': not followed (--follow-links follows it)"
					: "a symbolic link that leads nowhere%s%s: not followed",
				   real ? real : "", real ? w->root : "") == WP_OK ? WP_OK : WP_ENOMEM;
	free(real);
	return ok;
}

static int bd_walk(walk *w, const char *dir, const char *rel, int depth);

/* A link to a folder waits until the real tree is walked: a file is then
 * found under its own path, not under a link's (and which path a folder
 * reached two ways is found under does not depend on the order of a
 * listing). */
static int defer_link(walk *w, const char *path, const char *rel, const char *dir, int depth)
{
	if (w->nlinks == w->caplinks) {
		size_t nc = w->caplinks ? w->caplinks * 2 : 16;
		walk_link *g = wp_realloc(w->links, nc * sizeof *g);
		if (!g)
			return WP_ENOMEM;
		w->links = g;
		w->caplinks = nc;
	}
	walk_link *l = &w->links[w->nlinks];
	l->path = wp_strdup(path);
	l->rel = wp_strdup(rel);
	l->dir = wp_strdup(dir);
	l->depth = depth;
	w->nlinks++;
	return l->path && l->rel && l->dir ? WP_OK : WP_ENOMEM;
}

/* A folder met again: through a link back to a folder above it (a loop),
 * or a second way to a folder walked already. */
static int met_again(walk *w, const char *path, const char *real, const char *dir)
{
	char *here = realpath(dir, NULL);
	int loop = real && here && within(real, here);
	int rc = wp_diags_add(w->d, path, 0, 0, WP_NOTE, "build.loop",
			      loop ? "a link back to '%s', a folder above it: a loop of links, not walked again"
				   : "the folder '%s', walked already by another path: not walked twice",
			      real ? real : path);
	free(here);
	return rc == WP_OK ? WP_OK : WP_ENOMEM;
}

static int walk_folder(walk *w, const char *path, const char *rel, const char *dir, const struct stat *st, int depth)
{
	char *real = realpath(path, NULL);
	int rc = WP_OK, out = w->skip && real && !strcmp(real, w->skip), first = out ? 0 : bd_first_visit(w->seen, st);
	if (first < 0)
		rc = WP_ENOMEM;
	else if (first)
		rc = bd_walk(w, path, rel, depth + 1);
	else if (!out)
		rc = met_again(w, path, real, dir);
	free(real);
	return rc;
}

static int walk_entry(walk *w, const char *dir, const char *rel, const char *name, int depth)
{
	wp_buf p = {0}, r = {0};
	struct stat st, lst;
	int rc = WP_OK;
	wp_buf_printf(&p, "%s/%s", dir, name);
	wp_buf_printf(&r, "%s%s%s", rel, *rel ? "/" : "", name);
	if (p.oom || r.oom)
		rc = WP_ENOMEM;
	else if (lstat(p.data, &lst) != 0 || (S_ISLNK(lst.st_mode) && !link_ok(w, p.data, &rc)) || stat(p.data, &st) != 0)
		; /* (gone since it was listed, or a link not followed: said) */
	else if (S_ISDIR(st.st_mode) && S_ISLNK(lst.st_mode))
		rc = defer_link(w, p.data, r.data, dir, depth);
	else if (S_ISDIR(st.st_mode))
		rc = walk_folder(w, p.data, r.data, dir, &st, depth);
	else if (S_ISREG(st.st_mode) && is_source(name) && foreign_xml(p.data))
		rc = wp_diags_add(w->d, p.data, 0, 0, WP_NOTE, "build.foreign",
				  "not built: XML of another kind than a work programme (wpgen's namespace is not named)");
	else if (S_ISREG(st.st_mode) && is_source(name))
		rc = bd_add_job(w->js, p.data, r.data, &st);
	wp_buf_free(&p);
	wp_buf_free(&r);
	return rc;
}

/* Walks dir for sources; rel is the path below the folder given. */
static int bd_walk(walk *w, const char *dir, const char *rel, int depth)
{
	DIR *dp;
	struct dirent *de;
	int rc = WP_OK;
	if (depth > MAX_DEPTH)
		return wp_diags_add(w->d, dir, 0, 0, WP_WARNING, "build.depth", "folders nested deeper than %d are not walked",
				    MAX_DEPTH) == WP_OK ? WP_OK : WP_ENOMEM;
	dp = opendir(dir);
	if (!dp) {
		wp_diags_add(w->d, dir, 0, 0, WP_ERROR, "io.read", "cannot read folder: %s", strerror(errno));
		return WP_EIO;
	}
	while ((de = readdir(dp)) && rc == WP_OK)
		if (de->d_name[0] != '.') /* hidden files, . and .. */
			rc = walk_entry(w, dir, rel, de->d_name, depth);
	closedir(dp);
	return rc;
}

static int cmp_link(const void *a, const void *b)
{
	return strcmp(((const walk_link *)a)->rel, ((const walk_link *)b)->rel);
}

/* The tree under dir: its real folders first, then the links to folders,
 * in rounds (the links a linked folder holds come in the next), each in
 * the order of their paths. */
int bd_walk_tree(walk *w, const char *dir, const struct stat *st)
{
	int rc = bd_first_visit(w->seen, st);
	size_t from = 0;
	rc = rc < 0 ? WP_ENOMEM : rc ? bd_walk(w, dir, "", 0) : WP_OK;
	while (rc == WP_OK && from < w->nlinks) {
		size_t to = w->nlinks;
		qsort(w->links + from, to - from, sizeof *w->links, cmp_link);
		for (size_t i = from; i < to && rc == WP_OK; i++) {
			struct stat lt;
			walk_link *l = &w->links[i];
			if (stat(l->path, &lt) == 0 && S_ISDIR(lt.st_mode))
				rc = walk_folder(w, l->path, l->rel, l->dir, &lt, l->depth);
		}
		from = to;
	}
	for (size_t i = 0; i < w->nlinks; i++) {
		wp_free(w->links[i].path);
		wp_free(w->links[i].rel);
		wp_free(w->links[i].dir);
	}
	wp_free(w->links);
	w->links = NULL;
	w->nlinks = w->caplinks = 0;
	return rc;
}

int bd_cmp_job(const void *a, const void *b)
{
	return strcmp(((const job *)a)->rel, ((const job *)b)->rel);
}

/* The stem of rel (without its extension), for clashes. */
size_t bd_stem_len(const char *rel)
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
	const char *const ends[] = {".html", ".md", ".xml", STATE_FILE, FINDINGS_FILE};
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
void bd_sweep_temps(const char *dir)
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


/***** the sources of a folder, for others than build *****/

int wp_sources_find(char ***out, size_t *n, const char *dir, int follow_links, wp_diags *d)
{
	jobs js = {0};
	seen_dirs seen = {0};
	struct stat st;
	char *real = NULL;
	int rc = WP_OK;
	*out = NULL;
	*n = 0;
	const char *why = stat(dir, &st) != 0 ? strerror(errno) : !S_ISDIR(st.st_mode) ? "not a folder"
			: !(real = realpath(dir, NULL)) ? strerror(errno) : NULL;
	if (why)
		return wp_diags_add(d, dir, 0, 0, WP_ERROR, "io.read", "cannot read folder: %s", why) == WP_OK ? WP_EIO : WP_ENOMEM;
	walk w = {&js, &seen, NULL, real, follow_links, d, NULL, 0, 0};
	rc = bd_walk_tree(&w, dir, &st);
	free(real);
	wp_free(seen.d);
	if (rc == WP_OK && js.n) {
		qsort(js.j, js.n, sizeof *js.j, bd_cmp_job);
		if (!(*out = wp_malloc(js.n * sizeof **out)))
			rc = WP_ENOMEM;
	}
	for (size_t i = 0; i < js.n; i++) {
		if (rc == WP_OK) {
			(*out)[i] = js.j[i].path;
			js.j[i].path = NULL;
		}
		wp_free(js.j[i].path);
		wp_free(js.j[i].rel);
		wp_free(js.j[i].real);
	}
	if (rc == WP_OK)
		*n = js.n;
	wp_free(js.j);
	return rc;
}

void wp_sources_free(char **paths, size_t n)
{
	for (size_t i = 0; paths && i < n; i++)
		wp_free(paths[i]);
	wp_free(paths);
}
