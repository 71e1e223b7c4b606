/* app-private.h - the window's state and what the app layer's files share: the layout
 * of the controls, the sliders, the text cache, the actions keys and mouse trigger.
 * The tests (tests/test-app.c) include it to drive and inspect a window. */
#ifndef NUDGE_APP_PRIVATE_H
#define NUDGE_APP_PRIVATE_H

#include <limits.h>
#include <SDL.h>
#include <SDL_ttf.h>
#include <cairo.h>

#include "nudge/app.h"
#include "nudge/eval.h"
#include "nudge/numeric.h"
#include "nudge/render.h"
#include "nudge/scene.h"
#include "nudge/trace.h"

#define APP_MAX_SLIDERS 64
#define APP_STEP_MS 300      /* one step's animation */
#define APP_WATCH_MS 500     /* how often the scene file is checked for changes */
#define APP_STATUS_MS 6000   /* how long a status message stays */
#define APP_MAX_HIST 4000    /* descent steps kept for the trajectory and the loss panel */
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
enum drag_kind { DRAG_NONE, DRAG_SLIDER, DRAG_PLOT, DRAG_SCRUB };

struct text_entry;     /* ui_text.c's cache entries */

struct app {
	SDL_Window *win;
	SDL_Renderer *ren;
	SDL_Texture *fig_tex;       /* the figure's pixels; cairo draws into it while locked */
	int fig_w, fig_h;           /* its size */
	struct render *render;      /* fonts and caches of the figure */
	TTF_Font *font;             /* interface text */
	TTF_Font *font_bold;
	int font_px;                /* its pixel size */
	struct text_entry *texts;   /* cache of rendered interface strings */
	int n_texts;

	char path[PATH_MAX];        /* the open scene file */
	char name[128];             /* its short name (file name without .nudge) */
	char scenes_dir[PATH_MAX];  /* built-in scenes for PageUp / PageDown, or "" */
	char fonts_dir[PATH_MAX];
	char shots_dir[PATH_MAX];
	long long file_stamp;       /* mtime and size of the file when loaded */
	Uint32 next_watch;          /* when to check the file again */

	struct scene *scene;        /* owned; the last scene that loaded */
	struct eval *ev;            /* owned */
	struct trace *trace;        /* owned; rebuilt after every change */
	char error[512];            /* a reload that was refused, shown over the figure */

	int step;                   /* the trace step shown */
	Uint32 step_t0;             /* when that step's animation started */
	double progress;            /* 0..1 of that animation */
	int playing;                /* P: stepping by itself */
	Uint32 play_ms;             /* time per step while playing */
	Uint32 next_play;
	int training;               /* T: one descent step per frame */
	int plot;                   /* the plotted input or param, or -1 */
	double eps, rate;           /* ε and α */
	enum draw_theme theme;
	int help;                   /* the help overlay is shown */
	struct scene_entry *list;   /* the Scenes overlay's entries (NULL when closed) */
	int n_list;
	int list_sel;               /* the highlighted entry */
	SDL_Rect list_rows[APP_MAX_SCENES]; /* where each entry was drawn, for clicks */
	int fullscreen;

	struct slider sliders[APP_MAX_SLIDERS];
	int n_sliders;
	int selected;               /* slider for Tab / Up / Down, or -1 */
	int editing;                /* slider whose value is being typed, or -1 */
	char edit[64];              /* the text typed so far */
	SDL_Rect buttons[BTN_COUNT];
	SDL_Rect fig_rect;          /* where the figure goes, in drawable pixels */
	SDL_Rect bar;               /* the control bar */
	SDL_Rect status_rect;
	int draw_w, draw_h;         /* drawable size in pixels */
	double dpi;                 /* drawable pixels per window unit */
	int layout_w, layout_h;     /* size the layout was made for */

	enum drag_kind drag;
	int drag_slider;            /* DRAG_SLIDER: which */
	int drag_node;              /* DRAG_SCRUB / DRAG_PLOT: which node */
	int drag_x0;                /* DRAG_SCRUB: where the drag started */
	double drag_v0;             /* DRAG_SCRUB: the value then */

	char status[512];           /* the last message: a saved file, an error, a nudge */
	int status_error;           /* 1: show it in the error colour */
	Uint32 status_until;

	/* the lecture's modes (lecture.c) */
	double *hist_set;           /* n_hist x n_nodes: ev->set after each descent step */
	double *hist_cost;          /* n_hist: J after each step */
	int n_hist;
	long long hist_first;       /* iteration number of hist[0] */
	char hist_note[256];        /* why training stopped, shown in the loss panel */
	int hist_bad;               /* 1: it stopped on an error or divergence */
	struct descent_watch watch; /* the run's divergence watch */
	int check_on;               /* C: the numeric check table */
	struct check_row *check;    /* n_nodes rows */
	int n_check;
	int table_on;               /* D: the derivative table (on for one-variable scenes) */
	double nudge_eps[APP_MAX_NUDGES]; /* the ε values tried, newest first */
	struct nudge nudges[APP_MAX_NUDGES];
	int n_nudges;
	double eps_err[2 * APP_EPS_POINTS]; /* (ε, error of change / ε) for the log-log plot */
	int forward_mode;           /* M: forward mode (d node / d the plotted input) */
	double *tangent;            /* n_nodes: its derivatives */
	int work_on;                /* N: the N + P versus N x P panel */
	struct work_view work;      /* its counts and the pass being animated */
	Uint32 work_t0, work_step_ms; /* when the animation started, time per node visit */

