/* draw_plot.c - the J(w) panel: the cost against the plotted variable over its slider
 * range (the samples the session made, the cost panel's curve), the current point, the tangent
 * whose slope is the backprop gradient, the nudge w + eps with its secant and sentence,
 * and a magnified inset when eps is too small to see. Gaps where J is undefined. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nudge/format.h"
#include "render-private.h"

int plot_sample_count(const struct panel *p)
{
	return (int)fmax(64, fmin(800, p->w / (1.5 * p->u)));
}

static int plot_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* A y range that shows the curve's shape: extreme spikes (near poles) are cut off. */
static void plot_yrange(const double *ys, int n, const double *must, int n_must, double *lo,
                        double *hi)
{
	double *v = malloc(sizeof(double) * (size_t)(n + 1));
	int m = 0;
	for (int i = 0; v && i < n; i++)
		if (isfinite(ys[i]))
			v[m++] = ys[i];
	*lo = INFINITY;
	*hi = -INFINITY;
	if (m > 0) {
		qsort(v, (size_t)m, sizeof *v, plot_cmp);
		double q05 = v[m / 20], q95 = v[m - 1 - m / 20];
		*lo = v[0];
		*hi = v[m - 1];
		double core = q95 - q05;
		if (core > 0 && *hi - *lo > 6 * core) {
			*lo = fmax(*lo, q05 - core);
			*hi = fmin(*hi, q95 + core);
		}
	}
	free(v);
	double span = isfinite(*hi - *lo) ? *hi - *lo : 0;
	for (int i = 0; i < n_must; i++) /* the points, unless far off the curve's range */
		if (isfinite(must[i]) && (m == 0 || (must[i] > *lo - 2 * span && must[i] < *hi + 2 * span))) {
			*lo = fmin(*lo, must[i]);
			*hi = fmax(*hi, must[i]);
		}
	if (!isfinite(*lo) || !isfinite(*hi)) {
		*lo = -1;
		*hi = 1;
	}
	if (*hi - *lo < 1e-12 * fmax(1, fabs(*hi))) {
		double d = fmax(1e-9, fabs(*hi) * 0.1 + (*hi == 0));
		*lo -= d;
		*hi += d;
	}
	double pad = (*hi - *lo) * 0.08;
	*lo -= pad;
	*hi += pad;
}

/* The curve through (xs, ys) inside a's frame, broken where J is undefined or jumps
 * across the whole frame (a pole). */
static void plot_curve(cairo_t *cr, const struct axes *a, const double *ys, int n, double xlo,
                       double xhi)
{
	int pen = 0;
	for (int i = 0; i < n; i++) {
		double y = ys[i];
		if (!isfinite(y)) {
			pen = 0;
			continue;
		}
		if (pen && i > 0) {
			double p = ys[i - 1];
			if ((p > a->yhi && y < a->ylo) || (p < a->ylo && y > a->yhi))
				pen = 0;
		}
		double span = a->yhi - a->ylo;
		y = fmax(a->ylo - 4 * span, fmin(a->yhi + 4 * span, y));
		double px = axes_x(a, xlo + (xhi - xlo) * i / (n - 1)), py = axes_y(a, y);
		if (pen)
			cairo_line_to(cr, px, py);
		else
			cairo_move_to(cr, px, py);
		pen = 1;
	}
}

static void plot_line(cairo_t *cr, const struct axes *a, double x0, double y0, double slope,
                      double half)
{
	if (!isfinite(slope) || !isfinite(y0))
		return;
	cairo_move_to(cr, axes_x(a, x0 - half), axes_y(a, y0 - slope * half));
	cairo_line_to(cr, axes_x(a, x0 + half), axes_y(a, y0 + slope * half));
}

static void plot_dot(cairo_t *cr, const struct axes *a, double x, double y, double rad,
                     struct rgba c, int hollow, const struct theme *th)
{
	if (!isfinite(y))
		return;
	cairo_arc(cr, axes_x(a, x), axes_y(a, y), rad, 0, 2 * M_PI);
	theme_set(cr, hollow ? th->panel : c);
	cairo_fill_preserve(cr);
	theme_set(cr, c);
	cairo_set_line_width(cr, rad * 0.45);
	cairo_stroke(cr);
}

