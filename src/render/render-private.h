/* render-private.h - what only the render layer's files share: fonts, the text cache,
 * themes, the graph layout, axes and the per-draw geometry kept for hit-testing.
 * Nothing here is visible to the window or the CLI (they use nudge/render.h). */
#ifndef NUDGE_RENDER_PRIVATE_H
#define NUDGE_RENDER_PRIVATE_H

#include <cairo.h>
#include <stdint.h>
#include "nudge/format.h"
#include "nudge/theme.h"
#include "nudge/render.h"
#include "nudge/unit.h"


/* ---- font.c: the bundled fonts ---- */
enum font_id { FONT_REGULAR, FONT_BOLD, FONT_ITALIC, FONT_COUNT };

struct font_set {
	cairo_font_face_t *face[FONT_COUNT]; /* owned references */
	cairo_font_options_t *options;       /* hint metrics off: sizes scale exactly */
	struct font_lib *lib;                /* shared FreeType library, ref-counted */
};

int font_set_load(struct font_set *fs, const char *dir, char *err, size_t n);
void font_set_free(struct font_set *fs);

/* ---- text.c: cached glyph runs and the small label markup ---- */
/* Text is drawn in the lecture's notation (nudge/notation.h): "w[1]_11" with [1] raised
 * and 11 lowered under it, "x_{in}" and "x^2"; everything else is literal UTF-8. */
struct text_cache;
struct text_cache *text_cache_new(void);
void text_cache_free(struct text_cache *tc);
/* Counts a frame (call once per frame) and every few frames drops the runs not used for
 * a while. */
void text_cache_sweep(struct text_cache *tc);

struct text_style {
	enum font_id font; /* which face */
	double size;       /* font size in user units */
	int plain;         /* 1: no markup, draw the string as it is */
};

/* Width of markup text in user units. */
double text_width(struct render *r, const char *s, const struct text_style *st);
/* Draws s with its baseline starting at (x, y) in the current source colour;
 * returns its width. */
double text_draw(cairo_t *cr, struct render *r, const char *s, double x, double y,
                 const struct text_style *st);
/* Largest size at most st->size at which s fits in width w (never below min). */
double text_fit(struct render *r, const char *s, const struct text_style *st, double w,
                double min);
#define TEXT_LINE_MAX 200 /* bytes of one line text_lines writes */
/* Breaks s at its spaces into lines no wider than w in style st (a word wider stands
 * alone), copied into out[0 .. most); returns how many. */
int text_lines(struct render *r, const char *s, const struct text_style *st, double w,
               char (*out)[TEXT_LINE_MAX], int most);

/* ---- theme.c: colours (the palette is nudge/theme.h) ---- */
void theme_set(cairo_t *cr, struct rgba c);
void theme_set_alpha(cairo_t *cr, struct rgba c, double alpha);

/* ---- layout.c: the layered graph layout, in em units (font size 1) ---- */
struct layout_box { double x, y, w, h; }; /* top-left corner and size */

struct layout_item {           /* one slot in a column: a node, an edge label or a bend */
	int node;                  /* node index, or -1 */
	int edge;                  /* edge index for labels and bends, or -1 */
	int is_label;              /* 1: the edge's local-derivative label */
	int col;                   /* column: 2 * layer for nodes, odd for labels */
	double w, h;               /* size for routing: nodes their box, others the column */
	double bw;                 /* width of what is drawn (box, label) */
	double x, y;               /* centre (in rows when the layout wraps) */
	double ux, uy;             /* centre in the one-row layout */
	int order;                 /* position within the column */
	double lw, lh;             /* an edge label's drawn size (in a bare layout its slot is
	                              a bend's: it is drawn, when shown, where there is room) */
	int stack;                 /* a leaf in a stacked column: its row of the stack (from 1),
	                              else 0 */
	int sub, subs;             /* its sub-column (0 leftmost) of the column's subs */
	double rh;                 /* the stack row's box height */
	double below;              /* room under the row for its left sub-columns' edges */
	double drop;               /* how far under its centre its edge leaves the column (0:
	                              from its side) */
	int unit, weight;          /* a neuron unit's box; a weight's label on its edge */
	int tall;                  /* a weight's label with each gradient's name over its
	                              number (layout_weight_tall); a leaf's box beside tall
	                              units with its gradient's name over the number */
};

struct layout_node_text {      /* what a node box shows, for sizing and drawing */
	char label[128];           /* the label as shown: "ŷ⁽⁰⁾" for one data row's value */
	char head[256];            /* "c = w·x" or "w" */
	char rest1[256];           /* the header after the label: " = w·x" (first line) */
	char rest2[256];           /* a long header's second line, or "" */
	char rest3[256];           /* a three-line header's third line (a small graph's bare
	                              layouts: "a =" over its right-hand side in two), or "" */
	char rest4[256];           /* a four-line header's last line (that right-hand side's
	                              longer line split again), or "" */
	char tag[16];              /* "input", "param", "data" or "" */
	char value[64];            /* formatted value */
	char grad_name[160];       /* "dJ/dc" */
	char grad[64];             /* formatted gradient */
	char mean_name[160];       /* data scenes, inputs and params: "dJ/dw" (the mean), else "" */
	char mean[64];             /* its formatted value */
	int over;                  /* 1: the gradients' names over their numbers (LAYOUT_NARROW;
	                              LAYOUT_STACKED where that narrows the box's column by
	                              at least the height it adds) */
};

/* ---- layout_units.c: the neuron-unit layer of the layout (nudge/unit.h) ---- */
struct layout_unit_text {      /* what a unit box shows besides its nodes' own texts */
	char head[200];            /* "h₁ = tanh(z)" */
	char z_label[64];          /* "z" ("z⁽⁰⁾" for one data row), or z's own node's label */
	char z[64];                /* z, formatted */
	char z_grad_name[160];     /* "dJ/dz" */
	char z_grad[64];           /* dJ/dz, formatted */
	char grad_head[160];       /* "dJ/d·": the head of the box's column of gradients */
};

#define LAYOUT_UNIT_ROWS 4     /* most rows of a unit box: z, a, the bias and its mean */
struct layout_unit_row {       /* one row of a unit box or of a weight's label */
	const char *name, *value;  /* "z" and its number (NULL: a gradient-only row) */
	const char *grad_name, *grad; /* "dJ/dz" (NULL: unnamed, in a column of gradients)
	                              and its number (NULL: a value-only row) */
	int node;                  /* the scene node whose steps make it known (z: z's node,
	                              or a when z is written inside g(…)) */
	int mean;                  /* 1: the mean over the rows, known from its mean step */
};

