/* fuzz_read_md.c: the Markdown reader on any bytes. */
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_load();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	wp_diags d = {0};
	wp_programme *p = NULL;
	int rc = wp_read_md(&p, (const char *)data, size, "fuzz.md", fz_profile, &d);
	if ((rc == WP_OK) != (p != NULL))
		abort();
	fz_check_diags(&d, data, size);
	wp_programme_free(p);
	wp_diags_clear(&d);
	return 0;
}
