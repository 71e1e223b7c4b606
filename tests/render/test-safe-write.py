#!/usr/bin/env python3
"""test-safe-write.py - nothing half-written, nothing left behind (issue 16): a full disk
(files limited by RLIMIT_FSIZE) fails with nudge's one sentence and no word of libpng's,
and midway through `record --force` leaves the old frames whole; TERM, INT and HUP in
the middle of a large export or a recording remove the temporary and keep the old file;
stale temporaries of the same target are swept, no others; names of 248 to 255 bytes
work; strace sees the file fsynced before the rename and the folder after. Uses only
`export` and a folder `record`, so it runs against older builds too.
Usage: test-safe-write.py NUDGE_EXE"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no tests/__pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import checks  # noqa: E402
from checks import check, finish, ls, read_bytes as read  # noqa: E402

NUDGE = sys.argv[1]


def run(*args, fsize=None):
    return checks.run_fsize([NUDGE, *args], fsize, timeout=300)


tmp = tempfile.mkdtemp(prefix="nudge-safe-")


def path(*p):
    return os.path.join(tmp, *p)


def temps(folder):
    """nudge's temporaries in folder, of this pattern or the one before it (.NAME.XXXXXX)."""
    return [f for f in ls(folder) if f.startswith(".")]


try:
    # --- a full disk (files limited to a size): one sentence, the old frames whole ------
    r = run("export", "network", "-o", path("full.png"), fsize=20000)
    check(r.returncode == 1 and r.stderr.startswith("nudge export: cannot write") and "libpng" not in r.stderr
          and not os.path.exists(path("full.png")), f"libpng says nothing of its own: {r.stderr!r}")
    # a folder: the new frames grow past the limit midway; the old recording stays whole
    run("record", "network", "-o", path("sizes"))
    sizes = [os.path.getsize(path("sizes", f)) for f in ls(path("sizes"))]
    mid = (sizes[0] + max(sizes)) // 2  # step 0 fits, a later step does not
    check(len(sizes) == 13 and sizes[0] < mid < max(sizes), f"frame sizes to fail midway: {sizes}")
    rec = path("rec")
    run("record", "computation-graph", "-o", rec)
    old = {f: read(os.path.join(rec, f)) for f in ls(rec)}
    r = run("record", "network", "-o", rec, "--force", fsize=mid)
    now = {f: read(os.path.join(rec, f)) for f in ls(rec)}
    check(r.returncode == 1 and now == old, f"a full disk midway leaves the old frames whole: {r.stderr!r} "
          f"{sorted(set(now) ^ set(old))}")
    r = run("record", "derivative", "-o", rec, "--force")
    check(r.returncode == 0 and ls(rec) == [f"step-00{i}.png" for i in range(4)],
          f"--force swaps in the new set alone: {ls(rec)}")

    # --- TERM, INT, HUP mid-write: the temporary goes, the old file stays ----------------
    def interrupt(args, folder, ready, sig):
        # the child gets each signal's default action, as from a terminal: under nohup HUP
        # is ignored, and nudge rightly keeps that (it removes its temporary and goes on)
        p = subprocess.Popen([NUDGE, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                             preexec_fn=lambda: signal.signal(sig, signal.SIG_DFL))
        deadline = time.time() + 60
        while time.time() < deadline and p.poll() is None and not ready():
            time.sleep(0.005)
        seen = p.poll() is None and ready()
        p.send_signal(sig)
        p.wait(timeout=60)
        checks.check_clean(p.returncode, p.stderr.read(), " ".join(args))
        return seen, p.returncode, temps(folder)

    big = path("big.png")
    with open(big, "wb") as f:
        f.write(b"old")
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        seen, code, left = interrupt(["export", "network", "--size", "8000x4500", "-o", big], tmp,
                                     lambda: temps(tmp), sig)
        check(seen and code == -sig and not left and read(big) == b"old",
              f"{sig.name} mid-export: dies of it, no temporary, old file kept ({seen}, {code}, {left})")
    run("record", "computation-graph", "-o", rec, "--force")
    old = {f: read(os.path.join(rec, f)) for f in ls(rec)}

    def frames_aside():
        return any(ls(os.path.join(rec, d)) for d in temps(rec) if os.path.isdir(os.path.join(rec, d)))

    seen, code, left = interrupt(["record", "network", "-o", rec, "--force", "--size", "3000x1700"], rec,
                                 frames_aside, signal.SIGTERM)
    now = {f: read(os.path.join(rec, f)) for f in ls(rec)}
    check(seen and code == -signal.SIGTERM and not left and now == old,
          f"TERM mid-record: old frames whole, nothing aside ({seen}, {code}, {left}, {sorted(set(now) ^ set(old))})")

    # --- stale temporaries of the same target are swept; others are not ----------------
    names = {".walk.png.nudge-Ab12Cd": 3600, ".walk.png.nudge-Ef34Gh": 0, ".walk.png.nudge-x": 3600,
             ".walk.svg.nudge-Ij56Kl": 3600, "walk.png.nudge-Mn78Op": 3600, ".walk.png.Qr90St": 3600}
    for name, age in names.items():
        with open(path(name), "w") as f:
            f.write("x")
        os.utime(path(name), (time.time() - age, time.time() - age))
    r = run("export", "network", "-o", path("walk.png"))
    left = sorted(f for f in names if os.path.exists(path(f)))
    check(r.returncode == 0 and left == sorted(set(names) - {".walk.png.nudge-Ab12Cd"}),
          f"only the stale temporary of walk.png is swept: {left}")
    for name in names:
        os.unlink(path(name)) if os.path.exists(path(name)) else None

    # --- names of 248 to 255 bytes ------------------------------------------------------
    for n in (248, 251, 255):
        for ext in (".png", ".svg", ".pdf"):
            name = path("n" * (n - len(ext)) + ext)
            r = run("export", "computation-graph", "-o", name, "--size", "320x180")
            check(r.returncode == 0 and os.path.getsize(name) > 100 and not temps(tmp),
                  f"a {n}-byte name ({ext}): {r.returncode} {r.stderr!r}")
            os.unlink(name) if os.path.exists(name) else None
    r = run("record", "computation-graph", "-o", path("d" * 255), "--size", "320x180")
    check(r.returncode == 0 and len(ls(path("d" * 255))) == 13, f"a 255-byte folder: {r.stderr!r}")

    # --- fsync of the file before the rename, and of the folder after it -----------------
    if shutil.which("strace"):
        for args in (("export", "computation-graph", "-o", path("sync.png")),
                     ("export", "computation-graph", "-o", path("sync.pdf"))):
            s = checks.run(["strace", "-f", "-e", "trace=fsync,fdatasync,rename,renameat,renameat2", NUDGE, *args],
                           timeout=120, env={**os.environ, "ASAN_OPTIONS": "detect_leaks=0:exitcode=99"})
            calls = [ln for ln in s.stderr.splitlines() if re.match(r"(\[pid \d+\] )?(fsync|fdatasync|rename)", ln)]
            ren = [i for i, c in enumerate(calls) if "rename" in c and args[-1].split("/")[-1] in c]
            fds = [re.search(r"sync\((\d+)\)", c).group(1) if re.search(r"sync\(\d", c) else None for c in calls]
            m = re.search(r"renameat2?\((\d+),", calls[ren[0]]) if ren else None
            dirfd = m.group(1) if m else None  # rename relative to the folder, so it can be fsynced
            check(len(ren) == 1 and dirfd and any(fds[i] and fds[i] != dirfd for i in range(ren[0]))
                  and dirfd in fds[ren[0] + 1:], f"{args[-1]}: fsync, rename, fsync of the folder: {calls}")
    else:
        checks.skip("the fsync order (strace is not installed)")
finally:
    shutil.rmtree(tmp, ignore_errors=True)

finish("test-safe-write")
