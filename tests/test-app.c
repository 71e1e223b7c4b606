/* test-app.c - the window driven by real SDL events on the `dummy` video driver:
 * dragging a slider changes the param and the gradients (checked against a hand
 * formula), every key does what it says, typed values, dragging the plot point,
 * screenshots that are numbered and never overwrite, resizing to 640x400 with every
 * control inside, live reload of the scene file (good and refused versions),
 * presentation mode (F5, PageDown / PageUp, B, Esc) and the type keys (Ctrl+= − 0),
 * a slider's name in the lecture's notation drawn raised and lowered, not raw.
 * With --soak N: N random events, then the same checks for crashes and growth. */
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app-private.h"
#include "graphs.h"
#include "test.h"

static char shots[256], fonts[1024], scenes[1024];

static struct app *open_app(const char *scene_path)
{
	struct app_opts o = { .scene_path = scene_path, .scenes_dir = scenes, .fonts_dir = fonts,
	                      .shots_dir = shots, .width = 1280, .height = 800, .hidden = 1 };
	char err[1024];
	struct app *a = app_new(&o, err, sizeof err);
	CHECK(a != NULL, "the window opens: %s", err);
	if (a) {
		CHECK(strcmp(SDL_GetCurrentVideoDriver(), "dummy") == 0, "driver %s", SDL_GetCurrentVideoDriver());
		app_pump(a);
	}
	return a;
}

/* A built-in scene by name, from the scenes folder. */
static struct app *open_scene(const char *name)
{
	char path[1200];
	snprintf(path, sizeof path, "%s/%s.nudge", scenes, name);
	return open_app(path);
}

static void push(struct app *a, SDL_Event *e)
{
	SDL_PushEvent(e);
	(void)a;
}

static void mouse(struct app *a, Uint32 type, int x, int y, int clicks)
{
	SDL_Event e = { 0 };
	e.type = type;
	Uint32 id = SDL_GetWindowID(a->platform.win);
	if (type == SDL_MOUSEMOTION) {
		e.motion.windowID = id;
		e.motion.x = x;
		e.motion.y = y;
		e.motion.state = SDL_BUTTON_LMASK;
	} else {
		e.button.windowID = id;
		e.button.button = SDL_BUTTON_LEFT;
		e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
		e.button.clicks = (Uint8)clicks;
		e.button.x = x;
		e.button.y = y;
	}
	push(a, &e);
}

static void drag(struct app *a, int x0, int y0, int x1, int y1)
{
	mouse(a, SDL_MOUSEBUTTONDOWN, x0, y0, 1);
	for (int i = 1; i <= 5; i++)
		mouse(a, SDL_MOUSEMOTION, x0 + (x1 - x0) * i / 5, y0 + (y1 - y0) * i / 5, 0);
	mouse(a, SDL_MOUSEBUTTONUP, x1, y1, 1);
	app_pump(a);
}

static void key(struct app *a, SDL_Keycode k, Uint16 mod)
{
	SDL_Event e = { 0 };
	e.type = SDL_KEYDOWN;
	e.key.windowID = SDL_GetWindowID(a->platform.win);
	e.key.state = SDL_PRESSED;
	e.key.keysym.sym = k;
	e.key.keysym.mod = mod;
	push(a, &e);
	app_pump(a);
}

static void text(struct app *a, const char *s)
{
	SDL_Event e = { 0 };
	e.type = SDL_TEXTINPUT;
	e.text.windowID = SDL_GetWindowID(a->platform.win);
	snprintf(e.text.text, sizeof e.text.text, "%s", s);
	push(a, &e);
	app_pump(a);
}

static int slider_of(const struct app *a, const char *name)
{
	int k = scene_find(a->session.scene, name);
	for (int i = 0; i < a->ui.n_sliders; i++)
		if (a->ui.sliders[i].kind == SLIDER_NODE && a->ui.sliders[i].node == k)
			return i;
	return -1;
}

static double grad_of(const struct app *a, const char *name)
{
	return a->session.ev->mean_grad[scene_find(a->session.scene, name)];
}

static double set_of(const struct app *a, const char *name)
{
	return a->session.ev->set[scene_find(a->session.scene, name)];
}

static int exists(const char *name)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", shots, name);
	struct stat st;
	return stat(p, &st) == 0 && st.st_size > 0;
}

/* Every slider, button and the status line inside the window and clear of each other. */
static void check_layout(const struct app *a, const char *when)
{
	SDL_Rect r[APP_MAX_SLIDERS + BTN_COUNT + 1];
	int n = 0;
	for (int i = 0; i < a->ui.n_sliders; i++)
		if (a->ui.sliders[i].cell.w > 0)
			r[n++] = a->ui.sliders[i].cell;
	for (int b = 0; b < BTN_COUNT; b++)
		r[n++] = a->ui.buttons[b];
	int shown = n - BTN_COUNT;
	CHECK(shown == a->ui.n_sliders, "%s: every slider is shown (%d of %d)", when, shown, a->ui.n_sliders);
	int W = a->platform.draw_w, H = a->platform.draw_h;
	for (int i = 0; i < n; i++) {
		CHECK(r[i].x >= 0 && r[i].y >= 0 && r[i].x + r[i].w <= W && r[i].y + r[i].h <= H && r[i].w > 0 && r[i].h > 0,
		      "%s: control %d at %d,%d %dx%d is inside %dx%d", when, i, r[i].x, r[i].y, r[i].w, r[i].h, W, H);
		for (int j = 0; j < i; j++)
			CHECK(!SDL_HasIntersection(&r[i], &r[j]), "%s: controls %d and %d overlap", when, i, j);
	}
	CHECK(a->ui.fig_rect.h >= H / 2, "%s: the figure keeps at least half the height (%d of %d)", when,
	      a->ui.fig_rect.h, H);
	CHECK(a->ui.status_rect.x + a->ui.status_rect.w <= W, "%s: status line inside", when);
	for (int i = 0; i < n && a->ui.status_rect.w > 0; i++)
		CHECK(!SDL_HasIntersection(&r[i], &a->ui.status_rect), "%s: the status line clear of control %d", when, i);
	CHECK(a->ui.bar.y + a->ui.bar.h == H && a->ui.fig_rect.y + a->ui.fig_rect.h <= a->ui.bar.y,
	      "%s: the bar at the bottom, under the figure", when);
}

/* The buttons share the last slider row where it has room for them (and the bar is
 * that much lower), and have a row of their own where it has not. */
static void check_bar_rows(const struct app *a, int shared, const char *when)
{
	int last = 0;
	for (int i = 0; i < a->ui.n_sliders; i++)
		if (a->ui.sliders[i].cell.y > a->ui.sliders[last].cell.y)
			last = i;
	const SDL_Rect *c = &a->ui.sliders[last].cell, *b = &a->ui.buttons[BTN_FIRST];
	int row = c->y == b->y;
	CHECK(row == shared, "%s: the buttons %s the last slider row (buttons at y %d, the row at %d)", when,
	      shared ? "share" : "do not share", b->y, c->y);
	int pad = ui_em(&a->platform, ui_metrics.pad);
	int low = (b->y + b->h > c->y + c->h ? b->y + b->h : c->y + c->h) + pad;
	CHECK(low == a->ui.bar.y + a->ui.bar.h, "%s: the bar ends a pad under its last row (%d, bar to %d)", when, low,
	      a->ui.bar.y + a->ui.bar.h);
}

/* The bar's type: a slider value's digits (the font's own "0", as drawn) at least 1/60
 * of the window's height, as the figure's numbers in the window; the room a nudge's
 * report needs beside the buttons. */
static void check_type(const struct app *a, const char *when)
{
	int minx, maxx, miny, maxy, adv, H = a->platform.draw_h;
	int ok = TTF_GlyphMetrics(a->platform.font, '0', &minx, &maxx, &miny, &maxy, &adv) == 0;
	CHECK(ok && maxy - miny >= H / 60.0, "%s: a slider value's digits %d px, at least 1/60 of %d", when,
	      ok ? maxy - miny : 0, H);
	CHECK(a->platform.cut == 0, "%s: no slider name, value or button word cut to fit (%d)", when, a->platform.cut);
}

static void resize(struct app *a, int w, int h)
{
	SDL_SetWindowSize(a->platform.win, w, h);
	SDL_Event e = { 0 };
	e.type = SDL_WINDOWEVENT;
	e.window.event = SDL_WINDOWEVENT_SIZE_CHANGED;
	e.window.windowID = SDL_GetWindowID(a->platform.win);
	e.window.data1 = w;
	e.window.data2 = h;
	push(a, &e);
	app_pump(a);
}

static void test_slider_drag(void)
{
	struct app *a = open_scene("computation-graph");
	if (!a)
		return;
	check_layout(a, "1280x800");
	int i = slider_of(a, "w");
	CHECK(i >= 0, "a slider for w");
	const struct slider *s = &a->ui.sliders[i];
	int y = s->track.y + s->track.h / 2;
	double before = grad_of(a, "w");
	drag(a, s->track.x + s->track.w / 2, y, s->track.x + s->track.w * 3 / 4, y);
	double w = set_of(a, "w");
	CHECK(w > 2.5 && w <= s->hi, "dragging the knob right raises w: %g", w);
	/* J = (w·x + b − y)²/2 with x = −2, b = 8, y = 2 → dJ/dw = (w·x + b − y)·x */
	double want = (w * -2 + 8 - 2) * -2;
	CHECK_NEAR(grad_of(a, "w"), want, 1e-12, "dJ/dw follows the slider");
	CHECK(grad_of(a, "w") != before, "the gradient changed");
	CHECK(a->session.trace->n_steps == 13, "the trace is rebuilt (%d steps)", a->session.trace->n_steps);
	/* a click on the track jumps there */
	mouse(a, SDL_MOUSEBUTTONDOWN, s->track.x + 1, y, 1);
	mouse(a, SDL_MOUSEBUTTONUP, s->track.x + 1, y, 1);
	app_pump(a);
	CHECK_NEAR(set_of(a, "w"), s->lo, 0.05, "a click at the left end of the track");
	/* the wheel moves by 1 % of the range */
	double w0 = set_of(a, "w");
	SDL_Event e = { 0 };
	e.type = SDL_MOUSEWHEEL;
	e.wheel.windowID = SDL_GetWindowID(a->platform.win);
	e.wheel.y = 1;
	e.wheel.mouseX = s->track.x + 5;
	e.wheel.mouseY = y;
	push(a, &e);
	app_pump(a);
	CHECK_NEAR(set_of(a, "w") - w0, (s->hi - s->lo) / 100, 1e-9, "the wheel");
	/* double-click the value and type */
	mouse(a, SDL_MOUSEBUTTONDOWN, s->value.x + s->value.w / 2, y, 2);
	mouse(a, SDL_MOUSEBUTTONUP, s->value.x + s->value.w / 2, y, 2);
	app_pump(a);
	CHECK(a->ui.editing == i, "double-click starts typing");
	text(a, "1.25");
	key(a, SDLK_RETURN, 0);
	CHECK(a->ui.editing < 0 && set_of(a, "w") == 1.25, "typed w = 1.25: %g", set_of(a, "w"));
	mouse(a, SDL_MOUSEBUTTONDOWN, s->value.x + 2, y, 2);
	app_pump(a);
	text(a, "7");
	key(a, SDLK_ESCAPE, 0);
	CHECK(set_of(a, "w") == 1.25, "Escape cancels typing");

	/* drag the point on the plot: find it with the figure's hit test */
	int px = -1, py = -1;
	for (int yy = 0; yy < a->ui.fig_rect.h && px < 0; yy += 2)
		for (int xx = 0; xx < a->ui.fig_rect.w && px < 0; xx += 2)
			if (figure_hit(a->platform.geom, xx, yy).kind == HIT_PLOT_POINT) {
				px = xx;
				py = yy;
			}
	CHECK(px >= 0, "the plot point is somewhere");
	if (px >= 0) {
		double v0 = set_of(a, "w");
		drag(a, px + 2, py + 2, px + 60, py + 2);
		CHECK(set_of(a, "w") > v0, "dragging the plot point right raises w (%g → %g)", v0, set_of(a, "w"));
	}
	app_free(a);
}

