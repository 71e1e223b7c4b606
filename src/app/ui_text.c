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

static void open_fonts(struct app_platform *p, int px, char *err, size_t n)
{
	char path[PATH_MAX + 32];
	snprintf(path, sizeof path, "%s/DejaVuSans.ttf", p->fonts_dir);
	p->font = TTF_OpenFont(path, px);
	snprintf(path, sizeof path, "%s/DejaVuSans-Bold.ttf", p->fonts_dir);
	p->font_bold = TTF_OpenFont(path, px);
	if ((!p->font || !p->font_bold) && err)
		snprintf(err, n, "cannot open the interface font in %s: %s", p->fonts_dir, TTF_GetError());
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
	return p->font && p->font_bold ? 0 : -1;
}

/* Changes the interface font's pixel size (on a resize or a high-DPI display). */
void ui_text_size(struct app_platform *p, int px)
{
	if (px == p->font_px && p->font)
		return;
	TTF_Font *f = p->font, *b = p->font_bold;
	open_fonts(p, px, NULL, 0);
	if (!p->font || !p->font_bold) { /* keep the old size rather than no text */
		if (p->font)
			TTF_CloseFont(p->font);
		if (p->font_bold)
			TTF_CloseFont(p->font_bold);
		p->font = f;
		p->font_bold = b;
		return;
	}
	TTF_CloseFont(f);
	TTF_CloseFont(b);
	clear_cache(p);
}

void ui_text_free(struct app_platform *p)
{
	if (p->texts)
		clear_cache(p);
	free(p->texts);
	p->texts = NULL;
	if (p->font)
		TTF_CloseFont(p->font);
	if (p->font_bold)
		TTF_CloseFont(p->font_bold);
	p->font = p->font_bold = NULL;
	if (TTF_WasInit())
		TTF_Quit();
}

static struct text_entry *lookup(struct app_platform *p, const char *s, SDL_Color c, int bold)
{
	for (int i = 0; i < p->n_texts; i++) {
		struct text_entry *t = &p->texts[i];
		if (t->bold == bold && t->c.r == c.r && t->c.g == c.g && t->c.b == c.b && t->c.a == c.a &&
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
	SDL_Surface *surf = TTF_RenderUTF8_Blended(bold ? p->font_bold : p->font, s, c);
	if (!surf)
		return NULL;
	struct text_entry *t = &p->texts[p->n_texts];
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
	t->bold = bold;
	t->used = p->frames;
	p->n_texts++;
	return t;
}

int ui_text(struct app_platform *p, const char *s, int x, int y, SDL_Color c, int bold)
{
	if (!s || !*s)
		return 0;
	struct text_entry *t = lookup(p, s, c, bold);
	if (!t)
		return 0;
	SDL_Rect r = { x, y, t->w, t->h };
	SDL_RenderCopy(p->ren, t->tex, NULL, &r);
	return t->w;
}

int ui_text_width(struct app_platform *p, const char *s, int bold)
{
	int w = 0, h = 0;
	if (s && *s)
		TTF_SizeUTF8(bold ? p->font_bold : p->font, s, &w, &h);
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
