/* test-render.c - the figures drawn into image surfaces and checked as a person would
 * look at them: no two boxes overlap and nothing leaves the canvas on every built-in
 * scene at several aspect ratios; "?" until a value is known; hit-testing; caches that
 * never change a pixel; atomic export. The command-line side is test-figures.py. */
#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "test.h"
#include "graphs.h"
#include "render-private.h"
#include "nudge/descent.h"

#ifndef NUDGE_TEST_SCENES
#define NUDGE_TEST_SCENES "data/scenes"
#endif
#ifndef NUDGE_TEST_FONTS
#define NUDGE_TEST_FONTS "fonts"
#endif

struct loaded {
	char name[64];
	struct session ss; /* owns everything below */
	struct scene *s;   /* ss.scene */
	struct eval *ev;   /* ss.ev */
	struct trace *t;   /* ss.trace, as of the last refresh */
};

/* Brings the session up to date after a change (enum session_change). */
static void refresh(struct loaded *l, unsigned what)
{
	session_invalidate(&l->ss, what);
	CHECK(session_update(&l->ss) == 0, "session_update");
	l->t = l->ss.trace;
}

/* Opens a session on s (NULL: a load that failed, already reported). */
static int load_scene(struct loaded *l, struct scene *s)
{
	if (!s)
		return -1;
	CHECK(session_open(&l->ss, s, NULL) == 0, "session_open");
	l->s = l->ss.scene;
	l->ev = l->ss.ev;
	refresh(l, 0);
	return 0;
}

static int load(struct loaded *l, const char *name)
{
	char path[512];
	struct nudge_error err;
	snprintf(l->name, sizeof l->name, "%s", name);
	snprintf(path, sizeof path, "%s/%s.nudge", NUDGE_TEST_SCENES, name);
	struct scene *s = scene_load(path, &err);
	CHECK(s != NULL, "%s: %s", path, err.msg);
	return load_scene(l, s);
}

/* A generated scene (graphs.h) as `name`, kept in $NUDGE_TEST_WRITE when set. */
static int load_text(struct loaded *l, const char *name, char *text)
{
	struct nudge_error err;
	snprintf(l->name, sizeof l->name, "%s", name);
	graphs_keep(name, text);
	struct scene *s = text ? scene_parse(text, strlen(text), name, &err) : NULL;
	CHECK(s != NULL, "%s: %s", name, text ? err.msg : "out of memory");
	free(text);
	return load_scene(l, s);
}

static void unload(struct loaded *l)
{
	session_close(&l->ss);
}

static struct figure fig_of(struct render *r, const struct loaded *l, int step)
{
	struct figure f;
	figure_of_session(&f, r, &l->ss);
	f.step = step < 0 ? l->t->n_steps - 1 : step;
	return f;
}

static struct figure_geom *test_geom; /* what the last draw() put where */

/* Draws into a fresh W x H image surface, recording test_geom; the caller destroys it. */
static cairo_surface_t *draw(const struct figure *f, const struct draw_opts *o_in)
{
	struct draw_opts with_geom = *o_in;
	with_geom.geom = test_geom;
	const struct draw_opts *o = &with_geom;
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)o->width,
	                                                 (int)o->height);
	cairo_t *cr = cairo_create(sf);
	CHECK(draw_figure(cr, f, o) == 0, "draw_figure failed");
	cairo_destroy(cr);
	cairo_surface_flush(sf);
	return sf;
}

static int boxes_overlap(const struct layout_box *a, const struct layout_box *b)
{
	const double tol = 0.5;
	return a->x + tol < b->x + b->w && b->x + tol < a->x + a->w &&
	       a->y + tol < b->y + b->h && b->y + tol < a->y + a->h;
}

/* Node boxes and edge labels: no overlaps among them or with the plot; all inside. */
static void check_geometry(struct render *r, const char *what, double w, double h)
{
	const struct figure_geom *g = test_geom;
	int nodes = 0;
	for (int i = 0; i < g->n_hits; i++) {
		const struct geom_hit *a = &g->hits[i];
		if (a->kind != HIT_NODE && a->kind != HIT_EDGE_LOCAL && a->kind != HIT_PLOT &&
		    a->kind != HIT_PANEL)
			continue;
		nodes += a->kind == HIT_NODE;
		CHECK(a->box.x >= 0 && a->box.y >= 0 && a->box.x + a->box.w <= w + 0.01 &&
		      a->box.y + a->box.h <= h + 0.01,
		      "%s: box of kind %d (node %d, edge %d) leaves the canvas", what, a->kind,
		      a->node, a->edge);
		for (int j = i + 1; j < g->n_hits; j++) {
			const struct geom_hit *b = &g->hits[j];
			if (b->kind != HIT_NODE && b->kind != HIT_EDGE_LOCAL && b->kind != HIT_PLOT &&
			    b->kind != HIT_PANEL)
				continue;
			if (a->kind == HIT_PLOT && b->kind == HIT_PLOT)
				continue;
			CHECK(!boxes_overlap(&a->box, &b->box),
			      "%s: kind %d (node %d edge %d) overlaps kind %d (node %d edge %d)", what,
			      a->kind, a->node, a->edge, b->kind, b->node, b->edge);
		}
	}
	CHECK(nodes > 0 || g->cards > 0, "%s: no node drawn", what); /* cards may cover them all */
	/* the legend row under the graph stays in the graph's panel, clear of plots and panels */
	const struct layout_box *lg = &g->legend;
	if (lg->w > 0 && g->has_graph) {
		CHECK(lg->x >= g->graph.x - 0.5 && lg->x + lg->w <= g->graph.x + g->graph.w + 0.5 &&
		      lg->x >= 0 && lg->x + lg->w <= w + 0.01,
		      "%s: the legend (x %.0f to %.0f) leaves the graph's panel (x %.0f to %.0f)", what,
		      lg->x, lg->x + lg->w, g->graph.x, g->graph.x + g->graph.w);
		struct layout_box frame = {g->graph.x, g->graph.y, g->graph.w, g->graph.h};
		for (int i = 0; i < g->n_hits; i++) /* a panel laid over the graph may cover it */
			if ((g->hits[i].kind == HIT_PLOT || g->hits[i].kind == HIT_PANEL) &&
			    !boxes_overlap(&frame, &g->hits[i].box))
				CHECK(!boxes_overlap(lg, &g->hits[i].box), "%s: the legend overlaps kind %d", what,
				      g->hits[i].kind);
	}
}

/* Pixels inside the node boxes close to colour c. */
static long count_colour(cairo_surface_t *sf, struct render *r, struct rgba c)
{
	unsigned char *px = cairo_image_surface_get_data(sf);
	int stride = cairo_image_surface_get_stride(sf);
	int W = cairo_image_surface_get_width(sf), H = cairo_image_surface_get_height(sf);
	long n = 0;
	for (int i = 0; i < test_geom->n_hits; i++) {
		const struct geom_hit *gh = &test_geom->hits[i];
		if (gh->kind != HIT_NODE)
			continue;
		for (int y = (int)gh->box.y; y < (int)(gh->box.y + gh->box.h) && y < H; y++)
			for (int x = (int)gh->box.x; x < (int)(gh->box.x + gh->box.w) && x < W; x++) {
				uint32_t p;
				memcpy(&p, px + y * stride + x * 4, 4);
				int R = p >> 16 & 255, G = p >> 8 & 255, B = p & 255;
				if (abs(R - (int)(c.r * 255)) < 24 && abs(G - (int)(c.g * 255)) < 24 &&
				    abs(B - (int)(c.b * 255)) < 24)
					n++;
			}
	}
	return n;
}

static int same_pixels(cairo_surface_t *a, cairo_surface_t *b)
{
	int h = cairo_image_surface_get_height(a), stride = cairo_image_surface_get_stride(a);
	return stride == cairo_image_surface_get_stride(b) &&
	       memcmp(cairo_image_surface_get_data(a), cairo_image_surface_get_data(b),
	              (size_t)stride * (size_t)h) == 0;
}

static int list_scenes(char names[][64], int max)
{
	DIR *d = opendir(NUDGE_TEST_SCENES);
	int n = 0;
	CHECK(d != NULL, "cannot open %s", NUDGE_TEST_SCENES);
	if (!d)
		return 0;
	for (struct dirent *e; (e = readdir(d)) && n < max;) {
		size_t len = strlen(e->d_name);
		if (len > 6 && len < 60 && strcmp(e->d_name + len - 6, ".nudge") == 0) {
			snprintf(names[n], 64, "%.*s", (int)(len - 6), e->d_name);
			n++;
		}
	}
	closedir(d);
	return n;
}

/* The built-in scenes one at a time, for a test that checks each of them:
 *     struct scene_list sl;
 *     scene_list_open(&sl);
 *     for (struct loaded l; scene_list_next(&sl, &l); unload(&l)) { ... }
 * puts each scene that loads into l in turn (a `continue` goes on to the next one). */
struct scene_list {
	char names[64][64]; /* the built-in scenes' names (list_scenes) */
	int n;              /* how many there are */
	int next;           /* the one scene_list_next loads next */
};

static void scene_list_open(struct scene_list *sl)
{
	sl->n = list_scenes(sl->names, 64);
	sl->next = 0;
}

static int scene_list_next(struct scene_list *sl, struct loaded *l)
{
	while (sl->next < sl->n)
		if (load(l, sl->names[sl->next++]) == 0)
			return 1;
	return 0;
}

/* The size of a node's value (1 em of the graph) in the last draw: its hit box is
 * graph_metrics.hit_value_h em high (with cards over every value, the graph's em). */
static double graph_em(const struct render *r)
{
	for (int i = 0; i < test_geom->n_hits; i++)
		if (test_geom->hits[i].kind == HIT_NODE_VALUE)
			return test_geom->hits[i].box.h / graph_metrics.hit_value_h;
	return test_geom->cards > 0 ? test_geom->graph.em : 0; /* every value under the cards */
}

/* DejaVu Sans Bold digits stand 0.73 em: the digit height legibility.py measures. */
#define DIGIT_EM 0.73

/* Presenting, every edge label the shown step uses is drawn once its local derivative
 * is known (in a bare layout only those are: the room reads the step's local derivative
 * on its edge); with all (the window, exports, a layout with every edge label), every
 * known one. Neuron units drawn write weights on their edges instead. */
static void check_step_labels(const struct loaded *l, int k, const char *what, int all)
{
	if (l->s->units && l->s->units->show)
		return;
	for (int e = 0; e < l->s->n_edges; e++) {
		if ((!all && !trace_step_uses_edge(l->t, l->s, k, e)) || !trace_local_known(l->t, l->s, k, e))
			continue;
		int drawn = 0;
		for (int i = 0; i < test_geom->n_hits; i++)
			drawn |= test_geom->hits[i].kind == HIT_EDGE_LOCAL && test_geom->hits[i].edge == e;
		CHECK(drawn, "%s step %d: the label of edge %d (%s) is not drawn", what, k, e,
		      all ? "its local derivative known" : "the step uses it");
	}
}

/* At the projector and export sizes, every built-in scene's node values stand at least
 * 1/70 of the height (what a lecture hall can still read; most scenes reach 1/45), and
 * 1/90 with font scale 1.5. xor reaches it with its neuron units (issue 12 item 1: its 15
 * scalar nodes stood at 1/100).
 * Presenting (the window's F5: presentation layout, font scale 1.3) at both projector
 * sizes, at every step, the layout keeps every box and label inside and apart and draws
 * the labels of the step's edges; there and in the default export the digits stand at
 * least as large as the floors below (1/45, the goal, where the layouts reach it; the
 * others are held to what they reach). */
static void test_type_floor(struct render *r)
{
	static const double sizes[][2] = {{1280, 720}, {1024, 768}, {1920, 1080}};
	static const struct {
		const char *name;  /* a built-in scene */
		double present[2]; /* its digits presenting at 1280x720 and 1024x768, at least
		                      1/present of the height */
		double export;     /* and in a default 1920x1080 export */
	} floors[] = {{"computation-graph", {45, 48}, 46}, {"network", {45, 49}, 45},
	              {"fit-line", {43, 42}, 41}, {"logistic", {45, 45}, 45}, {"xor", {45, 60}, 46}};
	struct scene_list sl;
	scene_list_open(&sl);
	for (struct loaded l; scene_list_next(&sl, &l); unload(&l)) {
		double floor1 = 70, floor15 = 90, floor_p[2] = {45, 45}, floor_x = 45;
		for (size_t k = 0; k < sizeof floors / sizeof floors[0]; k++)
			if (strcmp(l.name, floors[k].name) == 0) {
				floor_p[0] = floors[k].present[0];
				floor_p[1] = floors[k].present[1];
				floor_x = floors[k].export;
			}
		for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
			struct figure f = fig_of(r, &l, -1);
			struct draw_opts o = {.width = sizes[k][0], .height = sizes[k][1]};
			cairo_surface_destroy(draw(&f, &o));
			double digit = graph_em(r) * DIGIT_EM;
			CHECK(digit >= o.height / (o.height > 1000 ? floor_x : floor1),
			      "%s %gx%g: digits %.1f px, 1/%.0f of the height", l.name, o.width, o.height,
			      digit, o.height / digit);
			if (getenv("NUDGE_TEST_VERBOSE"))
				printf("%s %gx%g: digits 1/%.0f\n", l.name, o.width, o.height, o.height / digit);
			/* a larger font scale (the title, caption and ticks take more room) keeps the
			 * graph's numbers near the floor */
			o.font_scale = 1.5;
			cairo_surface_destroy(draw(&f, &o));
			CHECK(graph_em(r) * DIGIT_EM >= o.height / floor15,
			      "%s %gx%g: font scale 1.5 puts the graph's digits at 1/%.0f", l.name,
			      o.width, o.height, o.height / (graph_em(r) * DIGIT_EM));
			if (o.height > 1000)
				continue;
			o = (struct draw_opts){.width = sizes[k][0], .height = sizes[k][1], .present = 1,
			                       .font_scale = 1.3, .theme = THEME_DARK};
			char what[160];
			snprintf(what, sizeof what, "%s %gx%g presenting", l.name, o.width, o.height);
			for (int step = 0; step < l.t->n_steps - 1; step++) {
				struct figure fs = fig_of(r, &l, step);
				cairo_surface_destroy(draw(&fs, &o));
				check_geometry(r, what, o.width, o.height);
				check_step_labels(&l, step, what, 0);
			}
			cairo_surface_destroy(draw(&f, &o));
			check_geometry(r, what, o.width, o.height);
			/* at 16:9 the built-ins reach the goal with every edge label (stacked, if not
			   compact); at 4:3 network's, logistic's and computation-graph's are bare */
			check_step_labels(&l, l.t->n_steps - 1, what, k == 0);
			/* the plots draw their axes (a row of them too: test_present_row) */
			int map = l.ss.plot2 >= 0;
			CHECK(map || l.ss.plot < 0 || test_geom->has_plot, "%s: the J plot draws its axes", what);
			CHECK(l.s->n_rows == 0 || test_geom->has_data, "%s: the data panel draws its axes", what);
			digit = graph_em(r) * DIGIT_EM;
			CHECK(digit >= o.height / floor_p[k], "%s: digits 1/%.1f of the height", what,
			      o.height / digit);
			if (getenv("NUDGE_TEST_VERBOSE"))
				printf("%s: digits 1/%.1f\n", what, o.height / digit);
		}
	}
}

/* Two recorded lines of text touch: their digit boxes, widened by a tenth of the smaller
 * one's size on each side and by a fifth above and below (a descender, a legend's marker:
 * a classifier's legend stood 0.11 of the ticks' size over the y axis's name), meet. */
static int texts_touch(const struct geom_text *a, const struct geom_text *b)
{
	double m = 0.1 * fmin(a->size, b->size), v = 2 * m;
	return a->box.x - m < b->box.x + b->box.w && b->box.x - m < a->box.x + a->box.w &&
	       a->box.y - v < b->box.y + b->box.h && b->box.y - v < a->box.y + a->box.h;
}

/* The plots' own text (headers, slope lines, ticks, axis names, legends, the zoom inset)
 * in the last draw: every line's digits at least 1/floor of the height H, inside the
 * canvas, and no two lines of one panel touching (crowded ticks are fewer, not run
 * together); returns how many lines it checked. */
static int check_plot_text(const char *what, double W, double H, double floor)
{
	const struct figure_geom *g = test_geom;
	int n = 0;
	for (int i = 0; i < g->n_texts; i++) {
		const struct geom_text *a = &g->texts[i];
		if (a->panel == 0 || a->text[0] == 0)
			continue;
		n++;
		CHECK(a->size * DIGIT_EM >= H / floor - 0.01, "%s: '%s' (panel %d) stands %.1f px, 1/%.0f of the height",
		      what, a->text, a->panel, a->size * DIGIT_EM, H / (a->size * DIGIT_EM));
		CHECK(a->box.x >= -0.5 && a->box.x + a->box.w <= W + 0.5 && a->box.y >= -0.5 && a->box.y + a->box.h <= H + 0.5,
		      "%s: '%s' (panel %d) leaves the canvas (x %.0f..%.0f)", what, a->text, a->panel, a->box.x,
		      a->box.x + a->box.w);
		for (int j = i + 1; j < g->n_texts; j++) {
			const struct geom_text *b = &g->texts[j];
			if (b->panel != a->panel || b->text[0] == 0)
				continue;
			CHECK(!texts_touch(a, b), "%s: '%s' touches '%s' (panel %d)", what, a->text, b->text, a->panel);
		}
	}
	return n;
}

/* The graph's legend row in the last draw (the lecturer's G10: 8–9 px in every window):
 * each of its words' digits at least 1/70 of the height H. */
static void check_legend_text(const char *what, double H)
{
	const struct layout_box *lg = &test_geom->legend;
	int keys = 0;
	for (int i = 0; i < test_geom->n_texts; i++) {
		const struct geom_text *t = &test_geom->texts[i];
		double cx = t->box.x + t->box.w / 2, cy = t->box.y + t->box.h / 2;
		if (t->panel != 0 || cx < lg->x || cx > lg->x + lg->w || cy < lg->y || cy > lg->y + lg->h)
			continue;
		keys++;
		CHECK(t->size * DIGIT_EM >= H / 70 - 0.01, "%s: the legend's '%s' stands %.1f px, 1/%.0f of the height", what,
		      t->text, t->size * DIGIT_EM, H / (t->size * DIGIT_EM));
	}
	CHECK(keys > 0 || lg->w == 0, "%s: no legend words recorded", what);
}

