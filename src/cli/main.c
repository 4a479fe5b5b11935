/* main.c: the wpgen command line: one function a command, each parsing
 * its options, opening documents with the library (wp_doc_open) and
 * printing what it found; cli.c holds what they share. Reading, checking
 * and writing are the library's. */
#define _POSIX_C_SOURCE 200809L
#include "cli/cli.h"
#include "read/markdown.h"
#include "base/alloc.h"
#include "base/io.h"
#include "base/escape.h"

#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static int show_configs(opts *o, int argc, char **argv);

/***** render *****/

static const char render_help[] =
	"Usage: wpgen render [--to html|md|xml|docx] [-o FILE] [--template FILE] [--profile NAME|FILE] SOURCE\n"
	"Render a work programme (Markdown, wpgen's XML or a Word .docx; '-' reads standard\n"
	"input) as an annex. The rules run too: their findings are printed, and the annex\n"
	"is written unless --strict.\n"
	"\n"
	"  -t, --to FORMAT      html (default), md, xml or docx (a Word document: its tracked\n"
	"                       changes are Word revisions)\n"
	"  -o, --output FILE    write FILE (atomically) instead of standard output\n"
	"      --template FILE  an XSLT template to use instead of the built-in one (html, md)\n"
	"      --reference-doc FILE  docx: take styles, page size and margins from this .docx\n"
	"  -p, --profile NAME   a profile name (profiles/NAME.yaml) or a profile file\n"
	"      --strict         write nothing when the document has errors\n"
	"      --set KEY=VALUE  set metadata for this annex (session, as_of, ...); repeatable\n"
	"      --changes MODE   tracked changes: show (the default: a redline), accept or reject\n"
	"      --depfile FILE   also write a Make depfile: -o FILE's source, template, profile\n"
	"      --limit NAME=N   raise a reading limit (see the README): line, columns, brackets,\n"
	"                       depth, indent, emphasis; of a .docx: docx-part, docx-total,\n"
	"                       docx-ratio; of any file: input\n"
	"      --as-of DATE     judge overdue activities at DATE (YYYY-MM-DD)\n"
	"      --plan-root DIR  a progress report's plan may be anywhere in DIR (default: the\n"
	"                       report's folder)\n"
	"      --disable RULE   do not run RULE (an id or a family; repeatable)\n"
	"      --enable RULE    run RULE even though --disable names its family\n"
	"  -s, --summary        print what was read (sections, activities) on stderr\n"
	"      --min-severity L print findings of level L and over: note, warning or error\n"
	"  -q, --quiet          print nothing but errors (no notes, warnings or total)\n"
	"      --config FILE    this configuration file, and no other (default: each source's\n"
	"                       " WP_CONFIG_FILE " files; see 'wpgen config')\n"
	"      --no-config      no configuration file\n"
	"      --show-accepted  also print the findings the source acknowledges (front matter\n"
	"                       accept:), with their reasons; they never count for the exit code\n"
	"  -h, --help           this help\n"
	"\n"
	"Exit: 0 done, 1 the document has errors (the annex is still written without --strict),\n"
	"2 usage or I/O error.\n";

static int cmd_render(int argc, char **argv)
{
	static const int allowed[] = {'t', 'o', O_TEMPLATE, 'p', 's', O_STRICT, O_AS_OF, O_DISABLE, O_ENABLE, O_SET,
				      O_CHANGES, O_DEPFILE, O_LIMIT, O_PLAN_ROOT, 'q', O_MIN_SEVERITY, O_REFERENCE_DOC,
				      O_CONFIG, O_NO_CONFIG, O_SHOW_ACCEPTED, 0};
	opts o = {.to = "html"};
	wp_diags d = {0};
	wp_doc *doc = NULL;
	wp_env *env = NULL;
	char *out = NULL;
	size_t len = 0;
	int rc = parse_opts(argc, argv, &o, render_help, allowed);
	if (rc >= 0)
		goto done;
	int docx = !strcmp(o.to, "docx");
	if (optind != argc - 1 || (strcmp(o.to, "html") && strcmp(o.to, "md") && strcmp(o.to, "xml") && !docx) ||
	    (o.template_path && (!strcmp(o.to, "xml") || docx)) || (o.reference_doc && !docx)) {
		rc = optind != argc - 1 ? usage_error("render takes one SOURCE")
		     : o.reference_doc && !docx ? usage_error("--reference-doc applies to --to docx only")
		     : o.template_path && (!strcmp(o.to, "xml") || docx) ? usage_error("--template does not apply to --to %s", o.to)
								     : usage_error("unknown format '%s' (html, md, xml or docx)", o.to);
		goto done;
	}
	if ((rc = refuse_binary_to_tty(o.to, o.out)) != EXIT_DONE)
		goto done;
	rc = -1;
	if (!(env = env_or_die())) {
		rc = EXIT_USAGE;
		goto done;
	}
	rc = open_doc(&doc, env, argv[optind], &o, 1, &d);
	wp_diags_sort(&d);
	if (rc < 0 && o.strict && d.errors) {
		print_diags(&d, 0, stderr);
		fprintf(stderr, "%s: nothing written: the document has errors (--strict)\n", prog);
		rc = EXIT_DOC_ERRORS;
		goto done;
	}
	if (rc < 0 && (refuse_over_input(o.out, doc, o.template_path) != EXIT_DONE ||
		       refuse_over_input(o.depfile, doc, o.template_path) != EXIT_DONE))
		rc = EXIT_USAGE;
	if (rc < 0 && (refuse_over_input(o.out, doc, o.reference_doc) != EXIT_DONE))
		rc = EXIT_USAGE;
	/* the built-in annexes into a file: written as they are made */
	if (rc < 0 && !docx)
		rc = produce_streamed(o.out, doc, o.to, o.template_path, 1);
	if (rc < 0) {
		int r = docx ? produce_docx(&out, &len, doc, &o, &d)
			     : produce(&out, &len, doc, o.to, o.template_path, !strcmp(o.to, "md") ? WP_XML_SOURCE : WP_XML_ANNOTATED,
				       1, &d);
		/* a template or a reference document that fails is the command's fault, not the document's */
		rc = r != WP_OK ? failed(r == WP_EINPUT ? WP_EUSAGE : r) : write_output(o.out, out, len);
	}
	print_diags(&d, 0, stderr);
	if (doc && o.summary)
		print_summary(doc, d.errors, d.warnings);
	if (d.n)
		print_total(&d, NULL);
	if (rc == EXIT_DONE && o.depfile)
		rc = write_depfile(&o, doc);
	if (rc == EXIT_DONE && d.errors)
		rc = EXIT_DOC_ERRORS;
done:
	free(out);
	wp_doc_free(doc);
	wp_env_free(env);
	wp_diags_clear(&d);
	opts_free(&o);
	return rc;
}

