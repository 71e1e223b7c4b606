/* cli-figure.c - option parsing and scene opening shared by `nudge export`, `nudge
 * record` and `nudge bench [SCENE]`; the commands themselves live in cmd_*.c. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "cli-figure.h"
#include "nudge/descent.h"

/* A number from lo to hi in v; 0, or -1 when it is not one. */
static int fig_parse_range(const char *v, double lo, double hi, double *out)
{
	char *end;
	double x = strtod(v, &end);
	if (end == v || *end || !(x >= lo && x <= hi))
		return -1;
	*out = x;
	return 0;
}

/* Which of two words v is: 0 for a, 1 for b, -1 for neither. */
static int fig_pick(const char *v, const char *a, const char *b)
{
	return !strcmp(v, a) ? 0 : !strcmp(v, b) ? 1 : -1;
}

static int fig_parse_size(const char *s, double *w, double *h)
{
	char *end;
	errno = 0;
	double a = strtod(s, &end);
	if (end == s || (*end != 'x' && *end != 'X'))
		return -1;
	const char *p = end + 1;
	double b = strtod(p, &end);
	if (end == p || *end || errno || !(a >= 16 && a <= 16384) || !(b >= 16 && b <= 16384))
		return -1;
	*w = a;
	*h = b;
	return 0;
}

