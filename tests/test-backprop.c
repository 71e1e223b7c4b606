/* test-backprop.c - forward values and backprop gradients. Every built-in scene gives
 * the lecture's numbers; on 400 random graphs the engine's values match an evaluator
 * written here independently, and its gradients match central differences of that
 * evaluator; non-finite values propagate; data sets average over rows. */
#include <stdlib.h>
#include <string.h>

#include "nudge/eval.h"
#include "nudge/descent.h"
#include "nudge/numeric.h"
#include "nudge/scene.h"
#include "test.h"
#include "test-scene.h"

static double val(const struct eval *ev, const char *name)
{
	int k = scene_find(ev->scene, name);
	return k >= 0 ? ev->value[k] : NAN;
}

static double grad(const struct eval *ev, const char *name)
{
	int k = scene_find(ev->scene, name);
	return k >= 0 ? ev->mean_grad[k] : NAN;
}

static void set(struct eval *ev, const char *name, double v)
{
	eval_set(ev, scene_find(ev->scene, name), v);
	eval_run(ev);
}

/* J at w, J at w + eps, dJ/dw for the one-parameter derivative scenes. */
static void check_derivative(const char *scene, double w, double j, double j_eps, double dj)
{
	struct scene *s = test_builtin(scene);
	if (!s)
		return;
	struct eval *ev = eval_new(s);
	set(ev, "w", w);
	struct nudge n = nudge_node(ev, scene_find(s, "w"), 0.001);
	char what[128];
	snprintf(what, sizeof what, "%s at w = %g: J", scene, w);
	CHECK_NEAR(ev->cost, j, 1e-12, what);
	snprintf(what, sizeof what, "%s at w = %g: J(w + 0.001)", scene, w);
	CHECK_NEAR(n.after, j_eps, 1e-12, what);
	snprintf(what, sizeof what, "%s at w = %g: dJ/dw", scene, w);
	CHECK_NEAR(grad(ev, "w"), dj, 1e-12, what);
	eval_free(ev);
	scene_free(s);
}