/* Presenting the lecture's graph at 4:3 (computation-graph, 1024x768), the plot's nudge
 * line ("w ↑ 0.001 ⇒ J ↓ 3.998 × 0.001": the point of the lecture) stands at least 1/50 of
 * the height (the graph's numbers 1/45): the plot is not squeezed into a column beside
 * the graph with that line at the type's floor (a legend row 0.4 px taller made the
 * stacked arrangement miss the graph's goal by a hair, and the column won). */
static void test_present_nudge_line(struct render *r)
{
	struct loaded l;
	if (load(&l, "computation-graph") != 0)
		return;
	struct draw_opts o = {.width = 1024, .height = 768, .present = 1, .font_scale = 1.3, .theme = THEME_DARK};
	struct figure f = fig_of(r, &l, -1);
	test_geom->keep_texts = 1;
	cairo_surface_destroy(draw(&f, &o));
	double line = 0;
	for (int i = 0; i < test_geom->n_texts; i++)
		if (test_geom->texts[i].panel != 0 && strncmp(test_geom->texts[i].text, "w \u2191", 5) == 0)
			line = fmax(line, test_geom->texts[i].size * DIGIT_EM);
	CHECK(line >= o.height / 50, "computation-graph presenting 1024x768: the nudge line stands %.1f px, 1/%.0f of "
	      "the height", line, line > 0 ? o.height / line : 0);
	test_geom->keep_texts = 0;
	unload(&l);
}

/* Issue 11: axis ticks, the zoom inset, the plots' headers and legends at least 1/70 of
 * the height, presenting at the projector sizes, in the ordinary window there (the
 * screen less the control bar of two rows of sliders, 1280x606 and 1024x670, or of
 * one, 1280x650 and 1024x700: a row of plots under the graph) and in the default exports
 * (1920x1080, 1280x720); every built-in scene's plot text at the last step and at the
 * first (the slope still "?"), by check_plot_text, and the graph's legend row by
 * check_legend_text (16 1080p pixels stood 1/92 of the height in the 1920x1080 export, 1/108
 * in the 1024x670 window). Before the window and exports had
 * that floor: xor's model header stood 1/74 (1280x606), its legend 1/76 and slope line
 * 1/85 (1024x670), 1/73 in both exports; logistic's slope line 1/73 and
 * computation-graph's inset slopes 1/72 (1024x670). */
static void test_plot_text(struct render *r)
{
	static const double sizes[][3] = {{1280, 720, 1}, {1024, 768, 1}, {1280, 606, 0}, {1024, 670, 0},
	                                  {1280, 650, 0}, {1024, 700, 0}, {1920, 1080, 0}, {1280, 720, 0}};
	struct scene_list sl;
	scene_list_open(&sl);
	test_geom->keep_texts = 1;
	for (struct loaded l; scene_list_next(&sl, &l); unload(&l)) {
		for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++)
			for (int last = 0; last < 2; last++) {
				struct figure f = fig_of(r, &l, last ? -1 : 0);
				int present = sizes[k][2] > 0;
				struct draw_opts o = {.width = sizes[k][0], .height = sizes[k][1], .present = present,
				                      .font_scale = present ? 1.3 : 1, .steady = !present && k < 6,
				                      .theme = THEME_DARK};
				char what[160];
				snprintf(what, sizeof what, "%s %gx%g%s step %d", l.name, o.width, o.height,
				         present ? " presenting" : "", f.step);
				cairo_surface_destroy(draw(&f, &o));
				int lines = check_plot_text(what, o.width, o.height, 70);
				CHECK(lines > 0 || (l.ss.plot < 0 && l.s->n_rows == 0), "%s: no plot text recorded", what);
				check_legend_text(what, o.height);
			}
	}
	test_geom->keep_texts = 0;
}

/* Every plot axis says at least two of its values where its frame holds them apart
 * (issue 11, the lecturer's G9): axes_draw on frames shaped as the narrow plots drew
 * them, network's J(w[1]) column (140 units wide over −4..4: "0" alone before) and a
 * low plot (100 high over −3..4: "0" alone before), the labels not touching; and a
 * wide frame keeps its usual ticks (−4 … 4 by 1). */
static void test_axes_labels(struct render *r)
{
	static const struct {
		double w, h, xlo, xhi, ylo, yhi; /* the frame */
		int least_x, least_y;            /* labels it must show at least */
	} cases[] = {{140, 330, -4, 4, -2.6, 34, 2, 2}, {400, 100, -4, 4, -3, 4, 2, 2}, {900, 400, -4.2, 4.2, 0, 10, 9, 2}};
	double font = 16.2;
	struct figure_geom *kept = r->geom;
	r->geom = test_geom;
	test_geom->keep_texts = 1;
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1000, 500);
		cairo_t *cr = cairo_create(sf);
		struct axes a = {60, 20, cases[k].w, cases[k].h, cases[k].xlo, cases[k].xhi, cases[k].ylo, cases[k].yhi};
		test_geom->n_texts = 0;
		axes_draw(cr, r, theme_get(THEME_DARK), &a, font, NULL, NULL);
		int nx = 0, ny = 0;
		for (int i = 0; i < test_geom->n_texts; i++) {
			const struct geom_text *t = &test_geom->texts[i];
			nx += t->box.y >= a.y + a.h;
			ny += t->box.x + t->box.w <= a.x;
			for (int j = i + 1; j < test_geom->n_texts; j++)
				CHECK(!texts_touch(t, &test_geom->texts[j]), "axes %.0fx%.0f: '%s' touches '%s'", a.w, a.h, t->text,
				      test_geom->texts[j].text);
		}
		CHECK(nx >= cases[k].least_x && ny >= cases[k].least_y,
		      "axes %.0fx%.0f over %g..%g, %g..%g: %d x labels, %d y labels", a.w, a.h, a.xlo, a.xhi, a.ylo, a.yhi,
		      nx, ny);
		if (k == 2)
			CHECK(nx == 9, "a wide frame's x axis by 1 from −4 to 4: %d labels", nx);
		cairo_destroy(cr);
		cairo_surface_destroy(sf);
	}
	test_geom->keep_texts = 0;
	r->geom = kept;
}

/* The zoom inset stays with a larger type (Ctrl+=, the lecturer's G12): computation-graph
 * in the window at 1280x606 and 1024x670 and exported at 1920x1080, font scales 1 to 1.4,
 * draws its slopes ("secant …") with its plot text apart and at the floor; at 1.32 in
 * the 1280x606 window it was left out (no room for a two-line title: it keeps "zoom ×k"). */
static void test_inset_scale(struct render *r)
{
	static const double sizes[][2] = {{1280, 606}, {1024, 670}, {1920, 1080}};
	struct loaded l;
	if (load(&l, "computation-graph") != 0)
		return;
	test_geom->keep_texts = 1;
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++)
		for (double fs = 1; fs < 1.45; fs += 0.08) {
			struct figure f = fig_of(r, &l, -1);
			struct draw_opts o = {.width = sizes[k][0], .height = sizes[k][1], .font_scale = fs, .steady = k < 2};
			char what[160];
			snprintf(what, sizeof what, "computation-graph %gx%g at font scale %.2f", o.width, o.height, fs);
			cairo_surface_destroy(draw(&f, &o));
			check_plot_text(what, o.width, o.height, 70);
			int secant = 0;
			for (int i = 0; i < test_geom->n_texts; i++)
				secant |= strncmp(test_geom->texts[i].text, "secant", 6) == 0;
			CHECK(secant, "%s: the zoom inset's slopes drawn", what);
		}
	test_geom->keep_texts = 0;
	unload(&l);
}

/* test_window_floor's floors for the built-in scene name, 1/floor of the screen's height
 * at 1280x720 and 1024x768: the goal, 1/60, or what the layouts reach where they fall
 * short of it (the graph is as wide as the screen allows) or beyond it (network-221s, the
 * 2-2-1 network scripts/network-scene writes: 1/60.9 at 1024x768, and xor 1/60.0, before
 * their graphs, bound by the width, took some of the plot column's room where the plots
 * keep their type, figure_column_least). */
static const double *window_floor(const char *name)
{
	static const struct {
		const char *name; /* a built-in scene */
		double at[2];     /* its floors */
	} short_of[] = {{"xor", {55, 59}}, {"network-221s", {46, 59}}};
	static const double goal[2] = {60, 60};
	for (size_t k = 0; k < sizeof short_of / sizeof short_of[0]; k++)
		if (strcmp(name, short_of[k].name) == 0)
			return short_of[k].at;
	return goal;
}

/* The ordinary window (no F5) at the projector sizes: the figure gets the screen less
 * the control bar (at its tallest for two rows of sliders: 114 px at 1280x720, 98 px at
 * 1024x768) and holds its boxes steady. Every built-in scene (and a 2-2-1 network) keeps its boxes inside and
 * apart (so does a default export), draws every edge label (a small graph, in both), its graph's digits at least 1/window_floor of the screen's height and, with a J plot,
 * the ticks' digits 1/70 (issue 11); so do the ticks of a default 1920x1080 export. */
static void test_window_floor(struct render *r)
{
	static const int screens[][3] = {{1280, 720, 114}, {1024, 768, 98}}; /* W, H, bar */
	char names[64][64];
	int n = list_scenes(names, 64);
	static const int widths[] = {2, 2, 1};
	for (int i = 0; i <= n; i++) { /* the built-in scenes, then the 2-2-1 network-scene writes */
		struct loaded l;
		if (i < n ? load(&l, names[i]) != 0 : load_text(&l, "network-221s", graphs_network_scene(widths, 3)) != 0)
			continue;
		const double *floor_w = window_floor(l.name);
		struct figure f = fig_of(r, &l, -1);
		for (int k = 0; k < 3; k++) {
			double H = k < 2 ? screens[k][1] : 1080;
			struct draw_opts o = {.width = k < 2 ? screens[k][0] : 1920, .height = H - (k < 2 ? screens[k][2] : 0),
			                      .steady = k < 2, .theme = THEME_DARK};
			char what[160];
			snprintf(what, sizeof what, "%s %s %gx%g", l.name, k < 2 ? "window" : "export", o.width, H);
			cairo_surface_destroy(draw(&f, &o));
			double digit = graph_em(r) * DIGIT_EM, tick = test_geom->has_plot ? test_geom->plot_font * DIGIT_EM : 0;
			CHECK(!figure_panel(&f, PANEL_COST) || test_geom->has_plot || test_geom->has_land,
			      "%s: the J plot is drawn", what);
			check_geometry(r, what, o.width, o.height);
			if (l.s->n_nodes < LAYOUT_CROWDED) /* a crowded graph is laid out bare */
				check_step_labels(&l, l.t->n_steps - 1, what, 1);
			/* the edge labels too, 1/70, where the values reach 1/60 */
			double label = test_geom->label_font * DIGIT_EM;
			CHECK(digit < H / 60 || label == 0 || label >= H / 70,
			      "%s: edge labels %.1f px, 1/%.1f of the screen (values 1/%.1f)", what, label,
			      H / label, H / digit);
			if (k < 2) {
				CHECK(digit >= H / floor_w[k], "%s: digits %.1f px, 1/%.1f of the screen", what, digit, H / digit);
			}
			CHECK(!test_geom->has_plot || tick >= H / 70, "%s: the plot's ticks %.1f px, 1/%.1f of the screen", what,
			      tick, H / tick);
			if (getenv("NUDGE_TEST_VERBOSE"))
				printf("%s: digits 1/%.1f, edge labels 1/%.1f, ticks 1/%.0f\n", what, H / digit,
				       label > 0 ? H / label : 0, tick > 0 ? H / tick : 0);
		}
		unload(&l);
	}
}

/* Node boxes in the last draw, per node (w 0: not drawn). */
static void node_boxes(struct layout_box *box, int n)
{
	memset(box, 0, (size_t)n * sizeof *box);
	for (int k = 0; k < test_geom->n_hits; k++)
		if (test_geom->hits[k].kind == HIT_NODE && test_geom->hits[k].node >= 0 &&
		    test_geom->hits[k].node < n)
			box[test_geom->hits[k].node] = test_geom->hits[k].box;
}

/* Dragging node `name`'s slider across its range twice in the window (draw_opts.steady)
 * at W x H: its own box keeps its width (room for the widest value the slider gives is
 * kept from the first frame), boxes only grow (in em: the graph is scaled down as a
 * whole when one does), and the second drag moves no box at all. */
static void test_steady_drag(struct render *r, const char *scene, const char *name, double W, double H)
{
	struct loaded l;
	if (load(&l, scene) != 0)
		return;
	int w = scene_find(l.s, name), n = l.s->n_nodes;
	CHECK(w >= 0, "%s has no %s", scene, name);
	if (w < 0) {
		unload(&l);
		return;
	}
	const struct node *nd = &l.s->nodes[w];
	double step = fmt_slider_step(nd->lo, nd->hi);
	struct layout_box *first = calloc((size_t)n, sizeof *first), *prev = calloc((size_t)n, sizeof *prev),
	                  *now = calloc((size_t)n, sizeof *now), *end = calloc((size_t)n, sizeof *end);
	struct draw_opts o = {.width = W, .height = H, .steady = 1};
	int grew = 0;
	for (int pass = 0; first && prev && now && end && pass < 2; pass++)
		for (int k = 0; k <= 40; k++) { /* a drag across the range, on the slider's steps */
			eval_set(l.ev, w, round((nd->lo + (nd->hi - nd->lo) * k / 40.0 + step * 7) / step) * step);
			refresh(&l, SESSION_VALUES);
			struct figure f = fig_of(r, &l, -1);
			cairo_surface_destroy(draw(&f, &o));
			node_boxes(now, n);
			double em = graph_em(r); /* the graph rescales when a box grows: compare in em */
			for (int v = 0; v < n; v++)
				now[v] = (struct layout_box){now[v].x / em, now[v].y / em, now[v].w / em, now[v].h / em};
			if (pass == 0 && k == 0)
				memcpy(first, now, (size_t)n * sizeof *now);
			CHECK(fabs(now[w].w - first[w].w) < 1e-9, "%s: dragging %s to %g: its box %.2f em wide, was %.2f",
			      scene, name, l.ev->set[w], now[w].w, first[w].w);
			for (int v = 0; k > 0 && v < n; v++) {
				CHECK(now[v].w >= prev[v].w - 1e-9, "%s: node %d's box shrank while dragging", scene, v);
				grew += now[v].w > prev[v].w + 1e-9;
			}
			for (int v = 0; pass == 1 && v < n; v++)
				CHECK(fabs(now[v].x - end[v].x) < 1e-9 && fabs(now[v].y - end[v].y) < 1e-9 &&
				      fabs(now[v].w - end[v].w) < 1e-9 && fabs(now[v].h - end[v].h) < 1e-9,
				      "%s: second drag, %s = %g: node %d's box moved", scene, name, l.ev->set[w], v);
			memcpy(prev, now, (size_t)n * sizeof *now);
			if (pass == 0 && k == 40)
				memcpy(end, now, (size_t)n * sizeof *now);
		}
	if (getenv("NUDGE_TEST_VERBOSE"))
		printf("steady %s: boxes grew %d times in the first drag\n", scene, grew);
	free(first);
	free(prev);
	free(now);
	free(end);
	unload(&l);
}

/* The window holds the layout it chose (lecturer G3): dragging a leaf from the scene's
 * own value, the graph keeps its layout variant and rows (computation-graph in a
 * 1280x720 window, a 1280x600 figure, went from wide to stacked at the first move, its
 * x box 118 then 130 px; network presenting at 1280x720 lost every edge label at one
 * press of Up), and its scale shrinks as the held boxes grow, never growing back by more
 * than the plots' changing headers move it (2 %); every box keeps its widest (xor's
 * units too, whose widths are held for the units' graph). */
static void test_steady_choice(struct render *r)
{
	static const struct {
		const char *scene, *leaf;
		double w, h;
		int present;
	} cases[] = {{"computation-graph", "w", 1280, 600, 0}, {"network", "w1", 1280, 720, 1},
	             {"computation-graph", "b", 1024, 768, 1}, {"network", "w1", 1024, 670, 0},
	             {"fit-line", "w", 1024, 768, 0}, {"logistic", "w", 1280, 720, 1},
	             {"xor", "w11", 1024, 768, 0}, {"xor", "w11", 1280, 720, 1}};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		struct loaded l;
		if (load(&l, cases[c].scene) != 0)
			continue;
		int v = scene_find(l.s, cases[c].leaf);
		CHECK(v >= 0, "%s has no %s", cases[c].scene, cases[c].leaf);
		const struct node *nd = v >= 0 ? &l.s->nodes[v] : NULL;
		struct draw_opts o = {.width = cases[c].w, .height = cases[c].h, .steady = 1,
		                      .present = cases[c].present, .font_scale = cases[c].present ? 1.3 : 1};
		double start = nd ? l.ev->set[v] : 0, was_em = INFINITY;
		double *held = calloc((size_t)l.s->n_nodes + 1, sizeof *held); /* each box's width, em */
		int layout = -1, bands = 0;
		struct graph_frame at = {0}; /* the graph's area at the scene's value */
		/* the scene's value, one slider step up (Up), then across the range and back */
		for (int k = 0; nd && k < 24; k++) {
			double step = fmt_slider_step(nd->lo, nd->hi);
			double to = k == 0 ? start : k == 1 ? start + step : nd->lo + (nd->hi - nd->lo) * (0.5 + 0.5 * sin(k * 0.9));
			eval_set(l.ev, v, to);
			refresh(&l, SESSION_VALUES);
			struct figure f = fig_of(r, &l, -1);
			cairo_surface_destroy(draw(&f, &o));
			char what[160];
			snprintf(what, sizeof what, "%s %gx%g%s, %s = %g", cases[c].scene, o.width, o.height,
			         o.present ? " presenting" : "", cases[c].leaf, to);
			if (k == 0) {
				layout = test_geom->layout;
				bands = test_geom->bands;
				at = test_geom->graph;
			}
			const struct graph_frame *now = &test_geom->graph; /* the split holds (steady_split) */
			CHECK(fabs(now->x - at.x) + fabs(now->y - at.y) + fabs(now->w - at.w) + fabs(now->h - at.h) < 0.5,
			      "%s: the graph's area moved to %.0f, %.0f, %.0f x %.0f (at the scene's value: %.0f, %.0f, "
			      "%.0f x %.0f)", what, now->x, now->y, now->w, now->h, at.x, at.y, at.w, at.h);
			CHECK(test_geom->layout == layout && test_geom->bands == bands,
			      "%s: drawn in layout %d, %d rows (at the scene's value: %d, %d rows)", what,
			      test_geom->layout, test_geom->bands, layout, bands);
			CHECK(test_geom->graph.fit_em <= was_em * 1.02, "%s: the graph grew back (em %.3f, was %.3f)", what,
			      test_geom->graph.fit_em, was_em);
			was_em = test_geom->graph.fit_em;
			const struct graph_frame *gf = &test_geom->graph;
			for (int i = 0; held && i < l.s->n_nodes; i++) { /* the boxes keep their widest */
				double b[4];
				if (!figure_node_box(test_geom, i, b))
					continue;
				double em = (b[2] - b[0]) * gf->fit_w / gf->fit_em;
				CHECK(em >= held[i] - 1e-6, "%s: node %d's box %.3f em wide, was %.3f", what, i, em, held[i]);
				held[i] = fmax(held[i], em);
			}
		}
		free(held);
		unload(&l);
	}
}

