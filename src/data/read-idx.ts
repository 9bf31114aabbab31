/**
 * `readIdx`: the IDX format of MNIST / Fashion-MNIST (plain or gzipped).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { ValidationError } from '../base/errors.js';
import { Tensor } from '../tensor/tensor.js';

/** IDX type byte → [name, bytes per element]. */
const TYPES: Record<number, [string, number]> = {
  8: ['uint8', 1],
  9: ['int8', 1],
  11: ['int16', 2],
  12: ['int32', 4],
  13: ['float32', 4],
  14: ['float64', 8],
};

/**
 * Reads an IDX file (a path, or its bytes; gzip is detected by its magic
 * bytes) into a Tensor of its dimensions: the magic number is two zero bytes,
 * a type byte and the number of dimensions, then one big-endian uint32 per
 * dimension, then the big-endian values. Integer types give an int32
 * tensor, float32 a float32 one, float64 a float64 one. A wrong magic number
 * or a size mismatch is a ValidationError.
 * @example readIdx('train-images-idx3-ubyte.gz').shape // [60000, 28, 28]
 */
export function readIdx(source: string | Uint8Array): Tensor {
  let bytes = typeof source === 'string' ? new Uint8Array(readFileSync(source)) : source;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = new Uint8Array(gunzipSync(bytes));
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    throw new ValidationError('readIdx: not an IDX file (the magic number must start with two zero bytes)');
  }
  const type = TYPES[bytes[2]];
  if (type === undefined) {
    throw new ValidationError(`readIdx: unknown IDX type byte 0x${bytes[2].toString(16)}`, { got: bytes[2] });
  }
  const ndim = bytes[3];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = 4 + 4 * ndim;
  if (bytes.length < header) throw new ValidationError(`readIdx: truncated header (${ndim} dimensions)`);
  const shape: number[] = [];
  for (let d = 0; d < ndim; d++) shape.push(view.getUint32(4 + 4 * d, false));
  const size = shape.reduce((a, b) => a * b, 1);
  const [name, width] = type;
  if (bytes.length - header !== size * width) {
    throw new ValidationError(
      `readIdx: shape [${shape.join(', ')}] needs ${size * width} bytes of ${name} data but the file has ${bytes.length - header}`,
      { expected: size * width, got: bytes.length - header },
    );
  }
  let data: Int32Array | Float32Array | Float64Array;
  switch (name) {
    case 'uint8':
      data = Int32Array.from(bytes.subarray(header));
      break;
    case 'int8':
      data = Int32Array.from(new Int8Array(bytes.buffer, bytes.byteOffset + header, size));
      break;
    case 'int16':
      data = new Int32Array(size);
      for (let i = 0; i < size; i++) data[i] = view.getInt16(header + 2 * i, false);
      break;
    case 'int32':
      data = new Int32Array(size);
      for (let i = 0; i < size; i++) data[i] = view.getInt32(header + 4 * i, false);
      break;
    case 'float32':
      data = new Float32Array(size);
      for (let i = 0; i < size; i++) data[i] = view.getFloat32(header + 4 * i, false);
      break;
    default:
      data = new Float64Array(size);
      for (let i = 0; i < size; i++) data[i] = view.getFloat64(header + 8 * i, false);
  }
  return new Tensor(data, shape);
}
