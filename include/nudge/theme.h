/* theme.h - nudge's one palette, for the dark and the light theme: the figure's
 * colours (render) and the window's chrome around it (app) come from the same table
 * in src/render/theme.c, so a value is blue and a gradient orange in both. */
#ifndef NUDGE_THEME_H
#define NUDGE_THEME_H

#include "render.h"

struct rgba { double r, g, b, a; }; /* 0..1 each */

struct theme {
	/* shared by the figure and the window */
	struct rgba bg;        /* figure background; the window's overlays and edit boxes */
	struct rgba fg;        /* main text and lines */
	struct rgba muted;     /* secondary text, axes, grid labels, the status line */
	struct rgba forward;   /* forward values (Okabe-Ito blue); the window's accent */
	struct rgba backward;  /* gradients (Okabe-Ito vermillion / orange); a dragged knob */
	struct rgba wrong;     /* a wrong quiz answer, a diverging run, an error */
	/* the figure only */
	struct rgba panel;     /* panel background (plots) */
	struct rgba grid;      /* grid lines, inactive edges */
	struct rgba nudge;     /* the nudge point and secant (reddish purple) */
	struct rgba fill[4];   /* node fill by kind: input, param, data, computed */
	struct rgba edge_kind[4]; /* node outline by kind */
	struct rgba cost;      /* outline of the cost node */
	struct rgba label_bg;  /* background of edge labels and insets */
	struct rgba label_class[2]; /* a classifier's two labels, the low and the high one
	                               (Okabe-Ito, told apart in every colour blindness) */
	/* the window's chrome only */
	struct rgba bar;       /* the control bar */
	struct rgba track;     /* a slider's track, the bar's top line */
	struct rgba button;    /* a button, the selected slider */
	struct rgba button_on; /* a button that is on, the chosen list row, the quiz banner */
};

/* The palette of a theme; static, never freed. */
const struct theme *theme_get(enum draw_theme t);

#endif
