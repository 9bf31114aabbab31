import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { loadDataset } from '../../src/data/index.js';
import { bhWorkspace, klDivergenceBh } from '../../src/manifold/barnes-hut.js';
import { jointProbabilities, jointProbabilitiesNn } from '../../src/manifold/joint-probabilities.js';
import { klDivergenceExact } from '../../src/manifold/kl-divergence.js';
import { kneighborsOf, pairwiseDense } from '../../src/manifold/neighbors.js';
import { trustworthiness } from '../../src/manifold/trustworthiness.js';
import { TSNE } from '../../src/manifold/tsne.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const fx = loadSklearnFixture('manifold_tsne');
const X: number[][] = fx.inputs.X;
const n = X.length;
const rows = { data: Float64Array.from(X.flat()), n, d: X[0].length };

/** The strict upper triangle of a dense n x n matrix, row by row (scipy's squareform order). */
function condensed(M: Float64Array, size: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) out.push(M[i * size + j]);
  return out;
}

function csrToDense(P: ReturnType<typeof jointProbabilitiesNn>): Float64Array {
  const out = new Float64Array(P.n * P.n);
  for (let i = 0; i < P.n; i++)
    for (let t = P.indptr[i]; t < P.indptr[i + 1]; t++) out[i * P.n + P.indices[t]] = P.data[t];
  return out;
}

describe('t-SNE joint probabilities', () => {
  test('exact P equals sklearn _joint_probabilities (perplexity 5)', () => {
    const P = jointProbabilities(pairwiseDense(rows, rows, 'euclidean', 2, true), n, 5);
    assertClose(condensed(P, n), fx.expected.P, { atol: 1e-6, rtol: 0, label: 'P' });
    assertClose(condensed(P, n), fx.expected.P, { atol: 1e-12, rtol: 1e-5, label: 'P (relative)' });
    let sum = 0;
    for (let i = 0; i < n; i++) {
      assert.equal(P[i * n + i], 0);
      for (let j = 0; j < n; j++) {
        assert.equal(P[i * n + j], P[j * n + i]);
        sum += P[i * n + j];
      }
    }
    assertClose(sum, 1, { rtol: 1e-12 });
  });

  test('neighbour P equals sklearn _joint_probabilities_nn (10 neighbours)', () => {
    const { ind, dist } = kneighborsOf(rows, null, 10);
    const sq = dist.map((v) => v * v);
    const P = jointProbabilitiesNn(ind, sq, n, 10, 5);
    assertClose(csrToDense(P), (fx.expected.Pnn as number[][]).flat(), { atol: 1e-6, rtol: 1e-5, label: 'Pnn' });
    for (let i = 0; i < n; i++) {
      for (let t = P.indptr[i] + 1; t < P.indptr[i + 1]; t++) assert.ok(P.indices[t] > P.indices[t - 1]);
    }
  });
});

