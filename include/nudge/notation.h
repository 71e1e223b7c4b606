/* notation.h - the lecture's label notation, shared by the figure, the window, the
 * parser and the text outputs: w[1]_11 is w with the layer index [1] raised and the
 * unit index 11 lowered (the lecture's w^[1]_11), x_{in} a longer subscript, x^2 a
 * superscript. Any other text is literal, so a note's "−[y log p]" reads as written.
 * The grammar is in docs/scene-format.md ("Label notation"). */
#ifndef NUDGE_NOTATION_H
#define NUDGE_NOTATION_H

#include <stddef.h>

/* One piece of text as drawn: a byte range of the text at a level. */
struct notation_run {
	const char *s; /* its first byte, inside the text given */
	size_t len;    /* its length in bytes */
	int level;     /* 0 on the baseline, 1 raised (superscript), -1 lowered (subscript) */
	int stacked;   /* 1: a script drawn at the x of the script before it, one above the
	                  other (w[1]_11: the 11 under the [1]) */
};

/* Longest layer index between the brackets, in bytes ("l-1" is 3). */
#define NOTATION_INDEX_MAX 8

/* Splits text into runs (at most max, max >= 4); the text after the last run that fits
 * is one baseline run. Returns the count; "" gives 0. */
int notation_runs(const char *s, struct notation_run *run, int max);

/* How the notation is drawn, in sizes of the text around it, by the figure and the
 * window alike: a script's size, and how far run i's baseline moves (up negative;
 * a stacked pair stands a little further apart). */
#define NOTATION_SCRIPT 0.68
double notation_rise(const struct notation_run *run, int n, int i);

/* Checks a label's notation. Every '[' opens a layer index right after a letter and
 * closes with ']' around 1 to NOTATION_INDEX_MAX letters, digits, '+', '-' or '−';
 * every '_' and '^' after a letter, a digit or a script starts a script of letters and
 * digits or one in braces. Returns 0, or -1 with *at the byte offset of the fault,
 * *unclosed 1 when a '[' or '{' is not closed, and a sentence in msg. */
int notation_check(const char *s, size_t *at, int *unclosed, char *msg, size_t n);

/* The plain form for text output: layer indexes as written (w[1]), scripts of digits
 * and signs in Unicode sub- or superscript characters (w[1]₁₁, x²), other scripts as
 * _in or _{i,j}. Returns the length it wanted, like snprintf. */
int notation_plain(char *buf, size_t n, const char *s);

#endif
