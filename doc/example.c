/* example.c: libwpgen in a program of one's own. It opens a work
 * programme (Markdown, wpgen's XML or a Word .docx), reads and checks it,
 * and prints where things stand: per section, then for the whole
 * programme, the activities and how many have each status colour, as
 * "ACTIVITIES colour:N ... none:N", and then its findings' count.
 *
 * Built against an installed copy (make test does so, tests/library.sh):
 *
 *   cc -o example doc/example.c $(pkg-config --cflags --libs wpgen) \
 *      -DDATADIR="\"$(pkg-config --variable=datadir wpgen)\""
 *   ./example programme.md
 */
#include <wpgen/wpgen.h>

#include <stdio.h>

#ifndef DATADIR
#define DATADIR "/usr/local/share/wpgen"
#endif

/* "6 green:1 blue:3 red:2 none:0", or "4" without a status column. */
static void counts(const wp_count *c, const wp_profile *prof)
{
	printf("%zu", c->activities);
	for (size_t q = 0; c->has_status && q < prof->ncolours; q++)
		printf(" %s:%zu", prof->colours[q].name, c->by_colour[q]);
	if (c->has_status)
		printf(" none:%zu", c->none);
	putchar('\n');
}

int main(int argc, char **argv)
{
	wp_env *env = NULL;
	wp_doc *doc = NULL;
	wp_diags d = {0};
	wp_doc_opts o = {0}; /* the source's own profile, changes shown, no --set */
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: %s PROGRAMME\n", argv[0]);
		return 2;
	}
	if (wp_env_new(&env, DATADIR) != WP_OK)
		return 2;
	o.check = 1;
	rc = wp_doc_open(&doc, env, argv[1], &o, &d);
	if (rc == WP_OK && doc->profile->ncolours) {
		/* the facts: what every output of wpgen counts */
		for (size_t k = 0; k < doc->facts->nsections; k++)
			counts(&doc->facts->sections[k].count, doc->profile);
		counts(&doc->facts->total, doc->profile);
	}
	if (rc == WP_OK)
		fprintf(stderr, "%s: %zu errors, %zu warnings\n", argv[1], d.errors, d.warnings);
	for (size_t i = 0; rc != WP_OK && i < d.n; i++)
		fprintf(stderr, "%s:%u:%u: %s: %s [%s]\n", d.items[i].file, d.items[i].line, d.items[i].col,
			wp_severity_name(d.items[i].severity), d.items[i].message, d.items[i].rule);
	wp_doc_free(doc);
	wp_diags_clear(&d);
	wp_env_free(env);
	return rc == WP_OK ? 0 : 2;
}
