/* draw_unit.c - a neuron unit drawn as the lecture draws it: one box holding z, a = g(z)
 * and the bias, each with its gradient, and each weight written on the edge from the
 * node it multiplies, with dJ/dw once the backward pass reaches it. The step walk
 * still visits every node: the row (or weight) the shown step works on is lit. Only
 * draws; the texts and sizes are layout_units.c's, the graph around it draw_graph.c's. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "nudge/unit.h"
#include "render-private.h"

#define M graph_metrics

/* The node the shown step works on, and whether it is a mean step; -1 for none. */
static int unit_current(const struct graph_state *st, int *mean)
{
	*mean = 0;
	if (!st->t)
		return -1;
	*mean = st->t->steps[st->k].kind == STEP_MEAN;
	return st->t->steps[st->k].node;
}

/* Does the shown step work on this row? */
static int unit_row_active(const struct graph_state *st, const struct layout_unit_row *row)
{
	int mean, cur = unit_current(st, &mean);
	return cur >= 0 && cur == row->node && mean == row->mean;
}

/* "name = " (unless name is NULL) then the number (or "?" until known), starting at x
 * on baseline base;
 * its number's hit box recorded as kind for node (unless node < 0). */
static double unit_pair(cairo_t *cr, struct render *r, const struct graph_state *st,
                        const struct graph_xform *xf, const char *name, const char *num,
                        double known, struct rgba col, const struct text_style *ns,
                        const struct text_style *vs, double x, double base, struct rgba name_col,
                        enum hit_kind kind, int node)
{
	char eq[200];
	snprintf(eq, sizeof eq, "%s = ", name ? name : "");
	theme_set(cr, name_col);
	if (name) /* else a gradient in its column, named by the column's head */
		x += text_draw(cr, r, eq, x, base, ns);
	const char *shown = known > 0 ? num : "?";
	if (known > 0 && known < 1) { /* the "?" fading out under the number fading in */
		theme_set_alpha(cr, name_col, 1 - known);
		text_draw(cr, r, "?", x, base, vs);
	}
	if (known > 0)
		theme_set_alpha(cr, col, known);
	else
		theme_set(cr, name_col);
	double w = text_draw(cr, r, shown, x, base, vs);
	if (node >= 0)
		graph_hit(r, xf, kind, node, -1, x - M.hit_pad, base - vs->size * M.hit_value_up,
		          w + 2 * M.hit_pad, vs->size * M.hit_value_h);
	return x + w;
}

/* A lit band behind a row or label: the part of the unit the shown step works on. */
static void unit_band(cairo_t *cr, const struct graph_state *st, const struct theme *th, double x,
                      double y, double w, double h)
{
	double cur_a = st->t && st->k > 0 ? fmin(1, 0.25 + st->fade) : 1;
	graph_box_path(cr, x, y, w, h, h / 3);
	theme_set_alpha(cr, graph_step_colour(st, th), M.glow_alpha * 1.6 * cur_a);
	cairo_fill(cr);
}

