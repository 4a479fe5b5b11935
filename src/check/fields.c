/* fields.c: the rules the document's footnotes write for its
 * columns: link (¹), priority (guidance row), plan codes (³), type of task
 * (⁴), responsible bodies (⁵), progress keyword (⁶), completion-status
 * colour (⁷), continuous timeline (⁸). Each runs only when the profile
 * configures it; its lists come from the profile or, where the profile
 * says so, from the document (a footnote, the guidance row). */
#include "check/rule.h"
#include "base/alloc.h"
#include "base/util.h"

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
static void guidance_values(const wp_section *s, int col, ck_list *out)
{
	if (!s->guidance || col < 0)
		return;
	char *t = ck_text(&s->guidance[col]);
	if (!t) {
		out->oom = 1;
		return;
	}
	for (char *p = t; *p; p++) {
		if (*p != '=' || p == t)
			continue;
		char *q = p;
		while (q > t && isalnum((unsigned char)q[-1]))
			q--;
		if (q == p || (q > t && !wp_is_space((unsigned char)q[-1]) && q[-1] != '('))
			continue;
		ck_list_add(out, q, (size_t)(p - q));
	}
	wp_free(t);
}

/* What a priority rule reads once per section, not once per cell: its
 * guidance row's values. */
typedef struct prio_run {
	int spelling;         /* priority.spelling (a case-only difference); 0: priority.value */
	int from_guidance;    /* the profile takes the values from the guidance row */
	const wp_section *s;  /* the section gv is of */
	ck_list gv;
} prio_run;

static void priority_value(ck_ctx *c, const wp_section *s, const wp_activity *a, const wp_field *f, const char *t,
			   void *data)
{
	prio_run *pr = data;
	const char *const *list = NULL;
	size_t n = 0;
	(void)a;
	if (!*t)
		return;
	if (pr->from_guidance && pr->s != s) {
		ck_list_free(&pr->gv);
		memset(&pr->gv, 0, sizeof pr->gv);
		pr->s = s;
		guidance_values(s, ck_column(c, s, "priority"), &pr->gv);
		if (pr->gv.oom)
			c->d->oom = 1;
	}
	if (pr->from_guidance) {
		list = (const char *const *)pr->gv.v;
		n = pr->gv.n;
	}
	if (!n)
		list = wp_profile_param_values(c->cfg, "values", &n);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(t, list[i]) == 0)
			return;
		if (ck_ieq(t, list[i])) {
			if (pr->spelling)
				ck_report_field(c, f, plain_cell(f) ? list[i] : NULL, "priority '%s' is written '%s'", t, list[i]);
			return;
		}
	}
	if (n && !pr->spelling) {
		wp_buf b = {0};
		ck_list_text(&b, list, n);
		ck_report_field(c, f, NULL, "priority '%s' is not one of %s", t, b.data ? b.data : "");
		wp_buf_free(&b);
	}
}

static void priority_rule(ck_ctx *c, int spelling)
{
	prio_run pr = {spelling, 0, NULL, {0}};
	pr.from_guidance = c->cfg && strcmp(wp_profile_param_str(c->cfg, "values_from_guidance", "false"), "true") == 0;
	ck_each_cell(c, "priority", priority_value, &pr);
	ck_list_free(&pr.gv);
}

void rule_priority_value(ck_ctx *c)
{
	priority_rule(c, 0);
}

void rule_priority_spelling(ck_ctx *c)
{
	priority_rule(c, 1);
}

/***** plan codes (footnote 3) *****/

typedef struct codes {
	ck_list v;
	int mark;              /* the footnote the profile reads them from, or 0 */
	const wp_footnote *fn; /* that footnote, when the document has it */
} codes;

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

/* The codes footnote fn defines, in any form a document gives them: bold
 * ("**SP1** - ...", as the seed has them), or plain, separated by commas,
 * semicolons, dashes or as a list ("SP1 - Standards; SP2 - ...", as a
 * Word footnote has them): each word of a code's shape, and each bold run. */
