/* work.c - the lecture's count of the work it takes to get every dJ/dparam: backprop
 * does one forward and one backward pass, about N + P node visits; nudging every param
 * does one forward pass per param, about N × P. Counting only; numeric.c does the
 * passes (and measures their real visits). */
#include "nudge/work.h"

struct work_count work_count_of(long long n, long long p)
{
	return (struct work_count){ .n = n, .p = p, .backprop = n + p, .nudge = n * p };
}

struct work_count work_count_scene(const struct scene *s)
{
	return work_count_of(s->n_nodes, scene_count(s, NODE_PARAM));
}
