/**
 * `Frame`: typelearn's typed columnar table (see `column.ts` for the column
 * types). A Frame is immutable: every verb returns a new Frame, sharing column
 * buffers where it can. The verbs live one per file in `verbs/`; the methods
 * here only delegate to them, so the functions can be used on their own too.
 *
 * A Frame satisfies the `FrameLike` shape that `checkArray` accepts:
 * `columnNames` (a string array) and `column(name)` returning a column whose
 * `toArray()` is the float64 values (categorical columns are refused there:
 * encode them first).
 *
 * @example
 * const df = Frame.fromColumns({ city: ['a', 'b', 'a'], temp: [20, 25, 21] });
 * df.groupBy('city').agg({ temp: 'mean' }).toRecords(); // [{ city: 'a', temp: 20.5 }, { city: 'b', temp: 25 }]
 */
import { ValidationError } from '../base/errors.js';
import type { Tensor } from '../tensor/tensor.js';
import { type CellValue, type Column, type ColumnDType, makeColumn } from './column.js';
import { type FormatOptions, formatFrame } from './format.js';
import { fromArrow } from './from-arrow.js';
import { type AssignValue, assign } from './verbs/assign.js';
import { type DropnaOptions, dropna } from './verbs/dropna.js';
import { type FillValue, fillna } from './verbs/fillna.js';
import { filter, type RowPredicate } from './verbs/filter.js';
import { GroupBy, type GroupByOptions } from './verbs/group-by.js';
import { type JoinOptions, join } from './verbs/join.js';
import { drop, rename, select } from './verbs/select.js';
import { head, type SampleOptions, sample, tail } from './verbs/slice.js';
import { type SortOptions, sortBy } from './verbs/sort.js';
import { type ToTensorOptions, toTensor } from './verbs/to-tensor.js';
import { type ValueCountsOptions, valueCounts } from './verbs/value-counts.js';

/** A record: one row as a plain object (`null` = missing). */
export type FrameRecord = Record<string, CellValue>;

/** Column data accepted by {@link Frame.fromColumns}. */
export type ColumnInput = Column | Float64Array | ArrayLike<unknown> | readonly unknown[];

export class Frame {
  private readonly _names: readonly string[];
  private readonly _columns: readonly Column[];
  private readonly _index: Map<string, number>;
  /** Number of rows. */
  readonly nRows: number;

  /**
   * Wraps columns (kept, not copied) as a Frame. All columns must have the same
   * length and names must be unique. Most code uses {@link Frame.fromColumns}.
   * @example new Frame(['x'], [new NumericColumn(new Float64Array([1, 2]))])
   */
  constructor(names: readonly string[], columns: readonly Column[], nRows?: number) {
    if (names.length !== columns.length) {
      throw new ValidationError(
        `Frame needs one name per column: got ${names.length} names for ${columns.length} columns`,
      );
    }
    const index = new Map<string, number>();
    names.forEach((n, i) => {
      if (index.has(n)) throw new ValidationError(`Duplicate column name '${n}'`, { column: n });
      index.set(n, i);
    });
    const rows = columns.length > 0 ? columns[0].length : (nRows ?? 0);
    columns.forEach((c, i) => {
      if (c.length !== rows) {
        throw new ValidationError(
          `Column '${names[i]}' has ${c.length} rows but column '${names[0]}' has ${rows}; all columns of a Frame need the same length`,
          { column: names[i], expected: rows, got: c.length },
        );
      }
    });
    this._names = Object.freeze([...names]);
    this._columns = Object.freeze([...columns]);
    this._index = index;
    this.nRows = rows;
  }

  /**
   * A Frame from named columns: typed arrays, JS arrays (numbers, strings,
   * booleans, Dates; `null`/`undefined`/NaN missing) or columns. See `makeColumn`.
   * @example Frame.fromColumns({ a: new Float64Array([1, 2]), b: ['x', 'y'] }).shape // [2, 2]
   */
  static fromColumns(columns: Record<string, ColumnInput>): Frame {
    const names = Object.keys(columns);
    return new Frame(
      names,
      names.map((n) => makeColumn(columns[n], n)),
    );
  }

