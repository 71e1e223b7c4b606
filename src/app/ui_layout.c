/* ui_layout.c - where everything goes for a drawable size: the figure on top (below
 * the band of a refused scene's message, when there is one), the control bar under it:
 * a grid of sliders, then the step buttons, screenshot, theme, help and the status line
 * (in the grid's last row when they fit there, else in a row of their own); a message
 * longer than that line (presenting: any) goes in a band over the figure's title row while
 * it shows, which moves nothing (ui_message_band).
 * Sizes follow the window, down to 640x400. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "app-private.h"

static int clampi(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* With NUDGE_LAYOUT_FILE set, writes where every control is (in window units) so
 * an end-to-end test can aim the real mouse at a knob: "slider NAME X Y W H", the
 * figure "figure X Y W H" and, while one is drawn, the map "map X Y W H" (its plot
 * area, in the figure) with its ranges "ALO AHI BLO BHI". */
void ui_layout_file(const struct app *a)
{
	const char *path = getenv("NUDGE_LAYOUT_FILE");
	if (!path || !*path)
		return;
	FILE *f = fopen(path, "w");
	if (!f)
		return;
	double d = a->platform.dpi > 0 ? a->platform.dpi : 1;
	for (int i = 0; i < a->ui.n_sliders; i++) {
		const SDL_Rect *r = &a->ui.sliders[i].track;
		const char *name = a->ui.sliders[i].kind == SLIDER_NODE ? a->session.scene->nodes[a->ui.sliders[i].node].name
		                 : a->ui.sliders[i].kind == SLIDER_EPS ? "eps" : "rate";
		fprintf(f, "slider %s %d %d %d %d\n", name, (int)(r->x / d), (int)(r->y / d), (int)(r->w / d),
		        (int)(r->h / d));
	}
	SDL_Rect fr = a->ui.fig_rect;
	fprintf(f, "figure %d %d %d %d\n", (int)(fr.x / d), (int)(fr.y / d), (int)(fr.w / d), (int)(fr.h / d));
	SDL_Rect mr = a->ui.map_rect;
	if (mr.w > 0)
		fprintf(f, "map %d %d %d %d %.17g %.17g %.17g %.17g\n", (int)(mr.x / d), (int)(mr.y / d), (int)(mr.w / d),
		        (int)(mr.h / d), a->ui.map_range[0], a->ui.map_range[1], a->ui.map_range[2], a->ui.map_range[3]);
	fclose(f);
}

const char *ui_button_word(int b)
{
	static const char *const words[BTN_COUNT] = { [BTN_SHOT] = "Screenshot", [BTN_THEME] = "Theme",
	                                              [BTN_SCENES] = "Scenes", [BTN_HELP] = "Help" };
	return b >= 0 && b < BTN_COUNT ? words[b] : NULL;
}

const char *ui_status_line(const struct app *a, char *buf, size_t n, int *kind)
{
	*kind = 0;
	if (a->ui.typing_rates) { /* the map's learning rates (Shift+F), presenting too */
		snprintf(buf, n, "learning rates: %s|   (as 0.05, 0.2, 0.6; Enter draws them, Esc cancels)", a->ui.edit);
		return buf;
	}
	if (a->ui.status[0] && (!a->ui.present || a->ui.status_present)) {
		*kind = a->ui.status_error;
		return a->ui.status;
	}
	*kind = 2;
	return a->playback.training && !a->ui.present ? "training… (T stops)" : NULL;
}

int ui_status_style(const struct app *a, const char *s)
{
	return s == a->ui.status && a->ui.status_markup ? UI_MARKUP : 0;
}

int ui_status_wants_band(struct app *a)
{
	char buf[256];
	int kind;
	const char *s = ui_status_line(a, buf, sizeof buf, &kind);
	return s && ui_text_width(&a->platform, s, ui_status_style(a, s)) > a->ui.status_room;
}

/* The step buttons and the word buttons side by side from x (y their top): returns
 * where the row ends. With place 0 only measures. */
static int ui_layout_buttons(struct app *a, int x, int y, int place)
{
	const struct app_platform *p = &a->platform;
	int pad = ui_em(p, ui_metrics.pad), btn_h = ui_em(p, ui_metrics.button);
	for (int b = BTN_FIRST; b <= BTN_LAST; b++) {
		if (place)
			a->ui.buttons[b] = (SDL_Rect){ x, y, btn_h, btn_h };
		x += btn_h + pad / 2;
	}
	x += pad;
	for (int b = BTN_SHOT; b <= BTN_HELP; b++) {
		int w = ui_text_width(&a->platform, ui_button_word(b), 0) + ui_em(p, ui_metrics.word_pad);
		if (place)
			a->ui.buttons[b] = (SDL_Rect){ x, y, w, btn_h };
		x += w + pad / 2;
	}
	return x;
}

