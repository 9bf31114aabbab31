"""Python peers of the `hgb` suite: scikit-learn HistGradientBoosting, XGBoost hist, LightGBM.

Run by bench/python.ts with the task list on stdin (see _harness.py). Task specs:
  {"op": "fit" | "predict", "kind": "classification" | "regression",
   "file": path, "n": 100000, "p": 20, "nTrain": 80000}
The file (written by bench/suites/hgb.ts) holds float64 X (row-major, n x p) then y (n).
The first nTrain rows train, the rest test. Every library gets BENCH_HGB_THREADS threads
(default 2) and sklearn's defaults: 100 iterations, learning rate 0.1, 31 leaves, at least
20 samples per leaf. The held-out accuracy / R² is printed to stderr and checked against a floor.
"""

import os
import sys

THREADS = int(os.environ.get("BENCH_HGB_THREADS", "2"))
# OpenMP reads this once, when sklearn / xgboost / lightgbm load it.
os.environ["OMP_NUM_THREADS"] = str(THREADS)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _harness import NotApplicable, main  # noqa: E402

FLOOR = {"classification": 0.9, "regression": 0.85}


def _load(spec):
    import numpy as np

    n, p, n_train = spec["n"], spec["p"], spec["nTrain"]
    data = np.fromfile(spec["file"], dtype="<f8")
    X = data[: n * p].reshape(n, p)
    y = data[n * p :]
    return X[:n_train], y[:n_train], X[n_train:], y[n_train:]


def _score(kind, model, X, y):
    from sklearn.metrics import accuracy_score, r2_score

    pred = model.predict(X)
    return accuracy_score(y, pred) if kind == "classification" else r2_score(y, pred)


def _setup_for(label, make):
    def setup(spec):
        kind = spec["kind"]
        Xtr, ytr, Xte, yte = _load(spec)
        model = make(kind)
        model.fit(Xtr, ytr)

        def verify():
            s = _score(kind, model, Xte, yte)
            print("hgb %s %s · %s: held-out %s %.4f" % (spec["op"], kind, label,
                  "accuracy" if kind == "classification" else "R²", s), file=sys.stderr, flush=True)
            return None if s >= FLOOR[kind] else "score %.4f < %s" % (s, FLOOR[kind])

        if spec["op"] == "fit":
            return (lambda: make(kind).fit(Xtr, ytr)), verify, None
        return (lambda: model.predict(Xte)), verify, None

    return setup


def _sklearn(kind):
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor

    cls = HistGradientBoostingClassifier if kind == "classification" else HistGradientBoostingRegressor
    return cls(random_state=0)


def _xgboost(kind):
    try:
        import xgboost
    except ImportError as e:
        raise NotApplicable("xgboost not installed: apt-get install python3-xgboost") from e
    common = dict(tree_method="hist", n_estimators=100, learning_rate=0.1, max_depth=0, max_leaves=31,
                  grow_policy="lossguide", max_bin=256, n_jobs=THREADS, random_state=0)
    if kind == "classification":
        return xgboost.XGBClassifier(**common)
    return xgboost.XGBRegressor(**common)


def _lightgbm(kind):
    try:
        import lightgbm
    except ImportError as e:
        raise NotApplicable("lightgbm not installed") from e
    common = dict(n_estimators=100, learning_rate=0.1, num_leaves=31, min_child_samples=20, max_bin=255,
                  n_jobs=THREADS, random_state=0, verbose=-1)
    if kind == "classification":
        return lightgbm.LGBMClassifier(**common)
    return lightgbm.LGBMRegressor(**common)


def contenders():
    suffix = " (%d thread%s)" % (THREADS, "" if THREADS == 1 else "s")
    return [
        ("sklearn HGB" + suffix, _setup_for("sklearn HGB" + suffix, _sklearn)),
        ("XGBoost hist" + suffix, _setup_for("XGBoost hist" + suffix, _xgboost)),
        ("LightGBM" + suffix, _setup_for("LightGBM" + suffix, _lightgbm)),
    ]


def info():
    out = {}
    for name in ("sklearn", "xgboost", "lightgbm"):
        try:
            out[name] = __import__(name).__version__
        except Exception:  # noqa: BLE001 - an absent peer is just not listed
            pass
    out["threads"] = THREADS
    return out


if __name__ == "__main__":
    main(contenders, [("numpy", "apt-get install python3-numpy"), ("sklearn", "apt-get install python3-sklearn")], info)
