/**
 * Target helpers of the MLP estimators: reading a 2-D target (multi-output regression,
 * multilabel indicators), R² averaged over outputs, and the held-out split of early
 * stopping.
 */
import { ValidationError } from '../base/errors.js';
import type { Labels } from '../base/types.js';
import type { RandomGenerator } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';

/**
 * `y` as a row-major `rows x t` matrix when it is 2-D with more than one column
 * (a 2-D Tensor or nested arrays of finite numbers), else `undefined`.
 * @example read2dTargets([[0, 1], [1, 1]]) // { data: Float64Array [0, 1, 1, 1], rows: 2, t: 2 }
 */
export function read2dTargets(y: Labels | undefined): { data: Float64Array; rows: number; t: number } | undefined {
  if (y instanceof Tensor) {
    if (y.ndim === 2 && y.shape[1] > 1) {
      const data = Float64Array.from(y.data);
      for (let i = 0; i < data.length; i++) {
        if (!Number.isFinite(data[i])) {
          throw new ValidationError(
            `y contains ${data[i]} at row ${Math.floor(i / y.shape[1])}; targets must be finite`,
          );
        }
      }
      return { data, rows: y.shape[0], t: y.shape[1] };
    }
    return undefined;
  }
  if (!Array.isArray(y) || y.length === 0 || !Array.isArray(y[0]) || (y[0] as unknown[]).length < 2) return undefined;
  const rows = y as unknown as readonly (readonly unknown[])[];
  const t = rows[0].length;
  const data = new Float64Array(rows.length * t);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (!Array.isArray(r) || r.length !== t) {
      throw new ValidationError(`y row ${i} has ${Array.isArray(r) ? r.length : 'no'} values, expected ${t}`, {
        row: i,
      });
    }
    for (let j = 0; j < t; j++) {
      const v = r[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new ValidationError(`y contains ${String(v)} at row ${i}, column ${j}; targets must be finite numbers`, {
          row: i,
          column: j,
          got: v,
        });
      }
      data[i * t + j] = v;
    }
  }
  return { data, rows: rows.length, t };
}

/**
 * R² of `pred` against `y` (both `rows x t`), averaged uniformly over the `t` outputs,
 * optionally weighted by sample; a constant output scores 1 when predicted exactly, else 0.
 * @example r2Uniform(Float64Array.of(1, 2, 3), Float64Array.of(1, 2, 3), 3, 1) // 1
 */
export function r2Uniform(
  y: Float64Array,
  pred: Float64Array,
  rows: number,
  t: number,
  weight?: ArrayLike<number>,
): number {
  let total = 0;
  for (let k = 0; k < t; k++) {
    let sw = 0;
    let mean = 0;
    for (let i = 0; i < rows; i++) {
      const w = weight ? weight[i] : 1;
      sw += w;
      mean += w * y[i * t + k];
    }
    mean /= sw;
    let ssRes = 0;
    let ssTot = 0;
    for (let i = 0; i < rows; i++) {
      const w = weight ? weight[i] : 1;
      const d = y[i * t + k] - pred[i * t + k];
      const e = y[i * t + k] - mean;
      ssRes += w * d * d;
      ssTot += w * e * e;
    }
    total += ssTot === 0 ? (ssRes === 0 ? 1 : 0) : 1 - ssRes / ssTot;
  }
  return total / t;
}

/**
 * Row indices of a shuffled train/validation split with `ceil(fraction * n)` validation
 * rows; with `strata` (a class index per row) each class is split in proportion.
 * @example const { train, validation } = validationSplit(rng, 100, 0.1);
 */
export function validationSplit(
  rng: RandomGenerator,
  n: number,
  fraction: number,
  strata?: Int32Array,
): { train: Int32Array; validation: Int32Array } {
  const nVal = Math.ceil(fraction * n);
  if (nVal < 1 || n - nVal < 1) {
    throw new ValidationError(
      `earlyStopping: validationFraction ${fraction} of ${n} samples leaves an empty training or validation set`,
      { param: 'validationFraction', got: fraction },
    );
  }
  const isVal = new Uint8Array(n);
  if (strata === undefined) {
    const perm = rng.permutation(n);
    for (let i = 0; i < nVal; i++) isVal[perm[i]] = 1;
  } else {
    const groups = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const g = groups.get(strata[i]);
      if (g === undefined) groups.set(strata[i], [i]);
      else g.push(i);
    }
    const keys = [...groups.keys()].sort((a, b) => a - b);
    // Largest-remainder allocation of the validation rows over the classes.
    const exact = keys.map((k) => ((groups.get(k) as number[]).length * nVal) / n);
    const take = exact.map(Math.floor);
    let left = nVal - take.reduce((a, b) => a + b, 0);
    const order = keys.map((_, i) => i).sort((a, b) => exact[b] - take[b] - (exact[a] - take[a]) || a - b);
    for (const i of order) {
      if (left === 0) break;
      take[i]++;
      left--;
    }
    keys.forEach((k, i) => {
      const members = groups.get(k) as number[];
      const perm = rng.permutation(members.length);
      for (let j = 0; j < take[i]; j++) isVal[members[perm[j]]] = 1;
    });
  }
  const train = new Int32Array(n - nVal);
  const validation = new Int32Array(nVal);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    if (isVal[i]) validation[b++] = i;
    else train[a++] = i;
  }
  return { train, validation };
}