void draw_unit(cairo_t *cr, struct render *r, const struct graph_layout *g,
               const struct graph_state *st, const struct theme *th, const struct graph_xform *xf,
               int i)
{
	const struct scene *s = st->fig->scene;
	const struct unit_set *us = g->scene_units;
	int id = g->units->unit[i];
	const struct unit *u = &us->units[id];
	const struct layout_item *it = &g->items[i];
	double x = it->x - it->w / 2, y = it->y - it->h / 2, w = it->w, h = it->h;
	double rad = M.radius[NODE_COMPUTED];
	int mean, cur = unit_current(st, &mean);
	int inside = cur >= 0 && us->member[cur] == id; /* the step works inside this unit */
	struct rgba hot = graph_step_colour(st, th);
	double cur_a = st->t && st->k > 0 ? fmin(1, 0.25 + st->fade) : 1;

	const struct work_view *wk = st->work;
	if (wk && wk->pass != WORK_IDLE && wk->visit_node >= 0 && us->member[wk->visit_node] == id) {
		struct rgba c = wk->pass == WORK_BACKWARD ? th->backward
		                : wk->pass == WORK_NUDGE ? th->nudge : th->forward;
		double d = M.visit_halo;
		graph_box_path(cr, x - d, y - d, w + 2 * d, h + 2 * d, rad + d);
		theme_set_alpha(cr, c, 0.85);
		cairo_fill(cr);
	}
	if (wk && wk->pass == WORK_NUDGE && wk->nudged >= 0 && us->member[wk->nudged] == id) {
		double d = M.nudged_ring;
		graph_box_path(cr, x - d, y - d, w + 2 * d, h + 2 * d, rad + d);
		theme_set(cr, th->nudge);
		cairo_set_line_width(cr, M.nudged_line);
		cairo_stroke(cr);
	}
	if (inside) { /* glow */
		double d = M.glow;
		graph_box_path(cr, x - d, y - d, w + 2 * d, h + 2 * d, rad + d);
		theme_set_alpha(cr, hot, M.glow_alpha * cur_a);
		cairo_fill(cr);
	}
	graph_box_path(cr, x, y, w, h, rad);
	theme_set(cr, th->fill[NODE_COMPUTED]);
	cairo_fill_preserve(cr);
	theme_set(cr, inside ? hot : th->edge_kind[NODE_COMPUTED]);
	cairo_set_line_width(cr, inside ? M.outline_hot : M.outline);
	cairo_stroke(cr);
	graph_hit(r, xf, HIT_NODE, u->a, -1, x, y, w, h);

	/* header: "h₁ = tanh(z)" (the label bold) left, "dJ/d·" over the gradients right */
	const struct layout_unit_text *ut = &g->unit_text[id];
	const char *label = g->text[u->a].label;
	struct text_style head = {FONT_BOLD, M.head, 0}, rest = {FONT_REGULAR, M.head, 0};
	struct text_style name = {FONT_REGULAR, M.grad_name, 0}, val = {FONT_BOLD, 1, 1};
	struct text_style gname = {FONT_REGULAR, M.grad_name, 0}, gval = {FONT_BOLD, M.grad, 1};
	size_t ll = strlen(label);
	const char *after = strncmp(ut->head, label, ll) == 0 ? ut->head + ll : ut->head;
	double bw, bh, split;
	layout_unit_size(r, g, id, &bw, &bh, &split);
	if (!layout_unit_tall(g)) /* the gradients' column ends at the right padding of a box held wider */
		split += w - bw;
	double hx = x + M.pad_x, base = y + M.pad_y + M.row_head * M.base_head;
	theme_set(cr, th->fg);
	hx += text_draw(cr, r, label, hx, base, &head);
	text_draw(cr, r, after, hx, base, &rest);
	theme_set(cr, th->muted);
	if (!layout_unit_tall(g)) /* wide: the gradients stand in a column with this head */
		text_draw(cr, r, ut->grad_head, x + split, base, &gname);

	/* rows: z, a, the bias (and its mean): the value, its gradient right of it (wide) or
	 * under it (compact) */
	struct layout_unit_row rows[LAYOUT_UNIT_ROWS];
	int n;
	layout_unit_rows(g, id, rows, &n);
	double top = y + M.pad_y + M.row_head;
	for (int j = 0; j < n; j++) {
		const struct layout_unit_row *row = &rows[j];
		double rh = layout_unit_row_h(g, row);
		if (unit_row_active(st, row))
			unit_band(cr, st, th, x + M.pad_x / 3, top, w - 2 * M.pad_x / 3, rh);
		/* tall: the gradient on its own line under the value, the two lines closer */
		int tall = layout_unit_tall(g);
		double vh = tall ? M.unit_value_h : M.row_value, gh = tall ? M.unit_grad_h : M.row_grad;
		base = top + vh * M.base_value;
		double gbase = !tall ? base : row->mean ? top + M.row_gname + gh * M.base_grad
		                                        : top + vh + gh * M.base_grad;
		if (tall && row->mean) { /* its name on a line of its own over the number */
			theme_set(cr, th->muted);
			graph_centred(cr, r, row->grad_name, it->x, top + M.row_gname * M.base_gname, &gname);
		}
		top += rh;
		int own = row->node != u->a || j == 1; /* inline z has no node of its own to hit */
		if (row->name)
			unit_pair(cr, r, st, xf, row->name, row->value,
			          graph_known(st, trace_value_known, row->node), th->forward, &name, &val,
			          x + M.pad_x, base, th->fg, HIT_NODE_VALUE, own ? row->node : -1);
		int feeds = s->nodes[row->node].feeds_cost;
		double gk = !feeds ? 0 : graph_known(st, row->mean ? trace_mean_known : trace_grad_known, row->node);
		double gx = x + split; /* the gradients' column; a mean row is centred in the box */
		const char *gname_shown = tall && row->mean ? NULL : row->grad_name; /* tall: above */
		if (row->mean) {
			char eq[200];
			snprintf(eq, sizeof eq, "%s = ", row->grad_name);
			gx = it->x - ((gname_shown ? text_width(r, eq, &gname) : 0) + text_width(r, row->grad, &gval)) / 2;
		}
		unit_pair(cr, r, st, xf, gname_shown, feeds ? row->grad : "0", feeds ? gk : 1,
		          th->backward, &gname, &gval, gx, gbase, th->muted, HIT_NODE_GRAD,
		          own && !row->mean ? row->node : -1);
	}
}

