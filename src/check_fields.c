/* check_fields.c: the rules the document's footnotes write for its
 * columns: link (¹), priority (guidance row), plan codes (³), type of task
 * (⁴), responsible bodies (⁵), progress keyword (⁶), completion-status
 * colour (⁷), continuous timeline (⁸). Each runs only when the profile
 * configures it; its lists come from the profile or, where the profile
 * says so, from the document (a footnote, the guidance row). */
#include "check_impl.h"
#include "alloc.h"
#include "util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/***** walking the cells a rule looks at *****/

static int in_list(const char *t, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] && ck_ieq(t, v[i]))
			return 1;
	return 0;
}

/* A list as "A, B or C" for messages. */
static void list_text(char *buf, size_t size, const char *const *v, size_t n)
{
	size_t at = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && at < size; i++)
		at += (size_t)snprintf(buf + at, size - at, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ",
				       v[i] ? v[i] : "");
}

/* Whether a field's text is its source as written (no markup, nothing a
 * Markdown reader would unescape), so a fix may rewrite the cell. */
static int plain_cell(const wp_field *f)
{
	if (f->nparas > 1)
		return 0;
	for (size_t i = 0; i < f->nparas; i++)
		for (size_t j = 0; j < f->paras[i].nruns; j++) {
			const wp_run *r = &f->paras[i].runs[j];
			if (r->kind != WP_RUN_TEXT || r->style || r->href || strpbrk(r->text, "\\&<>*_`|[]~!\n"))
				return 0;
		}
	return 1;
}

/***** link to the Strategic Plan (footnote 1) *****/

static void link_value(ck_ctx *c, const wp_section *s, const wp_activity *a, const wp_field *f, const char *t,
		       void *data)
{
	size_t ny, nn;
	const char **yes = wp_profile_param_values(c->cfg, "yes", &ny);
	const char **no = wp_profile_param_values(c->cfg, "no", &nn);
	(void)s;
	(void)a;
	if (!*t)
		return;
	int is_yes = in_list(t, yes, ny), is_no = in_list(t, no, nn);
	if (data == NULL && !is_yes && !is_no)
		ck_report_field(c, f, NULL, "link to the Strategic Plan is '%s': Y or N (Yes or No) is expected", t);
	else if (data != NULL && is_no)
		ck_report_field(c, f, NULL, "activity has no direct link with the Strategic Plan, which footnote 1 asks of every activity");
}

void rule_link_value(ck_ctx *c)
{
	ck_each_cell(c, "link", link_value, NULL);
}

void rule_link_no(ck_ctx *c)
{
	ck_each_cell(c, "link", link_value, c);
}

/***** priority (the guidance row) *****/

/* "A=High B=Medium C=Low" -> A, B, C */
static size_t guidance_values(const wp_section *s, int col, char vals[][8], size_t max)
{
	size_t n = 0;
	if (!s->guidance || col < 0)
		return 0;
	char *t = ck_text(&s->guidance[col]);
	for (char *p = t; p && *p && n < max; p++) {
		if (*p != '=' || p == t)
			continue;
		char *q = p;
		while (q > t && isalnum((unsigned char)q[-1]))
			q--;
		if (q == p || p - q >= 8 || (q > t && !wp_is_space((unsigned char)q[-1]) && q[-1] != '('))
			continue;
		memcpy(vals[n], q, (size_t)(p - q));
		vals[n++][p - q] = '\0';
	}
	free(t);
	return n;
}

static void priority_value(ck_ctx *c, const wp_section *s, const wp_activity *a, const wp_field *f, const char *t,
			   void *data)
{
	char gv[16][8];
	const char *list[16];
	size_t n = 0;
	(void)a;
	(void)data;
	if (!*t)
		return;
	if (strcmp(wp_profile_param_str(c->cfg, "values_from_guidance", "false"), "true") == 0) {
		n = guidance_values(s, ck_column(c, s, "priority"), gv, 16);
		for (size_t i = 0; i < n; i++)
			list[i] = gv[i];
	}
	if (!n) {
		const char **v = wp_profile_param_values(c->cfg, "values", &n);
		for (size_t i = 0; i < n && i < 16; i++)
			list[i] = v[i];
		n = n < 16 ? n : 16;
	}
	if (!n)
		return;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(t, list[i]) == 0)
			return;
		if (ck_ieq(t, list[i])) {
			ck_report_field(c, f, plain_cell(f) ? list[i] : NULL, "priority '%s' is written '%s'", t, list[i]);
			return;
		}
	}
	char buf[128];
	list_text(buf, sizeof buf, list, n);
	ck_report_field(c, f, NULL, "priority '%s' is not one of %s", t, buf);
}

