/* review.c: the review page (wpgen/write.h, wp_write_review): the HTML
 * annex with every finding marked on the cell it is about, its message
 * beside the cell's text, and atop the page the counts per severity and
 * rule, filters, and the list of every finding grouped by section and
 * activity, each linked to its cell and back. A finding is placed by its
 * position: in the cell whose text holds it, else in the number cell of
 * the row whose lines hold it; one about the front matter, a footnote or
 * the whole document is listed under "The document". The one script (the
 * filters) runs under a Content-Security-Policy that allows it by its
 * hash and nothing else; without it every finding is shown and linked. */
#include "write/html_impl.h"
#include "base/alloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A cell a finding can be placed in. */
typedef struct place {
	unsigned line, col, eline, ecol; /* its text: [line:col, eline:ecol) */
	unsigned row_line, next_line;    /* its row's lines: [row_line, next_line) */
	const wp_field *f;
	const wp_field *row_first;       /* the cell of its row a finding on the row goes to */
	size_t k;                        /* its section */
	const char *row;                 /* its row's name ("3.", "Example", "guidance") */
	const char *column;              /* its column's heading */
	size_t order;                    /* in the document */
} place;

struct hw_review {
	const wp_diags *d;
	place *pl;          /* by position */
	size_t npl;
	const place **at;   /* per finding: where it is, or NULL */
	size_t *order;      /* findings in the document's order, the unplaced first */
	const wp_field **cells; /* the cells with findings, by address */
	size_t ncells;
	size_t *first, *count;  /* per cell: its findings in order[] */
	wp_arena names;     /* row names */
};

static const char script[] =
	"(function(){var d=document,q=function(s){return Array.prototype.slice.call(d.querySelectorAll(s));};function "
	"apply(){var off={};q('input[data-f]').forEach(function(i){if(!i.checked)off[i.getAttribute('data-f')]=1;});"
	"q('[data-sev]').forEach(function(e){e.hidden=!!(off['sev:'+e.getAttribute('data-sev')]||off['rule:'+e."
	"getAttribute('data-rule')]);});}d.addEventListener('change',apply);var h=/^#hide=(.*)$/.exec(location.hash);"
	"if(h)h[1].split(',').forEach(function(x){q('input[data-f]').forEach(function(i){if(i.getAttribute('data-f')"
	"===decodeURIComponent(x))i.checked=false;});});q('.filters').forEach(function(f){f.hidden=false;});apply();})();";
/* its SHA-256, base64: the policy allows this script and no other (a test
 * loads the page in Chromium, where a wrong hash stops the filters) */
#define SCRIPT_HASH "sha256-1ZYN7hF+u08hScPJoKcNGJx9GLpAtrHnGNJO55E+M2M="

static const char style[] =
	".review{border:1px solid var(--rule);padding:.4rem 1rem .8rem;margin:1rem 0}\n"
	".review h2{margin-top:.4rem}.review h3{font-size:1rem;margin:1rem 0 .3rem}.review h4{font-size:.95rem;margin:.5rem 0 .2rem}\n"
	"table.counts{width:auto}table.counts td.n,table.counts th.n{text-align:right}\n"
	".filters{border:1px solid var(--rule);margin:.6rem 0;padding:.3rem .6rem}.filters label{margin-right:1em;white-space:nowrap}\n"
	"ol.findings{margin:.2rem 0;padding-left:1.4rem}ol.findings li{margin:.15rem 0}\n"
	"ul.marks{list-style:none;margin:.35em 0 0;padding:0;font-size:.88em;font-style:normal}\n"
	"ul.marks li{border-left:3px solid;padding-left:.35em;margin-top:.25em;background:#fff;color:var(--ink)}\n"
	".sev-error{border-color:#c5221f}.sev-warning{border-color:#e37400}.sev-note{border-color:#9aa0a6}"
	".sev-accepted{border-color:#1e8e3e}\n"
	"td.flag-error{box-shadow:inset 0 0 0 2px #c5221f}td.flag-warning{box-shadow:inset 0 0 0 2px #e37400}"
	"td.flag-note{box-shadow:inset 0 0 0 1px #9aa0a6}td.flag-accepted{box-shadow:inset 0 0 0 1px #1e8e3e}\n"
	".sev{font-weight:600;text-transform:uppercase;font-size:.8em}li.sev-error .sev{color:#c5221f}"
	"li.sev-warning .sev{color:#b06000}li.sev-note .sev{color:#5f6368}li.sev-accepted .sev{color:#137333}\n"
	".why{font-style:italic}\n"
	".rule{color:var(--muted);font-family:monospace;font-size:.9em}\n"
	":target{outline:3px solid #fbbc04}\n";

