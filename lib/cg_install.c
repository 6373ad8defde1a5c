#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "cg_buf.h"
#include "cg_clang.h"
#include "cg_dataset.h"
#include "cg_error.h"
#include "cg_fs.h"
#include "cg_install.h"
#include "cg_json.h"
#include "cg_proc.h"

#define TORTURE_DIR "gcc/testsuite/gcc.c-torture/execute/"
#define TORTURE_EXPECTED "stdout.expected"
#define TORTURE_RUN_TIMEOUT 10.0
/*
 * Put before each torture test: the old tests rely on implicit int and
 * implicit declarations, which gcc accepts and clang-19 makes errors by
 * default.  Made warnings again (and silenced by -w), they let clang-19
 * build about 1540 of the 1592 programs instead of 930, with the flags
 * of every benchmark.  #line keeps the program's own line numbers.
 */
#define TORTURE_HEAD \
	"#pragma clang diagnostic warning \"-Wimplicit-int\"\n" \
	"#pragma clang diagnostic warning \"-Wimplicit-function-declaration\"\n" \
	"#pragma clang diagnostic warning \"-Wint-conversion\"\n" \
	"#pragma clang diagnostic warning \"-Wincompatible-pointer-types\"\n" \
	"#pragma clang diagnostic warning \"-Wreturn-type\"\n" \
	"#line 1\n"
#define APT_TIMEOUT 3600.0

/*
 * A scratch folder for an install, next to the installed datasets
 * (.install.PID.XXXXXX, which listings skip), removed on a signal (new).
 */
static char *
maketmp(void)
{
	const char *root = cg_dataset_userdir();
	char *tmp;

	if (cg_fs_mkdirs(root) < 0 || cg_fs_scratch(root, ".install", &tmp) < 0)
		return NULL;
	return tmp;
}

/*
 * Moves the folder src into place as dataset name.  An older install of
 * it is swapped out into src (for the caller to delete), so that the
 * dataset is never missing or half there.
 */
static int
commit(const char *src, const char *name)
{
	char *dest = cg_asprintf("%s/%s", cg_dataset_userdir(), name);
	mode_t mask = umask(0);
	int r = 0;

	/* mkdtemp made src private. */
	umask(mask);
	chmod(src, 0777 & ~mask);
	if (rename(src, dest) == 0)
		goto out;
	if ((errno == ENOTEMPTY || errno == EEXIST) &&
	    renameat2(AT_FDCWD, src, AT_FDCWD, dest, RENAME_EXCHANGE) == 0)
		goto out;
	r = cg_error(CG_EXIT_FAILURE, "cannot install '%s': %s", dest,
	    strerror(errno));
out:
	free(dest);
	return r;
}

/* A name that a built-in dataset or a generator has. */
static int
reserved(const char *name)
{
	char *dir = cg_asprintf("%s/%s", cg_dataset_builtindir(), name);
	struct stat sb;
	int r = stat(dir, &sb) == 0 || cg_dataset_generator_find(name);

	free(dir);
	return r;
}

/*
 * The path p of an archive entry, cleaned ("./a//b/" is "a/b"; "" for the
 * top), or NULL if it is absolute or has a ".." (new).
 */
static char *
cleanpath(const char *p)
{
	struct cg_buf b = CG_BUF_INIT;
	const char *s, *e;

	if (*p == '/')
		return NULL;
	cg_buf_addstr(&b, "");
	for (s = p; *s; s = *e ? e + 1 : e) {
		e = s + strcspn(s, "/");
		if (e - s == 0 || (e - s == 1 && s[0] == '.'))
			continue;
		if (e - s == 2 && s[0] == '.' && s[1] == '.') {
			cg_buf_release(&b);
			return NULL;
		}
		if (b.len)
			cg_buf_addstr(&b, "/");
		cg_buf_add(&b, s, (size_t)(e - s));
	}
	return (char *)cg_buf_detach(&b, NULL);
}

static int
refuse(const char *archive, const char *fmt, const char *what)
{
	char msg[512];

	snprintf(msg, sizeof(msg), fmt, what);
	return cg_error(CG_EXIT_DATA, "refusing '%s': %s", archive, msg);
}

