import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { fitTransformBins } from '../../src/ensemble/hist-gradient-boosting/binning.js';
import { TreeGrower } from '../../src/ensemble/hist-gradient-boosting/grower.js';
import {
  binnedRows,
  buildHistograms,
  subtractHistograms,
} from '../../src/ensemble/hist-gradient-boosting/histogram.js';
import {
  histogramKernelModule,
  instantiateHistogramKernel,
} from '../../src/ensemble/hist-gradient-boosting/histogram-kernel.js';
import { HistogramSpace } from '../../src/ensemble/hist-gradient-boosting/histogram-space.js';
import { radixArgsort } from '../../src/ensemble/hist-gradient-boosting/radix-argsort.js';
import { noSplit, splitIndices } from '../../src/ensemble/hist-gradient-boosting/splitting.js';
import { cpuCount, loadNodeCores } from '../../src/parallel/n-jobs.js';
import { closeReusablePools } from '../../src/parallel/pool.js';
import { RandomGenerator } from '../../src/tensor/random.js';

function randomProblem(n: number, p: number, nBins: number, seed: number) {
  const rng = new RandomGenerator(seed);
  const binned = Uint8Array.from({ length: n * p }, () => rng.integers(0, nBins));
  const g = Float64Array.from({ length: n }, () => rng.normal());
  const h = Float64Array.from({ length: n }, () => rng.random());
  return { rng, binned, g, h };
}

const sameBits = (a: Float64Array, b: Float64Array, what: string) => {
  assert.equal(a.length, b.length, what);
  for (let t = 0; t < a.length; t++) {
    if (!Object.is(a[t], b[t])) assert.fail(`${what}: entry ${t} is ${a[t]}, expected ${b[t]}`);
  }
};

const kernel = histogramKernelModule() !== null;

/** sklearn's default tree shape (31 leaves, 20 samples per leaf). */
const options = {
  maxLeafNodes: 31,
  maxDepth: null,
  minSamplesLeaf: 20,
  l2Regularization: 0,
  minHessianToSplit: 1e-3,
  shrinkage: 0.1,
  monotonicCst: null,
  interactionCst: null,
};

