"""Python peers of the `trees` suite: scikit-learn DecisionTree / RandomForest and XGBoost's
random forest (XGBRFClassifier / XGBRFRegressor, when importable).

Run by bench/python.ts with the task list on stdin (see _harness.py). Task specs:
  {"op": "fit" | "predict", "kind": "classification" | "regression", "model": "tree" | "forest",
   "file": path, "n": 100000, "p": 20, "nTrain": 80000, "trees": 100}
The file (written by bench/suites/trees.ts) holds float64 X (row-major, n x p) then y (n); the
first nTrain rows train, rows 80,000.. test. sklearn forests use n_jobs=BENCH_TREES_THREADS (2),
OpenMP gets the same thread count. The held-out accuracy / R² and the peak RSS go to stderr.
"""

import os
import resource
import sys

THREADS = int(os.environ.get("BENCH_TREES_THREADS", "2"))
os.environ["OMP_NUM_THREADS"] = str(THREADS)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _harness import NotApplicable, main  # noqa: E402

FLOOR = {
    "classification": {"tree": 0.8, "forest": 0.9, "small": 0.8},
    "regression": {"tree": 0.6, "forest": 0.8, "small": 0.5},
}
TEST_START = 80000


def _load(spec):
    import numpy as np

    n, p, n_train = spec["n"], spec["p"], spec["nTrain"]
    data = np.fromfile(spec["file"], dtype="<f8")
    X = data[: n * p].reshape(n, p)
    y = data[n * p :]
    return X[:n_train], y[:n_train], X[TEST_START:], y[TEST_START:]


def _score(kind, model, X, y):
    from sklearn.metrics import accuracy_score, r2_score

    pred = model.predict(X)
    return accuracy_score(y, pred) if kind == "classification" else r2_score(y, pred)


def _setup_for(label, make):
    def setup(spec):
        kind = spec["kind"]
        Xtr, ytr, Xte, yte = _load(spec)
        model = make(spec)
        model.fit(Xtr, ytr)
        floor = FLOOR[kind]["small" if spec["nTrain"] < 10000 else spec["model"]]

        def verify():
            s = _score(kind, model, Xte, yte)
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print("%s %s %s %s · %s: held-out %s %.4f (process peak RSS %.0f MB)" % (
                spec["model"], spec["op"], kind, spec["nTrain"], label,
                "accuracy" if kind == "classification" else "R²", s, rss), file=sys.stderr, flush=True)
            return None if s >= floor else "score %.4f < %s" % (s, floor)

        if spec["op"] == "fit":
            return (lambda: make(spec).fit(Xtr, ytr)), verify, None
        return (lambda: model.predict(Xte)), verify, None

    return setup


def _sklearn(spec):
    from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
    from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

    clf = spec["kind"] == "classification"
    if spec["model"] == "tree":
        return (DecisionTreeClassifier if clf else DecisionTreeRegressor)(random_state=0)
    cls = RandomForestClassifier if clf else RandomForestRegressor
    return cls(n_estimators=spec["trees"], n_jobs=THREADS, random_state=0)


def _xgboost(spec):
    if spec["model"] != "forest":
        raise NotApplicable("XGBoost has no single-tree learner")
    import xgboost

    cls = xgboost.XGBRFClassifier if spec["kind"] == "classification" else xgboost.XGBRFRegressor
    # Deep trees like sklearn's forest (XGBoost has no "grow until pure"; depth 20 is close on this
    # data, and unlimited lossguide trees need >10 GB here), bootstrap-like row subsampling, sqrt(p)
    # features per split for classification as sklearn's default.
    return cls(n_estimators=spec["trees"], n_jobs=THREADS, random_state=0, tree_method="hist",
               max_depth=20, subsample=0.632,
               colsample_bynode=(1 / spec["p"]) ** 0.5 if spec["kind"] == "classification" else 1.0)


def contenders():
    out = [("scikit-learn (%d jobs)" % THREADS, _setup_for("scikit-learn", _sklearn))]
    try:
        import xgboost  # noqa: F401

        out.append(("xgboost rf (%d threads)" % THREADS, _setup_for("xgboost rf", _xgboost)))
    except Exception:  # noqa: BLE001 - absent peer
        pass
    return out


def info():
    import sklearn

    d = {"sklearn": sklearn.__version__, "threads": THREADS}
    try:
        import xgboost

        d["xgboost"] = xgboost.__version__
    except Exception:  # noqa: BLE001
        pass
    return d


if __name__ == "__main__":
    main(contenders, [("sklearn", "apt-get install python3-sklearn")], info)
