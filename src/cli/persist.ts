/**
 * Saving and loading the CLI's trained models. Until `typelearn/io` lands the
 * model is stored as its `toJSON()` inside a small JSON document that also
 * records what `predict` needs (target, task, feature columns and their
 * types); switching to io changes only `encodeModel`/`decodeModel`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadModel, registerPackageEstimators } from '../compose/index.js';
import type { Task } from './column-plan.js';
import { UserError } from './errors.js';
import type { Predictor } from './evaluation.js';

const FORMAT = 'typelearn-cli-model';
const VERSION = 1;

/** What the CLI stores about a trained model besides the model itself. */
export interface ModelInfo {
  target: string;
  task: Task;
  /** The CLI model name (`logistic-regression`). */
  modelName: string;
  numeric: string[];
  categorical: string[];
}

/** A trained model and its {@link ModelInfo}. */
export interface SavedBundle {
  info: ModelInfo;
  model: Predictor;
}

function encodeModel(model: Predictor): unknown {
  return (model as unknown as { toJSON(): unknown }).toJSON();
}

/** Registers the package's estimator classes; a failure here is a bug, not a bad file. */
async function prepareDecoding(): Promise<void> {
  await registerPackageEstimators();
}

function decodeModel(saved: unknown): Predictor {
  return loadModel(saved) as Predictor;
}

/**
 * Writes the model and its info to `path` as JSON.
 * @example saveBundle('model.json', { info, model: pipe });
 */
export function saveBundle(path: string, bundle: SavedBundle): void {
  const doc = { format: FORMAT, formatVersion: VERSION, info: bundle.info, model: encodeModel(bundle.model) };
  try {
    writeFileSync(path, JSON.stringify(doc));
  } catch (err) {
    throw new UserError(`cannot write ${path}: ${(err as Error).message}`);
  }
}

function isStringArray(x: unknown): x is string[] {
  return Array.isArray(x) && x.every((v) => typeof v === 'string');
}

function checkInfo(info: unknown): info is ModelInfo {
  if (typeof info !== 'object' || info === null) return false;
  const i = info as Record<string, unknown>;
  return (
    typeof i.target === 'string' &&
    (i.task === 'classification' || i.task === 'regression') &&
    typeof i.modelName === 'string' &&
    isStringArray(i.numeric) &&
    isStringArray(i.categorical)
  );
}

/**
 * Reads a model saved by {@link saveBundle}; a missing, truncated, corrupted
 * or foreign file is a one-line {@link UserError} saying which.
 * @example const { info, model } = await loadBundle('model.json');
 */
export async function loadBundle(path: string): Promise<SavedBundle> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read model file ${path}: ${(err as NodeJS.ErrnoException).code ?? 'read error'}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new UserError(`model file ${path} is corrupted or truncated: it is not valid JSON`);
  }
  const d = doc as Record<string, unknown> | null;
  if (typeof d !== 'object' || d === null || d.format !== FORMAT) {
    throw new UserError(`${path} is not a typelearn model file (no '${FORMAT}' header)`);
  }
  if (d.formatVersion !== VERSION) {
    throw new UserError(
      `model file ${path} has format version ${String(d.formatVersion)}; this typelearn reads version ${VERSION}`,
    );
  }
  if (!checkInfo(d.info)) throw new UserError(`model file ${path} is corrupted: its model description is invalid`);
  await prepareDecoding();
  let model: Predictor;
  try {
    model = decodeModel(d.model);
  } catch (err) {
    throw new UserError(`model file ${path} is corrupted: ${(err as Error).message.split('\n')[0]}`);
  }
  return { info: d.info, model };
}
