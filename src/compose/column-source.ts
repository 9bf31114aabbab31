/**
 * The input adapter of ColumnTransformer: reads any accepted `X` (a `Frame` or
 * other frame-like table, an Arquero or Arrow table, an array of records, a
 * 2-D `Tensor`, `{ data, shape }`, nested arrays of numbers or strings, a
 * `SparseMatrix`) into a {@link ColumnSource}: its size, column names when it
 * is a table, each column's kind, and `select` giving the input a
 * sub-transformer sees. Tables stay tables (so encoders get their strings and
 * names); numeric matrices become Tensors.
 */
import { ValidationError } from '../base/errors.js';
import { toTensorInput } from '../base/matrix-input.js';
import { formatValue } from '../base/params.js';
import type { FrameLike, MatrixLike } from '../base/types.js';
import { Frame } from '../data/frame.js';
import { SparseMatrix } from '../tensor/sparse.js';
import { Tensor } from '../tensor/tensor.js';

/** A column's kind as column selectors see it. */
export type SourceColumnKind = 'int' | 'float' | 'category' | 'boolean' | 'datetime';

/** `X` read by {@link readColumnSource}. */
export interface ColumnSource {
  readonly nRows: number;
  readonly nCols: number;
  /** Column names when `X` is a table, else `undefined`. */
  readonly names?: readonly string[];
  /** The kind of column `j` (tables; matrices report `'float'` or `'category'`). */
  kind(j: number): SourceColumnKind;
  /** The input holding columns `indices` (in that order), for a sub-transformer. */
  select(indices: readonly number[]): unknown;
  /** Column names selected by name from a table (`select` by the same columns). */
  selectNames(names: readonly string[]): unknown;
}

type Obj = Record<string, unknown>;

function isObject(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null;
}

function kindOfValues(values: unknown): SourceColumnKind {
  if (isObject(values)) {
    const kind = values.kind;
    if (kind === 'category' || kind === 'boolean' || kind === 'datetime') return kind;
    if (typeof values.dtype === 'string' && ['int', 'float'].includes(values.dtype)) {
      return values.dtype as SourceColumnKind;
    }
    if ('categories' in values || 'dictionary' in values) return 'category';
    if (typeof values.toArray === 'function' && !Array.isArray(values) && !ArrayBuffer.isView(values)) {
      return kindOfValues((values.toArray as () => unknown).call(values));
    }
  }
  if (values instanceof Uint8Array) return 'int';
  if (ArrayBuffer.isView(values)) {
    return values instanceof Int32Array || values instanceof Int16Array || values instanceof Int8Array
      ? 'int'
      : 'float';
  }
  if (Array.isArray(values)) {
    let integer = true;
    for (const v of values) {
      if (v === null || v === undefined) continue;
      if (typeof v === 'string') return 'category';
      if (typeof v === 'boolean') return 'boolean';
      if (v instanceof Date) return 'datetime';
      if (typeof v === 'number' && !Number.isNaN(v) && !Number.isInteger(v)) integer = false;
    }
    return integer ? 'int' : 'float';
  }
  return 'float';
}

function tableSource(names: readonly string[], get: (name: string) => unknown, X: unknown): ColumnSource {
  const frame = X instanceof Frame ? X : undefined;
  const first = names.length > 0 ? get(names[0]) : undefined;
  const nRows =
    frame?.nRows ??
    (isObject(first) && typeof first.length === 'number' ? (first.length as number) : names.length === 0 ? 0 : 0);
  const selectNames = (chosen: readonly string[]): unknown => {
    if (frame) return frame.select([...chosen]);
    const view: FrameLike = { columnNames: [...chosen], column: (n: string) => get(n) };
    return view;
  };
  return {
    nRows,
    nCols: names.length,
    names,
    kind: (j) => kindOfValues(get(names[j])),
    select: (indices) => selectNames(indices.map((j) => names[j])),
    selectNames,
  };
}

function namesOf(raw: unknown, self: unknown): string[] | undefined {
  const names = typeof raw === 'function' ? (raw as () => unknown).call(self) : raw;
  return Array.isArray(names) && names.every((n) => typeof n === 'string') ? (names as string[]) : undefined;
}

function noNames(): never {
  throw new ValidationError('Selecting columns by name needs a table (Frame, Arrow or Arquero table, records)');
}

function tensorSource(X: Tensor): ColumnSource {
  if (X.ndim !== 2) {
    throw new ValidationError(
      `Expected 2D array, got ${X.ndim}D array instead. Reshape your data with reshape(-1, 1) if it has a single feature.`,
      { expected: '2-D', got: `${X.ndim}-D` },
    );
  }
  const [nRows, nCols] = X.shape;
  return { nRows, nCols, kind: () => 'float', select: (indices) => X.take(indices, 1), selectNames: noNames };
}

function sparseSource(X: SparseMatrix): ColumnSource {
  const [nRows, nCols] = X.shape;
  return {
    nRows,
    nCols,
    kind: () => 'float',
    select: (indices) => selectSparseColumns(X, indices),
    selectNames: noNames,
  };
}

