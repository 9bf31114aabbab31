"""Python peers of the `linear` suite: scikit-learn's linear models, GaussianNB, kNN and SVMs.

Run by bench/python.ts with the task list on stdin (see _harness.py). Task specs:
  {"op": "fit" | "predict", "model": "logistic" | "gaussian-nb" | "sgd-classifier" | "linear-svc" |
   "svc-rbf" | "knn" | "linear-regression" | "ridge" | "sgd-regressor",
   "kind": "classification" | "regression", "file": path, "n": 100000, "p": 20,
   "nTrain": rows 0.. that train, "testStart": 80000, "nTest": test rows (kNN: the queries),
   "ref": typelearn's scores (JSON by task), "scores": where this script writes its scores,
   "task": task name, "tolerance": 0.002}
The file (written by bench/suites/linear.ts) holds float64 X (row-major, n x p) then y (n).
Models use sklearn's defaults (random_state=0 where there is one; Ridge alpha=1, kNN k=5).
scikit-learn gets SKLEARN_BENCH_THREADS threads (default 2) for BLAS and OpenMP via threadpoolctl.

verify prints the held-out accuracy / R² and fails the row when it is more than `tolerance`
from typelearn's ({"score", "seedRange"?} per task in `ref`). SGD models shuffle with each
library's own generator, so for them both sides score random_state 0..4 and the two ranges
must come within `tolerance` of each other.
"""

import json
import os
import sys

THREADS = int(os.environ.get("SKLEARN_BENCH_THREADS", "2"))
# OpenMP reads this once, when sklearn loads it; threadpoolctl below also sets BLAS.
os.environ["OMP_NUM_THREADS"] = str(THREADS)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _harness import main  # noqa: E402

SEEDED = {"sgd-classifier", "sgd-regressor"}


def _load(spec):
    import numpy as np

    n, p = spec["n"], spec["p"]
    data = np.fromfile(spec["file"], dtype="<f8")
    X = data[: n * p].reshape(n, p)
    y = data[n * p :]
    a, b = spec["testStart"], spec["testStart"] + spec["nTest"]
    return X[: spec["nTrain"]], y[: spec["nTrain"]], X[a:b], y[a:b]


def _make(model, seed=0):
    from sklearn import linear_model, naive_bayes, neighbors, svm

    if model == "logistic":
        return linear_model.LogisticRegression()
    if model == "gaussian-nb":
        return naive_bayes.GaussianNB()
    if model == "sgd-classifier":
        return linear_model.SGDClassifier(random_state=seed)
    if model == "linear-svc":
        return svm.LinearSVC(random_state=seed)
    if model == "svc-rbf":
        return svm.SVC()
    if model == "knn":
        return neighbors.KNeighborsClassifier(n_neighbors=5)
    if model == "linear-regression":
        return linear_model.LinearRegression()
    if model == "ridge":
        return linear_model.Ridge(alpha=1.0)
    if model == "sgd-regressor":
        return linear_model.SGDRegressor(random_state=seed)
    raise ValueError("unknown model %r" % model)


def _score(kind, y, pred):
    from sklearn.metrics import accuracy_score, r2_score

    return float(accuracy_score(y, pred) if kind == "classification" else r2_score(y, pred))


def _read_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def _record(spec, entry):
    scores = _read_json(spec["scores"])
    scores[spec["task"]] = entry
    with open(spec["scores"], "w") as f:
        json.dump(scores, f)


def _check(spec, score, Xtr, ytr, Xte, yte):
    kind, tol = spec["kind"], spec["tolerance"]
    name = "accuracy" if kind == "classification" else "R²"
    entry = {"score": score}
    lo = hi = score
    if spec["model"] in SEEDED:
        # Untimed refits with other seeds: the spread the shuffling alone causes.
        seeds = [score] + [_score(kind, yte, _make(spec["model"], s).fit(Xtr, ytr).predict(Xte)) for s in range(1, 5)]
        lo, hi = min(seeds), max(seeds)
        entry["seedRange"] = [lo, hi]
    _record(spec, entry)
    ref = _read_json(spec["ref"]).get(spec["task"])
    extra = "" if lo == hi else " (seeds 0-4: %.4f-%.4f)" % (lo, hi)
    if ref is None:
        print("  %s · scikit-learn: held-out %s %.4f%s (no typelearn score to compare)" % (
            spec["task"], name, score, extra), file=sys.stderr, flush=True)
        return None
    want = ref["score"]
    tlo, thi = ref.get("seedRange", [want, want])
    theirs = "%.4f" % want if tlo == thi else "%.4f (seeds 0-4: %.4f-%.4f)" % (want, tlo, thi)
    gap = max(lo - thi, tlo - hi, 0.0)
    print("  %s · scikit-learn: held-out %s %.4f%s, typelearn %s" % (spec["task"], name, score, extra, theirs),
          file=sys.stderr, flush=True)
    if gap > tol:
        return "typelearn's %s %s is %.4f from scikit-learn's %.4f%s (> %s)" % (name, theirs, gap, score, extra, tol)
    return None


def _setup(spec):
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from threadpoolctl import threadpool_limits

    # LinearSVC stops at max_iter on this data; n_iter_ is printed instead of a warning per run.
    warnings.simplefilter("ignore", ConvergenceWarning)

    Xtr, ytr, Xte, yte = _load(spec)
    model = spec["model"]
    state = {}
    # Global (not a context manager): entering/leaving threadpoolctl per run would be timed.
    threadpool_limits(limits=THREADS)

    if spec["op"] == "fit":
        def run():
            state["m"] = _make(model).fit(Xtr, ytr)

        def verify():
            n_iter = getattr(state["m"], "n_iter_", None)
            if n_iter is not None:
                print("  %s · scikit-learn: n_iter_ %s" % (spec["task"], n_iter), file=sys.stderr, flush=True)
            return _check(spec, _score(spec["kind"], yte, state["m"].predict(Xte)), Xtr, ytr, Xte, yte)

        return run, verify, None

    fitted = _make(model).fit(Xtr, ytr)

    def run_predict():
        state["pred"] = fitted.predict(Xte)

    return run_predict, (lambda: _check(spec, _score(spec["kind"], yte, state["pred"]), Xtr, ytr, Xte, yte)), None


def contenders():
    import sklearn.linear_model  # noqa: F401 - loads OpenBLAS and OpenMP before the limit is set
    from threadpoolctl import threadpool_limits

    # Set here too, so the BLAS thread count the header reports (read before any task) is the one used.
    threadpool_limits(limits=THREADS)
    return [("scikit-learn (%d threads)" % THREADS, _setup)]


def info():
    import numpy
    import sklearn

    return {"sklearn": sklearn.__version__, "numpy": numpy.__version__, "sklearnThreads": THREADS}


if __name__ == "__main__":
    main(contenders, [("sklearn", "apt-get install python3-sklearn"),
                      ("threadpoolctl", "apt-get install python3-threadpoolctl")], info)