int fig_args_parse(struct fig_args *a, const char *cmd, unsigned accept, const char *usage,
                   int argc, char **argv)
{
	*a = (struct fig_args){.step = -1, .to = -1};
	if (accept & FIG_OPT_OUT) /* files are for slides and print: light unless asked */
		a->ex.draw.theme = THEME_LIGHT;
	for (int i = 1; i < argc; i++) {
		int rc = cli_shared_opt(&a->scene, cmd, argc, argv, &i);
		if (rc < 0)
			return EXIT_USAGE;
		if (rc > 0)
			continue;
		const char *arg = argv[i], *v;
		if (cli_is_help(arg)) {
			a->help = 1;
		} else if ((accept & FIG_OPT_OUT) && (!strcmp(arg, "-o") || !strcmp(arg, "--output"))) {
			if (!(a->out = cli_opt_value(cmd, argc, argv, &i)))
				return EXIT_USAGE;
		} else if (!strcmp(arg, "--size")) {
			if (!(v = cli_opt_value(cmd, argc, argv, &i)))
				return EXIT_USAGE;
			if (fig_parse_size(v, &a->ex.draw.width, &a->ex.draw.height) != 0)
				return cli_usage_error(cmd, "--size wants WxH between 16 and 16384, like 1920x1080, not '%s'", v);
		} else if ((accept & FIG_OPT_LOOK) && !strcmp(arg, "--scale")) {
			if (!(v = cli_opt_value(cmd, argc, argv, &i)))
				return EXIT_USAGE;
			if (fig_parse_range(v, 0.1, 8, &a->ex.scale) != 0)
				return cli_usage_error(cmd, "--scale wants a number from 0.1 to 8, not '%s'", v);
		} else if ((accept & FIG_OPT_LOOK) && !strcmp(arg, "--font-scale")) {
			if (!(v = cli_opt_value(cmd, argc, argv, &i)))
				return EXIT_USAGE;
			if (fig_parse_range(v, 0.5, 3, &a->ex.draw.font_scale) != 0)
				return cli_usage_error(cmd, "--font-scale wants a number from 0.5 to 3, not '%s'", v);
		} else if ((accept & FIG_OPT_LOOK) && !strcmp(arg, "--theme")) {
			if (!(v = cli_opt_value(cmd, argc, argv, &i)))
				return EXIT_USAGE;
			int k = fig_pick(v, "dark", "light");
			if (k < 0)
				return cli_usage_error(cmd, "--theme is dark or light, not '%s'", v);
			a->ex.draw.theme = k ? THEME_LIGHT : THEME_DARK;
		} else if ((accept & FIG_OPT_FORCE) && !strcmp(arg, "--force")) {
			a->force = 1;
		} else if ((accept & FIG_OPT_LOOK) && !strcmp(arg, "--units")) {
			if (!(v = cli_opt_value(cmd, argc, argv, &i)))
				return EXIT_USAGE;
			int k = fig_pick(v, "on", "off");
			if (k < 0)
				return cli_usage_error(cmd, "--units is on or off, not '%s'", v);
			a->ex.draw.units = k ? DRAW_UNITS_OFF : DRAW_UNITS_ON;
		} else if ((accept & FIG_OPT_LOOK) && !strcmp(arg, "--transparent")) {
			a->ex.draw.transparent = 1;
		} else if ((accept & FIG_OPT_LOOK) && !strcmp(arg, "--only")) {
			if (!(v = cli_opt_value(cmd, argc, argv, &i)))
				return EXIT_USAGE;
			if (!strcmp(v, "graph"))
				a->ex.draw.only = DRAW_GRAPH;
			else if (!strcmp(v, "plot"))
				a->ex.draw.only = DRAW_PLOT;
			else if ((accept & FIG_OPT_DECK) && !strcmp(v, "forward"))
				a->pass = DECK_FORWARD;
			else if ((accept & FIG_OPT_DECK) && !strcmp(v, "backward"))
				a->pass = DECK_BACKWARD;
			else if (accept & FIG_OPT_DECK)
				return cli_usage_error(cmd, "--only is graph, plot, forward or backward, not '%s'", v);
			else
				return cli_usage_error(cmd, "--only is graph or plot, not '%s'", v);
		} else if ((accept & FIG_OPT_DECK) && (!strcmp(arg, "--from") || !strcmp(arg, "--to"))) {
			if (!(v = cli_opt_value(cmd, argc, argv, &i)))
				return EXIT_USAGE;
			if (cli_parse_int(v, 0, 1000000000, arg[2] == 'f' ? &a->from : &a->to) != 0)
				return cli_usage_error(cmd, "%s wants a step number (0, 1, ...), not '%s'", arg, v);
		} else if ((accept & FIG_OPT_DECK) && !strcmp(arg, "--pace")) {
			if (!(v = cli_opt_value(cmd, argc, argv, &i)))
				return EXIT_USAGE;
			char *end;
			a->pace = strtod(v, &end);
			if (end == v || *end || !(a->pace >= 0.02 && a->pace <= 600))
				return cli_usage_error(cmd, "--pace wants seconds per step from 0.02 to 600, not '%s'", v);
		} else if ((accept & FIG_OPT_STEP) && !strcmp(arg, "--step")) {
			if (!(v = cli_opt_value(cmd, argc, argv, &i)))
				return EXIT_USAGE;
			if (cli_parse_int(v, 0, 1000000000, &a->step) != 0)
				return cli_usage_error(cmd, "--step wants a step number (0, 1, ...), not '%s'", v);
		} else if ((accept & FIG_OPT_FORMAT) && !strcmp(arg, "--format")) {
			if (!(v = cli_opt_value(cmd, argc, argv, &i)))
				return EXIT_USAGE;
			char name[16];
			snprintf(name, sizeof name, "x.%.8s", v);
			if (!(a->format = export_format_of(name)))
				return cli_usage_error(cmd, "--format is png, svg or pdf, not '%s'", v);
		} else if (!strcmp(arg, "--descent")) {
			if (!(v = cli_opt_value(cmd, argc, argv, &i)))
				return EXIT_USAGE;
			if (cli_parse_int(v, 0, LAND_MAX_STEPS, &a->descent) != 0)
				return cli_usage_error(cmd, "--descent wants a number of steps from 0 to %d, not '%s'",
				                       LAND_MAX_STEPS, v);
		} else if (!strcmp(arg, "--rates")) {
			if (!(v = cli_opt_value(cmd, argc, argv, &i)))
				return EXIT_USAGE;
			char why[128];
			if ((a->n_rates = descent_parse_rates(v, a->rates, LAND_MAX_PATHS, why, sizeof why)) < 0)
				return cli_usage_error(cmd, "--rates wants 1 to %d learning rates of 0 or more, as in "
				                       "--rates 0.05,0.2,0.6, not '%s' (%s)", LAND_MAX_PATHS, v, why);
		} else if ((accept & FIG_OPT_PRESENT) && !strcmp(arg, "--present")) {
			a->ex.draw.present = 1;
		} else if ((accept & FIG_OPT_FRAMES) && !strcmp(arg, "--frames")) {
			if (!(v = cli_opt_value(cmd, argc, argv, &i)))
				return EXIT_USAGE;
			if (cli_parse_int(v, 1, 1000000, &a->frames) != 0)
				return cli_usage_error(cmd, "--frames wants a positive count, not '%s'", v);
		} else if (arg[0] == '-' && arg[1]) {
			return cli_usage_error(cmd, "unknown option '%s' (see nudge %s --help)", arg, cmd);
		} else if (!a->scene.scene_arg) {
			a->scene.scene_arg = arg;
		} else {
			return cli_usage_error(cmd, "one scene at a time: '%s' is one too many", arg);
		}
	}
	if (a->help) {
		fputs(usage, stdout);
		return EXIT_OK;
	}
	if ((accept & FIG_OPT_OUT) && !a->scene.scene_arg)
		return cli_usage_error(cmd, "which scene? (see nudge %s --help)", cmd);
	if ((accept & FIG_OPT_OUT) && !a->out)
		return cli_usage_error(cmd, "where to? give -o (see nudge %s --help)", cmd);
	return EXIT_OK;
}

