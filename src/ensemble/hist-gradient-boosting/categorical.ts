/**
 * Categorical features of histogram gradient boosting: resolving the
 * `categoricalFeatures` option (indices, a boolean mask or feature names),
 * checking that categorical values are integer codes in `[0, maxBins)` with at
 * most `maxBins` distinct values, and letting a `Frame`'s categorical
 * (dictionary-coded) columns flow in directly: they are picked up as
 * categorical and coded by the sorted category strings seen in `fit`; at
 * predict time strings unseen in `fit` become missing values.
 */
import { ValidationError } from '../../base/errors.js';
import { compareCodePoints } from '../../base/labels.js';
import type { FrameLike, MatrixLike } from '../../base/types.js';
import { isMissingCategory } from './binning.js';

/** The `categoricalFeatures` option: feature indices, a boolean mask, feature names, or null. */
export type CategoricalFeatures = readonly number[] | readonly boolean[] | readonly string[] | null;

interface CategoricalColumnLike {
  codes: Int32Array;
  categories: readonly string[];
}

function isCategoricalColumn(col: unknown): col is CategoricalColumnLike {
  return (
    typeof col === 'object' &&
    col !== null &&
    (col as CategoricalColumnLike).codes instanceof Int32Array &&
    Array.isArray((col as CategoricalColumnLike).categories)
  );
}

function frameNames(X: MatrixLike): string[] | undefined {
  const f = X as Partial<FrameLike>;
  if (typeof f !== 'object' || f === null || typeof f.column !== 'function' || !('columnNames' in f)) return undefined;
  const names = typeof f.columnNames === 'function' ? f.columnNames() : f.columnNames;
  return Array.isArray(names) ? [...names] : undefined;
}

/** What {@link encodeFrameCategories} returns: numeric input plus the categories of each coded column. */
export interface EncodedInput {
  X: MatrixLike;
  /** Column name → sorted category strings, for the frame's categorical columns. */
  categories: Record<string, string[]>;
}

/**
 * Replaces a frame's categorical columns by float codes: with `known`
 * (predict time), each string's index in `known[name]` (unseen → NaN);
 * without it (fit), the index in the sorted distinct strings. Other inputs
 * are returned unchanged.
 * @example encodeFrameCategories(frame).categories // { city: ['a', 'b'] }
 */
export function encodeFrameCategories(X: MatrixLike, known?: Record<string, string[]>): EncodedInput {
  const names = frameNames(X);
  if (!names) return { X, categories: {} };
  const frame = X as FrameLike;
  const categories: Record<string, string[]> = {};
  const replaced = new Map<string, Float64Array>();
  for (const name of names) {
    const col = frame.column(name);
    if (!isCategoricalColumn(col)) continue;
    const used = new Uint8Array(col.categories.length);
    for (const c of col.codes) if (c >= 0) used[c] = 1;
    const sorted = known?.[name] ?? col.categories.filter((_, k) => used[k]).sort(compareCodePoints);
    const rank = new Map(sorted.map((s, k) => [s, k]));
    const toCode = col.categories.map((s) => rank.get(s) ?? Number.NaN);
    const values = new Float64Array(col.codes.length);
    for (let i = 0; i < values.length; i++) {
      const c = col.codes[i];
      values[i] = c < 0 ? Number.NaN : toCode[c];
    }
    categories[name] = sorted;
    replaced.set(name, values);
  }
  if (replaced.size === 0) return { X, categories };
  const proxy: FrameLike = {
    columnNames: names,
    column: (name: string) => replaced.get(name) ?? frame.column(name),
  };
  return { X: proxy, categories };
}

/**
 * The categorical mask (1 per categorical feature) from the option, the
 * feature names and the frame's categorical columns (always categorical).
 * Throws a `ValidationError` for indices out of range, a mask of the wrong
 * length, or unknown names.
 * @example resolveCategorical([1], 3, undefined, {}) // Uint8Array [0, 1, 0]
 */
export function resolveCategorical(
  option: CategoricalFeatures,
  p: number,
  featureNames: readonly string[] | undefined,
  frameCategories: Record<string, string[]>,
): Uint8Array {
  const mask = new Uint8Array(p);
  if (option !== null && option.length > 0) {
    if (typeof option[0] === 'boolean') {
      if (option.length !== p) {
        throw new ValidationError(
          `categoricalFeatures as a boolean mask must have one entry per feature: expected ${p}, got ${option.length}.`,
          { param: 'categoricalFeatures', expected: p, got: option.length },
        );
      }
      option.forEach((v, f) => {
        mask[f] = v ? 1 : 0;
      });
    } else if (typeof option[0] === 'string') {
      for (const name of option as readonly string[]) {
        const f = featureNames ? featureNames.indexOf(name) : -1;
        if (f < 0) {
          throw new ValidationError(
            `categoricalFeatures names '${name}', which is not a feature name of X${featureNames ? '' : ' (X has no feature names)'}.`,
            { param: 'categoricalFeatures', got: name },
          );
        }
        mask[f] = 1;
      }
    } else {
      for (const f of option as readonly number[]) {
        if (!Number.isInteger(f) || f < -p || f >= p) {
          throw new ValidationError(
            `categoricalFeatures index ${f} is out of range for X with ${p} features (valid: 0..${p - 1}).`,
            { param: 'categoricalFeatures', expected: `0..${p - 1}`, got: f },
          );
        }
        mask[f < 0 ? f + p : f] = 1;
      }
    }
  }
  if (featureNames) {
    for (let f = 0; f < featureNames.length; f++) if (featureNames[f] in frameCategories) mask[f] = 1;
  }
  return mask;
}

/**
 * Checks the categorical columns of the row-major `X`: at most `maxBins`
 * distinct categories, each an integer below `maxBins` (NaN and negative
 * values are missing).
 * @example checkCategoricalValues(X, n, p, mask, 255, names)
 */
export function checkCategoricalValues(
  X: Float64Array,
  n: number,
  p: number,
  mask: Uint8Array,
  maxBins: number,
  featureNames?: readonly string[],
): void {
  for (let f = 0; f < p; f++) {
    if (!mask[f]) continue;
    const label = featureNames ? `'${featureNames[f]}' (index ${f})` : `at index ${f}`;
    const distinct = new Set<number>();
    for (let i = 0; i < n; i++) {
      const v = X[i * p + f];
      if (isMissingCategory(v)) continue;
      if (!Number.isInteger(v)) {
        throw new ValidationError(
          `Categorical feature ${label} must hold integer category codes; got ${v} at row ${i}.`,
          { row: i, column: f, got: v },
        );
      }
      distinct.add(v);
    }
    if (distinct.size > maxBins) {
      throw new ValidationError(
        `Categorical feature ${label} is expected to have a cardinality <= ${maxBins} (maxBins), got ${distinct.size} categories.`,
        { column: f, expected: maxBins, got: distinct.size },
      );
    }
    for (const v of distinct) {
      if (v >= maxBins) {
        throw new ValidationError(
          `Categorical feature ${label} is expected to be encoded with values < ${maxBins} (maxBins), got ${v}.`,
          { column: f, expected: `< ${maxBins}`, got: v },
        );
      }
    }
  }
}
