/* profile.c: loading a profile from YAML with libyaml (see wpgen/profile.h). */
#include "wpgen/wpgen.h"
#include "base/alloc.h"
#include "base/util.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

typedef struct ctx {
	yaml_document_t *doc;
	wp_arena *arena;
	wp_diags *diags;
	const char *name;
	int failed;
} ctx;

static void yerr(ctx *c, const yaml_node_t *n, const char *fmt, const char *what)
{
	wp_diags_add(c->diags, c->name, n ? (unsigned)n->start_mark.line + 1 : 0,
		     n ? (unsigned)n->start_mark.column + 1 : 0, WP_ERROR, "profile.invalid", fmt, what);
	c->failed = 1;
}

static const char *scalar(ctx *c, yaml_node_t *n, const char *what)
{
	if (!n || n->type != YAML_SCALAR_NODE) {
		yerr(c, n, "'%s' must be a string", what);
		return NULL;
	}
	char *s = wp_arena_strndup(c->arena, (const char *)n->data.scalar.value, n->data.scalar.length);
	if (!s)
		c->failed = 1;
	return s;
}

/* Checks that a mapping has only the keys listed (NULL-terminated). */
static void known_keys(ctx *c, yaml_node_t *map, const char *const *keys)
{
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(c->doc, p->key);
		const char *const *kk = keys;
		if (!k || k->type != YAML_SCALAR_NODE)
			continue;
		for (; *kk; kk++)
			if (strcmp(*kk, (const char *)k->data.scalar.value) == 0)
				break;
		if (!*kk)
			wp_diags_add(c->diags, c->name, (unsigned)k->start_mark.line + 1,
				     (unsigned)k->start_mark.column + 1, WP_WARNING, "profile.unknown-key",
				     "unknown key '%s' is ignored", (const char *)k->data.scalar.value);
	}
}

static yaml_node_t *get(ctx *c, yaml_node_t *map, const char *key)
{
	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(c->doc, p->key);
		if (k && k->type == YAML_SCALAR_NODE && strcmp((const char *)k->data.scalar.value, key) == 0)
			return yaml_document_get_node(c->doc, p->value);
	}
	return NULL;
}

static size_t seq_len(yaml_node_t *n)
{
	return n && n->type == YAML_SEQUENCE_NODE
		? (size_t)(n->data.sequence.items.top - n->data.sequence.items.start) : 0;
}

static yaml_node_t *seq_at(ctx *c, yaml_node_t *n, size_t i)
{
	return yaml_document_get_node(c->doc, n->data.sequence.items.start[i]);
}

static const char **strings(ctx *c, yaml_node_t *n, size_t *count, const char *what)
{
	*count = 0;
	if (!n)
		return NULL;
	if (n->type != YAML_SEQUENCE_NODE) {
		yerr(c, n, "'%s' must be a list", what);
		return NULL;
	}
	size_t len = seq_len(n);
	const char **v = wp_arena_alloc(c->arena, (len + 1) * sizeof *v);
	if (!v) {
		c->failed = 1;
		return NULL;
	}
	for (size_t i = 0; i < len; i++)
		v[i] = scalar(c, seq_at(c, n, i), what);
	*count = len;
	return v;
}

static unsigned roles(ctx *c, yaml_node_t *n)
{
	size_t count;
	const char **v = strings(c, n, &count, "roles");
	unsigned r = 0;
	for (size_t i = 0; i < count; i++) {
		if (!v[i])
			continue;
		if (strcmp(v[i], "number") == 0)
			r |= WP_ROLE_NUMBER;
		else if (strcmp(v[i], "continuation") == 0)
			r |= WP_ROLE_CONTINUATION;
		else if (strcmp(v[i], "status") == 0)
			r |= WP_ROLE_STATUS;
		else if (strcmp(v[i], "date") == 0)
			r |= WP_ROLE_DATE;
		else if (strcmp(v[i], "month") == 0)
			r |= WP_ROLE_MONTH;
		else
			yerr(c, seq_at(c, n, i), "unknown role '%s' (number, continuation, status, date, month)", v[i]);
	}
	return r;
}

