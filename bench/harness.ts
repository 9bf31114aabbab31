/**
 * The benchmark harness: what a suite, a task and a contender are, and how one
 * contender is timed (warm-up, adaptive repeats, median).
 *
 * The same methodology is mirrored in `bench/python/_harness.py` for the Python peers,
 * with the settings of {@link TimingOptions} passed to it, so JS and Python numbers are
 * taken the same way.
 */

/** How a task's throughput is expressed: floating-point operations or bytes moved per second. */
export type ThroughputUnit = 'GFLOP/s' | 'GB/s';

/** One contender's timed function, after its inputs were prepared. */
export interface Prepared {
  /**
   * The timed work; it must finish the computation before returning (force lazy peers here).
   * It may return a promise (e.g. an estimator's `fit`): the time then runs until it settles.
   */
  run(): unknown;
  /** Checks the last run's output; returns a message when it is wrong (the row then reports an error). */
  verify?(): string | undefined;
  /** Releases what `setup` allocated (tfjs tensors, big buffers). */
  dispose?(): void;
}

/** A library taking part in a task. */
export interface Contender<I = unknown> {
  /** Row label, e.g. `typelearn`, `tfjs-wasm`, `ml-matrix`. */
  name: string;
  /** When set, the contender cannot run this task at all (e.g. `no float64 in tfjs`); shown as `n/a`. */
  na?: string;
  /** Builds the contender's inputs from the task's shared inputs; not timed. May throw (reported as error). */
  setup(inputs: I): Prepared | Promise<Prepared>;
}

/** What a Python peer script needs to run the same task (sent to it as JSON). */
export interface PythonTaskSpec {
  /** Operation name the suite's Python script understands, e.g. `gemm`, `add`. */
  op: string;
  /** Remaining JSON-serializable parameters (sizes, dtype...). */
  [param: string]: unknown;
}

/** One measured operation, run by several contenders; the first contender is the reference. */
export interface Task<I = unknown> {
  /** Unique within the suite, e.g. `gemm float32 n=512`. */
  name: string;
  /**
   * Tasks of one series grow in cost (e.g. GEMM at 256, 512, ...); a contender's throughput on
   * the previous task of its series predicts its run time on the next, to skip hopeless runs.
   */
  series?: string;
  /** Unit of the throughput column. */
  unit: ThroughputUnit;
  /** Work per run: floating-point operations for GFLOP/s, bytes read + written for GB/s. */
  work: number;
  /** Shared raw inputs, built once per task (untimed) and handed to every contender's `setup`. */
  inputs?(): I;
  /** typelearn first (the reference for ratios), then the JS peers. */
  contenders: Contender<I>[];
  /** When present, the suite's Python script also runs this task (numpy, sklearn, torch...). */
  python?: PythonTaskSpec;
}

/** A suite module's exports, as `bench/run.ts` loads them from `dist/bench/suites/<name>.js`. */
export interface SuiteModule {
  /** One line saying what the suite measures. */
  description?: string;
  /** The tasks, in display order. */
  tasks: Task[];
  /** Extra lines for the report header, computed after the tasks ran (e.g. memory measured in child processes). */
  notes?(): string[] | Promise<string[]>;
}

/** How long and how often to time one contender. */
export interface TimingOptions {
  /** Keep timing until at least this many runs... Default 5. */
  minRuns: number;
  /** ...and at least this many seconds of timed runs. Default 0.5. */
  minSeconds: number;
  /** Never start a run that would push the contender's total (warm-up included) past this. Default 10. */
  maxSeconds: number;
  /** Hard ceiling on the number of runs (keeps microsecond tasks bounded). Default 10000. */
  maxRuns: number;
  /**
   * Skip a contender when one run is predicted to take longer than this. Default 10: such a run
   * (plus its warm-up) would blow the per-contender budget on its own.
   */
  skipAboveSeconds: number;
}

/** The defaults of {@link TimingOptions}. */
export const defaultTiming: TimingOptions = {
  minRuns: 5,
  minSeconds: 0.5,
  maxSeconds: 10,
  maxRuns: 10000,
  skipAboveSeconds: 10,
};

