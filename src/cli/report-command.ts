/**
 * `typelearn report`: a self-contained HTML report for a table (runs
 * `compare` first), for a `compare --json` result, or for a saved model
 * (with `--data`). The best (or saved) model is cross-validated again on the
 * same splits to draw its out-of-fold charts.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pc from 'picocolors';
import { type CsvDType, readCsv } from '../data/index.js';
import { hasMagic } from '../io/container.js';
import { collectReportInput, type ReportModel, renderReport } from '../report/index.js';
import { autoPipeline } from './auto-pipeline.js';
import { type ColumnPlan, checkTarget } from './column-plan.js';
import { type CompareResult, compare } from './compare.js';
import { UserError } from './errors.js';
import { progressLine } from './output.js';
import { loadBundle } from './persist.js';
import { prepare, resolveModel } from './prepare.js';
import { loadTable } from './table-input.js';
import { parseSplit } from './train.js';

/** Options of the `report` command (as commander passes them). */
export interface ReportOptions {
  target?: string;
  out?: string;
  /** The table to evaluate a saved model on (or to use instead of a compare result's source). */
  data?: string;
  models?: string;
  cv?: string;
  task?: string;
  title?: string;
}

type Source =
  | { kind: 'model'; path: string }
  | { kind: 'compare'; path: string; result: CompareResult }
  | { kind: 'table'; source: string };

function isCompareResult(doc: unknown): doc is CompareResult {
  if (typeof doc !== 'object' || doc === null) return false;
  const d = doc as Record<string, unknown>;
  return (
    typeof d.source === 'string' &&
    typeof d.target === 'string' &&
    (d.task === 'classification' || d.task === 'regression') &&
    typeof d.cv === 'number' &&
    Array.isArray(d.leaderboard) &&
    d.leaderboard.length > 0 &&
    d.leaderboard.every(
      (e) => typeof e === 'object' && e !== null && typeof e.model === 'string' && typeof e.metrics === 'object',
    )
  );
}

/** What `source` is: a saved model (typelearn/io magic bytes), a compare result (JSON), or a table (CSV or dataset name). */
function classify(source: string): Source {
  if (!existsSync(source) || statSync(source).isDirectory()) return { kind: 'table', source };
  const bytes = new Uint8Array(readFileSync(source));
  if (hasMagic(bytes)) return { kind: 'model', path: source };
  const text = new TextDecoder().decode(bytes);
  if (!source.endsWith('.json') && !text.trimStart().startsWith('{')) return { kind: 'table', source };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new UserError(`${source} is not valid JSON (expected a \`typelearn compare --json\` result)`);
  }
  if (isCompareResult(doc)) return { kind: 'compare', path: source, result: doc };
  throw new UserError(`${source} is neither a typelearn model file nor a \`typelearn compare --json\` result`);
}

function uses(plan: ColumnPlan): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of plan.numeric) out[n] = 'numeric feature';
  for (const n of plan.categorical) out[n] = 'categorical feature';
  for (const { name, reason } of plan.ignored) out[name] = `ignored (${reason.split(':')[0]})`;
  return out;
}

function checkTargetOption(options: ReportOptions, target: string, what: string): void {
  if (options.target !== undefined && options.target !== target) {
    throw new UserError(`${what} is for target '${target}', not '${options.target}'`);
  }
}

/** A compare result's table: `--data`, its source as given, or relative to the JSON file. */
function compareSource(path: string, result: CompareResult, data: string | undefined): string {
  if (data !== undefined) return data;
  const beside = join(dirname(path), result.source);
  return !existsSync(result.source) && existsSync(beside) ? beside : result.source;
}

async function fromCompare(result: CompareResult, dataSource: string, options: Pick<ReportOptions, 'title'>) {
  const data = prepare(dataSource, { target: result.target, task: result.task });
  const best = result.leaderboard[0].model;
  const entry = resolveModel(best, data.task, data.target);
  const pipe = autoPipeline(data.plan, entry.create({}) as never) as unknown as ReportModel;
  const table = loadTable(dataSource);
  const ignored = (table.features === undefined ? [] : table.frame.columnNames).filter(
    (n) => n !== data.target && !table.features?.includes(n),
  );
  return collectReportInput({
    frame: table.frame,
    target: data.target,
    task: data.task,
    features: [...data.plan.numeric, ...data.plan.categorical],
    uses: { ...Object.fromEntries(ignored.map((n) => [n, 'ignored (identifier)'])), ...uses(data.plan) },
    model: pipe,
    modelName: best,
    leaderboard: result,
    cv: result.cv,
    source: table.label,
    title: options.title,
    onFold: progressLine(`report: ${best}`),
  });
}

