/**
 * The CSV record loop: splits bytes into records and fields (RFC 4180, see
 * `scan.ts`), feeds each selected field to its column's builder, checks that
 * every record has as many fields as the header, and cuts the rows into
 * Frames (one for `readCsv`, one per `chunkSize` rows for `readCsvChunks`).
 *
 * Type inference: each column's type comes from its values (see
 * `builder.ts`). When a value does not fit a column's inferred type (a word
 * in a numeric column), the column is re-read as strings from the start of
 * the current chunk, so strings keep their exact spelling. Once the first
 * chunk is out, types are fixed: only int → float and all-missing → any type
 * may still change, anything else is a ValidationError naming line and column.
 */
import { ValidationError } from '../../base/errors.js';
import type { Column } from '../column.js';
import { Frame } from '../frame.js';
import { ColumnBuilder, type CsvDType, modeName, NaTokens } from './builder.js';
import { CR, field, LF, QUOTE, scanField, unescapeInto } from './scan.js';

/** Parser settings, resolved from `ReadCsvOptions`. */
export interface ParserSettings {
  delimiter: number;
  header: boolean;
  names?: readonly string[];
  naValues: readonly string[];
  dtype: Readonly<Record<string, CsvDType>>;
  usecols?: readonly (string | number)[];
  nrows: number;
  skipRows: number;
  chunkSize: number;
  source: string;
}

const decoder = new TextDecoder('utf-8');

export class CsvParser {
  private builders: (ColumnBuilder | undefined)[] = [];
  private names: string[] = [];
  private nFields = -1;
  /** Physical line (1-based) where the next record starts. */
  line = 1;
  private rowsTotal = 0;
  private skipped = 0;
  private frozen = false;
  private started = false;
  private readonly na: NaTokens;
  private scratch = new Uint8Array(256);
  /** Start of the current chunk's first row in the current buffer, for re-reading a column. */
  private chunkStart = 0;
  private chunkBuf: Uint8Array | undefined;
  private readonly out: Frame[] = [];
  private rowsInChunk = 0;
  done = false;
  private finished = false;

  constructor(private readonly s: ParserSettings) {
    this.na = new NaTokens(s.naValues);
  }

  /** Frames completed so far (emptied by the call). */
  takeFrames(): Frame[] {
    return this.out.splice(0, this.out.length);
  }

  private error(message: string, details: ConstructorParameters<typeof ValidationError>[1] = {}): never {
    throw new ValidationError(`${this.s.source} line ${this.line}: ${message}`, details);
  }

  private setupColumns(fields: string[], capacity: number): void {
    const s = this.s;
    const n = fields.length;
    let names: string[];
    if (s.names) {
      if (s.names.length !== n) {
        this.error(`${s.names.length} names given but the rows have ${n} fields`, { expected: n, got: s.names.length });
      }
      names = [...s.names];
    } else if (s.header) {
      const seen = new Map<string, number>();
      names = fields.map((f, i) => {
        let name = f === '' ? `Unnamed: ${i}` : f;
        const count = seen.get(name);
        if (count !== undefined) {
          seen.set(name, count + 1);
          name = `${name}.${count}`;
        } else seen.set(name, 1);
        return name;
      });
    } else {
      names = fields.map((_, i) => String(i));
    }
    let wanted: Set<number> | undefined;
    if (s.usecols) {
      wanted = new Set();
      for (const u of s.usecols) {
        const j = typeof u === 'number' ? u : names.indexOf(u);
        if (j < 0 || j >= n) {
          throw new ValidationError(`${s.source}: usecols names a column that is not in the file: ${String(u)}`, {
            column: u,
          });
        }
        wanted.add(j);
      }
    }
    for (const key of Object.keys(s.dtype)) {
      if (!names.includes(key)) {
        throw new ValidationError(`${s.source}: dtype names a column that is not in the file: '${key}'`, {
          column: key,
        });
      }
    }
    this.names = names;
    this.nFields = n;
    this.builders = names.map((name, j) =>
      wanted && !wanted.has(j) ? undefined : new ColumnBuilder(name, capacity, this.na, s.dtype[name]),
    );
  }

