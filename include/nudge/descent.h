/* descent.h - gradient descent, for `nudge train` and the window's G and T: one step
 * that refuses to step into non-finite values, the watch that tells a diverging run
 * from a converging one, and the one loop both use (descent_next). Built on eval. */
#ifndef NUDGE_DESCENT_H
#define NUDGE_DESCENT_H

#include <stddef.h>
#include "eval.h"

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

/* A run of gradient descent: descent_start, then descent_next once per step. */
struct descent_run {
	struct descent_watch watch; /* J along the run, for divergence */
	double rate;                /* α */
};
void descent_start(struct descent_run *d, const struct eval *ev, double rate);

enum descent_result {
	DESCENT_STEPPED = 0,    /* the step was taken */
	DESCENT_REFUSED = -1,   /* no step: a value would not be finite (nothing changed) */
	DESCENT_DIVERGING = 1,  /* the step was taken, and the run is diverging: stop it */
};
/* One step of the run on ev (which must have been run): descend_step, then the watch.
 * why[] says why for DESCENT_REFUSED and DESCENT_DIVERGING. */
enum descent_result descent_next(struct descent_run *d, struct eval *ev, char *why, size_t n);

/* Learning rates written as a list, "0.05, 0.2, 0.6" (commas or spaces between): each a finite number of 0 or more, at most max of them, into rates.
 * Returns how many (1 or more), or -1 with why[] saying what is wrong. */
int descent_parse_rates(const char *text, double *rates, int max, char *why, size_t n);

#endif
