/**
 * The n-dimensional array every part of typelearn speaks: contiguous
 * row-major storage in one typed array, a shape and a dtype.
 *
 * The class itself only holds data and offers thin method forms of the op
 * functions (one op family per file: `creation.ts`, `elementwise.ts`,
 * `reduce.ts`, `manipulation.ts`, `sort.ts`, `matmul.ts`); the functions are the
 * source of truth and are exported from `typelearn/tensor` as well.
 *
 * @example
 * import { Tensor } from 'typelearn/tensor';
 * const x = Tensor.from([[1, 2], [3, 4]]);
 * x.shape;                       // [2, 2]
 * x.add(1).sum({ axis: 0 }).toArray(); // [6, 8]
 */
import { allocate, type DataArray, type DType, dtypeOf, isDType } from './dtype.js';
import * as ew from './elementwise.js';
import { DTypeError, ShapeError } from './errors.js';
import * as man from './manipulation.js';
import { matmul } from './matmul.js';
import * as red from './reduce.js';
import { assertValidShape, formatShape, type Shape, shapeSize, stridesOf } from './shape.js';
import * as srt from './sort.js';

/** Nested JS arrays of numbers or booleans, as `Tensor.from` accepts and `toArray` returns. */
export type NestedArray = number | boolean | readonly NestedArray[];

/** Something usable where a tensor operand is expected: a tensor or a plain number (broadcast as a scalar). */
export type TensorLike = Tensor | number;

/** Options of the reductions (`sum`, `mean`, `min`, ...). */
export interface ReduceOptions {
  /** Axis or axes to reduce; negative counts from the end. Default: all axes. */
  axis?: number | readonly number[];
  /** Keep reduced axes as size-1 dimensions. Default `false`. */
  keepdims?: boolean;
}

/** Options of `var`/`std`. */
export interface VarianceOptions extends ReduceOptions {
  /** Delta degrees of freedom: the divisor is `n - ddof`. Default 0 (numpy's default). */
  ddof?: number;
}

/** Options of `argmin`/`argmax`: one axis, or the flat index when absent. */
export interface ArgReduceOptions {
  /** Axis to reduce; default: the index into the flattened tensor. */
  axis?: number;
  /** Keep the reduced axis as a size-1 dimension. Default `false`. */
  keepdims?: boolean;
}

/** Options of `sort`/`argsort`. */
export interface SortOptions {
  /** Axis to sort along. Default -1 (the last). */
  axis?: number;
  /** Largest first. Default `false`. Sorting is stable either way; NaN sorts last. */
  descending?: boolean;
}

/**
 * What `typelearn/nn` plugs into {@link Tensor} so that `backward()`/`detach()` work without
 * `tensor` importing `nn` (set by `src/nn/autograd/engine.ts` when nn is loaded).
 */
export interface AutogradHook {
  backward(root: Tensor, gradient?: Tensor, options?: { retainGraph?: boolean }): void;
  detach(x: Tensor): Tensor;
}

let autogradHook: AutogradHook | null = null;

/**
 * Installs the autograd engine (called by `typelearn/nn` on import; not for users).
 * @example setAutogradHook({ backward() {}, detach: (x) => x });
 */
export function setAutogradHook(hook: AutogradHook | null): void {
  autogradHook = hook;
}

function requireAutograd(method: string): AutogradHook {
  if (autogradHook === null) {
    throw new Error(`Tensor.${method}() needs the autograd engine: import 'typelearn/nn' (or 'typelearn') first`);
  }
  return autogradHook;
}

export class Tensor {
  /** The elements, row-major and contiguous; its length equals `size`. */
  readonly data: DataArray;
  /** Dimensions; `[]` for a 0-d tensor. */
  readonly shape: readonly number[];
  /** Element type. */
  readonly dtype: DType;
  /** Whether autograd records ops on this tensor (see `typelearn/nn`). Default `false`. */
  requiresGrad = false;
  /** The gradient accumulated by `backward()` into this leaf tensor, or `null`. */
  grad: Tensor | null = null;
  /** @internal The autograd node that produced this tensor (its grad_fn), or `null` for leaves. */
  _node: unknown = null;

