/* unit.c - finding neuron units in a parsed scene: a = g(Σ wᵢ·xᵢ + b), read off the
 * expression tape (unit_match), the scene's set of them (stated or detected), and the
 * numbers of z that no node holds when z is written inside g(…). The collapsed graph
 * the figure lays out is unit_view.c's; the `unit` statement is parser.c's. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core-private.h"
#include "nudge/eval.h"
#include "nudge/unit.h"

/* The nodes node k's expression refers to, one entry per use, sorted: a use count is
 * then a binary search, so a sum of many terms costs O(ops log ops), not O(ops²). */
struct unit_refs {
	int *ref; /* sorted node indices */
	int n;
};

static int unit_cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static int unit_refs_of(const struct scene *s, int k, struct unit_refs *r)
{
	const struct node *nd = &s->nodes[k];
	r->n = 0;
	r->ref = malloc(sizeof *r->ref * (size_t)(nd->op_end - nd->op_begin + 1));
	if (!r->ref)
		return -1;
	for (int o = nd->op_begin; o < nd->op_end; o++)
		if (s->ops[o].kind == OP_REF)
			r->ref[r->n++] = s->ops[o].ref;
	qsort(r->ref, (size_t)r->n, sizeof *r->ref, unit_cmp_int);
	return 0;
}

/* How many times node m is used in the expression (r from unit_refs_of). */
static int unit_uses(const struct unit_refs *r, int m)
{
	int lo = 0, hi = r->n; /* first entry >= m */
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (r->ref[mid] < m)
			lo = mid + 1;
		else
			hi = mid;
	}
	int n = 0;
	while (lo + n < r->n && r->ref[lo + n] == m)
		n++;
	return n;
}

/* A param used once in the expression and by no other node. */
static int unit_own_param(const struct scene *s, const struct unit_refs *r, int m)
{
	return s->nodes[m].kind == NODE_PARAM && s->nodes[m].n_out == 1 && unit_uses(r, m) == 1;
}

/* Reads z = Σ w·x + b rooted at op `root` of node k (the node holding z) into u. */
static enum unit_why unit_sum(const struct scene *s, int k, int root, struct unit *u)
{
	const struct node *nd = &s->nodes[k];
	int cap = nd->op_end - nd->op_begin, n = 0, top = 0;
	int *stack = malloc(sizeof *stack * (size_t)cap), *terms = malloc(sizeof *terms * (size_t)cap);
	struct unit_refs refs = {0};
	if (!stack || !terms || unit_refs_of(s, k, &refs)) {
		free(stack);
		free(terms);
		free(refs.ref);
		return UNIT_NO_MEMORY;
	}
	stack[top++] = root; /* the ADD tree's leaves are the terms */
	while (top > 0) {
		int o = stack[--top];
		if (s->ops[o].kind == OP_ADD) {
			stack[top++] = s->ops[o].b;
			stack[top++] = s->ops[o].a;
		} else {
			terms[n++] = o;
		}
	}
	free(stack);
	enum unit_why why = UNIT_OK;
	u->w = calloc((size_t)n + 1, sizeof *u->w);
	if (!u->w) {
		free(terms);
		free(refs.ref);
		return UNIT_NO_MEMORY;
	}
	for (int i = 0; i < n && why == UNIT_OK; i++) {
		const struct op *o = &s->ops[terms[i]];
		if (o->kind == OP_REF && u->bias < 0 && s->nodes[o->ref].kind == NODE_PARAM) {
			u->bias = o->ref;
			u->bias_edge = o->edge;
			why = unit_own_param(s, &refs, o->ref) ? UNIT_OK : UNIT_PARAM_SHARED;
			continue;
		}
		if (o->kind != OP_MUL || s->ops[o->a].kind != OP_REF || s->ops[o->b].kind != OP_REF) {
			why = UNIT_NOT_SUM;
			break;
		}
		int p = s->ops[o->a].ref, x = s->ops[o->b].ref;
		int pe = s->ops[o->a].edge, xe = s->ops[o->b].edge; /* the edges of these uses */
		if (s->nodes[p].kind != NODE_PARAM) { /* x·w */
			int t = p, te = pe;
			p = x;
			x = t;
			pe = xe;
			xe = te;
		}
		if (s->nodes[p].kind != NODE_PARAM || s->nodes[x].kind == NODE_PARAM)
			why = UNIT_NOT_SUM; /* no weight, or two params: which is the weight? */
		else if (!unit_own_param(s, &refs, p))
			why = UNIT_PARAM_SHARED;
		else if (unit_uses(&refs, x) != 1)
			why = UNIT_INPUT_TWICE;
		else
			u->w[u->n_w++] = (struct unit_weight){ .param = p, .input = x,
			                                       .edge = xe, .wedge = pe };
	}
	free(terms);
	free(refs.ref);
	if (why == UNIT_OK && u->n_w == 0)
		why = UNIT_NOT_SUM;
	return why;
}

