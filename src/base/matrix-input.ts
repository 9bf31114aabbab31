/**
 * Turns every accepted `MatrixLike` form into one dense `Tensor` (plus column
 * names when the input had them), reporting ragged rows and non-numeric values
 * by row and column. This is the conversion half of `checkArray`; the checks
 * that depend on options (dimensions, NaN, minimum sizes, dtype) live in
 * `validation.ts`.
 *
 * Tables (frames, Arrow/Arquero tables, arrays of records) treat `null` and
 * `undefined` cells as missing values, i.e. NaN; nested number arrays do not
 * (a null there is a non-numeric value).
 */
import { SparseMatrix } from '../tensor/sparse.js';
import { Tensor } from '../tensor/tensor.js';
import { ValidationError } from './errors.js';
import { formatValue } from './params.js';

/** A converted input: a dense tensor of any rank, or a sparse matrix, with optional column names. */
export interface ConvertedInput {
  X: Tensor | SparseMatrix;
  featureNames?: string[];
}

type Obj = Record<string, unknown>;

function isObject(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null;
}

function nonNumeric(name: string, row: number, column: number | string, value: unknown, where?: string): never {
  const col = typeof column === 'string' ? `'${column}'` : String(column);
  const hint =
    typeof value === 'string'
      ? ' Encode text or categorical columns first (e.g. OrdinalEncoder / OneHotEncoder).'
      : value === null || value === undefined
        ? ' Use NaN for missing values.'
        : '';
  throw new ValidationError(
    `Input ${name} contains a non-numeric value ${formatValue(value)} at row ${row}, column ${col}${where ?? ''}; expected a number.${hint}`,
    { row, column, expected: 'a number', got: value },
  );
}

/** Depth of nesting of a JS array (0 for a non-array), following first elements. */
function nestingDepth(x: unknown): number {
  let depth = 0;
  let level = x;
  while (Array.isArray(level)) {
    depth++;
    if (level.length === 0) break;
    level = level[0];
  }
  return depth;
}

function fromNestedRows(rows: readonly unknown[], name: string): Tensor {
  const nRows = rows.length;
  const first = rows[0] as readonly unknown[];
  const nCols = first.length;
  const data = new Float64Array(nRows * nCols);
  for (let i = 0; i < nRows; i++) {
    const row = rows[i];
    if (!Array.isArray(row)) {
      throw new ValidationError(
        `Inhomogeneous rows in ${name}: row ${i} is ${formatValue(row)}, not an array like row 0 (${nCols} values)`,
        { row: i, expected: `an array of ${nCols} numbers`, got: row },
      );
    }
    if (row.length !== nCols) {
      throw new ValidationError(
        `Inhomogeneous rows in ${name}: row ${i} has ${row.length} values but row 0 has ${nCols}`,
        { row: i, expected: nCols, got: row.length },
      );
    }
    const offset = i * nCols;
    for (let j = 0; j < nCols; j++) {
      const v = row[j];
      if (typeof v !== 'number') {
        if (Array.isArray(v)) {
          throw new ValidationError(`Found array with dim 3 or more in ${name} (row ${i}, column ${j} is an array)`, {
            row: i,
            column: j,
          });
        }
        nonNumeric(name, i, j, v);
      }
      data[offset + j] = v;
    }
  }
  return new Tensor(data, [nRows, nCols]);
}

function fromFlat(values: ArrayLike<unknown>, name: string): Tensor {
  if (values instanceof Float64Array || values instanceof Float32Array || values instanceof Int32Array) {
    return new Tensor(values);
  }
  const data = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number') data[i] = v;
    else if (typeof v === 'bigint') data[i] = Number(v);
    else
      throw new ValidationError(`Input ${name} contains a non-numeric value ${formatValue(v)} at index ${i}`, {
        row: i,
        got: v,
      });
  }
  return new Tensor(data);
}

