/**
 * Element types a {@link Tensor} can hold, the typed array behind each, and the
 * promotion rules that decide the result type of a mixed operation.
 *
 * Promotion (documented in docs/design.md):
 * - order: `bool` < `int32` < `float32` < `float64`; two tensors give the larger.
 * - a plain JS number is "weak": it never widens a float tensor
 *   (`float32 + 1.5` stays float32); an int32/bool tensor combined with a
 *   non-integer number becomes float64.
 * - true division and float-valued unary math (exp, log, sqrt, ...) on int32/bool give float64.
 * - comparisons give bool.
 */
export type DType = 'float32' | 'float64' | 'int32' | 'bool';

/** Any typed array that can back a tensor. `bool` tensors are stored as `Uint8Array` of 0/1. */
export type DataArray = Float32Array | Float64Array | Int32Array | Uint8Array;

/** All dtypes, in promotion order. */
export const DTYPES: readonly DType[] = ['bool', 'int32', 'float32', 'float64'];

const RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };

/**
 * Allocates a zero-filled typed array for `dtype`.
 * @example allocate('float32', 4) // Float32Array(4) [0, 0, 0, 0]
 */
export function allocate(dtype: DType, length: number): DataArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(length);
    case 'float64':
      return new Float64Array(length);
    case 'int32':
      return new Int32Array(length);
    case 'bool':
      return new Uint8Array(length);
  }
}

/**
 * The dtype a typed array stands for (`Uint8Array` is `bool`).
 * @example dtypeOf(new Int32Array(2)) // 'int32'
 */
export function dtypeOf(data: DataArray): DType {
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof Uint8Array) return 'bool';
  throw new TypeError('Unsupported typed array: expected Float64Array, Float32Array, Int32Array or Uint8Array');
}

/** True for `float32` and `float64`. */
export function isFloat(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64';
}

/**
 * The result dtype of a binary operation between two tensors.
 * @example promoteTypes('int32', 'float32') // 'float32'
 */
export function promoteTypes(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}

/**
 * The result dtype of a tensor of `dtype` combined with the JS number `value`
 * (numbers are weakly typed: they only matter when they are not integers).
 * @example promoteScalar('int32', 0.5) // 'float64'
 */
export function promoteScalar(dtype: DType, value: number): DType {
  if (isFloat(dtype)) return dtype;
  if (Number.isInteger(value) && Math.abs(value) <= 2147483647) return dtype === 'bool' ? 'int32' : dtype;
  return 'float64';
}

/**
 * The dtype float-valued math (exp, log, division, mean) returns for an input dtype.
 * @example floatResult('int32') // 'float64'
 */
export function floatResult(dtype: DType): DType {
  return isFloat(dtype) ? dtype : 'float64';
}

/** Whether `x` is a DType name. */
export function isDType(x: unknown): x is DType {
  return x === 'float32' || x === 'float64' || x === 'int32' || x === 'bool';
}