static int
writefailed(const char *path)
{
	return cg_error(CG_EXIT_FAILURE, "cannot write '%s': %s", path,
	    strerror(errno));
}

/* An archive being unpacked under tmp, and what it has written. */
struct unpack {
	struct archive *a;
	const char *archive;
	const char *tmp;
	unsigned long long written, max;
};

/*
 * A write of entry name that failed: the archive's fault when its
 * entries clash (a file and a folder of one name, a folder replaced by a
 * link) or a name is too long, status 3; else the disk's, status 1.
 */
static int
entryfailed(const struct unpack *u, const char *name, const char *path)
{
	if (errno == EEXIST || errno == ENOTDIR || errno == EISDIR ||
	    errno == ENAMETOOLONG || errno == ELOOP)
		return cg_error(CG_EXIT_DATA, "refusing '%s': entry '%s' "
		    "clashes with another one or has too long a name (%s)",
		    u->archive, name, strerror(errno));
	return writefailed(path);
}

/* 0 if every part of entry name can be part of a benchmark URI. */
static int
checkname(const struct unpack *u, const char *name)
{
	char *s = cg_strdup(name), *part, *save = NULL, *p;
	int r = 0;

	for (part = strtok_r(s, "/", &save); part && r == 0;
	    part = strtok_r(NULL, "/", &save))
		if (!cg_dataset_nameable(part))
			r = -1;
	free(s);
	if (r == 0)
		return 0;
	s = cg_strdup(name);
	for (p = s; *p; p++)	/* the message is one line of text */
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
			*p = '?';
	r = cg_error(CG_EXIT_DATA, "refusing '%s': entry '%s' has a name no "
	    "benchmark URI can hold (a control character, '?', '#' or bytes "
	    "that are not UTF-8)", u->archive, s);
	free(s);
	return r;
}

/* Creates the folders above path (a path inside an install folder). */
static int
mkparent(const char *path)
{
	char *dir = cg_strdup(path), *s = strrchr(dir, '/');
	int r = 0;

	if (s) {
		*s = '\0';
		r = cg_fs_mkdirs(dir);
	}
	free(dir);
	return r;
}

/*
 * Copies the data of the current entry (named name) into a new file at
 * path, after head (NULL: nothing), within u's limit of bytes written.
 */
static int
copydata(struct unpack *u, const char *name, const char *path,
    const char *head)
{
	char buf[65536];
	ssize_t n;
	int fd;

	if (mkparent(path) < 0)
		return entryfailed(u, name, path);
	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0666);
	if (fd < 0)
		return entryfailed(u, name, path);
	n = head ? (ssize_t)strlen(head) : 0;
	if (head && write(fd, head, (size_t)n) != n) {
		close(fd);
		return writefailed(path);
	}
	while ((n = archive_read_data(u->a, buf, sizeof(buf))) > 0) {
		const char *p = buf;

		if ((u->written += (unsigned long long)n) > u->max) {
			close(fd);
			return cg_error(CG_EXIT_DATA, "refusing '%s': it "
			    "unpacks to more than %llu MiB (--max-size)",
			    u->archive, u->max >> 20);
		}
		while (n > 0) {
			ssize_t k = write(fd, p, (size_t)n);
			if (k < 0 && errno == EINTR)
				continue;
			if (k < 0) {
				close(fd);
				return writefailed(path);
			}
			p += k, n -= k;
		}
	}
	if (close(fd) < 0)
		return writefailed(path);
	if (n < 0)
		return cg_error(CG_EXIT_DATA, "'%s' is corrupt: %s", u->archive,
		    archive_error_string(u->a));
	return 0;
}

/*
 * Writes one entry of a under the folder tmp, or refuses it.  Symbolic
 * links must be relative and have no "..": then whatever chain of them a
 * later path goes through, it stays inside tmp.
 */
