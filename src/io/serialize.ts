/**
 * `serialize`/`deserialize`: any typelearn estimator (Pipeline and
 * ColumnTransformer included) to and from the binary container of
 * `container.ts`. The header holds the format version, the typelearn version,
 * the class name, the params, the input schema and the fitted state with every
 * typed array moved to a binary buffer. Loading never runs code from the
 * bytes: classes come from the package registry (`compose/registry.ts`) and
 * every field is validated.
 */
import { ValidationError } from '../base/errors.js';
import { checkSavedModel } from '../base/state.js';
import type { Estimator, JsonValue, SavedModel } from '../base/types.js';
import { type EstimatorClasses, getEstimatorClass, loadModel, registerPackageEstimators } from '../compose/registry.js';
import { extractBuffers, type NumericArray, restoreAll } from './buffers.js';
import { FORMAT_VERSION, hasMagic, readBuffers, readContainer, writeContainer } from './container.js';
import { ModelFormatError } from './errors.js';
import { checkSchema, type InputSchema, rememberSchema, schemaOf } from './schema.js';
import { typelearnVersion } from './version.js';

/** Options of {@link serialize}. */
export interface SerializeOptions {
  /**
   * The training table (a Frame): its column types and categories go into the
   * input schema. Default: the columns the model was loaded with, if any.
   */
  data?: unknown;
  /**
   * Your own JSON stored beside the model (e.g. the target column and the task, as the
   * CLI stores them); {@link readModelInfo} gives it back. Default none.
   */
  metadata?: JsonValue;
}

/** Options of {@link deserialize}. */
export interface DeserializeOptions {
  /** Estimator classes outside the package (your own), looked up before the registry. Default none. */
  classes?: EstimatorClasses;
}

/** What a model file says about itself, read without building the model. */
export interface ModelInfo {
  formatVersion: number;
  typelearnVersion: string;
  className: string;
  /** `null` for an unfitted model. */
  schema: InputSchema | null;
  /** Number of binary buffers (0 for the plain JSON form). */
  nBuffers: number;
  /** The `metadata` given to {@link serialize}, or `null`. */
  metadata: JsonValue | null;
}

type Serializable = { toJSON(): SavedModel };

/**
 * The model as self-describing bytes (see `container.ts` for the layout). The
 * same model always gives the same bytes (no timestamps).
 * Throws a {@link ModelFormatError} (`unserializable`) when the model has
 * state that cannot be saved.
 *
 * @param options.data - the training Frame, to record column types and categories.
 * @example
 * const bytes = serialize(await new LogisticRegression().fit(X, y));
 * const model = await deserialize(bytes);
 */
export function serialize(model: Serializable, options: SerializeOptions = {}): Uint8Array {
  let saved: SavedModel;
  try {
    saved = checkSavedModel(JSON.parse(JSON.stringify(model.toJSON())));
  } catch (cause) {
    throw new ModelFormatError('unserializable', `Cannot serialize ${describe(model)}: ${(cause as Error).message}`, {
      cause,
    });
  }
  const buffers: NumericArray[] = [];
  const params = extractBuffers(saved.params, buffers);
  const state = extractBuffers(saved.state, buffers);
  const schema = schemaOf(model, options.data) as JsonValue;
  let metadata: JsonValue | undefined;
  if (options.metadata !== undefined) {
    try {
      metadata = JSON.parse(JSON.stringify(options.metadata)) as JsonValue;
    } catch (cause) {
      throw new ModelFormatError('unserializable', `Cannot serialize the metadata: ${(cause as Error).message}`, {
        cause,
      });
    }
  }
  return writeContainer(
    (entries) => ({
      ...(metadata === undefined ? {} : { metadata }),
      formatVersion: FORMAT_VERSION,
      typelearnVersion: typelearnVersion(),
      className: saved.className,
      modelFormatVersion: saved.formatVersion,
      schema,
      params,
      state,
      buffers: entries as unknown as JsonValue,
    }),
    buffers,
  );
}

