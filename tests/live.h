/* live.h: counts what would be live in an HTML page, as a browser parses
 * it (libxml2's HTML parser): script and other active elements, event
 * handler attributes, URLs with a scheme other than http, https and
 * mailto, and anything beyond the annex's own <style> and <meta> tags.
 * Shared by the unit tests (the XSS corpus) and the pipeline fuzz target.
 * Header-only: static functions, one copy per test program. */
#ifndef WPGEN_TESTS_LIVE_H
#define WPGEN_TESTS_LIVE_H

#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Elements that run, load or submit something. */
static const char *const live_elements[] = {
	"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "input", "button",
	"textarea", "select", "link", "img", "image", "math", "audio", "video", "source", "track", "picture",
	"portal", "noscript", "template", "xml", "isindex", "bgsound", "foreignobject", "animate", "set", "use", "handler", "listener", NULL,
};

/* Attributes that hold a URL. */
static const char *const live_url_attrs[] = {
	"href", "src", "action", "formaction", "xlink:href", "background", "poster", "srcset", "data", "codebase",
	"cite", "longdesc", "usemap", "dynsrc", "lowsrc", "ping", "manifest", "icon", NULL,
};

static int live_in(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (!strcasecmp(*list, s))
			return 1;
	return 0;
}

/* A URL is safe when, as a browser reads it (leading blanks and controls
 * dropped, tabs and newlines removed), it has no scheme (relative, #id)
 * or its scheme is http, https or mailto. */
static int live_url_is_safe(const char *u)
{
	char scheme[16];
	size_t n = 0;
	while (*u && (unsigned char)*u <= ' ')
		u++;
	for (; *u; u++) {
		if (*u == '\t' || *u == '\n' || *u == '\r')
			continue;
		if (*u == ':')
			break;
		/* a scheme is a letter, then letters, digits, '+', '-', '.': any
		 * other character first makes the URL relative */
		if (!(isalpha((unsigned char)*u) || (n && (isdigit((unsigned char)*u) || strchr("+-.", *u)))))
			return 1;
		if (n + 1 < sizeof scheme)
			scheme[n] = (char)tolower((unsigned char)*u);
		n++;
	}
	if (*u && n + 1 > sizeof scheme)
		return 0; /* a scheme longer than any safe one */
	if (!*u)
		return 1;
	scheme[n < sizeof scheme ? n : sizeof scheme - 1] = 0;
	return !strcmp(scheme, "http") || !strcmp(scheme, "https") || !strcmp(scheme, "mailto");
}

static size_t live_walk(xmlNodePtr n, int *styles, char *why, size_t whylen)
{
	size_t live = 0;
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)n->name;
		int bad = live_in(live_elements, name);
		if (!strcasecmp(name, "style"))
			bad = ++*styles > 1; /* the annex's own, once */
		if (!strcasecmp(name, "meta")) {
			xmlChar *eq = xmlGetProp(n, BAD_CAST "http-equiv");
			bad = eq && strcasecmp((const char *)eq, "Content-Security-Policy") &&
			      strcasecmp((const char *)eq, "Content-Type"); /* not refresh, set-cookie, ... */
			xmlFree(eq);
		}
		if (bad && why && !*why)
			snprintf(why, whylen, "element <%s> on line %ld", name, xmlGetLineNo(n));
		live += bad;
		for (xmlAttrPtr a = n->properties; a; a = a->next) {
			const char *an = (const char *)a->name;
			xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
			const char *val = v ? (const char *)v : "";
			int b = (an[0] == 'o' || an[0] == 'O') && (an[1] == 'n' || an[1] == 'N');
			b |= !strcasecmp(an, "srcdoc") || !strcasecmp(an, "formaction");
			b |= live_in(live_url_attrs, an) && !live_url_is_safe(val);
			if (!strcasecmp(an, "style")) {
				char low[256];
				size_t k = 0;
				for (; val[k] && k + 1 < sizeof low; k++)
					low[k] = (char)tolower((unsigned char)val[k]);
				low[k] = 0;
				b |= val[k] || strstr(low, "url(") || strstr(low, "expression") || strstr(low, "import");
			}
			if (b && why && !*why)
				snprintf(why, whylen, "attribute %s=\"%.60s\" of <%s> on line %ld", an, val, name, xmlGetLineNo(n));
			live += b;
			xmlFree(v);
		}
		live += live_walk(n->children, styles, why, whylen);
	}
	return live;
}

/* The number of live elements and attributes in html[0..len); the first
 * is described in why (when not NULL). (size_t)-1 when it does not parse. */
static size_t html_live(const char *html, size_t len, char *why, size_t whylen)
{
	if (why && whylen)
		*why = 0;
	htmlDocPtr doc = htmlReadMemory(html, (int)len, "annex.html", "UTF-8",
					HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	if (!doc)
		return (size_t)-1;
	int styles = 0;
	size_t live = live_walk(xmlDocGetRootElement(doc), &styles, why, whylen);
	xmlFreeDoc(doc);
	return live;
}

#endif
