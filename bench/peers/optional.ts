/**
 * Loading peer libraries that may be absent: benchmarks must run (and say what is missing)
 * on a checkout where some dev dependencies were not installed.
 */
import { PeerUnavailable } from '../harness.js';

const cache = new Map<string, Promise<unknown>>();

/**
 * Imports `specifier` once; when it cannot be resolved, rejects with {@link PeerUnavailable}
 * carrying `hint` (the install command), so the row reads "skipped (not installed: ...)".
 * @example const { Matrix } = await optionalImport<typeof import('ml-matrix')>('ml-matrix', 'npm i -D ml-matrix');
 */
export function optionalImport<M>(specifier: string, hint: string): Promise<M> {
  let p = cache.get(specifier);
  if (p === undefined) {
    p = import(specifier).catch((err: unknown) => {
      const code = (err as { code?: string }).code;
      if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
        throw new PeerUnavailable(`not installed: ${hint}`);
      }
      throw err;
    });
    cache.set(specifier, p);
  }
  return p as Promise<M>;
}
