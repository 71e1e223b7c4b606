/* test-sample.c - the figure's samples (sample.c, session.c) against independent
 * calculations: J over a leaf's range by cone re-evaluation equals a full forward pass
 * per value (eval_cost_at) on every built-in scene and on scenes with data; the cone is
 * exactly the set of nodes whose value moves with the leaf; predictions per row equal a
 * fresh eval per row; the model's curve on fit-line is w·x; the ε sweep equals nudging
 * one ε at a time; a session's cached curve equals a fresh one after every change. */
#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nudge/rows.h"
#include "nudge/session.h"
#include "test.h"
#include "test-scene.h"

/* Every input and param of s: the cone matches a brute-force dependence test (change
 * the leaf, see which values move), and J sampled through it equals eval_cost_at. */
static void check_scene(struct scene *s, const char *name)
{
	struct eval *ev = eval_new(s), *probe = eval_new(s);
	if (!ev || !probe) {
		CHECK(0, "out of memory");
		return;
	}
	for (int leaf = 0; leaf < s->n_nodes; leaf++) {
		if (s->nodes[leaf].kind != NODE_INPUT && s->nodes[leaf].kind != NODE_PARAM)
			continue;
		struct cone *c = cone_new(s, leaf);
		CHECK(c != NULL, "%s: cone of %s", name, s->nodes[leaf].name);
		if (!c)
			continue;
		/* independent: which nodes does the leaf reach along the edges, searched from
		 * the leaf forwards (a different walk from cone_new's) */
		unsigned char *reach = calloc((size_t)s->n_nodes, 1);
		int *stack = malloc(sizeof *stack * (size_t)(s->n_edges + 1)), top = 0, n_reach = 0;
		stack[top++] = leaf;
		while (top > 0) {
			int v = stack[--top];
			for (int k = 0; k < s->nodes[v].n_out; k++) {
				int to = s->edges[s->out[s->nodes[v].out_first + k]].to;
				if (!reach[to]) {
					reach[to] = 1;
					n_reach++;
					stack[top++] = to;
				}
			}
		}
		int agree = c->n == n_reach;
		for (int i = 0; i < c->n; i++)
			agree = agree && reach[c->nodes[i]] && (i == 0 || c->nodes[i] > c->nodes[i - 1]);
		CHECK(agree, "%s: the cone of %s is the %d nodes it reaches (cone has %d)", name,
		      s->nodes[leaf].name, n_reach, c->n);
		free(reach);
		free(stack);

		double lo = s->nodes[leaf].lo, hi = s->nodes[leaf].hi, xs[33], ys[33];
		sample_range(lo, hi, 33, xs);
		CHECK(xs[0] == lo && xs[32] == hi, "%s: the range includes both ends", name);
		sample_cost(ev, c, xs, 33, ys);
		int same = 1;
		for (int i = 0; i < 33; i++) {
			double full = eval_cost_at(probe, leaf, xs[i]);
			same = same && (full == ys[i] || (isnan(full) && isnan(ys[i])));
		}
		CHECK(same, "%s: J over %s by its cone equals a full pass per value", name, s->nodes[leaf].name);
		/* the nudge and the ε sweep against nudging one ε at a time */
		struct nudge a = sample_nudge(ev, c, 1e-3), b = nudge_node(probe, leaf, 1e-3);
		CHECK(a.before == b.before && a.after == b.after && a.node == leaf,
		      "%s: the nudge of %s is nudge_node's", name, s->nodes[leaf].name);
		double pairs[2 * 15];
		sample_eps_error(ev, c, ev->mean_grad[leaf], 15, pairs);
		same = 1;
		for (int i = 0; i < 15; i++) {
			double e = pow(10, -14 + i);
			double err = fabs(nudge_node(probe, leaf, e).ratio - probe->mean_grad[leaf]);
			same = same && fabs(pairs[2 * i] - e) <= 1e-12 * e &&
			       (pairs[2 * i + 1] == err || (isnan(err) && isnan(pairs[2 * i + 1])));
		}
		CHECK(same, "%s: the ε sweep of %s is nudging ε by ε", name, s->nodes[leaf].name);
		CHECK(ev->cost == probe->cost, "%s: sampling leaves the shown cost alone", name);
		cone_free(c);
	}
	eval_free(ev);
	eval_free(probe);
}

