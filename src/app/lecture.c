/* lecture.c - the window's lecture modes around the engine: gradient descent with its
 * history (trajectory on the J plot, loss panel, stop on divergence or convergence),
 * the numeric check (C), the derivative table of the ε values tried (D), forward mode
 * (M) and the N + P versus N × P panel with its animation of every pass (N).
 * State lives in struct app's lecture group; the loop's recompute calls lecture_descend
 * and lecture_update, and the figure gets the panels through lecture_figure. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app-private.h"

int lecture_scene(struct app_lecture *l, const struct scene *s)
{
	lecture_free(l);
	size_t n = (size_t)s->n_nodes + 1;
	l->hist.set = malloc(sizeof(double) * n * APP_MAX_HIST);
	l->hist.cost = malloc(sizeof(double) * APP_MAX_HIST);
	l->check.rows = calloc(n, sizeof *l->check.rows);
	l->forward.tangent = calloc(n, sizeof(double));
	if (!l->hist.set || !l->hist.cost || !l->check.rows || !l->forward.tangent) {
		lecture_free(l);
		return -1;
	}
	l->hist.n = 0;
	l->hist.note[0] = '\0';
	l->table.n = 0;
	l->work.on = l->forward.on = 0;
	/* the derivative playground: a short expression of one variable and no data (a long
	 * chain of one input wants its room for the graph) */
	l->table.on = scene_count(s, NODE_PARAM) + scene_count(s, NODE_INPUT) == 1 && s->n_rows == 0 &&
	              s->n_nodes <= LECTURE_PLAYGROUND_NODES;
	if (l->table.on)
		l->table.opened = 0; /* open with the scene: before any the lecturer opens */
	l->work.view.pass = WORK_IDLE;
	return 0;
}

void lecture_free(struct app_lecture *l)
{
	free(l->hist.set);
	free(l->hist.cost);
	free(l->check.rows);
	free(l->forward.tangent);
	l->hist.set = l->hist.cost = l->forward.tangent = NULL;
	l->check.rows = NULL;
	l->hist.n = l->check.n = 0;
}

void lecture_reset(struct app_lecture *l)
{
	l->hist.n = 0;
	l->hist.note[0] = '\0';
	l->table.n = 0;
}

/* Appends the current state to the history, dropping the oldest step when full. */
static void hist_push(struct lecture_history *h, const struct eval *ev)
{
	size_t nn = (size_t)ev->scene->n_nodes;
	if (h->n == APP_MAX_HIST) {
		memmove(h->set, h->set + nn, sizeof(double) * nn * (APP_MAX_HIST - 1));
		memmove(h->cost, h->cost + 1, sizeof(double) * (APP_MAX_HIST - 1));
		h->n--;
		h->first++;
	}
	memcpy(h->set + nn * (size_t)h->n, ev->set, sizeof(double) * nn);
	h->cost[h->n++] = ev->cost;
}

/* Did something other than descent move a value since the last recorded step? */
static int hist_stale(const struct lecture_history *h, const struct eval *ev)
{
	size_t nn = (size_t)ev->scene->n_nodes;
	return h->n == 0 ||
	       memcmp(h->set + nn * (size_t)(h->n - 1), ev->set, sizeof(double) * nn) != 0;
}

/* One descent step of the run (descent_next, the loop `nudge train` uses too), recorded;
 * DESCENT_STEPPED, or why[] says why it was refused or the run diverges. The step runs
 * the eval (or keeps the last finite values). */
static int descend_one(struct app *a, char *why, size_t n)
{
	if (hist_stale(&a->lecture.hist, a->session.ev)) { /* a new run from here: step 0 is the start */
		a->lecture.hist.n = 0;
		a->lecture.hist.first = 0;
		a->lecture.hist.note[0] = '\0';
		hist_push(&a->lecture.hist, a->session.ev);
		descent_start(&a->lecture.hist.run, a->session.ev, a->session.rate);
	}
	a->lecture.hist.run.rate = a->session.rate; /* α may move during a run */
	enum descent_result r = descent_next(&a->lecture.hist.run, a->session.ev, why, n);
	if (r != DESCENT_REFUSED)
		hist_push(&a->lecture.hist, a->session.ev);
	if (r != DESCENT_STEPPED) {
		snprintf(a->lecture.hist.note, sizeof a->lecture.hist.note, "stopped: %s", why);
		a->lecture.hist.bad = 1;
	}
	return r;
}

