/* main.c: the wpgen command line. Parses options, calls the library,
 * prints diagnostics and sets the exit code. Nothing else lives here. */
#define _POSIX_C_SOURCE 200809L
#include "wpgen/wpgen.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
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

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", prog);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry '%s --help'.\n", prog);
	return EXIT_USAGE;
}

/***** where templates and profiles are *****/

static int is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The folder holding templates/ and profiles/: $WPGEN_DATADIR, else the
 * source tree the binary was built in, else the installed share folder. */
static const char *data_dir(void)
{
	static char dir[PATH_MAX];
	char exe[PATH_MAX], probe[PATH_MAX + 64];
	const char *env = getenv("WPGEN_DATADIR");
	if (env && *env)
		return env;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			static const char *const rel[] = {"/..", "/../share/wpgen", ""};
			for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
				snprintf(probe, sizeof probe, "%s%s/templates/annex-html.xsl", exe, rel[i]);
				if (is_file(probe)) {
					snprintf(dir, sizeof dir, "%s%s", exe, rel[i]);
					return dir;
				}
			}
		}
	}
	return WP_DATADIR;
}

static char *data_path(const char *sub, const char *name, const char *ext)
{
	const char *dir = data_dir();
	size_t n = strlen(dir) + strlen(sub) + strlen(name) + strlen(ext) + 3;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s/%s%s", dir, sub, name, ext);
	return p;
}

/***** diagnostics *****/

static void print_diags(wp_diags *d)
{
	wp_diags_sort(d);
	for (size_t i = 0; i < d->n; i++) {
		const wp_diag *x = &d->items[i];
		if (x->line)
			fprintf(stderr, "%s:%u:%u: %s: %s [%s]\n", x->file ? x->file : "-", x->line, x->col,
				wp_severity_name(x->severity), x->message, x->rule);
		else
			fprintf(stderr, "%s: %s: %s [%s]\n", x->file ? x->file : "-",
				wp_severity_name(x->severity), x->message, x->rule);
	}
	if (d->oom)
		fprintf(stderr, "%s: some diagnostics were lost: out of memory\n", prog);
}

static void clear_diags(wp_diags *d)
{
	wp_diags_free(d);
}

/***** shared steps *****/

typedef struct opts {
	const char *to;
	const char *out;
	const char *template_path;
	const char *profile;
	int summary;
} opts;

static int load_profile(wp_profile **prof, const char *arg, wp_diags *d)
{
	char *path = NULL;
	int rc;
	if (!arg)
		arg = "wco-working-body";
	if (!strchr(arg, '/') && !strstr(arg, ".yaml") && !strstr(arg, ".yml")) {
		path = data_path("profiles", arg, ".yaml");
		if (!path)
			return WP_ENOMEM;
		if (!is_file(path)) {
			fprintf(stderr, "%s: no profile named '%s' (looked for %s)\n", prog, arg, path);
			free(path);
			return WP_EUSAGE;
		}
	}
	rc = wp_profile_load(prof, path ? path : arg, d);
	free(path);
	return rc;
}

/* Reads a source into a model. Returns the exit code to give up with, or
 * -1 when *out holds a programme. */
static int read_source(wp_programme **out, const char *path, const wp_profile *prof, wp_diags *d)
{
	char *buf;
	size_t len;
	int rc = wp_read_file(&buf, &len, path);
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	*out = NULL;
	if (rc == WP_EIO) {
		fprintf(stderr, "%s: cannot read '%s': %s\n", prog, path, strerror(errno));
		return EXIT_USAGE;
	}
	if (rc != WP_OK) {
		fprintf(stderr, "%s: out of memory reading '%s'\n", prog, path);
		return EXIT_USAGE;
	}
	size_t plen = strlen(path);
	if (plen > 4 && strcmp(path + plen - 4, ".xml") == 0) {
		free(buf);
		fprintf(stderr, "%s: '%s': XML sources are not supported by this version\n", prog, path);
		return EXIT_USAGE;
	}
	rc = wp_read_md(out, buf, len, name, prof, d);
	free(buf);
	if (rc == WP_ENOMEM) {
		fprintf(stderr, "%s: out of memory reading '%s'\n", prog, path);
		return EXIT_USAGE;
	}
	if (rc != WP_OK)
		return EXIT_DOC_ERRORS;
	return -1;
}

