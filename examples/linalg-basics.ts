// Dense linear algebra: the numpy.linalg / scipy.linalg functions ML code needs.
import assert from 'node:assert/strict';
import { cholesky, det, eigh, inv, lstsq, qr, solve, svd } from 'typelearn/linalg';
import { matmul, Tensor } from 'typelearn/tensor';

const A = Tensor.from([
  [4, 2],
  [2, 3],
]);
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);

close(det(A), 8);
const x = solve(A, Tensor.from([2, 1]));
close(x.get(0), 0.5);
close(x.get(1), 0);
const identity = matmul(inv(A), A);
close(identity.get(0, 0), 1);
close(identity.get(0, 1), 0);

const L = cholesky(A); // lower-triangular, L Lᵀ = A
close(matmul(L, L.T).get(1, 1), 3);

const { eigenvalues } = eigh(
  Tensor.from([
    [2, 1],
    [1, 2],
  ]),
);
assert.deepEqual(Array.from(eigenvalues.data).map(Math.round), [1, 3]); // ascending, like numpy

const { S } = svd(
  Tensor.from([
    [3, 2, 2],
    [2, 3, -2],
  ]),
);
close(S.get(0), 5);
close(S.get(1), 3);

const { Q, R } = qr(
  Tensor.from([
    [1, 2],
    [3, 4],
    [5, 6],
  ]),
);
assert.deepEqual(Q.shape, [3, 2]);
assert.deepEqual(R.shape, [2, 2]);

// Least squares: fit y = 1 + 2t through four points.
const design = Tensor.from([
  [1, 0],
  [1, 1],
  [1, 2],
  [1, 3],
]);
const fit = lstsq(design, Tensor.from([1, 3, 5, 7]));
close(fit.x.get(0), 1);
close(fit.x.get(1), 2);
assert.equal(fit.rank, 2);
console.log('linalg basics ok');
