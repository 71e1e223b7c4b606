/* app-private.h - the window's state, grouped by concern into one struct per group
 * (platform, files, session, playback, lecture, quiz, ui, pointer), and the functions
 * the app layer's files share. The tests (tests/test-app.c) include it to drive a
 * window and inspect its groups. */
#ifndef NUDGE_APP_PRIVATE_H
#define NUDGE_APP_PRIVATE_H

#include <limits.h>
#include <SDL.h>
#include <SDL_ttf.h>
#include <cairo.h>

#include "nudge/app.h"
#include "nudge/eval.h"
#include "nudge/descent.h"
#include "nudge/numeric.h"
#include "nudge/render.h"
#include "nudge/scene.h"
#include "nudge/session.h"
#include "nudge/trace.h"

#define APP_MAX_SLIDERS 64
#define APP_STEP_MS 300      /* one step's animation */
#define APP_GLIDE_MS 350     /* the view's glide to a followed step, or to all of the graph */
#define APP_ZOOM_STEP 1.25   /* Z / Shift+Z and a notch of the wheel zoom the graph this much */
#define APP_WATCH_MS 500     /* how often the scene file is checked for changes */
#define APP_STATUS_MS 6000   /* how long a status message stays */
#define APP_MAX_HIST 4000    /* descent steps kept for the trajectory and the loss panel */
#define LECTURE_PLAYGROUND_NODES 12 /* at most this many nodes open the derivative table (D) */
#define APP_MAX_NUDGES 4     /* ε values the derivative table keeps */
#define APP_EPS_POINTS 61    /* ε from 1e-14 to 1 for the error plot (4 a decade) */
#define APP_WORK_MS 14000    /* the N key's animation of every pass, at most */

enum slider_kind { SLIDER_NODE, SLIDER_EPS, SLIDER_RATE };

struct slider {
	enum slider_kind kind; /* an input/param, ε or α */
	int node;              /* SLIDER_NODE: the node */
	double lo, hi;         /* range (ε, α: log scale between them) */
	SDL_Rect cell;         /* the whole slider, for hit tests */
	SDL_Rect label;        /* the name */
	SDL_Rect track;        /* the bar the knob runs on */
	SDL_Rect value;        /* the number (double-click to type) */
};

enum button_id { BTN_FIRST, BTN_PREV, BTN_PLAY, BTN_NEXT, BTN_LAST, BTN_SHOT, BTN_THEME, BTN_SCENES,
                 BTN_HELP, BTN_COUNT };

#define APP_MAX_SCENES 128

/* One built-in scene, for PageUp / PageDown and the Scenes list. */
struct scene_entry {
	char name[64];   /* file name without .nudge */
	char title[128]; /* its title, or "" */
};

/* What the mouse is doing between button down and up. */
#define APP_DESCENT_STEPS 30 /* F: steps of the descent path drawn on the map */

enum drag_kind { DRAG_NONE, DRAG_SLIDER, DRAG_PLOT, DRAG_SCRUB, DRAG_LAND, DRAG_PAN, DRAG_OVERVIEW };

struct text_entry;     /* ui_text.c's cache entries */

/* What changed, said with app_invalidate by whoever changed it. The loop recomputes
 * once per frame, in this order, and each implies the ones after it: values → trace →
 * lecture panels → figure. Only app.c reads and clears these. */
enum app_change {
	CHANGED_VALUES = 1 << 0,  /* an input, a param, the data row, or a descent step asked */
	CHANGED_TRACE = 1 << 1,   /* the step trace must be built again */
	CHANGED_LECTURE = 1 << 2, /* the lecture's panels: ε, the plotted node, a panel switched */
	CHANGED_FIGURE = 1 << 3,  /* the figure must be drawn again: step, theme, quiz, animation */
	CHANGED_LAYOUT = 1 << 4,  /* the controls must be placed again: window size, new sliders */
};

