/**
 * The activation functions, their derivatives and the losses of scikit-learn's
 * multi-layer perceptron (`sklearn/neural_network/_base.py`), in place on row-major
 * Float64Array matrices. Derivatives are written in terms of the activation's output
 * (what backprop keeps), exactly as sklearn does.
 */

/** Hidden-layer activations (sklearn's `activation` option). */
export type HiddenActivation = 'identity' | 'logistic' | 'tanh' | 'relu';

/** Output activations: a hidden one or `softmax` (multiclass). */
export type OutActivation = HiddenActivation | 'softmax';

/** The loss a network is trained on. */
export type MlpLoss = 'squared_error' | 'log_loss' | 'binary_log_loss';

/** float64 machine epsilon: sklearn clips probabilities to `[eps, 1 - eps]` in the log losses. */
const EPS = 2.220446049250313e-16;

/**
 * Applies `name` in place to `z` (`rows x cols`; softmax is per row, max-subtracted).
 * @example activate('relu', z, n, units)
 */
export function activate(name: OutActivation, z: Float64Array, rows: number, cols: number, length = rows * cols): void {
  switch (name) {
    case 'identity':
      return;
    case 'relu':
      for (let i = 0; i < length; i++) if (z[i] < 0) z[i] = 0;
      return;
    case 'tanh':
      for (let i = 0; i < length; i++) z[i] = Math.tanh(z[i]);
      return;
    case 'logistic':
      for (let i = 0; i < length; i++) z[i] = 1 / (1 + Math.exp(-z[i]));
      return;
    case 'softmax':
      for (let r = 0; r < rows; r++) {
        const o = r * cols;
        let mx = Number.NEGATIVE_INFINITY;
        for (let j = 0; j < cols; j++) if (z[o + j] > mx) mx = z[o + j];
        let s = 0;
        for (let j = 0; j < cols; j++) {
          const e = Math.exp(z[o + j] - mx);
          z[o + j] = e;
          s += e;
        }
        for (let j = 0; j < cols; j++) z[o + j] /= s;
      }
      return;
    default:
      throw new RangeError(`unknown activation '${String(name)}'`);
  }
}

/**
 * Multiplies `delta` in place by the derivative of `name`, given the activation's
 * output `a` (relu: 0 where `a == 0`; tanh: `1 - a^2`; logistic: `a (1 - a)`).
 * @example activationDerivative('tanh', hidden, delta, n * units)
 */
export function activationDerivative(
  name: HiddenActivation,
  a: Float64Array,
  delta: Float64Array,
  length: number,
): void {
  switch (name) {
    case 'identity':
      return;
    case 'relu':
      for (let i = 0; i < length; i++) if (a[i] === 0) delta[i] = 0;
      return;
    case 'tanh':
      for (let i = 0; i < length; i++) delta[i] *= 1 - a[i] * a[i];
      return;
    case 'logistic':
      for (let i = 0; i < length; i++) {
        delta[i] *= a[i];
        delta[i] *= 1 - a[i];
      }
      return;
    default:
      throw new RangeError(`unknown activation '${String(name)}'`);
  }
}

function clip(p: number): number {
  return Math.min(Math.max(p, EPS), 1 - EPS);
}

/**
 * The data term of the loss of predictions `p` against targets `y` (both `rows x cols`):
 * squared error `mean((y - p)^2) / 2` over every entry, the multiclass log loss
 * `-sum(y log p) / rows`, or the binary log loss `-sum(y log p + (1 - y) log(1 - p)) / rows`
 * (probabilities clipped to `[eps, 1 - eps]`; `0 log 0 = 0`).
 * @example lossValue('squared_error', y, p, n, 1)
 */
export function lossValue(loss: MlpLoss, y: Float64Array, p: Float64Array, rows: number, cols: number): number {
  const n = rows * cols;
  let s = 0;
  if (loss === 'squared_error') {
    for (let i = 0; i < n; i++) {
      const d = y[i] - p[i];
      s += d * d;
    }
    return s / n / 2;
  }
  if (loss === 'log_loss') {
    for (let i = 0; i < n; i++) if (y[i] !== 0) s += y[i] * Math.log(clip(p[i]));
    return -s / rows;
  }
  let pos = 0;
  let neg = 0;
  for (let i = 0; i < n; i++) {
    const q = clip(p[i]);
    if (y[i] !== 0) pos += y[i] * Math.log(q);
    if (y[i] !== 1) neg += (1 - y[i]) * Math.log(1 - q);
  }
  return -(pos + neg) / rows;
}
