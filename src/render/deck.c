/* deck.c - the backprop walk as a deck of slides: which steps (a range, one pass), the
 * form from the path, and the multi-page PDF (a page per step, its step sentence in the
 * caption, text as text, a bookmark and a page label per step). The GIF is deck_gif.c,
 * the folder of frames deck_folder.c; atomic.c keeps every form whole on failure. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <cairo-pdf.h>
#include "render-private.h"
#include "nudge/notation.h"

enum deck_kind deck_kind_of(const char *path)
{
	if (!path || !*path)
		return 0;
	size_t len = strlen(path);
	if (path[len - 1] == '/')
		return DECK_FOLDER;
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	const char *dot = strrchr(base, '.');
	if (dot && strcasecmp(dot, ".pdf") == 0) /* even if a folder of that name is in the way */
		return DECK_PDF;
	if (dot && strcasecmp(dot, ".gif") == 0)
		return DECK_GIF;
	struct stat st;
	if (!dot || dot == base || (stat(path, &st) == 0 && S_ISDIR(st.st_mode)))
		return DECK_FOLDER; /* no extension (".hidden" has none either), or a folder already */
	return 0;
}

static int deck_in_pass(const struct trace *t, int k, enum deck_pass only)
{
	if (only == DECK_FORWARD)
		return k < t->first_backward;
	if (only == DECK_BACKWARD)
		return k >= t->first_backward;
	return 1;
}

int deck_steps(const struct trace *t, const struct deck_opts *o, int *steps, char *err, size_t n)
{
	int last = t->n_steps - 1, from = o->from, to = o->to < 0 ? last : o->to;
	if (from > last || to > last) {
		snprintf(err, n, "step %d is past the last step: the walk has steps 0 to %d",
		         from > last ? from : to, last);
		return -1;
	}
	if (from > to) {
		snprintf(err, n, "from step %d to step %d picks nothing: the first must not come after the last",
		         from, to);
		return -1;
	}
	int count = 0;
	for (int k = from; k <= to; k++)
		if (deck_in_pass(t, k, o->only))
			steps[count++] = k;
	if (count == 0) {
		const char *pass = o->only == DECK_FORWARD ? "forward" : "backward";
		int lo = o->only == DECK_FORWARD ? 0 : t->first_backward;
		int hi = o->only == DECK_FORWARD ? t->first_backward - 1 : last;
		snprintf(err, n, "steps %d to %d hold no %s step: the %s pass is steps %d to %d",
		         from, to, pass, pass, lo, hi);
		return -1;
	}
	return count;
}

/* The PDF deck into the sink: one page per step, each labelled with its step number. */
static int deck_pdf(const struct figure *fig, const int *steps, int count, const struct deck_opts *o,
                    struct export_sink *k, char *err, size_t n)
{
	struct draw_opts d = export_draw_opts(&o->ex);
	cairo_surface_t *sf = cairo_pdf_surface_create_for_stream(export_write, k, d.width, d.height);
	export_pdf_metadata(sf, fig);
	struct figure f = *fig;
	f.progress = 1;
	int rc = 0;
	for (int i = 0; i < count && rc == 0 && !k->failed; i++) {
		f.step = steps[i];
		char label[16], link[32], title[600];
		snprintf(label, sizeof label, "%d", steps[i]);
		cairo_pdf_surface_set_page_label(sf, label);
		snprintf(link, sizeof link, "page=%d", i + 1);
		int at = snprintf(title, sizeof title, "%d  ", steps[i]); /* the outline has no scripts */
		const char *text = trace_text(fig->trace, steps[i]);
		notation_plain(title + at, sizeof title - (size_t)at, text ? text : "");
		cairo_pdf_surface_add_outline(sf, CAIRO_PDF_OUTLINE_ROOT, title, link, 0);
		cairo_t *cr = cairo_create(sf);
		rc = draw_figure(cr, &f, &d);
		cairo_show_page(cr);
		cairo_destroy(cr);
	}
	return export_finish(sf, rc, k, err, n);
}

struct deck_job {              /* deck_file's arguments for export_atomic */
	const struct figure *fig;  /* the walk */
	enum deck_kind kind;       /* PDF or GIF */
	const int *steps;          /* the steps picked */
	int count;                 /* how many */
	const struct deck_opts *o; /* the look */
};

static int deck_body(const void *ctx, struct export_sink *k, char *err, size_t n)
{
	const struct deck_job *j = ctx;
	return j->kind == DECK_PDF ? deck_pdf(j->fig, j->steps, j->count, j->o, k, err, n)
	                           : deck_gif(j->fig, j->steps, j->count, j->o, k, err, n);
}

/* A PDF or GIF deck, written aside and renamed over path. */
static int deck_file(const struct figure *fig, const char *path, enum deck_kind kind, const int *steps,
                     int count, const struct deck_opts *o, char *err, size_t n)
{
	struct stat st;
	if (!o->force && lstat(path, &st) == 0) {
		snprintf(err, n, "%s already exists", path);
		return DECK_EXISTS;
	}
	return export_atomic(path, deck_body, &(struct deck_job){fig, kind, steps, count, o}, err, n);
}

int deck_write(const struct figure *fig, const char *path, const struct deck_opts *o,
               char *err, size_t n)
{
	enum deck_kind kind = deck_kind_of(path);
	if (!kind) {
		snprintf(err, n, "cannot tell the form of %s: use .pdf, .gif, or a folder", path);
		return -1;
	}
	if (!fig->trace || fig->trace->n_steps < 1) {
		snprintf(err, n, "the scene has no steps to record");
		return -1;
	}
	int *steps = malloc((size_t)fig->trace->n_steps * sizeof *steps);
	if (!steps) {
		snprintf(err, n, "out of memory");
		return -1;
	}
	int count = deck_steps(fig->trace, o, steps, err, n);
	int rc = -1;
	if (count > 0)
		rc = kind == DECK_FOLDER ? deck_folder(fig, path, steps, count, o, err, n)
		                         : deck_file(fig, path, kind, steps, count, o, err, n);
	free(steps);
	return rc;
}