void draw_unit_weight(cairo_t *cr, struct render *r, const struct graph_layout *g,
                      const struct graph_state *st, const struct theme *th,
                      const struct graph_xform *xf, int e)
{
	const struct scene *s = st->fig->scene;
	const struct layout_item *it = &g->items[g->edge_label[e]];
	int wv = g->units->weight[e];
	double x = it->x - it->bw / 2, y = it->y - it->h / 2;
	int mean, cur = unit_current(st, &mean);
	if (cur == wv) { /* the step works on this weight: dJ/dw, or its mean */
		double d = M.glow;
		graph_box_path(cr, x - d, y - d, it->bw + 2 * d, it->h + 2 * d, it->h / 4 + d);
		theme_set_alpha(cr, graph_step_colour(st, th), M.glow_alpha * 1.6);
		cairo_fill(cr);
	}
	graph_box_path(cr, x, y, it->bw, it->h, fmin(it->h / 4, M.weight * M.weight_h / 2));
	theme_set(cr, th->label_bg);
	cairo_fill_preserve(cr);
	theme_set_alpha(cr, th->edge_kind[NODE_PARAM], M.local_alpha);
	cairo_set_line_width(cr, M.local_line);
	cairo_stroke(cr);
	graph_hit(r, xf, HIT_NODE, wv, -1, x, y, it->bw, it->h);

	struct layout_unit_row rows[3];
	char names[2][LAYOUT_WEIGHT_NAME];
	int n;
	layout_weight_lines(g, e, rows, &n, names);
	struct text_style ns = {FONT_REGULAR, M.weight, 0}, vs = {FONT_BOLD, M.weight, 1};
	struct text_style gs = {FONT_REGULAR, M.grad_name, 0}; /* a gradient's name */
	struct text_style rs = {FONT_REGULAR, M.weight, 1};
	int feeds = s->nodes[wv].feeds_cost;
	double top = y, name_h;
	for (int j = 0; j < n; j++) {
		double lh = layout_weight_line(it->tall, j, &name_h);
		const struct layout_unit_row *row = &rows[j];
		const char *nm = row->name ? row->name : row->grad_name;
		const char *num = row->name ? row->value : row->grad;
		char eq[200];
		snprintf(eq, sizeof eq, "%s = ", nm ? nm : "");
		double known = row->name ? graph_known(st, trace_value_known, wv)
		               : !feeds ? 1
		               : graph_known(st, row->mean ? trace_mean_known : trace_grad_known, wv);
		/* the row's dJ/dw regular, the mean (what descent uses) bold, as in a node box */
		const struct text_style *ts = row->name || row->mean ? &vs : &rs;
		const struct text_style *nms = row->name ? &ns : &gs;
		if (!row->name && cur == wv && mean == row->mean) /* the line the step computes */
			unit_band(cr, st, th, x + M.local_line, top, it->bw - 2 * M.local_line, lh);
		if (name_h > 0) { /* tall: the gradient's name on its own line */
			theme_set(cr, th->muted);
			graph_centred(cr, r, nm, it->x, top + name_h / 2 + M.grad_name * M.base_local, &gs);
			nm = NULL;
		}
		double lw = (nm ? text_width(r, eq, nms) : 0) + text_width(r, known > 0 ? num : "?", ts);
		double base = top + name_h + (lh - name_h) / 2 + M.weight * M.base_local;
		top += lh;
		unit_pair(cr, r, st, xf, nm, feeds || row->name ? num : "0", known,
		          row->name ? th->forward : th->backward, nms, ts, it->x - lw / 2, base,
		          row->name ? th->fg : th->muted, row->name ? HIT_NODE_VALUE : HIT_NODE_GRAD,
		          row->mean ? -1 : wv);
	}
}
