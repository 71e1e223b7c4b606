/* layout.c - the layered left-to-right layout of the computation graph: one column per
 * layer (a leaf sits just before its first use, as in the lecture's drawings, unless
 * asked to keep every leaf on the left), with a column between layers that holds the
 * edges' local-derivative labels (in a bare layout, a lane: labels drawn on demand);
 * long edges bend through placeholder slots, columns are ordered to cross few edges
 * (order.c), a crowded graph's wide columns of leaves stack in sub-columns, and rows
 * are placed by a separation-keeping relaxation. A long graph wraps: its columns go
 * into rows read left to right, one under the other. Works in em units; draw_graph
 * scales it into its panel. Draws nothing. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nudge/format.h"
#include "render-private.h"

#define M graph_metrics

/* Characters in the first n bytes of s. */
static int chars_upto(const char *s, size_t n)
{
	int c = 0;
	for (size_t i = 0; i < n && s[i]; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* Where to break line h (from byte from on): before a " + " or " − " at the shallowest
 * parenthesis depth, nearest the middle, never inside a function's parentheses
 * (relu(w·x + b) stays whole) unless compact; with products, also before a "·" (a " + "
 * at the same depth comes first). Returns the byte the second line starts at (0: no
 * break) and in *skip the bytes the first line leaves out (the space before "+"). */
static size_t layout_break(const char *h, size_t from, int compact, int products, int *skip)
{
	int total = fmt_chars(h); /* the label's characters count in the middle */
	int depth = 0, chars = 0, best_depth = 1 << 30, best_dist = 1 << 30, best_prod = 1, in_call = 0;
	size_t best = 0;
	for (size_t i = from; h[i]; i++) {
		chars += ((unsigned char)h[i] & 0xC0) != 0x80;
		if (h[i] == '(' || h[i] == '[') {
			int call = i > 0 && ((h[i - 1] >= 'a' && h[i - 1] <= 'z') || h[i] == '[');
			if (call && in_call == 0)
				in_call = depth + 1; /* inside a call from this depth on */
			depth++;
		} else if ((h[i] == ')' || h[i] == ']') && depth > 0) {
			if (in_call == depth)
				in_call = 0;
			depth--;
		}
		int plus = strncmp(h + i, " + ", 3) == 0, minus = strncmp(h + i, " − ", 5) == 0;
		int prod = products && i > from && strncmp(h + i, "·", 2) == 0;
		if ((!plus && !minus && !prod) || (in_call && !compact))
			continue;
		int dist = abs(2 * chars - total);
		if (chars < total * 3 / 10 || chars > total * 7 / 10)
			continue;
		if (depth < best_depth || (depth == best_depth && (prod < best_prod ||
		                           (prod == best_prod && dist < best_dist)))) {
			best_depth = depth;
			best_prod = prod;
			best_dist = dist;
			best = i;
		}
	}
	*skip = best && !best_prod ? 1 : 0;
	return best ? best + (size_t)*skip : 0;
}

/* Splits a header longer than `split` characters at layout_break into rest1 (after the
 * label) and rest2; compact splits it inside a function's brackets too and, with no
 * " + " to split at, puts the right-hand side on the second line. With three, "a =" may
 * stand over its right-hand side split in two (rest2, rest3) where that is narrower, and
 * a line of those still longer than a compact header is split again (rest4), also
 * before a "·". */
static void layout_split(struct layout_node_text *t, size_t label_len, int compact, int three,
                         int split)
{
	const char *h = t->head;
	snprintf(t->rest1, sizeof t->rest1, "%s", h + label_len);
	t->rest2[0] = t->rest3[0] = t->rest4[0] = '\0';
	int total = fmt_chars(h);
	if (total <= split)
		return;
	int skip;
	size_t best = layout_break(h, label_len, compact, 0, &skip);
	if (best)
		best -= (size_t)skip; /* where the first line ends */
	/* the widest line of each way, in characters: at best, or after "a =" */
	int at_best = best ? (int)fmax(chars_upto(h, best), total - chars_upto(h, best)) : total;
	int at_eq = (int)fmax(chars_upto(h, label_len) + 2, total - chars_upto(h, label_len) - 3);
	if (three && strncmp(h + label_len, " = ", 3) == 0) { /* "a =" over the right-hand side,
	                                                         itself split in two */
		struct layout_node_text rhs;
		snprintf(rhs.head, sizeof rhs.head, "%s", h + label_len + 3);
		layout_split(&rhs, 0, 1, 0, M.split_at_compact);
		int at_three = (int)fmax(chars_upto(h, label_len) + 2,
		                         fmax(fmt_chars(rhs.rest1), fmt_chars(rhs.rest2)));
		if (rhs.rest2[0] && at_three < at_eq && (best == 0 || at_three < at_best)) {
			snprintf(t->rest1, sizeof t->rest1, " =");
			snprintf(t->rest2, sizeof t->rest2, "%s", rhs.rest1);
			snprintf(t->rest3, sizeof t->rest3, "%s", rhs.rest2);
			/* the longer of the two lines, split again where still long */
			int second = fmt_chars(rhs.rest2) >= fmt_chars(rhs.rest1);
			const char *line = second ? rhs.rest2 : rhs.rest1;
			size_t at = fmt_chars(line) > M.split_at_compact ? layout_break(line, 0, 1, 1, &skip) : 0;
			if (at) {
				char a[256], b[256];
				snprintf(a, sizeof a, "%.*s", (int)(at - (size_t)skip), line);
				snprintf(b, sizeof b, "%s", line + at);
				if (second) {
					snprintf(t->rest3, sizeof t->rest3, "%s", a);
					snprintf(t->rest4, sizeof t->rest4, "%s", b);
				} else {
					snprintf(t->rest2, sizeof t->rest2, "%s", a);
					snprintf(t->rest3, sizeof t->rest3, "%s", b);
					snprintf(t->rest4, sizeof t->rest4, "%s", rhs.rest2);
				}
			}
			return;
		}
	}
	if (compact && strncmp(h + label_len, " = ", 3) == 0 && fmt_chars(h + label_len) > 4 &&
	    (best == 0 || at_eq < at_best)) { /* "a =" over the right-hand side */
		snprintf(t->rest1, sizeof t->rest1, " =");
		snprintf(t->rest2, sizeof t->rest2, "%s", h + label_len + 3);
		return;
	}
	if (best == 0)
		return;
	snprintf(t->rest1, sizeof t->rest1, "%.*s", (int)(best - label_len), h + label_len);
	snprintf(t->rest2, sizeof t->rest2, "%s", h + best + (size_t)skip);
}

/* Node i's numbers: value, gradient (forward mode: the tangent) and, where it has one,
 * the mean gradient. */
static void layout_node_numbers(struct render *r, const struct figure *fig,
                                struct graph_layout *g, int i)
{
	const struct eval *ev = fig->ev;
	const struct forward_view *fw = figure_forward(fig);
	struct layout_node_text *t = &g->text[i];
	num_cache_fmt(r, t->value, sizeof t->value, ev->value[i]);
	num_cache_fmt(r, t->grad, sizeof t->grad, fw ? fw->tangent[i] : ev->grad[i]);
	t->mean[0] = '\0';
	if (t->mean_name[0]) /* the mean: what descent uses */
		num_cache_fmt(r, t->mean, sizeof t->mean, ev->mean_grad[i]);
}

/* Whose gradients' names stand over their numbers (layout_node_text.over): everyone's in
 * a narrow layout; in a stacked one, in each node column that gets narrower so by at
 * least the height of the row it adds, the boxes wider than that column (the window
 * holds them so, steady_over); nobody's in the others. */
static void layout_over(struct render *r, const struct scene *s, struct graph_layout *g);

/* The texts with numbers in them: every node's numbers, the mean box, the units' and
 * every edge's label, for a layout whose other texts are written (layout_texts). */
static void layout_numbers(struct render *r, const struct figure *fig, struct graph_layout *g)
{
	const struct scene *s = fig->scene;
	const struct eval *ev = fig->ev;
	int compact = g->compact;
	for (int i = 0; i < s->n_nodes; i++)
		layout_node_numbers(r, fig, g, i);
	mean_box_texts(fig, &g->mean);
	layout_unit_texts(fig, g);
	layout_over(r, s, g);
	for (int e = 0; e < g->scene->n_edges; e++) { /* the laid-out graph's edges */
		if (g->units && g->units->weight[e] >= 0) { /* a weight on the edge into a unit */
			const struct layout_node_text *w = &g->text[g->units->weight[e]];
			snprintf(g->local[e], sizeof g->local[e], "%s = %s", w->label, w->value);
			g->local_cut[e] = g->local_cut2[e] = 0;
			continue;
		}
		int se = layout_edge(g, e);
		const struct edge *ed = &s->edges[se];
		char sym[120], num[64];
		int n = scene_local_text(s, se, sym, sizeof sym);
		num_cache_fmt(r, num, sizeof num, ev->local[se]);
		int cut = snprintf(g->local[e], sizeof g->local[e], "∂%s/∂%s",
		                   g->text[ed->to].label, g->text[ed->from].label);
		if (cut < 0 || (size_t)cut >= sizeof g->local[e])
			cut = 0;
		g->local_cut2[e] = 0;
		if (n > 0 && (size_t)n < sizeof sym && strcmp(sym, num) != 0 &&
		    fmt_chars(sym) <= (compact ? M.max_sym_compact : M.max_sym)) {
			snprintf(g->local[e] + cut, sizeof g->local[e] - (size_t)cut, " = %s = %s", sym, num);
			/* stacked: "= a[2] − y" over "= 2" where that line is wider than "∂J/∂a[2]" */
			struct text_style loc = {FONT_REGULAR, g->local_em, 0};
			char name[200];
			snprintf(name, sizeof name, "%.*s", cut, g->local[e]);
			if (g->stacked && text_width(r, g->local[e] + cut + 1, &loc) > text_width(r, name, &loc) &&
			    strlen(g->local[e]) > (size_t)cut + 3 + strlen(sym))
				g->local_cut2[e] = cut + 3 + (int)strlen(sym);
		} else {
			snprintf(g->local[e] + cut, sizeof g->local[e] - (size_t)cut, " = %s", num);
		}
		/* compact and bare: "= x = 2" under "∂c/∂w" */
		g->local_cut[e] = g->compact || g->bare ? cut : 0;
	}
}

/* Every text of the layout: the nodes' labels, headers, tags and gradient names (what
 * layout_words_key covers), then the numbers. */
static void layout_texts(struct render *r, const struct figure *fig, struct graph_layout *g,
                         int compact)
{
	const struct scene *s = fig->scene;
	const struct eval *ev = fig->ev;
	const char *cost = s->nodes[s->cost].label;
	char cost_row[128]; /* the cost at the shown row: "J⁽⁰⁾" with a data set */
	trace_row_name(ev, s->cost, cost_row, sizeof cost_row);
	static const char *const tags[] = {"input", "param", "data", ""};
	const struct forward_view *fw = figure_forward(fig);
	for (int i = 0; i < s->n_nodes; i++) {
		const struct node *nd = &s->nodes[i];
		struct layout_node_text *t = &g->text[i];
		trace_row_name(ev, i, t->label, sizeof t->label); /* "ŷ⁽⁰⁾": one row's value */
		if (nd->kind == NODE_COMPUTED) {
			char expr[200];
			scene_expr_text(s, i, NULL, expr, sizeof expr);
			const char *rhs = expr;
			size_t ll = strlen(nd->label), nl = strlen(nd->name);
			if (strncmp(rhs, nd->label, ll) == 0 && strncmp(rhs + ll, " = ", 3) == 0)
				rhs += ll + 3;
			else if (strncmp(rhs, nd->name, nl) == 0 && strncmp(rhs + nl, " = ", 3) == 0)
				rhs += nl + 3;
			snprintf(t->head, sizeof t->head, "%s = %s", t->label, rhs);
		} else {
			snprintf(t->head, sizeof t->head, "%s", t->label);
		}
		layout_split(t, strlen(t->label), compact, (g->bare || g->stacked) && compact, /* small
		             bare, stacked: three */
		             g->stacked ? M.split_at_stacked : compact ? M.split_at_compact : M.split_at);
		snprintf(t->tag, sizeof t->tag, "%s", tags[nd->kind]);
		if (fw) /* forward mode: d node / d the chosen input */
			snprintf(t->grad_name, sizeof t->grad_name, "d%s/d%s", t->label,
			         s->nodes[fw->input].label);
		else
			snprintf(t->grad_name, sizeof t->grad_name, "d%s/d%s", cost_row, t->label);
		t->mean_name[0] = '\0';
		if (s->n_rows > 0 && !fw && nd->feeds_cost &&
		    (nd->kind == NODE_INPUT || nd->kind == NODE_PARAM))
			snprintf(t->mean_name, sizeof t->mean_name, "d%s/d%s", cost, nd->label);
	}
	layout_numbers(r, fig, g);
}

uint64_t layout_hash(uint64_t h, const char *p)
{
	for (; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	return (h ^ 0xff) * 1099511628211ULL;
}

/* What the layout's shape rests on, apart from the numbers: every height, which rows a
 * box has, the columns. Two layouts with the same shape key differ only in widths, so
 * the ordering and the rows of one serve the other (layout_refit). */
static unsigned long layout_shape_key(const struct scene *s, const struct graph_layout *g)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)s->serial;
	for (int i = 0; i < s->n_nodes; i++) {
		const struct layout_node_text *t = &g->text[i];
		h = layout_hash(h, t->rest4[0] ? "4" : t->rest3[0] ? "3" : t->rest2[0] ? "2" : "1"); /* header lines */
		h = layout_hash(h, t->mean[0] ? "m" : "-"); /* the mean's row */
		h = layout_hash(h, t->over ? "o" : "-"); /* the names over the numbers */
	}
	for (int e = 0; e < g->scene->n_edges; e++) /* the laid-out graph's edges: two lines, three */
		h = (h ^ (uint64_t)((g->local_cut[e] != 0) + (g->local_cut2[e] != 0))) * 1099511628211ULL;
	h = (h ^ (uint64_t)g->scene->serial) * 1099511628211ULL; /* units or not */
	return (unsigned long)h;
}

static unsigned long layout_key(const struct scene *s, const struct graph_layout *g)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)s->serial;
	for (int i = 0; i < s->n_nodes; i++) {
		const struct layout_node_text *t = &g->text[i];
		const char *parts[] = {t->head, t->value, t->grad, t->grad_name, t->mean_name, t->mean};
		for (int k = 0; k < 6; k++)
			h = layout_hash(h, parts[k]);
	}
	for (int e = 0; e < g->scene->n_edges; e++) /* the laid-out graph's edges */
		h = layout_hash(h, g->local[e]);
	h = layout_unit_key(g, h);
	const char *mean[] = {g->mean.head, g->mean.value, g->mean.foot, g->mean.shown};
	for (int k = 0; k < 4; k++)
		h = layout_hash(h, mean[k]);
	return (unsigned long)h;
}

