/**
 * The error every failed model load throws, with a machine-readable `reason`
 * so callers (the CLI) can react without parsing messages, and the sniffing
 * that names what a foreign file looks like.
 */
import { ValidationError } from '../base/errors.js';

/** Why a model file was refused. */
export type ModelFormatReason =
  | 'foreign'
  | 'truncated'
  | 'corrupted'
  | 'version'
  | 'unknown-class'
  | 'invalid'
  | 'unserializable';

/**
 * A model file (or in-memory bytes) that cannot be read or written: not a
 * typelearn model, truncated, corrupted, from a newer format version, naming
 * an unknown class, or internally inconsistent. A {@link ValidationError}, so
 * existing `instanceof ValidationError` handling keeps working.
 * @example
 * try { await deserialize(bytes); }
 * catch (e) { if (e instanceof ModelFormatError && e.reason === 'truncated') console.log('download again'); }
 */
export class ModelFormatError extends ValidationError {
  override name = 'ModelFormatError';

  constructor(
    readonly reason: ModelFormatReason,
    message: string,
    details: { expected?: unknown; got?: unknown; cause?: unknown } = {},
  ) {
    super(message, details);
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

function ascii(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0));
}

function isPrintable(bytes: Uint8Array, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (!(b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127) || b >= 0xc2)) return false;
  }
  return true;
}

/**
 * What `bytes` look like when they are not a typelearn model, or `undefined`
 * when unrecognised. Pure inspection of the first bytes; nothing is parsed.
 * @example describeForeignBytes(new Uint8Array([0x50, 0x4b, 3, 4])) // 'a zip archive (…)'
 */
export function describeForeignBytes(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return 'an empty file';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return 'a zip archive (e.g. a PyTorch .pt checkpoint, a .keras model or a NumPy .npz)';
  }
  if (bytes[0] === 0x80 && bytes.length > 1 && bytes[1] >= 2 && bytes[1] <= 5) {
    return 'a Python pickle (pickle/joblib); typelearn never loads pickles because loading them runs code';
  }
  if (bytes[0] === 0x78 && (bytes[1] === 0x01 || bytes[1] === 0x9c || bytes[1] === 0xda)) {
    return 'zlib-compressed data (e.g. a compressed joblib file)';
  }
  if (startsWith(bytes, [0x1f, 0x8b])) return 'gzip-compressed data; decompress it first';
  if (startsWith(bytes, [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return 'an HDF5 file (e.g. a Keras .h5 model)';
  }
  if (startsWith(bytes, [0x93, ...ascii('NUMPY')])) return 'a NumPy .npy array';
  if (startsWith(bytes, ascii('PAR1'))) return 'a Parquet file';
  if (startsWith(bytes, ascii('ARROW1'))) return 'an Arrow IPC file';
  if (startsWith(bytes, [0x89, ...ascii('PNG')])) return 'a PNG image';
  if (startsWith(bytes, ascii('%PDF'))) return 'a PDF document';
  if (bytes.length > 9 && bytes[8] === 0x7b && bytes[9] === 0x22 && bytes[6] === 0 && bytes[7] === 0) {
    return 'a safetensors file';
  }
  // ONNX ModelProto: field 1 (ir_version, varint) first, then usually field 2 or 8.
  if (
    bytes[0] === 0x08 &&
    bytes.length > 2 &&
    bytes[1] > 0 &&
    bytes[1] < 0x20 &&
    [0x12, 0x1a, 0x3a, 0x42].includes(bytes[2])
  ) {
    return 'an ONNX model (protobuf)';
  }
  const n = Math.min(bytes.length, 64);
  if (isPrintable(bytes, n)) {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, n)).trimStart();
    if (text.startsWith('{') || text.startsWith('[')) return 'JSON that is not a saved typelearn model';
    if (text.startsWith('<')) return 'an HTML or XML document';
    return 'a text file (e.g. CSV)';
  }
  return undefined;
}

/** The first bytes as hex, for messages. */
export function hexPrefix(bytes: Uint8Array, n = 8): string {
  const shown = Array.from(bytes.subarray(0, n), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return bytes.length > n ? `${shown} …` : shown;
}
