/* order.c - the order of the items in each column of the layered layout, chosen to
 * cross few edges (as graphviz dot does): sweeps that sort each column by the weighted
 * median of its neighbours' places, then neighbours swapped while that removes
 * crossings, from several starting orders, sweeping every column or only the node
 * columns (a label column between them then sorted as its ends allow), then both again
 * from the best order found; the order with the fewest crossings wins. Crossings are counted between adjacent columns (a Fenwick
 * tree, m log n). Places nothing: layout.c puts the ordered columns in rows and columns. */
#include <stdlib.h>
#include <string.h>
#include "render-private.h"

#define ORDER_ITER 24  /* sweeps from each start (dot's MaxIter) */
#define ORDER_STALL 6  /* sweeps without a better order before a start gives up */
#define ORDER_SWAPS 4  /* passes of neighbour swaps after a sweep */
#define ORDER_SWAPS_ALL 64 /* ... in the node-column sweeps (dot's: until none helps) */

static struct {            /* what order_cmp sorts by (qsort takes no context) */
	const double *key;     /* per item: first key */
	const struct layout_item *items; /* ties: their place in the column now */
	int flip;              /* 1: ties in the reverse of their place (dot's "reverse") */
} order_sort;

static int order_cmp(const void *a, const void *b)
{
	int ia = *(const int *)a, ib = *(const int *)b;
	const double *key = order_sort.key;
	if (key[ia] != key[ib])
		return key[ia] < key[ib] ? -1 : 1;
	int oa = order_sort.items[ia].order, ob = order_sort.items[ib].order;
	if (order_sort.flip)
		return oa > ob ? -1 : oa < ob;
	return oa < ob ? -1 : oa > ob;
}

static void order_renumber(struct graph_layout *g, struct layout_work *w, int c)
{
	for (int k = 0; k < w->col_n[c]; k++)
		g->items[w->cols[w->col_start[c] + k]].order = k;
}

/* Crossings between columns c and c + 1: the links sorted by their end in c, then the
 * inversions of their ends in c + 1, counted with a Fenwick tree over c + 1's places.
 * la and tree are scratch of the links' and column's size. */
static long order_between(const struct graph_layout *g, const struct scene *s,
                          const struct layout_work *w, int c, int *la, int *tree)
{
	int nb[LAYOUT_MAX_NB], m = 0, size = w->col_n[c + 1];
	for (int k = 0; k < w->col_n[c]; k++) { /* in c's order: ends in c come sorted */
		int i = w->cols[w->col_start[c] + k];
		int n = layout_neighbours(g, s, i, 1, nb, LAYOUT_MAX_NB);
		int first = m;
		for (int j = 0; j < n; j++) { /* this item's links by their other end */
			int o = g->items[nb[j]].order, at = m++;
			while (at > first && la[at - 1] > o) {
				la[at] = la[at - 1];
				at--;
			}
			la[at] = o;
		}
	}
	memset(tree, 0, sizeof *tree * (size_t)(size + 1));
	long x = 0;
	for (int a = 0; a < m; a++) { /* links seen before a that end below la[a] */
		int seen = 0;
		for (int p = size; p > 0; p -= p & -p)
			seen += tree[p];
		int upto = 0;
		for (int p = la[a] + 1; p > 0; p -= p & -p)
			upto += tree[p];
		x += seen - upto;
		for (int p = la[a] + 1; p <= size; p += p & -p)
			tree[p]++;
	}
	return x;
}

/* Crossings of the whole layout in its current order. */
static long order_crossings(const struct graph_layout *g, const struct scene *s,
                            const struct layout_work *w)
{
	long total = 0;
	int most = 0, links = 0;
	for (int c = 0; c < g->n_cols; c++)
		most = w->col_n[c] > most ? w->col_n[c] : most;
	for (int i = 0; i < g->n_items; i++) {
		int nb[LAYOUT_MAX_NB];
		links += layout_neighbours(g, s, i, 1, nb, LAYOUT_MAX_NB);
	}
	int *la = malloc(sizeof *la * (size_t)(links + most + 2));
	if (!la)
		return 0;
	for (int c = 0; c + 1 < g->n_cols; c++)
		total += order_between(g, s, w, c, la, la + links + 1);
	free(la);
	return total;
}

/* Links between item a and its neighbours on side dir that cross links of item b and
 * its own, with a just above b in their column. */
static long order_pair(const struct graph_layout *g, const struct scene *s, int a, int b, int dir)
{
	int na[LAYOUT_MAX_NB], nb[LAYOUT_MAX_NB];
	int ma = layout_neighbours(g, s, a, dir, na, LAYOUT_MAX_NB);
	int mb = layout_neighbours(g, s, b, dir, nb, LAYOUT_MAX_NB);
	long x = 0;
	for (int i = 0; i < ma; i++)
		for (int j = 0; j < mb; j++)
			x += g->items[na[i]].order > g->items[nb[j]].order;
	return x;
}

