/**
 * Moving typed-array data out of a saved model's JSON into binary buffers and
 * back. In the JSON (`toJSON` output, see `base/state.ts`) the array data of
 * `typedArray`, `tensor` and `sparseMatrix` tags is a list of numbers; in the
 * binary container that list becomes a reference `{ $buffer: index, dtype, length }`
 * to a little-endian buffer. Only those tag fields are ever read as
 * references, so a plain object that happens to have a `$buffer` key stays data.
 */
import { encodeNumbers } from '../base/state.js';
import type { JsonValue } from '../base/types.js';
import { ModelFormatError } from './errors.js';

/** Element types a buffer can hold. */
export type BufferDType =
  | 'float64'
  | 'float32'
  | 'int32'
  | 'uint32'
  | 'int16'
  | 'uint16'
  | 'int8'
  | 'uint8'
  | 'uint8clamped';

/** A typed array that a buffer holds. */
export type NumericArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray;

type ArrayCtor = {
  new (length: number): NumericArray;
  new (buffer: ArrayBuffer): NumericArray;
  BYTES_PER_ELEMENT: number;
};

const CTORS: Record<BufferDType, ArrayCtor> = {
  float64: Float64Array,
  float32: Float32Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int8: Int8Array,
  uint8: Uint8Array,
  uint8clamped: Uint8ClampedArray,
};

/** Buffer dtype of each `typedArray` tag's `arrayType`. */
const ARRAY_TYPE_DTYPE: Record<string, BufferDType> = {
  Float64Array: 'float64',
  Float32Array: 'float32',
  Int32Array: 'int32',
  Uint32Array: 'uint32',
  Int16Array: 'int16',
  Uint16Array: 'uint16',
  Int8Array: 'int8',
  Uint8Array: 'uint8',
  Uint8ClampedArray: 'uint8clamped',
};

/** Buffer dtype of each Tensor dtype's storage (bool tensors are Uint8Array 0/1). */
const TENSOR_DTYPE: Record<string, BufferDType> = {
  float64: 'float64',
  float32: 'float32',
  int32: 'int32',
  bool: 'uint8',
};

/**
 * Whether `name` is a buffer dtype.
 * @example isBufferDType('float32') // true
 */
export function isBufferDType(name: unknown): name is BufferDType {
  return typeof name === 'string' && Object.hasOwn(CTORS, name);
}

/**
 * Bytes per element of a buffer dtype.
 * @example bytesPerElement('float32') // 4
 */
export function bytesPerElement(dtype: BufferDType): number {
  return CTORS[dtype].BYTES_PER_ELEMENT;
}

/**
 * The buffer dtype of a typed array.
 * @example dtypeOf(new Int32Array(2)) // 'int32'
 */
export function dtypeOf(array: NumericArray): BufferDType {
  for (const name of Object.keys(CTORS) as BufferDType[]) if (array.constructor === CTORS[name]) return name;
  throw new ModelFormatError('unserializable', `unsupported typed array ${array.constructor.name}`);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function swapBytes(bytes: Uint8Array, width: number): void {
  for (let i = 0; i + width <= bytes.length; i += width) {
    for (let a = i, b = i + width - 1; a < b; a++, b--) {
      const t = bytes[a];
      bytes[a] = bytes[b];
      bytes[b] = t;
    }
  }
}

/**
 * Writes `array`'s elements little-endian into `target` at `offset`.
 * @example writeLittleEndian(new Float64Array([1]), out, 24)
 */
export function writeLittleEndian(array: NumericArray, target: Uint8Array, offset: number): void {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  target.set(bytes, offset);
  if (!LITTLE_ENDIAN) swapBytes(target.subarray(offset, offset + bytes.length), array.BYTES_PER_ELEMENT);
}

/**
 * A fresh typed array of `length` `dtype` elements read little-endian from `source` at `offset`
 * (copied, so the result is aligned whatever `source`'s own offset).
 * @example readLittleEndian(bytes, 24, 'float64', 3)
 */
export function readLittleEndian(source: Uint8Array, offset: number, dtype: BufferDType, length: number): NumericArray {
  const Ctor = CTORS[dtype];
  const copy = source.slice(offset, offset + length * Ctor.BYTES_PER_ELEMENT);
  if (!LITTLE_ENDIAN) swapBytes(copy, Ctor.BYTES_PER_ELEMENT);
  return new Ctor(copy.buffer);
}

function specialNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return Number.NaN;
  if (v === 'Infinity') return Number.POSITIVE_INFINITY;
  if (v === '-Infinity') return Number.NEGATIVE_INFINITY;
  if (v === '-0') return -0;
  return undefined;
}

/** `encoded` (numbers and special-number strings) as a `dtype` array, or `undefined` if it does not fit exactly. */
function packNumbers(encoded: JsonValue, dtype: BufferDType): NumericArray | undefined {
  if (!Array.isArray(encoded)) return undefined;
  const out = new CTORS[dtype](encoded.length);
  for (let i = 0; i < encoded.length; i++) {
    const v = specialNumber(encoded[i]);
    if (v === undefined) return undefined;
    out[i] = v;
    if (!Object.is(out[i], v)) return undefined;
  }
  return out;
}

type JsonObject = { [key: string]: JsonValue };

