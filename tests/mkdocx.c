/* mkdocx: a .docx from folders of XML parts kept as text (see
 * docx_zip.h). make run builds input/'s Word sample with it; the tests
 * their fixtures.   mkdocx OUT.docx DIR...   (a later folder's part
 * replaces an earlier one's) */
#include "docx_zip.h"

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: mkdocx OUT.docx DIR...\n");
		return 2;
	}
	return docx_zip(argv[1], (const char *const *)argv + 2, (size_t)argc - 2) == 0 ? 0 : 1;
}
