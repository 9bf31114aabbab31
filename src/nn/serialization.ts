/**
 * Saving and loading `nn` models in typelearn's binary model container (`io/container.ts`:
 * magic, version, JSON header, 8-byte-aligned buffers, CRC-32), so corrupt, truncated,
 * foreign and newer-version files fail the same way as estimator files.
 *
 * Two kinds of payload:
 * - a Module's state dict (PyTorch's `torch.save(model.state_dict())`): parameter and
 *   buffer tensors by name; load it into a module of the same architecture with
 *   `loadStateDict` (a module's code is never stored, as a state dict is never pickled);
 * - a Keras-style `sequential` model: its layer specs, weights and `compile` settings
 *   (optimizer class and hyper-parameters, loss, metrics), rebuilt on load ready to
 *   `predict` or keep training (optimizer moments start fresh).
 *
 * Loading never runs code from the file and validates every field it reads.
 */
import type { JsonValue } from '../base/types.js';
import type { NumericArray } from '../io/buffers.js';
import { FORMAT_VERSION, readBuffers, readContainer, writeContainer } from '../io/container.js';
import { ModelFormatError } from '../io/errors.js';
import { typelearnVersion } from '../io/version.js';
import type { DType } from '../tensor/dtype.js';
import { formatShape, shapeSize } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import {
  type ActivationName,
  batchNormalization,
  conv2d,
  dense,
  dropout,
  flatten,
  type LayerSpec,
  maxPooling2d,
} from './keras/layers.js';
import type { MetricName } from './keras/metrics.js';
import { KerasSequential, type LossName, sequential } from './keras/model.js';
import { GELU, ReLU, Sigmoid, Softmax, Tanh } from './layers/activations.js';
import { BatchNorm1d, BatchNorm2d } from './layers/batch-norm.js';
import { Conv2d } from './layers/conv2d.js';
import { Dropout } from './layers/dropout.js';
import { Flatten } from './layers/flatten.js';
import { Linear } from './layers/linear.js';
import { MaxPool2d } from './layers/pooling.js';
import type { Module, StateDict } from './module.js';
import { Adagrad } from './optim/adagrad.js';
import { Adam, AdamW } from './optim/adam.js';
import type { GroupOptions, Optimizer } from './optim/optimizer.js';
import { RMSprop } from './optim/rmsprop.js';
import { SGD } from './optim/sgd.js';
import type { Parameter } from './parameter.js';

/** The header's `format` tag of nn files (estimator files have none). */
export const NN_FORMAT = 'typelearn-nn';

/** What {@link deserializeModule} and {@link load} return. */
export type LoadedModule =
  | {
      kind: 'stateDict';
      /** The saved module's class name (informational). */
      className: string;
      stateDict: StateDict;
    }
  | { kind: 'kerasSequential'; model: KerasSequential };

/** One Keras layer's saved configuration. */
export type KerasLayerConfig =
  | { className: 'Dense'; units: number; activation: ActivationName; useBias: boolean; inputShape?: number[] }
  | {
      className: 'Conv2D';
      filters: number;
      kernelSize: [number, number];
      strides: [number, number];
      padding: 'valid' | 'same';
      activation: ActivationName;
      useBias: boolean;
      inputShape?: number[];
    }
  | { className: 'MaxPooling2D'; poolSize: [number, number]; strides: [number, number] }
  | { className: 'Flatten'; inputShape?: number[] }
  | { className: 'Dropout'; rate: number }
  | { className: 'BatchNormalization'; momentum: number; epsilon: number };

/** A compiled model's `compile` settings. */
export interface CompileConfig {
  optimizer: { className: string; options: Record<string, JsonValue> };
  loss: LossName;
  metrics: MetricName[];
}

interface TensorEntry {
  name: string;
  dtype: DType;
  shape: number[];
}

