/* figure.c - draw_figure: the whole figure in one call for every surface. Clears the
 * background, writes the title and the step caption, and arranges the graph and the
 * figure's list of panels, in the list's order (side by side or stacked, whichever
 * shows the graph larger); figure_add and figure_panel keep that list. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "render-private.h"

double draw_ease(double t)
{
	if (!(t > 0))
		return 0;
	if (t >= 1)
		return 1;
	return t < 0.5 ? 4 * t * t * t : 1 - pow(-2 * t + 2, 3) / 2;
}

/* Title and notes; returns the height used. With cr NULL, only measures. */
static double figure_title(cairo_t *cr, struct render *r, const struct figure *fig,
                           const struct draw_opts *o, const struct theme *th, double x,
                           double y, double w, double u)
{
	const struct scene *s = fig->scene;
	int notes = o->present ? 0 : s->n_notes < 2 ? s->n_notes : 2; /* presenting: spoken */
	if (!s->title && notes == 0)
		return 0;
	double h = 0;
	if (s->title) {
		struct text_style ts = {FONT_BOLD, 34 * u, 0};
		ts.size = text_fit(r, s->title, &ts, w, 12 * u);
		h += ts.size * 1.0;
		if (cr) {
			theme_set(cr, th->fg);
			text_draw(cr, r, s->title, x, y + h, &ts);
		}
		h += ts.size * 0.35;
	}
	for (int i = 0; i < notes; i++) {
		/* the lecture's formula is often here: 26 px per 1080, and its digits never under
		 * 1/70 of the height (a 4:3 window) unless the note is too long for the width */
		struct text_style ns = {FONT_REGULAR, fmax(26 * u, o->height / (70 * GRAPH_DIGIT_EM)), 0};
		ns.size = text_fit(r, s->notes[i], &ns, w, 10 * u);
		h += ns.size * 1.3;
		if (cr) {
			theme_set(cr, th->muted);
			text_draw(cr, r, s->notes[i], x, y + h, &ns);
			if (r->geom->note_size == 0 || ns.size < r->geom->note_size)
				r->geom->note_size = ns.size;
		}
	}
	return h + 14 * u;
}

/* How well a plot of this width/height ratio reads: 1 when between 0.7 and 2.2, less
 * (to the power e) outside. */
static double figure_plot_shape(double aspect, double e)
{
	if (aspect > 2.2)
		return pow(2.2 / aspect, e);
	if (aspect < 0.7)
		return pow(aspect / 0.7, e);
	return 1;
}

#define FIGURE_PANEL_MIN_W 330 /* narrowest side column, 1080p pixels at font scale 1 (a
                                  larger scale's ticks fit in it) */
#define FIGURE_PANEL_LEAST_W 270 /* the same where a unit graph beside it would be drawn
                                  under the window's goal (GRAPH_WRAP_EM) and is bound by
                                  its width: the column gives up to this much, as far as
                                  the plots keep their type (figure_column_least) */
#define FIGURE_PANEL_STEP_W 10 /* the widths figure_column_least tries, this far apart */
#define FIGURE_PANEL_MIN_W_PRESENT 220 /* the same when presenting, at the presentation's
                                  font scale: the graph comes first, the plot's axes fit */
#define FIGURE_PANEL_MIN_H 330 /* lowest row of panels under the graph, 1080p pixels at the
                                  figure's font scale: the plot's axes and ticks (its header
                                  beside them, draw_plot) */
#define FIGURE_PLOT_LOW 8.8    /* the same for a plot alone, presenting (the graph comes
                                  first), in tick fonts: its axes keep 1.6 + 4 + 3 of them */

/* Side by side (returns 1) or stacked (0), and the graph's share of the width or height:
 * of each, the smallest share that shows the graph's numbers (nearly) as large as any
 * share can (presenting, by draw_graph_score: at the goal, with every edge label where
 * a layout can), which leaves the panels the most room; then whichever arrangement shows
 * them larger, a squashed plot counting against it (less so when presenting, where the
 * graph's numbers are what the room reads). The panels keep pmin[1] (user units) of the
 * width beside the graph, or pmin[0] of the height under it. With a map first (map)
 * the graph takes at most 60 % of the width or half the height, and a squashed map
 * counts strongly against its arrangement (which also keeps the choice from flipping
 * while the point is dragged and the values' widths change). */