/* ---- draw_mean.c: the cost over all rows, its own node after the row's graph ---- */
struct mean_box {              /* J = (1/m) Σᵢ J⁽ⁱ⁾ (scenes with a data set only) */
	int on;                    /* 1: drawn */
	char head[160];            /* "J = (1/3) Σᵢ J⁽ⁱ⁾" */
	char value[64];            /* the mean, formatted: "5.25" */
	char foot[160];            /* "3-row mean" */
	char shown[160];           /* "row 0 shown" (rows count from 0, as --row K does) */
	int cut;                   /* where head's "= …" starts (its second line in a narrow box) */
	int narrow;                /* 1: under a narrower cost, the box takes its width: the head
	                              in two lines, the mean, foot and shown, cards to the lower
	                              left */
	double x, y, w, h;         /* centre and size, em units of the graph layout */
};

#define LAYOUT_MAX_BANDS 24     /* most rows a long graph wraps into */
#define LAYOUT_CROWDED 24       /* nodes from which a graph is crowded: its wide layers may
                                   stack, and it may be laid out bare */
enum layout_variant {           /* the layouts a graph is tried in */
	LAYOUT_WIDE,                /* one-line headers and edge labels */
	LAYOUT_COMPACT,             /* long headers and edge labels on two lines */
	LAYOUT_BARE,                /* edge labels take no room (crowded graphs; small ones
	                               presenting, then compact too, "a =" over a long
	                               right-hand side in two lines) */
	LAYOUT_NARROW,              /* bare and compact, each gradient's name over its number
	                               (small graphs presenting: the narrowest boxes) */
	LAYOUT_STACKED,             /* every edge label kept, narrower and taller: compact,
	                               each gradient's name over its number, headers in up
	                               to four lines, an edge label's formula and number on
	                               lines of their own (small scalar graphs bound by the
	                               width; presenting, before bare where it reaches the
	                               goal) */
	LAYOUT_VARIANTS
};
struct graph_layout {
	int n_items, n_cols;
	struct layout_item *items;  /* nodes first (index = node), then labels and bends */
	int *edge_first, *edge_n;   /* per edge: its label/bend items, in order from source */
	int *edge_label;            /* per edge: item index of its label */
	struct layout_node_text *text; /* per node */
	char (*local)[200];         /* per edge: "∂c/∂w = x = −2" */
	int *local_cut;             /* per edge: where its second line starts, or 0 for one line */
	double local_em;            /* the edge labels' font (M.local; stacked, M.local_stacked) */
	int *local_cut2;            /* per edge: where its third line starts ("= 2" under
	                               "= a[2] − y", LAYOUT_STACKED), or 0 */
	int compact;                /* 1: long headers and edge labels on two lines */
	int variant;                /* which layout it is (enum layout_variant) */
	int narrow;                 /* 1: a gradient's name over its number (LAYOUT_NARROW,
	                               which is bare too, and LAYOUT_STACKED) */
	int stacked;                /* 1: LAYOUT_STACKED (every edge label, in up to three
	                               lines) */
	int bare;                   /* 1: edge labels take no room; only those that matter
	                               (the step's, the hovered node's) are drawn, over it */
	int steady;                 /* 1: boxes only grow while the scene stays (draw_opts.steady) */
	int leaves_left;            /* 1: every leaf in the first column (draw_opts.leaves_left) */
	double *port_in, *port_out; /* per edge: y where it enters its target / leaves its source */
	double *col_x, *col_w;      /* per column: left edge and width */
	double width, height;       /* bounding box, em units, items inside [0,w]x[0,h] */
	double line;                /* line height in em */
	unsigned long key;          /* hash of the texts and scene it was made for */
	unsigned long input_key;    /* hash of what its texts were made from (the numbers) */
	unsigned long words_key;    /* hash of what its texts other than numbers were made from
	                               (0: made anew next time) */
	unsigned long shape_key;    /* hash of what its heights and columns rest on (not the
	                               numbers): equal keys share the ordering and rows */
	const struct scene *scene;  /* made for (the graph laid out: fig's scene or its units' view) */
	unsigned long serial;       /* scene->serial then: another scene at a freed one's
	                               address is not the scene it was made for */
	struct mean_box mean;       /* the cost over all rows, right of the graph */
	double one_w, one_h;        /* extent of the one-row layout, before the mean box */
	int bands;                  /* rows the columns are wrapped into (1: not wrapped) */
	int bands_asked;            /* the rows asked for when they were (bands may be fewer) */
	int *col_band;              /* per column: its row */
	double band_top[LAYOUT_MAX_BANDS], band_bottom[LAYOUT_MAX_BANDS]; /* per row: extent in y */
	double band_right[LAYOUT_MAX_BANDS]; /* per row: x of its right end */
	struct layout_fit {         /* per row count asked (index + 1), once wrapped so: */
		int bands;              /* the rows made (0: not tried yet) */
		double w, h;            /* the extent then */
	} fits[LAYOUT_MAX_BANDS];
	const struct unit_view *units; /* laid out with the neuron units collapsed (then
	                              `scene` is units->g and items, edges are its), or NULL */
	const struct unit_set *scene_units; /* the figure's scene's units */
	struct layout_unit_text *unit_text; /* per unit of scene_units */
};

/* The scene node item i (< the laid-out graph's n_nodes) shows, and the scene edge
 * edge e of the laid-out graph shows. */
int layout_node(const struct graph_layout *g, int i);
int layout_edge(const struct graph_layout *g, int e);
/* The collapsed graph fig is drawn with (units shown), or NULL for the scalar graph. */
const struct unit_view *layout_units(const struct figure *fig, const struct draw_opts *o);
/* A unit box's texts (g->text filled first); the layout key's share of them. */
void layout_unit_texts(const struct figure *fig, struct graph_layout *g);
unsigned long layout_unit_key(const struct graph_layout *g, unsigned long h);
/* The rows of a unit's box, or of the label of the laid-out edge e that carries a weight
 * (its value, dJ/dw, the mean in a data scene; the gradients' names written into
 * names): n of them. */
void layout_unit_rows(const struct graph_layout *g, int unit, struct layout_unit_row *rows, int *n);
#define LAYOUT_WEIGHT_NAME 192 /* a weight's gradient named: "dJ⁽⁰⁾/dw" */
void layout_weight_lines(const struct graph_layout *g, int e, struct layout_unit_row *rows, int *n,
                         char names[2][LAYOUT_WEIGHT_NAME]);
/* A unit box's size in em, and where its gradient column starts from its left edge. */
void layout_unit_size(struct render *r, const struct graph_layout *g, int unit, double *w,
                      double *h, double *split);
/* Are unit boxes tall (each gradient under its value, a narrower box)? In compact
 * layouts, and in bare ones: a crowded network's width goes to its units. */
int layout_unit_tall(const struct graph_layout *g);
/* The height of a unit box's row: one line (wide), or the value over its gradient
 * (compact, a taller and narrower box). */
double layout_unit_row_h(const struct graph_layout *g, const struct layout_unit_row *row);
/* A weight label's size in em; tall: each gradient's name on its own line over it. */
void layout_weight_size(struct render *r, const struct graph_layout *g, int e, int tall, double *w,
                        double *h);
/* Line j of a weight's label: its height, and of that the height of the gradient's name
 * over its number (tall labels; else 0). */
