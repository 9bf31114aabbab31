/**
 * The hyper-parameters every tree learner shares (scikit-learn's
 * `BaseDecisionTree` parameters), their constraints, and their resolution
 * into the concrete numbers the grower uses (`maxFeatures: 'sqrt'` → an
 * integer, fractions of samples → counts, `minWeightFractionLeaf` → a weight).
 */
import { ValidationError } from '../base/errors.js';
import { formatValue, interval, options, type ParameterConstraints } from '../base/params.js';
import type { Label } from '../base/types.js';
import type { RandomGenerator, RandomState } from '../tensor/random.js';
import type { GrowOptions } from './grower.js';

/** `maxFeatures`: a count, a fraction of the features, `'sqrt'`, `'log2'`, or `undefined`/`null` for all. */
export type MaxFeatures = number | 'sqrt' | 'log2' | null | undefined;

/** Options shared by every decision tree (sklearn's names, camelCase). */
export interface TreeGrowthParams {
  /** `'best'` (default) scans every threshold; `'random'` draws one threshold per feature. */
  splitter: 'best' | 'random';
  /** Maximum depth; `undefined`/`null` (default) grows until leaves are pure or too small. */
  maxDepth: number | null | undefined;
  /** Minimum samples to split a node: an int ≥ 2, or a fraction in (0, 1] of the samples. Default 2. */
  minSamplesSplit: number;
  /** Minimum samples in a leaf: an int ≥ 1, or a fraction in (0, 1) of the samples. Default 1. */
  minSamplesLeaf: number;
  /** Minimum fraction of the total sample weight in a leaf, in [0, 0.5]. Default 0. */
  minWeightFractionLeaf: number;
  /** Features considered per split (see {@link MaxFeatures}). */
  maxFeatures: MaxFeatures;
  /** Seed or generator for the feature order and random thresholds. Default `undefined` (unseeded). */
  randomState: RandomState | undefined;
  /** Grow best-first with at most this many leaves (≥ 2); `undefined`/`null` (default) for no limit. */
  maxLeafNodes: number | null | undefined;
  /** Split only when the weighted impurity decrease is at least this. Default 0. */
  minImpurityDecrease: number;
  /** Minimal cost-complexity pruning strength (≥ 0). Default 0 (no pruning). */
  ccpAlpha: number;
}

/** Constraints of {@link TreeGrowthParams}. */
export const TREE_GROWTH_CONSTRAINTS: ParameterConstraints = {
  splitter: [options(['best', 'random'])],
  maxDepth: [interval('int', 1, null, 'left'), null],
  minSamplesSplit: [interval('int', 2, null, 'left'), interval('real', 0, 1, 'right')],
  minSamplesLeaf: [interval('int', 1, null, 'left'), interval('real', 0, 1, 'neither')],
  minWeightFractionLeaf: [interval('real', 0, 0.5, 'both')],
  maxFeatures: [interval('int', 1, null, 'left'), interval('real', 0, 1, 'right'), options(['sqrt', 'log2']), null],
  randomState: ['randomState'],
  maxLeafNodes: [interval('int', 2, null, 'left'), null],
  minImpurityDecrease: [interval('real', 0, null, 'left')],
  ccpAlpha: [interval('real', 0, null, 'left')],
};

/**
 * Number of features per split for `maxFeatures` (sklearn's `max_features_`).
 * Integers count (clipped to an error above `nFeatures`), reals in (0, 1] are fractions.
 * @example resolveMaxFeatures('sqrt', 20) // 4
 */
export function resolveMaxFeatures(maxFeatures: MaxFeatures, nFeatures: number): number {
  if (maxFeatures === undefined || maxFeatures === null) return nFeatures;
  if (maxFeatures === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(nFeatures)));
  if (maxFeatures === 'log2') return Math.max(1, Math.floor(Math.log2(nFeatures)));
  // An integer-valued number counts features, except 1.0 which sklearn reads as a float (all features)
  // only when written as a float; in JS 1 and 1.0 are the same, so 1 means one feature.
  if (Number.isInteger(maxFeatures)) {
    if (maxFeatures > nFeatures) {
      throw new ValidationError(`maxFeatures must be in (0, nFeatures = ${nFeatures}], got ${maxFeatures}`, {
        param: 'maxFeatures',
        got: maxFeatures,
      });
    }
    return maxFeatures;
  }
  return Math.max(1, Math.floor(maxFeatures * nFeatures));
}

