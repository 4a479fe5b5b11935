/* cli.c: what the commands of the wpgen command line share (see cli.h):
 * where the data folder is, options, and printing. */
#define _POSIX_C_SOURCE 200809L
#include "base/lazy.h"
#include "base/io.h"
#include "cli/cli.h"
#include "base/escape.h"
#include "base/util.h"

#include <errno.h>
#include <pthread.h>
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

const char *prog = "wpgen";

/* The command's noise controls (-q, --min-severity), for the functions
 * that print findings. */
static wp_severity min_sev = WP_NOTE;
static int quiet;
/* accepted findings are listed too (--show-accepted; JSON and SARIF list
 * them always, marked) */
static int show_accepted;

int usage_error(const char *fmt, ...)
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
const char *data_dir(void)
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
char *data_path(const char *sub, const char *name, const char *ext)
{
	const char *dir = data_dir();
	size_t n = strlen(dir) + strlen(sub) + strlen(name) + strlen(ext) + 3;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s/%s%s", dir, sub, name, ext);
	return p;
}

/***** options *****/

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
	{"plan-root", required_argument, NULL, O_PLAN_ROOT},
	{"statistics", no_argument, NULL, O_STATISTICS},
	{"follow-links", no_argument, NULL, O_FOLLOW_LINKS},
	{"min-severity", required_argument, NULL, O_MIN_SEVERITY},
	{"reference-doc", required_argument, NULL, O_REFERENCE_DOC},
	{"config", required_argument, NULL, O_CONFIG},
	{"no-config", no_argument, NULL, O_NO_CONFIG},
	{"show-accepted", no_argument, NULL, O_SHOW_ACCEPTED},
	{"print-config", no_argument, NULL, O_PRINT_CONFIG},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

static int parse_limit(opts *o, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char *end, name[32];
	unsigned long long v = eq ? strtoull(eq + 1, &end, 10) : 0;
	if (!eq || (size_t)(eq - arg) >= sizeof name || !eq[1] || *end || v == 0 || eq[1] == '-')
		return usage_error("--limit takes NAME=N (line, columns, brackets, depth, indent, emphasis, docx-part, docx-total, docx-ratio, input), not '%s'", arg);
	snprintf(name, sizeof name, "%.*s", (int)(eq - arg), arg);
	if (wp_limits_set(&o->limits, name, (size_t)v) != WP_OK)
		return usage_error("--limit: no limit is named '%s' (line, columns, brackets, depth, indent, emphasis, docx-part, docx-total, docx-ratio, input)", name);
	o->limit_args[o->nlimit_args++] = arg;
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
				   "profile, plan, programme)", arg);
	o->set[o->nset++] = arg;
	return -1;
}

/* Parses the options a command allows (their codes in allowed, 0-ended).
 * Returns -1 to go on, or the exit code. */