static void footnote_codes(const wp_footnote *fn, ck_list *out)
{
	for (size_t i = 0; fn && i < fn->text.nparas; i++)
		for (size_t j = 0; j < fn->text.paras[i].nruns; j++) {
			const wp_run *r = &fn->text.paras[i].runs[j];
			size_t len = r->len;
			const char *s = wp_trim(r->text, &len);
			if ((r->style & WP_STYLE_STRONG) && len && !code_shape(s, len))
				ck_list_add(out, s, len);
			for (size_t k = 0; k < r->len;) {
				size_t e = k;
				while (e < r->len && isalnum((unsigned char)r->text[e]))
					e++;
				if (e > k && code_shape(r->text + k, e - k))
					ck_list_add(out, r->text + k, e - k);
				k = e > k ? e : k + 1;
			}
		}
}

/* The codes the footnote the profile names defines, and the profile's
 * own; what is missing when there are none. */
static void codes_of(ck_ctx *c, codes *cs)
{
	size_t nlist;
	const char **list = wp_profile_param_values(c->cfg, "codes", &nlist);
	memset(cs, 0, sizeof *cs);
	cs->mark = atoi(wp_profile_param_str(c->cfg, "codes_from_footnote", "0"));
	cs->fn = cs->mark ? ck_footnote_find(c->p, cs->mark) : NULL;
	footnote_codes(cs->fn, &cs->v);
	for (size_t i = 0; i < nlist; i++)
		if (list[i])
			ck_list_add(&cs->v, list[i], strlen(list[i]));
}

static int is_code(const codes *cs, const char *t, size_t n)
{
	for (size_t i = 0; i < cs->v.n; i++)
		if (strlen(cs->v.v[i]) == n && strncmp(cs->v.v[i], t, n) == 0)
			return 1;
	return 0;
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
	/* tokens between separators (space , ; / "and"); the fix keeps every
	 * token, however many */
	wp_buf fix = {0};
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
				wp_buf defined = {0};
				for (size_t i = 0; i < cs->v.n; i++)
					wp_buf_printf(&defined, "%s%s", i ? " " : "", cs->v.v[i]);
				wp_buf_put(&defined, "", 0);
				ck_report_field(c, f, NULL, "plan code '%.*s' is not defined in footnote %d (%s)", (int)n, st,
						cs->mark, defined.data ? defined.data : "");
				wp_buf_free(&defined);
			}
			if (fix.len)
				wp_buf_puts(&fix, sep);
			wp_buf_put(&fix, st, n);
		}
		if (*q && (seplen != strlen(sep) || strncmp(p, sep, seplen) != 0))
			odd_sep = 1;
		p = q;
	}
	if (fix.oom)
		c->d->oom = 1;
	else if (separator_rule && odd_sep)
		ck_report_field(c, f, all_codes && plain_cell(f) && fix.len ? fix.data : NULL,
				"plan codes '%s' are not separated by %s, as the profile writes them", t,
				!strcmp(sep, " ") ? "a space" : !strcmp(sep, ",") ? "a comma" : !strcmp(sep, ", ") ? "a comma and a space"
				: !strcmp(sep, ";") ? "a semicolon" : sep);
	wp_buf_free(&fix);
}