double layout_weight_line(int tall, int j, double *name_h);
/* Compact unit layouts: the weights' labels of each label column stand tall (narrower)
 * where the column stays about as tall as the tallest column of nodes. */
void layout_weight_tall(struct render *r, struct graph_layout *g);

/* An edge label's lines (text as g->local, cut and cut2 as g->local_cut and local_cut2):
 * "∂c/∂w" over "x = 2", or "∂J/∂a" over "= a − y" over "= 2"; returns how many. */
int layout_label_lines(const char *text, int cut, int cut2, char lines[3][200]);
/* 1 when g was made for the graph ls (the same scene, not only its address). */
int layout_made_for(const struct graph_layout *g, const struct scene *ls);
/* Builds (or reuses, when nothing changed) the layout of fig's graph in one of the
 * variants (enum layout_variant): wide; compact (long headers and edge labels on two
 * lines, narrower and taller); bare (compact, edge labels without room of their own);
 * narrow; stacked (every edge label, compact and narrower still). */
/* Its columns wrapped into `bands` rows (1: one row, as laid out) of about equal width,
 * each read left to right, breaking only before a node column; g->bands says how many
 * rows it got (fewer when the graph has fewer layers). */
const struct graph_layout *layout_get(struct render *r, const struct figure *fig,
                                      const struct draw_opts *o, int variant, int bands);
/* The last layout_get's layout wrapped into `bands` rows instead: cheap (no texts made,
 * nothing laid out again), for trying how many rows fit a panel best. */
const struct graph_layout *layout_rewrap(struct render *r, int variant, int bands);
/* The extent (em) of the last layout_get's layout wrapped into `bands` rows, and the rows
 * it gets (fewer when the graph cannot have that many; 0 without a layout): measured
 * once per layout, so arranging the figure does not wrap it again each time. */
int layout_extent(struct render *r, int variant, int bands, double *w, double *h);
void layout_free(struct graph_layout *g);
/* FNV-1a over the bits of v[0..n) (nothing when v is NULL), continuing from h. */
uint64_t layout_hash_doubles(uint64_t h, const double *v, int n);
/* FNV-1a over the ints v[0..n), continuing from h. */
uint64_t layout_hash_ints(uint64_t h, const int *v, size_t n);
/* FNV-1a over the string p, then a separator, continuing from h. */
uint64_t layout_hash(uint64_t h, const char *p);
#define LAYOUT_MAX_NB 256       /* most neighbours of an item considered */
/* Neighbours of item i towards the previous (dir < 0) or next column, into out (at most
 * max); returns how many. */
int layout_neighbours(const struct graph_layout *g, const struct scene *s, int i, int dir,
                      int *out, int max);
struct layout_work {            /* the columns while they are ordered */
	int *col_start, *col_n;     /* per column: slice of `cols` */
	int *cols;                  /* item indices grouped by column, in order */
	double *key;                /* per item: sort key */
	int *best;                  /* best order found, then 2 x n_items of scratch */
};
/* order.c: orders each column's items (cols, items' order) to cross few edges. */
void order_columns(struct graph_layout *g, const struct scene *s, struct layout_work *w);
/* draw_mean.c: the mean box's texts (from the figure), its place (after the graph's
 * layout: right of everything, level with the cost; g->width and height grow), and
 * its drawing in the graph's em space; known is how far the walk has shown the mean. */
void mean_box_texts(const struct figure *fig, struct mean_box *m);
void mean_box_place(struct render *r, struct graph_layout *g);
void draw_mean_box(cairo_t *cr, struct render *r, const struct graph_layout *g,
                   const struct theme *th, double known, int current);
/* caption.c: the step caption's height in width w (with two = 1, presenting, two lines'
 * when the walk's longest sentence needs them), and its drawing at (x, y) in height h
 * (a sentence goes on two lines only where h has their room). The walk's longest
 * sentence and the second line it needs are kept in r (struct caption_memo) while the
 * trace, the sentences' kind, the width and the scale stay; in the window (steady) also
 * while only the numbers change. */
struct caption_memo {
	unsigned long trace;       /* the serial of the trace walked (0: none yet) */
	int units;                 /* 1: its sentences were a unit graph's (unit_step_text) */
	char longest[1024];        /* the walk's longest sentence, in characters ("": none) */
	int sized;                 /* 1: w, u and extra hold for that sentence */
	double w, u;               /* the width and 1080p pixel it was last measured in */
	double extra;              /* the second line's height then (0: one line does) */
	unsigned long look;        /* steady_look of the figure walked, drawn steady (the
	                              window), or 0: a new trace of the same look keeps the
	                              walk's sentence, so a drag neither walks nor moves the
	                              caption between one line and two */
	int walks;                 /* walks made since r was made (a count the tests read) */
};
double caption_height(struct render *r, const struct figure *fig, const struct draw_opts *o,
                      double w, double u, int two);
void caption_draw(cairo_t *cr, struct render *r, const struct figure *fig, const struct draw_opts *o,
                  const struct theme *th, double x, double y, double w, double h, double u);
/* ---- metrics.c: every size of the graph, in em (the value font is 1 em) ---- */
struct graph_metrics {
	double head, tag, grad, grad_name, local; /* fonts: header "c = w·x", kind tag
	                                    "param", gradient, its name "dJ/dc =", edge label */
	double row_head, row_value, row_grad; /* row heights of a node box */
	double row_gname, base_gname;    /* a row of a gradient's name over its number (narrow
	                                    layouts; tall units' means and leaves), and its
	                                    baseline (fraction of the row) */
	double base_head, base_value, base_grad, base_local; /* baselines, as a fraction of
	                                    their row (the label's: of its font, below centre) */
	double pad_x, pad_y;             /* node box inner margins */
	double tag_gap;                  /* between a leaf's name and its kind tag */
	double node_gap;                 /* between node boxes in a column */
	double slot_gap;                 /* next to edge labels and bends */
	double col_gap;                  /* between columns */
	double min_lane;                 /* narrowest label column (room for an arrow) */
	double bare_lane;                /* a bare layout's label columns (its labels take no room) */
	double straight_lane;            /* ... where every edge runs straight across (an arrow) */
	double stack_lane;               /* between the edges under a stacked column's row */
	double bend_h;                   /* height of a bend slot */
	double band_gap, wrap_out;       /* a wrapped layout: most room between its rows; how
	                                    far an edge runs past a row's end before it turns down */
	double band_gap_one, wrap_lane;  /* between rows that one edge wraps between, and more
	                                    for each further edge (up to band_gap) */
	double local_h, local_pad;       /* edge label: line height (in its font), side room */
	double port_span, port_step;     /* edges at a node's side: at most this part of its
	                                    height, this far apart */
	int max_sym, max_sym_compact;    /* longest symbolic local derivative shown, characters
	                                    (wide and compact layout) */
	int split_at, split_at_compact, split_at_stacked; /* headers longer than this take two
	                                    lines (characters; wide, compact, stacked layout) */
	double local_stacked;            /* a stacked layout's edge label font: its graph is
	                                    drawn small, the labels are kept readable */
	double radius[4];                /* corner radius by kind: input, param, data, computed */
	double edge_line, edge_line_hot; /* edge widths: idle, used by the shown step */
	double arrow, arrow_hot;         /* arrowhead lengths */
	double arrow_aspect;             /* arrowhead half-width / length */
	double pulse_halo, pulse_dot, pulse_alpha; /* the dot running along a step's edges */
	double outline, outline_hot;     /* node outline: idle, current step */
	double glow, glow_alpha;         /* halo around the current node */
	double visit_halo, nudged_ring, nudged_line; /* the N panel's passes */
	double dash[2];                  /* a data node's dashed outline */
	double dash_alpha;               /* its strength: the dashes, each as tall as a digit or
	                                    two and 0.55 em from the number, stay behind the text */
	double cost_inset, cost_line;    /* the cost's inner outline */
	double local_line, local_alpha;  /* edge label outline */
	double hit_pad, hit_value_up, hit_value_h, hit_grad_up, hit_grad_h; /* hit boxes */
	double legend;                   /* legend font, 1080p pixels; the rest in legend ems: */
	double legend_swatch, legend_gap, legend_space, legend_box, legend_bar, legend_line;
	double legend_rows;              /* height kept under the graph for the legend */
	double unit_gap;                 /* a unit box: between its values and gradients */
	double unit_value_h, unit_grad_h; /* a tall unit box's rows: the value's line and the
	                                    gradient's under it */
	double unit_sep, weight_sep;     /* between two unit boxes, two weights' labels in a
	                                    column (node_gap, slot_gap elsewhere) */
	double weight, weight_h;         /* a weight's label on its edge: font, line height */
};
extern const struct graph_metrics graph_metrics;

