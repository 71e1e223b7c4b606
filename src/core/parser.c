/* parser.c - the grammar of a .nudge scene (SCENE_FORMAT.md): reads its statements
 * and expressions and hands nodes, ops and name uses to graph.c, which builds the
 * graph. Reports the first error with its line and column and the source line; never
 * exits, never recurses deeper than NUDGE_MAX_DEPTH. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core-private.h"
#include "nudge/unit.h"
#include "nudge/format.h"
#include "nudge/notation.h"

const char *const core_func_names[] = {
	"exp", "log", "sqrt", "abs", "sin", "cos", "tanh", "sigmoid", "relu", NULL,
};

static const char *const keywords[] = {
	"title", "note", "input", "param", "cost", "plot", "eps", "rate", "data", "in", "label", NULL,
};

static int word_in(const char *const *list, const char *s, size_t len)
{
	for (int i = 0; list[i]; i++)
		if (strlen(list[i]) == len && memcmp(list[i], s, len) == 0)
			return i;
	return -1;
}

int core_is_reserved(const char *s, size_t len)
{
	return word_in(keywords, s, len) >= 0 || word_in(core_func_names, s, len) >= 0;
}

/* A position remembered for a check made after the whole file is read. */
struct mark {
	const char *at; /* token start, NULL when the statement was absent */
	size_t len;
	int line;
};

struct parser {
	struct lexer lx;
	struct token tok;          /* the current token */
	struct scene *s;           /* being built; freed by the caller on error */
	struct nudge_error *err;
	int failed;                /* an error has been recorded: unwind */
	int depth;                 /* current expression nesting */
	struct graph_build g;      /* the graph being built (graph.c) */
	int note_cap, data_cap;    /* room in s->notes, s->data */
	struct mark cost, plot, eps, rate, title, data; /* statements that may appear once */
	struct mark plot2;         /* the second NAME of `plot NAME, NAME` (at NULL: none) */
	struct mark *units;        /* every NAME of the `unit` statements, checked at the end */
	int n_units, units_cap;    /* how many, and room */
	int statements;            /* statements read, to tell an empty file */
	struct token defining;     /* the name of the computed node being parsed */
};

/* ---- errors and tokens ---- */

#define ERR_AT(P, TOK, KIND, ...)                                                         \
	do {                                                                              \
		if (!(P)->failed)                                                         \
			core_error_at((P)->err, KIND, (P)->lx.src, (P)->lx.end, (TOK).start,  \
			              (TOK).line, __VA_ARGS__);                               \
		(P)->failed = 1;                                                          \
	} while (0)

static void next(struct parser *p)
{
	if (p->failed) {
		p->tok.kind = TOK_EOF;
		return;
	}
	p->tok = lex_next(&p->lx);
	if (p->tok.kind == TOK_ERROR) {
		p->failed = 1;
		p->tok.kind = TOK_EOF;
	}
}

/* A short, printable description of the current token for messages. */
static const char *tok_desc(const struct token *t, char *buf, size_t n)
{
	switch (t->kind) {
	case TOK_EOF: return "the end of the file";
	case TOK_NEWLINE: return "the end of the line";
	default: break;
	}
	size_t len = t->len < 40 ? t->len : 40;
	snprintf(buf, n, "'%.*s%s'", (int)len, t->start, t->len > len ? "…" : "");
	return buf;
}

static int is_word(const struct token *t, const char *w)
{
	return t->kind == TOK_NAME && t->len == strlen(w) && memcmp(t->start, w, t->len) == 0;
}

static int at_line_end(const struct parser *p)
{
	return p->tok.kind == TOK_NEWLINE || p->tok.kind == TOK_EOF;
}

static void out_of_memory(struct parser *p)
{
	ERR_AT(p, p->tok, ERR_TOO_BIG, "out of memory while reading the scene");
}

/* The text of a string token without its quotes, with \" and \\ unescaped. */
static char *string_value(const struct token *t)
{
	char *d = malloc(t->len);
	if (!d)
		return NULL;
	size_t k = 0;
	for (size_t i = 1; i + 1 < t->len; i++) {
		if (t->start[i] == '\\' && i + 2 < t->len)
			i++;
		d[k++] = t->start[i];
	}
	d[k] = '\0';
	return d;
}

/* Where byte `at` of string_value(t) stands in the source (past the escapes before it). */
static const char *string_source(const struct token *t, size_t at)
{
	size_t i = 1;
	for (size_t k = 0; i + 1 < t->len; i++, k++) {
		if (t->start[i] == '\\' && i + 2 < t->len)
			i++;
		if (k == at)
			break;
	}
	return t->start + i;
}

/* Refuses a label whose notation is malformed (an unclosed '[' or '{', a '_' with no
 * subscript), pointing at the fault inside the quotes. */
static int check_notation(struct parser *p, const struct token *t, const char *text)
{
	size_t at;
	int unclosed;
	char why[160];
	if (notation_check(text, &at, &unclosed, why, sizeof why) == 0)
		return 0;
	struct token f = *t;
	f.start = string_source(t, at);
	ERR_AT(p, f, unclosed ? ERR_UNCLOSED : ERR_SYNTAX, "in the label: %s", why);
	return -1;
}

