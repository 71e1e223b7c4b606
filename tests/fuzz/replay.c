/* replay.c - runs the fuzz target over every file of a corpus folder, so the seed
 * corpus and any crash the fuzzer once found are checked on every test run, with any
 * compiler (no libFuzzer needed). */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: fuzz-replay CORPUS_DIR\n");
		return 2;
	}
	DIR *d = opendir(argv[1]);
	if (!d) {
		fprintf(stderr, "fuzz-replay: cannot open %s\n", argv[1]);
		return 1;
	}
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", argv[1], e->d_name);
		FILE *f = fopen(path, "rb");
		if (!f)
			continue;
		static uint8_t buf[1 << 20];
		size_t len = fread(buf, 1, sizeof buf, f);
		fclose(f);
		uint8_t *copy = malloc(len ? len : 1); /* exact size, so ASan sees overreads */
		if (!copy)
			return 1;
		memcpy(copy, buf, len);
		LLVMFuzzerTestOneInput(copy, len);
		free(copy);
		n++;
	}
	closedir(d);
	printf("fuzz-replay: %d inputs, no crash\n", n);
	return n > 0 ? 0 : 1;
}
