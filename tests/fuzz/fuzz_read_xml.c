/* fuzz_read_xml.c: the XML reader on any bytes, with and without the
 * schema. */
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
	for (int validate = 0; validate < 2; validate++) {
		wp_diags d = {0};
		wp_programme *p = NULL;
		int rc = wp_read_xml(&p, (const char *)data, size, "fuzz.xml", fz_profile,
				     validate ? fz_schema : NULL, &d);
		if ((rc == WP_OK) != (p != NULL))
			abort();
		fz_check_diags(&d, data, size);
		wp_programme_free(p);
		wp_diags_clear(&d);
	}
	return 0;
}