static void plan_rule(ck_ctx *c)
{
	codes cs;
	if (!c->cfg)
		return;
	codes_of(c, &cs);
	if (cs.v.oom)
		c->d->oom = 1;
	else if (cs.v.n || strcmp(c->rule->id, "plan-codes.unknown") != 0)
		ck_each_cell(c, "plan_codes", plan_codes, &cs);
	else if (cs.mark && !cs.fn)
		ck_idle(c, c->p->title_pos, "footnote %d, which lists the plan codes, is not in the document", cs.mark);
	else if (cs.mark)
		ck_idle(c, cs.fn->pos, "footnote %d lists no plan code (a code is capitals then digits, as SP1)", cs.mark);
	else
		ck_idle(c, c->p->title_pos, "the profile names no footnote and no list of plan codes");
	ck_list_free(&cs.v);
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
static void quoted_words(const wp_footnote *fn, ck_list *out)
{
	char *t = fn ? wp_field_text(&fn->text) : NULL;
	if (fn && !t)
		out->oom = 1;
	for (char *p = t; p && *p; p++) {
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
		if (e > s)
			ck_list_add(out, s, (size_t)(e - s));
		p = *e == '"' ? e : e + 2;
	}
	wp_free(t);
}

/* A near miss of value v: the same word but for case, spacing or its
 * ending ("Updating", "update", "Update ing" for "Update"). */
static int near_miss(const char *t, const char *v)
{
	size_t sl = strlen(v), k = 0, nl = 0;
	if (sl > 4 && tolower((unsigned char)v[sl - 1]) == 'e')
		sl--; /* the stem */
	if (sl < 4)
		return 0;
	for (const char *p = t; *p; p++) {
		if (wp_is_space((unsigned char)*p))
			continue;
		if (k < sl && tolower((unsigned char)*p) != tolower((unsigned char)v[k]))
			return 0;
		k += k < sl;
		nl++;
	}
	return k == sl && nl <= sl + 4;
}

typedef struct task_types {
	ck_list v;
	int spelling; /* task-type.spelling: near misses; else task-type.value: the rest */
} task_types;

static void task_type(ck_ctx *c, const wp_section *s, const wp_activity *a, const wp_field *f, const char *t,
		      void *data)
{
	const task_types *tt = data;
	const ck_list *v = &tt->v;
	(void)s;
	(void)a;
	if (!*t || !v->n)
		return;
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(t, v->v[i]) == 0)
			return;
	for (size_t i = 0; i < v->n; i++)
		if (near_miss(t, v->v[i])) {
			if (tt->spelling)
				ck_report_field(c, f, v->v[i], "type of task '%s' is written '%s' in footnote %s", t, v->v[i],
						wp_profile_param_str(c->cfg, "values_from_footnote", "4"));
			return;
		}
	if (tt->spelling)
		return;
	wp_buf b = {0};
	ck_list_text(&b, (const char *const *)v->v, v->n);
	ck_report_field(c, f, NULL, "type of task '%s' is not one of %s", t, b.data ? b.data : "");
	wp_buf_free(&b);
}

static void task_type_rule(ck_ctx *c, int spelling)
{
	task_types tt = {{0}, spelling};
	ck_list *vl = &tt.v;
	size_t np;
	if (!c->cfg)
		return;
	int mark = atoi(wp_profile_param_str(c->cfg, "values_from_footnote", "0"));
	if (mark)
		quoted_words(ck_footnote_find(c->p, mark), vl);
	if (!vl->n) {
		const char **pv = wp_profile_param_values(c->cfg, "values", &np);
		for (size_t i = 0; i < np; i++)
			if (pv[i])
				ck_list_add(vl, pv[i], strlen(pv[i]));
	}
	if (vl->oom)
		c->d->oom = 1;
	else
		ck_each_cell(c, "task_type", task_type, &tt);
	ck_list_free(vl);
}

void rule_task_type_value(ck_ctx *c)
{
	task_type_rule(c, 0);
}

void rule_task_type_spelling(ck_ctx *c)
{
	task_type_rule(c, 1);
}

/***** responsible bodies (footnote 5) *****/

/* The working body: the "self" setting, or the acronym in brackets in the
 * title ("... COMMITTEE (PTC) WORK PROGRAMME"); malloc'd, NULL if none. */
static char *self_body(ck_ctx *c)
{
	const char *self = wp_profile_param_str(c->cfg, "self", NULL);
	wp_buf b = {0};
	if (self)
		wp_buf_puts(&b, self);
	for (const char *p = !self && c->p->title ? strchr(c->p->title, '(') : NULL; p && !b.len; p = strchr(p + 1, '(')) {
		const char *e = p + 1;
		while (isupper((unsigned char)*e) || *e == '-' || *e == '/')
			e++;
		if (*e == ')' && e - p > 2)
			wp_buf_put(&b, p + 1, (size_t)(e - p - 1));
	}
	if (!b.len && !b.oom) {
		wp_buf_free(&b);
		return NULL;
	}
	if (b.oom)
		c->d->oom = 1;
	return wp_buf_detach(&b, NULL);
}

