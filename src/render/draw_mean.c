/* draw_mean.c - the cost over all rows of a data scene as its own node, after the
 * row's graph (under its cost in the compact layout): "J = (1/3) Σᵢ J⁽ⁱ⁾" with the mean, drawn as a stack of cards (it stands
 * for every row) with an arrow from the shown row's cost, "3-row mean" and "row 0 shown"
 * under it; under a narrower cost, as narrow as its head in two lines. Its numbers are
 * eval's means; scenes without a data set have no such box. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "render-private.h"

#define M graph_metrics

#define MEAN_GAP 2.6    /* em between the graph and the box: room for the arrow */
#define MEAN_CARDS 2    /* cards drawn behind the box */
#define MEAN_CARD 0.28  /* offset of each card, em */
#define MEAN_RADIUS 0.22 /* corner radius, em: a computed node's */

void mean_box_texts(const struct figure *fig, struct mean_box *m)
{
	const struct scene *s = fig->scene;
	*m = (struct mean_box){ 0 };
	if (s->n_rows <= 0 || figure_forward(fig))
		return;
	const char *J = s->nodes[s->cost].label;
	m->on = 1;
	snprintf(m->head, sizeof m->head, "%s = (1/%d) Σᵢ %s⁽ⁱ⁾", J, s->n_rows, J);
	fmt_num(m->value, sizeof m->value, fig->ev->cost, NUDGE_DIGITS);
	snprintf(m->foot, sizeof m->foot, "%d-row mean", s->n_rows);
	snprintf(m->shown, sizeof m->shown, "row %d shown", fig->ev->row);
	const char *eq = strstr(m->head, " = ");
	m->cut = eq ? (int)(eq - m->head) + 2 : 0; /* "J =" | "(1/3) Σᵢ J⁽ⁱ⁾" */
}

/* The box's text lines, top to bottom, and their styles' kinds (0 head, 1 the mean, 2 a
 * foot line); returns how many. */
static int mean_lines(const struct mean_box *m, char lines[5][160], int kind[5])
{
	int n = 0;
	if (m->narrow) {
		snprintf(lines[n], sizeof lines[n], "%.*s", m->cut, m->head);
		kind[n++] = 0;
		snprintf(lines[n], sizeof lines[n], "%s", m->head + m->cut + 1);
		kind[n++] = 0;
	} else {
		snprintf(lines[n], sizeof lines[n], "%s", m->head);
		kind[n++] = 0;
	}
	snprintf(lines[n], sizeof lines[n], "%s", m->value);
	kind[n++] = 1;
	snprintf(lines[n], sizeof lines[n], "%s", m->foot);
	kind[n++] = 2;
	snprintf(lines[n], sizeof lines[n], "%s", m->shown);
	kind[n++] = 2;
	return n;
}

/* A line of kind k (mean_lines): its style, height and baseline (as a share of it). */
static void mean_line_style(int k, struct text_style *st, double *h, double *base)
{
	static const enum font_id face[3] = {FONT_BOLD, FONT_BOLD, FONT_REGULAR};
	const double size[3] = {M.head, 1, M.grad_name}, lh[3] = {M.row_head, M.row_value, M.row_grad},
	             lb[3] = {M.base_head, M.base_value, M.base_grad};
	*st = (struct text_style){face[k], size[k], k > 0};
	*h = lh[k];
	*base = lb[k];
}

/* The box's width and height for its lines as m->narrow says. */
static void mean_size(struct render *r, const struct mean_box *m, double *w, double *h)
{
	char lines[5][160];
	int kind[5], n = mean_lines(m, lines, kind);
	*w = 0;
	*h = 2 * M.pad_y;
	for (int i = 0; i < n; i++) {
		struct text_style st;
		double lh, base;
		mean_line_style(kind[i], &st, &lh, &base);
		*w = fmax(*w, text_width(r, lines[i], &st));
		*h += lh;
	}
	*w += 2 * M.pad_x;
}

/* Is the box (top-left x, y, size w x h, em) a node gap clear of every node box and
 * edge label of g? */
static int mean_box_clear(const struct graph_layout *g, double x, double y, double w, double h)
{
	for (int i = 0; i < g->n_items; i++) {
		const struct layout_item *it = &g->items[i];
		double d = M.node_gap / 2;
		if ((it->node >= 0 || it->is_label) && x - d < it->x + it->bw / 2 && it->x - it->bw / 2 < x + w + d &&
		    y - d < it->y + it->h / 2 && it->y - it->h / 2 < y + h + d)
			return 0;
	}
	return 1;
}

