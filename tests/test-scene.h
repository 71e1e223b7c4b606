/* test-scene.h - loading scenes in the C tests: a built-in scene by name, any scene
 * file by path, a scene from text. A scene that fails is a failed CHECK naming the
 * parser's message, line and column, and NULL is returned. Include after test.h. */
#ifndef NUDGE_TEST_SCENE_H
#define NUDGE_TEST_SCENE_H

#include <stdio.h>
#include <string.h>

#include "nudge/scene.h"

#ifndef NUDGE_TEST_SCENES
#define NUDGE_TEST_SCENES "data/scenes"
#endif

/* The scene file at path. */
static inline struct scene *test_scene_file(const char *path)
{
	struct nudge_error err;
	struct scene *s = scene_load(path, &err);
	CHECK(s != NULL, "%s does not load: %s at %d:%d", path, err.msg, err.line, err.col);
	return s;
}

/* The built-in scene called name (data/scenes/NAME.nudge). */
static inline struct scene *test_builtin(const char *name)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s.nudge", NUDGE_TEST_SCENES, name);
	return test_scene_file(path);
}

/* A scene written in the test as text. */
static inline struct scene *test_scene_text(const char *src)
{
	struct nudge_error err;
	struct scene *s = scene_parse(src, strlen(src), "<test>", &err);
	CHECK(s != NULL, "test scene does not parse: %s at %d:%d\n%s", err.msg, err.line, err.col, src);
	return s;
}

#endif