static int cmp_pos(const void *a, const void *b)
{
	const place *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return (x->order > y->order) - (x->order < y->order);
}

/* Before or at: a's position is not after b's. */
static int not_after(unsigned l1, unsigned c1, unsigned l2, unsigned c2)
{
	return l1 < l2 || (l1 == l2 && c1 <= c2);
}

static int add_row(hw_review *r, size_t *cap, const wp_section *s, size_t k, const wp_field *fields, wp_pos rowpos,
		   const char *name)
{
	int nk = hw_role_column(s, WP_ROLE_NUMBER);
	for (size_t c = 0; c < s->ncolumns; c++) {
		if (r->npl == *cap) {
			size_t nc = *cap ? 2 * *cap : 64;
			place *v = wp_realloc(r->pl, nc * sizeof *v);
			if (!v)
				return 0;
			r->pl = v;
			*cap = nc;
		}
		const wp_field *f = &fields[c];
		place *p = &r->pl[r->npl];
		memset(p, 0, sizeof *p);
		p->line = f->pos.line ? f->pos.line : rowpos.line;
		p->col = f->pos.line ? f->pos.col : rowpos.col;
		p->eline = f->end.line;
		p->ecol = f->end.col;
		p->row_line = rowpos.line;
		p->f = f;
		p->row_first = &fields[nk >= 0 ? nk : 0];
		p->k = k;
		p->row = name;
		p->column = s->columns[c].header ? s->columns[c].header : s->columns[c].key;
		p->order = r->npl++;
	}
	return 1;
}

/* Every cell of the programme, by position; each row's lines run to the
 * next row's. */
static int places(hw_review *r, const wp_programme *p)
{
	size_t cap = 0;
	for (size_t k = 0; k < p->nsections; k++) {
		const wp_section *s = &p->sections[k];
		if (!s->ncolumns)
			continue;
		if (s->guidance && !add_row(r, &cap, s, k, s->guidance, s->pos, "guidance row"))
			return 0;
		for (size_t i = 0; i < s->nexamples; i++)
			if (!add_row(r, &cap, s, k, s->examples[i].fields, s->examples[i].pos, "example"))
				return 0;
		for (size_t i = 0; i < s->nactivities; i++) {
			const wp_activity *a = &s->activities[i];
			char *num = wp_activity_name(s, a); /* ("I.3", as accept: names it) */
			wp_buf name = {0};
			if (num)
				wp_buf_puts(&name, num);
			else
				wp_buf_printf(&name, "row %zu", i + 1);
			free(num);
			char *kept = name.oom ? NULL : wp_arena_strndup(&r->names, name.data, name.len);
			wp_buf_free(&name);
			if (!kept || !add_row(r, &cap, s, k, a->fields, a->pos, kept))
				return 0;
		}
	}
	if (r->npl)
		qsort(r->pl, r->npl, sizeof *r->pl, cmp_pos);
	/* a row's lines: from its first cell to the next row's */
	for (size_t i = 0; i < r->npl; i++)
		r->pl[i].next_line = ~0u;
	for (size_t i = r->npl; i-- > 0;) {
		size_t j = i + 1;
		while (j < r->npl && r->pl[j].row_first == r->pl[i].row_first)
			j++;
		if (j < r->npl)
			r->pl[i].next_line = r->pl[j].row_line > r->pl[i].row_line ? r->pl[j].row_line : r->pl[i].row_line + 1;
	}
	return 1;
}

