/* text.c - figure text: measuring and drawing UTF-8 strings with the bundled fonts,
 * with a cache of shaped glyph runs (text is the costly part of a frame), and the
 * small markup that draws labels as the lecture writes them (w[1] as w^[1], x_1).
 * No layout decisions here; callers place the text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "render-private.h"

#define TEXT_BUCKETS 1024
#define TEXT_KEEP 2048   /* entries kept by a sweep without looking at their age */
#define TEXT_AGE 240     /* sweeps an unused entry survives */

struct text_run {
	struct text_run *next;  /* bucket chain */
	uint64_t hash;          /* of font, size and string */
	enum font_id font;      /* face */
	double size;            /* font size */
	char *str;              /* the text (owned) */
	cairo_glyph_t *glyphs;  /* positioned from (0, 0) (owned, cairo-allocated) */
	int n;                  /* glyph count */
	double advance;         /* width */
	unsigned long used;     /* frame it was last used in */
};

struct text_cache {
	struct text_run *bucket[TEXT_BUCKETS]; /* chained hash table */
	int count;                             /* runs held */
	unsigned long frame;                   /* sweep counter */
};

struct text_cache *text_cache_new(void)
{
	return calloc(1, sizeof(struct text_cache));
}

static void text_run_free(struct text_run *t)
{
	cairo_glyph_free(t->glyphs);
	free(t->str);
	free(t);
}

void text_cache_free(struct text_cache *tc)
{
	if (!tc)
		return;
	for (int i = 0; i < TEXT_BUCKETS; i++)
		for (struct text_run *t = tc->bucket[i], *nx; t; t = nx) {
			nx = t->next;
			text_run_free(t);
		}
	free(tc);
}

void text_cache_sweep(struct text_cache *tc)
{
	tc->frame++;
	if (tc->count <= TEXT_KEEP)
		return;
	for (int i = 0; i < TEXT_BUCKETS; i++)
		for (struct text_run **pp = &tc->bucket[i]; *pp;) {
			struct text_run *t = *pp;
			if (tc->frame - t->used > TEXT_AGE) {
				*pp = t->next;
				text_run_free(t);
				tc->count--;
			} else {
				pp = &t->next;
			}
		}
}

