import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import {
  getBackend,
  getKernel,
  isBackendAvailable,
  listBackends,
  type OpName,
  setBackend,
} from '../../../src/tensor/kernels/registry.js';

after(() => setBackend('auto'));

describe('kernel registry', () => {
  test("defaults to 'auto' and round-trips a forced backend", () => {
    assert.equal(getBackend(), 'auto');
    setBackend('js');
    assert.equal(getBackend(), 'js');
    setBackend('wasm');
    assert.equal(getBackend(), 'wasm');
    setBackend('auto');
    assert.equal(getBackend(), 'auto');
  });

  test('lists js always and wasm where SIMD validates (Node 20)', () => {
    const names = listBackends();
    assert.equal(names[0], 'js');
    assert.ok(names.includes('wasm'));
    assert.equal(isBackendAvailable('js'), true);
    assert.equal(isBackendAvailable('wasm'), true);
  });

  test('an unknown backend is rejected with the known names', () => {
    assert.throws(() => setBackend('webgpu' as 'js'), /unknown backend 'webgpu'.*js, wasm/);
    assert.equal(getBackend(), 'auto');
    assert.equal(isBackendAvailable('webgpu' as 'js'), false);
  });

  test('getKernel returns the registered kernels, distinct per backend', () => {
    const js = getKernel('gemm', 'js');
    const wasm = getKernel('gemm', 'wasm');
    assert.equal(typeof js, 'function');
    assert.equal(typeof wasm, 'function');
    assert.notEqual(js, wasm);
    const c = new Float64Array(1);
    wasm(false, false, 1, 1, 1, 2, new Float64Array([3]), 1, new Float64Array([4]), 1, 0, c, 1);
    assert.equal(c[0], 24);
  });

  test('a missing kernel throws an Error naming op and backend', () => {
    assert.throws(() => getKernel('conv2d' as OpName, 'wasm'), /no kernel for op 'conv2d' on backend 'wasm'/);
    assert.throws(() => getKernel('gemm', 'webgpu' as 'js'), /no kernel for op 'gemm' on backend 'webgpu'/);
  });
});
