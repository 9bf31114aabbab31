/**
 * Sorting along an axis (`sort`, `argsort`), `unique` and `searchsorted`.
 *
 * Order: ascending is numpy's order — stable,
 * NaN after every number. `descending: true` puts larger values first, keeps
 * equal values in their original order (it is a stable sort on the reversed
 * comparison, not the reverse of the ascending result) and still puts NaN
 * last, as `SortOptions` promises; PyTorch instead treats NaN as the largest
 * value. `-0` and `0` compare equal in `argsort`/`unique`; `sort` orders
 * `-0` before `0` when ascending (the typed-array sort it uses does).
 */
import { allocate, type DataArray, isFloat } from './dtype.js';
import { ShapeError } from './errors.js';
import { formatShape, normalizeAxis, shapeSize } from './shape.js';
import { type SortOptions, Tensor } from './tensor.js';

/** Below this run length merge sort hands over to insertion sort. */
const RUN = 16;

/**
 * Stable merge sort of `keys[0..n)` carrying `idx` along (both in place;
 * `tk`/`ti` are scratch of at least `n`). Keys must not contain NaN. Keys
 * travel with their indices so comparisons read contiguous memory.
 */
function mergeSortPairs(keys: Float64Array, idx: Int32Array, tk: Float64Array, ti: Int32Array, n: number): void {
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo + 1; i < hi; i++) {
      const kv = keys[i];
      const iv = idx[i];
      let j = i - 1;
      while (j >= lo && keys[j] > kv) {
        keys[j + 1] = keys[j];
        idx[j + 1] = idx[j];
        j--;
      }
      keys[j + 1] = kv;
      idx[j + 1] = iv;
    }
  }
  let sk = keys;
  let si = idx;
  let dk = tk;
  let di = ti;
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      if (mid < hi && sk[mid - 1] > sk[mid]) {
        while (i < mid && j < hi) {
          // Take from the right only when strictly smaller: that keeps the sort stable.
          if (sk[j] < sk[i]) {
            dk[k] = sk[j];
            di[k++] = si[j++];
          } else {
            dk[k] = sk[i];
            di[k++] = si[i++];
          }
        }
      }
      while (i < mid) {
        dk[k] = sk[i];
        di[k++] = si[i++];
      }
      while (j < hi) {
        dk[k] = sk[j];
        di[k++] = si[j++];
      }
    }
    [sk, dk] = [dk, sk];
    [si, di] = [di, si];
  }
  if (si !== idx) {
    keys.set(sk.subarray(0, n));
    idx.set(si.subarray(0, n));
  }
}

/** Scratch buffers for sorting lanes of length `n`, reused across lanes. */
class LaneSorter {
  readonly keys: Float64Array;
  readonly idx: Int32Array;
  private readonly tk: Float64Array;
  private readonly ti: Int32Array;

  constructor(n: number) {
    this.keys = new Float64Array(n);
    this.idx = new Int32Array(n);
    this.tk = new Float64Array(n);
    this.ti = new Int32Array(n);
  }

  /**
   * Stable argsort of the lane `data[base + j*stride]`, j < n, into `this.idx`
   * (`this.keys` ends up holding the sorted keys, negated when descending;
   * NaN positions come last in original order). Returns the count of non-NaN values.
   */
  sortLane(data: DataArray, base: number, stride: number, n: number, descending: boolean): number {
    const { keys, idx } = this;
    let m = 0;
    for (let j = 0; j < n; j++) {
      const v = data[base + j * stride];
      if (!Number.isNaN(v)) {
        keys[m] = descending ? -v : v;
        idx[m++] = j;
      }
    }
    if (m < n) {
      let p = m;
      for (let j = 0; j < n; j++) {
        const v = data[base + j * stride];
        if (Number.isNaN(v)) {
          keys[p] = Number.NaN;
          idx[p++] = j;
        }
      }
    }
    mergeSortPairs(keys, idx, this.tk, this.ti, m);
    return m;
  }
}

/** Axis layout: lanes of length `n` along `axis`, `inner` apart, `outer * inner` of them. */
function laneLayout(x: Tensor, axis: number): { outer: number; n: number; inner: number } {
  return {
    outer: shapeSize(x.shape.slice(0, axis)),
    n: x.shape[axis],
    inner: shapeSize(x.shape.slice(axis + 1)),
  };
}

/**
 * Sorted copy along `axis` (default -1). Options: `axis`, `descending`
 * (default false). Stable; NaN last in both directions (see the module note).
 * A 0-d tensor is returned as a copy.
 * @example sort(Tensor.from([[3, 1, 2], [0, NaN, -1]])).toArray() // [[1, 2, 3], [-1, 0, NaN]]
 * @example sort(Tensor.from([3, 1, 2]), { descending: true }).toArray() // [3, 2, 1]
 */
export function sort(x: Tensor, options: SortOptions = {}): Tensor {
  if (x.ndim === 0) return x.clone();
  const axis = normalizeAxis(options.axis ?? -1, x.ndim);
  const descending = options.descending ?? false;
  const { outer, n, inner } = laneLayout(x, axis);
  const out = allocate(x.dtype, x.size);
  const src = x.data;
  const float = isFloat(x.dtype);
  const lane = inner === 1 ? null : allocate(x.dtype, n);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      let buf: DataArray;
      if (lane === null) {
        buf = out.subarray(base, base + n);
        buf.set(src.subarray(base, base + n));
      } else {
        buf = lane;
        for (let j = 0; j < n; j++) buf[j] = src[base + j * inner];
      }
      // The default typed-array order is numeric with NaN last.
      buf.sort();
      if (descending) {
        let m = n;
        if (float) while (m > 0 && Number.isNaN(buf[m - 1])) m--;
        buf.subarray(0, m).reverse();
      }
      if (lane !== null) for (let j = 0; j < n; j++) out[base + j * inner] = buf[j];
    }
  }
  return new Tensor(out, x.shape);
}

