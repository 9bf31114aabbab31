// Tensors: creation, broadcasting, reductions, indexing, matmul, random numbers, sparse matrices.
import assert from 'node:assert/strict';
import { arange, defaultRng, matmul, randomNormal, SparseMatrix, Tensor, unique } from 'typelearn/tensor';

const x = Tensor.from([
  [1, 2, 3],
  [4, 5, 6],
]); // float64 by default
const centred = x.sub(x.mean({ axis: 0 })); // [2, 3] - [3] broadcasts like numpy
assert.deepEqual(centred.toArray(), [
  [-1.5, -1.5, -1.5],
  [1.5, 1.5, 1.5],
]);
assert.equal(x.sum().item(), 21);
assert.deepEqual(x.max({ axis: 1 }).toArray(), [3, 6]);
assert.deepEqual(x.var({ axis: 0, ddof: 1 }).toArray(), [4.5, 4.5, 4.5]);

// Shapes: reshape shares the buffer, transpose copies.
const m = arange(6).reshape(2, 3);
assert.deepEqual(m.T.shape, [3, 2]);
assert.deepEqual(matmul(m, m.T).toArray(), [
  [5, 14],
  [14, 50],
]);

// Indexing by position or by a boolean mask.
assert.deepEqual(x.take([1], 0).toArray(), [[4, 5, 6]]);
assert.deepEqual(x.mask(x.gt(3)).toArray(), [4, 5, 6]);

// Sorting and unique values with counts.
const { values, counts } = unique(Tensor.from([3, 1, 3, 2, 3]));
assert.deepEqual(values.toArray(), [1, 2, 3]);
assert.deepEqual(counts.toArray(), [1, 1, 3]);

// Seeded random numbers (xoshiro128**): same seed, same stream.
const a = randomNormal([2, 2], { randomState: 42 });
const b = randomNormal([2, 2], { randomState: 42 });
assert.deepEqual(a.toArray(), b.toArray());
const rng = defaultRng(0);
const order = rng.permutation(5);
assert.deepEqual(Array.from(order).sort(), [0, 1, 2, 3, 4]);

// float32 stays float32; int32 / int32 gives float64.
assert.equal(Tensor.from([1, 2], 'float32').mul(2.5).dtype, 'float32');
assert.equal(Tensor.from([1, 2], 'int32').div(2).dtype, 'float64');

// CSR sparse matrices.
const s = SparseMatrix.fromTriplets([0, 1, 1], [2, 0, 2], [5, 1, 2], [2, 3]);
assert.deepEqual(s.toDense().toArray(), [
  [0, 0, 5],
  [1, 0, 2],
]);
assert.deepEqual(Array.from(s.matvec(Float64Array.of(1, 1, 1))), [5, 3]);
console.log('tensor basics ok');