/* The window's state, grouped by concern (as raylib's CoreData and microui's
 * mu_Context group theirs). Each group names the files that own it: only they change
 * it; other files read it, and a function that needs one group takes only that group.
 * docs/architecture.md says where each piece lives and how a key reaches the screen. */

/* Platform: SDL, fonts and the figure's pixels. Owners: app.c (opens, sizes, closes),
 * ui_text.c (the fonts and the text cache). */
struct app_platform {
	SDL_Window *win;
	SDL_Renderer *ren;
	SDL_Texture *fig_tex;       /* the figure's pixels; cairo draws into it while locked */
	int fig_w, fig_h;           /* its size */
	struct render *render;      /* fonts and caches of the figure */
	struct figure_geom *geom;   /* where the window's last figure put things (figure_hit) */
	TTF_Font *font;             /* interface text */
	TTF_Font *font_bold;
	TTF_Font *font_script;      /* the notation's sub- and superscripts (NOTATION_SCRIPT) */
	TTF_Font *font_bold_script;
	int font_px;                /* its pixel size */
	TTF_Font *panel;            /* the help overlay's text (UI_PANEL), sized to fit it whole,
	                               and the presenting band's */
	TTF_Font *panel_bold;
	TTF_Font *panel_script;     /* their notation's sub- and superscripts */
	TTF_Font *panel_bold_script;
	int panel_px;               /* its pixel size (0: not opened yet) */
	struct text_entry *texts;   /* cache of rendered interface strings */
	int n_texts;
	int draw_w, draw_h;         /* drawable size in pixels, measured every frame */
	double dpi;                 /* drawable pixels per window unit */
	int fullscreen;             /* F11 */
	char fonts_dir[PATH_MAX];   /* the bundled fonts */
	Uint32 frames;              /* frames presented */
	int cut;                    /* strings cut with "…" to fit (or the help's lines under the
	                               window's edge) in the last frame, for the tests */
};

/* Files: the open scene file and the folders. Owners: app.c (opens and watches),
 * scene_list.c (built-in scenes), shots.c (screenshots). */
struct app_files {
	char path[PATH_MAX];        /* the open scene file */
	char name[128];             /* its short name (file name without .nudge) */
	char scenes_dir[PATH_MAX];  /* built-in scenes for PageUp / PageDown, or "" */
	char shots_dir[PATH_MAX];   /* where S saves */
	long long stamp;            /* mtime and size of the file when loaded */
	Uint32 next_watch;          /* when to check the file again */
	char error[512];            /* a reload that was refused, shown above the figure */
};

/* Session (struct session, nudge/session.h): the scene, its eval and trace, the plotted
 * leaf, ε, α and the samples the figure draws, shared with the CLI's figures.
 * Owner: app.c (opens a scene; recompute brings it up to date); input.c and
 * ui_slider.c set values, ε and α and say what changed with app_invalidate. */

/* Playback: which step of the trace is shown and the clocks that move it.
 * Owners: app.c (the clock), input.c (keys and buttons). */
struct app_playback {
	int step;                   /* the trace step shown */
	Uint32 step_t0;             /* when that step's animation started */
	double progress;            /* 0..1 of that animation */
	int playing;                /* P: stepping by itself */
	Uint32 play_ms;             /* time per step while playing */
	Uint32 next_play;           /* when the next step is due */
	int training;               /* T: one descent step per frame */
	int descents;               /* G: steps asked for and not taken yet (the recompute takes them) */
};

