/* ui_draw.c - one frame of the window: the figure's texture, then the controls drawn
 * with SDL's renderer (sliders, step buttons, screenshot / theme / help, the status
 * line), the banner of a scene that failed to reload, and the help overlay. Colours
 * come from the figure's palette (nudge/theme.h), sizes from ui_metrics. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "app-private.h"
#include "nudge/format.h"
#include "nudge/theme.h"

/* The window's colours for one frame, taken from the one palette (nudge/theme.h). */
struct ui_colors {
	SDL_Color bg, bar, text, muted, track, accent, grad, error, button, button_on;
};

static SDL_Color sdl_color(struct rgba c)
{
	return (SDL_Color){ (Uint8)lround(c.r * 255), (Uint8)lround(c.g * 255), (Uint8)lround(c.b * 255),
	                    (Uint8)lround(c.a * 255) };
}

static struct ui_colors ui_colors_of(const struct theme *t)
{
	return (struct ui_colors){ .bg = sdl_color(t->bg), .bar = sdl_color(t->bar), .text = sdl_color(t->fg),
	                           .muted = sdl_color(t->muted), .track = sdl_color(t->track),
	                           .accent = sdl_color(t->forward), .grad = sdl_color(t->backward),
	                           .error = sdl_color(t->wrong), .button = sdl_color(t->button),
	                           .button_on = sdl_color(t->button_on) };
}

static void color(struct app_platform *p, SDL_Color c)
{
	SDL_SetRenderDrawColor(p->ren, c.r, c.g, c.b, c.a);
}

static void fill(struct app_platform *p, SDL_Rect r, SDL_Color c)
{
	color(p, c);
	SDL_RenderFillRect(p->ren, &r);
}

static void triangle(struct app_platform *p, float x0, float y0, float x1, float y1, float x2, float y2, SDL_Color c)
{
	SDL_Vertex v[3] = {
		{ { x0, y0 }, c, { 0, 0 } }, { { x1, y1 }, c, { 0, 0 } }, { { x2, y2 }, c, { 0, 0 } },
	};
	SDL_RenderGeometry(p->ren, NULL, v, 3, NULL, 0);
}

static void disc(struct app_platform *p, float cx, float cy, float r, SDL_Color c)
{
	for (int i = 0; i < 24; i++) {
		float t0 = (float)(i * 2 * M_PI / 24), t1 = (float)((i + 1) * 2 * M_PI / 24);
		triangle(p, cx, cy, cx + r * cosf(t0), cy + r * sinf(t0), cx + r * cosf(t1), cy + r * sinf(t1), c);
	}
}

/* fmt_ellipsis's measure for interface text: does s fit w pixels? */
struct ui_fit {
	struct app_platform *p; /* the fonts */
	int style;              /* which of them (UI_BOLD), and UI_MARKUP */
	int w;                  /* the width it has */
};

static int ui_fits(void *ctx, const char *s)
{
	const struct ui_fit *f = ctx;
	return ui_text_width(f->p, s, f->style) <= f->w;
}

/* Text in a box, vertically centred; cut with "…" when it does not fit. */
static void text_in(struct app_platform *p, const char *s, SDL_Rect r, SDL_Color c, int style)
{
	char buf[520];
	const char *t = fmt_ellipsis(buf, sizeof buf, s, ui_fits, &(struct ui_fit){ p, style, r.w });
	p->cut += t != s;
	int h = TTF_FontHeight(ui_font(p, style));
	ui_text(p, t, r.x, r.y + (r.h - h) / 2, c, style);
}

