#!/usr/bin/env python3
"""test-cli.py - the nudge command end to end: eval's JSON and table against hand-worked
lecture values and against Python's own math on random scenes, error messages with
file:line:col and a caret, exit statuses, train, list, help. Usage: test-cli.py NUDGE"""
import json
import math
import os
import random
import sys
import tempfile

sys.dont_write_bytecode = True  # no tests/__pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checks  # noqa: E402
from checks import check, finish  # noqa: E402

NUDGE = sys.argv[1]
tmp = tempfile.mkdtemp(prefix="nudge-cli-")


def run(*args, stdin=None):
    p = checks.run([NUDGE, *args], timeout=60, input=stdin)
    return p.returncode, p.stdout, p.stderr


def near(a, b, tol=1e-12):
    return abs(a - b) <= tol * max(1.0, abs(b))


def scene_file(name, text):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def eval_json(*args):
    code, out, err = run("eval", *args, "--json")
    check(code == 0, f"eval {args} exits 0 (got {code}: {err})")
    try:
        return json.loads(out)
    except ValueError as e:
        check(False, f"eval {args} prints JSON ({e}): {out[:200]}")
        return None


def test_lecture_json():
    d = eval_json("computation-graph")
    check(d["cost"] == "J" and d["value"] == 2, "computation-graph: J = 2")
    check(d["grad"] == {"x": 4, "y": -2, "w": -4, "b": 2}, f"grad {d['grad']}")
    nodes = {n["name"]: n for n in d["nodes"]}
    check([n["name"] for n in d["nodes"]] == ["x", "y", "w", "b", "c", "a", "d", "J"], "nodes in file order")
    check([n["kind"] for n in d["nodes"]][:4] == ["input", "input", "param", "param"], "kinds")
    check(nodes["c"]["value"] == -4 and nodes["a"]["value"] == 4 and nodes["d"]["value"] == 2, "values")
    check(all(nodes[k]["grad"] == 2 for k in "dacb"), "dJ/dd = dJ/da = dJ/dc = dJ/db = 2")
    local = {(e["from"], e["to"]): e["local"] for e in d["edges"]}
    check(local[("w", "c")] == -2 and local[("x", "c")] == 2 and local[("d", "J")] == 2, "local derivatives")
    check("nudge" not in d, "no nudge without --nudge")

    d = eval_json("network", "--nudge", "w1", "--eps", "0.001")
    check(d["value"] == 2 and d["grad"] == {"x": 12, "y": -2, "w1": 6, "b1": 6, "w2": 4, "b2": 2}, f"network {d['grad']}")
    n = d["nudge"]
    check(n["name"] == "w1" and n["eps"] == 0.001, "nudge name and eps")
    check(near(n["value"], 2.0060045) and near(n["delta"], 0.0060045, 1e-9) and near(n["ratio"], 6.0045, 1e-9),
          f"network nudge {n}")

    for w, j, je, g in [(3, 9, 9.006001, 6), (2, 4, 4.004001, 4), (-3, 9, 8.994001, -6)]:
        d = eval_json("derivative", "--set", f"w={w}", "--nudge", "w")
        check(d["value"] == j and near(d["nudge"]["value"], je) and d["grad"]["w"] == g, f"derivative at {w}: {d}")
    for scene, j, g in [("cube", 8, 12), ("linear", 2, 1), ("reciprocal", 0.5, -0.25), ("chain", 121, 66)]:
        d = eval_json(scene)
        check(d["value"] == j and d["grad"]["w"] == g, f"{scene}: {d['value']}, {d['grad']}")
    d = eval_json("chain")
    check({n["name"]: n for n in d["nodes"]}["a"]["grad"] == 22, "chain: dJ/da = 22")

    d = eval_json("fit-line", "--row", "2")
    check(d["rows"] == 3 and d["row"] == 2, "fit-line rows")
    check(near(d["value"], 0.5 * 1.5 ** 2 * 14 / 3) and near(d["grad"]["w"], -1.5 * 14 / 3), "fit-line mean cost and grad")
    nodes = {n["name"]: n for n in d["nodes"]}
    check(nodes["x"]["kind"] == "data" and nodes["x"]["value"] == 3 and nodes["yhat"]["value"] == 1.5, "row 2 values")


