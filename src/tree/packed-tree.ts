/**
 * `PackedTree`: a fitted {@link Tree} re-laid-out for prediction only. Every
 * node is one 16-byte record `[feature, threshold (float32), left, right]` in
 * a single buffer, so visiting a node touches one cache line instead of one in
 * each of `Tree`'s four arrays. Internal nodes come first, then leaves, each
 * group in the tree's own node order (depth-first, left child first, for
 * depth-first growth: the left path then runs forward in memory). A leaf's
 * record has both children pointing at itself, so a row that has reached its
 * leaf can keep stepping in place; records `≥ nInternal` are leaves.
 *
 * Thresholds are stored as the largest float32 not above the tree's float64
 * threshold: for a float32 value `v`, `v <= t` exactly when
 * `v <= roundDownToFloat32(t)` (see {@link roundDownToFloat32}), so the
 * comparisons, and the leaves reached, are identical to `Tree.apply`'s.
 *
 * {@link applyPacked} walks eight rows at once with branch-free steps: a
 * tree walk's left/right choices are unpredictable, and independent rows let
 * the CPU overlap their memory loads instead of stalling on mispredictions.
 */
import type { Tree } from './tree-structure.js';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/**
 * The largest float32 `≤ t` (NaN stays NaN; above the float32 range gives
 * `3.4028234663852886e38`, below it `-Infinity`). For every float32 `v`,
 * `v <= t` ⇔ `v <= roundDownToFloat32(t)`: if `v <= t` then `v` is a float32
 * at most `t`, hence at most the largest such; the converse holds because the
 * result is itself `≤ t`. NaN `v` compares false on both sides.
 * @example roundDownToFloat32(0.1) // 0.09999999403953552 (fround(0.1) is above 0.1)
 */
export function roundDownToFloat32(t: number): number {
  const r = Math.fround(t);
  if (!(r > t)) return r;
  // r is the float32 just above t: step one float32 towards -Infinity.
  if (r === 0) return -1.401298464324817e-45;
  f32[0] = r;
  u32[0] = r > 0 ? u32[0] - 1 : u32[0] + 1;
  return f32[0];
}

/**
 * A tree's prediction layout (see the module comment). Build it with
 * {@link packTree}, or use `tree.packed`, which builds it once and keeps it.
 *
 * @example
 * const p = packTree(model.tree);
 * const leaves = new Int32Array(n);
 * applyPacked(p, X32, 0, n, leaves); // leaf index of each row
 * p.leafNode[leaves[0]];             // the same node id as model.tree.apply(X32, n)[0]
 */
export interface PackedTree {
  /** Columns of the rows it reads. */
  readonly nFeatures: number;
  /** Internal nodes; packed leaf `l` is record `nInternal + l`. */
  readonly nInternal: number;
  /** Four int32 words per record: feature, (threshold bits), left, right. */
  readonly nodes: Int32Array;
  /** The same buffer as float32: the threshold of record `r` is `thresholds[4r + 1]`. */
  readonly thresholds: Float32Array;
  /** 1 where a missing value (NaN) goes to the left child, per record. */
  readonly missingGoLeft: Uint8Array;
  /** `Tree` node id of each leaf. */
  readonly leafNode: Int32Array;
}

/**
 * Lays a tree out for prediction (see the module comment).
 * @example const p = packTree(tree); p.leafNode.length === tree.nLeaves // true
 */
