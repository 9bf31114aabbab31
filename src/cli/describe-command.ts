/**
 * `typelearn describe`: the `describe` table of a CSV or bundled dataset,
 * with each column's inferred type and what `train` would do with it.
 */
import pc from 'picocolors';
import { describe } from '../data/index.js';
import { columnRole } from './column-plan.js';
import { loadTable } from './table-input.js';

const ROLE_TEXT = {
  numeric: 'numeric feature',
  categorical: 'categorical feature',
  text: 'ignored (text-like)',
  datetime: 'ignored (dates)',
} as const;

/**
 * Runs `typelearn describe` and prints the table.
 * @example describeCommand('titanic');
 */
export function describeCommand(source: string): void {
  const table = loadTable(source);
  const { frame } = table;
  const dtypes = frame.dtypes;
  const names = frame.columnNames;
  const used = table.features === undefined ? undefined : new Set(table.features);
  const use = names.map((n) => {
    if (n === table.defaultTarget) return 'target';
    if (used !== undefined && !used.has(n)) return 'ignored (identifier)';
    return ROLE_TEXT[columnRole(frame.column(n))];
  });
  const summary = describe(frame)
    .withColumn(
      'type',
      names.map((n) => dtypes[n]),
    )
    .withColumn('use', use);
  console.log(`${pc.bold(table.label)}: ${frame.nRows} rows × ${names.length} columns`);
  console.log(summary.toString({ maxRows: names.length + 1 }));
}
