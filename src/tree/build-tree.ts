/**
 * One tree from prepared data: what `DecisionTree*.fit` and every forest
 * member run. Preparation (float32 column-major copy and the per-column
 * argsort) is separate so a forest does it once for all its trees.
 */
import { ValidationError } from '../base/errors.js';
import type { RandomGenerator } from '../tensor/random.js';
import type { Tensor } from '../tensor/tensor.js';
import { growTree } from './grower.js';
import { argsortColumns, toColumnMajorFloat32 } from './presort.js';
import { pruneTree } from './pruning.js';
import { resolveGrowOptions, type TreeGrowthParams } from './tree-params.js';
import type { Tree } from './tree-structure.js';

/** `X` ready for growing trees. */
export interface PreparedTreeInput {
  /** Column-major float32 features. */
  X: Float32Array;
  nSamples: number;
  nFeatures: number;
  /** Per-column argsort (best splitter), or `null` when only random splits are needed. */
  order: Int32Array | null;
  /** 1 for columns holding NaN. */
  hasNaN: Uint8Array;
}

/**
 * Casts `x` (2-D, row-major) to column-major float32 and, when `withOrder`,
 * argsorts every column.
 * @example const input = prepareTreeInput(X, true);
 */
export function prepareTreeInput(x: Tensor, withOrder: boolean): PreparedTreeInput {
  const [n, f] = x.shape;
  const X = toColumnMajorFloat32(x.data, n, f);
  if (withOrder) {
    const { order, hasNaN } = argsortColumns(X, n, f);
    return { X, nSamples: n, nFeatures: f, order, hasNaN };
  }
  const hasNaN = new Uint8Array(f);
  for (let j = 0; j < f; j++) {
    for (let i = j * n, end = (j + 1) * n; i < end; i++) {
      if (Number.isNaN(X[i])) {
        hasNaN[j] = 1;
        break;
      }
    }
  }
  return { X, nSamples: n, nFeatures: f, order: null, hasNaN };
}

/** Targets of one tree: class indices (classification) or values (regression). */
export interface TreeTargets {
  /** Class index per sample, or `null` for regression. */
  yClass: Int32Array | null;
  /** Number of classes (0 for regression). */
  nClasses: number;
  /** Regression targets (an empty array for classification). */
  y: Float64Array;
}

/**
 * Grows (and prunes when `ccpAlpha > 0`) one tree. `weights` holds one
 * non-negative weight per sample (class weights included); zero-weight samples are left out.
 * @example const tree = buildTree(input, targets, weights, params, GINI, rng);
 */
export function buildTree(
  input: PreparedTreeInput,
  targets: TreeTargets,
  weights: Float64Array,
  params: TreeGrowthParams,
  criterion: number,
  rng: RandomGenerator,
): Tree {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i];
  if (!(total > 0)) {
    throw new ValidationError('The sample weights sum to zero; at least one sample needs a positive weight.', {
      param: 'sampleWeight',
    });
  }
  const grow = resolveGrowOptions(params, criterion, input.nSamples, input.nFeatures, total, rng);
  if (!grow.random && input.order === null)
    throw new Error('buildTree: the best splitter needs prepareTreeInput(x, true)');
  const tree = growTree(
    {
      X: input.X,
      nSamples: input.nSamples,
      nFeatures: input.nFeatures,
      yClass: targets.yClass,
      nClasses: targets.nClasses,
      y: targets.y,
      weights,
      order: input.order,
      hasNaN: input.hasNaN,
    },
    grow,
  );
  return params.ccpAlpha > 0 ? pruneTree(tree, params.ccpAlpha) : tree;
}
