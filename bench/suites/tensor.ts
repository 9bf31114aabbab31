/**
 * Suite `tensor`: the numeric core against its peers.
 * - GEMM (C = A·B, square n×n, n = 256…2048) in float32 and float64: typelearn's `gemm`
 *   (per kernel backend when the registry offers several), TF.js cpu and wasm (float32 only),
 *   ml-matrix (float64 only), numpy.
 * - Elementwise add, mul, exp and the full sum over 10M elements, float32 and float64:
 *   typelearn `Tensor` methods, TF.js cpu and wasm (float32 only), numpy.
 */
import { gemm } from '../../src/tensor/kernels/gemm.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { type Contender, PeerUnavailable, type Prepared, type Task } from '../harness.js';
import { optionalImport } from '../peers/optional.js';
import { type TfBackend, useTf } from '../peers/tfjs.js';

/** One line for the report header. */
export const description = 'GEMM (float32/float64, n = 256…2048) and 10M-element add, mul, exp, sum';

type FloatDType = 'float32' | 'float64';
type FloatArray = Float32Array | Float64Array;

const gemmSizes = [256, 512, 1024, 2048];
const elementwiseSize = 10_000_000;
const dtypes: FloatDType[] = ['float32', 'float64'];

/** Deterministic fill in [lo, hi) (a small LCG: benchmark inputs only need to be reproducible). */
function randomArray(dtype: FloatDType, length: number, seed: number, lo: number, hi: number): FloatArray {
  const out = dtype === 'float32' ? new Float32Array(length) : new Float64Array(length);
  let s = seed >>> 0;
  const span = hi - lo;
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = lo + (s / 4294967296) * span;
  }
  return out;
}

/** Relative tolerance of result checks: float32 rounding grows with the reduction length. */
const tolerance = (dtype: FloatDType): number => (dtype === 'float32' ? 1e-3 : 1e-9);

// --- typelearn kernel backends -------------------------------------------------------------

interface Registry {
  setBackend(name: string): unknown;
  getBackend(): string;
}

/**
 * The kernel registry if the build has one (`src/tensor/kernels/registry.ts`), loaded by a
 * computed path so this suite also compiles and runs against a tree without it.
 */
async function loadRegistry(): Promise<Registry | undefined> {
  try {
    const url = new URL('../../src/tensor/kernels/registry.js', import.meta.url).href;
    const mod = (await import(url)) as Partial<Registry>;
    if (typeof mod.setBackend === 'function' && typeof mod.getBackend === 'function') return mod as Registry;
  } catch {
    // No registry yet: a single "typelearn" row with whatever `gemm` does.
  }
  return undefined;
}

const registry = await loadRegistry();
const defaultBackend = registry?.getBackend();
/** typelearn rows: one per kernel backend (the default first: it is the reference), or just one. */
const typelearnBackends: (string | undefined)[] =
  registry === undefined ? [undefined] : [...new Set([defaultBackend, 'wasm', 'js'])];

const typelearnName = (backend: string | undefined): string =>
  backend === undefined ? 'typelearn' : `typelearn (${backend})`;

/** Switches the kernel backend for a contender's runs and returns the function restoring the default. */
async function selectBackend(backend: string | undefined): Promise<() => void> {
  if (registry === undefined || backend === undefined) return () => {};
  try {
    await registry.setBackend(backend);
  } catch (err) {
    throw new PeerUnavailable(`backend '${backend}' unavailable: ${(err as Error).message}`);
  }
  if (registry.getBackend() !== backend) throw new PeerUnavailable(`backend '${backend}' unavailable`);
  return () => {
    registry.setBackend(defaultBackend!);
  };
}

// --- GEMM ------------------------------------------------------------------------------------

interface GemmInputs {
  a: FloatArray;
  b: FloatArray;
}

/** Checks a few entries of C = A·B against float64 dot products. */
function checkGemm(inp: GemmInputs, n: number, dtype: FloatDType, at: (i: number, j: number) => number) {
  for (const [i, j] of [
    [0, 0],
    [n - 1, n >> 1],
    [n >> 2, n - 1],
  ]) {
    let want = 0;
    for (let p = 0; p < n; p++) want += inp.a[i * n + p] * inp.b[p * n + j];
    const got = at(i, j);
    if (!(Math.abs(got - want) <= tolerance(dtype) * Math.abs(want) + 1e-6))
      return `C[${i},${j}] = ${got}, expected ${want}`;
  }
  return undefined;
}