struct panel;
/* ---- axes.c: plot axes with round-number ticks ---- */
struct axes {
	double x, y, w, h;          /* plot area in user units */
	double xlo, xhi, ylo, yhi;  /* data range */
};
double axes_x(const struct axes *a, double v);
double axes_y(const struct axes *a, double v);
/* Tick font size for a plot panel: grows with the panel, within 26-30 1080p pixels of the
 * figure's height (its digits 1/57 of it or more, on a 4:3 screen too), and 24 of the
 * unit p->u at least. */
double axes_font(const struct panel *p);
/* The least of them in a figure drawn with o, u its unit (figure.c keeps room for it). */
double axes_font_least(const struct draw_opts *o, double u);
/* ---- text_break.c: a plot's header or legend line broken for a narrow panel ---- */
#define TEXT_BREAK_LEVELS 2  /* break marks '\1' (first) and '\2' (next) */
#define TEXT_BREAK_LINES 4   /* the most lines */
#define TEXT_BREAK_LEN 256   /* the longest line, bytes */
struct text_lines {
	int n;                                      /* how many lines */
	char line[TEXT_BREAK_LINES][TEXT_BREAK_LEN]; /* each, without marks */
};
/* The least size of the type outside the graph's boxes drawn with o (user units): digits
 * 1/68 of the figure's height (not presenting, times a font scale under 1); 0 without o. */
double text_floor(const struct draw_opts *o);
/* text_floor of panel p's figure: the least size of a plot's text. */
double text_least(const struct panel *p);
/* Breaks s (markup with break marks) into out for width w in style st: one line where it
 * fits at size one or more; else at the marks up to the first level whose lines fit at
 * least or more (the last level at what fits). Sets st->size to the lines' size (st->size
 * at most); returns how many lines. */
int text_break(struct render *r, const char *s, struct text_style *st, double w, double one,
               double least, struct text_lines *out);
/* Width the y tick labels need left of the frame (a->h and the y range set). */
double axes_margin(struct render *r, const struct axes *a, double font);
/* Makes room for the y tick labels (a->x, a->w shrink), fills the plot area with the
 * panel colour and draws the axes: what every plot panel starts with. */
void axes_frame(cairo_t *cr, struct render *r, const struct theme *th, struct axes *a,
                double font, const char *xname, const char *yname);
/* Draws the frame, grid, ticks and tick labels (size = tick font), and axis names. */
void axes_draw(cairo_t *cr, struct render *r, const struct theme *th, const struct axes *a,
               double font, const char *xname, const char *yname);

/* ---- draw_graph.c, draw_plot.c, draw_data.c ---- */
struct panel {                /* a rectangle of the figure given to one view */
	double x, y, w, h;        /* in user units */
	double u;                 /* one 1080p pixel in user units */
	const struct theme *th;   /* colours */
	const struct draw_opts *o;/* options */
};
void draw_graph(cairo_t *cr, struct render *r, const struct figure *fig, const struct panel *p);
/* draw_graph.c's state of a draw, and its helpers that draw_unit.c shares */
struct graph_state {        /* what the shown step knows, with fade-in */
	const struct figure *fig;
	const struct trace *t;  /* NULL: everything known */
	int k;                  /* step */
	double fade;            /* eased progress: alpha of what is new at this step */
	const struct draw_opts *o; /* quiz: what is hidden */
	const struct forward_view *fw; /* forward mode: tangents instead of gradients, or NULL */
	const struct work_view *work;  /* the N panel, whose pass marks the node it visits, or NULL */
	int shapes;             /* 1: the window's graph too small to read: boxes, no text */
	double vx0, vy0, vx1, vy1; /* the part of the graph in view, em (nothing outside is drawn) */
};
struct graph_xform { double ox, oy, k; }; /* em space to user units: offset and scale */
/* How far node's value or gradient (known: trace_value_known, …) is shown: 0, the
 * fade-in, or 1. */
double graph_known(const struct graph_state *st, int (*known)(const struct trace *, int, int),
                   int node);
/* Is node's value (HIDE_VALUE) or gradient (HIDE_GRAD) hidden for the quiz? */
int graph_hidden(const struct graph_state *st, int node, int flag);
/* The colour of the shown step: forward or backward. */
struct rgba graph_step_colour(const struct graph_state *st, const struct theme *th);
/* Records a hit box given in em space. */
void graph_hit(struct render *r, const struct graph_xform *xf, enum hit_kind kind, int node,
               int edge, double x, double y, double w, double h);
/* Draws text centred at cx on baseline y; returns its left edge. */
double graph_centred(cairo_t *cr, struct render *r, const char *s, double cx, double y,
                     const struct text_style *ts);
/* draw_unit.c: a neuron unit's box (item i of the layout) and a weight's label (the
 * laid-out edge e), with the part the shown step works on highlighted. */
void draw_unit(cairo_t *cr, struct render *r, const struct graph_layout *g,
               const struct graph_state *st, const struct theme *th, const struct graph_xform *xf,
               int i);
void draw_unit_weight(cairo_t *cr, struct render *r, const struct graph_layout *g,
                      const struct graph_state *st, const struct theme *th,
                      const struct graph_xform *xf, int e);
