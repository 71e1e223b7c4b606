/* fuzz-parser.c - the libFuzzer entry point for the scene parser: any bytes must be
 * refused with a positioned error or parsed into a scene that evaluates, traces and
 * prints without a crash, a leak or undefined behaviour. Also linked into replay.c. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nudge/eval.h"
#include "nudge/descent.h"
#include "nudge/numeric.h"
#include "nudge/scene.h"
#include "nudge/trace.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nudge_error err;
	struct scene *s = scene_parse((const char *)data, size, "fuzz", &err);
	if (!s) {
		char buf[1024];
		nudge_error_format(&err, "fuzz", buf, sizeof buf);
		if (err.kind == ERR_NONE || (err.line > 0 && err.col <= 0))
			abort(); /* every refusal says what and, with a line, where */
		return 0;
	}
	if (s->cost < 0 || s->cost >= s->n_nodes || s->nodes[s->cost].kind != NODE_COMPUTED)
		abort();
	struct eval *ev = eval_new(s);
	if (ev && s->n_ops < 100000) {
		struct trace *t = trace_build(ev);
		trace_free(t);
		char buf[256];
		for (int e = 0; e < s->n_edges && e < 64; e++)
			scene_local_text(s, e, buf, sizeof buf);
		if (s->plot >= 0)
			nudge_node(ev, s->plot, s->eps);
		char why[128];
		descend_step(ev, s->rate, why, sizeof why);
	}
	eval_free(ev);
	scene_free(s);
	return 0;
}
