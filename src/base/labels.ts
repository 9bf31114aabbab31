/**
 * Targets and class labels: turning any `Labels` input into a 1-D array of
 * numbers or strings (`columnOrLabels`), classifying the target type
 * (`typeOfTarget`, `checkClassificationTargets`), and mapping labels to class
 * indices and back (`encodeLabels`, `decodeLabels`). Classes are sorted the
 * way numpy's `np.unique` sorts them: numbers ascending, strings by code point.
 */
import { Tensor } from '../tensor/tensor.js';
import { ValidationError } from './errors.js';
import { formatValue } from './params.js';
import type { Label, LabelArray, Labels } from './types.js';
import { DataConversionWarning, warn } from './warnings.js';

/** Options of {@link columnOrLabels}. */
export interface ColumnOrLabelsOptions {
  /** Name in messages. Default `'y'`. */
  name?: string;
  /** Accept NaN in numeric labels. Default `false`. */
  allowNaN?: boolean;
}

function columnVectorWarning(name: string, n: number): void {
  warn(
    new DataConversionWarning(
      `A column-vector ${name} was passed when a 1d array was expected. Please change the shape of ${name} to [${n}], for example using flatten().`,
    ),
  );
}

function notOneD(name: string, shape: readonly number[]): never {
  throw new ValidationError(`${name} should be a 1d array, got an array of shape [${shape.join(', ')}] instead.`, {
    expected: '1-D',
    got: [...shape],
  });
}

function fromArray(values: readonly unknown[], name: string): Float64Array | string[] {
  const n = values.length;
  if (n === 0) return new Float64Array(0);
  const kind = typeof values[0];
  if (kind === 'number') {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (typeof v !== 'number') mixed(values, i, name);
      out[i] = v;
    }
    return out;
  }
  if (kind === 'string') {
    for (let i = 0; i < n; i++) if (typeof values[i] !== 'string') mixed(values, i, name);
    return values.slice() as string[];
  }
  return badLabel(values[0], 0, name);
}

function badLabel(v: unknown, i: number, name: string): never {
  const hint =
    v === null || v === undefined
      ? 'a missing value'
      : typeof v === 'boolean'
        ? 'a boolean (convert labels to numbers or strings)'
        : formatValue(v);
  throw new ValidationError(`${name} contains ${hint} at index ${i}; labels must be numbers or strings.`, {
    row: i,
    expected: 'a number or a string',
    got: v,
  });
}

function mixed(values: readonly unknown[], i: number, name: string): never {
  const v = values[i];
  if (typeof v !== 'number' && typeof v !== 'string') badLabel(v, i, name);
  throw new ValidationError(
    `${name} mixes numbers and strings (index 0 is ${formatValue(values[0])}, index ${i} is ${formatValue(v)}); labels must be all numbers or all strings.`,
    { row: i, got: v },
  );
}

/**
 * `y` as a flat array: numbers as a `Float64Array` (no copy when it already is
 * one), strings as `string[]` (sklearn's `column_or_1d`). A column vector
 * (`Tensor` of shape `[n, 1]` or `[[a], [b], ...]`) is raveled with a
 * `DataConversionWarning`; other 2-D shapes, booleans, null, mixed numbers and
 * strings, and NaN/Infinity (unless `allowNaN`) are a {@link ValidationError}.
 *
 * @example columnOrLabels([2, 1, 2]).labels     // Float64Array [2, 1, 2]
 * @example columnOrLabels(['b', 'a']).labels    // ['b', 'a']
 */
export function columnOrLabels(y: Labels, options: ColumnOrLabelsOptions = {}): { labels: Float64Array | string[] } {
  const { name = 'y', allowNaN = false } = options;
  let labels: Float64Array | string[];
  if (y instanceof Tensor) {
    if (y.dtype === 'bool') {
      throw new ValidationError(`${name} is a bool tensor; convert it to numbers (astype('int32')) or strings`, {
        got: 'bool',
      });
    }
    if (y.ndim === 2 && y.shape[1] === 1) columnVectorWarning(name, y.shape[0]);
    else if (y.ndim !== 1) notOneD(name, y.shape);
    labels = y.data instanceof Float64Array ? y.data : Float64Array.from(y.data);
  } else if (y instanceof Float64Array) {
    labels = y;
  } else if (ArrayBuffer.isView(y)) {
    if (y instanceof BigInt64Array || y instanceof BigUint64Array || y instanceof DataView) {
      throw new ValidationError(`${name} must hold numbers or strings, got a ${y.constructor.name}`);
    }
    labels = Float64Array.from(y as ArrayLike<number>);
  } else if (Array.isArray(y)) {
    if (y.length > 0 && Array.isArray(y[0])) {
      const rows = y as unknown as readonly unknown[][];
      const width = rows[0].length;
      if (width !== 1 || !rows.every((r) => Array.isArray(r) && r.length === 1)) notOneD(name, [rows.length, width]);
      columnVectorWarning(name, rows.length);
      labels = fromArray(
        rows.map((r) => r[0]),
        name,
      );
    } else labels = fromArray(y, name);
  } else if (y !== null && typeof y === 'object' && typeof (y as ArrayLike<unknown>).length === 'number') {
    labels = fromArray(Array.from(y as ArrayLike<unknown>), name);
  } else {
    throw new ValidationError(`${name} must be an array of numbers or strings, got ${formatValue(y)}`, { got: y });
  }
  if (labels instanceof Float64Array) {
    for (let i = 0; i < labels.length; i++) {
      const v = labels[i];
      if (v - v !== 0 && !(allowNaN && Number.isNaN(v))) {
        throw new ValidationError(`Input ${name} contains ${Number.isNaN(v) ? 'NaN' : 'infinity'} at index ${i}.`, {
          row: i,
          got: v,
        });
      }
    }
  }
  return { labels };
}

