/* cli.h: what the commands of the wpgen command line share: options,
 * where the data folder is, printing findings and summaries, writing
 * outputs. The commands themselves are in main.c, one screen each. */
#ifndef WP_CLI_CLI_H
#define WP_CLI_CLI_H

#include "wpgen/wpgen.h"

#include <stdio.h>

enum { EXIT_DONE = 0, EXIT_DOC_ERRORS = 1, EXIT_USAGE = 2 };

extern const char *prog;

typedef struct opts {
	const char *to, *out, *template_path, *profile, *as_of, *changes, *depfile, *plan_root, *reference_doc;
	int summary, werror, fix, dry_run, strict, statistics, jobs, quiet, clean_failed, follow_links;
	const char *config_file;        /* --config FILE: this configuration, no other */
	int no_config;                  /* --no-config: no configuration file */
	int show_accepted, print_config;
	const char **limit_args;        /* the --limit arguments as given (for wpgen config) */
	size_t nlimit_args;
	int format;
	int min_severity;               /* --min-severity (-q: WP_ERROR); findings below are not printed */
	/* argv-sized lists (no option is dropped) */
	const char **disable, **enable, **off, **set;
	size_t ndisable, nenable, noff, nset;
	wp_limits limits;               /* --limit NAME=N; zero fields: defaults */
} opts;

enum { O_TEMPLATE = 256, O_WERROR, O_DISABLE, O_ENABLE, O_AS_OF, O_FIX, O_DRY_RUN, O_STRICT, O_FORMAT, O_SET, O_CHANGES,
       O_CLEAN_FAILED, O_DEPFILE, O_LIMIT, O_PLAN_ROOT, O_STATISTICS, O_FOLLOW_LINKS, O_MIN_SEVERITY,
       O_REFERENCE_DOC, O_CONFIG, O_NO_CONFIG, O_SHOW_ACCEPTED, O_PRINT_CONFIG };

/* Prints "wpgen: MESSAGE" and a hint on stderr; returns EXIT_USAGE. */
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* $WPGEN_DATADIR, else the source tree the binary was built in, else the
 * installed share folder; and datadir/sub/name.ext (malloc'd). */
const char *data_dir(void);
char *data_path(const char *sub, const char *name, const char *ext);

/* Parses the options a command allows (their codes in allowed, 0-ended).
 * Returns -1 to go on, or the exit code (after --help: 0). */
int parse_opts(int argc, char **argv, opts *o, const char *help, const int *allowed);
void opts_free(opts *o);
wp_changes_mode changes_mode(const char *s);

/* The gcc-style lines of d's findings from index from on, those at or
 * over the command's --min-severity. */
void print_diags(const wp_diags *d, size_t from, FILE *f);
/* d's findings from index from on at or over --min-severity, as a view
 * (its items the caller's to free with free(); their strings d's). */
int diags_shown(const wp_diags *d, size_t from, wp_diags *view);
/* The one line a command that printed findings ends with: "2 errors, 5
 * warnings (and 3 notes)", then ", 4 below --min-severity not shown",
 * then what follows (NULL: nothing). Not with -q. */
void print_total(const wp_diags *d, const char *tail);
/* The exit code for a library failure (says "out of memory" for one). */
int failed(int rc);
/* A new environment over data_dir(), or NULL (said). */
wp_env *env_or_die(void);
/* Opens path as the options say (check: run the rules). Returns -1 with
 * *doc set, or the exit code to give up with; findings go to d. */
int open_doc(wp_doc **doc, wp_env *env, const char *path, const opts *o, int check, wp_diags *d);
/* The same for a source found in the folder root (NULL: named): one that
 * is not a work programme (wp_doc.not_programme) is skipped with a
 * read.skipped note (-1 with *doc NULL); a report's plan may be anywhere
 * in root. */
int open_doc_in(wp_doc **doc, wp_env *env, const char *path, const opts *o, int check, const char *root, wp_diags *d);
/* The configuration in force for a source as the options say (--config,
 * --no-config, else the .wpgen.yaml files from its folder up to root,
 * NULL: the current directory). -1 with *cfg set (NULL: none), or the
 * exit code to give up with (its findings in d). */
int config_for(const wp_config **cfg, const char *path, const opts *o, const char *root, wp_diags *d);
/* Prints the configuration in force for a source, each value with where
 * it came from (wpgen config, check --print-config), on stdout. */
int print_config(const char *path, const opts *o, wp_diags *d);
const char *plural(size_t n, const char *one, const char *many);
/* What was read from a document, and where things stand, on stderr. */
void print_summary(const wp_doc *doc, size_t errors, size_t warnings);
/* Where things stand in a document, in that format (malloc'd), or NULL
 * (no colours in its profile, no activities, or no memory). */
char *status_text(const wp_doc *doc, wp_status_format fmt);
/* EXIT_USAGE (said) when out is one of the files the document was read
 * from (the source, its profile, its plan, the schema) or tpl: the same
 * file, whatever the path. EXIT_DONE otherwise. */
int refuse_over_input(const char *out, const wp_doc *doc, const char *tpl);
/* Writes data to out (atomically), or to standard output for NULL or "-". */
int write_output(const char *out, const char *data, size_t len);
/* The built-in HTML or Markdown annex (annex: as produce) streamed into
 * the file at path as it is made, put in place whole (base/io.h); an exit
 * code, or -1 when it is not for streaming (standard output, a template,
 * another format, a device, a file with other hard links): produce it
 * whole. */
/* Two documents read at once, each as open_doc reads it (no checks), in
 * two threads: their findings in d as if read one after the other. -1
 * with both, or an exit code with neither. */
int open_pair(wp_doc **a, wp_doc **b, wp_env *env, const char *pa, const char *pb, const opts *o, wp_diags *d);
int produce_streamed(const char *path, const wp_doc *doc, const char *to, const char *tpl, int annex);
/* The template of a format: tpl, else the built-in one (malloc'd). */
char *template_for(const char *to, const char *tpl);
/* The annex or source text of a document: the XML of that flavour, or a
 * template run over it (annex: as an annex, with its status summary; else
 * the source, as convert writes it). A library return code. */
int produce(char **out, size_t *len, const wp_doc *doc, const char *to, const char *tpl, wp_xml_flavour flavour,
	    int annex, wp_diags *d);
/* The Word annex of a document, with o->reference_doc's styles and page
 * when given (read with o->limits). A library return code (WP_EIO: the
 * reference cannot be read, said in d). */
int produce_docx(char **out, size_t *len, const wp_doc *doc, const opts *o, wp_diags *d);
/* EXIT_USAGE (said) when a binary format would go to a terminal. */
int refuse_binary_to_tty(const char *to, const char *out);
/* A Make depfile for o->out: the source, the template, every file the
 * document read. */
int write_depfile(const opts *o, const wp_doc *doc);

#endif
