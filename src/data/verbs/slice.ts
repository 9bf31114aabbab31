/**
 * Row-subset verbs: `head`, `tail` and the seeded `sample`.
 */
import { ValidationError } from '../../base/errors.js';
import { checkRandomState, type RandomState } from '../../tensor/random.js';
import type { Frame } from '../frame.js';

/**
 * The first `n` rows (default 5); a negative `n` drops the last `-n` rows, like pandas.
 * @example head(df, 3).nRows // 3
 */
export function head(frame: Frame, n = 5): Frame {
  return n >= 0 ? frame.slice(0, n) : frame.slice(0, Math.max(0, frame.nRows + n));
}

/**
 * The last `n` rows (default 5); a negative `n` drops the first `-n` rows.
 * @example tail(df, 2).nRows // 2
 */
export function tail(frame: Frame, n = 5): Frame {
  return n >= 0 ? frame.slice(Math.max(0, frame.nRows - n)) : frame.slice(Math.min(frame.nRows, -n));
}

/** Options of {@link sample}. */
export interface SampleOptions {
  /** Number of rows. Default 1 (when `frac` is not given). */
  n?: number;
  /** Fraction of the rows instead of `n` (rounded like pandas: `round(frac * nRows)`). */
  frac?: number;
  /** Draw with replacement. Default `false`. */
  replace?: boolean;
  /** Seed or generator (see `checkRandomState`). Default: unseeded. */
  randomState?: RandomState | null;
}

/**
 * A random sample of rows, in the order drawn. Without replacement `n` may not
 * exceed the number of rows (ValidationError).
 * @example sample(df, { frac: 0.5, randomState: 0 })
 */
export function sample(frame: Frame, options: SampleOptions = {}): Frame {
  const { frac, replace = false, randomState } = options;
  if (options.n !== undefined && frac !== undefined) throw new ValidationError('sample: give n or frac, not both');
  const total = frame.nRows;
  const n = frac !== undefined ? Math.round(frac * total) : (options.n ?? 1);
  if (!Number.isInteger(n) || n < 0) throw new ValidationError(`sample: n must be a non-negative integer, got ${n}`);
  if (!replace && n > total) {
    throw new ValidationError(`sample: cannot take ${n} rows from ${total} without replacement; pass replace: true`, {
      expected: `<= ${total}`,
      got: n,
    });
  }
  const rng = checkRandomState(randomState);
  const idx = new Int32Array(n);
  if (replace) {
    for (let i = 0; i < n; i++) idx[i] = total > 0 ? rng.integers(0, total) : 0;
  } else {
    // Partial Fisher–Yates: only the first n positions are settled.
    const perm = new Int32Array(total);
    for (let i = 0; i < total; i++) perm[i] = i;
    for (let i = 0; i < n; i++) {
      const j = i + rng.integers(0, total - i);
      const t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    idx.set(perm.subarray(0, n));
  }
  return frame.take(idx);
}
