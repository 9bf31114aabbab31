/**
 * The random numbers libsvm and liblinear draw inside scikit-learn: a 32-bit
 * Mersenne Twister (C++ `std::mt19937`) reseeded at every `train` call, bounded
 * integers by Lemire's multiply-shift method with rejection, and the seed
 * scikit-learn passes down, `RandomState(randomState).randint(2**31 - 1)`.
 * Reproducing them lets the probability cross-validation of `SVC` and the
 * coordinate order of `LinearSVC` follow scikit-learn's exactly for an integer
 * `randomState`.
 */
import { checkRandomState, RandomGenerator, type RandomState } from '../tensor/random.js';

const N = 624;
const M = 397;

/**
 * A 32-bit Mersenne Twister (Matsumoto & Nishimura 1998), the generator of
 * C++'s `std::mt19937` and numpy's legacy `RandomState`.
 * @example new Mt19937(5489).nextUint32() // 3499211612
 */
export class Mt19937 {
  readonly #mt = new Uint32Array(N);
  #index = N;

  /** @param seed - an unsigned 32-bit seed (C++'s default is 5489). */
  constructor(seed = 5489) {
    this.seed(seed);
  }

  /**
   * Restarts the stream from `seed` (`init_genrand`).
   * @example rng.seed(0)
   */
  seed(seed: number): void {
    const mt = this.#mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.#index = N;
  }

  #twist(): void {
    const mt = this.#mt;
    for (let i = 0; i < N; i++) {
      const y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
      let v = mt[(i + M) % N] ^ (y >>> 1);
      if (y & 1) v ^= 0x9908b0df;
      mt[i] = v >>> 0;
    }
    this.#index = 0;
  }

  /**
   * The next 32-bit output, as an unsigned integer.
   * @example rng.nextUint32()
   */
  nextUint32(): number {
    if (this.#index >= N) this.#twist();
    let y = this.#mt[this.#index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /**
   * A uniform integer in `[0, range)` exactly as scikit-learn's
   * `bounded_rand_int` (Lemire's method, 64-bit product split in two halves).
   * @example rng.boundedRandInt(10)
   */
  boundedRandInt(range: number): number {
    const r = range >>> 0;
    let x = this.nextUint32();
    // 64-bit m = x * r, as high and low 32-bit halves.
    let lo = Math.imul(x, r) >>> 0;
    if (lo < r) {
      // t = (2^32 - r) mod r
      const t = (0x100000000 - r) % r;
      while (lo < t) {
        x = this.nextUint32();
        lo = Math.imul(x, r) >>> 0;
      }
    }
    return mulHigh32(x, r);
  }
}

/** The high 32 bits of the exact 64-bit product of two unsigned 32-bit integers. */
function mulHigh32(x: number, r: number): number {
  const a = (x >>> 16) * r;
  const b = (x & 0xffff) * r;
  return Math.floor(a / 65536) + Math.floor(((a % 65536) * 65536 + b) / 0x100000000);
}

/**
 * The seed scikit-learn hands to libsvm/liblinear:
 * `check_random_state(randomState).randint(np.iinfo('i').max)`. For an integer
 * `randomState` this reproduces numpy's legacy `RandomState` draw exactly; a
 * `RandomGenerator` (or `undefined`) gives a draw from that generator instead.
 * @example sklearnLibSeed(0) // 209652396
 */
export function sklearnLibSeed(randomState: RandomState | undefined | null): number {
  if (typeof randomState === 'number') {
    const mt = new Mt19937(randomState);
    for (;;) {
      const v = mt.nextUint32() & 0x7fffffff;
      if (v <= 2147483646) return v;
    }
  }
  const rng: RandomGenerator =
    randomState instanceof RandomGenerator ? randomState : checkRandomState(randomState ?? undefined);
  return rng.integers(0, 2147483647);
}
