/* test-unit.c - neuron units (nudge/unit.h): what detection finds in the built-in xor
 * and network scenes and in docs/examples/network-221.nudge, against the units read
 * off their files by hand; what it must not take for a unit (a sum used twice, no
 * activation, a shared weight); a linear unit written as a copy ŷ = z of its sum; the
 * `unit` statement; the collapsed graph; and z and
 * dJ/dz of a unit written inside g(…) against the same network with z on its own line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nudge/eval.h"
#include "nudge/format.h"
#include "nudge/scene.h"
#include "nudge/trace.h"
#include "nudge/unit.h"
#include "test.h"
#include "test-scene.h"

static int node(const struct scene *s, const char *name)
{
	int k = scene_find(s, name);
	CHECK(k >= 0, "no node %s", name);
	return k;
}

/* What a unit should be, written from the scene file: "a z act bias w:x w:x …". */
struct want_unit {
	const char *a, *z;
	enum unit_act act;
	const char *bias;           /* NULL: none */
	const char *w[4], *x[4];    /* weights and what they multiply, in the sum's order */
};

static void check_units(const struct scene *s, const char *what, const struct want_unit *want, int n)
{
	const struct unit_set *us = s->units;
	CHECK(us != NULL, "%s: no unit set", what);
	if (!us)
		return;
	CHECK(us->n == n, "%s: %d units, expected %d", what, us->n, n);
	for (int i = 0; i < n && i < us->n; i++) {
		const struct unit *u = &us->units[i];
		const struct want_unit *w = &want[i];
		CHECK(u->a == node(s, w->a), "%s unit %d: a is %s", what, i, s->nodes[u->a].name);
		CHECK(u->z == node(s, w->z), "%s unit %d: z is %s", what, i, s->nodes[u->z].name);
		CHECK(u->act == w->act, "%s unit %d: activation %d", what, i, (int)u->act);
		CHECK(u->bias == (w->bias ? node(s, w->bias) : -1), "%s unit %d: bias", what, i);
		int nw = 0;
		while (nw < 4 && w->w[nw])
			nw++;
		CHECK(u->n_w == nw, "%s unit %d: %d weights, expected %d", what, i, u->n_w, nw);
		for (int j = 0; j < nw && j < u->n_w; j++) {
			const struct unit_weight *uw = &u->w[j];
			CHECK(uw->param == node(s, w->w[j]) && uw->input == node(s, w->x[j]),
			      "%s unit %d weight %d: %s·%s", what, i, j, s->nodes[uw->param].name,
			      s->nodes[uw->input].name);
			CHECK(s->edges[uw->edge].from == uw->input && s->edges[uw->edge].to == u->z,
			      "%s unit %d weight %d: its edge", what, i, j);
			CHECK(s->edges[uw->wedge].from == uw->param && s->edges[uw->wedge].to == u->z,
			      "%s unit %d weight %d: the weight's edge", what, i, j);
			CHECK(us->member[uw->param] == i, "%s unit %d: weight %d a member", what, i, j);
			CHECK(us->member[uw->input] != i, "%s unit %d: input %d not a member", what, i, j);
		}
		CHECK(us->member[u->a] == i && us->member[u->z] == i, "%s unit %d: a and z members", what, i);
		if (u->bias >= 0)
			CHECK(s->edges[u->bias_edge].from == u->bias && s->edges[u->bias_edge].to == u->z &&
			      us->member[u->bias] == i, "%s unit %d: the bias's edge", what, i);
		if (u->z != u->a)
			CHECK(s->edges[u->z_edge].from == u->z && s->edges[u->z_edge].to == u->a,
			      "%s unit %d: the edge z → a", what, i);
		else
			CHECK(u->z_edge == -1, "%s unit %d: no edge z → a", what, i);
	}
}

static const struct want_unit xor_units[] = {
	{ "h1", "h1", UNIT_TANH, "b1", { "w11", "w12" }, { "x1", "x2" } },
	{ "h2", "h2", UNIT_TANH, "b2", { "w21", "w22" }, { "x1", "x2" } },
	{ "yhat", "yhat", UNIT_SIGMOID, "c", { "v1", "v2" }, { "h1", "h2" } },
};

