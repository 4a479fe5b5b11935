/* report.c: a progress report read together with the plan it reports on.
 *
 * Each section of the report is attached to an area of the plan, as its
 * reader would:
 *  - by number: "Area 5" in its heading, or an action's number ("2.1");
 *  - by words, the plan's own vocabulary (its title and preamble: "joint
 *    work plan", "agreement") aside: a word that one area's title alone
 *    has ("ePhyto", "containers"), else two words or more that one of
 *    its actions (or its description) has, more than any other area's:
 *    "IPPC International Year of Plant Health 2020" is the area whose
 *    action promotes the International Year of Plant Health;
 *  - by the actions its text names ("as action 6.1 asks"), when its
 *    heading names no area.
 * A tie names no area: wpgen does not guess.
 * Sections before the first attached one that speak of the plan as a
 * whole ("Agreement", "Joint Work Plan", "Background") are the report's
 * introduction: they follow its preamble. Any other section that names no
 * area is reported (report.unknown-area) and shown after the areas. An
 * area is covered when a section is attached to it or names one of its
 * actions; any other is reported (report.uncovered). The report's own
 * section numbers are kept in its headings. */
#include "wpgen/wpgen.h"
#include "base/alloc.h"
#include "base/util.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/lazy.h" /* libxml2, libxslt, libzip: loaded on first use */

/* Words too common to name an area. */
static const char *const common[] = {"with", "from", "that", "this", "their", "other", "between", "within",
				     "into", "about", "area", "areas", "cooperation", "activities", "project",
				     "progress", "report", NULL};
/* Words that head a report's introduction. */
static const char *const intro_words[] = {"introduction", "background", "overview", "summary", "context",
					  "foreword", "purpose", "scope", "agreement", "memorandum", NULL};
/* Words after which a report names actions: "action 2.1", "actions 5.2 and 5.3". */
static const char *const action_words[] = {"action", "actions", "activity", "activities", NULL};

static int in_list(const char *const *list, const char *w)
{
	for (; *list; list++)
		if (!strcmp(*list, w))
			return 1;
	return 0;
}

/***** tokens *****/

