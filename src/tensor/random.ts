/**
 * Seeded random numbers: {@link RandomGenerator} (numpy's `Generator`) with its
 * distributions, tensor-returning helpers (`randomUniform`, `randomNormal`,
 * `randomIntegers`) and {@link checkRandomState} (sklearn's `check_random_state`).
 * The bits come from xoshiro128** seeded through SplitMix64 (see `rng.ts`).
 *
 * Every algorithm below is fixed and documented, because a seed must keep giving
 * the same numbers across versions:
 * - `random()`: 53 bits from two draws, `((a >>> 5) * 2^26 + (b >>> 6)) / 2^53`.
 * - `normal()`: Marsaglia's polar method on two `random()` values; the second
 *   variate of each pair is cached and returned by the next call.
 * - `integers()`: bitmask rejection (draw, mask to the next power of two, retry
 *   when above the range), so there is no modulo bias. Ranges above 2^32 draw a
 *   masked high word then a low word.
 * - `shuffle()`: Fisher–Yates from the last index down, `j = integers(0, i + 1)`.
 */
import { DTypeError, ShapeError } from './errors.js';
import { type BitGeneratorState, Xoshiro128StarStar } from './rng.js';
import { assertValidShape, type Shape, shapeSize } from './shape.js';
import { Tensor } from './tensor.js';

export type { BitGeneratorState } from './rng.js';
export { seedState, splitMix64, Xoshiro128StarStar } from './rng.js';

const TWO_POW_26 = 67108864;
const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;
const INV_TWO_POW_53 = 1 / TWO_POW_53;
const INV_TWO_POW_24 = 1 / 16777216;

/** Something that can be shuffled in place: a JS array or any typed array. */
export interface MutableArrayLike {
  readonly length: number;
  [index: number]: unknown;
}

/** The state of a {@link RandomGenerator}: the bit generator's words plus the cached spare normal. */
export interface RandomGeneratorState extends BitGeneratorState {
  /** The second variate of the last polar-method pair, not yet returned; `null` when none. */
  spareNormal: number | null;
}

/** Options of {@link RandomGenerator.choice}. */
export interface ChoiceOptions {
  /** Number of draws. Default 1. */
  size?: number;
  /** Draw with replacement. Default `true`. */
  replace?: boolean;
  /** Weights of the `n` candidates: non-negative, finite, summing to > 0 (normalised here). Default uniform. */
  p?: ArrayLike<number>;
}

/** A seed, a generator to draw from, or nothing (a fresh unseeded generator): sklearn's `random_state`. */
export type RandomState = number | RandomGenerator;