function describe(model: unknown): string {
  const name = (model as { estimatorName?: unknown } | null)?.estimatorName;
  return typeof name === 'string' ? `a ${name}` : 'this model';
}

const HEADER_KEYS = [
  'formatVersion',
  'typelearnVersion',
  'className',
  'modelFormatVersion',
  'schema',
  'params',
  'state',
  'buffers',
];

function checkHeader(header: Record<string, JsonValue>): void {
  const missing = HEADER_KEYS.filter((k) => !(k in header));
  if (missing.length > 0) throw new ModelFormatError('invalid', `typelearn model header is missing '${missing[0]}'`);
  const extra = Object.keys(header).filter((k) => !HEADER_KEYS.includes(k) && k !== 'metadata');
  if (extra.length > 0)
    throw new ModelFormatError('invalid', `typelearn model header has an unknown field '${extra[0]}'`);
  if (header.formatVersion !== FORMAT_VERSION) {
    throw new ModelFormatError(
      'invalid',
      `header.formatVersion is ${JSON.stringify(header.formatVersion)} but the file preamble says ${FORMAT_VERSION}`,
    );
  }
  if (typeof header.typelearnVersion !== 'string')
    throw new ModelFormatError('invalid', 'header.typelearnVersion must be a string');
  if (typeof header.className !== 'string' || header.className === '')
    throw new ModelFormatError('invalid', 'header.className must be a non-empty string');
  if (header.modelFormatVersion !== 1) {
    throw new ModelFormatError(
      'version',
      `this model's state is in saved-model version ${JSON.stringify(header.modelFormatVersion)}; this typelearn (${typelearnVersion()}) reads version 1. Upgrade typelearn to load it.`,
      { expected: 1, got: header.modelFormatVersion },
    );
  }
}

function isJsonText(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  if (bytes[i] === 0xef && bytes[i + 1] === 0xbb && bytes[i + 2] === 0xbf) return bytes[i + 3] === 0x7b;
  return bytes[i] === 0x7b;
}

function parseJsonModel(bytes: Uint8Array): SavedModel {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch (cause) {
    throw new ModelFormatError(
      'foreign',
      `not a typelearn model file: it starts like JSON but does not parse (${(cause as Error).message})`,
      { cause },
    );
  }
  try {
    return checkSavedModel(value);
  } catch (cause) {
    const reason = (cause as ValidationError).expected === 1 ? 'version' : 'foreign';
    throw new ModelFormatError(
      reason,
      `not a typelearn model file: JSON that is not a saved typelearn model (${(cause as Error).message})`,
      { cause },
    );
  }
}

/** Container bytes to a checked SavedModel and the schema, without building the estimator. */
function decodeBytes(bytes: Uint8Array): { saved: SavedModel; schema: InputSchema | null; info: ModelInfo } {
  if (!hasMagic(bytes) && isJsonText(bytes)) {
    const parsed = parseJsonModel(bytes);
    // The same field checks as the binary form (no buffers may be referenced).
    const saved = {
      ...parsed,
      ...(restoreAll({ params: parsed.params, state: parsed.state }, []) as Pick<SavedModel, 'params' | 'state'>),
    };
    const info = {
      formatVersion: saved.formatVersion,
      typelearnVersion: 'unknown',
      className: saved.className,
      schema: null,
      nBuffers: 0,
      metadata: null,
    };
    return { saved, schema: null, info };
  }
  const { header, bufferStart } = readContainer(bytes);
  if (header.format === 'typelearn-nn') {
    throw new ModelFormatError(
      'foreign',
      "this file holds a neural-network module saved by nn's save(); load it with load() from 'typelearn/nn'",
    );
  }
  checkHeader(header);
  const schema = checkSchema(header.schema);
  const buffers = readBuffers(bytes, header.buffers, bufferStart);
  const { params, state } = restoreAll({ params: header.params, state: header.state }, buffers);
  const saved: SavedModel = {
    format: 'typelearn-model',
    formatVersion: 1,
    className: header.className as string,
    params,
    state,
  };
  const info: ModelInfo = {
    formatVersion: FORMAT_VERSION,
    typelearnVersion: header.typelearnVersion as string,
    className: saved.className,
    schema,
    nBuffers: buffers.length,
    metadata: header.metadata ?? null,
  };
  return { saved, schema, info };
}