/* A calm figure (issue 11 item 4): test_steady_drag for computation-graph's w at
 * 1280x720, and network's w[1] in a 1024x670 window, which lays it out stacked (its
 * gradients' names, once over their numbers, stay so). Without steady (exports) w's box
 * does follow its number, which is what the reservation prevents. */
static void test_steady(struct render *r)
{
	test_steady_drag(r, "computation-graph", "w", 1280, 720);
	test_steady_drag(r, "network", "w1", 1024, 670);
	struct loaded l;
	if (load(&l, "computation-graph") != 0)
		return;
	int w = scene_find(l.s, "w"), n = l.s->n_nodes;
	double w0 = l.ev->set[w];
	struct layout_box *first = calloc((size_t)n, sizeof *first);
	/* an export lays out the number as it is: w = 2 and w = −1.997 differ */
	double wid[2];
	for (int k = 0; first && k < 2; k++) {
		eval_set(l.ev, w, k ? -1.997 : w0);
		refresh(&l, SESSION_VALUES);
		struct figure f = fig_of(r, &l, -1);
		cairo_surface_destroy(draw(&f, &(struct draw_opts){.width = 1280, .height = 720}));
		node_boxes(first, n);
		wid[k] = first[w].w;
	}
	CHECK(first && wid[1] > wid[0] * 1.05, "without steady w's box follows its number: %.1f, %.1f", wid[0], wid[1]);
	free(first);
	unload(&l);
}

/* Long chains wrap into rows (issue 12 item 3): every node drawn, inside the canvas, no
 * overlaps; each link goes right within its row or on to a lower row (the order kept);
 * more than one row; one link wraps between two rows, so they stand band_gap_one apart
 * (not the band_gap kept for many). The digits of 20- and 30-link chains at least 1/70
 * of the height (a 20-link chain in rows of at least 4 and a 30-link chain with a bare
 * layout's wide lanes were 1/79 and 1/71; one row would put them near 1/400), a
 * 40-link chain's 1/81 (was 1/83). */
static void test_wrap(struct render *r)
{
	static const int links[] = {14, 20, 30, 40, 60, 120};
	static const double floor[] = {0, 70, 70, 81, 0, 0}; /* digits at least 1/floor */
	for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
		struct loaded l;
		char chain[32];
		snprintf(chain, sizeof chain, "chain%d", links[i]);
		if (load_text(&l, chain, graphs_chain(links[i])) != 0)
			continue;
		struct figure f = fig_of(r, &l, -1);
		struct draw_opts o = {.width = 1920, .height = 1080};
		cairo_surface_destroy(draw(&f, &o));
		check_geometry(r, l.name, o.width, o.height);
		int n = l.s->n_nodes, drawn = 0, rows = 1;
		double em = graph_em(r), top[LAYOUT_MAX_BANDS + 1], bottom[LAYOUT_MAX_BANDS + 1];
		struct layout_box *box = calloc((size_t)n, sizeof *box);
		for (int k = 0; box && k < test_geom->n_hits; k++)
			if (test_geom->hits[k].kind == HIT_NODE && test_geom->hits[k].node >= 0 &&
			    test_geom->hits[k].node < n) {
				box[test_geom->hits[k].node] = test_geom->hits[k].box;
				drawn++;
			}
		CHECK(drawn == n, "%s: %d of %d nodes drawn", l.name, drawn, n);
		for (int v = 1; box && v <= links[i] + 1; v++) {
			char name[16];
			snprintf(name, sizeof name, "x%d", v - 1);
			int a = scene_find(l.s, name), b = v <= links[i] ? a + 1 : l.s->cost;
			snprintf(name, sizeof name, "x%d", v);
			CHECK(a >= 0 && b == (v <= links[i] ? scene_find(l.s, name) : l.s->cost),
			      "%s: node order", l.name);
			if (a < 0 || b < 0)
				continue;
			const struct layout_box *p = &box[a], *q = &box[b];
			int right = q->x >= p->x + p->w && q->y < p->y + p->h && p->y < q->y + q->h;
			int below = q->y >= p->y + p->h;
			if (v == 1) {
				top[0] = p->y;
				bottom[0] = p->y + p->h;
			}
			if (below && rows <= LAYOUT_MAX_BANDS) {
				top[rows] = INFINITY;
				bottom[rows] = -INFINITY;
			}
			rows += below;
			if (rows <= LAYOUT_MAX_BANDS + 1) {
				top[rows - 1] = fmin(top[rows - 1], q->y);
				bottom[rows - 1] = fmax(bottom[rows - 1], q->y + q->h);
			}
			CHECK(right || below, "%s: %s neither right of nor below the node before it",
			      l.name, name);
		}
		CHECK(rows > 1, "%s: drawn in one row", l.name);
		for (int b = 0; b + 1 < rows && b < LAYOUT_MAX_BANDS; b++) {
			double gap = (top[b + 1] - bottom[b]) / em;
			CHECK(gap > graph_metrics.band_gap_one - 0.01 && gap < graph_metrics.band_gap_one + 0.01,
			      "%s: rows %d and %d %.2f em apart, not %.2f", l.name, b, b + 1, gap,
			      graph_metrics.band_gap_one);
		}
		double digit = em * DIGIT_EM;
		if (floor[i] > 0)
			CHECK(digit >= o.height / floor[i], "%s: digits 1/%.0f of the height, not 1/%.0f",
			      l.name, o.height / digit, floor[i]);
		free(box);
		unload(&l);
	}
}

/* In each of the layouts the last draw made for the scene: within every column, the
 * edges leave in the column's order (a stacked leaf's down its lane, the others' from
 * their side), so stacking keeps the order the crossings were counted in; no two node
 * boxes overlap. Returns how many leaves stand in stacks of 2 or 3 sub-columns. */
static int check_stacks(struct render *r, const struct scene *s, const char *what)
{
	int stacked = 0;
	for (int v = 0; v < LAYOUT_VARIANTS; v++) {
		const struct graph_layout *g = r->layout[v];
		if (!layout_made_for(g, s)) /* none, or another scene's (maybe at s's address) */
			continue;
		for (int c = 0; c < g->n_cols; c++) {
			double last = -INFINITY;
			for (int k = 0;; k++) { /* the column's items by their order */
				const struct layout_item *it = NULL;
				for (int i = 0; i < g->n_items && !it; i++)
					if (g->items[i].col == c && g->items[i].order == k)
						it = &g->items[i];
				if (!it)
					break;
				double out = it->uy + it->drop;
				CHECK(out > last, "%s layout %d column %d: item %d leaves at %.2f, above the one "
				      "before it (%.2f)", what, v, c, k, out, last);
				last = out;
				if (it->stack) {
					stacked++;
					CHECK(it->subs >= 2 && it->subs <= 3 && it->sub >= 0 && it->sub < it->subs,
					      "%s: a stack of %d sub-columns", what, it->subs);
				}
			}
		}
		for (int a = 0; a < s->n_nodes; a++)
			for (int b = a + 1; b < s->n_nodes; b++) {
				const struct layout_item *p = &g->items[a], *q = &g->items[b];
				struct layout_box pa = {p->x - p->w / 2, p->y - p->h / 2, p->w, p->h};
				struct layout_box qb = {q->x - q->w / 2, q->y - q->h / 2, q->w, q->h};
				CHECK(!boxes_overlap(&pa, &qb), "%s layout %d: nodes %d and %d overlap", what,
				      v, a, b);
			}
	}
	return stacked;
}

/* Crowded graphs (issue 12 item 3): networks written scalar by scalar, whose columns of
 * weights stack and whose edge labels show only for the step being shown, placed clear
 * of every box: at every seventh step and the last, every node drawn, nothing overlaps
 * or leaves the canvas (labels included), no more labels than the step uses, some
 * step shows its labels; stacks keep the columns' order. The 2-4-4-1 network's digits
 * stand at least 1/170 of the height at 1920x1080 (1/232 unstacked, with every label). */
static void test_stack(struct render *r)
{
	static const int n2441[] = {2, 4, 4, 1}, n3661[] = {3, 6, 6, 1};
	static const double sizes[][2] = {{1920, 1080}, {1280, 720}};
	for (int net = 0; net < 2; net++) {
		struct loaded l;
		if (load_text(&l, net ? "net3661" : "net2441",
		              net ? graphs_network(n3661, 4) : graphs_network(n2441, 4)) != 0)
			continue;
		for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
			/* the scalar graph (its units would leave no leaves to stack) */
			struct draw_opts o = {.width = sizes[z][0], .height = sizes[z][1], .units = DRAW_UNITS_OFF};
			int labelled = 0;
			for (int k = 0; k < l.t->n_steps; k += 7) {
				if (k + 7 >= l.t->n_steps)
					k = l.t->n_steps - 1;
				struct figure f = fig_of(r, &l, k);
				cairo_surface_destroy(draw(&f, &o));
				char what[96];
				snprintf(what, sizeof what, "%s %gx%g step %d", l.name, o.width, o.height, k);
				check_geometry(r, what, o.width, o.height);
				int nodes = 0, labels = 0, used = 0;
				for (int i = 0; i < test_geom->n_hits; i++) {
					nodes += test_geom->hits[i].kind == HIT_NODE;
					labels += test_geom->hits[i].kind == HIT_EDGE_LOCAL;
				}
				for (int e = 0; e < l.s->n_edges; e++)
					used += trace_step_uses_edge(l.t, l.s, k, e);
				CHECK(nodes == l.s->n_nodes, "%s: %d of %d nodes drawn", what, nodes, l.s->n_nodes);
				CHECK(labels <= used, "%s: %d edge labels drawn, the step uses %d edges", what,
				      labels, used);
				labelled += labels > 0;
				CHECK(check_stacks(r, l.s, what) > 0, "%s: no column stacked", what);
				if (net == 0 && z == 0 && k == l.t->n_steps - 1) {
					double digit = graph_em(r) * DIGIT_EM;
					CHECK(digit >= o.height / 170, "%s: digits 1/%.0f of the height", what,
					      o.height / digit);
				}
			}
			CHECK(labelled > 0, "%s %gx%g: no step shows its edge labels", l.name, o.width,
			      o.height);
		}
		unload(&l);
	}
}

/* A graph too small to read is still drawn (a note on the figure says so; the window
 * zooms in): a 465-node network at 1280x720 draws its nodes, none overlapping; only
 * past GRAPH_MAX_NODES (a 6-24-24-24-1 network: 1547 nodes) is it described instead. */
static void test_too_small(struct render *r)
{
	static const int n465[] = {4, 12, 12, 12, 1}, n1547[] = {6, 24, 24, 24, 1};
	for (int big = 0; big < 2; big++) {
		struct loaded l;
		if (load_text(&l, big ? "net1547" : "net465",
		              graphs_network(big ? n1547 : n465, 5)) != 0)
			continue;
		struct figure f = fig_of(r, &l, -1);
		struct draw_opts o = {.width = 1280, .height = 720, .units = DRAW_UNITS_OFF}; /* every node */
		cairo_surface_destroy(draw(&f, &o));
		int nodes = 0;
		for (int i = 0; i < test_geom->n_hits; i++)
			nodes += test_geom->hits[i].kind == HIT_NODE;
		if (big) {
			CHECK(l.s->n_nodes > GRAPH_MAX_NODES && nodes == 0,
			      "%s: %d nodes, %d drawn (past %d: described)", l.name, l.s->n_nodes, nodes,
			      GRAPH_MAX_NODES);
		} else {
			CHECK(nodes == l.s->n_nodes, "%s: %d of %d nodes drawn", l.name, nodes, l.s->n_nodes);
			check_stacks(r, l.s, l.name); /* every node box apart */
			CHECK(graph_em(r) * DIGIT_EM < 6, "%s: drawn too small to read (%.1f px digits)",
			      l.name, graph_em(r) * DIGIT_EM);
			check_geometry(r, l.name, o.width, o.height);
		}
		unload(&l);
	}
}

static void test_every_scene(struct render *r)
{
	static const double sizes[][2] = {
		{1920, 1080}, {1440, 1080}, {2520, 1080}, {1280, 960}, {1024, 768}, {3840, 2160},
		{1280, 720},
	};
	struct scene_list sl;
	scene_list_open(&sl);
	CHECK(sl.n >= 9, "expected the nine built-in scenes, found %d", sl.n);
	for (struct loaded l; scene_list_next(&sl, &l); unload(&l)) {
		for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++)
			for (int only = DRAW_ALL; only <= DRAW_PLOT; only++) {
				struct figure f = fig_of(r, &l, -1);
				struct draw_opts o = {.width = sizes[k][0], .height = sizes[k][1], .theme = (int)k % 2,
				                      .only = only};
				cairo_surface_t *sf = draw(&f, &o);
				char what[160];
				snprintf(what, sizeof what, "%s %gx%g only=%d", l.name, o.width, o.height, only);
				if (only != DRAW_PLOT)
					check_geometry(r, what, o.width, o.height);
				else
					CHECK(test_geom->has_plot || l.s->plot < 0, "%s: no plot", what);
				cairo_surface_destroy(sf);
			}
		/* one row's names and the mean box with a data set only: a scene without one
		 * draws as before (no superscript row, no box) */
		{
			struct figure f = fig_of(r, &l, -1);
			cairo_surface_destroy(draw(&f, &(struct draw_opts){.width = 1280, .height = 720}));
			const struct graph_layout *g = r->layout[0]; /* the wide one: always built */
			int rowed = 0;
			for (int v = 0; g && v < l.s->n_nodes; v++)
				rowed += strstr(g->text[v].label, "⁽") != NULL || strstr(g->text[v].grad_name, "⁽") != NULL ||
				         g->text[v].mean[0] != '\0';
			CHECK(g && (g->mean.on == (l.s->n_rows > 0)) && ((rowed > 0) == (l.s->n_rows > 0)),
			      "%s: row names and the mean box %s", l.name, l.s->n_rows > 0 ? "shown" : "absent");
			if (g && strcmp(l.name, "fit-line") == 0) { /* the plot's numbers, on the graph */
				int w = scene_find(l.s, "w");
				CHECK(strcmp(g->mean.value, "5.25") == 0 && strcmp(g->text[w].mean, "−7") == 0 &&
				      strcmp(g->text[w].mean_name, "dJ/dw") == 0 && strcmp(g->text[w].grad, "−1.5") == 0 &&
				      strcmp(g->text[w].grad_name, "dJ⁽⁰⁾/dw") == 0 &&
				      strcmp(g->text[l.s->cost].label, "J⁽⁰⁾") == 0,
				      "fit-line: J = %s, %s = %s beside row 0's %s = %s", g->mean.value, g->text[w].mean_name,
				      g->text[w].mean, g->text[w].grad_name, g->text[w].grad);
			}
		}
		/* every step, mid animation: draws without error */
		for (int k = 0; k < l.t->n_steps; k++) {
			struct figure f = fig_of(r, &l, k);
			f.progress = 0.5;
			cairo_surface_destroy(draw(&f, &(struct draw_opts){.width = 640, .height = 400}));
		}
	}
}

/* The lecture's panels (loss with a trajectory, check, derivative table, rows, work) and
 * forward mode, all at once on every scene and size: no overlaps, all inside. */
/* The derivative table's error plot (PANEL_EPS): 15 pairs (ε, |change / ε − dJ/dleaf|) for
 * ε = 10⁻¹⁴ … 1, as the window's D computes them. */
static void eps_pairs(const struct loaded *l, int leaf, double err[2 * 15])
{
	for (int k = 0; k < 15; k++) {
		err[2 * k] = pow(10, -14 + k);
		err[2 * k + 1] = fabs(nudge_node(l->ev, leaf, err[2 * k]).ratio - l->ev->mean_grad[leaf]);
	}
}

/* A short descent run from l's values (up to 20 steps, as the window's training):
 * every input and param before each step into set (21 x n_nodes, or NULL: none), J
 * into cost; returns the steps kept (the caller refreshes l's trace). */
static int descent_run(struct loaded *l, double *set, double cost[21])
{
	int nn = l->s->n_nodes, n = 0;
	char why[200];
	for (int k = 0; set && k <= 20; k++) {
		memcpy(set + (size_t)n * (size_t)nn, l->ev->set, sizeof(double) * (size_t)nn);
		cost[n++] = l->ev->cost;
		if (descend_step(l->ev, l->s->rate, why, sizeof why))
			break;
	}
	return n;
}

