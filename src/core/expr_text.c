/* expr_text.c - expressions written back as the lecture writes them: "w·x", "d²/2",
 * or with numbers in place of names, "2 × (−2)"; and the symbolic local derivative
 * of an edge ("x" for ∂c/∂w when c = w·x), found by differentiating a node's tape
 * and simplifying. Text only: values come from eval, pixels from render. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core-private.h"
#include "nudge/format.h"
#include "nudge/notation.h"

/* An append-only string that counts what it could not hold, like snprintf. */
struct sbuf {
	char *p;
	size_t cap, len;
};

static void put(struct sbuf *b, const char *s)
{
	size_t n = strlen(s);
	if (b->len < b->cap) {
		size_t room = b->cap - 1 - b->len;
		size_t k = n < room ? n : room;
		memcpy(b->p + b->len, s, k);
		b->p[b->len + k] = '\0';
	}
	b->len += n;
}

enum { PREC_ADD = 1, PREC_MUL = 2, PREC_NEG = 3, PREC_POW = 4, PREC_ATOM = 5 };

struct printer {
	const struct scene *s;
	const struct op *ops;  /* the tape being printed */
	const double *values;  /* NULL: names; else numbers */
	struct sbuf *out;
	int bare;              /* the op printed without parentheses: the root or a call's argument */
};

static int is_small_power(const struct op *ops, const struct op *o)
{
	if (o->kind != OP_POW || ops[o->b].kind != OP_NUM)
		return 0;
	double e = ops[o->b].num;
	return e == 2 || e == 3;
}

static double leaf_number(const struct printer *pr, const struct op *o)
{
	return o->kind == OP_NUM ? o->num : pr->values[o->ref];
}

static int prec(const struct printer *pr, int i)
{
	const struct op *o = &pr->ops[i];
	switch ((enum op_kind)o->kind) {
	case OP_ADD: case OP_SUB: return PREC_ADD;
	case OP_MUL: case OP_DIV: return PREC_MUL;
	case OP_NEG: return PREC_NEG;
	case OP_POW: return PREC_POW;
	default: return PREC_ATOM; /* leaves wrap their own negative numbers */
	}
}

static void print_op(struct printer *pr, int i);

static void print_wrapped(struct printer *pr, int i, int parens)
{
	if (parens)
		put(pr->out, "(");
	print_op(pr, i);
	if (parens)
		put(pr->out, ")");
}

static const char *binary_sign(const struct printer *pr, enum op_kind k)
{
	switch (k) {
	case OP_ADD: return " + ";
	case OP_SUB: return " \u2212 ";
	case OP_MUL: return pr->values ? " \u00d7 " : "\u00b7";
	case OP_DIV: return "/";
	default: return "?";
	}
}

static void print_leaf(struct printer *pr, int i)
{
	const struct op *o = &pr->ops[i];
	if (o->kind == OP_REF && !pr->values) {
		put(pr->out, pr->s->nodes[o->ref].label);
		return;
	}
	char num[48];
	double v = leaf_number(pr, o);
	/* a node's value as its box writes it (NUDGE_DIGITS), a constant as the scene does */
	fmt_num(num, sizeof num, v, o->kind == OP_NUM ? 10 : NUDGE_DIGITS);
	int wrap = v < 0 && i != pr->bare; /* 2 × (−2), (−2)² */
	if (wrap)
		put(pr->out, "(");
	put(pr->out, num);
	if (wrap)
		put(pr->out, ")");
}

/* 1 when op i is written as a label with something raised (w[1]_11's layer index, x^2):
 * its power gets parentheses, (w[1]_11)², or the ² would read as part of the index. */
static int raised_label(const struct printer *pr, int i)
{
	const struct op *o = &pr->ops[i];
	if (o->kind != OP_REF || pr->values)
		return 0;
	struct notation_run run[16];
	int n = notation_runs(pr->s->nodes[o->ref].label, run, 16);
	for (int k = 0; k < n; k++)
		if (run[k].level > 0)
			return 1;
	return 0;
}

/* Left-associative chains (a + b + c + …, a·b·c·…) are walked along their left spine
 * with an explicit stack, so an expression of 200,000 terms prints without deep recursion. */
