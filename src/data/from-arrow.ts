/**
 * Apache Arrow table → Frame, through Arrow's public vector API only
 * (`schema.fields`, `getChild`, `get`, `isValid`, `toArray`), so it works with
 * any apache-arrow version and does not load the library itself.
 */
import { ValidationError } from '../base/errors.js';
import {
  BOOL_MISSING,
  BooleanColumn,
  type Column,
  categoricalFrom,
  DatetimeColumn,
  makeColumn,
  NumericColumn,
} from './column.js';
import { Frame } from './frame.js';

interface ArrowVectorLike {
  length: number;
  nullCount: number;
  get(i: number): unknown;
  isValid(i: number): boolean;
  toArray(): ArrayLike<unknown>;
}

interface ArrowTableLike {
  schema: { fields: { name: string; type: { typeId: number } }[] };
  getChild(name: string): ArrowVectorLike | null;
}

// Arrow's Type enum (format/Schema.fbs), stable across versions.
const INT = 2;
const FLOAT = 3;
const UTF8 = 5;
const BOOL = 6;
const DECIMAL = 7;
const DATE = 8;
const TIMESTAMP = 10;
const LARGE_UTF8 = 20;
const UTF8_VIEW = 24;
const DICTIONARY = -1;

function numeric(vec: ArrowVectorLike, integer: boolean): NumericColumn {
  const n = vec.length;
  const raw = vec.toArray();
  const out = new Float64Array(n);
  if (raw.length === n && (ArrayBuffer.isView(raw) || Array.isArray(raw))) {
    for (let i = 0; i < n; i++) out[i] = Number(raw[i] as number | bigint);
  } else {
    for (let i = 0; i < n; i++) out[i] = Number(vec.get(i) as number);
  }
  if (vec.nullCount > 0) for (let i = 0; i < n; i++) if (!vec.isValid(i)) out[i] = Number.NaN;
  return new NumericColumn(out, integer ? true : undefined);
}

function cells(vec: ArrowVectorLike): unknown[] {
  const out = new Array<unknown>(vec.length);
  for (let i = 0; i < out.length; i++) out[i] = vec.isValid(i) ? vec.get(i) : null;
  return out;
}

function fromVector(vec: ArrowVectorLike, typeId: number, name: string): Column {
  switch (typeId) {
    case INT:
      return numeric(vec, true);
    case FLOAT:
    case DECIMAL:
      return numeric(vec, false);
    case UTF8:
    case LARGE_UTF8:
    case UTF8_VIEW:
    case DICTIONARY:
      return categoricalFrom(cells(vec));
    case BOOL: {
      const out = new Uint8Array(vec.length);
      for (let i = 0; i < out.length; i++) out[i] = vec.isValid(i) ? (vec.get(i) ? 1 : 0) : BOOL_MISSING;
      return new BooleanColumn(out);
    }
    case DATE:
    case TIMESTAMP: {
      const out = new Float64Array(vec.length);
      for (let i = 0; i < out.length; i++) {
        const v = vec.isValid(i) ? vec.get(i) : null;
        out[i] = v === null ? Number.NaN : v instanceof Date ? v.getTime() : Number(v as number | bigint);
      }
      return new DatetimeColumn(out);
    }
    default:
      return makeColumn(cells(vec), name);
  }
}

/**
 * A Frame from an Arrow table: integers and floats → numeric, strings and
 * dictionaries → categorical, booleans → boolean, dates/timestamps →
 * datetime (epoch ms); nulls become missing values. Other types go through
 * `makeColumn` on their JS values.
 * @example fromArrow(tableFromIPC(bytes)).shape
 */
export function fromArrow(table: unknown): Frame {
  const t = table as ArrowTableLike;
  if (!t || typeof t.getChild !== 'function' || !Array.isArray(t.schema?.fields)) {
    throw new ValidationError('fromArrow expects an Apache Arrow Table (schema.fields and getChild)', { got: table });
  }
  const names = t.schema.fields.map((f) => f.name);
  const columns = t.schema.fields.map((f) => {
    const vec = t.getChild(f.name);
    if (vec === null) throw new ValidationError(`Arrow table has no child '${f.name}'`, { column: f.name });
    return fromVector(vec, f.type.typeId, f.name);
  });
  return new Frame(names, columns);
}
