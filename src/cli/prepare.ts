/**
 * Turns a command's table and options into what training needs: the feature
 * Frame, the target, the task, the column plan and the chosen model.
 */
import type { Frame } from '../data/index.js';
import { type ColumnPlan, checkTarget, detectTask, planColumns, type Task } from './column-plan.js';
import { UserError } from './errors.js';
import type { Target } from './evaluation.js';
import { CLI_MODELS, type CliModel } from './models.js';
import { warnUser } from './output.js';
import { loadTable } from './table-input.js';

/** Training data ready for a pipeline. */
export interface Prepared {
  /** How messages name the source. */
  label: string;
  target: string;
  task: Task;
  /** Feature columns only (ignored ones included; the pipeline drops them). */
  X: Frame;
  y: Target;
  plan: ColumnPlan;
}

function parseTask(task: string | undefined): Task | undefined {
  if (task === undefined) return undefined;
  if (task !== 'classification' && task !== 'regression') {
    throw new UserError(`--task must be 'classification' or 'regression', got '${task}'`);
  }
  return task;
}

/**
 * Loads `source`, checks the target column, drops rows whose target is
 * missing (with a warning), detects the task and plans the feature columns.
 * @example const data = prepare('titanic', { target: 'survived' });
 */
export function prepare(source: string, options: { target?: string; task?: string }): Prepared {
  const table = loadTable(source);
  const target = options.target ?? table.defaultTarget;
  if (target === undefined) {
    throw new UserError(`--target is required for a CSV file; columns: ${table.frame.columnNames.join(', ')}`);
  }
  checkTarget(table.frame, target, table.label);
  let frame = table.frame;
  const missing = frame.column(target).missingCount();
  if (missing === frame.nRows) throw new UserError(`target column '${target}' has no values`);
  if (missing > 0) {
    warnUser(`dropping ${missing} rows whose target '${target}' is missing`);
    const column = frame.column(target);
    frame = frame.filter(Array.from({ length: frame.nRows }, (_, i) => !column.isMissing(i)));
  }
  const column = frame.column(target);
  // A bundled dataset's own task applies to its own target only.
  const bundledTask = target === table.defaultTarget ? table.task : undefined;
  const task = parseTask(options.task) ?? bundledTask ?? detectTask(column);
  let y: Target;
  if (task === 'classification') {
    y = Array.from({ length: frame.nRows }, (_, i) => String(column.get(i)));
    if (new Set(y).size < 2) throw new UserError(`target column '${target}' has a single class; nothing to learn`);
  } else {
    if (column.kind !== 'number') {
      throw new UserError(`target column '${target}' is not numeric, so it cannot be a regression target`);
    }
    y = Float64Array.from(column.toArray());
  }
  const features = (table.features ?? frame.columnNames).filter((n) => n !== target);
  const plan = planColumns(frame, features);
  for (const { name, reason } of plan.ignored) warnUser(`ignoring column '${name}' (${reason})`);
  if (plan.numeric.length + plan.categorical.length === 0) {
    throw new UserError(`no usable feature columns in ${table.label} besides the target '${target}'`);
  }
  return { label: table.label, target, task, X: frame.select([...plan.numeric, ...plan.categorical]), y, plan };
}

/**
 * The CLI model called `name`, checked against the task: an unknown name
 * lists the known ones; a model for the other task says so.
 * @example resolveModel('logistic-regression', 'classification', 'survived')
 */
export function resolveModel(name: string, task: Task, target: string): CliModel {
  const entry = CLI_MODELS[name];
  if (entry === undefined) {
    throw new UserError(`unknown model '${name}'; known models: ${Object.keys(CLI_MODELS).join(', ')}`);
  }
  if (entry.task !== task) {
    const kind = entry.task === 'classification' ? 'a classifier' : 'a regressor';
    const fitting = Object.keys(CLI_MODELS).filter((k) => CLI_MODELS[k].task === task);
    throw new UserError(
      `model '${name}' is ${kind}, but target '${target}' is a ${task} target; ${task} models: ${fitting.join(', ')} (or pass --task)`,
    );
  }
  return entry;
}

/**
 * Parses `--params` (a JSON object).
 * @example parseParams('{"C": 0.5}') // { C: 0.5 }
 */
export function parseParams(json: string | undefined): Record<string, unknown> {
  if (json === undefined) return {};
  try {
    const value: unknown = JSON.parse(json);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch {
    throw new UserError(`--params must be a JSON object, e.g. '{"C": 0.5}', got: ${json}`);
  }
}