/* A status from graph.c as the error it is, at the current token; -1 for any failure. */
static int graph_status(struct parser *p, int r)
{
	if (r == GRAPH_NO_MEMORY)
		out_of_memory(p);
	else if (r == GRAPH_TOO_MANY)
		ERR_AT(p, p->tok, ERR_TOO_BIG, "expression too long (the scene may hold at most %d operations)",
		       NUDGE_MAX_OPS);
	return r < 0 ? -1 : r;
}

static int name_lookup(struct parser *p, const char *s, size_t len)
{
	return graph_find(&p->g, s, len);
}

/* Adds a node named by token t; checks that the name is usable and new. */
static int add_node(struct parser *p, const struct token *t, enum node_kind kind)
{
	if (core_is_reserved(t->start, t->len)) {
		int f = word_in(core_func_names, t->start, t->len) >= 0;
		ERR_AT(p, *t, ERR_RESERVED, "'%.*s' is a %s and cannot be used as a name", (int)t->len,
		       t->start, f ? "function name" : "keyword");
		return -1;
	}
	int old = name_lookup(p, t->start, t->len);
	if (old >= 0) {
		ERR_AT(p, *t, ERR_REDEFINED, "'%.*s' is already defined on line %d", (int)t->len, t->start,
		       p->s->nodes[old].line);
		return -1;
	}
	int k = graph_add_node(&p->g, t->start, t->len, kind, t->line);
	if (k == GRAPH_TOO_MANY) {
		ERR_AT(p, *t, ERR_TOO_BIG, "too many nodes (at most %d)", NUDGE_MAX_NODES);
		return -1;
	}
	return graph_status(p, k);
}

/* ---- expressions ---- */

static int emit(struct parser *p, enum op_kind kind, int a, int b)
{
	return graph_status(p, graph_emit(&p->g, kind, a, b));
}

/* A use of node m inside the expression of node `self`. */
static int emit_ref(struct parser *p, int m, int self)
{
	return graph_status(p, graph_emit_ref(&p->g, m, self));
}

static int enter(struct parser *p)
{
	if (++p->depth > NUDGE_MAX_DEPTH) {
		ERR_AT(p, p->tok, ERR_TOO_DEEP, "expression nested too deeply (more than %d levels)",
		       NUDGE_MAX_DEPTH);
		return -1;
	}
	return 0;
}

/* Looks ahead from the current position for a definition of the name, so that a
 * name used above its definition gets a message that says so. Returns its line or 0. */
static int later_definition(const struct parser *p, const char *name, size_t len)
{
	struct lexer lx = p->lx;
	struct nudge_error ignored;
	lx.err = &ignored;
	struct token t = lex_next(&lx);
	while (t.kind != TOK_NEWLINE) { /* skip the rest of the current line */
		if (t.kind == TOK_EOF || t.kind == TOK_ERROR)
			return 0;
		t = lex_next(&lx);
	}
	for (;;) {
		t = lex_next(&lx); /* first token of a line */
		if (t.kind == TOK_EOF || t.kind == TOK_ERROR)
			return 0;
		struct token u = t.kind == TOK_NEWLINE ? t : lex_next(&lx);
		int is_name = t.len == len && memcmp(t.start, name, len) == 0;
		if (t.kind == TOK_NAME && is_name && u.kind == TOK_EQ)
			return t.line;
		if ((is_word(&t, "input") || is_word(&t, "param")) && u.kind == TOK_NAME && u.len == len &&
		    memcmp(u.start, name, len) == 0)
			return t.line;
		int in_data = is_word(&t, "data");
		while (u.kind != TOK_NEWLINE) {
			if (u.kind == TOK_EOF || u.kind == TOK_ERROR)
				return 0;
			if (in_data && u.kind == TOK_NAME && u.len == len && memcmp(u.start, name, len) == 0)
				return u.line;
			u = lex_next(&lx);
		}
	}
}

static int parse_expr(struct parser *p, int self);

/* After an operand, a name, number or '(' means a missing operator (2w, not 2*w). */
static int check_operator(struct parser *p)
{
	if (p->tok.kind == TOK_NAME && !is_word(&p->tok, "label") ) {
		ERR_AT(p, p->tok, ERR_SYNTAX, "expected an operator before '%.*s' (a product is written 2*w)",
		       (int)p->tok.len, p->tok.start);
		return -1;
	}
	if (p->tok.kind == TOK_NUMBER || p->tok.kind == TOK_LPAREN) {
		char b[64];
		ERR_AT(p, p->tok, ERR_SYNTAX, "expected an operator before %s (a product is written a*b)",
		       tok_desc(&p->tok, b, sizeof b));
		return -1;
	}
	return 0;
}

/* Expects ')' to close the '(' at open. */
static int close_paren(struct parser *p, const struct token *open)
{
	if (p->tok.kind == TOK_RPAREN) {
		next(p);
		return 0;
	}
	if (check_operator(p))
		return -1;
	const char *ls = open->start;
	while (ls > p->lx.src && ls[-1] != '\n')
		ls--;
	char b[64];
	ERR_AT(p, p->tok, ERR_UNCLOSED, "expected ')' (to close '(' at %d:%d) but found %s", open->line,
	       lex_column(ls, open->start), tok_desc(&p->tok, b, sizeof b));
	return -1;
}

