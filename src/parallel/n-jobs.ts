/**
 * `nJobs`: how many workers a parallel call uses, with scikit-learn's conventions.
 */
import { ValidationError } from '../base/errors.js';

/**
 * Logical cores available to this process: `os.availableParallelism()` in
 * Node, `navigator.hardwareConcurrency` in browsers, else 1.
 * @example cpuCount() // 8 on an 8-core machine
 */
export function cpuCount(): number {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  if (nav?.hardwareConcurrency && !proc?.versions?.node) return Math.max(1, nav.hardwareConcurrency);
  return nodeCores ?? nav?.hardwareConcurrency ?? 1;
}

// Filled on first use of the Node path (see `loadNodeCores`), so importing this module does no work.
let nodeCores: number | undefined;

/**
 * Reads the Node core count once (async import keeps `node:os` out of browser bundles).
 * @example await loadNodeCores(); cpuCount();
 */
export async function loadNodeCores(): Promise<void> {
  if (nodeCores !== undefined) return;
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  if (!proc?.versions?.node) return;
  const os = await import('node:os');
  nodeCores = Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/**
 * The number of workers for an `nJobs` option: `undefined` or `-1` = all
 * cores, `-k` = all cores but k - 1 (sklearn's convention), a positive
 * integer as given. `1` means run inline, without workers. Call
 * {@link loadNodeCores} first in Node for an exact core count.
 * @example resolveNJobs(2) // 2
 * @example resolveNJobs(undefined) // cpuCount()
 */
export function resolveNJobs(nJobs: number | undefined | null): number {
  const cores = cpuCount();
  if (nJobs === undefined || nJobs === null) return cores;
  if (!Number.isInteger(nJobs) || nJobs === 0) {
    throw new ValidationError(`nJobs must be a non-zero integer (or undefined for all cores), got ${nJobs}`, {
      param: 'nJobs',
      got: nJobs,
    });
  }
  return nJobs > 0 ? nJobs : Math.max(1, cores + 1 + nJobs);
}
