/* ui_slider.c - the sliders' model: one per input and param on its `in` range, ε and
 * α on logarithmic scales. Reading and setting values, the knob position, the value
 * under a pixel, and Up / Down: "w goes up by ε", with what J did in the status line
 * once the loop has recomputed J. */
#include <math.h>
#include <stdio.h>

#include "app-private.h"
#include "nudge/format.h"

#define EPS_LO 1e-6
#define EPS_HI 1.0
#define RATE_LO 1e-3
#define RATE_HI 10.0

void ui_sliders_build(struct app_ui *ui, const struct scene *s)
{
	int n = 0;
	for (int k = 0; k < s->n_nodes && n < APP_MAX_SLIDERS - 2; k++) {
		enum node_kind kind = s->nodes[k].kind;
		if (kind != NODE_INPUT && kind != NODE_PARAM)
			continue;
		ui->sliders[n++] = (struct slider){ .kind = SLIDER_NODE, .node = k, .lo = s->nodes[k].lo,
		                                    .hi = s->nodes[k].hi };
	}
	ui->sliders[n++] = (struct slider){ .kind = SLIDER_EPS, .node = -1, .lo = EPS_LO, .hi = EPS_HI };
	ui->sliders[n++] = (struct slider){ .kind = SLIDER_RATE, .node = -1, .lo = RATE_LO, .hi = RATE_HI };
	ui->n_sliders = n;
}

const char *slider_name(const struct session *ss, const struct slider *s)
{
	switch (s->kind) {
	case SLIDER_EPS: return "ε";
	case SLIDER_RATE: return "α";
	default: return ss->scene->nodes[s->node].label;
	}
}

double slider_get(const struct session *ss, const struct slider *s)
{
	switch (s->kind) {
	case SLIDER_EPS: return ss->eps;
	case SLIDER_RATE: return ss->rate;
	default: return ss->ev->set[s->node];
	}
}

void slider_set(struct app *a, const struct slider *s, double v)
{
	if (!isfinite(v))
		return;
	switch (s->kind) {
	case SLIDER_EPS:
		if (v == 0)
			return;
		a->session.eps = v;
		app_invalidate(a, CHANGED_LECTURE); /* the check and the derivative table use ε */
		return;
	case SLIDER_RATE:
		if (v < 0)
			return;
		a->session.rate = v;
		return;
	default:
		eval_set(a->session.ev, s->node, v);
		app_invalidate(a, CHANGED_VALUES);
	}
}

static int is_log(const struct slider *s)
{
	return s->kind != SLIDER_NODE;
}

double slider_frac(const struct session *ss, const struct slider *s)
{
	double v = slider_get(ss, s), f;
	if (is_log(s))
		f = v > 0 ? (log(v) - log(s->lo)) / (log(s->hi) - log(s->lo)) : 0;
	else
		f = (v - s->lo) / (s->hi - s->lo);
	return f < 0 ? 0 : f > 1 ? 1 : isfinite(f) ? f : 0;
}

/* A round step for the slider's range: values land on 0.01 for a range of 10. */
static double snap(const struct slider *s, double v)
{
	if (is_log(s)) {
		double e = floor(log10(v)), m = v / pow(10, e);
		return round(m * 100) / 100 * pow(10, e);
	}
	double step = fmt_slider_step(s->lo, s->hi);
	double r = round(v / step) * step;
	return fabs(r) < step / 2 ? 0 : r;
}

double slider_value_at(const struct slider *s, int x)
{
	double f = s->track.w > 0 ? (double)(x - s->track.x) / s->track.w : 0;
	f = f < 0 ? 0 : f > 1 ? 1 : f;
	double v = is_log(s) ? exp(log(s->lo) + f * (log(s->hi) - log(s->lo))) : s->lo + f * (s->hi - s->lo);
	return snap(s, v);
}

void slider_nudge(struct app *a, int index, int dir)
{
	if (index < 0 || index >= a->ui.n_sliders)
		return;
	const struct slider *s = &a->ui.sliders[index];
	if (is_log(s)) { /* ε and α move by a quarter of a decade */
		double v = slider_get(&a->session, s) * pow(10, 0.25 * dir);
		slider_set(a, s, snap(s, v < s->lo ? s->lo : v > s->hi ? s->hi : v));
		return;
	}
	if (!a->ui.nudged.on || a->ui.nudged.node != s->node) /* J before the first press this frame */
		a->ui.nudged = (struct ui_nudged){ .on = 1, .node = s->node, .before = a->session.ev->cost };
	a->ui.nudged.step += dir * a->session.eps;
	slider_set(a, s, slider_get(&a->session, s) + dir * a->session.eps);
}

void slider_report(struct app *a)
{
	if (!a->ui.nudged.on)
		return;
	a->ui.nudged.on = 0;
	const struct scene *sc = a->session.scene;
	double step = a->ui.nudged.step, eps = a->session.eps, delta = a->session.ev->cost - a->ui.nudged.before;
	char e[48], d[48], k[48];
	fmt_num(e, sizeof e, fabs(step), 4);
	fmt_num(d, sizeof d, fabs(delta), NUDGE_DIGITS); /* the figure's digits, as its plot header */
	fmt_num(k, sizeof k, fabs(delta / eps), NUDGE_DIGITS);
	const char *J = sc->nodes[sc->cost].label, *name = sc->nodes[a->ui.nudged.node].label;
	app_set_status(a, 0, "%s %s %s ⇒ %s %s %s ≈ %s × ε", name, step > 0 ? "↑" : "↓", e, J,
	               delta < 0 ? "↓" : "↑", d, k);
	a->ui.status_present = 1; /* presenting too: what the nudge did to J */
	a->ui.status_markup = 1;  /* the names as the figure writes them */
}
