/** The float32 Adam update: WASM kernel, JS loop and a naive float32 reference agree bit for bit. */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Adam } from '../../src/nn/index.js';
import { adamStepWasm, buildAdamModule } from '../../src/nn/optim/adam-kernel.js';
import { setBackend } from '../../src/tensor/kernels/registry.js';
import { RandomGenerator } from '../../src/tensor/random.js';
import { Tensor } from '../../src/tensor/tensor.js';

after(() => setBackend('auto'));

function randF32(rng: RandomGenerator, n: number, scale: number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.normal() * scale;
  return a;
}

/** Adam in float32 arithmetic, one rounding per operation (PyTorch's float32 order). */
function reference(
  w: Float32Array,
  grads: Float32Array[],
  lr: number,
  b1: number,
  b2: number,
  eps: number,
): Float32Array {
  const f = Math.fround;
  const out = Float32Array.from(w);
  const m = new Float32Array(w.length);
  const v = new Float32Array(w.length);
  grads.forEach((g, s) => {
    const t = s + 1;
    const ss = f(lr / (1 - b1 ** t));
    const bc = f(Math.sqrt(1 - b2 ** t));
    for (let i = 0; i < w.length; i++) {
      m[i] = f(f(f(b1) * m[i]) + f(f(1 - b1) * g[i]));
      v[i] = f(f(f(b2) * v[i]) + f(f(f(1 - b2) * g[i]) * g[i]));
      const den = f(f(f(Math.sqrt(v[i])) / bc) + f(eps));
      out[i] = f(out[i] - f(f(ss * m[i]) / den));
    }
  });
  return out;
}

function runAdam(w0: Float32Array, grads: Float32Array[], backend: 'auto' | 'js'): Float32Array {
  const p = new Tensor(Float32Array.from(w0), [w0.length]).requiresGrad_();
  const opt = new Adam([p], { lr: 0.01 });
  setBackend(backend);
  try {
    for (const g of grads) {
      p.grad = new Tensor(g, [g.length]);
      opt.step();
    }
  } finally {
    setBackend('auto');
  }
  return p.data as Float32Array;
}

describe('float32 Adam kernel', () => {
  test('the module stays under 4 KiB', () => {
    assert.ok(buildAdamModule().length < 4096);
  });

  for (const n of [1024, 4099, 9000]) {
    test(`n = ${n} (blocks and a JS tail): WASM = JS loop = float32 reference, bit for bit`, () => {
      const rng = new RandomGenerator(n);
      const w0 = randF32(rng, n, 1);
      // Gradients over many magnitudes, zeros included.
      const grads = [1, 1e-3, 1e2, 0].map((s) => randF32(rng, n, s));
      const wasm = runAdam(w0, grads, 'auto');
      const js = runAdam(w0, grads, 'js');
      const want = reference(w0, grads, 0.01, 0.9, 0.999, 1e-8);
      assert.deepEqual(Array.from(wasm), Array.from(want));
      assert.deepEqual(Array.from(js), Array.from(want));
    });
  }

  test('adamStepWasm leaves the tail past the last multiple of 4 untouched', () => {
    const w = new Float32Array([1, 2, 3, 4, 5, 6]);
    const g = new Float32Array([1, 1, 1, 1, 1, 1]);
    const m = new Float32Array(6);
    const v = new Float32Array(6);
    const done = adamStepWasm(w, g, m, v, 0.9, 0.999, 0.1, 0.001, 0.01, 0.03, 1e-8);
    assert.equal(done, 4);
    assert.deepEqual(Array.from(w.subarray(4)), [5, 6]);
    assert.ok(w[0] < 1 && m[0] > 0 && v[0] > 0);
  });
});
