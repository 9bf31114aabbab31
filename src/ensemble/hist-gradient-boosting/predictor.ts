/**
 * A fitted boosting tree as flat typed arrays (scikit-learn's `TreePredictor`
 * `nodes` record array), predicting on raw float data: numeric splits compare
 * `x <= threshold` (edges mapped back from bins), categorical splits test the
 * category in a 256-bit set per node, NaN follows the node's
 * `missingGoToLeft`. Categories unseen in training (and negative ones) are
 * treated as missing.
 */

/** The arrays of a {@link TreePredictor}; node 0 is the root, leaves have `left = -1`. */
export interface TreeArrays {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  missingGoToLeft: Uint8Array;
  isCategorical: Uint8Array;
  /** Per node, 8 words: the categories (0..255) sent left (zeros for numeric nodes). */
  categoryBitsets: Uint32Array;
}

/** Words per node in `categoryBitsets` (256 categories). */
export const BITSET_WORDS = 8;

/**
 * One tree of a histogram gradient boosting model.
 * @example
 * const tree = new TreePredictor(arrays);
 * tree.predict(X, nRows, nCols, out); // adds each row's leaf value to out
 */
export class TreePredictor {
  constructor(readonly arrays: TreeArrays) {}

  /** Number of nodes (internal and leaves). */
  get nodeCount(): number {
    return this.arrays.left.length;
  }

  /** Number of leaves. */
  get nLeaves(): number {
    let c = 0;
    for (const l of this.arrays.left) if (l < 0) c++;
    return c;
  }

  /** Depth of the deepest leaf (0 for a single leaf). */
  get maxDepth(): number {
    const { left, right } = this.arrays;
    const depth = new Int32Array(left.length);
    let max = 0;
    for (let node = 0; node < left.length; node++) {
      if (left[node] < 0) continue;
      depth[left[node]] = depth[right[node]] = depth[node] + 1;
      if (depth[node] + 1 > max) max = depth[node] + 1;
    }
    return max;
  }

  /**
   * Adds the leaf value of each of the `n` rows of the row-major `X` (`p`
   * columns) to `out[offset + i]`; `knownCategories[f]` (a 256-bit set, or
   * null) marks the categories seen in training for categorical feature `f`.
   */
  predict(
    X: Float64Array,
    n: number,
    p: number,
    out: Float64Array,
    offset = 0,
    knownCategories: (Uint32Array | null)[] = [],
  ): void {
    const { feature, threshold, left, right, value, missingGoToLeft, isCategorical, categoryBitsets } = this.arrays;
    for (let i = 0; i < n; i++) {
      let node = 0;
      const row = i * p;
      while (left[node] >= 0) {
        const f = feature[node];
        const x = X[row + f];
        let goLeft: boolean;
        if (Number.isNaN(x)) goLeft = missingGoToLeft[node] === 1;
        else if (isCategorical[node] === 1) {
          const known = knownCategories[f];
          const c = x | 0;
          if (x < 0 || x >= 256 || (known && ((known[c >>> 5] >>> (c & 31)) & 1) === 0)) {
            goLeft = missingGoToLeft[node] === 1;
          } else {
            goLeft = ((categoryBitsets[node * BITSET_WORDS + (c >>> 5)] >>> (c & 31)) & 1) === 1;
          }
        } else goLeft = x <= threshold[node];
        node = goLeft ? left[node] : right[node];
      }
      out[offset + i] += value[node];
    }
  }

  /** The arrays as a plain object for saving. */
  toState(): Record<string, unknown> {
    return { ...this.arrays };
  }

  /**
   * Restores a tree from {@link toState}'s output, checking every array and
   * that child links point forward inside the tree (no cycles).
   * @example TreePredictor.fromState(tree.toState(), 'saved model')
   */
  static fromState(state: unknown, where: string): TreePredictor {
    const s = state as Record<string, unknown>;
    const get = <T>(key: string, type: new (n: number) => T): T => {
      const v = s?.[key];
      if (!(v instanceof type)) throw new TypeError(`${where}: tree field '${key}' must be a ${type.name}`);
      return v;
    };
    const arrays: TreeArrays = {
      feature: get('feature', Int32Array),
      threshold: get('threshold', Float64Array),
      left: get('left', Int32Array),
      right: get('right', Int32Array),
      value: get('value', Float64Array),
      missingGoToLeft: get('missingGoToLeft', Uint8Array),
      isCategorical: get('isCategorical', Uint8Array),
      categoryBitsets: get('categoryBitsets', Uint32Array),
    };
    const m = arrays.left.length;
    const sizes = [arrays.feature, arrays.threshold, arrays.right, arrays.value, arrays.missingGoToLeft];
    if (m === 0 || sizes.some((a) => a.length !== m) || arrays.isCategorical.length !== m) {
      throw new TypeError(`${where}: tree arrays must be non-empty and of equal length`);
    }
    if (arrays.categoryBitsets.length !== m * BITSET_WORDS) {
      throw new TypeError(`${where}: categoryBitsets must hold ${BITSET_WORDS} words per node`);
    }
    for (let node = 0; node < m; node++) {
      const l = arrays.left[node];
      const r = arrays.right[node];
      if (l < 0 && r < 0) continue;
      if (!(l > node && l < m && r > node && r < m) || arrays.feature[node] < 0) {
        throw new TypeError(`${where}: tree node ${node} has invalid children or feature`);
      }
    }
    return new TreePredictor(arrays);
  }
}
