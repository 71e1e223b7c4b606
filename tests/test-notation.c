/* test-notation.c - the lecture's label notation (nudge/notation.h): how texts split
 * into baseline runs, layer indexes and scripts (w[1]_11 stacked, a note's "−[y …]"
 * left as text), what a label check refuses and where, the plain form, and that a
 * label reads the same inside the sentences the trace builds around it. */
#include <stdlib.h>
#include <string.h>

#include "nudge/notation.h"
#include "test.h"

/* One expected run: its text, level and whether it is stacked. */
struct want_run { const char *text; int level, stacked; };

/* Checks that s splits into exactly the runs in want (n of them). */
static void check_runs(const char *s, const struct want_run *want, int n)
{
	struct notation_run run[16];
	int got = notation_runs(s, run, 16);
	CHECK(got == n, "\"%s\": %d runs, expected %d", s, got, n);
	for (int i = 0; i < got && i < n; i++) {
		int same = run[i].len == strlen(want[i].text) && memcmp(run[i].s, want[i].text, run[i].len) == 0;
		CHECK(same && run[i].level == want[i].level && run[i].stacked == want[i].stacked,
		      "\"%s\" run %d: \"%.*s\" level %d stacked %d, expected \"%s\" %d %d", s, i, (int)run[i].len,
		      run[i].s, run[i].level, run[i].stacked, want[i].text, want[i].level, want[i].stacked);
	}
}

#define RUNS(s, ...)                                                                   \
	do {                                                                           \
		static const struct want_run w_[] = { __VA_ARGS__ };                   \
		check_runs(s, w_, (int)(sizeof w_ / sizeof w_[0]));                    \
	} while (0)

static void test_runs(void)
{
	RUNS("w[1]_11", { "w", 0, 0 }, { "[1]", 1, 0 }, { "11", -1, 1 });
	RUNS("a[2]_{10}", { "a", 0, 0 }, { "[2]", 1, 0 }, { "10", -1, 1 });
	RUNS("x_{in}", { "x", 0, 0 }, { "in", -1, 0 });
	RUNS("x_in·w", { "x", 0, 0 }, { "in", -1, 0 }, { "·w", 0, 0 });
	RUNS("x_1^2", { "x", 0, 0 }, { "1", -1, 0 }, { "2", 1, 1 });
	RUNS("w[l-1]", { "w", 0, 0 }, { "[l-1]", 1, 0 });
	RUNS("a[l−1]_k", { "a", 0, 0 }, { "[l−1]", 1, 0 }, { "k", -1, 1 });
	RUNS("ŷ[2]", { "ŷ", 0, 0 }, { "[2]", 1, 0 });
	RUNS("θ_1", { "θ", 0, 0 }, { "1", -1, 0 });
	/* a third script after a stacked pair follows it, it does not stack again */
	RUNS("w[1]_1_2", { "w", 0, 0 }, { "[1]", 1, 0 }, { "1", -1, 1 }, { "2", -1, 0 });
	/* in the sentences built around labels */
	RUNS("dJ/dw[1]_11 = 2", { "dJ/dw", 0, 0 }, { "[1]", 1, 0 }, { "11", -1, 1 }, { " = 2", 0, 0 });
	RUNS("a[1]_1⁽⁰⁾", { "a", 0, 0 }, { "[1]", 1, 0 }, { "1", -1, 1 }, { "⁽⁰⁾", 0, 0 });
	/* text: brackets that are not a layer index, and scripts with nothing to attach to */
	RUNS("J = −[y log p + (1 − y) log(1 − p)]", { "J = −[y log p + (1 − y) log(1 − p)]", 0, 0 });
	RUNS("([ and ] choose it)", { "([ and ] choose it)", 0, 0 });
	RUNS("w[a b] and w[] and w[123456789]", { "w[a b] and w[] and w[123456789]", 0, 0 });
	RUNS("2 × [1]", { "2 × [1]", 0, 0 });
	RUNS("(x)^2 and a_ and b_{ and _c", { "(x)^2 and a_ and b_{ and _c", 0, 0 });
	RUNS("x_{}", { "x_{}", 0, 0 });
	struct notation_run run[4];
	CHECK(notation_runs("", run, 4) == 0, "empty text, no runs");
	/* too many scripts for the runs given: the rest is one baseline run, nothing lost */
	int n = notation_runs("a_1 b_2 c_3", run, 4);
	CHECK(n == 3 && run[2].level == 0 && strcmp(run[2].s, " b_2 c_3") == 0, "rest as text: %d runs", n);
}

