/* session.c - an open scene kept up to date for its figure: values, then the trace,
 * then the samples the panels draw (sample.c), each recomputed only when what it
 * depends on changed. The J curve is keyed by every value except the plotted leaf's
 * own, so dragging the plotted leaf re-samples only the nudge and the magnified view;
 * the map of J over two leaves likewise by every value but those two. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nudge/descent.h"
#include "nudge/rows.h"
#include "nudge/session.h"

struct session_cache {
	struct cone *plot_cone;  /* cone of the plotted leaf, or NULL */
	struct cone *data_cone;  /* cone of the data panel's x column, or NULL */
	struct cone *field_cone; /* cone of its x and y columns (a classifier's field), or NULL */
	double *curve_set;       /* n_nodes: ev->set the J curve was sampled at */
	int curve_ok;            /* 1 when curve.ys matches curve_set and curve.{node,n,lo,hi} */
	double *data_set;        /* n_nodes: ev->set the data samples were made at */
	int data_ok;             /* 1 when data.pred and data.curve match data_set */
	double *rows_set;        /* n_nodes: ev->set data.rows_pred was made at */
	int rows_ok;             /* 1 when data.rows_pred matches rows_set */
	struct cone *land_cone;  /* cone of the map's two leaves, or NULL */
	double *land_set;        /* n_nodes: ev->set the map was sampled at */
	int land_ok;             /* 1 when land.j matches land_set and land.{a,b,ranges} */
	struct eval *walker;     /* a second eval of the scene that walks the descent paths */
	double *xs;              /* scratch for sample positions */
	int n_xs;                /* its room */
};

static void curve_free(struct plot_samples *p)
{
	free(p->ys);
	*p = (struct plot_samples){.node = -1};
}

static void land_free(struct land_samples *l)
{
	free(l->j);
	free(l->how);
	for (int i = 0; i < LAND_MAX_PATHS; i++) {
		free(l->paths[i].ab);
		free(l->paths[i].cost);
	}
	*l = (struct land_samples){.a = -1, .b = -1};
}

void session_close(struct session *ss)
{
	if (ss->cache) {
		cone_free(ss->cache->plot_cone);
		cone_free(ss->cache->data_cone);
		cone_free(ss->cache->field_cone);
		free(ss->cache->curve_set);
		free(ss->cache->data_set);
		free(ss->cache->rows_set);
		cone_free(ss->cache->land_cone);
		free(ss->cache->land_set);
		eval_free(ss->cache->walker);
		free(ss->cache->xs);
		free(ss->cache);
	}
	curve_free(&ss->curve);
	land_free(&ss->land);
	free(ss->data.pred);
	free(ss->data.curve);
	free(ss->data.field);
	free(ss->data.rows_pred);
	trace_free(ss->trace);
	eval_free(ss->ev);
	scene_free(ss->scene);
	*ss = (struct session){.plot = -1, .plot2 = -1, .land = {.a = -1, .b = -1}};
}

int session_open(struct session *ss, struct scene *s, struct eval *ev)
{
	*ss = (struct session){.plot = -1, .plot2 = -1, .land = {.a = -1, .b = -1}};
	struct eval *own = ev ? ev : eval_new(s);
	struct session_cache *c = calloc(1, sizeof *c);
	size_t n = (size_t)s->n_nodes + 1;
	if (c) {
		c->curve_set = malloc(sizeof(double) * n);
		c->data_set = malloc(sizeof(double) * n);
		c->rows_set = malloc(sizeof(double) * n);
		c->land_set = malloc(sizeof(double) * n);
	}
	if (!own || !c || !c->curve_set || !c->data_set || !c->rows_set || !c->land_set) {
		if (c) {
			free(c->land_set);
			free(c->curve_set);
			free(c->data_set);
			free(c->rows_set);
			free(c);
		}
		if (!ev)
			eval_free(own);
		return -1;
	}
	*ss = (struct session){.scene = s, .ev = own, .plot = s->plot, .eps = s->eps, .rate = s->rate,
	                       .plot_n = 400, .curve = {.node = -1}, .cache = c,
	                       .plot2 = s->plot2, .land = {.a = -1, .b = -1}};
	sample_data_roles(s, &ss->data);
	if (!(ss->trace = trace_build(own))) {
		ss->scene = NULL; /* not ours after all */
		ss->ev = ev ? NULL : ss->ev;
		session_close(ss);
		return -1;
	}
	ss->dirty = SESSION_VIEW; /* the samples: the first session_update makes them */
	return 0;
}

