/* layout_units.c - the neuron-unit layer of the graph layout: which graph is laid out
 * (the scene's, or the one with its units collapsed, nudge/unit.h), and the texts and
 * sizes of a unit's box (z, a = g(z) and the bias, each with its gradient) and of a
 * weight written on its edge. layout.c lays out whichever graph this picks, as it
 * would the scene's; draw_unit.c draws the boxes and weights. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "nudge/format.h"
#include "nudge/unit.h"
#include "render-private.h"

#define M graph_metrics

const struct unit_view *layout_units(const struct figure *fig, const struct draw_opts *o)
{
	const struct unit_set *us = fig->scene->units;
	if (!us || !us->view || o->units == DRAW_UNITS_OFF)
		return NULL;
	/* forward mode and the quiz name every node and edge of the scalar graph */
	if (figure_forward(fig) || o->hide_values || o->hide_node || o->hide_edge)
		return NULL;
	return o->units == DRAW_UNITS_ON || us->show ? us->view : NULL;
}

/* g by enum unit_act, as the lecture writes it (σ for the sigmoid, as xor's note does) */
static const char *const unit_g[] = { "", "tanh", "σ", "relu" };

void layout_unit_texts(const struct figure *fig, struct graph_layout *g)
{
	const struct scene *s = fig->scene;
	const struct eval *ev = fig->ev;
	const struct unit_set *us = s->units;
	char cost_row[128];
	trace_row_name(ev, s->cost, cost_row, sizeof cost_row);
	for (int i = 0; g->units && i < us->n; i++) {
		const struct unit *u = &us->units[i];
		struct layout_unit_text *t = &g->unit_text[i];
		const struct layout_node_text *a = &g->text[u->a];
		if (u->z != u->a) { /* z has its own node and texts */
			const struct layout_node_text *z = &g->text[u->z];
			snprintf(t->z_label, sizeof t->z_label, "%s", z->label);
			snprintf(t->z, sizeof t->z, "%s", z->value);
			snprintf(t->z_grad_name, sizeof t->z_grad_name, "%s", z->grad_name);
			snprintf(t->z_grad, sizeof t->z_grad, "%s", z->grad);
		} else {
			double z, dz;
			unit_z(ev, u, &z, &dz);
			int row = s->n_rows > 0 && s->nodes[u->a].per_row ? ev->row : -1;
			unit_z_label(s, u, row, t->z_label, sizeof t->z_label);
			fmt_num(t->z, sizeof t->z, z, NUDGE_DIGITS);
			snprintf(t->z_grad_name, sizeof t->z_grad_name, "d%s/d%s", cost_row, t->z_label);
			fmt_num(t->z_grad, sizeof t->z_grad, dz, NUDGE_DIGITS);
		}
		snprintf(t->grad_head, sizeof t->grad_head, "d%s/d·", cost_row);
		if (u->act == UNIT_LINEAR)
			snprintf(t->head, sizeof t->head, "%s = %s", a->label, t->z_label);
		else
			snprintf(t->head, sizeof t->head, "%s = %s(%s)", a->label, unit_g[u->act], t->z_label);
	}
}

unsigned long layout_unit_key(const struct graph_layout *g, unsigned long h)
{
	for (int i = 0; g->units && i < g->scene_units->n; i++) {
		const struct layout_unit_text *t = &g->unit_text[i];
		const char *parts[] = { t->head, t->z, t->z_grad };
		for (int k = 0; k < 3; k++)
			h = layout_hash(h, parts[k]);
	}
	return h;
}

/* Width of one row of a unit box or weight label: "name = " (unless name is NULL: a
 * gradient in its column, named by the column's head) and the number. */
static double unit_pair(struct render *r, const char *name, const char *num, double name_size,
                        double num_size)
{
	char eq[200];
	snprintf(eq, sizeof eq, "%s = ", name ? name : "");
	struct text_style ns = { FONT_REGULAR, name_size, 0 }, vs = { FONT_BOLD, num_size, 1 };
	return (name ? text_width(r, eq, &ns) : 0) + text_width(r, num, &vs);
}

