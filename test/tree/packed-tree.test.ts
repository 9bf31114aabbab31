import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { RandomGenerator } from '../../src/tensor/random.js';
import { DecisionTreeClassifier } from '../../src/tree/decision-tree-classifier.js';
import { DecisionTreeRegressor } from '../../src/tree/decision-tree-regressor.js';
import {
  applyPacked,
  cachedLeafValues,
  leafValueTable,
  missingRows,
  packTree,
  roundDownToFloat32,
  sumLeafValues,
} from '../../src/tree/packed-tree.js';
import { Tree } from '../../src/tree/tree-structure.js';

const FLT_MAX = 3.4028234663852886e38;
const DENORM_MIN = 1.401298464324817e-45;

/** The float32 right after `v` (towards +Infinity). */
function nextUp32(v: number): number {
  const f = new Float32Array([v]);
  const u = new Uint32Array(f.buffer);
  if (v === 0) return DENORM_MIN;
  u[0] = v > 0 ? u[0] + 1 : u[0] - 1;
  return f[0];
}

/** `Tree.apply` as it was before the packed layout: float64 thresholds, one row at a time. */
function referenceApply(tree: Tree, X: Float32Array, nRows: number): Int32Array {
  const out = new Int32Array(nRows);
  const f = tree.nFeatures;
  for (let i = 0; i < nRows; i++) {
    let node = 0;
    while (tree.childrenLeft[node] !== -1) {
      const v = X[i * f + tree.feature[node]];
      if (v <= tree.threshold[node] || (Number.isNaN(v) && tree.missingGoLeft[node] === 1))
        node = tree.childrenLeft[node];
      else node = tree.childrenRight[node];
    }
    out[i] = node;
  }
  return out;
}

/** Forest accumulation as it was: apply, then normalise each leaf's counts per row. */
function referenceSum(trees: Tree[], X: Float32Array, n: number, k: number, normalize: boolean): Float64Array {
  const acc = new Float64Array(n * k);
  for (const tree of trees) {
    const leaves = referenceApply(tree, X, n);
    for (let i = 0; i < n; i++) {
      const base = leaves[i] * k;
      if (!normalize) {
        for (let c = 0; c < k; c++) acc[i * k + c] += tree.value[base + c];
        continue;
      }
      let s = 0;
      for (let c = 0; c < k; c++) s += tree.value[base + c];
      if (s === 0) continue;
      const inv = 1 / s;
      for (let c = 0; c < k; c++) acc[i * k + c] += tree.value[base + c] * inv;
    }
  }
  return acc;
}

/** A threshold drawn from awkward places: float32-exact, between float32s, huge, infinite. */
function randomThreshold(rng: RandomGenerator): number {
  const u = rng.random();
  if (u < 0.05) return Number.POSITIVE_INFINITY;
  if (u < 0.1) return Number.NEGATIVE_INFINITY;
  if (u < 0.3) return Math.fround(rng.normal());
  if (u < 0.35) return (rng.random() < 0.5 ? -1 : 1) * FLT_MAX * (1 + rng.random() * 1e-7);
  if (u < 0.4) return rng.normal() * 1e-44;
  return rng.normal();
}

/**
 * A random tree with internal nodes numbered depth-first (`order: 'dfs'`, as
 * the depth-first builder) or breadth-first (`'bfs'`, like best-first growth),
 * random class counts (some leaves all zero) and missing-value directions.
 */