static void test_lecture_panels(struct render *r)
{
	static const double sizes[][2] = {{1920, 1080}, {1280, 960}, {2520, 1080}, {1024, 768}};
	struct scene_list sl;
	scene_list_open(&sl);
	for (struct loaded l; scene_list_next(&sl, &l); unload(&l)) {
		int nn = l.s->n_nodes;
		double *hs = calloc((size_t)nn * 21, sizeof(double)), hc[21];
		double *tangent = calloc((size_t)nn, sizeof(double));
		struct check_row *rows = calloc((size_t)nn, sizeof *rows);
		int nh = descent_run(&l, hs, hc);
		long long bp, nv;
		int nc = numeric_check(l.ev, 1e-3, 1, rows, &bp, &nv);
		struct nudge nd[2];
		int leaf = l.s->plot >= 0 ? l.s->plot : 0;
		nd[0] = nudge_node(l.ev, leaf, 1e-3);
		nd[1] = nudge_node(l.ev, leaf, 2e-3);
		struct work_view wv = {work_count_scene(l.s), work_count_of(WORK_LECTURE_N, WORK_LECTURE_P),
		                       5, 2 * nn, 7, nn * 4, WORK_NUDGE, 1, leaf};
		int fwd = eval_forward_mode(l.ev, leaf, tangent) == 0;
		double err[2 * 15];
		eps_pairs(&l, leaf, err);
		refresh(&l, SESSION_TRACE); /* descend_step has run the eval */
		for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
			struct figure f = fig_of(r, &l, -1);
			if (fwd) /* forward mode changes the graph's numbers: alone too */
				figure_add(&f, (struct figure_panel){.kind = PANEL_FORWARD, .forward = {tangent, leaf}});
			struct draw_opts plain = {.width = sizes[k][0], .height = sizes[k][1], .theme = (int)k % 2};
			cairo_surface_destroy(draw(&f, &plain));
			double alone = graph_em(r) * DIGIT_EM; /* the graph's digits without them */
			figure_add(&f, (struct figure_panel){.kind = PANEL_LOSS,
			                                     .loss = {hs, hc, nh, 0, "stopped: a test", 0}});
			figure_add(&f, (struct figure_panel){.kind = PANEL_EPS, .eps = {err, 15, 1e-3}});
			figure_add(&f, (struct figure_panel){.kind = PANEL_CHECK, .check = {rows, nc, 1e-3}});
			figure_add(&f, (struct figure_panel){.kind = PANEL_NUDGES, .nudges = {nd, 2}});
			/* the table of rows, with a data set */
			figure_add(&f, (struct figure_panel){.kind = PANEL_ROWS, .data = &l.ss.data});
			figure_add(&f, (struct figure_panel){.kind = PANEL_WORK, .work = &wv});
			struct draw_opts o = {.width = sizes[k][0], .height = sizes[k][1], .theme = (int)k % 2};
			cairo_surface_t *sf = draw(&f, &o);
			char what[160];
			snprintf(what, sizeof what, "%s with every lecture panel %gx%g", l.name, o.width, o.height);
			check_geometry(r, what, o.width, o.height);
			/* open panels take room, or go over the graph, rather than shrink its
			 * numbers below 1/60 of the height (or below their size without them) */
			double digit = graph_em(r) * DIGIT_EM;
			CHECK(digit >= 0.96 * fmin(alone, o.height / 60), "%s: digits 1/%.0f (1/%.0f alone)", what,
			      o.height / digit, o.height / alone);
			int panels = 0;
			for (int h = 0; h < test_geom->n_hits; h++)
				panels += test_geom->hits[h].kind == HIT_PANEL;
			int want = 5 + (l.s->n_rows > 0);
			CHECK(panels == want, "%s: %d lecture panels drawn (%d)", what, want, panels);
			cairo_surface_destroy(sf);
		}
		free(hs);
		free(tangent);
		free(rows);
	}
}

/* The plots the window opens beside the J plot (a descent run's loss with its note, the
 * derivative table's ε plot) and the map of J over two leaves, in the ordinary window
 * at the projector sizes and the default exports: every built-in scene's plot text at
 * the last step at least 1/70 of the height, inside, apart (check_plot_text). */
static void test_plot_text_more(struct render *r)
{
	static const double sizes[][2] = {{1280, 606}, {1024, 670}, {1920, 1080}, {1280, 720}};
	struct scene_list sl;
	scene_list_open(&sl);
	test_geom->keep_texts = 1;
	for (struct loaded l; scene_list_next(&sl, &l); unload(&l)) {
		int nn = l.s->n_nodes, leaf = l.s->plot >= 0 ? l.s->plot : 0;
		double *hs = calloc((size_t)nn * 21, sizeof(double)), hc[21], err[2 * 15];
		int nh = descent_run(&l, hs, hc);
		eps_pairs(&l, leaf, err);
		refresh(&l, SESSION_TRACE);
		int other = -1; /* a second leaf for the map */
		for (int v = 0; v < nn && other < 0; v++)
			if (v != l.ss.plot && (l.s->nodes[v].kind == NODE_PARAM || l.s->nodes[v].kind == NODE_INPUT))
				other = v;
		for (int map = 0; hs && map < 2; map++) {
			if (map && (other < 0 || l.ss.plot < 0))
				break;
			if (map) {
				session_plot(&l.ss, l.ss.plot, other);
				refresh(&l, SESSION_VIEW);
			}
			for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
				struct figure f = fig_of(r, &l, -1);
				if (!map) {
					figure_add(&f, (struct figure_panel){.kind = PANEL_LOSS,
					                                     .loss = {hs, hc, nh, 0, "stopped: a test", 0}});
					figure_add(&f, (struct figure_panel){.kind = PANEL_EPS, .eps = {err, 15, 1e-3}});
				}
				struct draw_opts o = {.width = sizes[k][0], .height = sizes[k][1], .steady = k < 2,
				                      .theme = THEME_DARK};
				char what[160];
				snprintf(what, sizeof what, "%s %s %gx%g", l.name, map ? "with the map" : "with loss and eps",
				         o.width, o.height);
				cairo_surface_destroy(draw(&f, &o));
				check_plot_text(what, o.width, o.height, 70);
			}
		}
		free(hs);
	}
	test_geom->keep_texts = 0;
}

/* The notes under the title (often the lecture's formula, "c = w·x, a = c + b, …") have
 * digits of at least 1/70 of the height in the window at both projector sizes and in a
 * default export, when they are short enough for the width (at most 70 bytes); they
 * stood at 1/80 to 1/104 before. Presenting draws none (they are spoken). */
static void test_notes(struct render *r)
{
	static const double sizes[][2] = {{1280, 720}, {1024, 768}, {1920, 1080}};
	struct scene_list sl;
	scene_list_open(&sl);
	int short_notes = 0;
	for (struct loaded l; scene_list_next(&sl, &l); unload(&l)) {
		int fits = l.s->n_notes > 0;
		for (int k = 0; k < l.s->n_notes; k++)
			fits = fits && strlen(l.s->notes[k]) <= 70;
		short_notes += fits;
		for (size_t k = 0; fits && k < sizeof sizes / sizeof sizes[0]; k++) {
			struct figure f = fig_of(r, &l, -1);
			struct draw_opts o = {.width = sizes[k][0], .height = sizes[k][1]};
			cairo_surface_destroy(draw(&f, &o));
			double digit = test_geom->note_size * DIGIT_EM;
			CHECK(digit >= o.height / 70 - 0.01, "%s %gx%g: the notes' digits %.1f px, 1/%.0f of the height",
			      l.name, o.width, o.height, digit, o.height / digit);
			o.present = 1;
			cairo_surface_destroy(draw(&f, &o));
			CHECK(test_geom->note_size == 0, "%s %gx%g presenting: notes drawn", l.name, o.width, o.height);
		}
	}
	CHECK(short_notes >= 5, "only %d built-in scenes with short notes", short_notes);
}

/* Open lecture panels on a small screen (issue 11 item 1): presenting at 1280x720 and
 * 1024x768 and in the window at 1024x768 (less its bar), every built-in scene with D (the
 * ε plot and the table), C, E (data scenes), N alone and all at once: the tables' and the
 * work panel's text stands at least 1/62 of the height (PANEL_GOAL, 1/60, where they get
 * room; cards over the figure where they do not), the graph's digits keep 0.96 of their
 * size without the panels or of 1/60, every box stays inside and apart, and the last
 * panel opened is shown whole. They stood at 5-7 px (1/110-1/150) in one low row. Also
 * D with C, and D, C and N: no node box is partly under a card (a cut box reads as
 * broken): cards clear of it or over it whole (computation-graph presenting 1024x768
 * with D and C: the nudging card cut a's box). */
static int panel_boxes(struct figure_hit *box, int most);

static void test_panel_cards(struct render *r)
{
	static const struct { double w, h; int present; } screens[] = {{1280, 720, 1}, {1024, 768, 1}, {1024, 670, 0}};
	struct scene_list sl;
	scene_list_open(&sl);
	for (struct loaded l; scene_list_next(&sl, &l); unload(&l)) {
		int nn = l.s->n_nodes, leaf = l.s->plot >= 0 ? l.s->plot : 0;
		struct check_row *rows = calloc((size_t)nn, sizeof *rows);
		int nc = numeric_check(l.ev, 1e-3, 1, rows, NULL, NULL);
		struct nudge nd[2] = {nudge_node(l.ev, leaf, 1e-3), nudge_node(l.ev, leaf, 1e-4)};
		struct work_view wv = {work_count_scene(l.s), work_count_of(WORK_LECTURE_N, WORK_LECTURE_P),
		                       5, 2 * nn, 7, nn * 4, WORK_NUDGE, 1, leaf};
		double err[2 * 15];
		eps_pairs(&l, leaf, err);
		struct figure_panel part[4][2] = {
			{{.kind = PANEL_EPS, .eps = {err, 15, 1e-3}}, {.kind = PANEL_NUDGES, .nudges = {nd, 2}}},
			{{.kind = PANEL_CHECK, .check = {rows, nc, 1e-3}}},
			{{.kind = PANEL_ROWS, .data = &l.ss.data}},
			{{.kind = PANEL_WORK, .work = &wv}}};
		for (size_t k = 0; k < sizeof screens / sizeof screens[0]; k++) {
			struct draw_opts o = {.width = screens[k].w, .height = screens[k].h, .present = screens[k].present,
			                      .font_scale = screens[k].present ? 1.3 : 0, .steady = !screens[k].present,
			                      .theme = THEME_DARK};
			struct figure f = fig_of(r, &l, -1);
			cairo_surface_destroy(draw(&f, &o));
			double alone = graph_em(r) * DIGIT_EM;
			struct layout_box node[192]; /* node boxes, and the values and gradients in them */
			int nodes = 0, is_text[192];
			for (int h = 0; h < test_geom->n_hits && nodes < 192; h++)
				if (test_geom->hits[h].kind == HIT_NODE || test_geom->hits[h].kind == HIT_NODE_VALUE ||
				    test_geom->hits[h].kind == HIT_NODE_GRAD) {
					is_text[nodes] = test_geom->hits[h].kind != HIT_NODE;
					node[nodes++] = test_geom->hits[h].box;
				}
			/* D, C, E, N alone; then all four; D and C; D, C and N (bits: D 1, C 2, E 4, N 8) */
			static const int picks[] = {1, 2, 4, 8, 15, 3, 11};
			for (size_t pick = 0; pick < sizeof picks / sizeof picks[0]; pick++) {
				if (picks[pick] == 4 && l.s->n_rows == 0)
					continue;
				f = fig_of(r, &l, -1);
				int want = 0;
				for (int q = 0; q < 4; q++)
					if (picks[pick] >> q & 1 && (q != 2 || l.s->n_rows > 0))
						for (int j = 0; j < (q == 0 ? 2 : 1); j++)
							want += figure_add(&f, part[q][j]) == 0;
				cairo_surface_t *sf = draw(&f, &o);
				char what[200];
				static const char *const names_of[] = {"D", "C", "E", "N", "D, C, E and N", "D and C",
				                                       "D, C and N"};
				snprintf(what, sizeof what, "%s %s %gx%g with %s", l.name, o.present ? "presenting" : "window",
				         o.width, o.height, names_of[pick]);
				check_geometry(r, what, o.width, o.height);
				double text = test_geom->panel_text * DIGIT_EM, digit = graph_em(r) * DIGIT_EM;
				CHECK(text >= o.height / 62, "%s: the panels' digits %.1f px, 1/%.0f of the height", what, text,
				      o.height / text);
				CHECK(digit >= 0.96 * fmin(alone, o.height / 60), "%s: the graph's digits 1/%.0f (1/%.0f alone)",
				      what, o.height / digit, o.height / alone);
				struct figure_hit box[FIGURE_MAX_PANELS];
				int shown = panel_boxes(box, FIGURE_MAX_PANELS);
				CHECK(shown >= 1 && shown <= want, "%s: %d of %d panels shown", what, shown, want);
				/* cards over the graph as it is alone: a node's value and gradient under them
				   whole, or clear of them, and of its box at most a corner (a tenth) where not
				   the whole box (computation-graph presenting at 4:3; elsewhere a node box is
				   still cut where neither cards apart nor a deck of tabs go clear: xor, a
				   1280x720 deck of four) */
				int clear = !strcmp(l.name, "computation-graph") && o.present && o.width == 1024;
				for (int v = 0; clear && test_geom->cards > 0 && v < nodes; v++) {
					const struct layout_box *b = &node[v];
					int under = 0;
					for (int sy = 0; sy < 9; sy++)
						for (int sx = 0; sx < 9; sx++) {
							double x = b->x + 1 + (b->w - 2) * sx / 8, y = b->y + 1 + (b->h - 2) * sy / 8;
							int in = 0;
							for (int c = 0; c < shown && !in; c++)
								in = x >= box[c].x && x <= box[c].x + box[c].w && y >= box[c].y &&
								     y <= box[c].y + box[c].h;
							under += in;
						}
					CHECK(under == 0 || under == 81 || (!is_text[v] && under <= 8),
					      "%s: node %s %d (%.0f,%.0f %.0fx%.0f) %d/81 under a card", what,
					      is_text[v] ? "number" : "box", v, b->x, b->y, b->w, b->h, under);
				}
				if (getenv("NUDGE_TEST_VERBOSE"))
					printf("%s: panels 1/%.0f, graph 1/%.0f, %d cards\n", what, o.height / text,
					       o.height / digit, test_geom->cards);
				cairo_surface_destroy(sf);
			}
		}
		free(rows);
	}
}

/* Dragging the plotted leaf across its range (the window and presenting hold their
 * numbers' room, steady) with a lecture panel open: the panels do not flip back and
 * forth between beside the graph and over it. How many are cards, and the cards' sizes,
 * may change as wider numbers appear (a table's columns, like the boxes, only grow), but
 * never back to what they left: a panel that went over the graph as a card stays a card
 * while the drag makes its numbers narrower again. Every built-in scene, the window at
 * 1024x768 (figure 1024x670) with C and with N, presenting at 1280x720 with C (before:
 * computation-graph's N card and network's C went back beside the graph). */
static void test_panels_drag(struct render *r)
{
	static const struct { double w, h; int present, kind; } cases[] = {
		{1024, 670, 0, PANEL_CHECK}, {1024, 670, 0, PANEL_WORK}, {1280, 720, 1, PANEL_CHECK}};
	enum { STEPS = 16 }; /* from the value to the top of the range, then to the bottom */
	char names[64][64];
	int n = list_scenes(names, 64);
	for (int i = 0; i < n; i++)
		for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
			struct loaded l;
			if (load(&l, names[i]) != 0)
				continue;
			int nn = l.s->n_nodes, leaf = l.s->plot >= 0 ? l.s->plot : 0;
			const struct node *nd = &l.s->nodes[leaf];
			double x0 = l.ev->set[leaf];
			struct draw_opts o = {.width = cases[k].w, .height = cases[k].h, .present = cases[k].present,
			                      .font_scale = cases[k].present ? 1.3 : 0, .steady = 1, .theme = THEME_DARK};
			struct work_view wv = {work_count_scene(l.s), work_count_of(WORK_LECTURE_N, WORK_LECTURE_P),
			                       5, 2 * nn, 7, nn * 4, WORK_NUDGE, 1, leaf};
			struct check_row *rows = calloc((size_t)nn, sizeof *rows);
			static char seen[2 * STEPS + 1][400];
			int n_seen = 0, back = 0;
			for (int st = 0; st <= 2 * STEPS && rows; st++) {
				double x = st <= STEPS ? x0 + (nd->hi - x0) * st / STEPS
				                       : nd->hi + (nd->lo - nd->hi) * (st - STEPS) / STEPS;
				session_set(&l.ss, leaf, round(x * 1000) / 1000); /* as a slider sets it */
				refresh(&l, 0);
				struct figure f = fig_of(r, &l, -1);
				if (cases[k].kind == PANEL_CHECK)
					figure_add(&f, (struct figure_panel){.kind = PANEL_CHECK,
					                                     .check = {rows, numeric_check(l.ev, 1e-3, 1, rows, NULL, NULL), 1e-3}});
				else
					figure_add(&f, (struct figure_panel){.kind = PANEL_WORK, .work = &wv});
				cairo_surface_destroy(draw(&f, &o));
				struct figure_hit box[FIGURE_MAX_PANELS];
				int shown = panel_boxes(box, FIGURE_MAX_PANELS);
				char sig[400];
				int len = snprintf(sig, sizeof sig, "%d card(s)", test_geom->cards);
				for (int b = 0; b < shown && len < 300; b++) /* the cards' sizes only grow */
					if (test_geom->cards > 0)
						len += snprintf(sig + len, sizeof sig - (size_t)len, ", %.0fx%.0f", box[b].w, box[b].h);
				if (n_seen > 0 && strcmp(sig, seen[n_seen - 1]) == 0)
					continue;
				for (int j = 0; j + 1 < n_seen && !back; j++)
					if (strcmp(sig, seen[j]) == 0) {
						back = 1;
						CHECK(0, "%s %gx%g%s with %s, %s = %g: back to the arrangement it left (%s; then %s)",
						      l.name, o.width, o.height, o.present ? " presenting" : "",
						      cases[k].kind == PANEL_CHECK ? "C" : "N", l.s->nodes[leaf].name, x, sig,
						      seen[n_seen - 1]);
					}
				snprintf(seen[n_seen++], sizeof seen[0], "%s", sig);
			}
			if (getenv("NUDGE_TEST_VERBOSE"))
				printf("%s %gx%g%s with %s: %d arrangements over the drag\n", l.name, o.width, o.height,
				       o.present ? " presenting" : "", cases[k].kind == PANEL_CHECK ? "C" : "N", n_seen);
			free(rows);
			unload(&l);
		}
}

