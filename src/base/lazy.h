/* base/lazy.h: libxml2, libxslt and libzip, loaded when first used.
 *
 * A Markdown programme rendered to HTML or Markdown needs none of them,
 * and loading them (and ICU, libcrypto, liblzma and libstdc++ behind
 * them) cost more CPU than reading and writing a one-row programme. So
 * wpgen does not link them: a file that calls them includes this header
 * (instead of theirs, and last), and each call goes through a table of
 * their functions that base/lazy.c fills with dlopen and dlsym, once per
 * process, on the first use of each library.
 *
 * Before the first call into a library on a path, call wp_lazy_need
 * (a clear error when the library cannot be loaded); a call into a
 * library that could not be loaded aborts. The libraries' file names are
 * the sonames the build found (Makefile: WP_SONAME_*).
 *
 * The lists below are the functions wpgen calls: one that is used and
 * missing here fails the link (wpgen does not link the libraries). */
#ifndef WP_BASE_LAZY_H
#define WP_BASE_LAZY_H

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlmemory.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <libxml/xpathInternals.h>
#include <libxslt/documents.h>
#include <libxslt/extensions.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <zip.h>

#include "wpgen/wpgen.h"

typedef enum wp_lazy_lib { WP_LAZY_XML, WP_LAZY_XSLT, WP_LAZY_ZIP } wp_lazy_lib;

#define WP_LAZY_XML_SYMBOLS(X) \
	X(xmlInitParser) \
	X(htmlCreatePushParserCtxt) \
	X(htmlCtxtUseOptions) \
	X(htmlFreeParserCtxt) \
	X(htmlParseChunk) \
	X(valuePush) \
	X(xmlAddChild) \
	X(xmlBufferContent) \
	X(xmlBufferCreate) \
	X(xmlBufferDetach) \
	X(xmlBufferFree) \
	X(xmlBufferLength) \
	X(xmlCtxtReadMemory) \
	X(xmlDictCreate) \
	X(xmlDocCopyNode) \
	X(xmlDocDumpMemoryEnc) \
	X(xmlDocGetRootElement) \
	X(xmlDocSetRootElement) \
	X(xmlFree) \
	X(xmlFreeDoc) \
	X(xmlFreeNode) \
	X(xmlFreeParserCtxt) \
	X(xmlFreeTextReader) \
	X(xmlFreeTextWriter) \
	X(xmlGetLineNo) \
	X(xmlGetProp) \
	X(xmlHashAddEntry) \
	X(xmlHashCreate) \
	X(xmlHashFree) \
	X(xmlHashLookup) \
	X(xmlMemSetup) \
	X(xmlNewDoc) \
	X(xmlNewDocNode) \
	X(xmlNewDocTextLen) \
	X(xmlNewNs) \
	X(xmlNewParserCtxt) \
	X(xmlNewProp) \
	X(xmlNewTextWriterMemory) \
	X(xmlNoNetExternalEntityLoader) \
	X(xmlNodeGetContent) \
	X(xmlReadMemory) \
	X(xmlReaderForMemory) \
	X(xmlRelaxNGFree) \
	X(xmlRelaxNGFreeParserCtxt) \
	X(xmlRelaxNGFreeValidCtxt) \
	X(xmlRelaxNGNewMemParserCtxt) \
	X(xmlRelaxNGNewValidCtxt) \
	X(xmlRelaxNGParse) \
	X(xmlRelaxNGSetParserStructuredErrors) \
	X(xmlRelaxNGSetValidStructuredErrors) \
	X(xmlRelaxNGValidateDoc) \
	X(xmlSAX2GetLineNumber) \
	X(xmlSAX2StartElement) \
	X(xmlSAX2StartElementNs) \
	X(xmlSetExternalEntityLoader) \
	X(xmlSetGenericErrorFunc) \
	X(xmlSetNs) \
	X(xmlSetStructuredErrorFunc) \
	X(xmlStopParser) \
	X(xmlStrcasecmp) \
	X(xmlStrcmp) \
	X(xmlStrdup) \
	X(xmlStrlen) \
	X(xmlStrncmp) \
	X(xmlStrndup) \
	X(xmlTextReaderConstLocalName) \
	X(xmlTextReaderConstNamespaceUri) \
	X(xmlTextReaderCurrentNode) \
	X(xmlTextReaderDepth) \
	X(xmlTextReaderExpand) \
	X(xmlTextReaderGetAttribute) \
	X(xmlTextReaderIsEmptyElement) \
	X(xmlTextReaderNext) \
	X(xmlTextReaderNodeType) \
	X(xmlTextReaderRead) \
	X(xmlTextReaderReadString) \
	X(xmlTextReaderSetStructuredErrorHandler) \
	X(xmlTextWriterEndDocument) \
	X(xmlTextWriterEndElement) \
	X(xmlTextWriterFlush) \
	X(xmlTextWriterStartDocument) \
	X(xmlTextWriterStartElement) \
	X(xmlTextWriterWriteAttribute) \
	X(xmlTextWriterWriteFormatString) \
	X(xmlTextWriterWriteRaw) \
	X(xmlTextWriterWriteRawLen) \
	X(xmlTextWriterWriteString) \
	X(xmlUnlinkNode) \
	X(xmlXPathPopBoolean) \
	X(xmlXPathPopString) \
	X(xmlXPathWrapString) \
	X(xmlXPatherror)

