/* main.c: the wpgen command line. Parses options, calls the library,
 * prints diagnostics and sets the exit code. Nothing else lives here. */
#define _POSIX_C_SOURCE 200809L
#include "wpgen/wpgen.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <malloc.h>
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

/***** options *****/

#define MAX_RULE_ARGS 64

typedef struct opts {
	const char *to;
	const char *out;
	const char *template_path;
	const char *profile;
	const char *as_of;
	int summary, werror, fix, dry_run, strict;
	int format;
	const char *disable[MAX_RULE_ARGS], *enable[MAX_RULE_ARGS];
	size_t ndisable, nenable;
	/* the rules not to run: --disable less --enable */
	const char *off[128];
	size_t noff;
	const char *set[MAX_RULE_ARGS]; /* --set key=value */
	size_t nset;
	const char *changes;            /* --changes show|accept|reject */
	int jobs, quiet, clean_failed;
	const char *depfile;
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
	       d <= 31 && isdigit((unsigned char)s[0]);
}

/* Parses the options a command allows ("allowed" holds their codes).
 * Returns -1 to go on, or the exit code. */
static int parse_opts(int argc, char **argv, opts *o, const char *help, const int *allowed)
{
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":t:o:p:j:qsh", long_opts, NULL)) != -1) {
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
		case O_LIMIT: {
			char name[32], *end;
			const char *eq = strchr(optarg, '=');
			unsigned long long v = eq ? strtoull(eq + 1, &end, 10) : 0;
			if (!eq || (size_t)(eq - optarg) >= sizeof name || !eq[1] || *end || v == 0)
				return usage_error("--limit takes NAME=N (line, columns, brackets, depth, indent, emphasis), not '%s'", optarg);
			snprintf(name, sizeof name, "%.*s", (int)(eq - optarg), optarg);
			if (wp_limits_set(&o->limits, name, (size_t)v) != WP_OK)
				return usage_error("--limit: no limit is named '%s' (line, columns, brackets, depth, indent, emphasis)", name);
			break;
		}
		case 'j': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*end || n < 1 || n > 256)
				return usage_error("-j takes a number from 1 to 256, not '%s'", optarg);
			o->jobs = (int)n;
			break;
		}
		case O_SET: {
			const char *eq = strchr(optarg, '=');
			int known = 0;
			for (const char *const *k = wp_meta_keys; eq && *k; k++)
				known |= strlen(*k) == (size_t)(eq - optarg) && strncmp(*k, optarg, (size_t)(eq - optarg)) == 0;
			if (!eq)
				return usage_error("--set takes KEY=VALUE, not '%s'", optarg);
			if (!known)
				return usage_error("--set: unknown key in '%s' (title, body, annex_to, running_title, period, "
						   "session, as_of, profile)", optarg);
			if (o->nset < MAX_RULE_ARGS)
				o->set[o->nset++] = optarg;
			break;
		}
		case O_CHANGES:
			if (strcmp(optarg, "show") && strcmp(optarg, "accept") && strcmp(optarg, "reject"))
				return usage_error("--changes takes show, accept or reject, not '%s'", optarg);
			o->changes = optarg;
			break;
		case O_FORMAT:
			o->format = wp_format_parse(optarg);
			if (o->format < 0)
				return usage_error("unknown format '%s' (gcc, json, sarif or github)", optarg);
			break;
		case O_AS_OF:
			if (!valid_date(optarg))
				return usage_error("--as-of takes a date YYYY-MM-DD, not '%s'", optarg);
			o->as_of = optarg;
			break;
		case O_DISABLE:
		case O_ENABLE: {
			size_t n;
			const wp_rule *rules = wp_rules(&n);
			int known = 0;
			for (size_t i = 0; i < n; i++)
				known |= wp_rule_matches(rules[i].id, (const char *const *)&optarg, 1);
			if (!known)
				return usage_error("no rule or family of rules is named '%s' (see 'wpgen rules')", optarg);
			if (c == O_DISABLE && o->ndisable < MAX_RULE_ARGS)
				o->disable[o->ndisable++] = optarg;
			else if (c == O_ENABLE && o->nenable < MAX_RULE_ARGS)
				o->enable[o->nenable++] = optarg;
			break;
		}
		case 'h': fputs(help, stdout); return EXIT_DONE;
		case ':': return usage_error("option '%s' needs an argument", argv[optind - 1]);
		default: return usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (o->dry_run && !o->fix)
		return usage_error("--dry-run goes with --fix%s", "");
	/* --disable numbering --enable numbering.gap: all of numbering but gap */
	size_t n;
	const wp_rule *rules = wp_rules(&n);
	for (size_t i = 0; i < n && o->noff < sizeof o->off / sizeof o->off[0]; i++)
		if (wp_rule_matches(rules[i].id, o->disable, o->ndisable) &&
		    !wp_rule_matches(rules[i].id, o->enable, o->nenable))
			o->off[o->noff++] = rules[i].id;
	return -1;
}

