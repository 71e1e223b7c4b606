/* cmd_bench_figure.c - `nudge bench [SCENE] [--size WxH] [--frames N] [--present]`: draws
 * frames of the figure into an image surface, as the window does (or as it presents),
 * stepping through the trace with mid-animation frames, and prints the median and
 * 99th-percentile time per frame. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "cli-figure.h"

static const char bench_usage[] =
	"usage: nudge bench [SCENE] [--size WxH] [--frames N] [--theme dark|light]\n"
	"                   [--plot A[,B]] [--descent N] [--rates A,B,...] [--present]\n"
	"       nudge bench engine ...\n"
	"\n"
	"Draws N frames (default 300) of SCENE's figure (default: network) at WxH\n"
	"(default 1920x1080) into an image surface, walking the steps with animation\n"
	"in progress, then N frames as while dragging the plotted variable (engine,\n"
	"trace and figure each frame), and prints the median and 99th-percentile\n"
	"milliseconds per frame of each. With --plot A,B the figure shows the map of J\n"
	"over A and B, and dragging moves both (with --descent, the paths follow).\n"
	"--present draws as presentation mode (F5) does; the window presents with\n"
	"--font-scale 1.3 times its own.\n";

static void bench_print(const char *name, const char *what, const struct draw_opts *d,
                        double *ms, int frames)
{
	double p99 = cli_quantile(ms, frames, 0.99), med = cli_quantile(ms, frames, 0.5);
	printf("%s %gx%g%s %s: %d frames, median %.2f ms, p99 %.2f ms per frame\n", name, d->width,
	       d->height, d->present ? " presenting" : "", what, frames, med, p99);
}

/* Frames as while dragging the plotted variable (both, on a map of two): each one sets
 * it, brings the session up to date (engine, trace, samples, descent paths) and draws,
 * as the window does. */
static int bench_drag(struct fig_session *fs, cairo_t *cr, const struct draw_opts *d,
                      double *ms, int frames)
{
	int leaf[2] = {fs->ss.plot, fs->ss.plot2};
	double start[2] = {0, 0};
	for (int k = 0; k < 2 && leaf[k] >= 0; k++)
		start[k] = fs->ss.ev->set[leaf[k]];
	fs->fig.progress = 1;
	for (int i = 0; i < frames; i++) {
		double t0 = cli_now_ms();
		for (int k = 0; k < 2 && leaf[k] >= 0; k++) { /* a Lissajous figure over the map */
			const struct node *nd = &fs->ss.scene->nodes[leaf[k]];
			double t = 0.5 + 0.4 * sin(i * (k ? 0.037 : 0.05));
			session_set(&fs->ss, leaf[k], nd->lo + (nd->hi - nd->lo) * t);
		}
		if (fig_session_update(fs, d) != 0)
			return -1;
		fs->fig.step = fs->ss.trace->n_steps - 1;
		draw_figure(cr, &fs->fig, d);
		cairo_surface_flush(cairo_get_target(cr));
		ms[i] = cli_now_ms() - t0;
	}
	for (int k = 0; k < 2 && leaf[k] >= 0; k++)
		session_set(&fs->ss, leaf[k], start[k]);
	return fig_session_update(fs, d);
}

int cmd_bench_figure(int argc, char **argv)
{
	struct fig_args a;
	int rc = fig_args_parse(&a, "bench", FIG_OPT_FRAMES | FIG_OPT_LOOK | FIG_OPT_PRESENT, bench_usage, argc, argv);
	if (rc != EXIT_OK || a.help)
		return rc;
	if (!a.scene.scene_arg)
		a.scene.scene_arg = "network";
	int frames = a.frames ? a.frames : 300;
	struct draw_opts d = a.ex.draw;
	if (!(d.width > 0)) {
		d.width = 1920;
		d.height = 1080;
	}
	d.live = 1;   /* frame after frame into one image, as the window draws, */
	d.steady = 1; /* and boxes keep their widest number, as in the window */
	struct fig_session fs;
	if ((rc = fig_session_open(&fs, &a, "bench")) != EXIT_OK)
		return rc;
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)d.width,
	                                                 (int)d.height);
	cairo_t *cr = cairo_create(sf);
	double *ms = malloc(sizeof *ms * (size_t)frames);
	if (!ms || cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "nudge bench: out of memory\n");
		rc = EXIT_FAIL;
		goto out;
	}
	int n_steps = fs.ss.trace->n_steps;
	for (int i = -5; i < frames; i++) { /* 5 frames to warm the caches */
		int f = i < 0 ? 0 : i;
		fs.fig.step = (f / 6) % n_steps;          /* six frames per step: */
		fs.fig.progress = (f % 6) / 5.0;          /* 0, 0.2, ... 1 */
		double t0 = cli_now_ms();
		fig_session_update(&fs, &d);
		draw_figure(cr, &fs.fig, &d);
		cairo_surface_flush(sf);
		if (i >= 0)
			ms[i] = cli_now_ms() - t0;
	}
	bench_print(fs.cs.name, "stepping", &d, ms, frames);
	if (figure_panel(&fs.fig, PANEL_COST) && bench_drag(&fs, cr, &d, ms, frames) == 0)
		bench_print(fs.cs.name, fs.ss.plot2 >= 0 ? "dragging on the map" : "dragging", &d, ms, frames);
out:
	free(ms);
	cairo_destroy(cr);
	cairo_surface_destroy(sf);
	fig_session_close(&fs);
	return rc;
}
