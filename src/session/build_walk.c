/* build_walk.c: the sources of a build, found by walking the folders it
 * was given (see build_impl.h). */
#include "session/build_impl.h"

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

int bd_first_visit(seen_dirs *s, const struct stat *st)
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
int bd_walk(jobs *js, seen_dirs *seen, const char *dir, const char *rel, const char *skip, int depth, wp_diags *d)
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
				int skipped = skip && real && strcmp(real, skip) == 0, first = bd_first_visit(seen, &st);
				free(real);
				if (first < 0)
					rc = WP_ENOMEM;
				else if (first && !skipped) /* a folder met again (a link loop): walked once */
					rc = bd_walk(js, seen, p.data, r.data, skip, depth + 1, d);
			} else if (S_ISREG(st.st_mode) && is_source(de->d_name) && foreign_xml(p.data)) {
				rc = wp_diags_add(d, p.data, 0, 0, WP_NOTE, "build.foreign",
						  "not built: XML of another kind than a work programme (wpgen's namespace is not named)");
			} else if (S_ISREG(st.st_mode) && is_source(de->d_name)) {
				rc = bd_add_job(js, p.data, r.data, &st);
			}
		}
		wp_buf_free(&p);
		wp_buf_free(&r);
	}
	closedir(dp);
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

