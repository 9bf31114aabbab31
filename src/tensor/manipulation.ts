/**
 * Shape manipulation: axis permutations (`transpose`, `permute`, `swapaxes`),
 * size-1 axes (`squeeze`, `expandDims`, both free reshapes), `flip`, and
 * repetition (`tile`, `repeat`). Joining and splitting live in `join.ts`,
 * gathers and slices in `indexing.ts`. Results other than reshapes are new
 * contiguous tensors.
 */
import { allocate, type DataArray } from './dtype.js';
import { ShapeError } from './errors.js';
import { asStrided, slice } from './indexing.js';
import { formatShape, normalizeAxis, type Shape, shapeSize, stridesOf } from './shape.js';
import { Tensor } from './tensor.js';

// Tensor's methods import these from here; they are implemented next to the other gathers.
export { booleanMask, take } from './indexing.js';
export { concat, split, stack } from './join.js';

/** Tile edge of the cache-blocked 2-D transpose: 32x32 float64 is 8 KiB per side, inside L1. */
const BLOCK = 32;

/** `out[outOff + j*rows + i] = src[srcOff + i*cols + j]`, visiting BLOCK x BLOCK tiles. */
function transpose2d(src: DataArray, srcOff: number, rows: number, cols: number, out: DataArray, outOff: number): void {
  for (let i0 = 0; i0 < rows; i0 += BLOCK) {
    const i1 = Math.min(i0 + BLOCK, rows);
    for (let j0 = 0; j0 < cols; j0 += BLOCK) {
      const j1 = Math.min(j0 + BLOCK, cols);
      for (let i = i0; i < i1; i++) {
        let q = srcOff + i * cols + j0;
        let p = outOff + j0 * rows + i;
        for (let j = j0; j < j1; j++) {
          out[p] = src[q++];
          p += rows;
        }
      }
    }
  }
}

/** Checks `axes` is a permutation of the axes of an `ndim`-tensor (negatives allowed) and resolves it. */
function resolvePermutation(axes: readonly number[], ndim: number): number[] {
  const bad = (): never => {
    throw new ShapeError(
      `transpose: axes ${formatShape(axes)} are not a permutation of the ${ndim} axes of the tensor (each of 0..${ndim - 1} exactly once)`,
    );
  };
  if (axes.length !== ndim) bad();
  const seen = new Uint8Array(ndim);
  const perm = new Array<number>(ndim);
  for (let i = 0; i < ndim; i++) {
    const a = axes[i];
    if (!Number.isInteger(a) || a < -ndim || a >= ndim) bad();
    const r = a < 0 ? a + ndim : a;
    if (seen[r]) bad();
    seen[r] = 1;
    perm[i] = r;
  }
  return perm;
}

/**
 * Simplifies a permutation copy: size-1 axes carry no layout, and output axes
 * that come from consecutive source axes move together, so they merge.
 * `[2, 3, 4] / [0, 2, 1]` stays as is; `[5, 1, 6, 7] / [2, 3, 0, 1]` becomes
 * `[5, 42] / [1, 0]` (a plain 2-D transpose).
 */
function collapsePermutation(shape: Shape, perm: readonly number[]): { shape: number[]; perm: number[] } {
  const rank = new Int32Array(shape.length);
  const kept: number[] = [];
  for (let d = 0; d < shape.length; d++) {
    rank[d] = kept.length;
    if (shape[d] !== 1) kept.push(shape[d]);
  }
  const p = perm.filter((a) => shape[a] !== 1).map((a) => rank[a]);
  const runs: { start: number; end: number }[] = [];
  for (const a of p) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.end === a - 1) last.end = a;
    else runs.push({ start: a, end: a });
  }
  const order = runs.map((_, i) => i).sort((i, j) => runs[i].start - runs[j].start);
  const position = new Array<number>(runs.length);
  const newShape = new Array<number>(runs.length);
  order.forEach((r, k) => {
    position[r] = k;
    let n = 1;
    for (let d = runs[r].start; d <= runs[r].end; d++) n *= kept[d];
    newShape[k] = n;
  });
  return { shape: newShape, perm: runs.map((_, i) => position[i]) };
}

