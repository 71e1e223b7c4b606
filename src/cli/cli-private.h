/* cli-private.h - what the command-line files share: the commands, the options every
 * scene command takes (--set, --row, --eps, --plot, --nudge) and scene opening with
 * error reporting. Only the cli prints and chooses exit status (0 ok, 1 failure,
 * 2 bad usage or a refused scene). */
#ifndef NUDGE_CLI_PRIVATE_H
#define NUDGE_CLI_PRIVATE_H

#include <stdio.h>
#include "nudge/scene.h"
#include "nudge/eval.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

#define CLI_MAX_SETS 64

/* Options shared by eval, export, record, train. Zero means "not given". */
struct cli_opts {
	const char *scene_arg;          /* SCENE: a path or a built-in name */
	const char *set_name[CLI_MAX_SETS]; /* --set NAME=VALUE, in order */
	double set_value[CLI_MAX_SETS];
	int n_sets;
	int row;                        /* --row K (0 default) */
	int has_eps;  double eps;       /* --eps E */
	const char *plot;               /* --plot NAME or --plot A,B */
	const char *nudge;              /* --nudge NAME */
};

/* A scene opened for a command, with the options applied and evaluated once. */
struct cli_scene {
	struct scene *scene; /* owned */
	struct eval *ev;     /* owned; already run with the options applied */
	double eps;          /* --eps or the scene's */
	int plot;            /* --plot or the scene's plot node (-1 if none) */
	int plot2;           /* --plot A,B or the scene's `plot A, B`: the map's second leaf, or -1 */
	int nudge;           /* --nudge node, or -1 */
	const char *name;    /* short name for file names: "network" for data/scenes/network.nudge */
	char name_buf[256];  /* storage for name */
};

/* If argv[*i] is one of the shared options, consumes it and its value, leaves *i on
 * the last argument consumed (so a `for (…; i++)` loop goes on after it) and returns
 * 1; returns 0 if it is not; prints a message and returns -1 if its value is missing
 * or malformed. `cmd` names the command in messages. */
int cli_shared_opt(struct cli_opts *o, const char *cmd, int argc, char **argv, int *i);

/* An argument no option took: the SCENE, once; an unknown option or a second scene is
 * a usage error (printed, EXIT_USAGE returned). */
int cli_positional(struct cli_opts *o, const char *cmd, const char *arg);

/* A SCENE argument, a file or a built-in scene's name, as a path. 0, or -1 after
 * printing why (no such file or scene, a folder). */
int cli_resolve_scene(const char *arg, const char *cmd, char *path, size_t n);

/* Resolves o->scene_arg (a file, or a built-in scene name), parses it, applies --set,
 * --row, --eps, --plot, --nudge and runs it. Prints any error (file:line:col: error: …
 * with the source line and caret for scenes) and returns the exit status; EXIT_OK
 * and a filled *cs on success. Free with cli_scene_close. */
int cli_scene_open(const struct cli_opts *o, const char *cmd, struct cli_scene *cs);
void cli_scene_close(struct cli_scene *cs);

/* Where the built-in scenes (*.nudge), the bundled fonts (DejaVuSans*.ttf) and the
 * window's icon (nudge-128.png) are: $NUDGE_DATADIR/scenes, fonts and icons when that
 * is set; the source tree's data/scenes, fonts/ and data/icons when this binary runs
 * from its build folder; else the installed share/nudge/scenes, fonts and icons.
 * Never NULL; no trailing '/'. */
const char *cli_scenes_dir(void);
const char *cli_fonts_dir(void);
const char *cli_icons_dir(void);

/* s with its control characters (C0, DEL, C1) as '?', in buf (n bytes), which it
 * returns: a file name printed to a terminal must not carry an escape sequence. */
const char *cli_printable(const char *s, char *buf, size_t n);

/* Text in the notation's plain form for a terminal or JSON (w[1]_11 as w[1]₁₁;
 * nudge/notation.h), malloc'd; NULL when out of memory. */
char *cli_plain(const char *s);

/* Prints "nudge CMD: MSG" to stderr (printf-style) and returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Is argv[i] "-h" or "--help"? */
int cli_is_help(const char *arg);

/* The value after option argv[*i] (and *i moved onto it), or NULL after printing
 * that it is missing. */
const char *cli_opt_value(const char *cmd, int argc, char **argv, int *i);

/* A whole-string integer in [lo, hi]: 0 and *out set, or -1. */
int cli_parse_int(const char *s, long lo, long hi, int *out);

/* Milliseconds on a monotonic clock, for benchmarks. */
double cli_now_ms(void);

/* Sorts v[0..n) and returns its q-quantile (0.5 for the median). */
double cli_quantile(double *v, int n, double q);

/* Commands: each takes the arguments after the command word (argv[0] is the command). */
int cmd_eval(int argc, char **argv);
int cmd_train(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_bench(int argc, char **argv);        /* "engine" here; figures go to cmd_bench_figure */
int cmd_export(int argc, char **argv);       /* render layer (issue 3) */
int cmd_record(int argc, char **argv);       /* render layer (issue 3) */
int cmd_bench_figure(int argc, char **argv); /* render layer (issue 3) */
int cmd_window(int argc, char **argv);       /* the nudge-window binary (window_main.c) */

#endif