/* atom := NUMBER | NAME | FUNC '(' expr ')' | '(' expr ')' */
static int parse_atom(struct parser *p, int self)
{
	struct token t = p->tok;
	char b[64];
	if (t.kind == TOK_NUMBER) {
		next(p);
		int k = emit(p, OP_NUM, -1, -1);
		if (k >= 0)
			p->s->ops[k].num = t.num;
		return k;
	}
	if (t.kind == TOK_LPAREN) {
		if (enter(p))
			return -1;
		next(p);
		int e = parse_expr(p, self);
		p->depth--;
		if (e < 0 || close_paren(p, &t))
			return -1;
		return e;
	}
	if (t.kind == TOK_NAME) {
		next(p);
		int f = word_in(core_func_names, t.start, t.len);
		if (p->tok.kind == TOK_LPAREN) {
			if (f < 0 && name_lookup(p, t.start, t.len) >= 0) {
				ERR_AT(p, p->tok, ERR_SYNTAX, "expected an operator before '(': '%.*s' is not a function (a product is written %.*s*(…))",
				       (int)t.len, t.start, (int)t.len, t.start);
				return -1;
			}
			if (f < 0) {
				ERR_AT(p, t, ERR_UNKNOWN_FUNC,
				       "unknown function '%.*s' (the functions are exp, log, sqrt, abs, sin, cos, tanh, sigmoid, relu)",
				       (int)t.len, t.start);
				return -1;
			}
			struct token open = p->tok;
			if (enter(p))
				return -1;
			next(p);
			int e = parse_expr(p, self);
			p->depth--;
			if (e < 0 || close_paren(p, &open))
				return -1;
			return emit(p, (enum op_kind)(OP_EXP + f), e, -1);
		}
		if (f >= 0) {
			ERR_AT(p, t, ERR_SYNTAX, "'%.*s' is a function: write %.*s(…)", (int)t.len, t.start,
			       (int)t.len, t.start);
			return -1;
		}
		int m = name_lookup(p, t.start, t.len);
		int is_self = t.len == p->defining.len && memcmp(t.start, p->defining.start, t.len) == 0;
		if (m < 0) {
			if (is_self) {
				ERR_AT(p, t, ERR_UNKNOWN_NAME, "'%.*s' cannot use itself: a scene is a graph without cycles",
				       (int)t.len, t.start);
				return -1;
			}
			if (word_in(keywords, t.start, t.len) >= 0) {
				ERR_AT(p, t, ERR_RESERVED, "'%.*s' is a keyword, not a value", (int)t.len, t.start);
				return -1;
			}
			int later = later_definition(p, t.start, t.len);
			if (later)
				ERR_AT(p, t, ERR_UNKNOWN_NAME,
				       "'%.*s' is used before its definition on line %d (define names above the lines that use them)",
				       (int)t.len, t.start, later);
			else
				ERR_AT(p, t, ERR_UNKNOWN_NAME, "unknown name '%.*s'", (int)t.len, t.start);
			return -1;
		}
		return emit_ref(p, m, self);
	}
	if (t.kind == TOK_NEWLINE || t.kind == TOK_EOF)
		ERR_AT(p, t, ERR_SYNTAX, "the expression ends too early: expected a number, a name or '('");
	else
		ERR_AT(p, t, ERR_SYNTAX, "expected a number, a name or '(' but found %s",
		       tok_desc(&t, b, sizeof b));
	return -1;
}

static int parse_unary(struct parser *p, int self);

/* power := atom ('^' unary)?      -- right-associative through unary */
static int parse_power(struct parser *p, int self)
{
	int a = parse_atom(p, self);
	if (a < 0 || p->tok.kind != TOK_CARET)
		return a;
	next(p);
	int b = parse_unary(p, self);
	return b < 0 ? -1 : emit(p, OP_POW, a, b);
}

/* unary := '-' unary | power */
static int parse_unary(struct parser *p, int self)
{
	if (enter(p))
		return -1;
	int r;
	if (p->tok.kind == TOK_MINUS) {
		next(p);
		int a = parse_unary(p, self);
		r = a < 0 ? -1 : emit(p, OP_NEG, a, -1);
	} else {
		r = parse_power(p, self);
	}
	p->depth--;
	return r;
}

/* expr := term  (('+' | '-') term)*
 * term := unary (('*' | '/') unary)*
 * Level 0 is expr, level 1 is term; both are left-associative loops. */
static int parse_binary(struct parser *p, int self, int level)
{
	static const struct {
		enum tok_kind tok[2];
		enum op_kind op[2];
	} levels[2] = {
		{ { TOK_PLUS, TOK_MINUS }, { OP_ADD, OP_SUB } },
		{ { TOK_STAR, TOK_SLASH }, { OP_MUL, OP_DIV } },
	};
	int a = level == 0 ? parse_binary(p, self, 1) : parse_unary(p, self);
	while (a >= 0 && (p->tok.kind == levels[level].tok[0] || p->tok.kind == levels[level].tok[1])) {
		enum op_kind k = levels[level].op[p->tok.kind == levels[level].tok[1]];
		next(p);
		int b = level == 0 ? parse_binary(p, self, 1) : parse_unary(p, self);
		a = b < 0 ? -1 : emit(p, k, a, b);
	}
	return a;
}

static int parse_expr(struct parser *p, int self)
{
	return parse_binary(p, self, 0);
}

/* ---- statements ---- */

