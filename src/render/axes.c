/* axes.c - the frame, grid and round-number ticks shared by the J(w) plot and the data
 * panel, and the mapping from data to user coordinates. No curves here. */
#include <math.h>
#include <stdio.h>
#include "nudge/format.h"
#include "render-private.h"

double axes_x(const struct axes *a, double v)
{
	return a->x + (v - a->xlo) / (a->xhi - a->xlo) * a->w;
}

double axes_y(const struct axes *a, double v)
{
	return a->y + a->h - (v - a->ylo) / (a->yhi - a->ylo) * a->h;
}

#define AXES_TICK_MIN 26 /* the least tick font, 1080p pixels of the figure's height at its
                           font scale: the digits stand 1/57 of it (a lecture hall reads
                           them), also on a narrower screen than 16:9 */

double axes_font_least(const struct draw_opts *o, double u)
{
	double uh = u; /* u follows the width on a narrow screen: this, the height */
	if (o && o->width > 0 && o->height * 1920 > o->width * 1080)
		uh *= o->height * 1920 / (o->width * 1080);
	return fmax(24 * u, AXES_TICK_MIN * uh);
}

double axes_font(const struct panel *p)
{
	return fmax(axes_font_least(p->o, p->u), fmin(30 * p->u, fmin(p->w, 1.5 * p->h) / 30));
}

/* Tick label text; values within a hair of zero print as 0. */
static void axes_label(char *buf, size_t n, double v, double step)
{
	if (fabs(v) < step * 1e-6)
		v = 0;
	fmt_num(buf, n, v, 6);
}

#define AXES_MAX_TICKS 200

/* Do ticks step apart from lo to hi make a short list? (A diverged descent's losses span
 * more than a double holds, or so much that adding step changes nothing: the tick loops
 * would not end.) */
static int axes_ticks(double lo, double hi, double step)
{
	double n = (hi - lo) / step;
	return isfinite(n) && n < AXES_MAX_TICKS && lo + step != lo && hi + step != hi;
}

/* How many ticks step apart stand in [lo, hi]. */
static int axes_count(double lo, double hi, double step)
{
	return (int)(floor(hi / step + 1e-9) - ceil(lo / step - 1e-9)) + 1;
}

/* The next round step below step (1, 2, 5 times a power of ten). */
static double axes_finer(double step)
{
	double p = pow(10, floor(log10(step) + 1e-9)), f = step / p;
	return (f < 1.5 ? 0.5 : f < 3.5 ? 1 : 2) * p;
}

/* The y axis's tick step: about one tick per 4 fonts, finer where that leaves fewer than
 * two labels (a low plot: "0" alone) and the finer labels stay 1.3 fonts apart. */
static double axes_y_step(const struct axes *a, double font)
{
	double ys = sample_step(a->ylo, a->yhi, (int)fmax(2, a->h / (font * 4)));
	for (int tries = 0; tries < 4 && axes_ticks(a->ylo, a->yhi, ys) && axes_count(a->ylo, a->yhi, ys) < 2; tries++) {
		double f = axes_finer(ys);
		if (f / (a->yhi - a->ylo) * a->h < font * 1.3)
			break;
		ys = f;
	}
	return ys;
}

double axes_margin(struct render *r, const struct axes *a, double font)
{
	struct text_style ts = {FONT_REGULAR, font, 1};
	char buf[64];
	if (!isfinite(a->ylo) || !isfinite(a->yhi)) /* no ticks to count */
		return font;
	double ys = axes_y_step(a, font), wmax = 0;
	for (double v = ceil(a->ylo / ys - 1e-9) * ys; axes_ticks(a->ylo, a->yhi, ys) && v <= a->yhi + ys * 1e-9; v += ys) {
		axes_label(buf, sizeof buf, v, ys);
		wmax = fmax(wmax, text_width(r, buf, &ts));
	}
	return wmax + font * 0.45;
}

/* The next round step above step (1, 2, 5 times a power of ten). */
static double axes_coarser(double step)
{
	double p = pow(10, floor(log10(step) + 1e-9)), f = step / p;
	return (f < 1.5 ? 2 : f < 3.5 ? 5 : 10) * p;
}

/* Do the x labels step apart fit between their ticks, the widest and 0.6 font? */
static int axes_x_fits(struct render *r, const struct axes *a, double font, double xs)
{
	struct text_style ts = {FONT_REGULAR, font, 1};
	char buf[64];
	double wmax = 0;
	int n = 0;
	for (double v = ceil(a->xlo / xs - 1e-9) * xs; v <= a->xhi + xs * 1e-9 && n < AXES_MAX_TICKS; v += xs, n++) {
		axes_label(buf, sizeof buf, v, xs);
		wmax = fmax(wmax, text_width(r, buf, &ts));
	}
	return n < 2 || wmax + font * 0.6 <= xs / (a->xhi - a->xlo) * a->w;
}

