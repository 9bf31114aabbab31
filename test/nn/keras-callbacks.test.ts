/** Keras callbacks that act on the learning rate and on saving: ReduceLROnPlateau, ModelCheckpoint. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type Callback,
  dense,
  deserializeModule,
  type Logs,
  ModelCheckpoint,
  manualSeed,
  ReduceLROnPlateauCallback,
  sequential,
  serializeModule,
  type TrainingTarget,
} from '../../src/nn/index.js';
import { RandomGenerator } from '../../src/tensor/random.js';
import { Tensor } from '../../src/tensor/tensor.js';

function data(n: number): [Tensor, Tensor] {
  const rng = new RandomGenerator(1);
  const x = Float64Array.from({ length: n * 3 }, () => rng.normal());
  const y = Int32Array.from({ length: n }, (_, i) => (x[i * 3] + x[i * 3 + 1] > 0 ? 1 : 0));
  return [new Tensor(x, [n, 3]), new Tensor(y)];
}

function model() {
  manualSeed(0);
  const m = sequential([dense(8, { activation: 'relu', inputShape: [3] }), dense(2, { activation: 'softmax' })]);
  m.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return m;
}

/** A fake target whose monitored values are scripted, to test the callbacks' bookkeeping exactly. */
function target(lr: number): TrainingTarget {
  return { stopTraining: false, getWeights: () => [], setWeights: () => {}, learningRate: lr };
}

describe('ReduceLROnPlateauCallback', () => {
  test('reduces after `patience` epochs without improvement, honours cooldown and minLr (Keras semantics)', () => {
    const cb = new ReduceLROnPlateauCallback({ monitor: 'loss', factor: 0.5, patience: 2, cooldown: 1, minLr: 0.1 });
    const t = target(1);
    cb.onTrainBegin();
    const losses = [1, 0.9, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95];
    const lrs: number[] = [];
    losses.forEach((loss, epoch) => {
      const logs: Logs = { loss };
      cb.onEpochEnd(epoch, logs, t);
      assert.equal(logs.lr, lrs.length === 0 ? 1 : lrs[lrs.length - 1], 'lr logged before the change');
      lrs.push(t.learningRate);
    });
    // Best 0.9 at epoch 1; epochs 2, 3 stall -> halve. As in Keras, the cooldown counter is
    // spent at the start of the next epoch, which then already counts as a stall.
    assert.deepEqual(lrs, [1, 1, 1, 0.5, 0.5, 0.25, 0.25, 0.125, 0.125, 0.1]);
    assert.throws(() => new ReduceLROnPlateauCallback({ factor: 1 }), RangeError);
  });

  test('changes the real optimizer learning rate during fit', async () => {
    const [x, y] = data(64);
    const m = model();
    assert.equal(m.learningRate, 1e-3);
    // minDelta huge: no epoch counts as an improvement after the first.
    const cb = new ReduceLROnPlateauCallback({ monitor: 'loss', patience: 1, factor: 0.5, minDelta: 1e9 });
    const history = await m.fit(x, y, { epochs: 4, batchSize: 16, verbose: 0, callbacks: [cb] });
    assert.ok(m.learningRate < 1e-3, `lr ${m.learningRate}`);
    assert.equal(history.history.lr?.[0], 1e-3);
  });
});

describe('ModelCheckpoint', () => {
  test('saves every epoch, or only improvements; a saved model loads back with the same outputs', async () => {
    const [x, y] = data(64);
    const m = model();
    const saved = new Map<number, Uint8Array>();
    const every = new ModelCheckpoint((epoch) => saved.set(epoch, serializeModule(m)));
    const best = new ModelCheckpoint(() => {}, { monitor: 'loss', saveBestOnly: true });
    await m.fit(x, y, { epochs: 3, batchSize: 16, verbose: 0, callbacks: [every, best] });
    assert.deepEqual(every.savedEpochs, [0, 1, 2]);
    assert.ok(best.savedEpochs.length >= 1 && best.savedEpochs[0] === 0);
    const loaded = deserializeModule(saved.get(2) as Uint8Array);
    assert.equal(loaded.kind, 'kerasSequential');
    if (loaded.kind === 'kerasSequential') assert.deepEqual(loaded.model.predict(x).data, m.predict(x).data);
  });

  test('best-only on a scripted sequence', () => {
    const cb: Callback & { savedEpochs: number[] } = new ModelCheckpoint(() => {}, {
      monitor: 'valAccuracy',
      saveBestOnly: true,
    });
    cb.onTrainBegin?.(target(1));
    for (const [epoch, valAccuracy] of [0.5, 0.7, 0.6, 0.8, 0.8].entries())
      cb.onEpochEnd?.(epoch, { valAccuracy }, target(1));
    assert.deepEqual(cb.savedEpochs, [0, 1, 3]);
  });
});
