/* lexer.c - turns .nudge source into tokens: names, numbers, strings, punctuation
 * and newlines (statements are line-based). Skips blanks and # comments. Also checks
 * that the whole source is text (UTF-8, no NUL) before parsing starts. */
#include <ctype.h>
#include <stdarg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core-private.h"

void lex_init(struct lexer *lx, const char *src, size_t len, struct nudge_error *err)
{
	lx->src = src;
	lx->end = src + len;
	lx->p = src;
	lx->line_start = src;
	lx->line = 1;
	lx->err = err;
}

int lex_column(const char *line_start, const char *p)
{
	int col = 1;
	for (const char *q = line_start; q < p; q++)
		if (((unsigned char)*q & 0xC0) != 0x80)
			col++;
	return col;
}

/* Length of the UTF-8 sequence at p (1..4), or 0 if it is not valid UTF-8. */
static int utf8_len(const unsigned char *p, const unsigned char *end)
{
	unsigned c = p[0];
	int n;
	unsigned min;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) { n = 2; min = 0x80; }
	else if (c >= 0xE0 && c <= 0xEF) { n = 3; min = 0x800; }
	else if (c >= 0xF0 && c <= 0xF4) { n = 4; min = 0x10000; }
	else return 0;
	if (end - p < n)
		return 0;
	unsigned cp = c & (0x3F >> (n - 1));
	for (int i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

int lex_check_text(const char *src, size_t len, struct nudge_error *err)
{
	const unsigned char *p = (const unsigned char *)src, *end = p + len;
	int line = 1;
	while (p < end) {
		if (*p == 0) {
			core_error_at(err, ERR_ENCODING, src, src + len, (const char *)p, line,
			              "the file contains a NUL byte: it is not a text file");
			return -1;
		}
		int n = utf8_len(p, end);
		if (n == 0) {
			core_error_at(err, ERR_ENCODING, src, src + len, (const char *)p, line,
			              "invalid UTF-8 (byte 0x%02X): scenes must be UTF-8 text", *p);
			return -1;
		}
		if (*p == '\n')
			line++;
		p += n;
	}
	return 0;
}

static struct token make(struct lexer *lx, enum tok_kind kind, const char *start)
{
	/* col stays 0: counting characters per token would make long lines quadratic;
	 * errors compute the column from .start when they need it. */
	struct token t = { .kind = kind, .start = start, .len = (size_t)(lx->p - start),
	                   .line = lx->line };
	return t;
}

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static struct token fail(struct lexer *lx, enum nudge_err_kind kind, const char *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	core_verror_at(lx->err, kind, lx->src, lx->end, at, lx->line, fmt, ap);
	va_end(ap);
	struct token t = { .kind = TOK_ERROR, .start = at, .line = lx->line };
	return t;
}

static struct token lex_number(struct lexer *lx)
{
	const char *s = lx->p, *p = s, *end = lx->end;
	while (p < end && isdigit((unsigned char)*p))
		p++;
	if (p < end && *p == '.') {
		p++;
		while (p < end && isdigit((unsigned char)*p))
			p++;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		const char *q = p + 1;
		if (q < end && (*q == '+' || *q == '-'))
			q++;
		if (q >= end || !isdigit((unsigned char)*q)) {
			lx->p = q;
			return fail(lx, ERR_BAD_NUMBER, s, "malformed number: an exponent needs digits");
		}
		while (q < end && isdigit((unsigned char)*q))
			q++;
		p = q;
	}
	lx->p = p;
	size_t n = (size_t)(p - s);
	if (n == 1 && *s == '.')
		return fail(lx, ERR_SYNTAX, s, "unexpected '.'");
	if (n > 500)
		return fail(lx, ERR_BAD_NUMBER, s, "number too long (more than 500 characters)");
	char buf[512];
	memcpy(buf, s, n);
	buf[n] = '\0';
	double v = strtod(buf, NULL);
	if (isinf(v))
		return fail(lx, ERR_BAD_NUMBER, s, "number too large: %s", buf);
	struct token t = make(lx, TOK_NUMBER, s);
	t.num = v;
	return t;
}

/* Is the character at p (valid UTF-8, p < end) a C0 or C1 control character or DEL?
 * Strings are printed to terminals, where ESC or U+009B starts an escape sequence. */
static int is_control(const char *p, const char *end)
{
	unsigned char c = (unsigned char)*p;
	return c < 0x20 || c == 0x7f || (c == 0xc2 && p + 1 < end && (unsigned char)p[1] < 0xa0);
}

static struct token lex_string(struct lexer *lx)
{
	const char *s = lx->p;
	const char *p = s + 1;
	while (p < lx->end && *p != '"' && *p != '\n') {
		if (*p == '\\' && p + 1 < lx->end && (p[1] == '"' || p[1] == '\\'))
			p++;
		else if (is_control(p, lx->end) && !(*p == '\r' && p + 1 < lx->end && p[1] == '\n')) {
			lx->p = p + 1;
			unsigned cp = (unsigned char)*p == 0xc2 ? (unsigned char)p[1] : (unsigned char)*p;
			return fail(lx, ERR_CONTROL, p, "control character U+%04X%s in a string: strings hold "
			            "only visible text (write the text, not escape codes)", cp,
			            cp == 0x1b ? " (escape)" : cp == '\t' ? " (tab)" : "");
		}
		p++;
	}
	if (p >= lx->end || *p != '"')
		return fail(lx, ERR_UNCLOSED, s, "unterminated string: a '\"' is missing on this line");
	lx->p = p + 1;
	return make(lx, TOK_STRING, s);
}

struct token lex_next(struct lexer *lx)
{
	const char *end = lx->end;
	for (;;) {
		while (lx->p < end && (*lx->p == ' ' || *lx->p == '\t' || *lx->p == '\r' ||
		                       *lx->p == '\f' || *lx->p == '\v'))
			lx->p++;
		if (lx->p < end && *lx->p == '#') {
			while (lx->p < end && *lx->p != '\n')
				lx->p++;
		}
		break;
	}
	const char *s = lx->p;
	if (s >= end)
		return make(lx, TOK_EOF, s);
	char c = *s;
	if (c == '\n') {
		struct token t = make(lx, TOK_NEWLINE, s);
		t.len = 1;
		lx->p++;
		lx->line++;
		lx->line_start = lx->p;
		return t;
	}
	if (isalpha((unsigned char)c) || c == '_') {
		while (lx->p < end && (isalnum((unsigned char)*lx->p) || *lx->p == '_'))
			lx->p++;
		return make(lx, TOK_NAME, s);
	}
	if (isdigit((unsigned char)c) || (c == '.' && s + 1 < end && isdigit((unsigned char)s[1])))
		return lex_number(lx);
	if (c == '"')
		return lex_string(lx);
	static const struct { char c; enum tok_kind k; } punct[] = {
		{ '=', TOK_EQ }, { '(', TOK_LPAREN }, { ')', TOK_RPAREN }, { '[', TOK_LBRACKET },
		{ ']', TOK_RBRACKET }, { ',', TOK_COMMA }, { '+', TOK_PLUS }, { '-', TOK_MINUS },
		{ '*', TOK_STAR }, { '/', TOK_SLASH }, { '^', TOK_CARET },
	};
	for (size_t i = 0; i < sizeof punct / sizeof punct[0]; i++) {
		if (punct[i].c == c) {
			lx->p++;
			return make(lx, punct[i].k, s);
		}
	}
	/* Anything else: show the whole character, even a multi-byte one. */
	char ch[8] = { 0 };
	int n = 1;
	while (n < 4 && s + n < end && ((unsigned char)s[n] & 0xC0) == 0x80)
		n++;
	memcpy(ch, s, (size_t)n);
	lx->p += n;
	if (is_control(s, end))
		return fail(lx, ERR_SYNTAX, s, "unexpected control character");
	if ((unsigned char)c >= 0x80)
		return fail(lx, ERR_SYNTAX, s, "unexpected character '%s': names are ASCII (use label \"…\" for other text)", ch);
	return fail(lx, ERR_SYNTAX, s, "unexpected character '%s'", ch);
}
