/**
 * One member tree of a forest, from its seed: the bootstrap draw (or all
 * samples), the per-tree class weights for `'balanced_subsample'`, and the
 * tree itself. A pure function of the shared data and the seed, so the main
 * thread and the workers grow identical trees, whatever `nJobs` is.
 */
import { RandomGenerator } from '../tensor/random.js';
import type { PreparedTreeInput, TreeTargets } from '../tree/build-tree.js';
import { buildTree } from '../tree/build-tree.js';
import { classWeightVector, type TreeGrowthParams } from '../tree/tree-params.js';
import type { Tree } from '../tree/tree-structure.js';

/** Everything a member needs besides its seed (shared by all members). */
export interface ForestData {
  input: PreparedTreeInput;
  targets: TreeTargets;
  /** Sample weights with class weights folded in (except `'balanced_subsample'`). */
  weights: Float64Array;
  params: TreeGrowthParams;
  criterion: number;
  bootstrap: boolean;
  /** Rows drawn per bootstrap. */
  nBootstrap: number;
  /** Recompute balanced class weights on each bootstrap sample. */
  balancedSubsample: boolean;
}

/**
 * Bootstrap counts of a member: how many times each row was drawn
 * (`nBootstrap` uniform draws with replacement from the member's generator).
 * @example bootstrapCounts(12345, 5, 5) // e.g. Int32Array [2, 0, 1, 1, 1]
 */
export function bootstrapCounts(seed: number, n: number, nBootstrap: number): Int32Array {
  const rng = new RandomGenerator(seed);
  const counts = new Int32Array(n);
  for (let k = 0; k < nBootstrap; k++) counts[Math.floor(rng.random() * n)]++;
  return counts;
}

/**
 * Grows member tree `seed`. Its randomness: the bootstrap from one generator
 * seeded with `seed`, the split search from another seeded with `seed + 1`.
 * @example const tree = growMember(data, seeds[i]);
 */
export function growMember(d: ForestData, seed: number): Tree {
  const n = d.input.nSamples;
  let weights = d.weights;
  if (d.bootstrap) {
    const counts = bootstrapCounts(seed, n, d.nBootstrap);
    weights = new Float64Array(n);
    for (let i = 0; i < n; i++) weights[i] = d.weights[i] * counts[i];
    const yClass = d.targets.yClass;
    if (d.balancedSubsample && yClass !== null) {
      const classes = Array.from({ length: d.targets.nClasses }, (_, c) => c);
      const cw = classWeightVector('balanced', classes, yClass, counts);
      for (let i = 0; i < n; i++) weights[i] *= cw[yClass[i]];
    }
  } else if (d.balancedSubsample && d.targets.yClass !== null) {
    const yClass = d.targets.yClass;
    const classes = Array.from({ length: d.targets.nClasses }, (_, c) => c);
    const cw = classWeightVector('balanced', classes, yClass);
    weights = new Float64Array(n);
    for (let i = 0; i < n; i++) weights[i] = d.weights[i] * cw[yClass[i]];
  }
  return buildTree(d.input, d.targets, weights, d.params, d.criterion, new RandomGenerator(seed + 1));
}
