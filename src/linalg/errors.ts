/**
 * The error dense linear algebra raises when a matrix does not have the
 * property an algorithm needs (singular, not positive definite, no
 * convergence) or holds values it cannot work with (NaN, Infinity).
 * Shape problems are {@link ShapeError}s from `typelearn/tensor`.
 */

/**
 * A linear-algebra failure: singular matrix, matrix not positive definite,
 * non-finite input, or an iteration that did not converge. Mirrors numpy's
 * `numpy.linalg.LinAlgError`.
 * @example
 * import { cholesky, LinAlgError } from 'typelearn/linalg';
 * try { cholesky([[1, 2], [2, 1]]); } catch (e) { e instanceof LinAlgError; } // true
 */
export class LinAlgError extends Error {
  override name = 'LinAlgError';
}
