/**
 * Distributions for `RandomizedSearchCV` / `ParameterSampler` (scipy.stats'
 * `uniform`, `loguniform`, `randint`), drawn with typelearn's seeded generator.
 */
import { ValidationError } from '../base/errors.js';
import type { RandomGenerator } from '../tensor/random.js';

/** Something a parameter value can be drawn from. */
export interface Distribution {
  /** Draws one value. */
  rvs(rng: RandomGenerator): number;
  /** A short description, e.g. `uniform(0, 1)`. */
  readonly description: string;
}

/**
 * Whether `value` is a {@link Distribution} (has `rvs`).
 * @example isDistribution(uniform(0, 1)) // true
 */
export function isDistribution(value: unknown): value is Distribution {
  return typeof value === 'object' && value !== null && typeof (value as Distribution).rvs === 'function';
}

function finite(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValidationError(`${name} must be a finite number, got ${String(value)}`);
  }
}

/**
 * Uniform on `[loc, loc + scale)` (scipy's `uniform(loc, scale)`).
 * @example uniform(0, 10) // values in [0, 10)
 */
export function uniform(loc = 0, scale = 1): Distribution {
  finite('uniform loc', loc);
  finite('uniform scale', scale);
  if (scale < 0) throw new ValidationError(`uniform scale must be >= 0, got ${scale}`);
  return { rvs: (rng) => loc + scale * rng.random(), description: `uniform(${loc}, ${scale})` };
}

/**
 * Log-uniform on `[a, b]` (scipy's `loguniform(a, b)`): `exp` of a uniform on `[log a, log b)`.
 * @example loguniform(1e-4, 1e2) // good for regularization strengths
 */
export function loguniform(a: number, b: number): Distribution {
  finite('loguniform a', a);
  finite('loguniform b', b);
  if (!(a > 0 && b > a)) throw new ValidationError(`loguniform needs 0 < a < b, got a=${a}, b=${b}`);
  const la = Math.log(a);
  const span = Math.log(b) - la;
  return { rvs: (rng) => Math.exp(la + span * rng.random()), description: `loguniform(${a}, ${b})` };
}

/**
 * Integers in `[low, high)` (scipy's `randint(low, high)`).
 * @example randint(1, 10) // 1..9
 */
export function randint(low: number, high: number): Distribution {
  if (!Number.isInteger(low) || !Number.isInteger(high) || high <= low) {
    throw new ValidationError(`randint needs integers low < high, got low=${low}, high=${high}`);
  }
  return { rvs: (rng) => rng.integers(low, high), description: `randint(${low}, ${high})` };
}