const HEADER_KEYS = ['format', 'formatVersion', 'typelearnVersion', 'kind', 'className', 'tensors', 'keras', 'buffers'];
const DTYPES: readonly DType[] = ['float32', 'float64', 'int32', 'bool'];

/** The compile settings of a KerasSequential (its fields are private to the class). */
interface CompiledInternals {
  optimizer: Optimizer<GroupOptions> | null;
  lossName: LossName | null;
  metrics: MetricName[];
}

function activationOf(m: Module | undefined): ActivationName | undefined {
  if (m instanceof ReLU) return 'relu';
  if (m instanceof Sigmoid) return 'sigmoid';
  if (m instanceof Tanh) return 'tanh';
  if (m instanceof Softmax) return 'softmax';
  if (m instanceof GELU) return 'gelu';
  return undefined;
}

function unsupported(what: string): never {
  throw new ModelFormatError('unserializable', `Cannot serialize this sequential model: ${what}`);
}

/**
 * Each spec's configuration, read back from the modules it built (a spec keeps its
 * options in a closure). Exported for tests and tools.
 * @example kerasLayerConfigs(model)[0] // { className: 'Dense', units: 64, activation: 'relu', ... }
 */
export function kerasLayerConfigs(model: KerasSequential): KerasLayerConfig[] {
  const mods = model.body.layers;
  let k = model.inputShape.length === 3 ? 1 : 0; // skip the channels-first permute
  const last = model.specs.length - 1;
  const takeActivation = (i: number): ActivationName => {
    const a = activationOf(mods[k]);
    if (a !== undefined) {
      k++;
      return a;
    }
    return i === last ? model.finalActivation : 'linear';
  };
  return model.specs.map((spec, i) => {
    const inputShape = spec.inputShape === undefined ? undefined : [...spec.inputShape];
    const m = mods[k];
    switch (spec.className) {
      case 'Dense': {
        if (!(m instanceof Linear)) unsupported(`layer ${i} (Dense) did not build a Linear`);
        k++;
        const activation = takeActivation(i);
        return { className: 'Dense', units: m.outFeatures, activation, useBias: m.bias !== null, inputShape };
      }
      case 'Conv2D': {
        if (!(m instanceof Conv2d)) unsupported(`layer ${i} (Conv2D) did not build a Conv2d`);
        k++;
        const [kh, kw] = m.kernelSize;
        const stride = m.options.stride ?? 1;
        const pad = m.options.padding ?? 0;
        const strides: [number, number] = typeof stride === 'number' ? [stride, stride] : [stride[0], stride[1]];
        const padding = (typeof pad === 'number' ? pad : pad[0] + pad[1]) === 0 ? 'valid' : 'same';
        const activation = takeActivation(i);
        return {
          className: 'Conv2D',
          filters: m.outChannels,
          kernelSize: [kh, kw],
          strides,
          padding,
          activation,
          useBias: m.bias !== null,
          inputShape,
        };
      }
      case 'MaxPooling2D': {
        if (!(m instanceof MaxPool2d)) unsupported(`layer ${i} (MaxPooling2D) did not build a MaxPool2d`);
        k++;
        const ks = m.kernelSize;
        const poolSize: [number, number] = typeof ks === 'number' ? [ks, ks] : [ks[0], ks[1]];
        const s = m.options.stride ?? poolSize;
        return { className: 'MaxPooling2D', poolSize, strides: typeof s === 'number' ? [s, s] : [s[0], s[1]] };
      }
      case 'Flatten':
        if (!(m instanceof Flatten)) unsupported(`layer ${i} (Flatten) did not build a Flatten`);
        k++;
        return { className: 'Flatten', inputShape };
      case 'Dropout':
        if (!(m instanceof Dropout)) unsupported(`layer ${i} (Dropout) did not build a Dropout`);
        k++;
        return { className: 'Dropout', rate: m.p };
      case 'BatchNormalization':
        if (!(m instanceof BatchNorm1d || m instanceof BatchNorm2d)) {
          unsupported(`layer ${i} (BatchNormalization) did not build a BatchNorm`);
        }
        k++;
        return { className: 'BatchNormalization', momentum: 1 - m.momentum, epsilon: m.eps };
      default:
        return unsupported(`layer ${i} has the unknown class '${spec.className}'`);
    }
  });
}