static int expect_line_end(struct parser *p, const char *after)
{
	if (at_line_end(p))
		return 0;
	char b[64];
	ERR_AT(p, p->tok, ERR_SYNTAX, "expected the end of the line after %s but found %s", after,
	       tok_desc(&p->tok, b, sizeof b));
	return -1;
}

/* SIGNED := '-'? NUMBER */
static int parse_signed(struct parser *p, double *v, struct token *at, const char *what)
{
	*at = p->tok;
	int neg = 0;
	if (p->tok.kind == TOK_MINUS) {
		neg = 1;
		next(p);
	}
	if (p->tok.kind != TOK_NUMBER) {
		char b[64];
		ERR_AT(p, p->tok, p->tok.kind == TOK_NAME ? ERR_SYNTAX : ERR_BAD_NUMBER,
		       "expected a number for %s but found %s", what, tok_desc(&p->tok, b, sizeof b));
		return -1;
	}
	*v = neg ? -p->tok.num : p->tok.num;
	next(p);
	return 0;
}

static int expect(struct parser *p, enum tok_kind k, const char *what)
{
	if (p->tok.kind == k) {
		next(p);
		return 0;
	}
	char b[64];
	ERR_AT(p, p->tok, k == TOK_RBRACKET ? ERR_UNCLOSED : ERR_SYNTAX, "expected %s but found %s", what,
	       tok_desc(&p->tok, b, sizeof b));
	return -1;
}

/* Sets a label from `label "TEXT"`; the token after `label` must be a string. */
static int parse_label(struct parser *p, int k, const struct token *kw)
{
	if (p->s->nodes[k].label) {
		ERR_AT(p, *kw, ERR_DUPLICATE, "'%.*s' already has a label", (int)strlen(p->s->nodes[k].name),
		       p->s->nodes[k].name);
		return -1;
	}
	next(p);
	if (p->tok.kind != TOK_STRING) {
		char b[64];
		ERR_AT(p, p->tok, ERR_SYNTAX, "expected a quoted label after 'label' but found %s",
		       tok_desc(&p->tok, b, sizeof b));
		return -1;
	}
	char *l = string_value(&p->tok);
	if (!l) {
		out_of_memory(p);
		return -1;
	}
	if (check_notation(p, &p->tok, l)) {
		free(l);
		return -1;
	}
	if (!*l) {
		free(l);
		l = NULL; /* an empty label shows the name */
	}
	p->s->nodes[k].label = l;
	next(p);
	return 0;
}

/* input NAME = SIGNED [in [SIGNED, SIGNED]] [label STRING]   (same for param) */
static int parse_leaf(struct parser *p, enum node_kind kind)
{
	const char *what = kind == NODE_INPUT ? "input" : "param";
	next(p);
	if (p->tok.kind != TOK_NAME) {
		char b[64];
		ERR_AT(p, p->tok, ERR_SYNTAX, "expected a name after '%s' but found %s", what,
		       tok_desc(&p->tok, b, sizeof b));
		return -1;
	}
	struct token name = p->tok;
	int k = add_node(p, &name, kind);
	if (k < 0)
		return -1;
	next(p);
	if (expect(p, TOK_EQ, "'=' and a number (as in: param w = 2)"))
		return -1;
	struct token vtok, lotok, hitok;
	double v, lo = 0, hi = 0;
	if (parse_signed(p, &v, &vtok, "the value"))
		return -1;
	int has_range = 0;
	while (!p->failed && !at_line_end(p)) {
		if (is_word(&p->tok, "in") && !has_range) {
			next(p);
			if (expect(p, TOK_LBRACKET, "'[' to start a range (as in: in [-4, 4])") ||
			    parse_signed(p, &lo, &lotok, "the low end of the range") ||
			    expect(p, TOK_COMMA, "',' between the ends of the range") ||
			    parse_signed(p, &hi, &hitok, "the high end of the range") ||
			    expect(p, TOK_RBRACKET, "']' to close the range"))
				return -1;
			if (!(lo < hi)) {
				ERR_AT(p, lotok, ERR_RANGE, "empty range: the low end must be less than the high end");
				return -1;
			}
			has_range = 1;
		} else if (is_word(&p->tok, "label")) {
			if (parse_label(p, k, &p->tok))
				return -1;
		} else {
			char b[64];
			ERR_AT(p, p->tok, ERR_SYNTAX, "expected 'in [LO, HI]', 'label \"…\"' or the end of the line but found %s",
			       tok_desc(&p->tok, b, sizeof b));
			return -1;
		}
	}
	if (p->failed)
		return -1;
	if (has_range && !(v >= lo && v <= hi)) {
		char a[40], l1[40], h1[40];
		fmt_num_ascii(a, sizeof a, v, 10);
		fmt_num_ascii(l1, sizeof l1, lo, 10);
		fmt_num_ascii(h1, sizeof h1, hi, 10);
		ERR_AT(p, vtok, ERR_RANGE, "%s is outside its range [%s, %s]", a, l1, h1);
		return -1;
	}
	struct node *n = &p->s->nodes[k];
	n->init = v;
	n->has_range = has_range;
	if (has_range) {
		n->lo = lo;
		n->hi = hi;
	} else {
		double r = fabs(v) * 2 > 1 ? fabs(v) * 2 : 1;
		n->lo = -r;
		n->hi = r;
	}
	return 0;
}