/* F5 and what a presentation remote sends; Ctrl+= / Ctrl+− / Ctrl+0; --present. */
static void test_present(void)
{
	char path[1200];
	snprintf(path, sizeof path, "%s/network.nudge", scenes);
	struct app *a = open_app(path);
	if (!a)
		return;
	struct figure fig;
	struct draw_opts opts;
	int H = a->platform.draw_h;
	key(a, SDLK_F5, 0);
	CHECK(a->ui.present && a->ui.bar.h == 0 && a->ui.fig_rect.h == H && a->ui.fig_rect.w == a->platform.draw_w,
	      "F5: the figure takes the whole window (%dx%d of %dx%d)", a->ui.fig_rect.w, a->ui.fig_rect.h,
	      a->platform.draw_w, H);
	int hidden = 1;
	for (int i = 0; i < a->ui.n_sliders; i++)
		hidden &= a->ui.sliders[i].cell.w == 0;
	for (int b = 0; b < BTN_COUNT; b++)
		hidden &= a->ui.buttons[b].w == 0;
	CHECK(hidden, "F5: no slider or button is shown");
	app_figure(a, &fig, &opts);
	CHECK(fabs(opts.font_scale - APP_PRESENT_SCALE) < 1e-9, "F5: presentation type (%g)", opts.font_scale);
	key(a, SDLK_HOME, 0);
	key(a, SDLK_PAGEDOWN, 0);
	CHECK(a->playback.step == 1 && strcmp(a->files.name, "network") == 0,
	      "presenting, PageDown: the next step (%d), not the next scene (%s)", a->playback.step, a->files.name);
	key(a, SDLK_PAGEDOWN, 0);
	key(a, SDLK_PAGEUP, 0);
	CHECK(a->playback.step == 1, "presenting, PageUp: the step before (%d)", a->playback.step);
	key(a, SDLK_TAB, 0);
	int sel = a->ui.selected;
	double before = sel >= 0 && a->ui.sliders[sel].kind == SLIDER_NODE
	                ? a->session.ev->set[a->ui.sliders[sel].node] : 0;
	key(a, SDLK_UP, 0);
	CHECK(sel >= 0 && a->ui.sliders[sel].kind == SLIDER_NODE &&
	      a->session.ev->set[a->ui.sliders[sel].node] > before, "presenting, Tab and Up still nudge a slider");
	key(a, SDLK_b, 0);
	CHECK(a->ui.blank, "presenting, B: the screen is blank");
	key(a, SDLK_RIGHT, 0);
	CHECK(!a->ui.blank, "any key brings the figure back");
	key(a, SDLK_PERIOD, 0);
	CHECK(a->ui.blank, "presenting, '.': blank too");
	key(a, SDLK_PERIOD, 0);
	CHECK(!a->ui.blank && a->ui.present, "'.' again: back, still presenting");
	key(a, SDLK_ESCAPE, 0);
	CHECK(!a->ui.present && a->ui.bar.h > 0, "Esc leaves presentation mode: the controls are back");
	check_layout(a, "after presenting");
	key(a, SDLK_PAGEDOWN, 0);
	CHECK(strcmp(a->files.name, "network") != 0, "not presenting, PageDown: the next scene (%s)", a->files.name);
	/* the type: Ctrl+= larger, Ctrl+− smaller, Ctrl+0 as it was; the pace keys untouched */
	Uint32 pace = a->playback.play_ms;
	key(a, SDLK_EQUALS, KMOD_LCTRL);
	app_figure(a, &fig, &opts);
	CHECK(opts.font_scale > 1.1 && a->playback.play_ms == pace, "Ctrl+=: larger type (%g)", opts.font_scale);
	key(a, SDLK_0, KMOD_LCTRL);
	key(a, SDLK_MINUS, KMOD_LCTRL);
	app_figure(a, &fig, &opts);
	CHECK(opts.font_scale < 0.9, "Ctrl+0 then Ctrl+−: smaller type (%g)", opts.font_scale);
	for (int i = 0; i < 30; i++)
		key(a, SDLK_MINUS, KMOD_LCTRL);
	CHECK(a->ui.font_scale >= APP_FONT_SCALE_MIN - 1e-9, "Ctrl+− stops at %g", a->ui.font_scale);
	key(a, SDLK_0, KMOD_LCTRL);
	CHECK(a->ui.font_scale == 1, "Ctrl+0: the type as it was");
	app_free(a);
	/* nudge --present */
	struct app_opts o = { .scene_path = path, .scenes_dir = scenes, .fonts_dir = fonts,
	                      .shots_dir = shots, .width = 1024, .height = 768, .hidden = 1, .present = 1 };
	char err[1024];
	a = app_new(&o, err, sizeof err);
	CHECK(a != NULL, "--present opens: %s", err);
	if (a) {
		app_pump(a);
		CHECK(a->ui.present && a->ui.bar.h == 0, "--present: presentation mode from the start");
		app_free(a);
	}
}

/* Ctrl+= goes only as far as the figure holds the type (computation-graph in a 1280x720
 * window holds about 1.4; at 1024x768 too): the scale asked is the scale drawn after every press, the
 * status line says when it is the most, and the first Ctrl+− after it shows at once. */
static void test_font_held_at(int w, int h)
{
	struct app *a = open_scene("computation-graph");
	if (!a)
		return;
	resize(a, w, h);
	struct figure fig;
	struct draw_opts opts;
	double drawn = 1;
	int most = 0;
	for (int i = 0; i < 8; i++) {
		key(a, SDLK_EQUALS, KMOD_LCTRL);
		app_figure(a, &fig, &opts);
		drawn = figure_font_scale(&fig, &opts);
		CHECK(fabs(drawn - a->ui.font_scale) < 0.006, "%dx%d, Ctrl+= ×%d: the scale asked (%g) is the scale drawn (%g)",
		      w, h, i + 1, a->ui.font_scale, drawn);
		most |= strstr(a->ui.status, "the most here") != NULL;
	}
	CHECK(most && drawn > 1, "the status line says when the type is the most the figure holds (%g): %s", drawn,
	      a->ui.status);
	key(a, SDLK_MINUS, KMOD_LCTRL);
	app_figure(a, &fig, &opts);
	CHECK(figure_font_scale(&fig, &opts) < drawn - 0.05, "%dx%d: the first Ctrl+− after it shows: %g, was %g", w, h,
	      figure_font_scale(&fig, &opts), drawn);
	app_free(a);
}

static void test_font_held(void)
{
	test_font_held_at(1280, 720);
	test_font_held_at(1024, 768);
}

static void test_keys(void)
{
	struct app *a = open_scene("computation-graph");
	if (!a)
		return;
	int last = a->session.trace->n_steps - 1;
	CHECK(a->playback.step == last, "opens on the last step, everything computed");
	key(a, SDLK_HOME, 0);
	CHECK(a->playback.step == 0, "Home: step 0");
	key(a, SDLK_RIGHT, 0);
	CHECK(a->playback.step == 1 && a->playback.progress < 1, "Right: step 1, animating");
	key(a, SDLK_SPACE, 0);
	CHECK(a->playback.step == 2, "Space: step 2");
	key(a, SDLK_LEFT, 0);
	CHECK(a->playback.step == 1 && a->playback.progress == 1, "Left: back to step 1, at once");
	key(a, SDLK_END, 0);
	CHECK(a->playback.step == last, "End: last step");
	key(a, SDLK_p, 0);
	CHECK(a->playback.playing && a->playback.step == 0, "P at the end plays from the start");
	key(a, SDLK_p, 0);
	CHECK(!a->playback.playing, "P pauses");
	key(a, SDLK_END, 0);

	key(a, SDLK_TAB, 0);
	CHECK(a->ui.selected == 0, "Tab selects the first slider");
	key(a, SDLK_TAB, KMOD_LSHIFT);
	CHECK(a->ui.selected == a->ui.n_sliders - 1, "Shift+Tab goes back around");
	int wi = slider_of(a, "w");
	while (a->ui.selected != wi)
		key(a, SDLK_TAB, 0);
	double w = set_of(a, "w"), J = a->session.ev->cost;
	key(a, SDLK_UP, 0);
	CHECK_NEAR(set_of(a, "w"), w + a->session.eps, 1e-15, "Up: w goes up by ε");
	const char *status = a->ui.status;
	CHECK(strstr(status, "⇒") && strstr(status, "↑"), "and the status says what J did: %s", status);
	CHECK_NEAR((a->session.ev->cost - J) / a->session.eps, -4, 0.01, "J moved by about dJ/dw × ε");
	key(a, SDLK_DOWN, 0);
	CHECK_NEAR(set_of(a, "w"), w, 1e-15, "Down: back by ε");

	double g = grad_of(a, "w"), b = set_of(a, "b"), gb = grad_of(a, "b");
	w = set_of(a, "w");
	key(a, SDLK_g, 0);
	CHECK_NEAR(set_of(a, "w"), w - a->session.rate * g, 1e-15, "G: w ← w − α·dJ/dw");
	CHECK_NEAR(set_of(a, "b"), b - a->session.rate * gb, 1e-15, "G: b ← b − α·dJ/db");
	J = a->session.ev->cost;
	key(a, SDLK_t, 0);
	CHECK(a->playback.training, "T starts training");
	for (int i = 0; i < 20; i++)
		app_pump(a);
	CHECK(a->session.ev->cost < J, "training lowers J (%g → %g)", J, a->session.ev->cost);
	key(a, SDLK_t, 0);
	CHECK(!a->playback.training, "T stops it");
	key(a, SDLK_r, 0);
	CHECK(set_of(a, "w") == 2 && set_of(a, "b") == 8 && a->session.ev->cost == 2, "R resets");

	enum draw_theme t = a->ui.theme;
	key(a, SDLK_l, 0);
	CHECK(a->ui.theme != t, "L switches the theme");
	key(a, SDLK_F1, 0);
	CHECK(a->ui.help, "F1 shows help");
	key(a, SDLK_ESCAPE, 0);
	CHECK(!a->ui.help, "Esc closes it");
	key(a, SDLK_SLASH, KMOD_LSHIFT);
	CHECK(a->ui.help, "? shows help");
	key(a, SDLK_ESCAPE, 0);

	/* clicking a param's slider name plots J against it */
	int bi = slider_of(a, "b");
	const struct slider *s = &a->ui.sliders[bi];
	mouse(a, SDL_MOUSEBUTTONDOWN, s->label.x + 2, s->label.y + s->label.h / 2, 1);
	mouse(a, SDL_MOUSEBUTTONUP, s->label.x + 2, s->label.y + s->label.h / 2, 1);
	app_pump(a);
	CHECK(a->session.plot == scene_find(a->session.scene, "b"), "clicking b's name plots J(b)");

	/* a diverging rate stops training with a message, never NaN params */
	char path[1200];
	snprintf(path, sizeof path, "%s/derivative.nudge", scenes);
	char err[512];
	CHECK(app_open_scene(a, path, 0, err, sizeof err) == 0, "open derivative");
	a->session.rate = 1.5;
	key(a, SDLK_t, 0);
	for (int i = 0; i < 1200 && a->playback.training; i++)
		app_pump(a);
	CHECK(!a->playback.training && a->ui.status_error && isfinite(set_of(a, "w")), "divergence stops training: %s",
	      a->ui.status);

	key(a, SDLK_PAGEDOWN, 0);
	CHECK(strcmp(a->files.name, "fit-line") == 0, "PageDown: the next built-in scene (%s)", a->files.name);
	key(a, SDLK_PAGEUP, 0);
	CHECK(strcmp(a->files.name, "derivative") == 0, "PageUp: back (%s)", a->files.name);
	key(a, SDLK_PAGEDOWN, 0); /* fit-line has three data rows */
	key(a, SDLK_RIGHTBRACKET, 0);
	CHECK(a->session.ev->row == 1 && strstr(trace_text(a->session.trace, 0), "data row 1"),
	      "] shows the next data row (%d)", a->session.ev->row);
	CHECK(strstr(a->ui.status, "J⁽¹⁾ and dJ⁽¹⁾/d· on the graph are its") != NULL, "the status line names row 1's numbers: %s",
	      a->ui.status);
	key(a, SDLK_e, 0);
	struct figure fig;
	struct draw_opts fo;
	app_figure(a, &fig, &fo);
	CHECK(a->lecture.rows.on && figure_panel(&fig, PANEL_ROWS), "E shows the table of rows");
	app_pump(a); /* draws it */
	key(a, SDLK_e, 0);
	app_figure(a, &fig, &fo);
	CHECK(!figure_panel(&fig, PANEL_ROWS), "E again hides it");
	key(a, SDLK_LEFTBRACKET, 0);
	key(a, SDLK_LEFTBRACKET, 0);
	CHECK(a->session.ev->row == 2, "[ goes back around (%d)", a->session.ev->row);
	key(a, SDLK_PAGEUP, 0);
	key(a, SDLK_o, 0);
	CHECK(a->ui.list && a->ui.n_list == 10, "O lists the built-in scenes (%d)", a->ui.n_list);
	CHECK(a->ui.list && strcmp(a->ui.list[a->ui.list_sel].name, "derivative") == 0, "with the open one selected");
	CHECK(a->ui.list && strcmp(a->ui.list[0].title, "Chain rule: J = (2 + 3w)²") == 0, "and their titles");
	key(a, SDLK_DOWN, 0);
	key(a, SDLK_RETURN, 0);
	CHECK(!a->ui.list && strcmp(a->files.name, "fit-line") == 0, "Down, Enter opens the next one (%s)", a->files.name);
	key(a, SDLK_o, 0);
	app_pump(a); /* draws the list, so its rows have places */
	SDL_Rect row = a->ui.list ? a->ui.list_rows[0] : (SDL_Rect){ 0, 0, 0, 0 };
	mouse(a, SDL_MOUSEBUTTONDOWN, row.x + row.w / 2, row.y + row.h / 2, 1);
	mouse(a, SDL_MOUSEBUTTONUP, row.x + row.w / 2, row.y + row.h / 2, 1);
	app_pump(a);
	CHECK(!a->ui.list && strcmp(a->files.name, "chain") == 0, "a click on a row opens it (%s)", a->files.name);
	key(a, SDLK_o, 0);
	key(a, SDLK_ESCAPE, 0);
	CHECK(!a->ui.list && strcmp(a->files.name, "chain") == 0, "Esc closes the list and keeps the scene");
	key(a, SDLK_q, 0);
	CHECK(a->quit, "Q quits");
	app_free(a);
}

