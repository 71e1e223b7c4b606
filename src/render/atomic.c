/* atomic.c - files and folders written aside and moved into place, so that neither a
 * failure, an interrupt (TERM, INT, HUP) nor a power cut leaves a half-written target:
 * temporaries are named .NAME.nudge-XXXXXX beside the target (cut to fit 255 bytes),
 * fsynced before the rename and the folder after it, removed by a signal handler while
 * they exist, and swept on a later write once stale. It knows nothing about figures. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "render-private.h"

#define ATOMIC_TAG ".nudge-"      /* between the target's name and the random part */
#define ATOMIC_RANDOM 6           /* random characters at the end */
#define ATOMIC_STALE (10 * 60)    /* seconds after which a temporary is someone's leftover */

/* ---- the temporaries a signal handler must remove ---- */

struct atomic_entry {
	int dirfd;                 /* the folder it is in (-1: a free slot) */
	int is_dir;                /* 1: a folder, removed once its tracked files are */
	char name[ATOMIC_NAME];    /* its name in that folder */
};

static struct atomic_entry *atomic_list; /* tracked temporaries, files before their folder */
static volatile sig_atomic_t atomic_n;   /* slots in use (the handler reads up to here) */
static int atomic_cap;                   /* slots allocated */
static const int atomic_signals[] = {SIGTERM, SIGINT, SIGHUP};
static struct sigaction atomic_old[3];   /* the handlers before ours */
static int atomic_installed;             /* ours are in place */

static void atomic_block(sigset_t *old)
{
	sigset_t s;
	sigemptyset(&s);
	for (int i = 0; i < 3; i++)
		sigaddset(&s, atomic_signals[i]);
	sigprocmask(SIG_BLOCK, &s, old);
}

