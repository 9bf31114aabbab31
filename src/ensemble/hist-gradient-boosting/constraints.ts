/**
 * Monotonic and interaction constraints of histogram gradient boosting:
 * turning the user's options into the per-feature codes and feature groups
 * the grower uses, with clear errors for invalid ones.
 */
import { ValidationError } from '../../base/errors.js';

/**
 * The monotonic constraint per feature (1 increasing, -1 decreasing, 0 none)
 * from the `monotonicCst` option, or null. Throws a `ValidationError` for a
 * wrong length, values other than -1/0/1, a constrained categorical feature,
 * or any constraint with multiclass log-loss (`K > 1`).
 * @example resolveMonotonicCst([1, 0], 2, new Uint8Array(2), 1) // Int8Array [1, 0]
 */
export function resolveMonotonicCst(
  option: readonly number[] | null,
  p: number,
  mask: Uint8Array,
  K: number,
): Int8Array | null {
  if (option === null) return null;
  if (option.length !== p) {
    throw new ValidationError(`monotonicCst has shape ${option.length} but the input data X has ${p} features.`, {
      param: 'monotonicCst',
      expected: p,
      got: option.length,
    });
  }
  const cst = Int8Array.from(option);
  cst.forEach((c, f) => {
    if (c !== option[f] || c < -1 || c > 1) {
      throw new ValidationError(`monotonicCst must only contain -1, 0 or 1; got ${option[f]} at index ${f}.`);
    }
    if (c !== 0 && mask[f]) {
      throw new ValidationError(`Categorical feature at index ${f} cannot have a monotonic constraint.`);
    }
  });
  if (K > 1 && cst.some((c) => c !== 0)) {
    throw new ValidationError('monotonicCst is not supported for multiclass classification.');
  }
  return cst;
}

/**
 * The interaction groups from the `interactionCst` option ('pairwise',
 * 'no_interactions' or lists of feature indices), with the features named in
 * no group added as one more group (as sklearn), or null.
 * @example resolveInteractionCst('no_interactions', 2) // [Int32Array [0], Int32Array [1]]
 */
export function resolveInteractionCst(
  option: readonly (readonly number[])[] | 'pairwise' | 'no_interactions' | null,
  p: number,
): Int32Array[] | null {
  if (option === null) return null;
  let groups: number[][];
  if (option === 'no_interactions') groups = Array.from({ length: p }, (_, f) => [f]);
  else if (option === 'pairwise') {
    groups = [];
    for (let a = 0; a < p; a++) for (let b = a + 1; b < p; b++) groups.push([a, b]);
  } else groups = option.map((g) => Array.from(g));
  const covered = new Set<number>();
  for (const g of groups) {
    for (const f of g) {
      if (!Number.isInteger(f) || f < 0 || f >= p) {
        throw new ValidationError(`interactionCst must contain feature indices in 0..${p - 1}; got ${f}.`, {
          param: 'interactionCst',
          got: f,
        });
      }
      covered.add(f);
    }
  }
  // Features in no group form one more group together, as sklearn does.
  const rest = Array.from({ length: p }, (_, f) => f).filter((f) => !covered.has(f));
  if (rest.length > 0) groups.push(rest);
  return groups.map((g) => Int32Array.from(g));
}
