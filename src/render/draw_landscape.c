/* draw_landscape.c - the map of J over two leaves: filled bands between labelled
 * levels (a viridis-like scale, log-spaced where J spans decades, a colour bar with
 * the levels' numbers), contour lines by marching squares, the current point, the −∇J
 * arrow from backprop and the descent paths with their α in a legend, ✕ where one
 * stopped. Draws the session's samples and levels (the cost panel's land); computes no J. Regions
 * where J is not finite are hatched grey and cut no contour; a flat map says so. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nudge/format.h"
#include "render-private.h"

/* The scale: viridis at nine stops (dark purple for low J, yellow for high), read the
 * same by the colour-blind and in grey, on both themes. */
static const double land_stops[9][3] = {
	{0.267, 0.005, 0.329}, {0.282, 0.140, 0.458}, {0.231, 0.322, 0.545},
	{0.173, 0.447, 0.557}, {0.129, 0.565, 0.553}, {0.153, 0.682, 0.502},
	{0.369, 0.788, 0.384}, {0.678, 0.863, 0.188}, {0.992, 0.906, 0.145},
};

static struct rgba land_colour(double t)
{
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	double f = t * 8;
	int i = f >= 8 ? 7 : (int)f;
	f -= i;
	const double *a = land_stops[i], *b = land_stops[i + 1];
	return (struct rgba){a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f, 1};
}

/* Which band v falls in: 0 below the first level .. n above the last. */
static int land_band(const double *lv, int n, double v)
{
	int k = 0;
	while (k < n && v >= lv[k])
		k++;
	return k;
}

/* J bilinearly between the grid's points at fractional grid position (gx, gy). */
static double land_at(const struct land_samples *l, double gx, double gy)
{
	int i = (int)gx, k = (int)gy;
	i = i < 0 ? 0 : i > l->nx - 2 ? l->nx - 2 : i;
	k = k < 0 ? 0 : k > l->ny - 2 ? l->ny - 2 : k;
	double fx = gx - i, fy = gy - k;
	const double *row = l->j + (size_t)k * (size_t)l->nx;
	double a = row[i], b = row[i + 1], c = row[i + l->nx], d = row[i + l->nx + 1];
	return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
}

/* A hash of the levels (the bands' image is reused only for the same cut). */
static unsigned long land_levels_hash(const double *lv, int n)
{
	unsigned long h = 5381u + (unsigned long)n;
	for (int k = 0; k < n; k++) {
		unsigned char b[sizeof(double)];
		memcpy(b, &lv[k], sizeof b);
		for (size_t i = 0; i < sizeof b; i++)
			h = h * 33u + b[i];
	}
	return h;
}

/* The bands as an image, one pixel per 1080p pixel of the plot area; the last one is
 * reused while the map, its size and its levels stay (dragging the point). */
static cairo_surface_t *land_image(struct render *r, const struct land_samples *l, int iw, int ih,
                                   const double *lv, int n, double line)
{
	struct land_image *c = &r->land;
	unsigned long h = land_levels_hash(lv, n);
	if (c->img && c->land == l->serial && c->iw == iw && c->ih == ih && c->levels == h + (line > 0))
		return c->img;
	if (c->img)
		cairo_surface_destroy(c->img);
	*c = (struct land_image){0};
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, iw, ih);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(img);
		return NULL;
	}
	cairo_surface_flush(img);
	unsigned char *px = cairo_image_surface_get_data(img);
	int stride = cairo_image_surface_get_stride(img);
	uint32_t band[LAND_MAX_LEVELS + 1];
	for (int k = 0; k <= n; k++) {
		struct rgba col = land_colour(n > 0 ? (k + 0.5) / (n + 1) : 0.5);
		band[k] = (uint32_t)(col.r * 255 + 0.5) << 16 | (uint32_t)(col.g * 255 + 0.5) << 8 |
		          (uint32_t)(col.b * 255 + 0.5);
	}
	for (int y = 0; y < ih; y++) {
		uint32_t *out = (uint32_t *)(px + (size_t)y * (size_t)stride);
		double gy = (1 - (y + 0.5) / ih) * (l->ny - 1);
		for (int x = 0; x < iw; x++) {
			double v = land_at(l, (x + 0.5) / iw * (l->nx - 1), gy);
			out[x] = isfinite(v) ? band[land_band(lv, n, v)]
			         : ((x + y) / 6) % 2 ? 0x8a8f98 : 0x6b7079; /* hatched: not a number */
		}
	}
	cairo_surface_mark_dirty(img);
	if (line > 0 && n > 0) { /* the contours too, in the image's pixels */
		cairo_t *ic = cairo_create(img);
		cairo_set_source_rgba(ic, 0, 0, 0, 0.35);
		cairo_set_line_width(ic, line);
		grid_contours(ic, l->j, l->nx, l->ny, &(struct axes){0, 0, iw, ih, 0, 1, 0, 1}, lv, n);
		cairo_destroy(ic);
		cairo_surface_flush(img);
	}
	*c = (struct land_image){img, l->serial, iw, ih, h + (line > 0)};
	return img;
}

