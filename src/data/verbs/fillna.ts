/**
 * `fillna`: replaces missing values by a constant, a statistic of the column
 * (`mean`, `median`, `mode`) or the previous/next present value (`ffill`, `bfill`).
 */
import { ValidationError } from '../../base/errors.js';
import {
  BOOL_MISSING,
  BooleanColumn,
  CategoricalColumn,
  type Column,
  DatetimeColumn,
  NumericColumn,
} from '../column.js';
import { Frame } from '../frame.js';

/** A fill method: a statistic of the column or propagation of neighbouring values. */
export interface FillMethod {
  method: 'mean' | 'median' | 'mode' | 'ffill' | 'bfill';
}

/** What to fill with: a constant of the column's kind, or a {@link FillMethod}. */
export type FillValue = number | string | boolean | Date | FillMethod;

const METHODS = ['mean', 'median', 'mode', 'ffill', 'bfill'];

function isMethod(v: unknown): v is FillMethod {
  return (
    typeof v === 'object' &&
    v !== null &&
    !(v instanceof Date) &&
    Object.keys(v).length === 1 &&
    METHODS.includes((v as { method?: unknown }).method as string)
  );
}

/** Index of the most frequent value among `keys` (NaN skipped; ties → the smallest key), or -1. */
function modeOf(values: ArrayLike<number>, rankOf?: (v: number) => number): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isNaN(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  let best = Number.NaN;
  let bestCount = 0;
  for (const [v, c] of counts) {
    const better = rankOf ? rankOf(v) < rankOf(best) : v < best;
    if (c > bestCount || (c === bestCount && better)) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

function propagate<T extends Float64Array | Int32Array | Uint8Array>(data: T, missing: number, backward: boolean): T {
  const out = data.slice() as T;
  const isMissing = (v: number) => (Number.isNaN(missing) ? Number.isNaN(v) : v === missing);
  if (!backward) {
    for (let i = 1; i < out.length; i++) if (isMissing(out[i])) out[i] = out[i - 1];
  } else {
    for (let i = out.length - 2; i >= 0; i--) if (isMissing(out[i])) out[i] = out[i + 1];
  }
  return out;
}

function fillFloat(data: Float64Array, value: number): Float64Array {
  const out = data.slice();
  for (let i = 0; i < out.length; i++) if (Number.isNaN(out[i])) out[i] = value;
  return out;
}

function statistic(data: Float64Array, method: 'mean' | 'median'): number {
  let m = 0;
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isNaN(v)) {
      sum += v;
      m++;
    }
  }
  if (m === 0) return Number.NaN;
  if (method === 'mean') return sum / m;
  const present = new Float64Array(m);
  for (let i = 0, k = 0; i < data.length; i++) if (!Number.isNaN(data[i])) present[k++] = data[i];
  present.sort();
  return m % 2 === 1 ? present[(m - 1) / 2] : (present[m / 2 - 1] + present[m / 2]) / 2;
}

/** `column` with its missing values filled, or `undefined` when `fill` does not apply to its kind. */
function fillColumn(column: Column, fill: FillValue): Column | undefined {
  if (isMethod(fill)) {
    const { method } = fill;
    const backward = method === 'bfill';
    if (method === 'ffill' || method === 'bfill') {
      switch (column.kind) {
        case 'number':
          return new NumericColumn(propagate(column.data, Number.NaN, backward));
        case 'datetime':
          return new DatetimeColumn(propagate(column.data, Number.NaN, backward));
        case 'boolean':
          return new BooleanColumn(propagate(column.data, BOOL_MISSING, backward));
        case 'category':
          return new CategoricalColumn(propagate(column.codes, -1, backward), column.categories);
      }
    }
    if (method === 'mode') {
      switch (column.kind) {
        case 'category': {
          const codes = Float64Array.from(column.codes, (c) => (c < 0 ? Number.NaN : c));
          const best = modeOf(codes, (c) => (Number.isNaN(c) ? Number.POSITIVE_INFINITY : column.ranks()[c]));
          return Number.isNaN(best) ? column : fillColumn(column, column.categories[best]);
        }
        case 'boolean': {
          const best = modeOf(column.toArray());
          return Number.isNaN(best) ? column : fillColumn(column, best === 1);
        }
        default:
          return new (column.kind === 'number' ? NumericColumn : DatetimeColumn)(
            fillFloat(column.data, modeOf(column.data)),
          );
      }
    }
    if (column.kind !== 'number' && column.kind !== 'datetime') return undefined;
    const value = statistic(column.data, method);
    return column.kind === 'number'
      ? new NumericColumn(fillFloat(column.data, value))
      : new DatetimeColumn(fillFloat(column.data, value));
  }
  if (typeof fill === 'number') {
    if (column.kind !== 'number') return undefined;
    return new NumericColumn(fillFloat(column.data, fill));
  }
  if (typeof fill === 'boolean') {
    if (column.kind !== 'boolean') return undefined;
    const out = column.data.slice();
    for (let i = 0; i < out.length; i++) if (out[i] === BOOL_MISSING) out[i] = fill ? 1 : 0;
    return new BooleanColumn(out);
  }
  if (fill instanceof Date) {
    if (column.kind !== 'datetime') return undefined;
    return new DatetimeColumn(fillFloat(column.data, fill.getTime()));
  }
  if (typeof fill === 'string') {
    if (column.kind !== 'category') return undefined;
    let code = column.categories.indexOf(fill);
    let categories = column.categories;
    if (code < 0) {
      code = categories.length;
      categories = [...categories, fill];
    }
    const out = column.codes.slice();
    for (let i = 0; i < out.length; i++) if (out[i] < 0) out[i] = code;
    return new CategoricalColumn(out, categories);
  }
  return undefined;
}

/**
 * Fills missing values. `value` is either one {@link FillValue} for every
 * column it applies to (a number fills numeric columns, a string categorical
 * ones, a boolean boolean ones, a Date datetime ones; `mean`/`median` apply to
 * numeric and datetime columns, `mode`/`ffill`/`bfill` to all), or a record
 * `{ column: FillValue }`, where a value that does not fit its column is a
 * ValidationError. A record whose only key is `method` with a method name is
 * read as a method, not as a column named "method".
 * @example fillna(df, 0)                                   // numeric columns: NaN → 0
 * @example fillna(df, { age: { method: 'median' }, embarked: 'S' })
 * @example fillna(df, { method: 'ffill' })
 */
export function fillna(frame: Frame, value: FillValue | Readonly<Record<string, FillValue>>): Frame {
  const names = frame.columnNames;
  const perColumn =
    typeof value === 'object' && value !== null && !(value instanceof Date) && !isMethod(value)
      ? (value as Readonly<Record<string, FillValue>>)
      : undefined;
  if (perColumn) for (const n of Object.keys(perColumn)) frame.column(n);
  const cols = names.map((n, i) => {
    const column = frame.columns[i];
    if (perColumn && !Object.hasOwn(perColumn, n)) return column;
    const fill = perColumn ? perColumn[n] : (value as FillValue);
    const filled = fillColumn(column, fill);
    if (filled === undefined && perColumn) {
      throw new ValidationError(
        `fillna: cannot fill ${column.kind} column '${n}' with ${isMethod(fill) ? `method '${fill.method}'` : `${typeof fill} ${String(fill)}`}`,
        { column: n, got: fill },
      );
    }
    return filled ?? column;
  });
  return new Frame(names, cols, frame.nRows);
}
