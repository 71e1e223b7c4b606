/* render.h - the figures: the computation graph, the J(w) plot, the data panel and the
 * step caption, drawn by one function into any cairo_t (window, PNG, SVG, PDF).
 * Reads the scene, eval and trace; never computes math beyond sampling the cost.
 * Text is drawn with the bundled font through FreeType, so vector exports embed it. */
#ifndef NUDGE_RENDER_H
#define NUDGE_RENDER_H

#include <stddef.h>
#include <cairo.h>
#include "scene.h"
#include "eval.h"
#include "trace.h"

/* Fonts and caches (text glyphs, layout, plot samples) shared by every draw.
 * One per window or command; not thread-safe. */
struct render;

/* Loads DejaVuSans{,-Bold,-Oblique}.ttf from font_dir. Returns NULL and writes one
 * sentence into err (if non-NULL) when a font is missing or unreadable.
 * Free with render_free. */
struct render *render_new(const char *font_dir, char *err, size_t n);
void render_free(struct render *r);

/* Releases cairo's and fontconfig's static caches; for tests and leak checkers, at
 * exit, after every render_free. */
void render_shutdown(void);

/* What to draw: the state of a scene at one step of its trace. */
struct figure {
	struct render *render;       /* not owned; fonts and caches */
	const struct scene *scene;   /* not owned */
	struct eval *ev;             /* not owned; run; eval_cost_at samples the plot */
	const struct trace *trace;   /* not owned; built from ev; NULL: all known */
	int step;                    /* step shown, 0 .. trace->n_steps - 1 */
	double progress;             /* how far the step's animation is, 0 .. 1 */
	int plot;                    /* plotted input/param, or -1 for no plot */
	double eps;                  /* the nudge epsilon shown on the plot */
};

enum draw_theme { THEME_DARK = 0, THEME_LIGHT };
enum draw_hide { HIDE_VALUE = 1, HIDE_GRAD = 2 };
enum draw_only { DRAW_ALL = 0, DRAW_GRAPH, DRAW_PLOT };

/* How to draw it. Zero means default everywhere. */
struct draw_opts {
	double width, height;     /* area in cr's user units (default 1920 x 1080) */
	enum draw_theme theme;    /* dark (default) or light */
	int transparent;          /* 1: leave the background clear */
	enum draw_only only;      /* graph and plot (default), or one of them */
	int no_title;             /* 1: leave out the title line */
	int no_caption;           /* 1: leave out the step caption */
	int hide_values;          /* 1: every value, gradient, local shown as "?" (quiz) */
	const unsigned char *hide_node; /* NULL, or n_nodes flags of enum draw_hide: those
	                             values / gradients are shown as "?" (quiz) */
	const unsigned char *hide_edge; /* NULL, or n_edges flags: nonzero shows that
	                             edge's local derivative as "?" */
	int leaves_left;          /* 1: every input and param in the first column, instead of
	                             just before the node that first uses it */
};

/* Draws the whole figure into cr at (0,0)-(width,height) of its user space.
 * Returns 0, or -1 when the figure is incomplete (no render or scene). Records
 * where things went for figure_hit. */
int draw_figure(cairo_t *cr, const struct figure *fig, const struct draw_opts *opts);

/* ---- what is where (for the window), from the last draw_figure of this render ---- */

enum hit_kind {
	HIT_NONE = 0,
	HIT_NODE,        /* a node's box (node) */
	HIT_NODE_VALUE,  /* the value printed in a node (node) */
	HIT_NODE_GRAD,   /* the gradient printed in a node (node) */
	HIT_EDGE_LOCAL,  /* an edge's local-derivative label (edge) */
	HIT_PLOT_POINT,  /* the current point on the J(w) plot (node = plotted) */
	HIT_PLOT,        /* elsewhere inside the J(w) plot's axes (value = w there) */
};

struct figure_hit {
	enum hit_kind kind; /* what is under the point */
	int node;           /* node index, or -1 */
	int edge;           /* edge index, or -1 */
	double value;       /* HIT_PLOT / HIT_PLOT_POINT: the plotted variable at x */
	double x, y, w, h;  /* the box that was hit, in draw units */
};

/* What lies at (x, y) in the last drawn figure; HIT_NONE before any draw. */
struct figure_hit figure_hit(const struct render *r, double x, double y);

/* The plotted variable's value at horizontal position x of the last drawn J(w) plot
 * (clamped to its range); returns 0 and leaves *v alone when no plot was drawn. */
int figure_plot_value_at(const struct render *r, double x, double *v);

/* ---- files ---- */

enum export_format { EXPORT_PNG = 1, EXPORT_SVG, EXPORT_PDF };

/* The format from a file name's extension (.png, .svg, .pdf; any case), or 0. */
enum export_format export_format_of(const char *path);

struct export_opts {
	struct draw_opts draw; /* size (default 1920x1080 units), theme, ... */
	double scale;          /* PNG pixels per unit (default 1) */
	enum export_format format; /* default: from the file name */
};

/* Draws fig into path atomically: a temporary file in the same folder, then rename,
 * so a failed export leaves an existing file as it was. Returns 0, or -1 with one
 * sentence in err. */
int export_figure(const struct figure *fig, const char *path, const struct export_opts *o,
                  char *err, size_t n);

#endif
