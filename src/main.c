/* main.c: the wpgen command line. Parses options, opens documents with
 * the library (wp_doc_open), prints what it found and sets the exit code.
 * Nothing else lives here: reading, checking and writing are the
 * library's. */
#define _POSIX_C_SOURCE 200809L
#include "wpgen/wpgen.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef WP_DATADIR
#define WP_DATADIR "/usr/local/share/wpgen"
#endif

enum { EXIT_DONE = 0, EXIT_DOC_ERRORS = 1, EXIT_USAGE = 2 };

static const char *prog = "wpgen";

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help'.\n", prog);
	return EXIT_USAGE;
}

/***** where templates, profiles and the schema are *****/

static int is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* $WPGEN_DATADIR, else the source tree the binary was built in, else the
 * installed share folder. */
static const char *data_dir(void)
{
	static char dir[PATH_MAX];
	char exe[PATH_MAX], probe[PATH_MAX + 64];
	const char *env = getenv("WPGEN_DATADIR");
	if (env && *env)
		return env;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash = n > 0 ? (exe[n] = '\0', strrchr(exe, '/')) : NULL;
	if (slash) {
		*slash = '\0';
		static const char *const rel[] = {"/..", "/../share/wpgen", ""};
		for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
			snprintf(probe, sizeof probe, "%s%s/templates/annex-html.xsl", exe, rel[i]);
			if (is_file(probe) && (size_t)snprintf(dir, sizeof dir, "%s%s", exe, rel[i]) < sizeof dir)
				return dir;
		}
	}
	return WP_DATADIR;
}

/* datadir/sub/name.ext, malloc'd. */
static char *data_path(const char *sub, const char *name, const char *ext)
{
	const char *dir = data_dir();
	size_t n = strlen(dir) + strlen(sub) + strlen(name) + strlen(ext) + 3;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s/%s%s", dir, sub, name, ext);
	return p;
}

/***** options *****/

typedef struct opts {
	const char *to, *out, *template_path, *profile, *as_of, *changes, *depfile;
	int summary, werror, fix, dry_run, strict, statistics, jobs, quiet, clean_failed;
	int format;
	/* argv-sized lists (no option is dropped) */
	const char **disable, **enable, **off, **set;
	size_t ndisable, nenable, noff, nset;
	wp_limits limits;               /* --limit NAME=N; zero fields: defaults */
} opts;

enum { O_TEMPLATE = 256, O_WERROR, O_DISABLE, O_ENABLE, O_AS_OF, O_FIX, O_DRY_RUN, O_STRICT, O_FORMAT, O_SET, O_CHANGES,
       O_CLEAN_FAILED, O_DEPFILE, O_LIMIT };

static const struct option long_opts[] = {
	{"to", required_argument, NULL, 't'},
	{"output", required_argument, NULL, 'o'},
	{"template", required_argument, NULL, O_TEMPLATE},
	{"profile", required_argument, NULL, 'p'},
	{"summary", no_argument, NULL, 's'},
	{"format", required_argument, NULL, O_FORMAT},
	{"werror", no_argument, NULL, O_WERROR},
	{"disable", required_argument, NULL, O_DISABLE},
	{"enable", required_argument, NULL, O_ENABLE},
	{"as-of", required_argument, NULL, O_AS_OF},
	{"fix", no_argument, NULL, O_FIX},
	{"dry-run", no_argument, NULL, O_DRY_RUN},
	{"strict", no_argument, NULL, O_STRICT},
	{"set", required_argument, NULL, O_SET},
	{"changes", required_argument, NULL, O_CHANGES},
	{"jobs", required_argument, NULL, 'j'},
	{"quiet", no_argument, NULL, 'q'},
	{"clean-failed", no_argument, NULL, O_CLEAN_FAILED},
	{"depfile", required_argument, NULL, O_DEPFILE},
	{"limit", required_argument, NULL, O_LIMIT},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

static int valid_date(const char *s)
{
	int y, m, d;
	char end;
	return strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &end) == 3 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= 31 && s[0] >= '0' && s[0] <= '9';
}

