/* trace.h - the step trace the figures and the window animate: step 0 shows the
 * leaves, then one step per computed node forward, then one per node backward
 * (starting with dJ/dJ = 1), each with its equation written out with numbers.
 * Built from a struct eval that has been run; rebuild it when values change. */
#ifndef NUDGE_TRACE_H
#define NUDGE_TRACE_H

#include "eval.h"

enum step_kind { STEP_LEAVES, STEP_FORWARD, STEP_BACKWARD };

struct step {
	enum step_kind kind; /* what this step does */
	int node;            /* the node it computes (value or gradient); -1 for step 0 */
	char *text;          /* "c = w·x = 2 × (−2) = −4", "dJ/dw = dJ/dc · ∂c/∂w = 2 × (−2) = −4" */
};

struct trace {
	struct step *steps;  /* n_steps steps, in order */
	int n_steps;
	int *value_step;     /* n_nodes: first step at which the node's value is shown (0 for leaves) */
	int *grad_step;      /* n_nodes: first step at which its gradient is shown, or -1 (never) */
	int first_backward;  /* index of the first backward step (dJ/dJ = 1) */
};

/* Builds the trace of ev's current values. Returns NULL when out of memory.
 * The caller frees it with trace_free. */
struct trace *trace_build(const struct eval *ev);
void trace_free(struct trace *t);

/* Is node's value / gradient already known at step k? */
int trace_value_known(const struct trace *t, int k, int node);
int trace_grad_known(const struct trace *t, int k, int node);

/* Is the edge's local derivative shown at step k (the backward pass has reached
 * the node the edge points to)? */
int trace_local_known(const struct trace *t, const struct scene *s, int k, int edge);

/* Does step k work along this edge (forward: edges into the node; backward: edges
 * out of the node)? Used to highlight the current step's edges. */
int trace_step_uses_edge(const struct trace *t, const struct scene *s, int k, int edge);

#endif
