/* deck_gif.c - the walk as an animated GIF through giflib: one global palette holding the
 * figure's colours exactly when it has at most 256, else (antialiased text makes
 * thousands of shades) its 128 most used exactly and 128 more where they help most;
 * each frame stores only the rectangle that changed since the one before; looping, a
 * pace per step and the last step held three times as long. */
#include <gif_lib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "render-private.h"

/* A hash table of the colours seen: 0xRRGGBB keys, their use count and palette index. */
struct gif_colours {
	uint32_t *key;   /* colour | 1 << 24 when used, 0 when the slot is free */
	uint32_t *count; /* pixels of that colour, over every frame */
	uint8_t *index;  /* its palette entry */
	size_t cap;      /* slots, a power of two */
	size_t used;     /* colours in the table */
};

static size_t gif_slot(const struct gif_colours *c, uint32_t rgb)
{
	size_t i = (rgb * 2654435761u) & (c->cap - 1);
	while (c->key[i] && c->key[i] != (rgb | 1u << 24))
		i = (i + 1) & (c->cap - 1);
	return i;
}

static int gif_grow(struct gif_colours *c)
{
	struct gif_colours g = {calloc(c->cap * 2, 4), calloc(c->cap * 2, 4), calloc(c->cap * 2, 1), c->cap * 2, 0};
	if (!g.key || !g.count || !g.index) {
		free(g.key);
		free(g.count);
		free(g.index);
		return -1;
	}
	for (size_t i = 0; i < c->cap; i++)
		if (c->key[i]) {
			size_t j = gif_slot(&g, c->key[i] & 0xFFFFFF);
			g.key[j] = c->key[i];
			g.count[j] = c->count[i];
			g.used++;
		}
	free(c->key);
	free(c->count);
	free(c->index);
	*c = g;
	return 0;
}

/* Counts the colours of an opaque ARGB32 image. 0, or -1 when out of memory. */
static int gif_count(struct gif_colours *c, cairo_surface_t *img)
{
	int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
	int stride = cairo_image_surface_get_stride(img);
	const unsigned char *data = cairo_image_surface_get_data(img);
	uint32_t last = 0xFFFFFFFF;
	size_t slot = 0;
	for (int y = 0; y < h; y++) {
		const uint32_t *p = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
		for (int x = 0; x < w; x++) {
			uint32_t rgb = p[x] & 0xFFFFFF;
			if (rgb != last) { /* runs of one colour are the common case */
				if (c->used * 2 >= c->cap && gif_grow(c) != 0)
					return -1;
				slot = gif_slot(c, rgb);
				if (!c->key[slot]) {
					c->key[slot] = rgb | 1u << 24;
					c->used++;
				}
				last = rgb;
			}
			c->count[slot]++;
		}
	}
	return 0;
}

static struct gif_colours *gif_sort_by; /* the table qsort's comparison reads */

static int gif_by_count(const void *a, const void *b)
{
	uint32_t ca = gif_sort_by->count[*(const size_t *)a], cb = gif_sort_by->count[*(const size_t *)b];
	return ca < cb ? 1 : ca > cb ? -1 : 0;
}

#define GIF_KEEP 128 /* with more than 256 colours: this many most used are kept first */

static long gif_dist(uint32_t rgb, const GifColorType *p)
{
	long dr = (long)(rgb >> 16 & 255) - p->Red, dg = (long)(rgb >> 8 & 255) - p->Green,
	     db = (long)(rgb & 255) - p->Blue;
	return 2 * dr * dr + 4 * dg * dg + 3 * db * db; /* the eye weighs green most */
}

static void gif_add(GifColorType pal[256], int i, uint32_t rgb)
{
	pal[i] = (GifColorType){(GifByteType)(rgb >> 16), (GifByteType)(rgb >> 8), (GifByteType)rgb};
}

/* Chooses the palette and gives every colour in the table its entry: all colours exactly
 * when there are at most 256; else the GIF_KEEP most used exactly, and the rest of the
 * entries one at a time for the colour the palette serves worst (pixels × squared
 * distance to its nearest entry), each colour then mapped to its nearest entry.
 * Returns the palette size, or -1 when out of memory. */