static void test_builtin_scenes(void)
{
	DIR *d = opendir(NUDGE_TEST_SCENES);
	CHECK(d != NULL, "scenes folder %s", NUDGE_TEST_SCENES);
	int n = 0;
	for (struct dirent *e; d && (e = readdir(d));) {
		size_t len = strlen(e->d_name);
		if (len < 7 || strcmp(e->d_name + len - 6, ".nudge") != 0)
			continue;
		char name[256];
		snprintf(name, sizeof name, "%.*s", (int)(len - 6), e->d_name);
		struct scene *s = test_builtin(name);
		if (s)
			check_scene(s, name);
		scene_free(s);
		n++;
	}
	if (d)
		closedir(d);
	CHECK(n >= 9, "every built-in scene sampled (%d)", n);
}

/* A scene whose cone is a small part of the tape, with a data set and a node the leaf
 * does not reach: the mean over rows must still be eval_cost_at's. */
static void test_data_scene(void)
{
	struct scene *s = test_scene_text("param w = 0.5 in [-2, 2]\nparam b = 0.1\nparam u = 3\n"
	                        "data x y\n1 2\n2 3.5\n-1 0.2\n4 8\n"
	                        "far = sin(u * x) + u^2\nh = tanh(w * x + b)\nJ = (h - y)^2 + 0.01 * far\n");
	if (!s)
		return;
	check_scene(s, "data scene");
	struct cone *c = cone_new(s, scene_find(s, "w"));
	CHECK(c && c->n == 2, "the cone of w is h and J, not far (%d)", c ? c->n : -1);
	cone_free(c);
	CHECK(cone_new(s, -1) == NULL && cone_new(s, s->n_nodes) == NULL, "no cone of a node out of range");
	scene_free(s);
}

/* Opens a session on s; 0, or -1 (checked and s freed) when it cannot. */
static int open_session(struct session *ss, struct scene *s)
{
	if (session_open(ss, s, NULL) != 0) {
		CHECK(0, "session_open");
		scene_free(s);
		return -1;
	}
	return 0;
}

/* The data panel: roles, one prediction per row (a fresh eval per row), and the
 * model's curve between the rows (fit-line's ŷ = w·x). */
static void test_data_samples(void)
{
	struct scene *s = test_builtin("fit-line");
	if (!s)
		return;
	struct session ss;
	if (open_session(&ss, s) != 0)
		return;
	int w = scene_find(s, "w");
	session_set(&ss, w, 1.25);
	CHECK(session_update(&ss) == 0, "session_update");
	struct data_samples *d = &ss.data;
	CHECK(d->x_node == scene_find(s, "x") && d->y_node == scene_find(s, "y") &&
	      d->pred_node == scene_find(s, "yhat"), "x across, y up, ŷ the model");
	struct eval *fresh = eval_new(s);
	eval_set(fresh, w, 1.25);
	for (int row = 0; row < s->n_rows; row++) {
		eval_set_row(fresh, row);
		eval_run(fresh);
		CHECK(d->pred && d->pred[row] == fresh->value[d->pred_node], "row %d: ŷ = %g, a fresh eval says %g",
		      row, d->pred ? d->pred[row] : NAN, fresh->value[d->pred_node]);
	}
	eval_free(fresh);
	CHECK(d->n_curve == SAMPLE_CURVE_POINTS && d->curve_lo == 1 && d->curve_hi == 3,
	      "the curve spans the rows' x, 1 to 3 (%d points)", d->n_curve);
	int line = 1;
	for (int i = 0; i < d->n_curve; i++) {
		double x = d->curve_lo + (d->curve_hi - d->curve_lo) * i / (d->n_curve - 1);
		line = line && test_near(d->curve[i], 1.25 * x, 1e-15);
	}
	CHECK(line, "the curve is ŷ = 1.25·x");
	session_close(&ss);
}

/* The session's cached J curve equals a fresh sampling after each kind of change, and
 * dragging the plotted leaf leaves the curve as it was. */
