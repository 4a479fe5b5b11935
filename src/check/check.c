/* check.c: the runner. It works out what every rule reads once (each
 * cell's text, the rows not in the version, the columns empty throughout),
 * then runs each rule of check/rules.def the profile configures, in the
 * registry's order. Adding a rule is one line in rules.def, one function
 * (a file of check/) and its tests. */
#include "check/rule.h"
#include "check/numbering.h"
#include "base/alloc.h"
#include "base/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The function of each rule the runner runs, by id. */
static const struct {
	const char *id;
	ck_rule_fn fn;
} rules[] = {
#define CHECK(id, fn, name, severity, source, explain) {id, rule_##fn},
#define REPORT(id, phase, name, severity, source, explain)
#include "check/rules.def"
#undef CHECK
#undef REPORT
};

/* Whether the profile makes a column mandatory (table.mandatory). */
static int mandatory(const ck_ctx *c, const char *key)
{
	size_t n;
	const char **cols = wp_profile_param_values(wp_profile_rule_find(c->prof, "table.mandatory"), "columns", &n);
	for (size_t i = 0; key && i < n; i++)
		if (cols[i] && !strcmp(cols[i], key))
			return 1;
	return 0;
}

/* The cells of the activities not in the version the facts are of (rows
 * a tracked change deletes whole): nothing is said of them. Each row's
 * cells are one ck_block; the ck_blocks, sorted by address, are searched. */
static int cmp_block(const void *a, const void *b)
{
	const ck_block *x = a, *y = b;
	return (x->from > y->from) - (x->from < y->from);
}

static int find_gone(ck_ctx *c)
{
	size_t n = c->facts->total.deleted + c->facts->total.inserted, at = 0;
	if (!n)
		return WP_OK;
	ck_block *g = wp_malloc(n * sizeof *g);
	if (!g)
		return WP_ENOMEM;
	for (size_t k = 0; k < c->p->nsections; k++) {
		const wp_section *s = &c->p->sections[k];
		for (size_t i = 0; i < s->nactivities; i++)
			if (!ck_row(c, s, i)->counted && at < n)
				g[at++] = (ck_block){(uintptr_t)s->activities[i].fields,
						  (uintptr_t)(s->activities[i].fields + s->ncolumns)};
	}
	qsort(g, at, sizeof *g, cmp_block);
	c->gone = g;
	c->ngone = at;
	return WP_OK;
}

/* Every rule reads cell texts; they are made once, not once a rule, into
 * one block. */
/* A cell whose text as the rules read it (ck_cell_text) is its one run's
 * text as it is: one paragraph of one run, not deleted, no space at either
 * end, no two together, no other white space. Most cells are; they are
 * read in place, not copied. */
static const char *as_is(const wp_field *f)
{
	if (f->nparas != 1 || f->paras[0].nruns != 1)
		return NULL;
	const wp_run *r = &f->paras[0].runs[0];
	if (r->kind != WP_RUN_TEXT || (r->style & WP_STYLE_DEL) || !r->len || r->text[r->len] != '\0')
		return NULL;
	for (size_t k = 0; k < r->len; k++) {
		unsigned char ch = (unsigned char)r->text[k];
		if (!ch || (wp_is_space(ch) && (ch != ' ' || k == 0 || k + 1 == r->len || r->text[k + 1] == ' ')))
			return NULL;
	}
	return r->text;
}