/* The path of a box with rounded corners (radius rad), as node boxes are drawn. */
void graph_box_path(cairo_t *cr, double x, double y, double w, double h, double rad);
/* The J(w) curve of c (PANEL_COST) with the nudge, its tangent and the loss panel's path. */
void draw_plot(cairo_t *cr, struct render *r, const struct figure *fig, const struct cost_view *c,
               const struct panel *p);
/* The height the plot needs in panel p's width (its header at the slope's width, *head
 * of it, then the axes' names, ticks and 4 fonts of axes), user units; 0 when c plots
 * nothing. */
double plot_need(struct render *r, const struct figure *fig, const struct cost_view *c,
                 const struct panel *p, double *head);
/* Samples of J the plot in panel p draws (figure_plot_samples). */
int plot_sample_count(const struct panel *p);
/* The height the data panel needs in panel p's width (its header, *head of it, then
 * its axes' names, ticks and 4 fonts of axes), user units; 0 without data. */
double data_need(struct render *r, const struct figure *fig, const struct data_samples *dc,
                 const struct panel *p, double *head);
void draw_data(cairo_t *cr, struct render *r, const struct figure *fig, const struct data_samples *d,
               const struct panel *p);
/* draw_landscape.c: the map of J over two leaves, with −∇J and the descent paths */
void draw_landscape(cairo_t *cr, struct render *r, const struct figure *fig, const struct cost_view *c,
                    const struct panel *p);
int land_visible(const struct scene *s, const struct cost_view *c); /* 1: c has a map to draw */
#define LAND_PX 3 /* image pixels between the map's grid points (the grid follows the panel
                     and the pixels it is drawn in: draw_opts.pixels) */
/* Grid points along each leaf that the map in panel p shows (one per LAND_PX pixels). */
void land_sample_counts(const struct panel *p, int *nx, int *ny);
/* Contour lines of the levels lv[0..n) (ascending) of a grid j[k * nx + i] spanning the
 * axes' area, by marching squares, stroked in the current source; cells with a
 * non-finite corner are skipped, so no line runs into an undefined region. */
void grid_contours(cairo_t *cr, const double *j, int nx, int ny, const struct axes *a,
                   const double *lv, int n);
/* A marker's path: circle, square, triangle, diamond, … by shape; s its half-size. */
void marker_path(cairo_t *cr, int shape, double x, double y, double s);
/* A classifier's legend: its keys right to left, on lines from the one over the y axis's
 * name upwards (field_legend). */
#define FIELD_LEGEND_LINE 1.3 /* from one line of it to the next, in its size */
struct field_legend {
	int n;             /* keys: the boundary, the high label, the low */
	char key[3][160];  /* each key's text */
	int shape[3];      /* its sample: a marker shape, -1 the boundary's line */
	int row[3];        /* its line, 0 the lowest */
	double size;       /* their type */
};
/* Lays out d's legend for panel p (tick font font); returns how many lines. */
int field_legend(struct render *r, const struct figure *fig, const struct data_samples *d,
                 const struct panel *p, double font, struct field_legend *lg);
/* draw_field.c: a classifier's data panel, the model's output over its two columns
 * shaded by class, the decision boundary and the rows by label, in the axes a. */
void draw_field(cairo_t *cr, struct render *r, const struct figure *fig, const struct data_samples *d,
                const struct panel *p, const struct axes *a, double font);
/* draw_table.c: the tables of PANEL_CHECK, PANEL_NUDGES and PANEL_ROWS */
void draw_table(cairo_t *cr, struct render *r, const struct figure *fig,
                const struct figure_panel *fp, const struct panel *p);
int table_lines(const struct figure *fig, const struct figure_panel *fp); /* text lines it needs */
/* draw_loss.c: J against the descent iteration */
void draw_loss(cairo_t *cr, struct render *r, const struct figure *fig, const struct loss_view *h,
               const struct panel *p);
/* draw_eps.c: the error of the one-sided estimate against ε, log-log */
void draw_eps(cairo_t *cr, struct render *r, const struct figure *fig, const struct eps_view *e,
              const struct panel *p);
/* draw_work.c: N + P versus N x P, and the passes being animated */
void draw_work(cairo_t *cr, struct render *r, const struct figure *fig, const struct work_view *w,
               const struct panel *p);
#define WORK_LINES 7 /* text lines the work panel needs */
/* The room work's panel needs at font, its lines broken to p's width: *wide (its widest
 * line) by *high. */
void work_room(struct render *r, const struct figure *fig, const struct work_view *w, const struct panel *p,
               double font, double *wide, double *high);
/* The font draw_work sets the panel in within p (smaller where p is too low). */
double work_font(struct render *r, const struct figure *fig, const struct work_view *w, const struct panel *p);
/* figure.c: where everything goes: the title's height, the caption's, the graph and the
 * side panels (figure.c's arithmetic, shared by drawing and by figure_plot_samples;
 * overlay.c turns lecture panels into cards). */
struct arrangement {
	double x, y, w, h;          /* the area under the title and above the caption */
	double title_y;             /* where the title starts */
	double cap;                 /* the caption's height (0: none) */
	int has_graph;              /* 1: the graph is drawn */
	struct panel graph;         /* its panel */
	struct panel side[FIGURE_MAX_PANELS]; /* the panels beside or under it, in order */
	const struct figure_panel *of[FIGURE_MAX_PANELS]; /* the figure's panel each shows */
	int map[FIGURE_MAX_PANELS]; /* 1: a PANEL_COST drawn as the map of J over two leaves */
	int over[FIGURE_MAX_PANELS]; /* 1: drawn over the graph (no room for it beside) */
	int gone[FIGURE_MAX_PANELS]; /* 1: left out (figure_column_fit: too low beside a map) */
	int n_side;
};

struct graph_extent; /* draw_graph.c, below */
/* Places the graph in the area's x, y, w, h and the n panels pick[] of ar beside or
 * under it (in a column: orient 1, a row: 0, whichever shows the graph larger: -1);
 * returns the graph's scale. */
double figure_place(const struct figure *fig, const struct draw_opts *o, const struct graph_extent *ex,
                    struct arrangement *ar, const int *pick, int n, int orient, double gap, double u, double u0);
/* Text lines a table panel needs (0: a plot, which shares the rest of the column). */
int panel_lines(const struct figure *fig, const struct figure_panel *fp);
/* 1: a lecture panel (loss, ε error, tables, work: the window's hit tests see it as
 * HIT_PANEL; it may go over the figure as a card), 0: the J plot, the data. */
int panel_lecture(const struct figure_panel *fp);
#define FIGURE_PLOT_MIN_FONTS 9 /* a plot narrower or lower than this many tick fonts has
                                  no room for its ticks */
#define FIGURE_CARD_PAD 14 /* a card's edge around its panel, 1080p pixels */
/* overlay.c: the lecture panels of ar as cards (ar->over) where giving them room would draw
 * the graph (at scale k) or any panel below readable type; gap and the units as
 * figure_place's. */
