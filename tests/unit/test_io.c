/* test_io.c: atomic writes and whole-file reads. */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include <signal.h>
#include <sys/resource.h>
#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[32];

static int setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/wpgen-io-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[160];
	snprintf(cmd, sizeof cmd, "chmod -R u+w %s; rm -rf %s", dir, dir);
	return system(cmd);
}

static size_t entries(const char *path)
{
	DIR *d = opendir(path);
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.' || (e->d_name[1] && e->d_name[1] != '.' && e->d_name[1]);
	closedir(d);
	return n;
}

static void test_io__write_then_read_back(void **state)
{
	(void)state;
	char path[128], *buf;
	size_t len;
	snprintf(path, sizeof path, "%s/a.html", dir);
	assert_int_equal(wp_write_file_atomic(path, "first", 5), WP_OK);
	assert_int_equal(wp_write_file_atomic(path, "second", 6), WP_OK);
	assert_int_equal(wp_read_file(&buf, &len, path), WP_OK);
	assert_int_equal(len, 6);
	assert_string_equal(buf, "second");
	free(buf);
	assert_int_equal(entries(dir), 1); /* no temporary left behind */
}

/* A write that fails keeps the old file, whoever runs the test: a file
 * size limit (RLIMIT_FSIZE) stops root's writes too, as a full disk
 * would; an unwritable folder stops everyone but root. */
static void test_io__failed_write_keeps_old_file(void **state)
{
	(void)state;
	char path[128], *buf;
	size_t len;
	struct rlimit was, small;
	snprintf(path, sizeof path, "%s/b.html", dir);
	assert_int_equal(wp_write_file_atomic(path, "old", 3), WP_OK);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &was), 0);
	small = was;
	small.rlim_cur = 2; /* bytes */
	void (*old)(int) = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	int rc = wp_write_file_atomic(path, "new and longer", 14);
	int err = errno;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &was), 0);
	signal(SIGXFSZ, old);
	assert_int_equal(rc, WP_EIO);
	assert_int_equal(err, EFBIG);
	assert_int_equal(wp_read_file(&buf, &len, path), WP_OK);
	assert_string_equal(buf, "old");
	free(buf);
	assert_int_equal(entries(dir), 1); /* no temporary left */
	if (geteuid() != 0) {
		chmod(dir, 0555);
		assert_int_equal(wp_write_file_atomic(path, "new", 3), WP_EIO);
		chmod(dir, 0755);
		assert_int_equal(wp_read_file(&buf, &len, path), WP_OK);
		assert_string_equal(buf, "old");
		free(buf);
	}
}

static void test_io__target_is_a_folder(void **state)
{
	(void)state;
	char path[128], *buf;
	size_t len;
	snprintf(path, sizeof path, "%s/sub", dir);
	mkdir(path, 0755);
	size_t before = entries(dir);
	/* rename over a folder fails; the temporary is cleaned up */
	assert_int_equal(wp_write_file_atomic(path, "x", 1), WP_EIO);
	assert_int_equal(entries(dir), before);
	assert_int_equal(wp_read_file(&buf, &len, path), WP_EIO);
	assert_int_equal(errno, EISDIR);
	assert_int_equal(wp_read_file(&buf, &len, "/no/such/file.md"), WP_EIO);
	assert_int_equal(errno, ENOENT);
}

