// Decision trees: fit, read the tree as text, prune by cost-complexity, and regress.
import assert from 'node:assert/strict';
import { loadDataset } from 'typelearn/data';
import { DecisionTreeClassifier, DecisionTreeRegressor, exportText } from 'typelearn/tree';

const iris = loadDataset('iris');
const { data: X, target: y, featureNames } = iris;

// Depth 2 is enough to separate setosa, and most of versicolor from virginica.
const stump = await new DecisionTreeClassifier({ maxDepth: 2, randomState: 0 }).fit(X, y);
assert.equal(stump.score(X, y), 0.96); // scikit-learn: 0.96
const text = exportText(stump, { featureNames });
console.log(text);
// Character for character what scikit-learn's export_text prints for this tree.
assert.equal(
  text,
  [
    '|--- petal width (cm) <= 0.80',
    '|   |--- class: 0',
    '|--- petal width (cm) >  0.80',
    '|   |--- petal width (cm) <= 1.75',
    '|   |   |--- class: 1',
    '|   |--- petal width (cm) >  1.75',
    '|   |   |--- class: 2',
    '',
  ].join('\n'),
);

// A fully grown tree fits the training set; cost-complexity pruning trades leaves for generality.
const full = await new DecisionTreeClassifier({ randomState: 0 }).fit(X, y);
assert.equal(full.score(X, y), 1);
assert.equal(full.getDepth(), 5); // scikit-learn: depth 5, 9 leaves
assert.equal(full.getNLeaves(), 9);
const path = await full.costComplexityPruningPath(X, y); // async: it fits a tree
const alpha = path.ccpAlphas[path.ccpAlphas.length - 2]; // the last alpha before the root alone
const pruned = await new DecisionTreeClassifier({ ccpAlpha: alpha, randomState: 0 }).fit(X, y);
assert.ok(pruned.getNLeaves() < full.getNLeaves());

// Importances sum to 1; petal measurements carry the split decisions.
const importances = Array.from(full.featureImportances);
assert.ok(Math.abs(importances.reduce((a, b) => a + b, 0) - 1) < 1e-12);
assert.ok(importances[2] + importances[3] > 0.9);

// Regression trees predict the mean of their leaf.
const xs = Array.from({ length: 80 }, (_, i) => [i / 10]);
const ys = xs.map(([v]) => Math.sin(v));
const reg = await new DecisionTreeRegressor({ maxDepth: 4 }).fit(xs, ys);
assert.ok(Math.abs(reg.predict([[1.6]])[0] - 0.89425656) < 1e-8); // scikit-learn: 0.89425656
assert.equal(reg.getNLeaves(), 16);
