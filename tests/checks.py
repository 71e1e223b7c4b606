"""checks.py - the few helpers the Python tests share: count checks, print each failure
with what was expected, and end with "NAME: N checks passed, N failed" and the exit
status. Import it from a test in this folder: `from checks import check, finish`."""
import sys

_counts = {"passed": 0, "failed": 0}


def check(cond, what):
    """Counts one check; prints `what` when it failed. Returns cond."""
    if cond:
        _counts["passed"] += 1
    else:
        _counts["failed"] += 1
        print("FAIL:", what, file=sys.stderr)
    return cond


def finish(name):
    """Prints the counts and exits: 0 when nothing failed."""
    print(f"{name}: {_counts['passed']} checks passed, {_counts['failed']} failed")
    sys.exit(1 if _counts["failed"] else 0)
