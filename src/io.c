/* io.c: atomic file writes and whole-file reads (see wpgen/io.h). */
#define _POSIX_C_SOURCE 200809L
#include "wpgen/wpgen.h"
#include "alloc.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* For tests/kill.sh (see io.h): set by the program, never read from the
 * environment here. */
static int slow;

void wp_io_slow_writes(int on)
{
	slow = on;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, slow && n > 16384 ? 16384 : n);
		if (slow)
			usleep(2000);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written in
 * place: renaming a temporary over it would replace the device node. */
static int write_special(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_APPEND);
	int err = 0;
	if (fd < 0)
		return WP_EIO;
	if (write_all(fd, data, len) < 0)
		err = errno;
	if (close(fd) < 0 && !err)
		err = errno;
	if (err) {
		errno = err;
		return WP_EIO;
	}
	return WP_OK;
}

int wp_write_file_atomic(const char *path, const void *data, size_t len)
{
	wp_buf tmp = {0};
	const char *slash = strrchr(path, '/');
	int fd = -1, err = 0;
	struct stat st;

	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode)) {
			errno = EISDIR;
			return WP_EIO;
		}
		return write_special(path, data, len);
	}

	wp_buf_printf(&tmp, "%.*s.%s.tmp.XXXXXX", slash ? (int)(slash - path + 1) : 0, path,
		      slash ? slash + 1 : path);
	if (tmp.oom) {
		wp_buf_free(&tmp);
		errno = ENOMEM;
		return WP_EIO;
	}
	fd = mkstemp(tmp.data);
	if (fd < 0) {
		err = errno;
		goto done;
	}
	if (write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		err = errno;
		close(fd);
		unlink(tmp.data);
		goto done;
	}
	/* mkstemp makes 0600; an annex is an ordinary file. */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	if (close(fd) < 0) {
		err = errno;
		unlink(tmp.data);
		goto done;
	}
	if (rename(tmp.data, path) < 0) {
		err = errno;
		unlink(tmp.data);
		goto done;
	}
	{
		/* Sync the folder so the rename itself survives a crash. */
		wp_buf dir = {0};
		if (slash)
			wp_buf_put(&dir, path, (size_t)(slash - path) + (slash == path));
		else
			wp_buf_putc(&dir, '.');
		if (!dir.oom) {
			int dfd = open(dir.data, O_RDONLY | O_DIRECTORY);
			if (dfd >= 0) {
				fsync(dfd);
				close(dfd);
			}
		}
		wp_buf_free(&dir);
	}
done:
	wp_buf_free(&tmp);
	if (err) {
		errno = err;
		return WP_EIO;
	}
	return WP_OK;
}

int wp_read_file(char **out, size_t *len, const char *path)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	wp_buf b = {0};
	char chunk[65536];
	size_t n;
	int err = 0;

	*out = NULL;
	*len = 0;
	if (!f)
		return WP_EIO;
	{
		struct stat st;
		if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
			if (f != stdin)
				fclose(f);
			errno = EISDIR;
			return WP_EIO;
		}
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		wp_buf_put(&b, chunk, n);
	if (ferror(f))
		err = errno ? errno : EIO;
	if (f != stdin)
		fclose(f);
	if (err) {
		wp_buf_free(&b);
		errno = err;
		return WP_EIO;
	}
	if (b.oom) {
		wp_buf_free(&b);
		return WP_ENOMEM;
	}
	*out = wp_buf_detach(&b, len);
	return *out ? WP_OK : WP_ENOMEM;
}