/***** shared steps *****/

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
	if (rc == WP_ENOMEM)
		fprintf(stderr, "%s: out of memory loading profile '%s'\n", prog, path ? path : arg);
	free(path);
	return rc;
}

static void print_diags(wp_diags *d, size_t from, FILE *f)
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

/* XML by its name, or (standard input) by its first character. */
/* Reads buf (XML or Markdown by its name and first bytes) with prof. */
static int read_any(wp_programme **out, const char *path, const char *name, const char *buf, size_t len,
		    const wp_profile *prof, const opts *o, wp_diags *d)
{
	int rc;
	if (wp_looks_xml(path, buf, len)) {
		wp_schema *schema = NULL;
		char *spath = data_path("schema", "wpgen", ".rng");
		rc = spath ? wp_schema_load(&schema, spath, d) : WP_ENOMEM;
		free(spath);
		if (rc == WP_OK)
			rc = wp_read_xml(out, buf, len, name, prof, schema, d);
		else if (rc != WP_ENOMEM)
			rc = WP_EIO;
		wp_schema_free(schema);
		return rc;
	}
	return wp_read_md_limits(out, buf, len, name, prof, &o->limits, d);
}

/* The profiles in the data folder, sorted by name (free() them). */
static size_t list_profiles(char ***names)
{
	char *dir = data_path("profiles", "", "");
	size_t n = dir ? wp_profile_names(dir, names) : 0;
	if (!dir)
		*names = NULL;
	free(dir);
	return n;
}

/* Without --profile or a profile named by the source: the profile whose
 * structure the source fits best (the default one on a tie). */
static int detect_profile(wp_profile **out, const wp_profile *dflt, const char *buf, size_t len)
{
	char **names;
	size_t n = list_profiles(&names), m = 0;
	wp_profile **others = calloc(n ? n : 1, sizeof *others);
	*out = NULL;
	for (size_t i = 0; others && i < n; i++) {
		wp_diags scratch = {0};
		char *pp = strcmp(names[i], dflt->name) ? data_path("profiles", names[i], ".yaml") : NULL;
		if (pp && wp_profile_load(&others[m], pp, &scratch) == WP_OK)
			m++;
		wp_diags_free(&scratch);
		free(pp);
	}
	int k = others ? wp_profile_pick(dflt, (const wp_profile *const *)others, m, buf, len) : -1;
	for (size_t i = 0; i < m; i++)
		if ((int)i != k)
			wp_profile_free(others[i]);
	*out = k >= 0 ? others[k] : NULL;
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(others);
	return others || !n ? WP_OK : WP_ENOMEM;
}

/* A source read, modelled and checked. */
typedef struct doc {
	char *buf;
	size_t len;
	const char *name;
	wp_programme *p;
	const wp_profile *prof; /* the profile it is read with */
	wp_profile *own;        /* the one its source names, when not --profile's */
	/* a progress report: p is its plan with the report merged in, and
	 * these keep the report (whose memory p shares) and the plan's own */
	wp_programme *report;
	wp_profile *plan_prof;
} doc;

/* A progress report: reads the plan its front matter names (relative to
 * the report), checks it, and makes dc->p the plan with the report
 * merged in. Returns -1 to go on, or an exit code. */
