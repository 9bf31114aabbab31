/**
 * The byte-level pieces of the CSV reader: the RFC 4180 field scanner and
 * parsers of numbers, booleans and ISO 8601 dates straight from UTF-8 bytes
 * (no substring is made unless a value needs the slow path).
 *
 * Results are returned through the exported `field` object rather than
 * allocated per call, because these functions run once per cell.
 */

export const QUOTE = 34;
export const LF = 10;
export const CR = 13;

/** Where the last scanned field lies and what ended it. */
export const field = {
  start: 0,
  end: 0,
  /** The field was quoted and contains doubled quotes that must be undone. */
  escaped: false,
  /** 0: a delimiter, 1: a line break, 2: the end of the data. */
  term: 0,
  /** Line breaks inside the quoted field. */
  lines: 0,
  /** Set when a quoted field is not closed before the end of the data. */
  unterminated: false,
  /** Set when a closing quote is followed by something other than a delimiter or line break. */
  strayAfterQuote: false,
};

/**
 * Scans one field starting at `pos` and returns the position after its
 * terminator (delimiter or line break; CRLF, LF and lone CR all end a line).
 */
export function scanField(b: Uint8Array, pos: number, end: number, delim: number): number {
  field.escaped = false;
  field.lines = 0;
  field.unterminated = false;
  field.strayAfterQuote = false;
  let i = pos;
  if (i < end && b[i] === QUOTE) {
    i++;
    field.start = i;
    for (;;) {
      if (i >= end) {
        field.unterminated = true;
        field.end = end;
        field.term = 2;
        return end;
      }
      const c = b[i];
      if (c === QUOTE) {
        if (i + 1 < end && b[i + 1] === QUOTE) {
          field.escaped = true;
          i += 2;
          continue;
        }
        break;
      }
      if (c === LF || (c === CR && b[i + 1] !== LF)) field.lines++;
      i++;
    }
    field.end = i;
    i++; // closing quote
    if (i < end) {
      const c = b[i];
      if (c !== delim && c !== LF && c !== CR) field.strayAfterQuote = true;
    }
  } else {
    field.start = i;
    while (i < end) {
      const c = b[i];
      if (c === delim || c === LF || c === CR) break;
      i++;
    }
    field.end = i;
  }
  if (i >= end) {
    field.term = 2;
    return end;
  }
  const c = b[i];
  if (c === delim) {
    field.term = 0;
    return i + 1;
  }
  field.term = 1;
  return c === CR && i + 1 < end && b[i + 1] === LF ? i + 2 : i + 1;
}

/** Copies a quoted field's bytes with each doubled quote made single; returns the new length. */
export function unescapeInto(b: Uint8Array, s: number, e: number, out: Uint8Array): number {
  let k = 0;
  for (let i = s; i < e; i++) {
    out[k++] = b[i];
    if (b[i] === QUOTE) i++;
  }
  return k;
}

/**
 * Position just after the last line break that lies outside quotes in
 * `b[start..end)`, or `start` if there is none (quote parity decides).
 * @param inQuote - whether `start` is inside a quoted field.
 */
export function lastRecordBoundary(b: Uint8Array, start: number, end: number): number {
  let inQuote = false;
  let boundary = start;
  for (let i = start; i < end; i++) {
    const c = b[i];
    if (c === QUOTE) inQuote = !inQuote;
    else if (c === LF && !inQuote) boundary = i + 1;
  }
  return boundary;
}

/** Counts line breaks outside quotes in `b[start..end)`. */
export function countRecords(b: Uint8Array, start: number, end: number): number {
  let inQuote = false;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = b[i];
    if (c === QUOTE) inQuote = !inQuote;
    else if (c === LF && !inQuote) n++;
  }
  return n;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11];
for (let k = 12; k <= 22; k++) POW10.push(Number(`1e${k}`));

/** True after {@link parseNumber} read an integer literal (no `.` or exponent). */
export let numberWasInteger = false;

