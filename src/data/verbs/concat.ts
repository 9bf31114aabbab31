/**
 * `concat`: stacks frames vertically (same column names; categories are
 * unified, numeric and datetime buffers copied once).
 */
import { ValidationError } from '../../base/errors.js';
import { BooleanColumn, CategoricalColumn, type Column, DatetimeColumn, NumericColumn } from '../column.js';
import { Frame } from '../frame.js';

/**
 * One column holding the rows of `columns` one after another. All must be of
 * the same kind (a ValidationError names the kinds otherwise); categorical
 * columns get the union of their categories, in first-seen order.
 * @example concatColumns([makeColumn(['a']), makeColumn(['b', 'a'])]).get(1) // 'b'
 */
export function concatColumns(columns: readonly Column[], name = 'column'): Column {
  const kind = columns[0].kind;
  for (const c of columns) {
    if (c.kind !== kind) {
      throw new ValidationError(`Cannot concatenate a ${c.kind} column with a ${kind} column ('${name}')`, {
        column: name,
        expected: kind,
        got: c.kind,
      });
    }
  }
  const total = columns.reduce((s, c) => s + c.length, 0);
  if (kind === 'category') {
    const index = new Map<string, number>();
    const categories: string[] = [];
    const codes = new Int32Array(total);
    let at = 0;
    for (const c of columns as CategoricalColumn[]) {
      const map = new Int32Array(c.categories.length);
      c.categories.forEach((s, i) => {
        let id = index.get(s);
        if (id === undefined) {
          id = categories.length;
          categories.push(s);
          index.set(s, id);
        }
        map[i] = id;
      });
      for (let i = 0; i < c.length; i++) codes[at++] = c.codes[i] < 0 ? -1 : map[c.codes[i]];
    }
    return new CategoricalColumn(codes, categories);
  }
  if (kind === 'boolean') {
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of columns as BooleanColumn[]) {
      out.set(c.data, at);
      at += c.length;
    }
    return new BooleanColumn(out);
  }
  const out = new Float64Array(total);
  let at = 0;
  for (const c of columns as (NumericColumn | DatetimeColumn)[]) {
    out.set(c.data, at);
    at += c.length;
  }
  if (kind === 'datetime') return new DatetimeColumn(out);
  const allInt = (columns as NumericColumn[]).every((c) => c.dtype === 'int');
  return new NumericColumn(out, allInt);
}

/**
 * The rows of `frames` one after another. Every frame must have the same
 * column names (in any order; the first frame's order is kept).
 * @example concat([df.head(2), df.tail(2)]).nRows // 4
 */
export function concat(frames: readonly Frame[]): Frame {
  if (frames.length === 0) throw new ValidationError('concat needs at least one frame');
  const names = frames[0].columnNames;
  for (const f of frames) {
    const other = f.columnNames;
    if (other.length !== names.length || !names.every((n) => f.has(n))) {
      throw new ValidationError(
        `concat: frames have different columns: [${names.join(', ')}] vs [${other.join(', ')}]`,
      );
    }
  }
  const total = frames.reduce((s, f) => s + f.nRows, 0);
  return new Frame(
    names,
    names.map((n) =>
      concatColumns(
        frames.map((f) => f.column(n)),
        n,
      ),
    ),
    total,
  );
}
