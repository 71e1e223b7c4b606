/* lecture.c - the window's lecture modes around the engine: gradient descent with its
 * history (trajectory on the J plot, loss panel, stop on divergence or convergence),
 * the numeric check (C), the derivative table of the ε values tried (D), forward mode
 * (M) and the N + P versus N × P panel with its animation of every pass (N).
 * State lives in struct app; the figure gets it through lecture_figure. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app-private.h"

int lecture_scene(struct app *a)
{
	lecture_free(a);
	const struct scene *s = a->scene;
	size_t n = (size_t)s->n_nodes + 1;
	a->hist_set = malloc(sizeof(double) * n * APP_MAX_HIST);
	a->hist_cost = malloc(sizeof(double) * APP_MAX_HIST);
	a->check = calloc(n, sizeof *a->check);
	a->tangent = calloc(n, sizeof(double));
	if (!a->hist_set || !a->hist_cost || !a->check || !a->tangent) {
		lecture_free(a);
		return -1;
	}
	a->n_hist = 0;
	a->hist_note[0] = '\0';
	a->n_nudges = 0;
	a->work_on = a->forward_mode = 0;
	/* the derivative playground: scenes of one variable and no data */
	a->table_on = scene_count(s, NODE_PARAM) + scene_count(s, NODE_INPUT) == 1 && s->n_rows == 0;
	a->work.pass = WORK_IDLE;
	return 0;
}

void lecture_free(struct app *a)
{
	free(a->hist_set);
	free(a->hist_cost);
	free(a->check);
	free(a->tangent);
	a->hist_set = a->hist_cost = a->tangent = NULL;
	a->check = NULL;
	a->n_hist = a->n_check = 0;
}

void lecture_reset(struct app *a)
{
	a->n_hist = 0;
	a->hist_note[0] = '\0';
	a->n_nudges = 0;
}

/* Appends the current state to the history, dropping the oldest step when full. */
static void hist_push(struct app *a)
{
	size_t nn = (size_t)a->scene->n_nodes;
	if (a->n_hist == APP_MAX_HIST) {
		memmove(a->hist_set, a->hist_set + nn, sizeof(double) * nn * (APP_MAX_HIST - 1));
		memmove(a->hist_cost, a->hist_cost + 1, sizeof(double) * (APP_MAX_HIST - 1));
		a->n_hist--;
		a->hist_first++;
	}
	memcpy(a->hist_set + nn * (size_t)a->n_hist, a->ev->set, sizeof(double) * nn);
	a->hist_cost[a->n_hist++] = a->ev->cost;
}

/* Did something other than descent move a value since the last recorded step? */
static int hist_stale(const struct app *a)
{
	size_t nn = (size_t)a->scene->n_nodes;
	return a->n_hist == 0 ||
	       memcmp(a->hist_set + nn * (size_t)(a->n_hist - 1), a->ev->set, sizeof(double) * nn) != 0;
}

int lecture_descend(struct app *a, char *why, size_t n)
{
	if (hist_stale(a)) { /* a new run from here: step 0 is the start */
		a->n_hist = 0;
		a->hist_first = 0;
		a->hist_note[0] = '\0';
		hist_push(a);
		descent_watch_start(&a->watch, a->ev->cost);
	}
	int r = descend_step(a->ev, a->rate, why, n);
	if (r == 0) {
		hist_push(a);
		if (descent_diverging(&a->watch, a->ev->cost, a->rate, why, n))
			r = -1;
	}
	if (r) {
		snprintf(a->hist_note, sizeof a->hist_note, "stopped: %s", why);
		a->hist_bad = 1;
	}
	app_retrace(a); /* descend_step has run the eval (or kept the last finite one) */
	return r;
}

void lecture_train_frame(struct app *a)
{
	char why[256];
	if (lecture_descend(a, why, sizeof why)) {
		a->training = 0;
		app_set_status(a, 1, "training stopped: %s", why);
	} else if (descent_converged(a->ev, DESCENT_TOL)) {
		a->training = 0;
		a->hist_bad = 0;
		snprintf(a->hist_note, sizeof a->hist_note, "converged: every |d%s/dparam| < %g",
		         a->scene->nodes[a->scene->cost].label, DESCENT_TOL);
		app_set_status(a, 0, "training converged after %lld steps", a->hist_first + a->n_hist - 1);
	}
}

/* Keeps the ε values tried, newest first, and nudges the plotted variable by each. */
static void lecture_nudges(struct app *a)
{
	if (!a->table_on || a->plot < 0)
		return;
	if (a->n_nudges == 0 || a->nudge_eps[0] != a->eps) {
		int k = 0;
		while (k < a->n_nudges && a->nudge_eps[k] != a->eps)
			k++;
		if (k == a->n_nudges && a->n_nudges < APP_MAX_NUDGES)
			a->n_nudges++;
		if (k == APP_MAX_NUDGES)
			k--;
		memmove(a->nudge_eps + 1, a->nudge_eps, sizeof(double) * (size_t)k);
		a->nudge_eps[0] = a->eps;
	}
	for (int i = 0; i < a->n_nudges; i++)
		a->nudges[i] = nudge_node(a->ev, a->plot, a->nudge_eps[i]);
	double exact = a->ev->mean_grad[a->plot];
	for (int i = 0; i < APP_EPS_POINTS; i++) {
		double e = pow(10, -14 + 14.0 * i / (APP_EPS_POINTS - 1));
		struct nudge nd = nudge_node(a->ev, a->plot, e);
		a->eps_err[2 * i] = e;
		a->eps_err[2 * i + 1] = fabs(nd.ratio - exact);
	}
}

