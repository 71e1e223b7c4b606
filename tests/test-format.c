/* test-format.c - numbers as text: the short form people read (Unicode minus,
 * "undefined", "∞", no "-0") and JSON numbers that read back as the same double;
 * text cut to a width with "…" on whole UTF-8 characters. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nudge/format.h"
#include "test.h"

static void expect(double v, int digits, const char *want)
{
	char b[64];
	fmt_num(b, sizeof b, v, digits);
	CHECK(strcmp(b, want) == 0, "%.17g with %d digits: '%s', expected '%s'", v, digits, b, want);
}

/* A width for fmt_ellipsis: at most *ctx characters (UTF-8 lead bytes), "…" one of them. */
static int max_chars(void *ctx, const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n <= *(int *)ctx;
}

struct count_fit { int width, calls; }; /* max_chars's width, and how often it was asked */

static int counted_fit(void *ctx, const char *s)
{
	struct count_fit *c = ctx;
	c->calls++;
	return max_chars(&c->width, s);
}

static void expect_cut(const char *text, int width, size_t room, const char *want)
{
	char b[64];
	const char *got = fmt_ellipsis(b, room, text, max_chars, &width);
	CHECK(strcmp(got, want) == 0, "'%s' in %d characters: '%s', expected '%s'", text, width, got, want);
}

static void test_ellipsis(void)
{
	expect_cut("dJ/dw = −4", 10, 64, "dJ/dw = −4");      /* fits: the text itself */
	expect_cut("dJ/dw = −4", 9, 64, "dJ/dw = …");         /* whole characters: −4 goes, not half of − */
	expect_cut("ŷ⁽⁰⁾ = w·x", 4, 64, "ŷ⁽⁰…");
	expect_cut("abc", 0, 64, "…");                        /* nothing fits: the ellipsis alone */
	expect_cut("αβγδε", 4, 8, "α…");                      /* 8 bytes: α (2) + … (3) + NUL, never a cut character */
	char b[64];
	int w = 3;
	const char *t = "abc";
	CHECK(fmt_ellipsis(b, sizeof b, t, max_chars, &w) == t, "a text that fits is returned as it is");
	/* every width of a long mixed text: the longest prefix of whole characters that
	 * fits with "…" (counted here character by character), found by bisection */
	const char *eq = "dJ/da0 = Σᵢ dJ/dzᵢ · ∂zᵢ/∂a0 = 0.25 × (−1.5) + ŷ⁽⁰⁾ · w[1]_11 − 3";
	int chars = 0;
	for (const char *q = eq; *q; q++)
		chars += ((unsigned char)*q & 0xC0) != 0x80;
	for (int width = 0; width < chars; width++) {
		char want[160] = "", got[160];
		int k = 0;
		const char *q = eq;
		while (*q && k + 1 < width) { /* width − 1 characters, then "…" */
			q++;
			while (((unsigned char)*q & 0xC0) == 0x80)
				q++;
			k++;
		}
		snprintf(want, sizeof want, "%.*s…", (int)(q - eq), eq);
		struct count_fit cf = {width, 0};
		const char *r = fmt_ellipsis(got, sizeof got, eq, counted_fit, &cf);
		CHECK(strcmp(r, want) == 0, "width %d: '%s', expected '%s'", width, r, want);
		CHECK(cf.calls <= 10, "width %d: measured %d times (bisection)", width, cf.calls);
	}
}

/* b − a read back (strtod) from a and b written with r digits (fmt_num_ascii). */
static double read_change(double a, double b, int r)
{
	char sa[64], sb[64];
	fmt_num_ascii(sa, sizeof sa, a, r);
	fmt_num_ascii(sb, sizeof sb, b, r);
	return strtod(sb, NULL) - strtod(sa, NULL);
}

/* fmt_digits_apart: a number and its nudged value written with the digits it gives show
 * their change to 4 digits (the change read back from the two texts, written with 4
 * digits, is the true change written with 4), and one digit fewer would not; for pairs
 * from ±10⁻⁴ to 10⁶ apart by 10⁻¹ to 10⁻¹⁰ of their size; and the table's example. */
