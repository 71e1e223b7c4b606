/* overlay.c - which lecture panels (loss, ε error, tables, work) get room beside or under
 * the graph and which go over the figure as cards (card.c sizes and stacks them), and
 * where the cards go once the graph is drawn: the corner, or the plot's place, that
 * covers least of what the room reads. figure.c arranges the figure and draws it; this
 * file only decides, paints a card's background and says which part of it is hit. */
#include <math.h>
#include <string.h>
#include "render-private.h"

#define OVERLAY_TYPE_KEPT 0.9 /* a plot whose type figure_column sets smaller than this
                                 much of its own does not read as it did */
#define OVERLAY_CARD_GAP 24 /* between two cards, 1080p pixels */
#define OVERLAY_SLOT_W 6 /* a plot card in a plot's place: at least this many tick fonts */
#define OVERLAY_SLOT_H 9 /* wide and high (draw_loss's axes: 6 wide, 3 high under its
                            header, over the ticks) */
#define OVERLAY_PART 1000 /* a node box a card covers partly weighs this much (one
                             covered whole 10): its numbers cut read as broken */
#define OVERLAY_GOAL 60 /* the graph's digits keep 1/60 of the height (a lecture hall reads
                           them) where the screen allows, whatever panels are open */

/* Does panel i of the arrangement ar keep readable type where it is placed: a table's or
 * the work panel's text at least PANEL_GOAL's size, a plot's type as large as in ref
 * (the arrangement without the lecture's panels; at the figure's own for a panel not in
 * it) and its ticks room, and nothing of ref left out? */
static int overlay_readable(const struct figure *fig, const struct arrangement *ar,
                            const struct arrangement *ref, int i, int lecture)
{
	const struct figure_panel *fp = ar->of[i];
	const struct panel *p = &ar->side[i];
	double least = 0.97 * panel_font(p, 0);
	if (fp->kind == PANEL_WORK)
		return work_font(fig->render, fig, fp->work, p) >= least;
	if (panel_lines(fig, fp) > 0)
		return table_font(fig->render, fig, fp, p) >= least;
	if (ar->gone[i] && !(lecture ? 0 : ref->gone[i]))
		return 0;
	double u = lecture ? ref->graph.u : ref->side[i].u, font = axes_font_least(p->o, p->u);
	return p->u >= OVERLAY_TYPE_KEPT * u && p->w >= FIGURE_PLOT_MIN_FONTS * font && p->h >= FIGURE_PLOT_MIN_FONTS * font;
}

/* Do the graph (at scale k, against least) and every panel of ar keep readable type? */
static int overlay_fits(const struct figure *fig, const struct arrangement *ar, const struct arrangement *plain,
                        double k, double least)
{
	int fits = k >= 0.97 * least;
	for (int i = 0; fits && i < ar->n_side; i++)
		fits = overlay_readable(fig, ar, plain, i, panel_lecture(ar->of[i]));
	return fits;
}

/* The lecture's panels (loss, check, tables, work) where giving them room would draw the
 * graph's numbers smaller than the goal (or than without them, when that is smaller
 * already), or would set their own text or the other plots' too small to read (a small
 * screen): they go over the figure as cards instead (card.c), and the graph and the
 * plots keep their places; closing a panel shows what it covered again. Steady (the
 * window), once cards they stay cards while the same panels are open on the same
 * scene and screen: a drag that makes a number narrower again does not flip them back
 * beside the graph (their tables' columns only grow there too, steady_table). */
void overlay_choose(struct render *r, const struct figure *fig, const struct draw_opts *o,
                    const struct graph_extent *ex, struct arrangement *ar, double k,
                    double gap, double u, double u0)
{
	int base[FIGURE_MAX_PANELS], lect[FIGURE_MAX_PANELS], nb = 0, nl = 0;
	for (int i = 0; i < ar->n_side; i++) {
		if (panel_lecture(ar->of[i]))
			lect[nl++] = i;
		else
			base[nb++] = i;
	}
	if (nl == 0)
		return;
	struct arrangement plain = *ar;
	double k0 = figure_place(fig, o, ex, &plain, base, nb, -1, gap, u, u0);
	double goal = o->height / (OVERLAY_GOAL * GRAPH_DIGIT_EM);
	struct steady_cards now = {fig->scene->serial, 0, o->width, o->height, o->font_scale, o->present != 0};
	for (int i = 0; i < nl; i++)
		now.kinds |= 1u << ar->of[lect[i]]->kind;
	struct steady_cards *held = &r->steady.cards; /* cards stay cards while the same panels
	                                                 are open (steady: a drag, the window) */
	int stay = o->steady && held->scene == now.scene && held->kinds == now.kinds && held->w == now.w &&
	           held->h == now.h && held->scale == now.scale && held->present == now.present;
	if (!stay) {
		if (overlay_fits(fig, ar, &plain, k, fmin(k0, goal)))
			return;
		int all[FIGURE_MAX_PANELS]; /* the panels in a row where figure_split put them in a
		                               column, or the other way round (the D table's width) */
		for (int i = 0; i < ar->n_side; i++)
			all[i] = i;
		struct arrangement turned = *ar;
		double kt = figure_place(fig, o, ex, &turned, all, ar->n_side, ar->graph.w >= ar->w - 0.5, gap, u, u0);
		if (overlay_fits(fig, &turned, &plain, kt, fmin(k0, goal))) {
			*ar = turned;
			return;
		}
	}
	if (o->steady)
		*held = now;
	*ar = plain;
	struct panel area = {ar->x, ar->y, ar->w, ar->h, u, ar->graph.th, ar->graph.o}, card[FIGURE_MAX_PANELS];
	const struct figure_panel *of[FIGURE_MAX_PANELS];
	for (int i = 0; i < nl; i++)
		of[i] = ar->of[lect[i]];
	/* at the bottom right until drawn: overlay_spot picks the corner */
	card_place(r, fig, of, nl, &area, &area, CARD_RIGHT | CARD_BOTTOM, FIGURE_CARD_PAD * u0, OVERLAY_CARD_GAP * u0,
	           card);
	for (int i = 0; i < nl; i++) {
		ar->side[lect[i]] = card[i];
		ar->over[lect[i]] = 1;
		ar->gone[lect[i]] = 0;
	}
}

