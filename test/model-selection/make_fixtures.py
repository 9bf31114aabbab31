"""Generates test/fixtures/sklearn/model_selection_*_splitters.json and ..._search_diabetes.json.

Run with Debian's scikit-learn 1.2.1: /usr/bin/python3 test/model-selection/make_fixtures.py
The tests only read the JSON it writes; they never run Python.
"""

import json
import os

import numpy as np
import sklearn
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import (
    GridSearchCV,
    GroupKFold,
    LeaveOneGroupOut,
    LeaveOneOut,
    LeavePGroupsOut,
    LeavePOut,
    ParameterGrid,
    PredefinedSplit,
    StratifiedGroupKFold,
    TimeSeriesSplit,
    cross_val_predict,
    learning_curve,
    validation_curve,
)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "sklearn")


def folds(cv, X, y=None, groups=None):
    return [{"train_idx": [int(i) for i in tr], "test_idx": [int(i) for i in te]} for tr, te in cv.split(X, y, groups)]


def write(name, description, inputs, expected):
    doc = {
        "sklearn_version": sklearn.__version__,
        "description": description,
        "dataset": "hand-made" if "splitters" in name else "load_diabetes",
        "params": {},
        "inputs": inputs,
        "expected": expected,
        "tolerances": {"*": {"match": "exact"}},
    }
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(doc, f, indent=1, sort_keys=True)
        f.write("\n")


# --- splitters --------------------------------------------------------------------------
n = 14
X = np.zeros((n, 1))
groups = [3, 3, 1, 1, 1, 7, 7, 7, 7, 2, 5, 5, 0, 0]
y = [0, 1, 0, 0, 1, 1, 1, 0, 1, 0, 1, 0, 0, 1]
groups_sgkf = [g for g in range(8) for _ in range(3)] + [8, 8, 9]
y_sgkf = [0, 0, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 0, 0, 1]
test_fold = [0, 1, -1, 1, 2, 0, -1, 2, 2, 1, 0, -1, 1, 0]
ts_X = np.zeros((17, 1))
write(
    "model_selection_splitters",
    "Deterministic splitters of sklearn 1.2.1 on hand-made inputs: each expected entry is the list of "
    "(train_idx, test_idx) pairs split() yields, in order. GroupKFold orders groups by size descending "
    "(ties: numpy argsort then reversed, exact for <= 16 groups), puts each in the lightest fold.",
    {
        "n": n,
        "groups": groups,
        "y": y,
        "groups_sgkf": groups_sgkf,
        "y_sgkf": y_sgkf,
        "test_fold": test_fold,
        "ts_n": 17,
    },
    {
        "group_kfold_3": folds(GroupKFold(3), X, y, groups),
        "stratified_group_kfold_3": folds(StratifiedGroupKFold(3), np.zeros((len(y_sgkf), 1)), y_sgkf, groups_sgkf),
        "time_series_split_default": folds(TimeSeriesSplit(), ts_X),
        "time_series_split_gap2_max5_test3": folds(TimeSeriesSplit(n_splits=3, gap=2, max_train_size=5, test_size=3), ts_X),
        "time_series_split_test2": folds(TimeSeriesSplit(n_splits=4, test_size=2), ts_X),
        "leave_one_out_5": folds(LeaveOneOut(), np.zeros((5, 1))),
        "leave_p_out_5_2": folds(LeavePOut(2), np.zeros((5, 1))),
        "leave_one_group_out": folds(LeaveOneGroupOut(), X, y, groups),
        "leave_p_groups_out_2": folds(LeavePGroupsOut(2), X, y, [0, 0, 1, 2, 2, 3, 1, 3, 3, 0, 2, 1, 0, 3]),
        "predefined_split": folds(PredefinedSplit(test_fold), X),
        "parameter_grid": list(ParameterGrid([{"b": [1, 2], "a": ["x", "y", "z"]}, {}, {"c": [True]}])),
    },
)

# --- cross-validation and search on diabetes ---------------------------------------------
Xd, yd = load_diabetes(return_X_y=True)
gs = GridSearchCV(
    LinearRegression(),
    {"fit_intercept": [True, False], "positive": [False, True]},
    cv=5,
    scoring=["r2", "neg_mean_absolute_error"],
    refit="neg_mean_absolute_error",
    return_train_score=True,
)
gs.fit(Xd, yd)
res = {k: (v.tolist() if hasattr(v, "tolist") else v) for k, v in gs.cv_results_.items() if "time" not in k}
res = {k: [bool(x) if isinstance(x, (bool, np.bool_)) else x for x in v] for k, v in res.items()}
lc = learning_curve(LinearRegression(), Xd, yd, cv=5, train_sizes=[0.1, 0.5, 1.0])
vc = validation_curve(LinearRegression(), Xd, yd, param_name="fit_intercept", param_range=[True, False], cv=3, scoring="r2")
write(
    "model_selection_search_diabetes",
    "On load_diabetes: GridSearchCV(LinearRegression(), {fit_intercept: [True, False], positive: [False, True]}, cv=5, "
    "scoring=['r2', 'neg_mean_absolute_error'], refit='neg_mean_absolute_error', return_train_score=True).cv_results_ "
    "(timing keys dropped) and best_index_/best_score_/best_params_; learning_curve(LinearRegression(), cv=5, "
    "train_sizes=[0.1, 0.5, 1.0]); validation_curve(LinearRegression(), 'fit_intercept', [True, False], cv=3); "
    "cross_val_predict(LinearRegression(), cv=5). X/y are the bundled diabetes data (not copied: the tests load it).",
    {},
    {
        "cv_results": res,
        "best_index": int(gs.best_index_),
        "best_score": float(gs.best_score_),
        "best_params": gs.best_params_,
        "learning_curve": {
            "train_sizes_abs": lc[0].tolist(),
            "train_scores": lc[1].tolist(),
            "test_scores": lc[2].tolist(),
        },
        "validation_curve": {"train_scores": vc[0].tolist(), "test_scores": vc[1].tolist()},
        "cross_val_predict": cross_val_predict(LinearRegression(), Xd, yd, cv=5).tolist(),
    },
)
print("ok")
