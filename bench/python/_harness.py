"""Python side of typelearn's benchmark harness.

Mirrors bench/harness.ts: for each task and contender, one untimed warm-up run,
then timed runs (time.perf_counter) while fewer than `minRuns` runs or
`minSeconds` seconds were spent, never starting a run that would push the
contender past `maxSeconds` (warm-up included); report the median. A contender
predicted (from its throughput on the previous task of the same series) to
need more than `skipAboveSeconds` per run is skipped.

Protocol: the task list arrives as JSON on stdin:
  {"timing": {...}, "tasks": [{"name", "series", "work", "spec": {"op", ...}}]}
and the results leave as JSON on stdout:
  {"available": true, "info": {...}, "results": {task name: [row, ...]}}
or {"available": false, "note": "..."} when a required module is missing.
Progress lines go to stderr.
"""

import gc
import json
import os
import platform
import statistics
import sys
import time


class NotApplicable(Exception):
    """Raised by a contender's setup when it cannot run a task (the row shows n/a)."""


def _progress(line):
    print(line, file=sys.stderr, flush=True)


def _should_continue(times, warmup, timing):
    if not times:
        return True
    if len(times) >= timing["maxRuns"]:
        return False
    spent = sum(times)
    if warmup + spent + statistics.median(times) > timing["maxSeconds"]:
        return False
    return len(times) < timing["minRuns"] or spent < timing["minSeconds"]


def measure(run, timing):
    """Warm-up once, then adaptive timed runs; returns the list of run times in seconds."""
    start = time.perf_counter()
    run()
    warmup = time.perf_counter() - start
    times = []
    while _should_continue(times, warmup, timing):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return times


def _fmt_seconds(s):
    if s >= 1:
        return "%.2f s" % s
    if s >= 1e-3:
        return "%.2f ms" % (s * 1e3)
    return "%.1f µs" % (s * 1e6)


def blas_info():
    """BLAS/OpenMP libraries loaded in this process and their thread counts (needs threadpoolctl)."""
    try:
        import threadpoolctl
    except ImportError:
        return None
    keep = ("internal_api", "version", "threading_layer", "architecture", "num_threads", "filepath")
    return [{k: lib.get(k) for k in keep} for lib in threadpoolctl.threadpool_info()]


def blas_threads(default):
    """Thread count the BLAS pool actually uses, or `default` when it cannot be read."""
    info = blas_info() or []
    for lib in info:
        if lib.get("internal_api") in ("openblas", "mkl", "blis"):
            return lib.get("num_threads") or default
    return default


def _unavailable(note):
    json.dump({"available": False, "note": note}, sys.stdout)
    sys.stdout.write("\n")


def main(contenders_factory, required, info_factory=None):
    """Runs the suite.

    contenders_factory(): list of (label, setup) where setup(spec) returns
      (run, verify_or_None, dispose_or_None) or raises NotApplicable.
    required: list of (module name, install hint) checked before anything runs.
    info_factory(): extra info entries (library versions).
    """
    # Read the request first so the parent never writes into a closed pipe.
    request = json.load(sys.stdin)
    for module, hint in required:
        try:
            __import__(module)
        except Exception:  # noqa: BLE001 - any import failure means the peer is absent
            _unavailable("%s: skipped — %s with %s not found; %s" % (module, sys.executable, module, hint))
            return
    timing = request["timing"]
    contenders = contenders_factory()
    info = {
        "python": platform.python_version(),
        "executable": sys.executable,
        "threads": int(os.environ.get("BENCH_PY_THREADS", "1")),
        "blas": blas_info(),
    }
    if info_factory is not None:
        info.update(info_factory())
    info["contenders"] = [label for label, _ in contenders]

    series_tp = {}
    results = {}
    for task in request["tasks"]:
        rows = []
        for label, setup in contenders:
            rows.append(_run_contender(task, label, setup, timing, series_tp))
            r = rows[-1]
            if r["status"] == "ok":
                desc = "%s (%d runs)" % (_fmt_seconds(r["medianSeconds"]), r["runs"])
            else:
                desc = "%s — %s" % (r["status"], r.get("note", ""))
            _progress("%s · %s: %s" % (task["name"], label, desc))
        results[task["name"]] = rows
    json.dump({"available": True, "info": info, "results": results}, sys.stdout)
    sys.stdout.write("\n")


def _run_contender(task, label, setup, timing, series_tp):
    key = None if task.get("series") is None else (task["series"], label)
    known = series_tp.get(key)
    if known:
        predicted = task["work"] / known / 1e9
        if predicted > timing["skipAboveSeconds"]:
            return {"contender": label, "status": "skipped", "note": "too slow: ~%.0f s/run" % predicted}
    gc.collect()
    dispose = None
    try:
        run, verify, dispose = setup(task["spec"])
        times = measure(run, timing)
        bad = verify() if verify is not None else None
        if bad is not None:
            return {"contender": label, "status": "error", "note": "wrong result: %s" % bad}
        med = statistics.median(times)
        if key is not None:
            series_tp[key] = task["work"] / med / 1e9
        return {
            "contender": label,
            "status": "ok",
            "medianSeconds": med,
            "runs": len(times),
            "timesSeconds": times,
        }
    except NotApplicable as e:
        return {"contender": label, "status": "n/a", "note": str(e)}
    except Exception as e:  # noqa: BLE001 - a failing contender is reported, not fatal
        msg = (str(e) or type(e).__name__).splitlines()[0]
        return {"contender": label, "status": "error", "note": msg}
    finally:
        if dispose is not None:
            dispose()