int parse_opts(int argc, char **argv, opts *o, const char *help, const int *allowed)
{
	int c, rc = -1;
	size_t cap = (size_t)argc + 1;
	o->disable = calloc(cap, sizeof *o->disable);
	o->enable = calloc(cap, sizeof *o->enable);
	o->set = calloc(cap, sizeof *o->set);
	o->limit_args = calloc(cap, sizeof *o->limit_args);
	if (!o->disable || !o->enable || !o->set || !o->limit_args) {
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
		case O_MIN_SEVERITY:
			if ((o->min_severity = !strcmp(optarg, "note") ? WP_NOTE : !strcmp(optarg, "warning") ? WP_WARNING
					       : !strcmp(optarg, "error") ? WP_ERROR : -1) < 0)
				return usage_error("--min-severity takes note, warning or error, not '%s'", optarg);
			break;
		case O_CLEAN_FAILED: o->clean_failed = 1; break;
		case O_DEPFILE: o->depfile = optarg; break;
		case O_PLAN_ROOT: o->plan_root = optarg; break;
		case O_REFERENCE_DOC: o->reference_doc = optarg; break;
		case O_CONFIG: o->config_file = optarg; break;
		case O_NO_CONFIG: o->no_config = 1; break;
		case O_SHOW_ACCEPTED: o->show_accepted = 1; break;
		case O_PRINT_CONFIG: o->print_config = 1; break;
		case O_STATISTICS: o->statistics = 1; break;
		case O_FOLLOW_LINKS: o->follow_links = 1; break;
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
		case O_FORMAT: /* ("text": gcc's lines, which are text; diff's default) */
			if ((o->format = !strcmp(optarg, "text") ? WP_FORMAT_GCC : wp_format_parse(optarg)) < 0)
				return usage_error("unknown format '%s' (gcc, json, sarif or github)", optarg);
			break;
		case O_AS_OF:
			if (!wp_date_valid(optarg))
				return usage_error("--as-of takes a date YYYY-MM-DD (a day of that month), not '%s'", optarg);
			o->as_of = optarg;
			break;
		case O_DISABLE:
		case O_ENABLE:
			if (!wp_rule_known(optarg))
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
	if (o->config_file && o->no_config)
		return usage_error("--config and --no-config contradict each other");
	if (o->quiet) /* errors only */
		o->min_severity = WP_ERROR;
	min_sev = (wp_severity)o->min_severity;
	quiet = o->quiet;
	show_accepted = o->show_accepted || o->format == WP_FORMAT_JSON || o->format == WP_FORMAT_SARIF;
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

/* The configuration files read by this command, each once. */
static wp_configs *configs;

void opts_free(opts *o)
{
	wp_configs_free(configs);
	configs = NULL;
	free(o->limit_args);
	free(o->disable);
	free(o->enable);
	free(o->off);
	free(o->set);
}

wp_changes_mode changes_mode(const char *s)
{
	return !s || !strcmp(s, "show") ? WP_CHANGES_SHOW : !strcmp(s, "accept") ? WP_CHANGES_ACCEPT : WP_CHANGES_REJECT;
}

/***** what every command shares *****/

int diags_shown(const wp_diags *d, size_t from, wp_diags *view)
{
	memset(view, 0, sizeof *view);
	if (from >= d->n)
		return WP_OK;
	if (!(view->items = malloc((d->n - from) * sizeof *view->items)))
		return WP_ENOMEM;
	for (size_t i = from; i < d->n; i++)
		if (d->items[i].severity >= min_sev && (show_accepted || !d->items[i].accepted)) {
			view->items[view->n++] = d->items[i];
			view->accepted += d->items[i].accepted != NULL;
			view->errors += !d->items[i].accepted && d->items[i].severity == WP_ERROR;
			view->warnings += !d->items[i].accepted && d->items[i].severity == WP_WARNING;
		}
	view->cap = d->n - from;
	return WP_OK;
}

void print_diags(const wp_diags *d, size_t from, FILE *f)
{
	char *text;
	size_t len;
	wp_diags view;
	if (diags_shown(d, from, &view) != WP_OK) {
		fprintf(stderr, "%s: out of memory\n", prog);
		return;
	}
	/* a thousand at a time: a programme's hundred thousand findings are
	 * not all formatted in memory at once */
	for (size_t k = 0; k < view.n; k += 1024) {
		wp_diags part = view;
		part.items += k;
		part.n = view.n - k < 1024 ? view.n - k : 1024;
		if (wp_format_diags(&text, &len, &part, WP_FORMAT_GCC) != WP_OK)
			break;
		fwrite(text, 1, len, f);
		free(text);
	}
	free(view.items);
	if (d->oom)
		fprintf(stderr, "%s: some diagnostics were lost: out of memory\n", prog);
}

void print_total(const wp_diags *d, const char *tail)
{
	size_t notes = d->n - d->errors - d->warnings - d->accepted, hidden = 0;
	if (quiet)
		return;
	for (size_t i = 0; i < d->n; i++)
		hidden += d->items[i].severity < min_sev && !d->items[i].accepted;
	fprintf(stderr, "%zu %s, %zu %s", d->errors, plural(d->errors, "error", "errors"), d->warnings,
		plural(d->warnings, "warning", "warnings"));
	if (tail)
		fputs(tail, stderr);
	if (notes)
		fprintf(stderr, " (and %zu %s)", notes, plural(notes, "note", "notes"));
	if (d->accepted)
		fprintf(stderr, "; %zu accepted in the source%s", d->accepted, show_accepted ? "" : " (--show-accepted lists them)");
	if (hidden)
		fprintf(stderr, "; %zu below --min-severity not shown", hidden);
	fputc('\n', stderr);
}

/* The exit code for a library failure. */
int failed(int rc)
{
	if (rc == WP_ENOMEM)
		fprintf(stderr, "%s: out of memory\n", prog);
	return rc == WP_EINPUT ? EXIT_DOC_ERRORS : EXIT_USAGE;
}

wp_env *env_or_die(void)
{
	wp_env *env = NULL;
	if (wp_env_new(&env, data_dir()) != WP_OK)
		fprintf(stderr, "%s: out of memory\n", prog);
	return env;
}

/* Opens path as the options say (check: run the rules). Returns -1 with
 * *doc set, or the exit code to give up with; findings go to d. */
int open_doc(wp_doc **doc, wp_env *env, const char *path, const opts *o, int check, wp_diags *d)
{
	return open_doc_in(doc, env, path, o, check, NULL, d);
}

int config_for(const wp_config **cfg, const char *path, const opts *o, const char *root, wp_diags *d)
{
	int rc = WP_OK;
	*cfg = NULL;
	if (o->no_config)
		return -1;
	if (!configs && (rc = wp_configs_new(&configs)) != WP_OK)
		return failed(rc);
	rc = o->config_file ? wp_configs_file(configs, o->config_file, cfg, d) : wp_configs_for(configs, path, root, cfg, d);
	return rc == WP_OK ? -1 : failed(rc);
}

/* The options of a document's reading: its configuration and the
 * command's; -1, or an exit code. */
static int doc_opts(wp_doc_opts *dopt, const char *path, const opts *o, int check, const char *root, wp_diags *d)
{
	memset(dopt, 0, sizeof *dopt);
	int cr = config_for(&dopt->config, path, o, root, d);
	if (cr >= 0)
		return cr;
	dopt->enable = o->enable;
	dopt->nenable = o->nenable;
	dopt->profile = o->profile;
	dopt->limits = &o->limits;
	dopt->set = o->set;
	dopt->nset = o->nset;
	dopt->changes = changes_mode(o->changes);
	dopt->check = check;
	dopt->as_of = o->as_of;
	dopt->disable = o->off;
	dopt->ndisable = o->noff;
	dopt->want_fixes = o->fix;
	dopt->plan_root = o->plan_root ? o->plan_root : root; /* (as build: a plan anywhere in the folder given) */
	return -1;
}

static void say_picked(const wp_doc *doc, const opts *o)
{
	if (doc->choice == WP_CHOICE_STRUCTURE && !quiet && min_sev == WP_NOTE && !o->print_config)
		fprintf(stderr, "%s: %s: read with profile '%s', picked from its structure (--profile or front matter "
			"'profile:' chooses one)\n", prog, doc->name, doc->source_profile->name);
}

/* One of two documents read at once (open_pair). */
typedef struct opening {
	wp_doc *doc;
	wp_env *env;
	const char *path;
	wp_doc_opts dopt;
	wp_diags d;
	int rc;
} opening;

static void *open_one(void *arg)
{
	opening *x = arg;
	x->rc = wp_doc_probe(&x->doc, x->env, x->path, &x->dopt, &x->d);
	if (x->rc == WP_OK)
		x->rc = wp_doc_load(x->doc, x->env, &x->dopt, &x->d);
	if (x->rc != WP_OK) {
		wp_doc_free(x->doc);
		x->doc = NULL;
	}
	return NULL;
}

int open_pair(wp_doc **a, wp_doc **b, wp_env *env, const char *pa, const char *pb, const opts *o, wp_diags *d)
{
	opening x[2] = {{NULL, env, pa, {0}, {0}, WP_OK}, {NULL, env, pb, {0}, {0}, WP_OK}};
	pthread_t t;
	int rc, threaded;
	*a = *b = NULL;
	/* (configurations are resolved here: their cache is not shared between threads) */
	if ((rc = doc_opts(&x[0].dopt, pa, o, 0, NULL, d)) >= 0 || (rc = doc_opts(&x[1].dopt, pb, o, 0, NULL, d)) >= 0)
		return rc;
	threaded = pthread_create(&t, NULL, open_one, &x[1]) == 0;
	open_one(&x[0]);
	if (threaded)
		pthread_join(t, NULL);
	else
		open_one(&x[1]);
	/* as if read one after the other: the second's findings after the
	 * first's, and none of them when the first could not be read */
	rc = -1;
	for (int i = 0; i < 2 && rc < 0; i++) {
		wp_diags_move(d, &x[i].d);
		if (x[i].rc != WP_OK)
			rc = failed(x[i].rc);
		else
			say_picked(x[i].doc, o);
	}
	for (int i = 0; i < 2; i++)
		wp_diags_clear(&x[i].d);
	if (rc >= 0) {
		wp_doc_free(x[0].doc);
		wp_doc_free(x[1].doc);
		return rc;
	}
	*a = x[0].doc;
	*b = x[1].doc;
	return -1;
}

int open_doc_in(wp_doc **doc, wp_env *env, const char *path, const opts *o, int check, const char *root, wp_diags *d)
{
	wp_doc_opts dopt;
	int cr = doc_opts(&dopt, path, o, check, root, d);
	if (cr >= 0)
		return cr;
	int rc = wp_doc_probe(doc, env, path, &dopt, d);
	if (rc == WP_OK && root && (*doc)->not_programme) {
		rc = wp_diags_add(d, (*doc)->name, 1, 1, WP_NOTE, "read.skipped", "not a work programme: %s; skipped",
				  (*doc)->not_programme);
		wp_doc_free(*doc);
		*doc = NULL;
		return rc == WP_OK ? -1 : failed(rc);
	}
	if (rc == WP_OK)
		rc = wp_doc_load(*doc, env, &dopt, d);
	if (rc != WP_OK) {
		wp_doc_free(*doc);
		*doc = NULL;
		return failed(rc);
	}
	say_picked(*doc, o);
	return -1;
}

const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* What was read from a document (for a progress report: its plan, with
 * the report set in). */
void print_summary(const wp_doc *doc, size_t errors, size_t warnings)
{
	const wp_programme *p = doc->p;
	const wp_facts *f = doc->facts;
	size_t na = f->total.activities, ne = f->examples;
	fprintf(stderr, "%s: ", doc->name);
	if (doc->report)
		fprintf(stderr, "with its plan %s, ", p->source);
	fprintf(stderr, "%zu %s", p->nsections, plural(p->nsections, "section", "sections"));
	for (size_t i = 0; i < p->nsections; i++)
		fprintf(stderr, "%s%s: %zu %s", i ? ", " : " (", p->sections[i].numeral ? p->sections[i].numeral : p->sections[i].kind,
			f->sections[i].count.activities, plural(f->sections[i].count.activities, "activity", "activities"));
	/* rows a tracked change inserts or deletes whole: those not in the
	 * version are not counted, and the line says so */
	size_t ins = f->total.inserted, del = f->total.deleted;
	int reject = f->mode == WP_CHANGES_REJECT;
	fprintf(stderr, "%s, %zu %s", p->nsections ? ")" : "", na, plural(na, "activity", "activities"));
	if (ins && del)
		fprintf(stderr, " (%zu inserted and %zu deleted by tracked changes", ins, del);
	else if (ins || del)
		fprintf(stderr, " (%zu %s by %s", ins + del, ins ? "inserted" : "deleted",
			plural(ins + del, "a tracked change", "tracked changes"));
	size_t out = reject ? ins : del;
	if (out)
		fprintf(stderr, "; the %zu %s not counted", out, reject ? plural(out, "inserted is", "inserted are")
								 : plural(out, "deleted is", "deleted are"));
	if (ins || del)
		fputc(')', stderr);
	fprintf(stderr, ", %zu %s, %zu %s; %u %s (%u without header), %u continuation %s joined, "
		"%u repeated %s and %u furniture %s dropped; %zu %s, %zu %s\n",
		ne, plural(ne, "example", "examples"),
		p->nfootnotes, plural(p->nfootnotes, "footnote", "footnotes"), p->stats.tables,
		plural(p->stats.tables, "table", "tables"), p->stats.headerless_tables, p->stats.continuation_rows,
		plural(p->stats.continuation_rows, "row", "rows"), p->stats.repeated_headers,
		plural(p->stats.repeated_headers, "header", "headers"), p->stats.furniture,
		plural(p->stats.furniture, "block", "blocks"), errors, plural(errors, "error", "errors"), warnings,
		plural(warnings, "warning", "warnings"));
	/* where things stand: by status colour, and overdue at --as-of */
	char *st = status_text(doc, WP_STATUS_TEXT);
	if (st && *st)
		fprintf(stderr, "%s: status: %s\n", doc->name, st);
	free(st);
}

char *status_text(const wp_doc *doc, wp_status_format fmt)
{
	char *out = NULL;
	size_t len;
	if (!doc->profile->ncolours || !wp_programme_activities(doc->p))
		return NULL;
	if (wp_status_write(&out, &len, doc->facts, doc->p, doc->profile, fmt) != WP_OK)
		out = NULL;
	return out;
}

int refuse_over_input(const char *out, const wp_doc *doc, const char *tpl)
{
	const char *hit = NULL;
	if (!out || !strcmp(out, "-"))
		return EXIT_DONE;
	if (wp_same_file(out, doc->path))
		hit = doc->path;
	for (size_t i = 0; !hit && i < doc->ndeps; i++)
		if (wp_same_file(out, doc->deps[i]))
			hit = doc->deps[i];
	if (!hit && tpl && wp_same_file(out, tpl))
		hit = tpl;
	if (!hit)
		return EXIT_DONE;
	fprintf(stderr, "%s: '%s' is '%s', which this command reads: nothing written (choose another output)\n", prog, out,
		hit);
	return EXIT_USAGE;
}

int write_output(const char *out, const char *data, size_t len)
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
		clearerr(stdout); /* said once: not again at exit */
		return EXIT_USAGE;
	}
	return EXIT_DONE;
}

