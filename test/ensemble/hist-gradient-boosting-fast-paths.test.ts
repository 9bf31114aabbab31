import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  type BinMapper,
  binData,
  binRows,
  fitBinMapper,
  fitTransformBins,
} from '../../src/ensemble/hist-gradient-boosting/binning.js';
import { HIST_STRIDE } from '../../src/ensemble/hist-gradient-boosting/histogram.js';
import { BITSET_WORDS, type TreeArrays, TreePredictor } from '../../src/ensemble/hist-gradient-boosting/predictor.js';
import { findNodeSplit, type SplitContext } from '../../src/ensemble/hist-gradient-boosting/splitting.js';
import { RandomGenerator } from '../../src/tensor/random.js';

/** Bit-exact equality of two numbers (NaN equal to NaN, -0 distinct from +0). */
const same = (a: number, b: number) => Object.is(a, b);

describe('split finding: the unconstrained fast path equals the generic one bit for bit', () => {
  // Bounds of ±MAX_VALUE never clamp a finite value but send the search through the generic
  // (bounded) path, the reference here; ±Infinity takes the fast path.
  const histogramCase = fc.record({
    nFeatures: fc.integer({ min: 1, max: 3 }),
    nBins: fc.integer({ min: 2, max: 12 }),
    hasMissing: fc.boolean(),
    scale: fc.constantFrom(1e-9, 1, 1e3, 1e6),
    l2: fc.constantFrom(0, 0.5, 3),
    minHess: fc.constantFrom(0, 1e-12, 1e-3, 0.5),
    minLeaf: fc.integer({ min: 1, max: 8 }),
    constantHessian: fc.boolean(),
    negativeHessians: fc.boolean(),
    randomValue: fc.boolean(),
    seed: fc.integer({ min: 0, max: 1e9 }),
  });

  test('random histograms (property)', () => {
    fc.assert(
      fc.property(histogramCase, (c) => {
        const rng = new RandomGenerator(c.seed);
        const nBins = c.nBins + 1; // the last bin is the missing one
        const hist = new Float64Array(c.nFeatures * nBins * HIST_STRIDE);
        let n = 0;
        let g = 0;
        let h = 0;
        // Feature 0 sets the node totals; the others get the same totals with a different spread.
        const counts = Int32Array.from({ length: nBins }, (_, b) =>
          b === nBins - 1 && !c.hasMissing ? 0 : rng.integers(0, 12),
        );
        const grads = Float64Array.from(counts, (k) => (k === 0 ? 0 : rng.normal() * c.scale * k));
        const hessians = Float64Array.from(counts, (k) => {
          if (k === 0) return 0;
          if (c.constantHessian) return k;
          const v = rng.random() * k * 0.25;
          return c.negativeHessians && rng.random() < 0.2 ? -v : v;
        });
        for (let b = 0; b < nBins; b++) {
          n += counts[b];
          g += grads[b];
          h += hessians[b];
        }
        for (let f = 0; f < c.nFeatures; f++) {
          const perm = f === 0 ? Int32Array.from({ length: nBins - 1 }, (_, b) => b) : rng.permutation(nBins - 1);
          for (let b = 0; b < nBins; b++) {
            const src = b === nBins - 1 ? b : perm[b];
            const o = (f * nBins + b) * HIST_STRIDE;
            hist[o] = grads[src];
            hist[o + 1] = c.constantHessian ? 0 : hessians[src];
            hist[o + 2] = counts[src];
          }
        }
        const ctx: SplitContext = {
          nBins,
          missingBin: nBins - 1,
          nBinsNonMissing: new Int32Array(c.nFeatures).fill(nBins - 1),
          hasMissing: new Uint8Array(c.nFeatures).fill(c.hasMissing ? 1 : 0),
          isCategorical: new Uint8Array(c.nFeatures),
          monotonicCst: null,
          minSamplesLeaf: c.minLeaf,
          minHessianToSplit: c.minHess,
          l2Regularization: c.l2,
          constantHessian: c.constantHessian,
        };
        const value = c.randomValue ? rng.normal() * c.scale : -g / (h + c.l2 + 1e-15);
        const features = Int32Array.from({ length: c.nFeatures }, (_, f) => f);
        const fast = findNodeSplit(hist, features, n, g, h, value, -Infinity, Infinity, ctx);
        const ref = findNodeSplit(hist, features, n, g, h, value, -Number.MAX_VALUE, Number.MAX_VALUE, ctx);
        for (const key of Object.keys(ref) as (keyof typeof ref)[]) {
          const a = fast[key];
          const b = ref[key];
          if (typeof a === 'number' && typeof b === 'number') assert.ok(same(a, b), `${key}: ${a} vs ${b}`);
          else assert.deepEqual(a, b, key);
        }
      }),
      { numRuns: 1500 },
    );
  });

  test('a split whose gain barely beats the best so far is still found (the pre-check is conservative)', () => {
    // Two features with identical histograms except a tiny change: the second's best gain exceeds
    // the first's by a few ulps and must win, as in the generic path.
    const nBins = 5;
    const base: [number, number, number][] = [
      [-3, 1, 3],
      [-1, 1, 1],
      [2, 1, 2],
      [2, 1, 2],
    ];
    const hist = new Float64Array(2 * nBins * HIST_STRIDE);
    for (let f = 0; f < 2; f++) {
      for (const [b, bin] of base.entries()) hist.set(bin, (f * nBins + b) * HIST_STRIDE);
    }
    hist[(nBins + 0) * HIST_STRIDE] = -3 * (1 + 2 ** -50);
    hist[(nBins + 2) * HIST_STRIDE] = 2 + 3 * 2 ** -50;
    const ctx: SplitContext = {
      nBins,
      missingBin: nBins - 1,
      nBinsNonMissing: Int32Array.of(4, 4),
      hasMissing: Uint8Array.of(0, 0),
      isCategorical: Uint8Array.of(0, 0),
      monotonicCst: null,
      minSamplesLeaf: 1,
      minHessianToSplit: 1e-3,
      l2Regularization: 0,
      constantHessian: false,
    };
    const args = [Int32Array.of(0, 1), 8, 0, 4, 0] as const;
    const fast = findNodeSplit(hist, ...args, -Infinity, Infinity, ctx);
    const ref = findNodeSplit(hist, ...args, -Number.MAX_VALUE, Number.MAX_VALUE, ctx);
    assert.equal(fast.feature, ref.feature);
    assert.equal(fast.binIdx, ref.binIdx);
    assert.ok(same(fast.gain, ref.gain));
  });
});

