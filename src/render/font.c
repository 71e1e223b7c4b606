/* font.c - loads the bundled DejaVu fonts with FreeType and wraps them as cairo font
 * faces, so every surface (screen, PNG, SVG, PDF) draws and embeds the same glyphs.
 * No system font lookup happens here. The FreeType library is shared by the faces and
 * freed with the last one, which cairo may release after render_free. */
#include <stdio.h>
#include <stdlib.h>
#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include "render-private.h"

struct font_lib {
	FT_Library ft; /* the library every face was opened with */
	int refs;      /* the font set plus one per live face */
};

struct font_owned {
	FT_Face face;          /* freed when cairo drops the font face */
	struct font_lib *lib;  /* unreferenced then */
};

static const cairo_user_data_key_t font_key;

static void font_lib_unref(struct font_lib *lib)
{
	if (lib && --lib->refs == 0) {
		FT_Done_FreeType(lib->ft);
		free(lib);
	}
}

static void font_owned_free(void *p)
{
	struct font_owned *o = p;
	FT_Done_Face(o->face);
	font_lib_unref(o->lib);
	free(o);
}

static const char *const font_files[FONT_COUNT] = {
	"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
};

static cairo_font_face_t *font_open(struct font_lib *lib, const char *path)
{
	FT_Face face;
	if (FT_New_Face(lib->ft, path, 0, &face) != 0)
		return NULL;
	struct font_owned *o = malloc(sizeof *o);
	if (!o) {
		FT_Done_Face(face);
		return NULL;
	}
	o->face = face;
	o->lib = lib;
	cairo_font_face_t *ff = cairo_ft_font_face_create_for_ft_face(face, 0);
	lib->refs++;
	if (cairo_font_face_set_user_data(ff, &font_key, o, font_owned_free) != CAIRO_STATUS_SUCCESS) {
		cairo_font_face_destroy(ff);
		font_owned_free(o);
		return NULL;
	}
	return ff;
}

int font_set_load(struct font_set *fs, const char *dir, char *err, size_t n)
{
	*fs = (struct font_set){0};
	struct font_lib *lib = calloc(1, sizeof *lib);
	if (!lib || FT_Init_FreeType(&lib->ft) != 0) {
		free(lib);
		snprintf(err, n, "cannot start FreeType");
		return -1;
	}
	lib->refs = 1;
	fs->lib = lib;
	for (int i = 0; i < FONT_COUNT; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir ? dir : "fonts", font_files[i]);
		fs->face[i] = font_open(lib, path);
		if (!fs->face[i]) {
			snprintf(err, n, "cannot load the font %s", path);
			font_set_free(fs);
			return -1;
		}
	}
	fs->options = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fs->options, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fs->options, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_antialias(fs->options, CAIRO_ANTIALIAS_GRAY);
	return 0;
}

void font_set_free(struct font_set *fs)
{
	for (int i = 0; i < FONT_COUNT; i++)
		if (fs->face[i])
			cairo_font_face_destroy(fs->face[i]);
	if (fs->options)
		cairo_font_options_destroy(fs->options);
	font_lib_unref(fs->lib);
	*fs = (struct font_set){0};
}
