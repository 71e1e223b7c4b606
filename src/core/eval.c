/* eval.c - the forward pass (every node in file order) and the reverse-mode backward
 * pass (one sweep in reverse order, O(nodes + ops)), per data row, with means over
 * rows. Within a node, the expression's ops are differentiated on their tape to give
 * the local derivative of every edge. IEEE inf/nan propagate; nothing is hidden. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core-private.h"
#include "nudge/eval.h"

struct eval *eval_new(const struct scene *s)
{
	struct eval *ev = calloc(1, sizeof *ev);
	if (!ev)
		return NULL;
	size_t n = (size_t)s->n_nodes + 1, e = (size_t)s->n_edges + 1, o = (size_t)s->n_ops + 1;
	ev->scene = s;
	ev->set = calloc(n, sizeof(double));
	ev->value = calloc(n, sizeof(double));
	ev->grad = calloc(n, sizeof(double));
	ev->mean_grad = calloc(n, sizeof(double));
	ev->rowv = calloc(n * 2, sizeof(double)); /* values and gradients of non-shown rows */
	ev->local = calloc(e * 2, sizeof(double));  /* shown row, then scratch */
	ev->opv = calloc(o, sizeof(double));
	ev->opg = calloc(o, sizeof(double));
	ev->leaf = calloc(n, sizeof(int));
	for (int k = 0; ev->leaf && k < s->n_nodes; k++)
		if (s->nodes[k].kind == NODE_INPUT || s->nodes[k].kind == NODE_PARAM)
			ev->leaf[ev->n_leaf++] = k;
	size_t rows = s->n_rows > 0 ? (size_t)s->n_rows : 1;
	ev->row_cost = calloc(rows, sizeof(double));
	ev->row_grad = calloc(rows * ((size_t)ev->n_leaf + 1), sizeof(double));
	if (!ev->set || !ev->value || !ev->grad || !ev->mean_grad || !ev->rowv || !ev->local ||
	    !ev->opv || !ev->opg || !ev->leaf || !ev->row_cost || !ev->row_grad) {
		eval_free(ev);
		return NULL;
	}
	eval_reset(ev);
	return ev;
}

void eval_free(struct eval *ev)
{
	if (!ev)
		return;
	free(ev->set);
	free(ev->value);
	free(ev->grad);
	free(ev->mean_grad);
	free(ev->rowv);
	free(ev->local);
	free(ev->opv);
	free(ev->opg);
	free(ev->leaf);
	free(ev->row_cost);
	free(ev->row_grad);
	free(ev);
}

void eval_reset(struct eval *ev)
{
	const struct scene *s = ev->scene;
	for (int k = 0; k < s->n_nodes; k++)
		ev->set[k] = s->nodes[k].init;
	if (ev->row >= s->n_rows)
		ev->row = 0;
	eval_run(ev);
}

int eval_set(struct eval *ev, int node, double v)
{
	const struct scene *s = ev->scene;
	if (node < 0 || node >= s->n_nodes ||
	    (s->nodes[node].kind != NODE_INPUT && s->nodes[node].kind != NODE_PARAM))
		return -1;
	ev->set[node] = v;
	ev->stale = 1;
	return 0;
}

int eval_set_row(struct eval *ev, int row)
{
	int rows = ev->scene->n_rows;
	if (row < 0 || (rows > 0 ? row >= rows : row > 0))
		return -1;
	ev->row = row;
	ev->stale = 1;
	return 0;
}

static double sigmoid(double z)
{
	if (z >= 0)
		return 1 / (1 + exp(-z));
	double e = exp(z);
	return e / (1 + e);
}

double eval_node_forward(const struct scene *s, double *opv, const double *val, const struct node *nd)
{
	const struct op *ops = s->ops;
	for (int i = nd->op_begin; i < nd->op_end; i++) {
		const struct op *o = &ops[i];
		double a = o->a >= 0 ? opv[o->a] : 0, b = o->b >= 0 ? opv[o->b] : 0, v;
		switch ((enum op_kind)o->kind) {
		case OP_NUM: v = o->num; break;
		case OP_REF: v = val[o->ref]; break;
		case OP_NEG: v = -a; break;
		case OP_ADD: v = a + b; break;
		case OP_SUB: v = a - b; break;
		case OP_MUL: v = a * b; break;
		case OP_DIV: v = a / b; break;
		case OP_POW: v = pow(a, b); break;
		case OP_EXP: v = exp(a); break;
		case OP_LOG: v = log(a); break;
		case OP_SQRT: v = sqrt(a); break;
		case OP_ABS: v = fabs(a); break;
		case OP_SIN: v = sin(a); break;
		case OP_COS: v = cos(a); break;
		case OP_TANH: v = tanh(a); break;
		case OP_SIGMOID: v = sigmoid(a); break;
		case OP_RELU: v = a > 0 ? a : 0; break;
		default: v = NAN; break;
		}
		opv[i] = v;
	}
	return opv[nd->op_end - 1];
}

/* Differentiates one node's expression on its tape (opv holds the forward values):
 * local[e] = ∂node/∂from for each of its incoming edges. */
