import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';

// Each scenario runs in a fresh Node process: the WASM backend decides its availability
// once per process, and the point is what happens on the first call.
const kernels = new URL('../../../src/tensor/kernels/', import.meta.url).href;

const probe = `
const { gemm } = await import('${kernels}gemm.js');
const { listBackends, setBackend } = await import('${kernels}registry.js');
const c = new Float32Array(64 * 64);
const a = Float32Array.from({ length: 64 * 64 }, (_, i) => (i % 7) - 3);
gemm(false, true, 64, 64, 64, 1, a, 64, a, 64, 0, c, 64);
let want = 0;
for (let p = 0; p < 64; p++) want += a[5 * 64 + p] * a[9 * 64 + p];
let forced = 'accepted';
try { setBackend('wasm'); } catch (e) { forced = e.message; }
console.log(JSON.stringify({ backends: listBackends(), ok: c[5 * 64 + 9] === want, forced }));
`;

function run(flags: string[], prelude = ''): { backends: string[]; ok: boolean; forced: string } {
  const out = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', prelude + probe], {
    encoding: 'utf8',
  });
  assert.equal(out.status, 0, out.stderr);
  return JSON.parse(out.stdout.trim());
}

describe('fallback to the js backend', () => {
  test('with WebAssembly SIMD available, wasm is listed and gemm is correct', () => {
    const r = run([]);
    assert.deepEqual(r.backends, ['js', 'wasm']);
    assert.equal(r.ok, true);
    assert.equal(r.forced, 'accepted');
  });

  test('without WebAssembly at all (--noexpose-wasm), gemm silently uses js', () => {
    const r = run(['--noexpose-wasm']);
    assert.deepEqual(r.backends, ['js']);
    assert.equal(r.ok, true);
    assert.match(r.forced, /backend 'wasm' is not available here; available: js/);
  });

  test('when compilation is refused (as under a CSP without wasm-unsafe-eval), gemm silently uses js', () => {
    const refuse = `WebAssembly.Module = function () { throw new WebAssembly.CompileError('refused by CSP'); };\n`;
    const r = run([], refuse);
    assert.deepEqual(r.backends, ['js']);
    assert.equal(r.ok, true);
    assert.match(r.forced, /not available/);
  });
});