/* The slider grid's shape: cols columns of cell_w, rows rows. *inline_ is 1 when the
 * buttons go at the end of the last row (it has room for them), which saves the bar
 * the buttons' own row: the fewest rows, then the status line's least width left in
 * the row, then the widest cells, of up to ui_metrics.cols_most columns no narrower
 * than col_min. A message longer than the status line gets a band of its own. */
static void ui_layout_grid(struct app *a, int n, int *cols, int *cell_w, int *rows, int *inline_)
{
	const struct ui_metrics *m = &ui_metrics;
	const struct app_platform *p = &a->platform;
	int W = p->draw_w, H = p->draw_h;
	int pad = ui_em(p, m->pad), row_h = ui_em(p, m->row), btn_h = ui_em(p, m->button);
	int min_w = ui_em(p, m->col_min), c = clampi(W / min_w, 1, 4);
	if (c > n)
		c = n > 0 ? n : 1;
	int max_rows = (int)((m->bar_share * H - btn_h - 3 * pad) / row_h);
	if (max_rows < 1)
		max_rows = 1;
	if ((n + c - 1) / c > max_rows)
		c = (n + max_rows - 1) / max_rows;
	int cw = (W - pad * (c + 1)) / c;
	if (cw < ui_em(p, m->cell_min)) { /* too many to show: keep the ones that fit */
		c = clampi((W - pad) / (ui_em(p, m->cell_min) + pad), 1, 64);
		cw = (W - pad * (c + 1)) / c;
	}
	int r = (n + c - 1) / c;
	if (r > max_rows)
		r = max_rows;
	*cols = c, *cell_w = cw, *rows = r, *inline_ = 0;
	if (n == 0 || r * c < n)
		return;
	int need = ui_layout_buttons(a, 0, 0, 0) + pad, least = ui_em(p, m->status_least);
	int most = clampi(W / min_w, 1, m->cols_most), roomy = 0; /* roomy: the status line has its least */
	for (int ci = 1; ci <= most; ci++) {
		int ri = (n + ci - 1) / ci, last = n - (ri - 1) * ci; /* sliders in the last row */
		if (ri > r)
			continue;
		/* the grid's cells, narrowed to leave the buttons (and the status line) the last row's rest */
		int wi = (W - pad * (ci + 1)) / ci, fit = (W - need) / last - pad;
		int fit_room = (W - need - 2 * pad - least) / last - pad; /* the status line's pads too */
		int room = fit_room >= min_w, most_w = room ? fit_room : fit;
		wi = wi < most_w ? wi : most_w;
		int better = !*inline_ || ri < *rows ||
		             (ri == *rows && (room > roomy || (room == roomy && wi > *cell_w)));
		if (wi < min_w || !better)
			continue;
		*cols = ci, *cell_w = wi, *rows = ri, *inline_ = 1;
		roomy = room;
	}
}

SDL_Rect ui_message_band(struct app *a)
{
	const struct ui_metrics *m = &ui_metrics;
	struct app_platform *p = &a->platform;
	SDL_Rect f = a->ui.fig_rect;
	struct graph_frame g;
	int drawn = figure_graph_frame(p->geom, &g);
	/* the title's row: from the figure's top to the graph's panel, as last drawn */
	int top = drawn ? (int)floor(g.y) : 0, margin = drawn ? (int)lround(g.x) : ui_em(p, m->pad);
	int room = f.w - 2 * margin, px = p->font_px;
	a->ui.band_px = 0;
	if (a->ui.present) {
		/* the room's type: a digit of 1/band_read of the height; smaller only for a line wider
		   than the screen (measured in the bar's face, whose widths scale with its size) */
		char buf[256];
		int kind;
		const char *s = ui_status_line(a, buf, sizeof buf, &kind);
		double big = ceil(f.h / (m->band_read * m->digit));
		int wide = s && p->font_px > 0 ? ui_text_width(p, s, ui_status_style(a, s)) : 0;
		if (wide > 0 && wide * big / p->font_px > room * 0.97)
			big = floor(room * 0.97 * p->font_px / wide);
		px = a->ui.band_px = (int)big > p->font_px ? (int)big : p->font_px;
	}
	int need = (int)ceil(px * (1 + 2 * m->line_gap)) + 2 * ui_em(p, m->pad);
	return (SDL_Rect){ f.x + margin, f.y, room, top > need ? top : need };
}

