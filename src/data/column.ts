/**
 * The typed columns a {@link Frame} holds. Every column is immutable once built
 * and stores its values in one typed array:
 *
 * - {@link NumericColumn}: `Float64Array`, NaN = missing (integers too: values
 *   beyond ±2^53 lose precision, as in any float64 column).
 * - {@link CategoricalColumn}: dictionary codes `Int32Array` into `categories`,
 *   -1 = missing. Categories keep the order they were first seen in.
 * - {@link BooleanColumn}: `Uint8Array` of 0/1 with the dedicated code
 *   {@link BOOL_MISSING} (255) for a missing value, so one array holds both the
 *   values and their validity.
 * - {@link DatetimeColumn}: epoch milliseconds (UTC) in a `Float64Array`, NaN = missing.
 *
 * All columns share the same small interface (`length`, `get`, `isMissing`,
 * `take`, `slice`, `toArray`), so verbs can treat them alike. `toArray()` gives
 * the numbers an estimator sees (zero-copy for numeric and datetime columns);
 * categorical columns expose `categories`, which `checkArray` reports as
 * "encode it first".
 */
import { ValidationError } from '../base/errors.js';

/** Kind of a column. */
export type ColumnKind = 'number' | 'category' | 'boolean' | 'datetime';

/** A column's dtype as `Frame.dtypes` reports it: numeric columns say whether every value is an integer. */
export type ColumnDType = 'int' | 'float' | 'category' | 'boolean' | 'datetime';

/** The code that marks a missing value in a {@link BooleanColumn}. */
export const BOOL_MISSING = 255;

/** Any column of a Frame. */
export type Column = NumericColumn | CategoricalColumn | BooleanColumn | DatetimeColumn;

/** A cell value as `get` returns it and records hold it (`null` = missing). */
export type CellValue = number | string | boolean | Date | null;

function takeFloat(data: Float64Array, indices: ArrayLike<number>): Float64Array {
  const n = indices.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = indices[i];
    out[i] = k < 0 ? Number.NaN : data[k];
  }
  return out;
}

/** Float64 values; NaN is missing. */
export class NumericColumn {
  readonly kind = 'number' as const;
  private _integer: boolean | undefined;

  /**
   * @param data - the values (kept, not copied); NaN marks a missing value.
   * @param integer - whether every value is an integer; computed on first use when absent.
   * @example new NumericColumn(new Float64Array([1, Number.NaN, 3]))
   */
  constructor(
    readonly data: Float64Array,
    integer?: boolean,
  ) {
    this._integer = integer;
  }

  get length(): number {
    return this.data.length;
  }

  /** `'int'` when every non-missing value is an integer (as read from a CSV without decimals), else `'float'`. */
  get dtype(): ColumnDType {
    if (this._integer === undefined) {
      let integer = true;
      const d = this.data;
      for (let i = 0; i < d.length; i++) {
        const v = d[i];
        if (!Number.isNaN(v) && !Number.isInteger(v)) {
          integer = false;
          break;
        }
      }
      this._integer = integer;
    }
    return this._integer ? 'int' : 'float';
  }

  get(i: number): number | null {
    const v = this.data[i];
    return !Number.isNaN(v) ? v : null;
  }

  isMissing(i: number): boolean {
    return Number.isNaN(this.data[i]);
  }

  missingCount(): number {
    let c = 0;
    const d = this.data;
    for (let i = 0; i < d.length; i++) if (Number.isNaN(d[i])) c++;
    return c;
  }

  /** Rows at `indices` (-1 gives a missing value). */
  take(indices: ArrayLike<number>): NumericColumn {
    return new NumericColumn(takeFloat(this.data, indices), this._integer === true ? true : undefined);
  }

  /** Rows `start` to `end` (exclusive), sharing the buffer. */
  slice(start: number, end: number): NumericColumn {
    return new NumericColumn(this.data.subarray(start, end), this._integer === true ? true : undefined);
  }

  /** The values as float64, without copying. */
  toArray(): Float64Array {
    return this.data;
  }
}

/** Dictionary-coded strings: `codes[i]` indexes `categories`, -1 is missing. */
export class CategoricalColumn {
  readonly kind = 'category' as const;
  readonly dtype: ColumnDType = 'category';

