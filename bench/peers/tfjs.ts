/**
 * TensorFlow.js as a benchmark peer: the pure-JS `cpu` backend and the WebAssembly `wasm`
 * backend, loaded from node_modules only (the .wasm binary is read from the package's `dist/`
 * folder by file path; nothing is fetched). The wasm backend is forced single-threaded so it
 * competes on the same footing as single-threaded typelearn.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { PeerUnavailable } from '../harness.js';
import { optionalImport } from './optional.js';

type Tf = typeof import('@tensorflow/tfjs-core');
type TfWasm = typeof import('@tensorflow/tfjs-backend-wasm');

/** The tfjs backends benchmarked. */
export type TfBackend = 'cpu' | 'wasm';

/** What was loaded, for the report. */
export interface TfInfo {
  version: string;
  /** The wasm binary actually chosen (`tfjs-backend-wasm-simd.wasm`, ...) and its thread count. */
  wasm?: { binary: string; simd: boolean; threads: number; path: string };
}

const hint = 'npm i -D @tensorflow/tfjs-core @tensorflow/tfjs-backend-cpu @tensorflow/tfjs-backend-wasm';
let loaded: Promise<{ tf: Tf; info: TfInfo }> | undefined;

async function load(): Promise<{ tf: Tf; info: TfInfo }> {
  const tf = await optionalImport<Tf>('@tensorflow/tfjs-core', hint);
  await optionalImport('@tensorflow/tfjs-backend-cpu', hint);
  const wasm = await optionalImport<TfWasm>('@tensorflow/tfjs-backend-wasm', hint);
  // Production mode also silences the "install tfjs-node" banner the cpu backend prints in Node.
  tf.enableProdMode();
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  wasm.setWasmPaths(`${dir}${path.sep}`);
  // Node has no web workers for Emscripten's pthreads; force the single-threaded binary regardless.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  const info: TfInfo = { version: tf.version_core };
  return { tf, info };
}

/**
 * tfjs-core switched to `backend` (initialized on first use). Throws {@link PeerUnavailable}
 * when tfjs is not installed.
 * @example const tf = await useTf('wasm'); tf.matMul(a, b).dataSync();
 */
export async function useTf(backend: TfBackend): Promise<Tf> {
  loaded ??= load();
  const { tf, info } = await loaded;
  if (!(await tf.setBackend(backend))) throw new PeerUnavailable(`tfjs backend '${backend}' failed to initialize`);
  await tf.ready();
  if (backend === 'wasm' && info.wasm === undefined) {
    const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
    const threaded = Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
    const binary = `tfjs-backend-wasm${threaded && simd ? '-threaded-simd' : simd ? '-simd' : ''}.wasm`;
    const wasm = await optionalImport<TfWasm>('@tensorflow/tfjs-backend-wasm', hint);
    const file = createRequire(import.meta.url).resolve(`@tensorflow/tfjs-backend-wasm/dist/${binary}`);
    // Relative to the working directory, so the results file does not record this machine's paths.
    info.wasm = { binary, simd, threads: wasm.getThreadsCount(), path: path.relative(process.cwd(), file) };
  }
  return tf;
}

/** Versions and wasm flavour, once tfjs was used (undefined otherwise). */
export async function tfInfo(): Promise<TfInfo | undefined> {
  if (loaded === undefined) return undefined;
  try {
    return (await loaded).info;
  } catch {
    return undefined;
  }
}
