/**
 * Confusion matrices: the multiclass `confusionMatrix` and the per-label 2x2
 * `multilabelConfusionMatrix` (plus {@link labelCounts}, the tp/fp/fn/tn
 * sums the precision/recall family is built on).
 */
import { ValidationError } from '../../base/errors.js';
import type { Label } from '../../base/types.js';
import { Tensor } from '../../tensor/tensor.js';
import { type CheckedTargets, type ClassTarget, checkTargets, encode, formatLabels, uniqueLabels } from '../targets.js';
import { type NumericVector, sampleWeightVector } from '../vector.js';

/** Options of {@link confusionMatrix}. */
export interface ConfusionMatrixOptions {
  /** Labels indexing the rows/columns, in that order (a subset selects; samples of other labels are left out). Default: sorted labels of yTrue ∪ yPred. */
  labels?: readonly Label[];
  /** Per-sample weights. Default: all 1. */
  sampleWeight?: NumericVector;
  /** Divide by row sums (`'true'`), column sums (`'pred'`) or the total (`'all'`); 0/0 gives 0. Default: counts. */
  normalize?: 'true' | 'pred' | 'all' | null;
}

/**
 * Confusion matrix `C[i, j]` = (weighted) number of samples of true label
 * `labels[i]` predicted as `labels[j]`. int32 counts, float64 when weighted or
 * normalized.
 * @example confusionMatrix(['a', 'b', 'b'], ['a', 'a', 'b']).toArray() // [[1, 0], [1, 1]]
 */
export function confusionMatrix(yTrue: ClassTarget, yPred: ClassTarget, options: ConfusionMatrixOptions = {}): Tensor {
  const { normalize = null } = options;
  const chk = checkTargets(yTrue, yPred);
  if (chk.type === 'multilabel-indicator') {
    throw new ValidationError(
      'multilabel-indicator targets are not supported by confusionMatrix: use multilabelConfusionMatrix',
    );
  }
  if (normalize !== null && normalize !== 'true' && normalize !== 'pred' && normalize !== 'all') {
    throw new ValidationError(`normalize must be one of 'true', 'pred', 'all' or null, got '${String(normalize)}'`, {
      param: 'normalize',
    });
  }
  const t = chk.t.labels as ArrayLike<Label>;
  const p = chk.p.labels as ArrayLike<Label>;
  const w = sampleWeightVector(options.sampleWeight, chk.n);
  let labels: readonly Label[];
  if (options.labels === undefined) labels = uniqueLabels(t, p);
  else {
    labels = options.labels;
    if (labels.length === 0)
      throw new ValidationError("'labels' should contain at least one label.", { param: 'labels' });
    const inTrue = new Set<Label>(Array.from(t));
    if (!labels.some((l) => inTrue.has(l))) {
      throw new ValidationError(
        `At least one label specified must be in yTrue; labels ${formatLabels(labels)} are not`,
        {
          param: 'labels',
        },
      );
    }
  }
  const k = labels.length;
  const ti = encode(t, labels);
  const pi = encode(p, labels);
  const weighted = w !== undefined || normalize !== null;
  const cm = new Float64Array(k * k);
  for (let i = 0; i < ti.length; i++) {
    if (ti[i] < 0 || pi[i] < 0) continue;
    cm[ti[i] * k + pi[i]] += w ? w[i] : 1;
  }
  if (normalize === 'true' || normalize === 'pred') {
    for (let a = 0; a < k; a++) {
      let s = 0;
      for (let b = 0; b < k; b++) s += normalize === 'true' ? cm[a * k + b] : cm[b * k + a];
      for (let b = 0; b < k; b++) {
        const idx = normalize === 'true' ? a * k + b : b * k + a;
        cm[idx] = s === 0 ? 0 : cm[idx] / s;
      }
    }
  } else if (normalize === 'all') {
    let s = 0;
    for (let i = 0; i < cm.length; i++) s += cm[i];
    for (let i = 0; i < cm.length; i++) cm[i] = s === 0 ? 0 : cm[i] / s;
  }
  return weighted ? new Tensor(cm, [k, k]) : new Tensor(Int32Array.from(cm), [k, k]);
}

/** Per-label sums behind the precision/recall family. */
export interface LabelCounts {
  tp: Float64Array;
  fp: Float64Array;
  fn: Float64Array;
  tn: Float64Array;
  /** The labels (or label columns / samples when samplewise), in result order. */
  labels: Label[];
}

/**
 * tp/fp/fn/tn per label of already-checked targets (sklearn's
 * `multilabel_confusion_matrix` internals). With `labels`, the result follows
 * their order; labels absent from the data count 0. `samplewise` (multilabel
 * only) gives one entry per sample instead of per label.
 */