static void test_screenshots(void)
{
	char path[1200];
	snprintf(path, sizeof path, "%s/network.nudge", scenes);
	struct app *a = open_app(path);
	if (!a)
		return;
	SDL_Rect shot = a->ui.fig_rect; /* the figure S saves */
	key(a, SDLK_s, 0);
	CHECK(exists("nudge-network-001.png"), "S saves nudge-network-001.png: %s", a->ui.status);
	key(a, SDLK_s, 0);
	CHECK(exists("nudge-network-002.png"), "S again saves -002");
	char p[512];
	snprintf(p, sizeof p, "%s/nudge-network-003.png", shots);
	int fd = open(p, O_WRONLY | O_CREAT, 0644);
	CHECK(fd >= 0 && write(fd, "mine", 4) == 4, "a file of the user's");
	close(fd);
	key(a, SDLK_s, 0);
	CHECK(exists("nudge-network-004.png"), "S skips a taken number");
	FILE *f = fopen(p, "rb");
	char buf[8] = "";
	CHECK(f && fread(buf, 1, 8, f) == 4 && memcmp(buf, "mine", 4) == 0, "and never overwrites it");
	if (f)
		fclose(f);
	key(a, SDLK_s, KMOD_LSHIFT);
	CHECK(exists("nudge-network-005.png") && exists("nudge-network-005.svg") && exists("nudge-network-005.pdf"),
	      "Shift+S saves PNG, SVG and PDF: %s", a->ui.status);
	/* the PNG is twice the figure's pixels */
	snprintf(p, sizeof p, "%s/nudge-network-001.png", shots);
	f = fopen(p, "rb");
	unsigned char hdr[24];
	CHECK(f && fread(hdr, 1, 24, f) == 24, "read the PNG header");
	if (f) {
		fclose(f);
		int w = hdr[16] << 24 | hdr[17] << 16 | hdr[18] << 8 | hdr[19];
		int h = hdr[20] << 24 | hdr[21] << 16 | hdr[22] << 8 | hdr[23];
		CHECK(w == 2 * shot.w && h == 2 * shot.h, "PNG %dx%d for a %dx%d figure", w, h, shot.w, shot.h);
	}
	/* W: the whole walk as one PDF, a page per step, numbered apart from the shots */
	key(a, SDLK_w, 0);
	CHECK(exists("nudge-network-walk-001.pdf") && strstr(a->ui.status, "nudge-network-walk-001.pdf"),
	      "W saves nudge-network-walk-001.pdf and says so: %s", a->ui.status);
	key(a, SDLK_w, 0);
	CHECK(exists("nudge-network-walk-002.pdf"), "W again saves -002, never over -001");
	snprintf(p, sizeof p, "%s/nudge-network-walk-001.pdf", shots);
	f = fopen(p, "rb");
	static char pdf[1 << 20];
	size_t len = f ? fread(pdf, 1, sizeof pdf - 1, f) : 0;
	if (f)
		fclose(f);
	pdf[len] = '\0';
	int pages = 0;
	for (size_t i = 0; i + 12 < len; i++) /* page objects, not the /Pages tree */
		pages += memcmp(pdf + i, "/Type /Page", 11) == 0 && pdf[i + 11] != 's';
	CHECK(len > 1000 && memcmp(pdf, "%PDF", 4) == 0 && pages == a->session.trace->n_steps,
	      "a PDF with a page per step: %d pages for %d steps", pages, a->session.trace->n_steps);
	/* an unwritable folder: a message, no crash */
	snprintf(a->files.shots_dir, sizeof a->files.shots_dir, "/nonexistent-nudge-folder");
	key(a, SDLK_s, 0);
	CHECK(a->ui.status_error && strstr(a->ui.status, "not saved"), "unwritable folder: %s", a->ui.status);
	key(a, SDLK_w, 0);
	CHECK(a->ui.status_error && strstr(a->ui.status, "walk not saved"), "W, unwritable folder: %s", a->ui.status);
	app_free(a);
}

static void test_resize(void)
{
	char path[1200];
	snprintf(path, sizeof path, "%s/network.nudge", scenes);
	struct app *a = open_app(path);
	if (!a)
		return;
	resize(a, 640, 400);
	int W = a->platform.draw_w, H = a->platform.draw_h;
	CHECK(W == 640 && H == 400, "resized to %dx%d", W, H);
	check_layout(a, "640x400");
	resize(a, 1920, 1080);
	check_layout(a, "1920x1080");
	resize(a, 1280, 800);
	check_layout(a, "back to 1280x800");
	/* network's eight sliders: six columns leave the buttons (and the status line) room in
	 * the second row at 1280x720; at 1024x768 the type 1/60 of the height leaves none */
	resize(a, 1280, 720);
	check_layout(a, "1280x720");
	check_bar_rows(a, 1, "network 1280x720");
	check_type(a, "network 1280x720");
	resize(a, 1024, 768);
	check_layout(a, "1024x768");
	check_bar_rows(a, 0, "network 1024x768");
	check_type(a, "network 1024x768");
	/* the help overlay at 4:3: every key and description whole, in the type that allows */
	key(a, SDLK_F1, 0);
	CHECK(a->ui.help && a->platform.cut == 0 && a->platform.panel_px >= 11,
	      "the help at 1024x768: %d lines cut, type %d px", a->platform.cut, a->platform.panel_px);
	key(a, SDLK_ESCAPE, 0);
	app_free(a);
	/* logistic's four fill a row of four at 1280x720, and no more columns save it */
	a = open_scene("logistic");
	if (!a)
		return;
	resize(a, 1280, 720);
	check_layout(a, "logistic 1280x720");
	check_bar_rows(a, 0, "logistic 1280x720");
	app_free(a);
	a = open_scene("computation-graph");
	if (!a)
		return;
	resize(a, 1024, 768);
	check_layout(a, "computation-graph 1024x768");
	check_bar_rows(a, 1, "computation-graph 1024x768");
	resize(a, 640, 400);
	check_layout(a, "computation-graph 640x400");
	app_free(a);
}

/* The status line: a nudge's report fits beside the buttons; a longer message gets a band
 * over the figure's title row while it shows (the step sentence stays whole, and the
 * figure keeps its rect: nothing in it moves for a message). The same presenting, for the
 * learning rates being typed and what Tab / Up / Down move. */
static void test_message_band(const char *scene, int w, int h, int present);

static void test_status_band(void)
{
	struct app *a = open_scene("network");
	if (!a)
		return;
	static const int sizes[][2] = {{1280, 720}, {1024, 768}};
	for (int k = 0; k < 2; k++) {
		resize(a, sizes[k][0], sizes[k][1]);
		char when[64];
		snprintf(when, sizeof when, "network %dx%d", sizes[k][0], sizes[k][1]);
		SDL_Rect fig = a->ui.fig_rect;
		slider_nudge(a, slider_of(a, "w1"), 1);
		app_pump(a);
		CHECK(strstr(a->ui.status, "⇒") && !a->ui.status_band && SDL_RectEquals(&fig, &a->ui.fig_rect) &&
		      a->ui.status_rect.y >= a->ui.bar.y &&
		      ui_text_width(&a->platform, a->ui.status, 0) <= a->ui.status_rect.w,
		      "%s: the nudge's report \"%s\" (%d px) fits the status line in the bar (%d px)", when,
		      a->ui.status, ui_text_width(&a->platform, a->ui.status, 0), a->ui.status_room);
		app_set_status(a, 0, "%s", "the map of J over w1 and b1: drag the point; F draws the next 30 descent steps, "
		                           "F again three rates, Shift+F types your own");
		app_pump(a);
		SDL_Rect st = a->ui.status_rect, now = a->ui.fig_rect;
		struct graph_frame gf;
		CHECK(a->ui.status_band && SDL_RectEquals(&fig, &now) && st.y == now.y && figure_graph_frame(a->platform.geom, &gf)
		      && st.y + st.h <= now.y + (int)ceil(gf.y) + 1 && st.w >= a->platform.draw_w * 8 / 10,
		      "%s: a long message's band (y %d, %d high) over the title row, above the graph (at %g); the figure "
		      "as it was (%d high, was %d)", when, st.y, st.h, gf.y, now.h, fig.h);
		check_layout(a, when);
		a->ui.status_until = SDL_GetTicks() - 1; /* its time is up */
		app_pump(a);
		CHECK(!a->ui.status[0] && !a->ui.status_band && SDL_RectEquals(&fig, &a->ui.fig_rect),
		      "%s: the message gone, the figure as it was (%d, was %d)", when, a->ui.fig_rect.h, fig.h);
	}
	key(a, SDLK_F5, 0);
	SDL_Rect fig = a->ui.fig_rect;
	a->ui.typing_rates = 1;
	app_pump(a);
	SDL_Rect st = a->ui.status_rect;
	CHECK(a->ui.status_band && SDL_RectEquals(&fig, &a->ui.fig_rect) && st.y == fig.y && st.h > 0,
	      "presenting: the rates being typed in a band over the title row (y %d, %d high), the figure as it was "
	      "(%d high, was %d)", st.y, st.h, a->ui.fig_rect.h, fig.h);
	a->ui.typing_rates = 0;
	app_pump(a);
	CHECK(!a->ui.status_band && SDL_RectEquals(&fig, &a->ui.fig_rect), "presenting: the band gone with the typing");
	/* Tab and Up presenting: the room sees which value the keys move and what J did */
	key(a, SDLK_TAB, 0);
	CHECK(a->ui.status_band && strstr(a->ui.status, "selected x = ") && strstr(a->ui.status, "ε = 0.001"),
	      "presenting, Tab says what Up / Down move: %s", a->ui.status);
	key(a, SDLK_UP, 0);
	CHECK(a->ui.status_band && strstr(a->ui.status, "x ↑ 0.001 ⇒ J"), "presenting, Up says what J did: %s",
	      a->ui.status);
	app_set_status(a, 0, "a message for the lecturer's window only");
	app_pump(a);
	CHECK(!a->ui.status_band && SDL_RectEquals(&fig, &a->ui.fig_rect), "presenting: other messages take no band");
	app_free(a);
	test_message_band("computation-graph", 1024, 768, 1);
	test_message_band("network", 1280, 720, 1);
	test_message_band("xor", 1024, 768, 1);
	test_message_band("computation-graph", 1024, 768, 0); /* its bar has no room left for a message */
}