void lecture_changed(struct app *a)
{
	if (!a->check)
		return;
	long long bp, nv;
	a->n_check = a->check_on ? numeric_check(a->ev, a->eps, 1, a->check, &bp, &nv) : 0;
	lecture_nudges(a);
	if (a->forward_mode && eval_forward_mode(a->ev, a->plot, a->tangent))
		a->forward_mode = 0;
}

/* The animation: backprop's forward and backward pass, then one forward pass per
 * param, one node visit at a time. */
void lecture_tick(struct app *a, Uint32 now)
{
	struct work_view *w = &a->work;
	if (!a->work_on || w->pass == WORK_IDLE)
		return;
	const struct scene *s = a->scene;
	long long n = s->n_nodes, k = (now - a->work_t0) / (a->work_step_ms ? a->work_step_ms : 1);
	long long bp = 2 * n, all = bp + w->nudge_total;
	w->bp_done = k < bp ? k : bp;
	w->nudge_done = k <= bp ? 0 : k - bp < w->nudge_total ? k - bp : w->nudge_total;
	w->nudged = -1;
	if (k >= all) {
		w->pass = WORK_IDLE;
		w->visit_node = -1;
		app_set_status(a, 0, "every derivative: backprop %lld node visits, nudging %lld", w->bp_done,
		               w->nudge_done);
	} else if (k < n) {
		w->pass = WORK_FORWARD;
		w->visit_node = (int)k;
	} else if (k < bp) {
		w->pass = WORK_BACKWARD;
		w->visit_node = (int)(bp - 1 - k);
	} else {
		long long pass = (k - bp) / n, seen = 0;
		w->pass = WORK_NUDGE;
		w->visit_node = (int)((k - bp) % n);
		for (int v = 0; v < s->n_nodes; v++)
			if (s->nodes[v].kind == NODE_PARAM && seen++ == pass)
				w->nudged = v;
	}
	a->fig_dirty = 1;
}

int lecture_busy(const struct app *a)
{
	return a->work_on && a->work.pass != WORK_IDLE;
}

static void work_start(struct app *a)
{
	struct work_view *w = &a->work;
	w->scene = work_count_scene(a->scene);
	w->lecture = work_count_of(WORK_LECTURE_N, WORK_LECTURE_P);
	w->bp_total = 2 * w->scene.n;
	w->nudge_total = w->scene.nudge;
	w->bp_done = w->nudge_done = 0;
	w->pass = WORK_FORWARD;
	w->visit_node = 0;
	w->nudged = -1;
	long long all = w->bp_total + w->nudge_total;
	a->work_step_ms = (Uint32)(all > 0 ? APP_WORK_MS / all : 100);
	if (a->work_step_ms > 250)
		a->work_step_ms = 250;
	if (a->work_step_ms < 5)
		a->work_step_ms = 5;
	a->work_t0 = SDL_GetTicks();
}

void lecture_key(struct app *a, SDL_Keycode k)
{
	const char *cost = a->scene->nodes[a->scene->cost].label;
	switch (k) {
	case SDLK_c:
		a->check_on = !a->check_on;
		app_set_status(a, 0, a->check_on ? "check: every gradient against nudging both ways (C hides it)"
		                                  : "check hidden");
		break;
	case SDLK_d:
		a->table_on = !a->table_on;
		a->n_nudges = 0;
		break;
	case SDLK_m:
		if (!a->forward_mode && a->plot < 0) {
			app_set_status(a, 1, "forward mode needs an input or param: click one first");
			break;
		}
		a->forward_mode = !a->forward_mode;
		if (a->forward_mode)
			app_set_status(a, 0, "forward mode: d(every node)/d%s, pushed from %s towards %s (M: reverse mode)",
			               a->scene->nodes[a->plot].label, a->scene->nodes[a->plot].label, cost);
		else
			app_set_status(a, 0, "reverse mode: d%s/d(every node), pulled back from %s (M: forward mode)", cost,
			               cost);
		break;
	case SDLK_n:
		a->work_on = !a->work_on;
		if (a->work_on)
			work_start(a);
		break;
	default:
		return;
	}
	lecture_changed(a);
	a->fig_dirty = 1;
}

void lecture_figure(const struct app *a, struct figure *fig)
{
	if (a->n_hist > 1 || (a->n_hist == 1 && a->hist_note[0])) {
		fig->hist_set = a->hist_set;
		fig->hist_cost = a->hist_cost;
		fig->n_hist = a->n_hist;
		fig->hist_first = a->hist_first;
		fig->hist_note = a->hist_note;
		fig->hist_bad = a->hist_bad;
	}
	if (a->check_on) {
		fig->check = a->check;
		fig->n_check = a->n_check;
		fig->check_eps = a->eps;
	}
	if (a->table_on && a->plot >= 0) {
		fig->nudges = a->nudges;
		fig->n_nudges = a->n_nudges;
		fig->eps_err = a->eps_err;
		fig->n_eps_err = APP_EPS_POINTS;
	}
	if (a->work_on)
		fig->work = &a->work;
	if (a->forward_mode && a->plot >= 0) {
		fig->tangent = a->tangent;
		fig->tangent_input = a->plot;
	}
}