/* A hard link at path (entry name) to hard, inside the dataset. */
static int
hardlink(struct unpack *u, const char *name, const char *hard,
    const char *path)
{
	char *t = cleanpath(hard), *target;
	int r = 0;

	if (t == NULL || *t == '\0') {
		free(t);
		return cg_error(CG_EXIT_DATA, "refusing '%s': hard link '%s' "
		    "to '%s' leaves the dataset folder", u->archive, name,
		    hard);
	}
	target = cg_asprintf("%s/%s", u->tmp, t);
	free(t);
	if (mkparent(path) < 0)
		r = entryfailed(u, name, path);
	else if (unlink(path), link(target, path) < 0)
		r = cg_error(CG_EXIT_DATA, "refusing '%s': hard link '%s' to "
		    "'%s': %s", u->archive, name, hard, strerror(errno));
	free(target);
	return r;
}

/* A symbolic link at path (entry name) to sym: relative, with no "..". */
static int
softlink(struct unpack *u, const char *name, const char *sym,
    const char *path)
{
	char *target;

	if (sym == NULL || *sym == '\0' || *sym == '/' ||
	    (target = cleanpath(sym)) == NULL)
		return cg_error(CG_EXIT_DATA, "refusing '%s': symbolic link "
		    "'%s' points outside the dataset folder ('%s')",
		    u->archive, name, sym ? sym : "");
	free(target);
	if (mkparent(path) < 0 || (unlink(path), symlink(sym, path)) < 0)
		return entryfailed(u, name, path);
	return 0;
}

static int
extract(struct unpack *u, struct archive_entry *e)
{
	const char *name = archive_entry_pathname(e);
	char *rel, *path;
	int r = -1;

	if (name == NULL)
		return cg_error(CG_EXIT_DATA, "'%s' is corrupt: an entry has "
		    "no name", u->archive);
	if ((rel = cleanpath(name)) == NULL)
		return refuse(u->archive, "entry '%s' leaves the dataset "
		    "folder", name);
	if (checkname(u, rel) < 0) {
		free(rel);
		return -1;
	}
	path = cg_asprintf("%s/%s", u->tmp, rel);
	if (archive_entry_hardlink(e))
		r = hardlink(u, name, archive_entry_hardlink(e), path);
	else if (archive_entry_filetype(e) == AE_IFDIR)
		r = *rel && cg_fs_mkdirs(path) < 0 ?
		    entryfailed(u, name, path) : 0;
	else if (archive_entry_filetype(e) == AE_IFREG && *rel == '\0')
		cg_error(CG_EXIT_DATA, "'%s' is corrupt: a file with no name",
		    u->archive);
	else if (archive_entry_filetype(e) == AE_IFREG)
		r = copydata(u, name, path, NULL);
	else if (archive_entry_filetype(e) == AE_IFLNK)
		r = softlink(u, name, archive_entry_symlink(e), path);
	else
		refuse(u->archive, "entry '%s' is a device or special file",
		    name);
	free(path);
	free(rel);
	return r;
}

/* Opens a tar archive, plain or compressed with gzip, bzip2 or xz. */
static struct archive *
openarchive(const char *path)
{
	struct archive *a = archive_read_new();

	archive_read_support_filter_gzip(a);
	archive_read_support_filter_bzip2(a);
	archive_read_support_filter_xz(a);
	archive_read_support_format_tar(a);
	archive_read_support_format_gnutar(a);
	if (archive_read_open_filename(a, path, 65536) != ARCHIVE_OK) {
		cg_error(CG_EXIT_DATA, "cannot read '%s': %s", path,
		    archive_error_string(a));
		archive_read_free(a);
		return NULL;
	}
	return a;
}

/* The next header of a: 1, 0 at the end, -1 if corrupt. */
static int
nextentry(struct archive *a, const char *path, struct archive_entry **e)
{
	int r = archive_read_next_header(a, e);

	if (r == ARCHIVE_EOF)
		return 0;
	if (r < ARCHIVE_WARN)
		return cg_error(CG_EXIT_DATA, "'%s' is corrupt: %s", path,
		    archive_error_string(a));
	return 1;
}