void session_invalidate(struct session *ss, unsigned what)
{
	ss->dirty |= what;
}

int session_set(struct session *ss, int node, double v)
{
	if (eval_set(ss->ev, node, v) != 0)
		return -1;
	ss->dirty |= SESSION_VALUES;
	return 0;
}

/* Room for n sample positions in the cache's scratch. */
static double *scratch(struct session_cache *c, int n)
{
	if (n > c->n_xs) {
		double *p = realloc(c->xs, sizeof *p * (size_t)n);
		if (!p)
			return NULL;
		c->xs = p;
		c->n_xs = n;
	}
	return c->xs;
}

/* Does set equal key everywhere except at nodes skip and skip2 (-1: none)? */
static int same_set2(const double *set, const double *key, int n, int skip, int skip2)
{
	for (int k = 0; k < n; k++)
		if (k != skip && k != skip2 && memcmp(&set[k], &key[k], sizeof *set) != 0)
			return 0;
	return 1;
}

/* Does set equal key everywhere except at node skip? */
static int same_set(const double *set, const double *key, int n, int skip)
{
	return same_set2(set, key, n, skip, -1);
}

/* The J(w) panel's samples: the curve when anything but w changed, the rest always. */
static int update_curve(struct session *ss)
{
	struct session_cache *c = ss->cache;
	struct plot_samples *p = &ss->curve;
	const struct scene *s = ss->scene;
	int node = ss->plot;
	if (node < 0 || node >= s->n_nodes ||
	    (s->nodes[node].kind != NODE_INPUT && s->nodes[node].kind != NODE_PARAM)) {
		curve_free(p);
		c->curve_ok = 0;
		return 0;
	}
	if (!c->plot_cone || c->plot_cone->leaf != node) {
		cone_free(c->plot_cone);
		c->curve_ok = 0;
		if (!(c->plot_cone = cone_new(s, node)))
			return -1;
	}
	double w = ss->ev->set[node], lo = s->nodes[node].lo, hi = s->nodes[node].hi;
	if (!(hi > lo)) {
		lo = w - 1;
		hi = w + 1;
	}
	int n = ss->plot_n < 2 ? 2 : ss->plot_n;
	if (!c->curve_ok || p->node != node || p->n != n || p->lo != lo || p->hi != hi ||
	    !same_set(ss->ev->set, c->curve_set, s->n_nodes, node)) {
		double *ys = p->n == n ? p->ys : realloc(p->ys, sizeof *ys * (size_t)n);
		double *xs = scratch(c, n);
		if (!ys || !xs) {
			c->curve_ok = 0;
			return -1;
		}
		p->ys = ys;
		sample_range(lo, hi, n, xs);
		sample_cost(ss->ev, c->plot_cone, xs, n, ys);
		p->node = node;
		p->n = n;
		p->lo = lo;
		p->hi = hi;
		memcpy(c->curve_set, ss->ev->set, sizeof(double) * (size_t)s->n_nodes);
		c->curve_ok = 1;
	}
	double eps = ss->eps > 0 ? ss->eps : s->eps;
	p->w = w;
	p->nudge = sample_nudge(ss->ev, c->plot_cone, eps);
	p->inset_lo = w - eps;
	p->inset_hi = w + 2 * eps;
	double xs[SAMPLE_INSET_POINTS];
	sample_range(p->inset_lo, p->inset_hi, SAMPLE_INSET_POINTS, xs);
	sample_cost(ss->ev, c->plot_cone, xs, SAMPLE_INSET_POINTS, p->inset);
	return 0;
}

/* A leaf's range on the map: its slider range, or its value ± 1 without one. */
static void land_range(const struct session *ss, int node, double *lo, double *hi)
{
	const struct node *nd = &ss->scene->nodes[node];
	*lo = nd->lo;
	*hi = nd->hi;
	if (!(*hi > *lo)) {
		*lo = ss->ev->set[node] - 1;
		*hi = ss->ev->set[node] + 1;
	}
}