/***** review *****/

static const char review_help[] =
	"Usage: wpgen review [OPTION]... SOURCE -o FILE.html\n"
	"Check a work programme and write its review page: the annex with every finding\n"
	"marked on the cell it is about, its message beside the cell, and atop the page the\n"
	"counts per severity and rule, filters, and every finding listed by section and\n"
	"activity, linked to its cell and back. One self-contained HTML file.\n"
	"\n"
	"  -o, --output FILE    write FILE (atomically) instead of standard output\n"
	"  -p, --profile NAME   a profile name (profiles/NAME.yaml) or a profile file\n"
	"      --set KEY=VALUE  set metadata (session, as_of, ...); repeatable\n"
	"      --changes MODE   tracked changes: show (the default), accept or reject\n"
	"      --as-of DATE     judge overdue activities at DATE (YYYY-MM-DD)\n"
	"      --disable RULE   do not run RULE (an id or a family; repeatable)\n"
	"      --enable RULE    run RULE even though --disable names its family\n"
	"      --limit NAME=N   raise a reading limit (see the README)\n"
	"      --plan-root DIR  a progress report's plan may be anywhere in DIR\n"
	"      --min-severity L print findings of level L and over: note, warning or error (the\n"
	"                       page lists them all)\n"
	"  -q, --quiet          print nothing but errors\n"
	"      --config FILE    this configuration file, and no other (default: each source's\n"
	"                       " WP_CONFIG_FILE " files; see 'wpgen config')\n"
	"      --no-config      no configuration file\n"
	"      --show-accepted  also print the findings the source acknowledges (front matter\n"
	"                       accept:), with their reasons; they never count for the exit code\n"
	"  -h, --help           this help\n"
	"\n"
	"Exit: 0 done, 1 the document has errors (the page is still written), 2 usage or I/O\n"
	"error.\n";

static int cmd_review(int argc, char **argv)
{
	static const int allowed[] = {'o', 'p', O_SET, O_CHANGES, O_AS_OF, O_DISABLE, O_ENABLE, O_LIMIT, O_PLAN_ROOT, 'q',
				      O_MIN_SEVERITY, O_CONFIG, O_NO_CONFIG, O_SHOW_ACCEPTED, 0};
	opts o = {0};
	wp_diags d = {0};
	wp_doc *doc = NULL;
	wp_env *env = NULL;
	char *out = NULL;
	size_t len = 0;
	int rc = parse_opts(argc, argv, &o, review_help, allowed);
	if (rc >= 0)
		goto done;
	if (optind != argc - 1) {
		rc = usage_error("review takes one SOURCE");
		goto done;
	}
	if (!(env = env_or_die())) {
		rc = EXIT_USAGE;
		goto done;
	}
	rc = open_doc(&doc, env, argv[optind], &o, 1, &d);
	wp_diags_sort(&d);
	if (rc < 0 && refuse_over_input(o.out, doc, NULL) != EXIT_DONE)
		rc = EXIT_USAGE;
	if (rc < 0) {
		int r = wp_write_review(&out, &len, doc->p, doc->profile, doc->facts, &d);
		rc = r != WP_OK ? failed(r) : write_output(o.out, out, len);
	}
	print_diags(&d, 0, stderr);
	if (d.n)
		print_total(&d, NULL);
	if (rc == EXIT_DONE && d.errors)
		rc = EXIT_DOC_ERRORS;
done:
	free(out);
	wp_doc_free(doc);
	wp_env_free(env);
	wp_diags_clear(&d);
	opts_free(&o);
	return rc;
}

/***** check *****/

static const char check_help[] =
	"Usage: wpgen check [OPTION]... SOURCE_OR_DIR...\n"
	"Read each work programme (Markdown, wpgen's XML or a Word .docx) and report what is\n"
	"wrong with it. Findings in a .docx say where they are: table, row, column. A folder:\n"
	"every source in it, as build finds them; Markdown there that is not a programme (no\n"
	"table of activities, or front matter 'programme: no') is skipped with a note.\n"
	"\n"
	"      --format F       gcc (default: file:line:column: severity: message [rule], on stderr),\n"
	"                       json, sarif (SARIF 2.1.0) or github (workflow commands), on stdout\n"
	"      --werror         warnings count as errors for the exit code\n"
	"      --statistics     also a count per rule, worst first, in the format's summary\n"
	"      --disable RULE   do not run RULE (an id or a family such as 'numbering'; repeatable)\n"
	"      --enable RULE    run RULE even though --disable names its family\n"
	"      --as-of DATE     report activities overdue at DATE (YYYY-MM-DD)\n"
	"      --fix            rewrite each source with every unambiguous fix (atomically)\n"
	"      --dry-run        with --fix: print a unified diff instead of writing\n"
	"  -p, --profile NAME   a profile name (profiles/NAME.yaml) or a profile file\n"
	"      --limit NAME=N   raise a reading limit (see the README)\n"
	"      --plan-root DIR  a progress report's plan may be anywhere in DIR (default: the\n"
	"                       report's folder)\n"
	"      --follow-links   in a folder, follow symbolic links that lead out of it\n"
	"  -s, --summary        also print what was read from each source\n"
	"      --min-severity L print findings of level L and over: note, warning or error\n"
	"  -q, --quiet          print nothing but errors (no notes, warnings or total)\n"
	"      --config FILE    this configuration file, and no other (default: each source's\n"
	"                       " WP_CONFIG_FILE " files; see 'wpgen config')\n"
	"      --no-config      no configuration file\n"
	"      --show-accepted  also print the findings the source acknowledges (front matter\n"
	"                       accept:), with their reasons; they never count for the exit code\n"
	"      --print-config   print the configuration in force for each SOURCE, and check nothing\n"
	"  -h, --help           this help\n"
	"\n"
	"Exit: 0 no errors, 1 errors (or warnings with --werror), 2 usage or I/O error.\n";

/* Applies the fixes of one document (the findings d holds from index
 * from on); returns -1 to go on (*doc re-read from the fixed file) or an
 * exit code. */