/* The only entry of folder dir, if it is a folder (new); else NULL. */
static char *
onlyfolder(const char *dir, int *nents)
{
	DIR *d = opendir(dir);
	struct dirent *ent;
	char *only = NULL, *p;
	struct stat sb;

	*nents = 0;
	if (d == NULL)
		return NULL;
	while ((ent = readdir(d)) != NULL) {
		if (strcmp(ent->d_name, ".") == 0 ||
		    strcmp(ent->d_name, "..") == 0)
			continue;
		if (++*nents == 1)
			only = cg_strdup(ent->d_name);
	}
	closedir(d);
	if (*nents != 1) {
		free(only);
		return NULL;
	}
	p = cg_asprintf("%s/%s", dir, only);
	if (lstat(p, &sb) < 0 || !S_ISDIR(sb.st_mode)) {
		free(only);
		only = NULL;
	}
	free(p);
	return only;
}

/* 1 if name ends in a version, "-v" and digits, as dataset names do. */
static int
versioned(const char *name)
{
	const char *v = strrchr(name, '-');

	return v && v[1] == 'v' && v[2] && strspn(v + 2, "0123456789") ==
	    strlen(v + 2);
}

/* The top folders of CompilerGym's archives that are not named -vN. */
static const char *const knowntops[][2] = {
	{ "AnghaBench-d8034ac8562b8c978376008f4b33df01b8887b19",
	    "anghabench-v1" },
};

/*
 * Names the dataset unpacked in tmp and finds its folder (new): its one
 * top-level folder, or the versioned folder alone in that one
 * (jotaibench/jotaibench-v0 is jotaibench-v0).
 */
static int
layout(const char *archive, const char *tmp, const char *name,
    char **dsname, char **src)
{
	char *top, *inner, *s;
	size_t i;
	int n, m;

	top = onlyfolder(tmp, &n);
	if (n == 0)
		return cg_error(CG_EXIT_DATA, "'%s' holds no files", archive);
	if (top == NULL && name == NULL)
		return cg_error(CG_EXIT_DATA, "'%s' has no single top-level "
		    "folder to name the dataset after (use --name)", archive);
	*src = top ? cg_asprintf("%s/%s", tmp, top) : cg_strdup(tmp);
	inner = top && !versioned(top) ? onlyfolder(*src, &m) : NULL;
	if (inner && versioned(inner)) {
		s = cg_asprintf("%s/%s", *src, inner);
		free(*src);
		free(top);
		*src = s;
		top = inner;
	} else
		free(inner);
	for (i = 0; top && i < sizeof(knowntops) / sizeof(knowntops[0]); i++)
		if (strcmp(top, knowntops[i][0]) == 0) {
			free(top);
			top = cg_strdup(knowntops[i][1]);
		}
	if (name)
		*dsname = cg_strdup(name);
	else {
		for (s = top; *s; s++)
			*s = (char)tolower((unsigned char)*s);
		*dsname = cg_strdup(top);
	}
	free(top);
	if (!cg_dataset_validname(*dsname))
		return cg_error(CG_EXIT_DATA, "'%s' is no dataset name "
		    "(use --name)", *dsname);
	if (reserved(*dsname))
		return cg_error(CG_EXIT_DATA, "dataset '%s' is built in",
		    *dsname);
	return 0;
}

int
cg_install_archive(const char *path, const char *name,
    unsigned long long max, char **installed, long *count)
{
	struct archive *a;
	struct archive_entry *e;
	struct unpack u;
	char *tmp, *src = NULL, *dsname = NULL;
	int r;

	if (name && (!cg_dataset_validname(name) || reserved(name)))
		return cg_error(CG_EXIT_DATA, "cannot install a dataset "
		    "called '%s'", name);
	if ((a = openarchive(path)) == NULL)
		return -1;
	if ((tmp = maketmp()) == NULL) {
		archive_read_free(a);
		return -1;
	}
	u = (struct unpack){ a, path, tmp, 0, max };
	while ((r = nextentry(a, path, &e)) > 0)
		if (extract(&u, e) < 0) {
			r = -1;
			break;
		}
	archive_read_free(a);
	if (r == 0)
		r = layout(path, tmp, name, &dsname, &src);
	if (r == 0 && (*count = cg_dataset_count(src)) == 0)
		r = cg_error(CG_EXIT_DATA, "'%s' holds no benchmarks (.bc, "
		    ".ll, .c or .cc files)", path);
	if (r == 0)
		r = commit(src, dsname);
	cg_fs_unscratch(tmp);
	if (r == 0)
		*installed = dsname;
	else
		free(dsname);
	free(src);
	free(tmp);
	return r;
}

