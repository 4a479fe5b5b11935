/* format.c: diagnostics as gcc lines, JSON, SARIF 2.1.0 or GitHub
 * workflow commands (see wpgen/format.h). */
#include "wpgen/wpgen.h"
#include "base/alloc.h"
#include "base/escape.h"
#include "base/hash.h"
#include "base/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

int wp_format_parse(const char *name)
{
	static const char *const names[] = {"gcc", "json", "sarif", "github"};
	for (int i = 0; i < 4; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return -1;
}

/***** statistics: a count per rule, worst first *****/

typedef struct stat {
	const char *rule;
	wp_severity severity;
	size_t count;
} stat;

static int cmp_stat(const void *a, const void *b)
{
	const stat *x = a, *y = b;
	if (x->severity != y->severity)
		return x->severity > y->severity ? -1 : 1;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->rule, y->rule);
}

/* The rules of d's findings with their counts, worst first (errors, then
 * warnings, then notes; the most frequent first); *n of them, malloc'd. */
static stat *statistics(const wp_diags *d, size_t *n)
{
	stat *s = wp_malloc((d->n ? d->n : 1) * sizeof *s);
	*n = 0;
	for (size_t i = 0; s && i < d->n; i++) {
		size_t k = 0;
		if (d->items[i].accepted) /* (counted apart, as the total does) */
			continue;
		while (k < *n && (strcmp(s[k].rule, d->items[i].rule) || s[k].severity != d->items[i].severity))
			k++;
		if (k == *n)
			s[(*n)++] = (stat){d->items[i].rule, d->items[i].severity, 0};
		s[k].count++;
	}
	if (s && *n)
		qsort(s, *n, sizeof *s, cmp_stat);
	return s;
}

static void json_statistics(wp_buf *b, const stat *s, size_t n)
{
	wp_buf_puts(b, "[");
	for (size_t i = 0; i < n; i++) {
		wp_buf_puts(b, i ? ", {\"rule\": " : "{\"rule\": ");
		esc_json(b, s[i].rule);
		wp_buf_printf(b, ", \"severity\": \"%s\", \"count\": %zu}", wp_severity_name(s[i].severity), s[i].count);
	}
	wp_buf_puts(b, "]");
}

static const char *sarif_level(wp_severity s)
{
	return s == WP_ERROR ? "error" : s == WP_WARNING ? "warning" : "note";
}

/* file:line:column: severity: message [rule], for a terminal: control
 * characters in a name or a message are shown escaped, never obeyed. */
static void gcc(wp_buf *b, const wp_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const wp_diag *x = &d->items[i];
		esc_term(b, x->file ? x->file : "-");
		if (x->where) {
			wp_buf_puts(b, ": ");
			esc_term(b, x->where);
		} else if (x->line) {
			wp_buf_printf(b, ":%u:%u", x->line, x->col);
		}
		wp_buf_printf(b, ": %s: ", wp_severity_name(x->severity));
		esc_term(b, x->message);
		wp_buf_printf(b, " [%s]", x->rule);
		if (x->accepted) {
			wp_buf_puts(b, " (accepted: ");
			esc_term(b, x->accepted);
			wp_buf_putc(b, ')');
		}
		wp_buf_putc(b, '\n');
	}
}

static void json(wp_buf *b, const wp_diags *d)
{
	wp_buf_puts(b, "[");
	for (size_t i = 0; i < d->n; i++) {
		const wp_diag *x = &d->items[i];
		wp_buf_puts(b, i ? ",\n  {" : "\n  {");
		wp_buf_puts(b, "\"file\": ");
		esc_json(b, x->file);
		if (x->where) {
			wp_buf_puts(b, ", \"line\": 0, \"column\": 0, \"end_line\": 0, \"end_column\": 0, \"where\": ");
			esc_json(b, x->where);
			wp_buf_puts(b, ", \"rule\": ");
		} else {
			wp_buf_printf(b, ", \"line\": %u, \"column\": %u, \"end_line\": %u, \"end_column\": %u, \"rule\": ",
				      x->line, x->col, x->end_line, x->end_col);
		}
		esc_json(b, x->rule);
		wp_buf_puts(b, ", \"severity\": ");
		esc_json(b, wp_severity_name(x->severity));
		wp_buf_puts(b, ", \"message\": ");
		esc_json(b, x->message);
		if (x->fix_text) {
			wp_buf_printf(b, ", \"fix\": {\"offset\": %zu, \"length\": %zu, \"replacement\": ", x->fix_off,
				      x->fix_len);
			esc_json(b, x->fix_text);
			wp_buf_puts(b, "}");
		}
		if (x->accepted) {
			wp_buf_puts(b, ", \"accepted\": ");
			esc_json(b, x->accepted);
		}
		wp_buf_puts(b, "}");
	}
	wp_buf_puts(b, d->n ? "\n]\n" : "]\n");
}

/* A finding's fingerprint leaves the line out, so that it keeps its
 * identity when lines above it move: the hash of its file, rule and
 * message, and which of the equal findings of that file it is. */
