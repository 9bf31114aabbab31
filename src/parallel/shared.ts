/**
 * Data shared with workers through `SharedArrayBuffer`: a tensor is copied
 * into shared memory once, then every worker views the same bytes (no copy
 * per task or per worker).
 */
import type { DType } from '../tensor/dtype.js';
import { Tensor } from '../tensor/tensor.js';

/** A tensor living in shared memory, as it travels to a worker. */
export interface SharedTensor {
  buffer: SharedArrayBuffer;
  dtype: DType;
  shape: number[];
}

type TypedCtor = Float64ArrayConstructor | Float32ArrayConstructor | Int32ArrayConstructor | Uint8ArrayConstructor;

const CTORS: Record<DType, TypedCtor> = {
  float64: Float64Array,
  float32: Float32Array,
  int32: Int32Array,
  bool: Uint8Array,
};

/** A typed array kind that can live in shared memory. */
export type ShareableArray = Float64Array | Float32Array | Int32Array | Uint8Array;

/**
 * `a` itself when it already spans a whole `SharedArrayBuffer`, else a copy in a new one.
 * @example shareArray(Float64Array.of(1, 2)).buffer instanceof SharedArrayBuffer // true
 */
export function shareArray<T extends ShareableArray>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength) return a;
  const out = new (a.constructor as new (buffer: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength));
  out.set(a as never);
  return out;
}

/**
 * Copies a tensor's data into a new `SharedArrayBuffer` (or reuses it when it
 * already lives in one).
 * @example const shared = shareTensor(X); worker.postMessage(shared);
 */
export function shareTensor(x: Tensor): SharedTensor {
  const data = shareArray(x.data);
  return { buffer: data.buffer as SharedArrayBuffer, dtype: x.dtype, shape: [...x.shape] };
}

/**
 * The tensor viewing a {@link SharedTensor}'s memory (no copy). Treat it as read-only.
 * @example const X = fromShared(message.X);
 */
export function fromShared(shared: SharedTensor): Tensor {
  const Ctor = CTORS[shared.dtype];
  if (Ctor === undefined) throw new TypeError(`fromShared: unknown dtype '${String(shared.dtype)}'`);
  return new Tensor(new (Ctor as Float64ArrayConstructor)(shared.buffer), shared.shape, shared.dtype);
}

/**
 * Whether `SharedArrayBuffer` is usable here (browsers need cross-origin isolation).
 * @example if (!sharedMemoryAvailable()) nJobs = 1;
 */
export function sharedMemoryAvailable(): boolean {
  return typeof SharedArrayBuffer === 'function';
}