describe('t-SNE objective', () => {
  const P = jointProbabilities(pairwiseDense(rows, rows, 'euclidean', 2, true), n, 5);

  test('exact KL and gradient equal sklearn _kl_divergence (2-D and 3-D)', () => {
    const y = Float64Array.from((fx.inputs.Y as number[][]).flat());
    const grad = new Float64Array(n * 2);
    const kl = klDivergenceExact(y, P, n, 2, 1, grad, true);
    assertClose(kl, fx.expected.kl, { rtol: 1e-5, label: 'kl' });
    assertClose(grad, fx.expected.grad, { rtol: 1e-5, atol: 1e-9, label: 'grad' });
    const y3 = Float64Array.from((fx.inputs.Y3 as number[][]).flat());
    const g3 = new Float64Array(n * 3);
    assertClose(klDivergenceExact(y3, P, n, 3, 2, g3, true), fx.expected.kl3, { rtol: 1e-5, label: 'kl3' });
    assertClose(g3, fx.expected.grad3, { rtol: 1e-5, atol: 1e-9, label: 'grad3' });
    assert.ok(Number.isNaN(klDivergenceExact(y, P, n, 2, 1, grad, false)));
  });

  test('exact gradient is the derivative of the KL (finite differences)', () => {
    const y = Float64Array.from((fx.inputs.Y as number[][]).flat());
    const grad = new Float64Array(n * 2);
    klDivergenceExact(y, P, n, 2, 1, grad, true);
    const g = new Float64Array(n * 2);
    for (const t of [0, 7, 31]) {
      const h = 1e-6;
      const yp = y.slice();
      yp[t] += h;
      const ym = y.slice();
      ym[t] -= h;
      const fd = (klDivergenceExact(yp, P, n, 2, 1, g, true) - klDivergenceExact(ym, P, n, 2, 1, g, true)) / (2 * h);
      assertClose(grad[t], fd, { rtol: 1e-4, atol: 1e-8, label: `d KL / d y[${t}]` });
    }
  });

  test('Barnes-Hut gradient: angle 0 is sklearn exact BH, angle 0.5 close to sklearn', () => {
    const y = Float64Array.from((fx.inputs.Y as number[][]).flat());
    // sklearn's BH test input: the full P as a sparse matrix.
    const indptr = new Int32Array(n + 1);
    const indices: number[] = [];
    const data: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        indices.push(j);
        data.push(P[i * n + j]);
      }
      indptr[i + 1] = indices.length;
    }
    const Ps = { n, indptr, indices: Int32Array.from(indices), data: Float64Array.from(data) };
    const grad = new Float64Array(n * 2);
    const kl0 = klDivergenceBh(y, Ps, n, 2, 1, 0, grad, true, bhWorkspace(n, 2));
    assertClose(kl0, fx.expected.klbh0, { rtol: 1e-5, label: 'kl angle 0' });
    assertClose(grad, fx.expected.gradbh0, { rtol: 1e-4, atol: 1e-7, label: 'grad angle 0' });
    const kl = klDivergenceBh(y, Ps, n, 2, 1, 0.5, grad, true, bhWorkspace(n, 2));
    assertClose(kl, fx.expected.klbh, { rtol: 0.02, label: 'kl angle 0.5' });
    const ref = fx.expected.gradbh as number[];
    let err = 0;
    let norm = 0;
    for (let t = 0; t < ref.length; t++) {
      err += (grad[t] - ref[t]) ** 2;
      norm += ref[t] ** 2;
    }
    assert.ok(Math.sqrt(err / norm) < 0.05, `relative gradient error ${Math.sqrt(err / norm)}`);
    // The generic (3-D capable) path agrees with the 2-D fast path.
    const g2 = new Float64Array(n * 2);
    const g3 = new Float64Array(n * 2);
    klDivergenceBh(y, Ps, n, 2, 1, 0.5, g2, false, bhWorkspace(n, 2));
    klDivergenceBh(y, Ps, n, 2, 1, 0.5, g3, true, bhWorkspace(n, 2));
    assertClose(g2, g3, { rtol: 1e-12, atol: 1e-15 });
  });
});

describe('trustworthiness', () => {
  test('matches sklearn (k = 5, 10; manhattan)', () => {
    const { Xt, Et } = fx.inputs;
    assertClose(trustworthiness(Xt, Et), fx.expected.trust5, { rtol: 1e-12 });
    assertClose(trustworthiness(Xt, Et, { nNeighbors: 10 }), fx.expected.trust10, { rtol: 1e-12 });
    assertClose(trustworthiness(Xt, Et, { metric: 'manhattan' }), fx.expected.trust_manhattan, { rtol: 1e-12 });
  });

  test('is 1 for an isometry and rejects k >= n/2', () => {
    const { Xt } = fx.inputs;
    const shifted = (Xt as number[][]).map((r) => r.map((v) => 3 * v + 1));
    assertClose(trustworthiness(Xt, shifted), 1, { rtol: 1e-15 });
    assert.throws(() => trustworthiness(Xt, Xt, { nNeighbors: 20 }), ValidationError);
  });
});

