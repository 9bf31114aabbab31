/**
 * `Tree`: a fitted decision tree stored as flat typed arrays, like
 * scikit-learn's `tree_` (`sklearn.tree._tree.Tree`). Node `i` has children
 * `childrenLeft[i]`/`childrenRight[i]` (`-1` for a leaf), splits on
 * `feature[i]` (`-2` for a leaf) at `threshold[i]` (`-2` for a leaf): a sample
 * goes left when `x[feature] <= threshold`, and a missing value (NaN) goes left
 * when `missingGoLeft[i]` is 1. `value` holds `nodeCount × valueWidth` numbers:
 * weighted class counts for classifiers (sklearn 1.2's layout), the node's
 * prediction (mean or median) for regressors. Nodes are numbered depth-first,
 * left child first (best-first trees number them in expansion order, as sklearn).
 *
 * Feature values are compared as float32, as sklearn does after casting `X`.
 */
import { ValidationError } from '../base/errors.js';
import { StateReader } from '../base/state.js';
import { SparseMatrix } from '../tensor/sparse.js';
import { applyPackedAny, type PackedTree, packTree } from './packed-tree.js';

/** Child index of a leaf (sklearn's `TREE_LEAF`). */
export const TREE_LEAF = -1;
/** Feature and threshold of a leaf (sklearn's `TREE_UNDEFINED`). */
export const TREE_UNDEFINED = -2;

/** The fields of one node, as {@link Tree.addNode} takes them. */
export interface NodeRecord {
  parent: number;
  isLeft: boolean;
  isLeaf: boolean;
  feature: number;
  threshold: number;
  impurity: number;
  nNodeSamples: number;
  weightedNNodeSamples: number;
  missingGoLeft: boolean;
}

/**
 * A decision tree's nodes as parallel typed arrays (see the module comment).
 *
 * @example
 * const model = await new DecisionTreeClassifier({ maxDepth: 2 }).fit(X, y);
 * const t = model.tree;
 * t.nodeCount;          // e.g. 5
 * t.feature[0];         // feature of the root split
 * t.apply(Float32Array.of(5.1, 3.5, 1.4, 0.2), 1); // Int32Array [leaf id]
 */
export class Tree {
  /** Number of features the tree was grown on. */
  readonly nFeatures: number;
  /** Numbers stored per node in `value` (number of classes, or 1 for regression). */
  readonly valueWidth: number;
  nodeCount = 0;
  childrenLeft: Int32Array;
  childrenRight: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  impurity: Float64Array;
  nNodeSamples: Int32Array;
  weightedNNodeSamples: Float64Array;
  missingGoLeft: Uint8Array;
  value: Float64Array;
  #packed: PackedTree | undefined;
  #packedFrom: { n: number; arrays: ArrayLike<number>[] } | undefined;

  constructor(nFeatures: number, valueWidth: number, capacity = 16) {
    this.nFeatures = nFeatures;
    this.valueWidth = valueWidth;
    const c = Math.max(1, capacity);
    this.childrenLeft = new Int32Array(c);
    this.childrenRight = new Int32Array(c);
    this.feature = new Int32Array(c);
    this.threshold = new Float64Array(c);
    this.impurity = new Float64Array(c);
    this.nNodeSamples = new Int32Array(c);
    this.weightedNNodeSamples = new Float64Array(c);
    this.missingGoLeft = new Uint8Array(c);
    this.value = new Float64Array(c * valueWidth);
  }