function assertFinite(value: number, name: string, fn: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${fn}: ${name} must be a finite number, got ${String(value)}`);
  }
}

function assertScale(std: number, fn: string): void {
  if (typeof std !== 'number' || !Number.isFinite(std) || std < 0) {
    throw new RangeError(`${fn}: std must be a finite number >= 0, got ${String(std)}`);
  }
}

function assertCount(n: number, name: string, fn: string): void {
  if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) {
    throw new RangeError(`${fn}: ${name} must be an integer in [0, 2^31 - 1], got ${String(n)}`);
  }
}

/** `high - low` after checking both are integers within ±2^53 with 0 < high - low <= 2^53 (every result then is a safe integer). */
function integerRange(low: number, high: number, fn: string): number {
  if (!Number.isInteger(low) || !Number.isInteger(high) || Math.abs(low) > TWO_POW_53 || Math.abs(high) > TWO_POW_53) {
    throw new RangeError(`${fn}: low and high must be integers within ±2^53, got low=${low}, high=${high}`);
  }
  const range = high - low;
  if (!(range > 0 && range <= TWO_POW_53)) {
    throw new RangeError(`${fn}: need low < high and high - low <= 2^53, got low=${low}, high=${high}`);
  }
  return range;
}

/** Replaces the root of the min-heap `(keys, idx)[0..size)` with `(key, index)` and restores heap order. */
function siftDownMin(keys: Float64Array, idx: Int32Array, size: number, key: number, index: number): void {
  let c = 0;
  for (;;) {
    let child = 2 * c + 1;
    if (child >= size) break;
    if (child + 1 < size && keys[child + 1] < keys[child]) child++;
    if (keys[child] >= key) break;
    keys[c] = keys[child];
    idx[c] = idx[child];
    c = child;
  }
  keys[c] = key;
  idx[c] = index;
}

/**
 * A seeded random generator with numpy-style distributions, like numpy's
 * `default_rng(seed)`. Reproducible: the same seed gives the same stream on every
 * platform; `state()`/`setState()` save and resume it.
 *
 * @param seed - a non-negative safe integer; absent, the state comes from `crypto.getRandomValues`.
 * @example
 * const rng = new RandomGenerator(42);
 * rng.random();            // float in [0, 1)
 * rng.normal(0, 1);        // standard normal draw
 * rng.integers(0, 10);     // integer in [0, 10)
 * rng.permutation(5);      // Int32Array, a shuffle of 0..4
 */
export class RandomGenerator extends Xoshiro128StarStar {
  private spare = 0;
  private hasSpare = false;

  /**
   * A float64 uniform on [0, 1) with 53 random bits (two 32-bit draws).
   * @example new RandomGenerator(0).random()
   */
  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * TWO_POW_26 + b) * INV_TWO_POW_53;
  }

  /**
   * A uniform draw from [low, high) (`low + (high - low) * random()`; as in numpy,
   * rounding can make the result equal `high` for some bounds).
   * @param low - default 0.
   * @param high - default 1.
   * @example rng.uniform(-1, 1)
   */
  uniform(low = 0, high = 1): number {
    assertFinite(low, 'low', 'uniform');
    assertFinite(high, 'high', 'uniform');
    return low + (high - low) * this.random();
  }

  /**
   * A normal (Gaussian) draw, Marsaglia polar method.
   * @param mean - default 0.
   * @param std - standard deviation, >= 0, default 1.
   * @example rng.normal(10, 2)
   */
  normal(mean = 0, std = 1): number {
    assertFinite(mean, 'mean', 'normal');
    assertScale(std, 'normal');
    return mean + std * this.standardNormal();
  }

  private standardNormal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.random() - 1;
      v = 2 * this.random() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }

  /**
   * A uniform integer in [low, high) (high exclusive), without modulo bias.
   * With one argument, the range is [0, low) like numpy. Bounds must be integers
   * within ±2^53 with `0 < high - low <= 2^53`.
   * @example rng.integers(1, 7) // a die roll
   * @example rng.integers(10)   // 0..9
   */
  integers(low: number, high?: number): number {
    if (high === undefined) {
      high = low;
      low = 0;
    }
    return low + this.below(integerRange(low, high, 'integers'));
  }

  /** Uniform integer in [0, n) for 1 <= n <= 2^53, by bitmask rejection (< 2 draws expected). */
  private below(n: number): number {
    const max = n - 1;
    if (max <= 0xffffffff) {
      if (max === 0) return 0;
      const mask = 0xffffffff >>> Math.clz32(max);
      let r: number;
      do r = (this.nextUint32() & mask) >>> 0;
      while (r > max);
      return r;
    }
    const hiMax = Math.floor(max / TWO_POW_32);
    const hiMask = 0xffffffff >>> Math.clz32(hiMax);
    let v: number;
    do {
      const hi = (this.nextUint32() & hiMask) >>> 0;
      v = hi * TWO_POW_32 + this.nextUint32();
    } while (v > max);
    return v;
  }

  /**
   * Shuffles `array` in place (Fisher–Yates) and returns it. Works on JS arrays and typed arrays.
   * @example rng.shuffle([1, 2, 3, 4])
   */
  shuffle<T extends MutableArrayLike>(array: T): T {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.below(i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /**
   * A random permutation of 0..n-1.
   * @example rng.permutation(4) // e.g. Int32Array [2, 0, 3, 1]
   */
  permutation(n: number): Int32Array {
    assertCount(n, 'n', 'permutation');
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return this.shuffle(out);
  }

  /**
   * Draws `size` indices from 0..n-1 (numpy's `choice(n, size, replace, p)`).
   *
   * - uniform, with replacement: `integers(0, n)` per draw.
   * - uniform, without replacement: the first `size` steps of a Fisher–Yates
   *   shuffle run forward (`j = i + integers(0, n - i)`); the pool is a typed array
   *   when `size` is a large part of `n`, else a Map of the displaced entries, so
   *   drawing 10 of 10^9 costs O(10). Both give the same numbers.
   * - weighted, with replacement: `random() * sum(p)` located by binary search in
   *   the cumulative weights.
   * - weighted, without replacement: Efraimidis–Spirakis keys `log(u) / p[i]`
   *   (u uniform on (0, 1], one draw per positive weight in index order); the
   *   `size` largest keys (kept in a min-heap, O(n log size)), largest first. This has the same distribution as
   *   numpy's sequential method (draw, remove, renormalise), but not its numbers.
   *
   * Throws a RangeError for a bad `n`/`size`, for `size > n` (or more than the
   * number of positive weights) without replacement, and for `p` with a
   * negative/non-finite entry (naming its index) or summing to 0; a ShapeError for
   * `p` of the wrong length.
   * @example rng.choice(10, { size: 3, replace: false })
   * @example rng.choice(3, { size: 5, p: [0.5, 0.3, 0.2] })
   */
  choice(n: number, options: ChoiceOptions = {}): Int32Array {
    const { size = 1, replace = true, p } = options;
    assertCount(n, 'n', 'choice');
    assertCount(size, 'size', 'choice');
    const out = new Int32Array(size);
    if (size === 0) return out;
    if (n === 0) throw new RangeError(`choice: cannot draw ${size} value(s) from an empty population (n = 0)`);
    if (p === undefined) {
      if (replace) {
        for (let i = 0; i < size; i++) out[i] = this.below(n);
      } else {
        if (size > n) throw new RangeError(`choice: cannot draw ${size} values from ${n} without replacement`);
        this.partialShuffle(n, out);
      }
      return out;
    }
    if (p.length !== n) throw new ShapeError(`choice: p has length ${p.length}, expected n = ${n}`);
    let total = 0;
    let positive = 0;
    for (let i = 0; i < n; i++) {
      const w = p[i];
      if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
        throw new RangeError(`choice: p[${i}] = ${String(w)} is not a finite non-negative weight`);
      }
      total += w;
      if (w > 0) positive++;
    }
    if (!(total > 0) || !Number.isFinite(total)) {
      throw new RangeError(`choice: the weights in p must sum to a finite value > 0, got ${total}`);
    }
    if (replace) this.weightedWithReplacement(p, total, out);
    else {
      if (size > positive) {
        throw new RangeError(
          `choice: cannot draw ${size} values without replacement: only ${positive} weight(s) are > 0`,
        );
      }
      this.weightedWithoutReplacement(p, out);
    }
    return out;
  }

  private partialShuffle(n: number, out: Int32Array): void {
    const size = out.length;
    if (size * 4 >= n) {
      const pool = new Int32Array(n);
      for (let i = 0; i < n; i++) pool[i] = i;
      for (let i = 0; i < size; i++) {
        const j = i + this.below(n - i);
        out[i] = pool[j];
        pool[j] = pool[i];
      }
      return;
    }
    // Sparse pool: only entries moved by a swap are stored; position i is never read again after step i.
    const moved = new Map<number, number>();
    for (let i = 0; i < size; i++) {
      const j = i + this.below(n - i);
      out[i] = moved.get(j) ?? j;
      moved.set(j, moved.get(i) ?? i);
    }
  }

  private weightedWithReplacement(p: ArrayLike<number>, total: number, out: Int32Array): void {
    const n = p.length;
    const cdf = new Float64Array(n);
    let acc = 0;
    let lastPositive = 0;
    for (let i = 0; i < n; i++) {
      acc += p[i];
      cdf[i] = acc;
      if (p[i] > 0) lastPositive = i;
    }
    for (let k = 0; k < out.length; k++) {
      const u = this.random() * total;
      // First index whose cumulative weight exceeds u; zero weights never qualify.
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cdf[mid] > u) hi = mid;
        else lo = mid + 1;
      }
      // u can round up to the accumulated total: fall back to the last candidate that can be drawn.
      out[k] = lo < n ? lo : lastPositive;
    }
  }

  private weightedWithoutReplacement(p: ArrayLike<number>, out: Int32Array): void {
    const n = p.length;
    const k = out.length;
    // Min-heap (root = smallest key) of the k largest keys seen so far: O(n log k), not a full sort.
    const heapIdx = new Int32Array(k);
    const heapKey = new Float64Array(k);
    let size = 0;
    for (let i = 0; i < n; i++) {
      if (!(p[i] > 0)) continue;
      const key = Math.log(1 - this.random()) / p[i];
      if (size < k) {
        let c = size++;
        while (c > 0) {
          const parent = (c - 1) >> 1;
          if (heapKey[parent] <= key) break;
          heapKey[c] = heapKey[parent];
          heapIdx[c] = heapIdx[parent];
          c = parent;
        }
        heapKey[c] = key;
        heapIdx[c] = i;
      } else if (key > heapKey[0]) {
        siftDownMin(heapKey, heapIdx, k, key, i);
      }
    }
    // Pop smallest first, filling from the back: the output is in decreasing key order.
    for (let t = k - 1; t >= 0; t--) {
      out[t] = heapIdx[0];
      const last = t;
      if (last > 0) siftDownMin(heapKey, heapIdx, last, heapKey[last], heapIdx[last]);
    }
  }

  /**
   * Fills `array` in place with uniform draws from [low, high) and returns it.
   * A Float64Array (or JS array) gets exactly the values of successive `uniform()`
   * calls; a Float32Array gets 24-bit floats from one draw each (`(u32 >>> 8) / 2^24`,
   * numpy's float32 method), which keeps [0, 1) exact in float32.
   * @param low - default 0.
   * @param high - default 1.
   * @example rng.fillUniform(new Float64Array(1000), -1, 1)
   */
  fillUniform<T extends Float64Array | Float32Array | number[]>(array: T, low = 0, high = 1): T {
    assertFinite(low, 'low', 'fillUniform');
    assertFinite(high, 'high', 'fillUniform');
    const width = high - low;
    const n = array.length;
    if (array instanceof Float32Array) {
      for (let i = 0; i < n; i++) array[i] = low + width * ((this.nextUint32() >>> 8) * INV_TWO_POW_24);
    } else {
      for (let i = 0; i < n; i++) {
        const a = this.nextUint32() >>> 5;
        const b = this.nextUint32() >>> 6;
        array[i] = low + width * ((a * TWO_POW_26 + b) * INV_TWO_POW_53);
      }
    }
    return array;
  }

  /**
   * Fills `array` in place with normal draws and returns it; the values equal
   * successive `normal(mean, std)` calls (the cached spare included).
   * @param mean - default 0.
   * @param std - >= 0, default 1.
   * @example rng.fillNormal(new Float32Array(256), 0, 0.01)
   */
  fillNormal<T extends Float64Array | Float32Array | number[]>(array: T, mean = 0, std = 1): T {
    assertFinite(mean, 'mean', 'fillNormal');
    assertScale(std, 'fillNormal');
    const n = array.length;
    for (let i = 0; i < n; i++) array[i] = mean + std * this.standardNormal();
    return array;
  }

  /**
   * Fills `array` in place with uniform integers from [low, high) (same numbers as
   * successive `integers(low, high)` calls) and returns it. For an Int32Array the
   * bounds must lie in int32 range: -2^31 <= low < high <= 2^31.
   * @example rng.fillIntegers(new Int32Array(10), 0, 6)
   */
  fillIntegers<T extends Int32Array | Float64Array | number[]>(array: T, low: number, high: number): T {
    const range = integerRange(low, high, 'fillIntegers');
    if (array instanceof Int32Array && (low < -2147483648 || high > 2147483648)) {
      throw new RangeError(`fillIntegers: [${low}, ${high}) does not fit an Int32Array (int32 range)`);
    }
    for (let i = 0; i < array.length; i++) array[i] = low + this.below(range);
    return array;
  }

  /**
   * The generator's full state (bit-generator words and the cached spare normal),
   * as JSON-serialisable data.
   * @example const saved = rng.state(); const a = rng.normal(); rng.setState(saved); rng.normal() === a; // true
   */
  override state(): RandomGeneratorState {
    return { ...super.state(), spareNormal: this.hasSpare ? this.spare : null };
  }

  /**
   * Restores a state from `state()` (a bare bit-generator state is accepted too and
   * clears the spare normal). Throws a RangeError for an invalid state.
   * @example rng.setState(saved)
   */
  override setState(state: BitGeneratorState | RandomGeneratorState): void {
    super.setState(state);
    const spare = (state as Partial<RandomGeneratorState>).spareNormal;
    if (spare === undefined || spare === null) {
      this.hasSpare = false;
      this.spare = 0;
    } else {
      if (typeof spare !== 'number' || !Number.isFinite(spare)) {
        throw new RangeError(`setState: spareNormal must be a finite number or null, got ${String(spare)}`);
      }
      this.hasSpare = true;
      this.spare = spare;
    }
  }
}

/**
 * A new {@link RandomGenerator}, like numpy's `np.random.default_rng(seed)`.
 * @param seed - non-negative integer; absent, seeded from `crypto.getRandomValues`.
 * @example const rng = defaultRng(0);
 */
export function defaultRng(seed?: number): RandomGenerator {
  return new RandomGenerator(seed);
}

/**
 * Turns a `randomState` option into a generator, like sklearn's `check_random_state`:
 * a number seeds a new generator; a generator is returned as is (so draws advance
 * it); `undefined`/`null` gives a new unseeded generator (sklearn would return the
 * global numpy state; typelearn has no global generator).
 * Anything else is a TypeError.
 * @example checkRandomState(0).random() === checkRandomState(0).random() // true
 */
export function checkRandomState(randomState?: RandomState | null): RandomGenerator {
  if (randomState === undefined || randomState === null) return new RandomGenerator();
  if (randomState instanceof RandomGenerator) return randomState;
  if (typeof randomState === 'number') return new RandomGenerator(randomState);
  throw new TypeError(
    `randomState must be a non-negative integer seed or a RandomGenerator, got ${Object.prototype.toString.call(randomState)}`,
  );
}

/** Options of {@link randomUniform}. */
export interface RandomUniformOptions {
  /** Lower bound (inclusive). Default 0. */
  low?: number;
  /** Upper bound (exclusive). Default 1. */
  high?: number;
  /** `'float64'` (default) or `'float32'`. */
  dtype?: 'float32' | 'float64';
  /** Seed or generator; absent: unseeded. */
  randomState?: RandomState;
}

/** Options of {@link randomNormal}. */
export interface RandomNormalOptions {
  /** Default 0. */
  mean?: number;
  /** Standard deviation, >= 0. Default 1. */
  std?: number;
  /** `'float64'` (default) or `'float32'`. */
  dtype?: 'float32' | 'float64';
  /** Seed or generator; absent: unseeded. */
  randomState?: RandomState;
}

/** Options of {@link randomIntegers}. */
export interface RandomIntegersOptions {
  /** Seed or generator; absent: unseeded. */
  randomState?: RandomState;
}

function floatBuffer(dtype: unknown, size: number, fn: string): Float64Array | Float32Array {
  if (dtype === undefined || dtype === 'float64') return new Float64Array(size);
  if (dtype === 'float32') return new Float32Array(size);
  throw new DTypeError(`${fn}: dtype must be 'float32' or 'float64', got '${String(dtype)}'`);
}

function toShape(shape: Shape | number): number[] {
  const s = typeof shape === 'number' ? [shape] : [...shape];
  assertValidShape(s);
  return s;
}

/**
 * A tensor of uniform draws from [low, high) (see {@link RandomGenerator.fillUniform}).
 * @example randomUniform([2, 3], { low: -1, high: 1, randomState: 0 })
 */
export function randomUniform(shape: Shape | number, options: RandomUniformOptions = {}): Tensor {
  const { low = 0, high = 1, dtype, randomState } = options;
  const s = toShape(shape);
  const data = floatBuffer(dtype, shapeSize(s), 'randomUniform');
  checkRandomState(randomState).fillUniform(data, low, high);
  return new Tensor(data, s);
}

/**
 * A tensor of normal draws (see {@link RandomGenerator.fillNormal}).
 * @example randomNormal([100], { mean: 5, std: 2, randomState: 42 })
 */
export function randomNormal(shape: Shape | number, options: RandomNormalOptions = {}): Tensor {
  const { mean = 0, std = 1, dtype, randomState } = options;
  const s = toShape(shape);
  const data = floatBuffer(dtype, shapeSize(s), 'randomNormal');
  checkRandomState(randomState).fillNormal(data, mean, std);
  return new Tensor(data, s);
}

/**
 * An int32 tensor of uniform integers in [low, high) (high exclusive; numpy's
 * `rng.integers(low, high, size)`). Needs -2^31 <= low < high <= 2^31.
 * @example randomIntegers(0, 10, [5], { randomState: 0 })
 */
export function randomIntegers(
  low: number,
  high: number,
  shape: Shape | number,
  options: RandomIntegersOptions = {},
): Tensor {
  const s = toShape(shape);
  const data = new Int32Array(shapeSize(s));
  checkRandomState(options.randomState).fillIntegers(data, low, high);
  return new Tensor(data, s);
}