export function packTree(tree: Tree): PackedTree {
  const nodeCount = tree.nodeCount;
  if (nodeCount < 1) throw new Error('packTree: the tree has no nodes');
  const left = tree.childrenLeft;
  const right = tree.childrenRight;
  const feature = tree.feature;
  const threshold = tree.threshold;
  const missing = tree.missingGoLeft;
  if (left[0] === -1) {
    // A lone root leaf (nodes left behind by `makeLeaf(0)` are unreachable).
    const nodes = Int32Array.of(0, 0, 0, 0);
    const leaf = Int32Array.of(0);
    return {
      nFeatures: tree.nFeatures,
      nInternal: 0,
      nodes,
      thresholds: new Float32Array(nodes.buffer),
      missingGoLeft: new Uint8Array(1),
      leafNode: leaf,
    };
  }
  let nInternal = 0;
  for (let i = 0; i < nodeCount; i++) if (left[i] !== -1) nInternal++;
  const nodes = new Int32Array(4 * nodeCount);
  const thresholds = new Float32Array(nodes.buffer);
  const missingGoLeft = new Uint8Array(nodeCount);
  const leafNode = new Int32Array(nodeCount - nInternal);
  // Record of each node: internal nodes and leaves each keep their relative
  // order (the builders number nodes depth-first, so the layout is too); the
  // root, node 0, is the first internal record.
  const rec = new Int32Array(nodeCount);
  let nextInternal = 0;
  let nextLeaf = 0;
  for (let id = 0; id < nodeCount; id++) {
    if (left[id] !== -1) rec[id] = nextInternal++;
    else {
      leafNode[nextLeaf] = id;
      rec[id] = nInternal + nextLeaf++;
    }
  }
  for (let id = 0; id < nodeCount; id++) {
    const r = rec[id];
    const b = 4 * r;
    if (left[id] === -1) {
      nodes[b + 2] = r;
      nodes[b + 3] = r;
    } else {
      nodes[b] = feature[id];
      thresholds[b + 1] = roundDownToFloat32(threshold[id]);
      nodes[b + 2] = rec[left[id]];
      nodes[b + 3] = rec[right[id]];
      missingGoLeft[r] = missing[id];
    }
  }
  return { nFeatures: tree.nFeatures, nInternal, nodes, thresholds, missingGoLeft, leafNode };
}

/**
 * Rows in `[r0, r1)` of a row-major float32 matrix holding a NaN (absolute row numbers).
 * @example missingRows(Float32Array.of(1, NaN, 2, 3), 2, 0, 2) // Int32Array [0]
 */
export function missingRows(X: Float32Array, nFeatures: number, r0: number, r1: number): Int32Array {
  const rows: number[] = [];
  for (let i = r0; i < r1; i++) {
    const base = i * nFeatures;
    for (let j = 0; j < nFeatures; j++) {
      if (Number.isNaN(X[base + j])) {
        rows.push(i);
        break;
      }
    }
  }
  return Int32Array.from(rows);
}

/**
 * Leaf index (into `p.leafNode`) of rows `[r0, r1)` of a row-major float32
 * matrix with `p.nFeatures` columns, written to `out[i - r0]`. Rows holding
 * NaN must be listed in `nanRows` (see {@link missingRows}): they are walked
 * again honouring each node's `missingGoLeft`. A pure function of its inputs
 * (bar `out`), so row ranges can be split between threads.
 * @example applyPacked(p, X32, 0, n, leaves, missingRows(X32, p.nFeatures, 0, n))
 */
export function applyPacked(
  p: PackedTree,
  X: Float32Array,
  r0: number,
  r1: number,
  out: Int32Array,
  nanRows: Int32Array = NO_ROWS,
): void {
  if (r1 - r0 >= 8) applyLanes(p, X, r0, r1, out);
  else applyRows(p, X, r0, r1, out);
  if (nanRows.length > 0) applyMissing(p, X, r0, r1, out, nanRows);
}

const NO_ROWS = new Int32Array(0);

/**
 * {@link applyPacked} for rows that may hold NaN, finding them itself.
 * @example applyPackedAny(tree.packed, X32, 0, n, leaves)
 */
export function applyPackedAny(p: PackedTree, X: Float32Array, r0: number, r1: number, out: Int32Array): void {
  if (p.nInternal < SMALL_TREE) {
    for (let i = r0; i < r1; i++) out[i - r0] = walkMissing(p, X, i);
  } else applyPacked(p, X, r0, r1, out, missingRows(X, p.nFeatures, r0, r1));
}

/**
 * Below this many internal nodes, rows are walked one at a time with the
 * missing-value rule: paths are short, and scanning every row for NaN first
 * would cost more than the eight-lane walk saves.
 */
const SMALL_TREE = 16;

/**
 * The value of each packed leaf, `[nLeaves × tree.valueWidth]`: the tree's
 * `value` row of the leaf, or with `normalize` that row divided by its sum
 * (class probabilities from class counts; all zeros when the sum is 0). Each
 * entry is computed as `value[c] * (1 / sum)`, the product an inline
 * normalisation would form, so sums of these entries match it bit for bit.
 * @example leafValueTable(tree, tree.packed, true) // per-leaf class probabilities
 */
export function leafValueTable(tree: Tree, p: PackedTree, normalize: boolean): Float64Array {
  const k = tree.valueWidth;
  const value = tree.value;
  const leafNode = p.leafNode;
  const table = new Float64Array(leafNode.length * k);
  for (let l = 0; l < leafNode.length; l++) {
    const base = leafNode[l] * k;
    const o = l * k;
    if (!normalize) {
      for (let c = 0; c < k; c++) table[o + c] = value[base + c];
      continue;
    }
    let s = 0;
    for (let c = 0; c < k; c++) s += value[base + c];
    if (s === 0) continue;
    const inv = 1 / s;
    for (let c = 0; c < k; c++) table[o + c] = value[base + c] * inv;
  }
  return table;
}

