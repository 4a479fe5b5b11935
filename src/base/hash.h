/* hash.h: the one hash wpgen uses (hash.c): 64 bits, FNV-1a's prime and
 * offset taken eight bytes at a step, with a shift that mixes the high
 * bits down. For content keys and fingerprints, not a defence against
 * anyone. Internal. */
#ifndef WP_BASE_HASH_H
#define WP_BASE_HASH_H

#include <stddef.h>
#include <stdint.h>

/* The value to start from. */
#define WP_HASH0 0xcbf29ce484222325ULL

/* h extended by the n bytes at p. */
uint64_t wp_hash(uint64_t h, const void *p, size_t n);
/* h extended by s and its NUL (so that "ab" "c" and "a" "bc" differ). */
uint64_t wp_hash_str(uint64_t h, const char *s);
/* h extended by one byte (for a text hashed as it is read). */
static inline uint64_t wp_hash_byte(uint64_t h, unsigned char c)
{
	return (h ^ c) * 0x100000001b3ULL;
}
/* The hash of a file's bytes, or 0 when it cannot be read. */
uint64_t wp_hash_file(const char *path);

#endif
