#!/usr/bin/env python3
"""test-docs.py - the documentation stays true to the program: every scene that
docs/scenes.md names, and every docs/examples/*.nudge, loads (`nudge eval FILE` exits
0); a scene printed in docs/scenes.md under its path is that file, word for word; each
error example in docs/scenes.md gives exactly the message shown under it; the man page
lists every command and option that `nudge --help` and `nudge COMMAND --help` list;
every picture the docs show exists and is made by scripts/docs-figures; and the slide
deck Makefile in docs/examples builds its figures; the built manual page renders in a C
locale and names the configured data folder; the desktop file, the MIME type and the
AppStream metainfo validate and agree; every file, function and type that
docs/architecture.md names exists. Usage: test-docs.py NUDGE [MAN METAINFO DATADIR]
(the last three from the build: nudge.1, the metainfo file and share/nudge)."""
import glob
import os
import re
import shutil
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True  # no tests/__pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checks  # noqa: E402
from checks import check, finish  # noqa: E402

NUDGE = os.path.abspath(sys.argv[1])
BUILT_MAN, METAINFO, DATADIR = (sys.argv[2:5] + [None] * 3)[:3]
ROOT = os.environ.get("NUDGE_SOURCE_ROOT") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
tmp = tempfile.mkdtemp(prefix="nudge-docs-")


def run(*args, cwd=None, timeout=60):
    p = checks.run([NUDGE, *args], timeout=timeout, cwd=cwd)
    return p.returncode, p.stdout, p.stderr


def read(rel):
    with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
        return f.read()


def has_render():
    code, out, _ = run("--help")
    return code == 0 and "nudge export" in out


def test_scenes_load():
    doc = read("docs/scenes.md")
    named = set(re.findall(r"\b((?:data/scenes|docs/examples)/[A-Za-z0-9_.-]+\.nudge)\b", doc))
    check(len(named) >= 5, f"docs/scenes.md names its example files ({sorted(named)})")
    examples = {os.path.relpath(p, ROOT) for p in glob.glob(os.path.join(ROOT, "docs/examples/*.nudge"))}
    check(len(examples) >= 1, "docs/examples holds .nudge files")
    for rel in sorted(named | examples):
        path = os.path.join(ROOT, rel)
        check(os.path.isfile(path), f"{rel} exists (named in docs/scenes.md)")
        if os.path.isfile(path):
            code, _, err = run("eval", path)
            check(code == 0, f"nudge eval {rel} exits 0 (got {code}: {err.strip()})")


def test_printed_scenes_match():
    """A block under a line **`PATH`** is the file at PATH, as it is today."""
    doc = read("docs/scenes.md")
    blocks = re.findall(r"^\*\*`([^`]+\.nudge)`\*\*\n\n```[a-z]*\n(.*?)^```", doc, re.S | re.M)
    check(len(blocks) >= 5, f"docs/scenes.md prints its example scenes ({len(blocks)} found)")
    for rel, text in blocks:
        path = os.path.join(ROOT, rel)
        if not os.path.isfile(path):
            check(False, f"{rel} printed in docs/scenes.md exists")
            continue
        with open(path, encoding="utf-8") as f:
            check(f.read() == text, f"docs/scenes.md prints {rel} as it is (update one or the other)")


def test_error_examples():
    """<!-- error-example --> then a scene block, then the exact message block."""
    doc = read("docs/scenes.md")
    examples = re.findall(r"<!-- error-example -->\n```[a-z]*\n(.*?)^```\n\n```[a-z]*\n(.*?)^```", doc, re.S | re.M)
    check(len(examples) >= 5, f"docs/scenes.md shows error examples ({len(examples)} found)")
    d = os.path.join(tmp, "errors")
    os.makedirs(d, exist_ok=True)
    for scene, message in examples:
        with open(os.path.join(d, "scene.nudge"), "w", encoding="utf-8") as f:
            f.write(scene)
        code, out, err = run("eval", "scene.nudge", cwd=d)
        check(code == 2, f"error example exits 2 (got {code}):\n{scene}")
        check(err == message, f"error example prints what docs/scenes.md says:\n{err}--- docs say:\n{message}")


