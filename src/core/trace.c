/* trace.c - the step trace: step 0 (the leaves), one forward step per computed node
 * in file order, then one backward step per node the cost depends on, in reverse
 * order, from dJ/dJ = 1; with a data set those are the shown row's, named J⁽ⁱ⁾, and
 * the mean steps follow (J and each dJ/dw over the rows). Each step's text is the
 * equation with the scene's labels and the evaluation's numbers (a copy taken at the
 * build), written when first asked for. What is known at a step is derived from the
 * steps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core-private.h"
#include "nudge/format.h"
#include "nudge/trace.h"

/* A growable string for building one step's text. */
struct text {
	char *p;
	size_t len, cap;
	int failed;
};

static void add(struct text *t, const char *s, size_t n)
{
	if (t->failed)
		return;
	if (t->len + n + 1 > t->cap) {
		size_t c = t->cap ? t->cap : 128;
		while (c < t->len + n + 1)
			c *= 2;
		char *np = realloc(t->p, c);
		if (!np) {
			t->failed = 1;
			return;
		}
		t->p = np;
		t->cap = c;
	}
	memcpy(t->p + t->len, s, n);
	t->len += n;
	t->p[t->len] = '\0';
}

static void adds(struct text *t, const char *s) { add(t, s, strlen(s)); }

static void addnum(struct text *t, double v)
{
	char b[48];
	fmt_num(b, sizeof b, v, NUDGE_DIGITS);
	adds(t, b);
}

/* A number, in parentheses when negative: "(−1.5)". */
static void addnum_paren(struct text *t, double v)
{
	if (v < 0)
		adds(t, "(");
	addnum(t, v);
	if (v < 0)
		adds(t, ")");
}

int trace_row_name(const struct eval *ev, int node, char *buf, size_t n)
{
	const struct scene *s = ev->scene;
	const struct node *nd = &s->nodes[node];
	int row = s->n_rows > 0 && (nd->per_row || node == s->cost) ? ev->row : -1;
	return fmt_row_label(buf, n, nd->label, row);
}

/* Appends the name of node's value at the shown row (see trace_row_name). */
static void addname(struct text *t, const struct eval *ev, int node)
{
	const struct scene *s = ev->scene;
	const struct node *nd = &s->nodes[node];
	char sup[64];
	adds(t, nd->label);
	if (s->n_rows > 0 && (nd->per_row || node == s->cost)) {
		fmt_row_label(sup, sizeof sup, "", ev->row);
		adds(t, sup);
	}
}

/* Appends a node's expression (symbolic, or with values) of any length. */
static void addexpr(struct text *t, const struct scene *s, int node, const double *values)
{
	char small[256];
	int len = scene_expr_text(s, node, values, small, sizeof small);
	if (len < (int)sizeof small) {
		adds(t, small);
		return;
	}
	char *big = malloc((size_t)len + 1);
	if (!big) {
		t->failed = 1;
		return;
	}
	scene_expr_text(s, node, values, big, (size_t)len + 1);
	add(t, big, (size_t)len);
	free(big);
}

/* "c = w·x = 2 × (−2) = −4"; the numeric part is left out when it says nothing new. */
static void forward_text(struct text *t, const struct eval *ev, int k)
{
	const struct scene *s = ev->scene;
	struct text sym = { 0 }, num = { 0 }, res = { 0 };
	addexpr(&sym, s, k, NULL);
	addexpr(&num, s, k, ev->value);
	addnum(&res, ev->value[k]);
	addname(t, ev, k);
	adds(t, " = ");
	add(t, sym.p ? sym.p : "", sym.len);
	if (num.p && (!sym.p || strcmp(num.p, sym.p) != 0) && strcmp(num.p, res.p ? res.p : "") != 0) {
		adds(t, " = ");
		add(t, num.p, num.len);
	}
	if (!sym.p || strcmp(sym.p, res.p ? res.p : "") != 0) {
		adds(t, " = ");
		add(t, res.p ? res.p : "", res.len);
	}
	t->failed |= sym.failed | num.failed | res.failed;
	free(sym.p);
	free(num.p);
	free(res.p);
}

