/* app.c - the window's life: opening SDL, the fonts and the scene; (re)loading the
 * scene file when it changes on disk; the clock that animates steps, plays and
 * trains; the one recompute a frame of what handlers said changed (app_invalidate);
 * and the main loop, which sleeps in SDL_WaitEventTimeout when nothing moves. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app-private.h"
#include "nudge/notation.h"
#include "nudge/numeric.h"

void app_set_status(struct app *a, int error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->ui.status, sizeof a->ui.status, fmt, ap);
	va_end(ap);
	a->ui.status_error = error;
	a->ui.status_present = 0;
	a->ui.status_markup = 0;
	a->ui.status_until = SDL_GetTicks() + APP_STATUS_MS;
}

static long long file_stamp(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return -1;
	return (long long)st.st_mtim.tv_sec * 1000000007LL + st.st_mtim.tv_nsec + st.st_size * 31LL;
}

void app_invalidate(struct app *a, unsigned what)
{
	a->changed |= what;
}

void app_present(struct app *a, int on)
{
	if (on == a->ui.present)
		return;
	a->ui.present = on;
	a->ui.blank = 0;
	if (on && !a->platform.fullscreen) { /* full screen, and back to a window on Esc */
		a->ui.present_full = SDL_SetWindowFullscreen(a->platform.win, SDL_WINDOW_FULLSCREEN_DESKTOP) == 0;
		a->platform.fullscreen = a->ui.present_full;
	} else if (!on && a->ui.present_full) {
		SDL_SetWindowFullscreen(a->platform.win, 0);
		a->platform.fullscreen = a->ui.present_full = 0;
	}
	app_invalidate(a, CHANGED_LAYOUT | CHANGED_FIGURE);
	app_set_status(a, 0, on ? "presentation: PageDown / PageUp step the walk, B blanks, Esc leaves" : "");
}

/* Brings everything up to date with what changed, in dependency order: the engine's
 * values (and the descent steps asked for), the step trace, the lecture's panels. The
 * figure is drawn by frame(). The only place the app runs the engine for a change. */
static void recompute(struct app *a)
{
	unsigned c = a->changed;
	a->changed = 0;
	struct session *s = &a->session;
	if (c & CHANGED_VALUES) {
		if (s->ev->stale) /* eval_reset and the descent steps leave it computed */
			eval_run(s->ev);
		lecture_descend(a);
		slider_report(a);
		c |= CHANGED_TRACE;
	}
	if (c & (CHANGED_TRACE | CHANGED_LECTURE)) { /* the trace, then the figure's samples */
		session_invalidate(s, c & CHANGED_TRACE ? SESSION_TRACE : SESSION_VIEW);
		if (session_update(s) != 0)
			app_set_status(a, 1, "out of memory: the figure may be out of date");
		if (a->playback.step >= s->trace->n_steps)
			a->playback.step = s->trace->n_steps - 1;
		c |= CHANGED_LECTURE;
	}
	if (c & CHANGED_LECTURE) {
		lecture_update(&a->lecture, s);
		c |= CHANGED_FIGURE;
	}
	a->changed |= c & (CHANGED_FIGURE | CHANGED_LAYOUT);
}

void app_set_step(struct app *a, int step, int animate)
{
	if (step < 0)
		step = 0;
	if (step > a->session.trace->n_steps - 1)
		step = a->session.trace->n_steps - 1;
	if (step == a->playback.step && animate)
		return;
	/* stepping forward animates; stepping back shows the earlier state at once */
	animate = animate && step == a->playback.step + 1;
	a->playback.step = step;
	a->playback.step_t0 = SDL_GetTicks();
	a->view.follow_due = 1; /* the view moves to the new step's node after the next draw */
	a->playback.progress = animate ? 0 : 1;
	app_invalidate(a, CHANGED_FIGURE);
}

/* Appends name to a comma-separated list in buf (n bytes), "…" once it is full. */
static void list_add(char *buf, size_t n, const char *name)
{
	size_t l = strlen(buf);
	if (l + strlen(name) + 8 < n)
		snprintf(buf + l, n - l, "%s%s", l ? ", " : "", name);
	else if (l + 4 < n && !strstr(buf, "…"))
		snprintf(buf + l, n - l, "…");
}

