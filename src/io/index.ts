/**
 * `typelearn/io`: saving and loading models. `save`/`load` (files) and
 * `serialize`/`deserialize` (bytes) for every estimator, Pipeline and
 * ColumnTransformer, in a versioned, self-describing binary format whose
 * loading never runs code and validates everything it reads.
 */
export { checkSaveLoadBinary } from './checks.js';
export { FORMAT_VERSION, MAGIC } from './container.js';
export { crc32 } from './crc32.js';
export { describeForeignBytes, ModelFormatError, type ModelFormatReason } from './errors.js';
export { load, save } from './file.js';
export { type ColumnSchema, describeColumns, type InputSchema, inputSchema } from './schema.js';
export {
  type DeserializeOptions,
  deserialize,
  type ModelInfo,
  readModelInfo,
  type SerializeOptions,
  serialize,
} from './serialize.js';
export { typelearnVersion } from './version.js';
