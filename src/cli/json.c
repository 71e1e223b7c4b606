/* json.c - JSON strings and numbers for the command line's --json output. */
#include "json.h"
#include "nudge/format.h"

void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

void json_number(FILE *f, double v)
{
	char b[48];
	fmt_json_num(b, sizeof b, v);
	fputs(b, f);
}
