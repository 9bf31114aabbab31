/**
 * A {@link Frame} in shared memory, as cross-validation workers receive it: each column's
 * typed array is copied once into a `SharedArrayBuffer` (categories travel as strings),
 * and workers rebuild the Frame around views of that memory, without copying.
 */
import { BooleanColumn, CategoricalColumn, type Column, DatetimeColumn, NumericColumn } from '../data/column.js';
import { Frame } from '../data/frame.js';
import { shareArray } from '../parallel/shared.js';

/** One column of a {@link SharedFrame}. */
export type SharedColumn =
  | { kind: 'number'; data: Float64Array }
  | { kind: 'category'; codes: Int32Array; categories: string[] }
  | { kind: 'boolean'; data: Uint8Array }
  | { kind: 'datetime'; data: Float64Array };

/** A Frame's names and columns, its arrays backed by `SharedArrayBuffer`s. */
export interface SharedFrame {
  kind: 'frame';
  names: string[];
  nRows: number;
  columns: SharedColumn[];
}

function shareColumn(c: Column): SharedColumn {
  switch (c.kind) {
    case 'number':
      return { kind: 'number', data: shareArray(c.data) };
    case 'category':
      return { kind: 'category', codes: shareArray(c.codes), categories: [...c.categories] };
    case 'boolean':
      return { kind: 'boolean', data: shareArray(c.data) };
    default:
      return { kind: 'datetime', data: shareArray(c.data) };
  }
}

/**
 * Copies the Frame's columns into shared memory (once; already-shared arrays are kept).
 * @example const s = shareFrame(Frame.fromColumns({ a: [1, 2], b: ['x', 'y'] }));
 */
export function shareFrame(frame: Frame): SharedFrame {
  return { kind: 'frame', names: frame.columnNames, nRows: frame.nRows, columns: frame.columns.map(shareColumn) };
}

/**
 * The Frame viewing a {@link SharedFrame}'s memory (no copy).
 * @example const frame = fromSharedFrame(shareFrame(original)); // same values
 */
export function fromSharedFrame(s: SharedFrame): Frame {
  const columns = s.columns.map((c): Column => {
    switch (c.kind) {
      case 'number':
        return new NumericColumn(c.data);
      case 'category':
        return new CategoricalColumn(c.codes, c.categories);
      case 'boolean':
        return new BooleanColumn(c.data);
      default:
        return new DatetimeColumn(c.data);
    }
  });
  return new Frame(s.names, columns, s.nRows);
}
