/**
 * The input schema saved with a model: how many features it expects, their
 * names, and (when the training table was given) each column's type and
 * categories, so a loaded model can check new data before predicting.
 */
import type { JsonValue } from '../base/types.js';
import { ModelFormatError } from './errors.js';

/** One input column of a table. */
export interface ColumnSchema {
  name: string;
  /** The Frame column dtype: `'int' | 'float' | 'category' | 'boolean' | 'datetime'`. */
  dtype: string;
  /** The distinct values of a categorical column, when known. */
  categories?: string[];
}

/** What a fitted model expects as input. */
export interface InputSchema {
  nFeaturesIn?: number;
  featureNamesIn?: string[];
  columns?: ColumnSchema[];
}

const COLUMN_DTYPES = ['int', 'float', 'category', 'boolean', 'datetime'];

const loadedSchemas = new WeakMap<object, InputSchema>();

type FrameLike = { columnNames: string[]; columns: readonly { dtype: string; categories?: readonly string[] }[] };

function isFrameLike(data: unknown): data is FrameLike {
  const d = data as Partial<FrameLike> | null;
  return (
    d !== null &&
    typeof d === 'object' &&
    Array.isArray(d.columnNames) &&
    Array.isArray(d.columns) &&
    d.columns.length === d.columnNames.length
  );
}

/**
 * The column schema of a Frame-like table (`columnNames` and `columns` with
 * `dtype`, categorical ones with `categories`), limited to `names` when given;
 * `undefined` for anything else (plain arrays, tensors).
 * @example describeColumns(frame) // [{ name: 'age', dtype: 'float' }, { name: 'sex', dtype: 'category', categories: ['female', 'male'] }]
 */
export function describeColumns(data: unknown, names?: readonly string[]): ColumnSchema[] | undefined {
  if (!isFrameLike(data)) return undefined;
  const out: ColumnSchema[] = [];
  data.columnNames.forEach((name, i) => {
    if (names !== undefined && !names.includes(name)) return;
    const col = data.columns[i];
    const entry: ColumnSchema = { name, dtype: String(col.dtype) };
    if (Array.isArray(col.categories)) entry.categories = col.categories.map(String);
    out.push(entry);
  });
  return out;
}

function tryGet(model: object, key: string): unknown {
  try {
    return (model as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/**
 * The schema to save for `model`: `null` when it is not fitted; otherwise its
 * `nFeaturesIn` and `featureNamesIn`, plus the columns of `data` (or those it
 * was loaded with).
 * @example schemaOf(fittedModel, trainingFrame)
 */
export function schemaOf(model: object, data?: unknown): InputSchema | null {
  if (tryGet(model, 'isFitted') !== true) return null;
  const schema: InputSchema = {};
  const n = tryGet(model, 'nFeaturesIn');
  if (typeof n === 'number') schema.nFeaturesIn = n;
  const names = tryGet(model, 'featureNamesIn');
  if (Array.isArray(names)) schema.featureNamesIn = names.map(String);
  const columns = describeColumns(data, schema.featureNamesIn) ?? loadedSchemas.get(model)?.columns;
  if (columns !== undefined) schema.columns = columns;
  return schema;
}

/**
 * The input schema a model was loaded with (from `load`/`deserialize`), or
 * `undefined` for a model that was not loaded.
 * @example (await load('model.tl')) then inputSchema(model)?.featureNamesIn
 */
export function inputSchema(model: object): InputSchema | undefined {
  return loadedSchemas.get(model);
}

/** Remembers the schema a model was loaded with. */
export function rememberSchema(model: object, schema: InputSchema | null): void {
  if (schema !== null) loadedSchemas.set(model, schema);
}

function bad(where: string, message: string): never {
  throw new ModelFormatError('invalid', `header.schema${where}: ${message}`);
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

/**
 * Validates a schema read from a file header.
 * @example checkSchema({ nFeaturesIn: 2 }) // { nFeaturesIn: 2 }
 */
export function checkSchema(value: JsonValue | undefined): InputSchema | null {
  if (value === null) return null;
  if (value === undefined || typeof value !== 'object' || Array.isArray(value)) bad('', 'must be an object or null');
  const known = ['nFeaturesIn', 'featureNamesIn', 'columns'];
  const extra = Object.keys(value).filter((k) => !known.includes(k));
  if (extra.length > 0) bad('', `unknown field '${extra[0]}'`);
  const { nFeaturesIn, featureNamesIn, columns } = value;
  if (
    nFeaturesIn !== undefined &&
    !(typeof nFeaturesIn === 'number' && Number.isInteger(nFeaturesIn) && nFeaturesIn >= 0)
  ) {
    bad('.nFeaturesIn', 'must be a non-negative integer');
  }
  if (featureNamesIn !== undefined && !isStringArray(featureNamesIn))
    bad('.featureNamesIn', 'must be an array of strings');
  if (columns !== undefined) {
    if (!Array.isArray(columns)) bad('.columns', 'must be an array');
    columns.forEach((c, i) => {
      if (c === null || typeof c !== 'object' || Array.isArray(c)) bad(`.columns[${i}]`, 'must be an object');
      if (typeof c.name !== 'string') bad(`.columns[${i}].name`, 'must be a string');
      if (typeof c.dtype !== 'string' || !COLUMN_DTYPES.includes(c.dtype)) {
        bad(`.columns[${i}].dtype`, `must be one of ${COLUMN_DTYPES.join(', ')}`);
      }
      if (c.categories !== undefined && !isStringArray(c.categories))
        bad(`.columns[${i}].categories`, 'must be an array of strings');
    });
  }
  return value as InputSchema;
}
