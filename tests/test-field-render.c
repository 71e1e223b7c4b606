/* test-field-render.c - a classifier's data panel (draw_field.c) drawn into an image
 * surface and checked by pixels against the xor network written out here, in both
 * themes: each row's point is its label's colour; along a line across the panel the
 * shading leans to the class the network gives there; the boundary is drawn where the
 * network crosses ½ on that line (found here by bisection). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "render-private.h"

#ifndef NUDGE_TEST_SCENES
#define NUDGE_TEST_SCENES "data/scenes"
#endif
#ifndef NUDGE_TEST_FONTS
#define NUDGE_TEST_FONTS "fonts"
#endif

#define SIZE 600 /* the test image, square */

static const char *const names[9] = {"w11", "w12", "b1", "w21", "w22", "b2", "v1", "v2", "c"};
static const double P[9] = {3.06, 3.05, -1.41, 2.39, 2.38, -3.5, 4.24, -4.26, -3.66};

/* xor's ŷ at (x1, x2) with the params P. */
static double net(double x1, double x2)
{
	double h1 = tanh(P[0] * x1 + P[1] * x2 + P[2]), h2 = tanh(P[3] * x1 + P[4] * x2 + P[5]);
	return 1 / (1 + exp(-(P[6] * h1 + P[7] * h2 + P[8])));
}

/* The pixel at (x, y) as 0..255 r, g, b. */
static void pixel(cairo_surface_t *sf, double x, double y, int rgb[3])
{
	const unsigned char *px = cairo_image_surface_get_data(sf);
	int stride = cairo_image_surface_get_stride(sf);
	uint32_t v;
	memcpy(&v, px + (size_t)lround(y) * (size_t)stride + 4 * (size_t)lround(x), sizeof v);
	rgb[0] = (int)(v >> 16 & 255);
	rgb[1] = (int)(v >> 8 & 255);
	rgb[2] = (int)(v & 255);
}

static double dist(const int rgb[3], struct rgba c)
{
	return fabs(rgb[0] - c.r * 255) + fabs(rgb[1] - c.g * 255) + fabs(rgb[2] - c.b * 255);
}

static void test_theme(struct render *r, enum draw_theme theme)
{
	const char *tn = theme == THEME_DARK ? "dark" : "light";
	struct nudge_error err;
	struct scene *s = scene_load(NUDGE_TEST_SCENES "/xor.nudge", &err);
	struct session ss;
	CHECK(s != NULL, "xor loads");
	if (!s || session_open(&ss, s, NULL) != 0) {
		scene_free(s);
		return;
	}
	for (int i = 0; i < 9; i++)
		session_set(&ss, scene_find(s, names[i]), P[i]);
	CHECK(session_update(&ss) == 0, "session_update");
	const struct data_samples *d = &ss.data;
	const struct theme *th = theme_get(theme);
	struct figure fig;
	figure_of_session(&fig, r, &ss);
	struct draw_opts o = {.width = SIZE, .height = SIZE, .theme = theme};
	struct panel p = {0, 0, SIZE, SIZE, 1, th, &o};
	struct axes a = {50, 60, 500, 500, d->field_xlo, d->field_xhi, d->field_ylo, d->field_yhi};
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, SIZE, SIZE);
	cairo_t *cr = cairo_create(sf);
	theme_set(cr, th->panel);
	cairo_paint(cr);
	draw_field(cr, r, &fig, d, &p, &a, 24);
	cairo_destroy(cr);
	cairo_surface_flush(sf);
	int rgb[3], bg[3];
	for (int row = 0; row < s->n_rows; row++) { /* the points, by label */
		const double *v = s->data + (size_t)row * (size_t)s->n_cols;
		pixel(sf, axes_x(&a, v[0]), axes_y(&a, v[1]), rgb);
		CHECK(dist(rgb, th->label_class[v[2] > 0.5]) <= 3, "%s: row %d's point is label %g's colour (%d %d %d)",
		      tn, row, v[2], rgb[0], rgb[1], rgb[2]);
	}
	/* along x2 = 0.5: the class the network gives, and its boundary */
	double y = axes_y(&a, 0.5), cross[4];
	int n_cross = 0, wrong = 0, tested = 0;
	for (int px = (int)a.x + 1; px + 1 < (int)(a.x + a.w) && n_cross < 4; px++) {
		double x0 = a.xlo + (px - a.x) / a.w * (a.xhi - a.xlo), x1 = x0 + (a.xhi - a.xlo) / a.w;
		if ((net(x0, 0.5) > 0.5) == (net(x1, 0.5) > 0.5))
			continue;
		for (int it = 0; it < 60; it++) { /* bisection */
			double m = (x0 + x1) / 2;
			*((net(m, 0.5) > 0.5) == (net(x0, 0.5) > 0.5) ? &x0 : &x1) = m;
		}
		cross[n_cross++] = axes_x(&a, x0);
	}
	CHECK(n_cross == 2, "%s: the network crosses ½ twice along x2 = 0.5 (%d)", tn, n_cross);
	pixel(sf, 10, 10, bg);
	for (int px = (int)a.x + 2; px < (int)(a.x + a.w) - 2; px++) {
		int near = 0;
		for (int k = 0; k < n_cross; k++)
			near = near || fabs(px - cross[k]) < 8;
		if (near)
			continue;
		double x = a.xlo + (px - a.x) / a.w * (a.xhi - a.xlo);
		pixel(sf, px, y, rgb);
		int high = net(x, 0.5) > 0.5; /* the high label's colour is the redder one in both themes */
		int redder = rgb[2] - rgb[0] < bg[2] - bg[0];
		wrong += redder != high;
		tested++;
	}
	CHECK(tested > 300 && wrong == 0, "%s: the shading leans to the network's class at %d of %d pixels", tn,
	      tested - wrong, tested);
	for (int k = 0; k < n_cross; k++) {
		double best = INFINITY;
		for (int dx = -3; dx <= 3; dx++) {
			pixel(sf, cross[k] + dx, y, rgb);
			best = fmin(best, dist(rgb, th->fg));
		}
		CHECK(best < 90, "%s: the boundary is drawn where ŷ = ½ at x = %.1f px (nearest %.0f from the line colour)",
		      tn, cross[k], best);
	}
	cairo_surface_destroy(sf);
	session_close(&ss);
}

