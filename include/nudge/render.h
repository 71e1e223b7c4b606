/* render.h - the figures: the computation graph, the J(w) plot, the data panel and the
 * step caption, drawn by one function into any cairo_t (window, PNG, SVG, PDF).
 * Reads the scene, eval, trace and the samples a struct session made; computes no math.
 * Text is drawn with the bundled font through FreeType, so vector exports embed it. */
#ifndef NUDGE_RENDER_H
#define NUDGE_RENDER_H

#include <stddef.h>
#include <cairo.h>
#include "scene.h"
#include "eval.h"
#include "trace.h"
#include "numeric.h"
#include "work.h"
#include "sample.h"
#include "session.h"

/* Fonts and caches (text glyphs, layout, plot samples) shared by every draw.
 * One per window or command; not thread-safe. */
struct render;

/* Loads DejaVuSans{,-Bold,-Oblique}.ttf from font_dir. Returns NULL and writes one
 * sentence into err (if non-NULL) when a font is missing or unreadable.
 * Free with render_free. */
struct render *render_new(const char *font_dir, char *err, size_t n);
void render_free(struct render *r);

/* Drops everything r keeps for the scene it last drew (its layouts): call it before
 * freeing that scene, since the caches know a scene by its address and a new scene may
 * be given the same one (and clear the caller's figure_geom, figure_geom_clear). */
void render_forget_scene(struct render *r);

/* Releases cairo's and fontconfig's static caches; for tests and leak checkers, at
 * exit, after every render_free. */
void render_shutdown(void);

/* ---- the panels of a figure ---- */

/* What a figure shows besides the graph and the caption: a list of panels, each a kind
 * and the numbers it draws (the member of struct figure_panel named after the kind).
 * figure.c lays out whatever list it is given, in its order; a new mode adds a kind
 * here, its data below, a row in figure.c's table of kinds and a draw function. */
enum panel_kind {
	PANEL_COST = 1, /* cost: J against the plotted leaf, its curve; or the map of J over
	                   two leaves, once the map's samples are there */
	PANEL_DATA,     /* data: the data set and the model */
	PANEL_LOSS,     /* loss: J after each descent step; the plot and the map draw the
	                   same steps as a path */
	PANEL_EPS,      /* eps: the derivative playground's error against ε, log-log */
	PANEL_CHECK,    /* check: backprop against central differences (the window's C) */
	PANEL_NUDGES,   /* nudges: the derivative playground's table (D) */
	PANEL_ROWS,     /* data: every data row's numbers and their means (E) */
	PANEL_WORK,     /* work: N + P versus N × P (N); the graph marks the node visited */
	PANEL_FORWARD,  /* forward: forward mode (M): takes no room; the graph and the caption
	                   show d node / d input instead of dJ / d node */
};

struct cost_view {              /* PANEL_COST */
	int plot;                   /* the plotted input or param */
	const struct plot_samples *curve; /* not owned; J over it (no curve drawn unless
	                               curve->node == plot) */
	const struct land_samples *land;  /* not owned; the map of J over plot and a second
	                               leaf (drawn instead of the curve when land->a == plot),
	                               or NULL */
};

struct loss_view {              /* PANEL_LOSS: a descent run */
	const double *set;          /* n x n_nodes: every input and param after each step */
	const double *cost;         /* n: J after each of those steps */
	int n;                      /* steps kept (the panel needs at least one) */
	long long first;            /* iteration number of set[0] and cost[0] */
	const char *note;           /* why training stopped (the panel shows it), or NULL */
	int bad;                    /* 1: the note is a warning (divergence), 0: news */
};

struct eps_view {               /* PANEL_EPS */
	const double *pairs;        /* n pairs (ε, |(J(w+ε) − J(w))/ε − dJ/dw|) */
	int n;                      /* at least 2 to draw */
	double eps;                 /* the ε in use, marked on the axis */
};

struct check_view {             /* PANEL_CHECK */
	const struct check_row *rows; /* n rows, one per input and param */
	int n;
	double eps;                 /* the ε of those central differences */
};

struct nudges_view {            /* PANEL_NUDGES */
	const struct nudge *rows;   /* n nudges of one leaf, newest first */
	int n;
};

struct forward_view {           /* PANEL_FORWARD */
	const double *tangent;      /* n_nodes: d node / d input */
	int input;                  /* the input or param the sweep starts from */
};

