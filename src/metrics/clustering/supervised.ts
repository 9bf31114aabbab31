/**
 * Clustering metrics that compare a clustering with reference labels (or two
 * clusterings): pair-counting (Rand, adjusted Rand, Fowlkes-Mallows) and
 * information-theoretic (mutual information, normalized and adjusted MI,
 * homogeneity, completeness, V-measure). All are invariant to renaming labels.
 */
import { ValidationError } from '../../base/errors.js';
import type { LabelVector } from '../targets.js';
import { buildContingency, type Contingency, entropyOfCounts, pairCounts } from './contingency.js';
import { expectedMutualInformation } from './expected-mutual-info.js';

/**
 * Rand index: the fraction of sample pairs on which the two labelings agree
 * (both together or both apart).
 * @example randScore([0, 0, 1, 2], [0, 0, 1, 1]) // 0.8333...
 */
export function randScore(labelsTrue: LabelVector, labelsPred: LabelVector): number {
  const { tn, fp, fn, tp } = pairCounts(buildContingency(labelsTrue, labelsPred));
  const num = tn + tp;
  const den = tn + fp + fn + tp;
  if (num === den || den === 0n) return 1;
  return Number(num) / Number(den);
}

/**
 * Adjusted Rand index: the Rand index corrected for chance (0 for random
 * labelings, 1 for identical partitions, can be negative). Symmetric.
 * @example adjustedRandScore([0, 0, 1, 1], [1, 1, 0, 0]) // 1
 */
