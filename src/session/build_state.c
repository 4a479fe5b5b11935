/* build_state.c: the output folder's paths (never outside it) and the
 * state of the last build (OUTDIR/.wpgen-state): per source its key, its
 * outputs' hashes as written, its findings and its file status (see
 * build_impl.h). */
#include "session/build_impl.h"

/***** paths *****/

/* A path from the state or the walk is used below OUTDIR only when it is
 * relative, with no empty, "." or ".." part. */
int bd_safe_rel(const char *rel)
{
	if (!*rel || rel[0] == '/')
		return 0;
	for (const char *p = rel; *p;) {
		size_t n = strcspn(p, "/");
		if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		p += n + (p[n] == '/');
	}
	return 1;
}

/* The output of rel in format f: OUTDIR/rel-without-extension.f */
char *bd_out_path(const char *outdir, const char *rel, int f)
{
	assert(bd_safe_rel(rel) && f >= 0 && f < BD_NFORMATS);
	wp_buf b = {0};
	const char *dot = strrchr(rel, '.'), *slash = strrchr(rel, '/');
	size_t stem = dot && (!slash || dot > slash) ? (size_t)(dot - rel) : strlen(rel);
	wp_buf_printf(&b, "%s/%.*s.%s", outdir, (int)stem, rel, ext[f]);
	return wp_buf_detach(&b, NULL);
}

/* Whether path's folder is inside the real folder outreal (no symbolic
 * link leads out of it on the way). */
int bd_inside(const char *outreal, const char *path)
{
	char *copy = wp_strdup(path), *slash = copy ? strrchr(copy, '/') : NULL;
	int in = 0;
	if (slash) {
		*slash = '\0';
		char *real = realpath(copy, NULL);
		size_t n = strlen(outreal);
		in = real && !strncmp(real, outreal, n) && (real[n] == '\0' || real[n] == '/');
		free(real);
	}
	wp_free(copy);
	return in;
}

int bd_mkdirs(const char *path)
{
	char *p = wp_strdup(path);
	if (!p)
		return -1;
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) < 0 && errno != EEXIST) { /* the kernel applies the umask */
			wp_free(p);
			return -1;
		}
		*s = '/';
	}
	wp_free(p);
	return 0;
}

/***** the state of the last build *****/

int bd_cmp_entry(const void *a, const void *b)
{
	return strcmp(((const entry *)a)->rel, ((const entry *)b)->rel);
}

void bd_entry_free(entry *e)
{
	wp_free(e->src);
	wp_free(e->rel);
	wp_free(e->kind);
	wp_free(e->title);
	wp_free(e->status);
	wp_free(e->findings);
	wp_free(e->files);
}

void bd_state_free(state *s)
{
	for (size_t i = 0; i < s->n; i++)
		bd_entry_free(&s->e[i]);
	wp_free(s->e);
	memset(s, 0, sizeof *s);
}

entry *bd_state_add(state *s)
{
	if (s->n == s->cap) {
		size_t nc = s->cap ? s->cap * 2 : 64;
		entry *e = wp_realloc(s->e, nc * sizeof *e);
		if (!e)
			return NULL;
		s->e = e;
		s->cap = nc;
	}
	memset(&s->e[s->n], 0, sizeof *s->e);
	return &s->e[s->n++];
}

entry *bd_state_find(state *s, const char *rel)
{
	entry key = {0};
	key.rel = (char *)rel;
	return s->n ? bsearch(&key, s->e, s->n, sizeof *s->e, bd_cmp_entry) : NULL;
}

/* Fields are percent-encoded: every byte but letters, digits and "._/-~+"
 * is %XX, so that a tab, a newline or a '%' in a name cannot be taken
 * for a separator. */
static int plain_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '/' ||
	       c == '-' || c == '~' || c == '+';
}

void bd_enc(wp_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)(s ? s : ""), *run = p;
	for (; *p; p++) {
		if (plain_byte(*p))
			continue;
		/* (runs of plain bytes copied at once: the state holds every
		 * programme's findings) */
		wp_buf_put(b, (const char *)run, (size_t)(p - run));
		char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
		wp_buf_put(b, e, 3);
		run = p + 1;
	}
	wp_buf_put(b, (const char *)run, (size_t)(p - run));
}

