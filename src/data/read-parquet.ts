/**
 * `readParquet`: Apache Parquet → Frame, through hyparquet (a dependency-free
 * pure-JS Parquet reader) for the file format, and our own mapping of Parquet
 * types onto Frame columns.
 */
import { readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { type ColumnData, type Compressors, type FileMetaData, parquetMetadata, parquetRead } from 'hyparquet';
import { ValidationError } from '../base/errors.js';
import { BOOL_MISSING, BooleanColumn, type Column, categoricalFrom, DatetimeColumn, NumericColumn } from './column.js';
import { Frame } from './frame.js';

/** Options of {@link readParquet}. */
export interface ReadParquetOptions {
  /** Columns to read, in this order. Default: every top-level column. */
  columns?: readonly string[];
  /** First row to read (0-based, inclusive). Default 0. */
  rowStart?: number;
  /** Row to stop before (exclusive). Default: the end of the file. */
  rowEnd?: number;
}

// Snappy is built into hyparquet; gzip and brotli come from node:zlib. Node 20 has no zstd/lz4.
const compressors: Compressors = {
  GZIP: (input) => new Uint8Array(gunzipSync(input)),
  BROTLI: (input) => new Uint8Array(brotliDecompressSync(input)),
};

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
    ? bytes.buffer
    : (new Uint8Array(bytes).buffer as ArrayBuffer); // a copy: Buffer#slice would be a view of Node's pool
}

/** Top-level fields: leaves are readable; groups (lists, maps, structs) are nested. */
function topLevelFields(meta: FileMetaData): { name: string; nested: boolean; type?: string }[] {
  const schema = meta.schema;
  const out: { name: string; nested: boolean; type?: string }[] = [];
  let i = 1;
  const skip = (at: number): number => {
    let next = at + 1;
    for (let c = 0; c < (schema[at].num_children ?? 0); c++) next = skip(next);
    return next;
  };
  while (i < schema.length) {
    const el = schema[i];
    const nested = (el.num_children ?? 0) > 0 || el.repetition_type === 'REPEATED';
    out.push({ name: el.name, nested, type: el.type });
    i = skip(i);
  }
  return out;
}

function concatChunks(chunks: ColumnData[], n: number, start: number): unknown[] {
  const out = new Array<unknown>(n).fill(null);
  for (const c of chunks) {
    const data = c.columnData as ArrayLike<unknown>;
    for (let r = c.rowStart; r < c.rowEnd; r++) {
      const at = r - start;
      if (at >= 0 && at < n) out[at] = data[r - c.rowStart];
    }
  }
  return out;
}

function numberFrom(v: unknown, name: string, row: number): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') {
    if (v > MAX_SAFE || v < -MAX_SAFE) {
      throw new ValidationError(
        `readParquet: column '${name}' row ${row} holds ${v}, beyond the integers a float64 holds exactly (±2^53); read other columns with { columns }`,
        { column: name, row, got: v.toString() },
      );
    }
    return Number(v);
  }
  throw new ValidationError(`readParquet: column '${name}' row ${row} mixes ${typeof v} with numbers`, {
    column: name,
    row,
    got: v,
  });
}

function buildColumn(values: unknown[], name: string, physical: string | undefined): Column {
  const n = values.length;
  let first: unknown = null;
  for (const v of values) {
    if (v !== null && v !== undefined) {
      first = v;
      break;
    }
  }
  if (physical === 'BOOLEAN' || typeof first === 'boolean') {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++)
      out[i] = values[i] === null || values[i] === undefined ? BOOL_MISSING : values[i] ? 1 : 0;
    return new BooleanColumn(out);
  }
  if (first instanceof Date) {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      out[i] = v instanceof Date ? v.getTime() : Number.NaN;
    }
    return new DatetimeColumn(out);
  }
  if (first === null || typeof first === 'number' || typeof first === 'bigint') {
    if (first === null && (physical === 'BYTE_ARRAY' || physical === 'FIXED_LEN_BYTE_ARRAY')) {
      return categoricalFrom(values);
    }
    const out = new Float64Array(n);
    let integer = physical === 'INT32' || physical === 'INT64';
    for (let i = 0; i < n; i++) {
      const v = values[i];
      out[i] = v === null || v === undefined ? Number.NaN : numberFrom(v, name, i);
      if (integer && !Number.isNaN(out[i]) && !Number.isInteger(out[i])) integer = false;
    }
    return new NumericColumn(out, integer ? true : undefined);
  }
  if (typeof first === 'string') {
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v !== null && v !== undefined && typeof v !== 'string') {
        throw new ValidationError(`readParquet: column '${name}' row ${i} mixes ${typeof v} with strings`, {
          column: name,
          row: i,
          got: v,
        });
      }
    }
    return categoricalFrom(values);
  }
  throw new ValidationError(
    `readParquet: column '${name}' holds ${first instanceof Uint8Array ? 'raw binary (not UTF-8 text)' : typeof first} values, which a Frame column cannot hold; leave it out with { columns }`,
    { column: name, got: physical },
  );
}

