/* draw_table.c - the figure's number tables: the numeric check of backprop (every
 * input and param: backprop's gradient, the central difference, their difference), the
 * derivative playground (for each ε tried: J(w), J(w + ε), the change, change / ε
 * and the exact dJ/dw) and a data set's rows (each row's inputs, prediction, J⁽ⁱ⁾ and
 * dJ⁽ⁱ⁾/dw, the means last): PANEL_CHECK, PANEL_NUDGES and PANEL_ROWS. Numbers come
 * from the panel (the engine); only text here. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "render-private.h"
#include "nudge/rows.h"

#define TABLE_ROWS 16  /* body rows at most */
#define TABLE_COLS 8
#define TABLE_ROW_EM 1.55 /* row height in table fonts */
#define TABLE_GAP 1.2     /* between two columns, in table fonts */
#define TABLE_TITLE_FIT 0.8 /* the title may be set this much smaller to fit the columns' width */

struct table {
	char title[200];                      /* bold, above */
	char head[TABLE_COLS][64];            /* column names */
	char cell[TABLE_ROWS][TABLE_COLS][64];/* body */
	struct rgba colour[TABLE_COLS];       /* colour of each column's numbers */
	int n_rows, n_cols;
	char foot[200];                       /* a sentence under it, or "" */
	int foot_bad;                         /* 1: the foot in the warning colour */
	int kind;                             /* the panel's (enum panel_kind) */
};

int table_lines(const struct figure *fig, const struct figure_panel *fp)
{
	int rows = fp->kind == PANEL_CHECK ? fp->check.n : fp->kind == PANEL_NUDGES ? fp->nudges.n
	           : fig->scene->n_rows + 1; /* the rows and their mean */
	return (rows < TABLE_ROWS ? rows : TABLE_ROWS) + 3; /* title, head, rows, foot */
}

static void table_check(const struct figure *fig, const struct check_view *cv, const struct theme *th,
                        struct table *t)
{
	const struct scene *s = fig->scene;
	char eps[64];
	fmt_num(eps, sizeof eps, cv->eps, NUDGE_DIGITS);
	snprintf(t->title, sizeof t->title, "check: backprop against (%s(w + ε) − %s(w − ε)) / 2ε, ε = %s",
	         s->nodes[s->cost].label, s->nodes[s->cost].label, eps);
	static const char *const head[] = {"", "backprop", "nudging", "difference"};
	t->n_cols = 4;
	for (int c = 0; c < 4; c++)
		snprintf(t->head[c], sizeof t->head[c], "%s", head[c]);
	t->colour[0] = th->fg;
	t->colour[1] = th->backward;
	t->colour[2] = th->nudge;
	t->colour[3] = th->muted;
	/* the verdict judges every row by its relative difference, and quotes the largest
	 * absolute one, the number the table's last column shows */
	double worst = 0, largest = 0;
	for (int i = 0; i < cv->n; i++) {
		const struct check_row *row = &cv->rows[i];
		double rel = row->diff / fmax(1, fabs(row->backprop));
		worst = isnan(rel) || rel > worst ? (isnan(rel) ? INFINITY : rel) : worst;
		largest = isnan(row->diff) || row->diff > largest ? (isnan(row->diff) ? INFINITY : row->diff) : largest;
	}
	t->n_rows = cv->n < TABLE_ROWS ? cv->n : TABLE_ROWS;
	for (int i = 0; i < t->n_rows; i++) {
		const struct check_row *row = &cv->rows[i];
		snprintf(t->cell[i][0], sizeof t->cell[i][0], "d%s/d%s", s->nodes[s->cost].label,
		         s->nodes[row->node].label);
		fmt_num(t->cell[i][1], sizeof t->cell[i][1], row->backprop, NUDGE_DIGITS);
		fmt_num(t->cell[i][2], sizeof t->cell[i][2], row->numeric, NUDGE_DIGITS);
		fmt_num(t->cell[i][3], sizeof t->cell[i][3], row->diff, 2);
	}
	char w[64];
	fmt_num(w, sizeof w, largest, 2);
	if (worst < 1e-4)
		snprintf(t->foot, sizeof t->foot, "backprop and nudging agree (largest difference %s)", w);
	else {
		snprintf(t->foot, sizeof t->foot, "they differ by up to %s: a kink, a pole, or ε too large", w);
		t->foot_bad = 1;
	}
}

