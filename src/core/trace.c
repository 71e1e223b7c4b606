/* trace.c - the step trace: step 0 (the leaves), one forward step per computed node
 * in file order, then one backward step per node the cost depends on, in reverse
 * order, from dJ/dJ = 1. Each step's text is the equation with the scene's labels
 * and the evaluation's numbers. What is known at a step is derived from the steps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core-private.h"
#include "nudge/format.h"
#include "nudge/trace.h"

/* A growable string for building one step's text. */
struct text {
	char *p;
	size_t len, cap;
	int failed;
};

static void add(struct text *t, const char *s, size_t n)
{
	if (t->failed)
		return;
	if (t->len + n + 1 > t->cap) {
		size_t c = t->cap ? t->cap : 128;
		while (c < t->len + n + 1)
			c *= 2;
		char *np = realloc(t->p, c);
		if (!np) {
			t->failed = 1;
			return;
		}
		t->p = np;
		t->cap = c;
	}
	memcpy(t->p + t->len, s, n);
	t->len += n;
	t->p[t->len] = '\0';
}

static void adds(struct text *t, const char *s) { add(t, s, strlen(s)); }

static void addnum(struct text *t, double v)
{
	char b[48];
	fmt_num(b, sizeof b, v, NUDGE_DIGITS);
	adds(t, b);
}

/* Appends a node's expression (symbolic, or with values) of any length. */
static void addexpr(struct text *t, const struct scene *s, int node, const double *values)
{
	char small[256];
	int len = scene_expr_text(s, node, values, small, sizeof small);
	if (len < (int)sizeof small) {
		adds(t, small);
		return;
	}
	char *big = malloc((size_t)len + 1);
	if (!big) {
		t->failed = 1;
		return;
	}
	scene_expr_text(s, node, values, big, (size_t)len + 1);
	add(t, big, (size_t)len);
	free(big);
}

/* "c = w·x = 2 × (−2) = −4"; the numeric part is left out when it says nothing new. */
static void forward_text(struct text *t, const struct eval *ev, int k)
{
	const struct scene *s = ev->scene;
	struct text sym = { 0 }, num = { 0 }, res = { 0 };
	addexpr(&sym, s, k, NULL);
	addexpr(&num, s, k, ev->value);
	addnum(&res, ev->value[k]);
	adds(t, s->nodes[k].label);
	adds(t, " = ");
	add(t, sym.p ? sym.p : "", sym.len);
	if (num.p && (!sym.p || strcmp(num.p, sym.p) != 0) && strcmp(num.p, res.p ? res.p : "") != 0) {
		adds(t, " = ");
		add(t, num.p, num.len);
	}
	if (!sym.p || strcmp(sym.p, res.p ? res.p : "") != 0) {
		adds(t, " = ");
		add(t, res.p ? res.p : "", res.len);
	}
	t->failed |= sym.failed | num.failed | res.failed;
	free(sym.p);
	free(num.p);
	free(res.p);
}

/* "dJ/dw = dJ/dc · ∂c/∂w = 2 × (−2) = −4", summing over every consumer on the cost's path. */
static void backward_text(struct text *t, const struct eval *ev, int k)
{
	const struct scene *s = ev->scene;
	const char *J = s->nodes[s->cost].label;
	const struct node *nd = &s->nodes[k];
	adds(t, "d");
	adds(t, J);
	adds(t, "/d");
	adds(t, nd->label);
	if (k == s->cost) {
		adds(t, " = 1");
		return;
	}
	struct text num = { 0 };
	int terms = 0;
	adds(t, " = ");
	for (int i = 0; i < nd->n_out; i++) {
		const struct edge *e = &s->edges[s->out[nd->out_first + i]];
		const struct node *to = &s->nodes[e->to];
		if (!to->feeds_cost)
			continue;
		if (terms++) {
			adds(t, " + ");
			adds(&num, " + ");
		}
		adds(t, "d");
		adds(t, J);
		adds(t, "/d");
		adds(t, to->label);
		adds(t, " · ∂");
		adds(t, to->label);
		adds(t, "/∂");
		adds(t, nd->label);
		double g = ev->grad[e->to], l = ev->local[s->out[nd->out_first + i]];
		char b[48];
		fmt_num(b, sizeof b, g, NUDGE_DIGITS);
		if (g < 0) { adds(&num, "("); adds(&num, b); adds(&num, ")"); } else adds(&num, b);
		adds(&num, " × ");
		fmt_num(b, sizeof b, l, NUDGE_DIGITS);
		if (l < 0) { adds(&num, "("); adds(&num, b); adds(&num, ")"); } else adds(&num, b);
	}
	if (terms) {
		adds(t, " = ");
		add(t, num.p, num.len);
		adds(t, " = ");
	}
	addnum(t, ev->grad[k]);
	t->failed |= num.failed;
	free(num.p);
}