void layout_unit_rows(const struct graph_layout *g, int unit, struct layout_unit_row *rows, int *n)
{
	const struct unit *u = &g->scene_units->units[unit];
	const struct layout_unit_text *t = &g->unit_text[unit];
	const struct layout_node_text *a = &g->text[u->a];
	int k = 0;
	/* the gradients stand in a column headed dJ/d·, each on its value's row */
	rows[k++] = (struct layout_unit_row){ t->z_label, t->z, NULL, t->z_grad, u->z, 0 };
	rows[k++] = (struct layout_unit_row){ a->label, a->value, NULL, a->grad, u->a, 0 };
	if (u->bias >= 0) {
		const struct layout_node_text *b = &g->text[u->bias];
		rows[k++] = (struct layout_unit_row){ b->label, b->value, NULL, b->grad, u->bias, 0 };
		if (b->mean[0]) /* a data scene: the mean over rows, what descent uses */
			rows[k++] = (struct layout_unit_row){ NULL, NULL, b->mean_name, b->mean, u->bias, 1 };
	}
	*n = k;
}

int layout_unit_tall(const struct graph_layout *g)
{
	return g->compact || g->bare;
}

double layout_unit_row_h(const struct graph_layout *g, const struct layout_unit_row *row)
{
	if (!layout_unit_tall(g))
		return M.row_value;
	/* a mean row: its name on a line of its own over the number */
	return row->mean ? M.row_gname + M.unit_grad_h : M.unit_value_h + M.unit_grad_h;
}

void layout_unit_size(struct render *r, const struct graph_layout *g, int unit, double *w,
                      double *h, double *split)
{
	struct layout_unit_row rows[LAYOUT_UNIT_ROWS];
	int n;
	layout_unit_rows(g, unit, rows, &n);
	struct text_style head = { FONT_BOLD, M.head, 0 }, gh = { FONT_REGULAR, M.grad_name, 0 };
	/* wide: the gradients in a column headed dJ/d·; compact (tall): each under its value */
	double left = 0, right = layout_unit_tall(g) ? 0 : text_width(r, g->unit_text[unit].grad_head, &gh);
	double whole = 0; /* a mean row spans the box */
	*h = M.row_head + 2 * M.pad_y;
	for (int i = 0; i < n; i++) {
		if (rows[i].name)
			left = fmax(left, unit_pair(r, rows[i].name, rows[i].value, M.grad_name, 1));
		double gw = unit_pair(r, rows[i].grad_name, rows[i].grad, M.grad_name, M.grad);
		if (rows[i].mean && layout_unit_tall(g)) /* the name over the number */
			gw = fmax(text_width(r, rows[i].grad_name, &gh), unit_pair(r, NULL, rows[i].grad, 0, M.grad));
		if (rows[i].mean)
			whole = fmax(whole, gw);
		else
			right = fmax(right, gw);
		*h += layout_unit_row_h(g, &rows[i]);
	}
	double hw = text_width(r, g->unit_text[unit].head, &head);
	if (layout_unit_tall(g)) {
		*split = M.pad_x + M.unit_gap; /* the gradients indented under their values */
		*w = fmax(fmax(M.pad_x + left, *split + right), M.pad_x + fmax(whole, hw)) + M.pad_x;
		return;
	}
	*split = M.pad_x + left + M.unit_gap;
	/* the header: the unit's equation left, the gradients' head over their column */
	hw = M.pad_x + hw + M.tag_gap + right;
	*w = fmax(fmax(*split + right, hw), M.pad_x + whole) + M.pad_x;
	*split = *w - M.pad_x - right; /* the gradient column ends at the right padding */
}

/* The letters a weight's label starts with ("w" of "w₁₁", "w2₁₀", "v₁"): the line above
 * names the weight in full, so its gradients say dJ/dw. The first character when the
 * label does not start with an ASCII letter (θ). */
static void unit_weight_letter(const char *label, char *out, size_t n)
{
	size_t k = 0;
	while (((label[k] | 0x20) >= 'a' && (label[k] | 0x20) <= 'z'))
		k++;
	if (k == 0 && label[0]) /* one UTF-8 character */
		for (k = 1; ((unsigned char)label[k] & 0xC0) == 0x80; k++)
			;
	snprintf(out, n, "%.*s", (int)k, label);
}