static uint64_t text_hash(enum font_id f, double size, const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	uint64_t bits;
	memcpy(&bits, &size, sizeof bits);
	h = (h ^ (uint64_t)f) * 1099511628211ULL;
	h = (h ^ bits) * 1099511628211ULL;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

/* The shaped run of s[0..len) at (font, size), made on first use. NULL if out of memory. */
static struct text_run *text_run_get(struct render *r, enum font_id f, double size,
                                     const char *s, size_t len)
{
	struct text_cache *tc = r->texts;
	uint64_t h = text_hash(f, size, s, len);
	struct text_run **b = &tc->bucket[h % TEXT_BUCKETS];
	for (struct text_run *t = *b; t; t = t->next)
		if (t->hash == h && t->font == f && t->size == size && strlen(t->str) == len &&
		    memcmp(t->str, s, len) == 0) {
			t->used = tc->frame;
			return t;
		}
	struct text_run *t = calloc(1, sizeof *t);
	if (!t || !(t->str = malloc(len + 1))) {
		free(t);
		return NULL;
	}
	memcpy(t->str, s, len);
	t->str[len] = '\0';
	t->hash = h;
	t->font = f;
	t->size = size;
	t->used = tc->frame;
	cairo_matrix_t fm, ctm;
	cairo_matrix_init_scale(&fm, size, size);
	cairo_matrix_init_identity(&ctm);
	cairo_scaled_font_t *sf = cairo_scaled_font_create(r->fonts.face[f], &fm, &ctm,
	                                                   r->fonts.options);
	if (cairo_scaled_font_text_to_glyphs(sf, 0, 0, t->str, (int)len, &t->glyphs, &t->n,
	                                     NULL, NULL, NULL) != CAIRO_STATUS_SUCCESS) {
		t->glyphs = NULL;
		t->n = 0;
	}
	cairo_text_extents_t ext;
	cairo_scaled_font_glyph_extents(sf, t->glyphs, t->n, &ext);
	t->advance = t->n ? ext.x_advance : 0;
	cairo_scaled_font_destroy(sf);
	t->next = *b;
	*b = t;
	tc->count++;
	return t;
}

/* One piece of marked-up text: a byte range drawn at a level (1 sup, -1 sub, 0 base). */
struct text_seg { const char *s; size_t len; int level; };

#define TEXT_MAX_SEGS 64

static int text_is_word(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c >= 0x80;
}

/* Splits markup into segments; returns their count. */
static int text_parse(const char *s, int plain, struct text_seg *seg)
{
	int n = 0;
	const char *start = s, *p = s;
	if (plain) {
		seg[0] = (struct text_seg){s, strlen(s), 0};
		return 1;
	}
	while (*p && n < TEXT_MAX_SEGS - 3) {
		const char *b = NULL, *e = NULL; /* script content [b, e) and where to resume */
		const char *resume = NULL;
		int level = 0;
		if (*p == '[' && p > s && text_is_word((unsigned char)p[-1])) {
			const char *q = strchr(p, ']');
			if (q) {
				b = p; e = q + 1; resume = q + 1; level = 1;
			}
		} else if ((*p == '_' || *p == '^') && p > s && text_is_word((unsigned char)p[-1])) {
			level = *p == '_' ? -1 : 1;
			if (p[1] == '{' && strchr(p + 2, '}')) {
				b = p + 2; e = strchr(p + 2, '}'); resume = e + 1;
			} else if (p[1] && text_is_word((unsigned char)p[1])) {
				b = p + 1; e = b;
				while (*e && text_is_word((unsigned char)*e) && (unsigned char)*e < 0x80)
					e++;
				if (e == b)
					e = b + 1;
				resume = e;
			}
		}
		if (!b) {
			p++;
			continue;
		}
		if (p > start)
			seg[n++] = (struct text_seg){start, (size_t)(p - start), 0};
		seg[n++] = (struct text_seg){b, (size_t)(e - b), level};
		start = p = resume;
	}
	if (*start)
		seg[n++] = (struct text_seg){start, strlen(start), 0};
	return n;
}

#define TEXT_SCRIPT 0.68 /* size of sub- and superscripts */

static double text_layout(cairo_t *cr, struct render *r, const char *s, double x, double y,
                          const struct text_style *st)
{
	struct text_seg seg[TEXT_MAX_SEGS];
	int n = text_parse(s, st->plain, seg);
	double x0 = x;
	for (int i = 0; i < n; i++) {
		double size = seg[i].level ? st->size * TEXT_SCRIPT : st->size;
		double dy = seg[i].level > 0 ? -0.40 * st->size : seg[i].level < 0 ? 0.22 * st->size : 0;
		struct text_run *t = text_run_get(r, st->font, size, seg[i].s, seg[i].len);
		if (!t)
			continue;
		if (cr && t->n > 0) {
			cairo_glyph_t local[128];
			cairo_glyph_t *g = t->n <= 128 ? local : malloc(sizeof *g * (size_t)t->n);
			if (g) {
				for (int k = 0; k < t->n; k++)
					g[k] = (cairo_glyph_t){t->glyphs[k].index, t->glyphs[k].x + x,
					                       t->glyphs[k].y + y + dy};
				cairo_set_font_size(cr, size);
				cairo_show_glyphs(cr, g, t->n);
				if (g != local)
					free(g);
			}
		}
		x += t->advance;
	}
	return x - x0;
}

double text_width(struct render *r, const char *s, const struct text_style *st)
{
	return text_layout(NULL, r, s, 0, 0, st);
}

double text_draw(cairo_t *cr, struct render *r, const char *s, double x, double y,
                 const struct text_style *st)
{
	cairo_set_font_face(cr, r->fonts.face[st->font]);
	cairo_set_font_options(cr, r->fonts.options);
	return text_layout(cr, r, s, x, y, st);
}

double text_fit(struct render *r, const char *s, const struct text_style *st, double w,
                double min)
{
	double tw = text_width(r, s, st);
	if (tw <= w || tw <= 0)
		return st->size;
	double size = st->size * w / tw;
	/* round down to a quarter unit so the cache sees few distinct sizes */
	size = (double)(long)(size * 4) / 4;
	return size < min ? min : size;
}
