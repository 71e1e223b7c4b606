/* scene_list.c - the built-in scenes as a list: PageUp / PageDown step through it in
 * name order, and the Scenes overlay (key O or the Scenes button) shows every scene
 * with its title, to open one with a click or with the arrow keys and Enter. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app-private.h"
#include "nudge/notation.h"

static int by_name(const void *x, const void *y)
{
	return strcmp(((const struct scene_entry *)x)->name, ((const struct scene_entry *)y)->name);
}

int scene_list_read(const struct app_files *f, struct scene_entry *out, int max, int with_titles)
{
	if (!f->scenes_dir[0])
		return 0;
	DIR *d = opendir(f->scenes_dir);
	if (!d)
		return 0;
	int n = 0;
	struct dirent *de;
	while ((de = readdir(d)) && n < max) {
		size_t l = strlen(de->d_name);
		if (l > 6 && l - 6 < sizeof out[0].name && strcmp(de->d_name + l - 6, ".nudge") == 0) {
			snprintf(out[n].name, sizeof out[n].name, "%.*s", (int)(l - 6), de->d_name);
			out[n++].title[0] = '\0';
		}
	}
	closedir(d);
	qsort(out, (size_t)n, sizeof *out, by_name);
	for (int i = 0; with_titles && i < n; i++) {
		char path[PATH_MAX + 80];
		snprintf(path, sizeof path, "%s/%s.nudge", f->scenes_dir, out[i].name);
		struct nudge_error err;
		struct scene *s = scene_load(path, &err);
		notation_plain(out[i].title, sizeof out[i].title, s ? (s->title ? s->title : "") : "(does not load)");
		scene_free(s);
	}
	return n;
}

static void open_entry(struct app *a, const char *name, int index, int count)
{
	char path[PATH_MAX + 80], err[1024];
	snprintf(path, sizeof path, "%s/%s.nudge", a->files.scenes_dir, name);
	if (app_open_scene(a, path, 0, err, sizeof err))
		app_set_status(a, 1, "%s", err);
	else
		app_set_status(a, 0, "opened %s (%d of %d built-in scenes; PageUp / PageDown for more)", name, index + 1,
		               count);
}

void app_switch_scene(struct app *a, int dir)
{
	struct scene_entry *list = malloc(APP_MAX_SCENES * sizeof *list);
	int n = list ? scene_list_read(&a->files, list, APP_MAX_SCENES, 0) : 0;
	if (n > 0) {
		int cur = -1;
		for (int i = 0; i < n; i++)
			if (strcmp(list[i].name, a->files.name) == 0)
				cur = i;
		int next = cur < 0 ? 0 : ((cur + dir) % n + n) % n;
		open_entry(a, list[next].name, next, n);
	}
	free(list);
}

void scene_list_toggle(struct app *a)
{
	if (a->ui.list) {
		free(a->ui.list);
		a->ui.list = NULL;
		return;
	}
	a->ui.list = malloc(APP_MAX_SCENES * sizeof *a->ui.list);
	if (!a->ui.list)
		return;
	a->ui.n_list = scene_list_read(&a->files, a->ui.list, APP_MAX_SCENES, 1);
	if (a->ui.n_list == 0) {
		free(a->ui.list);
		a->ui.list = NULL;
		app_set_status(a, 1, "no built-in scenes in %s", a->files.scenes_dir[0] ? a->files.scenes_dir : "(no folder)");
		return;
	}
	a->ui.list_sel = 0;
	for (int i = 0; i < a->ui.n_list; i++)
		if (strcmp(a->ui.list[i].name, a->files.name) == 0)
			a->ui.list_sel = i;
	memset(a->ui.list_rows, 0, sizeof a->ui.list_rows);
	a->ui.help = 0;
}

/* Opens entry i and closes the list. */
static void pick(struct app *a, int i)
{
	char name[sizeof a->ui.list[0].name];
	int n = a->ui.n_list;
	snprintf(name, sizeof name, "%s", a->ui.list[i].name);
	scene_list_toggle(a);
	open_entry(a, name, i, n);
}

int scene_list_key(struct app *a, SDL_Keycode k)
{
	if (!a->ui.list)
		return 0;
	switch (k) {
	case SDLK_UP: a->ui.list_sel = (a->ui.list_sel + a->ui.n_list - 1) % a->ui.n_list; return 1;
	case SDLK_DOWN: case SDLK_TAB: a->ui.list_sel = (a->ui.list_sel + 1) % a->ui.n_list; return 1;
	case SDLK_RETURN: case SDLK_KP_ENTER: pick(a, a->ui.list_sel); return 1;
	case SDLK_ESCAPE: case SDLK_o: scene_list_toggle(a); return 1;
	case SDLK_q: return 0; /* Q still quits */
	default: return 1;    /* other keys wait until the list is closed */
	}
}

int scene_list_click(struct app *a, int x, int y)
{
	if (!a->ui.list)
		return 0;
	for (int i = 0; i < a->ui.n_list && i < APP_MAX_SCENES; i++) {
		SDL_Rect r = a->ui.list_rows[i];
		if (r.w > 0 && x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h) {
			pick(a, i);
			return 1;
		}
	}
	scene_list_toggle(a); /* a click elsewhere closes it */
	return 1;
}