static void test_lecture_numbers(void)
{
	check_derivative("derivative", 3, 9, 9.006001, 6);
	check_derivative("derivative", 2, 4, 4.004001, 4);
	check_derivative("derivative", -3, 9, 8.994001, -6);
	check_derivative("cube", 2, 8, 8.012006001, 12);
	check_derivative("linear", 2, 2, 2.001, 1);
	check_derivative("reciprocal", 2, 0.5, 1 / 2.001, -0.25);

	struct scene *s = test_builtin("chain");
	if (s) {
		struct eval *ev = eval_new(s);
		CHECK_NEAR(val(ev, "a"), 11, 0, "chain: a");
		CHECK_NEAR(ev->cost, 121, 0, "chain: J");
		CHECK_NEAR(ev->grad[scene_find(s, "a")], 22, 0, "chain: dJ/da");
		CHECK_NEAR(grad(ev, "w"), 66, 0, "chain: dJ/dw");
		eval_free(ev);
		scene_free(s);
	}

	s = test_builtin("computation-graph");
	if (s) {
		struct eval *ev = eval_new(s);
		CHECK_NEAR(val(ev, "c"), -4, 0, "c");
		CHECK_NEAR(val(ev, "a"), 4, 0, "a");
		CHECK_NEAR(val(ev, "d"), 2, 0, "d");
		CHECK_NEAR(ev->cost, 2, 0, "J");
		const char *two[] = { "d", "a", "c", "b" };
		for (int i = 0; i < 4; i++)
			CHECK_NEAR(ev->grad[scene_find(s, two[i])], 2, 0, two[i]);
		CHECK_NEAR(grad(ev, "w"), -4, 0, "dJ/dw");
		CHECK(s->cost == scene_find(s, "J") && s->plot == scene_find(s, "w"), "cost J, plot w");
		/* local derivatives on the edges: ∂c/∂w = x = −2, ∂c/∂x = w = 2, ∂J/∂d = d = 2 */
		for (int e = 0; e < s->n_edges; e++) {
			const char *from = s->nodes[s->edges[e].from].name, *to = s->nodes[s->edges[e].to].name;
			double want = strcmp(to, "c") == 0 ? (strcmp(from, "w") == 0 ? -2 : 2)
			            : strcmp(to, "d") == 0 && strcmp(from, "y") == 0 ? -1
			            : strcmp(to, "J") == 0 ? 2 : 1;
			CHECK_NEAR(ev->local[e], want, 0, "local derivative");
		}
		eval_free(ev);
		scene_free(s);
	}

	s = test_builtin("network");
	if (s) {
		struct eval *ev = eval_new(s);
		CHECK_NEAR(ev->cost, 2, 0, "network: J");
		CHECK_NEAR(grad(ev, "w1"), 6, 0, "network: dJ/dw1");
		CHECK_NEAR(grad(ev, "w2"), 4, 0, "network: dJ/dw2");
		CHECK_NEAR(grad(ev, "b1"), 6, 0, "network: dJ/db1");
		CHECK_NEAR(grad(ev, "b2"), 2, 0, "network: dJ/db2");
		struct nudge n = nudge_node(ev, scene_find(s, "w1"), 0.001);
		CHECK_NEAR(n.after, 2.0060045, 1e-12, "network: J(w1 + 0.001)");
		CHECK(strcmp(s->nodes[scene_find(s, "w1")].label, "w[1]") == 0, "network: label");
		eval_free(ev);
		scene_free(s);
	}

	s = test_builtin("fit-line");
	if (s) {
		struct eval *ev = eval_new(s);
		CHECK(s->n_rows == 3, "fit-line: 3 rows");
		/* J(w) = ½·mean((w x − y)²) = ½(w − 2)²·(1 + 4 + 9)/3; dJ/dw = (w − 2)·14/3 */
		CHECK_NEAR(ev->cost, 0.5 * 1.5 * 1.5 * 14 / 3, 1e-14, "fit-line: J at 0.5");
		CHECK_NEAR(grad(ev, "w"), -1.5 * 14 / 3, 1e-14, "fit-line: dJ/dw at 0.5");
		char why[128];
		for (int i = 0; i < 200; i++)
			descend_step(ev, s->rate, why, sizeof why);
		CHECK_NEAR(ev->set[scene_find(s, "w")], 2, 1e-6, "fit-line: gradient descent reaches w = 2");
		eval_free(ev);
		scene_free(s);
	}

	s = test_builtin("logistic");
	if (s) {
		struct eval *ev = eval_new(s);
		double z = 0.5 * 1.5 - 1, yh = 1 / (1 + exp(-z));
		CHECK_NEAR(ev->row_cost[0], -log(yh), 1e-14, "logistic: J⁽⁰⁾ = −log ŷ for y = 1");
		CHECK_NEAR(ev->value[s->cost], -log(yh), 1e-14, "logistic: the shown row's J⁽⁰⁾");
		CHECK_NEAR(ev->grad[scene_find(s, "z")], yh - 1, 1e-14, "logistic: dJ⁽⁰⁾/dz = ŷ − y");
		CHECK_NEAR(ev->grad[scene_find(s, "w")], (yh - 1) * 1.5, 1e-14, "logistic: dJ⁽⁰⁾/dw = (ŷ − y)·x");
		/* the means over the five rows, from the closed forms */
		static const double xs[] = {1.5, 2.5, -1, 0.5, 1}, ys[] = {1, 1, 0, 1, 0};
		double J = 0, gw = 0, gb = 0;
		for (int i = 0; i < 5; i++) {
			double p = 1 / (1 + exp(-(0.5 * xs[i] - 1)));
			J += -(ys[i] * log(p) + (1 - ys[i]) * log(1 - p)) / 5;
			gw += (p - ys[i]) * xs[i] / 5;
			gb += (p - ys[i]) / 5;
		}
		CHECK(s->n_rows == 5, "logistic: five rows");
		CHECK_NEAR(ev->cost, J, 1e-14, "logistic: J, the mean log loss");
		CHECK_NEAR(grad(ev, "w"), gw, 1e-14, "logistic: dJ/dw = mean of (ŷ − y)·x");
		CHECK_NEAR(grad(ev, "b"), gb, 1e-14, "logistic: dJ/db = mean of ŷ − y");
		eval_free(ev);
		scene_free(s);
	}
}

/* ---- random graphs with an independent evaluator ---- */

enum rop { R_NUM, R_VAR, R_ADD, R_SUB, R_MUL, R_DIV, R_POW2, R_POW3, R_NEG, R_EXP, R_LOG, R_SQRT,
           R_ABS, R_SIN, R_COS, R_TANH, R_SIG, R_RELU, R_VPOW };