const tables = new WeakMap<PackedTree, { value: Float64Array; raw?: Float64Array; normalized?: Float64Array }>();

/**
 * {@link leafValueTable} of `tree.packed`, kept with it: meant for fitted
 * trees whose `value` no longer changes (a new `value` array is noticed,
 * edits in place are not).
 * @example sumLeafValues([tree.packed], [cachedLeafValues(tree, false)], 1, X32, 0, n, out, leaves)
 */
export function cachedLeafValues(tree: Tree, normalize: boolean): Float64Array {
  const p = tree.packed;
  let entry = tables.get(p);
  if (entry === undefined || entry.value !== tree.value) {
    entry = { value: tree.value };
    tables.set(p, entry);
  }
  if (normalize) return (entry.normalized ??= leafValueTable(tree, p, true));
  return (entry.raw ??= leafValueTable(tree, p, false));
}

/**
 * Sums, over trees `t` in order, the leaf values `tables[t]` (`k` per leaf,
 * see {@link leafValueTable}) reached by rows `[r0, r1)`: `acc[(i - r0) * k + c]
 * += tables[t][leaf * k + c]`. `leaves` is scratch of at least `r1 - r0`;
 * `nanRows` as in {@link applyPacked}. Pure over the row range, so two halves
 * can run on two threads.
 * @example sumLeafValues(packs, tables, 2, X32, 0, n, acc, new Int32Array(n))
 */
export function sumLeafValues(
  packs: readonly PackedTree[],
  tables: readonly Float64Array[],
  k: number,
  X: Float32Array,
  r0: number,
  r1: number,
  acc: Float64Array,
  leaves: Int32Array,
  nanRows: Int32Array = NO_ROWS,
): void {
  const m = r1 - r0;
  for (let t = 0; t < packs.length; t++) {
    applyPacked(packs[t], X, r0, r1, leaves, nanRows);
    const table = tables[t];
    if (k === 1) {
      for (let i = 0; i < m; i++) acc[i] += table[leaves[i]];
    } else if (k === 2) {
      for (let i = 0; i < m; i++) {
        const l = leaves[i] << 1;
        acc[2 * i] += table[l];
        acc[2 * i + 1] += table[l + 1];
      }
    } else {
      for (let i = 0; i < m; i++) {
        const l = leaves[i] * k;
        const o = i * k;
        for (let c = 0; c < k; c++) acc[o + c] += table[l + c];
      }
    }
  }
}

/** One row at a time (short ranges). */
function applyRows(p: PackedTree, X: Float32Array, r0: number, r1: number, out: Int32Array): void {
  const nodes = p.nodes;
  const thr = p.thresholds;
  const nInt = p.nInternal;
  const f = p.nFeatures;
  for (let i = r0; i < r1; i++) {
    const x = i * f;
    let n = 0;
    while (n < nInt) {
      const b = n << 2;
      n = nodes[b + 3 - +(X[x + nodes[b]] <= thr[b + 1])];
    }
    out[i - r0] = n - nInt;
  }
}

/** The rows of `nanRows` inside `[r0, r1)`, walked with the missing-value rule. */
function applyMissing(p: PackedTree, X: Float32Array, r0: number, r1: number, out: Int32Array, nanRows: Int32Array) {
  for (let k = 0; k < nanRows.length; k++) {
    const i = nanRows[k];
    if (i >= r0 && i < r1) out[i - r0] = walkMissing(p, X, i);
  }
}

/** Leaf index of row `i`, one node at a time, NaN following `missingGoLeft`. */
function walkMissing(p: PackedTree, X: Float32Array, i: number): number {
  const nodes = p.nodes;
  const thr = p.thresholds;
  const m = p.missingGoLeft;
  const nInt = p.nInternal;
  const x = i * p.nFeatures;
  let n = 0;
  while (n < nInt) {
    const b = n << 2;
    const v = X[x + nodes[b]];
    n = v <= thr[b + 1] || (m[n] === 1 && Number.isNaN(v)) ? nodes[b + 2] : nodes[b + 3];
  }
  return n - nInt;
}

