/* sample_map.c - the map of J over two leaves that the landscape panel draws: a coarse
 * grid sampled at its cells' corners and at the midpoints of their sides and centres,
 * the cells whose contours that would misplace refined (every point of them sampled),
 * the rest interpolated between sampled points; and the levels the bands are cut at.
 * Samples only through the two leaves' cone (sample.c's points and grid); no pixels. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core-private.h"
#include "nudge/sample.h"

double sample_step(double lo, double hi, int n)
{
	double raw = (hi - lo) / (n > 0 ? n : 1);
	if (!(raw > 0) || !isfinite(raw))
		return 1;
	double p = pow(10, floor(log10(raw)));
	double f = raw / p;
	return (f < 1.6 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p; /* nearest round step */
}

int sample_levels(double lo, double hi, double *lv, int *is_log)
{
	int n = 0;
	*is_log = lo > 0 && hi / lo >= 100;
	if (*is_log) {
		static const double mant[2][3] = {{1, 2, 5}, {1, 0, 0}};
		int per = log10(hi / lo) > 6 ? 1 : 3;
		for (double d = floor(log10(lo)); d <= ceil(log10(hi)) && n < LAND_MAX_LEVELS; d++)
			for (int k = 0; k < per && n < LAND_MAX_LEVELS; k++) {
				double v = mant[per == 1][k] * pow(10, d);
				if (v > lo && v < hi)
					lv[n++] = v;
			}
		return n;
	}
	if (!(lo < hi) || !isfinite(hi - lo))
		return 0;
	double step = sample_step(lo, hi, 10);
	for (double v = ceil(lo / step + 1e-9) * step; v < hi - step * 1e-9 && n < LAND_MAX_LEVELS; v += step)
		lv[n++] = fabs(v) < step * 1e-9 ? 0 : v;
	return n;
}

/* The grid point (i, k)'s place in j and how. */
static size_t map_at(const struct land_samples *l, int i, int k)
{
	return (size_t)k * (size_t)l->nx + (size_t)i;
}

/* a at grid column i, b at grid row k. */
static double map_a(const struct land_samples *l, int i)
{
	return l->alo + (l->ahi - l->alo) * i / (l->nx - 1);
}

static double map_b(const struct land_samples *l, int k)
{
	return l->blo + (l->bhi - l->blo) * k / (l->ny - 1);
}

/* lo, hi and the levels from the points sampled so far. */
static void map_levels(struct land_samples *l)
{
	l->lo = INFINITY;
	l->hi = -INFINITY;
	for (size_t p = 0; p < (size_t)l->nx * (size_t)l->ny; p++)
		if (l->how[p] != LAND_INTERP && isfinite(l->j[p])) {
			l->lo = fmin(l->lo, l->j[p]);
			l->hi = fmax(l->hi, l->j[p]);
		}
	l->n_levels = l->lo < l->hi ? sample_levels(l->lo, l->hi, l->lv, &l->is_log) : 0;
	if (l->n_levels == 0)
		l->is_log = 0;
}

/* The gap between level m and its nearer neighbour (the map's range with one level). */
static double map_gap(const struct land_samples *l, int m)
{
	double gap = l->n_levels > 1 ? INFINITY : l->hi - l->lo;
	if (m > 0)
		gap = fmin(gap, l->lv[m] - l->lv[m - 1]);
	if (m + 1 < l->n_levels)
		gap = fmin(gap, l->lv[m + 1] - l->lv[m]);
	return gap;
}

/* Does coarse cell (ci, ck) need every point sampled? Its corners' bilinear
 * interpolation against the five midpoints sampled with them: refined when a level
 * that crosses the cell (or comes within the error of it) is missed by more than
 * LAND_TOL of its gap, or its contour moved by more than LAND_TOL_MOVE grid steps;
 * and where J is finite at some of the nine points but not at all. */
static int map_cell_needs(const struct land_samples *l, int ci, int ck)
{
	int i0 = ci * LAND_CELL, k0 = ck * LAND_CELL, h = LAND_CELL / 2, finite = 0;
	double f[3][3]; /* f[dk][di] at (i0 + di·h, k0 + dk·h) */
	for (int dk = 0; dk < 3; dk++)
		for (int di = 0; di < 3; di++) {
			f[dk][di] = l->j[map_at(l, i0 + di * h, k0 + dk * h)];
			finite += isfinite(f[dk][di]) != 0;
		}
	if (finite < 9)
		return finite > 0; /* the edge of where J is defined */
	double err = 0, lo = INFINITY, hi = -INFINITY;
	for (int dk = 0; dk < 3; dk++)
		for (int di = 0; di < 3; di++) {
			double u = di / 2.0, v = dk / 2.0;
			double bil = (f[0][0] * (1 - u) + f[0][2] * u) * (1 - v) + (f[2][0] * (1 - u) + f[2][2] * u) * v;
			err = fmax(err, fabs(f[dk][di] - bil));
			lo = fmin(lo, f[dk][di]);
			hi = fmax(hi, f[dk][di]);
		}
	/* J's change per grid step across the cell, from its corners */
	double ga = (f[0][2] - f[0][0] + f[2][2] - f[2][0]) / (2.0 * LAND_CELL);
	double gb = (f[2][0] - f[0][0] + f[2][2] - f[0][2]) / (2.0 * LAND_CELL);
	double slope = hypot(ga, gb);
	for (int m = 0; m < l->n_levels; m++) {
		if (l->lv[m] < lo - err || l->lv[m] > hi + err)
			continue;
		double gap = map_gap(l, m);
		if (err > LAND_TOL * gap || (err > 1e-9 * gap && err > LAND_TOL_MOVE * slope))
			return 1;
	}
	return 0;
}

