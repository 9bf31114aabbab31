/**
 * Saving and loading the CLI's trained models in typelearn's model format
 * (`typelearn/io`: versioned binary container, checksummed, validated on
 * load, never runs code). Besides the model and its input schema the file
 * carries, as metadata, what `predict` needs: target, task, CLI model name and
 * the feature columns by kind.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { JsonValue, SavedModel } from '../base/types.js';
import { ModelFormatError } from '../io/errors.js';
import { deserialize, readModelInfo, serialize } from '../io/serialize.js';
import type { Task } from './column-plan.js';
import { UserError } from './errors.js';
import type { Predictor } from './evaluation.js';

/** The metadata key under which the CLI stores its {@link ModelInfo}. */
const KEY = 'typelearnCli';

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

/**
 * Writes the model and its info to `path` (atomically: a temporary file, then a rename).
 * @param data - the training table, whose column types and categories go into the file's input schema.
 * @example saveBundle('model.tlm', { info, model: pipe }, trainingFrame);
 */
export function saveBundle(path: string, bundle: SavedBundle, data?: unknown): void {
  const model = bundle.model as unknown as { toJSON(): SavedModel };
  const bytes = serialize(model, { data, metadata: { [KEY]: bundle.info as unknown as JsonValue } });
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
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

function fileError(path: string, err: unknown): UserError {
  if (!(err instanceof ModelFormatError)) return new UserError(`model file ${path}: ${String(err)}`);
  const first = err.message.split('\n')[0];
  switch (err.reason) {
    case 'foreign':
      return new UserError(`${path} is not a typelearn model file: ${first}`);
    case 'truncated':
      return new UserError(`model file ${path} is truncated: ${first}`);
    case 'corrupted':
      return new UserError(`model file ${path} is corrupted: ${first}`);
    case 'version':
      return new UserError(`model file ${path} was written by a newer typelearn: ${first}`);
    default:
      return new UserError(`model file ${path} is invalid: ${first}`);
  }
}

/**
 * Reads a model saved by {@link saveBundle}; a missing, truncated, corrupted,
 * newer-version or foreign file is a one-line {@link UserError} saying which.
 * @example const { info, model } = await loadBundle('model.tlm');
 */
export async function loadBundle(path: string): Promise<SavedBundle> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (err) {
    throw new UserError(`cannot read model file ${path}: ${(err as NodeJS.ErrnoException).code ?? 'read error'}`);
  }
  let metadata: JsonValue | null;
  try {
    metadata = readModelInfo(bytes).metadata;
  } catch (err) {
    throw fileError(path, err);
  }
  const info = (metadata as Record<string, unknown> | null)?.[KEY];
  if (!checkInfo(info)) {
    throw new UserError(
      `${path} is a typelearn model but not one the CLI trained (no target/task metadata); load it with typelearn/io's load() instead`,
    );
  }
  let model: Predictor;
  try {
    model = (await deserialize(bytes)) as unknown as Predictor;
  } catch (err) {
    throw fileError(path, err);
  }
  return { info, model };
}
