/* export.h: what libwpgen exports. Every function and object of the public
 * API is declared WP_API; the library is built with hidden visibility, so
 * that nothing else leaves it. */
#ifndef WPGEN_EXPORT_H
#define WPGEN_EXPORT_H

#if defined(__GNUC__) || defined(__clang__)
#define WP_API __attribute__((visibility("default")))
#else
#define WP_API
#endif

#endif