static int fix_source(wp_doc **doc, wp_env *env, const opts *o, wp_diags *d, size_t from, size_t *fixed)
{
	char *text = NULL, *diff = NULL;
	size_t len, applied;
	wp_diags mine = *d;
	const char *path = (*doc)->path;
	int rc = -1;
	mine.items += from;
	mine.n -= from;
	if ((*doc)->p->src_replaced) {
		fprintf(stderr, "%s: '%s' has bytes that are not UTF-8: fix those by hand before --fix\n", prog, path);
		return EXIT_USAGE;
	}
	if (!strcmp(path, "-") && !o->dry_run) {
		fprintf(stderr, "%s: --fix rewrites files; use --dry-run with standard input\n", prog);
		return EXIT_USAGE;
	}
	if ((*doc)->utf16 && !o->dry_run) {
		/* the fixed text would be UTF-8: the file would change encoding under its user */
		fprintf(stderr, "%s: --fix rewrites UTF-8 sources; '%s' is UTF-16: save it as UTF-8 first "
				"(iconv -f UTF-16 -t UTF-8), or use --dry-run to see the fixes\n", prog, path);
		return EXIT_USAGE;
	}
	if ((*doc)->kind == WP_SOURCE_DOCX) {
		/* its text is the Markdown it was read as: a fix would replace the document with it */
		fprintf(stderr, "%s: --fix rewrites Markdown and XML sources, not a Word document: make the fixes in Word, "
				"or convert '%s' first (wpgen convert --to md)\n", prog, path);
		return EXIT_USAGE;
	}
	if (wp_fix_apply(&text, &len, &applied, (*doc)->name, (*doc)->text, (*doc)->len, &mine) != WP_OK)
		return failed(WP_ENOMEM);
	*fixed = applied;
	if (o->dry_run) {
		/* names patch -p1 applies: relative to here, or (a path outside
		 * it) from the root */
		const char *name = (*doc)->name;
		char *cwd = getcwd(NULL, 0);
		size_t cl = cwd ? strlen(cwd) : 0;
		if (name[0] == '/' && cwd && !strncmp(name, cwd, cl) && name[cl] == '/')
			name += cl + 1;
		else if (name[0] == '/')
			name++;
		if (wp_diff(&diff, name, (*doc)->text, (*doc)->len, text, len) != WP_OK)
			rc = failed(WP_ENOMEM);
		else if (write_output(NULL, diff, strlen(diff)) != EXIT_DONE) /* says why */
			rc = EXIT_USAGE;
		free(cwd);
	} else if (applied && wp_write_file_atomic(path, text, len) != WP_OK) {
		fprintf(stderr, "%s: cannot write '%s': %s\n", prog, path, strerror(errno));
		rc = EXIT_USAGE;
		*fixed = 0;
	} else if (applied) {
		/* what is left, as read from the fixed file */
		for (size_t i = from; i < d->n; i++) {
			free((char *)d->items[i].file);
			free(d->items[i].message);
			free(d->items[i].fix_text);
			free(d->items[i].where);
			free(d->items[i].accepted);
		}
		d->n = from;
		wp_diags_recount(d);
		char *same = strdup(path); /* the doc's own copy goes with it */
		wp_doc_free(*doc);
		*doc = NULL;
		opts again = *o;
		again.fix = 0;
		rc = same ? open_doc(doc, env, same, &again, 1, d) : failed(WP_ENOMEM);
		free(same);
	}
	free(text);
	free(diff);
	return rc;
}

/* What a check over several sources shares. */
typedef struct check_run {
	opts *o;
	wp_env *env;
	wp_diags d;
	wp_buf summary; /* --summary with --format json */
	size_t fixed, files, skipped;
	int worst;
} check_run;

/* Checks one source (root: the folder it was found in, where one that is
 * not a programme is skipped; NULL: named). */
static void check_one(check_run *c, const char *path, const char *root)
{
	opts *o = c->o;
	wp_diags *d = &c->d;
	wp_doc *doc = NULL;
	size_t from = d->n, errors = d->errors, warnings = d->warnings, fixed = 0;
	int rc = open_doc_in(&doc, c->env, path, o, 1, root, d);
	if (rc < 0 && !doc) { /* not a programme: said */
		c->skipped++;
		if (o->format == WP_FORMAT_GCC)
			print_diags(d, from, stderr);
		return;
	}
	c->files++;
	if (rc < 0 && o->fix)
		rc = fix_source(&doc, c->env, o, d, from, &fixed);
	c->fixed += fixed;
	wp_diags_sort_from(d, from);
	if (o->format == WP_FORMAT_GCC)
		print_diags(d, from, stderr);
	if (doc && o->summary && o->format == WP_FORMAT_GCC)
		print_summary(doc, d->errors - errors, d->warnings - warnings);
	if (doc && o->summary && o->format == WP_FORMAT_JSON) { /* the summary in the JSON, per file */
		char *st = status_text(doc, WP_STATUS_JSON);
		wp_buf_puts(&c->summary, c->summary.len ? ",\n  {\"file\": " : "\n  {\"file\": ");
		esc_json(&c->summary, doc->name);
		wp_buf_printf(&c->summary, ", \"sections\": %zu, \"activities\": %zu, \"errors\": %zu, \"warnings\": %zu, "
					   "\"status\": %s}", doc->p->nsections, doc->facts->total.activities,
			      d->errors - errors, d->warnings - warnings, st ? st : "null");
		free(st);
	}
	if (rc < 0)
		rc = d->errors > errors || (o->werror && d->warnings > warnings) ? EXIT_DOC_ERRORS : EXIT_DONE;
	if (rc > c->worst)
		c->worst = rc;
	wp_doc_free(doc);
}

/* A folder: every source in it, as build finds them. */
static void check_folder(check_run *c, const char *dir)
{
	char **paths;
	size_t n, from = c->d.n;
	int rc = wp_sources_find(&paths, &n, dir, c->o->follow_links, &c->d);
	if (c->o->format == WP_FORMAT_GCC)
		print_diags(&c->d, from, stderr); /* links not followed, loops */
	if (rc != WP_OK) {
		rc = failed(rc);
		c->worst = rc > c->worst ? rc : c->worst;
		return;
	}
	for (size_t i = 0; i < n; i++)
		check_one(c, paths[i], dir);
	wp_sources_free(paths, n);
}

