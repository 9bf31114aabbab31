/**
 * What the set-wise scores (precision, recall, F, Jaccard) share: the
 * `average` and `zeroDivision` options, choosing the labels to score
 * (sklearn's `_check_set_wise_labels`), dividing with the zero-division rule
 * and its warning (`_prf_divide`), and averaging per-label scores.
 */
import { ValidationError } from '../../base/errors.js';
import type { Label } from '../../base/types.js';
import { type CheckedTargets, formatLabels, uniqueLabels } from '../targets.js';
import { warnUndefined, warnUser } from '../warnings.js';

/**
 * How per-label scores are combined: `'binary'` (the `posLabel` class only),
 * `'micro'` (global counts), `'macro'` (unweighted mean), `'weighted'` (mean
 * weighted by support), `'samples'` (per sample, multilabel only), or `null`
 * (one score per label).
 */
export type Average = 'binary' | 'micro' | 'macro' | 'weighted' | 'samples' | null;

/**
 * The value of a score whose denominator is 0: `'warn'` (0 with an
 * {@link UndefinedMetricWarning}), 0, 1, or NaN (left out of averages).
 */
export type ZeroDivision = 'warn' | 0 | 1 | number;

/** Validates `zeroDivision`: 'warn', 0, 1 or NaN. */
export function checkZeroDivision(z: ZeroDivision): void {
  if (z === 'warn' || z === 0 || z === 1 || Number.isNaN(z)) return;
  throw new ValidationError(`zeroDivision must be 'warn', 0, 1 or NaN, got ${String(z)}`, { param: 'zeroDivision' });
}

/** The value substituted for 0/0 under `z`. */
export function zeroValue(z: ZeroDivision): number {
  return z === 'warn' ? 0 : (z as number);
}

/**
 * Labels to score for `average` (sklearn's `_check_set_wise_labels`):
 * `'binary'` needs a binary target and gives `[posLabel]`; otherwise `labels`
 * passes through (warning if a non-default `posLabel` is ignored).
 */
export function setWiseLabels(
  chk: CheckedTargets,
  average: Average,
  labels: readonly Label[] | undefined,
  posLabel: Label,
): readonly Label[] | undefined {
  const allowed: Average[] = [null, 'micro', 'macro', 'weighted', 'samples', 'binary'];
  if (!allowed.includes(average)) {
    throw new ValidationError(
      `average must be one of 'binary', 'micro', 'macro', 'weighted', 'samples' or null, got '${String(average)}'`,
      { param: 'average' },
    );
  }
  if (average === 'samples' && chk.type !== 'multilabel-indicator') {
    throw new ValidationError(
      "Samplewise metrics are not available outside of multilabel classification: average='samples' needs a label-indicator matrix",
      { param: 'average' },
    );
  }
  const present =
    chk.type === 'multilabel-indicator'
      ? Array.from({ length: chk.t.matrix?.cols ?? 0 }, (_, j) => j as Label)
      : uniqueLabels(chk.t.labels as ArrayLike<Label>, chk.p.labels as ArrayLike<Label>);
  if (average === 'binary') {
    if (chk.type !== 'binary') {
      const options =
        chk.type === 'multiclass'
          ? "null, 'micro', 'macro', 'weighted'"
          : "null, 'micro', 'macro', 'weighted', 'samples'";
      throw new ValidationError(
        `Target is ${chk.type} (labels found: ${formatLabels(present)}) but average='binary'. Please choose another average setting, one of ${options}.`,
        { param: 'average', expected: 'binary', got: chk.type },
      );
    }
    if (!present.includes(posLabel) && present.length >= 2) {
      throw new ValidationError(
        `posLabel=${formatLabels([posLabel]).slice(1, -1)} is not a valid label. It should be one of ${formatLabels(present)}`,
        { param: 'posLabel', got: posLabel },
      );
    }
    return [posLabel];
  }
  if (posLabel !== 1) {
    warnUser(
      `Note that posLabel (set to ${formatLabels([posLabel]).slice(1, -1)}) is ignored when average != 'binary' (got '${String(average)}'). You may use labels=[posLabel] to specify a single positive class.`,
    );
  }
  return labels;
}

/** sklearn's `_warn_prf` message. */
export function warnPrf(average: Average, modifier: string, msgStart: string, resultSize: number): void {
  const [axis0, axis1] = average === 'samples' ? ['label', 'sample'] : ['sample', 'label'];
  const where = resultSize === 1 ? 'due to' : `in ${axis1}s with`;
  warnUndefined(
    `${msgStart} ill-defined and being set to 0.0 ${where} no ${modifier} ${axis0}s. Use \`zeroDivision\` parameter to control this behavior.`,
  );
}

/**
 * `num / den` elementwise; where `den` is 0 the result is the zero-division
 * value, with a warning under `'warn'` when `metric` is in `warnFor`.
 */
export function prfDivide(
  num: Float64Array,
  den: Float64Array,
  metric: string,
  modifier: string,
  average: Average,
  warnFor: readonly string[],
  z: ZeroDivision,
): Float64Array {
  const out = new Float64Array(num.length);
  let any = false;
  for (let i = 0; i < num.length; i++) {
    if (den[i] === 0) {
      out[i] = zeroValue(z);
      any = true;
    } else out[i] = num[i] / den[i];
  }
  if (!any || z !== 'warn' || !warnFor.includes(metric)) return out;
  const title = metric.charAt(0).toUpperCase() + metric.slice(1);
  const msgStart = warnFor.includes('f-score') ? `${title} and F-score are` : `${title} is`;
  warnPrf(average, modifier, msgStart, out.length);
  return out;
}

/**
 * numpy's `average(x, weights)`; with `skipNaN`, NaN entries (zeroDivision NaN)
 * are left out, and the result is NaN when all are.
 */
export function averageScores(x: Float64Array, weights: ArrayLike<number> | undefined, skipNaN: boolean): number {
  let s = 0;
  let sw = 0;
  for (let i = 0; i < x.length; i++) {
    if (skipNaN && Number.isNaN(x[i])) continue;
    const wi = weights ? weights[i] : 1;
    s += wi * x[i];
    sw += wi;
  }
  return sw === 0 && skipNaN ? Number.NaN : s / sw;
}

/** Sums a vector into a one-element vector (micro averaging). */
export function sumAll(x: Float64Array): Float64Array {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return Float64Array.of(s);
}
