"""Python peer of the `compare` suite: scikit-learn's version of typelearn's automatic pipeline.

Task spec: {"op": "cv", "model": "logistic_regression" | "hist_gradient_boosting", "csv": titanic.csv,
"ref": typelearn's accuracies (JSON), "task": name}. The pipeline:
  ColumnTransformer([("num", Pipeline([SimpleImputer(strategy="median"), StandardScaler()]), ["age"]),
                     ("cat", Pipeline([SimpleImputer(strategy="most_frequent"),
                                       OneHotEncoder(handle_unknown="ignore")]), ["sex", "passengerClass"])])
  then LogisticRegression() or HistGradientBoostingClassifier(random_state=0),
scored by cross_val_score(..., cv=StratifiedKFold(5, shuffle=True, random_state=0), scoring="accuracy").
The `name` column is free text and, as in typelearn's CLI, left out. The row fails when the mean
accuracy differs from typelearn's by more than 0.01.
Command to reproduce by hand: /usr/bin/python3 bench/python/compare.py --print datasets/titanic.csv
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _harness import main  # noqa: E402


def _pipeline(model):
    from sklearn.compose import ColumnTransformer
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    pre = ColumnTransformer(
        [
            ("num", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), ["age"]),
            (
                "cat",
                Pipeline(
                    [
                        ("impute", SimpleImputer(strategy="most_frequent")),
                        ("onehot", OneHotEncoder(handle_unknown="ignore")),
                    ]
                ),
                ["sex", "passengerClass"],
            ),
        ]
    )
    est = LogisticRegression() if model == "logistic_regression" else HistGradientBoostingClassifier(random_state=0)
    return Pipeline([("pre", pre), ("model", est)])


def _cv(model, csv):
    import pandas as pd
    from sklearn.model_selection import StratifiedKFold, cross_val_score

    df = pd.read_csv(csv)
    X = df[["age", "sex", "passengerClass"]]
    y = df["survived"]
    cv = StratifiedKFold(5, shuffle=True, random_state=0)
    return cross_val_score(_pipeline(model), X, y, cv=cv, scoring="accuracy")


def _setup(spec):
    state = {}

    def run():
        state["scores"] = _cv(spec["model"], spec["csv"])

    def verify():
        mean = float(state["scores"].mean())
        print("  scikit-learn %s: mean accuracy %.4f ± %.4f" % (spec["model"], mean, state["scores"].std()), file=sys.stderr)
        try:
            with open(spec["ref"]) as f:
                want = json.load(f).get(spec["task"])
        except OSError:
            return None
        if want is not None and abs(mean - want) > 0.01:
            return "mean accuracy %.4f is more than 1 point from typelearn's %.4f" % (mean, want)
        return None

    return run, verify, None


def contenders():
    return [("scikit-learn", _setup)]


def info():
    import sklearn

    return {"sklearn": sklearn.__version__}


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--print":
        for m in ("logistic_regression", "hist_gradient_boosting"):
            s = _cv(m, sys.argv[2])
            print("%s: %.4f ± %.4f" % (m, s.mean(), s.std()))
    else:
        main(contenders, [("sklearn", "apt-get install python3-sklearn"), ("pandas", "apt-get install python3-pandas")], info)
