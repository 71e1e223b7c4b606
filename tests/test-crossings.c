/* test-crossings.c - edge crossings of nudge's graph layout against graphviz `dot` on
 * the same graphs (issue 12 item 3): each graph is written as DOT with its boxes' sizes,
 * laid out by `dot -Tplain`, and the crossings of straight edges between node centres
 * are counted for both layouts; on the built-in scenes and layered networks nudge's
 * (one row, as laid out) may have no more than dot's (equal, 0 to 19068, before wide
 * layers stack). Where they stack (2-4-4-1, 3-6-6-1) a straight line from a leaf in a
 * left sub-column meets a few more (96 vs 94, 597 vs 594: 3 % allowed), though drawn
 * along its lane it crosses none the unstacked column would not. On irregular graphs
 * with long edges (sixteen tangles, counted together: one graph's count swings by a
 * tenth either way with any change) nudge's order still has more: 11 % straight, 13 %
 * as drawn (nudge's bends and lanes, dot's splines); 13 % and 15 % allowed (it was 28 %
 * and 31 % before node columns were ranked to keep edges short, swept by the node
 * columns beyond their label columns, and swept again from the best order). Also prints each graph's counts as drawn, and
 * how long a ~500-node layout takes (not asserted: tests assert no time).
 * Exits 77 (skipped) without `dot` (Debian: graphviz). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "test.h"
#include "graphs.h"
#include "render-private.h"

/* Do segments p0-p1 and q0-q1 cross properly (not at a shared end)? */
static int seg_cross(const double *p0, const double *p1, const double *q0, const double *q1)
{
	double d1 = (q1[0] - q0[0]) * (p0[1] - q0[1]) - (q1[1] - q0[1]) * (p0[0] - q0[0]);
	double d2 = (q1[0] - q0[0]) * (p1[1] - q0[1]) - (q1[1] - q0[1]) * (p1[0] - q0[0]);
	double d3 = (p1[0] - p0[0]) * (q0[1] - p0[1]) - (p1[1] - p0[1]) * (q0[0] - p0[0]);
	double d4 = (p1[0] - p0[0]) * (q1[1] - p0[1]) - (p1[1] - p0[1]) * (q1[0] - p0[0]);
	return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/* An edge as drawn: a polyline (its bends, or points along its spline). */
struct route {
	int n;              /* points */
	double xy[2 * 512]; /* x, y of each */
	double box[4];      /* bounding box: x0, y0, x1, y1 */
};

static void route_add(struct route *r, double x, double y)
{
	if (r->n >= 512)
		return;
	if (r->n == 0) {
		r->box[0] = r->box[2] = x;
		r->box[1] = r->box[3] = y;
	}
	r->box[0] = x < r->box[0] ? x : r->box[0];
	r->box[1] = y < r->box[1] ? y : r->box[1];
	r->box[2] = x > r->box[2] ? x : r->box[2];
	r->box[3] = y > r->box[3] ? y : r->box[3];
	r->xy[2 * r->n] = x;
	r->xy[2 * r->n + 1] = y;
	r->n++;
}

/* Crossings of the scene's edges drawn along their routes (every piece of one against
 * every piece of the other); edges that share a node do not count. */
static long crossings(const struct scene *s, const struct route *rt)
{
	long n = 0;
	for (int a = 0; a < s->n_edges; a++)
		for (int b = a + 1; b < s->n_edges; b++) {
			const struct edge *ea = &s->edges[a], *eb = &s->edges[b];
			const struct route *p = &rt[a], *q = &rt[b];
			if (ea->from == eb->from || ea->from == eb->to || ea->to == eb->from ||
			    ea->to == eb->to || p->box[2] < q->box[0] || q->box[2] < p->box[0] ||
			    p->box[3] < q->box[1] || q->box[3] < p->box[1])
				continue;
			for (int i = 0; i + 1 < p->n; i++)
				for (int j = 0; j + 1 < q->n; j++)
					n += seg_cross(p->xy + 2 * i, p->xy + 2 * i + 2, q->xy + 2 * j,
					               q->xy + 2 * j + 2);
		}
	return n;
}

/* Straight routes between the nodes' centres xy[2 v], xy[2 v + 1]. */
static void straight(const struct scene *s, const double *xy, struct route *rt)
{
	for (int e = 0; e < s->n_edges; e++) {
		rt[e].n = 0;
		route_add(&rt[e], xy[2 * s->edges[e].from], xy[2 * s->edges[e].from + 1]);
		route_add(&rt[e], xy[2 * s->edges[e].to], xy[2 * s->edges[e].to + 1]);
	}
}

/* Reads an edge's spline from a `dot -Tplain` edge line's points ("n x1 y1 … xn yn",
 * cubic Bézier pieces) into r, sampled at four points a piece. */
static void dot_spline(const char *pts, struct route *r)
{
	int n = 0, used = 0;
	double p[2 * 256];
	if (sscanf(pts, "%d%n", &n, &used) != 1 || n < 1 || n > 256)
		return;
	pts += used;
	for (int k = 0; k < n; k++) {
		if (sscanf(pts, "%lf %lf%n", &p[2 * k], &p[2 * k + 1], &used) != 2)
			return;
		p[2 * k + 1] = -p[2 * k + 1]; /* dot's y grows upwards */
		pts += used;
	}
	r->n = 0;
	route_add(r, p[0], p[1]);
	for (int i = 0; 3 * i + 3 < n; i++)
		for (int t4 = 1; t4 <= 4; t4++) {
			double t = t4 / 4.0, u = 1 - t, b[4] = {u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t};
			double x = 0, y = 0;
			for (int j = 0; j < 4; j++) {
				x += b[j] * p[2 * (3 * i + j)];
				y += b[j] * p[2 * (3 * i + j) + 1];
			}
			route_add(r, x, y);
		}
}

/* Lays the graph out with dot (left to right, boxes of the layout's sizes): the node
 * centres into xy, the edges' splines into rt. Returns 0, or -1 when dot failed. */
static int dot_layout(const struct scene *s, const struct graph_layout *g, double *xy,
                      struct route *rt)
{
	char path[] = "/tmp/nudge-crossings-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	FILE *f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		unlink(path);
		return -1;
	}
	fprintf(f, "digraph g {\n rankdir=LR;\n node [shape=box, fixedsize=true];\n");
	for (int v = 0; v < s->n_nodes; v++) /* 1 em = 0.2 inch */
		fprintf(f, " n%d [width=%.3f, height=%.3f];\n", v, g->items[v].bw * 0.2,
		        g->items[v].h * 0.2);
	for (int e = 0; e < s->n_edges; e++)
		fprintf(f, " n%d -> n%d;\n", s->edges[e].from, s->edges[e].to);
	fprintf(f, "}\n");
	fclose(f);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "dot -Tplain %s", path);
	FILE *p = popen(cmd, "r");
	int found = 0, splines = 0;
	char *line = NULL;
	size_t cap = 0;
	for (int e = 0; e < s->n_edges; e++)
		rt[e].n = 0;
	while (p && getline(&line, &cap, p) > 0) {
		int v, a, b, used = 0;
		double x, y;
		if (sscanf(line, "node n%d %lf %lf", &v, &x, &y) == 3 && v >= 0 && v < s->n_nodes) {
			xy[2 * v] = x;
			xy[2 * v + 1] = -y;
			found++;
		} else if (sscanf(line, "edge n%d n%d %n", &a, &b, &used) == 2 && used > 0) {
			for (int e = 0; e < s->n_edges; e++) /* the first of its twins not yet read */
				if (s->edges[e].from == a && s->edges[e].to == b && rt[e].n == 0) {
					dot_spline(line + used, &rt[e]);
					splines += rt[e].n > 1;
					break;
				}
		}
	}
	free(line);
	int rc = p ? pclose(p) : -1;
	unlink(path);
	return rc == 0 && found == s->n_nodes && splines == s->n_edges ? 0 : -1;
}

