/**
 * `WorkerPool`: a fixed number of workers running tasks of one handler
 * module, results in task order whatever the scheduling.
 */
import { deserializeError, type SerializedError } from './errors.js';
import type { FromWorker } from './protocol.js';
import { spawnWorker, type WorkerHandle } from './spawn.js';

/** Options of {@link WorkerPool}. */
export interface WorkerPoolOptions {
  /** Maximum number of workers (started lazily, at most one per pending task). */
  size: number;
  /**
   * URL of the handler module (see `TaskHandlerModule`) workers import to run tasks. May be
   * left out and given to each `map` instead (a pool reused for different kinds of task).
   */
  handler?: URL | string;
  /** Sent to every worker's `setup` (structured-cloned; `SharedArrayBuffer`s are shared). */
  context?: unknown;
  /** The worker script. Default: this package's `worker.js`. */
  workerUrl?: URL;
}

/** Options of {@link WorkerPool.map}. */
export interface MapOptions {
  /** Aborting terminates the workers and rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Runs a payload in this thread. When given, this thread takes tasks from the same queue
   * as the workers: it starts at once, while the workers are still starting, so a pool of
   * `size - 1` workers plus this thread keeps `size` cores busy with no start-up on the
   * critical path. The function must give the result a worker would. Default none.
   */
  inline?: (payload: unknown) => unknown;
  /** This map's handler module, instead of the pool's. */
  handler?: URL | string;
  /** This map's context, instead of the pool's (with `handler`: both replace the pool's). */
  context?: unknown;
}

/**
 * Tasks sent ahead to each worker, so it never waits for this thread to hand it the next
 * one — except near the end: a task queued behind a running one could not be taken back by
 * a runner that falls idle, so the last tasks go one at a time.
 */
const DEPTH = 2;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  handle: WorkerHandle;
  pending: Map<number, Pending>;
  dead: boolean;
  /** The `init` this worker has for the running map (its handler and context), if any. */
  init: object | undefined;
}

/** What a worker needs before the tasks of one map. */
interface Init {
  handler: string;
  context: unknown;
}

/**
 * Runs tasks on worker threads (Node) or Web Workers. A task error rejects
 * `map` with the same typed error the worker threw (its message kept) and
 * closes the pool; so does an abort. Idle workers do not keep Node alive, but
 * call `close()` (or use {@link runInPool}) when done.
 * @example
 * const pool = new WorkerPool({ size: 2, handler: new URL('./square.js', import.meta.url) });
 * try { console.log(await pool.map([1, 2, 3])); } // [1, 4, 9]
 * finally { await pool.close(); }
 */
export class WorkerPool {
  readonly size: number;
  readonly #handler: string | undefined;
  readonly #context: unknown;
  readonly #workerUrl: URL;
  readonly #slots: Slot[] = [];
  #closed = false;
  #busy = false;