/* The N + P versus N × P panel and its animation of the passes (the window's N key). */
enum work_pass { WORK_IDLE = 0, WORK_FORWARD, WORK_BACKWARD, WORK_NUDGE };
struct work_view {
	struct work_count scene;   /* N, P and the counts of the open scene */
	struct work_count lecture; /* the lecture's example */
	long long bp_done, bp_total;     /* node visits of backprop's two passes, done / all */
	long long nudge_done, nudge_total; /* node visits of one forward pass per param */
	enum work_pass pass;       /* the pass being animated, or WORK_IDLE */
	int visit_node;            /* the node it visits now, or -1 */
	int nudged;                /* WORK_NUDGE: the param nudged, or -1 */
};

struct figure_panel {
	enum panel_kind kind;                /* which member below holds its numbers */
	union {
		struct cost_view cost;           /* PANEL_COST */
		const struct data_samples *data; /* PANEL_DATA, PANEL_ROWS: not owned */
		struct loss_view loss;           /* PANEL_LOSS */
		struct eps_view eps;             /* PANEL_EPS */
		struct check_view check;         /* PANEL_CHECK */
		struct nudges_view nudges;       /* PANEL_NUDGES */
		const struct work_view *work;    /* PANEL_WORK: not owned */
		struct forward_view forward;     /* PANEL_FORWARD */
	};
};

#define FIGURE_MAX_PANELS 12 /* panels a figure holds at most */

/* What to draw: the state of a scene at one step of its trace, and its panels. */
struct figure {
	struct render *render;       /* not owned; fonts and caches */
	const struct scene *scene;   /* not owned */
	const struct eval *ev;       /* not owned; run: values, gradients and locals shown */
	const struct trace *trace;   /* not owned; built from ev; NULL: all known */
	int step;                    /* step shown, 0 .. trace->n_steps - 1 */
	double progress;             /* how far the step's animation is, 0 .. 1 */
	struct figure_panel panel[FIGURE_MAX_PANELS]; /* beside (or under) the graph, in
	                                this order; the numbers they point at are not owned */
	int n_panels;
};

/* Appends p to fig's panels: 0, or -1 when the list is full (p is left out). */
int figure_add(struct figure *fig, struct figure_panel p);

/* fig's first panel of kind k, or NULL when it has none. */
const struct figure_panel *figure_panel(const struct figure *fig, enum panel_kind k);

enum draw_theme { THEME_DARK = 0, THEME_LIGHT };
enum draw_hide { HIDE_VALUE = 1, HIDE_GRAD = 2 };
enum draw_only { DRAW_ALL = 0, DRAW_GRAPH, DRAW_PLOT };
enum draw_units { DRAW_UNITS_AUTO = 0, DRAW_UNITS_ON, DRAW_UNITS_OFF };

/* The window's view of the graph: zoomed, panned, the overview, the hovered node. Zero
 * (exports) draws the whole graph fitted to its panel. */
struct draw_view {
	double zoom;              /* the graph's scale times the one that fits it whole (>= 1);
	                             0: the whole graph, as exported */
	double cx, cy;            /* with zoom: the point of the graph at the panel's centre,
	                             in fractions of the whole graph's width and height */
	int overview;             /* 1: zoomed in, a small map of the whole graph in a corner
	                             frames the part shown (figure_hit: HIT_OVERVIEW) */
	int hovered;              /* 1: the pointer is over node `hover` */
	int hover;                /* that node: its edges' local derivatives are drawn on top */
};