/* nudge's edges as drawn: from the source's side through the edge's bends and label,
 * into the target's side (the one-row layout g). */
static void nudge_routes(const struct scene *s, const struct graph_layout *g, struct route *rt)
{
	for (int e = 0; e < s->n_edges; e++) {
		const struct layout_item *src = &g->items[s->edges[e].from];
		const struct layout_item *dst = &g->items[s->edges[e].to];
		rt[e].n = 0;
		if (src->drop > 0) { /* a stacked leaf: down from under its box, out along its lane */
			route_add(&rt[e], src->x, src->y + src->h / 2);
			route_add(&rt[e], src->x, src->y + src->drop);
			route_add(&rt[e], g->col_x[src->col] + g->col_w[src->col], src->y + src->drop);
		} else {
			route_add(&rt[e], src->x + src->w / 2, g->port_out[e]);
		}
		for (int k = 0; k < g->edge_n[e]; k++) {
			const struct layout_item *it = &g->items[g->edge_first[e] + k];
			route_add(&rt[e], it->x - it->w / 2, it->y);
			route_add(&rt[e], it->x + it->w / 2, it->y);
		}
		route_add(&rt[e], dst->x - dst->w / 2, g->port_in[e]);
	}
}

/* Compares nudge's layout of the scene with dot's; prints the counts and the time
 * nudge's layout took. Straight between centres, nudge may have `slack` % more than
 * dot (-1: not asserted). Adds the counts to sum: straight nudge, dot, as drawn (nudge's
 * bends, dot's splines) nudge, dot. */