/* The built-in scenes and the docs example, against their files. */
static void test_detect_scenes(void)
{
	struct scene *s = test_scene_file(NUDGE_TEST_SCENES "/xor.nudge");
	if (s) {
		check_units(s, "xor", xor_units, 3);
		CHECK(!s->units->stated && s->units->show, "xor: detected, shown (two inputs per unit)");
		const char *outside[] = { "x1", "x2", "y", "J" };
		for (int i = 0; i < 4; i++)
			CHECK(s->units->member[node(s, outside[i])] == -1, "xor: %s is in no unit", outside[i]);
	}
	scene_free(s);

	s = test_scene_file(NUDGE_TEST_SCENES "/network.nudge");
	static const struct want_unit net[] = {
		{ "a1", "a1", UNIT_RELU, "b1", { "w1" }, { "x" } },
		{ "a2", "a2", UNIT_RELU, "b2", { "w2" }, { "a1" } },
	};
	if (s) {
		check_units(s, "network", net, 2);
		CHECK(!s->units->show, "network: one input per unit, the scalar graph by default");
	}
	scene_free(s);

	char path[1024];
	const char *root = getenv("NUDGE_SOURCE_ROOT");
	snprintf(path, sizeof path, "%s/docs/examples/network-221.nudge", root ? root : ".");
	s = test_scene_file(path);
	static const struct want_unit n221[] = { /* ŷ = v₁h₁ + v₂h₂ + c has no activation */
		{ "h1", "h1", UNIT_TANH, "b1", { "w11", "w12" }, { "x1", "x2" } },
		{ "h2", "h2", UNIT_TANH, "b2", { "w21", "w22" }, { "x1", "x2" } },
	};
	if (s) {
		check_units(s, "network-221", n221, 2);
		CHECK(s->units->member[node(s, "yhat")] == -1, "network-221: ŷ is no unit");
		CHECK(s->units->member[node(s, "v1")] == -1, "network-221: v₁ stays a param box");
	}
	scene_free(s);
}

/* Shapes that are not units. */
static void test_detect_negative(void)
{
	static const struct {
		const char *src;
		const char *not_unit; /* the node that must not be a unit */
		enum unit_why why;
	} cases[] = {
		/* z on its own line, used by a and by J: the sum used twice */
		{ "input x = 1\nparam w = 2\nparam b = 1\nz = w*x + b\na = tanh(z)\nJ = (a + z)^2\n", "a", UNIT_Z_SHARED },
		/* no activation */
		{ "input x = 1\nparam w = 2\nparam b = 1\na = w*x + b\nJ = a^2\n", "a", UNIT_NO_ACTIVATION },
		/* an activation of something that is not a sum of products */
		{ "input x = 1\nparam w = 2\na = tanh(w*x*x)\nJ = a^2\n", "a", UNIT_NOT_SUM },
		{ "input x = 1\nparam w = 2\na = tanh(w*x + 1)\nJ = a^2\n", "a", UNIT_NOT_SUM },
		{ "input x = 1\nparam w = 2\na = tanh(exp(w*x))\nJ = a^2\n", "a", UNIT_NOT_SUM },
		{ "param v = 1\nparam w = 2\na = tanh(w*v)\nJ = a^2\n", "a", UNIT_NOT_SUM },
		{ "input x = 1\nparam b = 2\na = sigmoid(b)\nJ = a^2\n", "a", UNIT_NOT_SUM },
		/* a weight shared by two sums, a bias used again */
		{ "input x = 1\nparam w = 2\na = tanh(w*x)\nc = relu(w*a)\nJ = c^2\n", "a", UNIT_PARAM_SHARED },
		{ "input x = 1\nparam w = 2\nparam b = 1\na = tanh(w*x + b)\nJ = (a - b)^2\n", "a", UNIT_PARAM_SHARED },
		/* one input under two weights */
		{ "input x = 1\nparam w = 2\nparam v = 1\na = tanh(w*x + v*x)\nJ = a^2\n", "a", UNIT_INPUT_TWICE },
		/* the cost itself */
		{ "input x = 1\nparam w = 2\nJ = sigmoid(w*x)\n", "J", UNIT_IS_COST },
		/* a copy a = z: of a sum used twice, of a sum with no weight, of an input, of a
		   node that is no sum, and a copy written inside an expression */
		{ "input x = 1\nparam w = 2\nz = w*x\na = z\nJ = (a + z)^2\n", "a", UNIT_Z_SHARED },
		{ "input x = 1\nz = x + 1\na = z\nJ = a^2\n", "a", UNIT_NOT_SUM },
		{ "input x = 1\na = x\nJ = a^2\n", "a", UNIT_NO_ACTIVATION },
		{ "input x = 1\nparam w = 2\nz = exp(w*x)\na = z\nJ = a^2\n", "a", UNIT_NOT_SUM },
		{ "input x = 1\nparam w = 2\nz = w*x\na = 2*z\nJ = a^2\n", "a", UNIT_NO_ACTIVATION },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct scene *s = test_scene_text(cases[i].src);
		if (!s)
			continue;
		int k = node(s, cases[i].not_unit);
		CHECK(s->units && s->units->n == 0 && s->units->view == NULL, "case %zu: %d units", i,
		      s->units ? s->units->n : -1);
		struct unit u;
		enum unit_why why = unit_match(s, k, 0, &u);
		CHECK(why == cases[i].why, "case %zu: why %d, expected %d", i, (int)why, (int)cases[i].why);
		if (why == UNIT_OK)
			free(u.w);
		scene_free(s);
	}
}