  /** Decodes one record's fields as strings (header, or the first row when there is no header). */
  private readStrings(b: Uint8Array, pos: number, end: number): { fields: string[]; next: number } {
    const fields: string[] = [];
    for (;;) {
      pos = scanField(b, pos, end, this.s.delimiter);
      this.checkField();
      let text: string;
      if (field.escaped) {
        const len = this.unescape(b);
        text = decoder.decode(this.scratch.subarray(0, len));
      } else text = decoder.decode(b.subarray(field.start, field.end));
      fields.push(text);
      this.line += field.lines;
      if (field.term !== 0) break;
    }
    return { fields, next: pos };
  }

  private checkField(): void {
    if (field.unterminated) this.error('unterminated quoted field (a quote opened here is never closed)');
    if (field.strayAfterQuote) this.error('unexpected character after a closing quote');
  }

  private unescape(b: Uint8Array): number {
    const len = field.end - field.start;
    if (this.scratch.length < len) this.scratch = new Uint8Array(len * 2);
    return unescapeInto(b, field.start, field.end, this.scratch);
  }

  /**
   * Parses the complete records in `b[pos..end)`. With `final` the data ends
   * there; otherwise `end` must be just after a line break.
   * @param estimatedRows - capacity hint for the column builders.
   */
  feed(b: Uint8Array, pos: number, end: number, final: boolean, estimatedRows = 1024): void {
    const s = this.s;
    if (!this.started) {
      if (end - pos >= 3 && b[pos] === 0xef && b[pos + 1] === 0xbb && b[pos + 2] === 0xbf) pos += 3;
      this.started = true;
    }
    while (this.skipped < s.skipRows && pos < end) {
      const nl = b.indexOf(10, pos);
      pos = nl < 0 || nl >= end ? end : nl + 1;
      this.skipped++;
      this.line++;
    }
    if (this.nFields < 0) {
      // Skip blank lines before the header.
      while (pos < end && (b[pos] === 10 || b[pos] === 13)) {
        if (b[pos] === 10 || b[pos + 1] !== 10) this.line++;
        pos++;
      }
      if (pos >= end) {
        if (final) this.finish();
        return;
      }
      if (s.header) {
        const { fields, next } = this.readStrings(b, pos, end);
        this.line++;
        this.setupColumns(fields, estimatedRows);
        pos = next;
      } else {
        const save = this.line;
        const { fields } = this.readStrings(b, pos, end);
        this.line = save;
        this.setupColumns(fields, estimatedRows);
      }
    }
    this.records(b, pos, end, final);
  }

