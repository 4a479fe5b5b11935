/* front_matter.c: the one front-matter scanner (see front_matter.h): the
 * block between "---" lines at a source's start, read by libyaml's
 * document API, its keys with their positions. */
#include "wpgen/wpgen.h"
#include "read/front_matter.h"
#include "base/alloc.h"
#include "base/util.h"

#include <string.h>
#include <yaml.h>

static size_t bom(const char *buf, size_t len)
{
	return len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0;
}

/* The end of the line at p (its '\n' or the end), and the line's length
 * without a '\r' before it. */
static const char *line_end(const char *p, const char *end, size_t *n)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	const char *e = nl ? nl : end;
	*n = (size_t)(e - p) - (e > p && e[-1] == '\r');
	return e;
}

void fm_free(fm *f)
{
	for (size_t i = 0; i < f->n; i++) {
		wp_free(f->items[i].key);
		wp_free(f->items[i].value);
	}
	wp_free(f->items);
	wp_free(f->problem);
	if (f->loaded)
		yaml_document_delete(&f->doc);
	memset(f, 0, sizeof *f);
}

static char *dup_scalar(yaml_node_t *n)
{
	char *s = wp_malloc(n->data.scalar.length + 1);
	if (s) {
		memcpy(s, n->data.scalar.value, n->data.scalar.length);
		s[n->data.scalar.length] = '\0';
	}
	return s;
}

int fm_parse(fm *f, const char *buf, size_t len)
{
	size_t skip = bom(buf, len), n;
	const char *text = buf + skip, *end = buf + len, *p = text, *e;
	unsigned line = 1;
	yaml_parser_t parser;
	int rc = WP_OK;

	memset(f, 0, sizeof *f);
	e = line_end(p, end, &n);
	if (n != 3 || memcmp(p, "---", 3) != 0 || e == end)
		return WP_OK;
	const char *body = e + 1;
	for (p = body; p < end; p = e + 1) {
		line++;
		e = line_end(p, end, &n);
		if (n == 3 && (!memcmp(p, "---", 3) || !memcmp(p, "...", 3)))
			break;
		if (e == end) {
			p = end;
			break;
		}
	}
	if (p >= end)
		return WP_OK; /* never closed: not front matter */
	f->end = line;
	f->end_off = (size_t)(e - text) + (e < end);
	if (!yaml_parser_initialize(&parser))
		return WP_ENOMEM;
	yaml_parser_set_input_string(&parser, (const unsigned char *)body, (size_t)(p - body));
	if (!yaml_parser_load(&parser, &f->doc)) {
		f->problem = wp_strdup(parser.problem ? parser.problem : "not YAML");
		f->pline = (unsigned)parser.problem_mark.line + 2;
		f->pcol = (unsigned)parser.problem_mark.column + 1;
		yaml_parser_delete(&parser);
		return f->problem ? WP_OK : WP_ENOMEM;
	}
	yaml_parser_delete(&parser);
	f->loaded = 1;
	yaml_document_t *doc = &f->doc;
	yaml_node_t *root = yaml_document_get_root_node(doc);
	if (root && root->type == YAML_MAPPING_NODE) {
		size_t cap = (size_t)(root->data.mapping.pairs.top - root->data.mapping.pairs.start);
		f->items = wp_malloc((cap ? cap : 1) * sizeof *f->items);
		if (!f->items)
			rc = WP_ENOMEM;
		for (yaml_node_pair_t *pr = root->data.mapping.pairs.start; rc == WP_OK && pr < root->data.mapping.pairs.top;
		     pr++) {
			yaml_node_t *k = yaml_document_get_node(doc, pr->key);
			yaml_node_t *v = yaml_document_get_node(doc, pr->value);
			fm_item *it = &f->items[f->n++];
			memset(it, 0, sizeof *it);
			it->line = k ? (unsigned)k->start_mark.line + 2 : 2;
			it->col = k ? (unsigned)k->start_mark.column + 1 : 1;
			it->vline = v ? (unsigned)v->start_mark.line + 2 : it->line;
			it->vcol = v ? (unsigned)v->start_mark.column + 1 : it->col;
			it->node = v ? pr->value : 0;
			if (k && k->type == YAML_SCALAR_NODE && !(it->key = dup_scalar(k)))
				rc = WP_ENOMEM;
			if (v && v->type == YAML_SCALAR_NODE && !(it->value = dup_scalar(v)))
				rc = WP_ENOMEM;
		}
	} else if (root) {
		f->not_mapping = 1;
	}
	if (rc != WP_OK)
		fm_free(f);
	return rc;
}

void fm_pos(const yaml_node_t *n, unsigned *line, unsigned *col)
{
	*line = (unsigned)n->start_mark.line + 2; /* (the block starts on line 2) */
	*col = (unsigned)n->start_mark.column + 1;
}

const fm_item *fm_get(const fm *f, const char *key)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->items[i].key && !strcmp(f->items[i].key, key))
			return &f->items[i];
	return NULL;
}

