/**
 * Suite `data`: the first hour of a project — read a 1,000,000-row CSV, group it, impute,
 * sort — with typelearn's Frame against Arquero and pandas (when Debian's python3-pandas
 * is installed).
 *
 * Every contender reads the same cached file (`bench/data-csv.ts`) and works on its own
 * table type. The steps are the same computation everywhere:
 * - read: the whole CSV into a typed table (types inferred);
 * - groupby: by `cat` (100 keys, sorted) → mean, sum and count of `x` (count skips missing);
 * - impute: missing `x` replaced by the column's mean;
 * - sort: all rows by `y`, ascending, materialized.
 * Each verify step compares against typelearn's result (group means to 1e-9 relative, the
 * number of missing values, the sorted extremes). The notes under the table give each
 * library's peak resident memory while reading, measured in a fresh child process.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame } from '../../src/data/frame.js';
import { readCsv } from '../../src/data/read-csv.js';
import { fillna } from '../../src/data/verbs/fillna.js';
import { sortBy } from '../../src/data/verbs/sort.js';
import { CSV_ROWS, ensureCsv } from '../data-csv.js';
import type { Prepared, Task } from '../harness.js';
import { optionalImport } from '../peers/optional.js';
import { pythonPath } from '../python.js';

/** One line for the report header. */
export const description = `read / groupby / impute / sort a ${CSV_ROWS.toLocaleString('en')}-row CSV`;

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..', '..');
const refFile = path.join(root, 'bench', '.cache', 'data-ref.json');
const file = ensureCsv();

type Arquero = typeof import('arquero');
type ArqueroTable = ReturnType<Arquero['fromCSV']>;
const aqHint = 'npm i -D arquero';

/** Arquero and the benchmark CSV read into an Arquero table (setup of the steps after reading). */
async function arqueroTable(): Promise<{ aq: Arquero; t: ArqueroTable }> {
  const aq = await optionalImport<Arquero>('arquero', aqHint);
  return { aq, t: aq.fromCSV(readFileSync(file, 'utf8')) };
}

/** typelearn's own results, which every other contender is checked against. */
interface Reference {
  missingX: number;
  groupMeans: number[];
  groupCounts: number[];
  meanX: number;
  minY: number;
  maxY: number;
}
let reference: Reference | undefined;

function computeReference(df: Frame): Reference {
  const g = df.groupBy(['cat']).agg({ x: ['mean', 'count'] });
  const x = df.column('x').toArray() as ArrayLike<number>;
  const y = df.column('y').toArray() as ArrayLike<number>;
  let missingX = 0;
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i])) missingX++;
    else sum += x[i];
  }
  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < y.length; i++) {
    minY = Math.min(minY, y[i]);
    maxY = Math.max(maxY, y[i]);
  }
  const ref: Reference = {
    missingX,
    groupMeans: Array.from(g.column('x_mean').toArray() as ArrayLike<number>),
    groupCounts: Array.from(g.column('x_count').toArray() as ArrayLike<number>),
    meanX: sum / (x.length - missingX),
    minY,
    maxY,
  };
  mkdirSync(path.dirname(refFile), { recursive: true });
  writeFileSync(refFile, JSON.stringify(ref));
  return ref;
}

function ref(): Reference {
  reference ??= computeReference(readCsv(file));
  return reference;
}

function offBy(what: string, got: readonly number[], want: readonly number[], rel = 1e-9): string | undefined {
  if (got.length !== want.length) return `${what}: ${got.length} values, expected ${want.length}`;
  for (let i = 0; i < got.length; i++) {
    if (Math.abs(got[i] - want[i]) > rel * Math.max(1, Math.abs(want[i]))) {
      return `${what}[${i}] = ${got[i]}, typelearn has ${want[i]}`;
    }
  }
  return undefined;
}

const readTask: Task = {
  name: 'read csv',
  unit: 'GB/s',
  work: statSync(file).size,
  contenders: [
    {
      name: 'typelearn',
      setup(): Prepared {
        let df: Frame | undefined;
        return {
          run: () => {
            df = readCsv(file);
          },
          verify: () => {
            const r = ref();
            const f = df as Frame;
            const kinds = f.columns.map((c) => c.kind).join(',');
            if (kinds !== 'number,category,number,number') return `column kinds ${kinds}`;
            return f.column('x').missingCount() === r.missingX ? undefined : 'missing count differs';
          },
        };
      },
    },
    {
      name: 'arquero',
      async setup(): Promise<Prepared> {
        const aq = await optionalImport<Arquero>('arquero', aqHint);
        let t: ArqueroTable | undefined;
        return {
          run: () => {
            t = aq.fromCSV(readFileSync(file, 'utf8'));
          },
          verify: () => {
            const table = t as ArqueroTable;
            const x = table.array('x') as ArrayLike<number | null>;
            let missing = 0;
            for (let i = 0; i < x.length; i++) if (x[i] === null || Number.isNaN(x[i])) missing++;
            return table.numRows() === CSV_ROWS && missing === ref().missingX ? undefined : 'rows or missing differ';
          },
        };
      },
    },
  ],
  python: { op: 'read', file, ref: refFile },
};