/** Straightforward traversal: the reference for the packed predictors. */
function naivePredict(a: TreeArrays, X: Float64Array, n: number, p: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let node = 0;
    while (a.left[node] >= 0) {
      const x = X[i * p + a.feature[node]];
      const goLeft = Number.isNaN(x) ? a.missingGoToLeft[node] === 1 : x <= a.threshold[node];
      node = goLeft ? a.left[node] : a.right[node];
    }
    out[i] = a.value[node];
  }
  return out;
}

/**
 * A random tree over `p` features with `nLeaves` leaves, numbered depth-first (so the packed
 * layout really renumbers); `threshold(f)` picks a numeric threshold, `categorical(f)` (when
 * given and it returns a bitset) makes a categorical node.
 */
function randomTree(
  rng: RandomGenerator,
  p: number,
  nLeaves: number,
  threshold: (f: number) => number,
  categorical?: (f: number) => Uint32Array | null,
): TreeArrays {
  type Node = { f: number; t: number; mgl: number; bits: Uint32Array | null; kids: Node[] | null; v: number };
  const leaf = (): Node => ({ f: -1, t: 0, mgl: 0, bits: null, kids: null, v: rng.normal() });
  const root = leaf();
  const leaves = [root];
  while (leaves.length < nLeaves) {
    const node = leaves.splice(rng.integers(0, leaves.length), 1)[0];
    node.f = rng.integers(0, p);
    node.bits = categorical ? categorical(node.f) : null;
    node.t = threshold(node.f);
    node.mgl = rng.integers(0, 2);
    node.kids = [leaf(), leaf()];
    leaves.push(...node.kids);
  }
  const nodes: Node[] = [];
  const visit = (node: Node) => {
    nodes.push(node);
    if (node.kids) for (const k of node.kids) visit(k);
  };
  visit(root);
  const m = nodes.length;
  const id = new Map(nodes.map((node, k) => [node, k]));
  const arrays: TreeArrays = {
    feature: new Int32Array(m).fill(-1),
    threshold: new Float64Array(m),
    left: new Int32Array(m).fill(-1),
    right: new Int32Array(m).fill(-1),
    value: new Float64Array(m),
    missingGoToLeft: new Uint8Array(m),
    isCategorical: new Uint8Array(m),
    categoryBitsets: new Uint32Array(m * BITSET_WORDS),
  };
  nodes.forEach((node, k) => {
    arrays.value[k] = node.v;
    if (!node.kids) return;
    arrays.feature[k] = node.f;
    arrays.threshold[k] = node.t;
    arrays.left[k] = id.get(node.kids[0]) as number;
    arrays.right[k] = id.get(node.kids[1]) as number;
    arrays.missingGoToLeft[k] = node.mgl;
    if (node.bits) {
      arrays.isCategorical[k] = 1;
      arrays.categoryBitsets.set(node.bits, k * BITSET_WORDS);
    }
  });
  return arrays;
}

