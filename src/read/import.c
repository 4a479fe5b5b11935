/* import.c: a word processor's plain-text export (tab-separated cells) of
 * a joint work plan, a dated schedule, a progress report or action points,
 * turned into wpgen's Markdown source of that kind. What cannot be placed
 * is reported with its line (import.unplaced); nothing is dropped
 * silently. The action points' export has no marker between rows (a cell
 * starts with a tab and may run over several lines): it is imported as a
 * best-effort draft, five cells a row, and says so. */
#include "wpgen/wpgen.h"
#include "base/alloc.h"
#include "base/date.h"
#include "base/escape.h"
#include "base/util.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The export's lines, split once. */
typedef struct lines {
	char **l;
	size_t n;
} lines;

static int split_lines(lines *ls, const char *buf, size_t len)
{
	size_t cap = 64;
	ls->n = 0;
	ls->l = wp_malloc(cap * sizeof *ls->l);
	if (!ls->l)
		return WP_ENOMEM;
	size_t st = 0;
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		st = 3;
	for (size_t i = st; i <= len; i++) {
		if (i < len && buf[i] != '\n')
			continue;
		size_t e = i;
		if (e > st && buf[e - 1] == '\r')
			e--;
		if (ls->n == cap) {
			char **q = wp_realloc(ls->l, (cap *= 2) * sizeof *q);
			if (!q)
				return WP_ENOMEM;
			ls->l = q;
		}
		char *s = wp_malloc(e - st + 1);
		if (!s)
			return WP_ENOMEM;
		memcpy(s, buf + st, e - st);
		s[e - st] = '\0';
		ls->l[ls->n++] = s;
		st = i + 1;
	}
	return WP_OK;
}

static void free_lines(lines *ls)
{
	for (size_t i = 0; i < ls->n; i++)
		wp_free(ls->l[i]);
	wp_free(ls->l);
}

/* s without its leading and trailing blanks (tabs, spaces, NBSP), in place. */
static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t' || (s[0] == '\xC2' && s[1] == '\xA0'))
		s += *s == '\xC2' ? 2 : 1;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	if (n >= 2 && s[n - 2] == '\xC2' && s[n - 1] == '\xA0')
		n -= 2;
	s[n] = '\0';
	return s;
}

/* Text for a table cell: '|' escaped, blanks collapsed. */
static void put_cell(wp_buf *b, const char *s)
{
	int sp = 0;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t') {
			sp = 1;
			continue;
		}
		if (sp && b->len && b->data[b->len - 1] != ' ')
			wp_buf_putc(b, ' ');
		sp = 0;
		if (*s == '|')
			wp_buf_putc(b, '\\');
		wp_buf_putc(b, *s);
	}
}

/* A paragraph: blanks collapsed; what Markdown would take for a heading,
 * a list or a quote at its start escaped. */
static void put_para(wp_buf *b, const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	const char *d = s;
	while (isdigit((unsigned char)*d))
		d++;
	if (d == s) /* "II. Background": not a section heading of the programme */
		while (*d && strchr("IVXLC", *d))
			d++;
	if (d > s && (*d == '.' || *d == ')') && (d[1] == ' ' || !d[1])) {
		wp_buf_put(b, s, (size_t)(d - s)); /* "1. text" -> "1\. text", not a list */
		wp_buf_putc(b, '\\');
		s = d;
	} else if (*s == '#' || *s == '>' || ((*s == '-' || *s == '*' || *s == '+') && (s[1] == ' ' || !s[1]))) {
		wp_buf_putc(b, '\\');
	}
	put_cell(b, s);
	wp_buf_puts(b, "\n\n");
}

/* A line of an agenda item's text as what it is: "I. Background" (a
 * Roman numeral, a short title without a final dot) a heading; "- ",
 * "• " or "· " a bullet, written as a list item; else a paragraph. */
static void put_line(wp_buf *b, const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	const char *d = s;
	while (*d && strchr("IVX", *d))
		d++;
	size_t n = strlen(s);
	if (d > s && d - s <= 5 && d[0] == '.' && d[1] == ' ' && isupper((unsigned char)d[2]) && n <= 80 &&
	    s[n - 1] != '.' && s[n - 1] != ':' && s[n - 1] != ';') {
		wp_buf_puts(b, "## ");
		put_cell(b, s);
		wp_buf_puts(b, "\n\n");
		return;
	}
	size_t bullet = (s[0] == '-' || s[0] == '*') && s[1] == ' ' ? 2 : !strncmp(s, "\xE2\x80\xA2 ", 4) ? 4
		       : !strncmp(s, "\xC2\xB7 ", 3) ? 3 : 0;
	if (bullet) {
		wp_buf_puts(b, "- ");
		put_para(b, s + bullet); /* (its own start escaped: "- 1\\. text") */
		return;
	}
	put_para(b, s);
}

