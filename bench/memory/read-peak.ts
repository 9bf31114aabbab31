/**
 * `node --expose-gc dist/bench/memory/read-peak.js <typelearn|arquero> <file.csv>`: reads the
 * CSV once in a fresh process and prints `{"baseline": bytes, "peak": bytes, "rows": n}` —
 * the resident set after the library loaded and the process's peak resident set after the read.
 * Run in a child so one library's garbage never counts against another.
 */
import { readFileSync } from 'node:fs';
import { readCsv } from '../../src/data/read-csv.js';

async function main(): Promise<void> {
  const [library, file] = process.argv.slice(2);
  if (!library || !file) throw new Error('usage: read-peak.js <typelearn|arquero> <file.csv>');
  let read: () => number;
  if (library === 'typelearn') {
    read = () => readCsv(file).nRows;
  } else if (library === 'arquero') {
    const aq = await import('arquero');
    read = () => aq.fromCSV(readFileSync(file, 'utf8')).numRows();
  } else {
    throw new Error(`unknown library ${library}`);
  }
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage().rss;
  const rows = read();
  const peak = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`${JSON.stringify({ baseline, peak, rows })}\n`);
}

await main();
