/**
 * Shape arithmetic shared by every op: sizes, strides, numpy broadcasting and
 * axis normalisation. Pure functions, no tensors.
 */
import { ShapeError } from './errors.js';

/** A tensor shape: one non-negative integer per dimension; `[]` is a 0-d (scalar) tensor. */
export type Shape = readonly number[];

/**
 * Number of elements in a shape (1 for `[]`).
 * @example shapeSize([2, 3]) // 6
 */
export function shapeSize(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * Row-major (C-order) strides, in elements.
 * @example stridesOf([2, 3, 4]) // [12, 4, 1]
 */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

/** Throws a {@link ShapeError} unless every dimension is a non-negative integer. */
export function assertValidShape(shape: Shape): void {
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i];
    if (!Number.isInteger(d) || d < 0) {
      throw new ShapeError(
        `Invalid shape [${shape.join(', ')}]: dimension ${i} is ${d}, expected a non-negative integer`,
      );
    }
  }
}

/**
 * The broadcast shape of several shapes under numpy's rules (align from the
 * right; each pair of dimensions must be equal or one of them 1).
 * @example broadcastShapes([3, 1], [4]) // [3, 4]
 */
export function broadcastShapes(...shapes: Shape[]): number[] {
  let ndim = 0;
  for (const s of shapes) ndim = Math.max(ndim, s.length);
  const out = new Array<number>(ndim).fill(1);
  for (const s of shapes) {
    const offset = ndim - s.length;
    for (let i = 0; i < s.length; i++) {
      const d = s[i];
      const o = out[offset + i];
      if (d === o || d === 1) continue;
      if (o === 1) out[offset + i] = d;
      else {
        throw new ShapeError(
          `Shapes ${shapes.map((x) => `[${x.join(', ')}]`).join(' and ')} cannot be broadcast together: dimension ${offset + i} is ${o} vs ${d}`,
        );
      }
    }
  }
  return out;
}

/**
 * Strides to read `shape` as if broadcast to `target` (0 on broadcast dimensions).
 * @example broadcastStrides([3, 1], [2, 3, 4]) // [0, 1, 0]
 */
export function broadcastStrides(shape: Shape, target: Shape): number[] {
  const own = stridesOf(shape);
  const out = new Array<number>(target.length).fill(0);
  const offset = target.length - shape.length;
  for (let i = 0; i < shape.length; i++) out[offset + i] = shape[i] === 1 ? 0 : own[i];
  return out;
}

/**
 * Resolves a possibly negative axis against `ndim`, throwing a {@link ShapeError} when out of range.
 * @example normalizeAxis(-1, 3) // 2
 */
export function normalizeAxis(axis: number, ndim: number): number {
  if (!Number.isInteger(axis) || axis < -ndim || axis >= Math.max(ndim, 1)) {
    throw new ShapeError(`Axis ${axis} is out of range for a tensor with ${ndim} dimension(s)`);
  }
  return axis < 0 ? axis + ndim : axis;
}

/** Whether two shapes are equal. */
export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Formats a shape the way error messages show it: `[2, 3]`. */
export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}
