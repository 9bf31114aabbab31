/**
 * `spawnWorker`: the one place that knows how to start a worker — Node's
 * `worker_threads` or a browser Web Worker — behind a small common interface.
 */

/** A started worker, whatever the platform. */
export interface WorkerHandle {
  postMessage(message: unknown): void;
  /** Registers the message, error and exit listeners (once). */
  listen(handlers: WorkerListeners): void;
  /** Keeps the process alive while work is in flight (Node); no-op in browsers. */
  ref(): void;
  /** Lets the process exit while the worker idles (Node); no-op in browsers. */
  unref(): void;
  terminate(): Promise<void>;
}

/** Callbacks of a {@link WorkerHandle}. */
export interface WorkerListeners {
  message(data: unknown): void;
  error(error: Error): void;
  exit(code: number): void;
}

const isNode = (): boolean =>
  Boolean((globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node);

/**
 * Starts the module worker at `url`. In Node it is a `worker_threads.Worker`;
 * elsewhere a module `Worker` (`{ type: 'module' }`).
 * @example const w = await spawnWorker(new URL('./worker.js', import.meta.url));
 */
export async function spawnWorker(url: URL): Promise<WorkerHandle> {
  if (isNode()) {
    const { Worker } = await import('node:worker_threads');
    const worker = new Worker(url);
    return {
      postMessage: (message) => worker.postMessage(message),
      listen: (h) => {
        worker.on('message', h.message);
        worker.on('error', h.error);
        worker.on('exit', h.exit);
      },
      ref: () => worker.ref(),
      unref: () => worker.unref(),
      terminate: async () => {
        await worker.terminate();
      },
    };
  }
  const WebWorker = (globalThis as { Worker?: new (url: URL, options: { type: 'module' }) => Worker }).Worker;
  if (WebWorker === undefined) throw new Error('parallel: this runtime has neither worker_threads nor Web Workers');
  const worker = new WebWorker(url, { type: 'module' });
  return {
    postMessage: (message) => worker.postMessage(message),
    listen: (h) => {
      worker.addEventListener('message', (e) => h.message((e as MessageEvent).data));
      worker.addEventListener('error', (e) => h.error(new Error((e as ErrorEvent).message)));
    },
    ref: () => {},
    unref: () => {},
    terminate: async () => worker.terminate(),
  };
}