describe('TreePredictor: packed numeric prediction', () => {
  test('equals the plain traversal bit for bit, NaN and ±Infinity included (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 23 }),
        (seed, nLeaves, n) => {
          const rng = new RandomGenerator(seed);
          const p = 3;
          const specials = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0];
          const X = Float64Array.from({ length: n * p }, () =>
            rng.random() < 0.15 ? specials[rng.integers(0, specials.length)] : Math.round(rng.normal() * 4) / 2,
          );
          // Thresholds on the data grid (ties with x) and +Infinity (the missing-only split).
          const arrays = randomTree(rng, p, nLeaves, () =>
            rng.random() < 0.1 ? Number.POSITIVE_INFINITY : Math.round(rng.normal() * 4) / 2,
          );
          const tree = new TreePredictor(arrays);
          const out = new Float64Array(n + 2).fill(0.25);
          tree.predict(X, n, p, out, 2);
          const ref = naivePredict(arrays, X, n, p);
          for (let i = 0; i < n; i++) assert.ok(same(out[2 + i], 0.25 + ref[i]), `row ${i}`);
          assert.equal(out[0], 0.25);
          assert.equal(out[1], 0.25);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a single-leaf tree adds its value to every row', () => {
    const tree = new TreePredictor(randomTree(new RandomGenerator(0), 2, 1, () => 0));
    const out = new Float64Array(5);
    tree.predict(new Float64Array(10), 5, 2, out);
    assert.deepEqual(Array.from(out), new Array(5).fill(tree.arrays.value[0]));
  });
});