/* --set's KEY=VALUE pairs, which an import writes into its front matter. */
typedef struct sets {
	const char *const *kv;
	size_t n;
} sets;

/* Whether --set gives key. */
static int set_has(const sets *st, const char *key, size_t n)
{
	for (size_t i = 0; i < st->n; i++)
		if (!strncmp(st->kv[i], key, n) && st->kv[i][n] == '=')
			return 1;
	return 0;
}

/* The front matter: the profile, then what the export gave (NULL-
 * terminated pairs of key and value; a NULL or empty value is left out)
 * unless --set gives it too, then --set's own. Every value is a YAML
 * scalar, escaped as YAML needs. */
static void front(wp_buf *out, const char *profile, const sets *st, ...)
{
	va_list ap;
	const char *k;
	wp_buf_puts(out, "---\nprofile: ");
	esc_yaml(out, profile);
	wp_buf_putc(out, '\n');
	va_start(ap, st);
	while ((k = va_arg(ap, const char *)) != NULL) {
		const char *v = va_arg(ap, const char *);
		if (!v || !*v || set_has(st, k, strlen(k)))
			continue;
		wp_buf_printf(out, "%s: ", k);
		esc_yaml(out, v);
		wp_buf_putc(out, '\n');
	}
	va_end(ap);
	for (size_t i = 0; i < st->n; i++) {
		const char *eq = strchr(st->kv[i], '=');
		if (!eq || ((size_t)(eq - st->kv[i]) == 7 && !strncmp(st->kv[i], "profile", 7)))
			continue;
		wp_buf_put(out, st->kv[i], (size_t)(eq - st->kv[i]));
		wp_buf_puts(out, ": ");
		esc_yaml(out, eq + 1);
		wp_buf_putc(out, '\n');
	}
	wp_buf_puts(out, "---\n\n");
}

static void unplaced(wp_diags *d, const char *name, size_t line, const char *text)
{
	wp_diags_add(d, name, (unsigned)line, 1, WP_WARNING, "import.unplaced",
		     "could not place this line in the %s: '%.60s%s'", "programme", text, strlen(text) > 60 ? "..." : "");
}

/* Removes "[bookmark: ...]" anchors, in place. */
static void drop_bookmarks(char *s)
{
	char *p;
	while ((p = strstr(s, "[bookmark:")) != NULL) {
		char *e = strchr(p, ']');
		if (!e)
			break;
		memmove(p, e + 1, strlen(e + 1) + 1);
	}
}

static const char *const supers[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};

/***** joint work plan *****/

/* "N. Title" (not "N.M"): the area number, and *title. */
static int area_heading(char *t, char **title)
{
	char *p = t;
	while (isdigit((unsigned char)*p))
		p++;
	if (p == t || *p != '.' || isdigit((unsigned char)p[1]))
		return 0;
	p++;
	if (*p != ' ' && *p != '\t')
		return 0;
	*title = trim(p);
	return atoi(t);
}

static int is_action_number(const char *t)
{
	const char *p = t;
	while (isdigit((unsigned char)*p))
		p++;
	if (p == t || *p != '.')
		return 0;
	p++;
	const char *q = p;
	while (isdigit((unsigned char)*p))
		p++;
	return p > q && *p == '\0';
}


/* An action's text: "[footnoteRef:1]" a footnote's mark, and "[1: ...]"
 * its text, which goes to the area's notes. */
static void action_text(wp_buf *act, wp_buf *notes, const char *cell)
{
	for (const char *p = cell; *p;) {
		int fn, used = 0;
		if (sscanf(p, "[footnoteRef:%d]%n", &fn, &used) == 1 && used > 0) {
			if (fn >= 0 && fn < 10)
				wp_buf_puts(act, supers[fn]);
			p += used;
			continue;
		}
		const char *c = p + 1;
		while (p[0] == '[' && isdigit((unsigned char)*c))
			c++;
		const char *e = p[0] == '[' && c > p + 1 && *c == ':' ? strchr(c, ']') : NULL;
		if (!e) {
			wp_buf_putc(act, *p++);
			continue;
		}
		int k = atoi(p + 1);
		wp_buf ft = {0};
		wp_buf_put(&ft, c + 1, (size_t)(e - c - 1));
		wp_buf_printf(notes, "%s ", k >= 0 && k < 10 ? supers[k] : "*");
		put_cell(notes, ft.data ? trim(ft.data) : "");
		wp_buf_puts(notes, "\n\n");
		if (ft.oom)
			notes->oom = 1;
		wp_buf_free(&ft);
		p = e + 1;
	}
}

/* An action row: its number at line *i, then the action and its time
 * frame, the next two lines with text. 0 when they are not there. */
