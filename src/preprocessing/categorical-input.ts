/**
 * The input adapter of the encoders and imputers: `checkArray` only takes
 * numbers, but encoders must also take strings, so this reads any accepted
 * input (numeric `MatrixLike`, `(string | number | null)[][]`, a `Frame` or
 * other frame-like table, an Arquero/Arrow table, an array of records) into
 * one column list where each column is either numeric (`Float64Array`, NaN
 * missing) or strings (`(string | null)[]`, null missing), keeping table
 * column names as feature names.
 *
 * Missing values: `null`, `undefined` and NaN are all missing, as sklearn 1.2
 * treats `None` and `np.nan`. A column mixing strings and numbers is an error
 * (sklearn: "Encoders require their input to be uniformly strings or numbers").
 */
import { ValidationError } from '../base/errors.js';
import { toTensorInput } from '../base/matrix-input.js';
import { formatValue } from '../base/params.js';
import type { MatrixLike } from '../base/types.js';
import { SparseMatrix } from '../tensor/sparse.js';
import { Tensor } from '../tensor/tensor.js';

/** One cell of categorical input: a string, a number, or missing (`null`/`undefined`/NaN). */
export type CategoricalValue = string | number | boolean | null | undefined;

/** Rows of categorical cells, e.g. `[['red', 'S'], ['blue', null]]`. */
export type CategoricalMatrix = readonly (readonly CategoricalValue[])[];

/** Anything the encoders and imputers accept as `X`: numeric input, rows of cells, tables, records of cells. */
export type CategoricalInputLike =
  | MatrixLike
  | CategoricalMatrix
  | readonly Readonly<Record<string, CategoricalValue>>[];

/** A numeric column (NaN missing) or a string column (null missing). */
export type InputColumn = { kind: 'number'; values: Float64Array } | { kind: 'string'; values: (string | null)[] };

/** The result of {@link readCategoricalInput}. */
export interface CategoricalInput {
  columns: InputColumn[];
  nRows: number;
  nCols: number;
  featureNames?: string[];
}

/** Options of {@link readCategoricalInput}. */
export interface ReadCategoricalOptions {
  /** Name of the input in messages. Default `'X'`. */
  name?: string;
  /** Minimum number of rows. Default 1. */
  minSamples?: number;
}

type Obj = Record<string, unknown>;

function isObject(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null;
}

function badCell(name: string, row: number, column: number | string, value: unknown): never {
  const col = typeof column === 'string' ? `'${column}'` : String(column);
  throw new ValidationError(
    `Input ${name} contains ${formatValue(value)} at row ${row}, column ${col}; expected a string, a number or a missing value (null/NaN).`,
    { row, column, got: value },
  );
}

function infinite(name: string, row: number, column: number | string, value: number): never {
  const col = typeof column === 'string' ? `'${column}'` : String(column);
  throw new ValidationError(`Input ${name} contains infinity at row ${row}, column ${col}.`, {
    row,
    column,
    expected: 'a finite number or NaN',
    got: value,
  });
}

/** One column from arbitrary cell values: numeric when no cell is a string, else strings. */
function columnFromCells(cells: ArrayLike<unknown>, name: string, column: number | string): InputColumn {
  const n = cells.length;
  let hasString = false;
  let hasNumber = false;
  for (let i = 0; i < n; i++) {
    const v = cells[i];
    if (typeof v === 'string') hasString = true;
    else if (typeof v === 'number') {
      if (!Number.isNaN(v)) hasNumber = true;
    } else if (typeof v === 'boolean' || typeof v === 'bigint') hasNumber = true;
    else if (v !== null && v !== undefined) badCell(name, i, column, v);
  }
  if (hasString && hasNumber) {
    let firstString = -1;
    let firstNumber = -1;
    for (let i = 0; i < n && (firstString < 0 || firstNumber < 0); i++) {
      const v = cells[i];
      if (typeof v === 'string') firstString = firstString < 0 ? i : firstString;
      else if (v != null && !(typeof v === 'number' && Number.isNaN(v)))
        firstNumber = firstNumber < 0 ? i : firstNumber;
    }
    const col = typeof column === 'string' ? `'${column}'` : String(column);
    throw new ValidationError(
      `Encoders require their input to be uniformly strings or numbers: column ${col} of ${name} mixes strings and numbers (${formatValue(cells[firstString])} at row ${firstString}, ${formatValue(cells[firstNumber])} at row ${firstNumber}).`,
      { column, row: firstString, got: cells[firstString] },
    );
  }
  if (hasString) {
    const values = new Array<string | null>(n);
    for (let i = 0; i < n; i++) {
      const v = cells[i];
      values[i] = typeof v === 'string' ? v : null;
    }
    return { kind: 'string', values };
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = cells[i];
    const x =
      typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'bigint' ? Number(v) : Number.NaN;
    if (x === Number.POSITIVE_INFINITY || x === Number.NEGATIVE_INFINITY) infinite(name, i, column, x);
    values[i] = x;
  }
  return { kind: 'number', values };
}