/* The statement keyword within two edits of s (parma → param, cots → cost), or NULL. */
static const char *nearest_keyword(const char *s, size_t len)
{
	static const char *const statements[] = { "title", "note", "input", "param", "cost", "plot", "eps",
	                                           "rate", "data", "unit", NULL };
	for (int k = 0; statements[k]; k++) {
		const char *w = statements[k];
		size_t m = strlen(w);
		if (len > m + 2 || m > len + 2 || len > 30)
			continue;
		int d[32][32]; /* edit distance with transpositions */
		for (size_t i = 0; i <= len; i++)
			d[i][0] = (int)i;
		for (size_t j = 0; j <= m; j++)
			d[0][j] = (int)j;
		for (size_t i = 1; i <= len; i++)
			for (size_t j = 1; j <= m; j++) {
				int c = d[i - 1][j - 1] + (s[i - 1] != w[j - 1]);
				c = d[i - 1][j] + 1 < c ? d[i - 1][j] + 1 : c;
				c = d[i][j - 1] + 1 < c ? d[i][j - 1] + 1 : c;
				if (i > 1 && j > 1 && s[i - 1] == w[j - 2] && s[i - 2] == w[j - 1] && d[i - 2][j - 2] + 1 < c)
					c = d[i - 2][j - 2] + 1;
				d[i][j] = c;
			}
		if (d[len][m] <= (m <= 4 ? 1 : 2))
			return w;
	}
	return NULL;
}

/* NAME = expr [label STRING] */
static int parse_computed(struct parser *p)
{
	struct token name = p->tok;
	next(p);
	if (p->tok.kind != TOK_EQ) {
		char b[64];
		char low[16];
		size_t n = name.len < sizeof low - 1 ? name.len : sizeof low - 1;
		for (size_t i = 0; i < n; i++)
			low[i] = (char)(name.start[i] | 0x20);
		low[n] = '\0';
		const char *near = p->tok.kind == TOK_NAME ? nearest_keyword(name.start, name.len) : NULL;
		if (n == name.len && word_in(keywords, low, n) >= 0)
			ERR_AT(p, name, ERR_SYNTAX, "unknown statement '%.*s' (keywords are lower case: '%s')",
			       (int)name.len, name.start, low);
		else if (near)
			ERR_AT(p, name, ERR_SYNTAX, "unknown statement '%.*s' (did you mean '%s'?)", (int)name.len,
			       name.start, near);
		else if (p->tok.kind == TOK_NAME)
			ERR_AT(p, name, ERR_SYNTAX, "unknown statement '%.*s' (a line is NAME = …, or starts with input, param, cost, plot, eps, rate, data, title or note)",
			       (int)name.len, name.start);
		else
			ERR_AT(p, p->tok, ERR_SYNTAX, "expected '=' after '%.*s' but found %s", (int)name.len,
			       name.start, tok_desc(&p->tok, b, sizeof b));
		return -1;
	}
	/* Check the name before the expression so "exp = …" is reported at the name. */
	if (core_is_reserved(name.start, name.len) || name_lookup(p, name.start, name.len) >= 0) {
		add_node(p, &name, NODE_COMPUTED);
		return -1;
	}
	next(p);
	int self = p->s->n_nodes; /* the index the node will get */
	if (graph_status(p, graph_reserve(&p->g, self)) < 0)
		return -1;
	int first_op = p->s->n_ops, first_edge = p->s->n_edges;
	p->defining = name;
	p->depth = 0;
	int root = parse_expr(p, self);
	if (root < 0)
		return -1;
	if (!at_line_end(p) && !is_word(&p->tok, "label")) {
		if (check_operator(p))
			return -1;
		char b[64];
		ERR_AT(p, p->tok, ERR_SYNTAX,
		       "unexpected %s after the expression", tok_desc(&p->tok, b, sizeof b));
		return -1;
	}
	int k = add_node(p, &name, NODE_COMPUTED);
	if (k < 0)
		return -1;
	struct node *n = &p->s->nodes[k];
	n->op_begin = first_op;
	n->op_end = p->s->n_ops;
	n->in_first = first_edge;
	n->n_in = p->s->n_edges - first_edge;
	if (is_word(&p->tok, "label") && parse_label(p, k, &p->tok))
		return -1;
	return expect_line_end(p, "the expression");
}

