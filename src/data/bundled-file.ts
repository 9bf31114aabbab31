/**
 * Reads a file shipped in the package's `datasets/` folder. Node-only for now:
 * a browser build would fetch the same files.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** Bytes of `datasets/<file>` inside the installed package, gunzipped when the name ends in `.gz`. */
export function readBundledBytes(file: string): Uint8Array {
  // Compiled location is dist/src/data/, so the package root is three levels up.
  const raw = readFileSync(new URL(`../../../datasets/${file}`, import.meta.url));
  return file.endsWith('.gz') ? new Uint8Array(gunzipSync(raw)) : new Uint8Array(raw);
}

/** Text of `datasets/<file>` (UTF-8). */
export function readBundledFile(file: string): string {
  return new TextDecoder('utf-8').decode(readBundledBytes(file));
}
