/* ui_layout.c - where everything goes for a drawable size: the figure on top (below
 * the band of a refused scene's message, when there is one), the control bar under it (a grid of sliders, then the step buttons, screenshot, theme,
 * help and the status line). Sizes follow the window, down to 640x400. */
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

void ui_layout(struct app *a)
{
	int W = a->platform.draw_w, H = a->platform.draw_h;
	double dpi = a->platform.dpi > 0 ? a->platform.dpi : 1;
	int px = clampi((int)lround(fmin(W / 90.0, H / 52.0)), (int)lround(12 * dpi), (int)lround(24 * dpi));
	ui_text_size(&a->platform, px);
	const struct ui_metrics *m = &ui_metrics;
	const struct app_platform *p = &a->platform;
	int pad = ui_em(p, m->pad), row_h = ui_em(p, m->row), btn_h = ui_em(p, m->button);

	/* the slider grid: as many columns as fit, more when rows would take too much height */
	int n = a->ui.n_sliders;
	int min_w = ui_em(p, m->col_min), cols = clampi(W / min_w, 1, 4);
	if (cols > n)
		cols = n > 0 ? n : 1;
	int max_rows = (int)((m->bar_share * H - btn_h - 3 * pad) / row_h);
	if (max_rows < 1)
		max_rows = 1;
	if ((n + cols - 1) / cols > max_rows)
		cols = (n + max_rows - 1) / max_rows;
	int cell_w = (W - pad * (cols + 1)) / cols;
	if (cell_w < ui_em(p, m->cell_min)) { /* too many to show: keep the ones that fit */
		cols = clampi((W - pad) / (ui_em(p, m->cell_min) + pad), 1, 64);
		cell_w = (W - pad * (cols + 1)) / cols;
	}
	int rows = (n + cols - 1) / cols;
	if (rows > max_rows)
		rows = max_rows;
	int bar_h = rows * row_h + btn_h + 3 * pad;
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

	int by = a->ui.bar.y + a->ui.bar.h - pad - btn_h, bx = pad;
	for (int b = BTN_FIRST; b <= BTN_LAST; b++) {
		a->ui.buttons[b] = (SDL_Rect){ bx, by, btn_h, btn_h };
		bx += btn_h + pad / 2;
	}
	bx += pad;
	for (int b = BTN_SHOT; b <= BTN_HELP; b++) {
		int w = ui_text_width(&a->platform, ui_button_word(b), 0) + ui_em(p, m->word_pad);
		a->ui.buttons[b] = (SDL_Rect){ bx, by, w, btn_h };
		bx += w + pad / 2;
	}
	a->ui.status_rect = (SDL_Rect){ bx + pad, by, W - bx - 2 * pad, btn_h };
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
	ui_layout_file(a);
	a->ui.layout_w = W;
	a->ui.layout_h = H;
}
