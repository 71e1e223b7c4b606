/* test-parser.c - the scene parser: a table of refused scenes with the error kind,
 * line and column each must give; precedence and associativity checked against C's
 * own arithmetic; defaults; labels, ranges and data; hostile input (deep nesting,
 * an 800 KB line, binary garbage, invalid UTF-8) refused or evaluated, never a crash. */
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nudge/eval.h"
#include "nudge/scene.h"
#include "test.h"

struct bad_case {
	const char *src;
	enum nudge_err_kind kind;
	int line, col;
};

static const struct bad_case bad[] = {
	{ "param w = 2\nJ = w +\n", ERR_SYNTAX, 2, 8 },
	{ "param w = 2\nJ = v * 2\n", ERR_UNKNOWN_NAME, 2, 5 },
	{ "J = w * 2\nparam w = 2\n", ERR_UNKNOWN_NAME, 1, 5 },
	{ "param w = 2\nparam w = 3\nJ = w\n", ERR_REDEFINED, 2, 7 },
	{ "param w = 2\nJ = foo(w)\n", ERR_UNKNOWN_FUNC, 2, 5 },
	{ "param w = 2\nJ = (w + 1\n", ERR_UNCLOSED, 2, 11 },
	{ "param w = 2\nJ = exp(w\n", ERR_UNCLOSED, 2, 10 },
	{ "param w = 5 in [-4, 4]\nJ = w\n", ERR_RANGE, 1, 11 },
	{ "param w = -5 in [-4, 4]\nJ = w\n", ERR_RANGE, 1, 11 },
	{ "param w = 1 in [4, -4]\nJ = w\n", ERR_RANGE, 1, 17 },
	{ "param w = 1 in [4, 4\nJ = w\n", ERR_UNCLOSED, 1, 21 },
	{ "param w = 1\nJ = w\ncost K\n", ERR_UNKNOWN_NAME, 3, 6 },
	{ "param w = 1\nJ = w\ncost w\n", ERR_NO_COST, 3, 6 },
	{ "param w = 1\nJ = w\nplot J\n", ERR_BAD_PLOT, 3, 6 },
	{ "param w = 1\nJ = w\nplot q\n", ERR_UNKNOWN_NAME, 3, 6 },
	{ "param w = 1\nparam b = 1\ninput x = 1\nJ = w*x+b\nplot w, b, x\n", ERR_BAD_PLOT, 5, 10 },
	{ "param w = 1\nparam b = 1\nJ = w+b\nplot w, J\n", ERR_BAD_PLOT, 4, 9 },
	{ "param w = 1\nparam b = 1\nJ = w+b\nplot w, q\n", ERR_UNKNOWN_NAME, 4, 9 },
	{ "param w = 1\nparam b = 1\nJ = w+b\nplot w, w\n", ERR_BAD_PLOT, 4, 9 },
	{ "param w = 1\nparam b = 1\nJ = w+b\nplot w,\n", ERR_SYNTAX, 4, 8 },
	{ "param w = 1\ndata x\n 1\nJ = w*x\nplot w, x\n", ERR_BAD_PLOT, 5, 9 },
	{ "param w = 1\ndata x y\n 1 2\n 3\nJ = w*x\n", ERR_DATA, 4, 2 },
	{ "param w = 1\ndata x y\n 1 2 5\nJ = w*x\n", ERR_DATA, 3, 2 },
	{ "param w = 1\ndata x y\nJ = w\n", ERR_DATA, 2, 1 },
	{ "param w = 1\ndata\n 1\nJ = w\n", ERR_DATA, 2, 5 },
	{ "input x = 1\nparam w = 1\ndata x\n 1\nJ = w\n", ERR_REDEFINED, 3, 6 },
	{ "param w = 1\nJ = 2w\n", ERR_SYNTAX, 2, 6 },
	{ "param w = 1\nJ = w (w)\n", ERR_SYNTAX, 2, 7 },
	{ "param w = 1\nJ = w )\n", ERR_SYNTAX, 2, 7 },
	{ "param exp = 1\nJ = exp\n", ERR_RESERVED, 1, 7 },
	{ "param w = 1\nlabel = w\n", ERR_RESERVED, 2, 1 },
	{ "param w = 1\nJ = w + exp\n", ERR_SYNTAX, 2, 9 },
	{ "param w = 1\nJ = J + w\n", ERR_UNKNOWN_NAME, 2, 5 },
	{ "", ERR_NO_COST, 1, 1 },
	{ "# only a comment\n\n", ERR_NO_COST, 3, 1 },
	{ "param w = 1\n", ERR_NO_COST, 2, 1 },
	{ "\x01\x02", ERR_SYNTAX, 1, 1 },
	{ "param w = 1\nJ = w # \xff\n", ERR_ENCODING, 2, 9 },
	{ "title \"a\"\ntitle \"b\"\nparam w = 1\nJ = w\n", ERR_DUPLICATE, 2, 1 },
	{ "Param w = 1\nJ = w\n", ERR_SYNTAX, 1, 1 },
	{ "param w = 1e999\nJ = w\n", ERR_BAD_NUMBER, 1, 11 },
	{ "param w = 1e\nJ = w\n", ERR_BAD_NUMBER, 1, 11 },
	{ "param w = x\nJ = w\n", ERR_SYNTAX, 1, 11 },
	{ "param w = 1\nJ = w label\n", ERR_SYNTAX, 2, 12 },
	{ "param w = 1\nJ = \"s\"\n", ERR_SYNTAX, 2, 5 },
	{ "param w = 1\nJ = w\nnote \"unterminated\n", ERR_UNCLOSED, 3, 6 },
	{ "param w = 1\nJ = w\neps 0\n", ERR_BAD_NUMBER, 3, 5 },
	{ "param w = 1\nJ = w\nrate -1\n", ERR_BAD_NUMBER, 3, 6 },
	{ "param w = 1\nJ = w\neps 1\neps 2\n", ERR_DUPLICATE, 4, 1 },
	{ "param \xc5\xb7 = 1\nJ = 1\n", ERR_SYNTAX, 1, 7 },
	{ "param w = 1 label \"\xc5\xb7\" foo\nJ = w\n", ERR_SYNTAX, 1, 23 },
	{ "param w = 1\nJ = w ^ ^ 2\n", ERR_SYNTAX, 2, 9 },
	{ "param w = 1\n= w\n", ERR_SYNTAX, 2, 1 },
	{ "param w = 1\n3 = w\n", ERR_SYNTAX, 2, 1 },
	{ "input = 1\nJ = 1\n", ERR_SYNTAX, 1, 7 },
	{ "param w = 1\nJ = w\ncost\n", ERR_SYNTAX, 3, 5 },
	{ "param w = 1\nJ = w\ncost J J\n", ERR_SYNTAX, 3, 8 },
	{ "param w = 1\nJ = w @ 2\n", ERR_SYNTAX, 2, 7 },
	/* control characters in strings would reach a terminal raw (ESC ] sets its title) */
	{ "title \"a\x1b]0;x\x07\"\nparam w = 1\nJ = w\n", ERR_CONTROL, 1, 9 },
	{ "param w = 1 label \"w\x1b[31m\"\nJ = w\n", ERR_CONTROL, 1, 21 },
	{ "param w = 1\nJ = w\nnote \"tab\there\"\n", ERR_CONTROL, 3, 10 },
	{ "param w = 1\nJ = w\nnote \"c1 \xc2\x9b" "31m\"\n", ERR_CONTROL, 3, 10 },
	{ "param w = 1\nJ = w\nnote \"del \x7f\"\n", ERR_CONTROL, 3, 11 },
	{ "param w = 1\nJ = w \xc2\x9b 2\n", ERR_SYNTAX, 2, 7 },
	/* unit NAME, …: each name a unit a = g(w·x + … + b), named once (checked at the end) */
	{ "input x = 1\nparam w = 1\na = tanh(w*x)\nJ = a^2\nunit q\n", ERR_UNKNOWN_NAME, 5, 6 },
	{ "input x = 1\nparam w = 1\na = tanh(w*x)\nJ = a^2\nunit a, w\n", ERR_BAD_UNIT, 5, 9 },
	{ "input x = 1\nparam w = 1\na = tanh(w*x)\nJ = a^2\nunit J\n", ERR_BAD_UNIT, 5, 6 },
	{ "input x = 1\nparam w = 1\na = tanh(w*x + x)\nJ = a^2\nunit a\n", ERR_BAD_UNIT, 5, 6 },
	{ "input x = 1\nparam w = 1\nz = w*x\na = tanh(z)\nJ = a*z\nunit a\n", ERR_BAD_UNIT, 6, 6 },
	{ "input x = 1\nparam w = 1\na = tanh(w*x)\nJ = a*w\nunit a\n", ERR_BAD_UNIT, 5, 6 },
	{ "input x = 1\nparam w = 1\na = tanh(w*x)\nJ = a^2\nunit a\nunit a\n", ERR_DUPLICATE, 6, 6 },
	{ "input x = 1\nparam w = 1\na = tanh(w*x)\nJ = a^2\nunit a,\n", ERR_SYNTAX, 5, 8 },
	{ "input x = 1\nparam w = 1\na = tanh(w*x)\nJ = a^2\nunit\n", ERR_SYNTAX, 5, 5 },
	{ "input x = 1\nparam w = 1\na = tanh(w*x)\nJ = a^2\nunit a a\n", ERR_SYNTAX, 5, 8 },
	{ "input x = 1\nparam w = 1\nparam v = 1\nz = w*x\na = tanh(z)\nJ = a^2\nunit z, a\n",
	  ERR_BAD_UNIT, 7, 9 },
	/* a label's notation (w[1]_11, x_{in}): the column is the fault's inside the quotes */
	{ "param w = 1 label \"w[1\"\nJ = w\n", ERR_UNCLOSED, 1, 21 },
	{ "param w = 1 label \"a[2]_{10\"\nJ = w\n", ERR_UNCLOSED, 1, 25 },
	{ "param w = 1\nJ = w label \"J_{\"\n", ERR_UNCLOSED, 2, 16 },
	{ "param w = 1 label \"\\\"w[1\"\nJ = w\n", ERR_UNCLOSED, 1, 23 },
	{ "param w = 1 label \"\xc5\xb7[1\"\nJ = w\n", ERR_UNCLOSED, 1, 21 },
	{ "param w = 1 label \"w]\"\nJ = w\n", ERR_SYNTAX, 1, 21 },
	{ "param w = 1 label \"[1]\"\nJ = w\n", ERR_SYNTAX, 1, 20 },
	{ "param w = 1 label \"w[1]_\"\nJ = w\n", ERR_SYNTAX, 1, 24 },
	{ "param w = 1 label \"w[a b]\"\nJ = w\n", ERR_SYNTAX, 1, 21 },
	{ "param w = 1 label \"w[123456789]\"\nJ = w\n", ERR_SYNTAX, 1, 21 },
	{ "param w = 1 label \"x_{}\"\nJ = w\n", ERR_SYNTAX, 1, 21 },
	{ "param w = 1 label \"x^ 2\"\nJ = w\n", ERR_SYNTAX, 1, 21 },
	{ "param w = 1 label \"(x)_1\"\nJ = w\n", ERR_SYNTAX, 1, 23 },
};