static int rule_known(const char *name)
{
	size_t n;
	const wp_rule *rules = wp_rules(&n);
	for (size_t i = 0; i < n; i++)
		if (wp_rule_matches(rules[i].id, &name, 1))
			return 1;
	return 0;
}

static int parse_limit(opts *o, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char *end, name[32];
	unsigned long long v = eq ? strtoull(eq + 1, &end, 10) : 0;
	if (!eq || (size_t)(eq - arg) >= sizeof name || !eq[1] || *end || v == 0 || eq[1] == '-')
		return usage_error("--limit takes NAME=N (line, columns, brackets, depth, indent, emphasis), not '%s'", arg);
	snprintf(name, sizeof name, "%.*s", (int)(eq - arg), arg);
	if (wp_limits_set(&o->limits, name, (size_t)v) != WP_OK)
		return usage_error("--limit: no limit is named '%s' (line, columns, brackets, depth, indent, emphasis)", name);
	return -1;
}

static int parse_set(opts *o, const char *arg)
{
	const char *eq = strchr(arg, '=');
	int known = 0;
	for (const char *const *k = wp_meta_keys; eq && *k; k++)
		known |= strlen(*k) == (size_t)(eq - arg) && strncmp(*k, arg, (size_t)(eq - arg)) == 0;
	if (!eq)
		return usage_error("--set takes KEY=VALUE, not '%s'", arg);
	if (!known)
		return usage_error("--set: unknown key in '%s' (title, body, annex_to, running_title, period, session, as_of, "
				   "profile, plan)", arg);
	o->set[o->nset++] = arg;
	return -1;
}

/* Parses the options a command allows (their codes in allowed, 0-ended).
 * Returns -1 to go on, or the exit code. */
static int parse_opts(int argc, char **argv, opts *o, const char *help, const int *allowed)
{
	int c, rc = -1;
	size_t cap = (size_t)argc + 1;
	o->disable = calloc(cap, sizeof *o->disable);
	o->enable = calloc(cap, sizeof *o->enable);
	o->set = calloc(cap, sizeof *o->set);
	if (!o->disable || !o->enable || !o->set) {
		fprintf(stderr, "%s: out of memory\n", prog);
		return EXIT_USAGE;
	}
	optind = 1;
	opterr = 0;
	while (rc < 0 && (c = getopt_long(argc, argv, ":t:o:p:j:qsh", long_opts, NULL)) != -1) {
		int ok = c == '?' || c == ':' || c == 'h';
		for (const int *a = allowed; *a && !ok; a++)
			ok = *a == c;
		if (!ok)
			return usage_error("option '%s' does not apply to this command", argv[optind - 1]);
		switch (c) {
		case 't': o->to = optarg; break;
		case 'o': o->out = optarg; break;
		case O_TEMPLATE: o->template_path = optarg; break;
		case 'p': o->profile = optarg; break;
		case 's': o->summary = 1; break;
		case O_WERROR: o->werror = 1; break;
		case O_FIX: o->fix = 1; break;
		case O_DRY_RUN: o->dry_run = 1; break;
		case O_STRICT: o->strict = 1; break;
		case 'q': o->quiet = 1; break;
		case O_CLEAN_FAILED: o->clean_failed = 1; break;
		case O_DEPFILE: o->depfile = optarg; break;
		case O_LIMIT: rc = parse_limit(o, optarg); break;
		case O_SET: rc = parse_set(o, optarg); break;
		case 'j': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*end || n < 1 || n > 256)
				return usage_error("-j takes a number from 1 to 256, not '%s'", optarg);
			o->jobs = (int)n;
			break;
		}
		case O_CHANGES:
			if (strcmp(optarg, "show") && strcmp(optarg, "accept") && strcmp(optarg, "reject"))
				return usage_error("--changes takes show, accept or reject, not '%s'", optarg);
			o->changes = optarg;
			break;
		case O_FORMAT:
			if ((o->format = wp_format_parse(optarg)) < 0)
				return usage_error("unknown format '%s' (gcc, json, sarif or github)", optarg);
			break;
		case O_AS_OF:
			if (!valid_date(optarg))
				return usage_error("--as-of takes a date YYYY-MM-DD, not '%s'", optarg);
			o->as_of = optarg;
			break;
		case O_DISABLE:
		case O_ENABLE:
			if (!rule_known(optarg))
				return usage_error("no rule or family of rules is named '%s' (see 'wpgen rules')", optarg);
			if (c == O_DISABLE)
				o->disable[o->ndisable++] = optarg;
			else
				o->enable[o->nenable++] = optarg;
			break;
		case 'h': fputs(help, stdout); return EXIT_DONE;
		case ':': return usage_error("option '%s' needs an argument", argv[optind - 1]);
		default: return usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (rc >= 0)
		return rc;
	if (o->dry_run && !o->fix)
		return usage_error("--dry-run goes with --fix");
	/* --disable numbering --enable numbering.gap: all of numbering but gap */
	size_t n;
	const wp_rule *rules = wp_rules(&n);
	if (!(o->off = calloc(n + 1, sizeof *o->off)))
		return usage_error("out of memory");
	for (size_t i = 0; i < n; i++)
		if (wp_rule_matches(rules[i].id, o->disable, o->ndisable) && !wp_rule_matches(rules[i].id, o->enable, o->nenable))
			o->off[o->noff++] = rules[i].id;
	return -1;
}

