/* ui_text.c - interface text (slider names and values, buttons, status, help) drawn
 * with SDL2_ttf from the bundled font, labels in the lecture's notation (w[1]_11 with
 * its index raised and subscript lowered, as the figure draws them); the help overlay
 * and the presenting band in a size of their own (UI_PANEL). Rendered strings
 * are kept as textures and reused while they stay on screen, so a frame costs no
 * glyph rendering. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app-private.h"
#include "nudge/notation.h"

#define TEXT_CACHE 256

struct text_entry {
	char *s;             /* the string */
	SDL_Color c;         /* its colour */
	int style;           /* UI_BOLD, UI_MARKUP */
	SDL_Texture *tex;    /* rendered */
	int w, h;
	int rise;            /* pixels the texture reaches above a line's top (raised scripts) */
	Uint32 used;         /* frame it was last drawn */
};

/* The four faces at px: regular, bold, and their notation scripts (NOTATION_SCRIPT of
 * px); 0, or -1 when one did not open (then the others are closed, f all NULL). */
static int faces_open(const char *dir, int px, TTF_Font *f[4])
{
	static const char *const file[4] = { "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans.ttf",
	                                     "DejaVuSans-Bold.ttf" };
	int script = (int)lround(px * NOTATION_SCRIPT);
	char path[PATH_MAX + 32];
	int ok = 1;
	for (int i = 0; i < 4; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, file[i]);
		f[i] = TTF_OpenFont(path, i < 2 ? px : script > 1 ? script : 1);
		ok &= f[i] != NULL;
	}
	if (ok)
		return 0;
	for (int i = 0; i < 4; i++)
		if (f[i])
			TTF_CloseFont(f[i]);
	f[0] = f[1] = f[2] = f[3] = NULL;
	return -1;
}

static void open_fonts(struct app_platform *p, int px, char *err, size_t n)
{
	TTF_Font *f[4];
	if (faces_open(p->fonts_dir, px, f) != 0 && err)
		snprintf(err, n, "cannot open the interface font in %s: %s", p->fonts_dir, TTF_GetError());
	p->font = f[0];
	p->font_bold = f[1];
	p->font_script = f[2];
	p->font_bold_script = f[3];
	p->font_px = px;
}

static void clear_cache(struct app_platform *p)
{
	for (int i = 0; i < p->n_texts; i++) {
		free(p->texts[i].s);
		SDL_DestroyTexture(p->texts[i].tex);
	}
	p->n_texts = 0;
}

int ui_text_init(struct app_platform *p, char *err, size_t n)
{
	if (!TTF_WasInit() && TTF_Init() != 0) {
		snprintf(err, n, "cannot start SDL_ttf: %s", TTF_GetError());
		return -1;
	}
	p->texts = calloc(TEXT_CACHE, sizeof *p->texts);
	if (!p->texts) {
		snprintf(err, n, "out of memory");
		return -1;
	}
	open_fonts(p, 15, err, n);
	return p->font && p->font_bold && p->font_script && p->font_bold_script ? 0 : -1;
}

/* The four faces of the interface, for opening, keeping and closing them together. */
static void fonts_get(const struct app_platform *p, TTF_Font *f[4])
{
	f[0] = p->font;
	f[1] = p->font_bold;
	f[2] = p->font_script;
	f[3] = p->font_bold_script;
}

static void fonts_set(struct app_platform *p, TTF_Font *const f[4])
{
	p->font = f[0];
	p->font_bold = f[1];
	p->font_script = f[2];
	p->font_bold_script = f[3];
}

static void fonts_close(TTF_Font *const f[4])
{
	for (int i = 0; i < 4; i++)
		if (f[i])
			TTF_CloseFont(f[i]);
}

/* Changes the interface font's pixel size (on a resize or a high-DPI display). */
void ui_text_size(struct app_platform *p, int px)
{
	if (px == p->font_px && p->font)
		return;
	TTF_Font *old[4], *now[4];
	fonts_get(p, old);
	int old_px = p->font_px;
	open_fonts(p, px, NULL, 0);
	fonts_get(p, now);
	if (!now[0] || !now[1] || !now[2] || !now[3]) { /* keep the old size rather than no text */
		fonts_close(now);
		fonts_set(p, old);
		p->font_px = old_px;
		return;
	}
	fonts_close(old);
	clear_cache(p);
}

