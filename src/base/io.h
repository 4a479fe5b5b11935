/* io.h: what the I/O of base/io.c offers beyond the public API
 * (wpgen/io.h): a hook for the tests. Internal, not installed. */
#ifndef WP_BASE_IO_H
#define WP_BASE_IO_H

/* For tests (tests/kill.sh): write in 16 KiB pieces with a pause between
 * them, so that a SIGKILL lands mid-write. Never on in normal use. */
void wp_io_slow_writes(int on);

#endif
