/* front_matter.h: the one front-matter scanner (front_matter.c). A Markdown source may open with
 * a YAML block between "---" lines (metadata: profile, plan, title, ...);
 * it is found here and parsed with libyaml, for the reader (which sets the
 * programme's metadata from it) and for detection (which only peeks at a
 * key before anything is read). Internal to the library. */
#ifndef WP_READ_FRONT_MATTER_H
#define WP_READ_FRONT_MATTER_H

#include <stddef.h>
#include <yaml.h>

typedef struct fm_item {
	char *key, *value;     /* value NULL: not a scalar (a list, a mapping) */
	unsigned line, col;    /* of the key, in the source */
	unsigned vline, vcol;  /* of the value */
	int node;              /* the value's node in fm.doc (a list, a mapping: read it there) */
} fm_item;

typedef struct fm {
	fm_item *items;
	size_t n;
	unsigned end;          /* the line of the closing "---" (or "..."); 0: no front matter */
	size_t end_off;        /* the byte just after that line's end */
	int not_mapping;       /* the block is YAML but not a mapping of keys */
	char *problem;         /* not YAML: libyaml's message; else NULL */
	unsigned pline, pcol;  /* where the problem is */
	yaml_document_t doc;   /* the YAML, kept for values that are lists or mappings */
	int loaded;            /* doc holds a document */
} fm;

/* Finds and parses the front matter of buf[0..len) (after a UTF-8 byte
 * order mark, if any). No front matter: WP_OK with f->end == 0. Invalid
 * YAML: WP_OK with f->problem set. Returns WP_OK or WP_ENOMEM. Free with
 * fm_free. */
int fm_parse(fm *f, const char *buf, size_t len);
void fm_free(fm *f);
/* A node's position in the source (1-based), as the items' are. */
void fm_pos(const yaml_node_t *n, unsigned *line, unsigned *col);
/* The item with that key, or NULL. */
const fm_item *fm_get(const fm *f, const char *key);

#endif