/* The lecture's panels, each with its own state. Owner: lecture.c. */
struct lecture_history {        /* gradient descent: trajectory and loss panel */
	double *set;                /* n x n_nodes: ev->set after each descent step */
	double *cost;               /* n: J after each step */
	int n;
	long long first;            /* iteration number of step 0 */
	char note[256];             /* why training stopped, shown in the loss panel */
	int bad;                    /* 1: it stopped on an error or divergence */
	struct descent_run run;     /* the run: its rate and divergence watch (descent.h) */
};
struct lecture_check {          /* C: every gradient against finite differences */
	int on;
	unsigned opened;            /* when (app_lecture.opened) it was last opened */
	struct check_row *rows;     /* n_nodes rows */
	int n;
};
struct lecture_table {          /* D: the derivative table (on for one-variable scenes) */
	int on;
	unsigned opened;            /* when it was last opened (0: with the scene) */
	double eps[APP_MAX_NUDGES]; /* the ε values tried, newest first */
	struct nudge nudges[APP_MAX_NUDGES];
	int n;
	double eps_err[2 * APP_EPS_POINTS]; /* (ε, error of change / ε) for the log-log plot */
};
struct lecture_forward {        /* M: forward mode */
	int on;
	double *tangent;            /* n_nodes: d node / d the plotted input */
};
struct lecture_rows {           /* E: the table of every data row's numbers */
	int on;                     /* shown (data scenes only) */
	unsigned opened;            /* when it was last opened */
};
struct lecture_work {           /* N: the N + P versus N x P panel */
	int on;
	unsigned opened;            /* when it was last opened */
	struct work_view view;      /* its counts and the pass being animated */
	Uint32 t0, step_ms;         /* when the animation started, time per node visit */
};
struct app_lecture {
	struct lecture_history hist;
	struct lecture_check check;
	struct lecture_table table;
	struct lecture_forward forward;
	struct lecture_work work;
	struct lecture_rows rows;
	unsigned opened;            /* panels opened so far: the figure lists them in the
	                               order they were opened, the last on top (a card) */
};

/* Quiz mode (K). Owner: quiz.c; ui_draw.c draws the answer box. */
struct app_quiz {
	int on;                     /* values and gradients are questions */
	unsigned char *hide;        /* n_nodes flags of enum draw_hide still asked */
	unsigned char *hide_edge;   /* n_edges: local derivatives still asked */
	unsigned char *wrong;       /* n_nodes: the last answer was wrong */
	unsigned char *wrong_edge;  /* n_edges: the same for local derivatives */
	int right, tries;           /* answers right, answers typed */
	int node, edge;             /* the box being answered (node or edge), or -1 */
	int flag;                   /* HIDE_VALUE or HIDE_GRAD for a node */
	char text[64];              /* the answer typed so far */
	SDL_Rect box;               /* where that box is, in drawable pixels */
};

/* UI: widgets, their layout, overlays and the status line. Owners: ui_layout.c
 * (places), ui_slider.c (sliders), scene_list.c (the Scenes overlay), input.c
 * (selection, typing, help, theme), app.c (the status line); ui_draw.c draws it. */