static int load_plan(doc *dc, const char *path, const opts *o, wp_diags *d)
{
	wp_programme *report = dc->p, *plan = NULL;
	if (!report->plan) {
		wp_diags_add(d, dc->name, 1, 1, WP_ERROR, "report.plan",
			     "a progress report names the plan it reports on: front matter 'plan: FILE' (relative to the report)");
		return EXIT_DOC_ERRORS;
	}
	char *pp = wp_plan_path(path, report->plan);
	/* (the plan is checked with the report merged in, by the caller) */
	unsigned at = wp_meta_line(dc->buf, dc->len, "plan");
	int rc = pp ? wp_plan_read(&plan, &dc->plan_prof, report, dc->name, at, pp, dc->prof, data_dir(), NULL, &o->limits, d)
		    : WP_ENOMEM;
	free(pp);
	if (rc == WP_ENOMEM) {
		fprintf(stderr, "%s: out of memory reading the plan of '%s'\n", prog, path);
		return EXIT_USAGE;
	}
	if (rc != WP_OK)
		return EXIT_DOC_ERRORS;
	dc->report = report;
	dc->p = plan;
	dc->prof = dc->plan_prof;
	return -1;
}

/* Reads and checks path into dc; diagnostics are appended to d. Returns
 * -1 when dc->p holds a programme, else the exit code to give up with. */
static int load(doc *dc, const char *path, const wp_profile *prof, const opts *o, wp_diags *d)
{
	int rc = wp_read_file(&dc->buf, &dc->len, path);
	dc->name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	dc->p = NULL;
	dc->prof = prof;
	if (rc == WP_EIO) {
		fprintf(stderr, "%s: cannot read '%s': %s\n", prog, path, strerror(errno));
		return EXIT_USAGE;
	}
	if (rc != WP_OK) {
		fprintf(stderr, "%s: out of memory reading '%s'\n", prog, path);
		return EXIT_USAGE;
	}
	/* Without --profile, a source may name its own; else its structure
	 * picks one. */
	char named[64];
	unsigned at = 1;
	int names = o->profile ? 0 : wp_peek_profile(named, sizeof named, dc->buf, dc->len, &at);
	if (names < 0) {
		wp_diags_add(d, dc->name, at, 1, WP_ERROR, "read.profile",
			     "the source names the profile '%s', which is not a plain name (letters, digits, '-', '_', '.')",
			     named);
		return EXIT_DOC_ERRORS;
	}
	if (names > 0) {
		if (strcmp(named, prof->name) != 0) {
			char *pp = data_path("profiles", named, ".yaml");
			int there = pp && is_file(pp);
			free(pp);
			if (!there) { /* the source's own mistake, at its line */
				wp_diags_add(d, dc->name, at, 1, WP_ERROR, "read.profile",
					     "the source names the profile '%s', which wpgen does not have (wpgen profiles lists them)",
					     named);
				return EXIT_DOC_ERRORS;
			}
			rc = load_profile(&dc->own, named, d);
			if (rc != WP_OK)
				return EXIT_USAGE;
			prof = dc->prof = dc->own;
		}
	} else if (!o->profile) {
		rc = detect_profile(&dc->own, prof, dc->buf, dc->len);
		if (rc == WP_ENOMEM) {
			fprintf(stderr, "%s: out of memory reading '%s'\n", prog, path);
			return EXIT_USAGE;
		}
		if (dc->own && strcmp(dc->own->name, prof->name) != 0) {
			prof = dc->prof = dc->own;
			fprintf(stderr, "%s: %s: read with profile '%s', picked from its structure (--profile or "
				"front matter 'profile:' chooses one)\n", prog, dc->name, prof->name);
		}
	}
	rc = read_any(&dc->p, path, dc->name, dc->buf, dc->len, prof, o, d);
	if (rc == WP_EIO)
		return EXIT_USAGE;
	if (rc == WP_OK && prof->report_of) {
		int r = load_plan(dc, path, o, d);
		if (r >= 0)
			return r;
		prof = dc->prof;
	}
	for (size_t i = 0; rc == WP_OK && i < o->nset; i++) {
		char key[32];
		const char *eq = strchr(o->set[i], '='), *why;
		snprintf(key, sizeof key, "%.*s", (int)(eq - o->set[i]), o->set[i]);
		int r = wp_programme_set(dc->p, key, eq + 1, &why);
		if (r == WP_ENOMEM)
			rc = r;
		else if (r != WP_OK) {
			fprintf(stderr, "%s: --set %s: %s\n", prog, o->set[i], why);
			return EXIT_USAGE;
		}
	}
	if (rc == WP_OK && o->changes && strcmp(o->changes, "show") != 0)
		rc = wp_programme_changes(dc->p, strcmp(o->changes, "accept") == 0 ? WP_CHANGES_ACCEPT : WP_CHANGES_REJECT,
					  prof->u_is_insertion);
	if (rc == WP_OK) {
		wp_check_opts co = {o->as_of ? o->as_of : dc->p->as_of, o->off, o->noff, o->fix};
		rc = wp_check(dc->p, prof, &co, d);
	}
	if (rc == WP_ENOMEM) {
		fprintf(stderr, "%s: out of memory reading '%s'\n", prog, path);
		return EXIT_USAGE;
	}
	return rc == WP_OK ? -1 : EXIT_DOC_ERRORS;
}