  /**
   * A Frame from an array of records. Columns are the union of the records'
   * keys in first-seen order (a key absent from a record is missing there).
   * @example Frame.fromRecords([{ a: 1, b: 'x' }, { a: 2, b: null }]).shape // [2, 2]
   */
  static fromRecords(records: readonly Readonly<Record<string, unknown>>[]): Frame {
    const names: string[] = [];
    const seen = new Set<string>();
    for (const r of records) {
      if (typeof r !== 'object' || r === null || Array.isArray(r)) {
        throw new ValidationError(`Frame.fromRecords expects plain objects, got ${r === null ? 'null' : typeof r}`);
      }
      for (const k of Object.keys(r)) {
        if (!seen.has(k)) {
          seen.add(k);
          names.push(k);
        }
      }
    }
    const columns = names.map((n) => {
      const values = new Array<unknown>(records.length);
      for (let i = 0; i < records.length; i++) values[i] = records[i][n];
      return makeColumn(values, n);
    });
    return new Frame(names, columns, records.length);
  }

  /**
   * Anything table-like as a Frame: a Frame (returned as is), an array of
   * records, an Arquero-like table (`columnNames()` + `array(name)`), an Arrow
   * table (`schema.fields` + `getChild(name)`, see {@link Frame.fromArrow}) or
   * an object of columns.
   * @example Frame.from([{ a: 1 }, { a: 2 }]).nRows // 2
   */
  static from(x: unknown): Frame {
    if (x instanceof Frame) return x;
    if (Array.isArray(x)) return Frame.fromRecords(x);
    if (typeof x === 'object' && x !== null) {
      const o = x as Record<string, unknown>;
      if (typeof o.columnNames === 'function' && typeof o.array === 'function') {
        const names = (o.columnNames as () => string[]).call(o);
        const array = o.array as (n: string) => unknown;
        return new Frame(
          names,
          names.map((n) => makeColumn(Array.from(array.call(o, n) as ArrayLike<unknown>), n)),
        );
      }
      if (typeof o.schema === 'object' && typeof o.getChild === 'function') return Frame.fromArrow(o);
      return Frame.fromColumns(o as Record<string, ColumnInput>);
    }
    throw new ValidationError(`Cannot make a Frame from ${x === null ? 'null' : typeof x}`, { got: x });
  }

  /**
   * A Frame from an Apache Arrow table (read through its public vector API, so
   * no particular apache-arrow version is needed): floats and integers →
   * numeric, strings and dictionaries → categorical, booleans → boolean,
   * dates and timestamps → datetime; nulls become missing values.
   * @example Frame.fromArrow(tableFromIPC(bytes))
   */
  static fromArrow(table: unknown): Frame {
    return fromArrow(table);
  }

  /** Column names, in order. */
  get columnNames(): string[] {
    return [...this._names];
  }

  /** The columns, in order (shared, not copied). */
  get columns(): readonly Column[] {
    return this._columns;
  }

  /** `[nRows, nColumns]`. */
  get shape(): [number, number] {
    return [this.nRows, this._names.length];
  }

  /** Each column's dtype: `'int' | 'float' | 'category' | 'boolean' | 'datetime'`. */
  get dtypes(): Record<string, ColumnDType> {
    const out: Record<string, ColumnDType> = {};
    this._names.forEach((n, i) => {
      out[n] = this._columns[i].dtype;
    });
    return out;
  }

  /** True when the frame has a column `name`. */
  has(name: string): boolean {
    return this._index.has(name);
  }

  /**
   * The column `name`; a missing name is a ValidationError listing the columns.
   * @example df.column('age').toArray() // Float64Array
   */
  column(name: string): Column {
    const i = this._index.get(name);
    if (i === undefined) {
      throw new ValidationError(`No column '${name}' in the frame; columns are: ${this._names.join(', ')}`, {
        column: name,
      });
    }
    return this._columns[i];
  }

  /** A new frame with `column` added (or replaced, keeping its position). */
  withColumn(name: string, column: ColumnInput): Frame {
    const col = makeColumn(column, name);
    const i = this._index.get(name);
    if (i === undefined) return new Frame([...this._names, name], [...this._columns, col]);
    const cols = [...this._columns];
    cols[i] = col;
    return new Frame(this._names, cols);
  }

  /** Rows at `indices`, in that order (-1 gives a row of missing values). */
  take(indices: ArrayLike<number>): Frame {
    for (let i = 0; i < indices.length; i++) {
      const k = indices[i];
      if (!(Number.isInteger(k) && k >= -1 && k < this.nRows)) {
        throw new ValidationError(`Row index ${k} is out of range for a frame of ${this.nRows} rows`, { row: k });
      }
    }
    return new Frame(
      this._names,
      this._columns.map((c) => c.take(indices)),
      indices.length,
    );
  }

  /** Rows `start` to `end` (exclusive; clamped), sharing buffers. */
  slice(start = 0, end = this.nRows): Frame {
    const s = Math.max(0, Math.min(this.nRows, start < 0 ? this.nRows + start : start));
    const e = Math.max(s, Math.min(this.nRows, end < 0 ? this.nRows + end : end));
    return new Frame(
      this._names,
      this._columns.map((c) => c.slice(s, e)),
      e - s,
    );
  }