static int make_cells(ck_ctx *c)
{
	size_t total = 0;
	if (find_gone(c) != WP_OK)
		return WP_ENOMEM;
	c->base = wp_malloc((c->p->nsections + 1) * sizeof *c->base);
	if (!c->base)
		return WP_ENOMEM;
	for (size_t k = 0; k < c->p->nsections; k++) {
		c->base[k] = total;
		total += c->p->sections[k].nactivities * c->p->sections[k].ncolumns;
	}
	c->base[c->p->nsections] = total;
	c->cells = wp_malloc((total ? total : 1) * sizeof *c->cells);
	if (!c->cells)
		return WP_ENOMEM;
	/* offsets first: the block moves as it grows */
	size_t *off = wp_malloc((total ? total : 1) * sizeof *off), at = 0;
	wp_buf b = {0};
	if (!off)
		return WP_ENOMEM;
	for (size_t k = 0; k < c->p->nsections; k++) {
		const wp_section *s = &c->p->sections[k];
		for (size_t i = 0; i < s->nactivities; i++)
			for (size_t j = 0; j < s->ncolumns; j++) {
				const char *t = as_is(&s->activities[i].fields[j]);
				c->cells[at] = t;
				off[at++] = t ? SIZE_MAX : b.len;
				if (!t)
					ck_cell_text(&b, &s->activities[i].fields[j]);
			}
	}
	wp_buf_put(&b, "", 0); /* (a block, even when every cell is read in place) */
	c->text = b.oom ? NULL : wp_buf_detach(&b, NULL);
	for (size_t i = 0; c->text && i < at; i++)
		if (off[i] != SIZE_MAX)
			c->cells[i] = c->text + off[i];
	wp_buf_free(&b);
	wp_free(off);
	if (!c->text) {
		wp_free(c->cells);
		c->cells = NULL;
		return WP_ENOMEM;
	}
	c->base[c->p->nsections] = at;
	/* the columns empty on every activity of their section */
	c->empty = wp_malloc((c->p->nsections + 1) * sizeof *c->empty);
	if (!c->empty)
		return WP_ENOMEM;
	memset(c->empty, 0, (c->p->nsections + 1) * sizeof *c->empty);
	for (size_t k = 0; k < c->p->nsections; k++) {
		const wp_section *s = &c->p->sections[k];
		c->empty[k] = wp_malloc(s->ncolumns + 1);
		if (!c->empty[k])
			return WP_ENOMEM;
		for (size_t j = 0; j < s->ncolumns; j++) {
			/* only a column that must be filled: the completion status, or
			 * one the profile makes mandatory (an optional column, a
			 * schedule's months, may well be empty) */
			int empty = s->nactivities >= 3 && ((s->columns[j].roles & WP_ROLE_STATUS) || mandatory(c, s->columns[j].key));
			for (size_t i = 0; i < s->nactivities && empty; i++)
				empty = !*c->cells[c->base[k] + i * s->ncolumns + j];
			c->empty[k][j] = (unsigned char)empty;
		}
	}
	return WP_OK;
}

static void free_cells(ck_ctx *c)
{
	wp_free(c->text);
	wp_free(c->cells);
	wp_free(c->base);
	wp_free(c->gone);
	wp_facts_free(c->own_facts);
	for (size_t k = 0; c->empty && k < c->p->nsections; k++)
		wp_free(c->empty[k]);
	wp_free(c->empty);
	ck_numbering_free(c);
}

int wp_check(const wp_programme *p, const wp_profile *profile, const wp_check_opts *o, wp_diags *d)
{
	static const wp_check_opts none = {0};
	ck_ctx c = {.p = p, .prof = profile, .o = o ? o : &none, .d = d};
	c.facts = c.o->facts;
	if (!c.facts) {
		if (wp_facts_new(&c.own_facts, p, profile, WP_CHANGES_ACCEPT, c.o->as_of) != WP_OK)
			return WP_ENOMEM;
		c.facts = c.own_facts;
	}
	if (make_cells(&c) != WP_OK) {
		/* what was made is freed below; the count is where it stopped */
		d->oom = 1;
	}
	for (size_t i = 0; i < sizeof rules / sizeof rules[0] && !d->oom; i++) {
		if (wp_rule_matches(rules[i].id, c.o->disable, c.o->ndisable))
			continue;
		c.rule = wp_rule_find(rules[i].id);
		c.cfg = wp_profile_rule_find(profile, c.rule->id);
		rules[i].fn(&c);
	}
	free_cells(&c);
	return d->oom ? WP_ENOMEM : WP_OK;
}

