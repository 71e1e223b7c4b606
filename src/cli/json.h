/* json.h - writing JSON values: strings escaped, numbers that round-trip (inf and nan
 * as strings, as SCENE_FORMAT.md asks). Shared by eval and train. */
#ifndef NUDGE_CLI_JSON_H
#define NUDGE_CLI_JSON_H

#include <stdio.h>

void json_string(FILE *f, const char *s);
void json_number(FILE *f, double v);

#endif
