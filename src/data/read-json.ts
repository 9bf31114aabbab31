/**
 * `readJson`: JSON records or columns into a Frame.
 */
import { readFileSync } from 'node:fs';
import { ValidationError } from '../base/errors.js';
import { Frame } from './frame.js';

/** Options of {@link readJson}. */
export interface ReadJsonOptions {
  /**
   * `'records'`: `[{ col: value, ... }, ...]`; `'columns'`: `{ col: [values] }`
   * or pandas' `{ col: { index: value } }`. Default: detected from the JSON
   * (an array is records, an object columns).
   */
  orient?: 'records' | 'columns';
  /** Also accept JSON Lines (one record per line). Default `false`. */
  lines?: boolean;
}

/**
 * Reads JSON into a {@link Frame}. `source` is JSON text when it starts with
 * `[` or `{` (after white space), a file path otherwise; already-parsed
 * values are accepted too. Column types come from the values (numbers →
 * numeric, booleans → boolean, strings → categorical, `null` → missing).
 * @example readJson('[{"a": 1, "b": "x"}, {"a": 2, "b": null}]').shape // [2, 2]
 * @example readJson('{"a": [1, 2], "b": ["x", "y"]}').columnNames      // ['a', 'b']
 */
export function readJson(source: string | object, options: ReadJsonOptions = {}): Frame {
  let value: unknown = source;
  if (typeof source === 'string') {
    const trimmed = source.trimStart();
    const text = trimmed.startsWith('[') || trimmed.startsWith('{') ? source : readFileSync(source, 'utf8');
    try {
      value = options.lines
        ? text
            .split('\n')
            .filter((l) => l.trim() !== '')
            .map((l) => JSON.parse(l))
        : JSON.parse(text);
    } catch (cause) {
      throw new ValidationError(`readJson: invalid JSON: ${(cause as Error).message}`, { cause });
    }
  }
  const orient = options.orient ?? (Array.isArray(value) ? 'records' : 'columns');
  if (orient === 'records') {
    if (!Array.isArray(value)) throw new ValidationError('readJson: orient "records" needs a JSON array of objects');
    return Frame.fromRecords(value as Record<string, unknown>[]);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError('readJson: orient "columns" needs a JSON object of columns');
  }
  const columns: Record<string, unknown[]> = {};
  for (const [name, col] of Object.entries(value as Record<string, unknown>)) {
    if (Array.isArray(col)) columns[name] = col;
    else if (typeof col === 'object' && col !== null) columns[name] = Object.values(col);
    else throw new ValidationError(`readJson: column '${name}' is not an array or an object`, { column: name });
  }
  return Frame.fromColumns(columns);
}
