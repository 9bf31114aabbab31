/**
 * The base class of every layer and model, PyTorch's `nn.Module`: subclasses assign
 * {@link Parameter}s and sub-modules to fields and implement `forward`; the base finds them
 * by walking its own fields (arrays of modules included), so `parameters()`,
 * `stateDict()`, `train()`/`eval()` and `zeroGrad()` need no registration.
 */
import type { DType } from '../tensor/dtype.js';
import { ShapeError } from '../tensor/errors.js';
import { formatShape, shapesEqual } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { Parameter } from './parameter.js';

/** Options of {@link Module.loadStateDict}. */
export interface LoadStateDictOptions {
  /** Require exactly the module's keys (missing or unexpected keys throw). Default `true`. */
  strict?: boolean;
}

/** A state dict: parameter and buffer names (PyTorch's dotted names) to tensors. */
export type StateDict = Record<string, Tensor>;

type Fields = Record<string, unknown>;

/**
 * @example
 * class Net extends Module {
 *   fc1 = new Linear(784, 64);
 *   fc2 = new Linear(64, 10);
 *   forward(x: Tensor): Tensor {
 *     return this.fc2.forward(F.relu(this.fc1.forward(x)));
 *   }
 * }
 * const net = new Net();
 * net.parameters().length; // 4
 */
export class Module {
  /** Training mode (dropout active, batch statistics) or evaluation mode. Default `true`. */
  training = true;

  constructor() {
    // Bookkeeping lives in non-enumerable slots so field walking never sees it.
    Object.defineProperty(this, '_stateNames', { value: new Map<string, string>(), enumerable: false });
    Object.defineProperty(this, '_buffers', { value: new Set<string>(), enumerable: false });
  }

  private get names(): Map<string, string> {
    return (this as unknown as { _stateNames: Map<string, string> })._stateNames;
  }

  private get bufferKeys(): Set<string> {
    return (this as unknown as { _buffers: Set<string> })._buffers;
  }

  /**
   * The computation; subclasses override it.
   * @example model.forward(x)
   */
  forward(..._inputs: unknown[]): unknown {
    throw new Error(`${this.constructor.name} does not implement forward()`);
  }

  /**
   * Exports field `key` under another state-dict name (e.g. `runningMean` as `running_mean`).
   * @example this.stateName('runningMean', 'running_mean');
   */
  protected stateName(key: string, name: string): void {
    this.names.set(key, name);
  }

  /**
   * Marks tensor field `key` as a buffer: saved in `stateDict()` but not a parameter.
   * @example this.registerBuffer('runningMean', 'running_mean');
   */
  protected registerBuffer(key: string, name: string = key): void {
    this.bufferKeys.add(key);
    this.names.set(key, name);
  }

  private nameOf(key: string): string {
    return this.names.get(key) ?? key;
  }

  /**
   * Direct sub-modules with their names (array fields give `name.0`, `name.1`, ...).
   * @example for (const [name, child] of model.namedChildren()) console.log(name);
   */
  namedChildren(): [string, Module][] {
    const out: [string, Module][] = [];
    for (const [key, value] of Object.entries(this as unknown as Fields)) {
      if (value instanceof Module) out.push([this.nameOf(key), value]);
      else if (Array.isArray(value)) {
        value.forEach((v, i) => {
          if (v instanceof Module) out.push([`${this.nameOf(key)}.${i}`, v]);
        });
      }
    }
    return out;
  }

  /**
   * Direct sub-modules.
   * @example model.children().length
   */
  children(): Module[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /**
   * This module and every descendant, depth first (self first), with dotted names.
   * @example model.namedModules().map(([name]) => name) // ['', 'fc1', 'fc2']
   */
  namedModules(prefix = ''): [string, Module][] {
    const out: [string, Module][] = [[prefix, this]];
    for (const [name, child] of this.namedChildren()) {
      out.push(...child.namedModules(prefix === '' ? name : `${prefix}.${name}`));
    }
    return out;
  }

  /**
   * Every parameter with its dotted name (`fc1.weight`), own parameters first.
   * @example model.namedParameters().map(([n]) => n)
   */
  namedParameters(): [string, Parameter][] {
    const out: [string, Parameter][] = [];
    for (const [prefix, m] of this.namedModules()) {
      for (const [key, value] of Object.entries(m as unknown as Fields)) {
        if (value instanceof Parameter) out.push([prefix === '' ? m.nameOf(key) : `${prefix}.${m.nameOf(key)}`, value]);
      }
    }
    return out;
  }

  /**
   * Every parameter (what an optimizer takes).
   * @example new Adam(model.parameters(), { lr: 1e-3 })
   */
  parameters(): Parameter[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /**
   * Every buffer (e.g. BatchNorm's running statistics) with its dotted name.
   * @example bn.namedBuffers().map(([n]) => n) // ['running_mean', 'running_var', 'num_batches_tracked']
   */
  namedBuffers(): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [prefix, m] of this.namedModules()) {
      for (const key of m.bufferKeys) {
        const value = (m as unknown as Fields)[key];
        if (value instanceof Tensor) out.push([prefix === '' ? m.nameOf(key) : `${prefix}.${m.nameOf(key)}`, value]);
      }
    }
    return out;
  }