/* The bands, and the contours: into the cached image, at the device's pixels, when
 * drawing into an image (the window, PNG); as vector lines over it for SVG and PDF. */
static void land_fill(cairo_t *cr, struct render *r, const struct land_samples *l, const struct axes *a,
                      double line, const double *lv, int n)
{
	double dx = a->w, dy = a->h;
	cairo_user_to_device_distance(cr, &dx, &dy);
	int iw = (int)ceil(fabs(dx)), ih = (int)ceil(fabs(dy));
	if (iw < 2 || ih < 2 || iw > 8192 || ih > 8192)
		return;
	int raster = cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE;
	double ldev = line * fabs(dx) / a->w;
	cairo_surface_t *img = land_image(r, l, iw, ih, lv, n, raster ? ldev : 0);
	if (!img)
		return;
	cairo_save(cr);
	cairo_rectangle(cr, a->x, a->y, a->w, a->h);
	cairo_clip(cr);
	cairo_translate(cr, a->x, a->y);
	cairo_scale(cr, a->w / iw, a->h / ih);
	cairo_set_source_surface(cr, img, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_FAST);
	cairo_paint(cr);
	cairo_restore(cr);
	if (!raster && n > 0) {
		cairo_set_source_rgba(cr, 0, 0, 0, 0.35);
		cairo_set_line_width(cr, line);
		grid_contours(cr, l->j, l->nx, l->ny, a, lv, n);
	}
}

/* The point where level v crosses the grid edge from (i0, k0) to (i1, k1), in user units. */
static void grid_cross(const double *j, int nx, int ny, const struct axes *a, int i0, int k0, int i1,
                       int k1, double v, double *x, double *y)
{
	double f0 = j[(size_t)k0 * (size_t)nx + (size_t)i0], f1 = j[(size_t)k1 * (size_t)nx + (size_t)i1];
	double t = f1 != f0 ? (v - f0) / (f1 - f0) : 0.5;
	double gi = i0 + (i1 - i0) * t, gk = k0 + (k1 - k0) * t;
	*x = a->x + gi / (nx - 1) * a->w;
	*y = a->y + a->h - gk / (ny - 1) * a->h;
}

void grid_contours(cairo_t *cr, const double *j, int nx, int ny, const struct axes *a,
                   const double *lv, int n)
{
	static const int corner[4][2] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}}; /* (di, dk), around the cell */
	for (int k = 0; k + 1 < ny; k++)
		for (int i = 0; i + 1 < nx; i++) {
			double f[4];
			int ok = 1;
			for (int c = 0; c < 4; c++) {
				f[c] = j[(size_t)(k + corner[c][1]) * (size_t)nx + (size_t)(i + corner[c][0])];
				ok = ok && isfinite(f[c]);
			}
			if (!ok)
				continue;
			double flo = fmin(fmin(f[0], f[1]), fmin(f[2], f[3]));
			double fhi = fmax(fmax(f[0], f[1]), fmax(f[2], f[3]));
			for (int m = land_band(lv, n, flo); m < n && lv[m] <= fhi; m++) {
				double pts[4][2];
				int np = 0;
				for (int e = 0; e < 4 && np < 4; e++) { /* edges where the level is crossed */
					int c0 = e, c1 = (e + 1) % 4;
					if ((f[c0] >= lv[m]) != (f[c1] >= lv[m]))
						grid_cross(j, nx, ny, a, i + corner[c0][0], k + corner[c0][1], i + corner[c1][0],
						           k + corner[c1][1], lv[m], &pts[np][0], &pts[np][1]), np++;
				}
				for (int q = 0; q + 1 < np; q += 2) { /* a saddle gives two segments */
					cairo_move_to(cr, pts[q][0], pts[q][1]);
					cairo_line_to(cr, pts[q + 1][0], pts[q + 1][1]);
				}
			}
		}
	cairo_stroke(cr);
}