/* Swaps neighbours in a column while that removes crossings on both sides (at most
 * `passes` passes over the columns); with ties, swaps them too when asked (dot's
 * "reverse" passes, which let equal orders move). */
static void order_transpose(struct graph_layout *g, const struct scene *s, struct layout_work *w,
                            int ties, int passes)
{
	for (int pass = 0, changed = 1; pass < passes && changed; pass++) {
		changed = 0;
		for (int c = 0; c < g->n_cols; c++) {
			int *col = w->cols + w->col_start[c];
			for (int k = 0; k + 1 < w->col_n[c]; k++) {
				int a = col[k], b = col[k + 1];
				long now = order_pair(g, s, a, b, -1) + order_pair(g, s, a, b, 1);
				long swapped = order_pair(g, s, b, a, -1) + order_pair(g, s, b, a, 1);
				if (swapped < now || (ties && swapped == now && now > 0)) {
					col[k] = b;
					col[k + 1] = a;
					g->items[a].order = k + 1;
					g->items[b].order = k;
					changed |= swapped < now;
				}
			}
		}
	}
}

/* The weighted median of an item's neighbours' places on side dir (dot's wmedian):
 * the middle one, or between the two middle ones leaning to the side where the places
 * are closer together; -1 with no neighbours (the item keeps its place). With far, the
 * places of the neighbours' own neighbours on that side: an item of a node column
 * follows the node column beyond the label column (each label has one neighbour a
 * side), as dot's nodes follow the rank before, however many edges leave a node there. */
static double order_median(const struct graph_layout *g, const struct scene *s, int i, int dir,
                           int far)
{
	int nb[LAYOUT_MAX_NB];
	int n = layout_neighbours(g, s, i, dir, nb, LAYOUT_MAX_NB);
	int p[LAYOUT_MAX_NB];
	for (int j = 0; j < n; j++) { /* insertion sort of the places */
		int q = nb[j];
		if (far)
			layout_neighbours(g, s, nb[j], dir, &q, 1);
		int o = g->items[q].order, at = j;
		while (at > 0 && p[at - 1] > o) {
			p[at] = p[at - 1];
			at--;
		}
		p[at] = o;
	}
	if (n == 0)
		return -1;
	if (n % 2)
		return p[n / 2];
	if (n == 2)
		return (p[0] + p[1]) / 2.0;
	double left = p[n / 2 - 1] - p[0], right = p[n - 1] - p[n / 2];
	if (left + right <= 0)
		return (p[n / 2 - 1] + p[n / 2]) / 2.0;
	return (p[n / 2 - 1] * right + p[n / 2] * left) / (left + right);
}

/* Sorts column c by its items' medians towards dir (far: see order_median); an item
 * without neighbours there keeps its place (the others flow round it). Equal medians
 * keep their order, or take its reverse with flip. */
static void order_column(struct graph_layout *g, const struct scene *s, struct layout_work *w,
                         int c, int dir, int far, int flip)
{
	int *col = w->cols + w->col_start[c], n = w->col_n[c], free_n = 0;
	int *movable = w->best + g->n_items; /* scratch after the best order */
	for (int k = 0; k < n; k++) {
		int i = col[k];
		w->key[i] = order_median(g, s, i, dir, far);
		if (w->key[i] >= 0)
			movable[free_n++] = i;
	}
	order_sort.key = w->key;
	order_sort.items = g->items;
	order_sort.flip = flip;
	qsort(movable, (size_t)free_n, sizeof *movable, order_cmp);
	order_sort.flip = 0;
	for (int k = 0, f = 0; k < n; k++)
		if (w->key[col[k]] >= 0)
			col[k] = movable[f++];
	order_renumber(g, w, c);
}

/* Sorts label column c (each of its items has one neighbour a side) by the place of
 * the neighbour on the left, then on the right: no more crossings than the node columns
 * either side force. */
static void order_lane(struct graph_layout *g, const struct scene *s, struct layout_work *w, int c)
{
	int *col = w->cols + w->col_start[c], n = w->col_n[c];
	double right = c + 1 < g->n_cols ? w->col_n[c + 1] + 1.0 : 1.0;
	for (int k = 0; k < n; k++) {
		int l, r;
		layout_neighbours(g, s, col[k], -1, &l, 1);
		layout_neighbours(g, s, col[k], 1, &r, 1);
		w->key[col[k]] = g->items[l].order + g->items[r].order / right;
	}
	order_sort.key = w->key;
	order_sort.items = g->items;
	qsort(col, (size_t)n, sizeof *col, order_cmp);
	order_renumber(g, w, c);
}

