/**
 * Reads a file shipped in the package's `datasets/` folder. Node-only for now:
 * the browser build of the bundled datasets is the data issue's to decide (#3).
 */
import { readFileSync } from 'node:fs';

/** Text of `datasets/<file>` inside the installed package. */
export function readBundledFile(file: string): string {
  // Compiled location is dist/src/data/, so the package root is three levels up.
  return readFileSync(new URL(`../../../datasets/${file}`, import.meta.url), 'utf8');
}
