/* input.c - what keys and the mouse do in the window: stepping, playing, nudging by
 * ε, descending, training, screenshots, themes, help; dragging sliders, the point on
 * the plot and values on nodes; zooming and panning the graph (view.c keeps the view);
 * typing exact values and the map's learning rates; dropping a scene file. Handlers
 * only change state and say what changed (app_invalidate); the loop recomputes values,
 * gradients, trace, panels and figure once before the next frame. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app-private.h"
#include "nudge/descent.h"
#include "nudge/format.h"
#include "nudge/numeric.h"
#include "nudge/unit.h"

static int inside(SDL_Rect r, int x, int y)
{
	return r.w > 0 && x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

static int is_leaf(const struct app *a, int node)
{
	if (node < 0 || node >= a->session.scene->n_nodes)
		return 0;
	enum node_kind k = a->session.scene->nodes[node].kind;
	return k == NODE_INPUT || k == NODE_PARAM;
}

static void set_plot(struct app *a, int node)
{
	if (!is_leaf(a, node) || (node == a->session.plot && a->session.plot2 < 0))
		return;
	session_plot(&a->session, node, -1);
	app_invalidate(a, CHANGED_LECTURE);
	app_set_status(a, 0, "plotting %s against %s", a->session.scene->nodes[a->session.scene->cost].plain,
	               a->session.scene->nodes[node].plain);
}

/* The map of J over the plotted leaf and node (Shift+click a second name, or J). */
static void set_plot2(struct app *a, int node)
{
	const struct scene *s = a->session.scene;
	if (!is_leaf(a, node) || !is_leaf(a, a->session.plot) || node == a->session.plot)
		return;
	session_plot(&a->session, a->session.plot, node);
	app_invalidate(a, CHANGED_LECTURE);
	app_set_status(a, 0, "the map of %s over %s and %s: drag the point; F draws the next %d descent steps",
	               s->nodes[s->cost].plain, s->nodes[a->session.plot].plain, s->nodes[node].plain, APP_DESCENT_STEPS);
}

/* J: the map over the plotted leaf and the next input or param, or back to the curve. */
static void toggle_map(struct app *a)
{
	const struct scene *s = a->session.scene;
	if (a->session.plot2 >= 0) {
		set_plot(a, a->session.plot);
		return;
	}
	for (int k = 1; k < s->n_nodes; k++) {
		int v = (a->session.plot + k) % s->n_nodes;
		if (is_leaf(a, v) && v != a->session.plot) {
			set_plot2(a, v);
			return;
		}
	}
	app_set_status(a, 0, "the map needs two inputs or params; this scene has one");
}

/* F: the next descent steps from the current point, which stays: one path at α, then
 * three side by side (α/4, α, 3α: slow, as set, too large), then none. */
static void toggle_paths(struct app *a)
{
	struct session *ss = &a->session;
	if (ss->plot2 < 0) {
		app_set_status(a, 0, "F draws descent paths on the map of J over two names: J or Shift+click a second name first");
		return;
	}
	if (ss->descent_n == 0) {
		ss->descent_n = APP_DESCENT_STEPS;
		ss->n_rates = 0; /* one path, at α */
		app_set_status(a, 0, "the next %d descent steps at α, from the point (which stays); F again: three rates",
		               APP_DESCENT_STEPS);
	} else if (ss->n_rates == 0) {
		ss->n_rates = 3;
		ss->rates[0] = ss->rate / 4;
		ss->rates[1] = ss->rate;
		ss->rates[2] = ss->rate * 3;
		app_set_status(a, 0, "the next %d steps at α/4, α and 3α, side by side (Shift+F: type your own)",
		               APP_DESCENT_STEPS);
	} else {
		ss->descent_n = 0;
		ss->n_rates = 0;
		app_set_status(a, 0, "descent paths off");
	}
	app_invalidate(a, CHANGED_LECTURE);
}

/* Shift+F: type the map's learning rates ("0.05, 0.2, 0.6"); Enter draws a path for
 * each, Esc leaves them as they were. */
