/* test-landscape.c - the map of J over two leaves and its descent paths (sample.c,
 * session.c, descent.c) against independent calculations: every sampled grid point equals a
 * full forward pass with both leaves set (eval_cost_at on a copy); the two-leaf cone is
 * the union of the two one-leaf cones; the grid is resampled only when a third value
 * changes; the paths equal `nudge train --json`'s numbers (argv[1] is the nudge program)
 * and a closed-form descent on the line fit; the paths never move the point; the map
 * is refined where a coarse grid misplaces a contour; rates are read as typed. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nudge/descent.h"
#include "nudge/session.h"
#include "test.h"

static const char *nudge_exe;

static struct scene *load_file(const char *path)
{
	struct nudge_error err;
	struct scene *s = scene_load(path, &err);
	CHECK(s != NULL, "%s loads: %s", path, s ? "" : err.msg);
	return s;
}

static struct scene *example(const char *name, char *path, size_t n)
{
	snprintf(path, n, "%s/../../docs/examples/%s.nudge", NUDGE_TEST_SCENES, name);
	return load_file(path);
}

/* J from a full forward pass with the map's leaves at grid point (i, k) of l. */
static double full_at(struct eval *full, const struct land_samples *l, double i, double k)
{
	full->set[l->b] = l->blo + (l->bhi - l->blo) * k / (l->ny - 1);
	return eval_cost_at(full, l->a, l->alo + (l->ahi - l->alo) * i / (l->nx - 1));
}

/* A full eval of the session's scene at its values, or NULL. */
static struct eval *full_eval(const struct session *ss)
{
	struct eval *full = eval_new(ss->scene);
	if (full)
		memcpy(full->set, ss->ev->set, sizeof(double) * (size_t)ss->scene->n_nodes);
	return full;
}

/* Every sampled point of the session's map (coarse and refined) equals J from a full
 * forward pass; every other one lies between the sampled points around it; the
 * coarse grid (corners and the midpoints of each cell's sides and centre) is sampled. */
static void check_grid(struct session *ss, const char *what)
{
	const struct land_samples *l = &ss->land;
	struct eval *full = full_eval(ss);
	if (!full || !l->j || !l->how) {
		CHECK(0, "%s: a map and an eval", what);
		eval_free(full);
		return;
	}
	CHECK((l->nx - 1) % LAND_CELL == 0 && (l->ny - 1) % LAND_CELL == 0, "%s: whole cells (%d x %d)", what,
	      l->nx, l->ny);
	int bad = 0, coarse = 0, between = 0, h = LAND_CELL / 2;
	for (int k = 0; k < l->ny; k++)
		for (int i = 0; i < l->nx; i++) {
			double got = l->j[k * l->nx + i];
			int how = l->how[k * l->nx + i];
			if (i % h == 0 && k % h == 0)
				coarse += how == LAND_COARSE;
			if (how == LAND_INTERP) { /* between its sampled neighbours on the coarse grid */
				double lo = INFINITY, hi = -INFINITY;
				for (int dk = 0; dk <= h; dk += h)
					for (int di = 0; di <= h; di += h) {
						int ii = i / h * h + di, kk = k / h * h + dk;
						double v = l->j[(kk < l->ny ? kk : l->ny - 1) * l->nx + (ii < l->nx ? ii : l->nx - 1)];
						lo = fmin(lo, v);
						hi = fmax(hi, v);
					}
				between += !(got >= lo - 1e-12 && got <= hi + 1e-12);
				continue;
			}
			double want = full_at(full, l, i, k);
			if (!test_near(got, want, 1e-12) && bad++ < 3)
				CHECK_NEAR(got, want, 1e-12, what);
		}
	int hx = (l->nx - 1) / h + 1, hy = (l->ny - 1) / h + 1;
	CHECK(bad == 0, "%s: %d sampled grid points differ from a full pass", what, bad);
	CHECK(coarse == hx * hy, "%s: the coarse grid is sampled (%d of %d)", what, coarse, hx * hy);
	CHECK(between == 0, "%s: %d interpolated points outside their neighbours' range", what, between);
	eval_free(full);
}

