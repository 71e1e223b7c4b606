/* app.h - the nudge window: an SDL2 event loop around the figure of render.h, with
 * sliders for every input and param, ε and α, step controls, keys, screenshots and
 * live reloading of the scene file. The cli's `nudge [SCENE]` is its only caller. */
#ifndef NUDGE_APP_H
#define NUDGE_APP_H

#include <stddef.h>

struct app;

struct app_opts {
	const char *scene_path;  /* the .nudge file to open (required) */
	const char *scenes_dir;  /* built-in scenes, for PageUp / PageDown (may be NULL) */
	const char *fonts_dir;   /* the bundled fonts (required) */
	const char *icon_path;   /* the window's icon, a PNG (may be NULL) */
	const char *shots_dir;   /* where S saves screenshots (default: the current folder) */
	int width, height;       /* initial window size in screen units (default 1280x800) */
	int hidden;              /* 1: do not show the window (tests) */
	int light;               /* 1: start with the light theme */
	int present;             /* 1: start in presentation mode (F5) */
};

/* Opens the window on the scene. Returns NULL with one sentence in err when SDL, the
 * fonts or the scene cannot be had (a refused scene's message is file:line:col). */
struct app *app_new(const struct app_opts *o, char *err, size_t n);

/* Runs the event loop until the user quits; returns the exit status (0). */
int app_run(struct app *a);

void app_free(struct app *a);

#endif
