"""Regenerates test/tree/sklearn-export.json: scikit-learn 1.2's export_text and
export_graphviz output for the trees test/tree/export.test.ts builds. Run with
Debian's /usr/bin/python3 from the repository root."""
import json

import numpy as np
from sklearn.tree import DecisionTreeClassifier as C
from sklearn.tree import DecisionTreeRegressor as R
from sklearn.tree import export_graphviz, export_text

f = json.load(open("test/fixtures/sklearn/tree_decisiontreeclassifier_iris.json"))
m = C(max_depth=3, random_state=0).fit(np.array(f["inputs"]["X"]), np.array(f["inputs"]["y"]))
d = json.load(open("test/fixtures/sklearn/tree_decisiontreeregressor_diabetes.json"))
r = R(max_depth=2, random_state=0).fit(np.array(d["inputs"]["X"]), np.array(d["inputs"]["y"]))
out = {
    "iris_text": export_text(m, feature_names=["sl", "sw", "pl", "pw"]),
    "iris_text_weights": export_text(m, show_weights=True, max_depth=1, decimals=3),
    "iris_dot": export_graphviz(m, out_file=None),
    "iris_dot_names": export_graphviz(m, out_file=None, feature_names=["sl", "sw", "pl", "pw"], class_names=["a", "b", "c"],
                                      node_ids=True, proportion=True, impurity=False),
    "diabetes_text": export_text(r),
    "diabetes_dot": export_graphviz(r, out_file=None, precision=2),
}
json.dump(out, open("test/tree/sklearn-export.json", "w"), indent=1)