function fromShaped(obj: { data: unknown; shape: unknown }, name: string): Tensor {
  const { data, shape } = obj;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new ValidationError(`${name}.shape must be an array of non-negative integers, got ${formatValue(shape)}`);
  }
  if (!(Array.isArray(data) || ArrayBuffer.isView(data))) {
    throw new ValidationError(`${name}.data must be a typed array or an array of numbers, got ${formatValue(data)}`);
  }
  const flat = fromFlat(data as ArrayLike<unknown>, name);
  const size = (shape as number[]).reduce((a, b) => a * b, 1);
  if (flat.size !== size) {
    throw new ValidationError(
      `${name}.shape [${shape.join(', ')}] needs ${size} values but ${name}.data has ${flat.size}`,
      { expected: size, got: flat.size },
    );
  }
  return new Tensor(flat.data, shape as number[]);
}

/**
 * The values of one table column as something indexable, or an error naming
 * the column. Arrow vectors with nulls are read cell by cell so nulls become NaN.
 */
function columnValues(col: unknown, column: string, name: string): ArrayLike<unknown> {
  if (col instanceof Tensor) return col.data;
  if (Array.isArray(col) || (ArrayBuffer.isView(col) && !(col instanceof DataView))) return col as ArrayLike<unknown>;
  if (isObject(col)) {
    if ('categories' in col || 'dictionary' in col) {
      throw new ValidationError(
        `Column '${column}' of ${name} is categorical; encode it first (e.g. OrdinalEncoder or OneHotEncoder)`,
        { column },
      );
    }
    const nullCount = col.nullCount;
    if (
      typeof nullCount === 'number' &&
      nullCount > 0 &&
      typeof col.get === 'function' &&
      typeof col.length === 'number'
    ) {
      const get = col.get as (i: number) => unknown;
      const out = new Array<unknown>(col.length);
      for (let i = 0; i < col.length; i++) out[i] = get.call(col, i);
      return out;
    }
    if (typeof col.toArray === 'function') return columnValues((col.toArray as () => unknown).call(col), column, name);
    if ('data' in col && (Array.isArray(col.data) || ArrayBuffer.isView(col.data))) {
      return col.data as ArrayLike<unknown>;
    }
  }
  throw new ValidationError(`Column '${column}' of ${name} is not a column of numbers: got ${formatValue(col)}`, {
    column,
    got: col,
  });
}

/** Row-major float64 matrix from named columns (table cells null/undefined → NaN). */
function fromColumns(names: readonly string[], getColumn: (n: string) => unknown, name: string): ConvertedInput {
  const nCols = names.length;
  const columns = names.map((c) => columnValues(getColumn(c), c, name));
  const nRows = nCols === 0 ? 0 : columns[0].length;
  for (let j = 1; j < nCols; j++) {
    if (columns[j].length !== nRows) {
      throw new ValidationError(
        `Columns of ${name} have different lengths: '${names[j]}' has ${columns[j].length} values but '${names[0]}' has ${nRows}`,
        { column: names[j], expected: nRows, got: columns[j].length },
      );
    }
  }
  const data = new Float64Array(nRows * nCols);
  for (let j = 0; j < nCols; j++) {
    const col = columns[j];
    if (col instanceof Float64Array || col instanceof Float32Array || col instanceof Int32Array) {
      for (let i = 0; i < nRows; i++) data[i * nCols + j] = col[i];
      continue;
    }
    for (let i = 0; i < nRows; i++) {
      const v = col[i];
      if (typeof v === 'number') data[i * nCols + j] = v;
      else if (v === null || v === undefined) data[i * nCols + j] = Number.NaN;
      else if (typeof v === 'bigint') data[i * nCols + j] = Number(v);
      else nonNumeric(name, i, names[j], v);
    }
  }
  return { X: new Tensor(data, [nRows, nCols]), featureNames: [...names] };
}