/* How to draw it. Zero means default everywhere. */
struct draw_opts {
	double width, height;     /* area in cr's user units (default 1920 x 1080) */
	double font_scale;        /* type (and margins) times this; the graph still fits its
	                             panel (default 1) */
	double pixels;            /* pixels of the image made per unit (default 1; a PNG
	                             export's --scale): the map's grid is spaced in them */
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
	const unsigned char *wrong_node; /* NULL, or n_nodes flags of enum draw_hide: the last
	                             answer typed for that hidden value / gradient was wrong
	                             (its "?" turns red) */
	const unsigned char *wrong_edge; /* NULL, or n_edges flags: the same for local derivatives */
	struct figure_geom *geom; /* NULL (exports), or where to record what went where, for
	                             figure_hit (the window's) */
	int leaves_left;          /* 1: every input and param in the first column, instead of
	                             just before the node that first uses it */
	int steady;               /* 1: a node's box keeps the widest number it has shown (and a
	                             leaf's the widest its slider gives) while the scene stays,
	                             so a drag never makes boxes jump (the window) */
	int present;              /* 1: presentation mode, for the room: the notes under the
	                             title left out, the title at font scale 1, the graph
	                             weighed above the plot */
	enum draw_units units;    /* neuron units (nudge/unit.h) as one box each: where the
	                             scene's unit set says to show them (default), always, or
	                             never (the full scalar graph) */
	struct draw_view view;    /* the window's zoom, pan, overview and hovered node */
	int live;                 /* 1: one of a run of frames into the same image (the window,
	                             nudge bench): the graph's idle edges are kept as an image
	                             and drawn from it while they stay as they were (the same
	                             pixels up to rounding); 0 (exports): every edge stroked */
};

/* The figure of a session as it stands: its scene, eval, trace (at the last step, the
 * step's animation done) and the session's panels: with a plotted leaf, J against it
 * (PANEL_COST) and, with a data set, the data (PANEL_DATA). The window and the figure
 * commands both start from it; the window then adds its lecture's panels (figure_add). */
void figure_of_session(struct figure *fig, struct render *r, const struct session *ss);

/* How many samples of J the plot of fig drawn with opts shows (its width in 1.5-pixel
 * steps, 64 to 800), or 0 when it has no plot: set session.plot_n to it (and
 * SESSION_VIEW) before session_update so that the curve is sampled at the figure's
 * resolution. */
int figure_plot_samples(const struct figure *fig, const struct draw_opts *opts);

/* The font scale fig drawn with opts is drawn at: opts->font_scale (1 when 0), or less
 * where the figure does not hold that much (draw_figure: above 1, the largest scale that
 * keeps the graph's numbers as large as at 1 and every plot its axes; presenting keeps
 * its own). */
double figure_font_scale(const struct figure *fig, const struct draw_opts *opts);

/* Fits ss's samples to fig drawn with opts: the J curve's count (as figure_plot_samples)
 * into plot_n, and the map's grid (one point per few units of its plot area along each
 * leaf) into map_nx and map_ny, marking SESSION_VIEW when one changed. Returns 1 when
 * one did (then session_update resamples), else 0. */
int figure_fit_session(const struct figure *fig, const struct draw_opts *opts, struct session *ss);

/* Draws the whole figure into cr at (0,0)-(width,height) of its user space.
 * Returns 0, or -1 when the figure is incomplete (no render or scene). With
 * opts->geom, records there where things went, for figure_hit. */
int draw_figure(cairo_t *cr, const struct figure *fig, const struct draw_opts *opts);

/* ---- what is where (for the window): the geometry a draw recorded ---- */

/* Where a draw put things (draw_opts.geom). Owned by the caller: figure_geom_new
 * (NULL when out of memory), figure_geom_free. */
struct figure_geom;
struct figure_geom *figure_geom_new(void);
void figure_geom_free(struct figure_geom *g);
/* Forgets what was drawn (figure_hit finds nothing until the next draw into g). */
void figure_geom_clear(struct figure_geom *g);

enum hit_kind {
	HIT_NONE = 0,
	HIT_NODE,        /* a node's box (node) */
	HIT_NODE_VALUE,  /* the value printed in a node (node) */
	HIT_NODE_GRAD,   /* the gradient printed in a node (node) */
	HIT_EDGE_LOCAL,  /* an edge's local-derivative label (edge) */
	HIT_PLOT_POINT,  /* the current point on the J(w) plot (node = plotted) */
	HIT_PLOT,        /* elsewhere inside the J(w) plot's axes (value = w there) */
	HIT_PANEL,       /* a lecture panel: loss, check, derivative table, work */
	HIT_LAND,        /* inside the map of J over two leaves (node = the first; value and
	                    value2 = both leaves there) */
	HIT_OVERVIEW,    /* the overview of a zoomed graph (value, value2: the point of the
	                    whole graph there, in fractions of its width and height) */
};

struct figure_hit {
	enum hit_kind kind; /* what is under the point */
	int node;           /* node index, or -1 */
	int edge;           /* edge index, or -1 */
	double value;       /* HIT_PLOT / HIT_PLOT_POINT: the plotted variable at x */
	double value2;      /* HIT_LAND: the map's second leaf at y */
	double x, y, w, h;  /* the box that was hit, in draw units */
};

