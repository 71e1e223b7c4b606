/* cmd_eval.c - `nudge eval`: evaluate a scene once (forward, then backward) and print
 * every node's value and gradient as a table or as the JSON of SCENE_FORMAT.md, with
 * the lecture's nudge sentence (--nudge) and the numeric check of backprop (--check).
 * With a data set, the shown row's numbers (J⁽⁰⁾, dJ⁽⁰⁾/dw) are kept apart from the
 * means over rows (J, dJ/dw), and each row's numbers are listed (JSON: per_row). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-private.h"
#include "json.h"
#include "nudge/format.h"
#include "nudge/numeric.h"
#include "nudge/work.h"
#include "nudge/rows.h"
#include "nudge/trace.h"

static const char eval_help[] =
	"usage: nudge eval SCENE [--set NAME=VALUE]... [--row K] [--nudge NAME] [--eps E]\n"
	"                  [--check] [--trace] [--json]\n"
	"\n"
	"Evaluates SCENE (a .nudge file or a built-in name, see `nudge list`) once: the forward\n"
	"pass, then the backward pass by reverse-mode differentiation. Prints each node's value\n"
	"and its gradient dJ/dnode (J: the scene's cost). With a data set, those are the shown\n"
	"row's (J⁽⁰⁾, dJ⁽⁰⁾/dw); a table of every row's inputs, prediction, cost and gradients\n"
	"follows, with the means over rows (J, dJ/dw) as its last line.\n"
	"\n"
	"  --set NAME=VALUE  set an input or param (repeatable)\n"
	"  --row K           the data row to show, from 0 (scenes with a data set)\n"
	"  --nudge NAME      also nudge NAME by eps: \"w ↑ ε ⇒ J ↑ k × ε\"\n"
	"  --eps E           the nudge (default: the scene's eps, 0.001 unless set)\n"
	"  --check           compare every param's and input's gradient with a central\n"
	"                    difference, and count the node visits each way\n"
	"  --trace           print the step trace: the forward and backward steps with\n"
	"                    their equations, as the figure and the window walk them, and\n"
	"                    with a data set the means over rows\n"
	"  --json            print one JSON object instead of a table\n"
	"\n"
	"Exit status: 0 ok, 1 failure, 2 bad usage or a refused scene.\n";

static const char *kind_name(enum node_kind k)
{
	switch (k) {
	case NODE_INPUT: return "input";
	case NODE_PARAM: return "param";
	case NODE_DATA: return "data";
	default: return "node";
	}
}

static int is_leaf(const struct node *n)
{
	return n->kind != NODE_COMPUTED;
}

static const char *step_kind_name(enum step_kind k)
{
	return k == STEP_LEAVES ? "leaves" : k == STEP_FORWARD ? "forward" : k == STEP_BACKWARD ? "backward" : "mean";
}

static void print_json(const struct cli_scene *cs, const struct nudge *nd, const struct check_row *rows,
                       int n_rows, long long bp_visits, long long nudge_visits, const struct trace *tr)
{
	const struct scene *s = cs->scene;
	const struct eval *ev = cs->ev;
	FILE *f = stdout;
	fputs("{\n  \"title\": ", f);
	json_string(f, s->title ? s->title : "");
	fputs(",\n  \"cost\": ", f);
	json_string(f, s->nodes[s->cost].name);
	fputs(",\n  \"value\": ", f);
	json_number(f, ev->cost);
	fputs(",\n  \"grad\": {", f);
	int first = 1;
	for (int k = 0; k < s->n_nodes; k++) {
		if (!is_leaf(&s->nodes[k]))
			continue;
		fputs(first ? " " : ", ", f);
		first = 0;
		json_string(f, s->nodes[k].name);
		fputs(": ", f);
		json_number(f, ev->mean_grad[k]);
	}
	fputs(" },\n  \"rows\": ", f);
	fprintf(f, "%d,\n  \"row\": %d,\n  \"nodes\": [\n", s->n_rows, ev->row);
	for (int k = 0; k < s->n_nodes; k++) {
		fputs("    { \"name\": ", f);
		json_string(f, s->nodes[k].name);
		fputs(", \"label\": ", f);
		json_string(f, s->nodes[k].label);
		fputs(", \"plain\": ", f);
		json_string(f, s->nodes[k].plain);
		fprintf(f, ", \"kind\": \"%s\", \"value\": ", kind_name(s->nodes[k].kind));
		json_number(f, ev->value[k]);
		fputs(", \"grad\": ", f);
		json_number(f, ev->grad[k]);
		fputs(k + 1 < s->n_nodes ? " },\n" : " }\n", f);
	}
	fputs("  ],\n  \"edges\": [\n", f);
	for (int e = 0; e < s->n_edges; e++) {
		fputs("    { \"from\": ", f);
		json_string(f, s->nodes[s->edges[e].from].name);
		fputs(", \"to\": ", f);
		json_string(f, s->nodes[s->edges[e].to].name);
		fputs(", \"local\": ", f);
		json_number(f, ev->local[e]);
		fputs(e + 1 < s->n_edges ? " },\n" : " }\n", f);
	}
	fputs("  ]", f);
	for (int r = 0; r < s->n_rows; r++) {
		fprintf(f, r ? ",\n    { \"row\": %d, \"cost\": " : ",\n  \"per_row\": [\n    { \"row\": %d, \"cost\": ", r);
		json_number(f, ev->row_cost[r]);
		fputs(", \"grad\": {", f);
		for (int j = 0; j < ev->n_leaf; j++) {
			fputs(j ? ", " : " ", f);
			json_string(f, s->nodes[ev->leaf[j]].name);
			fputs(": ", f);
			json_number(f, ev->row_grad[(size_t)r * (size_t)ev->n_leaf + (size_t)j]);
		}
		fputs(r + 1 < s->n_rows ? " } }" : " } }\n  ]", f);
	}
	if (nd) {
		fputs(",\n  \"nudge\": { \"name\": ", f);
		json_string(f, s->nodes[nd->node].name);
		fputs(", \"eps\": ", f);
		json_number(f, nd->eps);
		fputs(", \"value\": ", f);
		json_number(f, nd->after);
		fputs(", \"delta\": ", f);
		json_number(f, nd->delta);
		fputs(", \"ratio\": ", f);
		json_number(f, nd->ratio);
		fputs(" }", f);
	}
	if (rows) {
		fputs(",\n  \"check\": {\n    \"eps\": ", f);
		json_number(f, cs->eps);
		fprintf(f, ",\n    \"backprop_visits\": %lld,\n    \"nudge_visits\": %lld,\n    \"grads\": [\n",
		        bp_visits, nudge_visits);
		for (int i = 0; i < n_rows; i++) {
			fputs("      { \"name\": ", f);
			json_string(f, s->nodes[rows[i].node].name);
			fputs(", \"backprop\": ", f);
			json_number(f, rows[i].backprop);
			fputs(", \"numeric\": ", f);
			json_number(f, rows[i].numeric);
			fputs(", \"diff\": ", f);
			json_number(f, rows[i].diff);
			fputs(i + 1 < n_rows ? " },\n" : " }\n", f);
		}
		struct work_count w = work_count_scene(s), x = work_count_of(WORK_LECTURE_N, WORK_LECTURE_P);
		fprintf(f, "    ],\n    \"work\": { \"n\": %lld, \"p\": %lld, \"backprop\": %lld, \"nudge\": %lld,\n"
		           "      \"example\": { \"n\": %lld, \"p\": %lld, \"backprop\": %lld, \"nudge\": %lld } }\n  }",
		        w.n, w.p, w.backprop, w.nudge, x.n, x.p, x.backprop, x.nudge);
	}
	if (tr) {
		fputs(",\n  \"trace\": [\n", f);
		for (int i = 0; i < tr->n_steps; i++) {
			fprintf(f, "    { \"step\": %d, \"kind\": \"%s\", \"node\": ", i, step_kind_name(tr->steps[i].kind));
			if (tr->steps[i].node >= 0)
				json_string(f, s->nodes[tr->steps[i].node].name);
			else
				fputs("null", f);
			fputs(", \"text\": ", f);
			char *text = cli_plain(trace_text(tr, i));
			json_string(f, text ? text : trace_text(tr, i));
			free(text);
			fputs(i + 1 < tr->n_steps ? " },\n" : " }\n", f);
		}
		fputs("  ]", f);
	}
	fputs("\n}\n", f);
}

static void pad(FILE *f, const char *s, int w)
{
	fputs(s, f);
	for (int i = fmt_chars(s); i < w; i++)
		fputc(' ', f);
}

/* A column heading: the node's name, with "⁽ⁱ⁾" for one row's number, and "dJ⁽ⁱ⁾/d"
 * before it for a gradient. */