#define WP_LAZY_XSLT_SYMBOLS(X) \
	X(xsltApplyStylesheetUser) \
	X(xsltDocDefaultLoader) \
	X(xsltFreeSecurityPrefs) \
	X(xsltFreeStylesheet) \
	X(xsltFreeTransformContext) \
	X(xsltNewSecurityPrefs) \
	X(xsltNewTransformContext) \
	X(xsltParseStylesheetDoc) \
	X(xsltQuoteOneUserParam) \
	X(xsltRegisterExtModuleFunction) \
	X(xsltSaveResultToString) \
	X(xsltSecurityForbid) \
	X(xsltSetCtxtSecurityPrefs) \
	X(xsltSetDefaultSecurityPrefs) \
	X(xsltSetGenericErrorFunc) \
	X(xsltSetLoaderFunc) \
	X(xsltSetSecurityPrefs) \
	X(xsltSetTransformErrorFunc)

#define WP_LAZY_ZIP_SYMBOLS(X) \
	X(zip_close) \
	X(zip_discard) \
	X(zip_error_code_zip) \
	X(zip_error_fini) \
	X(zip_error_init) \
	X(zip_error_strerror) \
	X(zip_fclose) \
	X(zip_file_add) \
	X(zip_file_set_dostime) \
	X(zip_file_strerror) \
	X(zip_fopen_index) \
	X(zip_fread) \
	X(zip_name_locate) \
	X(zip_open_from_source) \
	X(zip_set_file_compression) \
	X(zip_source_buffer) \
	X(zip_source_buffer_create) \
	X(zip_source_close) \
	X(zip_source_free) \
	X(zip_source_keep) \
	X(zip_source_open) \
	X(zip_source_read) \
	X(zip_source_seek) \
	X(zip_source_tell) \
	X(zip_stat_index) \
	X(zip_stat_init) \
	X(zip_strerror)

#define WP_LAZY_MEMBER(name) __typeof__(name) *name;
struct wp_lazy_xml { WP_LAZY_XML_SYMBOLS(WP_LAZY_MEMBER) };
struct wp_lazy_xslt { WP_LAZY_XSLT_SYMBOLS(WP_LAZY_MEMBER) };
struct wp_lazy_zip { WP_LAZY_ZIP_SYMBOLS(WP_LAZY_MEMBER) };
#undef WP_LAZY_MEMBER

/* Loads lib (and libxml2 with libxslt) once per process; WP_OK, or an
 * error io.library "cannot load ..." at file name in d (when given) and
 * WP_EIO. Thread-safe. */
int wp_lazy_need(wp_lazy_lib lib, const char *name, wp_diags *d);
/* Whether lib is loaded in this process (tests). */
int wp_lazy_loaded(wp_lazy_lib lib);
/* The tables, loaded; abort when the library cannot be. */
const struct wp_lazy_xml *wp_lazy_xml(void);
const struct wp_lazy_xslt *wp_lazy_xslt(void);
const struct wp_lazy_zip *wp_lazy_zip(void);

/* Every name of the lists, through its table (not in base/lazy.c, which
 * fills the tables). */
