/**
 * The bridge to the Python peers (numpy, later scikit-learn and PyTorch): one
 * `/usr/bin/python3 bench/python/<suite>.py` process per suite gets the task list as JSON
 * on stdin and prints its results as JSON on stdout (progress goes to stderr).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { ContenderResult, Progress, Task, TimingOptions } from './harness.js';

/** The interpreter used; Debian's, whose numpy/sklearn/torch come from apt. Override with `BENCH_PYTHON`. */
export const pythonPath = process.env.BENCH_PYTHON ?? '/usr/bin/python3';

/** Environment variables that change how OpenBLAS behaves; reported (never changed) when set. */
export const blasTuningVars = ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE', 'OPENBLAS_VERBOSE', 'GOTO_NUM_THREADS'];

/** What the Python side reported. */
export interface PythonOutcome {
  /** False when the interpreter or a required module is missing; `note` then says what to install. */
  available: boolean;
  note?: string;
  /** Versions, BLAS library and its thread count, as the script found them. */
  info?: Record<string, unknown>;
  /** Rows per task name, in the script's contender order. */
  results: Map<string, ContenderResult[]>;
}

/**
 * Threads given to the Python peers' BLAS/OpenMP pools: 1 (fair against single-threaded JS)
 * unless `BENCH_PY_THREADS` says otherwise.
 */
export function pythonThreads(): number {
  const n = Number(process.env.BENCH_PY_THREADS ?? '1');
  return Number.isInteger(n) && n > 0 ? n : 1;
}

/**
 * The child's environment: ours, with the BLAS/OpenMP thread counts pinned. OPENBLAS_CORETYPE
 * and OPENBLAS_L2_SIZE are inherited unchanged (the machine sets them to dodge old OpenBLAS bugs).
 */
export function pythonEnv(base: NodeJS.ProcessEnv, threads: number): NodeJS.ProcessEnv {
  const t = String(threads);
  return { ...base, OPENBLAS_NUM_THREADS: t, OMP_NUM_THREADS: t, MKL_NUM_THREADS: t, BENCH_PY_THREADS: t };
}

/** `NAME=value` for each BLAS tuning variable set in `env`. */
export function blasTuningNotes(env: NodeJS.ProcessEnv): string[] {
  return blasTuningVars.filter((v) => env[v] !== undefined).map((v) => `${v}=${env[v]}`);
}

/**
 * Runs `script` (a path under `bench/python/`) on the tasks that carry a Python spec.
 * Never throws: a missing interpreter, a missing module or a crash becomes `available: false`
 * with a one-line note.
 */
export async function runPython(
  script: string,
  tasks: readonly Task[],
  timing: TimingOptions,
  progress: Progress,
): Promise<PythonOutcome> {
  const results = new Map<string, ContenderResult[]>();
  const pyTasks = tasks
    .filter((t) => t.python !== undefined)
    .map((t) => ({ name: t.name, series: t.series ?? null, work: t.work, spec: t.python }));
  if (pyTasks.length === 0) return { available: false, note: 'no Python tasks in this suite', results };
  if (!existsSync(pythonPath)) {
    return {
      available: false,
      note: `numpy: skipped — ${pythonPath} with numpy not found; apt-get install python3-numpy`,
      results,
    };
  }
  if (!existsSync(script)) return { available: false, note: `python peers: skipped — ${script} not found`, results };

  const input = JSON.stringify({ timing, tasks: pyTasks });
  const { code, stdout, stderr } = await runProcess(pythonPath, [script], input, progress);
  let parsed: {
    available?: boolean;
    note?: string;
    info?: Record<string, unknown>;
    results?: Record<string, ContenderResult[]>;
  };
  try {
    parsed = JSON.parse(stdout);
  } catch {
    const tail = stderr.trim().split('\n').slice(-1)[0] ?? '';
    return { available: false, note: `python peers: failed (exit ${code}): ${tail || 'no JSON on stdout'}`, results };
  }
  if (parsed.available === false) return { available: false, note: parsed.note ?? 'python peers: skipped', results };
  for (const [name, rows] of Object.entries(parsed.results ?? {})) results.set(name, rows);
  return { available: true, info: parsed.info, results };
}

/** Spawns a process, feeds stdin, collects stdout; stderr lines are forwarded to `progress` as they come. */
function runProcess(
  cmd: string,
  args: string[],
  input: string,
  progress: Progress,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: pythonEnv(process.env, pythonThreads()), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      pending += d;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines) if (l.trim() !== '') progress(l);
    });
    child.on('error', (err) => resolve({ code: null, stdout, stderr: `${stderr}\n${err.message}` }));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => {
      // The child may exit before reading stdin (e.g. a syntax error); its exit is reported instead.
    });
    child.stdin.end(input);
  });
}