static int cmd_check(int argc, char **argv)
{
	static const int allowed[] = {'p', 's', O_FORMAT, O_WERROR, O_DISABLE, O_ENABLE, O_AS_OF, O_FIX, O_DRY_RUN, O_LIMIT,
				      O_PLAN_ROOT, O_STATISTICS, O_FOLLOW_LINKS, 'q', O_MIN_SEVERITY, O_CONFIG,
				      O_NO_CONFIG, O_SHOW_ACCEPTED, O_PRINT_CONFIG, 0};
	opts o = {0};
	check_run c = {&o, NULL, {0}, {0}, 0, 0, 0, EXIT_DONE};
	wp_diags *d = &c.d;
	int rc = parse_opts(argc, argv, &o, check_help, allowed);
	if (rc >= 0 || (optind >= argc && (rc = usage_error("check needs at least one SOURCE")) >= 0) ||
	    (!(c.env = env_or_die()) && (rc = EXIT_USAGE) >= 0))
		goto done;
	if (o.print_config) {
		rc = show_configs(&o, argc, argv);
		goto done;
	}
	for (int i = optind; i < argc; i++) {
		struct stat st;
		if (strcmp(argv[i], "-") && stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			check_folder(&c, argv[i]);
		else
			check_one(&c, argv[i], NULL);
	}
	wp_diags shown = {0};
	if (o.format != WP_FORMAT_GCC && diags_shown(d, 0, &shown) != WP_OK)
		c.worst = failed(WP_ENOMEM);
	else if (o.format != WP_FORMAT_GCC) {
		char *text;
		size_t len;
		if (wp_format_diags_ex(&text, &len, &shown, (wp_format)o.format, o.statistics ? WP_FORMAT_STATISTICS : 0) == WP_OK) {
			if (o.summary && o.format == WP_FORMAT_JSON) {
				/* an object: the findings (or the statistics' object's members) and the summary */
				wp_buf all = {0};
				while (len && (text[len - 1] == '\n' || text[len - 1] == ' '))
					len--;
				if (text[0] == '{') {
					wp_buf_put(&all, text, len - 1);
					wp_buf_puts(&all, ",\n \"summary\": [");
				} else {
					wp_buf_puts(&all, "{\"findings\": ");
					wp_buf_put(&all, text, len);
					wp_buf_puts(&all, ",\n \"summary\": [");
				}
				wp_buf_put(&all, c.summary.data ? c.summary.data : "", c.summary.len);
				wp_buf_puts(&all, "\n ]\n}\n");
				free(text);
				text = all.oom ? NULL : wp_buf_detach(&all, &len);
				wp_buf_free(&all);
			}
			if (!text || write_output(NULL, text, len) != EXIT_DONE)
				c.worst = text ? EXIT_USAGE : failed(WP_ENOMEM);
			free(text);
		}
	}
	free(shown.items);
	if (o.fix && !o.dry_run)
		fprintf(stderr, "%zu %s applied\n", c.fixed, plural(c.fixed, "fix", "fixes"));
	char tail[160];
	int k = snprintf(tail, sizeof tail, " in %zu %s", c.files, plural(c.files, "file", "files"));
	if (c.skipped)
		snprintf(tail + k, sizeof tail - (size_t)k, ", %zu skipped (not %s)", c.skipped,
			 plural(c.skipped, "a programme", "programmes"));
	print_total(d, tail);
	if (o.statistics && o.format == WP_FORMAT_GCC) { /* a count per rule, worst first: after the findings */
		char *all = NULL, *plain = NULL;
		size_t la = 0, lp = 0;
		if (wp_format_diags_ex(&all, &la, d, WP_FORMAT_GCC, WP_FORMAT_STATISTICS) == WP_OK &&
		    wp_format_diags(&plain, &lp, d, WP_FORMAT_GCC) == WP_OK && la >= lp)
			fwrite(all + lp, 1, la - lp, stderr);
		free(all);
		free(plain);
	}
	rc = c.worst;
done:
	wp_buf_free(&c.summary);
	wp_env_free(c.env);
	wp_diags_clear(d);
	opts_free(&o);
	return rc;
}

/***** config *****/

static const char config_help[] =
	"Usage: wpgen config [--config FILE|--no-config] [OPTION]... SOURCE...\n"
	"Print the configuration in force for each source: the " WP_CONFIG_FILE " files found from\n"
	"its folder up to the current directory (or up to one that says 'root: true'), the\n"
	"nearest winning for each value, and the options given, which win over every file.\n"
	"Each value says where it comes from (file:line:column, or the option). The output is\n"
	"YAML: a " WP_CONFIG_FILE " that says the same.\n"
	"\n"
	"      --config FILE    this configuration file, and no other\n"
	"      --no-config      no configuration file\n"
	"  -p, --profile NAME   as check takes them: shown as the command line's\n"
	"      --as-of DATE\n"
	"      --disable RULE\n"
	"      --enable RULE\n"
	"      --limit NAME=N\n"
	"  -h, --help           this help\n"
	"\n"
	"Exit: 0 done, 1 a configuration file has a wrong value, 2 usage error or a\n"
	"configuration file that cannot be read (not YAML, not a mapping).\n";

/* wpgen config, and check --print-config: the configuration of each source. */
static int show_configs(opts *o, int argc, char **argv)
{
	wp_diags d = {0};
	int rc = EXIT_DONE;
	for (int i = optind; i < argc && rc != EXIT_USAGE; i++) {
		int r = print_config(argv[i], o, &d);
		rc = r > rc ? r : rc;
	}
	print_diags(&d, 0, stderr);
	if (rc == EXIT_DONE && d.errors)
		rc = EXIT_DOC_ERRORS;
	wp_diags_clear(&d);
	return rc;
}

static int cmd_config(int argc, char **argv)
{
	static const int allowed[] = {'p', O_AS_OF, O_DISABLE, O_ENABLE, O_LIMIT, O_CONFIG, O_NO_CONFIG, 0};
	opts o = {0};
	int rc = parse_opts(argc, argv, &o, config_help, allowed);
	if (rc < 0 && optind >= argc)
		rc = usage_error("config needs at least one SOURCE");
	if (rc < 0)
		rc = show_configs(&o, argc, argv);
	opts_free(&o);
	return rc;
}

/***** convert *****/

static const char convert_help[] =
	"Usage: wpgen convert --to md|xml [-o FILE] [--set KEY=VALUE]... [--changes MODE] SOURCE\n"
	"Convert a work programme between its source formats, losing nothing (a Word .docx\n"
	"to Markdown keeps its tracked changes and status colours): Markdown to\n"
	"XML and back gives the bytes Markdown to Markdown gives; XML to XML is a fixed point.\n"
	"\n"
	"  -t, --to FORMAT      md or xml\n"
	"  -o, --output FILE    write FILE (atomically) instead of standard output\n"
	"      --set KEY=VALUE  set metadata (title, body, annex_to, running_title, period,\n"
	"                       session, as_of, profile, plan, programme); repeatable\n"
	"      --changes MODE   tracked changes: show (keep them), accept or reject\n"
	"  -p, --profile NAME   a profile name (profiles/NAME.yaml) or a profile file\n"
	"      --limit NAME=N   raise a reading limit (see the README)\n"
	"      --plan-root DIR  a progress report's plan may be anywhere in DIR (default: the\n"
	"                       report's folder)\n"
	"      --min-severity L print findings of level L and over: note, warning or error\n"
	"  -q, --quiet          print nothing but errors (no notes, warnings or total)\n"
	"      --config FILE    this configuration file, and no other (default: each source's\n"
	"                       " WP_CONFIG_FILE " files; see 'wpgen config')\n"
	"      --no-config      no configuration file\n"
	"  -h, --help           this help\n"
	"\n"
	"Exit: 0 done, 1 the source could not be read, 2 usage or I/O error.\n";

static int cmd_convert(int argc, char **argv)
{
	static const int allowed[] = {'t', 'o', 'p', O_SET, O_CHANGES, O_LIMIT, O_PLAN_ROOT, 'q', O_MIN_SEVERITY, O_CONFIG,
				      O_NO_CONFIG, 0};
	opts o = {0};
	wp_diags d = {0};
	wp_doc *doc = NULL;
	wp_env *env = NULL;
	char *out = NULL;
	size_t len = 0;
	int rc = parse_opts(argc, argv, &o, convert_help, allowed);
	if (rc >= 0)
		goto done;
	if (!o.to || (strcmp(o.to, "md") && strcmp(o.to, "xml")) || optind != argc - 1) {
		rc = optind != argc - 1 && o.to ? usage_error("convert takes one SOURCE") : usage_error("convert needs --to md or --to xml");
		goto done;
	}
	if (!(env = env_or_die())) {
		rc = EXIT_USAGE;
		goto done;
	}
	/* conversion runs no rules: it reports only what reading finds */
	rc = open_doc(&doc, env, argv[optind], &o, 0, &d);
	wp_diags_sort(&d);
	if (rc < 0 && refuse_over_input(o.out, doc, NULL) != EXIT_DONE)
		rc = EXIT_USAGE;
	if (rc < 0) {
		int r = produce(&out, &len, doc, o.to, NULL, WP_XML_SOURCE, 0, &d);
		rc = r != WP_OK ? failed(r == WP_EINPUT ? WP_EUSAGE : r) : write_output(o.out, out, len);
	}
	print_diags(&d, 0, stderr);
	if (d.n)
		print_total(&d, NULL);
done:
	free(out);
	wp_doc_free(doc);
	wp_env_free(env);
	wp_diags_clear(&d);
	opts_free(&o);
	return rc;
}

/***** build *****/

static const char build_help[] =
	"Usage: wpgen build [-j N] [-o OUTDIR] [--to html,md,xml] [--changes MODE] [-q] SOURCE_OR_DIR...\n"
	"Regenerate the annexes of every .md, .xml and .docx source under the folders given, mirroring\n"
	"the tree under OUTDIR (a/b/x.md -> OUTDIR/a/b/x.html). Only what changed is rebuilt\n"
	"(by content: source, template, profile, wpgen's version, options); a no-change build\n"
	"writes nothing. Writes are atomic; a failing source keeps its last good annex.\n"
	"\n"
	"  -j, --jobs N         render N sources at once (default: the number of cores)\n"
	"  -o, --output DIR     where the annexes go (default: output)\n"
	"  -t, --to LIST        the outputs, comma-separated: html, md, xml, docx and review (the\n"
	"                       review page, FILE.review.html) (default: html,md,review)\n"
	"      --changes MODE   tracked changes: show (default), accept or reject\n"
	"      --clean-failed   remove the last good annex of a source that fails\n"
	"  -p, --profile NAME   a profile name or file (default: a source's own, else wco-working-body)\n"
	"      --limit NAME=N   raise a reading limit (see the README): line, columns, brackets,\n"
	"                       depth, indent, emphasis; of a .docx: docx-part, docx-total,\n"
	"                       docx-ratio; of any file: input\n"
	"      --plan-root DIR  a progress report's plan may be anywhere in DIR (default: the\n"
	"                       folder given the report was found under)\n"
	"      --as-of DATE     progress as of DATE (YYYY-MM-DD): in the annexes, and overdue\n"
	"                       activities counted at it\n"
	"      --follow-links   follow symbolic links that lead out of the folders given (by\n"
	"                       default they are not, with a note: nothing outside is published)\n"
	"      --min-severity L print findings of level L and over: note, warning or error\n"
	"  -q, --quiet          print nothing but errors (no notes, warnings or total)\n"
	"      --config FILE    this configuration file, and no other (default: each source's\n"
	"                       " WP_CONFIG_FILE " files; see 'wpgen config')\n"
	"      --no-config      no configuration file\n"
	"      --disable RULE   do not run RULE (an id or a family; repeatable)\n"
	"      --enable RULE    run RULE even though --disable or a configuration turns it off\n"
	"  -h, --help           this help\n"
	"\n"
	"Exit: 0 done, 1 a source failed or has errors, 2 usage or I/O error.\n";

typedef struct build_ui {
	int tty, quiet;
	size_t errors;
} build_ui;

static void build_progress(const wp_build_event *e, void *data)
{
	build_ui *ui = data;
	static const char *const what[] = {"built", "unchanged", "FAILED", "removed", "kept", "waiting", "skipped"};
	if (e->status == WP_BUILD_WAITING) {
		fprintf(stderr, "%s: waiting for another build into '%s' to end\n", prog, e->source);
		return;
	}
	if (e->status == WP_BUILD_KEPT) {
		fprintf(stderr, "%s: '%s' is gone, but its annexes were changed since wpgen wrote them: left in place\n", prog,
			e->source);
		return;
	}
	if (e->diags && e->diags->n && (e->status == WP_BUILD_FAILED || !ui->quiet || e->diags->errors)) {
		if (ui->tty && !ui->quiet)
			fputs("\r\033[K", stderr);
		print_diags(e->diags, 0, stderr); /* (-q: errors only, as --min-severity error) */
	}
	ui->errors += e->errors;
	if (ui->quiet)
		return;
	if (e->status == WP_BUILD_SKIPPED && !ui->tty)
		return; /* (its note said it) */
	if (ui->tty && e->status != WP_BUILD_REMOVED)
		fprintf(stderr, "\r\033[K[%zu/%zu] %s (errors so far: %zu)", e->done, e->total, e->source, ui->errors);
	else
		fprintf(stderr, "%s %s (%zu errors, %zu warnings)\n", what[e->status], e->source, e->errors, e->warnings);
}

static int cmd_build(int argc, char **argv)
{
	static const int allowed[] = {'t', 'o', 'p', 'j', 'q', O_CHANGES, O_CLEAN_FAILED, O_LIMIT, O_PLAN_ROOT, O_AS_OF,
				      O_FOLLOW_LINKS, O_MIN_SEVERITY, O_CONFIG, O_NO_CONFIG, O_DISABLE, O_ENABLE, 0};
	opts o = {0};
	wp_diags d = {0};
	wp_build_result res;
	build_ui ui = {isatty(2), 0, 0};
	wp_build_opts bo = {0};
	int rc = parse_opts(argc, argv, &o, build_help, allowed);
	if (rc >= 0 || (optind >= argc && (rc = usage_error("build needs at least one SOURCE or folder")) >= 0))
		goto done;
	bo.outdir = o.out ? o.out : "output";
	bo.jobs = o.jobs > 0 ? o.jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
	bo.changes = changes_mode(o.changes);
	bo.clean_failed = o.clean_failed;
	bo.datadir = data_dir();
	bo.profile = o.profile;
	bo.limits = &o.limits;
	bo.plan_root = o.plan_root;
	bo.as_of = o.as_of;
	bo.follow_links = o.follow_links;
	bo.config = o.config_file;
	bo.no_config = o.no_config;
	bo.disable = o.off;
	bo.ndisable = o.noff;
	bo.enable = o.enable;
	bo.nenable = o.nenable;
	bo.progress = build_progress;
	bo.data = &ui;
	ui.quiet = o.quiet;
	const char *to = o.to ? o.to : "html,md,review";
	for (const char *s = to; *s;) {
		size_t n = strcspn(s, ",");
		if (n == 4 && !strncmp(s, "html", 4))
			bo.formats |= WP_OUT_HTML;
		else if (n == 2 && !strncmp(s, "md", 2))
			bo.formats |= WP_OUT_MD;
		else if (n == 3 && !strncmp(s, "xml", 3))
			bo.formats |= WP_OUT_XML;
		else if (n == 4 && !strncmp(s, "docx", 4))
			bo.formats |= WP_OUT_DOCX;
		else if (n == 6 && !strncmp(s, "review", 6))
			bo.formats |= WP_OUT_REVIEW;
		else {
			rc = usage_error("--to takes a list of html, md, xml, docx and review, not '%s'", to);
			goto done;
		}
		s += n + (s[n] == ',');
	}
	rc = wp_build((const char *const *)argv + optind, (size_t)(argc - optind), &bo, &res, &d);
	if (ui.tty && !ui.quiet)
		fputs("\r\033[K", stderr);
	print_diags(&d, 0, stderr);
	if (!o.quiet || res.failed || res.errors)
	{
		fprintf(stderr, "%zu sources: %zu built, %zu unchanged, %zu failed, %zu removed%s", res.sources, res.built,
			res.unchanged, res.failed, res.removed, res.kept ? " (some annexes kept)" : "");
		if (res.skipped)
			fprintf(stderr, ", %zu skipped (not %s)", res.skipped, plural(res.skipped, "a programme", "programmes"));
		fprintf(stderr, "; %zu errors, %zu warnings", res.errors, res.warnings);
		if (res.accepted)
			fprintf(stderr, "; %zu accepted in the sources", res.accepted);
		fputc('\n', stderr);
	}
	/* (a configuration's wrong value is an error of the build's own) */
	rc = rc != WP_OK ? failed(rc == WP_EINPUT ? WP_EUSAGE : rc)
	     : res.failed || res.errors || d.errors ? EXIT_DOC_ERRORS : EXIT_DONE;
done:
	wp_diags_clear(&d);
	opts_free(&o);
	return rc;
}

/***** rules, profiles, import *****/

static const char rules_help[] =
	"Usage: wpgen rules [--format text|md|json]\n"
	"List every rule, and every other id a finding can carry: id, default severity, the\n"
	"phase that reports it, where it comes from, what it checks.\n";

static int cmd_rules(int argc, char **argv)
{
	size_t n;
	const wp_rule *r = wp_rules(&n);
	const char *f = argc == 3 && !strcmp(argv[1], "--format") ? argv[2] : argc == 1 ? "text" : NULL;
	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(rules_help, stdout);
		return EXIT_DONE;
	}
	if (!f || (strcmp(f, "text") && strcmp(f, "md") && strcmp(f, "json")))
		return usage_error("rules takes only --format text|md|json");
	if (!strcmp(f, "md"))
		puts("| rule | severity | phase | from | what it checks |\n| --- | --- | --- | --- | --- |");
	if (!strcmp(f, "json"))
		putchar('[');
	for (size_t i = 0; i < n; i++) {
		const char *sev = wp_severity_name(r[i].severity);
		if (!strcmp(f, "md"))
			printf("| `%s` | %s | %s | %s | %s |\n", r[i].id, sev, r[i].phase, r[i].source, r[i].explain);
		else if (!strcmp(f, "text"))
			printf("%-26s %-8s %-8s %-16s %s\n", r[i].id, sev, r[i].phase, r[i].source, r[i].explain);
		else {
			/* ids, names and texts are the registry's own: no character needs escaping but " */
			printf("%s\n  {\"id\": \"%s\", \"severity\": \"%s\", \"phase\": \"%s\", \"source\": \"%s\", \"explain\": \"", i ? "," : "",
			       r[i].id, sev, r[i].phase, r[i].source);
			for (const char *s = r[i].explain; *s; s++)
				printf(*s == '"' || *s == '\\' ? "\\%c" : "%c", *s);
			fputs("\"}", stdout);
		}
	}
	if (!strcmp(f, "json"))
		puts("\n]");
	return EXIT_DONE;
}