static int figure_split(const struct graph_extent *ex, int n_side, int map, int present, double w,
                        double h, double gap, double u, const double pmin[2], int orient, double *share)
{
	double best[2] = {0}, pick[2] = {0.5, 0.5}, most[2];
	/* of the width: beside one or two panels 84 % (the column keeps pmin[1]; a J plot
	   and a data panel stack in it), presenting 86 % */
	most[1] = n_side > 2 ? 0.62 : present ? 0.86 : 0.84;
	most[0] = present ? 0.8 : 0.66; /* of the width [1] and of the height [0] */
	if (map) { /* the map of J over two leaves is the picture: it keeps 40 % at least of
	              the width beside the graph, half the height under it */
		most[1] = fmin(most[1], 0.6);
		most[0] = fmin(most[0], 0.5);
	}
	most[1] = fmin(most[1], 1 - (pmin[1] + gap / 2) / w);
	most[0] = fmin(most[0], 1 - (pmin[0] + gap / 2) / h);
	for (int side = 0; side < 2; side++) {
		double lo = fmin(side ? 0.45 : 0.4, most[side]), top = 0, k[64];
		int n = (int)ceil((most[side] - lo) / 0.01); /* shares lo .. most in steps of 1 % */
		n = n < 1 ? 1 : n > 63 ? 63 : n;
		for (int i = 0; i <= n; i++) {
			double f = lo + (most[side] - lo) * i / n;
			k[i] = side ? draw_graph_score(ex, w * f - gap / 2, h, u)
			            : draw_graph_score(ex, w, h * f - gap / 2, u);
			top = fmax(top, k[i]);
		}
		for (int i = 0; i <= n; i++)
			if (k[i] >= top * 0.99) {
				pick[side] = lo + (most[side] - lo) * i / n;
				best[side] = k[i];
				break;
			}
	}
	/* how the panels come out: beside, n_side of them in a column; under, in a row */
	double e = map ? 1 : present ? 0.1 : 0.2; /* a squashed map shows little of its valley */
	double k_side = best[1] * figure_plot_shape((w * (1 - pick[1]) - gap / 2) / (h / n_side), e);
	double k_stack = best[0] * figure_plot_shape((w / n_side) / (h * (1 - pick[0]) - gap / 2), e);
	int beside = orient >= 0 ? orient : k_side * 1.05 >= k_stack;
	*share = pick[beside];
	return beside;
}

/* How figure.c places each kind of panel (enum panel_kind). */
struct panel_class {
	int room;      /* 1: placed beside or under the graph; 0: it changes the graph only */
	double weight; /* in a column beside the graph: its share of the height the plots
	                  share (tables take the height of their lines instead) */
	int lecture;   /* 1: the window's hit tests see it as a lecture panel (HIT_PANEL) */
};

static const struct panel_class panel_classes[] = {
	[PANEL_COST] = {1, 0.55, 0},   [PANEL_DATA] = {1, 0.45, 0},  [PANEL_LOSS] = {1, 0.42, 1},
	[PANEL_EPS] = {1, 0.4, 1},     [PANEL_CHECK] = {1, 0, 1},    [PANEL_NUDGES] = {1, 0, 1},
	[PANEL_ROWS] = {1, 0, 1},      [PANEL_WORK] = {1, 0, 1},     [PANEL_FORWARD] = {0, 0, 0},
};
#define MAP_WEIGHT 0.85 /* the map of J over two leaves (and a classifier's data panel) */
#define FIGURE_PLOT_FONTS 14.5 /* a J plot in a column: its header in two lines, the axes'
                                  names and ticks and 4 fonts of axes, in tick fonts */
#define FIGURE_OTHER_FONTS 11.5 /* another plot in a column: a data panel's header (and a
                                  classifier's legend), the axes' names and ticks and 4
                                  fonts of axes */
#define FIGURE_TYPE_LEAST 0.75 /* a column too low for its plots' type sets it smaller,
                                  down to this much */

int figure_add(struct figure *fig, struct figure_panel p)
{
	if (fig->n_panels >= FIGURE_MAX_PANELS)
		return -1;
	fig->panel[fig->n_panels++] = p;
	return 0;
}

const struct figure_panel *figure_panel(const struct figure *fig, enum panel_kind k)
{
	for (int i = 0; i < fig->n_panels; i++)
		if (fig->panel[i].kind == k)
			return &fig->panel[i];
	return NULL;
}

const struct forward_view *figure_forward(const struct figure *fig)
{
	const struct figure_panel *p = figure_panel(fig, PANEL_FORWARD);
	return p && p->forward.tangent ? &p->forward : NULL;
}

/* Whether panel fp has anything to show (an empty one is not placed). */
static int panel_shown(const struct figure *fig, const struct figure_panel *fp)
{
	const struct scene *s = fig->scene;
	if (fp->kind <= 0 || fp->kind > PANEL_FORWARD || !panel_classes[fp->kind].room)
		return 0;
	switch (fp->kind) { /* the cost panel is placed before its samples exist
	                       (figure_plot_samples asks how many) */
	case PANEL_COST: return fp->cost.plot >= 0 && fp->cost.plot < s->n_nodes && fp->cost.curve;
	case PANEL_DATA: return fp->data && s->n_rows > 0;
	case PANEL_LOSS: return fp->loss.n > 0 && fp->loss.cost;
	case PANEL_EPS: return fp->eps.pairs && fp->eps.n > 1;
	case PANEL_CHECK: return fp->check.rows && fp->check.n > 0;
	case PANEL_NUDGES: return fp->nudges.rows && fp->nudges.n > 0;
	case PANEL_ROWS: return s->n_rows > 0;
	case PANEL_WORK: return fp->work != NULL;
	default: return 0;
	}
}

/* The panels beside (or under) the graph, in the figure's order: those that have
 * something to show and take room. */
