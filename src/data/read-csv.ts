/**
 * `readCsv` and `readCsvChunks`: CSV files (or text, or bytes) into Frames.
 * The parsing itself is in `csv/`: a byte-level RFC 4180 state machine with
 * per-column type inference (see `csv/parser.ts`).
 */
import { createReadStream, readFileSync } from 'node:fs';
import { ValidationError } from '../base/errors.js';
import type { CsvDType } from './csv/builder.js';
import { CsvParser, type ParserSettings } from './csv/parser.js';
import { countRecords, lastRecordBoundary } from './csv/scan.js';
import type { Frame } from './frame.js';

export type { CsvDType } from './csv/builder.js';

/** The missing-value tokens `readCsv` uses unless told otherwise. */
export const DEFAULT_NA_VALUES: readonly string[] = ['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', 'None', '?'];

/** Options of {@link readCsv}. */
export interface ReadCsvOptions {
  /** Field separator (one ASCII character). Default `','`. */
  delimiter?: string;
  /** The first (non-skipped) line holds the column names. Default `true`; without a header columns are named `'0'`, `'1'`, .... */
  header?: boolean;
  /** Column names to use instead of the header's (with `header: true` the header line is still skipped). */
  names?: readonly string[];
  /** Strings that mean "missing" (compared exactly, before type inference). Default {@link DEFAULT_NA_VALUES}. */
  naValues?: readonly string[];
  /** Per-column type overrides: `'int' | 'float' | 'boolean' | 'date' | 'category' | 'string'`. A value that does not fit is a ValidationError naming line and column. */
  dtype?: Readonly<Record<string, CsvDType>>;
  /** Only these columns (names or 0-based indices); they keep the file's order. Default: all. */
  usecols?: readonly (string | number)[];
  /** Read at most this many data rows. Default: all. */
  nrows?: number;
  /** Skip this many lines at the start of the file, before the header. Default 0. */
  skipRows?: number;
}

/** Options of {@link readCsvChunks}: those of {@link readCsv} plus the chunk size. */
export interface ReadCsvChunksOptions extends ReadCsvOptions {
  /** Rows per chunk. Default 100000. */
  chunkSize?: number;
}

function settings(options: ReadCsvOptions, source: string, chunkSize: number): ParserSettings {
  const { delimiter = ',', header = true, naValues = DEFAULT_NA_VALUES, dtype = {}, nrows, skipRows = 0 } = options;
  if (delimiter.length !== 1 || delimiter.charCodeAt(0) > 127 || delimiter === '"' || delimiter === '\n') {
    throw new ValidationError(
      `delimiter must be one ASCII character other than a quote or newline, got '${delimiter}'`,
      {
        param: 'delimiter',
        got: delimiter,
      },
    );
  }
  if (nrows !== undefined && !(Number.isInteger(nrows) && nrows >= 0)) {
    throw new ValidationError(`nrows must be a non-negative integer, got ${nrows}`, { param: 'nrows', got: nrows });
  }
  if (!(Number.isInteger(chunkSize) && chunkSize > 0) && chunkSize !== Number.POSITIVE_INFINITY) {
    throw new ValidationError(`chunkSize must be a positive integer, got ${chunkSize}`, { param: 'chunkSize' });
  }
  return {
    delimiter: delimiter.charCodeAt(0),
    header,
    names: options.names,
    naValues,
    dtype,
    usecols: options.usecols,
    nrows: nrows ?? Number.POSITIVE_INFINITY,
    skipRows,
    chunkSize,
    source,
  };
}

/** Counts line feeds with the native `indexOf` (a capacity hint for the column builders). */
function countLines(b: Uint8Array): number {
  let n = 0;
  let i = b.indexOf(10);
  while (i >= 0) {
    n++;
    i = b.indexOf(10, i + 1);
  }
  return n + 1;
}