/**
 * Orders strings by Unicode code point (numpy's order), unlike `<`, which
 * compares UTF-16 code units and puts astral characters before U+E000..U+FFFF.
 * @example ['b', 'a', 'B'].sort(compareCodePoints) // ['B', 'a', 'b']
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let ca = a.charCodeAt(i);
    let cb = b.charCodeAt(i);
    if (ca === cb) continue;
    // Move surrogates (D800-DFFF) above the rest of the BMP so order follows code points.
    if (ca >= 0xd800) ca = ca >= 0xe000 ? ca - 0x800 : ca + 0x2000;
    if (cb >= 0xd800) cb = cb >= 0xe000 ? cb - 0x800 : cb + 0x2000;
    return ca - cb;
  }
  return a.length - b.length;
}

/**
 * Sorts labels like numpy: numbers ascending, strings by code point.
 * Returns a new array.
 * @example sortLabels(['b', 'a']) // ['a', 'b']
 */
export function sortLabels<T extends Label>(labels: readonly T[]): T[] {
  const out = labels.slice();
  if (out.length > 0 && typeof out[0] === 'number') (out as number[]).sort((a, b) => a - b);
  else (out as string[]).sort(compareCodePoints);
  return out;
}

/** The kind of target, as sklearn's `type_of_target` (single-output kinds only). */
export type TargetType = 'binary' | 'multiclass' | 'continuous';

/**
 * The target type: `'continuous'` when a numeric label is not an integer,
 * else `'binary'` (at most two distinct values) or `'multiclass'`.
 * @example typeOfTarget(columnOrLabels([0.5, 1]).labels) // 'continuous'
 */
export function typeOfTarget(labels: Float64Array | readonly string[]): TargetType {
  if (labels instanceof Float64Array) {
    for (let i = 0; i < labels.length; i++) if (!Number.isInteger(labels[i])) return 'continuous';
  }
  const distinct = new Set<Label>();
  for (let i = 0; i < labels.length; i++) {
    distinct.add(labels[i]);
    if (distinct.size > 2) return 'multiclass';
  }
  return 'binary';
}

/**
 * Throws for targets a classifier cannot use (sklearn's
 * `check_classification_targets`): continuous numbers give "Unknown label type: continuous".
 * Returns the target type otherwise.
 * @example checkClassificationTargets([0, 1, 1]) // 'binary'
 */
export function checkClassificationTargets(y: Labels): TargetType {
  const { labels } = columnOrLabels(y);
  const type = typeOfTarget(labels);
  if (type === 'continuous') {
    throw new ValidationError(
      'Unknown label type: continuous. Maybe you are trying to fit a classifier, which expects discrete classes on a regression target with continuous values.',
      { expected: 'discrete class labels', got: 'continuous' },
    );
  }
  return type;
}

/** The result of {@link encodeLabels}. */
export interface EncodedLabels {
  /** Distinct labels, sorted (numbers ascending, strings by code point). */
  classes: Label[];
  /** For each sample, the index of its label in `classes`. */
  encoded: Int32Array;
}

/**
 * Finds the sorted classes and maps each label to its class index
 * (sklearn's `np.unique(y, return_inverse=True)`).
 * @example
 * encodeLabels(['b', 'a', 'b']) // { classes: ['a', 'b'], encoded: Int32Array [1, 0, 1] }
 */
export function encodeLabels(y: Labels): EncodedLabels {
  const { labels } = columnOrLabels(y);
  const distinct = new Set<Label>();
  for (let i = 0; i < labels.length; i++) distinct.add(labels[i]);
  const classes = sortLabels([...distinct]);
  const index = new Map<Label, number>();
  for (let k = 0; k < classes.length; k++) index.set(classes[k], k);
  const encoded = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) encoded[i] = index.get(labels[i]) as number;
  return { classes, encoded };
}

/**
 * Whether every class is a number that fits in an int32.
 * @example classesAreInt32([0, 1, 2]) // true
 */
export function classesAreInt32(classes: readonly Label[]): boolean {
  return classes.every((c) => typeof c === 'number' && Number.isInteger(c) && c >= -2147483648 && c <= 2147483647);
}

/**
 * Maps class indices back to labels: an `Int32Array` when every class is an
 * int32 integer (the common numeric case), else an array of labels.
 * @example decodeLabels(['a', 'b'], Int32Array.of(1, 0)) // ['b', 'a']
 * @example decodeLabels([0, 2], Int32Array.of(1, 0))     // Int32Array [2, 0]
 */
export function decodeLabels(classes: readonly Label[], indices: ArrayLike<number>): Int32Array | LabelArray {
  const n = indices.length;
  if (classesAreInt32(classes)) {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = classes[indices[i]] as number;
    return out;
  }
  const out = new Array<Label>(n);
  for (let i = 0; i < n; i++) out[i] = classes[indices[i]];
  // Classes are never mixed (columnOrLabels rejects that), so this is number[] or string[].
  return out as LabelArray;
}