/* The colour bar right of the map: one block per band, the levels' numbers beside. */
static void land_bar(cairo_t *cr, struct render *r, const struct theme *th, double x, double y,
                     double w, double h, const double *lv, int n, double font)
{
	struct text_style ts = {FONT_REGULAR, font, 1};
	double bh = h / (n + 1);
	for (int k = 0; k <= n; k++) {
		theme_set(cr, land_colour(n > 0 ? (k + 0.5) / (n + 1) : 0.5));
		cairo_rectangle(cr, x, y + h - (k + 1) * bh, w, bh + 0.5);
		cairo_fill(cr);
	}
	theme_set(cr, th->muted);
	cairo_set_line_width(cr, font * 0.08);
	cairo_rectangle(cr, x, y, w, h);
	cairo_stroke(cr);
	int every = (int)ceil(font * 1.3 / bh); /* labels that would touch are thinned */
	every = every < 1 ? 1 : every;
	for (int k = 0; k < n; k++) {
		if (k % every)
			continue;
		char buf[64];
		fmt_num(buf, sizeof buf, lv[k], 3);
		double ly = y + h - (k + 1) * bh;
		theme_set(cr, th->muted);
		cairo_move_to(cr, x + w, ly);
		cairo_line_to(cr, x + w + font * 0.3, ly);
		cairo_stroke(cr);
		theme_set(cr, th->fg);
		text_draw(cr, r, buf, x + w + font * 0.45, ly + font * 0.35, &ts);
	}
}

void marker_path(cairo_t *cr, int shape, double x, double y, double s)
{
	switch (shape % 4) {
	case 0: cairo_new_sub_path(cr); cairo_arc(cr, x, y, s, 0, 2 * M_PI); break;
	case 1: cairo_rectangle(cr, x - s * 0.9, y - s * 0.9, s * 1.8, s * 1.8); break;
	case 2:
		cairo_move_to(cr, x, y - s * 1.2);
		cairo_line_to(cr, x + s * 1.1, y + s * 0.8);
		cairo_line_to(cr, x - s * 1.1, y + s * 0.8);
		cairo_close_path(cr);
		break;
	default:
		cairo_move_to(cr, x, y - s * 1.25);
		cairo_line_to(cr, x + s * 1.1, y);
		cairo_line_to(cr, x, y + s * 1.25);
		cairo_line_to(cr, x - s * 1.1, y);
		cairo_close_path(cr);
		break;
	}
}

/* The paths' colours (Okabe-Ito, drawn over a dark halo so each reads on every band;
 * orange is −∇J's). */
static const struct rgba land_path_colour[LAND_MAX_PATHS] = {
	{1, 1, 1, 1}, {0.337, 0.706, 0.914, 1}, {0.8, 0.475, 0.655, 1}, {0.941, 0.894, 0.259, 1},
	{0, 0.620, 0.451, 1}, {0, 0.447, 0.698, 1},
};

/* How many of the path's points to draw: up to the first one off the map (the line
 * to it is clipped at the border), so a diverging run does not scribble over the map. */
static int land_shown(const struct descent_path *p, const struct axes *a, int *off)
{
	*off = 0;
	for (int k = 0; k < p->n; k++) {
		double va = p->ab[2 * k], vb = p->ab[2 * k + 1];
		if (!(va >= a->xlo && va <= a->xhi && vb >= a->ylo && vb <= a->yhi)) {
			*off = 1;
			return k + 1;
		}
	}
	return p->n;
}