describe('TSNE', () => {
  const iris = loadDataset('iris').data;

  test('final KL on iris within 5% of sklearn (exact and Barnes-Hut)', async () => {
    for (const [name, method] of [
      ['iris_exact', 'exact'],
      ['iris_bh', 'barnes_hut'],
    ] as const) {
      const model = await new TSNE({ method, randomState: 0 }).fit(iris);
      const ref = fx.expected.fits[name];
      assert.ok(Math.abs(model.klDivergence / ref.kl - 1) < 0.05, `${name}: KL ${model.klDivergence} vs ${ref.kl}`);
      assert.equal(model.nIter, ref.n_iter);
      assert.equal(model.learningRateUsed, 50);
      assert.ok(trustworthiness(iris, model.embedding) > ref.trust - 0.01);
    }
  });

  test('digits: KL within 5% of sklearn and the classes separate', async () => {
    const digits = loadDataset('digits');
    const m = 500;
    const X = new Tensor((digits.data.data as Float64Array).slice(0, m * 64), [m, 64]);
    const model = new TSNE({ randomState: 0 });
    const Y = await model.fitTransform(X);
    const ref = fx.expected.fits.digits500_bh;
    assert.ok(Math.abs(model.klDivergence / ref.kl - 1) < 0.05, `KL ${model.klDivergence} vs ${ref.kl}`);
    assert.ok(trustworthiness(X, Y) > 0.98);
    // 1-nearest-neighbour accuracy in the embedding: digits of a class cluster together.
    const labels = digits.target.data;
    const { ind } = kneighborsOf({ data: Y.data as Float64Array, n: m, d: 2 }, null, 1);
    let hits = 0;
    for (let i = 0; i < m; i++) if (labels[ind[i]] === labels[i]) hits++;
    assert.ok(hits / m > 0.95, `1-NN accuracy ${hits / m}`);
  });

  test('3-D Barnes-Hut, random and explicit init, precomputed distances', async () => {
    const small = new Tensor((iris.data as Float64Array).slice(0, 60 * 4), [60, 4]);
    const y3 = await new TSNE({ nComponents: 3, perplexity: 10, randomState: 0, nIter: 300 }).fitTransform(small);
    assert.deepEqual(y3.shape, [60, 3]);
    const a = await new TSNE({ init: 'random', perplexity: 10, randomState: 3, nIter: 300 }).fitTransform(small);
    const b = await new TSNE({ init: 'random', perplexity: 10, randomState: 3, nIter: 300 }).fitTransform(small);
    assert.deepEqual(a.data, b.data);
    const init = Array.from({ length: 60 }, (_, i) => [Math.cos(i) * 1e-4, Math.sin(i) * 1e-4]);
    const D = pairwiseDense(
      { data: small.data as Float64Array, n: 60, d: 4 },
      { data: small.data as Float64Array, n: 60, d: 4 },
    );
    const fromX = await new TSNE({ init, method: 'exact', perplexity: 10, nIter: 300 }).fitTransform(small);
    const fromD = await new TSNE({
      init,
      method: 'exact',
      perplexity: 10,
      nIter: 300,
      metric: 'precomputed',
    }).fitTransform(new Tensor(D, [60, 60]));
    assertClose(fromD.data, fromX.data, { rtol: 1e-6, atol: 1e-6, label: 'exact precomputed' });
    // Barnes-Hut: neighbour lists may order exact ties differently (the search sorts squared distances), so compare the fit quality.
    const bhX = await new TSNE({ init, perplexity: 10 }).fit(small);
    const bhD = await new TSNE({ init, perplexity: 10, metric: 'precomputed' }).fit(new Tensor(D, [60, 60]));
    assert.ok(Math.abs(bhD.klDivergence / bhX.klDivergence - 1) < 0.15);
  });

  test('rejects bad input', async () => {
    const X = iris;
    await assert.rejects(new TSNE({ perplexity: 150 }).fit(X), /perplexity must be less than n_samples/);
    await assert.rejects(new TSNE({ nComponents: 4 }).fit(X), /inferior to 4/);
    await assert.rejects(new TSNE({ metric: 'precomputed', init: 'random' }).fit(X), /square distance matrix/);
    await assert.rejects(
      new TSNE({ metric: 'precomputed', perplexity: 1 }).fit([
        [0, 1],
        [1, 0],
      ]),
      /init="pca"/,
    );
    await assert.rejects(
      new TSNE({ metric: 'precomputed', init: 'random', perplexity: 1 }).fit([
        [0, -1],
        [-1, 0],
      ]),
      /non-negative/,
    );
    await assert.rejects(new TSNE({ init: [[0, 0]] }).fit(X), /init has shape/);
    await assert.rejects(new TSNE({ angle: 2 }).fit(X), ValidationError);
    await assert.rejects(new TSNE({ nIter: 100 }).fit(X), ValidationError);
    await assert.rejects(new TSNE().fit([[1, Number.NaN]]), ValidationError);
  });

  test('checkEstimator', async () => {
    await checkEstimator(() => new TSNE({ perplexity: 5, nIter: 250 }));
  });
});