static int joint_action(wp_buf *body, wp_buf *notes, lines *ls, size_t *i, const char *t)
{
	char *cells[2] = {NULL, NULL};
	size_t j = *i + 1;
	for (int c = 0; c < 2 && j < ls->n; j++) {
		drop_bookmarks(ls->l[j]);
		char *u = trim(ls->l[j]);
		if (*u)
			cells[c++] = u;
	}
	if (!cells[1])
		return 0;
	wp_buf act = {0};
	action_text(&act, notes, cells[0]);
	wp_buf_printf(body, "| %s | ", t);
	put_cell(body, act.data ? trim(act.data) : "");
	wp_buf_puts(body, " | ");
	put_cell(body, cells[1]);
	wp_buf_puts(body, " |\n");
	if (act.oom)
		body->oom = 1;
	wp_buf_free(&act);
	*i = j - 1;
	return 1;
}

/* The title: the first lines up to a blank one (or "Agreed on"). */
static size_t joint_title(wp_buf *title, lines *ls)
{
	size_t i = 0;
	while (i < ls->n && !*trim(ls->l[i]))
		i++;
	for (; i < ls->n && *trim(ls->l[i]); i++) {
		char *t = trim(ls->l[i]);
		if (!strncmp(t, "Agreed on", 9))
			break;
		wp_buf_printf(title, "%s%s", title->len ? " " : "", t);
	}
	return i;
}

static int import_joint(wp_buf *out, lines *ls, const sets *st, const char *name, wp_diags *d, size_t *nareas, size_t *nactions)
{
	wp_buf pre = {0}, body = {0}, title = {0};
	wp_buf notes = {0}; /* the current area's footnotes, after its table */
	int y0 = 0, y1 = 0, in_table = 0, area = 0;

	for (size_t i = joint_title(&title, ls); i < ls->n; i++) {
		char *raw = ls->l[i];
		drop_bookmarks(raw);
		char *t = trim(raw), *atitle;
		if (!*t)
			continue;
		int an = area_heading(t, &atitle);
		if (an && !is_action_number(t)) {
			if (in_table)
				wp_buf_putc(&body, '\n');
			wp_buf_put(&body, notes.data ? notes.data : "", notes.len);
			notes.len = 0;
			wp_buf_printf(&body, "## %d. ", an);
			put_cell(&body, atitle);
			wp_buf_puts(&body, "\n\n");
			area = an;
			in_table = 0;
			(*nareas)++;
		} else if ((!strcmp(t, "No") || !strcmp(t, "No.")) && i + 2 < ls->n && !strcmp(trim(ls->l[i + 1]), "Action") &&
			   !strncmp(trim(ls->l[i + 2]), "Time frame", 10)) {
			wp_buf_puts(&body, "| No | Action | Time frame |\n|---|---|---|\n");
			in_table = 1;
			i += 2;
		} else if (in_table && is_action_number(t)) {
			if (joint_action(&body, &notes, ls, &i, t))
				(*nactions)++;
			else
				unplaced(d, name, i + 1, t);
		} else {
			if (in_table) /* after the table, text belongs to the area: a paragraph */
				wp_buf_putc(&body, '\n');
			in_table = 0;
			if (!area && !y0)
				wp_text_period(t, 1, &y0, &y1);
			put_para(area ? &body : &pre, t);
		}
	}
	if (in_table)
		wp_buf_putc(&body, '\n');
	wp_buf_put(&body, notes.data ? notes.data : "", notes.len);

	wp_buf period = {0};
	if (y0)
		wp_buf_printf(&period, "%d-%d", y0, y1);
	front(out, "joint-work-plan", st, "period", period.data, (const char *)NULL);
	wp_buf_puts(out, "# ");
	put_cell(out, title.data ? title.data : "");
	wp_buf_puts(out, "\n\n");
	wp_buf_put(out, pre.data ? pre.data : "", pre.len);
	wp_buf_put(out, body.data ? body.data : "", body.len);
	int oom = pre.oom || body.oom || title.oom || notes.oom || period.oom;
	wp_buf_free(&period);
	wp_buf_free(&notes);
	wp_buf_free(&title);
	wp_buf_free(&pre);
	wp_buf_free(&body);
	if (!y0)
		wp_diags_add(d, name, 1, 1, WP_NOTE, "import.unplaced",
			     "no plan period (\"July 2019 - June 2022\") found: set 'period:' in the front matter (--set period=Y1-Y2)");
	return oom ? WP_ENOMEM : WP_OK;
}

/***** dated schedule *****/

/* A line's tab-separated cells, however many. */
typedef struct cells {
	char **c;
	size_t n, cap;
	int oom;
} cells;