def test_table():
    code, out, _ = run("eval", "derivative", "--nudge", "w")
    check(code == 0 and "w ↑ 0.001 ⇒ J ↑ 0.006001 ≈ 6.001 × ε" in out, f"the nudge sentence: {out}")
    code, out, _ = run("eval", "network", "--nudge", "w1")
    check("w1 ↑ 0.001 ⇒ J ↑ 0.0060045 ≈ 6.0045 × ε" in out, "network's nudge sentence")
    code, out, _ = run("eval", "computation-graph", "--trace")
    check("dJ/dw = dJ/dc · ∂c/∂w = 2 × (−2) = −4" in out and "c = w·x = 2 × (−2) = −4" in out, "the trace")


def test_check():
    d = eval_json("network", "--check")
    c = d["check"]
    check(c["backprop_visits"] == 18 and c["nudge_visits"] == 9 * 7, f"visits {c['backprop_visits']} {c['nudge_visits']}")
    check(all(g["diff"] < 1e-6 for g in c["grads"]), "backprop agrees with central differences")


def test_nonfinite():
    p = scene_file("recip0.nudge", "param w = 0\nJ = 1/w\n")
    d = eval_json(p)
    check(d["value"] == "inf" and d["grad"]["w"] == "-inf", f"inf as strings: {d['value']}, {d['grad']}")
    p = scene_file("lognan.nudge", "param w = -1\nJ = log(w)\n")
    d = eval_json(p)
    check(d["value"] == "nan", "nan as a string")
    code, out, _ = run("eval", p)
    check(code == 0 and "nan" in out and "not a finite number" in out, "the table says the cost is not finite")


def test_errors():
    p = scene_file("bad.nudge", "param w = 2\nJ = v * 2\n")
    code, out, err = run("eval", p)
    lines = err.splitlines()
    check(code == 2 and out == "", f"a refused scene exits 2 and prints nothing on stdout ({code})")
    check(lines and lines[0].startswith(p + ":2:5: error: ") and "'v'" in lines[0], f"error line: {err}")
    check(len(lines) >= 3 and lines[1].strip() == "J = v * 2" and lines[2].index("^") == lines[1].index("v"),
          f"source line and caret: {lines}")
    p = scene_file("bad2.nudge", "param w = 1\nJ = (w + 1\n")
    code, _, err = run("eval", p)
    check(code == 2 and ":2:11: error: " in err and "to close '(' at 2:5" in err, f"unclosed: {err}")
    p = scene_file("deep.nudge", "param w = 1\nJ = " + "(" * 100000 + "w" + ")" * 100000 + "\n")
    code, _, err = run("eval", p)
    check(code == 2 and "nested too deeply" in err, f"deep nesting: {code} {err[:200]}")
    p = os.path.join(tmp, "garbage.nudge")
    with open(p, "wb") as f:
        f.write(bytes(random.Random(7).randrange(256) for _ in range(5000)))
    code, _, err = run("eval", p)
    check(code == 2 and "error:" in err, f"garbage: {code} {err[:200]}")
    p = scene_file("empty.nudge", "")
    code, _, err = run("eval", p)
    check(code == 2 and ":1:1: error: " in err and "empty" in err, f"empty: {err}")
    code, _, err = run("eval", "no-such-scene")
    check(code == 2 and "no-such-scene" in err and "nudge list" in err, f"unknown scene: {err}")
    code, _, err = run("eval", "/no/such/file.nudge")
    check(code == 2 and "/no/such/file.nudge" in err, f"missing file: {err}")
    code, _, err = run("eval", "computation-graph", "--bogus")
    check(code == 2 and "--bogus" in err, "unknown option")
    code, _, err = run("eval", "computation-graph", "--set", "w")
    check(code == 2 and "NAME=VALUE" in err, "malformed --set")
    code, _, err = run("eval", "computation-graph", "--set", "c=1")
    check(code == 2 and "computed node" in err, "--set on a computed node")
    code, _, err = run("eval", "computation-graph", "--nudge", "zz")
    check(code == 2 and "zz" in err, "--nudge of an unknown name")
    code, _, err = run("eval", "fit-line", "--row", "3")
    check(code == 2 and "0 to 2" in err, f"--row out of range: {err}")
    code, _, err = run("eval")
    check(code == 2 and "scene" in err, "eval without a scene")
    code, _, err = run("frobnicate")
    check(code == 2 and "frobnicate" in err, f"an unknown command word is not a scene ({code}: {err})")
    code, _, err = run("eval", tmp)
    check(code == 2 and "folder" in err, "a folder as scene")


