/* core-private.h - what only the core's files share: the expression tape, the lexer
 * interface, the parser's limits. Nothing here is visible to render, app or cli. */
#ifndef NUDGE_CORE_PRIVATE_H
#define NUDGE_CORE_PRIVATE_H

#include <stddef.h>
#include "nudge/scene.h"

/* Limits: beyond these a scene is refused with a clear error, never a crash. */
#define NUDGE_MAX_DEPTH 200       /* nesting of parentheses, unary minus, '^', calls */
#define NUDGE_MAX_NODES 2000000   /* nodes in one scene */
#define NUDGE_MAX_OPS   20000000  /* expression ops in one scene */
#define NUDGE_MAX_ROWS  1000000   /* rows in a data set */

enum op_kind {
	OP_NUM, OP_REF,                              /* leaves of an expression */
	OP_NEG,                                      /* unary minus */
	OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_POW,      /* binary */
	OP_EXP, OP_LOG, OP_SQRT, OP_ABS, OP_SIN,     /* the nine functions */
	OP_COS, OP_TANH, OP_SIGMOID, OP_RELU,
};

/* One step of a tape. Operands come earlier in the tape than the op itself, so a
 * forward loop evaluates and a reverse loop differentiates, with no recursion. */
struct op {
	unsigned char kind; /* enum op_kind */
	unsigned char var;  /* 1 if the op depends on some node (else it is a constant) */
	int a, b;           /* operand op indices (a for unary ops), -1 when unused */
	int ref;            /* OP_REF: the node; else -1 */
	int edge;           /* OP_REF: the edge this use belongs to; else -1 */
	double num;         /* OP_NUM: the number */
};

/* Function names, indexed from OP_EXP; NULL-terminated. */
extern const char *const core_func_names[];

/* Is this word a keyword or a function name (so not usable as a node name)? */
int core_is_reserved(const char *s, size_t len);

/* ---- lexer ---- */
enum tok_kind {
	TOK_EOF, TOK_NEWLINE, TOK_NAME, TOK_NUMBER, TOK_STRING,
	TOK_EQ, TOK_LPAREN, TOK_RPAREN, TOK_LBRACKET, TOK_RBRACKET, TOK_COMMA,
	TOK_PLUS, TOK_MINUS, TOK_STAR, TOK_SLASH, TOK_CARET, TOK_ERROR,
};

struct token {
	enum tok_kind kind;
	const char *start; /* first byte in the source */
	size_t len;        /* length in bytes */
	int line;          /* 1-based */
	double num;        /* TOK_NUMBER */
};

struct lexer {
	const char *src, *end;  /* whole source */
	const char *p;          /* next byte to read */
	const char *line_start; /* first byte of the current line */
	int line;               /* current line, 1-based */
	struct nudge_error *err;/* where a lexical error goes */
};

void lex_init(struct lexer *lx, const char *src, size_t len, struct nudge_error *err);
/* Reads the next token. TOK_ERROR means *lx->err has been filled. */
struct token lex_next(struct lexer *lx);
/* The 1-based character column of byte p on the line that starts at line_start. */
int lex_column(const char *line_start, const char *p);
/* Checks that src is text: valid UTF-8 with no NUL bytes. 0 or -1 with *err filled. */
int lex_check_text(const char *src, size_t len, struct nudge_error *err);

#include <stdarg.h>
/* Like core_error_at with a va_list. */
void core_verror_at(struct nudge_error *err, enum nudge_err_kind kind, const char *src,
                    const char *end, const char *tok, int line, const char *fmt, va_list ap)
#if defined(__GNUC__)
	__attribute__((format(printf, 7, 0)))
#endif
	;

/* Fills *err with kind, position and the source line around it (printf-style msg). */
void core_error_at(struct nudge_error *err, enum nudge_err_kind kind, const char *src,
                   const char *end, const char *tok, int line, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 7, 8)))
#endif
	;

/* The node's expression without the "name = " part; see scene_expr_text. */
int expr_text(const struct scene *s, int root, const double *values, char *buf, size_t n);

/* ---- eval.c, shared with sample.c ---- */
struct eval;
/* Evaluates one computed node's ops into opv (n_ops scratch); returns its value. */
double eval_node_forward(const struct scene *s, double *opv, const double *val, const struct node *nd);
/* Loads the leaves for a row into val: inputs and params from ev->set, data columns
 * from the row. */
void eval_load_leaves(const struct eval *ev, double *val, int row);

/* ---- serial.c ---- */
/* A number no earlier call returned (from 1): what caches key a scene, a unit view or a
 * map on, as addresses come back. */
unsigned long core_serial(void);

/* After parsing: builds scene.out, node.feeds_cost and node.layer from the edges. */
int scene_finish(struct scene *s);

/* ---- unit_view.c: the graph with each neuron unit collapsed (nudge/unit.h) ---- */
struct unit_set;
struct unit_view;
/* The view of s with us's units collapsed; NULL when out of memory. */
struct unit_view *unit_view_new(const struct scene *s, const struct unit_set *us);
void unit_view_free(struct unit_view *v);

/* ---- graph.c: building the graph while the parser reads the statements ---- */
/* Grows a buffer of elements of `size` bytes to hold at least `need`, geometrically;
 * 0, or -1 with the buffer as it was. */
int core_grow(void **buf, int *cap, int need, size_t size);

enum graph_status { GRAPH_OK = 0, GRAPH_NO_MEMORY = -1, GRAPH_TOO_MANY = -2 };

struct graph_build {
	struct scene *s;           /* the scene being built (not owned) */
	int node_cap, op_cap, edge_cap; /* room in s->nodes, s->ops, s->edges */
	int *names;                /* hash table of node indices by name (-1: empty) */
	int names_cap;             /* its size, a power of two */
	int *edge_of;              /* per node: its edge into the node being built */
	int *edge_stamp;           /* per node: 1 + the node edge_of belongs to (0: none) */
	int edge_of_cap, stamp_cap; /* room in edge_of and edge_stamp */
};

/* Starts building into s (which the caller owns); GRAPH_OK or GRAPH_NO_MEMORY. */
int graph_build_init(struct graph_build *g, struct scene *s);
/* Frees the builder's own tables (not the scene). */
void graph_build_free(struct graph_build *g);
/* The node named name, or -1. */
int graph_find(const struct graph_build *g, const char *name, size_t len);
/* Adds a node (the caller has checked that the name is free and not reserved); its
 * index, or GRAPH_NO_MEMORY / GRAPH_TOO_MANY (more than NUDGE_MAX_NODES). */
int graph_add_node(struct graph_build *g, const char *name, size_t len, enum node_kind kind, int line);
/* Room to record edges into node `self` before it is added (its expression is read
 * first); GRAPH_OK or GRAPH_NO_MEMORY. */
int graph_reserve(struct graph_build *g, int self);
/* Appends an op to the tape: its index, or GRAPH_NO_MEMORY / GRAPH_TOO_MANY. */
int graph_emit(struct graph_build *g, enum op_kind kind, int a, int b);
/* A use of node m in the expression of node self: an OP_REF, and one edge m → self
 * per distinct m. Its index, or a graph_status. */
int graph_emit_ref(struct graph_build *g, int m, int self);
/* Once every name is known: the cost (unless named, the last computed node), the
 * plotted leaf (unless named, the first param, else the first input, else -1) and
 * labels (the name where none was given). GRAPH_OK or GRAPH_NO_MEMORY. */
int graph_defaults(struct scene *s, int cost_named, int plot_named);

#endif