describe('BinnedTree: prediction on binned rows equals prediction on the raw values', () => {
  /** Data with ties (so duplicate percentile edges), NaN, ±Infinity, and a categorical column 0 with unknown/negative codes. */
  function data(rng: RandomGenerator, n: number, p: number, maxBins: number) {
    const X = new Float64Array(n * p);
    for (let i = 0; i < n; i++) {
      for (let f = 0; f < p; f++) {
        const r = rng.random();
        let v: number;
        if (f === 0) v = r < 0.1 ? Number.NaN : r < 0.15 ? -1 : rng.integers(0, Math.min(6, maxBins));
        else if (r < 0.08) v = Number.NaN;
        else if (r < 0.1) v = r < 0.09 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
        else if (f === 1)
          v = rng.integers(0, 3); // few distinct values
        else v = r < 0.5 ? 1.5 : rng.normal(); // a heavy tie: duplicate edges
        X[i * p + f] = v;
      }
    }
    return X;
  }

  function treeOn(rng: RandomGenerator, mapper: BinMapper, p: number, nLeaves: number): TreeArrays {
    const { thresholds, nBinsNonMissing } = mapper;
    return randomTree(
      rng,
      p,
      nLeaves,
      (f) => {
        if (mapper.isCategorical[f]) return 0;
        // As the grower: the edge of the split bin, +Infinity when only missing values go right.
        const beta = rng.integers(0, nBinsNonMissing[f]);
        return beta === nBinsNonMissing[f] - 1 ? Number.POSITIVE_INFINITY : thresholds[f][beta];
      },
      (f) => {
        if (!mapper.isCategorical[f]) return null;
        const bits = new Uint32Array(BITSET_WORDS);
        for (const c of thresholds[f]) if (rng.random() < 0.5) bits[c >>> 5] |= 1 << (c & 31);
        return bits;
      },
    );
  }

  test('random data and trees grown on its bins (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 2, max: 12 }),
        (seed, nLeaves, n, maxBins) => {
          const rng = new RandomGenerator(seed);
          const p = 3;
          const isCategorical = Uint8Array.of(1, 0, 0);
          const train = data(rng, 80, p, maxBins);
          const mapper = fitBinMapper(train, 80, p, { maxBins, isCategorical });
          const X = data(rng, n, p, maxBins);
          const arrays = treeOn(rng, mapper, p, nLeaves);
          const tree = new TreePredictor(arrays);
          const known = mapper.thresholds.map((cats, f) => {
            if (!isCategorical[f]) return null;
            const bits = new Uint32Array(8);
            for (const c of cats) bits[c >>> 5] |= 1 << (c & 31);
            return bits;
          });
          const floatOut = new Float64Array(n);
          tree.predict(X, n, p, floatOut, 0, known);
          const binned = tree.binned(mapper);
          assert.ok(binned, 'every threshold is an edge of the mapper');
          const binOut = new Float64Array(n + 1);
          binned.predict(binRows(mapper, X, n, p), n, p, binOut, 1);
          for (let i = 0; i < n; i++) assert.ok(same(binOut[1 + i], floatOut[i]), `row ${i}`);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a threshold that is not an edge of the mapper gives null (use the raw values)', () => {
    const x = Float64Array.of(1, 2, 3, 4);
    const mapper = fitBinMapper(x, 4, 1, { maxBins: 4 });
    const arrays = randomTree(new RandomGenerator(3), 1, 2, () => 2.25);
    assert.equal(new TreePredictor(arrays).binned(mapper), null);
    arrays.threshold[0] = mapper.thresholds[0][1];
    assert.notEqual(new TreePredictor(arrays).binned(mapper), null);
  });
});

describe('binning helpers', () => {
  test('binRows is binData transposed to row-major', () => {
    const rng = new RandomGenerator(5);
    const n = 37;
    const p = 4;
    const X = Float64Array.from({ length: n * p }, () => (rng.random() < 0.1 ? Number.NaN : rng.normal()));
    const mapper = fitBinMapper(X, n, p, { maxBins: 7 });
    const { binned } = binData(mapper, X, n, p);
    const rows = binRows(mapper, X, n, p);
    for (let i = 0; i < n; i++) for (let f = 0; f < p; f++) assert.equal(rows[i * p + f], binned[f * n + i]);
  });

  test('fitTransformBins equals fitBinMapper + binData on several mixed columns (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 1, max: 700 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 2, max: 255 }),
        (seed, n, p, maxBins) => {
          const rng = new RandomGenerator(seed);
          const isCategorical = Uint8Array.from({ length: p }, () => (rng.random() < 0.3 ? 1 : 0));
          const X = new Float64Array(n * p);
          for (let i = 0; i < n * p; i++) {
            const f = i % p;
            const r = rng.random();
            if (isCategorical[f]) X[i] = r < 0.1 ? Number.NaN : rng.integers(0, Math.min(maxBins, 9));
            else X[i] = r < 0.1 ? Number.NaN : r < 0.3 ? rng.integers(0, 4) : rng.normal();
          }
          const a = fitTransformBins(X, n, p, { maxBins, isCategorical });
          const mapper = fitBinMapper(X, n, p, { maxBins, isCategorical });
          const b = binData(mapper, X, n, p);
          for (let f = 0; f < p; f++) {
            assert.deepEqual(Array.from(a.mapper.thresholds[f]), Array.from(mapper.thresholds[f]));
          }
          assert.deepEqual(Array.from(a.mapper.nBinsNonMissing), Array.from(mapper.nBinsNonMissing));
          assert.deepEqual(Array.from(a.binned), Array.from(b.binned));
          assert.deepEqual(Array.from(a.hasMissing), Array.from(b.hasMissing));
        },
      ),
      { numRuns: 150 },
    );
  });
});
