/* text_break.c - a plot's header or legend line broken for a narrow panel: the text
 * carries break marks ('\1' where it breaks first, '\2' next); it stays one line when
 * that fits at a given size, else it breaks at the fewest marks whose lines reach the
 * panel's least type (text_least: digits 1/68 of the figure's height, in the window and
 * exports too), so that a narrow plot column's headers grow lines instead of shrinking
 * out of the room's sight. */
#include <math.h>
#include <stdio.h>
#include "render-private.h"

#define TEXT_GOAL 68 /* the plots' text: digits at least 1/68 of the height (the back row's
                        least is 1/70; a margin for the pixel grid) */

double text_floor(const struct draw_opts *o)
{
	if (!o)
		return 0;
	double scale = o->font_scale > 0 && !o->present ? fmin(1, o->font_scale) : 1;
	return scale * o->height / (TEXT_GOAL * GRAPH_DIGIT_EM); /* a smaller type asked for
	                                                           (Ctrl+−): a lower floor */
}

double text_least(const struct panel *p)
{
	return text_floor(p->o);
}

/* s's lines broken at the marks up to level (the others a space) into out; returns
 * their size in style st, the largest at which each fits w (st->size at most). */
static double text_split(struct render *r, const char *s, const struct text_style *st, double w,
                         int level, struct text_lines *out)
{
	out->n = 1;
	size_t len = 0;
	for (const char *c = s; *c; c++) {
		int mark = *c > 0 && *c <= TEXT_BREAK_LEVELS;
		if (mark && *c <= level && out->n < TEXT_BREAK_LINES) {
			out->line[out->n - 1][len] = 0;
			out->n++;
			len = 0;
		} else if (len + 1 < TEXT_BREAK_LEN) {
			out->line[out->n - 1][len++] = mark ? ' ' : *c;
		}
	}
	out->line[out->n - 1][len] = 0;
	double size = st->size;
	for (int i = 0; i < out->n; i++)
		size = fmin(size, text_fit(r, out->line[i], st, w, 0));
	return size;
}

int text_break(struct render *r, const char *s, struct text_style *st, double w, double one,
               double least, struct text_lines *out)
{
	int top = 0;
	for (const char *c = s; *c; c++)
		if (*c > 0 && *c <= TEXT_BREAK_LEVELS && *c > top)
			top = *c;
	for (int level = 0; level <= top; level++) {
		double size = text_split(r, s, st, w, level, out);
		if (size >= (level == 0 ? one : least) || level == top) {
			st->size = size;
			return out->n;
		}
	}
	return out->n; /* not reached: the last level returns */
}
