/* steady.c - room for the graph's numbers that only grows while one scene is shown
 * (draw_opts.steady: the window). A box keeps the widest value, gradient and local
 * derivative it has shown, and a leaf's box the widest value its slider can give, so
 * dragging a slider never makes the boxes jump; a stacked layout's gradient names, once
 * over their numbers, stay so; the lecture panels' tables keep their columns' widest
 * widths (whether they go beside the graph or over it as cards does not flip back and
 * forth either); the graph's layout chosen stays while the figure keeps its look, and
 * the plot column beside a unit graph only widens (steady_column), and the figure's
 * split between the graph and its panels (beside or under, the graph's share) stays as
 * first chosen (steady_split).
 * Exports lay out each number as it is.
 * Forgotten with the scene (render_forget_scene, or another scene drawn). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "nudge/format.h"
#include "render-private.h"

void steady_forget(struct steady *st)
{
	for (int c = 0; c < LAYOUT_VARIANTS; c++) {
		free(st->node[c]);
		free(st->edge[c]);
	}
	free(st->leaf);
	free(st->over);
	memset(st, 0, sizeof *st);
}

/* The held widths for scene s, made (all 0) when s is not the scene they were held for. */
static int steady_for(struct steady *st, const struct scene *s)
{
	if (st->scene == s->serial && st->n_nodes == s->n_nodes && st->n_edges == s->n_edges)
		return st->leaf != NULL;
	steady_forget(st);
	size_t n = (size_t)s->n_nodes + 1, e = (size_t)s->n_edges + 1;
	int ok = 1;
	for (int c = 0; c < LAYOUT_VARIANTS; c++) {
		st->node[c] = calloc(n, sizeof(double));
		st->edge[c] = calloc(e, sizeof(double));
		ok = ok && st->node[c] && st->edge[c];
	}
	st->leaf = malloc(n * sizeof(double));
	st->over = calloc(n, 1);
	if (!ok || !st->leaf || !st->over) {
		steady_forget(st);
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		st->leaf[i] = -1; /* not measured yet */
	st->scene = s->serial;
	st->n_nodes = s->n_nodes;
	st->n_edges = s->n_edges;
	return 1;
}

/* The widest value (em, in style val) a slider on the leaf's range gives: its ends and
 * points between them on the slider's step, as fmt_num writes them. */
static double steady_leaf(struct render *r, const struct node *nd, const struct text_style *val)
{
	double step = fmt_slider_step(nd->lo, nd->hi), w = 0;
	for (int k = -1; k <= 6; k++) {
		double v = k < 0 ? nd->lo : k == 6 ? nd->hi
		                 : round((nd->lo + (nd->hi - nd->lo) * (k + 1.0 / 3) / 6) / step) * step;
		char buf[64];
		fmt_num(buf, sizeof buf, v, NUDGE_DIGITS);
		w = fmax(w, text_width(r, buf, val));
	}
	return w;
}

double steady_value(struct render *r, const struct scene *s, int i, double w,
                    const struct text_style *val)
{
	const struct node *nd = &s->nodes[i];
	if ((nd->kind != NODE_INPUT && nd->kind != NODE_PARAM) || !steady_for(&r->steady, s))
		return w;
	if (r->steady.leaf[i] < 0)
		r->steady.leaf[i] = steady_leaf(r, nd, val);
	return fmax(w, r->steady.leaf[i]);
}

double steady_table(struct render *r, const struct scene *s, int kind, int col, double w)
{
	struct steady *st = &r->steady;
	if (kind < 0 || kind > PANEL_FORWARD || col < 0 || col >= STEADY_TABLE_COLS)
		return w;
	if (st->table_scene != s->serial) { /* not steady_for: the graph's widths may be held
	                                       for its unit view's scene */
		memset(st->table, 0, sizeof st->table);
		st->table_scene = s->serial;
	}
	st->table[kind][col] = fmax(st->table[kind][col], w);
	return st->table[kind][col];
}

int steady_over(struct render *r, const struct scene *s, int i, int over)
{
	if (!steady_for(&r->steady, s))
		return over;
	r->steady.over[i] |= (unsigned char)(over != 0);
	return r->steady.over[i];
}

double steady_width(struct render *r, const struct scene *s, int variant, int edge, int i, double w)
{
	if (variant < 0 || variant >= LAYOUT_VARIANTS || !steady_for(&r->steady, s))
		return w;
	double *held = edge ? &r->steady.edge[variant][i] : &r->steady.node[variant][i];
	*held = fmax(*held, w);
	return *held;
}

unsigned long steady_look(const struct figure *fig, const struct draw_opts *o)
{
	double d[] = {o->width, o->height, o->font_scale};
	int k[] = {o->present, o->units, o->leaves_left, o->only, o->no_title, o->no_caption, fig->n_panels};
	uint64_t h = layout_hash_doubles(1469598103934665603ULL ^ fig->scene->serial, d,
	                                 (int)(sizeof d / sizeof d[0]));
	h = layout_hash_ints(h, k, sizeof k / sizeof k[0]);
	for (int i = 0; i < fig->n_panels; i++)
		h = layout_hash_ints(h, (const int[]){(int)fig->panel[i].kind}, 1);
	return (unsigned long)h | 1;
}

int steady_layout(struct render *r, const struct figure *fig, const struct draw_opts *o, int *bands)
{
	struct steady *st = &r->steady;
	if (!o->steady || st->look != steady_look(fig, o))
		return -1;
	*bands = st->bands;
	return st->layout;
}

void steady_choose(struct render *r, const struct figure *fig, const struct draw_opts *o, int variant,
                   int bands)
{
	struct steady *st = &r->steady;
	if (!o->steady || variant < 0)
		return;
	st->look = steady_look(fig, o);
	st->layout = variant;
	st->bands = bands;
}

enum steady_what { STEADY_COLUMN = 1, STEADY_SPLIT, STEADY_CAPTION }; /* which choice is held */

/* The held choice `what` for fig's look, made for the n panels of[] in a w x h area:
 * the entry that holds it (*fresh 0), or a new one taking the oldest's place (*fresh 1). */
static struct steady_held *steady_held(struct render *r, const struct figure *fig, const struct draw_opts *o,
                                       enum steady_what what, const struct figure_panel *const *of, int n,
                                       double w, double h, int *fresh)
{
	const double d[] = {what, w, h};
	uint64_t key = layout_hash_doubles(steady_look(fig, o), d, 3);
	for (int i = 0; i < n; i++)
		key = layout_hash_ints(key, (const int[]){(int)of[i]->kind}, 1);
	unsigned long look = (unsigned long)key | 1;
	struct steady *st = &r->steady;
	*fresh = 0;
	for (int i = 0; i < STEADY_HELD; i++)
		if (st->held[i].look == look)
			return &st->held[i];
	struct steady_held *e = &st->held[st->held_next];
	st->held_next = (st->held_next + 1) % STEADY_HELD;
	*e = (struct steady_held){.look = look};
	*fresh = 1;
	return e;
}

int steady_split(struct render *r, const struct figure *fig, const struct draw_opts *o,
                 const struct figure_panel *const *of, int n, double w, double h, int beside,
                 double *share)
{
	int fresh;
	if (!o->steady)
		return beside;
	struct steady_held *e = steady_held(r, fig, o, STEADY_SPLIT, of, n, w, h, &fresh);
	if (fresh) {
		e->v = *share;
		e->flag = beside;
	}
	*share = e->v;
	return e->flag;
}

int steady_caption(struct render *r, const struct figure *fig, const struct draw_opts *o, int two)
{
	int fresh;
	if (!o->steady)
		return two;
	struct steady_held *e = steady_held(r, fig, o, STEADY_CAPTION, NULL, 0, 0, 0, &fresh);
	if (fresh)
		e->flag = two;
	return e->flag;
}

double steady_column(struct render *r, const struct figure *fig, const struct draw_opts *o,
                     const struct figure_panel *const *of, int n, double w)
{
	int fresh;
	if (!o->steady)
		return w;
	struct steady_held *e = steady_held(r, fig, o, STEADY_COLUMN, of, n, 0, 0, &fresh);
	return e->v = fresh ? w : fmax(e->v, w);
}