/* --font-scale 2 and 3 (export; the window's Ctrl+=) keep every part of every built-in
 * scene's default export: the graph's digits at least 0.99 of their size at scale 1 (at 3
 * they stood at 1/98, half), the J plot and the data panel with their axes when scale 1
 * has them, everything inside and apart, and the plot's ticks no smaller than at 1. */
static void test_font_scale(struct render *r)
{
	struct scene_list sl;
	scene_list_open(&sl);
	for (struct loaded l; scene_list_next(&sl, &l); unload(&l)) {
		struct figure f = fig_of(r, &l, -1);
		struct draw_opts o = {.width = 1920, .height = 1080, .font_scale = 1};
		cairo_surface_destroy(draw(&f, &o));
		double digit1 = graph_em(r) * DIGIT_EM, tick1 = test_geom->plot_font;
		int plot1 = test_geom->has_plot, data1 = test_geom->has_data, land1 = test_geom->has_land;
		for (double fs = 2; fs <= 3; fs += 1) {
			char what[160];
			snprintf(what, sizeof what, "%s export at font scale %g", l.name, fs);
			o.font_scale = fs;
			cairo_surface_destroy(draw(&f, &o));
			check_geometry(r, what, o.width, o.height);
			double digit = graph_em(r) * DIGIT_EM;
			CHECK(digit >= 0.99 * digit1, "%s: the graph's digits %.1f px (%.1f at scale 1)", what, digit, digit1);
			CHECK(test_geom->has_plot >= plot1 && test_geom->has_data >= data1 && test_geom->has_land >= land1,
			      "%s: a plot left out (plot %d data %d map %d; at scale 1 %d %d %d)", what, test_geom->has_plot,
			      test_geom->has_data, test_geom->has_land, plot1, data1, land1);
			CHECK(!plot1 || test_geom->plot_font >= tick1 - 0.01, "%s: ticks %.1f px (%.1f at scale 1)", what,
			      test_geom->plot_font, tick1);
		}
	}
}

/* The legend row under the graph stays in the graph's panel (check_geometry): in exports
 * with the largest font scales, where the title and plots take the room, and presenting
 * with the derivative table (D) beside a one-variable graph, which the window opens by
 * itself; it ran off the left edge and into the table before. */
static void test_legend(struct render *r)
{
	struct scene_list sl;
	scene_list_open(&sl);
	for (struct loaded l; scene_list_next(&sl, &l); unload(&l)) {
		char what[160];
		for (double fs = 1; fs <= 3; fs += 1) {
			struct figure f = fig_of(r, &l, -1);
			struct draw_opts o = {.width = 1920, .height = 1080, .font_scale = fs};
			cairo_surface_destroy(draw(&f, &o));
			snprintf(what, sizeof what, "%s export at font scale %g", l.name, fs);
			CHECK(test_geom->legend.w > 0, "%s: no legend drawn", what);
			check_geometry(r, what, o.width, o.height);
		}
		int leaf = l.s->plot >= 0 ? l.s->plot : 0;
		struct nudge nd[1] = {nudge_node(l.ev, leaf, 1e-3)};
		double err[2 * 15];
		eps_pairs(&l, leaf, err);
		static const double sizes[][2] = {{1280, 720}, {1024, 768}};
		for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
			struct figure f = fig_of(r, &l, -1);
			figure_add(&f, (struct figure_panel){.kind = PANEL_EPS, .eps = {err, 15, 1e-3}});
			figure_add(&f, (struct figure_panel){.kind = PANEL_NUDGES, .nudges = {nd, 1}});
			struct draw_opts o = {.width = sizes[k][0], .height = sizes[k][1], .present = 1,
			                      .font_scale = 1.3, .theme = THEME_DARK};
			cairo_surface_destroy(draw(&f, &o));
			snprintf(what, sizeof what, "%s presenting %gx%g with the derivative table", l.name,
			         o.width, o.height);
			check_geometry(r, what, o.width, o.height);
		}
	}
}

/* The panels' hit boxes (HIT_PANEL) of the last draw, in drawing order; their count. */
static int panel_boxes(struct figure_hit *box, int most)
{
	int n = 0;
	for (int h = 0; h < test_geom->n_hits && n < most; h++)
		if (test_geom->hits[h].kind == HIT_PANEL) {
			const struct layout_box *b = &test_geom->hits[h].box;
			box[n++] = (struct figure_hit){HIT_PANEL, -1, -1, 0, 0, b->x, b->y, b->w, b->h};
		}
	return n;
}

/* The figure lays out the list it is given, in its order: beside a wide figure's graph
 * (its J plot left out), a loss panel and two check tables (1 and 5 rows: 4 and 8 text lines, so the second is
 * twice as tall) come out in the list's order, and in the reverse order when the list is
 * reversed, each keeping its size; a kind that takes no room (forward mode) adds no panel; the list holds
 * FIGURE_MAX_PANELS and refuses more. */
static void test_panel_list(struct render *r)
{
	struct loaded l;
	if (load(&l, "computation-graph") != 0)
		return;
	int nn = l.s->n_nodes;
	double *set = calloc((size_t)nn * 3, sizeof *set), cost[3] = {9, 4, 1};
	struct check_row rows[5] = {{0, 1, 1, 0}, {1, 2, 2, 0}, {0, 1, 1, 0}, {1, 2, 2, 0}, {0, 1, 1, 0}};
	for (int k = 0; set && k < 3; k++)
		memcpy(set + (size_t)k * (size_t)nn, l.ev->set, sizeof *set * (size_t)nn);
	struct figure_panel loss = {.kind = PANEL_LOSS, .loss = {set, cost, 3, 0, NULL, 0}};
	struct figure_panel small = {.kind = PANEL_CHECK, .check = {rows, 1, 1e-3}};
	struct figure_panel big = {.kind = PANEL_CHECK, .check = {rows, 5, 1e-3}};
	struct figure_panel fwd = {.kind = PANEL_FORWARD, .forward = {l.ev->grad, 0}};
	struct figure_hit a[4], b[4];
	struct draw_opts o = {.width = 2520, .height = 1080};
	struct figure f = fig_of(r, &l, -1);
	int base = f.n_panels; /* the session's: the plot, left out (the three keep their
	                          readable type in the column without it) */
	f.n_panels = 0;
	figure_add(&f, loss);
	figure_add(&f, small);
	figure_add(&f, big);
	cairo_surface_destroy(draw(&f, &o));
	int na = panel_boxes(a, 4);
	f.n_panels = 0;
	figure_add(&f, big);
	figure_add(&f, fwd);
	figure_add(&f, small);
	figure_add(&f, loss);
	cairo_surface_destroy(draw(&f, &o));
	int nb = panel_boxes(b, 4);
	CHECK(base == 1 && na == 3 && nb == 3, "the session's plot; three lecture panels drawn (%d, %d, %d)", base, na, nb);
	if (na == 3 && nb == 3) {
		int col = fabs(a[0].x - a[2].x) < 1e-9; /* beside the graph; else in a row under it */
		CHECK(col ? a[0].y < a[1].y && a[1].y < a[2].y && b[0].y < b[1].y && b[1].y < b[2].y
		          : a[0].x < a[1].x && a[1].x < a[2].x && b[0].x < b[1].x && b[1].x < b[2].x,
		      "one column beside the graph top to bottom, or a row under it left to right, in drawing order");
		CHECK(!col || (fabs(a[2].h - 2 * a[1].h) < 1e-6 && fabs(b[0].h - 2 * b[1].h) < 1e-6),
		      "the 1-row table before the 5-row one, and after it when the list is reversed (%g %g, %g %g)",
		      a[1].h, a[2].h, b[0].h, b[1].h);
		CHECK(fabs(a[0].w - b[2].w) < 1e-9 && fabs(a[1].w - b[1].w) < 1e-9 && fabs(a[2].w - b[0].w) < 1e-9,
		      "each keeps its width when the order changes");
		CHECK(fabs(a[0].h - b[2].h) < 1e-9 && fabs(a[1].h - b[1].h) < 1e-9,
		      "each keeps its size when the order changes");
	}
	f.n_panels = 0;
	int added = 0;
	for (int k = 0; k < FIGURE_MAX_PANELS + 2; k++)
		added += figure_add(&f, small) == 0;
	CHECK(added == FIGURE_MAX_PANELS && f.n_panels == FIGURE_MAX_PANELS,
	      "the list holds %d panels and refuses more (%d added)", FIGURE_MAX_PANELS, added);
	CHECK(figure_panel(&f, PANEL_CHECK) == &f.panel[0] && !figure_panel(&f, PANEL_LOSS),
	      "figure_panel finds the first of a kind, NULL without one");
	free(set);
	unload(&l);
}

static void test_unknown_is_question_mark(struct render *r)
{
	struct loaded l;
	if (load(&l, "computation-graph") != 0)
		return;
	struct draw_opts o = {.width = 1920, .height = 1080, .theme = THEME_LIGHT};
	const struct theme *th = theme_get(THEME_LIGHT);
	struct figure f0 = fig_of(r, &l, 0), fl = fig_of(r, &l, -1);
	cairo_surface_t *s0 = draw(&f0, &o);
	long fwd0 = count_colour(s0, r, th->forward), bwd0 = count_colour(s0, r, th->backward);
	cairo_surface_t *sl = draw(&fl, &o);
	long fwdl = count_colour(sl, r, th->forward), bwdl = count_colour(sl, r, th->backward);
	CHECK(fwd0 > 0, "step 0 shows the leaves' values (%ld forward pixels)", fwd0);
	CHECK(bwd0 == 0, "step 0 shows no gradient yet (%ld backward pixels)", bwd0);
	CHECK(fwdl > fwd0, "the last step shows more values (%ld vs %ld)", fwdl, fwd0);
	CHECK(bwdl > 0, "the last step shows gradients (%ld backward pixels)", bwdl);
	o.hide_values = 1;
	cairo_surface_t *sq = draw(&fl, &o);
	CHECK(count_colour(sq, r, th->forward) == 0, "quiz mode hides every value");
	unsigned char hide[64] = {0};
	for (int v = 0; v < l.s->n_nodes && v < 64; v++)
		hide[v] = HIDE_VALUE | HIDE_GRAD;
	unsigned char hide_e[64];
	memset(hide_e, 1, sizeof hide_e);
	struct draw_opts oq = {.width = 1920, .height = 1080, .theme = THEME_LIGHT,
	                       .only = DRAW_GRAPH, .no_caption = 1, .hide_node = hide,
	                       .hide_edge = hide_e};
	cairo_surface_t *sq2 = draw(&fl, &oq);
	oq.hide_node = NULL;
	oq.hide_values = 1;
	cairo_surface_t *sq3 = draw(&fl, &oq);
	oq.hide_node = hide;
	oq.hide_values = 0;
	CHECK(same_pixels(sq3, sq2), "hiding every node's value and gradient is the quiz mode");
	cairo_surface_destroy(sq3);
	hide[l.s->cost] = 0;
	cairo_surface_destroy(sq2);
	sq2 = draw(&fl, &oq);
	CHECK(count_colour(sq2, r, th->forward) > 0, "an unhidden node shows its value");
	cairo_surface_destroy(sq2);
	CHECK(!same_pixels(s0, sl), "step 0 and the last step differ");
	cairo_surface_destroy(s0);
	cairo_surface_destroy(sl);
	cairo_surface_destroy(sq);
	/* mid-animation frames differ from the finished step */
	struct figure fm = fig_of(r, &l, 3);
	fm.progress = 0.5;
	struct draw_opts od = {.width = 800, .height = 450};
	cairo_surface_t *a = draw(&fm, &od);
	fm.progress = 1;
	cairo_surface_t *b = draw(&fm, &od);
	CHECK(!same_pixels(a, b), "a mid-animation frame differs from the finished one");
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
	unload(&l);
}

/* Darkness 0..255 of the pixel (x, y) of an image drawn on white. */
static int darkness(cairo_surface_t *sf, int x, int y)
{
	uint32_t p;
	memcpy(&p, cairo_image_surface_get_data(sf) + y * cairo_image_surface_get_stride(sf) + x * 4, 4);
	return 255 - ((int)(p >> 16 & 255) * 30 + (int)(p >> 8 & 255) * 59 + (int)(p & 255) * 11) / 100;
}

/* A data node's dashed outline is drawn at half strength: its dashes, a digit or two
 * tall and 0.55 em from the gradient's last digit, otherwise stood beside the number
 * like a stroke of it (OCR read fit-line's x gradient −0.75 as "−0.7" and "|", and
 * logistic's −0.2811 not at all). Down the middle of the data box's left side the
 * darkest pixel is about halfway between the fill and the outline colour, and the
 * gradient in the box is drawn at full strength. */
static void test_data_outline(struct render *r)
{
	struct loaded l;
	if (load(&l, "fit-line") != 0)
		return;
	struct figure f = fig_of(r, &l, -1);
	struct draw_opts o = {.width = 1920, .height = 1080, .theme = THEME_LIGHT, .only = DRAW_GRAPH};
	cairo_surface_t *sf = draw(&f, &o);
	const struct theme *th = theme_get(THEME_LIGHT);
	struct rgba e = th->edge_kind[NODE_DATA], fill = th->fill[NODE_DATA];
	double full = ((fill.r - e.r) * 30 + (fill.g - e.g) * 59 + (fill.b - e.b) * 11) / 100 * 255;
	double fill_d = 255 - (fill.r * 30 + fill.g * 59 + fill.b * 11) / 100 * 255;
	int seen = 0;
	for (int i = 0; i < test_geom->n_hits; i++) {
		const struct geom_hit *h = &test_geom->hits[i];
		if (h->kind != HIT_NODE || l.s->nodes[h->node].kind != NODE_DATA)
			continue;
		int most = 0;
		for (int y = (int)(h->box.y + h->box.h * 0.2); y < h->box.y + h->box.h * 0.8; y++)
			for (int x = (int)h->box.x - 2; x <= (int)h->box.x + 2; x++) {
				int d = darkness(sf, x, y);
				most = d > most ? d : most;
			}
		double k = (most - fill_d) / full; /* 1: the outline colour at full strength */
		CHECK(k > 0.3 && k < 0.65, "fit-line: data node %s's dashes at %.2f of the outline colour (want about 0.5)",
		      l.s->nodes[h->node].name, k);
		seen++;
	}
	CHECK(seen == 2, "fit-line draws its two data nodes (%d)", seen);
	CHECK(count_colour(sf, r, th->backward) > 0, "the gradients are drawn at full strength");
	cairo_surface_destroy(sf);
	unload(&l);
}

static void test_hits(struct render *r)
{
	struct loaded l;
	if (load(&l, "computation-graph") != 0)
		return;
	struct figure f = fig_of(r, &l, -1);
	struct figure_hit none = figure_hit(test_geom, -1, -1);
	CHECK(none.kind == HIT_NONE, "nothing outside the canvas");
	cairo_surface_destroy(draw(&f, &(struct draw_opts){.width = 1920, .height = 1080}));
	int found = 0;
	for (int i = 0; i < test_geom->n_hits; i++) {
		struct geom_hit gh = test_geom->hits[i];
		if (gh.kind != HIT_NODE_VALUE)
			continue;
		struct figure_hit h = figure_hit(test_geom, gh.box.x + gh.box.w / 2, gh.box.y + gh.box.h / 2);
		CHECK(h.kind == HIT_NODE_VALUE && h.node == gh.node, "value of node %d: got kind %d node %d",
		      gh.node, h.kind, h.node);
		found++;
	}
	CHECK(found == l.s->n_nodes, "every node's value can be hit (%d of %d)", found, l.s->n_nodes);
	double v = 0;
	CHECK(figure_plot_value_at(test_geom, 0, &v) && v == l.s->nodes[l.s->plot].lo, "plot left edge: %g", v);
	CHECK(figure_plot_value_at(test_geom, 1e9, &v) && v == l.s->nodes[l.s->plot].hi, "plot right edge: %g", v);
	const struct axes *a = &test_geom->plot;
	double w = l.ev->set[l.s->plot];
	struct figure_hit p = figure_hit(test_geom, axes_x(a, w), axes_y(a, l.ev->cost));
	CHECK(p.kind == HIT_PLOT_POINT, "the current point on the plot: kind %d", p.kind);
	CHECK_NEAR(p.value, w, 0.02, "plot point value");
	unload(&l);
}

static void test_cache_keeps_pixels(struct render *r)
{
	struct loaded l;
	if (load(&l, "network") != 0)
		return;
	char err[200];
	struct render *fresh = render_new(NUDGE_TEST_FONTS, err, sizeof err);
	CHECK(fresh != NULL, "render_new: %s", err);
	struct draw_opts o = {.width = 1280, .height = 720};
	struct figure f = fig_of(r, &l, 4);
	cairo_surface_destroy(draw(&f, &o)); /* warm r */
	cairo_surface_t *a = draw(&f, &o);
	f.render = fresh;
	cairo_surface_t *b = draw(&f, &o);
	CHECK(same_pixels(a, b), "a cached draw equals a fresh one");
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
	/* a changed value changes the figure (no stale cache) */
	f.render = r;
	a = draw(&f, &o);
	session_set(&l.ss, l.s->plot, l.ev->set[l.s->plot] + 0.5);
	refresh(&l, 0);
	f = fig_of(r, &l, 4);
	b = draw(&f, &o);
	CHECK(!same_pixels(a, b), "moving w redraws the figure");
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
	render_free(fresh);
	unload(&l);
}

/* A scene freed and another loaded at its address (by construction here: two scenes'
 * contents swapped, as an allocator handing the freed block to the next scene would) is
 * drawn as itself, not with the layouts, held widths or texts r kept for the old one.
 * The two differ only in a label, with the same numbers, so a cache keyed on the address
 * and the numbers would draw the old label (and hold its wider box). Window options
 * (steady widths), every layout variant tried (presenting too). */
