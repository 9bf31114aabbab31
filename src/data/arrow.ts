/**
 * Frame → Apache Arrow (`toArrow`), and Arrow IPC files/bytes → Frame
 * (`readArrow`), through the `apache-arrow` package. Importing this module
 * also enables `Frame.prototype.toArrow`.
 */
import { readFileSync } from 'node:fs';
import {
  Bool,
  Dictionary,
  Float64,
  Int32,
  makeData,
  makeVector,
  Table,
  TimestampMillisecond,
  tableFromIPC,
  tableToIPC,
  Utf8,
  type Vector,
  vectorFromArray,
} from 'apache-arrow';
import { BOOL_MISSING, type Column } from './column.js';
import { arrowHooks, Frame } from './frame.js';
import { fromArrow } from './from-arrow.js';

/** Arrow validity bitmap (LSB first) from a missing-value test; `undefined` when nothing is missing. */
function validity(n: number, missing: (i: number) => boolean): { nullBitmap?: Uint8Array; nullCount: number } {
  let nullCount = 0;
  const bits = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) {
    if (missing(i)) nullCount++;
    else bits[i >> 3] |= 1 << (i & 7);
  }
  return nullCount === 0 ? { nullCount } : { nullBitmap: bits, nullCount };
}

function toVector(column: Column): Vector {
  const n = column.length;
  switch (column.kind) {
    case 'number': {
      const d = column.data;
      const v = validity(n, (i) => Number.isNaN(d[i]));
      return makeVector(makeData({ type: new Float64(), length: n, data: d, ...v }));
    }
    case 'category': {
      const codes = column.codes;
      const v = validity(n, (i) => codes[i] < 0);
      const data = v.nullCount > 0 ? codes.map((c) => Math.max(c, 0)) : codes;
      const dictionary = vectorFromArray([...column.categories], new Utf8());
      const type = new Dictionary(new Utf8(), new Int32());
      return makeVector(makeData({ type, length: n, data, dictionary, ...v }));
    }
    case 'boolean': {
      const d = column.data;
      const v = validity(n, (i) => d[i] === BOOL_MISSING);
      const bits = new Uint8Array((n + 7) >> 3);
      for (let i = 0; i < n; i++) if (d[i] === 1) bits[i >> 3] |= 1 << (i & 7);
      return makeVector(makeData({ type: new Bool(), length: n, data: bits, ...v }));
    }
    case 'datetime': {
      const values = Array.from(column.data, (ms) => (!Number.isNaN(ms) ? ms : null));
      return vectorFromArray(values, new TimestampMillisecond());
    }
  }
}

/**
 * The frame as an Arrow `Table`: numeric → Float64, categorical →
 * Dictionary<Utf8, Int32>, boolean → Bool, datetime → Timestamp[ms];
 * missing values become nulls. Numeric buffers without missing values are shared.
 * @example tableToIPC(toArrow(df)) // Arrow IPC bytes
 */
export function toArrow(frame: Frame): Table {
  const vectors: Record<string, Vector> = {};
  frame.columnNames.forEach((name, j) => {
    vectors[name] = toVector(frame.columns[j]);
  });
  return new Table(vectors);
}

/**
 * Reads an Arrow IPC file or stream (a path, or the bytes) into a Frame.
 * @example readArrow('data.arrow').shape
 */
export function readArrow(source: string | Uint8Array): Frame {
  const bytes = typeof source === 'string' ? readFileSync(source) : source;
  return fromArrow(tableFromIPC(bytes));
}

/**
 * The frame as Arrow IPC bytes (the file format by default, `'stream'` for the stream format).
 * @example writeFileSync('out.arrow', writeArrow(df))
 */
export function writeArrow(frame: Frame, format: 'file' | 'stream' = 'file'): Uint8Array {
  return tableToIPC(toArrow(frame), format);
}

arrowHooks.toArrow = toArrow;

export { Frame };
