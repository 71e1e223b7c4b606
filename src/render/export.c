/* export.c - writes a figure to a PNG, SVG or PDF file through draw_figure, atomically:
 * into a temporary file beside the target, then rename, so a failed export never leaves
 * a half-written file nor harms an existing one. Errors come back as one sentence. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include "render-private.h"

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

struct export_sink {
	FILE *f;    /* the temporary file */
	int failed; /* a write failed */
	int errnum; /* its errno */
};

static cairo_status_t export_write(void *closure, const unsigned char *data, unsigned int len)
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

/* Draws into the sink; 0 or -1 with err filled. */
static int export_draw(const struct figure *fig, const struct export_opts *o,
                       enum export_format fmt, struct export_sink *k, char *err, size_t n)
{
	struct draw_opts d = o->draw;
	if (!(d.width > 0))
		d.width = 1920;
	if (!(d.height > 0))
		d.height = 1080;
	double scale = o->scale > 0 ? o->scale : 1;
	cairo_surface_t *sf;
	if (fmt == EXPORT_PNG) {
		int pw = (int)lround(d.width * scale), ph = (int)lround(d.height * scale);
		if (pw < 1 || ph < 1 || pw > 32767 || ph > 32767) {
			snprintf(err, n, "the image size %dx%d is out of range", pw, ph);
			return -1;
		}
		sf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pw, ph);
	} else if (fmt == EXPORT_SVG) {
		sf = cairo_svg_surface_create_for_stream(export_write, k, d.width, d.height);
	} else {
		sf = cairo_pdf_surface_create_for_stream(export_write, k, d.width, d.height);
		if (fig->scene && fig->scene->title)
			cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE, fig->scene->title);
		cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "nudge");
	}
	cairo_t *cr = cairo_create(sf);
	if (fmt == EXPORT_PNG)
		cairo_scale(cr, scale, scale);
	int rc = draw_figure(cr, fig, &d);
	cairo_destroy(cr);
	if (rc == 0 && fmt == EXPORT_PNG && export_png_write(sf, d.transparent, export_write, k) != 0 &&
	    !k->failed) {
		snprintf(err, n, "PNG encoding failed");
		cairo_surface_destroy(sf);
		return -1;
	}
	cairo_surface_finish(sf);
	cairo_status_t st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	if (k->failed) {
		snprintf(err, n, "%s", strerror(k->errnum ? k->errnum : EIO));
		return -1;
	}
	if (rc != 0 || st != CAIRO_STATUS_SUCCESS) {
		snprintf(err, n, "drawing failed: %s", cairo_status_to_string(st));
		return -1;
	}
	return 0;
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
	size_t len = strlen(path);
	char *tmp = malloc(len + 16);
	if (!tmp) {
		snprintf(err, n, "out of memory");
		return -1;
	}
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	snprintf(tmp, len + 16, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, n, "cannot write %s: %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	mode_t mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0) { /* as a plain fopen would have made it */
		/* not fatal: the file is still ours and readable */
	}
	struct export_sink k = {fdopen(fd, "wb"), 0, 0};
	if (!k.f) {
		snprintf(err, n, "cannot write %s: %s", path, strerror(errno));
		close(fd);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	char why[200] = "";
	int rc = export_draw(fig, o, fmt, &k, why, sizeof why);
	if (fflush(k.f) != 0 && rc == 0) {
		snprintf(why, sizeof why, "%s", strerror(errno));
		rc = -1;
	}
	if (fclose(k.f) != 0 && rc == 0) {
		snprintf(why, sizeof why, "%s", strerror(errno));
		rc = -1;
	}
	if (rc == 0 && rename(tmp, path) != 0) {
		snprintf(why, sizeof why, "%s", strerror(errno));
		rc = -1;
	}
	if (rc != 0) {
		unlink(tmp);
		snprintf(err, n, "cannot write %s: %s", path, why);
	}
	free(tmp);
	return rc;
}