static void start_rates(struct app *a)
{
	if (a->session.plot2 < 0) {
		app_set_status(a, 0, "Shift+F types the rates of the paths on the map of J over two names: "
		               "J or Shift+click a second name first");
		return;
	}
	a->ui.editing = -1;
	a->ui.typing_rates = 1;
	a->ui.edit[0] = '\0';
	a->ui.status[0] = '\0'; /* the status line shows what is typed */
	SDL_StartTextInput();
}

static void end_rates(struct app *a, int apply)
{
	struct session *ss = &a->session;
	a->ui.typing_rates = 0;
	SDL_StopTextInput();
	if (!apply)
		return;
	double rates[LAND_MAX_PATHS];
	char why[128];
	int n = descent_parse_rates(a->ui.edit, rates, LAND_MAX_PATHS, why, sizeof why);
	if (n < 0) {
		app_set_status(a, 1, "rates '%s': %s; Shift+F to type them again", a->ui.edit, why);
		return;
	}
	ss->n_rates = n;
	memcpy(ss->rates, rates, sizeof rates);
	if (ss->descent_n == 0)
		ss->descent_n = APP_DESCENT_STEPS;
	app_set_status(a, 0, "the next %d steps at α = %s, side by side", ss->descent_n, a->ui.edit);
	app_invalidate(a, CHANGED_LECTURE);
}

/* U: the neuron units as one box each, or the full scalar graph (and back). */
static void toggle_units(struct app *a)
{
	const struct unit_set *us = a->session.scene->units;
	if (!us || us->n == 0) {
		app_set_status(a, 0, "this scene has no neuron units a = g(w·x + … + b) to draw as boxes");
		return;
	}
	int shown = a->ui.units == DRAW_UNITS_ON || (a->ui.units == DRAW_UNITS_AUTO && us->show);
	a->ui.units = shown ? DRAW_UNITS_OFF : DRAW_UNITS_ON;
	app_set_status(a, 0, shown ? "the full scalar graph: every weight, bias and node its own box"
	                           : "neuron units: z, a = g(z) and the bias in one box, the weights on the edges");
	app_invalidate(a, CHANGED_FIGURE);
}

static void toggle_play(struct app *a)
{
	a->playback.playing = !a->playback.playing;
	if (a->playback.playing) {
		if (a->playback.step >= a->session.trace->n_steps - 1)
			app_set_step(a, 0, 0);
		a->playback.next_play = SDL_GetTicks() + a->playback.play_ms / 2;
	}
}

static void press_button(struct app *a, int b, int shift)
{
	switch (b) {
	case BTN_FIRST: a->playback.playing = 0; app_set_step(a, 0, 0); break;
	case BTN_PREV: a->playback.playing = 0; app_set_step(a, a->playback.step - 1, 0); break;
	case BTN_PLAY: toggle_play(a); break;
	case BTN_NEXT: a->playback.playing = 0; app_set_step(a, a->playback.step + 1, 1); break;
	case BTN_LAST: a->playback.playing = 0; app_set_step(a, a->session.trace->n_steps - 1, 0); break;
	case BTN_SHOT: shots_save(a, shift); break;
	case BTN_THEME:
		a->ui.theme = a->ui.theme == THEME_DARK ? THEME_LIGHT : THEME_DARK;
		app_invalidate(a, CHANGED_FIGURE);
		break;
	case BTN_SCENES: scene_list_toggle(a); break;
	case BTN_HELP: a->ui.help = !a->ui.help; break;
	default: break;
	}
}

static void start_edit(struct app *a, int i)
{
	a->ui.editing = i;
	a->ui.edit[0] = '\0';
	SDL_StartTextInput();
}

static void end_edit(struct app *a, int apply)
{
	int i = a->ui.editing;
	a->ui.editing = -1;
	SDL_StopTextInput();
	if (!apply || i < 0 || i >= a->ui.n_sliders)
		return;
	char *end;
	double v = strtod(a->ui.edit, &end);
	if (end == a->ui.edit || *end || !isfinite(v)) {
		app_set_status(a, 1, "'%s' is not a number", a->ui.edit);
		return;
	}
	slider_set(a, &a->ui.sliders[i], v);
}

