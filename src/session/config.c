/* config.c: a project's configuration files, .wpgen.yaml (see
 * wpgen/config.h): found from a source's folder up to the root of its
 * tree, each read once with libyaml's document API, checked key by key
 * (a finding with its position for each unknown key or wrong value), and
 * merged, the nearest file winning for each value. */
#define _POSIX_C_SOURCE 200809L
#include "wpgen/wpgen.h"
#include "wpgen/config.h"
#include "base/alloc.h"
#include "base/date.h"
#include "base/io.h"
#include "base/util.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#define CONFIG_MAX ((size_t)1 << 20) /* bytes of a configuration file read */

/* One file: its values, in its order. */
typedef struct cfile {
	char *real;            /* its real path (the cache's key) */
	const char *name;      /* as findings name it: relative to the current directory when below it */
	int root;              /* root: true */
	int bad;               /* not read (said the first time) */
	wp_config_value *v;
	size_t nv, cap;
} cfile;

struct wp_config {
	char *key;             /* the folder and the root it was found for */
	const cfile **files;   /* the farthest first */
	size_t nfiles;
	wp_config_value *v;    /* in force: by key, then the farthest first */
	size_t nv;
	const char **names;    /* the files' names, for wp_config_files */
	wp_limits limits;      /* its limits (zero: not set) */
	signed char *sev;      /* per rule of the registry: its severity, -1: as it is */
	unsigned char *off;    /* per rule of the registry: turned off */
};

struct wp_configs {
	cfile **f;
	size_t nf, fcap;
	wp_config **c;
	size_t nc, ccap;
	char *cwd;             /* the current directory's real path */
	wp_arena a;            /* the values' strings */
};

static const char *const keys[] = {"profile", "as_of", "disable", "enable", "severity", "limits"};
#define NKEYS (sizeof keys / sizeof keys[0])

int wp_configs_new(wp_configs **out)
{
	wp_configs *c = wp_malloc(sizeof *c);
	*out = NULL;
	if (!c)
		return WP_ENOMEM;
	memset(c, 0, sizeof *c);
	*out = c;
	return WP_OK;
}

void wp_configs_free(wp_configs *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nf; i++) {
		wp_free(c->f[i]->real);
		wp_free(c->f[i]->v);
		wp_free(c->f[i]);
	}
	for (size_t i = 0; i < c->nc; i++) {
		wp_free(c->c[i]->key);
		wp_free(c->c[i]->files);
		wp_free(c->c[i]->v);
		wp_free(c->c[i]->names);
		wp_free(c->c[i]->sev);
		wp_free(c->c[i]->off);
		wp_free(c->c[i]);
	}
	wp_free(c->f);
	wp_free(c->c);
	free(c->cwd);
	wp_arena_free(&c->a);
	wp_free(c);
}

/***** reading one file *****/

typedef struct rd {
	wp_configs *cs;
	cfile *f;
	yaml_document_t *doc;
	wp_diags *d;
	char *dir;             /* the file's folder, as named */
	int oom;
} rd;

static void at(yaml_node_t *n, unsigned *line, unsigned *col)
{
	*line = (unsigned)n->start_mark.line + 1;
	*col = (unsigned)n->start_mark.column + 1;
}

