/* draw_eps.c - the derivative playground's error plot: how far the one-sided estimate
 * (J(w + ε) − J(w)) / ε is from the exact dJ/dw, against ε, both on log₁₀ scales, so the
 * error is seen to shrink with ε and then grow again from rounding when ε is tiny. The
 * points are the engine's (the panel's pairs); the current ε is marked. */
#include <math.h>
#include <stdio.h>
#include "render-private.h"

void draw_eps(cairo_t *cr, struct render *r, const struct figure *fig, const struct eps_view *e,
              const struct panel *p)
{
	int n = e->n;
	if (n <= 1 || !e->pairs)
		return;
	const struct theme *th = p->th;
	const struct scene *s = fig->scene;
	double font = axes_font(p);
	const struct figure_panel *cost = figure_panel(fig, PANEL_COST);
	const char *j = s->nodes[s->cost].label, *w = cost ? s->nodes[cost->cost.plot].label : "w";
	char head[300]; /* '\1', '\2': where a narrow panel breaks it (text_break) */
	snprintf(head, sizeof head, "error of\2(%s(%s + ε) − %s(%s)) / ε\1against ε", j, w, j, w);
	/* one line where it stands 0.75 of the ticks' size and the least type; else lines of
	   the least type; else none (the axes' names say what is plotted) */
	double least = fmax(font * 0.6, text_least(p));
	struct text_style hs = {FONT_BOLD, font * 1.05, 0};
	struct text_lines lines;
	text_break(r, head, &hs, p->w, fmax(font * 0.75, least), least, &lines);
	if (hs.size < least)
		lines.n = 0;
	theme_set(cr, th->nudge);
	double top = p->y;
	for (int i = 0; i < lines.n; i++) {
		top += hs.size * (i == 0 ? 1.05 : 1.15);
		text_draw(cr, r, lines.line[i], p->x, top, &hs);
	}
	top += font * 1.9;
	struct axes a = {p->x, top, p->w, p->y + p->h - top - font * 3.0, INFINITY, -INFINITY, INFINITY,
	                 -INFINITY};
	if (a.h < font * 3 || a.w < font * 6)
		return;
	for (int i = 0; i < n; i++) { /* log10 of ε and of the error; exact zeros left out */
		double x = log10(e->pairs[2 * i]), y = log10(e->pairs[2 * i + 1]);
		if (!isfinite(x))
			continue;
		a.xlo = fmin(a.xlo, x);
		a.xhi = fmax(a.xhi, x);
		if (!isfinite(y))
			continue;
		a.ylo = fmin(a.ylo, y);
		a.yhi = fmax(a.yhi, y);
	}
	if (!isfinite(a.xlo))
		return;
	if (!isfinite(a.ylo)) { /* every estimate exact (a linear J) */
		a.ylo = -17;
		a.yhi = 0;
	}
	if (!(a.xhi > a.xlo))
		a.xhi = a.xlo + 1;
	if (!(a.yhi > a.ylo + 1))
		a.yhi = a.ylo + 1;
	a.ylo = floor(a.ylo);
	a.yhi = ceil(a.yhi);
	axes_frame(cr, r, th, &a, font, "log₁₀ ε", "log₁₀ error");
	cairo_save(cr);
	cairo_rectangle(cr, a.x, a.y, a.w, a.h);
	cairo_clip(cr);
	int pen = 0;
	for (int i = 0; i < n; i++) {
		double x = log10(e->pairs[2 * i]), y = log10(e->pairs[2 * i + 1]);
		if (!isfinite(x) || !isfinite(y)) {
			pen = 0;
			continue;
		}
		if (pen)
			cairo_line_to(cr, axes_x(&a, x), axes_y(&a, y));
		else
			cairo_move_to(cr, axes_x(&a, x), axes_y(&a, y));
		pen = 1;
	}
	theme_set(cr, th->nudge);
	cairo_set_line_width(cr, 2.5 * p->u);
	cairo_stroke(cr);
	double le = e->eps > 0 ? log10(e->eps) : NAN;
	if (isfinite(le) && le >= a.xlo && le <= a.xhi) { /* the ε of the slider */
		double dash[] = {5 * p->u, 5 * p->u};
		cairo_set_dash(cr, dash, 2, 0);
		theme_set_alpha(cr, th->fg, 0.7);
		cairo_set_line_width(cr, 1.5 * p->u);
		cairo_move_to(cr, axes_x(&a, le), a.y);
		cairo_line_to(cr, axes_x(&a, le), a.y + a.h);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
	}
	cairo_restore(cr);
}
