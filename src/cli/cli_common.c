/* cli_common.c - what every scene command shares: finding the data folders, turning
 * a SCENE argument (a path or a built-in name) into a parsed, evaluated scene, the
 * shared options (--set, --row, --eps, --plot, --nudge) and printing errors. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "nudge/format.h"
#include "nudge/notation.h"
#include "cli-private.h"

/* Is the running binary inside this project's build folder? */
static int running_from_build(void)
{
	char exe[PATH_MAX], real_build[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return 0;
	exe[n] = '\0';
	if (!realpath(NUDGE_BUILD_DIR, real_build))
		return 0;
	size_t bl = strlen(real_build);
	return strncmp(exe, real_build, bl) == 0 && exe[bl] == '/';
}

static const char *data_dir(const char *sub, const char *source_rel, char *buf, size_t n)
{
	const char *env = getenv("NUDGE_DATADIR");
	if (env && *env)
		snprintf(buf, n, "%s/%s", env, sub);
	else if (running_from_build())
		snprintf(buf, n, "%s/%s", NUDGE_SOURCE_DATADIR, source_rel);
	else
		snprintf(buf, n, "%s/%s", NUDGE_INSTALL_DATADIR, sub);
	return buf;
}

const char *cli_scenes_dir(void)
{
	static char buf[PATH_MAX];
	return buf[0] ? buf : data_dir("scenes", "data/scenes", buf, sizeof buf);
}

const char *cli_fonts_dir(void)
{
	static char buf[PATH_MAX];
	return buf[0] ? buf : data_dir("fonts", "fonts", buf, sizeof buf);
}

const char *cli_icons_dir(void)
{
	static char buf[PATH_MAX];
	return buf[0] ? buf : data_dir("icons", "data/icons", buf, sizeof buf);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "nudge%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return EXIT_USAGE;
}

int cli_is_help(const char *arg)
{
	return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

/* A whole-string number; 0 on success. */
static int parse_double(const char *s, double *v)
{
	char *end;
	errno = 0;
	*v = strtod(s, &end);
	return (end == s || *end || errno == ERANGE || isnan(*v)) ? -1 : 0;
}

int cli_parse_int(const char *s, long lo, long hi, int *out)
{
	char *end;
	errno = 0;
	long l = strtol(s, &end, 10);
	if (end == s || *end || errno || l < lo || l > hi || l < INT_MIN || l > INT_MAX)
		return -1;
	*out = (int)l;
	return 0;
}

const char *cli_opt_value(const char *cmd, int argc, char **argv, int *i)
{
	if (*i + 1 >= argc) {
		cli_usage_error(cmd, "%s needs a value", argv[*i]);
		return NULL;
	}
	return argv[++*i];
}

double cli_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double cli_quantile(double *v, int n, double q)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return v[(int)(q * (n - 1) + 0.5)];
}

int cli_shared_opt(struct cli_opts *o, const char *cmd, int argc, char **argv, int *i)
{
	const char *a = argv[*i];
	static const char *const with_value[] = { "--set", "--row", "--eps", "--plot", "--nudge" };
	int known = -1;
	const char *val = NULL;
	for (int k = 0; k < 5; k++) {
		size_t l = strlen(with_value[k]);
		if (strncmp(a, with_value[k], l) == 0 && (a[l] == '\0' || a[l] == '=')) {
			known = k;
			val = a[l] == '=' ? a + l + 1 : NULL;
		}
	}
	if (known < 0)
		return 0;
	if (!val && !(val = cli_opt_value(cmd, argc, argv, i)))
		return -1;
	switch (known) {
	case 0: {
		const char *eq = strchr(val, '=');
		double v;
		if (!eq || eq == val || parse_double(eq + 1, &v) || !isfinite(v)) {
			cli_usage_error(cmd, "--set takes NAME=VALUE with a finite number, as in --set w=2 (got '%s')", val);
			return -1;
		}
		if (o->n_sets >= CLI_MAX_SETS) {
			cli_usage_error(cmd, "too many --set options (at most %d)", CLI_MAX_SETS);
			return -1;
		}
		static char names[CLI_MAX_SETS][128];
		snprintf(names[o->n_sets], sizeof names[0], "%.*s", (int)(eq - val), val);
		o->set_name[o->n_sets] = names[o->n_sets];
		o->set_value[o->n_sets++] = v;
		return 1;
	}
	case 1:
		if (cli_parse_int(val, 0, INT_MAX, &o->row)) {
			cli_usage_error(cmd, "--row takes a row number from 0 (got '%s')", val);
			return -1;
		}
		return 1;
	case 2:
		if (parse_double(val, &o->eps) || !(o->eps > 0) || !isfinite(o->eps)) {
			cli_usage_error(cmd, "--eps takes a number greater than 0, as in --eps 0.001 (got '%s')", val);
			return -1;
		}
		o->has_eps = 1;
		return 1;
	case 3:
		o->plot = val;
		return 1;
	default:
		o->nudge = val;
		return 1;
	}
}

int cli_positional(struct cli_opts *o, const char *cmd, const char *arg)
{
	if (arg[0] == '-' && arg[1])
		return cli_usage_error(cmd, "unknown option '%s' (see: nudge %s --help)", arg, cmd);
	if (o->scene_arg)
		return cli_usage_error(cmd, "one scene at a time ('%s' and '%s')", o->scene_arg, arg);
	o->scene_arg = arg;
	return EXIT_OK;
}

int cli_resolve_scene(const char *arg, const char *cmd, char *path, size_t n)
{
	struct stat st;
	if (stat(arg, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			cli_usage_error(cmd, "'%s' is a folder, not a scene file", arg);
			return -1;
		}
		snprintf(path, n, "%s", arg);
		return 0;
	}
	int plain = strchr(arg, '/') == NULL && *arg;
	for (const char *c = arg; *c; c++)
		if (!(*c == '-' || *c == '_' || (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9')))
			plain = 0;
	if (plain) {
		if (snprintf(path, n, "%s/%s.nudge", cli_scenes_dir(), arg) >= (int)n)
			plain = 0;
		else if (stat(path, &st) == 0)
			return 0;
	}
	if (plain || errno == ENOENT) {
		cli_usage_error(cmd, "no scene file or built-in scene named '%s' (see: nudge list)", arg);
		return -1;
	}
	cli_usage_error(cmd, "cannot open '%s': %s", arg, strerror(errno));
	return -1;
}

const char *cli_printable(const char *s, char *buf, size_t n)
{
	size_t k = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && k + 1 < n; p++) {
		int c1 = p[0] == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0; /* U+0080..U+009F */
		buf[k++] = *p < 0x20 || *p == 0x7f || c1 ? '?' : (char)*p;
		p += c1;
	}
	if (n)
		buf[k] = '\0';
	return buf;
}

char *cli_plain(const char *s)
{
	size_t n = (size_t)notation_plain(NULL, 0, s) + 1;
	char *out = malloc(n);
	if (out)
		notation_plain(out, n, s);
	return out;
}

/* Prints a refused scene's error; the message and the source line already show
 * control characters as '?', and cli_printable does so for the file name. */
static void print_scene_error(const struct nudge_error *e, const char *path)
{
	char name[PATH_MAX], buf[1024 + PATH_MAX];
	nudge_error_format(e, cli_printable(path, name, sizeof name), buf, sizeof buf);
	fputs(buf, stderr);
}

/* An input or param named by an option, or -1 with a message. */
static int leaf_named(const struct scene *s, const char *name, const char *opt, const char *cmd)
{
	int k = scene_find(s, name);
	if (k < 0) {
		cli_usage_error(cmd, "%s: the scene has no node named '%s'", opt, name);
		return -1;
	}
	if (s->nodes[k].kind != NODE_INPUT && s->nodes[k].kind != NODE_PARAM) {
		cli_usage_error(cmd, "%s: '%s' is %s; only inputs and params can be %s", opt, name,
		                s->nodes[k].kind == NODE_DATA ? "a data column" : k == s->cost ? "the cost itself"
		                : "a computed node",
		                strcmp(opt, "--set") == 0 ? "set" : strcmp(opt, "--plot") == 0 ? "plotted" : "nudged");
		return -1;
	}
	return k;
}

/* --plot NAME (J against it) or --plot A,B (the map of J over both) into cs->plot and
 * cs->plot2; -1 after saying what is wrong. */
static int plot_named(struct cli_scene *cs, const char *val, const char *cmd)
{
	const char *comma = strchr(val, ',');
	if (comma && strchr(comma + 1, ',')) {
		cli_usage_error(cmd, "--plot takes one name (J against it) or two as A,B (the map of J over both), "
		                "not three: '%s'", val);
		return -1;
	}
	char first[128];
	snprintf(first, sizeof first, "%.*s", comma ? (int)(comma - val) : (int)strlen(val), val);
	if ((cs->plot = leaf_named(cs->scene, first, "--plot", cmd)) < 0)
		return -1;
	cs->plot2 = -1;
	if (comma && (cs->plot2 = leaf_named(cs->scene, comma + 1, "--plot", cmd)) < 0)
		return -1;
	if (cs->plot2 == cs->plot) {
		cli_usage_error(cmd, "--plot names '%s' twice: the map needs two different names", first);
		return -1;
	}
	return 0;
}

int cli_scene_open(const struct cli_opts *o, const char *cmd, struct cli_scene *cs)
{
	memset(cs, 0, sizeof *cs);
	cs->plot = cs->plot2 = cs->nudge = -1;
	if (!o->scene_arg)
		return cli_usage_error(cmd, "which scene? Give a .nudge file or a built-in name (see: nudge list)");
	char path[PATH_MAX];
	if (cli_resolve_scene(o->scene_arg, cmd, path, sizeof path))
		return EXIT_USAGE;
	struct nudge_error err;
	cs->scene = scene_load(path, &err);
	if (!cs->scene) {
		print_scene_error(&err, path);
		return err.kind == ERR_IO ? EXIT_FAIL : EXIT_USAGE;
	}
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t bl = strlen(base) < sizeof cs->name_buf - 1 ? strlen(base) : sizeof cs->name_buf - 1;
	memcpy(cs->name_buf, base, bl);
	cs->name_buf[bl] = '\0';
	char *dot = strrchr(cs->name_buf, '.');
	if (dot && dot != cs->name_buf)
		*dot = '\0';
	cs->name = cs->name_buf;
	cs->ev = eval_new(cs->scene);
	if (!cs->ev) {
		cli_scene_close(cs);
		fprintf(stderr, "nudge %s: out of memory\n", cmd);
		return EXIT_FAIL;
	}
	for (int i = 0; i < o->n_sets; i++) {
		int k = leaf_named(cs->scene, o->set_name[i], "--set", cmd);
		if (k < 0) {
			cli_scene_close(cs);
			return EXIT_USAGE;
		}
		const struct node *nd = &cs->scene->nodes[k];
		double v = o->set_value[i];
		if (nd->has_range && !(v >= nd->lo && v <= nd->hi)) {
			char a[40], lo[40], hi[40], file[PATH_MAX];
			fmt_num_ascii(a, sizeof a, v, 10);
			fmt_num_ascii(lo, sizeof lo, nd->lo, 10);
			fmt_num_ascii(hi, sizeof hi, nd->hi, 10);
			cli_usage_error(cmd, "--set %s=%s is outside the range [%s, %s] that %s:%d declares for %s "
			                "(widen the range in the file to try it)", nd->name, a, lo, hi,
			                cli_printable(path, file, sizeof file), nd->line,
			                nd->name);
			cli_scene_close(cs);
			return EXIT_USAGE;
		}
		eval_set(cs->ev, k, v);
	}
	if (eval_set_row(cs->ev, o->row)) {
		int rows = cs->scene->n_rows;
		cli_scene_close(cs);
		if (rows)
			return cli_usage_error(cmd, "--row %d is out of range: the data set has rows 0 to %d", o->row,
			                       rows - 1);
		return cli_usage_error(cmd, "--row %d: the scene has no data set (only row 0)", o->row);
	}
	cs->eps = o->has_eps ? o->eps : cs->scene->eps;
	cs->plot = cs->scene->plot;
	cs->plot2 = cs->scene->plot2;
	if (o->plot && plot_named(cs, o->plot, cmd) != 0) {
		cli_scene_close(cs);
		return EXIT_USAGE;
	}
	if (o->nudge && (cs->nudge = leaf_named(cs->scene, o->nudge, "--nudge", cmd)) < 0) {
		cli_scene_close(cs);
		return EXIT_USAGE;
	}
	eval_run(cs->ev);
	return EXIT_OK;
}

void cli_scene_close(struct cli_scene *cs)
{
	eval_free(cs->ev);
	scene_free(cs->scene);
	cs->ev = NULL;
	cs->scene = NULL;
}