static void opts_free(opts *o)
{
	free(o->disable);
	free(o->enable);
	free(o->off);
	free(o->set);
}

static wp_changes_mode changes_mode(const char *s)
{
	return !s || !strcmp(s, "show") ? WP_CHANGES_SHOW : !strcmp(s, "accept") ? WP_CHANGES_ACCEPT : WP_CHANGES_REJECT;
}

/***** what every command shares *****/

static void print_diags(const wp_diags *d, size_t from, FILE *f)
{
	char *text;
	size_t len;
	wp_diags view = *d;
	view.items += from;
	view.n -= from;
	if (wp_format_diags(&text, &len, &view, WP_FORMAT_GCC) == WP_OK) {
		fwrite(text, 1, len, f);
		free(text);
	}
	if (d->oom)
		fprintf(stderr, "%s: some diagnostics were lost: out of memory\n", prog);
}

/* The exit code for a library failure. */
static int failed(int rc)
{
	if (rc == WP_ENOMEM)
		fprintf(stderr, "%s: out of memory\n", prog);
	return rc == WP_EINPUT ? EXIT_DOC_ERRORS : EXIT_USAGE;
}

static wp_env *env_or_die(void)
{
	wp_env *env = NULL;
	if (wp_env_new(&env, data_dir()) != WP_OK)
		fprintf(stderr, "%s: out of memory\n", prog);
	return env;
}

/* Opens path as the options say (check: run the rules). Returns -1 with
 * *doc set, or the exit code to give up with; findings go to d. */