void overlay_choose(struct render *r, const struct figure *fig, const struct draw_opts *o,
                    const struct graph_extent *ex, struct arrangement *ar, double k, double gap, double u, double u0);
/* Moves ar's cards to the spot that covers least of what is drawn (r->geom). */
void overlay_spot(struct render *r, const struct figure *fig, struct arrangement *ar, double u, double u0);
/* Paints a card's background (pad around panel p, framed); forgets the hits it covers. */
void overlay_cover(cairo_t *cr, struct figure_geom *geom, const struct theme *th, const struct panel *p,
                   double pad);
/* The part of ar's panel i the pointer reaches (h 0: none). */
struct layout_box overlay_shown(const struct arrangement *ar, int i, double pad);
/* draw_table.c: the room fp's table needs with its text at font: *w by *h (0: none);
 * steady (the window): its columns at the widest they have been (steady_table). */
void table_room(struct render *r, const struct figure *fig, const struct figure_panel *fp, double font, int steady,
                double *w, double *h);
/* The font draw_table sets fp's table in within p (0: nothing to show). */
double table_font(struct render *r, const struct figure *fig, const struct figure_panel *fp,
                  const struct panel *p);
#define PANEL_GOAL 60 /* a lecture panel's text (tables, the work panel) keeps its digits
                         1/60 of the figure's height where it gets room (figure.c), or is
                         drawn over the figure as a card (card.c) */
/* figure.c: the size of a lecture panel's text in p, em 1080p pixels or PANEL_GOAL's size,
 * whichever is larger. */
double panel_font(const struct panel *p, double em);
/* card.c: the boxes of the n panels of[] drawn as cards, sized for their text in area
 * (the figure under the title, above the caption), stacked from a corner of region
 * (CARD_RIGHT, CARD_BOTTOM or both), each pad inside its card's edge, gap apart; 0, or -1
 * where they do not fit region apart (at a bottom corner a deck, its cards over each
 * other; at a top corner nothing is placed). CARD_TABS: a deck wherever they fit, the
 * last card whole, each earlier one a tab above it that shows its title. */
enum { CARD_RIGHT = 1, CARD_BOTTOM = 2, CARD_TABS = 4 };
int card_place(struct render *r, const struct figure *fig, const struct figure_panel *const *of, int n,
               const struct panel *area, const struct panel *region, int corner, double pad, double gap,
               struct panel *card);
#define GRAPH_MAX_EM 44.0 /* largest graph value font, in 1080p pixels */
#define GRAPH_MIN_EM 6.0  /* below this the graph is not drawn but described */
#define GRAPH_DIGIT_EM 0.73 /* a value's digits (bold) stand this many em high */
#define GRAPH_WRAP_EM 33.0 /* a graph whose one row would be drawn smaller may wrap: the
                              goal, a value's digits (0.73 em) 1/45 of a 1080 height */
#define GRAPH_MAX_NODES 1500 /* more nodes are not laid out but described (it grows faster
                               than linearly; a 465-node network takes ~10 ms) */
#define PLOT_BESIDE 2.2 /* a J plot this many times as wide as high writes its header
                           beside the axes (draw_plot; figure.c widens one in a row to it) */
#define GRAPH_PRESENT_GOAL 44.6 /* presenting, a value's digits stand at least 1/44.6 of
                              the height where a layout can: the back row of a hall reads
                              1/45, and the pixel grid rounds (1/44 put computation-graph's
                              plot-under arrangement at 4:3 a hair under it, and a squeezed
                              plot column beside the graph won) */
struct graph_extent {        /* em size of each layout variant wrapped into b + 1 rows
                                (0 when the graph is not laid out) */
	double w[LAYOUT_VARIANTS][LAYOUT_MAX_BANDS], h[LAYOUT_VARIANTS][LAYOUT_MAX_BANDS];
	double goal;             /* presenting: the value size in user units per em that
                                reaches GRAPH_PRESENT_GOAL (0: not presenting) */
	int units;               /* 1: laid out with neuron units, whose weights' labels keep
	                            their room when bare (it drops only the few others) */
	double legend_least;     /* the least font of the legend row under it (text_floor) */
};
void draw_graph_extent(struct render *r, const struct figure *fig, const struct draw_opts *o,
                       struct graph_extent *ex);
/* The scale draw_graph gives the graph in a w x h panel (u = one 1080p pixel), in user
 * units per em (the size of a node's value); 0 when it would not be drawn. */
double draw_graph_scale(const struct graph_extent *ex, double w, double h, double u);
/* How figure.c ranks panel sizes for the graph: its scale, and presenting, more than any
 * scale when it reaches the goal (a layout with every edge label at the goal ranks above
 * a bare one larger still, a wide or compact one above a stacked one: graph_choice). */
double draw_graph_score(const struct graph_extent *ex, double w, double h, double u);

/* figure.c: fig's forward mode (PANEL_FORWARD with its tangents), or NULL */
const struct forward_view *figure_forward(const struct figure *fig);

/* ease in and out, t in [0, 1] */
double draw_ease(double t);

/* ---- atomic.c: targets written aside and moved into place ---- */
#include <signal.h>
#include <stdio.h>
#define ATOMIC_NAME 256 /* room for a file name (NAME_MAX + 1) */

struct atomic_file {
	int dirfd;              /* the target's folder */
	char base[ATOMIC_NAME]; /* the target's name in it */
	char tmp[ATOMIC_NAME];  /* the temporary's name in it */
	FILE *f;                /* open for writing on the temporary */
	int slot;               /* its entry in the signal handler's list, or -1 */
};

/* Opens a temporary beside path (sweeping stale ones of the same target first).
 * 0, or -1 with the reason in err. */
int atomic_open(struct atomic_file *af, const char *path, char *err, size_t n);
/* Flushes and fsyncs the temporary, renames it over the target and fsyncs the folder;
 * on failure removes the temporary. 0, or -1 with the reason in err. */
int atomic_commit(struct atomic_file *af, char *err, size_t n);
/* Closes and removes the temporary; the target is untouched. */
void atomic_abort(struct atomic_file *af);
/* fflush, fsync and fclose; 0, or -1 with the reason in err. */
int atomic_sync_close(FILE *f, char *err, size_t n);
/* The folder of path opened (O_DIRECTORY), its last component in base; -1 and errno. */
int atomic_dir_open(const char *path, char base[ATOMIC_NAME]);
/* Creates a temporary folder for base inside dirfd, tracked for the signal handler;
 * returns a descriptor of it, its name in name and its handler slot in slot; -1 and errno. */
int atomic_mkdtemp(int dirfd, const char *base, char name[ATOMIC_NAME], int *slot);
/* Adds name in dirfd to what TERM, INT and HUP remove before the process ends
 * (files before the folder holding them: newest first). Returns a slot, or -1. */
