/* rows.c - the per-row table of a data scene: which columns it has (the data, the
 * prediction, the cost, the gradients of inputs and params) and each row's numbers,
 * read from the per-row results of eval_run. It computes no new math beyond running a
 * row again for its prediction; the means are eval's. */
#include <math.h>
#include <stdlib.h>

#include "nudge/rows.h"

unsigned long long *rows_deps(const struct scene *s)
{
	unsigned long long *dep = calloc((size_t)s->n_nodes + 1, sizeof *dep);
	if (!dep)
		return NULL;
	for (int k = 0; k < s->n_nodes; k++) { /* file order is topological */
		const struct node *nd = &s->nodes[k];
		if (nd->kind == NODE_DATA && nd->data_col < 64)
			dep[k] = 1ULL << nd->data_col;
		for (int i = 0; i < nd->n_in; i++)
			dep[k] |= dep[s->edges[nd->in_first + i].from];
	}
	return dep;
}

/* How many bits of m are set. */
static int bit_count(unsigned long long m)
{
	int n = 0;
	for (; m; m &= m - 1)
		n++;
	return n;
}

int rows_model(const struct scene *s, const unsigned long long *dep, int *n_cols)
{
	int model = -1, cols = 0;
	for (int k = 0; k < s->cost; k++) {
		const struct node *nd = &s->nodes[k];
		if (nd->kind == NODE_COMPUTED && nd->feeds_cost && dep[k] && dep[k] != dep[s->cost]) {
			model = k;
			cols = bit_count(dep[k]);
		}
	}
	if (n_cols)
		*n_cols = cols;
	return model;
}

int rows_prediction(const struct scene *s)
{
	if (s->n_rows == 0 || s->n_cols > 64)
		return -1;
	unsigned long long *dep = rows_deps(s);
	if (!dep)
		return -1;
	int pred = rows_model(s, dep, NULL);
	free(dep);
	return pred;
}

int rows_columns(const struct scene *s, struct rows_column *cols)
{
	int n = 0;
	if (s->n_rows == 0)
		return 0;
	for (int k = 0; k < s->n_nodes; k++)
		if (s->nodes[k].kind == NODE_DATA)
			cols[n++] = (struct rows_column){ ROWS_DATA, k };
	int pred = rows_prediction(s);
	if (pred >= 0)
		cols[n++] = (struct rows_column){ ROWS_PREDICTION, pred };
	cols[n++] = (struct rows_column){ ROWS_COST, s->cost };
	for (int k = 0; k < s->n_nodes; k++) {
		const struct node *nd = &s->nodes[k];
		if ((nd->kind == NODE_INPUT || nd->kind == NODE_PARAM) && nd->feeds_cost)
			cols[n++] = (struct rows_column){ ROWS_GRAD, k };
	}
	return n;
}

/* Index of node in ev->leaf, or -1. */
static int leaf_index(const struct eval *ev, int node)
{
	for (int j = 0; j < ev->n_leaf; j++)
		if (ev->leaf[j] == node)
			return j;
	return -1;
}

double rows_predict(struct eval *ev, int row, double *scratch)
{
	const struct scene *s = ev->scene;
	int k = rows_prediction(s);
	if (k < 0 || row < 0 || row >= s->n_rows || eval_row(ev, row, scratch, scratch + s->n_nodes) != 0)
		return NAN;
	return scratch[k];
}

void rows_values(const struct eval *ev, int row, const struct rows_column *cols, int n, double pred,
                 double *out)
{
	const struct scene *s = ev->scene;
	for (int i = 0; i < n; i++) {
		int k = cols[i].node;
		switch (cols[i].kind) {
		case ROWS_DATA:
			out[i] = row < 0 ? NAN : s->data[row * s->n_cols + s->nodes[k].data_col];
			break;
		case ROWS_PREDICTION:
			out[i] = row < 0 ? NAN : pred;
			break;
		case ROWS_COST:
			out[i] = row < 0 ? ev->cost : ev->row_cost[row];
			break;
		case ROWS_GRAD: {
			int j = leaf_index(ev, k);
			out[i] = row < 0 ? ev->mean_grad[k]
			                 : ev->row_grad[(size_t)row * (size_t)ev->n_leaf + (size_t)j];
			break;
		}
		}
	}
}
