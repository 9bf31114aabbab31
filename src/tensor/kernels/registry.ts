import { gemmJs } from './js/gemm.js';
import type { GemmKernel } from './types.js';
import { gemmWasm, wasmGemmAvailable } from './wasm/gemm.js';

/** Names of the compute backends. `js` is plain TypeScript and always available. */
export type BackendName = 'js' | 'wasm';

/** A backend choice: a backend name, or `'auto'` to let each op pick per call. */
export type BackendSetting = BackendName | 'auto';

/** The kernel signature of every op, keyed by op name. */
export interface Kernels {
  gemm: GemmKernel;
}

/** Names of the ops kernels are registered for. */
export type OpName = keyof Kernels;

interface BackendEntry {
  /** Cheap after the first call; may compile code lazily on that call. */
  available: () => boolean;
  kernels: Partial<Kernels>;
}

/**
 * The static kernel table. A backend lists the ops it implements; adding a backend means
 * adding an entry here (and the name to `BackendName`), nothing runs at import.
 */
const BACKENDS: Record<BackendName, BackendEntry> = {
  js: { available: () => true, kernels: { gemm: gemmJs } },
  wasm: { available: wasmGemmAvailable, kernels: { gemm: gemmWasm } },
};

let setting: BackendSetting = 'auto';

function isBackendName(name: string): name is BackendName {
  return Object.hasOwn(BACKENDS, name);
}

/**
 * Backends usable in this environment, fastest last: always `'js'`, plus `'wasm'` when the
 * engine supports WebAssembly fixed-width SIMD and allows compiling it (the first call
 * compiles the modules to find out).
 *
 * @example
 * listBackends(); // ['js', 'wasm'] in Node 20 and current browsers
 */
export function listBackends(): BackendName[] {
  return (Object.keys(BACKENDS) as BackendName[]).filter((name) => BACKENDS[name].available());
}

/**
 * Whether a backend is usable here (see {@link listBackends}).
 *
 * @example
 * isBackendAvailable('wasm'); // false under a CSP without 'wasm-unsafe-eval'
 */
export function isBackendAvailable(name: BackendName): boolean {
  return isBackendName(name) && BACKENDS[name].available();
}

/**
 * Forces every op onto one backend (for tests and benchmarks), or restores the default
 * `'auto'`, where each op picks per call (e.g. `gemm` uses `wasm` for large products and
 * `js` for tiny ones). Throws an Error for an unknown or unavailable backend.
 *
 * @example
 * const before = getBackend();
 * setBackend('js');
 * try { gemm(...); } finally { setBackend(before); }
 */
export function setBackend(name: BackendSetting): void {
  if (name !== 'auto') {
    if (!isBackendName(name)) {
      throw new Error(`unknown backend '${String(name)}'; known backends: auto, ${Object.keys(BACKENDS).join(', ')}`);
    }
    if (!BACKENDS[name].available()) {
      throw new Error(`backend '${name}' is not available here; available: ${listBackends().join(', ')}`);
    }
  }
  setting = name;
}

/**
 * The current backend setting: `'auto'` (default) or the backend forced by {@link setBackend}.
 *
 * @example
 * getBackend(); // 'auto'
 */
export function getBackend(): BackendSetting {
  return setting;
}

/**
 * The kernel registered for `op` on `backend`. Throws an Error naming both when the
 * backend does not implement the op.
 *
 * @example
 * const kernel = getKernel('gemm', 'js');
 */
export function getKernel<Op extends OpName>(op: Op, backend: BackendName): Kernels[Op] {
  const entry = isBackendName(backend) ? BACKENDS[backend] : undefined;
  const kernel = entry?.kernels[op];
  if (kernel === undefined) throw new Error(`no kernel for op '${String(op)}' on backend '${String(backend)}'`);
  return kernel as Kernels[Op];
}
