// Seed example 1: the Keras MLP on Fashion-MNIST — Dense(64, relu) -> Dense(32, relu) -> Dense(10, softmax),
// adam, sparse categorical cross-entropy, 10 epochs, batch 128. Trains on the full 60,000 images when
// Debian's dataset-fashion-mnist is installed, else on the bundled 1,200-image sample.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readIdx } from 'typelearn/data';
import { dense, manualSeed, sequential } from 'typelearn/nn';

const full = '/usr/share/datasets/fashion-mnist/';
const sample = fileURLToPath(new URL('../../datasets/fashion-mnist-sample/', import.meta.url));
const useFull = existsSync(`${full}train-images-idx3-ubyte.gz`) && !process.env.TYPELEARN_EXAMPLES_QUICK;
const dir = useFull ? full : sample;
const images = (file: string) => readIdx(`${dir}${file}`).astype('float32').div(255).reshape(-1, 784);
const labels = (file: string) => readIdx(`${dir}${file}`);
const xTrain = images('train-images-idx3-ubyte.gz');
const yTrain = labels('train-labels-idx1-ubyte.gz');
const xTest = images('t10k-images-idx3-ubyte.gz');
const yTest = labels('t10k-labels-idx1-ubyte.gz');

manualSeed(0);
const model = sequential([
  dense(64, { activation: 'relu', inputShape: [784] }),
  dense(32, { activation: 'relu' }),
  dense(10, { activation: 'softmax' }),
]);
model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
const start = performance.now();
await model.fit(xTrain, yTrain, { epochs: useFull ? 10 : 3, batchSize: 128 });
const seconds = (performance.now() - start) / 1000;
const { accuracy } = model.evaluate(xTest, yTest);
console.log(
  `Keras MLP on ${xTrain.shape[0]} images: test accuracy ${(100 * accuracy).toFixed(2)}% ` +
    `(${((xTrain.shape[0] * (useFull ? 10 : 3)) / seconds).toFixed(0)} samples/s)`,
);
assert.ok(accuracy > (useFull ? 0.85 : 0.6));
