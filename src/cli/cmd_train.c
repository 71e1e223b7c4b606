/* cmd_train.c - `nudge train`: gradient descent w ← w − α·dJ/dw on every param for N
 * steps, printing the cost and params at each step (table or JSON); stops and says
 * why when a value stops being finite. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-private.h"
#include "json.h"
#include "nudge/format.h"
#include "nudge/descent.h"
#include "nudge/numeric.h"

static const char train_help[] =
	"usage: nudge train SCENE --steps N [--rate A] [--set NAME=VALUE]... [--json]\n"
	"\n"
	"Gradient descent: N times, every param w takes the step w ← w − A·dJ/dw, with the\n"
	"gradients from backprop (means over the rows of a data set). Prints the cost and the\n"
	"params before the first step and after each one. Stops early, and says why, when a\n"
	"gradient, a param or the cost would stop being a finite number.\n"
	"\n"
	"  --steps N   number of steps (0 or more)\n"
	"  --rate A    learning rate alpha (default: the scene's rate, 0.1 unless set)\n"
	"  --json      {\"rate\": A, \"steps\": [{\"step\": 0, \"cost\": …, \"params\": {…}}, …],\n"
	"              \"stopped\": null or \"why\"}\n";

static void row_json(const struct cli_scene *cs, int step)
{
	const struct scene *s = cs->scene;
	printf("%s    { \"step\": %d, \"cost\": ", step ? ",\n" : "", step);
	json_number(stdout, cs->ev->cost);
	printf(", \"params\": {");
	int first = 1;
	for (int k = 0; k < s->n_nodes; k++) {
		if (s->nodes[k].kind != NODE_PARAM)
			continue;
		printf(first ? " " : ", ");
		first = 0;
		json_string(stdout, s->nodes[k].name);
		printf(": ");
		json_number(stdout, cs->ev->set[k]);
	}
	printf(" } }");
}

static void row_table(const struct cli_scene *cs, int step)
{
	const struct scene *s = cs->scene;
	char b[48];
	fmt_num_ascii(b, sizeof b, cs->ev->cost, 10);
	printf("%6d  %-18s", step, b);
	int pad = 0; /* columns line up; the last one has no trailing blanks */
	for (int k = 0; k < s->n_nodes; k++) {
		if (s->nodes[k].kind != NODE_PARAM)
			continue;
		fmt_num_ascii(b, sizeof b, cs->ev->set[k], 10);
		printf("%*s  %s = ", pad, "", s->nodes[k].name);
		pad = 16 - printf("%s", b);
		pad = pad > 0 ? pad : 0;
	}
	printf("\n");
}

int cmd_train(int argc, char **argv)
{
	struct cli_opts o = { 0 };
	int json = 0;
	int steps = -1;
	double rate = NAN;
	for (int i = 1; i < argc; i++) {
		int r = cli_shared_opt(&o, "train", argc, argv, &i);
		if (r < 0)
			return EXIT_USAGE;
		if (r > 0)
			continue;
		const char *a = argv[i];
		if (cli_is_help(a)) {
			fputs(train_help, stdout);
			return EXIT_OK;
		} else if (strcmp(a, "--json") == 0) {
			json = 1;
		} else if (strcmp(a, "--steps") == 0) {
			const char *v = cli_opt_value("train", argc, argv, &i);
			if (!v)
				return EXIT_USAGE;
			if (cli_parse_int(v, 0, 100000000, &steps))
				return cli_usage_error("train", "--steps takes a whole number from 0 to 100000000 (got '%s')", v);
		} else if (strcmp(a, "--rate") == 0) {
			const char *v = cli_opt_value("train", argc, argv, &i);
			if (!v)
				return EXIT_USAGE;
			char *end;
			errno = 0;
			rate = strtod(v, &end);
			if (*end || end == v || errno || !isfinite(rate) || rate < 0)
				return cli_usage_error("train", "--rate takes a number of 0 or more (got '%s')", v);
		} else if (cli_positional(&o, "train", a)) {
			return EXIT_USAGE;
		}
	}
	if (steps < 0)
		return cli_usage_error("train", "how many steps? Give --steps N (see: nudge train --help)");
	struct cli_scene cs;
	int status = cli_scene_open(&o, "train", &cs);
	if (status)
		return status;
	if (isnan(rate))
		rate = cs.scene->rate;
	if (scene_count(cs.scene, NODE_PARAM) == 0) {
		cli_scene_close(&cs);
		return cli_usage_error("train", "the scene has no param to train");
	}
	char why[256] = "";
	int stopped = 0;
	if (json) {
		printf("{\n  \"rate\": ");
		json_number(stdout, rate);
		printf(",\n  \"steps\": [\n");
	} else {
		printf("gradient descent, rate %g\n%6s  %-18s  params\n", rate, "step", cs.scene->nodes[cs.scene->cost].name);
	}
	if (!isfinite(cs.ev->cost)) {
		snprintf(why, sizeof why, "the cost %s is not finite at the start", cs.scene->nodes[cs.scene->cost].name);
		stopped = 1;
	}
	struct descent_run run;
	descent_start(&run, cs.ev, rate);
	for (int step = 0; step <= steps && !(stopped && step > 0); step++) {
		enum descent_result r = step > 0 ? descent_next(&run, cs.ev, why, sizeof why) : DESCENT_STEPPED;
		if (r == DESCENT_REFUSED) {
			stopped = 1;
			break;
		}
		if (r == DESCENT_DIVERGING)
			stopped = 1; /* this step is printed, then the run stops, as T in the window */
		if (json)
			row_json(&cs, step);
		else
			row_table(&cs, step);
	}
	if (json) {
		printf("\n  ],\n  \"stopped\": ");
		if (stopped)
			json_string(stdout, why);
		else
			printf("null");
		printf(",\n  \"converged\": %s\n}\n", descent_converged(cs.ev, DESCENT_TOL) ? "true" : "false");
	} else if (stopped) {
		printf("stopped: %s\n", why);
	} else if (descent_converged(cs.ev, DESCENT_TOL)) {
		printf("converged: every |d%s/dparam| < %g\n", cs.scene->nodes[cs.scene->cost].name, DESCENT_TOL);
	} else {
		printf("not converged yet: some |d%s/dparam| >= %g (more --steps, or another --rate)\n",
		       cs.scene->nodes[cs.scene->cost].name, DESCENT_TOL);
	}
	cli_scene_close(&cs);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "nudge train: cannot write the output\n");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

