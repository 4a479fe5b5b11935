/* fuzz_import.c: wpgen import on any bytes, as each kind it imports; the
 * Markdown it writes must read back with that kind's profile. */
#include "fuzz_common.h"

static wp_profile *kinds[3];
static const char *const names[3] = {"joint-work-plan", "dated-schedule", "progress-report"};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	for (int k = 0; k < 3; k++) {
		char path[64];
		wp_diags d = {0};
		snprintf(path, sizeof path, "profiles/%s.yaml", names[k]);
		if (wp_profile_load(&kinds[k], path, &d) != WP_OK)
			fz_die(path);
		wp_diags_clear(&d);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (int k = 0; k < 3; k++) {
		wp_diags d = {0};
		wp_import_stats st;
		char *md = NULL;
		size_t len = 0;
		int rc = wp_import(&md, &len, names[k], (const char *)data, size, "fuzz.txt", NULL, 0, &st, &d);
		if (rc == WP_OK) {
			if (!md || strlen(md) != len)
				abort();
			wp_programme *p = NULL;
			wp_read_md(&p, md, len, "imported.md", kinds[k], &d);
			wp_programme_free(p);
		} else if (rc != WP_ENOMEM && rc != WP_EINPUT) {
			abort();
		}
		free(md);
		wp_diags_clear(&d);
	}
	return 0;
}