static void test_scene_reuse(struct render *r)
{
	const char *labels[2] = {"omega", "w"}; /* the old scene's is wider */
	struct loaded l[2];
	for (int k = 0; k < 2; k++) {
		char *text = malloc(256);
		if (text)
			snprintf(text, 256, "input x = -2\nparam w = 2 in [-4, 6] label \"%s\"\n"
			         "c = w * x\na = c + 8\nJ = (a - 2)^2 / 2\ncost J\nplot w\n", labels[k]);
		if (load_text(&l[k], labels[k], text) != 0) {
			if (k == 1)
				unload(&l[0]);
			return;
		}
	}
	char err[200];
	struct render *fresh = render_new(NUDGE_TEST_FONTS, err, sizeof err);
	CHECK(fresh != NULL, "render_new: %s", err);
	const struct draw_opts opts[] = {{.width = 1280, .height = 720, .steady = 1},
	                                 {.width = 1024, .height = 768, .present = 1}};
	for (size_t i = 0; fresh && i < sizeof opts / sizeof opts[0]; i++) {
		struct figure f = fig_of(r, &l[0], -1);
		cairo_surface_destroy(draw(&f, &opts[i])); /* r holds 'omega' */
		struct scene was = *l[0].s; /* the second scene at the first's address */
		*l[0].s = *l[1].s;
		*l[1].s = was;
		cairo_surface_t *a = draw(&f, &opts[i]);
		f.render = fresh;
		cairo_surface_t *b = draw(&f, &opts[i]);
		CHECK(same_pixels(a, b), "%gx%g%s: a scene at a freed one's address is drawn as a fresh "
		      "render draws it", opts[i].width, opts[i].height, opts[i].present ? " presenting" : "");
		for (int v = 0; v < LAYOUT_VARIANTS; v++)
			CHECK(!r->layout[v] || !layout_made_for(r->layout[v], l[0].s) ||
			      strcmp(r->layout[v]->text[1].label, "w") == 0,
			      "layout %d made for the scene at that address shows '%s', not 'w'", v,
			      r->layout[v]->text[1].label);
		cairo_surface_destroy(a);
		cairo_surface_destroy(b);
		was = *l[0].s; /* each session frees its own again */
		*l[0].s = *l[1].s;
		*l[1].s = was;
		render_forget_scene(fresh);
	}
	render_free(fresh);
	unload(&l[0]);
	unload(&l[1]);
}

/* The largest difference of one colour channel between two drawings of one size. */
static int most_apart(cairo_surface_t *a, cairo_surface_t *b)
{
	int h = cairo_image_surface_get_height(a), stride = cairo_image_surface_get_stride(a), most = 0;
	const unsigned char *pa = cairo_image_surface_get_data(a), *pb = cairo_image_surface_get_data(b);
	for (size_t i = 0; i < (size_t)stride * (size_t)h; i++)
		most = abs(pa[i] - pb[i]) > most ? abs(pa[i] - pb[i]) : most;
	return most;
}

/* Two live frames of f (draw_opts.live) after something changed: the first strokes its
 * edges straight, so it must equal an export's pixels (plain); the second composites
 * them from the edge layer it makes. Returns the second. */
static cairo_surface_t *live_frames(const struct figure *f, const struct draw_opts *o,
                                    const struct draw_opts *plain, const char *what)
{
	cairo_surface_t *a = draw(f, o), *b = draw(f, plain);
	CHECK(same_pixels(a, b), "%s: a first live frame is drawn as exported", what);
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
	return draw(f, o);
}

/* Live frames (draw_opts.live, the window) keep the graph's idle edges as an image
 * (edge_layer.c). After a new value that moves one edge, after a new step and at
 * another size, the layer is made again: the frame must equal a fresh render's pixel
 * for pixel (a stale layer shows the old edges), and show what an export shows, up to
 * the rounding of compositing the layer. */
static void test_edge_layer(struct render *r)
{
	/* x's box is narrower than its column (the long name's), and J's local derivatives
	 * and the width of J's box do not depend on x: a new x moves x's edge alone */
	static const char src[] = "input x = 1\nparam a_rather_long_name = 2 in [-4, 4]\n"
	                          "J = 3 * x + 2 * a_rather_long_name\ncost J\n";
	struct loaded l;
	if (load_text(&l, "layer", strdup(src)) != 0)
		return;
	char err[200];
	struct draw_opts o = {.width = 1280, .height = 720, .live = 1}, plain = o;
	plain.live = 0;
	struct figure f = fig_of(r, &l, 0);
	cairo_surface_t *a = live_frames(&f, &o, &plain, "the first frames"), *b;
	CHECK(r->edges.img != NULL, "a second live frame keeps its idle edges as an image");
	unsigned long key = r->edges.key;
	struct { double x; int step, width, same_box; const char *what; } change[] = {
		{-0.001234, 0, 1280, 1, "a value that widens x's box"}, /* within its column */
		{-0.001234, -1, 1280, 1, "another step"},               /* an edge highlighted */
		{-0.001234, -1, 1000, 0, "another size"},
	};
	for (size_t i = 0; i < sizeof change / sizeof change[0]; i++) {
		struct edge_layer was = r->edges;
		session_set(&l.ss, 0, change[i].x);
		refresh(&l, 0);
		f = fig_of(r, &l, change[i].step);
		o.width = plain.width = change[i].width;
		cairo_surface_destroy(a);
		a = live_frames(&f, &o, &plain, change[i].what);
		if (change[i].same_box) /* then only the key can tell the layer is stale */
			CHECK(r->edges.x == was.x && r->edges.y == was.y && r->edges.w == was.w &&
			      r->edges.h == was.h, "%s: the layer covers the same pixels", change[i].what);
		CHECK(r->edges.key != key, "%s: the edge layer is made again", change[i].what);
		key = r->edges.key;
		struct render *fresh = render_new(NUDGE_TEST_FONTS, err, sizeof err);
		CHECK(fresh != NULL, "render_new: %s", err);
		if (!fresh)
			break;
		f.render = fresh;
		b = live_frames(&f, &o, &plain, change[i].what);
		CHECK(same_pixels(a, b), "%s: a live frame equals a fresh render's", change[i].what);
		cairo_surface_destroy(b);
		b = draw(&f, &plain);
		int apart = most_apart(a, b);
		CHECK(apart <= 2, "%s: a live frame shows what an export shows (a channel %d apart)",
		      change[i].what, apart);
		cairo_surface_destroy(b);
		render_free(fresh);
	}
	f = fig_of(r, &l, -1); /* nothing changed: the layer is kept */
	b = draw(&f, &o);
	CHECK(r->edges.key == key && same_pixels(a, b), "an unchanged frame keeps its layer");
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
	unload(&l);
}

/* num_cache_fmt writes what fmt_num writes: for numbers first seen and seen again, when
 * thousands share the cache's slots, for the odd ones, and into a buffer too short. */
static void test_num_cache(struct render *r)
{
	char a[64], b[64];
	int bad = 0, n = 0;
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < 20000; i++, n++) {
			double v = (i % 2 ? -1 : 1) * pow(1.37, i % 97 - 48) * (1 + i / 977.0);
			num_cache_fmt(r, a, sizeof a, v);
			fmt_num(b, sizeof b, v, NUDGE_DIGITS);
			bad += strcmp(a, b) != 0;
		}
	const double odd[] = {0.0, -0.0, NAN, INFINITY, -INFINITY, 1e-7, -2.5e300, 10.125, 1.0 / 3};
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++, n++) {
			num_cache_fmt(r, a, sizeof a, odd[i]);
			fmt_num(b, sizeof b, odd[i], NUDGE_DIGITS);
			bad += strcmp(a, b) != 0;
			num_cache_fmt(r, a, 5, odd[i]); /* cut as fmt_num cuts */
			fmt_num(b, 5, odd[i], NUDGE_DIGITS);
			bad += strcmp(a, b) != 0;
		}
	CHECK(bad == 0, "the number cache writes what fmt_num writes (%d of %d differ)", bad, n);
}

/* Do layouts a and b show the same texts (every edge label's, unit's and the mean
 * box's; node texts are compared by the caller)? Names what differs into what. */
static int same_texts(const struct graph_layout *a, const struct graph_layout *b, const char **what)
{
	*what = "the graph";
	if (a->scene != b->scene)
		return 0;
	for (int i = 0; a->units && i < a->scene_units->n; i++) {
		const struct layout_unit_text *p = &a->unit_text[i], *q = &b->unit_text[i];
		const char *pa[] = {p->head, p->z_label, p->z, p->z_grad_name, p->z_grad, p->grad_head};
		const char *pb[] = {q->head, q->z_label, q->z, q->z_grad_name, q->z_grad, q->grad_head};
		*what = "a unit's text";
		for (int k = 0; k < 6; k++)
			if (strcmp(pa[k], pb[k]) != 0)
				return 0;
	}
	*what = "an edge label";
	for (int e = 0; e < a->scene->n_edges; e++)
		if (strcmp(a->local[e], b->local[e]) != 0 || a->local_cut[e] != b->local_cut[e])
			return 0;
	const struct mean_box *m = &a->mean, *k = &b->mean;
	*what = "the mean box";
	return m->on == k->on && !strcmp(m->head, k->head) && !strcmp(m->value, k->value) &&
	       !strcmp(m->foot, k->foot) && !strcmp(m->shown, k->shown);
}

/* After new numbers (and a new data row) every variant's layout, whose numbers are
 * written again in place (layout_numbers), shows a fresh render's texts. (Its places
 * may differ from a fresh layout's: a drag keeps the ordering and the stacks.) */
static void test_numbers_in_place(struct render *r)
{
	static const char *const scenes[] = {"fit-line", "xor", "network"};
	char err[200];
	for (size_t k = 0; k < sizeof scenes / sizeof scenes[0]; k++) {
		struct loaded l;
		if (load(&l, scenes[k]) != 0)
			continue;
		struct draw_opts o = {.width = 1280, .height = 720};
		struct figure f = fig_of(r, &l, -1);
		cairo_surface_destroy(draw(&f, &o));
		for (int change = 0; change < 3; change++) {
			if (change < 2) { /* a leaf far along its range, then back */
				const struct node *nd = &l.s->nodes[l.s->plot];
				session_set(&l.ss, l.s->plot, change ? nd->lo + 0.123457 : nd->hi - 0.000321);
			} else if (l.s->n_rows > 1) {
				CHECK(eval_set_row(l.ev, 1) == 0, "%s: row 1", scenes[k]);
			}
			refresh(&l, 0);
			f = fig_of(r, &l, -1);
			cairo_surface_destroy(draw(&f, &o));
			struct render *fresh = render_new(NUDGE_TEST_FONTS, err, sizeof err);
			CHECK(fresh != NULL, "render_new: %s", err);
			if (!fresh)
				break;
			f.render = fresh;
			cairo_surface_destroy(draw(&f, &o));
			for (int v = 0; v < LAYOUT_VARIANTS; v++) {
				const struct graph_layout *a = r->layout[v], *b = fresh->layout[v];
				const char *what = "the layout";
				if (!b) /* this scene is not laid out so (r may keep another scene's) */
					continue;
				CHECK(a && a->input_key == b->input_key && same_texts(a, b, &what),
				      "%s, change %d, variant %d: %s shows a fresh layout's texts",
				      scenes[k], change, v, what);
				for (int i = 0; a && b && i < l.s->n_nodes; i++) {
					const struct layout_node_text *p = &a->text[i], *q = &b->text[i];
					const char *pa[] = {p->label, p->head, p->rest1, p->rest2, p->tag, p->value,
					                    p->grad_name, p->grad, p->mean_name, p->mean};
					const char *pb[] = {q->label, q->head, q->rest1, q->rest2, q->tag, q->value,
					                    q->grad_name, q->grad, q->mean_name, q->mean};
					int same = 1;
					for (int t = 0; t < 10; t++)
						same = same && strcmp(pa[t], pb[t]) == 0;
					CHECK(same, "%s, change %d, variant %d: node %d shows a fresh layout's texts",
					      scenes[k], change, v, i);
				}
			}
			render_free(fresh);
		}
		unload(&l);
	}
}

/* A drag changes only numbers: the layouts keep their ordering and rows and are sized
 * and placed again (layout_refit), which must draw exactly what a fresh render draws. */
static void test_refit_keeps_pixels(struct render *r)
{
	static const char src[] = "param w = 1 in [-1e6, 1e6]\nparam b = 2\nz = w*w + b\nJ = 0.5*z\ncost J\n";
	struct nudge_error err;
	struct loaded l;
	snprintf(l.name, sizeof l.name, "refit");
	struct scene *s = scene_parse(src, strlen(src), "<refit>", &err);
	CHECK(s != NULL, "refit scene: %s", err.msg);
	if (load_scene(&l, s) != 0)
		return;
	char msg[200];
	struct render *fresh = render_new(NUDGE_TEST_FONTS, msg, sizeof msg);
	CHECK(fresh != NULL, "render_new: %s", msg);
	struct draw_opts o = {.width = 1280, .height = 720};
	struct figure f = fig_of(r, &l, -1);
	cairo_surface_destroy(draw(&f, &o));
	const struct graph_layout *wide = r->layout[0], *compact = r->layout[1];
	double width = wide->width;
	session_set(&l.ss, 0, -123.4567); /* numbers wider than the headers */
	refresh(&l, 0);
	f = fig_of(r, &l, -1);
	cairo_surface_t *a = draw(&f, &o);
	CHECK(r->layout[0] == wide && r->layout[1] == compact, "new numbers keep the layouts (their ordering)");
	CHECK(r->layout[0]->width > width + 0.5, "wider numbers widen the layout (%g, was %g)", r->layout[0]->width,
	      width);
	f.render = fresh;
	cairo_surface_t *b = draw(&f, &o);
	CHECK(same_pixels(a, b), "a layout placed again for new numbers draws as a fresh one");
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
	render_free(fresh);
	unload(&l);
}

static void test_undefined_values(struct render *r)
{
	struct loaded l;
	if (load(&l, "reciprocal") != 0)
		return;
	int w = l.s->plot;
	CHECK(session_set(&l.ss, w, 0) == 0, "w = 0 is in range");
	refresh(&l, 0);
	struct figure f = fig_of(r, &l, -1);
	cairo_surface_destroy(draw(&f, &(struct draw_opts){.width = 1280, .height = 720}));
	CHECK(strstr(r->layout[0]->text[l.s->cost].value, "∞") ||
	      strstr(r->layout[0]->text[l.s->cost].value, "undefined"),
	      "J at w = 0 shows as ∞ or undefined, not '%s'", r->layout[0]->text[l.s->cost].value);
	unload(&l);
}

static long file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static int dir_entries(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	for (struct dirent *e; d && (e = readdir(d));)
		n += e->d_name[0] != '.' || (e->d_name[1] && strcmp(e->d_name, ".."));
	if (d)
		closedir(d);
	return n;
}

static void test_export(struct render *r)
{
	struct loaded l;
	if (load(&l, "computation-graph") != 0)
		return;
	char dir[] = "/tmp/nudge-test-render-XXXXXX", path[600], err[300];
	CHECK(mkdtemp(dir) != NULL, "mkdtemp");
	struct figure f = fig_of(r, &l, -1);
	cairo_surface_destroy(draw(&f, &(struct draw_opts){.width = 1280, .height = 720}));
	struct figure_hit hit0 = figure_hit(test_geom, 640, 360);
	int hits_before = test_geom->n_hits;
	static const char *const ext[] = {"png", "svg", "pdf"};
	static const char *const magic[] = {"\x89PNG", "<?xml", "%PDF"};
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/fig.%s", dir, ext[i]);
		int rc = export_figure(&f, path, &(struct export_opts){.draw = {.width = 640, .height = 360}}, err, sizeof err);
		CHECK(rc == 0, "export %s: %s", ext[i], err);
		char head[8] = "";
		FILE *fp = fopen(path, "rb");
		if (fp) {
			CHECK(fread(head, 1, 5, fp) == 5, "read %s", path);
			fclose(fp);
		}
		CHECK(memcmp(head, magic[i], strlen(magic[i])) == 0, "%s starts as a %s file", path, ext[i]);
	}
	/* --scale 2: twice the pixels */
	snprintf(path, sizeof path, "%s/big.png", dir);
	CHECK(export_figure(&f, path, &(struct export_opts){.draw = {.width = 640, .height = 360}, .scale = 2}, err,
	                    sizeof err) == 0, "export scale 2: %s", err);
	cairo_surface_t *png = cairo_image_surface_create_from_png(path);
	CHECK(cairo_image_surface_get_width(png) == 1280 && cairo_image_surface_get_height(png) == 720,
	      "scale 2 gives 1280x720, got %dx%d", cairo_image_surface_get_width(png),
	      cairo_image_surface_get_height(png));
	cairo_surface_destroy(png);
	/* transparent: a clear corner */
	snprintf(path, sizeof path, "%s/clear.png", dir);
	export_figure(&f, path, &(struct export_opts){.draw = {.width = 320, .height = 200, .transparent = 1}}, err, sizeof err);
	png = cairo_image_surface_create_from_png(path);
	cairo_surface_flush(png);
	CHECK(cairo_image_surface_get_data(png) && cairo_image_surface_get_data(png)[3] == 0,
	      "a transparent export has a clear corner");
	cairo_surface_destroy(png);
	/* failures: unknown format, missing folder, and a failed draw over an existing file */
	CHECK(export_figure(&f, "fig.bmp", NULL, err, sizeof err) != 0 && err[0], "unknown format refused");
	CHECK(export_figure(&f, "/nonexistent-nudge-dir/fig.png", NULL, err, sizeof err) != 0 &&
	      strstr(err, "/nonexistent-nudge-dir/fig.png"), "missing folder refused: %s", err);
	snprintf(path, sizeof path, "%s/fig.png", dir);
	long before = file_size(path);
	int entries = dir_entries(dir);
	struct figure broken = f;
	broken.scene = NULL;
	CHECK(export_figure(&broken, path, NULL, err, sizeof err) != 0, "a failed draw is an error");
	CHECK(file_size(path) == before, "a failed export leaves the old file (%ld vs %ld bytes)",
	      file_size(path), before);
	CHECK(dir_entries(dir) == entries, "a failed export leaves no temporary file");
	/* a folder in the way of the rename */
	snprintf(path, sizeof path, "%s/folder.png", dir);
	mkdir(path, 0700);
	CHECK(export_figure(&f, path, NULL, err, sizeof err) != 0, "cannot replace a folder");
	CHECK(dir_entries(dir) == entries + 1, "no temporary file left after a failed rename");
	rmdir(path);
	static const char *const files[] = {"fig.png", "fig.svg", "fig.pdf", "big.png", "clear.png"};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		unlink(path);
	}
	CHECK(rmdir(dir) == 0, "the test folder is empty at the end");
	struct figure_hit after = figure_hit(test_geom, 640, 360);
	CHECK(test_geom->n_hits == hits_before && after.kind == hit0.kind && after.node == hit0.node,
	      "exports record no geometry: the window's hit tests stay as drawn");
	unload(&l);
}