static void say(rd *r, yaml_node_t *n, wp_severity sev, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static void say(rd *r, yaml_node_t *n, wp_severity sev, const char *rule, const char *fmt, ...)
{
	unsigned line, col;
	va_list ap;
	at(n, &line, &col);
	va_start(ap, fmt);
	if (wp_diags_vadd(r->d, r->f->name, line, col, sev, rule, fmt, ap) != WP_OK)
		r->oom = 1;
	va_end(ap);
}

static const char *scalar(rd *r, yaml_node_t *n)
{
	if (n->type != YAML_SCALAR_NODE || memchr(n->data.scalar.value, 0, n->data.scalar.length))
		return NULL;
	char *s = wp_arena_strndup(&r->cs->a, (const char *)n->data.scalar.value, n->data.scalar.length);
	if (!s)
		r->oom = 1;
	return s;
}

static void add(rd *r, const char *key, const char *name, const char *value, yaml_node_t *n)
{
	cfile *f = r->f;
	if (f->nv == f->cap) {
		size_t nc = f->cap ? 2 * f->cap : 8;
		wp_config_value *g = wp_realloc(f->v, nc * sizeof *g);
		if (!g) {
			r->oom = 1;
			return;
		}
		f->v = g;
		f->cap = nc;
	}
	wp_config_value *v = &f->v[f->nv++];
	v->key = key;
	v->name = name;
	v->value = value;
	v->file = f->name;
	at(n, &v->line, &v->col);
}

/* A file a profile value names, relative to the configuration's folder. */
static const char *profile_value(rd *r, const char *v)
{
	size_t n = strlen(v);
	int file = strchr(v, '/') || (n > 5 && !strcmp(v + n - 5, ".yaml")) || (n > 4 && !strcmp(v + n - 4, ".yml"));
	if (!file || v[0] == '/' || !strcmp(r->dir, "."))
		return v;
	wp_buf b = {0};
	wp_buf_printf(&b, "%s/%s", r->dir, v);
	const char *s = b.oom ? NULL : wp_arena_strdup(&r->cs->a, b.data);
	wp_buf_free(&b);
	if (!s)
		r->oom = 1;
	return s;
}

/* disable, enable: a rule or a list of rules. */
static void rule_list(rd *r, const char *key, yaml_node_t *n)
{
	yaml_node_item_t one = 0, *i = &one, *end = &one + 1;
	if (n->type == YAML_SEQUENCE_NODE) {
		i = n->data.sequence.items.start;
		end = n->data.sequence.items.top;
	} else if (n->type != YAML_SCALAR_NODE) {
		say(r, n, WP_ERROR, "config.value", "%s: a rule id or family, or a list of them%s", key, "");
		return;
	}
	for (; i < end && !r->oom; i++) {
		yaml_node_t *x = i == &one ? n : yaml_document_get_node(r->doc, *i);
		const char *id = x ? scalar(r, x) : NULL;
		if (!id && !r->oom)
			say(r, x ? x : n, WP_ERROR, "config.value", "%s: a rule id or family, not a list or mapping%s", key, "");
		else if (id && !wp_rule_known(id))
			say(r, x, WP_ERROR, "config.value", "%s: no rule or family of rules is named '%s' (see 'wpgen rules')", key, id);
		else if (id)
			add(r, key, id, key, x);
	}
}

/* severity, limits: a mapping of names to values. */
static void name_map(rd *r, const char *key, yaml_node_t *n)
{
	if (n->type != YAML_MAPPING_NODE) {
		say(r, n, WP_ERROR, "config.value", "%s: a mapping (%s)", key,
		    !strcmp(key, "severity") ? "rule: error, warning or note" : "name: N, as --limit NAME=N");
		return;
	}
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top && !r->oom; p++) {
		yaml_node_t *k = yaml_document_get_node(r->doc, p->key), *v = yaml_document_get_node(r->doc, p->value);
		const char *name = scalar(r, k), *val = scalar(r, v);
		if (r->oom)
			return;
		if (!strcmp(key, "severity")) {
			if (!name || !wp_rule_known(name)) {
				say(r, k, WP_ERROR, "config.value", "severity: no rule or family of rules is named '%s'%s",
				    name ? name : "(not a text)", " (see 'wpgen rules')");
			} else if (!val || (strcmp(val, "error") && strcmp(val, "warning") && strcmp(val, "note"))) {
				say(r, v, WP_ERROR, "config.value", "severity: %s takes error, warning or note, not '%s'", name,
				    val ? val : "a list or mapping");
			} else {
				add(r, key, name, val, k);
			}
			continue;
		}
		wp_limits scratch = {0};
		char *end = NULL;
		unsigned long long x = val && *val >= '0' && *val <= '9' ? strtoull(val, &end, 10) : 0;
		if (!name || wp_limits_set(&scratch, name, 1) != WP_OK)
			say(r, k, WP_ERROR, "config.value", "limits: no limit is named '%s'%s", name ? name : "(not a text)",
			    " (line, columns, brackets, depth, indent, emphasis, docx-part, docx-total, docx-ratio, input)");
		else if (!x || *end || x > SIZE_MAX)
			say(r, v, WP_ERROR, "config.value", "limits: %s takes a positive whole number, not '%s'", name,
			    val ? val : "a list or mapping");
		else
			add(r, key, name, val, k);
	}
}

