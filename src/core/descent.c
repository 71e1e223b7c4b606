/* descent.c - gradient descent, for `nudge train` and the window's G and T: the step
 * (refusing non-finite values), the watch (has the run converged, with every dJ/dparam
 * tiny, or is it diverging, J rising step after step far above where it started, long
 * before it overflows?) and the loop of both, descent_next, which says why it stops;
 * and the list of learning rates the map's paths are drawn at, as typed. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nudge/descent.h"
#include "nudge/format.h"

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

void descent_start(struct descent_run *d, const struct eval *ev, double rate)
{
	d->rate = rate;
	descent_watch_start(&d->watch, ev->cost);
}

enum descent_result descent_next(struct descent_run *d, struct eval *ev, char *why, size_t n)
{
	if (descend_step(ev, d->rate, why, n))
		return DESCENT_REFUSED;
	if (descent_diverging(&d->watch, ev->cost, d->rate, why, n))
		return DESCENT_DIVERGING;
	return DESCENT_STEPPED;
}

int descent_parse_rates(const char *text, double *rates, int max, char *why, size_t n)
{
	int count = 0;
	for (const char *p = text;;) {
		p += strspn(p, " \t");
		if (*p == '\0' || *p == ',') {
			snprintf(why, n, count == 0 && *p == '\0' ? "no learning rate given" : "a rate is missing between commas");
			return -1;
		}
		char *end;
		errno = 0;
		double r = strtod(p, &end);
		int len = (int)strcspn(p, ", \t");
		if (end != p + len) {
			snprintf(why, n, "'%.*s' is not a number", len, p);
			return -1;
		}
		if (errno || !isfinite(r) || r < 0) {
			snprintf(why, n, "%.*s: a learning rate is a finite number of 0 or more", len, p);
			return -1;
		}
		if (count >= max) {
			snprintf(why, n, "at most %d learning rates", max);
			return -1;
		}
		rates[count++] = r;
		p = end + strspn(end, " \t");
		if (*p == '\0')
			return count;
		if (*p == ',')
			p++;
	}
}