function randomTree(rng: RandomGenerator, nFeatures: number, k: number, order: 'dfs' | 'bfs', maxDepth = 9): Tree {
  const tree = new Tree(nFeatures, k, 4);
  type Open = { parent: number; isLeft: boolean; depth: number };
  const open: Open[] = [{ parent: -1, isLeft: false, depth: 0 }];
  while (open.length > 0) {
    const o = (order === 'dfs' ? open.pop() : open.shift()) as Open;
    const isLeaf = o.depth >= maxDepth || (o.depth > 0 && rng.random() < 0.25);
    const id = tree.addNode({
      parent: o.parent,
      isLeft: o.isLeft,
      isLeaf,
      feature: rng.integers(0, nFeatures),
      threshold: randomThreshold(rng),
      impurity: 0,
      nNodeSamples: 1,
      weightedNNodeSamples: 1,
      missingGoLeft: rng.random() < 0.5,
    });
    for (let c = 0; c < k; c++) tree.value[id * k + c] = rng.random() < 0.2 ? 0 : rng.integers(0, 50) / 7;
    if (isLeaf) continue;
    const l = { parent: id, isLeft: true, depth: o.depth + 1 };
    const r = { parent: id, isLeft: false, depth: o.depth + 1 };
    if (order === 'dfs') open.push(r, l);
    else open.push(l, r);
  }
  return tree.trim();
}

/**
 * Rows mixing normal values, NaN, ±Infinity, and values at (and one float32
 * either side of) the float32 roundings of the trees' thresholds.
 */
function randomRows(rng: RandomGenerator, trees: Tree[], n: number, f: number): Float32Array {
  const thresholds = trees.flatMap((t) => Array.from(t.threshold).filter((x) => x !== -2 && Number.isFinite(x)));
  const X = new Float32Array(n * f);
  for (let i = 0; i < X.length; i++) {
    const u = rng.random();
    if (u < 0.04) X[i] = Number.NaN;
    else if (u < 0.06) X[i] = Number.POSITIVE_INFINITY;
    else if (u < 0.08) X[i] = Number.NEGATIVE_INFINITY;
    else if (u < 0.5 && thresholds.length > 0) {
      const t = thresholds[rng.integers(0, thresholds.length)];
      const r = roundDownToFloat32(t);
      const w = rng.integers(0, 4);
      X[i] = w === 0 ? r : w === 1 ? nextUp32(r) : w === 2 ? Math.fround(t) : -nextUp32(-r);
    } else X[i] = rng.normal();
  }
  return X;
}

