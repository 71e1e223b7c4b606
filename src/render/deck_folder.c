/* deck_folder.c - the walk as a folder of frames, step-NNN.png (or .svg, .pdf), numbered
 * as the trace numbers its steps. The new frames are written into a temporary folder
 * inside the target and fsynced; only then are the earlier frames moved out and the new
 * ones in, with TERM, INT and HUP held, so a failure or an interrupt leaves either the
 * old recording whole or the new one, never a mix. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "render-private.h"

#define DECK_TEMP "record" /* the temporaries are .record.nudge-XXXXXX inside the folder */

static const char *const deck_ext[] = {"", "png", "svg", "pdf"};

/* mkdir -p; 1 if it made the last folder, 0 if it was there, -1 with errno set. */
static int deck_mkdirs(const char *dir)
{
	size_t len = strlen(dir);
	char *path = malloc(len + 1);
	if (!path) {
		errno = ENOMEM;
		return -1;
	}
	memcpy(path, dir, len + 1);
	while (len > 1 && path[len - 1] == '/')
		path[--len] = '\0';
	int made = 0;
	for (char *p = path + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			if (mkdir(path, 0777) != 0 && errno != EEXIST) {
				free(path);
				return -1;
			}
			*p = '/';
		}
	if (mkdir(path, 0777) == 0)
		made = 1;
	else if (errno != EEXIST)
		made = -1;
	struct stat st;
	if (made >= 0 && (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))) {
		errno = made == 0 && errno != ENOENT ? ENOTDIR : errno;
		made = -1;
	}
	free(path);
	return made;
}

/* Is name a frame of a recording: step-NNN.png, .svg or .pdf? Its number, or -1. */
static int deck_frame_number(const char *name)
{
	int k, end = 0;
	char ext[8];
	if (sscanf(name, "step-%d.%7[a-z]%n", &k, ext, &end) != 2 || name[end] != '\0' || k < 0)
		return -1;
	return strcmp(ext, "png") && strcmp(ext, "svg") && strcmp(ext, "pdf") ? -1 : k;
}

/* The frames in the folder dfd: their names (malloc'd array of ATOMIC_NAME strings) and
 * count, or -1 with errno set. */
static int deck_frames(int dfd, char (**names)[ATOMIC_NAME])
{
	*names = NULL;
	int fd = openat(dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC); /* its own offset, unlike dup */
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	int count = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (deck_frame_number(e->d_name) < 0)
			continue;
		if (count == cap) {
			cap = cap ? cap * 2 : 64;
			char (*l)[ATOMIC_NAME] = realloc(*names, (size_t)cap * sizeof *l);
			if (!l) {
				closedir(d);
				free(*names);
				*names = NULL;
				errno = ENOMEM;
				return -1;
			}
			*names = l;
		}
		snprintf((*names)[count++], ATOMIC_NAME, "%s", e->d_name);
	}
	closedir(d);
	return count;
}

/* Renames names[0..count) from one folder to another; on a failure moves back the ones
 * already moved. 0, or -1 with errno set. */
static int deck_move(int from, int to, char (*names)[ATOMIC_NAME], int count)
{
	for (int i = 0; i < count; i++)
		if (renameat(from, names[i], to, names[i]) != 0) {
			int e = errno;
			while (i-- > 0)
				renameat(to, names[i], from, names[i]);
			errno = e;
			return -1;
		}
	return 0;
}

/* Removes names[0..count) from a temporary folder, then the folder itself. */
static void deck_remove(int parent, const char *dir, int dfd, char (*names)[ATOMIC_NAME], int count)
{
	for (int i = 0; i < count; i++)
		unlinkat(dfd, names[i], 0);
	unlinkat(parent, dir, AT_REMOVEDIR);
}

/* One frame written into the temporary folder tfd (deck_sync fsyncs it later); 0, or
 * -1 with err. */
