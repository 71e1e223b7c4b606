#!/usr/bin/env python3
"""test-window-x11.py - nudge end to end in a real X window (Xvfb), driven as a person
would with xdotool: start it, drag the w knob, step with Home and Right, press S, J (the
map of J over two params), F (a descent path on it), drag the point across the map,
type learning rates after Shift+F, roll the wheel over the graph (it zooms) and press V
(all of it again). Checks that the screen changed where the figure is, that the
screenshot file is a PNG at twice the figure's size, that the map's drag left both
params where the pointer let go (read from the PDF Shift+S saves), and that Q quits
cleanly. Usage: test-window-x11.py NUDGE
Skips (exit 77) when Xvfb, xdotool or ImageMagick are missing."""
import html
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no tests/__pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checks  # noqa: E402
from checks import check, finish  # noqa: E402

NUDGE = os.path.abspath(sys.argv[1])
for tool in ("Xvfb", "xdotool", "import", "compare"):
    if not shutil.which(tool):
        print(f"skipping: {tool} is not installed")
        sys.exit(77)



def free_display():
    for n in range(90, 200):
        if not os.path.exists(f"/tmp/.X11-unix/X{n}") and not os.path.exists(f"/tmp/.X{n}-lock"):
            return f":{n}"
    raise RuntimeError("no free X display")


def x(*args, timeout=10):
    return subprocess.run(list(args), capture_output=True, text=True, timeout=timeout, env=env)


def shot(path):
    x("import", "-window", "root", path)
    return path


def differing(a, b, geom):
    """Pixels that differ between two screenshots inside WxH+X+Y."""
    p = subprocess.run(["compare", "-metric", "AE", "-fuzz", "2%", a, b, "-crop", geom, "null:"],
                       capture_output=True, text=True, env=env)
    try:
        return int(float(p.stderr.split()[0]))
    except (ValueError, IndexError):
        return -1


def read_layout():
    """NUDGE_LAYOUT_FILE: slider:NAME and figure as [x, y, w, h]; map as [x, y, w, h,
    alo, ahi, blo, bhi] (x, y in the window)."""
    layout = {}
    for _ in range(100):  # the first frame writes it; a busy machine takes its time
        if os.path.exists(env["NUDGE_LAYOUT_FILE"]):
            break
        time.sleep(0.1)
    with open(env["NUDGE_LAYOUT_FILE"]) as f:
        for line in f:
            parts = line.split()
            if parts[0] == "map":
                layout["map"] = [int(v) for v in parts[1:5]] + [float(v) for v in parts[5:9]]
            else:
                layout[parts[0] + ":" + parts[1] if parts[0] == "slider" else parts[0]] = [int(v) for v in parts[-4:]]
    return layout


def values_in_pdf(names):
    """Shift+S saves the figure as PNG, SVG and PDF; the values printed in the named
    params' boxes, read from the PDF with pdftotext, or None (skipped) without it."""
    if not shutil.which("pdftotext"):
        checks.skip("reading the values back needs pdftotext (scripts/deps --test installs poppler-utils)")
        return None
    before = set(os.listdir(tmp))
    x("xdotool", "key", "--window", wid, "shift+s")
    pdf = None
    for _ in range(40):
        time.sleep(0.1)
        new = [n for n in set(os.listdir(tmp)) - before if n.endswith(".pdf")]
        if new and os.path.getsize(os.path.join(tmp, new[0])) > 0:
            pdf = os.path.join(tmp, new[0])
            break
    check(pdf is not None, "Shift+S saved a PDF")
    if pdf is None:
        return {}
    time.sleep(0.3)
    # words with their boxes: a param's value is the number right under "NAME param"
    words = [(float(a), float(b), float(c), float(d), html.unescape(w).replace("\u2212", "-"))
             for a, b, c, d, w in re.findall(r'<word xMin="([-0-9.]+)" yMin="([-0-9.]+)" xMax="([-0-9.]+)" '
                                             r'yMax="([-0-9.]+)">([^<]*)</word>',
                                             x("pdftotext", "-bbox", pdf, "-").stdout)]
    got = {}
    for i in range(len(words) - 1):
        x0, y0, x1, y1, w = words[i]
        nxt = words[i + 1]
        if w not in names or nxt[4] != "param" or abs(nxt[3] - y1) > (y1 - y0):
            continue
        under = [v for v in words if v[1] >= y1 - 2 and v[1] < y1 + 2 * (y1 - y0)
                 and v[0] < nxt[2] and v[2] > x0 and re.fullmatch(r"-?[0-9.]+(e-?[0-9]+)?", v[4])]
        if under:
            got[w] = float(min(under, key=lambda v: v[1])[4])
    return got


