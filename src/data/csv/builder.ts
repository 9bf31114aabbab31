/**
 * Per-column accumulators of the CSV reader. A builder starts in `unknown`
 * mode (only missing values seen) and settles on a type with its first value:
 * number (int, promoted to float when a decimal appears), boolean, date or
 * string. Strings are interned straight from their bytes through an
 * open-addressing hash table into category codes, so a repeated value costs a
 * hash and a byte compare, never a JS string.
 */
import {
  BOOL_MISSING,
  BooleanColumn,
  CategoricalColumn,
  type Column,
  DatetimeColumn,
  NumericColumn,
} from '../column.js';
import { numberWasInteger, parseBool, parseDate, parseNumber } from './scan.js';

/** Column types the reader infers, and accepts as `dtype` overrides (`'string'` = `'category'`). */
export type CsvDType = 'int' | 'float' | 'boolean' | 'date' | 'category' | 'string';

export enum Mode {
  Unknown = 0,
  Int = 1,
  Float = 2,
  Bool = 3,
  Date = 4,
  String = 5,
}

/** Missing-value tokens compiled for byte comparison. */
export class NaTokens {
  readonly tokens: Uint8Array[];
  readonly maxLength: number;
  readonly empty: boolean;

  constructor(values: readonly string[]) {
    const enc = new TextEncoder();
    this.tokens = values.filter((v) => v !== '').map((v) => enc.encode(v));
    this.maxLength = this.tokens.reduce((m, t) => Math.max(m, t.length), 0);
    this.empty = values.includes('');
  }

  matches(b: Uint8Array, s: number, e: number): boolean {
    const len = e - s;
    if (len === 0) return this.empty;
    if (len > this.maxLength) return false;
    outer: for (const t of this.tokens) {
      if (t.length !== len) continue;
      for (let k = 0; k < len; k++) if (t[k] !== b[s + k]) continue outer;
      return true;
    }
    return false;
  }
}

const decoder = new TextDecoder('utf-8');

function fnv(b: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let i = s; i < e; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return h;
}

/** Interns byte strings into dense codes. */
class Interner {
  categories: string[] = [];
  private table: Int32Array = new Int32Array(1024).fill(-1);
  private hashes: Int32Array = new Int32Array(256);
  private starts: Int32Array = new Int32Array(256);
  private lengths: Int32Array = new Int32Array(256);
  private arena: Uint8Array = new Uint8Array(4096);
  private used = 0;

  code(b: Uint8Array, s: number, e: number): number {
    const h = fnv(b, s, e);
    const len = e - s;
    const mask = this.table.length - 1;
    let slot = h & mask;
    for (;;) {
      const idx = this.table[slot];
      if (idx < 0) break;
      if (this.hashes[idx] === h && this.lengths[idx] === len) {
        const st = this.starts[idx];
        let same = true;
        for (let k = 0; k < len; k++) {
          if (this.arena[st + k] !== b[s + k]) {
            same = false;
            break;
          }
        }
        if (same) return idx;
      }
      slot = (slot + 1) & mask;
    }
    return this.insert(b, s, e, h, slot);
  }

  private insert(b: Uint8Array, s: number, e: number, h: number, slot: number): number {
    const idx = this.categories.length;
    const len = e - s;
    if (idx === this.hashes.length) {
      this.hashes = grow(this.hashes, idx * 2) as Int32Array;
      this.starts = grow(this.starts, idx * 2) as Int32Array;
      this.lengths = grow(this.lengths, idx * 2) as Int32Array;
    }
    if (this.used + len > this.arena.length) {
      this.arena = grow(this.arena, Math.max(this.arena.length * 2, this.used + len)) as Uint8Array;
    }
    this.arena.set(b.subarray(s, e), this.used);
    this.hashes[idx] = h;
    this.starts[idx] = this.used;
    this.lengths[idx] = len;
    this.used += len;
    this.categories.push(decoder.decode(b.subarray(s, e)));
    this.table[slot] = idx;
    if (this.categories.length * 2 > this.table.length) this.rehash();
    return idx;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2).fill(-1);
    const mask = table.length - 1;
    for (let idx = 0; idx < this.categories.length; idx++) {
      let slot = this.hashes[idx] & mask;
      while (table[slot] >= 0) slot = (slot + 1) & mask;
      table[slot] = idx;
    }
    this.table = table;
  }
}

function grow<T extends Float64Array | Int32Array | Uint8Array>(a: T, size: number): T {
  const out = new (a.constructor as new (n: number) => T)(size);
  out.set(a);
  return out;
}

/** Accumulates one column's values. */
export class ColumnBuilder {
  mode: Mode;
  length = 0;
  private floats: Float64Array;
  private codes: Int32Array | undefined;
  private bools: Uint8Array | undefined;
  private interner: Interner | undefined;

  /**
   * @param forced - a `dtype` override: the mode never changes and a value that does not fit fails.
   */
  constructor(
    readonly name: string,
    private capacity: number,
    private readonly na: NaTokens,
    readonly forced: CsvDType | undefined,
  ) {
    this.capacity = Math.max(16, capacity);
    this.floats = new Float64Array(0);
    this.mode = Mode.Unknown;
    if (forced !== undefined) this.switchTo(modeOf(forced));
  }

