/* cmd_record.c - `nudge record SCENE -o DIR`: one figure per step of the backprop walk,
 * step-000.png, step-001.png, ..., ready for consecutive slides. Each file is written
 * atomically; DIR is created when missing. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "cli-figure.h"

static const char record_usage[] =
	"usage: nudge record SCENE -o DIR [--format png|svg|pdf] [options]\n"
	"\n"
	"Writes one figure per step of the backprop walk of SCENE into DIR\n"
	"(step-000.png, step-001.png, ...), creating DIR when it is missing.\n"
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

int cmd_record(int argc, char **argv)
{
	struct fig_args a;
	int rc = fig_args_parse(&a, "record", FIG_OPT_OUT | FIG_OPT_FORMAT | FIG_OPT_LOOK,
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
	fig_session_close(&fs);
	return rc;
}
