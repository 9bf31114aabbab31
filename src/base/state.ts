/**
 * JSON encoding of estimator params and fitted state that round-trips exactly:
 * NaN, ±Infinity and -0 survive (JSON has none of them), typed arrays and
 * Tensors keep their dtype and shape, float32 values come back bit-identical.
 * Decoding validates everything it reads and never runs code, so a corrupt or
 * foreign file gets a clear {@link ValidationError}.
 *
 * Encoded forms (tagged objects use the reserved key `$type`):
 * - finite numbers and strings, booleans, null: as themselves;
 * - special numbers: `{ $type: 'number', value: 'NaN' | 'Infinity' | '-Infinity' | '-0' }`;
 * - `undefined`: `{ $type: 'undefined' }`;
 * - `Tensor`: `{ $type: 'tensor', dtype, shape, data }`;
 * - typed arrays: `{ $type: 'typedArray', arrayType: 'Float32Array', data }`;
 *   inside `data`, the special numbers are the strings above;
 * - `SparseMatrix`: `{ $type: 'sparseMatrix', shape, data, indices, indptr }`;
 * - `RandomGenerator`: `{ $type: 'randomGenerator', state }`;
 * - `Map` / `Set`: `{ $type: 'map', entries }` / `{ $type: 'set', values }`;
 * - an estimator: `{ $type: 'estimator', model: SavedModel }`;
 * - arrays and plain objects: element-wise (a plain object may not have a `$type` key).
 */
import { allocate, type DataArray, isDType } from '../tensor/dtype.js';
import { RandomGenerator, type RandomGeneratorState } from '../tensor/random.js';
import { SparseMatrix } from '../tensor/sparse.js';
import { Tensor } from '../tensor/tensor.js';
import { ValidationError } from './errors.js';
import { formatValue } from './params.js';
import type { JsonValue, SavedModel } from './types.js';

type JsonObject = { [key: string]: JsonValue };

const TYPED_ARRAYS = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
} as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;
type NumericTypedArray = InstanceType<(typeof TYPED_ARRAYS)[TypedArrayName]>;

function specialName(x: number): string | undefined {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Number.POSITIVE_INFINITY) return 'Infinity';
  if (x === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (Object.is(x, -0)) return '-0';
  return undefined;
}

function specialValue(name: unknown): number | undefined {
  switch (name) {
    case 'NaN':
      return Number.NaN;
    case 'Infinity':
      return Number.POSITIVE_INFINITY;
    case '-Infinity':
      return Number.NEGATIVE_INFINITY;
    case '-0':
      return -0;
    default:
      return undefined;
  }
}

/**
 * Numbers as JSON: finite values as numbers, NaN/±Infinity/-0 as strings.
 * @example encodeNumbers(new Float64Array([1, Number.NaN])) // [1, 'NaN']
 */
export function encodeNumbers(values: ArrayLike<number>): (number | string)[] {
  const out = new Array<number | string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = specialName(v) ?? v;
  }
  return out;
}