/* One sweep down (towards the right) or up: every column sorted by its medians on the
 * side swept from, or (nodes) only the node columns, by the node column beyond, each
 * label column passed then sorted by its ends; then, as dot does, ties flip on the first
 * two of every four sweeps. */
static void order_sweep(struct graph_layout *g, const struct scene *s, struct layout_work *w,
                        int iter, int nodes)
{
	int down = iter % 2 == 0, flip = nodes && iter % 4 < 2;
	for (int step = nodes ? 2 : 1; step < g->n_cols; step += nodes ? 2 : 1) {
		int c = down ? step : g->n_cols - 1 - step;
		order_column(g, s, w, c, down ? -1 : 1, nodes, flip);
		if (nodes)
			order_lane(g, s, w, down ? c - 1 : c + 1);
	}
}

/* Sweeps from one start (nodes: see order_sweep), keeping the best order found in
 * w->best (*best its crossings). */
static void order_from(struct graph_layout *g, const struct scene *s, struct layout_work *w,
                       int nodes, long *best)
{
	long here = order_crossings(g, s, w);
	if (here < *best) {
		*best = here;
		memcpy(w->best, w->cols, sizeof *w->cols * (size_t)g->n_items);
	}
	for (int iter = 0, stall = 0; iter < ORDER_ITER && *best > 0 && stall < ORDER_STALL; iter++) {
		order_sweep(g, s, w, iter, nodes);
		order_transpose(g, s, w, iter % 4 >= 2, nodes ? ORDER_SWAPS_ALL : ORDER_SWAPS);
		long x = order_crossings(g, s, w);
		stall++;
		if (x < here) {
			here = x;
			stall = 0;
		}
		if (x < *best) {
			*best = x;
			memcpy(w->best, w->cols, sizeof *w->cols * (size_t)g->n_items);
		}
	}
}

/* Each column's start order: by first reach in a depth-first walk from the sources
 * (forwards) or from the cost (backwards), as dot starts from its walks. */
static void order_walk(struct graph_layout *g, const struct scene *s, struct layout_work *w,
                       int back)
{
	int *seen = w->best + g->n_items, *stack = seen + g->n_items, top = 0, next = 0;
	double *rank = w->key;
	for (int i = 0; i < g->n_items; i++) {
		seen[i] = 0;
		rank[i] = 1e18 + i;
	}
	int nb[LAYOUT_MAX_NB];
	for (int root = 0; root < g->n_items; root++) {
		int start = back ? g->n_items - 1 - root : root;
		if (seen[start] || g->items[start].node < 0)
			continue;
		seen[start] = 1;
		stack[top++] = start;
		while (top > 0) {
			int i = stack[--top];
			rank[i] = next++;
			int n = layout_neighbours(g, s, i, back ? -1 : 1, nb, LAYOUT_MAX_NB);
			for (int j = n - 1; j >= 0; j--)
				if (!seen[nb[j]]) {
					seen[nb[j]] = 1;
					stack[top++] = nb[j];
				}
		}
	}
	order_sort.key = rank;
	order_sort.items = g->items;
	for (int c = 0; c < g->n_cols; c++) {
		qsort(w->cols + w->col_start[c], (size_t)w->col_n[c], sizeof(int), order_cmp);
		order_renumber(g, w, c);
	}
}

void order_columns(struct graph_layout *g, const struct scene *s, struct layout_work *w)
{
	int n = g->n_items;
	int *start = malloc(sizeof *start * (size_t)(n + 1));
	if (!start)
		return;
	memcpy(start, w->cols, sizeof *start * (size_t)n);
	long best = order_crossings(g, s, w);
	memcpy(w->best, w->cols, sizeof *w->cols * (size_t)n);
	for (int from = 0; from < 6 && best > 0; from++) {
		memcpy(w->cols, start, sizeof *start * (size_t)n);
		for (int c = 0; c < g->n_cols; c++)
			order_renumber(g, w, c);
		if (from % 3 > 0) /* 0: the scene's order; 1, 2: walks forwards and backwards */
			order_walk(g, s, w, from % 3 == 2);
		order_from(g, s, w, from >= 3, &best); /* every column, then node columns */
	}
	for (int nodes = 0; nodes < 2 && best > 0; nodes++) { /* again from the best, as dot's
	                                                         last pass starts */
		memcpy(w->cols, w->best, sizeof *w->cols * (size_t)n);
		for (int c = 0; c < g->n_cols; c++)
			order_renumber(g, w, c);
		order_from(g, s, w, nodes, &best);
	}
	free(start);
	memcpy(w->cols, w->best, sizeof *w->cols * (size_t)n);
	for (int c = 0; c < g->n_cols; c++)
		order_renumber(g, w, c);
}