struct app_ui {
	enum draw_theme theme;
	enum draw_units units;      /* U: neuron units as boxes or the scalar graph (AUTO: as
	                               the scene's units say, until U is pressed) */
	struct slider sliders[APP_MAX_SLIDERS];
	int n_sliders;
	int selected;               /* slider for Tab / Up / Down, or -1 */
	int editing;                /* slider whose value is being typed, or -1 */
	int typing_rates;           /* 1: the map's learning rates are being typed (Shift+F) */
	char edit[96];              /* the text typed so far (a value, or the rates) */
	SDL_Rect buttons[BTN_COUNT];
	SDL_Rect fig_rect;          /* where the figure goes, in drawable pixels */
	SDL_Rect error_rect;        /* the band above it for files.error (0 high without one) */
	SDL_Rect bar;               /* the control bar */
	SDL_Rect status_rect;       /* the status line: the rest of the bar's last row, or a
	                               band over the figure's title row while a longer message
	                               shows (presenting, any message: ui_message_band) */
	int status_room;            /* that rest's width (0: none, presenting) */
	int status_band;            /* 1: the message shows in a band over the figure's title
	                               row (the figure as it was) */
	int band_px;                /* presenting, the band's type size (UI_PANEL); 0: the bar's */
	SDL_Rect map_rect;          /* the map's plot area in the figure as last drawn (0 wide:
	                               none), for NUDGE_LAYOUT_FILE */
	double map_range[4];        /* its ranges: a's low and high end, b's */
	int layout_w, layout_h;     /* size the layout was made for (0: place again) */
	int help;                   /* the help overlay is shown */
	int present;                /* F5: presentation mode (full screen, no controls) */
	int present_full;           /* F5 made the window full screen (Esc undoes it) */
	int blank;                  /* B or '.' in presentation mode: the screen is black */
	double font_scale;          /* Ctrl+= / Ctrl+− / Ctrl+0: the figure's type, 1 = default */
	struct scene_entry *list;   /* the Scenes overlay's entries (NULL when closed) */
	int n_list;
	int list_sel;               /* the highlighted entry */
	SDL_Rect list_rows[APP_MAX_SCENES]; /* where each entry was drawn, for clicks */
	char status[512];           /* the last message: a saved file, an error, a nudge */
	int status_error;           /* 1: show it in the error colour */
	int status_present;         /* 1: presenting shows it too (a slider selected or nudged
	                               with Tab, Up, Down: what they move, what J did) */
	int status_markup;          /* 1: it holds labels in the notation (w[1]_11), drawn so */
	Uint32 status_until;        /* when it goes */
	struct ui_nudged {          /* Up / Down on a node's slider, reported once J is recomputed */
		int on;                 /* a report is waiting */
		int node;               /* the nudged input or param */
		double step;            /* how far it moved (the sum of this frame's presses) */
		double before;          /* J before the first of them */
	} nudged;
};

/* Pointer: what the mouse is doing between button down and up. Owner: input.c. */
struct app_pointer {
	enum drag_kind drag;
	int slider;                 /* DRAG_SLIDER: which */
	int node;                   /* DRAG_SCRUB / DRAG_PLOT: which node */
	int x0;                     /* DRAG_SCRUB: where the drag started; DRAG_PAN: the last x */
	int y0;                     /* DRAG_PAN: the last y */
	double v0;                  /* DRAG_SCRUB: the value then */
};

/* View: how the graph is shown in the window: zoomed and panned by hand, or following
 * the walk; and the node under the pointer. Owner: view.c (input.c and app.c call it). */
struct app_view {
	double zoom;                /* the graph's scale times the one that fits it whole (>= 1) */
	double cx, cy;              /* the point of the graph at the centre of its area, in
	                               fractions of the whole graph's width and height */
	int manual;                 /* 1: zoomed or panned by hand: no following until V or a new scene */
	int follow_due;             /* 1: the step or the layout changed: follow after the next draw */
	int moving;                 /* 1: gliding from `from` to `to` (zoom, cx, cy) */
	double from[3], to[3];
	Uint32 t0;                  /* when the glide started */
	int move_ms;                /* how long a glide takes (0: at once) */
	int hovered, hover;         /* 1 and the node when the pointer is over one */
};

/* The window's sizes, in em (the interface font's pixel size) unless marked; one table,
 * ui_metrics.c. Owners: ui_layout.c (the bar), ui_draw.c and quiz.c (drawing). */
