/* scene.c - everything about a scene except reading its statements: loading a file,
 * deriving the graph's shape (outgoing edges, which nodes feed the cost, layers),
 * lookups and freeing. The parser (parser.c) builds the nodes and edges. Loading
 * uses POSIX open/fstat/read so that a named pipe or a device is refused instead of
 * blocking the window that watches the file. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core-private.h"
#include "nudge/unit.h"

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

/* Opens path for reading without ever blocking: a named pipe, a device or a folder is
 * refused before a read could wait for a writer. The open is non-blocking (a FIFO
 * opens at once), then fstat says what was opened. Returns the descriptor or -1. */
static int open_regular(const char *path, struct nudge_error *err)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		core_error_at(err, ERR_IO, NULL, NULL, NULL, 0, "cannot open the scene: %s",
		              errno == ENXIO ? "it is a socket, not a file" : strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		core_error_at(err, ERR_IO, NULL, NULL, NULL, 0, "cannot read the scene: %s", strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		const char *what = S_ISDIR(st.st_mode) ? "a folder" : S_ISFIFO(st.st_mode) ? "a named pipe" :
		                   S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device" : "not a regular file";
		core_error_at(err, ERR_IO, NULL, NULL, NULL, 0, "cannot read the scene: it is %s, not a file", what);
		close(fd);
		return -1;
	}
	if (st.st_size > (off_t)NUDGE_MAX_FILE) {
		core_error_at(err, ERR_TOO_BIG, NULL, NULL, NULL, 0, "the scene file is too large (over %u MiB)",
		              NUDGE_MAX_FILE >> 20);
		close(fd);
		return -1;
	}
	return fd;
}

struct scene *scene_load(const char *path, struct nudge_error *err)
{
	struct nudge_error local;
	if (!err)
		err = &local;
	int fd = open_regular(path, err);
	if (fd < 0)
		return NULL;
	/* Read at most NUDGE_MAX_FILE bytes even if the file grows while it is read. */
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap);
	const char *fail = buf ? NULL : "out of memory reading the scene";
	while (!fail) {
		if (len == cap) {
			if (cap >= NUDGE_MAX_FILE) {
				core_error_at(err, ERR_TOO_BIG, NULL, NULL, NULL, 0,
				              "the scene file is too large (over %u MiB)", NUDGE_MAX_FILE >> 20);
				break;
			}
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				fail = "out of memory reading the scene";
				break;
			}
			buf = nb;
			cap *= 2;
		}
		ssize_t got = read(fd, buf + len, cap - len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			core_error_at(err, ERR_IO, NULL, NULL, NULL, 0, "cannot read the scene: %s", strerror(errno));
			break;
		}
		if (got == 0) {
			close(fd);
			struct scene *s = scene_parse(buf, len, path, err);
			free(buf);
			return s;
		}
		len += (size_t)got;
	}
	if (fail)
		core_error_at(err, ERR_TOO_BIG, NULL, NULL, NULL, 0, "%s", fail);
	close(fd);
	free(buf);
	return NULL;
}

void scene_free(struct scene *s)
{
	if (!s)
		return;
	for (int k = 0; k < s->n_nodes; k++) {
		free(s->nodes[k].name);
		free(s->nodes[k].label);
		free(s->nodes[k].plain);
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
	unit_set_free(s->units);
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