/* The area two boxes share. */
static double overlay_overlap(const struct layout_box *a, const struct layout_box *b)
{
	double w = fmin(a->x + a->w, b->x + b->w) - fmax(a->x, b->x);
	double h = fmin(a->y + a->h, b->y + b->h) - fmax(a->y, b->y);
	return w > 0 && h > 0 ? w * h : 0;
}

/* Paints the background under a panel drawn over the figure (pad around it, framed) and
 * forgets the hit boxes it covers. */
void overlay_cover(cairo_t *cr, struct figure_geom *geom, const struct theme *th,
                   const struct panel *p, double pad)
{
	struct layout_box c = {p->x - pad, p->y - pad, p->w + 2 * pad, p->h + 2 * pad};
	cairo_rectangle(cr, c.x, c.y, c.w, c.h);
	theme_set(cr, th->bg);
	cairo_fill_preserve(cr);
	theme_set_alpha(cr, th->muted, 0.7);
	cairo_set_line_width(cr, pad * 0.15);
	cairo_stroke(cr);
	int n = 0;
	const struct layout_box *lg = &geom->legend;
	if (lg->w > 0 && lg->x < c.x + c.w && c.x < lg->x + lg->w && lg->y < c.y + c.h && c.y < lg->y + lg->h)
		geom->legend.w = 0; /* the legend row under it too */
	geom->cards++;
	for (int i = 0; i < geom->n_hits; i++) {
		const struct layout_box *b = &geom->hits[i].box;
		int under = b->x < c.x + c.w && c.x < b->x + b->w && b->y < c.y + c.h && c.y < b->y + b->h;
		if (!under || geom->hits[i].kind == HIT_PANEL)
			geom->hits[n++] = geom->hits[i];
	}
	geom->n_hits = n;
}

/* The part of panel i the pointer reaches: its box, or a card's with its edge, less what
 * the later cards in a deck cover of its lower part (h 0: covered at its top). */
struct layout_box overlay_shown(const struct arrangement *ar, int i, double pad)
{
	const struct panel *p = &ar->side[i];
	if (!ar->over[i])
		return (struct layout_box){p->x, p->y, p->w, p->h};
	struct layout_box b = {p->x - pad, p->y - pad, p->w + 2 * pad, p->h + 2 * pad};
	for (int j = i + 1; j < ar->n_side && b.h > 0; j++) {
		const struct panel *q = &ar->side[j];
		struct layout_box c = {q->x - pad, q->y - pad, q->w + 2 * pad, q->h + 2 * pad};
		if (!ar->over[j] || c.x >= b.x + b.w || b.x >= c.x + c.w || c.y >= b.y + b.h || b.y >= c.y + c.h)
			continue;
		b.h = c.y > b.y ? c.y - b.y : 0;
	}
	return b;
}

/* How much of what is drawn the n cards (pad around each) cover: node boxes and the data
 * panel ten times (the graph is what the room reads; the data is what training changes:
 * a classifier's boundary, a fitted line), edge labels four times and the other panels
 * beside the graph (the J plot, a slice through one weight) once, by area; whatever the
 * cards touch counts whole (a box or a plot partly covered does not read either), and a
 * node box cut by a card's edge far more (OVERLAY_PART): a deck of tabs goes clear of
 * it, or covers it whole. */