static void test_session_cache(void)
{
	struct scene *s = test_builtin("network");
	if (!s)
		return;
	struct session ss;
	if (open_session(&ss, s) != 0)
		return;
	ss.plot_n = 50;
	CHECK(session_update(&ss) == 0 && ss.curve.node == s->plot && ss.curve.n == 50, "the plot is sampled");
	struct eval *probe = eval_new(s);
	int w1 = scene_find(s, "w1"), w2 = scene_find(s, "w2");
	double before[50];
	memcpy(before, ss.curve.ys, sizeof before);
	session_set(&ss, w1, 0.7); /* the plotted leaf */
	session_update(&ss);
	CHECK(memcmp(before, ss.curve.ys, sizeof before) == 0, "dragging w1 keeps J(w1)'s curve");
	CHECK(ss.curve.w == 0.7 && ss.trace->n_steps > 0, "the point and the trace moved with it");
	eval_set(probe, w1, 0.7);
	eval_run(probe);
	CHECK(ss.ev->cost == probe->cost && ss.curve.nudge.before == eval_cost_at(probe, w1, 0.7),
	      "the values are a fresh eval's");
	session_set(&ss, w2, -1.5); /* another leaf: the curve changes */
	session_update(&ss);
	eval_set(probe, w2, -1.5);
	int same = 1;
	for (int i = 0; i < 50; i++)
		same = same && ss.curve.ys[i] == eval_cost_at(probe, w1, ss.curve.lo + (ss.curve.hi - ss.curve.lo) * i / 49);
	CHECK(same, "after moving w2 the curve is J(w1) at the new w2");
	ss.plot = w2; /* another plotted leaf */
	ss.eps = 0.25;
	session_invalidate(&ss, SESSION_VIEW);
	session_update(&ss);
	same = ss.curve.node == w2;
	for (int i = 0; i < 50; i++)
		same = same && ss.curve.ys[i] == eval_cost_at(probe, w2, ss.curve.lo + (ss.curve.hi - ss.curve.lo) * i / 49);
	CHECK(same, "plotting w2 samples J(w2)");
	CHECK(ss.curve.nudge.eps == 0.25 && ss.curve.inset_hi == -1.5 + 0.5 &&
	      ss.curve.inset[SAMPLE_INSET_POINTS - 1] == eval_cost_at(probe, w2, -1.5 + 0.5),
	      "the nudge and the magnified view use the new ε");
	ss.plot = -1;
	session_update(&ss);
	CHECK(ss.curve.node == -1 && session_plot_cone(&ss) == NULL, "no plot, no samples");
	eval_free(probe);
	session_close(&ss);
	session_close(&ss); /* a closed session closes again harmlessly */
}

/* Opens a session on s with the given params set (names[i] = vals[i]) and brings it up
 * to date; 0, or -1 (checked and s freed) when it cannot. */
static int open_set(struct session *ss, struct scene *s, const char *const *names,
                    const double *vals, int n)
{
	if (open_session(ss, s) != 0)
		return -1;
	for (int i = 0; i < n; i++)
		CHECK(session_set(ss, scene_find(s, names[i]), vals[i]) == 0, "set %s", names[i]);
	CHECK(session_update(ss) == 0, "session_update");
	return 0;
}

static double sigm(double z)
{
	return 1 / (1 + exp(-z));
}

static double logit(double y)
{
	return log(y / (1 - y));
}

/* A classifier's data panel: the two input columns on the axes, the label column, and
 * the model over a grid of the two against the network written out here, for xor (whose
 * hidden units depend on both columns) and for a model with a node below one column
 * only (the grid runs that column's cone once per grid row). */