static void unload(doc *dc)
{
	wp_programme_free(dc->p);
	wp_programme_free(dc->report);
	wp_profile_free(dc->plan_prof);
	dc->report = NULL;
	dc->plan_prof = NULL;
	wp_profile_free(dc->own);
	free(dc->buf);
	dc->p = NULL;
	dc->own = NULL;
	dc->buf = NULL;
}

/* The counts of what was read from the source dc names (for a progress
 * report: its plan, with the report set in). */
static void print_summary(const doc *dc, size_t errors, size_t warnings)
{
	const wp_programme *p = dc->p;
	fprintf(stderr, "%s: ", dc->name);
	if (dc->report)
		fprintf(stderr, "with its plan %s, ", p->source);
	fprintf(stderr, "%zu section%s", p->nsections, p->nsections == 1 ? "" : "s");
	for (size_t i = 0; i < p->nsections; i++)
		fprintf(stderr, "%s%s%s%zu activities", i ? ", " : " (",
			p->sections[i].numeral ? p->sections[i].numeral : p->sections[i].kind, ": ",
			p->sections[i].nactivities);
	fprintf(stderr, "%s, %zu activities, %zu examples, %zu footnotes; %u tables (%u without header), "
		"%u continuation rows joined, %u repeated headers and %u furniture blocks dropped; "
		"%zu errors, %zu warnings\n",
		p->nsections ? ")" : "", wp_programme_activities(p), wp_programme_examples(p), p->nfootnotes,
		p->stats.tables, p->stats.headerless_tables, p->stats.continuation_rows,
		p->stats.repeated_headers, p->stats.furniture, errors, warnings);
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

/* The annex or source text of a programme: the XML of that flavour, or
 * a template run over it (the built-in one for the format unless tpl). */
static int produce(char **out, size_t *len, const doc *dc, const char *to, const char *tpl, unsigned flavour,
		   wp_diags *d)
{
	if (strcmp(to, "xml") == 0)
		return wp_write_xml(out, len, dc->p, dc->prof, flavour);
	wp_template *t = NULL;
	char *path = tpl ? strdup(tpl) : data_path("templates", strcmp(to, "html") == 0 ? "annex-html" : "annex-md", ".xsl");
	int rc = path ? wp_template_load(&t, path, d) : WP_ENOMEM;
	if (rc == WP_OK)
		rc = wp_render(out, len, t, dc->p, dc->prof, flavour, d);
	wp_template_free(t);
	free(path);
	return rc;
}

/* A Make depfile: the output depends on the source, the template and
 * the profile (and the schema for an XML source). Spaces are escaped. */
static void dep_word(FILE *f, const char *s)
{
	if (ftell(f) > 0)
		fputc(' ', f);
	for (; *s; s++) {
		if (*s == ' ' || *s == '#')
			fputc('\\', f);
		if (*s == '$')
			fputc('$', f);
		fputc(*s, f);
	}
}

static int write_depfile(const opts *o, const char *source, const wp_profile *prof)
{
	char *tpl = o->template_path ? strdup(o->template_path)
		    : strcmp(o->to, "xml") == 0 ? NULL : data_path("templates", strcmp(o->to, "html") == 0 ? "annex-html" : "annex-md", ".xsl");
	char *schema = wp_looks_xml(source, "", 0) ? data_path("schema", "wpgen", ".rng") : NULL;
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
	f = fopen(tmp, "w");
	if (!f)
		goto fail;
	dep_word(f, o->out);
	fputc(':', f);
	dep_word(f, source);
	if (tpl)
		dep_word(f, tpl);
	if (prof->path)
		dep_word(f, prof->path);
	if (schema)
		dep_word(f, schema);
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
	free(schema);
	return rc;
}

/***** render *****/

static const char render_help[] =
	"Usage: wpgen render --to html|md|xml [-o FILE] [--template FILE] [--profile NAME|FILE] SOURCE\n"
	"Render a work programme (Markdown; '-' reads standard input) as an annex. The rules\n"
	"run too: their findings are printed, and the annex is written unless --strict.\n"
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
	static const int allowed[] = {'t', 'o', O_TEMPLATE, 'p', 's', O_STRICT, O_AS_OF, O_DISABLE, O_ENABLE, O_SET, O_CHANGES,
				      O_DEPFILE, O_LIMIT, 0};
	opts o = {.to = "html"};
	wp_diags d = {0};
	wp_profile *prof = NULL;
	doc dc = {0};
	char *out = NULL;
	size_t len = 0;
	int rc = parse_opts(argc, argv, &o, render_help, allowed);

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
		print_diags(&d, 0, stderr);
		rc = EXIT_USAGE;
		goto done;
	}
	rc = load(&dc, argv[optind], prof, &o, &d);
	wp_diags_filter(&d, o.off, o.noff);
	wp_diags_sort(&d);
	if (rc >= 0) {
		print_diags(&d, 0, stderr);
		goto done;
	}
	if (o.strict && d.errors) {
		print_diags(&d, 0, stderr);
		fprintf(stderr, "%s: nothing written: the document has errors (--strict)\n", prog);
		rc = EXIT_DOC_ERRORS;
		goto done;
	}
	rc = produce(&out, &len, &dc, o.to, o.template_path, strcmp(o.to, "md") == 0 ? WP_XML_SOURCE : WP_XML_ANNOTATED,
		     &d);
	print_diags(&d, 0, stderr);
	if (o.summary)
		print_summary(&dc, d.errors, d.warnings);
	if (rc != WP_OK) {
		if (rc == WP_ENOMEM)
			fprintf(stderr, "%s: out of memory\n", prog);
		rc = EXIT_USAGE;
		goto done;
	}
	rc = write_output(o.out, out, len);
	if (rc == EXIT_DONE && o.depfile)
		rc = write_depfile(&o, argv[optind], dc.prof);
	if (rc == EXIT_DONE && d.errors)
		rc = EXIT_DOC_ERRORS;