struct plot_view {           /* what the panel shows */
	const struct scene *scene; /* the scene */
	const struct plot_samples *ps; /* the session's samples */
	int node;                /* plotted variable */
	double w, j, slope;      /* current point and backprop gradient */
	struct nudge nd;         /* the nudge */
	double u;                /* 1080p pixel */
	double known;            /* 0..1: has the backward pass reached w (tangent shown)? */
};

/* Tangent, secant and the two points, in frame a (clipped to it). */
static void plot_marks(cairo_t *cr, const struct axes *a, const struct plot_view *v,
                       const struct theme *th, double half, double scale)
{
	cairo_save(cr);
	cairo_rectangle(cr, a->x, a->y, a->w, a->h);
	cairo_clip(cr);
	theme_set_alpha(cr, th->backward, v->known);
	cairo_set_line_width(cr, 3.2 * v->u * scale);
	plot_line(cr, a, v->w, v->j, v->slope, half);
	cairo_stroke(cr);
	double dash[] = {9 * v->u * scale, 6 * v->u * scale};
	cairo_set_dash(cr, dash, 2, 0);
	theme_set(cr, th->nudge);
	cairo_set_line_width(cr, 2.4 * v->u * scale);
	plot_line(cr, a, v->w, v->j, v->nd.ratio, half);
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
	plot_dot(cr, a, v->w + v->nd.eps, v->nd.after, 7 * v->u * scale, th->nudge, 1, th);
	plot_dot(cr, a, v->w, v->j, 8 * v->u * scale, th->forward, 0, th);
	cairo_restore(cr);
}

/* The inset's title and its two slope lines, each at the ticks' size on one line where
 * that fits width w, else broken ("zoom ×k" over "around w", "secant" over its number)
 * in lines of at least the least type; a title that does not reach it is "zoom ×k"
 * alone or left out (n 0), slopes that do not leave the whole inset out (0 returned). */
struct inset_text {
	struct text_lines title;  /* "zoom ×k around w" as drawn (n 0: left out) */
	struct text_style ts;     /* its style */
	struct text_lines sl[2];  /* the secant's and the tangent's lines */
	struct text_style ss;     /* their style (one size for both) */
};

static int inset_text(struct render *r, const struct plot_view *v, const char *zoom, double w,
                      double font, double least, struct inset_text *it)
{
	char buf[200], num[64];
	const char *label = v->scene->nodes[v->node].label;
	snprintf(buf, sizeof buf, "zoom ×%s\1around %s", zoom, label);
	it->ts = (struct text_style){FONT_ITALIC, font, 0};
	text_break(r, buf, &it->ts, w, font * 0.9, least, &it->title);
	if (it->ts.size < least) { /* "zoom ×k" alone, or nothing */
		snprintf(buf, sizeof buf, "zoom ×%s", zoom);
		it->ts.size = font;
		text_break(r, buf, &it->ts, w, least, least, &it->title);
		it->title.n = it->ts.size >= least;
	}
	const double slope[2] = {v->nd.ratio, v->slope};
	const char *name[2] = {"secant", "tangent"};
	double size = font;
	for (int pass = 0; pass < 2; pass++) /* one broken: both, alike */
		for (int k = 0; k < 2; k++) {
			if (pass == 1 && (it->sl[k].n > 1 || it->sl[1 - k].n == 1))
				continue;
			fmt_num(num, sizeof num, slope[k], NUDGE_DIGITS);
			snprintf(buf, sizeof buf, "%s\1%s", name[k], num);
			struct text_style st = {FONT_REGULAR, font, 0};
			text_break(r, buf, &st, w, pass ? INFINITY : least, least, &it->sl[k]);
			size = fmin(size, st.size);
		}
	it->ss = (struct text_style){FONT_REGULAR, size, 0};
	return size >= least;
}