/** Outcome of one contender on one task. */
export type Status = 'ok' | 'error' | 'skipped' | 'n/a';

/** One row of a suite's result table. */
export interface ContenderResult {
  contender: string;
  status: Status;
  /** Median of the timed runs, seconds (status `ok` only). */
  medianSeconds?: number;
  /** Number of timed runs (warm-up excluded). */
  runs?: number;
  /** All timed runs, seconds, in order. */
  timesSeconds?: number[];
  /** `work / median / 1e9` in the task's unit. */
  throughput?: number;
  /** This contender's median divided by the reference (first) contender's: > 1 means the reference is faster. */
  ratio?: number;
  /** Why it was skipped / n/a, or the error message. */
  note?: string;
}

/** All rows of one task. */
export interface TaskResult {
  task: string;
  unit: ThroughputUnit;
  work: number;
  results: ContenderResult[];
}

/**
 * Median of a non-empty list (mean of the two middle values for an even count).
 * @example median([3, 1, 2]) // 2
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Throughput in the task's unit (GFLOP/s or GB/s) for `work` units done in `seconds`.
 * @example throughput(2e9, 1) // 2
 */
export function throughput(work: number, seconds: number): number {
  return work / seconds / 1e9;
}

/**
 * Whether the adaptive loop should start another timed run, given the runs so far
 * (`warmupSeconds` counts toward the `maxSeconds` budget). At least one run is always made.
 * @example shouldContinue([0.1, 0.1], 0.1, defaultTiming) // true: fewer than 5 runs
 */
export function shouldContinue(times: readonly number[], warmupSeconds: number, opts: TimingOptions): boolean {
  if (times.length === 0) return true;
  if (times.length >= opts.maxRuns) return false;
  let spent = 0;
  for (const t of times) spent += t;
  const next = median(times);
  if (warmupSeconds + spent + next > opts.maxSeconds) return false;
  return times.length < opts.minRuns || spent < opts.minSeconds;
}

/** Seconds elapsed since `start` (a `process.hrtime.bigint()` reading). */
function since(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/**
 * Times one prepared contender: one untimed warm-up run (which also serves as the first
 * estimate), then timed runs while {@link shouldContinue} says so.
 * @example const { times } = await measure({ run: () => work() }, defaultTiming);
 */
export async function measure(
  prepared: Prepared,
  opts: TimingOptions,
): Promise<{ times: number[]; warmupSeconds: number }> {
  let start = process.hrtime.bigint();
  await settle(prepared.run());
  const warmupSeconds = since(start);
  const times: number[] = [];
  while (shouldContinue(times, warmupSeconds, opts)) {
    start = process.hrtime.bigint();
    await settle(prepared.run());
    times.push(since(start));
  }
  return { times, warmupSeconds };
}

// Awaits only real promises, so synchronous kernels are timed without an extra microtask.
function settle(value: unknown): unknown {
  return value instanceof Promise ? value : undefined;
}

/**
 * Thrown by a contender's `setup` when its library is not installed; the row then reads
 * `skipped (<message>)` instead of `error`.
 * @example throw new PeerUnavailable('not installed: npm i -D ml-matrix')
 */
export class PeerUnavailable extends Error {
  override name = 'PeerUnavailable';
}

/** Short message of anything thrown. */
export function errorMessage(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0];
}

/**
 * Predicted seconds per run from a contender's throughput on an earlier task of the same series.
 * @example predictSeconds(1e9, 0.5) // 2 (1 GFLOP at 0.5 GFLOP/s)
 */
export function predictSeconds(work: number, knownThroughput: number | undefined): number | undefined {
  return knownThroughput === undefined || knownThroughput <= 0 ? undefined : work / knownThroughput / 1e9;
}

/**
 * Fills `ratio` on every timed row: its median over the first row's median
 * (undefined when the reference has no time).
 */
export function fillRatios(results: ContenderResult[]): void {
  const ref = results[0]?.status === 'ok' ? results[0].medianSeconds : undefined;
  for (const r of results) {
    r.ratio = ref !== undefined && r.medianSeconds !== undefined ? r.medianSeconds / ref : undefined;
  }
}

