/* ui_metrics.c - the window's sizes in one table, in em units (1 em = the interface
 * font's pixel size, platform.font_px, which follows the window's height so that a
 * slider's value reads as the figure's numbers do): ui_layout.c places the controls
 * with them and ui_draw.c, quiz.c draw with them. Fractions of the window or of a
 * button are marked as such in app-private.h. No pixel sizes here. */
#include <math.h>

#include "app-private.h"

const struct ui_metrics ui_metrics = {
	.pad = 0.35, .row = 1.45, .button = 1.5, .col_min = 11.5, .cols_most = 6, .cell_min = 8, .label_min = 2, .value = 5,
	.read = 60, .digit = 0.729, .band_read = 42, .width_em = 56, .status_least = 22.5,
	.track_min = 0.57, .word_pad = 0.8, .bar_share = 0.42, .error_share = 1.0 / 3,
	.line_gap = 0.15, .select_x = 0.2, .select_y = 0.07, .track = 0.3, .knob = 0.55, .value_inset = 0.5,
	.edit_x = 0.15, .edit_y = 0.15, .frame = 0.07,
	.icon = 0.22, .icon_arrow = 0.8, .icon_bar = 0.35, .icon_pause = 0.55, .icon_pause_gap = 0.25,
	.icon_play_back = 0.7, .icon_play_h = 1.1,
	.panel_pad = 2, .panel_pad_tight = 1, .panel_gap = 2, .key_gap = 1, .list_gap = 0.5, .row_inset = 0.22,
	.banner_pad = 1, .banner_gap = 0.5, .error_edge = 0.2, .answer_w = 6, .answer_h = 1.8,
	.shade_alpha = 245, .scrub_span = 400, .caption_x = 40, .caption_y = 66,
};

int ui_em(const struct app_platform *p, double em)
{
	return (int)lround(em * p->font_px);
}
