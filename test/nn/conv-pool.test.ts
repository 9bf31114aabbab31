/** The fused conv -> relu -> max-pool block against the three ops run separately. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pair } from '../../src/nn/functional/conv.js';
import { Conv2d, F, MaxPool2d, ReLU, Sequential } from '../../src/nn/index.js';
import { RandomGenerator } from '../../src/tensor/random.js';
import { Tensor } from '../../src/tensor/tensor.js';

type Dt = 'float32' | 'float64';

function rand(rng: RandomGenerator, shape: number[], dtype: Dt): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = rng.normal();
  return new Tensor(data, shape);
}

interface Case {
  name: string;
  x: number[];
  w: number[];
  bias: boolean;
  conv: { stride?: Pair; padding?: Pair; dilation?: Pair };
  pool: Pair;
  poolStride?: Pair;
}

const cases: Case[] = [
  {
    name: 'Keras CNN block (1 channel, 3x3, pool 2)',
    x: [5, 1, 12, 12],
    w: [6, 1, 3, 3],
    bias: true,
    conv: {},
    pool: 2,
  },
  { name: 'several channels, no bias', x: [3, 3, 9, 8], w: [4, 3, 2, 3], bias: false, conv: {}, pool: 2 },
  {
    name: 'stride, padding, dilation, odd pool',
    x: [2, 2, 11, 10],
    w: [3, 2, 3, 3],
    bias: true,
    conv: { stride: [2, 1], padding: 1, dilation: [1, 2] },
    pool: [3, 2],
    poolStride: [1, 2],
  },
  {
    name: 'overlapping pool windows',
    x: [2, 1, 7, 7],
    w: [2, 1, 2, 2],
    bias: true,
    conv: { padding: 1 },
    pool: 3,
    poolStride: 1,
  },
];

/** The gradient of `t`, which must exist (read through a function: narrowing after `t.grad = null` is stale). */
function gradOf(t: Tensor): Tensor {
  const g = t.grad;
  assert.ok(g !== null, 'missing gradient');
  return g;
}

function closeTo(actual: Tensor, expected: Tensor, tol: number, what: string): void {
  assert.deepEqual(actual.shape, expected.shape, `${what} shape`);
  const a = actual.data;
  const e = expected.data;
  for (let i = 0; i < a.length; i++) {
    assert.ok(Math.abs(a[i] - e[i]) <= tol * (1 + Math.abs(e[i])), `${what}[${i}]: ${a[i]} vs ${e[i]}`);
  }
}

describe('conv2dReluMaxPool2d', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    for (const c of cases) {
      test(`${c.name} (${dtype}): same values and gradients as the unfused ops`, () => {
        const rng = new RandomGenerator(7);
        const x = rand(rng, c.x, dtype);
        const w = rand(rng, c.w, dtype).requiresGrad_();
        const b = c.bias ? rand(rng, [c.w[0]], dtype).requiresGrad_() : null;
        const poolOpts = c.poolStride === undefined ? {} : { stride: c.poolStride };
        const ref = F.maxPool2d(F.relu(F.conv2d(x, w, b, c.conv)), c.pool, poolOpts);
        const fused = F.conv2dReluMaxPool2d(x, w, b, c.conv, c.pool, poolOpts);
        // Forward: bit-identical.
        assert.deepEqual(Array.from(fused.data), Array.from(ref.data));
        const g = rand(rng, [...ref.shape], dtype);
        F.sum(F.mul(ref, g)).backward();
        const refW = gradOf(w);
        const refB = b?.grad ?? null;
        w.grad = null;
        if (b !== null) b.grad = null;
        F.sum(F.mul(fused, g)).backward();
        const tol = dtype === 'float32' ? 1e-5 : 1e-12;
        closeTo(gradOf(w), refW, tol, 'weight grad');
        if (b !== null && refB !== null) closeTo(gradOf(b), refB, tol, 'bias grad');
      });
    }
  }

  test('an input that requires grad gets its gradient (unfused fallback)', () => {
    const rng = new RandomGenerator(1);
    const x = rand(rng, [2, 1, 6, 6], 'float64').requiresGrad_();
    const w = rand(rng, [2, 1, 3, 3], 'float64').requiresGrad_();
    F.sum(F.conv2dReluMaxPool2d(x, w, null, {}, 2)).backward();
    const gx = gradOf(x);
    x.grad = null;
    F.sum(F.maxPool2d(F.relu(F.conv2d(x, w, null)), 2)).backward();
    closeTo(gx, gradOf(x), 0, 'input grad');
  });

  test('ties and non-positive windows route gradient like relu then max-pool', () => {
    // Conv of an all-zero image with zero weights: every window ties at relu(b).
    const x = new Tensor(new Float64Array(2 * 1 * 5 * 5), [2, 1, 5, 5]);
    for (const bv of [0.5, -0.5, 0]) {
      const w = new Tensor(new Float64Array(3 * 1 * 2 * 2), [3, 1, 2, 2]).requiresGrad_();
      const b = new Tensor(new Float64Array([bv, bv, bv]), [3]).requiresGrad_();
      F.sum(F.maxPool2d(F.relu(F.conv2d(x, w, b)), 2)).backward();
      const refB = Array.from(gradOf(b).data);
      b.grad = null;
      const out = F.conv2dReluMaxPool2d(x, w, b, {}, 2);
      assert.deepEqual(Array.from(out.data), new Array(out.size).fill(Math.max(bv, 0)));
      F.sum(out).backward();
      assert.deepEqual(Array.from(gradOf(b).data), refB);
    }
  });

  test('NaN in the input propagates to the pooled output as in the unfused ops', () => {
    const rng = new RandomGenerator(2);
    const x = rand(rng, [1, 1, 6, 6], 'float32');
    x.data[7] = Number.NaN;
    const w = rand(rng, [2, 1, 3, 3], 'float32');
    const ref = F.maxPool2d(F.relu(F.conv2d(x, w, null)), 2);
    const fused = F.conv2dReluMaxPool2d(x, w, null, {}, 2);
    assert.deepEqual(Array.from(fused.data), Array.from(ref.data));
    assert.ok(Number.isNaN(fused.data[0]));
  });

  test('Sequential fuses Conv2d -> ReLU -> MaxPool2d with unchanged outputs and gradients', () => {
    const rng = new RandomGenerator(3);
    const conv = new Conv2d(2, 4, 3, { padding: 1 });
    const net = new Sequential(conv, new ReLU(), new MaxPool2d(2));
    const x = rand(rng, [3, 2, 8, 8], 'float32');
    const fused = net.forward(x);
    const ref = new MaxPool2d(2).forward(new ReLU().forward(conv.forward(x)));
    assert.deepEqual(Array.from(fused.data), Array.from(ref.data));
    F.sum(ref).backward();
    const refW = gradOf(conv.weight);
    conv.zeroGrad();
    F.sum(fused).backward();
    closeTo(gradOf(conv.weight), refW, 1e-5, 'weight grad');
  });
});