void layout_weight_lines(const struct graph_layout *g, int e, struct layout_unit_row *rows, int *n,
                         char names[2][LAYOUT_WEIGHT_NAME])
{
	int w = g->units->weight[e];
	const struct layout_node_text *t = &g->text[w];
	char letter[32], cost_row[160];
	unit_weight_letter(t->label, letter, sizeof letter);
	/* "dJ⁽⁰⁾/dnode" → "dJ⁽⁰⁾/dw": the cost as the node's gradient names it */
	size_t ll = strlen(t->label) + 2, gl = strlen(t->grad_name), ml = strlen(t->mean_name);
	snprintf(cost_row, sizeof cost_row, "%.*s", (int)(gl > ll ? gl - ll : 0), t->grad_name);
	snprintf(names[0], LAYOUT_WEIGHT_NAME, "%s/d%s", cost_row, letter);
	snprintf(cost_row, sizeof cost_row, "%.*s", (int)(ml > ll ? ml - ll : 0), t->mean_name);
	snprintf(names[1], LAYOUT_WEIGHT_NAME, "%s/d%s", cost_row, letter);
	/* each number named: "w₁₁ = 0.5", "dJ⁽⁰⁾/dw = 0", the mean "dJ/dw = …" */
	rows[0] = (struct layout_unit_row){ t->label, t->value, NULL, NULL, w, 0 };
	rows[1] = (struct layout_unit_row){ NULL, NULL, names[0], t->grad, w, 0 };
	rows[2] = (struct layout_unit_row){ NULL, NULL, names[1], t->mean, w, 1 };
	*n = t->mean[0] ? 3 : 2;
}

double layout_weight_line(int tall, int j, double *name_h)
{
	*name_h = tall && j > 0 ? M.grad_name * M.weight_h : 0;
	return M.weight * M.weight_h + *name_h;
}

void layout_weight_size(struct render *r, const struct graph_layout *g, int e, int tall, double *w,
                        double *h)
{
	struct layout_unit_row rows[3];
	char names[2][LAYOUT_WEIGHT_NAME];
	int n;
	layout_weight_lines(g, e, rows, &n, names);
	double width = 0, name_h;
	struct text_style gs = { FONT_REGULAR, M.grad_name, 0 }, vs = { FONT_BOLD, M.weight, 1 };
	*h = 0;
	for (int i = 0; i < n; i++) {
		if (rows[i].name)
			width = fmax(width, unit_pair(r, rows[i].name, rows[i].value, M.weight, M.weight));
		else if (!tall)
			width = fmax(width, unit_pair(r, rows[i].grad_name, rows[i].grad, M.grad_name, M.weight));
		else /* the name on its own line over the number */
			width = fmax(width, fmax(text_width(r, rows[i].grad_name, &gs), text_width(r, rows[i].grad, &vs)));
		*h += layout_weight_line(tall, i, &name_h);
	}
	*w = width + M.local_pad;
}

#define UNIT_TALL_MOST 1.1 /* a column of tall weight labels may stand this much taller
                             than the tallest column of nodes (narrower by a third) */

/* Height of layout column c's items as stacked with their gaps (before rows are placed). */
static double unit_column_h(const struct graph_layout *g, int c)
{
	double h = 0;
	for (int i = 0; i < g->n_items; i++)
		if (g->items[i].col == c)
			h += g->items[i].h + (g->items[i].node >= 0 ? M.node_gap : M.slot_gap);
	return h;
}

void layout_weight_tall(struct render *r, struct graph_layout *g)
{
	const struct scene *ls = g->scene;
	double most = 0; /* the tallest column of nodes */
	for (int c = 0; c < g->n_cols; c += 2)
		most = fmax(most, unit_column_h(g, c));
	for (int c = 1; c < g->n_cols; c += 2) {
		double grow = 0, w, h;
		for (int e = 0; e < ls->n_edges; e++) {
			const struct layout_item *it = &g->items[g->edge_label[e]];
			if (it->col == c && g->units->weight[e] >= 0) {
				layout_weight_size(r, g, e, 1, &w, &h);
				grow += h - it->h;
			}
		}
		if (!(grow > 0) || unit_column_h(g, c) + grow > most * UNIT_TALL_MOST)
			continue; /* no weights here, or the column would set the graph's height */
		for (int e = 0; e < ls->n_edges; e++) {
			struct layout_item *it = &g->items[g->edge_label[e]];
			if (it->col == c && g->units->weight[e] >= 0) {
				it->tall = 1;
				layout_weight_size(r, g, e, 1, &it->w, &it->h);
				it->lw = it->bw = it->w;
				it->lh = it->h;
			}
		}
	}
}

int layout_node(const struct graph_layout *g, int i)
{
	return g->units ? g->units->node[i] : i;
}

int layout_edge(const struct graph_layout *g, int e)
{
	return g->units ? g->units->edge[e] : e;
}
