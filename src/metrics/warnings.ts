/**
 * Warnings the metrics report (never throw): a score that is ill-defined for
 * the data given, reported with the value it was set to, as scikit-learn's
 * `UndefinedMetricWarning`.
 */
import { TypelearnWarning, warn } from '../base/warnings.js';

/**
 * A metric is ill-defined for the data (e.g. precision of a class that is never
 * predicted) and was set to a fixed value (see `zeroDivision`).
 * @example warn(new UndefinedMetricWarning('Precision is ill-defined and being set to 0.0'));
 */
export class UndefinedMetricWarning extends TypelearnWarning {
  override name = 'UndefinedMetricWarning';
}

/** Reports an {@link UndefinedMetricWarning} with `message`. */
export function warnUndefined(message: string): void {
  warn(new UndefinedMetricWarning(message));
}

/** Reports a plain {@link TypelearnWarning} (sklearn's `UserWarning`) with `message`. */
export function warnUser(message: string): void {
  warn(new TypelearnWarning(message));
}
