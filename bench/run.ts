/**
 * `npm run bench [suite...] [-- --quick]`: runs benchmark suites (all of `bench/suites/` when
 * none is named), prints one table per suite and writes `bench/results/<suite>.json`.
 *
 * Flags: `--quick` (fewer, shorter runs: a smoke run, not numbers to quote),
 * `--no-python` (JS contenders only), `--help`.
 */
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ContenderResult,
  defaultTiming,
  fillRatios,
  runJsTasks,
  type SuiteModule,
  type TaskResult,
  type TimingOptions,
  throughput,
} from './harness.js';
import { tfInfo } from './peers/tfjs.js';
import { blasTuningNotes, type PythonOutcome, pythonPath, pythonThreads, runPython } from './python.js';
import { formatTable, machineInfo, type SuiteReport, writeResults } from './report.js';

/** Repository root (this file runs from `dist/bench/run.js`). */
const root = fileURLToPath(new URL('../../', import.meta.url));
const suitesDir = fileURLToPath(new URL('./suites/', import.meta.url));

/** Settings of `--quick`: enough to see every row work, in a fraction of the time. */
const quickTiming: TimingOptions = { minRuns: 2, minSeconds: 0.05, maxSeconds: 2, maxRuns: 100, skipAboveSeconds: 3 };

function availableSuites(): string[] {
  return readdirSync(suitesDir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => f.slice(0, -3))
    .sort();
}

const progress = (line: string): void => {
  process.stderr.write(`  ${line}\n`);
};

/** Appends the Python rows to each task's JS rows (throughput from the task's work) and fills ratios. */
function merge(js: TaskResult[], py: PythonOutcome): TaskResult[] {
  return js.map((t) => {
    const pyRows: ContenderResult[] = (py.results.get(t.task) ?? []).map((r) =>
      r.status === 'ok' && r.medianSeconds !== undefined
        ? { ...r, throughput: throughput(t.work, r.medianSeconds) }
        : r,
    );
    const results = [...t.results, ...pyRows];
    fillRatios(results);
    return { ...t, results };
  });
}

/** Header lines: machine, peers and their threading, environment caveats. */
function headerLines(report: SuiteReport): string[] {
  const m = report.machine;
  const lines = [
    `suite ${report.suite}${report.description ? ` — ${report.description}` : ''}`,
    `node ${m.node} · ${m.cpu} (${m.cores} logical cores) · ${m.platform} ${m.arch} · ${m.date}`,
    'typelearn and the JS peers run single-threaded in this process.',
  ];
  const tf = report.peers.tfjs as Awaited<ReturnType<typeof tfInfo>>;
  if (tf !== undefined) {
    const w = tf.wasm;
    lines.push(
      `tfjs ${tf.version}` +
        (w
          ? ` · wasm binary ${w.binary} (${w.simd ? 'SIMD' : 'no SIMD'}, ${w.threads} thread), loaded from node_modules`
          : ''),
    );
  }
  const py = report.peers.python as Record<string, unknown> | undefined;
  if (py !== undefined) {
    const blas = (py.blas as Record<string, unknown>[] | null | undefined) ?? [];
    const blasText = blas
      .map(
        (b) =>
          `${b.internal_api} ${b.version} (${b.threading_layer}, core ${b.architecture}, ${b.num_threads} thread(s))`,
      )
      .join(', ');
    lines.push(
      `python ${py.python} (${py.executable}) · numpy ${py.numpy ?? '?'}${blasText ? ` · BLAS ${blasText}` : ''}`,
    );
  }
  lines.push(...report.notes);
  return lines;
}

async function runSuite(name: string, timing: TimingOptions, withPython: boolean): Promise<void> {
  const mod = (await import(path.join(suitesDir, `${name}.js`))) as SuiteModule;
  process.stderr.write(`bench ${name}: ${mod.tasks.length} tasks\n`);
  const loadBefore = os.loadavg()[0];
  const js = await runJsTasks(mod.tasks, timing, progress);
  const notes: string[] = [];
  let py: PythonOutcome = { available: false, results: new Map() };
  if (withPython) {
    py = await runPython(path.join(root, 'bench', 'python', `${name}.py`), mod.tasks, timing, progress);
    if (!py.available && py.note && py.note !== 'no Python tasks in this suite') notes.push(py.note);
    if (py.available) {
      const threads = pythonThreads();
      notes.push(
        `Python peers started with OPENBLAS/OMP/MKL_NUM_THREADS=${threads}` +
          (threads === 1 ? ' (set BENCH_PY_THREADS=n to change)' : '') +
          '; a suite that sets its own thread count (e.g. scikit-learn at 2 threads) says so in its row labels.',
      );
      const tuning = blasTuningNotes(process.env);
      if (tuning.length > 0) {
        notes.push(`Note: ${tuning.join(', ')} set in the environment (left as is; it can slow numpy's BLAS).`);
      }
    }
  } else {
    notes.push('Python peers: skipped (--no-python).');
  }
  if (mod.notes) notes.push(...(await mod.notes()));
  const load = Math.max(loadBefore, os.loadavg()[0]);
  const cores = os.cpus().length;
  if (load > cores / 2) {
    notes.push(
      `Warning: 1-minute load average reached ${load.toFixed(1)} on ${cores} logical cores during the run: ` +
        'other processes competed for the CPU, so times are noisy (rerun on a quiet machine to quote them).',
    );
  }
  const report: SuiteReport = {
    suite: name,
    description: mod.description,
    machine: machineInfo(),
    timing,
    peers: {
      tfjs: await tfInfo(),
      python: py.available ? { ...py.info, interpreter: pythonPath, threads: pythonThreads() } : undefined,
      blasEnvironment: blasTuningNotes(process.env),
    },
    notes,
    tasks: merge(js, py),
  };
  const file = writeResults(path.join(root, 'bench', 'results'), report);
  process.stdout.write(`\n${headerLines(report).join('\n')}\n\n${formatTable(report.tasks)}\n`);
  process.stdout.write(`\nresults written to ${path.relative(process.cwd(), file) || file}\n`);
}

async function main(argv: string[]): Promise<number> {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const names = argv.filter((a) => !a.startsWith('--'));
  const suites = availableSuites();
  if (flags.has('--help')) {
    process.stdout.write(
      `usage: npm run bench [-- [suite...] [--quick] [--no-python]]\nsuites: ${suites.join(', ')}\n`,
    );
    return 0;
  }
  const unknown = names.filter((n) => !suites.includes(n));
  if (unknown.length > 0) {
    process.stderr.write(`unknown suite(s): ${unknown.join(', ')}; available: ${suites.join(', ')}\n`);
    return 1;
  }
  const timing = flags.has('--quick') ? quickTiming : defaultTiming;
  for (const name of names.length > 0 ? names : suites) await runSuite(name, timing, !flags.has('--no-python'));
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
