/* card.c - the lecture panels drawn as cards over the figure where no room beside or
 * under the graph keeps their text readable (a small screen, many panels open): each
 * card as large as its text needs at the panels' readable size (panel_font), stacked from
 * a corner of a region in columns; where they do not all fit apart, a deck at its edge:
 * the last in the list (the last opened) whole, the earlier ones each showing its top
 * part. Only where they go: overlay.c picks the corner (what they cover least) and
 * figure.c draws the panels into these boxes. */
#include <math.h>
#include "render-private.h"

#define CARD_PLOT_W 15 /* a plot's card (the ε error, the loss): tick fonts wide */
#define CARD_PLOT_H 12 /* and high */
#define CARD_WORK_EM 24 /* the work panel's lines break at this many of its fonts */
#define CARD_TAB_LINE 1.45 /* a deck's tab shows this many of its card's fonts at its top:
                              its title's first line (bold, 1.05-1.1 of the font, baseline
                              at about 1.1-1.16), its descenders, not the line under it */

/* The inner size of fp's card at readable type, no larger than area less its pad. */
static void card_size(struct render *r, const struct figure *fig, const struct figure_panel *fp,
                      const struct panel *area, double pad, double *w, double *h)
{
	double most_w = area->w - 2 * pad, most_h = area->h - 2 * pad;
	*w = *h = 0;
	if (fp->kind == PANEL_CHECK || fp->kind == PANEL_NUDGES || fp->kind == PANEL_ROWS) {
		table_room(r, fig, fp, panel_font(area, 22), area->o && area->o->steady, w, h);
	} else if (fp->kind == PANEL_WORK) {
		double font = panel_font(area, 21), high;
		struct panel p = *area;
		p.w = fmin(most_w, CARD_WORK_EM * font);
		work_room(r, fig, fp->work, &p, font, w, h);
		p.w = *w; /* as wide as its widest line: the count beside a bar may go under it */
		work_room(r, fig, fp->work, &p, font, w, &high);
		*w = p.w;
		*h = fmax(*h, high);
	} else {
		double font = axes_font_least(area->o, area->u);
		*w = CARD_PLOT_W * font;
		*h = CARD_PLOT_H * font;
	}
	if (*w > most_w || *h > most_h) { /* smaller, its type with it */
		double k = fmin(most_w / fmax(*w, 1e-9), most_h / fmax(*h, 1e-9));
		*w *= k;
		*h *= k;
	}
}

/* How high a deck's tab of fp's card (w by h with its pad) is: its edge and its title's
 * first line at the font it is drawn in (draw_table's, draw_work's, a plot's axes). */
static double card_tab(const struct figure_panel *fp, const struct panel *area, double w, double h, double pad)
{
	double font = panel_font(area, 22);
	if (fp->kind == PANEL_WORK)
		font = panel_font(area, 21);
	else if (fp->kind != PANEL_CHECK && fp->kind != PANEL_NUDGES && fp->kind != PANEL_ROWS) {
		struct panel p = *area;
		p.w = w - 2 * pad;
		p.h = h - 2 * pad;
		font = axes_font(&p);
	}
	return pad + CARD_TAB_LINE * font;
}

/* Cards in columns from region's bottom right corner, leftwards: 0, or -1 where they do
 * not all fit apart. */
static int card_columns(const struct panel *region, const double *W, const double *H, int n, double gap,
                        struct layout_box *box)
{
	double right = region->x + region->w, bottom = region->y + region->h, top = bottom, col_w = 0;
	for (int i = 0; i < n; i++) {
		if (top - H[i] < region->y - 0.01 && top < bottom) { /* the column is full: one to its left */
			right -= col_w + gap;
			col_w = 0;
			top = bottom;
		}
		if (right - W[i] < region->x - 0.01 || top - H[i] < region->y - 0.01)
			return -1;
		box[i] = (struct layout_box){right - W[i], top - H[i], W[i], H[i]};
		top -= H[i] + gap;
		col_w = fmax(col_w, W[i]);
	}
	return 0;
}

/* Cards as a deck at region's right edge: the last whole at the bottom, each earlier one
 * above it, its top part (where its title is) showing over the next: as much of it as
 * fits, or (tab not NULL) a tab tab[i] high, its title only. */
static void card_deck(const struct panel *region, const double *W, const double *H, int n, double gap,
                      const double *tab, struct layout_box *box)
{
	double right = region->x + region->w, top = fmax(region->y, region->y + region->h - H[n - 1]);
	double need = 0;
	for (int i = 0; i + 1 < n; i++)
		need += H[i] + gap;
	double step = n > 1 ? fmin(need, top - region->y) / (n - 1) : 0; /* each earlier card's strip */
	for (int i = n - 1; i >= 0; i--) {
		double shown = tab ? tab[i] : need <= top - region->y ? H[i] + gap : step;
		double y = i == n - 1 ? top : fmax(region->y, box[i + 1].y - shown);
		box[i] = (struct layout_box){right - W[i], y, W[i], H[i]};
		if (tab && i < n - 1) /* behind the whole card, down to its foot: no part below it */
			box[i].h = top + H[n - 1] - y;
	}
}

int card_place(struct render *r, const struct figure *fig, const struct figure_panel *const *of, int n,
               const struct panel *area, const struct panel *region, int corner, double pad, double gap,
               struct panel *card)
{
	double W[FIGURE_MAX_PANELS], H[FIGURE_MAX_PANELS];
	struct layout_box box[FIGURE_MAX_PANELS];
	n = n < FIGURE_MAX_PANELS ? n : FIGURE_MAX_PANELS;
	for (int i = 0; i < n; i++) {
		card_size(r, fig, of[i], area, pad, &W[i], &H[i]);
		W[i] += 2 * pad;
		H[i] += 2 * pad;
	}
	int apart = n == 0 || (!(corner & CARD_TABS) && card_columns(region, W, H, n, gap, box) == 0);
	if (!apart && !(corner & CARD_BOTTOM)) /* a deck stands on its lowest card */
		return -1;
	double tab[FIGURE_MAX_PANELS], widest = 0;
	for (int i = 0; i < n; i++)
		widest = fmax(widest, W[i]);
	for (int i = 0; i < n; i++) {
		if (corner & CARD_TABS)
			W[i] = widest; /* one width: a card behind shows its tab, not a strip of its side */
		tab[i] = card_tab(of[i], area, W[i], H[i], pad);
	}
	double high = n > 0 ? H[n - 1] : 0;
	for (int i = 0; i + 1 < n; i++)
		high += tab[i];
	if (corner & CARD_TABS && (widest > region->w + 0.01 || high > region->h + 0.01))
		return -1; /* the tabs stand on the deck's whole card: in the region or not at all */
	if (!apart)
		card_deck(region, W, H, n, gap, corner & CARD_TABS ? tab : NULL, box);
	for (int i = 0; i < n; i++) {
		struct layout_box b = box[i]; /* from the bottom right; mirrored to the corner asked */
		if (!(corner & CARD_RIGHT))
			b.x = region->x + (region->x + region->w - (b.x + b.w));
		if (!(corner & CARD_BOTTOM))
			b.y = region->y + (region->y + region->h - (b.y + b.h));
		card[i] = *area;
		card[i].x = b.x + pad;
		card[i].y = b.y + pad;
		card[i].w = b.w - 2 * pad;
		card[i].h = b.h - 2 * pad;
	}
	return apart || corner & CARD_TABS ? 0 : -1;
}