/* The lecture's linear output unit written as a copy, ŷ = z, of a sum on its own line
 * (scripts/network-scene writes its output so): detected without a `unit` statement,
 * z its own node, a = z; the sum alone, and a copy under a `unit` statement, the same. */
static void test_copy(void)
{
	static const char src[] =
		"input x1 = 1\ninput x2 = 2\nparam w1 = 0.5\nparam w2 = -1\nparam b = 0.25\n"
		"z = w1*x1 + w2*x2 + b\nyhat = z\nJ = yhat^2\n";
	static const struct want_unit out[] = {
		{ "yhat", "z", UNIT_LINEAR, "b", { "w1", "w2" }, { "x1", "x2" } },
	};
	struct scene *s = test_scene_text(src);
	if (s) {
		check_units(s, "copy", out, 1);
		CHECK(s->units->show == 1 && s->units->view != NULL, "copy: shown as a unit");
		struct unit u;
		CHECK(unit_match(s, node(s, "z"), 0, &u) == UNIT_NO_ACTIVATION, "copy: the sum alone is none");
		scene_free(s);
	}
	char stated[256];
	snprintf(stated, sizeof stated, "%sunit yhat\n", src);
	s = test_scene_text(stated);
	if (s) {
		check_units(s, "copy stated", out, 1);
		scene_free(s);
	}
}

/* xor with each z on its own line: the same units, z now a node of its own. */
static const char xor_split[] =
	"param w11 = 0.5\nparam w12 = 0.4\nparam b1 = -0.2\nparam w21 = 0.6\nparam w22 = 0.5\n"
	"param b2 = -0.8\nparam v1 = 0.6\nparam v2 = -0.5\nparam c = 0\n"
	"data x1 x2 y\n 0 0 0\n 0 1 1\n 1 0 1\n 1 1 0\n"
	"z1 = x1 * w11 + w12 * x2 + b1\nh1 = tanh(z1)\n"
	"z2 = b2 + w21 * x1 + w22 * x2\nh2 = tanh(z2)\n"
	"z3 = v1 * h1 + v2 * h2 + c\nyhat = sigmoid(z3)\n"
	"J = -(y * log(yhat) + (1 - y) * log(1 - yhat))\n";

/* z and dJ/dz of xor's units (z inside tanh(…)) equal the z nodes' values and
 * gradients of the same network written with z on its own line, at every row. */