static int open_doc(wp_doc **doc, wp_env *env, const char *path, const opts *o, int check, wp_diags *d)
{
	wp_doc_opts dopt = {0};
	dopt.profile = o->profile;
	dopt.limits = &o->limits;
	dopt.set = o->set;
	dopt.nset = o->nset;
	dopt.changes = changes_mode(o->changes);
	dopt.check = check;
	dopt.as_of = o->as_of;
	dopt.disable = o->off;
	dopt.ndisable = o->noff;
	dopt.want_fixes = o->fix;
	int rc = wp_doc_open(doc, env, path, &dopt, d);
	if (rc != WP_OK)
		return failed(rc);
	if ((*doc)->choice == WP_CHOICE_STRUCTURE)
		fprintf(stderr, "%s: %s: read with profile '%s', picked from its structure (--profile or front matter "
			"'profile:' chooses one)\n", prog, (*doc)->name, (*doc)->source_profile->name);
	return -1;
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* What was read from a document (for a progress report: its plan, with
 * the report set in). */
static void print_summary(const wp_doc *doc, size_t errors, size_t warnings)
{
	const wp_programme *p = doc->p;
	size_t na = wp_programme_activities(p), ne = wp_programme_examples(p);
	fprintf(stderr, "%s: ", doc->name);
	if (doc->report)
		fprintf(stderr, "with its plan %s, ", p->source);
	fprintf(stderr, "%zu %s", p->nsections, plural(p->nsections, "section", "sections"));
	for (size_t i = 0; i < p->nsections; i++)
		fprintf(stderr, "%s%s: %zu %s", i ? ", " : " (", p->sections[i].numeral ? p->sections[i].numeral : p->sections[i].kind,
			p->sections[i].nactivities, plural(p->sections[i].nactivities, "activity", "activities"));
	fprintf(stderr, "%s, %zu %s, %zu %s, %zu %s; %u %s (%u without header), %u continuation %s joined, "
		"%u repeated %s and %u furniture %s dropped; %zu %s, %zu %s\n",
		p->nsections ? ")" : "", na, plural(na, "activity", "activities"), ne, plural(ne, "example", "examples"),
		p->nfootnotes, plural(p->nfootnotes, "footnote", "footnotes"), p->stats.tables,
		plural(p->stats.tables, "table", "tables"), p->stats.headerless_tables, p->stats.continuation_rows,
		plural(p->stats.continuation_rows, "row", "rows"), p->stats.repeated_headers,
		plural(p->stats.repeated_headers, "header", "headers"), p->stats.furniture,
		plural(p->stats.furniture, "block", "blocks"), errors, plural(errors, "error", "errors"), warnings,
		plural(warnings, "warning", "warnings"));
}

static int write_output(const char *out, const char *data, size_t len)
{
	if (out && strcmp(out, "-") != 0) {
		if (wp_write_file_atomic(out, data, len) != WP_OK) {
			fprintf(stderr, "%s: cannot write '%s': %s\n", prog, out, strerror(errno));
			return EXIT_USAGE;
		}
		return EXIT_DONE;
	}
	if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
		fprintf(stderr, "%s: cannot write to standard output: %s\n", prog, strerror(errno));
		return EXIT_USAGE;
	}
	return EXIT_DONE;
}

/* The template path for a format: --template, else the built-in one. */
static char *template_for(const char *to, const char *tpl)
{
	return tpl ? strdup(tpl) : data_path("templates", strcmp(to, "html") == 0 ? "annex-html" : "annex-md", ".xsl");
}

/* The annex or source text of a document: the XML of that flavour, or a
 * template run over it. */
static int produce(char **out, size_t *len, const wp_doc *doc, const char *to, const char *tpl, wp_xml_flavour flavour,
		   wp_diags *d)
{
	if (strcmp(to, "xml") == 0)
		return wp_write_xml(out, len, doc->p, doc->profile, flavour);
	wp_template *t = NULL;
	char *path = template_for(to, tpl);
	int rc = path ? wp_template_load(&t, path, d) : WP_ENOMEM;
	if (rc == WP_OK)
		rc = wp_render(out, len, t, doc->p, doc->profile, flavour, d);
	wp_template_free(t);
	free(path);
	return rc;
}

/* A Make depfile: the output depends on the source, the template, and
 * every file the document read (profile, plan, schema). */
static void dep_word(FILE *f, const char *s)
{
	if (ftell(f) > 0)
		fputc(' ', f);
	for (; *s; s++) {
		if (*s == ' ' || *s == '#' || *s == ':')
			fputc('\\', f);
		if (*s == '$')
			fputc('$', f);
		fputc(*s, f);
	}
}