static int word_char(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* Calls f on each token of s, lowercased (ASCII) and NUL-terminated in b:
 * a word of letters and digits (any non-ASCII byte is a letter), or a
 * number with dots ("2.1"). */
typedef int (*token_fn)(void *ctx, const char *t, size_t n);

static int each_token(const char *s, wp_buf *b, token_fn f, void *ctx)
{
	while (s && *s) {
		while (*s && !word_char((unsigned char)*s))
			s++;
		if (!*s)
			break;
		b->len = 0;
		int digits = 1;
		for (;; s++) {
			unsigned char c = (unsigned char)*s;
			if (word_char(c)) {
				digits &= isdigit(c) != 0;
				wp_buf_putc(b, (char)tolower(c));
			} else if (c == '.' && digits && isdigit((unsigned char)s[1])) {
				wp_buf_putc(b, '.');
			} else {
				break;
			}
		}
		if (b->oom)
			return WP_ENOMEM;
		int rc = f(ctx, b->data, b->len);
		if (rc != WP_OK)
			return rc;
	}
	return WP_OK;
}

/***** the plan's words and actions *****/

/* Where a word is: an area's title, or a unit of its text (its
 * description, one action). */
typedef struct hit {
	size_t area;
	size_t unit;   /* TITLE: the area's title */
} hit;
#define TITLE SIZE_MAX

typedef struct word {
	int plan;      /* in the plan's title or preamble */
	hit *in;       /* where it is, each place once, in order */
	size_t n, cap;
} word;

typedef struct vocab {
	xmlHashTablePtr words;   /* token -> word */
	xmlHashTablePtr actions; /* "2.1" -> area index + 1 */
	size_t *unit_area;       /* unit -> its area */
	size_t nunits;
	size_t area, unit;       /* while indexing: where the text is from */
	int plan;
} vocab;

static void word_free(void *payload, const xmlChar *name)
{
	(void)name;
	word *w = payload;
	wp_free(w->in);
	wp_free(w);
}

static int index_token(void *ctx, const char *t, size_t n)
{
	vocab *v = ctx;
	(void)n;
	word *w = xmlHashLookup(v->words, BAD_CAST t);
	if (!w) {
		if (!(w = wp_malloc(sizeof *w)))
			return WP_ENOMEM;
		memset(w, 0, sizeof *w);
		if (xmlHashAddEntry(v->words, BAD_CAST t, w) != 0) {
			wp_free(w);
			return WP_ENOMEM;
		}
	}
	if (v->plan) {
		w->plan = 1;
		return WP_OK;
	}
	if (w->n && w->in[w->n - 1].area == v->area && w->in[w->n - 1].unit == v->unit)
		return WP_OK;
	if (w->n == w->cap) {
		size_t nc = w->cap ? w->cap * 2 : 4;
		hit *in = wp_realloc(w->in, nc * sizeof *in);
		if (!in)
			return WP_ENOMEM;
		w->in = in;
		w->cap = nc;
	}
	w->in[w->n++] = (hit){v->area, v->unit};
	return WP_OK;
}

static int index_text(vocab *v, wp_buf *b, const char *text)
{
	return each_token(text, b, index_token, v);
}

static int index_field(vocab *v, wp_buf *b, const wp_field *f)
{
	char *t = wp_field_text(f);
	if (!t)
		return WP_ENOMEM;
	int rc = index_text(v, b, t);
	wp_free(t);
	return rc;
}

/* Every word of the plan, and where it is; every action's number. */
static int vocab_build(vocab *v, const wp_programme *plan, wp_buf *b)
{
	int rc = WP_OK;
	size_t nunits = 0;
	for (size_t k = 0; k < plan->nsections; k++)
		nunits += 1 + plan->sections[k].nactivities;
	if (!(v->words = xmlHashCreate(256)) || !(v->actions = xmlHashCreate(64)) ||
	    !(v->unit_area = wp_malloc((nunits ? nunits : 1) * sizeof *v->unit_area)))
		return WP_ENOMEM;
	v->plan = 1;
	rc = index_text(v, b, plan->title);
	if (rc == WP_OK)
		rc = index_field(v, b, &plan->preamble);
	v->plan = 0;
	for (size_t k = 0; rc == WP_OK && k < plan->nsections; k++) {
		const wp_section *s = &plan->sections[k];
		v->area = k;
		v->unit = TITLE;
		rc = index_text(v, b, s->title);
		v->unit_area[v->unit = v->nunits++] = k; /* its description */
		if (rc == WP_OK)
			rc = index_field(v, b, &s->intro);
		for (size_t i = 0; rc == WP_OK && i < s->nactivities; i++) {
			const wp_activity *a = &s->activities[i];
			if (a->number && strchr(a->number, '.'))
				(void)xmlHashAddEntry(v->actions, BAD_CAST a->number, (void *)(uintptr_t)(k + 1)); /* the first of a twin */
			v->unit_area[v->unit = v->nunits++] = k;
			for (size_t c = 0; rc == WP_OK && c < s->ncolumns; c++)
				if (!(s->columns[c].roles & WP_ROLE_NUMBER))
					rc = index_field(v, b, &a->fields[c]);
		}
	}
	return rc;
}

static void vocab_free(vocab *v)
{
	if (v->words)
		xmlHashFree(v->words, word_free);
	if (v->actions)
		xmlHashFree(v->actions, NULL);
	wp_free(v->unit_area);
}

/* The area (index + 1) an action number names, or 0. */
static size_t action_area(const vocab *v, const char *t)
{
	return strchr(t, '.') ? (size_t)(uintptr_t)xmlHashLookup(v->actions, BAD_CAST t) : 0;
}

/***** one report section *****/

typedef struct named {
	size_t area;
	const char *action; /* the action number as the section names it */
} named;

typedef struct judge {
	const vocab *v;
	size_t *titles;     /* per area: its title's words the heading has */
	size_t *units;      /* per unit: its words the heading has */
	size_t *touched_a, *touched_u; /* the counts set, to reset */
	size_t na, nu;
	xmlHashTablePtr seen; /* the heading's words counted */
	size_t by_number;   /* area + 1 named by an action number in the heading */
	int own_words;      /* the heading has a word that is not the plan's or an introduction's */
	int intro;          /* the heading has an introduction's word or the plan's */
	int after_action;   /* the previous token was "action" (or "and" after a number) */
	named *names;       /* actions the text names */
	size_t nnames, ncap;
	wp_arena *arena;
} judge;

static int score_token(void *ctx, const char *t, size_t n)
{
	judge *j = ctx;
	size_t k = action_area(j->v, t);
	if (k) {
		if (!j->by_number)
			j->by_number = k;
		return WP_OK;
	}
	if (n < 4 || in_list(common, t))
		return WP_OK;
	if (in_list(intro_words, t)) {
		j->intro = 1;
		return WP_OK;
	}
	const word *w = xmlHashLookup(j->v->words, BAD_CAST t);
	if (w && w->plan) {
		j->intro = 1; /* the plan's own vocabulary: names no area */
		return WP_OK;
	}
	j->own_words = 1;
	if (!w || xmlHashLookup(j->seen, BAD_CAST t))
		return WP_OK; /* a word counts once */
	if (xmlHashAddEntry(j->seen, BAD_CAST t, (void *)1) != 0)
		return WP_ENOMEM;
	size_t titled = 0;
	for (size_t i = 0; i < w->n; i++)
		titled += w->in[i].unit == TITLE;
	for (size_t i = 0; i < w->n; i++) {
		const hit *h = &w->in[i];
		if (h->unit == TITLE) {
			if (titled == 1 && !j->titles[h->area]++) /* one area's title alone */
				j->touched_a[j->na++] = h->area;
		} else if (!j->units[h->unit]++) {
			j->touched_u[j->nu++] = h->unit;
		}
	}
	return WP_OK;
}

/* The area the heading's words name, or -1: by its title, else by one of
 * its actions that has two words of the heading or more, more than any
 * other area's action. The counts are reset. */
static long area_by_words(judge *j)
{
	long best = -1, by_unit = -1;
	size_t top = 0, utop = 0;
	int tie = 0, utie = 0;
	for (size_t i = 0; i < j->na; i++) {
		size_t a = j->touched_a[i];
		if (j->titles[a] > top)
			top = j->titles[a], best = (long)a, tie = 0;
		else if (j->titles[a] == top)
			tie = 1;
		j->titles[a] = 0;
	}
	for (size_t i = 0; i < j->nu; i++) {
		size_t u = j->touched_u[i];
		long a = (long)j->v->unit_area[u];
		if (j->units[u] > utop)
			utop = j->units[u], by_unit = a, utie = 0;
		else if (j->units[u] == utop && a != by_unit)
			utie = 1;
		j->units[u] = 0;
	}
	j->na = j->nu = 0;
	if (best >= 0 && !tie)
		return best;
	return best < 0 && utop >= 2 && !utie ? by_unit : -1;
}

/* "action 2.1", "actions 5.2 and 5.3" in a section's text. */
static int name_token(void *ctx, const char *t, size_t n)
{
	judge *j = ctx;
	(void)n;
	if (in_list(action_words, t)) {
		j->after_action = 1;
		return WP_OK;
	}
	if (!j->after_action)
		return WP_OK;
	size_t k = action_area(j->v, t);
	if (!k) {
		j->after_action = !strcmp(t, "and") || !strcmp(t, "or");
		return WP_OK;
	}
	for (size_t i = 0; i < j->nnames; i++)
		if (j->names[i].area == k - 1)
			return WP_OK; /* one mention an area */
	named *nm = wp_arena_grow(j->arena, j->names, &j->ncap, j->nnames, sizeof *nm);
	char *num = wp_arena_strdup(j->arena, t);
	if (!nm || !num)
		return WP_ENOMEM;
	j->names = nm;
	j->names[j->nnames++] = (named){k - 1, num};
	return WP_OK;
}

/* "Area 5", "Area 5:", "area 5 -": the area numbered 5, or -1. */
static long area_by_number(const wp_programme *plan, const char *h)
{
	for (const char *s = h; *s; s++) {
		if ((s == h || !isalnum((unsigned char)s[-1])) && !strncasecmp(s, "area", 4)) {
			const char *q = s + 4;
			while (*q == ' ')
				q++;
			if (isdigit((unsigned char)*q)) {
				long n = strtol(q, NULL, 10);
				for (size_t k = 0; k < plan->nsections; k++)
					if (plan->sections[k].numeral && strtol(plan->sections[k].numeral, NULL, 10) == n)
						return (long)k;
			}
		}
	}
	return -1;
}

/***** the annex *****/

/* Appends paragraphs to f, whose array may be shared (a report's
 * preamble): a full array is copied into the plan's arena. */
static wp_para *para_add(wp_arena *a, wp_field *f)
{
	wp_para *p = wp_arena_grow(a, f->paras, &f->cap, f->nparas, sizeof *p);
	if (!p)
		return NULL;
	f->paras = p;
	memset(&p[f->nparas], 0, sizeof *p);
	return &p[f->nparas++];
}

static int para_text(wp_arena *a, wp_field *f, const char *text, unsigned style, wp_pos pos)
{
	wp_run *run = wp_arena_alloc(a, sizeof *run);
	char *t = wp_arena_strdup(a, text);
	wp_para *p = run && t ? para_add(a, f) : NULL;
	if (!p)
		return WP_ENOMEM;
	*run = (wp_run){WP_RUN_TEXT, style, t, strlen(t), NULL, NULL, NULL};
	*p = (wp_para){run, 1, 1, pos, 0};
	if (f->nparas == 1)
		f->pos = pos;
	return WP_OK;
}

/* A report section in f: its heading as the report numbers it, in bold,
 * then its text (shared with the report, which outlives the plan). */
static int append_section(wp_arena *a, wp_field *f, const wp_section *rs, const char *heading)
{
	if (para_text(a, f, heading, WP_STYLE_STRONG, rs->pos) != WP_OK)
		return WP_ENOMEM;
	const wp_field *parts[] = {&rs->intro, &rs->notes};
	for (size_t k = 0; k < 2; k++)
		for (size_t i = 0; i < parts[k]->nparas; i++) {
			wp_para *p = para_add(a, f);
			if (!p)
				return WP_ENOMEM;
			*p = parts[k]->paras[i];
		}
	return WP_OK;
}

/* The area of the plan a report's section is on: by the number its
 * heading says, else by its heading's words, else by the actions its text
 * names; -1 when none. *heading gets its heading's text (in hb). */
static int area_of(judge *j, const wp_programme *plan, const wp_section *rs, wp_buf *b, wp_buf *hb, long *area)
{
	hb->len = 0;
	wp_buf_printf(hb, "%s%s%s", rs->numeral ? rs->numeral : "", rs->numeral ? ". " : "", rs->title ? rs->title : "");
	if (hb->oom)
		return WP_ENOMEM;
	const char *heading = hb->len ? hb->data : "";
	j->by_number = 0;
	j->own_words = j->intro = j->after_action = 0;
	j->names = NULL;
	j->nnames = j->ncap = 0;
	if (!(j->seen = xmlHashCreate(16)))
		return WP_ENOMEM;
	int rc = each_token(rs->title, b, score_token, j);
	xmlHashFree(j->seen, NULL);
	j->seen = NULL;
	long by_words = area_by_words(j);
	if (rc != WP_OK)
		return rc;
	long k = area_by_number(plan, heading);
	if (k < 0 && j->by_number)
		k = (long)j->by_number - 1;
	if (k < 0)
		k = by_words;
	const wp_field *parts[] = {&rs->intro, &rs->notes};
	for (size_t q = 0; q < 2; q++) {
		char *t = wp_field_text(parts[q]);
		j->after_action = 0;
		rc = t ? each_token(t, b, name_token, j) : WP_ENOMEM;
		wp_free(t);
		if (rc != WP_OK)
			return rc;
	}
	if (k < 0 && j->nnames)
		k = (long)j->names[0].area;
	*area = k;
	return WP_OK;
}

/* A report's section set into its area (k), or into the preamble (an
 * introduction before any area), or after the areas with a warning; an
 * area whose action it names is told where it is reported. */
static int place_section(judge *j, wp_programme *plan, const wp_programme *report, const wp_section *rs,
			 const char *heading, long k, int *seen_area, wp_diags *d)
{
	wp_arena *a = plan->impl;
	if (k >= 0) {
		if (append_section(a, &plan->sections[k].report, rs, heading) != WP_OK)
			return WP_ENOMEM;
		plan->sections[k].reported = 1;
		*seen_area = 1;
	} else if (!*seen_area && (j->intro || !j->own_words)) {
		if (append_section(a, &plan->preamble, rs, heading) != WP_OK)
			return WP_ENOMEM;
	} else {
		if (wp_diags_add(d, report->source, rs->pos.line, rs->pos.col ? rs->pos.col : 1, WP_WARNING,
				 "report.unknown-area",
				 "section '%s' names no area of the plan (say \"Area N\" or an action's number in its "
				 "heading, or use a word of the area's title or actions); its text is shown after the areas",
				 heading) != WP_OK ||
		    append_section(a, &plan->report, rs, heading) != WP_OK)
			return WP_ENOMEM;
	}
	for (size_t i = 0; i < j->nnames; i++) {
		wp_section *s = &plan->sections[j->names[i].area];
		if ((long)j->names[i].area == k)
			continue;
		wp_buf see = {0};
		wp_buf_printf(&see, "Action %s is reported in the report's section '%s'.", j->names[i].action, heading);
		int src = see.oom ? WP_ENOMEM : para_text(a, &s->report, see.data, 0, rs->pos);
		wp_buf_free(&see);
		if (src != WP_OK)
			return src;
		s->reported = 1;
	}
	return WP_OK;
}

int wp_report_merge(wp_programme *plan, const wp_programme *report, const char *plan_name, wp_diags *d)
{
	wp_arena *a = plan->impl;
	vocab v = {0};
	wp_buf b = {0}, hb = {0};
	judge j = {0};
	int lz = wp_lazy_need(WP_LAZY_XML, plan_name, d); /* (its hash tables) */
	if (lz != WP_OK)
		return lz;
	int rc = WP_ENOMEM, seen_area = 0;

	/* The annex is the report's: its title, preamble and metadata. The
	 * preamble's array stays the report's until something is added. */
	plan->preamble = report->preamble;
	plan->preamble.cap = plan->preamble.nparas;
	j.v = &v;
	j.arena = a;
	if (vocab_build(&v, plan, &b) != WP_OK)
		goto done;
	size_t na = plan->nsections ? plan->nsections : 1, nu = v.nunits ? v.nunits : 1;
	j.titles = wp_malloc(na * sizeof *j.titles);
	j.touched_a = wp_malloc(na * sizeof *j.touched_a);
	j.units = wp_malloc(nu * sizeof *j.units);
	j.touched_u = wp_malloc(nu * sizeof *j.touched_u);
	if (!j.titles || !j.touched_a || !j.units || !j.touched_u)
		goto done;
	memset(j.titles, 0, na * sizeof *j.titles);
	memset(j.units, 0, nu * sizeof *j.units);

	for (size_t r = 0; r < report->nsections; r++) {
		const wp_section *rs = &report->sections[r];
		long k;
		if (area_of(&j, plan, rs, &b, &hb, &k) != WP_OK ||
		    place_section(&j, plan, report, rs, hb.len ? hb.data : "", k, &seen_area, d) != WP_OK)
			goto done;
	}
	for (size_t k = 0; k < plan->nsections; k++) {
		const wp_section *s = &plan->sections[k];
		if (s->reported)
			continue;
		if (wp_diags_add(d, plan_name, s->pos.line, s->pos.col ? s->pos.col : 1, WP_WARNING, "report.uncovered",
				 "area %s '%s' is not covered by the progress report '%s': no section is on it or names "
				 "one of its actions", s->numeral ? s->numeral : "?", s->title ? s->title : "",
				 report->source) != WP_OK)
			goto done;
	}
	if (report->title)
		plan->title = report->title, plan->title_pos = report->title_pos;
	if (report->session)
		plan->session = report->session;
	if (report->as_of)
		plan->as_of = report->as_of;
	if (report->annex_to)
		plan->annex_to = report->annex_to;
	if ((plan->plan = wp_arena_strdup(a, plan_name)) != NULL)
		rc = WP_OK;
done:
	vocab_free(&v);
	wp_free(j.titles);
	wp_free(j.touched_a);
	wp_free(j.units);
	wp_free(j.touched_u);
	wp_buf_free(&b);
	wp_buf_free(&hb);
	return rc;
}

/***** reading the plan *****/

char *wp_plan_path(const char *report_path, const char *plan)
{
	const char *slash = strrchr(report_path, '/');
	size_t dl = slash && plan[0] != '/' ? (size_t)(slash - report_path + 1) : 0;
	char *p = wp_malloc(dl + strlen(plan) + 1);
	if (p) {
		memcpy(p, report_path, dl);
		strcpy(p + dl, plan);
	}
	return p;
}