def test_long_line():
    p = scene_file("long.nudge", "param w = 1.5\nJ = w" + " + w" * 200000 + "\n")
    d = eval_json(p)
    check(d and d["value"] == 1.5 * 200001 and d["grad"]["w"] == 200001, "800 KB line")


def test_train():
    code, out, err = run("train", "fit-line", "--steps", "100", "--json")
    d = json.loads(out)
    check(code == 0 and d["rate"] == 0.1 and d["stopped"] is None and len(d["steps"]) == 101, "train fit-line")
    check(d["steps"][0] == {"step": 0, "cost": 5.25, "params": {"w": 0.5}}, f"step 0: {d['steps'][0]}")
    check(abs(d["steps"][-1]["params"]["w"] - 2) < 1e-3, f"w reaches 2: {d['steps'][-1]}")
    costs = [s["cost"] for s in d["steps"]]
    check(all(b <= a for a, b in zip(costs, costs[1:])), "the cost never rises")
    # w <- w - 1.5 * 2w = -2w: diverges, must stop with finite numbers
    code, out, err = run("train", "derivative", "--steps", "3000", "--rate", "1.5", "--json")
    d = json.loads(out)
    check(code == 0 and isinstance(d["stopped"], str) and d["stopped"], f"divergence stops: {d['stopped']}")
    check(all(isinstance(s["params"]["w"], (int, float)) and math.isfinite(s["params"]["w"]) for s in d["steps"]),
          "no non-finite params are printed")
    code, out, _ = run("train", "derivative", "--steps", "2")
    check(code == 0 and "step" in out and len(out.splitlines()) == 6 and "not converged" in out, f"table: {out}")
    code, out, _ = run("train", "fit-line", "--steps", "100")
    check(code == 0 and out.splitlines()[-1].startswith("converged:"), f"train says it converged: {out[-200:]}")
    code, out, _ = run("train", "derivative", "--steps", "3000", "--rate", "1.5")
    check(code == 0 and "stopped: diverging" in out and len(out.splitlines()) < 40, f"train stops a divergence: {out[-300:]}")
    code, out, _ = run("eval", "network", "--check")
    check("N = 9 nodes, P = 4 params" in out and "N + P = 13" in out and "N × P = 36" in out
          and "N + P = 110000" in out and "N × P = 1000000000" in out, f"eval --check counts the work: {out[-400:]}")
    code, out, _ = run("eval", "network", "--check", "--json")
    w = json.loads(out)["check"]["work"]
    check(w == {"n": 9, "p": 4, "backprop": 13, "nudge": 36,
                "example": {"n": 10000, "p": 100000, "backprop": 110000, "nudge": 1000000000}}, f"work json: {w}")
    code, _, err = run("train", "derivative")
    check(code == 2 and "--steps" in err, "train needs --steps")
    code, _, err = run("train", "derivative", "--steps", "-1")
    check(code == 2, "negative steps")


def test_record_twice():
    if not os.path.exists(os.path.join(os.path.dirname(NUDGE), "nudge-window")):
        return  # no figures in this build
    out = os.path.join(tmp, "frames")
    code, _, err = run("record", "computation-graph", "-o", out)
    first = sorted(os.listdir(out))
    check(code == 0 and len(first) == 13, f"record writes 13 frames ({code}, {len(first)}: {err})")
    before = open(os.path.join(out, "step-012.png"), "rb").read()
    code, _, err = run("record", "derivative", "-o", out)
    check(code == 1 and "--force" in err and sorted(os.listdir(out)) == first, f"a second recording is refused: {err}")
    check(open(os.path.join(out, "step-012.png"), "rb").read() == before, "and the old frames are untouched")
    code, _, err = run("record", "derivative", "-o", out, "--force")
    check(code == 0 and sorted(os.listdir(out)) == [f"step-00{i}.png" for i in range(4)],
          f"--force leaves only the new walk: {sorted(os.listdir(out))}")