static int write_depfile(const opts *o, const wp_doc *doc)
{
	char *tpl = strcmp(o->to, "xml") == 0 ? NULL : template_for(o->to, o->template_path);
	char *tmp = malloc(strlen(o->depfile) + 8);
	FILE *f = NULL;
	int rc = EXIT_USAGE;
	if (!o->out || strcmp(o->out, "-") == 0) {
		fprintf(stderr, "%s: --depfile needs -o FILE (the target it names)\n", prog);
		goto done;
	}
	if (!tmp)
		goto done;
	sprintf(tmp, "%s.tmp", o->depfile);
	if (!(f = fopen(tmp, "w")))
		goto fail;
	dep_word(f, o->out);
	fputc(':', f);
	dep_word(f, doc->path);
	if (tpl)
		dep_word(f, tpl);
	for (size_t i = 0; i < doc->ndeps; i++)
		dep_word(f, doc->deps[i]);
	fputc('\n', f);
	if (fclose(f) != 0) {
		f = NULL;
		goto fail;
	}
	f = NULL;
	if (rename(tmp, o->depfile) == 0) {
		rc = EXIT_DONE;
		goto done;
	}
fail:
	fprintf(stderr, "%s: cannot write '%s': %s\n", prog, o->depfile, strerror(errno));
	if (f)
		fclose(f);
	if (tmp)
		unlink(tmp);
done:
	free(tmp);
	free(tpl);
	return rc;
}

/***** render *****/

static const char render_help[] =
	"Usage: wpgen render [--to html|md|xml] [-o FILE] [--template FILE] [--profile NAME|FILE] SOURCE\n"
	"Render a work programme (Markdown or wpgen's XML; '-' reads standard input) as an\n"
	"annex. The rules run too: their findings are printed, and the annex is written\n"
	"unless --strict.\n"
	"\n"
	"  -t, --to FORMAT      html (default), md or xml\n"
	"  -o, --output FILE    write FILE (atomically) instead of standard output\n"
	"      --template FILE  an XSLT template to use instead of the built-in one\n"
	"  -p, --profile NAME   a profile name (profiles/NAME.yaml) or a profile file\n"
	"      --strict         write nothing when the document has errors\n"
	"      --set KEY=VALUE  set metadata for this annex (session, as_of, ...); repeatable\n"
	"      --changes MODE   tracked changes: show (the default: a redline), accept or reject\n"
	"      --depfile FILE   also write a Make depfile: -o FILE's source, template, profile\n"
	"      --limit NAME=N   raise a reading limit (see the README): line, columns, brackets,\n"
	"                       depth, indent, emphasis\n"
	"      --as-of DATE     judge overdue activities at DATE (YYYY-MM-DD)\n"
	"      --disable RULE   do not run RULE (an id or a family; repeatable)\n"
	"      --enable RULE    run RULE even though --disable names its family\n"
	"  -s, --summary        print what was read (sections, activities) on stderr\n"
	"  -h, --help           this help\n"
	"\n"
	"Exit: 0 done, 1 the document has errors (the annex is still written without --strict),\n"
	"2 usage or I/O error.\n";