/* Forgets the cached strings drawn in UI_PANEL (their size changed). */
static void clear_panel(struct app_platform *p)
{
	for (int i = 0; i < p->n_texts;) {
		if (p->texts[i].style & UI_PANEL) {
			free(p->texts[i].s);
			SDL_DestroyTexture(p->texts[i].tex);
			p->texts[i] = p->texts[--p->n_texts];
		} else {
			i++;
		}
	}
}

void ui_panel_size(struct app_platform *p, int px)
{
	if (px == p->panel_px && p->panel)
		return;
	TTF_Font *f[4];
	if (faces_open(p->fonts_dir, px, f) != 0) /* keep the old size (or the bar's faces) rather than no text */
		return;
	fonts_close((TTF_Font *[4]){ p->panel, p->panel_bold, p->panel_script, p->panel_bold_script });
	p->panel = f[0];
	p->panel_bold = f[1];
	p->panel_script = f[2];
	p->panel_bold_script = f[3];
	p->panel_px = px;
	clear_panel(p);
}

TTF_Font *ui_font(const struct app_platform *p, int style)
{
	if ((style & UI_PANEL) && p->panel)
		return style & UI_BOLD ? p->panel_bold : p->panel;
	return style & UI_BOLD ? p->font_bold : p->font;
}

/* The face of style's scripts, and the size its rises are fractions of. */
static TTF_Font *script_font(const struct app_platform *p, int style, int *px)
{
	if ((style & UI_PANEL) && p->panel) {
		*px = p->panel_px;
		return style & UI_BOLD ? p->panel_bold_script : p->panel_script;
	}
	*px = p->font_px;
	return style & UI_BOLD ? p->font_bold_script : p->font_script;
}

void ui_text_free(struct app_platform *p)
{
	if (p->texts)
		clear_cache(p);
	free(p->texts);
	p->texts = NULL;
	TTF_Font *f[4];
	fonts_get(p, f);
	fonts_close(f);
	fonts_set(p, (TTF_Font *[4]){ NULL, NULL, NULL, NULL });
	fonts_close((TTF_Font *[4]){ p->panel, p->panel_bold, p->panel_script, p->panel_bold_script });
	p->panel = p->panel_bold = p->panel_script = p->panel_bold_script = NULL;
	p->panel_px = 0;
	if (TTF_WasInit())
		TTF_Quit();
}

#define UI_RUNS 32

/* Where the runs of a label go (nudge/notation.h): each one's face, x and top in
 * pixels from the line's top (raised ones above 0), and the width of them all. */
struct ui_marked {
	struct notation_run run[UI_RUNS]; /* the runs */
	int n;                            /* how many */
	TTF_Font *font[UI_RUNS];          /* each one's face */
	int x[UI_RUNS], y[UI_RUNS];       /* its place */
	int w, top, bottom;               /* the extent: width, highest top, lowest bottom */
};

/* A run as a string of its own (into buf, n bytes). */
static const char *run_text(const struct notation_run *r, char *buf, size_t n)
{
	snprintf(buf, n, "%.*s", (int)r->len, r->s);
	return buf;
}

static void marked_place(struct app_platform *p, const char *s, int style, struct ui_marked *m)
{
	int px;
	TTF_Font *base = ui_font(p, style), *small = script_font(p, style, &px);
	char piece[512];
	int script_x = 0;
	m->n = notation_runs(s, m->run, UI_RUNS);
	m->w = m->top = 0;
	m->bottom = TTF_FontHeight(base);
	for (int i = 0; i < m->n; i++) {
		TTF_Font *f = m->run[i].level ? small : base;
		int w = 0, h = 0;
		TTF_SizeUTF8(f, run_text(&m->run[i], piece, sizeof piece), &w, &h);
		m->font[i] = f;
		m->x[i] = m->run[i].stacked ? script_x : m->w;
		m->y[i] = TTF_FontAscent(base) - TTF_FontAscent(f) +
		          (int)lround(notation_rise(m->run, m->n, i) * px);
		script_x = m->x[i];
		m->w = m->x[i] + w > m->w ? m->x[i] + w : m->w;
		m->top = m->y[i] < m->top ? m->y[i] : m->top;
		m->bottom = m->y[i] + h > m->bottom ? m->y[i] + h : m->bottom;
	}
}

/* A label drawn in the notation into one surface: every run rendered alone and laid
 * in (its coverage kept where runs meet, as they do in a stacked pair). *rise gets how
 * far it reaches above the line's top. NULL on failure. */
