/* error.c - building and formatting struct nudge_error: position, message and the
 * source line with a caret. Used by the lexer and parser; printing is the caller's. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core-private.h"

/* Copies the line containing tok into err->text; when the line is longer than
 * err->text holds, a window around the token, cut at character boundaries. */
static void fill_line(struct nudge_error *err, const char *src, const char *end, const char *tok)
{
	const char *ls = tok, *le = tok;
	while (ls > src && ls[-1] != '\n')
		ls--;
	while (le < end && *le != '\n' && *le != '\r')
		le++;
	size_t room = sizeof err->text - 1;
	const char *from = ls;
	if ((size_t)(le - ls) > room && (size_t)(tok - ls) > room / 2) {
		from = tok - room / 2;
		while (from < tok && ((unsigned char)*from & 0xC0) == 0x80)
			from++; /* do not start inside a UTF-8 sequence */
	}
	const char *to = from + room < le ? from + room : le;
	while (to > from && to < le && ((unsigned char)*to & 0xC0) == 0x80)
		to--;
	size_t n = (size_t)(to - from), k = 0;
	for (size_t i = 0; i < n; i++) { /* tabs as spaces; control characters (C0, DEL, C1)
	                                   * and the non-ASCII bytes of a line that is not
	                                   * valid text as '?', so a terminal shows no escape */
		unsigned char c = (unsigned char)from[i];
		if (c == 0xc2 && i + 1 < n && (unsigned char)from[i + 1] < 0xa0 && err->kind != ERR_ENCODING) {
			err->text[k++] = '?'; /* a C1 control is one character: one '?' */
			i++;
			continue;
		}
		err->text[k++] = c == '\t' ? ' ' : (c < 0x20 || c == 0x7f || (c >= 0x80 && err->kind == ERR_ENCODING)) ? '?' : (char)c;
	}
	err->text[k] = '\0';
	err->text_col = lex_column(from, tok > to ? to : tok);
	if (err->kind == ERR_ENCODING) /* every byte became one character above */
		err->text_col = (int)((tok > to ? to : tok) - from) + 1;
}

void core_error_at(struct nudge_error *err, enum nudge_err_kind kind, const char *src,
                   const char *end, const char *tok, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	core_verror_at(err, kind, src, end, tok, line, fmt, ap);
	va_end(ap);
}

void core_verror_at(struct nudge_error *err, enum nudge_err_kind kind, const char *src,
                    const char *end, const char *tok, int line, const char *fmt, va_list ap)
{
	if (!err)
		return;
	memset(err, 0, sizeof *err);
	err->kind = kind;
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	if (!src || !tok)
		return;
	const char *ls = tok;
	while (ls > src && ls[-1] != '\n')
		ls--;
	err->line = line;
	err->col = lex_column(ls, tok);
	fill_line(err, src, end, tok);
}

int nudge_error_format(const struct nudge_error *e, const char *file, char *buf, size_t n)
{
	if (e->line <= 0)
		return snprintf(buf, n, "%s: error: %s\n", file, e->msg);
	/* The caret goes under the text_col-th character of e->text. */
	char pad[sizeof e->text];
	size_t k = 0;
	for (const char *p = e->text; *p && k + 1 < sizeof pad; p++) {
		if (((unsigned char)*p & 0xC0) == 0x80)
			continue;
		if ((int)k + 1 >= e->text_col)
			break;
		pad[k++] = ' ';
	}
	pad[k] = '\0';
	return snprintf(buf, n, "%s:%d:%d: error: %s\n %s\n %s^\n", file, e->line, e->col, e->msg,
	                e->text, pad);
}