typedef struct file_sink {
	wp_out out;
	int err;
} file_sink;

static int to_file(void *ctx, const char *data, size_t len)
{
	file_sink *f = ctx;
	if (wp_out_write(&f->out, data, len) == WP_OK)
		return 0;
	f->err = errno;
	return -1;
}

int produce_streamed(const char *path, const wp_doc *doc, const char *to, const char *tpl, int annex)
{
	file_sink f = {0};
	if (!path || !strcmp(path, "-") || tpl || (strcmp(to, "html") && strcmp(to, "md")))
		return -1;
	if (wp_out_open(&f.out, path, 0) != WP_OK) {
		fprintf(stderr, "%s: cannot write '%s': %s\n", prog, path, strerror(errno));
		return EXIT_USAGE;
	}
	if (f.out.inplace) {
		wp_out_abort(&f.out);
		return -1;
	}
	int rc = !strcmp(to, "html") ? wp_write_html_stream(doc->p, doc->profile, doc->facts, to_file, &f)
				     : wp_write_md_stream(doc->p, doc->profile, annex, doc->facts, to_file, &f);
	if (rc == WP_OK && wp_out_commit(&f.out) != WP_OK) {
		f.err = errno;
		rc = WP_EIO;
	} else if (rc != WP_OK) {
		wp_out_abort(&f.out);
	}
	if (rc == WP_EIO) {
		fprintf(stderr, "%s: cannot write '%s': %s\n", prog, path, strerror(f.err));
		return EXIT_USAGE;
	}
	return rc == WP_OK ? EXIT_DONE : failed(rc);
}