static void print_summary(const wp_programme *p, const wp_diags *d)
{
	fprintf(stderr, "%s: %zu section%s", p->source, p->nsections, p->nsections == 1 ? "" : "s");
	for (size_t i = 0; i < p->nsections; i++)
		fprintf(stderr, "%s%s%s%zu activities", i ? ", " : " (",
			p->sections[i].numeral ? p->sections[i].numeral : p->sections[i].kind, ": ",
			p->sections[i].nactivities);
	fprintf(stderr, "%s, %zu activities, %zu examples, %zu footnotes; %u tables (%u without header), "
		"%u continuation rows joined, %u repeated headers and %u furniture blocks dropped; "
		"%zu errors, %zu warnings\n",
		p->nsections ? ")" : "", wp_programme_activities(p), wp_programme_examples(p), p->nfootnotes,
		p->stats.tables, p->stats.headerless_tables, p->stats.continuation_rows,
		p->stats.repeated_headers, p->stats.furniture, d->errors, d->warnings);
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

/***** commands *****/

static const char render_help[] =
	"Usage: wpgen render --to html|md|xml [-o FILE] [--template FILE] [--profile NAME|FILE] SOURCE\n"
	"Render a work programme (Markdown; '-' reads standard input) as an annex.\n"
	"\n"
	"  -t, --to FORMAT      html (default), md or xml\n"
	"  -o, --output FILE    write FILE (atomically) instead of standard output\n"
	"      --template FILE  an XSLT template to use instead of the built-in one\n"
	"  -p, --profile NAME   a profile name (profiles/NAME.yaml) or a profile file\n"
	"  -s, --summary        print what was read (sections, activities) on stderr\n"
	"  -h, --help           this help\n"
	"\n"
	"Exit: 0 done, 1 the document has errors (the annex is still written), 2 usage or I/O error.\n";

static const char check_help[] =
	"Usage: wpgen check [--profile NAME|FILE] [-s] SOURCE...\n"
	"Read each work programme and report what is wrong with it, as\n"
	"file:line:column: severity: message [rule].\n"
	"\n"
	"  -p, --profile NAME   a profile name (profiles/NAME.yaml) or a profile file\n"
	"  -s, --summary        also print what was read from each source\n"
	"  -h, --help           this help\n"
	"\n"
	"Exit: 0 no errors, 1 errors, 2 usage or I/O error.\n";

static const struct option long_opts[] = {
	{"to", required_argument, NULL, 't'},
	{"output", required_argument, NULL, 'o'},
	{"template", required_argument, NULL, 'T'},
	{"profile", required_argument, NULL, 'p'},
	{"summary", no_argument, NULL, 's'},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

static int parse_opts(int argc, char **argv, opts *o, const char *help, const char *allowed)
{
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":t:o:p:sh", long_opts, NULL)) != -1) {
		if (c != '?' && c != ':' && !strchr(allowed, c))
			return usage_error("option '%s' does not apply to this command", argv[optind - 1]);
		switch (c) {
		case 't': o->to = optarg; break;
		case 'o': o->out = optarg; break;
		case 'T': o->template_path = optarg; break;
		case 'p': o->profile = optarg; break;
		case 's': o->summary = 1; break;
		case 'h': fputs(help, stdout); return EXIT_DONE;
		case ':': return usage_error("option '%s' needs an argument", argv[optind - 1]);
		default: return usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	return -1;
}

static int cmd_render(int argc, char **argv)
{
	opts o = {"html", NULL, NULL, NULL, 0};
	wp_diags d = {0};
	wp_profile *prof = NULL;
	wp_programme *p = NULL;
	wp_template *t = NULL;
	char *tpath = NULL, *out = NULL;
	size_t len = 0;
	int rc = parse_opts(argc, argv, &o, render_help, "toTpsh");

	if (rc >= 0)
		return rc;
	if (optind != argc - 1)
		return usage_error("render takes one SOURCE%s", "");
	if (strcmp(o.to, "html") && strcmp(o.to, "md") && strcmp(o.to, "xml"))
		return usage_error("unknown format '%s' (html, md or xml)", o.to);
	if (o.template_path && strcmp(o.to, "xml") == 0)
		return usage_error("--template does not apply to --to xml%s", "");

	rc = load_profile(&prof, o.profile, &d);
	if (rc != WP_OK) {
		print_diags(&d);
		rc = EXIT_USAGE;
		goto done;
	}
	rc = read_source(&p, argv[optind], prof, &d);
	if (rc >= 0) {
		print_diags(&d);
		goto done;
	}
	if (strcmp(o.to, "xml") == 0) {
		rc = wp_write_xml(&out, &len, p, prof);
	} else {
		tpath = o.template_path ? strdup(o.template_path)
					: data_path("templates", strcmp(o.to, "html") == 0 ? "annex-html" : "annex-md", ".xsl");
		rc = tpath ? wp_template_load(&t, tpath, &d) : WP_ENOMEM;
		if (rc == WP_OK)
			rc = wp_render(&out, &len, t, p, prof, &d);
	}
	print_diags(&d);
	if (o.summary)
		print_summary(p, &d);
	if (rc != WP_OK) {
		if (rc == WP_ENOMEM)
			fprintf(stderr, "%s: out of memory\n", prog);
		rc = EXIT_USAGE;
		goto done;
	}
	rc = write_output(o.out, out, len);
	if (rc == EXIT_DONE && d.errors)
		rc = EXIT_DOC_ERRORS;
done:
	free(out);
	free(tpath);
	wp_template_free(t);
	wp_programme_free(p);
	wp_profile_free(prof);
	clear_diags(&d);
	return rc;
}

static int cmd_check(int argc, char **argv)
{
	opts o = {0};
	wp_diags d = {0};
	wp_profile *prof = NULL;
	size_t errors = 0, warnings = 0;
	int rc = parse_opts(argc, argv, &o, check_help, "psh"), worst = EXIT_DONE;

	if (rc >= 0)
		return rc;
	if (optind >= argc)
		return usage_error("check needs at least one SOURCE%s", "");
	rc = load_profile(&prof, o.profile, &d);
	if (rc != WP_OK) {
		print_diags(&d);
		wp_diags_free(&d);
		return EXIT_USAGE;
	}
	for (int i = optind; i < argc; i++) {
		wp_programme *p = NULL;
		rc = read_source(&p, argv[i], prof, &d);
		print_diags(&d);
		if (p && o.summary)
			print_summary(p, &d);
		errors += d.errors;
		warnings += d.warnings;
		if (rc < 0)
			rc = d.errors ? EXIT_DOC_ERRORS : EXIT_DONE;
		if (rc > worst)
			worst = rc;
		wp_programme_free(p);
		clear_diags(&d);
	}
	fprintf(stderr, "%zu error%s, %zu warning%s in %d file%s\n", errors, errors == 1 ? "" : "s", warnings,
		warnings == 1 ? "" : "s", argc - optind, argc - optind == 1 ? "" : "s");
	wp_profile_free(prof);
	return worst;
}

static const char main_help[] =
	"Usage: wpgen COMMAND [OPTION]... ARG...\n"
	"Read committee work programmes, check them, and render session annexes.\n"
	"\n"
	"Commands:\n"
	"  render   render a work programme as an HTML, Markdown or XML annex\n"
	"  check    report what is wrong with work programmes\n"
	"\n"
	"  -h, --help      this help ('wpgen COMMAND --help' for a command's)\n"
	"  -V, --version   the version\n"
	"\n"
	"Exit: 0 done, 1 a document has errors, 2 usage or I/O error.\n";

int main(int argc, char **argv)
{
	int rc;
	if (argc < 2)
		return usage_error("no command given%s", "");
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
		fputs(main_help, stdout);
		rc = EXIT_DONE;
	} else if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("wpgen %s\n", WPGEN_VERSION);
		rc = EXIT_DONE;
	} else if (strcmp(argv[1], "render") == 0) {
		rc = cmd_render(argc - 1, argv + 1);
	} else if (strcmp(argv[1], "check") == 0) {
		rc = cmd_check(argc - 1, argv + 1);
	} else {
		return usage_error("unknown command '%s'", argv[1]);
	}
	/* A full disk shows at the final flush: an error, not a truncation. */
	if (fclose(stdout) != 0) {
		fprintf(stderr, "%s: cannot write to standard output: %s\n", prog, strerror(errno));
		return EXIT_USAGE;
	}
	return rc;
}