static void draw_slider(struct app *a, int i, const struct ui_colors *c)
{
	const struct slider *s = &a->ui.sliders[i];
	const struct ui_metrics *m = &ui_metrics;
	struct app_platform *p = &a->platform;
	if (s->cell.w == 0)
		return;
	int is_plot = s->kind == SLIDER_NODE && (s->node == a->session.plot || s->node == a->session.plot2);
	if (i == a->ui.selected) {
		int sx = ui_em(p, m->select_x), sy = ui_em(p, m->select_y);
		SDL_Rect hl = { s->cell.x - sx, s->cell.y + sy, s->cell.w + 2 * sx, s->cell.h - 2 * sy };
		fill(&a->platform, hl, c->button);
	}
	text_in(&a->platform, slider_name(&a->session, s), s->label, is_plot ? c->accent : c->text, UI_BOLD | UI_MARKUP);
	int cy = s->track.y + s->track.h / 2, th = ui_em(p, m->track);
	SDL_Rect tr = { s->track.x, cy - th / 2, s->track.w, th };
	fill(&a->platform, tr, c->track);
	double f = slider_frac(&a->session, s);
	int kx = s->track.x + (int)lround(f * s->track.w);
	SDL_Rect done = { s->track.x, tr.y, kx - s->track.x, th };
	fill(&a->platform, done, s->kind == SLIDER_NODE ? c->accent : c->muted);
	int dragged = i == a->pointer.slider && a->pointer.drag == DRAG_SLIDER;
	disc(&a->platform, (float)kx, (float)cy, p->font_px * (float)m->knob, dragged ? c->grad : c->text);
	char v[64];
	int inset = ui_em(p, m->value_inset);
	SDL_Rect vr = { s->value.x + inset, s->value.y, s->value.w - inset, s->value.h };
	if (i == a->ui.editing) {
		int ex = ui_em(p, m->edit_x), ey = ui_em(p, m->edit_y);
		SDL_Rect box = { vr.x - ex, vr.y + ey, vr.w, vr.h - 2 * ey };
		fill(&a->platform, box, c->bg);
		color(&a->platform, c->accent);
		SDL_RenderDrawRect(a->platform.ren, &box);
		snprintf(v, sizeof v, "%s|", a->ui.edit);
		text_in(&a->platform, v, vr, c->text, 0);
		return;
	}
	fmt_num(v, sizeof v, slider_get(&a->session, s), s->kind == SLIDER_NODE ? 4 : 2);
	text_in(&a->platform, v, vr, c->text, 0);
}

/* The status line (ui_status_line) where the layout put it: the rest of the bar's row,
 * or a band over the figure's title row (ui_message_band), presenting in the room's type. */
static void draw_status(struct app *a, const struct ui_colors *c)
{
	char buf[256];
	int kind;
	const char *s = ui_status_line(a, buf, sizeof buf, &kind);
	SDL_Rect r = a->ui.status_rect;
	if (!s || r.w <= 0)
		return;
	SDL_Color ink = kind == 1 ? c->error : kind == 2 ? c->grad : a->ui.typing_rates || a->ui.present ? c->text : c->muted;
	int style = ui_status_style(a, s);
	if (a->ui.status_band) {
		if (a->ui.present && (a->ui.help || a->ui.list)) /* the overlays use the band's face */
			return;
		r = a->ui.status_rect = ui_message_band(a); /* the title row as last drawn */
		if (a->ui.band_px > 0) {
			ui_panel_size(&a->platform, a->ui.band_px);
			style |= UI_PANEL;
		}
		SDL_Rect band = { 0, r.y, a->platform.draw_w, r.h }, line = { 0, r.y + r.h - 1, a->platform.draw_w, 1 };
		fill(&a->platform, band, c->bar);
		fill(&a->platform, line, c->track);
	}
	text_in(&a->platform, s, r, ink, style);
}

static void draw_buttons(struct app *a, const struct ui_colors *c)
{
	const struct ui_metrics *m = &ui_metrics;
	for (int b = 0; b < BTN_COUNT; b++) {
		SDL_Rect r = a->ui.buttons[b];
		int on = (b == BTN_PLAY && a->playback.playing) || (b == BTN_HELP && a->ui.help) ||
		         (b == BTN_SCENES && a->ui.list);
		fill(&a->platform, r, on ? c->button_on : c->button);
		float x = (float)r.x, y = (float)r.y, w = (float)r.w, h = (float)r.h;
		float cx = x + w / 2, cy = y + h / 2, s = h * (float)m->icon;
		float ar = s * (float)m->icon_arrow, bw = s * (float)m->icon_bar, pw = s * (float)m->icon_pause;
		SDL_Color ic = c->text;
		switch (b) {
		case BTN_FIRST:
		case BTN_LAST: {
			float dir = b == BTN_FIRST ? -1 : 1;
			triangle(&a->platform, cx - dir * s, cy - s, cx - dir * s, cy + s, cx + dir * ar, cy, ic);
			SDL_Rect bar = { (int)(cx + dir * ar - (dir < 0 ? bw : 0)), (int)(cy - s), (int)bw + 1, (int)(2 * s) };
			fill(&a->platform, bar, ic);
			break;
		}
		case BTN_PREV:
			triangle(&a->platform, cx + ar, cy - s, cx + ar, cy + s, cx - ar, cy, ic);
			break;
		case BTN_NEXT:
			triangle(&a->platform, cx - ar, cy - s, cx - ar, cy + s, cx + ar, cy, ic);
			break;
		case BTN_PLAY:
			if (a->playback.playing) {
				SDL_Rect l = { (int)(cx - ar), (int)(cy - s), (int)pw + 1, (int)(2 * s) };
				SDL_Rect rr = { (int)(cx + s * (float)m->icon_pause_gap), (int)(cy - s), (int)pw + 1, (int)(2 * s) };
				fill(&a->platform, l, ic);
				fill(&a->platform, rr, ic);
			} else {
				float back = s * (float)m->icon_play_back, ph = s * (float)m->icon_play_h;
				triangle(&a->platform, cx - back, cy - ph, cx - back, cy + ph, cx + s, cy, ic);
			}
			break;
		default: {
			int inset = ui_em(&a->platform, m->value_inset);
			SDL_Rect tr = { r.x + inset, r.y, r.w - inset, r.h };
			text_in(&a->platform, ui_button_word(b), tr, ic, 0);
		}
		}
	}
}