/* The graph's panel and every node's box as last drawn (box: n x 4, node_box's fractions
 * of the whole graph times its size); 0 when no graph was drawn. */
static int graph_boxes(const struct app *a, struct graph_frame *f, double (*box)[4], int n)
{
	if (!figure_graph_frame(a->platform.geom, f))
		return 0;
	for (int v = 0; v < n; v++) {
		double b[4] = {0};
		figure_node_box(a->platform.geom, v, b);
		box[v][0] = b[0] * f->fit_w, box[v][1] = b[1] * f->fit_h;
		box[v][2] = b[2] * f->fit_w, box[v][3] = b[3] * f->fit_h;
	}
	return 1;
}

/* How many of n boxes moved by more than a pixel, and whether the panels match. */
static int boxes_moved(const struct graph_frame *f0, double (*b0)[4], const struct graph_frame *f1,
                       double (*b1)[4], int n)
{
	int moved = f0->x != f1->x || f0->y != f1->y || f0->w != f1->w || f0->h != f1->h || f0->fit_w != f1->fit_w;
	for (int v = 0; v < n; v++)
		moved += fabs(b0[v][0] - b1[v][0]) + fabs(b0[v][1] - b1[v][1]) + fabs(b0[v][2] - b1[v][2]) > 1;
	return moved;
}

/* Presenting (or in the window, where the bar has no room for the message) at w x h, Tab /
 * Up / Down say what they move and what J did in a band over the figure's title row: the
 * band's coming and going moves nothing (the figure keeps its rect, every node's box stays
 * where it was: no re-arranging at each nudge), the band covers no node, its message is
 * whole, and presenting its digits are at least 1/45 of the height. (A nudged value's new
 * digits may still widen a box: that is the figure's own business.) */
static void test_message_band(const char *scene, int w, int h, int present)
{
	struct app *a = open_scene(scene);
	if (!a)
		return;
	resize(a, w, h);
	if (present)
		key(a, SDLK_F5, 0);
	key(a, SDLK_HOME, 0);
	key(a, present ? SDLK_PAGEDOWN : SDLK_RIGHT, 0);
	char when[96];
	snprintf(when, sizeof when, "%s %s %dx%d", scene, present ? "presenting" : "window", a->platform.draw_w,
	         a->platform.draw_h);
	SDL_Rect fig = a->ui.fig_rect;
	int n = a->session.scene->n_nodes;
	double (*b0)[4] = calloc((size_t)n, sizeof *b0), (*b1)[4] = calloc((size_t)n, sizeof *b1);
	struct graph_frame f0, f1;
	CHECK(b0 && b1 && graph_boxes(a, &f0, b0, n), "%s: a graph drawn", when);
	static const SDL_Keycode keys[] = { SDLK_TAB, SDLK_UP, SDLK_DOWN };
	for (int k = 0; k < 3 && b0 && b1; k++) {
		key(a, keys[k], 0);
		SDL_Rect st = a->ui.status_rect;
		graph_boxes(a, &f1, b1, n);
		CHECK(a->ui.status_band && SDL_RectEquals(&fig, &a->ui.fig_rect), "%s, key %d: the figure keeps its rect "
		      "(%d high, was %d)", when, k, a->ui.fig_rect.h, fig.h);
		if (k == 0)
			CHECK(boxes_moved(&f0, b0, &f1, b1, n) == 0, "%s: Tab moves no box (%d moved)", when,
			      boxes_moved(&f0, b0, &f1, b1, n));
		CHECK(st.y == fig.y && st.y + st.h <= fig.y + (int)ceil(f1.y) + 1, "%s, key %d: the band (y %d, %d high) "
		      "over the title row, above the graph (at %g)", when, k, st.y, st.h, f1.y);
		int minx, maxx, miny, maxy, adv;
		int ok = a->platform.panel && TTF_GlyphMetrics(a->platform.panel, '0', &minx, &maxx, &miny, &maxy, &adv) == 0;
		if (present)
			CHECK(ok && a->platform.panel_px == a->ui.band_px && (maxy - miny) * 45 >= a->platform.draw_h,
			      "%s, key %d: the band's digits %d px, at least 1/45 of %d", when, k, ok ? maxy - miny : 0,
			      a->platform.draw_h);
		CHECK(a->platform.cut == 0, "%s, key %d: the band's message whole: %s", when, k, a->ui.status);
	}
	a->ui.status_until = SDL_GetTicks() - 1; /* the message's time is up */
	app_pump(a);
	CHECK(!a->ui.status[0] && !a->ui.status_band && SDL_RectEquals(&fig, &a->ui.fig_rect),
	      "%s: the message gone, the figure's rect as it was", when);
	if (b0 && b1 && graph_boxes(a, &f0, b0, n))
		CHECK(boxes_moved(&f0, b0, &f1, b1, n) == 0, "%s: the band leaving moves no box (%d moved)", when,
		      boxes_moved(&f0, b0, &f1, b1, n));
	free(b0);
	free(b1);
	app_free(a);
}

static void write_file(const char *path, const char *s)
{
	FILE *f = fopen(path, "w");
	CHECK(f != NULL, "write %s", path);
	if (f) {
		fputs(s, f);
		fclose(f);
	}
}

static void test_reload(void)
{
	char path[512];
	snprintf(path, sizeof path, "%s/live.nudge", shots);
	write_file(path, "param w = 1 in [-5, 5]\nparam b = 2\nJ = (w - b)^2\n");
	struct app *a = open_app(path);
	if (!a)
		return;
	eval_set(a->session.ev, 0, 3); /* as if the user had moved w */
	app_invalidate(a, CHANGED_VALUES);
	write_file(path, "title \"edited\"\nparam w = 1 in [-5, 5]\nparam c = 7\nJ = (w - c)^2 / 2\n");
	a->files.stamp = 0; /* same-second edits: make sure the watcher looks */
	a->files.next_watch = 0;
	app_pump(a);
	CHECK(a->session.scene->title && strcmp(a->session.scene->title, "edited") == 0, "the edited file is reloaded");
	CHECK(set_of(a, "w") == 3, "w keeps the value it had (%g)", set_of(a, "w"));
	CHECK(set_of(a, "c") == 7 && a->session.ev->cost == 8, "the new param has its value, J = %g", a->session.ev->cost);
	write_file(path, "param w = 1\nJ = (w - \n");
	a->files.stamp = 0;
	a->files.next_watch = 0;
	app_pump(a);
	const char *error = a->files.error;
	CHECK(strstr(error, "live.nudge:2:") && strstr(error, "error:"), "a refused edit shows its error: %s", error);
	CHECK(a->session.scene->title && strcmp(a->session.scene->title, "edited") == 0, "and keeps the last good scene");
	/* the message has its own band: it covers neither the figure's title nor its plot */
	CHECK(a->ui.error_rect.h > 0 && a->ui.fig_rect.y >= a->ui.error_rect.y + a->ui.error_rect.h,
	      "the error band (h %d) lies above the figure (y %d)", a->ui.error_rect.h, a->ui.fig_rect.y);
	CHECK(a->ui.fig_rect.y + a->ui.fig_rect.h <= a->ui.bar.y && a->ui.fig_rect.h > a->ui.bar.y / 2,
	      "and the figure still has most of its height (%d)", a->ui.fig_rect.h);
	/* the file is deleted: the window says so and keeps the last version */
	unlink(path);
	a->files.next_watch = 0;
	app_pump(a);
	CHECK(strstr(a->files.error, "file removed; showing the last version") != NULL, "a removed file is named: %s",
	      a->files.error);
	CHECK(a->session.scene->title && strcmp(a->session.scene->title, "edited") == 0, "the last version stays");
	/* it becomes a named pipe: refused at once with the banner, the loop is not blocked
	 * (an alarm ends the test if the reload waits for a writer) */
	CHECK(mkfifo(path, 0600) == 0, "a named pipe in the scene's place");
	alarm(20);
	a->files.next_watch = 0;
	app_pump(a);
	alarm(0);
	CHECK(strstr(a->files.error, "named pipe") != NULL, "a named pipe is refused: %s", a->files.error);
	unlink(path);
	/* the user's values stay; a value the file edits is the file's */
	write_file(path, "param w = 1 in [-5, 5]\nparam b = 2\nparam c = 5\nJ = (w - b)^2 + c\n");
	a->files.next_watch = 0;
	app_pump(a);
	CHECK(a->files.error[0] == '\0' && a->ui.error_rect.h == 0 && a->ui.fig_rect.y == 0,
	      "the file back: loaded, the band gone: %s", a->files.error);
	eval_set(a->session.ev, 1, 3.5); /* the user moves b and c */
	eval_set(a->session.ev, 2, 6);
	app_invalidate(a, CHANGED_VALUES);
	write_file(path, "param w = 1 in [-5, 5]\nparam b = 2\nparam c = -1\nJ = (w - b)^2 + c\n");
	a->files.stamp = 0;
	a->files.next_watch = 0;
	app_pump(a);
	CHECK(set_of(a, "b") == 3.5, "b, not edited in the file, keeps the user's 3.5 (%g)", set_of(a, "b"));
	CHECK(set_of(a, "c") == -1, "c, edited in the file, takes the file's -1 (%g)", set_of(a, "c"));
	CHECK(strstr(a->ui.status, "your values kept: w, b") && strstr(a->ui.status, "the file's edits taken: c"),
	      "the status line says which won: %s", a->ui.status);
	write_file(path, "param q = 0\nJ = 1 / q + log(q)\n");
	a->files.stamp = 0;
	a->files.next_watch = 0;
	app_pump(a);
	CHECK(a->files.error[0] == '\0' && !isfinite(a->session.ev->cost), "a scene with no finite value still shows");
	/* a dropped file opens */
	char other[1200];
	snprintf(other, sizeof other, "%s/chain.nudge", scenes);
	SDL_Event e = { 0 };
	e.type = SDL_DROPFILE;
	e.drop.file = SDL_strdup(other);
	e.drop.windowID = SDL_GetWindowID(a->platform.win);
	push(a, &e);
	app_pump(a);
	CHECK(strcmp(a->files.name, "chain") == 0, "a dropped scene opens (%s)", a->files.name);
	app_free(a);
}

/* ---- soak: random events ---- */