/* The magnified inset around [w - eps, w + 2 eps], in the emptiest corner of a. */
static void plot_inset(cairo_t *cr, struct render *r, const struct axes *a,
                       const struct plot_view *v, const double *ys, int n,
                       const struct theme *th, double font, double least)
{
	double e = v->nd.eps, lo = v->ps->inset_lo, hi = v->ps->inset_hi;
	const double *zs = v->ps->inset;
	double m = font * 0.6; /* a narrow plot: up to its whole width, for type the size of the ticks */
	double iw = fmin(fmax(a->w * 0.6, fmin(a->w - 2 * m, font * 9)), fmax(a->w * 0.4, font * 11));
	least = fmax(font * 0.6, least);
	char tan[64], sec[64], line1[160], line2[160];
	fmt_num(tan, sizeof tan, v->slope, NUDGE_DIGITS);
	fmt_num(sec, sizeof sec, v->nd.ratio, NUDGE_DIGITS);
	snprintf(line1, sizeof line1, "secant %s", sec);
	snprintf(line2, sizeof line2, "tangent %s", tan);
	struct text_style ss = {FONT_REGULAR, least, 1}; /* wide enough for the slopes at the least type */
	iw = fmin(a->w - 2 * m, fmax(iw, fmax(text_width(r, line1, &ss), text_width(r, line2, &ss)) + font));
	char zoom[64];
	double z = (a->xhi - a->xlo) / (hi - lo);
	if (z < 1e9)
		snprintf(zoom, sizeof zoom, "%.0f", z < 100 ? z : z - fmod(z, pow(10, floor(log10(z)) - 1)));
	else
		fmt_num(zoom, sizeof zoom, z, 2);
	struct inset_text it;
	if (!inset_text(r, v, zoom, iw - font, font, least, &it))
		return; /* the slopes would stand under the least type: the header says the slope */
	int nl = it.sl[0].n + it.sl[1].n;
	double foot = font * 0.2 + it.ss.size * 1.15 * nl, title, ih; /* the slope lines */
	for (;;) { /* a title of two lines ("zoom ×k" over "around w") keeps "zoom ×k" where
	              the inset has no room for both (a larger font scale), then none */
		title = font * (0.4 + 1.2 * it.title.n); /* lines a font and a fifth apart */
		/* a third of the plot or more, as much as its lines and 3 fonts of curve need */
		ih = fmin(a->h * 0.6, fmax(fmax(a->h * 0.38, font * 8), title + foot + font * 3));
		if (ih >= title + foot + font * 3 || it.title.n == 0)
			break;
		it.title.n = it.title.n > 1 ? 1 : 0;
	}
	if (ih < title + foot + font * 3) /* no room for the slopes and a curve between them */
		return;
	double best = INFINITY, bx = a->x + m, by = a->y + m;
	for (int c = 0; c < 4; c++) { /* the corner the curve crosses least */
		double cx = c % 2 ? a->x + a->w - iw - m : a->x + m;
		double cy = c / 2 ? a->y + a->h - ih - m : a->y + m;
		double hits = 0;
		for (int i = 0; i < n; i++) {
			if (!isfinite(ys[i]))
				continue;
			double px = a->x + a->w * i / (n - 1), py = axes_y(a, ys[i]);
			if (px > cx - m && px < cx + iw + m && py > cy - m && py < cy + ih + m)
				hits++;
		}
		double pxw = axes_x(a, v->w), pyw = axes_y(a, v->j);
		if (pxw > cx - 2 * m && pxw < cx + iw + 2 * m && pyw > cy - 2 * m && pyw < cy + ih + 2 * m)
			hits += 1e6;
		if (hits < best) {
			best = hits;
			bx = cx;
			by = cy;
		}
	}
	double ylo = INFINITY, yhi = -INFINITY;
	for (int i = 0; i < SAMPLE_INSET_POINTS; i++) {
		double tv = v->j + v->slope * (lo + (hi - lo) * i / (SAMPLE_INSET_POINTS - 1) - v->w);
		double vals[] = {zs[i], tv};
		for (int k = 0; k < 2; k++)
			if (isfinite(vals[k])) {
				ylo = fmin(ylo, vals[k]);
				yhi = fmax(yhi, vals[k]);
			}
	}
	if (!isfinite(ylo) || yhi - ylo <= 0) {
		ylo = v->j - e;
		yhi = v->j + e;
	}
	double pad = (yhi - ylo) * 0.15;
	struct axes in = {bx + font * 0.4, by + title, iw - font * 0.8, ih - title - foot,
	                  lo, hi, ylo - pad, yhi + pad};
	/* dashed leader from the point to the inset, inside the frame */
	cairo_save(cr);
	cairo_rectangle(cr, a->x, a->y, a->w, a->h);
	cairo_clip(cr);
	theme_set_alpha(cr, th->muted, 0.8);
	cairo_set_line_width(cr, 1.2 * v->u);
	double dash[] = {4 * v->u, 4 * v->u};
	cairo_set_dash(cr, dash, 2, 0);
	cairo_move_to(cr, axes_x(a, v->w), axes_y(a, v->j));
	cairo_line_to(cr, bx + iw / 2, axes_y(a, v->j) < by ? by : by + ih);
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
	cairo_restore(cr);
	cairo_rectangle(cr, bx, by, iw, ih);
	theme_set(cr, th->label_bg);
	cairo_fill_preserve(cr);
	theme_set(cr, th->muted);
	cairo_set_line_width(cr, 1.5 * v->u);
	cairo_stroke(cr);
	theme_set(cr, th->muted);
	for (int i = 0; i < it.title.n; i++)
		text_draw(cr, r, it.title.line[i], bx + font * 0.5, by + font * (1.2 + 1.2 * i), &it.ts);
	cairo_save(cr);
	cairo_rectangle(cr, in.x, in.y, in.w, in.h);
	cairo_clip(cr);
	theme_set(cr, th->fg);
	cairo_set_line_width(cr, 2.2 * v->u);
	plot_curve(cr, &in, zs, SAMPLE_INSET_POINTS, lo, hi);
	cairo_stroke(cr);
	cairo_restore(cr);
	plot_marks(cr, &in, v, th, 3 * e, 0.8);
	/* the two slopes, which may differ by less than a line's width even magnified */
	double ty = by + ih - font * 0.5 - it.ss.size * 1.15 * (nl - 1);
	for (int k = 0; k < 2; k++) {
		if (k == 0)
			theme_set(cr, th->nudge);
		else if (v->known > 0)
			theme_set_alpha(cr, th->backward, v->known);
		for (int i = 0; i < it.sl[k].n; i++, ty += it.ss.size * 1.15)
			if (k == 0 || v->known > 0)
				text_draw(cr, r, it.sl[k].line[i], bx + font * 0.5, ty, &it.ss);
	}
}