/**
 * Permutes the axes: output axis `i` is input axis `axes[i]`. Default reverses
 * the axes (the matrix transpose for 2-D). Negative axes count from the end; a
 * list that is not a permutation is a {@link ShapeError}. Returns a new
 * contiguous tensor (2-D transposes and batches of them are cache-blocked).
 * @example
 * transpose(Tensor.from([[1, 2, 3], [4, 5, 6]])).toArray(); // [[1, 4], [2, 5], [3, 6]]
 * transpose(zeros([2, 3, 4]), [2, 0, 1]).shape;             // [4, 2, 3]
 */
export function transpose(x: Tensor, axes?: readonly number[]): Tensor {
  const nd = x.ndim;
  const perm = axes === undefined ? x.shape.map((_, i) => nd - 1 - i) : resolvePermutation(axes, nd);
  const outShape = perm.map((a) => x.shape[a]);
  const c = collapsePermutation(x.shape, perm);
  if (c.perm.length > 3 || (c.perm.length === 3 && (c.perm[0] !== 0 || c.perm[1] !== 2))) {
    const st = stridesOf(c.shape);
    const view = asStrided(
      x,
      c.perm.map((a) => c.shape[a]),
      c.perm.map((a) => st[a]),
    );
    return view.reshape(outShape);
  }
  const out = allocate(x.dtype, x.size);
  const src = x.data;
  if (c.perm.length <= 1) {
    out.set(src);
  } else if (c.perm.length === 2) {
    transpose2d(src, 0, c.shape[0], c.shape[1], out, 0);
  } else {
    // [batch, rows, cols] -> [batch, cols, rows]: a batch of 2-D transposes.
    const [batch, rows, cols] = c.shape;
    const m = rows * cols;
    for (let b = 0; b < batch; b++) transpose2d(src, b * m, rows, cols, out, b * m);
  }
  return new Tensor(out, outShape);
}

/**
 * PyTorch's name for {@link transpose} with explicit axes.
 * @example permute(zeros([2, 3, 4]), [1, 2, 0]).shape // [3, 4, 2]
 */
export function permute(x: Tensor, axes: readonly number[]): Tensor {
  return transpose(x, axes);
}

/**
 * Exchanges two axes (negatives count from the end).
 * @example swapaxes(zeros([2, 3, 4]), 0, -1).shape // [4, 3, 2]
 */
export function swapaxes(x: Tensor, axis1: number, axis2: number): Tensor {
  const a = normalizeAxis(axis1, x.ndim);
  const b = normalizeAxis(axis2, x.ndim);
  const perm = x.shape.map((_, i) => i);
  perm[a] = b;
  perm[b] = a;
  return transpose(x, perm);
}

/**
 * Removes size-1 axes without copying: all of them by default, or the given
 * axis/axes, which must have size 1 ({@link ShapeError} otherwise).
 * @example squeeze(zeros([1, 3, 1])).shape // [3]
 * @example squeeze(zeros([1, 3, 1]), 0).shape // [3, 1]
 */
export function squeeze(x: Tensor, axis?: number | readonly number[]): Tensor {
  if (axis === undefined) return x.reshape(x.shape.filter((d) => d !== 1));
  const list = typeof axis === 'number' ? [axis] : axis;
  const drop = new Uint8Array(x.ndim);
  for (const a of list) {
    const r = normalizeAxis(a, x.ndim);
    if (x.shape[r] !== 1) {
      throw new ShapeError(`squeeze: axis ${a} has size ${x.shape[r]}, only size-1 axes can be removed`);
    }
    drop[r] = 1;
  }
  return x.reshape(x.shape.filter((_, i) => !drop[i]));
}

/**
 * Inserts a size-1 axis at `axis` (in the result's numbering, so -1 appends)
 * without copying.
 * @example expandDims(zeros([2, 3]), 1).shape // [2, 1, 3]
 */
export function expandDims(x: Tensor, axis: number): Tensor {
  const a = normalizeAxis(axis, x.ndim + 1);
  const shape = [...x.shape];
  shape.splice(a, 0, 1);
  return x.reshape(shape);
}

