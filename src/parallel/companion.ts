/**
 * A companion thread for intra-op parallelism (what OpenMP gives scikit-learn's
 * Cython loops): one kept pool worker that serves short synchronous requests on
 * shared memory while this thread does its own share of the same step. This
 * thread posts a request, works, then waits for the companion — by spinning,
 * since a share takes microseconds to milliseconds and waking a sleeping thread
 * costs tens of microseconds. Between requests the companion spins briefly,
 * then sleeps in `Atomics.wait`.
 *
 * Used where one estimator's fit has many small parallel steps (the histograms
 * of each node of each boosting tree); the worker pool's message passing is
 * for coarse tasks (one fold, one tree). The companion only runs from a
 * top-level thread (never inside a pool worker, which would oversubscribe the
 * cores) and only when {@link getNumThreads} allows two threads.
 */
import { cpuCount, loadNodeCores } from './n-jobs.js';
import { runInPool } from './pool.js';

// Int32 slots of the control block.
const REQUEST = 0;
const DONE = 1;
const COMMAND = 2;
const STATUS = 3;
const READY = 4;
const ARGS_BYTE_OFFSET = 64;
/** Number of float64 argument slots of a request. */
export const COMPANION_ARGS = 16;
const MESSAGE_BYTE_OFFSET = ARGS_BYTE_OFFSET + COMPANION_ARGS * 8;
const MESSAGE_BYTES = 512;
const CONTROL_BYTES = MESSAGE_BYTE_OFFSET + MESSAGE_BYTES;
/** The command that ends {@link serveCompanion}. */
const STOP = -1;
const FAILED = 1;
/** How long the companion spins for the next request before it sleeps. */
const SPIN_MS = 3;
/** How long this thread spins for the companion before it sleeps (where it can). */
const WAIT_SPIN_MS = 0.05;
/** Requests judged together; steps done alone after sharing did not pay (see Companion.share). */
const JUDGE_REQUESTS = 32;
const PAUSE_STEPS = 256;
const MAX_PAUSE_STEPS = 1 << 16;
/** A run of requests whose waits exceed this thread's own shares by this much is judged at once. */
const LOSS_MS = 1;
/** A companion that has not answered for this long is taken for dead. */
const STALL_MS = 600_000;

let numThreads: number | undefined;
/** False once `Atomics.wait` threw here (a browser page's main thread): spin only. */
let canSleep = true;

/**
 * Sets how many threads one estimator may use for intra-op parallelism (like
 * `torch.set_num_threads`, or threadpoolctl's limit on scikit-learn's OpenMP
 * loops). `1` keeps every fit on the calling thread. Default: all cores
 * (today at most 2 are used: the caller and one companion).
 * @example setNumThreads(1); // reproducible single-thread timings
 */
export function setNumThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`setNumThreads: expected an integer >= 1, got ${n}`);
  numThreads = n;
}

/**
 * The thread limit of {@link setNumThreads} (default: the core count).
 * @example getNumThreads() // 2 on a 2-core machine
 */
export function getNumThreads(): number {
  return numThreads ?? cpuCount();
}

async function onTopLevelThread(): Promise<boolean> {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  if (proc?.versions?.node) {
    const { isMainThread } = await import('node:worker_threads');
    return isMainThread;
  }
  // A browser page (not a worker), cross-origin isolated so SharedArrayBuffer exists.
  const g = globalThis as { WorkerGlobalScope?: unknown; crossOriginIsolated?: boolean };
  return g.WorkerGlobalScope === undefined && g.crossOriginIsolated !== false;
}

/**
 * Whether a companion can start here: shared memory and Atomics exist, this is
 * a top-level thread, and the thread limit allows 2.
 * @example if (await companionAvailable()) { ... }
 */