done:
	free(out);
	unload(&dc);
	wp_profile_free(prof);
	wp_diags_free(&d);
	return rc;
}

/***** check *****/

static const char check_help[] =
	"Usage: wpgen check [OPTION]... SOURCE...\n"
	"Read each work programme and report what is wrong with it.\n"
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
	"  -s, --summary        also print what was read from each source\n"
	"  -h, --help           this help\n"
	"\n"
	"Exit: 0 no errors, 1 errors (or warnings with --werror), 2 usage or I/O error.\n";

/* Applies the fixes of one source; returns -1 to go on or an exit code. */
static int fix_source(doc *dc, const char *path, const wp_profile *prof, const opts *o, wp_diags *d, size_t from,
		      size_t *fixed)
{
	char *text = NULL, *diff = NULL;
	size_t len, applied;
	wp_diags mine = *d;
	mine.items += from;
	mine.n -= from;
	if (dc->p->src_replaced) {
		fprintf(stderr, "%s: '%s' has bytes that are not UTF-8: fix those by hand before --fix\n", prog, path);
		return EXIT_USAGE;
	}
	if (strcmp(path, "-") == 0 && !o->dry_run) {
		fprintf(stderr, "%s: --fix rewrites files; use --dry-run with standard input\n", prog);
		return EXIT_USAGE;
	}
	if (wp_fix_apply(&text, &len, &applied, dc->buf, dc->len, &mine) != WP_OK)
		return EXIT_USAGE;
	*fixed = applied;
	int rc = -1;
	if (o->dry_run) {
		if (wp_diff(&diff, dc->name, dc->buf, dc->len, text, len) == WP_OK)
			fputs(diff, stdout);
	} else if (applied && wp_write_file_atomic(path, text, len) != WP_OK) {
		fprintf(stderr, "%s: cannot write '%s': %s\n", prog, path, strerror(errno));
		rc = EXIT_USAGE;
	}
	if (rc < 0 && !o->dry_run && applied) {
		/* Report what is left, as read from the fixed file. */
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
		unload(dc);
		opts again = *o;
		again.fix = 0;
		rc = load(dc, path, prof, &again, d);
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
	wp_profile *prof = NULL;
	size_t total_fixed = 0;
	int rc = parse_opts(argc, argv, &o, check_help, allowed), worst = EXIT_DONE;

	if (rc >= 0)
		return rc;
	if (optind >= argc)
		return usage_error("check needs at least one SOURCE%s", "");
	rc = load_profile(&prof, o.profile, &d);
	if (rc != WP_OK) {
		print_diags(&d, 0, stderr);
		wp_diags_free(&d);
		return EXIT_USAGE;
	}
	for (int i = optind; i < argc; i++) {
		doc dc = {0};
		size_t from = d.n, errors = d.errors, warnings = d.warnings, fixed = 0;
		rc = load(&dc, argv[i], prof, &o, &d);
		if (rc < 0 && o.fix)
			rc = fix_source(&dc, argv[i], prof, &o, &d, from, &fixed);
		total_fixed += fixed;
		wp_diags_filter(&d, o.off, o.noff);
		wp_diags_sort_from(&d, from);
		if (o.format == WP_FORMAT_GCC)
			print_diags(&d, from, stderr);
		if (dc.p && o.summary)
			print_summary(&dc, d.errors - errors, d.warnings - warnings);
		if (rc < 0)
			rc = d.errors > errors || (o.werror && d.warnings > warnings) ? EXIT_DOC_ERRORS : EXIT_DONE;
		if (rc > worst)
			worst = rc;
		unload(&dc);
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
		fprintf(stderr, "%zu fix%s applied\n", total_fixed, total_fixed == 1 ? "" : "es");
	fprintf(stderr, "%zu error%s, %zu warning%s in %d file%s\n", d.errors, d.errors == 1 ? "" : "s", d.warnings,
		d.warnings == 1 ? "" : "s", argc - optind, argc - optind == 1 ? "" : "s");
	wp_profile_free(prof);
	wp_diags_free(&d);
	return worst;
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
	"                       session, as_of, profile); repeatable\n"
	"      --changes MODE   tracked changes: show (keep them), accept or reject\n"
	"  -p, --profile NAME   a profile name (profiles/NAME.yaml) or a profile file\n"
	"  -h, --help           this help\n"
	"\n"
	"Exit: 0 done, 1 the source could not be read, 2 usage or I/O error.\n";

static int cmd_convert(int argc, char **argv)
{
	static const int allowed[] = {'t', 'o', 'p', O_SET, O_CHANGES, O_LIMIT, 0};
	opts o = {.to = NULL};
	wp_diags d = {0};
	wp_profile *prof = NULL;
	doc dc = {0};
	char *out = NULL;
	size_t len = 0;
	int rc = parse_opts(argc, argv, &o, convert_help, allowed);

	if (rc >= 0)
		return rc;
	if (!o.to || (strcmp(o.to, "md") && strcmp(o.to, "xml")))
		return usage_error("convert needs --to md or --to xml%s", "");
	if (optind != argc - 1)
		return usage_error("convert takes one SOURCE%s", "");
	/* conversion runs no rules: it reports only what reading finds */
	size_t n;
	const wp_rule *rules = wp_rules(&n);
	for (size_t i = 0; i < n && o.noff < sizeof o.off / sizeof o.off[0]; i++)
		if (strncmp(rules[i].id, "read.", 5) && strncmp(rules[i].id, "table.", 6) && strncmp(rules[i].id, "xml.", 4) &&
		    strncmp(rules[i].id, "meta.", 5))
			o.off[o.noff++] = rules[i].id;
	rc = load_profile(&prof, o.profile, &d);
	if (rc != WP_OK) {
		print_diags(&d, 0, stderr);
		rc = EXIT_USAGE;
		goto done;
	}
	rc = load(&dc, argv[optind], prof, &o, &d);
	wp_diags_filter(&d, o.off, o.noff);
	wp_diags_sort(&d);
	print_diags(&d, 0, stderr);
	if (rc >= 0)
		goto done;
	rc = produce(&out, &len, &dc, o.to, NULL, WP_XML_SOURCE, &d);
	if (rc != WP_OK) {
		print_diags(&d, 0, stderr);
		rc = EXIT_USAGE;
		goto done;
	}
	rc = write_output(o.out, out, len);
done:
	free(out);
	unload(&dc);
	wp_profile_free(prof);
	wp_diags_free(&d);
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
			print_diags((wp_diags *)e->diags, 0, stderr);
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
	int rc = parse_opts(argc, argv, &o, build_help, allowed);
	if (rc >= 0)
		return rc;
	if (optind >= argc)
		return usage_error("build needs at least one SOURCE or folder%s", "");
	wp_build_opts bo = {0};
	bo.outdir = o.out ? o.out : "output";
	bo.jobs = o.jobs > 0 ? o.jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
	bo.changes = !o.changes || !strcmp(o.changes, "show") ? WP_CHANGES_SHOW
		     : !strcmp(o.changes, "accept") ? WP_CHANGES_ACCEPT : WP_CHANGES_REJECT;
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
		else
			return usage_error("--to takes a list of html, md and xml, not '%s'", to);
		s += n + (s[n] == ',');
	}
	rc = wp_build((const char *const *)argv + optind, (size_t)(argc - optind), &bo, &res, &d);
	if (ui.tty && !ui.quiet)
		fputs("\r\033[K", stderr);
	print_diags(&d, 0, stderr);
	if (!o.quiet || res.failed)
		fprintf(stderr, "%zu sources: %zu built, %zu unchanged, %zu failed, %zu removed; %zu errors, %zu warnings\n",
			res.sources, res.built, res.unchanged, res.failed, res.removed, res.errors, res.warnings);
	wp_diags_free(&d);
	if (rc == WP_ENOMEM)
		fprintf(stderr, "%s: out of memory\n", prog);
	if (rc != WP_OK)
		return EXIT_USAGE;
	return res.failed || res.errors ? EXIT_DOC_ERRORS : EXIT_DONE;
}

/***** rules *****/

static const char rules_help[] =
	"Usage: wpgen rules [--format text|md]\n"
	"List every rule: id, default severity, where it comes from, what it checks.\n";

static int cmd_rules(int argc, char **argv)
{
	size_t n;
	const wp_rule *r = wp_rules(&n);
	int md = 0;
	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		fputs(rules_help, stdout);
		return EXIT_DONE;
	}
	if (argc == 3 && strcmp(argv[1], "--format") == 0 && (strcmp(argv[2], "md") == 0 || strcmp(argv[2], "text") == 0))
		md = strcmp(argv[2], "md") == 0;
	else if (argc != 1)
		return usage_error("rules takes only --format text|md%s", "");
	if (md)
		puts("| rule | severity | from | what it checks |\n| --- | --- | --- | --- |");
	for (size_t i = 0; i < n; i++) {
		if (md)
			printf("| `%s` | %s | %s | %s |\n", r[i].id, wp_severity_name(r[i].severity), r[i].source,
			       r[i].explain);
		else
			printf("%-26s %-8s %-16s %s\n", r[i].id, wp_severity_name(r[i].severity), r[i].source, r[i].explain);
	}
	return EXIT_DONE;
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
	char *buf = NULL, *md = NULL;
	size_t len = 0, mdlen = 0;
	wp_import_stats st;
	int rc = parse_opts(argc, argv, &o, import_help, allowed);
	if (rc >= 0)
		return rc;
	if (!o.profile)
		return usage_error("import needs --profile NAME (joint-work-plan, dated-schedule, progress-report)%s", "");
	if (optind != argc - 1)
		return usage_error("import takes one EXPORT file%s", "");
	const char *path = argv[optind];
	if (wp_read_file(&buf, &len, path) != WP_OK) {
		fprintf(stderr, "%s: cannot read '%s': %s\n", prog, path, strerror(errno));
		return EXIT_USAGE;
	}
	rc = wp_import(&md, &mdlen, o.profile, buf, len, path, &st, &d);
	free(buf);
	if (rc == WP_OK && o.nset) {
		/* --set: more front matter, after the "---" that opens it */
		const char *end = strstr(md, "\n---\n");
		size_t head = end ? (size_t)(end - md) + 1 : 0, cap = mdlen + 1;
		for (size_t i = 0; i < o.nset; i++)
			cap += strlen(o.set[i]) + 8;
		char *m2 = malloc(cap);
		if (m2) {
			size_t k = (size_t)snprintf(m2, cap, "%.*s", (int)head, md);
			for (size_t i = 0; i < o.nset; i++) {
				const char *eq = strchr(o.set[i], '=');
				k += (size_t)snprintf(m2 + k, cap - k, "%.*s: \"%s\"\n", (int)(eq - o.set[i]), o.set[i], eq + 1);
			}
			k += (size_t)snprintf(m2 + k, cap - k, "%s", md + head);
			mdlen = k;
		}
		free(md);
		md = m2;
		rc = md ? WP_OK : WP_ENOMEM;
	}
	int status = EXIT_DONE;
	if (rc == WP_OK) {
		/* read back and checked: an import that wpgen cannot read is no import */
		wp_profile *prof = NULL;
		wp_programme *p = NULL;
		size_t before = d.errors;
		if (load_profile(&prof, o.profile, &d) != WP_OK) {
			print_diags(&d, 0, stderr);
			free(md);
			wp_diags_free(&d);
			return EXIT_USAGE;
		}
		if (wp_read_md(&p, md, mdlen, o.out ? o.out : "<import>", prof, &d) == WP_OK && !prof->narrative) {
			wp_check_opts co = {p->as_of, NULL, 0, 0};
			wp_check(p, prof, &co, &d);
		}
		if (o.summary && p)
			fprintf(stderr, "%s: imported %zu %s and %zu %s; read back: %zu sections, %zu activities\n", path,
				st.sections, !strcmp(o.profile, "dated-schedule") ? "outline topics" : "sections",
				st.rows, !strcmp(o.profile, "dated-schedule") ? "tasks" : "actions", p->nsections,
				wp_programme_activities(p));
		if (!p || d.errors > before)
			status = EXIT_DOC_ERRORS;
		wp_programme_free(p);
		wp_profile_free(prof);
		if (write_output(o.out, md, mdlen) != EXIT_DONE)
			status = EXIT_USAGE;
	} else if (rc == WP_ENOMEM) {
		fprintf(stderr, "%s: out of memory\n", prog);
		status = EXIT_USAGE;
	} else {
		status = rc == WP_EUSAGE ? EXIT_USAGE : EXIT_DOC_ERRORS;
	}
	print_diags(&d, 0, stderr);
	for (size_t i = 0; i < d.n; i++)
		if (!strcmp(d.items[i].rule, "import.unplaced") && d.items[i].severity != WP_NOTE && status == EXIT_DONE)
			status = EXIT_DOC_ERRORS;
	free(md);
	wp_diags_free(&d);
	return status;
}

static int cmd_profiles(int argc, char **argv)
{
	char **names;
	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		puts("Usage: wpgen profiles\nList the profiles (kinds of programme) wpgen knows: a name, then what it is.");
		return EXIT_DONE;
	}
	if (argc != 1)
		return usage_error("profiles takes no argument%s", "");
	size_t n = list_profiles(&names);
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
		wp_diags_free(&d);
		free(pp);
		free(names[i]);
	}
	free(names);
	return rc;
}

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