/* data NAME... NEWLINE (SIGNED... NEWLINE)* */
static int parse_data(struct parser *p)
{
	struct scene *s = p->s;
	if (p->data.at) {
		ERR_AT(p, p->tok, ERR_DUPLICATE, "only one data block is allowed (the first is on line %d)",
		       p->data.line);
		return -1;
	}
	p->data = (struct mark){ p->tok.start, p->tok.len, p->tok.line };
	struct token kw = p->tok;
	next(p);
	int first = s->n_nodes;
	while (p->tok.kind == TOK_NAME) {
		struct token t = p->tok;
		int k = add_node(p, &t, NODE_DATA);
		if (k < 0)
			return -1;
		s->nodes[k].data_col = k - first;
		next(p);
	}
	s->n_cols = s->n_nodes - first;
	if (p->failed)
		return -1;
	if (s->n_cols == 0) {
		ERR_AT(p, p->tok, ERR_DATA, "'data' needs the names of its columns (as in: data x y)");
		return -1;
	}
	if (expect_line_end(p, "the column names"))
		return -1;
	while (!p->failed && p->tok.kind == TOK_NEWLINE) {
		next(p); /* to the first token of the next line */
		if (p->tok.kind == TOK_NEWLINE)
			continue; /* blank or comment-only lines inside the block */
		if (p->tok.kind != TOK_NUMBER && p->tok.kind != TOK_MINUS)
			break;
		struct token rowtok = p->tok;
		int count = 0;
		while (!p->failed && !at_line_end(p)) {
			double v;
			struct token at;
			if (parse_signed(p, &v, &at, "a data value"))
				return -1;
			if (count < s->n_cols) {
				if (s->n_rows >= NUDGE_MAX_ROWS) {
					ERR_AT(p, at, ERR_TOO_BIG, "too many data rows (at most %d)", NUDGE_MAX_ROWS);
					return -1;
				}
				if (core_grow((void **)&s->data, &p->data_cap, (s->n_rows + 1) * s->n_cols,
				              sizeof *s->data)) {
					out_of_memory(p);
					return -1;
				}
				s->data[s->n_rows * s->n_cols + count] = v;
			}
			count++;
		}
		if (p->failed)
			return -1;
		if (count != s->n_cols) {
			ERR_AT(p, rowtok, ERR_DATA, "this data row has %d value%s but the data block has %d column%s",
			       count, count == 1 ? "" : "s", s->n_cols, s->n_cols == 1 ? "" : "s");
			return -1;
		}
		s->n_rows++;
	}
	if (p->failed)
		return -1;
	if (s->n_rows == 0) {
		ERR_AT(p, kw, ERR_DATA, "the data block has no rows (put one row of numbers per line under it)");
		return -1;
	}
	for (int c = 0; c < s->n_cols; c++) {
		struct node *n = &s->nodes[first + c];
		double lo = INFINITY, hi = -INFINITY;
		for (int r = 0; r < s->n_rows; r++) {
			double v = s->data[r * s->n_cols + c];
			lo = v < lo ? v : lo;
			hi = v > hi ? v : hi;
		}
		n->init = s->data[c];
		n->lo = lo;
		n->hi = hi > lo ? hi : lo + 1;
	}
	return 1; /* already at the first token of the line after the block */
}

/* Remembers the NAME of `cost NAME` / `plot NAME` for checking at the end. */
static int parse_name_stmt(struct parser *p, struct mark *m, const char *kw)
{
	struct token kwt = p->tok;
	if (m->at) {
		ERR_AT(p, kwt, ERR_DUPLICATE, "'%s' is given twice (first on line %d)", kw, m->line);
		return -1;
	}
	next(p);
	if (p->tok.kind != TOK_NAME) {
		char b[64];
		ERR_AT(p, p->tok, ERR_SYNTAX, "expected a name after '%s' but found %s", kw,
		       tok_desc(&p->tok, b, sizeof b));
		return -1;
	}
	*m = (struct mark){ p->tok.start, p->tok.len, p->tok.line };
	next(p);
	return expect_line_end(p, kw);
}

/* plot_stmt = "plot" NAME [ "," NAME ]
 * One name: J against it; two: the map of J over both (the landscape). */
static int parse_plot(struct parser *p)
{
	struct token kwt = p->tok;
	if (p->plot.at) {
		ERR_AT(p, kwt, ERR_DUPLICATE, "'plot' is given twice (first on line %d)", p->plot.line);
		return -1;
	}
	for (int k = 0; k < 2; k++) {
		next(p);
		if (p->tok.kind != TOK_NAME) {
			char b[64];
			ERR_AT(p, p->tok, ERR_SYNTAX, "expected a name after '%s' but found %s", k ? "," : "plot",
			       tok_desc(&p->tok, b, sizeof b));
			return -1;
		}
		*(k ? &p->plot2 : &p->plot) = (struct mark){ p->tok.start, p->tok.len, p->tok.line };
		next(p);
		if (p->tok.kind != TOK_COMMA)
			break;
		if (k) {
			ERR_AT(p, p->tok, ERR_BAD_PLOT, "plot takes one name (J against it) or two (the map of J over both), not three");
			return -1;
		}
	}
	return expect_line_end(p, "plot");
}

/* unit_stmt := "unit" NAME ("," NAME)*
 * The nodes drawn as neuron units (nudge/unit.h); with none, units are detected. */
static int parse_unit(struct parser *p)
{
	do {
		next(p);
		if (p->tok.kind != TOK_NAME) {
			char b[64];
			ERR_AT(p, p->tok, ERR_SYNTAX, "expected a name after '%s' but found %s",
			       p->n_units && p->units[p->n_units - 1].line == p->tok.line ? "," : "unit",
			       tok_desc(&p->tok, b, sizeof b));
			return -1;
		}
		if (core_grow((void **)&p->units, &p->units_cap, p->n_units + 1, sizeof *p->units)) {
			out_of_memory(p);
			return -1;
		}
		p->units[p->n_units++] = (struct mark){ p->tok.start, p->tok.len, p->tok.line };
		next(p);
	} while (p->tok.kind == TOK_COMMA);
	return expect_line_end(p, "unit");
}

