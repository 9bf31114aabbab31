/**
 * The bit generator behind every random draw in typelearn: xoshiro128**
 * (Blackman & Vigna, "Scrambled linear pseudorandom number generators", 2018),
 * seeded through SplitMix64.
 *
 * Why this pair:
 * - xoshiro128** keeps 128 bits of state in four 32-bit words and only needs
 *   32-bit shifts, xors, rotations and `Math.imul`, which JS does natively and
 *   fast. Period 2^128 - 1, passes BigCrush; its only weakness (the lowest bits
 *   of the `+` variant) does not apply to the `**` scrambler.
 * - Seeds are small integers that users pick by hand (0, 1, 42). Putting them
 *   straight into the state would give streams that start out correlated for
 *   nearby seeds, so the seed is first run through SplitMix64 (Steele, Lea &
 *   Flood 2014), whose output function is a strong 64-bit mixer: seeds 0 and 1
 *   give unrelated states. This is the seeding Vigna recommends.
 *
 * Seeding (fixed, so saved seeds stay valid across versions): with `z1`, `z2`
 * the first two SplitMix64 outputs for the seed, the state words are
 * `s0 = low32(z1)`, `s1 = high32(z1)`, `s2 = low32(z2)`, `s3 = high32(z2)`.
 * SplitMix64 runs on BigInt; it runs once per generator, never per draw.
 */

/** The generator state as `state()` returns it and `setState()` accepts it (plain JSON data). */
export interface BitGeneratorState {
  /** Always `'xoshiro128**'`; checked by `setState` so a foreign state is refused. */
  bitGenerator: 'xoshiro128**';
  /** The four 32-bit state words, as unsigned integers; not all zero. */
  s: [number, number, number, number];
}

const MASK64 = 0xffffffffffffffffn;
const GOLDEN_GAMMA = 0x9e3779b97f4a7c15n;
const MIX1 = 0xbf58476d1ce4e5b9n;
const MIX2 = 0x94d049bb133111ebn;

/**
 * The first `count` outputs of SplitMix64 started from `seed` (taken modulo 2^64),
 * as unsigned 64-bit BigInts. Used to expand a seed into a generator state.
 * @example splitMix64(1234567n, 1) // [6457827717110365317n]
 */
export function splitMix64(seed: bigint, count: number): bigint[] {
  let state = seed & MASK64;
  const out: bigint[] = [];
  for (let i = 0; i < count; i++) {
    state = (state + GOLDEN_GAMMA) & MASK64;
    let z = state;
    z = ((z ^ (z >> 30n)) * MIX1) & MASK64;
    z = ((z ^ (z >> 27n)) * MIX2) & MASK64;
    out.push(z ^ (z >> 31n));
  }
  return out;
}

/**
 * The xoshiro128** state words for an integer seed (see the module comment).
 * Throws a RangeError naming the value unless `seed` is a non-negative safe integer.
 * @example seedState(42) // Uint32Array(4) [...]
 */
export function seedState(seed: number): Uint32Array {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`A seed must be a non-negative integer no larger than 2^53 - 1, got ${String(seed)}`);
  }
  const [z1, z2] = splitMix64(BigInt(seed), 2);
  const words = new Uint32Array([
    Number(z1 & 0xffffffffn),
    Number(z1 >> 32n),
    Number(z2 & 0xffffffffn),
    Number(z2 >> 32n),
  ]);
  // SplitMix64 is a bijection of its state, so two consecutive zero outputs cannot happen;
  // the guard keeps the all-zero fixed point of xoshiro impossible by construction.
  if ((words[0] | words[1] | words[2] | words[3]) === 0) words[0] = 1;
  return words;
}

/** Fresh state words from the platform's cryptographic source (`crypto.getRandomValues`). */
function entropyState(): Uint32Array {
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint32Array) => Uint32Array } }).crypto;
  if (c?.getRandomValues === undefined) {
    throw new Error('No seed was given and globalThis.crypto.getRandomValues is unavailable: pass an integer seed');
  }
  const words = new Uint32Array(4);
  do c.getRandomValues(words);
  while ((words[0] | words[1] | words[2] | words[3]) === 0);
  return words;
}

/**
 * The xoshiro128** bit generator: a stream of uniformly distributed 32-bit words.
 * {@link RandomGenerator} builds every distribution on top of it; use this class
 * directly only when raw bits are all you need.
 *
 * @param seed - a non-negative safe integer, expanded through SplitMix64 (nearby seeds
 *   give unrelated streams). Absent: 128 bits drawn from `crypto.getRandomValues`.
 * @example
 * const bits = new Xoshiro128StarStar(42);
 * bits.nextUint32(); // an integer in [0, 2^32)
 */
export class Xoshiro128StarStar {
  // Held as int32 (the natural result of JS bit operations); `state()` reports them unsigned.
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  constructor(seed?: number) {
    const w = seed === undefined ? entropyState() : seedState(seed);
    this.s0 = w[0] | 0;
    this.s1 = w[1] | 0;
    this.s2 = w[2] | 0;
    this.s3 = w[3] | 0;
  }

  /**
   * The next 32-bit output, an integer in [0, 2^32).
   * @example new Xoshiro128StarStar(0).nextUint32()
   */
  nextUint32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const r = Math.imul(s1, 5);
    const result = Math.imul((r << 7) | (r >>> 25), 9) >>> 0;
    const t = s1 << 9;
    const s2 = this.s2 ^ s0;
    const s3 = this.s3 ^ s1;
    this.s1 = s1 ^ s2;
    this.s0 = s0 ^ s3;
    this.s2 = s2 ^ t;
    this.s3 = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  /**
   * A snapshot of the state as plain JSON-serialisable data; `setState` with it
   * resumes the exact same stream.
   * @example const saved = rng.state(); rng.nextUint32(); rng.setState(saved);
   */
  state(): BitGeneratorState {
    return { bitGenerator: 'xoshiro128**', s: [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0] };
  }

  /**
   * Restores a state from `state()`. Throws a RangeError when the words are not four
   * unsigned 32-bit integers, are all zero (xoshiro's one forbidden state), or the
   * state belongs to another bit generator.
   * @example rng.setState({ bitGenerator: 'xoshiro128**', s: [1, 2, 3, 4] })
   */
  setState(state: BitGeneratorState): void {
    if (state === null || typeof state !== 'object') throw new RangeError('setState needs an object from state()');
    if (state.bitGenerator !== undefined && state.bitGenerator !== 'xoshiro128**') {
      throw new RangeError(`setState got a state of bit generator '${String(state.bitGenerator)}', not xoshiro128**`);
    }
    const s = state.s;
    if (!Array.isArray(s) || s.length !== 4) throw new RangeError('setState needs `s`: an array of 4 state words');
    for (let i = 0; i < 4; i++) {
      const w = s[i];
      if (!Number.isInteger(w) || w < 0 || w > 0xffffffff) {
        throw new RangeError(`State word s[${i}] = ${String(w)} is not an unsigned 32-bit integer`);
      }
    }
    if ((s[0] | s[1] | s[2] | s[3]) === 0) throw new RangeError('The all-zero state is invalid for xoshiro128**');
    this.s0 = s[0] | 0;
    this.s1 = s[1] | 0;
    this.s2 = s[2] | 0;
    this.s3 = s[3] | 0;
  }
}