/* The header over the axes, from *y down (*y ends under it); with cr NULL, only
 * measures. */
static void plot_header(cairo_t *cr, struct render *r, const struct panel *p,
                        const struct plot_view *v, double font, double *y)
{
	const struct scene *s = v->scene;
	const char *w = s->nodes[v->node].label, *J = s->nodes[s->cost].label;
	char eps[64], k[64], slope[64], line[400];
	fmt_num(eps, sizeof eps, v->nd.eps, NUDGE_DIGITS);
	fmt_num(k, sizeof k, fabs(v->nd.ratio), NUDGE_DIGITS);
	fmt_num(slope, sizeof slope, v->slope, NUDGE_DIGITS);
	const char *dir = v->nd.delta > 0 ? "↑" : v->nd.delta < 0 ? "↓" : "";
	if (!isfinite(v->nd.ratio)) /* '\1', '\2': where a narrow panel breaks it (text_break) */
		snprintf(line, sizeof line, "%s ↑ %s ⇒\1%s is undefined", w, eps, J);
	else if (v->nd.delta == 0)
		snprintf(line, sizeof line, "%s ↑ %s ⇒\1%s stays the same", w, eps, J);
	else
		snprintf(line, sizeof line, "%s ↑ %s ⇒\1%s %s %s\2× %s", w, eps, J, dir, k, eps);
	double least = text_least(p);
	struct text_lines lines;
	struct text_style big = {FONT_BOLD, font * 1.25, 0};
	text_break(r, line, &big, p->w, font * 0.9, fmax(font * 0.6, least), &lines);
	if (cr)
		theme_set(cr, p->th->nudge);
	for (int i = 0; i < lines.n; i++) {
		*y += big.size * (i == 0 ? 1.05 : 1.15);
		if (cr)
			text_draw(cr, r, lines.line[i], p->x, *y, &big);
	}
	snprintf(line, sizeof line, "slope =\2d%s/d%s\1= %s", J, w, v->known > 0 ? slope : "?");
	struct text_style sl = {FONT_BOLD, font * 1.1, 0};
	text_break(r, line, &sl, p->w * 0.62, font * 0.9, INFINITY, &lines);
	int keyed = lines.n == 1; /* the key beside it; a narrow panel: the whole width (the key
	                           left out), in lines of the least type where one would be
	                           smaller (never clipped) */
	if (!keyed) {
		sl.size = font * 1.1;
		text_break(r, line, &sl, p->w, fmax(font * 0.45, least), fmax(font * 0.45, least), &lines);
	}
	if (cr)
		theme_set(cr, p->th->backward);
	double x = p->x;
	for (int i = 0; i < lines.n; i++) {
		*y += sl.size * (i == 0 ? 1.55 : 1.15);
		x = p->x + (cr ? text_draw(cr, r, lines.line[i], p->x, *y, &sl) : text_width(r, lines.line[i], &sl));
	}
	if (!keyed || !cr) {
		*y += font * 0.9;
		return;
	}
	/* key: the two points */
	struct text_style ks = {FONT_REGULAR, font * 0.9, 0};
	char key[200];
	snprintf(key, sizeof key, "%s + ε", w);
	double kw = text_width(r, key, &ks);
	double kx = fmax(x + font * 1.5, p->x + p->w - kw - font * 1.2);
	if (kx + kw + font * 1.2 <= p->x + p->w + 1) {
		cairo_arc(cr, kx, *y - font * 0.3, font * 0.3, 0, 2 * M_PI);
		theme_set(cr, p->th->panel);
		cairo_fill_preserve(cr);
		theme_set(cr, p->th->nudge);
		cairo_set_line_width(cr, font * 0.12);
		cairo_stroke(cr);
		theme_set(cr, p->th->muted);
		text_draw(cr, r, key, kx + font * 0.6, *y, &ks);
	}
	*y += font * 0.9;
}

