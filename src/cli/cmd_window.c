/* cmd_window.c - `nudge [SCENE] [--shots DIR] [--size WxH] [--light] [--present]`: opens the
 * window (src/app) on a scene, by default the lecture's computation graph. */
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli-private.h"
#include "nudge/app.h"

int cmd_window(int argc, char **argv)
{
	char icon[4096];
	snprintf(icon, sizeof icon, "%s/nudge-128.png", cli_icons_dir());
	struct app_opts o = { .scenes_dir = cli_scenes_dir(), .fonts_dir = cli_fonts_dir(), .icon_path = icon };
	const char *scene = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--shots") == 0 && i + 1 < argc) {
			o.shots_dir = argv[++i];
			struct stat st;
			if (stat(o.shots_dir, &st) != 0 || !S_ISDIR(st.st_mode))
				return cli_usage_error(NULL, "--shots: '%s' is not a folder", o.shots_dir);
		} else if (strcmp(a, "--size") == 0 && i + 1 < argc) {
			if (sscanf(argv[++i], "%dx%d", &o.width, &o.height) != 2 || o.width < 640 || o.height < 400 ||
			    o.width > 16384 || o.height > 16384)
				return cli_usage_error(NULL, "--size takes WIDTHxHEIGHT, at least 640x400 (got '%s')", argv[i]);
		} else if (strcmp(a, "--light") == 0) {
			o.light = 1;
		} else if (strcmp(a, "--present") == 0) {
			o.present = 1;
		} else if (a[0] == '-' && a[1]) {
			return cli_usage_error(NULL, "unknown option '%s' (see: nudge --help)", a);
		} else if (scene) {
			return cli_usage_error(NULL, "one scene at a time ('%s' and '%s')", scene, a);
		} else {
			scene = a;
		}
	}
	char path[4096];
	if (cli_resolve_scene(scene ? scene : "computation-graph", NULL, path, sizeof path))
		return EXIT_USAGE;
	o.scene_path = path;
	/* window titles are UTF-8 ("nudge — …"): X11 converts them through the C library's
	 * character type, so make sure it is a UTF-8 one (numbers are not affected) */
	const char *ctype = setlocale(LC_CTYPE, "");
	if (!ctype || (!strstr(ctype, "UTF-8") && !strstr(ctype, "utf8")))
		setlocale(LC_CTYPE, "C.UTF-8");
	char err[1024];
	struct app *app = app_new(&o, err, sizeof err);
	if (!app) {
		fprintf(stderr, "%s%s", err, err[0] && err[strlen(err) - 1] == '\n' ? "" : "\n");
		return strstr(err, ": error: ") ? EXIT_USAGE : EXIT_FAIL;
	}
	int status = app_run(app);
	app_free(app);
	return status;
}
