/**
 * `typelearn/parallel`: a small worker pool (Node `worker_threads`, Web
 * Workers in browsers) with data shared through `SharedArrayBuffer`, the
 * `nJobs` convention, and the estimator registry workers rebuild models from.
 * Cross-validation and searches use it through their `nJobs` option.
 *
 * @example
 * import { resolveNJobs, runInPool, shareTensor } from 'typelearn/parallel';
 * const X = shareTensor(data);           // copied into shared memory once
 * const out = await runInPool(tasks, { size: resolveNJobs(2), handler, context: { X } });
 */

export { Companion, companionAvailable, getNumThreads, serveCompanion, setNumThreads } from './companion.js';
export type { SerializedError } from './errors.js';
export { deserializeError, serializeError } from './errors.js';
export { cpuCount, loadNodeCores, resolveNJobs } from './n-jobs.js';
export type { MapOptions, RunInPoolOptions, WorkerPoolOptions } from './pool.js';
export { closeReusablePools, runInPool, WorkerPool } from './pool.js';
export type { FromWorker, TaskHandlerModule, ToWorker } from './protocol.js';
export type { RevivableClass } from './registry.js';
export { estimatorRegistry, reviveEstimator } from './registry.js';
export type { SharedTensor } from './shared.js';
export { fromShared, sharedMemoryAvailable, shareTensor } from './shared.js';
export type { WorkerHandle, WorkerListeners } from './spawn.js';
export { spawnWorker } from './spawn.js';