static void rows_heading(const struct scene *s, const struct rows_column *c, char *b, size_t n)
{
	const char *J = s->nodes[s->cost].name;
	if (c->kind == ROWS_GRAD)
		snprintf(b, n, "d%s⁽ⁱ⁾/d%s", J, s->nodes[c->node].name);
	else
		snprintf(b, n, "%s⁽ⁱ⁾", s->nodes[c->node].name);
}

/* Every row's inputs, prediction, cost and gradients, then the means. */
static int print_rows(struct eval *ev)
{
	const struct scene *s = ev->scene;
	struct rows_column *cols = calloc((size_t)s->n_nodes + 2, sizeof *cols);
	double *out = calloc((size_t)s->n_nodes + 2, sizeof *out);
	double *scratch = calloc((size_t)s->n_nodes * 2 + 1, sizeof *scratch);
	int *w = calloc((size_t)s->n_nodes + 2, sizeof *w);
	if (!cols || !out || !scratch || !w) {
		free(cols), free(out), free(scratch), free(w);
		return -1;
	}
	int n = rows_columns(s, cols);
	char b[96];
	for (int i = 0; i < n; i++) {
		rows_heading(s, &cols[i], b, sizeof b);
		w[i] = fmt_chars(b) > 10 ? fmt_chars(b) : 10;
	}
	printf("\neach row's numbers, and their means over the %d rows:\n  %-6s", s->n_rows, "row");
	for (int i = 0; i < n; i++) {
		rows_heading(s, &cols[i], b, sizeof b);
		printf("  ");
		pad(stdout, b, i + 1 < n ? w[i] : 0);
	}
	for (int r = 0; r <= s->n_rows; r++) {
		int row = r < s->n_rows ? r : -1;
		rows_values(ev, row, cols, n, rows_predict(ev, row, scratch), out);
		if (row < 0)
			printf("\n  %-6s", "mean");
		else
			printf("\n  %-6d", row);
		for (int i = 0; i < n; i++) {
			if (isnan(out[i]) && row < 0)
				b[0] = '\0';
			else
				fmt_num_ascii(b, sizeof b, out[i], 10);
			printf("  ");
			pad(stdout, b, i + 1 < n ? w[i] : 0);
		}
	}
	printf("\n");
	free(cols), free(out), free(scratch), free(w);
	return 0;
}