/**
 * Indices (int32) that sort `x` along `axis` (default -1): taking along the
 * axis with them gives `sort(x)`. Options as {@link sort}; stable, so equal
 * values keep their original order, ascending or descending; NaN last.
 * @example argsort(Tensor.from([3, 1, 2, 1])).toArray() // [1, 3, 2, 0]
 * @example argsort(Tensor.from([3, 1, 2, 3]), { descending: true }).toArray() // [0, 3, 2, 1]
 */
export function argsort(x: Tensor, options: SortOptions = {}): Tensor {
  if (x.ndim === 0) return new Tensor(new Int32Array(1), []);
  const axis = normalizeAxis(options.axis ?? -1, x.ndim);
  const descending = options.descending ?? false;
  const { outer, n, inner } = laneLayout(x, axis);
  const out = new Int32Array(x.size);
  const sorter = new LaneSorter(n);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      sorter.sortLane(x.data, base, inner, n, descending);
      const idx = sorter.idx;
      for (let j = 0; j < n; j++) out[base + j * inner] = idx[j];
    }
  }
  return new Tensor(out, x.shape);
}

/** Result of {@link unique}. */
export interface UniqueResult {
  /** The distinct values of the flattened input, ascending (one NaN at the end if any), input dtype. */
  values: Tensor;
  /** How many times each value occurs (int32). */
  counts: Tensor;
  /** For each input element, the position of its value in `values` (int32, input's shape): `take(values, inverse)` rebuilds the input. */
  inverse: Tensor;
  /** Flat index of each value's first occurrence in the input (int32). */
  indices: Tensor;
}

/**
 * The sorted distinct values of the flattened tensor with their counts, first
 * occurrences and the inverse mapping (numpy's `np.unique` with every
 * `return_*` flag). All NaNs count as one value (numpy ≥ 1.21); `-0` and `0`
 * are one value.
 * @example
 * const u = unique(Tensor.from([3, 1, 3, 2]));
 * u.values.toArray();  // [1, 2, 3]
 * u.counts.toArray();  // [1, 1, 2]
 * u.inverse.toArray(); // [2, 0, 2, 1]
 * u.indices.toArray(); // [1, 3, 0]
 */
export function unique(x: Tensor): UniqueResult {
  const n = x.size;
  const sorter = new LaneSorter(n);
  const m = sorter.sortLane(x.data, 0, 1, n, false);
  const { keys, idx } = sorter;
  const inverse = new Int32Array(n);
  const counts = new Int32Array(n);
  const first = new Int32Array(n);
  let g = -1;
  for (let i = 0; i < n; i++) {
    // Past the non-NaN prefix every element is NaN: one group.
    if (i === 0 || (i < m ? keys[i] !== keys[i - 1] : i === m)) {
      g++;
      first[g] = idx[i];
    }
    counts[g]++;
    inverse[idx[i]] = g;
  }
  const k = g + 1;
  const values = allocate(x.dtype, k);
  for (let j = 0; j < k; j++) values[j] = x.data[first[j]];
  return {
    values: new Tensor(values, [k]),
    counts: new Tensor(counts.slice(0, k), [k]),
    inverse: new Tensor(inverse, x.shape),
    indices: new Tensor(first.slice(0, k), [k]),
  };
}

/** Options of {@link searchsorted}. */
export interface SearchSortedOptions {
  /** `'left'`: first position where the value could go; `'right'`: last. Default `'left'`. */
  side?: 'left' | 'right';
}

/**
 * Insertion points that keep a sorted 1-D tensor sorted, numpy's
 * `np.searchsorted`: for `side: 'left'` the first `i` with `sorted[i] >= v`,
 * for `'right'` the first `i` with `sorted[i] > v`. NaN is ordered after every
 * number, as `sort` leaves it. Returns int32 with the shape of `values` (0-d
 * for a number). `sorted` is not checked for order.
 * @example searchsorted(Tensor.from([1, 2, 2, 3]), [2, 5]).toArray() // [1, 4]
 * @example searchsorted(Tensor.from([1, 2, 2, 3]), 2, { side: 'right' }).item() // 3
 */
export function searchsorted(
  sorted: Tensor,
  values: Tensor | number | ArrayLike<number>,
  options: SearchSortedOptions = {},
): Tensor {
  if (sorted.ndim !== 1) {
    throw new ShapeError(`searchsorted: the sorted tensor must be 1-D, got shape ${formatShape(sorted.shape)}`);
  }
  const side = options.side ?? 'left';
  if (side !== 'left' && side !== 'right') {
    throw new ShapeError(`searchsorted: side must be 'left' or 'right', got '${String(side)}'`);
  }
  let v: ArrayLike<number>;
  let shape: readonly number[];
  if (typeof values === 'number') {
    v = [values];
    shape = [];
  } else if (values instanceof Tensor) {
    v = values.data;
    shape = values.shape;
  } else {
    v = values;
    shape = [values.length];
  }
  const a = sorted.data;
  const n = a.length;
  const right = side === 'right';
  const out = new Int32Array(v.length);
  for (let t = 0; t < v.length; t++) {
    const x = v[t];
    const xNaN = Number.isNaN(x);
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const y = a[mid];
      // Go right while a[mid] < x (left side) or a[mid] <= x (right side), with NaN largest.
      const yNaN = Number.isNaN(y);
      const goRight = right ? (xNaN ? true : !yNaN && y <= x) : xNaN ? !yNaN : y < x;
      if (goRight) lo = mid + 1;
      else hi = mid;
    }
    out[t] = lo;
  }
  return new Tensor(out, shape);
}
