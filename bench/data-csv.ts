/**
 * The `data` suite's input: a 1,000,000-row CSV (`id` int, `cat` one of 100 strings,
 * `x` float with 1% missing, `y` float) drawn from typelearn's seeded generator and
 * written once to `bench/.cache/`, so every contender (JS and Python) reads the same bytes.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RandomGenerator } from '../src/tensor/random.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Rows in the benchmark CSV. */
export const CSV_ROWS = 1_000_000;

/** Where the CSV is cached. */
export const csvFile = path.join(root, 'bench', '.cache', `data-${CSV_ROWS}.csv`);

/** Writes the CSV (seed 7) unless it is already there; returns its path. */
export function ensureCsv(): string {
  if (existsSync(csvFile) && statSync(csvFile).size > 0) return csvFile;
  const rng = new RandomGenerator(7);
  const cats = Array.from({ length: 100 }, (_, i) => `cat_${String(i).padStart(3, '0')}`);
  const lines = ['id,cat,x,y'];
  for (let i = 0; i < CSV_ROWS; i++) {
    const cat = cats[rng.integers(100)];
    const x = rng.uniform() < 0.01 ? '' : rng.normal(0, 1).toFixed(6);
    const y = (rng.uniform() * 1000).toFixed(4);
    lines.push(`${i},${cat},${x},${y}`);
  }
  mkdirSync(path.dirname(csvFile), { recursive: true });
  writeFileSync(csvFile, `${lines.join('\n')}\n`);
  return csvFile;
}