/* A key while a value or the rates are typed: Enter applies, Esc cancels. */
static void edit_key(struct app *a, SDL_Keycode k)
{
	void (*end)(struct app *, int) = a->ui.typing_rates ? end_rates : end_edit;
	if (k == SDLK_RETURN || k == SDLK_KP_ENTER) {
		end(a, 1);
	} else if (k == SDLK_ESCAPE) {
		end(a, 0);
	} else if (k == SDLK_BACKSPACE) {
		size_t l = strlen(a->ui.edit);
		if (l)
			a->ui.edit[l - 1] = '\0';
	}
}

/* The type scale the figure takes for the one asked (ui.font_scale): less where larger
 * type would make the graph's numbers smaller or leave a plot no room (figure_font_scale). */
static double font_held(struct app *a)
{
	struct figure fig;
	struct draw_opts o;
	app_figure(a, &fig, &o);
	return figure_font_scale(&fig, &o) / (a->ui.present ? APP_PRESENT_SCALE : 1);
}

/* Ctrl+= / Ctrl+− / Ctrl+0: the figure's type larger, smaller, as it was; 1 when used.
 * Larger goes only as far as the figure holds it, so that every press shows (a scale
 * asked beyond it would be drawn the same, and the next Ctrl+− would change nothing). */
static int font_key(struct app *a, SDL_Keycode k)
{
	double was = a->ui.font_scale, s = was;
	if (k == SDLK_EQUALS || k == SDLK_PLUS || k == SDLK_KP_PLUS)
		s *= 1.15;
	else if (k == SDLK_MINUS || k == SDLK_KP_MINUS)
		s /= 1.15;
	else if (k == SDLK_0 || k == SDLK_KP_0)
		s = 1;
	else
		return 0;
	a->ui.font_scale = s < APP_FONT_SCALE_MIN ? APP_FONT_SCALE_MIN : s > APP_FONT_SCALE_MAX ? APP_FONT_SCALE_MAX : s;
	app_invalidate(a, CHANGED_FIGURE);
	/* what the figure takes for a scale can hold less again (another arrangement): down to
	   a scale it takes as asked, or the one it had */
	double held = a->ui.font_scale > was ? font_held(a) : a->ui.font_scale;
	int capped = 0;
	for (int i = 0; i < 8 && held < a->ui.font_scale - 0.005; i++) {
		capped = 1;
		a->ui.font_scale = held > was ? held : was;
		held = a->ui.font_scale > was ? font_held(a) : was;
	}
	if (capped) {
		/* short enough for the bar's status line: a band would take the figure's height */
		app_set_status(a, 0, "type at %.0f %%, the most here (Ctrl+0: 100 %%)", floor(a->ui.font_scale * 100));
		return 1;
	}
	app_set_status(a, 0, "type at %.0f %% (Ctrl+0: 100 %%)", a->ui.font_scale * 100);
	return 1;
}

/* Ctrl+arrows: the graph's view moves a quarter of the graph's area; 1 when used. */
static int view_key(struct app *a, SDL_Keycode k)
{
	struct graph_frame f;
	if (!figure_graph_frame(a->platform.geom, &f))
		return 0;
	double dx = k == SDLK_LEFT ? 1 : k == SDLK_RIGHT ? -1 : 0, dy = k == SDLK_UP ? 1 : k == SDLK_DOWN ? -1 : 0;
	if (dx == 0 && dy == 0)
		return 0;
	view_pan(a, dx * f.w / 4, dy * f.h / 4);
	return 1;
}

/* Presentation mode's keys, as a presentation remote sends them: PageDown / PageUp
 * step the walk (Ctrl+PageDown / PageUp change the scene), B or '.' blanks the screen
 * and any key brings it back; 1 when used. */
static int present_key(struct app *a, SDL_Keycode k, int ctrl)
{
	if (a->ui.blank) {
		a->ui.blank = 0;
		app_invalidate(a, CHANGED_FIGURE);
		return k == SDLK_b || k == SDLK_PERIOD;
	}
	switch (k) {
	case SDLK_PAGEDOWN: ctrl ? app_switch_scene(a, 1) : press_button(a, BTN_NEXT, 0); return 1;
	case SDLK_PAGEUP: ctrl ? app_switch_scene(a, -1) : press_button(a, BTN_PREV, 0); return 1;
	case SDLK_b: case SDLK_PERIOD:
		a->ui.blank = 1;
		app_invalidate(a, CHANGED_FIGURE);
		return 1;
	default: return 0;
	}
}