/** Inverse of {@link encodeNumbers}, writing into `target`; `where` names the field in errors. */
function decodeNumbersInto(encoded: unknown, target: { [i: number]: number; length: number }, where: string): void {
  if (!Array.isArray(encoded)) throw new ValidationError(`${where}: expected an array of numbers`);
  if (encoded.length !== target.length) {
    throw new ValidationError(`${where}: expected ${target.length} values, got ${encoded.length}`, {
      expected: target.length,
      got: encoded.length,
    });
  }
  for (let i = 0; i < encoded.length; i++) {
    const e = encoded[i];
    const v = typeof e === 'number' ? e : specialValue(e);
    if (v === undefined) throw new ValidationError(`${where}[${i}]: expected a number, got ${formatValue(e)}`);
    target[i] = v;
  }
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isSavedModelProducer(value: object): value is { toJSON(): SavedModel; fit: unknown } {
  return (
    typeof (value as { fit?: unknown }).fit === 'function' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  );
}

function typedArrayName(value: ArrayBufferView): TypedArrayName | undefined {
  for (const name of Object.keys(TYPED_ARRAYS) as TypedArrayName[]) {
    if (value.constructor === TYPED_ARRAYS[name]) return name;
  }
  return undefined;
}

/**
 * Turns params or fitted state into JSON-able data that {@link decodeState}
 * restores exactly (see the module comment for the encoded forms).
 * Throws a {@link ValidationError} naming the path of a value it cannot encode
 * (functions, class instances other than the supported ones, symbols).
 *
 * @param path - where `value` sits, for error messages. Default `'state'`.
 * @example
 * const json = JSON.stringify(encodeState({ coef: new Float32Array([0.1, Number.NaN]), n: -0 }));
 * decodeState(JSON.parse(json)); // { coef: Float32Array [0.1, NaN], n: -0 }
 */
export function encodeState(value: unknown, path = 'state'): JsonValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (value === undefined) return { $type: 'undefined' };
  if (typeof value === 'number') {
    const special = specialName(value);
    return special === undefined ? value : { $type: 'number', value: special };
  }
  if (typeof value === 'bigint') return { $type: 'bigint', value: value.toString() };
  if (typeof value !== 'object') {
    throw new ValidationError(
      `Cannot save ${path}: ${typeof value} values (${formatValue(value)}) are not serializable`,
    );
  }
  if (value instanceof Tensor) {
    return { $type: 'tensor', dtype: value.dtype, shape: [...value.shape], data: encodeNumbers(value.data) };
  }
  if (ArrayBuffer.isView(value)) {
    const name = typedArrayName(value);
    if (name === undefined) {
      throw new ValidationError(`Cannot save ${path}: ${value.constructor.name} is not a supported typed array`);
    }
    return { $type: 'typedArray', arrayType: name, data: encodeNumbers(value as NumericTypedArray) };
  }
  if (value instanceof SparseMatrix) {
    return {
      $type: 'sparseMatrix',
      shape: [...value.shape],
      data: encodeNumbers(value.data),
      indices: Array.from(value.indices),
      indptr: Array.from(value.indptr),
    };
  }
  if (value instanceof RandomGenerator) {
    return { $type: 'randomGenerator', state: value.state() as unknown as JsonObject };
  }
  if (value instanceof Map) {
    const entries: JsonValue[] = [];
    let i = 0;
    for (const [k, v] of value) {
      entries.push([encodeState(k, `${path}<key ${i}>`), encodeState(v, `${path}<value ${i}>`)]);
      i++;
    }
    return { $type: 'map', entries };
  }
  if (value instanceof Set) {
    return { $type: 'set', values: Array.from(value, (v, i) => encodeState(v, `${path}<${i}>`)) };
  }
  if (Array.isArray(value)) {
    const out = new Array<JsonValue>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = encodeState(value[i], `${path}[${i}]`);
    return out;
  }
  if (isSavedModelProducer(value)) return { $type: 'estimator', model: value.toJSON() as unknown as JsonObject };
  if (!isPlainObject(value)) {
    throw new ValidationError(
      `Cannot save ${path}: ${formatValue(value)} is not serializable (supported: numbers, strings, booleans, arrays, plain objects, typed arrays, Tensor, SparseMatrix, Map, Set, RandomGenerator, estimators)`,
    );
  }
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === '$type') throw new ValidationError(`Cannot save ${path}: the key '$type' is reserved by the save format`);
    out[k] = encodeState(v, `${path}.${k}`);
  }
  return out;
}

/** Options of {@link decodeState}. */
export interface DecodeStateOptions {
  /**
   * Restores a nested saved estimator (`{ $type: 'estimator' }`); without it
   * such a value is an error. io's `load` passes its class registry here.
   */
  loadEstimator?: (saved: SavedModel) => unknown;
  /** Where the value sits, for error messages. Default `'state'`. */
  path?: string;
}

function field(obj: JsonObject, key: string, where: string): JsonValue {
  if (!(key in obj)) throw new ValidationError(`${where}: missing field '${key}'`);
  return obj[key];
}

function decodeShape(shape: JsonValue, where: string): number[] {
  if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0)) {
    throw new ValidationError(`${where}: shape must be an array of non-negative integers`);
  }
  return shape as number[];
}

