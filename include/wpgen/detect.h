/* detect.h: what a source is before it is read: its format, the
 * metadata it gives about itself (the profile it names, a report's plan),
 * and which profile its structure fits. */
#ifndef WPGEN_DETECT_H
#define WPGEN_DETECT_H

#include "wpgen/export.h"

#include <stddef.h>
#include "wpgen/profile.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum wp_source_kind {
	WP_SOURCE_MARKDOWN, /* Markdown text (the default) */
	WP_SOURCE_XML,      /* wpgen's XML */
	WP_SOURCE_DOCX,     /* a Word document (a ZIP package), or a legacy or encrypted one (an OLE file) */
} wp_source_kind;

/* The format of a source, by its content first (a ZIP or OLE signature,
 * "<?xml", a root element), then by its name (.docx, .xml, .md). */
WP_API wp_source_kind wp_detect(const char *path, const char *buf, size_t len);
WP_API const char *wp_source_kind_name(wp_source_kind k);

/* The value of a metadata key that a source gives before it is read:
 * for Markdown, in its front matter (libyaml); for XML, the root's profile
 * attribute ("profile") or a header element (<plan>, <as-of> for as_of,
 * ...; libxml2's reader). *value is malloc'd (free()), or NULL when the
 * source gives none; *line (when not NULL) is the key's line, 1 when
 * absent. Returns WP_OK or WP_ENOMEM. */
WP_API int wp_peek_meta(char **value, unsigned *line, const char *buf, size_t len, const char *key);
/* Whether XML is wpgen's: 1 when its root element is in wpgen's namespace,
 * 0 when it is in another or none, -1 when no root element could be read
 * (not XML, not well-formed before it, or out of memory). */
WP_API int wp_xml_is_wpgen(const char *buf, size_t len);

/* Whether a profile name is plain: letters, digits, '-', '_', '.', not
 * starting with '.': a name that can only mean a file of the profiles
 * folder ("../x" and "/etc/x" are not plain). */
WP_API int wp_plain_name(const char *name);

/* How well a source fits a profile, without reading it: the number of
 * its table headers (XML: sections) of a kind the profile knows; for a
 * narrative profile, 1 when the source has headings and no table. One
 * linear pass. */
WP_API size_t wp_profile_fit(const wp_profile *prof, const char *buf, size_t len);
/* The same for np profiles at once, in one pass: score[k] for profs[k]. */
WP_API void wp_profiles_fit(const wp_profile *const *profs, size_t np, const char *buf, size_t len, size_t *score);
/* The profile among others that a source fits better than dflt, which
 * wins a tie: its index, or -1 for dflt (or when memory runs out). */
WP_API int wp_profile_pick(const wp_profile *dflt, const wp_profile *const *others, size_t n, const char *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif
