/* forward_mode.c - forward-mode derivatives: d node / d one chosen input or param for
 * every node, pushed from the leaves towards the cost along the edges' local
 * derivatives (colah's "forward-mode differentiation"). Uses the locals eval_run left
 * for the shown row; the reverse mode (dJ/d every node) is eval.c's backward pass. */
#include "core-private.h"
#include "nudge/eval.h"

int eval_forward_mode(const struct eval *ev, int input, double *out)
{
	const struct scene *s = ev->scene;
	if (input < 0 || input >= s->n_nodes ||
	    (s->nodes[input].kind != NODE_INPUT && s->nodes[input].kind != NODE_PARAM))
		return -1;
	for (int v = 0; v < s->n_nodes; v++) { /* file order is topological */
		const struct node *nd = &s->nodes[v];
		out[v] = v == input;
		for (int k = 0; k < nd->n_in; k++) {
			int e = nd->in_first + k;
			double d = out[s->edges[e].from];
			if (d != 0) /* 0 · inf stays 0: a node that does not depend on the input */
				out[v] += ev->local[e] * d;
		}
	}
	return 0;
}
