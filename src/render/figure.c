/* figure.c - draw_figure: the whole figure in one call for every surface. Clears the
 * background, writes the title and the step caption, and arranges the graph and the
 * plot panels (side by side or stacked, whichever shows the graph larger). */
#include <math.h>
#include <stdio.h>
#include "render-private.h"

double draw_ease(double t)
{
	if (!(t > 0))
		return 0;
	if (t >= 1)
		return 1;
	return t < 0.5 ? 4 * t * t * t : 1 - pow(-2 * t + 2, 3) / 2;
}

/* Title and notes; returns the height used. */
static double figure_title(cairo_t *cr, struct render *r, const struct figure *fig,
                           const struct theme *th, double x, double y, double w, double u)
{
	const struct scene *s = fig->scene;
	if (!s->title && s->n_notes == 0)
		return 0;
	double h = 0;
	if (s->title) {
		struct text_style ts = {FONT_BOLD, 34 * u, 0};
		ts.size = text_fit(r, s->title, &ts, w, 12 * u);
		h += ts.size * 1.0;
		theme_set(cr, th->fg);
		text_draw(cr, r, s->title, x, y + h, &ts);
		h += ts.size * 0.35;
	}
	for (int i = 0; i < s->n_notes && i < 2; i++) {
		struct text_style ns = {FONT_REGULAR, 19 * u, 0};
		ns.size = text_fit(r, s->notes[i], &ns, w, 10 * u);
		h += ns.size * 1.3;
		theme_set(cr, th->muted);
		text_draw(cr, r, s->notes[i], x, y + h, &ns);
	}
	return h + 14 * u;
}

/* The step caption at the bottom; returns its height (0 when there is no trace). */
static double figure_caption_height(const struct figure *fig, const struct draw_opts *o,
                                    double u)
{
	if (o->no_caption || !fig->trace || fig->trace->n_steps == 0)
		return 0;
	return 92 * u;
}

static void figure_caption(cairo_t *cr, struct render *r, const struct figure *fig,
                           const struct draw_opts *o, const struct theme *th, double x,
                           double y, double w, double u)
{
	const struct trace *t = fig->trace;
	int k = fig->step < 0 ? 0 : fig->step >= t->n_steps ? t->n_steps - 1 : fig->step;
	const struct step *st = &t->steps[k];
	static const char *const kinds[] = {"the inputs and parameters", "forward pass",
	                                    "backward pass"};
	char head[160];
	snprintf(head, sizeof head, "step %d of %d · %s", k, t->n_steps - 1, kinds[st->kind]);
	cairo_set_line_width(cr, 1.5 * u);
	theme_set(cr, th->grid);
	cairo_move_to(cr, x, y + 4 * u);
	cairo_line_to(cr, x + w, y + 4 * u);
	cairo_stroke(cr);
	struct text_style hs = {FONT_REGULAR, 19 * u, 1};
	theme_set(cr, th->muted);
	text_draw(cr, r, head, x, y + 30 * u, &hs);
	if (o->hide_values || !st->text)
		return;
	struct text_style cs = {FONT_BOLD, 36 * u, 0};
	cs.size = text_fit(r, st->text, &cs, w, 12 * u);
	theme_set(cr, st->kind == STEP_BACKWARD ? th->backward
	              : st->kind == STEP_FORWARD ? th->forward : th->fg);
	text_draw(cr, r, st->text, x, y + 30 * u + cs.size * 1.3, &cs);
}

/* How well a plot of this width/height ratio reads: 1 when between 0.7 and 2.2. */
static double figure_plot_shape(double aspect)
{
	if (aspect > 2.2)
		return pow(2.2 / aspect, 0.35);
	if (aspect < 0.7)
		return pow(aspect / 0.7, 0.35);
	return 1;
}

