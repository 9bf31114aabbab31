/**
 * The preprocessing the command line builds from column types, wrapped with
 * the model in one Pipeline: numeric columns are median-imputed and
 * standardised, categorical ones most-frequent-imputed and one-hot encoded.
 */
import { ColumnTransformer, makePipeline, Pipeline } from '../compose/index.js';
import type { AnyEstimator } from '../compose/step-utils.js';
import { OneHotEncoder, SimpleImputer, StandardScaler } from '../preprocessing/index.js';
import type { ColumnPlan } from './column-plan.js';

/**
 * `Pipeline([['preprocess', ColumnTransformer], ['model', model]])` for the planned columns.
 * @example const pipe = autoPipeline({ numeric: ['age'], categorical: ['sex'], ignored: [] }, new LogisticRegression());
 */
export function autoPipeline(plan: ColumnPlan, model: AnyEstimator): Pipeline {
  const entries: [string, AnyEstimator, string[]][] = [];
  if (plan.numeric.length > 0) {
    entries.push([
      'num',
      makePipeline(new SimpleImputer({ strategy: 'median' }), new StandardScaler()),
      [...plan.numeric],
    ]);
  }
  if (plan.categorical.length > 0) {
    entries.push([
      'cat',
      makePipeline(
        new SimpleImputer({ strategy: 'most_frequent' }),
        // Dense output: not every model takes sparse input, and CLI tables are narrow.
        new OneHotEncoder({ handleUnknown: 'ignore', sparseOutput: false }),
      ),
      [...plan.categorical],
    ]);
  }
  return new Pipeline([
    ['preprocess', new ColumnTransformer(entries)],
    ['model', model],
  ]);
}
