import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ByteWriter, CodeWriter, encodeModule, I32, Op } from '../../../src/tensor/kernels/wasm/encoder.js';
import { buildGemmModule, F32_SHAPE, F64_SHAPE, microCols } from '../../../src/tensor/kernels/wasm/gemm-module.js';

describe('wasm encoder', () => {
  test('unsigned LEB128', () => {
    const enc = (v: number) => Array.from(new ByteWriter().u32(v).bytes());
    assert.deepEqual(enc(0), [0]);
    assert.deepEqual(enc(127), [0x7f]);
    assert.deepEqual(enc(128), [0x80, 0x01]);
    assert.deepEqual(enc(624485), [0xe5, 0x8e, 0x26]);
    assert.deepEqual(enc(2 ** 32 - 1), [0xff, 0xff, 0xff, 0xff, 0x0f]);
  });

  test('signed LEB128', () => {
    const enc = (v: number) => Array.from(new ByteWriter().i32(v).bytes());
    assert.deepEqual(enc(0), [0]);
    assert.deepEqual(enc(-1), [0x7f]);
    assert.deepEqual(enc(63), [0x3f]);
    assert.deepEqual(enc(64), [0xc0, 0x00]);
    assert.deepEqual(enc(-64), [0x40]);
    assert.deepEqual(enc(-65), [0xbf, 0x7f]);
    assert.deepEqual(enc(-123456), [0xc0, 0xbb, 0x78]);
    assert.deepEqual(enc(-(2 ** 31)), [0x80, 0x80, 0x80, 0x80, 0x78]);
  });

  test('the buffer grows past its initial size', () => {
    const w = new ByteWriter();
    for (let i = 0; i < 1000; i++) w.byte(i);
    const bytes = w.bytes();
    assert.equal(bytes.length, 1000);
    assert.equal(bytes[999], 999 & 0xff);
  });

  test('an encoded module validates and runs', () => {
    // (func (param i32 i32) (result i32) (i32.mul (i32.add (local.get 0) (local.get 1)) (i32.const -3)))
    const body = new CodeWriter().localGet(0).localGet(1).op(Op.i32Add).i32Const(-3).op(Op.i32Mul);
    const bytes = encodeModule({
      memoryMinPages: 1,
      functions: [{ params: [I32, I32], results: [I32], locals: [], body, exportName: 'f' }],
    });
    assert.ok(WebAssembly.validate(bytes));
    const memory = new WebAssembly.Memory({ initial: 1 });
    const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    assert.equal((inst.exports.f as (a: number, b: number) => number)(2, 5), -21);
  });
});

describe('gemm module builder', () => {
  for (const shape of [F32_SHAPE, F64_SHAPE]) {
    test(`${shape.dtype} module validates and stays under Chrome's 4 KiB synchronous-compile limit`, () => {
      const bytes = buildGemmModule(shape);
      assert.ok(WebAssembly.validate(bytes));
      assert.ok(bytes.length < 4096, `${bytes.length} bytes`);
    });
  }

  test('other micro-kernel shapes also build valid modules under 4 KiB', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      for (const [mr, nv, unroll] of [
        [6, 2, 4],
        [8, 1, 2],
        [3, 3, 1],
      ]) {
        const bytes = buildGemmModule({ dtype, mr, nv, unroll });
        assert.ok(WebAssembly.validate(bytes), `${dtype} ${mr}x${nv}x${unroll}`);
        assert.ok(bytes.length < 4096);
      }
    }
    assert.equal(microCols({ dtype: 'float32', mr: 4, nv: 2, unroll: 1 }), 8);
    assert.equal(microCols({ dtype: 'float64', mr: 4, nv: 2, unroll: 1 }), 4);
  });

  test('macro computes C += alpha * Ap @ Bp on packed panels', () => {
    // One 4 x 4 float64 tile (mr = 4, nr = 4), kc = 2: Ap holds A^T (column r = row r of A).
    const memory = new WebAssembly.Memory({ initial: 1 });
    const inst = new WebAssembly.Instance(new WebAssembly.Module(buildGemmModule(F64_SHAPE)), { env: { memory } });
    const macro = inst.exports.macro as (...args: number[]) => void;
    const mem = new Float64Array(memory.buffer);
    const A = [
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
    ];
    const B = [
      [1, 0, -1, 2],
      [0.5, 1, 0, -2],
    ];
    for (let p = 0; p < 2; p++) for (let r = 0; r < 4; r++) mem[p * 4 + r] = A[r][p];
    for (let p = 0; p < 2; p++) for (let j = 0; j < 4; j++) mem[8 + p * 4 + j] = B[p][j];
    const c0 = 16;
    for (let i = 0; i < 16; i++) mem[c0 + i] = 1;
    macro(0, 8 * 8, c0 * 8, 4, 4, 2, 4 * 8, 2);
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        const want = 1 + 2 * (A[i][0] * B[0][j] + A[i][1] * B[1][j]);
        assert.equal(mem[c0 + i * 4 + j], want, `C[${i}, ${j}]`);
      }
    }
  });
});
