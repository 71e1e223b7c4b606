"""checks.py - the few helpers the Python tests share: count checks, print each failure
with what was expected, run a program and fail on any sanitizer report in what it
printed (optionally on a "full disk"), read back files and folders, record a part that
could not run as skipped, and end with "NAME: N checks
passed, N failed" and the exit status (77, meson's "skipped", when something could not
run). Import it from a test in this folder, after `sys.dont_write_bytecode = True` so
that no tests/__pycache__ is left in the source tree:
`from checks import check, finish, run`."""
import os
import resource
import signal
import subprocess
import sys

_counts = {"passed": 0, "failed": 0}
_skipped = []

# The test environments (tests/meson.build) give AddressSanitizer and UBSan this exit
# status, so that a sanitizer report differs from nudge's own failure statuses 1 and 2.
SANITIZER_EXIT = 99
_SANITIZER_WORDS = ("runtime error:", "AddressSanitizer", "LeakSanitizer", "UndefinedBehaviorSanitizer")


def check(cond, what):
    """Counts one check; prints `what` when it failed. Returns cond."""
    if cond:
        _counts["passed"] += 1
    else:
        _counts["failed"] += 1
        print("FAIL:", what, file=sys.stderr)
    return cond


def sanitizer_report(returncode, stderr):
    """What shows that a sanitizer reported something in a run: its exit status or its
    words in stderr (text or bytes), as one line; "" for a clean run."""
    if isinstance(stderr, bytes):
        stderr = stderr.decode("utf-8", "replace")
    words = [w for w in _SANITIZER_WORDS if w in (stderr or "")]
    if returncode != SANITIZER_EXIT and not words:
        return ""
    return f"exit {returncode}, {', '.join(words) or 'no words'}"


def check_clean(returncode, stderr, what):
    """A failed check when a sanitizer reported something in the run; counts nothing
    when the run was clean."""
    report = sanitizer_report(returncode, stderr)
    if report:
        check(False, f"{what}: sanitizer report ({report}):\n{(stderr or '')[-3000:]}")


def run(argv, **kw):
    """subprocess.run with stdout and stderr captured as text (unless kw says otherwise);
    a sanitizer report in the run is a failed check. Returns the CompletedProcess."""
    if "stdout" not in kw and "stderr" not in kw:
        kw.setdefault("capture_output", True)
    kw.setdefault("text", True)
    p = subprocess.run(argv, **kw)
    check_clean(p.returncode, p.stderr, " ".join(str(a) for a in argv)[:200])
    return p


def run_fsize(argv, fsize=None, **kw):
    """run() with the files the program writes limited to fsize bytes (None: no limit),
    as on a full disk: a write past the limit fails with EFBIG instead of killing it."""
    def limit():
        if fsize is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
    return run(argv, preexec_fn=limit, **kw)


def read_bytes(p):
    """The bytes of file p, or None when it cannot be read."""
    try:
        with open(p, "rb") as f:
            return f.read()
    except OSError:
        return None


def ls(folder):
    """The sorted names in folder, or [] when it is not a folder."""
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []


def skip(what):
    """Records a part of the test that could not run here (a tool is missing)."""
    _skipped.append(what)
    print("SKIPPED:", what, file=sys.stderr)


def finish(name):
    """Prints the counts and exits: 1 when a check failed, else 77 (skipped) when a
    part could not run, else 0."""
    extra = f", {len(_skipped)} parts skipped ({'; '.join(_skipped)})" if _skipped else ""
    print(f"{name}: {_counts['passed']} checks passed, {_counts['failed']} failed{extra}")
    sys.exit(1 if _counts["failed"] else 77 if _skipped else 0)
