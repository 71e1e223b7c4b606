/* graph.c - building a scene's graph while its statements are read: the table of node
 * names, adding nodes, the expression tape and one edge per distinct name an
 * expression uses, and the defaults applied once every name is known (the cost, the
 * plotted leaf, labels). The grammar and every message live in parser.c; this file
 * reports only "out of memory" and "too many", as status values. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core-private.h"
#include "nudge/notation.h"

int core_grow(void **buf, int *cap, int need, size_t size)
{
	if (need <= *cap)
		return 0;
	int c = *cap ? *cap : 16;
	while (c < need) {
		if (c > INT32_MAX / 2)
			return -1;
		c *= 2;
	}
	void *nb = realloc(*buf, (size_t)c * size);
	if (!nb)
		return -1;
	*buf = nb;
	*cap = c;
	return 0;
}

static uint32_t graph_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* The slot of name in the table: its node, or the empty slot where it would go. */
static int *graph_slot(const struct graph_build *g, const char *s, size_t len)
{
	uint32_t mask = (uint32_t)g->names_cap - 1;
	for (uint32_t i = graph_hash(s, len) & mask;; i = (i + 1) & mask) {
		int k = g->names[i];
		if (k < 0)
			return &g->names[i];
		const char *nm = g->s->nodes[k].name;
		if (strlen(nm) == len && memcmp(nm, s, len) == 0)
			return &g->names[i];
	}
}

/* Doubles the name table and enters every node again. */
static int graph_rehash(struct graph_build *g)
{
	int cap = g->names_cap ? g->names_cap * 2 : 64;
	int *t = malloc((size_t)cap * sizeof *t);
	if (!t)
		return -1;
	free(g->names);
	g->names = t;
	g->names_cap = cap;
	memset(t, 0xff, (size_t)cap * sizeof *t);
	for (int k = 0; k < g->s->n_nodes; k++) {
		const char *nm = g->s->nodes[k].name;
		*graph_slot(g, nm, strlen(nm)) = k;
	}
	return 0;
}

int graph_build_init(struct graph_build *g, struct scene *s)
{
	*g = (struct graph_build){.s = s};
	return graph_rehash(g) ? GRAPH_NO_MEMORY : GRAPH_OK;
}

void graph_build_free(struct graph_build *g)
{
	free(g->names);
	free(g->edge_of);
	free(g->edge_stamp);
	*g = (struct graph_build){0};
}

int graph_find(const struct graph_build *g, const char *name, size_t len)
{
	return *graph_slot(g, name, len);
}

int graph_reserve(struct graph_build *g, int self)
{
	/* both per-node arrays grow geometrically, each keeping its old block on failure */
	if (core_grow((void **)&g->edge_of, &g->edge_of_cap, self + 1, sizeof(int)) ||
	    core_grow((void **)&g->edge_stamp, &g->stamp_cap, self + 1, sizeof(int)))
		return GRAPH_NO_MEMORY;
	return GRAPH_OK;
}

int graph_add_node(struct graph_build *g, const char *name, size_t len, enum node_kind kind, int line)
{
	struct scene *s = g->s;
	if (s->n_nodes >= NUDGE_MAX_NODES)
		return GRAPH_TOO_MANY;
	if (core_grow((void **)&s->nodes, &g->node_cap, s->n_nodes + 1, sizeof *s->nodes) ||
	    graph_reserve(g, s->n_nodes))
		return GRAPH_NO_MEMORY;
	int k = s->n_nodes;
	struct node *n = &s->nodes[k];
	memset(n, 0, sizeof *n);
	n->name = malloc(len + 1);
	if (!n->name)
		return GRAPH_NO_MEMORY;
	memcpy(n->name, name, len);
	n->name[len] = '\0';
	n->label = NULL;
	n->kind = kind;
	n->line = line;
	n->data_col = -1;
	n->op_begin = n->op_end = s->n_ops;
	n->in_first = s->n_edges;
	g->edge_stamp[k] = 0;
	s->n_nodes++;
	if (s->n_nodes * 2 > g->names_cap && graph_rehash(g))
		return GRAPH_NO_MEMORY;
	*graph_slot(g, n->name, len) = k;
	return k;
}

int graph_emit(struct graph_build *g, enum op_kind kind, int a, int b)
{
	struct scene *s = g->s;
	if (s->n_ops >= NUDGE_MAX_OPS)
		return GRAPH_TOO_MANY;
	if (core_grow((void **)&s->ops, &g->op_cap, s->n_ops + 1, sizeof *s->ops))
		return GRAPH_NO_MEMORY;
	struct op *o = &s->ops[s->n_ops];
	o->kind = (unsigned char)kind;
	o->a = a;
	o->b = b;
	o->ref = -1;
	o->edge = -1;
	o->num = 0;
	o->var = (unsigned char)((a >= 0 && s->ops[a].var) || (b >= 0 && s->ops[b].var));
	return s->n_ops++;
}

int graph_emit_ref(struct graph_build *g, int m, int self)
{
	struct scene *s = g->s;
	if (g->edge_stamp[m] != self + 1) { /* the first use of m in this expression */
		if (core_grow((void **)&s->edges, &g->edge_cap, s->n_edges + 1, sizeof *s->edges))
			return GRAPH_NO_MEMORY;
		s->edges[s->n_edges] = (struct edge){.from = m, .to = self};
		g->edge_of[m] = s->n_edges++;
		g->edge_stamp[m] = self + 1;
	}
	int k = graph_emit(g, OP_REF, -1, -1);
	if (k >= 0) {
		s->ops[k].ref = m;
		s->ops[k].edge = g->edge_of[m];
		s->ops[k].var = 1;
	}
	return k;
}

int graph_defaults(struct scene *s, int cost_named, int plot_named)
{
	if (!cost_named) /* the last computed node */
		for (int k = 0; k < s->n_nodes; k++)
			if (s->nodes[k].kind == NODE_COMPUTED)
				s->cost = k;
	if (!plot_named) { /* the first param, else the first input */
		s->plot = -1;
		for (int k = 0; k < s->n_nodes && s->plot < 0; k++)
			if (s->nodes[k].kind == NODE_PARAM)
				s->plot = k;
		for (int k = 0; k < s->n_nodes && s->plot < 0; k++)
			if (s->nodes[k].kind == NODE_INPUT)
				s->plot = k;
	}
	for (int k = 0; k < s->n_nodes; k++) {
		struct node *n = &s->nodes[k];
		if (!n->label && !(n->label = strdup(n->name)))
			return GRAPH_NO_MEMORY;
		size_t len = (size_t)notation_plain(NULL, 0, n->label) + 1;
		if (!(n->plain = malloc(len)))
			return GRAPH_NO_MEMORY;
		notation_plain(n->plain, len, n->label);
	}
	return GRAPH_OK;
}