void lecture_descend(struct app *a)
{
	char why[256];
	struct app_playback *p = &a->playback;
	for (; p->descents > 0; p->descents--) {
		if (descend_one(a, why, sizeof why)) {
			app_set_status(a, 1, "no step taken: %s", why);
			p->descents = 0;
			break;
		}
	}
	if (!p->training)
		return;
	if (descend_one(a, why, sizeof why)) {
		a->playback.training = 0;
		app_set_status(a, 1, "training stopped: %s", why);
	} else if (descent_converged(a->session.ev, DESCENT_TOL)) {
		a->playback.training = 0;
		a->lecture.hist.bad = 0;
		snprintf(a->lecture.hist.note, sizeof a->lecture.hist.note, "converged: every |d%s/dparam| < %g",
		         a->session.scene->nodes[a->session.scene->cost].plain, DESCENT_TOL);
		app_set_status(a, 0, "training converged after %lld steps", a->lecture.hist.first + a->lecture.hist.n - 1);
	}
}

/* Keeps the ε values tried, newest first, and nudges the plotted variable by each. */
static void lecture_nudges(struct lecture_table *t, struct session *s)
{
	if (!t->on || s->plot < 0)
		return;
	if (t->n == 0 || t->eps[0] != s->eps) {
		int k = 0;
		while (k < t->n && t->eps[k] != s->eps)
			k++;
		if (k == t->n && t->n < APP_MAX_NUDGES)
			t->n++;
		if (k == APP_MAX_NUDGES)
			k--;
		memmove(t->eps + 1, t->eps, sizeof(double) * (size_t)k);
		t->eps[0] = s->eps;
	}
	const struct cone *c = session_plot_cone(s);
	if (!c || c->leaf != s->plot)
		return;
	for (int i = 0; i < t->n; i++)
		t->nudges[i] = sample_nudge(s->ev, c, t->eps[i]);
	sample_eps_error(s->ev, c, s->ev->mean_grad[s->plot], APP_EPS_POINTS, t->eps_err);
}

void lecture_update(struct app_lecture *l, struct session *s)
{
	if (!l->check.rows)
		return;
	l->check.n = l->check.on ? numeric_check(s->ev, s->eps, 1, l->check.rows, NULL, NULL) : 0;
	lecture_nudges(&l->table, s);
	if (l->forward.on && eval_forward_mode(s->ev, s->plot, l->forward.tangent))
		l->forward.on = 0;
}

/* The animation: backprop's forward and backward pass, then one forward pass per
 * param, one node visit at a time. */
void lecture_tick(struct app *a, Uint32 now)
{
	struct work_view *w = &a->lecture.work.view;
	if (!a->lecture.work.on || w->pass == WORK_IDLE)
		return;
	const struct scene *s = a->session.scene;
	long long n = s->n_nodes, k = (now - a->lecture.work.t0) / (a->lecture.work.step_ms ? a->lecture.work.step_ms : 1);
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
	app_invalidate(a, CHANGED_FIGURE);
}

int lecture_busy(const struct app_lecture *l)
{
	return l->work.on && l->work.view.pass != WORK_IDLE;
}

static void work_start(struct lecture_work *w, const struct scene *s)
{
	struct work_view *v = &w->view;
	v->scene = work_count_scene(s);
	v->lecture = work_count_of(WORK_LECTURE_N, WORK_LECTURE_P);
	v->bp_total = 2 * v->scene.n;
	v->nudge_total = v->scene.nudge;
	v->bp_done = v->nudge_done = 0;
	v->pass = WORK_FORWARD;
	v->visit_node = 0;
	v->nudged = -1;
	long long all = v->bp_total + v->nudge_total;
	w->step_ms = (Uint32)(all > 0 ? APP_WORK_MS / all : 100);
	if (w->step_ms > 250)
		w->step_ms = 250;
	if (w->step_ms < 5)
		w->step_ms = 5;
	w->t0 = SDL_GetTicks();
}

