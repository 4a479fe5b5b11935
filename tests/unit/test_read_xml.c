/* test_read_xml.c: the XML reader. */
#include "testutil.h"

static wp_schema *schema(void)
{
	wp_diags d = {0};
	wp_schema *s = NULL;
	assert_int_equal(wp_schema_load(&s, "schema/wpgen.rng", &d), WP_OK);
	wp_diags_clear(&d);
	return s;
}

static int read_xml(const char *xml, wp_programme **p, wp_diags *d, int validate)
{
	wp_profile *prof = test_profile();
	wp_schema *s = validate ? schema() : NULL;
	int rc = wp_read_xml(p, xml, strlen(xml), "t.xml", prof, s, d);
	wp_schema_free(s);
	wp_profile_free(prof);
	return rc;
}

static void test_read_xml__same_model_as_markdown(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_profile *prof = test_profile();
	wp_programme *md = test_read("TITLE 2024-2025**I. One**\n\n" HDR12
				     "| | g | | | | | | | | | | |\n| (Example) | A | | | | | | | | | | |\n"
				     "| 1. | A | Y | <p>a <b>b</b></p><p>x<br>y</p> | SP1 | Update | PTC | o | k | 2025 | In progress. | Blue |\n"
				     "\n¹ Note.\n", &d);
	char *xml, *again;
	size_t len, len2;
	assert_int_equal(wp_write_xml(&xml, &len, md, prof, WP_XML_SOURCE, NULL), WP_OK);
	wp_programme *p = NULL;
	assert_int_equal(read_xml(xml, &p, &d, 1), WP_OK);
	assert_int_equal(d.n, 0);
	assert_string_equal(p->title, "TITLE 2024-2025");
	assert_int_equal(p->period_start, 2024); /* from the title, as in Markdown */
	assert_int_equal(p->sections[0].nactivities, 1);
	assert_int_equal(p->sections[0].nexamples, 1);
	assert_non_null(p->sections[0].guidance);
	assert_string_equal(p->sections[0].activities[0].number, "1");
	assert_true(p->sections[0].columns[0].roles & WP_ROLE_NUMBER);
	assert_true(p->sections[0].columns[11].roles & WP_ROLE_STATUS);
	assert_field(p, 0, 0, "activity", "a b\n\nx\ny");
	assert_int_equal(p->nfootnotes, 1);
	assert_int_equal(wp_write_xml(&again, &len2, p, prof, WP_XML_SOURCE, NULL), WP_OK);
	assert_string_equal(xml, again); /* a fixed point */
	free(xml);
	free(again);
	wp_programme_free(p);
	wp_programme_free(md);
	wp_profile_free(prof);
	wp_diags_clear(&d);
}

/* Text that reads otherwise than it is written, in XML as in Markdown: a
 * right-to-left override is said (read.bidi, at its line) and read as a
 * visible U+FFFD; a line separator as white space. */
static void test_read_xml__bidi_controls_said_and_neutralised(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = NULL;
	const char *xml = "<programme xmlns=\"urn:wpgen:programme:1\">\n<header><title>T\xE2\x80\xAE" "exe.txt</title></header>\n"
			  "<section kind=\"timeframe\"><columns><column key=\"number\">No.</column></columns>\n"
			  "<activity>\n<field key=\"number\"><p>1.\xE2\x80\xA8" "2</p></field></activity></section></programme>";
	assert_int_equal(read_xml(xml, &p, &d, 1), WP_OK);
	assert_string_equal(p->title, "T\xEF\xBF\xBD" "exe.txt");
	assert_field(p, 0, 0, "number", "1.   2");
	size_t said = 0;
	for (size_t i = 0; i < d.n; i++)
		said += !strcmp(d.items[i].rule, "read.bidi");
	assert_int_equal(said, 2);
	const wp_diag *x = test_find_rule(&d, "read.bidi");
	assert_int_equal(x->line, 2);
	assert_non_null(strstr(x->message, "U+202E (right-to-left override)"));
	wp_programme_free(p);
	wp_diags_clear(&d);
}

static void test_read_xml__positions_are_lines_of_the_xml(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = NULL;
	const char *xml = "<programme xmlns=\"urn:wpgen:programme:1\">\n<header><title>T</title></header>\n"
			  "<section kind=\"timeframe\"><columns><column key=\"number\">No.</column></columns>\n"
			  "<activity>\n<field key=\"number\"><p>1.</p></field></activity></section></programme>";
	assert_int_equal(read_xml(xml, &p, &d, 1), WP_OK);
	assert_int_equal(p->sections[0].activities[0].pos.line, 4);
	assert_int_equal(p->sections[0].activities[0].fields[0].pos.line, 5);
	wp_programme_free(p);
	wp_diags_clear(&d);
}

/* libxml2 keeps element lines in 16 bits: past line 65,535 the reader's
 * own record of them. */