static int hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Decodes s[0..n) into o (n + 1 bytes; NULL: only checks). 0 when it is
 * not an encoding enc writes. */
static int dec_to(char *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		/* a run of plain bytes up to the next escape, copied at once */
		const char *pc = memchr(s + i, '%', n - i);
		size_t e = pc ? (size_t)(pc - s) : n;
		for (size_t k = i; k < e; k++)
			if ((unsigned char)s[k] <= ' ')
				return 0;
		if (o) {
			memcpy(o, s + i, e - i);
			o += e - i;
		}
		if (e == n)
			break;
		int hi = e + 2 < n ? hexval(s[e + 1]) : -1, lo = hi >= 0 ? hexval(s[e + 2]) : -1;
		if (lo < 0 || !(hi | lo))
			return 0; /* not an escape; or a NUL, never in a name */
		if (o)
			*o++ = (char)(hi * 16 + lo);
		i = e + 3;
	}
	if (o)
		*o = '\0';
	return 1;
}

/* s[0..n) decoded; NULL when it is not an encoding enc writes (or OOM). */
char *bd_dec(const char *s, size_t n)
{
	char *r = wp_malloc(n + 1); /* (decoding never lengthens) */
	if (r && !dec_to(r, s, n)) {
		wp_free(r);
		r = NULL;
	}
	return r;
}

static char *copy_n(const char *s, size_t n)
{
	char *r = wp_malloc(n + 1);
	if (r) {
		memcpy(r, s, n);
		r[n] = '\0';
	}
	return r;
}

static int num(const char *s, size_t n, unsigned long long *v, int base)
{
	char *end;
	if (!n || n > 20)
		return 0;
	char tmp[24];
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	errno = 0;
	*v = strtoull(tmp, &end, base);
	return !errno && *end == '\0' && tmp[0] != '-';
}

#define NFIELDS (14 + 2 * BD_NFORMATS)

/* One line: src rel formats, a key a format, a hash a format, errors
 * warnings accepted activities kind title status findings sig text files,
 * tab-separated. 1 when read. */
static int state_line(entry *x, const char *line, size_t len)
{
	const char *f[NFIELDS];
	size_t fl[NFIELDS], k = 0;
	for (size_t i = 0, start = 0; i <= len; i++)
		if (i == len || line[i] == '\t') {
			if (k == NFIELDS)
				return 0;
			f[k] = line + start;
			fl[k++] = i - start;
			start = i + 1;
		}
	/* v: the formats, a key and a hash a format, four counts */
	enum { NV = 5 + 2 * BD_NFORMATS, AT = 2 + NV /* the fields after the numbers */ };
	unsigned long long v[NV], sig, text;
	if (k != NFIELDS || !num(f[2], fl[2], &v[0], 10) || !num(f[AT + 4], fl[AT + 4], &sig, 16) ||
	    !num(f[AT + 5], fl[AT + 5], &text, 16))
		return 0;
	for (int i = 0; i < NV - 1; i++)
		if (!num(f[3 + i], fl[3 + i], &v[1 + i], i < 2 * BD_NFORMATS ? 16 : 10))
			return 0;
	x->src = bd_dec(f[0], fl[0]);
	x->rel = bd_dec(f[1], fl[1]);
	x->kind = bd_dec(f[AT], fl[AT]);
	x->title = bd_dec(f[AT + 1], fl[AT + 1]);
	x->status = bd_dec(f[AT + 2], fl[AT + 2]);
	/* its findings: where they are in FINDINGS_FILE, "OFFSET:LENGTH" */
	const char *colon = memchr(f[AT + 3], ':', fl[AT + 3]);
	unsigned long long foff, flen;
	if (!colon || !num(f[AT + 3], (size_t)(colon - f[AT + 3]), &foff, 10) ||
	    !num(colon + 1, fl[AT + 3] - (size_t)(colon - f[AT + 3]) - 1, &flen, 10))
		return 0;
	x->findings = NULL;
	x->foff = foff;
	x->flen = flen;
	x->files = copy_n(f[AT + 6], fl[AT + 6]); /* (kept encoded: decoded when used) */
	if (!x->src || !x->rel || !x->kind || !x->title || !x->status || !x->files || !bd_safe_rel(x->rel) ||
	    v[0] >= 1u << BD_NFORMATS) {
		bd_entry_free(x);
		return 0;
	}
	x->formats = (unsigned)v[0];
	for (int i = 0; i < BD_NFORMATS; i++) {
		x->key[i] = v[1 + i];
		x->hash[i] = v[1 + BD_NFORMATS + i];
	}
	x->errors = v[1 + 2 * BD_NFORMATS];
	x->warnings = v[2 + 2 * BD_NFORMATS];
	x->accepted = v[3 + 2 * BD_NFORMATS];
	x->activities = v[4 + 2 * BD_NFORMATS];
	x->sig = sig;
	x->text = text;
	return 1;
}

