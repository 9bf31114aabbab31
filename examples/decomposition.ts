// Matrix decompositions: PCA fitted in batches, kernel PCA, NMF topics and independent components.
import assert from 'node:assert/strict';
import { loadDataset } from 'typelearn/data';
import { FastICA, IncrementalPCA, KernelPCA, LatentDirichletAllocation, NMF } from 'typelearn/decomposition';

const iris = loadDataset('iris').data;
const digits = loadDataset('digits').data;

// IncrementalPCA: the same components as PCA, learned chunk by chunk.
const ipca = new IncrementalPCA({ nComponents: 2 });
for (let start = 0; start < 150; start += 50) {
  await ipca.partialFit((iris.toArray() as number[][]).slice(start, start + 50));
}
assert.ok(ipca.explainedVarianceRatio[0] > 0.9); // one direction carries most of iris's variance

// KernelPCA with an RBF kernel, and an approximate way back to the inputs.
const kpca = new KernelPCA({ nComponents: 2, kernel: 'rbf', gamma: 0.5, fitInverseTransform: true });
const Z = await kpca.fitTransform(iris);
assert.deepEqual(Z.shape, [150, 2]);
assert.deepEqual(kpca.inverseTransform(Z).shape, [150, 4]);

// NMF: non-negative parts of the digit images (pixel intensities are >= 0).
const nmf = new NMF({ nComponents: 8, init: 'nndsvda', maxIter: 400 });
const W = await nmf.fitTransform(digits);
assert.deepEqual(nmf.components.shape, [8, 64]);
assert.ok((W.data as Float64Array).every((v) => v >= 0));

// Topics over the pixel "counts" with LDA: each row of transform() is a topic mixture.
const lda = await new LatentDirichletAllocation({ nComponents: 4, maxIter: 5, randomState: 0 }).fit(digits);
const mixture = lda.transform(digits).toArray() as number[][];
assert.ok(Math.abs(mixture[0].reduce((a, b) => a + b, 0) - 1) < 1e-12);

// FastICA: unmix two signals from two observed mixtures.
const t = Array.from({ length: 500 }, (_, i) => i / 50);
const sources = t.map((v) => [Math.sin(2 * v), Math.sign(Math.sin(3 * v))]);
const mixed = sources.map(([a, b]) => [a + 0.5 * b, 0.3 * a + b]);
const ica = new FastICA({ nComponents: 2, whiten: 'unit-variance', randomState: 0 });
const recovered = (await ica.fitTransform(mixed)).toArray() as number[][];
// Each recovered source is one of the originals up to scale and sign: |correlation| close to 1.
const corr = (a: number[], b: number[]) => {
  const ma = a.reduce((s, v) => s + v, 0) / a.length;
  const mb = b.reduce((s, v) => s + v, 0) / b.length;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  a.forEach((v, i) => {
    ab += (v - ma) * (b[i] - mb);
    aa += (v - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  });
  return ab / Math.sqrt(aa * bb);
};
const best = [0, 1].map((j) =>
  Math.max(
    ...[0, 1].map((c) =>
      Math.abs(
        corr(
          recovered.map((r) => r[c]),
          sources.map((s) => s[j]),
        ),
      ),
    ),
  ),
);
assert.ok(
  best.every((c) => c > 0.99),
  `correlations ${best}`,
);
console.log('decomposition example ok');