export function adjustedRandScore(labelsTrue: LabelVector, labelsPred: LabelVector): number {
  const { tn, fp, fn, tp } = pairCounts(buildContingency(labelsTrue, labelsPred));
  if (fn === 0n && fp === 0n) return 1;
  // Exact integer products, converted once (sklearn uses Python ints).
  return (2 * Number(tp * tn - fn * fp)) / Number((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}

/** Mutual information (nats) from a contingency table, as sklearn (terms below eps dropped, clipped at 0). */
export function mutualInfoFromContingency(c: Contingency): number {
  if (c.nClasses === 1 || c.nClusters === 1) return 0;
  let total = 0;
  for (let i = 0; i < c.counts.length; i++) total += c.counts[i];
  const logTotal = Math.log(total);
  let sumPi = 0;
  let sumPj = 0;
  for (let i = 0; i < c.nClasses; i++) sumPi += c.rowSums[i];
  for (let j = 0; j < c.nClusters; j++) sumPj += c.colSums[j];
  const logPi = Math.log(sumPi);
  const logPj = Math.log(sumPj);
  let mi = 0;
  for (let i = 0; i < c.nClasses; i++) {
    for (let j = 0; j < c.nClusters; j++) {
      const v = c.counts[i * c.nClusters + j];
      if (v === 0) continue;
      const pnm = v / total;
      const logOuter = -Math.log(c.rowSums[i] * c.colSums[j]) + logPi + logPj;
      let term = pnm * (Math.log(v) - logTotal) + pnm * logOuter;
      if (Math.abs(term) < Number.EPSILON) term = 0;
      mi += term;
    }
  }
  return Math.max(mi, 0);
}

/**
 * Mutual information (nats) between two labelings.
 * @example mutualInfoScore([0, 0, 1, 1], [0, 0, 1, 1]) // log(2)
 */
export function mutualInfoScore(labelsTrue: LabelVector, labelsPred: LabelVector): number {
  return mutualInfoFromContingency(buildContingency(labelsTrue, labelsPred));
}

/** How two entropies are averaged to normalize mutual information. */
export type AverageMethod = 'min' | 'geometric' | 'arithmetic' | 'max';

function generalizedAverage(u: number, v: number, method: AverageMethod): number {
  switch (method) {
    case 'min':
      return Math.min(u, v);
    case 'geometric':
      return Math.sqrt(u * v);
    case 'arithmetic':
      return (u + v) / 2;
    case 'max':
      return Math.max(u, v);
    default:
      throw new ValidationError(
        `averageMethod must be 'min', 'geometric', 'arithmetic' or 'max', got '${String(method)}'`,
        {
          param: 'averageMethod',
        },
      );
  }
}

/** Options of the normalized / adjusted mutual information. */
export interface MutualInfoOptions {
  /** How the two entropies are averaged. Default `'arithmetic'`. */
  averageMethod?: AverageMethod;
}

function singlePartitionBoth(c: Contingency): boolean {
  return (c.nClasses === 1 && c.nClusters === 1) || (c.nClasses === 0 && c.nClusters === 0);
}

/**
 * Normalized mutual information `MI / mean(H(true), H(pred))` in [0, 1].
 * @example normalizedMutualInfoScore([0, 0, 1, 1], [1, 1, 0, 0]) // 1
 */
export function normalizedMutualInfoScore(
  labelsTrue: LabelVector,
  labelsPred: LabelVector,
  options: MutualInfoOptions = {},
): number {
  const { averageMethod = 'arithmetic' } = options;
  const c = buildContingency(labelsTrue, labelsPred);
  if (singlePartitionBoth(c)) return 1;
  const mi = mutualInfoFromContingency(c);
  if (mi === 0) return 0;
  const norm = generalizedAverage(entropyOfCounts(c.rowSums, c.n), entropyOfCounts(c.colSums, c.n), averageMethod);
  return mi / norm;
}

/**
 * Adjusted mutual information `(MI - E[MI]) / (mean(H) - E[MI])`: 0 for
 * random labelings, 1 for identical partitions (up to renaming).
 * @example adjustedMutualInfoScore([0, 0, 1, 1], [0, 0, 1, 1]) // 1
 */
export function adjustedMutualInfoScore(
  labelsTrue: LabelVector,
  labelsPred: LabelVector,
  options: MutualInfoOptions = {},
): number {
  const { averageMethod = 'arithmetic' } = options;
  const c = buildContingency(labelsTrue, labelsPred);
  if (singlePartitionBoth(c)) return 1;
  const mi = mutualInfoFromContingency(c);
  const emi = expectedMutualInformation(c);
  const norm = generalizedAverage(entropyOfCounts(c.rowSums, c.n), entropyOfCounts(c.colSums, c.n), averageMethod);
  let den = norm - emi;
  den = den < 0 ? Math.min(den, -Number.EPSILON) : Math.max(den, Number.EPSILON);
  return (mi - emi) / den;
}

/** Result of {@link homogeneityCompletenessVMeasure}. */
export interface HomogeneityCompletenessV {
  /** Each cluster holds members of a single class. */
  homogeneity: number;
  /** All members of a class are in the same cluster. */
  completeness: number;
  /** Weighted harmonic mean of the two. */
  vMeasure: number;
}

/**
 * Homogeneity, completeness and V-measure at once (`beta` > 1 weights
 * completeness more in the V-measure). Default beta 1.
 * @example homogeneityCompletenessVMeasure([0, 0, 1, 1], [0, 0, 1, 2]).homogeneity // 1
 */
export function homogeneityCompletenessVMeasure(
  labelsTrue: LabelVector,
  labelsPred: LabelVector,
  options: { beta?: number } = {},
): HomogeneityCompletenessV {
  const { beta = 1 } = options;
  const c = buildContingency(labelsTrue, labelsPred);
  if (c.n === 0) return { homogeneity: 1, completeness: 1, vMeasure: 1 };
  const hC = entropyOfCounts(c.rowSums, c.n);
  const hK = entropyOfCounts(c.colSums, c.n);
  const mi = mutualInfoFromContingency(c);
  const homogeneity = hC ? mi / hC : 1;
  const completeness = hK ? mi / hK : 1;
  const vMeasure =
    homogeneity + completeness === 0
      ? 0
      : ((1 + beta) * homogeneity * completeness) / (beta * homogeneity + completeness);
  return { homogeneity, completeness, vMeasure };
}

/**
 * Homogeneity: 1 when each cluster contains only members of a single class.
 * @example homogeneityScore([0, 0, 1, 1], [0, 0, 1, 2]) // 1
 */
export function homogeneityScore(labelsTrue: LabelVector, labelsPred: LabelVector): number {
  return homogeneityCompletenessVMeasure(labelsTrue, labelsPred).homogeneity;
}

/**
 * Completeness: 1 when all members of each class are in the same cluster.
 * @example completenessScore([0, 0, 1, 1], [0, 0, 0, 0]) // 1
 */
export function completenessScore(labelsTrue: LabelVector, labelsPred: LabelVector): number {
  return homogeneityCompletenessVMeasure(labelsTrue, labelsPred).completeness;
}

/**
 * V-measure: harmonic mean of homogeneity and completeness (equal to NMI with
 * arithmetic averaging when beta is 1).
 * @example vMeasureScore([0, 0, 1, 1], [0, 0, 1, 1]) // 1
 */
export function vMeasureScore(
  labelsTrue: LabelVector,
  labelsPred: LabelVector,
  options: { beta?: number } = {},
): number {
  return homogeneityCompletenessVMeasure(labelsTrue, labelsPred, options).vMeasure;
}

/**
 * Fowlkes-Mallows index: geometric mean of pairwise precision and recall, `TP / sqrt((TP+FP)(TP+FN))`.
 * @example fowlkesMallowsScore([0, 0, 1, 1], [0, 0, 1, 1]) // 1
 */
export function fowlkesMallowsScore(labelsTrue: LabelVector, labelsPred: LabelVector): number {
  const c = buildContingency(labelsTrue, labelsPred);
  let tk = 0;
  for (let i = 0; i < c.counts.length; i++) tk += c.counts[i] * c.counts[i];
  tk -= c.n;
  let pk = 0;
  for (let j = 0; j < c.nClusters; j++) pk += c.colSums[j] * c.colSums[j];
  pk -= c.n;
  let qk = 0;
  for (let i = 0; i < c.nClasses; i++) qk += c.rowSums[i] * c.rowSums[i];
  qk -= c.n;
  return tk !== 0 ? Math.sqrt(tk / pk) * Math.sqrt(tk / qk) : 0;
}
