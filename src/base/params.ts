/**
 * Declarative parameter validation, scikit-learn's `_parameter_constraints`:
 * each estimator class lists, per constructor option, the constraints a value
 * may satisfy; one shared validator checks them at `fit` time and throws a
 * {@link ValidationError} in sklearn's wording ("The 'strategy' parameter of
 * DummyClassifier must be a str among {...}. Got 'foo' instead.").
 * Unknown option names are caught earlier, in the constructor and `setParams`.
 */
import { RandomGenerator } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { ValidationError } from './errors.js';

/**
 * A numeric range: ints or reals between optional bounds. Build it with {@link interval}.
 * @example new Interval('int', 1, null, 'left').isSatisfiedBy(3) // true
 */
export class Interval {
  constructor(
    readonly kind: 'int' | 'real',
    readonly low: number | null,
    readonly high: number | null,
    readonly closed: 'left' | 'right' | 'both' | 'neither',
  ) {
    if (low !== null && high !== null && low > high) {
      throw new RangeError(`interval: low (${low}) must be <= high (${high})`);
    }
  }

  /** Whether `value` is a number of the right kind inside the range. */
  isSatisfiedBy(value: unknown): boolean {
    if (typeof value !== 'number' || Number.isNaN(value)) return false;
    if (this.kind === 'int' && !Number.isInteger(value)) return false;
    const lowClosed = this.closed === 'left' || this.closed === 'both';
    const highClosed = this.closed === 'right' || this.closed === 'both';
    if (this.low !== null && (lowClosed ? value < this.low : value <= this.low)) return false;
    if (this.high !== null && (highClosed ? value > this.high : value >= this.high)) return false;
    return true;
  }

  /** sklearn's wording, e.g. `an int in the range [1, inf)`. */
  toString(): string {
    const lowClosed = this.closed === 'left' || this.closed === 'both';
    const highClosed = this.closed === 'right' || this.closed === 'both';
    const left = this.low === null ? '(-inf' : `${lowClosed ? '[' : '('}${this.low}`;
    const right = this.high === null ? 'inf)' : `${this.high}${highClosed ? ']' : ')'}`;
    return `${this.kind === 'int' ? 'an int' : 'a float'} in the range ${left}, ${right}`;
  }
}

/**
 * A closed set of allowed values. Build it with {@link options}.
 * @example new Options(['l1', 'l2']).isSatisfiedBy('l1') // true
 */
export class Options {
  constructor(readonly values: readonly (string | number | boolean)[]) {}

  isSatisfiedBy(value: unknown): boolean {
    return (this.values as readonly unknown[]).includes(value);
  }

  /** sklearn's wording, e.g. `a str among {'mean', 'median'}`. */
  toString(): string {
    const list = this.values.map((v) => formatValue(v)).join(', ');
    const types = new Set(this.values.map((v) => typeof v));
    const kind = types.size !== 1 ? 'one' : types.has('string') ? 'a str' : types.has('number') ? 'a number' : 'a bool';
    return `${kind} among {${list}}`;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: any constructor may be named in instanceOf
type AnyClass = abstract new (...args: any[]) => unknown;

/**
 * Instances of one class. Build it with {@link instanceOf}.
 * @example new InstanceOf(Tensor).isSatisfiedBy(Tensor.from([1])) // true
 */
export class InstanceOf {
  constructor(readonly cls: AnyClass) {}

  isSatisfiedBy(value: unknown): boolean {
    return value instanceof this.cls;
  }

  toString(): string {
    return `an instance of '${this.cls.name}'`;
  }
}

/**
 * One allowed form of a parameter value:
 * - an {@link Interval}, {@link Options} or {@link InstanceOf} object;
 * - `'boolean'`, `'string'`: a JS boolean / string;
 * - `'randomState'`: a non-negative integer seed, a `RandomGenerator`, or undefined/null;
 * - `'arrayLike'`: a JS array, typed array or `Tensor`;
 * - `'callable'`: a function;
 * - `'estimator'`: an object with a `fit` method;
 * - `null`: null or undefined (sklearn's `None`).
 */
export type Constraint =
  | Interval
  | Options
  | InstanceOf
  | 'boolean'
  | 'string'
  | 'randomState'
  | 'arrayLike'
  | 'callable'
  | 'estimator'
  | null;

/**
 * The constraint table of an estimator class: for each option, the list of
 * constraints of which a valid value satisfies at least one, or
 * `'noValidation'` to skip it (sklearn's `"no_validation"`).
 */
export type ParameterConstraints = Readonly<Record<string, readonly Constraint[] | 'noValidation'>>;

/**
 * A numeric-range constraint.
 * @param kind - `'int'` (integers only) or `'real'` (any number, integers included).
 * @param low - lower bound, `null` for none. @param high - upper bound, `null` for none.
 * @param closed - which bounds are included: `'left'`, `'right'`, `'both'` or `'neither'`.
 * @example interval('int', 1, null, 'left')   // an int in the range [1, inf)
 * @example interval('real', 0, 1, 'both')     // a float in the range [0, 1]
 */
export function interval(
  kind: 'int' | 'real',
  low: number | null,
  high: number | null,
  closed: 'left' | 'right' | 'both' | 'neither',
): Interval {
  return new Interval(kind, low, high, closed);
}

/**
 * An enumeration constraint.
 * @example options(['mean', 'median', 'quantile', 'constant'])
 */
export function options(values: readonly (string | number | boolean)[]): Options {
  return new Options(values);
}

/**
 * A class-membership constraint.
 * @example instanceOf(Tensor)
 */
export function instanceOf(cls: AnyClass): InstanceOf {
  return new InstanceOf(cls);
}

const MAX_SEED = Number.MAX_SAFE_INTEGER;

/**
 * Whether `value` satisfies one constraint.
 * @example satisfies('randomState', 42) // true
 */
export function satisfies(constraint: Constraint, value: unknown): boolean {
  if (constraint === null) return value === null || value === undefined;
  if (typeof constraint === 'object') return constraint.isSatisfiedBy(value);
  switch (constraint) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'randomState':
      return (
        value === undefined ||
        value === null ||
        value instanceof RandomGenerator ||
        (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_SEED)
      );
    case 'arrayLike':
      return (
        Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView)) || value instanceof Tensor
      );
    case 'callable':
      return typeof value === 'function';
    case 'estimator':
      return typeof value === 'object' && value !== null && typeof (value as { fit?: unknown }).fit === 'function';
  }
}

