/* cmd_export.c - `nudge export SCENE -o FILE`: one figure of a scene, at one step of
 * its trace, to a PNG, SVG or PDF file (format from the extension), written atomically. */
#include <stdio.h>
#include "cli-figure.h"

static const char export_usage[] =
	"usage: nudge export SCENE -o FILE [options]\n"
	"\n"
	"Draws the figure of SCENE (a .nudge file or a built-in name) into FILE;\n"
	"the format comes from the extension: .png, .svg or .pdf.\n"
	"\n"
	"  -o FILE              the file to write (replaced atomically)\n"
	"  --size WxH           figure size in units (default 1920x1080; points for SVG/PDF)\n"
	"  --scale S            PNG pixels per unit (--scale 2 gives 3840x2160)\n"
	"  --font-scale S       the type outside the graph S times larger (0.5 to 3), as far\n"
	"                       as the graph keeps its numbers' size and the plots their axes\n"
	"  --theme dark|light   colours (default light, for slides)\n"
	"  --transparent        no background\n"
	"  --units on|off       neuron units as one box each, or the full scalar graph\n"
	"  --step K             the step of the backprop walk to show (default: the last)\n"
	"  --only graph|plot    just one of the two views\n"
	"  --set NAME=VALUE     override an input or param (repeatable)\n"
	"  --row K              the data row the graph shows\n"
	"  --eps E              the nudge shown on the plot\n"
	"  --plot NAME          the input or param on the plot's x axis\n"
	"  --plot A,B           the map of J over two inputs or params instead\n"
	"  --descent N          on the map: N descent steps from the point (not moving it)\n"
	"  --rates A,B,...      on the map: a path per learning rate (default: the scene's)\n";

int cmd_export(int argc, char **argv)
{
	struct fig_args a;
	int rc = fig_args_parse(&a, "export", FIG_OPT_OUT | FIG_OPT_STEP | FIG_OPT_LOOK,
	                        export_usage, argc, argv);
	if (rc != EXIT_OK || a.help)
		return rc;
	if (!export_format_of(a.out))
		return cli_usage_error("export", "cannot tell the format of %s: use .png, .svg or .pdf", a.out);
	struct fig_session fs;
	if ((rc = fig_session_open(&fs, &a, "export")) != EXIT_OK)
		return rc;
	if (a.step >= fs.ss.trace->n_steps) {
		rc = cli_usage_error("export", "--step %d is past the last step, %d", a.step,
		                     fs.ss.trace->n_steps - 1);
		fig_session_close(&fs);
		return rc;
	}
	if (a.step >= 0)
		fs.fig.step = a.step;
	char err[512];
	rc = EXIT_OK;
	if (export_format_of(a.out) == EXPORT_PNG && a.ex.scale > 0)
		a.ex.draw.pixels = a.ex.scale; /* the map's grid in the PNG's pixels */
	int step = fs.fig.step;
	if (fig_session_update(&fs, &a.ex.draw) != 0) {
		fprintf(stderr, "nudge export: out of memory\n");
		rc = EXIT_FAIL;
	} else if (fig_say_font_scale(&fs, &a.ex.draw, "export", &step, 1), export_figure(&fs.fig, a.out, &a.ex, err, sizeof err) != 0) {
		fprintf(stderr, "nudge export: %s\n", err);
		rc = EXIT_FAIL;
	}
	fig_session_close(&fs);
	return rc;
}
