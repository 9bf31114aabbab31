/**
 * The data a cross-validation run works on: `X` as a tensor (rows along axis
 * 0) or a Frame (so a Pipeline starting with a ColumnTransformer gets its
 * named, typed columns, as scikit-learn passes DataFrames through), and the
 * targets as a tensor or a string array, with row subsetting and the
 * shared-memory form workers receive.
 */
import { ValidationError } from '../base/errors.js';
import { columnOrLabels } from '../base/labels.js';
import { toTensorInput } from '../base/matrix-input.js';
import type { Labels, MatrixLike } from '../base/types.js';
import { Frame } from '../data/frame.js';
import { fromShared, type SharedTensor, shareTensor } from '../parallel/shared.js';
import { take } from '../tensor/indexing.js';
import { Tensor } from '../tensor/tensor.js';
import { fromSharedFrame, type SharedFrame, shareFrame } from './shared-frame.js';

/** Targets as cross-validation keeps them: a tensor (numbers) or strings. */
export type CvTargets = Tensor | string[];

/** Samples as cross-validation keeps them: a dense tensor, or a Frame kept as is. */
export type CvSamples = Tensor | Frame;

/** `X`, `y` and the sample count of a cross-validation run. */
export interface CvData {
  X: CvSamples;
  y: CvTargets | undefined;
  n: number;
}

/**
 * Converts `X` (any `MatrixLike`; a Tensor or a Frame is used as is) and `y` (any
 * `Labels`), checking they have the same number of rows. `owner` prefixes errors.
 * @example const data = toCvData([[1], [2], [3]], [0, 1, 0], 'crossValidate');
 */
export function toCvData(X: MatrixLike, y: Labels | undefined, owner: string): CvData {
  const converted = X instanceof Tensor || X instanceof Frame ? X : toTensorInput(X).X;
  if (!(converted instanceof Frame) && (!(converted instanceof Tensor) || converted.ndim < 1)) {
    throw new ValidationError(`${owner}: X must be a dense matrix (sparse input is not supported yet)`, { param: 'X' });
  }
  const n = converted instanceof Frame ? converted.nRows : converted.shape[0];
  let targets: CvTargets | undefined;
  if (y !== undefined && y !== null) {
    if (y instanceof Tensor) targets = y;
    else {
      const { labels } = columnOrLabels(y);
      targets = labels instanceof Float64Array ? new Tensor(labels, [labels.length]) : labels;
    }
    const m = targets instanceof Tensor ? targets.shape[0] : targets.length;
    if (m !== n) throw new ValidationError(`${owner}: X has ${n} rows but y has ${m}`, { expected: n, got: m });
  }
  return { X: converted, y: targets, n };
}

/**
 * Rows `index` of `y` (a new tensor or array).
 * @example takeTargets(['a', 'b', 'c'], Int32Array.of(2, 0)) // ['c', 'a']
 */
export function takeTargets(y: CvTargets, index: Int32Array): CvTargets {
  if (y instanceof Tensor) return take(y, index, 0);
  const out = new Array<string>(index.length);
  for (let i = 0; i < index.length; i++) out[i] = y[index[i]];
  return out;
}

/**
 * Rows `index` of `X` (a tensor's rows, or a Frame's).
 * @example takeRows(X, Int32Array.of(0, 2)).shape // [2, X.shape[1]]
 */
export function takeRows(X: CvSamples, index: Int32Array): CvSamples {
  return X instanceof Frame ? X.take(index) : take(X, index, 0);
}

/** {@link CvData} in shared memory, as workers receive it. */
export interface SharedCvData {
  X: SharedTensor | SharedFrame;
  y?: { kind: 'tensor'; values: SharedTensor } | { kind: 'strings'; codes: SharedTensor; classes: string[] };
}

/**
 * Copies the data into `SharedArrayBuffer`s once (strings become int32 codes plus the distinct strings).
 * @example const shared = shareCvData(data); // send to workers
 */
export function shareCvData(data: CvData): SharedCvData {
  const out: SharedCvData = { X: data.X instanceof Frame ? shareFrame(data.X) : shareTensor(data.X) };
  if (data.y instanceof Tensor) out.y = { kind: 'tensor', values: shareTensor(data.y) };
  else if (data.y !== undefined) {
    const index = new Map<string, number>();
    const codes = new Int32Array(data.y.length);
    for (let i = 0; i < codes.length; i++) {
      let code = index.get(data.y[i]);
      if (code === undefined) index.set(data.y[i], (code = index.size));
      codes[i] = code;
    }
    out.y = { kind: 'strings', codes: shareTensor(new Tensor(codes, [codes.length])), classes: [...index.keys()] };
  }
  return out;
}

/**
 * The {@link CvData} viewing shared memory (X and numeric y are not copied).
 * @example const data = fromSharedCvData(context.data);
 */
export function fromSharedCvData(shared: SharedCvData): CvData {
  const X =
    'kind' in shared.X && shared.X.kind === 'frame' ? fromSharedFrame(shared.X) : fromShared(shared.X as SharedTensor);
  let y: CvTargets | undefined;
  if (shared.y?.kind === 'tensor') y = fromShared(shared.y.values);
  else if (shared.y?.kind === 'strings') {
    const { classes } = shared.y;
    y = Array.from(fromShared(shared.y.codes).data, (c) => classes[c]);
  }
  return { X, y, n: X instanceof Frame ? X.nRows : X.shape[0] };
}
