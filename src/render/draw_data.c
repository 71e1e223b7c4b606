/* draw_data.c - the data panel of a scene with a data set: the rows as points and the
 * model's current prediction through them (for fit-line: ŷ = w·x against x), with
 * the residual of each row. Predictions come from a private eval, cached by values. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "render-private.h"

#define DATA_MAX_PRED_ROWS 500 /* larger sets show points only */

void data_cache_clear(struct data_cache *dc)
{
	eval_free(dc->ev);
	free(dc->set);
	free(dc->pred);
	*dc = (struct data_cache){0};
}

/* Picks the columns on the axes and the node drawn as the model. */
static void data_roles(const struct scene *s, struct data_cache *dc)
{
	unsigned long long *dep = calloc((size_t)s->n_nodes + 1, sizeof *dep);
	dc->pred_node = -1;
	dc->x_col = dc->y_col = -1;
	if (!dep)
		return;
	for (int v = 0; v < s->n_nodes; v++) {
		const struct node *nd = &s->nodes[v];
		if (nd->kind == NODE_DATA && nd->data_col < 64)
			dep[v] = 1ULL << nd->data_col;
		for (int k = 0; k < nd->n_in; k++)
			dep[v] |= dep[s->edges[nd->in_first + k].from];
	}
	unsigned long long all = dep[s->cost];
	for (int v = 0; v < s->n_nodes; v++) {
		const struct node *nd = &s->nodes[v];
		if (nd->kind == NODE_COMPUTED && v != s->cost && nd->feeds_cost && dep[v] &&
		    (dep[v] & (dep[v] - 1)) == 0 && dep[v] != all)
			dc->pred_node = v;
	}
	for (int v = 0; v < s->n_nodes; v++) {
		const struct node *nd = &s->nodes[v];
		if (nd->kind != NODE_DATA)
			continue;
		int in_pred = dc->pred_node >= 0 && (dep[dc->pred_node] & dep[v]);
		if (dc->pred_node >= 0 ? in_pred : dc->x_col < 0) {
			if (dc->x_col < 0)
				dc->x_col = v;
		} else if (dc->y_col < 0 && (dep[s->cost] & dep[v])) {
			dc->y_col = v;
		}
	}
	if (dc->y_col < 0)
		for (int v = 0; v < s->n_nodes; v++)
			if (s->nodes[v].kind == NODE_DATA && v != dc->x_col) {
				dc->y_col = v;
				break;
			}
	free(dep);
}

static const struct data_cache *data_get(struct render *r, const struct eval *ev)
{
	struct data_cache *dc = &r->data;
	const struct scene *s = ev->scene;
	size_t setsz = sizeof(double) * (size_t)s->n_nodes;
	if (dc->scene == s && dc->valid && memcmp(dc->set, ev->set, setsz) == 0)
		return dc;
	if (dc->scene != s) {
		data_cache_clear(dc);
		dc->scene = s;
		data_roles(s, dc);
		dc->set = malloc(setsz + 1);
		dc->pred = calloc((size_t)s->n_rows + 1, sizeof(double));
		if (dc->pred_node >= 0 && s->n_rows <= DATA_MAX_PRED_ROWS)
			dc->ev = eval_new(s);
		if (!dc->set || !dc->pred) {
			data_cache_clear(dc);
			return NULL;
		}
	}
	memcpy(dc->set, ev->set, setsz);
	if (dc->ev) {
		memcpy(dc->ev->set, ev->set, setsz);
		for (int row = 0; row < s->n_rows; row++) {
			eval_set_row(dc->ev, row);
			eval_run(dc->ev);
			dc->pred[row] = dc->ev->value[dc->pred_node];
		}
	}
	dc->valid = 1;
	return dc;
}

static double data_at(const struct scene *s, int row, int node)
{
	return s->data[(size_t)row * (size_t)s->n_cols + (size_t)s->nodes[node].data_col];
}

static void data_extend(double *lo, double *hi, double v)
{
	if (isfinite(v)) {
		*lo = fmin(*lo, v);
		*hi = fmax(*hi, v);
	}
}

static void data_range(double *lo, double *hi)
{
	if (!isfinite(*lo)) {
		*lo = 0;
		*hi = 1;
	}
	if (*hi - *lo <= 0) {
		*lo -= 1;
		*hi += 1;
	}
	double pad = (*hi - *lo) * 0.1;
	*lo -= pad;
	*hi += pad;
}