function typelearnGemm(n: number, dtype: FloatDType, backend: string | undefined): Contender<GemmInputs> {
  return {
    name: typelearnName(backend),
    async setup(inp): Promise<Prepared> {
      const restore = await selectBackend(backend);
      const c = dtype === 'float32' ? new Float32Array(n * n) : new Float64Array(n * n);
      return {
        run: () => gemm(false, false, n, n, n, 1, inp.a, n, inp.b, n, 0, c, n),
        verify: () => checkGemm(inp, n, dtype, (i, j) => c[i * n + j]),
        dispose: restore,
      };
    },
  };
}

function tfjsGemm(n: number, dtype: FloatDType, backend: TfBackend): Contender<GemmInputs> {
  const name = `tfjs-${backend}`;
  if (dtype === 'float64') return { name, na: 'tfjs has no float64', setup: () => ({ run: () => {} }) };
  return {
    name,
    async setup(inp): Promise<Prepared> {
      const tf = await useTf(backend);
      const a = tf.tensor2d(inp.a as Float32Array, [n, n], 'float32');
      const b = tf.tensor2d(inp.b as Float32Array, [n, n], 'float32');
      let out: ArrayLike<number> = [];
      return {
        run: () => {
          tf.tidy(() => {
            out = tf.matMul(a, b).dataSync();
          });
        },
        verify: () => checkGemm(inp, n, dtype, (i, j) => out[i * n + j]),
        dispose: () => tf.dispose([a, b]),
      };
    },
  };
}

function mlMatrixGemm(n: number, dtype: FloatDType): Contender<GemmInputs> {
  const name = 'ml-matrix';
  if (dtype === 'float32') return { name, na: 'ml-matrix is float64 only', setup: () => ({ run: () => {} }) };
  return {
    name,
    async setup(inp): Promise<Prepared> {
      const { Matrix } = await optionalImport<typeof import('ml-matrix')>('ml-matrix', 'npm i -D ml-matrix');
      const a = Matrix.from1DArray(n, n, inp.a);
      const b = Matrix.from1DArray(n, n, inp.b);
      let c: InstanceType<typeof Matrix> | undefined;
      return {
        run: () => {
          c = a.mmul(b);
        },
        verify: () => checkGemm(inp, n, dtype, (i, j) => c!.get(i, j)),
      };
    },
  };
}

function gemmTask(n: number, dtype: FloatDType): Task {
  const task: Task<GemmInputs> = {
    name: `gemm ${dtype} n=${n}`,
    series: `gemm ${dtype}`,
    unit: 'GFLOP/s',
    work: 2 * n ** 3,
    inputs: () => ({ a: randomArray(dtype, n * n, 1, 0, 1), b: randomArray(dtype, n * n, 2, 0, 1) }),
    contenders: [
      ...typelearnBackends.map((be) => typelearnGemm(n, dtype, be)),
      tfjsGemm(n, dtype, 'cpu'),
      tfjsGemm(n, dtype, 'wasm'),
      mlMatrixGemm(n, dtype),
    ],
    python: { op: 'gemm', n, dtype },
  };
  return task as Task;
}

// --- elementwise and reduction ---------------------------------------------------------------

type ElementwiseOp = 'add' | 'mul' | 'exp' | 'sum';

interface ElementwiseInputs {
  x: FloatArray;
  y: FloatArray;
}

/** Arrays read and written per element: add/mul read two and write one, exp one and one, sum reads one. */
const arraysTouched: Record<ElementwiseOp, number> = { add: 3, mul: 3, exp: 2, sum: 1 };

/** The expected value of element `i` (or of the whole sum), computed in float64. */
function expected(op: ElementwiseOp, inp: ElementwiseInputs, i: number): number {
  switch (op) {
    case 'add':
      return inp.x[i] + inp.y[i];
    case 'mul':
      return inp.x[i] * inp.y[i];
    case 'exp':
      return Math.exp(inp.x[i]);
    case 'sum': {
      let s = 0;
      for (let k = 0; k < inp.x.length; k++) s += inp.x[k];
      return s;
    }
  }
}

