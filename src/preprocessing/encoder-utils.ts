/**
 * The category bookkeeping OneHotEncoder, OrdinalEncoder and TargetEncoder
 * share (sklearn's `_BaseEncoder._fit`/`_transform` and `utils._encode`):
 * sorted unique categories per column with the missing value last, counts,
 * and encoding of a column to category indices with unknown detection.
 *
 * A category is a number, a string, or the missing value: NaN in numeric
 * columns, `null` in string columns (JS `Map` treats NaN keys as equal, so
 * both work as lookup keys).
 */
import { ValidationError } from '../base/errors.js';
import { compareCodePoints } from '../base/labels.js';
import { formatValue } from '../base/params.js';
import { type CategoricalInput, describeColumn, type InputColumn } from './categorical-input.js';

/** One category: a number, a string, or missing (`null` / NaN). */
export type Category = string | number | null;

/** Whether a category is the missing value. */
export function isMissing(c: Category): boolean {
  return c === null || (typeof c === 'number' && Number.isNaN(c));
}

/** Display form of a category in feature names (sklearn prints missing as `nan`). */
export function categoryName(c: Category): string {
  return isMissing(c) ? 'nan' : String(c);
}

/** Sorts categories as `np.unique` / sklearn's `_unique_python`: numbers ascending, strings by code point, missing last. */
export function sortCategories(values: Category[]): Category[] {
  return values.sort((a, b) => {
    const ma = isMissing(a);
    const mb = isMissing(b);
    if (ma || mb) return ma === mb ? 0 : ma ? 1 : -1;
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return compareCodePoints(String(a), String(b));
  });
}

/** Sorted distinct values of a column and their counts. */
export function uniqueWithCounts(column: InputColumn): { categories: Category[]; counts: Int32Array } {
  const counts = new Map<Category, number>();
  const values = column.values;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const categories = sortCategories([...counts.keys()]);
  return { categories, counts: Int32Array.from(categories, (c) => counts.get(c) ?? 0) };
}

/** A category-to-index lookup. */
export function categoryIndex(categories: readonly Category[]): Map<Category, number> {
  const map = new Map<Category, number>();
  categories.forEach((c, k) => {
    // A null category also matches NaN cells and the other way round (both are "missing").
    map.set(c, k);
    if (c === null) map.set(Number.NaN, k);
    else if (typeof c === 'number' && Number.isNaN(c)) map.set(null, k);
  });
  return map;
}

/** Formats unknown values like sklearn's message: `['purple', 'pink']`. */
export function formatUnknown(values: readonly Category[]): string {
  return `[${values.map((v) => (isMissing(v) ? 'nan' : formatValue(v))).join(', ')}]`;
}

/** The unknown-category error naming the column (index and name) and the values. */
export function unknownCategoryError(
  unknown: Category[],
  j: number,
  featureNames: readonly string[] | undefined,
  when: 'fit' | 'transform',
): ValidationError {
  return new ValidationError(
    `Found unknown categories ${formatUnknown(unknown)} in column ${describeColumn(j, featureNames)} during ${when}`,
    { column: featureNames ? featureNames[j] : j, got: unknown[0] },
  );
}

/**
 * Checks user-given categories for one column: numeric ones must be sorted
 * (missing last), as sklearn requires.
 */
export function checkGivenCategories(cats: readonly Category[], j: number): Category[] {
  if (!Array.isArray(cats) || cats.length === 0) {
    throw new ValidationError(`categories[${j}] must be a non-empty array of categories`, {
      param: 'categories',
      got: cats,
    });
  }
  const numeric = cats.every((c) => typeof c === 'number' || c === null);
  if (numeric) {
    const sorted = sortCategories([...cats]);
    if (sorted.some((c, k) => !(c === cats[k] || (isMissing(c) && isMissing(cats[k]))))) {
      throw new ValidationError('Unsorted categories are not supported for numerical categories', {
        param: 'categories',
        got: cats,
      });
    }
  }
  return [...cats];
}

/** Result of {@link fitCategories}. */
export interface FittedCategories {
  categories: Category[][];
  counts: Int32Array[];
}

/**
 * Learns the categories of every column (`'auto'`) or checks the given ones,
 * with per-category counts. With `errorOnUnknown`, a training value outside
 * given categories is a {@link ValidationError} naming column and values.
 */
export function fitCategories(
  input: CategoricalInput,
  given: 'auto' | readonly (readonly Category[])[],
  errorOnUnknown: boolean,
): FittedCategories {
  const categories: Category[][] = [];
  const counts: Int32Array[] = [];
  if (given !== 'auto' && given.length !== input.nCols) {
    throw new ValidationError('Shape mismatch: if categories is an array, it has to be of shape (n_features,).', {
      param: 'categories',
      expected: input.nCols,
      got: given.length,
    });
  }
  input.columns.forEach((column, j) => {
    const seen = uniqueWithCounts(column);
    if (given === 'auto') {
      categories.push(seen.categories);
      counts.push(seen.counts);
      return;
    }
    const cats = checkGivenCategories(given[j], j);
    const index = categoryIndex(cats);
    const c = new Int32Array(cats.length);
    const unknown: Category[] = [];
    seen.categories.forEach((v, k) => {
      const at = index.get(v);
      if (at === undefined) unknown.push(v);
      else c[at] += seen.counts[k];
    });
    if (unknown.length > 0 && errorOnUnknown) throw unknownCategoryError(unknown, j, input.featureNames, 'fit');
    categories.push(cats);
    counts.push(c);
  });
  return { categories, counts };
}

/**
 * Encodes one column to category indices: `codes[i]` is the index of row i's
 * value, or -1 for a value not in `categories` (collected in `unknown`).
 */
export function encodeColumn(
  column: InputColumn,
  categories: readonly Category[],
): { codes: Int32Array; unknown: Category[] } {
  const index = categoryIndex(categories);
  const values = column.values;
  const codes = new Int32Array(values.length);
  const unknown = new Set<Category>();
  for (let i = 0; i < values.length; i++) {
    const k = index.get(values[i]);
    if (k === undefined) {
      codes[i] = -1;
      unknown.add(values[i]);
    } else codes[i] = k;
  }
  return { codes, unknown: sortCategories([...unknown]) };
}

/** Reads categories back from saved state (arrays of numbers, strings or null). */
export function readCategories(value: unknown, where: string): Category[][] {
  const ok =
    Array.isArray(value) &&
    value.every(
      (cats) => Array.isArray(cats) && cats.every((c) => c === null || typeof c === 'number' || typeof c === 'string'),
    );
  if (!ok) throw new ValidationError(`${where}: saved state 'categories' must be arrays of numbers, strings or null`);
  return value as Category[][];
}
