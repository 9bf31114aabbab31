// Keras-style CNN on the bundled 8x8 digits: Conv2D -> MaxPooling2D -> Flatten -> Dense, channels-last input.
import assert from 'node:assert/strict';
import { loadDataset, trainTestSplit } from 'typelearn/data';
import { conv2d, dense, flatten, manualSeed, maxPooling2d, sequential } from 'typelearn/nn';

manualSeed(0);
const { data, target } = loadDataset('digits');
const images = data.div(16).reshape(-1, 8, 8, 1); // [N, H, W, C] like Keras
const [xTrain, xTest, yTrain, yTest] = trainTestSplit(images, target, { testSize: 0.25, randomState: 0 });

const model = sequential([
  conv2d(16, 3, { activation: 'relu', inputShape: [8, 8, 1], padding: 'same' }),
  maxPooling2d(2),
  flatten(),
  dense(32, { activation: 'relu' }),
  dense(10, { activation: 'softmax' }),
]);
model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
await model.fit(xTrain, yTrain, { epochs: 15, batchSize: 32 });
const { accuracy } = model.evaluate(xTest, yTest);
console.log(`CNN test accuracy ${accuracy.toFixed(3)}`);
assert.ok(accuracy > 0.9);