/**
 * The grower's options from the params, for `nSamples` rows and `totalWeight`
 * (sum of the sample weights, class weights included).
 */
export function resolveGrowOptions(
  p: TreeGrowthParams,
  criterion: number,
  nSamples: number,
  nFeatures: number,
  totalWeight: number,
  rng: RandomGenerator,
): GrowOptions {
  const minSamplesLeaf = Number.isInteger(p.minSamplesLeaf) ? p.minSamplesLeaf : Math.ceil(p.minSamplesLeaf * nSamples);
  let minSamplesSplit =
    Number.isInteger(p.minSamplesSplit) && p.minSamplesSplit >= 2
      ? p.minSamplesSplit
      : Math.max(2, Math.ceil(p.minSamplesSplit * nSamples));
  minSamplesSplit = Math.max(minSamplesSplit, 2 * minSamplesLeaf);
  return {
    criterion,
    random: p.splitter === 'random',
    maxFeatures: resolveMaxFeatures(p.maxFeatures, nFeatures),
    minSamplesLeaf,
    minWeightLeaf: p.minWeightFractionLeaf * totalWeight,
    rng,
    maxDepth: p.maxDepth === undefined || p.maxDepth === null ? Number.POSITIVE_INFINITY : p.maxDepth,
    minSamplesSplit,
    maxLeafNodes: p.maxLeafNodes === undefined || p.maxLeafNodes === null ? 0 : p.maxLeafNodes,
    minImpurityDecrease: p.minImpurityDecrease,
  };
}

/** `'balanced'`, or a weight per class label (classes not listed weigh 1). */
export type TreeClassWeight = 'balanced' | Record<string, number> | Map<Label, number>;

/**
 * Weight per class index (sklearn's `compute_class_weight`): `'balanced'` gives
 * `n / (nClasses · count)` over the (weighted-by-occurrence) labels `encoded`.
 * @example classWeightVector('balanced', ['a', 'b'], Int32Array.of(0, 0, 0, 1)) // [0.666…, 2]
 */
export function classWeightVector(
  classWeight: TreeClassWeight | null | undefined,
  classes: readonly Label[],
  encoded: ArrayLike<number>,
  counts?: ArrayLike<number>,
): Float64Array {
  const k = classes.length;
  const out = new Float64Array(k).fill(1);
  if (classWeight === undefined || classWeight === null) return out;
  if (classWeight === 'balanced') {
    const perClass = new Float64Array(k);
    let n = 0;
    for (let i = 0; i < encoded.length; i++) {
      const c = counts === undefined ? 1 : counts[i];
      perClass[encoded[i]] += c;
      n += c;
    }
    for (let c = 0; c < k; c++) out[c] = perClass[c] > 0 ? n / (k * perClass[c]) : 1;
    return out;
  }
  if (typeof classWeight !== 'object') {
    throw new ValidationError(`classWeight must be 'balanced', an object or a Map, got ${formatValue(classWeight)}`, {
      param: 'classWeight',
      got: classWeight,
    });
  }
  const entries: [Label, number][] =
    classWeight instanceof Map ? [...classWeight.entries()] : Object.entries(classWeight);
  for (const [label, weight] of entries) {
    let idx = classes.indexOf(label);
    if (idx < 0 && typeof label === 'string') idx = classes.findIndex((c) => String(c) === label);
    if (idx < 0) {
      throw new ValidationError(
        `classWeight names the class ${formatValue(label)}, which is not among the classes [${classes.map(formatValue).join(', ')}]`,
        { param: 'classWeight', got: label },
      );
    }
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      throw new ValidationError(
        `classWeight for ${formatValue(label)} must be a finite number >= 0, got ${formatValue(weight)}`,
        {
          param: 'classWeight',
          got: weight,
        },
      );
    }
    out[idx] = weight;
  }
  return out;
}