static int parse_number_stmt(struct parser *p, struct mark *m, const char *kw, double *out, int positive)
{
	struct token kwt = p->tok;
	if (m->at) {
		ERR_AT(p, kwt, ERR_DUPLICATE, "'%s' is given twice (first on line %d)", kw, m->line);
		return -1;
	}
	*m = (struct mark){ kwt.start, kwt.len, kwt.line };
	next(p);
	struct token at;
	double v;
	if (parse_signed(p, &v, &at, kw))
		return -1;
	if (positive ? !(v > 0) : !(v >= 0)) {
		ERR_AT(p, at, ERR_BAD_NUMBER, "'%s' must be %s", kw, positive ? "greater than 0" : "0 or more");
		return -1;
	}
	*out = v;
	return expect_line_end(p, kw);
}

static int parse_text_stmt(struct parser *p, const char *kw, char **out)
{
	next(p);
	if (p->tok.kind != TOK_STRING) {
		char b[64];
		ERR_AT(p, p->tok, ERR_SYNTAX, "expected a quoted text after '%s' but found %s", kw,
		       tok_desc(&p->tok, b, sizeof b));
		return -1;
	}
	*out = string_value(&p->tok);
	if (!*out) {
		out_of_memory(p);
		return -1;
	}
	next(p);
	return expect_line_end(p, "the text");
}

/* One statement, starting at the current token. Returns 1 when it left the parser at
 * the start of the next line already (data), 0 when at its line end, -1 on error. */
static int parse_statement(struct parser *p)
{
	struct scene *s = p->s;
	struct token t = p->tok;
	p->statements++;
	if (t.kind != TOK_NAME) {
		char b[64];
		ERR_AT(p, t, ERR_SYNTAX, "expected a statement (input, param, NAME = …, cost, plot, …) but found %s",
		       tok_desc(&t, b, sizeof b));
		return -1;
	}
	struct lexer peek = p->lx;
	struct nudge_error ignored;
	peek.err = &ignored;
	int assign = lex_next(&peek).kind == TOK_EQ;
	if (assign && !is_word(&t, "input") && !is_word(&t, "param"))
		return parse_computed(p);
	if (is_word(&t, "title")) {
		if (p->title.at) {
			ERR_AT(p, t, ERR_DUPLICATE, "'title' is given twice (first on line %d)", p->title.line);
			return -1;
		}
		p->title = (struct mark){ t.start, t.len, t.line };
		return parse_text_stmt(p, "title", &s->title);
	}
	if (is_word(&t, "note")) {
		if (core_grow((void **)&s->notes, &p->note_cap, s->n_notes + 1, sizeof *s->notes)) {
			out_of_memory(p);
			return -1;
		}
		s->notes[s->n_notes] = NULL;
		int r = parse_text_stmt(p, "note", &s->notes[s->n_notes]);
		if (s->notes[s->n_notes])
			s->n_notes++;
		return r;
	}
	if (is_word(&t, "input"))
		return parse_leaf(p, NODE_INPUT);
	if (is_word(&t, "param"))
		return parse_leaf(p, NODE_PARAM);
	if (is_word(&t, "cost"))
		return parse_name_stmt(p, &p->cost, "cost");
	if (is_word(&t, "plot"))
		return parse_plot(p);
	if (is_word(&t, "eps"))
		return parse_number_stmt(p, &p->eps, "eps", &s->eps, 1);
	if (is_word(&t, "rate"))
		return parse_number_stmt(p, &p->rate, "rate", &s->rate, 0);
	if (is_word(&t, "data"))
		return parse_data(p);
	if (is_word(&t, "unit"))
		return parse_unit(p);
	return parse_computed(p); /* reports "expected '='" with a hint */
}

/* The input or param a NAME of `plot` names, or -1 with the error recorded. */
static int resolve_plot(struct parser *p, const struct mark *m)
{
	struct token t = { .kind = TOK_NAME, .start = m->at, .len = m->len, .line = m->line };
	int k = name_lookup(p, t.start, t.len);
	if (k < 0) {
		ERR_AT(p, t, ERR_UNKNOWN_NAME, "plot names '%.*s', which is not defined", (int)t.len, t.start);
		return -1;
	}
	const struct scene *s = p->s;
	const struct node *nd = &s->nodes[k];
	int cost = s->cost; /* named, or else the last computed node (the default) */
	for (int v = 0; v < s->n_nodes && !p->cost.at; v++)
		cost = s->nodes[v].kind == NODE_COMPUTED ? v : cost;
	if (nd->kind != NODE_PARAM && nd->kind != NODE_INPUT) {
		ERR_AT(p, t, ERR_BAD_PLOT, "plot must name an input or a param, but '%.*s' is %s", (int)t.len,
		       t.start, nd->kind == NODE_DATA ? "a data column" : k == cost ? "the cost itself" : "a computed node");
		return -1;
	}
	return k;
}

