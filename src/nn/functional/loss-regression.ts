/**
 * Pointwise regression losses: MSE, L1, Huber, smooth L1. Input and target must have the
 * same shape; the gradient flows to the input (targets are data).
 */
import { ShapeError } from '../../tensor/errors.js';
import { formatShape, shapesEqual } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { checkReduction, finishLoss, type Reduction } from './loss-reduce.js';

/** Options shared by the regression losses. */
export interface RegressionLossOptions {
  /** `'mean'` (default), `'sum'` or `'none'`. */
  reduction?: Reduction;
}

function prepare(name: string, input: Tensor, target: Tensor, reduction: string) {
  checkReduction(reduction, name);
  if (!shapesEqual(input.shape, target.shape)) {
    throw new ShapeError(
      `${name}: input of shape ${formatShape(input.shape)} and target of shape ${formatShape(target.shape)} must have the same shape`,
    );
  }
  const n = input.size;
  return { x: input.data, y: target.data, L: new Float64Array(n), D: new Float64Array(n), n };
}

/**
 * Mean squared error `(x - y)^2`.
 * @example F.mseLoss(pred, y)
 */
export function mseLoss(input: Tensor, target: Tensor, options: RegressionLossOptions = {}): Tensor {
  const r = options.reduction ?? 'mean';
  const { x, y, L, D, n } = prepare('mseLoss', input, target, r);
  for (let i = 0; i < n; i++) {
    const d = x[i] - y[i];
    L[i] = d * d;
    D[i] = 2 * d;
  }
  return finishLoss('mseLoss', input, L, input.shape, D, 1, 1, r);
}

/**
 * Mean absolute error `|x - y|` (gradient 0 where they are equal).
 * @example F.l1Loss(pred, y)
 */
export function l1Loss(input: Tensor, target: Tensor, options: RegressionLossOptions = {}): Tensor {
  const r = options.reduction ?? 'mean';
  const { x, y, L, D, n } = prepare('l1Loss', input, target, r);
  for (let i = 0; i < n; i++) {
    const d = x[i] - y[i];
    L[i] = Math.abs(d);
    D[i] = d > 0 ? 1 : d < 0 ? -1 : 0;
  }
  return finishLoss('l1Loss', input, L, input.shape, D, 1, 1, r);
}

/**
 * Smooth L1: `0.5 d^2 / beta` where `|d| < beta`, else `|d| - 0.5 beta` (`beta` default 1).
 * @example F.smoothL1Loss(pred, y, { beta: 0.5 })
 */
export function smoothL1Loss(
  input: Tensor,
  target: Tensor,
  options: RegressionLossOptions & { beta?: number } = {},
): Tensor {
  const r = options.reduction ?? 'mean';
  const beta = options.beta ?? 1;
  const { x, y, L, D, n } = prepare('smoothL1Loss', input, target, r);
  for (let i = 0; i < n; i++) {
    const d = x[i] - y[i];
    const a = Math.abs(d);
    if (a < beta) {
      L[i] = (0.5 * d * d) / beta;
      D[i] = d / beta;
    } else {
      L[i] = a - 0.5 * beta;
      D[i] = d > 0 ? 1 : -1;
    }
  }
  return finishLoss('smoothL1Loss', input, L, input.shape, D, 1, 1, r);
}

/**
 * Huber: `0.5 d^2` where `|d| < delta`, else `delta (|d| - 0.5 delta)` (`delta` default 1).
 * @example F.huberLoss(pred, y, { delta: 2 })
 */
export function huberLoss(
  input: Tensor,
  target: Tensor,
  options: RegressionLossOptions & { delta?: number } = {},
): Tensor {
  const r = options.reduction ?? 'mean';
  const delta = options.delta ?? 1;
  const { x, y, L, D, n } = prepare('huberLoss', input, target, r);
  for (let i = 0; i < n; i++) {
    const d = x[i] - y[i];
    const a = Math.abs(d);
    if (a < delta) {
      L[i] = 0.5 * d * d;
      D[i] = d;
    } else {
      L[i] = delta * (a - 0.5 * delta);
      D[i] = d > 0 ? delta : -delta;
    }
  }
  return finishLoss('huberLoss', input, L, input.shape, D, 1, 1, r);
}