static void compare(struct render *r, const char *name, struct scene *s, int slack, long sum[4])
{
	CHECK(s != NULL, "%s: scene", name);
	if (!s)
		return;
	struct session ss;
	CHECK(session_open(&ss, s, NULL) == 0 && session_update(&ss) == 0, "%s: session", name);
	struct figure fig;
	figure_of_session(&fig, r, &ss);
	struct draw_opts o = {.width = 1920, .height = 1080, .units = DRAW_UNITS_OFF}; /* the
	                                            scalar graph, the one written as DOT */
	struct timespec t0, t1;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
	const struct graph_layout *g = layout_get(r, &fig, &o, 0, 1);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
	double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	double *ours = calloc((size_t)s->n_nodes * 2 + 2, sizeof *ours);
	double *dots = calloc((size_t)s->n_nodes * 2 + 2, sizeof *dots);
	struct route *rn = calloc((size_t)s->n_edges + 1, sizeof *rn);
	struct route *rd = calloc((size_t)s->n_edges + 1, sizeof *rd);
	CHECK(g && ours && dots && rn && rd, "%s: layout", name);
	if (g && ours && dots && rn && rd) {
		for (int v = 0; v < s->n_nodes; v++) {
			ours[2 * v] = g->items[v].x;
			ours[2 * v + 1] = g->items[v].y;
		}
		int ok = dot_layout(s, g, dots, rd) == 0;
		CHECK(ok, "%s: dot -Tplain failed", name);
		if (ok) {
			nudge_routes(s, g, rn);
			long a = crossings(s, rn), b = crossings(s, rd);
			straight(s, ours, rn);
			straight(s, dots, rd);
			long sa = crossings(s, rn), sb = crossings(s, rd);
			printf("%-18s %4d nodes %4d edges: crossings as drawn: nudge %ld, dot %ld; "
			       "straight: nudge %ld, dot %ld; layout %.1f ms\n",
			       name, s->n_nodes, s->n_edges, a, b, sa, sb, ms);
			CHECK(slack < 0 || sa <= sb + sb * slack / 100,
			      "%s: %ld crossings, dot %ld (+%d %% allowed)", name, sa, sb, slack);
			long got[4] = {sa, sb, a, b};
			for (int k = 0; k < 4; k++)
				sum[k] += got[k];
		}
	}
	free(rn);
	free(rd);
	free(ours);
	free(dots);
	render_forget_scene(r);
	session_close(&ss);
}

/* The scene of a generated text (graphs.h), kept in $NUDGE_TEST_WRITE when set. */
static struct scene *parsed(const char *name, char *text)
{
	struct nudge_error err;
	graphs_keep(name, text);
	struct scene *s = text ? scene_parse(text, strlen(text), name, &err) : NULL;
	CHECK(s != NULL, "%s: %s", name, text ? err.msg : "out of memory");
	free(text);
	return s;
}

int main(void)
{
	if (system("command -v dot >/dev/null 2>&1") != 0) {
		puts("test-crossings: graphviz `dot` is not installed (scripts/deps --test): skipped");
		return 77;
	}
	char err[300];
	struct render *r = render_new(NUDGE_TEST_FONTS, err, sizeof err);
	CHECK(r != NULL, "render_new: %s", err);
	if (!r)
		return test_report("test-crossings");
	static const char *const builtin[] = {"computation-graph", "network", "logistic", "fit-line"};
	long sum[4] = {0};
	for (size_t i = 0; i < sizeof builtin / sizeof builtin[0]; i++) {
		char path[512];
		struct nudge_error e;
		snprintf(path, sizeof path, "%s/%s.nudge", NUDGE_TEST_SCENES, builtin[i]);
		compare(r, builtin[i], scene_load(path, &e), 0, sum);
	}
	static const int n221[] = {2, 2, 1}, n2441[] = {2, 4, 4, 1}, n3661[] = {3, 6, 6, 1};
	compare(r, "2-2-1 network", parsed("net221", graphs_network(n221, 3)), 0, sum);
	compare(r, "2-4-4-1 network", parsed("net2441", graphs_network(n2441, 4)), 3, sum);
	compare(r, "3-6-6-1 network", parsed("net3661", graphs_network(n3661, 4)), 3, sum);
	static const int n4cccc1[] = {4, 12, 12, 12, 1}; /* 471 nodes */
	compare(r, "4-12-12-12-1 net", parsed("net465", graphs_network(n4cccc1, 5)), 0, sum);
	memset(sum, 0, sizeof sum);
	for (unsigned seed = 1; seed <= 8; seed++) { /* tangles of 40 and of 120 nodes */
		char name[32];
		snprintf(name, sizeof name, "tangle40-%u", seed);
		compare(r, name, parsed(name, graphs_tangle(6, 40, seed)), -1, sum);
		snprintf(name, sizeof name, "tangle120-%u", seed);
		compare(r, name, parsed(name, graphs_tangle(10, 120, seed)), -1, sum);
	}
	printf("16 tangles: crossings straight: nudge %ld, dot %ld (%+.0f %%); as drawn: nudge %ld, "
	       "dot %ld (%+.0f %%)\n", sum[0], sum[1], 100.0 * (sum[0] - sum[1]) / sum[1], sum[2], sum[3],
	       100.0 * (sum[2] - sum[3]) / sum[3]);
	CHECK(sum[0] <= sum[1] * 113 / 100, "16 tangles: %ld crossings straight, dot %ld (+13 %% allowed)",
	      sum[0], sum[1]);
	CHECK(sum[2] <= sum[3] * 115 / 100, "16 tangles: %ld crossings as drawn, dot %ld (+15 %% allowed)",
	      sum[2], sum[3]);
	render_free(r);
	render_shutdown();
	return test_report("test-crossings");
}
