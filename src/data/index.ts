/**
 * `typelearn/data`: the {@link Frame} (typed columnar table) and its verbs,
 * readers (CSV, streamed CSV, JSON, Arrow IPC, Parquet, IDX), `describe`,
 * `trainTestSplit` and the bundled datasets.
 *
 * Parquet is read through hyparquet (pure JS, no dependencies): snappy,
 * gzip and brotli codecs; nested columns are refused with an error naming them.
 *
 * @example
 * import { readCsv, describe, trainTestSplit } from 'typelearn/data';
 * const df = readCsv('titanic.csv');
 * console.log(describe(df).toString());
 * const [train, test] = trainTestSplit(df, { testSize: 0.2, stratify: df.column('survived'), randomState: 0 });
 */
export { readArrow, toArrow, writeArrow } from './arrow.js';
export {
  BOOL_MISSING,
  BooleanColumn,
  CategoricalColumn,
  type CellValue,
  type Column,
  type ColumnDType,
  type ColumnKind,
  categoricalFrom,
  DatetimeColumn,
  makeColumn,
  NumericColumn,
} from './column.js';
export type { Dataset, DatasetTask } from './datasets.js';
export { listDatasets, loadDataset } from './datasets.js';
export { type DescribeOptions, describe, quantileSorted } from './describe.js';
export type { FormatOptions } from './format.js';
export { type ColumnInput, Frame, type FrameRecord } from './frame.js';
export { fromArrow } from './from-arrow.js';
export {
  type CsvDType,
  DEFAULT_NA_VALUES,
  type ReadCsvChunksOptions,
  type ReadCsvOptions,
  readCsv,
  readCsvChunks,
} from './read-csv.js';
export { readIdx } from './read-idx.js';
export { type ReadJsonOptions, readJson } from './read-json.js';
export { type ReadParquetOptions, readParquet } from './read-parquet.js';
export { type Splittable, splitSizes, type TrainTestSplitOptions, trainTestSplit } from './train-test-split.js';
export { type AssignValue, assign } from './verbs/assign.js';
export { concat, concatColumns } from './verbs/concat.js';
export { type DropnaOptions, dropna } from './verbs/dropna.js';
export { type FillMethod, type FillValue, fillna } from './verbs/fillna.js';
export { filter, type RowPredicate } from './verbs/filter.js';
export { type AggName, GroupBy, type GroupByOptions } from './verbs/group-by.js';
export { type JoinOptions, join } from './verbs/join.js';
export { drop, rename, select } from './verbs/select.js';
export { head, type SampleOptions, sample, tail } from './verbs/slice.js';
export { argsortBy, type SortOptions, sortBy } from './verbs/sort.js';
export { type ToTensorOptions, toTensor } from './verbs/to-tensor.js';
export { type ValueCountsOptions, valueCounts } from './verbs/value-counts.js';