def help_text():
    texts = {}
    code, out, _ = run("--help")
    check(code == 0, "nudge --help exits 0")
    texts["nudge"] = out
    commands = []
    for m in re.finditer(r"^(?:usage:|\s+)\s*nudge ([a-z]+)\b", out, re.M):
        if m.group(1) not in commands:
            commands.append(m.group(1))
    for c in commands:
        code, o, e = run(c, "--help")
        check(code == 0, f"nudge {c} --help exits 0")
        texts[c] = o + e
    if "bench" in commands:
        texts["bench engine"] = run("bench", "engine", "--help")[1]
    return commands, texts


def test_man_page():
    man = read("docs/nudge.1")
    plain = man.replace("\\-", "-").replace("\\fB", "").replace("\\fR", "").replace("\\fI", "").replace("\\fP", "")
    commands, texts = help_text()
    check({"eval", "train", "list", "bench"} <= set(commands), f"commands from nudge --help: {commands}")
    section = plain.split(".SH COMMANDS", 1)[-1].split("\n.SH ", 1)[0]
    for c in commands:
        check(re.search(r'^\.B[IR]? "?nudge ' + c + r"\b", section, re.M) is not None,
              f"docs/nudge.1 lists the command 'nudge {c}' under COMMANDS")
    for name, text in texts.items():
        for opt in sorted(set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*|-o)\b", text))):
            check(re.search(r"(?<![\w-])" + re.escape(opt) + r"\b", plain) is not None,
                  f"docs/nudge.1 mentions {opt} (from nudge {name} --help)")
    for sec in ("NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "KEYS", "FILES", "EXIT STATUS"):
        check(re.search(r'^\.SH "?' + sec + '"?$', man, re.M) is not None, f"docs/nudge.1 has a section {sec}")
    meson = read("meson.build")
    check("install_man(man_page)" in meson and "input : 'docs/nudge.1'" in meson,
          "meson.build installs docs/nudge.1 as configured for the build")


def test_built_man_page():
    """The installed page: the configured data folder, and readable in a C locale (no
    <epsilon> where UTF-8 would have shown a Greek letter)."""
    if not BUILT_MAN:
        return
    with open(BUILT_MAN, encoding="utf-8") as f:
        man = f.read()
    check("@" not in man.replace("\\@", ""), "the build filled in every @NAME@ of the manual page")
    check(f"{DATADIR}/scenes/" in man and f"{DATADIR}/fonts/" in man,
          f"the manual page names the configured data folder {DATADIR}")
    groff = shutil.which("groff")
    if not groff:
        checks.skip("rendering the manual page needs groff (scripts/deps --test installs it)")
        return
    for dev, lang in (("ascii", "C"), ("utf8", "C.UTF-8")):
        p = checks.run([groff, "-man", "-T" + dev, BUILT_MAN], timeout=60, env=dict(os.environ, LC_ALL=lang))
        odd = sorted(set(re.findall(r"<[a-z][a-z0-9-]*>", p.stdout)))
        check(p.returncode == 0 and not odd and not p.stderr.strip(),
              f"the manual page renders with -T{dev}: {odd} {p.stderr[:300]}")
        check(("ε" in p.stdout) == (dev == "utf8") and ("epsilon" in p.stdout) == (dev == "ascii"),
              f"-T{dev}: ε in UTF-8, the word epsilon in ASCII")


def test_desktop_files():
    """The desktop file, the MIME type and the AppStream metainfo: each validates with
    the freedesktop tools, and they name the same MIME type, icon and window class."""
    desktop = os.path.join(ROOT, "data", "nudge.desktop")
    entries = dict(l.split("=", 1) for l in read("data/nudge.desktop").splitlines() if "=" in l)
    check(entries.get("StartupWMClass") == "nudge", "the desktop file names the window class nudge")
    check(entries.get("MimeType") == "text/x-nudge;", "the desktop file opens text/x-nudge")
    mime = ET.parse(os.path.join(ROOT, "data", "nudge-mime.xml")).getroot()
    ns = "{http://www.freedesktop.org/standards/shared-mime-info}"
    types = {t.get("type"): [g.get("pattern") for g in t.iter(ns + "glob")] for t in mime.iter(ns + "mime-type")}
    check(types == {"text/x-nudge": ["*.nudge"]}, f"the MIME definition: text/x-nudge for *.nudge: {types}")
    tool = shutil.which("desktop-file-validate")
    if tool:
        p = checks.run([tool, desktop], timeout=60)
        check(p.returncode == 0 and not (p.stdout + p.stderr).strip(),
              f"desktop-file-validate has nothing to say: {p.stdout}{p.stderr}")
    else:
        checks.skip("desktop-file-validate (scripts/deps --test installs desktop-file-utils)")
    if not METAINFO:
        return
    info = ET.parse(METAINFO).getroot()
    check(info.findtext("launchable") == "nudge.desktop" and info.findtext("provides/mediatype") == "text/x-nudge",
          "the metainfo launches nudge.desktop and provides text/x-nudge")
    release = info.find("releases/release")
    check(release is not None and release.get("version") == nudge_version(),
          f"the metainfo's release is this version ({nudge_version()})")
    check(info.find("screenshots/screenshot/image") is not None, "the metainfo has a screenshot")
    tool = shutil.which("appstreamcli")
    if tool:
        p = checks.run([tool, "validate", "--no-net", "--pedantic", METAINFO], timeout=60)
        check(p.returncode == 0, f"appstreamcli validate --pedantic passes: {p.stdout}{p.stderr}")
    else:
        checks.skip("appstreamcli validate (scripts/deps --test installs appstream)")


def test_install_steps():
    """The README's release build works after scripts/run: it sets up a folder of its
    own (meson setup on build/, which scripts/run configured, would keep that debug
    build), and builds and installs that same folder."""
    m = re.search(r"^meson setup (\S+) --buildtype=release && ninja -C (\S+)\n(?:.*\n)*?sudo meson install -C (\S+)",
                  read("README.md"), re.M)
    check(m is not None, "the README shows meson setup --buildtype=release, ninja and meson install")
    if m:
        check(m.group(1) == m.group(2) == m.group(3), f"one folder for setup, build and install: {m.groups()}")
        taken = set(re.findall(r"meson setup (\S+)", read("scripts/run") + read("scripts/docs-figures")))
        taken |= set(re.findall(r"^dir=(\S+)", read("scripts/test"), re.M))
        check(m.group(1) not in taken, f"the release folder {m.group(1)} is not one the scripts set up: {taken}")


def test_deps_without_root():
    """scripts/deps as a user without root and without sudo, with packages missing: one
    sentence saying what to run as root, and no attempt to install. The tools it calls
    are stand-ins in a folder that is the whole PATH (so no real sudo or apt-get runs)."""
    bin_dir = os.path.join(tmp, "fake-bin")
    os.makedirs(bin_dir, exist_ok=True)
    for tool in ("grep", "sed", "cat"):
        real = shutil.which(tool)
        if real and not os.path.exists(os.path.join(bin_dir, tool)):
            os.symlink(real, os.path.join(bin_dir, tool))
    fakes = {"id": "echo 1000", "dpkg-query": "exit 1",  # nothing is installed
             "apt-get": f"touch {tmp}/apt-get-ran; exit 1"}
    for name, body in fakes.items():
        with open(os.path.join(bin_dir, name), "w") as f:
            f.write(f"#!{shutil.which('bash')}\n{body}\n")
        os.chmod(os.path.join(bin_dir, name), 0o755)
    bash = shutil.which("bash")
    p = checks.run([bash, os.path.join(ROOT, "scripts", "deps"), "--test"], timeout=30,
                   env={"PATH": bin_dir, "HOME": tmp})
    lines = p.stderr.strip().splitlines()
    check(p.returncode == 1 and len(lines) == 1 and "as root, run: apt-get install meson" in lines[0]
          and "make" in lines[0] and not os.path.exists(os.path.join(tmp, "apt-get-ran")),
          f"without root or sudo, scripts/deps says what to run ({p.returncode}): {p.stderr!r}")
    os.remove(os.path.join(bin_dir, "dpkg-query"))
    p = checks.run([bash, os.path.join(ROOT, "scripts", "deps")], timeout=30, env={"PATH": bin_dir, "HOME": tmp})
    check(p.returncode == 1 and len(p.stderr.strip().splitlines()) == 1 and "apt-get" in p.stderr,
          f"without apt, scripts/deps names what to install: {p.stderr!r}")


def nudge_version():
    code, out, _ = run("--version")
    m = re.search(r"\d+\.\d+\.\d+", out)
    return m.group(0) if code == 0 and m else None


def test_images():
    script = read("scripts/docs-figures")
    made = set(re.findall(r"^figure\s+(\S+)", script, re.M))
    for doc in ("README.md", "docs/scenes.md", "CONTRIBUTING.md"):
        if not os.path.isfile(os.path.join(ROOT, doc)):
            check(False, f"{doc} exists")
            continue
        base = os.path.dirname(doc)
        for img in re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", read(doc)):
            rel = os.path.normpath(os.path.join(base, img))
            check(os.path.isfile(os.path.join(ROOT, rel)), f"{doc} shows {rel}, which exists")
            name = os.path.splitext(os.path.basename(rel))[0]
            check(rel.startswith("docs/images/") and name in made,
                  f"{doc} shows {rel}, which scripts/docs-figures makes")


def test_makefile():
    make = shutil.which("make")
    if not has_render():
        return  # a build without figures has no export for the Makefile to call
    if not make:
        checks.skip("the Makefile example needs make (scripts/deps --test installs it)")
        return
    src = os.path.join(ROOT, "docs", "examples")
    out = os.path.join(tmp, "figures")
    p = checks.run([make, "-C", src, f"NUDGE={NUDGE}", f"OUT={out}"], timeout=120)
    check(p.returncode == 0, f"make in docs/examples exits 0: {p.stdout}{p.stderr}")
    scenes = [os.path.basename(s)[:-6] for s in glob.glob(os.path.join(src, "*.nudge"))]
    want = [f"{s}.pdf" for s in scenes] + [f"{s}.png" for s in scenes]
    want += ["network.pdf", "computation-graph-forward.pdf", "computation-graph-steps/step-000.png",
             "computation-graph-walk.pdf"]
    for w in want:
        path = os.path.join(out, w)
        ok = os.path.isfile(path) and os.path.getsize(path) > 1000
        magic = open(path, "rb").read(5) if ok else b""
        check(ok and magic[:4] in (b"%PDF", b"\x89PNG"), f"make wrote {w}")
    p = checks.run([make, "-C", src, f"NUDGE={NUDGE}", f"OUT={out}", "-q"], timeout=60)
    check(p.returncode == 0, "a second make has nothing to do")


def test_architecture_names():
    """Every file, function, type and field docs/architecture.md names in `code` exists."""
    doc = read("docs/architecture.md")
    source = ""
    for pattern in ("src/**/*.[ch]", "include/**/*.h", "tests/*.c"):
        for path in glob.glob(os.path.join(ROOT, pattern), recursive=True):
            with open(path, encoding="utf-8") as f:
                source += f.read()
    spans = set(re.findall(r"`([^`\n]+)`", doc))
    names = 0
    for span in spans:
        if re.fullmatch(r"[\w./-]+\.(c|h|md)", span):
            found = os.path.exists(os.path.join(ROOT, span)) or glob.glob(os.path.join(ROOT, "**", span),
                                                                            recursive=True)
            check(bool(found), f"docs/architecture.md names {span}, which exists")
            names += 1
        elif re.fullmatch(r"(struct |enum )?[A-Za-z_]\w*(->\w+)?", span):
            word = span.split()[-1].split("->")[-1]
            check(re.search(r"\b" + re.escape(word) + r"\b", source) is not None,
                  f"docs/architecture.md names {span}, which is in the source")
            names += 1
    check(names >= 40, f"docs/architecture.md names files and code to check ({names})")


def main():
    test_architecture_names()
    test_scenes_load()
    test_printed_scenes_match()
    test_error_examples()
    test_man_page()
    test_built_man_page()
    test_desktop_files()
    test_install_steps()
    test_deps_without_root()
    test_images()
    test_makefile()
    shutil.rmtree(tmp, ignore_errors=True)
    finish("test-docs")


if __name__ == "__main__":
    main()