static void table_nudges(const struct figure *fig, const struct nudges_view *nv, const struct theme *th,
                         struct table *t)
{
	const struct scene *s = fig->scene;
	const char *J = s->nodes[s->cost].label, *w = s->nodes[nv->rows[0].node].label;
	char wv[64];
	fmt_num(wv, sizeof wv, fig->ev->set[nv->rows[0].node], NUDGE_DIGITS);
	snprintf(t->title, sizeof t->title, "nudging %s = %s by ε", w, wv);
	t->n_cols = 6;
	snprintf(t->head[0], sizeof t->head[0], "ε");
	snprintf(t->head[1], sizeof t->head[1], "%s(%s)", J, w);
	snprintf(t->head[2], sizeof t->head[2], "%s(%s + ε)", J, w);
	snprintf(t->head[3], sizeof t->head[3], "change");
	snprintf(t->head[4], sizeof t->head[4], "change / ε");
	snprintf(t->head[5], sizeof t->head[5], "d%s/d%s", J, w);
	struct rgba c[] = {th->fg, th->forward, th->forward, th->fg, th->nudge, th->backward};
	memcpy(t->colour, c, sizeof c);
	t->n_rows = nv->n < TABLE_ROWS ? nv->n : TABLE_ROWS;
	for (int i = 0; i < t->n_rows; i++) {
		const struct nudge *nd = &nv->rows[i];
		double v[] = {nd->eps, nd->before, nd->after, nd->delta, nd->ratio,
		              fig->ev->mean_grad[nd->node]};
		/* the figure's digits everywhere (change / ε reads as the plot's header and
		 * inset write it, dJ/dw as its box), but J(w) and J(w + ε) with as many as
		 * their difference needs to be the change column */
		int apart = fmt_digits_apart(nd->before, nd->after, NUDGE_DIGITS);
		for (int k = 0; k < 6; k++)
			fmt_num(t->cell[i][k], sizeof t->cell[i][k], v[k], k == 1 || k == 2 ? apart : NUDGE_DIGITS);
	}
	snprintf(t->foot, sizeof t->foot, "change / ε comes closer to d%s/d%s as ε shrinks", J, w);
}

/* Every data row's numbers (a window of TABLE_ROWS − 1 around the shown row when there
 * are more), then their means; the shown row marked. */