/* Is coarse cell (ci, ck) of l refined? (Its inside points are sampled only then.) */
static int refined(const struct land_samples *l, int ci, int ck)
{
	return l->how[(ck * LAND_CELL + 1) * l->nx + ci * LAND_CELL + 1] == LAND_REFINED;
}

/* Where level v crosses J along the coarse cell side from grid point (i0, k0), LAND_CELL
 * steps in direction (di, dk): up to 8 positions (in grid steps from its start) into
 * at, by the truth (a full pass every 1/16 grid step, linear between) or by the coarse
 * grid (linear between its two ends). Returns how many. */
static int side_crossings(struct eval *full, const struct land_samples *l, int i0, int k0, int di, int dk,
                          double v, int truth, double *at)
{
	int n = 0, steps = truth ? 16 * LAND_CELL : 1;
	double t0 = 0, f0 = full_at(full, l, i0, k0);
	for (int s = 1; s <= steps && n < 8; s++) {
		double t = (double)LAND_CELL * s / steps, f1 = full_at(full, l, i0 + di * t, k0 + dk * t);
		if ((f0 >= v) != (f1 >= v))
			at[n++] = t0 + (t - t0) * (v - f0) / (f1 - f0);
		t0 = t;
		f0 = f1;
	}
	return n;
}

/* A narrow curved valley (J = 20 (b − w²)² + (1 − w)² + 0.01, log levels): wherever the
 * coarse grid misplaces a level's crossing of a cell's side by more than one grid step
 * (a quarter of the side), or misses or invents one, a cell on that side is refined;
 * there are such places, and far from the valley cells stay coarse. A plane is not
 * refined anywhere. */
static void check_refinement(void)
{
	static const char valley[] = "param w = -1 in [-2, 2]\nparam b = 2 in [-1, 3]\n"
	                             "J = 20 * (b - w^2)^2 + (1 - w)^2 + 0.01\ncost J\nplot w, b\n";
	static const char plane[] = "param w = -1 in [-2, 2]\nparam b = 2 in [-1, 3]\n"
	                            "J = 3 * w - 2 * b + 20\ncost J\nplot w, b\n";
	struct nudge_error err;
	for (int t = 0; t < 2; t++) {
		const char *src = t ? plane : valley;
		struct scene *s = scene_parse(src, strlen(src), "<test>", &err);
		struct session ss;
		if (!s || session_open(&ss, s, NULL) != 0) {
			CHECK(0, "the valley scene opens");
			scene_free(s);
			return;
		}
		CHECK(session_update(&ss) == 0, "session_update");
		const struct land_samples *l = &ss.land;
		check_grid(&ss, t ? "plane" : "valley");
		int cx = (l->nx - 1) / LAND_CELL, cy = (l->ny - 1) / LAND_CELL;
		if (t) {
			CHECK(l->n_refined == 0, "a plane needs no refining (%d cells refined)", l->n_refined);
			session_close(&ss);
			continue;
		}
		CHECK(l->is_log && l->n_levels >= 10, "the valley's levels are logarithmic (%d)", l->n_levels);
		struct eval *full = full_eval(&ss);
		int misplaced = 0, missed = 0, count = 0;
		for (int ck = 0; ck <= cy; ck++)
			for (int ci = 0; ci <= cx; ci++)
				for (int dir = 0; dir < 2; dir++) { /* the side along a, then along b */
					int di = dir == 0, dk = dir == 1;
					if ((di && ci == cx) || (dk && ck == cy))
						continue;
					for (int m = 0; m < l->n_levels; m++) {
						double truth[8], coarse[8];
						int i0 = ci * LAND_CELL, k0 = ck * LAND_CELL;
						int nt = side_crossings(full, l, i0, k0, di, dk, l->lv[m], 1, truth);
						int nc = side_crossings(full, l, i0, k0, di, dk, l->lv[m], 0, coarse);
						if (nt == nc && (nt == 0 || fabs(truth[0] - coarse[0]) <= 1))
							continue;
						misplaced++;
						/* the cells that share this side */
						int here = ci < cx && ck < cy && refined(l, ci, ck);
						int other = dir == 0 ? ck > 0 && refined(l, ci, ck - 1) : ci > 0 && refined(l, ci - 1, ck);
						if (!here && !other && missed++ < 3)
							CHECK(0, "cell (%d, %d), side along %s: level %g crosses %d times at %g, coarse %d at %g, "
							      "not refined", ci, ck, dir ? "b" : "a", l->lv[m], nt, nt ? truth[0] : -1, nc,
							      nc ? coarse[0] : -1);
					}
					count++;
				}
		CHECK(misplaced > 20, "the coarse grid misplaces contours in the valley (%d sides)", misplaced);
		CHECK(missed == 0, "%d of %d misplaced crossings are in no refined cell", missed, misplaced);
		CHECK(l->n_refined > 0 && l->n_refined < cx * cy / 2, "%d of %d cells refined", l->n_refined, cx * cy);
		printf("valley: %d x %d points, %d of %d cells refined, %d sides of %d misplaced by the coarse grid\n",
		       l->nx, l->ny, l->n_refined, cx * cy, misplaced, count);
		eval_free(full);
		session_close(&ss);
	}
}