static int figure_side(const struct figure *fig, const struct draw_opts *o, double u,
                       const struct figure_panel **of, int *map, struct panel *side)
{
	int n = 0;
	if (o->only == DRAW_GRAPH)
		return 0;
	for (int i = 0; i < fig->n_panels; i++) {
		const struct figure_panel *fp = &fig->panel[i];
		if (!panel_shown(fig, fp))
			continue;
		of[n] = fp;
		map[n] = fp->kind == PANEL_COST && land_visible(fig->scene, &fp->cost);
		side[n] = (struct panel){0, 0, 0, 0, u, NULL, o};
		n++;
	}
	return n;
}

/* The share of a column of plots the panel gets beside the graph. */
static double panel_weight(const struct figure_panel *fp, int map)
{
	if (map || (fp->kind == PANEL_DATA && fp->data->label_node >= 0))
		return MAP_WEIGHT;
	return panel_classes[fp->kind].weight;
}

int panel_lines(const struct figure *fig, const struct figure_panel *fp)
{
	return fp->kind == PANEL_WORK ? WORK_LINES : panel_classes[fp->kind].weight > 0 ? 0
	       : table_lines(fig, fp);
}

int panel_lecture(const struct figure_panel *fp)
{
	return fp->kind > 0 && fp->kind <= PANEL_FORWARD && panel_classes[fp->kind].lecture;
}

double panel_font(const struct panel *p, double em)
{
	double goal = p->o && p->o->height > 0 ? p->o->height / (PANEL_GOAL * GRAPH_DIGIT_EM) : 0;
	return fmax(em * p->u, goal);
}

#define FIGURE_WORK_ROW_EM 26 /* the work panel in a row under the graph breaks its lines
                                 at this many of its fonts */

/* The room a text panel (a table, the work panel) needs at its font (panel_font) in col:
 * its height in a column as wide as col, its width in a row; 0 for a plot. */
static double panel_text_room(const struct figure *fig, const struct figure_panel *fp,
                              const struct panel *col, int vertical)
{
	double w = 0, h = 0;
	if (fp->kind == PANEL_WORK) {
		struct panel p = *col;
		double font = panel_font(col, 21);
		if (!vertical)
			p.w = FIGURE_WORK_ROW_EM * font;
		work_room(fig->render, fig, fp->work, &p, font, &w, &h);
	} else if (panel_lines(fig, fp) > 0) {
		table_room(fig->render, fig, fp, panel_font(col, 22), col->o && col->o->steady, &w, &h);
	}
	return vertical ? h : w;
}

/* A row of plots under the graph, presenting (xor at 1024x768: the J plot beside the
 * classifier), whose widths sz[] share room (a table's, fixed[] > 0, is its own): a J
 * plot widens to write its header beside its axes (PLOT_BESIDE) where the others keep
 * 40 % of the row, and a row too low for what its plots need at their type returns the
 * smaller type that fits, down to FIGURE_TYPE_LEAST (1: it fits, or a map is in the
 * row). */
static double figure_row(const struct panel *col, const struct figure_panel *const *of,
                         const int *map, const double *fixed, int n, double *sz, double room)
{
	for (int i = 0; i < n; i++)
		if (map[i])
			return 1;
	double need = 0;
	for (int i = 0; i < n; i++) {
		if (fixed[i] > 0) /* a table or the work panel: as wide as its text */
			continue;
		double fonts = FIGURE_OTHER_FONTS;
		if (of[i]->kind == PANEL_COST) {
			double wide = PLOT_BESIDE * col->h * 1.01, rest = room - sz[i];
			if (sz[i] < wide && room - wide >= 0.4 * room && rest > 0) {
				for (int j = 0; j < n; j++)
					if (j != i && fixed[j] == 0)
						sz[j] *= (room - wide) / rest;
				sz[i] = wide;
			}
			fonts = sz[i] >= PLOT_BESIDE * col->h ? FIGURE_PLOT_LOW : FIGURE_PLOT_FONTS;
		}
		need = fmax(need, fonts);
	}
	if (need == 0)
		return 1;
	double have = col->h / (need * axes_font_least(col->o, col->u));
	return fmax(FIGURE_TYPE_LEAST, fmin(1, have));
}

/* Splits col among the side panels: tables and the work panel get the height their
 * lines need in a column, the width in a row, at their font (panel_font; together at
 * most 55 % of it beside plots), the plots share the rest
 * (a classifier's data panel, a map of two columns, as much as the map of J). */