  constructor(options: WorkerPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1)
      throw new RangeError(`WorkerPool: size must be a positive integer, got ${options.size}`);
    this.size = options.size;
    this.#handler = options.handler === undefined ? undefined : String(options.handler);
    this.#context = options.context;
    this.#workerUrl = options.workerUrl ?? new URL('./worker.js', import.meta.url);
  }

  /** Whether `close` was called (or a failure closed the pool). */
  get closed(): boolean {
    return this.#closed;
  }

  async #start(): Promise<Slot> {
    const handle = await spawnWorker(this.#workerUrl);
    const slot: Slot = { handle, pending: new Map(), dead: false, init: undefined };
    const failAll = (error: Error) => {
      const waiting = [...slot.pending.values()];
      slot.pending.clear();
      for (const p of waiting) p.reject(error);
    };
    handle.listen({
      message: (data) => {
        const m = data as FromWorker;
        const p = slot.pending.get(m.id);
        if (p === undefined) return;
        slot.pending.delete(m.id);
        if (m.type === 'result') p.resolve(m.value);
        else p.reject(deserializeError(m.error as SerializedError));
      },
      error: (error) => {
        slot.dead = true;
        failAll(error);
      },
      exit: (code) => {
        slot.dead = true;
        if (!this.#closed) failAll(new Error(`parallel: a worker exited unexpectedly (code ${code})`));
      },
    });
    handle.unref();
    return slot;
  }

  /** Whether a `map` is running. */
  get busy(): boolean {
    return this.#busy;
  }

  /**
   * Runs `run(payload)` of the handler for every payload and resolves to the
   * results in payload order. One `map` at a time per pool. Each worker runs the
   * handler's `setup` with the context once per map, and drops that state when the
   * map ends (so a pool kept for later does not hold the data of the last one).
   */
  async map<R = unknown>(payloads: readonly unknown[], options: MapOptions = {}): Promise<R[]> {
    const { signal, inline } = options;
    if (this.#closed) throw new Error('WorkerPool: the pool is closed');
    if (this.#busy) throw new Error('WorkerPool: map is already running');
    const handler = options.handler ?? this.#handler;
    if (handler === undefined) throw new Error('WorkerPool: no handler module (give one to the pool or to map)');
    const init: Init = {
      handler: String(handler),
      context: options.handler !== undefined || options.context !== undefined ? options.context : this.#context,
    };
    signal?.throwIfAborted();
    const results = new Array<R>(payloads.length);
    if (payloads.length === 0) return results;
    this.#busy = true;
    try {
      return await new Promise<R[]>((resolve, reject) => {
        let next = 0;
        let done = 0;
        let failed = false;
        const onAbort = () => fail(signal?.reason ?? new DOMException('This operation was aborted', 'AbortError'));
        const fail = (error: unknown) => {
          if (failed) return;
          failed = true;
          signal?.removeEventListener('abort', onAbort);
          this.close().then(
            () => reject(error),
            () => reject(error),
          );
        };
        const finishOne = (index: number, value: unknown) => {
          results[index] = value as R;
          if (++done === payloads.length) {
            signal?.removeEventListener('abort', onAbort);
            for (const s of this.#slots) {
              if (s.init !== undefined && !s.dead) s.handle.postMessage({ type: 'release' });
              s.init = undefined;
              s.handle.unref();
            }
            resolve(results);
          }
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        const dispatch = (slot: Slot) => {
          if (failed) return;
          if (slot.dead) {
            fail(new Error('parallel: a worker died before finishing its tasks'));
            return;
          }
          if (slot.init !== init && next < payloads.length) {
            slot.handle.postMessage({ type: 'init', handler: init.handler, context: init.context });
            slot.init = init;
          }
          // Runners that may take the remaining tasks: the workers, and this thread with `inline`.
          const runners = this.#slots.length + (inline ? 1 : 0);
          while (
            next < payloads.length &&
            (slot.pending.size === 0 || (slot.pending.size < DEPTH && payloads.length - next > runners))
          ) {
            const index = next++;
            slot.pending.set(index, {
              resolve: (value) => {
                finishOne(index, value);
                dispatch(slot);
              },
              reject: fail,
            });
            slot.handle.ref();
            slot.handle.postMessage({ type: 'task', id: index, payload: payloads[index] });
          }
          if (slot.pending.size === 0) slot.handle.unref();
        };
        // Workers start concurrently; each gets tasks as soon as it exists.
        const alive = this.#slots.filter((s) => !s.dead);
        const wanted = Math.min(this.size, payloads.length - (inline ? 1 : 0));
        for (const slot of alive.slice(0, wanted)) dispatch(slot);
        for (let k = alive.length; k < wanted; k++) {
          this.#start().then(
            (slot) => {
              this.#slots.push(slot);
              if (failed || this.#closed) slot.handle.terminate().catch(() => undefined);
              else dispatch(slot);
            },
            (error: unknown) => fail(error),
          );
        }
        if (inline !== undefined) {
          void (async () => {
            // First let the workers' spawns run: a synchronous task here would hold them back.
            await new Promise((r) => setTimeout(r, 0));
            while (!failed && next < payloads.length) {
              const index = next++;
              let value: unknown;
              try {
                value = await inline(payloads[index]);
              } catch (error) {
                fail(error);
                return;
              }
              finishOne(index, value);
              // Let worker results in (and their next tasks out) between two inline tasks.
              await new Promise((r) => setTimeout(r, 0));
            }
          })();
        }
      });
    } finally {
      this.#busy = false;
    }
  }

  /** Terminates every worker; the pool cannot be used afterwards. */
  async close(): Promise<void> {
    this.#closed = true;
    const slots = this.#slots.splice(0);
    await Promise.all(slots.map((s) => s.handle.terminate().catch(() => undefined)));
  }
}

/** Options of {@link runInPool}. */
export interface RunInPoolOptions extends WorkerPoolOptions, MapOptions {
  /**
   * Keep the workers for the next call with the same `size` (like joblib's reusable loky
   * executor): a later search or forest starts on warm workers, with modules loaded and
   * code compiled. Idle workers never keep Node alive and end after 5 idle minutes (or
   * at {@link closeReusablePools}). `false` starts a pool for this call and closes it.
   * Default `true`.
   */
  reuse?: boolean;
}

/** Idle time after which a kept pool's workers are terminated (loky waits 300 s too). */
const IDLE_MS = 300_000;

interface KeptPool {
  pool: WorkerPool;
  idleTimer: ReturnType<typeof setTimeout> | undefined;
}

/** Kept pools by size and worker script; each is lent to one call at a time. */
const keptPools = new Map<string, KeptPool>();

/**
 * Maps the payloads on a pool of `size` workers: a kept, idle one when `reuse` (the
 * default) allows, else a new one closed afterwards. A failure or an abort closes the
 * pool it happened on.
 * @example const out = await runInPool([1, 2], { size: 2, handler: url });
 */
export async function runInPool<R = unknown>(payloads: readonly unknown[], options: RunInPoolOptions): Promise<R[]> {
  const mapOptions: MapOptions = {
    signal: options.signal,
    inline: options.inline,
    handler: options.handler,
    context: options.context,
  };
  const key = `${options.size} ${String(options.workerUrl ?? '')}`;
  let kept = options.reuse === false ? undefined : keptPools.get(key);
  if (kept?.pool.closed) {
    keptPools.delete(key);
    kept = undefined;
  }
  if (options.reuse !== false && kept === undefined) {
    kept = { pool: new WorkerPool({ size: options.size, workerUrl: options.workerUrl }), idleTimer: undefined };
    keptPools.set(key, kept);
  }
  if (kept === undefined || kept.pool.busy) {
    // Not reusing, or the kept pool is lent to a concurrent call: a pool of this call's own.
    const pool = new WorkerPool(options);
    try {
      return await pool.map<R>(payloads, mapOptions);
    } finally {
      await pool.close();
    }
  }
  clearTimeout(kept.idleTimer);
  const entry = kept;
  try {
    return await entry.pool.map<R>(payloads, mapOptions);
  } finally {
    if (entry.pool.closed) {
      if (keptPools.get(key) === entry) keptPools.delete(key);
    } else {
      entry.idleTimer = setTimeout(() => {
        if (keptPools.get(key) === entry) keptPools.delete(key);
        void entry.pool.close();
      }, IDLE_MS);
      (entry.idleTimer as { unref?: () => void }).unref?.();
    }
  }
}

/**
 * Terminates the workers {@link runInPool} kept for reuse (the next call starts new ones).
 * @example await closeReusablePools(); // e.g. at the end of a test file
 */
export async function closeReusablePools(): Promise<void> {
  const entries = [...keptPools.values()];
  keptPools.clear();
  await Promise.all(
    entries.map((entry) => {
      clearTimeout(entry.idleTimer);
      return entry.pool.close();
    }),
  );
}