describe('histogram kernel (WebAssembly) equals the JavaScript loops bit for bit', { skip: !kernel }, () => {
  for (const [n, p, nBins] of [
    [1, 1, 4],
    [37, 3, 6],
    [200, 4, 256],
    [513, 5, 256],
    [300, 21, 17],
  ]) {
    test(`accumulate and subtract, n=${n} p=${p} nBins=${nBins}`, () => {
      const { rng, binned, g, h } = randomProblem(n, p, nBins, n + p);
      const rows = binnedRows(binned, n, p);
      const space = new HistogramSpace(binned, n, p, nBins, { initialSlots: 1 });
      assert.equal(space.usesKernel, true);
      assert.deepEqual(Array.from(space.rows), Array.from(rows));
      const idx = space.sampleIndices;
      // A shuffled, then partly sorted, index segment like the grower's partition.
      for (let i = 0; i < n; i++) idx[i] = i;
      rng.shuffle(idx);
      const start = Math.floor(n / 3);
      const end = n;
      idx.subarray(start, end).sort();
      const refIdx = idx.slice();
      for (const hess of [h, null]) {
        space.setGradients(g, hess);
        const parent = space.acquire();
        const child = space.acquire(); // grows the memory: views must be refetched
        space.build(parent, null, 0, n);
        space.build(child, null, start, end);
        const refParent = new Float64Array(space.histSize);
        const refChild = new Float64Array(space.histSize);
        buildHistograms(refParent, rows, p, nBins, null, g, hess, refIdx, 0, n);
        buildHistograms(refChild, rows, p, nBins, null, g, hess, refIdx, start, end);
        sameBits(space.view(parent), refParent, 'parent');
        sameBits(space.view(child), refChild, 'child');
        space.subtract(parent, child, null);
        subtractHistograms(refParent, refChild, refParent, null, p, nBins);
        sameBits(space.view(parent), refParent, 'parent - child');
        // An empty segment gives zero histograms.
        space.build(child, null, 3 % (n + 1), 3 % (n + 1));
        assert.ok(space.view(child).every((v) => v === 0));
        space.release(parent);
        space.release(child);
      }
    });
  }

  test('partition equals splitIndices (numeric and categorical splits)', () => {
    const n = 700;
    const p = 3;
    const nBins = 256;
    const { rng, binned } = randomProblem(n, p, nBins, 9);
    for (let i = 0; i < n; i += 7) binned[n + i] = nBins - 1; // missing values in feature 1
    const space = new HistogramSpace(binned, n, p, nBins);
    for (let trial = 0; trial < 20; trial++) {
      const split = noSplit();
      split.feature = trial % p;
      split.binIdx = rng.integers(0, 255);
      split.missingGoToLeft = trial % 2 === 0;
      if (trial % 5 === 4) {
        split.isCategorical = true;
        split.leftBins = Uint8Array.from({ length: nBins }, () => rng.integers(0, 2));
      }
      const idx = space.sampleIndices;
      for (let i = 0; i < n; i++) idx[i] = i;
      rng.shuffle(idx);
      const start = rng.integers(0, 50);
      const end = n - rng.integers(0, 50);
      const ref = idx.slice();
      const refMid = splitIndices(binned, n, ref, start, end, split, nBins, new Int32Array(n));
      const mid = space.partition(split, start, end);
      assert.equal(mid, refMid);
      assert.deepEqual(Array.from(space.sampleIndices), Array.from(ref));
    }
  });

  test('TreeGrower builds identical trees with and without the kernel', () => {
    const n = 3000;
    const p = 7;
    const rng = new RandomGenerator(4);
    const X = Float64Array.from({ length: n * p }, () => (rng.random() < 0.03 ? Number.NaN : rng.normal()));
    const { mapper, binned, hasMissing } = fitTransformBins(X, n, p, { maxBins: 255 });
    const g = Float64Array.from({ length: n }, (_, i) => X[i * p] + 0.5 * rng.normal() || 0);
    const g2 = Float64Array.from({ length: n }, (_, i) => (X[i * p + 1] > 0.3 ? 1 : -1) + 0.5 * rng.normal());
    const h = Float64Array.from({ length: n }, () => 0.1 + rng.random());
    for (const hess of [h, null]) {
      const trees = [true, false].map((useKernel) => {
        const grower = new TreeGrower(binned, n, p, mapper, hasMissing, options, hess === null, useKernel);
        assert.equal(grower.usesKernel, useKernel);
        // Two trees in a row reuse the workspace.
        grower.grow(g, hess);
        const leaves = grower.grow(g2, hess);
        return { tree: grower.makePredictor(), leaves: leaves.length, idx: grower.sampleIndices.slice() };
      });
      assert.ok(trees[0].leaves > 10);
      assert.deepEqual(trees[0].tree.toState(), trees[1].tree.toState());
      assert.deepEqual(Array.from(trees[0].idx), Array.from(trees[1].idx));
    }
  });
});