void rule_priority_value(ck_ctx *c)
{
	ck_each_cell(c, "priority", priority_value, NULL);
}

/***** plan codes (footnote 3) *****/

typedef struct codes {
	char (*v)[16];
	size_t n;
	int mark;
} codes;

/* The codes a footnote defines: its bold runs ("**SP1** - ..."). */
static void codes_of(ck_ctx *c, codes *cs)
{
	size_t nlist;
	const char **list = wp_profile_param_values(c->cfg, "codes", &nlist);
	cs->n = 0;
	cs->v = NULL;
	cs->mark = atoi(wp_profile_param_str(c->cfg, "codes_from_footnote", "0"));
	const wp_footnote *fn = cs->mark ? ck_footnote_find(c->p, cs->mark) : NULL;
	size_t cap = nlist + 64;
	cs->v = calloc(cap, sizeof *cs->v);
	if (!cs->v)
		return;
	for (size_t i = 0; fn && i < fn->text.nparas; i++)
		for (size_t j = 0; j < fn->text.paras[i].nruns && cs->n < cap; j++) {
			const wp_run *r = &fn->text.paras[i].runs[j];
			size_t len = r->len;
			const char *s = wp_trim(r->text, &len);
			if ((r->style & WP_STYLE_STRONG) && len && len < 16) {
				memcpy(cs->v[cs->n], s, len);
				cs->v[cs->n++][len] = '\0';
			}
		}
	for (size_t i = 0; i < nlist && cs->n < cap; i++)
		snprintf(cs->v[cs->n++], 16, "%s", list[i]);
}

static int is_code(const codes *cs, const char *t, size_t n)
{
	for (size_t i = 0; i < cs->n; i++)
		if (strlen(cs->v[i]) == n && strncmp(cs->v[i], t, n) == 0)
			return 1;
	return 0;
}

/* Looks like a code: capitals then digits ("SO2", "FA1"). */
static int code_shape(const char *t, size_t n)
{
	size_t i = 0;
	while (i < n && isupper((unsigned char)t[i]))
		i++;
	if (i == 0 || i == n)
		return 0;
	while (i < n && isdigit((unsigned char)t[i]))
		i++;
	return i == n;
}

static void plan_codes(ck_ctx *c, const wp_section *s, const wp_activity *a, const wp_field *f, const char *t,
		       void *data)
{
	codes *cs = data;
	size_t nfree;
	const char **free_text = wp_profile_param_values(c->cfg, "free_text", &nfree);
	const char *sep = wp_profile_param_str(c->cfg, "separator", " ");
	int separator_rule = strcmp(c->rule->id, "plan-codes.separator") == 0;
	(void)s;
	(void)a;
	if (!*t || in_list(t, free_text, nfree))
		return;
	/* tokens between separators (space , ; / "and") */
	char fix[256] = "";
	int odd_sep = 0, all_codes = 1;
	const char *p = t;
	while (*p) {
		const char *st = p;
		while (*p && !strchr(" ,;/", *p))
			p++;
		size_t n = (size_t)(p - st);
		const char *q = p;
		while (*q && strchr(" ,;/", *q))
			q++;
		size_t seplen = (size_t)(q - p);
		if (n == 3 && ck_ieqn(st, "and", 3)) {
			odd_sep = 1;
		} else if (n) {
			int known = is_code(cs, st, n);
			all_codes &= known || code_shape(st, n);
			if (!known && !separator_rule) {
				char buf[256];
				size_t at = 0;
				for (size_t i = 0; i < cs->n && at < sizeof buf; i++)
					at += (size_t)snprintf(buf + at, sizeof buf - at, "%s%s", i ? " " : "", cs->v[i]);
				ck_report_field(c, f, NULL, "plan code '%.*s' is not defined in footnote %d (%s)", (int)n, st,
						cs->mark, buf);
			}
			if (strlen(fix) + n + 2 < sizeof fix) {
				if (*fix)
					strcat(fix, sep);
				strncat(fix, st, n);
			}
		}
		if (*q && (seplen != strlen(sep) || strncmp(p, sep, seplen) != 0))
			odd_sep = 1;
		p = q;
	}
	if (separator_rule && odd_sep)
		ck_report_field(c, f, all_codes && plain_cell(f) ? fix : NULL,
				"plan codes '%s' are separated otherwise than by '%s'", t, sep);
}