static void one_key(rd *r, yaml_node_t *k, yaml_node_t *v)
{
	const char *key = scalar(r, k), *val;
	size_t i = 0;
	while (key && i < NKEYS && strcmp(key, keys[i]))
		i++;
	if (key && !strcmp(key, "root")) {
		int yes = (val = scalar(r, v)) ? wp_yes_no(val) : -1;
		if (yes < 0)
			say(r, v, WP_ERROR, "config.value", "root: true or false%s%s", "", "");
		else
			r->f->root = yes;
		return;
	}
	if (!key || i == NKEYS) {
		if (!r->oom)
			say(r, k, WP_WARNING, "config.unknown-key",
			    "unknown key '%s' is ignored (root, profile, as_of, disable, enable, severity, limits)%s",
			    key ? key : "(not a text)", "");
		return;
	}
	key = keys[i]; /* (static: values point to it) */
	if (i >= 2) {
		(i < 4 ? rule_list : name_map)(r, key, v);
		return;
	}
	if (!(val = scalar(r, v)) || !*val) {
		if (!r->oom)
			say(r, v, WP_ERROR, "config.value", "%s: a text%s", key, i ? " (a date YYYY-MM-DD)" : " (a profile's name or file)");
		return;
	}
	if (i == 1 && !wp_date_valid(val))
		say(r, v, WP_ERROR, "config.value", "as_of: a date YYYY-MM-DD (a day of that month), not '%s'%s", val, "");
	else if (i == 0 && (val = profile_value(r, val)) != NULL)
		add(r, key, NULL, val, v);
	else if (i == 1)
		add(r, key, NULL, val, v);
}

/* Parses a file's bytes. WP_OK (findings for what is wrong in it),
 * WP_EUSAGE (not YAML, not a mapping) or WP_ENOMEM. */
static int parse(rd *r, const char *buf, size_t len)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	if (!yaml_parser_initialize(&parser))
		return WP_ENOMEM;
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	if (!yaml_parser_load(&parser, &doc)) {
		int rc = wp_diags_add(r->d, r->f->name, (unsigned)parser.problem_mark.line + 1,
				      (unsigned)parser.problem_mark.column + 1, WP_ERROR, "config.invalid", "not valid YAML: %s",
				      parser.problem ? parser.problem : "cannot be parsed");
		yaml_parser_delete(&parser);
		return rc == WP_OK ? WP_EUSAGE : WP_ENOMEM;
	}
	yaml_parser_delete(&parser);
	r->doc = &doc;
	yaml_node_t *root = yaml_document_get_root_node(&doc);
	int rc = WP_OK;
	if (root && root->type == YAML_MAPPING_NODE) {
		for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top && !r->oom; p++)
			one_key(r, yaml_document_get_node(&doc, p->key), yaml_document_get_node(&doc, p->value));
	} else if (root && !(root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0)) {
		rc = wp_diags_add(r->d, r->f->name, (unsigned)root->start_mark.line + 1, (unsigned)root->start_mark.column + 1,
				  WP_ERROR, "config.invalid", "a configuration is a mapping of keys (root, profile, as_of, "
				  "disable, enable, severity, limits)") == WP_OK ? WP_EUSAGE : WP_ENOMEM;
	}
	yaml_document_delete(&doc);
	return r->oom ? WP_ENOMEM : rc;
}