/* Gradient descent's path: the point after each past step, older ones fainter. */
static void plot_trail(cairo_t *cr, const struct axes *a, const struct figure *fig, int node,
                       const struct panel *p)
{
	const struct figure_panel *loss = figure_panel(fig, PANEL_LOSS);
	int n = loss ? loss->loss.n : 0, nn = fig->scene->n_nodes;
	if (n <= 0 || !loss->loss.set || !loss->loss.cost)
		return;
	const double *set = loss->loss.set, *cost = loss->loss.cost;
	int first = n > 400 ? n - 400 : 0; /* the recent path */
	cairo_set_line_width(cr, 1.6 * p->u);
	for (int i = first; i < n; i++) {
		double x = set[(size_t)i * (size_t)nn + (size_t)node], y = cost[i];
		if (!isfinite(x) || !isfinite(y))
			continue;
		double fade = 0.25 + 0.75 * (i - first + 1) / (double)(n - first);
		if (i > first) {
			double px = set[(size_t)(i - 1) * (size_t)nn + (size_t)node];
			double py = cost[i - 1];
			if (isfinite(px) && isfinite(py)) {
				theme_set_alpha(cr, p->th->forward, 0.6 * fade);
				cairo_move_to(cr, axes_x(a, px), axes_y(a, py));
				cairo_line_to(cr, axes_x(a, x), axes_y(a, y));
				cairo_stroke(cr);
			}
		}
		theme_set_alpha(cr, p->th->forward, fade);
		cairo_arc(cr, axes_x(a, x), axes_y(a, y), 6 * p->u, 0, 2 * M_PI);
		cairo_fill(cr);
	}
}

static struct plot_view plot_view_of(const struct figure *fig, const struct cost_view *c,
                                     const struct panel *p)
{
	const struct eval *ev = fig->ev;
	int node = c->plot;
	return (struct plot_view){fig->scene, c->curve, node, ev->set[node], ev->cost, ev->mean_grad[node],
	                          c->curve->nudge, p->u, 1};
}

double plot_need(struct render *r, const struct figure *fig, const struct cost_view *c,
                 const struct panel *p, double *head)
{
	*head = 0;
	const struct scene *s = fig->scene;
	if (c->plot < 0 || c->plot >= s->n_nodes || !c->curve)
		return 0;
	struct plot_view v = plot_view_of(fig, c, p); /* the slope known: its widest header */
	double font = axes_font(p), y = 0;
	plot_header(NULL, r, p, &v, font, &y);
	*head = y;
	return y + font * (1.6 + 4 + 3.0);
}

