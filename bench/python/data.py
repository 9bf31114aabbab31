"""Python peer of the `data` suite: pandas read_csv / groupby / fillna / sort_values.

Run by bench/python.ts with the task list on stdin (see _harness.py). Task specs:
  {"op": "read" | "groupby" | "impute" | "sort", "file": csv path, "ref": typelearn's results}
`ref` is the JSON typelearn's run wrote (group means and counts, missing count, y extremes);
each result is checked against it. With `--memory FILE` instead, reads FILE once and prints
{"baseline", "peak", "rows"} (resident bytes after import and the process's peak after reading).
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _harness import main  # noqa: E402


def _ref(spec):
    try:
        with open(spec["ref"]) as f:
            return json.load(f)
    except OSError:
        return None


def _off(what, got, want, rel=1e-9):
    if len(got) != len(want):
        return "%s: %d values, expected %d" % (what, len(got), len(want))
    for i, (g, w) in enumerate(zip(got, want)):
        if abs(g - w) > rel * max(1.0, abs(w)):
            return "%s[%d] = %r, typelearn has %r" % (what, i, g, w)
    return None


def _setup(spec):
    import pandas as pd

    state = {}
    op = spec["op"]
    path = spec["file"]
    if op == "read":

        def run():
            state["df"] = pd.read_csv(path)

        def verify():
            ref = _ref(spec)
            df = state["df"]
            if ref is not None and int(df["x"].isna().sum()) != ref["missingX"]:
                return "missing count differs"
            return None

        return run, verify, None
    df = pd.read_csv(path)
    if op == "groupby":

        def run():
            state["g"] = df.groupby("cat")["x"].agg(["mean", "sum", "count"])

        def verify():
            ref = _ref(spec)
            g = state["g"]
            if ref is None:
                return None
            return _off("mean", list(g["mean"]), ref["groupMeans"]) or _off("count", list(g["count"]), ref["groupCounts"])

        return run, verify, None
    if op == "impute":

        def run():
            state["out"] = df.assign(x=df["x"].fillna(df["x"].mean()))

        return run, lambda: None if int(state["out"]["x"].isna().sum()) == 0 else "missing values remain", None
    if op == "sort":

        def run():
            state["out"] = df.sort_values("y")

        def verify():
            ref = _ref(spec)
            y = state["out"]["y"].to_numpy()
            return None if ref is None else _off("y extremes", [y[0], y[-1]], [ref["minY"], ref["maxY"]])

        return run, verify, None
    raise ValueError("unknown op %r" % op)


def contenders():
    return [("pandas", _setup)]


def info():
    import pandas

    return {"pandas": pandas.__version__}


def memory(path):
    import gc
    import resource

    import pandas as pd

    gc.collect()
    with open("/proc/self/statm") as f:
        baseline = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    rows = len(pd.read_csv(path))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"baseline": baseline, "peak": peak, "rows": rows}))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--memory":
        memory(sys.argv[2])
    else:
        main(contenders, [("pandas", "apt-get install python3-pandas")], info)
