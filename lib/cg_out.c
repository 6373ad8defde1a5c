#include <errno.h>
#include <string.h>

#include "cg_error.h"
#include "cg_out.h"

int
cg_out_write(const struct cg_buf *out)
{
	if (out->len == 0)
		return 0;
	if (fwrite(out->data, 1, out->len, stdout) != out->len ||
	    fflush(stdout) != 0)
		return cg_error(CG_EXIT_FAILURE, "write error: %s",
		    strerror(errno));
	return 0;
}

int
cg_out_close(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		cg_warnx("write error: %s", strerror(errno));
		return status ? status : CG_EXIT_FAILURE;
	}
	return status;
}
