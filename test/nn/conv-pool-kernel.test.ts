/**
 * The WASM kernels of the fused conv -> relu -> max-pool block (2x2 / stride 2 pooling,
 * float32) against the unfused ops (values: same bits; gradients: float64 reference) and
 * against the same op on the JS loops (js backend).
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Pair } from '../../src/nn/functional/conv.js';
import { buildConvPoolModule, convPoolKernels } from '../../src/nn/functional/conv-pool-kernel.js';
import { F } from '../../src/nn/index.js';
import { setBackend } from '../../src/tensor/kernels/registry.js';
import { RandomGenerator } from '../../src/tensor/random.js';
import { Tensor } from '../../src/tensor/tensor.js';

after(() => setBackend('auto'));

function rand(rng: RandomGenerator, shape: number[]): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = rng.normal();
  return new Tensor(data, shape);
}

function gradOf(t: Tensor): Tensor {
  const g = t.grad;
  assert.ok(g !== null, 'missing gradient');
  return g;
}

function closeTo(actual: Tensor, expected: Tensor, tol: number, what: string): void {
  assert.deepEqual(actual.shape, expected.shape, `${what} shape`);
  for (let i = 0; i < actual.size; i++) {
    const a = actual.data[i];
    const e = expected.data[i];
    assert.ok(Math.abs(a - e) <= tol * (1 + Math.abs(e)), `${what}[${i}]: ${a} vs ${e}`);
  }
}

interface Case {
  name: string;
  x: number[];
  w: number[];
  conv: { stride?: Pair; dilation?: Pair; padding?: Pair };
  /** Gradient tolerance against float64 (sums within a plane are float32). Default 1e-5. */
  tol?: number;
}

// All pool 2x2 / stride 2 with at least 4 pooled columns: the shapes the kernels take.
const cases: Case[] = [
  {
    // 300 images: each weight gradient sums ~25k products; the unfused float32 ops are off
    // by ~1.5e-4 here, the kernel (float32 within a plane, float64 across) by ~5e-5.
    name: 'Keras block, several chunks and a short last one',
    x: [300, 1, 28, 28],
    w: [32, 1, 3, 3],
    conv: {},
    tol: 1e-4,
  },
  { name: 'channels not a multiple of 4, odd conv output', x: [7, 3, 13, 12], w: [5, 3, 3, 3], conv: {} },
  {
    name: 'conv stride and row dilation',
    x: [4, 2, 21, 19],
    w: [6, 2, 3, 2],
    conv: { stride: [2, 1], dilation: [2, 1] },
  },
  { name: 'wide kernel (4 taps) and column stride', x: [3, 2, 14, 30], w: [4, 2, 2, 4], conv: { stride: [1, 2] } },
  { name: 'padding (forward kernel, JS backward)', x: [3, 2, 10, 10], w: [4, 2, 3, 3], conv: { padding: 1 } },
];

describe('conv-pool WASM kernels', () => {
  test('the module stays under the 4 KiB synchronous-compile limit and compiles', () => {
    assert.ok(buildConvPoolModule().length < 4096);
    assert.notEqual(convPoolKernels(), null);
  });

  for (const c of cases) {
    test(`${c.name}: same values as the unfused ops and the JS loops, gradients close`, () => {
      const rng = new RandomGenerator(11);
      const x = rand(rng, c.x);
      const w = rand(rng, c.w).requiresGrad_();
      const b = rand(rng, [c.w[0]]).requiresGrad_();
      const ref = F.maxPool2d(F.relu(F.conv2d(x, w, b, c.conv)), 2);
      const fused = F.conv2dReluMaxPool2d(x, w, b, c.conv, 2);
      assert.deepEqual(Array.from(fused.data), Array.from(ref.data));
      const g = rand(rng, [...ref.shape]);
      // Gradient reference: the unfused ops in float64 (a float32 GEMM over 200k terms is
      // itself off by ~1e-4, more than the fused kernels).
      const w64 = new Tensor(Float64Array.from(w.data), w.shape).requiresGrad_();
      const b64 = new Tensor(Float64Array.from(b.data), b.shape).requiresGrad_();
      const x64 = new Tensor(Float64Array.from(x.data), x.shape);
      const ref64 = F.maxPool2d(F.relu(F.conv2d(x64, w64, b64, c.conv)), 2);
      F.sum(F.mul(ref64, new Tensor(Float64Array.from(g.data), g.shape))).backward();
      const refW = gradOf(w64);
      const refB = gradOf(b64);
      F.sum(F.mul(fused, g)).backward();
      const wasmW = gradOf(w);
      const wasmB = gradOf(b);
      closeTo(wasmW, refW, c.tol ?? 1e-5, 'weight grad vs unfused float64');
      closeTo(wasmB, refB, c.tol ?? 1e-5, 'bias grad vs unfused float64');
      // The same op on the JS loops (pool loop and float64 gather).
      w.grad = null;
      b.grad = null;
      setBackend('js');
      try {
        const js = F.conv2dReluMaxPool2d(x, w, b, c.conv, 2);
        // The js backend's GEMM sums in another order: close, not the same bits.
        closeTo(js, fused, 1e-5, 'values vs JS');
        F.sum(F.mul(js, g)).backward();
      } finally {
        setBackend('auto');
      }
      closeTo(wasmW, gradOf(w), c.tol ?? 1e-5, 'weight grad vs JS');
      closeTo(wasmB, gradOf(b), c.tol ?? 1e-5, 'bias grad vs JS');
    });
  }

  test('NaN, ties and non-positive windows: values and routed gradient as unfused', () => {
    const rng = new RandomGenerator(5);
    const x = rand(rng, [3, 1, 12, 12]);
    x.data[20] = Number.NaN;
    x.data[200] = Number.NaN;
    // Half the filters zero: every window of those channels ties at relu(bias).
    const w = rand(rng, [8, 1, 3, 3]);
    for (let i = 0; i < 4 * 9; i++) w.data[i] = 0;
    w.requiresGrad_();
    const b = new Tensor(new Float32Array([0.5, -0.5, 0, 0.25, 0.1, -0.1, 0, 0.3]), [8]).requiresGrad_();
    const ref = F.maxPool2d(F.relu(F.conv2d(x, w, b)), 2);
    const fused = F.conv2dReluMaxPool2d(x, w, b, {}, 2);
    assert.deepEqual(Array.from(fused.data), Array.from(ref.data));
    assert.ok(Array.from(fused.data).some(Number.isNaN));
    F.sum(ref).backward();
    const refB = Array.from(gradOf(b).data);
    b.grad = null;
    F.sum(fused).backward();
    assert.deepEqual(Array.from(gradOf(b).data), refB);
  });
});
