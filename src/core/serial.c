/* serial.c - numbers that no two things made by this process share: a scene's, a unit
 * view's, a resampled map's. Drawing caches key on them rather than on an address, as a
 * freed scene's address comes back for the next one allocated. Not a count anything
 * else may read meaning into. */
#include <stdatomic.h>
#include "core-private.h"

unsigned long core_serial(void)
{
	static atomic_ulong last; /* the last number given (0: none yet) */
	return atomic_fetch_add(&last, 1) + 1;
}
