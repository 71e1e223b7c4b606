/* draw_field.c - the data panel of a classifier (a model of two data columns, the
 * label a third): the model's output over the two columns as a field shaded by the
 * class it gives (paler near the boundary), the decision boundary where the output is
 * midway between the two labels, and each row as a point whose colour and shape are
 * its label's. The grid of outputs is the session's (the data panel's field). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include "render-private.h"

/* The class colour at output v: the label it is nearer to, with an opacity that grows
 * with the distance from the boundary, premultiplied into one ARGB32 pixel. */
static uint32_t field_pixel(const struct theme *th, const struct data_samples *d, double v)
{
	if (!isfinite(v))
		return 0;
	double t = d->label_hi > d->label_lo ? (v - d->label_lo) / (d->label_hi - d->label_lo) : 0;
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	struct rgba c = th->label_class[t >= 0.5];
	double alpha = 0.10 + 0.30 * fabs(2 * t - 1);
	uint32_t a = (uint32_t)lround(alpha * 255);
	return a << 24 | (uint32_t)lround(c.r * a) << 16 | (uint32_t)lround(c.g * a) << 8 |
	       (uint32_t)lround(c.b * a);
}

/* The field as an image, one pixel per grid point, stretched (bilinearly) so that each
 * grid point's pixel is centred on its place in the axes. */
static void field_fill(cairo_t *cr, const struct theme *th, const struct data_samples *d,
                       const struct axes *a)
{
	int n = d->field_n;
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, n, n);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(img);
		return;
	}
	cairo_surface_flush(img);
	unsigned char *px = cairo_image_surface_get_data(img);
	int stride = cairo_image_surface_get_stride(img);
	for (int k = 0; k < n; k++) { /* image row 0 is the top: the grid's last row */
		uint32_t *row = (uint32_t *)(void *)(px + (size_t)(n - 1 - k) * (size_t)stride);
		for (int i = 0; i < n; i++)
			row[i] = field_pixel(th, d, d->field[(size_t)k * (size_t)n + (size_t)i]);
	}
	cairo_surface_mark_dirty(img);
	double sx = a->w / (n - 1), sy = a->h / (n - 1);
	cairo_save(cr);
	cairo_translate(cr, a->x - 0.5 * sx, a->y - 0.5 * sy);
	cairo_scale(cr, sx, sy);
	cairo_set_source_surface(cr, img, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_BILINEAR);
	cairo_pattern_set_extend(cairo_get_source(cr), CAIRO_EXTEND_PAD);
	cairo_paint(cr);
	cairo_restore(cr);
	cairo_surface_destroy(img);
}

/* The label's class at row: 1 for the high label's side, 0 for the low's. */
static int field_class(const struct scene *s, const struct data_samples *d, int row)
{
	double v = s->data[(size_t)row * (size_t)s->n_cols + (size_t)s->nodes[d->label_node].data_col];
	return d->label_hi > d->label_lo && v >= (d->label_lo + d->label_hi) / 2;
}

/* One legend entry right to left: the sample drawn by the caller's shape (or a line),
 * then its text; returns the x where the next entry ends. */
static double field_key(cairo_t *cr, struct render *r, const struct panel *p, double right, double y,
                        double font, int shape, const char *text)
{
	struct text_style st = {FONT_REGULAR, font, 0};
	double w = text_width(r, text, &st), s = font * 0.32, x = right - w;
	theme_set(cr, p->th->fg);
	text_draw(cr, r, text, x, y, &st);
	double cx = x - font * 0.55, cy = y - font * 0.33;
	if (shape < 0) { /* the boundary */
		cairo_move_to(cr, cx - font * 0.5, cy);
		cairo_line_to(cr, cx + font * 0.2, cy);
		cairo_set_line_width(cr, 3 * p->u);
		cairo_stroke(cr);
		return cx - font * 1.4;
	}
	marker_path(cr, shape, cx, cy, s);
	theme_set(cr, p->th->label_class[shape]);
	cairo_fill_preserve(cr);
	theme_set(cr, p->th->fg);
	cairo_set_line_width(cr, 1.5 * p->u);
	cairo_stroke(cr);
	return cx - font * 1.2;
}

/* One key's width at size kf: its text and its sample (field_key's steps). */
static double field_key_width(struct render *r, const struct field_legend *lg, int i, double kf)
{
	struct text_style st = {FONT_REGULAR, kf, 0};
	return text_width(r, lg->key[i], &st) + kf * (lg->shape[i] < 0 ? 1.95 : 1.75);
}

