/* unit_view.c - the graph with every neuron unit collapsed into one node: a unit's
 * weights, bias and z leave the graph, the edges from its inputs go into the unit
 * (each carrying its weight), and layers are counted again. This is what the graph
 * panel lays out when it draws units; which nodes are units is unit.c's. */
#include <stdlib.h>
#include <string.h>

#include "core-private.h"
#include "nudge/unit.h"

void unit_view_free(struct unit_view *v)
{
	if (!v)
		return;
	free(v->g.nodes);
	free(v->g.edges);
	free(v->g.out);
	free(v->node);
	free(v->unit);
	free(v->edge);
	free(v->weight);
	free(v->of_node);
	free(v);
}

/* Appends the view's edge from scene node `from` (through of_node) into view node `to`. */
static void unit_view_edge(struct unit_view *v, int from, int to, int scene_edge, int weight)
{
	int e = v->g.n_edges++;
	v->g.edges[e] = (struct edge){ .from = v->of_node[from], .to = to };
	v->edge[e] = scene_edge;
	v->weight[e] = weight;
	v->g.nodes[to].n_in++;
}

struct unit_view *unit_view_new(const struct scene *s, const struct unit_set *us)
{
	struct unit_view *v = calloc(1, sizeof *v);
	if (!v)
		return NULL;
	size_t n = (size_t)s->n_nodes + 1, m = (size_t)s->n_edges + 1;
	v->g.nodes = calloc(n, sizeof *v->g.nodes);
	v->g.edges = calloc(m, sizeof *v->g.edges);
	v->node = calloc(n, sizeof *v->node);
	v->unit = calloc(n, sizeof *v->unit);
	v->of_node = calloc(n, sizeof *v->of_node);
	v->edge = calloc(m, sizeof *v->edge);
	v->weight = calloc(m, sizeof *v->weight);
	if (!v->g.nodes || !v->g.edges || !v->node || !v->unit || !v->of_node || !v->edge || !v->weight) {
		unit_view_free(v);
		return NULL;
	}
	struct scene *g = &v->g;
	g->serial = core_serial();
	g->path = s->path;
	g->plot = g->plot2 = -1; /* the plot is the scene's, not the view's */
	for (int k = 0; k < s->n_nodes; k++) { /* file order stays a topological order */
		int id = us->member[k];
		v->of_node[k] = -1;
		if (id >= 0 && us->units[id].a != k)
			continue; /* a weight, the bias or z: inside its unit's box */
		int i = g->n_nodes++;
		v->of_node[k] = i;
		v->node[i] = k;
		v->unit[i] = id;
		g->nodes[i] = s->nodes[k];
		g->nodes[i].in_first = g->n_edges;
		g->nodes[i].n_in = 0;
		if (id >= 0) {
			const struct unit *u = &us->units[id];
			for (int w = 0; w < u->n_w; w++)
				unit_view_edge(v, u->w[w].input, i, u->w[w].edge, u->w[w].param);
		} else {
			const struct node *nd = &s->nodes[k];
			for (int e = nd->in_first; e < nd->in_first + nd->n_in; e++)
				unit_view_edge(v, s->edges[e].from, i, e, -1);
		}
	}
	g->cost = v->of_node[s->cost];
	if (scene_finish(g)) {
		unit_view_free(v);
		return NULL;
	}
	return v;
}