/** Progress sink: one line per finished contender (stderr by default, so stdout stays the report). */
export type Progress = (line: string) => void;

/**
 * Runs the JS contenders of every task of a suite, in order.
 * `seriesThroughput` remembers each contender's last throughput per series so later, bigger
 * tasks can be skipped when predicted too slow.
 */
export async function runJsTasks(
  tasks: readonly Task[],
  opts: TimingOptions,
  progress: Progress,
): Promise<TaskResult[]> {
  const seriesThroughput = new Map<string, number>();
  const out: TaskResult[] = [];
  for (const task of tasks) {
    let inputs: unknown;
    const results: ContenderResult[] = [];
    try {
      inputs = task.inputs?.();
    } catch (err) {
      for (const c of task.contenders) results.push({ contender: c.name, status: 'error', note: errorMessage(err) });
      out.push({ task: task.name, unit: task.unit, work: task.work, results });
      continue;
    }
    for (const c of task.contenders) {
      const r = await runContender(task, c, inputs, opts, seriesThroughput);
      results.push(r);
      progress(`${task.name} · ${c.name}: ${describeOutcome(r, task.unit)}`);
    }
    out.push({ task: task.name, unit: task.unit, work: task.work, results });
    inputs = undefined;
  }
  return out;
}

/** One-line summary of a row, for progress output. */
export function describeOutcome(r: ContenderResult, unit: ThroughputUnit): string {
  if (r.status === 'ok')
    return `${formatSeconds(r.medianSeconds!)} (${r.runs} runs, ${r.throughput!.toFixed(2)} ${unit})`;
  return `${r.status}${r.note ? ` — ${r.note}` : ''}`;
}

async function runContender(
  task: Task,
  c: Contender,
  inputs: unknown,
  opts: TimingOptions,
  seriesThroughput: Map<string, number>,
): Promise<ContenderResult> {
  if (c.na !== undefined) return { contender: c.name, status: 'n/a', note: c.na };
  const key = task.series === undefined ? undefined : `${task.series}\u0000${c.name}`;
  const predicted = key === undefined ? undefined : predictSeconds(task.work, seriesThroughput.get(key));
  if (predicted !== undefined && predicted > opts.skipAboveSeconds) {
    // Keep the known throughput so the next, bigger task of the series is skipped too.
    return { contender: c.name, status: 'skipped', note: `too slow: ~${formatEstimate(predicted)} s/run` };
  }
  // Garbage left by the previous contender should not be collected inside this one's runs.
  (globalThis as { gc?: () => void }).gc?.();
  let prepared: Prepared | undefined;
  try {
    prepared = await c.setup(inputs);
    const { times } = await measure(prepared, opts);
    const bad = prepared.verify?.();
    if (bad !== undefined) return { contender: c.name, status: 'error', note: `wrong result: ${bad}` };
    const med = median(times);
    const tp = throughput(task.work, med);
    if (key !== undefined) seriesThroughput.set(key, tp);
    return {
      contender: c.name,
      status: 'ok',
      medianSeconds: med,
      runs: times.length,
      timesSeconds: times,
      throughput: tp,
    };
  } catch (err) {
    const status = err instanceof PeerUnavailable ? 'skipped' : 'error';
    return { contender: c.name, status, note: errorMessage(err) };
  } finally {
    try {
      prepared?.dispose?.();
    } catch {
      // A failing dispose must not hide the measurement.
    }
  }
}

/** Rounds an estimate for display: `~24`, `~3.5`. */
function formatEstimate(s: number): string {
  return s >= 10 ? s.toFixed(0) : s.toFixed(1);
}

/**
 * Human-readable duration with a unit suited to its size.
 * @example formatSeconds(0.00123) // '1.23 ms'
 */
export function formatSeconds(s: number): string {
  if (s >= 1) return `${s.toFixed(2)} s`;
  if (s >= 1e-3) return `${(s * 1e3).toFixed(2)} ms`;
  return `${(s * 1e6).toFixed(1)} µs`;
}