static int gif_palette(struct gif_colours *c, GifColorType pal[256])
{
	size_t *order = malloc(c->used * sizeof *order), m = 0;
	long *dist = malloc(c->used * sizeof *dist);
	if (!order || !dist) {
		free(order);
		free(dist);
		return -1;
	}
	for (size_t i = 0; i < c->cap; i++)
		if (c->key[i])
			order[m++] = i;
	gif_sort_by = c;
	qsort(order, m, sizeof *order, gif_by_count);
	int n = m <= 256 ? (int)m : GIF_KEEP;
	for (int i = 0; i < n; i++) {
		gif_add(pal, i, c->key[order[i]] & 0xFFFFFF);
		c->index[order[i]] = (uint8_t)i;
	}
	for (size_t i = (size_t)n; i < m; i++) { /* the rest: the nearest kept colour, for now */
		dist[i] = -1;
		for (int j = 0; j < n; j++) {
			long d = gif_dist(c->key[order[i]] & 0xFFFFFF, &pal[j]);
			if (dist[i] < 0 || d < dist[i]) {
				dist[i] = d;
				c->index[order[i]] = (uint8_t)j;
			}
		}
	}
	for (; m > 256 && n < 256; n++) {
		size_t worst = (size_t)GIF_KEEP;
		double worst_err = -1;
		for (size_t i = (size_t)GIF_KEEP; i < m; i++) {
			double e = (double)dist[i] * c->count[order[i]];
			if (e > worst_err) {
				worst_err = e;
				worst = i;
			}
		}
		gif_add(pal, n, c->key[order[worst]] & 0xFFFFFF);
		for (size_t i = (size_t)GIF_KEEP; i < m; i++) {
			long d = gif_dist(c->key[order[i]] & 0xFFFFFF, &pal[n]);
			if (d < dist[i]) {
				dist[i] = d;
				c->index[order[i]] = (uint8_t)n;
			}
		}
	}
	free(order);
	free(dist);
	return n;
}

/* An image as palette indices, into idx (w * h bytes). */
static void gif_indices(struct gif_colours *c, cairo_surface_t *img, uint8_t *idx)
{
	int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
	int stride = cairo_image_surface_get_stride(img);
	const unsigned char *data = cairo_image_surface_get_data(img);
	uint32_t last = 0xFFFFFFFF;
	uint8_t v = 0;
	for (int y = 0; y < h; y++) {
		const uint32_t *p = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
		for (int x = 0; x < w; x++) {
			uint32_t rgb = p[x] & 0xFFFFFF;
			if (rgb != last) {
				v = c->index[gif_slot(c, rgb)];
				last = rgb;
			}
			idx[(size_t)y * (size_t)w + (size_t)x] = v;
		}
	}
}

static int gif_out(GifFileType *g, const GifByteType *data, int len)
{
	return export_write(g->UserData, data, (unsigned int)len) == CAIRO_STATUS_SUCCESS ? len : 0;
}

/* The rectangle where cur differs from prev (the whole frame without prev). */
static void gif_changed(const uint8_t *prev, const uint8_t *cur, int w, int h, int box[4])
{
	int x0 = w, y0 = h, x1 = -1, y1 = -1;
	for (int y = 0; y < h; y++) {
		const uint8_t *a = prev ? prev + (size_t)y * (size_t)w : NULL, *b = cur + (size_t)y * (size_t)w;
		if (a && !memcmp(a, b, (size_t)w))
			continue;
		int l = 0, r = w - 1;
		while (a && a[l] == b[l])
			l++;
		while (a && a[r] == b[r])
			r--;
		x0 = l < x0 ? l : x0;
		x1 = r > x1 ? r : x1;
		y0 = y < y0 ? y : y0;
		y1 = y;
	}
	if (x1 < 0) { /* nothing changed: one pixel, so the frame still takes its time */
		x0 = y0 = x1 = y1 = 0;
	}
	box[0] = x0;
	box[1] = y0;
	box[2] = x1 - x0 + 1;
	box[3] = y1 - y0 + 1;
}

/* Draws step k of fig as an opaque image; NULL with err. */
static cairo_surface_t *gif_draw(const struct figure *fig, int k, const struct deck_opts *o,
                                 char *err, size_t n)
{
	struct figure f = *fig;
	f.step = k;
	f.progress = 1;
	struct draw_opts d = export_draw_opts(&o->ex);
	d.transparent = 0;
	return export_image(&f, &d, o->ex.scale > 0 ? o->ex.scale : 1, err, n);
}