static void test_classifier_field(void)
{
	static const char *const names[] = {"w11", "w12", "b1", "w21", "w22", "b2", "v1", "v2", "c"};
	static const double p[] = {3.06, 3.05, -1.41, 2.39, 2.38, -3.5, 4.24, -4.26, -3.66};
	struct scene *s = test_builtin("xor");
	struct session ss;
	if (!s || open_set(&ss, s, names, p, 9) != 0)
		return;
	const struct data_samples *d = &ss.data;
	CHECK(d->x_node == scene_find(s, "x1") && d->y_node == scene_find(s, "x2") &&
	      d->label_node == scene_find(s, "y") && d->pred_node == scene_find(s, "yhat"),
	      "xor: x1 across, x2 up, y the label, ŷ the model");
	CHECK(d->label_lo == 0 && d->label_hi == 1 && d->n_curve == 0, "labels 0 and 1, no curve");
	CHECK(d->field && d->field_n == SAMPLE_FIELD_POINTS && test_near(d->field_xlo, -0.1, 1e-15) &&
	      test_near(d->field_xhi, 1.1, 1e-15) && test_near(d->field_ylo, -0.1, 1e-15) &&
	      test_near(d->field_yhi, 1.1, 1e-15), "a %d-point grid over [−0.1, 1.1]²", d->field_n);
	int n = d->field_n, same = d->field != NULL, right = 1;
	double worst = 0;
	for (int k = 0; same && k < n; k++)
		for (int i = 0; i < n; i++) {
			double x = d->field_xlo + (d->field_xhi - d->field_xlo) * i / (n - 1);
			double y = d->field_ylo + (d->field_yhi - d->field_ylo) * k / (n - 1);
			double h1 = tanh(p[0] * x + p[1] * y + p[2]), h2 = tanh(p[3] * x + p[4] * y + p[5]);
			double want = sigm(p[6] * h1 + p[7] * h2 + p[8]);
			worst = fmax(worst, fabs(d->field[k * n + i] - want));
		}
	CHECK(same && worst < 1e-13, "xor: the field is the network at every grid point (worst %.3g)", worst);
	for (int row = 0; row < s->n_rows; row++) { /* trained: every row on its side */
		double x1 = s->data[row * s->n_cols], x2 = s->data[row * s->n_cols + 1];
		double y = s->data[row * s->n_cols + 2];
		right = right && d->pred && (d->pred[row] > 0.5) == (y > 0.5) &&
		        test_near(d->pred[row], sigm(p[6] * tanh(p[0] * x1 + p[1] * x2 + p[2]) +
		                                     p[7] * tanh(p[3] * x1 + p[4] * x2 + p[5]) + p[8]), 1e-13);
	}
	CHECK(right, "xor: each row's ŷ, on the side of its label");
	double before = d->field[0];
	session_set(&ss, scene_find(s, "c"), p[8] + 1);
	CHECK(session_update(&ss) == 0 && test_near(d->field[0], sigm(logit(before) + 1), 1e-12),
	      "a new c moves the field (%.17g after %.17g)", d->field[0], before);
	session_close(&ss);

	static const char *const ab[] = {"a", "b"};
	static const double abv[] = {0.8, -1.5};
	s = test_scene_text("param a = 0.3\nparam b = -0.7\ndata p q t\n0 1 0\n2 -1 1\n3 0.5 1\n"
	          "u = b * q\nm = sigmoid(a * p + u)\nJ = (m - t)^2\n");
	if (!s || open_set(&ss, s, ab, abv, 2) != 0)
		return;
	CHECK(d->x_node == scene_find(s, "p") && d->y_node == scene_find(s, "q") &&
	      d->label_node == scene_find(s, "t") && d->pred_node == scene_find(s, "m"), "p across, q up, t the label");
	CHECK(d->field && test_near(d->field_xlo, -0.3, 1e-15) && test_near(d->field_xhi, 3.3, 1e-15) &&
	      test_near(d->field_ylo, -1.2, 1e-15) && test_near(d->field_yhi, 1.2, 1e-15), "the grid: the rows' ranges ± a tenth");
	worst = d->field ? 0 : INFINITY;
	for (int k = 0; d->field && k < n; k++)
		for (int i = 0; i < n; i++) {
			double x = d->field_xlo + (d->field_xhi - d->field_xlo) * i / (n - 1);
			double y = d->field_ylo + (d->field_yhi - d->field_ylo) * k / (n - 1);
			worst = fmax(worst, fabs(d->field[k * n + i] - sigm(0.8 * x - 1.5 * y)));
		}
	CHECK(worst < 1e-14, "σ(a·p + b·q) at every grid point (worst %.3g)", worst);
	session_close(&ss);
}

/* A one-input classifier draws its curve, not a field: logistic's curve is σ(w·x + b)
 * at 200 points between the rows (a sigmoid, not straight segments between them). */