/* A centred panel over the figure (help, scenes): shaded, framed, with its title pad
 * pixels in from the top-left corner; returns where it went, kept inside the window. */
static SDL_Rect overlay_panel(struct app_platform *p, const struct ui_colors *c, int w, int h, int pad,
                              const char *title, int style)
{
	SDL_Rect box = { (p->draw_w - w) / 2, (p->draw_h - h) / 2, w, h };
	box.x = box.x < 0 ? 0 : box.x;
	box.y = box.y < 0 ? 0 : box.y;
	box.w = box.w > p->draw_w ? p->draw_w : box.w;
	SDL_SetRenderDrawBlendMode(p->ren, SDL_BLENDMODE_BLEND);
	SDL_Color shade = c->bg;
	shade.a = ui_metrics.shade_alpha;
	fill(p, box, shade);
	color(p, c->accent);
	SDL_RenderDrawRect(p->ren, &box);
	ui_text(p, title, box.x + pad, box.y + pad, c->accent, UI_BOLD | style);
	return box;
}

/* The help overlay: keys on the left, what they do on the right; then the mouse. */
static const char *const help_keys[][2] = {
	{ "Right, Space", "next step" },
	{ "Left", "previous step" },
	{ "Home, End", "first / last step" },
	{ "P", "play / pause the walk (+ and − change the pace)" },
	{ "Tab, Shift+Tab", "select a slider" },
	{ "Up, Down", "move it by +ε / −ε and see what J does" },
	{ "G", "one gradient-descent step on every param" },
	{ "T", "train: one step per frame, until T again" },
	{ "R", "reset every value to the scene's (and the descent history)" },
	{ "C", "check: every gradient against nudging (finite differences)" },
	{ "D", "derivative table: J(w), J(w + ε), change / ε for each ε tried" },
	{ "E", "each data row's numbers and their means (scenes with a data set)" },
	{ "M", "forward mode (d node / d the plotted input) or reverse mode" },
	{ "N", "N + P versus N × P: run every pass of both ways" },
	{ "J", "the map of J over the plotted name and the next (again: the curve)" },
	{ "F", "on the map: the next 30 descent steps at α; again: α/4, α, 3α; again: off" },
	{ "Shift+F", "type the paths' learning rates (0.05, 0.2, 0.6), Enter draws them" },
	{ "K", "quiz: values and gradients become ? boxes to click and type" },
	{ "A, H", "in the quiz: reveal all / hide all" },
	{ "S", "save the figure as PNG (2× the window)" },
	{ "Shift+S", "save it as PNG, SVG and PDF" },
	{ "W", "save the whole walk as a PDF, a page per step" },
	{ "L", "light / dark theme" },
	{ "U", "neuron units as boxes / the full scalar graph" },
	{ "F11", "full screen" },
	{ "F5", "present: full screen, no controls, large type (Esc leaves)" },
	{ "PageDown, PageUp", "presenting: next / previous step (with Ctrl: scene)" },
	{ "B, .", "presenting: blank the screen (any key brings it back)" },
	{ "Ctrl+=, Ctrl+−, Ctrl+0", "title, sentence and plot type larger / smaller / as it was" },
	{ "Z, Shift+Z", "zoom into / out of the graph (or the wheel over it)" },
	{ "Ctrl+arrows", "move the zoomed graph (or drag its empty space)" },
	{ "V", "all of the graph; a graph too big to read follows the walk again" },
	{ "PageUp, PageDown", "previous / next built-in scene" },
	{ "O", "the list of built-in scenes, to pick one" },
	{ "[, ]", "the data row the graph shows (scenes with a data set)" },
	{ "F1, ?", "this help (Esc closes it)" },
	{ "Q, Ctrl+Q", "quit" },
};