/* What lies at (x, y) in the figure last drawn into g; HIT_NONE before any draw. */
struct figure_hit figure_hit(const struct figure_geom *g, double x, double y);

/* Where the last draw into g printed node's kind (HIT_NODE_VALUE, HIT_NODE_GRAD, ...),
 * wherever that is: in the node's box, a unit's row, a weight's label on its edge.
 * 1 with *out (its box in draw units), 0 when that draw showed none (out of a zoomed
 * view, or not drawn). */
int figure_find(const struct figure_geom *g, enum hit_kind kind, int node, struct figure_hit *out);

/* The plotted variable's value at horizontal position x of the last drawn J(w) plot
 * (clamped to its range); returns 0 and leaves *v alone when no plot was drawn. */
int figure_plot_value_at(const struct figure_geom *g, double x, double *v);

/* The two leaves' values at (x, y) on the map of the last draw, held to its ranges:
 * 1, or 0 when it drew no map. */
int figure_land_values_at(const struct figure_geom *g, double x, double y, double *va, double *vb);

/* Where the last draw put the map: box = x, y, w, h of its plot area in draw units,
 * range = the first leaf's low and high end (left, right), then the second's (bottom,
 * top). 1, or 0 (both left alone) when it drew no map. */
int figure_land_area(const struct figure_geom *g, double box[4], double range[4]);

/* Where the last draw into g put the graph: for zooming, panning and following the walk
 * (the window's view, draw_opts.view). */
struct graph_frame {
	double x, y, w, h;   /* the graph's area in the figure (its legend below), draw units */
	double fit_w, fit_h; /* the whole graph's size when it fits that area (zoom 1) */
	double fit_em;       /* one em (the size of a node's value) at zoom 1, draw units */
	double em;           /* one em as drawn (fit_em times the zoom) */
	double unit;         /* one 1080p pixel in draw units, times the font scale */
};
/* 1 with *f, or 0 when that draw showed no graph. */
int figure_graph_frame(const struct figure_geom *g, struct graph_frame *f);
/* Node v's box as last drawn, in fractions of the whole graph's width and height:
 * box = {x0, y0, x1, y1}. 1, or 0 when unknown. */
int figure_node_box(const struct figure_geom *g, int v, double box[4]);

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

/* ---- deck.c: the backprop walk as a deck of slides ---- */
enum deck_kind { DECK_FOLDER = 1, DECK_PDF, DECK_GIF };
enum deck_pass { DECK_BOTH, DECK_FORWARD, DECK_BACKWARD }; /* forward: step 0 and the forward
                                                              steps; backward: the rest (with
                                                              a data set's mean steps) */

/* The form of a deck from its path: .pdf, .gif (any case), or a folder (a path ending
 * in '/', a last name with no extension, or another existing folder); 0 for anything else. */
enum deck_kind deck_kind_of(const char *path);

struct deck_opts {
	struct export_opts ex; /* the look of every step; ex.format: a folder's frames (PNG) */
	int from, to;          /* steps from .. to, inclusive; to < 0: to the last */
	enum deck_pass only;   /* both passes (default), or one */
	double pace;           /* GIF: seconds per step (default 1.2; the last held 3 times) */
	int force;             /* replace an existing deck, or a folder's earlier frames */
};

/* The steps of fig->trace that o picks, in order, into steps (room for n_steps); their
 * count, or -1 with a sentence in err giving the valid range. */
int deck_steps(const struct trace *t, const struct deck_opts *o, int *steps, char *err, size_t n);

#define DECK_EXISTS (-2) /* deck_write: the target exists and o->force is not set */

/* Writes the steps o picks as one multi-page PDF (a page per step, text as text), an
 * animated GIF (a frame per step, looping; no transparency), or a folder of
 * step-NNN.png/svg/pdf. A file is replaced atomically; a folder's earlier frames are
 * replaced as one set (written aside, then swapped). A failure or interrupt leaves the
 * old deck whole. Returns 0, DECK_EXISTS, or -1, with one sentence in err. */
int deck_write(const struct figure *fig, const char *path, const struct deck_opts *o,
               char *err, size_t n);

#endif