static void test_rise(void)
{
	struct notation_run run[8];
	int n = notation_runs("w[1]_11 x_1 y^2", run, 8);
	CHECK(n == 7, "%d runs", n);
	CHECK(notation_rise(run, n, 0) == 0, "baseline text does not move");
	CHECK(notation_rise(run, n, 1) < -0.3 && notation_rise(run, n, 2) > 0.2, "index up, subscript down");
	CHECK(notation_rise(run, n, 2) - notation_rise(run, n, 1) > notation_rise(run, n, 4) - notation_rise(run, n, 6),
	      "a stacked pair stands further apart than a lone subscript from a lone superscript");
	/* the two scripts of a stacked pair must not overlap: the index's lowest ink (its
	 * bracket, 0.2 of the script size below its baseline) above the subscript's top (its
	 * digits' height, 0.73 of the script size, above its baseline) */
	double index_bottom = notation_rise(run, n, 1) + 0.2 * NOTATION_SCRIPT;
	double sub_top = notation_rise(run, n, 2) - 0.73 * NOTATION_SCRIPT;
	CHECK(index_bottom <= sub_top + 0.05 * NOTATION_SCRIPT, "index bottom %g, subscript top %g", index_bottom,
	      sub_top);
}

/* notation_check on s: 0 or the byte offset of the fault, and whether unclosed. */
static void check_label(const char *s, int ok, size_t at, int unclosed, const char *words)
{
	size_t got_at = 0;
	int got_unclosed = -1;
	char msg[160] = "";
	int r = notation_check(s, &got_at, &got_unclosed, msg, sizeof msg);
	if (ok) {
		CHECK(r == 0, "\"%s\" refused: %s", s, msg);
		return;
	}
	CHECK(r == -1 && got_at == at && got_unclosed == unclosed, "\"%s\": %d at %zu unclosed %d (%s), expected %zu %d",
	      s, r, got_at, got_unclosed, msg, at, unclosed);
	CHECK(strstr(msg, words) != NULL, "\"%s\": message \"%s\" lacks \"%s\"", s, msg, words);
}