static void backward_ops(const struct scene *s, const double *opv, double *opg, double *local,
                         const struct node *nd)
{
	const struct op *ops = s->ops;
	for (int i = 0; i < nd->n_in; i++)
		local[nd->in_first + i] = 0;
	for (int i = nd->op_begin; i < nd->op_end; i++)
		opg[i] = 0;
	opg[nd->op_end - 1] = 1;
	for (int i = nd->op_end - 1; i >= nd->op_begin; i--) {
		const struct op *o = &ops[i];
		double g = opg[i];
		if (!o->var)
			continue; /* a constant: nothing to pass down */
		double a = o->a >= 0 ? opv[o->a] : 0, b = o->b >= 0 ? opv[o->b] : 0, v = opv[i];
		int va = o->a >= 0 && ops[o->a].var, vb = o->b >= 0 && ops[o->b].var;
		switch ((enum op_kind)o->kind) {
		case OP_REF: local[o->edge] += g; break;
		case OP_NEG: opg[o->a] -= g; break;
		case OP_ADD:
			if (va) opg[o->a] += g;
			if (vb) opg[o->b] += g;
			break;
		case OP_SUB:
			if (va) opg[o->a] += g;
			if (vb) opg[o->b] -= g;
			break;
		case OP_MUL:
			if (va) opg[o->a] += g * b;
			if (vb) opg[o->b] += g * a;
			break;
		case OP_DIV:
			if (va) opg[o->a] += g / b;
			if (vb) opg[o->b] -= g * a / (b * b);
			break;
		case OP_POW:
			if (va) opg[o->a] += g * (b == 0 ? 0 : b * pow(a, b - 1));
			if (vb) opg[o->b] += g * v * log(a);
			break;
		case OP_EXP: opg[o->a] += g * v; break;
		case OP_LOG: opg[o->a] += g / a; break;
		case OP_SQRT: opg[o->a] += g * 0.5 / v; break;
		case OP_ABS: opg[o->a] += a > 0 ? g : a < 0 ? -g : 0; break;
		case OP_SIN: opg[o->a] += g * cos(a); break;
		case OP_COS: opg[o->a] -= g * sin(a); break;
		case OP_TANH: opg[o->a] += g * (1 - v * v); break;
		case OP_SIGMOID: opg[o->a] += g * v * (1 - v); break;
		case OP_RELU: opg[o->a] += a > 0 ? g : 0; break;
		default: break;
		}
	}
}

void eval_load_leaves(const struct eval *ev, double *val, int row)
{
	const struct scene *s = ev->scene;
	for (int k = 0; k < s->n_nodes; k++) {
		const struct node *nd = &s->nodes[k];
		if (nd->kind == NODE_DATA)
			val[k] = s->data[row * s->n_cols + nd->data_col];
		else if (nd->kind != NODE_COMPUTED)
			val[k] = ev->set[k];
	}
}

static void forward_row(struct eval *ev, double *val)
{
	const struct scene *s = ev->scene;
	for (int k = 0; k < s->n_nodes; k++)
		if (s->nodes[k].kind == NODE_COMPUTED)
			val[k] = eval_node_forward(s, ev->opv, val, &s->nodes[k]);
	ev->visits += s->n_nodes;
}

/* Forward then backward for one row into val, grad and local. */
static void run_row(struct eval *ev, int row, double *val, double *grad, double *local)
{
	const struct scene *s = ev->scene;
	eval_load_leaves(ev, val, row);
	forward_row(ev, val);
	memset(grad, 0, (size_t)s->n_nodes * sizeof *grad);
	grad[s->cost] = 1;
	for (int k = s->n_nodes - 1; k >= 0; k--) {
		const struct node *nd = &s->nodes[k];
		if (nd->kind != NODE_COMPUTED)
			continue;
		backward_ops(s, ev->opv + 0, ev->opg, local, nd);
		if (!nd->feeds_cost)
			continue;
		double g = grad[k];
		for (int i = 0; i < nd->n_in; i++) {
			int e = nd->in_first + i;
			grad[s->edges[e].from] += g * local[e];
		}
	}
	ev->visits += s->n_nodes;
}

void eval_run(struct eval *ev)
{
	const struct scene *s = ev->scene;
	int n = s->n_nodes, rows = s->n_rows > 0 ? s->n_rows : 1;
	if (ev->row >= rows)
		ev->row = 0;
	/* backward_ops reads op values of the node it differentiates, so each row's
	 * forward pass must be followed by its own backward pass before the next row. */
	double cost = 0;
	memset(ev->mean_grad, 0, (size_t)n * sizeof *ev->mean_grad);
	double *sv = ev->rowv, *sg = ev->rowv + n + 1, *sl = ev->local + s->n_edges + 1;
	for (int r = 0; r < rows; r++) {
		int shown = r == ev->row;
		double *val = shown ? ev->value : sv, *grad = shown ? ev->grad : sg;
		run_row(ev, r, val, grad, shown ? ev->local : sl);
		cost += val[s->cost];
		for (int k = 0; k < n; k++)
			ev->mean_grad[k] += grad[k];
		ev->row_cost[r] = val[s->cost];
		for (int j = 0; j < ev->n_leaf; j++)
			ev->row_grad[(size_t)r * (size_t)ev->n_leaf + (size_t)j] = grad[ev->leaf[j]];
	}
	ev->cost = cost / rows;
	ev->runs++;
	ev->stale = 0;
	for (int k = 0; k < n; k++)
		ev->mean_grad[k] /= rows;
}

int eval_row(struct eval *ev, int row, double *value, double *grad)
{
	const struct scene *s = ev->scene;
	if (row < 0 || row >= (s->n_rows > 0 ? s->n_rows : 1))
		return -1;
	run_row(ev, row, value, grad, ev->local + s->n_edges + 1);
	return 0;
}

double eval_cost_at(struct eval *ev, int node, double v)
{
	const struct scene *s = ev->scene;
	int rows = s->n_rows > 0 ? s->n_rows : 1;
	double *val = ev->rowv;
	double cost = 0;
	for (int r = 0; r < rows; r++) {
		eval_load_leaves(ev, val, r);
		if (node >= 0 && node < s->n_nodes)
			val[node] = v;
		forward_row(ev, val);
		cost += val[s->cost];
	}
	return cost / rows;
}
