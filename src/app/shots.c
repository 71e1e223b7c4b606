/* shots.c - screenshots for slides: the figure as it is on screen (same state, same
 * theme) saved as nudge-<scene>-NNN.png at twice the window's pixels, and with
 * Shift also as SVG and PDF, through the same export as `nudge export`. A number is
 * claimed with O_EXCL before writing, so an existing file is never overwritten. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app-private.h"

static const char *const exts[] = { "png", "svg", "pdf" };

/* Claims nudge-<scene>-NNN.{png[,svg,pdf]} for the lowest free NNN: creates each
 * file empty and exclusive. Returns NNN, or -1 with errno set. */
static int claim(const struct app_files *f, int count, char paths[3][PATH_MAX])
{
	for (int num = 1; num < 100000; num++) {
		int taken = 0;
		for (int i = 0; i < 3 && !taken; i++) {
			char p[PATH_MAX];
			snprintf(p, sizeof p, "%s/nudge-%s-%03d.%s", f->shots_dir, f->name, num, exts[i]);
			struct stat st;
			taken = stat(p, &st) == 0;
		}
		if (taken)
			continue;
		int made = 0;
		for (; made < count; made++) {
			snprintf(paths[made], PATH_MAX, "%s/nudge-%s-%03d.%s", f->shots_dir, f->name, num, exts[made]);
			int fd = open(paths[made], O_WRONLY | O_CREAT | O_EXCL, 0644);
			if (fd < 0)
				break;
			close(fd);
		}
		if (made == count)
			return num;
		int e = errno;
		for (int i = 0; i < made; i++)
			unlink(paths[i]);
		if (e != EEXIST) {
			errno = e;
			return -1;
		}
	}
	errno = EEXIST;
	return -1;
}

int shots_save(struct app *a, int all)
{
	int count = all ? 3 : 1;
	char paths[3][PATH_MAX];
	if (claim(&a->files, count, paths) < 0) {
		app_set_status(a, 1, "screenshot not saved: cannot write in %s: %s", a->files.shots_dir, strerror(errno));
		return -1;
	}
	struct figure fig;
	struct export_opts o = { .scale = 2 };
	app_figure(a, &fig, &o.draw);
	fig.progress = 1; /* the step as it ends, not mid-animation */
	char err[512];
	for (int i = 0; i < count; i++) {
		o.format = (enum export_format)(EXPORT_PNG + i);
		if (export_figure(&fig, paths[i], &o, err, sizeof err)) {
			for (int j = i; j < count; j++)
				unlink(paths[j]); /* our own empty claims, never a user's file */
			app_set_status(a, 1, "screenshot not saved: %s", err);
			app_invalidate(a, CHANGED_FIGURE);
			return -1;
		}
	}
	app_invalidate(a, CHANGED_FIGURE); /* export drew with the same render: draw again */
	if (all)
		app_set_status(a, 0, "saved %s (and .svg, .pdf)", paths[0]);
	else
		app_set_status(a, 0, "saved %s", paths[0]);
	return 0;
}
