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

int quiz_scene(struct app *a)
{
	quiz_free(a);
	size_t n = (size_t)a->scene->n_nodes + 1, e = (size_t)a->scene->n_edges + 1;
	a->quiz_hide = calloc(n, 1);
	a->quiz_wrong = calloc(n, 1);
	a->quiz_hide_edge = calloc(e, 1);
	a->quiz_wrong_edge = calloc(e, 1);
	a->quiz = 0;
	a->quiz_node = a->quiz_edge = -1;
	if (!a->quiz_hide || !a->quiz_wrong || !a->quiz_hide_edge || !a->quiz_wrong_edge) {
		quiz_free(a);
		return -1;
	}
	return 0;
}

void quiz_free(struct app *a)
{
	free(a->quiz_hide);
	free(a->quiz_wrong);
	free(a->quiz_hide_edge);
	free(a->quiz_wrong_edge);
	a->quiz_hide = a->quiz_wrong = a->quiz_hide_edge = a->quiz_wrong_edge = NULL;
	a->quiz = 0;
}

static void quiz_stop_typing(struct app *a)
{
	if (a->quiz_node >= 0 || a->quiz_edge >= 0)
		SDL_StopTextInput();
	a->quiz_node = a->quiz_edge = -1;
	a->quiz_text[0] = '\0';
}

/* How many boxes are still asked. */
static int quiz_left(const struct app *a)
{
	int n = 0;
	for (int v = 0; v < a->scene->n_nodes; v++)
		n += ((a->quiz_hide[v] & HIDE_VALUE) != 0) + ((a->quiz_hide[v] & HIDE_GRAD) != 0);
	for (int e = 0; e < a->scene->n_edges; e++)
		n += a->quiz_hide_edge[e] != 0;
	return n;
}

void quiz_all(struct app *a, int hide)
{
	const struct scene *s = a->scene;
	quiz_stop_typing(a);
	for (int v = 0; v < s->n_nodes; v++) {
		const struct node *nd = &s->nodes[v];
		a->quiz_hide[v] = 0;
		if (hide && nd->kind == NODE_COMPUTED)
			a->quiz_hide[v] |= HIDE_VALUE;
		if (hide && nd->feeds_cost)
			a->quiz_hide[v] |= HIDE_GRAD;
		a->quiz_wrong[v] = 0;
	}
	for (int e = 0; e < s->n_edges; e++) {
		a->quiz_hide_edge[e] = hide && s->nodes[s->edges[e].to].feeds_cost;
		a->quiz_wrong_edge[e] = 0;
	}
	if (hide)
		a->quiz_right = a->quiz_tries = 0;
	a->fig_dirty = 1;
}

void quiz_toggle(struct app *a)
{
	if (!a->quiz_hide)
		return;
	a->quiz = !a->quiz;
	quiz_stop_typing(a);
	if (a->quiz) {
		a->playing = a->training = 0;
		app_set_step(a, a->trace->n_steps - 1, 0);
		quiz_all(a, 1);
		app_set_status(a, 0, "quiz: click a ? and type its number (Enter); A reveals all, H hides all, K ends");
	} else {
		app_set_status(a, 0, "quiz ended: %d right in %d tries", a->quiz_right, a->quiz_tries);
	}
	a->fig_dirty = 1;
}

int quiz_click(struct app *a, int x, int y)
{
	if (!a->quiz)
		return 0;
	struct figure_hit h = figure_hit(a->render, x - a->fig_rect.x, y - a->fig_rect.y);
	int node = -1, edge = -1, flag = 0;
	if (h.kind == HIT_NODE_VALUE && (a->quiz_hide[h.node] & HIDE_VALUE)) {
		node = h.node;
		flag = HIDE_VALUE;
	} else if (h.kind == HIT_NODE_GRAD && (a->quiz_hide[h.node] & HIDE_GRAD)) {
		node = h.node;
		flag = HIDE_GRAD;
	} else if (h.kind == HIT_EDGE_LOCAL && a->quiz_hide_edge[h.edge]) {
		edge = h.edge;
	} else {
		quiz_stop_typing(a);
		return h.kind != HIT_NONE; /* other boxes are not for dragging in a quiz */
	}
	quiz_stop_typing(a);
	a->quiz_node = node;
	a->quiz_edge = edge;
	a->quiz_flag = flag;
	double w = fmax(h.w, a->font_px * 6.0), hh = fmax(h.h, a->font_px * 1.8);
	a->quiz_box = (SDL_Rect){ a->fig_rect.x + (int)(h.x + h.w / 2 - w / 2), a->fig_rect.y + (int)(h.y + h.h / 2 - hh / 2),
	                          (int)w, (int)hh };
	SDL_StartTextInput();
	a->fig_dirty = 1;
	return 1;
}