/* "x = −2, y = 2, w = 2, b = 8": the leaves, with the shown row for data columns. */
static void leaves_text(struct text *t, const struct eval *ev)
{
	const struct scene *s = ev->scene;
	int first = 1;
	for (int k = 0; k < s->n_nodes; k++) {
		if (s->nodes[k].kind == NODE_COMPUTED)
			continue;
		if (!first)
			adds(t, ", ");
		first = 0;
		adds(t, s->nodes[k].label);
		adds(t, " = ");
		addnum(t, ev->value[k]);
	}
	if (s->n_rows > 1) {
		char b[64];
		snprintf(b, sizeof b, " (data row %d of rows 0 to %d)", ev->row, s->n_rows - 1);
		adds(t, b);
	}
	if (first)
		adds(t, "no inputs or params");
}

static int push(struct trace *tr, enum step_kind kind, int node, struct text *t)
{
	if (t->failed || !t->p) {
		free(t->p);
		return -1;
	}
	tr->steps[tr->n_steps++] = (struct step){ .kind = kind, .node = node, .text = t->p };
	return 0;
}

struct trace *trace_build(const struct eval *ev)
{
	const struct scene *s = ev->scene;
	int n = s->n_nodes;
	struct trace *tr = calloc(1, sizeof *tr);
	if (!tr)
		return NULL;
	tr->steps = calloc((size_t)n * 2 + 2, sizeof *tr->steps);
	tr->value_step = malloc(((size_t)n + 1) * sizeof(int));
	tr->grad_step = malloc(((size_t)n + 1) * sizeof(int));
	if (!tr->steps || !tr->value_step || !tr->grad_step)
		goto fail;
	struct text t = { 0 };
	leaves_text(&t, ev);
	if (push(tr, STEP_LEAVES, -1, &t))
		goto fail;
	for (int k = 0; k < n; k++) {
		tr->value_step[k] = 0;
		tr->grad_step[k] = -1;
		if (s->nodes[k].kind != NODE_COMPUTED)
			continue;
		t = (struct text){ 0 };
		forward_text(&t, ev, k);
		tr->value_step[k] = tr->n_steps;
		if (push(tr, STEP_FORWARD, k, &t))
			goto fail;
	}
	tr->first_backward = tr->n_steps;
	for (int k = s->cost; k >= 0; k--) {
		if (!s->nodes[k].feeds_cost)
			continue;
		t = (struct text){ 0 };
		backward_text(&t, ev, k);
		tr->grad_step[k] = tr->n_steps;
		if (push(tr, STEP_BACKWARD, k, &t))
			goto fail;
	}
	return tr;
fail:
	trace_free(tr);
	return NULL;
}

void trace_free(struct trace *tr)
{
	if (!tr)
		return;
	for (int i = 0; i < tr->n_steps; i++)
		free(tr->steps[i].text);
	free(tr->steps);
	free(tr->value_step);
	free(tr->grad_step);
	free(tr);
}

int trace_value_known(const struct trace *t, int k, int node)
{
	return k >= t->value_step[node];
}

int trace_grad_known(const struct trace *t, int k, int node)
{
	return t->grad_step[node] >= 0 && k >= t->grad_step[node];
}

int trace_local_known(const struct trace *t, const struct scene *s, int k, int edge)
{
	const struct edge *e = &s->edges[edge];
	return s->nodes[e->to].feeds_cost && trace_grad_known(t, k, e->from);
}

int trace_step_uses_edge(const struct trace *t, const struct scene *s, int k, int edge)
{
	if (k < 0 || k >= t->n_steps)
		return 0;
	const struct step *st = &t->steps[k];
	const struct edge *e = &s->edges[edge];
	if (st->kind == STEP_FORWARD)
		return e->to == st->node;
	if (st->kind == STEP_BACKWARD)
		return e->from == st->node && s->nodes[e->to].feeds_cost;
	return 0;
}
