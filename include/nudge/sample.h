/* sample.h - the numbers the figure's panels draw, computed by the engine so that the
 * render layer only draws: J over a range of one leaf, the model's prediction for every
 * data row and along its curve, and the error of the one-sided estimate against ε.
 * Only the cone of nodes downstream of the varied leaf is re-evaluated per sample; the
 * rest of the tape is evaluated once per data row. Knows nothing of pixels. */
#ifndef NUDGE_SAMPLE_H
#define NUDGE_SAMPLE_H

#include "eval.h"
#include "numeric.h"

/* The computed nodes downstream of one leaf (the nodes whose value depends on it), in
 * file order. Made for one scene; free with cone_free. */
struct cone {
	int leaf;   /* the varied input, param or data column */
	int leaf2;  /* a second varied leaf (cone_new2: the nodes downstream of either), or -1 */
	int *nodes; /* n computed nodes, ascending */
	int n;
};

/* The cone of leaf in s; NULL when out of memory or leaf is out of range. */
struct cone *cone_new(const struct scene *s, int leaf);
void cone_free(struct cone *c);

/* The cone of two leaves: the nodes downstream of a or of b (a != b). NULL as above. */
struct cone *cone_new2(const struct scene *s, int a, int b);

/* ys[i] = J (the cost, the mean over rows) with the cone's leaf at xs[i] and every
 * other input and param as in ev->set: one full forward pass per data row, then only
 * the cone per value. The same numbers as eval_cost_at(ev, leaf, xs[i]). Uses ev's
 * scratch; leaves value, grad, local and cost untouched. */
void sample_cost(struct eval *ev, const struct cone *c, const double *xs, int n, double *ys);

/* ys[i] = the value of node `out` at data row `row` with the cone's leaf at xs[i]
 * (for a data column: that column's value replaced by xs[i]). Same scratch rule. */
void sample_node(struct eval *ev, const struct cone *c, int out, int row, const double *xs, int n,
                 double *ys);

/* The map of J over two leaves: out[k * nx + i] = J with the cone's leaf at xs[i] and
 * its leaf2 at ys[k] (a cone_new2; ys NULL and ny 1: the leaf alone, as sample_cost),
 * all else as in ev->set. One full forward pass per
 * data row, then only the cone per grid point. Same scratch rule as sample_cost. */
void sample_cost_grid(struct eval *ev, const struct cone *c, const double *xs, int nx,
                      const double *ys, int ny, double *out);

/* out[i] = J with the cone's leaf at ab[2i] and its leaf2 at ab[2i + 1], all else as in
 * ev->set: n points anywhere, one full forward pass per data row, then only the cone per
 * point. Same scratch rule as sample_cost. */
void sample_cost_points(struct eval *ev, const struct cone *c, const double *ab, int n, double *out);

/* The value of node `out` at data row `row` over a grid of two leaves: grid[k * nx + i]
 * with the cone's leaf at xs[i] and its leaf2 at ys[k] (a cone_new2), all else as in
 * the row and ev->set. One full forward pass, then only the cone per grid point. Same
 * scratch rule as sample_cost. */
void sample_node_grid(struct eval *ev, const struct cone *c, int out, int row, const double *xs,
                      int nx, const double *ys, int ny, double *grid);

/* Widens the range [lo, hi] of values shown on a data panel axis by a tenth on each
 * side (first to ±1 around them when hi <= lo; to [0, 1] when lo is not finite). */
void sample_pad_range(double *lo, double *hi);

/* A round step (1, 2 or 5 times a power of ten) that cuts [lo, hi] into about n parts;
 * 1 when the range is empty or not finite. */
double sample_step(double lo, double hi, int n);

/* n values evenly spaced over [lo, hi], both ends included (n >= 2). */
void sample_range(double lo, double hi, int n, double *xs);

