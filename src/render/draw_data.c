/* draw_data.c - the data panel of a scene with a data set: the rows as points and the
 * model's current prediction (for fit-line: ŷ = w·x against x), with the residual of
 * each row; a classifier of two columns is drawn by draw_field.c. The roles, the
 * predictions, the model's curve and field are the session's (the panel's data); nothing is
 * computed here. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "render-private.h"

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

/* From the header to the axes' top: the y axis's name (and a classifier's legend). */
static double data_gap(struct render *r, const struct figure *fig, const struct data_samples *dc,
                       const struct panel *p, double font)
{
	if (dc->label_node < 0)
		return font * 2.2;
	struct field_legend lg;
	int rows = field_legend(r, fig, dc, p, font, &lg);
	return font * 3.3 + (rows - 1) * lg.size * FIELD_LEGEND_LINE;
}

/* The header, what the line is, from the panel's top; returns its baseline's y. With cr
 * NULL, only measures; fit: one line where its lines would leave the axes no room (none
 * where one line would stand under the least type). */
static double data_header(cairo_t *cr, struct render *r, const struct figure *fig,
                          const struct data_samples *dc, const struct panel *p, double font, int fit)
{
	const struct scene *s = fig->scene;
	int has_pred = dc->pred != NULL;
	char head[400]; /* '\1', '\2': where a narrow panel breaks it (text_break) */
	if (has_pred) {
		char expr[300], rhs[300];
		scene_expr_text(s, dc->pred_node, NULL, expr, sizeof expr);
		const char *e = strstr(expr, " = ") ? strstr(expr, " = ") + 3 : expr;
		size_t n = 0;
		for (; *e && n + 1 < sizeof rhs; e++) /* "a + b" breaks before its "+" */
			rhs[n++] = e[0] == ' ' && e[1] == '+' && e[2] == ' ' ? '\2' : *e;
		rhs[n] = 0;
		snprintf(head, sizeof head, "model: %s =\1%s", s->nodes[dc->pred_node].label, rhs);
	} else {
		snprintf(head, sizeof head, "data: %d row%s", s->n_rows, s->n_rows == 1 ? "" : "s");
	}
	double hy = p->y, gap = data_gap(r, fig, dc, p, font);
	struct text_style hs = {FONT_BOLD, font * 1.1, 0};
	struct text_lines lines;
	/* one line where it stands 0.75 of the tick font and the least type; else "model: ŷ ="
	   over the model, in lines of the least type where the axes keep room, else one line
	   where that reaches the least type, else none: a secondary text left out whole, not
	   drawn under the floor (the graph shows the model, the legend what is drawn) */
	double least = fmax(font * 0.6, text_least(p));
	text_break(r, head, &hs, p->w, fmax(font * 0.75, least), least, &lines);
	if (fit && lines.n > 1 && p->h - hs.size * (1.05 + 1.15 * (lines.n - 1)) - gap - font * 3.0 < font * 4) {
		hs.size = font * 1.1;
		text_break(r, head, &hs, p->w, 0, 0, &lines);
		if (hs.size < least)
			lines.n = 0;
	}
	if (cr)
		theme_set(cr, p->th->forward);
	for (int i = 0; i < lines.n; i++) {
		hy += hs.size * (i == 0 ? 1.05 : 1.15);
		if (cr)
			text_draw(cr, r, lines.line[i], p->x, hy, &hs);
	}
	return hy;
}

double data_need(struct render *r, const struct figure *fig, const struct data_samples *dc,
                 const struct panel *p, double *head)
{
	*head = 0;
	if (!dc || dc->x_node < 0 || fig->scene->n_rows <= 0)
		return 0;
	double font = axes_font(p);
	*head = data_header(NULL, r, fig, dc, p, font, 0) - p->y;
	return *head + data_gap(r, fig, dc, p, font) + font * (3.0 + 4);
}

void draw_data(cairo_t *cr, struct render *r, const struct figure *fig, const struct data_samples *dc,
               const struct panel *p)
{
	const struct scene *s = fig->scene;
	if (!dc || dc->x_node < 0 || s->n_rows <= 0)
		return;
	double font = axes_font(p);
	const struct theme *th = p->th;
	int xc = dc->x_node, yc = dc->y_node, has_pred = dc->pred != NULL;
	/* header: what the line is */
	double gap = data_gap(r, fig, dc, p, font);
	double hy = data_header(cr, r, fig, dc, p, font, 1);
	/* a classifier's legend has a line of its own, above the y axis's name */
	double top = hy + gap;
	struct axes a = {p->x, top, p->w, p->y + p->h - top - font * 3.0, INFINITY, -INFINITY,
	                 INFINITY, -INFINITY};
	if (a.h < font * 4)
		return;
	r->geom->has_data = 1;
	for (int row = 0; row < s->n_rows; row++) {
		data_extend(&a.xlo, &a.xhi, data_at(s, row, xc));
		if (yc >= 0)
			data_extend(&a.ylo, &a.yhi, data_at(s, row, yc));
		if (has_pred && dc->label_node < 0)
			data_extend(&a.ylo, &a.yhi, dc->pred[row]);
	}
	for (int i = 0; has_pred && i < dc->n_curve; i++)
		data_extend(&a.ylo, &a.yhi, dc->curve[i]);
	sample_pad_range(&a.xlo, &a.xhi);
	sample_pad_range(&a.ylo, &a.yhi);
	axes_frame(cr, r, th, &a, font, s->nodes[xc].label, yc >= 0 ? s->nodes[yc].label : NULL);
	if (dc->label_node >= 0) { /* a classifier: the field, its boundary, the rows by label */
		draw_field(cr, r, fig, dc, p, &a, font);
		return;
	}
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
	if (has_pred) { /* the model: its curve between the rows, and each row's prediction */
		int pen = 0;
		for (int i = 0; i < dc->n_curve; i++) {
			double y = dc->curve[i];
			if (!isfinite(y)) {
				pen = 0;
				continue;
			}
			double x = axes_x(&a, dc->curve_lo + (dc->curve_hi - dc->curve_lo) * i / (dc->n_curve - 1));
			if (pen)
				cairo_line_to(cr, x, axes_y(&a, y));
			else
				cairo_move_to(cr, x, axes_y(&a, y));
			pen = 1;
		}
		theme_set(cr, th->forward);
		cairo_set_line_width(cr, 3 * p->u);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		cairo_stroke(cr);
		for (int i = 0; i < s->n_rows; i++) {
			double y = dc->pred[i];
			if (!isfinite(y))
				continue;
			cairo_arc(cr, axes_x(&a, data_at(s, i, xc)), axes_y(&a, y), 4.5 * p->u, 0, 2 * M_PI);
			cairo_fill(cr);
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
