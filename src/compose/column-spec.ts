/**
 * How ColumnTransformer's column specifications are resolved to column
 * indices: names (tables only), integer indices (negative from the end),
 * boolean masks, selectors from `makeColumnSelector`, or a function of `X`
 * returning any of those.
 */
import { ValidationError } from '../base/errors.js';
import { formatValue } from '../base/params.js';
import { applySelector, type ColumnSelector, isColumnSelector } from './column-selector.js';
import type { ColumnSource } from './column-source.js';

/** A function choosing columns from the input (not saveable: use `makeColumnSelector` to save). */
export type ColumnCallable = (X: unknown) => ColumnList;

/** Explicit columns: names, indices or a boolean mask. */
export type ColumnList = string | number | readonly string[] | readonly number[] | readonly boolean[];

/** The columns a ColumnTransformer entry applies to. */
export type ColumnSpec = ColumnList | ColumnSelector | ColumnCallable;

function resolveList(list: unknown, source: ColumnSource, owner: string): number[] {
  const items = (typeof list === 'string' || typeof list === 'number' ? [list] : list) as unknown;
  if (!Array.isArray(items)) {
    throw new ValidationError(
      `${owner}: columns must be names, integer indices, a boolean mask, a makeColumnSelector selector or a function; got ${formatValue(list)}`,
      { got: list },
    );
  }
  if (items.length === 0) return [];
  const n = source.nCols;
  if (items.every((c) => typeof c === 'boolean')) {
    if (items.length !== n) {
      throw new ValidationError(
        `${owner}: a boolean column mask needs ${n} values (one per column), got ${items.length}`,
        {
          expected: n,
          got: items.length,
        },
      );
    }
    return items.flatMap((b, j) => (b ? [j] : []));
  }
  if (items.every((c) => typeof c === 'number')) {
    return items.map((j: number) => {
      const k = j < 0 ? j + n : j;
      if (!Number.isInteger(j) || k < 0 || k >= n) {
        throw new ValidationError(`${owner}: column index ${j} is out of range for X with ${n} columns`, {
          column: j,
          expected: `an integer in [${-n}, ${n})`,
          got: j,
        });
      }
      return k;
    });
  }
  if (items.every((c) => typeof c === 'string')) {
    const names = source.names;
    if (!names) {
      throw new ValidationError(
        `${owner}: columns given by name (${items.map((c) => `'${c}'`).join(', ')}) need X to be a table with column names`,
      );
    }
    const missing = items.filter((c: string) => !names.includes(c));
    if (missing.length > 0) {
      throw new ValidationError(
        `${owner}: ${missing.length === 1 ? 'column' : 'columns'} ${missing.map((c) => `'${c}'`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in X; its columns are: ${names.join(', ')}`,
        { column: missing[0], expected: [...names], got: missing },
      );
    }
    return items.map((c: string) => names.indexOf(c));
  }
  throw new ValidationError(
    `${owner}: a column list must not mix names, indices and booleans; got ${formatValue(items)}`,
    {
      got: items,
    },
  );
}

/**
 * The indices of the columns `spec` picks in `X` (whose layout `source` describes).
 * @param owner - names the entry in messages, e.g. `"ColumnTransformer 'num'"`.
 * @example resolveColumns(['age', 'fare'], X, readColumnSource(X), "ColumnTransformer 'num'") // [0, 3]
 */
export function resolveColumns(spec: ColumnSpec, X: unknown, source: ColumnSource, owner: string): number[] {
  if (isColumnSelector(spec)) return resolveList(applySelector(spec, source), source, owner);
  if (typeof spec === 'function') return resolveList((spec as ColumnCallable)(X), source, owner);
  return resolveList(spec, source, owner);
}