char *
cg_install_gcc_source(void)
{
	const char *s = getenv("CG_GCC_SOURCE");
	char *found = NULL;
	glob_t g;

	if (s && *s)
		return cg_strdup(s);
	if (glob("/usr/src/gcc-12/gcc-*.tar.*", 0, NULL, &g) == 0) {
		if (g.gl_pathc > 0)
			found = cg_strdup(g.gl_pathv[0]);
		globfree(&g);
	}
	return found;
}

int
cg_install_package(const char *pkg)
{
	char *install[] = { "env", "DEBIAN_FRONTEND=noninteractive",
		"apt-get", "install", "-y", "-q", (char *)pkg, NULL };
	char *update[] = { "apt-get", "update", "-q", NULL };
	char *sudo_install[] = { "sudo", "-n", "env",
		"DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y",
		"-q", (char *)pkg, NULL };
	char *sudo_update[] = { "sudo", "-n", "apt-get", "update", "-q",
		NULL };
	int root = getuid() == 0, r;
	struct cg_buf out = CG_BUF_INIT, err = CG_BUF_INIT;

	r = cg_proc_run(root ? install : sudo_install, APT_TIMEOUT, &out, &err);
	if (r > 0) {
		/* Maybe the package lists are old or missing. */
		cg_proc_run(root ? update : sudo_update, APT_TIMEOUT, &out, &err);
		cg_buf_reset(&err);
		r = cg_proc_run(root ? install : sudo_install, APT_TIMEOUT, &out,
		    &err);
	}
	if (r > 0) {
		char *s = err.data ? (char *)err.data : "";
		s[strcspn(s, "\n")] = '\0';
		cg_error(CG_EXIT_FAILURE, "cannot install package '%s'%s%s",
		    pkg, *s ? ": " : "", s);
	}
	cg_buf_release(&out);
	cg_buf_release(&err);
	return r == 0 ? 0 : -1;
}

/* The program name of a torture test's entry name, or NULL. */
static const char *
torturename(const char *name, struct archive_entry *e)
{
	const char *s = strstr(name, TORTURE_DIR), *p;

	if (s == NULL || (s != name && s[-1] != '/') ||
	    archive_entry_filetype(e) != AE_IFREG ||
	    archive_entry_hardlink(e) != NULL)
		return NULL;
	s += strlen(TORTURE_DIR);
	if (*s == '.' || strlen(s) < 3 || strcmp(s + strlen(s) - 2, ".c"))
		return NULL;
	for (p = s; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("._+-", *p))
			return NULL;
	return s;
}

/* Unpacks the torture tests of tarball into NAME/NAME.c under tmp. */
static int
unpacktorture(const char *tarball, const char *tmp, long *n)
{
	struct archive *a;
	struct archive_entry *e;
	struct unpack u;
	const char *s;
	char *path;
	int r;

	*n = 0;
	if ((a = openarchive(tarball)) == NULL)
		return -1;
	u = (struct unpack){ a, tarball, tmp, 0, CG_INSTALL_MAX };
	while ((r = nextentry(a, tarball, &e)) > 0) {
		s = archive_entry_pathname(e);
		if (s == NULL || (s = torturename(s, e)) == NULL)
			continue;
		path = cg_asprintf("%s/%.*s/%s", tmp, (int)strlen(s) - 2, s,
		    s);
		r = copydata(&u, s, path, TORTURE_HEAD);
		free(path);
		if (r < 0)
			break;
		++*n;
	}
	archive_read_free(a);
	if (r == 0 && *n == 0)
		r = cg_error(CG_EXIT_DATA, "'%s' holds no %s*.c programs",
		    tarball, TORTURE_DIR);
	return r;
}

