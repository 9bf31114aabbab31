/**
 * Classification targets as the metrics see them (sklearn's `type_of_target`,
 * `_check_targets`, `unique_labels`): 1-D labels (numbers or strings) or a 2-D
 * 0/1 indicator matrix (multilabel), classified as binary / multiclass /
 * multilabel-indicator, and mapped to class indices.
 */
import { ValidationError } from '../base/errors.js';
import { columnOrLabels, sortLabels } from '../base/labels.js';
import type { Label } from '../base/types.js';
import { Tensor } from '../tensor/tensor.js';
import { assertFinite } from './vector.js';

/** Class labels as metrics accept them: numbers or strings (1-D). */
export type LabelVector = Tensor | ArrayLike<number> | readonly string[];

/** Labels, or a 0/1 indicator matrix (rows = samples, columns = labels) for multilabel metrics. */
export type ClassTarget = LabelVector | readonly (readonly number[])[];

/** The kind of a target (sklearn's `type_of_target`). */
export type TargetType =
  | 'binary'
  | 'multiclass'
  | 'multilabel-indicator'
  | 'continuous'
  | 'multiclass-multioutput'
  | 'continuous-multioutput';

/** A target read by {@link readTarget}: 1-D `labels`, or an indicator `matrix`. */
export interface Target {
  type: TargetType;
  /** 1-D labels (absent for 2-D targets). */
  labels?: Float64Array | string[];
  /** Row-major 2-D values (absent for 1-D targets). */
  matrix?: { data: Float64Array; rows: number; cols: number };
  /** Number of samples. */
  n: number;
}

function typeOf1D(labels: Float64Array | string[]): TargetType {
  if (labels instanceof Float64Array) {
    for (let i = 0; i < labels.length; i++) if (!Number.isInteger(labels[i])) return 'continuous';
  }
  const seen = new Set<Label>();
  for (let i = 0; i < labels.length; i++) {
    seen.add(labels[i]);
    if (seen.size > 2) return 'multiclass';
  }
  return 'binary';
}

function typeOf2D(data: Float64Array): TargetType {
  let binary = true;
  let integer = true;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v !== 0 && v !== 1) binary = false;
    if (!Number.isInteger(v)) integer = false;
  }
  if (binary) return 'multilabel-indicator';
  return integer ? 'multiclass-multioutput' : 'continuous-multioutput';
}

/**
 * Reads a classification target: a `[n, 1]` column is taken as 1-D; a wider
 * 2-D input is a matrix. NaN/Infinity, booleans and mixed numbers/strings are
 * ValidationErrors naming `name`.
 */
export function readTarget(y: ClassTarget, name: string): Target {
  if (y instanceof Tensor) {
    if (y.ndim === 2 && y.shape[1] !== 1) {
      const data = y.data instanceof Float64Array ? y.data : Float64Array.from(y.data);
      assertFinite(data, name, y.shape[1]);
      return { type: typeOf2D(data), matrix: { data, rows: y.shape[0], cols: y.shape[1] }, n: y.shape[0] };
    }
    const flat = y.ndim === 2 ? new Tensor(y.data, [y.shape[0]]) : y;
    const { labels } = columnOrLabels(flat, { name });
    return { type: typeOf1D(labels), labels, n: labels.length };
  }
  const arr = y as ArrayLike<unknown>;
  if (Array.isArray(arr) && arr.length > 0 && Array.isArray(arr[0])) {
    const rows = arr as readonly (readonly unknown[])[];
    if (rows.every((r) => Array.isArray(r) && r.length === 1)) {
      const { labels } = columnOrLabels(rows.map((r) => r[0]) as Label[], { name });
      return { type: typeOf1D(labels), labels, n: labels.length };
    }
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
        if (typeof v !== 'number') {
          throw new ValidationError(`${name}[${i}][${j}] is ${String(v)}: a label-indicator matrix holds numbers`);
        }
        data[i * cols + j] = v;
      }
    }
    assertFinite(data, name, cols);
    return { type: typeOf2D(data), matrix: { data, rows: rows.length, cols }, n: rows.length };
  }
  const { labels } = columnOrLabels(y as LabelVector, { name });
  return { type: typeOf1D(labels), labels, n: labels.length };
}

/** Formats labels for messages: `[0, 1, 2]` or `['a', 'b']`. */
export function formatLabels(labels: readonly Label[]): string {
  return `[${labels.map((l) => (typeof l === 'string' ? `'${l}'` : String(l))).join(', ')}]`;
}

/** Sorted distinct labels of one or more 1-D label arrays (sklearn's `unique_labels`). */
export function uniqueLabels(...arrays: ArrayLike<Label>[]): Label[] {
  const seen = new Set<Label>();
  let kind: string | undefined;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (kind === undefined) kind = typeof v;
      else if (typeof v !== kind) {
        throw new ValidationError(
          'Mix of label input types (string and number): yTrue and yPred must hold labels of the same type',
        );
      }
      seen.add(v);
    }
  }
  return sortLabels([...seen]);
}