static int cmd_profiles(int argc, char **argv)
{
	char **names;
	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		puts("Usage: wpgen profiles\nList the profiles (kinds of programme) wpgen knows: a name, then what it is.");
		return EXIT_DONE;
	}
	if (argc != 1)
		return usage_error("profiles takes no argument");
	char *dir = data_path("profiles", "", "");
	size_t n = dir ? wp_profile_names(dir, &names) : 0;
	int rc = n ? EXIT_DONE : EXIT_USAGE;
	if (!n)
		fprintf(stderr, "%s: no profile found under %s/profiles\n", prog, data_dir());
	for (size_t i = 0; i < n; i++) {
		wp_profile *prof = NULL;
		wp_diags d = {0};
		char *pp = data_path("profiles", names[i], ".yaml");
		if (pp && wp_profile_load(&prof, pp, &d) == WP_OK)
			printf("%-20s %s\n", names[i], prof->description ? prof->description : "");
		else {
			print_diags(&d, 0, stderr);
			rc = EXIT_DOC_ERRORS;
		}
		wp_profile_free(prof);
		wp_diags_clear(&d);
		free(pp);
		free(names[i]);
	}
	if (n)
		free(names);
	free(dir);
	return rc;
}

static const char import_help[] =
	"Usage: wpgen import --profile NAME [-o FILE] [--set KEY=VALUE]... EXPORT.txt\n"
	"Turn a word processor's plain-text export (tab-separated cells) of a programme into\n"
	"wpgen's Markdown source of that kind, reporting each line it could not place. Kinds:\n"
	"joint-work-plan, dated-schedule, progress-report (action points are too irregular).\n"
	"The result is read back and checked before it is written.\n"
	"\n"
	"  -p, --profile NAME   the kind of programme the export is\n"
	"  -o, --output FILE    write FILE (atomically) instead of standard output\n"
	"      --set KEY=VALUE  add front matter (a report's plan: FILE, period, session, ...)\n"
	"  -s, --summary        say what was imported\n"
	"      --min-severity L print findings of level L and over: note, warning or error\n"
	"  -q, --quiet          print nothing but errors (no notes, warnings or total)\n"
	"  -h, --help           this help\n"
	"\n"
	"Exit: 0 done, 1 something could not be imported or the result has errors, 2 usage or I/O error.\n";

