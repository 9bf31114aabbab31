/**
 * Prints a Frame as an aligned text table the way pandas does: a row-number
 * column, right-aligned cells, float columns with a shared number of decimals
 * (at most 6), `NaN`/`NaT` for missing values, and for long frames the first
 * and last rows with a `...` row between and a `[n rows x k columns]` footer.
 */
import type { Column } from './column.js';
import type { Frame } from './frame.js';

/** Options of `Frame.toString`. */
export interface FormatOptions {
  /** Frames longer than this print only their head and tail. Default 10 (pandas' `display.max_rows` is 60; 10 fits a terminal). */
  maxRows?: number;
  /** At most this many decimals for float columns. Default 6. */
  precision?: number;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function formatDate(ms: number, dateOnly: boolean): string {
  const d = new Date(ms);
  const date = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  if (dateOnly) return date;
  const ms3 = d.getUTCMilliseconds();
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  return `${date} ${time}${ms3 ? `.${String(ms3).padStart(3, '0')}` : ''}`;
}

/** Decimals needed to show `v` with at most `precision` decimals, trailing zeros dropped. */
function decimalsOf(v: number, precision: number): number {
  const s = v.toFixed(precision);
  const dot = s.indexOf('.');
  if (dot < 0) return 0;
  let end = s.length;
  while (end > dot + 1 && s.charCodeAt(end - 1) === 48) end--;
  return end - dot - 1;
}

/** Formats the cells of `column` at `rows` (-1 = the ellipsis row). */
export function formatCells(column: Column, rows: readonly number[], precision = 6): string[] {
  switch (column.kind) {
    case 'number': {
      const d = column.data;
      let decimals = 0;
      let exponential = false;
      if (column.dtype === 'float') {
        decimals = 1;
        for (const r of rows) {
          if (r < 0) continue;
          const v = d[r];
          if (!Number.isFinite(v)) continue;
          const a = Math.abs(v);
          if (a !== 0 && (a >= 1e16 || a < 10 ** -precision)) exponential = true;
          decimals = Math.max(decimals, decimalsOf(v, precision));
        }
      }
      return rows.map((r) => {
        if (r < 0) return '...';
        const v = d[r];
        if (Number.isNaN(v)) return 'NaN';
        if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
        if (exponential) return v.toExponential(precision);
        return column.dtype === 'int' ? String(v) : v.toFixed(decimals);
      });
    }
    case 'datetime': {
      const d = column.data;
      const dateOnly = rows.every((r) => r < 0 || Number.isNaN(d[r]) || d[r] % 86400000 === 0);
      return rows.map((r) => (r < 0 ? '...' : Number.isNaN(d[r]) ? 'NaT' : formatDate(d[r], dateOnly)));
    }
    case 'boolean':
      return rows.map((r) => (r < 0 ? '...' : column.isMissing(r) ? 'NaN' : column.data[r] === 1 ? 'true' : 'false'));
    case 'category':
      return rows.map((r) => (r < 0 ? '...' : (column.get(r) ?? 'NaN')));
  }
}

/**
 * The text table for `frame` (see {@link FormatOptions}).
 * @example formatFrame(Frame.fromColumns({ a: [1, 2] }))  // "   a\n0  1\n1  2"
 */
export function formatFrame(frame: Frame, options: FormatOptions = {}): string {
  const { maxRows = 10, precision = 6 } = options;
  const n = frame.nRows;
  const names = frame.columnNames;
  const truncated = n > maxRows;
  const rows: number[] = [];
  if (truncated) {
    const top = Math.ceil(maxRows / 2);
    const bottom = Math.floor(maxRows / 2);
    for (let i = 0; i < top; i++) rows.push(i);
    rows.push(-1);
    for (let i = n - bottom; i < n; i++) rows.push(i);
  } else {
    for (let i = 0; i < n; i++) rows.push(i);
  }
  const table: string[][] = [['', ...rows.map((r) => (r < 0 ? '...' : String(r)))]];
  frame.columns.forEach((c, j) => {
    table.push([names[j], ...formatCells(c, rows, precision)]);
  });
  const widths = table.map((col) => col.reduce((w, s) => Math.max(w, s.length), 0));
  const lines: string[] = [];
  for (let i = 0; i <= rows.length; i++) {
    const parts = table.map((col, j) => (j === 0 ? col[i].padEnd(widths[0]) : col[i].padStart(widths[j])));
    lines.push(parts.join('  ').trimEnd());
  }
  if (names.length === 0) lines[0] = `Empty frame: ${n} rows x 0 columns`;
  if (truncated) lines.push('', `[${n} rows x ${names.length} columns]`);
  return lines.join('\n');
}
