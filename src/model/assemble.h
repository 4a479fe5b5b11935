/* assemble.h: the one model builder every reader uses (Markdown, XML):
 * programme, sections, activities, paragraphs, runs and footnotes are
 * added here, in the programme's arena, and the names of inline styles
 * (HTML tags in Markdown, elements of wpgen's XML) are kept in one table.
 * Internal; every function returns NULL (or WP_ENOMEM) when memory runs
 * out, leaving the programme whole for wp_programme_free. */
#ifndef WP_MODEL_ASSEMBLE_H
#define WP_MODEL_ASSEMBLE_H

#include "wpgen/model.h"

/* The inline styles in WP_STYLE_* bit order, outermost first: the element
 * of wpgen's XML, and the HTML tags a Markdown source may write. */
typedef struct mb_style {
	unsigned bit;
	const char *xml;
	const char *html[3];
} mb_style;
extern const mb_style mb_styles[6];

/* The style bit of an XML element name or an HTML tag name (lower
 * case), or 0. */
unsigned mb_xml_style(const char *name);
unsigned mb_html_style(const char *tag);

/* A new programme in its own arena, with its source and profile names. */
wp_programme *mb_programme_new(const char *source, const char *profile);
/* A copy of s[0..n) in the programme's arena. */
char *mb_strndup(wp_programme *p, const char *s, size_t n);
char *mb_strdup(wp_programme *p, const char *s);
/* A formatted string in the programme's arena, whole. */
char *mb_printf(wp_programme *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Zeroed memory in the programme's arena. */
void *mb_alloc(wp_programme *p, size_t n);

/* A new section at the end, kind "unknown" until it is known. */
wp_section *mb_section_add(wp_programme *p, wp_pos pos);
/* A new activity (or example) at the end of section s, zeroed. */
wp_activity *mb_activity_add(wp_programme *p, wp_section *s, int example);
/* The number an activity's number cell spells ("18." -> "18"), or NULL;
 * -1 when memory ran out. */
int mb_activity_number(wp_programme *p, const wp_section *s, wp_activity *a);
/* A new, empty paragraph at the end of field f. */
wp_para *mb_para_add(wp_programme *p, wp_field *f, wp_pos pos);
/* A run at the end of paragraph pa (its text copied). merge: a text run
 * joins the one before it when nothing tells them apart. Returns WP_OK
 * or WP_ENOMEM. */
int mb_run_add(wp_programme *p, wp_para *pa, wp_run_kind kind, const char *text, size_t len, unsigned style,
	       const char *href, const char *author, const char *date, int merge);
/* A new footnote at the end. */
wp_footnote *mb_footnote_add(wp_programme *p, int mark, wp_pos pos);

#endif
