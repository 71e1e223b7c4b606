/* scene.h - a parsed .nudge scene: its nodes (one per input, param, data column and
 * computed line), the edges between them, the data set and the defaults.
 * A scene is immutable once parsed; current values and results live in struct eval. */
#ifndef NUDGE_SCENE_H
#define NUDGE_SCENE_H

#include <stddef.h>
#include "error.h"

enum node_kind { NODE_INPUT, NODE_PARAM, NODE_DATA, NODE_COMPUTED };

struct node {
	char *name;          /* identifier from the file */
	char *label;         /* text to show; the name when no `label` was given. Drawn in
	                        the lecture's notation (nudge/notation.h: w[1]_11) */
	char *plain;         /* the label's plain form for text (w[1]₁₁): terminals, the
	                        window's status line, JSON's trace */
	enum node_kind kind; /* input, param, data column or computed */
	double init;         /* value from the file (inputs, params; first row for data) */
	double lo, hi;       /* slider range; picked to contain init when not written */
	int has_range;       /* 1 when the file wrote `in [LO, HI]` */
	int line;            /* source line of the definition */
	int op_begin, op_end;/* computed: its ops in the scene's tape, root at op_end-1 */
	int in_first, n_in;  /* incoming edges: scene.edges[in_first .. in_first+n_in) */
	int out_first, n_out;/* outgoing edges: scene.out[out_first .. +n_out) are edge indices */
	int data_col;        /* data: column in scene.data; else -1 */
	int feeds_cost;      /* 1 if the cost depends on this node (or it is the cost) */
	int layer;           /* 0 for leaves, else 1 + the largest layer of its inputs */
	int per_row;         /* 1 if its value differs between data rows: a data column, or
	                        computed from one (one row's number, not the mean) */
};

/* An edge from a node an expression uses to the node it computes. */
struct edge {
	int from, to; /* node indices; from < to always (file order is topological) */
};

struct op; /* one step of an expression tape; private to core */
struct unit_set; /* neuron units, nudge/unit.h */

struct scene {
	char *path;            /* file it came from ("<string>" when parsed from memory) */
	char *title;           /* `title`, or NULL */
	char **notes;          /* `note` lines, in order */
	int n_notes;
	struct node *nodes;    /* every node, in file order (a topological order) */
	int n_nodes;
	struct edge *edges;    /* grouped by .to, in order of first use within each expression */
	int n_edges;
	int *out;              /* edge indices grouped by .from (see node.out_first) */
	struct op *ops;        /* expression tape of every computed node, concatenated */
	int n_ops;
	int cost;              /* node index of the cost */
	int plot;              /* node index of the plotted input/param, or -1 if none */
	int plot2;             /* `plot A, B`: the second one, for the map of J over both; else -1 */
	double eps;            /* initial nudge epsilon */
	double rate;           /* initial learning rate */
	int n_cols, n_rows;    /* data set: columns and rows (0, 0 without one) */
	double *data;          /* n_rows * n_cols values, row-major */
	int n_layers;          /* 1 + the largest node.layer */
	struct unit_set *units; /* its neuron units (unit.h): the `unit` statements', else
	                          those detected; NULL only in a unit view's own graph */
	unsigned long serial;  /* no other scene of this process has it (a unit view's graph
	                          has its own): caches key on it, not on the address, which
	                          a scene loaded after this one is freed may reuse */
};

/* Parses src (len bytes, need not be NUL-terminated). path is used for messages only.
 * Returns a scene the caller frees with scene_free, or NULL with *err filled. */
struct scene *scene_parse(const char *src, size_t len, const char *path, struct nudge_error *err);

/* Reads and parses a file. NULL with *err filled (ERR_IO if it cannot be read). */
struct scene *scene_load(const char *path, struct nudge_error *err);

void scene_free(struct scene *s);

/* Index of the node named name, or -1. */
int scene_find(const struct scene *s, const char *name);

/* Number of nodes of the given kind. */
int scene_count(const struct scene *s, enum node_kind kind);

/* Writes the node's expression as the lecture would (labels, '·' for times, '²',
 * U+2212 minus): "w·x", "d²/2". With values non-NULL, every name is replaced by its
 * value (negative ones in parentheses) and '·' by '×': "2 × (−2)".
 * Returns the length it wanted, like snprintf; "" for a leaf. */
int scene_expr_text(const struct scene *s, int node, const double *values, char *buf, size_t n);

/* Writes a symbolic local derivative ∂to/∂from of the edge ("x" for c = w·x,
 * "1" for a = c + b, "d" for J = d²/2) when it is short and simple; otherwise
 * writes "" and returns 0. Returns the length it wanted. */
int scene_local_text(const struct scene *s, int edge, char *buf, size_t n);

#endif
