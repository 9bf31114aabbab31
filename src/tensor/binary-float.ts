/**
 * Float-specialised copies of the hottest binary kernels (add, sub, mul, div).
 *
 * V8 keeps type feedback per function literal: a kernel that has seen
 * Float64Array, Float32Array and Int32Array operands compiles to polymorphic
 * element loads, which costs up to 2x on tight loops. These copies only ever
 * see one array type, so they stay monomorphic. The bodies are deliberately
 * identical to the generic kernels in `binary.ts`.
 */
import type { BinaryKernel } from './binary.js';

/** The ops that have float-specialised kernels. */
export type FloatOp = 'add' | 'sub' | 'mul' | 'div';

/** Float64Array-only kernels: chosen when both operands and the result are Float64Array. */
export const F64 = {
  add: {
    vv: (a: Float64Array, pa: number, b: Float64Array, pb: number, o: Float64Array, po: number, n: number) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] + b[pb + i];
    },
    vs: (a: Float64Array, pa: number, s: number, o: Float64Array, po: number, n: number) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] + s;
    },
    sv: (s: number, b: Float64Array, pb: number, o: Float64Array, po: number, n: number) => {
      for (let i = 0; i < n; i++) o[po + i] = s + b[pb + i];
    },
  },
  sub: {
    vv: (a: Float64Array, pa: number, b: Float64Array, pb: number, o: Float64Array, po: number, n: number) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] - b[pb + i];
    },
    vs: (a: Float64Array, pa: number, s: number, o: Float64Array, po: number, n: number) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] - s;
    },
    sv: (s: number, b: Float64Array, pb: number, o: Float64Array, po: number, n: number) => {
      for (let i = 0; i < n; i++) o[po + i] = s - b[pb + i];
    },
  },
  mul: {
    vv: (a: Float64Array, pa: number, b: Float64Array, pb: number, o: Float64Array, po: number, n: number) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] * b[pb + i];
    },
    vs: (a: Float64Array, pa: number, s: number, o: Float64Array, po: number, n: number) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] * s;
    },
    sv: (s: number, b: Float64Array, pb: number, o: Float64Array, po: number, n: number) => {
      for (let i = 0; i < n; i++) o[po + i] = s * b[pb + i];
    },
  },
  div: {
    vv: (a: Float64Array, pa: number, b: Float64Array, pb: number, o: Float64Array, po: number, n: number) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] / b[pb + i];
    },
    vs: (a: Float64Array, pa: number, s: number, o: Float64Array, po: number, n: number) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] / s;
    },
    sv: (s: number, b: Float64Array, pb: number, o: Float64Array, po: number, n: number) => {
      for (let i = 0; i < n; i++) o[po + i] = s / b[pb + i];
    },
  },
} as unknown as Record<FloatOp, BinaryKernel>;

/** Float32Array-only kernels: chosen when both operands and the result are Float32Array. */
export const F32 = {
  add: {
    vv: (a: Float32Array, pa: number, b: Float32Array, pb: number, o: Float32Array, po: number, n: number) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] + b[pb + i];
    },
    vs: (a: Float32Array, pa: number, s: number, o: Float32Array, po: number, n: number) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] + s;
    },
    sv: (s: number, b: Float32Array, pb: number, o: Float32Array, po: number, n: number) => {
      for (let i = 0; i < n; i++) o[po + i] = s + b[pb + i];
    },
  },
  sub: {
    vv: (a: Float32Array, pa: number, b: Float32Array, pb: number, o: Float32Array, po: number, n: number) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] - b[pb + i];
    },
    vs: (a: Float32Array, pa: number, s: number, o: Float32Array, po: number, n: number) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] - s;
    },
    sv: (s: number, b: Float32Array, pb: number, o: Float32Array, po: number, n: number) => {
      for (let i = 0; i < n; i++) o[po + i] = s - b[pb + i];
    },
  },
  mul: {
    vv: (a: Float32Array, pa: number, b: Float32Array, pb: number, o: Float32Array, po: number, n: number) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] * b[pb + i];
    },
    vs: (a: Float32Array, pa: number, s: number, o: Float32Array, po: number, n: number) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] * s;
    },
    sv: (s: number, b: Float32Array, pb: number, o: Float32Array, po: number, n: number) => {
      for (let i = 0; i < n; i++) o[po + i] = s * b[pb + i];
    },
  },
  div: {
    vv: (a: Float32Array, pa: number, b: Float32Array, pb: number, o: Float32Array, po: number, n: number) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] / b[pb + i];
    },
    vs: (a: Float32Array, pa: number, s: number, o: Float32Array, po: number, n: number) => {
      for (let i = 0; i < n; i++) o[po + i] = a[pa + i] / s;
    },
    sv: (s: number, b: Float32Array, pb: number, o: Float32Array, po: number, n: number) => {
      for (let i = 0; i < n; i++) o[po + i] = s / b[pb + i];
    },
  },
} as unknown as Record<FloatOp, BinaryKernel>;