function specOf(c: KerasLayerConfig): LayerSpec {
  switch (c.className) {
    case 'Dense':
      return dense(c.units, { activation: c.activation, useBias: c.useBias, inputShape: c.inputShape });
    case 'Conv2D':
      return conv2d(c.filters, c.kernelSize, {
        strides: c.strides,
        padding: c.padding,
        activation: c.activation,
        useBias: c.useBias,
        inputShape: c.inputShape,
      });
    case 'MaxPooling2D':
      return maxPooling2d(c.poolSize, { strides: c.strides });
    case 'Flatten':
      return flatten({ inputShape: c.inputShape });
    case 'Dropout':
      return dropout(c.rate);
    case 'BatchNormalization':
      return batchNormalization({ momentum: c.momentum, epsilon: c.epsilon });
  }
}

const OPTIMIZERS: Record<string, (params: Parameter[], options: Record<string, unknown>) => Optimizer<GroupOptions>> = {
  SGD: (p, o) => new SGD(p, o as never) as unknown as Optimizer<GroupOptions>,
  Adam: (p, o) => new Adam(p, o) as unknown as Optimizer<GroupOptions>,
  AdamW: (p, o) => new AdamW(p, o) as unknown as Optimizer<GroupOptions>,
  RMSprop: (p, o) => new RMSprop(p, o) as unknown as Optimizer<GroupOptions>,
  Adagrad: (p, o) => new Adagrad(p, o) as unknown as Optimizer<GroupOptions>,
};

function optimizerName(opt: Optimizer<GroupOptions>): string {
  if (opt instanceof AdamW) return 'AdamW';
  if (opt instanceof Adam) return 'Adam';
  if (opt instanceof SGD) return 'SGD';
  if (opt instanceof RMSprop) return 'RMSprop';
  if (opt instanceof Adagrad) return 'Adagrad';
  return unsupported(`its optimizer ${opt.constructor.name} is not one of ${Object.keys(OPTIMIZERS).join(', ')}`);
}

/**
 * A compiled model's `compile` settings, or `null` before `compile`.
 * @example compileConfig(model)?.optimizer // { className: 'Adam', options: { lr: 0.001, ... } }
 */
export function compileConfig(model: KerasSequential): CompileConfig | null {
  const internals = model as unknown as CompiledInternals;
  if (internals.optimizer === null || internals.lossName === null) return null;
  const opt = internals.optimizer;
  if (opt.paramGroups.length !== 1) unsupported('its optimizer has several parameter groups');
  const { params: _params, ...options } = opt.paramGroups[0];
  return {
    optimizer: { className: optimizerName(opt), options: JSON.parse(JSON.stringify(options)) },
    loss: internals.lossName,
    metrics: [...internals.metrics],
  };
}

/**
 * A module's state dict, or a Keras-style sequential model (architecture, weights,
 * compile settings), as container bytes. Deterministic: the same model gives the same bytes.
 * @example
 * const bytes = serializeModule(net);          // state dict
 * const bytes2 = serializeModule(kerasModel);  // whole model
 */