static void figure_column(const struct panel *col, struct panel *side,
                          const struct figure_panel *const *of, const int *map, int n,
                          int vertical, double gap, const struct figure *fig)
{
	double fixed[FIGURE_MAX_PANELS] = {0}, used = gap * (n - 1), wsum = 0;
	int weigh = vertical; /* the plots' weights share the column; a row shares evenly, */
	for (int i = 0; i < n; i++)
		weigh |= map[i]; /* unless it holds a map, the picture */
	for (int i = 0; i < n; i++) {
		fixed[i] = panel_text_room(fig, of[i], col, vertical);
		if (fixed[i] > 0)
			used += fixed[i];
		else
			wsum += weigh ? panel_weight(of[i], map[i]) : 1;
	}
	double most = (wsum > 0 ? 0.55 : 1) * ((vertical ? col->h : col->w) - gap * (n - 1));
	double all = used - gap * (n - 1);
	if (all > most) { /* shrink the tables (their fonts follow) */
		for (int i = 0; i < n; i++)
			fixed[i] *= most / all;
		used = most + gap * (n - 1);
	}
	double pos = vertical ? col->y : col->x, len = vertical ? col->h : col->w, sz[FIGURE_MAX_PANELS];
	double font = axes_font_least(col->o, col->u);
	/* what each plot needs at its type: its header (which may take more lines in a narrow
	   column, of the least type: head[] keeps its size), its axes' names and ticks */
	double need[FIGURE_MAX_PANELS], head[FIGURE_MAX_PANELS];
	for (int i = 0; i < n; i++) {
		double h = 0, want = of[i]->kind == PANEL_COST ? FIGURE_PLOT_FONTS : FIGURE_OTHER_FONTS;
		need[i] = want * font;
		head[i] = 0;
		if (vertical && !map[i] && of[i]->kind == PANEL_COST)
			h = plot_need(fig->render, fig, &of[i]->cost, col, &head[i]);
		else if (vertical && of[i]->kind == PANEL_DATA)
			h = data_need(fig->render, fig, of[i]->data, col, &head[i]);
		if (h > 0)
			need[i] = fmax(need[i], h + font * 0.5);
		head[i] = fmin(head[i], need[i] - want * font * 0.5);
	}
	double short_by = 0, rest = 0;
	for (int i = 0; i < n; i++) {
		double wt = weigh && fixed[i] == 0 ? panel_weight(of[i], map[i]) : 1;
		sz[i] = fixed[i] > 0 ? fixed[i] : wsum > 0 ? (len - used) * wt / wsum : 0;
		int plot = vertical && fixed[i] == 0 && of[i]->kind == PANEL_COST && !map[i];
		if (plot && sz[i] < need[i])
			short_by += need[i] - sz[i];
		else if (fixed[i] == 0)
			rest += sz[i];
	}
	/* a J plot beside the graph gets the height its axes need (its header above them),
	   from the other plots, where they keep most of theirs */
	double take = short_by > 0 && short_by < rest * 0.4 ? short_by : 0;
	for (int i = 0; take > 0 && i < n; i++) {
		if (fixed[i] > 0)
			continue;
		if (of[i]->kind == PANEL_COST && !map[i] && sz[i] < need[i])
			sz[i] = need[i];
		else
			sz[i] -= take * sz[i] / rest;
	}
	double type = !vertical && col->o->present ? figure_row(col, of, map, fixed, n, sz, len - used) : 1;
	/* a column too low for what its plots need at their type (presenting at 1280x720: a
	   J plot over the data) shares its height by those needs and sets their type
	   smaller, so that each still draws its axes */
	double want = 0, have = 0, fixed_head = 0;
	int plots = 0;
	for (int i = 0; vertical && i < n; i++)
		if (fixed[i] == 0 && !map[i]) {
			want += need[i];
			fixed_head += head[i];
			have += sz[i];
			plots++;
		}
	if (plots > 1 && want > have) { /* headers of the least type keep their size */
		double t = (have - fixed_head) / (want - fixed_head);
		type = fmax(FIGURE_TYPE_LEAST, t);
		for (int i = 0; i < n; i++)
			if (fixed[i] == 0 && !map[i])
				sz[i] = head[i] + (need[i] - head[i]) * t;
	}
	for (int i = 0; i < n; i++) {
		side[i] = *col;
		if (fixed[i] == 0 && !map[i])
			side[i].u *= type;
		if (vertical) {
			side[i].y = pos;
			side[i].h = sz[i];
		} else {
			side[i].x = pos;
			side[i].w = sz[i];
		}
		pos += sz[i] + gap;
	}
}

#define FIGURE_PLOT_MIN_H 250 /* a plot beside a map lower than this (1080p pixels at the
                                 figure's font scale) has no room for its axes under its
                                 header */

/* figure_column beside the graph; with a map in it, the lowest of the session's other
 * plots (the data) is left out while it is too low to draw its axes: its room goes to
 * the map. Returns how many panels are left (side, of and map shortened alike). */
static int figure_column_fit(const struct panel *col, struct panel *side, const struct figure_panel **of,
                             int *map, int n, double gap, const struct figure *fig)
{
	for (;;) {
		figure_column(col, side, of, map, n, 1, gap, fig);
		int low = -1, has_map = 0;
		for (int i = 0; i < n; i++) {
			has_map |= map[i];
			if (!map[i] && panel_lines(fig, of[i]) == 0 && !panel_classes[of[i]->kind].lecture &&
			    (low < 0 || side[i].h <= side[low].h))
				low = i;
		}
		if (!has_map || low < 0 || side[low].h >= FIGURE_PLOT_MIN_H * col->u)
			return n;
		for (int i = low; i + 1 < n; i++) {
			side[i] = side[i + 1];
			of[i] = of[i + 1];
			map[i] = map[i + 1];
		}
		n--;
	}
}

