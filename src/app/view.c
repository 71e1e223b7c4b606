/* view.c - the window's view of the graph: zoom (about the pointer), pan, fit all, the
 * overview's jump, and following the walk: when the whole graph is drawn too small to
 * read (presenting: its digits under 1/60 of the height), each step moves the view
 * smoothly so that the active node and its neighbours stand at presentation size. Zooming or panning by hand stops the following until
 * fit all (V) or a new scene. Works from the geometry the last draw recorded
 * (figure_graph_frame, figure_node_box); it changes only struct app_view. */
#include <math.h>

#include "app-private.h"

#define VIEW_DIGIT 0.729      /* DejaVu Sans Bold's digits are this many em tall */
#define VIEW_FOLLOW 38.0      /* following, a value's digits are 1/38 of the figure's height
                                 (times the type's scale, Ctrl+=), 1/45 being the least
                                 the back row reads */
#define VIEW_READ_PRESENT 60.0 /* a graph whose digits are smaller than 1/60 of the height
                                 is followed when presenting (larger, the room sees the
                                 whole graph: every number, if some a little small), */
#define VIEW_READ_WINDOW 70.0  /* and smaller than 1/70 in a window (too small at a desk) */
#define VIEW_READ_LEAST 44.0   /* following, the view may zoom out down to digits of 1/44
                                  (1/45 the least the back row reads) to cut no box at its
                                  edges */

void view_reset(struct app_view *v)
{
	v->zoom = 1;
	v->cx = v->cy = 0.5;
	v->moving = v->manual = 0;
	v->follow_due = 1;
	v->hovered = 0;
}

void view_opts(const struct app_view *v, struct draw_opts *o)
{
	o->view = (struct draw_view){ .zoom = v->zoom > 0 ? v->zoom : 1, .cx = v->cx, .cy = v->cy,
	                              .overview = 1, .hovered = v->hovered, .hover = v->hover };
}

/* The graph as last drawn; 0 when no graph was drawn. */
static int view_frame(const struct app *a, struct graph_frame *f)
{
	return figure_graph_frame(a->platform.geom, f) && f->fit_w > 0 && f->fit_h > 0 && f->fit_em > 0;
}

/* Presentation size: one em (a value's size) when following, in figure pixels. */
static double view_follow_em(const struct app *a)
{
	return a->ui.fig_rect.h / VIEW_FOLLOW / VIEW_DIGIT * a->ui.font_scale;
}

/* The most the graph is magnified: its values at twice presentation size, and at least 4 times. */
static double view_zoom_max(const struct app *a, const struct graph_frame *f)
{
	return fmax(4, 2 * view_follow_em(a) / f->fit_em);
}

/* Keeps the centre where some of the graph stays in view. */
static void view_clamp(struct app_view *v)
{
	v->cx = v->cx < 0 ? 0 : v->cx > 1 ? 1 : v->cx;
	v->cy = v->cy < 0 ? 0 : v->cy > 1 ? 1 : v->cy;
}

/* A move by hand: no more following, and no glide under way. */
static void view_by_hand(struct app *a)
{
	a->view.manual = 1;
	a->view.moving = 0;
	a->view.follow_due = 0;
	app_invalidate(a, CHANGED_FIGURE);
}

int view_zoom_at(struct app *a, double factor, double x, double y)
{
	struct graph_frame f;
	struct app_view *v = &a->view;
	if (!view_frame(a, &f))
		return 0;
	double z0 = v->zoom, z = z0 * factor, zmax = view_zoom_max(a, &f);
	z = z < 1 ? 1 : z > zmax ? zmax : z;
	/* the point of the graph under (x, y) stays there */
	double dx = x - (f.x + f.w / 2), dy = y - (f.y + f.h / 2);
	double fx = v->cx + dx / (f.fit_w * z0), fy = v->cy + dy / (f.fit_h * z0);
	v->zoom = z;
	v->cx = fx - dx / (f.fit_w * z);
	v->cy = fy - dy / (f.fit_h * z);
	if (z <= 1) /* all of it: centred */
		v->cx = v->cy = 0.5;
	view_clamp(v);
	view_by_hand(a);
	return 1;
}

int view_zoom_key(struct app *a, double factor)
{
	struct graph_frame f;
	if (!view_frame(a, &f))
		return 0;
	return view_zoom_at(a, factor, f.x + f.w / 2, f.y + f.h / 2);
}

int view_pan(struct app *a, double dx, double dy)
{
	struct graph_frame f;
	struct app_view *v = &a->view;
	if (!view_frame(a, &f))
		return 0;
	v->cx -= dx / (f.fit_w * v->zoom);
	v->cy -= dy / (f.fit_h * v->zoom);
	view_clamp(v);
	view_by_hand(a);
	return 1;
}

void view_jump(struct app *a, double fx, double fy)
{
	a->view.cx = fx;
	a->view.cy = fy;
	view_clamp(&a->view);
	view_by_hand(a);
}

int view_in_graph(const struct app *a, double x, double y)
{
	struct graph_frame f;
	return view_frame(a, &f) && x >= f.x && x < f.x + f.w && y >= f.y && y < f.y + f.h;
}

/* Glides from where the view is to (zoom, cx, cy). */
static void view_glide(struct app *a, double zoom, double cx, double cy)
{
	struct app_view *v = &a->view;
	if (fabs(zoom - v->zoom) < 1e-3 * v->zoom && fabs(cx - v->cx) < 1e-4 && fabs(cy - v->cy) < 1e-4)
		return;
	v->from[0] = v->zoom;
	v->from[1] = v->cx;
	v->from[2] = v->cy;
	v->to[0] = zoom;
	v->to[1] = cx;
	v->to[2] = cy;
	v->t0 = SDL_GetTicks();
	v->moving = 1;
	app_invalidate(a, CHANGED_FIGURE);
}

void view_fit(struct app *a)
{
	a->view.manual = 0; /* from the next step on, a graph too big to read whole is followed */
	a->view.follow_due = 0;
	view_glide(a, 1, 0.5, 0.5);
	app_set_status(a, 0, "the whole graph; the view follows the walk again where the graph is too small to read");
}

/* Where centre c of a view w wide (fractions) goes to show [lo, hi] (the step's node and
 * its neighbours) and, above all, [a0, a1] (the node) with a margin. */
static double view_place(double lo, double hi, double a0, double a1, double w)
{
	double c = (lo + hi) / 2, m = w * 0.06;
	if (w < 1) /* no more of the empty space beyond the graph than needed */
		c = fmin(fmax(c, w / 2), 1 - w / 2);
	if (a1 - a0 + 2 * m > w)
		return (a0 + a1) / 2;
	return fmin(fmax(c, a1 + m - w / 2), a0 - m + w / 2);
}

/* How many drawn node boxes a view of zoom z about (cx, cy) cuts at its edges (shows in
 * part): the graph's fractions, the view w by h of them. */
static int view_cuts(const struct app *a, int n, double cx, double cy, double w, double h)
{
	double b[4], x0 = cx - w / 2, x1 = cx + w / 2, y0 = cy - h / 2, y1 = cy + h / 2;
	int cuts = 0;
	for (int v = 0; v < n; v++)
		if (figure_node_box(a->platform.geom, v, b) && b[0] < x1 && x0 < b[2] && b[1] < y1 && y0 < b[3])
			cuts += b[0] < x0 || b[2] > x1 || b[1] < y0 || b[3] > y1;
	return cuts;
}

/* Of the centres along one axis (the other at o) where a view edge stands just clear of
 * a node box (m beyond it), the one that cuts the fewest boxes, nearest c (view_place's):
 * the room sees whole boxes, not a number cut in half at the panel's edge. The view keeps
 * [k0, k1] (the step's node and its neighbours, or the node alone when they do not fit)
 * inside, and no more of the empty space beyond the graph than m. axis 0: x (c = cx, o =
 * cy), 1: y; *fewest: the cuts there. */
static double view_clear(const struct app *a, int n, int axis, double c, double o, double w, double h,
                         double k0, double k1, double m, int *fewest)
{
	double span = axis ? h : w, best = c, b[4];
	double lo = fmax(k1 + m - span / 2, span < 1 ? span / 2 - m : c);
	double hi = fmin(k0 - m + span / 2, span < 1 ? 1 - span / 2 + m : c);
	*fewest = axis ? view_cuts(a, n, o, c, w, h) : view_cuts(a, n, c, o, w, h);
	for (int v = 0; v < n && *fewest > 0; v++) {
		if (!figure_node_box(a->platform.geom, v, b))
			continue;
		double b0 = b[axis], b1 = b[axis + 2];
		double at[4] = {b1 + m + span / 2, b0 - m + span / 2, b0 - m - span / 2, b1 + m - span / 2};
		for (int k = 0; k < 4; k++) {
			if (at[k] < lo - 1e-9 || at[k] > hi + 1e-9)
				continue;
			int cuts = axis ? view_cuts(a, n, o, at[k], w, h) : view_cuts(a, n, at[k], o, w, h);
			if (cuts < *fewest || (cuts == *fewest && fabs(at[k] - c) < fabs(best - c))) {
				*fewest = cuts;
				best = at[k];
			}
		}
	}
	return best;
}

int view_target(const struct app *a, double out[3])
{
	struct graph_frame f;
	const struct session *ss = &a->session;
	if (!view_frame(a, &f) || !ss->trace)
		return 0;
	double want = view_follow_em(a);
	double least = a->ui.fig_rect.h / (a->ui.present ? VIEW_READ_PRESENT : VIEW_READ_WINDOW) / VIEW_DIGIT;
	int k = a->playback.step, v = k >= 0 && k < ss->trace->n_steps ? ss->trace->steps[k].node : -1;
	double box[4];
	out[0] = 1;
	out[1] = out[2] = 0.5;
	if (f.fit_em >= least || v < 0 || !figure_node_box(a->platform.geom, v, box))
		return 1; /* readable whole, or no one node to show: all of it */
	double z = fmax(1, want / f.fit_em), zmax = view_zoom_max(a, &f);
	z = z > zmax ? zmax : z;
	double u[4] = {box[0], box[1], box[2], box[3]}, nb[4];
	const struct scene *s = ss->scene;
	for (int e = 0; e < s->n_edges; e++) /* the neighbours the step works with */
		if (trace_step_uses_edge(ss->trace, s, k, e)) {
			int w = s->edges[e].from == v ? s->edges[e].to : s->edges[e].from;
			if (figure_node_box(a->platform.geom, w, nb)) {
				u[0] = fmin(u[0], nb[0]);
				u[1] = fmin(u[1], nb[1]);
				u[2] = fmax(u[2], nb[2]);
				u[3] = fmax(u[3], nb[3]);
			}
		}
	/* the view at presentation size, or down to the least the back row reads, whichever
	   cuts the fewest node boxes at its edges (the largest of those) */
	double least_z = fmax(1, fmin(z, a->ui.fig_rect.h / VIEW_READ_LEAST / VIEW_DIGIT * a->ui.font_scale / f.fit_em));
	int n = s->n_nodes, fewest = -1;
	for (double zk = z; zk >= least_z; zk *= 0.96) {
		double w = f.w / (f.fit_w * zk), h = f.h / (f.fit_h * zk), m = 0.2 * f.fit_em / f.fit_w;
		double cx = view_place(u[0], u[2], box[0], box[2], w), cy = view_place(u[1], u[3], box[1], box[3], h);
		int cuts;
		double my = m * f.fit_w / f.fit_h; /* m across the height's fractions */
		int ux = u[2] - u[0] + 2 * m <= w, uy = u[3] - u[1] + 2 * my <= h; /* the neighbours fit */
		cy = view_clear(a, n, 1, cy, cx, w, h, uy ? u[1] : box[1], uy ? u[3] : box[3], my, &cuts);
		cx = view_clear(a, n, 0, cx, cy, w, h, ux ? u[0] : box[0], ux ? u[2] : box[2], m, &cuts);
		if (fewest < 0 || cuts < fewest) {
			fewest = cuts;
			out[0] = zk;
			out[1] = cx;
			out[2] = cy;
		}
		if (cuts == 0)
			break;
	}
	return 1;
}

void view_follow(struct app *a)
{
	struct app_view *v = &a->view;
	double t[3];
	if (!v->follow_due || v->manual)
		return;
	if (!view_target(a, t)) /* nothing drawn yet: after the next draw */
		return;
	v->follow_due = 0;
	view_glide(a, t[0], t[1], t[2]);
}

void view_update(struct app *a, Uint32 now)
{
	struct app_view *v = &a->view;
	if (!v->moving)
		return;
	double t = v->move_ms > 0 ? (double)(now - v->t0) / v->move_ms : 1;
	if (t >= 1) {
		t = 1;
		v->moving = 0;
	}
	double e = t * t * (3 - 2 * t); /* ease in and out; at the end, the target exactly */
	v->zoom = t >= 1 ? v->to[0] : v->from[0] * pow(v->to[0] / v->from[0], e); /* steady in scale */
	v->cx = t >= 1 ? v->to[1] : v->from[1] + (v->to[1] - v->from[1]) * e;
	v->cy = t >= 1 ? v->to[2] : v->from[2] + (v->to[2] - v->from[2]) * e;
	app_invalidate(a, CHANGED_FIGURE);
}

void view_hover(struct app *a, double x, double y)
{
	struct figure_hit h = figure_hit(a->platform.geom, x, y);
	int on = h.kind == HIT_NODE || h.kind == HIT_NODE_VALUE || h.kind == HIT_NODE_GRAD;
	struct app_view *v = &a->view;
	if (on == v->hovered && (!on || h.node == v->hover))
		return;
	v->hovered = on;
	v->hover = on ? h.node : 0;
	app_invalidate(a, CHANGED_FIGURE);
}