/** The cells of one table column: dictionary-coded categorical columns decoded, others as arrays. */
function tableColumn(col: unknown, name: string, column: string): InputColumn {
  if (isObject(col) && col.codes instanceof Int32Array && Array.isArray(col.categories)) {
    const codes = col.codes;
    const cats = col.categories as string[];
    const values = new Array<string | null>(codes.length);
    for (let i = 0; i < codes.length; i++) values[i] = codes[i] < 0 ? null : String(cats[codes[i]]);
    return { kind: 'string', values };
  }
  let cells: unknown = col;
  if (col instanceof Tensor) cells = col.data;
  else if (isObject(col) && !Array.isArray(col) && !ArrayBuffer.isView(col)) {
    const get = col.get;
    if (
      typeof col.nullCount === 'number' &&
      col.nullCount > 0 &&
      typeof get === 'function' &&
      typeof col.length === 'number'
    ) {
      const out = new Array<unknown>(col.length);
      for (let i = 0; i < col.length; i++) out[i] = get.call(col, i);
      cells = out;
    } else if (typeof col.toArray === 'function') cells = (col.toArray as () => unknown).call(col);
  }
  if (cells instanceof Float64Array) {
    for (let i = 0; i < cells.length; i++) {
      const v = cells[i];
      if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY) infinite(name, i, column, v);
    }
    return { kind: 'number', values: cells };
  }
  if (Array.isArray(cells) || (ArrayBuffer.isView(cells) && !(cells instanceof DataView))) {
    return columnFromCells(cells as ArrayLike<unknown>, name, column);
  }
  throw new ValidationError(`Column '${column}' of ${name} is not a column of values: got ${formatValue(col)}`, {
    column,
    got: col,
  });
}

function namesOf(raw: unknown, self: unknown): string[] | undefined {
  const names = typeof raw === 'function' ? (raw as () => unknown).call(self) : raw;
  return Array.isArray(names) && names.every((n) => typeof n === 'string') ? (names as string[]) : undefined;
}

function fromTable(names: string[], get: (n: string) => unknown, name: string): CategoricalInput {
  const columns = names.map((c) => tableColumn(get(c), name, c));
  const nRows = columns.length === 0 ? 0 : columns[0].values.length;
  columns.forEach((c, j) => {
    if (c.values.length !== nRows) {
      throw new ValidationError(
        `Columns of ${name} have different lengths: '${names[j]}' has ${c.values.length} values but '${names[0]}' has ${nRows}`,
        { column: names[j], expected: nRows, got: c.values.length },
      );
    }
  });
  return { columns, nRows, nCols: names.length, featureNames: [...names] };
}

function fromRows(rows: readonly unknown[], name: string): CategoricalInput {
  const nRows = rows.length;
  const nCols = (rows[0] as unknown[]).length;
  const cells: unknown[][] = Array.from({ length: nCols }, () => new Array<unknown>(nRows));
  for (let i = 0; i < nRows; i++) {
    const row = rows[i];
    if (!Array.isArray(row) || row.length !== nCols) {
      throw new ValidationError(
        `Inhomogeneous rows in ${name}: row ${i} has ${Array.isArray(row) ? row.length : formatValue(row)} values but row 0 has ${nCols}`,
        { row: i, expected: nCols, got: Array.isArray(row) ? row.length : row },
      );
    }
    for (let j = 0; j < nCols; j++) cells[j][i] = row[j];
  }
  return { columns: cells.map((c, j) => columnFromCells(c, name, j)), nRows, nCols };
}

function fromRecords(records: readonly unknown[], name: string): CategoricalInput {
  const names = Object.keys(records[0] as Obj);
  for (let i = 0; i < records.length; i++) {
    if (!isObject(records[i]) || Array.isArray(records[i])) {
      throw new ValidationError(`Row ${i} of ${name} is ${formatValue(records[i])}, not a record like row 0`, {
        row: i,
      });
    }
  }
  return fromTable(names, (c) => records.map((r) => (r as Obj)[c]), name);
}