/* The x axis's tick step: about one tick per 5 fonts, coarser while its labels do not
 * fit (a narrow plot: "−5 0 5" would run together), finer where that leaves fewer than
 * two labels and the finer ones fit (network's narrow J plot showed "0" alone). */
static double axes_x_step(struct render *r, const struct axes *a, double font)
{
	double xs = sample_step(a->xlo, a->xhi, (int)fmax(2, a->w / (font * 5)));
	for (int tries = 0; tries < 8 && !axes_x_fits(r, a, font, xs); tries++)
		xs = axes_coarser(xs);
	for (int tries = 0; tries < 4 && axes_ticks(a->xlo, a->xhi, xs) && axes_count(a->xlo, a->xhi, xs) < 2; tries++) {
		double f = axes_finer(xs);
		if (!axes_x_fits(r, a, font, f))
			break;
		xs = f;
	}
	return xs;
}

void axes_frame(cairo_t *cr, struct render *r, const struct theme *th, struct axes *a,
                double font, const char *xname, const char *yname)
{
	double ml = axes_margin(r, a, font);
	a->x += ml;
	a->w -= ml + font * 0.5;
	cairo_rectangle(cr, a->x, a->y, a->w, a->h);
	theme_set(cr, th->panel);
	cairo_fill(cr);
	axes_draw(cr, r, th, a, font, xname, yname);
}

void axes_draw(cairo_t *cr, struct render *r, const struct theme *th, const struct axes *a,
               double font, const char *xname, const char *yname)
{
	struct text_style ts = {FONT_REGULAR, font, 1};
	char buf[64];
	if (!isfinite(a->xlo) || !isfinite(a->xhi) || !isfinite(a->ylo) || !isfinite(a->yhi))
		return; /* a tick loop over an infinite range would never end */
	double lw = font * 0.07;
	cairo_set_line_width(cr, lw);
	double xs = axes_x_step(r, a, font);
	double ys = axes_y_step(a, font);
	/* the lowest y label at the frame's foot (its digits 0.17 font over the x labels'):
	   an x label reaching under it is left out (a map's "−4" under "−4" at the corner) */
	double ylow = axes_y(a, ceil(a->ylo / ys - 1e-9) * ys);
	int corner = axes_ticks(a->ylo, a->yhi, ys) && a->y + a->h - ylow < font * 0.15;
	for (double v = ceil(a->xlo / xs - 1e-9) * xs; axes_ticks(a->xlo, a->xhi, xs) && v <= a->xhi + xs * 1e-9; v += xs) {
		double x = axes_x(a, v);
		theme_set(cr, th->grid);
		cairo_move_to(cr, x, a->y);
		cairo_line_to(cr, x, a->y + a->h);
		cairo_stroke(cr);
		axes_label(buf, sizeof buf, v, xs);
		double tw = text_width(r, buf, &ts);
		if (corner && x - tw / 2 < a->x - font * 0.35)
			continue;
		theme_set(cr, th->muted);
		text_draw(cr, r, buf, x - tw / 2, a->y + a->h + font * 1.25, &ts);
	}
	for (double v = ceil(a->ylo / ys - 1e-9) * ys; axes_ticks(a->ylo, a->yhi, ys) && v <= a->yhi + ys * 1e-9; v += ys) {
		double y = axes_y(a, v);
		theme_set(cr, th->grid);
		cairo_move_to(cr, a->x, y);
		cairo_line_to(cr, a->x + a->w, y);
		cairo_stroke(cr);
		axes_label(buf, sizeof buf, v, ys);
		double tw = text_width(r, buf, &ts);
		theme_set(cr, th->muted);
		text_draw(cr, r, buf, a->x - tw - font * 0.45, y + font * 0.35, &ts);
	}
	theme_set(cr, th->muted);
	cairo_set_line_width(cr, lw * 1.6);
	cairo_rectangle(cr, a->x, a->y, a->w, a->h);
	cairo_stroke(cr);
	struct text_style ns = {FONT_ITALIC, font * 1.15, 0};
	theme_set(cr, th->fg);
	if (xname) {
		double tw = text_width(r, xname, &ns);
		text_draw(cr, r, xname, a->x + a->w - tw, a->y + a->h + font * 2.7, &ns);
	}
	if (yname)
		text_draw(cr, r, yname, a->x - font * 0.2, a->y - font * 0.6, &ns);
}