def test_option_values():
    code, _, err = run("eval", "computation-graph", "--eps", "-1", "--nudge", "w")
    check(code == 2 and "greater than 0" in err, f"--eps must be positive: {err}")
    code, _, err = run("eval", "computation-graph", "--set", "w=inf")
    check(code == 2 and "finite" in err, f"--set w=inf is refused: {err}")
    p = scene_file("typo.nudge", "parma w = 3\nJ = w\n")
    code, _, err = run("eval", p)
    check(code == 2 and ":1:1: error: unknown statement 'parma' (did you mean 'param'?)" in err, f"typo: {err}")
    p = scene_file("nanjump.nudge", "param w = 0 in [-1, 1]\nJ = sqrt(w)\n")
    code, out, _ = run("eval", p, "--nudge", "w", "--eps", "0.5")
    check(code == 0 and "≈" in out, "a finite nudge prints its sentence")
    code, out, _ = run("eval", p, "--set", "w=-1", "--nudge", "w")
    check(code == 0 and "not a number" in out and "↑ nan" not in out, f"a nan change gets no arrow: {out}")


def test_units_option():
    """--units on|off: xor's neuron units or its scalar graph (different pictures); a
    scene without units draws the same either way; anything else is refused."""
    pics = {}
    for scene in ("xor", "computation-graph"):
        for u in ("on", "off"):
            out = os.path.join(tmp, f"{scene}-units-{u}.png")
            code, _, err = run("export", scene, "--units", u, "--size", "640x360", "-o", out)
            check(code == 0, f"export {scene} --units {u}: {err}")
            pics[scene, u] = open(out, "rb").read() if code == 0 else b""
    check(pics["xor", "on"] != pics["xor", "off"], "xor: units and the scalar graph differ")
    check(pics["computation-graph", "on"] == pics["computation-graph", "off"],
          "no units: --units changes nothing")
    code, _, err = run("export", "xor", "--units", "maybe", "-o", os.path.join(tmp, "u.png"))
    check(code == 2 and "--units is on or off" in err, f"--units maybe is refused: {err}")


def test_sanitizer_detection():
    """tests/checks.py tells a sanitizer report from nudge's own failures, even when the
    report comes with an expected exit status."""
    asan = "==7==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x602"
    ubsan = "src/core/eval.c:12:5: runtime error: signed integer overflow"
    check(checks.sanitizer_report(1, asan) and checks.sanitizer_report(2, ubsan), "a report under exit 1 or 2")
    check(checks.sanitizer_report(99, "") and checks.sanitizer_report(0, b"LeakSanitizer: detected memory leaks"),
          "exit 99, and a leak report in bytes")
    check(not checks.sanitizer_report(2, "f.nudge:2:5: error: unknown name 'v'"), "nudge's own error is no report")


