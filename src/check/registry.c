/* registry.c: every rule and every other id a finding carries, as data:
 * its name, default severity, who reports it, where it comes from and
 * what it checks (check/rules.def, one line each). The runner (check.c)
 * knows the functions; everything else asks here. */
#include "wpgen/wpgen.h"

#include <string.h>

static const wp_rule registry[] = {
#define CHECK(id, fn, name, severity, source, explain) {id, name, WP_##severity, "check", source, explain},
#define REPORT(id, phase, name, severity, source, explain) {id, name, WP_##severity, phase, source, explain},
#include "check/rules.def"
#undef CHECK
#undef REPORT
};

#define NRULES (sizeof registry / sizeof registry[0])

const wp_rule *wp_rules(size_t *n)
{
	*n = NRULES;
	return registry;
}

int wp_rule_known(const char *id)
{
	for (size_t i = 0; i < NRULES; i++)
		if (wp_rule_matches(registry[i].id, &id, 1))
			return 1;
	return 0;
}

const wp_rule *wp_rule_find(const char *id)
{
	for (size_t i = 0; i < NRULES; i++)
		if (strcmp(registry[i].id, id) == 0)
			return &registry[i];
	return NULL;
}