/* The number of places starting at or before line:col. */
static size_t places_upto(const hw_review *r, unsigned line, unsigned col)
{
	size_t lo = 0, hi = r->npl;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (not_after(r->pl[mid].line, r->pl[mid].col, line, col))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The cell a finding is about: the last cell starting at or before it,
 * when its text holds it; else the number cell of the row whose lines
 * hold it (a finding about a whole line, or past the cells' text); else
 * none. */
static const place *place_of(const hw_review *r, const wp_diag *x, const char *source)
{
	if (!x->line || !x->file || !source || strcmp(x->file, source) || !r->npl)
		return NULL;
	size_t n = x->col ? places_upto(r, x->line, x->col) : 0;
	const place *p = n ? &r->pl[n - 1] : NULL;
	if (p && p->eline && !not_after(p->eline, p->ecol, x->line, x->col))
		return p;
	n = places_upto(r, x->line, ~0u);
	p = n ? &r->pl[n - 1] : NULL;
	if (!p || x->line < p->row_line || x->line >= p->next_line)
		return NULL;
	for (size_t i = n; i-- > 0 && r->pl[i].row_first == p->row_first;)
		if (r->pl[i].f == p->row_first)
			return &r->pl[i];
	return p;
}

/* A finding's key in the list: the unplaced first (0), then by their
 * cells' places (1 + the place's order), then as found. */
typedef struct keyed {
	size_t key, i;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t) * (const wp_field *const *)a, y = (uintptr_t) * (const wp_field *const *)b;
	return (x > y) - (x < y);
}

void hw_review_free(hw_review *r)
{
	if (!r)
		return;
	wp_free(r->pl);
	wp_free(r->at);
	wp_free(r->order);
	wp_free(r->cells);
	wp_free(r->first);
	wp_free(r->count);
	wp_arena_free(&r->names);
	wp_free(r);
}

static int review_make(hw_review *r, const wp_programme *p, const wp_diags *d)
{
	size_t n = d->n;
	memset(r, 0, sizeof *r);
	r->d = d;
	if (!places(r, p))
		return 0;
	/* the places' order: by position (the list's order) */
	for (size_t i = 0; i < r->npl; i++)
		r->pl[i].order = i;
	r->at = wp_malloc((n ? n : 1) * sizeof *r->at);
	r->order = wp_malloc((n ? n : 1) * sizeof *r->order);
	r->cells = wp_malloc((n ? n : 1) * sizeof *r->cells);
	r->first = wp_malloc((n ? n : 1) * sizeof *r->first);
	r->count = wp_malloc((n ? n : 1) * sizeof *r->count);
	keyed *ks = wp_malloc((n ? n : 1) * sizeof *ks);
	if (!r->at || !r->order || !r->cells || !r->first || !r->count || !ks) {
		wp_free(ks);
		return 0;
	}
	/* (the keys sorted, not the indices through a shared context: builds
	 * write review pages in several threads at once) */
	for (size_t i = 0; i < n; i++) {
		r->at[i] = place_of(r, &d->items[i], p->source);
		ks[i] = (keyed){r->at[i] ? r->at[i]->order + 1 : 0, i};
	}
	if (n)
		qsort(ks, n, sizeof *ks, cmp_keyed);
	for (size_t o = 0; o < n; o++)
		r->order[o] = ks[o].i;
	wp_free(ks);
	/* the cells with findings: each its run of order[] */
	for (size_t o = 0; o < n; o++) {
		const place *pl = r->at[r->order[o]];
		if (!pl)
			continue;
		if (r->ncells && r->cells[r->ncells - 1] == pl->f) {
			r->count[r->ncells - 1]++;
			continue;
		}
		r->cells[r->ncells] = pl->f;
		r->first[r->ncells] = o;
		r->count[r->ncells++] = 1;
	}
	/* by address, for the writer's lookups (a cell's findings stay a run:
	 * a cell has one place) */
	typedef struct { const wp_field *f; size_t first, count; } cell;
	cell *cs = (cell *)wp_malloc((r->ncells ? r->ncells : 1) * sizeof *cs);
	if (!cs)
		return 0;
	for (size_t c = 0; c < r->ncells; c++)
		cs[c] = (cell){r->cells[c], r->first[c], r->count[c]};
	if (r->ncells)
		qsort(cs, r->ncells, sizeof *cs, cmp_ptr);
	for (size_t c = 0; c < r->ncells; c++) {
		r->cells[c] = cs[c].f;
		r->first[c] = cs[c].first;
		r->count[c] = cs[c].count;
	}
	wp_free(cs);
	return 1;
}

/* The cell's run of findings in order[], or 0. */
static size_t cell_findings(const hw_review *r, const wp_field *f, size_t *first)
{
	size_t lo = 0, hi = r->ncells;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if ((uintptr_t)r->cells[mid] < (uintptr_t)f)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == r->ncells || r->cells[lo] != f)
		return 0;
	*first = r->first[lo];
	return r->count[lo];
}

