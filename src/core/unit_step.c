/* unit_step.c - the step sentence inside a neuron unit whose z is written inside g(…):
 * the trace's sentence names only a (h₁ = tanh(w₁₁·x1 + …)), while the unit's box
 * shows z and a apart, so here a's forward step reads "z = w₁₁·x1 + … = −0.2, h₁ =
 * tanh(z) = −0.1974", a's backward step adds "dJ/dz = dJ/dh₁ · tanh′(z) = …", and a
 * weight's and the bias's backward steps go through z (dJ/dw = dJ/dz · x). Numbers
 * from the trace's copy of the eval; the figure's caption uses it when units are
 * drawn. */
#include <stdio.h>
#include <string.h>

#include "nudge/format.h"
#include "nudge/trace.h"
#include "nudge/unit.h"

/* A sentence being written into a fixed buffer: only whole pieces are added, so a
 * long one is cut between pieces, never inside a character. */
struct unit_out {
	char *p;
	size_t n, len;
	int cut; /* 1: a piece did not fit */
};

static void put(struct unit_out *o, const char *s)
{
	size_t l = strlen(s);
	if (o->cut || o->len + l + 1 > o->n) {
		o->cut = 1;
		return;
	}
	memcpy(o->p + o->len, s, l + 1);
	o->len += l;
}

/* A number; in parentheses when negative unless it starts the sum ("(−0.2)"). */
static void put_num(struct unit_out *o, double v, int paren)
{
	char b[64];
	fmt_num(b, sizeof b, v, NUDGE_DIGITS);
	put(o, paren && v < 0 ? "(" : "");
	put(o, b);
	put(o, paren && v < 0 ? ")" : "");
}

/* The name of node's value at the trace's row: "x1⁽⁰⁾", "h₁⁽⁰⁾". */
static void put_name(struct unit_out *o, const struct eval *ev, int node)
{
	char b[160];
	trace_row_name(ev, node, b, sizeof b);
	put(o, b);
}

/* "dJ⁽⁰⁾/d" */
static void put_d(struct unit_out *o, const struct eval *ev)
{
	put(o, "d");
	put_name(o, ev, ev->scene->cost);
	put(o, "/d");
}

/* The activation by name, as the scene writes it. */
static const char *const unit_fn[] = { "", "tanh", "sigmoid", "relu" };

int unit_z_label(const struct scene *s, const struct unit *u, int row, char *buf, size_t n)
{
	if (u->z != u->a) /* its own node: its own label */
		return fmt_row_label(buf, n, s->nodes[u->z].label, row);
	/* z, or for an activation written a[1]_2 (the lecture's notation) z[1]_2 */
	const char *al = s->nodes[u->a].label;
	char zl[128] = "z";
	if (al[0] == 'a' && (al[1] == '[' || al[1] == '_'))
		snprintf(zl, sizeof zl, "z%s", al + 1);
	return fmt_row_label(buf, n, zl, row);
}

int unit_step_text(const struct trace *t, const struct unit_set *us, int k, char *buf, size_t n)
{
	if (!t || !us || k < 0 || k >= t->n_steps || n == 0)
		return 0;
	const struct step *st = &t->steps[k];
	const struct eval *ev = &t->nums;
	const struct scene *s = ev->scene;
	int id = st->node >= 0 ? us->member[st->node] : -1;
	if (id < 0 || (st->kind != STEP_FORWARD && st->kind != STEP_BACKWARD))
		return 0;
	const struct unit *u = &us->units[id];
	if (u->z != u->a || u->act == UNIT_LINEAR)
		return 0; /* z is its own node (its own steps name it), or a is z */
	char zl[160];
	int row = s->n_rows > 0 && s->nodes[u->a].per_row ? ev->row : -1;
	unit_z_label(s, u, row, zl, sizeof zl);
	double z, dz;
	unit_z(ev, u, &z, &dz);
	struct unit_out o = { buf, n, 0, 0 };
	buf[0] = '\0';
	if (st->kind == STEP_FORWARD) { /* z = Σ w·x + b = … = z, a = g(z) = a */
		put(&o, zl);
		put(&o, " = ");
		for (int i = 0; i < u->n_w; i++) {
			put(&o, i ? " + " : "");
			put(&o, s->nodes[u->w[i].param].label);
			put(&o, "·");
			put(&o, s->nodes[u->w[i].input].label);
		}
		if (u->bias >= 0) {
			put(&o, " + ");
			put(&o, s->nodes[u->bias].label);
		}
		put(&o, " = ");
		for (int i = 0; i < u->n_w; i++) {
			put(&o, i ? " + " : "");
			put_num(&o, ev->value[u->w[i].param], i > 0);
			put(&o, " × ");
			put_num(&o, ev->value[u->w[i].input], 1);
		}
		if (u->bias >= 0) {
			put(&o, " + ");
			put_num(&o, ev->value[u->bias], 1);
		}
		put(&o, " = ");
		put_num(&o, z, 0);
		put(&o, ", ");
		put_name(&o, ev, u->a);
		put(&o, " = ");
		put(&o, unit_fn[u->act]);
		put(&o, "(");
		put(&o, zl);
		put(&o, ") = ");
		put_num(&o, ev->value[u->a], 0);
	} else if (st->node == u->a) { /* the trace's dJ/da, then dJ/dz = dJ/da · g′(z) */
		const char *a_text = trace_text(t, k);
		put(&o, a_text ? a_text : "");
		put(&o, ", ");
		put_d(&o, ev);
		put(&o, zl);
		put(&o, " = ");
		put_d(&o, ev);
		put_name(&o, ev, u->a);
		put(&o, " · ");
		put(&o, unit_fn[u->act]);
		put(&o, "′(");
		put(&o, zl);
		put(&o, ") = ");
		put_num(&o, ev->grad[u->a], 1);
		put(&o, " × ");
		put_num(&o, unit_slope(ev, u), 1);
		put(&o, " = ");
		put_num(&o, dz, 0);
	} else { /* a weight: dJ/dw = dJ/dz · x; the bias: dJ/db = dJ/dz · 1 */
		int x = -1;
		for (int i = 0; i < u->n_w; i++)
			if (u->w[i].param == st->node)
				x = u->w[i].input;
		put_d(&o, ev);
		put_name(&o, ev, st->node);
		put(&o, " = ");
		put_d(&o, ev);
		put(&o, zl);
		put(&o, " · ");
		if (x >= 0)
			put_name(&o, ev, x);
		else
			put(&o, "1");
		put(&o, " = ");
		put_num(&o, dz, 1);
		put(&o, " × ");
		put_num(&o, x >= 0 ? ev->value[x] : 1, 1);
		put(&o, " = ");
		put_num(&o, ev->grad[st->node], 0);
	}
	return (int)o.len;
}