int atomic_track(int dirfd, const char *name, int is_dir);
void atomic_untrack(int slot);
/* Removes the stale temporaries of base in dirfd: nudge's own pattern, not touched for
 * ten minutes (folders only when they hold nothing but plain files). */
void atomic_sweep(int dirfd, const char *base);
/* Defers TERM, INT and HUP (while moving a set of files into place), and lets them in. */
void atomic_hold_signals(sigset_t *old);
void atomic_release_signals(const sigset_t *old);

/* ---- export.c: one figure into a stream ---- */
struct export_sink {
	FILE *f;    /* where the bytes go */
	int failed; /* a write failed */
	int errnum; /* its errno */
};
/* cairo's write function over an export_sink. */
cairo_status_t export_write(void *closure, const unsigned char *data, unsigned int len);
/* The options with the default size (1920x1080 units) filled in. */
struct draw_opts export_draw_opts(const struct export_opts *o);
/* fig drawn into a new ARGB32 image surface, scale pixels per unit (the caller destroys
 * it); NULL with the reason in err. */
cairo_surface_t *export_image(const struct figure *fig, const struct draw_opts *d, double scale,
                              char *err, size_t n);
/* Title and creator of a PDF surface. */
void export_pdf_metadata(cairo_surface_t *sf, const struct figure *fig);
/* 0 when the sink took every byte and cairo is content; else -1 with the reason in err. */
int export_sink_status(const struct export_sink *k, cairo_status_t st, char *err, size_t n);
/* Finishes and destroys a vector surface drawn with result rc; 0, or -1 with err. */
int export_finish(cairo_surface_t *sf, int rc, const struct export_sink *k, char *err, size_t n);
/* Writes path atomically (atomic.c): body(ctx, sink) fills a temporary, which then
 * replaces path. 0, or -1 with "cannot write PATH: why" in err. */
int export_atomic(const char *path, int (*body)(const void *ctx, struct export_sink *k, char *err, size_t n),
                  const void *ctx, char *err, size_t n);
/* Draws fig as one PNG, SVG or PDF into the sink; 0, or -1 with the reason in err. */
int export_draw(const struct figure *fig, const struct export_opts *o, enum export_format fmt,
                struct export_sink *k, char *err, size_t n);

/* ---- deck_gif.c, deck_folder.c: two forms of the deck (deck.c picks the steps) ---- */
/* The animated GIF of steps[0..count) into the sink; 0, or -1 with the reason in err. */
int deck_gif(const struct figure *fig, const int *steps, int count, const struct deck_opts *o,
             struct export_sink *k, char *err, size_t n);
/* The folder of frames at path (created when missing); 0, DECK_EXISTS or -1, with err. */
int deck_folder(const struct figure *fig, const char *path, const int *steps, int count,
                const struct deck_opts *o, char *err, size_t n);

/* ---- export_png.c ---- */
/* Encodes an ARGB32 image surface as PNG (RGBA when alpha, else RGB); 0 or -1. */
int export_png_write(cairo_surface_t *sf, int alpha, cairo_write_func_t write, void *closure);

/* ---- the render context ---- */
struct geom_hit { enum hit_kind kind; int node, edge; struct layout_box box; };

struct figure_geom {
	struct geom_hit *hits;     /* in drawing order; later ones on top (grown as needed) */
	int n_hits, cap_hits;
	int has_graph;             /* 1 when a graph was drawn */
	struct graph_frame graph;  /* where (figure_graph_frame) */
	int layout, bands;         /* the layout variant it was drawn in (enum layout_variant),
	                              and its rows */
	double *node_box;          /* n_nodes x 4: each node's box in fractions of the graph */
	int n_nodes, cap_nodes;
	struct layout_box overview; /* the overview's box (w = 0: none drawn) */
	struct layout_box legend;  /* the graph's legend row (w = 0: none drawn) */
	double note_size;          /* the smallest type size of the notes under the title (0: none) */
	int has_plot;              /* 1 when a J(w) plot was drawn */
	struct axes plot;          /* its axes */
	double plot_font;          /* its ticks' font size (user units) */
	double label_font;         /* the graph's edge labels' font size (user units; 0: none drawn) */
	double caption_font;       /* the step sentence's font size (user units; 0: none drawn) */
	int caption_lines;         /* and its lines (1 or 2) */
	int plot_node;             /* its variable */
	int has_land;              /* 1 when a map of J over two leaves was drawn */
	int has_data;              /* 1 when the data panel drew its axes */
	double panel_text;         /* the least font a table or the work panel was drawn in
	                              (0: none drawn) */
	int cards;                 /* lecture panels drawn over the figure as cards (card.c) */
	struct axes land;          /* its axes */
	int keep_texts;            /* 1: text_draw records every line it draws in texts (tests) */
	struct geom_text *texts;   /* those lines, in drawing order (grown as needed) */
	int n_texts, cap_texts;
	int text_panel;            /* the panel drawing now (enum panel_kind; 0: the graph, the
	                              title, the caption), recorded with each line */
};
/* A line of text as drawn (figure_geom.keep_texts), in device units. */
struct geom_text {
	struct layout_box box;     /* its advance by its digits' height: from 0.73 em over the
	                              baseline down to it */
	double size;               /* its font size */
	int panel;                 /* figure_geom.text_panel when it was drawn */
	char text[48];             /* its first bytes, for messages */
};
/* Records a line text_draw drew (when g keeps texts). */
void geom_text_add(struct figure_geom *g, cairo_t *cr, const char *s, double x, double y,
                   double w, double size);
void geom_add(struct figure_geom *g, enum hit_kind kind, int node, int edge, double x, double y,
              double w, double h);
/* Room for n node boxes (g->node_box); 0, or -1 when out of memory (none are kept). */
int geom_nodes(struct figure_geom *g, int n);
void geom_release(struct figure_geom *g); /* frees what g holds, not g */

/* draw_landscape.c's bands as last drawn, reused while the map and its size stay. */
struct land_image {
	cairo_surface_t *img;      /* the bands, one pixel per 1080p pixel, or NULL */
	unsigned long land;        /* the serial of the land_samples it shows */
	int iw, ih;                /* its size in pixels */
	unsigned long levels;      /* a hash of the levels it was cut at */
};

/* ---- num_cache.c: the graph's numbers written once per value ---- */
struct num_slot;
/* fmt_num(buf, n, v, NUDGE_DIGITS), the same bytes, from r's cache when v was written
 * before. */
void num_cache_fmt(struct render *r, char *buf, size_t n, double v);
void num_cache_free(struct render *r); /* forgets every number */

/* ---- edge_layer.c: the graph's idle edges as an image between frames (draw_opts.live) ---- */
struct edge_layer {
	cairo_surface_t *img;      /* the edges, one pixel per target pixel, or NULL */
	unsigned long key;         /* a hash of what it shows (draw_graph.c's) and where */
	unsigned long seen;        /* the same for the last frame: a layer is made only for
	                              edges that stay two frames, so pans do not pay for it */
	int x, y, w, h;            /* the target's pixels it covers */
};
/* For a layer showing key over the user-space box (x0, y0)-(x1, y1) of cr (within its
 * clip): *fresh = 1 when l holds it already (returns NULL); else, when the last frame
 * asked for the same, a context drawing into a new layer with cr's transform (draw, then
 * edge_layer_close); else NULL: draw straight into cr (a first frame of these edges, or
 * cr's target is not an image). */