/* The point where the segment from inside (x0, y0) to (x1, y1) leaves the plot area. */
static void land_exit(const struct axes *a, double x0, double y0, double *x1, double *y1)
{
	double t = 1;
	double dx = *x1 - x0, dy = *y1 - y0;
	if (dx > 0 && x0 + dx > a->x + a->w)
		t = fmin(t, (a->x + a->w - x0) / dx);
	if (dx < 0 && x0 + dx < a->x)
		t = fmin(t, (a->x - x0) / dx);
	if (dy > 0 && y0 + dy > a->y + a->h)
		t = fmin(t, (a->y + a->h - y0) / dy);
	if (dy < 0 && y0 + dy < a->y)
		t = fmin(t, (a->y - y0) / dy);
	*x1 = x0 + dx * t;
	*y1 = y0 + dy * t;
}

/* ✕ at (x, y), over a dark halo. */
static void land_cross_mark(cairo_t *cr, const struct theme *th, double x, double y, double font)
{
	double s = font * 0.5;
	for (int pass = 0; pass < 2; pass++) {
		cairo_set_source_rgba(cr, 0, 0, 0, 0.8);
		if (pass)
			theme_set(cr, th->wrong);
		cairo_set_line_width(cr, pass ? font * 0.18 : font * 0.38);
		cairo_move_to(cr, x - s, y - s);
		cairo_line_to(cr, x + s, y + s);
		cairo_move_to(cr, x + s, y - s);
		cairo_line_to(cr, x - s, y + s);
		cairo_stroke(cr);
	}
}

static void land_paths(cairo_t *cr, const struct land_samples *l, const struct axes *a,
                       const struct theme *th, double font)
{
	double lw = font * 0.12, ms = font * 0.2;
	cairo_save(cr);
	cairo_rectangle(cr, a->x, a->y, a->w, a->h);
	cairo_clip(cr);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	for (int i = l->n_paths - 1; i >= 0; i--) { /* the first (often the slowest) on top */
		const struct descent_path *p = &l->paths[i];
		int off, n = land_shown(p, a, &off);
		double ex = 0, ey = 0; /* where it leaves the map, or its last point */
		for (int pass = 0; pass < 2; pass++) { /* the halo, then the colour */
			cairo_set_source_rgba(cr, 0, 0, 0, pass ? 1 : 0.7);
			if (pass)
				theme_set(cr, land_path_colour[i]);
			cairo_set_line_width(cr, pass ? lw : lw * 2.6);
			double px = 0, py = 0;
			for (int k = 0; k < n; k++) {
				double x = axes_x(a, p->ab[2 * k]), y = axes_y(a, p->ab[2 * k + 1]);
				if (k == n - 1 && off && k > 0)
					land_exit(a, px, py, &x, &y);
				if (k)
					cairo_line_to(cr, x, y);
				else
					cairo_move_to(cr, x, y);
				px = ex = x;
				py = ey = y;
			}
			cairo_stroke(cr);
			for (int k = 1; k < n - off; k++) {
				marker_path(cr, i, axes_x(a, p->ab[2 * k]), axes_y(a, p->ab[2 * k + 1]),
				            pass ? ms : ms + lw * 0.8);
				cairo_fill(cr);
			}
		}
		if (p->stopped && n > 0) /* ✕ where the run stopped, or where it left the map */
			land_cross_mark(cr, th, fmax(a->x + font * 0.6, fmin(a->x + a->w - font * 0.6, ex)),
			                fmax(a->y + font * 0.6, fmin(a->y + a->h - font * 0.6, ey)), font);
	}
	cairo_restore(cr);
}

/* The legend above the map: marker and α of each path, ✕ for one that stopped. */
static void land_legend(cairo_t *cr, struct render *r, const struct land_samples *l, const struct panel *p,
                        double font, double *y)
{
	if (l->n_paths == 0)
		return;
	struct text_style ts = {FONT_REGULAR, font, 0};
	double lw = font * 0.12, ms = font * 0.28, x = p->x + font * 0.4;
	*y += font * 1.3;
	for (int i = 0; i < l->n_paths; i++) {
		char rate[48], line[96];
		fmt_num(rate, sizeof rate, l->paths[i].rate, 4);
		snprintf(line, sizeof line, "α = %s%s", rate, l->paths[i].stopped ? " diverged" : "");
		double tw = text_width(r, line, &ts) + font * (l->paths[i].stopped ? 1.3 : 0);
		if (x + font * 1.2 + tw > p->x + p->w && x > p->x + font) { /* next line */
			x = p->x + font * 0.4;
			*y += font * 1.4;
		}
		cairo_set_source_rgba(cr, 0, 0, 0, 0.7);
		marker_path(cr, i, x, *y - font * 0.35, ms + lw * 0.8);
		cairo_fill(cr);
		theme_set(cr, land_path_colour[i]);
		marker_path(cr, i, x, *y - font * 0.35, ms);
		cairo_fill(cr);
		theme_set(cr, l->paths[i].stopped ? p->th->wrong : p->th->fg);
		double w = text_draw(cr, r, line, x + font * 0.7, *y, &ts);
		if (l->paths[i].stopped)
			land_cross_mark(cr, p->th, x + font * 1.3 + w, *y - font * 0.35, font * 0.8);
		x += font * 1.2 + tw + font * 1.2;
	}
	*y += font * 0.3;
}