static void test_io__devices_written_in_place(void **state)
{
	(void)state;
	struct stat st;
	/* never a rename over a device node, whoever runs the test */
	assert_int_equal(wp_write_file_atomic("/dev/null", "x", 1), WP_OK);
	assert_int_equal(stat("/dev/null", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	assert_int_equal(wp_write_file_atomic("/dev/full", "x", 1), WP_EIO);
	assert_int_equal(errno, ENOSPC);
	assert_int_equal(stat("/dev/full", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
}

static void test_io__unwritable_folder_is_an_error(void **state)
{
	(void)state;
	/* No temporary can be made in /proc, even by root. (Standard output
	 * on /dev/full is tested in tests/cli.sh; an atomic write *onto*
	 * /dev/full would replace the device node when run as root.) */
	int rc = wp_write_file_atomic("/proc/wpgen-test.html", "x", 1);
	assert_int_equal(rc, WP_EIO);
}

static mode_t mode_of(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	return st.st_mode & 07777;
}

static void read_is(const char *path, const char *want)
{
	char *buf;
	size_t len;
	assert_int_equal(wp_read_file(&buf, &len, path), WP_OK);
	assert_string_equal(buf, want);
	free(buf);
}

/* What a file was is kept: its mode, its owner, its links. */
static void test_io__modes_owners_and_links_kept(void **state)
{
	(void)state;
	char path[128], lnk[128], hard[128], sub[128], target[160];
	snprintf(path, sizeof path, "%s/m.md", dir);
	/* a new file: 0666 less the umask, which is never changed */
	mode_t was = umask(027);
	assert_int_equal(wp_write_file_atomic(path, "one", 3), WP_OK);
	assert_int_equal(mode_of(path), 0640);
	umask(was);
	/* modes 600 and 444 stay */
	chmod(path, 0600);
	assert_int_equal(wp_write_file_atomic(path, "two", 3), WP_OK);
	assert_int_equal(mode_of(path), 0600);
	chmod(path, 0444);
	assert_int_equal(wp_write_file_atomic(path, "three", 5), WP_OK);
	assert_int_equal(mode_of(path), 0444);
	read_is(path, "three");
	chmod(path, 0644);
	/* the owner stays where that is permitted (root may give it back) */
	if (geteuid() == 0) {
		assert_int_equal(chown(path, 65534, 65534), 0);
		assert_int_equal(wp_write_file_atomic(path, "four", 4), WP_OK);
		struct stat st;
		assert_int_equal(stat(path, &st), 0);
		assert_int_equal(st.st_uid, 65534);
		assert_int_equal(st.st_gid, 65534);
	}
	/* a symbolic link is followed: its target is written, in the target's
	 * folder, and the link stays a link */
	snprintf(sub, sizeof sub, "%s/real", dir);
	mkdir(sub, 0755);
	snprintf(target, sizeof target, "%s/real/t.md", dir);
	assert_int_equal(wp_write_file_atomic(target, "old", 3), WP_OK);
	snprintf(lnk, sizeof lnk, "%s/l.md", dir);
	assert_int_equal(symlink("real/t.md", lnk), 0);
	assert_int_equal(wp_write_file_atomic(lnk, "through", 7), WP_OK);
	struct stat lst;
	assert_int_equal(lstat(lnk, &lst), 0);
	assert_true(S_ISLNK(lst.st_mode));
	read_is(target, "through");
	assert_int_equal(entries(sub), 1); /* no temporary left there */
	/* hard links are not split: every name sees the new text */
	snprintf(hard, sizeof hard, "%s/h.md", dir);
	assert_int_equal(link(target, hard), 0);
	assert_int_equal(wp_write_file_atomic(hard, "both names", 10), WP_OK);
	read_is(target, "both names");
	read_is(hard, "both names");
	struct stat hs;
	assert_int_equal(stat(hard, &hs), 0);
	assert_int_equal(hs.st_nlink, 2);
	assert_int_equal(entries(sub), 1); /* the backup went once the text was whole */
	/* a build's output folder: a link there is not wpgen's, and is left alone */
	assert_int_equal(wp_write_file(lnk, "no", 2, WP_WRITE_NOFOLLOW), WP_EIO);
	assert_int_equal(errno, ELOOP);
	read_is(target, "both names");
	assert_true(wp_same_file(lnk, target));
	assert_true(wp_same_file(hard, target));
	assert_false(wp_same_file(path, target));
	assert_false(wp_same_file(path, "/nonexistent/x"));
}

/* Reads are bounded and never block: a FIFO (with no writer) and a
 * device are refused at once (ESPIPE), a file over the cap before a byte
 * is read (EFBIG), a file at the cap read whole; each said in words. */
static void test_io__reads_bounded_and_never_blocking(void **state)
{
	(void)state;
	char path[64], *buf = NULL;
	size_t len;
	snprintf(path, sizeof path, "%s/fifo", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(wp_read_file(&buf, &len, path), WP_EIO); /* (would block forever if opened blocking) */
	assert_int_equal(errno, ESPIPE);
	assert_non_null(strstr(wp_read_why(ESPIPE), "not a regular file"));
	assert_int_equal(wp_read_file(&buf, &len, "/dev/zero"), WP_EIO);
	assert_int_equal(errno, ESPIPE);
	snprintf(path, sizeof path, "%s/ten", dir);
	assert_int_equal(wp_write_file_atomic(path, "0123456789", 10), WP_OK);
	assert_int_equal(wp_read_file_max(&buf, &len, path, 9), WP_EIO);
	assert_int_equal(errno, EFBIG);
	assert_non_null(strstr(wp_read_why(EFBIG), "--limit input=N"));
	assert_null(buf);
	assert_int_equal(wp_read_file_max(&buf, &len, path, 10), WP_OK);
	assert_int_equal(len, 10);
	assert_string_equal(buf, "0123456789");
	free(buf);
	assert_int_equal(wp_read_file(&buf, &len, dir), WP_EIO);
	assert_int_equal(errno, EISDIR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_io__write_then_read_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_io__failed_write_keeps_old_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_io__target_is_a_folder, setup, teardown),
		cmocka_unit_test(test_io__unwritable_folder_is_an_error),
		cmocka_unit_test(test_io__devices_written_in_place),
		cmocka_unit_test_setup_teardown(test_io__modes_owners_and_links_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_io__reads_bounded_and_never_blocking, setup, teardown),
	};
	return cmocka_run_group_tests_name("io", tests, NULL, NULL);
}