void layout_free(struct graph_layout *g)
{
	if (!g)
		return;
	free(g->items);
	free(g->edge_first);
	free(g->edge_n);
	free(g->edge_label);
	free(g->text);
	free(g->local);
	free(g->local_cut);
	free(g->local_cut2);
	free(g->port_in);
	free(g->port_out);
	free(g->col_x);
	free(g->col_w);
	free(g->col_band);
	free(g->unit_text);
	free(g);
}

int layout_neighbours(const struct graph_layout *g, const struct scene *s, int i,
                             int dir, int *out, int max)
{
	const struct layout_item *it = &g->items[i];
	int n = 0;
	if (it->node >= 0) {
		const struct node *nd = &s->nodes[it->node];
		if (dir < 0) {
			for (int k = 0; k < nd->n_in && n < max; k++) {
				int e = nd->in_first + k;
				out[n++] = g->edge_first[e] + g->edge_n[e] - 1;
			}
		} else {
			for (int k = 0; k < nd->n_out && n < max; k++) {
				int e = s->out[nd->out_first + k];
				out[n++] = g->edge_first[e];
			}
		}
		return n;
	}
	int e = it->edge, k = i - g->edge_first[e];
	if (dir < 0)
		out[0] = k == 0 ? s->edges[e].from : i - 1;
	else
		out[0] = k == g->edge_n[e] - 1 ? s->edges[e].to : i + 1;
	return 1;
}

