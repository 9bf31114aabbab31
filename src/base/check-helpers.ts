/**
 * Shared pieces of the estimator checks: their context types, assertion
 * helpers that throw {@link CheckFailure}, exact output comparison, and small
 * input builders. Used by `estimator-checks.ts`.
 */
import { RandomGenerator } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { isEstimator } from './clone.js';
import { formatValue } from './params.js';
import type { Estimator, EstimatorTags, Label, MatrixLike } from './types.js';

/** Data the checks use: a training set (`X`, `y`), a second one of another width (`XB`, `yB`), string labels. */
export interface CheckData {
  X: number[][];
  y: Label[];
  XB: number[][];
  yB: Label[];
  /** `y` mapped to strings whose sorted order differs from their numeric order (classifiers only). */
  yStrings?: string[];
}

/** What a check knows about the estimator under test. */
export interface CheckContext {
  factory: () => Estimator;
  estimatorName: string;
  tags: EstimatorTags;
  kind: 'classifier' | 'regressor' | 'transformer' | 'other';
  data: CheckData;
  /** Whether `fit` is given `y`. */
  usesY: boolean;
}

/**
 * One named check. `skipReason` returns why the check does not apply to this
 * estimator (it is then reported as skipped), or `undefined` to run it.
 */
export interface EstimatorCheck {
  name: string;
  run(ctx: CheckContext): void | Promise<void>;
  skipReason?(ctx: CheckContext): string | undefined;
}

/**
 * A broken contract rule, thrown by a check.
 * @example throw new CheckFailure('fit() must resolve to the estimator itself');
 */
export class CheckFailure extends Error {
  override name = 'CheckFailure';
}

export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckFailure(message);
}

// biome-ignore lint/suspicious/noExplicitAny: checks probe optional methods by name
export type Probe = Estimator & Record<string, any>;

export async function expectThrows(
  fn: () => unknown,
  errorClass: new (...args: never[]) => Error,
  what: string,
): Promise<Error> {
  let result: unknown;
  try {
    result = await fn();
  } catch (error) {
    if (error instanceof errorClass) return error;
    const got = error instanceof Error ? `${error.name}: ${error.message}` : formatValue(error);
    throw new CheckFailure(`${what} should throw ${errorClass.name}, but threw ${got}`);
  }
  throw new CheckFailure(`${what} should throw ${errorClass.name}, but returned ${formatValue(result)}`);
}

export const OUTPUT_METHODS = ['predict', 'predictProba', 'predictLogProba', 'decisionFunction', 'transform'] as const;

export function outputMethods(est: Probe): string[] {
  return OUTPUT_METHODS.filter((m) => typeof est[m] === 'function');
}

/** A fresh estimator with `randomState` fixed to 0 when it has that option unset. */
export function make(ctx: CheckContext): Probe {
  const est = ctx.factory() as Probe;
  const params = est.getParams() as Record<string, unknown>;
  if ('randomState' in params && (params.randomState === undefined || params.randomState === null)) {
    est.setParams({ randomState: 0 } as never);
  }
  return est;
}

export function fit(
  ctx: CheckContext,
  est: Probe,
  X: MatrixLike = ctx.data.X,
  y: unknown = ctx.data.y,
): Promise<unknown> {
  return est.fit(X, ctx.usesY ? (y as Label[]) : undefined);
}

export function outputs(est: Probe, X: MatrixLike): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of outputMethods(est)) out[m] = est[m](X);
  return out;
}

/** The first difference between two outputs or params, described; `undefined` when identical. */
export function difference(a: unknown, b: unknown, path: string): string | undefined {
  if (typeof a === 'number' && typeof b === 'number') {
    return Object.is(a, b) ? undefined : `${path}: ${formatValue(a)} vs ${formatValue(b)}`;
  }
  if (Object.is(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return `${path}: ${formatValue(a)} vs ${formatValue(b)}`;
  }
  if (a instanceof Tensor || b instanceof Tensor) {
    if (!(a instanceof Tensor && b instanceof Tensor))
      return `${path}: a Tensor vs ${formatValue(a instanceof Tensor ? b : a)}`;
    if (a.dtype !== b.dtype) return `${path}: dtype ${a.dtype} vs ${b.dtype}`;
    if (a.shape.join() !== b.shape.join()) return `${path}: shape [${a.shape}] vs [${b.shape}]`;
    return difference(a.data, b.data, path);
  }
  const aList = Array.isArray(a) || ArrayBuffer.isView(a);
  const bList = Array.isArray(b) || ArrayBuffer.isView(b);
  if (aList || bList) {
    if (a.constructor !== b.constructor) return `${path}: ${a.constructor.name} vs ${b.constructor.name}`;
    const x = a as ArrayLike<unknown>;
    const y = b as ArrayLike<unknown>;
    if (x.length !== y.length) return `${path}: length ${x.length} vs ${y.length}`;
    for (let i = 0; i < x.length; i++) {
      const d = difference(x[i], y[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (a.constructor !== b.constructor) return `${path}: ${formatValue(a)} vs ${formatValue(b)}`;
  if (isEstimator(a) && isEstimator(b)) return difference(a.getParams(), b.getParams(), `${path}.params`);
  if (a instanceof RandomGenerator && b instanceof RandomGenerator) {
    return JSON.stringify(a.state()) === JSON.stringify(b.state())
      ? undefined
      : `${path}: random generator states differ`;
  }
  const proto = Object.getPrototypeOf(a);
  if (proto !== Object.prototype && proto !== null) return `${path}: different ${a.constructor.name} instances`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const d = difference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d) return d;
  }
  return undefined;
}

export function labelsOf(pred: unknown): unknown[] {
  if (pred instanceof Tensor) return Array.from(pred.data);
  return Array.from(pred as ArrayLike<unknown>);
}

export function sortedUnique(values: readonly Label[]): Label[] {
  const unique = [...new Set(values)];
  if (typeof unique[0] === 'number') return (unique as number[]).sort((a, b) => a - b);
  return (unique as string[]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function withColumns(X: number[][], nCols: number): number[][] {
  return X.map((row) => Array.from({ length: nCols }, (_, j) => row[j % row.length] + j));
}

export function frameOf(X: number[][], names: string[]) {
  const columns = new Map(names.map((n, j) => [n, Float64Array.from(X, (row) => row[j])]));
  return { columnNames: names, column: (name: string) => columns.get(name) };
}

export const needsFit = (ctx: CheckContext) =>
  ctx.tags.requiresFit ? undefined : 'the estimator does not require fit';
export const onlyClassifier = (ctx: CheckContext) => (ctx.kind === 'classifier' ? undefined : 'not a classifier');
