/**
 * `save`/`load`: {@link serialize}/{@link deserialize} to and from a file
 * (Node only; `node:fs` is imported on first use, so importing io stays
 * free of file-system code in browsers).
 */
import type { Estimator, SavedModel } from '../base/types.js';
import { type DeserializeOptions, deserialize, type SerializeOptions, serialize } from './serialize.js';

/**
 * Writes `model` to `path` in the binary model format. The bytes go to a
 * temporary file next to `path` that is then renamed over it, so a crash never
 * leaves a half-written model under the final name. Resolves when written.
 *
 * @param options.data - the training Frame, to record column types and categories in the schema.
 * @example
 * await save(await new LogisticRegression().fit(X, y), 'model.tl');
 * const model = await load('model.tl');
 */
export async function save(
  model: { toJSON(): SavedModel },
  path: string,
  options: SerializeOptions = {},
): Promise<void> {
  const bytes = serialize(model, options);
  const fs = await import('node:fs/promises');
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, path);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
}

/**
 * Reads a model saved with {@link save} (or a `toJSON` JSON file). Rejects
 * with a {@link ModelFormatError} for a foreign, truncated, corrupted,
 * newer-version or unknown-class file (see {@link deserialize}), and with
 * Node's own error when the file cannot be read.
 *
 * @param options.classes - your own estimator classes, looked up first. Default none.
 * @example const model = await load('model.tl'); model.predict(X);
 */
export async function load(path: string, options: DeserializeOptions = {}): Promise<Estimator> {
  const fs = await import('node:fs/promises');
  const bytes = await fs.readFile(path);
  return deserialize(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), options);
}