/* The engine's number for the box being answered. */
static double quiz_truth(const struct app *a)
{
	if (a->quiz_edge >= 0)
		return a->ev->local[a->quiz_edge];
	return a->quiz_flag == HIDE_VALUE ? a->ev->value[a->quiz_node] : a->ev->grad[a->quiz_node];
}

int quiz_answer(struct app *a, const char *typed)
{
	if (a->quiz_node < 0 && a->quiz_edge < 0)
		return 0;
	char buf[64], *end;
	snprintf(buf, sizeof buf, "%s", typed);
	for (char *p = buf; *p; p++)
		if (*p == ',')
			*p = '.';
	double v = strtod(buf, &end), truth = quiz_truth(a);
	if (end == buf || *end) {
		app_set_status(a, 1, "'%s' is not a number", typed);
		return 0;
	}
	a->quiz_tries++;
	int ok = isfinite(truth) ? fabs(v - truth) <= fmax(0.01 * fabs(truth), 0.005) : 0;
	int node = a->quiz_node, edge = a->quiz_edge, flag = a->quiz_flag;
	if (ok) {
		a->quiz_right++;
		if (edge >= 0)
			a->quiz_hide_edge[edge] = a->quiz_wrong_edge[edge] = 0;
		else {
			a->quiz_hide[node] &= (unsigned char)~flag;
			a->quiz_wrong[node] &= (unsigned char)~flag;
		}
		int left = quiz_left(a);
		if (left)
			app_set_status(a, 0, "right! %d to go (%d right in %d tries)", left, a->quiz_right, a->quiz_tries);
		else
			app_set_status(a, 0, "all done: %d right in %d tries", a->quiz_right, a->quiz_tries);
	} else {
		if (edge >= 0)
			a->quiz_wrong_edge[edge] = 1;
		else
			a->quiz_wrong[node] |= (unsigned char)flag;
		app_set_status(a, 1, "%s is not it; try again (%d right in %d tries)", typed, a->quiz_right, a->quiz_tries);
	}
	quiz_stop_typing(a);
	a->fig_dirty = 1;
	return ok;
}

int quiz_key(struct app *a, SDL_Keycode k)
{
	if (a->quiz_node < 0 && a->quiz_edge < 0)
		return 0;
	if (k == SDLK_RETURN || k == SDLK_KP_ENTER) {
		char typed[64];
		snprintf(typed, sizeof typed, "%s", a->quiz_text);
		quiz_answer(a, typed);
	} else if (k == SDLK_ESCAPE) {
		quiz_stop_typing(a);
	} else if (k == SDLK_BACKSPACE) {
		size_t l = strlen(a->quiz_text);
		if (l)
			a->quiz_text[l - 1] = '\0';
	}
	return 1; /* every other key is typing */
}

void quiz_text_input(struct app *a, const char *s)
{
	for (const char *p = s; *p; p++) {
		size_t l = strlen(a->quiz_text);
		if (strchr("0123456789.,-+eE", *p) && l + 1 < sizeof a->quiz_text) {
			a->quiz_text[l] = *p;
			a->quiz_text[l + 1] = '\0';
		}
	}
}

void quiz_opts(const struct app *a, struct draw_opts *o)
{
	if (!a->quiz)
		return;
	o->hide_node = a->quiz_hide;
	o->hide_edge = a->quiz_hide_edge;
	o->wrong_node = a->quiz_wrong;
	o->wrong_edge = a->quiz_wrong_edge;
	o->only = DRAW_GRAPH; /* the plot would give answers away (the caption hides its own) */
}