static SDL_Surface *marked_render(struct app_platform *p, const char *s, SDL_Color c, int style, int *rise)
{
	struct ui_marked m;
	marked_place(p, s, style, &m);
	SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, m.w > 0 ? m.w : 1, m.bottom - m.top, 32,
	                                                  SDL_PIXELFORMAT_ARGB8888);
	if (!out)
		return NULL;
	char piece[512];
	for (int i = 0; i < m.n; i++) {
		SDL_Surface *r = TTF_RenderUTF8_Blended(m.font[i], run_text(&m.run[i], piece, sizeof piece), c);
		SDL_Surface *g = r ? SDL_ConvertSurfaceFormat(r, SDL_PIXELFORMAT_ARGB8888, 0) : NULL;
		SDL_FreeSurface(r);
		if (!g)
			continue;
		for (int y = 0; y < g->h; y++) {
			int oy = m.y[i] - m.top + y;
			const Uint32 *src = (const Uint32 *)((const Uint8 *)g->pixels + (size_t)y * (size_t)g->pitch);
			Uint32 *dst = (Uint32 *)((Uint8 *)out->pixels + (size_t)oy * (size_t)out->pitch);
			for (int x = 0; x < g->w && oy >= 0 && oy < out->h; x++) {
				int ox = m.x[i] + x;
				if (ox < out->w && (src[x] >> 24) > (dst[ox] >> 24))
					dst[ox] = src[x];
			}
		}
		SDL_FreeSurface(g);
	}
	*rise = -m.top;
	return out;
}

static struct text_entry *lookup(struct app_platform *p, const char *s, SDL_Color c, int style)
{
	for (int i = 0; i < p->n_texts; i++) {
		struct text_entry *t = &p->texts[i];
		if (t->style == style && t->c.r == c.r && t->c.g == c.g && t->c.b == c.b && t->c.a == c.a &&
		    strcmp(t->s, s) == 0) {
			t->used = p->frames;
			return t;
		}
	}
	if (p->n_texts == TEXT_CACHE) { /* evict the least recently used */
		int old = 0;
		for (int i = 1; i < p->n_texts; i++)
			if (p->texts[i].used < p->texts[old].used)
				old = i;
		free(p->texts[old].s);
		SDL_DestroyTexture(p->texts[old].tex);
		p->texts[old] = p->texts[--p->n_texts];
	}
	int rise = 0;
	SDL_Surface *surf = style & UI_MARKUP ? marked_render(p, s, c, style, &rise)
	                    : TTF_RenderUTF8_Blended(ui_font(p, style), s, c);
	if (!surf)
		return NULL;
	struct text_entry *t = &p->texts[p->n_texts];
	t->rise = rise;
	t->tex = SDL_CreateTextureFromSurface(p->ren, surf);
	t->w = surf->w;
	t->h = surf->h;
	SDL_FreeSurface(surf);
	t->s = strdup(s);
	if (!t->tex || !t->s) {
		if (t->tex)
			SDL_DestroyTexture(t->tex);
		free(t->s);
		return NULL;
	}
	t->c = c;
	t->style = style;
	t->used = p->frames;
	p->n_texts++;
	return t;
}

int ui_text(struct app_platform *p, const char *s, int x, int y, SDL_Color c, int style)
{
	if (!s || !*s)
		return 0;
	struct text_entry *t = lookup(p, s, c, style);
	if (!t)
		return 0;
	SDL_Rect r = { x, y - t->rise, t->w, t->h };
	SDL_RenderCopy(p->ren, t->tex, NULL, &r);
	return t->w;
}

int ui_text_width(struct app_platform *p, const char *s, int style)
{
	int w = 0, h = 0;
	if (!s || !*s)
		return 0;
	if (style & UI_MARKUP) {
		struct ui_marked m;
		marked_place(p, s, style, &m);
		return m.w;
	}
	TTF_SizeUTF8(ui_font(p, style), s, &w, &h);
	return w;
}

void ui_text_sweep(struct app_platform *p)
{
	for (int i = 0; i < p->n_texts;) {
		if (p->frames - p->texts[i].used > 120) {
			free(p->texts[i].s);
			SDL_DestroyTexture(p->texts[i].tex);
			p->texts[i] = p->texts[--p->n_texts];
		} else {
			i++;
		}
	}
}
