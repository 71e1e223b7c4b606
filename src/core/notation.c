/* notation.c - the lecture's label notation (nudge/notation.h): one reading of a text
 * into baseline runs, layer indexes and scripts, used to draw it (figure, window), to
 * check a label (parser) and to write it plainly (eval, trace, JSON). Only text shaped
 * like the notation is markup: a '[' that does not follow a letter is a bracket. */
#include <stdio.h>
#include <string.h>

#include "nudge/notation.h"

/* The code point of the UTF-8 sequence at p (the text was checked to be UTF-8). */
static unsigned decode(const unsigned char *p)
{
	if (p[0] < 0x80)
		return p[0];
	int n = p[0] >= 0xF0 ? 3 : p[0] >= 0xE0 ? 2 : 1;
	unsigned cp = p[0] & (0x3F >> n);
	for (int i = 1; i <= n && (p[i] & 0xC0) == 0x80; i++)
		cp = cp << 6 | (p[i] & 0x3F);
	return cp;
}

/* The code point just before p in s (p > s). */
static unsigned before(const char *s, const char *p)
{
	const char *q = p - 1;
	while (q > s && ((unsigned char)*q & 0xC0) == 0x80)
		q--;
	return decode((const unsigned char *)q);
}

static int is_alnum(unsigned c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A letter as the notation sees it: ASCII, Latin, Greek and the like with their
 * combining accents (ŷ, θ); not the signs and symbols of U+2000 on (−, ⁽, →, ∂) nor
 * × and ÷. */
static int is_letter(unsigned c)
{
	if (c < 0x80)
		return is_alnum(c) && !(c >= '0' && c <= '9');
	return c >= 0xC0 && c != 0xD7 && c != 0xF7 && (c < 0x2000 || c > 0x2BFF);
}

/* Length of the layer index at p ("[1]", "[l-1]"), or 0 if p does not start one. */
static size_t index_len(const char *p)
{
	const char *q = p + 1;
	while (*q && *q != ']') {
		if (is_alnum((unsigned char)*q) || *q == '+' || *q == '-')
			q++;
		else if (strncmp(q, "−", 3) == 0)
			q += 3;
		else
			return 0;
	}
	size_t inner = (size_t)(q - p - 1);
	return *q == ']' && inner > 0 && inner <= NOTATION_INDEX_MAX ? inner + 2 : 0;
}

/* The script after the '_' or '^' at p: its text in *r and the bytes it takes from p,
 * or 0 when none follows (a braced one must close and hold something). */
static size_t script_len(const char *p, struct notation_run *r)
{
	const char *b = p + 1, *e;
	if (*b == '{') {
		b++;
		e = strchr(b, '}');
		if (!e || e == b)
			return 0;
		r->s = b;
		r->len = (size_t)(e - b);
		return (size_t)(e + 1 - p);
	}
	for (e = b; is_alnum((unsigned char)*e); e++)
		;
	if (e == b)
		return 0;
	r->s = b;
	r->len = (size_t)(e - b);
	return (size_t)(e - p);
}

/* The markup that starts at p, or 0 when p is text. start is where the baseline text
 * before p begins (start == p: none); last is the script p directly follows, or NULL.
 * Fills *r with the run to draw and returns the bytes it takes. */
static size_t markup_at(const char *s, const char *start, const char *p, const struct notation_run *last,
                        struct notation_run *r)
{
	unsigned prev = start < p ? before(s, p) : 0;
	*r = (struct notation_run){ p, 0, 1, 0 };
	if (*p == '[') {
		if (!is_letter(prev))
			return 0;
		r->len = index_len(p);
		return r->len;
	}
	if (*p != '_' && *p != '^')
		return 0;
	if (!is_letter(prev) && !(prev >= '0' && prev <= '9') && !last)
		return 0;
	r->level = *p == '_' ? -1 : 1;
	r->stacked = last && !last->stacked && last->level == -r->level;
	return script_len(p, r);
}

int notation_runs(const char *s, struct notation_run *run, int max)
{
	int n = 0;
	const char *start = s, *p = s;
	while (*p && n + 2 < max) { /* room for the text before, the script, the text after */
		struct notation_run r;
		size_t len = markup_at(s, start, p, n > 0 && start == p ? &run[n - 1] : NULL, &r);
		if (!len) {
			p++;
			continue;
		}
		if (p > start)
			run[n++] = (struct notation_run){ start, (size_t)(p - start), 0, 0 };
		run[n++] = r;
		start = p = p + len;
	}
	if (*start)
		run[n++] = (struct notation_run){ start, strlen(start), 0, 0 };
	return n;
}

double notation_rise(const struct notation_run *run, int n, int i)
{
	int pair = run[i].stacked || (i + 1 < n && run[i + 1].stacked);
	if (run[i].level > 0)
		return pair ? -0.42 : -0.40;
	if (run[i].level < 0)
		return pair ? 0.27 : 0.22;
	return 0;
}

/* Why the '[', ']', '_' or '^' at p is not notation (markup_at said 0), into msg;
 * returns where the fault is (the '{' of an unclosed brace). */
static const char *fault(const char *s, const char *start, const char *p, int after_script, int *unclosed,
                         char *msg, size_t n)
{
	unsigned prev = start < p ? before(s, p) : 0;
	*unclosed = 0;
	if (*p == ']') {
		snprintf(msg, n, "']' closes no '[': a layer index is written w[1]");
		return p;
	}
	if (*p == '[') {
		if (!strchr(p, ']')) {
			*unclosed = 1;
			snprintf(msg, n, "'[' is not closed: a layer index is written w[1]");
		} else if (!is_letter(prev)) {
			snprintf(msg, n, "a layer index follows a letter, as in w[1]");
		} else {
			snprintf(msg, n, "a layer index holds 1 to %d letters, digits, + or − (w[1], a[l-1])",
			         NOTATION_INDEX_MAX);
		}
		return p;
	}
	const char *what = *p == '_' ? "subscript" : "superscript";
	if (p[1] == '{' && !strchr(p + 2, '}')) {
		*unclosed = 1;
		snprintf(msg, n, "'{' is not closed: a long %s is written x%c{in}", what, *p);
		return p + 1;
	}
	if (p[1] == '{')
		snprintf(msg, n, "empty %s: write x%c{in} or x%c1", what, *p, *p);
	else if (!is_letter(prev) && !(prev >= '0' && prev <= '9') && !after_script)
		snprintf(msg, n, "a %s follows a letter or a digit, as in x%c1", what, *p);
	else
		snprintf(msg, n, "'%c' starts a %s: write x%c1 or x%c{in}", *p, what, *p, *p);
	return p;
}

int notation_check(const char *s, size_t *at, int *unclosed, char *msg, size_t n)
{
	struct notation_run last = { 0 };
	int have_last = 0;
	const char *start = s;
	for (const char *p = s; *p;) {
		struct notation_run r;
		size_t len = markup_at(s, start, p, have_last && start == p ? &last : NULL, &r);
		if (len) {
			last = r;
			have_last = 1;
			start = p = p + len;
		} else if (*p == '[' || *p == ']' || *p == '_' || *p == '^') {
			*at = (size_t)(fault(s, start, p, have_last && start == p, unclosed, msg, n) - s);
			return -1;
		} else {
			p++;
		}
	}
	return 0;
}

/* Appends the bytes [s, s + len) to buf at *k (snprintf-like: counts what does not fit). */
static void put(char *buf, size_t n, size_t *k, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++, (*k)++)
		if (*k + 1 < n)
			buf[*k] = s[i];
}

