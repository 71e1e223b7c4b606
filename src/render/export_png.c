/* export_png.c - PNG encoding of a drawn image surface with libpng at a fast zlib level:
 * cairo's own writer compresses harder than figures of flat colour need and takes most
 * of an export's time. Opaque figures are written as RGB, transparent ones as RGBA. */
#include <png.h>
#include <stdint.h>
#include <stdlib.h>
#include "render-private.h"

struct export_png_sink {
	cairo_write_func_t write; /* where the bytes go */
	void *closure;
};

static void export_png_bytes(png_structp png, png_bytep data, png_size_t len)
{
	struct export_png_sink *k = png_get_io_ptr(png);
	if (k->write(k->closure, data, (unsigned int)len) != CAIRO_STATUS_SUCCESS)
		png_error(png, "write failed");
}

static void export_png_flush(png_structp png)
{
	(void)png;
}

/* libpng's own handlers print "libpng error: write failed" before nudge's sentence:
 * these say nothing and let the caller report the cause it knows. */
static void export_png_error(png_structp png, png_const_charp msg)
{
	(void)msg;
	png_longjmp(png, 1);
}

static void export_png_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

/* One row of premultiplied ARGB32 as RGB or straight RGBA bytes. */
static void export_png_row(const unsigned char *src, unsigned char *dst, int w, int alpha)
{
	const uint32_t *p = (const uint32_t *)(const void *)src;
	for (int x = 0; x < w; x++) {
		uint32_t v = p[x];
		unsigned a = v >> 24, r = v >> 16 & 255, g = v >> 8 & 255, b = v & 255;
		if (alpha) {
			if (a != 0 && a != 255) {
				r = (r * 255 + a / 2) / a;
				g = (g * 255 + a / 2) / a;
				b = (b * 255 + a / 2) / a;
			}
			*dst++ = (unsigned char)r;
			*dst++ = (unsigned char)g;
			*dst++ = (unsigned char)b;
			*dst++ = (unsigned char)a;
		} else {
			*dst++ = (unsigned char)r;
			*dst++ = (unsigned char)g;
			*dst++ = (unsigned char)b;
		}
	}
}

int export_png_write(cairo_surface_t *sf, int alpha, cairo_write_func_t write, void *closure)
{
	cairo_surface_flush(sf);
	int w = cairo_image_surface_get_width(sf), h = cairo_image_surface_get_height(sf);
	int stride = cairo_image_surface_get_stride(sf);
	const unsigned char *data = cairo_image_surface_get_data(sf);
	struct export_png_sink k = {write, closure};
	unsigned char *row = malloc((size_t)w * 4);
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, export_png_error,
	                                           export_png_warning);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	if (!row || !png || !info || !data) {
		png_destroy_write_struct(&png, &info);
		free(row);
		return -1;
	}
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		free(row);
		return -1;
	}
	png_set_write_fn(png, &k, export_png_bytes, export_png_flush);
	png_set_compression_level(png, 2);
	png_set_filter(png, 0, PNG_FILTER_SUB);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
	             alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
	             PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	for (int y = 0; y < h; y++) {
		export_png_row(data + (size_t)y * (size_t)stride, row, w, alpha);
		png_write_row(png, row);
	}
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	free(row);
	return 0;
}
