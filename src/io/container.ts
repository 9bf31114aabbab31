/**
 * The binary model container, byte by byte (all integers little-endian):
 *
 * | offset | size | content |
 * |---|---|---|
 * | 0 | 8 | magic `TLMODEL\0` |
 * | 8 | 4 | container format version (u32, currently 1) |
 * | 12 | 4 | header length H in bytes (u32) |
 * | 16 | 8 | total file length in bytes, checksum included (u64) |
 * | 24 | H | header: UTF-8 JSON |
 * | … | | zero padding to a multiple of 8 (start of the buffer section) |
 * | … | | buffers, each starting at a multiple of 8 from the section start, zero-padded |
 * | end − 4 | 4 | CRC-32 of every byte before it (u32) |
 *
 * The header's `buffers` lists each buffer as `{ dtype, length, offset }`,
 * offsets relative to the buffer section. The layout is canonical (no free
 * choices), so the same model always gives the same bytes.
 */
import type { JsonValue } from '../base/types.js';
import {
  type BufferDType,
  bytesPerElement,
  dtypeOf,
  isBufferDType,
  type NumericArray,
  readLittleEndian,
  writeLittleEndian,
} from './buffers.js';
import { crc32 } from './crc32.js';
import { describeForeignBytes, hexPrefix, ModelFormatError } from './errors.js';
import { typelearnVersion } from './version.js';

/** The 8 bytes every typelearn model file starts with. */
export const MAGIC: Uint8Array = new Uint8Array([0x54, 0x4c, 0x4d, 0x4f, 0x44, 0x45, 0x4c, 0x00]);

/** The container format version this typelearn writes, and the newest it reads. */
export const FORMAT_VERSION = 1;

/** Bytes before the header. */
export const PREAMBLE_BYTES = 24;

/** One buffer's entry in the header. */
export interface BufferEntry {
  dtype: BufferDType;
  length: number;
  offset: number;
}

const align8 = (n: number): number => Math.ceil(n / 8) * 8;

/**
 * Packs a JSON header (given the buffer table through `withBuffers`) and the
 * buffers into container bytes with a trailing CRC-32.
 * @example writeContainer((buffers) => ({ className: 'X', buffers }), [new Float64Array([1, 2])])
 */
export function writeContainer(
  withBuffers: (entries: BufferEntry[]) => Record<string, JsonValue>,
  buffers: readonly NumericArray[],
): Uint8Array {
  const entries: BufferEntry[] = [];
  let end = 0;
  for (const b of buffers) {
    const offset = align8(end);
    entries.push({ dtype: dtypeOf(b), length: b.length, offset });
    end = offset + b.byteLength;
  }
  const header = new TextEncoder().encode(JSON.stringify(withBuffers(entries)));
  const start = align8(PREAMBLE_BYTES + header.length);
  const total = start + align8(end) + 4;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint32(8, FORMAT_VERSION, true);
  view.setUint32(12, header.length, true);
  view.setBigUint64(16, BigInt(total), true);
  out.set(header, PREAMBLE_BYTES);
  for (let i = 0; i < buffers.length; i++) writeLittleEndian(buffers[i], out, start + entries[i].offset);
  view.setUint32(total - 4, crc32(out, 0, total - 4), true);
  return out;
}

/** Whether `bytes` start with the container magic. */
export function hasMagic(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && MAGIC.every((b, i) => bytes[i] === b);
}

function truncated(expected: number | bigint, got: number, what = ''): never {
  throw new ModelFormatError(
    'truncated',
    `typelearn model file is truncated: expected ${expected} bytes${what}, got ${got}. The file was cut short (an interrupted download or copy?)`,
    { expected: Number(expected), got },
  );
}

/**
 * Checks the preamble, length and checksum of container bytes and returns the
 * parsed JSON header and the bytes. Throws a {@link ModelFormatError} saying
 * which check failed: `foreign` (wrong magic, naming what the bytes look
 * like), `truncated` (expected vs actual length), `version` (which version is
 * needed), `corrupted` (checksum mismatch, trailing bytes), `invalid` (header
 * not JSON).
 * @example const { header } = readContainer(bytes);
 */