/* One 1080p pixel in user units: the unit of the margins, gaps and the panels' least
 * sizes (the graph scales to its panel). */
static double figure_unit0(const struct draw_opts *o)
{
	return fmin(o->width / 1920, o->height / 1080);
}

/* The same times the font scale: the unit of the type outside the graph (the title, the
 * caption, the panels' ticks and legends). */
static double figure_unit(const struct draw_opts *o)
{
	return figure_unit0(o) * (o->font_scale > 0 ? o->font_scale : 1);
}

/* The title's unit: presenting, the title is not what the room must read, and the
 * graph gets the room a larger one would take. */
static double figure_title_unit(const struct draw_opts *o)
{
	return o->present ? figure_unit0(o) : figure_unit(o);
}

/* The window's side column's least width (user units) beside a graph of neuron units:
 * FIGURE_PANEL_MIN_W, or where the graph beside it is drawn under the goal (GRAPH_WRAP_EM;
 * a 2-2-1 network at 1024x768 is bound by its width) the narrowest, down to
 * FIGURE_PANEL_LEAST_W, that draws it larger while the column's plots keep their type
 * (figure_column sets it smaller where their headers, wrapped once more, leave their axes
 * too little height; a J plot's nudge line may get smaller, as in any narrower column,
 * text_break). Scalar graphs keep their column, and with it the font scale they take
 * (figure_scale_fit). area: the graph's area as a panel; of, map: the n panels. Under the
 * graph the panels' height decides (pmin[0]). The window holds the widest it chose
 * (steady_column). */
static double figure_column_least(const struct figure *fig, const struct graph_extent *ex,
                                  const struct panel *area, const struct figure_panel *const *of,
                                  const int *map, int n, double gap, double u, double u0,
                                  const double pmin[2], int orient)
{
	double share, k0 = 0, w = area->w, h = area->h, least = pmin[1];
	struct panel side[2][FIGURE_MAX_PANELS]; /* at FIGURE_PANEL_MIN_W, at the width tried */
	for (int c = FIGURE_PANEL_MIN_W; c >= FIGURE_PANEL_LEAST_W; c -= FIGURE_PANEL_STEP_W) {
		const double at[2] = {pmin[0], c * u0};
		int first = c == FIGURE_PANEL_MIN_W;
		if (!figure_split(ex, n, map[0], 0, w, h, gap, u, at, orient, &share))
			break; /* under the graph */
		double k = draw_graph_scale(ex, w * share - gap / 2, h, u);
		if (first && k >= GRAPH_WRAP_EM * u)
			break;
		struct panel col = *area;
		col.w = w - (w * share - gap / 2) - gap;
		figure_column(&col, side[!first], of, map, n, 1, gap / 2, fig);
		int kept = 1;
		for (int i = 0; i < n && !first; i++)
			kept &= side[1][i].u >= side[0][i].u * 0.999;
		if (!kept)
			break;
		if (first)
			k0 = k;
		else if (k > k0)
			least = at[1];
	}
	return least;
}

/* Places the graph in the area's x, y, w, h and the n panels pick[] of ar beside or
 * under it (figure_split); returns the graph's scale. */
double figure_place(const struct figure *fig, const struct draw_opts *o, const struct graph_extent *ex,
                    struct arrangement *ar, const int *pick, int n, int orient, double gap, double u, double u0)
{
	struct panel graph = {ar->x, ar->y, ar->w, ar->h, u, ar->graph.th, ar->graph.o}, col = graph;
	struct panel side[FIGURE_MAX_PANELS];
	const struct figure_panel *of[FIGURE_MAX_PANELS];
	int map[FIGURE_MAX_PANELS] = {0};
	for (int i = 0; i < n; i++) {
		side[i] = ar->side[pick[i]];
		of[i] = ar->of[pick[i]];
		map[i] = ar->map[pick[i]];
	}
	double w = ar->w, h = ar->h, share;
	int low = o->present && n == 1 && of[0]->kind == PANEL_COST && !map[0]; /* draw_plot */
	double pmin[2] = {low ? FIGURE_PLOT_LOW * axes_font_least(o, u) : FIGURE_PANEL_MIN_H * u,
	                  o->present ? FIGURE_PANEL_MIN_W_PRESENT * u : FIGURE_PANEL_MIN_W * u0};
	int plots = o->present && n > 1; /* a row of plots only: what they need at the least
	                                    type (figure_row; a J plot needs less) */
	for (int i = 0; i < n; i++)
		plots &= !map[i] && panel_lines(fig, of[i]) == 0;
	if (plots)
		pmin[0] = fmax(pmin[0], FIGURE_TYPE_LEAST * FIGURE_OTHER_FONTS * axes_font_least(o, u));
	if (n > 0 && !o->present && ex->units)
		pmin[1] = steady_column(fig->render, fig, o, of, n,
		                        figure_column_least(fig, ex, &graph, of, map, n, gap, u, u0, pmin, orient));
	int beside = n > 0 && figure_split(ex, n, map[0], o->present, w, h, gap, u, pmin, orient, &share);
	if (n > 0)
		beside = steady_split(fig->render, fig, o, of, n, w, h, beside, &share);
	if (n == 0) {
	} else if (beside) {
		graph.w = w * share - gap / 2;
		col.x = ar->x + graph.w + gap;
		col.w = w - graph.w - gap;
		int kept = figure_column_fit(&col, side, of, map, n, gap / 2, fig);
		for (int i = 0; i < n; i++) { /* what the column left out is not drawn */
			int j = 0;
			while (j < kept && of[j] != ar->of[pick[i]])
				j++;
			if (j < kept)
				ar->side[pick[i]] = side[j];
			ar->gone[pick[i]] = j == kept;
		}
		ar->graph = graph;
		return draw_graph_scale(ex, graph.w, graph.h, u);
	} else {
		graph.h = h * share - gap / 2;
		col.y = ar->y + graph.h + gap;
		col.h = h - graph.h - gap;
		figure_column(&col, side, of, map, n, 0, gap, fig);
	}
	for (int i = 0; i < n; i++) {
		ar->side[pick[i]] = side[i];
		ar->gone[pick[i]] = 0;
	}
	ar->graph = graph;
	return draw_graph_scale(ex, graph.w, graph.h, u);
}



