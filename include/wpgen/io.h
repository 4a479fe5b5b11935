/* io.h: writing files so that a reader never sees half of one. */
#ifndef WPGEN_IO_H
#define WPGEN_IO_H

#include "wpgen/export.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Writes data to path atomically: a temporary file in the same folder
 * (created with mode 0666 less the umask, which wpgen never changes),
 * flushed with fsync, renamed over path, and the folder synced. On failure
 * the old file is intact, no temporary is left, errno says why, and the
 * return is WP_EIO.
 *
 * What the file was is kept: an existing file keeps its mode, and its
 * owner and group where that is permitted; a symbolic link is followed
 * and its target written (atomically, in the target's folder); a file
 * with several hard links is rewritten in place so that every name sees
 * the new text (a backup of the old text stands beside it until the new
 * one is whole). A device or a pipe (/dev/null, /dev/stdout) is written
 * in place; a folder is refused (EISDIR).
 *
 * With WP_WRITE_NOFOLLOW (a build's output folder), a symbolic link or
 * anything but a regular file at path is refused (ELOOP, EEXIST) and left
 * alone: it is not a file wpgen wrote. */
enum { WP_WRITE_NOFOLLOW = 1 };
WP_API int wp_write_file(const char *path, const void *data, size_t len, unsigned flags);
/* wp_write_file with no flags. */
WP_API int wp_write_file_atomic(const char *path, const void *data, size_t len);
/* Whether two paths name the same file (device and inode, links
 * followed); 0 when either is not there. */
WP_API int wp_same_file(const char *a, const char *b);

/* The bytes of one file wpgen reads by default (wp_limits.input). */
#define WP_INPUT_MAX_DEFAULT ((size_t)512 << 20)

/* Reads a whole file (or standard input when path is "-") into memory,
 * at most max bytes (0: WP_INPUT_MAX_DEFAULT). A path must name a
 * regular file (opened without blocking, checked with fstat before a byte
 * is read): a FIFO, a device or a socket is refused (errno ESPIPE), as is
 * a file or a standard input over max (errno EFBIG, found before reading
 * when the size is known). *out is malloc'd and NUL-terminated (free()).
 * Returns WP_OK, WP_EIO (errno says why: wp_read_why) or WP_ENOMEM. */
WP_API int wp_read_file_max(char **out, size_t *len, const char *path, size_t max);
/* wp_read_file_max with the default limit. */
WP_API int wp_read_file(char **out, size_t *len, const char *path);
/* Why a read failed, for a message: the two refusals above in words
 * (naming --limit input=N), else strerror(err). */
WP_API const char *wp_read_why(int err);


#ifdef __cplusplus
}
#endif

#endif
