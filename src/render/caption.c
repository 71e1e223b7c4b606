/* caption.c - the step caption under the figure: "step 12 of 30 · backward pass" and the
 * step's sentence in large type. Presenting, a sentence too long for one line at a size
 * the room reads may go on two (broken before an " = " or after a ", "): the caption
 * keeps two lines' room for the whole walk when its longest sentence needs them (and
 * figure.c finds the graph loses little to it), so the figure does not move from step to
 * step. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "nudge/format.h"
#include "nudge/unit.h"
#include "render-private.h"

#define CAPTION_H 92      /* the caption's height on one line, 1080p pixels */
#define CAPTION_SIZE 36   /* the sentence's type */
#define CAPTION_LEAST 12  /* the smallest it is set at */
#define CAPTION_TWO 0.75  /* presenting, a sentence set under this share of CAPTION_SIZE
                             on one line goes on two where they are larger */
#define CAPTION_PITCH 1.25 /* two lines' baselines apart, in their type's size */

/* fmt_ellipsis's measure for the caption's equation: does s fit w in style st? */
struct caption_fit {
	struct render *r;            /* fonts */
	const struct text_style *st; /* the equation's style */
	double w;                    /* the width it has */
};

static int caption_fits(void *ctx, const char *s)
{
	const struct caption_fit *f = ctx;
	return text_width(f->r, s, f->st) <= f->w;
}

/* Step k's sentence: the trace's or, inside a unit drawn as one, the unit's (in buf). */
static const char *caption_sentence(const struct figure *fig, const struct draw_opts *o, int k,
                                    char *buf, size_t n)
{
	const struct trace *t = fig->trace;
	if (layout_units(fig, o) && unit_step_text(t, fig->scene->units, k, buf, n) > 0)
		return buf;
	return trace_text(t, k);
}

/* Sentence s on two lines: the first its first *end1 bytes, the second from the byte
 * returned (0: s has no place to break). The break that leaves the longer line shortest,
 * before an " = " or after a ", ". */
static size_t caption_break(struct render *r, const char *s, const struct text_style *st, size_t *end1)
{
	size_t best = 0;
	double best_w = INFINITY;
	char first[1024];
	for (size_t i = 1; s[i]; i++) {
		int eq = strncmp(s + i, " = ", 3) == 0, comma = strncmp(s + i, ", ", 2) == 0;
		if (!eq && !comma)
			continue;
		size_t end = comma ? i + 1 : i, next = comma ? i + 2 : i + 1; /* "…," | "= …" */
		snprintf(first, sizeof first, "%.*s", (int)end, s);
		double w = fmax(text_width(r, first, st), text_width(r, s + next, st));
		if (w < best_w) {
			best_w = w;
			best = next;
			*end1 = end;
		}
	}
	return best;
}

/* The size sentence s is set at in width w: on one line (two = 0) or on two. */
static double caption_size(struct render *r, const char *s, double w, double u, int two)
{
	struct text_style cs = {FONT_BOLD, CAPTION_SIZE * u, 0};
	if (!two)
		return text_fit(r, s, &cs, w, CAPTION_LEAST * u);
	size_t end1, next = caption_break(r, s, &cs, &end1);
	if (!next)
		return 0;
	char first[1024];
	snprintf(first, sizeof first, "%.*s", (int)end1, s);
	return fmin(text_fit(r, first, &cs, w, CAPTION_LEAST * u), text_fit(r, s + next, &cs, w, CAPTION_LEAST * u));
}

/* Whether sentence s is set on two lines in width w, and at what size (*size). */
static int caption_two(struct render *r, const char *s, double w, double u, double *size)
{
	double one = caption_size(r, s, w, u, 0);
	*size = one;
	if (one >= CAPTION_TWO * CAPTION_SIZE * u)
		return 0;
	double two = caption_size(r, s, w, u, 1);
	if (!(two > one))
		return 0;
	*size = two;
	return 1;
}

/* The walk's longest sentence (in characters), walked again only for another trace or
 * another kind of sentence (a unit graph's or the trace's): presenting a 500-node
 * network, ~1500 sentences a frame otherwise. In the window (steady) a new trace of the
 * same scene and look (a drag: only numbers change) keeps the sentence walked: the
 * caption keeps its lines, and a longer sentence is set smaller on them. */
static const char *caption_longest(struct render *r, const struct figure *fig, const struct draw_opts *o)
{
	struct caption_memo *m = &r->caption;
	const struct trace *t = fig->trace;
	int units = layout_units(fig, o) != NULL;
	unsigned long look = o->steady ? steady_look(fig, o) : 0;
	if (m->units == units && m->trace && (m->trace == t->serial || (look && m->look == look)))
		return m->longest;
	char buf[1024];
	int most = 0;
	m->longest[0] = '\0';
	for (int k = 0; k < t->n_steps; k++) {
		const char *s = caption_sentence(fig, o, k, buf, sizeof buf);
		int n = s ? fmt_chars(s) : 0;
		if (n > most) {
			most = n;
			snprintf(m->longest, sizeof m->longest, "%s", s);
		}
	}
	m->trace = t->serial;
	m->units = units;
	m->look = look;
	m->sized = 0;
	m->walks++;
	return m->longest;
}

