/* sample.c - sampling the scene for the figure's panels: J over a range of one leaf,
 * a node's value along a leaf or over a grid of two, the nudge and the ε error sweep. Each data row is
 * evaluated in full once; each sample then re-evaluates only the cone of nodes
 * downstream of the varied leaf, in file order, so the other nodes keep the row's
 * values. Which panel shows what is decided here too (sample_data_roles); no pixels. */
#include <math.h>
#include <stdlib.h>

#include "core-private.h"
#include "nudge/rows.h"
#include "nudge/sample.h"

struct cone *cone_new2(const struct scene *s, int a, int b)
{
	if (a < 0 || a >= s->n_nodes || b >= s->n_nodes || a == b)
		return NULL;
	struct cone *c = calloc(1, sizeof *c);
	unsigned char *down = calloc((size_t)s->n_nodes + 1, 1);
	if (c)
		c->nodes = malloc(sizeof *c->nodes * ((size_t)s->n_nodes + 1));
	if (!c || !down || !c->nodes) {
		free(down);
		cone_free(c);
		return NULL;
	}
	c->leaf = a;
	c->leaf2 = b;
	down[a] = 1;
	if (b >= 0)
		down[b] = 1;
	int first = b >= 0 && b < a ? b : a;
	for (int v = first + 1; v < s->n_nodes; v++) { /* file order is topological */
		const struct node *nd = &s->nodes[v];
		for (int k = 0; k < nd->n_in && !down[v]; k++)
			down[v] = down[s->edges[nd->in_first + k].from];
		if (down[v] && nd->kind == NODE_COMPUTED)
			c->nodes[c->n++] = v;
	}
	free(down);
	return c;
}

struct cone *cone_new(const struct scene *s, int leaf)
{
	return leaf < 0 ? NULL : cone_new2(s, leaf, -1);
}

void cone_free(struct cone *c)
{
	if (!c)
		return;
	free(c->nodes);
	free(c);
}

void sample_pad_range(double *lo, double *hi)
{
	if (!isfinite(*lo)) {
		*lo = 0;
		*hi = 1;
	}
	if (*hi - *lo <= 0) {
		*lo -= 1;
		*hi += 1;
	}
	double pad = (*hi - *lo) * 0.1;
	*lo -= pad;
	*hi += pad;
}

void sample_range(double lo, double hi, int n, double *xs)
{
	for (int i = 0; i < n; i++)
		xs[i] = lo + (hi - lo) * i / (n - 1);
}

/* Row `row` in full into val (ev->rowv): leaves, then every computed node. */
static void row_base(struct eval *ev, int row, double *val)
{
	const struct scene *s = ev->scene;
	eval_load_leaves(ev, val, row);
	for (int k = 0; k < s->n_nodes; k++)
		if (s->nodes[k].kind == NODE_COMPUTED)
			val[k] = eval_node_forward(s, ev->opv, val, &s->nodes[k]);
}

/* The leaf at x, then the cone up to node `last` (inclusive). */
static void cone_run(struct eval *ev, const struct cone *c, double *val, double x, int last)
{
	const struct scene *s = ev->scene;
	val[c->leaf] = x;
	for (int i = 0; i < c->n && c->nodes[i] <= last; i++)
		val[c->nodes[i]] = eval_node_forward(s, ev->opv, val, &s->nodes[c->nodes[i]]);
}

void sample_cost(struct eval *ev, const struct cone *c, const double *xs, int n, double *ys)
{
	sample_cost_grid(ev, c, xs, n, NULL, 1, ys);
}

/* Where the samples are: the grid xs × ys (ys NULL: leaf2 not varied), point p at
 * (xs[p % nx], ys[p / nx]); or, with ab, the points (ab[2p], ab[2p + 1]). */
struct spots {
	const double *xs, *ys; /* the grid's values of leaf and leaf2 */
	int nx;                /* its width */
	const double *ab;      /* or n pairs of values, or NULL */
	size_t n;              /* points in all */
};

/* Node `out` at data row `row` at every spot: dst[p] (added to it when add). */
static void spots_at_row(struct eval *ev, const struct cone *c, int row, int out, const struct spots *sp,
                         double *dst, int add)
{
	double *val = ev->rowv;
	row_base(ev, row, val);
	for (size_t p = 0; p < sp->n; p++) {
		double x = sp->ab ? sp->ab[2 * p] : sp->xs[p % (size_t)sp->nx];
		if (sp->ab)
			val[c->leaf2] = sp->ab[2 * p + 1];
		else if (sp->ys)
			val[c->leaf2] = sp->ys[p / (size_t)sp->nx];
		cone_run(ev, c, val, x, out);
		dst[p] = add ? dst[p] + val[out] : val[out];
	}
}

/* J, the mean over the rows, at every spot. */
static void cost_at_spots(struct eval *ev, const struct cone *c, const struct spots *sp, double *out)
{
	const struct scene *s = ev->scene;
	int rows = s->n_rows > 0 ? s->n_rows : 1;
	for (size_t i = 0; i < sp->n; i++)
		out[i] = 0;
	for (int r = 0; r < rows; r++) /* rows in order: the sums are eval_cost_at's */
		spots_at_row(ev, c, r, s->cost, sp, out, 1);
	for (size_t i = 0; i < sp->n; i++)
		out[i] /= rows;
}