/* The template path for a format: --template, else the built-in one. */
char *template_for(const char *to, const char *tpl)
{
	return tpl ? strdup(tpl) : data_path("templates", strcmp(to, "html") == 0 ? "annex-html" : "annex-md", ".xsl");
}

/* The annex or source text of a document: the XML of that flavour, or a
 * template run over it. */
int produce(char **out, size_t *len, const wp_doc *doc, const char *to, const char *tpl, wp_xml_flavour flavour,
	    int annex, wp_diags *d)
{
	if (strcmp(to, "xml") == 0) /* (which loads libxml2: said here when it cannot) */
		return wp_lazy_need(WP_LAZY_XML, doc->name, d) != WP_OK ? WP_EIO
									: wp_write_xml(out, len, doc->p, doc->profile, flavour, doc->facts);
	/* the built-in layouts, written natively (their templates' bytes) */
	if (strcmp(to, "md") == 0 && !tpl)
		return wp_write_md(out, len, doc->p, doc->profile, annex, doc->facts);
	if (strcmp(to, "html") == 0 && !tpl)
		return wp_write_html(out, len, doc->p, doc->profile, doc->facts);
	wp_template *t = NULL;
	char *path = template_for(to, tpl);
	int rc = path ? wp_template_load(&t, path, d) : WP_ENOMEM;
	if (rc == WP_OK)
		rc = (annex ? wp_render_annex : wp_render)(out, len, t, doc->p, doc->profile, flavour, doc->facts, d);
	wp_template_free(t);
	free(path);
	return rc;
}