#define LAYOUT_STACK_MIN 6  /* fewest single-use leaves in a column that make it stack */
#define LAYOUT_STACK_MOST 3 /* most sub-columns of a stack */
#define LAYOUT_STACK_ASPECT 0.55 /* height / width a graph's layout stacks down to (its
                                    panel's, about, at 16:9 beside a plot) */
#define LAYOUT_BAND_MIN 4 /* fewest node columns in a row of a wrapped layout: a small
                             graph keeps the shape of the lecture's drawing */
#define LAYOUT_BAND_MIN_LONG 3 /* ... and of a long graph (a chain) that has no such shape */
#define LAYOUT_LONG 16    /* node columns that make a graph long */

/* Can the item stand in a stack: a leaf (not the cost) that feeds one node? */
static int layout_stackable(const struct scene *s, const struct layout_item *it)
{
	return it->node >= 0 && s->nodes[it->node].kind != NODE_COMPUTED && it->node != s->cost &&
	       s->nodes[it->node].n_out == 1;
}

/* Distance between the centres of a and b, b just under a in their column: none
 * between the leaves of one row of a stack, and room under a stack's row for the edges
 * of its left sub-columns. */
static double layout_sep(const struct layout_item *a, const struct layout_item *b)
{
	if (a->stack && a->stack == b->stack)
		return 0;
	/* unit boxes and weights' labels stand closer: a network's columns are its tallest */
	double gap = a->node >= 0 && b->node >= 0 ? (a->unit && b->unit ? M.unit_sep : M.node_gap)
	             : a->weight && b->weight ? M.weight_sep : M.slot_gap;
	double ha = a->stack ? a->rh : a->h, hb = b->stack ? b->rh : b->h;
	return (ha + hb) / 2 + a->below + gap;
}

/* Height and width of node column c with its stackable leaves in subs sub-columns. */
static void layout_stack_size(const struct graph_layout *g, const struct scene *s,
                              const struct layout_work *w, int c, int subs, double *h,
                              double *wd)
{
	double leaf_w = 0, leaf_h = 0;
	int leaves = 0;
	*h = *wd = 0;
	for (int k = 0; k < w->col_n[c]; k++) {
		const struct layout_item *it = &g->items[w->cols[w->col_start[c] + k]];
		if (layout_stackable(s, it) && subs > 1) {
			leaves++;
			leaf_w = fmax(leaf_w, it->bw);
			leaf_h = fmax(leaf_h, it->h);
		} else {
			*h += it->h + M.node_gap;
			*wd = fmax(*wd, it->bw);
		}
	}
	int rows = (leaves + subs - 1) / subs;
	*h += rows * (leaf_h + M.node_gap + (subs - 1) * M.stack_lane);
	*wd = fmax(*wd, subs * leaf_w + (subs - 1) * M.col_gap);
}

/* Wide layers stack: in a crowded graph (LAYOUT_CROWDED), while the layout is taller
 * than LAYOUT_STACK_ASPECT of its width, its tallest node column, if it has at least
 * LAYOUT_STACK_MIN leaves that feed one node each, takes one more sub-column (at most
 * LAYOUT_STACK_MOST). Its runs of such leaves
 * (in the column's order) then stand side by side, a row at a time: the first of a row
 * rightmost, its edge leaving from its side; the others' edges drop from under their
 * boxes into lanes under the row (the leftmost lowest) and run out of the column there,
 * so they leave it in the column's order and cross nothing the unstacked column would
 * not. */
static void layout_stack(struct graph_layout *g, const struct scene *s, struct layout_work *w)
{
	int *subs = calloc((size_t)g->n_cols + 1, sizeof *subs);
	double *ch = calloc((size_t)g->n_cols * 2 + 2, sizeof *ch), *cw = ch ? ch + g->n_cols + 1 : NULL;
	if (!subs || !ch) {
		free(subs);
		free(ch);
		return;
	}
	double width = 0;
	for (int c = 0; c < g->n_cols; c++) {
		subs[c] = 1;
		if (c % 2 == 0)
			layout_stack_size(g, s, w, c, 1, &ch[c], &cw[c]);
		else
			cw[c] = g->bare ? M.bare_lane : M.min_lane; /* about: labels may be wider */
		width += cw[c] + M.col_gap;
	}
	for (;;) {
		int top = 0;
		for (int c = 0; c < g->n_cols; c += 2)
			top = ch[c] > ch[top] ? c : top;
		int leaves = 0;
		for (int k = 0; k < w->col_n[top]; k++)
			leaves += layout_stackable(s, &g->items[w->cols[w->col_start[top] + k]]);
		if (s->n_nodes < LAYOUT_CROWDED || ch[top] <= LAYOUT_STACK_ASPECT * width ||
		    leaves < LAYOUT_STACK_MIN || subs[top] == LAYOUT_STACK_MOST)
			break;
		width -= cw[top];
		layout_stack_size(g, s, w, top, ++subs[top], &ch[top], &cw[top]);
		width += cw[top];
	}
	int rows = 0;
	for (int c = 0; c < g->n_cols; c += 2) {
		int *col = w->cols + w->col_start[c];
		for (int k = 0; k < w->col_n[c] && subs[c] > 1;) {
			int m = 0;
			while (k + m < w->col_n[c] && m < subs[c] && layout_stackable(s, &g->items[col[k + m]]))
				m++;
			if (m == 0) {
				k++;
				continue;
			}
			double rh = 0;
			for (int j = 0; j < m; j++)
				rh = fmax(rh, g->items[col[k + j]].h);
			rows++;
			for (int j = 0; j < m; j++) {
				struct layout_item *it = &g->items[col[k + j]];
				it->stack = rows;
				it->subs = subs[c];
				it->sub = subs[c] - 1 - j;
				it->rh = rh;
				it->below = M.stack_lane * (m - 1);
				it->drop = j ? rh / 2 + M.stack_lane * j : 0;
			}
			k += m;
		}
	}
	free(subs);
	free(ch);
}

/* Moves the column's items as close to want[] as the separations allow (weighted
 * least squares with order kept: pool adjacent violators). */