static void test_split_and_z(void)
{
	struct scene *in = test_scene_file(NUDGE_TEST_SCENES "/xor.nudge"), *sp = test_scene_text(xor_split);
	if (!in || !sp) {
		scene_free(in);
		scene_free(sp);
		return;
	}
	static const struct want_unit split_units[] = {
		{ "h1", "z1", UNIT_TANH, "b1", { "w11", "w12" }, { "x1", "x2" } },
		{ "h2", "z2", UNIT_TANH, "b2", { "w21", "w22" }, { "x1", "x2" } },
		{ "yhat", "z3", UNIT_SIGMOID, "c", { "v1", "v2" }, { "h1", "h2" } },
	};
	check_units(sp, "xor split", split_units, 3);
	struct eval *ei = eval_new(in), *es = eval_new(sp);
	CHECK(ei && es, "eval_new");
	for (int row = 0; ei && es && row < 4; row++) {
		eval_set_row(ei, row);
		eval_set_row(es, row);
		eval_run(ei);
		eval_run(es);
		const char *zs[] = { "z1", "z2", "z3" };
		for (int i = 0; i < 3 && in->units->n == 3 && sp->units->n == 3; i++) {
			double z, dz, z2, dz2;
			unit_z(ei, &in->units->units[i], &z, &dz);
			unit_z(es, &sp->units->units[i], &z2, &dz2);
			int k = node(sp, zs[i]);
			CHECK_NEAR(z, es->value[k], 1e-14, "z inside g(…) against the z node");
			CHECK_NEAR(dz, es->grad[k], 1e-12, "dJ/dz inside g(…) against the z node's gradient");
			CHECK(z2 == es->value[k] && dz2 == es->grad[k], "a z node's own numbers");
		}
	}
	/* row 0 by hand: x = (0, 0) leaves z = b: −0.2, −0.8, then v₁ tanh(−0.2) + v₂ tanh(−0.8) */
	if (ei && in->units->n == 3) {
		eval_set_row(ei, 0);
		eval_run(ei);
		double z, dz;
		unit_z(ei, &in->units->units[0], &z, &dz);
		CHECK_NEAR(z, -0.2, 1e-15, "xor row 0: z₁ = b₁");
		unit_z(ei, &in->units->units[2], &z, &dz);
		CHECK_NEAR(z, 0.6 * tanh(-0.2) - 0.5 * tanh(-0.8), 1e-15, "xor row 0: z of ŷ");
		double yhat = 1 / (1 + exp(-z)); /* log loss with y = 0: dJ/dŷ = 1/(1 − ŷ), dJ/dz = ŷ */
		CHECK_NEAR(dz, yhat, 1e-12, "xor row 0: dJ/dz of ŷ = ŷ − y");
	}
	eval_free(ei);
	eval_free(es);
	scene_free(in);
	scene_free(sp);
}

/* The step sentences inside xor's units (z inside g(…)), at row 3 (x = (1, 1), y = 0),
 * against numbers worked out here: h₁'s forward step names z and a, its backward step
 * adds dJ/dz, w₁₁'s and b₁'s backward steps go through z; a step outside the units,
 * and every step of a unit whose z has its own node, keep the trace's sentence. */