static int cmd_import(int argc, char **argv)
{
	static const int allowed[] = {'o', 'p', 's', O_SET, 'q', O_MIN_SEVERITY, 0};
	opts o = {0};
	wp_diags d = {0};
	wp_env *env = NULL;
	wp_doc *doc = NULL;
	char *buf = NULL, *md = NULL;
	size_t len = 0, mdlen = 0;
	wp_import_stats st;
	int rc = parse_opts(argc, argv, &o, import_help, allowed), status = EXIT_DONE;
	if (rc >= 0 ||
	    (!o.profile && (rc = usage_error("import needs --profile NAME (joint-work-plan, dated-schedule, progress-report)")) >= 0) ||
	    (optind != argc - 1 && (rc = usage_error("import takes one EXPORT file")) >= 0))
		goto done;
	const char *path = argv[optind];
	if (wp_read_file_max(&buf, &len, path, o.limits.input) != WP_OK) {
		fprintf(stderr, "%s: cannot read '%s': %s\n", prog, path, wp_read_why(errno));
		rc = EXIT_USAGE;
		goto done;
	}
	rc = wp_import(&md, &mdlen, o.profile, buf, len, path, o.set, o.nset, &st, &d);
	if (rc == WP_OK && !(env = env_or_die()))
		rc = WP_ENOMEM;
	if (rc == WP_OK) {
		/* read back and checked: an import that wpgen cannot read is no import */
		wp_doc_opts dopt = {0};
		size_t before = d.errors;
		dopt.profile = o.profile;
		dopt.check = 1;
		rc = wp_doc_probe_mem(&doc, env, o.out ? o.out : "<import>", md, mdlen, &dopt, &d);
		if (rc == WP_OK)
			rc = wp_doc_load(doc, env, &dopt, &d);
		if (rc == WP_ENOMEM || rc == WP_EUSAGE) {
			status = failed(rc);
		} else {
			if (o.summary && rc == WP_OK)
				fprintf(stderr, "%s: imported %zu %s and %zu %s; read back: %zu sections, %zu activities\n", path,
					st.sections, !strcmp(o.profile, "dated-schedule") ? "outline topics" : "sections",
					st.rows, !strcmp(o.profile, "dated-schedule") ? "tasks" : "actions", doc->p->nsections,
					doc->facts->total.activities);
			if (rc != WP_OK || d.errors > before)
				status = EXIT_DOC_ERRORS;
			if (write_output(o.out, md, mdlen) != EXIT_DONE)
				status = EXIT_USAGE;
		}
	} else {
		status = rc == WP_ENOMEM ? failed(rc) : rc == WP_EUSAGE ? EXIT_USAGE : EXIT_DOC_ERRORS;
	}
	/* lines not placed are warnings, named and kept: a draft written
	 * is a success unless what it reads back as has errors */
	print_diags(&d, 0, stderr);
	if (d.n)
		print_total(&d, NULL);
	rc = status;
done:
	free(buf);
	free(md);
	wp_doc_free(doc);
	wp_env_free(env);
	wp_diags_clear(&d);
	opts_free(&o);
	return rc;
}

