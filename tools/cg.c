/* cg: runs as the tool named by argv[0], or by its first argument. */
#include <stdio.h>
#include <string.h>

#include "cg-tools.h"

static const struct {
	const char *name;
	int (*fn)(int, char *[]);
} tools[] = {
	{ "cg-observe", cmd_observe },
	{ "cg-reset", cmd_reset },
	{ "cg-search", cmd_search },
	{ "cg-step", cmd_step },
	{ "cg-validate", cmd_validate },
};

static int
run(const char *name, int argc, char *argv[])
{
	size_t i;

	for (i = 0; i < sizeof(tools) / sizeof(tools[0]); i++)
		if (strcmp(name, tools[i].name) == 0)
			return tools[i].fn(argc, argv);
	return -1;
}

int
main(int argc, char *argv[])
{
	const char *base = strrchr(argv[0], '/');
	char name[64];
	int r;
	size_t i;

	base = base ? base + 1 : argv[0];
	if ((r = run(base, argc, argv)) >= 0)
		return r;
	/* "cg step -a -gvn" runs cg-step. */
	if (argc > 1) {
		snprintf(name, sizeof(name), "cg-%s", argv[1]);
		argv[1] = name;
		if ((r = run(name, argc - 1, argv + 1)) >= 0)
			return r;
	}
	fprintf(stderr, "usage: cg TOOL [ARG...], where TOOL is one of:");
	for (i = 0; i < sizeof(tools) / sizeof(tools[0]); i++)
		fprintf(stderr, " %s", tools[i].name + 3);
	fprintf(stderr, "\n");
	return 2;
}