/* Splits s into cells (in place); returns their number. */
static size_t cells_of(char *s, cells *cs)
{
	cs->n = 0;
	for (;;) {
		if (cs->n == cs->cap) {
			size_t nc = cs->cap ? cs->cap * 2 : 32;
			char **g = wp_realloc(cs->c, nc * sizeof *g);
			if (!g) {
				cs->oom = 1;
				return cs->n;
			}
			cs->c = g;
			cs->cap = nc;
		}
		cs->c[cs->n++] = s;
		char *t = strchr(s, '\t');
		if (!t)
			break;
		*t = '\0';
		s = t + 1;
	}
	for (size_t i = 0; i < cs->n; i++)
		cs->c[i] = trim(cs->c[i]);
	return cs->n;
}

/* The same on a copy of s (in scratch), leaving s whole. */
static size_t cells_copy(const char *s, wp_buf *scratch, cells *cs)
{
	scratch->len = 0;
	wp_buf_puts(scratch, s);
	wp_buf_put(scratch, "", 0);
	if (scratch->oom) {
		cs->oom = 1;
		cs->n = 0;
		return 0;
	}
	return cells_of(scratch->data, cs);
}

/* Whether cells are an outline's header: "No Topic ...". */
static int outline_header(const cells *cs)
{
	return cs->n > 3 && (!strcmp(cs->c[0], "No") || !strcmp(cs->c[0], "No.")) && !strcmp(cs->c[1], "Topic");
}

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* A dated schedule being imported: what each part gathers. */
typedef struct sched {
	lines *ls;
	const char *name;
	wp_diags *d;
	size_t i; /* the line being read */
	wp_buf pre, outline, legend, tasks, scratch;
	wp_buf title, outline_title, tasks_title, annex_to;
	wp_buf *months; /* a month column's name, from two header rows */
	size_t nmonths;
	cells cs;
	int peer0; /* the first reviewer column; writers come before it */
} sched;

/* The title: the two lines before "(Item ... on the Agenda)"; then what
 * stands before the outline's header, the agenda item's text, kept as
 * the preamble. */
static void sched_preamble(sched *x)
{
	lines *ls = x->ls;
	for (size_t k = 0; k < ls->n; k++)
		if (strstr(ls->l[k], "on the Agenda)") && k >= 2) {
			wp_buf_printf(&x->title, "%s: %s", trim(ls->l[k - 2]), trim(ls->l[k - 1]));
			break;
		}
	for (; x->i < ls->n; x->i++) {
		cells_copy(ls->l[x->i], &x->scratch, &x->cs);
		if (outline_header(&x->cs))
			break;
		char *t = trim(ls->l[x->i]);
		if (*t && !(t[0] == '*' && (!t[1] || t[1] == ' '))) {
			x->outline_title.len = 0;
			wp_buf_puts(&x->outline_title, t);
		}
		if (*t && x->i + 1 < ls->n) {
			cells_copy(ls->l[x->i + 1], &x->scratch, &x->cs);
			if (outline_header(&x->cs))
				continue; /* the outline's title: not a paragraph */
		}
		if (*t && !(t[0] == '*' && (!t[1] || t[1] == ' ' || t[1] == '*')))
			put_line(&x->pre, t);
	}
}

/* An outline row: number, topic, writers, peer reviewers. */
static void sched_topic(sched *x, char **cell, size_t n)
{
	wp_buf w = {0}, p = {0};
	for (size_t c = 2; c < n; c++) {
		if (!*cell[c])
			continue;
		wp_buf *to = x->peer0 >= 0 && (int)c >= x->peer0 ? &p : &w;
		if (to->len)
			wp_buf_puts(to, ", ");
		wp_buf_puts(to, cell[c]);
	}
	const char *v[4] = {cell[0], cell[1], w.data ? w.data : "", p.data ? p.data : ""};
	for (int k = 0; k < 4; k++) {
		wp_buf_puts(&x->outline, k ? " | " : "| ");
		put_cell(&x->outline, v[k]);
	}
	wp_buf_puts(&x->outline, " |\n");
	if (w.oom || p.oom)
		x->cs.oom = 1;
	wp_buf_free(&w);
	wp_buf_free(&p);
}

/* The outline: "No Topic Writer ... Peer ...", a row of slot numbers,
 * rows, and its legend ("*) APN : National Port Authority of Morocco;"). */
