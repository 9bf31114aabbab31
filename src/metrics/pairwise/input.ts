/**
 * Inputs of the pairwise functions: 2-D sample matrices X (and optional Y)
 * with the same number of features, and the row-block size that keeps the
 * temporary memory of a computation bounded.
 */
import { ValidationError } from '../../base/errors.js';
import type { NumericMatrix } from '../vector.js';
import { type Matrix, toMatrix } from '../vector.js';

/** A 2-D sample matrix: a 2-D Tensor or nested number arrays. */
export type SampleMatrix = NumericMatrix;

/** X and Y checked: Y is X (same buffer) when absent. */
export interface PairwiseInput {
  X: Matrix;
  Y: Matrix;
  /** Y was absent or the same object as X: the diagonal is a self-distance. */
  same: boolean;
}

/** Reads X and Y (default X) as float64 matrices with equal feature counts (sklearn's `check_pairwise_arrays`). */
export function pairwiseInput(X: SampleMatrix, Y?: SampleMatrix | null): PairwiseInput {
  const xm = toMatrix(X, 'X');
  if (xm.oneD)
    throw new ValidationError('Expected a 2-D array for X, got a 1-D array: reshape it to [nSamples, nFeatures]');
  const same = Y === undefined || Y === null || Y === X;
  const ym = same ? xm : toMatrix(Y as SampleMatrix, 'Y');
  if (ym.oneD)
    throw new ValidationError('Expected a 2-D array for Y, got a 1-D array: reshape it to [nSamples, nFeatures]');
  if (xm.cols !== ym.cols) {
    throw new ValidationError(
      `Incompatible dimension for X and Y matrices: X has ${xm.cols} features while Y has ${ym.cols}`,
      {
        expected: xm.cols,
        got: ym.cols,
      },
    );
  }
  return { X: xm, Y: ym, same };
}

/** Default temporary memory per block, in MiB. */
export const DEFAULT_WORKING_MEMORY = 64;

/** Rows per block so that one `rows x nCols` float64 block fits in `workingMemory` MiB (at least 1). */
export function blockRows(nCols: number, workingMemory = DEFAULT_WORKING_MEMORY): number {
  return Math.max(1, Math.floor((workingMemory * 2 ** 20) / (8 * Math.max(1, nCols))));
}

/** Squared L2 norm of each row. */
export function rowSquaredNorms(M: Matrix): Float64Array {
  const out = new Float64Array(M.rows);
  for (let i = 0; i < M.rows; i++) {
    let s = 0;
    const off = i * M.cols;
    for (let j = 0; j < M.cols; j++) s += M.data[off + j] * M.data[off + j];
    out[i] = s;
  }
  return out;
}