int produce_docx(char **out, size_t *len, const wp_doc *doc, const opts *o, wp_diags *d)
{
	wp_docx_options x = {.limits = &o->limits};
	char *ref = NULL;
	int rc = WP_OK;
	if (o->reference_doc) {
		size_t max = o->limits.input ? o->limits.input : wp_limits_default.input;
		if ((rc = wp_read_file_max(&ref, &x.reference_len, o->reference_doc, max)) != WP_OK) {
			if (rc == WP_EIO)
				wp_diags_add(d, o->reference_doc, 0, 0, WP_ERROR, "io.read", "cannot read the reference document: %s",
					     wp_read_why(errno));
			return rc;
		}
		x.reference = ref;
		x.reference_name = o->reference_doc;
	}
	rc = wp_write_docx(out, len, doc->p, doc->profile, doc->facts, &x, d);
	free(ref);
	return rc;
}

int refuse_binary_to_tty(const char *to, const char *out)
{
	if (strcmp(to, "docx") || (out && strcmp(out, "-")) || !isatty(STDOUT_FILENO))
		return EXIT_DONE;
	return usage_error("a .docx is not text: give -o FILE, or send standard output to a file or a pipe");
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

int write_depfile(const opts *o, const wp_doc *doc)
{
	char *tpl = strcmp(o->to, "html") && strcmp(o->to, "md") ? NULL : template_for(o->to, o->template_path);
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
	if (o->reference_doc)
		dep_word(f, o->reference_doc);
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


/***** the configuration in force *****/

/* One value, and where it came from as a comment. */
static void cfg_line(wp_buf *b, const char *indent, const char *name, const char *value, const char *from, unsigned line,
		     unsigned col)
{
	wp_buf_puts(b, indent);
	if (name) {
		esc_yaml(b, name);
		wp_buf_puts(b, value ? ": " : "");
	}
	if (value)
		esc_yaml(b, value);
	wp_buf_puts(b, "  # ");
	if (line)
		wp_buf_printf(b, "%s:%u:%u\n", from, line, col);
	else
		wp_buf_printf(b, "%s\n", from);
}

/* The values of one key: the file's, then the command line's. */
static void cfg_key(wp_buf *b, const char *key, const wp_config_value *v, size_t n, const char *const *cmd, size_t ncmd,
		    const char *option, int list)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += !strcmp(v[i].key, key);
	if (!k && !ncmd)
		return;
	wp_buf_printf(b, "%s:\n", key);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].key, key))
			cfg_line(b, list ? "  - " : "  ", v[i].name, list ? NULL : v[i].value, v[i].file, v[i].line, v[i].col);
	for (size_t i = 0; i < ncmd; i++) {
		const char *eq = list ? NULL : strchr(cmd[i], '=');
		wp_buf name = {0};
		wp_buf_put(&name, cmd[i], eq ? (size_t)(eq - cmd[i]) : strlen(cmd[i]));
		cfg_line(b, list ? "  - " : "  ", name.data ? name.data : "", eq ? eq + 1 : NULL, option, 0, 0);
		wp_buf_free(&name);
	}
}

