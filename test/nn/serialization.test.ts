/** nn save/load: state dicts, Keras-style models with compile settings, and typed errors for bad files. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { DummyClassifier } from '../../src/dummy/index.js';
import { ModelFormatError } from '../../src/io/errors.js';
import { serialize } from '../../src/io/serialize.js';
import {
  BatchNorm1d,
  batchNormalization,
  compileConfig,
  conv2d,
  dense,
  deserializeModule,
  dropout,
  F,
  flatten,
  GRU,
  KerasSequential,
  kerasLayerConfigs,
  Linear,
  LSTM,
  load,
  loadStateDictBytes,
  Module,
  MultiheadAttention,
  manualSeed,
  maxPooling2d,
  ReLU,
  RMSprop,
  Sequential,
  save,
  sequential,
  serializeModule,
} from '../../src/nn/index.js';
import { RandomGenerator } from '../../src/tensor/random.js';
import { Tensor } from '../../src/tensor/tensor.js';

const dir = mkdtempSync(join(tmpdir(), 'typelearn-nn-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function randn(shape: number[], seed = 0): Tensor {
  const rng = new RandomGenerator(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return new Tensor(
    Float32Array.from({ length: n }, () => rng.normal()),
    shape,
  );
}

class Net extends Module {
  lstm = new LSTM(3, 5, { batchFirst: true });
  attn = new MultiheadAttention(5, 1, { batchFirst: true });
  norm = new BatchNorm1d(5);
  head = new Sequential(new Linear(5, 4), new ReLU(), new Linear(4, 2));
  override forward(x: Tensor): Tensor {
    const [h] = this.lstm.forward(x);
    const [a] = this.attn.forward(h, h, h);
    const last = F.slice(a, [null, -1]);
    return this.head.forward(this.norm.forward(last));
  }
}

describe('state dicts', () => {
  test('round trip through bytes and files gives identical tensors and outputs', async () => {
    manualSeed(1);
    const net = new Net();
    net.forward(randn([4, 6, 3])); // moves BatchNorm's running stats
    net.eval();
    const x = randn([2, 6, 3], 9);
    const before = net.forward(x);
    const bytes = serializeModule(net);
    const saved = deserializeModule(bytes);
    assert.equal(saved.kind, 'stateDict');
    if (saved.kind !== 'stateDict') return;
    assert.equal(saved.className, 'Net');
    assert.deepEqual(Object.keys(saved.stateDict), Object.keys(net.stateDict()));
    assert.equal(saved.stateDict['norm.num_batches_tracked'].dtype, net.norm.numBatchesTracked.dtype);
    manualSeed(2);
    const other = new Net().eval();
    assert.notDeepEqual(Array.from(other.forward(x).data), Array.from(before.data));
    loadStateDictBytes(other, bytes);
    assert.deepEqual(Array.from(other.forward(x).data), Array.from(before.data));
    const path = join(dir, 'net.tlnn');
    await save(net, path);
    const fromFile = await load(path);
    assert.equal(fromFile.kind, 'stateDict');
    assert.deepEqual(serializeModule(net), bytes, 'deterministic bytes');
  });

  test('float64 and GRU weights keep their dtype; a wrong architecture is refused by loadStateDict', () => {
    const g = new GRU(2, 3, { dtype: 'float64', numLayers: 2 });
    const saved = deserializeModule(serializeModule(g));
    if (saved.kind !== 'stateDict') throw new Error('kind');
    assert.equal(saved.stateDict.weight_hh_l1.dtype, 'float64');
    assert.deepEqual(Array.from(saved.stateDict.weight_hh_l1.data), Array.from(g.layerWeights(1).weightHh.data));
    assert.throws(() => loadStateDictBytes(new GRU(2, 4), serializeModule(g)), /unexpected keys weight_ih_l1/);
  });
});

describe('Keras-style models', () => {
  test('architecture, weights and compile settings survive; predictions identical; training continues', async () => {
    manualSeed(3);
    const model = sequential([
      conv2d(4, 3, { activation: 'relu', inputShape: [8, 8, 1], padding: 'same' }),
      maxPooling2d(2),
      batchNormalization(),
      flatten(),
      dropout(0.25),
      dense(8, { activation: 'tanh' }),
      dense(3, { activation: 'softmax' }),
    ]);
    model.compile({
      optimizer: (p) => new RMSprop(p, { lr: 0.005, alpha: 0.9, momentum: 0.5 }),
      loss: 'sparseCategoricalCrossentropy',
      metrics: ['accuracy'],
    });
    const x = randn([12, 8, 8, 1], 4);
    const y = new Tensor(
      Int32Array.from({ length: 12 }, (_, i) => i % 3),
      [12],
    );
    await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0 });
    const path = join(dir, 'keras.tlnn');
    await save(model, path);
    const loaded = await load(path);
    assert.equal(loaded.kind, 'kerasSequential');
    if (loaded.kind !== 'kerasSequential') return;
    const m2 = loaded.model;
    assert.ok(m2 instanceof KerasSequential);
    assert.deepEqual(kerasLayerConfigs(m2), kerasLayerConfigs(model));
    assert.equal(m2.summary(), model.summary());
    assert.deepEqual(Array.from(m2.predict(x).data), Array.from(model.predict(x).data));
    assert.deepEqual(compileConfig(m2), compileConfig(model));
    assert.deepEqual(compileConfig(m2)?.optimizer, {
      className: 'RMSprop',
      options: { lr: 0.005, alpha: 0.9, eps: 1e-8, weightDecay: 0, momentum: 0.5, centered: false },
    });
    const h = await m2.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0 });
    assert.ok(Number.isFinite(h.history.loss[0]));
    assert.ok('accuracy' in h.history);
  });

  test('an uncompiled model saves its architecture and weights only', () => {
    const model = sequential([dense(4, { activation: 'relu', inputShape: [3] }), dense(1, { useBias: false })]);
    const saved = deserializeModule(serializeModule(model));
    if (saved.kind !== 'kerasSequential') throw new Error('kind');
    assert.equal(compileConfig(saved.model), null);
    const x = randn([5, 3]);
    assert.deepEqual(Array.from(saved.model.predict(x).data), Array.from(model.predict(x).data));
    assert.throws(() => loadStateDictBytes(new Linear(3, 4), serializeModule(model)), /not a state dict/);
  });
});

describe('bad files get typed errors', () => {
  const good = serializeModule(new Linear(3, 2));

  function expectReason(bytes: Uint8Array, reason: string, pattern?: RegExp): void {
    assert.throws(
      () => deserializeModule(bytes),
      (e: unknown) =>
        e instanceof ModelFormatError && e.reason === reason && (pattern === undefined || pattern.test(e.message)),
    );
  }

  test('truncated', () => {
    expectReason(good.subarray(0, good.length - 10), 'truncated');
    expectReason(good.subarray(0, 5), 'truncated');
  });

  test('corrupted (a flipped byte in the weights, trailing bytes)', () => {
    const flipped = good.slice();
    flipped[flipped.length - 12] ^= 0xff;
    expectReason(flipped, 'corrupted', /checksum/);
    const longer = new Uint8Array(good.length + 3);
    longer.set(good);
    expectReason(longer, 'corrupted');
  });

  test('foreign bytes and estimator files', async () => {
    expectReason(new TextEncoder().encode('{"not": "a model"}'), 'foreign', /JSON/);
    expectReason(Uint8Array.of(0x50, 0x4b, 3, 4, 0, 0, 0, 0, 0), 'foreign', /zip/);
    const est = await new DummyClassifier().fit([[0], [1]], [0, 1]);
    expectReason(serialize(est), 'foreign', /estimator file \(DummyClassifier\)/);
  });

  test('newer format version', () => {
    const v = good.slice();
    new DataView(v.buffer).setUint32(8, 99, true);
    expectReason(v, 'version');
  });

  test('missing file is Node’s own error', async () => {
    await assert.rejects(() => load(join(dir, 'nope.tlnn')), /ENOENT/);
  });
});