int field_legend(struct render *r, const struct figure *fig, const struct data_samples *d,
                 const struct panel *p, double font, struct field_legend *lg)
{
	const struct scene *s = fig->scene;
	char lo[48], hi[48], bd[48];
	fmt_num(lo, sizeof lo, d->label_lo, NUDGE_DIGITS);
	fmt_num(hi, sizeof hi, d->label_hi, NUDGE_DIGITS);
	fmt_num(bd, sizeof bd, (d->label_lo + d->label_hi) / 2, NUDGE_DIGITS);
	lg->n = 0;
	if (d->field && d->label_hi > d->label_lo) {
		snprintf(lg->key[lg->n], sizeof lg->key[0], "%s = %s", s->nodes[d->pred_node].label, bd);
		lg->shape[lg->n++] = -1;
	}
	if (d->label_hi > d->label_lo) {
		snprintf(lg->key[lg->n], sizeof lg->key[0], "%s = %s", s->nodes[d->label_node].label, hi);
		lg->shape[lg->n++] = 1;
	}
	snprintf(lg->key[lg->n], sizeof lg->key[0], "%s = %s", s->nodes[d->label_node].label, lo);
	lg->shape[lg->n++] = 0;
	/* one line, smaller to fit a narrow panel (a column beside the graph) down to 0.55 of
	   the ticks' size and the least type; else more lines of the least type */
	double kf = font * 0.9, lw = 0, least = fmax(font * 0.55, text_least(p));
	for (int i = 0; i < lg->n; i++)
		lw += field_key_width(r, lg, i, kf);
	if (lw > p->w)
		kf *= fmax(least / kf, p->w / lw);
	for (int i = 0; i < lg->n; i++) /* no one key wider than the panel */
		kf = fmin(kf, kf * p->w / field_key_width(r, lg, i, kf));
	int rows = 1;
	double used = 0;
	for (int i = lg->n - 1; i >= 0; i--) { /* in reading order from the top line down */
		double kw = field_key_width(r, lg, i, kf);
		if (used > 0 && used + kw > p->w + 0.01) {
			rows++;
			used = 0;
		}
		lg->row[i] = rows - 1;
		used += kw;
	}
	for (int i = 0; i < lg->n; i++) /* lines counted from the lowest */
		lg->row[i] = rows - 1 - lg->row[i];
	lg->size = kf;
	return rows;
}

void draw_field(cairo_t *cr, struct render *r, const struct figure *fig, const struct data_samples *d,
                const struct panel *p, const struct axes *a, double font)
{
	const struct scene *s = fig->scene;
	const struct theme *th = p->th;
	double mid = (d->label_lo + d->label_hi) / 2;
	/* the legend, right-aligned above the frame and the y axis's name (draw_data keeps
	   its lines): its lowest line 1.95 of the ticks' size over the frame, clear of the
	   name's top (1.5 over it) in a narrow column, where the legend reaches over the name,
	   and of the header's descent (the gap's first 3.3 - 1.95 - 0.66 - 0.25 = 0.45) */
	struct field_legend lg;
	field_legend(r, fig, d, p, font, &lg);
	double x = a->x + a->w, y = a->y - font * 1.95;
	for (int i = 0; i < lg.n; i++) {
		if (i > 0 && lg.row[i] != lg.row[i - 1])
			x = a->x + a->w;
		x = field_key(cr, r, p, x, y - lg.row[i] * lg.size * FIELD_LEGEND_LINE, lg.size, lg.shape[i], lg.key[i]);
	}
	cairo_save(cr);
	cairo_rectangle(cr, a->x, a->y, a->w, a->h);
	cairo_clip(cr);
	if (d->field && d->field_n >= 2) {
		field_fill(cr, th, d, a);
		if (d->label_hi > d->label_lo) { /* the decision boundary */
			theme_set(cr, th->fg);
			cairo_set_line_width(cr, 3 * p->u);
			cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
			grid_contours(cr, d->field, d->field_n, d->field_n, a, &mid, 1);
		}
	}
	for (int row = 0; row < s->n_rows; row++) { /* the rows, by label */
		const double *v = s->data + (size_t)row * (size_t)s->n_cols;
		int cls = field_class(s, d, row), shown = row == fig->ev->row;
		marker_path(cr, cls, axes_x(a, v[s->nodes[d->x_node].data_col]),
		            axes_y(a, v[s->nodes[d->y_node].data_col]), (shown ? 11 : 9) * p->u);
		theme_set(cr, th->label_class[cls]);
		cairo_fill_preserve(cr);
		theme_set(cr, th->fg);
		cairo_set_line_width(cr, (shown ? 3.5 : 2.5) * p->u);
		cairo_stroke(cr);
	}
	cairo_restore(cr);
}