/**
 * sklearn-style description of one constraint, as used in error messages.
 * @example describeConstraint(interval('int', 1, null, 'left')) // 'an int in the range [1, inf)'
 */
export function describeConstraint(constraint: Constraint): string {
  if (constraint === null) return 'undefined';
  if (typeof constraint === 'object') return constraint.toString();
  switch (constraint) {
    case 'boolean':
      return 'a boolean';
    case 'string':
      return 'a str';
    case 'randomState':
      return `an int in the range [0, ${MAX_SEED}], an instance of 'RandomGenerator' or undefined`;
    case 'arrayLike':
      return 'an array-like';
    case 'callable':
      return 'a callable';
    case 'estimator':
      return "an object implementing 'fit'";
  }
}

/**
 * A short, unambiguous rendering of a value for error messages: strings
 * quoted (`'foo'`), `-0` kept, arrays abbreviated, objects by class name.
 * @example formatValue('foo') // "'foo'"
 */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return `[Function ${value.name || 'anonymous'}]`;
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const items = Array.from(value as ArrayLike<unknown>);
    const shown = items.slice(0, 6).map(formatValue).join(', ');
    const prefix = Array.isArray(value) ? '' : `${value.constructor.name} `;
    return `${prefix}[${shown}${items.length > 6 ? `, ... (${items.length} items)` : ''}]`;
  }
  const ctor = (value as object).constructor;
  return ctor && ctor !== Object ? `<${ctor.name} instance>` : '<object>';
}

function joinConstraints(list: readonly Constraint[]): string {
  const parts = list.map(describeConstraint);
  if (parts.length <= 1) return parts[0] ?? 'nothing';
  return `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
}

/**
 * Checks `params` against a constraint table; throws a {@link ValidationError}
 * (with `param`, `expected`, `got`) for the first value that satisfies none of
 * its constraints. Options absent from the table are not checked.
 *
 * @param className - shown in the message.
 * @example
 * validateParams('DummyRegressor', { quantile: [interval('real', 0, 1, 'both'), null] }, { quantile: 2 });
 * // ValidationError: The 'quantile' parameter of DummyRegressor must be a float in the range [0, 1] or undefined. Got 2 instead.
 */
export function validateParams(
  className: string,
  constraints: ParameterConstraints,
  params: Readonly<Record<string, unknown>>,
): void {
  for (const [name, list] of Object.entries(constraints)) {
    if (list === 'noValidation') continue;
    const value = params[name];
    if (list.some((c) => satisfies(c, value))) continue;
    const expected = joinConstraints(list);
    throw new ValidationError(
      `The '${name}' parameter of ${className} must be ${expected}. Got ${formatValue(value)} instead.`,
      { param: name, expected, got: value },
    );
  }
}

function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/**
 * Throws a {@link ValidationError} when `given` has an option name not in
 * `valid`, listing the valid names and suggesting the closest one.
 * @example
 * checkUnknownParams('DummyClassifier', ['strategy', 'randomState', 'constant'], { stratgy: 'prior' });
 * // ValidationError: Unknown option 'stratgy' for DummyClassifier (did you mean 'strategy'?). Valid options are: 'constant', 'randomState', 'strategy'.
 */
export function checkUnknownParams(className: string, valid: readonly string[], given: object): void {
  for (const name of Object.keys(given)) {
    if (valid.includes(name)) continue;
    let best: string | undefined;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const candidate of valid) {
      const d = candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(candidate, name);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    const hint = best !== undefined && bestDistance <= 2 ? ` (did you mean '${best}'?)` : '';
    const list = [...valid]
      .sort()
      .map((v) => `'${v}'`)
      .join(', ');
    throw new ValidationError(
      `Unknown option '${name}' for ${className}${hint}. Valid options are: ${list || '(none)'}.`,
      { param: name, expected: [...valid].sort(), got: name },
    );
  }
}