struct ui_metrics {
	double pad;            /* space around and between controls */
	double row;            /* a slider row's height */
	double button;         /* a button's height (the step buttons are square) */
	double col_min;        /* a slider column's width before another column is added */
	int cols_most;         /* the most slider columns when the buttons share the last row
	                          (a count; without that, 4) */
	double cell_min;       /* the narrowest slider cell; fewer sliders shown below it */
	double label_min;      /* a slider name's narrowest width */
	double value;          /* a slider value's width */
	double track_min;      /* the shortest slider track */
	double word_pad;       /* room around a button's word */
	double read;           /* the window's height over an interface digit's, at most (a
	                          ratio: the 1/60 for the window's numbers) */
	double digit;          /* the interface font's digit height (a fraction of its size) */
	double band_read;      /* presenting, the screen's height over the message band's digit
	                          height, at most (a ratio: the room's 1/45, with a margin) */
	double width_em;       /* the window's width in interface em, at least (a count: the
	                          type's cap on a narrow window) */
	double status_least;   /* the status line's least width beside the buttons (a nudge's
	                          report, a saved file's name fit it) */
	double bar_share;      /* the most of the window's height the bar takes (a fraction) */
	double error_share;    /* the most of the rest a refused file's message takes (a fraction) */
	double line_gap;       /* between lines of text */
	double select_x, select_y; /* the selected slider's highlight beyond / inside its cell */
	double track;          /* a slider track's thickness */
	double knob;           /* a knob's radius */
	double value_inset;    /* a slider value's, a button word's and a typed answer's text inset */
	double edit_x, edit_y; /* the typing box around a value: left of it, above and below */
	double frame;          /* the answer box's second outline */
	double icon;           /* a step button's icon half-size (a fraction of the button's height) */
	double icon_arrow;     /* an arrow's half-length (fractions of the icon's half-size from here) */
	double icon_bar;       /* the bar of |< and >|: its width */
	double icon_pause;     /* a pause bar's width */
	double icon_pause_gap; /* the right pause bar's offset from the centre */
	double icon_play_back; /* the play triangle's back edge, left of the centre */
	double icon_play_h;    /* the play triangle's half-height */
	double panel_pad;      /* an overlay's margin (help, scenes) */
	double panel_pad_tight; /* the help's margin when its type is made smaller to fit */
	double panel_gap;      /* between an overlay's columns */
	double key_gap;        /* between a key and what it does */
	double list_gap;       /* between rows of the scene list */
	double row_inset;      /* a list row's highlight above its text */
	double banner_pad;     /* the quiz banner's and the error band's text inset */
	double banner_gap;     /* the quiz banner's height beyond a line of text */
	double error_edge;     /* the error band's bottom line */
	double answer_w, answer_h; /* the smallest quiz answer box */
	Uint8 shade_alpha;     /* an overlay's background opacity (of 255) */
	double scrub_span;     /* how far the pointer moves to scrub a value over its slider's
	                          whole range, in window pixels at DPI 1 (not em: a drag's
	                          feel does not follow the type) */
	double caption_x, caption_y; /* the figure's step equation, in figure units (1/1080 of
	                                its height): from the left, and its baseline from the bottom */
};
extern const struct ui_metrics ui_metrics;
int ui_em(const struct app_platform *p, double em); /* em in pixels, rounded */

struct app {
	struct app_platform platform; /* SDL, fonts, textures */
	struct app_files files;       /* the scene file and folders */
	struct session session;   /* scene, eval, trace, plotted node, ε, α */
	struct app_playback playback; /* step, animation clock, play, train */
	struct app_lecture lecture;   /* the lecture's panels */
	struct app_quiz quiz;         /* quiz mode */
	struct app_ui ui;             /* widgets, layout, overlays, status */
	struct app_pointer pointer;   /* dragging */
	struct app_view view;         /* the graph's zoom, pan, following, hovered node */
	unsigned changed;             /* enum app_change bits not recomputed yet (app.c only) */
	int quit;                     /* the loop ends */
	Uint64 t_events;              /* when the loop woke for the current frame (timing) */
};

/* app.c */
#define APP_PRESENT_SCALE 1.3   /* presentation mode's type, times the window's */
#define APP_FONT_SCALE_MIN 0.6  /* Ctrl+− stops here */
#define APP_FONT_SCALE_MAX 2.5  /* Ctrl+= stops here */
/* F5: presentation mode on or off (full screen, controls hidden; Esc leaves). */
void app_present(struct app *a, int on);
int app_open_scene(struct app *a, const char *path, int keep_values, char *err, size_t n);
/* Says what changed (enum app_change bits); the loop recomputes before the next frame. */
void app_invalidate(struct app *a, unsigned what);
/* The figure as the window shows it now (modes, quiz, size, theme): for the screen and
 * for screenshots alike. */