static int known_body(ck_ctx *c, const char *self, const char *t, size_t n)
{
	size_t nk;
	const char **k = wp_profile_param_values(c->cfg, "known", &nk);
	if (self && strlen(self) == n && strncasecmp(self, t, n) == 0)
		return 1;
	for (size_t i = 0; i < nk; i++)
		if (k[i] && strlen(k[i]) == n && strncasecmp(k[i], t, n) == 0)
			return 1;
	return 0;
}

/* Known bodies written one after the other with spaces ("PTC PC Council"):
 * appends their comma-separated form to out. Greedy on the longest name.
 * Returns whether there were several (out is then complete). */
static int run_together(ck_ctx *c, const char *self, const char *t, size_t n, wp_buf *out)
{
	size_t at = 0, parts = 0, start = out->len;
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
		if (!best) {
			out->len = start; /* not all known: nothing appended */
			return 0;
		}
		if (parts++)
			wp_buf_puts(out, ", ");
		wp_buf_put(out, t + at, best);
		at += best;
		while (at < n && t[at] == ' ')
			at++;
	}
	if (parts <= 1)
		out->len = start;
	return parts > 1;
}

typedef struct bodies_run {
	char *self;
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
	/* the cell with bodies run together separated, every other part as it
	 * was: built whole, however long */
	wp_buf fixed = {0};
	int changed = 0;
	const char *p = t;
	while (*p) {
		const char *st = p, *e = p;
		while (*e && *e != ',' && *e != ';' && !(*e == ' ' && ck_ieqn(e, " and ", 5)))
			e++;
		size_t n = (size_t)(e - st);
		const char *ts = wp_trim(st, &n);
		if (n && !known_body(c, b->self, ts, n)) {
			if (run_together(c, b->self, ts, n, &fixed)) {
				changed |= b->which == 2;
			} else {
				if (b->which == 1)
					ck_report_field(c, f, NULL, "responsible body '%.*s' is not in the profile's list", (int)n, ts);
				wp_buf_put(&fixed, ts, n);
			}
		} else {
			wp_buf_put(&fixed, ts, n);
		}
		if (!*e)
			break;
		wp_buf_puts(&fixed, *e == ' ' ? " and " : *e == ';' ? "; " : ", ");
		p = e + (*e == ' ' ? 5 : 1);
		while (*p == ' ')
			p++;
	}
	wp_buf_put(&fixed, "", 0);
	if (fixed.oom)
		c->d->oom = 1;
	else if (changed)
		ck_report_field(c, f, plain_cell(f) ? fixed.data : NULL, "responsible bodies '%s' run together: '%s'", t,
				fixed.data);
	wp_buf_free(&fixed);
}

static void bodies_rule(ck_ctx *c, int which)
{
	bodies_run b = {NULL, which};
	if (!c->cfg)
		return;
	if (!(b.self = self_body(c)) && c->d->oom)
		return;
	if (which == 0 && !b.self) {
		ck_idle(c, c->p->title_pos, "the working body's name is not in the title (\"... COMMITTEE (PTC) ...\") "
			"and the profile gives none (bodies: {self: ...})");
		return;
	}
	ck_each_cell(c, "bodies", bodies, &b);
	wp_free(b.self);
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
	if (*t && !ck_row(c, s, (size_t)(a - s->activities))->keyword)
		ck_report_field(c, f, NULL, "progress does not open with a status keyword (%s), as footnote 6 asks", (const char *)data);
}

/* Every keyword the profile's colours stand for, the list the status
 * rules accept too ("Completed, In progress, Ongoing, ..."). */