/* Records the walker's point as the path's next one. */
static void land_point(struct descent_path *p, const struct eval *ev)
{
	const struct land_samples *l = p->land;
	p->ab[2 * p->n] = ev->set[l->a];
	p->ab[2 * p->n + 1] = ev->set[l->b];
	p->cost[p->n++] = ev->cost;
}

/* One path: the start, then up to `steps` steps of the one descent loop (descent.c),
 * stopping where `nudge train` stops: a refused step is not recorded, a diverging one
 * is, then the run ends. Returns 1 when it stopped early. */
static int land_walk(struct descent_path *p, struct eval *ev, int steps)
{
	p->n = 0;
	land_point(p, ev);
	if (!isfinite(ev->cost))
		return 1;
	struct descent_run run;
	char why[256];
	descent_start(&run, ev, p->rate);
	for (int step = 1; step <= steps; step++) {
		enum descent_result r = descent_next(&run, ev, why, sizeof why);
		if (r == DESCENT_REFUSED)
			return 1;
		land_point(p, ev);
		if (r == DESCENT_DIVERGING)
			return 1;
	}
	return 0;
}

/* The descent paths from the current values, in the walker (ev stays where it is). */
static int land_paths(struct session *ss)
{
	struct session_cache *c = ss->cache;
	struct land_samples *l = &ss->land;
	const struct scene *s = ss->scene;
	int steps = ss->descent_n < 0 ? 0 : ss->descent_n > LAND_MAX_STEPS ? LAND_MAX_STEPS : ss->descent_n;
	int n = steps <= 0 ? 0 : ss->n_rates > 0 ? ss->n_rates : 1;
	n = n > LAND_MAX_PATHS ? LAND_MAX_PATHS : n;
	l->n_paths = 0;
	if (n == 0)
		return 0;
	if (!c->walker && !(c->walker = eval_new(s)))
		return -1;
	for (int i = 0; i < n; i++) {
		struct descent_path *p = &l->paths[i];
		double *ab = realloc(p->ab, sizeof *ab * 2 * ((size_t)steps + 1));
		if (ab)
			p->ab = ab;
		double *cost = realloc(p->cost, sizeof *cost * ((size_t)steps + 1));
		if (cost)
			p->cost = cost;
		if (!ab || !cost)
			return -1;
		memcpy(c->walker->set, ss->ev->set, sizeof(double) * (size_t)s->n_nodes);
		eval_set_row(c->walker, ss->ev->row);
		eval_run(c->walker);
		p->rate = ss->n_rates > 0 ? ss->rates[i] : ss->rate;
		p->land = l;
		p->stopped = land_walk(p, c->walker, steps);
		l->n_paths = i + 1;
	}
	return 0;
}

/* Grid points along one leaf of the map for `want` (0: SESSION_LAND_GRID): LAND_CELL
 * times a whole number of cells, plus one, within [SESSION_LAND_MIN, SESSION_LAND_MAX]. */
static int land_points(int want)
{
	int n = want > 0 ? want : SESSION_LAND_GRID;
	n = n < SESSION_LAND_MIN ? SESSION_LAND_MIN : n > SESSION_LAND_MAX ? SESSION_LAND_MAX : n;
	return (n - 1 + LAND_CELL - 1) / LAND_CELL * LAND_CELL + 1;
}

