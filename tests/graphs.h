/* graphs.h - scene texts of the large graphs the layout tests draw (issue 12 item 3): a
 * chain of mixed functions, a fully connected network written scalar by scalar, and an
 * irregular graph with skip connections. Each returns malloc'd text the caller frees
 * (NULL when out of memory); the tests parse it with scene_parse. With the environment
 * variable NUDGE_TEST_WRITE set to a folder, graphs_keep writes a text there too, so
 * the measurements in the notes can be made again with `nudge export`. */
#ifndef NUDGE_TEST_GRAPHS_H
#define NUDGE_TEST_GRAPHS_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

struct graphs_text {   /* a growing text */
	char *s;           /* malloc'd, NUL-terminated; NULL after a failed allocation */
	size_t len, cap;   /* bytes used (without the NUL) and allocated */
};

static inline void graphs_put(struct graphs_text *t, const char *fmt, ...)
{
	if (!t->s)
		return;
	for (;;) {
		va_list ap;
		va_start(ap, fmt);
		int n = vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
		va_end(ap);
		if (n < 0) {
			free(t->s);
			t->s = NULL;
			return;
		}
		if ((size_t)n < t->cap - t->len) {
			t->len += (size_t)n;
			return;
		}
		char *more = realloc(t->s, t->cap * 2 + (size_t)n);
		if (!more) {
			free(t->s);
			t->s = NULL;
			return;
		}
		t->s = more;
		t->cap = t->cap * 2 + (size_t)n;
	}
}

static inline struct graphs_text graphs_start(void)
{
	struct graphs_text t = {malloc(4096), 0, 4096};
	if (t.s)
		t.s[0] = '\0';
	return t;
}

/* A chain x0 → x1 → … → xn → J of mixed functions (x·0.9 + 0.1, tanh, x²/2 + 0.2,
 * sigmoid + 0.3), J = xn². */
static inline char *graphs_chain(int links)
{
	struct graphs_text t = graphs_start();
	graphs_put(&t, "title \"chain of %d\"\ninput x0 = 0.5\n", links);
	for (int i = 1; i <= links; i++) {
		int p = i - 1;
		switch (i % 4) {
		case 0: graphs_put(&t, "x%d = x%d*0.9 + 0.1\n", i, p); break;
		case 1: graphs_put(&t, "x%d = tanh(x%d)\n", i, p); break;
		case 2: graphs_put(&t, "x%d = x%d*x%d*0.5 + 0.2\n", i, p, p); break;
		default: graphs_put(&t, "x%d = sigmoid(x%d) + 0.3\n", i, p);
		}
	}
	graphs_put(&t, "J = x%d*x%d\ncost J\n", links, links);
	return t.s;
}

/* A fully connected network written scalar by scalar: widths[l] units in layer l (the
 * first are the inputs), tanh units and a squared error against y = 1. As the layout
 * tests write it (script 0): z = b + Σ w·a, a sigmoid output; as scripts/network-scene
 * writes it (script 1, its text line for line): z = Σ w·a + b, sliders' ranges, a
 * linear output written as a copy of its sum (a = z) and a plot of J against w1_0_0. */
static inline char *graphs_net(const int *widths, int layers, int script)
{
	struct graphs_text t = graphs_start();
	graphs_put(&t, script ? "title \"A " : "title \"");
	for (int l = 0; l < layers; l++)
		graphs_put(&t, "%s%d", l ? "-" : "", widths[l]);
	graphs_put(&t, script ? " network, scalar by scalar\"\n\n" : " network\"\n");
	for (int i = 0; i < widths[0]; i++)
		graphs_put(&t, "input a0_%d = %g\n", i, 0.3 + 0.2 * i);
	graphs_put(&t, "input y = 1\n");
	const char *range = script ? " in [-2, 2]" : "";
	for (int l = 1; l < layers; l++)
		for (int j = 0; j < widths[l]; j++) {
			for (int i = 0; i < widths[l - 1]; i++)
				graphs_put(&t, script ? "param w%d_%d_%d = %.1f%s\n" : "param w%d_%d_%d = %g%s\n", l, j,
				           i, 0.1 * ((i + 2 * j + l) % 7 - 3), range);
			graphs_put(&t, "param b%d_%d = 0.1%s\nz%d_%d = ", l, j, range, l, j);
			if (!script)
				graphs_put(&t, "b%d_%d", l, j);
			for (int i = 0; i < widths[l - 1]; i++)
				graphs_put(&t, script ? "w%d_%d_%d * a%d_%d + " : " + w%d_%d_%d * a%d_%d", l, j, i,
				           l - 1, i);
			if (script)
				graphs_put(&t, "b%d_%d", l, j);
			if (script && l == layers - 1)
				graphs_put(&t, "\na%d_%d = z%d_%d\n", l, j, l, j);
			else
				graphs_put(&t, "\na%d_%d = %s(z%d_%d)\n", l, j,
				           l == layers - 1 ? "sigmoid" : "tanh", l, j);
		}
	graphs_put(&t, "J = 0.5 * (a%d_0 - y)^2\ncost J\n%s", layers - 1, script ? "plot w1_0_0\n" : "");
	return t.s;
}

static inline char *graphs_network(const int *widths, int layers)
{
	return graphs_net(widths, layers, 0);
}

static inline char *graphs_network_scene(const int *widths, int layers)
{
	return graphs_net(widths, layers, 1);
}

/* An irregular graph: n computed nodes, each a sum of two or three earlier nodes or of
 * the `leaves` inputs (mostly a few back), chosen by a fixed linear congruential
 * sequence from seed: the skip connections a layered network lacks. */
static inline char *graphs_tangle(int leaves, int n, unsigned seed)
{
	struct graphs_text t = graphs_start();
	for (int i = 0; i < leaves; i++)
		graphs_put(&t, "input v%d = %g\n", i, 0.1 * (i + 1));
	for (int i = leaves; i < leaves + n; i++) {
		int terms = 2 + (int)((seed >> 16) % 2);
		graphs_put(&t, "v%d = 0", i);
		for (int k = 0; k < terms; k++) {
			seed = seed * 1103515245u + 12345u;
			int lo = i > leaves + 6 ? i - 6 : 0;
			graphs_put(&t, " + 0.5 * v%d", lo + (int)((seed >> 16) % (unsigned)(i - lo)));
		}
		graphs_put(&t, "\n");
	}
	graphs_put(&t, "J = v%d * v%d\ncost J\n", leaves + n - 1, leaves + n - 2);
	return t.s;
}

/* Writes text to $NUDGE_TEST_WRITE/name.nudge when that is set. */
static inline void graphs_keep(const char *name, const char *text)
{
	const char *dir = getenv("NUDGE_TEST_WRITE");
	if (!dir || !text)
		return;
	char path[1024];
	snprintf(path, sizeof path, "%s/%s.nudge", dir, name);
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

#endif
