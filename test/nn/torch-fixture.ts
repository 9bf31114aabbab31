/** Reading the PyTorch fixtures in `test/fixtures/torch/` and comparing against them. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { Tensor } from '../../src/tensor/tensor.js';

export interface FixtureTensor {
  shape: number[];
  dtype: 'float64' | 'float32' | 'int64' | 'bool';
  data: (number | boolean)[];
}

// biome-ignore lint/suspicious/noExplicitAny: fixtures are free-form JSON
export type Fixture = Record<string, any>;

const root = new URL('../../../test/fixtures/torch/', import.meta.url);

/** Every fixture file under `dir` (e.g. `'ops'`), as `[name, fixture]`. */
export function fixturesIn(dir: string): [string, Fixture][] {
  return readdirSync(new URL(`${dir}/`, root))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f.replace(/\.json$/, ''), loadFixture(`${dir}/${f}`)]);
}

/** One fixture by relative path. */
export function loadFixture(path: string): Fixture {
  return JSON.parse(readFileSync(new URL(path, root), 'utf8'));
}

/** A fixture tensor as a typelearn tensor: floats in `dtype`, int64 as int32, bool as bool. */
export function toTensor(t: FixtureTensor, dtype: 'float32' | 'float64' = 'float64'): Tensor {
  if (t.dtype === 'int64') return new Tensor(Int32Array.from(t.data as number[]), t.shape);
  if (t.dtype === 'bool')
    return new Tensor(
      Uint8Array.from(t.data as boolean[], (b) => (b ? 1 : 0)),
      t.shape,
    );
  const data = dtype === 'float32' ? Float32Array.from(t.data as number[]) : Float64Array.from(t.data as number[]);
  return new Tensor(data, t.shape);
}

/** Tolerances per dtype, from the fixtures' README. */
export const TOL = { float64: { rtol: 1e-9, atol: 1e-12 }, float32: { rtol: 1e-5, atol: 1e-5 } } as const;

/** Asserts `actual` matches fixture tensor `expected` element-wise within `tol`. */
export function assertClose(
  actual: Tensor | null | undefined,
  expected: FixtureTensor,
  tol: { rtol: number; atol: number },
  what: string,
): void {
  assert.ok(actual, `${what}: missing`);
  assert.deepEqual([...actual.shape], expected.shape, `${what}: shape`);
  const exact = expected.dtype === 'int64' || expected.dtype === 'bool';
  for (let i = 0; i < expected.data.length; i++) {
    const e = Number(expected.data[i]);
    const a: number = actual.data[i];
    if (exact) {
      assert.equal(a, e, `${what}[${i}]`);
      continue;
    }
    const ok = Math.abs(a - e) <= tol.atol + tol.rtol * Math.abs(e) || (Number.isNaN(a) && Number.isNaN(e)) || a === e;
    assert.ok(ok, `${what}[${i}]: got ${a}, expected ${e} (rtol ${tol.rtol}, atol ${tol.atol})`);
  }
}

/** The two runs every fixture supports: float64 against `expected`, float32 against `expected_float32`. */
export const RUNS = [
  { dtype: 'float64', key: 'expected' },
  { dtype: 'float32', key: 'expected_float32' },
] as const;