/** Checks a few output elements (or the sum) of `op`; `got(i)` reads the contender's output. */
function checkElementwise(op: ElementwiseOp, inp: ElementwiseInputs, dtype: FloatDType, got: (i: number) => number) {
  if (op === 'sum') {
    let scale = 0;
    for (let k = 0; k < inp.x.length; k++) scale += Math.abs(inp.x[k]);
    const want = expected(op, inp, 0);
    const g = got(0);
    const tol = (dtype === 'float32' ? 1e-5 : 1e-12) * scale;
    return Math.abs(g - want) <= tol ? undefined : `sum = ${g}, expected ${want}`;
  }
  const n = inp.x.length;
  for (const i of [0, 1, n >> 1, n - 1]) {
    const want = expected(op, inp, i);
    const g = got(i);
    if (!(Math.abs(g - want) <= tolerance(dtype) * Math.abs(want) + 1e-6)) return `out[${i}] = ${g}, expected ${want}`;
  }
  return undefined;
}

function typelearnElementwise(op: ElementwiseOp, dtype: FloatDType): Contender<ElementwiseInputs> {
  return {
    name: 'typelearn',
    setup(inp): Prepared {
      const x = new Tensor(inp.x);
      const y = new Tensor(inp.y);
      const fn: Record<ElementwiseOp, () => Tensor> = {
        add: () => x.add(y),
        mul: () => x.mul(y),
        exp: () => x.exp(),
        sum: () => x.sum(),
      };
      const f = fn[op];
      let out: Tensor | undefined;
      return {
        run: () => {
          out = f();
        },
        verify: () => {
          if (out!.dtype !== dtype) return `result dtype ${out!.dtype}, expected ${dtype}`;
          return checkElementwise(op, inp, dtype, (i) => out!.data[i]);
        },
      };
    },
  };
}

function tfjsElementwise(op: ElementwiseOp, dtype: FloatDType, backend: TfBackend): Contender<ElementwiseInputs> {
  const name = `tfjs-${backend}`;
  if (dtype === 'float64') return { name, na: 'tfjs has no float64', setup: () => ({ run: () => {} }) };
  return {
    name,
    async setup(inp): Promise<Prepared> {
      const tf = await useTf(backend);
      const x = tf.tensor1d(inp.x as Float32Array, 'float32');
      const y = tf.tensor1d(inp.y as Float32Array, 'float32');
      const fn = { add: () => tf.add(x, y), mul: () => tf.mul(x, y), exp: () => tf.exp(x), sum: () => tf.sum(x) }[op];
      let out: ArrayLike<number> = [];
      return {
        run: () => {
          // dataSync() inside the timed region: the result must be readable from JS, as typelearn's is.
          tf.tidy(() => {
            out = fn().dataSync();
          });
        },
        verify: () => checkElementwise(op, inp, dtype, (i) => out[i]),
        dispose: () => tf.dispose([x, y]),
      };
    },
  };
}

function elementwiseTask(op: ElementwiseOp, dtype: FloatDType): Task {
  const bytes = dtype === 'float32' ? 4 : 8;
  const task: Task<ElementwiseInputs> = {
    name: `${op} ${dtype} 10M`,
    unit: 'GB/s',
    work: arraysTouched[op] * elementwiseSize * bytes,
    // Inputs in [-1, 1): no overflow in exp, no denormals.
    inputs: () => ({
      x: randomArray(dtype, elementwiseSize, 3, -1, 1),
      y: randomArray(dtype, elementwiseSize, 4, -1, 1),
    }),
    contenders: [
      typelearnElementwise(op, dtype),
      tfjsElementwise(op, dtype, 'cpu'),
      tfjsElementwise(op, dtype, 'wasm'),
    ],
    python: { op, size: elementwiseSize, dtype },
  };
  return task as Task;
}

/** The suite's tasks: GEMM by dtype and size, then the 10M-element ops by dtype. */
export const tasks: Task[] = [
  ...dtypes.flatMap((dt) => gemmSizes.map((n) => gemmTask(n, dt))),
  ...dtypes.flatMap((dt) => (['add', 'mul', 'exp', 'sum'] as const).map((op) => elementwiseTask(op, dt))),
];