/* Where text drawn with its baseline at (10, 100) puts ink on a 600x160 surface:
 * the bounding box of the pixels it covers (x0 > x1 when none), and the pixels kept
 * in *pix (600 * 160 bytes, the caller frees) when pix is not NULL. */
struct ink { int x0, y0, x1, y1; };
static struct ink ink_of(struct render *r, const char *text, const struct text_style *st, unsigned char **pix)
{
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_A8, 600, 160);
	cairo_t *cr = cairo_create(sf);
	text_draw(cr, r, text, 10, 100, st);
	cairo_destroy(cr);
	cairo_surface_flush(sf);
	const unsigned char *d = cairo_image_surface_get_data(sf);
	int stride = cairo_image_surface_get_stride(sf);
	struct ink k = { 600, 160, -1, -1 };
	for (int y = 0; y < 160; y++)
		for (int x = 0; x < 600; x++)
			if (d[y * stride + x] > 64) {
				k.x0 = x < k.x0 ? x : k.x0;
				k.x1 = x > k.x1 ? x : k.x1;
				k.y0 = y < k.y0 ? y : k.y0;
				k.y1 = y > k.y1 ? y : k.y1;
			}
	if (pix && (*pix = malloc(600 * 160)))
		for (int y = 0; y < 160; y++)
			memcpy(*pix + y * 600, d + y * stride, 600);
	cairo_surface_destroy(sf);
	return k;
}

/* The lecture's notation as drawn: w[1]_11's index raised above w's letters and its
 * subscript lowered below the baseline, under the index (stacked, not after it); a
 * note's brackets drawn exactly as plain text. */
static void test_notation(struct render *r)
{
	struct text_style m = {FONT_REGULAR, 40, 0}, p = {FONT_REGULAR, 40, 1};
	CHECK(text_width(r, "w[1]_11", &m) == text_width(r, "w[1]", &m),
	      "the subscript stands under the index: %g vs %g", text_width(r, "w[1]_11", &m), text_width(r, "w[1]", &m));
	CHECK(text_width(r, "a[2]_{10}", &m) == text_width(r, "a[2]_10", &m), "_{10} and _10 are the same subscript");
	CHECK(text_width(r, "w_11", &m) < text_width(r, "w11", &p), "a subscript is smaller than the text");
	struct ink w = ink_of(r, "w", &m, NULL), full = ink_of(r, "w[1]_11", &m, NULL);
	struct ink idx = ink_of(r, "w[1]", &m, NULL), sub = ink_of(r, "w_11", &m, NULL);
	CHECK(w.y1 <= 101 && w.y0 > 100 - 0.6 * 40, "w sits on the baseline: rows %d..%d", w.y0, w.y1);
	CHECK(idx.y0 < w.y0 - 0.3 * 40 && idx.y1 < 100, "[1] is raised above w: rows %d..%d", idx.y0, idx.y1);
	CHECK(sub.y1 > 100 + 0.15 * 40 && sub.y0 == w.y0, "11 is lowered below the baseline: rows %d..%d", sub.y0,
	      sub.y1);
	CHECK(full.y0 <= idx.y0 + 1 && full.y1 >= sub.y1 - 1 && full.x1 <= idx.x1 + 1,
	      "w[1]_11 has both, within the index's width: %d..%d x %d..%d", full.x0, full.x1, full.y0, full.y1);
	const char *note = "J = −[y log p + (1 − y) log(1 − p)]";
	unsigned char *a = NULL, *b = NULL;
	struct ink na = ink_of(r, note, &m, &a), nb = ink_of(r, note, &p, &b);
	CHECK(text_width(r, note, &m) == text_width(r, note, &p), "the note's brackets are text");
	CHECK(a && b && memcmp(a, b, 600 * 160) == 0 && na.y0 == nb.y0, "the note draws as plain text, pixel for pixel");
	free(a);
	free(b);
}

static void test_markup(struct render *r)
{
	struct text_style m = {FONT_REGULAR, 20, 0}, p = {FONT_REGULAR, 20, 1};
	CHECK(text_width(r, "w[1]", &m) < text_width(r, "w[1]", &p), "w[1] draws [1] smaller");
	CHECK(text_width(r, "x_1", &m) < text_width(r, "x_1", &p), "x_1 draws a subscript");
	CHECK(text_width(r, "(w + b)", &m) == text_width(r, "(w + b)", &p), "plain text is plain");
	CHECK(text_width(r, "in [1, 2]", &m) == text_width(r, "in [1, 2]", &p),
	      "a bracket after a space is not a superscript");
	struct text_style big = {FONT_BOLD, 40, 0};
	double fit = text_fit(r, "a long caption that will not fit", &big, 100, 5);
	CHECK(fit < 40 && fit >= 5, "text_fit shrinks: %g", fit);
	test_notation(r);
}

/* A hit of this kind for this node in the last draw, or NULL. */
static const struct geom_hit *hit_of(enum hit_kind kind, int node)
{
	for (int i = 0; i < test_geom->n_hits; i++)
		if (test_geom->hits[i].kind == kind && test_geom->hits[i].node == node)
			return &test_geom->hits[i];
	return NULL;
}

static uint32_t pixel(cairo_surface_t *sf, int x, int y)
{
	uint32_t p;
	memcpy(&p, cairo_image_surface_get_data(sf) + y * cairo_image_surface_get_stride(sf) + x * 4, 4);
	return p;
}

/* The step at which node's gradient is computed (its backward step), or -1. */
static int backward_step(const struct trace *t, int node)
{
	for (int k = 0; k < t->n_steps; k++)
		if (t->steps[k].kind == STEP_BACKWARD && t->steps[k].node == node)
			return k;
	return -1;
}

/* Pixels of colour c (within 24 of 255 per channel) in box b of the image. */
static long box_colour(cairo_surface_t *sf, const struct layout_box *b, struct rgba c)
{
	int W = cairo_image_surface_get_width(sf), H = cairo_image_surface_get_height(sf);
	long n = 0;
	for (int y = (int)fmax(0, b->y); y < (int)(b->y + b->h) && y < H; y++)
		for (int x = (int)fmax(0, b->x); x < (int)(b->x + b->w) && x < W; x++) {
			uint32_t p = pixel(sf, x, y);
			int R = p >> 16 & 255, G = p >> 8 & 255, B = p & 255;
			n += abs(R - (int)(c.r * 255)) < 24 && abs(G - (int)(c.g * 255)) < 24 &&
			     abs(B - (int)(c.b * 255)) < 24;
		}
	return n;
}

/* The 2-4-4-1 network as scripts/network-scene writes it (issue 12's target): nine
 * units, the output a linear one (a3_0 = z3_0); its default export at 1920x1080 keeps
 * every box inside and apart, at every 7th step and the last, and draws the computed
 * nodes' numbers at least 1/72 of the height (they reach the issue's 1/70, at 1/69.9:
 * the floor leaves the arrangement a little room; they stood at 1/108 in the scalar
 * graph and at 1/120 with units whose weights' labels stood in one tall column). */
static void test_unit_network(struct render *r)
{
	static const int widths[] = {2, 4, 4, 1};
	struct loaded l;
	if (load_text(&l, "network-2441", graphs_network_scene(widths, 4)) != 0)
		return;
	const struct unit_set *us = l.s->units;
	int out = scene_find(l.s, "a3_0");
	CHECK(us->n == 9 && us->show && out >= 0 && us->member[out] == 8 && us->units[8].act == UNIT_LINEAR &&
	      us->units[8].z == scene_find(l.s, "z3_0") && us->units[8].n_w == 4,
	      "network-2441: %d units, the output a linear unit of 4 weights", us->n);
	struct draw_opts o = {.width = 1920, .height = 1080};
	for (int k = 0; k < l.t->n_steps; k += 7) {
		int step = k + 7 < l.t->n_steps ? k : l.t->n_steps - 1;
		struct figure f = fig_of(r, &l, step);
		cairo_surface_destroy(draw(&f, &o));
		char what[96];
		snprintf(what, sizeof what, "network-2441 step %d", step);
		check_geometry(r, what, o.width, o.height);
		double digit = graph_em(r) * DIGIT_EM;
		CHECK(digit >= o.height / 72, "%s: digits %.1f px, 1/%.0f of the height", what, digit,
		      o.height / digit);
		if (getenv("NUDGE_TEST_VERBOSE") && step == l.t->n_steps - 1)
			printf("%s: digits 1/%.1f\n", what, o.height / digit);
	}
	/* the pointer over the output unit (its box, its z row, its bias) shows the label of
	   its edge to J, which the crowded (bare) layout leaves out otherwise; the last step
	   (dJ/da0_0) does not use that edge */
	int J = l.s->cost, e = -1;
	for (int k = 0; k < l.s->n_edges; k++)
		if (l.s->edges[k].from == out && l.s->edges[k].to == J)
			e = k;
	const char *parts[] = {"a3_0", "z3_0", "b3_0", NULL};
	for (int p = 0; e >= 0; p++) {
		struct figure f = fig_of(r, &l, -1);
		struct draw_opts oh = o;
		oh.view = (struct draw_view){.zoom = 1, .cx = 0.5, .cy = 0.5, .hovered = parts[p] != NULL,
		                              .hover = parts[p] ? scene_find(l.s, parts[p]) : 0};
		cairo_surface_destroy(draw(&f, &oh));
		int drawn = 0;
		for (int i = 0; i < test_geom->n_hits; i++)
			drawn |= test_geom->hits[i].kind == HIT_EDGE_LOCAL && test_geom->hits[i].edge == e;
		CHECK(drawn == (parts[p] != NULL), "network-2441: the pointer over %s: a3_0 → J's label %s", parts[p] ? parts[p] : "nothing",
		      drawn ? "drawn" : "not drawn");
		check_geometry(r, "network-2441 hovered", oh.width, oh.height);
		if (!parts[p])
			break;
	}
	unload(&l);
}

/* A weight's label names its numbers (issue 12 item 1): "w₁₁ = 0.5", the row's
 * "dJ⁽⁰⁾/dw = …" and the mean's "dJ/dw = …" (xor, a data scene), and the names are
 * drawn: the label holds the names' grey ink besides its numbers, at the last step
 * (everything known, no grey "?") in the wide and compact layouts. */
static void test_weight_names(struct render *r)
{
	struct loaded l;
	if (load(&l, "xor") != 0)
		return;
	const struct theme *th = theme_get(THEME_LIGHT);
	static const double sizes[][2] = {{1920, 1080}, {1280, 720}};
	for (int k = 0; k < 2; k++) {
		struct draw_opts o = {.width = sizes[k][0], .height = sizes[k][1], .theme = THEME_LIGHT};
		struct figure f = fig_of(r, &l, -1);
		cairo_surface_t *sf = draw(&f, &o);
		double em = graph_em(r);
		const struct unit_set *us = l.s->units;
		for (int u = 0; u < us->n; u++)
			for (int j = 0; j < us->units[u].n_w; j++) {
				int w = us->units[u].w[j].param;
				const struct geom_hit *box = hit_of(HIT_NODE, w);
				CHECK(box != NULL, "%gx%g: %s has a label", o.width, o.height, l.s->nodes[w].name);
				long grey = box ? box_colour(sf, &box->box, th->muted) : 0;
				/* "dJ⁽⁰⁾/dw = " and "dJ/dw = ": some 14 characters at 0.8 em */
				CHECK(grey > em * em * 0.2, "%gx%g: %s's label names its gradients (%ld grey pixels, em %.1f)",
				      o.width, o.height, l.s->nodes[w].name, grey, em);
			}
		cairo_surface_destroy(sf);
		for (int v = LAYOUT_WIDE; v <= LAYOUT_COMPACT; v++) {
			const struct graph_layout *g = layout_get(r, &f, &o, v, 1);
			for (int e = 0; g && g->units && e < g->scene->n_edges; e++) {
				if (g->units->weight[e] < 0)
					continue;
				struct layout_unit_row rows[3];
				char names[2][LAYOUT_WEIGHT_NAME];
				int n;
				layout_weight_lines(g, e, rows, &n, names);
				const char *nm = l.s->nodes[g->units->weight[e]].name; /* w11 … v2 */
				char row[64], mean[64];
				snprintf(row, sizeof row, "dJ⁽⁰⁾/d%c", nm[0]);
				snprintf(mean, sizeof mean, "dJ/d%c", nm[0]);
				CHECK(n == 3 && rows[0].name && strcmp(rows[0].name, l.s->nodes[g->units->weight[e]].label) == 0 &&
				      rows[1].grad_name && strcmp(rows[1].grad_name, row) == 0 && rows[2].grad_name &&
				      strcmp(rows[2].grad_name, mean) == 0, "layout %d: %s's lines named %s, %s (%s, %s)", v, nm,
				      row, mean, rows[1].grad_name ? rows[1].grad_name : "-", rows[2].grad_name ? rows[2].grad_name : "-");
			}
		}
	}
	unload(&l);
}

/* The mean box under a narrower cost takes the cost's width where its texts allow (xor's
 * bare layout: its cost's header in four lines is narrower than "J = (1/4) Σᵢ J⁽ⁱ⁾"): its
 * head in two lines, its cards to the lower left; under a cost as wide as it (xor's compact
 * layout: the cost's header in two long lines) it keeps its head on one line; either way
 * "4-row mean" and "row 0 shown" under the mean (one wording, wide or narrow), inside the
 * graph and clear of every node's box (fit-line's too). */
static void test_mean_narrow(struct render *r)
{
	static const char *const scenes[] = {"xor", "fit-line"};
	for (size_t k = 0; k < sizeof scenes / sizeof scenes[0]; k++) {
		struct loaded l;
		if (load(&l, scenes[k]) != 0)
			continue;
		struct draw_opts o = {.width = 1920, .height = 1080};
		struct figure f = fig_of(r, &l, -1);
		int seen = 0;
		for (int v = LAYOUT_COMPACT; v <= LAYOUT_BARE; v++) {
			const struct graph_layout *g = layout_get(r, &f, &o, v, 1);
			if (!g || !g->compact)
				continue;
			const struct mean_box *m = &g->mean;
			const struct layout_item *cost = &g->items[g->scene->cost];
			seen++;
			if (k == 0) /* xor */
				CHECK(m->on && m->narrow == (v == LAYOUT_BARE), "%s layout %d: the mean box is %s", l.name, v,
				      v == LAYOUT_BARE ? "narrow" : "as wide as its four lines");
			if (m->narrow) {
				CHECK(m->w <= cost->bw + 1e-9, "%s layout %d: the mean box (%.2f em) is no wider than its cost (%.2f)",
				      l.name, v, m->w, cost->bw);
				CHECK(m->cut > 0 && strncmp(m->head + m->cut - 2, " = ", 3) == 0,
				      "%s: the narrow box's head ('%s' cut at %d)", l.name, m->head, m->cut);
			}
			char foot[32];
			snprintf(foot, sizeof foot, "%d-row mean", l.s->n_rows);
			CHECK(strcmp(m->foot, foot) == 0 && strcmp(m->shown, "row 0 shown") == 0,
			      "%s layout %d (%s): the box says '%s', '%s'", l.name, v, m->narrow ? "narrow" : "wide", m->foot,
			      m->shown);
			double cards = 2 * 0.28; /* MEAN_CARDS * MEAN_CARD: lower left when narrow */
			struct layout_box mb = {m->x - m->w / 2 - (m->narrow ? cards : 0), m->y - m->h / 2, m->w + cards,
			                        m->h + cards};
			CHECK(mb.x >= -1e-9 && mb.x + mb.w <= g->width + 1e-9 && mb.y + mb.h <= g->height + 1e-9,
			      "%s layout %d: the mean box (x %.2f to %.2f) inside the graph (%.2f wide)", l.name, v, mb.x,
			      mb.x + mb.w, g->width);
			for (int i = 0; i < g->scene->n_nodes; i++) {
				const struct layout_item *it = &g->items[i];
				struct layout_box nb = {it->x - it->bw / 2, it->y - it->h / 2, it->bw, it->h};
				CHECK(!boxes_overlap(&mb, &nb), "%s layout %d: the mean box overlaps node %d", l.name, v, i);
			}
		}
		CHECK(seen > 0, "%s: a compact layout", l.name);
		unload(&l);
	}
}

/* Presenting, the step sentence stands large (issue 11 item 3). A walk whose longest
 * sentence would be set under 3/4 of its size on one line keeps two lines' room where the
 * graph loses little to it (xor at 1024x768, its unit sentences: none), and there a
 * sentence goes on two lines where one would shrink it, at 0.85 of the size or more;
 * the graph stays where it is from step to step. The window keeps its one line. */
static void test_caption(struct render *r)
{
	struct loaded l;
	if (load(&l, "xor") != 0)
		return;
	for (int present = 1; present >= 0; present--) {
		struct draw_opts o = {.width = 1024, .height = 768, .present = present, .font_scale = present ? 1.3 : 1,
		                      .theme = THEME_DARK};
		const char *what = present ? "xor 1024x768 presenting" : "xor 1024x768 window";
		struct graph_frame first = {0};
		double most = 0, least = INFINITY;
		int two = 0;
		for (int step = 0; step < l.t->n_steps; step++) {
			struct figure f = fig_of(r, &l, step);
			cairo_surface_destroy(draw(&f, &o));
			const struct graph_frame *gf = &test_geom->graph;
			if (step == 0)
				first = *gf;
			CHECK(gf->x == first.x && gf->y == first.y && gf->h == first.h && gf->fit_em == first.fit_em,
			      "%s step %d: the graph stays (its area's top %.1f, em %.2f; at step 0 %.1f, %.2f)", what, step,
			      gf->y, gf->fit_em, first.y, first.fit_em);
			two += test_geom->caption_lines == 2;
			most = fmax(most, test_geom->caption_font);
			least = fmin(least, test_geom->caption_font);
			if (getenv("NUDGE_TEST_VERBOSE"))
				printf("%s step %d: sentence %.1f px, %d line(s)\n", what, step, test_geom->caption_font,
				       test_geom->caption_lines);
		}
		if (present) {
			CHECK(two > 0 && least >= most * 0.85, "%s: long sentences on two lines (%d steps), at %.1f px or more "
			      "(the largest %.1f)", what, two, least, most);
		} else {
			CHECK(two == 0, "%s: the window's sentence on one line (%d steps on two)", what, two);
		}
	}
	unload(&l);
}

