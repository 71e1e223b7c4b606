/* cmd_list.c - `nudge list`: the built-in scenes, one per line, with their titles. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-private.h"

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int cmd_list(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (cli_is_help(argv[i])) {
			puts("usage: nudge list\n\nPrints the built-in scenes: each name works wherever a SCENE is asked for.");
			return EXIT_OK;
		}
		return cli_usage_error("list", "takes no arguments (got '%s')", argv[i]);
	}
	const char *dir = cli_scenes_dir();
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "nudge list: cannot open the scenes folder %s\n", dir);
		return EXIT_FAIL;
	}
	char *names[256];
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < 256) {
		size_t l = strlen(e->d_name);
		if (l > 6 && strcmp(e->d_name + l - 6, ".nudge") == 0)
			names[n++] = strndup(e->d_name, l - 6);
	}
	closedir(d);
	qsort(names, (size_t)n, sizeof *names, by_name);
	int w = 0;
	for (int i = 0; i < n; i++)
		if (names[i] && (int)strlen(names[i]) > w)
			w = (int)strlen(names[i]);
	int status = EXIT_OK;
	for (int i = 0; i < n; i++) {
		if (!names[i])
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s.nudge", dir, names[i]);
		struct nudge_error err;
		struct scene *s = scene_load(path, &err);
		char *title = cli_plain(!s ? "(does not load)" : s->title ? s->title : ""); /* no scripts here */
		printf("%-*s  %s\n", w, names[i], title ? title : "");
		free(title);
		if (!s)
			status = EXIT_FAIL;
		scene_free(s);
		free(names[i]);
	}
	return status;
}
