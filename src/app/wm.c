/* wm.c - how the window introduces itself to the desktop: its class "nudge" (which the
 * .desktop file's StartupWMClass names), its icon, and a title every X client can read.
 * SDL writes WM_NAME in the locale's encoding (typed "UTF-8" in a UTF-8 locale), which
 * xdotool and older window lists cannot decode; on X11 it is written again here as
 * STRING or COMPOUND_TEXT, beside SDL's _NET_WM_NAME (UTF8_STRING). Not the title's text.
 * It also keeps one harmless X error from killing the program at exit (see x_error). */
#include <stdlib.h>
#include <string.h>

#include <SDL_syswm.h>
#ifdef NUDGE_HAVE_X11
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/Xproto.h>
#endif

#include "app-private.h"

#ifdef NUDGE_HAVE_X11
static XErrorHandler x_default; /* Xlib's handler: prints the error and exits */

/* SDL wakes a window blocked in SDL_WaitEventTimeout with a ClientMessage sent through
 * its second display connection; when that races the window's destruction at quit,
 * the X server answers BadWindow to the SendEvent, and Xlib's default handler would
 * exit(1) a program that was quitting normally. That one error is ignored; every
 * other error goes to Xlib's handler as before. */
static int x_error(Display *d, XErrorEvent *e)
{
	if (e->error_code == BadWindow && e->request_code == X_SendEvent)
		return 0;
	return x_default ? x_default(d, e) : 0;
}
#endif

void wm_before_window(void)
{
#ifdef NUDGE_HAVE_X11
	/* before SDL_Init, so SDL's own safety-net handler chains to this one */
	XErrorHandler prev = XSetErrorHandler(x_error);
	if (prev != x_error)
		x_default = prev;
#endif
	/* SDL reads these in SDL_Init; a value the user set stays */
	setenv("SDL_VIDEO_X11_WMCLASS", "nudge", 0);
	setenv("SDL_VIDEO_WAYLAND_WMCLASS", "nudge", 0);
}

void wm_set_icon(SDL_Window *win, const char *png_path)
{
	if (!png_path || !*png_path)
		return;
	cairo_surface_t *img = cairo_image_surface_create_from_png(png_path);
	if (cairo_surface_status(img) == CAIRO_STATUS_SUCCESS &&
	    cairo_image_surface_get_format(img) == CAIRO_FORMAT_ARGB32) {
		cairo_surface_flush(img);
		/* cairo's ARGB32 is SDL's ARGB8888 (premultiplied, which an icon's few soft
		 * edge pixels do not mind) */
		SDL_Surface *s = SDL_CreateRGBSurfaceWithFormatFrom(
			cairo_image_surface_get_data(img), cairo_image_surface_get_width(img),
			cairo_image_surface_get_height(img), 32, cairo_image_surface_get_stride(img),
			SDL_PIXELFORMAT_ARGB8888);
		if (s) {
			SDL_SetWindowIcon(win, s);
			SDL_FreeSurface(s);
		}
	}
	cairo_surface_destroy(img); /* a missing icon file is no error: the window opens without */
}

void wm_set_title(SDL_Window *win, const char *utf8)
{
	SDL_SetWindowTitle(win, utf8);
#ifdef NUDGE_HAVE_X11
	SDL_SysWMinfo info;
	SDL_VERSION(&info.version);
	if (!SDL_GetWindowWMInfo(win, &info) || info.subsystem != SDL_SYSWM_X11)
		return;
	XTextProperty prop;
	char *list[1] = { (char *)utf8 };
	/* XStdICCTextStyle: STRING when Latin-1 holds the text, else COMPOUND_TEXT; both
	 * decode in every locale, unlike a property typed with the locale's charset */
	if (Xutf8TextListToTextProperty(info.info.x11.display, list, 1, XStdICCTextStyle, &prop) >= Success) {
		XSetWMName(info.info.x11.display, info.info.x11.window, &prop);
		XFree(prop.value);
		XFlush(info.info.x11.display);
	}
#endif
}
