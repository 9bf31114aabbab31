/**
 * How the command line reads a table: which columns become numeric or
 * categorical features, which are ignored (free text, identifiers, dates),
 * and whether the target asks for classification or regression.
 */
import type { Column, Frame } from '../data/index.js';
import { UserError } from './errors.js';

/** What the command does with a feature column. */
export type ColumnRole = 'numeric' | 'categorical' | 'text' | 'datetime';

/** Classification or regression. */
export type Task = 'classification' | 'regression';

/** Feature columns by role, in the table's order. */
export interface ColumnPlan {
  numeric: string[];
  categorical: string[];
  /** Columns left out, with the reason printed in the warning. */
  ignored: { name: string; reason: string }[];
}

/** Integer targets with at most this many distinct values are class labels. */
const MAX_INTEGER_CLASSES = 20;

function distinctNonMissing(column: Column): { distinct: number; observed: number } {
  const seen = new Set<unknown>();
  let observed = 0;
  for (let i = 0; i < column.length; i++) {
    if (column.isMissing(i)) continue;
    observed++;
    seen.add(column.kind === 'category' ? column.codes[i] : column.get(i));
  }
  return { distinct: seen.size, observed };
}

/**
 * The role of one feature column: numbers and booleans are numeric;
 * categories are categorical unless almost every value is distinct (names,
 * identifiers, free text), which are ignored; dates are ignored.
 * @example columnRole(frame.column('sex')) // 'categorical'
 */
export function columnRole(column: Column): ColumnRole {
  if (column.kind === 'number' || column.kind === 'boolean') return 'numeric';
  if (column.kind === 'datetime') return 'datetime';
  const { distinct, observed } = distinctNonMissing(column);
  // One-hot encoding a column whose values barely repeat only memorises rows.
  return distinct > 20 && distinct > 0.5 * observed ? 'text' : 'categorical';
}

/**
 * Splits the feature columns of `frame` by {@link columnRole}.
 * @example planColumns(frame, ['age', 'sex', 'name']) // { numeric: ['age'], categorical: ['sex'], ignored: [{ name: 'name', ... }] }
 */
export function planColumns(frame: Frame, features: readonly string[]): ColumnPlan {
  const plan: ColumnPlan = { numeric: [], categorical: [], ignored: [] };
  for (const name of features) {
    const role = columnRole(frame.column(name));
    if (role === 'numeric') plan.numeric.push(name);
    else if (role === 'categorical') plan.categorical.push(name);
    else if (role === 'text') {
      plan.ignored.push({ name, reason: 'text-like: almost every value is distinct' });
    } else plan.ignored.push({ name, reason: 'dates are not used as features yet' });
  }
  return plan;
}

/**
 * Classification for string, boolean and integer targets with few distinct
 * values; regression otherwise.
 * @example detectTask(frame.column('survived')) // 'classification'
 */
export function detectTask(column: Column): Task {
  if (column.kind === 'category' || column.kind === 'boolean') return 'classification';
  if (column.kind === 'datetime') throw new UserError('the target column holds dates; it must be numbers or labels');
  if (column.dtype === 'float') return 'regression';
  return distinctNonMissing(column).distinct <= MAX_INTEGER_CLASSES ? 'classification' : 'regression';
}

/**
 * Checks that `target` is a column of `frame`, else a one-line error listing the columns.
 * @example checkTarget(frame, 'survived', 'titanic.csv');
 */
export function checkTarget(frame: Frame, target: string, source: string): void {
  if (!frame.has(target)) {
    throw new UserError(`unknown target column '${target}' in ${source}; columns: ${frame.columnNames.join(', ')}`);
  }
}
