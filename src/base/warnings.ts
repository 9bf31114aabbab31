/**
 * Warnings: conditions worth telling the user about that do not stop the
 * computation (an optimizer that ran out of iterations, a converted input).
 * They are reported through one replaceable handler, so an application can
 * route them to its logger and a test can capture them.
 */

/**
 * Base class of every typelearn warning (scikit-learn's `UserWarning`).
 * @example warn(new TypelearnWarning('X has feature names, but the model was fitted without'));
 */
export class TypelearnWarning extends Error {
  override name = 'TypelearnWarning';
}

/**
 * An iterative solver stopped before meeting its tolerance (sklearn's
 * `ConvergenceWarning`). Reported with {@link warn}, never thrown.
 * @example warn(new ConvergenceWarning('lbfgs failed to converge after 100 iterations'));
 */
export class ConvergenceWarning extends TypelearnWarning {
  override name = 'ConvergenceWarning';
}

/**
 * Input data was converted in a way the user may not expect (sklearn's
 * `DataConversionWarning`), e.g. a column vector `y` of shape `[n, 1]` raveled to 1-D.
 * @example warn(new DataConversionWarning('A column-vector y was passed when a 1d array was expected'));
 */
export class DataConversionWarning extends TypelearnWarning {
  override name = 'DataConversionWarning';
}

/** Receives every warning passed to {@link warn}. */
export type WarningHandler = (warning: TypelearnWarning) => void;

function defaultHandler(warning: TypelearnWarning): void {
  // Read through globalThis so browsers and edge runtimes (no `process`) work.
  const proc = (globalThis as { process?: { emitWarning?: (w: Error) => void } }).process;
  if (typeof proc?.emitWarning === 'function') proc.emitWarning(warning);
  else console.warn(`${warning.name}: ${warning.message}`);
}

let currentHandler: WarningHandler = defaultHandler;

/**
 * Reports a warning through the current handler (by default Node's
 * `process.emitWarning`, or `console.warn` where there is no `process`).
 * @example warn(new ConvergenceWarning('Maximum number of iterations reached'));
 */
export function warn(warning: TypelearnWarning): void {
  currentHandler(warning);
}

/**
 * Replaces the warning handler; `null` restores the default. Returns the previous handler.
 * @example
 * const previous = setWarningHandler((w) => logger.warn(w.message));
 * // ... later
 * setWarningHandler(previous);
 */
export function setWarningHandler(handler: WarningHandler | null): WarningHandler {
  const previous = currentHandler;
  currentHandler = handler ?? defaultHandler;
  return previous;
}

/**
 * Runs `fn` with warnings collected instead of reported, and returns them with
 * `fn`'s result. Restores the previous handler even when `fn` throws.
 * @example
 * const { result, warnings } = await captureWarnings(() => model.fit(X, y));
 * warnings.some((w) => w instanceof ConvergenceWarning);
 */
export async function captureWarnings<T>(
  fn: () => T | Promise<T>,
): Promise<{ result: T; warnings: TypelearnWarning[] }> {
  const warnings: TypelearnWarning[] = [];
  const previous = setWarningHandler((w) => warnings.push(w));
  try {
    const result = await fn();
    return { result, warnings };
  } finally {
    setWarningHandler(previous);
  }
}