void rule_progress_keyword(ck_ctx *c)
{
	wp_buf kw = {0};
	for (size_t i = 0; i < c->prof->ncolours; i++)
		for (size_t k = 0; k < c->prof->colours[i].nkeywords; k++)
			wp_buf_printf(&kw, "%s%s", kw.len ? ", " : "", c->prof->colours[i].keywords[k]);
	wp_buf_put(&kw, "", 0);
	if (kw.oom)
		c->d->oom = 1;
	else if (c->prof->ncolours)
		ck_each_cell(c, "progress", progress, kw.data);
	wp_buf_free(&kw);
}

/* The status rules read the status cell (the column of that role) and the
 * progress keyword as the facts have them. */
static void status(ck_ctx *c, const wp_section *s, size_t i, int col, int which)
{
	const wp_row_facts *rf = ck_row(c, s, i);
	const wp_field *f = &s->activities[i].fields[col];
	const char *t = ck_cell(c, s, i, col), *kw = rf->keyword;
	const wp_profile_colour *have = rf->colour, *want = rf->keyword_colour;

	if (which == 0 && *t && !have) {
		wp_buf b = {0};
		for (size_t q = 0; q < c->prof->ncolours; q++)
			wp_buf_printf(&b, "%s%s", q == 0 ? "" : q + 1 == c->prof->ncolours ? " or " : ", ", c->prof->colours[q].name);
		wp_buf_put(&b, "", 0);
		ck_report_field(c, f, NULL, "completion status '%s' is not a colour of the code (%s)", t, b.data ? b.data : "");
		wp_buf_free(&b);
	} else if (which == 1 && have && kw && want != have) {
		ck_report_field(c, f, NULL, "completion status is %s but the progress says '%s', which is %s", have->name, kw,
				want->name);
	} else if (which == 2 && !*t && kw && !ck_column_empty(c, s, col)) {
		wp_buf fix = {0};
		wp_buf_printf(&fix, "%c%s", toupper((unsigned char)want->name[0]), want->name + 1);
		if (fix.oom)
			c->d->oom = 1;
		else
			ck_report_field(c, f, fix.data, "completion status has no colour; the progress says '%s': %s", kw, fix.data);
		wp_buf_free(&fix);
	}
}

static void status_rule(ck_ctx *c, int which)
{
	if (!c->prof->ncolours || !c->cfg)
		return;
	for (size_t k = 0; k < c->p->nsections; k++) {
		const wp_section *s = &c->p->sections[k];
		int col = c->facts->sections[k].status_col;
		for (size_t i = 0; col >= 0 && ck_kind(c, s) && i < s->nactivities; i++)
			status(c, s, i, col, which);
	}
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
	if (ck_ieq(t, want)) /* the footnote itself writes it "continuous" */
		return;
	ck_report_field(c, f, NULL, "the timeline of a continuous activity says '%s', not '%s'", want, t);
}

void rule_continuous_timeline(ck_ctx *c)
{
	ck_each_cell(c, "timeline", continuous, NULL);
}

/* A column empty on every activity of its section (three or more): one
 * finding at its header, and what it likely means. */
void rule_table_empty_column(ck_ctx *c)
{
	for (size_t k = 0; k < c->p->nsections; k++) {
		const wp_section *s = &c->p->sections[k];
		for (size_t j = 0; j < s->ncolumns; j++)
			if (c->empty[k][j])
				ck_report(c, s->columns[j].pos,
					  "column '%s' is empty on every one of the %zu activities of section %s: %s; per-row "
					  "findings on it are left out", s->columns[j].header, s->nactivities,
					  s->numeral ? s->numeral : s->kind,
					  (s->columns[j].roles & WP_ROLE_STATUS)
						  ? "its colour codes were likely lost when the document was exported from "
						    "Word (a cell's shading is no text); check the original, or fill them in"
						  : "nothing was filled in, or it was lost in conversion");
	}
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
			for (size_t i = 0; col >= 0 && !ck_column_empty(c, s, col) && i < s->nactivities; i++)
				if (wp_field_is_empty(&s->activities[i].fields[col]))
					ck_report_field(c, &s->activities[i].fields[col], NULL, "%s is empty", s->columns[col].header);
		}
	}
}
