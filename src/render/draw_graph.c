/* draw_graph.c - draws the computation graph from its layout: node boxes (shape and
 * colour by kind) with label, expression, value and gradient; arrows between them with
 * the local derivatives of the backward pass (in a crowded graph only the step's, each
 * placed clear of every box); the current step highlighted and, mid animation, a pulse
 * along its edges. "?" for what the shown step does not know yet. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "render-private.h"

#define GRAPH_ROUTE 160     /* points of a sampled edge route */
#define M graph_metrics


/* Is an em-space box (centre x, y, size w, h) at least partly in view? */
static int graph_in_view(const struct graph_state *st, double x, double y, double w, double h)
{
	double m = M.glow + M.visit_halo; /* room for what is drawn around a box */
	return x + w / 2 + m >= st->vx0 && x - w / 2 - m <= st->vx1 && y + h / 2 + m >= st->vy0 &&
	       y - h / 2 - m <= st->vy1;
}

/* Is this node's value (HIDE_VALUE) or gradient (HIDE_GRAD) hidden for the quiz? */
int graph_hidden(const struct graph_state *st, int node, int flag)
{
	return st->o->hide_values || (st->o->hide_node && (st->o->hide_node[node] & flag));
}

/* The "?" of a hidden box: red when the last answer typed for it was wrong. */
static struct rgba graph_ask_colour(const struct graph_state *st, const struct theme *th,
                                    const unsigned char *wrong, int i, int flag)
{
	return wrong && (wrong[i] & flag) ? th->wrong : th->muted;
}

double graph_known(const struct graph_state *st, int (*known)(const struct trace *, int, int),
                          int node)
{
	if (!st->t)
		return 1;
	if (!known(st->t, st->k, node))
		return 0;
	if (st->k > 0 && known(st->t, st->k - 1, node))
		return 1;
	return st->fade;
}

static double graph_local_known(const struct graph_state *st, int e)
{
	const struct scene *s = st->fig->scene;
	if (!st->t)
		return 1;
	if (!trace_local_known(st->t, s, st->k, e))
		return 0;
	if (st->k > 0 && trace_local_known(st->t, s, st->k - 1, e))
		return 1;
	return st->fade;
}

struct rgba graph_step_colour(const struct graph_state *st, const struct theme *th)
{
	if (st->t && st->t->steps[st->k].kind == STEP_BACKWARD)
		return th->backward;
	return th->forward;
}

/* Where an edge wrapping from row b's end to row b + 1's start runs: down at *xr right
 * of row b, left along *gy in the gap under it, down at *xl left of row b + 1. Edges
 * leaving higher turn further out and run lower, and edges entering lower come in
 * further out, so wrapping edges do not cross one another in the turn. */
static void graph_wrap_lanes(const struct graph_layout *g, int b, double y0, double y1,
                             double *xr, double *gy, double *xl)
{
	double h0 = g->band_bottom[b] - g->band_top[b], h1 = g->band_bottom[b + 1] - g->band_top[b + 1];
	double f0 = h0 > 0 ? (y0 - g->band_top[b]) / h0 : 0.5;
	double f1 = h1 > 0 ? (y1 - g->band_top[b + 1]) / h1 : 0.5;
	*xr = g->band_right[b] - M.wrap_out + M.wrap_out * (0.35 + 0.55 * (1 - f0));
	*gy = g->band_bottom[b] + (g->band_top[b + 1] - g->band_bottom[b]) * (0.25 + 0.5 * (1 - f0));
	*xl = M.wrap_out * (0.65 - 0.55 * f1);
}

/* Samples the route of edge e: source port, its bends and label, target port; where the
 * layout wraps, from the end of one row round to the start of the next. */
static int graph_route(const struct graph_layout *g, const struct scene *s, int e, double *px,
                       double *py)
{
	const struct layout_item *src = &g->items[s->edges[e].from];
	const struct layout_item *dst = &g->items[s->edges[e].to];
	double kx[64], ky[64]; /* knots: pairs of (enter, leave) */
	int kb[64], nk = 0;    /* and the row of each */
	kb[nk] = g->col_band[src->col];
	kx[nk] = src->x + src->w / 2; ky[nk++] = g->port_out[e];
	int n = 0;
	if (src->drop > 0) { /* a stacked leaf: down from under its box, out along its lane */
		px[n] = src->x, py[n++] = src->y + src->h / 2;
		px[n] = src->x, py[n++] = src->y + src->drop;
		kx[0] = g->col_x[src->col] + g->col_w[src->col] + (src->x - src->ux);
		ky[0] = src->y + src->drop;
	}
	for (int k = 0; k < g->edge_n[e] && nk < 60; k++) {
		const struct layout_item *it = &g->items[g->edge_first[e] + k];
		kb[nk] = kb[nk + 1] = g->col_band[it->col];
		kx[nk] = it->x - it->w / 2; ky[nk++] = it->y;
		kx[nk] = it->x + it->w / 2; ky[nk++] = it->y;
	}
	kb[nk] = g->col_band[dst->col];
	kx[nk] = dst->x - dst->w / 2; ky[nk++] = g->port_in[e];
	/* between knots 2j and 2j+1: an S-curve, or round to the next row; within an item:
	 * straight */
	int per = (GRAPH_ROUTE - 1) / (nk / 2 + 1);
	for (int j = 0; j + 1 < nk; j++) {
		double x0 = kx[j], y0 = ky[j], x1 = kx[j + 1], y1 = ky[j + 1];
		if (j % 2 == 0 && kb[j + 1] > kb[j] && n + 5 < GRAPH_ROUTE - 1) {
			double xr, gy, xl;
			graph_wrap_lanes(g, kb[j], y0, y1, &xr, &gy, &xl);
			double cx[] = {x0, xr, xr, xl, xl}, cy[] = {y0, y0, gy, gy, y1};
			for (int i = 0; i < 5; i++, n++) {
				px[n] = cx[i];
				py[n] = cy[i];
			}
			continue;
		}
		int curve = j % 2 == 0;
		int m = curve ? per : 1;
		for (int i = 0; i < m && n < GRAPH_ROUTE - 1; i++) {
			double t = (double)i / m;
			if (curve) {
				double mx = (x0 + x1) / 2, u = 1 - t;
				px[n] = u * u * u * x0 + 3 * u * u * t * mx + 3 * u * t * t * mx + t * t * t * x1;
				py[n] = u * u * u * y0 + 3 * u * u * t * y0 + 3 * u * t * t * y1 + t * t * t * y1;
			} else {
				px[n] = x0;
				py[n] = y0;
			}
			n++;
		}
	}
	px[n] = kx[nk - 1];
	py[n] = ky[nk - 1];
	return n + 1;
}

static void graph_point_at(const double *px, const double *py, int n, double f, double *x,
                           double *y)
{
	double total = 0;
	for (int i = 1; i < n; i++)
		total += hypot(px[i] - px[i - 1], py[i] - py[i - 1]);
	double want = f * total;
	for (int i = 1; i < n; i++) {
		double d = hypot(px[i] - px[i - 1], py[i] - py[i - 1]);
		if (want <= d || i == n - 1) {
			double t = d > 0 ? fmin(1, want / d) : 0;
			*x = px[i - 1] + t * (px[i] - px[i - 1]);
			*y = py[i - 1] + t * (py[i] - py[i - 1]);
			return;
		}
		want -= d;
	}
	*x = px[0];
	*y = py[0];
}

/* Does the shown step use edge e of the laid-out graph? (A weight's edge is also used
 * by the weight's own steps, dJ/dw.) */
static int graph_edge_used(const struct graph_layout *g, const struct graph_state *st, int e)
{
	const struct scene *s = st->fig->scene;
	int se = layout_edge(g, e), w = g->units ? g->units->weight[e] : -1;
	return st->t && (trace_step_uses_edge(st->t, s, st->k, se) ||
	                 (w >= 0 && trace_step_uses_edge(st->t, s, st->k, s->out[s->nodes[w].out_first])));
}

