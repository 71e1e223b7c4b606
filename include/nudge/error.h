/* error.h - errors as values: what a parse or a command reports instead of exiting.
 * Core fills a struct nudge_error; only the caller (main.c, the window) prints it.
 * Tests assert on kind, line and column, never on the wording of msg. */
#ifndef NUDGE_ERROR_H
#define NUDGE_ERROR_H

#include <stddef.h>

enum nudge_err_kind {
	ERR_NONE = 0,
	ERR_IO,           /* the file could not be read */
	ERR_ENCODING,     /* binary data, a NUL byte or invalid UTF-8 */
	ERR_SYNTAX,       /* a token where another was expected */
	ERR_BAD_NUMBER,   /* a malformed or out-of-range number */
	ERR_UNKNOWN_NAME, /* a name used but never defined (or defined below) */
	ERR_REDEFINED,    /* a name defined twice */
	ERR_RESERVED,     /* a keyword or function name used as a name */
	ERR_UNKNOWN_FUNC, /* NAME( where NAME is not one of the nine functions */
	ERR_UNCLOSED,     /* a missing ')' or ']' or '"' */
	ERR_RANGE,        /* an `in [LO, HI]` that is empty or misses the value */
	ERR_DATA,         /* a data block or row that breaks the rules */
	ERR_TOO_DEEP,     /* expression nested deeper than the parser allows */
	ERR_NO_COST,      /* no computed node, or `cost` names a leaf */
	ERR_BAD_PLOT,     /* `plot` names something that is not an input or param */
	ERR_DUPLICATE,    /* a statement that may appear once appears twice */
	ERR_TOO_BIG,      /* more nodes, ops or rows than the engine accepts */
	ERR_CONTROL,      /* a control character (an escape, a tab) inside a string */
	ERR_BAD_UNIT,     /* `unit` names a node that is not a neuron unit (nudge/unit.h) */
};

struct nudge_error {
	enum nudge_err_kind kind; /* ERR_NONE when nothing went wrong */
	int line;                 /* 1-based line of the offending token, 0 if none */
	int col;                  /* 1-based column (in characters), 0 if none */
	char msg[256];            /* one sentence, no trailing newline */
	char text[160];           /* the source line (a window around col if long) */
	int text_col;             /* 1-based column of the caret within text */
};

/* Writes "FILE:LINE:COL: error: MSG\n LINE TEXT\n   ^\n" (or "FILE: error: MSG\n"
 * when there is no position) into buf; returns the length it wanted, like snprintf. */
int nudge_error_format(const struct nudge_error *e, const char *file, char *buf, size_t n);

#endif
