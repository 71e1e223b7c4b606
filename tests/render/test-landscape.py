#!/usr/bin/env python3
"""test-landscape.py - the map of J over two leaves from the command line: `--plot A,B`,
`--descent N` and `--rates` on export (PNG, SVG, PDF, both themes), record and bench;
`plot A, B` in a scene; one name keeps today's figure byte for byte; three names, an
unknown name, a data column, the cost itself and a name given twice are refused with
exit 2 and a sentence naming it; malformed --rates and --descent too.
Usage: test-landscape.py NUDGE_EXE."""
import os
import struct
import sys
import tempfile

sys.dont_write_bytecode = True  # no tests/__pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import checks  # noqa: E402
from checks import check, finish  # noqa: E402

NUDGE = sys.argv[1]
ROOT = os.environ.get("NUDGE_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), "..", ".."))
LAND = os.path.join(ROOT, "docs", "examples", "landscape.nudge")
NET = os.path.join(ROOT, "docs", "examples", "network-221.nudge")
TMP = tempfile.mkdtemp(prefix="nudge-landscape-")


def run(*args):
    return checks.run([NUDGE, *args], timeout=120)


def path(name):
    return os.path.join(TMP, name)


def png_size(p):
    with open(p, "rb") as f:
        head = f.read(24)
    return struct.unpack(">II", head[16:24])


def read(p):
    with open(p, "rb") as f:
        return f.read()


# exports of the map in every format and both themes
for theme in ("light", "dark"):
    for ext in ("png", "svg", "pdf"):
        out = path(f"map-{theme}.{ext}")
        p = run("export", LAND, "--plot", "w,b", "--descent", "30", "--rates", "0.05,0.2,0.6",
                "--theme", theme, "-o", out)
        check(p.returncode == 0 and os.path.getsize(out) > 1000, f"export {ext} {theme}: {p.stderr}")
check(png_size(path("map-light.png")) == (1920, 1080), "the map's PNG is 1920x1080")
svg = read(path("map-light.svg"))
check(svg.count(b"<path") > 100, "the SVG's contours and paths are vector lines")

# the scene's `plot w, b` draws the map without --plot; --plot w,b draws the same
p1 = run("export", LAND, "-o", path("scene.png"))
p2 = run("export", LAND, "--plot", "w,b", "-o", path("option.png"))
check(p1.returncode == 0 and p2.returncode == 0 and read(path("scene.png")) == read(path("option.png")),
      "`plot w, b` in the scene and --plot w,b draw the same figure")
# one name keeps today's view: the same bytes as a scene that plots w alone
with open(LAND, encoding="utf-8") as f:
    one = f.read().replace("plot w, b", "plot w")
with open(path("one.nudge"), "w", encoding="utf-8") as f:
    f.write(one)
p1 = run("export", LAND, "--plot", "w", "-o", path("one-opt.png"))
p2 = run("export", path("one.nudge"), "-o", path("one-scene.png"))
check(p1.returncode == 0 and p2.returncode == 0 and read(path("one-opt.png")) == read(path("one-scene.png")),
      "--plot w keeps today's J(w) figure")
check(read(path("one-opt.png")) != read(path("scene.png")), "the map is not the J(w) figure")
# paths change the picture; no paths without --descent
p = run("export", LAND, "--plot", "w,b", "--rates", "0.05,0.2", "-o", path("norates.png"))
check(read(path("norates.png")) == read(path("option.png")), "--rates without --descent draws no paths")
check(read(path("map-light.png")) != read(path("option.png")), "--descent draws the paths")

# refusals: exit 2 and a sentence naming what is wrong
refusals = [
    (["--plot", "w,b,x"], "not three"),
    (["--plot", "w,q"], "'q'"),
    (["--plot", "x,b"], "'x' is a data column"),
    (["--plot", "w,J"], "'J' is the cost itself"),
    (["--plot", "w,w"], "'w' twice"),
    (["--plot", "w,b", "--rates", "0.1,-2"], "--rates"),
    (["--plot", "w,b", "--rates", "0.1,,2"], "--rates"),
    (["--plot", "w,b", "--rates", "1,2,3,4,5,6,7"], "--rates"),
    (["--plot", "w,b", "--descent", "many"], "--descent"),
]
for args, words in refusals:
    for cmd in ("export", "record", "bench"):
        argv = [cmd, LAND, *args]
        if cmd != "bench":
            argv += ["-o", path(f"refused-{cmd}.png" if cmd == "export" else "refused-rec")]
        else:
            argv += ["--frames", "1"]
        p = run(*argv)
        check(p.returncode == 2 and words in p.stderr and p.stderr.count("\n") == 1,
              f"{' '.join(args)} on {cmd}: exit {p.returncode}, {p.stderr!r}")
        check(not os.path.exists(path(f"refused-{cmd}.png")) and not os.path.exists(path("refused-rec")),
              f"{cmd} refused writes nothing")

# a scene's `plot` with a third name is refused where it is written
with open(path("three.nudge"), "w", encoding="utf-8") as f:
    f.write(one.replace("plot w", "plot w, b, w"))
p = run("export", path("three.nudge"), "-o", path("three.png"))
check(p.returncode == 2 and "three.nudge:" in p.stderr and "not three" in p.stderr, f"plot w, b, w: {p.stderr!r}")

# record takes the map and its paths
p = run("record", LAND, "--plot", "w,b", "--descent", "10", "--rates", "0.1,0.3", "--to", "2",
        "-o", path("walk.pdf"))
check(p.returncode == 0 and read(path("walk.pdf")).startswith(b"%PDF"), f"record --plot w,b: {p.stderr}")

# bench reports the dragging frame on the map
for scene, names in ((LAND, "w,b"), (NET, "v1,v2")):
    p = run("bench", scene, "--plot", names, "--frames", "3", "--descent", "5", "--rates", "0.1,0.5")
    check(p.returncode == 0 and "dragging on the map: 3 frames, median" in p.stdout,
          f"bench --plot {names}: {p.stdout!r} {p.stderr!r}")

finish("test-landscape")
