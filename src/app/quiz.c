/* quiz.c - quiz mode (K), like the course's lab: every computed value, every gradient
 * and every local derivative becomes a "?" box; the student clicks one and types a
 * number, checked against the engine within 1 % (or 0.005 near zero). A right answer
 * shows the number, a wrong one turns the "?" red until tried again; A reveals all,
 * H hides all again; the score is kept. Drawing of the answer box is ui_draw.c's. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app-private.h"

int quiz_scene(struct app_quiz *q, const struct scene *s)
{
	quiz_free(q);
	size_t n = (size_t)s->n_nodes + 1, e = (size_t)s->n_edges + 1;
	q->hide = calloc(n, 1);
	q->wrong = calloc(n, 1);
	q->hide_edge = calloc(e, 1);
	q->wrong_edge = calloc(e, 1);
	q->on = 0;
	q->node = q->edge = -1;
	if (!q->hide || !q->wrong || !q->hide_edge || !q->wrong_edge) {
		quiz_free(q);
		return -1;
	}
	return 0;
}

void quiz_free(struct app_quiz *q)
{
	free(q->hide);
	free(q->wrong);
	free(q->hide_edge);
	free(q->wrong_edge);
	q->hide = q->wrong = q->hide_edge = q->wrong_edge = NULL;
	q->on = 0;
}

static void quiz_stop_typing(struct app_quiz *q)
{
	if (q->node >= 0 || q->edge >= 0)
		SDL_StopTextInput();
	q->node = q->edge = -1;
	q->text[0] = '\0';
}

/* How many boxes are still asked. */
static int quiz_left(const struct app_quiz *q, const struct scene *s)
{
	int n = 0;
	for (int v = 0; v < s->n_nodes; v++)
		n += ((q->hide[v] & HIDE_VALUE) != 0) + ((q->hide[v] & HIDE_GRAD) != 0);
	for (int e = 0; e < s->n_edges; e++)
		n += q->hide_edge[e] != 0;
	return n;
}

void quiz_all(struct app *a, int hide)
{
	const struct scene *s = a->session.scene;
	quiz_stop_typing(&a->quiz);
	for (int v = 0; v < s->n_nodes; v++) {
		const struct node *nd = &s->nodes[v];
		a->quiz.hide[v] = 0;
		if (hide && nd->kind == NODE_COMPUTED)
			a->quiz.hide[v] |= HIDE_VALUE;
		if (hide && nd->feeds_cost)
			a->quiz.hide[v] |= HIDE_GRAD;
		a->quiz.wrong[v] = 0;
	}
	for (int e = 0; e < s->n_edges; e++) {
		a->quiz.hide_edge[e] = hide && s->nodes[s->edges[e].to].feeds_cost;
		a->quiz.wrong_edge[e] = 0;
	}
	if (hide)
		a->quiz.right = a->quiz.tries = 0;
	app_invalidate(a, CHANGED_FIGURE);
}

void quiz_toggle(struct app *a)
{
	if (!a->quiz.hide)
		return;
	a->quiz.on = !a->quiz.on;
	quiz_stop_typing(&a->quiz);
	if (a->quiz.on) {
		a->playback.playing = a->playback.training = 0;
		app_set_step(a, a->session.trace->n_steps - 1, 0);
		quiz_all(a, 1);
		app_set_status(a, 0, "quiz: click a ? and type its number (Enter); A reveals all, H hides all, K ends");
	} else {
		app_set_status(a, 0, "quiz ended: %d right in %d tries", a->quiz.right, a->quiz.tries);
	}
	app_invalidate(a, CHANGED_FIGURE);
}

