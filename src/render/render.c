/* render.c - the render context (fonts and caches) with its creation and release, and
 * the geometry a draw records when asked (draw_opts.geom) with the window's hit tests. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "render-private.h"
#ifdef NUDGE_HAVE_FONTCONFIG
#include <fontconfig/fontconfig.h>
#endif

struct render *render_new(const char *font_dir, char *err, size_t n)
{
	char dummy[8];
	if (!err) {
		err = dummy;
		n = sizeof dummy;
	}
	struct render *r = calloc(1, sizeof *r);
	if (!r) {
		snprintf(err, n, "out of memory");
		return NULL;
	}
	if (font_set_load(&r->fonts, font_dir, err, n) != 0) {
		free(r);
		return NULL;
	}
	r->texts = text_cache_new();
	if (!r->texts) {
		snprintf(err, n, "out of memory");
		render_free(r);
		return NULL;
	}
	return r;
}

void render_free(struct render *r)
{
	if (!r)
		return;
	geom_release(&r->scratch);
	text_cache_free(r->texts);
	for (int i = 0; i < LAYOUT_VARIANTS; i++)
		layout_free(r->layout[i]);
	steady_forget(&r->steady);
	edge_layer_free(&r->edges);
	num_cache_free(r);
	if (r->land.img)
		cairo_surface_destroy(r->land.img);
	font_set_free(&r->fonts);
	free(r);
}

void render_forget_scene(struct render *r)
{
	if (!r)
		return;
	for (int i = 0; i < LAYOUT_VARIANTS; i++) {
		layout_free(r->layout[i]);
		r->layout[i] = NULL;
	}
	steady_forget(&r->steady);
	edge_layer_free(&r->edges);
}

void figure_geom_clear(struct figure_geom *g)
{
	if (g) {
		g->n_hits = 0;
		g->has_plot = 0;
		g->label_font = 0;
		g->caption_font = 0;
		g->caption_lines = 0;
		g->has_land = 0;
		g->has_graph = 0;
		g->n_nodes = 0;
		g->overview.w = 0;
		g->legend.w = 0;
		g->note_size = 0;
	}
}

void render_shutdown(void)
{
	cairo_debug_reset_static_data();
#ifdef NUDGE_HAVE_FONTCONFIG
	FcFini();
#endif
}

void geom_add(struct figure_geom *g, enum hit_kind kind, int node, int edge, double x, double y,
              double w, double h)
{
	if (g->n_hits >= g->cap_hits) {
		int cap = g->cap_hits ? 2 * g->cap_hits : 256;
		struct geom_hit *more = realloc(g->hits, sizeof *more * (size_t)cap);
		if (!more)
			return; /* out of memory: that box cannot be clicked */
		g->hits = more;
		g->cap_hits = cap;
	}
	g->hits[g->n_hits++] = (struct geom_hit){kind, node, edge, {x, y, w, h}};
}

void geom_text_add(struct figure_geom *g, cairo_t *cr, const char *s, double x, double y,
                   double w, double size)
{
	if (!g || !g->keep_texts)
		return;
	if (g->n_texts >= g->cap_texts) {
		int cap = g->cap_texts ? 2 * g->cap_texts : 256;
		struct geom_text *more = realloc(g->texts, sizeof *more * (size_t)cap);
		if (!more)
			return;
		g->texts = more;
		g->cap_texts = cap;
	}
	double x0 = x, y0 = y - GRAPH_DIGIT_EM * size, x1 = x + w, y1 = y;
	cairo_user_to_device(cr, &x0, &y0);
	cairo_user_to_device(cr, &x1, &y1);
	double sx = size, sy = 0;
	cairo_user_to_device_distance(cr, &sx, &sy);
	struct geom_text *t = &g->texts[g->n_texts++];
	*t = (struct geom_text){{x0, y0, x1 - x0, y1 - y0}, hypot(sx, sy), g->text_panel, ""};
	snprintf(t->text, sizeof t->text, "%s", s);
}

int geom_nodes(struct figure_geom *g, int n)
{
	g->n_nodes = 0;
	if (n > g->cap_nodes) {
		double *b = realloc(g->node_box, sizeof *b * 4 * (size_t)n);
		if (!b)
			return -1;
		g->node_box = b;
		g->cap_nodes = n;
	}
	g->n_nodes = n;
	return 0;
}