/* With a data set: the means over rows, each by its own name. */
static void print_means(const struct eval *ev)
{
	const struct scene *s = ev->scene;
	const char *J = s->nodes[s->cost].name;
	char v[48];
	printf("\nmeans over the %d rows (what the plot and gradient descent use):\n", s->n_rows);
	fmt_num_ascii(v, sizeof v, ev->cost, 10);
	printf("  %s = %s\n", J, v);
	for (int k = 0; k < s->n_nodes; k++) {
		const struct node *nd = &s->nodes[k];
		if ((nd->kind != NODE_INPUT && nd->kind != NODE_PARAM) || !nd->feeds_cost)
			continue;
		fmt_num_ascii(v, sizeof v, ev->mean_grad[k], 10);
		printf("  d%s/d%s = %s\n", J, nd->name, v);
	}
}

static void print_table(const struct cli_scene *cs, const struct nudge *nd, const struct check_row *rows,
                        int n_rows, long long bp_visits, long long nudge_visits, const struct trace *tr)
{
	const struct scene *s = cs->scene;
	const struct eval *ev = cs->ev;
	char v[48], g[48];
	char *title = s->title ? cli_plain(s->title) : NULL;
	if (s->title)
		printf("%s\n", title ? title : s->title);
	free(title);
	const char *J = s->nodes[s->cost].name;
	char head[96];
	if (s->n_rows > 0) {
		printf("data: %d row%s; %s is the mean over rows of the cost node's value %s⁽ⁱ⁾\n\n"
		       "row %d of rows 0 to %d (--row K shows another), its values and gradients:\n",
		       s->n_rows, s->n_rows == 1 ? "" : "s", J, J, ev->row, s->n_rows - 1);
		char Jr[64];
		fmt_row_label(Jr, sizeof Jr, J, ev->row);
		snprintf(head, sizeof head, "d%s/dnode", Jr);
	} else {
		snprintf(head, sizeof head, "d%s/dnode", J);
	}
	int w = 4;
	for (int k = 0; k < s->n_nodes; k++)
		if (fmt_chars(s->nodes[k].name) + 3 * (s->n_rows > 0) > w)
			w = fmt_chars(s->nodes[k].name) + 3 * (s->n_rows > 0);
	w = w > 24 ? 24 : w;
	printf("\n  ");
	pad(stdout, "node", w);
	printf("  %-6s  %-18s  %s\n", "kind", "value", head);
	for (int k = 0; k < s->n_nodes; k++) {
		fmt_num_ascii(v, sizeof v, ev->value[k], 10);
		fmt_num_ascii(g, sizeof g, ev->grad[k], 10);
		char name[96];
		int per_row = s->n_rows > 0 && (s->nodes[k].per_row || k == s->cost);
		fmt_row_label(name, sizeof name, s->nodes[k].name, per_row ? ev->row : -1);
		printf("  ");
		pad(stdout, name, w);
		printf("  %-6s  %-18s  %s\n", kind_name(s->nodes[k].kind), v, g);
	}
	if (s->n_rows > 0) {
		if (print_rows(cs->ev))
			fprintf(stderr, "nudge eval: out of memory for the table of rows\n");
		print_means(ev);
	} else {
		fmt_num_ascii(v, sizeof v, ev->cost, 10);
		printf("\n%s = %s\n", J, v);
	}
	if (!isfinite(ev->cost))
		printf("note: the cost is not a finite number (a division by 0, the log or square root of a negative, or overflow)\n");
	if (nd) {
		const char *name = s->nodes[nd->node].name;
		char e[48], d[48], r[48], bp[48];
		fmt_num_ascii(e, sizeof e, nd->eps, 10);
		fmt_num_ascii(d, sizeof d, fabs(nd->delta), 10);
		fmt_num_ascii(r, sizeof r, nd->delta < 0 ? -nd->ratio : nd->ratio, 10);
		fmt_num_ascii(bp, sizeof bp, ev->mean_grad[nd->node], 10);
		fmt_num_ascii(v, sizeof v, nd->after, 10);
		printf("\n%s(%s + %s) = %s\n", J, name, e, v);
		if (isfinite(nd->delta))
			printf("%s ↑ %s ⇒ %s %s %s ≈ %s × ε\n", name, e, J, nd->delta < 0 ? "↓" : "↑", d, r);
		else
			printf("%s ↑ %s ⇒ the change of %s is not a number (%s before, %s after)\n", name, e, J,
			       isfinite(nd->before) ? "finite" : "not finite", isfinite(nd->after) ? "finite" : "not finite");
		printf("d%s/d%s by backprop = %s\n", J, name, bp);
	}
	if (rows) {
		char bpv[48], num[48], df[48];
		printf("\ncheck (central differences, eps %g):\n  ", cs->eps);
		pad(stdout, "node", w);
		printf("  %-18s  %-18s  %s\n", "backprop", "numeric", "difference");
		for (int i = 0; i < n_rows; i++) {
			fmt_num_ascii(bpv, sizeof bpv, rows[i].backprop, 10);
			fmt_num_ascii(num, sizeof num, rows[i].numeric, 10);
			fmt_num_ascii(df, sizeof df, rows[i].diff, 3);
			printf("  ");
			pad(stdout, s->nodes[rows[i].node].name, w);
			printf("  %-18s  %-18s  %s\n", bpv, num, df);
		}
		printf("\nwork for every derivative: backprop %lld node visits (one forward + one backward pass);\n"
		       "nudging each of the %d node%s above %lld node visits (one forward pass each, plus the base)\n",
		       bp_visits, n_rows, n_rows == 1 ? "" : "s", nudge_visits);
		struct work_count wc = work_count_scene(s), x = work_count_of(WORK_LECTURE_N, WORK_LECTURE_P);
		printf("N + P versus N × P: N = %lld node%s, P = %lld param%s: backprop is of order N + P = %lld,\n"
		       "nudging every param N × P = %lld; the lecture's N = %lld and P = %lld give\n"
		       "N + P = %lld (%.2g) versus N × P = %lld (%.2g)\n",
		       wc.n, wc.n == 1 ? "" : "s", wc.p, wc.p == 1 ? "" : "s", wc.backprop, wc.nudge, x.n, x.p, x.backprop,
		       (double)x.backprop, x.nudge, (double)x.nudge);
	}
	if (tr) {
		printf("\nstep trace:\n");
		for (int i = 0; i < tr->n_steps; i++) {
			char *text = cli_plain(trace_text(tr, i));
			printf("  %3d  %-8s  %s\n", i, step_kind_name(tr->steps[i].kind), text ? text : trace_text(tr, i));
			free(text);
		}
	}
}