/***** diff *****/

static const char diff_help[] =
	"Usage: wpgen diff [OPTION]... OLD NEW\n"
	"What changed between two versions of a work programme (Markdown, wpgen's XML or a\n"
	"Word .docx, mixed). Activities are aligned by content, not by number: a renumbering\n"
	"is not a change of content. Each version is compared as accepted (its own tracked\n"
	"changes applied).\n"
	"\n"
	"      --format F       text (default: one line per change, the changed words as\n"
	"                       [-deleted-]{+inserted+}, and a summary) or json\n"
	"  -t, --to FORMAT      html, md or docx: write the redline annex instead, the new\n"
	"                       version with the changes since OLD as insertions and deletions\n"
	"                       (in a .docx, Word revisions: Accept All gives NEW)\n"
	"      --reference-doc FILE  docx: take styles, page size and margins from this .docx\n"
	"  -o, --output FILE    write FILE (atomically) instead of standard output\n"
	"  -p, --profile NAME   a profile name or file, for both versions\n"
	"      --set KEY=VALUE  set metadata of the redline annex; repeatable\n"
	"      --limit NAME=N   raise a reading limit (see the README)\n"
	"      --min-severity L print findings of level L and over: note, warning or error\n"
	"  -q, --quiet          print nothing but errors (no notes, warnings or total)\n"
	"      --config FILE    this configuration file, and no other (default: each source's\n"
	"                       " WP_CONFIG_FILE " files; see 'wpgen config')\n"
	"      --no-config      no configuration file\n"
	"  -h, --help           this help\n"
	"\n"
	"Exit: 0 the programmes are the same, 1 they differ, 2 usage or I/O error, or a version\n"
	"cannot be read.\n";