#ifndef WP_LAZY_TABLES
#define htmlCreatePushParserCtxt (*wp_lazy_xml()->htmlCreatePushParserCtxt)
#define htmlCtxtUseOptions (*wp_lazy_xml()->htmlCtxtUseOptions)
#define htmlFreeParserCtxt (*wp_lazy_xml()->htmlFreeParserCtxt)
#define htmlParseChunk (*wp_lazy_xml()->htmlParseChunk)
#define valuePush (*wp_lazy_xml()->valuePush)
#define xmlAddChild (*wp_lazy_xml()->xmlAddChild)
#define xmlBufferContent (*wp_lazy_xml()->xmlBufferContent)
#define xmlBufferCreate (*wp_lazy_xml()->xmlBufferCreate)
#define xmlBufferDetach (*wp_lazy_xml()->xmlBufferDetach)
#define xmlBufferFree (*wp_lazy_xml()->xmlBufferFree)
#define xmlBufferLength (*wp_lazy_xml()->xmlBufferLength)
#define xmlCtxtReadMemory (*wp_lazy_xml()->xmlCtxtReadMemory)
#define xmlDictCreate (*wp_lazy_xml()->xmlDictCreate)
#define xmlDocCopyNode (*wp_lazy_xml()->xmlDocCopyNode)
#define xmlDocDumpMemoryEnc (*wp_lazy_xml()->xmlDocDumpMemoryEnc)
#define xmlDocGetRootElement (*wp_lazy_xml()->xmlDocGetRootElement)
#define xmlDocSetRootElement (*wp_lazy_xml()->xmlDocSetRootElement)
#define xmlFree (*wp_lazy_xml()->xmlFree)
#define xmlInitParser (*wp_lazy_xml()->xmlInitParser)
#define xmlFreeDoc (*wp_lazy_xml()->xmlFreeDoc)
#define xmlFreeNode (*wp_lazy_xml()->xmlFreeNode)
#define xmlFreeParserCtxt (*wp_lazy_xml()->xmlFreeParserCtxt)
#define xmlFreeTextReader (*wp_lazy_xml()->xmlFreeTextReader)
#define xmlFreeTextWriter (*wp_lazy_xml()->xmlFreeTextWriter)
#define xmlGetLineNo (*wp_lazy_xml()->xmlGetLineNo)
#define xmlGetProp (*wp_lazy_xml()->xmlGetProp)
#define xmlHashAddEntry (*wp_lazy_xml()->xmlHashAddEntry)
#define xmlHashCreate (*wp_lazy_xml()->xmlHashCreate)
#define xmlHashFree (*wp_lazy_xml()->xmlHashFree)
#define xmlHashLookup (*wp_lazy_xml()->xmlHashLookup)
#define xmlMemSetup (*wp_lazy_xml()->xmlMemSetup)
#define xmlNewDoc (*wp_lazy_xml()->xmlNewDoc)
#define xmlNewDocNode (*wp_lazy_xml()->xmlNewDocNode)
#define xmlNewDocTextLen (*wp_lazy_xml()->xmlNewDocTextLen)
#define xmlNewNs (*wp_lazy_xml()->xmlNewNs)
#define xmlNewParserCtxt (*wp_lazy_xml()->xmlNewParserCtxt)
#define xmlNewProp (*wp_lazy_xml()->xmlNewProp)
#define xmlNewTextWriterMemory (*wp_lazy_xml()->xmlNewTextWriterMemory)
#define xmlNoNetExternalEntityLoader (*wp_lazy_xml()->xmlNoNetExternalEntityLoader)
#define xmlNodeGetContent (*wp_lazy_xml()->xmlNodeGetContent)
#define xmlReadMemory (*wp_lazy_xml()->xmlReadMemory)
#define xmlReaderForMemory (*wp_lazy_xml()->xmlReaderForMemory)
#define xmlRelaxNGFree (*wp_lazy_xml()->xmlRelaxNGFree)
#define xmlRelaxNGFreeParserCtxt (*wp_lazy_xml()->xmlRelaxNGFreeParserCtxt)
#define xmlRelaxNGFreeValidCtxt (*wp_lazy_xml()->xmlRelaxNGFreeValidCtxt)
#define xmlRelaxNGNewMemParserCtxt (*wp_lazy_xml()->xmlRelaxNGNewMemParserCtxt)
#define xmlRelaxNGNewValidCtxt (*wp_lazy_xml()->xmlRelaxNGNewValidCtxt)
#define xmlRelaxNGParse (*wp_lazy_xml()->xmlRelaxNGParse)
#define xmlRelaxNGSetParserStructuredErrors (*wp_lazy_xml()->xmlRelaxNGSetParserStructuredErrors)
#define xmlRelaxNGSetValidStructuredErrors (*wp_lazy_xml()->xmlRelaxNGSetValidStructuredErrors)
#define xmlRelaxNGValidateDoc (*wp_lazy_xml()->xmlRelaxNGValidateDoc)
#define xmlSAX2GetLineNumber (*wp_lazy_xml()->xmlSAX2GetLineNumber)
#define xmlSAX2StartElement (*wp_lazy_xml()->xmlSAX2StartElement)
#define xmlSAX2StartElementNs (*wp_lazy_xml()->xmlSAX2StartElementNs)
#define xmlSetExternalEntityLoader (*wp_lazy_xml()->xmlSetExternalEntityLoader)
#define xmlSetGenericErrorFunc (*wp_lazy_xml()->xmlSetGenericErrorFunc)
#define xmlSetNs (*wp_lazy_xml()->xmlSetNs)
#define xmlSetStructuredErrorFunc (*wp_lazy_xml()->xmlSetStructuredErrorFunc)
#define xmlStopParser (*wp_lazy_xml()->xmlStopParser)
#define xmlStrcasecmp (*wp_lazy_xml()->xmlStrcasecmp)
#define xmlStrcmp (*wp_lazy_xml()->xmlStrcmp)
#define xmlStrdup (*wp_lazy_xml()->xmlStrdup)
#define xmlStrlen (*wp_lazy_xml()->xmlStrlen)
#define xmlStrncmp (*wp_lazy_xml()->xmlStrncmp)
#define xmlStrndup (*wp_lazy_xml()->xmlStrndup)
#define xmlTextReaderConstLocalName (*wp_lazy_xml()->xmlTextReaderConstLocalName)
#define xmlTextReaderConstNamespaceUri (*wp_lazy_xml()->xmlTextReaderConstNamespaceUri)
#define xmlTextReaderCurrentNode (*wp_lazy_xml()->xmlTextReaderCurrentNode)
#define xmlTextReaderDepth (*wp_lazy_xml()->xmlTextReaderDepth)
#define xmlTextReaderExpand (*wp_lazy_xml()->xmlTextReaderExpand)
#define xmlTextReaderGetAttribute (*wp_lazy_xml()->xmlTextReaderGetAttribute)
#define xmlTextReaderIsEmptyElement (*wp_lazy_xml()->xmlTextReaderIsEmptyElement)
#define xmlTextReaderNext (*wp_lazy_xml()->xmlTextReaderNext)
#define xmlTextReaderNodeType (*wp_lazy_xml()->xmlTextReaderNodeType)
#define xmlTextReaderRead (*wp_lazy_xml()->xmlTextReaderRead)
#define xmlTextReaderReadString (*wp_lazy_xml()->xmlTextReaderReadString)
#define xmlTextReaderSetStructuredErrorHandler (*wp_lazy_xml()->xmlTextReaderSetStructuredErrorHandler)
#define xmlTextWriterEndDocument (*wp_lazy_xml()->xmlTextWriterEndDocument)
#define xmlTextWriterEndElement (*wp_lazy_xml()->xmlTextWriterEndElement)
#define xmlTextWriterFlush (*wp_lazy_xml()->xmlTextWriterFlush)
#define xmlTextWriterStartDocument (*wp_lazy_xml()->xmlTextWriterStartDocument)
#define xmlTextWriterStartElement (*wp_lazy_xml()->xmlTextWriterStartElement)
#define xmlTextWriterWriteAttribute (*wp_lazy_xml()->xmlTextWriterWriteAttribute)
#define xmlTextWriterWriteFormatString (*wp_lazy_xml()->xmlTextWriterWriteFormatString)
#define xmlTextWriterWriteRaw (*wp_lazy_xml()->xmlTextWriterWriteRaw)
#define xmlTextWriterWriteRawLen (*wp_lazy_xml()->xmlTextWriterWriteRawLen)
#define xmlTextWriterWriteString (*wp_lazy_xml()->xmlTextWriterWriteString)
#define xmlUnlinkNode (*wp_lazy_xml()->xmlUnlinkNode)
#define xmlXPathPopBoolean (*wp_lazy_xml()->xmlXPathPopBoolean)
#define xmlXPathPopString (*wp_lazy_xml()->xmlXPathPopString)
#define xmlXPathWrapString (*wp_lazy_xml()->xmlXPathWrapString)
#define xmlXPatherror (*wp_lazy_xml()->xmlXPatherror)
#define xsltApplyStylesheetUser (*wp_lazy_xslt()->xsltApplyStylesheetUser)
#define xsltDocDefaultLoader (*wp_lazy_xslt()->xsltDocDefaultLoader)
#define xsltFreeSecurityPrefs (*wp_lazy_xslt()->xsltFreeSecurityPrefs)
#define xsltFreeStylesheet (*wp_lazy_xslt()->xsltFreeStylesheet)
#define xsltFreeTransformContext (*wp_lazy_xslt()->xsltFreeTransformContext)
#define xsltNewSecurityPrefs (*wp_lazy_xslt()->xsltNewSecurityPrefs)
#define xsltNewTransformContext (*wp_lazy_xslt()->xsltNewTransformContext)
#define xsltParseStylesheetDoc (*wp_lazy_xslt()->xsltParseStylesheetDoc)
#define xsltQuoteOneUserParam (*wp_lazy_xslt()->xsltQuoteOneUserParam)
#define xsltRegisterExtModuleFunction (*wp_lazy_xslt()->xsltRegisterExtModuleFunction)
#define xsltSaveResultToString (*wp_lazy_xslt()->xsltSaveResultToString)
#define xsltSecurityForbid (*wp_lazy_xslt()->xsltSecurityForbid)
#define xsltSetCtxtSecurityPrefs (*wp_lazy_xslt()->xsltSetCtxtSecurityPrefs)
#define xsltSetDefaultSecurityPrefs (*wp_lazy_xslt()->xsltSetDefaultSecurityPrefs)
#define xsltSetGenericErrorFunc (*wp_lazy_xslt()->xsltSetGenericErrorFunc)
#define xsltSetLoaderFunc (*wp_lazy_xslt()->xsltSetLoaderFunc)
#define xsltSetSecurityPrefs (*wp_lazy_xslt()->xsltSetSecurityPrefs)
#define xsltSetTransformErrorFunc (*wp_lazy_xslt()->xsltSetTransformErrorFunc)
#define zip_close (*wp_lazy_zip()->zip_close)
#define zip_discard (*wp_lazy_zip()->zip_discard)
#define zip_error_code_zip (*wp_lazy_zip()->zip_error_code_zip)
#define zip_error_fini (*wp_lazy_zip()->zip_error_fini)
#define zip_error_init (*wp_lazy_zip()->zip_error_init)
#define zip_error_strerror (*wp_lazy_zip()->zip_error_strerror)
#define zip_fclose (*wp_lazy_zip()->zip_fclose)
#define zip_file_add (*wp_lazy_zip()->zip_file_add)
#define zip_file_set_dostime (*wp_lazy_zip()->zip_file_set_dostime)
#define zip_file_strerror (*wp_lazy_zip()->zip_file_strerror)
#define zip_fopen_index (*wp_lazy_zip()->zip_fopen_index)
#define zip_fread (*wp_lazy_zip()->zip_fread)
#define zip_name_locate (*wp_lazy_zip()->zip_name_locate)
#define zip_open_from_source (*wp_lazy_zip()->zip_open_from_source)
#define zip_set_file_compression (*wp_lazy_zip()->zip_set_file_compression)
#define zip_source_buffer (*wp_lazy_zip()->zip_source_buffer)
#define zip_source_buffer_create (*wp_lazy_zip()->zip_source_buffer_create)
#define zip_source_close (*wp_lazy_zip()->zip_source_close)
#define zip_source_free (*wp_lazy_zip()->zip_source_free)
#define zip_source_keep (*wp_lazy_zip()->zip_source_keep)
#define zip_source_open (*wp_lazy_zip()->zip_source_open)
#define zip_source_read (*wp_lazy_zip()->zip_source_read)
#define zip_source_seek (*wp_lazy_zip()->zip_source_seek)
#define zip_source_tell (*wp_lazy_zip()->zip_source_tell)
#define zip_stat_index (*wp_lazy_zip()->zip_stat_index)
#define zip_stat_init (*wp_lazy_zip()->zip_stat_init)
#define zip_strerror (*wp_lazy_zip()->zip_strerror)
#endif

#endif