  private switchTo(mode: Mode): void {
    const n = this.capacity;
    if (mode === Mode.String) {
      this.codes = new Int32Array(n);
      this.codes.fill(-1, 0, this.length);
      this.interner ??= new Interner();
    } else if (mode === Mode.Bool) {
      this.bools = new Uint8Array(n);
      this.bools.fill(BOOL_MISSING, 0, this.length);
    } else {
      this.floats = new Float64Array(n);
      this.floats.fill(Number.NaN, 0, this.length);
    }
    this.mode = mode;
  }

  private ensure(): void {
    if (this.length < this.capacity) return;
    this.capacity *= 2;
    if (this.mode === Mode.String) this.codes = grow(this.codes as Int32Array, this.capacity);
    else if (this.mode === Mode.Bool) this.bools = grow(this.bools as Uint8Array, this.capacity);
    else if (this.mode !== Mode.Unknown) this.floats = grow(this.floats, this.capacity);
  }

  /**
   * Adds one value; returns false when it does not fit the column's type
   * (the caller then re-reads the column as strings, or reports the error).
   */
  push(b: Uint8Array, s: number, e: number): boolean {
    if (this.length >= this.capacity) this.ensure();
    switch (this.mode) {
      case Mode.Int:
      case Mode.Float: {
        const v = parseNumber(b, s, e);
        if (!Number.isNaN(v)) {
          if (!numberWasInteger && this.mode === Mode.Int) {
            if (this.forced === 'int' && !Number.isInteger(v)) return false;
            if (this.forced !== 'int') this.mode = Mode.Float;
          }
          this.floats[this.length++] = v;
          return true;
        }
        if (this.na.matches(b, s, e)) {
          this.floats[this.length++] = Number.NaN;
          return true;
        }
        return false;
      }
      case Mode.String:
        (this.codes as Int32Array)[this.length++] =
          e - s <= this.na.maxLength && this.na.matches(b, s, e) ? -1 : (this.interner as Interner).code(b, s, e);
        return true;
      case Mode.Bool: {
        const v = parseBool(b, s, e);
        if (v >= 0 || this.na.matches(b, s, e)) {
          (this.bools as Uint8Array)[this.length++] = v >= 0 ? v : BOOL_MISSING;
          return true;
        }
        return false;
      }
      case Mode.Date: {
        const v = parseDate(b, s, e);
        if (!Number.isNaN(v) || this.na.matches(b, s, e)) {
          this.floats[this.length++] = v;
          return true;
        }
        return false;
      }
      default: {
        if (this.na.matches(b, s, e)) {
          this.length++;
          return true;
        }
        // The first value decides the type.
        const v = parseNumber(b, s, e);
        if (!Number.isNaN(v)) this.switchTo(numberWasInteger ? Mode.Int : Mode.Float);
        else if (parseBool(b, s, e) >= 0) this.switchTo(Mode.Bool);
        else if (!Number.isNaN(parseDate(b, s, e))) this.switchTo(Mode.Date);
        else this.switchTo(Mode.String);
        return this.push(b, s, e);
      }
    }
  }

  /** Turns this builder into a string column with no rows (before re-reading its values). */
  restartAsStrings(): void {
    this.length = 0;
    this.switchTo(Mode.String);
  }

  /** Drops the rows (keeping the type and the categories), for the next chunk. */
  reset(): void {
    this.length = 0;
  }

  /**
   * The column built so far. With `copy` the arrays are copied (the builder
   * is reused for the next chunk); without, they are trimmed views.
   */
  build(copy: boolean): Column {
    const n = this.length;
    const take = <T extends Float64Array | Int32Array | Uint8Array>(a: T): T =>
      (copy || a.length > n + (n >> 3) ? a.slice(0, n) : a.subarray(0, n)) as T;
    switch (this.mode) {
      case Mode.Unknown:
        return new NumericColumn(new Float64Array(n).fill(Number.NaN), false);
      case Mode.Int:
      case Mode.Float:
        return new NumericColumn(take(this.floats), this.mode === Mode.Int);
      case Mode.Date:
        return new DatetimeColumn(take(this.floats));
      case Mode.Bool:
        return new BooleanColumn(take(this.bools as Uint8Array));
      case Mode.String: {
        const cats = (this.interner as Interner).categories;
        return new CategoricalColumn(take(this.codes as Int32Array), copy ? cats.slice() : cats);
      }
    }
  }
}

/** The builder mode of a dtype name. */
export function modeOf(dtype: CsvDType): Mode {
  switch (dtype) {
    case 'int':
      return Mode.Int;
    case 'float':
      return Mode.Float;
    case 'boolean':
      return Mode.Bool;
    case 'date':
      return Mode.Date;
    default:
      return Mode.String;
  }
}

/** The dtype name of a builder mode (for messages). */
export function modeName(mode: Mode): string {
  return ['missing', 'int', 'float', 'boolean', 'date', 'string'][mode];
}
