/**
 * `makePipeline` and the step-naming rule it shares with `makeUnion` and
 * `makeColumnTransformer` (scikit-learn's `_name_estimators`).
 */
import { Pipeline, type PipelineParams, type PipelineStep } from './pipeline.js';
import { type AnyEstimator, isPassthrough, type Passthrough } from './step-utils.js';

function baseName(est: unknown): string {
  if (typeof est === 'string') return est.toLowerCase();
  if (est === null || est === undefined) return 'none';
  const ctor = (est as object).constructor as { estimatorName?: string; name: string };
  return (ctor.estimatorName ?? ctor.name).toLowerCase();
}

/**
 * Names for `estimators`: the lowercased class name (or the string itself,
 * e.g. `'passthrough'`), with `-1`, `-2`... appended to every occurrence of a
 * name that appears more than once.
 * @example nameEstimators([new StandardScaler(), new StandardScaler()]) // ['standardscaler-1', 'standardscaler-2']
 */
export function nameEstimators(estimators: readonly unknown[]): string[] {
  const names = estimators.map(baseName);
  const total = new Map<string, number>();
  for (const n of names) total.set(n, (total.get(n) ?? 0) + 1);
  const seen = new Map<string, number>();
  return names.map((n) => {
    if ((total.get(n) ?? 0) < 2) return n;
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    return `${n}-${k}`;
  });
}

function isOptions(value: unknown): value is Partial<Omit<PipelineParams, 'steps'>> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { fit?: unknown }).fit !== 'function' &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}

/**
 * A {@link Pipeline} whose steps are named automatically (see
 * {@link nameEstimators}); a trailing plain object is the options (`verbose`).
 * @example
 * const pipe = makePipeline(new StandardScaler(), new DummyClassifier());
 * pipe.steps.map(([n]) => n); // ['standardscaler', 'dummyclassifier']
 */
export function makePipeline(
  ...args: (AnyEstimator | Passthrough | Partial<Omit<PipelineParams, 'steps'>>)[]
): Pipeline {
  const last = args[args.length - 1];
  const options = args.length > 0 && !isPassthrough(last) && isOptions(last) ? last : {};
  const estimators = (options === last ? args.slice(0, -1) : args) as (AnyEstimator | Passthrough)[];
  const names = nameEstimators(estimators);
  const steps: PipelineStep[] = estimators.map((e, i) => [names[i], e]);
  return new Pipeline(steps, options);
}
