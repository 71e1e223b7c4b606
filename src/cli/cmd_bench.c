/* cmd_bench.c - `nudge bench engine`: medians of the engine's own work on generated
 * scenes (forward + backward of a 10,000-node graph, parsing a 1 MB scene, an 800 KB
 * one-line sum). Anything else (`nudge bench [SCENE]`) is the figure benchmark. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-private.h"

/* Appends to a growing buffer; exits the benchmark on allocation failure. */
struct buf {
	char *p;
	size_t len, cap;
};

static int bput(struct buf *b, const char *s)
{
	size_t n = strlen(s);
	if (b->len + n + 1 > b->cap) {
		size_t c = b->cap ? b->cap * 2 : 1 << 16;
		while (c < b->len + n + 1)
			c *= 2;
		char *np = realloc(b->p, c);
		if (!np)
			return -1;
		b->p = np;
		b->cap = c;
	}
	memcpy(b->p + b->len, s, n + 1);
	b->len += n;
	return 0;
}

/* A layered network-like scene with `nodes` computed nodes over 100 params. */
static char *make_graph_scene(int nodes, size_t min_bytes, size_t *len)
{
	struct buf b = { 0 };
	char line[256];
	int err = bput(&b, "title \"generated benchmark\"\ninput x = 0.5\n");
	for (int i = 0; i < 100; i++) {
		snprintf(line, sizeof line, "param p%d = %g in [-2, 2]\n", i, ((i * 37) % 100) / 100.0 - 0.5);
		err |= bput(&b, line);
	}
	err |= bput(&b, "n0 = tanh(p0 * x + p1)\n");
	for (int i = 1; i < nodes || b.len < min_bytes; i++) {
		int a = i - 1, c = i > 7 ? i - 7 : 0;
		switch (i % 4) {
		case 0: snprintf(line, sizeof line, "n%d = tanh(p%d * n%d + p%d * n%d)\n", i, i % 100, a, (i * 7) % 100, c); break;
		case 1: snprintf(line, sizeof line, "n%d = sigmoid(n%d - p%d) * 0.5 + n%d / 4\n", i, a, i % 100, c); break;
		case 2: snprintf(line, sizeof line, "n%d = relu(n%d + p%d) - 0.25 * n%d\n", i, a, i % 100, c); break;
		default: snprintf(line, sizeof line, "n%d = 0.5 * (n%d - p%d)^2 + sin(n%d)\n", i, a, i % 100, c); break;
		}
		err |= bput(&b, line);
	}
	if (err) {
		free(b.p);
		return NULL;
	}
	*len = b.len;
	return b.p;
}

static char *make_sum_line(size_t bytes, size_t *len)
{
	struct buf b = { 0 };
	int err = bput(&b, "param w = 1\nJ = w");
	while (!err && b.len < bytes)
		err = bput(&b, " + w");
	err |= bput(&b, "\n");
	if (err) {
		free(b.p);
		return NULL;
	}
	*len = b.len;
	return b.p;
}

/* Times `runs` parses of src; the median goes to *median. Returns the last scene. */
static struct scene *time_parse(const char *src, size_t len, int runs, double *median)
{
	double *t = malloc((size_t)runs * sizeof *t);
	struct scene *s = NULL;
	if (!t)
		return NULL;
	for (int r = 0; r < runs; r++) {
		scene_free(s);
		double t0 = cli_now_ms();
		struct nudge_error err;
		s = scene_parse(src, len, "<bench>", &err);
		t[r] = cli_now_ms() - t0;
		if (!s) {
			fprintf(stderr, "nudge bench: the generated scene does not parse: %s\n", err.msg);
			break;
		}
	}
	*median = cli_quantile(t, runs, 0.5);
	free(t);
	return s;
}

static int bench_engine(int argc, char **argv)
{
	int nodes = 10000, runs = 200;
	for (int i = 2; i < argc; i++) {
		if (cli_is_help(argv[i])) {
			puts("usage: nudge bench engine [--nodes N] [--runs R]\n\n"
			     "Medians over R runs (default 200) of: forward + backward on a generated scene of N\n"
			     "computed nodes (default 10000); parsing a generated 1 MB scene; parsing and\n"
			     "evaluating an 800 KB one-line sum w + w + ….");
			return EXIT_OK;
		}
		if (i + 1 < argc && strcmp(argv[i], "--nodes") == 0) {
			nodes = atoi(argv[++i]);
		} else if (i + 1 < argc && strcmp(argv[i], "--runs") == 0) {
			runs = atoi(argv[++i]);
		} else {
			return cli_usage_error("bench", "unknown option '%s' (see: nudge bench engine --help)", argv[i]);
		}
	}
	if (nodes < 1 || nodes > 1000000 || runs < 1 || runs > 100000)
		return cli_usage_error("bench", "--nodes takes 1 to 1000000 and --runs 1 to 100000");
	size_t len;
	char *src = make_graph_scene(nodes, 0, &len);
	if (!src)
		return EXIT_FAIL;
	double parse_ms, *t = malloc((size_t)runs * sizeof *t);
	struct scene *s = time_parse(src, len, runs < 20 ? runs : 20, &parse_ms);
	free(src);
	struct eval *ev = s ? eval_new(s) : NULL;
	if (!t || !ev) {
		free(t);
		scene_free(s);
		return EXIT_FAIL;
	}
	for (int r = 0; r < runs; r++) {
		double t0 = cli_now_ms();
		eval_run(ev);
		t[r] = cli_now_ms() - t0;
	}
	double med = cli_quantile(t, runs, 0.5), p90 = cli_quantile(t, runs, 0.9);
	printf("forward + backward, %d nodes, %d edges, %d ops: median %.3f ms, p90 %.3f ms (%d runs)\n",
	       s->n_nodes, s->n_edges, s->n_ops, med, p90, runs);
	printf("parse of that scene (%zu KB): median %.2f ms\n", len / 1024, parse_ms);
	eval_free(ev);
	scene_free(s);

	src = make_graph_scene(1, 1 << 20, &len);
	s = src ? time_parse(src, len, 20, &parse_ms) : NULL;
	if (s)
		printf("parse of a %.2f MB scene (%d nodes): median %.2f ms\n", len / 1048576.0, s->n_nodes, parse_ms);
	scene_free(s);
	free(src);

	src = make_sum_line(800 * 1024, &len);
	s = src ? time_parse(src, len, 10, &parse_ms) : NULL;
	if (s) {
		ev = eval_new(s);
		for (int r = 0; r < 10 && ev; r++) {
			double t0 = cli_now_ms();
			eval_run(ev);
			t[r] = cli_now_ms() - t0;
		}
		if (ev)
			printf("800 KB line w + w + … (%d ops): parse median %.2f ms, forward + backward median %.2f ms\n",
			       s->n_ops, parse_ms, cli_quantile(t, 10, 0.5));
		eval_free(ev);
	}
	scene_free(s);
	free(src);
	free(t);
	return EXIT_OK;
}

int cmd_bench(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "engine") == 0)
		return bench_engine(argc, argv);
#ifdef NUDGE_HAVE_RENDER
	return cmd_bench_figure(argc, argv);
#else
	if (argc >= 2 && cli_is_help(argv[1])) {
		puts("usage: nudge bench engine [--nodes N] [--runs R]");
		return EXIT_OK;
	}
	return cli_usage_error("bench", "this build has no figures; only `nudge bench engine` is available");
#endif
}
