#!/usr/bin/env python3
"""test-figures.py - `nudge export` and `nudge record` checked from the outside, the way
a person would: tesseract reads the numbers off a PNG of computation-graph, rsvg-convert
and pdftoppm open the SVG and PDF, pdffonts sees the embedded font, record writes one
distinct frame per step; bad usage and unwritable paths fail with one clear sentence.
Usage: test-figures.py NUDGE_EXE. Exits 77 (skip) only if a needed tool is missing."""
import hashlib
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no tests/__pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import checks  # noqa: E402
from checks import check, finish  # noqa: E402

NUDGE = sys.argv[1]


def run(*args, **kw):
    return checks.run([NUDGE, *args], timeout=120, **kw)


def png_size(path):
    try:
        with open(path, "rb") as f:
            head = f.read(24)
        return struct.unpack(">II", head[16:24])
    except (OSError, struct.error):
        return None


def need(tool):
    if shutil.which(tool) is None:
        print(f"SKIP: {tool} is not installed", file=sys.stderr)
        sys.exit(77)


def ocr(png):
    """What tesseract reads on png, and the numbers in it (any dash read as '-')."""
    text = ""
    for psm in ("11", "12"):  # sparse text, two ways: what either reads, a person reads
        r = subprocess.run(["tesseract", png, "stdout", "--psm", psm], capture_output=True,
                           text=True, timeout=120)
        text += r.stdout + "\n"
    for dash in ("\u2212", "\u2014", "\u2013", "~"):
        text = text.replace(dash, "-")
    return text, set(re.findall(r"-?\d+(?:\.\d+)?", text))


for tool in ("tesseract", "rsvg-convert", "pdftoppm", "pdffonts"):
    need(tool)

