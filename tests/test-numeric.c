/* test-numeric.c - nudging and gradient descent: the one-sided and central differences
 * against hand-worked values, the check of backprop with its node-visit counts (one
 * forward + one backward pass versus one forward pass per nudged node); forward-mode
 * derivatives against central differences of every node on every built-in scene; the
 * lecture's N + P / N × P counts; the descent watch (convergence, divergence). */
#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nudge/descent.h"
#include "nudge/numeric.h"
#include "nudge/work.h"
#include "test.h"
#include "test-scene.h"

static void test_differences(void)
{
	struct scene *s = test_builtin("cube");
	if (!s)
		return;
	struct eval *ev = eval_new(s);
	/* J = w³ at 2: one-sided (8.012006001 − 8)/0.001 = 12.006001; central 12 + ε² = 12.000001 */
	struct nudge n = nudge_node(ev, 0, 0.001);
	CHECK_NEAR(n.before, 8, 0, "J(w)");
	CHECK_NEAR(n.delta, 0.012006001, 1e-12, "the change");
	CHECK_NEAR(n.ratio, 12.006001, 1e-9, "one-sided difference");
	CHECK_NEAR(numeric_central(ev, 0, 0.001), 12.000001, 1e-9, "central difference");
	CHECK_NEAR(ev->value[1], 8, 0, "nudging leaves the shown values alone");
	eval_free(ev);
	scene_free(s);
}

static void test_check_counts(void)
{
	struct scene *s = test_builtin("computation-graph");
	if (!s)
		return;
	struct eval *ev = eval_new(s);
	struct check_row rows[16];
	long long bp, nv;
	int n = numeric_check(ev, 1e-4, 1, rows, &bp, &nv);
	CHECK(n == 4, "x, y, w, b are checked (%d)", n);
	CHECK(bp == 2 * 8, "backprop: one forward and one backward pass over 8 nodes = %lld", bp);
	CHECK(nv == (1 + 4) * 8, "nudging: a base pass plus one per leaf = %lld", nv);
	for (int i = 0; i < n; i++)
		CHECK(rows[i].diff < 1e-6, "%s: backprop %g, numeric %g", s->nodes[rows[i].node].name, rows[i].backprop,
		      rows[i].numeric);
	n = numeric_check(ev, 1e-4, 0, rows, &bp, &nv);
	CHECK(n == 2 && nv == 3 * 8, "params only: %d nodes, %lld visits", n, nv);
	eval_free(ev);
	scene_free(s);

	s = test_builtin("network");
	if (!s)
		return;
	ev = eval_new(s);
	n = numeric_check(ev, 1e-4, 0, rows, &bp, &nv);
	CHECK(n == 4 && bp == 18 && nv == 5 * 9, "network: P = 4, N = 9: %d, %lld, %lld", n, bp, nv);
	eval_free(ev);
	scene_free(s);
}

static void test_descent(void)
{
	struct scene *s = test_builtin("derivative");
	if (!s)
		return;
	struct eval *ev = eval_new(s);
	char why[128];
	/* w ← w − 0.1·2w = 0.8w */
	CHECK(descend_step(ev, 0.1, why, sizeof why) == 0, "one step");
	CHECK_NEAR(ev->set[0], 2.4, 1e-15, "w after one step");
	CHECK_NEAR(ev->cost, 5.76, 1e-14, "J after one step");
	for (int i = 0; i < 9; i++)
		descend_step(ev, 0.1, why, sizeof why);
	CHECK_NEAR(ev->set[0], 3 * pow(0.8, 10), 1e-14, "w after ten steps");
	eval_reset(ev);
	CHECK(ev->set[0] == 3 && ev->cost == 9, "reset returns to the file's values");
	eval_free(ev);
	scene_free(s);
}

/* d value[v] / d leaf by central differences, for every node. */
static void central_values(struct eval *ev, int leaf, double h, double *out)
{
	const struct scene *s = ev->scene;
	double w = ev->set[leaf];
	double *hi = calloc((size_t)s->n_nodes, sizeof(double));
	eval_set(ev, leaf, w + h);
	eval_run(ev);
	memcpy(hi, ev->value, sizeof(double) * (size_t)s->n_nodes);
	eval_set(ev, leaf, w - h);
	eval_run(ev);
	for (int v = 0; v < s->n_nodes; v++)
		out[v] = (hi[v] - ev->value[v]) / (2 * h);
	eval_set(ev, leaf, w);
	eval_run(ev);
	free(hi);
}

static void test_scene(const char *name)
{
	struct scene *s = test_builtin(name);
	if (!s)
		return;
	struct eval *ev = eval_new(s);
	int n = s->n_nodes;
	double *fwd = calloc((size_t)n, sizeof(double)), *num = calloc((size_t)n, sizeof(double));
	int checked = 0;
	for (int leaf = 0; leaf < n; leaf++) {
		enum node_kind k = s->nodes[leaf].kind;
		if (k != NODE_INPUT && k != NODE_PARAM) {
			CHECK(eval_forward_mode(ev, leaf, fwd) == -1, "%s: forward mode refuses node %d", name, leaf);
			continue;
		}
		CHECK(eval_forward_mode(ev, leaf, fwd) == 0, "%s: forward mode from %s", name, s->nodes[leaf].name);
		central_values(ev, leaf, 1e-6, num);
		for (int v = 0; v < n; v++) {
			if (!isfinite(num[v]) || !isfinite(fwd[v]))
				continue;
			CHECK(fabs(fwd[v] - num[v]) <= 1e-4 * fmax(1, fabs(num[v])), "%s: d%s/d%s forward %g, numeric %g",
			      name, s->nodes[v].name, s->nodes[leaf].name, fwd[v], num[v]);
			checked++;
		}
		if (s->n_rows == 0 && isfinite(fwd[s->cost])) /* forward and reverse meet at the cost */
			CHECK(fabs(fwd[s->cost] - ev->grad[leaf]) <= 1e-12 * fmax(1, fabs(fwd[s->cost])),
			      "%s: forward dJ/d%s = reverse", name, s->nodes[leaf].name);
	}
	CHECK(checked > 0, "%s: some derivatives checked", name);
	free(fwd);
	free(num);
	eval_free(ev);
	scene_free(s);
}

