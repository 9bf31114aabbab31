/**
 * `join`: hash join of two frames on key columns (inner, left, right, outer).
 *
 * Missing keys never match anything (SQL semantics; pandas' `merge` would
 * match NaN with NaN). Row order: inner/left follow the left frame (each left
 * row's matches in right-frame order), right follows the right frame, outer is
 * the left join followed by the unmatched right rows.
 */
import { ValidationError } from '../../base/errors.js';
import type { Column } from '../column.js';
import { factorizeColumns } from '../factorize.js';
import { Frame } from '../frame.js';
import { concatColumns } from './concat.js';

/** Options of {@link join}. */
export interface JoinOptions {
  /** Key column(s) present in both frames (kept once in the result). */
  on?: string | readonly string[];
  /** Key column(s) of the left frame, with `rightOn` (both kept in the result). */
  leftOn?: string | readonly string[];
  /** Key column(s) of the right frame. */
  rightOn?: string | readonly string[];
  /** Which rows to keep. Default `'inner'`. */
  how?: 'inner' | 'left' | 'right' | 'outer';
  /** Appended to clashing non-key column names. Default `['_x', '_y']`. */
  suffixes?: readonly [string, string];
}

class IntBuffer {
  data: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Int32Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

function asList(x: string | readonly string[] | undefined): readonly string[] {
  return x === undefined ? [] : typeof x === 'string' ? [x] : x;
}

/** Rows of each id, contiguous (`rows[starts[id]..starts[id+1])`), in row order. */
function bucket(ids: Int32Array, nIds: number): { starts: Int32Array; rows: Int32Array } {
  const starts = new Int32Array(nIds + 1);
  for (let i = 0; i < ids.length; i++) if (ids[i] >= 0) starts[ids[i] + 1]++;
  for (let k = 0; k < nIds; k++) starts[k + 1] += starts[k];
  const fill = starts.slice(0, nIds);
  const rows = new Int32Array(starts[nIds]);
  for (let i = 0; i < ids.length; i++) if (ids[i] >= 0) rows[fill[ids[i]]++] = i;
  return { starts, rows };
}

/**
 * Joins `left` and `right` on key columns (see {@link JoinOptions}); key
 * columns of different kinds are a ValidationError.
 * @example join(orders, customers, { on: 'customerId', how: 'left' })
 */
export function join(left: Frame, right: Frame, options: JoinOptions): Frame {
  const { how = 'inner', suffixes = ['_x', '_y'] } = options;
  if (!['inner', 'left', 'right', 'outer'].includes(how)) {
    throw new ValidationError(`join: how must be inner, left, right or outer, got '${how}'`, {
      param: 'how',
      got: how,
    });
  }
  const sameKeys = options.on !== undefined;
  const leftKeys = sameKeys ? asList(options.on) : asList(options.leftOn);
  const rightKeys = sameKeys ? asList(options.on) : asList(options.rightOn);
  if (leftKeys.length === 0 || leftKeys.length !== rightKeys.length) {
    throw new ValidationError('join: give `on`, or `leftOn` and `rightOn` with the same number of columns');
  }
  const nL = left.nRows;
  const nR = right.nRows;
  // Keys of both sides stacked, so equal values get equal ids.
  const stacked: Column[] = leftKeys.map((k, i) => concatColumns([left.column(k), right.column(rightKeys[i])], k));
  const { ids, nIds } = factorizeColumns(stacked, false);
  const lIds = ids.subarray(0, nL);
  const rIds = ids.subarray(nL);
  const li = new IntBuffer(Math.max(nL, nR));
  const ri = new IntBuffer(Math.max(nL, nR));
  if (how === 'right') {
    const lb = bucket(lIds, nIds);
    for (let j = 0; j < nR; j++) {
      const id = rIds[j];
      if (id >= 0 && lb.starts[id + 1] > lb.starts[id]) {
        for (let p = lb.starts[id]; p < lb.starts[id + 1]; p++) {
          li.push(lb.rows[p]);
          ri.push(j);
        }
      } else {
        li.push(-1);
        ri.push(j);
      }
    }
  } else {
    const rb = bucket(rIds, nIds);
    const matched = how === 'outer' ? new Uint8Array(nR) : undefined;
    for (let i = 0; i < nL; i++) {
      const id = lIds[i];
      if (id >= 0 && rb.starts[id + 1] > rb.starts[id]) {
        for (let p = rb.starts[id]; p < rb.starts[id + 1]; p++) {
          li.push(i);
          ri.push(rb.rows[p]);
          if (matched) matched[rb.rows[p]] = 1;
        }
      } else if (how !== 'inner') {
        li.push(i);
        ri.push(-1);
      }
    }
    if (matched) {
      for (let j = 0; j < nR; j++) {
        if (!matched[j]) {
          li.push(-1);
          ri.push(j);
        }
      }
    }
  }
  const L = li.view();
  const R = ri.view();
  const names: string[] = [];
  const cols: Column[] = [];
  const leftNames = left.columnNames;
  const rightNames = right.columnNames;
  const rightRest = rightNames.filter((n) => !(sameKeys && rightKeys.includes(n)));
  const leftRest = leftNames.filter((n) => !(sameKeys && leftKeys.includes(n)));
  if (sameKeys) {
    // One key column, taken from whichever side the row has.
    const pick = new Int32Array(L.length);
    for (let k = 0; k < L.length; k++) pick[k] = L[k] >= 0 ? L[k] : nL + R[k];
    leftKeys.forEach((k, i) => {
      names.push(k);
      cols.push(stacked[i].take(pick));
    });
  }
  for (const n of leftRest) {
    names.push(rightRest.includes(n) ? `${n}${suffixes[0]}` : n);
    cols.push(left.column(n).take(L));
  }
  for (const n of rightRest) {
    names.push(leftRest.includes(n) ? `${n}${suffixes[1]}` : n);
    cols.push(right.column(n).take(R));
  }
  return new Frame(names, cols, L.length);
}
