/**
 * The worker script every pool worker runs (compiled to
 * `dist/src/parallel/worker.js`): for each map it imports the map's handler module
 * (cached after the first time), runs its `setup` with the map's context and drops that
 * state when the map ends; it runs tasks one at a time and
 * posts each result (or the serialized error) back with the task's id.
 * Not part of the public API; the pool locates it with
 * `new URL('./worker.js', import.meta.url)`.
 */
import { serializeError } from './errors.js';
import type { FromWorker, TaskHandlerModule, ToWorker } from './protocol.js';

interface Port {
  post(message: FromWorker): void;
  onMessage(listener: (message: ToWorker) => void): void;
}

async function connect(): Promise<Port> {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  if (proc?.versions?.node) {
    const { parentPort } = await import('node:worker_threads');
    if (parentPort === null) throw new Error('parallel/worker.js must run in a worker thread');
    return { post: (m) => parentPort.postMessage(m), onMessage: (l) => parentPort.on('message', l) };
  }
  const scope = globalThis as unknown as {
    postMessage(m: unknown): void;
    addEventListener(type: 'message', l: (e: { data: ToWorker }) => void): void;
  };
  return { post: (m) => scope.postMessage(m), onMessage: (l) => scope.addEventListener('message', (e) => l(e.data)) };
}

const port = await connect();
let ready: Promise<{ handler: TaskHandlerModule; state: unknown }> | undefined;

port.onMessage(async (message) => {
  if (message.type === 'release') {
    ready = undefined;
    return;
  }
  if (message.type === 'init') {
    ready = (async () => {
      const handler = (await import(message.handler)) as TaskHandlerModule;
      return { handler, state: await handler.setup?.(message.context) };
    })();
    ready.catch(() => {}); // reported with the first task
    return;
  }
  try {
    const current = ready;
    if (current === undefined) throw new Error('parallel worker: task received before init');
    const { handler, state } = await current;
    const value = await handler.run(message.payload, state);
    port.post({ type: 'result', id: message.id, value });
  } catch (error) {
    port.post({ type: 'error', id: message.id, error: serializeError(error) });
  }
});
