/**
 * `cvResults` of the searches, shaped like scikit-learn's `cv_results_`:
 * `mean_fit_time`, `std_fit_time`, `mean_score_time`, `std_score_time`,
 * `param_<name>`, `params`, `split<k>_test_<metric>`, `mean_test_<metric>`,
 * `std_test_<metric>`, `rank_test_<metric>` (and the `train` versions), where
 * `<metric>` is `score` for a single scorer.
 */
import type { FitResult } from './fit-and-score.js';
import type { ParamSet } from './parameter-grid.js';

/** One column per key, one entry per candidate. */
export type CvResults = Record<string, Float64Array | Int32Array | unknown[]>;

/** Mean and population standard deviation of a row (numpy's `average`/`std`). */
function meanStd(values: Float64Array): [number, number] {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  return [mean, Math.sqrt(ss / values.length)];
}

/**
 * Ranks with ties sharing the smallest rank (scipy's `rankdata(-x, 'min')`),
 * higher scores first; NaN ranks last (sklearn's rule); all NaN: every rank 1.
 * @example rankMin(Float64Array.of(0.5, 0.9, 0.5)) // Int32Array [2, 1, 2]
 */
export function rankMin(scores: Float64Array): Int32Array {
  const n = scores.length;
  const out = new Int32Array(n);
  const finite = scores.filter((s) => !Number.isNaN(s));
  if (finite.length === 0) return out.fill(1);
  const low = Math.min(...finite) - 1;
  const v = scores.map((s) => (Number.isNaN(s) ? low : s));
  for (let i = 0; i < n; i++) {
    let better = 0;
    for (let j = 0; j < n; j++) if (v[j] > v[i]) better++;
    out[i] = better + 1;
  }
  return out;
}

/**
 * Builds `cvResults` from per-(candidate, split) results, `results[c * nSplits + s]`.
 * `extra` columns (e.g. halving's `iter`, `n_resources`) are added as given.
 * @example buildCvResults(params, results, 5, ['score'], false)
 */
export function buildCvResults(
  candidates: readonly ParamSet[],
  results: readonly FitResult[],
  nSplits: number,
  names: readonly string[],
  returnTrainScore: boolean,
  extra: Record<string, Float64Array | Int32Array | unknown[]> = {},
): CvResults {
  const nc = candidates.length;
  const out: CvResults = {};
  const row = (c: number, pick: (r: FitResult) => number) =>
    Float64Array.from({ length: nSplits }, (_, s) => pick(results[c * nSplits + s]));
  const summarize = (key: string, pick: (r: FitResult) => number, splits: boolean, rank: boolean) => {
    const mean = new Float64Array(nc);
    const std = new Float64Array(nc);
    const perSplit = Array.from({ length: nSplits }, () => new Float64Array(nc));
    for (let c = 0; c < nc; c++) {
      const values = row(c, pick);
      [mean[c], std[c]] = meanStd(values);
      for (let s = 0; s < nSplits; s++) perSplit[s][c] = values[s];
    }
    if (splits) {
      for (const [s, values] of perSplit.entries()) out[`split${s}_${key}`] = values;
    }
    out[`mean_${key}`] = mean;
    out[`std_${key}`] = std;
    if (rank) out[`rank_${key}`] = rankMin(mean);
  };
  summarize('fit_time', (r) => r.fitTime, false, false);
  summarize('score_time', (r) => r.scoreTime, false, false);
  const keys = [...new Set(candidates.flatMap((p) => Object.keys(p)))].sort();
  for (const key of keys) out[`param_${key}`] = candidates.map((p) => (key in p ? p[key] : undefined));
  out.params = candidates.map((p) => ({ ...p }));
  for (const name of names) {
    summarize(`test_${name}`, (r) => r.test[name], true, true);
    if (returnTrainScore) summarize(`train_${name}`, (r) => r.train?.[name] ?? Number.NaN, true, false);
  }
  Object.assign(out, extra);
  return out;
}
