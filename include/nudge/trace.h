/* trace.h - the step trace the figures and the window animate: step 0 shows the
 * leaves, then one step per computed node forward, then one per node backward
 * (starting with dJ/dJ = 1), each with its equation written out with numbers. With a
 * data set those are one row's (J⁽⁰⁾, dJ⁽⁰⁾/dw), and mean steps follow: the cost and
 * each input's and param's gradient summed over the rows and divided by their number.
 * Built from a struct eval that has been run (it keeps a copy of the numbers, so the
 * eval may change afterwards); rebuild it when values change. A step's text is written
 * when first asked for (trace_text): a figure shows one step at a time. */
#ifndef NUDGE_TRACE_H
#define NUDGE_TRACE_H

#include "eval.h"

enum step_kind { STEP_LEAVES, STEP_FORWARD, STEP_BACKWARD, STEP_MEAN };

struct step {
	enum step_kind kind; /* what this step does */
	int node;            /* the node it computes (value or gradient); -1 for step 0;
	                        STEP_MEAN: the cost (J, the mean) or the input/param (dJ/dw) */
};

struct trace {
	struct step *steps;  /* n_steps steps, in order */
	int n_steps;
	int *value_step;     /* n_nodes: first step at which the node's value is shown (0 for leaves) */
	int *grad_step;      /* n_nodes: first step at which its gradient is shown, or -1 (never) */
	int first_backward;  /* index of the first backward step (dJ/dJ = 1) */
	int first_mean;      /* index of the first mean step; n_steps without a data set */
	int *mean_step;      /* n_nodes: the step at which the mean over rows of its value (the
	                        cost) or gradient (inputs, params) is shown, or -1 (never) */
	char **text;         /* n_steps: each step's text once trace_text wrote it, else NULL */
	struct eval nums;    /* the numbers the texts are written from: a copy of the eval's
	                        results when built (scene, row, value, grad, local, cost,
	                        mean_grad, leaf, row_cost, row_grad; no set, no scratch) */
	void *nums_block;    /* owned: the memory of those copies */
	unsigned long serial; /* no other trace of this process has it: what drawing caches key
	                        on, as the next trace built may take a freed one's address */
};

/* Builds the trace of ev's current values. Returns NULL when out of memory.
 * The caller frees it with trace_free. */
struct trace *trace_build(const struct eval *ev);
void trace_free(struct trace *t);

/* Step k's equation with the numbers of the build: "c = w·x = 2 × (−2) = −4",
 * "dJ/dw = dJ/dc · ∂c/∂w = 2 × (−2) = −4", "J = (1.125 + 4.5 + 10.125) / 3 = 5.25".
 * Written when first asked for and kept until trace_free; NULL when k is out of range
 * or memory ran out. */
const char *trace_text(const struct trace *t, int k);

/* Is node's value / gradient already known at step k? */
int trace_value_known(const struct trace *t, int k, int node);
int trace_grad_known(const struct trace *t, int k, int node);

/* Is the mean over rows of node's value (the cost) or gradient (an input or param)
 * shown at step k? Without a data set: never (there is one row, shown as it is). */
int trace_mean_known(const struct trace *t, int k, int node);

/* The name the trace gives node's value at the shown row: its label, with the row as
 * a superscript ("ŷ⁽⁰⁾") for a node whose value is one row's (node.per_row, and the
 * cost) in a scene with a data set. Returns the length it wanted, like snprintf. */
int trace_row_name(const struct eval *ev, int node, char *buf, size_t n);

/* Is the edge's local derivative shown at step k (the backward pass has reached
 * the node the edge points to)? */
int trace_local_known(const struct trace *t, const struct scene *s, int k, int edge);

/* Does step k work along this edge (forward: edges into the node; backward: edges
 * out of the node)? Used to highlight the current step's edges. */
int trace_step_uses_edge(const struct trace *t, const struct scene *s, int k, int edge);

#endif
