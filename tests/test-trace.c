/* test-trace.c - the step trace and the equations written for people: the lecture's
 * computation graph step by step, word for word; what is known at each step; the
 * symbolic local derivatives on the edges; expressions printed with precedence; texts
 * written when asked for, of the numbers the trace was built from. */
#include <stdlib.h>
#include <string.h>

#include "nudge/trace.h"
#include "test.h"

static struct scene *parse(const char *src)
{
	struct nudge_error err;
	struct scene *s = scene_parse(src, strlen(src), "t", &err);
	CHECK(s != NULL, "refused: %s", err.msg);
	return s;
}

static void test_lecture_trace(void)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/computation-graph.nudge", NUDGE_TEST_SCENES);
	struct nudge_error err;
	struct scene *s = scene_load(path, &err);
	CHECK(s != NULL, "computation-graph loads");
	if (!s)
		return;
	struct eval *ev = eval_new(s);
	struct trace *t = trace_build(ev);
	static const char *const want[] = {
		"x = −2, y = 2, w = 2, b = 8",
		"c = w·x = 2 × (−2) = −4",
		"a = c + b = −4 + 8 = 4",
		"d = a − y = 4 − 2 = 2",
		"J = d²/2 = 2²/2 = 2",
		"dJ/dJ = 1",
		"dJ/dd = dJ/dJ · ∂J/∂d = 1 × 2 = 2",
		"dJ/da = dJ/dd · ∂d/∂a = 2 × 1 = 2",
		"dJ/dc = dJ/da · ∂a/∂c = 2 × 1 = 2",
		"dJ/db = dJ/da · ∂a/∂b = 2 × 1 = 2",
		"dJ/dw = dJ/dc · ∂c/∂w = 2 × (−2) = −4",
		"dJ/dy = dJ/dd · ∂d/∂y = 2 × (−1) = −2",
		"dJ/dx = dJ/dc · ∂c/∂x = 2 × 2 = 4",
	};
	int n = (int)(sizeof want / sizeof want[0]);
	CHECK(t->n_steps == n, "%d steps, expected %d", t->n_steps, n);
	for (int i = 0; i < n && i < t->n_steps; i++)
		CHECK(strcmp(trace_text(t, i), want[i]) == 0, "step %d: '%s', expected '%s'", i, trace_text(t, i), want[i]);
	CHECK(t->first_backward == 5 && t->steps[5].kind == STEP_BACKWARD && t->steps[4].kind == STEP_FORWARD,
	      "backward starts at step 5");
	int c = scene_find(s, "c"), w = scene_find(s, "w"), J = scene_find(s, "J");
	CHECK(trace_value_known(t, 0, w) && !trace_value_known(t, 0, c) && trace_value_known(t, 1, c),
	      "values appear at their forward step");
	CHECK(!trace_grad_known(t, 9, w) && trace_grad_known(t, 10, w) && trace_grad_known(t, 5, J),
	      "gradients appear at their backward step");
	/* step 1 works on the edges into c; step 10 (dJ/dw) on the edge w → c */
	int uses1 = 0, uses10 = 0, known10 = 0;
	for (int e = 0; e < s->n_edges; e++) {
		uses1 += trace_step_uses_edge(t, s, 1, e);
		if (trace_step_uses_edge(t, s, 10, e))
			uses10 += s->edges[e].from == w && s->edges[e].to == c;
		known10 += trace_local_known(t, s, 10, e);
	}
	CHECK(uses1 == 2 && uses10 == 1, "edges of steps 1 and 10 (%d, %d)", uses1, uses10);
	CHECK(known10 == 5, "local derivatives known by step 10: %d", known10);
	/* symbolic local derivatives: ∂c/∂w = x, ∂c/∂x = w, ∂a/∂b = 1, ∂d/∂y = −1, ∂J/∂d = d */
	for (int e = 0; e < s->n_edges; e++) {
		char buf[64];
		scene_local_text(s, e, buf, sizeof buf);
		const char *from = s->nodes[s->edges[e].from].name, *to = s->nodes[s->edges[e].to].name;
		const char *exp = strcmp(to, "c") == 0 ? (strcmp(from, "w") == 0 ? "x" : "w")
		                : strcmp(to, "J") == 0 ? "d"
		                : strcmp(from, "y") == 0 ? "−1" : "1";
		CHECK(strcmp(buf, exp) == 0, "∂%s/∂%s written '%s', expected '%s'", to, from, buf, exp);
	}
	trace_free(t);
	eval_free(ev);
	scene_free(s);
}