static void test_logistic_curve(void)
{
	static const char *const wb[] = {"w", "b"};
	static const double v[] = {2.5, -1.2};
	struct scene *s = test_builtin("logistic");
	struct session ss;
	if (!s || open_set(&ss, s, wb, v, 2) != 0)
		return;
	const struct data_samples *d = &ss.data;
	CHECK(d->label_node == -1 && !d->field && d->n_curve == SAMPLE_CURVE_POINTS && d->curve_lo == -1 &&
	      d->curve_hi == 2.5, "logistic: a curve over x in [−1, 2.5], no field");
	double worst = d->n_curve ? 0 : INFINITY;
	for (int i = 0; i < d->n_curve; i++) {
		double x = -1 + 3.5 * i / (d->n_curve - 1);
		worst = fmax(worst, fabs(d->curve[i] - sigm(2.5 * x - 1.2)));
	}
	CHECK(worst < 1e-15, "the curve is σ(2.5x − 1.2) (worst %.3g)", worst);
	session_close(&ss);
}

/* One rule for the model's output (rows_model), the per-row table's prediction and the
 * data panel's roles, against what a reader of each scene names by hand: the model is
 * ŷ; the panel's axes are its inputs; the label is y. */
static void check_roles(struct scene *s, const char *what, const char *model, const char *x,
                        const char *y, const char *label, int n_cols)
{
	if (!s)
		return;
	unsigned long long *dep = rows_deps(s);
	CHECK(dep != NULL, "%s: rows_deps", what);
	if (!dep)
		return;
	int cols = -1, m = rows_model(s, dep, &cols);
	CHECK(m == scene_find(s, model), "%s: the model is %s (got %s)", what, model, m >= 0 ? s->nodes[m].name : "none");
	CHECK(cols == n_cols, "%s: the model uses %d data columns (got %d)", what, n_cols, cols);
	CHECK(rows_prediction(s) == m, "%s: the table's prediction is the model", what);
	struct data_samples d = {0};
	sample_data_roles(s, &d);
	int want_pred = n_cols <= 2 ? m : -1;
	CHECK(d.pred_node == want_pred, "%s: the panel's model (got %d, want %d)", what, d.pred_node, want_pred);
	CHECK(d.x_node == scene_find(s, x), "%s: across is %s", what, x);
	CHECK(d.y_node == scene_find(s, y), "%s: up is %s", what, y);
	CHECK(d.label_node == (label ? scene_find(s, label) : -1), "%s: the label is %s", what, label ? label : "none");
	free(dep);
	scene_free(s);
}

static void test_model_roles(void)
{
	check_roles(test_builtin("fit-line"), "fit-line", "yhat", "x", "y", NULL, 1);
	check_roles(test_builtin("logistic"), "logistic", "yhat", "x", "y", NULL, 1);
	check_roles(test_builtin("xor"), "xor", "yhat", "x1", "x2", "y", 2);
	check_roles(test_scene_text("param w1 = 1\nparam b1 = 0\nparam w2 = -1\nparam b2 = 0\nparam v1 = 1\n"
	                  "param v2 = 0.5\ndata x y\n-2 2\n-1 1\n1 1\n2 2\n"
	                  "h1 = relu(w1 * x + b1)\nh2 = relu(w2 * x + b2)\nyhat = v1 * h1 + v2 * h2\n"
	                  "J = 0.5 * (yhat - y)^2\ncost J\n"),
	            "two-units", "yhat", "x", "y", NULL, 1);
	/* Three input columns: the table's prediction is the whole model, and the panel,
	 * which draws a curve or a field, draws none (it used to call the partial term
	 * w1·x1 + w2·x2 "the model"). */
	check_roles(test_scene_text("param w1 = 1\nparam w2 = 2\nparam w3 = 3\ndata x1 x2 x3 y\n1 2 3 4\n5 6 7 8\n"
	                  "p = w1 * x1 + w2 * x2\nyhat = p + w3 * x3\nJ = (yhat - y)^2\ncost J\n"),
	            "three columns", "yhat", "x1", "x2", NULL, 3);
}

int main(void)
{
	test_builtin_scenes();
	test_data_scene();
	test_data_samples();
	test_session_cache();
	test_classifier_field();
	test_logistic_curve();
	test_model_roles();
	return test_report("test-sample");
}