struct rnode {
	enum rop op;
	int a, b;     /* children */
	int var;      /* R_VAR: index into the scene's variables */
	double num;
};

struct rgraph {
	struct rnode n[4096];
	int count;
	int root[16];       /* each computed variable's expression */
	int n_leaves;       /* variables 0..n_leaves-1 are inputs/params */
	int n_vars;         /* leaves + computed */
	double leaf[16];
	unsigned seed;
};

static unsigned rnd(struct rgraph *g)
{
	g->seed = g->seed * 1664525u + 1013904223u;
	return g->seed >> 8;
}

static double rnd01(struct rgraph *g) { return (rnd(g) & 0xffff) / 65536.0; }

static int rnew(struct rgraph *g, enum rop op, int a, int b)
{
	struct rnode *n = &g->n[g->count];
	n->op = op;
	n->a = a;
	n->b = b;
	return g->count++;
}

/* A random expression over variables 0..nvars-1, kept in safe domains. */
static int rexpr(struct rgraph *g, int depth, int nvars)
{
	if (depth == 0 || rnd(g) % 4 == 0) {
		if (rnd(g) % 4 == 0) {
			int k = rnew(g, R_NUM, -1, -1);
			g->n[k].num = (int)(rnd(g) % 40) / 8.0 + 0.25;
			return k;
		}
		int k = rnew(g, R_VAR, -1, -1);
		g->n[k].var = (int)(rnd(g) % (unsigned)nvars);
		return k;
	}
	enum rop op = (enum rop)(R_ADD + rnd(g) % (R_VPOW - R_ADD + 1));
	int a = rexpr(g, depth - 1, nvars);
	int b = (op <= R_DIV || op == R_VPOW) ? rexpr(g, depth - 1, nvars) : -1;
	return rnew(g, op, a, b);
}

static double sig(double z) { return 1 / (1 + exp(-z)); }

/* The independent evaluator: the formulas as written in rprint, in plain C. */
static double reval(const struct rgraph *g, int i, const double *vars)
{
	const struct rnode *n = &g->n[i];
	double a = n->a >= 0 ? reval(g, n->a, vars) : 0, b = n->b >= 0 ? reval(g, n->b, vars) : 0;
	switch (n->op) {
	case R_NUM: return n->num;
	case R_VAR: return vars[n->var];
	case R_ADD: return a + b;
	case R_SUB: return a - b;
	case R_MUL: return a * b;
	case R_DIV: return a / (b * b + 1);
	case R_POW2: return a * a;
	case R_POW3: return a * a * a;
	case R_NEG: return -a;
	case R_EXP: return exp(tanh(a));
	case R_LOG: return log(a * a + 0.5);
	case R_SQRT: return sqrt(a * a + 1);
	case R_ABS: return fabs(a);
	case R_SIN: return sin(a);
	case R_COS: return cos(a);
	case R_TANH: return tanh(a);
	case R_SIG: return sig(a);
	case R_RELU: return a > 0 ? a : 0;
	case R_VPOW: return pow(a * a + 1, tanh(b));
	}
	return NAN;
}

static void rprint(const struct rgraph *g, int i, char *out, size_t n)
{
	const struct rnode *r = &g->n[i];
	char a[4096] = "", b[4096] = "";
	if (r->a >= 0)
		rprint(g, r->a, a, sizeof a);
	if (r->b >= 0)
		rprint(g, r->b, b, sizeof b);
	switch (r->op) {
	case R_NUM: snprintf(out, n, "%.17g", r->num); break;
	case R_VAR: snprintf(out, n, "v%d", r->var); break;
	case R_ADD: snprintf(out, n, "(%s + %s)", a, b); break;
	case R_SUB: snprintf(out, n, "(%s - %s)", a, b); break;
	case R_MUL: snprintf(out, n, "%s * %s", a, b); break; /* no parentheses: precedence matters */
	case R_DIV: snprintf(out, n, "(%s) / ((%s)^2 + 1)", a, b); break;
	case R_POW2: snprintf(out, n, "(%s)^2", a); break;
	case R_POW3: snprintf(out, n, "(%s)^3", a); break;
	case R_NEG: snprintf(out, n, "(-(%s))", a); break;
	case R_EXP: snprintf(out, n, "exp(tanh(%s))", a); break;
	case R_LOG: snprintf(out, n, "log((%s)^2 + 0.5)", a); break;
	case R_SQRT: snprintf(out, n, "sqrt((%s)^2 + 1)", a); break;
	case R_ABS: snprintf(out, n, "abs(%s)", a); break;
	case R_SIN: snprintf(out, n, "sin(%s)", a); break;
	case R_COS: snprintf(out, n, "cos(%s)", a); break;
	case R_TANH: snprintf(out, n, "tanh(%s)", a); break;
	case R_SIG: snprintf(out, n, "sigmoid(%s)", a); break;
	case R_RELU: snprintf(out, n, "relu(%s)", a); break;
	case R_VPOW: snprintf(out, n, "((%s)^2 + 1)^tanh(%s)", a, b); break;
	}
}

