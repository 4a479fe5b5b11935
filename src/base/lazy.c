/* base/lazy.c: libxml2, libxslt and libzip loaded on first use (lazy.h
 * says why). */
#define WP_LAZY_TABLES /* the names, not the calls through the tables */
#include "base/lazy.h"
#include "base/alloc.h"
#include "base/util.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef WP_SONAME_XML
#define WP_SONAME_XML "libxml2.so.2"
#endif
#ifndef WP_SONAME_XSLT
#define WP_SONAME_XSLT "libxslt.so.1"
#endif
#ifndef WP_SONAME_ZIP
#define WP_SONAME_ZIP "libzip.so.4"
#endif

typedef struct sym {
	const char *name;
	size_t off;
} sym;

#define XML_SYM(name) {#name, offsetof(struct wp_lazy_xml, name)},
#define XSLT_SYM(name) {#name, offsetof(struct wp_lazy_xslt, name)},
#define ZIP_SYM(name) {#name, offsetof(struct wp_lazy_zip, name)},
static const sym xml_syms[] = {WP_LAZY_XML_SYMBOLS(XML_SYM)};
static const sym xslt_syms[] = {WP_LAZY_XSLT_SYMBOLS(XSLT_SYM)};
static const sym zip_syms[] = {WP_LAZY_ZIP_SYMBOLS(ZIP_SYM)};

static struct wp_lazy_xml xml_tab;
static struct wp_lazy_xslt xslt_tab;
static struct wp_lazy_zip zip_tab;

typedef struct lib {
	const char *soname;
	const sym *syms;
	size_t nsyms;
	void *tab;
	pthread_once_t once;
	int ok;
	char *why; /* why it could not be loaded (malloc'd, kept for the process), or NULL */
} lib;

static lib libs[] = {
	[WP_LAZY_XML] = {WP_SONAME_XML, xml_syms, sizeof xml_syms / sizeof xml_syms[0], &xml_tab, PTHREAD_ONCE_INIT, 0, NULL},
	[WP_LAZY_XSLT] = {WP_SONAME_XSLT, xslt_syms, sizeof xslt_syms / sizeof xslt_syms[0], &xslt_tab, PTHREAD_ONCE_INIT, 0, NULL},
	[WP_LAZY_ZIP] = {WP_SONAME_ZIP, zip_syms, sizeof zip_syms / sizeof zip_syms[0], &zip_tab, PTHREAD_ONCE_INIT, 0, NULL},
};

static void load(lib *l)
{
	/* RTLD_LOCAL: their names stay out of the process's namespace */
	void *h = dlopen(l->soname, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *e = dlerror();
		l->why = strdup(e ? e : "dlopen failed"); /* (whole: it names a path) */
		return;
	}
	for (size_t i = 0; i < l->nsyms; i++) {
		void *f = dlsym(h, l->syms[i].name);
		if (!f) {
			wp_buf b = {0};
			wp_buf_printf(&b, "%s has no %s", l->soname, l->syms[i].name);
			l->why = wp_buf_detach(&b, NULL);
			return;
		}
		memcpy((char *)l->tab + l->syms[i].off, &f, sizeof f);
	}
	l->ok = 1;
}

static void load_xml(void)
{
	load(&libs[WP_LAZY_XML]);
	if (libs[WP_LAZY_XML].ok) {
		/* its allocations counted (base/alloc.c), and no entity or DTD it
		 * loads for wpgen from the network */
		xml_tab.xmlMemSetup(free, wp_xml_malloc, wp_xml_realloc, wp_xml_strdup);
		xml_tab.xmlSetExternalEntityLoader(xml_tab.xmlNoNetExternalEntityLoader);
		/* its global state made once, here, before any other thread uses
		 * it (libxml2 asks it of threaded programs: two build workers
		 * initialising it at once leaked an encoding handler) */
		xml_tab.xmlInitParser();
	}
}

static void load_xslt(void)
{
	load(&libs[WP_LAZY_XSLT]);
}

static void load_zip(void)
{
	load(&libs[WP_LAZY_ZIP]);
}

static void (*const loaders[])(void) = {[WP_LAZY_XML] = load_xml, [WP_LAZY_XSLT] = load_xslt, [WP_LAZY_ZIP] = load_zip};

static int ensure(wp_lazy_lib which)
{
	if (which == WP_LAZY_XSLT && !ensure(WP_LAZY_XML))
		return 0;
	pthread_once(&libs[which].once, loaders[which]);
	return libs[which].ok;
}

int wp_lazy_need(wp_lazy_lib which, const char *name, wp_diags *d)
{
	if (ensure(which))
		return WP_OK;
	lib *l = &libs[which == WP_LAZY_XSLT && !libs[WP_LAZY_XML].ok ? WP_LAZY_XML : which];
	if (d && wp_diags_add(d, name, 0, 0, WP_ERROR, "io.library", "cannot load %s: %s", l->soname, l->why ? l->why : "out of memory") != WP_OK)
		return WP_ENOMEM;
	return WP_EIO;
}

int wp_lazy_loaded(wp_lazy_lib which)
{
	return libs[which].ok;
}

static const void *table(wp_lazy_lib which)
{
	if (!ensure(which)) {
		/* a path that did not ask wp_lazy_need first: no table to call */
		fprintf(stderr, "wpgen: cannot load %s: %s\n", libs[which].soname, libs[which].why ? libs[which].why : "out of memory");
		abort();
	}
	return libs[which].tab;
}

const struct wp_lazy_xml *wp_lazy_xml(void)
{
	return table(WP_LAZY_XML);
}

const struct wp_lazy_xslt *wp_lazy_xslt(void)
{
	return table(WP_LAZY_XSLT);
}

const struct wp_lazy_zip *wp_lazy_zip(void)
{
	return table(WP_LAZY_ZIP);
}