static void test_check(void)
{
	const char *good[] = { "w", "w[1]", "w[1]_11", "a[2]_{10}", "x_{in}", "x_1^2", "ŷ", "ŷ[2]_1", "θ[l+1]_j",
	                       "a[l−1]_k", "J⁽ⁱ⁾", "w_1_2", "x_{i,j}", "y (target)", "" };
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		check_label(good[i], 1, 0, 0, "");
	static const struct { const char *label; size_t at; int unclosed; const char *words; } bad[] = {
		{ "w[1", 1, 1, "not closed" },
		{ "a[2]_{10", 5, 1, "'{' is not closed" },
		{ "x^{n", 2, 1, "superscript" },
		{ "w]", 1, 0, "closes no '['" },
		{ "[1]", 0, 0, "follows a letter" },
		{ "w [1]", 2, 0, "follows a letter" },
		{ "w[a b]", 1, 0, "letters, digits" },
		{ "w[]", 1, 0, "letters, digits" },
		{ "w[1]_", 4, 0, "starts a subscript" },
		{ "w_ 1", 1, 0, "starts a subscript" },
		{ "x_{}", 1, 0, "empty subscript" },
		{ "_1", 0, 0, "follows a letter or a digit" },
		{ "(x)_1", 3, 0, "follows a letter or a digit" },
		{ "ŷ[", 2, 1, "not closed" }, /* a byte offset: ŷ is two bytes */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		check_label(bad[i].label, 0, bad[i].at, bad[i].unclosed, bad[i].words);
}

/* The plain form of s is want; and cut to n bytes it ends at a character's start. */
static void check_plain(const char *s, const char *want)
{
	char buf[128];
	int len = notation_plain(buf, sizeof buf, s);
	CHECK(strcmp(buf, want) == 0 && len == (int)strlen(want), "plain \"%s\": \"%s\" (%d), expected \"%s\"", s, buf,
	      len, want);
	CHECK(notation_plain(NULL, 0, s) == len, "\"%s\": the length wanted without a buffer", s);
}

static void test_plain(void)
{
	check_plain("w[1]_11", "w[1]₁₁");
	check_plain("a[2]_{10}", "a[2]₁₀");
	check_plain("x_{in}", "x_in");
	check_plain("x_in", "x_in");
	check_plain("x_{i,j}", "x_{i,j}");
	check_plain("x^2", "x²");
	check_plain("x^{n}", "x^n");
	check_plain("z_{-1}", "z₋₁");
	check_plain("z_{−1}", "z₋₁");
	check_plain("dJ/dw[1]_11 = 2", "dJ/dw[1]₁₁ = 2");
	check_plain("J = −[y log p]", "J = −[y log p]");
	check_plain("(x)^2", "(x)^2");
	char buf[8];
	int len = notation_plain(buf, sizeof buf, "w[1]_11"); /* "w[1]₁₁" is 10 bytes: cut */
	CHECK(len == 10 && strcmp(buf, "w[1]₁") == 0, "cut to 8 bytes: \"%s\" (%d)", buf, len);
	len = notation_plain(buf, 6, "w[1]_11");
	CHECK(strcmp(buf, "w[1]") == 0, "never half a character: \"%s\"", buf);
}

/* Random texts from the notation's own characters: runs lie inside the text, in order,
 * and together with the markup between them cover it; a text the check accepts keeps
 * its scripts when the trace writes it inside a sentence. */
static void test_random(void)
{
	static const char *const parts[] = { "w", "a", "1", "2", "[", "]", "_", "^", "{", "}", " ", "−", "ŷ", "(", ")",
	                                     "l", "-" };
	unsigned seed = 12345;
	int accepted = 0;
	for (int t = 0; t < 20000; t++) {
		char s[64] = "";
		int k = 1 + (int)((seed = seed * 1103515245 + 12345) >> 16) % 9;
		for (int i = 0; i < k; i++)
			strcat(s, parts[((seed = seed * 1103515245 + 12345) >> 16) % (sizeof parts / sizeof parts[0])]);
		struct notation_run run[64];
		int n = notation_runs(s, run, 64);
		const char *at = s;
		int ok = 1;
		for (int i = 0; i < n; i++) {
			ok &= run[i].s >= at && run[i].s + run[i].len <= s + strlen(s) && run[i].len > 0;
			ok &= run[i].level == 0 ? run[i].s == at : run[i].s - at <= 2; /* "_{", "_", "[" kept */
			at = run[i].s + run[i].len + (run[i].level && run[i].s[-1] == '{'); /* and its '}' */
		}
		ok &= *at == '\0'; /* nothing left over */
		CHECK(ok, "runs of \"%s\" do not tile it", s);
		size_t fault;
		int unclosed;
		char msg[160];
		if (notation_check(s, &fault, &unclosed, msg, sizeof msg) != 0)
			continue;
		accepted++;
		char sentence[160];
		snprintf(sentence, sizeof sentence, "dJ/d%s = 2·%s + 1", s, s);
		struct notation_run in[64];
		int m = notation_runs(sentence, in, 64), scripts = 0, inside = 0;
		for (int i = 0; i < n; i++)
			scripts += run[i].level != 0;
		for (int i = 0; i < m; i++)
			inside += in[i].level != 0;
		CHECK(inside == 2 * scripts, "\"%s\" has %d scripts alone, %d in \"%s\"", s, scripts, inside, sentence);
	}
	CHECK(accepted > 500, "only %d random labels accepted", accepted);
}

int main(void)
{
	test_runs();
	test_rise();
	test_check();
	test_plain();
	test_random();
	return test_report("test-notation");
}