/***** the page's parts *****/

void hw_review_head(hw *w)
{
	wp_buf_puts(w->b, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
			  "script-src '" SCRIPT_HASH "'; img-src data:; base-uri 'none'; form-action 'none'\">");
}

void hw_review_style(hw *w)
{
	wp_buf_puts(w->b, style);
}

void hw_review_script(hw *w)
{
	wp_buf_puts(w->b, "<script>");
	wp_buf_puts(w->b, script);
	wp_buf_puts(w->b, "</script>");
}

const char *hw_review_class(const hw *w, const wp_field *f)
{
	static const char *const flag[] = {"flag-note", "flag-warning", "flag-error"};
	size_t first, n = cell_findings(w->rv, f, &first);
	int worst = -1;
	for (size_t o = first; o < first + n; o++) {
		const wp_diag *x = &w->rv->d->items[w->rv->order[o]];
		int s = x->accepted ? -1 : (int)x->severity; /* (an accepted one does not flag its cell) */
		worst = s > worst ? s : worst;
	}
	return n && worst < 0 ? "flag-accepted" : worst < 0 ? NULL : flag[worst];
}

/* One finding as an item: its severity, message and rule; link: to its
 * other place (its cell's mark, or the list's item). */
static void item(hw *w, size_t i, const char *id, const char *link, const char *where)
{
	const wp_diag *x = &w->rv->d->items[i];
	const char *sev = x->accepted ? "accepted" : wp_severity_name(x->severity);
	wp_buf *b = w->b;
	wp_buf_printf(b, "<li class=\"sev-%s\" id=\"%s\" data-sev=\"%s\"", sev, id, sev);
	hw_attr(w, "data-rule", x->rule);
	wp_buf_putc(b, '>');
	if (link)
		wp_buf_printf(b, "<a href=\"#%s\">", link);
	wp_buf_printf(b, "<span class=\"sev\">%s</span>", sev);
	if (where) {
		wp_buf_puts(b, " ");
		hw_texts(b, where);
	}
	if (link)
		wp_buf_puts(b, "</a>");
	wp_buf_puts(b, ": ");
	hw_texts(b, x->message);
	wp_buf_puts(b, " <span class=\"rule\">[");
	hw_texts(b, x->rule);
	wp_buf_puts(b, "]</span>");
	if (x->accepted) { /* acknowledged in the source: its severity and the reason given */
		wp_buf_printf(b, " <span class=\"why\">(%s, accepted: ", wp_severity_name(x->severity));
		hw_texts(b, x->accepted);
		wp_buf_puts(b, ")</span>");
	}
	wp_buf_puts(b, "</li>");
}

