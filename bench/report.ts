/**
 * Turning a suite's results into the printed table and the `bench/results/<suite>.json` file.
 * Pure functions apart from {@link writeResults}, so the formatting is unit-tested.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ContenderResult, formatSeconds, type TaskResult, type TimingOptions } from './harness.js';

/** The machine a run happened on, recorded with every result file. */
export interface MachineInfo {
  node: string;
  cpu: string;
  cores: number;
  platform: string;
  arch: string;
  totalMemoryGB: number;
  date: string;
}

/**
 * Describes this machine (node version, CPU model from `os.cpus()`, date).
 * @example machineInfo().node // 'v20.20.2'
 */
export function machineInfo(now: Date = new Date()): MachineInfo {
  const cpus = os.cpus();
  return {
    node: process.version,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    platform: os.platform(),
    arch: os.arch(),
    totalMemoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    date: now.toISOString(),
  };
}

/** Everything written to `bench/results/<suite>.json`. */
export interface SuiteReport {
  suite: string;
  description?: string;
  machine: MachineInfo;
  timing: TimingOptions;
  /** Peer details: library versions, wasm flavour, BLAS threads, notes on skipped peers. */
  peers: Record<string, unknown>;
  /** One-line notes printed above the table (skipped peers, environment caveats). */
  notes: string[];
  tasks: TaskResult[];
}

/**
 * Pads cells into aligned columns; `align[i]` is `'l'` or `'r'`.
 * @example formatColumns([['a', '1'], ['bb', '22']], ['l', 'r']) // ['a    1', 'bb  22']
 */
export function formatColumns(rows: readonly (readonly string[])[], align: readonly ('l' | 'r')[]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) widths[i] = Math.max(widths[i] ?? 0, [...row[i]].length);
  }
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i] - [...cell].length);
        return align[i] === 'r' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd(),
  );
}

/**
 * The ratio cell: `contender median / reference median`, e.g. `3.20×`; empty for the reference itself.
 * @example formatRatio(2, false) // '2.00×'
 */
export function formatRatio(ratio: number | undefined, isReference: boolean): string {
  if (isReference) return ratio === undefined ? '' : 'ref';
  if (ratio === undefined) return '—';
  return ratio >= 100 ? `${ratio.toFixed(0)}×` : `${ratio.toFixed(2)}×`;
}

function timeCell(r: ContenderResult): string {
  switch (r.status) {
    case 'ok':
      return formatSeconds(r.medianSeconds!);
    case 'n/a':
      return `n/a (${r.note ?? ''})`;
    case 'skipped':
      return `skipped (${r.note ?? ''})`;
    case 'error':
      return `error: ${r.note ?? ''}`;
  }
}

/**
 * The printed table of a suite: one block of rows per task (task name on its first row),
 * columns task, contender, median, runs, throughput, ratio; followed by a legend.
 */
export function formatTable(tasks: readonly TaskResult[]): string {
  const header = ['task', 'contender', 'median', 'runs', 'throughput', 'time ÷ ref'];
  const rows: string[][] = [header];
  const taskStarts = new Set<number>();
  for (const t of tasks) {
    taskStarts.add(rows.length);
    t.results.forEach((r, i) => {
      rows.push([
        i === 0 ? t.task : '',
        r.contender,
        timeCell(r),
        r.runs === undefined ? '' : String(r.runs),
        r.throughput === undefined ? '' : `${formatThroughput(r.throughput)} ${t.unit}`,
        formatRatio(r.ratio, i === 0),
      ]);
    });
  }
  const lines = formatColumns(rows, ['l', 'l', 'r', 'r', 'r', 'r']);
  const width = Math.max(...lines.map((l) => [...l].length));
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (i === 1 || (taskStarts.has(i) && i > 1)) out.push('─'.repeat(width));
    out.push(line);
  });
  out.push('');
  out.push('median: median wall time of the timed runs (after one warm-up run); runs: number of timed runs.');
  out.push('throughput: GFLOP/s = floating-point operations / median; GB/s = bytes read + written / median.');
  out.push(
    "time ÷ ref: this row's median divided by the first row's (typelearn, 'ref'). " +
      '> 1 means typelearn is faster (the peer takes that many times longer); < 1 means the peer is faster.',
  );
  return out.join('\n');
}

/**
 * Fixed-width-friendly throughput: 3 significant digits.
 * @example formatThroughput(0.01234) // '0.0123'
 */
export function formatThroughput(x: number): string {
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  if (x >= 1) return x.toFixed(2);
  return x.toPrecision(3);
}

/** Run times kept verbatim in the JSON up to this many runs; beyond, only min/max (keeps diffs readable). */
const maxStoredTimes = 30;

/**
 * A row as stored in the JSON: numbers rounded to 4 significant digits, fastest and slowest run
 * added, and the list of run times dropped when longer than {@link maxStoredTimes}.
 * @example compactRow({ contender: 'numpy', status: 'ok', medianSeconds: 0.0123456, timesSeconds: [0.0123456] })
 */
export function compactRow(r: ContenderResult): ContenderResult & { minSeconds?: number; maxSeconds?: number } {
  const round = (x: number | undefined) => (x === undefined ? undefined : Number(x.toPrecision(4)));
  const times = r.timesSeconds;
  return {
    ...r,
    medianSeconds: round(r.medianSeconds),
    throughput: round(r.throughput),
    ratio: round(r.ratio),
    minSeconds: times && times.length > 0 ? round(Math.min(...times)) : undefined,
    maxSeconds: times && times.length > 0 ? round(Math.max(...times)) : undefined,
    timesSeconds: times && times.length <= maxStoredTimes ? times.map((t) => round(t)!) : undefined,
  };
}

/**
 * Writes `<dir>/<suite>.json` (creating `dir`), replacing the previous run's file; returns its path.
 * @example writeResults('bench/results', report)
 */
export function writeResults(dir: string, report: SuiteReport): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${report.suite}.json`);
  const stored = { ...report, tasks: report.tasks.map((t) => ({ ...t, results: t.results.map(compactRow) })) };
  writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`);
  return file;
}