static void test_read_xml__positions_past_line_65535(void **state)
{
	(void)state;
	const char *head = "<programme xmlns=\"urn:wpgen:programme:1\">\n<header><title>T</title></header>\n"
			   "<section kind=\"timeframe\"><columns><column key=\"number\">No.</column></columns>\n";
	const char *tail = "<activity>\n<field key=\"number\"><p>1.</p></field></activity></section></programme>";
	size_t blank = 70000, hl = strlen(head), tl = strlen(tail);
	char *xml = malloc(hl + blank + tl + 1);
	memcpy(xml, head, hl);
	memset(xml + hl, '\n', blank);
	memcpy(xml + hl + blank, tail, tl + 1);
	wp_diags d = {0};
	wp_programme *p = NULL;
	assert_int_equal(read_xml(xml, &p, &d, 1), WP_OK);
	assert_int_equal(p->sections[0].activities[0].pos.line, 3 + blank + 1);
	assert_int_equal(p->sections[0].activities[0].fields[0].pos.line, 3 + blank + 2);
	wp_programme_free(p);
	wp_diags_clear(&d);
	free(xml);
}

static void refused(const char *xml, const char *rule, unsigned line, int validate)
{
	wp_diags d = {0};
	wp_programme *p = (wp_programme *)1;
	assert_int_equal(read_xml(xml, &p, &d, validate), WP_EINPUT);
	assert_null(p);
	const wp_diag *x = test_find_rule(&d, rule);
	if (!x) {
		for (size_t i = 0; i < d.n; i++)
			fprintf(stderr, "  %s [%s]\n", d.items[i].message, d.items[i].rule);
		fail_msg("no %s", rule);
	}
	if (line)
		assert_int_equal(x->line, line);
	wp_diags_clear(&d);
}

static void test_read_xml__refuses_what_it_must(void **state)
{
	(void)state;
	refused("<?xml version=\"1.0\"?>\n<!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
		"<programme xmlns=\"urn:wpgen:programme:1\"><header><title>&x;</title></header></programme>",
		"xml.dtd", 2, 0);
	refused("<programme xmlns=\"urn:other\"><header/></programme>", "xml.namespace", 1, 0);
	refused("<programme xmlns=\"urn:wpgen:programme:1\"><header>", "xml.parse", 0, 0);
	refused("", "read.empty", 1, 0);
	refused("<programme xmlns=\"urn:wpgen:programme:1\">\n<header/>\n<bogus/>\n</programme>", "xml.schema", 3, 1);
	/* More attributes than any element has: refused before libxml2,
	 * whose attribute lists are quadratic, sees them. */
	{
		static char b[8192];
		int k = snprintf(b, sizeof b, "<!-- a=1 b=2 -->\n<programme xmlns=\"urn:wpgen:programme:1\">\n  <header");
		for (int i = 0; i < 257; i++)
			k += snprintf(b + k, sizeof b - (size_t)k, " a%d=\"x=y>\"", i);
		snprintf(b + k, sizeof b - (size_t)k, "/></programme>");
		wp_programme *p = NULL;
		wp_diags d = {0};
		assert_int_equal(read_xml(b, &p, &d, 0), WP_EINPUT);
		assert_int_equal(d.n, 1);
		assert_string_equal(d.items[0].rule, "read.limit");
		assert_int_equal(d.items[0].line, 3);
		assert_int_equal(d.items[0].col, 3);
		assert_non_null(strstr(d.items[0].message, "257 attributes"));
		wp_diags_clear(&d);
	}
}

static void test_read_xml__unknown_and_repeated_fields(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_programme *p = NULL;
	const char *xml = "<programme xmlns=\"urn:wpgen:programme:1\"><header/>"
			  "<section kind=\"timeframe\"><columns><column key=\"number\">No.</column></columns>\n"
			  "<activity><field key=\"number\"><p>1.</p></field><field key=\"number\"><p>2.</p></field>\n"
			  "<field key=\"nope\"/></activity></section></programme>";
	assert_int_equal(read_xml(xml, &p, &d, 1), WP_OK);
	assert_int_equal(test_count_rule(&d, "xml.field"), 2);
	assert_field(p, 0, 0, "number", "1.");
	wp_programme_free(p);
	wp_diags_clear(&d);
}

static void test_read_xml__a_schema_that_is_not_one(void **state)
{
	(void)state;
	wp_diags d = {0};
	wp_schema *s = NULL;
	FILE *f = fopen("/tmp/wpgen-not-a-schema.rng", "w");
	assert_non_null(f);
	fputs("<grammar xmlns=\"http://relaxng.org/ns/structure/1.0\"><start><bogus/></start></grammar>", f);
	fclose(f);
	assert_int_equal(wp_schema_load(&s, "/tmp/wpgen-not-a-schema.rng", &d), WP_EINPUT);
	assert_null(s);
	assert_non_null(test_find_rule(&d, "schema.invalid"));
	wp_diags_clear(&d);
	assert_int_equal(wp_schema_load(&s, "/tmp/wpgen-no-such.rng", &d), WP_EIO);
	assert_non_null(test_find_rule(&d, "io.read"));
	wp_diags_clear(&d);
	remove("/tmp/wpgen-not-a-schema.rng");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_xml__same_model_as_markdown),
		cmocka_unit_test(test_read_xml__positions_are_lines_of_the_xml),
		cmocka_unit_test(test_read_xml__bidi_controls_said_and_neutralised),
		cmocka_unit_test(test_read_xml__positions_past_line_65535),
		cmocka_unit_test(test_read_xml__refuses_what_it_must),
		cmocka_unit_test(test_read_xml__unknown_and_repeated_fields),
		cmocka_unit_test(test_read_xml__a_schema_that_is_not_one),
	};
	return cmocka_run_group_tests_name("read_xml", tests, NULL, NULL);
}
