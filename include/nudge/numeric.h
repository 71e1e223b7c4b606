/* numeric.h - derivatives by nudging (finite differences), the check of backprop
 * against them, and gradient descent. Built on eval; knows nothing of pixels. */
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

/* Checks every param (and input, when with_inputs) of ev, which must have been run.
 * Fills rows (room for n_nodes) and returns how many; *backprop_visits gets the
 * node visits of one forward plus one backward pass, *nudge_visits those of one
 * forward pass per checked node plus the base pass (the one-sided nudge). */
int numeric_check(struct eval *ev, double eps, int with_inputs, struct check_row *rows,
                  long long *backprop_visits, long long *nudge_visits);

/* One gradient-descent step w ← w − rate·dJ/dw on every param, using ev's current
 * mean gradients, then eval_run. Returns 0 on success; -1 when a gradient, a new
 * param or the new cost is not finite: then nothing is changed (the params keep
 * their last finite values) and why[] says which value and why. */
int descend_step(struct eval *ev, double rate, char *why, size_t n);

/* Watching a descent run (descent.c): a run diverges when J has risen DESCENT_RISING
 * steps in a row to more than DESCENT_GROWTH times where it started; it has
 * converged when every |dJ/dparam| is below a tolerance. */
#define DESCENT_RISING 5
#define DESCENT_GROWTH 1e6
#define DESCENT_TOL 1e-6
struct descent_watch {
	double start, last; /* J at the start and after the last step */
	int rising;         /* steps in a row that raised J */
	long long steps;    /* steps watched */
};
void descent_watch_start(struct descent_watch *w, double cost);
/* After a step to cost: 1 with why[] filled when the run is diverging, else 0. */
int descent_diverging(struct descent_watch *w, double cost, double rate, char *why, size_t n);
/* 1 when ev has params and every |mean dJ/dparam| < tol. */
int descent_converged(const struct eval *ev, double tol);

/* The lecture's count of the work for every dJ/dparam of a graph of N nodes and P
 * params: backprop N + P node visits (a forward and a backward pass), nudging each
 * param N × P (a forward pass per param). */
struct work_count {
	long long n, p;      /* nodes, params */
	long long backprop;  /* N + P */
	long long nudge;     /* N × P */
};
#define WORK_LECTURE_N 10000   /* the lecture's example: N = 10,000 nodes, */
#define WORK_LECTURE_P 100000  /* P = 100,000 params */
struct work_count work_count_of(long long n, long long p);
struct work_count work_count_scene(const struct scene *s);

#endif
