/* session.h - one open scene and everything a figure of it shows: the evaluation, the
 * step trace, the plotted leaf, ε and α, and the arrays the panels draw. The window and
 * the figure commands (export, record, bench) both keep one and bring it up to date
 * with session_update after a change: values, then trace, then samples, each only when
 * something it depends on changed. Core only: no pixels, no SDL. */
#ifndef NUDGE_SESSION_H
#define NUDGE_SESSION_H

#include "eval.h"
#include "sample.h"
#include "trace.h"

/* What changed since the last session_update (a mask). */
enum session_change {
	SESSION_VALUES = 1 << 0, /* an input or param (ev->set) or the shown row: run the passes */
	SESSION_TRACE = 1 << 1,  /* the eval has run (a descent step): rebuild the trace */
	SESSION_VIEW = 1 << 2,   /* the plotted leaf, ε or the plot's sample count */
};

#define SESSION_LAND_GRID 121 /* grid points of the map along each leaf, unless the
                                 figure asks (map_nx, map_ny) */
#define SESSION_LAND_MIN 33   /* the fewest the map takes */
#define SESSION_LAND_MAX 481  /* the most */

struct session_cache;            /* sample.c's cones and the keys of the last samples */

struct session {
	struct scene *scene;         /* owned */
	struct eval *ev;             /* owned; run whenever session_update returns */
	struct trace *trace;         /* owned; of ev's current values */
	int plot;                    /* the plotted input or param, or -1 */
	double eps;                  /* ε, the nudge */
	double rate;                 /* α, the learning rate of gradient descent */
	int want_rows;               /* 1: fill data.rows_pred (the window's table of rows);
	                                SESSION_VIEW after changing it */
	int plot_n;                  /* samples of the J curve the figure wants (see
	                                figure_plot_samples); SESSION_VIEW after changing it */
	int plot2;                   /* the second plotted leaf: the map of J over (plot,
	                                plot2), or -1 (the J(w) curve); SESSION_VIEW after */
	int map_nx, map_ny;          /* grid points of the map the figure wants along each
	                                leaf (see figure_plot_samples; 0: SESSION_LAND_GRID),
	                                rounded to whole cells; SESSION_VIEW after changing */
	int descent_n;               /* steps of each descent path on the map (0: none) */
	int n_rates;                 /* learning rates of the paths (0: one path at α) */
	double rates[LAND_MAX_PATHS]; /* those rates; SESSION_VIEW after changing these */
	struct plot_samples curve;   /* what the J(w) panel draws (curve.node = -1: no plot) */
	struct land_samples land;    /* what the map draws (land.a = -1: no map) */
	struct data_samples data;    /* what the data panel draws */
	unsigned dirty;              /* enum session_change bits not yet brought up to date */
	struct session_cache *cache; /* owned; private to session.c */
};

/* Opens a session on s, taking ownership of s and, when non-NULL, of ev (an eval of s,
 * already run, whose values the caller has set; NULL makes one with the file's values).
 * Plot, ε and α start as the scene says; the trace is built, and the samples wait for
 * the first session_update (set plot_n first). Returns 0, or -1 when out of memory
 * (then nothing is owned: the caller still frees s and ev). */
int session_open(struct session *ss, struct scene *s, struct eval *ev);

/* Frees everything the session owns and zeroes it. Safe on a zeroed session. */
void session_close(struct session *ss);

/* Records what changed (enum session_change bits); session_update recomputes it. */
void session_invalidate(struct session *ss, unsigned what);

/* Brings the session up to date in dependency order: SESSION_VALUES runs the forward
 * and backward passes, then the trace is rebuilt, then the samples the figure draws are
 * refreshed where their inputs changed (the J curve does not depend on the plotted
 * leaf's own value, so dragging it samples only the nudge and the magnified view; the
 * map of J over two leaves depends on neither's value, so dragging the point over it
 * re-runs only the descent paths).
 * Returns 0, or -1 when out of memory (the last trace and samples stay). */
int session_update(struct session *ss);

/* Sets one input or param and marks SESSION_VALUES; -1 (nothing changed) for any other
 * node. */
int session_set(struct session *ss, int node, double v);

/* Sets the two plotted leaves (plot2 -1: the curve of one), marking SESSION_VIEW. */
void session_plot(struct session *ss, int plot, int plot2);

/* The cone of the plotted leaf (for sampling more around it, as the window's
 * derivative table does), or NULL without a plot. Owned by the session; valid until
 * the next session_update or session_close. */
const struct cone *session_plot_cone(const struct session *ss);

#endif