/**
 * Eight rows in flight (`r1 - r0 >= 8`): each lane steps its row one level per
 * round without branching on the comparison; a lane whose row reached a leaf
 * (a self-loop record) stores it and takes the next row. Unrolled by hand so
 * the lanes live in registers.
 */
function applyLanes(p: PackedTree, X: Float32Array, r0: number, r1: number, out: Int32Array): void {
  const nodes = p.nodes;
  const thr = p.thresholds;
  const nInt = p.nInternal;
  const f = p.nFeatures;
  let next = r0 + 8;
  let active = 8;
  let i0 = r0 + 0;
  let x0 = i0 * f;
  let n0 = 0;
  let i1 = r0 + 1;
  let x1 = i1 * f;
  let n1 = 0;
  let i2 = r0 + 2;
  let x2 = i2 * f;
  let n2 = 0;
  let i3 = r0 + 3;
  let x3 = i3 * f;
  let n3 = 0;
  let i4 = r0 + 4;
  let x4 = i4 * f;
  let n4 = 0;
  let i5 = r0 + 5;
  let x5 = i5 * f;
  let n5 = 0;
  let i6 = r0 + 6;
  let x6 = i6 * f;
  let n6 = 0;
  let i7 = r0 + 7;
  let x7 = i7 * f;
  let n7 = 0;
  let b = 0;
  while (active > 0) {
    b = n0 << 2;
    n0 = nodes[b + 3 - +(X[x0 + nodes[b]] <= thr[b + 1])];
    b = n1 << 2;
    n1 = nodes[b + 3 - +(X[x1 + nodes[b]] <= thr[b + 1])];
    b = n2 << 2;
    n2 = nodes[b + 3 - +(X[x2 + nodes[b]] <= thr[b + 1])];
    b = n3 << 2;
    n3 = nodes[b + 3 - +(X[x3 + nodes[b]] <= thr[b + 1])];
    b = n4 << 2;
    n4 = nodes[b + 3 - +(X[x4 + nodes[b]] <= thr[b + 1])];
    b = n5 << 2;
    n5 = nodes[b + 3 - +(X[x5 + nodes[b]] <= thr[b + 1])];
    b = n6 << 2;
    n6 = nodes[b + 3 - +(X[x6 + nodes[b]] <= thr[b + 1])];
    b = n7 << 2;
    n7 = nodes[b + 3 - +(X[x7 + nodes[b]] <= thr[b + 1])];
    if (n0 >= nInt && i0 >= 0) {
      out[i0 - r0] = n0 - nInt;
      if (next < r1) {
        i0 = next++;
        x0 = i0 * f;
        n0 = 0;
      } else {
        i0 = -1;
        active--;
      }
    }
    if (n1 >= nInt && i1 >= 0) {
      out[i1 - r0] = n1 - nInt;
      if (next < r1) {
        i1 = next++;
        x1 = i1 * f;
        n1 = 0;
      } else {
        i1 = -1;
        active--;
      }
    }
    if (n2 >= nInt && i2 >= 0) {
      out[i2 - r0] = n2 - nInt;
      if (next < r1) {
        i2 = next++;
        x2 = i2 * f;
        n2 = 0;
      } else {
        i2 = -1;
        active--;
      }
    }
    if (n3 >= nInt && i3 >= 0) {
      out[i3 - r0] = n3 - nInt;
      if (next < r1) {
        i3 = next++;
        x3 = i3 * f;
        n3 = 0;
      } else {
        i3 = -1;
        active--;
      }
    }
    if (n4 >= nInt && i4 >= 0) {
      out[i4 - r0] = n4 - nInt;
      if (next < r1) {
        i4 = next++;
        x4 = i4 * f;
        n4 = 0;
      } else {
        i4 = -1;
        active--;
      }
    }
    if (n5 >= nInt && i5 >= 0) {
      out[i5 - r0] = n5 - nInt;
      if (next < r1) {
        i5 = next++;
        x5 = i5 * f;
        n5 = 0;
      } else {
        i5 = -1;
        active--;
      }
    }
    if (n6 >= nInt && i6 >= 0) {
      out[i6 - r0] = n6 - nInt;
      if (next < r1) {
        i6 = next++;
        x6 = i6 * f;
        n6 = 0;
      } else {
        i6 = -1;
        active--;
      }
    }
    if (n7 >= nInt && i7 >= 0) {
      out[i7 - r0] = n7 - nInt;
      if (next < r1) {
        i7 = next++;
        x7 = i7 * f;
        n7 = 0;
      } else {
        i7 = -1;
        active--;
      }
    }
  }
}