/* The map's samples: the grid when anything but its two leaves changed, the paths always. */
static int update_land(struct session *ss)
{
	struct session_cache *c = ss->cache;
	struct land_samples *l = &ss->land;
	const struct scene *s = ss->scene;
	int a = ss->plot, b = ss->plot2;
	int ok = a >= 0 && b >= 0 && a != b && a < s->n_nodes && b < s->n_nodes;
	for (int k = 0; ok && k < 2; k++)
		ok = s->nodes[k ? b : a].kind == NODE_INPUT || s->nodes[k ? b : a].kind == NODE_PARAM;
	if (!ok) {
		land_free(l);
		c->land_ok = 0;
		return 0;
	}
	if (!c->land_cone || c->land_cone->leaf != a || c->land_cone->leaf2 != b) {
		cone_free(c->land_cone);
		c->land_ok = 0;
		if (!(c->land_cone = cone_new2(s, a, b)))
			return -1;
	}
	double alo, ahi, blo, bhi;
	land_range(ss, a, &alo, &ahi);
	land_range(ss, b, &blo, &bhi);
	int nx = land_points(ss->map_nx), ny = land_points(ss->map_ny);
	if (!c->land_ok || l->a != a || l->b != b || l->alo != alo || l->ahi != ahi || l->blo != blo ||
	    l->bhi != bhi || l->nx != nx || l->ny != ny || !same_set2(ss->ev->set, c->land_set, s->n_nodes, a, b)) {
		size_t n = (size_t)nx * (size_t)ny;
		int same = l->j && l->nx == nx && l->ny == ny;
		double *j = same ? l->j : malloc(sizeof *j * n);
		unsigned char *how = same ? l->how : malloc(n);
		if (!same) {
			free(l->j);
			free(l->how);
			l->j = j;
			l->how = how;
		}
		l->nx = nx;
		l->ny = ny;
		l->a = a;
		l->b = b;
		l->alo = alo;
		l->ahi = ahi;
		l->blo = blo;
		l->bhi = bhi;
		if (!j || !how || sample_cost_map(ss->ev, c->land_cone, l) != 0) {
			free(l->j);
			free(l->how);
			l->j = NULL;
			l->how = NULL;
			c->land_ok = 0;
			return -1;
		}
		l->gen++;
		memcpy(c->land_set, ss->ev->set, sizeof(double) * (size_t)s->n_nodes);
		c->land_ok = 1;
	}
	return land_paths(ss);
}

/* The range of data column `node` over the rows' finite values, padded as the data
 * panel's axis is (sample_pad_range). */
static void field_range(const struct scene *s, int node, double *lo, double *hi)
{
	size_t col = (size_t)s->nodes[node].data_col;
	*lo = INFINITY;
	*hi = -INFINITY;
	for (int row = 0; row < s->n_rows; row++) {
		double v = s->data[(size_t)row * (size_t)s->n_cols + col];
		*lo = v < *lo ? v : *lo;
		*hi = v > *hi ? v : *hi;
	}
	sample_pad_range(lo, hi);
}

/* A classifier's field: the model over a grid of its two columns, at row 0's other
 * values (the model depends on no other column). */
static int update_field(struct session *ss)
{
	struct session_cache *c = ss->cache;
	struct data_samples *d = &ss->data;
	const struct scene *s = ss->scene;
	int n = SAMPLE_FIELD_POINTS;
	if (!c->field_cone && !(c->field_cone = cone_new2(s, d->x_node, d->y_node)))
		return -1;
	if (!d->field && !(d->field = malloc(sizeof *d->field * (size_t)n * (size_t)n)))
		return -1;
	double *xs = scratch(c, 2 * n);
	if (!xs)
		return -1;
	field_range(s, d->x_node, &d->field_xlo, &d->field_xhi);
	field_range(s, d->y_node, &d->field_ylo, &d->field_yhi);
	sample_range(d->field_xlo, d->field_xhi, n, xs);
	sample_range(d->field_ylo, d->field_yhi, n, xs + n);
	sample_node_grid(ss->ev, c->field_cone, d->pred_node, 0, xs, n, xs + n, n, d->field);
	d->field_n = n;
	return 0;
}