static void test_forward_every_scene(void)
{
	DIR *d = opendir(NUDGE_TEST_SCENES);
	CHECK(d != NULL, "the scenes folder opens");
	if (!d)
		return;
	int n = 0;
	for (struct dirent *e; (e = readdir(d));) {
		size_t l = strlen(e->d_name);
		if (l > 6 && strcmp(e->d_name + l - 6, ".nudge") == 0) {
			char name[256];
			snprintf(name, sizeof name, "%.*s", (int)(l - 6), e->d_name);
			test_scene(name);
			n++;
		}
	}
	closedir(d);
	CHECK(n >= 9, "the nine built-in scenes (%d)", n);
}

static void test_work_counts(void)
{
	struct scene *s = test_builtin("network");
	if (!s)
		return;
	struct work_count w = work_count_scene(s);
	CHECK(w.n == 9 && w.p == 4 && w.backprop == 13 && w.nudge == 36, "network: N = %lld, P = %lld, %lld, %lld",
	      w.n, w.p, w.backprop, w.nudge);
	w = work_count_of(WORK_LECTURE_N, WORK_LECTURE_P);
	CHECK(w.backprop == 110000 && w.nudge == 1000000000LL, "the lecture: 1.1e5 versus 1e9");
	scene_free(s);
}

static void test_watch(void)
{
	struct scene *s = test_builtin("fit-line");
	if (!s)
		return;
	struct eval *ev = eval_new(s);
	struct descent_watch w;
	char why[256];
	descent_watch_start(&w, ev->cost);
	int steps = 0;
	while (!descent_converged(ev, DESCENT_TOL) && steps < 1000) {
		CHECK(descend_step(ev, s->rate, why, sizeof why) == 0, "a step");
		CHECK(!descent_diverging(&w, ev->cost, s->rate, why, sizeof why), "fit-line does not diverge");
		steps++;
	}
	CHECK(steps > 5 && steps < 100, "fit-line converges in %d steps", steps);
	CHECK_NEAR(ev->set[scene_find(s, "w")], 2, 1e-6, "w learns 2");
	eval_free(ev);
	scene_free(s);

	s = test_builtin("derivative");
	if (!s)
		return;
	ev = eval_new(s);
	descent_watch_start(&w, ev->cost);
	int stopped = 0;
	for (steps = 0; steps < 2000 && !stopped; steps++) {
		if (descend_step(ev, 1.5, why, sizeof why))
			break;
		stopped = descent_diverging(&w, ev->cost, 1.5, why, sizeof why);
	}
	CHECK(stopped && steps < 30, "rate 1.5 is caught diverging after %d steps: %s", steps, why);
	CHECK(strstr(why, "1.5") != NULL && isfinite(ev->cost), "the message names the rate: %s", why);
	eval_free(ev);
	scene_free(s);
}

/* The loop train and the window share: each step is w ← w − α·dJ/dw by hand, a rate
 * too large is reported diverging (the step taken), a non-finite step refused. */
static void test_descent_run(void)
{
	const char *src = "param w = 1 in [-1e9, 1e9]\nJ = (w - 3)^2\n";
	struct nudge_error err;
	struct scene *s = scene_parse(src, strlen(src), "<run>", &err);
	CHECK(s != NULL, "parses");
	if (!s)
		return;
	struct eval *ev = eval_new(s);
	struct descent_run run;
	char why[200];
	descent_start(&run, ev, 0.1);
	double w = 1;
	int ok = 1;
	for (int k = 0; k < 5; k++) {
		w -= 0.1 * 2 * (w - 3);
		ok = ok && descent_next(&run, ev, why, sizeof why) == DESCENT_STEPPED && test_near(ev->set[0], w, 1e-15);
	}
	CHECK(ok, "five steps of w ← w − 0.1·2(w − 3) reach %g (got %g)", w, ev->set[0]);
	eval_reset(ev);
	descent_start(&run, ev, 5); /* w − 3 grows ninefold a step */
	enum descent_result r = DESCENT_STEPPED;
	int steps = 0;
	while (r == DESCENT_STEPPED && steps < 100) {
		r = descent_next(&run, ev, why, sizeof why);
		steps++;
	}
	CHECK(r == DESCENT_DIVERGING && steps < 100 && strstr(why, "diverging"), "rate 5 diverges (%d steps: %s)",
	      steps, why);
	double before = ev->set[0];
	descent_start(&run, ev, 1e300);
	CHECK(descent_next(&run, ev, why, sizeof why) == DESCENT_REFUSED && ev->set[0] == before,
	      "a step to a non-finite value is refused and changes nothing (%s)", why);
	eval_free(ev);
	scene_free(s);
}

int main(void)
{
	test_descent_run();
	test_differences();
	test_check_counts();
	test_descent();
	test_forward_every_scene();
	test_work_counts();
	test_watch();
	return test_report("test-numeric");
}