void hw_review_cell(hw *w, const wp_field *f)
{
	size_t first, n = cell_findings(w->rv, f, &first);
	if (!n)
		return;
	wp_buf_puts(w->b, "<ul class=\"marks\">");
	for (size_t o = first; o < first + n; o++) {
		char id[32], link[32];
		snprintf(id, sizeof id, "f%zu", o + 1);
		snprintf(link, sizeof link, "l%zu", o + 1);
		item(w, w->rv->order[o], id, link, NULL);
	}
	wp_buf_puts(w->b, "</ul>");
}

typedef struct rule_count {
	const char *rule;
	int sev;  /* a wp_severity, or ACCEPTED */
	size_t n;
} rule_count;

#define ACCEPTED (-1) /* (counted apart, after the notes) */

static const char *sev_name(int sev)
{
	return sev == ACCEPTED ? "accepted" : wp_severity_name((wp_severity)sev);
}

static int cmp_rule(const void *a, const void *b)
{
	const rule_count *x = a, *y = b;
	int c = strcmp(x->rule, y->rule);
	return c ? c : x->sev - y->sev;
}

static int cmp_worst(const void *a, const void *b)
{
	const rule_count *x = a, *y = b;
	if (x->sev != y->sev)
		return x->sev > y->sev ? -1 : 1;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->rule, y->rule);
}

/* The counts per severity and per rule (worst first), and the filters. */
static void counts(hw *w)
{
	const wp_diags *d = w->rv->d;
	wp_buf *b = w->b;
	size_t by[3] = {0, 0, 0}, accepted = 0, nr = 0;
	rule_count *rc = wp_malloc((d->n ? d->n : 1) * sizeof *rc);
	if (!rc) {
		w->oom = 1;
		return;
	}
	for (size_t i = 0; i < d->n; i++) {
		int sev = d->items[i].accepted ? ACCEPTED : (int)d->items[i].severity;
		if (sev == ACCEPTED)
			accepted++;
		else
			by[sev]++;
		rc[i] = (rule_count){d->items[i].rule, sev, 1};
	}
	if (d->n)
		qsort(rc, d->n, sizeof *rc, cmp_rule);
	for (size_t i = 0; i < d->n; i++) /* one a rule and severity */
		if (nr && rc[nr - 1].sev == rc[i].sev && !strcmp(rc[nr - 1].rule, rc[i].rule))
			rc[nr - 1].n++;
		else
			rc[nr++] = rc[i];
	if (nr)
		qsort(rc, nr, sizeof *rc, cmp_worst);
	wp_buf_printf(b, "<p class=\"totals\">%zu %s, %zu %s, %zu %s", by[WP_ERROR], by[WP_ERROR] == 1 ? "error" : "errors",
		      by[WP_WARNING], by[WP_WARNING] == 1 ? "warning" : "warnings", by[WP_NOTE], by[WP_NOTE] == 1 ? "note" : "notes");
	if (accepted)
		wp_buf_printf(b, "; %zu accepted in the source (not counted)", accepted);
	wp_buf_puts(b, "</p>");
	if (nr) {
		wp_buf_puts(b, "<table class=\"counts\"><thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Severity</th>"
			       "<th scope=\"col\" class=\"n\">Findings</th></tr></thead><tbody>");
		for (size_t i = 0; i < nr; i++) {
			wp_buf_puts(b, "<tr><td class=\"rule\">");
			hw_texts(b, rc[i].rule);
			wp_buf_printf(b, "</td><td>%s</td><td class=\"n\">%zu</td></tr>", sev_name(rc[i].sev), rc[i].n);
		}
		wp_buf_puts(b, "</tbody></table>");
		/* shown by the script: without it, a filter would do nothing */
		wp_buf_puts(b, "<fieldset class=\"filters\" hidden><legend>Show</legend>");
		for (int s = WP_ERROR; s >= ACCEPTED; s--)
			if (s == ACCEPTED ? accepted > 0 : by[s] > 0)
				wp_buf_printf(b, "<label><input type=\"checkbox\" checked data-f=\"sev:%s\"> %s</label>", sev_name(s),
					      s == ACCEPTED ? "accepted" : s == WP_ERROR ? "errors" : s == WP_WARNING ? "warnings" : "notes");
		wp_buf_puts(b, "<br>");
		for (size_t i = 0; i < nr; i++) {
			if (i && !strcmp(rc[i].rule, rc[i - 1].rule))
				continue;
			int seen = 0; /* (a rule met before at another severity) */
			for (size_t j = 0; j < i && !seen; j++)
				seen = !strcmp(rc[j].rule, rc[i].rule);
			if (seen)
				continue;
			w->scratch.len = 0;
			wp_buf_printf(&w->scratch, "rule:%s", rc[i].rule);
			wp_buf_puts(b, "<label><input type=\"checkbox\" checked");
			hw_attr(w, "data-f", w->scratch.data ? w->scratch.data : "");
			wp_buf_puts(b, "> <span class=\"rule\">");
			hw_texts(b, rc[i].rule);
			wp_buf_puts(b, "</span></label>");
		}
		wp_buf_puts(b, "</fieldset>");
	}
	wp_free(rc);
}

