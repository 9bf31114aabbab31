import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ShapeError, SparseMatrix, Tensor } from '../../src/tensor/index.js';

/** Dense reference matrices as nested arrays, mostly zeros. */
function denseArb(maxRows = 6, maxCols = 6): fc.Arbitrary<number[][]> {
  return fc
    .tuple(fc.integer({ min: 0, max: maxRows }), fc.integer({ min: 0, max: maxCols }))
    .chain(([r, c]) =>
      fc.array(
        fc.array(
          fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -9, max: 9 }) }),
          { minLength: c, maxLength: c },
        ),
        { minLength: r, maxLength: r },
      ),
    );
}

function shapeOf(a: number[][], cols?: number): [number, number] {
  return [a.length, a.length === 0 ? (cols ?? 0) : a[0].length];
}

function denseMatmul(a: number[][], b: number[][], inner: number, m: number): number[][] {
  return a.map((row) =>
    Array.from({ length: m }, (_, j) => {
      let s = 0;
      for (let k = 0; k < inner; k++) s += row[k] * b[k][j];
      return s;
    }),
  );
}

function toNested(t: Tensor): number[][] {
  return t.toArray() as number[][];
}

describe('SparseMatrix construction', () => {
  test('the constructor wraps CSR arrays and reports nnz and shape', () => {
    const A = new SparseMatrix([1, 2, 3], [0, 2, 2], [0, 2, 2, 3], [3, 3]);
    assert.equal(A.nnz, 3);
    assert.deepEqual(A.shape, [3, 3]);
    assert.ok(A.data instanceof Float64Array && A.indices instanceof Int32Array && A.indptr instanceof Int32Array);
    assert.deepEqual(toNested(A.toDense()), [
      [1, 0, 2],
      [0, 0, 0],
      [0, 0, 3],
    ]);
    assert.ok(A.hasCanonicalFormat);
    const data = new Float64Array([5]);
    assert.equal(new SparseMatrix(data, new Int32Array([0]), new Int32Array([0, 1]), [1, 1]).data, data);
  });

  test('the constructor rejects bad indptr, indices and shapes, naming the problem', () => {
    assert.throws(
      () => new SparseMatrix([1], [0], [0, 1], [2, 2]),
      (e: Error) => e instanceof ShapeError && /length 2/.test(e.message),
    );
    assert.throws(() => new SparseMatrix([1, 2], [0, 1], [0, 2, 1, 2], [3, 2]), /decreases at row 1/);
    assert.throws(() => new SparseMatrix([1], [0], [1, 1], [1, 2]), /indptr\[0\]/);
    assert.throws(() => new SparseMatrix([1, 2], [0, 1], [0, 1], [1, 2]), /indptr\[1\] = 1/);
    assert.throws(() => new SparseMatrix([1, 2], [0], [0, 2], [1, 2]), /indices has length 1/);
    assert.throws(() => new SparseMatrix([1, 2], [0, 3], [0, 1, 2], [2, 3]), /index 3 at position 1 \(row 1\)/);
    assert.throws(() => new SparseMatrix([1], [-1], [0, 1], [1, 3]), /index -1/);
    assert.throws(() => new SparseMatrix([], [], [0], [1, 2, 3]), /2-D shape/);
    assert.throws(() => new SparseMatrix([], [], [0], [-1, 2]), ShapeError);
    assert.throws(() => new SparseMatrix([1], [0.5], [0, 1], [1, 2]), /indices\[0\]/);
  });

  test('fromTriplets sums duplicates and sorts columns within rows', () => {
    const A = SparseMatrix.fromTriplets([1, 0, 1, 0, 1, 1], [3, 2, 0, 2, 3, 1], [1, 2, 3, 4, 5, 6], [3, 4]);
    assert.deepEqual(Array.from(A.indptr), [0, 1, 4, 4]);
    assert.deepEqual(Array.from(A.indices), [2, 0, 1, 3]);
    assert.deepEqual(Array.from(A.data), [6, 3, 6, 6]);
    assert.ok(A.hasCanonicalFormat);
    assert.deepEqual(toNested(A.toDense()), [
      [0, 0, 6, 0],
      [3, 6, 0, 6],
      [0, 0, 0, 0],
    ]);
    // Duplicates cancelling to zero stay as an explicit zero (like scipy) until eliminateZeros.
    const Z = SparseMatrix.fromTriplets([0, 0], [1, 1], [2, -2], [1, 2]);
    assert.equal(Z.nnz, 1);
    assert.equal(Z.eliminateZeros().nnz, 0);
  });

  test('fromTriplets rejects mismatched lengths and out-of-range entries', () => {
    assert.throws(() => SparseMatrix.fromTriplets([0], [0, 1], [1], [2, 2]), /lengths 1, 2, 1/);
    assert.throws(() => SparseMatrix.fromTriplets([0, 2], [0, 0], [1, 1], [2, 2]), /row index 2 at entry 1/);
    assert.throws(() => SparseMatrix.fromTriplets([0], [5], [1], [2, 2]), /column index 5 at entry 0/);
  });

  test('fromDense drops exact zeros, keeps NaN, accepts tensors of any dtype', () => {
    const A = SparseMatrix.fromDense([
      [0, 1.5, 0],
      [Number.NaN, 0, -0],
    ]);
    assert.equal(A.nnz, 2);
    assert.ok(Number.isNaN(A.get(1, 0)));
    const B = SparseMatrix.fromDense(new Tensor(new Int32Array([0, 3, 4, 0]), [2, 2]));
    assert.deepEqual(Array.from(B.data), [3, 4]);
    assert.throws(() => SparseMatrix.fromDense(new Tensor(new Float64Array(3))), /2-D/);
    assert.throws(() => SparseMatrix.fromDense([[1, 2], [3]]), /row 1 has length 1/);
  });

  test('empty rows, 0 × n and n × 0 matrices', () => {
    const A = SparseMatrix.fromTriplets([], [], [], [0, 4]);
    assert.deepEqual(A.shape, [0, 4]);
    assert.deepEqual(A.toDense().shape, [0, 4]);
    assert.deepEqual(A.transpose().shape, [4, 0]);
    assert.deepEqual(Array.from(A.sumAxis(0)), [0, 0, 0, 0]);
    assert.equal(A.matvec(new Float64Array(4)).length, 0);
    const B = new SparseMatrix([], [], [0, 0, 0], [2, 0]);
    assert.deepEqual(Array.from(B.matvec(new Float64Array(0))), [0, 0]);
    assert.deepEqual(B.matmul(new Tensor(new Float64Array(0), [0, 3])).toArray(), [
      [0, 0, 0],
      [0, 0, 0],
    ]);
    assert.deepEqual(B.transpose().shape, [0, 2]);
    assert.deepEqual(SparseMatrix.fromDense([]).shape, [0, 0]);
    const C = SparseMatrix.fromDense([
      [0, 0],
      [1, 0],
      [0, 0],
    ]);
    assert.deepEqual(Array.from(C.indptr), [0, 0, 1, 1]);
    assert.equal(C.getRow(0).indices.length, 0);
  });
});

