/* numeric.h - derivatives by nudging (finite differences) and the check of backprop
 * against them. Built on eval; knows nothing of pixels. Gradient descent is
 * descent.h, the lecture's count of the work is work.h. */
#ifndef NUDGE_NUMERIC_H
#define NUDGE_NUMERIC_H

#include "eval.h"

/* The lecture's nudge: J(w) and J(w + eps) for node w, all else as in ev->set. */
struct nudge {
	int node;       /* the nudged input or param */
	double eps;     /* the nudge */
	double before;  /* J(w) */
	double after;   /* J(w + eps) */
	double delta;   /* after - before */
	double ratio;   /* delta / eps: the one-sided estimate of dJ/dw */
};
struct nudge nudge_node(struct eval *ev, int node, double eps);

/* (J(w+eps) - J(w-eps)) / (2 eps). */
double numeric_central(struct eval *ev, int node, double eps);

/* One row of the check: backprop's dJ/dnode against the central difference. */
struct check_row {
	int node;        /* an input, param or data column */
	double backprop; /* ev->mean_grad[node] */
	double numeric;  /* central difference */
	double diff;     /* |backprop - numeric| */
};

/* Checks every param (and input, when with_inputs) of ev, which must have been run:
 * two cost-only passes per checked node (central differences), nothing else. Fills
 * rows (room for n_nodes) and returns how many. Only when asked for (non-NULL), it
 * measures the lecture's counts by running those passes: *backprop_visits gets the
 * node visits of one forward plus one backward pass, *nudge_visits those of one
 * forward pass per checked node plus the base pass (the one-sided nudge). */
int numeric_check(struct eval *ev, double eps, int with_inputs, struct check_row *rows,
                  long long *backprop_visits, long long *nudge_visits);

#endif
