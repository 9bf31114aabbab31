/**
 * Order statistics estimators need (sklearn's `utils.stats` plus numpy's
 * `median`/`percentile`), computed exactly as the references do so results
 * match to the last bit where the formulas allow.
 */

function sortedCopy(values: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(values);
  out.sort();
  return out;
}

/**
 * The median (numpy: the mean of the two middle values for an even count).
 * Returns NaN for an empty input.
 * @example median([3, 1, 2, 10]) // 2.5
 */
export function median(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const s = sortedCopy(values);
  const mid = n >> 1;
  return n % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * The `q`-th percentile (0..100) with linear interpolation between order
 * statistics (numpy's default `method='linear'`, same lerp formula).
 * @example percentile([1, 2, 3, 4], 25) // 1.75
 */
export function percentile(values: ArrayLike<number>, q: number): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  if (!(q >= 0 && q <= 100)) throw new RangeError(`percentile: q must be in [0, 100], got ${q}`);
  const s = sortedCopy(values);
  const pos = (q / 100) * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const t = pos - lo;
  const a = s[lo];
  const b = s[hi];
  const diff = b - a;
  // numpy's _lerp: interpolate from the nearer end to keep monotonicity and exactness at t = 1.
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/**
 * The weighted `q`-th percentile (0..100) by the inverted CDF, as sklearn's
 * `_weighted_percentile`: sort by value, accumulate weights, return the first
 * value whose cumulative weight reaches `q/100` of the total (leading
 * zero-weight values are skipped when `q` is 0). No interpolation: the result
 * is always one of the values.
 * @example weightedPercentile([1, 2, 3], [1, 1, 1], 50) // 2
 * @example weightedPercentile([1, 2, 3], [1, 0, 5], 50) // 3
 */
export function weightedPercentile(values: ArrayLike<number>, weights: ArrayLike<number>, q: number): number {
  const n = values.length;
  if (weights.length !== n) {
    throw new RangeError(`weightedPercentile: ${n} values but ${weights.length} weights`);
  }
  if (n === 0) return Number.NaN;
  if (!(q >= 0 && q <= 100)) throw new RangeError(`weightedPercentile: q must be in [0, 100], got ${q}`);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => values[a] - values[b] || a - b);
  const cdf = new Float64Array(n);
  let acc = 0;
  for (let k = 0; k < n; k++) {
    acc += weights[order[k]];
    cdf[k] = acc;
  }
  let target = (q / 100) * cdf[n - 1];
  // sklearn nudges a zero rank up so that leading zero-weight samples are skipped.
  if (target === 0) target = Number.MIN_VALUE;
  // searchsorted(side='left'): first k with cdf[k] >= target.
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return values[order[Math.min(lo, n - 1)]];
}

/**
 * The weighted mean `Σ wᵢxᵢ / Σ wᵢ` (numpy's `average`); without weights, the mean.
 * @example weightedMean([1, 3], [3, 1]) // 1.5
 */
export function weightedMean(values: ArrayLike<number>, weights?: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights ? weights[i] : 1;
    num += w * values[i];
    den += w;
  }
  return num / den;
}
