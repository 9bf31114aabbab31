/**
 * The estimator registry workers use to rebuild an estimator from its saved
 * form (`toJSON()`): class name → class. Built lazily, on first use, from the
 * package index (every estimator typelearn exports) plus any extra modules
 * the caller names (for user-defined estimators).
 */
import { ValidationError } from '../base/errors.js';
import { ESTIMATOR_MODULES } from './estimator-modules.js';

/** A class that can restore a saved estimator. */
export interface RevivableClass {
  readonly name: string;
  readonly estimatorName?: string;
  fromJSON(saved: unknown, options?: { classes?: readonly RevivableClass[] }): unknown;
}

function isRevivable(value: unknown): value is RevivableClass {
  return typeof value === 'function' && typeof (value as Partial<RevivableClass>).fromJSON === 'function';
}

function collect(namespace: Record<string, unknown>, into: Map<string, RevivableClass>, depth: number): void {
  for (const value of Object.values(namespace)) {
    if (isRevivable(value)) {
      const key = value.estimatorName ?? value.name;
      if (!into.has(key)) into.set(key, value);
    } else if (
      depth > 0 &&
      value !== null &&
      typeof value === 'object' &&
      (value as Record<symbol, unknown>)[Symbol.toStringTag] === 'Module'
    ) {
      collect(value as Record<string, unknown>, into, depth - 1); // `export * as linalg`-style namespaces
    }
  }
}

const cache = new Map<string, Promise<Map<string, RevivableClass>>>();

/**
 * Every `className` in a saved estimator (nested ones too: a Pipeline's steps, a
 * search's estimator), sorted.
 * @example classNamesIn(pipe.toJSON()) // ['LogisticRegression', 'Pipeline', 'StandardScaler']
 */
export function classNamesIn(saved: unknown): string[] {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
    } else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record.className === 'string') names.add(record.className);
      for (const v of Object.values(record)) visit(v);
    }
  };
  visit(saved);
  return [...names].sort();
}

/** The package modules exporting `classNames`, or `undefined` when one is not in the table. */
function packageModulesFor(classNames: readonly string[]): string[] | undefined {
  const found = new Set<string>();
  for (const name of classNames) {
    const module = Object.hasOwn(ESTIMATOR_MODULES, name) ? ESTIMATOR_MODULES[name] : undefined;
    if (module === undefined) return undefined;
    found.add(module);
  }
  return [...found].sort();
}

/**
 * Class name → class for every estimator exported by typelearn's index and by
 * `modules` (URLs or specifiers importable from this file). With `classNames`, only
 * the package modules exporting those classes are imported (all of them when one is
 * not a package class), which is what keeps worker start-up short. Cached per argument.
 * @example const registry = await estimatorRegistry([new URL('./my-model.js', import.meta.url).href]);
 */
export function estimatorRegistry(
  modules: readonly string[] = [],
  classNames?: readonly string[],
): Promise<Map<string, RevivableClass>> {
  // Only the package modules that export the wanted classes, when all are known;
  // else the whole package index.
  const needed = classNames === undefined ? undefined : packageModulesFor(classNames);
  const key = `${modules.join('\n')}\n--\n${needed?.join(',') ?? '*'}`;
  let found = cache.get(key);
  if (found === undefined) {
    found = (async () => {
      const registry = new Map<string, RevivableClass>();
      for (const spec of modules) collect((await import(spec)) as Record<string, unknown>, registry, 1);
      if (needed === undefined) {
        collect((await import('../index.js')) as Record<string, unknown>, registry, 1);
      } else {
        for (const module of needed) {
          collect((await import(`../${module}/index.js`)) as Record<string, unknown>, registry, 1);
        }
      }
      return registry;
    })();
    cache.set(key, found);
  }
  return found;
}

/**
 * Rebuilds an estimator from its saved form with the registry's class of that name
 * (nested estimators of meta-estimators are looked up in the same registry).
 * @example const model = reviveEstimator(saved, await estimatorRegistry());
 */
export function reviveEstimator<T = unknown>(saved: { className?: unknown }, registry: Map<string, RevivableClass>): T {
  const name = String(saved?.className);
  const Ctor = registry.get(name);
  if (Ctor === undefined) {
    throw new ValidationError(
      `Unknown estimator class '${name}' in a worker: export it from typelearn's index, or pass the module defining it in the 'modules' option (or use nJobs: 1)`,
      { got: name },
    );
  }
  // Meta-estimators (Pipeline...) find their steps' classes in `classes`.
  return Ctor.fromJSON(saved, { classes: [...registry.values()] }) as T;
}