/* The lecture's nudge of node w by eps, J(w) and J(w + eps), through the cone of w. The
 * same numbers as nudge_node(ev, w, eps). */
struct nudge sample_nudge(struct eval *ev, const struct cone *c, double eps);

/* The derivative playground's error sweep: n values of ε from 1e-14 to 1, evenly spaced
 * on a log scale; pairs[2i] = ε, pairs[2i + 1] = |(J(w + ε) − J(w)) / ε − exact|. */
void sample_eps_error(struct eval *ev, const struct cone *c, double exact, int n, double *pairs);

/* ---- what the panels draw ---- */

#define SAMPLE_INSET_POINTS 41 /* samples of the magnified view around the nudge */

/* The J(w) panel: the curve over the plotted leaf's range, the nudge, and the curve
 * over [w − ε, w + 2ε] for the magnified view. */
struct plot_samples {
	int node;             /* the plotted input or param, or -1 (nothing sampled) */
	double lo, hi;        /* x range: the leaf's slider range, or w ± 1 without one */
	int n;                /* samples of the curve */
	double *ys;           /* n values of J at sample_range(lo, hi, n) */
	double w;             /* the leaf's value the rest goes with */
	struct nudge nudge;   /* J(w) and J(w + ε) */
	double inset_lo, inset_hi;            /* w − ε, w + 2ε */
	double inset[SAMPLE_INSET_POINTS];    /* J over [inset_lo, inset_hi] */
};

/* The data panel: which columns go on the axes, which node is the model, and its
 * predictions at every row and, for a model of one data column, along its curve; for a
 * classifier of two data columns (both on the axes, the label a third column), the
 * model's output over a grid of the two, from which the panel draws the shaded field
 * and the decision boundary. */
#define SAMPLE_DATA_MAX_ROWS 500 /* larger sets show points only (no predictions) */
#define SAMPLE_CURVE_POINTS 200  /* samples of the model's curve between the rows */
#define SAMPLE_FIELD_POINTS 61   /* grid points of a classifier's field along each axis */
struct data_samples {
	int x_node, y_node;   /* the data columns on the x and y axes, or -1 */
	int pred_node;        /* the computed node drawn as the model (ŷ), or -1 */
	int label_node;       /* a classifier of the two axis columns: the data column of the
	                         rows' labels (colour and shape of each point), or -1 */
	double label_lo, label_hi; /* the smallest and largest label; the decision boundary
	                              is where the model is midway between them */
	int field_n;          /* grid points of the field along each axis, 0 without one */
	double field_xlo, field_xhi, field_ylo, field_yhi; /* the grid's ranges: the rows'
	                         x and y ranges, widened by sample_pad_range (the axes) */
	double *field;        /* field_n × field_n values of the model: x at
	                         sample_range(field_xlo, field_xhi, field_n)[i] and y at
	                         sample_range(field_ylo, field_yhi, field_n)[k] in
	                         field[k * field_n + i]; NULL without a field */
	double *pred;         /* n_rows predictions at the shown values, or NULL (none) */
	int n_curve;          /* samples of the model's curve, 0 without one */
	double curve_lo, curve_hi; /* x range of the curve: the smallest and largest x of the rows */
	double *curve;        /* n_curve predictions at sample_range(curve_lo, curve_hi, n_curve) */
	double *rows_pred;    /* n_rows values of rows_prediction's node per row (the table of
	                         rows), when session.want_rows; else NULL */
};

/* The landscape panel: J over two leaves on a grid, and descent paths from the
 * current point (which they do not move) at several learning rates. The grid is fine
 * (its points a few pixels apart) but sampled in full only where a contour needs it:
 * a coarse grid of cells LAND_CELL points wide is sampled at its corners and at the
 * midpoints of its cells' sides and centre; a cell is refined (every point sampled)
 * when those midpoints differ from the corners' bilinear interpolation by more than
 * LAND_TOL of the gap between the levels that cross it, or move such a level's contour
 * by more than LAND_TOL_MOVE grid steps, or when J is finite at some of them and not at
 * others. The other points are interpolated between the sampled ones. */