static int cmd_render(int argc, char **argv)
{
	static const int allowed[] = {'t', 'o', O_TEMPLATE, 'p', 's', O_STRICT, O_AS_OF, O_DISABLE, O_ENABLE, O_SET,
				      O_CHANGES, O_DEPFILE, O_LIMIT, 0};
	opts o = {.to = "html"};
	wp_diags d = {0};
	wp_doc *doc = NULL;
	wp_env *env = NULL;
	char *out = NULL;
	size_t len = 0;
	int rc = parse_opts(argc, argv, &o, render_help, allowed);
	if (rc >= 0)
		goto done;
	if (optind != argc - 1 || (strcmp(o.to, "html") && strcmp(o.to, "md") && strcmp(o.to, "xml")) ||
	    (o.template_path && !strcmp(o.to, "xml"))) {
		rc = optind != argc - 1 ? usage_error("render takes one SOURCE")
		     : o.template_path && !strcmp(o.to, "xml") ? usage_error("--template does not apply to --to xml")
							       : usage_error("unknown format '%s' (html, md or xml)", o.to);
		goto done;
	}
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
	if (rc < 0) {
		int r = produce(&out, &len, doc, o.to, o.template_path, !strcmp(o.to, "md") ? WP_XML_SOURCE : WP_XML_ANNOTATED, &d);
		/* a template that fails is the command's fault, not the document's */
		rc = r != WP_OK ? failed(r == WP_EINPUT ? WP_EUSAGE : r) : write_output(o.out, out, len);
	}
	print_diags(&d, 0, stderr);
	if (doc && o.summary)
		print_summary(doc, d.errors, d.warnings);
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

/***** check *****/

static const char check_help[] =
	"Usage: wpgen check [OPTION]... SOURCE...\n"
	"Read each work programme (Markdown or wpgen's XML) and report what is wrong with it.\n"
	"\n"
	"      --format F       gcc (default: file:line:column: severity: message [rule], on stderr),\n"
	"                       json, sarif (SARIF 2.1.0) or github (workflow commands), on stdout\n"
	"      --werror         warnings count as errors for the exit code\n"
	"      --disable RULE   do not run RULE (an id or a family such as 'numbering'; repeatable)\n"
	"      --enable RULE    run RULE even though --disable names its family\n"
	"      --as-of DATE     report activities overdue at DATE (YYYY-MM-DD)\n"
	"      --fix            rewrite each source with every unambiguous fix (atomically)\n"
	"      --dry-run        with --fix: print a unified diff instead of writing\n"
	"  -p, --profile NAME   a profile name (profiles/NAME.yaml) or a profile file\n"
	"      --limit NAME=N   raise a reading limit (see the README)\n"
	"  -s, --summary        also print what was read from each source\n"
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
	if (wp_fix_apply(&text, &len, &applied, (*doc)->name, (*doc)->text, (*doc)->len, &mine) != WP_OK)
		return failed(WP_ENOMEM);
	*fixed = applied;
	if (o->dry_run) {
		if (wp_diff(&diff, (*doc)->name, (*doc)->text, (*doc)->len, text, len) == WP_OK)
			fputs(diff, stdout);
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
		}
		d->n = from;
		d->errors = d->warnings = 0;
		for (size_t i = 0; i < from; i++) {
			d->errors += d->items[i].severity == WP_ERROR;
			d->warnings += d->items[i].severity == WP_WARNING;
		}
		wp_doc_free(*doc);
		*doc = NULL;
		opts again = *o;
		again.fix = 0;
		rc = open_doc(doc, env, path, &again, 1, d);
	}
	free(text);
	free(diff);
	return rc;
}

static int cmd_check(int argc, char **argv)
{
	static const int allowed[] = {'p', 's', O_FORMAT, O_WERROR, O_DISABLE, O_ENABLE, O_AS_OF, O_FIX, O_DRY_RUN, O_LIMIT, 0};
	opts o = {0};
	wp_diags d = {0};
	wp_env *env = NULL;
	size_t total_fixed = 0;
	int rc = parse_opts(argc, argv, &o, check_help, allowed), worst = EXIT_DONE;
	if (rc >= 0 || (optind >= argc && (rc = usage_error("check needs at least one SOURCE")) >= 0) ||
	    (!(env = env_or_die()) && (rc = EXIT_USAGE) >= 0))
		goto done;
	for (int i = optind; i < argc; i++) {
		wp_doc *doc = NULL;
		size_t from = d.n, errors = d.errors, warnings = d.warnings, fixed = 0;
		rc = open_doc(&doc, env, argv[i], &o, 1, &d);
		if (rc < 0 && o.fix)
			rc = fix_source(&doc, env, &o, &d, from, &fixed);
		total_fixed += fixed;
		wp_diags_sort_from(&d, from);
		if (o.format == WP_FORMAT_GCC)
			print_diags(&d, from, stderr);
		if (doc && o.summary)
			print_summary(doc, d.errors - errors, d.warnings - warnings);
		if (rc < 0)
			rc = d.errors > errors || (o.werror && d.warnings > warnings) ? EXIT_DOC_ERRORS : EXIT_DONE;
		if (rc > worst)
			worst = rc;
		wp_doc_free(doc);
	}
	if (o.format != WP_FORMAT_GCC) {
		char *text;
		size_t len;
		if (wp_format_diags(&text, &len, &d, (wp_format)o.format) == WP_OK) {
			if (write_output(NULL, text, len) != EXIT_DONE)
				worst = EXIT_USAGE;
			free(text);
		}
	}
	if (o.fix && !o.dry_run)
		fprintf(stderr, "%zu %s applied\n", total_fixed, plural(total_fixed, "fix", "fixes"));
	fprintf(stderr, "%zu %s, %zu %s in %d %s\n", d.errors, plural(d.errors, "error", "errors"), d.warnings,
		plural(d.warnings, "warning", "warnings"), argc - optind, plural((size_t)(argc - optind), "file", "files"));
	rc = worst;
done:
	wp_env_free(env);
	wp_diags_clear(&d);
	opts_free(&o);
	return rc;
}

