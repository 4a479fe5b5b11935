/* docx_styles.c: what a Word document says of its paragraphs beyond
 * their text: list numbering (computed as Word shows it), styles, and the
 * theme's colours with tints and shades (see docx_reader.h). */
#include "read/docx_reader.h"

/***** list numbering (word/numbering.xml) *****/

void dx_numbering_free(numbering *nb)
{
	for (size_t i = 0; i < nb->na; i++)
		for (int l = 0; l < 9; l++)
			wp_free(nb->a[i].lv[l].text);
	wp_free(nb->a);
	wp_free(nb->n);
	memset(nb, 0, sizeof *nb);
}

static num_fmt fmt_of(const char *v)
{
	if (!v || !strcmp(v, "decimal"))
		return F_DECIMAL;
	if (!strcmp(v, "upperRoman"))
		return F_UPPER_ROMAN;
	if (!strcmp(v, "lowerRoman"))
		return F_LOWER_ROMAN;
	if (!strcmp(v, "upperLetter"))
		return F_UPPER_LETTER;
	if (!strcmp(v, "lowerLetter"))
		return F_LOWER_LETTER;
	if (!strcmp(v, "decimalZero"))
		return F_DECIMAL_ZERO;
	return F_NONE; /* bullet, none, and what wpgen does not draw */
}

int dx_num_in(pkg *k, unsigned line, const xmlNode *n, const char *attr, long lo, long hi, const char *what, long *out)
{
	const char *v = n ? dx_wattr(n, attr) : NULL;
	if (!v)
		return 0;
	char *end;
	errno = 0;
	long x = strtol(v, &end, 10);
	if (end != v && !*end && !errno && x >= lo && x <= hi) {
		*out = x;
		return 1;
	}
	wp_diags_add(k->d, k->name, line, line ? 1 : 0, WP_WARNING, "docx.value",
		     "%s is '%.40s', not a number from %ld to %ld: it is not used", what, v, lo, hi);
	return -1;
}

int dx_int_attr(const xmlNode *n, int dflt)
{
	const char *v = dx_wattr(n, "val");
	if (!v)
		return dflt;
	long x = strtol(v, NULL, 10);
	return x < -1000000 || x > 1000000 ? dflt : (int)x;
}

static void level_read(pkg *k, level *lv, const xmlNode *l)
{
	long start = 1;
	lv->is_list = 1;
	dx_num_in(k, 0, dx_child(l, "start"), "val", 0, 1000000, "word/numbering.xml: a list level's w:start", &start);
	lv->start = (int)start;
	lv->fmt = fmt_of(dx_wattr(dx_child(l, "numFmt"), "val"));
	const char *t = dx_wattr(dx_child(l, "lvlText"), "val");
	wp_free(lv->text);
	lv->text = t ? wp_strdup(t) : NULL;
}