static const char *const help_mouse[] = {
	"Drag a slider, click its track, or roll the wheel over it;",
	"double-click its value to type a number (Enter applies, Esc cancels).",
	"Drag the point on the J plot, or a value on an input or param node.",
	"Click a param or input (node or slider name) to plot J against it;",
	"Shift+click a second one for the map of J over both (drag its point).",
	"Zoomed in, click the overview in the corner to go there; hover a node for its labels.",
	"Drop a .nudge file on the window to open it; edits to it reload live.",
};

/* The help's widest key, description and mouse line in style's faces. */
static void help_widths(struct app_platform *p, int style, int *kw, int *dw, int *mw)
{
	int nk = (int)(sizeof help_keys / sizeof help_keys[0]), nm = (int)(sizeof help_mouse / sizeof help_mouse[0]);
	*kw = *dw = *mw = 0;
	for (int i = 0; i < nk; i++) {
		int w = ui_text_width(p, help_keys[i][0], UI_BOLD | style);
		*kw = w > *kw ? w : *kw;
		w = ui_text_width(p, help_keys[i][1], style);
		*dw = w > *dw ? w : *dw;
	}
	for (int i = 0; i < nm; i++) {
		int w = ui_text_width(p, help_mouse[i], style);
		*mw = w > *mw ? w : *mw;
	}
}

/* The help's shape: cols columns of keys, the mouse lines under them or not. */
struct help_shape {
	int cols, mouse; /* 1 or 2; 1: the mouse lines shown */
	double scale;    /* the type, times the bar's, at which every line fits whole (<= 1) */
};

/* Of one or two columns, with or without the mouse lines, the shape whose type is
 * largest with every description whole (the mouse lines only where they cost under a
 * tenth of it). */
static struct help_shape help_shape(struct app_platform *p)
{
	const struct ui_metrics *m = &ui_metrics;
	int nk = (int)(sizeof help_keys / sizeof help_keys[0]), nm = (int)(sizeof help_mouse / sizeof help_mouse[0]);
	int kw, dw, mw;
	help_widths(p, 0, &kw, &dw, &mw);
	double em = p->font_px, lh = TTF_FontHeight(p->font) + m->line_gap * em;
	double pad = m->panel_pad_tight * em, gap = m->panel_gap * em, key_gap = m->key_gap * em;
	struct help_shape best = { 2, 0, 0 };
	double best_score = -1;
	for (int cols = 1; cols <= 2; cols++)
		for (int mouse = 1; mouse >= 0; mouse--) {
			int rows = (nk + cols - 1) / cols + 2 + (mouse ? nm + 1 : 0);
			double w = cols * (kw + key_gap + dw) + (cols - 1) * gap, h = rows * lh + 2 * pad;
			w = fmax(w, mouse ? mw : 0) + 2 * pad;
			double scale = fmin(1, fmin(p->draw_w / w, p->draw_h / h));
			double score = scale * (mouse ? 1 : 0.9);
			if (score > best_score) {
				best_score = score;
				best = (struct help_shape){ cols, mouse, scale };
			}
		}
	return best;
}

