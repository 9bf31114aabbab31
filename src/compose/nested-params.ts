/**
 * sklearn's `_BaseComposition` parameter rules shared by the meta-estimators
 * that hold named sub-estimators (Pipeline, ColumnTransformer, FeatureUnion):
 * `getParams({ deep: true })` adds each sub-estimator under its name and its
 * own params as `name__param`; `setParams` accepts those keys, replaces a
 * whole sub-estimator given by name, and forwards `name__param` to it.
 */
import { ValidationError } from '../base/errors.js';
import { checkUnknownParams } from '../base/params.js';

/** An object whose params can be read (possibly deeply). */
interface HasParams {
  getParams(options?: { deep?: boolean }): object;
  setParams(params: object): unknown;
}

function hasParams(value: unknown): value is HasParams {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as HasParams).getParams === 'function' &&
    typeof (value as HasParams).setParams === 'function'
  );
}

/** Options of `getParams` on the meta-estimators. */
export interface GetParamsOptions {
  /** Also list each sub-estimator by name and its params as `name__param`. Default `false`. */
  deep?: boolean;
}

/**
 * `shallow` plus, for each named sub-estimator, `name` → estimator and
 * `name__param` → value (recursively, so nested pipelines give `a__b__c`).
 * @example deepParams({ steps }, [['clf', clf]]) // { steps, clf, clf__strategy: 'prior', ... }
 */
export function deepParams(
  shallow: Record<string, unknown>,
  named: readonly (readonly [string, unknown])[],
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...shallow };
  for (const [name, est] of named) {
    out[name] = est;
    if (!hasParams(est)) continue;
    for (const [k, v] of Object.entries(est.getParams({ deep: true }))) out[`${name}__${k}`] = v;
  }
  return out;
}

/** What {@link splitParams} found in a `setParams` argument. */
export interface SplitParams {
  /** The meta-estimator's own options. */
  own: Record<string, unknown>;
  /** Whole sub-estimators to put in place of the named ones. */
  replace: Map<string, unknown>;
  /** Params to forward to named sub-estimators (`name__rest` → `{ rest }`). */
  nested: Map<string, Record<string, unknown>>;
}

/**
 * Sorts a `setParams` argument into own options, replacements and nested
 * params, throwing a {@link ValidationError} for a name that is none of them.
 * @param ownNames - the meta-estimator's own option names.
 * @param subNames - the names of its sub-estimators (after any own update).
 */
export function splitParams(
  className: string,
  params: Readonly<Record<string, unknown>>,
  ownNames: readonly string[],
  subNames: readonly string[],
): SplitParams {
  const result: SplitParams = { own: {}, replace: new Map(), nested: new Map() };
  for (const [key, value] of Object.entries(params)) {
    const cut = key.indexOf('__');
    if (cut < 0) {
      if (ownNames.includes(key)) result.own[key] = value;
      else if (subNames.includes(key)) result.replace.set(key, value);
      else checkUnknownParams(className, [...ownNames, ...subNames], { [key]: value });
      continue;
    }
    const name = key.slice(0, cut);
    if (!subNames.includes(name)) {
      throw new ValidationError(
        `Invalid parameter '${name}' for estimator ${className}. Valid parameters are: ${[...ownNames, ...subNames]
          .map((n) => `'${n}'`)
          .join(', ')}.`,
        { param: key, expected: [...ownNames, ...subNames], got: name },
      );
    }
    const bucket = result.nested.get(name) ?? {};
    bucket[key.slice(cut + 2)] = value;
    result.nested.set(name, bucket);
  }
  return result;
}

/**
 * Forwards `params` to the sub-estimator `est`, named `name` in messages.
 * @example forwardParams('clf', clf, { strategy: 'uniform' })
 */
export function forwardParams(owner: string, name: string, est: unknown, params: Record<string, unknown>): void {
  if (!hasParams(est)) {
    throw new ValidationError(
      `Cannot set ${Object.keys(params)
        .map((k) => `'${name}__${k}'`)
        .join(', ')} on ${owner}: step '${name}' is ${est === null ? 'null' : `'${String(est)}'`}, not an estimator`,
      { param: name, got: est },
    );
  }
  est.setParams(params);
}

/**
 * Checks the names of sub-estimators as sklearn's `_validate_names`: unique,
 * no `__`, not equal to an own option name.
 * @example validateNames('Pipeline', ['scaler', 'clf'], ['steps', 'verbose'])
 */
export function validateNames(className: string, names: readonly string[], ownNames: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (typeof name !== 'string' || name === '') {
      throw new ValidationError(`${className}: every name must be a non-empty string, got ${String(name)}`, {
        got: name,
      });
    }
    if (seen.has(name)) {
      throw new ValidationError(`${className}: names provided are not unique: '${name}' appears twice`, {
        got: [...names],
      });
    }
    seen.add(name);
    if (ownNames.includes(name)) {
      throw new ValidationError(
        `${className}: estimator names conflict with constructor arguments: '${name}' is also an option name`,
        { got: name },
      );
    }
    if (name.includes('__')) {
      throw new ValidationError(`${className}: estimator names must not contain __: got '${name}'`, { got: name });
    }
  }
}