int dx_numbering_read(pkg *k, const char *p, numbering *nb)
{
	int rc;
	memset(nb, 0, sizeof *nb);
	if (!p)
		return WP_OK;
	xmlDocPtr doc = dx_part_xml(k, p, 1, &rc);
	if (!doc)
		return rc;
	const xmlNode *root = xmlDocGetRootElement(doc);
	size_t na = 0, nn = 0;
	for (const xmlNode *c = root ? root->children : NULL; c; c = c->next) {
		na += dx_is_w(c, "abstractNum");
		nn += dx_is_w(c, "num");
	}
	nb->a = wp_malloc((na ? na : 1) * sizeof *nb->a);
	nb->n = wp_malloc((nn ? nn : 1) * sizeof *nb->n);
	rc = nb->a && nb->n ? WP_OK : WP_ENOMEM;
	for (const xmlNode *c = root ? root->children : NULL; rc == WP_OK && c; c = c->next) {
		if (dx_is_w(c, "abstractNum")) {
			abstract *a = &nb->a[nb->na++];
			memset(a, 0, sizeof *a);
			a->id = strtol(dx_wattr(c, "abstractNumId") ? dx_wattr(c, "abstractNumId") : "-1", NULL, 10);
			for (const xmlNode *l = c->children; l; l = l->next) {
				long il = -1;
				if (dx_is_w(l, "lvl") && dx_num_in(k, 0, l, "ilvl", 0, 8, "word/numbering.xml: a list level's w:ilvl",
								   &il) > 0)
					level_read(k, &a->lv[il], l);
			}
		}
	}
	for (const xmlNode *c = root ? root->children : NULL; rc == WP_OK && c; c = c->next) {
		if (!dx_is_w(c, "num"))
			continue;
		numdef *d = &nb->n[nb->nn];
		memset(d, 0, sizeof *d);
		d->id = strtol(dx_wattr(c, "numId") ? dx_wattr(c, "numId") : "-1", NULL, 10);
		long aid = strtol(dx_wattr(dx_child(c, "abstractNumId"), "val") ? dx_wattr(dx_child(c, "abstractNumId"), "val") : "-1",
				  NULL, 10);
		size_t ai = 0;
		while (ai < nb->na && nb->a[ai].id != aid)
			ai++;
		if (ai == nb->na)
			continue; /* a num without its list: no numbers */
		d->abs = ai;
		for (int l = 0; l < 9; l++)
			d->start_override[l] = -1;
		for (const xmlNode *o = c->children; o; o = o->next) {
			long il = -1, so = 1;
			if (!dx_is_w(o, "lvlOverride") ||
			    dx_num_in(k, 0, o, "ilvl", 0, 8, "word/numbering.xml: a level override's w:ilvl", &il) <= 0)
				continue;
			if (dx_num_in(k, 0, dx_child(o, "startOverride"), "val", 0, 1000000,
				      "word/numbering.xml: a list's w:startOverride", &so) > 0)
				d->start_override[il] = (int)so;
			const xmlNode *lv = dx_child(o, "lvl");
			if (lv) {
				level_read(k, &nb->a[ai].lv[il], lv);
				if (!nb->a[ai].lv[il].text && lv)
					rc = WP_OK; /* a level without text shows nothing */
			}
		}
		nb->nn++;
	}
	xmlFreeDoc(doc);
	return rc;
}

static void roman(wp_buf *b, int v, int upper)
{
	static const struct {
		int v;
		const char *s;
	} r[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"},
		 {50, "l"},    {40, "xl"},  {10, "x"},  {9, "ix"},   {5, "v"},   {4, "iv"}, {1, "i"}};
	if (v <= 0 || v >= 4000) {
		wp_buf_printf(b, "%d", v);
		return;
	}
	for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
		while (v >= r[i].v) {
			for (const char *s = r[i].s; *s; s++)
				wp_buf_putc(b, upper ? (char)toupper((unsigned char)*s) : *s);
			v -= r[i].v;
		}
}

static void format_counter(wp_buf *b, int v, num_fmt f)
{
	switch (f) {
	case F_UPPER_ROMAN:
	case F_LOWER_ROMAN:
		roman(b, v, f == F_UPPER_ROMAN);
		break;
	case F_UPPER_LETTER:
	case F_LOWER_LETTER:
		if (v <= 0) {
			wp_buf_printf(b, "%d", v);
		} else { /* a..z, then aa..zz, as Word does */
			int times = (v - 1) / 26 + 1;
			char ch = (char)((f == F_UPPER_LETTER ? 'A' : 'a') + (v - 1) % 26);
			for (int i = 0; i < times; i++)
				wp_buf_putc(b, ch);
		}
		break;
	case F_DECIMAL_ZERO:
		wp_buf_printf(b, "%02d", v);
		break;
	case F_NONE:
		break;
	default:
		wp_buf_printf(b, "%d", v);
	}
}

static void label_of(const abstract *a, int ilvl, const int *cnt, wp_buf *label)
{
	for (const char *t = a->lv[ilvl].text; *t; t++) {
		if (t[0] == '%' && t[1] >= '1' && t[1] <= '9') {
			int l = t[1] - '1';
			format_counter(label, l <= ilvl ? cnt[l] : 0, a->lv[l].fmt == F_NONE ? F_DECIMAL : a->lv[l].fmt);
			t++;
		} else {
			wp_buf_putc(label, *t);
		}
	}
}

/* Counts paragraph (numId, ilvl) in the new version (unless deleted) and
 * in the old one (unless inserted); the labels it shows in each, in
 * *label ("11.", "I."; the new version's, the old's for a deleted one)
 * and *old (the old version's where the paragraph is in both and the
 * label differs there: a renumbering tracked changes made; else empty).
 * Empty labels for no list, a bullet, or an unknown list. */