static void layout_project(struct graph_layout *g, const int *col, int n, const double *want,
                           double *wt, double *val, int *len)
{
	double *off = wt + n; /* cumulative separation */
	int nb = 0;
	off[0] = 0;
	for (int k = 1; k < n; k++)
		off[k] = off[k - 1] + layout_sep(&g->items[col[k - 1]], &g->items[col[k]]);
	for (int k = 0; k < n; k++) {
		const struct layout_item *it = &g->items[col[k]];
		double w = it->node >= 0 ? 1 : it->is_label ? 0.5 : 0.25;
		val[nb] = want[k] - off[k];
		wt[nb] = w;
		len[nb] = 1;
		nb++;
		while (nb > 1 && val[nb - 2] > val[nb - 1]) {
			double tw = wt[nb - 2] + wt[nb - 1];
			val[nb - 2] = (val[nb - 2] * wt[nb - 2] + val[nb - 1] * wt[nb - 1]) / tw;
			wt[nb - 2] = tw;
			len[nb - 2] += len[nb - 1];
			nb--;
		}
	}
	int k = 0;
	for (int b = 0; b < nb; b++)
		for (int j = 0; j < len[b]; j++, k++)
			g->items[col[k]].y = val[b] + off[k];
}

static void layout_rows(struct graph_layout *g, const struct scene *s, struct layout_work *w)
{
	int nb[LAYOUT_MAX_NB];
	int n = g->n_items;
	double *want = malloc(sizeof *want * (size_t)n * 4);
	int *len = malloc(sizeof *len * (size_t)n);
	if (!want || !len) {
		free(want);
		free(len);
		return;
	}
	double *wt = want + n, *val = want + 3 * n;
	for (int c = 0; c < g->n_cols; c++) { /* start: stacked and centred */
		int *col = w->cols + w->col_start[c];
		double y = 0;
		for (int k = 0; k < w->col_n[c]; k++) {
			if (k)
				y += layout_sep(&g->items[col[k - 1]], &g->items[col[k]]);
			g->items[col[k]].y = y;
		}
		for (int k = 0; k < w->col_n[c]; k++)
			g->items[col[k]].y -= y / 2;
	}
	for (int iter = 0; iter < 60; iter++) {
		int fwd = iter % 2 == 0;
		for (int step = 0; step < g->n_cols; step++) {
			int c = fwd ? step : g->n_cols - 1 - step;
			int *col = w->cols + w->col_start[c];
			for (int k = 0; k < w->col_n[c]; k++) {
				int i = col[k], cnt = 0;
				double sum = 0;
				for (int dir = -1; dir <= 1; dir += 2) {
					int m = layout_neighbours(g, s, i, dir, nb, LAYOUT_MAX_NB);
					if (g->items[i].node >= 0 && m > 0 && c > 0 && c < g->n_cols - 1) {
						/* a node follows both sides equally, however many edges */
						double part = 0;
						for (int j = 0; j < m; j++)
							part += g->items[nb[j]].y;
						sum += part / m;
						cnt++;
						continue;
					}
					for (int j = 0; j < m; j++, cnt++) /* a stacked leaf's edge: its lane */
						sum += g->items[nb[j]].y + (dir < 0 ? g->items[nb[j]].drop : 0) -
						       (dir > 0 ? g->items[i].drop : 0);
				}
				want[k] = cnt ? sum / cnt : g->items[i].y;
			}
			for (int k = 0, j; k < w->col_n[c]; k = j) { /* a stack's row moves as one */
				double sum = want[k];
				for (j = k + 1; j < w->col_n[c] && g->items[col[k]].stack &&
				                g->items[col[j]].stack == g->items[col[k]].stack; j++)
					sum += want[j];
				for (int q = k; q < j; q++)
					want[q] = sum / (j - k);
			}
			layout_project(g, col, w->col_n[c], want, wt, val, len);
		}
	}
	free(want);
	free(len);
}

static void layout_ports(struct graph_layout *g, const struct scene *s);

/* The label columns' widths before their labels': a bare layout's lane is an arrow's
 * room where every edge through it runs straight across (level with the knots before
 * and after it), else room for the S-bends; the others' the narrowest lane. */
static void layout_lanes(struct graph_layout *g, const struct scene *s)
{
	for (int c = 0; c < g->n_cols; c++)
		g->col_w[c] = c % 2 == 0 ? 0 : g->bare ? M.straight_lane : M.min_lane;
	if (!g->bare)
		return;
	layout_ports(g, s); /* from the rows' heights, which the columns keep */
	for (int i = s->n_nodes; i < g->n_items; i++) {
		const struct layout_item *it = &g->items[i];
		int e = it->edge, k = i - g->edge_first[e];
		double before = k > 0 ? g->items[i - 1].y : g->port_out[e];
		double after = k + 1 < g->edge_n[e] ? g->items[i + 1].y : g->port_in[e];
		if (fabs(before - it->y) > 1e-6 || fabs(after - it->y) > 1e-6 ||
		    g->items[s->edges[e].from].drop > 0)
			g->col_w[it->col] = M.bare_lane;
	}
}

static void layout_columns(struct graph_layout *g, const struct scene *s)
{
	double *sub_w = calloc((size_t)g->n_cols + 1, sizeof *sub_w); /* a stack's sub-column */
	layout_lanes(g, s);
	for (int i = 0; i < g->n_items; i++) {
		struct layout_item *it = &g->items[i];
		if (it->stack && sub_w)
			sub_w[it->col] = fmax(sub_w[it->col], it->bw);
		else if (it->bw > g->col_w[it->col])
			g->col_w[it->col] = it->bw;
	}
	for (int i = 0; i < g->n_items && sub_w; i++) {
		const struct layout_item *it = &g->items[i];
		if (it->stack)
			g->col_w[it->col] = fmax(g->col_w[it->col],
			                         it->subs * sub_w[it->col] + (it->subs - 1) * M.col_gap);
	}
	double x = 0;
	for (int c = 0; c < g->n_cols; c++) {
		g->col_x[c] = x;
		x += g->col_w[c] + (c + 1 < g->n_cols ? M.col_gap : 0);
	}
	g->width = x;
	double top = INFINITY, bottom = -INFINITY;
	for (int i = 0; i < g->n_items; i++) {
		struct layout_item *it = &g->items[i];
		it->x = g->col_x[it->col] + g->col_w[it->col] / 2;
		if (it->stack && sub_w) /* its sub-column, the stack right-aligned in the column */
			it->x = g->col_x[it->col] + g->col_w[it->col] -
			        (it->subs - it->sub) * (sub_w[it->col] + M.col_gap) + M.col_gap +
			        sub_w[it->col] / 2;
		/* routes run straight through labels and the middle of bend slots */
		it->w = it->node >= 0 || (it->is_label && !g->bare) ? it->bw : g->col_w[it->col] * 0.5;
		if (it->y - it->h / 2 < top) top = it->y - it->h / 2;
		if (it->y + it->h / 2 + it->below > bottom) bottom = it->y + it->h / 2 + it->below;
	}
	free(sub_w);
	if (g->n_items == 0)
		top = bottom = 0;
	for (int i = 0; i < g->n_items; i++) {
		g->items[i].y -= top;
		g->items[i].ux = g->items[i].x;
		g->items[i].uy = g->items[i].y;
	}
	g->height = bottom - top;
	g->one_w = g->width;
	g->one_h = g->height;
}