const latin1 = new TextDecoder('latin1');

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function matchesWord(b: Uint8Array, s: number, e: number, word: string): boolean {
  if (e - s !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (lower(b[s + i]) !== word.charCodeAt(i)) return false;
  return true;
}

/**
 * Parses a decimal number (`-12`, `3.5`, `.5`, `1e-3`, `inf`, `-Infinity`;
 * surrounding spaces allowed) from bytes, or returns NaN when the bytes are
 * not one. Up to 15 significant digits and exponents within ±22 are computed
 * exactly (one correctly rounded multiplication or division); longer literals
 * go through `Number()`, so every result is the correctly rounded double.
 */
export function parseNumber(b: Uint8Array, s: number, e: number): number {
  // Fast path for the common spelling: an optional '-', up to 15 digits with at most one
  // '.', nothing else. Exact for the same reason as below (one correctly rounded division).
  if (e - s <= 16 && s < e) {
    let i = s;
    const neg = b[i] === 45;
    if (neg) i++;
    const first = i;
    let mant = 0;
    let d = 0;
    while (i < e && (d = b[i] - 48) >= 0 && d <= 9) {
      mant = mant * 10 + d;
      i++;
    }
    const intDigits = i - first;
    if (i === e && intDigits > 0 && intDigits <= 15) {
      numberWasInteger = true;
      return neg ? -mant : mant;
    }
    if (b[i] === 46) {
      i++;
      const fracStart = i;
      while (i < e && (d = b[i] - 48) >= 0 && d <= 9) {
        mant = mant * 10 + d;
        i++;
      }
      const fracDigits = i - fracStart;
      if (i === e && intDigits + fracDigits > 0 && intDigits + fracDigits <= 15) {
        numberWasInteger = false;
        const v = fracDigits === 0 ? mant : mant / POW10[fracDigits];
        return neg ? -v : v;
      }
    }
  }
  while (s < e && isSpace(b[s])) s++;
  while (e > s && isSpace(b[e - 1])) e--;
  if (s === e) return Number.NaN;
  let i = s;
  let neg = false;
  const c = b[i];
  if (c === 45) {
    neg = true;
    i++;
  } else if (c === 43) i++;
  let mant = 0;
  let digits = 0;
  let exp = 0;
  let any = false;
  let long = false;
  let integer = true;
  while (i < e) {
    const d = b[i] - 48;
    if (d < 0 || d > 9) break;
    any = true;
    if (mant !== 0 || d !== 0) {
      if (digits < 15) {
        mant = mant * 10 + d;
        digits++;
      } else {
        long = true;
        exp++;
      }
    }
    i++;
  }
  if (i < e && b[i] === 46) {
    integer = false;
    i++;
    while (i < e) {
      const d = b[i] - 48;
      if (d < 0 || d > 9) break;
      any = true;
      if (mant === 0 && d === 0) exp--;
      else if (digits < 15) {
        mant = mant * 10 + d;
        digits++;
        exp--;
      } else if (d !== 0) long = true;
      i++;
    }
  }
  if (!any) {
    // Infinity spelled out, as pandas and numpy accept it.
    if (matchesWord(b, i, e, 'inf') || matchesWord(b, i, e, 'infinity')) {
      numberWasInteger = false;
      return neg ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    }
    return Number.NaN;
  }
  if (i < e && (b[i] === 101 || b[i] === 69)) {
    integer = false;
    i++;
    let eneg = false;
    if (i < e && (b[i] === 45 || b[i] === 43)) {
      eneg = b[i] === 45;
      i++;
    }
    let ev = 0;
    let edigits = 0;
    while (i < e) {
      const d = b[i] - 48;
      if (d < 0 || d > 9) break;
      if (ev < 100000) ev = ev * 10 + d;
      edigits++;
      i++;
    }
    if (edigits === 0) return Number.NaN;
    exp += eneg ? -ev : ev;
  }
  if (i !== e) return Number.NaN;
  numberWasInteger = integer;
  let v: number;
  if (exp === 0 && !long) v = mant;
  else if (exp < 0 && exp >= -22 && !long) v = mant / POW10[-exp];
  else if (exp > 0 && exp <= 22 && !long) v = mant * POW10[exp];
  else if (mant === 0) v = 0;
  // Beyond the exact fast path: the engine's correctly rounded conversion (the sign is in the text).
  else return Number(latin1.decode(b.subarray(s, e)));
  return neg ? -v : v;
}

/** 1 for `true`, 0 for `false` (any letter case), -1 otherwise. */
export function parseBool(b: Uint8Array, s: number, e: number): number {
  if (matchesWord(b, s, e, 'true')) return 1;
  if (matchesWord(b, s, e, 'false')) return 0;
  return -1;
}

function digitsAt(b: Uint8Array, i: number, n: number, e: number): number {
  if (i + n > e) return -1;
  let v = 0;
  for (let k = 0; k < n; k++) {
    const d = b[i + k] - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Parses an ISO 8601 date or date-time (`2024-01-31`, `2024-01-31T12:30`,
 * `2024-01-31 12:30:05.250Z`, `...+02:00`) to epoch milliseconds, or NaN.
 * Without a zone the time is taken as UTC (a naive timestamp, as pandas reads it).
 */
export function parseDate(b: Uint8Array, s: number, e: number): number {
  const year = digitsAt(b, s, 4, e);
  if (year < 0 || b[s + 4] !== 45) return Number.NaN;
  const month = digitsAt(b, s + 5, 2, e);
  if (month < 1 || month > 12 || b[s + 7] !== 45) return Number.NaN;
  const day = digitsAt(b, s + 8, 2, e);
  if (day < 1 || day > DAYS[month - 1]) return Number.NaN;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return Number.NaN;
  let i = s + 10;
  let h = 0;
  let mi = 0;
  let sec = 0;
  let ms = 0;
  let offset = 0;
  if (i < e) {
    if (b[i] !== 84 && b[i] !== 32) return Number.NaN;
    h = digitsAt(b, i + 1, 2, e);
    mi = digitsAt(b, i + 4, 2, e);
    if (h < 0 || h > 23 || b[i + 3] !== 58 || mi < 0 || mi > 59) return Number.NaN;
    i += 6;
    if (i < e && b[i] === 58) {
      sec = digitsAt(b, i + 1, 2, e);
      if (sec < 0 || sec > 59) return Number.NaN;
      i += 3;
      if (i < e && b[i] === 46) {
        i++;
        let scale = 100;
        let any = false;
        while (i < e && b[i] >= 48 && b[i] <= 57) {
          ms += (b[i] - 48) * scale;
          scale /= 10;
          any = true;
          i++;
        }
        if (!any) return Number.NaN;
      }
    }
    if (i < e) {
      if (b[i] === 90 && i + 1 === e) i++;
      else if (b[i] === 43 || b[i] === 45) {
        const sign = b[i] === 45 ? -1 : 1;
        const oh = digitsAt(b, i + 1, 2, e);
        const colon = b[i + 3] === 58 ? 1 : 0;
        const om = digitsAt(b, i + 3 + colon, 2, e);
        if (oh < 0 || om < 0) return Number.NaN;
        offset = sign * (oh * 60 + om) * 60000;
        i += 5 + colon;
      }
      if (i !== e) return Number.NaN;
    }
  }
  return Date.UTC(year, month - 1, day, h, mi, sec, Math.round(ms)) - offset;
}
