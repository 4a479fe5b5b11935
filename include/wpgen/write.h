/* write.h: the canonical XML of the model, and annexes rendered from it by
 * XSLT templates. */
#ifndef WPGEN_WRITE_H
#define WPGEN_WRITE_H

#include "wpgen/export.h"

#include <stddef.h>
#include "wpgen/diag.h"
#include "wpgen/facts.h"
#include "wpgen/model.h"
#include "wpgen/profile.h"
#include "wpgen/read.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The namespace of wpgen's canonical XML. */
#define WP_XML_NS "urn:wpgen:programme:1"

/* Flavours of the XML: ANNOTATED (for templates and --to xml) carries
 * source positions, cell counts, parsed numbers, status colours and the
 * profile's colour map; SOURCE (a source format, for convert) carries the
 * content only, so that reading and writing it again is a fixed point. */
typedef enum wp_xml_flavour { WP_XML_ANNOTATED = 0, WP_XML_SOURCE = 1 } wp_xml_flavour;

/* Every writer takes the programme's facts (wpgen/facts.h: status
 * colours, keywords, overdue rows, the counts) and shows them; it works
 * none out. NULL: they are worked out for the call, with the tracked
 * changes shown, at p's as-of date. */

/* The canonical XML of a programme as a libxml2 document (an xmlDocPtr,
 * passed as void * so that this header does not need libxml2). The caller
 * frees it with xmlFreeDoc. Returns WP_OK or WP_ENOMEM. */
WP_API int wp_write_xml_doc(void **out, const wp_programme *p, const wp_profile *profile, wp_xml_flavour flavour,
		     const wp_facts *facts);

/* The same, serialised: *out is malloc'd UTF-8 (free()). */
WP_API int wp_write_xml(char **out, size_t *len, const wp_programme *p, const wp_profile *profile, wp_xml_flavour flavour,
		 const wp_facts *facts);

/* A compiled XSLT template. */
typedef struct wp_template wp_template;

/* Compiles the XSLT stylesheet at path; problems go to diags. The caller
 * frees *out with wp_template_free. Returns WP_OK, WP_EIO or WP_EINPUT. */
WP_API int wp_template_load(wp_template **out, const char *path, wp_diags *diags);
WP_API void wp_template_free(wp_template *t);

/* Renders a programme through a template, over the XML of that flavour
 * (WP_XML_ANNOTATED for HTML, WP_XML_SOURCE for Markdown): *out is
 * malloc'd (free()).
 * Returns WP_OK, WP_EINPUT (the template failed; diags says why) or
 * WP_ENOMEM. */
WP_API int wp_render(char **out, size_t *len, const wp_template *t, const wp_programme *p,
	      const wp_profile *profile, wp_xml_flavour flavour, const wp_facts *facts, wp_diags *diags);
/* The same for an annex: the Markdown one (WP_XML_SOURCE) gets, as the
 * string parameter "status", the status summary table (wp_status_write's
 * Markdown; the reader passes it when the annex is read back). */
WP_API int wp_render_annex(char **out, size_t *len, const wp_template *t, const wp_programme *p,
		    const wp_profile *profile, wp_xml_flavour flavour, const wp_facts *facts, wp_diags *diags);

/* The built-in Markdown annex, written from the model and its facts: the
 * reference of what templates/annex-md.xsl says over WP_XML_SOURCE (a
 * test holds the two to the same content), without the XML tree and
 * libxslt. annex: as wp_render_annex
 * (the status summary, the annex block's hard breaks, the guidance in
 * italics); 0: as wp_render (convert's Markdown source). *out is
 * malloc'd (free()). Returns WP_OK or WP_ENOMEM. */
WP_API int wp_write_md(char **out, size_t *len, const wp_programme *p, const wp_profile *profile, int annex,
		const wp_facts *facts);

/* The built-in HTML annex, written from the model and its facts: the
 * reference of what templates/annex-html.xsl says over WP_XML_ANNOTATED
 * (a test holds the two to the same content), without the XML tree,
 * libxslt and the serialiser.
 * *out is malloc'd (free()). Returns WP_OK or WP_ENOMEM. */
WP_API int wp_write_html(char **out, size_t *len, const wp_programme *p, const wp_profile *profile, const wp_facts *facts);

/* Where a streamed output goes: the next len bytes of it. Returns 0, or
 * -1 to stop the writer (which then returns WP_EIO). */
typedef int (*wp_sink)(void *ctx, const char *data, size_t len);

/* wp_write_html and wp_write_md, the same bytes handed to sink in pieces
 * of some 64 kB as they are made, so that memory never holds the whole
 * annex. On an error the sink has had part of it: write to a temporary,
 * and keep it only on WP_OK. Returns WP_OK, WP_ENOMEM or WP_EIO (the sink
 * said stop). */
WP_API int wp_write_html_stream(const wp_programme *p, const wp_profile *profile, const wp_facts *facts, wp_sink sink,
				void *ctx);
WP_API int wp_write_md_stream(const wp_programme *p, const wp_profile *profile, int annex, const wp_facts *facts,
			      wp_sink sink, void *ctx);

/* The review page: the HTML annex with each of the findings marked on the
 * cell it is about (its message beside the cell's text), and atop it the
 * counts per severity and rule, filters, and every finding listed by
 * section and activity, linked to its cell and back; findings about no
 * cell (front matter, footnotes, the whole document) listed apart. One
 * self-contained file: its one script (the filters) allowed by its hash
 * under a Content-Security-Policy; without it every finding is shown.
 * *out is malloc'd (free()). Returns WP_OK or WP_ENOMEM. */
WP_API int wp_write_review(char **out, size_t *len, const wp_programme *p, const wp_profile *profile, const wp_facts *facts,
			   const wp_diags *findings);

/* The annex as a Word document (.docx), written from the model and its
 * facts: A4 landscape (or a reference document's page), one table a
 * section with its header row repeated on every page, the status cell
 * shaded in its colour with its name kept, footnotes as Word footnotes,
 * a page header and "Page X of Y"; tracked changes as Word revisions, so
 * that Accept All gives the accepted annex. reference: a .docx whose
 * styles (wpgen's added where it lacks them), page size and margins are
 * taken, as pandoc's --reference-doc. */
typedef struct wp_docx_options {
	const char *reference;      /* a .docx's bytes, or NULL */
	size_t reference_len;
	const char *reference_name; /* its name, for messages */
	const wp_limits *limits;    /* for reading it (NULL: the defaults) */
} wp_docx_options;

/* *out is malloc'd (free()). Returns WP_OK, WP_EIO (the reference cannot
 * be read: d says why) or WP_ENOMEM. opt may be NULL. */
WP_API int wp_write_docx(char **out, size_t *len, const wp_programme *p, const wp_profile *profile, const wp_facts *facts,
			 const wp_docx_options *opt, wp_diags *d);

#ifdef __cplusplus
}
#endif

#endif
