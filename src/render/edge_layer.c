/* edge_layer.c - the graph's idle edges kept as an image between frames (draw_opts.live):
 * dragging a slider over a large graph changes numbers, not routes, and stroking ~1000
 * routed edges was most of such a frame. The layer is keyed by a hash of what it shows
 * (draw_graph.c hashes every idle edge's route and colour, with the transform), so it
 * is drawn again exactly when that changed. Only for image targets: a vector export
 * keeps its edges as paths, and one-frame exports draw them straight. */
#include <math.h>
#include "render-private.h"

void edge_layer_free(struct edge_layer *l)
{
	if (l->img)
		cairo_surface_destroy(l->img);
	*l = (struct edge_layer){0};
}

/* Can cr's target take the layer: an image without device offset or scale? */
static int edge_layer_target(cairo_t *cr)
{
	cairo_surface_t *t = cairo_get_target(cr);
	double ox, oy, sx, sy;
	cairo_surface_get_device_offset(t, &ox, &oy);
	cairo_surface_get_device_scale(t, &sx, &sy);
	return cairo_surface_get_type(t) == CAIRO_SURFACE_TYPE_IMAGE && ox == 0 && oy == 0 &&
	       sx == 1 && sy == 1;
}

/* The device pixels of the user-space box (x0, y0)-(x1, y1) grown by pad pixels, within
 * cr's clip: integer bounds into b (x0, y0, x1, y1); 0 when nothing is left. */
static int edge_layer_pixels(cairo_t *cr, double x0, double y0, double x1, double y1,
                             double pad, int b[4])
{
	double cx[4] = {x0, x1, x0, x1}, cy[4] = {y0, y0, y1, y1};
	double lo[2] = {INFINITY, INFINITY}, hi[2] = {-INFINITY, -INFINITY}, clip[4];
	for (int i = 0; i < 4; i++) {
		cairo_user_to_device(cr, &cx[i], &cy[i]);
		lo[0] = fmin(lo[0], cx[i]), hi[0] = fmax(hi[0], cx[i]);
		lo[1] = fmin(lo[1], cy[i]), hi[1] = fmax(hi[1], cy[i]);
	}
	cairo_save(cr);
	cairo_identity_matrix(cr); /* the clip in device pixels */
	cairo_clip_extents(cr, &clip[0], &clip[1], &clip[2], &clip[3]);
	cairo_restore(cr);
	b[0] = (int)floor(fmax(lo[0] - pad, clip[0]));
	b[1] = (int)floor(fmax(lo[1] - pad, clip[1]));
	b[2] = (int)ceil(fmin(hi[0] + pad, clip[2]));
	b[3] = (int)ceil(fmin(hi[1] + pad, clip[3]));
	return b[2] > b[0] && b[3] > b[1];
}

cairo_t *edge_layer_open(struct edge_layer *l, cairo_t *cr, unsigned long key, double x0,
                         double y0, double x1, double y1, int *fresh)
{
	*fresh = 0;
	int b[4];
	if (!edge_layer_target(cr) || !edge_layer_pixels(cr, x0, y0, x1, y1, 4, b))
		return NULL;
	for (int i = 0; i < 4; i++) /* the same edges on other pixels are another layer */
		key = (key ^ (unsigned long)(unsigned)b[i]) * 1099511628211UL;
	if (l->img && l->key == key) {
		*fresh = 1;
		return NULL;
	}
	if (l->seen != key) { /* a first frame of these edges: a pan or a glide makes one */
		l->seen = key;    /* each frame, which is cheaper stroked straight */
		return NULL;
	}
	int w = b[2] - b[0], h = b[3] - b[1];
	if (l->img && (l->w != w || l->h != h))
		edge_layer_free(l);
	cairo_surface_t *img = l->img ? l->img : cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	l->img = NULL;
	cairo_t *lc = cairo_create(img);
	cairo_surface_destroy(img); /* lc holds it */
	if (cairo_status(lc) != CAIRO_STATUS_SUCCESS) {
		cairo_destroy(lc);
		return NULL;
	}
	cairo_set_operator(lc, CAIRO_OPERATOR_CLEAR); /* a reused image: its old edges go */
	cairo_paint(lc);
	cairo_set_operator(lc, CAIRO_OPERATOR_OVER);
	cairo_matrix_t m;
	cairo_get_matrix(cr, &m);
	cairo_translate(lc, -b[0], -b[1]); /* the target's pixel (x, y) at the layer's (0, 0) */
	cairo_transform(lc, &m);
	*l = (struct edge_layer){cairo_surface_reference(img), key, key, b[0], b[1], w, h};
	return lc;
}

void edge_layer_close(struct edge_layer *l, cairo_t *lc)
{
	if (cairo_status(lc) != CAIRO_STATUS_SUCCESS)
		edge_layer_free(l); /* not kept: the next frame draws it again */
	cairo_destroy(lc);
	if (l->img)
		cairo_surface_flush(l->img);
}

int edge_layer_paint(const struct edge_layer *l, cairo_t *cr)
{
	if (!l->img)
		return -1;
	cairo_save(cr);
	cairo_identity_matrix(cr);
	cairo_set_source_surface(cr, l->img, l->x, l->y);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST);
	cairo_paint(cr);
	cairo_restore(cr);
	return 0;
}