/* The list: the document's own findings, then by section and row. */
void hw_review_panel(hw *w)
{
	const hw_review *r = w->rv;
	const wp_programme *p = w->p;
	wp_buf *b = w->b;
	wp_buf_puts(b, "<section class=\"review\" aria-label=\"Findings\"><h2>Findings</h2>");
	counts(w);
	const place *last = NULL;
	size_t section = (size_t)-1;
	int open = 0;
	for (size_t o = 0; o < r->d->n; o++) {
		size_t i = r->order[o];
		const place *pl = r->at[i];
		int new_row = !o || (pl ? !last || last->row_first != pl->row_first : last != NULL);
		if (o == 0 || new_row) {
			if (open)
				wp_buf_puts(b, "</ol>");
			if (!pl && o == 0) {
				wp_buf_puts(b, "<h3>The document</h3>");
			} else if (pl && pl->k != section) {
				const wp_section *s = &p->sections[pl->k];
				wp_buf_puts(b, "<h3>");
				if (s->numeral)
					wp_buf_printf(b, "%s. ", s->numeral);
				hw_texts(b, s->title ? s->title : s->kind);
				wp_buf_puts(b, "</h3>");
				section = pl->k;
			}
			if (pl) {
				wp_buf_puts(b, "<h4>");
				hw_texts(b, pl->row);
				wp_buf_puts(b, "</h4>");
			}
			wp_buf_puts(b, "<ol class=\"findings\">");
			open = 1;
		}
		char id[32], link[32];
		snprintf(id, sizeof id, "l%zu", o + 1);
		snprintf(link, sizeof link, "f%zu", o + 1);
		w->scratch.len = 0;
		const wp_diag *x = &r->d->items[i];
		if (pl)
			wp_buf_printf(&w->scratch, "%s, %s", pl->row, pl->column);
		else if (x->line)
			wp_buf_printf(&w->scratch, "line %u%s", x->line, x->file && p->source && strcmp(x->file, p->source) ? " of another file" : "");
		else
			wp_buf_puts(&w->scratch, "the document");
		item(w, i, id, pl ? link : NULL, w->scratch.data ? w->scratch.data : "");
		last = pl;
	}
	if (open)
		wp_buf_puts(b, "</ol>");
	if (!r->d->n)
		wp_buf_puts(b, "<p>No findings.</p>");
	wp_buf_puts(b, "</section>");
}

hw_review *hw_review_new(const wp_programme *p, const wp_diags *findings)
{
	hw_review *r = wp_malloc(sizeof *r);
	if (r && !review_make(r, p, findings)) {
		hw_review_free(r);
		r = NULL;
	}
	return r;
}