/* A nudged lecture graph (w = 1.999, x = −1.995): every value has more digits than the
 * boxes show, and the step sentences write each node's value as its box does (four
 * significant digits: a = 4.011995 is 4.012 in the box and in "4.012 − 2"), constants
 * as the scene writes them. Values worked out by hand: c = −3.988005, a = 4.011995,
 * d = 2.011995, J = d²/2 = 2.02406199… */
static void test_nudged_trace(void)
{
	struct scene *s = parse("input x = -1.995\ninput y = 2\nparam w = 1.999\nparam b = 8\nc = w * x\n"
	                        "a = c + b\nd = a - y\nJ = 0.5 * d^2\n");
	if (!s)
		return;
	struct eval *ev = eval_new(s);
	struct trace *t = trace_build(ev);
	static const char *const want[] = {
		"x = −1.995, y = 2, w = 1.999, b = 8",
		"c = w·x = 1.999 × (−1.995) = −3.988",
		"a = c + b = −3.988 + 8 = 4.012",
		"d = a − y = 4.012 − 2 = 2.012",
		"J = 0.5·d² = 0.5 × 2.012² = 2.024",
		"dJ/dJ = 1",
		"dJ/dd = dJ/dJ · ∂J/∂d = 1 × 2.012 = 2.012",
	};
	int n = (int)(sizeof want / sizeof want[0]);
	for (int i = 0; i < n && i < t->n_steps; i++)
		CHECK(strcmp(trace_text(t, i), want[i]) == 0, "nudged, step %d: '%s', expected '%s'", i, trace_text(t, i),
		      want[i]);
	trace_free(t);
	eval_free(ev);
	scene_free(s);
}

static void expect_expr(const char *src, const char *node, const char *sym, const char *num)
{
	struct scene *s = parse(src);
	if (!s)
		return;
	struct eval *ev = eval_new(s);
	int k = scene_find(s, node);
	char buf[256];
	scene_expr_text(s, k, NULL, buf, sizeof buf);
	CHECK(strcmp(buf, sym) == 0, "'%s' written as '%s'", sym, buf);
	scene_expr_text(s, k, ev->value, buf, sizeof buf);
	CHECK(strcmp(buf, num) == 0, "'%s' with values: '%s', expected '%s'", sym, buf, num);
	eval_free(ev);
	scene_free(s);
}