/* Pixels of exactly this colour. */
static int count(cairo_surface_t *sf, struct rgba c)
{
	int n = 0, rgb[3];
	for (int y = 0; y < cairo_image_surface_get_height(sf); y++)
		for (int x = 0; x < cairo_image_surface_get_width(sf); x++) {
			pixel(sf, x, y, rgb);
			n += dist(rgb, c) < 1.5;
		}
	return n;
}

/* Do boxes a and b share any area? */
static int meet(const struct layout_box *a, const struct layout_box *b)
{
	return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

/* Training xor in the window (the figure above the control bar at 1280x720 and 1024x768,
 * and a whole 1280x720 screen) and presenting at 1024x768 opens the loss panel. Where it has no readable room beside
 * the graph it is a card, and a card covers neither the graph's nodes (the room reads
 * them) nor the classifier's data (what training changes: its boundary forms): it takes
 * the J plot's place. The rows labelled 1 stay drawn (the high label's orange is used
 * nowhere else in the light figure); the nodes are where they are without the loss panel. */
static void test_room_while_training(struct render *r)
{
	struct nudge_error err;
	struct scene *s = scene_load(NUDGE_TEST_SCENES "/xor.nudge", &err);
	struct session ss;
	struct figure_geom *g = figure_geom_new();
	if (!s || !g || session_open(&ss, s, NULL) != 0) {
		CHECK(0, "xor opens");
		scene_free(s);
		figure_geom_free(g);
		return;
	}
	CHECK(session_update(&ss) == 0, "session_update");
	double *set = calloc((size_t)s->n_nodes * 40, sizeof *set), cost[40];
	for (int i = 0; i < 40; i++) {
		cost[i] = 0.69 - 0.004 * i;
		memcpy(set + (size_t)i * (size_t)s->n_nodes, ss.ev->set, sizeof *set * (size_t)s->n_nodes);
	}
	static const int sizes[][4] = {{1280, 720, 720, 0}, {1280, 720, 606, 0}, {1024, 768, 670, 0},
	                               {1024, 768, 768, 1}}; /* screen, figure, presenting */
	for (int k = 0; k < 4; k++) {
		int W = sizes[k][0], H = sizes[k][2];
		struct figure fig;
		figure_of_session(&fig, r, &ss);
		struct draw_opts o = {.width = W, .height = H, .theme = THEME_LIGHT, .geom = g, .steady = 1,
		                      .present = sizes[k][3], .font_scale = sizes[k][3] ? 1.3 : 0};
		cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
		cairo_t *cr = cairo_create(sf);
		CHECK(draw_figure(cr, &fig, &o) == 0, "draw_figure");
		struct layout_box node[64];
		int n_node = 0;
		for (int i = 0; i < g->n_hits && n_node < 64; i++)
			if (g->hits[i].kind == HIT_NODE)
				node[n_node++] = g->hits[i].box;
		figure_add(&fig, (struct figure_panel){.kind = PANEL_LOSS, .loss = {set, cost, 40, 0, NULL, 0}});
		g->keep_texts = 1;
		CHECK(set && draw_figure(cr, &fig, &o) == 0, "draw_figure");
		g->keep_texts = 0;
		cairo_destroy(cr);
		cairo_surface_flush(sf);
		int n = count(sf, theme_get(THEME_LIGHT)->label_class[1]);
		CHECK(n > 50, "%dx%d (figure %dx%d): the rows labelled 1 are drawn beside the loss panel (%d pixels of their colour)",
		      sizes[k][0], sizes[k][1], W, H, n);
		struct layout_box card = {0};
		for (int i = 0; i < g->n_hits; i++)
			if (g->hits[i].kind == HIT_PANEL)
				card = g->hits[i].box;
		CHECK(card.w > 0, "%dx%d: the loss panel is drawn", W, H);
		cairo_surface_destroy(sf);
		if (g->cards == 0) /* beside the graph: nothing covered */
			continue;
		for (int i = 0; i < n_node; i++)
			CHECK(!meet(&card, &node[i]), "%dx%d: the loss card (%.0f,%.0f %.0fx%.0f) covers no node (%.0f,%.0f %.0fx%.0f)",
			      W, H, card.x, card.y, card.w, card.h, node[i].x, node[i].y, node[i].w, node[i].h);
		int data = 0, under = 0;
		for (int i = 0; i < g->n_texts; i++)
			if (g->texts[i].panel == PANEL_DATA) {
				data++;
				under += meet(&card, &g->texts[i].box);
			}
		CHECK(data > 0 && under == 0, "%dx%d: the loss card covers none of the data panel's %d texts (%d)", W, H,
		      data, under);
	}
	figure_geom_free(g);
	free(set);
	session_close(&ss);
}

int main(void)
{
	char err[300];
	struct render *r = render_new(NUDGE_TEST_FONTS, err, sizeof err);
	CHECK(r != NULL, "render_new: %s", err);
	if (r) {
		test_theme(r, THEME_LIGHT);
		test_theme(r, THEME_DARK);
		test_room_while_training(r);
		render_free(r);
	}
	render_shutdown();
	return test_report("test-field-render");
}