/* Edge e of the laid-out graph, used or not by the shown step: its route (n points into
 * px, py), its colour and the em box it spans (x0, y0, x1, y1); 0 when it is out of
 * view. */
static int graph_edge_at(const struct graph_layout *g, const struct graph_state *st,
                         const struct theme *th, int e, int used, double *px, double *py,
                         int *n, struct rgba *c, double box[4])
{
	const struct scene *s = st->fig->scene;
	*n = graph_route(g, g->scene, e, px, py);
	double x0 = px[0], x1 = px[0], y0 = py[0], y1 = py[0];
	for (int i = 1; i < *n; i++) { /* (no NaN in a route: comparisons, not fmin) */
		x0 = px[i] < x0 ? px[i] : x0, x1 = px[i] > x1 ? px[i] : x1;
		y0 = py[i] < y0 ? py[i] : y0, y1 = py[i] > y1 ? py[i] : y1;
	}
	box[0] = x0, box[1] = y0, box[2] = x1, box[3] = y1;
	*c = used ? graph_step_colour(st, th) : th->muted;
	if (!s->nodes[s->edges[layout_edge(g, e)].to].feeds_cost)
		c->a *= 0.5;
	return graph_in_view(st, (x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0);
}

/* Strokes a route of n points in colour c with its arrowhead (heavier when the shown
 * step uses it, and then, mid animation, with the pulse running along it). */
static void graph_edge_draw(cairo_t *cr, const struct graph_state *st, const double *px,
                            const double *py, int n, int used, struct rgba c)
{
	cairo_move_to(cr, px[0], py[0]);
	for (int i = 1; i < n; i++)
		cairo_line_to(cr, px[i], py[i]);
	theme_set(cr, c);
	cairo_set_line_width(cr, used ? M.edge_line_hot : M.edge_line);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_stroke(cr);
	/* arrowhead at the target */
	double ax = px[n - 1], ay = py[n - 1], a = used ? M.arrow_hot : M.arrow;
	cairo_move_to(cr, ax, ay);
	cairo_line_to(cr, ax - a, ay - a * M.arrow_aspect);
	cairo_line_to(cr, ax - a, ay + a * M.arrow_aspect);
	cairo_close_path(cr);
	cairo_fill(cr);
	if (used && st->fade < 1) {
		struct rgba hot = c;
		hot.a = 1;
		double f = st->t->steps[st->k].kind == STEP_BACKWARD ? 1 - st->fade : st->fade;
		double x, y;
		graph_point_at(px, py, n, f, &x, &y);
		theme_set_alpha(cr, hot, M.pulse_alpha);
		cairo_arc(cr, x, y, M.pulse_halo, 0, 2 * M_PI);
		cairo_fill(cr);
		theme_set(cr, hot);
		cairo_arc(cr, x, y, M.pulse_dot, 0, 2 * M_PI);
		cairo_fill(cr);
	}
}

/* Live frames (draw_opts.live): the edges the shown step does not use, from the render's
 * edge layer over the whole graph's box (it stays while numbers change), drawn into it first when what it would show changed
 * (the hash of every such edge's route and colour, and of the transform). 1 when they
 * are drawn so, 0 when the caller must stroke them (cr's target takes no layer). */
static int graph_idle_layer(cairo_t *cr, struct render *r, const struct graph_layout *g,
                            const struct graph_state *st, const struct theme *th)
{
	double px[GRAPH_ROUTE], py[GRAPH_ROUTE], box[4], b[4] = {0, 0, g->width, g->height};
	cairo_matrix_t m;
	cairo_get_matrix(cr, &m);
	double head[] = {m.xx, m.yx, m.xy, m.yy, m.x0, m.y0};
	uint64_t h = layout_hash_doubles(1469598103934665603ULL, head, 6);
	int n;
	struct rgba c;
	for (int e = 0; e < g->scene->n_edges; e++) {
		if (graph_edge_used(g, st, e) || !graph_edge_at(g, st, th, e, 0, px, py, &n, &c, box))
			continue;
		double ec[] = {e, c.r, c.g, c.b, c.a};
		h = layout_hash_doubles(h, ec, 5);
		h = layout_hash_doubles(h, px, n);
		h = layout_hash_doubles(h, py, n);
		b[0] = fmin(b[0], box[0]), b[1] = fmin(b[1], box[1]); /* an edge out of the */
		b[2] = fmax(b[2], box[2]), b[3] = fmax(b[3], box[3]); /* graph's box: rare */
	}
	double pad = M.arrow * M.arrow_aspect + M.edge_line; /* arrowheads, line ends */
	int fresh;
	cairo_t *lc = edge_layer_open(&r->edges, cr, (unsigned long)h, b[0] - pad, b[1] - pad,
	                              b[2] + pad, b[3] + pad, &fresh);
	if (!lc && !fresh)
		return 0;
	for (int e = 0; lc && e < g->scene->n_edges; e++)
		if (!graph_edge_used(g, st, e) && graph_edge_at(g, st, th, e, 0, px, py, &n, &c, box))
			graph_edge_draw(lc, st, px, py, n, 0, c);
	if (lc)
		edge_layer_close(&r->edges, lc);
	return edge_layer_paint(&r->edges, cr) == 0;
}

static void graph_edges(cairo_t *cr, struct render *r, const struct graph_layout *g,
                        const struct graph_state *st, const struct theme *th)
{
	double px[GRAPH_ROUTE], py[GRAPH_ROUTE], box[4];
	int idle_done = st->o->live && graph_idle_layer(cr, r, g, st, th);
	for (int pass = idle_done; pass < 2; pass++) /* highlighted edges on top */
		for (int e = 0; e < g->scene->n_edges; e++) {
			int n;
			struct rgba c;
			if (graph_edge_used(g, st, e) == pass &&
			    graph_edge_at(g, st, th, e, pass, px, py, &n, &c, box))
				graph_edge_draw(cr, st, px, py, n, pass, c);
		}
}

void graph_box_path(cairo_t *cr, double x, double y, double w, double h, double rad)
{
	rad = fmin(rad, fmin(w, h) / 2);
	cairo_new_sub_path(cr);
	cairo_arc(cr, x + w - rad, y + rad, rad, -M_PI / 2, 0);
	cairo_arc(cr, x + w - rad, y + h - rad, rad, 0, M_PI / 2);
	cairo_arc(cr, x + rad, y + h - rad, rad, M_PI / 2, M_PI);
	cairo_arc(cr, x + rad, y + rad, rad, M_PI, 3 * M_PI / 2);
	cairo_close_path(cr);
}

/* Draws text centred at cx on baseline y; returns its left edge. */
double graph_centred(cairo_t *cr, struct render *r, const char *s, double cx, double y,
                            const struct text_style *ts)
{
	double w = text_width(r, s, ts);
	text_draw(cr, r, s, cx - w / 2, y, ts);
	return cx - w / 2;
}

void graph_hit(struct render *r, const struct graph_xform *xf, enum hit_kind kind,
                      int node, int edge, double x, double y, double w, double h)
{
	geom_add(r->geom, kind, node, edge, xf->ox + x * xf->k, xf->oy + y * xf->k, w * xf->k,
	         h * xf->k);
}

/* "dJ/dw = −7" under the row's "dJ⁽⁰⁾/dw = −1.5", bold, shown from its mean step on. */
static void graph_mean_row(cairo_t *cr, struct render *r, const struct graph_layout *g,
                           const struct graph_state *st, const struct theme *th,
                           const struct layout_node_text *t, int v, double cx, double base)
{
	struct text_style gs = {FONT_BOLD, M.grad_name, 0}, gn = {FONT_BOLD, M.grad, 1};
	double mk = graph_hidden(st, v, HIDE_GRAD) ? 0 : graph_known(st, trace_mean_known, v);
	char name[200];
	snprintf(name, sizeof name, t->over ? "%s =" : "%s = ", t->mean_name);
	const char *num = mk > 0 ? t->mean : "?";
	double gx = cx - (text_width(r, name, &gs) + text_width(r, num, &gn)) / 2;
	theme_set(cr, th->fg);
	if (t->over) { /* the name on a row of its own, the number centred under it */
		graph_centred(cr, r, name, cx, base - M.row_grad * M.base_grad + M.row_gname * M.base_gname, &gs);
		base += M.row_gname;
		gx = cx - text_width(r, num, &gn) / 2;
	} else {
		gx += text_draw(cr, r, name, gx, base, &gs);
	}
	if (mk > 0)
		theme_set_alpha(cr, th->backward, mk);
	else
		theme_set(cr, th->muted);
	text_draw(cr, r, num, gx, base, &gn);
}

static void graph_node(cairo_t *cr, struct render *r, const struct graph_layout *g,
                       const struct graph_state *st, const struct theme *th,
                       const struct graph_xform *xf, int i)
{
	const struct scene *s = st->fig->scene;
	int v = layout_node(g, i); /* item i shows scene node v */
	const struct node *nd = &s->nodes[v];
	const struct layout_item *it = &g->items[i];
	const struct layout_node_text *t = &g->text[v];
	if (!graph_in_view(st, it->x, it->y, it->w, it->h))
		return;
	double x = it->x - it->w / 2, y = it->y - it->h / 2, w = it->w, h = it->h;
	const double *radius = M.radius;
	int current = st->t && st->t->steps[st->k].node == v;
	struct rgba hot = graph_step_colour(st, th);
	double cur_a = st->t && st->k > 0 ? fmin(1, 0.25 + st->fade) : 1;

	const struct work_view *wk = st->work;
	if (wk && wk->pass != WORK_IDLE && wk->visit_node == v) { /* the pass of the N key */
		struct rgba c = wk->pass == WORK_BACKWARD ? th->backward
		                : wk->pass == WORK_NUDGE ? th->nudge : th->forward;
		double d = M.visit_halo;
		graph_box_path(cr, x - d, y - d, w + 2 * d, h + 2 * d, radius[nd->kind] + d);
		theme_set_alpha(cr, c, 0.85);
		cairo_fill(cr);
	}
	if (wk && wk->pass == WORK_NUDGE && wk->nudged == v) { /* the nudged param */
		double d = M.nudged_ring;
		graph_box_path(cr, x - d, y - d, w + 2 * d, h + 2 * d, radius[nd->kind] + d);
		theme_set(cr, th->nudge);
		cairo_set_line_width(cr, M.nudged_line);
		cairo_stroke(cr);
	}
	if (current) { /* glow */
		double d = M.glow;
		graph_box_path(cr, x - d, y - d, w + 2 * d, h + 2 * d, radius[nd->kind] + d);
		theme_set_alpha(cr, hot, M.glow_alpha * cur_a);
		cairo_fill(cr);
	}
	graph_box_path(cr, x, y, w, h, radius[nd->kind]);
	theme_set(cr, th->fill[nd->kind]);
	cairo_fill_preserve(cr);
	double line_a = 1; /* a data node's dashes at half strength (M.dash_alpha) */
	if (nd->kind == NODE_DATA) {
		cairo_set_dash(cr, M.dash, 2, 0);
		line_a = current ? 1 : M.dash_alpha;
	}
	theme_set_alpha(cr, current ? hot : v == s->cost ? th->cost : th->edge_kind[nd->kind], line_a);
	cairo_set_line_width(cr, current ? M.outline_hot : M.outline);
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
	if (v == s->cost) { /* the cost: a double outline */
		double d = M.cost_inset;
		graph_box_path(cr, x + d, y + d, w - 2 * d, h - 2 * d, fmax(0, radius[nd->kind] - d));
		theme_set(cr, current ? hot : th->cost);
		cairo_set_line_width(cr, M.cost_line);
		cairo_stroke(cr);
	}
	graph_hit(r, xf, HIT_NODE, v, -1, x, y, w, h);
	if (st->shapes)
		return;

	/* header: bold label, regular rest, italic kind tag */
	struct text_style head = {FONT_BOLD, M.head, 0}, rest = {FONT_REGULAR, M.head, 0};
	struct text_style tag = {FONT_ITALIC, M.tag, 1};
	double hw = text_width(r, t->label, &head) + text_width(r, t->rest1, &rest);
	double tw = t->tag[0] ? M.tag_gap + text_width(r, t->tag, &tag) : 0;
	double hx = it->x - (hw + tw) / 2, base = y + M.pad_y + M.row_head * M.base_head;
	theme_set(cr, th->fg);
	hx += text_draw(cr, r, t->label, hx, base, &head);
	hx += text_draw(cr, r, t->rest1, hx, base, &rest);
	if (t->tag[0]) {
		theme_set(cr, th->muted);
		text_draw(cr, r, t->tag, hx + M.tag_gap, base, &tag);
	}
	if (t->rest2[0]) { /* a long header's second line */
		base += M.row_head;
		theme_set(cr, th->fg);
		graph_centred(cr, r, t->rest2, it->x, base, &rest);
		y += M.row_head; /* the rows below move down */
	}
	for (int k = 0; k < 2; k++) { /* a three- or four-line header's last lines */
		const char *line = k ? t->rest4 : t->rest3;
		if (!line[0])
			break;
		base += M.row_head;
		graph_centred(cr, r, line, it->x, base, &rest);
		y += M.row_head;
	}

	/* value */
	struct text_style val = {FONT_BOLD, 1, 1};
	double vk = graph_known(st, trace_value_known, v);
	base = y + M.pad_y + M.row_head + M.row_value * M.base_value;
	if (vk > 0 && !graph_hidden(st, v, HIDE_VALUE)) {
		if (vk < 1) {
			theme_set_alpha(cr, th->muted, 1 - vk);
			graph_centred(cr, r, "?", it->x, base, &val);
		}
		theme_set_alpha(cr, th->forward, vk);
		graph_centred(cr, r, t->value, it->x, base, &val);
	} else {
		theme_set(cr, graph_ask_colour(st, th, st->o->wrong_node, v, HIDE_VALUE));
		graph_centred(cr, r, "?", it->x, base, &val);
	}
	double vw = text_width(r, t->value, &val);
	graph_hit(r, xf, HIT_NODE_VALUE, v, -1, it->x - vw / 2 - M.hit_pad, base - M.hit_value_up,
	          vw + 2 * M.hit_pad, M.hit_value_h);

	/* gradient: "dJ/dc = " then the number */
	struct text_style gs = {FONT_REGULAR, M.grad_name, 0};
	struct text_style gn = {FONT_BOLD, M.grad, 1};
	double gk = st->fw ? 1 : nd->feeds_cost ? graph_known(st, trace_grad_known, v) : 0;
	int asked = graph_hidden(st, v, HIDE_GRAD);
	if (asked)
		gk = 0;
	struct rgba gcol = st->fw ? th->nudge : th->backward; /* forward / reverse mode */
	char name[200];
	int own_row = t->over || it->tall; /* the gradient's name on a row of its own */
	snprintf(name, sizeof name, own_row ? "%s =" : "%s = ", t->grad_name);
	const char *num = gk > 0 ? t->grad : nd->feeds_cost || asked ? "?" : "0";
	double nw = text_width(r, name, &gs), numw = text_width(r, num, &gn);
	double gx = it->x - (nw + numw) / 2;
	base = y + M.pad_y + M.row_head + M.row_value + M.row_grad * M.base_grad;
	theme_set(cr, th->muted);
	if (own_row) { /* narrow layouts, and a leaf beside tall units */ /* "dJ/dc =" on a row of its own, the number centred under it */
		graph_centred(cr, r, name, it->x, y + M.pad_y + M.row_head + M.row_value + M.row_gname * M.base_gname, &gs);
		base += M.row_gname;
		gx = it->x - numw / 2;
	} else {
		gx += text_draw(cr, r, name, gx, base, &gs);
	}
	if (gk > 0 && gk < 1) {
		theme_set_alpha(cr, th->muted, 1 - gk);
		text_draw(cr, r, "?", gx, base, &gn);
	}
	if (gk > 0)
		theme_set_alpha(cr, gcol, gk);
	else if (asked)
		theme_set(cr, graph_ask_colour(st, th, st->o->wrong_node, v, HIDE_GRAD));
	text_draw(cr, r, num, gx, base, &gn);
	graph_hit(r, xf, HIT_NODE_GRAD, v, -1, gx - M.hit_pad, base - M.hit_grad_up,
	          numw + 2 * M.hit_pad, M.hit_grad_h);
	if (t->mean[0]) /* a data scene's input or param: the mean over rows, what descent uses */
		graph_mean_row(cr, r, g, st, th, t, v, it->x, base + M.row_grad);
}

#define GRAPH_LABEL_NEAR 64 /* most boxes a label's place is checked against */

/* Node boxes, the mean box, placed labels (taken, 4 numbers each: x, y, w, h) and a
 * unit graph's weights' labels (which keep their room when bare) that reach into the
 * square of half-side r round (cx, cy), into near (x, y, w, h each). Returns how many
 * (at most GRAPH_LABEL_NEAR; the rest are left out of the search). */
static int graph_near(const struct graph_layout *g, int n_nodes, const double *taken, int n,
                      double cx, double cy, double r, double *near)
{
	int m = 0, ne = g->units ? g->scene->n_edges : 0;
	const struct mean_box *mb = &g->mean;
	for (int i = -1; i < n_nodes + n + ne && m < GRAPH_LABEL_NEAR; i++) {
		double b[4];
		if (i < 0) {
			if (!mb->on)
				continue;
			b[0] = mb->x - mb->w / 2, b[1] = mb->y - mb->h / 2, b[2] = mb->w, b[3] = mb->h;
		} else if (i < n_nodes) {
			const struct layout_item *it = &g->items[i];
			b[0] = it->x - it->w / 2, b[1] = it->y - it->h / 2, b[2] = it->w, b[3] = it->h;
		} else if (i < n_nodes + n) {
			memcpy(b, taken + 4 * (i - n_nodes), sizeof b);
		} else if (g->units->weight[i - n_nodes - n] >= 0) {
			const struct layout_item *it = &g->items[g->edge_label[i - n_nodes - n]];
			b[0] = it->x - it->bw / 2, b[1] = it->y - it->h / 2, b[2] = it->bw, b[3] = it->h;
		} else {
			continue;
		}
		if (b[0] < cx + r && cx - r < b[0] + b[2] && b[1] < cy + r && cy - r < b[1] + b[3])
			memcpy(near + 4 * m++, b, sizeof b);
	}
	return m;
}

/* Is the box (top-left x, y, size w x h) inside the graph and clear of the n boxes in
 * near (with a margin)? */
static int graph_clear(const struct graph_layout *g, double x, double y, double w, double h,
                       const double *near, int n)
{
	const double m = 0.15;
	if (x < 0 || y < 0 || x + w > g->width || y + h > g->height)
		return 0;
	for (int i = 0; i < n; i++) {
		const double *b = near + 4 * i;
		if (x < b[0] + b[2] + m && b[0] < x + w + m && y < b[1] + b[3] + m && b[1] < y + h + m)
			return 0;
	}
	return 1;
}

/* Does the leader from (ax, ay) to the label at (x, y, w x h) stay clear of the n boxes
 * in near (it is drawn to the label's nearest point)? */
static int graph_leader_clear(double ax, double ay, double x, double y, double w, double h,
                              const double *near, int n)
{
	double lx = fmin(fmax(ax, x), x + w), ly = fmin(fmax(ay, y), y + h);
	for (int k = 1; k < 16; k++) {
		double px = ax + (lx - ax) * k / 16, py = ay + (ly - ay) * k / 16;
		for (int i = 0; i < n; i++) {
			const double *b = near + 4 * i;
			if (px > b[0] && px < b[0] + b[2] && py > b[1] && py < b[1] + b[3])
				return 0;
		}
	}
	return 1;
}

/* Where a bare layout draws edge e's label (its top-left corner into *x, *y): on the
 * edge, or just above or below it, as near its middle as is clear of the nodes and of
 * the n labels already placed (taken); else the clear place nearest the edge's middle
 * whose leader crosses no box (*ax, *ay, where the leader starts; *ax < 0 when the label
 * is on its edge), or failing that the nearest clear place. Returns
 * 0 when nothing near is clear. */
static int graph_label_place(const struct graph_layout *g, const struct scene *s, int e,
                             const double *taken, int n, double *x, double *y, double *ax,
                             double *ay)
{
	const struct layout_item *it = &g->items[g->edge_label[e]];
	double px[GRAPH_ROUTE], py[GRAPH_ROUTE], w = it->lw, h = it->lh;
	int np = graph_route(g, s, e, px, py);
	static const double along[] = {0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8};
	static const double side[] = {0, -0.6, 0.6, -1.2, 1.2}; /* label heights off the edge */
	double near[4 * GRAPH_LABEL_NEAR], mx, my, reach = 14; /* em searched round the middle */
	graph_point_at(px, py, np, 0.5, &mx, &my);
	int m = graph_near(g, s->n_nodes, taken, n, mx, my, reach + w + h, near);
	*ax = -1;
	for (size_t j = 0; j < sizeof side / sizeof side[0]; j++)
		for (size_t i = 0; i < sizeof along / sizeof along[0]; i++) {
			double cx, cy;
			graph_point_at(px, py, np, along[i], &cx, &cy);
			*x = cx - w / 2;
			*y = cy + side[j] * h - h / 2;
			if (graph_clear(g, *x, *y, w, h, near, m))
				return 1;
		}
	for (int pass = 0; pass < 2; pass++) /* a leader clear of the boxes, then any */
		for (double rad = 0.5; rad <= reach; rad += 0.5) /* rings of candidates, nearest first */
			for (int k = 0, steps = (int)(rad * 8); k < steps; k++) {
				double t = 2 * M_PI * k / steps;
				*x = mx + rad * cos(t) * 1.6 - w / 2; /* wider than high, as labels are */
				*y = my + rad * sin(t) - h / 2;
				if (graph_clear(g, *x, *y, w, h, near, m) &&
				    (pass || graph_leader_clear(mx, my, *x, *y, w, h, near, m))) {
					*ax = mx;
					*ay = my;
					return 1;
				}
			}
	return 0;
}

/* Is the pointer over scene node v: its box, or with units drawn any part of its unit
 * (the box's rows, a weight's label)? */
static int graph_hovers(const struct graph_layout *g, const struct draw_view *vw, int v)
{
	const struct unit_set *us = g->units ? g->scene_units : NULL;
	return vw->hovered && (v == vw->hover || (us && us->member[v] >= 0 &&
	                                          us->member[v] == us->member[vw->hover]));
}

/* Does edge e's label show? Every one that is known, except in a bare layout: there
 * only those of the shown step's edges and of the node under the pointer (the window's
 * draw_view.hover; with units drawn, of the unit any part of which is under it). */
static int graph_label_shown(const struct graph_layout *g, const struct graph_state *st, int e)
{
	const struct draw_view *vw = &st->o->view;
	const struct edge *ed = &st->fig->scene->edges[e];
	if (!g->bare || graph_hovers(g, vw, ed->from) || graph_hovers(g, vw, ed->to))
		return 1;
	return st->t && trace_step_uses_edge(st->t, st->fig->scene, st->k, e);
}

static void graph_labels(cairo_t *cr, struct render *r, const struct graph_layout *g,
                         const struct graph_state *st, const struct theme *th,
                         const struct graph_xform *xf)
{
	const struct scene *lg = g->scene; /* the graph laid out */
	struct text_style ls = {FONT_REGULAR, g->local_em, 0};
	double taken[4 * 64]; /* labels placed over a bare layout */
	int n_taken = 0;
	for (int le = 0; le < lg->n_edges; le++) { /* the laid-out graph's edges */
		if (g->units && g->units->weight[le] >= 0) { /* a weight on the edge into a unit */
			draw_unit_weight(cr, r, g, st, th, xf, le);
			continue;
		}
		int e = layout_edge(g, le); /* the scene's edge */
		double a = graph_local_known(st, e);
		if (a <= 0 || !graph_label_shown(g, st, e))
			continue;
		const struct layout_item *it = &g->items[g->edge_label[le]];
		double x = it->x - it->lw / 2, y = it->y - it->lh / 2, cx = it->x, cy = it->y, ax, ay;
		if (g->bare) {
			if (n_taken == 64 || !graph_label_place(g, lg, le, taken, n_taken, &x, &y, &ax, &ay))
				continue; /* no room: the caption still says it */
			if (ax >= 0) { /* off its edge: a leader from the edge's middle */
				double lx = fmin(fmax(ax, x), x + it->lw), ly = fmin(fmax(ay, y), y + it->lh);
				cairo_move_to(cr, ax, ay);
				cairo_line_to(cr, lx, ly);
				theme_set_alpha(cr, th->backward, M.local_alpha * a);
				cairo_set_line_width(cr, M.local_line);
				cairo_stroke(cr);
				cairo_arc(cr, ax, ay, M.pulse_dot * 0.6, 0, 2 * M_PI);
				cairo_fill(cr);
			}
			double *b = taken + 4 * n_taken++;
			b[0] = x;
			b[1] = y;
			b[2] = it->lw;
			b[3] = it->lh;
			cx = x + it->lw / 2;
			cy = y + it->lh / 2;
		}
		if (!graph_in_view(st, x + it->lw / 2, y + it->lh / 2, it->lw, it->lh))
			continue; /* out of the zoomed window's view */
		graph_box_path(cr, x, y, it->lw, it->lh, it->lh / 2);
		theme_set_alpha(cr, th->label_bg, a);
		cairo_fill_preserve(cr);
		theme_set_alpha(cr, th->backward, M.local_alpha * a);
		cairo_set_line_width(cr, M.local_line);
		cairo_stroke(cr);
		theme_set_alpha(cr, th->backward, a);
		const char *text = g->local[le];
		char quiz[200], lines[3][200];
		int cut = g->local_cut[le], cut2 = g->local_cut2[le];
		if (st->o->hide_values || (st->o->hide_edge && st->o->hide_edge[e])) {
			const char *eq = strstr(text, " = ");
			int name = eq ? (int)(eq - text) : 0;
			snprintf(quiz, sizeof quiz, "%.*s = ?", name, text);
			text = quiz;
			cut = cut ? name : 0;
			cut2 = 0;
		}
		if (text == quiz && st->o->wrong_edge && st->o->wrong_edge[e])
			theme_set_alpha(cr, th->wrong, a);
		/* compact: "∂c/∂w" over "= x = 2"; stacked: "= x" over "= 2" under it */
		int n_lines = layout_label_lines(text, cut, cut2, lines);
		double base = cy + ls.size * (M.base_local - M.local_h * (n_lines - 1) / 2);
		for (int j = 0; j < n_lines; j++)
			graph_centred(cr, r, lines[j], cx, base + j * ls.size * M.local_h, &ls);
		r->geom->label_font = ls.size * xf->k;
		graph_hit(r, xf, HIT_EDGE_LOCAL, -1, e, x, y, it->lw, it->lh);
	}
}

/* The legend row's width at font with the names shown. */
static double graph_legend_width(struct render *r, const char *const *names, const int *shown, double font)
{
	struct text_style ts = {FONT_REGULAR, font, 0};
	double total = -font * M.legend_space;
	for (int i = 0; i < 7; i++)
		if (shown[i])
			total += font * (M.legend_swatch + M.legend_gap + M.legend_space) + text_width(r, names[i], &ts);
	return total;
}

/* The legend under the graph: a swatch for each kind of box the scene has (a scene without
 * inputs or data names none), the value and dJ/d· colours; where the row would be wider
 * than the graph's panel at the least font, the colours without "(forward)" and
 * "(backward)"; set smaller where it still is, so it never runs past the panel's sides. */
static void graph_legend(cairo_t *cr, struct render *r, const struct figure *fig,
                         const struct panel *p, double font, double least)
{
	const struct theme *th = p->th;
	const struct scene *s = fig->scene;
	const char *names[] = {"input", "param", "data", "computed", "cost", "value (forward)",
	                       "dJ/d· (backward)"};
	int shown[7] = {0, 0, 0, 0, 1, 1, 1};
	for (int v = 0; v < s->n_nodes; v++)
		if (v != s->cost)
			shown[s->nodes[v].kind] = 1;
	char tangent[96];
	const struct forward_view *fw = figure_forward(fig);
	int wide = fw && fw->input >= 0 ? snprintf(tangent, sizeof tangent, "d·/d%s", s->nodes[fw->input].label) : 0;
	if (wide) /* forward mode: d·/dw in the nudge colour */
		snprintf(tangent + wide, sizeof tangent - (size_t)wide, " (forward mode)");
	if (wide)
		names[6] = tangent;
	double total = graph_legend_width(r, names, shown, font);
	if (total > p->w && font * p->w / total < least) { /* the colours' names alone */
		names[5] = "value";
		names[6] = "dJ/d·";
		if (wide)
			tangent[wide] = 0;
		total = graph_legend_width(r, names, shown, font);
	}
	struct text_style ts = {FONT_REGULAR, font, 0};
	if (total > p->w) { /* every part of the row scales with the font */
		font *= p->w / total;
		total = p->w;
		ts.size = font;
	}
	double sw = font * M.legend_swatch, gap = font * M.legend_gap, space = font * M.legend_space;
	double x = p->x + (p->w - total) / 2, y = p->y + p->h - font * 0.5;
	r->geom->legend = (struct layout_box){x, y - font, total, font * 1.3};
	for (int i = 0; i < 7; i++) {
		if (!shown[i])
			continue;
		double bh = font * M.legend_box;
		cairo_set_line_width(cr, font * M.legend_line);
		if (i < 5) {
			int kind = i < 4 ? i : NODE_COMPUTED;
			double rad = M.radius[kind] * bh * 1.4;
			graph_box_path(cr, x, y - bh * 0.85, sw, bh, rad);
			theme_set(cr, th->fill[kind]);
			cairo_fill_preserve(cr);
			double line_a = 1;
			if (i == NODE_DATA) {
				double dash[] = {font * M.dash[0], font * M.dash[1]};
				cairo_set_dash(cr, dash, 2, 0);
				line_a = M.dash_alpha;
			}
			theme_set_alpha(cr, i == 4 ? th->cost : th->edge_kind[kind], line_a);
			cairo_stroke(cr);
			cairo_set_dash(cr, NULL, 0, 0);
			if (i == 4) {
				double d = font * 0.16;
				graph_box_path(cr, x + d, y - bh * 0.85 + d, sw - 2 * d, bh - 2 * d, rad / 1.4);
				cairo_set_line_width(cr, font * 0.05);
				cairo_stroke(cr);
			}
		} else {
			theme_set(cr, i == 5 ? th->forward : fw ? th->nudge : th->backward);
			cairo_rectangle(cr, x, y - bh * 0.5, sw, font * M.legend_bar);
			cairo_fill(cr);
		}
		x += sw + gap;
		theme_set(cr, th->muted);
		x += text_draw(cr, r, names[i], x, y, &ts) + space;
	}
}

void draw_graph_extent(struct render *r, const struct figure *fig, const struct draw_opts *o,
                       struct graph_extent *ex)
{
	ex->goal = o->present ? o->height / (GRAPH_PRESENT_GOAL * GRAPH_DIGIT_EM) : 0;
	ex->legend_least = text_floor(o);
	ex->units = layout_units(fig, o) != NULL;
	for (int v = 0; v < LAYOUT_VARIANTS; v++) {
		int n = fig->scene->n_nodes; /* only a crowded graph is laid out bare, or any one
		                                presenting (the room reads the step's labels), or
		                                one drawn with neuron units (its bare layout keeps
		                                the weights' labels; only the few others go); a
		                                small scalar one stacked */
		const struct graph_layout *g =
			n > GRAPH_MAX_NODES || (v == LAYOUT_BARE && n < LAYOUT_CROWDED && !o->present && !ex->units) ||
			(v == LAYOUT_NARROW && (n >= LAYOUT_CROWDED || !o->present)) ||
			(v == LAYOUT_STACKED && (n >= LAYOUT_CROWDED || ex->units))
				? NULL
				: layout_get(r, fig, o, v, 1);
		if (v == LAYOUT_NARROW && g && g->units) /* neuron units size their own rows */
			g = NULL;
		for (int b = 0; b < LAYOUT_MAX_BANDS; b++) {
			double w, h;
			int real = g && layout_extent(r, v, b + 1, &w, &h) == b + 1; /* a graph
			                                               of few layers wraps less */
			ex->w[v][b] = real ? w : 0;
			ex->h[v][b] = real ? h : 0;
		}
	}
	int bands, held = steady_layout(r, fig, o, &bands); /* the window's choice stays */
	if (held >= 0 && ex->w[held][bands - 1] > 0)
		for (int v = 0; v < LAYOUT_VARIANTS; v++)
			for (int b = 0; b < LAYOUT_MAX_BANDS; b++)
				if (v != held || b != bands - 1)
					ex->w[v][b] = ex->h[v][b] = 0;
}

#define GRAPH_LEGEND_BAND 1.6 /* the legend row's least height, fonts: the row 1.45 and a gap */

/* The legend row's font under a graph in units u: 16 1080p pixels, or the type's floor
 * where that is larger (text_floor: the window at 1024x768 set it 8.5 units, digits 1/108
 * of the height). */
static double graph_legend_font(const struct graph_extent *ex, double u)
{
	return fmax(M.legend * u, ex->legend_least);
}

/* The height the graph's panel keeps for the legend row. */
static double graph_legend_band(const struct graph_extent *ex, double u)
{
	return fmax(M.legend * u * M.legend_rows, graph_legend_font(ex, u) * GRAPH_LEGEND_BAND);
}

/* Which layout variant (enum layout_variant) in how many rows (*bands) shows the graph
 * largest in a w x h panel (legend included; u = one 1080p pixel), and its scale *k in
 * user units per em; -1 for none. The compact one must win by a clear margin (the wide
 * one reads more easily); a stacked, wrapped or bare one only where the others would
 * fall short of the goal (GRAPH_WRAP_EM; presenting, ex->goal), and by a larger margin
 * (one row, every edge label, each on few lines, read more easily still; a unit graph's
 * bare layout keeps its weights' labels and needs only compact's margin); the stacked
 * one is tried before the bare ones, so that where it reaches the goal they are not.
 * Presenting, a layout that reaches the goal wins over any that does not, whatever the
 * margins. */
static int graph_choice(const struct graph_extent *ex, double w, double h, double u, double *k,
                        int *bands, double *score)
{
	int best = -1;
	double cap = GRAPH_MAX_EM * u, best_eff = 0, goal = ex->goal > 0 ? ex->goal : GRAPH_WRAP_EM * u;
	static const double cost[LAYOUT_VARIANTS] = {1, 1.08, 1.2, 1.3, 1.12}; /* how much larger it must be */
	h -= graph_legend_band(ex, u);
	*k = 0;
	*bands = 1;
	/* tried in this order: those with every edge label first */
	static const int order[LAYOUT_VARIANTS] = {LAYOUT_WIDE, LAYOUT_COMPACT, LAYOUT_STACKED,
	                                           LAYOUT_BARE, LAYOUT_NARROW};
	for (int j = 0; j < LAYOUT_VARIANTS; j++)
		for (int b = 0, c = order[j]; b < LAYOUT_MAX_BANDS; b++) {
			if (!(ex->w[c][b] > 0) || !(ex->h[c][b] > 0) ||
			    ((b > 0 || c >= LAYOUT_BARE) && best >= 0 && *k >= goal))
				continue;
			double kc = fmin(cap, fmin(w / ex->w[c][b], h / ex->h[c][b]));
			/* units laid out bare keep their weights' labels: no larger margin than compact */
			double cc = c == LAYOUT_BARE && ex->units ? cost[LAYOUT_COMPACT] : cost[c];
			double eff = kc / (cc * (b ? 1.25 : 1)) + (ex->goal > 0 && kc >= goal ? cap : 0);
			if (best < 0 || eff > best_eff) {
				best = c;
				best_eff = eff;
				*k = kc;
				*bands = b + 1;
				/* presenting: reaching the goal first, then with every edge label (on
				   few lines before stacked), then with each gradient on one line */
				double tier = b > 0 ? 1 : c == LAYOUT_STACKED ? 2.5 : c == LAYOUT_NARROW ? 1
				              : c == LAYOUT_BARE ? 2 : 3;
				*score = kc + (ex->goal > 0 && kc >= goal ? tier * cap : 0);
			}
		}
	return best;
}

double draw_graph_scale(const struct graph_extent *ex, double w, double h, double u)
{
	double k, score;
	int bands;
	graph_choice(ex, w, h, u, &k, &bands, &score);
	return k;
}

double draw_graph_score(const struct graph_extent *ex, double w, double h, double u)
{
	double k, score = 0;
	int bands;
	graph_choice(ex, w, h, u, &k, &bands, &score);
	return score;
}

/* In place of a graph too large to lay out: what it is and where its numbers are. */
static void graph_too_big(cairo_t *cr, struct render *r, const struct figure *fig, const struct panel *p)
{
	char line[200];
	snprintf(line, sizeof line, "This graph has %d nodes: more than nudge lays out (%d).",
	         fig->scene->n_nodes, GRAPH_MAX_NODES);
	struct text_style ts = {FONT_BOLD, 22 * p->u, 1};
	ts.size = text_fit(r, line, &ts, p->w * 0.9, 8 * p->u);
	theme_set(cr, p->th->muted);
	text_draw(cr, r, line, p->x + (p->w - text_width(r, line, &ts)) / 2, p->y + p->h / 2, &ts);
	const char *hint = "nudge eval lists every value and gradient; the plot still shows J.";
	ts.font = FONT_REGULAR;
	ts.size = text_fit(r, hint, &ts, p->w * 0.9, 8 * p->u);
	text_draw(cr, r, hint, p->x + (p->w - text_width(r, hint, &ts)) / 2, p->y + p->h / 2 + ts.size * 1.8, &ts);
}

/* Over a graph drawn too small to read (its values k em high, under GRAPH_MIN_EM 1080p
 * pixels): says so in a line at the top of the panel, which the graph leaves free. */
static void graph_too_small(cairo_t *cr, struct render *r, const struct figure *fig,
                            const struct panel *p, double k)
{
	char line[200];
	snprintf(line, sizeof line, "%d nodes, drawn too small to read (values %.1f px high): "
	         "zoom in the window; nudge eval lists every number.", fig->scene->n_nodes,
	         k * 0.73 / p->u);
	struct text_style ts = {FONT_BOLD, M.legend * p->u, 1};
	ts.size = text_fit(r, line, &ts, p->w, 8 * p->u);
	theme_set(cr, p->th->muted);
	text_draw(cr, r, line, p->x, p->y + ts.size, &ts);
}

/* The layout's item that shows scene node v: itself, or with neuron units drawn, its
 * unit's box (a weight, a bias, z: the unit they belong to); -1 for none. */
static int graph_item_of(const struct graph_layout *g, int v)
{
	if (!g->units)
		return v;
	int i = g->units->of_node[v];
	const struct unit_set *us = g->scene_units;
	if (i < 0 && us && us->member[v] >= 0)
		i = g->units->of_node[us->units[us->member[v]].a];
	return i;
}

/* The layout's item where scene node v is printed: with units drawn, a weight's label on
 * its edge, else graph_item_of's; -1 for none. */
static int graph_shown_item(const struct graph_layout *g, int v)
{
	for (int le = 0; g->units && le < g->scene->n_edges; le++)
		if (g->units->weight[le] == v)
			return g->edge_label[le];
	return graph_item_of(g, v);
}

/* How much of the box (x, y, w, h) the shown step's node covers (the return) and the
 * neighbours its step works with (*near), drawn with xf (user units squared). */
static double graph_step_cover(const struct graph_layout *g, const struct graph_state *st,
                               const struct graph_xform *xf, double x, double y, double w, double h,
                               double *near)
{
	const struct scene *s = st->fig->scene;
	int v = st->t ? st->t->steps[st->k].node : -1;
	double own = 0;
	*near = 0;
	for (int e = -1; v >= 0 && e < s->n_edges; e++) { /* the node (-1), then its step's neighbours */
		int u = e < 0 ? v : !trace_step_uses_edge(st->t, s, st->k, e) ? -1
		        : s->edges[e].from == v ? s->edges[e].to : s->edges[e].from;
		int i = u >= 0 ? graph_shown_item(g, u) : -1;
		if (i < 0)
			continue;
		const struct layout_item *it = &g->items[i];
		double bx = xf->ox + (it->x - it->bw / 2) * xf->k, by = xf->oy + (it->y - it->h / 2) * xf->k;
		double cw = fmin(x + w, bx + it->bw * xf->k) - fmax(x, bx);
		double ch = fmin(y + h, by + it->h * xf->k) - fmax(y, by);
		double a = cw > 0 && ch > 0 ? cw * ch : 0;
		if (e < 0)
			own = a;
		else
			*near += a;
	}
	return own;
}

/* What the box (x, y, w, h) covers of what the graph drew in this frame, in the figure's
 * units: twice the numbers (values, gradients, edge labels: their hit boxes so far), and
 * one more for the mean box (which holds J's mean) — the numbers count first; *boxes: the
 * node boxes it touches. */
static int graph_numbers_under(const struct figure_geom *geom, const struct graph_layout *g,
                               const struct graph_xform *xf, double x, double y, double w, double h,
                               int *boxes)
{
	int n = 0;
	*boxes = 0;
	for (int i = 0; i < geom->n_hits; i++) {
		const struct geom_hit *gh = &geom->hits[i];
		const struct layout_box *b = &gh->box;
		if (!(b->x < x + w && x < b->x + b->w && b->y < y + h && y < b->y + b->h))
			continue;
		n += 2 * (gh->kind == HIT_NODE_VALUE || gh->kind == HIT_NODE_GRAD || gh->kind == HIT_EDGE_LOCAL);
		*boxes += gh->kind == HIT_NODE;
	}
	const struct mean_box *m = &g->mean; /* its cards behind reach a little right and down */
	double mx = xf->ox + (m->x - m->w / 2) * xf->k, my = xf->oy + (m->y - m->h / 2) * xf->k;
	double mw = m->w * xf->k * 1.1, mh = m->h * xf->k * 1.1;
	if (m->on && mx < x + w && x < mx + mw && my < y + h && y < my + mh)
		n++;
	return n;
}

/* The whole graph small in a corner of the panel (a zoomed-in window): the one that
 * covers least of the shown step's node, then the fewest of the numbers in view, then
 * least of the neighbours the step works with, then the fewest boxes (the lower right
 * one, then lower left, upper right, upper left, where they cover as little); node boxes, edges as lines, the shown step's node, and a frame round the
 * part in view; clicking it (HIT_OVERVIEW) moves the view there. */
static void graph_overview(cairo_t *cr, struct render *r, const struct graph_layout *g,
                           const struct graph_state *st, const struct graph_xform *xf,
                           const struct panel *p, double avail_h)
{
	const struct theme *th = p->th;
	const struct scene *s = g->scene; /* the laid-out graph (units collapsed) */
	if (!(g->width > 0) || !(g->height > 0))
		return;
	double ow = p->w * 0.24, oh = ow * g->height / g->width;
	if (oh > avail_h * 0.3) {
		oh = avail_h * 0.3;
		ow = oh * g->width / g->height;
	}
	double pad = 8 * p->u, ox = 0, oy = 0, k = ow / g->width, best[4] = {INFINITY};
	for (int c = 0; c < 4; c++) { /* lower right, lower left, upper right, upper left */
		double cx = c % 2 ? p->x + pad : p->x + p->w - ow - pad;
		double cy = c / 2 ? p->y + pad : p->y + avail_h - oh - pad;
		double near, x = cx - pad, y = cy - pad, w = ow + 2 * pad, h = oh + 2 * pad;
		int boxes;
		/* what it covers, in order: the step's node, the numbers, its neighbours, boxes */
		double cost[4] = {graph_step_cover(g, st, xf, x, y, w, h, &near), 0, near, 0};
		cost[1] = graph_numbers_under(r->geom, g, xf, x, y, w, h, &boxes);
		cost[3] = boxes;
		int j = 0;
		while (j < 3 && cost[j] == best[j])
			j++;
		if (cost[j] < best[j]) {
			memcpy(best, cost, sizeof best);
			ox = cx;
			oy = cy;
		}
	}
	cairo_save(cr);
	graph_box_path(cr, ox - pad, oy - pad, ow + 2 * pad, oh + 2 * pad, pad);
	theme_set_alpha(cr, th->bg, 0.92);
	cairo_fill_preserve(cr);
	theme_set(cr, th->grid);
	cairo_set_line_width(cr, 1.5 * p->u);
	cairo_stroke(cr);
	cairo_set_line_width(cr, 0.75 * p->u);
	theme_set_alpha(cr, th->muted, 0.5);
	for (int e = 0; e < s->n_edges; e++) {
		const struct layout_item *a = &g->items[s->edges[e].from], *b = &g->items[s->edges[e].to];
		cairo_move_to(cr, ox + a->x * k, oy + a->y * k);
		cairo_line_to(cr, ox + b->x * k, oy + b->y * k);
	}
	cairo_stroke(cr);
	int active = st->t && st->t->steps[st->k].node >= 0 ? graph_item_of(g, st->t->steps[st->k].node) : -1;
	for (int v = 0; v < s->n_nodes; v++) {
		const struct layout_item *it = &g->items[v];
		double w = fmax(it->w * k, 2 * p->u), h = fmax(it->h * k, 2 * p->u);
		cairo_rectangle(cr, ox + it->x * k - w / 2, oy + it->y * k - h / 2, w, h);
		theme_set(cr, v == active ? graph_step_colour(st, th) : th->edge_kind[s->nodes[v].kind]);
		cairo_fill(cr);
	}
	double x0 = fmax(st->vx0, 0), y0 = fmax(st->vy0, 0);
	double x1 = fmin(st->vx1, g->width), y1 = fmin(st->vy1, g->height);
	cairo_rectangle(cr, ox + x0 * k, oy + y0 * k, fmax(0, x1 - x0) * k, fmax(0, y1 - y0) * k);
	theme_set(cr, th->fg);
	cairo_set_line_width(cr, 2 * p->u);
	cairo_stroke(cr);
	cairo_restore(cr);
	geom_add(r->geom, HIT_OVERVIEW, -1, -1, ox, oy, ow, oh);
	r->geom->overview = (struct layout_box){ox, oy, ow, oh};
}

/* Whether a box of g (a node's, a unit's weight label) straddles the line at of the
 * layout (axis 0: x = at, 1: y = at) within [lo, hi] of the other axis. */
static int graph_cut_at(const struct graph_layout *g, int axis, double at, double lo, double hi)
{
	int n = g->scene->n_nodes, m = g->units ? g->scene->n_edges : 0;
	for (int i = 0; i < n + m; i++) {
		if (i >= n && g->units->weight[i - n] < 0)
			continue;
		const struct layout_item *it = &g->items[i < n ? i : g->edge_label[i - n]];
		double c[2] = {it->x, it->y}, half[2] = {it->bw / 2, it->h / 2};
		if (c[axis] - half[axis] < at && at < c[axis] + half[axis] && c[!axis] - half[!axis] < hi &&
		    lo < c[!axis] + half[!axis])
			return 1;
	}
	return 0;
}

/* A zoomed view's edges that cut a box: a band fading into the background (em wide, the
 * size of a value as drawn), so that the box reads as going on out of view, not as a
 * number cut short. */
static void graph_fade(cairo_t *cr, const struct panel *p, double avail_h, const struct graph_layout *g,
                       const struct graph_state *st, double em)
{
	double band = fmin(1.2 * em, fmin(p->w, avail_h) * 0.08);
	const struct {
		int on;             /* a box goes on beyond this edge */
		double x0, y0, x1, y1; /* the gradient: opaque at (x0, y0), clear at (x1, y1) */
		double bx, by, bw, bh; /* the band */
	} side[4] = {
		{graph_cut_at(g, 0, st->vx0, st->vy0, st->vy1), p->x, 0, p->x + band, 0, p->x, p->y, band, avail_h},
		{graph_cut_at(g, 0, st->vx1, st->vy0, st->vy1), p->x + p->w, 0, p->x + p->w - band, 0,
		 p->x + p->w - band, p->y, band, avail_h},
		{graph_cut_at(g, 1, st->vy0, st->vx0, st->vx1), 0, p->y, 0, p->y + band, p->x, p->y, p->w, band},
		{graph_cut_at(g, 1, st->vy1, st->vx0, st->vx1), 0, p->y + avail_h, 0, p->y + avail_h - band, p->x,
		 p->y + avail_h - band, p->w, band},
	};
	for (int i = 0; i < 4; i++) {
		if (!side[i].on)
			continue;
		cairo_pattern_t *pat = cairo_pattern_create_linear(side[i].x0, side[i].y0, side[i].x1, side[i].y1);
		struct rgba c = p->th->bg;
		cairo_pattern_add_color_stop_rgba(pat, 0, c.r, c.g, c.b, 1);
		cairo_pattern_add_color_stop_rgba(pat, 1, c.r, c.g, c.b, 0);
		cairo_rectangle(cr, side[i].bx, side[i].by, side[i].bw, side[i].bh);
		cairo_set_source(cr, pat);
		cairo_fill(cr);
		cairo_pattern_destroy(pat);
	}
}

/* Records where the graph went (figure_graph_frame, figure_node_box, per node of the
 * figure's scene: with units drawn a weight's is its label, its unit's other members'
 * the unit's box): the window's view zooms, pans and follows with it. */
static void graph_record(struct render *r, const struct graph_layout *g, const struct scene *s,
                         const struct panel *p, double avail_h, double k, double kd)
{
	struct figure_geom *geom = r->geom;
	int n = s->n_nodes;
	geom->has_graph = 1;
	geom->graph = (struct graph_frame){p->x, p->y, p->w, avail_h, g->width * k, g->height * k, k, kd, p->u};
	geom->layout = g->variant;
	geom->bands = g->bands;
	if (geom_nodes(geom, n) != 0 || !(g->width > 0) || !(g->height > 0))
		return;
	for (int v = 0; v < n; v++) {
		int i = graph_shown_item(g, v);
		double *b = geom->node_box + 4 * v;
		if (i < 0) { /* not drawn: an empty box figure_node_box does not give */
			b[0] = b[1] = b[2] = b[3] = 0;
			continue;
		}
		const struct layout_item *it = &g->items[i];
		b[0] = (it->x - it->bw / 2) / g->width;
		b[1] = (it->y - it->h / 2) / g->height;
		b[2] = (it->x + it->bw / 2) / g->width;
		b[3] = (it->y + it->h / 2) / g->height;
	}
}

void draw_graph(cairo_t *cr, struct render *r, const struct figure *fig, const struct panel *p_in)
{
	if (fig->scene->n_nodes > GRAPH_MAX_NODES) {
		graph_too_big(cr, r, fig, p_in);
		return;
	}
	struct graph_extent ex;
	r->geom->label_font = 0;
	draw_graph_extent(r, fig, p_in->o, &ex);
	struct panel small = *p_in; /* too small to read: under a line saying so */
	const struct panel *p = p_in;
	const struct draw_view *vw = &p_in->o->view;
	int viewed = vw->zoom > 0; /* the window: zoomed and panned */
	double k, zoom = viewed ? fmax(1, vw->zoom) : 1;
	double score;
	int bands, c = graph_choice(&ex, p->w, p->h, p->u, &k, &bands, &score);
	if (c >= 0 && k * zoom < GRAPH_MIN_EM * p->u) {
		double line = graph_legend_band(&ex, p->u);
		small.y += line;
		small.h -= line;
		p = &small;
		c = graph_choice(&ex, p->w, p->h, p->u, &k, &bands, &score);
		graph_too_small(cr, r, fig, p_in, k);
	}
	double legend = graph_legend_font(&ex, p->u), avail_h = p->h - graph_legend_band(&ex, p->u);
	steady_choose(r, fig, p->o, c, bands); /* held while the window's figure keeps its look */
	const struct graph_layout *g = c >= 0 ? layout_get(r, fig, p->o, c, bands) : NULL;
	if (!g)
		return;

	double kd = k * zoom;
	int moved = viewed && (zoom > 1 || vw->cx != 0.5 || vw->cy != 0.5);
	struct graph_xform xf = {p->x + (p->w - g->width * k) / 2, p->y + (avail_h - g->height * k) / 2, k};
	if (moved) /* the point (cx, cy) of the graph at the panel's centre */
		xf = (struct graph_xform){p->x + p->w / 2 - vw->cx * g->width * kd,
		                          p->y + avail_h / 2 - vw->cy * g->height * kd, kd};
	const struct figure_panel *work = figure_panel(fig, PANEL_WORK);
	struct graph_state st = {fig, fig->trace, fig->step, draw_ease(fig->progress), p->o,
	                         figure_forward(fig), work ? work->work : NULL,
	                         viewed && kd < GRAPH_MIN_EM * p->u, (p->x - xf.ox) / kd, (p->y - xf.oy) / kd,
	                         (p->x + p->w - xf.ox) / kd, (p->y + avail_h - xf.oy) / kd};
	if (st.t && (st.k < 0 || st.k >= st.t->n_steps))
		st.t = NULL;
	graph_record(r, g, fig->scene, p, avail_h, k, kd);
	cairo_save(cr);
	if (moved) {
		cairo_rectangle(cr, p->x, p->y, p->w, avail_h);
		cairo_clip(cr);
	}
	cairo_translate(cr, xf.ox, xf.oy);
	cairo_scale(cr, kd, kd);
	graph_edges(cr, r, g, &st, p->th);
	for (int i = 0; i < g->scene->n_nodes; i++) {
		if (g->units && g->units->unit[i] >= 0)
			draw_unit(cr, r, g, &st, p->th, &xf, i);
		else
			graph_node(cr, r, g, &st, p->th, &xf, i);
	}
	if (!st.shapes) {
		graph_labels(cr, r, g, &st, p->th, &xf);
		int cost = fig->scene->cost;
		draw_mean_box(cr, r, g, p->th, graph_known(&st, trace_mean_known, cost),
		              st.t && st.t->steps[st.k].kind == STEP_MEAN && st.t->steps[st.k].node == cost);
	}
	cairo_restore(cr);
	if (moved)
		graph_fade(cr, p, avail_h, g, &st, kd);
	if (viewed && vw->overview && zoom > 1)
		graph_overview(cr, r, g, &st, &xf, p, avail_h);
	graph_legend(cr, r, fig, p, legend, ex.legend_least);
}