/* Resolves `cost` and `plot` once every name is known, and applies defaults. */
static int resolve(struct parser *p)
{
	struct scene *s = p->s;
	int last = -1;
	for (int k = 0; k < s->n_nodes; k++)
		if (s->nodes[k].kind == NODE_COMPUTED)
			last = k;
	if (!p->cost.at && last < 0) {
		struct token t = p->tok;
		if (p->statements == 0)
			ERR_AT(p, t, ERR_NO_COST, "the scene is empty: write at least one computed line such as J = w^2");
		else
			ERR_AT(p, t, ERR_NO_COST, "the scene has no computed node to take as the cost (a line such as J = w^2)");
		return -1;
	}
	if (p->cost.at) {
		struct token t = { .kind = TOK_NAME, .start = p->cost.at, .len = p->cost.len, .line = p->cost.line };
		int k = name_lookup(p, t.start, t.len);
		if (k < 0) {
			ERR_AT(p, t, ERR_UNKNOWN_NAME, "cost names '%.*s', which is not defined", (int)t.len, t.start);
			return -1;
		}
		if (s->nodes[k].kind != NODE_COMPUTED) {
			ERR_AT(p, t, ERR_NO_COST, "the cost must be a computed node, but '%.*s' is %s", (int)t.len,
			       t.start, s->nodes[k].kind == NODE_PARAM ? "a param" :
			       s->nodes[k].kind == NODE_INPUT ? "an input" : "a data column");
			return -1;
		}
		s->cost = k;
	}
	if (p->plot.at && (s->plot = resolve_plot(p, &p->plot)) < 0)
		return -1;
	if (p->plot2.at && (s->plot2 = resolve_plot(p, &p->plot2)) < 0)
		return -1;
	if (p->plot2.at && s->plot2 == s->plot) {
		struct token t = { .kind = TOK_NAME, .start = p->plot2.at, .len = p->plot2.len, .line = p->plot2.line };
		ERR_AT(p, t, ERR_BAD_PLOT, "plot names '%.*s' twice: the map needs two different names", (int)t.len,
		       t.start);
		return -1;
	}
	return graph_status(p, graph_defaults(s, p->cost.at != NULL, p->plot.at != NULL));
}

/* Checks every NAME of the `unit` statements once the graph is finished (each must be
 * a unit, named once, in no other unit), then finds the scene's units: those, or
 * else the detected ones. */
static int resolve_units(struct parser *p)
{
	struct scene *s = p->s;
	int *stated = malloc(((size_t)p->n_units + 1) * sizeof *stated);
	if (!stated) {
		out_of_memory(p);
		return -1;
	}
	for (int i = 0; i < p->n_units && !p->failed; i++) {
		const struct mark *m = &p->units[i];
		struct token t = { .kind = TOK_NAME, .start = m->at, .len = m->len, .line = m->line };
		int k = stated[i] = name_lookup(p, t.start, t.len);
		for (int j = 0; j < i && k >= 0; j++)
			if (stated[j] == k) {
				ERR_AT(p, t, ERR_DUPLICATE, "'%.*s' is named as a unit twice (first on line %d)",
				       (int)t.len, t.start, p->units[j].line);
				break;
			}
		struct unit u;
		enum unit_why why = k < 0 ? UNIT_OK : unit_match(s, k, 1, &u);
		if (k < 0)
			ERR_AT(p, t, ERR_UNKNOWN_NAME, "unit names '%.*s', which is not defined", (int)t.len, t.start);
		else if (why == UNIT_NO_MEMORY)
			out_of_memory(p);
		else if (why != UNIT_OK)
			ERR_AT(p, t, ERR_BAD_UNIT, "'%.*s' is not a unit a = g(w·x + … + b): %s", (int)t.len, t.start,
			       unit_why_text(why));
		else
			free(u.w);
	}
	if (!p->failed && !(s->units = unit_set_new(s, stated, p->n_units)))
		out_of_memory(p);
	for (int i = 0; !p->failed && i < p->n_units; i++)
		if (s->units->member[stated[i]] < 0 || s->units->units[s->units->member[stated[i]]].a != stated[i]) {
			const struct mark *m = &p->units[i];
			struct token t = { .kind = TOK_NAME, .start = m->at, .len = m->len, .line = m->line };
			ERR_AT(p, t, ERR_BAD_UNIT, "'%.*s' is part of another unit named here", (int)t.len, t.start);
		}
	free(stated);
	return p->failed ? -1 : 0;
}

struct scene *scene_parse(const char *src, size_t len, const char *path, struct nudge_error *err)
{
	struct nudge_error local;
	if (!err)
		err = &local;
	memset(err, 0, sizeof *err);
	if (lex_check_text(src, len, err))
		return NULL;
	if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0) { /* a byte-order mark some editors write */
		src += 3;
		len -= 3;
	}
	struct scene *s = calloc(1, sizeof *s);
	struct parser p = { .s = s, .err = err };
	if (!s || !(s->path = strdup(path ? path : "<string>"))) {
		free(s);
		core_error_at(err, ERR_TOO_BIG, NULL, NULL, NULL, 0, "out of memory");
		return NULL;
	}
	s->serial = core_serial();
	s->eps = 0.001;
	s->rate = 0.1;
	s->plot = -1;
	s->plot2 = -1;
	s->cost = -1;
	lex_init(&p.lx, src, len, err);
	if (graph_build_init(&p.g, s))
		out_of_memory(&p);
	next(&p);
	while (!p.failed && p.tok.kind != TOK_EOF) {
		if (p.tok.kind == TOK_NEWLINE) {
			next(&p);
			continue;
		}
		int r = parse_statement(&p);
		if (r == 0)
			next(&p); /* past the newline */
	}
	if (!p.failed)
		resolve(&p);
	if (!p.failed && scene_finish(s))
		out_of_memory(&p);
	if (!p.failed)
		resolve_units(&p);
	graph_build_free(&p.g);
	free(p.units);
	if (p.failed) {
		scene_free(s);
		return NULL;
	}
	return s;
}
