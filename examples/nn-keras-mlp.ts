// Keras-style MLP on the bundled handwritten digits (8x8 images): sequential, compile, fit, evaluate.
import assert from 'node:assert/strict';
import { loadDataset, trainTestSplit } from 'typelearn/data';
import { dense, EarlyStopping, manualSeed, sequential } from 'typelearn/nn';

manualSeed(0); // weights, shuffling and dropout are all seeded
const { data, target } = loadDataset('digits');
const X = data.div(16); // pixels 0..16 -> 0..1
const [xTrain, xTest, yTrain, yTest] = trainTestSplit(X, target, { testSize: 0.25, randomState: 0, stratify: target });

const model = sequential([
  dense(64, { activation: 'relu', inputShape: [64] }),
  dense(32, { activation: 'relu' }),
  dense(10, { activation: 'softmax' }),
]);
model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
console.log(model.summary());

const history = await model.fit(xTrain, yTrain, {
  epochs: 30,
  batchSize: 32,
  validationSplit: 0.1,
  callbacks: [new EarlyStopping({ monitor: 'valLoss', patience: 5, restoreBestWeights: true })],
});
const { loss, accuracy } = model.evaluate(xTest, yTest);
console.log(`trained ${history.epoch.length} epochs; test loss ${loss.toFixed(3)}, accuracy ${accuracy.toFixed(3)}`);
assert.ok(accuracy > 0.9);

const probs = model.predict(xTest.reshape(-1, 64));
assert.deepEqual(probs.shape, [xTest.shape[0], 10]);