static void sched_outline(sched *x, size_t *ntopics)
{
	lines *ls = x->ls;
	if (x->i < ls->n) {
		size_t n = cells_copy(ls->l[x->i], &x->scratch, &x->cs);
		for (size_t c = 0; c < n; c++)
			if (!strncmp(x->cs.c[c], "Peer", 4))
				x->peer0 = (int)c;
		x->i += 2; /* the header and its row of slot numbers */
		wp_buf_puts(&x->outline, "| No. | Topic | Writers | Peer reviewers |\n|---|---|---|---|\n");
	}
	for (; x->i < ls->n; x->i++) {
		char *t = trim(ls->l[x->i]);
		if (!*t)
			continue;
		if (!strncmp(t, "Annex", 5))
			break;
		if (t[0] == '*' && t[1] == ')') {
			for (; x->i < ls->n && *trim(ls->l[x->i]); x->i++)
				put_para(&x->legend, trim(ls->l[x->i]));
			continue;
		}
		size_t n = cells_of(ls->l[x->i], &x->cs);
		if (n < 2) {
			unplaced(x->d, x->name, x->i + 1, t);
			continue;
		}
		sched_topic(x, x->cs.c, n);
		(*ntopics)++;
	}
	/* "Annex II to" / "Doc. ..." */
	for (; x->i < ls->n; x->i++) {
		char *t = trim(ls->l[x->i]);
		if (!*t || !strncmp(t, "Annex", 5))
			continue;
		if (strncmp(t, "Doc.", 4))
			break;
		x->annex_to.len = 0;
		wp_buf_puts(&x->annex_to, t);
	}
}

/* The tasks' header: "No. Title Due By 1 2 ... 14", then a row of month
 * names; the table's header as Markdown. */
static void sched_tasks_header(sched *x)
{
	lines *ls = x->ls;
	if (x->i < ls->n) {
		size_t n = cells_of(ls->l[x->i], &x->cs);
		char **cell = x->cs.c;
		if (n >= 3 && (!strcmp(cell[0], "No.") || !strcmp(cell[0], "No")) && strstr(cell[2], "Due")) {
			wp_buf_puts(&x->tasks_title, cell[1]);
			x->nmonths = n - 3;
			if (!(x->months = wp_malloc((x->nmonths ? x->nmonths : 1) * sizeof *x->months)))
				x->cs.oom = 1, x->nmonths = 0;
			for (size_t c = 3; c < n && x->months; c++) {
				memset(&x->months[c - 3], 0, sizeof *x->months);
				wp_buf_puts(&x->months[c - 3], cell[c]);
			}
			if (++x->i < ls->n) {
				size_t m = cells_of(ls->l[x->i], &x->cs);
				for (size_t c = 3; c < m && c - 3 < x->nmonths; c++)
					if (*x->cs.c[c])
						wp_buf_printf(&x->months[c - 3], " %s", x->cs.c[c]);
				x->i++;
			}
		} else {
			unplaced(x->d, x->name, x->i + 1, trim(ls->l[x->i]));
		}
	}
	wp_buf_puts(&x->tasks, "| No. | Task | Due by |");
	for (size_t m = 0; m < x->nmonths; m++) {
		wp_buf_putc(&x->tasks, ' ');
		put_cell(&x->tasks, x->months[m].data ? x->months[m].data : "");
		wp_buf_puts(&x->tasks, " |");
	}
	wp_buf_puts(&x->tasks, "\n|---|---|---|");
	for (size_t m = 0; m < x->nmonths; m++)
		wp_buf_puts(&x->tasks, "---|");
	wp_buf_putc(&x->tasks, '\n');
}

/* The task rows; a row exported with empty cells in front is realigned
 * on its number. */
static void sched_tasks(sched *x, size_t *ntasks)
{
	lines *ls = x->ls;
	for (; x->i < ls->n; x->i++) {
		char *t = trim(ls->l[x->i]);
		if (!*t)
			continue;
		size_t n = cells_of(ls->l[x->i], &x->cs), s = 0;
		char **cell = x->cs.c;
		while (s < n && !*cell[s])
			s++;
		if (s < n && all_digits(cell[s]) && s > 0)
			wp_diags_add(x->d, x->name, (unsigned)(x->i + 1), 1, WP_NOTE, "import.realigned",
				     "task %s starts %zu cells to the right of its column: realigned", cell[s], s);
		if (s >= n || !all_digits(cell[s]) || s + 1 >= n) {
			unplaced(x->d, x->name, x->i + 1, t);
			continue;
		}
		wp_buf_printf(&x->tasks, "| %s | ", cell[s]);
		put_cell(&x->tasks, cell[s + 1]);
		wp_buf_puts(&x->tasks, " | ");
		put_cell(&x->tasks, s + 2 < n ? cell[s + 2] : "");
		wp_buf_puts(&x->tasks, " |");
		for (size_t m = 0; m < x->nmonths; m++) {
			wp_buf_putc(&x->tasks, ' ');
			put_cell(&x->tasks, s + 3 + m < n ? cell[s + 3 + m] : "");
			wp_buf_puts(&x->tasks, " |");
		}
		for (size_t c = s + 3 + x->nmonths; c < n; c++)
			if (*cell[c])
				unplaced(x->d, x->name, x->i + 1, cell[c]);
		wp_buf_putc(&x->tasks, '\n');
		(*ntasks)++;
	}
}