/* The cost (the last variable) from leaf values, by the independent evaluator. */
static double rcost(const struct rgraph *g, const double *leaves)
{
	double vars[16];
	for (int i = 0; i < g->n_leaves; i++)
		vars[i] = leaves[i];
	for (int v = g->n_leaves; v < g->n_vars; v++)
		vars[v] = reval(g, g->root[v], vars);
	return vars[g->n_vars - 1];
}

static void test_random_graphs(void)
{
	static struct rgraph g;
	static char src[1 << 17];
	int graphs = 0, grads = 0;
	for (unsigned seed = 1; seed <= 400; seed++) {
		memset(&g, 0, sizeof g);
		g.seed = seed * 2654435761u;
		g.n_leaves = 1 + (int)(rnd(&g) % 5);
		int computed = 1 + (int)(rnd(&g) % 8);
		g.n_vars = g.n_leaves + computed;
		size_t len = 0;
		for (int i = 0; i < g.n_leaves; i++) {
			g.leaf[i] = rnd01(&g) * 3 - 1.5;
			len += (size_t)snprintf(src + len, sizeof src - len, "%s v%d = %.17g\n",
			                        i % 3 == 2 ? "input" : "param", i, g.leaf[i]);
		}
		for (int v = g.n_leaves; v < g.n_vars; v++) {
			g.root[v] = rexpr(&g, 1 + (int)(rnd(&g) % 3), v);
			char e[8192];
			rprint(&g, g.root[v], e, sizeof e);
			len += (size_t)snprintf(src + len, sizeof src - len, "v%d = %s\n", v, e);
		}
		struct nudge_error err;
		struct scene *s = scene_parse(src, len, "random", &err);
		CHECK(s != NULL, "seed %u refused: %s at %d:%d\n%s", seed, err.msg, err.line, err.col, src);
		if (!s)
			continue;
		struct eval *ev = eval_new(s);
		double want = rcost(&g, g.leaf);
		CHECK_NEAR(ev->cost, want, 1e-12, "random graph: the cost");
		if (!isfinite(want)) {
			eval_free(ev);
			scene_free(s);
			continue;
		}
		for (int i = 0; i < g.n_leaves; i++) {
			double h = 1e-6 * (fabs(g.leaf[i]) > 1 ? fabs(g.leaf[i]) : 1);
			double up[16], down[16];
			memcpy(up, g.leaf, sizeof up);
			memcpy(down, g.leaf, sizeof down);
			up[i] += h;
			down[i] -= h;
			double fd = (rcost(&g, up) - rcost(&g, down)) / (2 * h);
			double bp = ev->mean_grad[i];
			int ok = test_near(bp, fd, 1e-5);
			CHECK(ok, "seed %u: dJ/dv%d backprop %.12g, central difference %.12g\n%s", seed, i, bp, fd, src);
			grads++;
		}
		graphs++;
		eval_free(ev);
		scene_free(s);
	}
	printf("random graphs: %d graphs, %d gradients checked against central differences\n", graphs, grads);
}