describe('roundDownToFloat32', () => {
  test('edge cases', () => {
    assert.equal(roundDownToFloat32(0.1), 0.09999999403953552);
    assert.equal(roundDownToFloat32(0.5), 0.5);
    assert.equal(roundDownToFloat32(Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY);
    assert.equal(roundDownToFloat32(Number.NEGATIVE_INFINITY), Number.NEGATIVE_INFINITY);
    assert.ok(Number.isNaN(roundDownToFloat32(Number.NaN)));
    assert.equal(roundDownToFloat32(1e39), FLT_MAX);
    assert.equal(roundDownToFloat32(FLT_MAX * (1 + 1e-9)), FLT_MAX);
    assert.equal(roundDownToFloat32(-1e39), Number.NEGATIVE_INFINITY);
    assert.equal(roundDownToFloat32(-FLT_MAX * (1 + 1e-9)), Number.NEGATIVE_INFINITY);
    assert.equal(roundDownToFloat32(-1e-50), -DENORM_MIN);
    assert.equal(roundDownToFloat32(1e-50), 0);
    assert.equal(roundDownToFloat32(DENORM_MIN * 0.75), 0);
    assert.ok(Object.is(roundDownToFloat32(-0), -0));
  });

  test('v <= t exactly when v <= roundDownToFloat32(t), for float32 v', () => {
    const double = fc.oneof(
      fc.double(),
      fc.double({ min: -1e-44, max: 1e-44 }),
      fc.constantFrom(0, -0, FLT_MAX, -FLT_MAX, 1e39, -1e39, DENORM_MIN, 0.1, -0.1),
    );
    fc.assert(
      fc.property(double, fc.float(), (t, v) => {
        const r = roundDownToFloat32(t);
        if (Number.isNaN(t)) return Number.isNaN(r);
        // r is a float32 not above t, and the next float32 is above t.
        if (Math.fround(r) !== r || r > t) return false;
        if (r !== Number.POSITIVE_INFINITY && nextUp32(r) <= t) return false;
        return v <= t === v <= r && nextUp32(r) <= t === nextUp32(r) <= r;
      }),
      { numRuns: 20000 },
    );
  });
});

describe('packTree / applyPacked', () => {
  test('leaf ids match the reference walk on random trees and awkward rows', () => {
    const rng = new RandomGenerator(7);
    for (let trial = 0; trial < 60; trial++) {
      const f = rng.integers(1, 6);
      const tree = randomTree(rng, f, 2, trial % 2 === 0 ? 'dfs' : 'bfs', rng.integers(0, 12));
      const n = rng.integers(0, 70);
      const X = randomRows(rng, [tree], n, f);
      const expected = referenceApply(tree, X, n);
      assert.deepEqual(Array.from(tree.apply(X, n)), Array.from(expected), `trial ${trial}`);
      // Sub-ranges of every length around the 8-lane kernel's threshold.
      const p = packTree(tree);
      const nan = missingRows(X, f, 0, n);
      for (const [r0, r1] of [
        [0, Math.min(n, 7)],
        [Math.min(n, 1), Math.min(n, 9)],
        [Math.min(n, 3), n],
      ]) {
        const out = new Int32Array(r1 - r0);
        applyPacked(p, X, r0, r1, out, nan);
        const ids = Array.from(out, (l) => p.leafNode[l]);
        assert.deepEqual(ids, Array.from(expected.subarray(r0, r1)), `trial ${trial} rows ${r0}..${r1}`);
      }
    }
  });

  test('layout: internal records first, leaves self-looping, root at record 0', () => {
    const rng = new RandomGenerator(3);
    const tree = randomTree(rng, 4, 3, 'dfs', 6);
    const p = packTree(tree);
    assert.equal(p.nInternal + p.leafNode.length, tree.nodeCount);
    assert.equal(p.leafNode.length, tree.nLeaves);
    for (let l = 0; l < p.leafNode.length; l++) {
      const r = p.nInternal + l;
      assert.equal(tree.childrenLeft[p.leafNode[l]], -1);
      assert.equal(p.nodes[4 * r + 2], r);
      assert.equal(p.nodes[4 * r + 3], r);
    }
    // Depth-first numbering puts an internal left child right after its parent.
    for (let r = 0; r < p.nInternal; r++) {
      const left = p.nodes[4 * r + 2];
      assert.ok(left >= p.nInternal || left === r + 1);
    }
  });

  test('a lone root leaf', () => {
    const tree = new Tree(2, 1, 1);
    tree.addNode({
      parent: -1,
      isLeft: false,
      isLeaf: true,
      feature: 0,
      threshold: 0,
      impurity: 0,
      nNodeSamples: 3,
      weightedNNodeSamples: 3,
      missingGoLeft: false,
    });
    assert.deepEqual(Array.from(tree.apply(new Float32Array(2 * 11).fill(Number.NaN), 11)), new Array(11).fill(0));
    assert.deepEqual(Array.from(tree.apply(new Float32Array(0), 0)), []);
  });

  test('missingRows lists the rows holding NaN', () => {
    const X = Float32Array.of(1, 2, Number.NaN, 3, 4, 5, 6, Number.NaN);
    assert.deepEqual(Array.from(missingRows(X, 2, 0, 4)), [1, 3]);
    assert.deepEqual(Array.from(missingRows(X, 2, 2, 3)), []);
    assert.deepEqual(Array.from(missingRows(X, 4, 0, 2)), [0, 1]);
  });

  test('tree.packed is kept, and rebuilt when the tree changes', () => {
    const rng = new RandomGenerator(11);
    const tree = randomTree(rng, 3, 1, 'dfs', 5);
    const p = tree.packed;
    assert.equal(tree.packed, p);
    const X = randomRows(rng, [tree], 40, 3);
    tree.makeLeaf(0);
    assert.notEqual(tree.packed, p);
    assert.deepEqual(Array.from(tree.apply(X, 40)), new Array(40).fill(0));
    const restored = Tree.fromState(randomTree(rng, 3, 1, 'bfs', 5).toState());
    const before = restored.packed;
    restored.threshold = restored.threshold.map((t) => (t === -2 ? t : t + 0.5));
    assert.notEqual(restored.packed, before);
    assert.deepEqual(Array.from(restored.apply(X, 40)), Array.from(referenceApply(restored, X, 40)));
  });

  test('fitted trees (with NaN in training and prediction) agree with the reference', async () => {
    const rng = new RandomGenerator(5);
    const n = 300;
    const f = 4;
    const X: number[][] = [];
    const yc: number[] = [];
    const yr: number[] = [];
    for (let i = 0; i < n; i++) {
      const row = Array.from({ length: f }, () => (rng.random() < 0.1 ? Number.NaN : rng.normal()));
      X.push(row);
      yc.push((row[0] > 0 ? 1 : 0) + (Number.isNaN(row[1]) ? 1 : 0));
      yr.push(Number.isNaN(row[2]) ? 5 : (Number.isNaN(row[0]) ? 0 : row[0]) * 2 + rng.normal());
    }
    const X32 = Float32Array.from(X.flat());
    for (const model of [
      await new DecisionTreeClassifier({ randomState: 0 }).fit(X, yc),
      await new DecisionTreeClassifier({ randomState: 0, maxLeafNodes: 20 }).fit(X, yc),
      await new DecisionTreeRegressor({ randomState: 0 }).fit(X, yr),
    ]) {
      assert.deepEqual(Array.from(model.tree.apply(X32, n)), Array.from(referenceApply(model.tree, X32, n)));
    }
  });
});

describe('sumLeafValues', () => {
  test('bit-identical to applying then normalising per row, tree by tree', () => {
    const rng = new RandomGenerator(21);
    for (const k of [1, 2, 3]) {
      for (const normalize of [true, false]) {
        const f = 5;
        const trees = Array.from({ length: 7 }, (_, t) => randomTree(rng, f, k, t % 3 === 0 ? 'bfs' : 'dfs'));
        const n = 53;
        const X = randomRows(rng, trees, n, f);
        const expected = referenceSum(trees, X, n, k, normalize);
        const acc = new Float64Array(n * k);
        const packs = trees.map((t) => t.packed);
        const tables = trees.map((t) => leafValueTable(t, t.packed, normalize));
        sumLeafValues(packs, tables, k, X, 0, n, acc, new Int32Array(n), missingRows(X, f, 0, n));
        assert.deepEqual(Array.from(acc), Array.from(expected), `k=${k} normalize=${normalize}`);
        // Two row halves into two accumulator slices give the same numbers.
        const halves = new Float64Array(n * k);
        const nan = missingRows(X, f, 0, n);
        const mid = 20;
        sumLeafValues(packs, tables, k, X, 0, mid, halves.subarray(0, mid * k), new Int32Array(mid), nan);
        sumLeafValues(packs, tables, k, X, mid, n, halves.subarray(mid * k), new Int32Array(n - mid), nan);
        assert.deepEqual(Array.from(halves), Array.from(expected));
      }
    }
  });

  test('cachedLeafValues keeps one table per tree and notices a new value array', () => {
    const rng = new RandomGenerator(2);
    const tree = randomTree(rng, 2, 2, 'dfs', 4);
    const a = cachedLeafValues(tree, true);
    assert.equal(cachedLeafValues(tree, true), a);
    assert.notEqual(cachedLeafValues(tree, false), a);
    tree.value = tree.value.map((v) => v + 1);
    const b = cachedLeafValues(tree, false);
    assert.notEqual(b, a);
    assert.deepEqual(Array.from(b), Array.from(leafValueTable(tree, tree.packed, false)));
  });
});
