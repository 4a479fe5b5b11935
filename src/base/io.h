/* io.h: what the I/O of base/io.c offers beyond the public API
 * (wpgen/io.h): a hook for the tests. Internal, not installed. */
#ifndef WP_BASE_IO_H
#define WP_BASE_IO_H

#include "base/util.h"
#include <stddef.h>

/* For tests (tests/kill.sh): write in 16 KiB pieces with a pause between
 * them, so that a SIGKILL lands mid-write. Never on in normal use. */
void wp_io_slow_writes(int on);

/* An output file written as it is made and put in place whole, or not
 * at all: wp_out_open, then wp_out_write as often as needed, then
 * wp_out_commit, or wp_out_abort (which leaves no trace). The path's rules
 * are wp_write_file's (wpgen/io.h), which is built on these. */
typedef struct wp_out {
	int fd;          /* the temporary, or -1 */
	char *target;    /* the file it will replace */
	wp_buf tmp;      /* the temporary's name */
	int exists;      /* the target is there: its mode and owner are kept */
	int inplace;     /* 1: a device or FIFO, 2: a file with other hard links; written
			    in place by wp_write_file, not through a temporary (fd is -1) */
	unsigned mode, uid, gid;
} wp_out;

/* WP_OK, or WP_EIO with errno (nothing left behind). */
int wp_out_open(wp_out *o, const char *path, unsigned flags);
int wp_out_write(wp_out *o, const char *data, size_t len);
int wp_out_commit(wp_out *o);
void wp_out_abort(wp_out *o);

#endif