static void test_nonfinite(void)
{
	const char *src = "param w = 0\nq = 1 / w\nr = log(w - 1)\nJ = q + w\n";
	struct nudge_error err;
	struct scene *s = scene_parse(src, strlen(src), "t", &err);
	struct eval *ev = eval_new(s);
	CHECK(isinf(ev->value[1]) && isnan(ev->value[2]), "1/0 = inf, log(-1) = nan");
	CHECK(isinf(ev->cost), "inf propagates to the cost");
	CHECK(!isfinite(ev->mean_grad[0]), "and to the gradient: %g", ev->mean_grad[0]);
	char why[128] = "";
	double before = ev->set[0];
	CHECK(descend_step(ev, 0.1, why, sizeof why) == -1 && why[0], "descent refuses a non-finite step");
	CHECK(ev->set[0] == before, "and leaves the param as it was");
	/* r is not used by the cost: its nan must not leak into dJ/dw */
	eval_set(ev, 0, 2);
	eval_run(ev);
	CHECK(isnan(ev->value[2]) || isfinite(ev->value[2]), "r evaluated");
	CHECK_NEAR(ev->mean_grad[0], -0.25 + 1, 1e-15, "a node off the cost's path does not touch dJ/dw");
	eval_free(ev);
	scene_free(s);

	/* a learning rate that diverges stops with a reason instead of producing nan */
	src = "param w = 3\nJ = w^4\n";
	s = scene_parse(src, strlen(src), "t", &err);
	ev = eval_new(s);
	int stopped = 0;
	for (int i = 0; i < 100 && !stopped; i++)
		stopped = descend_step(ev, 1.0, why, sizeof why) != 0;
	CHECK(stopped && isfinite(ev->set[0]) && isfinite(ev->cost), "divergence stops with finite params (%s)", why);
	eval_free(ev);
	scene_free(s);
}

static void test_rows(void)
{
	const char *src = "param w = 1\ndata x y\n 1 3\n 2 1\nJ = (w*x - y)^2\n";
	struct nudge_error err;
	struct scene *s = scene_parse(src, strlen(src), "t", &err);
	struct eval *ev = eval_new(s);
	/* rows: (1-3)² = 4, (2-1)² = 1 → mean 2.5; dJ/dw per row 2(wx-y)x: -4, 4 → mean 0 */
	CHECK_NEAR(ev->cost, 2.5, 0, "mean over rows");
	CHECK_NEAR(ev->mean_grad[0], 0, 0, "mean gradient");
	CHECK_NEAR(ev->grad[0], -4, 0, "row 0 gradient");
	CHECK(eval_set_row(ev, 1) == 0, "row 1 exists");
	eval_run(ev);
	CHECK_NEAR(ev->grad[0], 4, 0, "row 1 gradient");
	CHECK_NEAR(ev->value[3], 1, 0, "row 1 value of J");
	CHECK_NEAR(ev->cost, 2.5, 0, "the mean does not depend on the shown row");
	CHECK(eval_set_row(ev, 2) == -1 && eval_set_row(ev, -1) == -1, "rows out of range are refused");
	CHECK(eval_set(ev, 1, 5) == -1, "a data column cannot be set");
	eval_free(ev);
	scene_free(s);
}

/* The eval says whether its results are old and counts its forward + backward passes
 * (the window recomputes only a stale eval, and tests count its passes per frame). */
static void test_stale_and_runs(void)
{
	const char *src = "param w = 3\ndata x\n 1\n 2\nJ = w * w * x\n";
	struct nudge_error err;
	struct scene *s = scene_parse(src, strlen(src), "t", &err);
	struct eval *ev = eval_new(s);
	CHECK(ev->runs == 1 && !ev->stale, "eval_new runs once (%lld)", ev->runs);
	eval_set(ev, 0, 2);
	CHECK(ev->stale && ev->runs == 1 && ev->cost == 13.5, "eval_set makes it stale and runs nothing");
	eval_run(ev);
	CHECK(!ev->stale && ev->runs == 2 && ev->cost == 6, "eval_run: J = 4 × (1 + 2) / 2 = 6 (%g)", ev->cost);
	CHECK(eval_set(ev, 2, 1) == -1 && !ev->stale, "a refused set changes nothing");
	CHECK(eval_set_row(ev, 1) == 0 && ev->stale, "choosing a row makes it stale");
	eval_run(ev);
	char why[128];
	CHECK(descend_step(ev, 0.1, why, sizeof why) == 0 && ev->runs == 4 && !ev->stale,
	      "a descent step is one pass (%lld)", ev->runs);
	CHECK_NEAR(ev->set[0], 2 - 0.1 * 2 * 2 * 1.5, 1e-15, "w ← w − α·2w·mean(x)");
	eval_reset(ev);
	CHECK(ev->runs == 5 && !ev->stale && ev->set[0] == 3, "eval_reset is one pass");
	eval_free(ev);
	scene_free(s);
}

int main(void)
{
	test_lecture_numbers();
	test_random_graphs();
	test_nonfinite();
	test_rows();
	test_stale_and_runs();
	return test_report("test-backprop");
}