/* A name for findings: below the current directory, relative to it. */
static const char *display(wp_configs *cs, const char *real)
{
	size_t n = cs->cwd ? strlen(cs->cwd) : 0;
	if (n && !strncmp(real, cs->cwd, n) && real[n] == '/')
		real += n + 1;
	else if (n && !strcmp(real, cs->cwd))
		real = ".";
	return wp_arena_strdup(&cs->a, real);
}

/* The file at real path p, read once. *out NULL: memory ran out. */
static int file_get(wp_configs *cs, const char *real, cfile **out, wp_diags *d)
{
	*out = NULL;
	for (size_t i = 0; i < cs->nf; i++)
		if (!strcmp(cs->f[i]->real, real)) {
			*out = cs->f[i];
			return cs->f[i]->bad ? WP_EUSAGE : WP_OK;
		}
	if (cs->nf == cs->fcap) {
		size_t nc = cs->fcap ? 2 * cs->fcap : 8;
		cfile **g = wp_realloc(cs->f, nc * sizeof *g);
		if (!g)
			return WP_ENOMEM;
		cs->f = g;
		cs->fcap = nc;
	}
	cfile *f = wp_malloc(sizeof *f);
	if (!f)
		return WP_ENOMEM;
	memset(f, 0, sizeof *f);
	if (!(f->real = wp_strdup(real)) || !(f->name = display(cs, real))) {
		wp_free(f->real);
		wp_free(f);
		return WP_ENOMEM;
	}
	cs->f[cs->nf++] = f;
	*out = f;
	char *buf = NULL;
	size_t len = 0;
	int rc = wp_read_file_max(&buf, &len, real, CONFIG_MAX);
	if (rc == WP_EIO)
		rc = wp_diags_add(d, f->name, 0, 0, WP_ERROR, "config.invalid", "cannot read the configuration: %s",
				  wp_read_why(errno)) == WP_OK ? WP_EUSAGE : WP_ENOMEM;
	if (rc == WP_OK) {
		rd r = {cs, f, NULL, d, NULL, 0};
		const char *slash = strrchr(f->name, '/');
		wp_buf dir = {0};
		wp_buf_put(&dir, slash ? f->name : ".", slash ? (size_t)(slash - f->name) : 1);
		r.dir = dir.oom ? NULL : dir.data;
		rc = r.dir ? parse(&r, buf, len) : WP_ENOMEM;
		wp_buf_free(&dir);
	}
	wp_free(buf);
	f->bad = rc != WP_OK;
	return rc;
}

/***** merging *****/

static int value_add(wp_config *c, size_t *cap, const wp_config_value *v)
{
	if (c->nv == *cap) {
		size_t nc = *cap ? 2 * *cap : 8;
		wp_config_value *g = wp_realloc(c->v, nc * sizeof *g);
		if (!g)
			return 0;
		c->v = g;
		*cap = nc;
	}
	c->v[c->nv++] = *v;
	return 1;
}

typedef struct ranked {
	const wp_config_value *v;
	size_t order, file;
} ranked;

static int cmp_name(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	int c = strcmp(x->v->name, y->v->name);
	return c ? c : (x->order > y->order) - (x->order < y->order);
}

static int cmp_order(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	return (x->order > y->order) - (x->order < y->order);
}

/* The values in force, key by key: for profile and as_of the nearest
 * file's (its last); for severity and limits the nearest for each name;
 * disable and enable all, in order (wp_config_disables plays them out).
 * In n log n of the values. */
