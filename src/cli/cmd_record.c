/* cmd_record.c - `nudge record SCENE -o DIR`: one figure per step of the backprop walk,
 * step-000.png, step-001.png, ..., ready for consecutive slides. Each file is written
 * atomically; DIR is created when missing. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli-figure.h"

static const char record_usage[] =
	"usage: nudge record SCENE -o DIR [--format png|svg|pdf] [--force] [options]\n"
	"\n"
	"Writes one figure per step of the backprop walk of SCENE into DIR\n"
	"(step-000.png, step-001.png, ...), creating DIR when it is missing.\n"
	"A DIR that already holds step-NNN files is refused unless --force is given;\n"
	"then the old frames are replaced and any left over from a longer walk removed.\n"
	"Takes the options of nudge export except --step (see nudge export --help).\n";

/* mkdir -p: 0, or -1 with errno set. */
static int record_mkdirs(const char *dir)
{
	char path[4096];
	if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	for (char *p = path + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			if (mkdir(path, 0777) != 0 && errno != EEXIST)
				return -1;
			*p = '/';
		}
	if (mkdir(path, 0777) != 0 && errno != EEXIST)
		return -1;
	struct stat st;
	if (stat(path, &st) != 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return 0;
}

/* Is name a frame of a recording: step-NNN.png, .svg or .pdf? Its number, or -1. */
static int frame_number(const char *name)
{
	int n, end = 0;
	char ext[8];
	if (sscanf(name, "step-%d.%7[a-z]%n", &n, ext, &end) != 2 || name[end] != '\0' || n < 0)
		return -1;
	return strcmp(ext, "png") && strcmp(ext, "svg") && strcmp(ext, "pdf") ? -1 : n;
}

/* Frames of an earlier recording in dir: how many, and the first one's name. With
 * remove_from >= 0, deletes instead those numbered from it on and those of another
 * format than keep_ext, so that only the new recording is left. */
static int old_frames(const char *dir, char *first, size_t n, int remove_from, const char *keep_ext)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	int count = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		int k = frame_number(e->d_name);
		if (k < 0)
			continue;
		if (remove_from >= 0) {
			const char *dot = strrchr(e->d_name, '.');
			if (k >= remove_from || !dot || strcmp(dot + 1, keep_ext) != 0) {
				char path[4400];
				snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
				unlink(path);
			}
			continue;
		}
		if (count++ == 0)
			snprintf(first, n, "%s", e->d_name);
	}
	closedir(d);
	return count;
}

int cmd_record(int argc, char **argv)
{
	struct fig_args a;
	int rc = fig_args_parse(&a, "record", FIG_OPT_OUT | FIG_OPT_FORMAT | FIG_OPT_LOOK | FIG_OPT_FORCE,
	                        record_usage, argc, argv);
	if (rc != EXIT_OK || a.help)
		return rc;
	if (!a.format)
		a.format = EXPORT_PNG;
	struct fig_session fs;
	if ((rc = fig_session_open(&fs, &a, "record")) != EXIT_OK)
		return rc;
	if (record_mkdirs(a.out) != 0) {
		fprintf(stderr, "nudge record: cannot create the folder %s: %s\n", a.out, strerror(errno));
		fig_session_close(&fs);
		return EXIT_FAIL;
	}
	char first[256];
	int old = old_frames(a.out, first, sizeof first, -1, NULL);
	if (old > 0 && !a.force) {
		fprintf(stderr, "nudge record: %s already holds %s%s from an earlier recording; give --force to "
		        "replace them, or choose another folder\n", a.out, first,
		        old > 1 ? " and other step-NNN files" : "");
		fig_session_close(&fs);
		return EXIT_FAIL;
	}
	static const char *const ext[] = {"", "png", "svg", "pdf"};
	a.ex.format = a.format;
	for (int k = 0; k < fs.trace->n_steps; k++) {
		char path[4200], err[512];
		snprintf(path, sizeof path, "%s/step-%03d.%s", a.out, k, ext[a.format]);
		fs.fig.step = k;
		if (export_figure(&fs.fig, path, &a.ex, err, sizeof err) != 0) {
			fprintf(stderr, "nudge record: %s\n", err);
			rc = EXIT_FAIL;
			break;
		}
	}
	if (rc == EXIT_OK && old > 0)
		old_frames(a.out, first, sizeof first, fs.trace->n_steps, ext[a.format]); /* the rest of the old one */
	fig_session_close(&fs);
	return rc;
}