static void sched_write(sched *x, wp_buf *out, const sets *st)
{
	front(out, "dated-schedule", st, "annex_to", x->annex_to.data, (const char *)NULL);
	wp_buf_puts(out, "# ");
	put_cell(out, x->title.len ? x->title.data : "Schedule");
	wp_buf_puts(out, "\n\n");
	if (x->pre.len)
		wp_buf_put(out, x->pre.data, x->pre.len);
	wp_buf_puts(out, "## ");
	put_cell(out, x->outline_title.len ? x->outline_title.data : "Outline");
	wp_buf_puts(out, "\n\n");
	if (x->outline.len)
		wp_buf_put(out, x->outline.data, x->outline.len);
	wp_buf_putc(out, '\n');
	if (x->legend.len)
		wp_buf_put(out, x->legend.data, x->legend.len);
	wp_buf_puts(out, "## Work plan: ");
	put_cell(out, x->tasks_title.len ? x->tasks_title.data : "tasks");
	wp_buf_puts(out, "\n\n");
	wp_buf_put(out, x->tasks.data, x->tasks.len);
}

/* Frees x; whether memory ran out in any part. */
static int sched_free(sched *x)
{
	wp_buf *bufs[] = {&x->pre, &x->outline, &x->legend, &x->tasks, &x->scratch,
			  &x->title, &x->outline_title, &x->tasks_title, &x->annex_to};
	int oom = x->cs.oom;
	for (size_t k = 0; k < sizeof bufs / sizeof bufs[0]; k++) {
		oom |= bufs[k]->oom;
		wp_buf_free(bufs[k]);
	}
	for (size_t m = 0; m < x->nmonths; m++)
		oom |= x->months[m].oom, wp_buf_free(&x->months[m]);
	wp_free(x->months);
	wp_free(x->cs.c);
	return oom;
}

static int import_schedule(wp_buf *out, lines *ls, const sets *st, const char *name, wp_diags *d, size_t *ntopics, size_t *ntasks)
{
	sched x;
	memset(&x, 0, sizeof x);
	x.ls = ls;
	x.name = name;
	x.d = d;
	x.peer0 = -1;
	sched_preamble(&x);
	sched_outline(&x, ntopics);
	sched_tasks_header(&x);
	sched_tasks(&x, ntasks);
	sched_write(&x, out, st);
	return sched_free(&x) ? WP_ENOMEM : WP_OK;
}

/***** progress report *****/

static int import_report(wp_buf *out, lines *ls, const sets *st, const char *name, wp_diags *d, size_t *nsections)
{
	wp_buf body = {0}, para = {0};
	wp_buf title = {0};
	(void)name;
	(void)d;
	for (size_t i = 0; i < ls->n; i++) {
		char *t = trim(ls->l[i]);
		if (!title.len && *t) {
			wp_buf_puts(&title, t);
			continue;
		}
		char *htitle;
		int bullet = !strncmp(t, "\xEF\x82\xB7", 3) || !strncmp(t, "\xE2\x80\xA2", 3);
		/* "3. Sea containers": a short numbered line that starts a paragraph
		 * (not a wrapped line that happens to start "2019. The ...") */
		int heading = *t && !para.len && strspn(t, "0123456789") <= 2 && area_heading(t, &htitle) &&
			      strlen(htitle) < 90;
		if (!*t || heading || bullet) {
			if (para.len) {
				put_para(&body, para.data);
				para.len = 0;
				para.data[0] = '\0';
			}
		}
		if (heading) {
			/* the report's own numbering is kept: it is not the plan's,
			 * and the report is read with its numbers as written */
			wp_buf_printf(&body, "## %.*s. ", (int)strspn(t, "0123456789"), t);
			put_cell(&body, htitle);
			wp_buf_puts(&body, "\n\n");
			(*nsections)++;
		} else if (bullet) {
			wp_buf_puts(&para, "- ");
			wp_buf_puts(&para, trim(t + 3));
		} else if (*t) {
			if (para.len)
				wp_buf_putc(&para, ' ');
			wp_buf_puts(&para, t);
		}
	}
	if (para.len)
		put_para(&body, para.data);
	front(out, "progress-report", st, (const char *)NULL);
	wp_buf_puts(out, "# ");
	put_cell(out, title.data ? title.data : "");
	wp_buf_puts(out, "\n\n");
	wp_buf_put(out, body.data ? body.data : "", body.len);
	int oom = body.oom || para.oom || title.oom;
	wp_buf_free(&title);
	wp_buf_free(&body);
	wp_buf_free(&para);
	return oom ? WP_ENOMEM : WP_OK;
}

/***** action points *****/

/* The action points' columns, as their export's header names them. */
static const char *const ap_header[] = {"Action", "Proposed time scale", "Responsibility", "Update/Feedback",
					"Notes/suggestions"};
enum { AP_COLS = 5 };