/* Spreads the edges entering (leaving) a node over its left (right) side. */
static void layout_ports(struct graph_layout *g, const struct scene *s)
{
	for (int v = 0; v < s->n_nodes; v++) {
		const struct node *nd = &s->nodes[v];
		const struct layout_item *it = &g->items[v];
		for (int side = 0; side < 2; side++) {
			int n = side ? nd->n_out : nd->n_in;
			if (n == 0)
				continue;
			int es[LAYOUT_MAX_NB];
			double ys[LAYOUT_MAX_NB];
			if (n > LAYOUT_MAX_NB)
				n = LAYOUT_MAX_NB;
			for (int k = 0; k < n; k++) {
				int e = side ? s->out[nd->out_first + k] : nd->in_first + k;
				int other = side ? g->edge_first[e] : g->edge_first[e] + g->edge_n[e] - 1;
				es[k] = e;
				ys[k] = g->items[other].y;
			}
			for (int a = 1; a < n; a++) /* insertion sort by the other end's height */
				for (int b = a; b > 0 && ys[b - 1] > ys[b]; b--) {
					double ty = ys[b]; ys[b] = ys[b - 1]; ys[b - 1] = ty;
					int te = es[b]; es[b] = es[b - 1]; es[b - 1] = te;
				}
			double span = fmin(it->h * M.port_span, M.port_step * (n - 1));
			for (int k = 0; k < n; k++) {
				double y = it->y + (n > 1 ? span * ((double)k / (n - 1) - 0.5) : 0);
				(side ? g->port_out : g->port_in)[es[k]] = y;
			}
		}
	}
}

/* Fills rows left to right with columns, a row no wider than limit where it can be,
 * breaking only before a node column (kept with the label column after it); sets each
 * column's row when col_band is given and returns the rows used. */
static int layout_fill(const struct graph_layout *g, double limit, int *col_band)
{
	int band = 0, start = 0;
	for (int c = 0; c < g->n_cols; c++) {
		if (c > start && c % 2 == 0) {
			int end = c + 1 < g->n_cols ? c + 1 : c;
			if (g->col_x[end] + g->col_w[end] - g->col_x[start] > limit) {
				band++;
				start = c;
			}
		}
		if (col_band)
			col_band[c] = band;
	}
	return band + 1;
}

/* The most rows g may wrap into: each of LAYOUT_BAND_MIN node columns at least
 * (LAYOUT_BAND_MIN_LONG in a long graph). */
static int layout_most_bands(const struct graph_layout *g)
{
	int node_cols = (g->n_cols + 1) / 2;
	return node_cols / (node_cols >= LAYOUT_LONG ? LAYOUT_BAND_MIN_LONG : LAYOUT_BAND_MIN);
}

/* Which row each column goes into, for at most `bands` rows (no more than
 * layout_most_bands): the narrowest widest row (bisection on the width limit). Returns
 * the rows used. */
static int layout_bands(struct graph_layout *g, int bands)
{
	int most = layout_most_bands(g);
	if (bands > most)
		bands = most;
	if (bands > LAYOUT_MAX_BANDS)
		bands = LAYOUT_MAX_BANDS;
	double lo = 0, hi = g->one_w;
	if (bands > 1)
		for (int iter = 0; iter < 40; iter++) {
			double mid = (lo + hi) / 2;
			if (layout_fill(g, mid, NULL) <= bands)
				hi = mid;
			else
				lo = mid;
		}
	return layout_fill(g, hi, g->col_band);
}

/* Places the one-row layout's columns in rows (see layout_get): each row starts at the
 * left, under the one before it, band_gap apart; a wrapped layout keeps wrap_out free
 * on both sides for the edges that run from one row's end to the next row's start. */
static void layout_wrap(struct render *r, const struct scene *s, struct graph_layout *g,
                        int bands)
{
	g->bands_asked = bands;
	g->bands = g->n_cols > 0 ? layout_bands(g, bands < 1 ? 1 : bands) : 1;
	double left[LAYOUT_MAX_BANDS], off[LAYOUT_MAX_BANDS];
	double margin = g->bands > 1 ? M.wrap_out : 0;
	for (int b = 0; b < g->bands; b++) {
		g->band_top[b] = INFINITY;
		g->band_bottom[b] = -INFINITY;
		g->band_right[b] = 0;
		left[b] = INFINITY;
	}
	for (int c = 0; c < g->n_cols; c++) {
		int b = g->col_band[c];
		left[b] = fmin(left[b], g->col_x[c]);
		g->band_right[b] = fmax(g->band_right[b], g->col_x[c] + g->col_w[c]);
	}
	for (int i = 0; i < g->n_items; i++) {
		const struct layout_item *it = &g->items[i];
		int b = g->n_cols > 0 ? g->col_band[it->col] : 0;
		g->band_top[b] = fmin(g->band_top[b], it->uy - it->h / 2);
		g->band_bottom[b] = fmax(g->band_bottom[b], it->uy + it->h / 2);
	}
	int wraps[LAYOUT_MAX_BANDS] = {0}; /* edges running from row b into row b + 1 */
	for (int e = 0; e < s->n_edges && g->bands > 1; e++)
		for (int k = -1; k < g->edge_n[e]; k++) { /* from, its bends and label, to */
			int a = k < 0 ? s->edges[e].from : g->edge_first[e] + k;
			int z = k + 1 < g->edge_n[e] ? g->edge_first[e] + k + 1 : s->edges[e].to;
			if (g->col_band[g->items[z].col] > g->col_band[g->items[a].col])
				wraps[g->col_band[g->items[a].col]]++;
		}
	double y = 0, width = 0;
	for (int b = 0; b < g->bands; b++) {
		if (!isfinite(g->band_top[b]) || !isfinite(left[b]))
			g->band_top[b] = g->band_bottom[b] = left[b] = 0;
		off[b] = y - g->band_top[b];
		g->band_bottom[b] += off[b];
		g->band_top[b] = y;
		g->band_right[b] += margin - left[b];
		width = fmax(width, g->band_right[b]);
		y = g->band_bottom[b] +
		    fmin(M.band_gap, M.band_gap_one + M.wrap_lane * (wraps[b] > 1 ? wraps[b] - 1 : 0));
	}
	for (int i = 0; i < g->n_items; i++) {
		struct layout_item *it = &g->items[i];
		int b = g->n_cols > 0 ? g->col_band[it->col] : 0;
		it->x = it->ux - left[b] + margin;
		it->y = it->uy + off[b];
	}
	g->width = g->bands > 1 ? width + margin : g->one_w;
	g->height = g->bands > 1 ? g->band_bottom[g->bands - 1] : g->one_h;
	layout_ports(g, s);
	mean_box_place(r, g);
}

int layout_label_lines(const char *text, int cut, int cut2, char lines[3][200])
{
	if (!cut) {
		snprintf(lines[0], sizeof lines[0], "%s", text);
		return 1;
	}
	snprintf(lines[0], sizeof lines[0], "%.*s", cut, text);
	if (!cut2 || cut2 <= cut || (size_t)cut2 >= strlen(text)) {
		snprintf(lines[1], sizeof lines[1], "%s", text + cut + 1);
		return 2;
	}
	snprintf(lines[1], sizeof lines[1], "%.*s", cut2 - cut - 1, text + cut + 1);
	snprintf(lines[2], sizeof lines[2], "%s", text + cut2 + 1);
	return 3;
}

static double layout_node_width(struct render *r, const struct scene *s, const struct graph_layout *g,
                                int i, int over, int mean_over);