/* The rates as typed (window) or given (--rates): the list, or the words of the refusal. */
static void check_parse_rates(void)
{
	static const struct {
		const char *text;
		int n;              /* rates read, or -1 */
		double first, last; /* the first and last of them */
		const char *why;    /* a part of the refusal */
	} cases[] = {
		{"0.05,0.2,0.6", 3, 0.05, 0.6, NULL},
		{" 0.05 , 0.2  0.6 ", 3, 0.05, 0.6, NULL},
		{"0", 1, 0, 0, NULL},
		{"1e-3,2.5E+1", 2, 1e-3, 25, NULL},
		{"1,2,3,4,5,6", 6, 1, 6, NULL},
		{"1,2,3,4,5,6,7", -1, 0, 0, "at most 6"},
		{"", -1, 0, 0, "no learning rate"},
		{"  ", -1, 0, 0, "no learning rate"},
		{"0.1,,0.2", -1, 0, 0, "missing"},
		{"0.1,", -1, 0, 0, "missing"},
		{",0.1", -1, 0, 0, "missing"},
		{"0.05, x", -1, 0, 0, "'x' is not a number"},
		{"1e", -1, 0, 0, "'1e' is not a number"},
		{"0.1;0.2", -1, 0, 0, "'0.1;0.2' is not a number"},
		{"-0.1", -1, 0, 0, "-0.1: a learning rate is a finite number of 0 or more"},
		{"nan", -1, 0, 0, "finite"},
		{"1e999", -1, 0, 0, "finite"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		double r[LAND_MAX_PATHS];
		char why[128] = "";
		int n = descent_parse_rates(cases[i].text, r, LAND_MAX_PATHS, why, sizeof why);
		CHECK(n == cases[i].n, "'%s': %d rates, expected %d (%s)", cases[i].text, n, cases[i].n, why);
		if (n > 0 && n == cases[i].n)
			CHECK(r[0] == cases[i].first && r[n - 1] == cases[i].last, "'%s': %g .. %g", cases[i].text, r[0],
			      r[n - 1]);
		if (cases[i].why)
			CHECK(strstr(why, cases[i].why) != NULL, "'%s' refused with '%s', not '%s'", cases[i].text,
			      cases[i].why, why);
	}
}

/* The cone of two leaves is the union of their cones. */
static void check_cone(const struct scene *s, int a, int b)
{
	struct cone *ca = cone_new(s, a), *cb = cone_new(s, b), *c2 = cone_new2(s, a, b);
	CHECK(ca && cb && c2, "cones made");
	if (ca && cb && c2) {
		char *in = calloc((size_t)s->n_nodes, 1);
		for (int i = 0; in && i < ca->n; i++)
			in[ca->nodes[i]] = 1;
		for (int i = 0; in && i < cb->n; i++)
			in[cb->nodes[i]] = 1;
		int n = 0;
		for (int v = 0; in && v < s->n_nodes; v++)
			n += in[v];
		CHECK(c2->n == n, "the two-leaf cone has %d nodes, the union %d", c2->n, n);
		for (int i = 0; in && i < c2->n; i++)
			CHECK(in[c2->nodes[i]], "node %d of the two-leaf cone is in one of the cones", c2->nodes[i]);
		for (int i = 1; i < c2->n; i++)
			CHECK(c2->nodes[i] > c2->nodes[i - 1], "the cone is in file order");
		free(in);
	}
	CHECK(cone_new2(s, a, a) == NULL, "one leaf twice is no pair");
	cone_free(ca);
	cone_free(cb);
	cone_free(c2);
}

/* The map is resampled when a third value changes, not when the two plotted ones do;
 * each sampling has a serial no map sampled before it had (drawing caches key on it). */
static void check_resample(struct session *ss, int other)
{
	static unsigned long newest; /* the largest serial seen, over every session */
	const struct land_samples *l = &ss->land;
	unsigned gen = l->gen;
	unsigned long serial = l->serial;
	CHECK(serial > newest, "a map sampled anew has a serial no earlier map had (%lu, %lu seen)", serial,
	      newest);
	newest = serial > newest ? serial : newest;
	session_set(ss, l->a, ss->ev->set[l->a] + 0.25);
	session_set(ss, l->b, ss->ev->set[l->b] - 0.5);
	CHECK(session_update(ss) == 0, "update after moving the point");
	CHECK(l->gen == gen && l->serial == serial, "moving the point keeps the map (gen %u, was %u)", l->gen,
	      gen);
	check_grid(ss, "after moving the point");
	if (other >= 0) {
		session_set(ss, other, ss->ev->set[other] + 0.3);
		CHECK(session_update(ss) == 0, "update after a third value");
		CHECK(l->gen == gen + 1, "a third value resamples the map (gen %u, was %u)", l->gen, gen);
		CHECK(l->serial > serial, "the map resampled has a new serial (%lu, was %lu)", l->serial, serial);
		newest = l->serial;
		check_grid(ss, "after changing a third value");
	}
}

/* `nudge train --json`'s cost and params after each step, for rate; n points. */
static int train_numbers(const struct session *ss, const char *path, double rate, double *a, double *b,
                         double *cost, int *stopped)
{
	const struct scene *s = ss->scene;
	const char *pa = s->nodes[ss->land.a].name, *pb = s->nodes[ss->land.b].name;
	char cmd[8192];
	int len0 = snprintf(cmd, sizeof cmd, "'%s' train '%s' --json --steps %d --rate %.17g", nudge_exe, path,
	                    ss->descent_n, rate);
	for (int k = 0; k < s->n_nodes; k++) /* from the session's values, not the file's */
		if (s->nodes[k].kind == NODE_PARAM)
			len0 += snprintf(cmd + len0, sizeof cmd - (size_t)len0, " --set %s=%.17g", s->nodes[k].name,
			                 ss->ev->set[k]);
	FILE *f = popen(cmd, "r");
	if (!f)
		return -1;
	static char buf[1 << 20];
	size_t len = fread(buf, 1, sizeof buf - 1, f);
	buf[len] = 0;
	pclose(f);
	int n = 0;
	char key_a[64], key_b[64];
	snprintf(key_a, sizeof key_a, "\"%s\": ", pa);
	snprintf(key_b, sizeof key_b, "\"%s\": ", pb);
	for (char *p = strstr(buf, "\"cost\": "); p; p = strstr(p + 1, "\"cost\": ")) {
		cost[n] = strtod(p + 8, NULL);
		char *qa = strstr(p, key_a), *qb = strstr(p, key_b);
		if (!qa || !qb)
			return -1;
		a[n] = strtod(qa + strlen(key_a), NULL);
		b[n] = strtod(qb + strlen(key_b), NULL);
		n++;
	}
	char *st = strstr(buf, "\"stopped\": ");
	*stopped = st && strncmp(st + 11, "null", 4) != 0;
	return n;
}

/* Each path equals train's run at its rate, and the session's point has not moved. */
static void check_paths_against_train(struct session *ss, const char *path)
{
	const struct land_samples *l = &ss->land;
	double wa = ss->ev->set[l->a], wb = ss->ev->set[l->b], j = ss->ev->cost;
	CHECK(l->n_paths == ss->n_rates, "%d paths for %d rates", l->n_paths, ss->n_rates);
	for (int i = 0; i < l->n_paths; i++) {
		const struct descent_path *p = &l->paths[i];
		static double a[LAND_MAX_STEPS + 1], b[LAND_MAX_STEPS + 1], c[LAND_MAX_STEPS + 1];
		int stopped = 0;
		int n = train_numbers(ss, path, p->rate, a, b, c, &stopped);
		CHECK(n == p->n, "rate %g: %d points, train printed %d", p->rate, p->n, n);
		CHECK(stopped == p->stopped, "rate %g: stopped %d, train's %d", p->rate, p->stopped, stopped);
		for (int k = 0; k < n && k < p->n; k++) {
			CHECK_NEAR(p->ab[2 * k], a[k], 1e-9, "a along the path");
			CHECK_NEAR(p->ab[2 * k + 1], b[k], 1e-9, "b along the path");
			CHECK_NEAR(p->cost[k], c[k], 1e-9, "J along the path");
		}
	}
	CHECK(ss->ev->set[l->a] == wa && ss->ev->set[l->b] == wb && ss->ev->cost == j,
	      "drawing the paths leaves the point where it was");
}

/* The line fit's descent in closed form: ŷ = w x + b, J = mean ½(ŷ − y)². */
static void check_paths_closed_form(struct session *ss)
{
	const struct land_samples *l = &ss->land;
	const struct scene *s = ss->scene;
	for (int i = 0; i < l->n_paths; i++) {
		const struct descent_path *p = &l->paths[i];
		double w = ss->ev->set[l->a], b = ss->ev->set[l->b];
		for (int k = 0; k < p->n; k++) {
			double gw = 0, gb = 0, J = 0;
			for (int r = 0; r < s->n_rows; r++) {
				double x = s->data[r * s->n_cols], y = s->data[r * s->n_cols + 1], d = w * x + b - y;
				J += 0.5 * d * d / s->n_rows;
				gw += d * x / s->n_rows;
				gb += d / s->n_rows;
			}
			CHECK_NEAR(p->ab[2 * k], w, 1e-9, "w, closed form");
			CHECK_NEAR(p->ab[2 * k + 1], b, 1e-9, "b, closed form");
			CHECK_NEAR(p->cost[k], J, 1e-9, "J, closed form");
			w -= p->rate * gw;
			b -= p->rate * gb;
		}
	}
	/* rates 0.05 and 0.2 converge on this valley (largest curvature ≈ 4.2); 0.6 diverges */
	CHECK(!l->paths[0].stopped && !l->paths[1].stopped, "the small rates run every step");
	CHECK(l->paths[2].stopped, "α = 0.6 diverges and stops");
	CHECK(l->paths[2].n < ss->descent_n + 1, "the diverging path stops early (%d points)", l->paths[2].n);
}

static void check_example(const char *name, int third)
{
	char path[1024];
	struct scene *s = example(name, path, sizeof path);
	if (!s)
		return;
	CHECK(s->plot >= 0 && s->plot2 >= 0 && s->plot != s->plot2, "%s: plot names two leaves", name);
	check_cone(s, s->plot, s->plot2);
	struct session ss;
	if (session_open(&ss, s, NULL) != 0) {
		CHECK(0, "session opens");
		scene_free(s);
		return;
	}
	ss.descent_n = 60;
	ss.n_rates = 3;
	ss.rates[0] = 0.05;
	ss.rates[1] = 0.2;
	ss.rates[2] = 0.6;
	session_invalidate(&ss, SESSION_VIEW);
	CHECK(session_update(&ss) == 0, "%s: session_update", name);
	CHECK(ss.land.a == s->plot && ss.land.b == s->plot2, "%s: the map's leaves", name);
	CHECK(ss.land.alo == s->nodes[s->plot].lo && ss.land.bhi == s->nodes[s->plot2].hi, "ranges: the sliders'");
	check_grid(&ss, name);
	check_paths_against_train(&ss, path);
	if (!strcmp(name, "landscape"))
		check_paths_closed_form(&ss);
	check_resample(&ss, third >= 0 ? third : -1);
	check_paths_against_train(&ss, path);
	session_close(&ss);
}

int main(int argc, char **argv)
{
	nudge_exe = argc > 1 ? argv[1] : "nudge";
	check_example("landscape", -1);
	char path[1024];
	struct scene *s = example("network-221", path, sizeof path);
	int third = s ? scene_find(s, "w11") : -1;
	scene_free(s);
	check_example("network-221", third);
	check_refinement();
	check_parse_rates();
	return test_report("landscape");
}
