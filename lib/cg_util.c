#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cg_error.h"
#include "cg_util.h"

int
cg_parse_seconds(const char *s, double *v)
{
	char *end;

	errno = 0;
	*v = strtod(s, &end);
	if (*s == '\0' || *end != '\0' || (errno && errno != ERANGE) ||
	    isnan(*v) || *v < 0)
		return cg_error(CG_EXIT_USAGE, "bad number of seconds '%s'", s);
	if (*v > CG_TIMEOUT_MAX)
		*v = CG_TIMEOUT_MAX;
	return 0;
}

int
cg_parse_int(const char *s, long min, long max, long *v)
{
	char *end;

	errno = 0;
	*v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno || *v < min || *v > max)
		return cg_error(CG_EXIT_USAGE, "bad number '%s' (expected "
		    "%ld..%ld)", s, min, max);
	return 0;
}

int
cg_parse_size(const char *s, unsigned long long *v)
{
	static const char units[] = "KMGT";
	const char *u;
	char *end;
	unsigned long long n;
	int shift;

	errno = 0;
	n = strtoull(s, &end, 10);
	if (*s < '0' || *s > '9' || errno || end == s)
		goto bad;
	if (*end == '\0')
		shift = 0;
	else if ((u = strchr(units, *end)) != NULL && *u &&
	    (end[1] == '\0' || (end[1] == 'i' && end[2] == 'B' && !end[3])))
		shift = 10 * (int)(u - units + 1);
	else
		goto bad;
	if (n > (~0ULL >> shift))
		goto bad;
	*v = n << shift;
	return 0;
bad:
	return cg_error(CG_EXIT_USAGE, "bad size '%s' (a number of bytes, "
	    "or with K, M, G or T)", s);
}