/* "dJ/dw = dJ/dc · ∂c/∂w = 2 × (−2) = −4", summing over every consumer on the cost's path. */
static void backward_text(struct text *t, const struct eval *ev, int k)
{
	const struct scene *s = ev->scene;
	const struct node *nd = &s->nodes[k];
	adds(t, "d");
	addname(t, ev, s->cost);
	adds(t, "/d");
	addname(t, ev, k);
	if (k == s->cost) {
		adds(t, " = 1");
		return;
	}
	struct text num = { 0 };
	int terms = 0;
	adds(t, " = ");
	for (int i = 0; i < nd->n_out; i++) {
		const struct edge *e = &s->edges[s->out[nd->out_first + i]];
		const struct node *to = &s->nodes[e->to];
		if (!to->feeds_cost)
			continue;
		if (terms++) {
			adds(t, " + ");
			adds(&num, " + ");
		}
		adds(t, "d");
		addname(t, ev, s->cost);
		adds(t, "/d");
		addname(t, ev, e->to);
		adds(t, " · ∂");
		addname(t, ev, e->to);
		adds(t, "/∂");
		addname(t, ev, k);
		addnum_paren(&num, ev->grad[e->to]);
		adds(&num, " × ");
		addnum_paren(&num, ev->local[s->out[nd->out_first + i]]);
	}
	if (terms) {
		adds(t, " = ");
		add(t, num.p, num.len);
		adds(t, " = ");
	}
	addnum(t, ev->grad[k]);
	t->failed |= num.failed;
	free(num.p);
}

/* "x = −2, y = 2, w = 2, b = 8": the leaves, with the shown row for data columns. */
static void leaves_text(struct text *t, const struct eval *ev)
{
	const struct scene *s = ev->scene;
	int first = 1;
	for (int k = 0; k < s->n_nodes; k++) {
		if (s->nodes[k].kind == NODE_COMPUTED)
			continue;
		if (!first)
			adds(t, ", ");
		first = 0;
		addname(t, ev, k);
		adds(t, " = ");
		addnum(t, ev->value[k]);
	}
	if (s->n_rows > 1) {
		char b[64];
		snprintf(b, sizeof b, " (data row %d of rows 0 to %d)", ev->row, s->n_rows - 1);
		adds(t, b);
	}
	if (first)
		adds(t, "no inputs or params");
}

/* Rows written out in a mean step; beyond this, the first few, "…" and the last. */
#define TRACE_MEAN_TERMS 5

/* The row of the i-th term of a mean step's sum, or -1 for "…". rows > TRACE_MEAN_TERMS
 * are written as rows 0, 1, 2, …, m − 1 (TRACE_MEAN_TERMS − 1 terms and the dots). */
static int mean_term_row(int i, int rows)
{
	if (rows <= TRACE_MEAN_TERMS)
		return i;
	return i < TRACE_MEAN_TERMS - 2 ? i : i == TRACE_MEAN_TERMS - 2 ? -1 : rows - 1;
}

/* Writes row r's name of the cost (J⁽ʳ⁾) or of dJ⁽ʳ⁾/d leaf into t. */
static void mean_term_name(struct text *t, const struct eval *ev, int leaf, int r)
{
	const struct scene *s = ev->scene;
	char b[256];
	if (leaf >= 0)
		adds(t, "d");
	fmt_row_label(b, sizeof b, s->nodes[s->cost].label, r);
	adds(t, b);
	if (leaf >= 0) {
		adds(t, "/d");
		adds(t, s->nodes[ev->leaf[leaf]].label);
	}
}

/* The mean over rows of the cost (leaf < 0): "J = (1.125 + 4.5 + 10.125) / 3 = 5.25",
 * or of the gradient of ev->leaf[leaf]: "dJ/dw = ((−1.5) + (−6) + (−13.5)) / 3 = −7".
 * With many rows the sum is written once by name and once with numbers, shortened:
 * "J = (J⁽⁰⁾ + J⁽¹⁾ + … + J⁽⁹⁹⁾) / 100 = (1.125 + 4.5 + … + 7.2) / 100 = 5.25". */