static void test_expressions(void)
{
	expect_expr("param w = -2\nparam v = 3\nJ = -w^2\n", "J", "−w²", "−(−2)²");
	expect_expr("param w = -2\nparam v = 3\nJ = (w + v) * (w - v)\n", "J", "(w + v)·(w − v)",
	            "(−2 + 3) × (−2 − 3)");
	expect_expr("param w = 2\nparam v = 3\nJ = w - (v - w)\n", "J", "w − (v − w)", "2 − (3 − 2)");
	expect_expr("param w = 2\nparam v = 3\nJ = w - v - w\n", "J", "w − v − w", "2 − 3 − 2");
	expect_expr("param w = 2\nparam v = 3\nJ = w / (v * w)\n", "J", "w/(v·w)", "2/(3 × 2)");
	expect_expr("param w = 2\nparam v = 3\nJ = (w^v)^2\n", "J", "(w^v)²", "(2^3)²");
	expect_expr("param w = 2\nparam v = 3\nJ = w^v^2\n", "J", "w^(v²)", "2^(3²)");
	expect_expr("param w = 2\nJ = w^3^2\n", "J", "w^(3²)", "2^(3²)");
	expect_expr("param w = 2\nJ = (w + 2)^0.5 + w^-1\n", "J", "(w + 2)^0.5 + w^(−1)", "(2 + 2)^0.5 + 2^(−1)");
	expect_expr("param w = 2\nJ = sigmoid(-w) + 0.5\n", "J", "sigmoid(−w) + 0.5", "sigmoid(−2) + 0.5");
	expect_expr("param w = 2 label \"w[1]\"\nJ = 3 * w\n", "J", "3·w[1]", "3 × 2");
	/* a power of a label with a raised index or script is bracketed: (w[1]_11)², whose ²
	 * would otherwise stand beside the [1] and read as part of it; a subscript needs none */
	expect_expr("param w = 2 label \"w[1]_11\"\nJ = w^2\n", "J", "(w[1]_11)²", "2²");
	expect_expr("param w = 2 label \"x^n\"\nJ = w^0.5\n", "J", "(x^n)^0.5", "2^0.5");
	expect_expr("param w = 2 label \"x_1\"\nJ = w^3 + w\n", "J", "x_1³ + x_1", "2³ + 2");
}

static void expect_local(const char *src, const char *from, const char *want)
{
	struct scene *s = parse(src);
	if (!s)
		return;
	int f = scene_find(s, from);
	for (int e = 0; e < s->n_edges; e++) {
		if (s->edges[e].from != f || s->edges[e].to != s->cost)
			continue;
		char buf[64];
		scene_local_text(s, e, buf, sizeof buf);
		CHECK(strcmp(buf, want) == 0, "∂J/∂%s of '%s' written '%s', expected '%s'", from, src, buf, want);
	}
	scene_free(s);
}

static void test_local_text(void)
{
	expect_local("param w = 1\nparam v = 2\nJ = 0.5 * (w - v)^2\n", "w", "w − v");
	expect_local("param w = 1\nparam v = 2\nJ = 0.5 * (w - v)^2\n", "v", "−(w − v)");
	expect_local("param w = 1\nJ = w^3\n", "w", "3·w²");
	expect_local("param w = 1\nJ = 1 / w\n", "w", "−1/w²");
	expect_local("param w = 1\nJ = exp(2 * w)\n", "w", "2·exp(2·w)");
	expect_local("param w = 1\nJ = log(w)\n", "w", "1/w");
	expect_local("param w = 1\nJ = relu(w)\n", "w", "");
	expect_local("param w = 1\nparam v = 2\nJ = w^v\n", "v", "");
	expect_local("param w = 1 label \"w[1]_11\"\nJ = w^3\n", "w", "3·(w[1]_11)²");
}

static void test_long_expression(void)
{
	size_t terms = 50000;
	char *src = malloc(terms * 4 + 64);
	strcpy(src, "param w = 1\nJ = w");
	char *end = src + strlen(src);
	for (size_t i = 1; i < terms; i++, end += 4)
		memcpy(end, " * w", 5);
	struct scene *s = parse(src);
	free(src);
	if (!s)
		return;
	struct eval *ev = eval_new(s);
	struct trace *t = trace_build(ev);
	CHECK(t && strlen(trace_text(t, 1)) > terms * 2, "a 50,000-term product is written out in full");
	char small[32];
	int want = scene_expr_text(s, 1, NULL, small, sizeof small);
	CHECK(want > 32 && strlen(small) == 31, "truncated into a small buffer, full length reported");
	CHECK(scene_local_text(s, 0, small, sizeof small) == 0 && small[0] == '\0', "no symbolic derivative for it");
	trace_free(t);
	eval_free(ev);
	scene_free(s);
}