/* A reload: the inputs and params of the new scene (s, ev) that the old one had (old,
 * old_ev) keep the value the user gave them, unless the file now says something else
 * for that value (or a new range leaves it out): an edit in the file wins over the
 * slider. Names of the values kept that differ from the file go to kept[], names the
 * file changed over a user's value to took[] (n bytes each). */
static void keep_user_values(const struct scene *old, const struct eval *old_ev, const struct scene *s,
                             struct eval *ev, char *kept, char *took, size_t n)
{
	for (int k = 0; k < s->n_nodes; k++) {
		const struct node *nn = &s->nodes[k];
		int o = scene_find(old, nn->name);
		if (o < 0 || old->nodes[o].kind != nn->kind || (nn->kind != NODE_INPUT && nn->kind != NODE_PARAM))
			continue;
		double v = old_ev->set[o];
		int user = v != old->nodes[o].init;
		if (nn->init != old->nodes[o].init || (nn->has_range && !(v >= nn->lo && v <= nn->hi))) {
			if (user)
				list_add(took, n, nn->name);
			continue; /* eval_new gave it the file's value */
		}
		eval_set(ev, k, v);
		if (user)
			list_add(kept, n, nn->name);
	}
}

/* Loads path; on success replaces the open scene. With keep_values, inputs and params
 * that still exist keep the values they had (a reload); the step is kept too. */
int app_open_scene(struct app *a, const char *path, int keep_values, char *err, size_t n)
{
	struct nudge_error e;
	struct scene *s = scene_load(path, &e);
	if (!s) {
		nudge_error_format(&e, path, err, n);
		size_t l = strlen(err);
		while (l && err[l - 1] == '\n')
			err[--l] = '\0';
		return -1;
	}
	struct eval *ev = eval_new(s);
	struct session ns;
	if (!ev) {
		scene_free(s);
		snprintf(err, n, "out of memory opening %s", path);
		return -1;
	}
	int same = keep_values && a->session.scene && strcmp(path, a->files.path) == 0;
	char kept[256] = "", took[256] = "";
	if (a->session.scene && keep_values)
		keep_user_values(a->session.scene, a->session.ev, s, ev, kept, took, sizeof kept);
	if (session_open(&ns, s, ev) != 0) {
		eval_free(ev);
		scene_free(s);
		snprintf(err, n, "out of memory opening %s", path);
		return -1;
	}
	int old_plot = a->session.scene && a->session.plot >= 0 ? a->session.plot : -1;
	char old_plot_name[256] = "";
	if (old_plot >= 0)
		snprintf(old_plot_name, sizeof old_plot_name, "%s", a->session.scene->nodes[old_plot].name);
	double eps = a->session.eps, rate = a->session.rate;
	int plot_n = a->session.plot_n, map_nx = a->session.map_nx, map_ny = a->session.map_ny;
	render_forget_scene(a->platform.render);
	figure_geom_clear(a->platform.geom); /* its boxes name the old scene's nodes */
	session_close(&a->session);
	a->session = ns;
	a->session.want_rows = a->lecture.rows.on;
	if (plot_n > 0)
		a->session.plot_n = plot_n; /* the plot's width as last drawn: sampled once */
	a->session.map_nx = map_nx; /* and the map's grid */
	a->session.map_ny = map_ny;
	if (lecture_scene(&a->lecture, s) || quiz_scene(&a->quiz, s))
		app_set_status(a, 1, "out of memory: the lecture modes are off for this scene");
	if (path != a->files.path)
		snprintf(a->files.path, sizeof a->files.path, "%s", path);
	const char *base = strrchr(path, '/');
	snprintf(a->files.name, sizeof a->files.name, "%s", base ? base + 1 : path);
	char *dot = strrchr(a->files.name, '.');
	if (dot && dot != a->files.name)
		*dot = '\0';
	a->files.stamp = file_stamp(path);
	a->session.plot = s->plot;
	if (same && old_plot_name[0]) {
		int k = scene_find(s, old_plot_name);
		if (k >= 0 && (s->nodes[k].kind == NODE_INPUT || s->nodes[k].kind == NODE_PARAM))
			a->session.plot = k;
	}
	if (same) { /* a reload keeps ε and α */
		a->session.eps = eps;
		a->session.rate = rate;
	} else {
		a->playback.step = 0;
		a->playback.playing = a->playback.training = 0;
		view_reset(&a->view); /* a new graph: all of it, following the walk */
	}
	app_file_error(a, "");
	a->ui.editing = -1;
	a->ui.typing_rates = 0;
	a->pointer.drag = DRAG_NONE;
	a->playback.descents = 0;
	a->ui.nudged.on = 0;
	/* a new session is complete at once (values, trace, panels), before any other event */
	app_invalidate(a, CHANGED_VALUES | CHANGED_LAYOUT);
	recompute(a);
	if (!same)
		app_set_step(a, a->session.trace->n_steps - 1, 0);
	ui_sliders_build(&a->ui, s);
	if (a->ui.selected >= a->ui.n_sliders)
		a->ui.selected = -1;
	char title[512], plain[480];
	notation_plain(plain, sizeof plain, s->title ? s->title : a->files.name); /* the title bar has no scripts */
	snprintf(title, sizeof title, "nudge — %s", plain);
	wm_set_title(a->platform.win, title);
	if (same)
		app_set_status(a, 0, "reloaded %s%s%s%s%s", a->files.name, kept[0] ? "; your values kept: " : "", kept,
		               took[0] ? "; the file's edits taken: " : "", took);
	return 0;
}

