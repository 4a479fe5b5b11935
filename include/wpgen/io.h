/* io.h: writing files so that a reader never sees half of one. */
#ifndef WPGEN_IO_H
#define WPGEN_IO_H

#include <stddef.h>

/* Writes data to path atomically: a temporary file in the same folder,
 * flushed with fsync, renamed over path, and the folder synced. On failure
 * the old file is intact, no temporary is left, errno says why, and the
 * return is WP_EIO. A path that is a device or a pipe (/dev/null,
 * /dev/stdout) is written in place; a folder is refused (EISDIR). */
int wp_write_file_atomic(const char *path, const void *data, size_t len);

#endif