static void print_chain(struct printer *pr, int i)
{
	int level = prec(pr, i);
	int stack_small[64], *stack = stack_small, cap = 64, n = 0;
	int j = i;
	while ((pr->ops[j].kind == OP_ADD || pr->ops[j].kind == OP_SUB || pr->ops[j].kind == OP_MUL ||
	        pr->ops[j].kind == OP_DIV) && prec(pr, j) == level) {
		if (n == cap) {
			int *ns = malloc((size_t)cap * 2 * sizeof *ns);
			if (!ns)
				break;
			memcpy(ns, stack, (size_t)n * sizeof *ns);
			if (stack != stack_small)
				free(stack);
			stack = ns;
			cap *= 2;
		}
		stack[n++] = j;
		j = pr->ops[j].a;
	}
	if (n > 0 && (pr->ops[j].kind == OP_NUM || pr->ops[j].kind == OP_REF))
		pr->bare = j; /* a chain may start with a bare negative number: −4 + 8 */
	print_wrapped(pr, j, n > 0 && prec(pr, j) < level);
	while (n > 0) {
		const struct op *o = &pr->ops[stack[--n]];
		put(pr->out, binary_sign(pr, (enum op_kind)o->kind));
		print_wrapped(pr, o->b, prec(pr, o->b) <= level);
	}
	if (stack != stack_small)
		free(stack);
}

static void print_op(struct printer *pr, int i)
{
	const struct op *o = &pr->ops[i];
	switch ((enum op_kind)o->kind) {
	case OP_NUM: case OP_REF:
		print_leaf(pr, i);
		return;
	case OP_ADD: case OP_SUB: case OP_MUL: case OP_DIV:
		print_chain(pr, i);
		return;
	case OP_NEG:
		put(pr->out, "\u2212");
		print_wrapped(pr, o->a, prec(pr, o->a) < PREC_NEG);
		return;
	case OP_POW:
		print_wrapped(pr, o->a, prec(pr, o->a) <= PREC_POW || raised_label(pr, o->a));
		if (is_small_power(pr->ops, o)) {
			put(pr->out, pr->ops[o->b].num == 2 ? "\u00b2" : "\u00b3");
			return;
		}
		put(pr->out, "^");
		/* an exponent that is not a plain number or name gets parentheses: w^(3²), not w^3² */
		print_wrapped(pr, o->b, pr->ops[o->b].kind != OP_NUM && pr->ops[o->b].kind != OP_REF);
		return;
	default:
		put(pr->out, core_func_names[o->kind - OP_EXP]);
		put(pr->out, "(");
		pr->bare = o->a;
		print_op(pr, o->a);
		put(pr->out, ")");
		return;
	}
}

static int print_tape(const struct scene *s, const struct op *ops, int root, const double *values,
                      char *buf, size_t n)
{
	struct sbuf b = { buf, n, 0 };
	if (n)
		buf[0] = '\0';
	struct printer pr = { s, ops, values, &b, root };
	print_op(&pr, root);
	return (int)(b.len > 0x7fffffff ? 0x7fffffff : b.len);
}

int expr_text(const struct scene *s, int root, const double *values, char *buf, size_t n)
{
	return print_tape(s, s->ops, root, values, buf, n);
}

int scene_expr_text(const struct scene *s, int node, const double *values, char *buf, size_t n)
{
	const struct node *nd = &s->nodes[node];
	if (nd->kind != NODE_COMPUTED) {
		if (n)
			buf[0] = '\0';
		return 0;
	}
	return expr_text(s, nd->op_end - 1, values, buf, n);
}

/* ---- symbolic local derivatives ---- */

#define SYM_MAX_SOURCE 64  /* differentiate expressions of at most this many ops */
#define SYM_MAX_OPS 512    /* and give up when the derivative grows past this */
#define SYM_MAX_TEXT 48    /* "short and simple": longer derivatives are not written */

struct sym {
	const struct scene *s;
	struct op ops[SYM_MAX_OPS]; /* the derivative's own tape */
	int n;
	int failed;                 /* too big, or an op we do not write symbolically */
};

static int sym_emit(struct sym *y, enum op_kind k, int a, int b, double num, int ref)
{
	if (y->n >= SYM_MAX_OPS) {
		y->failed = 1;
		return 0;
	}
	struct op *o = &y->ops[y->n];
	*o = (struct op){ .kind = (unsigned char)k, .a = a, .b = b, .num = num, .ref = ref, .edge = -1,
	                  .var = 1 };
	return y->n++;
}

