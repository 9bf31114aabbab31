/**
 * The unpacked WASM GEMM paths for layer-sized products: `A @ B^T` with B transposed in
 * WASM (a layer's forward), `A @ B` with moderate k (its input gradient) and the deeper k
 * blocks of `A^T @ B` for wide B (its weight gradient), against the naive oracle, with
 * strided views, odd sizes, several k blocks and every beta case.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { setBackend } from '../../../src/tensor/kernels/registry.js';
import { buildGemmModule, F32_SHAPE, F64_SHAPE } from '../../../src/tensor/kernels/wasm/gemm-module.js';
import { checkGemmOnViews } from './oracle.js';

type Ctor = Float32ArrayConstructor | Float64ArrayConstructor;
after(() => setBackend('auto'));

/** The unpacked paths run on the WASM backend, with alpha -0.75 and views 3 elements into their buffers. */
function check(Ctor: Ctor, ta: boolean, tb: boolean, m: number, n: number, k: number, beta: number, pad: number): void {
  checkGemmOnViews('wasm', Ctor, ta, tb, m, n, k, -0.75, beta, pad, 3);
}

const CTORS: Ctor[] = [Float32Array, Float64Array];

describe('gemm: unpacked WASM paths for layer shapes', () => {
  test('the GEMM modules (with the transpose export) stay under 4 KiB', () => {
    assert.ok(buildGemmModule(F32_SHAPE).length < 4096);
    assert.ok(buildGemmModule(F64_SHAPE).length < 4096);
  });

  for (const Ctor of CTORS) {
    test(`${Ctor.name}: A @ B^T with B transposed in WASM (forward X W^T)`, () => {
      for (const [m, n, k] of [
        [128, 64, 600],
        [5, 9, 16],
        [37, 100, 300],
        [256, 1024, 20],
        [130, 10, 785],
      ]) {
        for (const beta of [0, 1, 0.5]) check(Ctor, false, true, m, n, k, beta, beta === 1 ? 3 : 0);
      }
    });

    test(`${Ctor.name}: A @ B with moderate k and n >= 2m (input gradient G W)`, () => {
      for (const [m, n, k] of [
        [128, 784, 64],
        [100, 250, 200],
        [16, 2000, 150],
        [7, 15, 256],
      ]) {
        for (const beta of [0, 1, 0.5]) check(Ctor, false, false, m, n, k, beta, beta === 0.5 ? 2 : 0);
      }
    });

    test(`${Ctor.name}: A^T @ B for wide B in deep k blocks (weight gradient G^T X)`, () => {
      for (const [m, n, k] of [
        [64, 700, 300],
        [10, 5408, 40],
        [33, 300, 129],
      ]) {
        for (const beta of [0, 1]) check(Ctor, true, false, m, n, k, beta, beta === 1 ? 1 : 0);
      }
    });
  }
});