/* Presenting, the walk's longest sentence is kept (caption.c's memo): the same trace
 * drawn at every step is walked once; and the caption as drawn by a render that kept
 * it equals a fresh render's, pixel for pixel, after each thing it depends on changed:
 * the sentences' kind (units off), the numbers (a new trace), the size, the scene. In
 * the window (steady) a drag walks no more and keeps the caption's lines. */
static void test_caption_memo(struct render *r)
{
	struct loaded l[2];
	if (load(&l[0], "xor") != 0)
		return;
	if (load(&l[1], "logistic") != 0) {
		unload(&l[0]);
		return;
	}
	struct draw_opts o = {.width = 1024, .height = 768, .present = 1, .font_scale = 1.3};
	int walks = r->caption.walks;
	for (int step = 0; step < l[0].t->n_steps; step++) {
		struct figure f = fig_of(r, &l[0], step);
		cairo_surface_destroy(draw(&f, &o));
	}
	CHECK(r->caption.walks == walks + 1, "xor presenting: its %d steps walked the sentences %d times, not once",
	      l[0].t->n_steps, r->caption.walks - walks);
	for (int change = 0; change < 5; change++) {
		static const char *const what[] = {"units off", "units on", "a new value", "1280x720", "logistic"};
		struct loaded *at = &l[change == 4];
		if (change == 0)
			o.units = DRAW_UNITS_OFF;
		if (change == 1)
			o.units = DRAW_UNITS_ON;
		if (change == 2) {
			session_set(&at->ss, at->s->plot, at->ev->set[at->s->plot] - 1.75);
			refresh(at, 0);
		}
		if (change == 3) {
			o.width = 1280;
			o.height = 720;
		}
		walks = r->caption.walks;
		struct figure f = fig_of(r, at, -1);
		cairo_surface_t *a = draw(&f, &o);
		int lines = test_geom->caption_lines;
		char err[200];
		struct render *fresh = render_new(NUDGE_TEST_FONTS, err, sizeof err);
		CHECK(fresh != NULL, "render_new: %s", err);
		if (!fresh) {
			cairo_surface_destroy(a);
			break;
		}
		f.render = fresh;
		cairo_surface_t *b = draw(&f, &o);
		CHECK(same_pixels(a, b) && lines == test_geom->caption_lines,
		      "presenting, after %s: a kept walk draws as a fresh one (%d lines, fresh %d)", what[change], lines,
		      test_geom->caption_lines);
		CHECK(r->caption.walks == walks + (change != 3), "after %s: %d walks", what[change], r->caption.walks - walks);
		cairo_surface_destroy(a);
		cairo_surface_destroy(b);
		render_free(fresh);
	}
	/* the window (steady): a drag's new traces keep the walk, and the caption its lines */
	o = (struct draw_opts){.width = 1024, .height = 768, .present = 1, .font_scale = 1.3, .steady = 1};
	struct figure f = fig_of(r, &l[0], -1);
	cairo_surface_destroy(draw(&f, &o));
	int lines = test_geom->caption_lines;
	walks = r->caption.walks;
	const struct node *nd = &l[0].s->nodes[l[0].s->plot];
	for (int k = 0; k < 8; k++) {
		session_set(&l[0].ss, l[0].s->plot, nd->lo + (nd->hi - nd->lo) * k / 7.0);
		refresh(&l[0], 0);
		f = fig_of(r, &l[0], -1);
		cairo_surface_destroy(draw(&f, &o));
		CHECK(test_geom->caption_lines == lines, "xor presenting in the window, dragged to %g: %d caption lines, "
		      "were %d", l[0].ev->set[l[0].s->plot], test_geom->caption_lines, lines);
	}
	CHECK(r->caption.walks == walks, "xor presenting in the window: a drag of 8 frames walked %d times, not 0",
	      r->caption.walks - walks);
	unload(&l[0]);
	unload(&l[1]);
}

/* Neuron units (issue 12 item 1): xor, network and network-221 drawn with units, and
 * xor without, at three sizes: no overlaps, all inside. Units leave the weights and
 * biases no boxes of their own (a weight's box is its label on the edge). The walk
 * lights the part of a unit its step works on, and only at that step: the bias row at
 * dJ/db, the weight's label at dJ/dw, the a row at a's forward step. */
static void test_units(struct render *r)
{
	static const double sizes[][2] = {{1280, 720}, {1920, 1080}, {1024, 768}};
	static const char *const scenes[] = {"xor", "network", "network-221"};
	for (int i = 0; i < 3; i++) {
		struct loaded l;
		char path[1024];
		const char *root = getenv("NUDGE_SOURCE_ROOT");
		snprintf(path, sizeof path, "%s/docs/examples/network-221.nudge", root ? root : ".");
		struct nudge_error err;
		if (i < 2 ? load(&l, scenes[i]) != 0 : load_scene(&l, scene_load(path, &err)) != 0)
			continue;
		for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++)
			for (int units = DRAW_UNITS_ON; units <= DRAW_UNITS_OFF; units++) {
				struct figure f = fig_of(r, &l, -1);
				struct draw_opts o = {.width = sizes[k][0], .height = sizes[k][1], .units = units};
				cairo_surface_destroy(draw(&f, &o));
				char what[160];
				snprintf(what, sizeof what, "%s %gx%g units %s", scenes[i], o.width, o.height,
				         units == DRAW_UNITS_ON ? "on" : "off");
				check_geometry(r, what, o.width, o.height);
				const struct unit_set *us = l.s->units;
				int own = 0; /* weights and biases with a box of their own */
				for (int u = 0; u < us->n; u++) {
					own += hit_of(HIT_NODE, us->units[u].bias) != NULL;
					own += hit_of(HIT_NODE_VALUE, us->units[u].bias) != NULL;
				}
				CHECK(units == DRAW_UNITS_OFF || own == us->n, "%s: each bias a row of its unit", what);
				for (int u = 0; u < us->n && units == DRAW_UNITS_ON; u++) {
					const struct geom_hit *box = hit_of(HIT_NODE, us->units[u].a);
					const struct geom_hit *b = hit_of(HIT_NODE_VALUE, us->units[u].bias);
					CHECK(box && b && b->box.x >= box->box.x && b->box.x + b->box.w <= box->box.x + box->box.w &&
					      b->box.y >= box->box.y && b->box.y + b->box.h <= box->box.y + box->box.h,
					      "%s: unit %d's bias inside its box", what, u);
				}
			}
		unload(&l);
	}

	struct loaded l;
	if (load(&l, "xor") != 0)
		return;
	const struct unit *h1 = &l.s->units->units[0];
	int b1 = h1->bias, w11 = h1->w[0].param;
	struct draw_opts o = {.width = 1920, .height = 1080};
	/* a pixel of the part: right of the bias's dJ/db in its row (the band only), above the
	 * weight's label (its glow only), right of a's dJ/da in its row */
	struct { const char *what; int step; enum hit_kind kind; int node; int above; } parts[] = {
		{"the bias row at dJ/db₁", backward_step(l.t, b1), HIT_NODE_GRAD, b1, 0},
		{"w₁₁'s label at dJ/dw₁₁", backward_step(l.t, w11), HIT_NODE, w11, 1},
		{"the a row at h₁'s forward step", l.t->value_step[h1->a], HIT_NODE_GRAD, h1->a, 0},
	};
	for (int p = 0; p < 3; p++) {
		int k = parts[p].step;
		CHECK(k > 0 && k + 1 < l.t->n_steps, "%s: a step", parts[p].what);
		if (!(k > 0 && k + 1 < l.t->n_steps))
			continue;
		uint32_t px[3];
		for (int d = -1; d <= 1; d++) {
			struct figure f = fig_of(r, &l, k + d);
			cairo_surface_t *sf = draw(&f, &o);
			const struct geom_hit *h = hit_of(parts[p].kind, parts[p].node);
			const struct geom_hit *box = hit_of(HIT_NODE, h1->a);
			double em = graph_em(r);
			int x, y;
			if (parts[p].above) { /* the glow over the label's top edge */
				x = h ? (int)(h->box.x + h->box.w / 2) : 0;
				y = h ? (int)(h->box.y - em * graph_metrics.glow / 2) : 0;
			} else { /* between the number's end and the box's right edge */
				x = h && box ? (int)((h->box.x + h->box.w + box->box.x + box->box.w) / 2) : 0;
				y = h ? (int)(h->box.y + h->box.h / 2) : 0;
			}
			CHECK(h && box, "%s: drawn", parts[p].what);
			px[d + 1] = pixel(sf, x, y);
			cairo_surface_destroy(sf);
		}
		CHECK(px[1] != px[2] && px[0] == px[2], "%s: lit at its step only (%08x %08x %08x)", parts[p].what,
		      px[0], px[1], px[2]);
	}
	unload(&l);
}

/* The graph's numbers (values, gradients, edge labels) of the last draw under the box
 * (x, y, w, h); *step: whether it covers the box (figure_node_box, drawn with zoom about
 * the point cx, cy of the graph at the frame's centre) of node v of step k. */
static int numbers_under(const struct loaded *l, int k, const struct graph_frame *gf, const double view[3],
                         double x, double y, double w, double h, int *step)
{
	int v = l->t->steps[k].node, n = 0;
	*step = 0;
	for (int i = 0; i < test_geom->n_hits; i++) {
		const struct geom_hit *gh = &test_geom->hits[i];
		const struct layout_box *b = &gh->box;
		n += (gh->kind == HIT_NODE_VALUE || gh->kind == HIT_NODE_GRAD || gh->kind == HIT_EDGE_LOCAL) &&
		     b->x < x + w && x < b->x + b->w && b->y < y + h && y < b->y + b->h;
	}
	for (int e = -1; e < l->s->n_edges; e++) {
		int u = e < 0 ? v : !trace_step_uses_edge(l->t, l->s, k, e) ? -1
		        : l->s->edges[e].from == v ? l->s->edges[e].to : l->s->edges[e].from;
		double nb[4];
		if (u < 0 || !figure_node_box(test_geom, u, nb))
			continue;
		double sx = gf->fit_w * view[0], sy = gf->fit_h * view[0];
		double x0 = gf->x + gf->w / 2 + (nb[0] - view[1]) * sx, x1 = gf->x + gf->w / 2 + (nb[2] - view[1]) * sx;
		double y0 = gf->y + gf->h / 2 + (nb[1] - view[2]) * sy, y1 = gf->y + gf->h / 2 + (nb[3] - view[2]) * sy;
		*step |= x0 < x + w && x < x1 && y0 < y + h && y < y1;
		break; /* the node only: its neighbours count after the numbers */
	}
	return n;
}

/* A followed view (presenting the 2-4-4-1 at 1280x720 and 1024x768, zoomed to the step's
 * node as the window follows it): the overview takes a corner that covers none of the
 * numbers in view where one can, else the fewest, and never the step's node where a
 * corner keeps clear of it (the four corners counted here from the hits of the draw). */
static void test_overview_corner(struct render *r)
{
	static const int widths[] = {2, 4, 4, 1};
	static const double sizes[][2] = {{1280, 720}, {1024, 768}};
	struct loaded l;
	if (load_text(&l, "network-2441", graphs_network_scene(widths, 4)) != 0)
		return;
	int checked = 0, none = 0;
	for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++)
		for (int k = 1; k < l.t->n_steps; k++) {
			struct figure f = fig_of(r, &l, k);
			struct draw_opts o = {.width = sizes[z][0], .height = sizes[z][1], .present = 1, .font_scale = 1.3,
			                      .theme = THEME_DARK};
			cairo_surface_destroy(draw(&f, &o));
			struct graph_frame gf;
			double box[4];
			if (!figure_graph_frame(test_geom, &gf) || !figure_node_box(test_geom, l.t->steps[k].node, box))
				continue;
			double zoom = o.height / 38 / DIGIT_EM / gf.fit_em; /* the window's follow size */
			double view[3] = {zoom, (box[0] + box[2]) / 2, (box[1] + box[3]) / 2};
			o.view = (struct draw_view){.zoom = zoom, .cx = view[1], .cy = view[2], .overview = 1};
			cairo_surface_destroy(draw(&f, &o));
			const struct layout_box *ov = &test_geom->overview;
			if (!(ov->w > 0) || !figure_graph_frame(test_geom, &gf))
				continue;
			double pad = 8 * gf.unit, w = ov->w + 2 * pad, h = ov->h + 2 * pad;
			int best = 1 << 30, clear = 0, step;
			for (int c = 0; c < 4; c++) {
				double x = c % 2 ? gf.x : gf.x + gf.w - w, y = c / 2 ? gf.y : gf.y + gf.h - h;
				int n = numbers_under(&l, k, &gf, view, x, y, w, h, &step);
				if (!step && (!clear || n < best))
					best = n;
				clear |= !step;
			}
			int n = numbers_under(&l, k, &gf, view, ov->x - pad, ov->y - pad, w, h, &step);
			CHECK(!clear || (!step && n <= best),
			      "network-2441 %gx%g presenting, followed, step %d: the overview covers %d numbers%s; a corner clear of the node covers %d",
			      o.width, o.height, k, n, step ? " and the step's node" : "", best);
			checked++;
			none += n == 0;
		}
	CHECK(checked > 100, "network-2441 followed: %d steps drew an overview", checked);
	if (getenv("NUDGE_TEST_VERBOSE"))
		printf("network-2441 followed: the overview covers no number at %d of %d steps\n", none, checked);
	unload(&l);
}

/* Presenting on screens of several shapes, xor's J plot and classifier side by side in a
 * row under the graph (or beside it) both draw their axes: a J plot widens to write its
 * header beside them, and a row too low for both at their type sets it smaller
 * (figure_row; without it the 1024x900 row drew neither). Logistic's J header, presenting,
 * stands in four lines: "J⁽⁰⁾ =" over its right-hand side split at " + " and the longer
 * line again before its "·" (its box was as wide as "+ (1 − y)·log(1 − ŷ))"). */
static void test_present_row(struct render *r)
{
	static const double sizes[][2] = {{1024, 768}, {1024, 900}, {960, 960}, {800, 600}};
	struct loaded l;
	int rows = 0;
	if (load(&l, "xor") == 0) {
		for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
			struct figure f = fig_of(r, &l, -1);
			struct draw_opts o = {.width = sizes[k][0], .height = sizes[k][1], .present = 1,
			                      .font_scale = 1.3, .theme = THEME_DARK};
			cairo_surface_destroy(draw(&f, &o));
			struct graph_frame gf;
			int row = figure_graph_frame(test_geom, &gf) && test_geom->has_plot &&
			          test_geom->plot.y > gf.y + gf.h;
			rows += row;
			if (getenv("NUDGE_TEST_VERBOSE"))
				printf("xor %gx%g presenting: %s\n", o.width, o.height, row ? "row" : "beside");
			CHECK(test_geom->has_plot && test_geom->has_data,
			      "xor %gx%g presenting: the J plot (%d) and the classifier (%d) draw their axes",
			      o.width, o.height, test_geom->has_plot, test_geom->has_data);
			check_geometry(r, "xor presenting", o.width, o.height);
		}
		unload(&l);
	}
	CHECK(rows > 0, "xor presenting: some screen puts the plots in a row under the graph");
	if (load(&l, "logistic") == 0) {
		struct figure f = fig_of(r, &l, -1);
		struct draw_opts o = {.width = 1024, .height = 768, .present = 1, .font_scale = 1.3,
		                      .theme = THEME_DARK};
		cairo_surface_destroy(draw(&f, &o));
		int found = 0;
		for (int v = 0; v < LAYOUT_VARIANTS; v++)
		for (int i = 0; layout_made_for(r->layout[v], l.s) && i < l.s->n_nodes; i++) {
			/* (a variant not drawn presenting still holds another scene's layout) */
			const struct layout_node_text *t = &r->layout[v]->text[i];
			if (strcmp(t->rest2, "−(y·log(ŷ)") == 0) {
				found = 1;
				CHECK(strcmp(t->rest1, " =") == 0 && strcmp(t->rest3, "+ (1 − y)") == 0 &&
				      strcmp(t->rest4, "·log(1 − ŷ))") == 0,
				      "logistic presenting: J's header in four lines: '%s' '%s' '%s' '%s'",
				      t->rest1, t->rest2, t->rest3, t->rest4);
			}
		}
		CHECK(found, "logistic presenting 1024x768: J's header over its right-hand side");
		unload(&l);
	}
}

int main(void)
{
	char err[300];
	struct render *r = render_new(NUDGE_TEST_FONTS, err, sizeof err);
	CHECK(r != NULL, "render_new: %s", err);
	test_geom = figure_geom_new();
	CHECK(test_geom != NULL, "figure_geom_new");
	CHECK(render_new("/nonexistent-fonts", err, sizeof err) == NULL && strstr(err, "font"),
	      "missing fonts are a clear error: %s", err);
	if (r) {
		test_markup(r);
		test_every_scene(r);
		test_type_floor(r);
		test_present_row(r);
		test_plot_text(r);
		test_present_nudge_line(r);
		test_plot_text_more(r);
		test_axes_labels(r);
		test_inset_scale(r);
		test_overview_corner(r);
		test_window_floor(r);
		test_wrap(r);
		test_units(r);
		test_weight_names(r);
		test_mean_narrow(r);
		test_caption(r);
		test_caption_memo(r);
		test_unit_network(r);
		test_stack(r);
		test_too_small(r);
		test_steady(r);
		test_steady_choice(r);
		test_lecture_panels(r);
		test_legend(r);
		test_panel_cards(r);
		test_panels_drag(r);
		test_font_scale(r);
		test_notes(r);
		test_panel_list(r);
		test_unknown_is_question_mark(r);
		test_data_outline(r);
		test_hits(r);
		test_cache_keeps_pixels(r);
		test_scene_reuse(r);
		test_edge_layer(r);
		test_num_cache(r);
		test_numbers_in_place(r);
		test_refit_keeps_pixels(r);
		test_undefined_values(r);
		test_export(r);
		render_free(r);
	}
	figure_geom_free(test_geom);
	render_shutdown();
	return test_report("test-render");
}