/* Marks the cells that need refining and are not yet, and samples their points not yet
 * sampled. Returns how many cells it refined, or -1 when out of memory. */
static int map_refine(struct eval *ev, const struct cone *c, struct land_samples *l, unsigned char *done)
{
	int cx = (l->nx - 1) / LAND_CELL, cy = (l->ny - 1) / LAND_CELL, cells = 0;
	size_t n = 0;
	for (int ck = 0; ck < cy; ck++)
		for (int ci = 0; ci < cx; ci++) {
			unsigned char *d = &done[(size_t)ck * (size_t)cx + (size_t)ci];
			if (*d || !map_cell_needs(l, ci, ck))
				continue;
			*d = 2; /* refined in this pass */
			cells++;
			n += (LAND_CELL + 1) * (LAND_CELL + 1);
		}
	if (cells == 0)
		return 0;
	double *ab = malloc(sizeof *ab * 3 * n);
	size_t *at = malloc(sizeof *at * n);
	if (!ab || !at) {
		free(ab);
		free(at);
		return -1;
	}
	size_t m = 0;
	for (int ck = 0; ck < cy; ck++)
		for (int ci = 0; ci < cx; ci++) {
			unsigned char *d = &done[(size_t)ck * (size_t)cx + (size_t)ci];
			if (*d != 2)
				continue;
			*d = 1;
			for (int k = ck * LAND_CELL; k <= (ck + 1) * LAND_CELL; k++)
				for (int i = ci * LAND_CELL; i <= (ci + 1) * LAND_CELL; i++) {
					size_t p = map_at(l, i, k);
					if (l->how[p] != LAND_INTERP)
						continue; /* sampled already (a midpoint, or a refined neighbour's side) */
					l->how[p] = LAND_REFINED;
					ab[2 * m] = map_a(l, i);
					ab[2 * m + 1] = map_b(l, k);
					at[m++] = p;
				}
		}
	double *vals = ab + 2 * n;
	sample_cost_points(ev, c, ab, (int)m, vals);
	for (size_t q = 0; q < m; q++)
		l->j[at[q]] = vals[q];
	free(ab);
	free(at);
	l->n_refined += cells;
	return cells;
}

/* The points not sampled: bilinear between the sampled midpoint grid around them (a
 * point that carries no weight is skipped, so one undefined neighbour spoils no more). */
static void map_interpolate(struct land_samples *l)
{
	int h = LAND_CELL / 2;
	for (int k = 0; k < l->ny; k++)
		for (int i = 0; i < l->nx; i++) {
			size_t p = map_at(l, i, k);
			if (l->how[p] != LAND_INTERP)
				continue;
			int i0 = i / h * h, k0 = k / h * h;
			double u = (double)(i - i0) / h, v = (double)(k - k0) / h;
			int i1 = u > 0 ? i0 + h : i0, k1 = v > 0 ? k0 + h : k0;
			double f00 = l->j[map_at(l, i0, k0)], f10 = l->j[map_at(l, i1, k0)];
			double f01 = l->j[map_at(l, i0, k1)], f11 = l->j[map_at(l, i1, k1)];
			double lo = u > 0 ? f00 * (1 - u) + f10 * u : f00, hi = u > 0 ? f01 * (1 - u) + f11 * u : f01;
			l->j[p] = v > 0 ? lo * (1 - v) + hi * v : lo;
		}
}

int sample_cost_map(struct eval *ev, const struct cone *c, struct land_samples *l)
{
	int h = LAND_CELL / 2, hx = (l->nx - 1) / h + 1, hy = (l->ny - 1) / h + 1;
	int cx = (l->nx - 1) / LAND_CELL, cy = (l->ny - 1) / LAND_CELL;
	double *xs = malloc(sizeof *xs * ((size_t)hx + (size_t)hy + (size_t)hx * (size_t)hy));
	unsigned char *done = calloc((size_t)cx * (size_t)cy + 1, 1); /* 1: the cell is refined */
	if (!xs || !done) {
		free(xs);
		free(done);
		return -1;
	}
	memset(l->how, LAND_INTERP, (size_t)l->nx * (size_t)l->ny);
	l->n_refined = 0;
	l->serial = core_serial(); /* another map, whatever its address and count */
	double *ys = xs + hx, *grid = ys + hy;
	for (int i = 0; i < hx; i++)
		xs[i] = map_a(l, i * h);
	for (int k = 0; k < hy; k++)
		ys[k] = map_b(l, k * h);
	sample_cost_grid(ev, c, xs, hx, ys, hy, grid);
	for (int k = 0; k < hy; k++)
		for (int i = 0; i < hx; i++) {
			size_t p = map_at(l, i * h, k * h);
			l->j[p] = grid[(size_t)k * (size_t)hx + (size_t)i];
			l->how[p] = LAND_COARSE;
		}
	free(xs);
	int rc = 0;
	/* refining can reach a lower or higher J, which moves the levels: decide again then */
	for (int pass = 0; pass < 3 && rc == 0; pass++) {
		map_levels(l);
		int got = map_refine(ev, c, l, done);
		rc = got < 0 ? -1 : got == 0 ? 1 : 0;
	}
	free(done);
	map_levels(l);
	map_interpolate(l);
	return rc < 0 ? -1 : 0;
}