void app_file_error(struct app *a, const char *text)
{
	snprintf(a->files.error, sizeof a->files.error, "%s", text);
	app_invalidate(a, CHANGED_LAYOUT); /* the banner takes its band above the figure, or gives it back */
}


/* Reloads the scene when its file changed; a refused version, or a file that is gone,
 * keeps the last good one and says so above the figure. Never blocks: scene_load
 * refuses a named pipe or a device without waiting on it. */
static void watch_file(struct app *a, Uint32 now)
{
	if ((Sint32)(now - a->files.next_watch) < 0)
		return;
	a->files.next_watch = now + APP_WATCH_MS;
	long long st = file_stamp(a->files.path);
	if (st == a->files.stamp)
		return;
	char err[1024];
	if (st < 0) {
		a->files.stamp = -1; /* say it once; a file that comes back is loaded again */
		snprintf(err, sizeof err, "%s: %s; showing the last version", a->files.path,
		         errno == ENOENT ? "file removed" : strerror(errno));
		app_file_error(a, err);
		app_set_status(a, 1, "the scene file is gone; showing the last version that loaded");
	} else if (app_open_scene(a, a->files.path, 1, err, sizeof err)) {
		a->files.stamp = st; /* do not retry until it changes again */
		app_file_error(a, err);
		app_set_status(a, 1, "the scene file has an error; showing the last version that loaded");
	}
}

/* Advances the clocks: the step animation, playing, training, the work animation, the
 * status line, the file watch. */
static void update(struct app *a)
{
	Uint32 now = SDL_GetTicks();
	if (a->playback.progress < 1) {
		a->playback.progress = (double)(now - a->playback.step_t0) / APP_STEP_MS;
		if (a->playback.progress > 1)
			a->playback.progress = 1;
		app_invalidate(a, CHANGED_FIGURE);
	}
	if (a->playback.playing && (Sint32)(now - a->playback.next_play) >= 0) {
		if (a->playback.step >= a->session.trace->n_steps - 1) {
			a->playback.playing = 0;
		} else {
			app_set_step(a, a->playback.step + 1, 1);
			a->playback.next_play = now + a->playback.play_ms;
		}
	}
	if (a->playback.training)
		app_invalidate(a, CHANGED_VALUES); /* the recompute takes one descent step */
	lecture_tick(a, now);
	view_update(a, now);
	if (a->ui.status[0] && (Sint32)(now - a->ui.status_until) >= 0)
		a->ui.status[0] = '\0';
	watch_file(a, now);
}

void app_figure(struct app *a, struct figure *fig, struct draw_opts *opts)
{
	figure_of_session(fig, a->platform.render, &a->session);
	fig->step = a->playback.step;
	fig->progress = a->playback.progress;
	*opts = (struct draw_opts){ .width = a->ui.fig_rect.w, .height = a->ui.fig_rect.h, .theme = a->ui.theme,
	                            .font_scale = a->ui.font_scale * (a->ui.present ? APP_PRESENT_SCALE : 1),
	                            .present = a->ui.present, .units = a->ui.units, .steady = 1 };
	lecture_figure(&a->lecture, &a->session, fig);
	quiz_opts(&a->quiz, opts);
	view_opts(&a->view, opts);
	if (figure_fit_session(fig, opts, &a->session)) /* the curve and map at the figure's resolution */
		session_update(&a->session);
}