enum unit_why unit_match(const struct scene *s, int a, int linear, struct unit *u)
{
	*u = (struct unit){ .a = a, .z = a, .bias = -1, .bias_edge = -1, .z_edge = -1 };
	const struct node *nd = &s->nodes[a];
	if (nd->kind != NODE_COMPUTED)
		return UNIT_NOT_COMPUTED;
	if (a == s->cost)
		return UNIT_IS_COST;
	int root = nd->op_end - 1, z_op = root;
	switch (s->ops[root].kind) {
	case OP_TANH: u->act = UNIT_TANH; break;
	case OP_SIGMOID: u->act = UNIT_SIGMOID; break;
	case OP_RELU: u->act = UNIT_RELU; break;
	default: u->act = UNIT_LINEAR;
	}
	/* a = z, a copy of a sum on its own line: the lecture's linear output unit */
	int copy = u->act == UNIT_LINEAR && nd->op_end - nd->op_begin == 1 &&
	           s->ops[root].kind == OP_REF && s->nodes[s->ops[root].ref].kind == NODE_COMPUTED;
	if (u->act == UNIT_LINEAR && !linear && !copy)
		return UNIT_NO_ACTIVATION;
	if (u->act != UNIT_LINEAR || copy) {
		z_op = copy ? root : s->ops[root].a;
		if (s->ops[z_op].kind == OP_REF && s->nodes[s->ops[z_op].ref].kind == NODE_COMPUTED) {
			int z = s->ops[z_op].ref; /* z on its own line, a = g(z) */
			if (s->nodes[z].n_out != 1 || z == s->cost)
				return UNIT_Z_SHARED;
			u->z = z;
			u->z_edge = s->ops[z_op].edge;
			z_op = s->nodes[z].op_end - 1;
		}
	}
	enum unit_why why = unit_sum(s, u->z, z_op, u);
	if (why != UNIT_OK) {
		free(u->w);
		u->w = NULL;
		u->n_w = 0;
	}
	return why;
}

const char *unit_why_text(enum unit_why why)
{
	switch (why) {
	case UNIT_OK: return "it is a unit";
	case UNIT_NOT_COMPUTED: return "a unit is a computed node";
	case UNIT_IS_COST: return "the cost is not drawn as a unit";
	case UNIT_NO_ACTIVATION: return "it is not tanh, sigmoid or relu of a sum";
	case UNIT_NOT_SUM: return "its sum is not w·x + … + b (each term a param times a node, at most one lone param)";
	case UNIT_Z_SHARED: return "its sum is its own node and another node uses it too";
	case UNIT_PARAM_SHARED: return "one of its weights or its bias is used by another node too";
	case UNIT_INPUT_TWICE: return "a node it multiplies by a weight appears in it twice";
	case UNIT_NO_MEMORY: return "out of memory";
	}
	return "?";
}

void unit_set_free(struct unit_set *us)
{
	if (!us)
		return;
	for (int i = 0; i < us->n; i++)
		free(us->units[i].w);
	free(us->units);
	free(us->member);
	unit_view_free(us->view);
	free(us);
}

struct unit_set *unit_set_new(const struct scene *s, const int *stated, int n_stated)
{
	struct unit_set *us = calloc(1, sizeof *us);
	if (!us)
		return NULL;
	us->stated = n_stated > 0;
	us->units = calloc((size_t)s->n_nodes + 1, sizeof *us->units);
	us->member = malloc(((size_t)s->n_nodes + 1) * sizeof *us->member);
	if (!us->units || !us->member) {
		unit_set_free(us);
		return NULL;
	}
	for (int k = 0; k < s->n_nodes; k++)
		us->member[k] = -1;
	for (int k = 0; k < s->n_nodes; k++) {
		int named = 0;
		for (int i = 0; i < n_stated && !named; i++)
			named = stated[i] == k;
		if (n_stated > 0 && !named)
			continue;
		struct unit u;
		enum unit_why why = unit_match(s, k, n_stated > 0, &u);
		if (why == UNIT_NO_MEMORY) {
			unit_set_free(us);
			return NULL;
		}
		if (why != UNIT_OK)
			continue;
		int taken = us->member[u.z] >= 0 || (u.bias >= 0 && us->member[u.bias] >= 0);
		for (int i = 0; i < u.n_w; i++)
			taken |= us->member[u.w[i].param] >= 0;
		if (taken) { /* only stated units can overlap: unit z, a where a = g(z) */
			free(u.w);
			continue;
		}
		int id = us->n++;
		us->units[id] = u;
		us->member[u.a] = us->member[u.z] = id;
		if (u.bias >= 0)
			us->member[u.bias] = id;
		for (int i = 0; i < u.n_w; i++) {
			us->member[u.w[i].param] = id;
			us->show |= u.n_w >= 2;
		}
	}
	us->show |= us->stated;
	if (us->n > 0 && !(us->view = unit_view_new(s, us))) {
		unit_set_free(us);
		return NULL;
	}
	return us;
}

/* z = Σ w·x + b from the values of ev. */
static double unit_sum_value(const struct eval *ev, const struct unit *u)
{
	const double *v = ev->value;
	double sum = u->bias >= 0 ? v[u->bias] : 0;
	for (int i = 0; i < u->n_w; i++)
		sum += v[u->w[i].param] * v[u->w[i].input];
	return sum;
}

double unit_slope(const struct eval *ev, const struct unit *u)
{
	double a = ev->value[u->a];
	switch (u->act) {
	case UNIT_LINEAR: return 1;
	case UNIT_TANH: return 1 - a * a;
	case UNIT_SIGMOID: return a * (1 - a);
	case UNIT_RELU: return (u->z != u->a ? ev->value[u->z] : unit_sum_value(ev, u)) > 0 ? 1 : 0;
	}
	return 1;
}

void unit_z(const struct eval *ev, const struct unit *u, double *z, double *dz)
{
	if (u->z != u->a) {
		*z = ev->value[u->z];
		*dz = ev->grad[u->z];
		return;
	}
	*z = unit_sum_value(ev, u);
	*dz = ev->grad[u->a] * unit_slope(ev, u);
}