static void plan_rule(ck_ctx *c)
{
	codes cs;
	if (!c->cfg)
		return;
	codes_of(c, &cs);
	if (!cs.v) {
		c->d->oom = 1;
		return;
	}
	if (cs.n)
		ck_each_cell(c, "plan_codes", plan_codes, &cs);
	free(cs.v);
}

void rule_plan_codes_unknown(ck_ctx *c)
{
	plan_rule(c);
}

void rule_plan_codes_separator(ck_ctx *c)
{
	plan_rule(c);
}

/***** type of task (footnote 4) *****/

/* The words a footnote puts in quotes: 1. "Maintenance" ... */
static size_t quoted_words(const wp_footnote *fn, char v[][32], size_t max)
{
	size_t n = 0;
	char *t = fn ? wp_field_text(&fn->text) : NULL;
	for (char *p = t; p && *p && n < max; p++) {
		size_t ql = 0;
		if (*p == '"')
			ql = 1;
		else if (!strncmp(p, "\xE2\x80\x9C", 3))
			ql = 3;
		if (!ql)
			continue;
		char *s = p + ql, *e = s;
		while (*e && *e != '"' && strncmp(e, "\xE2\x80\x9D", 3) != 0)
			e++;
		if (!*e)
			break;
		if (e > s && e - s < 32) {
			memcpy(v[n], s, (size_t)(e - s));
			v[n++][e - s] = '\0';
		}
		p = *e == '"' ? e : e + 2;
	}
	free(t);
	return n;
}

static void task_type(ck_ctx *c, const wp_section *s, const wp_activity *a, const wp_field *f, const char *t,
		      void *data)
{
	char (*v)[32] = data;
	size_t n = 0;
	(void)s;
	(void)a;
	while (n < 16 && v[n][0])
		n++;
	if (!*t || !n)
		return;
	for (size_t i = 0; i < n; i++)
		if (strcmp(t, v[i]) == 0)
			return;
	/* a near miss: same word but for case, spacing or ending */
	char norm[64];
	size_t k = 0;
	for (const char *p = t; *p && k < sizeof norm - 1; p++)
		if (!wp_is_space((unsigned char)*p))
			norm[k++] = (char)tolower((unsigned char)*p);
	norm[k] = '\0';
	for (size_t i = 0; i < n; i++) {
		char stem[32];
		size_t sl = strlen(v[i]);
		for (size_t j = 0; j < sl; j++)
			stem[j] = (char)tolower((unsigned char)v[i][j]);
		if (sl > 4 && stem[sl - 1] == 'e')
			sl--;
		stem[sl] = '\0';
		if (sl >= 4 && strncmp(norm, stem, sl) == 0 && strlen(norm) <= sl + 4) {
			ck_report_field(c, f, v[i], "type of task '%s' should be written '%s'", t, v[i]);
			return;
		}
	}
	const char *list[16];
	char buf[160];
	for (size_t i = 0; i < n; i++)
		list[i] = v[i];
	list_text(buf, sizeof buf, list, n);
	ck_report_field(c, f, NULL, "type of task '%s' is not one of %s", t, buf);
}

void rule_task_type_value(ck_ctx *c)
{
	char v[17][32];
	size_t n = 0, np;
	if (!c->cfg)
		return;
	memset(v, 0, sizeof v);
	int mark = atoi(wp_profile_param_str(c->cfg, "values_from_footnote", "0"));
	if (mark)
		n = quoted_words(ck_footnote_find(c->p, mark), v, 16);
	if (!n) {
		const char **pv = wp_profile_param_values(c->cfg, "values", &np);
		for (size_t i = 0; i < np && i < 16; i++)
			snprintf(v[n++], sizeof v[0], "%s", pv[i]);
	}
	ck_each_cell(c, "task_type", task_type, v);
}

/***** responsible bodies (footnote 5) *****/

/* The working body: the "self" setting, or the acronym in brackets in the
 * title ("... COMMITTEE (PTC) WORK PROGRAMME"). */
