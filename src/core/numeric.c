/* numeric.c - derivatives the lecture's way, by nudging (one-sided and central finite
 * differences), and the check of backprop against them with the work each way
 * counted. Gradient descent is descent.c. */
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
	for (int k = 0; k < s->n_nodes; k++) {
		enum node_kind kind = s->nodes[k].kind;
		n += kind == NODE_PARAM || (with_inputs && kind == NODE_INPUT);
	}
	long long v0 = ev->visits;
	if (backprop_visits) { /* measured: the passes run again (their results are the same) */
		eval_run(ev);
		*backprop_visits = ev->visits - v0;
	}
	if (nudge_visits) { /* the lecture's way: one base forward pass, then one per node */
		v0 = ev->visits;
		eval_cost_at(ev, -1, 0);
		for (int k = 0; k < s->n_nodes; k++) {
			enum node_kind kind = s->nodes[k].kind;
			if (kind == NODE_PARAM || (with_inputs && kind == NODE_INPUT))
				eval_cost_at(ev, k, ev->set[k] + eps);
		}
		*nudge_visits = ev->visits - v0;
	}
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