static unsigned long long rng = 88172645463325252ull;
static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static long rss_kb(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	long pages = 0, resident = 0;
	if (f) {
		if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
			resident = 0;
		fclose(f);
	}
	return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static void soak(long events)
{
	char path[512];
	snprintf(path, sizeof path, "%s/soak.nudge", shots);
	static const char *const versions[] = {
		"param w = 2 in [-4, 4]\ninput x = -2\nJ = (w * x)^2 / 2\n",
		"param w = 0 in [-1, 1]\nJ = 1 / w + log(w) + sqrt(w)\n",
		"param w = 1\nparam v = 2\ndata x y\n 1 2\n 2 4\nyhat = w * x + v\nJ = (yhat - y)^2\n",
		"param w = 1\nJ = (w +\n", /* refused */
		"param w = 1e300\nJ = exp(w) * w^9\n",
	};
	write_file(path, versions[0]);
	struct app *a = open_app(path);
	if (!a)
		return;
	static const SDL_Keycode keys[] = { SDLK_RIGHT, SDLK_LEFT, SDLK_SPACE, SDLK_HOME, SDLK_END, SDLK_p, SDLK_TAB,
	                                    SDLK_UP, SDLK_DOWN, SDLK_g, SDLK_t, SDLK_r, SDLK_l, SDLK_F1, SDLK_ESCAPE,
	                                    SDLK_PLUS, SDLK_MINUS, SDLK_RETURN, SDLK_BACKSPACE, SDLK_PAGEDOWN, SDLK_PAGEUP,
	                                    SDLK_c, SDLK_d, SDLK_k, SDLK_m, SDLK_n, SDLK_a, SDLK_h };
	long rss_early = 0;
	int id = (int)SDL_GetWindowID(a->platform.win);
	for (long i = 0; i < events; i++) {
		SDL_Event e = { 0 };
		int x = (int)rnd((unsigned)a->platform.draw_w + 40) - 20, y = (int)rnd((unsigned)a->platform.draw_h + 40) - 20;
		switch (rnd(10)) {
		case 0: case 1: case 2:
			e.type = SDL_MOUSEMOTION;
			e.motion.windowID = (Uint32)id;
			e.motion.x = x;
			e.motion.y = y;
			push(a, &e);
			break;
		case 3: case 4:
			mouse(a, rnd(2) ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP, x, y, 1 + (int)rnd(2));
			break;
		case 5: {
			e.type = SDL_KEYDOWN;
			e.key.windowID = (Uint32)id;
			e.key.keysym.sym = keys[rnd(sizeof keys / sizeof keys[0])];
			e.key.keysym.mod = rnd(4) == 0 ? KMOD_LSHIFT : 0;
			push(a, &e);
			break;
		}
		case 6:
			e.type = SDL_MOUSEWHEEL;
			e.wheel.windowID = (Uint32)id;
			e.wheel.y = rnd(2) ? 1 : -1;
			e.wheel.mouseX = x;
			e.wheel.mouseY = y;
			push(a, &e);
			break;
		case 7: {
			static const char *const typed[] = { "1", "-", "e", "9", "999", ".", "nan", "1e308" };
			text(a, typed[rnd(8)]);
			break;
		}
		case 8:
			if (rnd(200) == 0)
				resize(a, 640 + (int)rnd(1400), 400 + (int)rnd(800));
			else if (rnd(100) == 0) {
				write_file(path, versions[rnd(5)]);
				a->files.stamp = 0;
				a->files.next_watch = 0;
			}
			break;
		default:
			if (rnd(50) == 0)
				a->session.eps = rnd(2) ? 1e-9 : 0.5;
			break;
		}
		if (i % 25 == 0)
			app_pump(a);
		if (a->quit)
			a->quit = 0;
		if (i == events / 4)
			rss_early = rss_kb();
	}
	app_pump(a);
	long rss_late = rss_kb();
	printf("soak: %ld events, %u frames, rss %ld KB after a quarter, %ld KB at the end\n", events, a->platform.frames,
	       rss_early, rss_late);
	CHECK(rss_late - rss_early < 64 * 1024, "no memory growth: %ld KB → %ld KB", rss_early, rss_late);
	CHECK(a->platform.n_texts <= 256, "the text cache stays bounded (%d)", a->platform.n_texts);
	app_free(a);
}

/* ---- the lecture's modes (issue 5) ---- */

/* The centre of the figure's box of this kind for this node, in window pixels. */
static int find_box(const struct app *a, enum hit_kind kind, int node, int *x, int *y)
{
	for (int py = 0; py < a->ui.fig_rect.h; py += 2)
		for (int px = 0; px < a->ui.fig_rect.w; px += 2) {
			struct figure_hit h = figure_hit(a->platform.geom, px, py);
			if (h.kind == kind && h.node == node) {
				*x = a->ui.fig_rect.x + (int)(h.x + h.w / 2);
				*y = a->ui.fig_rect.y + (int)(h.y + h.h / 2);
				return 1;
			}
		}
	return 0;
}

static void answer(struct app *a, enum hit_kind kind, int node, const char *typed)
{
	int x = -1, y = -1;
	CHECK(find_box(a, kind, node, &x, &y), "the box of node %d is on screen", node);
	mouse(a, SDL_MOUSEBUTTONDOWN, x, y, 1);
	mouse(a, SDL_MOUSEBUTTONUP, x, y, 1);
	app_pump(a);
	CHECK(a->quiz.node == node, "clicking the ? opens it for an answer (%d)", a->quiz.node);
	text(a, typed);
	key(a, SDLK_RETURN, 0);
}

static void test_quiz(void)
{
	struct app *a = open_scene("computation-graph");
	if (!a)
		return;
	int c = scene_find(a->session.scene, "c"), w = scene_find(a->session.scene, "w");
	key(a, SDLK_k, 0);
	CHECK(a->quiz.on && (a->quiz.hide[c] & HIDE_VALUE) && (a->quiz.hide[c] & HIDE_GRAD) &&
	      (a->quiz.hide[w] & HIDE_GRAD) && !(a->quiz.hide[w] & HIDE_VALUE), "K hides values and gradients");
	/* c = w·x = 2 × (−2) = −4: right */
	answer(a, HIT_NODE_VALUE, c, "-4");
	CHECK(!(a->quiz.hide[c] & HIDE_VALUE) && a->quiz.right == 1 && a->quiz.tries == 1 && !a->ui.status_error,
	      "a right answer shows the value: %s", a->ui.status);
	/* dJ/dc = 2: 3 is wrong, stays asked and turns red; then 2.004 is right (within 1 %) */
	answer(a, HIT_NODE_GRAD, c, "3");
	CHECK((a->quiz.hide[c] & HIDE_GRAD) && (a->quiz.wrong[c] & HIDE_GRAD) && a->quiz.right == 1 &&
	      a->quiz.tries == 2 && a->ui.status_error, "a wrong answer is marked: %s", a->ui.status);
	answer(a, HIT_NODE_GRAD, c, "2.004");
	CHECK(!(a->quiz.hide[c] & HIDE_GRAD) && !(a->quiz.wrong[c] & HIDE_GRAD) && a->quiz.right == 2,
	      "tried again and right: %s", a->ui.status);
	key(a, SDLK_a, 0);
	int left = 0;
	for (int v = 0; v < a->session.scene->n_nodes; v++)
		left += a->quiz.hide[v] != 0;
	CHECK(left == 0, "A reveals all");
	key(a, SDLK_h, 0);
	CHECK(a->quiz.hide[c] == (HIDE_VALUE | HIDE_GRAD) && a->quiz.right == 0, "H hides all again");
	key(a, SDLK_k, 0);
	CHECK(!a->quiz.on, "K ends the quiz");
	app_free(a);
}

static void test_training(void)
{
	struct app *a = open_scene("fit-line");
	if (!a)
		return;
	key(a, SDLK_t, 0);
	for (int i = 0; i < 2000 && a->playback.training; i++)
		app_pump(a);
	CHECK(!a->playback.training, "training stops by itself");
	CHECK_NEAR(set_of(a, "w"), 2, 1e-3, "fit-line learns w = 2");
	const struct lecture_history *h = &a->lecture.hist;
	CHECK(strstr(h->note, "converged") && !h->bad, "it says it converged: %s", h->note);
	CHECK(h->n > 5 && h->cost[0] > h->cost[h->n - 1], "the loss history falls (%d steps)", h->n);
	size_t nn = (size_t)a->session.scene->n_nodes, w = (size_t)scene_find(a->session.scene, "w");
	CHECK_NEAR(h->set[(size_t)(h->n - 1) * nn + w], set_of(a, "w"), 0, "the trajectory ends at the current w");
	key(a, SDLK_r, 0);
	CHECK(h->n == 0 && set_of(a, "w") == 0.5, "R resets the params and the history");
	key(a, SDLK_g, 0);
	CHECK(h->n == 2, "G records one step (and the start)");
	app_free(a);

	a = open_scene("derivative");
	if (!a)
		return;
	a->session.rate = 10; /* w ← w − 10·2w = −19w */
	key(a, SDLK_t, 0);
	for (int i = 0; i < 2000 && a->playback.training; i++)
		app_pump(a);
	CHECK(!a->playback.training && a->ui.status_error && strstr(a->ui.status, "diverging"),
	      "a too-large rate stops with a message: %s", a->ui.status);
	h = &a->lecture.hist;
	CHECK(h->bad && strstr(h->note, "rate 10"), "the loss panel says why: %s", h->note);
	CHECK(isfinite(a->session.ev->cost) && isfinite(set_of(a, "w")), "no NaN on screen");
	app_free(a);
}

static void test_check_and_modes(void)
{
	struct app *a = open_scene("network");
	if (!a)
		return;
	key(a, SDLK_c, 0);
	const struct lecture_check *ck = &a->lecture.check;
	CHECK(ck->on && ck->n == 6, "C checks every input and param (%d)", ck->n);
	for (int i = 0; i < ck->n; i++)
		CHECK(ck->rows[i].diff < 1e-6, "%s: backprop %g, nudging %g", a->session.scene->nodes[ck->rows[i].node].name,
		      ck->rows[i].backprop, ck->rows[i].numeric);
	key(a, SDLK_n, 0);
	const struct work_view *wv = &a->lecture.work.view;
	CHECK(a->lecture.work.on && wv->scene.n == 9 && wv->scene.p == 4 && wv->scene.backprop == 13 &&
	      wv->scene.nudge == 36, "network: N = 9, P = 4: N + P = 13, N × P = 36");
	CHECK(wv->lecture.backprop == 110000 && wv->lecture.nudge == 1000000000LL, "the lecture's example");
	CHECK(wv->pass == WORK_FORWARD, "N starts the passes");
	a->lecture.work.t0 -= 100000; /* to the end of the animation */
	app_pump(a);
	CHECK(wv->pass == WORK_IDLE && wv->bp_done == 18 && wv->nudge_done == 36,
	      "every pass done: %lld and %lld node visits", wv->bp_done, wv->nudge_done);
	int w1 = scene_find(a->session.scene, "w1"), a2 = scene_find(a->session.scene, "a2");
	a->session.plot = w1;
	key(a, SDLK_m, 0);
	CHECK(a->lecture.forward.on, "M: forward mode");
	CHECK_NEAR(a->lecture.forward.tangent[a2], 3, 1e-12, "da2/dw1 = w2·x = 3");
	CHECK_NEAR(a->lecture.forward.tangent[a->session.scene->cost], a->session.ev->grad[w1], 1e-12,
	           "forward dJ/dw1 = reverse dJ/dw1");
	key(a, SDLK_m, 0);
	CHECK(!a->lecture.forward.on, "M again: reverse mode");
	app_free(a);

	char path[512]; /* a 30-link chain has one input too, but wants its room for the graph */
	char *chain = graphs_chain(30);
	snprintf(path, sizeof path, "%s/chain30.nudge", shots);
	write_file(path, chain ? chain : "");
	free(chain);
	a = open_app(path);
	if (a) {
		CHECK(!a->lecture.table.on, "a 30-link chain opens without the derivative table");
		key(a, SDLK_d, 0);
		CHECK(a->lecture.table.on, "D opens it");
		app_free(a);
	}

	a = open_scene("derivative");
	if (!a)
		return;
	CHECK(a->lecture.table.on && a->lecture.table.n == 1, "the derivative table is on for one-variable scenes");
	a->session.eps = 0.002;
	app_invalidate(a, CHANGED_LECTURE);
	app_pump(a);
	const struct lecture_table *tb = &a->lecture.table;
	CHECK(tb->n == 2 && tb->eps[0] == 0.002 && tb->eps[1] == 0.001, "it keeps the ε values tried");
	CHECK_NEAR(tb->nudges[0].ratio, 6.002, 1e-9, "J(3.002) − J(3) over 0.002 = 6.002");
	CHECK_NEAR(tb->nudges[1].delta, 0.006001, 1e-12, "J(3.001) − J(3) = 0.006001");
	app_free(a);
}

/* One recompute a frame: after a change the loop runs the forward and backward passes
 * once, whatever the number of events (a drag's motions) or who ran the engine (a
 * descent step, R); a change that moves no value (a step, the theme, ε) runs none.
 * The eval counts its own passes, so this sees every caller. */
static void test_one_recompute(void)
{
	struct app *a = open_scene("computation-graph"); /* four leaves: no derivative table */
	if (!a)
		return;
	const struct eval *ev = a->session.ev;
	long long runs = ev->runs;
#define PASSES(want, what)                                                                            \
	do {                                                                                              \
		CHECK(ev->runs - runs == (want), "%s: %lld forward + backward passes", what, ev->runs - runs); \
		runs = ev->runs;                                                                              \
	} while (0)
	app_pump(a);
	PASSES(0, "a frame with no change");
	const struct slider *s = &a->ui.sliders[slider_of(a, "w")];
	int y = s->track.y + s->track.h / 2;
	double w = set_of(a, "w");
	drag(a, s->track.x + s->track.w / 2, y, s->track.x + s->track.w * 3 / 4, y); /* 7 events, one frame */
	CHECK(set_of(a, "w") != w, "the drag moved w");
	PASSES(1, "a drag of a slider");
	CHECK_NEAR(grad_of(a, "w"), (set_of(a, "w") * -2 + 8 - 2) * -2, 1e-12, "and dJ/dw is w's");
	key(a, SDLK_HOME, 0);
	key(a, SDLK_RIGHT, 0);
	key(a, SDLK_END, 0);
	PASSES(0, "three steps");
	key(a, SDLK_l, 0);
	PASSES(0, "the theme");
	int e = -1;
	for (int i = 0; i < a->ui.n_sliders; i++)
		if (a->ui.sliders[i].kind == SLIDER_EPS)
			e = i;
	slider_nudge(a, e, 1);
	app_pump(a);
	PASSES(0, "ε (no panel uses it)");
	w = set_of(a, "w");
	double g = grad_of(a, "w");
	key(a, SDLK_g, 0);
	PASSES(1, "a descent step");
	CHECK_NEAR(set_of(a, "w"), w - a->session.rate * g, 1e-15, "the step used the gradient of this w");
	key(a, SDLK_r, 0);
	PASSES(1, "R");
	CHECK(set_of(a, "w") == 2 && ev->cost == 2, "R reset the values");
	key(a, SDLK_UP, 0);
	PASSES(1, "Up");
	key(a, SDLK_t, 0);
	PASSES(1, "T (one step this frame)");
	app_pump(a);
	app_pump(a);
	PASSES(2, "two frames of training");
	key(a, SDLK_t, 0);
	PASSES(0, "T again");
	/* a drag and a descent step in one frame: the step uses the dragged w's gradient */
	mouse(a, SDL_MOUSEBUTTONDOWN, s->track.x + s->track.w / 4, y, 1);
	mouse(a, SDL_MOUSEBUTTONUP, s->track.x + s->track.w / 4, y, 1);
	SDL_Event k = { 0 };
	k.type = SDL_KEYDOWN;
	k.key.windowID = SDL_GetWindowID(a->platform.win);
	k.key.keysym.sym = SDLK_g;
	push(a, &k);
	double before = set_of(a, "w"), b = set_of(a, "b"); /* training moved b too */
	app_pump(a);
	PASSES(2, "a click on the track and G in one frame");
	w = slider_value_at(s, s->track.x + s->track.w / 4);
	CHECK(w != before, "the click moved w");
	CHECK_NEAR(set_of(a, "w"), w - a->session.rate * (w * -2 + b - 2) * -2, 1e-12, "then G stepped from there");
	key(a, SDLK_c, 0); /* the check's central differences are cost-only passes */
	PASSES(0, "C");
	CHECK(a->lecture.check.n == 4, "C checks x, y, w, b (%d)", a->lecture.check.n);
	drag(a, s->track.x + s->track.w / 2, y, s->track.x + s->track.w / 3, y);
	PASSES(1, "a drag with the check shown");
	w = set_of(a, "w");
	for (int i = 0; i < a->lecture.check.n; i++)
		if (a->lecture.check.rows[i].node == scene_find(a->session.scene, "w"))
			CHECK_NEAR(a->lecture.check.rows[i].numeric, (w * -2 + set_of(a, "b") - 2) * -2, 1e-6,
			           "and the check's dJ/dw is of the dragged w");
	key(a, SDLK_c, 0);
#undef PASSES
	app_free(a);
}

/* The map of J over two names: J shows it, a drag on it moves both params, F draws the
 * next steps without moving the point, Shift+click picks the second name, J again goes
 * back to the curve. */
/* Shift+F types the map's rates: Enter draws a path for each, a wrong list is refused
 * in the status line (the paths stay), Esc changes nothing. The typed text goes into
 * SDL text events, as a keyboard sends it. */
static void test_typed_rates(struct app *a)
{
	const struct land_samples *l = &a->session.land;
	key(a, SDLK_f, KMOD_LSHIFT);
	CHECK(a->ui.typing_rates, "Shift+F: the rates are typed");
	text(a, "0.05, 0.2");
	text(a, "x"); /* not a character of a list of numbers: dropped */
	text(a, ",0.6");
	CHECK(!strcmp(a->ui.edit, "0.05, 0.2,0.6"), "what is typed shows: '%s'", a->ui.edit);
	key(a, SDLK_p, 0); /* keys go to the typing, not to their commands */
	CHECK(!a->playback.playing, "P while typing does not play");
	key(a, SDLK_RETURN, 0);
	CHECK(!a->ui.typing_rates, "Enter ends the typing");
	CHECK(l->n_paths == 3 && l->paths[0].rate == 0.05 && l->paths[1].rate == 0.2 && l->paths[2].rate == 0.6,
	      "Enter: three paths at the typed rates (%d paths)", l->n_paths);
	CHECK(l->paths[0].n > 1 && l->paths[2].n > 1, "the paths have steps");
	key(a, SDLK_f, KMOD_RSHIFT);
	text(a, "0.1,,0.3");
	key(a, SDLK_KP_ENTER, 0);
	CHECK(!a->ui.typing_rates && a->ui.status_error && strstr(a->ui.status, "missing"),
	      "a wrong list is refused in the status line: '%s'", a->ui.status);
	CHECK(l->n_paths == 3 && l->paths[1].rate == 0.2, "the paths stay as they were");
	key(a, SDLK_f, KMOD_LSHIFT);
	text(a, "1e");
	key(a, SDLK_RETURN, 0);
	CHECK(a->ui.status_error && strstr(a->ui.status, "'1e' is not a number"), "'1e': '%s'", a->ui.status);
	key(a, SDLK_f, KMOD_LSHIFT);
	text(a, "0.3");
	key(a, SDLK_BACKSPACE, 0);
	CHECK(!strcmp(a->ui.edit, "0."), "Backspace takes the last character back");
	key(a, SDLK_ESCAPE, 0);
	CHECK(!a->ui.typing_rates && l->n_paths == 3 && l->paths[2].rate == 0.6, "Esc: the rates as they were");
	key(a, SDLK_f, 0);
	CHECK(l->n_paths == 0, "F: paths off");
}

static void test_landscape(void)
{
	struct app *a = open_scene("network");
	if (!a)
		return;
	int w1 = scene_find(a->session.scene, "w1"), b1 = scene_find(a->session.scene, "b1");
	CHECK(a->session.plot == w1 && a->session.plot2 < 0, "the scene plots w1 alone");
	key(a, SDLK_j, 0);
	CHECK(a->session.plot2 == b1 && a->session.land.a == w1 && a->session.land.b == b1 && a->session.land.j,
	      "J: the map of J over w1 and the next param, b1");
	int hx = -1, hy = -1; /* a point of the map in window pixels */
	for (int y = a->ui.fig_rect.y; hx < 0 && y < a->ui.fig_rect.y + a->ui.fig_rect.h; y += 8)
		for (int x = a->ui.fig_rect.x; hx < 0 && x < a->ui.fig_rect.x + a->ui.fig_rect.w; x += 8)
			if (figure_hit(a->platform.geom, x - a->ui.fig_rect.x, y - a->ui.fig_rect.y).kind == HIT_LAND)
				hx = x + 40, hy = y + 40;
	CHECK(hx >= 0, "the map is drawn and can be hit");
	int nx = a->session.land.nx, ny = a->session.land.ny;
	unsigned was = a->session.land.gen;
	CHECK(shots_save(a, 0) == 0, "S with the map: %s", a->ui.status);
	CHECK(a->session.land.gen == was + 2 && a->session.land.nx == nx && a->session.land.ny == ny,
	      "S samples the map for the screenshot's pixels (twice the window's) and then for the "
	      "window again (%u resamplings, a %d x %d grid, was %d x %d)", a->session.land.gen - was,
	      a->session.land.nx, a->session.land.ny, nx, ny);
	app_pump(a); /* the saved file's message */
	double w0 = set_of(a, "w1"), v0 = set_of(a, "b1");
	unsigned gen = a->session.land.gen;
	drag(a, hx, hy, hx + 30, hy + 25);
	CHECK(set_of(a, "w1") != w0 && set_of(a, "b1") != v0, "dragging on the map moves w1 (%g) and b1 (%g)",
	      set_of(a, "w1"), set_of(a, "b1"));
	CHECK(set_of(a, "b1") < v0 + 10 && a->session.land.gen == gen, "dragging keeps the map (no resampling)");
	double w = set_of(a, "w1"), b = set_of(a, "b1");
	key(a, SDLK_f, 0);
	CHECK(a->session.land.n_paths == 1 && a->session.land.paths[0].n > 1, "F: the next descent steps (%d points)",
	      a->session.land.paths[0].n);
	CHECK(set_of(a, "w1") == w && set_of(a, "b1") == b, "F leaves the point where it is");
	key(a, SDLK_f, 0);
	CHECK(a->session.land.n_paths == 3 && a->session.land.paths[0].rate == a->session.rate / 4 &&
	      a->session.land.paths[2].rate == a->session.rate * 3, "F again: three rates side by side");
	key(a, SDLK_f, 0);
	CHECK(a->session.land.n_paths == 0, "F a third time: no paths");
	test_typed_rates(a);
	key(a, SDLK_j, 0);
	CHECK(a->session.plot2 < 0 && a->session.land.a < 0 && a->session.plot == w1, "J again: the curve of w1");
	app_free(a);
}

/* The ink a slider's name leaves in its box after a fresh ui_draw: its bounding box
 * (pixels unlike the box's corner), x0 > x1 when there is none. */
/* The ink drawn inside r (pixels unlike its top-left one), relative to r. */
static SDL_Rect ink_in(struct app *a, SDL_Rect r)
{
	SDL_Rect box = { r.w, r.h, -1, -1 };
	Uint32 *px = malloc(sizeof *px * (size_t)r.w * (size_t)r.h);
	SDL_SetRenderDrawColor(a->platform.ren, 0, 0, 0, 255);
	SDL_RenderClear(a->platform.ren);
	ui_draw(a);
	int ok = px && SDL_RenderReadPixels(a->platform.ren, &r, SDL_PIXELFORMAT_ARGB8888, px, r.w * 4) == 0;
	CHECK(ok, "read the slider's pixels: %s", SDL_GetError());
	for (int y = 0; ok && y < r.h; y++)
		for (int x = 0; x < r.w; x++)
			if (px[y * r.w + x] != px[0]) {
				box.x = x < box.x ? x : box.x;
				box.y = y < box.y ? y : box.y;
				box.w = x > box.w ? x : box.w; /* here: the last column and row */
				box.h = y > box.h ? y : box.h;
			}
	free(px);
	return (SDL_Rect){ box.x, box.y, box.w - box.x + 1, box.h - box.y + 1 };
}

static SDL_Rect label_ink(struct app *a, int slider)
{
	return ink_in(a, a->ui.sliders[slider].label);
}

/* A slider's name in the lecture's notation is drawn as it reads: w[1]_11 as w with
 * [1] raised and 11 lowered under it, not the raw text; the status line says it in
 * the plain form. */
static void test_notation(void)
{
	char path[1200];
	snprintf(path, sizeof path, "%s/notation.nudge", shots);
	FILE *f = fopen(path, "w");
	CHECK(f != NULL, "write %s", path);
	if (!f)
		return;
	fputs("param w111 = 0.5 in [-3, 3] label \"w[1]_11\"\nparam v = 1 in [-3, 3]\n"
	      "J = (w111 * v - 1)^2\n", f);
	fclose(f);
	struct app *a = open_app(path);
	if (!a)
		return;
	struct app_platform *p = &a->platform;
	int w = slider_of(a, "w111"), v = slider_of(a, "v");
	CHECK(w >= 0 && v >= 0, "sliders for w111 and v");
	if (w < 0 || v < 0) {
		app_free(a);
		return;
	}
	int marked = ui_text_width(p, "w[1]_11", UI_BOLD | UI_MARKUP), raw = ui_text_width(p, "w[1]_11", UI_BOLD);
	CHECK(marked < raw * 0.7, "the notation is narrower than the raw text: %d vs %d px", marked, raw);
	CHECK(marked == ui_text_width(p, "w[1]", UI_BOLD | UI_MARKUP), "11 stands under [1], not after it");
	SDL_Rect ink = label_ink(a, w), plain = label_ink(a, v);
	CHECK(ink.w > 0 && abs(ink.w - marked) <= 2, "the name's ink is as wide as the notation (%d px), not as "
	      "the raw w[1]_11 (%d px): %d px", marked, raw, ink.w);
	CHECK(plain.h > 0 && ink.h > plain.h * 1.6 && ink.y < plain.y && ink.y + ink.h > plain.y + plain.h,
	      "the index rises above and the subscript falls below the letters (rows %d..%d; v: %d..%d)", ink.y,
	      ink.y + ink.h - 1, plain.y, plain.y + plain.h - 1);
	a->ui.selected = w;
	key(a, SDLK_UP, 0);
	app_pump(a);
	/* the report names w as the figure writes it: w^[1]_11, in the bar's status line and presenting */
	int drawn = ui_text_width(p, a->ui.status, UI_MARKUP), as_text = ui_text_width(p, a->ui.status, 0);
	SDL_Rect said = ink_in(a, a->ui.status_rect);
	CHECK(strncmp(a->ui.status, "w[1]_11 ↑", strlen("w[1]_11 ↑")) == 0 && drawn < as_text &&
	      abs(said.w - drawn) <= 2 + drawn / 50,
	      "the status line \"%s\" in the notation: %d px of ink, %d as the notation (%d as text)", a->ui.status,
	      said.w, drawn, as_text);
	key(a, SDLK_F5, 0);
	key(a, SDLK_UP, 0);
	app_pump(a);
	SDL_Rect band = a->ui.status_rect;
	band.h -= 2; /* above the band's bottom line */
	said = ink_in(a, band);
	drawn = ui_text_width(p, a->ui.status, UI_PANEL | UI_MARKUP), as_text = ui_text_width(p, a->ui.status, UI_PANEL);
	CHECK(a->ui.present && a->ui.status_band && drawn < as_text && abs(said.w - drawn) <= 2 + drawn / 50,
	      "presenting, the band says \"%s\" in the notation: %d px of ink, %d as the notation (%d as text)",
	      a->ui.status, said.w, drawn, as_text);
	app_free(a);
}

/* U switches xor (issue 12 item 1) between its neuron units, drawn from the start (each
 * unit sums two inputs), and the full scalar graph: a unit's bias is a row of its box
 * (a value to drag, no box of its own) until U gives every param its box, and back. A
 * weight written on its edge is dragged like a param's value, and plotted. */
static void test_units(void)
{
	struct app *a = open_scene("xor");
	if (!a)
		return;
	const struct scene *s = a->session.scene;
	int b1 = scene_find(s, "b1"), w11 = scene_find(s, "w11"), h1 = scene_find(s, "h1");
	int x, y;
	CHECK(a->ui.units == DRAW_UNITS_AUTO, "units as the scene says at first");
	CHECK(find_box(a, HIT_NODE, h1, &x, &y) && !find_box(a, HIT_NODE, b1, &x, &y) &&
	      find_box(a, HIT_NODE_VALUE, b1, &x, &y), "units: b₁ is a row of h₁'s box");
	key(a, SDLK_u, 0);
	CHECK(a->ui.units == DRAW_UNITS_OFF, "U: the scalar graph");
	CHECK(find_box(a, HIT_NODE, b1, &x, &y), "the scalar graph: b₁ has its own box");
	key(a, SDLK_u, 0);
	CHECK(a->ui.units == DRAW_UNITS_ON, "U again: units");
	CHECK(!find_box(a, HIT_NODE, b1, &x, &y), "units again: b₁ inside h₁'s box");
	double w0 = set_of(a, "w11");
	CHECK(find_box(a, HIT_NODE_VALUE, w11, &x, &y), "w₁₁'s value is on its edge");
	drag(a, x, y, x + 60, y);
	CHECK(set_of(a, "w11") > w0 && a->session.plot == w11,
	      "dragging w₁₁ on its edge moves it (%g to %g) and plots J against it", w0, set_of(a, "w11"));
	app_free(a);

	a = open_scene("computation-graph"); /* no units: U says so and changes nothing */
	if (!a)
		return;
	key(a, SDLK_u, 0);
	CHECK(a->ui.units == DRAW_UNITS_AUTO && a->ui.status[0], "U without units: a status line only");
	app_free(a);
}

/* The view of a graph too big to read whole (a 2-4-4-1 network written scalar by
 * scalar, 59 nodes): presenting at 1280x720, each step puts its node inside the figure
 * with its digits at least 1/45 of the height; by hand, the wheel zooms about the
 * pointer, dragging empty space pans, a hand's zoom stops the following until V, the
 * overview jumps, the pointer over a node is the figure's hover. */
static void wheel_at(struct app *a, int x, int y, int notches)
{
	SDL_Event e = { 0 };
	e.type = SDL_MOUSEWHEEL;
	e.wheel.windowID = SDL_GetWindowID(a->platform.win);
	e.wheel.y = notches;
	e.wheel.mouseX = x;
	e.wheel.mouseY = y;
	push(a, &e);
	app_pump(a);
}

/* Node v's box of this kind (HIT_NODE or HIT_NODE_VALUE) as the last draw hit-tests it,
 * in figure pixels: looked for down the middle of where the graph's geometry
 * (figure_node_box and the view) says the node is. 0 when it is not drawn there. */
static int drawn_box(const struct app *a, enum hit_kind kind, int v, struct figure_hit *out)
{
	const struct figure_geom *g = a->platform.geom;
	struct graph_frame f;
	double b[4];
	if (!figure_graph_frame(g, &f) || !figure_node_box(g, v, b))
		return 0;
	double z = f.em / f.fit_em, cx = a->view.cx, cy = a->view.cy;
	double x = f.x + f.w / 2 + ((b[0] + b[2]) / 2 - cx) * f.fit_w * z;
	double y0 = f.y + f.h / 2 + (b[1] - cy) * f.fit_h * z, y1 = f.y + f.h / 2 + (b[3] - cy) * f.fit_h * z;
	for (double y = y0; y <= y1; y += 0.5) {
		struct figure_hit h = figure_hit(g, x, y);
		if (h.kind == kind && h.node == v) {
			*out = h;
			return 1;
		}
	}
	return 0;
}

/* The 2-4-4-1 network in a file, its path in path: written scalar by scalar (59 nodes,
 * script 0), or as scripts/network-scene writes it (script 1: neuron units). */
static void write_network(char *path, size_t n, int script)
{
	static const int widths[] = {2, 4, 4, 1};
	char *src = script ? graphs_network_scene(widths, 4) : graphs_network(widths, 4);
	snprintf(path, n, "%s/net2441%s.nudge", shots, script ? "-units" : "");
	write_file(path, src ? src : "");
	free(src);
}

#define DIGIT_EM 0.729 /* DejaVu Sans Bold's digits are 1493/2048 em tall */
#define VALUE_HIT_EM 1.1 /* a value's hit box is this many of its type size high (metrics.c hit_value_h) */

/* Presenting (--present) at both projector sizes, the last step of each built-in scene of
 * the lecture's size shows its whole graph, not followed (the window's steady widths and
 * the follow threshold included), its digits at least 1/50 of the screen (test-render
 * holds the figure itself to 1/45 where the layouts reach it). */
static void test_present_whole(void)
{
	static const char *const names[] = {"computation-graph", "network", "fit-line", "logistic"};
	static const int sizes[][2] = {{1280, 720}, {1024, 768}};
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++)
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
			char path[1200], err[1024];
			snprintf(path, sizeof path, "%s/%s.nudge", scenes, names[i]);
			struct app_opts o = { .scene_path = path, .scenes_dir = scenes, .fonts_dir = fonts,
			                      .shots_dir = shots, .width = sizes[k][0], .height = sizes[k][1],
			                      .hidden = 1, .present = 1 };
			struct app *a = app_new(&o, err, sizeof err);
			CHECK(a != NULL, "%s opens presenting: %s", names[i], err);
			if (!a)
				continue;
			a->view.move_ms = 0; /* glide at once */
			app_pump(a);
			key(a, SDLK_END, 0);
			app_pump(a);
			app_pump(a);
			struct graph_frame f;
			int H = a->ui.fig_rect.h;
			CHECK(figure_graph_frame(a->platform.geom, &f) && a->view.zoom == 1 && a->view.cx == 0.5 &&
			      a->view.cy == 0.5 && f.fit_em * DIGIT_EM >= H / 50.0,
			      "%s presenting at %dx%d, last step: the whole graph (zoom %g), digits %.1f px of %d",
			      names[i], sizes[k][0], sizes[k][1], a->view.zoom, f.fit_em * DIGIT_EM, H);
			app_free(a);
		}
}

