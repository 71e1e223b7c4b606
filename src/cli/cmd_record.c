/* cmd_record.c - `nudge record SCENE -o DECK`: the backprop walk as slides, one per step:
 * a multi-page PDF (walk.pdf), an animated GIF (walk.gif) or a folder of step-NNN.png
 * (or .svg, .pdf) files, all or a range of steps, one pass or both. The render layer's
 * deck_write does the work and keeps an existing deck whole on any failure. */
#include <stdio.h>
#include <stdlib.h>
#include "cli-figure.h"

static const char record_usage[] =
	"usage: nudge record SCENE -o DECK [options]\n"
	"\n"
	"Writes the backprop walk of SCENE, a slide per step, as DECK:\n"
	"  walk.pdf     one PDF, a page per step (page size from --size, in points)\n"
	"  walk.gif     an animated GIF, a frame per step, looping\n"
	"  DIR          a folder of step-000.png, step-001.png, ... (numbered as\n"
	"               eval --trace numbers the steps), created when missing\n"
	"An existing deck (or a folder with step-NNN files) is refused unless --force\n"
	"is given; then it is replaced as a whole, and a failure leaves it as it was.\n"
	"\n"
	"  --from K, --to L     only steps K to L (inclusive; see nudge eval --trace)\n"
	"  --only forward       only step 0 and the forward pass (or backward: the rest,\n"
	"                       with a data set's mean steps);\n"
	"                       --only graph|plot picks the view, as in export\n"
	"  --pace SECONDS       GIF: time per step (default 1.2; the last step 3 times)\n"
	"  --format png|svg|pdf a folder's frames (default png)\n"
	"  --force              replace an existing deck\n"
	"Takes the options of nudge export except --step (see nudge export --help).\n";

int cmd_record(int argc, char **argv)
{
	struct fig_args a;
	int rc = fig_args_parse(&a, "record",
	                        FIG_OPT_OUT | FIG_OPT_FORMAT | FIG_OPT_LOOK | FIG_OPT_FORCE | FIG_OPT_DECK,
	                        record_usage, argc, argv);
	if (rc != EXIT_OK || a.help)
		return rc;
	enum deck_kind kind = deck_kind_of(a.out);
	if (!kind)
		return cli_usage_error("record", "cannot tell the form of %s: use walk.pdf, walk.gif, or a folder "
		                       "(a name without an extension, or ending in /)", a.out);
	if (a.format && kind != DECK_FOLDER)
		return cli_usage_error("record", "--format is for a folder of frames; %s is one %s file", a.out,
		                       kind == DECK_PDF ? "PDF" : "GIF");
	if (a.pace > 0 && kind != DECK_GIF)
		return cli_usage_error("record", "--pace is for a GIF; %s is not one", a.out);
	if (a.ex.draw.transparent && kind == DECK_GIF)
		return cli_usage_error("record", "a GIF deck cannot be transparent: leave out --transparent");
	struct fig_session fs;
	if ((rc = fig_session_open(&fs, &a, "record")) != EXIT_OK)
		return rc;
	struct deck_opts o = {.ex = a.ex, .from = a.from, .to = a.to, .only = a.pass, .pace = a.pace,
	                      .force = a.force};
	o.ex.format = a.format;
	if ((kind == DECK_GIF || (kind == DECK_FOLDER && (!a.format || a.format == EXPORT_PNG))) &&
	    a.ex.scale > 0)
		o.ex.draw.pixels = a.ex.scale; /* frames are images: the map's grid in their pixels */
	char err[600];
	int last = fs.ss.trace->n_steps - 1, n;
	int *steps = malloc((size_t)fs.ss.trace->n_steps * sizeof *steps);
	if (!steps) {
		fprintf(stderr, "nudge record: out of memory\n");
		rc = EXIT_FAIL;
	} else if (a.from > last || a.to > last) {
		rc = cli_usage_error("record", "%s %d is past the last step: the walk has steps 0 to %d",
		                     a.from > last ? "--from" : "--to", a.from > last ? a.from : a.to, last);
	} else if ((n = deck_steps(fs.ss.trace, &o, steps, err, sizeof err)) < 0) {
		rc = cli_usage_error("record", "%s", err);
	} else if (fig_session_update(&fs, &o.ex.draw) != 0) {
		fprintf(stderr, "nudge record: out of memory\n");
		rc = EXIT_FAIL;
	} else {
		fig_say_font_scale(&fs, &o.ex.draw, "record", steps, n);
		int w = deck_write(&fs.fig, a.out, &o, err, sizeof err);
		if (w == DECK_EXISTS)
			fprintf(stderr, "nudge record: %s; give --force to replace %s, or choose another name\n", err,
			        kind == DECK_FOLDER ? "them" : "it");
		else if (w != 0)
			fprintf(stderr, "nudge record: %s\n", err);
		rc = w == 0 ? EXIT_OK : EXIT_FAIL;
	}
	free(steps);
	fig_session_close(&fs);
	return rc;
}
