#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "cg_error.h"
#include "cg_util.h"

int
cg_parse_seconds(const char *s, double *v)
{
	char *end;

	errno = 0;
	*v = strtod(s, &end);
	if (*s == '\0' || *end != '\0' || errno || !isfinite(*v) || *v < 0)
		return cg_error(CG_EXIT_USAGE, "bad number of seconds '%s'", s);
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
