/* num_cache.c - the graph's numbers as fmt_num writes them (NUDGE_DIGITS), remembered
 * by their bits: each frame lays the graph out in three variants that write the same
 * few thousand numbers, and a drag leaves most of them (the parameters) as they were.
 * fmt_num stays the one way a number is written; this only saves writing it again. */
#include <stdlib.h>
#include <string.h>
#include "render-private.h"

#define NUM_CACHE_BITS 13 /* 8192 slots, one number each (a newer one takes the slot) */

struct num_slot {
	uint64_t bits; /* the number's bits */
	char s[39];    /* as written */
	char used;     /* 1: holds a number */
};

void num_cache_free(struct render *r)
{
	free(r->nums);
	r->nums = NULL;
}

void num_cache_fmt(struct render *r, char *buf, size_t n, double v)
{
	if (!r->nums)
		r->nums = calloc((size_t)1 << NUM_CACHE_BITS, sizeof *r->nums);
	uint64_t bits;
	memcpy(&bits, &v, sizeof bits);
	struct num_slot *sl = r->nums ? &r->nums[(bits * 0x9E3779B97F4A7C15ULL) >> (64 - NUM_CACHE_BITS)]
	                              : NULL;
	if (sl && sl->used && sl->bits == bits) {
		size_t len = strlen(sl->s);
		if (len < n) {
			memcpy(buf, sl->s, len + 1);
			return;
		}
	}
	int len = fmt_num(buf, n, v, NUDGE_DIGITS);
	if (sl && len >= 0 && (size_t)len < n && (size_t)len < sizeof sl->s) {
		sl->bits = bits;
		memcpy(sl->s, buf, (size_t)len + 1);
		sl->used = 1;
	}
}