static int
writebuf(const char *path, const struct cg_buf *b)
{
	FILE *fp = fopen(path, "w");

	if (fp == NULL || fwrite(b->data, 1, b->len, fp) != b->len ||
	    fclose(fp) != 0)
		return writefailed(path);
	return 0;
}

/*
 * Gives program dir (named name) its run configuration and its output,
 * or, when expected is NULL (it printed other things each time it ran:
 * addresses), a run that compares only the exit status.
 */
static int
writerun(const char *dir, const char *name, const struct cg_buf *expected)
{
	struct cg_buf b = CG_BUF_INIT;
	char *path = cg_asprintf("%s/run.json", dir);
	json_t *j;
	int r;

	/* runs() links with -lm too: some need it (980709-1, 990413-2). */
	j = json_pack("{s:s++,s:[s],s:[{s:[]}]}", "description",
	    "gcc C torture test ", name, " (self-checking: it aborts on a "
	    "wrong result)", "linkopts", "-lm", "runs", "args");
	json_object_set_new(json_array_get(json_object_get(j, "runs"), 0),
	    expected ? "stdout" : "compare", json_string(expected ?
	    TORTURE_EXPECTED : "status"));
	cg_json_write(&b, j);
	cg_buf_addstr(&b, "\n");
	json_decref(j);
	r = writebuf(path, &b);
	free(path);
	path = cg_asprintf("%s/%s", dir, TORTURE_EXPECTED);
	if (r == 0 && expected)
		r = writebuf(path, expected);
	free(path);
	cg_buf_release(&b);
	return r;
}

struct torture {
	const char *tmp;
	struct dirent **ents;
	int n, workers, k;
};

enum { REC_RUNNABLE = 1 };

/*
 * 1 if bitcode bc of program name in dir links and runs (in dir) to exit
 * status 0, twice, its output in out; *same says whether both runs
 * printed the same.  Some need options of gcc's (their dg-options) or
 * gcc's extensions to link or to pass.
 */
static int
runs(const char *dir, const char *name, const struct cg_buf *bc,
    struct cg_buf *out, int *same)
{
	char *bcpath = cg_asprintf("%s/.%s.bc", dir, name);
	char *exe = cg_asprintf("%s/.%s.exe", dir, name);
	char *link[] = { (char *)cg_clang(), "-w", bcpath, "-o", exe, "-lm",
		NULL };
	char *run[] = { "env", "-C", (char *)dir, exe, NULL };
	struct cg_buf err = CG_BUF_INIT, again = CG_BUF_INIT;
	int ok;

	ok = writebuf(bcpath, bc) == 0 &&
	    cg_proc_run(link, CG_CLANG_TIMEOUT, out, &err) == 0 &&
	    (cg_buf_reset(out), cg_proc_run(run, TORTURE_RUN_TIMEOUT, out,
	    &err)) == 0 && cg_proc_run(run, TORTURE_RUN_TIMEOUT, &again,
	    &err) == 0;
	*same = ok && again.len == out->len && (out->len == 0 ||
	    memcmp(again.data, out->data, out->len) == 0);
	cg_buf_release(&again);
	unlink(bcpath);
	unlink(exe);
	free(bcpath);
	free(exe);
	cg_buf_release(&err);
	return ok;
}

/*
 * In a child: compiles programs k, k + workers, ... and deletes those
 * that do not compile; gives those that run a run.json and sends their
 * number, and moves the others out of their folders (NAME.c: a folder
 * without a run.json would not be one program).  A compiler that cannot
 * run stops everything.
 */