int deck_gif(const struct figure *fig, const int *steps, int count, const struct deck_opts *o,
             struct export_sink *k, char *err, size_t n)
{
	struct gif_colours c = {calloc(1024, 4), calloc(1024, 4), calloc(1024, 1), 1024, 0};
	uint8_t *prev = NULL, *cur = NULL;
	GifFileType *g = NULL;
	int rc = -1, w = 0, h = 0, gerr = 0;
	GifColorType pal[256];
	if (!c.key || !c.count || !c.index)
		goto out;
	for (int i = 0; i < count; i++) { /* first pass: the colours of every frame */
		cairo_surface_t *img = gif_draw(fig, steps[i], o, err, n);
		if (!img)
			goto done;
		w = cairo_image_surface_get_width(img);
		h = cairo_image_surface_get_height(img);
		int fail = gif_count(&c, img);
		cairo_surface_destroy(img);
		if (fail)
			goto out;
	}
	int n_pal = gif_palette(&c, pal);
	prev = malloc((size_t)w * (size_t)h);
	cur = malloc((size_t)w * (size_t)h);
	if (n_pal < 0 || !prev || !cur)
		goto out;
	int bits = 1;
	while (1 << bits < n_pal)
		bits++;
	ColorMapObject *map = GifMakeMapObject(1 << bits, NULL);
	if (!map)
		goto out;
	memset(map->Colors, 0, sizeof *map->Colors * (size_t)(1 << bits));
	memcpy(map->Colors, pal, sizeof *pal * (size_t)n_pal);
	g = EGifOpen(k, gif_out, &gerr);
	if (!g || EGifPutScreenDesc(g, w, h, 8, 0, map) == GIF_ERROR) {
		GifFreeMapObject(map);
		goto gif_failed;
	}
	GifFreeMapObject(map);
	EGifSetGifVersion(g, true);
	static const GifByteType loop[3] = {1, 0, 0}; /* sub-block 1: loop count 0, for ever */
	if (EGifPutExtensionLeader(g, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR ||
	    EGifPutExtensionBlock(g, 11, "NETSCAPE2.0") == GIF_ERROR ||
	    EGifPutExtensionBlock(g, 3, loop) == GIF_ERROR || EGifPutExtensionTrailer(g) == GIF_ERROR)
		goto gif_failed;
	double pace = o->pace > 0 ? o->pace : 1.2;
	for (int i = 0; i < count; i++) { /* second pass: the frames */
		cairo_surface_t *img = gif_draw(fig, steps[i], o, err, n);
		if (!img)
			goto done;
		gif_indices(&c, img, cur);
		cairo_surface_destroy(img);
		int box[4];
		gif_changed(i ? prev : NULL, cur, w, h, box);
		double secs = i == count - 1 && count > 1 ? 3 * pace : pace;
		GraphicsControlBlock gcb = {.DisposalMode = DISPOSE_DO_NOT, .UserInputFlag = false,
		                            .DelayTime = (int)(secs * 100 + 0.5), .TransparentColor = NO_TRANSPARENT_COLOR};
		GifByteType ext[4];
		size_t len = EGifGCBToExtension(&gcb, ext);
		if (EGifPutExtension(g, GRAPHICS_EXT_FUNC_CODE, (int)len, ext) == GIF_ERROR ||
		    EGifPutImageDesc(g, box[0], box[1], box[2], box[3], false, NULL) == GIF_ERROR)
			goto gif_failed;
		for (int y = box[1]; y < box[1] + box[3]; y++)
			if (EGifPutLine(g, cur + (size_t)y * (size_t)w + (size_t)box[0], box[2]) == GIF_ERROR)
				goto gif_failed;
		uint8_t *t = prev;
		prev = cur;
		cur = t;
	}
	int closed = EGifCloseFile(g, &gerr);
	g = NULL;
	if (closed == GIF_ERROR)
		goto gif_failed;
	rc = export_sink_status(k, CAIRO_STATUS_SUCCESS, err, n);
	goto done;
gif_failed:
	if (export_sink_status(k, CAIRO_STATUS_SUCCESS, err, n) == 0)
		snprintf(err, n, "GIF encoding failed: %s", GifErrorString(g ? g->Error : gerr));
	goto done;
out:
	snprintf(err, n, "out of memory");
done:
	if (g)
		EGifCloseFile(g, &gerr);
	free(prev);
	free(cur);
	free(c.key);
	free(c.count);
	free(c.index);
	return rc;
}