export function labelCounts(
  chk: CheckedTargets,
  labels: readonly Label[] | undefined,
  w: Float64Array | undefined,
  samplewise = false,
): LabelCounts {
  const n = chk.n;
  let totalW = n;
  if (w) {
    totalW = 0;
    for (let i = 0; i < n; i++) totalW += w[i];
  }
  if (chk.type !== 'multilabel-indicator') {
    if (samplewise) {
      throw new ValidationError("Samplewise metrics (average='samples') are only available for multilabel targets");
    }
    const t = chk.t.labels as ArrayLike<Label>;
    const p = chk.p.labels as ArrayLike<Label>;
    const use = labels === undefined ? uniqueLabels(t, p) : labels.slice();
    const k = use.length;
    const ti = encode(t, use);
    const pi = encode(p, use);
    const tp = new Float64Array(k);
    const predSum = new Float64Array(k);
    const trueSum = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const wi = w ? w[i] : 1;
      if (ti[i] >= 0) trueSum[ti[i]] += wi;
      if (pi[i] >= 0) predSum[pi[i]] += wi;
      if (ti[i] >= 0 && ti[i] === pi[i]) tp[ti[i]] += wi;
    }
    return finish(tp, predSum, trueSum, () => totalW, use);
  }
  const tm = chk.t.matrix as NonNullable<CheckedTargets['t']['matrix']>;
  const pm = chk.p.matrix as NonNullable<CheckedTargets['p']['matrix']>;
  const cols = tm.cols;
  let colIdx: number[];
  if (labels === undefined) colIdx = Array.from({ length: cols }, (_, j) => j);
  else {
    colIdx = labels.map((l) => {
      if (typeof l !== 'number' || !Number.isInteger(l) || l < 0 || l >= cols) {
        throw new ValidationError(
          `All labels must be in [0, n labels) for multilabel targets: got ${String(l)} with ${cols} label columns`,
          { param: 'labels', got: l },
        );
      }
      return l;
    });
  }
  const k = samplewise ? n : colIdx.length;
  const tp = new Float64Array(k);
  const predSum = new Float64Array(k);
  const trueSum = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i] : 1;
    for (let c = 0; c < colIdx.length; c++) {
      const j = colIdx[c];
      const tv = tm.data[i * cols + j] !== 0;
      const pv = pm.data[i * cols + j] !== 0;
      const slot = samplewise ? i : c;
      if (tv) trueSum[slot] += wi;
      if (pv) predSum[slot] += wi;
      if (tv && pv) tp[slot] += wi;
    }
  }
  const out = samplewise
    ? finish(
        tp,
        predSum,
        trueSum,
        (i) => (w ? w[i] : 1) * colIdx.length,
        Array.from({ length: n }, (_, i) => i),
      )
    : finish(tp, predSum, trueSum, () => totalW, colIdx);
  return out;
}

function finish(
  tp: Float64Array,
  predSum: Float64Array,
  trueSum: Float64Array,
  total: (i: number) => number,
  labels: Label[],
): LabelCounts {
  const k = tp.length;
  const fp = new Float64Array(k);
  const fn = new Float64Array(k);
  const tn = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    fp[c] = predSum[c] - tp[c];
    fn[c] = trueSum[c] - tp[c];
    tn[c] = total(c) - tp[c] - fp[c] - fn[c];
  }
  return { tp, fp, fn, tn, labels };
}

/** Options of {@link multilabelConfusionMatrix}. */
export interface MultilabelConfusionMatrixOptions {
  /** Labels (multilabel: column indices) to report, in that order. Default: all, sorted. */
  labels?: readonly Label[];
  /** Per-sample weights. Default: all 1. */
  sampleWeight?: NumericVector;
  /** One matrix per sample instead of per label (multilabel only). Default `false`. */
  samplewise?: boolean;
}

/**
 * One 2x2 matrix `[[tn, fp], [fn, tp]]` per label (one-vs-rest for
 * multiclass), shape `[nLabels, 2, 2]`; int32 counts, float64 when weighted.
 * @example multilabelConfusionMatrix([0, 1, 1], [0, 1, 0]).toArray() // [[[1, 1], [0, 1]], [[1, 0], [1, 1]]]
 */
export function multilabelConfusionMatrix(
  yTrue: ClassTarget,
  yPred: ClassTarget,
  options: MultilabelConfusionMatrixOptions = {},
): Tensor {
  const chk = checkTargets(yTrue, yPred);
  const w = sampleWeightVector(options.sampleWeight, chk.n);
  const { tp, fp, fn, tn } = labelCounts(chk, options.labels, w, options.samplewise ?? false);
  const k = tp.length;
  const out = new Float64Array(k * 4);
  for (let c = 0; c < k; c++) {
    out[4 * c] = tn[c];
    out[4 * c + 1] = fp[c];
    out[4 * c + 2] = fn[c];
    out[4 * c + 3] = tp[c];
  }
  return w ? new Tensor(out, [k, 2, 2]) : new Tensor(Int32Array.from(out), [k, 2, 2]);
}
