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

/* Reads a whole file (or standard input when path is "-") into memory.
 * *out is malloc'd and NUL-terminated (free()). Returns WP_OK, WP_EIO
 * (errno is kept) or WP_ENOMEM. */
int wp_read_file(char **out, size_t *len, const char *path);

/* For tests (tests/kill.sh): write in 16 KiB pieces with a pause between
 * them, so that a SIGKILL lands mid-write. Never on in normal use. */
void wp_io_slow_writes(int on);

#endif