#define FIGURE_SCALE_STEPS 6 /* halvings of the font scale's range figure_scale_fit tries */



/* figure_arrange with a caption cap high. */
static void figure_arrange_at(struct render *r, const struct figure *fig, const struct draw_opts *po,
                                const struct theme *th, struct arrangement *ar, double cap)
{
	const struct draw_opts o = *po;
	double u = figure_unit(&o), u0 = figure_unit0(&o), m = 40 * u0;
	double x = m, y = m * 0.8, w = o.width - 2 * m;
	ar->title_y = y;
	if (!o.no_title)
		y += figure_title(NULL, r, fig, &o, th, x, y, w, figure_title_unit(&o));
	double h = o.height - y - m * 0.6 - cap;
	ar->x = x;
	ar->y = y;
	ar->w = w;
	ar->h = h;
	ar->cap = cap;

	int has_graph = o.only != DRAW_PLOT;
	struct panel *side = ar->side;
	int n_side = figure_side(fig, po, u, ar->of, ar->map, side);
	double gap = 48 * u0;
	ar->graph = (struct panel){x, y, w, h, u, th, po};
	for (int i = 0; i < n_side; i++)
		ar->over[i] = ar->gone[i] = 0;
	ar->n_side = n_side;
	if (has_graph && n_side > 0) {
		struct graph_extent ex;
		draw_graph_extent(r, fig, po, &ex);
		int all[FIGURE_MAX_PANELS];
		for (int i = 0; i < n_side; i++)
			all[i] = i;
		double k = figure_place(fig, &o, &ex, ar, all, n_side, -1, gap, u, u0);
		overlay_choose(r, fig, &o, &ex, ar, k, gap, u, u0);
		int kept = 0;
		for (int i = 0; i < n_side; i++)
			if (!ar->gone[i]) {
				ar->side[kept] = ar->side[i];
				ar->of[kept] = ar->of[i];
				ar->map[kept] = ar->map[i];
				ar->over[kept] = ar->over[i];
				ar->gone[kept++] = 0;
			}
		ar->n_side = kept;
	} else if (n_side > 0) { /* no graph: the panels side by side */
		struct panel col = ar->graph;
		figure_column(&col, side, ar->of, ar->map, n_side, 0, gap, fig);
	}
	ar->has_graph = has_graph;
}

#define FIGURE_CAPTION_SHORT 0.9 /* presenting, the step sentence goes on two lines where the
                                    graph keeps its scale, or where it falls short of the
                                    goal anyway, this share of it */

/* Where everything goes (see struct arrangement). Presenting, a walk whose longest
 * sentence would be set small on one line keeps two lines' room for the caption where the
 * graph loses nothing to it (by draw_graph_score: its scale, and a layout that reaches the
 * goal with as many edge labels), or little where it falls short of the goal anyway
 * (caption.c). */
static void figure_arrange(struct render *r, const struct figure *fig, const struct draw_opts *po,
                           const struct theme *th, struct arrangement *ar)
{
	double u = figure_unit(po), w = po->width - 2 * 40 * figure_unit0(po);
	double one = caption_height(r, fig, po, w, u, 0), two = caption_height(r, fig, po, w, u, 1);
	figure_arrange_at(r, fig, po, th, ar, one);
	if (!(two > one) || !ar->has_graph)
		return;
	struct arrangement a2;
	figure_arrange_at(r, fig, po, th, &a2, two);
	struct graph_extent ex;
	draw_graph_extent(r, fig, po, &ex);
	double s1 = draw_graph_score(&ex, ar->graph.w, ar->graph.h, u);
	double s2 = draw_graph_score(&ex, a2.graph.w, a2.graph.h, u);
	if (steady_caption(r, fig, po, s2 >= s1 || (s1 < ex.goal && s2 >= s1 * FIGURE_CAPTION_SHORT)))
		*ar = a2;
}