static int merge(wp_config *c)
{
	size_t total = 0, cap = 0;
	for (size_t fi = 0; fi < c->nfiles; fi++)
		total += c->files[fi]->nv;
	ranked *r = wp_malloc((total ? total : 1) * sizeof *r);
	if (!r)
		return WP_ENOMEM;
	for (size_t k = 0; k < NKEYS; k++) {
		size_t n = 0, kept = 0;
		for (size_t fi = 0; fi < c->nfiles; fi++)
			for (size_t i = 0; i < c->files[fi]->nv; i++)
				if (c->files[fi]->v[i].key == keys[k])
					r[n] = (ranked){&c->files[fi]->v[i], n, fi}, n++;
		if (k < 2) { /* one value: the nearest */
			kept = n ? (r[0] = r[n - 1], 1) : 0;
		} else if (k >= 4) { /* per name: the nearest */
			if (n)
				qsort(r, n, sizeof *r, cmp_name);
			for (size_t i = 0; i < n; i++)
				if (i + 1 == n || strcmp(r[i].v->name, r[i + 1].v->name))
					r[kept++] = r[i];
			if (kept)
				qsort(r, kept, sizeof *r, cmp_order);
			/* a severity a nearer file gives its family too is not in force
			 * (the names are rules wpgen has: a hundred at most) */
			size_t w = 0;
			for (size_t i = 0; i < kept; i++) {
				int over = 0;
				for (size_t j = 0; k == 4 && j < kept && !over; j++) {
					const char *fam = r[j].v->name;
					over = r[j].file > r[i].file && wp_rule_matches(r[i].v->name, &fam, 1);
				}
				if (!over)
					r[w++] = r[i];
			}
			kept = w;
		} else {
			kept = n;
		}
		for (size_t i = 0; i < kept; i++)
			if (!value_add(c, &cap, r[i].v)) {
				wp_free(r);
				return WP_ENOMEM;
			}
	}
	wp_free(r);
	return WP_OK;
}

/* Per rule of the registry, what the files say: off or on (each file in
 * turn, the nearest last: its enable wins over its disable), and the
 * severity of the longest id or family that names it. */
static int tables(wp_config *c)
{
	size_t nr;
	const wp_rule *rules = wp_rules(&nr);
	c->sev = wp_malloc(nr ? nr : 1);
	c->off = wp_malloc(nr ? nr : 1);
	if (!c->sev || !c->off)
		return WP_ENOMEM;
	memset(c->sev, -1, nr);
	memset(c->off, 0, nr);
	size_t *best = wp_malloc((nr ? nr : 1) * sizeof *best);
	if (!best)
		return WP_ENOMEM;
	memset(best, 0, (nr ? nr : 1) * sizeof *best);
	for (size_t fi = 0; fi < c->nfiles; fi++) {
		const cfile *f = c->files[fi];
		for (size_t k = 0; k < nr; k++) {
			int dis = 0, en = 0;
			for (size_t i = 0; i < f->nv; i++) {
				const char *id = f->v[i].name;
				if ((f->v[i].key == keys[2] || f->v[i].key == keys[3]) && wp_rule_matches(rules[k].id, &id, 1))
					*(f->v[i].key == keys[2] ? &dis : &en) = 1;
			}
			if (en)
				c->off[k] = 0;
			else if (dis)
				c->off[k] = 1;
		}
	}
	/* severity: the nearest file that names the rule wins; within a
	 * file, its longest id or family */
	for (size_t fi = 0; fi < c->nfiles; fi++) {
		const cfile *f = c->files[fi];
		memset(best, 0, nr * sizeof *best);
		for (size_t i = 0; i < f->nv; i++) {
			const wp_config_value *v = &f->v[i];
			const char *id = v->name;
			size_t len = id ? strlen(id) + 1 : 0;
			if (v->key != keys[4])
				continue;
			for (size_t k = 0; k < nr; k++)
				if (wp_rule_matches(rules[k].id, &id, 1) && len >= best[k]) {
					best[k] = len;
					c->sev[k] = (signed char)(!strcmp(v->value, "error") ? WP_ERROR
								 : !strcmp(v->value, "warning") ? WP_WARNING : WP_NOTE);
				}
		}
	}
	wp_free(best);
	for (size_t i = 0; i < c->nv; i++)
		if (c->v[i].key == keys[5])
			wp_limits_set(&c->limits, c->v[i].name, (size_t)strtoull(c->v[i].value, NULL, 10));
	return WP_OK;
}

