/* numeric.c - derivatives the lecture's way, by nudging (one-sided and central finite
 * differences), the check of backprop against them with the work each way counted,
 * and gradient descent that refuses to step into non-finite values. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "nudge/numeric.h"

struct nudge nudge_node(struct eval *ev, int node, double eps)
{
	struct nudge r = { .node = node, .eps = eps };
	double w = ev->set[node];
	r.before = eval_cost_at(ev, node, w);
	r.after = eval_cost_at(ev, node, w + eps);
	r.delta = r.after - r.before;
	r.ratio = r.delta / eps;
	return r;
}

double numeric_central(struct eval *ev, int node, double eps)
{
	double w = ev->set[node];
	return (eval_cost_at(ev, node, w + eps) - eval_cost_at(ev, node, w - eps)) / (2 * eps);
}

int numeric_check(struct eval *ev, double eps, int with_inputs, struct check_row *rows,
                  long long *backprop_visits, long long *nudge_visits)
{
	const struct scene *s = ev->scene;
	int n = 0;
	long long v0 = ev->visits;
	eval_run(ev);
	if (backprop_visits)
		*backprop_visits = ev->visits - v0;
	/* The lecture's way: one base forward pass, then one more per nudged node. */
	v0 = ev->visits;
	eval_cost_at(ev, -1, 0);
	for (int k = 0; k < s->n_nodes; k++) {
		enum node_kind kind = s->nodes[k].kind;
		if (kind != NODE_PARAM && !(with_inputs && kind == NODE_INPUT))
			continue;
		eval_cost_at(ev, k, ev->set[k] + eps);
		n++;
	}
	if (nudge_visits)
		*nudge_visits = ev->visits - v0;
	/* The check itself uses central differences, which are more accurate. */
	int i = 0;
	for (int k = 0; k < s->n_nodes && i < n; k++) {
		enum node_kind kind = s->nodes[k].kind;
		if (kind != NODE_PARAM && !(with_inputs && kind == NODE_INPUT))
			continue;
		double num = numeric_central(ev, k, eps);
		rows[i++] = (struct check_row){ k, ev->mean_grad[k], num, fabs(ev->mean_grad[k] - num) };
	}
	return n;
}

int descend_step(struct eval *ev, double rate, char *why, size_t n)
{
	const struct scene *s = ev->scene;
	if (!isfinite(ev->cost)) {
		snprintf(why, n, "the cost %s is not finite", s->nodes[s->cost].name);
		return -1;
	}
	for (int k = 0; k < s->n_nodes; k++) {
		if (s->nodes[k].kind != NODE_PARAM)
			continue;
		double g = ev->mean_grad[k], w = ev->set[k] - rate * g;
		if (!isfinite(g)) {
			snprintf(why, n, "the gradient dJ/d%s is not finite", s->nodes[k].name);
			return -1;
		}
		if (!isfinite(w)) {
			snprintf(why, n, "the step would make %s overflow", s->nodes[k].name);
			return -1;
		}
	}
	double *old = malloc(((size_t)s->n_nodes + 1) * sizeof *old);
	if (!old) {
		snprintf(why, n, "out of memory");
		return -1;
	}
	for (int k = 0; k < s->n_nodes; k++)
		old[k] = ev->set[k];
	for (int k = 0; k < s->n_nodes; k++)
		if (s->nodes[k].kind == NODE_PARAM)
			ev->set[k] -= rate * ev->mean_grad[k];
	eval_run(ev);
	if (!isfinite(ev->cost)) {
		for (int k = 0; k < s->n_nodes; k++)
			ev->set[k] = old[k];
		eval_run(ev);
		free(old);
		snprintf(why, n, "the cost %s stopped being finite (the rate may be too large)",
		         s->nodes[s->cost].name);
		return -1;
	}
	free(old);
	return 0;
}