static void key(struct app *a, const SDL_KeyboardEvent *e)
{
	SDL_Keycode k = e->keysym.sym;
	int shift = (e->keysym.mod & KMOD_SHIFT) != 0, ctrl = (e->keysym.mod & KMOD_CTRL) != 0;
	if (a->ui.editing >= 0 || a->ui.typing_rates) {
		edit_key(a, k);
		return;
	}
	if (quiz_key(a, k))
		return;
	if (scene_list_key(a, k))
		return;
	if (k == SDLK_ESCAPE) {
		if (!a->ui.help && a->ui.present)
			app_present(a, 0);
		a->ui.help = 0;
		return;
	}
	if (ctrl && font_key(a, k))
		return;
	if (ctrl && view_key(a, k))
		return;
	if (a->ui.present && present_key(a, k, ctrl))
		return;
	if (a->ui.help && k != SDLK_F1 && k != SDLK_q && !(k == SDLK_SLASH && shift) && k != SDLK_QUESTION)
		a->ui.help = 0; /* any other key closes the overlay and does its job */
	switch (k) {
	case SDLK_RIGHT: case SDLK_SPACE: press_button(a, BTN_NEXT, 0); break;
	case SDLK_LEFT: press_button(a, BTN_PREV, 0); break;
	case SDLK_HOME: press_button(a, BTN_FIRST, 0); break;
	case SDLK_END: press_button(a, BTN_LAST, 0); break;
	case SDLK_p: toggle_play(a); break;
	case SDLK_PLUS: case SDLK_KP_PLUS: case SDLK_EQUALS:
		a->playback.play_ms = a->playback.play_ms * 4 / 5 < 200 ? 200 : a->playback.play_ms * 4 / 5;
		app_set_status(a, 0, "playing at %.1f s per step", a->playback.play_ms / 1000.0);
		break;
	case SDLK_MINUS: case SDLK_KP_MINUS:
		a->playback.play_ms = a->playback.play_ms * 5 / 4 > 6000 ? 6000 : a->playback.play_ms * 5 / 4;
		app_set_status(a, 0, "playing at %.1f s per step", a->playback.play_ms / 1000.0);
		break;
	case SDLK_TAB: {
		int n = a->ui.n_sliders;
		if (n == 0)
			break;
		int s = a->ui.selected < 0 ? (shift ? n - 1 : 0) : ((a->ui.selected + (shift ? -1 : 1)) % n + n) % n;
		a->ui.selected = s;
		const struct slider *sl = &a->ui.sliders[s];
		char v[48], eps[48];
		fmt_num(v, sizeof v, slider_get(&a->session, sl), 4);
		fmt_num(eps, sizeof eps, a->session.eps, 4);
		if (sl->kind == SLIDER_NODE)
			app_set_status(a, 0, "selected %s = %s: Up / Down move it by ε = %s",
			               a->session.scene->nodes[sl->node].label, v, eps);
		else
			app_set_status(a, 0, "selected %s = %s: Up / Down move it", slider_name(&a->session, sl), v);
		a->ui.status_present = 1; /* presenting, the room sees what the keys will move */
		a->ui.status_markup = 1;  /* the name as the figure writes it */
		break;
	}
	case SDLK_UP: case SDLK_DOWN: {
		int s = a->ui.selected;
		for (int i = 0; s < 0 && i < a->ui.n_sliders; i++)
			if (a->ui.sliders[i].kind == SLIDER_NODE && a->ui.sliders[i].node == a->session.plot)
				s = i;
		slider_nudge(a, s, k == SDLK_UP ? 1 : -1);
		break;
	}
	case SDLK_g:
		a->playback.descents++;
		app_invalidate(a, CHANGED_VALUES);
		break;
	case SDLK_c: case SDLK_d: case SDLK_e: case SDLK_m: case SDLK_n: lecture_key(a, k); break;
	case SDLK_k: quiz_toggle(a); break;
	case SDLK_z:
		if (!view_zoom_key(a, shift ? 1 / APP_ZOOM_STEP : APP_ZOOM_STEP))
			app_set_status(a, 0, "Z zooms into the graph; this figure shows none");
		break;
	case SDLK_v: view_fit(a); break;
	case SDLK_j: toggle_map(a); break;
	case SDLK_f: shift ? start_rates(a) : toggle_paths(a); break;
	case SDLK_a: case SDLK_h:
		if (a->quiz.on)
			quiz_all(a, k == SDLK_h);
		break;
	case SDLK_t:
		a->playback.training = !a->playback.training;
		if (!a->playback.training)
			app_set_status(a, 0, "training stopped");
		break;
	case SDLK_r:
		eval_reset(a->session.ev);
		a->session.eps = a->session.scene->eps;
		a->session.rate = a->session.scene->rate;
		a->playback.training = 0;
		lecture_reset(&a->lecture);
		app_invalidate(a, CHANGED_VALUES);
		app_set_status(a, 0, "every value is back to the scene's");
		break;
	case SDLK_s: shots_save(a, shift); break;
	case SDLK_w: shots_save_walk(a); break;
	case SDLK_l: press_button(a, BTN_THEME, 0); break;
	case SDLK_u: toggle_units(a); break;
	case SDLK_F5: app_present(a, !a->ui.present); break;
	case SDLK_F11:
		a->platform.fullscreen = !a->platform.fullscreen;
		SDL_SetWindowFullscreen(a->platform.win, a->platform.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
		break;
	case SDLK_F1: case SDLK_QUESTION: a->ui.help = !a->ui.help; break;
	case SDLK_SLASH:
		if (shift)
			a->ui.help = !a->ui.help;
		break;
	case SDLK_q: a->quit = 1; break;
	case SDLK_o: scene_list_toggle(a); break;
	case SDLK_LEFTBRACKET: case SDLK_RIGHTBRACKET: {
		int rows = a->session.scene->n_rows, row = a->session.ev->row + (k == SDLK_RIGHTBRACKET ? 1 : -1);
		if (rows < 2) {
			app_set_status(a, 0, "this scene has no data set: [ and ] choose the data row shown");
			break;
		}
		eval_set_row(a->session.ev, (row % rows + rows) % rows);
		app_invalidate(a, CHANGED_VALUES);
		const char *J = a->session.scene->nodes[a->session.scene->cost].plain;
		char Jr[128];
		fmt_row_label(Jr, sizeof Jr, J, a->session.ev->row);
		app_set_status(a, 0, "showing data row %d of rows 0 to %d: %s and d%s/d· on the graph are its; "
		               "%s and d%s/d· of the params (the plot, descent) are means over the rows",
		               a->session.ev->row, rows - 1, Jr, Jr, J, J);
		break;
	}
	case SDLK_PAGEUP: app_switch_scene(a, -1); break;
	case SDLK_PAGEDOWN: app_switch_scene(a, 1); break;
	default: break;
	}
	(void)ctrl; /* Q quits with or without Ctrl */
}

static int slider_at(const struct app *a, int x, int y)
{
	for (int i = 0; i < a->ui.n_sliders; i++)
		if (inside(a->ui.sliders[i].cell, x, y))
			return i;
	return -1;
}

static void mouse_down(struct app *a, const SDL_MouseButtonEvent *e)
{
	int x = (int)lround(e->x * a->platform.dpi), y = (int)lround(e->y * a->platform.dpi);
	if (e->button != SDL_BUTTON_LEFT)
		return;
	if (a->ui.editing >= 0)
		end_edit(a, 1);
	if (a->ui.typing_rates)
		end_rates(a, 1);
	if (a->ui.help) {
		a->ui.help = 0;
		return;
	}
	if (scene_list_click(a, x, y))
		return;
	for (int b = 0; b < BTN_COUNT; b++)
		if (inside(a->ui.buttons[b], x, y)) {
			press_button(a, b, (SDL_GetModState() & KMOD_SHIFT) != 0);
			return;
		}
	int i = slider_at(a, x, y);
	if (i >= 0) {
		struct slider *s = &a->ui.sliders[i];
		a->ui.selected = i;
		if (inside(s->value, x, y)) {
			if (e->clicks >= 2)
				start_edit(a, i);
			return;
		}
		if (inside(s->label, x, y)) {
			if (s->kind == SLIDER_NODE && (SDL_GetModState() & KMOD_SHIFT))
				set_plot2(a, s->node);
			else if (s->kind == SLIDER_NODE)
				set_plot(a, s->node);
			return;
		}
		a->pointer.drag = DRAG_SLIDER;
		a->pointer.slider = i;
		slider_set(a, s, slider_value_at(s, x));
		return;
	}
	if (!inside(a->ui.fig_rect, x, y) || quiz_click(a, x, y))
		return;
	struct figure_hit h = figure_hit(a->platform.geom, x - a->ui.fig_rect.x, y - a->ui.fig_rect.y);
	if (h.kind == HIT_LAND && is_leaf(a, a->session.plot) && is_leaf(a, a->session.plot2)) {
		a->pointer.drag = DRAG_LAND; /* the point jumps here and follows the pointer */
		eval_set(a->session.ev, a->session.plot, h.value);
		eval_set(a->session.ev, a->session.plot2, h.value2);
		app_invalidate(a, CHANGED_VALUES);
	} else if ((h.kind == HIT_NODE_VALUE || h.kind == HIT_NODE) && is_leaf(a, h.node) &&
	           (SDL_GetModState() & KMOD_SHIFT)) {
		set_plot2(a, h.node);
	} else if (h.kind == HIT_PLOT_POINT || (h.kind == HIT_PLOT && is_leaf(a, a->session.plot))) {
		a->pointer.drag = DRAG_PLOT;
		a->pointer.node = a->session.plot;
		double v;
		if (h.kind == HIT_PLOT && figure_plot_value_at(a->platform.geom, x - a->ui.fig_rect.x, &v)) {
			eval_set(a->session.ev, a->session.plot, v);
			app_invalidate(a, CHANGED_VALUES);
		}
	} else if ((h.kind == HIT_NODE_VALUE || h.kind == HIT_NODE) && is_leaf(a, h.node)) {
		set_plot(a, h.node);
		if (h.kind == HIT_NODE_VALUE) {
			a->pointer.drag = DRAG_SCRUB;
			a->pointer.node = h.node;
			a->pointer.x0 = x;
			a->pointer.v0 = a->session.ev->set[h.node];
		}
	} else if (h.kind == HIT_OVERVIEW) { /* the view jumps there and follows the pointer */
		a->pointer.drag = DRAG_OVERVIEW;
		view_jump(a, h.value, h.value2);
	} else if (h.kind == HIT_NONE && view_in_graph(a, x - a->ui.fig_rect.x, y - a->ui.fig_rect.y)) {
		a->pointer.drag = DRAG_PAN; /* empty space of the graph: it moves with the pointer */
		a->pointer.x0 = x;
		a->pointer.y0 = y;
	}
}

static void mouse_move(struct app *a, const SDL_MouseMotionEvent *e)
{
	int x = (int)lround(e->x * a->platform.dpi);
	double v;
	switch (a->pointer.drag) {
	case DRAG_SLIDER:
		if (a->pointer.slider < a->ui.n_sliders)
			slider_set(a, &a->ui.sliders[a->pointer.slider], slider_value_at(&a->ui.sliders[a->pointer.slider], x));
		break;
	case DRAG_PLOT:
		if (is_leaf(a, a->pointer.node) && figure_plot_value_at(a->platform.geom, x - a->ui.fig_rect.x, &v)) {
			eval_set(a->session.ev, a->pointer.node, v);
			app_invalidate(a, CHANGED_VALUES);
		}
		break;
	case DRAG_LAND: {
		int y = (int)lround(e->y * a->platform.dpi);
		double vb;
		if (is_leaf(a, a->session.plot) && is_leaf(a, a->session.plot2) &&
		    figure_land_values_at(a->platform.geom, x - a->ui.fig_rect.x, y - a->ui.fig_rect.y, &v, &vb)) {
			eval_set(a->session.ev, a->session.plot, v);
			eval_set(a->session.ev, a->session.plot2, vb);
			app_invalidate(a, CHANGED_VALUES);
		}
		break;
	}
	case DRAG_PAN: {
		int y = (int)lround(e->y * a->platform.dpi);
		view_pan(a, x - a->pointer.x0, y - a->pointer.y0);
		a->pointer.x0 = x;
		a->pointer.y0 = y;
		break;
	}
	case DRAG_OVERVIEW: {
		int y = (int)lround(e->y * a->platform.dpi);
		struct figure_hit h = figure_hit(a->platform.geom, x - a->ui.fig_rect.x, y - a->ui.fig_rect.y);
		if (h.kind == HIT_OVERVIEW)
			view_jump(a, h.value, h.value2);
		break;
	}
	case DRAG_NONE: /* over a node of the graph: its edges' labels on top */
		view_hover(a, x - a->ui.fig_rect.x, (int)lround(e->y * a->platform.dpi) - a->ui.fig_rect.y);
		break;
	case DRAG_SCRUB:
		if (is_leaf(a, a->pointer.node)) {
			const struct node *n = &a->session.scene->nodes[a->pointer.node];
			double per_px = (n->hi - n->lo) / (ui_metrics.scrub_span * a->platform.dpi);
			double step = pow(10, floor(log10(per_px * 4)));
			v = round((a->pointer.v0 + (x - a->pointer.x0) * per_px) / step) * step;
			eval_set(a->session.ev, a->pointer.node, v);
			app_invalidate(a, CHANGED_VALUES);
		}
		break;
	default:
		break;
	}
}

static void wheel(struct app *a, const SDL_MouseWheelEvent *e)
{
	int x = (int)lround(e->mouseX * a->platform.dpi), y = (int)lround(e->mouseY * a->platform.dpi);
	int i = slider_at(a, x, y);
	if (i < 0 && e->y != 0 && view_in_graph(a, x - a->ui.fig_rect.x, y - a->ui.fig_rect.y)) {
		view_zoom_at(a, pow(APP_ZOOM_STEP, e->y > 0 ? 1 : -1), x - a->ui.fig_rect.x, y - a->ui.fig_rect.y);
		return; /* over the graph: it zooms about the pointer */
	}
	if (i < 0 || e->y == 0)
		return;
	const struct slider *s = &a->ui.sliders[i];
	int dir = e->y > 0 ? 1 : -1;
	if (s->kind == SLIDER_NODE) {
		double step = (s->hi - s->lo) / 100;
		slider_set(a, s, slider_get(&a->session, s) + dir * step);
	} else {
		slider_nudge(a, i, dir);
	}
}

void input_event(struct app *a, const SDL_Event *e)
{
	switch (e->type) {
	case SDL_QUIT:
		a->quit = 1;
		break;
	case SDL_WINDOWEVENT:
		if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED || e->window.event == SDL_WINDOWEVENT_EXPOSED ||
		    e->window.event == SDL_WINDOWEVENT_RESIZED)
			app_invalidate(a, CHANGED_LAYOUT);
		break;
	case SDL_KEYDOWN:
		key(a, &e->key);
		break;
	case SDL_TEXTINPUT:
		if (a->quiz.node >= 0 || a->quiz.edge >= 0)
			quiz_text_input(&a->quiz, e->text.text);
		else if (a->ui.editing >= 0 || a->ui.typing_rates) {
			const char *ok = a->ui.typing_rates ? "0123456789.-+eE, " : "0123456789.-+eE";
			for (const char *p = e->text.text; *p; p++) {
				size_t l = strlen(a->ui.edit);
				if (strchr(ok, *p) && l + 1 < sizeof a->ui.edit) {
					a->ui.edit[l] = *p;
					a->ui.edit[l + 1] = '\0';
				}
			}
		}
		break;
	case SDL_MOUSEBUTTONDOWN:
		mouse_down(a, &e->button);
		break;
	case SDL_MOUSEMOTION:
		mouse_move(a, &e->motion);
		break;
	case SDL_MOUSEBUTTONUP:
		if (e->button.button == SDL_BUTTON_LEFT)
			a->pointer.drag = DRAG_NONE;
		break;
	case SDL_MOUSEWHEEL:
		wheel(a, &e->wheel);
		break;
	case SDL_DROPFILE: {
		char err[1024];
		if (app_open_scene(a, e->drop.file, 0, err, sizeof err)) {
			app_file_error(a, err); /* the open scene stays */
			app_set_status(a, 1, "the dropped scene was refused; the open one stays");
		} else {
			app_set_status(a, 0, "opened %s", e->drop.file);
		}
		SDL_free(e->drop.file);
		break;
	}
	default:
		break;
	}
}
