/* text.c - figure text: measuring and drawing UTF-8 strings with the bundled fonts,
 * with a cache of shaped glyph runs (text is the costly part of a frame), and the
 * lecture's notation drawn as it reads (nudge/notation.h: w[1]_11 as w^[1]_11).
 * No layout decisions here; callers place the text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "render-private.h"
#include "nudge/notation.h"

#define TEXT_BUCKETS 16384 /* a drag of a large graph holds ~16,000 runs: chains of ~1 */
#define TEXT_KEEP 2048   /* entries kept by a sweep without looking at their age */
#define TEXT_AGE 240     /* sweeps an unused entry survives */
#define TEXT_MOST 16384  /* beyond this many, a sweep keeps only the last TEXT_AGE_BUSY
                            sweeps' entries: a drag over a large graph makes thousands of
                            new numbers a frame, which would fill the chains */
#define TEXT_AGE_BUSY 4
#define TEXT_SWEEP_EVERY 4 /* frames between sweeps: each walks every run held, which a
                              large graph's drag made 5 % of a frame when done each frame */

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
	if (tc->count <= TEXT_KEEP || tc->frame % TEXT_SWEEP_EVERY != 0)
		return;
	unsigned long age = tc->count > TEXT_MOST ? TEXT_AGE_BUSY : TEXT_AGE;
	for (int i = 0; i < TEXT_BUCKETS; i++)
		for (struct text_run **pp = &tc->bucket[i]; *pp;) {
			struct text_run *t = *pp;
			if (tc->frame - t->used > age) {
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

#define TEXT_MAX_RUNS 64
static double text_layout(cairo_t *cr, struct render *r, const char *s, double x, double y,
                          const struct text_style *st)
{
	struct notation_run run[TEXT_MAX_RUNS];
	int n = st->plain ? 1 : notation_runs(s, run, TEXT_MAX_RUNS);
	if (st->plain)
		run[0] = (struct notation_run){ s, strlen(s), 0, 0 };
	double x0 = x, script_x = x, end = x; /* where the last script began, and the text's end */
	for (int i = 0; i < n; i++) {
		double size = run[i].level ? st->size * NOTATION_SCRIPT : st->size;
		double dy = notation_rise(run, n, i) * st->size;
		struct text_run *t = text_run_get(r, st->font, size, run[i].s, run[i].len);
		if (!t)
			continue;
		x = run[i].stacked ? script_x : end;
		script_x = x;
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
		end = x + t->advance > end ? x + t->advance : end;
	}
	return end - x0;
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
	double w = text_layout(cr, r, s, x, y, st);
	geom_text_add(r->geom, cr, s, x, y, w, st->size);
	return w;
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

int text_lines(struct render *r, const char *s, const struct text_style *st, double w,
               char (*out)[TEXT_LINE_MAX], int most)
{
	int n = 0;
	for (;;) {
		while (*s == ' ')
			s++;
		if (!*s || n >= most)
			break;
		size_t len = strlen(s), end = 0; /* the line: s[0 .. end) */
		for (size_t i = 0; i <= len && i < TEXT_LINE_MAX; i++) {
			if (s[i] != ' ' && s[i] != '\0')
				continue;
			memcpy(out[n], s, i);
			out[n][i] = '\0';
			if (end > 0 && text_width(r, out[n], st) > w)
				break;
			end = i;
		}
		if (end == 0) /* one word longer than a line's bytes: cut it there */
			end = len < TEXT_LINE_MAX ? len : TEXT_LINE_MAX - 1;
		memcpy(out[n], s, end);
		out[n++][end] = '\0';
		s += end;
	}
	return n;
}