/* A data scene: the row's steps are named for the row, the mean steps follow with the
 * numbers of every row, and what is known when; a regularizer that no row changes is
 * not one row's number. Rows worked by hand: w = 1, b = 0.5; (x, y) = (1, 1), (2, 0),
 * (−1, 2): ŷ = 1.5, 2.5, −0.5; L = (ŷ − y)² + w² = 1.25, 7.25, 7.25; dL/dw = 2(ŷ − y)x + 2w
 * = 3, 12, 7; dL/db = 2(ŷ − y) = 1, 5, −5. */
static void test_data_trace(void)
{
	struct scene *s = parse("param w = 1\nparam b = 0.5\ndata x y\n  1 1\n  2 0\n  -1 2\n"
	                        "yhat = w * x + b\nr = w^2\nL = (yhat - y)^2 + r\n");
	if (!s)
		return;
	struct eval *ev = eval_new(s);
	eval_set_row(ev, 2);
	eval_run(ev);
	struct trace *t = trace_build(ev);
	int w = scene_find(s, "w"), yhat = scene_find(s, "yhat"), r = scene_find(s, "r");
	CHECK(!s->nodes[w].per_row && s->nodes[yhat].per_row && !s->nodes[r].per_row &&
	      s->nodes[scene_find(s, "x")].per_row && s->nodes[s->cost].per_row, "per_row flags");
	CHECK(t && t->n_steps == t->first_mean + 3, "three mean steps: L, w, b");
	if (!t)
		return;
	/* the texts are written when asked for, from the numbers of the build: move w and
	 * the row and run again before asking */
	eval_set(ev, w, 3);
	eval_set_row(ev, 0);
	eval_run(ev);
	CHECK(!trace_text(t, -1) && !trace_text(t, t->n_steps), "no text outside the steps");
	static const char *const mean[] = {
		"L = (1.25 + 7.25 + 7.25) / 3 = 5.25",
		"dL/dw = (3 + 12 + 7) / 3 = 7.333",
		"dL/db = (1 + 5 + (−5)) / 3 = 0.3333",
	};
	for (int i = 0; i < 3; i++)
		CHECK(strcmp(trace_text(t, t->first_mean + i), mean[i]) == 0 && t->steps[t->first_mean + i].kind == STEP_MEAN,
		      "mean step %d: %s", i, trace_text(t, t->first_mean + i));
	CHECK(strcmp(trace_text(t, 0), "w = 1, b = 0.5, x⁽²⁾ = −1, y⁽²⁾ = 2 (data row 2 of rows 0 to 2)") == 0,
	      "leaves: %s", trace_text(t, 0));
	CHECK(strcmp(trace_text(t, 2), "r = w² = 1² = 1") == 0, "r is no row's: %s", trace_text(t, 2));
	CHECK(strcmp(trace_text(t, t->first_mean - 1), "dL⁽²⁾/dw = dL⁽²⁾/dyhat⁽²⁾ · ∂yhat⁽²⁾/∂w + dL⁽²⁾/dr · ∂r/∂w = "
	             "(−5) × (−1) + 1 × 2 = 7") == 0,
	      "the row's dL⁽²⁾/dw: %s", trace_text(t, t->first_mean - 1));
	CHECK(trace_text(t, 2) == trace_text(t, 2), "a text is written once and kept");
	CHECK(!trace_mean_known(t, t->first_mean - 1, s->cost) && trace_mean_known(t, t->first_mean, s->cost) &&
	      !trace_mean_known(t, t->first_mean, w) && trace_mean_known(t, t->first_mean + 1, w) &&
	      !trace_mean_known(t, t->n_steps - 1, yhat), "the means are known from their steps");
	trace_free(t);
	eval_free(ev);
	scene_free(s);
}

int main(void)
{
	test_data_trace();
	test_lecture_trace();
	test_nudged_trace();
	test_expressions();
	test_local_text();
	test_long_expression();
	return test_report("test-trace");
}