/***** convert *****/

static const char convert_help[] =
	"Usage: wpgen convert --to md|xml [-o FILE] [--set KEY=VALUE]... [--changes MODE] SOURCE\n"
	"Convert a work programme between its source formats, losing nothing: Markdown to\n"
	"XML and back gives the bytes Markdown to Markdown gives; XML to XML is a fixed point.\n"
	"\n"
	"  -t, --to FORMAT      md or xml\n"
	"  -o, --output FILE    write FILE (atomically) instead of standard output\n"
	"      --set KEY=VALUE  set metadata (title, body, annex_to, running_title, period,\n"
	"                       session, as_of, profile, plan); repeatable\n"
	"      --changes MODE   tracked changes: show (keep them), accept or reject\n"
	"  -p, --profile NAME   a profile name (profiles/NAME.yaml) or a profile file\n"
	"      --limit NAME=N   raise a reading limit (see the README)\n"
	"  -h, --help           this help\n"
	"\n"
	"Exit: 0 done, 1 the source could not be read, 2 usage or I/O error.\n";

static int cmd_convert(int argc, char **argv)
{
	static const int allowed[] = {'t', 'o', 'p', O_SET, O_CHANGES, O_LIMIT, 0};
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
	if (rc < 0) {
		int r = produce(&out, &len, doc, o.to, NULL, WP_XML_SOURCE, &d);
		rc = r != WP_OK ? failed(r == WP_EINPUT ? WP_EUSAGE : r) : write_output(o.out, out, len);
	}
	print_diags(&d, 0, stderr);
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
	"Regenerate the annexes of every .md and .xml source under the folders given, mirroring\n"
	"the tree under OUTDIR (a/b/x.md -> OUTDIR/a/b/x.html). Only what changed is rebuilt\n"
	"(by content: source, template, profile, wpgen's version, options); a no-change build\n"
	"writes nothing. Writes are atomic; a failing source keeps its last good annex.\n"
	"\n"
	"  -j, --jobs N         render N sources at once (default: the number of cores)\n"
	"  -o, --output DIR     where the annexes go (default: output)\n"
	"  -t, --to LIST        the formats, comma-separated: html, md, xml (default: html,md)\n"
	"      --changes MODE   tracked changes: show (default), accept or reject\n"
	"      --clean-failed   remove the last good annex of a source that fails\n"
	"  -p, --profile NAME   a profile name or file (default: a source's own, else wco-working-body)\n"
	"      --limit NAME=N   raise a reading limit (see the README): line, columns, brackets,\n"
	"                       depth, indent, emphasis\n"
	"  -q, --quiet          print nothing but errors\n"
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
	static const char *const what[] = {"built", "unchanged", "FAILED", "removed"};
	if (e->diags && (e->status == WP_BUILD_FAILED || e->diags->n)) {
		if (ui->tty && !ui->quiet)
			fputs("\r\033[K", stderr);
		if (e->status == WP_BUILD_FAILED || !ui->quiet)
			print_diags(e->diags, 0, stderr);
	}
	ui->errors += e->errors;
	if (ui->quiet)
		return;
	if (ui->tty && e->status != WP_BUILD_REMOVED)
		fprintf(stderr, "\r\033[K[%zu/%zu] %s (errors so far: %zu)", e->done, e->total, e->source, ui->errors);
	else
		fprintf(stderr, "%s %s (%zu errors, %zu warnings)\n", what[e->status], e->source, e->errors, e->warnings);
}

