/**
 * The Q matrices the SMO solver works on (libsvm's `SVC_Q`, `ONE_CLASS_Q`,
 * `SVR_Q`): `Q_ij = y_i y_j K(x_i, x_j)` for classification (`y ≡ 1` for one
 * class), and for ε-/ν-regression the `2l × 2l` matrix
 * `[[K, -K], [-K, K]]` built from one cached `l × l` kernel. Columns come
 * from a {@link KernelCache} as float32, as in libsvm.
 */
import { KernelCache } from './kernel-cache.js';
import type { TrainingKernel } from './kernels.js';

/** What the solver needs from a Q matrix. */
export interface QMatrix {
  /** Column `i`, entries `[0, len)` valid (float32). */
  getQ(i: number, len: number): Float32Array;
  /** The diagonal `Q_ii`. */
  readonly QD: Float64Array;
  /** Swaps variables `i` and `j` (the solver's active-set permutation). */
  swapIndex(i: number, j: number): void;
}

/**
 * `Q_ij = y_i y_j K_ij` over `l` rows, with the cache following the solver's permutation.
 * @example new SvcQ(kernel, Int8Array.of(1, -1), 200).getQ(0, 2)
 */
export class SvcQ implements QMatrix {
  readonly QD: Float64Array;
  readonly #kernel: TrainingKernel;
  readonly #y: Int8Array;
  readonly #cache: KernelCache;
  readonly #scratch: Float64Array;

  constructor(kernel: TrainingKernel, y: Int8Array, cacheSizeMB: number) {
    const l = y.length;
    this.#kernel = kernel;
    this.#y = y.slice();
    this.#cache = new KernelCache(l, cacheSizeMB);
    this.#scratch = new Float64Array(l);
    this.QD = new Float64Array(l);
    for (let i = 0; i < l; i++) this.QD[i] = kernel.value(i, i);
  }

  getQ(i: number, len: number): Float32Array {
    const cache = this.#cache;
    const start = cache.getData(i, len);
    const data = cache.data;
    if (start < len) {
      const k = this.#scratch;
      this.#kernel.fill(i, start, len, k);
      const y = this.#y;
      const yi = y[i];
      for (let j = start; j < len; j++) data[j] = yi * y[j] * k[j];
    }
    return data;
  }

  swapIndex(i: number, j: number): void {
    this.#cache.swapIndex(i, j);
    this.#kernel.swap(i, j);
    const y = this.#y;
    const t = y[i];
    y[i] = y[j];
    y[j] = t;
    const q = this.QD[i];
    this.QD[i] = this.QD[j];
    this.QD[j] = q;
  }
}

/**
 * The `2l × 2l` regression Q matrix; variable `k < l` is `α_k`, `k ≥ l` is `α*_{k-l}`.
 * @example new SvrQ(kernel, 50, 200).getQ(0, 100)
 */
export class SvrQ implements QMatrix {
  readonly QD: Float64Array;
  readonly #kernel: TrainingKernel;
  readonly #l: number;
  readonly #cache: KernelCache;
  readonly #sign: Int8Array;
  readonly #index: Int32Array;
  readonly #buffers: [Float32Array, Float32Array];
  #next = 0;
  readonly #scratch: Float64Array;

  constructor(kernel: TrainingKernel, l: number, cacheSizeMB: number) {
    this.#kernel = kernel;
    this.#l = l;
    this.#cache = new KernelCache(l, cacheSizeMB);
    this.#sign = new Int8Array(2 * l);
    this.#index = new Int32Array(2 * l);
    this.QD = new Float64Array(2 * l);
    for (let k = 0; k < l; k++) {
      this.#sign[k] = 1;
      this.#sign[k + l] = -1;
      this.#index[k] = k;
      this.#index[k + l] = k;
      this.QD[k] = kernel.value(k, k);
      this.QD[k + l] = this.QD[k];
    }
    this.#buffers = [new Float32Array(2 * l), new Float32Array(2 * l)];
    this.#scratch = new Float64Array(l);
  }

  getQ(i: number, len: number): Float32Array {
    const l = this.#l;
    const realI = this.#index[i];
    const cache = this.#cache;
    if (cache.getData(realI, l) < l) {
      const k = this.#scratch;
      this.#kernel.fill(realI, 0, l, k);
      cache.data.set(k);
    }
    const data = cache.data;
    const buf = this.#buffers[this.#next];
    this.#next = 1 - this.#next;
    const sign = this.#sign;
    const index = this.#index;
    const si = sign[i];
    for (let j = 0; j < len; j++) buf[j] = si * sign[j] * data[index[j]];
    return buf;
  }

  swapIndex(i: number, j: number): void {
    const s = this.#sign[i];
    this.#sign[i] = this.#sign[j];
    this.#sign[j] = s;
    const t = this.#index[i];
    this.#index[i] = this.#index[j];
    this.#index[j] = t;
    const q = this.QD[i];
    this.QD[i] = this.QD[j];
    this.QD[j] = q;
  }
}
