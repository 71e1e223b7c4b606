/* test-landscape-render.c - the map of J over two leaves drawn into image surfaces and
 * checked by pixels: one plotted name draws exactly the figure of a scene that plots
 * one; the paths' colours appear only with paths (light theme, where no other part of
 * the figure uses them) and the ✕ of the diverging rate with it; a map with undefined
 * regions is hatched and drawn without a crash in both themes; a flat map too; the
 * grid follows the map's size. */
#include <stdlib.h>
#include <string.h>

#include "nudge/render.h"
#include "test.h"

#ifndef NUDGE_TEST_FONTS
#define NUDGE_TEST_FONTS "fonts"
#endif

static struct render *rnd;

/* A session on src with descent paths at the given rates (n 0: none). */
static int open_src(struct session *ss, const char *src, int steps, const double *rates, int n)
{
	struct nudge_error err;
	struct scene *s = scene_parse(src, strlen(src), "<test>", &err);
	CHECK(s != NULL, "scene parses: %s", s ? "" : err.msg);
	if (!s || session_open(ss, s, NULL) != 0) {
		scene_free(s);
		return -1;
	}
	ss->descent_n = steps;
	ss->n_rates = n;
	for (int i = 0; i < n; i++)
		ss->rates[i] = rates[i];
	session_invalidate(ss, SESSION_VIEW);
	return session_update(ss);
}

/* The session's figure drawn at 1920x1080 into a new image surface. */
static cairo_surface_t *draw(struct session *ss, enum draw_theme theme)
{
	struct figure fig;
	figure_of_session(&fig, rnd, ss);
	struct draw_opts o = {.width = 1920, .height = 1080, .theme = theme};
	if (figure_fit_session(&fig, &o, ss))
		session_update(ss);
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1920, 1080);
	cairo_t *cr = cairo_create(sf);
	CHECK(draw_figure(cr, &fig, &o) == 0, "draw_figure");
	cairo_destroy(cr);
	cairo_surface_flush(sf);
	return sf;
}

/* Pixels of exactly this colour (0xRRGGBB). */
static int count(cairo_surface_t *sf, unsigned rgb)
{
	const unsigned char *px = cairo_image_surface_get_data(sf);
	int stride = cairo_image_surface_get_stride(sf), n = 0;
	for (int y = 0; y < cairo_image_surface_get_height(sf); y++)
		for (int x = 0; x < cairo_image_surface_get_width(sf); x++) {
			unsigned v;
			memcpy(&v, px + (size_t)y * (size_t)stride + (size_t)x * 4, 4);
			n += (v & 0xffffff) == rgb;
		}
	return n;
}

static int same_pixels(cairo_surface_t *a, cairo_surface_t *b)
{
	int h = cairo_image_surface_get_height(a), stride = cairo_image_surface_get_stride(a);
	return stride == cairo_image_surface_get_stride(b) &&
	       memcmp(cairo_image_surface_get_data(a), cairo_image_surface_get_data(b), (size_t)stride * (size_t)h) == 0;
}

static const char line_fit[] =
	"param w = -0.5 in [-1, 4]\nparam b = 3.5 in [-2, 5]\n"
	"data x y\n 0 1\n 1 3\n 2 5\n 3 7\n"
	"yhat = w * x + b\nJ = 0.5 * (yhat - y)^2\ncost J\n";

static void test_one_name_keeps_the_curve(void)
{
	char two[1024], one[1024];
	snprintf(two, sizeof two, "%splot w, b\n", line_fit);
	snprintf(one, sizeof one, "%splot w\n", line_fit);
	struct session a, b;
	if (open_src(&a, two, 0, NULL, 0) != 0 || open_src(&b, one, 0, NULL, 0) != 0) {
		CHECK(0, "sessions open");
		return;
	}
	session_plot(&a, a.plot, -1); /* --plot w on a scene that plots w, b */
	CHECK(session_update(&a) == 0 && a.land.a == -1, "one name: no map");
	cairo_surface_t *sa = draw(&a, THEME_LIGHT), *sb = draw(&b, THEME_LIGHT);
	CHECK(same_pixels(sa, sb), "one plotted name draws today's J(w) figure");
	session_plot(&a, a.plot, scene_find(a.scene, "b"));
	CHECK(session_update(&a) == 0 && a.land.a >= 0, "two names: a map");
	cairo_surface_t *sc = draw(&a, THEME_LIGHT);
	CHECK(!same_pixels(sc, sb), "two names draw something else");
	cairo_surface_destroy(sa);
	cairo_surface_destroy(sb);
	cairo_surface_destroy(sc);
	session_close(&a);
	session_close(&b);
}

static void test_paths(void)
{
	char src[1024];
	snprintf(src, sizeof src, "%splot w, b\n", line_fit);
	static const double rates[] = {0.05, 0.2, 0.6};
	struct session with, without;
	if (open_src(&with, src, 40, rates, 3) != 0 || open_src(&without, src, 0, NULL, 0) != 0) {
		CHECK(0, "sessions open");
		return;
	}
	CHECK(with.land.n_paths == 3 && without.land.n_paths == 0, "paths made as asked");
	CHECK(with.land.paths[2].stopped && !with.land.paths[1].stopped, "α = 0.6 stops, 0.2 does not");
	cairo_surface_t *sw = draw(&with, THEME_LIGHT), *so = draw(&without, THEME_LIGHT);
	/* the second and third paths' colours: sky blue and reddish purple, and the ✕ */
	int blue_w = count(sw, 0x56b4e9), blue_o = count(so, 0x56b4e9);
	int pink_w = count(sw, 0xcc79a7), pink_o = count(so, 0xcc79a7);
	int red_w = count(sw, 0xc62828), red_o = count(so, 0xc62828);
	CHECK(blue_w > 200 && blue_o == 0, "α = 0.2's path: %d sky-blue pixels, %d without paths", blue_w, blue_o);
	CHECK(pink_w > 100 && pink_o == 0, "α = 0.6's path: %d pink pixels, %d without paths", pink_w, pink_o);
	CHECK(red_w > 30 && red_o == 0, "the ✕ of the diverged run: %d red pixels, %d without", red_w, red_o);
	cairo_surface_t *sd = draw(&with, THEME_DARK);
	CHECK(count(sd, 0xcc79a7) > 100, "the paths in the dark theme too");
	cairo_surface_destroy(sw);
	cairo_surface_destroy(so);
	cairo_surface_destroy(sd);
	session_close(&with);
	session_close(&without);
}