static int self_body(ck_ctx *c, char *out, size_t n)
{
	const char *self = wp_profile_param_str(c->cfg, "self", NULL);
	if (self) {
		snprintf(out, n, "%s", self);
		return 1;
	}
	const char *t = c->p->title;
	for (const char *p = t ? strchr(t, '(') : NULL; p; p = strchr(p + 1, '(')) {
		const char *e = p + 1;
		while (isupper((unsigned char)*e) || *e == '-' || *e == '/')
			e++;
		if (*e == ')' && e - p > 2 && (size_t)(e - p) < n) {
			memcpy(out, p + 1, (size_t)(e - p - 1));
			out[e - p - 1] = '\0';
			return 1;
		}
	}
	return 0;
}

static int known_body(ck_ctx *c, const char *self, const char *t, size_t n)
{
	size_t nk;
	const char **k = wp_profile_param_values(c->cfg, "known", &nk);
	if (strlen(self) == n && strncasecmp(self, t, n) == 0)
		return 1;
	for (size_t i = 0; i < nk; i++)
		if (k[i] && strlen(k[i]) == n && strncasecmp(k[i], t, n) == 0)
			return 1;
	return 0;
}

/* Known bodies written one after the other with spaces ("PTC PC Council");
 * builds their comma-separated form in out. Greedy on the longest name. */
static int run_together(ck_ctx *c, const char *self, const char *t, size_t n, char *out, size_t size)
{
	size_t at = 0, parts = 0;
	out[0] = '\0';
	while (at < n) {
		size_t best = 0;
		for (size_t e = n; e > at; e--) {
			if (e < n && t[e] != ' ')
				continue;
			if (known_body(c, self, t + at, e - at)) {
				best = e - at;
				break;
			}
		}
		if (!best)
			return 0;
		size_t len = strlen(out);
		snprintf(out + len, size - len, "%s%.*s", parts ? ", " : "", (int)best, t + at);
		parts++;
		at += best;
		while (at < n && t[at] == ' ')
			at++;
	}
	return parts > 1;
}

typedef struct bodies_run {
	char self[32];
	int which; /* 0 self, 1 unknown, 2 separator */
} bodies_run;

static void bodies(ck_ctx *c, const wp_section *s, const wp_activity *a, const wp_field *f, const char *t, void *data)
{
	bodies_run *b = data;
	(void)s;
	(void)a;
	if (!*t)
		return;
	if (b->which == 0) {
		if (!ck_find_word(t, b->self))
			ck_report_field(c, f, NULL, "the working body %s is not among the responsible bodies '%s'", b->self, t);
		return;
	}
	char fixed[512] = "";
	int changed = 0;
	const char *p = t;
	while (*p) {
		const char *st = p;
		const char *e = p;
		while (*e && *e != ',' && *e != ';' && !(ck_ieqn(e, " and ", 5)))
			e++;
		size_t n = (size_t)(e - st);
		const char *ts = wp_trim(st, &n);
		char joined[256];
		if (n && !known_body(c, b->self, ts, n)) {
			if (run_together(c, b->self, ts, n, joined, sizeof joined)) {
				if (b->which == 2)
					changed = 1;
				snprintf(fixed + strlen(fixed), sizeof fixed - strlen(fixed), "%s", joined);
			} else {
				if (b->which == 1)
					ck_report_field(c, f, NULL, "responsible body '%.*s' is not in the profile's list", (int)n, ts);
				snprintf(fixed + strlen(fixed), sizeof fixed - strlen(fixed), "%.*s", (int)n, ts);
			}
		} else {
			snprintf(fixed + strlen(fixed), sizeof fixed - strlen(fixed), "%.*s", (int)n, ts);
		}
		if (!*e)
			break;
		size_t sl = *e == ' ' ? 5 : 1;
		snprintf(fixed + strlen(fixed), sizeof fixed - strlen(fixed), "%s", *e == ' ' ? " and " : *e == ';' ? "; " : ", ");
		p = e + sl;
		while (*p == ' ')
			p++;
	}
	if (changed)
		ck_report_field(c, f, plain_cell(f) ? fixed : NULL, "responsible bodies '%s' run together: '%s'", t, fixed);
}

static void bodies_rule(ck_ctx *c, int which)
{
	bodies_run b = {"", which};
	if (!c->cfg || !self_body(c, b.self, sizeof b.self))
		return;
	ck_each_cell(c, "bodies", bodies, &b);
}

void rule_bodies_self(ck_ctx *c)
{
	bodies_rule(c, 0);
}
void rule_bodies_unknown(ck_ctx *c)
{
	bodies_rule(c, 1);
}
void rule_bodies_separator(ck_ctx *c)
{
	bodies_rule(c, 2);
}

/***** progress (footnote 6) and completion status (footnote 7) *****/