export function readContainer(bytes: Uint8Array): { header: Record<string, JsonValue>; bufferStart: number } {
  if (!hasMagic(bytes)) {
    if (bytes.length > 0 && bytes.length < MAGIC.length && bytes.every((b, i) => b === MAGIC[i])) {
      truncated(PREAMBLE_BYTES, bytes.length, ' at least');
    }
    const looks = describeForeignBytes(bytes);
    throw new ModelFormatError(
      'foreign',
      `not a typelearn model file (found bytes ${hexPrefix(bytes) || 'none'}${looks ? `; it looks like ${looks}` : ''})`,
      { expected: 'TLMODEL\\0', got: hexPrefix(bytes) },
    );
  }
  if (bytes.length < PREAMBLE_BYTES) truncated(PREAMBLE_BYTES, bytes.length, ' at least');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version === 0)
    throw new ModelFormatError('corrupted', 'typelearn model file is corrupted: format version 0 does not exist', {
      expected: FORMAT_VERSION,
      got: 0,
    });
  if (version > FORMAT_VERSION) {
    throw new ModelFormatError(
      'version',
      `this model file needs typelearn model format version ${version}; this typelearn (${typelearnVersion()}) reads format versions up to ${FORMAT_VERSION}. Upgrade typelearn to load it.`,
      { expected: FORMAT_VERSION, got: version },
    );
  }
  const total = view.getBigUint64(16, true);
  if (total > BigInt(bytes.length)) truncated(total, bytes.length);
  if (total < BigInt(bytes.length)) {
    throw new ModelFormatError(
      'corrupted',
      `typelearn model file is corrupted: ${BigInt(bytes.length) - total} unexpected bytes after its end (expected ${total} bytes, got ${bytes.length})`,
      { expected: Number(total), got: bytes.length },
    );
  }
  const end = bytes.length - 4;
  if (end < PREAMBLE_BYTES) truncated(PREAMBLE_BYTES + 4, bytes.length, ' at least');
  const stored = view.getUint32(end, true);
  const computed = crc32(bytes, 0, end);
  if (stored !== computed) {
    throw new ModelFormatError(
      'corrupted',
      `typelearn model file is corrupted: checksum mismatch (stored CRC-32 ${stored.toString(16).padStart(8, '0')}, computed ${computed.toString(16).padStart(8, '0')})`,
      { expected: stored, got: computed },
    );
  }
  const headerLength = view.getUint32(12, true);
  if (PREAMBLE_BYTES + headerLength > end) {
    throw new ModelFormatError(
      'invalid',
      `typelearn model file is invalid: header length ${headerLength} runs past the end`,
    );
  }
  let header: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(
      bytes.subarray(PREAMBLE_BYTES, PREAMBLE_BYTES + headerLength),
    );
    header = JSON.parse(text);
  } catch (cause) {
    throw new ModelFormatError(
      'invalid',
      `typelearn model file is invalid: the header is not UTF-8 JSON (${(cause as Error).message})`,
      { cause },
    );
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    throw new ModelFormatError('invalid', 'typelearn model file is invalid: the header must be a JSON object');
  }
  return { header: header as Record<string, JsonValue>, bufferStart: align8(PREAMBLE_BYTES + headerLength) };
}

/**
 * Reads the buffers listed in `header.buffers`, checking that each entry is
 * well-formed and sits exactly where the canonical layout puts it.
 * @example const buffers = readBuffers(bytes, header.buffers, bufferStart);
 */
export function readBuffers(bytes: Uint8Array, table: JsonValue | undefined, bufferStart: number): NumericArray[] {
  if (!Array.isArray(table)) throw new ModelFormatError('invalid', 'header.buffers must be an array');
  const out: NumericArray[] = [];
  let end = 0;
  const sectionLength = bytes.length - 4 - bufferStart;
  table.forEach((entry, i) => {
    const where = `header.buffers[${i}]`;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      throw new ModelFormatError('invalid', `${where} must be an object`);
    }
    const { dtype, length, offset } = entry;
    if (!isBufferDType(dtype))
      throw new ModelFormatError('invalid', `${where}.dtype: unknown dtype ${JSON.stringify(dtype)}`);
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 0) {
      throw new ModelFormatError(
        'invalid',
        `${where}.length must be a non-negative integer, got ${JSON.stringify(length)}`,
      );
    }
    if (offset !== align8(end)) {
      throw new ModelFormatError('invalid', `${where}.offset should be ${align8(end)}, got ${JSON.stringify(offset)}`, {
        expected: align8(end),
        got: offset,
      });
    }
    const byteLength = length * bytesPerElement(dtype);
    if (offset + byteLength > sectionLength) {
      throw new ModelFormatError(
        'invalid',
        `${where}: ${length} ${dtype} values (${byteLength} bytes) at offset ${offset} run past the end of the buffer section (${sectionLength} bytes)`,
      );
    }
    out.push(readLittleEndian(bytes, bufferStart + offset, dtype, length));
    end = offset + byteLength;
  });
  if (align8(end) !== sectionLength) {
    throw new ModelFormatError(
      'invalid',
      `the buffer section is ${sectionLength} bytes but header.buffers describes ${align8(end)}`,
      { expected: align8(end), got: sectionLength },
    );
  }
  return out;
}
