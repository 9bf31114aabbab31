// scikit-learn's MLPs: MLPClassifier in a pipeline with string labels, partialFit, and MLPRegressor with L-BFGS.
import assert from 'node:assert/strict';
import { makePipeline } from 'typelearn/compose';
import { loadDataset } from 'typelearn/data';
import { MLPClassifier, MLPRegressor } from 'typelearn/neural-network';
import { StandardScaler } from 'typelearn/preprocessing';

// Iris with species names as labels; MLPs want scaled inputs, so a scaler comes first.
const iris = loadDataset('iris');
const species = Array.from(iris.target.data, (k) => iris.targetNames[k]);
const mlp = new MLPClassifier({ hiddenLayerSizes: [16], learningRateInit: 0.01, maxIter: 300, randomState: 0 });
const clf = await makePipeline(new StandardScaler(), mlp).fit(iris.data, species);
assert.ok(clf.score(iris.data, species) > 0.95);
assert.deepEqual(mlp.classes, ['setosa', 'versicolor', 'virginica']);
assert.equal(mlp.outActivation, 'softmax'); // logistic for two classes, softmax for more
// The loss curve has one entry per epoch, and Adam drives it down.
const curve = mlp.lossCurve;
assert.equal(curve.length, mlp.nIter);
assert.ok(curve[curve.length - 1] < curve[0] / 3);
assert.deepEqual(
  mlp.coefs.map((w) => w.shape),
  [
    [4, 16],
    [16, 3],
  ],
);

// partialFit: one epoch per call over mini-batches; the first call names every class.
const online = new MLPClassifier({ hiddenLayerSizes: [8], learningRateInit: 0.01, randomState: 0 });
const scaled = await new StandardScaler().fitTransform(iris.data);
for (let epoch = 0; epoch < 50; epoch++) await online.partialFit(scaled, species, { classes: mlp.classes });
assert.ok(online.score(scaled, species) > 0.8);

// Regression with L-BFGS, the solver scikit-learn recommends for small data sets.
const xs = Array.from({ length: 60 }, (_, i) => [(i / 59) * 2 * Math.PI]);
const ys = xs.map(([v]) => Math.sin(v));
const reg = await new MLPRegressor({ hiddenLayerSizes: [20], solver: 'lbfgs', activation: 'tanh', randomState: 0 }).fit(
  xs,
  ys,
);
assert.ok(reg.score(xs, ys) > 0.99); // R²
console.log(
  `iris accuracy ${clf.score(iris.data, species).toFixed(3)} after ${mlp.nIter} epochs; sin R² ${reg.score(xs, ys).toFixed(4)}`,
);