  /** Keeps the named columns, in the given order. @example df.select('a', 'b') */
  select(...names: (string | string[])[]): Frame {
    return select(this, names.flat());
  }

  /** Removes the named columns. @example df.drop('id') */
  drop(...names: (string | string[])[]): Frame {
    return drop(this, names.flat());
  }

  /** Renames columns: `{ old: 'new' }`. @example df.rename({ sepal_len: 'sl' }) */
  rename(mapping: Record<string, string>): Frame {
    return rename(this, mapping);
  }

  /** Rows where the mask is true (a bool array/Uint8Array/Tensor) or the predicate returns true. @example df.filter((r) => r.age > 30) */
  filter(mask: ArrayLike<boolean | number> | Tensor | RowPredicate): Frame {
    return filter(this, mask);
  }

  /** The first `n` rows (default 5). */
  head(n = 5): Frame {
    return head(this, n);
  }

  /** The last `n` rows (default 5). */
  tail(n = 5): Frame {
    return tail(this, n);
  }

  /** A random sample of rows (see `SampleOptions`). @example df.sample({ n: 10, randomState: 0 }) */
  sample(options: SampleOptions = {}): Frame {
    return sample(this, options);
  }

  /** Rows sorted by one or more columns (stable, missing last). @example df.sortBy(['a', 'b'], { ascending: [true, false] }) */
  sortBy(by: string | readonly string[], options: SortOptions = {}): Frame {
    return sortBy(this, by, options);
  }

  /** Counts of each distinct value of a column, most frequent first. @example df.valueCounts('sex') */
  valueCounts(column: string, options: ValueCountsOptions = {}): Frame {
    return valueCounts(this, column, options);
  }

  /** Groups rows by key columns; call `.agg({...})` on the result. @example df.groupBy('cat').agg({ x: 'mean' }) */
  groupBy(keys: string | readonly string[], options: GroupByOptions = {}): GroupBy {
    return new GroupBy(this, typeof keys === 'string' ? [keys] : keys, options);
  }

  /** Joins with another frame on key columns. @example a.join(b, { on: 'id', how: 'left' }) */
  join(other: Frame, options: JoinOptions): Frame {
    return join(this, other, options);
  }

  /** Replaces missing values (see `fillna`). @example df.fillna({ age: { method: 'median' }, sex: 'unknown' }) */
  fillna(value: FillValue | Record<string, FillValue>): Frame {
    return fillna(this, value);
  }

  /** Drops rows with missing values (see `DropnaOptions`). @example df.dropna({ subset: ['age'] }) */
  dropna(options: DropnaOptions = {}): Frame {
    return dropna(this, options);
  }

  /** Adds or replaces columns computed by JS functions of each row, or given as arrays. @example df.assign({ bmi: (r) => r.w / r.h ** 2 }) */
  assign(columns: Record<string, AssignValue>): Frame {
    return assign(this, columns);
  }

  /** The numeric columns as a Tensor (see `toTensor`). @example df.toTensor(['x', 'y']).shape // [n, 2] */
  toTensor(columns?: string | readonly string[], options: ToTensorOptions = {}): Tensor {
    return toTensor(this, columns, options);
  }

  /** The rows as plain objects (`null` = missing, datetimes as `Date`). */
  toRecords(): FrameRecord[] {
    const out: FrameRecord[] = new Array(this.nRows);
    for (let i = 0; i < this.nRows; i++) {
      const r: FrameRecord = {};
      for (let j = 0; j < this._names.length; j++) r[this._names[j]] = this._columns[j].get(i);
      out[i] = r;
    }
    return out;
  }

  /** Row `i` as a plain object. */
  row(i: number): FrameRecord {
    const r: FrameRecord = {};
    for (let j = 0; j < this._names.length; j++) r[this._names[j]] = this._columns[j].get(i);
    return r;
  }

  /** An Apache Arrow table with the same columns (requires `typelearn/data`'s arrow module, loaded by its index). */
  toArrow(): unknown {
    if (arrowHooks.toArrow === undefined) throw new ValidationError('Arrow support is not loaded');
    return arrowHooks.toArrow(this);
  }

  /** An aligned text table like pandas prints: head and tail with `...` between for long frames. */
  toString(options: FormatOptions = {}): string {
    return formatFrame(this, options);
  }
}

/**
 * Where `arrow.ts` registers its converters, so that importing `Frame` alone
 * does not load apache-arrow (the `typelearn/data` index loads both).
 */
export const arrowHooks: { toArrow?: (frame: Frame) => unknown } = {};