static int ap_is_header(const char *t)
{
	static const char *const also[] = {"Actions", "Time scale", "Timescale", "Proposed timescale", "Responsible",
					   "Update", "Feedback", "Update / Feedback", "Notes", "Suggestions",
					   "Notes / suggestions"};
	for (size_t k = 0; k < AP_COLS; k++)
		if (!strcasecmp(t, ap_header[k]))
			return 1;
	for (size_t k = 0; k < sizeof also / sizeof also[0]; k++)
		if (!strcasecmp(t, also[k]))
			return 1;
	return 0;
}

/* The row being gathered: up to five cells, each its lines joined. */
typedef struct ap_row {
	wp_buf cell[AP_COLS];
	size_t n;         /* cells started */
	size_t line;      /* the line of its first cell */
	size_t gap;       /* blank lines since the cell's last text */
} ap_row;

/* Writes the row (and a finding when it has fewer than five cells). */
static void ap_flush(wp_buf *body, ap_row *r, int *table, const char *name, wp_diags *d, size_t *nrows)
{
	if (!r->n)
		return;
	if (!*table) {
		wp_buf_puts(body, "| Action | Proposed time scale | Responsibility | Update/Feedback | Notes/suggestions |\n"
				  "|---|---|---|---|---|\n");
		*table = 1;
	}
	wp_buf_putc(body, '|');
	for (size_t c = 0; c < AP_COLS; c++) {
		wp_buf_putc(body, ' ');
		if (c < r->n && r->cell[c].len)
			wp_buf_put(body, r->cell[c].data, r->cell[c].len);
		wp_buf_puts(body, " |");
		r->cell[c].len = 0;
	}
	wp_buf_putc(body, '\n');
	if (r->n < AP_COLS)
		wp_diags_add(d, name, (unsigned)r->line, 1, WP_WARNING, "import.unplaced",
			     "this row has %zu of the 5 cells (the export marks no row's end): the cells after it may "
			     "belong here; check the draft against the original", r->n);
	(*nrows)++;
	r->n = 0;
}

/* Adds a line's text to the row's current cell (a new line of the cell:
 * "<br>", which the reader keeps as a line break). */
static void ap_add(ap_row *r, const char *t)
{
	wp_buf *c = &r->cell[r->n - 1];
	if (!*t)
		return;
	if (c->len)
		wp_buf_puts(c, "<br>");
	if (!strncmp(t, "\xC2\xB7 ", 3) || !strncmp(t, "\xE2\x80\xA2 ", 4)) /* a bullet: "- ", as a list item */
		t += t[0] == '\xC2' ? 3 : 4, wp_buf_puts(c, "- ");
	put_cell(c, t);
}

/* The next line after i with text, or ls->n. */
static size_t next_text(const lines *ls, size_t i)
{
	while (++i < ls->n) {
		const char *t = ls->l[i];
		while (*t == ' ' || *t == '\t')
			t++;
		if (*t)
			break;
	}
	return i;
}