function decodeTagged(obj: JsonObject, options: DecodeStateOptions, where: string): unknown {
  const type = obj.$type;
  switch (type) {
    case 'undefined':
      return undefined;
    case 'number': {
      const v = specialValue(obj.value);
      if (v === undefined) throw new ValidationError(`${where}: unknown special number ${formatValue(obj.value)}`);
      return v;
    }
    case 'bigint': {
      const text = field(obj, 'value', where);
      if (typeof text !== 'string' || !/^-?\d+$/.test(text)) throw new ValidationError(`${where}: invalid bigint`);
      return BigInt(text);
    }
    case 'tensor': {
      const dtype = field(obj, 'dtype', where);
      if (!isDType(dtype)) throw new ValidationError(`${where}: unknown dtype ${formatValue(dtype)}`);
      const shape = decodeShape(field(obj, 'shape', where), where);
      const data: DataArray = allocate(
        dtype,
        shape.reduce((a, b) => a * b, 1),
      );
      decodeNumbersInto(field(obj, 'data', where), data, `${where}.data`);
      return new Tensor(data, shape);
    }
    case 'typedArray': {
      const name = field(obj, 'arrayType', where);
      if (typeof name !== 'string' || !Object.hasOwn(TYPED_ARRAYS, name)) {
        throw new ValidationError(`${where}: unknown typed array type ${formatValue(name)}`);
      }
      const encoded = field(obj, 'data', where);
      if (!Array.isArray(encoded)) throw new ValidationError(`${where}.data: expected an array of numbers`);
      const out = new TYPED_ARRAYS[name as TypedArrayName](encoded.length);
      decodeNumbersInto(encoded, out, `${where}.data`);
      return out;
    }
    case 'sparseMatrix': {
      const shape = decodeShape(field(obj, 'shape', where), where);
      const encoded = field(obj, 'data', where);
      if (!Array.isArray(encoded)) throw new ValidationError(`${where}.data: expected an array of numbers`);
      const data = new Float64Array(encoded.length);
      decodeNumbersInto(encoded, data, `${where}.data`);
      const indices = field(obj, 'indices', where);
      const indptr = field(obj, 'indptr', where);
      if (!Array.isArray(indices) || !Array.isArray(indptr)) {
        throw new ValidationError(`${where}: indices and indptr must be arrays`);
      }
      try {
        return new SparseMatrix(data, indices as number[], indptr as number[], shape);
      } catch (cause) {
        throw new ValidationError(`${where}: invalid sparse matrix: ${(cause as Error).message}`, { cause });
      }
    }
    case 'randomGenerator': {
      const rng = new RandomGenerator(0);
      try {
        rng.setState(field(obj, 'state', where) as unknown as RandomGeneratorState);
      } catch (cause) {
        throw new ValidationError(`${where}: invalid random generator state: ${(cause as Error).message}`, { cause });
      }
      return rng;
    }
    case 'map': {
      const entries = field(obj, 'entries', where);
      if (!Array.isArray(entries)) throw new ValidationError(`${where}.entries must be an array`);
      const out = new Map<unknown, unknown>();
      entries.forEach((entry, i) => {
        if (!Array.isArray(entry) || entry.length !== 2) {
          throw new ValidationError(`${where}.entries[${i}] must be a [key, value] pair`);
        }
        out.set(
          decodeState(entry[0], { ...options, path: `${where}<key ${i}>` }),
          decodeState(entry[1], { ...options, path: `${where}<value ${i}>` }),
        );
      });
      return out;
    }
    case 'set': {
      const values = field(obj, 'values', where);
      if (!Array.isArray(values)) throw new ValidationError(`${where}.values must be an array`);
      return new Set(values.map((v, i) => decodeState(v, { ...options, path: `${where}<${i}>` })));
    }
    case 'estimator': {
      const model = checkSavedModel(field(obj, 'model', where), undefined, `${where}.model`);
      if (options.loadEstimator === undefined) {
        throw new ValidationError(
          `${where} holds a saved ${model.className}; pass a loadEstimator function to restore nested estimators`,
        );
      }
      return options.loadEstimator(model);
    }
    default:
      throw new ValidationError(`${where}: unknown encoded type ${formatValue(type)}`);
  }
}

/**
 * Restores a value produced by {@link encodeState} (after a JSON round trip).
 * Throws a {@link ValidationError} naming the path of anything malformed.
 * @example decodeState({ $type: 'number', value: 'NaN' }) // NaN
 */
export function decodeState(value: JsonValue, options: DecodeStateOptions = {}): unknown {
  const where = options.path ?? 'state';
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) return value.map((v, i) => decodeState(v, { ...options, path: `${where}[${i}]` }));
  if (typeof value !== 'object') throw new ValidationError(`${where}: ${typeof value} is not valid JSON data`);
  if ('$type' in value) return decodeTagged(value, options, where);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    // A saved file is untrusted: '__proto__' must never reach the prototype setter.
    if (k === '__proto__') throw new ValidationError(`${where}: the key '__proto__' is not allowed in saved state`);
    out[k] = decodeState(v, { ...options, path: `${where}.${k}` });
  }
  return out;
}

/**
 * Checks that `value` is a {@link SavedModel} (right format marker and
 * version, and `className` equal to `expectedClass` when given) and returns it typed.
 * @example checkSavedModel(JSON.parse(text), 'DummyClassifier')
 */