/* The overview of a zoomed graph, in whichever corner of the graph frame f it is. */
static int overview_box(const struct app *a, const struct graph_frame *f, struct figure_hit *out)
{
	for (int c = 0; c < 4; c++) {
		double in = 30 * f->unit;
		*out = figure_hit(a->platform.geom, c % 2 ? f->x + in : f->x + f->w - in,
		                  c / 2 ? f->y + in : f->y + f->h - in);
		if (out->kind == HIT_OVERVIEW)
			return 1;
	}
	return 0;
}

/* Presenting the 2-4-4-1 at 1280x720, too big to read whole, the view follows the walk:
 * at every step the step's node's value (where it is printed: its box, a unit's row, a
 * weight's label on its edge) is inside the graph's area at least 1/45 of the height,
 * and the overview covers none of the node's box. units: the scalar graph (U off) or the
 * neuron units as scripts/network-scene writes them. */
static void follow_network(int units)
{
	char path[400];
	write_network(path, sizeof path, units);
	struct app_opts o = { .scene_path = path, .scenes_dir = scenes, .fonts_dir = fonts, .shots_dir = shots,
	                      .width = 1280, .height = 720, .hidden = 1, .present = 1 };
	char err[1024];
	struct app *a = app_new(&o, err, sizeof err);
	const char *what = units ? "with neuron units" : "scalar";
	CHECK(a != NULL, "the 2-4-4-1 network (%s) opens presenting: %s", what, err);
	if (!a)
		return;
	a->view.move_ms = 0; /* glide at once */
	a->ui.units = units ? DRAW_UNITS_AUTO : DRAW_UNITS_OFF; /* the scalar graph: 59 nodes (U) */
	app_invalidate(a, CHANGED_FIGURE);
	app_pump(a);
	app_pump(a);
	struct graph_frame f;
	const struct trace *t = a->session.trace;
	int H = a->ui.fig_rect.h, bad = 0, worst_step = -1, covered = 0, weights = 0;
	double worst = 1e9;
	CHECK(figure_graph_frame(a->platform.geom, &f) && f.fit_em * DIGIT_EM < H / 60.0,
	      "the whole network (%s) is drawn smaller than 1/60 of the height (%g px a digit of %d)", what,
	      f.fit_em * DIGIT_EM, H);
	key(a, SDLK_HOME, 0);
	for (int k = 1; k < t->n_steps; k++) {
		key(a, SDLK_PAGEDOWN, 0);
		app_pump(a); /* the glide (at once here) to the step's node */
		int v = t->steps[a->playback.step].node;
		struct figure_hit h;
		int shown = figure_graph_frame(a->platform.geom, &f) &&
		            figure_find(a->platform.geom, HIT_NODE_VALUE, v, &h);
		double digit = shown ? h.h / VALUE_HIT_EM * DIGIT_EM : 0;
		int inside = shown && h.x >= f.x && h.y >= f.y && h.x + h.w <= f.x + f.w && h.y + h.h <= f.y + f.h;
		double b[4]; /* the node's box as drawn (a weight's: its unit's), against the overview */
		struct figure_hit ov;
		if (shown && figure_node_box(a->platform.geom, v, b)) {
			double z = f.em / f.fit_em;
			double x0 = f.x + f.w / 2 + (b[0] - a->view.cx) * f.fit_w * z, x1 = x0 + (b[2] - b[0]) * f.fit_w * z;
			double y0 = f.y + f.h / 2 + (b[1] - a->view.cy) * f.fit_h * z, y1 = y0 + (b[3] - b[1]) * f.fit_h * z;
			if (overview_box(a, &f, &ov) && x0 < ov.x + ov.w && ov.x < x1 && y0 < ov.y + ov.h && ov.y < y1) {
				covered++;
				if (getenv("NUDGE_TEST_VERBOSE"))
					printf("  step %d: the overview covers %s\n", k, a->session.scene->nodes[v].name);
			}
		}
		weights += inside && a->session.scene->nodes[v].name[0] == 'w'; /* with units: on an edge's label */
		if (!inside || digit < H / 45.0) {
			bad++;
			if (getenv("NUDGE_TEST_VERBOSE"))
				printf("  step %d: %s shown %d inside %d digit %.1f zoom %.2f\n", k, a->session.scene->nodes[v].name,
				       shown, inside, digit, a->view.zoom);
		}
		if (!inside || digit < worst) {
			worst = inside ? digit : 0;
			worst_step = k;
		}
	}
	CHECK(bad == 0 && a->playback.step == t->n_steps - 1,
	      "%s: every step's node's value is in view at least 1/45 of the height: %d steps not "
	      "(smallest %.1f px of %d at step %d)", what, bad, worst, H, worst_step);
	CHECK(covered == 0, "%s: the overview covers the step's node at %d steps", what, covered);
	CHECK(weights >= 28, "%s: the 28 weights' steps are looked at (%d)", what, weights);
	printf("follow: 2-4-4-1 (%s) presenting at 1280x720: the active node's digits at least %.1f px (1/%.0f)\n",
	       what, worst, H / worst);
	app_free(a);
}

