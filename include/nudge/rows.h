/* rows.h - the per-row table of a scene with a data set: for each row its inputs (the
 * data columns), its prediction, its cost L⁽ⁱ⁾ and its gradient dL⁽ⁱ⁾/dw for every input
 * and param the cost uses; the means over rows (J, dJ/dw) are its last line. Shared by
 * `nudge eval` and the window's table panel; the numbers come from a run struct eval. */
#ifndef NUDGE_ROWS_H
#define NUDGE_ROWS_H

#include "eval.h"

enum rows_kind {
	ROWS_DATA,       /* a data column's value at the row */
	ROWS_PREDICTION, /* the prediction's value at the row (see rows_prediction) */
	ROWS_COST,       /* the cost node's value at the row, L⁽ⁱ⁾; the mean J on the last line */
	ROWS_GRAD,       /* dL⁽ⁱ⁾/d node for an input or param; the mean dJ/d node last */
};

struct rows_column {
	enum rows_kind kind; /* what the column holds */
	int node;            /* the node it is about */
};

/* The data columns each node of s uses, one bit per column (bit c for column c; columns
 * past the 64th are not counted): a calloc'd array of n_nodes + 1 masks, or NULL when out
 * of memory. The caller frees it. */
unsigned long long *rows_deps(const struct scene *s);

/* The one rule for "the model's output" of a data scene, shared by the per-row table,
 * the data panel and the classifier: the last computed node before the cost that the
 * cost uses and that uses some, but not every, data column the cost uses (ŷ = w·x, not
 * ŷ − y). dep is rows_deps(s); *n_cols (may be NULL) gets how many columns the model
 * uses. -1 when there is none. */
int rows_model(const struct scene *s, const unsigned long long *dep, int *n_cols);

/* The prediction of a data scene (rows_model). -1 when there is none, without a data set, or with more than 64 data columns. */
int rows_prediction(const struct scene *s);

/* Fills cols (room for n_nodes + 2 entries) with the table's columns, in order: the
 * data columns, the prediction, the cost, the gradients. Returns how many (0 without
 * a data set). */
int rows_columns(const struct scene *s, struct rows_column *cols);

/* Row `row`'s prediction (the value of rows_prediction's node), running that row again
 * (scratch holds 2 × n_nodes doubles); NAN without a prediction or a row. */
double rows_predict(struct eval *ev, int row, double *scratch);

/* Row `row`'s number in each of the n columns into out[n], from ev's last eval_run;
 * pred is the row's prediction (rows_predict), for a prediction column. row -1 gives
 * the mean line: the mean cost and gradients, NAN for data and prediction. */
void rows_values(const struct eval *ev, int row, const struct rows_column *cols, int n, double pred,
                 double *out);

#endif