static int cmd_diff(int argc, char **argv)
{
	static const int allowed[] = {O_FORMAT, 't', 'o', 'p', O_SET, O_LIMIT, 'q', O_MIN_SEVERITY, O_REFERENCE_DOC, O_CONFIG,
				      O_NO_CONFIG, 0};
	opts o = {0};
	wp_diags d = {0};
	wp_env *env = NULL;
	wp_doc *old = NULL, *new_ = NULL;
	wp_delta delta = {0};
	char *out = NULL;
	size_t len = 0;
	int rc = parse_opts(argc, argv, &o, diff_help, allowed);
	if (rc >= 0)
		goto done;
	int known = !o.to || !strcmp(o.to, "html") || !strcmp(o.to, "md") || !strcmp(o.to, "docx");
	if (optind != argc - 2 || (o.format != WP_FORMAT_GCC && o.format != WP_FORMAT_JSON) || !known ||
	    (o.reference_doc && (!o.to || strcmp(o.to, "docx")))) {
		rc = optind != argc - 2 ? usage_error("diff takes two SOURCES: OLD NEW")
		     : !known		? usage_error("unknown format '%s' (html, md or docx)", o.to)
		     : o.reference_doc	? usage_error("--reference-doc applies to --to docx only")
					: usage_error("diff's --format is text or json");
		goto done;
	}
	if (o.to && (rc = refuse_binary_to_tty(o.to, o.out)) != EXIT_DONE)
		goto done;
	rc = -1;
	if (!(env = env_or_die())) {
		rc = EXIT_USAGE;
		goto done;
	}
	o.changes = "accept";
	/* the two versions read at once, one in a thread of its own */
	if ((rc = open_pair(&old, &new_, env, argv[optind], argv[optind + 1], &o, &d)) >= 0)
		goto done;
	if (d.errors) { /* a version that cannot be read whole is no base for a diff */
		fprintf(stderr, "%s: nothing compared: a version has errors in reading\n", prog);
		rc = EXIT_USAGE;
		goto done;
	}
	if (o.out && (refuse_over_input(o.out, old, o.reference_doc) != EXIT_DONE ||
		      refuse_over_input(o.out, new_, o.reference_doc) != EXIT_DONE)) {
		rc = EXIT_USAGE;
		goto done;
	}
	int r = wp_delta_compute(&delta, old->p, old->facts, new_->p, new_->facts);
	if (r == WP_OK && o.to)
		r = wp_delta_redline(new_->p, old->p, &delta, NULL, NULL);
	if (r == WP_OK && o.to) /* the redline is another programme: its facts, its changes shown */
		r = wp_doc_facts(new_, WP_CHANGES_SHOW);
	/* the redline into a file: written as it is made (as render's annex) */
	int streamed = r == WP_OK && o.to && strcmp(o.to, "docx") ? produce_streamed(o.out, new_, o.to, NULL, 1) : -1;
	if (r == WP_OK && streamed < 0)
		r = o.to && !strcmp(o.to, "docx") ? produce_docx(&out, &len, new_, &o, &d)
		    : o.to ? produce(&out, &len, new_, o.to, NULL, !strcmp(o.to, "md") ? WP_XML_SOURCE : WP_XML_ANNOTATED, 1, &d)
			   : wp_delta_format(&out, &len, &delta, old->p, new_->p, o.format == WP_FORMAT_JSON);
	rc = streamed >= 0 ? streamed : r != WP_OK ? failed(r) : write_output(o.out, out, len);
	if (rc == EXIT_DONE && o.to) { /* the summary, beside the annex */
		char *sum = wp_delta_summary(&delta);
		fprintf(stderr, "%s: %s\n", new_->name, sum ? sum : "(out of memory)");
		wp_free(sum);
	}
	if (rc == EXIT_DONE && delta.n)
		rc = EXIT_DOC_ERRORS; /* they differ, as diff(1) says */
done:
	print_diags(&d, 0, stderr);
	if (d.n)
		print_total(&d, NULL);
	wp_delta_free(&delta);
	free(out);
	wp_doc_free(old);
	wp_doc_free(new_);
	wp_env_free(env);
	wp_diags_clear(&d);
	opts_free(&o);
	return rc;
}

/***** main *****/

static const char main_help[] =
	"Usage: wpgen COMMAND [OPTION]... ARG...\n"
	"Read committee work programmes, check them, and render session annexes.\n"
	"\n"
	"Commands:\n"
	"  render   render a work programme as an HTML, Markdown or XML annex\n"
	"  check    report what is wrong with work programmes (and --fix it)\n"
	"  convert  convert a work programme between Markdown and XML\n"
	"  build    regenerate every annex of a tree of sources (incremental, parallel)\n"
	"  rules    list the rules check applies\n"
	"  import   turn a word processor's text export into a Markdown source\n"
	"  diff     what changed between two versions of a programme (and the redline annex)\n"
	"  review   the review page: the annex with every finding beside its cell\n"
	"  profiles list the kinds of programme wpgen knows\n"
	"  config   the configuration in force for a source (" WP_CONFIG_FILE " files, options)\n"
	"\n"
	"  -h, --help      this help ('wpgen COMMAND --help' for a command's)\n"
	"  -V, --version   the version\n"
	"\n"
	"Exit: 0 done, 1 a document has errors, 2 usage or I/O error.\n";

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} commands[] = {
	{"render", cmd_render}, {"check", cmd_check}, {"convert", cmd_convert}, {"build", cmd_build},
	{"rules", cmd_rules},   {"import", cmd_import}, {"profiles", cmd_profiles}, {"diff", cmd_diff},
	{"review", cmd_review}, {"config", cmd_config},
};

int main(int argc, char **argv)
{
	int rc = -1;
	/* No fast bins: libxml2 and libxslt allocate a text node and free it
	 * at once when it merges into its neighbour, and glibc consolidates
	 * every fast bin on each such free beside the top of the heap; that
	 * was 15% of a render's time (perf). tcache still serves small blocks. */
	mallopt(M_MXFAST, 0);
	wp_alloc_init();
	/* For the tests: fail the Nth allocation (tests/oom.sh), write slowly
	 * so that a kill lands mid-write (tests/kill.sh). */
	const char *n = getenv("WPGEN_FAIL_ALLOC");
	if (n && *n)
		wp_alloc_fail_after(strtol(n, NULL, 10));
	n = getenv("WPGEN_TEST_SLOW_WRITES");
	wp_io_slow_writes(n && *n == '1');
	/* and parse Markdown in pieces of this size, 0 for whole (the
	 * differential test of tests/pathological.sh) */
	n = getenv("WPGEN_TEST_MD_PIECE");
	if (n && *n)
		wp_md_piece_bytes((size_t)strtoul(n, NULL, 10));
	if (argc < 2)
		return usage_error("no command given");
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
		fputs(main_help, stdout);
		rc = EXIT_DONE;
	} else if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version")) {
		printf("wpgen %s\n", WPGEN_VERSION);
		rc = EXIT_DONE;
	}
	for (size_t i = 0; rc < 0 && i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(argv[1], commands[i].name))
			rc = commands[i].fn(argc - 1, argv + 1);
	if (rc < 0)
		return usage_error("unknown command '%s'", argv[1]);
	/* A full disk shows at the final flush, or showed at an earlier one
	 * (the stream's error flag): an error, not a truncation. */
	int failed_before = ferror(stdout);
	if (fclose(stdout) != 0 || failed_before) {
		fprintf(stderr, "%s: cannot write to standard output: %s\n", prog, failed_before ? "a write failed" : strerror(errno));
		return EXIT_USAGE;
	}
	return rc;
}