int quiz_click(struct app *a, int x, int y)
{
	if (!a->quiz.on)
		return 0;
	struct figure_hit h = figure_hit(a->platform.geom, x - a->ui.fig_rect.x, y - a->ui.fig_rect.y);
	int node = -1, edge = -1, flag = 0;
	if (h.kind == HIT_NODE_VALUE && (a->quiz.hide[h.node] & HIDE_VALUE)) {
		node = h.node;
		flag = HIDE_VALUE;
	} else if (h.kind == HIT_NODE_GRAD && (a->quiz.hide[h.node] & HIDE_GRAD)) {
		node = h.node;
		flag = HIDE_GRAD;
	} else if (h.kind == HIT_EDGE_LOCAL && a->quiz.hide_edge[h.edge]) {
		edge = h.edge;
	} else {
		quiz_stop_typing(&a->quiz);
		return h.kind != HIT_NONE; /* other boxes are not for dragging in a quiz */
	}
	quiz_stop_typing(&a->quiz);
	a->quiz.node = node;
	a->quiz.edge = edge;
	a->quiz.flag = flag;
	double w = fmax(h.w, a->platform.font_px * ui_metrics.answer_w);
	double hh = fmax(h.h, a->platform.font_px * ui_metrics.answer_h);
	SDL_Rect fr = a->ui.fig_rect;
	a->quiz.box =
		(SDL_Rect){ fr.x + (int)(h.x + h.w / 2 - w / 2), fr.y + (int)(h.y + h.h / 2 - hh / 2), (int)w, (int)hh };
	SDL_StartTextInput();
	app_invalidate(a, CHANGED_FIGURE);
	return 1;
}

/* The engine's number for the box being answered. */
static double quiz_truth(const struct app_quiz *q, const struct eval *ev)
{
	if (q->edge >= 0)
		return ev->local[q->edge];
	return q->flag == HIDE_VALUE ? ev->value[q->node] : ev->grad[q->node];
}

int quiz_answer(struct app *a, const char *typed)
{
	if (a->quiz.node < 0 && a->quiz.edge < 0)
		return 0;
	char buf[64], *end;
	snprintf(buf, sizeof buf, "%s", typed);
	for (char *p = buf; *p; p++)
		if (*p == ',')
			*p = '.';
	double v = strtod(buf, &end), truth = quiz_truth(&a->quiz, a->session.ev);
	if (end == buf || *end) {
		app_set_status(a, 1, "'%s' is not a number", typed);
		return 0;
	}
	a->quiz.tries++;
	int ok = isfinite(truth) ? fabs(v - truth) <= fmax(0.01 * fabs(truth), 0.005) : 0;
	int node = a->quiz.node, edge = a->quiz.edge, flag = a->quiz.flag;
	if (ok) {
		a->quiz.right++;
		if (edge >= 0)
			a->quiz.hide_edge[edge] = a->quiz.wrong_edge[edge] = 0;
		else {
			a->quiz.hide[node] &= (unsigned char)~flag;
			a->quiz.wrong[node] &= (unsigned char)~flag;
		}
		int left = quiz_left(&a->quiz, a->session.scene);
		if (left)
			app_set_status(a, 0, "right! %d to go (%d right in %d tries)", left, a->quiz.right, a->quiz.tries);
		else
			app_set_status(a, 0, "all done: %d right in %d tries", a->quiz.right, a->quiz.tries);
	} else {
		if (edge >= 0)
			a->quiz.wrong_edge[edge] = 1;
		else
			a->quiz.wrong[node] |= (unsigned char)flag;
		app_set_status(a, 1, "%s is not it; try again (%d right in %d tries)", typed, a->quiz.right, a->quiz.tries);
	}
	quiz_stop_typing(&a->quiz);
	app_invalidate(a, CHANGED_FIGURE);
	return ok;
}

int quiz_key(struct app *a, SDL_Keycode k)
{
	if (a->quiz.node < 0 && a->quiz.edge < 0)
		return 0;
	if (k == SDLK_RETURN || k == SDLK_KP_ENTER) {
		char typed[64];
		snprintf(typed, sizeof typed, "%s", a->quiz.text);
		quiz_answer(a, typed);
	} else if (k == SDLK_ESCAPE) {
		quiz_stop_typing(&a->quiz);
	} else if (k == SDLK_BACKSPACE) {
		size_t l = strlen(a->quiz.text);
		if (l)
			a->quiz.text[l - 1] = '\0';
	}
	return 1; /* every other key is typing */
}

void quiz_text_input(struct app_quiz *q, const char *s)
{
	for (const char *p = s; *p; p++) {
		size_t l = strlen(q->text);
		if (strchr("0123456789.,-+eE", *p) && l + 1 < sizeof q->text) {
			q->text[l] = *p;
			q->text[l + 1] = '\0';
		}
	}
}

void quiz_opts(const struct app_quiz *q, struct draw_opts *o)
{
	if (!q->on)
		return;
	o->hide_node = q->hide;
	o->hide_edge = q->hide_edge;
	o->wrong_node = q->wrong;
	o->wrong_edge = q->wrong_edge;
	o->only = DRAW_GRAPH; /* the plot would give answers away (the caption hides its own) */
}