void dx_list_label(numbering *nb, long num_id, int ilvl, int deleted, int inserted, wp_buf *label, wp_buf *old)
{
	label->len = old->len = 0;
	if (label->data)
		label->data[0] = '\0';
	if (old->data)
		old->data[0] = '\0';
	if (num_id <= 0 || ilvl < 0 || ilvl > 8)
		return;
	size_t i = 0;
	while (i < nb->nn && nb->n[i].id != num_id)
		i++;
	if (i == nb->nn)
		return;
	numdef *d = &nb->n[i];
	abstract *a = &nb->a[d->abs];
	if (!d->overridden) {
		/* a num that restarts its list: from its override on */
		d->overridden = 1;
		for (int l = 0; l < 9; l++)
			if (d->start_override[l] >= 0) {
				a->now_on[l] = a->was_on[l] = 0;
				a->lv[l].start = d->start_override[l];
			}
	}
	if (!deleted) {
		a->now[ilvl] = a->now_on[ilvl] ? a->now[ilvl] + 1 : a->lv[ilvl].start;
		a->now_on[ilvl] = 1;
		for (int l = ilvl + 1; l < 9; l++)
			a->now_on[l] = 0;
	}
	if (!inserted) {
		a->was[ilvl] = a->was_on[ilvl] ? a->was[ilvl] + 1 : a->lv[ilvl].start;
		a->was_on[ilvl] = 1;
		for (int l = ilvl + 1; l < 9; l++)
			a->was_on[l] = 0;
	}
	if (!a->lv[ilvl].is_list || a->lv[ilvl].fmt == F_NONE || !a->lv[ilvl].text)
		return;
	label_of(a, ilvl, deleted ? a->was : a->now, label);
	if (!deleted && !inserted) {
		label_of(a, ilvl, a->was, old);
		if (old->len == label->len && (!old->len || !memcmp(old->data, label->data, old->len)))
			old->len = 0;
	}
}

/***** styles and theme *****/

void dx_styles_free(styles *s)
{
	for (size_t i = 0; i < s->n; i++)
		wp_free(s->v[i].id);
	wp_free(s->v);
	memset(s, 0, sizeof *s);
}

static int cmp_style(const void *a, const void *b)
{
	const style *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	return c ? c : (x->order > y->order) - (x->order < y->order);
}

int dx_styles_read(pkg *k, const char *p, styles *out)
{
	int rc;
	memset(out, 0, sizeof *out);
	if (!p)
		return WP_OK;
	xmlDocPtr doc = dx_part_xml(k, p, 1, &rc);
	if (!doc)
		return rc;
	const xmlNode *root = xmlDocGetRootElement(doc);
	size_t n = 0;
	for (const xmlNode *c = root ? root->children : NULL; c; c = c->next)
		n += dx_is_w(c, "style");
	out->v = wp_malloc((n ? n : 1) * sizeof *out->v);
	rc = out->v ? WP_OK : WP_ENOMEM;
	for (const xmlNode *c = root ? root->children : NULL; rc == WP_OK && c; c = c->next) {
		const char *id = dx_is_w(c, "style") ? dx_wattr(c, "styleId") : NULL;
		if (!id)
			continue;
		style *s = &out->v[out->n];
		memset(s, 0, sizeof *s);
		const char *nm = dx_wattr(dx_child(c, "name"), "val");
		if (nm && !strcasecmp(nm, "title"))
			s->heading = -1;
		else if (nm && !strncasecmp(nm, "heading ", 8) && nm[8] >= '1' && nm[8] <= '9' && !nm[9])
			s->heading = nm[8] - '0';
		const xmlNode *np = dx_child(dx_child(c, "pPr"), "numPr");
		s->num_id = np ? strtol(dx_wattr(dx_child(np, "numId"), "val") ? dx_wattr(dx_child(np, "numId"), "val") : "0", NULL, 10)
			       : 0;
		s->ilvl = np ? dx_int_attr(dx_child(np, "ilvl"), 0) : 0;
		s->bold = s->italic = s->strike = -1;
		const char *type = dx_wattr(c, "type");
		if (type && !strcmp(type, "character")) {
			const xmlNode *rpr = dx_child(c, "rPr");
			s->bold = (signed char)dx_toggle(rpr, "b");
			s->italic = (signed char)dx_toggle(rpr, "i");
			s->strike = (signed char)dx_toggle(rpr, "strike");
			if (s->strike < 0)
				s->strike = (signed char)dx_toggle(rpr, "dstrike");
		}
		s->order = out->n;
		if (!(s->id = wp_strdup(id)))
			rc = WP_ENOMEM;
		out->n++;
	}
	xmlFreeDoc(doc);
	if (rc == WP_OK && out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, cmp_style);
	return rc;
}