/* FINDINGS_FILE beside the state file at path (malloc'd), or NULL. */
static char *findings_path(const char *path)
{
	wp_buf b = {0};
	const char *slash = strrchr(path, '/');
	wp_buf_printf(&b, "%.*s" FINDINGS_FILE, slash ? (int)(slash - path + 1) : 0, path);
	return wp_buf_detach(&b, NULL);
}

/* Whether FINDINGS_FILE beside the state at path is the one the state
 * names: its size, and its first line (the magic and the hash of the
 * rest). Not its every byte: that is checked when it is read. */
static int findings_named(const char *path, uint64_t hash, uint64_t size)
{
	char *fp = findings_path(path), want[64], got[64];
	int fd = fp ? open(fp, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK) : -1;
	struct stat st;
	ssize_t n = fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size == size
			    ? read(fd, got, sizeof got - 1)
			    : -1;
	int len = snprintf(want, sizeof want, FINDINGS_HEAD, (unsigned long long)hash);
	if (fd >= 0)
		close(fd);
	wp_free(fp);
	return n >= len && !memcmp(got, want, (size_t)len);
}

int bd_findings_load(state *s, const char *path, uint64_t fhash, size_t *lost)
{
	char *fp = findings_path(path), *buf = NULL;
	size_t len = 0, skip = 0;
	int ok = 0, rc = WP_OK;
	*lost = 0;
	if (!fp)
		return WP_ENOMEM;
	for (size_t i = 0; i < s->n && !ok; i++)
		ok = !s->e[i].findings; /* (one to look for) */
	if (ok && wp_read_file_max(&buf, &len, fp, STATE_MAX) == WP_OK) {
		const char *nl = memchr(buf, '\n', len);
		skip = nl ? (size_t)(nl - buf) + 1 : len;
		char want[64];
		int n = snprintf(want, sizeof want, FINDINGS_HEAD, (unsigned long long)fhash);
		ok = skip == (size_t)n && !memcmp(buf, want, skip) && wp_hash(WP_HASH0, buf + skip, len - skip) == fhash;
	} else {
		ok = 0;
	}
	for (size_t i = 0; i < s->n && rc == WP_OK; i++) {
		entry *e = &s->e[i];
		if (e->findings)
			continue;
		const char *t = buf + skip + e->foff;
		if (ok && e->foff <= len - skip && e->flen <= len - skip - e->foff && dec_to(NULL, t, e->flen))
			e->findings = copy_n(t, e->flen);
		else
			e->findings = wp_strdup(""), ++*lost; /* (lost: the index page lists none for it) */
		if (!e->findings)
			rc = WP_ENOMEM;
	}
	wp_free(buf);
	wp_free(fp);
	return rc;
}

/* Reads the state; a missing file, another format, a damaged line: those
 * sources are rebuilt, and nothing of theirs is removed. A state that is
 * there and cannot be read (not a regular file, over STATE_MAX, no
 * permission): WP_EIO, errno saying why (the build stops, writing
 * nothing). */
