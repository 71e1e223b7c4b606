/* format.h - numbers as people and JSON read them, and text cut to a width with "…".
 * Shared by the trace, the command line, the figures and the window so a number looks
 * the same everywhere. */
#ifndef NUDGE_FORMAT_H
#define NUDGE_FORMAT_H

#include <stddef.h>

/* Significant digits of the numbers people read: the trace's equations and the figures. */
#define NUDGE_DIGITS 4

/* For people: at most `digits` significant digits (but a number that 6 digits write
 * exactly, like 10.125, whole), trailing zeros dropped, U+2212 for minus, 2.384×10⁻⁷
 * for small and large numbers, "undefined" for nan, "∞" / "−∞", no "-0". */
int fmt_num(char *buf, size_t n, double v, int digits);

/* The fewest significant digits that write a number and its nudged value (J(w),
 * J(w + ε)) so that the change read off the two as written is, to `digits` digits, their
 * change: 121 and 121.066009 take 8 (121, 121.06601: a change of 0.06601). At least
 * digits, 15 at most (beyond, the change is rounding noise); digits when either is not
 * finite or they are equal. */
int fmt_digits_apart(double a, double b, int digits);

/* Like fmt_num but ASCII: '-' and 2.384e-07 (terminals, tables). */
int fmt_num_ascii(char *buf, size_t n, double v, int digits);

/* For JSON: the shortest form that reads back as the same double; "inf", "-inf" and
 * "nan" as JSON strings (with quotes). */
int fmt_json_num(char *buf, size_t n, double v);

/* The round step a slider on [lo, hi] moves by: a power of ten, about 1/500 of the
 * range (0.01 for a range of 10); the digits a dragged value shows. */
double fmt_slider_step(double lo, double hi);

/* One data row's name for a label: "J" and row 2 give "J⁽²⁾" (superscript digits), the
 * lecture's L⁽ⁱ⁾; row < 0 gives the label as it is. Returns the length it wanted. */
int fmt_row_label(char *buf, size_t n, const char *label, int row);

/* Text cut to fit a width, for the figure and the window alike: text itself when
 * fits(ctx, text) says it fits, else the longest prefix of whole UTF-8 characters that
 * fits with "…" after it, written to buf (n bytes); "…" alone when none does. The
 * caller measures (cairo or SDL_ttf); this knows no pixels. */
const char *fmt_ellipsis(char *buf, size_t n, const char *text, int (*fits)(void *ctx, const char *s), void *ctx);

/* Characters (not bytes) in the UTF-8 string s. */
int fmt_chars(const char *s);

#endif
