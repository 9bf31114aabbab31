/**
 * Console output of the command: warnings and progress on stderr (progress
 * only when stderr is a terminal), number formatting and aligned tables.
 */
import pc from 'picocolors';

/**
 * Prints `warning: message` on stderr.
 * @example warnUser("ignoring column 'name'");
 */
export function warnUser(message: string): void {
  process.stderr.write(`${pc.yellow('warning:')} ${message}\n`);
}

/**
 * A progress callback that redraws `label i/n` on stderr when it is a TTY, and does nothing otherwise.
 * @example const progress = progressLine('logistic-regression'); progress(1, 5);
 */
export function progressLine(label: string): (done: number, total: number) => void {
  if (!process.stderr.isTTY) return () => {};
  return (done, total) => {
    process.stderr.write(`\r${label}: fold ${done}/${total}`);
    if (done === total) process.stderr.write('\r\x1b[K');
  };
}

/**
 * `mean ± std` with 4 decimals (`n/a` for NaN).
 * @example formatMeanStd(0.78612, 0.0171) // '0.7861 ± 0.0171'
 */
export function formatMeanStd(mean: number, std: number): string {
  if (Number.isNaN(mean)) return 'n/a';
  return `${mean.toFixed(4)} ± ${std.toFixed(4)}`;
}

/**
 * Rows of cells as a left-aligned text table with a header line.
 * @example formatTable(['a', 'b'], [['1', '2']])
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, j) => c.padEnd(widths[j]))
      .join('  ')
      .trimEnd();
  return [pc.bold(line(header)), ...rows.map(line)].join('\n');
}