describe('histograms built by two threads', { skip: !kernel }, () => {
  after(() => closeReusablePools());

  test('gather + accumulateColumns build any range of features', () => {
    const n = 301;
    const p = 9;
    const nBins = 40;
    const { rng, binned, g, h } = randomProblem(n, p, nBins, 5);
    const idx = Int32Array.from({ length: n }, (_, i) => i);
    rng.shuffle(idx);
    const ref = new Float64Array(p * nBins * 4);
    buildHistograms(ref, binnedRows(binned, n, p), p, nBins, null, g, h, idx, 10, n - 5);
    const memory = new WebAssembly.Memory({ initial: 8 });
    const k = instantiateHistogramKernel(memory);
    assert.ok(k);
    const [binnedOff, idxOff, ghOff, ghoOff, histOff] = [0, 4096, 8192, 16384, 24576];
    new Uint8Array(memory.buffer, binnedOff, n * p).set(binned.subarray(0, n * p));
    new Int32Array(memory.buffer, idxOff, n).set(idx);
    const gh = new Float64Array(memory.buffer, ghOff, 2 * n);
    for (let i = 0; i < n; i++) [gh[2 * i], gh[2 * i + 1]] = [g[i], h[i]];
    k.gather(idxOff, 10, n - 5, ghOff, ghoOff);
    const gho = new Float64Array(memory.buffer, ghoOff, 2 * (n - 15));
    assert.deepEqual([gho[0], gho[1]], [g[idx[10]], h[idx[10]]]);
    const stride = nBins * 32;
    for (const [f0, nf] of [
      [0, 9],
      [0, 4],
      [4, 5],
      [3, 1],
      [8, 1],
    ]) {
      const out = new Float64Array(memory.buffer, histOff, p * nBins * 4);
      out.fill(1);
      k.zero(histOff + f0 * stride, nf * stride);
      k.accumulateColumns(binnedOff + f0 * n, n, nf, idxOff, 10, n - 5, ghoOff, histOff + f0 * stride, stride);
      const span = [f0 * nBins * 4, (f0 + nf) * nBins * 4];
      sameBits(out.slice(...span), ref.slice(...span), `features ${f0}..${f0 + nf - 1}`);
      // Outside the range nothing was written.
      assert.ok(out.slice(0, span[0]).every((v) => v === 1) && out.slice(span[1]).every((v) => v === 1));
    }
  });

  test('TreeGrower with a companion thread grows the same trees as one thread', async () => {
    const n = 6000;
    const p = 11;
    const rng = new RandomGenerator(8);
    const X = Float64Array.from({ length: n * p }, () => (rng.random() < 0.02 ? Number.NaN : rng.normal()));
    const { mapper, binned, hasMissing } = fitTransformBins(X, n, p, { maxBins: 255 });
    const g = Float64Array.from({ length: n }, (_, i) => X[i * p + 2] + 0.3 * rng.normal() || 0);
    const h = Float64Array.from({ length: n }, () => 0.1 + rng.random());
    const grow = async (shared: boolean) => {
      const grower = new TreeGrower(binned, n, p, mapper, hasMissing, options, false, true, shared);
      const companion = shared ? await grower.startCompanion(null) : null;
      const threads = grower.threads;
      try {
        const states = [];
        for (let t = 0; t < 5; t++) {
          grower.grow(g, h);
          states.push(grower.makePredictor().toState());
        }
        return { threads, states };
      } finally {
        grower.stopCompanion();
        await companion?.close();
      }
    };
    const one = await grow(false);
    const two = await grow(true);
    await loadNodeCores();
    assert.equal(two.threads, cpuCount() >= 2 ? 2 : 1);
    assert.deepEqual(two.states, one.states);
  });
});

describe('HistogramSpace without the kernel', () => {
  test('slots grow on demand and keep their content', () => {
    const n = 50;
    const p = 2;
    const nBins = 5;
    const { binned, g, h } = randomProblem(n, p, nBins, 2);
    const space = new HistogramSpace(binned, n, p, nBins, { initialSlots: 1, useKernel: false });
    assert.equal(space.usesKernel, false);
    space.setGradients(g, h);
    const idx = space.sampleIndices;
    for (let i = 0; i < n; i++) idx[i] = i;
    const first = space.acquire();
    space.build(first, null, 0, n);
    const before = space.view(first).slice();
    const more = [space.acquire(), space.acquire(), space.acquire()];
    assert.equal(new Set([first, ...more]).size, 4);
    sameBits(space.view(first), before, 'after growth');
    assert.deepEqual(Array.from(space.sampleIndices.subarray(0, 5)), [0, 1, 2, 3, 4]);
  });
});

describe('radixArgsort', () => {
  /** Ascending, -0 before +0, ties in index order: the order the radix sort defines. */
  const reference = (v: Float64Array) =>
    Int32Array.from(v.keys()).sort((a, b) => {
      if (v[a] !== v[b]) return v[a] - v[b];
      const za = Object.is(v[a], -0) ? 0 : 1;
      const zb = Object.is(v[b], -0) ? 0 : 1;
      return za - zb || a - b;
    });

  test('equals a stable comparison argsort, also on values sharing their high 32 bits', () => {
    const rng = new RandomGenerator(11);
    const generators: [string, () => number][] = [
      ['near 1', () => 1 + 1e-12 * rng.random()],
      ['near -1', () => -1 - 1e-12 * rng.random()],
      ['few values and signed zeros', () => [0, -0, 1, -1, 1 + 2 ** -52, -1 - 2 ** -52][rng.integers(0, 6)]],
      ['wide', () => (rng.random() - 0.5) * 1e6],
    ];
    for (const [name, draw] of generators) {
      for (const n of [0, 1, 5, 33, 1000, 20000]) {
        const v = Float64Array.from({ length: n }, draw);
        assert.deepEqual(Array.from(radixArgsort(v)), Array.from(reference(v)), `${name}, n=${n}`);
      }
    }
  });
});
