/**
 * `makeColumnSelector` (scikit-learn's `make_column_selector`): picks a
 * table's columns by kind and/or name pattern, for ColumnTransformer.
 *
 * Decision: a selector is a plain data object (kinds and the pattern's source
 * and flags), not a function, so a ColumnTransformer that uses it can be saved
 * with `toJSON` and loaded without running code. Apply it with
 * {@link selectColumns}.
 */
import { ValidationError } from '../base/errors.js';
import type { ColumnSource, SourceColumnKind } from './column-source.js';
import { readColumnSource } from './column-source.js';

/**
 * Column kinds a selector can name: `'number'` (int and float), `'int'`,
 * `'float'`, `'category'` (also spelled `'string'` or `'object'`: text and
 * categorical columns), `'boolean'` (or `'bool'`), `'datetime'`.
 */
export type ColumnKindName =
  | 'number'
  | 'int'
  | 'float'
  | 'category'
  | 'string'
  | 'object'
  | 'boolean'
  | 'bool'
  | 'datetime';

/** Options of {@link makeColumnSelector}; each left out does not filter. */
export interface ColumnSelectorOptions {
  /** Keep only columns of these kinds. */
  dtypeInclude?: ColumnKindName | readonly ColumnKindName[];
  /** Drop columns of these kinds. */
  dtypeExclude?: ColumnKindName | readonly ColumnKindName[];
  /** Keep only columns whose name matches (`RegExp.test`, like Python's `re.search`). */
  pattern?: RegExp | string;
}

/** A column selector: plain, JSON-safe data (see the module comment). */
export interface ColumnSelector {
  readonly columnSelector: true;
  readonly dtypeInclude?: readonly ColumnKindName[];
  readonly dtypeExclude?: readonly ColumnKindName[];
  readonly pattern?: string;
  readonly patternFlags?: string;
}

const KINDS: Record<ColumnKindName, readonly SourceColumnKind[]> = {
  number: ['int', 'float'],
  int: ['int'],
  float: ['float'],
  category: ['category'],
  string: ['category'],
  object: ['category'],
  boolean: ['boolean'],
  bool: ['boolean'],
  datetime: ['datetime'],
};

function kindList(value: unknown, option: string): ColumnKindName[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = (Array.isArray(value) ? value : [value]) as unknown[];
  for (const k of list) {
    if (typeof k !== 'string' || !Object.hasOwn(KINDS, k)) {
      throw new ValidationError(
        `makeColumnSelector: ${option} must name column kinds among ${Object.keys(KINDS)
          .map((n) => `'${n}'`)
          .join(', ')}; got ${String(k)}`,
        { param: option, got: k },
      );
    }
  }
  return list as ColumnKindName[];
}

/**
 * A selector of the columns matching every given condition.
 * @example
 * const numeric = makeColumnSelector({ dtypeInclude: 'number' });
 * const categorical = makeColumnSelector({ dtypeInclude: 'category' });
 * selectColumns(numeric, frame); // ['age', 'fare', ...]
 * new ColumnTransformer([['num', new StandardScaler(), numeric], ['cat', new OneHotEncoder(), categorical]]);
 */
export function makeColumnSelector(options: ColumnSelectorOptions = {}): ColumnSelector {
  const include = kindList(options.dtypeInclude, 'dtypeInclude');
  const exclude = kindList(options.dtypeExclude, 'dtypeExclude');
  const { pattern } = options;
  if (pattern !== undefined && typeof pattern !== 'string' && !(pattern instanceof RegExp)) {
    throw new ValidationError('makeColumnSelector: pattern must be a RegExp or a string', { param: 'pattern' });
  }
  const source = pattern instanceof RegExp ? pattern.source : pattern;
  // 'g' and 'y' make RegExp.test stateful; a selector must answer the same every time.
  const flags = pattern instanceof RegExp ? pattern.flags.replace(/[gy]/g, '') : '';
  if (source !== undefined) new RegExp(source, flags); // fail now on an invalid pattern string
  return Object.freeze({
    columnSelector: true as const,
    ...(include ? { dtypeInclude: Object.freeze(include) } : {}),
    ...(exclude ? { dtypeExclude: Object.freeze(exclude) } : {}),
    ...(source !== undefined ? { pattern: source, patternFlags: flags } : {}),
  });
}

/**
 * Whether `value` is a selector made by {@link makeColumnSelector} (or its saved form).
 * @example isColumnSelector(makeColumnSelector()) // true
 */
export function isColumnSelector(value: unknown): value is ColumnSelector {
  return typeof value === 'object' && value !== null && (value as ColumnSelector).columnSelector === true;
}

/** The names of `source`'s columns that `selector` keeps, in column order. */
export function applySelector(selector: ColumnSelector, source: ColumnSource): string[] {
  const names = source.names;
  if (!names) {
    throw new ValidationError(
      'makeColumnSelector can only be applied to tables (Frame, Arrow or Arquero table, records), not to arrays without column names',
    );
  }
  const include = selector.dtypeInclude?.flatMap((k) => KINDS[k]);
  const exclude = selector.dtypeExclude?.flatMap((k) => KINDS[k]);
  const regex = selector.pattern === undefined ? undefined : new RegExp(selector.pattern, selector.patternFlags ?? '');
  const out: string[] = [];
  for (let j = 0; j < names.length; j++) {
    if (include || exclude) {
      const kind = source.kind(j);
      if (include && !include.includes(kind)) continue;
      if (exclude?.includes(kind)) continue;
    }
    if (regex && !regex.test(names[j])) continue;
    out.push(names[j]);
  }
  return out;
}

/**
 * The names of `X`'s columns that `selector` keeps (sklearn's `selector(df)`).
 * @example selectColumns(makeColumnSelector({ pattern: /^x/ }), frame) // ['x1', 'x2']
 */
export function selectColumns(selector: ColumnSelector, X: unknown): string[] {
  return applySelector(selector, readColumnSource(X));
}