static void test_step_text(void)
{
	struct scene *s = test_scene_file(NUDGE_TEST_SCENES "/xor.nudge"), *sp = test_scene_text(xor_split);
	struct eval *ev = s ? eval_new(s) : NULL;
	CHECK(!s || ev, "eval_new");
	if (ev) {
		eval_set_row(ev, 3);
		eval_run(ev);
	}
	struct trace *t = ev ? trace_build(ev) : NULL;
	if (t) {
		const struct unit_set *us = s->units;
		int h1 = node(s, "h1"), w11 = node(s, "w11"), b1 = node(s, "b1"), yhat = node(s, "yhat");
		double z = 0.5 * 1 + 0.4 * 1 - 0.2, h = tanh(z), slope = 1 - h * h;
		double dh = ev->grad[h1], dz = dh * slope;
		char zs[32], hs[32], dhs[32], sls[32], dzs[32], want[512], got[1024];
		fmt_num(zs, sizeof zs, z, NUDGE_DIGITS);
		fmt_num(hs, sizeof hs, h, NUDGE_DIGITS);
		fmt_num(dhs, sizeof dhs, dh, NUDGE_DIGITS);
		fmt_num(sls, sizeof sls, slope, NUDGE_DIGITS);
		fmt_num(dzs, sizeof dzs, dz, NUDGE_DIGITS);
		snprintf(want, sizeof want, "z⁽³⁾ = w₁₁·x1 + w₁₂·x2 + b₁ = 0.5 × 1 + 0.4 × 1 + (−0.2) = %s, "
		         "h₁⁽³⁾ = tanh(z⁽³⁾) = %s", zs, hs);
		CHECK(unit_step_text(t, us, t->value_step[h1], got, sizeof got) > 0 && strcmp(got, want) == 0,
		      "h₁'s forward step: %s, expected %s", got, want);
		snprintf(want, sizeof want, "%s, dJ⁽³⁾/dz⁽³⁾ = dJ⁽³⁾/dh₁⁽³⁾ · tanh′(z⁽³⁾) = %s%s%s × %s = %s",
		         trace_text(t, t->grad_step[h1]), dh < 0 ? "(" : "", dhs, dh < 0 ? ")" : "", sls, dzs);
		CHECK(unit_step_text(t, us, t->grad_step[h1], got, sizeof got) > 0 && strcmp(got, want) == 0,
		      "h₁'s backward step: %s, expected %s", got, want);
		char dws[32];
		fmt_num(dws, sizeof dws, dz * 1, NUDGE_DIGITS);
		snprintf(want, sizeof want, "dJ⁽³⁾/dw₁₁ = dJ⁽³⁾/dz⁽³⁾ · x1⁽³⁾ = %s%s%s × 1 = %s", dz < 0 ? "(" : "", dzs,
		         dz < 0 ? ")" : "", dws);
		CHECK(unit_step_text(t, us, t->grad_step[w11], got, sizeof got) > 0 && strcmp(got, want) == 0,
		      "w₁₁'s backward step: %s, expected %s", got, want);
		snprintf(want, sizeof want, "dJ⁽³⁾/db₁ = dJ⁽³⁾/dz⁽³⁾ · 1 = %s%s%s × 1 = %s", dz < 0 ? "(" : "", dzs,
		         dz < 0 ? ")" : "", dws);
		CHECK(unit_step_text(t, us, t->grad_step[b1], got, sizeof got) > 0 && strcmp(got, want) == 0,
		      "b₁'s backward step: %s, expected %s", got, want);
		CHECK_NEAR(ev->grad[w11], dz, 1e-12, "dJ/dw₁₁ = dJ/dz · x1 with x1 = 1");
		CHECK(unit_step_text(t, us, t->grad_step[node(s, "x1")], got, sizeof got) == 0 &&
		      unit_step_text(t, us, t->value_step[node(s, "J")], got, sizeof got) == 0 &&
		      unit_step_text(t, us, 0, got, sizeof got) == 0, "steps outside the units keep the trace's");
		/* a short buffer: cut between pieces, never inside a character */
		char full[1024];
		int n = unit_step_text(t, us, t->value_step[yhat], full, sizeof full);
		int m = unit_step_text(t, us, t->value_step[yhat], got, 24);
		CHECK(n > 24 && m > 0 && m < 24 && strncmp(full, got, (size_t)m) == 0 &&
		      ((unsigned char)full[m] & 0xC0) != 0x80, "a short buffer: %s (%d of %d bytes)", got, m, n);
	}
	trace_free(t);
	eval_free(ev);
	struct eval *es = sp ? eval_new(sp) : NULL;
	if (es) {
		eval_run(es);
		struct trace *ts = trace_build(es);
		char got[512];
		int any = 0;
		for (int k = 0; ts && k < ts->n_steps; k++)
			any |= unit_step_text(ts, sp->units, k, got, sizeof got) != 0;
		CHECK(ts && !any, "xor with z on its own lines: every step the trace's");
		trace_free(ts);
		eval_free(es);
	}
	scene_free(s);
	scene_free(sp);
}