/* A script written in Unicode sub- or superscript characters, when each of its
 * characters has one (digits and + - − = ( )); 0 (nothing written) when not. */
static int put_unicode(char *buf, size_t n, size_t *k, const struct notation_run *r)
{
	static const char *const sup[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹", "⁺", "⁻", "⁼", "⁽", "⁾" };
	static const char *const sub[] = { "₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉", "₊", "₋", "₌", "₍", "₎" };
	static const char signs[] = "+-=()";
	int idx[16], m = 0;
	for (size_t i = 0; i < r->len; i += (unsigned char)r->s[i] < 0x80 ? 1 : 3) {
		const char *c = r->s + i, *sign = strchr(signs, *c);
		if (m == (int)(sizeof idx / sizeof idx[0]))
			return 0;
		if (*c >= '0' && *c <= '9')
			idx[m++] = *c - '0';
		else if (*c && sign)
			idx[m++] = 10 + (int)(sign - signs);
		else if (strncmp(c, "−", 3) == 0)
			idx[m++] = 11;
		else
			return 0;
	}
	for (int i = 0; i < m; i++) {
		const char *u = (r->level > 0 ? sup : sub)[idx[i]];
		put(buf, n, k, u, strlen(u));
	}
	return m > 0;
}

int notation_plain(char *buf, size_t n, const char *s)
{
	struct notation_run run[64];
	int count = notation_runs(s, run, 64);
	size_t k = 0;
	for (int i = 0; i < count; i++) {
		const struct notation_run *r = &run[i];
		if (r->level == 0 || r->s[0] == '[') { /* text, and a layer index as written */
			put(buf, n, &k, r->s, r->len);
			continue;
		}
		if (put_unicode(buf, n, &k, r))
			continue;
		int braced = 0;
		for (size_t j = 0; j < r->len; j++)
			braced |= !is_alnum((unsigned char)r->s[j]);
		put(buf, n, &k, r->level > 0 ? "^" : "_", 1);
		put(buf, n, &k, "{", (size_t)braced);
		put(buf, n, &k, r->s, r->len);
		put(buf, n, &k, "}", (size_t)braced);
	}
	if (n > 0) { /* cut short: at a character's start */
		size_t end = k < n ? k : n - 1;
		while (end < k && end > 0 && ((unsigned char)buf[end] & 0xC0) == 0x80)
			end--;
		buf[end] = '\0';
	}
	return (int)k;
}
