"""Regenerates test/tree/sklearn-options.json: scikit-learn 1.2 trees for options the
main fixtures do not cover. Run with Debian's /usr/bin/python3 (python3-sklearn)
from the repository root. Inputs are the diabetes / breast-cancer arrays already in
test/fixtures/sklearn. Each case was checked to have a single structure over
random_state 0..19 (no ties between features), so it is an exact target."""
import json

import numpy as np
from sklearn.tree import DecisionTreeClassifier as C
from sklearn.tree import DecisionTreeRegressor as R

d = json.load(open("test/fixtures/sklearn/tree_decisiontreeregressor_diabetes.json"))
X, y = np.array(d["inputs"]["X"]), np.array(d["inputs"]["y"])
b = json.load(open("test/fixtures/sklearn/ensemble_randomforestclassifier_breastcancer.json"))
Xb, yb = np.array(b["inputs"]["X"]), np.array(b["inputs"]["y"])


def rec(m):
    t = m.tree_
    return dict(
        children_left=t.children_left.tolist(),
        feature=t.feature.tolist(),
        threshold=t.threshold.tolist(),
        value=t.value.reshape(t.node_count, -1).tolist(),
        impurity=t.impurity.tolist(),
    )


out = {}
for crit in ["friedman_mse", "poisson", "absolute_error"]:
    out[crit] = dict(params=dict(criterion=crit, max_depth=2), **rec(R(criterion=crit, max_depth=2, random_state=0).fit(X, y)))
out["max_leaf_nodes"] = dict(params=dict(max_leaf_nodes=6), **rec(R(max_leaf_nodes=6, random_state=0).fit(X, y)))
out["min_samples_leaf"] = dict(params=dict(min_samples_leaf=20, max_depth=3), **rec(R(min_samples_leaf=20, max_depth=3, random_state=0).fit(X, y)))
out["entropy"] = dict(params=dict(criterion="entropy", max_depth=2), **rec(C(criterion="entropy", max_depth=2, random_state=0).fit(Xb, yb)))
out["balanced"] = dict(params=dict(class_weight="balanced", max_depth=2), **rec(C(class_weight="balanced", max_depth=2, random_state=0).fit(Xb, yb)))
out["ccp_alpha"] = dict(params=dict(ccp_alpha=70, max_depth=3), **rec(R(ccp_alpha=70, max_depth=3, random_state=0).fit(X, y)))
w = np.arange(len(yb)) % 3
out["sample_weight"] = dict(params=dict(max_depth=2), **rec(C(max_depth=2, random_state=0).fit(Xb, yb, sample_weight=w)))
w = np.arange(len(y)) % 3
out["sample_weight_regression"] = dict(params=dict(max_depth=3), **rec(R(max_depth=3, random_state=0).fit(X, y, sample_weight=w)))
p = R(max_depth=3, random_state=0).cost_complexity_pruning_path(X, y)
out["pruning_path"] = dict(params=dict(max_depth=3), ccp_alphas=p.ccp_alphas.tolist(), impurities=p.impurities.tolist())
json.dump(out, open("test/tree/sklearn-options.json", "w"))
