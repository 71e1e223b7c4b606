/* main.c - the nudge command: picks the command from argv and runs it. Opening the
 * window is `nudge [SCENE]`; everything else is a command word (eval, export, record,
 * train, bench, list). Only the cli prints errors and chooses the exit status. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "cli-private.h"

static const char main_help[] =
	"usage: nudge [SCENE]              open the window on SCENE (default: computation-graph)\n"
	"       nudge eval SCENE [...]     evaluate once: values, gradients, nudge, check\n"
#ifdef NUDGE_HAVE_RENDER
	"       nudge export SCENE -o FILE write the figure as PNG, SVG or PDF\n"
	"       nudge record SCENE -o DECK the walk, a slide per step: PDF, GIF or folder\n"
#endif
	"       nudge train SCENE --steps N  gradient descent, step by step\n"
	"       nudge bench engine | [SCENE] measure the engine (and the figures)\n"
	"       nudge list                 the built-in scenes\n"
	"       nudge --version\n"
	"\n"
	"Window options: --shots DIR (where S saves screenshots), --size WxH, --light,\n"
	"--present (start in presentation mode).\n"
	"Keys in the window: Right/Space next step, Left previous, Home/End first/last,\n"
	"P play/pause, Tab select a slider, Up/Down move it by ±ε, G one descent step,\n"
	"T train, R reset, C check gradients numerically, D derivative table, E each data\n"
	"row's numbers, M forward/reverse mode, N the N + P versus N × P panel, J the map\n"
	"of J over two names (Shift+click picks the second), F its next descent steps (Shift+F\n"
	"types their learning rates, as 0.05, 0.2, 0.6), K quiz (A\n"
	"reveal all, H hide all), S screenshot (Shift+S also SVG and PDF), W the whole\n"
	"walk as a PDF, L theme, U neuron units or the scalar graph, F11 full screen, O or PageUp/PageDown other built-in\n"
	"scenes, [ and ] the data row shown, Ctrl+= Ctrl+- Ctrl+0 type size, Z/Shift+Z zoom the\n"
	"graph (or the wheel), Ctrl+arrows move it, V all of it, F1 or ? help,\n"
	"Q quit. To present: F5 (full screen, no controls, large type; PageDown/PageUp step\n"
	"the walk, Ctrl+PageDown/PageUp change scene, B or . blanks the screen, Esc leaves).\n"
	"\n"
	"SCENE is a .nudge file or the name of a built-in scene. `nudge COMMAND --help` says more.\n"
	"Exit status: 0 ok, 1 failure, 2 bad usage or a refused scene.\n";

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
};

static const struct command commands[] = {
	{ "eval", cmd_eval },
	{ "train", cmd_train },
	{ "list", cmd_list },
	{ "bench", cmd_bench },
#ifdef NUDGE_HAVE_RENDER
	{ "export", cmd_export },
	{ "record", cmd_record },
#endif
};

/* `nudge [SCENE]`: the window when this build has one; otherwise the eval table. */
static int open_scene(int argc, char **argv)
{
#ifdef NUDGE_HAVE_APP
	/* nudge-window sits beside this binary in the build folder, in libexec when installed */
	char self[PATH_MAX], path[PATH_MAX + 32];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	const char *tried[2] = { NULL, NUDGE_INSTALL_LIBEXECDIR "/nudge-window" };
	if (n > 0) {
		self[n] = '\0';
		char *slash = strrchr(self, '/');
		if (slash) {
			*slash = '\0';
			snprintf(path, sizeof path, "%s/nudge-window", self);
			tried[0] = path;
		}
	}
	for (int i = 0; i < 2; i++) {
		if (!tried[i] || access(tried[i], X_OK) != 0)
			continue;
		argv[0] = (char *)tried[i];
		execv(tried[i], argv);
		fprintf(stderr, "nudge: cannot start the window (%s): %s\n", tried[i], strerror(errno));
		return EXIT_FAIL;
	}
	fprintf(stderr, "nudge: the window program nudge-window is missing (looked in %s and %s)\n",
	        tried[0] ? tried[0] : "this binary's folder", tried[1]);
	return EXIT_FAIL;
#else
	char *eval_argv[3] = { "eval", argc > 1 && argv[1][0] != '-' ? argv[1] : "computation-graph", NULL };
	fprintf(stderr, "nudge: this build has no window yet; showing `nudge eval %s`\n", eval_argv[1]);
	return cmd_eval(2, eval_argv);
#endif
}

int main(int argc, char **argv)
{
	if (argc >= 2 && cli_is_help(argv[1])) {
		fputs(main_help, stdout);
		return EXIT_OK;
	}
	if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
		printf("nudge %s\n", NUDGE_VERSION);
		return EXIT_OK;
	}
	if (argc >= 2) {
		for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
			if (strcmp(argv[1], commands[i].name) == 0)
				return commands[i].run(argc - 1, argv + 1);
		if (argv[1][0] != '-' && strchr(argv[1], '/') == NULL && strchr(argv[1], '.') == NULL) {
			/* a bare word that is not a command must be a built-in scene */
			char path[4096];
			if (cli_resolve_scene(argv[1], NULL, path, sizeof path))
				return EXIT_USAGE;
		}
	}
	return open_scene(argc, argv);
}
