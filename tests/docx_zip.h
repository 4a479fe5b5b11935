/* docx_zip.h: a .docx package made from XML parts kept as text (tests'
 * fixtures, the sample in input/), with libzip. Each folder given adds
 * its files under their relative names; a later folder's file replaces an
 * earlier one's (a fixture over tests/docx/common). Entries are sorted
 * and dated 1 January 2025, so the same parts make the same bytes. */
#ifndef WP_DOCX_ZIP_H
#define WP_DOCX_ZIP_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

typedef struct dz_entry {
	char *name, *path;
} dz_entry;

typedef struct dz_list {
	dz_entry *v;
	size_t n, cap;
} dz_list;

static int dz_cmp(const void *a, const void *b)
{
	return strcmp(((const dz_entry *)a)->name, ((const dz_entry *)b)->name);
}

/* Adds root/rel's files (recursively) to l, replacing same names. */
static int dz_walk(dz_list *l, const char *root, const char *rel)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s%s%s", root, *rel ? "/" : "", rel);
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	struct dirent *de;
	int rc = 0;
	while (rc == 0 && (de = readdir(d)) != NULL) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		char name[4096], path[8192];
		struct stat st;
		snprintf(name, sizeof name, "%s%s%s", rel, *rel ? "/" : "", de->d_name);
		snprintf(path, sizeof path, "%s/%s", root, name);
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			rc = dz_walk(l, root, name);
			continue;
		}
		size_t i = 0;
		while (i < l->n && strcmp(l->v[i].name, name))
			i++;
		if (i == l->n) {
			if (l->n == l->cap) {
				l->cap = l->cap ? l->cap * 2 : 16;
				l->v = realloc(l->v, l->cap * sizeof *l->v);
			}
			l->v[l->n].name = strdup(name);
			l->v[l->n].path = NULL;
			l->n++;
		}
		free(l->v[i].path);
		l->v[i].path = strdup(path);
	}
	closedir(d);
	return rc;
}

/* Writes out from the folders; 0, or -1 with a message on stderr. */
static int docx_zip(const char *out, const char *const *dirs, size_t ndirs)
{
	dz_list l = {0};
	int err = 0, rc = 0;
	for (size_t i = 0; i < ndirs && rc == 0; i++)
		if (dz_walk(&l, dirs[i], "") != 0) {
			fprintf(stderr, "docx_zip: cannot read the folder %s\n", dirs[i]);
			rc = -1;
		}
	zip_t *z = rc == 0 ? zip_open(out, ZIP_CREATE | ZIP_TRUNCATE, &err) : NULL;
	if (rc == 0 && !z) {
		fprintf(stderr, "docx_zip: cannot create %s (libzip error %d)\n", out, err);
		rc = -1;
	}
	if (rc == 0)
		qsort(l.v, l.n, sizeof *l.v, dz_cmp);
	for (size_t i = 0; rc == 0 && i < l.n; i++) {
		zip_source_t *s = zip_source_file(z, l.v[i].path, 0, -1);
		zip_int64_t idx = s ? zip_file_add(z, l.v[i].name, s, ZIP_FL_ENC_UTF_8) : -1;
		if (idx < 0) {
			fprintf(stderr, "docx_zip: %s: %s\n", l.v[i].path, zip_strerror(z));
			if (s)
				zip_source_free(s);
			rc = -1;
		} else {
			zip_file_set_mtime(z, (zip_uint64_t)idx, 1735689600, 0);
		}
	}
	if (z && (rc == 0 ? zip_close(z) : (zip_discard(z), 0)) != 0) {
		fprintf(stderr, "docx_zip: %s: %s\n", out, zip_strerror(z));
		zip_discard(z);
		rc = -1;
	}
	for (size_t i = 0; i < l.n; i++) {
		free(l.v[i].name);
		free(l.v[i].path);
	}
	free(l.v);
	return rc;
}

#endif