/* The data panel's predictions, when any input or param changed. */
static int update_data(struct session *ss)
{
	struct session_cache *c = ss->cache;
	struct data_samples *d = &ss->data;
	const struct scene *s = ss->scene;
	if (d->pred_node < 0 || s->n_rows <= 0 || s->n_rows > SAMPLE_DATA_MAX_ROWS)
		return 0;
	if (c->data_ok && same_set(ss->ev->set, c->data_set, s->n_nodes, -1))
		return 0;
	if (!d->pred && !(d->pred = malloc(sizeof *d->pred * (size_t)s->n_rows)))
		return -1;
	for (int row = 0; row < s->n_rows; row++) { /* the model at each row's own values */
		double x = s->data[(size_t)row * (size_t)s->n_cols + (size_t)s->nodes[d->x_node].data_col];
		if (!c->data_cone && !(c->data_cone = cone_new(s, d->x_node)))
			return -1;
		sample_node(ss->ev, c->data_cone, d->pred_node, row, &x, 1, &d->pred[row]);
	}
	if (d->label_node >= 0) { /* a classifier: its output over both columns */
		if (update_field(ss) != 0)
			return -1;
		memcpy(c->data_set, ss->ev->set, sizeof(double) * (size_t)s->n_nodes);
		c->data_ok = 1;
		return 0;
	}
	/* the curve between the rows, densely: the model depends on this one column only */
	d->curve_lo = d->curve_hi = s->data[(size_t)s->nodes[d->x_node].data_col];
	for (int row = 1; row < s->n_rows; row++) {
		double x = s->data[(size_t)row * (size_t)s->n_cols + (size_t)s->nodes[d->x_node].data_col];
		d->curve_lo = x < d->curve_lo ? x : d->curve_lo;
		d->curve_hi = x > d->curve_hi ? x : d->curve_hi;
	}
	d->n_curve = 0;
	if (d->curve_hi > d->curve_lo) {
		double *xs = scratch(c, SAMPLE_CURVE_POINTS);
		if (!d->curve && !(d->curve = malloc(sizeof *d->curve * SAMPLE_CURVE_POINTS)))
			return -1;
		if (!xs)
			return -1;
		sample_range(d->curve_lo, d->curve_hi, SAMPLE_CURVE_POINTS, xs);
		sample_node(ss->ev, c->data_cone, d->pred_node, 0, xs, SAMPLE_CURVE_POINTS, d->curve);
		d->n_curve = SAMPLE_CURVE_POINTS;
	}
	memcpy(c->data_set, ss->ev->set, sizeof(double) * (size_t)s->n_nodes);
	c->data_ok = 1;
	return 0;
}

void session_plot(struct session *ss, int plot, int plot2)
{
	ss->plot = plot;
	ss->plot2 = plot2;
	ss->dirty |= SESSION_VIEW;
}

const struct cone *session_plot_cone(const struct session *ss)
{
	return ss->cache && ss->curve.node >= 0 ? ss->cache->plot_cone : NULL;
}

/* The table of rows' predictions, when the window shows it and a value changed. */
static int update_rows(struct session *ss)
{
	struct session_cache *c = ss->cache;
	const struct scene *s = ss->scene;
	struct data_samples *d = &ss->data;
	if (!ss->want_rows || s->n_rows <= 0) {
		free(d->rows_pred);
		d->rows_pred = NULL;
		c->rows_ok = 0;
		return 0;
	}
	if (c->rows_ok && same_set(ss->ev->set, c->rows_set, s->n_nodes, -1))
		return 0;
	double *scratch = malloc(sizeof *scratch * (2 * (size_t)s->n_nodes + 1));
	if (!scratch || (!d->rows_pred && !(d->rows_pred = malloc(sizeof *d->rows_pred * (size_t)s->n_rows)))) {
		free(scratch);
		return -1;
	}
	for (int row = 0; row < s->n_rows; row++)
		d->rows_pred[row] = rows_predict(ss->ev, row, scratch);
	free(scratch);
	memcpy(c->rows_set, ss->ev->set, sizeof(double) * (size_t)s->n_nodes);
	c->rows_ok = 1;
	return 0;
}

int session_update(struct session *ss)
{
	if ((ss->dirty & SESSION_VALUES) || ss->ev->stale)
		eval_run(ss->ev);
	if (!ss->trace || (ss->dirty & (SESSION_VALUES | SESSION_TRACE))) {
		struct trace *t = trace_build(ss->ev);
		if (!t)
			return -1;
		trace_free(ss->trace);
		ss->trace = t;
	}
	if (update_curve(ss) != 0 || update_land(ss) != 0 || update_data(ss) != 0 || update_rows(ss) != 0)
		return -1;
	ss->dirty = 0;
	return 0;
}