export async function companionAvailable(): Promise<boolean> {
  if (typeof SharedArrayBuffer !== 'function' || typeof Atomics !== 'object') return false;
  await loadNodeCores();
  if (getNumThreads() < 2) return false;
  return onTopLevelThread();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * This thread's side of a companion: fill {@link Companion.args}, {@link request}
 * a command, do this thread's share, then {@link wait}.
 * @example
 * const companion = await Companion.start(new URL('./my-handler.js', import.meta.url), context);
 * if (companion) {
 *   companion.args[0] = 10; companion.request(1);
 *   doMyHalf();
 *   companion.wait();
 *   await companion.close();
 * }
 */
export class Companion {
  /** Arguments of the next request ({@link COMPANION_ARGS} float64 slots). */
  readonly args: Float64Array;
  readonly #control: Int32Array;
  readonly #served: Promise<unknown>;
  #seq = 0;
  #closed = false;
  // Judging whether sharing pays (see share()).
  #requestedAt = 0;
  #own = 0;
  #waited = 0;
  #judged = 0;
  #pausedSteps = 0;
  #pause = PAUSE_STEPS;

  private constructor(control: SharedArrayBuffer, served: Promise<unknown>) {
    this.#control = new Int32Array(control, 0, 16);
    this.args = new Float64Array(control, ARGS_BYTE_OFFSET, COMPANION_ARGS);
    this.#served = served;
  }

  /**
   * Starts serving on a kept one-worker pool: the worker imports `handler`,
   * whose `setup` gets `context` and whose `run` gets `{ control }` and must call
   * {@link serveCompanion}. Resolves once the companion is serving, or to null
   * where {@link companionAvailable} says no.
   */
  static async start(handler: URL | string, context: unknown): Promise<Companion | null> {
    if (!(await companionAvailable())) return null;
    const control = new SharedArrayBuffer(CONTROL_BYTES);
    const view = new Int32Array(control, 0, 16);
    let failure: unknown;
    let ended = false;
    const served = runInPool([{ control }], { size: 1, handler, context });
    served.then(
      () => {
        ended = true;
      },
      (error: unknown) => {
        ended = true;
        failure = error;
      },
    );
    // The worker boots on its own thread, but in browsers only once this thread yields.
    for (let waited = 0; Atomics.load(view, READY) !== 1; waited++) {
      if (ended) {
        if (failure !== undefined) throw failure;
        throw new Error('parallel: the companion thread ended before serving');
      }
      await sleep(waited < 20 ? 0 : 1);
    }
    return new Companion(control, served);
  }

  /**
   * Whether to share the next step with the companion. It judges itself: over
   * each run of requests it compares this thread's time between `request` and
   * `wait` (its own share) with the time spent waiting. A companion without a core
   * of its own (other processes keep the cores busy) answers late. Then waiting
   * costs more than sharing saves, and for the next steps `share()` says no, so
   * the caller does the whole step itself. A loaded machine then costs little
   * more than one thread. Each call while paused counts as one step done alone.
   * @example if (companion.share()) { companion.request(1); mine(); companion.wait(); } else { all(); }
   */
  share(): boolean {
    if (this.#pausedSteps === 0) return true;
    this.#pausedSteps--;
    return false;
  }

  /** Posts `command` with the current {@link args}; the companion starts at once. */
  request(command: number): void {
    if (this.#closed) throw new Error('parallel: request on a closed companion');
    this.#requestedAt = performance.now();
    const c = this.#control;
    c[COMMAND] = command;
    Atomics.store(c, REQUEST, ++this.#seq);
    Atomics.notify(c, REQUEST);
  }

  /**
   * Blocks until the companion has done the last request; rethrows its error. Spins
   * first, then sleeps in `Atomics.wait` where this thread may (Node's main thread,
   * not a browser page), so a companion waiting for a core can have this one.
   */
  wait(): void {
    const c = this.#control;
    const seq = this.#seq;
    const waitFrom = performance.now();
    this.#spinUntilDone(c, seq);
    this.#judge(waitFrom - this.#requestedAt, performance.now() - waitFrom);
    if (c[STATUS] === FAILED) {
      this.#closed = true;
      const bytes = new Uint8Array(c.buffer, MESSAGE_BYTE_OFFSET, MESSAGE_BYTES);
      const end = bytes.indexOf(0);
      const text = new TextDecoder().decode(bytes.slice(0, end < 0 ? MESSAGE_BYTES : end));
      throw new Error(`parallel: the companion thread failed: ${text}`);
    }
  }

  #judge(own: number, waited: number): void {
    this.#own += own;
    this.#waited += waited;
    // A run is judged after JUDGE_REQUESTS requests, or as soon as waiting has cost 1 ms more than sharing saved.
    const losing = this.#waited > this.#own + LOSS_MS;
    if (++this.#judged < JUDGE_REQUESTS && !losing) return;
    if (losing || this.#waited > this.#own) {
      // Each losing run pauses twice as long as the last (probing a busy machine is costly).
      this.#pausedSteps = this.#pause;
      this.#pause = Math.min(this.#pause * 2, MAX_PAUSE_STEPS);
    } else {
      this.#pause = PAUSE_STEPS;
    }
    this.#judged = 0;
    this.#own = 0;
    this.#waited = 0;
  }

  #spinUntilDone(c: Int32Array, seq: number): void {
    let start = 0;
    for (let spins = 0; ; spins++) {
      const done = Atomics.load(c, DONE);
      if (done === seq) break;
      if ((spins & 0xff) !== 0xff) continue;
      const now = performance.now();
      if (start === 0) start = now;
      else if (now - start > STALL_MS) throw new Error('parallel: the companion thread stopped answering');
      else if (now - start > WAIT_SPIN_MS && canSleep) {
        try {
          Atomics.wait(c, DONE, done, 1);
        } catch {
          canSleep = false;
        }
      }
    }
  }

  /** Stops serving (the worker goes back to its pool) and rethrows a failure of the worker. */
  async close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      const c = this.#control;
      c[COMMAND] = STOP;
      Atomics.store(c, REQUEST, ++this.#seq);
      Atomics.notify(c, REQUEST);
    }
    await this.#served;
  }
}

/**
 * The companion's loop (call it from the handler's `run`): waits for each
 * request, runs `handle(command, args)`, reports it done; returns at close.
 * An error is reported to the waiting thread, then rethrown.
 * @example export function run({ control }, state) { serveCompanion(control, (cmd, args) => state.step(cmd, args)); }
 */
export function serveCompanion(
  control: SharedArrayBuffer,
  handle: (command: number, args: Float64Array) => void,
): void {
  const c = new Int32Array(control, 0, 16);
  const args = new Float64Array(control, ARGS_BYTE_OFFSET, COMPANION_ARGS);
  Atomics.store(c, READY, 1);
  let seen = Atomics.load(c, REQUEST);
  for (;;) {
    const spinUntil = performance.now() + SPIN_MS;
    for (let spins = 0; Atomics.load(c, REQUEST) === seen; spins++) {
      if ((spins & 0xff) === 0xff && performance.now() > spinUntil) Atomics.wait(c, REQUEST, seen);
    }
    seen = Atomics.load(c, REQUEST);
    const command = c[COMMAND];
    if (command === STOP) {
      Atomics.store(c, DONE, seen);
      return;
    }
    try {
      handle(command, args);
    } catch (error) {
      const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const bytes = new TextEncoder().encode(text).subarray(0, MESSAGE_BYTES - 1);
      const message = new Uint8Array(control, MESSAGE_BYTE_OFFSET, MESSAGE_BYTES);
      message.fill(0);
      message.set(bytes);
      c[STATUS] = FAILED;
      Atomics.store(c, DONE, seen);
      Atomics.notify(c, DONE);
      throw error;
    }
    Atomics.store(c, DONE, seen);
    Atomics.notify(c, DONE);
  }
}