static void test_undefined_and_flat(void)
{
	static const char nan_src[] = "param w = 1 in [-2, 2]\nparam b = 1 in [-2, 2]\n"
	                              "J = log(w * b) + sqrt(w)\nplot w, b\n";
	static const char flat_src[] = "param w = 1 in [-2, 2]\nparam b = 1 in [-2, 2]\ninput x = 2\n"
	                               "J = x * x + 0 * w + 0 * b\nplot w, b\n";
	static const double rates[] = {0.1};
	struct session ss;
	for (int t = 0; t < 2; t++) {
		if (open_src(&ss, nan_src, 10, rates, 1) != 0) {
			CHECK(0, "session opens");
			return;
		}
		cairo_surface_t *sf = draw(&ss, t ? THEME_DARK : THEME_LIGHT);
		int hatch = count(sf, 0x8a8f98) + count(sf, 0x6b7079);
		CHECK(hatch > 20000, "undefined J is hatched (%d pixels)", hatch);
		cairo_surface_destroy(sf);
		session_close(&ss);
	}
	if (open_src(&ss, flat_src, 0, NULL, 0) != 0) {
		CHECK(0, "session opens");
		return;
	}
	cairo_surface_t *sf = draw(&ss, THEME_LIGHT);
	CHECK(count(sf, 0x8a8f98) == 0, "a flat map is not hatched");
	cairo_surface_destroy(sf);
	session_close(&ss);
}

/* The map's grid follows its size on the canvas and the pixels it is drawn in: a grid
 * point every few pixels of the drawn map along each leaf, at 1920x1080, at half that,
 * and at 1920x1080 drawn into twice the pixels (a PNG export's --scale 2, which used to
 * get the 1x grid). */
static void test_grid_follows_size(void)
{
	char src[1024];
	snprintf(src, sizeof src, "%splot w, b\n", line_fit);
	struct session ss;
	if (open_src(&ss, src, 0, NULL, 0) != 0) {
		CHECK(0, "session opens");
		return;
	}
	int nx[3] = {0}, ny[3] = {0};
	for (int half = 0; half < 3; half++) { /* 1x, half the size, twice the pixels */
		struct figure_geom *g = figure_geom_new();
		struct figure fig;
		figure_of_session(&fig, rnd, &ss);
		double px = half == 2 ? 2 : 1; /* image pixels per unit */
		struct draw_opts o = {.width = half == 1 ? 960 : 1920, .height = half == 1 ? 540 : 1080,
		                      .pixels = px, .geom = g};
		for (int k = 0; k < 2; k++) /* the map is placed once it exists: fit, then fit again */
			if (figure_fit_session(&fig, &o, &ss))
				session_update(&ss);
		cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)(o.width * px),
		                                                 (int)(o.height * px));
		cairo_t *cr = cairo_create(sf);
		cairo_scale(cr, px, px);
		draw_figure(cr, &fig, &o);
		cairo_destroy(cr);
		cairo_surface_destroy(sf);
		double box[4], range[4];
		CHECK(figure_land_area(g, box, range), "the map is drawn");
		nx[half] = ss.land.nx;
		ny[half] = ss.land.ny;
		double sx = box[2] * px / (nx[half] - 1), sy = box[3] * px / (ny[half] - 1);
		CHECK(sx > 1.5 && sx < 4.5 && sy > 1.5 && sy < 4.5,
		      "%gx%g at %g pixels a unit: a %d x %d grid over a %.0f x %.0f map (a point every "
		      "%.1f, %.1f pixels)", o.width, o.height, px, nx[half], ny[half], box[2], box[3], sx, sy);
		figure_geom_free(g);
	}
	CHECK(nx[1] < nx[0] * 0.65 && (ny[1] < ny[0] * 0.65 || ny[1] == SESSION_LAND_MIN),
	      "half the size, about half the grid (%d, %d of %d, %d; %d at least)", nx[1], ny[1], nx[0], ny[0],
	      SESSION_LAND_MIN);
	CHECK(nx[2] > nx[0] * 1.8 && ny[2] > ny[0] * 1.8,
	      "twice the pixels, about twice the grid (%d, %d of %d, %d)", nx[2], ny[2], nx[0], ny[0]);
	session_close(&ss);
}

int main(void)
{
	char err[256];
	rnd = render_new(NUDGE_TEST_FONTS, err, sizeof err);
	CHECK(rnd != NULL, "fonts load: %s", err);
	if (!rnd)
		return test_report("landscape-render");
	test_one_name_keeps_the_curve();
	test_paths();
	test_undefined_and_flat();
	test_grid_follows_size();
	render_free(rnd);
	render_shutdown();
	return test_report("landscape-render");
}