static void draw_help(struct app_platform *p, const struct ui_colors *c)
{
	int nk = (int)(sizeof help_keys / sizeof help_keys[0]), nm = (int)(sizeof help_mouse / sizeof help_mouse[0]);
	const struct ui_metrics *m = &ui_metrics;
	struct help_shape sh = help_shape(p);
	double dpi = p->draw_w > 0 && p->dpi > 0 ? p->dpi : 1;
	/* a little under the scale: the faces' heights and widths do not follow the size exactly */
	int px = (int)floor(p->font_px * sh.scale * 0.96), least = (int)lround(11 * dpi); /* cut with "…" under */
	ui_panel_size(p, px > least ? px : least);
	double em = p->panel_px;
	int lh = TTF_FontHeight(ui_font(p, UI_PANEL)) + (int)lround(m->line_gap * em), kw, dw, mw;
	int pad = (int)lround((sh.scale < 1 ? m->panel_pad_tight : m->panel_pad) * em), gap = (int)lround(m->panel_gap * em);
	int key_gap = (int)lround(m->key_gap * em), cols = sh.cols, rows_k = (nk + cols - 1) / cols;
	help_widths(p, UI_PANEL, &kw, &dw, &mw);
	int col_w = kw + key_gap + dw, w = cols * col_w + (cols - 1) * gap;
	w = sh.mouse && mw > w ? mw : w;
	if (w > p->draw_w - 2 * pad) { /* at the least type: descriptions cut to fit */
		w = p->draw_w - 2 * pad;
		col_w = (w - (cols - 1) * gap) / cols;
	}
	int rows = rows_k + 2 + (sh.mouse ? nm + 1 : 0);
	SDL_Rect box = overlay_panel(p, c, w + 2 * pad, rows * lh + 2 * pad, pad, "nudge — keys and mouse", UI_PANEL);
	int x = box.x + pad, y = box.y + pad + lh * 2;
	for (int i = 0; i < nk; i++) {
		int cx = x + (i / rows_k) * (col_w + gap), cy = y + (i % rows_k) * lh;
		int kx = kw < col_w / 2 ? kw : col_w / 2;
		SDL_Rect kr = { cx, cy, kx, lh }, dr = { cx + kx + key_gap, cy, col_w - kx - key_gap, lh };
		text_in(p, help_keys[i][0], kr, c->text, UI_BOLD | UI_PANEL);
		text_in(p, help_keys[i][1], dr, c->muted, UI_PANEL);
		p->cut += cy + lh > p->draw_h; /* under the window's edge */
	}
	y += (rows_k + 1) * lh;
	for (int i = 0; sh.mouse && i < nm; i++, y += lh) {
		ui_text(p, help_mouse[i], x, y, c->text, UI_PANEL);
		p->cut += y + lh > p->draw_h;
	}
}

/* Quiz mode: a banner with the score, and the box being typed into. */
static void draw_quiz(struct app *a, const struct ui_colors *c)
{
	const struct ui_metrics *m = &ui_metrics;
	struct app_platform *p = &a->platform;
	char line[256];
	snprintf(line, sizeof line,
	         "Quiz · %d right in %d tries · click a ? and type, Enter checks · A reveal all · H hide all · K end",
	         a->quiz.right, a->quiz.tries);
	/* where the figure's caption would write the step's equation */
	SDL_Rect fr = a->ui.fig_rect;
	double u = fmin(fr.w / 1920.0, fr.h / 1080.0);
	int lh = TTF_FontHeight(p->font_bold) + ui_em(p, m->banner_gap), x0 = fr.x + (int)(m->caption_x * u);
	int bp = ui_em(p, m->banner_pad), w = ui_text_width(p, line, 1) + 2 * bp;
	if (w > fr.x + fr.w - x0)
		w = fr.x + fr.w - x0;
	SDL_Rect band = { x0, fr.y + fr.h - (int)(m->caption_y * u) - lh / 2, w, lh };
	fill(p, band, c->button_on);
	SDL_Rect tr = { band.x + bp, band.y, band.w - 2 * bp, band.h };
	text_in(p, line, tr, c->text, 1);
	if (a->quiz.node < 0 && a->quiz.edge < 0)
		return;
	SDL_Rect box = a->quiz.box;
	fill(&a->platform, box, c->bg);
	color(&a->platform, c->accent);
	SDL_RenderDrawRect(a->platform.ren, &box);
	int f = ui_em(p, m->frame), inset = ui_em(p, m->value_inset);
	SDL_Rect in = { box.x + f, box.y + f, box.w - 2 * f, box.h - 2 * f };
	SDL_RenderDrawRect(a->platform.ren, &in);
	char typed[80];
	snprintf(typed, sizeof typed, "%s|", a->quiz.text);
	SDL_Rect t = { box.x + inset, box.y, box.w - 2 * inset, box.h };
	text_in(&a->platform, typed, t, c->text, 1);
}