int print_config(const char *path, const opts *o, wp_diags *d)
{
	const wp_config *cfg;
	int rc = config_for(&cfg, path, o, NULL, d);
	if (rc >= 0)
		return rc;
	size_t n, nf;
	const wp_config_value *v = wp_config_values(cfg, &n);
	const char *const *files = wp_config_files(cfg, &nf);
	wp_buf b = {0};
	wp_buf_puts(&b, "# the configuration in force for ");
	esc_term(&b, strcmp(path, "-") ? path : "<stdin>");
	if (o->no_config)
		wp_buf_puts(&b, ": none (--no-config)");
	else if (!nf)
		wp_buf_printf(&b, ": no %s from its folder up to %s", WP_CONFIG_FILE,
			      o->config_file ? "--config" : "the current directory");
	for (size_t i = 0; i < nf; i++) {
		wp_buf_puts(&b, i ? ", " : ": ");
		esc_term(&b, files[i]);
	}
	wp_buf_puts(&b, " (the nearest last; the command line wins)\n");
	const char *scalars[2][3] = {{"profile", o->profile, "--profile"}, {"as_of", o->as_of, "--as-of"}};
	for (int k = 0; k < 2; k++) {
		const char *val = scalars[k][1], *from = scalars[k][2];
		unsigned line = 0, col = 0;
		for (size_t i = 0; !val && i < n; i++)
			if (!strcmp(v[i].key, scalars[k][0]))
				val = v[i].value, from = v[i].file, line = v[i].line, col = v[i].col;
		if (val)
			cfg_line(&b, "", scalars[k][0], val, from, line, col);
	}
	cfg_key(&b, "disable", v, n, o->disable, o->ndisable, "--disable", 1);
	cfg_key(&b, "enable", v, n, o->enable, o->nenable, "--enable", 1);
	cfg_key(&b, "severity", v, n, NULL, 0, NULL, 0);
	cfg_key(&b, "limits", v, n, o->limit_args, o->nlimit_args, "--limit", 0);
	rc = b.oom ? failed(WP_ENOMEM) : write_output(NULL, b.data, b.len);
	wp_buf_free(&b);
	return rc;
}