/* Where the map went (for NUDGE_LAYOUT_FILE, rewritten when that moved). */
static void note_map(struct app *a)
{
	double box[4] = {0}, range[4] = {0};
	int has = figure_land_area(a->platform.geom, box, range);
	SDL_Rect r = { 0, 0, 0, 0 };
	if (has)
		r = (SDL_Rect){ a->ui.fig_rect.x + (int)lround(box[0]), a->ui.fig_rect.y + (int)lround(box[1]),
		                (int)lround(box[2]), (int)lround(box[3]) };
	if (r.x == a->ui.map_rect.x && r.y == a->ui.map_rect.y && r.w == a->ui.map_rect.w && r.h == a->ui.map_rect.h &&
	    !memcmp(range, a->ui.map_range, sizeof range))
		return;
	a->ui.map_rect = r;
	memcpy(a->ui.map_range, range, sizeof range);
	ui_layout_file(a);
}

/* Makes the figure's pixels match the figure area and draws it when something changed. */
static void draw_figure_texture(struct app *a)
{
	int w = a->ui.fig_rect.w, h = a->ui.fig_rect.h;
	if (w < 1 || h < 1)
		return;
	if (!a->platform.fig_tex || a->platform.fig_w != w || a->platform.fig_h != h) {
		if (a->platform.fig_tex)
			SDL_DestroyTexture(a->platform.fig_tex);
		a->platform.fig_tex =
			SDL_CreateTexture(a->platform.ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, w, h);
		if (a->platform.fig_tex)
			SDL_SetTextureBlendMode(a->platform.fig_tex, SDL_BLENDMODE_NONE);
		a->platform.fig_w = w;
		a->platform.fig_h = h;
		a->changed |= CHANGED_FIGURE;
	}
	void *pixels;
	int pitch;
	if (!(a->changed & CHANGED_FIGURE) || !a->platform.fig_tex ||
	    SDL_LockTexture(a->platform.fig_tex, NULL, &pixels, &pitch) != 0)
		return;
	/* cairo draws straight into the locked texture: ARGB32 is SDL's ARGB8888 */
	cairo_surface_t *surf = cairo_image_surface_create_for_data(pixels, CAIRO_FORMAT_ARGB32, w, h, pitch);
	cairo_t *cr = cairo_create(surf);
	struct figure fig;
	struct draw_opts opts;
	app_figure(a, &fig, &opts);
	opts.geom = a->platform.geom; /* the screen's figure is the one clicks land on */
	opts.live = 1;                /* frame after frame into this texture */
	draw_figure(cr, &fig, &opts);
	note_map(a);
	cairo_destroy(cr);
	cairo_surface_finish(surf);
	cairo_surface_destroy(surf);
	SDL_UnlockTexture(a->platform.fig_tex);
	a->changed &= ~(unsigned)CHANGED_FIGURE;
}

/* Milliseconds since this process started (exec of `nudge`), from /proc, for
 * NUDGE_TIMING; the kernel counts in clock ticks, so this is good to about 10 ms. */
static double ms_since_start(void)
{
	FILE *f = fopen("/proc/self/stat", "r");
	char buf[1024];
	size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
	if (f)
		fclose(f);
	buf[n] = '\0';
	char *p = strrchr(buf, ')'); /* fields after the command name; starttime is field 22 */
	unsigned long long start = 0;
	for (int field = 3; p && field <= 22; field++) {
		p = strchr(p + 1, ' ');
		if (p && field == 22)
			start = strtoull(p + 1, NULL, 10);
	}
	struct timespec ts;
	clock_gettime(CLOCK_BOOTTIME, &ts);
	return (ts.tv_sec + ts.tv_nsec / 1e9) * 1e3 - start * 1e3 / sysconf(_SC_CLK_TCK);
}

/* Frame times for NUDGE_TIMING: the last few hundred, reported at exit. */
static double frame_ms[4096];
static int n_frame_ms;

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

static void report_timing(void)
{
	if (n_frame_ms == 0)
		return;
	int n = n_frame_ms < 4096 ? n_frame_ms : 4096;
	qsort(frame_ms, (size_t)n, sizeof *frame_ms, cmp_double);  /* then median and p99 */
	fprintf(stderr, "nudge: %d frames that redrew the figure: median %.2f ms, p99 %.2f ms\n", n, frame_ms[(n - 1) / 2],
	        frame_ms[(int)(0.99 * (n - 1) + 0.5)]);
}