static int cmd_build(int argc, char **argv)
{
	static const int allowed[] = {'t', 'o', 'p', 'j', 'q', O_CHANGES, O_CLEAN_FAILED, O_LIMIT, 0};
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
	bo.progress = build_progress;
	bo.data = &ui;
	ui.quiet = o.quiet;
	const char *to = o.to ? o.to : "html,md";
	for (const char *s = to; *s;) {
		size_t n = strcspn(s, ",");
		if (n == 4 && !strncmp(s, "html", 4))
			bo.formats |= WP_OUT_HTML;
		else if (n == 2 && !strncmp(s, "md", 2))
			bo.formats |= WP_OUT_MD;
		else if (n == 3 && !strncmp(s, "xml", 3))
			bo.formats |= WP_OUT_XML;
		else {
			rc = usage_error("--to takes a list of html, md and xml, not '%s'", to);
			goto done;
		}
		s += n + (s[n] == ',');
	}
	rc = wp_build((const char *const *)argv + optind, (size_t)(argc - optind), &bo, &res, &d);
	if (ui.tty && !ui.quiet)
		fputs("\r\033[K", stderr);
	print_diags(&d, 0, stderr);
	if (!o.quiet || res.failed)
		fprintf(stderr, "%zu sources: %zu built, %zu unchanged, %zu failed, %zu removed; %zu errors, %zu warnings\n",
			res.sources, res.built, res.unchanged, res.failed, res.removed, res.errors, res.warnings);
	rc = rc != WP_OK ? failed(rc == WP_EINPUT ? WP_EUSAGE : rc) : res.failed || res.errors ? EXIT_DOC_ERRORS : EXIT_DONE;
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
	"  -h, --help           this help\n"
	"\n"
	"Exit: 0 done, 1 something could not be imported or the result has errors, 2 usage or I/O error.\n";

static int cmd_import(int argc, char **argv)
{
	static const int allowed[] = {'o', 'p', 's', O_SET, 0};
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
	if (wp_read_file(&buf, &len, path) != WP_OK) {
		fprintf(stderr, "%s: cannot read '%s': %s\n", prog, path, strerror(errno));
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
					wp_programme_activities(doc->p));
			if (rc != WP_OK || d.errors > before)
				status = EXIT_DOC_ERRORS;
			if (write_output(o.out, md, mdlen) != EXIT_DONE)
				status = EXIT_USAGE;
		}
	} else {
		status = rc == WP_ENOMEM ? failed(rc) : rc == WP_EUSAGE ? EXIT_USAGE : EXIT_DOC_ERRORS;
	}
	print_diags(&d, 0, stderr);
	for (size_t i = 0; i < d.n; i++)
		if (!strcmp(d.items[i].rule, "import.unplaced") && d.items[i].severity != WP_NOTE && status == EXIT_DONE)
			status = EXIT_DOC_ERRORS;
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
	"  profiles list the kinds of programme wpgen knows\n"
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
	{"rules", cmd_rules},   {"import", cmd_import}, {"profiles", cmd_profiles},
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
	/* A full disk shows at the final flush: an error, not a truncation. */
	if (fclose(stdout) != 0) {
		fprintf(stderr, "%s: cannot write to standard output: %s\n", prog, strerror(errno));
		return EXIT_USAGE;
	}
	return rc;
}