describe('SparseMatrix operations against dense computations', () => {
  test('dense → sparse → dense round trip, and via triplets', () => {
    fc.assert(
      fc.property(denseArb(), (a) => {
        const A = SparseMatrix.fromDense(a);
        assert.deepEqual(toNested(A.toDense()), a);
        assert.ok(A.hasCanonicalFormat);
        const rows: number[] = [];
        const cols: number[] = [];
        const vals: number[] = [];
        for (let i = 0; i < a.length; i++) {
          for (let j = 0; j < a[i].length; j++) {
            if (a[i][j] === 0) continue;
            rows.push(i);
            cols.push(j);
            vals.push(a[i][j]);
          }
        }
        // Reverse the triplets and split each value in two duplicates to exercise sorting and summing.
        const n = rows.length;
        const order = Array.from({ length: 2 * n }, (_, k) => 2 * n - 1 - k);
        const B = SparseMatrix.fromTriplets(
          order.map((k) => rows[k % n]),
          order.map((k) => cols[k % n]),
          order.map((k) => vals[k % n] / 2),
          shapeOf(a),
        );
        assert.deepEqual(Array.from(B.indptr), Array.from(A.indptr));
        assert.deepEqual(Array.from(B.indices), Array.from(A.indices));
        assert.deepEqual(Array.from(B.data), Array.from(A.data));
      }),
    );
  });

  test('matvec, matmul, transpose, sums and get match dense results', () => {
    fc.assert(
      fc.property(denseArb(), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 1000 }), (a, m, seed) => {
        const [r, c] = shapeOf(a);
        const A = SparseMatrix.fromDense(a);
        const x = Array.from({ length: c }, (_, j) => ((seed + 7 * j) % 11) - 5);
        const y = A.matvec(new Float64Array(x));
        assert.deepEqual(
          Array.from(y),
          a.map((row) => row.reduce((s, v, j) => s + v * x[j], 0)),
        );
        assert.deepEqual(Array.from(A.matvec(new Tensor(new Float64Array(x)))), Array.from(y));
        const b = Array.from({ length: c }, (_, i) =>
          Array.from({ length: m }, (_, j) => ((seed + 3 * i + 5 * j) % 7) - 3),
        );
        const B = new Tensor(new Float64Array(b.flat()), [c, m]);
        const P = A.matmul(B);
        assert.deepEqual(P.shape, [r, m]);
        assert.deepEqual(Array.from(P.data), denseMatmul(a, b, c, m).flat());
        const T = A.transpose();
        assert.deepEqual(T.shape, [c, r]);
        assert.ok(T.hasCanonicalFormat);
        assert.deepEqual(
          Array.from(T.toDense().data),
          Array.from({ length: c * r }, (_, k) => a[k % r][Math.floor(k / r)]),
        );
        assert.deepEqual(
          Array.from(A.sumAxis(1)),
          a.map((row) => row.reduce((s, v) => s + v, 0)),
        );
        assert.deepEqual(
          Array.from(A.sumAxis(0)),
          Array.from({ length: c }, (_, j) => a.reduce((s, row) => s + row[j], 0)),
        );
        for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) assert.equal(A.get(i, j), a[i][j]);
      }),
    );
  });

  test('transpose of an unsorted matrix with duplicates keeps the sum', () => {
    const A = new SparseMatrix([1, 2, 3, 4], [2, 0, 2, 1], [0, 3, 4], [2, 3]);
    assert.ok(!A.hasCanonicalFormat);
    assert.equal(A.get(0, 2), 4);
    assert.deepEqual(toNested(A.transpose().toDense()), [
      [2, 0],
      [0, 4],
      [4, 0],
    ]);
    const S = A.sortIndices();
    assert.ok(S.hasCanonicalFormat);
    assert.deepEqual(Array.from(S.indices), [0, 2, 1]);
    assert.deepEqual(Array.from(S.data), [2, 4, 4]);
    assert.deepEqual(Array.from(A.indices), [2, 0, 2, 1], 'sortIndices leaves the original alone');
  });

  test('selectRows with repeats and negative indices', () => {
    const a = [
      [1, 0, 0],
      [0, 2, 3],
      [0, 0, 0],
      [4, 0, 5],
    ];
    const A = SparseMatrix.fromDense(a);
    const S = A.selectRows([3, 1, 1, -4, 2]);
    assert.deepEqual(toNested(S.toDense()), [a[3], a[1], a[1], a[0], a[2]]);
    assert.equal(S.nnz, 2 + 2 + 2 + 1);
    assert.deepEqual(A.selectRows(new Int32Array(0)).shape, [0, 3]);
    assert.throws(() => A.selectRows([0, 4]), /Row index 4/);
  });

  test('getRow returns views; get checks bounds', () => {
    const A = SparseMatrix.fromDense([
      [0, 7, 0, 8],
      [9, 0, 0, 0],
    ]);
    const row = A.getRow(0);
    assert.deepEqual(Array.from(row.indices), [1, 3]);
    assert.deepEqual(Array.from(row.data), [7, 8]);
    assert.equal(row.data.buffer, A.data.buffer);
    assert.deepEqual(Array.from(A.getRow(-1).data), [9]);
    assert.equal(A.get(1, -4), 9);
    assert.equal(A.get(0, 2), 0);
    assert.throws(() => A.get(2, 0), /Row index 2/);
    assert.throws(() => A.get(0, 4), /Column index 4/);
  });

  test('scaleRows, scaleColumns and copy produce independent matrices', () => {
    const A = SparseMatrix.fromDense([
      [1, 0, 2],
      [0, 3, 4],
    ]);
    assert.deepEqual(toNested(A.scaleRows([2, -1]).toDense()), [
      [2, 0, 4],
      [0, -3, -4],
    ]);
    assert.deepEqual(toNested(A.scaleColumns(new Float64Array([10, 100, 0.5])).toDense()), [
      [10, 0, 1],
      [0, 300, 2],
    ]);
    assert.deepEqual(Array.from(A.data), [1, 2, 3, 4]);
    const C = A.copy();
    C.data[0] = 99;
    assert.equal(A.get(0, 0), 1);
    assert.throws(() => A.scaleRows([1]), /expected 2 factor/);
    assert.throws(() => A.scaleColumns([1, 2]), /expected 3 factor/);
  });

  test('eliminateZeros keeps NaN and structure', () => {
    const A = new SparseMatrix([0, 1, Number.NaN, 0], [0, 1, 0, 2], [0, 2, 2, 4], [3, 3]);
    const E = A.eliminateZeros();
    assert.equal(E.nnz, 2);
    assert.deepEqual(Array.from(E.indptr), [0, 1, 1, 2]);
    assert.ok(Number.isNaN(E.get(2, 0)));
  });

  test('shape errors in products and axes', () => {
    const A = SparseMatrix.fromDense([[1, 2]]);
    assert.throws(
      () => A.matvec(new Float64Array(3)),
      (e: Error) => e instanceof ShapeError && /length 2/.test(e.message),
    );
    assert.throws(() => A.matmul(new Tensor(new Float64Array(6), [3, 2])), /\[3, 2\]/);
    assert.deepEqual(Array.from(A.matmul(new Tensor(new Float64Array([1, 1]))).data), [3]);
    assert.throws(() => A.sumAxis(2 as 0), /axis/);
  });
});