static void load_section(ctx *c, yaml_node_t *n, wp_profile_section *s)
{
	static const char *const keys[] = {"kind", "heading", "columns", "extra_columns", NULL};
	static const char *const colkeys[] = {"key", "header", "aliases", "roles", NULL};
	if (!n || n->type != YAML_MAPPING_NODE) {
		yerr(c, n, "a section must be a mapping%s", "");
		return;
	}
	known_keys(c, n, keys);
	s->kind = scalar(c, get(c, n, "kind"), "kind");
	if (get(c, n, "heading"))
		s->heading = scalar(c, get(c, n, "heading"), "heading");
	if (get(c, n, "extra_columns")) {
		/* {key: month, roles: [month]}: any number of further columns */
		yaml_node_t *x = get(c, n, "extra_columns");
		static const char *const xkeys[] = {"key", "roles", NULL};
		known_keys(c, x, xkeys);
		s->extra_key = scalar(c, get(c, x, "key"), "key");
		s->extra_roles = roles(c, get(c, x, "roles"));
	}
	yaml_node_t *cols = get(c, n, "columns");
	s->ncolumns = seq_len(cols);
	if (!s->ncolumns) {
		yerr(c, cols ? cols : n, "section '%s' needs a list of columns", s->kind ? s->kind : "?");
		return;
	}
	s->columns = wp_arena_alloc(c->arena, s->ncolumns * sizeof *s->columns);
	if (!s->columns) {
		c->failed = 1;
		return;
	}
	for (size_t i = 0; i < s->ncolumns; i++) {
		yaml_node_t *cn = seq_at(c, cols, i);
		wp_profile_column *col = &s->columns[i];
		if (!cn || cn->type != YAML_MAPPING_NODE) {
			yerr(c, cn, "a column must be a mapping with key and header%s", "");
			continue;
		}
		known_keys(c, cn, colkeys);
		col->key = scalar(c, get(c, cn, "key"), "key");
		col->header = scalar(c, get(c, cn, "header"), "header");
		col->aliases = strings(c, get(c, cn, "aliases"), &col->naliases, "aliases");
		col->roles = roles(c, get(c, cn, "roles"));
		for (size_t j = 0; j < i && col->key; j++)
			if (s->columns[j].key && strcmp(s->columns[j].key, col->key) == 0)
				yerr(c, get(c, cn, "key"), "column key '%s' is used twice", col->key);
	}
}