/* The Scenes overlay: every built-in scene with its title; the open one marked. */
static void draw_scene_list(struct app *a, const struct ui_colors *c)
{
	const struct ui_metrics *m = &ui_metrics;
	int lh = TTF_FontHeight(a->platform.font) + ui_em(&a->platform, m->list_gap), nw = 0, tw = 0;
	for (int i = 0; i < a->ui.n_list; i++) {
		int w = ui_text_width(&a->platform, a->ui.list[i].name, 1);
		nw = w > nw ? w : nw;
		w = ui_text_width(&a->platform, a->ui.list[i].title, 0);
		tw = w > tw ? w : tw;
	}
	int pad = ui_em(&a->platform, m->panel_pad), gap = ui_em(&a->platform, m->panel_gap), w = nw + gap + tw;
	int rows = a->ui.n_list + 3;
	SDL_Rect box = overlay_panel(&a->platform, c, w + 2 * pad, rows * lh + 2 * pad, pad,
	                             "Built-in scenes — click one, or ↑ ↓ and Enter; Esc closes", 0);
	int x = box.x + pad, y = box.y + pad + lh * 2;
	for (int i = 0; i < a->ui.n_list && i < APP_MAX_SCENES; i++, y += lh) {
		SDL_Rect row = { box.x + pad / 2, y - ui_em(&a->platform, m->row_inset), box.w - pad, lh };
		a->ui.list_rows[i] = row;
		if (i == a->ui.list_sel)
			fill(&a->platform, row, c->button_on);
		int open = strcmp(a->ui.list[i].name, a->files.name) == 0;
		ui_text(&a->platform, a->ui.list[i].name, x, y, open ? c->accent : c->text, 1);
		SDL_Rect tr = { x + nw + gap, y, box.x + box.w - pad - (x + nw + gap), TTF_FontHeight(a->platform.font) };
		text_in(&a->platform, a->ui.list[i].title, tr, i == a->ui.list_sel ? c->text : c->muted, 0);
	}
}

/* The band ui_layout made above the figure: a refused scene's message, line by line. */
static void draw_error(struct app_platform *p, const char *error, SDL_Rect band, const struct ui_colors *c)
{
	const struct ui_metrics *m = &ui_metrics;
	int lh = TTF_FontHeight(p->font) + ui_em(p, m->line_gap), edge_h = ui_em(p, m->error_edge);
	int bp = ui_em(p, m->banner_pad), y0 = bp / 2;
	fill(p, band, c->bg);
	SDL_Rect edge = { 0, band.h - edge_h, p->draw_w, edge_h };
	fill(p, edge, c->error);
	char buf[sizeof ((struct app_files *)0)->error]; /* strtok cuts a copy */
	snprintf(buf, sizeof buf, "%s", error);
	int y = y0;
	for (char *line = strtok(buf, "\n"); line && y + lh <= band.h; line = strtok(NULL, "\n"), y += lh) {
		SDL_Rect r = { bp, y, p->draw_w - 2 * bp, lh };
		text_in(p, line, r, c->error, y == y0);
	}
}

void ui_draw(struct app *a)
{
	const struct ui_colors colors = ui_colors_of(theme_get(a->ui.theme)), *c = &colors;
	a->platform.cut = 0;
	SDL_SetRenderDrawBlendMode(a->platform.ren, SDL_BLENDMODE_NONE);
	color(&a->platform, c->bg);
	if (a->ui.blank) { /* presentation, B or '.': a black screen */
		SDL_SetRenderDrawColor(a->platform.ren, 0, 0, 0, 255);
		SDL_RenderClear(a->platform.ren);
		return;
	}
	SDL_RenderClear(a->platform.ren);
	if (a->platform.fig_tex)
		SDL_RenderCopy(a->platform.ren, a->platform.fig_tex, NULL, &a->ui.fig_rect);
	if (a->ui.present) { /* no controls; the help and the scene list still open */
		if (a->ui.list)
			draw_scene_list(a, c);
		if (a->ui.help)
			draw_help(&a->platform, c);
		draw_status(a, c);
		return;
	}
	fill(&a->platform, a->ui.bar, c->bar);
	SDL_Rect line = { 0, a->ui.bar.y, a->platform.draw_w, 1 };
	fill(&a->platform, line, c->track);
	for (int i = 0; i < a->ui.n_sliders; i++)
		draw_slider(a, i, c);
	draw_buttons(a, c);
	draw_status(a, c);
	if (a->quiz.on)
		draw_quiz(a, c);
	if (a->files.error[0])
		draw_error(&a->platform, a->files.error, a->ui.error_rect, c);
	if (a->ui.list)
		draw_scene_list(a, c);
	if (a->ui.help)
		draw_help(&a->platform, c);
}
