/**
 * Test helpers: run the built `typelearn` command as a child process and
 * write small CSV fixtures under `dist/test/cli/tmp/` (inside the repo).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root (this file runs from `dist/test/cli/`). */
export const ROOT = join(here, '..', '..', '..');
const MAIN = join(ROOT, 'dist', 'src', 'cli', 'main.js');

/** A directory for one test file's fixtures, created empty-or-existing. */
export function tmpDir(name: string): string {
  const dir = join(ROOT, 'dist', 'test', 'cli', 'tmp', name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** What a CLI run printed and its exit code. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/src/cli/main.js ...args` from the repo root. */
export function runCli(...args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [MAIN, ...args],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A tiny deterministic generator (fixtures only). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Writes `n` rows of a learnable table: `label` is 'yes' exactly when
 * `age > 40` or `color` is 'red'; `price` is a linear function of age and size
 * plus noise; `name` is unique per row (text-like); some ages are missing.
 */
export function writeFixture(path: string, n: number, seed: number, columns?: string[]): void {
  const rand = lcg(seed);
  const all = ['age', 'color', 'size', 'name', 'label', 'price'];
  const keep = columns ?? all;
  const lines = [keep.join(',')];
  for (let i = 0; i < n; i++) {
    const age = Math.floor(rand() * 70);
    const color = ['red', 'green', 'blue'][Math.floor(rand() * 3)];
    const size = (rand() * 10).toFixed(2);
    const row: Record<string, string> = {
      age: i % 13 === 5 ? '' : String(age),
      color,
      size,
      name: `person ${seed}-${i}`,
      label: age > 40 || color === 'red' ? 'yes' : 'no',
      price: (3 * age + 10 * Number(size) + rand()).toFixed(3),
    };
    lines.push(keep.map((c) => row[c]).join(','));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}
