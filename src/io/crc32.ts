/**
 * CRC-32 (the IEEE 802.3 / zip / PNG polynomial, reflected 0xEDB88320) over
 * bytes, table-driven: one 256-entry table built on first use, then one table
 * lookup per byte.
 */

let table: Uint32Array | undefined;

function crcTable(): Uint32Array {
  if (table !== undefined) return table;
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  table = t;
  return t;
}

/**
 * The CRC-32 checksum of `bytes[start, end)` as an unsigned 32-bit integer.
 *
 * @param start - first byte included. Default 0.
 * @param end - first byte excluded. Default `bytes.length`.
 * @example crc32(new TextEncoder().encode('123456789')) // 0xcbf43926
 */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  const t = crcTable();
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