/* Splits panel a into a (the first `share`) and b, side by side or one above the other. */
static void figure_split(struct panel *a, struct panel *b, int side_by_side, double share,
                         double gap)
{
	*b = *a;
	if (side_by_side) {
		a->w = (b->w - gap) * share;
		b->x = a->x + a->w + gap;
		b->w -= a->w + gap;
	} else {
		a->h = (b->h - gap) * share;
		b->y = a->y + a->h + gap;
		b->h -= a->h + gap;
	}
}

int draw_figure(cairo_t *cr, const struct figure *fig, const struct draw_opts *opts)
{
	if (!cr || !fig || !fig->render || !fig->scene || !fig->ev)
		return -1;
	struct draw_opts o = opts ? *opts : (struct draw_opts){0};
	if (!(o.width > 0))
		o.width = 1920;
	if (!(o.height > 0))
		o.height = 1080;
	struct render *r = fig->render;
	const struct theme *th = theme_get(o.theme);
	double u = fmin(o.width / 1920, o.height / 1080), m = 40 * u;
	r->geom.n_hits = 0;
	r->geom.has_plot = 0;
	text_cache_sweep(r->texts);

	cairo_save(cr);
	cairo_rectangle(cr, 0, 0, o.width, o.height);
	cairo_clip(cr);
	if (!o.transparent) {
		theme_set(cr, th->bg);
		cairo_paint(cr);
	}
	double x = m, y = m * 0.8, w = o.width - 2 * m;
	if (!o.no_title)
		y += figure_title(cr, r, fig, th, x, y, w, u);
	double cap = figure_caption_height(fig, &o, u);
	double h = o.height - y - m * 0.6 - cap;
	if (cap > 0)
		figure_caption(cr, r, fig, &o, th, x, y + h, w, u);

	int has_graph = o.only != DRAW_PLOT;
	int has_plot = o.only != DRAW_GRAPH && fig->plot >= 0 && fig->plot < fig->scene->n_nodes;
	int has_data = has_plot && fig->scene->n_rows > 0;
	struct panel graph = {x, y, w, h, u, th, &o}, plot = graph, data = graph;
	double gap = 48 * u;
	if (has_graph && has_plot) {
		double gw, gh;
		draw_graph_size(r, fig, &o, &gw, &gh);
		/* side by side: the graph takes what its height (and its largest size)
		 * allow, within 50-68 % of the width */
		double most = GRAPH_MAX_EM * u;
		double fit = gw * fmin(most, (h - 40 * u) / gh) + gap;
		double side_w = fmax(w * 0.5, fmin(w * (has_data ? 0.6 : 0.68), fit)) - gap / 2;
		double stack_h = fmax(h * 0.4, fmin(h * 0.6, gh * fmin(most, w / gw) + 40 * u));
		stack_h -= gap / 2;
		double k_side = fmin(most, fmin(side_w / gw, h / gh));
		double k_stack = fmin(most, fmin(w / gw, stack_h / gh));
		/* narrower canvases: the larger graph wins, but a squashed plot costs */
		k_side *= 1.05 * figure_plot_shape((w - side_w - gap) / (has_data ? h / 2 : h));
		k_stack *= figure_plot_shape((has_data ? w / 2 : w) / (h - stack_h - gap));
		if (w >= 1.55 * h || k_side >= k_stack) { /* 16:9 and wider: always side by side */
			graph.w = side_w;
			plot.x = x + side_w + gap;
			plot.w = w - side_w - gap;
			if (has_data)
				figure_split(&plot, &data, 0, 0.55, gap / 2);
		} else {
			graph.h = stack_h;
			plot.y = y + stack_h + gap;
			plot.h = h - stack_h - gap;
			if (has_data)
				figure_split(&plot, &data, 1, 0.5, gap);
		}
	} else if (has_data) {
		figure_split(&plot, &data, 1, 0.5, gap);
	}
	if (has_graph)
		draw_graph(cr, r, fig, &graph);
	if (has_plot)
		draw_plot(cr, r, fig, &plot);
	if (has_data)
		draw_data(cr, r, fig, &data);
	cairo_restore(cr);
	return cairo_status(cr) == CAIRO_STATUS_SUCCESS ? 0 : -1;
}