static int
tortureworker(void *arg, int fd)
{
	struct torture *t = arg;
	struct cg_buf bc = CG_BUF_INIT, out = CG_BUF_INIT;
	char num[32];
	long runnable = 0;
	int i, r = 0, same;

	for (i = t->k; i < t->n && r == 0; i += t->workers) {
		const char *name = t->ents[i]->d_name;
		char *dir = cg_asprintf("%s/%s", t->tmp, name);
		char *src = cg_asprintf("%s/%s.c", dir, name);

		cg_buf_reset(&bc);
		cg_buf_reset(&out);
		if (cg_clang_compile(src, 0, NULL, NULL, CG_CLANG_TIMEOUT, &bc) == 0) {
			if (runs(dir, name, &bc, &out, &same)) {
				r = writerun(dir, name, same ? &out : NULL);
				runnable++;
			} else {
				char *flat = cg_asprintf("%s/%s.c", t->tmp,
				    name);
				if (rename(src, flat) < 0)
					r = writefailed(flat);
				else
					r = cg_fs_rmtree(dir);
				free(flat);
			}
		} else if (cg_errstatus() == CG_EXIT_DATA)
			r = cg_fs_rmtree(dir);
		else
			r = -1;
		free(src);
		free(dir);
	}
	cg_buf_release(&bc);
	cg_buf_release(&out);
	if (r < 0)
		return cg_child_send_error(fd), 0;
	snprintf(num, sizeof(num), "%ld", runnable);
	return cg_child_send(fd, REC_RUNNABLE, num, strlen(num)) < 0;
}

static int
visible(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

/*
 * Compiles every program under tmp in parallel, keeps those that build
 * and counts those that run.
 */
static int
compileall(const char *tmp, long *runnable)
{
	struct torture t[64];
	struct cg_child c[64];
	struct cg_buf data = CG_BUF_INIT;
	struct dirent **ents;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int n, workers, k, started = 0, r = 0, e;
	unsigned type;

	*runnable = 0;
	if ((n = scandir(tmp, &ents, visible, alphasort)) < 0)
		return cg_error(CG_EXIT_FAILURE, "cannot read '%s': %s", tmp,
		    strerror(errno));
	workers = cpus < 1 ? 1 : cpus > 64 ? 64 : (int)cpus;
	for (k = 0; k < workers && r == 0; k++) {
		t[k] = (struct torture){ tmp, ents, n, workers, k };
		if ((r = cg_child_start(&c[k], tortureworker, &t[k])) == 0)
			started++;
	}
	for (k = 0; k < started; k++) {
		while ((e = cg_child_next(&c[k], 0, &type, &data)) > 0 &&
		    type == REC_RUNNABLE)
			*runnable += atol((char *)data.data);
		if (e != 0 && r == 0) {
			r = -1;
			/* A crashed worker is not an episode's end. */
			if (cg_errstatus() == CG_EXIT_EPISODE)
				cg_error(CG_EXIT_FAILURE, "compiling: %s",
				    cg_errmsg());
		}
		cg_child_finish(&c[k]);
	}
	for (k = 0; k < n; k++)
		free(ents[k]);
	free(ents);
	cg_buf_release(&data);
	return r;
}

int
cg_install_torture(const char *tarball, long *installed, long *runnable,
    long *skipped)
{
	struct cg_buf out = CG_BUF_INIT, err = CG_BUF_INIT;
	char *argv[] = { (char *)cg_clang(), "--version", NULL };
	char *tmp;
	long n = 0;
	int r;

	/* Else a missing compiler would look like programs that do not build. */
	r = cg_proc_run(argv, 60, &out, &err);
	cg_buf_release(&out);
	cg_buf_release(&err);
	if (r != 0)
		return cg_error(CG_EXIT_FAILURE, "cannot run '%s'", argv[0]);
	if ((tmp = maketmp()) == NULL)
		return -1;
	r = unpacktorture(tarball, tmp, &n);
	if (r == 0)
		r = compileall(tmp, runnable);
	if (r == 0) {
		*installed = cg_dataset_count(tmp);
		*skipped = n - *installed;
		if (*installed == 0)
			r = cg_error(CG_EXIT_FAILURE, "none of the %ld programs "
			    "of '%s' compiles", n, tarball);
	}
	if (r == 0)
		r = commit(tmp, CG_DATASET_TORTURE);
	cg_fs_unscratch(tmp);
	free(tmp);
	return r;
}
