/* draw_loss.c - the loss panel of gradient descent: J after each step against the
 * iteration, the latest value in the header, and why training stopped (a diverging
 * rate) in the warning colour. The history is the window's; nothing computed here. */
#include <math.h>
#include <stdio.h>
#include "render-private.h"

void draw_loss(cairo_t *cr, struct render *r, const struct figure *fig, const struct loss_view *h,
               const struct panel *p)
{
	int n = h->n;
	if (n <= 0 || !h->cost)
		return;
	const struct theme *th = p->th;
	const struct scene *s = fig->scene;
	double font = axes_font(p);
	char head[300], last[64];
	fmt_num(last, sizeof last, h->cost[n - 1], NUDGE_DIGITS);
	long long it = h->first + n - 1;
	snprintf(head, sizeof head, "%s after %lld step%s:\1%s", s->nodes[s->cost].label, it, it == 1 ? "" : "s",
	         last); /* '\1': where a narrow panel (a card in the J plot's place) breaks it */
	double least = fmax(font * 0.6, text_least(p));
	struct text_style hs = {FONT_BOLD, font * 1.1, 0};
	struct text_lines lines;
	text_break(r, head, &hs, p->w, least, least, &lines);
	double y = p->y;
	theme_set(cr, th->forward);
	for (int i = 0; i < lines.n; i++) {
		y += hs.size * (i == 0 ? 1.05 : 1.15);
		text_draw(cr, r, lines.line[i], p->x, y, &hs);
	}
	if (h->note && h->note[0]) {
		struct text_style ns = {FONT_BOLD, font * 0.95, 0};
		ns.size = text_fit(r, h->note, &ns, p->w, font * 0.5);
		y += ns.size * 1.45;
		theme_set(cr, h->bad ? th->wrong : th->muted);
		text_draw(cr, r, h->note, p->x, y, &ns);
	}
	y += font * 1.9;
	struct axes a = {p->x, y, p->w, p->y + p->h - y - font * 3.0, (double)h->first,
	                 (double)it, 0, 0};
	if (a.h < font * 3 || a.w < font * 6)
		return;
	if (a.xhi - a.xlo < 1)
		a.xhi = a.xlo + 1;
	double lo = INFINITY, hi = -INFINITY;
	for (int i = 0; i < n; i++)
		if (isfinite(h->cost[i])) {
			lo = fmin(lo, h->cost[i]);
			hi = fmax(hi, h->cost[i]);
		}
	if (!isfinite(lo)) {
		lo = 0;
		hi = 1;
	}
	lo = fmin(lo, 0);
	if (hi - lo <= 0)
		hi = lo + 1;
	a.ylo = lo;
	a.yhi = hi + (hi - lo) * 0.08;
	axes_frame(cr, r, th, &a, font, "step", s->nodes[s->cost].label);
	cairo_save(cr);
	cairo_rectangle(cr, a.x, a.y, a.w, a.h);
	cairo_clip(cr);
	int pen = 0;
	for (int i = 0; i < n; i++) {
		double c = h->cost[i];
		if (!isfinite(c)) {
			pen = 0;
			continue;
		}
		double px = axes_x(&a, (double)(h->first + i)), py = axes_y(&a, c);
		if (pen)
			cairo_line_to(cr, px, py);
		else
			cairo_move_to(cr, px, py);
		pen = 1;
	}
	theme_set(cr, th->forward);
	cairo_set_line_width(cr, 2.5 * p->u);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_stroke(cr);
	if (n < 60) /* few steps: each one a dot */
		for (int i = 0; i < n; i++)
			if (isfinite(h->cost[i])) {
				cairo_arc(cr, axes_x(&a, (double)(h->first + i)),
				          axes_y(&a, h->cost[i]), 3.5 * p->u, 0, 2 * M_PI);
				cairo_fill(cr);
			}
	cairo_restore(cr);
}