static void test_bad_table(void)
{
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const struct bad_case *c = &bad[i];
		size_t len = strlen(c->src);
		struct nudge_error err;
		struct scene *s = scene_parse(c->src, len, "t.nudge", &err);
		CHECK(s == NULL, "case %zu should be refused: %s", i, c->src);
		scene_free(s);
		if (s)
			continue;
		CHECK(err.kind == c->kind, "case %zu: kind %d, expected %d (%s)", i, err.kind, c->kind, err.msg);
		CHECK(err.line == c->line && err.col == c->col, "case %zu: at %d:%d, expected %d:%d (%s)", i, err.line,
		      err.col, c->line, c->col, err.msg);
		CHECK(err.msg[0] != '\0', "case %zu: an empty message", i);
		char buf[1024];
		nudge_error_format(&err, "t.nudge", buf, sizeof buf);
		char want[64];
		snprintf(want, sizeof want, "t.nudge:%d:%d: error: ", c->line, c->col);
		CHECK(strncmp(buf, want, strlen(want)) == 0, "case %zu: formatted as %s", i, buf);
		CHECK(strchr(buf, '^') != NULL, "case %zu: no caret in %s", i, buf);
	}
}

/* Parses "param w = W\nJ = EXPR" and returns J, or nan when refused. */
static double value_of(const char *expr, double w)
{
	char src[512];
	snprintf(src, sizeof src, "param w = %.17g\nparam v = 3\nJ = %s\n", w, expr);
	struct nudge_error err;
	struct scene *s = scene_parse(src, strlen(src), "t", &err);
	if (!s) {
		fprintf(stderr, "refused: %s: %s\n", expr, err.msg);
		return NAN;
	}
	struct eval *ev = eval_new(s);
	double v = ev->cost;
	eval_free(ev);
	scene_free(s);
	return v;
}

