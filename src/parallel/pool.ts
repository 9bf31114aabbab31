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
  /** URL of the handler module (see `TaskHandlerModule`) workers import to run tasks. */
  handler: URL | string;
  /** Sent to every worker's `setup` once (structured-cloned; `SharedArrayBuffer`s are shared). */
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
}

/** Tasks sent ahead to each worker, so it never waits for this thread to hand it the next one. */
const DEPTH = 2;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  handle: WorkerHandle;
  pending: Map<number, Pending>;
  dead: boolean;
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
  readonly #handler: string;
  readonly #context: unknown;
  readonly #workerUrl: URL;
  readonly #slots: Slot[] = [];
  #closed = false;
  #busy = false;

  constructor(options: WorkerPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1)
      throw new RangeError(`WorkerPool: size must be a positive integer, got ${options.size}`);
    this.size = options.size;
    this.#handler = String(options.handler);
    this.#context = options.context;
    this.#workerUrl = options.workerUrl ?? new URL('./worker.js', import.meta.url);
  }

  /** Whether `close` was called (or a failure closed the pool). */
  get closed(): boolean {
    return this.#closed;
  }

  async #start(): Promise<Slot> {
    const handle = await spawnWorker(this.#workerUrl);
    const slot: Slot = { handle, pending: new Map(), dead: false };
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
    handle.postMessage({ type: 'init', handler: this.#handler, context: this.#context });
    handle.unref();
    return slot;
  }

  /**
   * Runs `run(payload)` of the handler for every payload and resolves to the
   * results in payload order. One `map` at a time per pool.
   */
  async map<R = unknown>(payloads: readonly unknown[], options: MapOptions = {}): Promise<R[]> {
    const { signal, inline } = options;
    if (this.#closed) throw new Error('WorkerPool: the pool is closed');
    if (this.#busy) throw new Error('WorkerPool: map is already running');
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
            for (const s of this.#slots) s.handle.unref();
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
          while (slot.pending.size < DEPTH && next < payloads.length) {
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

/**
 * Creates a pool, maps the payloads, and always closes the pool.
 * @example const out = await runInPool([1, 2], { size: 2, handler: url });
 */
export async function runInPool<R = unknown>(
  payloads: readonly unknown[],
  options: WorkerPoolOptions & MapOptions,
): Promise<R[]> {
  const pool = new WorkerPool(options);
  try {
    return await pool.map<R>(payloads, { signal: options.signal, inline: options.inline });
  } finally {
    await pool.close();
  }
}