static int num(struct sym *y, double v) { return sym_emit(y, OP_NUM, -1, -1, v, -1); }
static int is_num(const struct sym *y, int i, double v) { return y->ops[i].kind == OP_NUM && y->ops[i].num == v; }
static int is_any_num(const struct sym *y, int i) { return y->ops[i].kind == OP_NUM; }

static int mk_neg(struct sym *y, int a)
{
	if (is_any_num(y, a))
		return num(y, -y->ops[a].num);
	if (y->ops[a].kind == OP_NEG)
		return y->ops[a].a;
	if ((y->ops[a].kind == OP_MUL || y->ops[a].kind == OP_DIV) && is_any_num(y, y->ops[a].a))
		return sym_emit(y, (enum op_kind)y->ops[a].kind, num(y, -y->ops[y->ops[a].a].num), y->ops[a].b, 0, -1);
	return sym_emit(y, OP_NEG, a, -1, 0, -1);
}

static int mk_add(struct sym *y, int a, int b)
{
	if (is_num(y, a, 0)) return b;
	if (is_num(y, b, 0)) return a;
	if (is_any_num(y, a) && is_any_num(y, b)) return num(y, y->ops[a].num + y->ops[b].num);
	return sym_emit(y, OP_ADD, a, b, 0, -1);
}

static int mk_sub(struct sym *y, int a, int b)
{
	if (is_num(y, b, 0)) return a;
	if (is_num(y, a, 0)) return mk_neg(y, b);
	if (is_any_num(y, a) && is_any_num(y, b)) return num(y, y->ops[a].num - y->ops[b].num);
	return sym_emit(y, OP_SUB, a, b, 0, -1);
}

static int mk_mul(struct sym *y, int a, int b)
{
	if (is_any_num(y, b) && !is_any_num(y, a)) { int t = a; a = b; b = t; } /* numbers first */
	if (is_num(y, a, 0)) return a;
	if (is_num(y, a, 1)) return b;
	if (is_num(y, a, -1)) return mk_neg(y, b);
	if (is_any_num(y, a) && is_any_num(y, b)) return num(y, y->ops[a].num * y->ops[b].num);
	if (is_any_num(y, a) && y->ops[b].kind == OP_MUL && is_any_num(y, y->ops[b].a))
		return mk_mul(y, num(y, y->ops[a].num * y->ops[y->ops[b].a].num), y->ops[b].b);
	if (is_any_num(y, a) && y->ops[b].kind == OP_NEG)
		return mk_mul(y, num(y, -y->ops[a].num), y->ops[b].a);
	return sym_emit(y, OP_MUL, a, b, 0, -1);
}

static int mk_div(struct sym *y, int a, int b)
{
	if (is_num(y, b, 1)) return a;
	if (is_num(y, a, 0)) return a;
	if (is_any_num(y, b) && y->ops[b].num != 0) {
		if (is_any_num(y, a)) return num(y, y->ops[a].num / y->ops[b].num);
		if (y->ops[a].kind == OP_MUL && is_any_num(y, y->ops[a].a))
			return mk_mul(y, num(y, y->ops[y->ops[a].a].num / y->ops[b].num), y->ops[a].b);
	}
	return sym_emit(y, OP_DIV, a, b, 0, -1);
}

static int mk_pow(struct sym *y, int a, double e)
{
	if (e == 1) return a;
	if (e == 0) return num(y, 1);
	return sym_emit(y, OP_POW, a, num(y, e), 0, -1);
}

static int mk_func(struct sym *y, enum op_kind k, int a)
{
	return sym_emit(y, k, a, -1, 0, -1);
}

/* Copies scene op i (and its operands) into the derivative's tape. */
static int copy(struct sym *y, int i)
{
	const struct op *o = &y->s->ops[i];
	if (y->failed)
		return 0;
	switch ((enum op_kind)o->kind) {
	case OP_NUM: return num(y, o->num);
	case OP_REF: return sym_emit(y, OP_REF, -1, -1, 0, o->ref);
	case OP_NEG: return mk_neg(y, copy(y, o->a));
	case OP_ADD: { int a = copy(y, o->a); return sym_emit(y, OP_ADD, a, copy(y, o->b), 0, -1); }
	case OP_SUB: { int a = copy(y, o->a); return sym_emit(y, OP_SUB, a, copy(y, o->b), 0, -1); }
	case OP_MUL: { int a = copy(y, o->a); return sym_emit(y, OP_MUL, a, copy(y, o->b), 0, -1); }
	case OP_DIV: { int a = copy(y, o->a); return sym_emit(y, OP_DIV, a, copy(y, o->b), 0, -1); }
	case OP_POW: { int a = copy(y, o->a); return sym_emit(y, OP_POW, a, copy(y, o->b), 0, -1); }
	default: return mk_func(y, (enum op_kind)o->kind, copy(y, o->a));
	}
}

