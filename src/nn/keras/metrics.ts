/** Training metrics for Keras-style `fit`/`evaluate`, computed on a batch. */
import type { Tensor } from '../../tensor/tensor.js';

/** Metric names `compile` accepts. */
export type MetricName = 'accuracy' | 'mse' | 'mae';

/**
 * The mean of `metric` over a batch: `accuracy` compares the arg-max (or `p > 0.5` for a
 * single output) with integer labels, or with the arg-max of one-hot targets.
 * @example computeMetric('accuracy', probs, labels) // 0.875
 */
export function computeMetric(metric: MetricName, pred: Tensor, y: Tensor): number {
  const n = pred.shape[0];
  const c = pred.size / Math.max(1, n);
  const p = pred.data;
  const t = y.data;
  let s = 0;
  if (metric === 'accuracy') {
    const oneHot = y.size === pred.size && c > 1;
    for (let i = 0; i < n; i++) {
      let label: number;
      if (c === 1) label = p[i] > 0.5 ? 1 : 0;
      else {
        label = 0;
        for (let j = 1; j < c; j++) if (p[i * c + j] > p[i * c + label]) label = j;
      }
      let truth = t[i];
      if (oneHot) {
        truth = 0;
        for (let j = 1; j < c; j++) if (t[i * c + j] > t[i * c + truth]) truth = j;
      }
      if (label === truth) s++;
    }
    return s / n;
  }
  for (let i = 0; i < p.length; i++) {
    const d = p[i] - t[i];
    s += metric === 'mse' ? d * d : Math.abs(d);
  }
  return s / p.length;
}