/**
 * Reads CSV into a {@link Frame}.
 *
 * `source` is the CSV text itself when it contains a line break (or is
 * empty), otherwise a file path (read with `node:fs`); a `Uint8Array` is read
 * as UTF-8 bytes. Quoting follows RFC 4180 (quoted delimiters and line
 * breaks, `""` for a quote, CRLF or LF line ends, an optional UTF-8 BOM).
 *
 * Each column's type is inferred from its values: integers and floats become
 * numeric columns (NaN = missing), `true`/`false` (any case) boolean, ISO 8601
 * dates/date-times datetime (UTC when no zone is given), anything else
 * categorical. `dtype` overrides the inference per column. Blank lines are
 * skipped.
 *
 * Errors (ValidationError, naming the line): a row with more or fewer fields
 * than the header, an unterminated quote, text after a closing quote, a value
 * that does not fit a `dtype` override, an empty file.
 * @example
 * const df = readCsv('a,b\n1,x\n2,y\n');
 * df.dtypes; // { a: 'int', b: 'category' }
 * @example readCsv('data/titanic.csv', { usecols: ['age', 'sex'], nrows: 100 })
 */
export function readCsv(source: string | Uint8Array, options: ReadCsvOptions = {}): Frame {
  let bytes: Uint8Array;
  let name: string;
  if (typeof source === 'string') {
    if (source === '' || source.includes('\n') || source.includes('\r')) {
      bytes = new TextEncoder().encode(source);
      name = 'CSV text';
    } else {
      bytes = readFileSync(source);
      name = source;
    }
  } else if (source instanceof Uint8Array) {
    bytes = source;
    name = 'CSV data';
  } else {
    throw new ValidationError('readCsv expects CSV text, a file path or a Uint8Array', { got: source });
  }
  const parser = new CsvParser(settings(options, name, Number.POSITIVE_INFINITY));
  parser.feed(bytes, 0, bytes.length, true, Math.min(countLines(bytes), (options.nrows ?? Infinity) + 1));
  return parser.takeFrames()[0];
}

/**
 * Reads a CSV file in chunks of `chunkSize` rows (an async iterator of
 * Frames), streaming it with `node:fs` so files larger than memory can be
 * processed. All chunks have the same columns and types: types are inferred
 * from the first chunk; later an integer column may still become float, but
 * a value that fits neither (a word in a numeric column) is a ValidationError
 * naming the line and column; pass `dtype` for such columns. Categorical
 * codes are stable across chunks (a later chunk's `categories` extend the
 * earlier ones).
 * @example
 * for await (const chunk of readCsvChunks('big.csv', { chunkSize: 50000 })) {
 *   total += chunk.nRows;
 * }
 */
export async function* readCsvChunks(path: string, options: ReadCsvChunksOptions = {}): AsyncGenerator<Frame> {
  const chunkSize = options.chunkSize ?? 100000;
  const parser = new CsvParser(settings(options, path, chunkSize));
  let pending = new Uint8Array(0);
  let firstFed = false;
  const wantFirst = chunkSize + 1 + (options.skipRows ?? 0);
  for await (const piece of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const chunk = piece as Uint8Array;
    const buf = new Uint8Array(pending.length + chunk.length);
    buf.set(pending);
    buf.set(chunk, pending.length);
    // The first chunk is parsed from one buffer, so a column can be re-read as strings if needed.
    if (!firstFed && countRecords(buf, 0, buf.length) < wantFirst) {
      pending = buf;
      continue;
    }
    const boundary = lastRecordBoundary(buf, 0, buf.length);
    if (boundary === 0) {
      pending = buf;
      continue;
    }
    parser.feed(buf, 0, boundary, false, firstFed ? chunkSize : Math.min(chunkSize, countLines(buf)));
    firstFed = true;
    pending = buf.slice(boundary);
    yield* parser.takeFrames();
    if (parser.done) return;
  }
  parser.feed(pending, 0, pending.length, true, firstFed ? chunkSize : Math.min(chunkSize, countLines(pending)));
  yield* parser.takeFrames();
}