	/* quiz mode (quiz.c) */
	int quiz;                   /* K: values and gradients are questions */
	unsigned char *quiz_hide;   /* n_nodes flags of enum draw_hide still asked */
	unsigned char *quiz_hide_edge; /* n_edges: local derivatives still asked */
	unsigned char *quiz_wrong;  /* n_nodes: the last answer was wrong */
	unsigned char *quiz_wrong_edge;
	int quiz_right, quiz_tries; /* answers right, answers typed */
	int quiz_node, quiz_edge;   /* the box being answered (node or edge), or -1 */
	int quiz_flag;              /* HIDE_VALUE or HIDE_GRAD for a node */
	char quiz_text[64];         /* the answer typed so far */
	SDL_Rect quiz_box;          /* where that box is, in drawable pixels */

	int fig_dirty;              /* the figure must be drawn again */
	int quit;
	Uint32 frames;              /* frames presented */
	Uint64 t_events;            /* when the loop woke for the current frame (timing) */
};

/* app.c */
int app_open_scene(struct app *a, const char *path, int keep_values, char *err, size_t n);
void app_changed(struct app *a);          /* values changed: recompute, retrace, redraw */
void app_retrace(struct app *a);          /* the same after the caller has run the eval itself */
/* The figure as the window shows it now (modes, quiz, size, theme): for the screen and
 * for screenshots alike. */
void app_figure(const struct app *a, struct figure *fig, struct draw_opts *opts);
void app_set_step(struct app *a, int step, int animate);
void app_set_status(struct app *a, int error, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
int app_pump(struct app *a);              /* all pending events, one update, one frame */
void app_switch_scene(struct app *a, int dir); /* PageUp / PageDown through built-ins */

/* lecture.c */
int lecture_scene(struct app *a);         /* a scene was opened: fresh state; -1 out of memory */
void lecture_free(struct app *a);
void lecture_changed(struct app *a);      /* values changed: check, table, forward mode */
void lecture_reset(struct app *a);        /* R: forget the descent history */
/* One descent step, recorded; 0, or -1 with why[] when it was refused or the run diverges. */
int lecture_descend(struct app *a, char *why, size_t n);
void lecture_train_frame(struct app *a);  /* T: one step, stopping on convergence or divergence */
void lecture_tick(struct app *a, Uint32 now); /* the work animation */
int lecture_busy(const struct app *a);    /* is the work animation running? */
void lecture_key(struct app *a, SDL_Keycode k); /* C, D, M, N */
void lecture_figure(const struct app *a, struct figure *fig); /* the modes' figure fields */

/* quiz.c */
int quiz_scene(struct app *a);            /* fresh flags for the open scene; -1 out of memory */
void quiz_free(struct app *a);
void quiz_toggle(struct app *a);          /* K */
void quiz_all(struct app *a, int hide);   /* H hides every box, A reveals every box */
int quiz_click(struct app *a, int x, int y); /* 1 when (x, y) was a box to answer */
int quiz_key(struct app *a, SDL_Keycode k);  /* typing an answer: 1 when the key was used */
void quiz_text_input(struct app *a, const char *s);
/* 1 with *ok when the typed text answers the box (within 1 % or 0.005). */
int quiz_answer(struct app *a, const char *typed);
void quiz_opts(const struct app *a, struct draw_opts *o);

/* scene_list.c */
int scene_list_read(const struct app *a, struct scene_entry *out, int max, int with_titles);
void scene_list_toggle(struct app *a);
int scene_list_key(struct app *a, SDL_Keycode k);  /* 1 if the open list took the key */
int scene_list_click(struct app *a, int x, int y); /* 1 if the open list took the click */

/* ui_layout.c */
const char *ui_button_word(int b);        /* "Screenshot", "Theme", "Scenes", "Help"; NULL for icons */
void ui_layout(struct app *a);            /* rebuilds sliders and places every control */
void ui_sliders_build(struct app *a);     /* one slider per input and param, then ε and α */

/* sliders (ui_slider.c) */
double slider_get(const struct app *a, const struct slider *s);
void slider_set(struct app *a, const struct slider *s, double v);
double slider_frac(const struct app *a, const struct slider *s);        /* knob position 0..1 */
double slider_value_at(const struct slider *s, int x);                  /* value at pixel x of the track */
const char *slider_name(const struct app *a, const struct slider *s);   /* "w", "ε", "α" */
void slider_nudge(struct app *a, int index, int dir);                   /* Up / Down */

/* ui_draw.c */
void ui_draw(struct app *a);              /* the whole frame: figure, controls, overlays */

/* ui_text.c */
int ui_text_init(struct app *a, char *err, size_t n);
void ui_text_free(struct app *a);
/* Draws UTF-8 text with its top-left at (x, y); returns its width in pixels. */
int ui_text(struct app *a, const char *s, int x, int y, SDL_Color c, int bold);
int ui_text_width(struct app *a, const char *s, int bold);
void ui_text_sweep(struct app *a);        /* forget strings unused for a while */
void ui_text_size(struct app *a, int px); /* the interface font's pixel size */

/* input.c */
void input_event(struct app *a, const SDL_Event *e);

/* shots.c */
/* Saves the figure as PNG (and SVG and PDF with all set) in a->shots_dir under the
 * next free nudge-<scene>-NNN name; never overwrites. 0, or -1 with the status set. */
int shots_save(struct app *a, int all);

#endif