static double overlay_cost(const struct figure_geom *g, const struct arrangement *ar,
                           const struct panel *card, int n, double pad)
{
	double cost = 0;
	for (int k = 0; k < n; k++) {
		struct layout_box c = {card[k].x - pad, card[k].y - pad, card[k].w + 2 * pad, card[k].h + 2 * pad};
		for (int i = 0; i < g->n_hits; i++) {
			const struct geom_hit *h = &g->hits[i];
			double o = overlay_overlap(&c, &h->box), whole = h->box.w * h->box.h;
			if ((h->kind == HIT_NODE || h->kind == HIT_EDGE_LOCAL) && o > 0)
				cost += (h->kind == HIT_NODE ? o < 0.999 * whole ? OVERLAY_PART : 10 : 4) * whole;
		}
		for (int i = 0; i < ar->n_side; i++) {
			const struct panel *p = &ar->side[i];
			if (!ar->over[i] && overlay_overlap(&c, &(struct layout_box){p->x, p->y, p->w, p->h}) > 0)
				cost += (ar->of[i]->kind == PANEL_DATA ? 10 : 1) * p->w * p->h;
		}
	}
	return cost;
}

/* Keeps the n cards in best where they cover clearly less than the best so far. */
static void overlay_keep(const struct figure_geom *g, const struct arrangement *ar, const struct panel *card,
                         int n, double pad, double *least, struct panel *best)
{
	double cost = overlay_cost(g, ar, card, n, pad);
	if (*least == INFINITY || cost < 0.8 * *least) {
		*least = cost;
		memcpy(best, card, sizeof card[0] * (size_t)n);
	}
}

/* The n plot cards in the place of plot i beside the graph, stacked in its box: 0, or -1
 * where it is too small for their axes at tick font font (a plot that has its place
 * there, beside the graph, does; the plot cards' headers break into lines). */
static int overlay_slot(const struct arrangement *ar, int i, const struct panel *area, int n, double gap,
                        double font, struct panel *card)
{
	const struct panel *slot = &ar->side[i];
	double h = (slot->h - (n - 1) * gap) / n;
	if (ar->over[i] || slot->w < OVERLAY_SLOT_W * font || h < OVERLAY_SLOT_H * font)
		return -1;
	for (int k = 0; k < n; k++) {
		card[k] = *area;
		card[k].x = slot->x;
		card[k].y = slot->y + k * (h + gap);
		card[k].w = slot->w;
		card[k].h = h;
	}
	return 0;
}

/* Where the cards go, once the graph and the other panels are drawn (their boxes in
 * geom): from the corner of the figure's area, or of the graph's panel where they fit
 * in it, or (plots only) in the place of a plot beside the graph, whole, that covers the
 * least of them (the bottom right when that is about as good, so they stay put while
 * the numbers change). xor training in a small window: the loss takes the J plot's
 * place; the classifier's data and the graph's nodes stay in view. */
void overlay_spot(struct render *r, const struct figure *fig, struct arrangement *ar,
                  double u, double u0)
{
	const struct figure_panel *of[FIGURE_MAX_PANELS];
	int idx[FIGURE_MAX_PANELS], n = 0, plots = 1;
	for (int i = 0; i < ar->n_side; i++)
		if (ar->over[i]) {
			idx[n] = i;
			of[n++] = ar->of[i];
			plots &= panel_lines(fig, ar->of[i]) == 0; /* the loss, the ε error */
		}
	if (n == 0)
		return;
	struct panel area = {ar->x, ar->y, ar->w, ar->h, u, ar->graph.th, ar->graph.o}, card[FIGURE_MAX_PANELS],
	             best[FIGURE_MAX_PANELS];
	static const int corners[] = {CARD_RIGHT | CARD_BOTTOM, CARD_RIGHT, CARD_BOTTOM, 0};
	double pad = FIGURE_CARD_PAD * u0, gap = OVERLAY_CARD_GAP * u0, least = INFINITY;
	double ticks = axes_font_least(ar->graph.o, u);
	/* the area's bottom right first, then plots' places, then the other corners, then a
	   deck of tabs at the area's and the graph's bottom corners (where the cards apart
	   or a deck showing more of each would cut a node's box) */
	for (int c = 0; c < 12 + ar->n_side; c++) {
		int k = c == 0 ? 0 : c <= ar->n_side ? -1 : c - ar->n_side;
		if (k >= 8) {
			const struct panel *region = k % 2 ? &ar->graph : &area;
			if (card_place(r, fig, of, n, &area, region, (k < 10 ? CARD_RIGHT : 0) | CARD_BOTTOM | CARD_TABS,
			               pad, gap, card) == 0)
				overlay_keep(r->geom, ar, card, n, pad, &least, best);
			continue;
		}
		if (k < 0) {
			if (plots && overlay_slot(ar, c - 1, &area, n, gap, ticks, card) == 0)
				overlay_keep(r->geom, ar, card, n, pad, &least, best);
			continue;
		}
		const struct panel *region = k % 2 ? &ar->graph : &area;
		int apart = card_place(r, fig, of, n, &area, region, corners[k / 2], pad, gap, card) == 0;
		if (!apart && (region != &area || !(corners[k / 2] & CARD_BOTTOM))) /* a deck: the area's bottom */
			continue;
		overlay_keep(r->geom, ar, card, n, pad, &least, best);
	}
	for (int k = 0; k < n; k++)
		ar->side[idx[k]] = best[k];
}