/* Zero options made whole: the default size. */
static struct draw_opts figure_opts(const struct draw_opts *opts)
{
	struct draw_opts o = opts ? *opts : (struct draw_opts){0};
	if (!(o.width > 0))
		o.width = 1920;
	if (!(o.height > 0))
		o.height = 1080;
	return o;
}

/* The least tick font of ar's plots beside the graph (INFINITY: none). */
static double figure_ticks(const struct figure *fig, const struct arrangement *ar)
{
	double least = INFINITY;
	for (int i = 0; i < ar->n_side; i++)
		if (!ar->over[i] && panel_lines(fig, ar->of[i]) == 0)
			least = fmin(least, axes_font(&ar->side[i]));
	return least;
}

/* Does the arrangement ar (drawn with o) show the graph at scale k1 or larger and keep
 * the n panels there were at font scale 1, each plot with room for its ticks, and the
 * plots' ticks at tick1 or larger (a column sets them smaller where their headers'
 * lines of the least type take its height)? */
static int figure_scale_keeps(struct render *r, const struct figure *fig, const struct draw_opts *o,
                              const struct arrangement *ar, double k1, int n, double tick1)
{
	if (ar->n_side < n || figure_ticks(fig, ar) < tick1 - 1e-9)
		return 0;
	for (int i = 0; i < ar->n_side; i++) {
		const struct panel *p = &ar->side[i];
		double font = axes_font_least(o, p->u), need = FIGURE_OTHER_FONTS; /* figure_column's */
		if (ar->of[i]->kind == PANEL_COST && !ar->map[i])
			need = p->w >= PLOT_BESIDE * p->h ? FIGURE_PLOT_LOW : FIGURE_PLOT_FONTS;
		if (!ar->over[i] && panel_lines(fig, ar->of[i]) == 0 &&
		    (p->w < FIGURE_PLOT_MIN_FONTS * font || p->h < need * font))
			return 0;
	}
	if (!ar->has_graph || k1 <= 0)
		return 1;
	struct graph_extent ex;
	draw_graph_extent(r, fig, o, &ex);
	return draw_graph_scale(&ex, ar->graph.w, ar->graph.h, figure_unit(o)) >= 0.99 * k1;
}

/* A font scale above 1 (export --font-scale, the window's Ctrl+=) makes the type
 * outside the graph larger as far as the figure holds it: where o's scale would draw the
 * graph's numbers smaller than at scale 1, or leave a plot without room for its ticks
 * (they took the room: at 3 a network's numbers stood at 1/98 and its plot was gone),
 * or set the plots' ticks smaller, the largest scale that does not. Presenting keeps
 * its own. */
static void figure_scale_fit(struct render *r, const struct figure *fig, struct draw_opts *o,
                             const struct theme *th)
{
	double want = o->font_scale;
	if (o->present || !(want > 1))
		return;
	struct arrangement ar;
	struct draw_opts one = *o;
	one.font_scale = 1;
	figure_arrange(r, fig, &one, th, &ar);
	double k1 = 0;
	if (ar.has_graph) {
		struct graph_extent ex;
		draw_graph_extent(r, fig, &one, &ex);
		k1 = draw_graph_scale(&ex, ar.graph.w, ar.graph.h, figure_unit(&one));
	}
	int n = ar.n_side;
	double tick1 = figure_ticks(fig, &ar);
	figure_arrange(r, fig, o, th, &ar);
	if (figure_scale_keeps(r, fig, o, &ar, k1, n, tick1))
		return;
	double lo = 1, hi = want;
	for (int k = 0; k < FIGURE_SCALE_STEPS; k++) {
		o->font_scale = (lo + hi) / 2;
		figure_arrange(r, fig, o, th, &ar);
		if (figure_scale_keeps(r, fig, o, &ar, k1, n, tick1))
			lo = o->font_scale;
		else
			hi = o->font_scale;
	}
	o->font_scale = lo;
}

/* The samples fig drawn with opts shows: of the J curve (*plot_n, 0 without one) and of
 * the map (*nx by *ny, 0 without one). */
static void figure_samples(const struct figure *fig, const struct draw_opts *opts, int *plot_n, int *nx,
                           int *ny)
{
	*plot_n = *nx = *ny = 0;
	if (!fig || !fig->render || !fig->scene || !fig->ev)
		return;
	struct draw_opts o = figure_opts(opts);
	struct arrangement ar;
	figure_scale_fit(fig->render, fig, &o, theme_get(o.theme));
	figure_arrange(fig->render, fig, &o, theme_get(o.theme), &ar);
	for (int i = 0; i < ar.n_side; i++)
		if (ar.of[i]->kind == PANEL_COST && !ar.map[i])
			*plot_n = plot_sample_count(&ar.side[i]);
		else if (ar.of[i]->kind == PANEL_COST)
			land_sample_counts(&ar.side[i], nx, ny);
}

int figure_plot_samples(const struct figure *fig, const struct draw_opts *opts)
{
	int n, nx, ny;
	figure_samples(fig, opts, &n, &nx, &ny);
	return n;
}

double figure_font_scale(const struct figure *fig, const struct draw_opts *opts)
{
	struct draw_opts o = figure_opts(opts);
	if (fig && fig->render && fig->scene && fig->ev)
		figure_scale_fit(fig->render, fig, &o, theme_get(o.theme));
	return o.font_scale > 0 ? o.font_scale : 1;
}

