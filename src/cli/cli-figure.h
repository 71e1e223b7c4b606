/* cli-figure.h - what the figure commands (export, record, bench) share: their options
 * (--size, --scale, --theme, --transparent, --step, --only, -o, --format, --frames, the
 * deck's --from, --to, --pace, the map's --descent and --rates, on top of the scene
 * options) and opening a scene with fonts, trace and figure ready. */
#ifndef NUDGE_CLI_FIGURE_H
#define NUDGE_CLI_FIGURE_H

#include "cli-private.h"
#include "nudge/render.h"
#include "nudge/session.h"

/* Options a figure command accepts, beyond the shared scene options. */
enum {
	FIG_OPT_OUT = 1 << 0,    /* -o PATH */
	FIG_OPT_STEP = 1 << 1,   /* --step K */
	FIG_OPT_FORMAT = 1 << 2, /* --format png|svg|pdf */
	FIG_OPT_FRAMES = 1 << 3, /* --frames N */
	FIG_OPT_LOOK = 1 << 4,   /* --scale, --font-scale, --theme, --transparent, --only, --units */
	FIG_OPT_FORCE = 1 << 5,  /* --force */
	FIG_OPT_DECK = 1 << 6,   /* --from, --to, --pace, --only forward|backward */
	FIG_OPT_PRESENT = 1 << 7, /* --present (bench): drawn as presentation mode draws */
};

struct fig_args {
	struct cli_opts scene;    /* SCENE and --set, --row, --eps, --plot, --nudge */
	const char *out;          /* -o */
	struct export_opts ex;    /* size, scale, theme, transparent, only */
	int step;                 /* --step K, or -1 for the last step */
	enum export_format format;/* --format (record) */
	int frames;               /* --frames N (bench), 0 if not given */
	int force;                /* --force (record): replace an earlier recording */
	int from, to;             /* --from K, --to L (record): 0 and -1 (the last) if not given */
	enum deck_pass pass;      /* --only forward|backward (record) */
	double pace;              /* --pace SECONDS (record to a GIF), 0 if not given */
	int descent;              /* --descent N: steps of the descent paths on the map (0: none) */
	int n_rates;              /* --rates A,B,…: how many (0: one path at the scene's α) */
	double rates[LAND_MAX_PATHS]; /* those learning rates */
	int help;                 /* -h / --help was given */
};

/* Parses argv[1..] (argv[0] is the command word). `accept` is a mask of FIG_OPT_*; with
 * FIG_OPT_OUT, SCENE and -o are required. Returns EXIT_OK, or EXIT_USAGE after printing
 * why; on --help prints usage and returns EXIT_OK with a->help set. */
int fig_args_parse(struct fig_args *a, const char *cmd, unsigned accept, const char *usage,
                   int argc, char **argv);

/* An opened scene with everything draw_figure needs. */
struct fig_session {
	struct cli_scene cs;  /* the command's options on the scene (name, --nudge); its
	                         scene and eval belong to ss */
	struct session ss;    /* the scene, eval, trace and samples (owned) */
	struct render *r;     /* fonts and caches (owned) */
	struct figure fig;    /* ready to draw, at the last step */
};

/* Opens the scene of a, loads the fonts from the data folder and brings the session
 * up to date. Prints any error; returns the exit status (EXIT_OK on success). */
int fig_session_open(struct fig_session *fs, const struct fig_args *a, const char *cmd);
void fig_session_close(struct fig_session *fs);

/* Brings fs->ss up to date for fs->fig drawn with d (the plot sampled at the figure's
 * resolution) and points the figure at its trace and samples; call after a change and
 * before each draw or export. 0, or -1 when out of memory. */
int fig_session_update(struct fig_session *fs, const struct draw_opts *d);

/* Where the figure at the n steps given cannot hold the font scale d asks for (draw_figure
 * takes less: figure_font_scale), says on stderr, in one sentence, the scale it takes. */
void fig_say_font_scale(struct fig_session *fs, const struct draw_opts *d, const char *cmd, const int *steps,
                        int n);

#endif