int cmd_eval(int argc, char **argv)
{
	struct cli_opts o = { 0 };
	int json = 0, check = 0, trace = 0;
	for (int i = 1; i < argc; i++) {
		int r = cli_shared_opt(&o, "eval", argc, argv, &i);
		if (r < 0)
			return EXIT_USAGE;
		if (r > 0)
			continue;
		const char *a = argv[i];
		if (cli_is_help(a)) {
			fputs(eval_help, stdout);
			return EXIT_OK;
		} else if (strcmp(a, "--json") == 0) {
			json = 1;
		} else if (strcmp(a, "--check") == 0) {
			check = 1;
		} else if (strcmp(a, "--trace") == 0) {
			trace = 1;
		} else if (cli_positional(&o, "eval", a)) {
			return EXIT_USAGE;
		}
	}
	struct cli_scene cs;
	int status = cli_scene_open(&o, "eval", &cs);
	if (status)
		return status;
	struct nudge nd, *ndp = NULL;
	if (cs.nudge >= 0) {
		nd = nudge_node(cs.ev, cs.nudge, cs.eps);
		ndp = &nd;
	}
	struct check_row *rows = NULL;
	int n_rows = 0;
	long long bp = 0, nv = 0;
	if (check) {
		rows = calloc((size_t)cs.scene->n_nodes + 1, sizeof *rows);
		if (!rows) {
			cli_scene_close(&cs);
			fprintf(stderr, "nudge eval: out of memory\n");
			return EXIT_FAIL;
		}
		n_rows = numeric_check(cs.ev, cs.eps, 1, rows, &bp, &nv);
	}
	struct trace *tr = trace ? trace_build(cs.ev) : NULL;
	for (int i = 0; tr && i < tr->n_steps; i++) /* every step's text, written now */
		if (!trace_text(tr, i)) {
			trace_free(tr);
			tr = NULL;
		}
	if (trace && !tr) {
		free(rows);
		cli_scene_close(&cs);
		fprintf(stderr, "nudge eval: out of memory\n");
		return EXIT_FAIL;
	}
	if (json)
		print_json(&cs, ndp, rows, n_rows, bp, nv, tr);
	else
		print_table(&cs, ndp, rows, n_rows, bp, nv, tr);
	trace_free(tr);
	free(rows);
	cli_scene_close(&cs);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "nudge eval: cannot write the output\n");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