static void test_follow(void)
{
	follow_network(0);
	follow_network(1);
}

/* Boxes of the last draw (nodes, units, a unit graph's weight labels) that the graph's
 * area cuts: shown in part. */
static int cut_boxes(const struct app *a, const struct graph_frame *f)
{
	int cuts = 0;
	for (int v = 0; v < a->session.scene->n_nodes; v++) {
		struct figure_hit h;
		if (!figure_find(a->platform.geom, HIT_NODE, v, &h))
			continue;
		int meets = h.x < f->x + f->w && f->x < h.x + h.w && h.y < f->y + f->h && f->y < h.y + h.h;
		int inside = h.x >= f->x - 0.5 && h.y >= f->y - 0.5 && h.x + h.w <= f->x + f->w + 0.5 &&
		             h.y + h.h <= f->y + f->h + 0.5;
		cuts += meets && !inside;
	}
	return cuts;
}

/* Presenting a graph the view follows (xor's scalar graph (U) at 1024x768, its whole
 * graph under 1/60 — with its units it is now drawn whole, at 1/58; the 2-4-4-1 with units
 * at 1280x720): over the walk, the view stands where its edges cut few boxes (a number
 * cut in half at the panel's edge reads as another number) — at most the counts below,
 * summed over the steps (they stand at 29 and 214); centred on the step's node and
 * neighbours alone, the view cut 121 (xor with units) and 684. */