/** The array fields of each tag and the buffer dtype each holds. */
function arrayFields(obj: JsonObject): Record<string, BufferDType> | undefined {
  switch (obj.$type) {
    case 'typedArray': {
      const dtype = typeof obj.arrayType === 'string' ? ARRAY_TYPE_DTYPE[obj.arrayType] : undefined;
      return dtype === undefined ? undefined : { data: dtype };
    }
    case 'tensor': {
      const dtype = typeof obj.dtype === 'string' ? TENSOR_DTYPE[obj.dtype] : undefined;
      return dtype === undefined ? undefined : { data: dtype };
    }
    case 'sparseMatrix':
      return { data: 'float64', indices: 'int32', indptr: 'int32' };
    default:
      return undefined;
  }
}

/** `obj[key] = value` that stays an own data property even for the key `__proto__` (from a hostile header). */
function setKey(obj: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function isObject(value: JsonValue): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A copy of saved-model JSON with every typed-array data list replaced by a
 * `{ $buffer, dtype, length }` reference; the arrays are appended to `buffers`
 * in document order (so the layout is reproducible).
 * @example
 * const buffers: NumericArray[] = [];
 * extractBuffers({ $type: 'typedArray', arrayType: 'Float32Array', data: [1, 2] }, buffers);
 * // { $type: 'typedArray', arrayType: 'Float32Array', data: { $buffer: 0, dtype: 'float32', length: 2 } }
 */
export function extractBuffers(value: JsonValue, buffers: NumericArray[]): JsonValue {
  if (Array.isArray(value)) return value.map((v) => extractBuffers(v, buffers));
  if (!isObject(value)) return value;
  const fields = arrayFields(value);
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) {
    const dtype = fields?.[key];
    const packed = dtype === undefined ? undefined : packNumbers(v, dtype);
    if (dtype !== undefined && packed !== undefined) {
      setKey(out, key, { $buffer: buffers.length, dtype, length: packed.length });
      buffers.push(packed);
    } else {
      setKey(out, key, extractBuffers(v, buffers));
    }
  }
  return out;
}

function fail(where: string, message: string, expected?: unknown, got?: unknown): never {
  throw new ModelFormatError('invalid', `${where}: ${message}`, { expected, got });
}

function resolveRef(
  ref: JsonObject,
  dtype: BufferDType,
  buffers: readonly NumericArray[],
  used: Uint8Array,
  where: string,
): JsonValue {
  const keys = Object.keys(ref).sort().join(',');
  if (keys !== '$buffer,dtype,length')
    fail(where, `a buffer reference must have exactly $buffer, dtype and length (has ${keys})`);
  const index = ref.$buffer;
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= buffers.length) {
    fail(where, `buffer index ${JSON.stringify(index)} is not one of the ${buffers.length} buffers`);
  }
  if (used[index]) fail(where, `buffer ${index} is referenced twice`);
  used[index] = 1;
  const buffer = buffers[index];
  if (ref.dtype !== dtype)
    fail(where, `buffer dtype is ${JSON.stringify(ref.dtype)} but this field holds ${dtype}`, dtype, ref.dtype);
  if (dtypeOf(buffer) !== dtype)
    fail(where, `buffer ${index} holds ${dtypeOf(buffer)} but this field holds ${dtype}`, dtype, dtypeOf(buffer));
  if (ref.length !== buffer.length) {
    fail(
      where,
      `reference says length ${JSON.stringify(ref.length)} but buffer ${index} holds ${buffer.length} values`,
      buffer.length,
      ref.length,
    );
  }
  return encodeNumbers(buffer);
}

function checkTensorLength(obj: JsonObject, length: number, where: string): void {
  const shape = obj.shape;
  if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0)) {
    fail(where, 'shape must be an array of non-negative integers');
  }
  const size = (shape as number[]).reduce((a, b) => a * b, 1);
  if (size !== length)
    fail(
      `${where}.data`,
      `shape [${shape.join(', ')}] needs ${size} values but the buffer holds ${length}`,
      size,
      length,
    );
}

/**
 * Inverse of {@link extractBuffers} over several roots sharing one buffer list
 * (params and state): replaces each reference with the buffer's values (as
 * `encodeState` writes them), checking that the reference's dtype and length
 * agree with the buffer and with the tag (`arrayType`, tensor dtype and shape)
 * and that each buffer is used exactly once. Errors are {@link ModelFormatError}s
 * naming the field, e.g. `state.model.coef.data`.
 * @example restoreAll({ params: header.params, state: header.state }, buffers)
 */
export function restoreAll(
  roots: Record<string, JsonValue>,
  buffers: readonly NumericArray[],
): Record<string, JsonValue> {
  const used = new Uint8Array(buffers.length);
  const out: Record<string, JsonValue> = {};
  for (const [name, value] of Object.entries(roots)) out[name] = restore(value, buffers, used, name);
  const unused = used.indexOf(0);
  if (unused >= 0) fail('buffers', `buffer ${unused} is not referenced by any field`);
  return out;
}

function restore(value: JsonValue, buffers: readonly NumericArray[], used: Uint8Array, where: string): JsonValue {
  if (Array.isArray(value)) return value.map((v, i) => restore(v, buffers, used, `${where}[${i}]`));
  if (!isObject(value)) return value;
  const fields = arrayFields(value);
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) {
    const dtype = fields?.[key];
    const here = `${where}.${key}`;
    // decodeState would turn this key into the object's prototype and silently drop it.
    if (key === '__proto__') fail(here, "the key '__proto__' is not allowed in a saved model");
    if (dtype !== undefined && isObject(v)) {
      const values = resolveRef(v, dtype, buffers, used, here);
      if (value.$type === 'tensor') checkTensorLength(value, (values as JsonValue[]).length, where);
      setKey(out, key, values);
    } else {
      setKey(out, key, restore(v, buffers, used, here));
    }
  }
  return out;
}
