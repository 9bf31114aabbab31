/**
 * Data preparation shared by every tree learner: `X` cast to float32 and laid
 * out column by column (sklearn casts to float32 too, so thresholds are
 * midpoints of float32 values), and each column's argsort, computed once and
 * shared by every tree of a forest (the best splitter keeps these orders
 * partitioned node by node instead of sorting at every node).
 */

/**
 * Row-major float64 `[n, f]` → column-major float32 (`out[j * n + i]`).
 * @example toColumnMajorFloat32(Float64Array.of(1, 2, 3, 4), 2, 2) // Float32Array [1, 3, 2, 4]
 */
export function toColumnMajorFloat32(
  X: ArrayLike<number>,
  n: number,
  f: number,
  out: Float32Array = new Float32Array(n * f),
): Float32Array {
  for (let i = 0; i < n; i++) {
    const base = i * f;
    for (let j = 0; j < f; j++) out[j * n + i] = X[base + j];
  }
  return out;
}

/**
 * Row-major float64 → row-major float32 (what `Tree.apply` reads).
 * @example toFloat32(Float64Array.of(0.1)) // Float32Array [0.10000000149011612]
 */
export function toFloat32(X: ArrayLike<number>): Float32Array {
  const out = new Float32Array(X.length);
  for (let i = 0; i < X.length; i++) out[i] = X[i];
  return out;
}

/**
 * For every column of a column-major float32 matrix, the row indices in
 * ascending value order, NaN last, ties by row index (`out[j * n + k]`).
 * An LSD radix sort (three 11-bit passes) on the float bits mapped to
 * order-preserving unsigned integers: O(n) per column, several times faster
 * than a comparison sort. Also reports which columns hold NaN.
 * @example argsortColumns(Float32Array.of(3, 1, 2), 3, 1).order // Int32Array [1, 2, 0]
 */
export function argsortColumns(X: Float32Array, n: number, f: number): { order: Int32Array; hasNaN: Uint8Array } {
  const order = new Int32Array(n * f);
  const hasNaN = new Uint8Array(f);
  const bits = new Uint32Array(X.buffer, X.byteOffset, X.length);
  const keys = new Uint32Array(n);
  const keysB = new Uint32Array(n);
  const idxA = new Int32Array(n);
  const idxB = new Int32Array(n);
  const count = new Int32Array(2048);
  for (let j = 0; j < f; j++) {
    const base = j * n;
    for (let i = 0; i < n; i++) {
      const v = X[base + i];
      let k: number;
      if (Number.isNaN(v)) {
        k = 0xffffffff;
        hasNaN[j] = 1;
      } else {
        const b = bits[base + i];
        // Negative floats: flip all bits; positive: flip the sign bit. -0 and +0 become equal.
        k = v === 0 ? 0x80000000 : b & 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0;
      }
      keys[i] = k;
      idxA[i] = i;
    }
    let srcK = keys;
    let dstK = keysB;
    let srcI = idxA;
    let dstI = idxB;
    for (let shift = 0; shift < 32; shift += 11) {
      count.fill(0);
      for (let i = 0; i < n; i++) count[(srcK[i] >>> shift) & 2047]++;
      let sum = 0;
      for (let d = 0; d < 2048; d++) {
        const c = count[d];
        count[d] = sum;
        sum += c;
      }
      for (let i = 0; i < n; i++) {
        const k = srcK[i];
        const at = count[(k >>> shift) & 2047]++;
        dstK[at] = k;
        dstI[at] = srcI[i];
      }
      const tk = srcK;
      srcK = dstK;
      dstK = tk;
      const ti = srcI;
      srcI = dstI;
      dstI = ti;
    }
    order.set(srcI, base);
  }
  return { order, hasNaN };
}
