// Seed example 2: the Keras CNN on Fashion-MNIST — Conv2D(32, 3x3, relu) -> MaxPooling2D(2x2) -> Flatten ->
// Dense(64, relu) -> Dense(10, softmax), adam, sparse categorical cross-entropy, 10 epochs, batch 128.
// Full data when Debian's dataset-fashion-mnist is installed, else the bundled sample.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readIdx } from 'typelearn/data';
import { conv2d, dense, flatten, manualSeed, maxPooling2d, sequential } from 'typelearn/nn';

const full = '/usr/share/datasets/fashion-mnist/';
const sample = fileURLToPath(new URL('../../datasets/fashion-mnist-sample/', import.meta.url));
const useFull = existsSync(`${full}train-images-idx3-ubyte.gz`) && !process.env.TYPELEARN_EXAMPLES_QUICK;
const dir = useFull ? full : sample;
const images = (file: string) => readIdx(`${dir}${file}`).astype('float32').div(255).reshape(-1, 28, 28, 1);
const labels = (file: string) => readIdx(`${dir}${file}`);
const xTrain = images('train-images-idx3-ubyte.gz');
const yTrain = labels('train-labels-idx1-ubyte.gz');
const xTest = images('t10k-images-idx3-ubyte.gz');
const yTest = labels('t10k-labels-idx1-ubyte.gz');
const epochs = useFull ? Number(process.env.EPOCHS ?? 10) : 2;

manualSeed(0);
const model = sequential([
  conv2d(32, 3, { activation: 'relu', inputShape: [28, 28, 1] }),
  maxPooling2d(2),
  flatten(),
  dense(64, { activation: 'relu' }),
  dense(10, { activation: 'softmax' }),
]);
model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
const start = performance.now();
await model.fit(xTrain, yTrain, { epochs, batchSize: 128 });
const seconds = (performance.now() - start) / 1000;
const { accuracy } = model.evaluate(xTest, yTest);
console.log(
  `Keras CNN on ${xTrain.shape[0]} images, ${epochs} epochs: test accuracy ${(100 * accuracy).toFixed(2)}% ` +
    `(${((xTrain.shape[0] * epochs) / seconds).toFixed(0)} samples/s)`,
);
assert.ok(accuracy > (useFull ? 0.88 : 0.55));