/* The descent steps taken so far (G, T in the window): the point after each, joined,
 * older ones fainter, as the J(w) plot's trail. */
static void land_history(cairo_t *cr, const struct figure *fig, const struct land_samples *l,
                         const struct axes *a, const struct theme *th, double font)
{
	const struct figure_panel *loss = figure_panel(fig, PANEL_LOSS);
	int n = loss ? loss->loss.n : 0, nn = fig->scene->n_nodes;
	if (n <= 0 || !loss->loss.set)
		return;
	cairo_save(cr);
	cairo_rectangle(cr, a->x, a->y, a->w, a->h);
	cairo_clip(cr);
	for (int i = 0; i < n; i++) {
		const double *set = loss->loss.set + (size_t)i * (size_t)nn;
		double x = axes_x(a, set[l->a]), y = axes_y(a, set[l->b]), fade = 0.35 + 0.65 * (i + 1) / n;
		if (i > 0) {
			const double *prev = set - nn;
			cairo_move_to(cr, axes_x(a, prev[l->a]), axes_y(a, prev[l->b]));
			cairo_line_to(cr, x, y);
			theme_set_alpha(cr, th->fg, fade);
			cairo_set_line_width(cr, font * 0.12);
			cairo_stroke(cr);
		}
		cairo_new_sub_path(cr);
		cairo_arc(cr, x, y, font * 0.2, 0, 2 * M_PI);
		theme_set_alpha(cr, th->label_bg, fade);
		cairo_fill_preserve(cr);
		theme_set_alpha(cr, th->fg, fade);
		cairo_set_line_width(cr, font * 0.08);
		cairo_stroke(cr);
	}
	cairo_restore(cr);
}

/* The current point and the −∇J arrow (its direction in the map's units, a fixed length). */
static void land_point(cairo_t *cr, struct render *r, const struct axes *a, const struct theme *th,
                       double va, double vb, double ga, double gb, int known, double font)
{
	double x = axes_x(a, va), y = axes_y(a, vb);
	if (!(x >= a->x && x <= a->x + a->w && y >= a->y && y <= a->y + a->h))
		return;
	double dx = -ga * a->w / (a->xhi - a->xlo), dy = gb * a->h / (a->yhi - a->ylo);
	double len = hypot(dx, dy), L = fmin(a->w, a->h) * 0.2;
	if (known && len > 0 && isfinite(len)) {
		double ux = dx / len, uy = dy / len, tx = x + ux * L, ty = y + uy * L, hd = font * 0.7;
		for (int pass = 0; pass < 2; pass++) {
			cairo_set_source_rgba(cr, 0, 0, 0, 0.75);
			if (pass)
				theme_set(cr, th->backward);
			cairo_set_line_width(cr, pass ? font * 0.2 : font * 0.42);
			cairo_move_to(cr, x, y);
			cairo_line_to(cr, tx - ux * hd * 0.6, ty - uy * hd * 0.6);
			cairo_stroke(cr);
			cairo_move_to(cr, tx, ty);
			cairo_line_to(cr, tx - ux * hd - uy * hd * 0.5, ty - uy * hd + ux * hd * 0.5);
			cairo_line_to(cr, tx - ux * hd + uy * hd * 0.5, ty - uy * hd - ux * hd * 0.5);
			cairo_close_path(cr);
			if (pass)
				cairo_fill(cr);
			else
				cairo_stroke(cr);
		}
		struct text_style ts = {FONT_BOLD, font * 1.1, 0};
		const char *lab = "−∇J";
		double tw = text_width(r, lab, &ts);
		/* beside the arrow's middle, on the side away from the pointing direction's
		 * first path step (which runs along the arrow) */
		double nx = -uy, ny = ux, mx = (x + tx) / 2, my = (y + ty) / 2;
		if (ny > 0) { /* the label above the arrow rather than below */
			nx = -nx;
			ny = -ny;
		}
		double off = font * 0.9 + fabs(nx) * tw / 2, lx = 0, ly = 0;
		for (int side = 0; side < 2; side++) { /* the other side when the map's edge pushes
		                                          the label onto the point */
			double s = side ? -1 : 1;
			lx = fmax(a->x + 2, fmin(a->x + a->w - tw - 2, mx + s * nx * off - tw / 2));
			ly = fmax(a->y + font * 1.2, fmin(a->y + a->h - 4, my + s * ny * off + font * 0.4));
			if (!(x > lx - font * 0.7 && x < lx + tw + font * 0.7 && y > ly - font * 1.5 && y < ly + font * 0.8))
				break;
		}
		theme_set_alpha(cr, th->label_bg, 0.85);
		graph_box_path(cr, lx - font * 0.2, ly - font * 1.0, tw + font * 0.4, font * 1.35, font * 0.2);
		cairo_fill(cr);
		theme_set(cr, th->backward);
		text_draw(cr, r, lab, lx, ly, &ts);
	}
	cairo_new_sub_path(cr);
	cairo_arc(cr, x, y, font * 0.42, 0, 2 * M_PI);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, font * 0.14);
	cairo_stroke(cr);
}