cairo_t *edge_layer_open(struct edge_layer *l, cairo_t *cr, unsigned long key, double x0,
                         double y0, double x1, double y1, int *fresh);
void edge_layer_close(struct edge_layer *l, cairo_t *lc); /* done drawing into it */
/* Composites the layer over cr's target where it belongs (within cr's clip); -1 when
 * there is none. */
int edge_layer_paint(const struct edge_layer *l, cairo_t *cr);
void edge_layer_free(struct edge_layer *l); /* releases the image; l holds nothing after */

/* ---- steady.c: room for the graph's numbers that only grows (draw_opts.steady) ---- */
#define STEADY_TABLE_COLS 9 /* a table's columns (draw_table.c) and its title */
#define STEADY_HELD 12      /* figure.c's choices held at once (it places the panels in
                               several ways per frame: caption lines, cards, font scales) */
struct steady {                /* widths held while one scene is shown */
	unsigned long scene;       /* the serial of the scene they are held for (0: none) */
	int n_nodes, n_edges;      /* its sizes */
	double *node[LAYOUT_VARIANTS]; /* per layout variant, per node: widest box, em */
	double *edge[LAYOUT_VARIANTS]; /* per layout variant, per edge: widest label, em */
	double *leaf;              /* per node: widest value its slider gives, em (-1: not yet) */
	unsigned char *over;       /* per node: 1 once its gradients' names stood over their
	                              numbers (layout_node_text.over, stacked layout) */
	struct steady_cards {      /* the lecture panels last drawn as cards (overlay.c) */
		unsigned long scene;   /* the figure's scene's serial (0: none) */
		unsigned kinds;        /* which panels: 1 << enum panel_kind each */
		double w, h, scale;    /* the figure's size and font scale then */
		int present;           /* and whether presenting */
	} cards;
	unsigned long table_scene; /* the serial of the figure's scene the tables' widths are
	                              held for (0: none) */
	double table[PANEL_FORWARD + 1][STEADY_TABLE_COLS]; /* per panel kind, per column of its
	                              table (the last: its title): widest, em */
	unsigned long look;        /* what the held layout choice was made under: a hash of
	                              the figure's scene, size, type scale, mode and panels
	                              (0: none) */
	int layout, bands;         /* that choice: the variant draw_graph drew and its rows */
	struct steady_held {       /* a choice figure.c made (steady_column, steady_split,
	                              steady_caption) */
		unsigned long look;    /* for the look (steady_look), which choice, and what it is
		                          made for: the area, the panels (0: none) */
		double v;              /* the column's widest width, the graph's share, ... */
		int flag;              /* panels beside the graph, two caption lines */
	} held[STEADY_HELD];
	int held_next;             /* the entry of held[] a new look takes */
};
/* A side column's least width w as chosen for fig's look with the n panels of[] in it,
 * held at the widest chosen for them while the window is steady (a drag: the plots'
 * headers change with the numbers, and with them what the column needs; the graph does
 * not grow back), else w. */
double steady_column(struct render *r, const struct figure *fig, const struct draw_opts *o,
                     const struct figure_panel *const *of, int n, double w);
/* The split of a w x h area between the graph and the n panels of[] as first chosen for
 * fig's look (*beside as figure_split returned it, *share the graph's share), held while
 * the window is steady: a nudge changes the numbers' widths and with them the best split,
 * and the plot moving from under the graph to beside it (every box moving) is what the
 * room must not see. Returns the split to draw. */
int steady_split(struct render *r, const struct figure *fig, const struct draw_opts *o,
                 const struct figure_panel *const *of, int n, double w, double h, int beside,
                 double *share);
/* Whether the caption takes two lines (two as figure_arrange chose it) as first chosen
 * for fig's look, held while the window is steady (a nudge changes the step sentence's
 * length; the figure's height must not follow it). */
int steady_caption(struct render *r, const struct figure *fig, const struct draw_opts *o, int two);
/* A leaf's value width w (em, in style val) made at least the widest its slider's range
 * gives; other nodes' w as it is. */
double steady_value(struct render *r, const struct scene *s, int i, double w,
                    const struct text_style *val);
/* The width w (em) of node i's box (edge i's label when edge) in the layout variant
 * (enum layout_variant), made at least the widest it has had since s was first drawn;
 * that is held. */
double steady_width(struct render *r, const struct scene *s, int variant, int edge, int i, double w);
/* Node i's gradient names over their numbers (over), or held so since they first were. */
int steady_over(struct render *r, const struct scene *s, int i, int over);
/* Column col (STEADY_TABLE_COLS - 1: the title) of the table of panel kind (enum
 * panel_kind), w em wide now, made at least the widest it has been since s was first
 * drawn; that is held. */
double steady_table(struct render *r, const struct scene *s, int kind, int col, double w);
/* What the window's held choices rest on besides the numbers: fig's scene (its serial:
 * not steady_for, as the graph's widths may be held for its unit view's scene), size,
 * type scale, mode, units and options, and its panels (kinds, in order). Never 0. */
unsigned long steady_look(const struct figure *fig, const struct draw_opts *o);
/* The layout variant (and *bands, its rows) draw_graph chose for fig drawn with o, held
 * while the scene is shown and the figure keeps its size, type scale, mode and panels:
 * a drag's growing numbers do not switch it (wide to stacked, stacked to bare); -1 when
 * none is held (o not steady, another look, nothing chosen yet). */
int steady_layout(struct render *r, const struct figure *fig, const struct draw_opts *o, int *bands);
/* Holds variant and bands as the choice for fig drawn with o (o->steady only). */
void steady_choose(struct render *r, const struct figure *fig, const struct draw_opts *o, int variant,
                   int bands);
void steady_forget(struct steady *st); /* frees the held widths; none held after */

struct render {
	struct font_set fonts;     /* the bundled fonts */
	struct land_image land;    /* the map's bands (draw_landscape.c) */
	struct text_cache *texts;  /* glyph runs */
	struct graph_layout *layout[LAYOUT_VARIANTS]; /* last graph layout of each variant */
	struct figure_geom *geom;  /* during a draw: where things go (the caller's draw_opts.geom,
	                              or scratch when it gave none) */
	struct figure_geom scratch; /* that scratch */
	struct steady steady;      /* box widths held while the window shows one scene */
	struct edge_layer edges;   /* the graph's idle edges while frames repeat (draw_opts.live) */
	struct num_slot *nums;     /* numbers as written (num_cache.c), or NULL until the first */
	struct caption_memo caption; /* the walk's longest step sentence (caption.c) */
};

#endif