static void mean_text(struct text *t, const struct eval *ev, int leaf)
{
	const struct scene *s = ev->scene;
	int rows = s->n_rows, terms = rows <= TRACE_MEAN_TERMS ? rows : TRACE_MEAN_TERMS;
	char m[32];
	snprintf(m, sizeof m, ") / %d = ", rows);
	if (leaf >= 0) {
		adds(t, "d");
		adds(t, s->nodes[s->cost].label);
		adds(t, "/d");
		adds(t, s->nodes[ev->leaf[leaf]].label);
	} else {
		adds(t, s->nodes[s->cost].label);
	}
	adds(t, " = (");
	for (int pass = rows > TRACE_MEAN_TERMS ? 0 : 1; pass < 2; pass++) {
		for (int i = 0; i < terms; i++) {
			int r = mean_term_row(i, rows);
			if (i)
				adds(t, " + ");
			if (r < 0)
				adds(t, "…");
			else if (pass == 0)
				mean_term_name(t, ev, leaf, r);
			else
				addnum_paren(t, leaf >= 0 ? ev->row_grad[(size_t)r * (size_t)ev->n_leaf + (size_t)leaf]
				                          : ev->row_cost[r]);
		}
		adds(t, m);
		if (pass == 0) {
			t->len -= 3; /* ") / 100 = " then "(" opens the numbers */
			t->p[t->len] = '\0';
			adds(t, " = (");
		}
	}
	addnum(t, leaf >= 0 ? ev->mean_grad[ev->leaf[leaf]] : ev->cost);
}

static void push(struct trace *tr, enum step_kind kind, int node)
{
	tr->steps[tr->n_steps++] = (struct step){ .kind = kind, .node = node };
}

/* Copies ev's results into tr->nums, so that the texts written later are of these
 * numbers whatever the eval does meanwhile. 0, or -1 when out of memory. */
static int snapshot(struct trace *tr, const struct eval *ev)
{
	const struct scene *s = ev->scene;
	size_t n = (size_t)s->n_nodes, e = (size_t)s->n_edges, leaves = (size_t)ev->n_leaf;
	size_t rows = s->n_rows > 0 ? (size_t)s->n_rows : 1;
	size_t doubles = 3 * n + e + rows + rows * leaves;
	double *d = malloc(sizeof(double) * (doubles + 1) + sizeof(int) * (leaves + 1));
	if (!d)
		return -1;
	tr->nums_block = d;
	tr->nums = (struct eval){ .scene = s, .row = ev->row, .cost = ev->cost, .n_leaf = ev->n_leaf };
	double *p = d;
	const double *from[] = { ev->value, ev->grad, ev->mean_grad, ev->local, ev->row_cost, ev->row_grad };
	double **to[] = { &tr->nums.value, &tr->nums.grad, &tr->nums.mean_grad, &tr->nums.local,
	                  &tr->nums.row_cost, &tr->nums.row_grad };
	size_t len[] = { n, n, n, e, rows, rows * leaves };
	for (int k = 0; k < 6; k++) {
		*to[k] = p;
		if (len[k])
			memcpy(p, from[k], sizeof(double) * len[k]);
		p += len[k];
	}
	tr->nums.leaf = (int *)(d + doubles + 1);
	if (leaves)
		memcpy(tr->nums.leaf, ev->leaf, sizeof(int) * leaves);
	return 0;
}