async function fromModel(path: string, options: ReportOptions) {
  const { info, model } = await loadBundle(path);
  checkTargetOption(options, info.target, `model ${path}`);
  if (options.data === undefined) {
    throw new UserError(`a model file needs --data <csv|dataset>: the labelled table to evaluate '${path}' on`);
  }
  const features = [...info.numeric, ...info.categorical];
  // A CSV's header is checked first, so a missing column is named before any typed read.
  if (existsSync(options.data) && !statSync(options.data).isDirectory()) {
    const header = readCsv(options.data, { nrows: 0 });
    checkTarget(header, info.target, options.data);
    const missing = features.filter((c) => !header.has(c));
    if (missing.length > 0) {
      throw new UserError(
        `${options.data} lacks the column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `'${c}'`).join(', ')} the model was trained on`,
      );
    }
  }
  // Categorical columns stay strings even where they hold only digits, as in training.
  const dtype: Record<string, CsvDType> = Object.fromEntries(info.categorical.map((c) => [c, 'category' as CsvDType]));
  const table = loadTable(options.data, dtype);
  checkTarget(table.frame, info.target, table.label);
  const absent = features.filter((c) => !table.frame.has(c));
  if (absent.length > 0) {
    throw new UserError(
      `${table.label} lacks the columns ${absent.map((c) => `'${c}'`).join(', ')} the model was trained on`,
    );
  }
  const split = parseSplit({ cv: options.cv });
  const cv = 'cv' in split ? split.cv : 5;
  return collectReportInput({
    frame: table.frame,
    target: info.target,
    task: info.task,
    features,
    uses: {
      ...Object.fromEntries(info.numeric.map((n) => [n, 'numeric feature'])),
      ...Object.fromEntries(info.categorical.map((n) => [n, 'categorical feature'])),
    },
    model: model as unknown as ReportModel,
    fitted: model as unknown as ReportModel,
    modelName: info.modelName,
    cv,
    source: table.label,
    title: options.title,
    onFold: progressLine(`report: ${info.modelName}`),
  });
}

async function write(input: Awaited<ReturnType<typeof collectReportInput>>, out: string): Promise<string> {
  const html = await renderReport(input);
  try {
    writeFileSync(out, html);
  } catch (err) {
    throw new UserError(`cannot write ${out}: ${(err as Error).message}`);
  }
  console.log(`${pc.bold('report')} written to ${out} (${(html.length / 1024).toFixed(0)} KiB)`);
  return out;
}

/**
 * Writes the report of a `compare` run (its leaderboard; its best model
 * cross-validated again on `source` for the charts): what `compare --report`
 * does after printing the leaderboard.
 * @example const result = await compare('titanic', { cv: '5' }); await reportFromCompare(result, 'titanic', 'report.html');
 */
export async function reportFromCompare(
  result: CompareResult,
  source: string,
  out: string,
  options: Pick<ReportOptions, 'title'> = {},
): Promise<string> {
  return write(await fromCompare(result, source, options), out);
}

/**
 * Runs `typelearn report` and returns the path written: for a table, runs
 * `compare` and reports on the best model; for a `compare --json` result,
 * reports on its best model (on `--data` or the result's source); for a
 * saved model, reports on it over `--data`.
 * @example await reportCommand('titanic', { out: 'report.html' });
 */
export async function reportCommand(source: string, options: ReportOptions): Promise<string> {
  const out = options.out ?? 'report.html';
  const kind = classify(source);
  if (kind.kind === 'model') return write(await fromModel(kind.path, options), out);
  if (kind.kind === 'compare') {
    checkTargetOption(options, kind.result.target, `compare result ${kind.path}`);
    return write(await fromCompare(kind.result, compareSource(kind.path, kind.result, options.data), options), out);
  }
  const result = await compare(kind.source, {
    target: options.target,
    models: options.models,
    cv: options.cv ?? '5',
    task: options.task,
  });
  return write(await fromCompare(result, kind.source, options), out);
}