static void layout_sizes(struct render *r, const struct scene *s, struct graph_layout *g)
{
	struct text_style loc = {FONT_REGULAR, g->local_em, 0};
	for (int i = 0; i < s->n_nodes; i++) {
		struct layout_item *it = &g->items[i];
		if (g->units && g->units->unit[i] >= 0) { /* a neuron unit's box */
			double split;
			layout_unit_size(r, g, g->units->unit[i], &it->w, &it->h, &split);
			it->unit = 1;
			if (g->steady)
				it->w = steady_width(r, s, g->variant, 0, i, it->w);
			it->bw = it->w;
			continue;
		}
		const struct layout_node_text *t = &g->text[layout_node(g, i)];
		/* beside tall units a leaf's box is tall too: its gradient's name over the number,
		   as in a narrow layout */
		it->tall = g->units && layout_unit_tall(g) && s->nodes[i].kind != NODE_COMPUTED;
		double w = layout_node_width(r, s, g, i, t->over || it->tall, t->over);
		if (g->steady)
			w = steady_width(r, s, g->variant, 0, i, w);
		it->bw = it->w = w + 2 * M.pad_x;
		it->h = M.row_head * (t->rest4[0] ? 4 : t->rest3[0] ? 3 : t->rest2[0] ? 2 : 1) + M.row_value +
		        M.row_grad + (t->mean[0] ? M.row_grad : 0) + 2 * M.pad_y + /* the names' rows: */
		        (t->over ? M.row_gname * (t->mean[0] ? 2 : 1) : it->tall ? M.row_gname : 0);
	}
	for (int e = 0; e < s->n_edges; e++) {
		struct layout_item *it = &g->items[g->edge_label[e]];
		if (g->units && g->units->weight[e] >= 0) { /* a weight: room even when bare */
			layout_weight_size(r, g, e, 0, &it->w, &it->h);
			it->weight = 1;
			it->lw = it->bw = it->w;
			it->lh = it->h;
			it->tall = 0;
			continue;
		}
		char line[200], lines[3][200];
		int cut = g->local_cut[e];
		snprintf(line, sizeof line, "%.*s", cut, g->local[e]);
		double w = cut ? fmax(text_width(r, line, &loc), text_width(r, g->local[e] + cut, &loc))
		               : text_width(r, g->local[e], &loc);
		int n_lines = layout_label_lines(g->local[e], cut, g->local_cut2[e], lines);
		if (n_lines == 3) /* "∂J/∂a[2]", "= a[2] − y", "= 2" */
			w = fmax(text_width(r, lines[0], &loc), fmax(text_width(r, lines[1], &loc),
			                                             text_width(r, lines[2], &loc)));
		if (g->steady)
			w = steady_width(r, s, g->variant, 1, e, w);
		it->lw = it->bw = it->w = w + M.local_pad;
		it->lh = it->h = g->local_em * M.local_h * n_lines;
		if (g->bare) { /* a bend's room */
			it->bw = it->w = 0;
			it->h = M.bend_h;
		}
	}
	if (g->units && layout_unit_tall(g)) /* narrower weight labels where there is height */
		layout_weight_tall(r, g);
	for (int e = 0; g->units && g->steady && e < s->n_edges; e++) /* held at their widest */
		if (g->units->weight[e] >= 0) {
			struct layout_item *it = &g->items[g->edge_label[e]];
			it->lw = it->bw = it->w = steady_width(r, s, g->variant, 1, e, it->w);
		}
}

/* Each computed node's rank (its layer among the node columns): first its layer, then,
 * as dot ranks to keep edges short, moved towards the side with more edges (to more
 * computed nodes after it: as late as they let it; from more before it: as early) until
 * none moves. Leaves are placed by their first use; a node that feeds none (the cost)
 * keeps its layer. */
static void layout_ranks(const struct scene *s, int *rank)
{
	for (int v = 0; v < s->n_nodes; v++)
		rank[v] = s->nodes[v].layer;
	for (int pass = 0, moved = 1; moved && pass < 2 * s->n_layers; pass++) {
		moved = 0;
		for (int v = s->n_nodes - 1; v >= 0; v--) {
			const struct node *nd = &s->nodes[v];
			if (nd->kind != NODE_COMPUTED || nd->n_out == 0)
				continue;
			int lo = 1, hi = s->n_layers, in = 0;
			for (int k = 0; k < nd->n_in; k++) {
				int from = s->edges[nd->in_first + k].from;
				if (s->nodes[from].kind == NODE_COMPUTED) {
					lo = rank[from] + 1 > lo ? rank[from] + 1 : lo;
					in++;
				}
			}
			for (int k = 0; k < nd->n_out; k++) {
				int to = s->edges[s->out[nd->out_first + k]].to;
				hi = rank[to] - 1 < hi ? rank[to] - 1 : hi;
			}
			int want = nd->n_out > in ? hi : in > nd->n_out ? lo : rank[v];
			if (want != rank[v] && want >= lo && want <= hi) {
				rank[v] = want;
				moved = 1;
			}
		}
	}
}

/* Column of a node: 2 * rank; a leaf goes just before its first use unless all
 * leaves are asked to stay in the first column. */
static int layout_col(const struct scene *s, const int *rank, int v, int leaves_left)
{
	const struct node *nd = &s->nodes[v];
	if (nd->kind == NODE_COMPUTED)
		return 2 * rank[v];
	if (leaves_left || nd->n_out == 0)
		return 0;
	int first = s->n_layers;
	for (int k = 0; k < nd->n_out; k++) {
		int to = s->edges[s->out[nd->out_first + k]].to;
		if (rank[to] < first)
			first = rank[to];
	}
	return 2 * (first - 1);
}

/* The width (em, padding left out) of node item i's box: its header, value and gradient
 * rows; the gradient's name over its number where over (else on a line with it), and so
 * the mean gradient's where mean_over. */
static double layout_node_width(struct render *r, const struct scene *s, const struct graph_layout *g,
                                int i, int over, int mean_over)
{
	struct text_style head = {FONT_BOLD, M.head, 0}, rest = {FONT_REGULAR, M.head, 0};
	struct text_style val = {FONT_BOLD, 1, 1}, grad = {FONT_BOLD, M.grad, 1};
	struct text_style grad_name = {FONT_REGULAR, M.grad_name, 0};
	struct text_style tag = {FONT_ITALIC, M.tag, 1};
	const struct layout_node_text *t = &g->text[layout_node(g, i)];
	double hw = text_width(r, t->label, &head) + text_width(r, t->rest1, &rest);
	if (t->tag[0])
		hw += M.tag_gap + text_width(r, t->tag, &tag);
	hw = fmax(hw, fmax(text_width(r, t->rest2, &rest), text_width(r, t->rest3, &rest)));
	hw = fmax(hw, text_width(r, t->rest4, &rest));
	char gl[256];
	snprintf(gl, sizeof gl, over ? "%s =" : "%s = ", t->grad_name);
	double gw = over ? fmax(text_width(r, gl, &grad_name), text_width(r, t->grad, &grad))
	                 : text_width(r, gl, &grad_name) + text_width(r, t->grad, &grad);
	if (t->mean[0]) { /* a data scene's mean gradient, on its own row */
		snprintf(gl, sizeof gl, mean_over ? "%s =" : "%s = ", t->mean_name);
		gw = fmax(gw, mean_over ? fmax(text_width(r, gl, &grad_name), text_width(r, t->mean, &grad))
		                        : text_width(r, gl, &grad_name) + text_width(r, t->mean, &grad));
	}
	double vw = text_width(r, t->value, &val);
	if (g->steady)
		vw = steady_value(r, s, i, vw, &val);
	return fmax(hw, fmax(gw, vw));
}