function toBytes(input: Uint8Array | ArrayBuffer): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  throw new ModelFormatError(
    'foreign',
    `expected the bytes of a model (Uint8Array or ArrayBuffer), got ${typeof input}`,
  );
}

/**
 * What model bytes say about themselves (class, versions, input schema),
 * after the same validation as {@link deserialize} but without building the model.
 * @example readModelInfo(bytes).schema?.featureNamesIn // ['age', 'fare']
 */
export function readModelInfo(bytes: Uint8Array | ArrayBuffer): ModelInfo {
  return checkedDecode(bytes).info;
}

/** {@link decodeBytes} where any unexpected failure (e.g. a header nested too deep for the stack) is a clean error. */
function checkedDecode(bytes: Uint8Array | ArrayBuffer): ReturnType<typeof decodeBytes> {
  try {
    return decodeBytes(toBytes(bytes));
  } catch (cause) {
    if (cause instanceof ModelFormatError) throw cause;
    throw new ModelFormatError(
      'invalid',
      `typelearn model file is invalid: ${(cause as Error)?.message ?? String(cause)}`,
      { cause },
    );
  }
}

let registered: Promise<number> | undefined;

function unknownClass(className: string): ModelFormatError {
  return new ModelFormatError(
    'unknown-class',
    `this model file holds a ${className}, a class this typelearn does not know. If it is your own estimator, make it known before loading: registerEstimator(${className}) (from 'typelearn/compose'), or pass it as deserialize(bytes, { classes: [${className}] }) / load(path, { classes: [${className}] }).`,
    { expected: 'a registered estimator class', got: className },
  );
}

/**
 * Restores a model from {@link serialize}'s bytes, or from the plain JSON of
 * `toJSON()` (UTF-8 bytes of `JSON.stringify(model)`). Async because it
 * registers the package's estimator classes on first use.
 *
 * Throws a {@link ModelFormatError} whose `reason` says what is wrong:
 * `foreign` (not a typelearn model; names what it looks like), `truncated`,
 * `corrupted` (checksum), `version` (a newer format), `unknown-class`,
 * `invalid` (a field fails validation; the message names it).
 *
 * @param options.classes - your own estimator classes, looked up first. Default none.
 * @example
 * const model = await deserialize(serialize(fitted));
 * model.predict(X); // identical to fitted.predict(X)
 */
export async function deserialize(
  bytes: Uint8Array | ArrayBuffer,
  options: DeserializeOptions = {},
): Promise<Estimator> {
  const { saved, schema } = checkedDecode(bytes);
  registered ??= registerPackageEstimators();
  await registered;
  const classes = options.classes;
  const own = Array.isArray(classes)
    ? (classes as readonly { estimatorName?: string; name: string }[]).some(
        (c) => (c.estimatorName ?? c.name) === saved.className,
      )
    : classes !== undefined && Object.hasOwn(classes, saved.className);
  if (!own && getEstimatorClass(saved.className) === undefined) throw unknownClass(saved.className);
  let model: unknown;
  try {
    model = loadModel(saved, { classes });
  } catch (cause) {
    if (cause instanceof ModelFormatError) throw cause;
    const err = cause as ValidationError;
    if (
      err instanceof ValidationError &&
      err.expected === 'a registered estimator class' &&
      typeof err.got === 'string'
    ) {
      throw unknownClass(err.got);
    }
    throw new ModelFormatError(
      'invalid',
      `the saved ${saved.className} could not be restored: ${err?.message ?? String(cause)}`,
      { cause },
    );
  }
  const est = model as Estimator;
  if (est === null || typeof est !== 'object' || typeof est.fit !== 'function' || typeof est.toJSON !== 'function') {
    throw new ModelFormatError('invalid', `the saved ${saved.className} did not restore to an estimator`);
  }
  rememberSchema(est, schema);
  return est;
}