double caption_height(struct render *r, const struct figure *fig, const struct draw_opts *o,
                      double w, double u, int two)
{
	const struct trace *t = fig->trace;
	if (o->no_caption || !t || t->n_steps == 0)
		return 0;
	double h = CAPTION_H * u;
	if (!two || !o->present || figure_forward(fig) || o->hide_values || o->hide_node)
		return h;
	/* the walk's longest sentence says whether two lines are kept */
	const char *longest = caption_longest(r, fig, o);
	struct caption_memo *m = &r->caption;
	if (!m->sized || m->w != w || m->u != u) {
		double size;
		m->extra = longest[0] && caption_two(r, longest, w, u, &size) ? size * CAPTION_PITCH : 0;
		m->sized = 1;
		m->w = w;
		m->u = u;
	}
	return h + m->extra;
}

void caption_draw(cairo_t *cr, struct render *r, const struct figure *fig, const struct draw_opts *o,
                  const struct theme *th, double x, double y, double w, double h, double u)
{
	const struct trace *t = fig->trace;
	int k = fig->step < 0 ? 0 : fig->step >= t->n_steps ? t->n_steps - 1 : fig->step;
	const struct step *st = &t->steps[k];
	static const char *const kinds[] = {"the inputs and parameters", "forward pass",
	                                    "backward pass", "the mean over the rows"};
	char head[160], tangent_text[320];
	snprintf(head, sizeof head, "step %d of %d · %s", k, t->n_steps - 1, kinds[st->kind]);
	if (fig->scene->n_rows > 0 && st->kind != STEP_MEAN) { /* whose numbers the step shows */
		size_t len = strlen(head);
		snprintf(head + len, sizeof head - len, " · row %d of %d", fig->ev->row, fig->scene->n_rows);
	}
	char unit_text[1024]; /* a step inside a unit drawn as one: the part it works on */
	const char *text = caption_sentence(fig, o, k, unit_text, sizeof unit_text);
	const struct forward_view *fw = figure_forward(fig);
	if (fw && fw->input >= 0) {
		/* forward mode: the caption says what the numbers on the nodes are */
		const struct scene *s = fig->scene;
		const char *in = s->nodes[fw->input].label;
		char v[48], J[128]; /* the shown row's cost: "J⁽⁰⁾" with a data set */
		trace_row_name(fig->ev, s->cost, J, sizeof J);
		fmt_num(v, sizeof v, fw->tangent[s->cost], NUDGE_DIGITS);
		snprintf(head, sizeof head, "forward mode · one sweep from %s gives d(node)/d%s for every node", in, in);
		snprintf(tangent_text, sizeof tangent_text, "d%s/d%s = %s", J, in, v);
		text = tangent_text;
	}
	cairo_set_line_width(cr, 1.5 * u);
	theme_set(cr, th->grid);
	cairo_move_to(cr, x, y + 4 * u);
	cairo_line_to(cr, x + w, y + 4 * u);
	cairo_stroke(cr);
	struct text_style hs = {FONT_REGULAR, 19 * u, 0};
	theme_set(cr, th->muted);
	text_draw(cr, r, head, x, y + 30 * u, &hs);
	if (o->hide_values || o->hide_node || !text) /* a quiz: the equation would tell */
		return;
	struct text_style cs = {FONT_BOLD, CAPTION_SIZE * u, 0};
	double room = h - CAPTION_H * u; /* a second line's room, kept for the walk */
	/* with two lines' room kept, two lines wherever they set it larger than one */
	double one = caption_size(r, text, w, u, 0);
	double two = room > 0 && one < CAPTION_SIZE * u ? fmin(caption_size(r, text, w, u, 1), room / CAPTION_PITCH) : 0;
	cs.size = fmax(one, two);
	char lines[2][1024]; /* a node with many inputs: end the equation with … */
	size_t end1 = 0, next = two > one ? caption_break(r, text, &cs, &end1) : 0;
	snprintf(lines[0], sizeof lines[0], "%.*s", (int)(next ? end1 : strlen(text)), text);
	snprintf(lines[1], sizeof lines[1], "%s", next ? text + next : "");
	int grad_step = st->kind == STEP_BACKWARD || (st->kind == STEP_MEAN && st->node != fig->scene->cost);
	theme_set(cr, fw ? th->nudge : grad_step ? th->backward
	              : st->kind == STEP_FORWARD || st->kind == STEP_MEAN ? th->forward : th->fg);
	r->geom->caption_font = cs.size;
	r->geom->caption_lines = next ? 2 : 1;
	double base = y + 30 * u + cs.size * 1.3;
	for (int i = 0; i < (next ? 2 : 1); i++, base += cs.size * CAPTION_PITCH) {
		char cut[1024];
		const char *line = fmt_ellipsis(cut, sizeof cut, lines[i], caption_fits, &(struct caption_fit){ r, &cs, w });
		text_draw(cr, r, line, x, base, &cs);
	}
}
