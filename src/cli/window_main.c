/* window_main.c - the nudge-window binary: the SDL2 window on its own, so that the
 * command line does not load SDL. `nudge [SCENE] [options]` executes it with the
 * same arguments; it is not meant to be started by hand (but works if it is). */
#include "cli-private.h"

int main(int argc, char **argv)
{
	return cmd_window(argc, argv);
}
