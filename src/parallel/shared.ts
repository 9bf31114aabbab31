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

/**
 * Copies a tensor's data into a new `SharedArrayBuffer` (or reuses it when it
 * already lives in one).
 * @example const shared = shareTensor(X); worker.postMessage(shared);
 */
export function shareTensor(x: Tensor): SharedTensor {
  const data = x.data;
  if (data.buffer instanceof SharedArrayBuffer && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength) {
    return { buffer: data.buffer, dtype: x.dtype, shape: [...x.shape] };
  }
  const buffer = new SharedArrayBuffer(data.byteLength);
  new (CTORS[x.dtype] as Float64ArrayConstructor)(buffer).set(data as Float64Array);
  return { buffer, dtype: x.dtype, shape: [...x.shape] };
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
