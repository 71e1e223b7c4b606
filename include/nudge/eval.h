/* eval.h - forward and reverse-mode backward passes over a scene.
 * State in (the value of every input and param, the shown data row), values and
 * gradients out. One struct eval per view of a scene; the scene must outlive it. */
#ifndef NUDGE_EVAL_H
#define NUDGE_EVAL_H

#include "scene.h"

struct eval {
	const struct scene *scene; /* not owned */
	double *set;       /* n_nodes: current value of each input and param (sliders); others unused */
	int row;           /* the data row the graph shows (0 without a data set) */

	/* Results of eval_run for the shown row: */
	double *value;     /* n_nodes: forward value of every node */
	double *grad;      /* n_nodes: dJ/dnode (0 for nodes the cost does not use) */
	double *local;     /* n_edges: local derivative ∂to/∂from of every edge */

	/* Results over the whole data set (the same as the shown row without one): */
	double cost;       /* J: the cost, the mean over rows with a data set */
	double *mean_grad; /* n_nodes: dJ/dnode averaged over rows */

	/* Each row's numbers (one row, the same as the above, without a data set): */
	int n_leaf;        /* inputs and params (not data columns: they have a value per row) */
	int *leaf;         /* n_leaf: their node indices, in file order */
	double *row_cost;  /* max(n_rows, 1): the cost node's value at each row, L⁽ⁱ⁾ */
	double *row_grad;  /* max(n_rows, 1) × n_leaf: dL⁽ⁱ⁾/d leaf[j] at [i * n_leaf + j] */

	long long visits;  /* node evaluations (forward) plus node visits (backward) so far */
	long long runs;    /* eval_run calls so far (each a forward and a backward pass) */
	int stale;         /* 1: set or row changed since the last eval_run, so results are old */

	double *opv;       /* scratch: value of every op (n_ops) */
	double *opg;       /* scratch: adjoint of every op (n_ops) */
	double *rowv;      /* scratch: node values for a cost-only pass (n_nodes) */
};

/* A new evaluation with every input and param at its value from the file, already
 * run once. Returns NULL when out of memory. Free with eval_free. */
struct eval *eval_new(const struct scene *s);
void eval_free(struct eval *ev);

/* Forward then backward over every row: fills value, grad, local, cost, mean_grad. */
void eval_run(struct eval *ev);

/* One row's forward and backward pass into caller arrays of n_nodes (values, and
 * dL⁽row⁾/dnode), with ev->set; ev's results stay as they are. -1 if row is out of range. */
int eval_row(struct eval *ev, int row, double *value, double *grad);

/* The cost (mean over rows) with node `node` set to v and everything else as in
 * ev->set; a forward pass only. Leaves value/grad/local untouched. node may be -1. */
double eval_cost_at(struct eval *ev, int node, double v);

/* Sets an input or param; returns -1 (and changes nothing) for any other node. */
int eval_set(struct eval *ev, int node, double v);

/* Puts every input and param back to its value from the file. */
void eval_reset(struct eval *ev);

/* Selects the shown data row; returns -1 when out of range. */
int eval_set_row(struct eval *ev, int row);

/* Forward mode: out[v] = d node v / d input for every node (n_nodes values) at the shown
 * row, from the local derivatives of the last eval_run. input must be an input or
 * param; returns -1 (out untouched) otherwise. */
int eval_forward_mode(const struct eval *ev, int input, double *out);

#endif
