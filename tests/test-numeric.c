/* test-numeric.c - nudging and gradient descent: the one-sided and central differences
 * against hand-worked values, the check of backprop with its node-visit counts (one
 * forward + one backward pass versus one forward pass per nudged node). */
#include <string.h>

#include "nudge/numeric.h"
#include "test.h"

static struct scene *load(const char *name)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s.nudge", NUDGE_TEST_SCENES, name);
	struct nudge_error err;
	struct scene *s = scene_load(path, &err);
	CHECK(s != NULL, "%s loads", name);
	return s;
}

static void test_differences(void)
{
	struct scene *s = load("cube");
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
	struct scene *s = load("computation-graph");
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

	s = load("network");
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
	struct scene *s = load("derivative");
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

int main(void)
{
	test_differences();
	test_check_counts();
	test_descent();
	return test_report("test-numeric");
}