static void frame(struct app *a)
{
	int w, h;
	SDL_GetRendererOutputSize(a->platform.ren, &w, &h);
	int ww, wh;
	SDL_GetWindowSize(a->platform.win, &ww, &wh);
	a->platform.dpi = ww > 0 ? (double)w / ww : 1;
	a->platform.draw_w = w;
	a->platform.draw_h = h;
	int band = ui_status_wants_band(a) != a->ui.status_band; /* a long message came or went */
	if ((a->changed & CHANGED_LAYOUT) || w != a->ui.layout_w || h != a->ui.layout_h || band) {
		/* another size: another zoom shows the step at its size (the view keeps its place
		   in the graph while only the status band changed the figure's height) */
		a->view.follow_due |= (a->changed & CHANGED_LAYOUT) || w != a->ui.layout_w || h != a->ui.layout_h;
		ui_layout(a);
		a->changed = (a->changed & ~(unsigned)CHANGED_LAYOUT) | CHANGED_FIGURE;
	}
	int redraw = (a->changed & CHANGED_FIGURE) != 0;
	Uint64 t0 = a->t_events ? a->t_events : SDL_GetPerformanceCounter();
	draw_figure_texture(a);
	view_follow(a); /* from what was just drawn: the next frames glide */
	ui_draw(a);
	SDL_RenderPresent(a->platform.ren);
	if (redraw)
		frame_ms[n_frame_ms++ % 4096] = (SDL_GetPerformanceCounter() - t0) * 1000.0 / SDL_GetPerformanceFrequency();
	a->platform.frames++;
	ui_text_sweep(&a->platform);
}

int app_pump(struct app *a)
{
	SDL_Event e;
	while (!a->quit && SDL_PollEvent(&e))
		input_event(a, &e);
	if (!a->quit) {
		update(a);
		recompute(a);
		frame(a);
	}
	return a->quit;
}

/* Is anything moving, so that the loop must not sleep? */
static int busy(const struct app *a)
{
	const struct app_playback *p = &a->playback;
	return p->progress < 1 || p->playing || p->training || a->pointer.drag != DRAG_NONE || lecture_busy(&a->lecture) ||
	       a->view.moving;
}

int app_run(struct app *a)
{
	frame(a);
	const char *timing = getenv("NUDGE_TIMING");
	if (timing && *timing)
		fprintf(stderr, "nudge: first frame %.0f ms after the process started\n", ms_since_start());
	while (!a->quit) {
		SDL_Event e;
		int timeout = busy(a) ? 8 : APP_WATCH_MS;
		if (a->ui.status[0] && !busy(a)) {
			Sint32 left = (Sint32)(a->ui.status_until - SDL_GetTicks());
			if (left >= 0 && left < timeout)
				timeout = left + 1;
		}
		int got = SDL_WaitEventTimeout(&e, timeout);
		a->t_events = SDL_GetPerformanceCounter(); /* frame time includes the recompute */
		if (got) {
			input_event(a, &e);
			while (!a->quit && SDL_PollEvent(&e))
				input_event(a, &e);
		}
		if (a->quit)
			break;
		update(a);
		recompute(a);
		frame(a);
	}
	if (timing && *timing)
		report_timing();
	return 0;
}

/* With NUDGE_TIMING set, prints how long start-up has taken at each stage. */
static void stage(const char *what)
{
	const char *timing = getenv("NUDGE_TIMING");
	if (timing && *timing)
		fprintf(stderr, "nudge: %-18s %4.0f ms\n", what, ms_since_start());
}

