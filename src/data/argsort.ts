/**
 * Stable argsort of float64 keys by LSD radix sort on the keys' IEEE-754 bits
 * (four 16-bit passes, skipping passes where every key has the same digit).
 * O(n) per key, so sorting by several columns is one stable pass per column
 * from the last key to the first. NaN (missing) sorts last in both directions.
 */
import type { Column } from './column.js';

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
// Which 32-bit half of a float64 holds the sign and exponent on this machine.
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/**
 * Reorders `perm` (row indices) stably by `keys[perm[i]]`, returning a new array.
 * @param descending - largest first; missing values stay last. Default `false`.
 * @example stableArgsort(Int32Array.of(0, 1, 2), Float64Array.of(3, NaN, 1)) // Int32Array [2, 0, 1]
 */
export function stableArgsort(perm: Int32Array, keys: ArrayLike<number>, descending = false): Int32Array {
  const n = perm.length;
  let hi = new Uint32Array(n);
  let lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let v = keys[perm[i]];
    let h: number;
    let l: number;
    if (Number.isNaN(v)) {
      h = 0xffffffff;
      l = 0xffffffff;
    } else {
      if (v === 0) v = 0; // -0 and 0 are equal keys
      F64[0] = v;
      h = U32[HI];
      l = U32[LO];
      // Map the float's bits to an unsigned integer with the same order.
      if (h & 0x80000000) {
        h = ~h >>> 0;
        l = ~l >>> 0;
      } else {
        h = (h | 0x80000000) >>> 0;
      }
      if (descending) {
        h = ~h >>> 0;
        l = ~l >>> 0;
      }
    }
    hi[i] = h;
    lo[i] = l;
  }
  const counts = new Uint32Array(4 * 65536);
  for (let i = 0; i < n; i++) {
    const l = lo[i];
    const h = hi[i];
    counts[l & 0xffff]++;
    counts[65536 + (l >>> 16)]++;
    counts[131072 + (h & 0xffff)]++;
    counts[196608 + (h >>> 16)]++;
  }
  let src: Int32Array = perm;
  let dst: Int32Array = new Int32Array(n);
  let hi2 = new Uint32Array(n);
  let lo2 = new Uint32Array(n);
  for (let pass = 0; pass < 4; pass++) {
    const base = pass * 65536;
    const first = pass < 2 ? lo[0] : hi[0];
    const shift = pass % 2 === 0 ? 0 : 16;
    if (n === 0 || counts[base + ((first >>> shift) & 0xffff)] === n) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[base + d];
      counts[base + d] = sum;
      sum += c;
    }
    const word = pass < 2 ? lo : hi;
    for (let i = 0; i < n; i++) {
      const d = (word[i] >>> shift) & 0xffff;
      const at = counts[base + d]++;
      dst[at] = src[i];
      hi2[at] = hi[i];
      lo2[at] = lo[i];
    }
    [src, dst] = [dst, src];
    [hi, hi2] = [hi2, hi];
    [lo, lo2] = [lo2, lo];
  }
  return src === perm ? perm.slice() : src;
}

/**
 * The values a column sorts by, as float64 with NaN for missing: numbers and
 * datetimes as they are, booleans as 0/1, categories by the rank of their
 * string in sorted order.
 */
export function sortKeys(column: Column): Float64Array {
  switch (column.kind) {
    case 'number':
    case 'datetime':
      return column.data;
    case 'boolean': {
      const out = new Float64Array(column.length);
      for (let i = 0; i < out.length; i++) out[i] = column.isMissing(i) ? Number.NaN : column.data[i];
      return out;
    }
    case 'category': {
      const ranks = column.ranks();
      const codes = column.codes;
      const out = new Float64Array(codes.length);
      for (let i = 0; i < out.length; i++) out[i] = codes[i] < 0 ? Number.NaN : ranks[codes[i]];
      return out;
    }
  }
}
