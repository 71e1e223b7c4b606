/* work.h - the lecture's count of the work it takes to get every dJ/dparam: backprop's
 * two passes against one forward pass per nudged param. Counting only (work.c). */
#ifndef NUDGE_WORK_H
#define NUDGE_WORK_H

#include "scene.h"

/* The lecture's count of the work for every dJ/dparam of a graph of N nodes and P
 * params: backprop N + P node visits (a forward and a backward pass), nudging each
 * param N × P (a forward pass per param). */
struct work_count {
	long long n, p;      /* nodes, params */
	long long backprop;  /* N + P */
	long long nudge;     /* N × P */
};
#define WORK_LECTURE_N 10000   /* the lecture's example: N = 10,000 nodes, */
#define WORK_LECTURE_P 100000  /* P = 100,000 params */
struct work_count work_count_of(long long n, long long p);
struct work_count work_count_scene(const struct scene *s);

#endif