def press(key, name, since, wait=0.8, geom=None):
    """Presses key in the window, waits, and screenshots: (the shot, pixels of the figure
    (or of geom) that differ from the shot since)."""
    x("xdotool", "key", "--window", wid, key)
    time.sleep(wait)
    after = shot(os.path.join(tmp, name))
    return after, differing(since, after, geom or fig_geom)


tmp = tempfile.mkdtemp(prefix="nudge-x11-")
display = free_display()
env = dict(os.environ, DISPLAY=display, LC_ALL="C.UTF-8", MESA_SHADER_CACHE_DISABLE="true",
           NUDGE_LAYOUT_FILE=os.path.join(tmp, "layout.txt"),
           # X11 and GL libraries leak on their own (see tests/test-app.c); every other
           # report still exits 99 (tests/meson.build)
           ASAN_OPTIONS=os.environ.get("ASAN_OPTIONS", "") + ":detect_leaks=0")
env.pop("SDL_VIDEODRIVER", None)
xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
app = None
try:
    for _ in range(100):
        if os.path.exists(f"/tmp/.X11-unix/X{display[1:]}"):
            break
        time.sleep(0.05)
    app = subprocess.Popen([NUDGE, "computation-graph", "--shots", tmp, "--size", "1200x760"], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    win = x("xdotool", "search", "--sync", "--onlyvisible", "--class", "nudge", timeout=20).stdout.split()
    check(bool(win), "the window appears")
    wid = win[0] if win else ""
    time.sleep(0.5)
    title = x("xdotool", "getwindowname", wid).stdout.strip() if wid else ""
    check(title == "nudge — Computation graph", f"window title: {title!r}")
    # a desktop citizen: WM_NAME readable in any locale (xdotool --name reads WM_NAME),
    # WM_CLASS "nudge" as the .desktop file's StartupWMClass says
    for locale in ("C", "C.UTF-8"):
        named = subprocess.run(["xdotool", "search", "--name", "nudge"], capture_output=True, text=True,
                               timeout=10, env=dict(env, LC_ALL=locale)).stdout.split()
        check(wid and wid in named, f"xdotool search --name nudge finds the window in LC_ALL={locale}: {named}")
    for how in ("--class", "--classname"):
        found = x("xdotool", "search", how, "^nudge$").stdout.split()
        check(wid and wid in found, f"WM_CLASS is nudge ({how}): {found}")
    if shutil.which("xprop") and wid:
        props = x("xprop", "-id", wid, "WM_NAME", "_NET_WM_NAME", "_NET_WM_ICON").stdout
        check(re.search(r"^WM_NAME\((STRING|COMPOUND_TEXT)\)", props, re.M) is not None
              and "_NET_WM_NAME(UTF8_STRING)" in props, f"WM_NAME typed for every client: {props[:300]}")
        check("_NET_WM_ICON(CARDINAL)" in props and "Icon (128 x 128)" in props, "the window has nudge's icon")
    else:
        checks.skip("the window's properties need xprop (scripts/deps --test installs x11-utils)")
    geo = x("xdotool", "getwindowgeometry", wid).stdout if wid else ""
    ox = oy = 0
    for line in geo.splitlines():
        if "Position:" in line:
            ox, oy = [int(v) for v in line.split()[1].split(",")]
    time.sleep(1.0)
    layout = read_layout()
    fx, fy, fw, fh = layout["figure"]
    fig_geom = f"{fw}x{fh}+{ox + fx}+{oy + fy}"
    a = shot(os.path.join(tmp, "a.png"))

    # drag the w knob from 2 (60 % of [-4, 6]) to the right
    tx, ty, tw, th = layout["slider:w"]
    kx, ky = ox + tx + int(0.6 * tw), oy + ty + th // 2
    x("xdotool", "mousemove", str(kx), str(ky))
    time.sleep(0.1)
    x("xdotool", "mousedown", "1")
    for i in range(1, 9):
        x("xdotool", "mousemove", str(kx + i * tw // 30), str(ky))
        time.sleep(0.05)
    x("xdotool", "mouseup", "1")
    time.sleep(0.6)
    b = shot(os.path.join(tmp, "b.png"))
    changed = differing(a, b, fig_geom)
    check(changed > 500, f"dragging w changed the figure ({changed} pixels)")

    x("xdotool", "key", "--window", wid, "Home")
    for _ in range(3):
        x("xdotool", "key", "--window", wid, "Right")
        time.sleep(0.15)
    time.sleep(0.6)
    c = shot(os.path.join(tmp, "c.png"))
    changed = differing(b, c, fig_geom)
    check(changed > 500, f"stepping changed the figure ({changed} pixels)")

    x("xdotool", "key", "--window", wid, "s")
    time.sleep(1.5)
    png = os.path.join(tmp, "nudge-computation-graph-001.png")
    check(os.path.exists(png), "S wrote nudge-computation-graph-001.png")
    if os.path.exists(png):
        with open(png, "rb") as f:
            head = f.read(24)
        w, h = struct.unpack(">II", head[16:24])
        check(head[:8] == b"\x89PNG\r\n\x1a\n" and w == 2 * fw and h == 2 * fh,
              f"a PNG at twice the figure's size: {w}x{h} for {fw}x{fh}")
    # the landscape: J shows the map of J over two params, F draws the descent path on it
    d, changed = press("j", "d.png", c)
    check(changed > 20000, f"J drew the map of J over two names ({changed} pixels)")
    e, changed = press("f", "e.png", d)
    check(changed > 100, f"F drew the descent path on the map ({changed} pixels)")

    # drag the point across the map: both params follow; read back from the figure
    # saved as PDF (Shift+S), whose text pdftotext reads
    layout = read_layout()
    check("map" in layout, f"the layout file says where the map is: {sorted(layout)}")
    if "map" in layout:
        mx, my, mw, mh, alo, ahi, blo, bhi = layout["map"]
        p0, p1 = (0.25, 0.3), (0.7, 0.65)  # fractions of the map from its top left
        px = [(ox + mx + round(fx * mw), oy + my + round(fy * mh)) for fx, fy in (p0, p1)]
        x("xdotool", "mousemove", str(px[0][0]), str(px[0][1]))
        time.sleep(0.1)
        x("xdotool", "mousedown", "1")
        for i in range(1, 11):
            x("xdotool", "mousemove", str(px[0][0] + (px[1][0] - px[0][0]) * i // 10),
              str(px[0][1] + (px[1][1] - px[0][1]) * i // 10))
            time.sleep(0.05)
        x("xdotool", "mouseup", "1")
        time.sleep(0.8)
        f = shot(os.path.join(tmp, "f.png"))
        changed = differing(e, f, fig_geom)
        check(changed > 500, f"dragging on the map changed the figure ({changed} pixels)")
        want = [(alo + (ahi - alo) * (px[k][0] - ox - mx) / mw, bhi - (bhi - blo) * (px[k][1] - oy - my) / mh)
                for k in (0, 1)]
        got = values_in_pdf(("w", "b"))
        if got is not None:
            tol = (2 * (ahi - alo) / mw, 2 * (bhi - blo) / mh)  # two pixels of the map
            for k, name in enumerate(("w", "b")):
                v = got.get(name)
                check(v is not None and abs(v - want[1][k]) <= tol[k] + 0.005 * abs(want[1][k]),
                      f"{name} = {v} where the drag ended (expected {want[1][k]:.4g} ± {tol[k]:.2g})")
                check(v is not None and abs(want[1][k] - want[0][k]) > 10 * tol[k],
                      f"{name} moved from {want[0][k]:.4g} to {v} (along {'x' if k == 0 else 'y'})")

    # Shift+F: type the learning rates of the paths; Enter draws a path for each
    g = shot(os.path.join(tmp, "g.png"))
    x("xdotool", "key", "--window", wid, "shift+f")
    time.sleep(0.3)
    x("xdotool", "type", "--window", wid, "--delay", "40", "0.05, 0.2, 0.6")
    x("xdotool", "key", "--window", wid, "Return")
    time.sleep(0.8)
    h = shot(os.path.join(tmp, "h.png"))
    changed = differing(g, h, fig_geom)
    check(changed > 300, f"typed rates drew three paths ({changed} pixels)")

    # the view: the wheel over the graph zooms into it, V shows all of it again (compared
    # under the title row, where a status line too long for the bar shows in a band, and
    # above the caption)
    view_geom = f"{fw}x{fh * 4 // 5 - fh // 6}+{ox + fx}+{oy + fy + fh // 6}"
    gx, gy = ox + fx + fw // 5, oy + fy + fh // 2
    x("xdotool", "mousemove", str(gx), str(gy))
    time.sleep(0.6)
    g0 = shot(os.path.join(tmp, "g0.png"))
    for _ in range(2):
        x("xdotool", "click", "4")
        time.sleep(0.1)
    time.sleep(0.8)
    g1 = shot(os.path.join(tmp, "g1.png"))
    changed = differing(g0, g1, view_geom)
    check(changed > 5000, f"the wheel over the graph zoomed into it ({changed} pixels)")
    g2, changed = press("v", "g2.png", g0, wait=1.0, geom=view_geom)
    for i in range(5):  # the glide back takes 0.35 s, longer on a busy machine
        if 0 <= changed < 50:
            break
        time.sleep(0.6)
        changed = differing(g0, shot(os.path.join(tmp, f"g2-{i}.png")), view_geom)
    check(0 <= changed < 50, f"V shows all of the graph again, as before the wheel ({changed} pixels differ)")

    # F5: presentation mode, as a lecturer starts it: the controls go and the figure
    # takes the window; PageDown steps the walk there; Esc brings the controls back
    before = read_layout()
    x("xdotool", "key", "--window", wid, "F5")
    time.sleep(1.0)
    pres = read_layout()
    hidden = all(v[2] == 0 for k, v in pres.items() if k.startswith("slider:"))
    check(pres["figure"][3] > before["figure"][3] and hidden,
          f"F5 hides the controls and gives the figure the window: {pres['figure']} (was {before['figure']})")
    x("xdotool", "key", "--window", wid, "Home")
    time.sleep(0.6)
    p1 = shot(os.path.join(tmp, "p1.png"))
    x("xdotool", "key", "--window", wid, "Next")
    time.sleep(0.8)
    p2 = shot(os.path.join(tmp, "p2.png"))
    changed = differing(p1, p2, "1280x800+0+0")
    check(changed > 500, f"PageDown stepped the walk while presenting ({changed} pixels)")
    x("xdotool", "key", "--window", wid, "Escape")
    time.sleep(1.0)
    back = read_layout()
    check(back["figure"][3] < pres["figure"][3] and back["slider:w"][2] > 0,
          f"Esc leaves presentation mode, the controls back: {back['figure']}")

    x("xdotool", "key", "--window", wid, "q")
    try:
        out, err = app.communicate(timeout=10)
        check(app.returncode == 0, f"Q quits with status 0 (got {app.returncode}): {err[-500:]}")
        checks.check_clean(app.returncode, err, "the window")
    except subprocess.TimeoutExpired:
        check(False, "Q quits within 10 s")
finally:
    if app and app.poll() is None:
        app.kill()
    xvfb.terminate()
    xvfb.wait()
    shutil.rmtree(tmp, ignore_errors=True)

finish("test-window-x11")