int bd_state_read(state *s, const char *path)
{
	char *buf;
	size_t len;
	if (wp_read_file_max(&buf, &len, path, STATE_MAX) != WP_OK)
		return errno == ENOENT ? WP_OK : WP_EIO;
	const char *p = buf, *end = buf + len;
	const char *nl = memchr(p, '\n', len);
	if (!nl || (size_t)(nl - p) != strlen(STATE_MAGIC) || memcmp(p, STATE_MAGIC, strlen(STATE_MAGIC))) {
		wp_free(buf); /* an older format: everything is rebuilt */
		return WP_OK;
	}
	/* the index page's hash, the profiles', the findings file's, then a
	 * line a source */
	unsigned long long ih, is, eh, fh, fs;
	int at = 0;
	s->whole = 1;
	p = nl + 1;
	if (sscanf(p, "index\t%16llx\t%16llx\nenv\t%16llx\nfindings\t%16llx\t%llu%n", &ih, &is, &eh, &fh, &fs, &at) == 5 &&
	    p + at < end && p[at] == '\n') {
		s->index = ih;
		s->isig = is;
		s->env = eh;
		s->fhash = fh;
		nl = p + at;
	} else {
		s->whole = 0;
	}
	if (!s->whole || !findings_named(path, s->fhash, fs)) {
		wp_free(buf); /* its findings are not there: everything is rebuilt */
		s->whole = 0;
		return WP_OK;
	}
	for (p = nl + 1; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		entry x = {0};
		if (!state_line(&x, p, (size_t)(nl - p))) {
			s->whole = 0;
			continue;
		}
		/* kept in order (the state is written sorted: each line goes at
		 * the end), so that state_find can search it */
		size_t lo = 0, hi = s->n;
		if (s->n && strcmp(s->e[s->n - 1].rel, x.rel) < 0)
			lo = s->n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (strcmp(s->e[mid].rel, x.rel) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < s->n)
			s->whole = 0; /* not in the order state_write writes */
		entry *e = lo < s->n && strcmp(s->e[lo].rel, x.rel) == 0 ? NULL : bd_state_add(s);
		if (!e) {
			bd_entry_free(&x);
			s->whole = 0;
			continue; /* a second line for one source: the first stands */
		}
		memmove(&s->e[lo + 1], &s->e[lo], (s->n - 1 - lo) * sizeof *s->e);
		s->e[lo] = x;
	}
	wp_free(buf);
	return WP_OK;
}

void bd_state_write(wp_buf *b, wp_buf *fb, state *s)
{
	wp_buf body = {0};
	/* the findings first: the state names them by their hash */
	for (size_t i = 0; i < s->n; i++) {
		entry *e = &s->e[i];
		e->foff = body.len;
		e->flen = e->findings ? strlen(e->findings) : 0;
		wp_buf_put(&body, e->findings ? e->findings : "", e->flen);
		wp_buf_putc(&body, '\n');
	}
	wp_buf_put(&body, "", 0);
	s->fhash = wp_hash(WP_HASH0, body.data, body.len);
	wp_buf_printf(fb, FINDINGS_HEAD, (unsigned long long)s->fhash);
	wp_buf_put(fb, body.data ? body.data : "", body.len);
	if (body.oom)
		fb->oom = 1;
	wp_buf_free(&body);
	wp_buf_printf(b, STATE_MAGIC "\nindex\t%016llx\t%016llx\nenv\t%016llx\nfindings\t%016llx\t%zu\n",
		      (unsigned long long)s->index, (unsigned long long)s->isig, (unsigned long long)s->env,
		      (unsigned long long)s->fhash, fb->len);
	for (size_t i = 0; i < s->n; i++) {
		const entry *e = &s->e[i];
		bd_enc(b, e->src);
		wp_buf_putc(b, '\t');
		bd_enc(b, e->rel);
		wp_buf_printf(b, "\t%u", e->formats);
		for (int f = 0; f < BD_NFORMATS; f++)
			wp_buf_printf(b, "\t%016llx", (unsigned long long)e->key[f]);
		for (int f = 0; f < BD_NFORMATS; f++)
			wp_buf_printf(b, "\t%016llx", (unsigned long long)e->hash[f]);
		wp_buf_printf(b, "\t%zu\t%zu\t%zu\t%zu\t", e->errors, e->warnings, e->accepted, e->activities);
		bd_enc(b, e->kind);
		wp_buf_putc(b, '\t');
		bd_enc(b, e->title);
		wp_buf_putc(b, '\t');
		bd_enc(b, e->status);
		wp_buf_printf(b, "\t%llu:%llu", (unsigned long long)e->foff, (unsigned long long)e->flen);
		wp_buf_printf(b, "\t%016llx\t%016llx\t", (unsigned long long)e->sig, (unsigned long long)e->text);
		wp_buf_puts(b, e->files ? e->files : "");
		wp_buf_putc(b, '\n');
	}
	wp_buf_put(b, "", 0);
}

