/**
 * Increasing isotonic regression of `y` on `x` fitted back at the training
 * points (what scikit-learn's `IsotonicRegression().fit_transform(x, y)`
 * returns, with unit weights): points are sorted by (x, y), equal x values
 * are pooled to their mean first, then pool-adjacent-violators.
 */

/**
 * The isotonic fit at each training point, in the input order.
 * @example isotonicFit(Float64Array.from([1, 2, 3]), Float64Array.from([1, 3, 2])) // [1, 2.5, 2.5]
 */
export function isotonicFit(x: Float64Array, y: Float64Array): Float64Array {
  const m = x.length;
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  order.sort((a, b) => x[a] - x[b] || y[a] - y[b]);
  // Groups of (numerically) equal x: sklearn merges values closer than float64 resolution.
  const group = new Int32Array(m);
  const sum: number[] = [];
  const weight: number[] = [];
  let g = -1;
  let current = Number.NEGATIVE_INFINITY;
  for (let t = 0; t < m; t++) {
    const v = x[order[t]];
    if (g < 0 || v - current >= 1e-15) {
      g++;
      current = v;
      sum.push(0);
      weight.push(0);
    }
    sum[g] += y[order[t]];
    weight[g]++;
    group[t] = g;
  }
  const nGroups = g + 1;
  // Pool adjacent violators on the group means; blocks as (value, weight, first group).
  const bValue = new Float64Array(nGroups);
  const bWeight = new Float64Array(nGroups);
  const bStart = new Int32Array(nGroups);
  let nb = 0;
  for (let i = 0; i < nGroups; i++) {
    let value = sum[i] / weight[i];
    let w = weight[i];
    let start = i;
    while (nb > 0 && bValue[nb - 1] >= value) {
      nb--;
      value = (bValue[nb] * bWeight[nb] + value * w) / (bWeight[nb] + w);
      w += bWeight[nb];
      start = bStart[nb];
    }
    bValue[nb] = value;
    bWeight[nb] = w;
    bStart[nb] = start;
    nb++;
  }
  const groupValue = new Float64Array(nGroups);
  for (let b = 0; b < nb; b++) {
    const end = b + 1 < nb ? bStart[b + 1] : nGroups;
    for (let i = bStart[b]; i < end; i++) groupValue[i] = bValue[b];
  }
  const out = new Float64Array(m);
  for (let t = 0; t < m; t++) out[order[t]] = groupValue[group[t]];
  return out;
}
