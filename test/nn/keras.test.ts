/** Keras-style sequential models: building, fitting, callbacks, bad input. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  batchNormalization,
  conv2d,
  dense,
  dropout,
  EarlyStopping,
  flatten,
  manualSeed,
  maxPooling2d,
  sequential,
} from '../../src/nn/index.js';
import { RandomGenerator } from '../../src/tensor/random.js';
import { Tensor } from '../../src/tensor/tensor.js';

/** Two Gaussian blobs per class in 4-D, easily separable. */
function blobs(n: number, seed: number): [Tensor, Tensor] {
  const rng = new RandomGenerator(seed);
  const x = new Float64Array(n * 4);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 3;
    for (let j = 0; j < 4; j++) x[i * 4 + j] = rng.normal(j === y[i] ? 2 : 0, 0.5);
  }
  return [new Tensor(x, [n, 4]), new Tensor(y)];
}

describe('Keras-style sequential', () => {
  test('fits a classifier; history, evaluate and predict agree', async () => {
    manualSeed(0);
    const [x, y] = blobs(300, 1);
    const model = sequential([
      dense(16, { activation: 'relu', inputShape: [4] }),
      dropout(0.1),
      dense(3, { activation: 'softmax' }),
    ]);
    model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const h = await model.fit(x, y, { epochs: 20, batchSize: 32, validationSplit: 0.2, verbose: 0 });
    assert.equal(h.history.loss.length, 20);
    assert.ok(h.history.loss[19] < h.history.loss[0]);
    assert.ok(h.history.valAccuracy[19] > 0.9);
    const probs = model.predict(x);
    assert.deepEqual(probs.shape, [300, 3]);
    const rowSum = probs.data[0] + probs.data[1] + probs.data[2];
    assert.ok(Math.abs(rowSum - 1) < 1e-5);
    assert.ok(model.evaluate(x, y).accuracy > 0.9);
    assert.match(model.summary(), /Total params: 131/);
  });

  test('EarlyStopping stops when the monitored value stalls', async () => {
    manualSeed(0);
    const [x, y] = blobs(60, 2);
    const model = sequential([dense(3, { activation: 'softmax', inputShape: [4] })]);
    model.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
    const stop = new EarlyStopping({ monitor: 'loss', minDelta: 10, patience: 2 });
    const h = await model.fit(x, y, { epochs: 50, callbacks: [stop], verbose: 0 });
    assert.equal(h.epoch.length, 3);
  });

  test('a small CNN with batch norm trains on channels-last images', async () => {
    manualSeed(0);
    const rng = new RandomGenerator(3);
    const n = 64;
    const x = new Float32Array(n * 6 * 6);
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = i % 2;
      for (let p = 0; p < 36; p++) x[i * 36 + p] = rng.normal(0, 0.3) + (y[i] === 1 && p % 6 < 3 ? 1 : 0);
    }
    const model = sequential([
      conv2d(4, 3, { activation: 'relu', inputShape: [6, 6, 1], padding: 'same' }),
      batchNormalization(),
      maxPooling2d(2),
      flatten(),
      dense(2, { activation: 'softmax' }),
    ]);
    model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    await model.fit(new Tensor(x, [n, 6, 6, 1]), new Tensor(y), { epochs: 15, batchSize: 16, verbose: 0 });
    assert.ok(model.evaluate(new Tensor(x, [n, 6, 6, 1]), new Tensor(y)).accuracy > 0.9);
  });

  test('bad input: wrong sample shape and NaN loss give clear errors', async () => {
    const model = sequential([dense(2, { inputShape: [3] })]);
    model.compile({ optimizer: 'adam', loss: 'mse' });
    await assert.rejects(
      model.fit(Tensor.from([[1, 2]]), Tensor.from([[1, 2]]), { verbose: 0 }),
      /input of shape \[1, 2\].*\[batch, 3\]/,
    );
    await assert.rejects(
      model.fit(Tensor.from([[1, Number.NaN, 3]]), Tensor.from([[1, 2]]), { verbose: 0 }),
      /loss became NaN at epoch 1, batch 1/,
    );
  });

  test('fit is asynchronous: async callbacks are awaited, an AbortSignal stops training', async () => {
    const model = sequential([dense(1, { inputShape: [2] })]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = Tensor.from([
      [0, 1],
      [1, 0],
      [1, 1],
      [0, 0],
    ]);
    const y = Tensor.from([[1], [1], [2], [0]]);
    const order: string[] = [];
    const pending = model.fit(x, y, {
      epochs: 3,
      batchSize: 2,
      verbose: 0,
      callbacks: [
        {
          onEpochEnd: async (epoch) => {
            await new Promise((r) => setTimeout(r, 5));
            order.push(`end ${epoch}`);
          },
          onEpochBegin: (epoch) => {
            order.push(`begin ${epoch}`);
          },
        },
      ],
    });
    assert.ok(pending instanceof Promise);
    const history = await pending;
    assert.deepEqual(order, ['begin 0', 'end 0', 'begin 1', 'end 1', 'begin 2', 'end 2']);
    assert.equal(history.epoch.length, 3);
    const controller = new AbortController();
    const stopped = model.fit(x, y, {
      epochs: 1000,
      verbose: 0,
      signal: controller.signal,
      callbacks: [{ onEpochEnd: (epoch) => (epoch === 2 ? controller.abort(new Error('stop now')) : undefined) }],
    });
    await assert.rejects(stopped, /stop now/);
  });
});