const groupTask: Task = {
  name: 'groupby cat: mean/sum/count of x',
  unit: 'GB/s',
  work: CSV_ROWS * 12,
  contenders: [
    {
      name: 'typelearn',
      setup(): Prepared {
        const df = readCsv(file);
        let g: Frame | undefined;
        return {
          run: () => {
            g = df.groupBy(['cat']).agg({ x: ['mean', 'sum', 'count'] });
          },
          verify: () => {
            const f = g as Frame;
            return (
              offBy('mean', Array.from(f.column('x_mean').toArray() as ArrayLike<number>), ref().groupMeans) ??
              offBy('count', Array.from(f.column('x_count').toArray() as ArrayLike<number>), ref().groupCounts)
            );
          },
        };
      },
    },
    {
      name: 'arquero',
      async setup(): Promise<Prepared> {
        const { aq, t } = await arqueroTable();
        const { op } = aq;
        let g: ArqueroTable | undefined;
        return {
          run: () => {
            g = t
              .groupby('cat')
              .rollup({ mean: op.mean('x'), sum: op.sum('x'), count: op.valid('x') })
              .orderby('cat')
              .reify();
          },
          verify: () => {
            const table = g as ArqueroTable;
            return (
              offBy('mean', Array.from(table.array('mean') as ArrayLike<number>), ref().groupMeans) ??
              offBy('count', Array.from(table.array('count') as ArrayLike<number>), ref().groupCounts)
            );
          },
        };
      },
    },
  ],
  python: { op: 'groupby', file, ref: refFile },
};

const imputeTask: Task = {
  name: 'impute x with its mean',
  unit: 'GB/s',
  work: CSV_ROWS * 16,
  contenders: [
    {
      name: 'typelearn',
      setup(): Prepared {
        const df = readCsv(file);
        let out: Frame | undefined;
        return {
          run: () => {
            out = fillna(df, { x: { method: 'mean' } });
          },
          verify: () => ((out as Frame).column('x').missingCount() === 0 ? undefined : 'missing values remain'),
        };
      },
    },
    {
      name: 'arquero',
      async setup(): Promise<Prepared> {
        const { aq, t } = await arqueroTable();
        const { op } = aq;
        let out: ArqueroTable | undefined;
        return {
          run: () => {
            // Arquero parses this function's source as a table expression (it must name `op`).
            out = t.impute({ x: (d: { x: number }) => op.mean(d.x) }).reify();
          },
          verify: () => {
            const x = (out as ArqueroTable).array('x') as ArrayLike<number | null>;
            let s = 0;
            for (let i = 0; i < x.length; i++) {
              if (x[i] === null || Number.isNaN(x[i])) return 'missing values remain';
              s += x[i] as number;
            }
            return offBy('mean', [s / x.length], [ref().meanX], 1e-6);
          },
        };
      },
    },
  ],
  python: { op: 'impute', file, ref: refFile },
};

const sortTask: Task = {
  name: 'sort by y',
  unit: 'GB/s',
  work: CSV_ROWS * 28,
  contenders: [
    {
      name: 'typelearn',
      setup(): Prepared {
        const df = readCsv(file);
        let out: Frame | undefined;
        return {
          run: () => {
            out = sortBy(df, 'y');
          },
          verify: () => {
            const y = (out as Frame).column('y').toArray() as ArrayLike<number>;
            return offBy('y extremes', [y[0], y[y.length - 1]], [ref().minY, ref().maxY]);
          },
        };
      },
    },
    {
      name: 'arquero',
      async setup(): Promise<Prepared> {
        const { t } = await arqueroTable();
        let out: ArqueroTable | undefined;
        return {
          run: () => {
            out = t.orderby('y').reify();
          },
          verify: () => {
            const y = (out as ArqueroTable).array('y') as ArrayLike<number>;
            return offBy('y extremes', [y[0], y[y.length - 1]], [ref().minY, ref().maxY]);
          },
        };
      },
    },
  ],
  python: { op: 'sort', file, ref: refFile },
};

/** The tasks, in display order. */
export const tasks: Task[] = [readTask, groupTask, imputeTask, sortTask];

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(0)} MB`;
}

function peakLine(name: string, command: string, args: string[]): string {
  try {
    const out = execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const { baseline, peak } = JSON.parse(out.trim().split('\n').pop() as string) as {
      baseline: number;
      peak: number;
    };
    const size = statSync(file).size;
    return `${name}: ${mb(peak - baseline)} (${((peak - baseline) / size).toFixed(2)}× the file) above a ${mb(baseline)} baseline`;
  } catch (err) {
    return `${name}: not measured (${String((err as Error).message).split('\n')[0]})`;
  }
}

/**
 * Peak resident memory of reading the CSV, per library, each in a fresh process.
 * @example await notes() // ['peak memory reading the 33 MB CSV: typelearn: 64 MB (1.93× the file) ...']
 */
export function notes(): string[] {
  const script = path.join(here, '..', 'memory', 'read-peak.js');
  const lines = [
    peakLine('typelearn', process.execPath, ['--expose-gc', script, 'typelearn', file]),
    peakLine('arquero', process.execPath, ['--expose-gc', script, 'arquero', file]),
  ];
  const py = pythonPath;
  if (py) lines.push(peakLine('pandas', py, [path.join(root, 'bench', 'python', 'data.py'), '--memory', file]));
  return [`Peak memory reading the ${mb(statSync(file).size)} CSV: ${lines.join('; ')}.`];
}