/**
 * Reverses the order of elements along `axis` (a number or a list), or along
 * every axis when omitted. Returns a copy.
 * @example flip(Tensor.from([[1, 2], [3, 4]]), 1).toArray() // [[2, 1], [4, 3]]
 */
export function flip(x: Tensor, axis?: number | readonly number[]): Tensor {
  const ranges = x.shape.map(() => null as [null, null, number] | null);
  const list = axis === undefined ? x.shape.map((_, i) => i) : typeof axis === 'number' ? [axis] : axis;
  for (const a of list) ranges[normalizeAxis(a, x.ndim)] = [null, null, -1];
  return slice(x, ranges);
}

/** Checks a repetition count. */
function assertCount(r: number, what: string): void {
  if (!Number.isInteger(r) || r < 0) throw new ShapeError(`${what}: count ${r} must be a non-negative integer`);
}

/**
 * Repeats the whole tensor `reps` times along each axis, numpy's `np.tile`.
 * `reps` shorter than `x.ndim` is padded with leading 1s; longer, and `x`
 * gains leading size-1 axes.
 * @example tile(Tensor.from([1, 2]), [2, 2]).toArray() // [[1, 2, 1, 2], [1, 2, 1, 2]]
 */
export function tile(x: Tensor, reps: number | readonly number[]): Tensor {
  const r = typeof reps === 'number' ? [reps] : [...reps];
  for (const v of r) assertCount(v, 'tile');
  const nd = Math.max(r.length, x.ndim);
  const shape = [...new Array<number>(nd - x.ndim).fill(1), ...x.shape];
  const rr = [...new Array<number>(nd - r.length).fill(1), ...r];
  // Tile one axis at a time from the last; each pass repeats contiguous blocks.
  let cur: DataArray = x.data;
  const curShape = [...shape];
  for (let d = nd - 1; d >= 0; d--) {
    if (rr[d] === 1) continue;
    const outer = shapeSize(curShape.slice(0, d));
    const block = shapeSize(curShape.slice(d));
    const next = allocate(x.dtype, outer * block * rr[d]);
    let p = 0;
    for (let o = 0; o < outer; o++) {
      const piece = cur.subarray(o * block, (o + 1) * block);
      for (let k = 0; k < rr[d]; k++) {
        next.set(piece, p);
        p += block;
      }
    }
    cur = next;
    curShape[d] *= rr[d];
  }
  return new Tensor(cur === x.data ? cur.slice() : cur, curShape);
}

/**
 * Repeats each element, numpy's `np.repeat`: without `axis` on the flattened
 * tensor (1-D result); with `axis` each slice along it. `repeats` is one count
 * or one count per position along the axis.
 * @example repeat(Tensor.from([[1, 2], [3, 4]]), 2, 0).toArray() // [[1, 2], [1, 2], [3, 4], [3, 4]]
 * @example repeat(Tensor.from([1, 2]), [1, 3]).toArray() // [1, 2, 2, 2]
 */
export function repeat(x: Tensor, repeats: number | ArrayLike<number>, axis?: number): Tensor {
  const src = axis === undefined ? x.reshape(x.size) : x;
  const ax = axis === undefined ? 0 : normalizeAxis(axis, x.ndim);
  const n = src.shape[ax];
  let counts: ArrayLike<number>;
  if (typeof repeats === 'number') counts = new Array<number>(n).fill(repeats);
  else if (repeats.length === 1) counts = new Array<number>(n).fill(repeats[0]);
  else if (repeats.length === n) counts = repeats;
  else {
    throw new ShapeError(`repeat: ${repeats.length} repeat counts given for axis ${ax} of size ${n}`);
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    assertCount(counts[i], 'repeat');
    total += counts[i];
  }
  const outer = shapeSize(src.shape.slice(0, ax));
  const inner = shapeSize(src.shape.slice(ax + 1));
  const outShape = [...src.shape];
  outShape[ax] = total;
  const out = allocate(x.dtype, outer * total * inner);
  const data = src.data;
  let p = 0;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < n; i++) {
      const b = (o * n + i) * inner;
      for (let k = 0; k < counts[i]; k++) {
        for (let t = 0; t < inner; t++) out[p++] = data[b + t];
      }
    }
  }
  return new Tensor(out, outShape);
}