void draw_data(cairo_t *cr, struct render *r, const struct figure *fig, const struct panel *p)
{
	const struct scene *s = fig->scene;
	const struct data_cache *dc = data_get(r, fig->ev);
	if (!dc || dc->x_col < 0 || s->n_rows <= 0)
		return;
	double font = axes_font(p);
	const struct theme *th = p->th;
	int xc = dc->x_col, yc = dc->y_col, has_pred = dc->ev != NULL;
	/* header: what the line is */
	char head[400];
	if (has_pred) {
		char expr[300];
		scene_expr_text(s, dc->pred_node, NULL, expr, sizeof expr);
		const char *rhs = strstr(expr, " = ") ? strstr(expr, " = ") + 3 : expr;
		snprintf(head, sizeof head, "model: %s = %s", s->nodes[dc->pred_node].label, rhs);
	} else {
		snprintf(head, sizeof head, "data: %d row%s", s->n_rows, s->n_rows == 1 ? "" : "s");
	}
	struct text_style hs = {FONT_BOLD, font * 1.1, 0};
	hs.size = text_fit(r, head, &hs, p->w, font * 0.6);
	theme_set(cr, th->forward);
	text_draw(cr, r, head, p->x, p->y + hs.size * 1.05, &hs);
	double top = p->y + hs.size * 1.05 + font * 2.2;
	struct axes a = {p->x, top, p->w, p->y + p->h - top - font * 3.0, INFINITY, -INFINITY,
	                 INFINITY, -INFINITY};
	if (a.h < font * 4)
		return;
	for (int row = 0; row < s->n_rows; row++) {
		data_extend(&a.xlo, &a.xhi, data_at(s, row, xc));
		if (yc >= 0)
			data_extend(&a.ylo, &a.yhi, data_at(s, row, yc));
		if (has_pred)
			data_extend(&a.ylo, &a.yhi, dc->pred[row]);
	}
	data_range(&a.xlo, &a.xhi);
	data_range(&a.ylo, &a.yhi);
	axes_frame(cr, r, th, &a, font, s->nodes[xc].label, yc >= 0 ? s->nodes[yc].label : NULL);
	cairo_save(cr);
	cairo_rectangle(cr, a.x, a.y, a.w, a.h);
	cairo_clip(cr);
	if (has_pred && yc >= 0) { /* residuals */
		double dash[] = {4 * p->u, 4 * p->u};
		cairo_set_dash(cr, dash, 2, 0);
		theme_set_alpha(cr, th->muted, 0.8);
		cairo_set_line_width(cr, 1.5 * p->u);
		for (int row = 0; row < s->n_rows; row++) {
			double x = axes_x(&a, data_at(s, row, xc));
			cairo_move_to(cr, x, axes_y(&a, data_at(s, row, yc)));
			cairo_line_to(cr, x, axes_y(&a, dc->pred[row]));
		}
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
	}
	if (has_pred) { /* the model through the rows, in x order */
		int *idx = malloc(sizeof *idx * (size_t)s->n_rows);
		if (idx) {
			for (int i = 0; i < s->n_rows; i++)
				idx[i] = i;
			for (int i = 1; i < s->n_rows; i++) /* insertion sort: sets are small */
				for (int j = i; j > 0 && data_at(s, idx[j - 1], xc) > data_at(s, idx[j], xc); j--) {
					int t = idx[j]; idx[j] = idx[j - 1]; idx[j - 1] = t;
				}
			int pen = 0;
			for (int i = 0; i < s->n_rows; i++) {
				double y = dc->pred[idx[i]];
				if (!isfinite(y)) {
					pen = 0;
					continue;
				}
				double x = axes_x(&a, data_at(s, idx[i], xc));
				if (pen)
					cairo_line_to(cr, x, axes_y(&a, y));
				else
					cairo_move_to(cr, x, axes_y(&a, y));
				pen = 1;
			}
			theme_set(cr, th->forward);
			cairo_set_line_width(cr, 3 * p->u);
			cairo_stroke(cr);
			for (int i = 0; i < s->n_rows; i++) {
				double y = dc->pred[i];
				if (!isfinite(y))
					continue;
				cairo_arc(cr, axes_x(&a, data_at(s, i, xc)), axes_y(&a, y), 4.5 * p->u, 0, 2 * M_PI);
				cairo_fill(cr);
			}
			free(idx);
		}
	}
	if (yc >= 0)
		for (int row = 0; row < s->n_rows; row++) {
			double x = axes_x(&a, data_at(s, row, xc)), y = axes_y(&a, data_at(s, row, yc));
			int shown = row == fig->ev->row;
			cairo_arc(cr, x, y, (shown ? 9 : 7) * p->u, 0, 2 * M_PI);
			theme_set(cr, th->panel);
			cairo_fill_preserve(cr);
			theme_set(cr, th->fg);
			cairo_set_line_width(cr, (shown ? 3.5 : 2.5) * p->u);
			cairo_stroke(cr);
		}
	cairo_restore(cr);
}
