/**
 * Factorizing: turning the values of one or more key columns into dense
 * integer ids (0..nIds-1, in order of first appearance), the hash step behind
 * `groupBy`, `join` and `valueCounts`. Categorical keys reuse their codes and
 * booleans their 0/1, so only numeric keys need a hash map.
 */
import type { Column } from './column.js';

/** Dense ids of rows: `ids[i]` in 0..nIds-1, or -1 for a missing key. */
export interface Factorized {
  ids: Int32Array;
  nIds: number;
}

/** Renumbers ids (in `0..bound-1`, -1 kept) densely in order of first appearance. */
function compact(raw: Int32Array | Float64Array, bound: number): Factorized {
  const n = raw.length;
  const ids = new Int32Array(n);
  let next = 0;
  if (bound <= 1 << 24) {
    const table = new Int32Array(bound).fill(-1);
    for (let i = 0; i < n; i++) {
      const r = raw[i];
      if (r < 0) {
        ids[i] = -1;
        continue;
      }
      let id = table[r];
      if (id < 0) id = table[r] = next++;
      ids[i] = id;
    }
  } else {
    const map = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const r = raw[i];
      if (r < 0) {
        ids[i] = -1;
        continue;
      }
      let id = map.get(r);
      if (id === undefined) {
        id = next++;
        map.set(r, id);
      }
      ids[i] = id;
    }
  }
  return { ids, nIds: next };
}

/**
 * Dense ids of one column's values (missing → -1).
 * @example factorizeColumn(makeColumn([5, 3, 5, null])) // { ids: [0, 1, 0, -1], nIds: 2 }
 */
export function factorizeColumn(column: Column): Factorized {
  switch (column.kind) {
    case 'category':
      return compact(column.codes, column.categories.length);
    case 'boolean': {
      const raw = new Int32Array(column.length);
      for (let i = 0; i < raw.length; i++) raw[i] = column.isMissing(i) ? -1 : column.data[i];
      return compact(raw, 2);
    }
    default: {
      const d = column.data;
      const n = d.length;
      const ids = new Int32Array(n);
      const map = new Map<number, number>();
      let next = 0;
      for (let i = 0; i < n; i++) {
        const v = d[i];
        if (Number.isNaN(v)) {
          ids[i] = -1;
          continue;
        }
        let id = map.get(v);
        if (id === undefined) {
          id = next++;
          map.set(v, id);
        }
        ids[i] = id;
      }
      return { ids, nIds: next };
    }
  }
}

/**
 * Dense ids of combinations of several columns' values, in order of first
 * appearance. With `missingAsValue` a missing key is a value of its own;
 * otherwise a row with any missing key gets -1.
 * @example factorizeColumns([a, b], false).nIds // number of distinct (a, b) pairs
 */
export function factorizeColumns(columns: readonly Column[], missingAsValue: boolean): Factorized {
  if (columns.length === 0) return { ids: new Int32Array(0), nIds: 0 };
  const n = columns[0].length;
  let acc: Factorized | undefined;
  for (const column of columns) {
    const f = factorizeColumn(column);
    let ids = f.ids;
    let nIds = f.nIds;
    if (missingAsValue) {
      ids = ids.slice();
      let any = false;
      for (let i = 0; i < n; i++) {
        if (ids[i] < 0) {
          ids[i] = nIds;
          any = true;
        }
      }
      if (any) nIds++;
    }
    if (acc === undefined) {
      acc = { ids, nIds };
      continue;
    }
    // Mixed-radix combination of the running ids with this key's ids, then renumbered.
    const raw = new Float64Array(n);
    const prev = acc.ids;
    for (let i = 0; i < n; i++) raw[i] = prev[i] < 0 || ids[i] < 0 ? -1 : prev[i] * nIds + ids[i];
    acc = compact(raw, acc.nIds * nIds);
  }
  return acc as Factorized;
}