const style *dx_style_find(const styles *s, const char *id)
{
	size_t lo = 0, hi = s->n;
	if (!id)
		return NULL;
	while (lo < hi) { /* the first of that id */
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(s->v[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->n && !strcmp(s->v[lo].id, id) ? &s->v[lo] : NULL;
}

static const char *const theme_slots[12] = {"dk1",     "lt1",     "dk2",     "lt2",     "accent1", "accent2",
					    "accent3", "accent4", "accent5", "accent6", "hlink",   "folHlink"};

int dx_hex6(const char *v)
{
	if (!v || strlen(v) != 6)
		return 0;
	for (int i = 0; i < 6; i++)
		if (!isxdigit((unsigned char)v[i]))
			return 0;
	return 1;
}

int dx_theme_read(pkg *k, const char *p, theme *t)
{
	int rc;
	memset(t, 0, sizeof *t);
	if (!p)
		return WP_OK;
	xmlDocPtr doc = dx_part_xml(k, p, 1, &rc);
	if (!doc)
		return rc;
	/* a:theme/a:themeElements/a:clrScheme/a:accent1/a:srgbClr@val */
	const xmlNode *n = xmlDocGetRootElement(doc);
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "themeElements"))
			for (const xmlNode *s = c->children; s; s = s->next)
				if (s->type == XML_ELEMENT_NODE && !strcmp((const char *)s->name, "clrScheme"))
					for (const xmlNode *col = s->children; col; col = col->next) {
						if (col->type != XML_ELEMENT_NODE)
							continue;
						for (int i = 0; i < 12; i++)
							if (!strcmp((const char *)col->name, theme_slots[i]))
								for (const xmlNode *v = col->children; v; v = v->next) {
									const char *rgb = v->type == XML_ELEMENT_NODE
												  ? dx_attr_ns(v, !strcmp((const char *)v->name, "sysClr") ? "lastClr" : "val", NULL, NULL)
												  : NULL;
									if (dx_hex6(rgb))
										memcpy(t->rgb[i], rgb, 7);
								}
					}
	xmlFreeDoc(doc);
	return WP_OK;
}

/* A w:themeFill name's slot: "accent6" -> 9; "text1"/"dark1" -> dk1 ... */
int dx_theme_slot(const char *v)
{
	static const struct {
		const char *name;
		int slot;
	} alias[] = {{"dark1", 0}, {"text1", 0}, {"light1", 1}, {"background1", 1}, {"dark2", 2}, {"text2", 2},
		     {"light2", 3}, {"background2", 3}, {"hyperlink", 10}, {"followedHyperlink", 11}};
	for (int i = 0; v && i < 12; i++)
		if (!strcmp(v, theme_slots[i]))
			return i;
	for (size_t i = 0; v && i < sizeof alias / sizeof alias[0]; i++)
		if (!strcmp(v, alias[i].name))
			return alias[i].slot;
	return -1;
}

/* A theme colour with w:themeFillTint (towards white) or ...Shade
 * (towards black), both hex bytes, as Word applies them. */
void dx_tint_shade(char out[7], const char *rgb, const char *tint, const char *shade)
{
	unsigned c[3];
	for (int i = 0; i < 3; i++) {
		char h[3] = {rgb[2 * i], rgb[2 * i + 1], 0};
		c[i] = (unsigned)strtoul(h, NULL, 16);
		if (tint && strlen(tint) == 2 && isxdigit((unsigned char)tint[0]) && isxdigit((unsigned char)tint[1])) {
			unsigned t = (unsigned)strtoul(tint, NULL, 16);
			c[i] = 255 - (255 - c[i]) * t / 255;
		}
		if (shade && strlen(shade) == 2 && isxdigit((unsigned char)shade[0]) && isxdigit((unsigned char)shade[1])) {
			unsigned s = (unsigned)strtoul(shade, NULL, 16);
			c[i] = c[i] * s / 255;
		}
	}
	snprintf(out, 7, "%02X%02X%02X", c[0] & 255, c[1] & 255, c[2] & 255);
}