void draw_plot(cairo_t *cr, struct render *r, const struct figure *fig, const struct cost_view *c,
               const struct panel *p)
{
	const struct scene *s = fig->scene;
	const struct plot_samples *ps = c->curve;
	int node = c->plot;
	if (node < 0 || node >= s->n_nodes || !ps || ps->node != node || !ps->ys)
		return;
	const struct node *nd = &s->nodes[node];
	double font = axes_font(p);
	double eps = ps->nudge.eps;
	struct plot_view v = plot_view_of(fig, c, p);
	const struct trace *t = fig->trace;
	if (p->o->hide_values) {
		v.known = 0;
	} else if (t && fig->step >= 0 && fig->step < t->n_steps) { /* the walk decides */
		/* the slope is the mean dJ/dw: with a data set, known from its mean step */
		int (*known)(const struct trace *, int, int) = s->n_rows > 0 ? trace_mean_known : trace_grad_known;
		int now = known(t, fig->step, node);
		int before = fig->step > 0 && known(t, fig->step - 1, node);
		v.known = !now ? 0 : before ? 1 : draw_ease(fig->progress);
	}
	double y = p->y;
	struct panel head = *p; /* a wide, low panel (a row under the graph): the header in a
	                           column left of the axes, which keep the whole height */
	int beside = p->w >= PLOT_BESIDE * p->h;
	if (beside)
		head.w = fmin(p->w * 0.4, font * 17);
	plot_header(cr, r, &head, &v, font, &y);
	double ax = beside ? p->x + head.w + font * 1.5 : p->x, lo = ps->lo, hi = ps->hi;
	if (beside)
		y = p->y;
	y += font * 1.6; /* room for the y axis name */
	struct axes a = {ax, y, p->x + p->w - ax, p->y + p->h - y - font * 3.0, lo, hi, 0, 1};
	if (a.h < font * 4 || a.w < font * 6)
		return;
	int n = ps->n;
	const double *ys = ps->ys;
	double must[] = {v.j, v.nd.after};
	plot_yrange(ys, n, must, 2, &a.ylo, &a.yhi);
	axes_frame(cr, r, p->th, &a, font, nd->label, s->nodes[s->cost].label);
	cairo_save(cr);
	cairo_rectangle(cr, a.x, a.y, a.w, a.h);
	cairo_clip(cr);
	theme_set(cr, p->th->fg);
	cairo_set_line_width(cr, 3 * p->u);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	plot_curve(cr, &a, ys, n, lo, hi);
	cairo_stroke(cr);
	/* the current w on the axis */
	double dash[] = {5 * p->u, 5 * p->u};
	if (!isfinite(v.j))
		dash[0] = 0; /* no point to drop a line from */
	cairo_set_dash(cr, dash, 2, 0);
	theme_set_alpha(cr, p->th->forward, 0.6);
	cairo_set_line_width(cr, 1.5 * p->u);
	if (dash[0] > 0) {
		cairo_move_to(cr, axes_x(&a, v.w), axes_y(&a, v.j));
		cairo_line_to(cr, axes_x(&a, v.w), a.y + a.h);
		cairo_stroke(cr);
	}
	cairo_set_dash(cr, NULL, 0, 0);
	plot_trail(cr, &a, fig, node, p);
	cairo_restore(cr);
	plot_marks(cr, &a, &v, p->th, (hi - lo) * 0.2, 1);
	double eps_px = eps / (hi - lo) * a.w;
	if (eps_px < 14 * p->u && isfinite(v.j))
		plot_inset(cr, r, &a, &v, ys, n, p->th, font, text_least(p));
	r->geom->has_plot = 1;
	r->geom->plot = a;
	r->geom->plot_font = font;
	r->geom->plot_node = node;
	geom_add(r->geom, HIT_PLOT, node, -1, a.x, a.y, a.w, a.h);
	double px = axes_x(&a, v.w), py = axes_y(&a, v.j), rad = 14 * p->u;
	if (isfinite(py))
		geom_add(r->geom, HIT_PLOT_POINT, node, -1, px - rad, py - rad, 2 * rad, 2 * rad);
}