function fromRecords(records: readonly unknown[], name: string): ConvertedInput {
  const first = records[0] as Obj;
  const names = Object.keys(first);
  const nCols = names.length;
  const data = new Float64Array(records.length * nCols);
  for (let i = 0; i < records.length; i++) {
    const rec = records[i];
    if (!isObject(rec) || Array.isArray(rec)) {
      throw new ValidationError(`Row ${i} of ${name} is ${formatValue(rec)}, not a record like row 0`, { row: i });
    }
    for (const key of Object.keys(rec)) {
      if (!names.includes(key)) {
        throw new ValidationError(`Row ${i} of ${name} has a field '${key}' that row 0 does not have`, {
          row: i,
          column: key,
        });
      }
    }
    for (let j = 0; j < nCols; j++) {
      const v = rec[names[j]];
      if (typeof v === 'number') data[i * nCols + j] = v;
      else if (v === null || v === undefined) data[i * nCols + j] = Number.NaN;
      else nonNumeric(name, i, names[j], v);
    }
  }
  return { X: new Tensor(data, [records.length, nCols]), featureNames: names };
}

function namesFrom(value: unknown): string[] | undefined {
  const names = typeof value === 'function' ? (value as () => unknown)() : value;
  if (Array.isArray(names) && names.every((n) => typeof n === 'string')) return names as string[];
  return undefined;
}

/**
 * Converts any accepted input form to a dense `Tensor` (any rank; float64
 * unless a Tensor or typed array came in) or a `SparseMatrix`, keeping column
 * names from tables. Throws a {@link ValidationError} for ragged rows,
 * non-numeric cells (naming row, column and value) and unrecognised inputs.
 * @example toTensorInput([[1, 2], [3, 4]]).X.shape // [2, 2]
 */
export function toTensorInput(X: unknown, name = 'X'): ConvertedInput {
  if (X instanceof Tensor || X instanceof SparseMatrix) return { X };
  if (Array.isArray(X)) {
    if (X.length === 0) return { X: new Tensor(new Float64Array(0), [0, 0]) };
    const first = X[0];
    if (Array.isArray(first)) {
      const depth = nestingDepth(X);
      if (depth > 2) {
        // Deeper nesting: let Tensor.from check regularity, then report the rank.
        try {
          return { X: Tensor.from(X as never) };
        } catch (cause) {
          throw new ValidationError(`Inhomogeneous nested array for ${name}: ${(cause as Error).message}`, { cause });
        }
      }
      return { X: fromNestedRows(X, name) };
    }
    if (isObject(first)) return fromRecords(X, name);
    return { X: fromFlat(X, name) };
  }
  if (ArrayBuffer.isView(X) && !(X instanceof DataView))
    return { X: fromFlat(X as unknown as ArrayLike<unknown>, name) };
  if (typeof X === 'number') return { X: new Tensor(new Float64Array([X]), []) };
  if (isObject(X)) {
    const schema = X.schema as { fields?: unknown } | undefined;
    if (isObject(schema) && Array.isArray(schema.fields) && typeof X.getChild === 'function') {
      const names = (schema.fields as { name: unknown }[]).map((f) => String(f.name));
      const getChild = X.getChild as (n: string) => unknown;
      return fromColumns(names, (n) => getChild.call(X, n), name);
    }
    if (typeof X.columnNames === 'function' && typeof X.array === 'function') {
      const names = namesFrom((X.columnNames as () => unknown).bind(X));
      if (names) return fromColumns(names, (n) => (X.array as (c: string) => unknown).call(X, n), name);
    }
    if ('columnNames' in X && typeof X.column === 'function') {
      const raw = X.columnNames;
      const names = namesFrom(typeof raw === 'function' ? (raw as () => unknown).bind(X) : raw);
      if (names) return fromColumns(names, (n) => (X.column as (c: string) => unknown).call(X, n), name);
    }
    if ('data' in X && 'shape' in X) return { X: fromShaped(X as { data: unknown; shape: unknown }, name) };
  }
  throw new ValidationError(
    `Expected a 2-D array-like for ${name} (Tensor, number[][], { data, shape }, SparseMatrix, Frame, Arrow or Arquero table, or an array of records), got ${formatValue(X)}`,
    { got: X },
  );
}