  #grow(capacity: number): void {
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(a: T, width = 1): T => {
      const out = new (a.constructor as { new (n: number): T })(capacity * width);
      out.set(a.subarray(0, this.nodeCount * width));
      return out;
    };
    this.childrenLeft = grow(this.childrenLeft);
    this.childrenRight = grow(this.childrenRight);
    this.feature = grow(this.feature);
    this.threshold = grow(this.threshold);
    this.impurity = grow(this.impurity);
    this.nNodeSamples = grow(this.nNodeSamples);
    this.weightedNNodeSamples = grow(this.weightedNNodeSamples);
    this.missingGoLeft = grow(this.missingGoLeft);
    this.value = grow(this.value, this.valueWidth);
  }

  /** Appends a node (linking it to its parent) and returns its id. */
  addNode(r: NodeRecord): number {
    const id = this.nodeCount;
    if (id >= this.childrenLeft.length) this.#grow(this.childrenLeft.length * 2);
    this.nodeCount++;
    if (r.parent >= 0) {
      if (r.isLeft) this.childrenLeft[r.parent] = id;
      else this.childrenRight[r.parent] = id;
    }
    this.childrenLeft[id] = TREE_LEAF;
    this.childrenRight[id] = TREE_LEAF;
    this.feature[id] = r.isLeaf ? TREE_UNDEFINED : r.feature;
    this.threshold[id] = r.isLeaf ? TREE_UNDEFINED : r.threshold;
    this.impurity[id] = r.impurity;
    this.nNodeSamples[id] = r.nNodeSamples;
    this.weightedNNodeSamples[id] = r.weightedNNodeSamples;
    this.missingGoLeft[id] = r.isLeaf ? 0 : r.missingGoLeft ? 1 : 0;
    return id;
  }

  /** Turns node `id` into a leaf (best-first growth and pruning). */
  makeLeaf(id: number): void {
    this.#packed = undefined;
    this.childrenLeft[id] = TREE_LEAF;
    this.childrenRight[id] = TREE_LEAF;
    this.feature[id] = TREE_UNDEFINED;
    this.threshold[id] = TREE_UNDEFINED;
    this.missingGoLeft[id] = 0;
  }

  /** Shrinks the arrays to `nodeCount`. */
  trim(): this {
    if (this.childrenLeft.length !== this.nodeCount) this.#grow(Math.max(1, this.nodeCount));
    return this;
  }

  /** Depth of the tree (edges on the longest root-to-leaf path; 0 for a lone root). */
  get maxDepth(): number {
    if (this.nodeCount === 0) return 0;
    const depth = new Int32Array(this.nodeCount);
    let max = 0;
    // Children always have larger ids than their parent, so one forward pass suffices.
    for (let i = 0; i < this.nodeCount; i++) {
      const l = this.childrenLeft[i];
      if (l === TREE_LEAF) continue;
      const d = depth[i] + 1;
      depth[l] = d;
      depth[this.childrenRight[i]] = d;
      if (d > max) max = d;
    }
    return max;
  }

  /** Number of leaves. */
  get nLeaves(): number {
    let n = 0;
    for (let i = 0; i < this.nodeCount; i++) if (this.childrenLeft[i] === TREE_LEAF) n++;
    return n;
  }

  /**
   * The tree laid out for prediction ({@link packTree}), built on first use and
   * kept while `nodeCount` and the node arrays (the objects) stay the same;
   * `addNode` and `makeLeaf` also rebuild it. Other in-place edits of the
   * node arrays are not seen.
   * @example applyPacked(tree.packed, X32, 0, n, leaves)
   */
  get packed(): PackedTree {
    const arrays = [this.childrenLeft, this.childrenRight, this.feature, this.threshold, this.missingGoLeft];
    const from = this.#packedFrom;
    if (
      this.#packed === undefined ||
      from === undefined ||
      from.n !== this.nodeCount ||
      arrays.some((a, i) => a !== from.arrays[i])
    ) {
      this.#packed = packTree(this);
      this.#packedFrom = { n: this.nodeCount, arrays };
    }
    return this.#packed;
  }

  /**
   * Leaf id reached by each row of a row-major float32 matrix with `nFeatures` columns.
   * @example tree.apply(X32, nRows) // Int32Array of leaf ids
   */
  apply(X: Float32Array, nRows: number, out: Int32Array = new Int32Array(nRows)): Int32Array {
    const p = this.packed;
    applyPackedAny(p, X, 0, nRows, out);
    const leafNode = p.leafNode;
    for (let i = 0; i < nRows; i++) out[i] = leafNode[out[i]];
    return out;
  }

  /**
   * The nodes each row passes through, as a CSR indicator matrix
   * `[nRows, nodeCount]` (sklearn's `decision_path`).
   * @example tree.decisionPath(X32, nRows).indptr
   */
  decisionPath(X: Float32Array, nRows: number): SparseMatrix {
    const f = this.nFeatures;
    const indptr = new Int32Array(nRows + 1);
    const indices: number[] = [];
    for (let i = 0; i < nRows; i++) {
      let node = 0;
      for (;;) {
        indices.push(node);
        const l = this.childrenLeft[node];
        if (l === TREE_LEAF) break;
        const v = X[i * f + this.feature[node]];
        node =
          v <= this.threshold[node] || (Number.isNaN(v) && this.missingGoLeft[node] === 1)
            ? l
            : this.childrenRight[node];
      }
      indptr[i + 1] = indices.length;
    }
    const data = new Float64Array(indices.length).fill(1);
    return new SparseMatrix(data, Int32Array.from(indices), indptr, [nRows, this.nodeCount]);
  }

  /**
   * Mean decrease in impurity per feature (sklearn's `compute_feature_importances`):
   * `Σ wₙ·impₙ − w_l·imp_l − w_r·imp_r` over the nodes split on each feature,
   * divided by the root weight, then normalised to sum to 1 when `normalize`.
   */
  computeFeatureImportances(normalize = true): Float64Array {
    const out = new Float64Array(this.nFeatures);
    const w = this.weightedNNodeSamples;
    const imp = this.impurity;
    for (let i = 0; i < this.nodeCount; i++) {
      const l = this.childrenLeft[i];
      if (l === TREE_LEAF) continue;
      const r = this.childrenRight[i];
      out[this.feature[i]] += w[i] * imp[i] - w[l] * imp[l] - w[r] * imp[r];
    }
    if (this.nodeCount > 0 && w[0] > 0) for (let j = 0; j < out.length; j++) out[j] /= w[0];
    if (normalize) {
      let total = 0;
      for (let j = 0; j < out.length; j++) total += out[j];
      if (total > 0) for (let j = 0; j < out.length; j++) out[j] /= total;
    }
    return out;
  }

  /** The arrays to save (trimmed copies). */
  toState(): Record<string, unknown> {
    const n = this.nodeCount;
    return {
      nFeatures: this.nFeatures,
      valueWidth: this.valueWidth,
      nodeCount: n,
      childrenLeft: this.childrenLeft.slice(0, n),
      childrenRight: this.childrenRight.slice(0, n),
      feature: this.feature.slice(0, n),
      threshold: this.threshold.slice(0, n),
      impurity: this.impurity.slice(0, n),
      nNodeSamples: this.nNodeSamples.slice(0, n),
      weightedNNodeSamples: this.weightedNNodeSamples.slice(0, n),
      missingGoLeft: this.missingGoLeft.slice(0, n),
      value: this.value.slice(0, n * this.valueWidth),
    };
  }

  /**
   * Rebuilds a tree from {@link Tree.toState}'s output, checking every array's
   * type and length and that children point forward to valid nodes.
   */
  static fromState(state: unknown, where = 'saved tree'): Tree {
    const r = new StateReader(state, where);
    const nFeatures = r.number('nFeatures', { integer: true, min: 1 });
    const valueWidth = r.number('valueWidth', { integer: true, min: 1 });
    const n = r.number('nodeCount', { integer: true, min: 1 });
    const s = state as Record<string, unknown>;
    const typed = <T>(key: string, ctor: new (...a: never[]) => T, length: number): T => {
      const v = s[key];
      if (!(v instanceof ctor) || (v as unknown as ArrayLike<number>).length !== length) {
        throw new ValidationError(`${where}: '${key}' must be a ${ctor.name} of length ${length}`);
      }
      return v;
    };
    const t = new Tree(nFeatures, valueWidth, n);
    t.childrenLeft = typed('childrenLeft', Int32Array, n);
    t.childrenRight = typed('childrenRight', Int32Array, n);
    t.feature = typed('feature', Int32Array, n);
    t.threshold = typed('threshold', Float64Array, n);
    t.impurity = typed('impurity', Float64Array, n);
    t.nNodeSamples = typed('nNodeSamples', Int32Array, n);
    t.weightedNNodeSamples = typed('weightedNNodeSamples', Float64Array, n);
    t.missingGoLeft = typed('missingGoLeft', Uint8Array, n);
    t.value = typed('value', Float64Array, n * valueWidth);
    t.nodeCount = n;
    for (let i = 0; i < n; i++) {
      const l = t.childrenLeft[i];
      const rr = t.childrenRight[i];
      const leaf = l === TREE_LEAF && rr === TREE_LEAF;
      const ok = leaf || (l > i && l < n && rr > i && rr < n && t.feature[i] >= 0 && t.feature[i] < nFeatures);
      if (!ok) throw new ValidationError(`${where}: node ${i} has invalid children or feature`);
    }
    return t;
  }
}