static void atomic_unblock(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

/* Removes every tracked temporary, newest first; async-signal-safe. */
static void atomic_remove_all(void)
{
	for (int i = atomic_n - 1; i >= 0; i--)
		if (atomic_list[i].dirfd >= 0)
			unlinkat(atomic_list[i].dirfd, atomic_list[i].name, atomic_list[i].is_dir ? AT_REMOVEDIR : 0);
}

static void atomic_on_signal(int sig)
{
	atomic_remove_all();
	atomic_n = 0;
	for (int i = 0; i < 3; i++)
		if (atomic_signals[i] == sig) {
			struct sigaction *o = &atomic_old[i];
			if (o->sa_handler == SIG_IGN)
				return;
			if (o->sa_handler != SIG_DFL && !(o->sa_flags & SA_SIGINFO)) {
				o->sa_handler(sig); /* the program's own (the window's quit) */
				return;
			}
		}
	sigaction(sig, &(struct sigaction){.sa_handler = SIG_DFL}, NULL);
	raise(sig); /* dies of it once unblocked, as it would have without us */
}

int atomic_track(int dirfd, const char *name, int is_dir)
{
	sigset_t old;
	atomic_block(&old);
	int slot = -1;
	if (atomic_n == atomic_cap) {
		int cap = atomic_cap ? atomic_cap * 2 : 16;
		struct atomic_entry *l = realloc(atomic_list, (size_t)cap * sizeof *l);
		if (l) {
			atomic_list = l;
			atomic_cap = cap;
		}
	}
	if (atomic_n < atomic_cap) {
		slot = atomic_n;
		struct atomic_entry *e = &atomic_list[slot];
		e->dirfd = dirfd;
		e->is_dir = is_dir;
		snprintf(e->name, sizeof e->name, "%s", name);
		atomic_n = slot + 1;
	}
	if (!atomic_installed && slot >= 0) {
		for (int i = 0; i < 3; i++) {
			struct sigaction sa = {.sa_handler = atomic_on_signal};
			sigfillset(&sa.sa_mask);
			sigaction(atomic_signals[i], &sa, &atomic_old[i]);
		}
		atomic_installed = 1;
	}
	atomic_unblock(&old);
	return slot;
}

void atomic_untrack(int slot)
{
	if (slot < 0)
		return;
	sigset_t old;
	atomic_block(&old);
	if (slot < atomic_n)
		atomic_list[slot].dirfd = -1;
	while (atomic_n > 0 && atomic_list[atomic_n - 1].dirfd < 0)
		atomic_n = atomic_n - 1;
	if (atomic_n == 0 && atomic_installed) {
		for (int i = 0; i < 3; i++)
			sigaction(atomic_signals[i], &atomic_old[i], NULL);
		atomic_installed = 0;
	}
	atomic_unblock(&old);
}

void atomic_hold_signals(sigset_t *old)
{
	atomic_block(old);
}

void atomic_release_signals(const sigset_t *old)
{
	atomic_unblock(old);
}

/* ---- names ---- */

/* ".NAME.nudge-" for a target NAME, cut (at a UTF-8 boundary) so that the random part
 * still fits in a 255-byte name. */
static void atomic_prefix(const char *base, char *out, size_t n)
{
	size_t room = ATOMIC_NAME - 1 - 1 - strlen(ATOMIC_TAG) - ATOMIC_RANDOM, len = strlen(base);
	if (len > room) {
		len = room;
		while (len > 0 && ((unsigned char)base[len] & 0xC0) == 0x80)
			len--;
	}
	snprintf(out, n, ".%.*s%s", (int)len, base, ATOMIC_TAG);
}

/* Creates a fresh temporary for base in dirfd (a folder with is_dir); its name in name.
 * Returns an open descriptor for a file, 0 for a folder, or -1 with errno set. */
static int atomic_create(int dirfd, const char *base, int is_dir, char name[ATOMIC_NAME])
{
	static const char chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	char prefix[ATOMIC_NAME];
	atomic_prefix(base, prefix, sizeof prefix);
	for (int tries = 0; tries < 100; tries++) {
		unsigned char r[ATOMIC_RANDOM];
		if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r) {
			unsigned long v = (unsigned long)time(NULL) ^ (unsigned long)getpid() * 2654435761u ^ (unsigned long)tries * 40503u;
			for (int i = 0; i < ATOMIC_RANDOM; i++, v /= 61)
				r[i] = (unsigned char)v;
		}
		char tail[ATOMIC_RANDOM + 1];
		for (int i = 0; i < ATOMIC_RANDOM; i++)
			tail[i] = chars[r[i] % (sizeof chars - 1)];
		tail[ATOMIC_RANDOM] = '\0';
		snprintf(name, ATOMIC_NAME, "%s%s", prefix, tail);
		int fd = is_dir ? mkdirat(dirfd, name, 0700) : openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

/* Is name a temporary of base, made by atomic_create? */
static int atomic_is_temp_of(const char *name, const char *base)
{
	char prefix[ATOMIC_NAME];
	atomic_prefix(base, prefix, sizeof prefix);
	size_t p = strlen(prefix);
	if (strncmp(name, prefix, p) != 0 || strlen(name) != p + ATOMIC_RANDOM)
		return 0;
	for (size_t i = p; name[i]; i++)
		if (!((name[i] >= 'A' && name[i] <= 'Z') || (name[i] >= 'a' && name[i] <= 'z') ||
		      (name[i] >= '0' && name[i] <= '9')))
			return 0;
	return 1;
}

/* Empties and removes a stale temporary folder: only plain files inside, no deeper. */
static void atomic_sweep_dir(int dirfd, const char *name)
{
	int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return;
	DIR *d = fdopendir(fd);
	if (!d) {
		close(fd);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		struct stat st;
		if (fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
			unlinkat(fd, e->d_name, 0);
	}
	closedir(d);
	unlinkat(dirfd, name, AT_REMOVEDIR); /* fails, harmlessly, if anything else was inside */
}

void atomic_sweep(int dirfd, const char *base)
{
	int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC); /* its own offset, unlike dup */
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		if (fd >= 0)
			close(fd);
		return;
	}
	time_t now = time(NULL);
	struct dirent *e;
	while ((e = readdir(d))) {
		struct stat st;
		if (!atomic_is_temp_of(e->d_name, base) || fstatat(dirfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    now - st.st_mtime < ATOMIC_STALE)
			continue;
		if (S_ISREG(st.st_mode))
			unlinkat(dirfd, e->d_name, 0);
		else if (S_ISDIR(st.st_mode))
			atomic_sweep_dir(dirfd, e->d_name);
	}
	closedir(d);
}

/* ---- the target's folder ---- */

int atomic_dir_open(const char *path, char base[ATOMIC_NAME])
{
	const char *slash = strrchr(path, '/');
	const char *b = slash ? slash + 1 : path;
	if (!*b || !strcmp(b, ".") || !strcmp(b, "..")) {
		errno = EISDIR;
		return -1;
	}
	if (strlen(b) >= ATOMIC_NAME) {
		errno = ENAMETOOLONG;
		return -1;
	}
	snprintf(base, ATOMIC_NAME, "%s", b);
	if (!slash)
		return open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	size_t len = slash == path ? 1 : (size_t)(slash - path);
	char *dir = malloc(len + 1);
	if (!dir) {
		errno = ENOMEM;
		return -1;
	}
	memcpy(dir, path, len);
	dir[len] = '\0';
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int e = errno;
	free(dir);
	errno = e;
	return fd;
}

/* ---- one file ---- */

int atomic_open(struct atomic_file *af, const char *path, char *err, size_t n)
{
	*af = (struct atomic_file){.dirfd = -1, .slot = -1};
	af->dirfd = atomic_dir_open(path, af->base);
	if (af->dirfd < 0) {
		snprintf(err, n, "%s", strerror(errno));
		return -1;
	}
	atomic_sweep(af->dirfd, af->base);
	sigset_t held; /* a signal between creating and tracking would leave it behind */
	atomic_block(&held);
	int fd = atomic_create(af->dirfd, af->base, 0, af->tmp);
	int e = errno;
	if (fd >= 0)
		af->slot = atomic_track(af->dirfd, af->tmp, 0);
	atomic_unblock(&held);
	if (fd < 0) {
		snprintf(err, n, "%s", strerror(e));
		close(af->dirfd);
		af->dirfd = -1;
		return -1;
	}
	if (!(af->f = fdopen(fd, "wb"))) {
		snprintf(err, n, "%s", strerror(errno));
		close(fd);
		atomic_abort(af);
		return -1;
	}
	return 0;
}

int atomic_sync_close(FILE *f, char *err, size_t n)
{
	int rc = 0;
	if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
		snprintf(err, n, "%s", strerror(errno));
		rc = -1;
	}
	if (fclose(f) != 0 && rc == 0) {
		snprintf(err, n, "%s", strerror(errno));
		rc = -1;
	}
	return rc;
}

int atomic_commit(struct atomic_file *af, char *err, size_t n)
{
	int rc = atomic_sync_close(af->f, err, n);
	af->f = NULL;
	if (rc == 0 && renameat(af->dirfd, af->tmp, af->dirfd, af->base) != 0) {
		snprintf(err, n, "%s", strerror(errno));
		rc = -1;
	}
	if (rc != 0) {
		atomic_abort(af);
		return -1;
	}
	atomic_untrack(af->slot);
	fsync(af->dirfd); /* the rename itself survives a power cut */
	close(af->dirfd);
	*af = (struct atomic_file){.dirfd = -1, .slot = -1};
	return 0;
}

void atomic_abort(struct atomic_file *af)
{
	if (af->f)
		fclose(af->f);
	if (af->dirfd >= 0)
		unlinkat(af->dirfd, af->tmp, 0);
	atomic_untrack(af->slot); /* after the unlink: a signal between them finds nothing to do */
	if (af->dirfd >= 0)
		close(af->dirfd);
	*af = (struct atomic_file){.dirfd = -1, .slot = -1};
}

/* ---- a folder ---- */

int atomic_mkdtemp(int dirfd, const char *base, char name[ATOMIC_NAME], int *slot)
{
	sigset_t held;
	atomic_block(&held);
	int made = atomic_create(dirfd, base, 1, name), e = errno;
	if (made == 0)
		*slot = atomic_track(dirfd, name, 1);
	atomic_unblock(&held);
	if (made != 0) {
		errno = e;
		return -1;
	}
	int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		unlinkat(dirfd, name, AT_REMOVEDIR);
		atomic_untrack(*slot);
		errno = e;
	}
	return fd;
}
