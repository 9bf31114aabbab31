import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import { ESTIMATOR_MODULES } from '../../src/parallel/estimator-modules.js';
import { classNamesIn, estimatorRegistry } from '../../src/parallel/registry.js';

const srcDir = new URL('../../src/', import.meta.url);

/** className → module for every restorable class each package module exports (first module wins). */
async function scanPackage(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const module of readdirSync(srcDir).sort()) {
    if (!existsSync(new URL(`${module}/index.js`, srcDir)) || module === 'cli' || module === 'parallel') continue;
    const ns = (await import(new URL(`${module}/index.js`, srcDir).href)) as Record<string, unknown>;
    for (const value of Object.values(ns)) {
      if (typeof value !== 'function' || typeof (value as { fromJSON?: unknown }).fromJSON !== 'function') continue;
      const name = (value as { estimatorName?: string }).estimatorName ?? value.name;
      if (name === 'BaseEstimator' || name === 'BasePCA') continue;
      if (!Object.hasOwn(out, name)) out[name] = module;
    }
  }
  return out;
}

describe('estimator → module table (what worker threads import)', () => {
  test('matches the classes the package modules export', async () => {
    const actual = await scanPackage();
    const table = Object.entries(actual)
      .sort(([a, ma], [b, mb]) => (ma === mb ? (a < b ? -1 : 1) : ma < mb ? -1 : 1))
      .map(([k, v]) => `  ${k}: '${v}',`)
      .join('\n');
    assert.deepEqual(
      { ...ESTIMATOR_MODULES },
      actual,
      `src/parallel/estimator-modules.ts is out of date; its table should read:\n${table}`,
    );
  });

  test('a registry for given classes imports only their modules and still finds nested ones', async () => {
    const saved = {
      className: 'Pipeline',
      params: {
        steps: [
          ['scale', { className: 'StandardScaler' }],
          ['model', { className: 'Ridge' }],
        ],
      },
    };
    const names = classNamesIn(saved);
    assert.deepEqual(names, ['Pipeline', 'Ridge', 'StandardScaler']);
    const registry = await estimatorRegistry([], names);
    for (const n of names) assert.ok(registry.has(n), n);
    assert.ok(!registry.has('KMeans'), 'cluster was not needed');
    const everything = await estimatorRegistry([], ['NotAPackageClass']);
    assert.ok(everything.has('KMeans'), 'an unknown class falls back to the whole index');
  });
});
