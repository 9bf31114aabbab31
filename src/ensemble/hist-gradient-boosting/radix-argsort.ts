/**
 * `radixArgsort`: the stable argsort of float64 values that binning runs on
 * every feature (LSD radix sort on the order-preserving integer keys of the
 * values' bits, high word first, with insertion-sorted runs for ties in the
 * high word). Not part of the public API.
 */

/**
 * Work buffers of {@link radixArgsort} for up to `capacity` values, reused
 * across calls (binning sorts every feature; fresh large typed arrays per
 * call cost page faults).
 * @example const scratch = radixScratch(n); radixArgsort(values, scratch);
 */
export interface RadixScratch {
  capacity: number;
  buffers: [Uint32Array, Int32Array, Uint32Array, Int32Array];
}

/**
 * Scratch for {@link radixArgsort} on up to `capacity` values.
 * @example const scratch = radixScratch(1000);
 */
export function radixScratch(capacity: number): RadixScratch {
  return {
    capacity,
    buffers: [new Uint32Array(capacity), new Int32Array(capacity), new Uint32Array(capacity), new Int32Array(capacity)],
  };
}

/** Order-preserving map of a double's high word to an unsigned integer: flip all bits of negatives, the sign bit of the rest. */
const mapHigh = (h: number) => (h & 0x80000000 ? ~h >>> 0 : (h | 0x80000000) >>> 0);

/** Runs longer than this are radix-sorted rather than insertion-sorted. */
const INSERTION_RUN = 32;

/**
 * Stable sort of `idx[a..b)`, whose values share one mapped high word, by
 * their mapped low words. `hi[a..b)` is free to overwrite; `key2`/`idx2`
 * hold at least `b - a` entries.
 */
function sortRunByLow(
  words: Uint32Array,
  hi: Uint32Array,
  idx: Int32Array,
  key2: Uint32Array,
  idx2: Int32Array,
  a: number,
  b: number,
  counts: Int32Array,
): void {
  // Negative values (mapped high word below 2^31) order their low words reversed.
  const flip = hi[a] < 0x80000000 ? 0xffffffff : 0;
  if (b - a <= INSERTION_RUN) {
    for (let k = a + 1; k < b; k++) {
      const i = idx[k];
      const l = (words[2 * i] ^ flip) >>> 0;
      let j = k - 1;
      while (j >= a && (words[2 * idx[j]] ^ flip) >>> 0 > l) {
        idx[j + 1] = idx[j];
        j--;
      }
      idx[j + 1] = i;
    }
    return;
  }
  const m = b - a;
  let key = hi.subarray(a, b);
  let ids = idx.subarray(a, b);
  let keyOut = key2.subarray(0, m);
  let idsOut = idx2.subarray(0, m);
  for (let t = 0; t < m; t++) key[t] = (words[2 * ids[t]] ^ flip) >>> 0;
  for (let pass = 0; pass < 3; pass++) {
    const shift = 11 * pass;
    const mask = pass === 2 ? 1023 : 2047;
    counts.fill(0);
    for (let t = 0; t < m; t++) counts[(key[t] >>> shift) & mask]++;
    if (counts[(key[0] >>> shift) & mask] === m) continue;
    let sum = 0;
    for (let d = 0; d <= mask; d++) {
      const c = counts[d];
      counts[d] = sum;
      sum += c;
    }
    for (let t = 0; t < m; t++) {
      const k = key[t];
      const pos = counts[(k >>> shift) & mask]++;
      keyOut[pos] = k;
      idsOut[pos] = ids[t];
    }
    [key, keyOut] = [keyOut, key];
    [ids, idsOut] = [idsOut, ids];
  }
  if (ids.buffer !== idx.buffer || ids.byteOffset !== idx.byteOffset + 4 * a) idx.set(ids, a);
}

/**
 * The permutation sorting `values` ascending (NaN-free; -0 before +0, equal
 * values in index order), by an LSD radix sort on the high 32 bits of the
 * IEEE-754 value (order-preserving map; three passes of 11/11/10 bits,
 * passes whose digit is the same for every value skipped), then an
 * insertion sort on the low 32 bits inside the rare runs of equal high
 * words. Linear time: binning sorts every feature, where a comparison sort
 * was the slowest step. With `scratch` (capacity at least `values.length`)
 * nothing is allocated and the result is a view into the scratch, valid
 * until its next use.
 * @example radixArgsort(Float64Array.of(3, -1, 2)) // Int32Array [1, 2, 0]
 */
export function radixArgsort(values: Float64Array, scratch?: RadixScratch): Int32Array {
  const n = values.length;
  const work = scratch && scratch.capacity >= n ? scratch : radixScratch(n);
  let [hi, idx, hi2, idx2] = work.buffers;
  // The IEEE-754 words, read in place (a float64 view is always 8-byte aligned).
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  loadKeys(words, hi, idx, n);
  const counts = new Int32Array(2048);
  for (let pass = 0; pass < 3; pass++) {
    const shift = 11 * pass;
    const mask = pass === 2 ? 1023 : 2047;
    if (!countDigit(hi, n, counts, shift, mask)) continue;
    scatterDigit(hi, idx, hi2, idx2, n, counts, shift, mask);
    const h = hi;
    hi = hi2;
    hi2 = h;
    const i = idx;
    idx = idx2;
    idx2 = i;
  }
  sortRuns(words, hi, idx, hi2, idx2, n, counts);
  return idx.subarray(0, n);
}

// The passes of radixArgsort are separate small functions: V8 optimises
// each once hot, where one large function (run once per feature) keeps
// deoptimising at every loop that has not run yet.

function loadKeys(words: Uint32Array, hi: Uint32Array, idx: Int32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    hi[i] = mapHigh(words[2 * i + 1]);
    idx[i] = i;
  }
}

/** Histogram of the digit `(key >>> shift) & mask` turned into offsets; false when every key has the same digit (pass not needed). */
function countDigit(hi: Uint32Array, n: number, counts: Int32Array, shift: number, mask: number): boolean {
  counts.fill(0);
  for (let i = 0; i < n; i++) counts[(hi[i] >>> shift) & mask]++;
  if (n === 0 || counts[(hi[0] >>> shift) & mask] === n) return false;
  let sum = 0;
  for (let d = 0; d <= mask; d++) {
    const c = counts[d];
    counts[d] = sum;
    sum += c;
  }
  return true;
}

/** One stable counting-sort pass from (`hi`, `idx`) to (`hi2`, `idx2`). */
function scatterDigit(
  hi: Uint32Array,
  idx: Int32Array,
  hi2: Uint32Array,
  idx2: Int32Array,
  n: number,
  counts: Int32Array,
  shift: number,
  mask: number,
): void {
  for (let i = 0; i < n; i++) {
    const h = hi[i];
    const pos = counts[(h >>> shift) & mask]++;
    hi2[pos] = h;
    idx2[pos] = idx[i];
  }
}

/** Runs of equal high words, sorted on the mapped low words (stable). */
function sortRuns(
  words: Uint32Array,
  hi: Uint32Array,
  idx: Int32Array,
  hi2: Uint32Array,
  idx2: Int32Array,
  n: number,
  counts: Int32Array,
): void {
  for (let a = 0; a < n; ) {
    let b = a + 1;
    while (b < n && hi[b] === hi[a]) b++;
    if (b - a > 1) sortRunByLow(words, hi, idx, hi2, idx2, a, b, counts);
    a = b;
  }
}