function fromTensor(X: Tensor, featureNames: string[] | undefined, name: string): CategoricalInput {
  if (X.ndim !== 2) {
    throw new ValidationError(
      `Expected 2D array, got ${X.ndim}D array instead. Reshape your data with reshape(-1, 1) if it has a single feature.`,
      { expected: '2-D', got: `${X.ndim}-D` },
    );
  }
  const [nRows, nCols] = X.shape;
  const data = X.data;
  const columns: InputColumn[] = [];
  for (let j = 0; j < nCols; j++) {
    const values = new Float64Array(nRows);
    for (let i = 0; i < nRows; i++) {
      const v = data[i * nCols + j];
      if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY)
        infinite(name, i, featureNames?.[j] ?? j, v);
      values[i] = v;
    }
    columns.push({ kind: 'number', values });
  }
  return featureNames ? { columns, nRows, nCols, featureNames } : { columns, nRows, nCols };
}

/**
 * Reads `X` for an encoder or imputer into typed columns (see the module
 * comment). Throws a {@link ValidationError} for sparse input, ragged rows,
 * mixed string/number columns, infinity, objects in cells, and fewer than
 * `minSamples` rows.
 * @example
 * readCategoricalInput([['a', 1], [null, 2]]).columns
 * // [{ kind: 'string', values: ['a', null] }, { kind: 'number', values: Float64Array [1, 2] }]
 */
export function readCategoricalInput(X: CategoricalInputLike, options: ReadCategoricalOptions = {}): CategoricalInput {
  const { name = 'X', minSamples = 1 } = options;
  let result: CategoricalInput;
  if (X instanceof SparseMatrix) {
    throw new ValidationError(`Sparse data was passed for ${name}, but dense data is required. Use '.toDense()'.`, {
      expected: 'dense data',
      got: 'SparseMatrix',
    });
  }
  if (X instanceof Tensor) result = fromTensor(X, undefined, name);
  else if (Array.isArray(X)) {
    if (X.length === 0) result = { columns: [], nRows: 0, nCols: 0 };
    else if (Array.isArray(X[0])) result = fromRows(X, name);
    else if (isObject(X[0])) result = fromRecords(X, name);
    else {
      throw new ValidationError(
        `Expected 2D array, got 1D array instead for ${name}. Reshape your data with one value per row, e.g. values.map((v) => [v]).`,
        { expected: '2-D', got: '1-D' },
      );
    }
  } else if (isObject(X)) {
    const o = X as Obj;
    const schema = o.schema as { fields?: unknown } | undefined;
    if (isObject(schema) && Array.isArray(schema.fields) && typeof o.getChild === 'function') {
      const names = (schema.fields as { name: unknown }[]).map((f) => String(f.name));
      result = fromTable(names, (n) => (o.getChild as (c: string) => unknown).call(o, n), name);
    } else if (typeof o.columnNames === 'function' && typeof o.array === 'function') {
      const names = namesOf(o.columnNames, o) ?? [];
      result = fromTable(names, (n) => (o.array as (c: string) => unknown).call(o, n), name);
    } else if ('columnNames' in o && typeof o.column === 'function') {
      const names = namesOf(o.columnNames, o) ?? [];
      result = fromTable(names, (n) => (o.column as (c: string) => unknown).call(o, n), name);
    } else {
      const converted = toTensorInput(X, name);
      result = fromTensor(converted.X as Tensor, converted.featureNames, name);
    }
  } else {
    const converted = toTensorInput(X, name);
    result = fromTensor(converted.X as Tensor, converted.featureNames, name);
  }
  if (result.nRows < minSamples) {
    throw new ValidationError(
      `Found array with ${result.nRows} sample(s) (shape=(${result.nRows}, ${result.nCols})) while a minimum of ${minSamples} is required.`,
      { expected: minSamples, got: result.nRows },
    );
  }
  if (result.nCols < 1) {
    throw new ValidationError(
      `Found array with 0 feature(s) (shape=(${result.nRows}, 0)) while a minimum of 1 is required.`,
      {
        expected: 1,
        got: 0,
      },
    );
  }
  return result;
}

/**
 * A numeric stand-in with the same width and column names as `input` (one
 * row, or all `nRows` with `allRows` for checks against `y`), so
 * `BaseEstimator.validateData` can record or check `nFeaturesIn` and
 * `featureNamesIn` for inputs it cannot read itself (strings).
 */
export function shapeProxy(input: CategoricalInput, allRows = false): MatrixLike {
  const n = allRows ? input.nRows : 1;
  if (input.featureNames) {
    const zero = new Float64Array(n);
    return { columnNames: input.featureNames, column: () => zero };
  }
  return { data: new Float64Array(n * input.nCols), shape: [n, input.nCols] };
}

/** True when every column is numeric (the output can be a plain Tensor). */
export function allNumeric(input: CategoricalInput): boolean {
  return input.columns.every((c) => c.kind === 'number');
}

/** The column's name in messages: `0 ('colour')` with feature names, else `0`. */
export function describeColumn(j: number, featureNames?: readonly string[]): string {
  return featureNames ? `${j} ('${featureNames[j]}')` : String(j);
}