void sample_cost_grid(struct eval *ev, const struct cone *c, const double *xs, int nx,
                      const double *ys, int ny, double *out)
{
	cost_at_spots(ev, c, &(struct spots){xs, ys, nx, NULL, (size_t)nx * (size_t)ny}, out);
}

void sample_cost_points(struct eval *ev, const struct cone *c, const double *ab, int n, double *out)
{
	cost_at_spots(ev, c, &(struct spots){NULL, NULL, 1, ab, (size_t)n}, out);
}

void sample_node(struct eval *ev, const struct cone *c, int out, int row, const double *xs, int n,
                 double *ys)
{
	spots_at_row(ev, c, row, out, &(struct spots){xs, NULL, n, NULL, (size_t)n}, ys, 0);
}

void sample_node_grid(struct eval *ev, const struct cone *c, int out, int row, const double *xs,
                      int nx, const double *ys, int ny, double *grid)
{
	spots_at_row(ev, c, row, out, &(struct spots){xs, ys, nx, NULL, (size_t)nx * (size_t)ny}, grid, 0);
}

struct nudge sample_nudge(struct eval *ev, const struct cone *c, double eps)
{
	struct nudge r = {.node = c->leaf, .eps = eps};
	double w = ev->set[c->leaf], xs[2] = {w, w + eps}, ys[2];
	sample_cost(ev, c, xs, 2, ys);
	r.before = ys[0];
	r.after = ys[1];
	r.delta = r.after - r.before;
	r.ratio = r.delta / eps;
	return r;
}

void sample_eps_error(struct eval *ev, const struct cone *c, double exact, int n, double *pairs)
{
	double *xs = malloc(sizeof *xs * (size_t)(2 * n + 2));
	if (!xs) { /* no room: every error unknown */
		for (int i = 0; i < n; i++) {
			pairs[2 * i] = pow(10, -14 + 14.0 * i / (n - 1));
			pairs[2 * i + 1] = NAN;
		}
		return;
	}
	double *ys = xs + n + 1, w = ev->set[c->leaf];
	xs[0] = w;
	for (int i = 0; i < n; i++) {
		pairs[2 * i] = pow(10, -14 + 14.0 * i / (n - 1));
		xs[i + 1] = w + pairs[2 * i];
	}
	sample_cost(ev, c, xs, n + 1, ys);
	for (int i = 0; i < n; i++) {
		double e = pairs[2 * i], ratio = (ys[i + 1] - ys[0]) / e;
		pairs[2 * i + 1] = fabs(ratio - exact);
	}
	free(xs);
}

/* The classifier's roles, for a model of two data columns: they go on the axes, and the
 * label is the first other column the cost depends on. */
static void classifier_roles(const struct scene *s, const unsigned long long *dep, int model,
                             struct data_samples *d)
{
	int x = -1, y = -1, label = -1;
	for (int v = 0; v < s->n_nodes; v++) {
		if (s->nodes[v].kind != NODE_DATA)
			continue;
		if (dep[model] & dep[v])
			*(x < 0 ? &x : &y) = v;
		else if (label < 0 && (dep[s->cost] & dep[v]))
			label = v;
	}
	if (x < 0 || y < 0 || label < 0)
		return;
	d->pred_node = model;
	d->x_node = x;
	d->y_node = y;
	d->label_node = label;
	d->label_lo = d->label_hi = s->data[(size_t)s->nodes[label].data_col];
	for (int row = 1; row < s->n_rows; row++) {
		double v = s->data[(size_t)row * (size_t)s->n_cols + (size_t)s->nodes[label].data_col];
		d->label_lo = v < d->label_lo ? v : d->label_lo;
		d->label_hi = v > d->label_hi ? v : d->label_hi;
	}
}

void sample_data_roles(const struct scene *s, struct data_samples *d)
{
	d->pred_node = d->x_node = d->y_node = d->label_node = -1;
	unsigned long long *dep = rows_deps(s);
	if (!dep)
		return;
	int cols, model = rows_model(s, dep, &cols);
	if (cols > 2) /* the panel draws a model over one column (a curve) or two (a field) */
		model = -1;
	if (model >= 0 && cols == 2 && s->n_rows > 0) {
		classifier_roles(s, dep, model, d);
		free(dep);
		return;
	}
	d->pred_node = model;
	for (int v = 0; v < s->n_nodes; v++) {
		const struct node *nd = &s->nodes[v];
		if (nd->kind != NODE_DATA)
			continue;
		int in_pred = d->pred_node >= 0 && (dep[d->pred_node] & dep[v]);
		if (d->pred_node >= 0 ? in_pred : d->x_node < 0) {
			if (d->x_node < 0)
				d->x_node = v;
		} else if (d->y_node < 0 && (dep[s->cost] & dep[v])) {
			d->y_node = v;
		}
	}
	if (d->y_node < 0)
		for (int v = 0; v < s->n_nodes; v++)
			if (s->nodes[v].kind == NODE_DATA && v != d->x_node) {
				d->y_node = v;
				break;
			}
	free(dep);
}