void geom_release(struct figure_geom *g)
{
	free(g->hits);
	free(g->node_box);
	free(g->texts);
	g->hits = NULL;
	g->node_box = NULL;
	g->texts = NULL;
	g->n_hits = g->cap_hits = g->n_nodes = g->cap_nodes = g->n_texts = g->cap_texts = 0;
}

int figure_graph_frame(const struct figure_geom *g, struct graph_frame *f)
{
	if (!g || !g->has_graph)
		return 0;
	*f = g->graph;
	return 1;
}

int figure_node_box(const struct figure_geom *g, int v, double box[4])
{
	if (!g || !g->has_graph || v < 0 || v >= g->n_nodes)
		return 0;
	memcpy(box, g->node_box + 4 * v, 4 * sizeof *box);
	return box[2] > box[0]; /* an empty box: not drawn */
}

struct figure_geom *figure_geom_new(void)
{
	return calloc(1, sizeof(struct figure_geom));
}

void figure_geom_free(struct figure_geom *g)
{
	if (g)
		geom_release(g);
	free(g);
}

struct figure_hit figure_hit(const struct figure_geom *g, double x, double y)
{
	struct figure_hit h = {HIT_NONE, -1, -1, 0, 0, 0, 0, 0, 0};
	if (!g)
		return h;
	int best = -1;
	for (int i = 0; i < g->n_hits; i++) { /* the smallest box wins: values over nodes */
		const struct layout_box *b = &g->hits[i].box;
		if (x < b->x || y < b->y || x > b->x + b->w || y > b->y + b->h)
			continue;
		if (best < 0 || b->w * b->h <= g->hits[best].box.w * g->hits[best].box.h)
			best = i;
	}
	if (best < 0)
		return h;
	const struct geom_hit *gh = &g->hits[best];
	h = (struct figure_hit){gh->kind, gh->node, gh->edge, 0, 0, gh->box.x, gh->box.y,
	                        gh->box.w, gh->box.h};
	if (gh->kind == HIT_PLOT || gh->kind == HIT_PLOT_POINT)
		figure_plot_value_at(g, x, &h.value);
	if (gh->kind == HIT_LAND)
		figure_land_values_at(g, x, y, &h.value, &h.value2);
	if (gh->kind == HIT_OVERVIEW && gh->box.w > 0 && gh->box.h > 0) {
		h.value = (x - gh->box.x) / gh->box.w;
		h.value2 = (y - gh->box.y) / gh->box.h;
	}
	return h;
}

int figure_find(const struct figure_geom *g, enum hit_kind kind, int node, struct figure_hit *out)
{
	for (int i = 0; g && i < g->n_hits; i++) {
		const struct geom_hit *gh = &g->hits[i];
		if (gh->kind != kind || gh->node != node)
			continue;
		*out = (struct figure_hit){gh->kind, gh->node, gh->edge, 0, 0, gh->box.x, gh->box.y, gh->box.w,
		                           gh->box.h};
		return 1;
	}
	return 0;
}

int figure_land_values_at(const struct figure_geom *g, double x, double y, double *va, double *vb)
{
	if (!g || !g->has_land)
		return 0;
	const struct axes *a = &g->land;
	double tx = (x - a->x) / a->w, ty = (a->y + a->h - y) / a->h;
	tx = tx < 0 ? 0 : tx > 1 ? 1 : tx;
	ty = ty < 0 ? 0 : ty > 1 ? 1 : ty;
	*va = a->xlo + tx * (a->xhi - a->xlo);
	*vb = a->ylo + ty * (a->yhi - a->ylo);
	return 1;
}

int figure_land_area(const struct figure_geom *g, double box[4], double range[4])
{
	if (!g || !g->has_land)
		return 0;
	const struct axes *a = &g->land;
	double b[4] = {a->x, a->y, a->w, a->h}, r[4] = {a->xlo, a->xhi, a->ylo, a->yhi};
	memcpy(box, b, sizeof b);
	memcpy(range, r, sizeof r);
	return 1;
}

int figure_plot_value_at(const struct figure_geom *g, double x, double *v)
{
	if (!g || !g->has_plot)
		return 0;
	const struct axes *a = &g->plot;
	double t = (x - a->x) / a->w;
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	*v = a->xlo + t * (a->xhi - a->xlo);
	return 1;
}
