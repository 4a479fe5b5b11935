/* test_util.c: arena, buffer and UTF-8 helpers. */
#include "testutil.h"
#include "base/alloc.h"
#include "base/util.h"

static void test_util__arena_alloc_zeroed_and_aligned(void **state)
{
	(void)state;
	wp_arena a = {0};
	for (int i = 0; i < 10000; i++) {
		char *p = wp_arena_alloc(&a, (size_t)(i % 97) + 1);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
		assert_int_equal(p[0], 0);
		p[0] = 'x';
	}
	char *big = wp_arena_alloc(&a, 1 << 20);
	assert_non_null(big);
	big[(1 << 20) - 1] = 1;
	wp_arena_free(&a);
	assert_null(a.head);
}

static void test_util__arena_small_blocks_share_chunks(void **state)
{
	(void)state;
	wp_arena a = {0};
	/* 1 MB in 100-byte blocks fits in about 16 chunks of 64 KB */
	for (int i = 0; i < 10000; i++)
		assert_non_null(wp_arena_alloc(&a, 100));
	assert_true(wp_arena_chunks(&a) <= 20);
	/* a big block has a chunk of its own and leaves the head in use */
	size_t before = wp_arena_chunks(&a);
	assert_non_null(wp_arena_alloc(&a, 100000));
	assert_non_null(wp_arena_alloc(&a, 16));
	assert_int_equal(wp_arena_chunks(&a), before + 1);
	wp_arena_free(&a);
}

static void test_util__arena_grow_keeps_contents(void **state)
{
	(void)state;
	wp_arena a = {0};
	int *v = NULL;
	size_t n = 0, cap = 0;
	for (int i = 0; i < 1000; i++) {
		v = wp_arena_grow(&a, v, &cap, n, sizeof *v);
		assert_non_null(v);
		v[n++] = i;
	}
	for (int i = 0; i < 1000; i++)
		assert_int_equal(v[i], i);
	assert_string_equal(wp_arena_strndup(&a, "abcdef", 3), "abc");
	wp_arena_free(&a);
}

static void test_util__buffer_appends_and_detaches(void **state)
{
	(void)state;
	wp_buf b = {0};
	size_t len;
	for (int i = 0; i < 1000; i++)
		wp_buf_printf(&b, "%d,", i);
	wp_buf_puts(&b, "end");
	char *s = wp_buf_detach(&b, &len);
	assert_int_equal(len, strlen(s));
	assert_memory_equal(s, "0,1,2,", 6);
	assert_string_equal(s + len - 3, "end");
	free(s);
	s = wp_buf_detach(&b, &len); /* an unwritten buffer gives "" */
	assert_string_equal(s, "");
	assert_int_equal(len, 0);
	free(s);
}

static void test_util__buffer_oom_is_sticky(void **state)
{
	(void)state;
	wp_buf b = {0};
	wp_alloc_fail_after(0);
	wp_buf_puts(&b, "x");
	wp_alloc_fail_after(-1);
	assert_true(b.oom);
	wp_buf_puts(&b, "y");
	assert_null(wp_buf_detach(&b, NULL));
}

static void test_util__utf8_validation(void **state)
{
	(void)state;
	assert_int_equal(wp_utf8_valid((const unsigned char *)"a", 1), 1);
	assert_int_equal(wp_utf8_valid((const unsigned char *)"\xC3\xA9", 2), 2);
	assert_int_equal(wp_utf8_valid((const unsigned char *)"\xE2\x82\xAC", 3), 3);
	assert_int_equal(wp_utf8_valid((const unsigned char *)"\xF0\x9F\x98\x80", 4), 4);
	assert_int_equal(wp_utf8_valid((const unsigned char *)"\xC0\x80", 2), 0);    /* overlong */
	assert_int_equal(wp_utf8_valid((const unsigned char *)"\xED\xA0\x80", 3), 0); /* surrogate */
	assert_int_equal(wp_utf8_valid((const unsigned char *)"\xE2\x82", 2), 0);     /* truncated */
	assert_int_equal(wp_utf8_valid((const unsigned char *)"\xFF", 1), 0);
	assert_int_equal(wp_utf8_count("a\xC3\xA9\xE2\x82\xAC", 6), 3);
}

static void test_util__superscripts_and_trim(void **state)
{
	(void)state;
	size_t len;
	assert_int_equal(wp_superscript_digit("¹", 2, &len), 1);
	assert_int_equal(len, 2);
	assert_int_equal(wp_superscript_digit("⁸", 3, &len), 8);
	assert_int_equal(len, 3);
	assert_int_equal(wp_superscript_digit("⁰", 3, &len), 0);
	assert_int_equal(wp_superscript_digit("1", 1, &len), -1);
	/* a run is one number; a run too long to be a mark is none (and no
	 * int overflow: it was signed overflow in the reader, UBSan) */
	assert_int_equal(wp_superscript_number("¹²x", 5, &len), 12);
	assert_int_equal(len, 4);
	assert_int_equal(wp_superscript_number("x¹", 3, &len), -1);
	assert_int_equal(len, 0);
	const char *many = "¹¹¹¹¹¹¹¹¹¹¹¹¹¹";
	assert_int_equal(wp_superscript_number(many, strlen(many), &len), -1);
	assert_int_equal(len, strlen(many));
	assert_int_equal(wp_superscript_number("⁹⁹⁹⁹⁹⁹", 18, &len), 999999);
	const char *s = " \t\xC2\xA0 text \xC2\xA0\n";
	size_t n = strlen(s);
	const char *t = wp_trim(s, &n);
	assert_int_equal(n, 4);
	assert_memory_equal(t, "text", 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_util__arena_alloc_zeroed_and_aligned),
		cmocka_unit_test(test_util__arena_small_blocks_share_chunks),
		cmocka_unit_test(test_util__arena_grow_keeps_contents),
		cmocka_unit_test(test_util__buffer_appends_and_detaches),
		cmocka_unit_test(test_util__buffer_oom_is_sticky),
		cmocka_unit_test(test_util__utf8_validation),
		cmocka_unit_test(test_util__superscripts_and_trim),
	};
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
