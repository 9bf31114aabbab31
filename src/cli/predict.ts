/**
 * `typelearn predict` and `typelearn evaluate`: apply a saved model to a new
 * CSV. `predict` streams the file in chunks, so inputs larger than memory
 * work; `evaluate` reads it whole and prints the task's metrics.
 */

import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import type { Writable } from 'node:stream';
import pc from 'picocolors';
import { type CsvDType, type Frame, readCsv, readCsvChunks } from '../data/index.js';
import { checkTarget } from './column-plan.js';
import { UserError } from './errors.js';
import { METRICS, scoreModel, type Target } from './evaluation.js';
import { loadBundle, type ModelInfo } from './persist.js';

function requireFile(path: string): void {
  if (!existsSync(path)) throw new UserError(`no such file: ${path}`);
}

/** The feature columns a model needs, checked against the CSV's header. */
function featureColumns(info: ModelInfo, path: string, extra: string[] = []): string[] {
  const header = readCsv(path, { nrows: 0 }).columnNames;
  const needed = [...info.numeric, ...info.categorical];
  const missing = needed.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new UserError(
      `${path} lacks the column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `'${c}'`).join(', ')} the model was trained on`,
    );
  }
  return [...needed, ...extra.filter((c) => header.includes(c))];
}

/** Categorical columns stay strings even where a chunk holds only digits. */
function dtypes(info: ModelInfo): Record<string, CsvDType> {
  return Object.fromEntries(info.categorical.map((c) => [c, 'category' as CsvDType]));
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

async function writeOut(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** Options of the `predict` command. */
export interface PredictOptions {
  out?: string;
  proba?: boolean;
  chunkSize?: string;
}

/**
 * Runs `typelearn predict`: one output row per input row (the predicted
 * target, then with `--proba` one probability column per class).
 * @example await predict('model.tl', 'new.csv', { out: 'preds.csv', proba: true });
 */
export async function predict(modelPath: string, csvPath: string, options: PredictOptions): Promise<void> {
  const { info, model } = await loadBundle(modelPath);
  requireFile(csvPath);
  const usecols = featureColumns(info, csvPath);
  if (options.proba && info.task !== 'classification') {
    throw new UserError('--proba needs a classification model');
  }
  if (options.proba && typeof model.predictProba !== 'function') {
    throw new UserError(`model '${info.modelName}' has no probabilities (predictProba)`);
  }
  const chunkSize = Number(options.chunkSize ?? '100000');
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new UserError('--chunk-size must be a positive integer');
  const out: Writable = options.out === undefined ? process.stdout : createWriteStream(options.out);
  const classes = options.proba ? (model.classes ?? []).map(String) : [];
  await writeOut(out, `${[info.target, ...classes.map((c) => `proba_${c}`)].map(csvCell).join(',')}\n`);
  let rows = 0;
  for await (const chunk of readCsvChunks(csvPath, { usecols, dtype: dtypes(info), chunkSize })) {
    const pred = Array.from(model.predict(chunk) as ArrayLike<unknown>, String);
    const proba = options.proba && model.predictProba ? (model.predictProba(chunk).data as ArrayLike<number>) : null;
    const lines: string[] = [];
    for (let i = 0; i < pred.length; i++) {
      const cells = [csvCell(pred[i])];
      if (proba) for (let j = 0; j < classes.length; j++) cells.push(String(proba[i * classes.length + j]));
      lines.push(cells.join(','));
    }
    await writeOut(out, `${lines.join('\n')}\n`);
    rows += pred.length;
  }
  if (options.out !== undefined) {
    out.end();
    await once(out, 'finish');
    console.log(`${rows} predictions written to ${options.out}`);
  }
}

/**
 * Runs `typelearn evaluate`: the saved model's metrics on a labelled CSV.
 * @example await evaluate('model.tl', 'test.csv');
 */
export async function evaluate(modelPath: string, csvPath: string): Promise<Record<string, number>> {
  const { info, model } = await loadBundle(modelPath);
  requireFile(csvPath);
  const header = readCsv(csvPath, { nrows: 0 });
  checkTarget(header, info.target, csvPath);
  const usecols = featureColumns(info, csvPath, [info.target]);
  let frame: Frame = readCsv(csvPath, { usecols, dtype: dtypes(info) });
  const column = frame.column(info.target);
  const keep = Array.from({ length: frame.nRows }, (_, i) => !column.isMissing(i));
  frame = frame.filter(keep);
  if (frame.nRows === 0) throw new UserError(`${csvPath} has no rows with a value for '${info.target}'`);
  const targetColumn = frame.column(info.target);
  let y: Target;
  if (info.task === 'classification') {
    y = Array.from({ length: frame.nRows }, (_, i) => String(targetColumn.get(i)));
  } else {
    if (targetColumn.kind !== 'number')
      throw new UserError(`target column '${info.target}' of ${csvPath} is not numeric`);
    y = Float64Array.from(targetColumn.toArray());
  }
  const scores = scoreModel(model, frame, y, info.task);
  console.log(`${pc.bold(csvPath)}: ${frame.nRows} rows, model ${info.modelName}, target '${info.target}'`);
  for (const m of METRICS[info.task]) {
    console.log(`  ${m.padEnd(8)} ${Number.isNaN(scores[m]) ? 'n/a' : pc.green(scores[m].toFixed(4))}`);
  }
  return scores;
}