int main(int argc, char **argv)
{
	int rc;
	/* No fast bins: libxml2 and libxslt allocate a text node and free it
	 * at once when it merges into its neighbour, and glibc consolidates
	 * every fast bin on each such free beside the top of the heap; that
	 * was 15% of a render's time (perf), and this makes a 100x render
	 * 17% faster. tcache still serves small blocks. */
	mallopt(M_MXFAST, 0);
	wp_alloc_init();
	{
		/* For the out-of-memory tests: fail the Nth allocation. */
		const char *n = getenv("WPGEN_FAIL_ALLOC");
		if (n && *n)
			wp_alloc_fail_after(strtol(n, NULL, 10));
	}
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
	} else if (strcmp(argv[1], "build") == 0) {
		rc = cmd_build(argc - 1, argv + 1);
	} else if (strcmp(argv[1], "convert") == 0) {
		rc = cmd_convert(argc - 1, argv + 1);
	} else if (strcmp(argv[1], "rules") == 0) {
		rc = cmd_rules(argc - 1, argv + 1);
	} else if (strcmp(argv[1], "import") == 0) {
		rc = cmd_import(argc - 1, argv + 1);
	} else if (strcmp(argv[1], "profiles") == 0) {
		rc = cmd_profiles(argc - 1, argv + 1);
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