  /**
   * Wraps a typed array (without copying) as a tensor of `shape`.
   * @param data - contiguous row-major elements; its type fixes the dtype
   *   (`Uint8Array` = bool) unless `dtype` says `'bool'` explicitly.
   * @param shape - default `[data.length]`.
   * @example new Tensor(new Float64Array([1, 2, 3, 4]), [2, 2])
   */
  constructor(data: DataArray, shape?: Shape, dtype?: DType) {
    const inferred = dtypeOf(data);
    if (dtype !== undefined && dtype !== inferred) {
      throw new DTypeError(`A ${data.constructor.name} cannot back a ${dtype} tensor (it holds ${inferred})`);
    }
    const s = shape === undefined ? [data.length] : [...shape];
    assertValidShape(s);
    if (shapeSize(s) !== data.length) {
      throw new ShapeError(`Shape ${formatShape(s)} needs ${shapeSize(s)} elements but the data has ${data.length}`);
    }
    this.data = data;
    this.shape = Object.freeze(s);
    this.dtype = inferred;
  }

  /**
   * Builds a tensor from nested arrays (or a single number for a 0-d tensor).
   * Default dtype: `bool` for booleans, `float64` for numbers.
   * Ragged nesting is a {@link ShapeError} naming where it happens.
   * @example Tensor.from([[1, 2], [3, 4]], 'float32')
   */
  static from(values: NestedArray, dtype?: DType): Tensor {
    if (dtype !== undefined && !isDType(dtype)) throw new DTypeError(`Unknown dtype '${String(dtype)}'`);
    const shape: number[] = [];
    let level: NestedArray = values;
    while (Array.isArray(level)) {
      shape.push(level.length);
      level = (level as readonly NestedArray[])[0];
      if (level === undefined) break;
    }
    const isBool = typeof level === 'boolean';
    const dt: DType = dtype ?? (isBool ? 'bool' : 'float64');
    const data = allocate(dt, shapeSize(shape));
    let pos = 0;
    const fill = (v: NestedArray, depth: number, path: number[]): void => {
      if (depth === shape.length) {
        if (Array.isArray(v)) throw new ShapeError(`Ragged nested array: too deep at index [${path.join(', ')}]`);
        if (typeof v !== 'number' && typeof v !== 'boolean') {
          throw new DTypeError(`Expected a number or boolean at index [${path.join(', ')}], got ${typeof v}`);
        }
        data[pos++] = dt === 'bool' ? (v ? 1 : 0) : Number(v);
        return;
      }
      if (!Array.isArray(v) || v.length !== shape[depth]) {
        const got = Array.isArray(v) ? `length ${v.length}` : 'a scalar';
        throw new ShapeError(
          `Ragged nested array at index [${path.join(', ')}]: expected length ${shape[depth]}, got ${got}`,
        );
      }
      for (let i = 0; i < v.length; i++) fill((v as readonly NestedArray[])[i], depth + 1, [...path, i]);
    };
    fill(values, 0, []);
    return new Tensor(data, shape);
  }

  /** Number of elements. */
  get size(): number {
    return this.data.length;
  }

  /** Number of dimensions. */
  get ndim(): number {
    return this.shape.length;
  }

  /** Row-major strides, in elements. */
  get strides(): number[] {
    return stridesOf(this.shape);
  }

  /**
   * The element at a full index (negative indices count from the end).
   * @example Tensor.from([[1, 2], [3, 4]]).get(1, 0) // 3
   */
  get(...index: number[]): number {
    return this.data[this.flatIndex(index)];
  }

  /** Writes one element in place (tensors are mutable buffers, like numpy arrays). */
  set(value: number, ...index: number[]): void {
    this.data[this.flatIndex(index)] = value;
  }

  private flatIndex(index: number[]): number {
    if (index.length !== this.shape.length) {
      throw new ShapeError(
        `Index has ${index.length} coordinate(s) but the tensor has ${this.shape.length} dimension(s)`,
      );
    }
    let flat = 0;
    let stride = 1;
    for (let d = this.shape.length - 1; d >= 0; d--) {
      const n = this.shape[d];
      let i = index[d];
      if (i < 0) i += n;
      if (!Number.isInteger(i) || i < 0 || i >= n) {
        throw new ShapeError(`Index ${index[d]} is out of bounds for dimension ${d} of size ${n}`);
      }
      flat += i * stride;
      stride *= n;
    }
    return flat;
  }