/* The `unit` statement: only the named units, a plain sum allowed (a = z). */
static void test_statement(void)
{
	char path[1024], *src = NULL;
	const char *root = getenv("NUDGE_SOURCE_ROOT");
	snprintf(path, sizeof path, "%s/docs/examples/network-221.nudge", root ? root : ".");
	FILE *f = fopen(path, "rb");
	CHECK(f != NULL, "open %s", path);
	if (!f)
		return;
	src = calloc(1, 8192);
	size_t n = src ? fread(src, 1, 8000, f) : 0;
	fclose(f);
	if (!src)
		return;
	strcat(src + n, "\nunit yhat, h2\n");
	struct scene *s = test_scene_text(src);
	static const struct want_unit stated[] = {
		{ "h2", "h2", UNIT_TANH, "b2", { "w21", "w22" }, { "x1", "x2" } },
		{ "yhat", "yhat", UNIT_LINEAR, "c", { "v1", "v2" }, { "h1", "h2" } },
	};
	if (s) {
		check_units(s, "network-221 + unit yhat, h2", stated, 2);
		CHECK(s->units->stated && s->units->show, "stated units are shown");
		CHECK(s->units->member[node(s, "h1")] == -1, "h1 is not named, so not a unit");
		struct eval *ev = eval_new(s);
		if (ev) { /* a = z for a plain sum: dJ/dz = dJ/dŷ */
			double z, dz;
			unit_z(ev, &s->units->units[1], &z, &dz);
			int y = node(s, "yhat");
			CHECK(z == ev->value[y] && dz == ev->grad[y], "linear unit: z = a");
		}
		eval_free(ev);
	}
	scene_free(s);
	free(src);
}

/* xor's collapsed graph: the data columns, three unit nodes and J; weights on the edges. */
static void test_view(void)
{
	struct scene *s = test_scene_file(NUDGE_TEST_SCENES "/xor.nudge");
	if (!s)
		return;
	const struct unit_view *v = s->units->view;
	CHECK(v && v->g.n_nodes == 7 && v->g.n_edges == 8, "xor view: %d nodes, %d edges",
	      v ? v->g.n_nodes : -1, v ? v->g.n_edges : -1);
	if (!v || v->g.n_nodes != 7) {
		scene_free(s);
		return;
	}
	static const struct { const char *name; int layer, unit; } nodes[] = {
		{ "x1", 0, -1 }, { "x2", 0, -1 }, { "y", 0, -1 }, { "h1", 1, 0 }, { "h2", 1, 1 },
		{ "yhat", 2, 2 }, { "J", 3, -1 },
	};
	for (int i = 0; i < 7; i++) {
		int k = node(s, nodes[i].name);
		int vi = v->of_node[k];
		CHECK(vi >= 0 && v->node[vi] == k, "xor view: %s shown", nodes[i].name);
		if (vi < 0)
			continue;
		CHECK(v->g.nodes[vi].layer == nodes[i].layer, "xor view: %s in layer %d, expected %d",
		      nodes[i].name, v->g.nodes[vi].layer, nodes[i].layer);
		CHECK(v->unit[vi] == nodes[i].unit, "xor view: %s unit %d", nodes[i].name, v->unit[vi]);
	}
	CHECK(v->g.cost == v->of_node[node(s, "J")], "xor view: the cost");
	const char *params[] = { "w11", "w12", "b1", "w21", "w22", "b2", "v1", "v2", "c" };
	for (int i = 0; i < 9; i++)
		CHECK(v->of_node[node(s, params[i])] == -1, "xor view: %s is inside its unit", params[i]);
	/* each edge: its ends the view's images of the scene edge's ends; a weight on the edges
	 * into units (x → h: w, h → ŷ: v), none on ŷ → J and y → J */
	int weighted = 0;
	for (int e = 0; e < v->g.n_edges; e++) {
		const struct edge *se = &s->edges[v->edge[e]];
		CHECK(v->of_node[se->from] == v->g.edges[e].from, "xor view edge %d: its source", e);
		int to = v->node[v->g.edges[e].to];
		CHECK(to == se->to, "xor view edge %d: its target", e);
		if (v->weight[e] >= 0) {
			weighted++;
			const struct unit *u = &s->units->units[v->unit[v->g.edges[e].to]];
			int found = 0;
			for (int j = 0; j < u->n_w; j++)
				found |= u->w[j].param == v->weight[e] && u->w[j].input == se->from;
			CHECK(found, "xor view edge %d: the weight multiplies its source", e);
		}
	}
	CHECK(weighted == 6, "xor view: %d weighted edges, expected 6", weighted);
	for (int k = 0; k < v->g.n_nodes; k++)
		CHECK(v->g.nodes[k].feeds_cost, "xor view: node %d feeds the cost", k);
	scene_free(s);
}

int main(void)
{
	test_detect_scenes();
	test_detect_negative();
	test_copy();
	test_split_and_z();
	test_step_text();
	test_statement();
	test_view();
	return test_report("test-unit");
}
