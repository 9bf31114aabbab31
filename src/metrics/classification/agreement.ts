/**
 * Chance-corrected agreement between two labelings: Matthews correlation
 * coefficient and Cohen's kappa (optionally linearly/quadratically weighted).
 */
import { ValidationError } from '../../base/errors.js';
import type { Label } from '../../base/types.js';
import { type ClassTarget, checkTargets } from '../targets.js';
import type { NumericVector } from '../vector.js';
import { confusionMatrix } from './confusion-matrix.js';

/** Options of {@link matthewsCorrcoef}. */
export interface MatthewsOptions {
  /** Per-sample weights. */
  sampleWeight?: NumericVector;
}

/**
 * Matthews correlation coefficient (multiclass form of Gorodkin): +1 perfect,
 * 0 chance, -1 inverse. 0 when either labeling is constant.
 * @example matthewsCorrcoef([1, 1, 1, -1], [1, -1, 1, 1]) // -0.333...
 */
export function matthewsCorrcoef(yTrue: ClassTarget, yPred: ClassTarget, options: MatthewsOptions = {}): number {
  const chk = checkTargets(yTrue, yPred);
  if (chk.type === 'multilabel-indicator') {
    throw new ValidationError('multilabel-indicator targets are not supported by matthewsCorrcoef');
  }
  const C = confusionMatrix(yTrue, yPred, { sampleWeight: options.sampleWeight });
  const k = C.shape[0];
  const c = C.data;
  const tSum = new Float64Array(k);
  const pSum = new Float64Array(k);
  let correct = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      tSum[i] += c[i * k + j];
      pSum[j] += c[i * k + j];
    }
    correct += c[i * k + i];
  }
  let n = 0;
  let tp = 0;
  let pp = 0;
  let tt = 0;
  for (let i = 0; i < k; i++) {
    n += pSum[i];
    tp += tSum[i] * pSum[i];
    pp += pSum[i] * pSum[i];
    tt += tSum[i] * tSum[i];
  }
  const covTP = correct * n - tp;
  const covPP = n * n - pp;
  const covTT = n * n - tt;
  if (covPP * covTT === 0) return 0;
  return covTP / Math.sqrt(covTT * covPP);
}

/** Options of {@link cohenKappaScore}. */
export interface CohenKappaOptions {
  /** Labels indexing the confusion matrix (a subset selects). Default: all labels of both. */
  labels?: readonly Label[];
  /** Disagreement weights: `'linear'` |i-j|, `'quadratic'` (i-j)², or none (0/1). Default none. */
  weights?: 'linear' | 'quadratic' | null;
  /** Per-sample weights. */
  sampleWeight?: NumericVector;
}

/**
 * Cohen's kappa: agreement between two annotators beyond chance,
 * `1 - Σ w·O / Σ w·E` with E the outer product of the marginals.
 * @example cohenKappaScore(['a', 'b', 'b'], ['a', 'b', 'a']) // 0.4
 */
export function cohenKappaScore(y1: ClassTarget, y2: ClassTarget, options: CohenKappaOptions = {}): number {
  const { weights = null } = options;
  if (weights !== null && weights !== 'linear' && weights !== 'quadratic') {
    throw new ValidationError(`Unknown kappa weighting type '${String(weights)}': use 'linear', 'quadratic' or null`, {
      param: 'weights',
    });
  }
  const C = confusionMatrix(y1, y2, { labels: options.labels, sampleWeight: options.sampleWeight });
  const k = C.shape[0];
  const c = C.data;
  const sum0 = new Float64Array(k);
  const sum1 = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      sum0[j] += c[i * k + j];
      sum1[i] += c[i * k + j];
    }
  }
  let total = 0;
  for (let j = 0; j < k; j++) total += sum0[j];
  let num = 0;
  let den = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const d = Math.abs(i - j);
      const wij = weights === null ? (i === j ? 0 : 1) : weights === 'linear' ? d : d * d;
      num += wij * c[i * k + j];
      // sklearn's expected = outer(sum0, sum1) / total, indexed [i, j].
      den += wij * ((sum0[i] * sum1[j]) / total);
    }
  }
  return 1 - num / den;
}