def test_hostile_scene_text():
    """Issue 16: a scene's text never reaches the terminal as escape codes; a named pipe
    does not block; --set obeys the declared range like the file does."""
    p = scene_file("esc.nudge", 'title "a\x1b]0;owned\x07\x1b[31mred"\nparam w = 2\nJ = w\n')
    code, out, err = run("eval", p)
    check(code == 2 and ":1:9: error: control character U+001B (escape) in a string" in err,
          f"an escape in a string is refused at its column ({code}: {err!r})")
    check("\x1b" not in out + err and "\x07" not in out + err, f"no raw escape or bell printed: {err!r}")
    p = scene_file("c1.nudge", 'param w = 2 label "w\u009b31m"\nJ = w\n')
    code, out, err = run("eval", p)
    check(code == 2 and "U+009B" in err and "\u009b" not in out + err, f"a C1 control is refused: {err!r}")
    p = scene_file("esc\x1b]0;t\x07\u009b.nudge", "param w = 2\nJ = w +\n")
    code, out, err = run("eval", p)
    check(code == 2 and "esc?]0;t??.nudge:2:8: error:" in err and "\x1b" not in err and "\u009b" not in err,
          f"a file name's control characters are printed as '?' ({code}: {err!r})")
    fifo = os.path.join(tmp, "pipe.nudge")
    os.mkfifo(fifo)
    code, out, err = run("eval", fifo)
    check(code == 1 and "named pipe" in err, f"a named pipe is refused, not waited on ({code}: {err})")
    code, out, err = run("eval", "/dev/zero")
    check(code == 1 and "device" in err, f"a device is refused ({code}: {err})")
    code, out, err = run("eval", "network", "--set", "w1=1e300")
    check(code == 2 and out == "" and "[-4, 4]" in err and "w1" in err,
          f"--set outside the declared range exits 2 naming it ({code}: {err})")
    code, out, err = run("eval", "network", "--set", "w1=4", "--json")
    check(code == 0 and json.loads(out)["nodes"][2]["value"] == 4, "--set at the end of the range is taken")
    p = scene_file("open.nudge", "param w = 2\nJ = w * w\n")
    d = eval_json(p, "--set", "w=1e100")
    check(d and d["value"] == 1e200, "--set on a param without a declared range takes any finite value")


def test_no_display():
    if not os.path.exists(os.path.join(os.path.dirname(NUDGE), "nudge-window")):
        return  # a build without the window shows `nudge eval` instead
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    p = checks.run([NUDGE, "computation-graph"], timeout=30, env=env)
    check(p.returncode == 1 and "no display" in p.stderr, f"no display: a message, not an invisible window ({p.returncode}: {p.stderr})")


def xor_net(p, x1, x2):
    """The xor scene's 2-2-1 network, written out here: ŷ for one row."""
    h1 = math.tanh(p["w11"] * x1 + p["w12"] * x2 + p["b1"])
    h2 = math.tanh(p["w21"] * x1 + p["w22"] * x2 + p["b2"])
    return 1 / (1 + math.exp(-(p["v1"] * h1 + p["v2"] * h2 + p["c"])))


def test_train_xor():
    """The built-in XOR scene: its start misclassifies a row, 300 steps at the scene's α
    classify all four, and every reported cost is the mean log loss of the network at
    the reported params, computed here."""
    rows = [(0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 0)]
    code, out, _ = run("train", "xor", "--steps", "300", "--json")
    d = json.loads(out)
    check(code == 0 and d["rate"] == 0.5 and d["stopped"] is None and len(d["steps"]) == 301, "train xor")
    for s in d["steps"][::50]:
        j = -sum(math.log(xor_net(s["params"], a, b)) if y else math.log(1 - xor_net(s["params"], a, b))
                 for a, b, y in rows) / 4
        check(abs(s["cost"] - j) < 1e-12, f"xor step {s['step']}: J {s['cost']} is the mean log loss {j}")
    right = [[(xor_net(s["params"], a, b) > 0.5) == (y == 1) for a, b, y in rows] for s in (d["steps"][0], d["steps"][-1])]
    check(not all(right[0]), f"xor: the start's boundary is wrong somewhere ({right[0]})")
    check(all(right[1]), f"xor: 300 steps classify all four rows ({right[1]})")
    check(d["steps"][-1]["cost"] < 0.05, f"xor: J after 300 steps {d['steps'][-1]['cost']}")


def test_list_help_version():
    code, out, _ = run("list")
    names = [l.split()[0] for l in out.splitlines() if l.strip()]
    for s in ["computation-graph", "derivative", "cube", "linear", "reciprocal", "chain", "network", "fit-line", "logistic", "xor"]:
        check(s in names, f"list has {s}")
    for cmd in [[], ["eval"], ["train"], ["list"], ["bench"]]:
        code, out, _ = run(*cmd, "--help")
        check(code == 0 and "usage" in out, f"{cmd} --help")
    code, out, _ = run("--version")
    check(code == 0 and out.startswith("nudge "), "--version")