static void test_precedence(void)
{
	double w = 1.7, v = 3;
	struct { const char *expr; double want; } cases[] = {
		{ "2^3^2", 512 },
		{ "-2^2", -4 },
		{ "(-2)^2", 4 },
		{ "-w^2", -(w * w) },
		{ "2*3+4", 10 },
		{ "2+3*4", 14 },
		{ "10-4-3", 3 },
		{ "64/4/2", 8 },
		{ "2^-1", 0.5 },
		{ "-w*v", -w * v },
		{ "--w", w },
		{ "w - -v", w + v },
		{ "2*w^2/v", 2 * w * w / v },
		{ "(w+v)*(w-v)", (w + v) * (w - v) },
		{ ".5 + 1e-3 + 2.5E+2 + 3.", 0.5 + 1e-3 + 250 + 3 },
		{ "exp(w) + log(v) + sqrt(v) + abs(-w)", exp(w) + log(v) + sqrt(v) + w },
		{ "sin(w) * cos(v) + tanh(w)", sin(w) * cos(v) + tanh(w) },
		{ "sigmoid(w) + relu(-w) + relu(w)", 1 / (1 + exp(-w)) + w },
		{ "w^v^0.5", pow(w, pow(v, 0.5)) },
		{ "2^w*3", pow(2, w) * 3 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		CHECK_NEAR(value_of(cases[i].expr, w), cases[i].want, 1e-14, cases[i].expr);
	CHECK(isinf(value_of("1/w", 0)), "1/0 is inf");
	CHECK(isnan(value_of("log(w)", -1)), "log(-1) is nan");
	CHECK(isnan(value_of("sqrt(w)", -1)), "sqrt(-1) is nan");
	CHECK(isinf(value_of("exp(w)", 1000)), "exp(1000) overflows to inf");
}

static void test_statements(void)
{
	const char *src =
		"# comment\n"
		"title \"Two \\\"quoted\\\" words\"   # trailing comment\n"
		"note \"first\"\n"
		"note \"second\"\n"
		"input x = -2\n"
		"param w = 2 label \"w[1]\" in [-3, 5]\n"
		"param b = 0.5 in [0, 1]\n"
		"\r\n"
		"c = w * x  label \"ĉ\"\n"
		"J = c + b\n"
		"q = J * 2\n"
		"rate 0.25\n";
	struct nudge_error err;
	struct scene *s = scene_parse(src, strlen(src), "t", &err);
	CHECK(s != NULL, "refused: %s at %d:%d", err.msg, err.line, err.col);
	if (!s)
		return;
	CHECK(strcmp(s->title, "Two \"quoted\" words") == 0, "title %s", s->title);
	CHECK(s->n_notes == 2 && strcmp(s->notes[1], "second") == 0, "notes");
	CHECK(s->n_nodes == 6, "%d nodes", s->n_nodes);
	int w = scene_find(s, "w"), x = scene_find(s, "x"), c = scene_find(s, "c");
	CHECK(strcmp(s->nodes[w].label, "w[1]") == 0, "label of w");
	CHECK(strcmp(s->nodes[x].label, "x") == 0, "label defaults to the name");
	CHECK(strcmp(s->nodes[c].label, "ĉ") == 0, "label of c");
	CHECK(s->nodes[w].has_range && s->nodes[w].lo == -3 && s->nodes[w].hi == 5, "range of w");
	CHECK(!s->nodes[x].has_range && s->nodes[x].lo <= -2 && s->nodes[x].hi >= -2 &&
	      s->nodes[x].lo < s->nodes[x].hi, "a picked range contains the value");
	CHECK(s->cost == scene_find(s, "q"), "the cost defaults to the last computed node");
	CHECK(s->plot == w, "plot defaults to the first param");
	CHECK(s->eps == 0.001, "eps defaults to 0.001");
	CHECK(s->rate == 0.25, "rate");
	CHECK(s->n_edges == 5, "%d edges", s->n_edges);
	CHECK(s->nodes[c].layer == 1 && s->nodes[scene_find(s, "q")].layer == 3, "layers");
	scene_free(s);

	const char *two = "param w = 1\nJ = w * w + w\nK = J\ncost J\nplot w\n";
	s = scene_parse(two, strlen(two), "t", &err);
	CHECK(s && s->cost == 1 && s->n_edges == 2, "one edge per distinct name; cost named");
	CHECK(s && !s->nodes[2].feeds_cost && s->nodes[0].feeds_cost, "feeds_cost");
	scene_free(s);

	const char *bom = "\xEF\xBB\xBFparam w = 1\r\nJ = w\r\n";
	s = scene_parse(bom, strlen(bom), "t", &err);
	CHECK(s && s->n_nodes == 2, "a byte-order mark and CRLF line ends are accepted");
	scene_free(s);

	const char *nodata = "input x = 1\nJ = 2 * x\n";
	s = scene_parse(nodata, strlen(nodata), "t", &err);
	CHECK(s && s->plot == 0, "without params, plot defaults to the first input");
	CHECK(s && s->plot2 == -1, "one plotted leaf without `plot A, B`");
	scene_free(s);

	const char *map = "param w = 1\ninput x = 2\nparam b = 0\nJ = (w*x+b)^2\nplot b, x\n";
	s = scene_parse(map, strlen(map), "t", &err);
	CHECK(s && s->plot == 2 && s->plot2 == 1, "`plot b, x` plots b and the input x on a map");
	scene_free(s);
}

static void test_data(void)
{
	const char *src =
		"param w = 0.5\n"
		"data x y\n"
		"  1 2\n"
		"\n"
		"  # a comment inside the block\n"
		"  -2 -4.5\n"
		"  3e0 6\n"
		"yhat = w * x\n"
		"J = (yhat - y)^2\n";
	struct nudge_error err;
	struct scene *s = scene_parse(src, strlen(src), "t", &err);
	CHECK(s != NULL, "refused: %s at %d:%d", err.msg, err.line, err.col);
	if (!s)
		return;
	CHECK(s->n_rows == 3 && s->n_cols == 2, "%d rows, %d cols", s->n_rows, s->n_cols);
	CHECK(s->data[2] == -2 && s->data[3] == -4.5 && s->data[4] == 3, "row values");
	int x = scene_find(s, "x");
	CHECK(s->nodes[x].kind == NODE_DATA && s->nodes[x].data_col == 0, "x is a data column");
	struct eval *ev = eval_new(s);
	double want = ((0.5 - 2) * (0.5 - 2) + (-1 + 4.5) * (-1 + 4.5) + (1.5 - 6) * (1.5 - 6)) / 3;
	CHECK_NEAR(ev->cost, want, 1e-14, "mean cost over rows");
	eval_free(ev);
	scene_free(s);
}

static void test_hostile(void)
{
	/* 100,000 open parentheses */
	size_t n = 100000;
	char *src = malloc(n + 32);
	strcpy(src, "param w = 1\nJ = ");
	size_t l = strlen(src);
	memset(src + l, '(', n);
	strcpy(src + l + n, "w\n");
	struct nudge_error err;
	struct scene *s = scene_parse(src, strlen(src), "t", &err);
	CHECK(s == NULL && err.kind == ERR_TOO_DEEP, "deep nesting refused (kind %d)", err.kind);
	scene_free(s);
	/* the same depth of unary minus, and of powers */
	memset(src + l, '-', n);
	s = scene_parse(src, strlen(src), "t", &err);
	CHECK(s == NULL && err.kind == ERR_TOO_DEEP, "deep unary minus refused");
	scene_free(s);
	free(src);

	/* an 800 KB line w + w + … parses and evaluates */
	size_t terms = 200000;
	src = malloc(terms * 4 + 64);
	strcpy(src, "param w = 1.5\nJ = w");
	char *end = src + strlen(src);
	for (size_t i = 1; i < terms; i++, end += 4)
		memcpy(end, " + w", 5);
	s = scene_parse(src, strlen(src), "t", &err);
	CHECK(s != NULL, "long line refused: %s", err.msg);
	if (s) {
		struct eval *ev = eval_new(s);
		CHECK_NEAR(ev->cost, 1.5 * terms, 1e-12, "the long sum");
		CHECK_NEAR(ev->mean_grad[0], (double)terms, 1e-12, "its gradient");
		eval_free(ev);
	}
	scene_free(s);
	free(src);

	/* garbage: every byte value, and a pseudo-random blob */
	unsigned char blob[4096];
	unsigned x = 12345;
	for (size_t i = 0; i < sizeof blob; i++) {
		x = x * 1103515245u + 12345u;
		blob[i] = (unsigned char)(x >> 16);
	}
	s = scene_parse((const char *)blob, sizeof blob, "t", &err);
	CHECK(s == NULL && err.kind != ERR_NONE, "random bytes refused");
	scene_free(s);
	for (int b = 0; b < 256; b++) {
		char one[2] = { (char)b, 0 };
		s = scene_parse(one, 1, "t", &err);
		CHECK(s == NULL, "the single byte %d refused", b);
		scene_free(s);
	}
	/* a NUL byte in the middle */
	static const char nul[] = "param w = 1\nJ = w\0\n";
	s = scene_parse(nul, sizeof nul - 1, "t", &err);
	CHECK(s == NULL && err.kind == ERR_ENCODING && err.line == 2 && err.col == 6, "NUL at %d:%d", err.line,
	      err.col);
	scene_free(s);
	/* a long line with an error far to the right keeps a caret under the error */
	src = malloc(300000);
	strcpy(src, "param w = 1\nJ = w");
	end = src + strlen(src);
	for (int i = 0; i < 20000; i++, end += 4)
		memcpy(end, " + w", 5);
	strcpy(end, " + ?\n");
	s = scene_parse(src, strlen(src), "t", &err);
	CHECK(s == NULL && err.kind == ERR_SYNTAX && err.line == 2 && err.col == 5 + 20000 * 4 + 4,
	      "error far along a line at %d:%d", err.line, err.col);
	CHECK(strlen(err.text) < sizeof err.text && err.text_col > 0 && err.text_col <= (int)strlen(err.text) + 1,
	      "the source window around the error");
	scene_free(s);
	free(src);
}

static void test_load(void)
{
	struct nudge_error err;
	struct scene *s = scene_load("/nonexistent/nudge/scene.nudge", &err);
	CHECK(s == NULL && err.kind == ERR_IO && err.line == 0, "a missing file is an I/O error");
	s = scene_load("/", &err);
	CHECK(s == NULL && err.kind == ERR_IO, "a folder is an I/O error (kind %d)", err.kind);
	char buf[256];
	nudge_error_format(&err, "/", buf, sizeof buf);
	CHECK(strncmp(buf, "/: error: ", 10) == 0, "no position without a line: %s", buf);

	/* A named pipe with no writer, or a device, must be refused at once: the window
	 * reloads its file on the event loop, where a blocking open would freeze it. An
	 * alarm ends the test if the load blocks. */
	char dir[] = "/tmp/nudge-test-XXXXXX";
	CHECK(mkdtemp(dir) != NULL, "a temporary folder");
	char fifo[64], plain[64];
	snprintf(fifo, sizeof fifo, "%s/pipe.nudge", dir);
	snprintf(plain, sizeof plain, "%s/plain.nudge", dir);
	CHECK(mkfifo(fifo, 0600) == 0, "a named pipe");
	signal(SIGALRM, SIG_DFL);
	alarm(10);
	s = scene_load(fifo, &err);
	CHECK(s == NULL && err.kind == ERR_IO && strstr(err.msg, "named pipe"), "a named pipe is refused: %s", err.msg);
	s = scene_load("/dev/zero", &err);
	CHECK(s == NULL && err.kind == ERR_IO && strstr(err.msg, "device"), "a device is refused: %s", err.msg);
	alarm(0);
	FILE *f = fopen(plain, "w");
	CHECK(f != NULL, "a scene file");
	if (f) {
		fputs("param w = 3\nJ = w * w\n", f);
		fclose(f);
	}
	s = scene_load(plain, &err);
	CHECK(s != NULL && s->n_nodes == 2 && s->nodes[0].init == 3, "a regular file loads");
	scene_free(s);
	unlink(fifo);
	unlink(plain);
	rmdir(dir);
}

/* A big generated scene (issue 16: the parser grew a per-node table one realloc at a
 * time, and leaked it when that failed): 50,000 params and 50,000 computed nodes read
 * whole, with every node and edge where it belongs; the same scene with an error on
 * its last line is refused and frees everything (the sanitizer build checks leaks). */
static void test_big_scene(void)
{
	enum { N = 50000 };
	size_t cap = (size_t)N * 64 + 64, len = 0;
	char *src = malloc(cap);
	if (!src) {
		CHECK(0, "out of memory");
		return;
	}
	for (int i = 0; i < N; i++)
		len += (size_t)snprintf(src + len, cap - len, "param p%d = %d\n", i, i % 7);
	len += (size_t)snprintf(src + len, cap - len, "s0 = p0\n");
	for (int i = 1; i < N; i++)
		len += (size_t)snprintf(src + len, cap - len, "s%d = s%d + p%d * p%d\n", i, i - 1, i, i);
	struct nudge_error err;
	struct scene *s = scene_parse(src, len, "big", &err);
	CHECK(s != NULL, "50,000 params and 50,000 sums parse: %s", s ? "" : err.msg);
	if (s) {
		CHECK(s->n_nodes == 2 * N && s->cost == 2 * N - 1, "%d nodes, the cost last", s->n_nodes);
		CHECK(s->n_edges == 1 + 2 * (N - 1), "one edge per distinct use: %d", s->n_edges);
		const struct node *last = &s->nodes[s->cost];
		CHECK(last->n_in == 2 && s->edges[last->in_first].from == 2 * N - 2 &&
		      s->edges[last->in_first + 1].from == N - 1, "s%d = s%d + p%d · p%d", N - 1, N - 2, N - 1, N - 1);
		struct eval *ev = eval_new(s);
		double sum = 0; /* J = p0 + Σ pᵢ² */
		for (int i = 0; i < N; i++)
			sum += i == 0 ? 0 : (double)(i % 7) * (i % 7);
		CHECK(ev && ev->cost == sum, "J = %.17g, by hand %.17g", ev ? ev->cost : NAN, sum);
		eval_free(ev);
		scene_free(s);
	}
	len += (size_t)snprintf(src + len, cap - len, "s%d = 1\n", N - 1);
	s = scene_parse(src, len, "big", &err);
	CHECK(!s && err.kind == ERR_REDEFINED && err.line == 2 * N + 1, "a late error is refused (line %d)", err.line);
	scene_free(s);
	free(src);
}

/* The lecture's notation in labels is accepted and kept as written, with its plain form;
 * a note and a title are text: brackets and unclosed braces there are never refused. */
static void test_notation(void)
{
	const char *src =
		"title \"A 2-1 net: w[1]_11 and x_{in}\"\n"
		"note \"J = \u2212[y log p + (1 \u2212 y) log(1 \u2212 p)]\"\n"
		"note \"a set {x_{1 and [ alone\"\n"
		"input x_in = 1\n"
		"param w111 = 2 label \"w[1]_11\"\n"
		"param b = 0 label \"b[l-1]_{10}\"\n"
		"param th = 1 label \"\u03b8[2]_j^2\"\n"
		"a = w111 * x_in + b + th label \"a[1]_1\"\n";
	struct nudge_error err;
	struct scene *s = scene_parse(src, strlen(src), "t", &err);
	CHECK(s != NULL, "refused: %s at %d:%d", err.msg, err.line, err.col);
	if (!s)
		return;
	static const struct { const char *name, *label, *plain; } want[] = {
		{ "x_in", "x_in", "x_in" },
		{ "w111", "w[1]_11", "w[1]\u2081\u2081" },
		{ "b", "b[l-1]_{10}", "b[l-1]\u2081\u2080" },
		{ "th", "\u03b8[2]_j^2", "\u03b8[2]_j\u00b2" },
		{ "a", "a[1]_1", "a[1]\u2081" },
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		int k = scene_find(s, want[i].name);
		CHECK(k >= 0 && strcmp(s->nodes[k].label, want[i].label) == 0, "%s: label %s", want[i].name,
		      k >= 0 ? s->nodes[k].label : "?");
		CHECK(k >= 0 && strcmp(s->nodes[k].plain, want[i].plain) == 0, "%s: plain %s, expected %s",
		      want[i].name, k >= 0 ? s->nodes[k].plain : "?", want[i].plain);
	}
	CHECK(s->n_notes == 2 && strcmp(s->notes[0], "J = \u2212[y log p + (1 \u2212 y) log(1 \u2212 p)]") == 0,
	      "the note is kept as written: %s", s->n_notes ? s->notes[0] : "");
	scene_free(s);
}

int main(void)
{
	test_bad_table();
	test_precedence();
	test_statements();
	test_data();
	test_hostile();
	test_load();
	test_big_scene();
	test_notation();
	return test_report("test-parser");
}