#define LAND_MAX_PATHS 6   /* learning rates shown side by side at most */
#define LAND_MAX_STEPS 10000 /* steps of one path at most */
#define LAND_MAX_LEVELS 24 /* levels between bands at most */
#define LAND_CELL 4        /* grid steps per coarse cell along each axis */
#define LAND_TOL 0.1       /* interpolation error allowed, as a share of the level gap */
#define LAND_TOL_MOVE 0.5  /* contour displacement allowed, in grid steps */
enum land_how {
	LAND_INTERP,  /* interpolated between sampled points (an unrefined cell's inside) */
	LAND_COARSE,  /* sampled: a coarse corner or a midpoint of a cell's side or centre */
	LAND_REFINED, /* sampled because its cell was refined */
};
struct land_samples;
struct descent_path {
	double rate;      /* α of this path */
	int n;            /* points: the start, then one per step taken */
	double *ab;       /* n × 2: the two plotted leaves' values at each point */
	double *cost;     /* n: J at each point */
	int stopped;      /* 1: the run stopped after its last point (diverging, or a value
	                     would stop being finite); the map marks it */
	const struct land_samples *land; /* the map it belongs to (which leaves to record) */
};
struct land_samples {
	int a, b;               /* the leaves on the x and y axes, or -1 (no map) */
	double alo, ahi;        /* a's range: its slider range, or a ± 1 without one */
	double blo, bhi;        /* b's range, the same way */
	int nx, ny;             /* grid points along a and along b (LAND_CELL·cells + 1) */
	double *j;              /* ny × nx: J at (a_i, b_k) in j[k * nx + i], evenly spaced
	                           over the ranges, both ends included */
	unsigned char *how;     /* ny × nx: how each j was made (enum land_how) */
	int n_refined;          /* coarse cells refined */
	double lo, hi;          /* the smallest and largest finite J on the grid (lo > hi: none) */
	double lv[LAND_MAX_LEVELS]; /* the levels between bands, ascending (sample_levels) */
	int n_levels;           /* how many (0: flat, or nothing finite) */
	int is_log;             /* 1: the levels are 1-2-5 (or 1) per decade */
	unsigned gen;           /* bumped each time j is resampled (a count of them) */
	unsigned long serial;   /* new each time j is resampled, no other map's in this
	                           process (core_serial): what drawing caches key on, as the
	                           next scene's map may have the same address and count */
	int n_paths;            /* descent paths drawn */
	struct descent_path paths[LAND_MAX_PATHS]; /* one per learning rate, in order */
};

/* The levels between a map's bands: round numbers inside (lo, hi), 1-2-5 per decade (1
 * per decade beyond six decades) when lo > 0 and hi / lo >= 100 (then *is_log = 1),
 * else evenly spaced about ten to the range. At most LAND_MAX_LEVELS into lv; returns
 * how many. */
int sample_levels(double lo, double hi, double *lv, int *is_log);

/* The map of l: l->a, l->b, the ranges, nx and ny (LAND_CELL·cells + 1 each) set by
 * the caller, j and how allocated ny × nx. Samples the coarse grid, refines the cells
 * whose contours need it (see above), interpolates the rest, and fills n_refined, lo,
 * hi and the levels. c is cone_new2(scene, l->a, l->b). Returns 0, or -1 when out of
 * memory (then j holds nothing to draw). Same scratch rule as sample_cost. */
int sample_cost_map(struct eval *ev, const struct cone *c, struct land_samples *l);

/* Picks the data panel's roles for s (the model: the last computed node feeding the
 * cost that depends on one or two data columns, but not on all of them; a model of two
 * is a classifier, its label a column the cost depends on besides them). */
void sample_data_roles(const struct scene *s, struct data_samples *d);

#endif