/* The line above the map: what it shows and the gradient backprop gives. */
static void land_header(cairo_t *cr, struct render *r, const struct panel *p, const struct figure *fig,
                        const struct land_samples *l, int known, double font, double *y)
{
	const struct scene *s = fig->scene;
	const char *J = s->nodes[s->cost].label, *A = s->nodes[l->a].label, *B = s->nodes[l->b].label;
	char line[512], ga[64], gb[64];
	fmt_num(ga, sizeof ga, fig->ev->mean_grad[l->a], NUDGE_DIGITS);
	fmt_num(gb, sizeof gb, fig->ev->mean_grad[l->b], NUDGE_DIGITS);
	snprintf(line, sizeof line, "%s over %s and %s", J, A, B);
	struct text_style big = {FONT_BOLD, font * 1.25, 0};
	big.size = text_fit(r, line, &big, p->w, font * 0.6);
	*y += big.size * 1.05;
	theme_set(cr, p->th->fg);
	text_draw(cr, r, line, p->x, *y, &big);
	snprintf(line, sizeof line, "d%s/d%s = %s    d%s/d%s = %s", J, A, known ? ga : "?", J, B, known ? gb : "?");
	struct text_style sl = {FONT_BOLD, font * 1.05, 0};
	sl.size = text_fit(r, line, &sl, p->w, font * 0.6);
	*y += sl.size * 1.5;
	theme_set(cr, p->th->backward);
	text_draw(cr, r, line, p->x, *y, &sl);
	*y += font * 0.6;
}

int land_visible(const struct scene *s, const struct cost_view *c)
{
	const struct land_samples *l = c->land;
	return l && l->j && l->a == c->plot && l->b >= 0 && l->b < s->n_nodes && l->nx >= 2 &&
	       l->ny >= 2;
}

/* The map's type: the plots' axes type, at least 19 1080p pixels; presenting, at least
 * H/34 (digits of 1/45 of the screen's height, which the back row reads). */
static double land_font(const struct panel *p)
{
	double font = fmax(axes_font(p), 19 * p->u);
	return p->o && p->o->present ? fmax(font, p->o->height / 34) : font;
}

void land_sample_counts(const struct panel *p, int *nx, int *ny)
{
	double font = land_font(p);
	double w = p->w - font * 7, h = p->h - font * 8; /* less the bar, ticks, header, legend */
	double px = p->o && p->o->pixels > 0 ? p->o->pixels : 1; /* image pixels per unit */
	*nx = (int)(fmax(w, 0) * px / LAND_PX) + 1;
	*ny = (int)(fmax(h, 0) * px / LAND_PX) + 1;
}