  /** The value of a one-element tensor. */
  item(): number {
    if (this.size !== 1)
      throw new ShapeError(`item() needs a tensor with one element, this one has shape ${formatShape(this.shape)}`);
    return this.data[0];
  }

  /**
   * Nested JS arrays (booleans for bool tensors; a number for a 0-d tensor).
   * @example Tensor.from([[1, 2]]).toArray() // [[1, 2]]
   */
  toArray(): NestedArray {
    const isBool = this.dtype === 'bool';
    const build = (depth: number, offset: number): NestedArray => {
      if (depth === this.shape.length) return isBool ? this.data[offset] !== 0 : this.data[offset];
      const n = this.shape[depth];
      const stride = shapeSize(this.shape.slice(depth + 1));
      const out: NestedArray[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = build(depth + 1, offset + i * stride);
      return out;
    };
    return build(0, 0);
  }

  /**
   * Same data, new shape, no copy. One dimension may be -1 (inferred).
   * @example Tensor.from([1, 2, 3, 4]).reshape(2, -1).shape // [2, 2]
   */
  reshape(...shape: number[] | [readonly number[]]): Tensor {
    const dims: number[] = Array.isArray(shape[0]) ? [...(shape[0] as readonly number[])] : (shape as number[]);
    const unknown = dims.indexOf(-1);
    if (unknown !== -1) {
      if (dims.indexOf(-1, unknown + 1) !== -1) throw new ShapeError('reshape: only one dimension can be -1');
      const known = shapeSize(dims.filter((_, i) => i !== unknown));
      if (known === 0 || this.size % known !== 0) {
        throw new ShapeError(`Cannot reshape a tensor of shape ${formatShape(this.shape)} into ${formatShape(dims)}`);
      }
      dims[unknown] = this.size / known;
    }
    assertValidShape(dims);
    if (shapeSize(dims) !== this.size) {
      throw new ShapeError(
        `Cannot reshape a tensor of shape ${formatShape(this.shape)} (${this.size} elements) into ${formatShape(dims)}`,
      );
    }
    return new Tensor(this.data, dims);
  }

  /** A copy with its own buffer. */
  clone(): Tensor {
    return new Tensor(this.data.slice(), this.shape);
  }

  /**
   * A copy converted to `dtype` (float to int truncates toward zero; to bool is `x != 0`).
   * Returns `this` when the dtype already matches and `copy` is false.
   */
  astype(dtype: DType, copy = false): Tensor {
    if (dtype === this.dtype) return copy ? this.clone() : this;
    const out = allocate(dtype, this.size);
    const src = this.data;
    if (dtype === 'bool') for (let i = 0; i < src.length; i++) out[i] = src[i] !== 0 ? 1 : 0;
    else out.set(src);
    return new Tensor(out, this.shape);
  }

  /** Human-readable form, e.g. `Tensor(float64, [2, 2]) [[1, 2], [3, 4]]`. */
  toString(): string {
    const body = this.size <= 100 ? JSON.stringify(this.toArray()) : `<${this.size} elements>`;
    return `Tensor(${this.dtype}, ${formatShape(this.shape)}) ${body}`;
  }

  // --- elementwise (elementwise.ts) ---
  add(other: TensorLike): Tensor {
    return ew.add(this, other);
  }
  sub(other: TensorLike): Tensor {
    return ew.sub(this, other);
  }
  mul(other: TensorLike): Tensor {
    return ew.mul(this, other);
  }
  div(other: TensorLike): Tensor {
    return ew.div(this, other);
  }
  pow(other: TensorLike): Tensor {
    return ew.pow(this, other);
  }
  maximum(other: TensorLike): Tensor {
    return ew.maximum(this, other);
  }
  minimum(other: TensorLike): Tensor {
    return ew.minimum(this, other);
  }
  eq(other: TensorLike): Tensor {
    return ew.eq(this, other);
  }
  ne(other: TensorLike): Tensor {
    return ew.ne(this, other);
  }
  lt(other: TensorLike): Tensor {
    return ew.lt(this, other);
  }
  le(other: TensorLike): Tensor {
    return ew.le(this, other);
  }
  gt(other: TensorLike): Tensor {
    return ew.gt(this, other);
  }
  ge(other: TensorLike): Tensor {
    return ew.ge(this, other);
  }
  neg(): Tensor {
    return ew.neg(this);
  }
  abs(): Tensor {
    return ew.abs(this);
  }
  exp(): Tensor {
    return ew.exp(this);
  }
  log(): Tensor {
    return ew.log(this);
  }
  sqrt(): Tensor {
    return ew.sqrt(this);
  }
  square(): Tensor {
    return ew.square(this);
  }
  clip(min: number | null, max: number | null): Tensor {
    return ew.clip(this, min, max);
  }

  // --- reductions (reduce.ts) ---
  sum(options?: ReduceOptions): Tensor {
    return red.sum(this, options);
  }
  mean(options?: ReduceOptions): Tensor {
    return red.mean(this, options);
  }
  var(options?: VarianceOptions): Tensor {
    return red.variance(this, options);
  }
  std(options?: VarianceOptions): Tensor {
    return red.std(this, options);
  }
  min(options?: ReduceOptions): Tensor {
    return red.min(this, options);
  }
  max(options?: ReduceOptions): Tensor {
    return red.max(this, options);
  }
  prod(options?: ReduceOptions): Tensor {
    return red.prod(this, options);
  }
  argmin(options?: ArgReduceOptions): Tensor {
    return red.argmin(this, options);
  }
  argmax(options?: ArgReduceOptions): Tensor {
    return red.argmax(this, options);
  }
  cumsum(axis?: number): Tensor {
    return red.cumsum(this, axis);
  }

  // --- shape and indexing (manipulation.ts) ---
  flatten(): Tensor {
    return this.reshape(this.size);
  }
  transpose(axes?: readonly number[]): Tensor {
    return man.transpose(this, axes);
  }
  /** Transpose of a 2-D tensor (`x.T` in numpy). */
  get T(): Tensor {
    return man.transpose(this);
  }
  squeeze(axis?: number): Tensor {
    return man.squeeze(this, axis);
  }
  expandDims(axis: number): Tensor {
    return man.expandDims(this, axis);
  }
  take(indices: Tensor | ArrayLike<number>, axis?: number): Tensor {
    return man.take(this, indices, axis);
  }
  mask(mask: Tensor): Tensor {
    return man.booleanMask(this, mask);
  }

  // --- sorting (sort.ts) and matmul (matmul.ts) ---
  sort(options?: SortOptions): Tensor {
    return srt.sort(this, options);
  }
  argsort(options?: SortOptions): Tensor {
    return srt.argsort(this, options);
  }
  matmul(other: Tensor): Tensor {
    return matmul(this, other);
  }

  // --- autograd (implemented in typelearn/nn) ---
  /**
   * Backpropagates from this tensor: fills `.grad` of every leaf that requires grad.
   * `gradient` defaults to 1 for a one-element tensor. Needs `typelearn/nn` loaded.
   * @example
   * const w = Tensor.from([1, 2]).requiresGrad_();
   * nn.F.sum(nn.F.mul(w, w)).backward(); // w.grad = [2, 4]
   */
  backward(gradient?: Tensor, options?: { retainGraph?: boolean }): void {
    requireAutograd('backward').backward(this, gradient, options);
  }
  /**
   * The same data cut off from the autograd graph (never requires grad).
   * @example const y = x.detach();
   */
  detach(): Tensor {
    return requireAutograd('detach').detach(this);
  }
  /**
   * Sets `requiresGrad` in place and returns `this` (PyTorch's `requires_grad_`).
   * @example const w = zeros([3]).requiresGrad_();
   */
  requiresGrad_(flag = true): this {
    this.requiresGrad = flag;
    return this;
  }
}