export function checkSavedModel(value: unknown, expectedClass?: string, where = 'saved model'): SavedModel {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ValidationError(`${where}: expected an object, got ${formatValue(value)}`);
  }
  const v = value as Partial<SavedModel>;
  if (v.format !== 'typelearn-model') {
    throw new ValidationError(`${where}: not a typelearn model (format is ${formatValue(v.format)})`, {
      expected: 'typelearn-model',
      got: v.format,
    });
  }
  if (v.formatVersion !== 1) {
    throw new ValidationError(
      `${where}: unsupported format version ${formatValue(v.formatVersion)}; this typelearn reads version 1`,
      { expected: 1, got: v.formatVersion },
    );
  }
  if (typeof v.className !== 'string') throw new ValidationError(`${where}: className must be a string`);
  if (expectedClass !== undefined && v.className !== expectedClass) {
    throw new ValidationError(`${where}: this is a saved ${v.className}, not a ${expectedClass}`, {
      expected: expectedClass,
      got: v.className,
    });
  }
  if (!('params' in v) || !('state' in v)) throw new ValidationError(`${where}: missing 'params' or 'state'`);
  return v as SavedModel;
}

/**
 * Typed, validated reads from a decoded state object, for `setState`
 * implementations: each read throws a {@link ValidationError} naming the field
 * when it is missing or has the wrong type, so a corrupt file never produces a
 * half-working model.
 * @example
 * const r = new StateReader(state, 'DummyRegressor');
 * this.#constant = r.number('constant');
 */
export class StateReader {
  constructor(
    private readonly state: unknown,
    private readonly where: string,
  ) {
    if (state === null || typeof state !== 'object' || Array.isArray(state)) {
      throw new ValidationError(`${where}: saved state must be an object, got ${formatValue(state)}`);
    }
  }

  private get(key: string): unknown {
    const obj = this.state as Record<string, unknown>;
    if (!(key in obj)) throw new ValidationError(`${this.where}: saved state is missing '${key}'`);
    return obj[key];
  }

  private fail(key: string, expected: string, got: unknown): never {
    throw new ValidationError(`${this.where}: saved state '${key}' must be ${expected}, got ${formatValue(got)}`, {
      expected,
      got,
    });
  }

  /** Whether the state has `key`. */
  has(key: string): boolean {
    return key in (this.state as Record<string, unknown>);
  }

  /** A number (NaN/±Infinity allowed unless `finite`); `integer` and `min` add checks. */
  number(key: string, check: { integer?: boolean; min?: number; finite?: boolean } = {}): number {
    const v = this.get(key);
    if (typeof v !== 'number') this.fail(key, 'a number', v);
    if (check.finite && !Number.isFinite(v)) this.fail(key, 'a finite number', v);
    if (check.integer && !Number.isInteger(v)) this.fail(key, 'an integer', v);
    if (check.min !== undefined && !(v >= check.min)) this.fail(key, `a number >= ${check.min}`, v);
    return v;
  }

  /** A string, optionally one of `allowed`. */
  string(key: string, allowed?: readonly string[]): string {
    const v = this.get(key);
    if (typeof v !== 'string' || (allowed && !allowed.includes(v))) {
      this.fail(key, allowed ? `one of ${allowed.map((a) => `'${a}'`).join(', ')}` : 'a string', v);
    }
    return v;
  }

  /** A number or a string (a class label). */
  label(key: string): number | string {
    const v = this.get(key);
    if (typeof v !== 'number' && typeof v !== 'string') this.fail(key, 'a number or a string', v);
    return v;
  }

  /** A non-empty array of labels, all numbers or all strings. */
  labels(key: string): (number | string)[] {
    const v = this.get(key);
    if (!Array.isArray(v) || v.length === 0) this.fail(key, 'a non-empty array of labels', v);
    const kind = typeof v[0];
    if ((kind !== 'number' && kind !== 'string') || !v.every((x) => typeof x === kind)) {
      this.fail(key, 'labels that are all numbers or all strings', v);
    }
    return v as (number | string)[];
  }

  /** A Float64Array, of length `length` when given. */
  float64Array(key: string, length?: number): Float64Array {
    const v = this.get(key);
    if (!(v instanceof Float64Array)) this.fail(key, 'a Float64Array', v);
    if (length !== undefined && v.length !== length) this.fail(key, `a Float64Array of length ${length}`, v);
    return v;
  }

  /** A Tensor, of shape `shape` when given. */
  tensor(key: string, shape?: readonly number[]): Tensor {
    const v = this.get(key);
    if (!(v instanceof Tensor)) this.fail(key, 'a Tensor', v);
    if (shape && (v.ndim !== shape.length || shape.some((d, i) => v.shape[i] !== d))) {
      this.fail(key, `a Tensor of shape [${shape.join(', ')}]`, v);
    }
    return v;
  }
}