  /**
   * Parameters and buffers by name, sharing their data (PyTorch's `state_dict()`).
   * @example const saved = model.stateDict();
   */
  stateDict(): StateDict {
    const out: StateDict = {};
    for (const [name, p] of this.namedParameters()) out[name] = new Tensor(p.data, p.shape);
    for (const [name, b] of this.namedBuffers()) out[name] = new Tensor(b.data, b.shape);
    return out;
  }

  /**
   * Copies values from `state` into this module's parameters and buffers (converting
   * dtype); shapes must match, and with `strict` (default) the key sets too.
   * @example model.loadStateDict(saved);
   */
  loadStateDict(state: StateDict, options: LoadStateDictOptions = {}): void {
    const strict = options.strict ?? true;
    const own = new Map<string, Tensor>([...this.namedParameters(), ...this.namedBuffers()]);
    if (strict) {
      const missing = [...own.keys()].filter((k) => !(k in state));
      const unexpected = Object.keys(state).filter((k) => !own.has(k));
      if (missing.length > 0 || unexpected.length > 0) {
        throw new Error(
          `loadStateDict: ${missing.length > 0 ? `missing keys ${missing.join(', ')}` : ''}${missing.length > 0 && unexpected.length > 0 ? '; ' : ''}${unexpected.length > 0 ? `unexpected keys ${unexpected.join(', ')}` : ''}`,
        );
      }
    }
    for (const [name, target] of own) {
      const src = state[name];
      if (src === undefined) continue;
      if (!shapesEqual(src.shape, target.shape)) {
        throw new ShapeError(
          `loadStateDict: '${name}' has shape ${formatShape(src.shape)} in the state dict but ${formatShape(target.shape)} in the module`,
        );
      }
      target.data.set(src.data);
    }
  }

  /**
   * Sets training mode here and in every descendant; returns `this`.
   * @example model.train();
   */
  train(mode = true): this {
    for (const [, m] of this.namedModules()) m.training = mode;
    return this;
  }

  /**
   * Evaluation mode (`train(false)`): dropout off, BatchNorm uses running statistics.
   * @example model.eval();
   */
  eval(): this {
    return this.train(false);
  }

  /**
   * Clears every parameter's gradient (sets it to `null`).
   * @example model.zeroGrad();
   */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /**
   * Calls `fn` on every descendant and then this module (PyTorch's `apply`); returns `this`.
   * @example model.apply((m) => { if (m instanceof Linear) init.constant_(m.bias!, 0); });
   */
  apply(fn: (m: Module) => void): this {
    for (const child of this.children()) child.apply(fn);
    fn(this);
    return this;
  }

  /**
   * Converts every parameter and floating buffer to `dtype` (replacing them); returns `this`.
   * @example model.to('float64');
   */
  to(dtype: DType): this {
    for (const [, m] of this.namedModules()) {
      const fields = m as unknown as Fields;
      for (const [key, value] of Object.entries(fields)) {
        if (value instanceof Parameter && value.dtype !== dtype) {
          fields[key] = new Parameter(value.astype(dtype), undefined, value.requiresGrad);
        }
      }
      for (const key of m.bufferKeys) {
        const value = fields[key];
        if (value instanceof Tensor && (value.dtype === 'float32' || value.dtype === 'float64')) {
          fields[key] = value.astype(dtype);
        }
      }
    }
    return this;
  }

  /**
   * Number of parameter elements (trainable only when `trainableOnly`).
   * @example new Linear(784, 64).numParameters() // 50240
   */
  numParameters(trainableOnly = false): number {
    let n = 0;
    for (const p of this.parameters()) if (!trainableOnly || p.requiresGrad) n += p.size;
    return n;
  }

  /** A description for `toString()`'s header line, e.g. `in=784, out=64`; override in layers. */
  extraRepr(): string {
    return '';
  }

  /**
   * PyTorch-style tree: `Net(\n  (fc1): Linear(in=784, out=64, bias=true)\n)`.
   * @example console.log(String(model));
   */
  toString(): string {
    const kids = this.namedChildren();
    const head = `${this.constructor.name}(${this.extraRepr()}`;
    if (kids.length === 0) return `${head})`;
    const lines = kids.map(([name, m]) => `  (${name}): ${m.toString().split('\n').join('\n  ')}`);
    return `${head}\n${lines.join('\n')}\n)`;
  }
}