void mean_box_place(struct render *r, struct graph_layout *g)
{
	struct mean_box *m = &g->mean;
	if (!m->on)
		return;
	const struct layout_item *cost = &g->items[g->scene->cost];
	m->narrow = 0;
	mean_size(r, m, &m->w, &m->h);
	if (g->compact && m->w > cost->bw && m->cut > 0) { /* under a narrower cost: narrow */
		double w = m->w, h = m->h;
		m->narrow = 1;
		mean_size(r, m, &m->w, &m->h);
		if (!(m->w < w)) { /* no narrower so */
			m->narrow = 0;
			m->w = w;
			m->h = h;
		}
	}
	double cards = MEAN_CARDS * MEAN_CARD;
	if (g->compact) { /* under the cost: the compact layout trades width for height */
		double left = m->narrow ? cards : 0, right = cards - left; /* the cards' side */
		m->x = fmax(cost->x, m->w / 2 + left);
		m->y = cost->y + cost->h / 2 + MEAN_GAP * 0.6 + m->h / 2;
		/* wider than the cost's column: in from the graph's right edge where that is clear */
		double in = fmax(m->w / 2 + left, fmin(m->x, g->width - m->w / 2 - right));
		if (in < m->x && mean_box_clear(g, in - m->w / 2 - left, m->y - m->h / 2, m->w + cards, m->h + cards))
			m->x = in;
		g->width = fmax(g->width, m->x + m->w / 2 + right);
	} else {
		m->x = g->width + MEAN_GAP + m->w / 2;
		m->y = cost->y;
		if (m->y - m->h / 2 < 0) /* a cost box lower than this one at the top edge */
			m->y = m->h / 2;
		g->width += MEAN_GAP + m->w + cards;
	}
	g->height = fmax(g->height, m->y + m->h / 2 + cards);
}

void draw_mean_box(cairo_t *cr, struct render *r, const struct graph_layout *g,
                   const struct theme *th, double known, int current)
{
	const struct mean_box *m = &g->mean;
	if (!m->on)
		return;
	const struct layout_item *cost = &g->items[g->scene->cost];
	double x = m->x - m->w / 2, y = m->y - m->h / 2;
	/* the arrow from the shown row's cost */
	theme_set(cr, current ? th->forward : th->grid);
	cairo_set_line_width(cr, 0.07);
	if (g->compact) { /* straight down from the cost */
		double ax = cost->x, ay = cost->y + cost->h / 2, by = y - 0.15;
		cairo_move_to(cr, ax, ay);
		cairo_curve_to(cr, ax, (ay + by) / 2, m->x, (ay + by) / 2, m->x, by - 0.3);
		cairo_stroke(cr);
		cairo_move_to(cr, m->x, by);
		cairo_line_to(cr, m->x - 0.22, by - 0.42);
		cairo_line_to(cr, m->x + 0.22, by - 0.42);
	} else {
		double ax = cost->x + cost->bw / 2, ay = cost->y, bx = x - 0.15;
		cairo_move_to(cr, ax, ay);
		cairo_curve_to(cr, (ax + bx) / 2, ay, (ax + bx) / 2, m->y, bx - 0.3, m->y);
		cairo_stroke(cr);
		cairo_move_to(cr, bx, m->y);
		cairo_line_to(cr, bx - 0.42, m->y - 0.22);
		cairo_line_to(cr, bx - 0.42, m->y + 0.22);
	}
	cairo_close_path(cr);
	cairo_fill(cr);
	/* the cards behind: one box standing for every row */
	for (int c = MEAN_CARDS; c >= 0; c--) {
		double d = c * MEAN_CARD; /* to the lower right, or left in a narrow box */
		graph_box_path(cr, x + (m->narrow ? -d : d), y + d, m->w, m->h, MEAN_RADIUS);
		theme_set(cr, th->fill[NODE_COMPUTED]);
		cairo_fill_preserve(cr);
		theme_set(cr, c == 0 && current ? th->forward : th->cost);
		cairo_set_line_width(cr, c == 0 && current ? 0.11 : 0.055);
		cairo_stroke(cr);
	}
	graph_box_path(cr, x + 0.1, y + 0.1, m->w - 0.2, m->h - 0.2, MEAN_RADIUS - 0.1); /* the cost's double outline */
	theme_set(cr, th->cost);
	cairo_set_line_width(cr, 0.035);
	cairo_stroke(cr);
	char lines[5][160];
	int kind[5], n = mean_lines(m, lines, kind);
	double top = y + M.pad_y;
	for (int i = 0; i < n; i++) {
		struct text_style st;
		double lh, base;
		mean_line_style(kind[i], &st, &lh, &base);
		const char *t = kind[i] == 1 && !(known > 0) ? "?" : lines[i];
		if (kind[i] == 1)
			theme_set_alpha(cr, known > 0 ? th->forward : th->muted, known > 0 ? known : 1);
		else
			theme_set(cr, kind[i] == 0 ? th->fg : th->muted);
		text_draw(cr, r, t, m->x - text_width(r, t, &st) / 2, top + lh * base, &st);
		top += lh;
	}
}