void ui_layout(struct app *a)
{
	int W = a->platform.draw_w, H = a->platform.draw_h;
	double dpi = a->platform.dpi > 0 ? a->platform.dpi : 1;
	const struct ui_metrics *m = &ui_metrics;
	/* the type: a slider value's digits at least 1/60 of the height, as the figure's
	 * numbers in the window, unless the window is too narrow for that */
	int px = (int)fmin(ceil(H / (m->read * m->digit)), floor(W / m->width_em));
	ui_text_size(&a->platform, clampi(px, (int)lround(12 * dpi), (int)lround(28 * dpi)));
	const struct app_platform *p = &a->platform;
	int pad = ui_em(p, m->pad), row_h = ui_em(p, m->row), btn_h = ui_em(p, m->button);

	/* the slider grid: as many columns as fit, more when rows would take too much
	 * height; the buttons in its last row when they fit there */
	int n = a->ui.n_sliders, cols, cell_w, rows, inl;
	ui_layout_grid(a, n, &cols, &cell_w, &rows, &inl);
	int bar_h = inl ? (rows - 1) * row_h + (btn_h > row_h ? btn_h : row_h) + 2 * pad : rows * row_h + btn_h + 3 * pad;
	a->ui.bar = (SDL_Rect){ 0, H - bar_h, W, bar_h };
	/* a refused scene's message gets its own band above the figure, covering nothing */
	int err_h = 0;
	if (a->files.error[0]) {
		int lines = 1;
		for (const char *q = a->files.error; *q; q++)
			lines += *q == '\n';
		int lh = TTF_FontHeight(a->platform.font) + ui_em(p, m->line_gap);
		err_h = clampi(lines * lh + ui_em(p, m->banner_pad), 0, (int)lround((H - bar_h) * m->error_share));
	}
	a->ui.error_rect = (SDL_Rect){ 0, 0, W, err_h };
	a->ui.fig_rect = (SDL_Rect){ 0, err_h, W, H - bar_h - err_h };

	int label_w = 0;
	for (int i = 0; i < n; i++) {
		int w = ui_text_width(&a->platform, slider_name(&a->session, &a->ui.sliders[i]), UI_BOLD | UI_MARKUP);
		label_w = w > label_w ? w : label_w;
	}
	label_w = clampi(label_w + pad, ui_em(p, m->label_min), cell_w / 3);
	int value_w = ui_em(p, m->value), track_min = ui_em(p, m->track_min);
	for (int i = 0; i < n; i++) {
		struct slider *s = &a->ui.sliders[i];
		int r = i / cols, c = i % cols;
		if (r >= rows) {
			s->cell = s->label = s->track = s->value = (SDL_Rect){ 0, 0, 0, 0 };
			continue;
		}
		int x = pad + c * (cell_w + pad), y = a->ui.bar.y + pad + r * row_h;
		s->cell = (SDL_Rect){ x, y, cell_w, row_h };
		s->label = (SDL_Rect){ x, y, label_w, row_h };
		s->value = (SDL_Rect){ x + cell_w - value_w, y, value_w, row_h };
		int tx = x + label_w + pad / 2, tw = cell_w - label_w - value_w - pad;
		s->track = (SDL_Rect){ tx, y, tw > track_min ? tw : track_min, row_h };
	}

	int bx = pad, by = a->ui.bar.y + a->ui.bar.h - pad - btn_h;
	if (inl) { /* after the last row's sliders, at its top */
		bx += (n - (rows - 1) * cols) * (cell_w + pad);
		by = a->ui.bar.y + pad + (rows - 1) * row_h;
	}
	bx = ui_layout_buttons(a, bx, by, 1);
	a->ui.status_rect = (SDL_Rect){ bx + pad, by, W - bx - 2 * pad, btn_h };
	a->ui.status_room = a->ui.present ? 0 : a->ui.status_rect.w;
	a->ui.status_band = 0;
	if (a->ui.present) { /* presentation: the figure takes the screen, no controls */
		a->ui.bar = (SDL_Rect){ 0, H, W, 0 };
		a->ui.fig_rect = (SDL_Rect){ 0, err_h, W, H - err_h };
		for (int i = 0; i < n; i++) {
			struct slider *s = &a->ui.sliders[i];
			s->cell = s->label = s->track = s->value = (SDL_Rect){ 0, 0, 0, 0 };
		}
		for (int b = 0; b < BTN_COUNT; b++)
			a->ui.buttons[b] = (SDL_Rect){ 0, 0, 0, 0 };
		a->ui.status_rect = (SDL_Rect){ 0, 0, 0, 0 };
	}
	a->ui.band_px = 0;
	if (ui_status_wants_band(a)) { /* over the figure's title row: a message moves nothing */
		a->ui.status_rect = ui_message_band(a);
		a->ui.status_band = 1;
	}
	ui_layout_file(a);
	a->ui.layout_w = W;
	a->ui.layout_h = H;
}