/** Maps each value to its index in `classes`, or -1 when absent. */
export function encode(values: ArrayLike<Label>, classes: readonly Label[]): Int32Array {
  const index = new Map<Label, number>();
  classes.forEach((c, k) => {
    if (!index.has(c)) index.set(c, k);
  });
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = index.get(values[i]) ?? -1;
  return out;
}

/** The result of {@link checkTargets}. */
export interface CheckedTargets {
  type: 'binary' | 'multiclass' | 'multilabel-indicator';
  t: Target;
  p: Target;
  n: number;
}

/**
 * Checks that `yTrue` and `yPred` are the same kind of classification target
 * and have the same length (sklearn's `_check_targets`): a binary/multiclass
 * mix is multiclass, binary with more than two labels overall is multiclass,
 * other mixes and continuous targets are ValidationErrors.
 */
export function checkTargets(yTrue: ClassTarget, yPred: ClassTarget): CheckedTargets {
  const t = readTarget(yTrue, 'yTrue');
  const p = readTarget(yPred, 'yPred');
  if (t.n !== p.n) {
    throw new ValidationError(
      `Found input variables with inconsistent numbers of samples: yTrue has ${t.n}, yPred has ${p.n}`,
      { expected: t.n, got: p.n },
    );
  }
  if (t.n === 0) throw new ValidationError('yTrue and yPred are empty: at least one sample is required');
  let type: TargetType;
  const set = new Set([t.type, p.type]);
  if (set.size === 2 && set.has('binary') && set.has('multiclass')) type = 'multiclass';
  else if (set.size > 1) {
    throw new ValidationError(`Classification metrics can't handle a mix of ${t.type} and ${p.type} targets`, {
      expected: t.type,
      got: p.type,
    });
  } else type = t.type;
  if (type !== 'binary' && type !== 'multiclass' && type !== 'multilabel-indicator') {
    throw new ValidationError(
      `${type} targets are not supported by classification metrics${type === 'continuous' ? ' (yTrue or yPred holds non-integer numbers: is this a regression target?)' : ''}`,
      { got: type },
    );
  }
  if (type === 'multilabel-indicator') {
    const tm = t.matrix as NonNullable<Target['matrix']>;
    const pm = p.matrix as NonNullable<Target['matrix']>;
    if (tm.cols !== pm.cols) {
      throw new ValidationError(`Multi-label yTrue has ${tm.cols} columns but yPred has ${pm.cols}`, {
        expected: tm.cols,
        got: pm.cols,
      });
    }
  } else {
    const tl = t.labels as Float64Array | string[];
    const pl = p.labels as Float64Array | string[];
    if (tl.length > 0 && pl.length > 0 && typeof tl[0] !== typeof pl[0]) {
      throw new ValidationError(
        `Labels in yTrue and yPred should be of the same type. Got yTrue=${formatLabels(uniqueLabels(tl))} and yPred=${formatLabels(uniqueLabels(pl))}. Make sure the predictions use the same labels as the truth.`,
      );
    }
    if (type === 'binary' && uniqueLabels(tl, pl).length > 2) type = 'multiclass';
  }
  return { type: type as CheckedTargets['type'], t, p, n: t.n };
}

/** Throws unless `type` is binary, naming the labels found (for binary-only metrics). */
export function requireBinary(type: TargetType, labels: readonly Label[] | undefined, metric: string): void {
  if (type === 'binary') return;
  const found = labels ? ` (labels found: ${formatLabels(labels)})` : '';
  throw new ValidationError(`${metric} only supports binary targets; the target is ${type}${found}.`, {
    expected: 'binary',
    got: type,
  });
}

/**
 * The positive label of a binary target when `posLabel` is not given
 * (sklearn's `_check_pos_label_consistency`): 1 when the classes are
 * {0, 1}, {-1, 1} or a single one of 0, -1, 1; otherwise a ValidationError.
 */
export function resolvePosLabel(posLabel: Label | undefined, classes: readonly Label[]): Label {
  if (posLabel !== undefined && posLabel !== null) return posLabel;
  const key = classes.join(',');
  const ok = ['0,1', '-1,1', '0', '-1', '1'].includes(key) && classes.every((c) => typeof c === 'number');
  if (!ok) {
    throw new ValidationError(
      `yTrue takes values in ${formatLabels(classes)} and posLabel is not specified: either make yTrue take values in {0, 1} or {-1, 1} or pass posLabel explicitly.`,
      { param: 'posLabel' },
    );
  }
  return 1;
}
