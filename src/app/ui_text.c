/* ui_text.c - interface text (slider names and values, buttons, status, help) drawn
 * with SDL2_ttf from the bundled font. Rendered strings are kept as textures and
 * reused while they stay on screen, so a frame costs no glyph rendering. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app-private.h"

#define TEXT_CACHE 256

struct text_entry {
	char *s;             /* the string */
	SDL_Color c;         /* its colour */
	int bold;
	SDL_Texture *tex;    /* rendered */
	int w, h;
	Uint32 used;         /* frame it was last drawn */
};

static void open_fonts(struct app *a, int px, char *err, size_t n)
{
	char path[PATH_MAX + 32];
	snprintf(path, sizeof path, "%s/DejaVuSans.ttf", a->fonts_dir);
	a->font = TTF_OpenFont(path, px);
	snprintf(path, sizeof path, "%s/DejaVuSans-Bold.ttf", a->fonts_dir);
	a->font_bold = TTF_OpenFont(path, px);
	if ((!a->font || !a->font_bold) && err)
		snprintf(err, n, "cannot open the interface font in %s: %s", a->fonts_dir, TTF_GetError());
	a->font_px = px;
}

static void clear_cache(struct app *a)
{
	for (int i = 0; i < a->n_texts; i++) {
		free(a->texts[i].s);
		SDL_DestroyTexture(a->texts[i].tex);
	}
	a->n_texts = 0;
}

int ui_text_init(struct app *a, char *err, size_t n)
{
	if (!TTF_WasInit() && TTF_Init() != 0) {
		snprintf(err, n, "cannot start SDL_ttf: %s", TTF_GetError());
		return -1;
	}
	a->texts = calloc(TEXT_CACHE, sizeof *a->texts);
	if (!a->texts) {
		snprintf(err, n, "out of memory");
		return -1;
	}
	open_fonts(a, 15, err, n);
	return a->font && a->font_bold ? 0 : -1;
}

/* Changes the interface font's pixel size (on a resize or a high-DPI display). */
void ui_text_size(struct app *a, int px)
{
	if (px == a->font_px && a->font)
		return;
	TTF_Font *f = a->font, *b = a->font_bold;
	open_fonts(a, px, NULL, 0);
	if (!a->font || !a->font_bold) { /* keep the old size rather than no text */
		if (a->font)
			TTF_CloseFont(a->font);
		if (a->font_bold)
			TTF_CloseFont(a->font_bold);
		a->font = f;
		a->font_bold = b;
		return;
	}
	TTF_CloseFont(f);
	TTF_CloseFont(b);
	clear_cache(a);
}

void ui_text_free(struct app *a)
{
	if (a->texts)
		clear_cache(a);
	free(a->texts);
	a->texts = NULL;
	if (a->font)
		TTF_CloseFont(a->font);
	if (a->font_bold)
		TTF_CloseFont(a->font_bold);
	a->font = a->font_bold = NULL;
	if (TTF_WasInit())
		TTF_Quit();
}

static struct text_entry *lookup(struct app *a, const char *s, SDL_Color c, int bold)
{
	for (int i = 0; i < a->n_texts; i++) {
		struct text_entry *t = &a->texts[i];
		if (t->bold == bold && t->c.r == c.r && t->c.g == c.g && t->c.b == c.b && t->c.a == c.a &&
		    strcmp(t->s, s) == 0) {
			t->used = a->frames;
			return t;
		}
	}
	if (a->n_texts == TEXT_CACHE) { /* evict the least recently used */
		int old = 0;
		for (int i = 1; i < a->n_texts; i++)
			if (a->texts[i].used < a->texts[old].used)
				old = i;
		free(a->texts[old].s);
		SDL_DestroyTexture(a->texts[old].tex);
		a->texts[old] = a->texts[--a->n_texts];
	}
	SDL_Surface *surf = TTF_RenderUTF8_Blended(bold ? a->font_bold : a->font, s, c);
	if (!surf)
		return NULL;
	struct text_entry *t = &a->texts[a->n_texts];
	t->tex = SDL_CreateTextureFromSurface(a->ren, surf);
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
	t->bold = bold;
	t->used = a->frames;
	a->n_texts++;
	return t;
}

int ui_text(struct app *a, const char *s, int x, int y, SDL_Color c, int bold)
{
	if (!s || !*s)
		return 0;
	struct text_entry *t = lookup(a, s, c, bold);
	if (!t)
		return 0;
	SDL_Rect r = { x, y, t->w, t->h };
	SDL_RenderCopy(a->ren, t->tex, NULL, &r);
	return t->w;
}

int ui_text_width(struct app *a, const char *s, int bold)
{
	int w = 0, h = 0;
	if (s && *s)
		TTF_SizeUTF8(bold ? a->font_bold : a->font, s, &w, &h);
	return w;
}

void ui_text_sweep(struct app *a)
{
	for (int i = 0; i < a->n_texts;) {
		if (a->frames - a->texts[i].used > 120) {
			free(a->texts[i].s);
			SDL_DestroyTexture(a->texts[i].tex);
			a->texts[i] = a->texts[--a->n_texts];
		} else {
			i++;
		}
	}
}
