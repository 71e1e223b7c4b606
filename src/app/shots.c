/* shots.c - screenshots for slides: the figure as it is on screen (same state, same
 * theme) saved as nudge-<scene>-NNN.png at twice the window's pixels (its map sampled
 * for them, then for the window again), and with
 * Shift also as SVG and PDF, through the same export as `nudge export`; and the whole
 * walk as a PDF deck, nudge-<scene>-walk-NNN.pdf, as `nudge record` writes it. A number
 * is claimed with O_EXCL before writing, so an existing file is never overwritten. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app-private.h"

static const char *const exts[] = { "png", "svg", "pdf" };

/* Claims <shots_dir>/nudge-<scene><stem>-NNN.<ext> for the lowest free NNN and the
 * count extensions from ext: creates each file empty and exclusive. Returns NNN, or
 * -1 with errno set. */
static int claim(const struct app_files *f, const char *stem, const char *const *ext, int count,
                 char paths[3][PATH_MAX])
{
	for (int num = 1; num < 100000; num++) {
		int taken = 0;
		for (int i = 0; i < 3 && !taken; i++) {
			char p[PATH_MAX];
			snprintf(p, sizeof p, "%s/nudge-%s%s-%03d.%s", f->shots_dir, f->name, stem, num, exts[i]);
			struct stat st;
			taken = stat(p, &st) == 0;
		}
		if (taken)
			continue;
		int made = 0;
		for (; made < count; made++) {
			snprintf(paths[made], PATH_MAX, "%s/nudge-%s%s-%03d.%s", f->shots_dir, f->name, stem, num, ext[made]);
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
	if (claim(&a->files, "", exts, count, paths) < 0) {
		app_set_status(a, 1, "screenshot not saved: cannot write in %s: %s", a->files.shots_dir, strerror(errno));
		return -1;
	}
	struct figure fig;
	struct export_opts o = { .scale = 2 };
	app_figure(a, &fig, &o.draw);
	fig.progress = 1; /* the step as it ends, not mid-animation */
	o.draw.pixels = o.scale; /* the map's grid in the PNG's pixels, for this shot */
	int refit = figure_fit_session(&fig, &o.draw, &a->session);
	char err[512] = "out of memory";
	int failed = refit && session_update(&a->session) != 0;
	fig.trace = a->session.trace;
	for (int i = 0; i < count; i++) {
		o.format = (enum export_format)(EXPORT_PNG + i);
		if (failed || export_figure(&fig, paths[i], &o, err, sizeof err)) {
			for (int j = i; j < count; j++)
				unlink(paths[j]); /* our own empty claims, never a user's file */
			failed = 1;
			break;
		}
	}
	if (refit) /* the window's grid again */
		app_figure(a, &fig, &o.draw);
	if (failed) {
		app_set_status(a, 1, "screenshot not saved: %s", err);
		return -1;
	}
	if (all)
		app_set_status(a, 0, "saved %s (and .svg, .pdf)", paths[0]);
	else
		app_set_status(a, 0, "saved %s", paths[0]);
	return 0;
}

int shots_save_walk(struct app *a)
{
	char paths[3][PATH_MAX];
	if (claim(&a->files, "-walk", exts + 2, 1, paths) < 0) {
		app_set_status(a, 1, "walk not saved: cannot write in %s: %s", a->files.shots_dir, strerror(errno));
		return -1;
	}
	struct figure fig;
	struct deck_opts o = { .to = -1, .force = 1 }; /* force: over our own empty claim */
	app_figure(a, &fig, &o.ex.draw);
	o.ex.draw.view = (struct draw_view){ 0 }; /* every page shows all of the graph */
	char err[600];
	int rc = deck_write(&fig, paths[0], &o, err, sizeof err);
	app_invalidate(a, CHANGED_FIGURE); /* the deck drew with the same render: draw again */
	if (rc != 0) {
		unlink(paths[0]); /* our own empty claim, never a user's file */
		app_set_status(a, 1, "walk not saved: %s", err);
		return -1;
	}
	int n = fig.trace ? fig.trace->n_steps : 0;
	app_set_status(a, 0, "saved the walk, %d step%s, as %s", n, n == 1 ? "" : "s", paths[0]);
	return 0;
}