# ---- random scenes against Python's own math ----
FUNCS = {"exp": lambda a: math.exp(math.tanh(a)), "sin": math.sin, "cos": math.cos, "tanh": math.tanh,
         "sigmoid": lambda a: 1 / (1 + math.exp(-a))}


def rand_expr(rng, names, depth):
    if depth == 0 or rng.random() < 0.25:
        if rng.random() < 0.3:
            v = rng.choice([0.5, 1, 2, 3, 1.25])
            return str(v), lambda env, v=v: v
        n = rng.choice(names)
        return n, lambda env, n=n: env[n]
    kind = rng.choice(["+", "-", "*", "/", "^", "f", "neg"])
    a, fa = rand_expr(rng, names, depth - 1)
    if kind == "f":
        f = rng.choice(list(FUNCS))
        if f == "exp":
            return f"exp(tanh({a}))", lambda env: FUNCS["exp"](fa(env))
        return f"{f}({a})", lambda env, f=f: FUNCS[f](fa(env))
    if kind == "neg":
        return f"-({a})", lambda env: -fa(env)
    if kind == "^":
        return f"({a})^2", lambda env: fa(env) ** 2
    b, fb = rand_expr(rng, names, depth - 1)
    if kind == "/":
        return f"({a}) / (({b})^2 + 1)", lambda env: fa(env) / (fb(env) ** 2 + 1)
    ops = {"+": lambda x, y: x + y, "-": lambda x, y: x - y, "*": lambda x, y: x * y}
    return f"({a}) {kind} ({b})", lambda env, op=ops[kind]: op(fa(env), fb(env))


def test_random_scenes():
    rng = random.Random(2026)
    for i in range(40):
        leaves = {f"p{j}": round(rng.uniform(-1.5, 1.5), 3) for j in range(rng.randint(1, 3))}
        lines = [f"param {k} = {v}" for k, v in leaves.items()]
        names = list(leaves)
        fns = []
        for j in range(rng.randint(1, 4)):
            text, fn = rand_expr(rng, names, 3)
            lines.append(f"n{j} = {text}")
            fns.append((f"n{j}", fn))
            names.append(f"n{j}")

        def cost(vals):
            env = dict(vals)
            for n, fn in fns:
                env[n] = fn(env)
            return env[fns[-1][0]]

        p = scene_file(f"rand{i}.nudge", "\n".join(lines) + "\n")
        d = eval_json(p)
        if d is None:
            continue
        want = cost(leaves)
        check(near(d["value"], want, 1e-12), f"random scene {i}: value {d['value']} vs {want}\n" + "\n".join(lines))
        for k in leaves:
            h = 1e-6
            up, down = dict(leaves), dict(leaves)
            up[k] += h
            down[k] -= h
            fd = (cost(up) - cost(down)) / (2 * h)
            check(near(d["grad"][k], fd, 1e-5), f"random scene {i}: dJ/d{k} {d['grad'][k]} vs {fd}\n" + "\n".join(lines))


def py_num(v):
    """A number as the trace writes it: 4 significant digits (whole when 6 write it
    exactly), U+2212 for minus."""
    t = f"{v:.6g}"
    if float(t) != v:
        t = f"{v:.4g}"
    return t.replace("-", "\u2212")


SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def test_per_row():
    """Each row's loss and gradients of a logistic unit over random rows, against the
    closed forms L = -(y log s + (1-y) log(1-s)), dL/dw = (s - y) x, dL/db = s - y; the
    means, the table, the JSON's per_row and the trace's mean steps."""
    rng = random.Random(13)
    for m in [1, 3, 8]:
        xs = [round(rng.uniform(-3, 3), 2) for _ in range(m)]
        ys = [rng.choice([0, 1]) for _ in range(m)]
        w, b = round(rng.uniform(-2, 2), 2), round(rng.uniform(-1, 1), 2)
        p = scene_file(f"rows{m}.nudge", f"param w = {w}\nparam b = {b}\ndata x y\n" +
                       "".join(f"  {x} {y}\n" for x, y in zip(xs, ys)) +
                       "z = w * x + b\nyhat = sigmoid(z)\nloss = -(y * log(yhat) + (1 - y) * log(1 - yhat))\ncost loss\n")
        want = []
        for x, y in zip(xs, ys):
            s = 1 / (1 + math.exp(-(w * x + b)))
            want.append((s, -(y * math.log(s) + (1 - y) * math.log(1 - s)), (s - y) * x, s - y))
        d = eval_json(p, "--trace")
        if d is None:
            continue
        per = d["per_row"]
        check([r["row"] for r in per] == list(range(m)) and all(set(r["grad"]) == {"w", "b"} for r in per),
              f"per_row: rows 0..{m - 1}, each with the params' gradients")
        for (s, L, gw, gb), r in zip(want, per):
            check(near(r["cost"], L, 1e-12) and near(r["grad"]["w"], gw, 1e-12) and near(r["grad"]["b"], gb, 1e-12),
                  f"row {r['row']} of {m}: {r} vs L={L} dL/dw={gw} dL/db={gb}")
        J, gw, gb = (sum(t[i] for t in want) / m for i in (1, 2, 3))
        check(near(d["value"], J, 1e-12) and near(d["grad"]["w"], gw, 1e-12) and near(d["grad"]["b"], gb, 1e-12),
              f"means over {m} rows: {d['value']} {d['grad']} vs {J} {gw} {gb}")
        nodes = {n["name"]: n for n in d["nodes"]}
        check(near(nodes["loss"]["value"], want[0][1], 1e-12) and near(nodes["w"]["grad"], want[0][2], 1e-12),
              "nodes keep the shown row's numbers (row 0)")
        steps = [t for t in d["trace"] if t["kind"] == "mean"]
        check([t["node"] for t in steps] == ["loss", "w", "b"], f"mean steps for loss, w, b: {steps}")
        if m <= 5:
            terms = " + ".join(f"({py_num(t[1])})" if t[1] < 0 else py_num(t[1]) for t in want)
            wterms = " + ".join(f"({py_num(t[2])})" if t[2] < 0 else py_num(t[2]) for t in want)
            check(steps[0]["text"] == f"loss = ({terms}) / {m} = {py_num(J)}", f"mean step: {steps[0]['text']}")
            check(steps[1]["text"] == f"dloss/dw = ({wterms}) / {m} = {py_num(gw)}", f"mean step: {steps[1]['text']}")
        else:
            last = want[-1][1]
            check(steps[0]["text"].startswith(f"loss = (loss⁽⁰⁾ + loss⁽¹⁾ + loss⁽²⁾ + … + loss⁽{str(m - 1).translate(SUP)}⁾) / {m} = (")
                  and steps[0]["text"].endswith(f" + … + {py_num(last)}) / {m} = {py_num(J)}"),
                  f"shortened mean step: {steps[0]['text']}")
        back = [t["text"] for t in d["trace"] if t["kind"] == "backward"]
        check(back[0] == "dloss⁽⁰⁾/dloss⁽⁰⁾ = 1" and back[-1].startswith("dloss⁽⁰⁾/dw = dloss⁽⁰⁾/dz⁽⁰⁾ · ∂z⁽⁰⁾/∂w"),
              f"the row's backward steps are named for row 0: {back[0]} … {back[-1]}")

    # fit-line: the lecture's numbers in the trace and the table
    code, out, _ = run("eval", "fit-line", "--trace")
    check("J = (1.125 + 4.5 + 10.125) / 3 = 5.25" in out and "dJ/dw = ((−1.5) + (−6) + (−13.5)) / 3 = −7" in out,
          "fit-line trace: the mean steps")
    check("dJ⁽⁰⁾/dw = dJ⁽⁰⁾/dŷ⁽⁰⁾ · ∂ŷ⁽⁰⁾/∂w = (−1.5) × 1 = −1.5" in out, "fit-line trace: row 0's dJ⁽⁰⁾/dw")
    lines = out.splitlines()
    table = lines[lines.index(next(x for x in lines if x.startswith("each row's numbers"))) + 1:]
    want_rows = [["0", "1", "2", "0.5", "1.125", "-1.5"], ["1", "2", "4", "1", "4.5", "-6"],
                 ["2", "3", "6", "1.5", "10.125", "-13.5"], ["mean", "5.25", "-7"]]
    check(table[0].split() == ["row", "x⁽ⁱ⁾", "y⁽ⁱ⁾", "yhat⁽ⁱ⁾", "J⁽ⁱ⁾", "dJ⁽ⁱ⁾/dw"], f"rows table heading: {table[0]}")
    check([t.split() for t in table[1:5]] == want_rows, f"rows table: {table[1:5]}")
    check("  J = 5.25" in out and "  dJ/dw = -7" in out and "dJ/dnode" not in out and "J⁽⁰⁾     node    1.125" in out,
          "fit-line table: the means by their names, row 0's numbers under row 0's names")
    # scenes without a data set say nothing of rows or means
    for scene in ["computation-graph", "derivative", "cube", "linear", "reciprocal", "chain", "network"]:
        d = eval_json(scene, "--trace")
        code, out, _ = run("eval", scene, "--trace")
        check(d is not None and "per_row" not in d and all(t["kind"] != "mean" for t in d["trace"])
              and "⁽" not in out and "mean" not in out and "row" not in out, f"{scene}: no rows, no means")
    # a cost called g: no dJ anywhere
    p = scene_file("g.nudge", "param w = 1\ndata x\n  1\n  2\ng = (w * x)^2\ncost g\n")
    code, out, _ = run("eval", p)
    check("dg⁽⁰⁾/dnode" in out and "dg/dw = 5" in out and "dJ" not in out and "J " not in out, f"cost g: {out}")