/* d(op i)/d(node m), simplified, as an index into y's tape. */
static int diff(struct sym *y, int i, int m)
{
	const struct op *o = &y->s->ops[i];
	if (y->failed)
		return 0;
	switch ((enum op_kind)o->kind) {
	case OP_NUM: return num(y, 0);
	case OP_REF: return num(y, o->ref == m ? 1 : 0);
	case OP_NEG: return mk_neg(y, diff(y, o->a, m));
	case OP_ADD: return mk_add(y, diff(y, o->a, m), diff(y, o->b, m));
	case OP_SUB: return mk_sub(y, diff(y, o->a, m), diff(y, o->b, m));
	case OP_MUL: {
		int da = diff(y, o->a, m), db = diff(y, o->b, m);
		int l = is_num(y, da, 0) ? da : mk_mul(y, da, copy(y, o->b));
		int r = is_num(y, db, 0) ? db : mk_mul(y, copy(y, o->a), db);
		return mk_add(y, l, r);
	}
	case OP_DIV: {
		int da = diff(y, o->a, m), db = diff(y, o->b, m);
		int l = is_num(y, da, 0) ? da : mk_div(y, da, copy(y, o->b));
		if (is_num(y, db, 0))
			return l;
		int r = mk_div(y, mk_mul(y, copy(y, o->a), db), mk_pow(y, copy(y, o->b), 2));
		return mk_sub(y, l, r);
	}
	case OP_POW: {
		const struct op *e = &y->s->ops[o->b];
		if (e->var || e->kind != OP_NUM) {
			if (e->var)
				y->failed = 1; /* a variable exponent: not written symbolically */
			else if (!is_num(y, diff(y, o->a, m), 0))
				y->failed = 1;
			return num(y, 0);
		}
		int da = diff(y, o->a, m);
		if (is_num(y, da, 0))
			return da;
		return mk_mul(y, mk_mul(y, num(y, e->num), mk_pow(y, copy(y, o->a), e->num - 1)), da);
	}
	default: break;
	}
	int da = diff(y, o->a, m);
	if (is_num(y, da, 0))
		return da;
	int a = copy(y, o->a), f;
	switch ((enum op_kind)o->kind) {
	case OP_EXP: f = mk_func(y, OP_EXP, a); break;
	case OP_LOG: f = mk_div(y, num(y, 1), a); break;
	case OP_SQRT: f = mk_div(y, num(y, 1), mk_mul(y, num(y, 2), mk_func(y, OP_SQRT, a))); break;
	case OP_SIN: f = mk_func(y, OP_COS, a); break;
	case OP_COS: f = mk_neg(y, mk_func(y, OP_SIN, a)); break;
	case OP_TANH: f = mk_sub(y, num(y, 1), mk_pow(y, mk_func(y, OP_TANH, a), 2)); break;
	case OP_SIGMOID: {
		int sg = mk_func(y, OP_SIGMOID, a);
		f = mk_mul(y, sg, mk_sub(y, num(y, 1), mk_func(y, OP_SIGMOID, copy(y, o->a))));
		break;
	}
	default: y->failed = 1; return num(y, 0); /* abs, relu: a step, not a formula */
	}
	return mk_mul(y, f, da);
}

int scene_local_text(const struct scene *s, int edge, char *buf, size_t n)
{
	if (n)
		buf[0] = '\0';
	if (edge < 0 || edge >= s->n_edges)
		return 0;
	const struct node *nd = &s->nodes[s->edges[edge].to];
	if (nd->op_end - nd->op_begin > SYM_MAX_SOURCE)
		return 0;
	struct sym *y = malloc(sizeof *y);
	if (!y)
		return 0;
	y->s = s;
	y->n = 0;
	y->failed = 0;
	int root = diff(y, nd->op_end - 1, s->edges[edge].from);
	int len = 0;
	if (!y->failed) {
		char tmp[256];
		len = print_tape(s, y->ops, root, NULL, tmp, sizeof tmp);
		if (len <= SYM_MAX_TEXT)
			len = snprintf(buf, n, "%s", tmp);
		else
			len = 0;
	}
	free(y);
	return len;
}
