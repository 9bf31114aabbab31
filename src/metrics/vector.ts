/**
 * Turns the numeric arguments of metrics (targets, predictions, scores,
 * weights) into float64 buffers and checks lengths and finiteness, so each
 * metric stays a short formula.
 */
import { ValidationError } from '../base/errors.js';
import { Tensor } from '../tensor/tensor.js';

/** A 1-D numeric input of a metric: a tensor, a typed array or a number array. */
export type NumericVector = Tensor | ArrayLike<number>;

/** A 2-D numeric input: a 2-D tensor or nested number arrays (rows). */
export type NumericMatrix = Tensor | readonly (readonly number[])[];

/** A 1-D or 2-D numeric input (scores, multi-output targets). */
export type NumericArray = NumericVector | NumericMatrix;

/** A dense row-major float64 matrix. */
export interface Matrix {
  data: Float64Array;
  rows: number;
  cols: number;
  /** The input was 1-D (then `cols` is 1). */
  oneD: boolean;
}

/** Throws a ValidationError naming the first NaN or infinite value of `v`. */
export function assertFinite(v: ArrayLike<number>, name: string, cols = 1): void {
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x - x !== 0) {
      const where = cols > 1 ? `row ${Math.floor(i / cols)}, column ${i % cols}` : `index ${i}`;
      throw new ValidationError(`Input ${name} contains ${Number.isNaN(x) ? 'NaN' : 'infinity'} at ${where}.`, {
        row: cols > 1 ? Math.floor(i / cols) : i,
        got: x,
      });
    }
  }
}

/**
 * `y` as a finite Float64Array (no copy when it already is one); a `[n, 1]`
 * tensor is taken as 1-D. `name` is used in errors.
 */
export function toFloat64Vector(y: NumericVector, name: string): Float64Array {
  let out: Float64Array;
  if (y instanceof Tensor) {
    if (y.ndim !== 1 && !(y.ndim === 2 && y.shape[1] === 1)) {
      throw new ValidationError(`${name} must be 1-D, got a tensor of shape [${y.shape.join(', ')}]`);
    }
    out = y.data instanceof Float64Array ? y.data : Float64Array.from(y.data);
  } else if (y instanceof Float64Array) {
    out = y;
  } else {
    if (y === null || typeof y !== 'object' || typeof y.length !== 'number') {
      throw new ValidationError(`${name} must be an array of numbers, got ${String(y)}`);
    }
    out = new Float64Array(y.length);
    for (let i = 0; i < y.length; i++) {
      const v = y[i];
      if (typeof v !== 'number') {
        const hint = Array.isArray(v) ? ' (a 2-D input where a 1-D one is expected)' : '';
        throw new ValidationError(`${name}[${i}] is not a number: ${String(v)}${hint}`);
      }
      out[i] = v;
    }
  }
  assertFinite(out, name);
  return out;
}

/**
 * A 1-D or 2-D numeric input as a row-major float64 matrix (1-D gives one
 * column, `oneD: true`). NaN/Infinity and ragged rows are ValidationErrors.
 */
export function toMatrix(x: NumericArray, name: string): Matrix {
  if (x instanceof Tensor) {
    if (x.ndim === 1) return { data: toFloat64Vector(x, name), rows: x.shape[0], cols: 1, oneD: true };
    if (x.ndim !== 2) throw new ValidationError(`${name} must be 1-D or 2-D, got shape [${x.shape.join(', ')}]`);
    const data = x.data instanceof Float64Array ? x.data : Float64Array.from(x.data);
    assertFinite(data, name, x.shape[1]);
    return { data, rows: x.shape[0], cols: x.shape[1], oneD: false };
  }
  const arr = x as ArrayLike<unknown>;
  if (arr.length > 0 && Array.isArray(arr[0])) {
    const rows = arr as readonly (readonly number[])[];
    const cols = rows[0].length;
    const data = new Float64Array(rows.length * cols);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (!Array.isArray(r) || r.length !== cols) {
        throw new ValidationError(
          `${name} is ragged: row 0 has ${cols} values, row ${i} has ${Array.isArray(r) ? r.length : 'none'}`,
        );
      }
      for (let j = 0; j < cols; j++) {
        const v = r[j];
        if (typeof v !== 'number') throw new ValidationError(`${name}[${i}][${j}] is not a number: ${String(v)}`);
        data[i * cols + j] = v;
      }
    }
    assertFinite(data, name, cols);
    return { data, rows: rows.length, cols, oneD: false };
  }
  const v = toFloat64Vector(x as NumericVector, name);
  return { data: v, rows: v.length, cols: 1, oneD: true };
}

/** Checks two or more vectors have equal, non-zero length; names come from `names`. */
export function checkConsistentLength(vectors: ArrayLike<unknown>[], names: string[]): number {
  const n = vectors[0].length;
  for (let i = 1; i < vectors.length; i++) {
    if (vectors[i].length !== n) {
      throw new ValidationError(
        `Found input variables with inconsistent numbers of samples: ${names[0]} has ${n}, ${names[i]} has ${vectors[i].length}`,
        { expected: n, got: vectors[i].length },
      );
    }
  }
  if (n === 0) throw new ValidationError(`${names.join(' and ')} are empty: at least one sample is required`);
  return n;
}

/** Checks a sample count against `n` (for inputs that are not plain vectors). */
export function checkSameCount(n: number, m: number, nameN: string, nameM: string): void {
  if (n !== m) {
    throw new ValidationError(
      `Found input variables with inconsistent numbers of samples: ${nameN} has ${n}, ${nameM} has ${m}`,
      { expected: n, got: m },
    );
  }
  if (n === 0) throw new ValidationError(`${nameN} and ${nameM} are empty: at least one sample is required`);
}

/** `sampleWeight` as a finite Float64Array of length `n`, or `undefined` when absent. */
export function sampleWeightVector(w: NumericVector | undefined, n: number): Float64Array | undefined {
  if (w === undefined || w === null) return undefined;
  const out = toFloat64Vector(w, 'sampleWeight');
  if (out.length !== n) {
    throw new ValidationError(
      `Found input variables with inconsistent numbers of samples: yTrue has ${n}, sampleWeight has ${out.length}`,
      { expected: n, got: out.length },
    );
  }
  return out;
}

/** `Σ w·x / Σ w` (numpy's `average`), or the mean when `w` is absent. */
export function average(x: ArrayLike<number>, w?: ArrayLike<number>): number {
  let s = 0;
  let sw = 0;
  for (let i = 0; i < x.length; i++) {
    const wi = w ? w[i] : 1;
    s += wi * x[i];
    sw += wi;
  }
  return s / sw;
}