static void test_digits_apart(void)
{
	CHECK(fmt_digits_apart(121, 121.066009, 4) == 8, "121, 121.066009: %d digits",
	      fmt_digits_apart(121, 121.066009, 4));
	CHECK(fmt_digits_apart(9, 9, 4) == 4 && fmt_digits_apart(NAN, 1, 4) == 4, "equal or nan: 4 digits");
	unsigned long long seed = 88172645463325252ull;
	int tried = 0;
	for (int i = 0; i < 20000; i++) {
		double u[4]; /* four uniform numbers in [0, 1) from xorshift64 */
		for (int k = 0; k < 4; k++) {
			seed ^= seed << 13;
			seed ^= seed >> 7;
			seed ^= seed << 17;
			u[k] = (double)(seed >> 11) / 9007199254740992.0;
		}
		double a = (2 * u[0] - 1) * pow(10, floor(u[1] * 10) - 4); /* ±10⁻⁴ … 10⁶ */
		double rel = pow(10, -1 - 9 * u[2]);                         /* 10⁻¹ … 10⁻¹⁰ */
		double b = a + (a != 0 ? fabs(a) : 1) * rel * (u[3] < 0.5 ? 1 : -1);
		if (b == a)
			continue;
		int r = fmt_digits_apart(a, b, 4);
		if (r >= 15)
			continue; /* capped: the change is under the numbers' noise */
		char want[64], got[64];
		fmt_num_ascii(want, sizeof want, b - a, 4);
		fmt_num_ascii(got, sizeof got, read_change(a, b, r), 4);
		CHECK(strcmp(got, want) == 0, "%.17g, %.17g with %d digits: change %s, read off them %s", a, b, r,
		      want, got);
		if (r > 4) {
			fmt_num_ascii(got, sizeof got, read_change(a, b, r - 1), 4);
			CHECK(strcmp(got, want) != 0, "%.17g, %.17g: %d digits would do (change %s)", a, b, r - 1,
			      want);
		}
		tried++;
	}
	CHECK(tried > 15000, "only %d pairs tried", tried);
}

/* fmt_chars counts characters, not bytes: against the characters written one per
 * code point (1 to 4 bytes each) into a string the test builds. */
static void test_chars(void)
{
	static const char *const pieces[] = {"w", "⁽", "∂", "𝑥", "·", "=", "é"}; /* 1, 3, 3, 4, 2, 1, 2 bytes */
	char s[256] = "";
	CHECK(fmt_chars(s) == 0, "the empty string has %d characters", fmt_chars(s));
	for (int n = 1; n <= 40; n++) {
		strcat(s, pieces[(n * 5) % 7]);
		CHECK(fmt_chars(s) == n, "'%s': %d characters, expected %d", s, fmt_chars(s), n);
	}
}

int main(void)
{
	test_chars();
	test_ellipsis();
	test_digits_apart();
	expect(-4, 6, "−4");
	expect(6.0045, 6, "6.0045");
	expect(2.0060045, 8, "2.0060045");
	expect(0.006000999999999479, 10, "0.006001");
	expect(1.0 / 3, 3, "0.333");
	expect(-0.0, 6, "0");
	expect(-1e-20, 3, "−10⁻²⁰");
	expect(123456789, 6, "1.23457×10⁸");
	expect(2.384185791015625e-07, 4, "2.384×10⁻⁷"); /* noise reads as a number, not e−07 */
	expect(-2.5e-12, 4, "−2.5×10⁻¹²");
	expect(10.125, 4, "10.125");  /* exact in 6 digits: whole */
	expect(1.0 / 3, 4, "0.3333"); /* not exact: 4 digits */
	expect(-0.28108843, 4, "−0.2811");
	expect(NAN, 6, "undefined");
	expect(INFINITY, 6, "∞");
	expect(-INFINITY, 6, "−∞");
	char b[64];
	fmt_num_ascii(b, sizeof b, -2.5, 6);
	CHECK(strcmp(b, "-2.5") == 0, "ascii minus: %s", b);
	fmt_json_num(b, sizeof b, NAN);
	CHECK(strcmp(b, "\"nan\"") == 0, "json nan: %s", b);
	fmt_json_num(b, sizeof b, -INFINITY);
	CHECK(strcmp(b, "\"-inf\"") == 0, "json -inf: %s", b);
	fmt_json_num(b, sizeof b, 0.1);
	CHECK(strcmp(b, "0.10000000000000001") != 0 && strtod(b, NULL) == 0.1, "json 0.1 is short: %s", b);
	/* a slider's step: the power of ten at most 1/500 of its range */
	static const double steps[][3] = {{0, 10, 0.01}, {-2, 2, 0.001}, {-1000, 1000, 1}, {0, 5, 0.01},
	                                  {0.5, 0.6, 0.0001}, {3, 3, 1}};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		CHECK(fabs(fmt_slider_step(steps[i][0], steps[i][1]) - steps[i][2]) < steps[i][2] * 1e-12,
		      "slider step on [%g, %g]: %g, want %g", steps[i][0], steps[i][1],
		      fmt_slider_step(steps[i][0], steps[i][1]), steps[i][2]);
	unsigned long long x = 88172645463325252ull;
	int ok = 1;
	for (int i = 0; i < 100000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		double v;
		memcpy(&v, &x, sizeof v);
		if (!isfinite(v))
			continue;
		fmt_json_num(b, sizeof b, v);
		if (strtod(b, NULL) != v) {
			ok = 0;
			CHECK(0, "%.17g printed as %s does not round-trip", v, b);
			break;
		}
	}
	CHECK(ok, "100,000 random doubles round-trip through JSON");
	return test_report("test-format");
}
