/* format.c - numbers as text: short and readable for people (trace, tables, figures),
 * exact and round-tripping for JSON. No locale: always '.' as decimal point. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nudge/format.h"

#define FMT_WHOLE 6 /* a number this many significant digits write exactly is written whole */

/* %.*g with trailing zeros of the fraction removed ("6.00100" -> "6.001", "1.50e+03" stays). */
static void trim_g(char *s)
{
	char *e = strchr(s, 'e');
	char *dot = strchr(s, '.');
	if (!dot)
		return;
	char *stop = e ? e : s + strlen(s);
	char *q = stop;
	while (q > dot + 1 && q[-1] == '0')
		q--;
	if (q == dot + 1)
		q = dot;
	memmove(q, stop, strlen(stop) + 1);
}

/* Exponent as superscript digits: -7 -> "⁻⁷". */
static void fmt_sup(char *out, size_t n, int e)
{
	static const char *const sup[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
	char digits[16];
	snprintf(digits, sizeof digits, "%d", e < 0 ? -e : e);
	snprintf(out, n, "%s", e < 0 ? "⁻" : "");
	for (const char *d = digits; *d; d++)
		snprintf(out + strlen(out), n - strlen(out), "%s", sup[*d - '0']);
}

/* people: 1 for "2.4×10⁻⁷" and U+2212 minus, 0 for "2.4e-07" and ASCII. A number that
 * %.6g writes exactly (10.125, 0.0625) is written whole even when digits is fewer. */
static int fmt_num_with(char *buf, size_t n, double v, int digits, int people)
{
	const char *minus = people ? "\u2212" : "-";
	if (isnan(v))
		return snprintf(buf, n, "undefined");
	if (isinf(v))
		return snprintf(buf, n, "%s∞", v < 0 ? minus : "");
	if (digits < 1)
		digits = 1;
	if (digits > 17)
		digits = 17;
	char tmp[64];
	if (digits < FMT_WHOLE) {
		snprintf(tmp, sizeof tmp, "%.*g", FMT_WHOLE, fabs(v));
		if (strtod(tmp, NULL) == fabs(v))
			digits = FMT_WHOLE;
	}
	snprintf(tmp, sizeof tmp, "%.*g", digits, fabs(v));
	trim_g(tmp);
	/* -0 and values that round to 0 print without a sign */
	int neg = v < 0 && strcmp(tmp, "0") != 0;
	char *e = strchr(tmp, 'e');
	if (e && people) { /* 2.384e-07 -> 2.384×10⁻⁷ */
		char sup[64];
		fmt_sup(sup, sizeof sup, atoi(e + 1));
		*e = '\0';
		if (strcmp(tmp, "1") == 0)
			return snprintf(buf, n, "%s10%s", neg ? minus : "", sup);
		return snprintf(buf, n, "%s%s×10%s", neg ? minus : "", tmp, sup);
	}
	if (e && e[1] == '-') { /* 1e-05: the exponent's minus too */
		*e = '\0';
		return snprintf(buf, n, "%s%se%s%s", neg ? minus : "", tmp, minus, e + 2);
	}
	return snprintf(buf, n, "%s%s", neg ? minus : "", tmp);
}

/* b − a as read back from a and b written with r digits. */
static double written_change(double a, double b, int r)
{
	char sa[64], sb[64];
	fmt_num_with(sa, sizeof sa, a, r, 0);
	fmt_num_with(sb, sizeof sb, b, r, 0);
	return strtod(sb, NULL) - strtod(sa, NULL);
}

int fmt_digits_apart(double a, double b, int digits)
{
	if (!isfinite(a) || !isfinite(b) || a == b)
		return digits;
	char want[64], got[64];
	fmt_num_with(want, sizeof want, b - a, digits, 0);
	int r = digits;
	for (; r < 15; r++) {
		fmt_num_with(got, sizeof got, written_change(a, b, r), digits, 0);
		if (strcmp(got, want) == 0)
			break;
	}
	return r;
}

double fmt_slider_step(double lo, double hi)
{
	double range = hi - lo;
	return range > 0 && isfinite(range) ? pow(10, floor(log10(range / 500))) : 1;
}

int fmt_num(char *buf, size_t n, double v, int digits)
{
	return fmt_num_with(buf, n, v, digits, 1);
}

int fmt_num_ascii(char *buf, size_t n, double v, int digits)
{
	if (isinf(v))
		return snprintf(buf, n, "%sinf", v < 0 ? "-" : "");
	if (isnan(v))
		return snprintf(buf, n, "nan");
	return fmt_num_with(buf, n, v, digits, 0);
}

int fmt_json_num(char *buf, size_t n, double v)
{
	if (isnan(v))
		return snprintf(buf, n, "\"nan\"");
	if (isinf(v))
		return snprintf(buf, n, "\"%sinf\"", v < 0 ? "-" : "");
	if (v == 0)
		return snprintf(buf, n, "0");
	char tmp[40];
	for (int p = 15; p <= 17; p++) {
		snprintf(tmp, sizeof tmp, "%.*g", p, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	return snprintf(buf, n, "%s", tmp);
}

int fmt_row_label(char *buf, size_t n, const char *label, int row)
{
	static const char *const sup[10] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
	if (row < 0)
		return snprintf(buf, n, "%s", label);
	char digits[16], text[16 * 3 + 8] = "⁽";
	int nd = snprintf(digits, sizeof digits, "%d", row);
	for (int i = 0; i < nd; i++)
		strcat(text, sup[digits[i] - '0']);
	strcat(text, "⁾");
	return snprintf(buf, n, "%s%s", label, text);
}

const char *fmt_ellipsis(char *buf, size_t n, const char *text, int (*fits)(void *ctx, const char *s), void *ctx)
{
	if (fits(ctx, text) || n < 4)
		return text;
	size_t l = strlen(text);
	if (l > n - 4)
		l = n - 4; /* room for "…" (3 bytes) and the NUL */
	/* the longest prefix of whole characters, shorter than l, that fits with "…": a
	 * bisection (a longer prefix is never narrower), so a long equation is measured
	 * a dozen times, not once per character */
	size_t lo = 0, hi = l; /* the answer is a character's start in [lo, hi); lo fits or is 0 */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2, up = mid;
		while (mid > lo && ((unsigned char)text[mid] & 0xC0) == 0x80)
			mid--; /* back to the start of its character */
		while (mid == lo && ++up < hi) /* none after lo up to there: the next one after */
			if (((unsigned char)text[up] & 0xC0) != 0x80)
				mid = up;
		if (mid == lo)
			break; /* lo is the only start left */
		snprintf(buf, n, "%.*s…", (int)mid, text);
		if (fits(ctx, buf))
			lo = mid;
		else
			hi = mid;
	}
	snprintf(buf, n, "%.*s…", (int)lo, text);
	return buf;
}

int fmt_chars(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}