function rowsSource(rows: readonly (readonly unknown[])[]): ColumnSource {
  const nCols = rows[0].length;
  rows.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== nCols) {
      throw new ValidationError(
        `Inhomogeneous rows in X: row ${i} has ${Array.isArray(row) ? row.length : formatValue(row)} values but row 0 has ${nCols}`,
        { row: i, expected: nCols, got: Array.isArray(row) ? row.length : row },
      );
    }
  });
  return {
    nRows: rows.length,
    nCols,
    kind: (j) => kindOfValues(rows.map((r) => r[j])),
    select: (indices) => rows.map((r) => indices.map((j) => r[j])),
    selectNames: noNames,
  };
}

/**
 * Columns `indices` of a CSR matrix, in that order (a column may repeat).
 * @example selectSparseColumns(A, [2, 0]).shape // [A.shape[0], 2]
 */
export function selectSparseColumns(X: SparseMatrix, indices: readonly number[]): SparseMatrix {
  const [nRows, nCols] = X.shape;
  // Each input column maps to the output positions it fills (usually one).
  const targets: number[][] = Array.from({ length: nCols }, () => []);
  indices.forEach((j, k) => {
    targets[j].push(k);
  });
  const indptr = new Int32Array(nRows + 1);
  const outIndices: number[] = [];
  const outData: number[] = [];
  for (let i = 0; i < nRows; i++) {
    for (let p = X.indptr[i]; p < X.indptr[i + 1]; p++) {
      for (const k of targets[X.indices[p]]) {
        outIndices.push(k);
        outData.push(X.data[p]);
      }
    }
    indptr[i + 1] = outIndices.length;
  }
  return new SparseMatrix(Float64Array.from(outData), Int32Array.from(outIndices), indptr, [
    nRows,
    indices.length,
  ]).sortIndices();
}

/**
 * Reads `X` as a {@link ColumnSource}; throws a {@link ValidationError} for
 * input that is not 2-D.
 * @example readColumnSource(Frame.fromColumns({ a: [1, 2], b: ['x', 'y'] })).names // ['a', 'b']
 */
export function readColumnSource(X: unknown): ColumnSource {
  if (X instanceof Tensor) return tensorSource(X);
  if (X instanceof SparseMatrix) return sparseSource(X);
  if (X instanceof Frame) return tableSource(X.columnNames, (n) => X.column(n), X);
  if (Array.isArray(X)) {
    if (X.length === 0) return tensorSource(new Tensor(new Float64Array(0), [0, 0]));
    const first = X[0];
    if (Array.isArray(first)) {
      const numeric = (X as unknown[][]).every((r) => Array.isArray(r) && r.every((v) => typeof v === 'number'));
      return numeric ? tensorSource(toTensorInput(X).X as Tensor) : rowsSource(X as unknown[][]);
    }
    if (isObject(first)) {
      const names = Object.keys(first);
      const columns = new Map(names.map((n) => [n, (X as Obj[]).map((r) => r[n])]));
      const source = tableSource(names, (n) => columns.get(n), X);
      return { ...source, nRows: X.length };
    }
  }
  if (isObject(X)) {
    const schema = X.schema as { fields?: unknown } | undefined;
    if (isObject(schema) && Array.isArray(schema.fields) && typeof X.getChild === 'function') {
      const names = (schema.fields as { name: unknown }[]).map((f) => String(f.name));
      const source = tableSource(names, (n) => (X.getChild as (c: string) => unknown).call(X, n), X);
      return { ...source, nRows: typeof X.numRows === 'number' ? X.numRows : source.nRows };
    }
    if (typeof X.columnNames === 'function' && typeof X.array === 'function') {
      const names = namesOf(X.columnNames, X) ?? [];
      const get = (n: string) => (X.array as (c: string) => unknown).call(X, n);
      const source = tableSource(names, get, X);
      const first = names.length > 0 ? (get(names[0]) as ArrayLike<unknown>) : undefined;
      return { ...source, nRows: first?.length ?? 0 };
    }
    if ('columnNames' in X && typeof X.column === 'function') {
      const names = namesOf(X.columnNames, X) ?? [];
      return tableSource(names, (n) => (X.column as (c: string) => unknown).call(X, n), X);
    }
    if ('data' in X && 'shape' in X) return tensorSource(toTensorInput(X).X as Tensor);
  }
  throw new ValidationError(
    `ColumnTransformer expects a 2-D input (Frame or other table, Tensor, number[][], rows of strings, SparseMatrix), got ${formatValue(X)}`,
    { got: X },
  );
}

/**
 * The target to pass with a {@link shapeProxy} in `validateData(proxy, PROXY_Y, { reset: true })`:
 * one label for the proxy's one row, so estimators tagged `requiresY` record their input too
 * (the real `y` is checked by whoever uses it).
 */
export const PROXY_Y: readonly number[] = Object.freeze([0]);

/**
 * A one-row numeric stand-in with `X`'s width and column names, so a
 * meta-estimator can record and check `nFeaturesIn`/`featureNamesIn` through
 * `validateData` whatever `X` holds (strings included); also gives `X`'s row count.
 * @example const { proxy, nRows } = shapeProxy(frame); this.validateData(proxy, PROXY_Y, { reset: true });
 */
export function shapeProxy(X: unknown): { proxy: MatrixLike; nRows: number } {
  const source = readColumnSource(X);
  const zero = new Float64Array(1);
  const proxy: MatrixLike = source.names
    ? { columnNames: [...source.names], column: () => zero }
    : { data: new Float64Array(source.nCols), shape: [1, source.nCols] };
  return { proxy, nRows: source.nRows };
}
