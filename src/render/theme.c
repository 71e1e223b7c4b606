/* theme.c - the two colour themes (dark for screens, light for slides) built on the
 * Okabe-Ito colour-blind-safe palette: forward values are blue, gradients orange or
 * vermillion, the nudge reddish purple, params bluish green - the same everywhere,
 * in the figure and in the window's chrome (the one palette, nudge/theme.h). */
#include "render-private.h"

#define RGB(h) { ((h) >> 16 & 255) / 255.0, ((h) >> 8 & 255) / 255.0, ((h) & 255) / 255.0, 1 }

static const struct theme theme_dark = {
	.bg = RGB(0x15171c),
	.panel = RGB(0x1c1f26),
	.fg = RGB(0xeceef2),
	.muted = RGB(0xa3a9b4),
	.grid = RGB(0x353a45),
	.forward = RGB(0x56b4e9),
	.backward = RGB(0xe69f00),
	.nudge = RGB(0xcc79a7),
	.fill = { RGB(0x232833), RGB(0x1b3530), RGB(0x232833), RGB(0x262b35) },
	.edge_kind = { RGB(0x8d95a3), RGB(0x2fb68c), RGB(0x8d95a3), RGB(0xc9ced8) },
	.cost = RGB(0xf0e442),
	.label_bg = RGB(0x1c1f26),
	.label_class = { RGB(0x56b4e9), RGB(0xf0e442) },
	.wrong = RGB(0xff6e64),
	.bar = RGB(0x22242b),
	.track = RGB(0x464956),
	.button = RGB(0x343742),
	.button_on = RGB(0x466e96),
};

static const struct theme theme_light = {
	.bg = RGB(0xffffff),
	.panel = RGB(0xfbfbfc),
	.fg = RGB(0x1b1d22),
	.muted = RGB(0x5c636e),
	.grid = RGB(0xd9dde3),
	.forward = RGB(0x0072b2),
	.backward = RGB(0xd55e00),
	.nudge = RGB(0xb0478a),
	.fill = { RGB(0xf0f2f5), RGB(0xe4f4ee), RGB(0xf0f2f5), RGB(0xffffff) },
	.edge_kind = { RGB(0x6b7380), RGB(0x009e73), RGB(0x6b7380), RGB(0x3a3f48) },
	.cost = RGB(0x1b1d22),
	.label_bg = RGB(0xffffff),
	.label_class = { RGB(0x0072b2), RGB(0xe69f00) },
	.wrong = RGB(0xc62828),
	.bar = RGB(0xf0f1f4),
	.track = RGB(0xc8cad2),
	.button = RGB(0xdee0e6),
	.button_on = RGB(0xaac8e6),
};

const struct theme *theme_get(enum draw_theme t)
{
	return t == THEME_LIGHT ? &theme_light : &theme_dark;
}

void theme_set(cairo_t *cr, struct rgba c)
{
	cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
}

void theme_set_alpha(cairo_t *cr, struct rgba c, double alpha)
{
	cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a * alpha);
}