static void test_follow_whole(void)
{
	char path[400];
	write_network(path, sizeof path, 1);
	char xor_path[1200];
	snprintf(xor_path, sizeof xor_path, "%s/xor.nudge", scenes);
	const struct {
		const char *path;  /* the scene */
		int w, h;          /* the screen */
		int most;          /* the most cut boxes over the walk */
		int scalar;        /* 1: drawn as the scalar graph (U) */
	} cases[] = {{xor_path, 1024, 768, 60, 1}, {path, 1280, 720, 300, 0}};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		struct app_opts o = {.scene_path = cases[c].path, .scenes_dir = scenes, .fonts_dir = fonts, .shots_dir = shots,
		                     .width = cases[c].w, .height = cases[c].h, .hidden = 1, .present = 1};
		char err[1024];
		struct app *a = app_new(&o, err, sizeof err);
		CHECK(a != NULL, "%s opens presenting: %s", cases[c].path, err);
		if (!a)
			continue;
		a->view.move_ms = 0;
		app_pump(a);
		if (cases[c].scalar) { /* U: the scalar graph */
			key(a, SDLK_u, 0);
			app_pump(a);
		}
		app_pump(a);
		const struct trace *t = a->session.trace;
		int cuts = 0, followed = 0;
		key(a, SDLK_HOME, 0);
		for (int k = 1; k < t->n_steps; k++) {
			key(a, SDLK_PAGEDOWN, 0);
			app_pump(a);
			struct graph_frame f;
			if (!figure_graph_frame(a->platform.geom, &f))
				continue;
			followed += a->view.zoom > 1;
			cuts += cut_boxes(a, &f);
		}
		CHECK(followed == t->n_steps - 1, "%s %dx%d presenting: followed at %d of %d steps", cases[c].path,
		      cases[c].w, cases[c].h, followed, t->n_steps - 1);
		CHECK(cuts <= cases[c].most, "%s %dx%d presenting, followed: the graph's edges cut %d boxes over the walk",
		      cases[c].path, cases[c].w, cases[c].h, cuts);
		printf("follow: %s %dx%d: %d boxes cut over %d steps\n", cases[c].path, cases[c].w, cases[c].h, cuts,
		       t->n_steps - 1);
		app_free(a);
	}
}

/* By hand, on the same network in a window: the wheel zooms about the pointer, dragging
 * empty space pans, a hand's zoom stops the following, the overview jumps, the pointer
 * over a node is its hover, Z / Shift+Z / Ctrl+arrows / V. */
static void test_view_hand(void)
{
	char path[400];
	write_network(path, sizeof path, 0);
	struct app *a = open_app(path);
	if (!a)
		return;
	a->view.move_ms = 0;
	a->ui.units = DRAW_UNITS_OFF; /* the scalar graph (U) */
	key(a, SDLK_END, 0);
	app_pump(a);
	const struct trace *t = a->session.trace;
	int v = t->steps[t->n_steps - 1].node, X = a->ui.fig_rect.x, Y = a->ui.fig_rect.y;
	struct figure_hit h1, h2;
	struct graph_frame f;
	CHECK(figure_graph_frame(a->platform.geom, &f) && drawn_box(a, HIT_NODE, v, &h1) && a->view.zoom > 1.5,
	      "the last step's node is drawn, followed (zoom %g)", a->view.zoom);
	/* the wheel: the point under the pointer stays under it */
	double px = h1.x + 0.3 * h1.w, py = h1.y + 0.6 * h1.h;
	wheel_at(a, X + (int)px, Y + (int)py, 1);
	CHECK(drawn_box(a, HIT_NODE, v, &h2) && fabs(h2.w / h1.w - APP_ZOOM_STEP) < 0.02 &&
	      fabs(h2.x + 0.3 * h2.w - px) < 1.5 && fabs(h2.y + 0.6 * h2.h - py) < 1.5,
	      "the wheel zooms %g times about the pointer: the node's box %gx%g at (%g, %g), was %gx%g at (%g, %g)",
	      APP_ZOOM_STEP, h2.w, h2.h, h2.x, h2.y, h1.w, h1.h, h1.x, h1.y);
	wheel_at(a, X + (int)px, Y + (int)py, 2);
	wheel_at(a, X + (int)px, Y + (int)py, 1);
	/* a hand's zoom: stepping no longer moves the view */
	double zoom = a->view.zoom, cx = a->view.cx, cy = a->view.cy;
	key(a, SDLK_LEFT, 0);
	app_pump(a);
	CHECK(a->view.manual && a->view.zoom == zoom && a->view.cx == cx && a->view.cy == cy,
	      "after zooming by hand, a step leaves the view where it is");
	/* dragging empty space moves the graph with the pointer */
	CHECK(drawn_box(a, HIT_NODE, v, &h1), "the node is still drawn zoomed in");
	int ex = -1, ey = -1;
	for (int y = (int)f.y + 10; ex < 0 && y < f.y + f.h - 10; y += 7)
		for (int x = (int)f.x + 10; ex < 0 && x < f.x + f.w / 2; x += 7)
			if (figure_hit(a->platform.geom, x, y).kind == HIT_NONE)
				ex = x, ey = y;
	CHECK(ex >= 0, "the zoomed graph has empty space");
	drag(a, X + ex, Y + ey, X + ex - 40, Y + ey - 30);
	app_pump(a);
	CHECK(drawn_box(a, HIT_NODE, v, &h2) && fabs(h2.x - (h1.x - 40)) < 1.5 && fabs(h2.y - (h1.y - 30)) < 1.5,
	      "dragging empty space by (−40, −30) moves the node's box from (%g, %g) to (%g, %g)", h1.x, h1.y, h2.x,
	      h2.y);
	/* hovering the node */
	mouse(a, SDL_MOUSEMOTION, X + (int)(h2.x + h2.w / 2), Y + (int)(h2.y + 4), 0);
	app_pump(a);
	struct figure fig;
	struct draw_opts opts;
	app_figure(a, &fig, &opts);
	CHECK(opts.view.hovered && opts.view.hover == v, "the pointer over the node: the figure is told (%d, %d)",
	      opts.view.hovered, opts.view.hover);
	/* the overview in a corner: a click centres the view there */
	struct figure_hit ov;
	CHECK(overview_box(a, &f, &ov), "zoomed in, the overview is in a corner of the graph");
	if (ov.kind == HIT_OVERVIEW) {
		int qx = (int)(ov.x + ov.w * 0.2), qy = (int)(ov.y + ov.h * 0.7);
		struct figure_hit q = figure_hit(a->platform.geom, qx, qy);
		mouse(a, SDL_MOUSEBUTTONDOWN, X + qx, Y + qy, 1);
		mouse(a, SDL_MOUSEBUTTONUP, X + qx, Y + qy, 1);
		app_pump(a);
		CHECK(fabs(a->view.cx - q.value) < 1e-9 && fabs(a->view.cy - q.value2) < 1e-9 &&
		      fabs(q.value - 0.2) < 0.02 && fabs(q.value2 - 0.7) < 0.02,
		      "a click on the overview centres that point (%g, %g)", a->view.cx, a->view.cy);
	}
	/* keys */
	cx = a->view.cx;
	key(a, SDLK_RIGHT, KMOD_LCTRL);
	CHECK(a->view.cx > cx && a->playback.step == a->session.trace->n_steps - 2, "Ctrl+Right shows more of the right (%g, was %g), "
	      "no step", a->view.cx, cx);
	key(a, SDLK_v, 0);
	app_pump(a);
	CHECK(a->view.zoom == 1 && a->view.cx == 0.5 && a->view.cy == 0.5 && !a->view.manual,
	      "V: all of the graph (zoom %g at %g, %g)", a->view.zoom, a->view.cx, a->view.cy);
	key(a, SDLK_z, 0);
	CHECK(fabs(a->view.zoom - APP_ZOOM_STEP) < 1e-9 && a->view.manual, "Z zooms in (%g)", a->view.zoom);
	key(a, SDLK_z, KMOD_LSHIFT);
	CHECK(fabs(a->view.zoom - 1) < 1e-9, "Shift+Z zooms out (%g)", a->view.zoom);
	key(a, SDLK_v, 0);
	key(a, SDLK_RIGHT, 0);
	app_pump(a);
	CHECK(a->view.zoom > 1.5 && !a->view.manual, "after V, a step is followed again (zoom %g)", a->view.zoom);
	app_free(a);
}

int main(int argc, char **argv)
{
	setenv("SDL_VIDEODRIVER", "dummy", 1);
	setenv("SDL_AUDIODRIVER", "dummy", 1);
	const char *root = getenv("NUDGE_SOURCE_ROOT");
	if (!root)
		root = ".";
	snprintf(fonts, sizeof fonts, "%s/fonts", root);
	snprintf(scenes, sizeof scenes, "%s/data/scenes", root);
	snprintf(shots, sizeof shots, "/tmp/nudge-test-app-XXXXXX");
	if (!mkdtemp(shots)) {
		perror("mkdtemp");
		return 1;
	}
	if (argc == 3 && strcmp(argv[1], "--soak") == 0) {
		soak(atol(argv[2]));
	} else {
		test_slider_drag();
		test_keys();
		test_present();
		test_screenshots();
		test_status_band();
		test_font_held();
		test_resize();
		test_reload();
		test_quiz();
		test_training();
		test_check_and_modes();
		test_one_recompute();
		test_landscape();
		test_notation();
		test_units();
		test_follow();
		test_follow_whole();
		test_present_whole();
		test_view_hand();
	}
	render_shutdown();
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", shots);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", shots);
	return test_report(argc == 3 ? "test-app --soak" : "test-app");
}
