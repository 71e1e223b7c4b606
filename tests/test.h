/* test.h - a few macros for the C tests: CHECK a condition, CHECK_NEAR two numbers,
 * with file:line and a message on failure; test_report() prints the counts and gives
 * the exit status. No framework to install, output a person can read. */
#ifndef NUDGE_TEST_H
#define NUDGE_TEST_H

#include <math.h>
#include <stdio.h>

static int test_passed, test_failed;

#define CHECK(cond, ...)                                                      \
	do {                                                                  \
		if (cond) {                                                   \
			test_passed++;                                        \
		} else {                                                      \
			test_failed++;                                        \
			fprintf(stderr, "%s:%d: FAIL: %s: ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__);                         \
			fputc('\n', stderr);                                  \
		}                                                             \
	} while (0)

/* |a - b| <= tol·max(1, |b|); nan equals nan, inf equals inf of the same sign. */
static inline int test_near(double a, double b, double tol)
{
	if (isnan(a) || isnan(b))
		return isnan(a) && isnan(b);
	if (isinf(a) || isinf(b))
		return a == b;
	double scale = fabs(b) > 1 ? fabs(b) : 1;
	return fabs(a - b) <= tol * scale;
}

#define CHECK_NEAR(a, b, tol, what)                                            \
	CHECK(test_near((a), (b), (tol)), "%s: got %.17g, expected %.17g", (what), (double)(a), (double)(b))

static inline int test_report(const char *name)
{
	printf("%s: %d checks passed, %d failed\n", name, test_passed, test_failed);
	return test_failed ? 1 : 0;
}

#endif