void lecture_key(struct app *a, SDL_Keycode k)
{
	const char *cost = a->session.scene->nodes[a->session.scene->cost].plain;
	switch (k) {
	case SDLK_c:
		a->lecture.check.on = !a->lecture.check.on;
		a->lecture.check.opened = ++a->lecture.opened;
		app_set_status(a, 0, a->lecture.check.on ? "check: every gradient against nudging both ways (C hides it)"
		                                  : "check hidden");
		break;
	case SDLK_d:
		a->lecture.table.on = !a->lecture.table.on;
		a->lecture.table.opened = ++a->lecture.opened;
		a->lecture.table.n = 0;
		break;
	case SDLK_m:
		if (!a->lecture.forward.on && a->session.plot < 0) {
			app_set_status(a, 1, "forward mode needs an input or param: click one first");
			break;
		}
		a->lecture.forward.on = !a->lecture.forward.on;
		if (a->lecture.forward.on) {
			const char *x = a->session.scene->nodes[a->session.plot].plain;
			app_set_status(a, 0, "forward mode: d(every node)/d%s, pushed from %s towards %s (M: reverse mode)", x,
			               x, cost);
		}
		else
			app_set_status(a, 0, "reverse mode: d%s/d(every node), pulled back from %s (M: forward mode)", cost,
			               cost);
		break;
	case SDLK_e:
		if (a->session.scene->n_rows == 0) {
			app_set_status(a, 0, "this scene has no data set: E shows each data row's numbers");
			break;
		}
		a->lecture.rows.on = !a->lecture.rows.on;
		a->lecture.rows.opened = ++a->lecture.opened;
		a->session.want_rows = a->lecture.rows.on; /* the session predicts every row */
		if (a->lecture.rows.on)
			app_set_status(a, 0, "each row's %s⁽ⁱ⁾ and d%s⁽ⁱ⁾/d·, and their means (E hides it)", cost, cost);
		break;
	case SDLK_n:
		a->lecture.work.on = !a->lecture.work.on;
		a->lecture.work.opened = ++a->lecture.opened;
		if (a->lecture.work.on)
			work_start(&a->lecture.work, a->session.scene);
		break;
	default:
		return;
	}
	app_invalidate(a, CHANGED_LECTURE);
}

void lecture_figure(const struct app_lecture *l, const struct session *s, struct figure *fig)
{
	/* the loss first; then D (its error plot and its table), C, E and N in the order they
	   were opened: where they go over the figure as cards, the last opened is on top */
	enum { PART_D, PART_C, PART_E, PART_N, PARTS };
	const unsigned at[PARTS] = {l->table.opened, l->check.opened, l->rows.opened, l->work.opened};
	int order[PARTS] = {PART_D, PART_C, PART_E, PART_N};
	for (int i = 1; i < PARTS; i++) /* by when, stable */
		for (int j = i; j > 0 && at[order[j - 1]] > at[order[j]]; j--) {
			int t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	if (l->hist.n > 1 || (l->hist.n == 1 && l->hist.note[0]))
		figure_add(fig, (struct figure_panel){.kind = PANEL_LOSS,
		                                      .loss = {l->hist.set, l->hist.cost, l->hist.n, l->hist.first,
		                                               l->hist.note, l->hist.bad}});
	for (int i = 0; i < PARTS; i++) {
		if (order[i] == PART_D && l->table.on && s->plot >= 0) {
			figure_add(fig, (struct figure_panel){.kind = PANEL_EPS,
			                                      .eps = {l->table.eps_err, APP_EPS_POINTS, s->eps}});
			figure_add(fig, (struct figure_panel){.kind = PANEL_NUDGES, .nudges = {l->table.nudges, l->table.n}});
		}
		if (order[i] == PART_C && l->check.on)
			figure_add(fig, (struct figure_panel){.kind = PANEL_CHECK, .check = {l->check.rows, l->check.n, s->eps}});
		if (order[i] == PART_E && l->rows.on && s->scene->n_rows > 0)
			figure_add(fig, (struct figure_panel){.kind = PANEL_ROWS, .data = &s->data});
		if (order[i] == PART_N && l->work.on)
			figure_add(fig, (struct figure_panel){.kind = PANEL_WORK, .work = &l->work.view});
	}
	if (l->forward.on && s->plot >= 0)
		figure_add(fig, (struct figure_panel){.kind = PANEL_FORWARD,
		                                      .forward = {l->forward.tangent, s->plot}});
}