def test_notation_plain():
    """Text output writes labels in the plain form (w[1]₁₁): eval's title and trace, JSON's
    trace texts and `plain`, while JSON's label stays as written; a note's brackets are not
    refused, a label's unclosed '[' is, at its column."""
    p = scene_file("notation.nudge", 'title "Layer w[1]_11"\nnote "J = −[y log p]"\n'
                   'param w111 = 2 label "w[1]_11"\ninput x_in = 3\nJ = (w111 * x_in)^2 label "J_{tot}"\n')
    code, out, err = run("eval", p, "--trace")
    check(code == 0 and out.startswith("Layer w[1]₁₁\n"), f"the title in plain form ({code}: {out[:40]!r} {err})")
    check("dJ_tot/dw[1]₁₁ = dJ_tot/dJ_tot · ∂J_tot/∂w[1]₁₁ = " in out and "w[1]_11" not in out,
          f"the trace in plain form: {out}")
    d = eval_json(p, "--trace")
    node = {n["name"]: n for n in d["nodes"]} if d else {}
    check(d and node["w111"]["label"] == "w[1]_11" and node["w111"]["plain"] == "w[1]₁₁"
          and node["x_in"]["label"] == "x_in" and node["x_in"]["plain"] == "x_in", f"JSON label and plain: {node}")
    check(d and d["title"] == "Layer w[1]_11" and all("w[1]_11" not in t["text"] for t in d["trace"])
          and any("w[1]₁₁" in t["text"] for t in d["trace"]), "JSON's trace texts in plain form")
    p = scene_file("unclosed.nudge", 'param w = 2 label "w[1"\nJ = w\n')
    code, out, err = run("eval", p)
    check(code == 2 and ":1:21: error: in the label: '[' is not closed" in err and "\n" + " " * 21 + "^\n" in err,
          f"an unclosed '[' in a label is refused at its column ({code}: {err})")


for t in [test_per_row, test_lecture_json, test_table, test_check, test_nonfinite, test_errors, test_long_line, test_train, test_train_xor,
          test_list_help_version, test_no_display, test_record_twice,
          test_option_values, test_units_option, test_hostile_scene_text, test_sanitizer_detection, test_random_scenes,
          test_notation_plain]:
    try:
        t()
    except Exception as e:  # a crash of the test is a failure, not a stop
        check(False, f"{t.__name__} raised {e!r}")
finish("test-cli")