  private records(b: Uint8Array, pos: number, end: number, final: boolean): void {
    const s = this.s;
    const builders = this.builders;
    const nFields = this.nFields;
    const delim = s.delimiter;
    if (this.chunkBuf === undefined) {
      this.chunkBuf = b;
      this.chunkStart = pos;
    }
    while (pos < end && !this.done) {
      const recordLine = this.line;
      let col = 0;
      let next = pos;
      for (;;) {
        let start = next;
        let stop = next;
        let term: number;
        let lines = 0;
        let escaped = false;
        if (next < end && b[next] !== QUOTE) {
          // Unquoted field (the common case): scanned here rather than through `scanField`,
          // which keeps the per-field state in locals instead of a shared object.
          let c = 0;
          while (stop < end) {
            c = b[stop];
            if (c === delim || c === LF || c === CR) break;
            stop++;
          }
          if (stop >= end) {
            term = 2;
            next = end;
          } else if (c === delim) {
            term = 0;
            next = stop + 1;
          } else {
            term = 1;
            next = c === CR && stop + 1 < end && b[stop + 1] === LF ? stop + 2 : stop + 1;
          }
        } else {
          next = scanField(b, next, end, delim);
          if (field.unterminated || field.strayAfterQuote) this.checkField();
          start = field.start;
          stop = field.end;
          term = field.term;
          lines = field.lines;
          escaped = field.escaped;
        }
        if (col === 0 && term !== 0 && start === stop && !escaped && b[pos] !== QUOTE) {
          // A blank line: skipped, like pandas' skip_blank_lines.
          col = -1;
          break;
        }
        if (col < nFields) {
          const builder = builders[col];
          if (builder !== undefined) {
            let ok: boolean;
            if (escaped) {
              const len = this.unescape(b);
              ok = builder.push(this.scratch, 0, len);
            } else ok = builder.push(b, start, stop);
            if (!ok) {
              field.start = start;
              field.end = stop;
              field.escaped = escaped;
              field.term = term;
              this.misfit(b, col, recordLine);
            }
          }
        }
        this.line += lines;
        col++;
        if (term !== 0) break;
      }
      this.line++;
      pos = next;
      if (col < 0) continue;
      if (col !== nFields) {
        this.line = recordLine;
        this.error(`expected ${nFields} fields (as in the header), got ${col}`, {
          row: this.rowsTotal,
          expected: nFields,
          got: col,
        });
      }
      this.rowsTotal++;
      this.rowsInChunk++;
      if (this.rowsTotal >= s.nrows) this.done = true;
      if (this.rowsInChunk >= s.chunkSize) {
        this.emit(true);
        this.chunkStart = pos;
      }
    }
    if (final || this.done) this.finish();
  }

  /** A value that does not fit its column's type: re-read the column as strings, or fail. */
  private misfit(b: Uint8Array, col: number, recordLine: number): void {
    const builder = this.builders[col] as ColumnBuilder;
    const name = this.names[col];
    const saved = { ...field };
    const current = field.escaped ? this.scratch.slice(0, this.unescape(b)) : b.subarray(field.start, field.end);
    if (builder.forced !== undefined || this.frozen || this.chunkBuf !== b) {
      this.line = recordLine;
      const raw = decoder.decode(current);
      const what = builder.forced === 'int' ? 'an integer' : `a ${modeName(builder.mode)}`;
      const hint = builder.forced ? ` (dtype ${builder.forced})` : ' as in the first chunk; pass dtype to set the type';
      this.error(`value '${raw}' in column '${name}' is not ${what}${hint}`, {
        row: this.rowsTotal,
        column: name,
        got: raw,
      });
    }
    // Re-read this column's values of the current chunk as strings, so they keep their spelling.
    const rows = builder.length;
    builder.restartAsStrings();
    let pos = this.chunkStart;
    for (let r = 0; r < rows; ) {
      const recordStart = pos;
      let c = 0;
      for (;;) {
        pos = scanField(b, pos, b.length, this.s.delimiter);
        if (c === 0 && field.term !== 0 && field.start === field.end && !field.escaped && b[recordStart] !== QUOTE) {
          c = -1;
          break;
        }
        if (c === col) {
          if (field.escaped) builder.push(this.scratch, 0, this.unescape(b));
          else builder.push(b, field.start, field.end);
        }
        c++;
        if (field.term !== 0) break;
      }
      if (c >= 0) r++;
    }
    builder.push(current, 0, current.length);
    Object.assign(field, saved);
  }

  private emit(copy: boolean): void {
    const names: string[] = [];
    const cols: Column[] = [];
    this.builders.forEach((bld, j) => {
      if (bld === undefined) return;
      names.push(this.names[j]);
      cols.push(bld.build(copy));
      bld.reset();
    });
    this.out.push(new Frame(names, cols, this.rowsInChunk));
    this.rowsInChunk = 0;
    this.frozen = true;
  }

  /** Emits the last (possibly partial) chunk. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.nFields < 0) {
      throw new ValidationError(`${this.s.source}: the file is empty (no header row)`);
    }
    if (this.rowsInChunk > 0 || this.out.length === 0) this.emit(false);
    this.done = true;
  }
}