static void table_per_row(const struct figure *fig, const struct data_samples *d, const struct theme *th,
                          struct table *t)
{
	const struct scene *s = fig->scene;
	struct rows_column *cols = calloc((size_t)s->n_nodes + 2, sizeof *cols);
	double *out = calloc((size_t)s->n_nodes + 2, sizeof *out);
	if (!cols || !out)
		goto done;
	int n = rows_columns(s, cols);
	n = n < TABLE_COLS - 1 ? n : TABLE_COLS - 1;
	const char *J = s->nodes[s->cost].label;
	snprintf(t->title, sizeof t->title, "each row: %s⁽ⁱ⁾ and d%s⁽ⁱ⁾/d·; their means %s and d%s/d·", J, J, J, J);
	t->n_cols = n + 1;
	snprintf(t->head[0], sizeof t->head[0], "row i");
	t->colour[0] = th->fg;
	for (int c = 0; c < n; c++) {
		const char *lab = s->nodes[cols[c].node].label;
		if (cols[c].kind == ROWS_GRAD)
			snprintf(t->head[c + 1], sizeof t->head[c + 1], "d%s⁽ⁱ⁾/d%s", J, lab);
		else
			snprintf(t->head[c + 1], sizeof t->head[c + 1], "%s⁽ⁱ⁾", lab);
		t->colour[c + 1] = cols[c].kind == ROWS_GRAD ? th->backward : cols[c].kind == ROWS_DATA ? th->fg : th->forward;
	}
	int body = TABLE_ROWS - 1, first = 0, shown = fig->ev->row;
	if (s->n_rows > body) {
		first = shown - body / 2;
		first = first < 0 ? 0 : first > s->n_rows - body ? s->n_rows - body : first;
	} else {
		body = s->n_rows;
	}
	for (int i = 0; i <= body; i++) {
		int row = i < body ? first + i : -1;
		double pred = row >= 0 && d && d->rows_pred ? d->rows_pred[row] : NAN;
		rows_values(fig->ev, row, cols, n, pred, out);
		if (row < 0)
			snprintf(t->cell[i][0], sizeof t->cell[i][0], "mean");
		else
			snprintf(t->cell[i][0], sizeof t->cell[i][0], row == shown ? "▸ %d" : "%d", row);
		for (int c = 0; c < n; c++)
			if (!(row < 0 && isnan(out[c])))
				fmt_num(t->cell[i][c + 1], sizeof t->cell[i][c + 1], out[c], NUDGE_DIGITS);
	}
	t->n_rows = body + 1;
	snprintf(t->foot, sizeof t->foot, "▸ the row the graph shows ([ and ] choose it); %d rows in all", s->n_rows);
done:
	free(cols);
	free(out);
}

/* Each column's width in ems (colw) and the columns' together with their gaps; steady
 * (the window), each held at the widest it has been for the scene (steady_table), so a
 * drag does not make the table, or what is placed beside it, jump. */
static double table_columns(struct render *r, const struct figure *fig, const struct table *t, int steady,
                            double colw[TABLE_COLS])
{
	struct text_style ts = {FONT_REGULAR, 1, 0}, bs = {FONT_BOLD, 1, 1}; /* names with labels; numbers */
	double total = 0;
	for (int c = 0; c < t->n_cols; c++) {
		colw[c] = text_width(r, t->head[c], &ts);
		for (int i = 0; i < t->n_rows; i++)
			colw[c] = fmax(colw[c], text_width(r, t->cell[i][c], c ? &bs : &ts));
		if (steady)
			colw[c] = steady_table(r, fig->scene, t->kind, c, colw[c]);
		total += colw[c] + (c ? TABLE_GAP : 0);
	}
	return total;
}

/* The font table_draw sets t in within p: the lecture panels' size, smaller where p is
 * too low for the lines or too narrow for the columns. */
static double table_font_of(const struct panel *p, const struct table *t, double total)
{
	int lines = t->n_rows + 3;
	double font = fmin(panel_font(p, 22), p->h / (lines * TABLE_ROW_EM));
	return fmax(8 * p->u, fmin(font, p->w / total));
}