/* rules: {rule-id: {key: scalar-or-list, ...}, ...} */
static void load_rules(ctx *c, yaml_node_t *n, wp_profile *p)
{
	if (!n)
		return;
	if (n->type != YAML_MAPPING_NODE) {
		yerr(c, n, "'rules' must map rule ids to their settings%s", "");
		return;
	}
	size_t len = (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
	p->rules = wp_arena_alloc(c->arena, (len ? len : 1) * sizeof *p->rules);
	if (!p->rules) {
		c->failed = 1;
		return;
	}
	for (yaml_node_pair_t *pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top; pr++) {
		yaml_node_t *k = yaml_document_get_node(c->doc, pr->key);
		yaml_node_t *v = yaml_document_get_node(c->doc, pr->value);
		wp_profile_rule *r = &p->rules[p->nrules++];
		r->id = scalar(c, k, "rule id");
		if (!v || v->type != YAML_MAPPING_NODE) {
			if (!(v && v->type == YAML_SCALAR_NODE && v->data.scalar.length == 0))
				yerr(c, v, "the settings of rule '%s' must be a mapping", r->id ? r->id : "?");
			continue;
		}
		size_t np = (size_t)(v->data.mapping.pairs.top - v->data.mapping.pairs.start);
		r->params = wp_arena_alloc(c->arena, (np ? np : 1) * sizeof *r->params);
		if (!r->params) {
			c->failed = 1;
			return;
		}
		for (yaml_node_pair_t *q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++) {
			yaml_node_t *qk = yaml_document_get_node(c->doc, q->key);
			yaml_node_t *qv = yaml_document_get_node(c->doc, q->value);
			wp_profile_param *pa = &r->params[r->nparams++];
			pa->key = scalar(c, qk, "setting");
			if (qv && qv->type == YAML_SCALAR_NODE) {
				pa->values = wp_arena_alloc(c->arena, sizeof *pa->values);
				if (!pa->values) {
					c->failed = 1;
					return;
				}
				pa->values[0] = scalar(c, qv, "setting");
				pa->nvalues = 1;
			} else {
				pa->values = strings(c, qv, &pa->nvalues, pa->key ? pa->key : "setting");
			}
		}
	}
}

/* The colour code: each colour's name, meaning, CSS, progress keywords,
 * and the Word shadings and highlights that stand for it. */
static int load_colours(ctx *c, yaml_node_t *cols, wp_profile *p)
{
	static const char *const colkeys[] = {"name", "meaning", "css", "keywords", "fills", "highlights", NULL};
	p->ncolours = seq_len(cols);
	if (!p->ncolours)
		return WP_OK;
	if (!(p->colours = wp_arena_alloc(c->arena, p->ncolours * sizeof *p->colours)))
		return WP_ENOMEM;
	for (size_t i = 0; i < p->ncolours; i++) {
		yaml_node_t *n = seq_at(c, cols, i);
		wp_profile_colour *k = &p->colours[i];
		k->name = scalar(c, get(c, n, "name"), "colour name");
		k->meaning = scalar(c, get(c, n, "meaning"), "colour meaning");
		k->css = scalar(c, get(c, n, "css"), "colour css");
		k->keywords = strings(c, get(c, n, "keywords"), &k->nkeywords, "keywords");
		k->fills = strings(c, get(c, n, "fills"), &k->nfills, "fills");
		k->highlights = strings(c, get(c, n, "highlights"), &k->nhighlights, "highlights");
		known_keys(c, n, colkeys);
	}
	return WP_OK;
}

/* A yes-or-no key ("true" or "yes"). */
static int flag(ctx *c, yaml_node_t *root, const char *key)
{
	const char *v = get(c, root, key) ? scalar(c, get(c, root, key), key) : NULL;
	return v && (strcmp(v, "true") == 0 || strcmp(v, "yes") == 0);
}

/* underline, narrative, headings_only, report_of. */
static void load_flags(ctx *c, yaml_node_t *root, wp_profile *p)
{
	if (get(c, root, "underline")) {
		const char *u = scalar(c, get(c, root, "underline"), "underline");
		if (u && strcmp(u, "insertion") == 0)
			p->u_is_insertion = 1;
		else if (u && strcmp(u, "underline") != 0)
			yerr(c, get(c, root, "underline"), "underline is 'insertion' or 'underline', not '%s'", u);
	}
	p->narrative = flag(c, root, "narrative");
	p->headings_only = flag(c, root, "headings_only");
	if (get(c, root, "report_of"))
		p->report_of = scalar(c, get(c, root, "report_of"), "report_of");
}

int wp_profile_parse(wp_profile **out, const char *buf, size_t len, const char *name, wp_diags *diags)
{
	static const char *const keys[] = {"name", "description", "annex_marker", "example_markers",
					   "colours", "sections", "rules", "underline", "narrative", "report_of", "headings_only", NULL};
	yaml_parser_t parser;
	yaml_document_t doc;
	wp_arena *arena = wp_malloc(sizeof *arena);
	wp_profile *p = NULL;
	ctx c = {&doc, arena, diags, name, 0};
	int rc = WP_OK;

	*out = NULL;
	if (!arena)
		return WP_ENOMEM;
	memset(arena, 0, sizeof *arena);
	if (!yaml_parser_initialize(&parser)) {
		wp_free(arena);
		return WP_ENOMEM;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	if (!yaml_parser_load(&parser, &doc)) {
		int nomem = parser.error == YAML_MEMORY_ERROR;
		wp_diags_add(diags, name, (unsigned)parser.problem_mark.line + 1,
			     (unsigned)parser.problem_mark.column + 1, WP_ERROR, "profile.invalid",
			     "%s", parser.problem ? parser.problem : "not valid YAML");
		yaml_parser_delete(&parser);
		wp_arena_free(arena);
		wp_free(arena);
		return nomem ? WP_ENOMEM : WP_EINPUT;
	}
	yaml_parser_delete(&parser);

	yaml_node_t *root = yaml_document_get_root_node(&doc);
	p = wp_arena_alloc(arena, sizeof *p);
	if (!p) {
		rc = WP_ENOMEM;
		goto done;
	}
	p->impl = arena;
	p->path = wp_arena_strdup(arena, name);
	if (!root || root->type != YAML_MAPPING_NODE) {
		yerr(&c, root, "a profile is a mapping with name, sections and columns%s", "");
		goto done;
	}
	known_keys(&c, root, keys);
	p->name = scalar(&c, get(&c, root, "name"), "name");
	if (get(&c, root, "description"))
		p->description = scalar(&c, get(&c, root, "description"), "description");
	p->annex_marker = get(&c, root, "annex_marker")
		? scalar(&c, get(&c, root, "annex_marker"), "annex_marker") : NULL;
	p->example_markers = strings(&c, get(&c, root, "example_markers"), &p->nexample_markers,
				     "example_markers");

	if (load_colours(&c, get(&c, root, "colours"), p) != WP_OK) {
		rc = WP_ENOMEM;
		goto done;
	}
	load_rules(&c, get(&c, root, "rules"), p);
	load_flags(&c, root, p);
	yaml_node_t *secs = get(&c, root, "sections");
	p->nsections = seq_len(secs);
	if (!p->nsections && p->narrative)
		goto sections_done;
	if (!p->nsections) {
		yerr(&c, secs ? secs : root, "a profile needs a list of sections%s", "");
		goto done;
	}
	p->sections = wp_arena_alloc(arena, p->nsections * sizeof *p->sections);
	if (!p->sections) {
		rc = WP_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < p->nsections; i++)
		load_section(&c, seq_at(&c, secs, i), &p->sections[i]);
sections_done:
done:
	yaml_document_delete(&doc);
	if (rc == WP_OK && c.failed)
		rc = diags->oom || !p ? WP_ENOMEM : WP_EINPUT;
	if (rc != WP_OK) {
		wp_arena_free(arena);
		wp_free(arena);
		return rc;
	}
	*out = p;
	return WP_OK;
}

int wp_profile_load(wp_profile **out, const char *path, wp_diags *diags)
{
	char *buf;
	size_t len;
	int rc = wp_read_file(&buf, &len, path);
	*out = NULL;
	if (rc == WP_EIO) {
		wp_diags_add(diags, path, 0, 0, WP_ERROR, "io.read", "cannot read profile: %s", wp_read_why(errno));
		return rc;
	}
	if (rc != WP_OK)
		return rc;
	rc = wp_profile_parse(out, buf, len, path, diags);
	wp_free(buf);
	return rc;
}

void wp_profile_free(wp_profile *p)
{
	if (!p)
		return;
	wp_arena *a = p->impl;
	wp_arena_free(a);
	wp_free(a);
}

const wp_profile_section *wp_profile_section_kind(const wp_profile *p, const char *kind)
{
	for (size_t i = 0; i < p->nsections; i++)
		if (p->sections[i].kind && strcmp(p->sections[i].kind, kind) == 0)
			return &p->sections[i];
	return NULL;
}

const wp_profile_rule *wp_profile_rule_find(const wp_profile *p, const char *id)
{
	for (size_t i = 0; i < p->nrules; i++)
		if (p->rules[i].id && strcmp(p->rules[i].id, id) == 0)
			return &p->rules[i];
	const char *dot = strchr(id, '.');
	if (dot)
		for (size_t i = 0; i < p->nrules; i++)
			if (p->rules[i].id && strlen(p->rules[i].id) == (size_t)(dot - id) &&
			    strncmp(p->rules[i].id, id, (size_t)(dot - id)) == 0)
				return &p->rules[i];
	return NULL;
}

const char **wp_profile_param_values(const wp_profile_rule *r, const char *key, size_t *n)
{
	*n = 0;
	if (!r)
		return NULL;
	for (size_t i = 0; i < r->nparams; i++)
		if (r->params[i].key && strcmp(r->params[i].key, key) == 0) {
			*n = r->params[i].nvalues;
			return r->params[i].values;
		}
	return NULL;
}

const char *wp_profile_param_str(const wp_profile_rule *r, const char *key, const char *dflt)
{
	size_t n;
	const char **v = wp_profile_param_values(r, key, &n);
	return n && v[0] ? v[0] : dflt;
}

const wp_profile_colour *wp_profile_colour_find(const wp_profile *p, const char *name, size_t len)
{
	for (size_t i = 0; i < p->ncolours; i++)
		if (p->colours[i].name && strlen(p->colours[i].name) == len &&
		    strncasecmp(p->colours[i].name, name, len) == 0)
			return &p->colours[i];
	return NULL;
}

static int in_strings(const char **v, size_t n, const char *s)
{
	for (size_t i = 0; s && *s && i < n; i++)
		if (v[i] && !strcasecmp(v[i], s))
			return 1;
	return 0;
}

const wp_profile_colour *wp_profile_colour_of_fill(const wp_profile *p, const char *fill, const char *base,
						     const char *highlight)
{
	for (size_t i = 0; i < p->ncolours; i++) {
		const wp_profile_colour *c = &p->colours[i];
		if (in_strings(c->fills, c->nfills, fill) || in_strings(c->fills, c->nfills, base) ||
		    in_strings(c->highlights, c->nhighlights, highlight))
			return c;
	}
	return NULL;
}

size_t wp_profile_names(const char *dir, char ***names)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	size_t n = 0, cap = 0;
	*names = NULL;
	while (dp && (de = readdir(dp)) != NULL) {
		size_t l = strlen(de->d_name);
		if (l < 6 || strcmp(de->d_name + l - 5, ".yaml") != 0 || de->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **q = wp_realloc(*names, (cap = cap ? cap * 2 : 8) * sizeof *q);
			if (!q)
				break;
			*names = q;
		}
		if (((*names)[n] = wp_malloc(l - 4)) != NULL) {
			memcpy((*names)[n], de->d_name, l - 5);
			(*names)[n++][l - 5] = '\0';
		}
	}
	if (dp)
		closedir(dp);
	/* readdir's order is the file system's: sorted, every machine lists
	 * (and picks) alike; insertion sort for a handful of names */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp((*names)[j - 1], (*names)[j]) > 0; j--) {
			char *t = (*names)[j];
			(*names)[j] = (*names)[j - 1];
			(*names)[j - 1] = t;
		}
	return n;
}