static void layout_over(struct render *r, const struct scene *s, struct graph_layout *g)
{
	for (int v = 0; v < s->n_nodes; v++)
		g->text[v].over = g->narrow && !g->stacked; /* narrow: everywhere */
	size_t n = (size_t)s->n_nodes + 1;
	int *rank = g->stacked ? malloc(n * (2 * sizeof(int) + 4 * sizeof(double))) : NULL;
	if (!rank)
		return;
	int *col = rank + n;
	double *one = (double *)(col + n), *over = one + n; /* per node, then per column: */
	double *col_one = over + n, *col_over = col_one + n; /* names beside, over */
	layout_ranks(s, rank);
	for (int v = 0; v < s->n_nodes; v++) {
		col[v] = layout_col(s, rank, v, g->leaves_left) / 2; /* a node column */
		one[v] = layout_node_width(r, s, g, v, 0, 0);
		over[v] = layout_node_width(r, s, g, v, 1, 1);
		col_one[v] = col_over[v] = 0;
	}
	for (int v = 0; v < s->n_nodes; v++) {
		col_one[col[v]] = fmax(col_one[col[v]], one[v]);
		col_over[col[v]] = fmax(col_over[col[v]], over[v]);
	}
	for (int v = 0; v < s->n_nodes; v++)
		g->text[v].over = col_one[col[v]] - col_over[col[v]] >= M.row_gname &&
		                  one[v] > col_over[col[v]] + 1e-9;
	for (int v = 0; v < s->n_nodes && g->steady; v++) /* the window: once over, held so */
		g->text[v].over = steady_over(r, s, v, g->text[v].over);
	free(rank);
}

static struct graph_layout *layout_build(struct render *r, const struct scene *s,
                                         struct graph_layout *g, int leaves_left)
{
	int n_items = s->n_nodes;
	int *rank = malloc(sizeof *rank * (size_t)(s->n_nodes + 1));
	if (!rank) {
		layout_free(g);
		return NULL;
	}
	layout_ranks(s, rank);
	for (int e = 0; e < s->n_edges; e++) {
		int span = layout_col(s, rank, s->edges[e].to, leaves_left) -
		           layout_col(s, rank, s->edges[e].from, leaves_left) - 1;
		g->edge_first[e] = n_items;
		g->edge_n[e] = span;
		g->edge_label[e] = n_items + span - 1;
		n_items += span;
	}
	g->n_items = n_items;
	g->n_cols = s->n_layers > 0 ? 2 * s->n_layers - 1 : 1;
	g->items = calloc((size_t)n_items + 1, sizeof *g->items);
	g->col_x = calloc((size_t)g->n_cols, sizeof *g->col_x);
	g->col_w = calloc((size_t)g->n_cols, sizeof *g->col_w);
	g->col_band = calloc((size_t)g->n_cols, sizeof *g->col_band);
	struct layout_work w = {0};
	w.col_start = calloc((size_t)g->n_cols + 1, sizeof(int));
	w.col_n = calloc((size_t)g->n_cols + 1, sizeof(int));
	w.cols = calloc((size_t)n_items + 1, sizeof(int));
	w.best = calloc((size_t)n_items * 3 + 1, sizeof(int));
	w.key = calloc((size_t)n_items + 1, sizeof(double));
	if (!g->items || !g->col_x || !g->col_w || !g->col_band || !w.col_start || !w.col_n || !w.cols ||
	    !w.best || !w.key) {
		layout_free(g);
		g = NULL;
		goto out;
	}
	for (int i = 0; i < s->n_nodes; i++)
		g->items[i] = (struct layout_item){.node = i, .edge = -1,
		                                   .col = layout_col(s, rank, i, leaves_left)};
	for (int e = 0; e < s->n_edges; e++)
		for (int k = 0; k < g->edge_n[e]; k++)
			g->items[g->edge_first[e] + k] = (struct layout_item){
				.node = -1, .edge = e, .is_label = k == g->edge_n[e] - 1,
				.col = layout_col(s, rank, s->edges[e].from, leaves_left) + 1 + k,
				.h = M.bend_h};
	layout_sizes(r, s, g);
	for (int i = 0; i < n_items; i++)
		w.col_n[g->items[i].col]++;
	for (int c = 1; c <= g->n_cols; c++)
		w.col_start[c] = w.col_start[c - 1] + w.col_n[c - 1];
	int *fill = calloc((size_t)g->n_cols + 1, sizeof(int));
	if (!fill) {
		layout_free(g);
		g = NULL;
		goto out;
	}
	for (int i = 0; i < n_items; i++) {
		int c = g->items[i].col;
		g->items[i].order = fill[c];
		w.cols[w.col_start[c] + fill[c]++] = i;
	}
	free(fill);
	order_columns(g, s, &w);
	layout_stack(g, s, &w);
	layout_rows(g, s, &w);
	layout_columns(g, s);
	layout_wrap(r, s, g, 1);
out:
	free(rank);
	free(w.col_start);
	free(w.col_n);
	free(w.cols);
	free(w.best);
	free(w.key);
	return g;
}

/* g's boxes sized again for its texts and placed again in its columns and rows (the
 * ordering and the rows' heights kept): what new numbers need. */
static void layout_resize(struct render *r, struct graph_layout *g)
{
	layout_sizes(r, g->scene, g);
	for (int i = 0; i < g->n_items; i++)
		g->items[i].y = g->items[i].uy; /* the rows' heights are the same: y stays */
	layout_columns(g, g->scene);
	memset(g->fits, 0, sizeof g->fits);
	layout_wrap(r, g->scene, g, g->bands_asked);
}

/* The cached layout g takes the texts of fresh (same shape: only numbers differ) and
 * is sized and placed again, keeping its ordering and rows: what a drag costs. The
 * texts are swapped, so fresh is freed with the old ones. */
static void layout_refit(struct render *r, struct graph_layout *g, struct graph_layout *fresh)
{
	struct layout_node_text *text = g->text;
	char(*local)[200] = g->local;
	int *cut = g->local_cut, *cut2 = g->local_cut2;
	g->text = fresh->text;
	g->local = fresh->local;
	g->local_cut = fresh->local_cut;
	g->local_cut2 = fresh->local_cut2;
	fresh->text = text;
	fresh->local = local;
	fresh->local_cut = cut;
	fresh->local_cut2 = cut2;
	struct layout_unit_text *ut = g->unit_text;
	g->unit_text = fresh->unit_text;
	fresh->unit_text = ut;
	g->mean = fresh->mean;
	g->key = fresh->key;
	g->input_key = fresh->input_key;
	g->words_key = fresh->words_key;
	layout_resize(r, g);
}

uint64_t layout_hash_ints(uint64_t h, const int *v, size_t n)
{
	for (size_t k = 0; k < n; k++)
		h = (h ^ (uint64_t)(unsigned)v[k]) * 1099511628211ULL;
	return h;
}

uint64_t layout_hash_doubles(uint64_t h, const double *v, int n)
{
	for (int i = 0; v && i < n; i++) {
		uint64_t bits;
		memcpy(&bits, &v[i], sizeof bits);
		h = (h ^ bits) * 1099511628211ULL;
	}
	return h;
}

/* Everything layout_texts reads: the scene, the options, the shown row and every number
 * it formats. Equal keys make equal texts, so a figure drawn again (or measured again
 * for arranging the panels) does not make its texts again. */
