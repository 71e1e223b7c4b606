/* draw_work.c - the N + P versus N × P panel: what backprop (one forward and one backward
 * pass) and nudging every param (one forward pass each) cost for the open graph and for
 * the lecture's example, with a bar per method that fills as the window animates the
 * passes node by node. Counts come from the figure's work_view; only text and bars here. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "render-private.h"

#define WORK_TEXT_LINES 6 /* lines a sentence may break into */

/* 10,000 with separators; 1.1 × 10⁵ and 10⁹ from `sci` on. */
static void work_num(char *buf, size_t n, long long v, long long sci)
{
	static const char *const sup[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
	if (v < sci) {
		if (v >= 1000000)
			snprintf(buf, n, "%lld,%03lld,%03lld", v / 1000000, v / 1000 % 1000, v % 1000);
		else if (v >= 1000)
			snprintf(buf, n, "%lld,%03lld", v / 1000, v % 1000);
		else
			snprintf(buf, n, "%lld", v);
		return;
	}
	int e = (int)floor(log10((double)v));
	double m = (double)v / pow(10, e);
	char exp[32] = "";
	for (int d = e; d > 0; d /= 10) { /* digits of e, most significant first */
		char t[32];
		snprintf(t, sizeof t, "%s%s", sup[d % 10], exp);
		snprintf(exp, sizeof exp, "%s", t);
	}
	if (fabs(m - 1) < 1e-9)
		snprintf(buf, n, "10%s", exp);
	else
		snprintf(buf, n, "%.2g × 10%s", m, exp);
}

/* Writes (cr) or measures (cr NULL) s in style st broken into lines of p's width, the
 * first baseline at y; returns the last baseline and widens *wide to the widest line. */
static double work_text(cairo_t *cr, struct render *r, const struct panel *p, const char *s,
                        const struct text_style *st, double y, double *wide)
{
	char line[WORK_TEXT_LINES][TEXT_LINE_MAX];
	int n = text_lines(r, s, st, p->w, line, WORK_TEXT_LINES);
	for (int i = 0; i < n; i++) {
		double lw = cr ? text_draw(cr, r, line[i], p->x, y, st) : text_width(r, line[i], st);
		*wide = fmax(*wide, lw);
		if (i + 1 < n)
			y += st->size * 1.25;
	}
	return y;
}

/* One method: its sentence, then a bar of done / total visits scaled to the longest;
 * returns the lowest point drawn. */
static double work_method(cairo_t *cr, struct render *r, const struct panel *p, double y,
                          double font, const char *line, struct rgba c, long long done,
                          long long total, long long longest, const char *state, double *wide)
{
	struct text_style ts = {FONT_BOLD, font, 0};
	if (cr)
		theme_set(cr, c);
	y = work_text(cr, r, p, line, &ts, y, wide);
	y += font * 0.6;
	double bh = font * 0.9, full = fmin(p->w, 16 * font) * 0.62;
	double bw = longest > 0 ? full * (double)total / (double)longest : 0;
	if (cr) {
		cairo_rectangle(cr, p->x, y, bw, bh);
		theme_set_alpha(cr, c, 0.22);
		cairo_fill(cr);
		cairo_rectangle(cr, p->x, y, total > 0 ? bw * (double)done / (double)total : 0, bh);
		theme_set(cr, c);
		cairo_fill(cr);
	}
	char txt[160];
	snprintf(txt, sizeof txt, "%lld of %lld node visits%s%s", done, total, state[0] ? " · " : "",
	         state);
	struct text_style ns = {FONT_REGULAR, font * 0.85, 0};
	double room = p->w - bw - font * 0.6, tw = text_width(r, txt, &ns);
	double tx = room >= tw ? p->x + bw + font * 0.6 : p->x;
	double ty = tx > p->x ? y + bh * 0.8 : y + bh + ns.size * 1.1;
	*wide = fmax(*wide, tx - p->x + tw);
	if (cr) {
		theme_set(cr, p->th->muted);
		text_draw(cr, r, txt, tx, ty, &ns);
	}
	return fmax(y + bh, ty);
}

/* The whole panel at font, its lines as wide as p; with cr NULL only measured. Returns
 * the height it takes; *wide is its widest line. */
static double work_layout(cairo_t *cr, struct render *r, const struct figure *fig, const struct work_view *w,
                          const struct panel *p, double font, double *wide)
{
	const struct theme *th = p->th;
	const struct scene *s = fig->scene;
	char line[300], a[64], b[64], c[64], d[64];
	*wide = 0;
	snprintf(line, sizeof line, "Every derivative: N = %lld node%s, P = %lld param%s", w->scene.n,
	         w->scene.n == 1 ? "" : "s", w->scene.p, w->scene.p == 1 ? "" : "s");
	struct text_style ts = {FONT_BOLD, font * 1.1, 0};
	if (cr)
		theme_set(cr, th->fg);
	double y = work_text(cr, r, p, line, &ts, p->y + ts.size * 1.05, wide);
	long long longest = w->nudge_total > w->bp_total ? w->nudge_total : w->bp_total;
	const char *state = w->pass == WORK_FORWARD ? "forward pass"
	                    : w->pass == WORK_BACKWARD ? "backward pass" : "";
	snprintf(line, sizeof line, "backprop: 1 forward + 1 backward pass = %lld node visits, of order N + P = %lld",
	         w->bp_total, w->scene.backprop);
	y = work_method(cr, r, p, y + font * 1.9, font, line, th->backward, w->bp_done, w->bp_total,
	                longest, state, wide);
	char nudged[160] = "";
	if (w->pass == WORK_NUDGE && w->nudged >= 0 && w->nudged < s->n_nodes)
		snprintf(nudged, sizeof nudged, "nudging %s", s->nodes[w->nudged].label);
	snprintf(line, sizeof line, "nudging each param: 1 forward pass each = %lld node visits, N × P = %lld",
	         w->nudge_total, w->scene.nudge);
	y = work_method(cr, r, p, y + font * 1.9, font, line, th->nudge, w->nudge_done,
	                w->nudge_total, longest, nudged, wide);
	work_num(a, sizeof a, w->lecture.n, 1000000000);
	work_num(b, sizeof b, w->lecture.p, 1000000000);
	work_num(c, sizeof c, w->lecture.backprop, 100000);
	work_num(d, sizeof d, w->lecture.nudge, 100000);
	snprintf(line, sizeof line, "a network with N = %s and P = %s: N + P = %s versus N × P = %s",
	         a, b, c, d);
	struct text_style ls = {FONT_REGULAR, font, 0};
	if (cr)
		theme_set(cr, th->fg);
	y = work_text(cr, r, p, line, &ls, y + font * 1.8, wide);
	return y + font * 0.4 - p->y;
}

void work_room(struct render *r, const struct figure *fig, const struct work_view *w, const struct panel *p,
               double font, double *wide, double *high)
{
	*high = w ? work_layout(NULL, r, fig, w, p, font, wide) : (*wide = 0);
}

double work_font(struct render *r, const struct figure *fig, const struct work_view *w, const struct panel *p)
{
	double font = panel_font(p, 21), wide;
	for (int k = 0; w && k < 3; k++) { /* smaller where its lines, broken to p's width, are too many */
		double high = work_layout(NULL, r, fig, w, p, font, &wide);
		if (high <= p->h * 1.001)
			break;
		font *= fmax(0.7, p->h / high);
	}
	return font;
}

void draw_work(cairo_t *cr, struct render *r, const struct figure *fig, const struct work_view *w,
               const struct panel *p)
{
	if (!w)
		return;
	double wide, font = work_font(r, fig, w, p);
	if (r->geom && (r->geom->panel_text == 0 || font < r->geom->panel_text))
		r->geom->panel_text = font;
	work_layout(cr, r, fig, w, p, font, &wide);
}
