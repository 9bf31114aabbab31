import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ValidationError } from '../../src/base/errors.js';
import {
  cosineDistances,
  cosineSimilarity,
  euclideanDistances,
  linearKernel,
  pairwiseDistances,
  pairwiseDistancesChunked,
  polynomialKernel,
  rbfKernel,
  sigmoidKernel,
} from '../../src/metrics/index.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { assertClose } from '../helpers/fixtures.js';

const X = [
  [0, 0],
  [3, 4],
  [1, 1],
];
const Y = [
  [1, 0],
  [0, 2],
];

describe('pairwise distances', () => {
  test('every metric on a small example', () => {
    assertClose(pairwiseDistances(X, Y).toArray() as number[][], [
      [1, 2],
      [Math.sqrt(20), Math.sqrt(13)],
      [1, Math.SQRT2],
    ]);
    assertClose(pairwiseDistances(X, Y, { metric: 'sqeuclidean' }).toArray() as number[][], [
      [1, 4],
      [20, 13],
      [1, 2],
    ]);
    assert.deepEqual(pairwiseDistances(X, Y, { metric: 'manhattan' }).toArray(), [
      [1, 2],
      [6, 5],
      [1, 2],
    ]);
    assert.deepEqual(pairwiseDistances(X, Y, { metric: 'chebyshev' }).toArray(), [
      [1, 2],
      [4, 3],
      [1, 1],
    ]);
    assertClose(pairwiseDistances(X, Y, { metric: 'minkowski', p: 3 }).toArray() as number[][], [
      [1, 2],
      [(8 + 64) ** (1 / 3), (27 + 8) ** (1 / 3)],
      [1, 2 ** (1 / 3)],
    ]);
    assertClose(
      cosineDistances(
        [[1, 0]],
        [
          [0, 1],
          [1, 1],
        ],
      ).toArray() as number[][],
      [[1, 1 - Math.SQRT1_2]],
    );
  });

  test('Y omitted: symmetric with exact zeros on the diagonal (euclidean and cosine)', () => {
    const Z = Array.from({ length: 30 }, (_, i) => [1e3 + Math.sin(i), 1e3 + Math.cos(i), i / 7]);
    for (const metric of ['euclidean', 'cosine'] as const) {
      const D = pairwiseDistances(Z, undefined, { metric });
      for (let i = 0; i < 30; i++) assert.equal(D.data[i * 30 + i], 0, `${metric} diagonal ${i}`);
    }
    const sq = euclideanDistances(Z, undefined, { squared: true });
    for (let i = 0; i < sq.data.length; i++) assert.ok(sq.data[i] >= 0);
  });

  test('blocking does not change the result; the chunked stream covers every row once', () => {
    const Z = Tensor.from(Array.from({ length: 40 }, (_, i) => [i % 5, Math.sqrt(i), -i]));
    const full = pairwiseDistances(Z);
    assert.deepEqual(pairwiseDistances(Z, undefined, { workingMemory: 1e-4 }).data, full.data);
    const starts: number[] = [];
    for (const c of pairwiseDistancesChunked(Z, undefined, { workingMemory: 1e-3, metric: 'euclidean' })) {
      starts.push(c.start);
      assert.deepEqual(Array.from(c.data), Array.from(full.data.subarray(c.start * 40, (c.start + c.rows) * 40)));
    }
    assert.ok(starts.length > 1);
  });

  test('bad input is a ValidationError', () => {
    assert.throws(() => pairwiseDistances([[1, 2]], [[1, 2, 3]]), /X has 2 features while Y has 3/);
    assert.throws(() => pairwiseDistances([1, 2, 3] as never), /2-D/);
    assert.throws(
      () => pairwiseDistances([[1, Number.NaN]]),
      (e: Error) => e instanceof ValidationError && /NaN at row 0, column 1/.test(e.message),
    );
    assert.throws(() => pairwiseDistances(X, Y, { metric: 'hamming' as never }), /Unknown metric 'hamming'/);
  });
});

describe('kernels', () => {
  test('linear, polynomial, sigmoid, rbf, cosine similarity', () => {
    assert.deepEqual(linearKernel([[1, 2]], [[3, 4]]).toArray(), [[11]]);
    assert.deepEqual(polynomialKernel([[1, 2]], [[3, 4]], { degree: 2, gamma: 1, coef0: 0 }).toArray(), [[121]]);
    assertClose(polynomialKernel([[1, 2]], [[3, 4]]).toArray() as number[][], [[(5.5 + 1) ** 3]]);
    assertClose(sigmoidKernel([[1, 0]], [[1, 0]], { gamma: 1, coef0: 0 }).toArray() as number[][], [[Math.tanh(1)]]);
    assertClose(rbfKernel([[0, 0]], [[1, 1]], { gamma: 0.5 }).toArray() as number[][], [[Math.exp(-1)]]);
    assertClose(rbfKernel([[0, 0]], [[1, 1]]).toArray() as number[][], [[Math.exp(-1)]]);
    assertClose(
      cosineSimilarity(
        [
          [1, 0],
          [0, 0],
        ],
        [[1, 1]],
      ).toArray() as number[][],
      [[Math.SQRT1_2], [0]],
    );
  });
  test('rbf of X with itself has ones on the diagonal', () => {
    const K = rbfKernel(X);
    for (let i = 0; i < 3; i++) assert.equal(K.data[i * 3 + i], 1);
  });
});
