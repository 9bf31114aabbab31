/**
 * The report's data section from a Frame: `describe` statistics, missing
 * values, inferred types, what each column is used for, and one
 * distribution chart per column.
 */
import { describe, type Frame } from '../data/index.js';
import { dataSummaryCharts } from '../viz/index.js';
import type { ColumnSummary, DataSummary } from './report-input.js';

/** Options of {@link summarizeData}. */
export interface SummarizeDataOptions {
  /** How the source is named. Default `'table'`. */
  source?: string;
  /** The target column (its use reads `target`). */
  target?: string;
  /** Use of each column by name (e.g. `'numeric feature'`); others read `feature`, or `ignored` when `features` leaves them out. */
  uses?: Readonly<Record<string, string>>;
  /** The feature columns. Default: every column but the target. */
  features?: readonly string[];
  /** Chart at most this many columns. Default 12. */
  maxCharts?: number;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && !Number.isNaN(v) ? v : undefined);

/**
 * The data section of a report: one {@link ColumnSummary} per column (from
 * `describe`) and the per-column charts (target first, then features).
 * @example const data = summarizeData(loadDataset('titanic').frame, { target: 'survived' });
 */
export function summarizeData(frame: Frame, options: SummarizeDataOptions = {}): DataSummary {
  const { target } = options;
  const names = frame.columnNames;
  const features = new Set(options.features ?? names.filter((n) => n !== target));
  const stats = describe(frame);
  const dtypes = frame.dtypes;
  const columns: ColumnSummary[] = names.map((name, i) => {
    const row = stats.row(i) as Record<string, unknown>;
    const use = name === target ? 'target' : (options.uses?.[name] ?? (features.has(name) ? 'feature' : 'ignored'));
    const summary: ColumnSummary = {
      name,
      dtype: dtypes[name],
      use,
      count: Number(row.count),
      missing: Number(row.missing),
    };
    const fields: [keyof ColumnSummary, string][] = [
      ['mean', 'mean'],
      ['std', 'std'],
      ['min', 'min'],
      ['median', '50%'],
      ['max', 'max'],
      ['unique', 'unique'],
      ['freq', 'freq'],
    ];
    for (const [key, source] of fields) {
      const v = num(row[source]);
      if (v !== undefined) (summary as unknown as Record<string, number>)[key] = v;
    }
    if (typeof row.top === 'string') summary.top = row.top;
    return summary;
  });
  const chartColumns = [
    ...(target !== undefined && frame.has(target) ? [target] : []),
    ...names.filter((n) => n !== target && features.has(n)),
  ];
  return {
    source: options.source ?? 'table',
    nRows: frame.nRows,
    nColumns: names.length,
    columns,
    charts: dataSummaryCharts(frame, { columns: chartColumns, maxColumns: options.maxCharts ?? 12 }),
  };
}