static unsigned long layout_input_key(const struct figure *fig, int variant, int leaves_left)
{
	const struct scene *s = fig->scene;
	const struct eval *ev = fig->ev;
	const struct forward_view *fw = figure_forward(fig);
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)s->serial;
	int head[] = {variant, leaves_left, ev->row, fw ? fw->input : -1};
	h = layout_hash_ints(h, head, sizeof head / sizeof head[0]);
	h = layout_hash_doubles(h, ev->value, s->n_nodes);
	h = layout_hash_doubles(h, ev->grad, s->n_nodes);
	h = layout_hash_doubles(h, ev->mean_grad, s->n_nodes);
	h = layout_hash_doubles(h, ev->local, s->n_edges);
	h = layout_hash_doubles(h, &ev->cost, 1);
	h = layout_hash_doubles(h, fw ? fw->tangent : NULL, s->n_nodes);
	return (unsigned long)h;
}

/* What layout_texts reads apart from the numbers: the scene (its serial, its counts, which
 * size the layout's arrays, and its nodes' names, labels, kinds and expressions' place),
 * the graph laid out, the options, the shown row and forward mode's input. Equal keys
 * make equal texts but for the numbers, which layout_numbers writes again in place. */
static unsigned long layout_words_key(const struct figure *fig, const struct scene *ls,
                                      int variant, int leaves_left, int steady)
{
	const struct scene *s = fig->scene;
	const struct forward_view *fw = figure_forward(fig);
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)s->serial;
	h = (h ^ (uint64_t)ls->serial) * 1099511628211ULL;
	int head[] = {variant, leaves_left, steady, fig->ev->row, fw ? fw->input : -1, s->n_nodes,
	              s->n_edges, s->n_rows, ls->n_nodes, ls->n_edges, s->units ? s->units->n : 0};
	h = layout_hash_ints(h, head, sizeof head / sizeof head[0]);
	for (int i = 0; i < s->n_nodes; i++) {
		const struct node *nd = &s->nodes[i];
		h = layout_hash(layout_hash(h, nd->name), nd->label);
		int shape[] = {nd->kind, nd->op_begin, nd->op_end, nd->in_first, nd->n_in, nd->feeds_cost};
		h = layout_hash_ints(h, shape, sizeof shape / sizeof shape[0]);
	}
	return (unsigned long)h;
}

int layout_made_for(const struct graph_layout *g, const struct scene *ls)
{
	return g && g->scene == ls && g->serial == ls->serial;
}

const struct graph_layout *layout_get(struct render *r, const struct figure *fig,
                                      const struct draw_opts *o, int variant, int bands)
{
	const struct scene *s = fig->scene;
	struct graph_layout **cached = &r->layout[variant];
	const struct unit_view *units = layout_units(fig, o); /* the units layer, or NULL */
	const struct scene *ls = units ? &units->g : s; /* the graph laid out */
	unsigned long input = layout_input_key(fig, variant, o->leaves_left != 0) ^
	                      ((unsigned long)(o->steady != 0) << 2); /* steady: other widths */
	if (layout_made_for(*cached, ls) && (*cached)->input_key == input)
		return layout_rewrap(r, variant, bands); /* the same numbers: the same texts */
	unsigned long opts = (unsigned long)(o->leaves_left != 0) ^ ((unsigned long)(o->steady != 0) << 1);
	unsigned long words = layout_words_key(fig, ls, variant, o->leaves_left != 0, o->steady != 0);
	if (layout_made_for(*cached, ls) && (*cached)->words_key == words) {
		struct graph_layout *c = *cached; /* only numbers changed: write them in place */
		struct mean_box was = c->mean;
		layout_numbers(r, fig, c);
		c->input_key = input;
		unsigned long key = layout_key(s, c) ^ opts;
		if (key == c->key) /* other numbers, written the same: nothing moves */
			c->mean = was;
		else if ((layout_shape_key(s, c) ^ opts) == c->shape_key) {
			c->key = key; /* widths and places */
			layout_resize(r, c);
		} else {
			c->input_key = c->key = c->words_key = 0; /* not the layout they are: again */
		}
		if (c->words_key)
			return layout_rewrap(r, variant, bands);
	}
	struct graph_layout *g = calloc(1, sizeof *g);
	if (!g)
		return *cached;
	g->units = units;
	g->scene_units = s->units;
	g->scene = ls;
	g->serial = ls->serial;
	g->variant = variant;
	g->stacked = variant == LAYOUT_STACKED;
	g->local_em = g->stacked ? M.local_stacked : M.local;
	g->narrow = variant == LAYOUT_NARROW || g->stacked;
	g->bare = variant == LAYOUT_BARE || variant == LAYOUT_NARROW;
	/* a small graph laid out bare (presenting) is the narrowest it can be: compact too */
	g->compact = variant == LAYOUT_COMPACT || g->stacked || (g->bare && s->n_nodes < LAYOUT_CROWDED);
	g->steady = o->steady != 0;
	g->leaves_left = o->leaves_left != 0;
	g->text = calloc((size_t)s->n_nodes + 1, sizeof *g->text);
	g->unit_text = calloc(units ? (size_t)s->units->n + 1 : 1, sizeof *g->unit_text);
	g->local = calloc((size_t)ls->n_edges + 1, sizeof *g->local);
	g->local_cut = calloc((size_t)ls->n_edges + 1, sizeof *g->local_cut);
	g->local_cut2 = calloc((size_t)ls->n_edges + 1, sizeof *g->local_cut2);
	g->edge_first = calloc((size_t)ls->n_edges + 1, sizeof(int));
	g->edge_n = calloc((size_t)ls->n_edges + 1, sizeof(int));
	g->edge_label = calloc((size_t)ls->n_edges + 1, sizeof(int));
	g->port_in = calloc((size_t)ls->n_edges + 1, sizeof(double));
	g->port_out = calloc((size_t)ls->n_edges + 1, sizeof(double));
	if (!g->text || !g->unit_text || !g->local || !g->local_cut || !g->local_cut2 || !g->edge_first || !g->edge_n ||
	    !g->edge_label || !g->port_in || !g->port_out) {
		layout_free(g);
		return *cached;
	}
	layout_texts(r, fig, g, g->compact);
	g->input_key = input;
	g->words_key = words;
	g->key = layout_key(s, g) ^ opts;
	g->shape_key = layout_shape_key(s, g) ^ opts;
	if (layout_made_for(*cached, ls) && (*cached)->key == g->key) {
		(*cached)->input_key = input; /* other numbers, written the same */
		(*cached)->words_key = words;
		layout_free(g);
	} else if (layout_made_for(*cached, ls) && (*cached)->shape_key == g->shape_key) {
		layout_refit(r, *cached, g); /* only numbers changed: widths and places */
		layout_free(g);
	} else {
		g = layout_build(r, ls, g, o->leaves_left);
		if (!g)
			return *cached;
		layout_free(*cached);
		*cached = g;
	}
	return layout_rewrap(r, variant, bands);
}

int layout_extent(struct render *r, int variant, int bands, double *w, double *h)
{
	struct graph_layout *g = r->layout[variant];
	*w = *h = 0;
	if (!g || bands < 1 || bands > LAYOUT_MAX_BANDS)
		return 0;
	int most = layout_most_bands(g);
	if (bands > 1 && bands > most) /* wraps into fewer rows: as many as it can have */
		return layout_extent(r, variant, most > 1 ? most : 1, w, h);
	struct layout_fit *f = &g->fits[bands - 1];
	if (!f->bands) {
		layout_rewrap(r, variant, bands);
		*f = (struct layout_fit){g->bands, g->width, g->height};
	}
	*w = f->w;
	*h = f->h;
	return f->bands;
}

const struct graph_layout *layout_rewrap(struct render *r, int variant, int bands)
{
	struct graph_layout *g = r->layout[variant];
	if (g && g->bands_asked != bands)
		layout_wrap(r, g->scene, g, bands);
	return g;
}
