/** Module, Parameter, layers' default init, state dicts, optimizers' bookkeeping, DataLoader. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  Adam,
  Conv2d,
  CrossEntropyLoss,
  clipGradNorm_,
  clipGradValue_,
  DataLoader,
  Dropout,
  ExponentialLR,
  F,
  Linear,
  Module,
  manualSeed,
  OneCycleLR,
  Parameter,
  ReduceLROnPlateau,
  ReLU,
  Sequential,
  SGD,
} from '../../src/nn/index.js';
import { ShapeError } from '../../src/tensor/errors.js';
import { Tensor } from '../../src/tensor/tensor.js';

class Net extends Module {
  fc1 = new Linear(4, 8);
  blocks = [new Linear(8, 8), new Linear(8, 8)];
  fc2 = new Linear(8, 3);
  override forward(x: Tensor): Tensor {
    let h = F.relu(this.fc1.forward(x));
    for (const b of this.blocks) h = F.relu(b.forward(h));
    return this.fc2.forward(h);
  }
}

function stats(t: Tensor): { min: number; max: number; std: number } {
  const d = Array.from(t.data);
  const mean = d.reduce((a, b) => a + b, 0) / d.length;
  return {
    min: Math.min(...d),
    max: Math.max(...d),
    std: Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / d.length),
  };
}

describe('Module', () => {
  test('finds parameters in fields and arrays, with dotted names', () => {
    const names = new Net().namedParameters().map(([n]) => n);
    assert.deepEqual(names, [
      'fc1.weight',
      'fc1.bias',
      'blocks.0.weight',
      'blocks.0.bias',
      'blocks.1.weight',
      'blocks.1.bias',
      'fc2.weight',
      'fc2.bias',
    ]);
  });

  test('Sequential names children 0, 1, ... like PyTorch', () => {
    const m = new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 3));
    assert.deepEqual(Object.keys(m.stateDict()), ['0.weight', '0.bias', '2.weight', '2.bias']);
  });

  test('stateDict round-trips into a fresh module; strict keys and shapes', () => {
    manualSeed(1);
    const a = new Net();
    manualSeed(2);
    const b = new Net();
    const x = Tensor.from([[1, 2, 3, 4]], 'float32');
    assert.notDeepEqual(a.forward(x).toArray(), b.forward(x).toArray());
    b.loadStateDict(a.stateDict());
    assert.deepEqual(a.forward(x).toArray(), b.forward(x).toArray());
    assert.throws(() => b.loadStateDict({}), /missing keys/);
    const bad = { ...a.stateDict(), 'fc1.weight': new Tensor(new Float32Array(2)) };
    assert.throws(() => b.loadStateDict(bad), ShapeError);
  });

  test('train/eval propagate; zeroGrad clears; to() converts', () => {
    const m = new Sequential(new Linear(2, 2), new Dropout(0.5));
    m.eval();
    assert.equal(m.layers[1].training, false);
    F.sum(m.forward(Tensor.from([[1, 2]], 'float32'))).backward();
    assert.ok(m.parameters()[0].grad);
    m.zeroGrad();
    assert.equal(m.parameters()[0].grad, null);
    m.to('float64');
    assert.equal(m.parameters()[0].dtype, 'float64');
    assert.ok(m.parameters()[0] instanceof Parameter);
  });

  test('Linear and Conv2d init follow PyTorch bounds (kaiming_uniform a=sqrt(5))', () => {
    manualSeed(0);
    const lin = new Linear(400, 300);
    const s = stats(lin.weight);
    assert.ok(s.min >= -0.05 && s.max <= 0.05 && s.max > 0.049);
    assert.ok(Math.abs(s.std - 0.05 / Math.sqrt(3)) < 0.001);
    const conv = new Conv2d(8, 64, 5, { groups: 2 });
    const c = stats(conv.weight);
    assert.ok(c.min >= -0.1 && c.max <= 0.1 && c.max > 0.099);
    const b = stats(conv.bias as Tensor);
    assert.ok(b.min >= -0.1 && b.max <= 0.1);
  });

  test('shape mismatches name both shapes and the layer', () => {
    assert.throws(
      () => new Linear(4, 2).forward(Tensor.from([[1, 2, 3]], 'float32')),
      /Linear: input of shape \[1, 3\].*weight of shape \[2, 4\]/,
    );
    assert.throws(
      () => new Conv2d(3, 4, 3).forward(new Tensor(new Float32Array(2 * 5 * 5), [1, 2, 5, 5])),
      /Conv2d: input of shape \[1, 2, 5, 5\].*\[4, 3, 3, 3\]/,
    );
  });

  test('labels out of range are rejected by the loss', () => {
    const logits = new Tensor(new Float32Array(6), [2, 3]);
    assert.throws(
      () => new CrossEntropyLoss().forward(logits, new Tensor(Int32Array.from([0, 3]))),
      /target 3 is out of range for 3 classes/,
    );
  });

  test('dropout is seeded, scales survivors and is the identity in eval', () => {
    const x = new Tensor(new Float32Array(1000).fill(1));
    manualSeed(5);
    const a = F.dropout(x, 0.3);
    manualSeed(5);
    const b = F.dropout(x, 0.3);
    assert.deepEqual(a.data, b.data);
    const kept = Array.from(a.data).filter((v) => v !== 0);
    assert.ok(Math.abs(kept[0] - 1 / 0.7) < 1e-6);
    assert.ok(Math.abs(kept.length / 1000 - 0.7) < 0.05);
    assert.equal(F.dropout(x, 0.3, { training: false }), x);
  });
});

describe('optimizer utilities', () => {
  test('clipGradNorm_ scales to the max norm and returns the original norm', () => {
    const p = new Parameter(new Float64Array([0, 0]), [2]);
    p.grad = Tensor.from([3, 4]);
    assert.equal(clipGradNorm_([p], 1), 5);
    assert.ok(Math.abs(Math.hypot(p.grad.data[0], p.grad.data[1]) - 1) < 1e-6);
    clipGradValue_([p], 0.1);
    assert.deepEqual(Array.from(p.grad.data), [0.1, 0.1]);
  });

  test('ExponentialLR, ReduceLROnPlateau and OneCycleLR follow their schedules', () => {
    const p = new Parameter(new Float64Array(1), [1]);
    const opt = new SGD([p], { lr: 1 });
    const exp = new ExponentialLR(opt, { gamma: 0.5 });
    exp.step();
    exp.step();
    assert.equal(opt.paramGroups[0].lr, 0.25);
    const opt2 = new SGD([p], { lr: 1 });
    const plateau = new ReduceLROnPlateau(opt2, { patience: 1, factor: 0.5 });
    for (const v of [1, 1, 1]) plateau.step(v);
    assert.equal(opt2.paramGroups[0].lr, 0.5);
    const opt3 = new Adam([p], { lr: 1 });
    const one = new OneCycleLR(opt3, { maxLr: 1, totalSteps: 10 });
    assert.ok(Math.abs(opt3.paramGroups[0].lr - 0.04) < 1e-12);
    for (let i = 0; i < 2; i++) one.step();
    assert.ok(Math.abs(opt3.paramGroups[0].lr - 1) < 1e-12);
    for (let i = 0; i < 7; i++) one.step();
    assert.ok(Math.abs(opt3.paramGroups[0].lr - 0.04 / 1e4) < 1e-12);
  });

  test('param groups keep their own lr', () => {
    const a = new Parameter(new Float64Array([1]), [1]);
    const b = new Parameter(new Float64Array([1]), [1]);
    const opt = new SGD([{ params: [a] }, { params: [b], lr: 0.5 }], { lr: 0.1 });
    a.grad = Tensor.from([1]);
    b.grad = Tensor.from([1]);
    opt.step();
    assert.ok(Math.abs(a.data[0] - 0.9) < 1e-12);
    assert.ok(Math.abs(b.data[0] - 0.5) < 1e-12);
  });
});

describe('DataLoader', () => {
  const X = new Tensor(
    Float32Array.from({ length: 20 }, (_, i) => i),
    [10, 2],
  );
  const y = new Tensor(Int32Array.from({ length: 10 }, (_, i) => i));
  test('batches in order, with a short last batch unless dropLast', () => {
    const sizes = [...new DataLoader([X, y], { batchSize: 4 })].map(([xb]) => xb.shape[0]);
    assert.deepEqual(sizes, [4, 4, 2]);
    assert.equal([...new DataLoader([X, y], { batchSize: 4, dropLast: true })].length, 2);
  });
  test('seeded shuffling covers every row once and keeps x and y aligned', () => {
    const seen: number[] = [];
    for (const [xb, yb] of new DataLoader([X, y], { batchSize: 3, shuffle: true, generator: 7 })) {
      for (let i = 0; i < yb.size; i++) {
        assert.equal(xb.data[2 * i], 2 * yb.data[i]);
        seen.push(yb.data[i]);
      }
    }
    assert.deepEqual(
      [...seen].sort((a, b) => a - b),
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
    assert.notDeepEqual(seen, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
  test('mismatched first dims name the shapes', () => {
    assert.throws(() => new DataLoader([X, new Tensor(new Int32Array(3))]), /\[10, 2\] and \[3\]/);
  });
});
