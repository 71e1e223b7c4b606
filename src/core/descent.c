/* descent.c - watching a gradient-descent run, for `nudge train` and the window's T:
 * has it converged (every dJ/dparam tiny), or is it diverging (J rising step after
 * step far above where it started, long before it overflows)? numeric.c takes the
 * steps; this file only judges them and says why in one sentence. */
#include <math.h>
#include <stdio.h>
#include "nudge/format.h"
#include "nudge/numeric.h"

void descent_watch_start(struct descent_watch *w, double cost)
{
	*w = (struct descent_watch){ .start = cost, .last = cost, .rising = 0, .steps = 0 };
}

int descent_diverging(struct descent_watch *w, double cost, double rate, char *why, size_t n)
{
	w->steps++;
	w->rising = cost > w->last ? w->rising + 1 : 0;
	w->last = cost;
	double base = fmax(fabs(w->start), 1e-12);
	if (w->rising < DESCENT_RISING || !(fabs(cost) > DESCENT_GROWTH * base))
		return 0;
	char a[64], b[64];
	fmt_num(a, sizeof a, w->start, 4);
	fmt_num(b, sizeof b, cost, 4);
	snprintf(why, n, "diverging: J rose %d steps in a row, from %s to %s; the rate %g is too large", w->rising,
	         a, b, rate);
	return 1;
}

int descent_converged(const struct eval *ev, double tol)
{
	const struct scene *s = ev->scene;
	int params = 0;
	for (int k = 0; k < s->n_nodes; k++) {
		if (s->nodes[k].kind != NODE_PARAM)
			continue;
		params++;
		if (!(fabs(ev->mean_grad[k]) < tol))
			return 0;
	}
	return params > 0;
}
