/**
 * Column selection verbs: `select`, `drop`, `rename`. They share the column
 * buffers of the input frame (nothing is copied).
 */
import { ValidationError } from '../../base/errors.js';
import { Frame } from '../frame.js';

/**
 * Keeps `names`, in that order; an unknown name is a ValidationError listing the columns.
 * @example select(df, ['b', 'a']).columnNames // ['b', 'a']
 */
export function select(frame: Frame, names: readonly string[]): Frame {
  return new Frame(
    names,
    names.map((n) => frame.column(n)),
    frame.nRows,
  );
}

/**
 * Removes `names`; an unknown name is a ValidationError.
 * @example drop(df, ['id']).has('id') // false
 */
export function drop(frame: Frame, names: readonly string[]): Frame {
  for (const n of names) frame.column(n);
  const gone = new Set(names);
  return select(
    frame,
    frame.columnNames.filter((n) => !gone.has(n)),
  );
}

/**
 * Renames columns by `{ old: 'new' }`; an unknown old name or a clash is a ValidationError.
 * @example rename(df, { a: 'x' }).columnNames // ['x', 'b']
 */
export function rename(frame: Frame, mapping: Readonly<Record<string, string>>): Frame {
  for (const old of Object.keys(mapping)) frame.column(old);
  const names = frame.columnNames.map((n) => (Object.hasOwn(mapping, n) ? mapping[n] : n));
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new ValidationError(`rename would give two columns the name '${n}'`, { column: n });
    seen.add(n);
  }
  return new Frame(names, frame.columns, frame.nRows);
}