tmp = tempfile.mkdtemp(prefix="nudge-figures-")
try:
    # --- export: formats, sizes, scale ----------------------------------------
    for ext in ("png", "svg", "pdf"):
        out = os.path.join(tmp, "cg." + ext)
        r = run("export", "computation-graph", "-o", out)
        check(r.returncode == 0 and os.path.exists(out) and os.path.getsize(out) > 1000,
              f"export .{ext}: rc={r.returncode} {r.stderr.strip()}")
    check(png_size(os.path.join(tmp, "cg.png")) == (1920, 1080), "default size is 1920x1080")
    big = os.path.join(tmp, "big.png")
    r = run("export", "network", "-o", big, "--scale", "2", "--theme", "dark")
    check(r.returncode == 0 and png_size(big) == (3840, 2160), "--scale 2 gives 3840x2160")

    # --font-scale: the step sentence (and the rest of the type) grows, the size does not;
    # as far as the graph keeps its numbers' size (figure_scale_fit: 1.6 asked, about 1.35
    # given for computation-graph at 1280x720)
    def word_height(png, word):
        tsv = subprocess.run(["tesseract", png, "-", "--psm", "11", "tsv"], capture_output=True,
                             text=True, timeout=120).stdout
        hs = [int(f[9]) for f in (l.split("\t") for l in tsv.splitlines()[1:])
              if len(f) >= 12 and f[11].strip() == word]
        return max(hs) if hs else 0
    plain, scaled = os.path.join(tmp, "fs1.png"), os.path.join(tmp, "fs16.png")
    r1 = run("export", "computation-graph", "-o", plain, "--size", "1280x720")
    r2 = run("export", "computation-graph", "-o", scaled, "--size", "1280x720", "--font-scale", "1.6")
    h1, h2 = word_height(plain, "step"), word_height(scaled, "step")
    check(r1.returncode == 0 and r2.returncode == 0 and png_size(scaled) == (1280, 720) and
          h1 > 0 and h2 >= h1 * 1.25, f"--font-scale 1.6: the caption's 'step' {h1} px -> {h2} px")
    # where it takes less than asked, it says the scale it took, in one sentence on stderr:
    # asked for, that scale is held (silence), and 0.02 more is not (figure_scale_fit
    # halves the range 6 times: its answer is within 0.6/64 of the largest held)
    said = re.findall(r"^nudge export: font scale ([0-9.]+) used, not 1\.6: .*$", r2.stderr, re.M)
    check(len(said) == 1 and r2.stderr.count("\n") == 1 and 1 <= float(said[0]) < 1.6,
          f"--font-scale 1.6 says the scale used: {r2.stderr!r}")
    if said:
        r = run("export", "computation-graph", "-o", scaled, "--size", "1280x720", "--font-scale", said[0])
        check(r.returncode == 0 and r.stderr == "", f"--font-scale {said[0]} (as said) is held: {r.stderr!r}")
        more = f"{float(said[0]) + 0.02:g}"
        r = run("export", "computation-graph", "-o", scaled, "--size", "1280x720", "--font-scale", more)
        check(r.returncode == 0 and f"font scale {said[0]} used, not {more}:" in r.stderr,
              f"--font-scale {more} is not held: {r.stderr!r}")
    check(r1.stderr == "", f"the font scale not asked for is not talked about: {r1.stderr!r}")
    deck = os.path.join(tmp, "fs-deck") + "/"
    r = run("record", "computation-graph", "-o", deck, "--size", "1280x720", "--font-scale", "1.6", "--from", "10")
    check(r.returncode == 0 and said and f"nudge record: font scale {said[0]} used, not 1.6:" in r.stderr,
          f"record --font-scale 1.6 says the scale used: {r.stderr!r}")
    for bad in ("0", "9", "big"):
        r = run("export", "computation-graph", "-o", scaled, "--font-scale", bad)
        check(r.returncode == 2 and "--font-scale" in r.stderr, f"--font-scale {bad} refused: {r.stderr!r}")
    r = run("export", "fit-line", "-o", os.path.join(tmp, "small.png"), "--size", "800x600",
            "--step", "0", "--set", "w=1.5", "--row", "1", "--eps", "0.1", "--transparent")
    check(r.returncode == 0 and png_size(os.path.join(tmp, "small.png")) == (800, 600),
          f"--size, --step, --set, --row, --eps, --transparent: {r.stderr.strip()}")

    # --- SVG and PDF open; the PDF embeds the bundled font -------------------------
    svg_png = os.path.join(tmp, "svg.png")
    r = subprocess.run(["rsvg-convert", "-o", svg_png, os.path.join(tmp, "cg.svg")],
                       capture_output=True, text=True)
    check(r.returncode == 0 and png_size(svg_png) is not None, f"rsvg-convert opens the SVG: {r.stderr}")
    r = subprocess.run(["pdftoppm", "-png", "-r", "36", os.path.join(tmp, "cg.pdf"),
                        os.path.join(tmp, "pdfpage")], capture_output=True, text=True)
    pages = [f for f in os.listdir(tmp) if f.startswith("pdfpage")]
    check(r.returncode == 0 and len(pages) == 1, f"pdftoppm opens the PDF: {r.stderr}")
    r = subprocess.run(["pdffonts", os.path.join(tmp, "cg.pdf")], capture_output=True, text=True)
    fonts = [l for l in r.stdout.splitlines() if "DejaVuSans" in l]
    check(r.returncode == 0 and fonts and all(" yes " in l for l in fonts),
          f"the PDF embeds DejaVu Sans:\n{r.stdout}")

    # --- the numbers are readable: tesseract on the graph at 1x -------------------
    ocr_png = os.path.join(tmp, "ocr.png")
    text, numbers = "", set()
    for size in ("1920x1080", "1024x768"):  # at 1x, at two projector sizes
        r = run("export", "computation-graph", "-o", ocr_png, "--only", "graph", "--theme",
                "light", "--size", size)
        check(r.returncode == 0, f"export for OCR: {r.stderr}")
        t, n = ocr(ocr_png)
        text += t
        numbers |= n
    for want in ("-4", "4", "2", "8"):
        check(want in numbers, f"tesseract reads {want} on computation-graph; it read {sorted(numbers)}")

    # fit-line's graph shows the mean J = 5.25 and dJ/dw = -7 (the plot's numbers) beside
    # row 0's J = 1.125 and dJ/dw = -1.5; tesseract reads both on the graph alone
    r = run("export", "fit-line", "-o", ocr_png, "--only", "graph", "--theme", "light", "--scale", "2")
    check(r.returncode == 0, f"export fit-line for OCR: {r.stderr}")
    text, numbers = ocr(ocr_png)
    for want in ("5.25", "-7", "1.125", "-1.5"):
        check(want in numbers, f"tesseract reads {want} on fit-line's graph; it read {sorted(numbers)}")
    # one wording, wide box or narrow: "3-row mean", "row 0 shown"
    check("3-row mean" in text, f"the mean box says it stands for 3 rows: {text!r}")

    # --- record: one distinct frame per step --------------------------------------
    rec = os.path.join(tmp, "rec", "deeper")
    r = run("record", "computation-graph", "-o", rec, "--size", "640x360")
    check(r.returncode == 0, f"record: {r.stderr}")
    frames = sorted(os.listdir(rec)) if os.path.isdir(rec) else []
    check(len(frames) >= 10, f"record writes one frame per step: {frames}")
    check(frames == [f"step-{i:03d}.png" for i in range(len(frames))], f"frame names: {frames}")
    hashes = [hashlib.sha256(open(os.path.join(rec, f), "rb").read()).hexdigest() for f in frames]
    check(all(a != b for a, b in zip(hashes, hashes[1:])), "each frame differs from the one before")
    r = run("record", "chain", "-o", os.path.join(tmp, "rec-pdf"), "--format", "pdf")
    pdfs = os.listdir(os.path.join(tmp, "rec-pdf")) if r.returncode == 0 else []
    check(r.returncode == 0 and pdfs and all(f.endswith(".pdf") for f in pdfs),
          f"record --format pdf: {r.stderr}")

    # --- errors: one sentence, the right exit status, nothing half-written ---------
    r = run("export", "computation-graph", "-o", os.path.join(tmp, "x.bmp"))
    check(r.returncode == 2 and "format" in r.stderr and len(r.stderr.strip().splitlines()) == 1,
          f"unknown format: rc={r.returncode} {r.stderr!r}")
    r = run("export", "computation-graph", "-o", "/nonexistent-nudge/x.png")
    check(r.returncode == 1 and "/nonexistent-nudge/x.png" in r.stderr
          and len(r.stderr.strip().splitlines()) == 1, f"unwritable path: rc={r.returncode} {r.stderr!r}")
    keep = os.path.join(tmp, "keep.png")
    with open(keep, "wb") as f:
        f.write(b"old")
    r = run("export", "computation-graph", "-o", keep, "--step", "999")
    check(r.returncode == 2 and open(keep, "rb").read() == b"old", "a refused export keeps the old file")
    r = run("export", "computation-graph", "-o", keep, "--size", "10x")
    check(r.returncode == 2, f"bad --size: {r.stderr!r}")
    r = run("export", "computation-graph")
    check(r.returncode == 2 and "-o" in r.stderr, f"missing -o: {r.stderr!r}")
    r = run("export", "no-such-scene", "-o", keep)
    check(r.returncode == 2 and open(keep, "rb").read() == b"old", f"a missing scene writes nothing: {r.returncode}")
    r = run("export", "--help")
    check(r.returncode == 0 and "--theme" in r.stdout, "export --help")
    r = run("record", "--help")
    check(r.returncode == 0 and "step-000" in r.stdout, "record --help")
    r = run("bench", "computation-graph", "--frames", "3", "--size", "320x200")
    check(r.returncode == 0 and "median" in r.stdout and "p99" in r.stdout, f"bench: {r.stdout} {r.stderr}")
    r = run("bench", "xor", "--frames", "3", "--size", "640x480", "--present")
    check(r.returncode == 0 and "640x480 presenting stepping" in r.stdout, f"bench --present: {r.stdout} {r.stderr}")
    leftovers = [f for f in os.listdir(tmp) if f.startswith(".")]
    check(not leftovers, f"no temporary files left behind: {leftovers}")
finally:
    shutil.rmtree(tmp, ignore_errors=True)

finish("test-figures")