static void progress(ck_ctx *c, const wp_section *s, const wp_activity *a, const wp_field *f, const char *t,
		     void *data)
{
	const wp_profile_colour *col;
	(void)s;
	(void)a;
	(void)data;
	if (*t && !ck_progress_keyword(c->prof, t, &col))
		ck_report_field(c, f, NULL, "progress does not state its status with a keyword (%s)",
				wp_profile_param_str(c->cfg, "keywords_text", "Postponed, Not started, In progress, Completed"));
}

void rule_progress_keyword(ck_ctx *c)
{
	if (c->prof->ncolours)
		ck_each_cell(c, "progress", progress, NULL);
}

/* The colour a status cell names: its first word. */
static const wp_profile_colour *cell_colour(ck_ctx *c, const char *t, size_t *wordlen)
{
	size_t n = 0;
	while (isalpha((unsigned char)t[n]))
		n++;
	*wordlen = n;
	return n ? wp_profile_colour_find(c->prof, t, n) : NULL;
}

static void status(ck_ctx *c, const wp_section *s, const wp_activity *a, const wp_field *f, const char *t,
		   void *data)
{
	int which = *(int *)data;
	size_t wl;
	const wp_profile_colour *have = cell_colour(c, t, &wl), *want = NULL;
	int pcol = wp_section_column(s, wp_profile_param_str(c->cfg, "progress", "progress"));
	const char *ptext = pcol >= 0 ? ck_cell(c, s, (size_t)(a - s->activities), pcol) : NULL;
	const char *kw = ptext ? ck_progress_keyword(c->prof, ptext, &want) : NULL;

	if (which == 0 && *t && !have) {
		char buf[128];
		const char *names[8];
		size_t n = c->prof->ncolours < 8 ? c->prof->ncolours : 8;
		for (size_t i = 0; i < n; i++)
			names[i] = c->prof->colours[i].name;
		list_text(buf, sizeof buf, names, n);
		ck_report_field(c, f, NULL, "completion status '%s' is not a colour of the code (%s)", t, buf);
	} else if (which == 1 && have && kw && want != have) {
		ck_report_field(c, f, NULL, "completion status is %s but the progress says '%s', which is %s", have->name, kw,
				want->name);
	} else if (which == 2 && !*t && kw) {
		char fix[32];
		snprintf(fix, sizeof fix, "%c%s", toupper((unsigned char)want->name[0]), want->name + 1);
		ck_report_field(c, f, fix, "completion status has no colour; the progress says '%s': %s", kw, fix);
	}
}

static void status_rule(ck_ctx *c, int which)
{
	if (c->prof->ncolours)
		ck_each_cell(c, "status", status, &which);
}

void rule_status_colour(ck_ctx *c)
{
	status_rule(c, 0);
}
void rule_status_agrees(ck_ctx *c)
{
	status_rule(c, 1);
}
void rule_status_missing(ck_ctx *c)
{
	status_rule(c, 2);
}

/***** continuous activities (footnote 8) *****/

static void continuous(ck_ctx *c, const wp_section *s, const wp_activity *a, const wp_field *f, const char *t,
		       void *data)
{
	const char *want = wp_profile_param_str(c->cfg, "value", "Continuous");
	(void)s;
	(void)a;
	(void)data;
	if (strcmp(t, want) == 0)
		return;
	if (ck_ieq(t, want))
		ck_report_field(c, f, plain_cell(f) ? want : NULL, "timeline '%s' is written '%s'", t, want);
	else
		ck_report_field(c, f, NULL, "the timeline of a continuous activity says '%s', not '%s'", want, t);
}

void rule_continuous_timeline(ck_ctx *c)
{
	ck_each_cell(c, "timeline", continuous, NULL);
}

/***** mandatory fields *****/

void rule_table_mandatory(ck_ctx *c)
{
	size_t n;
	const char **cols = wp_profile_param_values(c->cfg, "columns", &n);
	for (size_t k = 0; k < c->p->nsections; k++) {
		const wp_section *s = &c->p->sections[k];
		for (size_t j = 0; j < n; j++) {
			int col = cols[j] ? wp_section_column(s, cols[j]) : -1;
			for (size_t i = 0; col >= 0 && i < s->nactivities; i++)
				if (wp_field_is_empty(&s->activities[i].fields[col]))
					ck_report_field(c, &s->activities[i].fields[col], NULL, "%s is empty", s->columns[col].header);
		}
	}
}
