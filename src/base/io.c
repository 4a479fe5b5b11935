/* io.c: atomic file writes and whole-file reads (see wpgen/io.h). */
#define _POSIX_C_SOURCE 200809L
#include "wpgen/wpgen.h"
#include "base/alloc.h"
#include "base/io.h"
#include "base/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/random.h>
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

/* A temporary in path's folder, ".NAME.tmp.XXXXXX", created exclusively
 * with mode 0666 less the umask (the kernel applies it: wpgen never sets
 * the process's umask, which worker threads share). Returns the open file
 * or -1 (errno says why); the name is in tmp. */
static int make_temp(wp_buf *tmp, const char *path, const char *tag)
{
	static const char alnum[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	static unsigned long counter;
	const char *slash = strrchr(path, '/');
	for (int attempt = 0; attempt < 100; attempt++) {
		unsigned char r[6];
		if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r) { /* no entropy: a counter is unique enough */
			unsigned long x = (unsigned long)getpid() * 2654435761u + __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED);
			for (size_t i = 0; i < sizeof r; i++, x /= 62)
				r[i] = (unsigned char)(x % 62);
		}
		tmp->len = 0;
		wp_buf_printf(tmp, "%.*s.%s.%s.", slash ? (int)(slash - path + 1) : 0, path, slash ? slash + 1 : path, tag);
		for (size_t i = 0; i < sizeof r; i++)
			wp_buf_putc(tmp, alnum[r[i] % 62]);
		if (tmp->oom) {
			errno = ENOMEM;
			return -1;
		}
		int fd = open(tmp->data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

static void sync_folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	wp_buf dir = {0};
	if (slash)
		wp_buf_put(&dir, path, (size_t)(slash - path) + (slash == path));
	else
		wp_buf_putc(&dir, '.');
	if (!dir.oom) {
		int dfd = open(dir.data, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
	}
	wp_buf_free(&dir);
}

/* The file a path names, its symbolic links followed (a dangling link:
 * the file it would create). malloc'd, or NULL (errno). */
static char *resolve(const char *path)
{
	char *real = realpath(path, NULL);
	struct stat st;
	if (real || lstat(path, &st) != 0 || !S_ISLNK(st.st_mode)) {
		if (!real)
			real = wp_strdup(path); /* not there yet */
		return real;
	}
	/* a link to a file that is not there yet */
	wp_buf link = {0}, out = {0};
	for (size_t cap = 256;; cap *= 2) {
		link.len = 0;
		wp_buf_put(&link, "", 0);
		char *b = wp_malloc(cap);
		ssize_t n = b ? readlink(path, b, cap) : -1;
		if (n >= 0 && (size_t)n < cap)
			wp_buf_put(&link, b, (size_t)n);
		wp_free(b);
		if (n < 0 || (size_t)n < cap)
			break;
	}
	const char *slash = strrchr(path, '/');
	if (link.len && link.data[0] != '/' && slash)
		wp_buf_put(&out, path, (size_t)(slash - path) + 1);
	wp_buf_put(&out, link.data ? link.data : "", link.len);
	wp_buf_free(&link);
	return wp_buf_detach(&out, NULL);
}

/* A file with several names (hard links) is rewritten in place, so that
 * every name sees the new text: a backup of the old text is written
 * first beside it and removed when the new text is whole (a kill in
 * between leaves it, ".NAME.backup.XXXXXX"); the space is reserved
 * before a byte is changed. */
static int write_in_place(const char *path, const void *data, size_t len)
{
	char *old = NULL;
	size_t olen = 0;
	wp_buf bak = {0};
	int fd = -1, bfd = -1, err = 0;
	if (wp_read_file(&old, &olen, path) != WP_OK)
		return WP_EIO;
	bfd = make_temp(&bak, path, "backup");
	if (bfd < 0 || write_all(bfd, old, olen) < 0 || fsync(bfd) < 0) {
		err = errno;
		goto done;
	}
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || (len && (err = posix_fallocate(fd, 0, (off_t)len)) != 0)) {
		err = err ? err : errno;
		goto done;
	}
	if (lseek(fd, 0, SEEK_SET) < 0 || write_all(fd, data, len) < 0 || ftruncate(fd, (off_t)len) < 0 || fsync(fd) < 0)
		err = errno;
done:
	if (fd >= 0 && close(fd) < 0 && !err)
		err = errno;
	if (bfd >= 0)
		close(bfd);
	if (bfd >= 0 && !err)
		unlink(bak.data); /* whole: the backup goes */
	else if (bfd >= 0 && fd < 0)
		unlink(bak.data); /* nothing was changed */
	wp_buf_free(&bak);
	wp_free(old);
	if (err) {
		errno = err;
		return WP_EIO;
	}
	return WP_OK;
}

/* Opens the output at path: a new temporary beside the file it names
 * (symbolic links followed, unless WP_WRITE_NOFOLLOW), which
 * wp_out_commit renames over it. A device, a FIFO or a file with other
 * hard links is not replaced but written in place: then o->inplace is
 * set and no file is open (wp_write_file writes those whole). */
int wp_out_open(wp_out *o, const char *path, unsigned flags)
{
	struct stat st;
	int err = 0;
	memset(o, 0, sizeof *o);
	o->fd = -1;
	o->target = (flags & WP_WRITE_NOFOLLOW) ? wp_strdup(path) : resolve(path);
	if (!o->target) {
		errno = ENOMEM;
		return WP_EIO;
	}
	if (lstat(o->target, &st) == 0) {
		o->exists = 1;
		o->mode = st.st_mode;
		o->uid = st.st_uid;
		o->gid = st.st_gid;
		if (S_ISDIR(st.st_mode))
			err = EISDIR;
		else if (S_ISLNK(st.st_mode) || (!S_ISREG(st.st_mode) && (flags & WP_WRITE_NOFOLLOW)))
			err = S_ISLNK(st.st_mode) ? ELOOP : EEXIST; /* not one of wpgen's files: left alone */
		else if (!S_ISREG(st.st_mode) || (st.st_nlink > 1 && !(flags & WP_WRITE_NOFOLLOW)))
			o->inplace = S_ISREG(st.st_mode) ? 2 : 1;
		if (err || o->inplace)
			goto out;
	}
	o->fd = make_temp(&o->tmp, o->target, "tmp");
	if (o->fd < 0) {
		err = errno;
		/* a folder that is there but takes no new file (/proc): not "no
		 * such file" */
		if (err == ENOENT && o->exists)
			err = EPERM;
	}
out:
	if (err) {
		wp_out_abort(o);
		errno = err;
		return WP_EIO;
	}
	return WP_OK;
}

int wp_out_write(wp_out *o, const char *data, size_t len)
{
	if (o->fd < 0 || write_all(o->fd, data, len) < 0) {
		if (o->fd < 0)
			errno = EBADF;
		return WP_EIO;
	}
	return WP_OK;
}

/* The temporary made the file: its mode and owner kept, synced, renamed
 * over the target. On failure the temporary is gone. */
int wp_out_commit(wp_out *o)
{
	int err = 0;
	if (o->exists) {
		/* the file keeps its mode, and its owner where that is permitted */
		if (fchmod(o->fd, o->mode & 07777) < 0)
			err = errno;
		/* (not permitted: the writer owns the new file, as an editor's save does) */
		else if ((o->uid != geteuid() || o->gid != getegid()) && fchown(o->fd, o->uid, o->gid) < 0)
			(void)!fchown(o->fd, (uid_t)-1, o->gid);
	}
	if (!err && fsync(o->fd) < 0)
		err = errno;
	if (close(o->fd) < 0 && !err)
		err = errno;
	o->fd = -1;
	if (!err && rename(o->tmp.data, o->target) < 0)
		err = errno;
	if (err) {
		unlink(o->tmp.data);
		wp_out_abort(o);
		errno = err;
		return WP_EIO;
	}
	sync_folder_of(o->target); /* so that the rename itself survives a crash */
	wp_out_abort(o);
	return WP_OK;
}

void wp_out_abort(wp_out *o)
{
	if (o->fd >= 0) {
		close(o->fd);
		unlink(o->tmp.data);
	}
	o->fd = -1;
	wp_buf_free(&o->tmp);
	wp_free(o->target);
	o->target = NULL;
}

int wp_write_file(const char *path, const void *data, size_t len, unsigned flags)
{
	wp_out o;
	if (wp_out_open(&o, path, flags) != WP_OK)
		return WP_EIO;
	if (o.inplace) {
		int rc = o.inplace == 1 ? write_special(o.target, data, len) : write_in_place(o.target, data, len);
		int err = errno;
		wp_out_abort(&o);
		errno = err;
		return rc;
	}
	if (wp_out_write(&o, data, len) != WP_OK) {
		int err = errno;
		wp_out_abort(&o);
		errno = err;
		return WP_EIO;
	}
	return wp_out_commit(&o);
}

int wp_write_file_atomic(const char *path, const void *data, size_t len)
{
	return wp_write_file(path, data, len, 0);
}

int wp_same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int wp_read_file_max(char **out, size_t *len, const char *path, size_t max)
{
	int in = strcmp(path, "-") == 0;
	/* O_NONBLOCK: opening a FIFO must not wait for a writer (it is
	 * refused below, once fstat has said what it is) */
	int fd = in ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	wp_buf b = {0};
	struct stat st;
	int err = 0;

	*out = NULL;
	*len = 0;
	if (!max)
		max = WP_INPUT_MAX_DEFAULT;
	if (fd < 0)
		return WP_EIO;
	if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode) || (!in && !S_ISREG(st.st_mode)) ||
	    (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max)) {
		err = errno;
		if (S_ISDIR(st.st_mode))
			err = EISDIR;
		else if (!in && !S_ISREG(st.st_mode))
			err = ESPIPE;
		else if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max)
			err = EFBIG;
		if (!in)
			close(fd);
		errno = err;
		return WP_EIO;
	}
	if (!in) /* (a regular file: reads do not block; the flag off all the same) */
		(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	/* A file's size is known: read into one buffer of it, not through
	 * stdio's, a page at a time (a build reads a thousand sources). A
	 * pipe, or a file that grows meanwhile, is read to its end all the
	 * same, up to max. */
	size_t want = S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size + 1 : 65536;
	if (wp_buf_reserve(&b, want < max ? want : max))
		b.data[0] = '\0';
	while (!b.oom) {
		if (b.len > max) {
			err = EFBIG;
			break;
		}
		if (b.cap - b.len < 2 && !wp_buf_reserve(&b, b.cap))
			break;
		ssize_t n = read(fd, b.data + b.len, b.cap - b.len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno ? errno : EIO;
			break;
		}
		if (n == 0)
			break;
		b.len += (size_t)n;
		b.data[b.len] = '\0';
	}
	if (!in)
		close(fd);
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

int wp_read_file(char **out, size_t *len, const char *path)
{
	return wp_read_file_max(out, len, path, 0);
}

const char *wp_read_why(int err)
{
	if (err == ESPIPE)
		return "not a regular file (a FIFO, a device or a socket): wpgen reads files, and standard input as '-'";
	if (err == EFBIG)
		return "larger than the bytes wpgen reads of one file (--limit input=N raises the limit)";
	return strerror(err);
}