static int import_actions(wp_buf *out, lines *ls, const sets *st, const char *name, wp_diags *d, size_t *nthemes,
			  size_t *nrows)
{
	wp_buf title = {0}, pre = {0}, body = {0};
	ap_row r;
	size_t i = 0, header = 0;
	int table = 0;
	memset(&r, 0, sizeof r);

	/* the title and what follows it, up to the header's cells */
	while (i < ls->n && !*trim(ls->l[i]))
		i++;
	for (; i < ls->n && *trim(ls->l[i]) && ls->l[i][0] != '\t'; i++)
		wp_buf_printf(&title, "%s%s", title.len ? ": " : "", trim(ls->l[i]));
	for (; i < ls->n && !(ls->l[i][0] == '\t' && ap_is_header(trim(ls->l[i]))); i++) {
		char *t = trim(ls->l[i]);
		if (*t)
			put_para(&pre, t);
	}
	for (; i < ls->n && (ap_is_header(trim(ls->l[i])) || !*ls->l[i]); i++)
		header += *ls->l[i] != '\0';
	if (!header)
		wp_diags_add(d, name, 0, 0, WP_WARNING, "import.unplaced",
			     "no header of action points (Action, Proposed time scale, Responsibility, Update/Feedback, "
			     "Notes/suggestions) was found: the rows are read in that order");
	wp_diags_add(d, name, 0, 0, WP_NOTE, "import.draft",
		     "action points are imported as a draft: the export marks no row's end, so each row takes the "
		     "next five cells (a cell starts at a tab); check it against the original");

	for (; i < ls->n; i++) {
		char *raw = ls->l[i];
		int tab = raw[0] == '\t'; /* a cell starts, empty or not */
		char *t = trim(raw);
		if (!*t && !tab) {
			r.gap++;
			continue;
		}
		if (tab) {
			/* a cell; or a theme: a short line alone between blank lines,
			 * a cell next, where no row is under way */
			size_t nx = next_text(ls, i);
			int alone = (i == 0 || (ls->l[i - 1][0] != '\t' && !*trim(ls->l[i - 1]))) && i + 1 < ls->n &&
				    ls->l[i + 1][0] != '\t' && !*trim(ls->l[i + 1]);
			if ((r.n == 0 || r.n == AP_COLS) && alone && *t && strlen(t) <= 60 && t[strlen(t) - 1] != '.' && nx < ls->n &&
			    ls->l[nx][0] == '\t') {
				ap_flush(&body, &r, &table, name, d, nrows);
				if (table)
					wp_buf_putc(&body, '\n');
				table = 0;
				wp_buf_puts(&body, "## ");
				put_cell(&body, t);
				wp_buf_puts(&body, "\n\n");
				(*nthemes)++;
				continue;
			}
			if (r.n == AP_COLS)
				ap_flush(&body, &r, &table, name, d, nrows);
			if (r.n == 0)
				r.line = i + 1;
			r.n++;
			r.gap = 0;
			ap_add(&r, t);
			continue;
		}
		/* a line without a tab: the current cell goes on */
		if (!r.n) {
			/* (none: kept in the draft as a paragraph, and said) */
			unplaced(d, name, i + 1, t);
			if (table)
				wp_buf_putc(&body, '\n');
			table = 0;
			put_para(&body, t);
			continue;
		}
		ap_add(&r, t);
		r.gap = 0;
	}
	ap_flush(&body, &r, &table, name, d, nrows);
	if (*nrows && !*nthemes)
		wp_diags_add(d, name, 0, 0, WP_NOTE, "import.draft", "no theme was found: the actions are under one heading");

	front(out, "action-points", st, (const char *)NULL);
	wp_buf_puts(out, "# ");
	put_cell(out, title.len ? title.data : "Action points");
	wp_buf_puts(out, "\n\n");
	wp_buf_put(out, pre.data ? pre.data : "", pre.len);
	if (*nrows && !*nthemes)
		wp_buf_puts(out, "## Actions\n\n");
	wp_buf_put(out, body.data ? body.data : "", body.len);
	int oom = title.oom || pre.oom || body.oom;
	for (size_t c = 0; c < AP_COLS; c++) {
		oom |= r.cell[c].oom;
		wp_buf_free(&r.cell[c]);
	}
	wp_buf_free(&title);
	wp_buf_free(&pre);
	wp_buf_free(&body);
	return oom ? WP_ENOMEM : WP_OK;
}

int wp_import(char **out, size_t *outlen, const char *kind, const char *buf, size_t len, const char *name,
	      const char *const *set, size_t nset, wp_import_stats *st, wp_diags *d)
{
	sets sv = {set, nset};
	lines ls = {0};
	wp_buf b = {0};
	int rc;
	memset(st, 0, sizeof *st);
	*out = NULL;
	*outlen = 0;
	if (strcmp(kind, "joint-work-plan") && strcmp(kind, "dated-schedule") && strcmp(kind, "progress-report") &&
	    strcmp(kind, "action-points")) {
		wp_diags_add(d, name, 0, 0, WP_ERROR, "import.unsupported",
			     "wpgen imports joint-work-plan, dated-schedule, progress-report and action-points exports, "
			     "not '%s'", kind);
		return WP_EUSAGE;
	}
	rc = split_lines(&ls, buf, len);
	if (rc == WP_OK) {
		if (!strcmp(kind, "joint-work-plan"))
			rc = import_joint(&b, &ls, &sv, name, d, &st->sections, &st->rows);
		else if (!strcmp(kind, "dated-schedule"))
			rc = import_schedule(&b, &ls, &sv, name, d, &st->sections, &st->rows);
		else if (!strcmp(kind, "action-points"))
			rc = import_actions(&b, &ls, &sv, name, d, &st->sections, &st->rows);
		else
			rc = import_report(&b, &ls, &sv, name, d, &st->sections);
	}
	free_lines(&ls);
	if (rc == WP_OK && (b.oom || d->oom))
		rc = WP_ENOMEM;
	if (rc == WP_OK && !st->rows && (strcmp(kind, "progress-report") || !st->sections)) {
		/* an empty export, or one of another kind: no import */
		wp_diags_add(d, name, 0, 0, WP_ERROR, "import.empty",
			     "nothing was found to import: no %s in this export (is it a %s export?)",
			     !strcmp(kind, "joint-work-plan") ? "action of an area" : !strcmp(kind, "dated-schedule") ? "task"
			     : !strcmp(kind, "action-points") ? "action" : "section", kind);
		rc = WP_EINPUT;
	}
	if (rc != WP_OK) {
		wp_buf_free(&b);
		return rc;
	}
	*out = wp_buf_detach(&b, outlen);
	return *out ? WP_OK : WP_ENOMEM;
}