  /**
   * @param codes - one code per row (kept, not copied); -1 marks a missing value.
   * @param categories - the distinct values; codes index into it.
   * @example new CategoricalColumn(new Int32Array([0, 1, -1, 0]), ['a', 'b'])
   */
  constructor(
    readonly codes: Int32Array,
    readonly categories: readonly string[],
  ) {}

  /** The codes (the typed array behind this column). */
  get data(): Int32Array {
    return this.codes;
  }

  get length(): number {
    return this.codes.length;
  }

  get(i: number): string | null {
    const c = this.codes[i];
    return c < 0 ? null : this.categories[c];
  }

  isMissing(i: number): boolean {
    return this.codes[i] < 0;
  }

  missingCount(): number {
    let c = 0;
    const d = this.codes;
    for (let i = 0; i < d.length; i++) if (d[i] < 0) c++;
    return c;
  }

  take(indices: ArrayLike<number>): CategoricalColumn {
    const n = indices.length;
    const out = new Int32Array(n);
    const codes = this.codes;
    for (let i = 0; i < n; i++) {
      const k = indices[i];
      out[i] = k < 0 ? -1 : codes[k];
    }
    return new CategoricalColumn(out, this.categories);
  }

  slice(start: number, end: number): CategoricalColumn {
    return new CategoricalColumn(this.codes.subarray(start, end), this.categories);
  }

  /** The values as strings (`null` = missing). */
  toArray(): (string | null)[] {
    const out = new Array<string | null>(this.codes.length);
    for (let i = 0; i < out.length; i++) out[i] = this.get(i);
    return out;
  }

  /** The position of each category in sorted (code-unit) order: `ranks()[code]`. */
  ranks(): Int32Array {
    const order = this.categories
      .map((_, i) => i)
      .sort((a, b) => compareStrings(this.categories[a], this.categories[b]));
    const ranks = new Int32Array(order.length);
    for (let r = 0; r < order.length; r++) ranks[order[r]] = r;
    return ranks;
  }
}

/** 0/1 values; {@link BOOL_MISSING} (255) is missing. */
export class BooleanColumn {
  readonly kind = 'boolean' as const;
  readonly dtype: ColumnDType = 'boolean';

  /**
   * @param data - 0, 1 or {@link BOOL_MISSING} per row (kept, not copied).
   * @example new BooleanColumn(new Uint8Array([1, 0, 255]))
   */
  constructor(readonly data: Uint8Array) {}

  get length(): number {
    return this.data.length;
  }

  get(i: number): boolean | null {
    const v = this.data[i];
    return v === BOOL_MISSING ? null : v === 1;
  }

  isMissing(i: number): boolean {
    return this.data[i] === BOOL_MISSING;
  }

  missingCount(): number {
    let c = 0;
    const d = this.data;
    for (let i = 0; i < d.length; i++) if (d[i] === BOOL_MISSING) c++;
    return c;
  }

  take(indices: ArrayLike<number>): BooleanColumn {
    const n = indices.length;
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const k = indices[i];
      out[i] = k < 0 ? BOOL_MISSING : this.data[k];
    }
    return new BooleanColumn(out);
  }

  slice(start: number, end: number): BooleanColumn {
    return new BooleanColumn(this.data.subarray(start, end));
  }

  /** The values as 0/1: the `Uint8Array` itself when nothing is missing, else a Float64Array with NaN. */
  toArray(): Uint8Array | Float64Array {
    if (this.missingCount() === 0) return this.data;
    const out = new Float64Array(this.data.length);
    for (let i = 0; i < out.length; i++) out[i] = this.data[i] === BOOL_MISSING ? Number.NaN : this.data[i];
    return out;
  }
}

/** Epoch milliseconds (UTC); NaN is missing. `get` returns a `Date`. */
export class DatetimeColumn {
  readonly kind = 'datetime' as const;
  readonly dtype: ColumnDType = 'datetime';

  /**
   * @param data - epoch milliseconds per row (kept, not copied); NaN marks a missing value.
   * @example new DatetimeColumn(new Float64Array([Date.UTC(2024, 0, 1)]))
   */
  constructor(readonly data: Float64Array) {}

  get length(): number {
    return this.data.length;
  }

  get(i: number): Date | null {
    const v = this.data[i];
    return !Number.isNaN(v) ? new Date(v) : null;
  }