static int config_new(wp_configs *cs, const char *key, cfile **files, size_t n, const wp_config **out)
{
	wp_config *c = wp_malloc(sizeof *c);
	*out = NULL;
	if (!c)
		return WP_ENOMEM;
	memset(c, 0, sizeof *c);
	if (cs->nc == cs->ccap) {
		size_t nc = cs->ccap ? 2 * cs->ccap : 8;
		wp_config **g = wp_realloc(cs->c, nc * sizeof *g);
		if (!g) {
			wp_free(c);
			return WP_ENOMEM;
		}
		cs->c = g;
		cs->ccap = nc;
	}
	cs->c[cs->nc++] = c;
	c->key = wp_strdup(key);
	c->files = wp_malloc((n ? n : 1) * sizeof *c->files);
	c->names = wp_malloc((n ? n : 1) * sizeof *c->names);
	if (!c->key || !c->files || !c->names)
		return WP_ENOMEM;
	for (size_t i = 0; i < n; i++) { /* (found nearest first) */
		c->files[i] = files[n - 1 - i];
		c->names[i] = c->files[i]->name;
	}
	c->nfiles = n;
	int rc = merge(c);
	if (rc == WP_OK)
		rc = tables(c);
	if (rc == WP_OK)
		*out = n ? c : NULL;
	return rc;
}

/* The real path of a source's folder. malloc'd; NULL: it has none. */
static char *folder_of(const char *path)
{
	if (!strcmp(path, "-"))
		return realpath(".", NULL);
	const char *slash = strrchr(path, '/');
	if (!slash)
		return realpath(".", NULL);
	if (slash == path)
		return realpath("/", NULL);
	char *dir = wp_malloc((size_t)(slash - path) + 1);
	if (!dir)
		return NULL;
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash - path] = '\0';
	char *real = realpath(dir, NULL);
	wp_free(dir);
	return real;
}

int wp_configs_for(wp_configs *cs, const char *path, const char *root, const wp_config **out, wp_diags *d)
{
	int rc = WP_OK;
	*out = NULL;
	if (!cs->cwd && !(cs->cwd = realpath(".", NULL)))
		return WP_OK; /* (no current directory: no configuration) */
	char *dir = folder_of(path), *top = root ? realpath(root, NULL) : strdup(cs->cwd);
	wp_buf key = {0}, probe = {0};
	cfile **found = NULL;
	size_t n = 0, cap = 0;
	if (!dir || !top) /* (a source that cannot be read: said when it is read) */
		goto done;
	wp_buf_printf(&key, "%s\n%s", dir, top);
	if (key.oom) {
		rc = WP_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < cs->nc; i++)
		if (!strcmp(cs->c[i]->key, key.data)) {
			*out = cs->c[i]->nfiles ? cs->c[i] : NULL;
			goto done;
		}
	size_t tl = strlen(top);
	int inside = !strncmp(dir, top, tl) && (dir[tl] == '/' || dir[tl] == '\0' || !strcmp(top, "/"));
	for (size_t len = strlen(dir);;) {
		struct stat st;
		cfile *f;
		probe.len = 0;
		wp_buf_printf(&probe, "%.*s/%s", (int)len, dir, WP_CONFIG_FILE);
		if (probe.oom) {
			rc = WP_ENOMEM;
			goto done;
		}
		if (stat(probe.data, &st) == 0 && S_ISREG(st.st_mode)) {
			char *real = realpath(probe.data, NULL);
			rc = real ? file_get(cs, real, &f, d) : WP_ENOMEM;
			free(real);
			if (rc != WP_OK)
				goto done;
			if (n == cap) {
				cap = cap ? 2 * cap : 4;
				cfile **g = wp_realloc(found, cap * sizeof *g);
				if (!g) {
					rc = WP_ENOMEM;
					goto done;
				}
				found = g;
			}
			found[n++] = f;
			if (f->root)
				break;
		}
		/* up, while below the root */
		if (!inside || len <= tl || len <= 1)
			break;
		while (len > 1 && dir[len - 1] != '/')
			len--;
		if (len > 1)
			len--; /* (the '/') */
		if (len < tl)
			break;
	}
	rc = config_new(cs, key.data, found, n, out);
done:
	wp_free(found);
	wp_buf_free(&key);
	wp_buf_free(&probe);
	free(dir);
	free(top);
	return rc;
}

