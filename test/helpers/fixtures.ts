/**
 * Loads a scikit-learn fixture from test/fixtures/sklearn and compares values with
 * the fixture's tolerance rule: |actual - expected| <= atol + rtol * |expected|.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

export interface SklearnFixture {
  sklearn_version: string;
  description: string;
  params: Record<string, unknown>;
  // biome-ignore lint/suspicious/noExplicitAny: fixture payloads are free-form JSON
  inputs: Record<string, any>;
  // biome-ignore lint/suspicious/noExplicitAny: fixture payloads are free-form JSON
  expected: Record<string, any>;
  tolerances: Record<string, { rtol?: number; atol?: number; match?: string }>;
}

/** Reads `test/fixtures/sklearn/<name>.json` (path relative to the compiled dist/test/helpers). */
export function loadSklearnFixture(name: string): SklearnFixture {
  const url = new URL(`../../../test/fixtures/sklearn/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as SklearnFixture;
}

/** Asserts element-wise closeness of numbers or (nested) arrays of numbers. */
export function assertClose(
  actual: number | ArrayLike<number> | unknown[],
  expected: number | ArrayLike<number> | unknown[],
  { rtol = 1e-6, atol = 1e-9, label = 'value' } = {},
): void {
  const flat = (v: unknown): number[] =>
    typeof v === 'number' ? [v] : Array.from(v as ArrayLike<unknown>).flatMap((x) => flat(x));
  const a = flat(actual);
  const e = flat(expected);
  assert.equal(a.length, e.length, `${label}: length ${a.length} != expected ${e.length}`);
  for (let i = 0; i < a.length; i++) {
    const ok = Math.abs(a[i] - e[i]) <= atol + rtol * Math.abs(e[i]) || (Number.isNaN(a[i]) && Number.isNaN(e[i]));
    assert.ok(ok, `${label}[${i}]: got ${a[i]}, expected ${e[i]} (rtol ${rtol}, atol ${atol})`);
  }
}
