/**
 * The loss functions of stochastic gradient descent (scikit-learn's
 * `_sgd_fast` `LossFunction` classes): each is a code plus one parameter
 * (hinge threshold or epsilon), evaluated by a switch so the SGD inner loop
 * stays monomorphic whichever loss a fit uses.
 */

/** Loss names of {@link SGDClassifier} (all of them) and {@link SGDRegressor} (the regression ones). */
export type SgdLossName =
  | 'hinge'
  | 'log_loss'
  | 'modified_huber'
  | 'squared_hinge'
  | 'perceptron'
  | 'squared_error'
  | 'huber'
  | 'epsilon_insensitive'
  | 'squared_epsilon_insensitive';

/** Losses for labels in {-1, +1}. */
export const CLASSIFICATION_LOSSES: readonly SgdLossName[] = [
  'hinge',
  'log_loss',
  'modified_huber',
  'squared_hinge',
  'perceptron',
];

/** Losses for real targets (a classifier may use them too, on ±1 targets). */
export const REGRESSION_LOSSES: readonly SgdLossName[] = [
  'squared_error',
  'huber',
  'epsilon_insensitive',
  'squared_epsilon_insensitive',
];

/** Loss codes used in the hot loop. */
export enum LossCode {
  Hinge = 0,
  SquaredHinge = 1,
  Log = 2,
  ModifiedHuber = 3,
  Squared = 4,
  Huber = 5,
  EpsilonInsensitive = 6,
  SquaredEpsilonInsensitive = 7,
}

/** A loss: its code and parameter (hinge threshold, Huber's c or epsilon). */
export interface SgdLoss {
  code: LossCode;
  param: number;
}

/**
 * The loss object sklearn builds for a name (`perceptron` is hinge with
 * threshold 0; the epsilon losses and huber take `epsilon`).
 * @example sgdLoss('perceptron', 0.1) // { code: LossCode.Hinge, param: 0 }
 */
export function sgdLoss(name: SgdLossName, epsilon: number): SgdLoss {
  switch (name) {
    case 'hinge':
      return { code: LossCode.Hinge, param: 1 };
    case 'perceptron':
      return { code: LossCode.Hinge, param: 0 };
    case 'squared_hinge':
      return { code: LossCode.SquaredHinge, param: 1 };
    case 'log_loss':
      return { code: LossCode.Log, param: 0 };
    case 'modified_huber':
      return { code: LossCode.ModifiedHuber, param: 0 };
    case 'squared_error':
      return { code: LossCode.Squared, param: 0 };
    case 'huber':
      return { code: LossCode.Huber, param: epsilon };
    case 'epsilon_insensitive':
      return { code: LossCode.EpsilonInsensitive, param: epsilon };
    case 'squared_epsilon_insensitive':
      return { code: LossCode.SquaredEpsilonInsensitive, param: epsilon };
  }
}

/**
 * Loss at prediction `p` for target `y`.
 * @example lossValue(LossCode.Hinge, 1, 0.5, 1) // 0.5
 */
export function lossValue(code: LossCode, c: number, p: number, y: number): number {
  switch (code) {
    case LossCode.Hinge: {
      const z = p * y;
      return z <= c ? c - z : 0;
    }
    case LossCode.SquaredHinge: {
      const z = c - p * y;
      return z > 0 ? z * z : 0;
    }
    case LossCode.Log: {
      const z = p * y;
      // Cut-offs as sklearn: beyond ±18 the asymptotes are exact in float64.
      if (z > 18) return Math.exp(-z);
      if (z < -18) return -z;
      return Math.log1p(Math.exp(-z));
    }
    case LossCode.ModifiedHuber: {
      const z = p * y;
      if (z >= 1) return 0;
      if (z >= -1) return (1 - z) * (1 - z);
      return -4 * z;
    }
    case LossCode.Squared:
      return 0.5 * (p - y) * (p - y);
    case LossCode.Huber: {
      const r = p - y;
      const a = Math.abs(r);
      return a <= c ? 0.5 * r * r : c * a - 0.5 * c * c;
    }
    case LossCode.EpsilonInsensitive: {
      const r = Math.abs(y - p) - c;
      return Math.max(r, 0);
    }
    case LossCode.SquaredEpsilonInsensitive: {
      const r = Math.abs(y - p) - c;
      return r > 0 ? r * r : 0;
    }
  }
}

/**
 * Derivative of the loss with respect to the prediction `p`.
 * @example lossDerivative(LossCode.Squared, 0, 2, 1) // 1
 */
export function lossDerivative(code: LossCode, c: number, p: number, y: number): number {
  switch (code) {
    case LossCode.Hinge:
      return p * y <= c ? -y : 0;
    case LossCode.SquaredHinge: {
      const z = c - p * y;
      return z > 0 ? -2 * y * z : 0;
    }
    case LossCode.Log: {
      const z = p * y;
      if (z > 18) return Math.exp(-z) * -y;
      if (z < -18) return -y;
      return -y / (Math.exp(z) + 1);
    }
    case LossCode.ModifiedHuber: {
      const z = p * y;
      if (z >= 1) return 0;
      if (z >= -1) return 2 * (1 - z) * -y;
      return -4 * y;
    }
    case LossCode.Squared:
      return p - y;
    case LossCode.Huber: {
      const r = p - y;
      if (Math.abs(r) <= c) return r;
      return r > 0 ? c : -c;
    }
    case LossCode.EpsilonInsensitive:
      if (y - p > c) return -1;
      if (p - y > c) return 1;
      return 0;
    case LossCode.SquaredEpsilonInsensitive: {
      const z = y - p;
      if (z > c) return -2 * (z - c);
      if (z < -c) return 2 * (-z - c);
      return 0;
    }
  }
}
