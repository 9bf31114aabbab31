import { after, describe, test } from 'node:test';
import { type BackendName, setBackend } from '../../../src/tensor/kernels/registry.js';
import { checkGemmOnViews as check } from './oracle.js';

type Ctor = Float32ArrayConstructor | Float64ArrayConstructor;
after(() => setBackend('auto'));

const CTORS: Ctor[] = [Float32Array, Float64Array];
const BACKENDS: BackendName[] = ['js', 'wasm'];
const TRANS: Array<[boolean, boolean]> = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
];

describe('gemm: direct (unpacked) path for transposed A with small m, n', () => {
  for (const Ctor of CTORS) {
    test(`${Ctor.name}: X^T X shapes, odd sizes, several k blocks, strided views, beta`, () => {
      for (const [m, n, k] of [
        [20, 20, 5000],
        [7, 3, 3001],
        [10, 10, 2000],
        [1 + 128, 5, 300], // just past the direct limit: packed path
        [128, 128, 70],
        [5, 9, 1],
      ]) {
        for (const [alpha, beta, pad, offset] of [
          [1, 0, 0, 0],
          [-0.5, 1, 3, 2],
          [2, 0.25, 1, 1],
        ])
          check('wasm', Ctor, true, false, m, n, k, alpha, beta, pad, offset);
      }
    });
    test(`${Ctor.name}: k = 0 and alpha = 0 only scale C`, () => {
      check('wasm', Ctor, true, false, 6, 5, 0, 1, 2, 1, 1);
      check('wasm', Ctor, true, false, 6, 5, 40, 0, -1, 1, 0);
    });
  }
});

describe('gemm: direct paths for wide products (conv W @ im2col, layer weight gradients)', () => {
  for (const Ctor of CTORS) {
    test(`${Ctor.name}: shallow N,N products with many columns (k <= 32, n >= 8 m)`, () => {
      for (const [m, n, k] of [
        [32, 2704, 9],
        [5, 333, 1],
        [7, 91, 32],
        [33, 300, 17],
        [256, 2048, 3],
      ]) {
        for (const [alpha, beta, pad, offset] of [
          [1, 0, 0, 0],
          [-0.5, 1, 3, 2],
        ])
          check('wasm', Ctor, false, false, m, n, k, alpha, beta, pad, offset);
      }
    });
    test(`${Ctor.name}: transposed A with few rows and many columns (G^T X)`, () => {
      for (const [m, n, k] of [
        [64, 784, 128],
        [13, 1001, 77],
        [128, 300, 5],
      ]) {
        for (const [alpha, beta, pad, offset] of [
          [1, 0, 0, 0],
          [2, 0.25, 1, 1],
        ])
          check('wasm', Ctor, true, false, m, n, k, alpha, beta, pad, offset);
      }
    });
  }
});

describe('gemm: matrix-vector path (n = 1)', () => {
  for (const backend of BACKENDS) {
    for (const Ctor of CTORS) {
      test(`${backend} ${Ctor.name}: every transpose combination, odd sizes, views, beta, k = 0`, () => {
        for (const [ta, tb] of TRANS) {
          for (const [m, k] of [
            [1, 1],
            [37, 1001],
            [1000, 13],
            [3, 2],
          ]) {
            check(backend, Ctor, ta, tb, m, 1, k, 1, 0, 0, 0);
            check(backend, Ctor, ta, tb, m, 1, k, -2, 0.5, 3, 2);
            check(backend, Ctor, ta, tb, m, 1, k, 1.5, 1, 1, 1);
          }
          check(backend, Ctor, ta, tb, 9, 1, 0, 1, 3, 2, 1);
          check(backend, Ctor, ta, tb, 9, 1, 0, 1, 0, 0, 0);
        }
      });
    }
  }
});