void draw_landscape(cairo_t *cr, struct render *r, const struct figure *fig, const struct cost_view *c,
                    const struct panel *p)
{
	if (!land_visible(fig->scene, c))
		return;
	const struct land_samples *l = c->land;
	const struct scene *s = fig->scene;
	const struct theme *th = p->th;
	double font = land_font(p);
	int known = !p->o->hide_values && (!fig->trace || fig->step >= fig->trace->n_steps - 1);
	double y = p->y;
	land_header(cr, r, p, fig, l, known, font, &y);
	land_legend(cr, r, l, p, font, &y);
	y += font * 1.6; /* room for the y axis name */
	double lo = l->lo, hi = l->hi;
	const double *lv = l->lv;
	int is_log = l->is_log, n = l->n_levels;
	/* the colour bar's labels need the widest level's width */
	struct text_style ts = {FONT_REGULAR, font, 1};
	double lab = 0;
	for (int k = 0; k < n; k++) {
		char buf[64];
		fmt_num(buf, sizeof buf, lv[k], 3);
		lab = fmax(lab, text_width(r, buf, &ts));
	}
	double barw = font * 0.9, right = barw + font * 0.9 + lab;
	struct axes a = {p->x, y, p->w - right, p->y + p->h - y - font * 3.0, l->alo, l->ahi, l->blo, l->bhi};
	if (a.h < font * 4 || a.w < font * 6)
		return;
	double ml = axes_margin(r, &a, font);
	a.x += ml;
	a.w -= ml + font * 0.5;
	/* the same length per unit on both axes when that costs the map little (then −∇J
	 * stands at right angles to the contours as drawn) */
	double ka = a.w / (a.xhi - a.xlo), kb = a.h / (a.yhi - a.ylo), k = fmin(ka, kb);
	if (fmax(ka, kb) / k < 1.5) {
		double nw = k * (a.xhi - a.xlo), nh = k * (a.yhi - a.ylo);
		a.x += (a.w - nw) / 2;
		a.y += (a.h - nh) / 2;
		a.w = nw;
		a.h = nh;
	}
	axes_draw(cr, r, th, &a, font, s->nodes[l->a].label, s->nodes[l->b].label); /* the map covers its grid */
	land_fill(cr, r, l, &a, fmax(0.8 * p->u, font * 0.05), lv, n);
	theme_set(cr, th->muted);
	cairo_set_line_width(cr, font * 0.11);
	cairo_rectangle(cr, a.x, a.y, a.w, a.h);
	cairo_stroke(cr);
	if (!(lo <= hi)) { /* nothing finite */
		struct text_style ws = {FONT_ITALIC, font, 0};
		theme_set(cr, th->fg);
		text_draw(cr, r, "J is not a finite number anywhere here", a.x + font * 0.5, a.y + a.h / 2, &ws);
	} else if (n == 0) {
		char buf[64], line[128];
		fmt_num(buf, sizeof buf, lo, NUDGE_DIGITS);
		snprintf(line, sizeof line, "flat: J = %s everywhere here", buf);
		struct text_style ws = {FONT_ITALIC, font, 0};
		theme_set_alpha(cr, th->label_bg, 0.85);
		graph_box_path(cr, a.x + font * 0.3, a.y + a.h - font * 2, text_width(r, line, &ws) + font * 0.8,
		               font * 1.6, font * 0.2);
		cairo_fill(cr);
		theme_set(cr, th->fg);
		text_draw(cr, r, line, a.x + font * 0.7, a.y + a.h - font * 0.8, &ws);
	} else {
		land_bar(cr, r, th, a.x + a.w + font * 0.6, a.y, barw, a.h, lv, n, font);
		if (is_log) {
			struct text_style ws = {FONT_ITALIC, font * 0.9, 0};
			theme_set(cr, th->muted);
			text_draw(cr, r, "log levels", a.x + a.w + font * 0.4, a.y - font * 0.5, &ws);
		}
	}
	land_paths(cr, l, &a, th, font);
	land_history(cr, fig, l, &a, th, font);
	r->geom->has_land = 1;
	r->geom->land = a;
	geom_add(r->geom, HIT_LAND, l->a, -1, a.x, a.y, a.w, a.h);
	land_point(cr, r, &a, th, fig->ev->set[l->a], fig->ev->set[l->b], fig->ev->mean_grad[l->a],
	           fig->ev->mean_grad[l->b], known, font);
}