static void table_draw(cairo_t *cr, struct render *r, const struct figure *fig, const struct panel *p,
                       const struct table *t)
{
	const struct theme *th = p->th;
	double gap = TABLE_GAP, colw[TABLE_COLS] = {0}, total = table_columns(r, fig, t, p->o && p->o->steady, colw);
	double font = table_font_of(p, t, total);
	if (r->geom && (r->geom->panel_text == 0 || font < r->geom->panel_text))
		r->geom->panel_text = font;
	struct text_style ts = {FONT_REGULAR, font, 0}, bs = {FONT_BOLD, font, 1};
	double row = font * TABLE_ROW_EM, y = p->y + font * 1.1;
	struct text_style title = {FONT_BOLD, font * 1.05, 0};
	title.size = text_fit(r, t->title, &title, p->w, font * 0.6);
	theme_set(cr, th->fg);
	text_draw(cr, r, t->title, p->x, y, &title);
	y += row;
	theme_set(cr, th->muted);
	double x = p->x;
	for (int c = 0; c < t->n_cols; c++) { /* numbers right-aligned under their names */
		double cw = colw[c] * font;
		text_draw(cr, r, t->head[c], c ? x + cw - text_width(r, t->head[c], &ts) : x, y, &ts);
		x += cw + gap * font;
	}
	cairo_set_line_width(cr, 1.2 * p->u);
	theme_set(cr, th->grid);
	cairo_move_to(cr, p->x, y + font * 0.45);
	cairo_line_to(cr, p->x + fmin(p->w, total * font), y + font * 0.45);
	cairo_stroke(cr);
	for (int i = 0; i < t->n_rows; i++) {
		y += row;
		x = p->x;
		for (int c = 0; c < t->n_cols; c++) {
			double cw = colw[c] * font;
			const struct text_style *st = c ? &bs : &ts;
			theme_set(cr, t->colour[c]);
			text_draw(cr, r, t->cell[i][c], c ? x + cw - text_width(r, t->cell[i][c], st) : x, y, st);
			x += cw + gap * font;
		}
	}
	if (t->foot[0]) {
		y += row;
		struct text_style fs = {FONT_ITALIC, font * 0.95, 0};
		fs.size = text_fit(r, t->foot, &fs, p->w, font * 0.5);
		theme_set(cr, t->foot_bad ? th->wrong : th->muted);
		text_draw(cr, r, t->foot, p->x, y, &fs);
	}
}

/* Fills t with fp's table (0), or -1 when fp has none to show. */
static int table_fill(const struct figure *fig, const struct figure_panel *fp, const struct theme *th,
                      struct table *t)
{
	memset(t, 0, sizeof *t);
	t->kind = fp->kind;
	if (fp->kind == PANEL_CHECK && fp->check.rows && fp->check.n > 0)
		table_check(fig, &fp->check, th, t);
	else if (fp->kind == PANEL_NUDGES && fp->nudges.rows && fp->nudges.n > 0)
		table_nudges(fig, &fp->nudges, th, t);
	else if (fp->kind == PANEL_ROWS && fig->scene->n_rows > 0)
		table_per_row(fig, fp->data, th, t);
	else
		return -1;
	return 0;
}

void table_room(struct render *r, const struct figure *fig, const struct figure_panel *fp, double font, int steady,
                double *w, double *h)
{
	struct table t;
	*w = *h = 0;
	if (table_fill(fig, fp, theme_get(THEME_DARK), &t) != 0)
		return;
	double colw[TABLE_COLS], total = table_columns(r, fig, &t, steady, colw);
	struct text_style title = {FONT_BOLD, 1.05, 0};
	/* the title (which may name a value) may set itself a little smaller than its font
	   (text_fit) */
	double head = TABLE_TITLE_FIT * text_width(r, t.title, &title);
	if (steady)
		head = steady_table(r, fig->scene, t.kind, TABLE_COLS, head);
	*w = fmax(total, head) * font;
	*h = (t.n_rows + 3) * TABLE_ROW_EM * font;
}

double table_font(struct render *r, const struct figure *fig, const struct figure_panel *fp,
                  const struct panel *p)
{
	struct table t;
	if (table_fill(fig, fp, p->th ? p->th : theme_get(THEME_DARK), &t) != 0)
		return 0;
	double colw[TABLE_COLS];
	return table_font_of(p, &t, table_columns(r, fig, &t, p->o && p->o->steady, colw));
}

void draw_table(cairo_t *cr, struct render *r, const struct figure *fig,
                const struct figure_panel *fp, const struct panel *p)
{
	struct table t;
	if (table_fill(fig, fp, p->th, &t) == 0)
		table_draw(cr, r, fig, p, &t);
}
