"""Python peers of the `model-selection` suite: scikit-learn's GridSearchCV.

Task spec: {"op": "grid_search", "model": "linear" | "logistic" | "tree", "n": N, "d": D, "folds": K}:
GridSearchCV(LinearRegression(), [{fit_intercept: [True, False], positive: [False, True]}] * 2)
on N x D data (y = X w + noise), or GridSearchCV(LogisticRegression(max_iter=200),
{C: [0.01 .. 30] (8 values)}) on y = sign(X w + noise), or
GridSearchCV(DecisionTreeClassifier(random_state=0), {max_depth: [4 .. 16, None]}) on the same
kind of labels; cv=K, refit=False, with n_jobs=1 and n_jobs=2 (loky worker processes, kept
between searches by joblib's reusable executor, so warm after the harness's warm-up run).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _harness import main  # noqa: E402


def _setup(n_jobs):
    def setup(spec):
        import numpy as np
        from sklearn.linear_model import LinearRegression, LogisticRegression
        from sklearn.model_selection import GridSearchCV
        from sklearn.tree import DecisionTreeClassifier

        if spec["op"] != "grid_search":
            raise ValueError("unknown op %r" % spec["op"])
        n, d = spec["n"], spec["d"]
        rng = np.random.default_rng(0)
        X = rng.random((n, d)) - 0.5
        t = X @ ((np.arange(d) % 5) - 1.0)
        model = spec.get("model", "linear")
        if model == "logistic":
            y = (t + 0.5 * (rng.random(n) - 0.5) > 0).astype(float)
            estimator, grids = LogisticRegression(max_iter=200), [{"C": [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30]}]
        elif model == "tree":
            y = (t + 0.5 * (rng.random(n) - 0.5) > 0).astype(float)
            depths = [4, 6, 8, 10, 12, 14, 16, None]
            estimator, grids = DecisionTreeClassifier(random_state=0), [{"max_depth": depths}]
        else:
            y = t + 0.1 * (rng.random(n) - 0.5)
            grid = {"fit_intercept": [True, False], "positive": [False, True]}
            estimator, grids = LinearRegression(), [grid, grid]
        state = {}

        def run():
            search = GridSearchCV(estimator, grids, cv=spec["folds"], refit=False, n_jobs=n_jobs)
            search.fit(X, y)
            state["scores"] = search.cv_results_["mean_test_score"]

        def verify():
            scores = state.get("scores")
            if scores is None or len(scores) != 8 or not np.all(np.isfinite(scores)):
                return "expected 8 finite mean test scores"
            return None

        return run, verify, None

    return setup


def contenders():
    return [("scikit-learn (n_jobs=1)", _setup(1)), ("scikit-learn (n_jobs=2)", _setup(2))]


def info():
    import sklearn

    return {"sklearn": sklearn.__version__}


if __name__ == "__main__":
    main(contenders, [("sklearn", "apt-get install python3-sklearn")], info)