export function serializeModule(model: Module | KerasSequential): Uint8Array {
  const isKeras = model instanceof KerasSequential;
  const state = isKeras ? model.body.stateDict() : model.stateDict();
  const tensors: TensorEntry[] = [];
  const buffers: NumericArray[] = [];
  for (const [name, t] of Object.entries(state)) {
    tensors.push({ name, dtype: t.dtype, shape: [...t.shape] });
    buffers.push(t.data as NumericArray);
  }
  const keras: JsonValue = isKeras
    ? ({
        layers: kerasLayerConfigs(model),
        compile: compileConfig(model),
      } as unknown as JsonValue)
    : null;
  return writeContainer(
    (entries) => ({
      format: NN_FORMAT,
      formatVersion: FORMAT_VERSION,
      typelearnVersion: typelearnVersion(),
      kind: isKeras ? 'kerasSequential' : 'stateDict',
      className: isKeras ? 'KerasSequential' : model.constructor.name,
      tensors: tensors as unknown as JsonValue,
      keras,
      buffers: entries as unknown as JsonValue,
    }),
    buffers,
  );
}

function invalid(message: string): never {
  throw new ModelFormatError('invalid', `typelearn nn file is invalid: ${message}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function checkHeader(header: Record<string, JsonValue>): void {
  if (header.format !== NN_FORMAT) {
    const name = typeof header.className === 'string' ? ` (${header.className})` : '';
    throw new ModelFormatError(
      'foreign',
      `this is a typelearn estimator file${name}, not an nn model; load it with load() from 'typelearn/io'`,
      { expected: NN_FORMAT, got: header.format },
    );
  }
  for (const k of HEADER_KEYS) if (!(k in header)) invalid(`the header is missing '${k}'`);
  const extra = Object.keys(header).filter((k) => !HEADER_KEYS.includes(k));
  if (extra.length > 0) invalid(`the header has an unknown field '${extra[0]}'`);
  if (header.formatVersion !== FORMAT_VERSION) {
    invalid(`header.formatVersion is ${JSON.stringify(header.formatVersion)} but the preamble says ${FORMAT_VERSION}`);
  }
  if (header.kind !== 'stateDict' && header.kind !== 'kerasSequential') {
    invalid(`header.kind must be 'stateDict' or 'kerasSequential', got ${JSON.stringify(header.kind)}`);
  }
  if (typeof header.className !== 'string') invalid('header.className must be a string');
}

function readStateDict(header: Record<string, JsonValue>, buffers: NumericArray[]): StateDict {
  const list = header.tensors;
  if (!Array.isArray(list)) invalid('header.tensors must be an array');
  if (list.length !== buffers.length) invalid(`${list.length} tensors but ${buffers.length} buffers`);
  const out: StateDict = {};
  list.forEach((entry, i) => {
    const where = `header.tensors[${i}]`;
    if (!isObject(entry)) invalid(`${where} must be an object`);
    const { name, dtype, shape } = entry;
    if (typeof name !== 'string' || name === '') invalid(`${where}.name must be a non-empty string`);
    if (name in out) invalid(`${where}: duplicate tensor name '${name}'`);
    if (!DTYPES.includes(dtype as DType)) invalid(`${where}.dtype: unknown dtype ${JSON.stringify(dtype)}`);
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && (d as number) >= 0)) {
      invalid(`${where}.shape must be an array of non-negative integers`);
    }
    const data = buffers[i];
    const expected = { float32: Float32Array, float64: Float64Array, int32: Int32Array, bool: Uint8Array }[
      dtype as DType
    ];
    if (!(data instanceof expected) || data.constructor !== expected) {
      invalid(`${where}: buffer ${i} holds ${data.constructor.name}, not ${dtype}`);
    }
    if (shapeSize(shape as number[]) !== data.length) {
      invalid(
        `${where}: shape ${formatShape(shape as number[])} needs ${shapeSize(shape as number[])} values, the buffer has ${data.length}`,
      );
    }
    out[name] = new Tensor(data as Float32Array, shape as number[]);
  });
  return out;
}

function readKeras(header: Record<string, JsonValue>, state: StateDict): KerasSequential {
  const k = header.keras;
  if (!isObject(k) || !Array.isArray(k.layers) || k.layers.length === 0) {
    invalid('header.keras.layers must be a non-empty array');
  }
  const specs = (k.layers as unknown[]).map((c, i) => {
    if (!isObject(c) || typeof c.className !== 'string') invalid(`header.keras.layers[${i}] must name a className`);
    try {
      return specOf(c as unknown as KerasLayerConfig);
    } catch (cause) {
      throw new ModelFormatError('invalid', `header.keras.layers[${i}]: ${(cause as Error).message}`, { cause });
    }
  });
  let model: KerasSequential;
  try {
    model = sequential(specs);
    model.body.loadStateDict(state);
  } catch (cause) {
    throw new ModelFormatError(
      'invalid',
      `typelearn nn file is invalid: the saved layers and weights do not fit (${(cause as Error).message})`,
      { cause },
    );
  }
  const c = k.compile;
  if (c !== null && c !== undefined) {
    if (!isObject(c) || !isObject(c.optimizer) || typeof c.loss !== 'string' || !Array.isArray(c.metrics)) {
      invalid('header.keras.compile must hold optimizer, loss and metrics');
    }
    const { className, options } = c.optimizer as Record<string, unknown>;
    const make = typeof className === 'string' ? OPTIMIZERS[className] : undefined;
    if (make === undefined || !Object.hasOwn(OPTIMIZERS, className as string) || !isObject(options)) {
      invalid(`unknown optimizer ${JSON.stringify(className)}`);
    }
    try {
      model.compile({
        optimizer: (params) => make(params, options as Record<string, unknown>),
        loss: c.loss as LossName,
        metrics: c.metrics as MetricName[],
      });
    } catch (cause) {
      throw new ModelFormatError(
        'invalid',
        `typelearn nn file is invalid: compile settings rejected (${(cause as Error).message})`,
        { cause },
      );
    }
  }
  model.body.eval();
  return model;
}

/**
 * Reads bytes written by {@link serializeModule}. Throws a `ModelFormatError` (reason
 * `foreign`, `truncated`, `corrupted`, `version` or `invalid`) naming what is wrong.
 * @example
 * const saved = deserializeModule(bytes);
 * if (saved.kind === 'stateDict') net.loadStateDict(saved.stateDict);
 * else saved.model.predict(x);
 */
export function deserializeModule(bytes: Uint8Array): LoadedModule {
  const { header, bufferStart } = readContainer(bytes);
  checkHeader(header);
  const buffers = readBuffers(bytes, header.buffers, bufferStart);
  const state = readStateDict(header, buffers);
  if (header.kind === 'stateDict')
    return { kind: 'stateDict', className: header.className as string, stateDict: state };
  return { kind: 'kerasSequential', model: readKeras(header, state) };
}

/**
 * Writes {@link serializeModule}'s bytes to `path` (through a temporary file renamed
 * over it, so a crash never leaves half a file). Node only.
 * @example await save(net, 'net.tlnn'); // later: net.loadStateDict((await load('net.tlnn')).stateDict)
 */
export async function save(model: Module | KerasSequential, path: string): Promise<void> {
  const bytes = serializeModule(model);
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
 * Reads a file written by {@link save}; see {@link deserializeModule}.
 * @example const saved = await load('model.tlnn');
 */
export async function load(path: string): Promise<LoadedModule> {
  const fs = await import('node:fs/promises');
  const b = await fs.readFile(path);
  return deserializeModule(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
}

/**
 * Loads a saved state dict straight into `module` (strict key and shape checks);
 * returns the module. A saved Keras model is refused with a `ModelFormatError`.
 * @example loadStateDictBytes(net, bytes);
 */
export function loadStateDictBytes<M extends Module>(module: M, bytes: Uint8Array): M {
  const saved = deserializeModule(bytes);
  if (saved.kind !== 'stateDict') {
    throw new ModelFormatError(
      'invalid',
      'this file holds a whole Keras-style model, not a state dict; use deserializeModule',
    );
  }
  module.loadStateDict(saved.stateDict);
  return module;
}
