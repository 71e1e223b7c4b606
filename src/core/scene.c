/* scene.c - everything about a scene except reading its statements: loading a file,
 * deriving the graph's shape (outgoing edges, which nodes feed the cost, layers),
 * lookups and freeing. The parser (parser.c) builds the nodes and edges. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core-private.h"

#define NUDGE_MAX_FILE (256u << 20) /* refuse files over 256 MiB */

int scene_finish(struct scene *s)
{
	int n = s->n_nodes;
	s->out = malloc(((size_t)s->n_edges + 1) * sizeof *s->out);
	if (!s->out)
		return -1;
	for (int k = 0; k < n; k++)
		s->nodes[k].n_out = 0;
	for (int e = 0; e < s->n_edges; e++)
		s->nodes[s->edges[e].from].n_out++;
	int at = 0;
	for (int k = 0; k < n; k++) {
		s->nodes[k].out_first = at;
		at += s->nodes[k].n_out;
		s->nodes[k].n_out = 0;
	}
	for (int e = 0; e < s->n_edges; e++) {
		struct node *f = &s->nodes[s->edges[e].from];
		s->out[f->out_first + f->n_out++] = e;
	}
	/* Which nodes the cost depends on: a reverse sweep from the cost. */
	for (int k = 0; k < n; k++)
		s->nodes[k].feeds_cost = k == s->cost;
	for (int k = s->cost; k >= 0; k--) {
		struct node *nd = &s->nodes[k];
		if (!nd->feeds_cost)
			continue;
		for (int i = 0; i < nd->n_in; i++)
			s->nodes[s->edges[nd->in_first + i].from].feeds_cost = 1;
	}
	/* Layers: leaves at 0, a computed node one past its deepest input; the cost last. */
	int top = 0;
	for (int k = 0; k < n; k++) {
		struct node *nd = &s->nodes[k];
		nd->layer = 0;
		nd->per_row = nd->kind == NODE_DATA;
		if (nd->kind != NODE_COMPUTED)
			continue;
		nd->layer = 1;
		for (int i = 0; i < nd->n_in; i++) {
			const struct node *from = &s->nodes[s->edges[nd->in_first + i].from];
			if (from->layer + 1 > nd->layer)
				nd->layer = from->layer + 1;
			nd->per_row |= from->per_row;
		}
		if (nd->layer > top)
			top = nd->layer;
	}
	if (s->cost >= 0)
		s->nodes[s->cost].layer = top;
	s->n_layers = top + 1;
	return 0;
}

struct scene *scene_load(const char *path, struct nudge_error *err)
{
	struct nudge_error local;
	if (!err)
		err = &local;
	FILE *f = fopen(path, "rb");
	if (!f) {
		core_error_at(err, ERR_IO, NULL, NULL, NULL, 0, "cannot open the scene: %s", strerror(errno));
		return NULL;
	}
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap);
	int bad = buf == NULL;
	while (!bad) {
		if (len == cap) {
			if (cap >= NUDGE_MAX_FILE) {
				core_error_at(err, ERR_TOO_BIG, NULL, NULL, NULL, 0,
				              "the scene file is too large (over %u MiB)", NUDGE_MAX_FILE >> 20);
				bad = 2;
				break;
			}
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				bad = 1;
				break;
			}
			buf = nb;
			cap *= 2;
		}
		size_t got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	if (!bad && ferror(f)) {
		core_error_at(err, ERR_IO, NULL, NULL, NULL, 0, "cannot read the scene: %s",
		              errno == EISDIR ? "it is a folder, not a file" : strerror(errno));
		bad = 2;
	}
	fclose(f);
	if (bad) {
		if (bad == 1)
			core_error_at(err, ERR_TOO_BIG, NULL, NULL, NULL, 0, "out of memory reading the scene");
		free(buf);
		return NULL;
	}
	struct scene *s = scene_parse(buf, len, path, err);
	free(buf);
	return s;
}

void scene_free(struct scene *s)
{
	if (!s)
		return;
	for (int k = 0; k < s->n_nodes; k++) {
		free(s->nodes[k].name);
		free(s->nodes[k].label);
	}
	for (int i = 0; i < s->n_notes; i++)
		free(s->notes[i]);
	free(s->notes);
	free(s->nodes);
	free(s->edges);
	free(s->out);
	free(s->ops);
	free(s->data);
	free(s->title);
	free(s->path);
	free(s);
}

int scene_find(const struct scene *s, const char *name)
{
	for (int k = 0; k < s->n_nodes; k++)
		if (strcmp(s->nodes[k].name, name) == 0)
			return k;
	return -1;
}

int scene_count(const struct scene *s, enum node_kind kind)
{
	int c = 0;
	for (int k = 0; k < s->n_nodes; k++)
		c += s->nodes[k].kind == kind;
	return c;
}