/**
 * Reads an Apache Parquet file into a {@link Frame}. `source` is a file path or
 * the file's bytes. Integers, floats and decimals become numeric columns,
 * strings categorical, booleans boolean, dates and timestamps datetime (epoch
 * ms); nulls become missing values. Codecs: uncompressed, snappy, gzip and
 * brotli.
 *
 * Errors (ValidationError): not a Parquet file, an unknown column, a nested
 * (list/map/struct) or binary column, an int64 beyond ±2^53 (it would lose
 * digits), an unsupported codec (zstd, lz4) — each naming the column.
 * @example
 * const df = await readParquet('flights.parquet', { columns: ['origin', 'delay'] });
 * df.shape; // [rows, 2]
 */
export async function readParquet(source: string | Uint8Array, options: ReadParquetOptions = {}): Promise<Frame> {
  let bytes: Uint8Array;
  let label: string;
  if (typeof source === 'string') {
    bytes = readFileSync(source);
    label = source;
  } else if (source instanceof Uint8Array) {
    bytes = source;
    label = 'Parquet data';
  } else {
    throw new ValidationError('readParquet expects a file path or a Uint8Array', { got: source });
  }
  const magic = (at: number) =>
    bytes[at] === 0x50 && bytes[at + 1] === 0x41 && bytes[at + 2] === 0x52 && bytes[at + 3] === 0x31;
  if (bytes.length < 12 || !magic(0) || !magic(bytes.length - 4)) {
    throw new ValidationError(`${label} is not a Parquet file (no PAR1 magic at its start and end)`, {
      got: bytes.length,
    });
  }
  const file = toArrayBuffer(bytes);
  let meta: FileMetaData;
  try {
    meta = parquetMetadata(file);
  } catch (err) {
    throw new ValidationError(`${label}: corrupt Parquet metadata (${(err as Error).message})`);
  }
  const fields = topLevelFields(meta);
  const byName = new Map(fields.map((f) => [f.name, f]));
  const wanted = options.columns ?? fields.map((f) => f.name);
  for (const name of wanted) {
    const f = byName.get(name);
    if (f === undefined) {
      throw new ValidationError(`${label}: no column '${name}' (columns: ${fields.map((c) => c.name).join(', ')})`, {
        column: name,
      });
    }
    if (f.nested) {
      throw new ValidationError(
        `${label}: column '${name}' is nested (a list, map or struct), which a Frame column cannot hold; leave it out with { columns }`,
        { column: name },
      );
    }
  }
  const total = Number(meta.num_rows);
  const start = Math.max(0, options.rowStart ?? 0);
  const end = Math.min(total, options.rowEnd ?? total);
  const n = Math.max(0, end - start);
  const chunks = new Map<string, ColumnData[]>(wanted.map((name) => [name, []]));
  if (n > 0 && wanted.length > 0) {
    try {
      await parquetRead({
        file,
        metadata: meta,
        columns: [...wanted],
        rowStart: start,
        rowEnd: end,
        compressors,
        onChunk: (chunk) => chunks.get(chunk.columnName)?.push(chunk),
      });
    } catch (err) {
      const message = (err as Error).message;
      const codec = /unsupported compression codec: (\w+)/.exec(message);
      throw new ValidationError(
        codec
          ? `${label}: compression codec ${codec[1]} is not supported (snappy, gzip, brotli are); rewrite the file with one of those`
          : `${label}: cannot read the Parquet data (${message})`,
      );
    }
  }
  const columns = wanted.map((name) =>
    buildColumn(concatChunks(chunks.get(name) ?? [], n, start), name, byName.get(name)?.type),
  );
  return new Frame([...wanted], columns, n);
}