typedef struct print {
	uint64_t h;
	const wp_diag *x;
	size_t i;
} print;

static int str_cmp(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int cmp_print(const void *a, const void *b)
{
	const print *p = a, *q = b;
	int c;
	if (p->h != q->h)
		return p->h < q->h ? -1 : 1;
	if ((c = str_cmp(p->x->file, q->x->file)) || (c = str_cmp(p->x->rule, q->x->rule)) ||
	    (c = str_cmp(p->x->message, q->x->message)))
		return c;
	return (p->i > q->i) - (p->i < q->i);
}

/* Each finding's hash and its place among its equals (from 1), in n log n. */
static int prints(const wp_diags *d, uint64_t *h, size_t *occurrence)
{
	print *v = wp_malloc((d->n ? d->n : 1) * sizeof *v);
	if (!v)
		return WP_ENOMEM;
	for (size_t i = 0; i < d->n; i++) {
		const wp_diag *x = &d->items[i];
		h[i] = wp_hash_str(wp_hash_str(wp_hash_str(WP_HASH0, x->file ? x->file : ""), x->rule), x->message);
		v[i] = (print){h[i], x, i};
	}
	qsort(v, d->n, sizeof *v, cmp_print);
	for (size_t i = 0; i < d->n; i++) {
		int same = i && v[i - 1].h == v[i].h && !str_cmp(v[i - 1].x->file, v[i].x->file) &&
			   !str_cmp(v[i - 1].x->rule, v[i].x->rule) && !str_cmp(v[i - 1].x->message, v[i].x->message);
		occurrence[v[i].i] = same ? occurrence[v[i - 1].i] + 1 : 1;
	}
	wp_free(v);
	return WP_OK;
}

static void sarif(wp_buf *b, const wp_diags *d)
{
	size_t nrules;
	const wp_rule *rules = wp_rules(&nrules);
	uint64_t *hash = wp_malloc((d->n ? d->n : 1) * sizeof *hash);
	size_t *occurrence = wp_malloc((d->n ? d->n : 1) * sizeof *occurrence);
	if (!hash || !occurrence || prints(d, hash, occurrence) != WP_OK) {
		wp_free(hash);
		wp_free(occurrence);
		b->oom = 1;
		return;
	}
	wp_buf_puts(b, "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
		       "  \"version\": \"2.1.0\",\n  \"runs\": [{\n    \"tool\": {\"driver\": {\n"
		       "      \"name\": \"wpgen\",\n      \"version\": \"" WPGEN_VERSION "\",\n"
		       "      \"rules\": [");
	for (size_t i = 0; i < nrules; i++) {
		const wp_rule *r = &rules[i];
		wp_buf_puts(b, i ? ",\n        {\"id\": " : "\n        {\"id\": ");
		esc_json(b, r->id);
		wp_buf_puts(b, ", \"name\": ");
		esc_json(b, r->name);
		wp_buf_puts(b, ", \"shortDescription\": {\"text\": ");
		esc_json(b, r->name);
		wp_buf_puts(b, "}, \"fullDescription\": {\"text\": ");
		esc_json(b, r->explain);
		wp_buf_printf(b, "}, \"defaultConfiguration\": {\"level\": \"%s\"}, \"properties\": {\"source\": ",
			      sarif_level(r->severity));
		esc_json(b, r->source);
		wp_buf_puts(b, "}}");
	}
	wp_buf_puts(b, "\n      ]\n    }},\n    \"results\": [");
	for (size_t i = 0; i < d->n; i++) {
		const wp_diag *x = &d->items[i];
		size_t idx = nrules; /* every id is registered (rules.def); none: no index */
		for (size_t k = 0; k < nrules && idx == nrules; k++)
			if (strcmp(rules[k].id, x->rule) == 0)
				idx = k;
		wp_buf_puts(b, i ? ",\n      {\"ruleId\": " : "\n      {\"ruleId\": ");
		esc_json(b, x->rule);
		if (idx < nrules)
			wp_buf_printf(b, ", \"ruleIndex\": %zu", idx);
		wp_buf_printf(b, ", \"level\": \"%s\", \"message\": {\"text\": ", sarif_level(x->severity));
		esc_json(b, x->message);
		wp_buf_puts(b, "},\n       \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
		esc_json(b, x->file);
		wp_buf_puts(b, "}");
		if (x->line && !x->where)
			wp_buf_printf(b, ", \"region\": {\"startLine\": %u, \"startColumn\": %u, \"endLine\": %u, \"endColumn\": %u}",
				      x->line, x->col ? x->col : 1, x->end_line ? x->end_line : x->line,
				      x->end_col > x->col ? x->end_col : (x->col ? x->col : 1) + 1);
		wp_buf_puts(b, "}");
		if (x->where) { /* a source without lines: a logical location */
			wp_buf_puts(b, ", \"logicalLocations\": [{\"fullyQualifiedName\": ");
			esc_json(b, x->where);
			wp_buf_puts(b, ", \"kind\": \"element\"}]");
		}
		wp_buf_puts(b, "}]");
		if (x->accepted) { /* acknowledged in the source: suppressed, with its reason */
			wp_buf_puts(b, ",\n       \"suppressions\": [{\"kind\": \"inSource\", \"justification\": ");
			esc_json(b, x->accepted);
			wp_buf_puts(b, "}]");
		}
		wp_buf_printf(b, ",\n       \"partialFingerprints\": {\"wpgenFinding/v2\": \"%016llx:%zu\"}}",
			      (unsigned long long)hash[i], occurrence[i]);
	}
	wp_buf_puts(b, d->n ? "\n    ]\n  }]\n}\n" : "]\n  }]\n}\n");
	wp_free(hash);
	wp_free(occurrence);
}

/* GitHub's workflow commands escape %, CR and LF, and in properties : and
 * ,; other control characters are shown escaped (a log is a terminal). */
static void gh_escape(wp_buf *b, const char *s, int property)
{
	for (; s && *s; s++) {
		if (((unsigned char)*s < 0x20 && *s != '\r' && *s != '\n' && *s != '\t') || *s == 0x7F) {
			wp_buf_printf(b, "\\x%02x", (unsigned char)*s);
			continue;
		}
		if (*s == '%')
			wp_buf_puts(b, "%25");
		else if (*s == '\r')
			wp_buf_puts(b, "%0D");
		else if (*s == '\n')
			wp_buf_puts(b, "%0A");
		else if (property && *s == ':')
			wp_buf_puts(b, "%3A");
		else if (property && *s == ',')
			wp_buf_puts(b, "%2C");
		else
			wp_buf_putc(b, *s);
	}
}

static void github(wp_buf *b, const wp_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const wp_diag *x = &d->items[i];
		wp_buf_printf(b, "::%s file=", x->severity == WP_ERROR ? "error" : x->severity == WP_WARNING ? "warning" : "notice");
		gh_escape(b, x->file, 1);
		if (x->line && !x->where)
			wp_buf_printf(b, ",line=%u,col=%u", x->line, x->col);
		wp_buf_puts(b, ",title=");
		gh_escape(b, x->rule, 1);
		wp_buf_puts(b, "::");
		if (x->where) {
			gh_escape(b, x->where, 0);
			wp_buf_puts(b, ": ");
		}
		gh_escape(b, x->message, 0);
		if (x->accepted) {
			wp_buf_puts(b, " (accepted: ");
			gh_escape(b, x->accepted, 0);
			wp_buf_putc(b, ')');
		}
		wp_buf_putc(b, '\n');
	}
}

int wp_format_diags(char **out, size_t *len, const wp_diags *d, wp_format format)
{
	return wp_format_diags_ex(out, len, d, format, 0);
}

int wp_format_diags_ex(char **out, size_t *len, const wp_diags *d, wp_format format, unsigned flags)
{
	wp_buf b = {0};
	size_t n = 0;
	stat *s = (flags & WP_FORMAT_STATISTICS) ? statistics(d, &n) : NULL;
	wp_buf_put(&b, "", 0);
	if ((flags & WP_FORMAT_STATISTICS) && !s)
		b.oom = 1;
	switch (format) {
	case WP_FORMAT_GCC:
		gcc(&b, d);
		for (size_t i = 0; s && i < n; i++)
			wp_buf_printf(&b, "%7zu  %-7s  %s\n", s[i].count, wp_severity_name(s[i].severity), s[i].rule);
		break;
	case WP_FORMAT_JSON:
		if (!s) {
			json(&b, d);
			break;
		}
		/* with statistics, an object: the findings and their counts */
		wp_buf_puts(&b, "{\"findings\": ");
		json(&b, d);
		b.len--; /* json() ends with a newline */
		wp_buf_puts(&b, ",\n \"statistics\": ");
		json_statistics(&b, s, n);
		wp_buf_puts(&b, "}\n");
		break;
	case WP_FORMAT_SARIF:
		sarif(&b, d);
		if (s) { /* in the run's property bag */
			const char *tail = "  }]\n}\n";
			size_t tl = strlen(tail);
			if (!b.oom && b.len >= tl && !memcmp(b.data + b.len - tl, tail, tl)) {
				b.len -= tl;
				wp_buf_puts(&b, "  , \"properties\": {\"statistics\": ");
				json_statistics(&b, s, n);
				wp_buf_puts(&b, "}\n");
				wp_buf_puts(&b, tail);
			}
		}
		break;
	case WP_FORMAT_GITHUB:
		github(&b, d);
		for (size_t i = 0; s && i < n; i++)
			wp_buf_printf(&b, "::notice title=wpgen statistics::%zu %s %s\n", s[i].count,
				      wp_severity_name(s[i].severity), s[i].rule);
		break;
	}
	wp_free(s);
	*out = wp_buf_detach(&b, len);
	return *out ? WP_OK : WP_ENOMEM;
}