void app_figure(struct app *a, struct figure *fig, struct draw_opts *opts);
void app_set_step(struct app *a, int step, int animate);
/* Shows text (a refused scene, a file that is gone) in a band above the figure, which
 * moves down to make room; "" removes the band. */
void app_file_error(struct app *a, const char *text);
void app_set_status(struct app *a, int error, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
int app_pump(struct app *a);              /* all pending events, one update, one frame */
void app_switch_scene(struct app *a, int dir); /* PageUp / PageDown through built-ins */

/* view.c: the graph's zoom, pan and following (x, y: figure pixels, as figure_hit's) */
void view_reset(struct app_view *v);        /* all of the graph, following on (a new scene) */
void view_opts(const struct app_view *v, struct draw_opts *o); /* o->view as shown now */
int view_zoom_at(struct app *a, double factor, double x, double y); /* the point under (x, y) stays */
int view_zoom_key(struct app *a, double factor); /* Z / Shift+Z: about the centre */
int view_pan(struct app *a, double dx, double dy); /* moves the graph by (dx, dy) pixels */
void view_jump(struct app *a, double fx, double fy); /* centres the graph's point (fractions) */
void view_fit(struct app *a);               /* V: all of it, and following again */
int view_in_graph(const struct app *a, double x, double y); /* (x, y) is in the graph's area */
/* Where following the walk puts the view for the shown step, out = {zoom, cx, cy}: the
 * step's node and its neighbours at presentation size, or all of the graph when it is
 * readable whole; 0 before a graph was drawn. */
int view_target(const struct app *a, double out[3]);
void view_follow(struct app *a);            /* after a draw: glide to view_target if due */
void view_update(struct app *a, Uint32 now); /* the glide's clock */
void view_hover(struct app *a, double x, double y); /* the node under the pointer */

/* wm.c: the window's class, icon and a title every X client can read */
void wm_before_window(void);              /* before SDL_Init: WM_CLASS "nudge" */
void wm_set_icon(SDL_Window *win, const char *png_path); /* NULL or unreadable: no icon */
void wm_set_title(SDL_Window *win, const char *utf8);

/* lecture.c */
/* A scene was opened: fresh state for its nodes; -1 out of memory. */
int lecture_scene(struct app_lecture *l, const struct scene *s);
void lecture_free(struct app_lecture *l);
/* The recompute's panel stage: the check, the derivative table and forward mode for
 * the session's current values (app.c calls it, after the trace). */
void lecture_update(struct app_lecture *l, struct session *s);
void lecture_reset(struct app_lecture *l); /* R: forget the descent history */
/* The recompute's descent stage (app.c calls it once the values are computed): the
 * steps G asked for, then training's one step a frame, each recorded in the history;
 * a refused step or a diverging run stops and says why. */
void lecture_descend(struct app *a);
void lecture_tick(struct app *a, Uint32 now); /* the work animation */
int lecture_busy(const struct app_lecture *l); /* is the work animation running? */
void lecture_key(struct app *a, SDL_Keycode k); /* C, D, M, N */
/* Adds the lecture's panels that are on to fig (after the session's: figure_of_session). */
void lecture_figure(const struct app_lecture *l, const struct session *s, struct figure *fig);

/* quiz.c */
int quiz_scene(struct app_quiz *q, const struct scene *s); /* fresh flags for it; -1 out of memory */
void quiz_free(struct app_quiz *q);
void quiz_toggle(struct app *a);          /* K */
void quiz_all(struct app *a, int hide);   /* H hides every box, A reveals every box */
int quiz_click(struct app *a, int x, int y); /* 1 when (x, y) was a box to answer */
int quiz_key(struct app *a, SDL_Keycode k);  /* typing an answer: 1 when the key was used */
void quiz_text_input(struct app_quiz *q, const char *s);
/* 1 with *ok when the typed text answers the box (within 1 % or 0.005). */
int quiz_answer(struct app *a, const char *typed);
void quiz_opts(const struct app_quiz *q, struct draw_opts *o);

/* scene_list.c */
int scene_list_read(const struct app_files *f, struct scene_entry *out, int max, int with_titles);
void scene_list_toggle(struct app *a);
int scene_list_key(struct app *a, SDL_Keycode k);  /* 1 if the open list took the key */
int scene_list_click(struct app *a, int x, int y); /* 1 if the open list took the click */

/* ui_layout.c */
const char *ui_button_word(int b);        /* "Screenshot", "Theme", "Scenes", "Help"; NULL for icons */
/* The status line's text now (the learning rates being typed, a message, training;
 * presenting, only the rates and a message marked status_present) written into buf,
 * and its colour's kind in *kind (0 muted, 1 error, 2 training); NULL for none. */
const char *ui_status_line(const struct app *a, char *buf, size_t n, int *kind);
/* Does the status line's text need a band of its own (longer than the bar's room)? The
 * loop lays out again when this changes. */
int ui_status_wants_band(struct app *a);
/* UI_MARKUP when s is the message and it holds labels in the notation, else 0. */
int ui_status_style(const struct app *a, const char *s);
/* Where a message band goes: over the figure's title row (the room above the graph as
 * last drawn), so that the figure keeps its place and size while a message comes and
 * goes; presenting, sets band_px, the room's type that fits it (a 1/band_read digit). */
SDL_Rect ui_message_band(struct app *a);
void ui_layout(struct app *a);            /* rebuilds sliders and places every control */
void ui_layout_file(const struct app *a); /* NUDGE_LAYOUT_FILE: where things are, for tests */
void ui_sliders_build(struct app_ui *ui, const struct scene *s); /* one per input and param, then ε and α */

/* sliders (ui_slider.c) */
double slider_get(const struct session *ss, const struct slider *s);
void slider_set(struct app *a, const struct slider *s, double v);
double slider_frac(const struct session *ss, const struct slider *s); /* knob position 0..1 */
double slider_value_at(const struct slider *s, int x);                  /* value at pixel x of the track */
const char *slider_name(const struct session *ss, const struct slider *s); /* "w", "ε", "α" */
void slider_nudge(struct app *a, int index, int dir);                   /* Up / Down */
void slider_report(struct app *a); /* after the recompute: "w ↑ ε ⇒ J ↓ …" for Up / Down */

/* ui_draw.c */
void ui_draw(struct app *a);              /* the whole frame: figure, controls, overlays */

/* ui_text.c */
int ui_text_init(struct app_platform *p, char *err, size_t n);
void ui_text_free(struct app_platform *p);
/* Draws UTF-8 text with its top-left at (x, y); returns its width in pixels. */
/* style: UI_BOLD for the bold face, UI_MARKUP to draw the lecture's notation (a label:
 * w[1]_11 with [1] raised and 11 lowered); 0 for plain text as it is. */
#define UI_BOLD 1
#define UI_MARKUP 2
#define UI_PANEL 4 /* the help overlay's size (ui_panel_size), not the bar's */
int ui_text(struct app_platform *p, const char *s, int x, int y, SDL_Color c, int style);
int ui_text_width(struct app_platform *p, const char *s, int style);
void ui_text_sweep(struct app_platform *p);        /* forget strings unused for a while */
void ui_text_size(struct app_platform *p, int px); /* the interface font's pixel size */
void ui_panel_size(struct app_platform *p, int px); /* UI_PANEL's pixel size */
TTF_Font *ui_font(const struct app_platform *p, int style); /* the face a style draws with */

/* input.c */
void input_event(struct app *a, const SDL_Event *e);

/* shots.c */
/* Saves the figure as PNG (and SVG and PDF with all set) in a->shots_dir under the
 * next free nudge-<scene>-NNN name; never overwrites. 0, or -1 with the status set. */
int shots_save(struct app *a, int all);
/* Saves every step of the walk, as on screen, as one PDF (a page per step) under the
 * next free nudge-<scene>-walk-NNN.pdf; never overwrites. 0, or -1 with the status set. */
int shots_save_walk(struct app *a);

#endif