int figure_fit_session(const struct figure *fig, const struct draw_opts *opts, struct session *ss)
{
	int n, nx, ny, changed = 0;
	figure_samples(fig, opts, &n, &nx, &ny);
	if (n > 0 && n != ss->plot_n) {
		ss->plot_n = n;
		changed = 1;
	}
	if (nx > 0 && (nx != ss->map_nx || ny != ss->map_ny)) {
		ss->map_nx = nx;
		ss->map_ny = ny;
		changed = 1;
	}
	if (changed)
		session_invalidate(ss, SESSION_VIEW);
	return changed;
}

void figure_of_session(struct figure *fig, struct render *r, const struct session *ss)
{
	*fig = (struct figure){.render = r, .scene = ss->scene, .ev = ss->ev, .trace = ss->trace,
	                       .step = ss->trace ? ss->trace->n_steps - 1 : 0, .progress = 1};
	if (ss->plot < 0 || !ss->scene || ss->plot >= ss->scene->n_nodes)
		return;
	figure_add(fig, (struct figure_panel){.kind = PANEL_COST,
	                                      .cost = {ss->plot, &ss->curve, &ss->land}});
	if (ss->scene->n_rows > 0)
		figure_add(fig, (struct figure_panel){.kind = PANEL_DATA, .data = &ss->data});
}

int draw_figure(cairo_t *cr, const struct figure *fig, const struct draw_opts *opts)
{
	if (!cr || !fig || !fig->render || !fig->scene || !fig->ev)
		return -1;
	struct draw_opts o = figure_opts(opts);
	struct render *r = fig->render;
	const struct theme *th = theme_get(o.theme);
	figure_scale_fit(r, fig, &o, th);
	double u = figure_unit(&o);
	r->geom = o.geom ? o.geom : &r->scratch; /* exports record nothing anyone reads */
	r->geom->n_hits = 0;
	r->geom->has_plot = 0;
	r->geom->has_land = 0;
	r->geom->has_data = 0;
	r->geom->panel_text = 0;
	r->geom->cards = 0;
	r->geom->has_graph = 0;
	r->geom->overview.w = 0;
	r->geom->legend.w = 0;
	r->geom->note_size = 0;
	r->geom->n_texts = 0;
	r->geom->text_panel = 0;
	text_cache_sweep(r->texts);

	cairo_save(cr);
	cairo_rectangle(cr, 0, 0, o.width, o.height);
	cairo_clip(cr);
	if (!o.transparent) {
		theme_set(cr, th->bg);
		cairo_paint(cr);
	}
	struct arrangement ar;
	figure_arrange(r, fig, &o, th, &ar);
	if (!o.no_title)
		figure_title(cr, r, fig, &o, th, ar.x, ar.title_y, ar.w, figure_title_unit(&o));
	if (ar.cap > 0)
		caption_draw(cr, r, fig, &o, th, ar.x, ar.y + ar.h, ar.w, ar.cap, u);
	if (ar.has_graph)
		draw_graph(cr, r, fig, &ar.graph);
	for (int j = 0; j < 2 * ar.n_side; j++) { /* the cards over everything else */
		int i = j % ar.n_side;
		if (j == ar.n_side)
			overlay_spot(r, fig, &ar, u, figure_unit0(&o));
		if (ar.over[i] != (j >= ar.n_side))
			continue;
		const struct figure_panel *fp = ar.of[i];
		const struct panel *p = &ar.side[i];
		if (ar.over[i]) /* over the figure: on its own background, what it covers not hit */
			overlay_cover(cr, r->geom, th, p, FIGURE_CARD_PAD * figure_unit0(&o));
		r->geom->text_panel = fp->kind;
		switch (fp->kind) {
		case PANEL_COST:
			if (ar.map[i])
				draw_landscape(cr, r, fig, &fp->cost, p);
			else
				draw_plot(cr, r, fig, &fp->cost, p);
			break;
		case PANEL_DATA: draw_data(cr, r, fig, fp->data, p); break;
		case PANEL_LOSS: draw_loss(cr, r, fig, &fp->loss, p); break;
		case PANEL_EPS: draw_eps(cr, r, fig, &fp->eps, p); break;
		case PANEL_CHECK:
		case PANEL_NUDGES:
		case PANEL_ROWS: draw_table(cr, r, fig, fp, p); break;
		case PANEL_WORK: draw_work(cr, r, fig, fp->work, p); break;
		default: break;
		}
		r->geom->text_panel = 0;
	}
	for (int i = 0; i < ar.n_side; i++)
		if (panel_lecture(ar.of[i])) {
			struct layout_box b = overlay_shown(&ar, i, FIGURE_CARD_PAD * figure_unit0(&o));
			if (b.h > 0)
				geom_add(r->geom, HIT_PANEL, -1, -1, b.x, b.y, b.w, b.h);
		}
	cairo_restore(cr);
	return cairo_status(cr) == CAIRO_STATUS_SUCCESS ? 0 : -1;
}