  isMissing(i: number): boolean {
    return Number.isNaN(this.data[i]);
  }

  missingCount(): number {
    let c = 0;
    const d = this.data;
    for (let i = 0; i < d.length; i++) if (Number.isNaN(d[i])) c++;
    return c;
  }

  take(indices: ArrayLike<number>): DatetimeColumn {
    return new DatetimeColumn(takeFloat(this.data, indices));
  }

  slice(start: number, end: number): DatetimeColumn {
    return new DatetimeColumn(this.data.subarray(start, end));
  }

  /** Epoch milliseconds, without copying. */
  toArray(): Float64Array {
    return this.data;
  }
}

/** Orders strings by UTF-16 code units (like JS's default sort and pandas' object sort for ASCII). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True for the column classes above. */
export function isColumn(x: unknown): x is Column {
  return (
    x instanceof NumericColumn ||
    x instanceof CategoricalColumn ||
    x instanceof BooleanColumn ||
    x instanceof DatetimeColumn
  );
}

/**
 * Builds a categorical column from strings, interning each distinct value once.
 * @example categoricalFrom(['a', null, 'b', 'a']).codes // Int32Array [0, -1, 1, 0]
 */
export function categoricalFrom(values: ArrayLike<unknown>): CategoricalColumn {
  const n = values.length;
  const codes = new Int32Array(n);
  const index = new Map<string, number>();
  const categories: string[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) {
      codes[i] = -1;
      continue;
    }
    const s = typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : String(v);
    let c = index.get(s);
    if (c === undefined) {
      c = categories.length;
      categories.push(s);
      index.set(s, c);
    }
    codes[i] = c;
  }
  return new CategoricalColumn(codes, categories);
}

/**
 * Makes a column from any array-like: a column is returned as is; `Float64Array`
 * becomes numeric (shared), other numeric typed arrays are copied to float64,
 * `Uint8Array` is boolean (0/1); JS arrays are typed by their non-missing
 * values (`null`, `undefined` and NaN are missing): all numbers → numeric, all
 * booleans → boolean, all Dates → datetime, anything else → categorical (values
 * turned into strings).
 * @param name - used in error messages.
 * @example makeColumn([1, 2, null]).kind   // 'number'
 * @example makeColumn(['x', 'y']).kind     // 'category'
 */
export function makeColumn(values: unknown, name = 'column'): Column {
  if (isColumn(values)) return values;
  if (values instanceof Float64Array) return new NumericColumn(values);
  if (values instanceof Uint8Array) {
    for (let i = 0; i < values.length; i++) {
      if (values[i] > 1 && values[i] !== BOOL_MISSING) {
        throw new ValidationError(
          `Column '${name}': a Uint8Array is read as booleans (0/1, ${BOOL_MISSING} missing) but row ${i} holds ${values[i]}; pass a Float64Array for numbers`,
          { column: name, row: i, got: values[i] },
        );
      }
    }
    return new BooleanColumn(values);
  }
  if (ArrayBuffer.isView(values) && !(values instanceof DataView)) {
    const src = values as unknown as ArrayLike<number | bigint>;
    const out = new Float64Array(src.length);
    for (let i = 0; i < src.length; i++) out[i] = Number(src[i]);
    return new NumericColumn(out);
  }
  if (!Array.isArray(values)) {
    throw new ValidationError(`Column '${name}' must be an array or typed array, got ${typeof values}`, {
      column: name,
      got: values,
    });
  }
  let numbers = 0;
  let booleans = 0;
  let dates = 0;
  let present = 0;
  for (const v of values) {
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) continue;
    present++;
    if (typeof v === 'number' || typeof v === 'bigint') numbers++;
    else if (typeof v === 'boolean') booleans++;
    else if (v instanceof Date) dates++;
  }
  const n = values.length;
  if (present === numbers) {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      out[i] = v === null || v === undefined ? Number.NaN : Number(v);
    }
    return new NumericColumn(out);
  }
  if (present === booleans) {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      out[i] = typeof v === 'boolean' ? (v ? 1 : 0) : BOOL_MISSING;
    }
    return new BooleanColumn(out);
  }
  if (present === dates) {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      out[i] = v instanceof Date ? v.getTime() : Number.NaN;
    }
    return new DatetimeColumn(out);
  }
  return categoricalFrom(values);
}
