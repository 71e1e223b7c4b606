/* export.c - writes a figure to a PNG, SVG or PDF file through draw_figure, atomically:
 * into a temporary file beside the target, then rename (atomic.c), so a failed or
 * interrupted export never leaves a half-written file nor harms an existing one.
 * Errors come back as one sentence. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include "render-private.h"
#include "nudge/notation.h"

enum export_format export_format_of(const char *path)
{
	const char *dot = path ? strrchr(path, '.') : NULL;
	if (!dot || strchr(dot, '/'))
		return 0;
	if (strcasecmp(dot, ".png") == 0)
		return EXPORT_PNG;
	if (strcasecmp(dot, ".svg") == 0)
		return EXPORT_SVG;
	if (strcasecmp(dot, ".pdf") == 0)
		return EXPORT_PDF;
	return 0;
}

cairo_status_t export_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct export_sink *k = closure;
	if (k->failed)
		return CAIRO_STATUS_WRITE_ERROR;
	if (fwrite(data, 1, len, k->f) != len) {
		k->failed = 1;
		k->errnum = errno;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

struct draw_opts export_draw_opts(const struct export_opts *o)
{
	struct draw_opts d = o->draw;
	if (!(d.width > 0))
		d.width = 1920;
	if (!(d.height > 0))
		d.height = 1080;
	return d;
}

cairo_surface_t *export_image(const struct figure *fig, const struct draw_opts *d, double scale,
                              char *err, size_t n)
{
	int pw = (int)lround(d->width * scale), ph = (int)lround(d->height * scale);
	if (pw < 1 || ph < 1 || pw > 32767 || ph > 32767) {
		snprintf(err, n, "the image size %dx%d is out of range", pw, ph);
		return NULL;
	}
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pw, ph);
	cairo_t *cr = cairo_create(sf);
	cairo_scale(cr, scale, scale);
	int rc = draw_figure(cr, fig, d);
	cairo_destroy(cr);
	cairo_surface_flush(sf);
	cairo_status_t st = cairo_surface_status(sf);
	if (rc != 0 || st != CAIRO_STATUS_SUCCESS) {
		snprintf(err, n, "drawing failed: %s", cairo_status_to_string(st));
		cairo_surface_destroy(sf);
		return NULL;
	}
	return sf;
}

void export_pdf_metadata(cairo_surface_t *sf, const struct figure *fig)
{
	if (fig->scene && fig->scene->title) {
		char title[512]; /* a PDF's metadata has no scripts: the plain form */
		notation_plain(title, sizeof title, fig->scene->title);
		cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE, title);
	}
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "nudge");
}

int export_sink_status(const struct export_sink *k, cairo_status_t st, char *err, size_t n)
{
	if (k->failed) {
		snprintf(err, n, "%s", strerror(k->errnum ? k->errnum : EIO));
		return -1;
	}
	if (st != CAIRO_STATUS_SUCCESS) {
		snprintf(err, n, "drawing failed: %s", cairo_status_to_string(st));
		return -1;
	}
	return 0;
}

int export_draw(const struct figure *fig, const struct export_opts *o, enum export_format fmt,
                struct export_sink *k, char *err, size_t n)
{
	struct draw_opts d = export_draw_opts(o);
	if (fmt == EXPORT_PNG) {
		cairo_surface_t *img = export_image(fig, &d, o->scale > 0 ? o->scale : 1, err, n);
		if (!img)
			return -1;
		int rc = export_png_write(img, d.transparent, export_write, k);
		cairo_surface_destroy(img);
		if (rc != 0 && !k->failed) {
			snprintf(err, n, "PNG encoding failed");
			return -1;
		}
		return export_sink_status(k, CAIRO_STATUS_SUCCESS, err, n);
	}
	cairo_surface_t *sf;
	if (fmt == EXPORT_SVG) {
		sf = cairo_svg_surface_create_for_stream(export_write, k, d.width, d.height);
	} else {
		sf = cairo_pdf_surface_create_for_stream(export_write, k, d.width, d.height);
		export_pdf_metadata(sf, fig);
	}
	cairo_t *cr = cairo_create(sf);
	int rc = draw_figure(cr, fig, &d);
	cairo_destroy(cr);
	return export_finish(sf, rc, k, err, n);
}

int export_finish(cairo_surface_t *sf, int rc, const struct export_sink *k, char *err, size_t n)
{
	cairo_surface_finish(sf);
	cairo_status_t st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	if (rc != 0 && st == CAIRO_STATUS_SUCCESS)
		st = CAIRO_STATUS_INVALID_STATUS;
	return export_sink_status(k, st, err, n);
}

int export_atomic(const char *path, int (*body)(const void *ctx, struct export_sink *k, char *err, size_t n),
                  const void *ctx, char *err, size_t n)
{
	struct atomic_file af;
	char why[300] = "";
	int rc = atomic_open(&af, path, why, sizeof why);
	if (rc == 0) {
		struct export_sink k = {af.f, 0, 0};
		rc = body(ctx, &k, why, sizeof why);
		if (rc == 0)
			rc = atomic_commit(&af, why, sizeof why);
		else
			atomic_abort(&af);
	}
	if (rc != 0)
		snprintf(err, n, "cannot write %s: %s", path, why);
	return rc;
}

struct export_job {              /* export_figure's arguments for export_atomic */
	const struct figure *fig;    /* what to draw */
	const struct export_opts *o; /* how */
	enum export_format fmt;      /* as what */
};

static int export_body(const void *ctx, struct export_sink *k, char *err, size_t n)
{
	const struct export_job *j = ctx;
	return export_draw(j->fig, j->o, j->fmt, k, err, n);
}

int export_figure(const struct figure *fig, const char *path, const struct export_opts *o,
                  char *err, size_t n)
{
	struct export_opts def = {0};
	if (!o)
		o = &def;
	enum export_format fmt = o->format ? o->format : export_format_of(path);
	if (!fmt) {
		snprintf(err, n, "cannot tell the format of %s: use .png, .svg or .pdf", path);
		return -1;
	}
	return export_atomic(path, export_body, &(struct export_job){fig, o, fmt}, err, n);
}