int wp_configs_file(wp_configs *cs, const char *file, const wp_config **out, wp_diags *d)
{
	cfile *f;
	*out = NULL;
	if (!cs->cwd && !(cs->cwd = realpath(".", NULL)))
		cs->cwd = NULL;
	char *real = realpath(file, NULL);
	if (!real)
		return wp_diags_add(d, file, 0, 0, WP_ERROR, "config.invalid", "cannot read the configuration: %s",
				    wp_read_why(errno)) == WP_OK ? WP_EUSAGE : WP_ENOMEM;
	wp_buf key = {0};
	wp_buf_printf(&key, "=%s", real);
	int rc = key.oom ? WP_ENOMEM : WP_OK;
	for (size_t i = 0; rc == WP_OK && i < cs->nc; i++)
		if (!strcmp(cs->c[i]->key, key.data)) {
			*out = cs->c[i];
			goto done;
		}
	if (rc == WP_OK)
		rc = file_get(cs, real, &f, d);
	if (rc == WP_OK)
		rc = config_new(cs, key.data, &f, 1, out);
done:
	wp_buf_free(&key);
	free(real);
	return rc;
}

/***** what it says *****/

const wp_config_value *wp_config_values(const wp_config *c, size_t *n)
{
	*n = c ? c->nv : 0;
	return c ? c->v : NULL;
}

const char *const *wp_config_files(const wp_config *c, size_t *n)
{
	*n = c ? c->nfiles : 0;
	return c ? c->names : NULL;
}

static const char *single(const wp_config *c, const char *key)
{
	for (size_t i = 0; c && i < c->nv; i++)
		if (!strcmp(c->v[i].key, key))
			return c->v[i].value;
	return NULL;
}

const char *wp_config_profile(const wp_config *c)
{
	return single(c, "profile");
}

const char *wp_config_as_of(const wp_config *c)
{
	return single(c, "as_of");
}

void wp_config_limits(const wp_config *c, const wp_limits *over, wp_limits *out)
{
	if (c)
		*out = c->limits;
	else
		memset(out, 0, sizeof *out);
	if (!over)
		return;
	/* the caller's (the command line's) nonzero fields win */
#define TAKE(f) (out->f = over->f ? over->f : out->f)
	TAKE(line), TAKE(columns), TAKE(brackets), TAKE(depth), TAKE(indent), TAKE(emphasis);
	TAKE(docx_part), TAKE(docx_total), TAKE(docx_ratio), TAKE(input);
#undef TAKE
}

/* The registry's index of a rule id, or -1. */
static long rule_index(const char *rule)
{
	size_t nr;
	const wp_rule *r = rule ? wp_rule_find(rule) : NULL;
	return r ? (long)(r - wp_rules(&nr)) : -1;
}

int wp_config_disables(const wp_config *c, const char *rule)
{
	long k = c ? rule_index(rule) : -1;
	return k >= 0 && c->off[k];
}

int wp_config_severity(const wp_config *c, const char *rule)
{
	long k = c ? rule_index(rule) : -1;
	return k >= 0 ? c->sev[k] : -1;
}