struct trace *trace_build(const struct eval *ev)
{
	const struct scene *s = ev->scene;
	int n = s->n_nodes;
	struct trace *tr = calloc(1, sizeof *tr);
	if (!tr)
		return NULL;
	tr->serial = core_serial();
	size_t most = (size_t)n * 2 + 3 + (size_t)ev->n_leaf;
	tr->steps = calloc(most, sizeof *tr->steps);
	tr->text = calloc(most, sizeof *tr->text);
	tr->value_step = malloc(((size_t)n + 1) * sizeof(int));
	tr->grad_step = malloc(((size_t)n + 1) * sizeof(int));
	tr->mean_step = malloc(((size_t)n + 1) * sizeof(int));
	if (!tr->steps || !tr->text || !tr->value_step || !tr->grad_step || !tr->mean_step ||
	    snapshot(tr, ev) != 0) {
		trace_free(tr);
		return NULL;
	}
	push(tr, STEP_LEAVES, -1);
	for (int k = 0; k < n; k++) {
		tr->value_step[k] = 0;
		tr->grad_step[k] = -1;
		tr->mean_step[k] = -1;
		if (s->nodes[k].kind != NODE_COMPUTED)
			continue;
		tr->value_step[k] = tr->n_steps;
		push(tr, STEP_FORWARD, k);
	}
	tr->first_backward = tr->n_steps;
	for (int k = s->cost; k >= 0; k--) {
		if (!s->nodes[k].feeds_cost)
			continue;
		tr->grad_step[k] = tr->n_steps;
		push(tr, STEP_BACKWARD, k);
	}
	tr->first_mean = tr->n_steps;
	for (int j = -1; s->n_rows > 0 && j < ev->n_leaf; j++) {
		int k = j < 0 ? s->cost : ev->leaf[j];
		if (j >= 0 && !s->nodes[k].feeds_cost)
			continue;
		tr->mean_step[k] = tr->n_steps;
		push(tr, STEP_MEAN, k);
	}
	return tr;
}

const char *trace_text(const struct trace *tr, int k)
{
	if (!tr || k < 0 || k >= tr->n_steps)
		return NULL;
	if (tr->text[k])
		return tr->text[k];
	const struct eval *ev = &tr->nums;
	const struct step *st = &tr->steps[k];
	struct text t = { 0 };
	switch (st->kind) {
	case STEP_LEAVES: leaves_text(&t, ev); break;
	case STEP_FORWARD: forward_text(&t, ev, st->node); break;
	case STEP_BACKWARD: backward_text(&t, ev, st->node); break;
	case STEP_MEAN: { /* the first is the cost's; then an input's or param's: which leaf */
		int j = -1;
		for (int i = 0; k > tr->first_mean && i < ev->n_leaf; i++)
			if (ev->leaf[i] == st->node)
				j = i;
		mean_text(&t, ev, j);
		break;
	}
	}
	if (t.failed || !t.p) {
		free(t.p);
		return NULL;
	}
	tr->text[k] = t.p;
	return t.p;
}

void trace_free(struct trace *tr)
{
	if (!tr)
		return;
	for (int i = 0; tr->text && i < tr->n_steps; i++)
		free(tr->text[i]);
	free(tr->text);
	free(tr->nums_block);
	free(tr->steps);
	free(tr->value_step);
	free(tr->grad_step);
	free(tr->mean_step);
	free(tr);
}

int trace_value_known(const struct trace *t, int k, int node)
{
	return k >= t->value_step[node];
}

int trace_grad_known(const struct trace *t, int k, int node)
{
	return t->grad_step[node] >= 0 && k >= t->grad_step[node];
}

int trace_mean_known(const struct trace *t, int k, int node)
{
	return t->mean_step[node] >= 0 && k >= t->mean_step[node];
}

int trace_local_known(const struct trace *t, const struct scene *s, int k, int edge)
{
	const struct edge *e = &s->edges[edge];
	return s->nodes[e->to].feeds_cost && trace_grad_known(t, k, e->from);
}

int trace_step_uses_edge(const struct trace *t, const struct scene *s, int k, int edge)
{
	if (k < 0 || k >= t->n_steps)
		return 0;
	const struct step *st = &t->steps[k];
	const struct edge *e = &s->edges[edge];
	if (st->kind == STEP_FORWARD)
		return e->to == st->node;
	if (st->kind == STEP_BACKWARD)
		return e->from == st->node && s->nodes[e->to].feeds_cost;
	return 0;
}
