/**
 * `makeColumnTransformer` (scikit-learn's `make_column_transformer`): a
 * ColumnTransformer whose entries are named automatically.
 */

import type { ColumnSpec } from './column-spec.js';
import { ColumnTransformer, type ColumnTransformerParams, type ColumnTransformer as CT } from './column-transformer.js';
import { nameEstimators } from './make-pipeline.js';
import type { AnyEstimator } from './step-utils.js';

/** One `[transformer, columns]` pair for {@link makeColumnTransformer}. */
export type UnnamedColumnEntry = readonly [transformer: AnyEstimator | 'drop' | 'passthrough', columns: ColumnSpec];

/**
 * A {@link ColumnTransformer} from `[transformer, columns]` pairs, named by
 * lowercased class name (`-1`, `-2` on duplicates); the options
 * (`remainder`, `sparseThreshold`, `verboseFeatureNamesOut`) go last.
 * @example
 * const ct = makeColumnTransformer(
 *   [new StandardScaler(), ['age', 'fare']],
 *   [new OneHotEncoder(), ['sex', 'embarked']],
 *   { remainder: 'passthrough' },
 * );
 * ct.params.transformers.map(([n]) => n); // ['standardscaler', 'onehotencoder']
 */
export function makeColumnTransformer(
  ...args: (UnnamedColumnEntry | Partial<Omit<ColumnTransformerParams, 'transformers'>>)[]
): CT {
  const last = args[args.length - 1];
  const hasOptions = args.length > 0 && !Array.isArray(last);
  const options = (hasOptions ? last : {}) as Partial<Omit<ColumnTransformerParams, 'transformers'>>;
  const pairs = (hasOptions ? args.slice(0, -1) : args) as UnnamedColumnEntry[];
  const names = nameEstimators(pairs.map(([t]) => t));
  return new ColumnTransformer(
    pairs.map(([t, c], i) => [names[i], t, c] as const),
    options,
  );
}