int fig_session_update(struct fig_session *fs, const struct draw_opts *d)
{
	fs->fig.trace = fs->ss.trace;
	figure_fit_session(&fs->fig, d, &fs->ss); /* first, so that the curve is sampled once */
	if (session_update(&fs->ss) != 0)
		return -1;
	fs->fig.trace = fs->ss.trace;
	return 0;
}

void fig_say_font_scale(struct fig_session *fs, const struct draw_opts *d, const char *cmd, const int *steps,
                        int n)
{
	double want = d->font_scale > 0 ? d->font_scale : 1, least = want, most = 0;
	int shown = fs->fig.step;
	for (int i = 0; i < n; i++) {
		fs->fig.step = steps[i];
		double k = figure_font_scale(&fs->fig, d);
		least = k < least ? k : least;
		most = k > most ? k : most;
	}
	fs->fig.step = shown;
	if (!(least < want))
		return;
	/* in hundredths, rounded down: asked for, that scale is held */
	double lo = floor(least * 100 + 1e-9) / 100, hi = floor(most * 100 + 1e-9) / 100;
	char used[64];
	if (hi > lo)
		snprintf(used, sizeof used, "%g to %g (by step)", lo, hi);
	else
		snprintf(used, sizeof used, "%g", lo);
	fprintf(stderr, "nudge %s: font scale %s used, not %g: larger type would make the graph's numbers "
	        "smaller or leave a plot no room for its axes\n", cmd, used, want);
}

int fig_session_open(struct fig_session *fs, const struct fig_args *a, const char *cmd)
{
	*fs = (struct fig_session){.ss = {.plot = -1}};
	int rc = cli_scene_open(&a->scene, cmd, &fs->cs);
	if (rc != EXIT_OK)
		return rc;
	char err[300];
	fs->r = render_new(cli_fonts_dir(), err, sizeof err);
	if (!fs->r) {
		fprintf(stderr, "nudge %s: %s\n", cmd, err);
		fig_session_close(fs);
		return EXIT_FAIL;
	}
	if (session_open(&fs->ss, fs->cs.scene, fs->cs.ev) != 0) {
		fprintf(stderr, "nudge %s: out of memory\n", cmd);
		fig_session_close(fs);
		return EXIT_FAIL;
	}
	fs->cs.scene = NULL; /* the session's now */
	fs->cs.ev = NULL;
	session_plot(&fs->ss, fs->cs.plot, fs->cs.plot2);
	fs->ss.descent_n = a->descent;
	fs->ss.n_rates = a->n_rates;
	memcpy(fs->ss.rates, a->rates, sizeof a->rates);
	fs->ss.eps = fs->cs.eps;
	session_invalidate(&fs->ss, SESSION_VIEW);
	figure_of_session(&fs->fig, fs->r, &fs->ss);
	if (fig_session_update(fs, &a->ex.draw) != 0) {
		fprintf(stderr, "nudge %s: out of memory\n", cmd);
		fig_session_close(fs);
		return EXIT_FAIL;
	}
	fs->fig.step = fs->ss.trace->n_steps - 1;
	return EXIT_OK;
}

void fig_session_close(struct fig_session *fs)
{
	session_close(&fs->ss);
	render_free(fs->r);
	if (fs->cs.scene)
		cli_scene_close(&fs->cs);
	*fs = (struct fig_session){.ss = {.plot = -1}};
}