struct app *app_new(const struct app_opts *o, char *err, size_t n)
{
	stage("start");
	/* The figure is drawn by cairo on the CPU; uploading it through SDL's software
	 * renderer to a plain framebuffer is the fastest path (8 ms a frame at 1920x1080
	 * under Xvfb against 23 ms through Mesa's software OpenGL). The environment
	 * (SDL_RENDER_DRIVER, SDL_FRAMEBUFFER_ACCELERATION) still overrides these. */
	SDL_SetHintWithPriority(SDL_HINT_RENDER_DRIVER, "software", SDL_HINT_DEFAULT);
	SDL_SetHintWithPriority(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0", SDL_HINT_DEFAULT);
	const char *asked = getenv("SDL_VIDEODRIVER");
	if (!(asked && *asked) && !getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY")) {
		snprintf(err, n, "no display to open a window on (DISPLAY and WAYLAND_DISPLAY are not set); "
		                 "`nudge export` and `nudge record` make figures without one");
		return NULL;
	}
	wm_before_window();
	if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
		snprintf(err, n, "cannot start SDL: %s", SDL_GetError());
		return NULL;
	}
	/* With no display SDL quietly falls back to an invisible "offscreen" window: say so
	 * instead of running unseen (tests ask for dummy or offscreen on purpose). */
	const char *driver = SDL_GetCurrentVideoDriver();
	if (driver && (!strcmp(driver, "offscreen") || !strcmp(driver, "dummy")) && !(asked && *asked)) {
		SDL_Quit();
		snprintf(err, n, "no display to open a window on (DISPLAY and WAYLAND_DISPLAY are not set); "
		                 "`nudge export` and `nudge record` make figures without one");
		return NULL;
	}
	struct app *a = calloc(1, sizeof *a);
	if (!a) {
		SDL_Quit();
		snprintf(err, n, "out of memory");
		return NULL;
	}
	a->ui.selected = a->ui.editing = -1;
	a->playback.play_ms = 1200;
	a->playback.progress = 1;
	a->ui.theme = o->light ? THEME_LIGHT : THEME_DARK;
	a->ui.font_scale = 1;
	a->view.move_ms = APP_GLIDE_MS;
	snprintf(a->platform.fonts_dir, sizeof a->platform.fonts_dir, "%s", o->fonts_dir);
	snprintf(a->files.scenes_dir, sizeof a->files.scenes_dir, "%s", o->scenes_dir ? o->scenes_dir : "");
	snprintf(a->files.shots_dir, sizeof a->files.shots_dir, "%s", o->shots_dir && *o->shots_dir ? o->shots_dir : ".");
	int w = o->width > 0 ? o->width : 1280, h = o->height > 0 ? o->height : 800;
	SDL_Rect usable;
	if (o->width <= 0 && SDL_GetDisplayUsableBounds(0, &usable) == 0 && usable.w > 0 && usable.h > 0) {
		/* the default size never exceeds the screen: a 1024x768 projector gets a window
		 * that fits it, not one whose title and right edge are off screen */
		w = w < usable.w ? w : usable.w;
		h = h < usable.h ? h : usable.h;
	}
	Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI | (o->hidden ? SDL_WINDOW_HIDDEN : 0);
	a->platform.win = SDL_CreateWindow("nudge", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
	if (a->platform.win) {
		SDL_SetWindowMinimumSize(a->platform.win, 640, 400);
		wm_set_icon(a->platform.win, o->icon_path);
		a->platform.ren = SDL_CreateRenderer(a->platform.win, -1, SDL_RENDERER_PRESENTVSYNC);
		if (!a->platform.ren)
			a->platform.ren = SDL_CreateRenderer(a->platform.win, -1, SDL_RENDERER_SOFTWARE);
	}
	stage("window");
	if (!a->platform.win || !a->platform.ren) {
		snprintf(err, n, "cannot open a window: %s", SDL_GetError());
		app_free(a);
		return NULL;
	}
	a->platform.render = render_new(a->platform.fonts_dir, err, n);
	a->platform.geom = figure_geom_new();
	if (!a->platform.geom)
		snprintf(err, n, "out of memory");
	if (!a->platform.render || !a->platform.geom || ui_text_init(&a->platform, err, n)) {
		app_free(a);
		return NULL;
	}
	stage("fonts");
	if (app_open_scene(a, o->scene_path, 0, err, n)) {
		app_free(a);
		return NULL;
	}
	stage("scene");
	a->files.next_watch = SDL_GetTicks() + APP_WATCH_MS;
	SDL_EventState(SDL_DROPFILE, SDL_ENABLE);
	SDL_StopTextInput();
	if (o->present) /* nudge --present */
		app_present(a, 1);
	return a;
}

void app_free(struct app *a)
{
	if (!a)
		return;
	lecture_free(&a->lecture);
	quiz_free(&a->quiz);
	session_close(&a->session);
	free(a->ui.list);
	ui_text_free(&a->platform);
	render_free(a->platform.render);
	figure_geom_free(a->platform.geom);
	if (a->platform.fig_tex)
		SDL_DestroyTexture(a->platform.fig_tex);
	if (a->platform.ren)
		SDL_DestroyRenderer(a->platform.ren);
	if (a->platform.win)
		SDL_DestroyWindow(a->platform.win);
	free(a);
	SDL_Quit();
}