static int deck_frame(const struct figure *fig, int tfd, const char *name, const struct deck_opts *o,
                      char *err, size_t n)
{
	int fd = openat(tfd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if (!f) {
		snprintf(err, n, "%s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	struct export_sink k = {f, 0, 0};
	int rc = export_draw(fig, &o->ex, o->ex.format, &k, err, n);
	if (fflush(f) != 0 && rc == 0) {
		snprintf(err, n, "%s", strerror(errno));
		rc = -1;
	}
	posix_fadvise(fileno(f), 0, 0, POSIX_FADV_DONTNEED); /* starts writing it to disk now */
	if (fclose(f) != 0 && rc == 0) {
		snprintf(err, n, "%s", strerror(errno));
		rc = -1;
	}
	return rc;
}

/* fsyncs every new frame, once all are written (each fsync right after its frame
 * would wait for the disk 13 times in a row); 0, or -1 with err. */
static int deck_sync(int tfd, char (*names)[ATOMIC_NAME], int count, char *err, size_t n)
{
	for (int i = 0; i < count; i++) {
		int fd = openat(tfd, names[i], O_RDONLY | O_CLOEXEC);
		if (fd < 0 || fsync(fd) != 0) {
			snprintf(err, n, "%s", strerror(errno));
			if (fd >= 0)
				close(fd);
			return -1;
		}
		close(fd);
	}
	return 0;
}

/* Swaps the new frames (in the temporary tname, fd tfd) in for the old ones of dfd, with
 * signals held; 0, or -1 with errno set and nothing changed. */
static int deck_swap(int dfd, int tfd, char (*fresh)[ATOMIC_NAME], int n_fresh)
{
	char (*old)[ATOMIC_NAME];
	int n_old = deck_frames(dfd, &old);
	if (n_old < 0)
		return -1;
	char oname[ATOMIC_NAME];
	int oslot = -1, ofd = -1, rc = -1, e = 0;
	if (n_old > 0 && (ofd = atomic_mkdtemp(dfd, DECK_TEMP, oname, &oslot)) < 0) {
		e = errno;
	} else if (deck_move(dfd, ofd, old, n_old) != 0) { /* the old frames out of the way */
		e = errno;
	} else if (deck_move(tfd, dfd, fresh, n_fresh) != 0) { /* the new ones in */
		e = errno;
		deck_move(ofd, dfd, old, n_old);
	} else {
		rc = 0;
		fsync(dfd);
	}
	if (ofd >= 0) {
		deck_remove(dfd, oname, ofd, old, rc == 0 ? n_old : 0);
		close(ofd);
		atomic_untrack(oslot);
	}
	free(old);
	errno = e;
	return rc;
}

int deck_folder(const struct figure *fig, const char *path, const int *steps, int count,
                const struct deck_opts *o, char *err, size_t n)
{
	struct deck_opts opts = *o;
	if (!opts.ex.format)
		opts.ex.format = EXPORT_PNG;
	int made = deck_mkdirs(path);
	int dfd = made < 0 ? -1 : open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		snprintf(err, n, "cannot create the folder %s: %s", path, strerror(errno));
		return -1;
	}
	char (*old)[ATOMIC_NAME];
	int n_old = deck_frames(dfd, &old);
	if (n_old > 0 && !o->force) {
		snprintf(err, n, "%s already holds %s%s from an earlier recording", path, old[0],
		         n_old > 1 ? " and other step-NNN files" : "");
		free(old);
		close(dfd);
		return DECK_EXISTS;
	}
	free(old);
	atomic_sweep(dfd, DECK_TEMP);
	char tname[ATOMIC_NAME], why[300] = "";
	int tslot, rc = 0;
	int tfd = atomic_mkdtemp(dfd, DECK_TEMP, tname, &tslot);
	char (*fresh)[ATOMIC_NAME] = tfd >= 0 ? calloc((size_t)count, sizeof *fresh) : NULL;
	int *slots = fresh ? malloc((size_t)count * sizeof *slots) : NULL;
	if (!slots) {
		snprintf(why, sizeof why, "%s", tfd < 0 ? strerror(errno) : "out of memory");
		rc = -1;
	}
	struct figure f = *fig;
	f.progress = 1;
	int written = 0;
	for (; rc == 0 && written < count; written++) {
		snprintf(fresh[written], ATOMIC_NAME, "step-%03d.%s", steps[written], deck_ext[opts.ex.format]);
		slots[written] = atomic_track(tfd, fresh[written], 0);
		f.step = steps[written];
		if (deck_frame(&f, tfd, fresh[written], &opts, why, sizeof why) != 0) {
			rc = -1;
			written++; /* its partial file goes too */
			break;
		}
	}
	if (rc == 0 && deck_sync(tfd, fresh, count, why, sizeof why) != 0)
		rc = -1;
	sigset_t held;
	atomic_hold_signals(&held);
	if (rc == 0 && deck_swap(dfd, tfd, fresh, count) != 0) {
		snprintf(why, sizeof why, "%s", strerror(errno));
		rc = -1;
	}
	if (tfd >= 0) {
		deck_remove(dfd, tname, tfd, fresh, rc == 0 ? 0 : written);
		close(tfd);
		for (int i = 0; slots && i < written; i++)
			atomic_untrack(slots[i]);
		atomic_untrack(tslot);
	}
	if (rc != 0 && made == 1)
		rmdir(path); /* it did not exist before: leave nothing */
	atomic_release_signals(&held);
	free(fresh);
	free(slots);
	close(dfd);
	if (rc != 0)
		snprintf(err, n, "cannot write %s: %s", path, why);
	return rc;
}
