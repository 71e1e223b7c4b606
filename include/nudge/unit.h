/* unit.h - neuron units: a computed node a = g(z) whose z = Σ wᵢ·xᵢ + b is a sum of
 * products of a param (a weight) with another node, plus at most one param (the
 * bias), g one activation (tanh, sigmoid, relu); z written inside g(…) or as its own
 * node used only by a (a = z, a copy of it, is then a linear unit). The graph can
 * draw such a unit as one box (the lecture's network diagram). Found by the parser
 * (the scene's `unit` statements, else by detection) and kept in scene.units;
 * nothing here draws. */
#ifndef NUDGE_UNIT_H
#define NUDGE_UNIT_H

#include "scene.h"

struct eval;

enum unit_act { UNIT_LINEAR, UNIT_TANH, UNIT_SIGMOID, UNIT_RELU };

/* Why a node is not a unit (unit_match). */
enum unit_why {
	UNIT_OK = 0,
	UNIT_NOT_COMPUTED,  /* an input, param or data column */
	UNIT_IS_COST,       /* the cost is drawn as the cost */
	UNIT_NO_ACTIVATION, /* not g(…) of one of the activations (and linear not allowed) */
	UNIT_NOT_SUM,       /* z is not Σ w·x (+ b) with at least one product */
	UNIT_Z_SHARED,      /* z is its own node and something besides a uses it */
	UNIT_PARAM_SHARED,  /* a weight or the bias is used elsewhere too */
	UNIT_INPUT_TWICE,   /* a node is multiplied by two weights, or used again in z */
	UNIT_NO_MEMORY,
};

struct unit_weight {
	int param; /* the weight w, a param used only here */
	int input; /* the node x it multiplies */
	int edge;  /* the scene's edge x → the node holding z */
	int wedge; /* the scene's edge w → the node holding z */
};

struct unit {
	int a;                 /* the unit's output node a = g(z) */
	int z;                 /* the node holding z: its own node, or a when written in g(…) */
	enum unit_act act;     /* g; UNIT_LINEAR (a = z) when a `unit` statement says so, or
	                          when a is written as a copy of z's own node */
	int bias;              /* the bias param, or -1 */
	int bias_edge;         /* the scene's edge b → z's node, or -1 */
	int z_edge;            /* the scene's edge z → a when z is its own node, else -1 */
	int n_w;               /* weights, at least one */
	struct unit_weight *w; /* n_w, in the order the sum writes them */
};

/* The graph with each unit collapsed into one node: what the graph panel lays out when
 * it draws units. Its nodes are copies of the scene's (kind, layer recomputed, edges
 * of this graph); names and labels are borrowed from the scene. */
struct unit_view {
	struct scene g;  /* topology only: nodes, edges, out, cost, n_layers */
	int *node;       /* per node of g: the scene node it shows (a unit: its a) */
	int *unit;       /* per node of g: the unit it is, or -1 */
	int *edge;       /* per edge of g: the scene edge it shows (into a unit: x → z's node) */
	int *weight;     /* per edge of g: the weight param written on it, or -1 */
	int *of_node;    /* per scene node: its node of g, or -1 for a unit's other members */
};

struct unit_set {
	struct unit *units;    /* n units, in the order of their a nodes */
	int n;
	int *member;           /* per scene node: the unit it belongs to (a, z, weights, bias), or -1 */
	int stated;            /* 1: the scene's `unit` statements named them; 0: detected */
	int show;              /* 1: drawn as units unless asked otherwise (stated, or some
	                          unit sums two or more weighted inputs: a network's layer) */
	struct unit_view *view;/* the collapsed graph, or NULL when n is 0 */
};

/* Does node a have the shape of a unit? Fills *u (the caller frees u->w with free)
 * and returns UNIT_OK, or returns why not. linear: a plain sum Σ w·x + b counts too
 * (a = z, no activation), as a `unit` statement may say; a copy `a = z` of a sum on
 * its own line always does. */
enum unit_why unit_match(const struct scene *s, int a, int linear, struct unit *u);

/* The units of a parsed scene: the nodes named in `stated` (n_stated of them, each
 * already checked with unit_match(…, 1, …)) or, when n_stated is 0, every computed
 * node that matches with an activation. NULL when out of memory. */
struct unit_set *unit_set_new(const struct scene *s, const int *stated, int n_stated);
void unit_set_free(struct unit_set *us);

/* A short sentence saying why: "its sum is used by another node too". */
const char *unit_why_text(enum unit_why why);

/* z and dJ/dz of unit u at the shown row of ev (which has been run): z the node's
 * value when z is its own node, else Σ w·x + b; dJ/dz = dJ/da · g'(z). */
void unit_z(const struct eval *ev, const struct unit *u, double *z, double *dz);

/* g′(z) of unit u at the shown row of ev: 1 − a², a(1 − a), 1 or 0, 1 for a linear one. */
double unit_slope(const struct eval *ev, const struct unit *u);

/* The name of unit u's z at data row `row` (-1: none): its own node's label, else "z",
 * or "z[1]_2" for an activation written a[1]_2 (the lecture's notation); "z⁽⁰⁾" for
 * row 0. Returns the length it wanted, like snprintf. */
int unit_z_label(const struct scene *s, const struct unit *u, int row, char *buf, size_t n);

struct trace;
/* The sentence of step k of t inside a unit of us whose z is written inside g(…),
 * naming the part it works on: a's forward step "z = w₁₁·x1 + … + b₁ = … = −0.2, h₁ =
 * tanh(z) = −0.1974"; a's backward step the trace's sentence and ", dJ/dz = dJ/dh₁ ·
 * tanh′(z) = …"; a weight's "dJ/dw₁₁ = dJ/dz · x1 = …", the bias's "dJ/db₁ = dJ/dz ·
 * 1 = …". Written into buf (n bytes; a sentence too long is cut between its pieces);
 * returns its length, or 0 for any other step (the trace's sentence says it). */
int unit_step_text(const struct trace *t, const struct unit_set *us, int k, char *buf, size_t n);

#endif
